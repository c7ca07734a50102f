//! Browser test harness: each test gets its own chromedriver, headless Chromium profile and
//! in-process sandbox with fresh data, serving the built `dist/` (built by
//! `cargo xtask test`; `CP_DIST` points at it).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

/// How long to wait for the page to reach a state.
pub const WAIT: Duration = Duration::from_secs(20);

/// A script for [`Harness::before_page_scripts`]: records from the page's very start every
/// console call, the widget's events and uncaught errors (`window.__seen`, a list of
/// `[kind, text]`), and the main-thread tasks Chromium reports as long (over 50 ms):
/// `window.__longTasks` (`[start, duration]` in ms) and the longest, `window.__longestTask`.
pub const RECORDER: &str = r#"
    (() => {
        const seen = [];
        window.__seen = seen;
        const text = (v) => {
            if (typeof v === 'string') return v;
            try { return JSON.stringify(v) ?? String(v); } catch { return String(v); }
        };
        for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
            const original = console[level];
            console[level] = (...args) => {
                seen.push(['console.' + level, args.map(text).join(' ')]);
                original.apply(console, args);
            };
        }
        for (const type of ['error', 'auth-required', 'loaded', 'saved', 'dirty-change']) {
            document.addEventListener('customer-profile-' + type,
                (e) => seen.push([e.type, text(e.detail)]), true);
        }
        addEventListener('error', (e) => seen.push(['uncaught', text(e.message)]));
        addEventListener('unhandledrejection', (e) => seen.push(['rejection', text(e.reason)]));
        window.__longestTask = 0;
        window.__longTasks = [];
        new PerformanceObserver((list) => {
            for (const e of list.getEntries()) {
                window.__longTasks.push([e.startTime, e.duration]);
                window.__longestTask = Math.max(window.__longestTask, e.duration);
            }
        }).observe({ type: 'longtask', buffered: true });
    })();
"#;

/// Who the generated `config.json` signs in as, and whether test hooks are on.
#[derive(Clone, Debug)]
pub struct Setup {
    pub customer_id: String,
    pub token: String,
    pub locale: String,
    pub test_hooks: bool,
    /// Chromium prefers a dark colour scheme (light otherwise, for stable screenshots).
    pub dark: bool,
    /// The host page directory served at `/portal/`; `None` = `examples/portal`.
    pub portal: Option<PathBuf>,
    /// The built page served at `/`; `None` = `CP_DIST` (else `dist/`). Lets the bench serve
    /// another build, or a rival implementation, from the same sandbox.
    pub dist: Option<PathBuf>,
    /// Chromium records a trace of the session (see [`Harness::trace_events`]).
    pub trace: bool,
    /// An origin the sandbox answers with CORS headers (a portal served by another server,
    /// such as Next.js's).
    pub allow_origin: Option<String>,
}

impl Setup {
    /// The example customer 123456789 with its own token, English UI, hooks on.
    pub fn example() -> Self {
        Self::customer(sandbox::seed::EXAMPLE)
    }

    /// A seed customer signed in with its own token.
    pub fn customer(id: &str) -> Self {
        Setup {
            customer_id: id.to_owned(),
            token: sandbox::credentials::token_for(id)
                .unwrap_or("no-such-token")
                .to_owned(),
            locale: "en-GB".to_owned(),
            test_hooks: true,
            dark: false,
            portal: None,
            dist: None,
            trace: false,
            allow_origin: None,
        }
    }

    /// Signs in with another token.
    pub fn token(mut self, token: &str) -> Self {
        self.token = token.to_owned();
        self
    }

    /// Sets the locale written in `config.json`.
    pub fn locale(mut self, locale: &str) -> Self {
        self.locale = locale.to_owned();
        self
    }

    /// Makes Chromium prefer a dark colour scheme.
    pub fn dark(mut self) -> Self {
        self.dark = true;
        self
    }

    /// Serves another host page directory at `/portal/`, such as [`react_portal_dir`].
    pub fn portal(mut self, dir: PathBuf) -> Self {
        self.portal = Some(dir);
        self
    }

    /// Lets a page of `origin` call the sandbox's API (CORS).
    pub fn allow_origin(mut self, origin: &str) -> Self {
        self.allow_origin = Some(origin.to_owned());
        self
    }

    /// Serves another built page directory at `/` instead of `CP_DIST`'s.
    pub fn dist(mut self, dir: PathBuf) -> Self {
        self.dist = Some(dir);
        self
    }

    /// Has Chromium trace the session: the renderer's tasks, V8's and wasm compilation's
    /// events and the page's User Timing marks ([`Harness::trace_events`]).
    pub fn trace(mut self) -> Self {
        self.trace = true;
        self
    }

    /// The directory served at `/`: [`Setup::dist`], else `CP_DIST`, else `dist/`.
    pub fn dist_dir(&self) -> PathBuf {
        self.dist.clone().unwrap_or_else(dist_dir)
    }
}

/// The built React example portal (`examples/react-portal` bundled by `cargo xtask test` or
/// `cargo xtask react-portal` into `target/react-portal`; `CP_REACT_PORTAL` points at it).
pub fn react_portal_dir() -> PathBuf {
    let dir = std::env::var_os("CP_REACT_PORTAL")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/react-portal"));
    assert!(
        dir.join("index.html").is_file() && dir.join("app.js").is_file(),
        "no built React example portal at {} — run `cargo xtask react-portal` (`cargo xtask \
         test` builds it too)",
        dir.display()
    );
    dir
}

/// The example portals built with their own tools (`cargo xtask test` builds them into
/// `target/examples`; `CP_EXAMPLES` points there): `name`'s folder.
pub fn example_dir(name: &str) -> PathBuf {
    std::env::var_os("CP_EXAMPLES")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/examples"))
        .join(name)
}

/// `document.querySelector(host).shadowRoot`, as a JS expression (`host` a CSS selector
/// without single quotes).
pub fn shadow(host: &str) -> String {
    format!("document.querySelector('{host}').shadowRoot")
}

/// One test's world: browser, driver, sandbox and scratch directory.
pub struct Harness {
    pub name: String,
    pub client: Client,
    setup: Setup,
    sandbox: Option<sandbox::Running>,
    addr: SocketAddr,
    scratch: PathBuf,
    _driver: Child,
}

/// The message in `lang` when the app cannot start, as `package/start-failed.json`
/// gives it (the entry module shows it without the wasm, so it is in no catalogue).
pub fn start_failed(lang: &str) -> String {
    let path = workspace_root().join("package/start-failed.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let texts: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    texts[lang]
        .as_str()
        .unwrap_or_else(|| panic!("no {lang} text"))
        .to_owned()
}

/// The UI's words in `lang` (`en`, `fr`, …), as `i18n/<lang>.json` gives them: tests find
/// buttons and messages in every language by the catalogue, not by copies of its texts.
pub fn catalogue(lang: &str) -> serde_json::Map<String, serde_json::Value> {
    let path = workspace_root().join("i18n").join(format!("{lang}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One text of [`catalogue`].
pub fn word(lang: &str, key: &str) -> String {
    catalogue(lang)
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("no `{key}` in i18n/{lang}.json"))
        .to_owned()
}

fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

fn dist_dir() -> PathBuf {
    std::env::var_os("CP_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("dist"))
}

/// Where screenshots go: `target/e2e-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    workspace_root().join("target/e2e-screenshots")
}

/// A TCP port free on loopback now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Waits (up to 10 s) until something listens on `port` on loopback.
pub async fn wait_for_port(port: u16) {
    for _ in 0..200 {
        if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("nothing listened on port {port} within 10 s");
}

impl Harness {
    /// Starts sandbox, chromedriver and Chromium; does not open the page yet.
    pub async fn start(name: &str, setup: Setup) -> Harness {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let dist = setup.dist_dir();
        assert!(
            dist.join("index.html").is_file(),
            "no built app at {} — run `cargo xtask test`, which builds it first",
            dist.display()
        );
        let scratch = workspace_root().join("target/e2e-tmp").join(format!(
            "{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&scratch);
        std::fs::create_dir_all(&scratch).expect("scratch directory");

        let sandbox = start_sandbox(&scratch, &setup, ([127, 0, 0, 1], 0).into()).await;
        let addr = sandbox.addr;

        let port = free_port();
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {chromedriver}: {e}"));
        wait_for_port(port).await;

        let profile_dir = scratch.join("chromium-profile"); // Harness::profile_dir
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900",
                    // Exact `performance.memory` figures for `cargo xtask bench`.
                    "--enable-precise-memory-info",
                    format!("--blink-settings=preferredColorScheme={}", if setup.dark { 0 } else { 1 }),
                    format!("--user-data-dir={}", profile_dir.display()),
                ],
            }),
        );
        if setup.trace {
            // chromedriver traces the whole session and hands the events over in its
            // `performance` log.
            caps["goog:chromeOptions"]["perfLoggingPrefs"] = serde_json::json!({
                "enableNetwork": false,
                "enablePage": false,
                "traceCategories": TRACE_CATEGORIES,
            });
            caps.insert(
                "goog:loggingPrefs".into(),
                serde_json::json!({ "performance": "ALL" }),
            );
        }
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session in headless Chromium");
        Harness {
            name: name.to_owned(),
            client,
            setup,
            sandbox: Some(sandbox),
            addr,
            scratch,
            _driver: driver,
        }
    }

    /// The sandbox's base URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Opens the app.
    pub async fn open(&self) {
        self.client
            .goto(&format!("{}/", self.url()))
            .await
            .expect("navigation");
    }

    /// Opens the example portal (`examples/portal`, served at `/portal/` under the strict CSP).
    pub async fn open_portal(&self) {
        self.client
            .goto(&format!("{}/portal/", self.url()))
            .await
            .expect("navigation");
    }

    /// Opens the portal at `/portal/` and waits until its widget has loaded (the page's
    /// `portal.events` heard `customer-profile-loaded`); `what` says what is awaited.
    pub async fn open_portal_loaded(&self, what: &str) {
        self.open_portal().await;
        self.wait_js(
            "window.portal && portal.events.some(e => e.type === 'customer-profile-loaded')",
            what,
        )
        .await;
    }

    /// The value of the control `name` inside the shadow root of the widget at `host`.
    pub async fn value_in(&self, host: &str, name: &str) -> String {
        let script = format!(
            "return {}.querySelector('[name=\"{name}\"]').value;",
            shadow(host)
        );
        self.js(&script)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Types into the control `name` inside the widget at `host`, with WebDriver's own clear
    /// and keys.
    pub async fn fill_in(&self, host: &str, name: &str, text: &str) {
        let element = self
            .client
            .find(Locator::Css(host))
            .await
            .unwrap_or_else(|e| panic!("[{}] no widget host {host}: {e}", self.name))
            .shadow_root()
            .await
            .unwrap_or_else(|e| panic!("[{}] no shadow root in {host}: {e}", self.name))
            .find(Locator::Css(&format!("[name=\"{name}\"]")))
            .await
            .unwrap_or_else(|e| panic!("[{}] no control {name} in {host}: {e}", self.name));
        element.clear().await.expect("clear");
        if !text.is_empty() {
            element.send_keys(text).await.expect("type");
        }
    }

    /// Clicks the button named `label` (its text or `aria-label`) inside the widget at `host`.
    pub async fn press_in(&self, host: &str, label: &str) {
        let script = format!(
            "const b = [...{}.querySelectorAll('button')].find(b =>
                b.textContent.trim() === arguments[0] || b.getAttribute('aria-label') === arguments[0]);
             if (!b) return false; b.click(); return true;",
            shadow(host)
        );
        let clicked = self
            .client
            .execute(&script, vec![label.into()])
            .await
            .unwrap_or_else(|e| panic!("[{}] script failed: {e}", self.name));
        assert_eq!(
            clicked,
            serde_json::json!(true),
            "[{}] no button `{label}` in {host}",
            self.name
        );
    }

    /// Opens another page of the sandbox: `path` from its root, such as `/portal/late.html`.
    pub async fn open_path(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.url()))
            .await
            .expect("navigation");
    }

    /// Runs `script` in the page and returns its JSON result.
    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("[{}] script failed: {e}\n{script}", self.name))
    }

    /// What went wrong in the page so far, as [`RECORDER`] saw it: uncaught errors, rejected
    /// Promises nobody handled and console errors (`[kind, text]` pairs).
    pub async fn page_errors(&self) -> serde_json::Value {
        self.js("return window.__seen.filter(([kind]) =>
                ['uncaught', 'rejection', 'console.error'].includes(kind));")
            .await
    }

    /// Polls `script` (a JS expression) until it is truthy; panics with `what` after [`WAIT`].
    pub async fn wait_js(&self, expression: &str, what: &str) -> serde_json::Value {
        let script = format!("return ({expression});");
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let value = self.js(&script).await;
            let truthy = !matches!(
                value,
                serde_json::Value::Null | serde_json::Value::Bool(false)
            ) && value != serde_json::json!(0)
                && value != serde_json::json!("");
            if truthy {
                return value;
            }
            if std::time::Instant::now() > deadline {
                panic!(
                    "[{}] {what}: `{expression}` never held; the page says:\n{}",
                    self.name,
                    self.page_text().await
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for the first element matching `css`.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.wait_for_locator(Locator::Css(css), css).await
    }

    /// Waits for an element; on timeout the panic shows what the page says instead.
    pub async fn wait_for_locator(&self, locator: Locator<'_>, what: &str) -> Element {
        self.wait_within(locator, what, WAIT).await
    }

    /// [`Harness::wait_for_locator`] with another time limit.
    pub async fn wait_within(&self, locator: Locator<'_>, what: &str, limit: Duration) -> Element {
        match self.client.wait().at_most(limit).for_element(locator).await {
            Ok(element) => element,
            Err(e) => panic!(
                "[{}] no {what} within {limit:?} ({e}); the page says:\n{}",
                self.name,
                self.page_text().await
            ),
        }
    }

    /// The page's visible text, for failure messages.
    pub async fn page_text(&self) -> String {
        self.client
            .execute(
                "return document.body ? document.body.innerText : '';",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Waits until the focused element matches `css` (focus moves after the next frame).
    pub async fn wait_focus(&self, css: &str) {
        let script =
            "return document.activeElement && document.activeElement.matches(arguments[0]);";
        for _ in 0..100 {
            let matches = self.client.execute(script, vec![css.into()]).await;
            if matches.ok().and_then(|v| v.as_bool()) == Some(true) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!(
            "[{}] focus is not on `{css}` but on #{}",
            self.name,
            self.focused_id().await
        );
    }

    /// Trimmed text of the first element matching `css` (waiting for it).
    pub async fn text(&self, css: &str) -> String {
        let element = self.wait_for(css).await;
        element
            .text()
            .await
            .expect("element text")
            .trim()
            .to_owned()
    }

    /// Text of the element with `data-field="{field}"`.
    pub async fn field(&self, field: &str) -> String {
        self.text(&format!("[data-field=\"{field}\"]")).await
    }

    /// The current value of the form control with `name` (waiting for it).
    pub async fn value(&self, name: &str) -> String {
        let element = self.wait_for(&format!("[name=\"{name}\"]")).await;
        element
            .prop("value")
            .await
            .expect("value property")
            .unwrap_or_default()
    }

    /// Replaces the text of the input with `name` with WebDriver's own clear and keys, as an
    /// outside script would (no synthetic events).
    pub async fn fill(&self, name: &str, text: &str) {
        let element = self.wait_for(&format!("[name=\"{name}\"]")).await;
        element.clear().await.expect("clear");
        if !text.is_empty() {
            element.send_keys(text).await.expect("type");
        }
    }

    /// Chooses the option with `value` in the select with `name`.
    pub async fn choose(&self, name: &str, value: &str) {
        let select = self.wait_for(&format!("[name=\"{name}\"]")).await;
        select.select_by_value(value).await.expect("select option");
    }

    /// Moves focus out of the control with `name` (fires its blur).
    pub async fn leave(&self, name: &str) {
        self.client
            .execute(
                "document.querySelector(arguments[0]).blur();",
                vec![format!("[name=\"{name}\"]").into()],
            )
            .await
            .expect("blur");
    }

    /// The button whose text or `aria-label` is `label` (its accessible name).
    pub async fn button(&self, label: &str) -> Element {
        let xpath = format!("//button[normalize-space(.)='{label}' or @aria-label='{label}']");
        self.wait_for_locator(Locator::XPath(&xpath), &format!("button `{label}`"))
            .await
    }

    /// Waits until an element with `role="status"` says `text`.
    pub async fn wait_status(&self, text: &str) {
        let xpath = format!("//*[@role='status' and normalize-space(.)='{text}']");
        self.wait_for_locator(Locator::XPath(&xpath), &format!("status `{text}`"))
            .await;
    }

    /// Clicks the button named `label`.
    pub async fn click(&self, label: &str) {
        self.button(label).await.click().await.expect("click");
    }

    /// Whether the button named `label` is enabled.
    pub async fn enabled(&self, label: &str) -> bool {
        self.button(label)
            .await
            .is_enabled()
            .await
            .expect("enabled state")
    }

    /// The `id` of the focused element.
    pub async fn focused_id(&self) -> String {
        self.client
            .execute(
                "return document.activeElement && document.activeElement.id;",
                vec![],
            )
            .await
            .expect("active element")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The PATCH requests the sandbox received: (query, body as JSON).
    pub async fn patches(&self) -> Vec<(String, serde_json::Value)> {
        self.recorded_requests()
            .await
            .into_iter()
            .filter(|r| r["method"] == "PATCH")
            .map(|r| {
                let query = r["query"].as_str().unwrap_or_default().to_owned();
                let body = r["body"]
                    .as_str()
                    .and_then(|b| serde_json::from_str(b).ok())
                    .unwrap_or(serde_json::Value::Null);
                (query, body)
            })
            .collect()
    }

    /// The stored profile of a customer, read through the API as an agent.
    pub async fn stored(&self, customer_id: &str) -> serde_json::Value {
        let (status, body) = http_request_with(
            self.addr,
            "GET",
            &format!("/v2/customers/{customer_id}/profile"),
            "",
            &[
                ("x-api-key", sandbox::credentials::API_KEY),
                (
                    "authorization",
                    &format!("Bearer {}", sandbox::credentials::AGENT_TOKEN),
                ),
                ("accept-language", "en"),
            ],
        )
        .await;
        assert_eq!(status, 200, "stored profile: {body}");
        serde_json::from_str(&body).expect("profile JSON")
    }

    /// Runs axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on the page, or only inside
    /// `within` (a CSS selector, e.g. a widget host: its shadow tree is included), and fails
    /// with each violation's rule, nodes and help URL.
    pub async fn audit(&self, state: &str, within: Option<&str>) {
        let violations = self.violations(within).await;
        assert!(
            violations.is_empty(),
            "[{}] accessibility violations in state `{state}`:\n{}",
            self.name,
            serde_json::to_string_pretty(&violations).unwrap_or_default()
        );
    }

    /// The axe-core violations on the page (see [`Harness::audit`]).
    pub async fn violations(&self, within: Option<&str>) -> Vec<serde_json::Value> {
        let wcag = [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa",
        ];
        self.violations_tagged(within, &wcag).await
    }

    /// The violations of the axe-core rules carrying any of `tags`.
    pub async fn violations_tagged(
        &self,
        within: Option<&str>,
        tags: &[&str],
    ) -> Vec<serde_json::Value> {
        let path = std::env::var("AXE_CORE")
            .map(PathBuf::from)
            .unwrap_or_else(|_| {
                workspace_root().join("target/tools/node_modules/axe-core/axe.min.js")
            });
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "axe-core not found at {} ({e}): run `cargo xtask test`",
                path.display()
            )
        });
        // WebDriver scripts are not subject to the page's CSP.
        let loaded = self
            .client
            .execute(&format!("{source}\n;return typeof axe;"), vec![])
            .await
            .expect("inject axe-core");
        assert_eq!(loaded, serde_json::json!("object"), "axe-core did not load");
        let context = match within {
            Some(css) => serde_json::json!({ "include": [[css]] }),
            None => serde_json::json!("document"),
        };
        let script = "const [context, tags, done] = arguments;
            const target = context === 'document' ? document : context;
            axe.run(target, { runOnly: { type: 'tag', values: tags } })
              .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact,
                  help: v.help, url: v.helpUrl,
                  nodes: v.nodes.map(n => ({ target: n.target, summary: n.failureSummary })) }))))
              .catch(e => done([{ id: 'axe-error', help: String(e) }]));";
        let violations = self
            .client
            .execute_async(script, vec![context, serde_json::json!(tags)])
            .await
            .expect("axe.run");
        violations.as_array().cloned().unwrap_or_default()
    }

    /// Number of elements matching `css` now.
    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    /// Saves a PNG of the page as `target/e2e-screenshots/{name}.png`.
    pub async fn screenshot(&self, state: &str) {
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot directory");
        std::fs::write(dir.join(format!("{state}.png")), png).expect("write screenshot");
    }

    /// Stops the sandbox (the page stays open): its port then refuses connections.
    pub async fn stop_sandbox(&mut self) {
        if let Some(running) = self.sandbox.take() {
            running.stop().await;
        }
    }

    /// Starts the sandbox again on the same address with the same data.
    pub async fn restart_sandbox(&mut self) {
        self.stop_sandbox().await;
        self.sandbox = Some(start_sandbox(&self.scratch, &self.setup, self.addr).await);
    }

    /// Sends a JSON request to a sandbox test hook; returns the status and body.
    pub async fn hook(&self, method: &str, path: &str, body: &serde_json::Value) -> (u16, String) {
        http_request(self.addr, method, path, &body.to_string()).await
    }

    /// Makes the next `count` requests of `route` answer `status` (optionally with `body`).
    pub async fn fault(&self, route: &str, status: u16, count: u32, body: Option<&str>) {
        let mut fault = serde_json::json!({ "route": route, "status": status, "count": count });
        if let Some(body) = body {
            fault["body"] = body.into();
            fault["content_type"] = "application/json".into();
        }
        let (code, text) = self.hook("POST", "/__sandbox/faults", &fault).await;
        assert!(
            (200..300).contains(&code),
            "fault not accepted: {code} {text}"
        );
    }

    /// The requests the sandbox recorded, oldest first.
    pub async fn recorded_requests(&self) -> Vec<serde_json::Value> {
        let (code, text) = http_request(self.addr, "GET", "/__sandbox/requests", "").await;
        assert_eq!(code, 200, "requests hook: {text}");
        serde_json::from_str(&text).expect("recorded requests are JSON")
    }

    /// The GETs the sandbox recorded, oldest first (a page load's, a save's baseline).
    pub async fn recorded_gets(&self) -> Vec<serde_json::Value> {
        self.recorded_requests()
            .await
            .into_iter()
            .filter(|r| r["method"] == "GET")
            .collect()
    }

    /// The trace events Chromium recorded since the last call (a session started with
    /// [`Setup::trace`]; Chrome's trace event format: `name`, `ph`, `ts`, `dur`, `pid`, `tid`,
    /// `args`). Chromium hands over what it buffered: call it once the page is left.
    pub async fn trace_events(&self) -> Vec<serde_json::Value> {
        let log = self
            .client
            .issue_cmd(Chromedriver {
                path: "se/log",
                body: serde_json::json!({ "type": "performance" }),
            })
            .await
            .unwrap_or_else(|e| panic!("[{}] the performance log: {e}", self.name));
        log.as_array()
            .into_iter()
            .flatten()
            .filter_map(|entry| entry["message"].as_str())
            .filter_map(|text| serde_json::from_str::<serde_json::Value>(text).ok())
            .filter(|m| m["message"]["method"] == "Tracing.dataCollected")
            .map(|m| m["message"]["params"].clone())
            .collect()
    }

    /// One Chromium DevTools command (`Network.emulateNetworkConditions`, say); its result.
    pub async fn devtools(&self, cmd: &str, params: serde_json::Value) -> serde_json::Value {
        let command = serde_json::json!({ "cmd": cmd, "params": params });
        self.client
            .issue_cmd(Chromedriver {
                path: "goog/cdp/execute",
                body: command,
            })
            .await
            .unwrap_or_else(|e| panic!("[{}] DevTools {cmd}: {e}", self.name))
    }

    /// Slows every download of the page to `bytes_per_second` (DevTools network emulation,
    /// no added latency), so that the wasm takes seconds to arrive.
    pub async fn slow_download(&self, bytes_per_second: u32) {
        self.devtools("Network.enable", serde_json::json!({})).await;
        let conditions = serde_json::json!({
            "offline": false,
            "latency": 0,
            "downloadThroughput": bytes_per_second,
            "uploadThroughput": -1,
        });
        self.devtools("Network.emulateNetworkConditions", conditions)
            .await;
    }

    /// Runs `source` before any script of every page this session opens from now on
    /// (Chromium DevTools' `Page.addScriptToEvaluateOnNewDocument`, through chromedriver): a
    /// probe or recorder that must see the page from its very start.
    pub async fn before_page_scripts(&self, source: &str) {
        let params = serde_json::json!({ "source": source });
        self.devtools("Page.addScriptToEvaluateOnNewDocument", params)
            .await;
    }

    /// Ends the WebDriver session and the sandbox.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        self.stop_sandbox().await;
        let _ = std::fs::remove_dir_all(&self.scratch);
    }

    /// The folder of this test's own Chromium profile: its browser's processes, and only
    /// they, carry it on their command line.
    pub fn profile_dir(&self) -> PathBuf {
        self.scratch.join("chromium-profile")
    }
}

impl Drop for Harness {
    /// A test that panics never reaches [`Harness::close`], and killing chromedriver (its
    /// `kill_on_drop`) leaves the browser it started running: orphaned browsers would pile
    /// up in a long run. So the processes of this test's own profile are ended here (after
    /// `close()` there are none, and `pkill` finds nothing).
    fn drop(&mut self) {
        let _ = std::process::Command::new("pkill")
            .arg("-KILL")
            .args(["-f", "--"])
            .arg(format!("--user-data-dir={}", self.profile_dir().display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

async fn start_sandbox(scratch: &Path, setup: &Setup, addr: SocketAddr) -> sandbox::Running {
    let mut config = sandbox::Config::new(scratch.join("data.json"));
    config.dist_dir = Some(setup.dist_dir());
    config.portal_dir = setup
        .portal
        .clone()
        .or_else(|| Some(workspace_root().join("examples/portal")).filter(|p| p.is_dir()));
    // Every page is tested under the strict CSP that portals are told to send.
    config.csp = Some(sandbox::STRICT_CSP.to_owned());
    config.test_hooks = setup.test_hooks;
    config.allow_origins.extend(setup.allow_origin.clone());
    config.demo = sandbox::Demo {
        customer_id: setup.customer_id.clone(),
        token: setup.token.clone(),
        locale: setup.locale.clone(),
    };
    sandbox::start(config, addr).await.expect("sandbox starts")
}

/// A minimal HTTP/1.1 client for the sandbox's test hooks (loopback only).
async fn http_request(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
    http_request_with(addr, method, path, body, &[]).await
}

async fn http_request_with(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: &str,
    headers: &[(&str, &str)],
) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).await.expect("connect to sandbox");
    let extra: String = headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}\r\n"))
        .collect();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/json\r\n\
         {extra}content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.expect("receive");
    let response = String::from_utf8_lossy(&response);
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// What a traced session records ([`Setup::trace`]): the renderer's tasks, layout and
/// paint, V8's script and wasm compilation, and User Timing marks.
const TRACE_CATEGORIES: &str = "devtools.timeline,v8,v8.wasm,blink.user_timing,loading";

/// `POST /session/{id}/{path}` with a JSON body: the chromedriver commands WebDriver has
/// no name for — `goog/cdp/execute` (one Chromium DevTools command) and `se/log` with
/// `{"type": "performance"}` (the trace events of a session started with [`Setup::trace`]).
#[derive(Debug)]
struct Chromedriver {
    path: &'static str,
    body: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Chromedriver {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/{}",
            session.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}
