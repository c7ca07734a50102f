//! The example portals that install the packed package with npm and build it with their own
//! tools (`examples/vite-react`, `vue`, `angular`, `nextjs`, `webpack`): each is copied into
//! `target/examples/<name>/`, gets its locked dependencies (`npm ci`, only when its lockfile
//! changed; npm's cache is shared by all), the tarball of this build (`npm install --no-save`)
//! and its own `npm run build`. The e2e tests (`e2e/tests/bundlers.rs`) then open what each
//! built (`CP_EXAMPLES` points at `target/examples`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use sha2::{Digest, Sha384};

use crate::process::{command, run, Counts};

/// Each example: its folder under `examples/`, and what its build writes, which the e2e
/// tests serve at `/portal/` (Next.js serves its own build: `next start`).
pub const EXAMPLES: [(&str, &str); 5] = [
    ("vite-react", "dist"),
    ("vue", "dist"),
    ("angular", "dist/browser"),
    ("webpack", "dist"),
    ("nextjs", ".next"),
];

/// Where the examples are built, relative to the workspace root.
pub const OUT: &str = "target/examples";

/// What is made in an example's folder and never copied from its sources.
const BUILT: [&str; 3] = ["node_modules", "dist", ".next"];

/// Builds every example against the tarball `npm pack dist/` made; one check each (a failed
/// one says why and does not stop the others).
pub fn build_all(root: &Path, tarball: Option<&Path>) -> Counts {
    let mut counts = Counts::default();
    for (name, output) in EXAMPLES {
        let started = Instant::now();
        let result = match tarball {
            Some(tarball) => build(root, name, output, tarball),
            None => Err("no packed package (the package suite failed)".to_owned()),
        };
        let result = result.map_err(|e| format!("example {name}: {e}"));
        if result.is_ok() {
            println!(
                "example {name}: built in {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
        counts += Counts::check(result);
    }
    counts
}

/// Copies the sources, installs what the lockfile says (when it changed) and the tarball,
/// builds, and checks that the build wrote its output.
fn build(root: &Path, name: &str, output: &str, tarball: &Path) -> Result<(), String> {
    let source = root.join("examples").join(name);
    let work = root.join(OUT).join(name);
    refresh_sources(&source, &work)?;
    let lock = std::fs::read(source.join("package-lock.json"))
        .map_err(|e| format!("examples/{name}/package-lock.json: {e}"))?;
    let stamp_file = work.join("node_modules/.customer-profile-lock");
    let stamp = format!("{:x}", Sha384::digest(&lock));
    if std::fs::read_to_string(&stamp_file).ok().as_deref() != Some(stamp.as_str()) {
        npm(&work, &["ci", "--prefer-offline"])?;
        std::fs::write(&stamp_file, &stamp)
            .map_err(|e| format!("cannot write {}: {e}", stamp_file.display()))?;
    }
    let tarball = tarball.to_string_lossy();
    npm(
        &work,
        &["install", "--no-save", "--prefer-offline", &tarball],
    )?;
    npm(&work, &["run", "build"])?;
    let built = work.join(output);
    if built.is_dir() {
        Ok(())
    } else {
        Err(format!("the build wrote no {}", built.display()))
    }
}

/// `npm <args>` in `dir`, quietly, without telemetry, audits or funding notices.
fn npm(dir: &Path, args: &[&str]) -> Result<(), String> {
    run(command("npm")
        .current_dir(dir)
        .args(args)
        .args(["--no-audit", "--no-fund", "--loglevel=warn"])
        .env("NEXT_TELEMETRY_DISABLED", "1")
        .env("NG_CLI_ANALYTICS", "false")
        // Angular's and Next's builds ask nothing and print no progress bars.
        .env("CI", "true"))
}

/// Makes `work` hold the example's sources as they are now, keeping what was installed or
/// built there (`node_modules` survives, so `npm ci` runs only when the lockfile changes).
fn refresh_sources(source: &Path, work: &Path) -> Result<(), String> {
    std::fs::create_dir_all(work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    for entry in std::fs::read_dir(work)
        .map_err(|e| format!("cannot list {}: {e}", work.display()))?
        .flatten()
    {
        if entry.file_name() == "node_modules" {
            continue;
        }
        let path = entry.path();
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    copy_tree(source, work)
}

/// Copies `from` into `to`, but for what a build makes ([`BUILT`]).
fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    for entry in std::fs::read_dir(from)
        .map_err(|e| format!("cannot list {}: {e}", from.display()))?
        .flatten()
    {
        let name = entry.file_name();
        if BUILT.iter().any(|b| name == *b) {
            continue;
        }
        let (source, target) = (entry.path(), to.join(&name));
        if source.is_dir() {
            std::fs::create_dir_all(&target)
                .map_err(|e| format!("cannot create {}: {e}", target.display()))?;
            copy_tree(&source, &target)?;
        } else {
            std::fs::copy(&source, &target)
                .map_err(|e| format!("cannot copy {}: {e}", source.display()))?;
        }
    }
    Ok(())
}

/// The built examples' folder.
pub fn out_dir(root: &Path) -> PathBuf {
    root.join(OUT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_has_its_lockfile_a_build_script_and_the_package_installed_by_xtask() {
        let root = crate::workspace_root();
        for (name, _) in EXAMPLES {
            let dir = root.join("examples").join(name);
            let package: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(dir.join("package.json")).expect("package.json"),
            )
            .expect("JSON");
            assert!(
                package["scripts"]["build"].is_string(),
                "{name}: npm run build"
            );
            assert!(
                dir.join("package-lock.json").is_file(),
                "{name}: a lockfile, so that every run installs the same versions"
            );
            // The package comes from this build's tarball, never from a registry or a path.
            for deps in ["dependencies", "devDependencies"] {
                assert!(
                    package[deps].get("customer-profile").is_none(),
                    "{name}: customer-profile is installed by xtask, not listed"
                );
            }
            for (_, version) in package["dependencies"]
                .as_object()
                .into_iter()
                .chain(package["devDependencies"].as_object())
                .flatten()
            {
                let version = version.as_str().expect("a version");
                assert!(
                    version.chars().all(|c| c.is_ascii_digit() || c == '.'),
                    "{name}: exact versions only, not {version}"
                );
            }
        }
    }

    #[test]
    fn sources_are_refreshed_but_installed_packages_kept() {
        let scratch = std::env::temp_dir().join(format!("xtask-examples-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch);
        let (source, work) = (scratch.join("source"), scratch.join("work"));
        for dir in [
            source.join("src"),
            work.join("node_modules/x"),
            work.join("dist"),
        ] {
            std::fs::create_dir_all(dir).expect("dirs");
        }
        std::fs::write(source.join("src/main.ts"), "new").expect("write");
        std::fs::create_dir_all(source.join("node_modules")).expect("dirs");
        std::fs::write(source.join("node_modules/stray"), "x").expect("write");
        std::fs::write(work.join("old.ts"), "removed from the sources").expect("write");
        std::fs::write(work.join("node_modules/x/kept"), "installed").expect("write");
        refresh_sources(&source, &work).expect("refreshed");
        assert_eq!(
            std::fs::read_to_string(work.join("src/main.ts"))
                .ok()
                .as_deref(),
            Some("new")
        );
        assert!(
            !work.join("old.ts").exists(),
            "a file gone from the sources goes"
        );
        assert!(!work.join("dist").exists(), "the last build's output goes");
        assert!(
            work.join("node_modules/x/kept").is_file(),
            "installed packages stay"
        );
        assert!(
            !work.join("node_modules/stray").exists(),
            "the sources' node_modules is not copied"
        );
        let _ = std::fs::remove_dir_all(&scratch);
    }
}
