//! Building `dist/` with Trunk, and measuring what the page downloads.

use std::path::{Path, PathBuf};

use crate::process::{command, run};

/// `trunk build` (offline, as Trunk.toml says) into `dist/`.
pub fn build(root: &Path, release: bool) -> Result<(), String> {
    let mut cmd = command("trunk");
    cmd.current_dir(root).arg("build");
    if release {
        cmd.arg("--release");
    }
    run(&mut cmd)
}

/// Size of one file as served: raw, gzip -9 and brotli -q 11.
#[derive(Debug)]
pub struct FileSize {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// Sizes of every file in `dist/` (recursively), sorted by name.
pub fn sizes(dist: &Path) -> Vec<FileSize> {
    let mut files = Vec::new();
    collect(dist, &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let raw = std::fs::metadata(&path).ok()?.len();
            let name = path.strip_prefix(dist).ok()?.display().to_string();
            Some(FileSize {
                name,
                raw,
                gzip: compressed_len("gzip", &["-c", "-9"], &path),
                brotli: compressed_len("brotli", &["-c", "-q", "11"], &path),
            })
        })
        .collect()
}

/// Length of `program args file`'s output (0 when the compressor is missing or fails).
fn compressed_len(program: &str, args: &[&str], file: &Path) -> u64 {
    match command(program).args(args).arg(file).output() {
        Ok(o) if o.status.success() => o.stdout.len() as u64,
        _ => 0,
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Prints the size table; the total is what a browser downloads (html, js, wasm, css).
pub fn print_sizes(dist: &Path) {
    let files = sizes(dist);
    println!("\nrelease dist/ sizes (bytes):");
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    let mut total = (0, 0, 0);
    for f in &files {
        println!(
            "{:<48} {:>10} {:>10} {:>10}",
            f.name, f.raw, f.gzip, f.brotli
        );
        let loaded = [".html", ".js", ".wasm", ".css"]
            .iter()
            .any(|ext| f.name.ends_with(ext));
        if loaded {
            total = (total.0 + f.raw, total.1 + f.gzip, total.2 + f.brotli);
        }
    }
    println!(
        "{:<48} {:>10} {:>10} {:>10}\n",
        "total (html + js + wasm + css)", total.0, total.1, total.2
    );
}
