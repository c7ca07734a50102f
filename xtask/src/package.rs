//! The installable package in dist/: the TypeScript declarations, the custom elements
//! manifest, the changelog and package.json ([`write`], after each build, from `package/`),
//! and [`check`], the suite that packs dist/ with npm, checks that every file a shipped module
//! loads is shipped, imports the package in Node.js as server rendering does, installs it in a
//! scratch portal project and type-checks that portal's TypeScript (`package/tests/`)
//! with `tsc --strict`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::dist::ENTRY;
use crate::process::{command, Counts};

/// The package's own files, written into dist/ as they are (the entry module is filled in
/// by [`crate::dist::finish`]): the declarations (the Vue ones are types only), the React
/// component, the manifest, the changelog.
const SHIPPED_AS_THEY_ARE: [(&str, &str); 6] = [
    (DECLARATIONS, DECLARATIONS_TEMPLATE),
    (REACT_COMPONENT, include_str!("../../package/react.js")),
    ("react.d.ts", include_str!("../../package/react.d.ts")),
    ("vue.d.ts", include_str!("../../package/vue.d.ts")),
    (MANIFEST, MANIFEST_TEMPLATE),
    ("CHANGELOG.md", include_str!("../../package/CHANGELOG.md")),
];
const DECLARATIONS_TEMPLATE: &str = include_str!("../../package/customer-profile.d.ts");
const MANIFEST_TEMPLATE: &str = include_str!("../../package/custom-elements.json");
/// `{{VERSION}}` and `{{FILES}}` are filled in by [`write`].
const PACKAGE_TEMPLATE: &str = include_str!("../../package/package.json");
pub const DECLARATIONS: &str = "customer-profile.d.ts";
/// The React component (`customer-profile/react`): the package's, no page of dist/ loads it.
pub const REACT_COMPONENT: &str = "react.js";
pub const MANIFEST: &str = "custom-elements.json";
const PACKAGE: &str = "package.json";
/// English's catalogue, shipped so that portals see every key they can override.
const ENGLISH: &str = "i18n/en.json";

/// The `version` of the `[package]` table of a Cargo.toml text.
pub fn package_version(cargo_toml: &str) -> Option<String> {
    let mut in_package = false;
    for line in cargo_toml.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package {
            if let Some(rest) = line.strip_prefix("version") {
                let value = rest.trim_start().strip_prefix('=')?.trim_start();
                return value
                    .strip_prefix('"')?
                    .split('"')
                    .next()
                    .map(str::to_owned);
            }
        }
    }
    None
}

/// The files a module loads, as it names them: the string literal of each `import('…')` and
/// of each `new URL('…', import.meta.url)` — the forms bundlers follow — outside comment
/// lines (`//`, `/*`, `*`). Written by hand: the modules are ours or wasm-bindgen's,
/// minified or not, and these two forms are all a bundler reads (no JavaScript parser is
/// among this project's dependencies).
pub fn references(js: &str) -> Vec<String> {
    let code: String = js
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            !(line.starts_with("//") || line.starts_with("/*") || line.starts_with('*'))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    for (call, needs_base) in [("import(", false), ("new URL(", true)] {
        let mut rest = code.as_str();
        while let Some(at) = rest.find(call) {
            rest = &rest[at + call.len()..];
            let Some(quote) = rest.chars().next().filter(|c| matches!(c, '\'' | '"')) else {
                continue;
            };
            let Some(len) = rest[1..].find(quote) else {
                continue;
            };
            let literal = &rest[1..1 + len];
            let after = rest[1 + len + 1..].trim_start();
            let based = after
                .strip_prefix(',')
                .is_some_and(|a| a.trim_start().starts_with("import.meta.url"));
            if !needs_base || based {
                found.push(literal.to_owned());
            }
        }
    }
    found
}

/// A reference as a path inside the package (`./i18n/fr-….js` → `i18n/fr-….js`), resolved
/// against the module at `from`; `None` for what is not a relative path.
fn package_path(from: &str, reference: &str) -> Option<String> {
    if reference.contains(':') || reference.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in reference.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            name => parts.push(name),
        }
    }
    Some(parts.join("/"))
}

/// Every file the entry loads, directly or through the modules it loads, as package paths,
/// the entry first; an error names a referenced file that dist/ does not hold.
pub fn loaded_files(dist: &Path) -> Result<Vec<String>, String> {
    let mut files = vec![ENTRY.to_owned()];
    let mut next = 0;
    while next < files.len() {
        let file = files[next].clone();
        next += 1;
        if !file.ends_with(".js") {
            continue;
        }
        let text = std::fs::read_to_string(dist.join(&file))
            .map_err(|e| format!("cannot read dist/{file}: {e}"))?;
        for reference in references(&text) {
            let path = package_path(&file, &reference)
                .ok_or_else(|| format!("dist/{file} loads {reference:?}, not a file beside it"))?;
            if !dist.join(&path).is_file() {
                return Err(format!(
                    "dist/{file} loads {reference:?}, which dist/ does not hold"
                ));
            }
            if !files.contains(&path) {
                files.push(path);
            }
        }
    }
    Ok(files)
}

/// What a portal needs from dist/, in package.json's `files`: every file the entry loads
/// ([`loaded_files`]), English's catalogue, the declarations, the manifest and the
/// changelog. Not the standalone page (index.html, config.json, its style sheet and its copy
/// of the entry), nor the precompressed `.br` and `.gz` files (a portal's bundler or server
/// compresses what it serves).
pub fn package_files(dist: &Path) -> Result<Vec<String>, String> {
    let mut files = loaded_files(dist)?;
    files.push(ENGLISH.to_owned());
    files.extend(
        SHIPPED_AS_THEY_ARE
            .iter()
            .map(|(name, _)| (*name).to_owned()),
    );
    Ok(files)
}

/// package.json for this version and these files.
fn package_json(version: &str, files: &[String]) -> String {
    let quote = |s: &str| serde_json::Value::from(s).to_string();
    let list: Vec<String> = files.iter().map(|f| format!("    {}", quote(f))).collect();
    PACKAGE_TEMPLATE
        .replace("\"{{VERSION}}\"", &quote(version))
        .replace("\"{{FILES}}\"", &format!("[\n{}\n  ]", list.join(",\n")))
}

/// Writes the package's own files and package.json (version: the root Cargo.toml's, `files`:
/// [`package_files`]) into dist/, once the entry and what it loads are there.
pub fn write(dist: &Path) -> Result<(), String> {
    let cargo_toml = crate::workspace_root().join("Cargo.toml");
    let text = std::fs::read_to_string(&cargo_toml)
        .map_err(|e| format!("cannot read {}: {e}", cargo_toml.display()))?;
    let version = package_version(&text).ok_or("the root Cargo.toml has no [package] version")?;
    let write = |name: &str, text: &str| {
        std::fs::write(dist.join(name), text).map_err(|e| format!("cannot write dist/{name}: {e}"))
    };
    for (name, text) in SHIPPED_AS_THEY_ARE {
        write(name, text)?;
    }
    write(PACKAGE, &package_json(&version, &package_files(dist)?))
}

/// One diagnostic of `tsc --pretty false`: `file(line,col): error TSnnnn: …`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub code: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{} {}", self.file, self.line, self.code)
    }
}

/// The diagnostics in tsc's output (continuation lines skipped).
pub fn parse_diagnostics(output: &str) -> Vec<Diagnostic> {
    output
        .lines()
        .filter_map(|line| {
            let (file, rest) = line.split_once('(')?;
            let (position, rest) = rest.split_once("): error ")?;
            let line_number = position.split(',').next()?.parse().ok()?;
            let code = rest.split(':').next()?;
            code.starts_with("TS").then(|| Diagnostic {
                file: file.trim().to_owned(),
                line: line_number,
                code: code.to_owned(),
            })
        })
        .collect()
}

/// The errors a fixture says tsc must report: a `// @expect TSnnnn` comment at the end of
/// each line that must be rejected.
pub fn expected_diagnostics(file: &str, source: &str) -> Vec<Diagnostic> {
    source
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let code = line
                .split("// @expect ")
                .nth(1)?
                .split_whitespace()
                .next()?;
            let digits = code.strip_prefix("TS")?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some(Diagnostic {
                file: file.to_owned(),
                line: i + 1,
                code: code.to_owned(),
            })
        })
        .collect()
}

/// The suite: `npm pack dist/` gives exactly package.json's files; the tarball installs in a
/// scratch portal project; every file a module of the installed package loads is in it;
/// Node.js imports the package as server rendering does (`package/tests/server-import.mjs`);
/// `tsc --strict` accepts `package/tests/portal.ts` and rejects each marked line of
/// `package/tests/wrong.ts` with the marked error, and nothing else. Six checks; those that
/// cannot run after a failure count as failed.
pub fn check(root: &Path) -> Counts {
    const CHECKS: u32 = 6;
    let work = root.join(CHECK_DIR);
    let failed = |passed: u32, why: String| {
        eprintln!("{why}");
        Counts {
            passed,
            failed: CHECKS - passed,
        }
    };
    let tarball = match prepare(&work).and_then(|()| pack(&root.join("dist"), &work)) {
        Ok(tarball) => tarball,
        Err(e) => return failed(0, format!("npm pack: {e}")),
    };
    let portal = work.join("portal");
    if let Err(e) = install(&tarball, &portal) {
        return failed(1, format!("installing the package: {e}"));
    }
    let tests = root.join("package/tests");
    let mut counts = Counts {
        passed: 2,
        failed: 0,
    };
    counts += Counts::check(
        loaded_files(&portal.join("node_modules/customer-profile"))
            .map(|files| {
                println!(
                    "the installed package holds the {} files its entry loads",
                    files.len()
                )
            })
            .map_err(|e| format!("a file the package loads is not in it: {e}")),
    );
    counts += Counts::check(import_on_a_server(&tests, &portal));
    counts += Counts::check(typecheck_accepts(&tests, &portal, "portal.ts"));
    counts += Counts::check(typecheck_rejects(&tests, &portal, "wrong.ts"));
    counts
}

/// Runs `package/tests/server-import.mjs` with Node.js in the portal project: importing the
/// package as server rendering does throws nothing, fetches nothing, defines nothing.
fn import_on_a_server(tests: &Path, portal: &Path) -> Result<(), String> {
    let script = "server-import.mjs";
    std::fs::copy(tests.join(script), portal.join(script))
        .map_err(|e| format!("cannot copy package/tests/{script}: {e}"))?;
    let out = run_captured(command("node").current_dir(portal).arg(script))?;
    println!("{}", out.trim_end());
    Ok(())
}

/// Where the package suite packs the tarball, relative to the workspace root.
const CHECK_DIR: &str = "target/package-check";

/// The tarball the package suite packed, if it did.
pub fn tarball(root: &Path) -> Option<PathBuf> {
    std::fs::read_dir(root.join(CHECK_DIR))
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "tgz"))
}

fn prepare(work: &Path) -> Result<(), String> {
    if work.exists() {
        std::fs::remove_dir_all(work)
            .map_err(|e| format!("cannot empty {}: {e}", work.display()))?;
    }
    std::fs::create_dir_all(work.join("portal"))
        .map_err(|e| format!("cannot create {}: {e}", work.display()))
}

/// Runs a command, echoing it and its output; its stdout when it exits 0.
fn run_captured(cmd: &mut std::process::Command) -> Result<String, String> {
    println!("$ {cmd:?}");
    let out = cmd
        .output()
        .map_err(|e| format!("could not run {cmd:?}: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !stderr.trim().is_empty() {
        eprintln!("{}", stderr.trim_end());
    }
    if out.status.success() {
        Ok(stdout)
    } else {
        println!("{}", stdout.trim_end());
        Err(format!("{cmd:?} failed ({})", out.status))
    }
}

/// `npm pack dist/` into `work`; checks that the tarball holds exactly package.json's
/// `files` (and package.json), and returns its path.
fn pack(dist: &Path, work: &Path) -> Result<PathBuf, String> {
    let text = std::fs::read_to_string(dist.join(PACKAGE))
        .map_err(|e| format!("cannot read dist/{PACKAGE} (run `cargo xtask dist`): {e}"))?;
    let package: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("dist/{PACKAGE}: {e}"))?;
    let mut wanted: BTreeSet<String> = package["files"]
        .as_array()
        .ok_or("package.json has no `files` list")?
        .iter()
        .filter_map(|f| f.as_str().map(str::to_owned))
        .collect();
    wanted.insert(PACKAGE.to_owned());
    let stdout = run_captured(
        command("npm")
            .arg("pack")
            .arg(dist)
            .arg("--pack-destination")
            .arg(work)
            .args(["--json", "--loglevel=warn"]),
    )?;
    let report: serde_json::Value =
        serde_json::from_str(&stdout).map_err(|e| format!("npm pack --json: {e}"))?;
    let packed = &report[0];
    let files: BTreeSet<String> = packed["files"]
        .as_array()
        .ok_or("npm pack --json lists no files")?
        .iter()
        .filter_map(|f| f["path"].as_str().map(str::to_owned))
        .collect();
    if files != wanted {
        return Err(format!(
            "the tarball holds {files:?}, package.json says {wanted:?}"
        ));
    }
    let name = packed["filename"]
        .as_str()
        .ok_or("npm pack --json names no tarball")?;
    println!("packed {name}: {} files", files.len());
    Ok(work.join(name))
}

/// A scratch portal project (an ES module package) with the tarball installed, offline: the
/// package has no dependencies.
fn install(tarball: &Path, portal: &Path) -> Result<(), String> {
    std::fs::write(
        portal.join(PACKAGE),
        "{ \"name\": \"portal\", \"private\": true, \"type\": \"module\" }\n",
    )
    .map_err(|e| format!("cannot write the portal's package.json: {e}"))?;
    run_captured(
        command("npm")
            .current_dir(portal)
            .args([
                "install",
                "--offline",
                "--no-audit",
                "--no-fund",
                "--no-package-lock",
                "--loglevel=warn",
            ])
            .arg(tarball),
    )?;
    let installed = portal
        .join("node_modules/customer-profile")
        .join(DECLARATIONS);
    if installed.is_file() {
        Ok(())
    } else {
        Err(format!(
            "{} is missing after npm install",
            installed.display()
        ))
    }
}

/// Copies the fixture into the portal and runs `tsc --strict` on it; tsc's stdout and
/// whether it passed.
fn tsc(fixtures: &Path, portal: &Path, file: &str) -> Result<(String, bool), String> {
    let source = std::fs::read_to_string(fixtures.join(file))
        .map_err(|e| format!("cannot read package/tests/{file}: {e}"))?;
    std::fs::write(portal.join(file), source).map_err(|e| format!("cannot copy {file}: {e}"))?;
    let mut cmd = command("tsc");
    cmd.current_dir(portal).args([
        "--strict",
        "--noEmit",
        "--pretty",
        "false",
        "--target",
        "es2022",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
        "--lib",
        "es2022,dom",
        file,
    ]);
    println!("$ {cmd:?}");
    let out = cmd
        .output()
        .map_err(|e| format!("could not run tsc (cargo xtask installs it): {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    println!("{}", stdout.trim_end());
    Ok((stdout, out.status.success()))
}

fn typecheck_accepts(fixtures: &Path, portal: &Path, file: &str) -> Result<(), String> {
    let (output, passed) = tsc(fixtures, portal, file)?;
    if passed && parse_diagnostics(&output).is_empty() {
        println!("tsc --strict accepts {file}");
        Ok(())
    } else {
        Err(format!(
            "tsc --strict rejects {file}, a correct portal file"
        ))
    }
}

fn typecheck_rejects(fixtures: &Path, portal: &Path, file: &str) -> Result<(), String> {
    let source = std::fs::read_to_string(fixtures.join(file))
        .map_err(|e| format!("cannot read package/tests/{file}: {e}"))?;
    let expected = expected_diagnostics(file, &source);
    if expected.is_empty() {
        return Err(format!("{file} marks no line with `// @expect TSnnnn`"));
    }
    let (output, passed) = tsc(fixtures, portal, file)?;
    let found: BTreeSet<Diagnostic> = parse_diagnostics(&output).into_iter().collect();
    let expected: BTreeSet<Diagnostic> = expected.into_iter().collect();
    if passed || found != expected {
        let list = |set: BTreeSet<&Diagnostic>| {
            let items: Vec<String> = set.iter().map(|d| d.to_string()).collect();
            items.join(", ")
        };
        return Err(format!(
            "tsc --strict on {file}: errors expected but missing: [{}]; unexpected: [{}]",
            list(expected.difference(&found).collect()),
            list(found.difference(&expected).collect()),
        ));
    }
    println!(
        "tsc --strict rejects each of the {} wrong calls in {file}",
        expected.len()
    );
    Ok(())
}

/// `cargo xtask types`: the package suite alone, against the dist/ already built.
pub fn run_types(root: &Path) -> Result<(), String> {
    crate::tools::ensure_typescript(root)?;
    let counts = check(root);
    println!("{} passed, {} failed", counts.passed, counts.failed);
    if counts.failed == 0 {
        Ok(())
    } else {
        Err(String::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const ENTRY_TEMPLATE: &str = include_str!("../../package/customer-profile.js");
    const MAIN_CSS: &str = include_str!("../../style/main.css");

    fn manifest() -> Value {
        serde_json::from_str(MANIFEST_TEMPLATE).expect("custom-elements.json is JSON")
    }

    /// The custom element's declaration in the manifest.
    fn element(manifest: &Value) -> &Value {
        manifest["modules"][0]["declarations"]
            .as_array()
            .and_then(|d| d.iter().find(|d| d["tagName"] == "customer-profile"))
            .expect("the manifest declares <customer-profile>")
    }

    /// The `name` of every entry of a manifest list.
    fn names(list: &Value) -> BTreeSet<String> {
        list.as_array()
            .expect("a list")
            .iter()
            .map(|item| item["name"].as_str().expect("a name").to_owned())
            .collect()
    }

    /// The text between `start` and the next `end` after it.
    fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
        let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
        let len = text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
        &text[from..from + len]
    }

    /// The single-quoted strings of a JS snippet.
    fn quoted(js: &str) -> BTreeSet<String> {
        js.split('\'')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    /// `name` → type of each `name: type;` member of a TypeScript block.
    fn ts_members(block: &str) -> Vec<(String, String)> {
        block
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with("/**") && !l.starts_with('*') && !l.starts_with("//"))
            .filter_map(|l| {
                let (name, ty) = l.strip_suffix(';')?.split_once(": ")?;
                let name = name.trim_start_matches("readonly ").trim_matches('\'');
                Some((name.to_owned(), ty.to_owned()))
            })
            .collect()
    }

    #[test]
    fn reads_the_package_version_of_a_cargo_toml() {
        let toml = "[workspace]\nversion = \"9.9.9\"\n\n[package]\nname = \"x\"\n\
                    version = \"1.2.3\" # released\n\n[dependencies]\nversion = \"0\"\n";
        assert_eq!(package_version(toml).as_deref(), Some("1.2.3"));
        assert_eq!(package_version("[package]\nname = \"x\"\n"), None);
        assert_eq!(
            package_version("[package]\nversion.workspace = true\n"),
            None
        );
    }

    #[test]
    fn every_observed_attribute_is_a_property_in_the_manifest_the_declarations_and_the_element() {
        let observed = quoted(between(
            ENTRY_TEMPLATE,
            "static observedAttributes = [",
            "]",
        ));
        let manifest = manifest();
        let element = element(&manifest);
        assert_eq!(observed, names(&element["attributes"]));
        let class = between(
            DECLARATIONS_TEMPLATE,
            "class CustomerProfileElement extends HTMLElement {",
            "\n}",
        );
        let declared: Vec<(String, String)> = ts_members(class);
        let upgraded = quoted(between(ENTRY_TEMPLATE, "for (const name of [", "]"));
        for attribute in element["attributes"].as_array().expect("attributes") {
            let name = attribute["name"].as_str().expect("name");
            let field = attribute["fieldName"].as_str().expect("fieldName");
            let member = element["members"]
                .as_array()
                .and_then(|m| m.iter().find(|m| m["name"] == field))
                .unwrap_or_else(|| panic!("no member {field} in the manifest"));
            assert_eq!(member["attribute"], name, "{field}");
            assert_eq!(member["reflects"], true, "{field}");
            let ty = member["type"]["text"].as_str().expect("type");
            let in_dts = declared.iter().find(|(n, _)| n == field);
            let expected_ts = if field == "theme" { "Theme" } else { ty };
            assert_eq!(
                in_dts.map(|(_, t)| t.as_str()),
                Some(expected_ts),
                "{field} in customer-profile.d.ts"
            );
            assert!(
                ENTRY_TEMPLATE.contains(&format!("get {field}() {{"))
                    && ENTRY_TEMPLATE.contains(&format!(
                        "set {field}(value) {{ this.#reflect('{name}', value); }}"
                    )),
                "{field} reflects {name} in customer-profile.js"
            );
            assert!(
                upgraded.contains(field),
                "{field} is upgraded in the constructor"
            );
        }
        // The theme type is the same three words everywhere.
        assert!(DECLARATIONS_TEMPLATE.contains("export type Theme = 'light' | 'dark' | 'auto';"));
        assert!(ENTRY_TEMPLATE.contains("const THEMES = ['light', 'dark', 'auto'];"));
        // The other members: read-only dirty, getToken, the methods.
        assert!(declared.contains(&("dirty".into(), "boolean".into())));
        assert!(class.contains("readonly dirty: boolean;"));
        assert!(declared.contains(&("getToken".into(), "GetToken | null".into())));
        for method in ["isDirty", "reload"] {
            assert!(
                class.contains(&format!("  {method}(): ")),
                "{method} in the d.ts"
            );
            assert!(
                ENTRY_TEMPLATE.contains(&format!("  {method}() {{")),
                "{method} in the js"
            );
        }
    }

    #[test]
    fn events_agree_in_the_manifest_the_declarations_and_the_mount_callbacks() {
        let manifest = manifest();
        let element = element(&manifest);
        let event_map = ts_members(between(
            DECLARATIONS_TEMPLATE,
            "interface HTMLElementEventMap {",
            "}",
        ));
        let in_dts: BTreeSet<String> = event_map.iter().map(|(n, _)| n.clone()).collect();
        assert_eq!(names(&element["events"]), in_dts);
        for event in element["events"].as_array().expect("events") {
            let name = event["name"].as_str().expect("name");
            let ty = event["type"]["text"].as_str().expect("type");
            assert!(
                event_map.contains(&(name.to_owned(), ty.to_owned())),
                "{name}: {ty} in HTMLElementEventMap"
            );
            let detail = ty
                .strip_prefix("CustomEvent<")
                .and_then(|t| t.strip_suffix('>'))
                .expect("a CustomEvent");
            assert!(
                DECLARATIONS_TEMPLATE.contains(&format!("export interface {detail} {{")),
                "{detail} is declared"
            );
        }
        // customer-profile.js: each event's callback, declared in MountOptions with its detail.
        let callbacks = between(ENTRY_TEMPLATE, "const CALLBACKS = {", "};");
        let options = ts_members(between(
            DECLARATIONS_TEMPLATE,
            "export interface MountOptions extends UpdateOptions {",
            "\n}",
        ));
        let mut seen = BTreeSet::new();
        for line in callbacks.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (event, callback) = line
                .trim_end_matches(',')
                .split_once(": ")
                .expect("event: 'callback'");
            let event = format!("customer-profile-{}", event.trim_matches('\''));
            let callback = callback.trim_matches('\'');
            let ty = event_map
                .iter()
                .find(|(n, _)| *n == event)
                .map(|(_, t)| t.as_str())
                .unwrap_or_else(|| panic!("{event} is not in HTMLElementEventMap"));
            let detail = &ty["CustomEvent<".len()..ty.len() - 1];
            assert!(
                options.contains(&(
                    format!("{callback}?"),
                    format!("(detail: {detail}) => void")
                )),
                "{callback}?: (detail: {detail}) => void in MountOptions"
            );
            seen.insert(event);
        }
        assert_eq!(seen, in_dts, "a callback for every event");
    }

    #[test]
    fn states_agree_in_the_element_the_manifest_and_the_declarations() {
        let in_js = quoted(between(ENTRY_TEMPLATE, "const STATES = [", "]"));
        let manifest = manifest();
        assert_eq!(in_js, names(&element(&manifest)["cssStates"]));
        let in_dts: BTreeSet<String> = ts_members(between(
            DECLARATIONS_TEMPLATE,
            "export interface States {",
            "}",
        ))
        .into_iter()
        .map(|(name, ty)| {
            assert_eq!(ty, "boolean", "{name}");
            name
        })
        .collect();
        assert_eq!(in_js, in_dts);
    }

    #[test]
    fn the_manifest_lists_every_custom_property_of_the_stylesheet_with_its_default() {
        let in_css: BTreeSet<String> = MAIN_CSS
            .split("--cp-")
            .skip(1)
            .map(|rest| {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                format!("--cp-{name}")
            })
            .collect();
        let manifest = manifest();
        let element = element(&manifest);
        assert_eq!(names(&element["cssProperties"]), in_css);
        for property in element["cssProperties"].as_array().expect("cssProperties") {
            let name = property["name"].as_str().expect("name");
            let default = property["default"].as_str().expect("a default");
            assert!(
                MAIN_CSS.contains(&format!("{name}: {default};"))
                    || MAIN_CSS.contains(&format!("var({name}, {default})")),
                "{name}'s default {default} is style/main.css's"
            );
        }
    }

    #[test]
    fn the_manifest_follows_the_schema_and_exports_what_the_module_exports() {
        let manifest = manifest();
        assert_eq!(manifest["schemaVersion"], "2.1.0"); // cssStates came with 2.1.0
        let module = &manifest["modules"][0];
        assert_eq!(module["kind"], "javascript-module");
        assert_eq!(module["path"], ENTRY);
        let element = element(&manifest);
        assert_eq!(element["kind"], "class");
        assert_eq!(element["customElement"], true);
        for part in element["cssParts"].as_array().expect("cssParts") {
            assert!(part["description"].is_string(), "{part}");
        }
        let exports = module["exports"].as_array().expect("exports");
        let js: BTreeSet<String> = exports
            .iter()
            .filter(|e| e["kind"] == "js")
            .map(|e| e["name"].as_str().expect("name").to_owned())
            .collect();
        for name in &js {
            let exported = ENTRY_TEMPLATE.contains(&format!("export const {name} "))
                || ENTRY_TEMPLATE.contains(&format!("export function {name}("))
                || ENTRY_TEMPLATE.contains(&format!("export class {name} "));
            assert!(exported, "customer-profile.js exports {name}");
            let declared = DECLARATIONS_TEMPLATE.contains(&format!("export declare const {name}:"))
                || DECLARATIONS_TEMPLATE.contains(&format!("export declare function {name}("))
                || DECLARATIONS_TEMPLATE.contains(&format!("export declare class {name} "));
            assert!(declared, "customer-profile.d.ts declares {name}");
        }
        let in_js = ENTRY_TEMPLATE.matches("\nexport ").count();
        assert_eq!(
            js.len(),
            in_js,
            "every export of the module is in the manifest"
        );
        assert!(exports
            .iter()
            .any(|e| e["kind"] == "custom-element-definition"
                && e["name"] == "customer-profile"
                && e["declaration"]["name"] == element["name"]));
        assert!(ENTRY_TEMPLATE.contains(&format!(
            "customElements.define('customer-profile', {})",
            element["name"].as_str().expect("name")
        )));
    }

    /// The name of [`fake_dist`]'s file ending in `suffix`, after its contents.
    fn fake_name(suffix: &str) -> String {
        let (prefix, text) = match suffix {
            ".js" => ("customer-profile", FAKE_GLUE),
            "_bg.wasm" => ("customer-profile", "wasm"),
            _ => ("main", "a{}"),
        };
        crate::dist::content_name(prefix, text.as_bytes(), suffix)
    }

    /// wasm-bindgen's glue in short: its default URL of the wasm, as Trunk leaves it.
    const FAKE_GLUE: &str = "export default function init(m) { if (typeof m === 'undefined') \
        { m = new URL('customer-profile_bg.wasm', import.meta.url); } return m; }";

    /// A scratch dist/ with what Trunk writes (fake contents), finished as a debug build.
    fn fake_dist(name: &str, compressed: bool) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        // Named after their bytes already, so that `finish` keeps the names (and the
        // compressed siblings faked below).
        let files = [
            (fake_name(".js"), FAKE_GLUE),
            (fake_name("_bg.wasm"), "wasm"),
            (fake_name(".css"), "a{}"),
            ("config.json".into(), "{}"),
            (
                "index.html".into(),
                "<head><script type=\"module\" src=\"./customer-profile.js\"></script></head>",
            ),
        ];
        for (file, text) in &files {
            let file = file.as_str();
            std::fs::write(dir.join(file), text).expect("write");
            if compressed {
                for ext in ["br", "gz"] {
                    std::fs::write(dir.join(format!("{file}.{ext}")), text).expect("write");
                }
            }
        }
        if compressed {
            // What a release build's precompression writes beside the entry.
            for ext in ["br", "gz"] {
                std::fs::write(dir.join(format!("{ENTRY}.{ext}")), "x").expect("write");
            }
        }
        crate::dist::finish(&dir, false).expect("finished");
        dir
    }

    #[test]
    fn dist_gets_a_package_of_exactly_what_a_portal_needs() {
        for compressed in [false, true] {
            let dir = fake_dist(&format!("package-{compressed}"), compressed);
            let read = |name: &str| std::fs::read_to_string(dir.join(name)).expect(name);
            let package: Value = serde_json::from_str(&read(PACKAGE)).expect("JSON");
            let cargo_toml = std::fs::read_to_string(crate::workspace_root().join("Cargo.toml"))
                .expect("Cargo.toml");
            assert_eq!(
                package["version"].as_str(),
                package_version(&cargo_toml).as_deref()
            );
            assert_eq!(package["name"], "customer-profile");
            assert_eq!(package["type"], "module");
            let files: Vec<&str> = package["files"]
                .as_array()
                .expect("files")
                .iter()
                .map(|f| f.as_str().expect("a name"))
                .collect();
            let hashed_in = |dir: &Path, prefix: &str, suffix: &str| {
                std::fs::read_dir(dir)
                    .expect("a dist/ folder")
                    .flatten()
                    .filter_map(|e| e.file_name().into_string().ok())
                    .find(|n| n.starts_with(prefix) && n.ends_with(suffix))
                    .unwrap_or_else(|| panic!("no {prefix}…{suffix} in {}", dir.display()))
            };
            // What the entry loads, in the order it names them: the glue (which names the
            // wasm), the style sheet's module, the catalogues' modules, the wasm, the worker.
            // The glue, named after its bytes once it names the wasm as served.
            let wasm = fake_name("_bg.wasm");
            let glue = FAKE_GLUE.replace("'customer-profile_bg.wasm'", &format!("'./{wasm}'"));
            let glue = crate::dist::content_name("customer-profile", glue.as_bytes(), ".js");
            let mut loaded = vec![
                "customer-profile.js".to_owned(),
                glue.clone(),
                hashed_in(&dir, "customer-profile-style-", ".js"),
            ];
            for lang in ["de", "es", "fr", "it", "nl", "pt"] {
                let name = hashed_in(&dir.join("i18n"), &format!("{lang}-"), ".js");
                loaded.push(format!("i18n/{name}"));
            }
            loaded.push(wasm.clone());
            loaded.push(hashed_in(&dir, "customer-profile-intl-", ".js"));
            let mut wanted = loaded;
            wanted.extend([
                "i18n/en.json".into(),
                "customer-profile.d.ts".into(),
                "react.js".into(),
                "react.d.ts".into(),
                "vue.d.ts".into(),
                "custom-elements.json".into(),
                "CHANGELOG.md".into(),
            ]);
            // Exactly: the standalone page (index.html, config.json, the css, the entry's
            // hashed copy) and the precompressed files are not in the package.
            assert_eq!(files, wanted);
            // The glue names the wasm as it is served, next to it.
            assert_eq!(references(&read(&glue)), [format!("./{wasm}")]);
            // Every file package.json points at is in the package and in dist/.
            let pointed = [
                &package["exports"]["."]["types"],
                &package["exports"]["."]["default"],
                &package["types"],
                &package["customElements"],
            ];
            for target in pointed {
                let file = target
                    .as_str()
                    .and_then(|t| t.strip_prefix("./"))
                    .expect("a ./ path");
                assert!(files.contains(&file), "{file} is in `files`");
                assert!(dir.join(file).is_file(), "{file} is in dist/");
            }
            for (name, text) in SHIPPED_AS_THEY_ARE {
                assert_eq!(read(name), text);
            }
            // The entry is filled in: no placeholder left.
            assert!(!read(ENTRY).contains("{{"));
            let _ = std::fs::remove_dir_all(&dir);
        }
    }

    #[test]
    fn without_a_built_dist_every_check_of_the_suite_fails() {
        let root = std::env::temp_dir().join(format!("xtask-no-dist-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("temp dir");
        assert_eq!(
            check(&root),
            Counts {
                passed: 0,
                failed: 6
            }
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn finds_the_files_a_module_loads_as_bundlers_do() {
        let js = "// import('./in-a-comment.js')\n\
                  /** new URL('./doc.wasm', import.meta.url) */\n\
                  const a = () => import('./glue-1.js'), b = import(\"./i18n/fr-2.js\");\n\
                  const w = new URL('./x_bg.wasm', import.meta.url);\n\
                  const m=new URL(\"y_bg.wasm\",import.meta.url);\n\
                  const page = new URL('config.json', document.baseURI);\n\
                  const dynamic = import(name);\n";
        assert_eq!(
            references(js),
            ["./glue-1.js", "./i18n/fr-2.js", "./x_bg.wasm", "y_bg.wasm"]
        );
        assert_eq!(
            package_path("i18n/fr-2.js", "../x_bg.wasm").as_deref(),
            Some("x_bg.wasm")
        );
        assert_eq!(
            package_path("customer-profile.js", "./i18n/fr-2.js").as_deref(),
            Some("i18n/fr-2.js")
        );
        assert_eq!(package_path("a.js", "https://cdn.example/x.js"), None);
        assert_eq!(package_path("a.js", "/x.js"), None);
        assert_eq!(package_path("a.js", "../outside.js"), None);
    }

    #[test]
    fn reads_tsc_diagnostics_and_the_fixtures_expectations() {
        let output = "wrong.ts(3,1): error TS2322: Type 'number' is not assignable to type 'string'.\n\
                      wrong.ts(7,5): error TS2345: Argument of type '{ a: 1; }' is not assignable.\n  \
                      Property 'getToken' is missing in type '{ a: 1; }'.\n\
                      Found 2 errors in the same file, starting at: wrong.ts:3\n";
        let found = parse_diagnostics(output);
        let d = |line, code: &str| Diagnostic {
            file: "wrong.ts".into(),
            line,
            code: code.into(),
        };
        assert_eq!(found, vec![d(3, "TS2322"), d(7, "TS2345")]);
        let source =
            "// marked `// @expect TSnnnn` must fail\n\nel.customerId = 42; // @expect TS2322\n";
        assert_eq!(
            expected_diagnostics("wrong.ts", source),
            vec![d(3, "TS2322")]
        );
        assert!(parse_diagnostics("").is_empty());
    }

    #[test]
    fn the_wrong_fixture_marks_a_numeric_customer_id() {
        let wrong = include_str!("../../package/tests/wrong.ts");
        let expected = expected_diagnostics("wrong.ts", wrong);
        let line = wrong
            .lines()
            .position(|l| l.contains(".customerId = 42;"))
            .expect("wrong.ts sets a numeric customerId")
            + 1;
        assert!(expected
            .iter()
            .any(|d| d.line == line && d.code == "TS2322"));
    }
}
