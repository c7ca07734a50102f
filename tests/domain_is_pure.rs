//! The boundary of `src/domain/`: pure logic that builds and is tested natively. A file
//! there that imports a browser crate or Leptos' view layer fails this test.

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

/// Crates (or their paths) a domain module must not name: the browser bindings, and Leptos
/// beyond its reactive stores (`reactive_stores` is plain reactive data, no view).
const FORBIDDEN: [&str; 7] = [
    "web_sys",
    "js_sys",
    "gloo",
    "wasm_bindgen",
    "leptos",
    "tachys",
    "any_spawner",
];

/// The forbidden names `source` uses as a path (`web_sys::`, `use leptos`), with their
/// line numbers. Comments are skipped, so a doc comment may say what the module is not.
fn browser_imports(source: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        for name in FORBIDDEN {
            let used = code.match_indices(name).any(|(at, _)| {
                let before = code[..at].chars().next_back();
                let after = &code[at + name.len()..];
                let starts_word = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
                let as_path = after.starts_with("::")
                    || after.starts_with(['_', '-']) && name == "gloo"
                    || code.trim_start().starts_with("use ")
                        && !after.starts_with(|c: char| c.is_alphanumeric() || c == '_');
                starts_word && as_path
            });
            if used {
                found.push((i + 1, name));
            }
        }
    }
    found
}

/// Every `.rs` file under `dir`, in subfolders too.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).expect("a readable folder");
    let mut files = Vec::new();
    for path in entries.map(|entry| entry.expect("a directory entry").path()) {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn domain_modules_import_no_browser_crate() {
    let mut files = rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain"));
    files.sort();
    assert!(files.len() >= 9, "the domain modules are found: {files:?}");
    let offences: Vec<String> = files
        .iter()
        .flat_map(|path| {
            let source = std::fs::read_to_string(path).expect("a readable source file");
            browser_imports(&source)
                .into_iter()
                .map(|(line, name)| format!("{}:{line} uses {name}", path.display()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        offences.is_empty(),
        "browser code in src/domain: {offences:#?}"
    );
}

#[test]
fn the_check_finds_browser_imports_and_ignores_prose() {
    let source = "use web_sys::Element;\n\
                  use leptos::prelude::*;\n\
                  let x = js_sys::Date::now();\n\
                  use gloo_net::http::Request;\n\
                  use wasm_bindgen::JsValue;\n\
                  // no web_sys:: here, only a comment\n\
                  /// The domain never names leptos views.\n\
                  use reactive_stores::Store;\n\
                  let my_web_sys_like = 1;\n";
    let found: Vec<_> = browser_imports(source).into_iter().map(|f| f.1).collect();
    assert_eq!(
        found,
        ["web_sys", "leptos", "js_sys", "gloo", "wasm_bindgen"],
        "each import found once, prose and other names left alone"
    );
}
