//! The React 19 example portal (`examples/react-portal`): bundled with esbuild into
//! `target/react-portal/`, which the e2e tests serve at `/portal/` (`CP_REACT_PORTAL`) and
//! `cargo xtask dev --react-portal` serves instead of `examples/portal`.

use std::path::{Path, PathBuf};

use crate::process::{command, run};
use crate::tools;

/// The example's sources, relative to the workspace root.
const SOURCE: &str = "examples/react-portal";
/// Where the built page goes, relative to the workspace root.
pub const OUT: &str = "target/react-portal";
/// The files served as they are, next to the bundle.
const STATIC_FILES: [&str; 2] = ["index.html", "portal.css"];

/// The built page's directory.
pub fn out_dir(root: &Path) -> PathBuf {
    root.join(OUT)
}

/// Installs React (and esbuild) if missing, bundles `app.jsx` into `target/react-portal/app.js`
/// (production React, JSX with the automatic runtime) and copies the page's static files.
pub fn build(root: &Path) -> Result<(), String> {
    tools::ensure_for_react_portal(root)?;
    let source = root.join(SOURCE);
    let out = out_dir(root);
    // A fresh directory: a file removed from the example must not linger in what is served.
    match std::fs::remove_dir_all(&out) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot empty {}: {e}", out.display())),
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    run(command("esbuild")
        .current_dir(root)
        .arg(source.join("app.jsx"))
        .args([
            "--bundle",
            "--minify",
            "--jsx=automatic",
            "--define:process.env.NODE_ENV=\"production\"",
            "--log-level=warning",
        ])
        .arg(format!("--outfile={}", out.join("app.js").display()))
        // React lives in target/tools/node_modules, not beside the example.
        .env("NODE_PATH", tools::node_modules(root)))?;
    for name in STATIC_FILES {
        std::fs::copy(source.join(name), out.join(name))
            .map_err(|e| format!("cannot copy {SOURCE}/{name} to {OUT}: {e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str) -> String {
        let path = crate::workspace_root().join(SOURCE).join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn the_page_defines_the_element_before_react_renders() {
        let html = source("index.html");
        let entry = html
            .find("<script type=\"module\" src=\"/customer-profile.js\"></script>")
            .expect("index.html loads the widget's entry module");
        let app = html
            .find("<script type=\"module\" src=\"app.js\"></script>")
            .expect("index.html loads the bundle");
        assert!(
            entry < app,
            "the entry must run first, or React sets attributes instead of properties"
        );
        assert!(source("app.jsx").contains("customElements.whenDefined('customer-profile')"));
    }

    #[test]
    fn the_page_has_nothing_inline_for_the_strict_csp() {
        let html = source("index.html");
        assert!(!html.contains("<style"), "no inline style element");
        assert!(!html.contains(" style="), "no style attribute");
        // Every script is external.
        for tag in html.split("<script").skip(1) {
            let open = tag.split('>').next().unwrap_or_default();
            assert!(open.contains("src="), "an inline script: <script{open}>");
        }
        assert!(!source("app.jsx").contains("style={"), "no style props");
        for name in STATIC_FILES {
            assert!(crate::workspace_root().join(SOURCE).join(name).is_file());
        }
    }
}
