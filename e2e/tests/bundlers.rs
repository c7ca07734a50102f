//! The package as portal teams install it (issue 31): each example portal under `examples/`
//! installed the packed tarball with npm and was built by its own tool (`cargo xtask test`
//! builds them into `target/examples`). Each page shows the populated editor, saves one field
//! with the minimal PATCH, and breaks no rule of the strict CSP the sandbox serves it under;
//! the editor's files are the ones the portal's tool placed. Next.js renders the page on its
//! own server, which Node.js runs: the server's HTML carries the element.

use std::path::Path;

use e2e::{example_dir, free_port, shadow, wait_for_port, Harness, Setup, RECORDER};
use serde_json::json;

/// Starts an example's own server (`node <args> <port>`, in `dir`) with `env`; waits until
/// it listens on `port`. It is stopped when the returned child is dropped.
async fn node_server(
    dir: &Path,
    args: &[&str],
    port: u16,
    env: &[(&str, String)],
) -> tokio::process::Child {
    let child = tokio::process::Command::new("node")
        .current_dir(dir)
        .args(args)
        .arg(port.to_string())
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .stdout(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("node {args:?}: {e}"));
    wait_for_port(port).await;
    child
}

/// The paths of the wasm files the page loaded.
async fn wasm_paths(h: &Harness) -> Vec<String> {
    let paths = h
        .js(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)
                 .filter(p => p.endsWith('.wasm'));",
        )
        .await;
    serde_json::from_value(paths).expect("paths")
}

/// Opens `url` with the recorder, then [`edits_and_saves`].
async fn open_and_save(h: &Harness, url: &str) {
    h.before_page_scripts(RECORDER).await;
    h.client.goto(url).await.expect("navigation");
    edits_and_saves(h).await;
}

/// Opens a static example's build at `/portal/` (under the strict CSP) and checks it.
async fn static_example(name: &str, built: &str) {
    let dir = example_dir(name).join(built);
    assert!(
        dir.join("index.html").is_file(),
        "no build of examples/{name} at {} — run `cargo xtask examples` (`cargo xtask test` \
         builds them too)",
        dir.display()
    );
    let h = Harness::start(&format!("bundler-{name}"), Setup::example().portal(dir)).await;
    open_and_save(&h, &format!("{}/portal/", h.url())).await;
    // The wasm came from where the portal's build put it, under /portal/.
    let wasm = wasm_paths(&h).await;
    assert!(
        wasm.len() == 1 && wasm[0].starts_with("/portal/"),
        "{name}: the wasm was loaded from {wasm:?}"
    );
    assert_eq!(
        h.js("return portal.cspViolations;").await,
        json!([]),
        "{name}: CSP violations"
    );
    h.close().await;
}

/// Waits for the populated editor in `#profile`, changes the first name and saves: exactly
/// that field is sent. No uncaught error, rejection or console error meanwhile.
async fn edits_and_saves(h: &Harness) {
    h.wait_js(
        &format!(
            "{}?.querySelector('[name=\"first_name\"]')?.value === 'Tom'",
            shadow("#profile")
        ),
        "the populated editor",
    )
    .await;
    h.fill_in("#profile", "first_name", "Thomas").await;
    h.press_in("#profile", "Save").await;
    h.wait_js(
        "portal.events.some(e => e.type === 'customer-profile-saved')",
        "the saved event",
    )
    .await;
    let patches = h.patches().await;
    assert_eq!(patches.len(), 1, "{patches:?}");
    assert_eq!(patches[0].1, json!({"first_name": "Thomas"}));
    assert_eq!(h.page_errors().await, json!([]), "errors in the page");
}

#[tokio::test]
async fn vite_react_typescript() {
    static_example("vite-react", "dist").await;
}

#[tokio::test]
async fn vue() {
    static_example("vue", "dist").await;
}

#[tokio::test]
async fn angular_with_set_base_path() {
    static_example("angular", "dist/browser").await;
}

#[tokio::test]
async fn webpack_with_mount() {
    static_example("webpack", "dist").await;
}

/// Next.js's own server (`next start`) on a free port, the API the sandbox's, across origins,
/// under the strict CSP with the nonce Next.js needs (`examples/nextjs/middleware.ts`).
#[tokio::test]
async fn nextjs_renders_on_the_server_and_saves_in_the_browser() {
    let dir = example_dir("nextjs");
    assert!(
        dir.join(".next/BUILD_ID").is_file(),
        "no build of examples/nextjs at {} — run `cargo xtask examples`",
        dir.display()
    );
    // The sandbox first (its URL is the server's setting), then Next.js's server, whose
    // origin the sandbox must allow: the port is chosen before either starts.
    let port = free_port();
    let origin = format!("http://127.0.0.1:{port}");
    let h = Harness::start("bundler-nextjs", Setup::example().allow_origin(&origin)).await;
    let _next = node_server(
        &dir,
        &[
            "node_modules/next/dist/bin/next",
            "start",
            "-H",
            "127.0.0.1",
            "-p",
        ],
        port,
        &[
            ("CP_API_BASE_URL", h.url()),
            ("NEXT_TELEMETRY_DISABLED", "1".into()),
        ],
    )
    .await;
    open_and_save(&h, &format!("{origin}/")).await;
    // The server's own answer (another request): the element with its attributes, rendered
    // by React on the server, where importing the package threw nothing; the strict CSP
    // (with Next.js's nonce), which the page broke no rule of.
    let answer = h
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch('/').then(async r => done({ html: await r.text(),
                                               csp: r.headers.get('content-security-policy') }),
                             e => done({ html: String(e) }));",
            vec![],
        )
        .await
        .expect("script");
    let html = answer["html"].as_str().unwrap_or_default();
    assert!(
        html.contains("<customer-profile id=\"profile\" customer-id=\"123456789\"")
            && html.contains(&format!("api-base-url=\"{}\"", h.url())),
        "the server's HTML: {html}"
    );
    let csp = answer["csp"].as_str().unwrap_or_default();
    assert!(
        csp.starts_with("default-src 'none'; script-src 'nonce-") && !csp.contains("unsafe-inline"),
        "the CSP: {csp}"
    );
    assert_eq!(
        h.js("return portal.cspViolations;").await,
        json!([]),
        "CSP violations"
    );
    h.close().await;
}

/// Vite's dev server, with the one line README "Embedding" asks of Vite users
/// (`optimizeDeps.exclude`), proxying the API's routes to the sandbox.
#[tokio::test]
async fn vite_dev_server_with_the_documented_line() {
    let dir = example_dir("vite-react");
    assert!(
        dir.join("node_modules/vite").is_dir(),
        "examples/vite-react is not installed at {} — run `cargo xtask examples`",
        dir.display()
    );
    let h = Harness::start("bundler-vite-dev", Setup::example()).await;
    let port = free_port();
    let _vite = node_server(
        &dir,
        &[
            "node_modules/vite/bin/vite.js",
            "--host",
            "127.0.0.1",
            "--strictPort",
            "--port",
        ],
        port,
        &[("CP_API", h.url())],
    )
    .await;
    open_and_save(&h, &format!("http://127.0.0.1:{port}/portal/")).await;
    // The entry ran where the package is, not from Vite's pre-bundled copy.
    let wasm = wasm_paths(&h).await;
    assert!(
        wasm.len() == 1 && wasm[0].starts_with("/portal/node_modules/customer-profile/"),
        "the wasm was loaded from {wasm:?}"
    );
    h.close().await;
}
