//! `cargo xtask dev|test`: the project's two commands. Each installs what is missing (and
//! only that), then builds and serves, or runs every test suite. See README.md.

mod bench;
mod boundary;
mod dist;
mod examples;
mod fuzz;
mod load;
mod package;
mod process;
mod react_portal;
mod suites;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  dev [--port N] [--release] [--react-portal]
                               install what is missing, build the app, serve app + sandbox
                               on http://127.0.0.1:N (default 8080); Ctrl-C stops. With
                               --react-portal, /portal/ is the React example (built into
                               target/react-portal) instead of examples/portal
  test                         install what is missing and run every test suite
  dist [--debug]               build the deployable dist/ (release unless --debug)
  types                        the package suite alone, on the dist/ already built: npm pack,
                               install in a scratch portal, tsc --strict on package/tests/
  bench [--dist DIR] [--rival DIR] [--runs N] [--mobile-runs N]
                               build the release dist/ (or take DIR), measure sizes and,
                               in headless Chromium, cold and repeat loads on loopback and
                               on a mobile profile (150 ms, 1.6 Mbit/s, CPU 4× slower),
                               render and keystroke times; with --rival, another built page
                               (copied to target/bench/rival, precompressed) is loaded in
                               turn with ours. N loads per build and configuration (default
                               20 on loopback, 10 on mobile; --runs sets both unless
                               --mobile-runs is given); prints the tables, writes
                               target/bench/report.json
  fuzz [--seconds N] [--cases N]
                               the fuzz_ properties (JSON reader, profile decoder,
                               lost-update merge) with N cases each (default 20000), round
                               after round for N seconds (default 300)
  load [--clients N] [--seconds N]
                               N clients (default 50) mixing GET and PATCH against the
                               sandbox binary for N seconds (default 30): throughput, p50/p99,
                               every acknowledged write in the data file — then again with a
                               kill -9 of the sandbox halfway
  examples                     the package suite, then the example portals (examples/vite-react,
                               vue, angular, nextjs, webpack) built against the packed
                               dist/ already built, into target/examples
  react-portal                 bundle the React example (examples/react-portal) into
                               target/react-portal, which its e2e tests serve";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("dev") => parse_dev(&args[1..]).and_then(dev),
        Some("test") if args.len() == 1 => suites::run_all(&workspace_root()),
        Some("bench") => {
            bench::parse(&args[1..]).and_then(|o| bench::run_bench(&workspace_root(), o))
        }
        Some("fuzz") => fuzz::parse(&args[1..]).and_then(|o| fuzz::run_fuzz(&workspace_root(), &o)),
        Some("load") => load::parse(&args[1..]).and_then(|o| load::run_load(&workspace_root(), &o)),
        Some("types") if args.len() == 1 => package::run_types(&workspace_root()),
        Some("dist") => match &args[1..] {
            [] => build_dist(true),
            [flag] if flag == "--debug" => build_dist(false),
            _ => Err(format!("dist: unknown option\n\n{USAGE}")),
        },
        Some("react-portal") if args.len() == 1 => react_portal::build(&workspace_root()),
        Some("examples") if args.len() == 1 => build_examples(&workspace_root()),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown or missing command\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // An empty message: the failure was reported already (the test totals).
            if !message.is_empty() {
                eprintln!("xtask: {message}");
            }
            ExitCode::FAILURE
        }
    }
}

/// `--flag N` pairs of a command's options, each N a positive whole number; `command`
/// names the command in the messages.
pub fn numeric_flags(command: &str, args: &[String]) -> Result<Vec<(String, u64)>, String> {
    let mut pairs = Vec::new();
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| format!("{command}: {flag} needs a value"))?;
        let number = value
            .parse::<u64>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("{command}: {flag} needs a positive number, not {value:?}"))?;
        pairs.push((flag.clone(), number));
    }
    Ok(pairs)
}

/// The workspace root: xtask's manifest sits one level below it.
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

fn build_dist(release: bool) -> Result<(), String> {
    let root = workspace_root();
    tools::ensure_for_build(&root, release)?;
    dist::build(&root, release)?;
    dist::print_sizes(&root.join("dist"));
    Ok(())
}

/// `cargo xtask examples`: packs the dist/ already built (the package suite), then builds
/// every example portal against that tarball.
fn build_examples(root: &std::path::Path) -> Result<(), String> {
    tools::ensure_typescript(root)?;
    let mut counts = package::check(root);
    counts += examples::build_all(root, package::tarball(root).as_deref());
    println!("{} passed, {} failed", counts.passed, counts.failed);
    if counts.failed == 0 {
        Ok(())
    } else {
        Err(String::new())
    }
}

struct DevOptions {
    port: u16,
    release: bool,
    react_portal: bool,
}

fn parse_dev(args: &[String]) -> Result<DevOptions, String> {
    let mut options = DevOptions {
        port: 8080,
        release: false,
        react_portal: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--port" => {
                let value = it.next().ok_or("--port needs a number")?;
                options.port = value
                    .parse()
                    .map_err(|_| format!("--port: `{value}` is not a port number"))?;
            }
            "--release" => options.release = true,
            "--react-portal" => options.react_portal = true,
            other => return Err(format!("dev: unknown option `{other}`\n\n{USAGE}")),
        }
    }
    Ok(options)
}

fn dev(options: DevOptions) -> Result<(), String> {
    let root = workspace_root();
    tools::ensure_for_build(&root, options.release)?;
    dist::build(&root, options.release)?;
    let portal = if options.react_portal {
        react_portal::build(&root)?;
        react_portal::out_dir(&root)
    } else {
        root.join("examples/portal")
    };
    let runtime = tokio::runtime::Runtime::new().map_err(|e| format!("tokio: {e}"))?;
    runtime.block_on(async {
        let data = root.join("target/sandbox/dev-data.json");
        let mut config = sandbox::Config::new(&data);
        config.dist_dir = Some(root.join("dist"));
        config.portal_dir = Some(portal);
        // Develop under the strict CSP that portals are told to send.
        config.csp = Some(sandbox::STRICT_CSP.to_owned());
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], options.port));
        let running = sandbox::start(config, addr)
            .await
            .map_err(|e| format!("could not start the sandbox on {addr}: {e}"))?;
        println!("\n{}", sandbox::credentials::describe());
        println!("data file: {}", data.display());
        println!("\n  customer-profile is served at {}/", running.url());
        let which = if options.react_portal {
            "the React example portal"
        } else {
            "the example portal"
        };
        println!("  {which} embedding it at {}/portal/\n", running.url());
        println!("Press Ctrl-C to stop.");
        let _ = tokio::signal::ctrl_c().await;
        running.stop().await;
        println!("stopped");
        Ok(())
    })
}
