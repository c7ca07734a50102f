//! `cargo xtask bench`: builds the release `dist/` (or takes another one, to compare
//! builds), measures it — side by side with a rival build when `--rival` names one — prints
//! the tables and writes `target/bench/report.json`.
//!
//! Sizes are measured here; the browser figures come from the `bench` binary of the e2e
//! crate (headless Chromium against the in-process sandbox), which writes them as JSON.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use sha2::{Digest, Sha384};

use crate::dist::{self, FileSize};
use crate::process::{command, output, run, which};
use crate::tools;

/// What to measure and how often.
pub struct BenchOptions {
    /// A built dist/ to measure instead of building this checkout's.
    pub dist: Option<PathBuf>,
    /// Another built page (same `name` hooks, reads `config.json`) measured in the same run.
    pub rival: Option<PathBuf>,
    /// Loads per loopback configuration (cold, repeat) and build.
    pub runs: usize,
    /// Loads per mobile configuration and build: `--mobile-runs`, else `--runs` when given,
    /// else 10 (a throttled load takes several seconds).
    pub mobile_runs: usize,
}

/// Parses `bench [--dist DIR] [--rival DIR] [--runs N] [--mobile-runs N]`.
pub fn parse(args: &[String]) -> Result<BenchOptions, String> {
    let mut options = BenchOptions {
        dist: None,
        rival: None,
        runs: 20,
        mobile_runs: 10,
    };
    let (mut runs, mut mobile_runs) = (None, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--dist" => {
                options.dist = Some(PathBuf::from(it.next().ok_or("--dist needs a directory")?))
            }
            "--rival" => {
                options.rival = Some(PathBuf::from(it.next().ok_or("--rival needs a directory")?))
            }
            "--runs" => runs = Some(positive("--runs", it.next())?),
            "--mobile-runs" => mobile_runs = Some(positive("--mobile-runs", it.next())?),
            other => return Err(format!("bench: unknown option `{other}`")),
        }
    }
    options.runs = runs.unwrap_or(options.runs);
    options.mobile_runs = mobile_runs.or(runs).unwrap_or(options.mobile_runs);
    Ok(options)
}

/// The positive number following `flag`.
fn positive(flag: &str, value: Option<&String>) -> Result<usize, String> {
    let value = value.ok_or_else(|| format!("{flag} needs a number"))?;
    value
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("{flag}: `{value}` is not a positive number"))
}

/// Runs the benchmark and prints its figures.
pub fn run_bench(root: &Path, options: BenchOptions) -> Result<(), String> {
    tools::ensure_for_bench(root)?;
    let dist = match &options.dist {
        Some(dir) => existing(dir, "--dist")?,
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
    let rival = match &options.rival {
        Some(dir) => Some(prepare_rival(&existing(dir, "--rival")?, &out_dir)?),
        None => None,
    };
    let browser = browser_figures(root, &dist, rival.as_ref(), &options, &out_dir)?;

    let sizes = dist::sizes(&dist);
    let report = json!({
        "dist": dist.display().to_string(),
        "machine": machine(),
        "sizes": sizes.iter().map(|f| json!({
            "file": f.name, "raw": f.raw, "gzip": f.gzip, "brotli": f.brotli,
        })).collect::<Vec<_>>(),
        "total": total(&sizes),
        "rival": rival.as_ref().map(|r| json!({
            "source": r.source.display().to_string(),
            "served": r.served.display().to_string(),
            "total": total(&dist::sizes(&r.served)),
        })),
        "browser": browser,
    });
    let path = out_dir.join("report.json");
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    print!("{}", table(&report));
    println!("\nreport: {}", path.display());
    Ok(())
}

/// `dir` made absolute, which must exist (`flag` names it in the message).
fn existing(dir: &Path, flag: &str) -> Result<PathBuf, String> {
    std::fs::canonicalize(dir).map_err(|e| format!("{flag} {}: {e}", dir.display()))
}

/// Runs the e2e crate's `bench` binary on `dist` (and the rival) and reads its JSON.
fn browser_figures(
    root: &Path,
    dist: &Path,
    rival: Option<&Rival>,
    options: &BenchOptions,
    out_dir: &Path,
) -> Result<Value, String> {
    let browser_json = out_dir.join("browser.json");
    let _ = std::fs::remove_file(&browser_json);
    let chromedriver = which("chromedriver").unwrap_or_else(|| "chromedriver".into());
    let mut cargo = command("cargo");
    cargo
        .current_dir(root)
        .args(["run", "--quiet", "-p", "e2e", "--bin", "bench", "--"])
        .args(["--runs", &options.runs.to_string()])
        .args(["--mobile-runs", &options.mobile_runs.to_string()])
        .arg("--out")
        .arg(&browser_json)
        .env("CP_DIST", dist)
        .env("CHROMEDRIVER", &chromedriver);
    if let Some(rival) = rival {
        cargo.arg("--rival").arg(&rival.served);
    }
    run(&mut cargo)?;
    std::fs::read_to_string(&browser_json)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .ok_or_else(|| "the browser bench wrote no report".to_owned())
}

/// A rival build as given, and the copy the sandbox serves.
pub struct Rival {
    /// The directory given with `--rival`.
    pub source: PathBuf,
    /// `target/bench/rival/`: the copy, served as our dist/ is.
    pub served: PathBuf,
}

/// The extensions precompressed in the rival's copy, as our build's are.
const COMPRESSED: [&str; 6] = ["js", "css", "html", "wasm", "json", "svg"];

/// Copies the rival into `target/bench/rival/` and makes the sandbox serve it as it serves
/// our dist/: `.br` and `.gz` beside its text and wasm files (ours has them, vite writes
/// none), and content-hashed names in the form the sandbox marks immutable (see
/// [`immutable_names`]).
fn prepare_rival(source: &Path, out_dir: &Path) -> Result<Rival, String> {
    if !source.join("index.html").is_file() {
        return Err(format!("--rival {}: no index.html", source.display()));
    }
    let served = out_dir.join("rival");
    if served.exists() {
        std::fs::remove_dir_all(&served).map_err(|e| format!("{}: {e}", served.display()))?;
    }
    run(command("cp").arg("-r").arg(source).arg(&served))?;
    immutable_names(&served)?;
    let mut files = Vec::new();
    dist::collect(&served, &mut files);
    for file in files.iter().filter(|f| {
        f.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSED.contains(&e))
    }) {
        dist::compress_beside(file)?;
    }
    Ok(Rival {
        source: source.to_owned(),
        served,
    })
}

/// Renames vite's content-hashed files (`index-CG6XBZxS.js`: 8 characters of base64url)
/// to the form the sandbox serves as `immutable` (`index-<16 hex>.js`, like Trunk's) and
/// rewrites the references in the html, js and css: a CDN serving a vite build caches its
/// `assets/` forever too, so a repeat visit of the rival must not revalidate them when ours
/// does not.
fn immutable_names(dir: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    dist::collect(dir, &mut files);
    let mut renamed = Vec::new();
    // vite names only what it writes into `assets/` by content.
    for file in files.iter().filter(|f| in_assets(f)) {
        let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(new_name) = rehashed(name, &hex16(file)?) else {
            continue;
        };
        std::fs::rename(file, file.with_file_name(&new_name))
            .map_err(|e| format!("{}: {e}", file.display()))?;
        renamed.push((name.to_owned(), new_name));
    }
    files.clear();
    dist::collect(dir, &mut files);
    for file in files.iter().filter(|f| {
        f.extension()
            .is_some_and(|e| e == "html" || e == "js" || e == "css")
    }) {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let new = renamed
            .iter()
            .fold(text.clone(), |t, (old, new)| t.replace(old, new));
        if new != text {
            std::fs::write(file, new).map_err(|e| format!("{}: {e}", file.display()))?;
        }
    }
    Ok(())
}

fn in_assets(file: &Path) -> bool {
    file.parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d == "assets")
}

/// The first 16 hex digits of the sha384 of a file.
fn hex16(file: &Path) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(Sha384::digest(&bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// `name-<hash>.ext` with vite's 8-character hash replaced by `hex`; `None` for a name
/// without one.
fn rehashed(name: &str, hex: &str) -> Option<String> {
    let (stem, ext) = name.split_once('.')?;
    let cut = stem.len().checked_sub(9)?;
    let (base, hash) = (stem.get(..cut)?, stem.get(cut..)?);
    let vite = hash.starts_with('-')
        && hash[1..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    (vite && !base.is_empty()).then(|| format!("{base}-{hex}.{ext}"))
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

/// One line of the sizes table: `label`, then `sizes`' raw, gzip and brotli bytes.
fn size_row(label: &str, sizes: &Value) -> String {
    format!(
        "{:<48} {:>9} {:>9} {:>9}\n",
        label,
        cell(&sizes["raw"]),
        cell(&sizes["gzip"]),
        cell(&sizes["brotli"])
    )
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
        t += &size_row(&cell(&f["file"]), f);
    }
    t += &size_row("total (html + js + wasm + css)", &r["total"]);
    t.push('\n');
    let rival = &r["rival"]["total"];
    if rival.is_object() {
        t += &size_row("rival's total (html + js + wasm + css)", rival);
        t.push('\n');
    }
    let b = &r["browser"];
    t += &side_by_side(r);
    for trace in b["traces"].as_array().into_iter().flatten() {
        t += &main_thread(trace);
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

/// One traced cold load of ours: what the main thread did from when the GET's answer and the
/// page's last code were in until the form was populated (nothing when the run has no trace).
fn main_thread(trace: &Value) -> String {
    let Some(kinds) = trace["main_thread_ms"].as_object() else {
        return String::new();
    };
    let mut t = format!(
        "\nmain thread, one traced {} cold load of ours, from the GET and the code in ({} ms) to populated ({} ms):\n",
        cell(&trace["profile"]),
        fixed(&trace["inputs_in_ms"], 0),
        fixed(&trace["populated_ms"], 0)
    );
    let mut rows: Vec<(&String, f64)> = kinds
        .iter()
        .filter_map(|(kind, ms)| Some((kind, ms.as_f64()?)))
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (kind, ms) in rows {
        t += &format!("  {kind:<44} {ms:>7.0} ms\n");
    }
    if let Some(error) = kinds.get("error") {
        t += &format!("  {}\n", cell(error));
    }
    t + &first_call(&trace["compiled_on_first_call"])
}

/// How much of the wasm V8 compiled on first call from navigation to populated: the code
/// the first render runs (nothing when the run did not count it).
fn first_call(c: &Value) -> String {
    if let Some(error) = c["error"].as_str() {
        return format!("  wasm compiled on first call: {error}\n");
    }
    if !c["functions"].is_number() {
        return String::new();
    }
    format!(
        "  wasm compiled on first call until populated: {} of {} functions, {} of {}\n",
        cell(&c["functions"]),
        cell(&c["module_functions"]),
        kib(&c["bytes"]),
        kib(&c["module_bytes"])
    )
}

/// The rows of the side-by-side table: label, key in the bench's figures, decimals.
const SIDE_BY_SIDE: [(&str, &str, usize); 11] = [
    ("email populated, ms", "populated_ms", 0),
    ("  painted (next frame), ms", "populated_painted_ms", 0),
    ("  after the GET response, ms", "populated_after_get_ms", 0),
    (
        "  after the GET and the code, ms",
        "populated_after_inputs_ms",
        0,
    ),
    ("the page's code in (js, wasm), ms", "code_in_ms", 0),
    ("placeholder shown, ms", "placeholder_shown_ms", 0),
    ("first paint, ms", "first_paint_ms", 0),
    ("first contentful paint, ms", "first_contentful_paint_ms", 0),
    ("ready mark, ms", "ready_ms", 0),
    ("requests", "requests", 0),
    ("bytes transferred", "bytes", 0),
];

/// `v` with `decimals`, or `-`.
fn fixed(v: &Value, decimals: usize) -> String {
    v.as_f64().map_or("-".into(), |x| format!("{x:.decimals$}"))
}

/// rival / ours of two medians, or `-`.
fn ratio(ours: &Value, rival: &Value) -> String {
    match (ours.as_f64(), rival.as_f64()) {
        (Some(o), Some(r)) if o > 0.0 => format!("{:.2}", r / o),
        _ => "-".into(),
    }
}

/// Ours and the rival for every profile × visit × figure, with the ratio rival / ours.
fn side_by_side(r: &Value) -> String {
    let b = &r["browser"];
    let rival = r["rival"]["source"].as_str().unwrap_or("none");
    let mut t = format!(
        "side by side — ours: {}; rival: {rival}{}\n",
        r["dist"].as_str().unwrap_or("?"),
        r["rival"]["served"]
            .as_str()
            .map_or(String::new(), |s| format!(" (served from {s})"))
    );
    t += &format!(
        "loads per build: {} per loopback configuration, {} per mobile one, interleaved; \
         ms from navigation start; ratio = rival / ours of the medians (above 1: the rival \
         is slower or sends more)\n",
        cell(&b["runs"]),
        cell(&b["mobile_runs"])
    );
    t += &format!(
        "{:<18} {:<28} {:>8} {:>8} {:>8} {:>8} {:>6}\n",
        "", "", "ours", "", "rival", "", ""
    );
    t += &format!(
        "{:<18} {:<28} {:>8} {:>8} {:>8} {:>8} {:>6}\n",
        "profile, visit", "figure", "median", "p90", "median", "p90", "ratio"
    );
    for load in b["loads"].as_array().into_iter().flatten() {
        let what = format!("{}, {}", cell(&load["profile"]), cell(&load["visit"]));
        for (label, key, decimals) in SIDE_BY_SIDE {
            let (o, v) = (&load["ours"][key], &load["rival"][key]);
            t += &format!(
                "{what:<18} {label:<28} {:>8} {:>8} {:>8} {:>8} {:>6}\n",
                fixed(&o["median"], decimals),
                fixed(&o["p90"], decimals),
                fixed(&v["median"], decimals),
                fixed(&v["p90"], decimals),
                ratio(&o["median"], &v["median"])
            );
        }
    }
    t + &throttling_check(b) + &portal(b) + &preload(b)
}

/// The editor created when a portal's tab opens (`examples/portal/tabs.html`), without and
/// with the page calling `preload()` as it loads.
fn preload(b: &Value) -> String {
    let p = &b["preload"];
    if !p.is_object() {
        return String::new();
    }
    let mut t = format!(
        "\nembedded, created when a tab opens 5 s after the page loaded — examples/portal/tabs.html, \
         {}, {} (medians, p90 in brackets, from the tab's opening)\n{:<18} {:>18} {:>18} {:>16}\n",
        cell(&p["profile"]),
        cell(&p["visit"]),
        "preload()",
        "email populated",
        "frame after it",
        "preloaded at"
    );
    for case in ["without", "with"] {
        let both = |key: &str| {
            format!(
                "{} ({})",
                fixed(&p[case][key]["median"], 0),
                fixed(&p[case][key]["p90"], 0)
            )
        };
        t += &format!(
            "{case:<18} {:>18} {:>18} {:>16}\n",
            both("opened_to_populated_ms"),
            both("opened_to_painted_ms"),
            fixed(&p[case]["preloaded_ms"]["median"], 0)
        );
    }
    t
}

/// Ours embedded in the example portal (`examples/portal/`, a `<customer-profile>` element
/// under the strict CSP), loaded as above: what a portal's customer waits for.
fn portal(b: &Value) -> String {
    let Some(loads) = b["portal"].as_array() else {
        return String::new();
    };
    let mut t = format!(
        "\nembedded — ours in examples/portal/, loaded as above (medians, p90 in brackets)\n\
         {:<18} {:>18} {:>18} {:>18} {:>10}\n",
        "profile, visit", "email populated", "placeholder shown", "the page's code in", "requests"
    );
    for load in loads {
        let o = &load["ours"];
        let both = |key: &str| {
            format!(
                "{} ({})",
                fixed(&o[key]["median"], 0),
                fixed(&o[key]["p90"], 0)
            )
        };
        t += &format!(
            "{:<18} {:>18} {:>18} {:>18} {:>10}\n",
            format!("{}, {}", cell(&load["profile"]), cell(&load["visit"])),
            both("populated_ms"),
            both("placeholder_shown_ms"),
            both("code_in_ms"),
            fixed(&o["requests"]["median"], 0)
        );
    }
    t
}

/// Cold loopback against cold mobile, ours: a fixed JS loop (CPU throttling) and the GET's
/// round trip (network emulation), so that the table shows the profile took effect.
fn throttling_check(b: &Value) -> String {
    let cold = |profile: &str| {
        b["loads"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|l| l["profile"] == profile && l["visit"] == "cold")
            .map(|l| l["ours"].clone())
            .unwrap_or(Value::Null)
    };
    let (fast, slow) = (cold("loopback"), cold("mobile"));
    let figure = |key: &str| {
        let (f, s) = (&fast[key]["median"], &slow[key]["median"]);
        format!("{} → {} ms (×{})", ms(f), ms(s), ratio(f, s))
    };
    format!(
        "mobile profile check (ours, cold, medians, loopback → mobile): a fixed JS loop {}; \
         the GET {}\n",
        figure("cpu_loop_ms"),
        figure("api_ms")
    )
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
        assert_eq!(
            (o.dist, o.rival, o.runs, o.mobile_runs),
            (None, None, 20, 10)
        );
        let o = parse(&args(&["--runs", "5", "--dist", "/tmp/old"])).expect("both options");
        assert_eq!((o.dist, o.runs), (Some(PathBuf::from("/tmp/old")), 5));
        assert_eq!(o.mobile_runs, 5, "--runs applies to every configuration");
        let o = parse(&args(&[
            "--mobile-runs",
            "3",
            "--rival",
            "/tmp/peer",
            "--runs",
            "7",
        ]))
        .expect("rival and mobile runs");
        assert_eq!(
            (o.rival, o.runs, o.mobile_runs),
            (Some(PathBuf::from("/tmp/peer")), 7, 3)
        );
        for wrong in [
            &["--runs", "0"][..],
            &["--runs"],
            &["--mobile-runs", "x"],
            &["--rival"],
            &["--fast"],
        ] {
            assert!(parse(&args(wrong)).is_err(), "{wrong:?}");
        }
    }

    #[test]
    fn renames_only_vites_hashes() {
        assert_eq!(
            rehashed("index-CG6XBZxS.js", "0123456789abcdef"),
            Some("index-0123456789abcdef.js".into())
        );
        assert_eq!(
            rehashed("index-MQ_mQa-S.css", "0123456789abcdef"),
            Some("index-0123456789abcdef.css".into())
        );
        for name in [
            "index.html",
            "-CG6XBZxS.js",
            "indexCG6XBZxSx.js",
            "index-CG6XBZx.js",
        ] {
            assert_eq!(rehashed(name, "0123456789abcdef"), None, "{name}");
        }
        assert!(in_assets(Path::new("/x/rival/assets/index-CG6XBZxS.js")));
        assert!(!in_assets(Path::new("/x/rival/index.html")));
    }

    fn figures(populated: f64, bytes: f64, ready: Value) -> Value {
        let s = |median: f64| json!({ "median": median, "p90": median + 10.0 });
        json!({
            "populated_ms": s(populated), "populated_painted_ms": s(populated + 20.0),
            "populated_after_get_ms": s(30.0), "populated_after_inputs_ms": s(12.0),
            "code_in_ms": s(populated - 50.0), "placeholder_shown_ms": s(populated - 300.0),
            "first_paint_ms": s(80.0), "first_contentful_paint_ms": s(populated + 5.0), "ready_ms": ready, "requests": s(8.0),
            "bytes": s(bytes), "cpu_loop_ms": s(20.0), "api_ms": s(4.0),
        })
    }

    fn report() -> Value {
        let load = |profile: &str, visit: &str, k: f64| {
            json!({ "profile": profile, "visit": visit, "runs": 20,
                    "ours": figures(400.0 * k, 200_000.0, json!({ "median": 390.0, "p90": 395.0 })),
                    "rival": figures(600.0 * k, 80_000.0, Value::Null) })
        };
        json!({
            "dist": "/tmp/dist-ours",
            "machine": { "cpus": 2, "cpu": "Test CPU", "chromium": "Chromium 1" },
            "sizes": [{ "file": "app_bg.wasm", "raw": 1000, "gzip": 600, "brotli": 500 }],
            "total": { "raw": 1000, "gzip": 600, "brotli": 500 },
            "rival": { "source": "/tmp/peer/dist", "served": "target/bench/rival",
                       "total": { "raw": 3000, "gzip": 900, "brotli": 700 } },
            "browser": {
                "runs": 20,
                "mobile_runs": 10,
                "loads": [
                    load("loopback", "cold", 1.0),
                    load("loopback", "repeat", 0.5),
                    load("mobile", "cold", 5.0),
                ],
                "portal": [load("mobile", "cold", 6.0)],
                "preload": { "profile": "mobile", "visit": "cold", "runs": 10,
                    "without": { "opened_to_populated_ms": { "median": 1800.0, "p90": 1900.0 },
                                 "opened_to_painted_ms": { "median": 1850.0, "p90": 1950.0 },
                                 "preloaded_ms": Value::Null },
                    "with": { "opened_to_populated_ms": { "median": 600.0, "p90": 650.0 },
                              "opened_to_painted_ms": { "median": 640.0, "p90": 700.0 },
                              "preloaded_ms": { "median": 2100.0, "p90": 2200.0 } } },
                "traces": [{ "profile": "mobile", "inputs_in_ms": 1500.0, "code_in_ms": 1500.0,
                           "populated_ms": 1900.0,
                           "main_thread_ms": { "script (js and wasm)": 250.0, "idle": 20.0,
                                               "wasm functions compiled on first call": 130.0 },
                           "compiled_on_first_call": { "functions": 1100, "bytes": 307200,
                                                       "module_functions": 2700,
                                                       "module_bytes": 522240 } }],
                "phones": [{ "phones": 500, "render_ms": 40.5,
                             "keystroke_to_dom_ms": { "median": 1.5, "p90": 2.5 },
                             "wasm_memory_bytes": 2097152, "js_heap_bytes": 1048576 }],
                "flows": { "load": { "requests": 7, "api_requests": 1 },
                           "noop_save": { "api_requests": 0 },
                           "one_field_save": { "api_requests": 2 },
                           "patch_body_bytes": 23, "profile_bytes": 408 },
            },
        })
    }

    #[test]
    fn the_table_shows_every_figure() {
        let text = table(&report());
        for expected in [
            "machine: 2 × Test CPU, Chromium 1",
            "app_bg.wasm",
            "ours: /tmp/dist-ours; rival: /tmp/peer/dist (served from target/bench/rival)",
            "20 per loopback configuration, 10 per mobile one",
            "ratio = rival / ours",
            "1.5 (2.5)",
            "2048 KiB",
            "page load 7 (1 to the API); no-op save 0; one-field save 2",
            "PATCH body for one field: 23 bytes; the full profile: 408 bytes",
            "a fixed JS loop 20.0 → 20.0 ms (×1.00); the GET 4.0 → 4.0 ms (×1.00)",
            "one traced mobile cold load of ours, from the GET and the code in (1500 ms) to populated (1900 ms):",
        ] {
            assert!(text.contains(expected), "missing `{expected}` in\n{text}");
        }
        // A row by its first words, its cells joined by single spaces.
        let words = |line: &str| line.split_whitespace().collect::<Vec<_>>().join(" ");
        let row = |start: &str| {
            text.lines()
                .map(words)
                .find(|l| l.starts_with(start))
                .unwrap_or_else(|| panic!("no row `{start}` in\n{text}"))
        };
        for (start, end) in [
            ("total", " 1000 600 500"),
            ("rival's total", " 3000 900 700"),
            (
                "loopback, cold email populated, ms",
                " 400 410 600 610 1.50",
            ),
            ("loopback, cold after the GET response", " 30 40 30 40 1.00"),
            (
                "loopback, cold after the GET and the code",
                " 12 22 12 22 1.00",
            ),
            (
                "loopback, cold painted (next frame)",
                " 420 430 620 630 1.48",
            ),
            ("loopback, cold first paint", " 80 90 80 90 1.00"),
            ("loopback, cold the page's code in", " 350 360 550 560 1.57"),
            (
                "loopback, cold first contentful paint",
                " 405 415 605 615 1.49",
            ),
            ("loopback, cold ready mark", " 390 395 - - -"),
            ("loopback, repeat email populated", " 200 210 300 310 1.50"),
            (
                "loopback, repeat bytes transferred",
                " 200000 200010 80000 80010 0.40",
            ),
            ("mobile, cold email populated", " 2000 2010 3000 3010 1.50"),
            ("mobile, cold requests", " 8 18 8 18 1.00"),
            ("loopback, cold placeholder shown", " 100 110 300 310 3.00"),
            (
                "embedded — ours in examples/portal/",
                "(medians, p90 in brackets)",
            ),
            ("mobile, cold 2400 (2410)", " 2100 (2110) 2350 (2360) 8"),
            (
                "embedded, created when a tab opens 5 s after the page loaded",
                "mobile, cold (medians, p90 in brackets, from the tab's opening)",
            ),
            ("without 1800 (1900)", " 1850 (1950) -"),
            ("with 600 (650)", " 640 (700) 2100"),
            (
                "main thread, one traced mobile cold load of ours",
                "from the GET and the code in (1500 ms) to populated (1900 ms):",
            ),
            ("script (js and wasm)", " 250 ms"),
            ("wasm functions compiled on first call", " 130 ms"),
            ("idle", " 20 ms"),
            (
                "wasm compiled on first call until populated",
                ": 1100 of 2700 functions, 300 KiB of 510 KiB",
            ),
        ] {
            let line = row(start);
            assert!(line.ends_with(end), "`{line}` should end with `{end}`");
        }
    }
}
