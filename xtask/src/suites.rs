//! `cargo xtask test`: every suite in turn, then one closing line `N passed, N failed`.
//! A failing suite does not stop the others, so one run shows everything that is wrong.

use std::path::Path;

use crate::dist;
use crate::process::{command, run_check, run_counted, which, Counts};
use crate::react_portal;
use crate::tools;

/// Installs what is missing, runs every suite, prints the totals.
pub fn run_all(root: &Path) -> Result<(), String> {
    tools::ensure_for_tests(root)?;
    let mut report: Vec<(&str, Counts)> = Vec::new();
    let cargo = |args: &[&str]| {
        let mut cmd = command("cargo");
        cmd.current_dir(root).args(args);
        cmd
    };

    report.push((
        "formatting (cargo fmt --check)",
        run_check(&mut cargo(&["fmt", "--all", "--", "--check"])),
    ));
    report.push((
        "lints (cargo clippy -D warnings)",
        run_check(&mut cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ])),
    ));
    report.push((
        "native unit, sandbox and xtask tests",
        run_counted(&mut cargo(&[
            "test",
            "--workspace",
            "--exclude",
            "e2e",
            "--no-fail-fast",
        ])),
    ));

    println!("$ cargo xtask load (16 clients, 4 s, against the debug sandbox)");
    let load = Counts::check(crate::load::quick(root));
    report.push(("sandbox under load, then kill -9 (no lost ack)", load));

    println!("$ trunk build --release && finish dist/");
    let build =
        Counts::check(dist::build(root, true).map_err(|e| format!("release build failed: {e}")));
    report.push(("release build (trunk + entry module)", build));
    let dist_dir = root.join("dist");
    if build.failed == 0 {
        dist::print_sizes(&dist_dir);
        let total = dist::sizes(&dist_dir).iter().map(|f| f.brotli).sum();
        let verdict = dist::check_budget(total);
        println!(
            "size budget {} bytes brotli: {verdict:?}",
            dist::BUDGET_BROTLI
        );
        let within = matches!(verdict, dist::Budget::Within { .. });
        report.push((
            "size budget (brotli html + js + wasm + css)",
            Counts::check(if within {
                Ok(())
            } else {
                Err("over the size budget".into())
            }),
        ));
        println!("$ npm pack dist/ && tsc --strict package/tests/*.ts");
        report.push((
            "package and declarations (npm pack, tsc --strict)",
            crate::package::check(root),
        ));
        println!("$ examples/*: npm ci, npm install <the tarball>, npm run build");
        report.push((
            "example portals built by their own tools",
            crate::examples::build_all(root, crate::package::tarball(root).as_deref()),
        ));
    }

    let chromedriver = which("chromedriver").unwrap_or_else(|| "chromedriver".into());
    let mut wasm = cargo(&[
        "test",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "customer-profile",
        "--test",
        "browser",
    ]);
    wasm.env("CHROMEDRIVER", &chromedriver);
    report.push(("wasm tests in headless Chromium", run_counted(&mut wasm)));

    report.push(("API contract (schemathesis)", schemathesis(root)));

    println!(
        "$ esbuild examples/react-portal/app.jsx (React 19) into {}",
        react_portal::OUT
    );
    report.push((
        "React example portal (esbuild bundle)",
        Counts::check(
            react_portal::build(root).map_err(|e| format!("React example build failed: {e}")),
        ),
    ));

    let e2e = if build.failed == 0 {
        // Every test file, even after one fails: one run shows everything that is wrong.
        let mut e2e = cargo(&[
            "test",
            "-p",
            "e2e",
            "--no-fail-fast",
            "--",
            "--test-threads=2",
        ]);
        e2e.env("CP_DIST", &dist_dir)
            .env("CHROMEDRIVER", &chromedriver)
            .env("AXE_CORE", tools::axe_script(root))
            .env("CP_REACT_PORTAL", react_portal::out_dir(root))
            .env("CP_EXAMPLES", crate::examples::out_dir(root));
        run_counted(&mut e2e)
    } else {
        println!("skipping e2e: the release build failed");
        Counts {
            passed: 0,
            failed: 1,
        }
    };
    report.push(("end-to-end (fantoccini, headless Chromium)", e2e));
    match write_screenshot_index(&root.join("target/e2e-screenshots")) {
        Ok(count) => println!("screenshots: {count} in target/e2e-screenshots/index.html"),
        Err(e) => eprintln!("screenshot index not written: {e}"),
    }

    let mut total = Counts::default();
    println!("\nsummary:");
    for (name, counts) in &report {
        println!(
            "  {name:<48} {:>4} passed {:>4} failed",
            counts.passed, counts.failed
        );
        total += *counts;
    }
    println!("{} passed, {} failed", total.passed, total.failed);
    if total.failed == 0 {
        Ok(())
    } else {
        Err(String::new())
    }
}

/// Runs schemathesis with the arguments in `openapi/schemathesis.args` against a fresh
/// in-process sandbox.
fn schemathesis(root: &Path) -> Counts {
    let failed = Counts {
        passed: 0,
        failed: 1,
    };
    let args = match std::fs::read_to_string(root.join("openapi/schemathesis.args")) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read openapi/schemathesis.args: {e}");
            return failed;
        }
    };
    let Ok(runtime) = tokio::runtime::Runtime::new() else {
        return failed;
    };
    let mut config = sandbox::Config::new(root.join("target/sandbox/schemathesis-data.json"));
    config.reset = true;
    let running = match runtime.block_on(sandbox::start(config, ([127, 0, 0, 1], 0).into())) {
        Ok(running) => running,
        Err(e) => {
            eprintln!("could not start the sandbox: {e}");
            return failed;
        }
    };
    let url = running.url();
    let mut cmd = command(
        &root
            .join(tools::VENV)
            .join("bin/schemathesis")
            .to_string_lossy(),
    );
    cmd.current_dir(root);
    for line in args.lines().map(str::trim) {
        if !line.is_empty() && !line.starts_with('#') {
            cmd.arg(line.replace("{url}", &url));
        }
    }
    let counts = run_check(&mut cmd);
    runtime.block_on(running.stop());
    counts
}

/// Writes `index.html` listing every PNG of the e2e run, for review; returns how many.
fn write_screenshot_index(dir: &Path) -> Result<usize, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".png"))
        .collect();
    names.sort();
    let figures: String = names
        .iter()
        .map(|n| {
            let name = n.trim_end_matches(".png");
            format!(
                "<figure><a href=\"{n}\"><img src=\"{n}\" alt=\"{name}\" loading=\"lazy\"></a>\
                 <figcaption>{name}</figcaption></figure>\n"
            )
        })
        .collect();
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>customer-profile screenshots</title></head><body>\
         <h1>customer-profile: {} screenshots</h1>\n<p>State, width (px), colour scheme, \
         language.</p>\n{figures}</body></html>\n",
        names.len()
    );
    std::fs::write(dir.join("index.html"), html).map_err(|e| e.to_string())?;
    Ok(names.len())
}
