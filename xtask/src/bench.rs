//! `cargo xtask bench`: builds the release `dist/` (or takes another one, to compare
//! builds), measures it, prints a table and writes `target/bench/report.json`.
//!
//! Sizes are measured here; the browser figures come from the `bench` binary of the e2e
//! crate (headless Chromium against the in-process sandbox), which writes them as JSON.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::dist::{self, FileSize};
use crate::process::{command, output, run, which};
use crate::tools;

/// What to measure and how often.
pub struct BenchOptions {
    /// A built dist/ to measure instead of building this checkout's.
    pub dist: Option<PathBuf>,
    /// Cold loads per configuration.
    pub runs: usize,
}

/// Parses `bench [--dist DIR] [--runs N]`.
pub fn parse(args: &[String]) -> Result<BenchOptions, String> {
    let mut options = BenchOptions {
        dist: None,
        runs: 20,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--dist" => {
                options.dist = Some(PathBuf::from(it.next().ok_or("--dist needs a directory")?))
            }
            "--runs" => {
                let value = it.next().ok_or("--runs needs a number")?;
                options.runs = value
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("--runs: `{value}` is not a positive number"))?;
            }
            other => return Err(format!("bench: unknown option `{other}`")),
        }
    }
    Ok(options)
}

/// Runs the benchmark and prints its figures.
pub fn run_bench(root: &Path, options: BenchOptions) -> Result<(), String> {
    tools::ensure_for_bench(root)?;
    let dist = match options.dist {
        Some(dir) => {
            std::fs::canonicalize(&dir).map_err(|e| format!("--dist {}: {e}", dir.display()))?
        }
        None => {
            dist::build(root, true)?;
            root.join("dist")
        }
    };
    if !dist.join("index.html").is_file() {
        return Err(format!("{} has no index.html", dist.display()));
    }
    let out_dir = root.join("target/bench");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let browser_json = out_dir.join("browser.json");
    let chromedriver = which("chromedriver").unwrap_or_else(|| "chromedriver".into());
    let mut cargo = command("cargo");
    cargo
        .current_dir(root)
        .args([
            "run", "--quiet", "-p", "e2e", "--bin", "bench", "--", "--runs",
        ])
        .arg(options.runs.to_string())
        .arg("--out")
        .arg(&browser_json)
        .env("CP_DIST", &dist)
        .env("CHROMEDRIVER", &chromedriver);
    run(&mut cargo)?;
    let browser: Value = std::fs::read_to_string(&browser_json)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .ok_or("the browser bench wrote no report")?;

    let sizes = dist::sizes(&dist);
    let report = json!({
        "dist": dist.display().to_string(),
        "machine": machine(),
        "sizes": sizes.iter().map(|f| json!({
            "file": f.name, "raw": f.raw, "gzip": f.gzip, "brotli": f.brotli,
        })).collect::<Vec<_>>(),
        "total": total(&sizes),
        "browser": browser,
    });
    let path = out_dir.join("report.json");
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    print!("{}", table(&report));
    println!("\nreport: {}", path.display());
    Ok(())
}

fn total(sizes: &[FileSize]) -> Value {
    let sum = |f: fn(&FileSize) -> u64| sizes.iter().map(f).sum::<u64>();
    json!({ "raw": sum(|f| f.raw), "gzip": sum(|f| f.gzip), "brotli": sum(|f| f.brotli) })
}

/// What the figures were measured on.
fn machine() -> Value {
    let cpus = std::thread::available_parallelism().map_or(0, usize::from);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_default();
    let chromium = output(command("chromium").arg("--version")).unwrap_or_default();
    json!({ "cpus": cpus, "cpu": model, "chromium": chromium.trim() })
}

fn ms(v: &Value) -> String {
    v.as_f64().map_or("-".into(), |x| format!("{x:.1}"))
}

/// A JSON value as table text (serde_json's Display ignores widths).
fn cell(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "-".into(),
        other => other.to_string(),
    }
}

fn kib(v: &Value) -> String {
    v.as_f64()
        .map_or("-".into(), |x| format!("{:.0} KiB", x / 1024.0))
}

/// The report as the text table printed at the end (and pasted into the README).
pub fn table(r: &Value) -> String {
    let mut t = String::new();
    let m = &r["machine"];
    t += &format!(
        "machine: {} × {}, {}\n\n",
        cell(&m["cpus"]),
        m["cpu"].as_str().unwrap_or("?"),
        m["chromium"].as_str().unwrap_or("?")
    );
    t += &format!(
        "{:<48} {:>9} {:>9} {:>9}\n",
        "file (bytes)", "raw", "gzip", "brotli"
    );
    for f in r["sizes"].as_array().into_iter().flatten() {
        t += &format!(
            "{:<48} {:>9} {:>9} {:>9}\n",
            cell(&f["file"]),
            cell(&f["raw"]),
            cell(&f["gzip"]),
            cell(&f["brotli"])
        );
    }
    let total = &r["total"];
    t += &format!(
        "{:<48} {:>9} {:>9} {:>9}\n\n",
        "total (html + js + wasm + css)",
        cell(&total["raw"]),
        cell(&total["gzip"]),
        cell(&total["brotli"])
    );
    let b = &r["browser"];
    t += &format!(
        "{:<46} {:>8} {:>8}\n",
        format!("{} cold loads, ms from navigation start", cell(&b["runs"])),
        "median",
        "p90"
    );
    for (label, key) in [
        ("loopback", "cold_load"),
        ("+100 ms API", "cold_load_100ms"),
    ] {
        let c = &b[key];
        for (what, field) in [
            ("first paint", "first_paint_ms"),
            ("form populated (probe)", "form_populated_ms"),
            ("form usable", "form_ready_ms"),
            (
                "form usable after GET response",
                "ready_after_get_response_ms",
            ),
        ] {
            t += &format!(
                "  {:<44} {:>8} {:>8}\n",
                format!("{label}, {what}"),
                ms(&c[field]["median"]),
                ms(&c[field]["p90"])
            );
        }
    }
    t += &format!(
        "\n{:>6} {:>11} {:>22} {:>12} {:>10}\n",
        "phones", "render ms", "keystroke→DOM ms (p90)", "wasm memory", "JS heap"
    );
    for p in b["phones"].as_array().into_iter().flatten() {
        t += &format!(
            "{:>6} {:>11} {:>22} {:>12} {:>10}\n",
            cell(&p["phones"]),
            ms(&p["render_ms"]),
            format!(
                "{} ({})",
                ms(&p["keystroke_to_dom_ms"]["median"]),
                ms(&p["keystroke_to_dom_ms"]["p90"])
            ),
            kib(&p["wasm_memory_bytes"]),
            kib(&p["js_heap_bytes"])
        );
    }
    let f = &b["flows"];
    t += &format!(
        "\nrequests: page load {} ({} to the API); no-op save {}; one-field save {}\n",
        cell(&f["load"]["requests"]),
        cell(&f["load"]["api_requests"]),
        cell(&f["noop_save"]["api_requests"]),
        cell(&f["one_field_save"]["api_requests"])
    );
    t += &format!(
        "PATCH body for one field: {} bytes; the full profile: {} bytes\n",
        cell(&f["patch_body_bytes"]),
        cell(&f["profile_bytes"])
    );
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_its_options() {
        let o = parse(&args(&[])).expect("no options");
        assert_eq!((o.dist, o.runs), (None, 20));
        let o = parse(&args(&["--runs", "5", "--dist", "/tmp/old"])).expect("both options");
        assert_eq!((o.dist, o.runs), (Some(PathBuf::from("/tmp/old")), 5));
        assert!(parse(&args(&["--runs", "0"])).is_err());
        assert!(parse(&args(&["--runs"])).is_err());
        assert!(parse(&args(&["--fast"])).is_err());
    }

    #[test]
    fn the_table_shows_every_figure() {
        let report = json!({
            "machine": { "cpus": 2, "cpu": "Test CPU", "chromium": "Chromium 1" },
            "sizes": [{ "file": "app_bg.wasm", "raw": 1000, "gzip": 600, "brotli": 500 }],
            "total": { "raw": 1000, "gzip": 600, "brotli": 500 },
            "browser": {
                "runs": 20,
                "cold_load": {
                    "first_paint_ms": { "median": 80.0, "p90": 90.0 },
                    "form_ready_ms": { "median": 150.25, "p90": 170.0 },
                    "ready_after_get_response_ms": { "median": 12.0, "p90": 14.0 },
                },
                "cold_load_100ms": {
                    "first_paint_ms": { "median": 81.0, "p90": 91.0 },
                    "form_ready_ms": { "median": 260.0, "p90": 280.0 },
                    "ready_after_get_response_ms": null,
                },
                "phones": [{ "phones": 500, "render_ms": 40.5,
                             "keystroke_to_dom_ms": { "median": 1.5, "p90": 2.5 },
                             "wasm_memory_bytes": 2097152, "js_heap_bytes": 1048576 }],
                "flows": { "load": { "requests": 7, "api_requests": 1 },
                           "noop_save": { "api_requests": 0 },
                           "one_field_save": { "api_requests": 2 },
                           "patch_body_bytes": 23, "profile_bytes": 408 },
            },
        });
        let text = table(&report);
        for expected in [
            "machine: 2 × Test CPU, Chromium 1",
            "app_bg.wasm",
            "20 cold loads",
            "loopback, form usable",
            "150.2",
            "+100 ms API, form usable after GET response",
            "1.5 (2.5)",
            "2048 KiB",
            "page load 7 (1 to the API); no-op save 0; one-field save 2",
            "PATCH body for one field: 23 bytes; the full profile: 408 bytes",
        ] {
            assert!(text.contains(expected), "missing `{expected}` in\n{text}");
        }
        let total = text
            .lines()
            .find(|l| l.starts_with("total"))
            .expect("a total row");
        assert!(total.ends_with(" 1000       600       500"), "{total}");
    }
}
