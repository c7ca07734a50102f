//! Installs what the build and the tests need, and only what is missing: each check is a
//! version probe that takes milliseconds when the tool is already there.

use std::path::Path;
use std::process::Command;

use crate::process::{command, output, run};

/// Trunk 0.22 needs a newer rustc than this project's; 0.21.14 is the pinned one.
const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The Debian package of brotli (package, program): a release dist/ is served precompressed,
/// and the size figures are of `.br` files.
const BROTLI: (&str, &str) = ("brotli", "brotli");
/// Debian packages: the browser and its driver, brotli, and procps (`pkill`: the e2e harness
/// ends a panicked test's browser with it).
const APT_PACKAGES: [(&str, &str); 4] = [
    ("chromium", "chromium"),
    ("chromium-driver", "chromedriver"),
    BROTLI,
    ("procps", "pkill"),
];
/// Binaryen from the npm registry (a wasm build run by Node.js). Debian 12's binaryen 108
/// corrupts wasm-bindgen's externref table even on a pass-less round trip
/// ("WebAssembly.Table.set(): Argument 1 is invalid for table"), and wasm-bindgen 0.2.130
/// cannot do without reference types. Trunk.toml pins the same version.
const BINARYEN_NPM: &str = "binaryen@132.0.0";
const WASM_OPT_VERSION: &str = "version_132";
/// axe-core, the accessibility rules the e2e tests run in every state (from the npm registry).
const AXE_NPM: &str = "axe-core@4.14.1";
/// TypeScript, which type-checks a portal's code against the package's declarations.
const TYPESCRIPT_NPM: &str = "typescript@5.9.3";
/// esbuild, the release js/css minifier.
const ESBUILD_VERSION: &str = "0.25.12";
/// Where the tools installed per project live, inside target/ so a clone stays clean.
pub const TOOLS_DIR: &str = "target/tools";
/// The Python tools (schemathesis).
pub const VENV: &str = "target/tools/venv";

/// What `cargo xtask dev` and `dist` need: the wasm target, Trunk and wasm-bindgen (and for
/// a release build wasm-opt, esbuild and brotli).
pub fn ensure_for_build(root: &Path, release: bool) -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen(root)?;
    if release {
        ensure_wasm_opt(root)?;
        ensure_esbuild(root)?;
        ensure_apt(&[BROTLI])?;
    }
    Ok(())
}

/// What `cargo xtask test` needs: everything.
pub fn ensure_for_tests(root: &Path) -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_apt(&APT_PACKAGES)?;
    ensure_trunk()?;
    ensure_wasm_bindgen(root)?;
    ensure_wasm_opt(root)?;
    ensure_esbuild(root)?;
    ensure_axe(root)?;
    ensure_typescript(root)?;
    ensure_schemathesis(root)
}

/// What `cargo xtask bench` needs: a release build and headless Chromium.
pub fn ensure_for_bench(root: &Path) -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_apt(&APT_PACKAGES)?;
    ensure_for_build(root, true)
}

/// The axe-core script the e2e tests inject (`AXE_CORE` points the tests at it).
pub fn axe_script(root: &Path) -> std::path::PathBuf {
    root.join(TOOLS_DIR)
        .join("node_modules/axe-core/axe.min.js")
}

fn ensure_axe(root: &Path) -> Result<(), String> {
    let package = root
        .join(TOOLS_DIR)
        .join("node_modules/axe-core/package.json");
    let wanted = AXE_NPM.rsplit('@').next().unwrap_or_default();
    let installed = std::fs::read_to_string(&package).unwrap_or_default();
    if axe_script(root).is_file() && installed.contains(&format!("\"version\": \"{wanted}\"")) {
        return Ok(());
    }
    npm_install(root, AXE_NPM, "the accessibility audit")
}

/// tsc of the pinned version, from the npm registry into target/tools.
pub fn ensure_typescript(root: &Path) -> Result<(), String> {
    let wanted = TYPESCRIPT_NPM.rsplit('@').next().unwrap_or_default();
    let have = output(command("tsc").arg("--version")).unwrap_or_default();
    if have.trim() == format!("Version {wanted}") {
        return Ok(());
    }
    npm_install(root, TYPESCRIPT_NPM, "the declarations' type check")
}

/// Installs the npm `package` (`name@version`) into target/tools, saying what it is for.
fn npm_install(root: &Path, package: &str, purpose: &str) -> Result<(), String> {
    if !on_path("npm") {
        return Err(format!(
            "{package} ({purpose}) comes from the npm registry: please install Node.js and npm"
        ));
    }
    println!("xtask: installing {package} ({purpose}) into {TOOLS_DIR}");
    run(command("npm").current_dir(root).args([
        "install",
        "--no-audit",
        "--no-fund",
        "--prefix",
        TOOLS_DIR,
        package,
    ]))
}

/// wasm-opt of the version Trunk.toml names, from the npm registry into target/tools.
fn ensure_wasm_opt(root: &Path) -> Result<(), String> {
    let have = output(command("wasm-opt").arg("--version")).unwrap_or_default();
    if have.contains(WASM_OPT_VERSION) {
        return Ok(());
    }
    npm_install(root, BINARYEN_NPM, "wasm-opt")
}

/// esbuild, which minifies the release js and css, from the npm registry into target/tools.
fn ensure_esbuild(root: &Path) -> Result<(), String> {
    let have = output(command("esbuild").arg("--version")).unwrap_or_default();
    if have.trim() == ESBUILD_VERSION {
        return Ok(());
    }
    npm_install(
        root,
        &format!("esbuild@{ESBUILD_VERSION}"),
        "the js/css minifier",
    )
}

/// React and ReactDOM for the React example portal (`examples/react-portal`), from the npm
/// registry; exact versions, the two always the same.
const REACT_NPM: [&str; 2] = ["react@19.3.1", "react-dom@19.3.1"];

/// What the React example portal's bundle needs: esbuild, and React in
/// target/tools/node_modules (`NODE_PATH` for esbuild is [`node_modules`]).
pub fn ensure_for_react_portal(root: &Path) -> Result<(), String> {
    ensure_esbuild(root)?;
    for package in REACT_NPM {
        let (name, wanted) = package.rsplit_once('@').unwrap_or((package, ""));
        let manifest = node_modules(root).join(name).join("package.json");
        let installed = std::fs::read_to_string(&manifest).unwrap_or_default();
        if !installed.contains(&format!("\"version\": \"{wanted}\"")) {
            npm_install(root, package, "the React example portal")?;
        }
    }
    Ok(())
}

/// target/tools/node_modules, where the npm packages are installed.
pub fn node_modules(root: &Path) -> std::path::PathBuf {
    root.join(TOOLS_DIR).join("node_modules")
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = output(command("rustup").args(["target", "list", "--installed"]))
        .ok_or("rustup is needed to add the wasm32-unknown-unknown target (https://rustup.rs)")?;
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    println!("xtask: adding the {WASM_TARGET} target");
    run(command("rustup").args(["target", "add", WASM_TARGET]))
}

fn ensure_trunk() -> Result<(), String> {
    let version = output(command("trunk").arg("--version")).unwrap_or_default();
    if version.split_whitespace().any(|w| w == TRUNK_VERSION) {
        return Ok(());
    }
    println!("xtask: installing trunk {TRUNK_VERSION} (takes a few minutes, once)");
    run(command("cargo").args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]))
}

/// wasm-bindgen-cli must be the exact version of the `wasm-bindgen` crate in Cargo.lock.
fn ensure_wasm_bindgen(root: &Path) -> Result<(), String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let wanted = locked_version(&lock, "wasm-bindgen")
        .ok_or("Cargo.lock has no wasm-bindgen package; run `cargo generate-lockfile`")?;
    let have = output(command("wasm-bindgen").arg("--version")).unwrap_or_default();
    let runner = output(command("wasm-bindgen-test-runner").arg("--version")).unwrap_or_default();
    let matches = |v: &str| v.split_whitespace().any(|w| w == wanted);
    if matches(&have) && matches(&runner) {
        return Ok(());
    }
    println!("xtask: installing wasm-bindgen-cli {wanted} (takes a few minutes, once)");
    // `--locked` fails for this crate with this toolchain; the version pin is what matters.
    run(command("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--force",
        "--version",
        &wanted,
    ]))
}

/// The version of `package` recorded in a Cargo.lock text.
pub fn locked_version(lock: &str, package: &str) -> Option<String> {
    let needle = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == needle {
            let version = lines.next()?.trim().strip_prefix("version = \"")?;
            return version.strip_suffix('"').map(str::to_owned);
        }
    }
    None
}

/// Installs Debian packages whose program is missing (as root on Debian), or says exactly
/// what to install.
fn ensure_apt(packages: &[(&str, &str)]) -> Result<(), String> {
    let missing: Vec<&str> = packages
        .iter()
        .filter(|(_, program)| !on_path(program))
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let is_root = output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0");
    let is_debian = Path::new("/etc/debian_version").exists();
    if !(is_root && is_debian) {
        return Err(format!(
            "missing programs; please install the packages: {} \
             (on Debian: sudo apt-get install {})",
            missing.join(" "),
            missing.join(" ")
        ));
    }
    println!("xtask: installing Debian packages {}", missing.join(" "));
    run(Command::new("apt-get")
        .arg("update")
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn on_path(program: &str) -> bool {
    crate::process::which(program).is_some()
}

fn ensure_schemathesis(root: &Path) -> Result<(), String> {
    let venv = root.join(VENV);
    let schemathesis = venv.join("bin/schemathesis");
    if output(Command::new(&schemathesis).arg("--version")).is_some() {
        return Ok(());
    }
    println!("xtask: installing schemathesis into {VENV}");
    run(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    run(Command::new(venv.join("bin/pip")).args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "schemathesis>=4,<5",
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_versions_from_cargo_lock() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.1\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            locked_version(lock, "wasm-bindgen-macro").as_deref(),
            Some("0.2.1")
        );
        assert_eq!(locked_version(lock, "leptos"), None);
    }
}
