//! The browser half of `cargo xtask bench`: measures the built app in headless Chromium
//! against the in-process sandbox — side by side with a rival build when one is given — and
//! writes the figures as JSON (xtask adds the file sizes, prints the tables and writes
//! `target/bench/report.json`).
//!
//! usage: bench [--runs N] [--mobile-runs N] [--rival DIR] [--out FILE]
//!        (CP_DIST: our dist/ to measure; DIR: another page with the same `name` hooks)
//!
//! Every figure comes from the browser's own clocks (Navigation, Paint, Resource and User
//! Timing), so WebDriver's round trips are never part of a measurement.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use e2e::{Harness, Setup};
use serde_json::{json, Value};

/// The mark the app sets once the form is in the DOM and live (src/components/form/mod.rs).
const READY_MARK: &str = "customer-profile:ready";
const CUSTOMER: &str = "123456789";

/// What the command line asks for.
struct Options {
    runs: usize,
    mobile_runs: usize,
    rival: Option<PathBuf>,
    out: Option<String>,
}

/// Reads [`Options`] from the command line (xtask writes it; a wrong one panics).
fn options() -> Options {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut o = Options {
        runs: 20,
        mobile_runs: 10,
        rival: None,
        out: None,
    };
    let mut i = 0;
    while i < args.len() {
        let number = |n: &String| n.parse().expect("--runs and --mobile-runs take a number");
        match (args[i].as_str(), args.get(i + 1)) {
            ("--runs", Some(n)) => o.runs = number(n),
            ("--mobile-runs", Some(n)) => o.mobile_runs = number(n),
            ("--rival", Some(dir)) => o.rival = Some(PathBuf::from(dir)),
            ("--out", Some(path)) => o.out = Some(path.clone()),
            (other, _) => panic!("bench: unknown argument {other}"),
        }
        i += 2;
    }
    o
}

#[tokio::main]
async fn main() {
    let o = options();
    let mut builds = vec![Build {
        name: "ours",
        dist: None,
        page: Page::Standalone,
    }];
    if let Some(dir) = &o.rival {
        builds.push(Build {
            name: "rival",
            dist: Some(dir.clone()),
            page: Page::Standalone,
        });
    }
    let mut report = json!({
        "runs": o.runs,
        "mobile_runs": o.mobile_runs,
        "builds": {
            "ours": std::env::var("CP_DIST").ok(),
            "rival": o.rival.as_ref().map(|d| d.display().to_string()),
        },
    });
    report["loads"] = every_configuration(&builds, &o).await;
    // Ours embedded, as portals use it: the example portal's `<customer-profile>`.
    let portal = [Build {
        name: "ours",
        dist: None,
        page: Page::Portal,
    }];
    report["portal"] = every_configuration(&portal, &o).await;
    report["preload"] = preload_cases(&o).await;
    let mut traces = Vec::new();
    for profile in [Profile::Loopback, Profile::Mobile] {
        eprintln!("bench: one traced {} cold load of ours", profile.name());
        traces.push(traced_load(profile).await);
    }
    report["traces"] = Value::Array(traces);
    let mut by_phones = Vec::new();
    for phones in [1, 50, 500] {
        eprintln!("bench: {phones} phones");
        by_phones.push(phones_case(phones).await);
    }
    report["phones"] = Value::Array(by_phones);
    eprintln!("bench: requests per flow");
    report["flows"] = flows().await;

    let text = serde_json::to_string_pretty(&report).expect("JSON");
    match o.out {
        Some(path) => std::fs::write(&path, text).expect("write the report"),
        None => println!("{text}"),
    }
}

/// One build to load: ours (`CP_DIST`) or the rival's directory, on its own page or, for
/// ours, embedded in the example portal.
struct Build {
    name: &'static str,
    dist: Option<PathBuf>,
    page: Page,
}

/// Which page a load opens.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Page {
    /// The build's `index.html`.
    Standalone,
    /// `examples/portal/` (`/portal/`): a host page with a `<customer-profile>` element,
    /// under the strict CSP.
    Portal,
}

impl Build {
    async fn open(&self, h: &Harness) {
        match self.page {
            Page::Standalone => h.open().await,
            Page::Portal => h.open_portal().await,
        }
    }

    fn setup(&self) -> Setup {
        let setup = Setup::example();
        match &self.dist {
            Some(dir) => setup.dist(dir.clone()),
            None => setup,
        }
    }
}

/// The link and CPU a load runs on.
#[derive(Clone, Copy, Debug)]
enum Profile {
    /// Loopback at full speed: what the code costs, with no network in the way.
    Loopback,
    /// Lighthouse's mobile defaults through DevTools: 150 ms round trip, 1.6 Mbit/s down,
    /// 750 kbit/s up, the CPU 4× slower — what a phone feels.
    Mobile,
}

impl Profile {
    fn name(self) -> &'static str {
        match self {
            Profile::Loopback => "loopback",
            Profile::Mobile => "mobile",
        }
    }

    /// Sets the profile in the session's page (it holds across its navigations).
    async fn apply(self, h: &Harness) {
        if let Profile::Mobile = self {
            h.devtools("Network.enable", json!({})).await;
            let network = json!({
                "offline": false,
                "latency": 150,
                "downloadThroughput": 1.6e6 / 8.0,
                "uploadThroughput": 750e3 / 8.0,
            });
            h.devtools("Network.emulateNetworkConditions", network)
                .await;
            h.devtools("Emulation.setCPUThrottlingRate", json!({ "rate": 4 }))
                .await;
        }
    }
}

/// Whether the browser has seen the page before.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Visit {
    /// A new browser profile: empty HTTP cache.
    Cold,
    /// The same session after one full load and `about:blank`: a customer coming back.
    Repeat,
}

impl Visit {
    fn name(self) -> &'static str {
        match self {
            Visit::Cold => "cold",
            Visit::Repeat => "repeat",
        }
    }
}

/// The figures of one load kept per build (each summarised by [`stats`]).
const FIGURES: [&str; 13] = [
    "populated_ms",
    "populated_painted_ms",
    "placeholder_shown_ms",
    "populated_after_get_ms",
    "populated_after_inputs_ms",
    "code_in_ms",
    "first_paint_ms",
    "first_contentful_paint_ms",
    "ready_ms",
    "requests",
    "bytes",
    "api_ms",
    "cpu_loop_ms",
];

/// Each profile, cold and repeat: `o.runs` loads of each build per loopback configuration,
/// `o.mobile_runs` per mobile one.
async fn every_configuration(builds: &[Build], o: &Options) -> Value {
    let mut loads = Vec::new();
    for profile in [Profile::Loopback, Profile::Mobile] {
        for visit in [Visit::Cold, Visit::Repeat] {
            let runs = match profile {
                Profile::Loopback => o.runs,
                Profile::Mobile => o.mobile_runs,
            };
            loads.push(configuration(builds, profile, visit, runs).await);
        }
    }
    Value::Array(loads)
}

/// `runs` loads of every build, interleaved (ours, rival, ours, rival …) so that a slow
/// spell of the machine weighs on both alike.
async fn configuration(builds: &[Build], profile: Profile, visit: Visit, runs: usize) -> Value {
    let mut samples: Vec<Vec<Value>> = builds.iter().map(|_| Vec::new()).collect();
    for run in 0..runs {
        for (build, kept) in builds.iter().zip(&mut samples) {
            eprintln!(
                "bench: {} {} load {}/{runs}, {}{}",
                profile.name(),
                visit.name(),
                run + 1,
                build.name,
                if build.page == Page::Portal {
                    " in the portal"
                } else {
                    ""
                }
            );
            kept.push(load_once(build, profile, visit).await);
        }
    }
    let mut entry = json!({ "profile": profile.name(), "visit": visit.name(), "runs": runs });
    for (build, kept) in builds.iter().zip(samples) {
        entry[build.name] = summary(&kept);
        entry["samples"][build.name] = Value::Array(kept);
    }
    entry
}

/// Median and p90 of each of [`FIGURES`] over a build's loads.
fn summary(loads: &[Value]) -> Value {
    FIGURES
        .iter()
        .map(|f| {
            let values = loads.iter().map(|l| number(l, f)).collect();
            (f.to_string(), stats(values))
        })
        .collect::<serde_json::Map<String, Value>>()
        .into()
}

/// How long after the first load a repeat visit starts.
const COME_BACK: Duration = Duration::from_secs(2);

/// One measured load of `build` in a new browser session: the first (cold) or, after a
/// full load and `about:blank`, the second (repeat).
async fn load_once(build: &Build, profile: Profile, visit: Visit) -> Value {
    let h = Harness::start("bench-load", build.setup()).await;
    h.before_page_scripts(POPULATED_PROBE).await;
    if visit == Visit::Repeat {
        build.open(&h).await;
        wait_populated(&h).await;
        h.client.goto("about:blank").await.expect("about:blank");
        // A customer comes back later, not at once: the browser's work after the first
        // load (optimising and caching the compiled code) is over by then.
        tokio::time::sleep(COME_BACK).await;
    }
    profile.apply(&h).await;
    build.open(&h).await;
    wait_populated(&h).await;
    let t = settled_timings(&h).await;
    h.close().await;
    t
}

/// Runs before any script of every page the session opens (Chromium DevTools'
/// `Page.addScriptToEvaluateOnNewDocument`, through chromedriver): records when the form is
/// first populated — the control named `email` (the stable hooks every build and the rival
/// page share) holding a value — so that builds without the app's own mark, or another
/// implementation, are measured the same way — and when the frame after it was painted;
/// also the first frame that showed our placeholder while its code downloaded. In the
/// page, or in the shadow root of a portal's `<customer-profile>` (which the observer does
/// not see: there, every frame looks).
const POPULATED_PROBE: &str = r#"
    (() => {
        const find = (css) => document.querySelector(css)
            ?? document.querySelector('customer-profile')?.shadowRoot?.querySelector(css);
        const check = () => {
            if (window.__benchPopulated !== undefined) return true;
            const field = find('[name="email"]');
            if (field && field.value) {
                window.__benchPopulated = performance.now();
                // The task after the next frame: roughly when the customer sees it.
                requestAnimationFrame(() => setTimeout(() => {
                    window.__benchPainted = performance.now();
                }, 0));
                return true;
            }
            return false;
        };
        new MutationObserver(check).observe(document, { subtree: true, childList: true });
        const frame = () => {
            const placeholder = find('[data-placeholder]');
            if (window.__benchPlaceholder === undefined && placeholder
                && placeholder.checkVisibility({ opacityProperty: true })) {
                window.__benchPlaceholder = performance.now();
            }
            if (!check()) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
    })();
"#;

/// Page timings after the form is populated, in ms from navigation start; the requests and
/// bytes of the load so far (Resource Timing, the page itself included); and a fixed loop's
/// time, which shows whether the CPU throttling took effect.
const TIMINGS: &str = r#"
    const paint = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const api = resources.filter((e) => e.name.includes('/v2/customers/'));
    const get = api[api.length - 1];
    const populated = window.__benchPopulated ?? null;
    // When the last of the page's code (js, wasm) was in: its bytes are on the critical path.
    const code = resources
        .filter((e) => /\.(m?js|wasm)$/.test(new URL(e.name).pathname))
        .map((e) => e.responseEnd);
    const code_in = code.length ? Math.max(...code) : null;
    const t0 = performance.now();
    let x = 0;
    for (let i = 0; i < 4e6; i++) x = (x + i * 7) % 1000003;
    const cpu = performance.now() - t0;
    return {
        first_paint_ms: paint('first-paint') ?? paint('first-contentful-paint'),
        first_contentful_paint_ms: paint('first-contentful-paint'),
        ready_ms: paint('customer-profile:ready'),
        populated_ms: populated,
        populated_painted_ms: window.__benchPainted ?? null,
        placeholder_shown_ms: window.__benchPlaceholder ?? null,
        populated_after_get_ms: get && populated !== null ? populated - get.responseEnd : null,
        // From when both the GET's answer and the last of the page's code (js, wasm) were
        // in: the page's own work, whichever of the two came last (with an early GET, the
        // code does).
        populated_after_inputs_ms: get && populated !== null && code_in !== null
            ? populated - Math.max(get.responseEnd, code_in)
            : null,
        code_in_ms: code_in,
        get_response_end: get ? get.responseEnd : null,
        api_ms: get ? get.responseEnd - get.startTime : null,
        requests: resources.length + 1,
        bytes: resources.reduce((sum, e) => sum + e.transferSize, nav.transferSize),
        from_cache: resources.filter((e) => e.transferSize === 0).length,
        // Each resource: path, bytes, when it was asked for and when its answer was in.
        resources: resources.map((e) => [e.name.replace(location.origin, ''), e.transferSize,
            Math.round(e.startTime), Math.round(e.responseEnd)]),
        js_heap: performance.memory ? performance.memory.usedJSHeapSize : null,
        cpu_loop_ms: cpu + (x < 0 ? 1 : 0),
    };
"#;

/// How long the customer reads a portal's page before opening the tab with the editor: long
/// enough for a preload to be over on the mobile profile (about 1 s of download and 0.5 s of
/// compiling there).
const READING: Duration = Duration::from_secs(5);

/// The editor created when the customer opens a tab, [`READING`] after the page loaded
/// (`examples/portal/tabs.html`), on the mobile profile, cold: without and with the page
/// calling `preload()` as it loads. `o.mobile_runs` loads of each, interleaved; the figure is
/// from the tab's opening to the populated form (and to the frame after it).
async fn preload_cases(o: &Options) -> Value {
    let cases = [("without", ""), ("with", "?preload")];
    let mut samples: Vec<Vec<Value>> = cases.iter().map(|_| Vec::new()).collect();
    for run in 0..o.mobile_runs {
        for ((name, query), kept) in cases.iter().zip(&mut samples) {
            eprintln!(
                "bench: mobile cold, a tab opened after {} s, {name} preload, {}/{}",
                READING.as_secs(),
                run + 1,
                o.mobile_runs
            );
            kept.push(tab_opened(query).await);
        }
    }
    let mut entry = json!({ "profile": "mobile", "visit": "cold", "runs": o.mobile_runs });
    for ((name, _), kept) in cases.iter().zip(samples) {
        for figure in [
            "opened_to_populated_ms",
            "opened_to_painted_ms",
            "preloaded_ms",
        ] {
            entry[*name][figure] = stats(kept.iter().map(|l| number(l, figure)).collect());
        }
        entry["samples"][*name] = Value::Array(kept);
    }
    entry
}

/// One load of `tabs.html{query}` in a new session on the mobile profile; opens the tab once
/// the page has loaded and [`READING`] has passed.
async fn tab_opened(query: &str) -> Value {
    let h = Harness::start("bench-tab", Setup::example()).await;
    h.before_page_scripts(POPULATED_PROBE).await;
    Profile::Mobile.apply(&h).await;
    h.client
        .goto(&format!("{}/portal/tabs.html{query}", h.url()))
        .await
        .expect("navigation");
    h.wait_js(
        "performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0",
        "the load event",
    )
    .await;
    tokio::time::sleep(READING).await;
    h.js("portal.open(); return true;").await;
    wait_populated(&h).await;
    let t = h
        .js("return {
                opened_to_populated_ms: window.__benchPopulated - portal.openedAt,
                opened_to_painted_ms: window.__benchPainted - portal.openedAt,
                preloaded_ms: portal.preloadedAt,
            };")
        .await;
    h.close().await;
    t
}

/// Waits until the probe has seen the form populated, and the frame after it.
async fn wait_populated(h: &Harness) {
    h.wait_js("window.__benchPainted !== undefined", "a populated form")
        .await;
}

/// [`TIMINGS`] once the app's mark is set (for builds that set it) and the load is over:
/// its `load` event passed and no new resource for 300 ms.
async fn settled_timings(h: &Harness) -> Value {
    // The app's mark follows within a task; builds that do not set it are timed by the probe.
    let has_mark = format!("performance.getEntriesByName('{READY_MARK}').length > 0");
    for _ in 0..20 {
        if h.js(&format!("return {has_mark};")).await == json!(true) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    h.wait_js(
        "performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0",
        "the load event",
    )
    .await;
    let count = "return performance.getEntriesByType('resource').length;";
    let mut seen = h.js(count).await;
    loop {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = h.js(count).await;
        if now == seen {
            break;
        }
        seen = now;
    }
    h.js(TIMINGS).await
}

/// Opens the page and waits until the form is populated (and, for builds that set it,
/// the app's ready mark).
async fn open_ready(h: &Harness) -> Value {
    h.before_page_scripts(POPULATED_PROBE).await;
    h.open().await;
    wait_populated(h).await;
    settled_timings(h).await
}

/// The form-usable time: the app's own mark, else the probe's populated time.
fn usable(t: &Value) -> f64 {
    t["ready_ms"]
        .as_f64()
        .or_else(|| t["populated_ms"].as_f64())
        .unwrap_or(f64::NAN)
}

fn stats(mut values: Vec<f64>) -> Value {
    values.retain(|v| v.is_finite());
    if values.is_empty() {
        return Value::Null;
    }
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    json!({ "median": round(at(0.5)), "p90": round(at(0.9)), "n": values.len() })
}

fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn number(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or(f64::NAN)
}

/// Keystroke to DOM update in a phone number field, `n` times, alternating between the
/// stored value and one more character so that every keystroke changes what is shown.
const KEYSTROKES: &str = r#"
    const [name, n, done] = arguments;
    const el = document.querySelector(`[name="${name}"]`);
    const form = el.closest('form');
    const original = el.value;
    const times = [];
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    (async () => {
        for (let i = 0; i < n; i++) {
            let t1;
            const observer = new MutationObserver(() => { t1 ??= performance.now(); });
            observer.observe(form, { subtree: true, childList: true, attributes: true, characterData: true });
            const t0 = performance.now();
            el.value = i % 2 === 0 ? original + '7' : original;
            el.dispatchEvent(new Event('input', { bubbles: true }));
            await frame();
            observer.disconnect();
            times.push(t1 === undefined ? null : t1 - t0);
        }
        done(times);
    })();
"#;

/// Linear memory of the app's wasm instance: the wasm-bindgen glue the page preloads, once
/// initialised, hands its exports back from its `default` (the entry's `ready` no longer
/// resolves to them).
const WASM_MEMORY: &str = r#"
    const done = arguments[0];
    const glue = document.querySelector('link[rel="modulepreload"]');
    if (!glue) { done(null); } else {
        import(glue.href)
            .then((m) => m.default())
            .then((w) => done(w.memory.buffer.byteLength))
            .catch(() => done(null));
    }
"#;

async fn phones_case(phones: usize) -> Value {
    let h = Harness::start("bench-phones", Setup::example()).await;
    let mut profile = h.stored(CUSTOMER).await;
    profile["phones"] = (0..phones)
        .map(|i| json!({ "number": format!("06{:08}", i), "type": "MOBILE" }))
        .collect();
    let path = format!("/__sandbox/customers/{CUSTOMER}");
    let (status, body) = h.hook("PUT", &path, &profile).await;
    assert!(
        (200..300).contains(&status),
        "PUT customer: {status} {body}"
    );
    let t = open_ready(&h).await;
    let render = usable(&t) - number(&t, "get_response_end");
    let field = format!("phones.{}.number", phones - 1);
    let times = h
        .client
        .execute_async(KEYSTROKES, vec![json!(field), json!(40)])
        .await
        .expect("keystroke script");
    let times: Vec<f64> = times
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    let measured = times.len();
    let memory = h
        .client
        .execute_async(WASM_MEMORY, vec![])
        .await
        .unwrap_or(Value::Null);
    // Stop between runs: nothing left over from one profile slows the next.
    tokio::time::sleep(Duration::from_millis(100)).await;
    h.close().await;
    json!({
        "phones": phones,
        "render_ms": round(render),
        "keystroke_to_dom_ms": stats(times),
        "keystrokes_measured": measured,
        "wasm_memory_bytes": memory,
        "js_heap_bytes": t["js_heap"],
    })
}

/// Requests per flow, and the PATCH body next to the profile it changes.
async fn flows() -> Value {
    let h = Harness::start("bench-flows", Setup::example()).await;
    open_ready(&h).await;
    let resources = h
        .js("return performance.getEntriesByType('resource').map((e) => e.name);")
        .await;
    let load_api = h.recorded_requests().await.len();
    let count_api = || async { h.recorded_requests().await.len() };

    // No-op save: submitting an unchanged form (Enter in a field) sends nothing.
    let before = count_api().await;
    h.js("document.querySelector('form').requestSubmit(); return true;")
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let noop = count_api().await - before;

    // One-field save: PATCH, then GET as the new baseline.
    let before = count_api().await;
    h.fill("first_name", "Thomas").await;
    h.js("document.querySelector('form').requestSubmit(); return true;")
        .await;
    // Generic (any implementation): the PATCH, then whatever follows within a second.
    for _ in 0..200 {
        let patched = h
            .recorded_requests()
            .await
            .iter()
            .any(|r| r["method"] == "PATCH");
        if patched {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let requests = h.recorded_requests().await;
    let one_field = requests.len() - before;
    let patch_bytes = requests
        .iter()
        .filter(|r| r["method"] == "PATCH")
        .filter_map(|r| r["body"].as_str().map(str::len))
        .next_back();
    let profile_bytes = h.stored(CUSTOMER).await.to_string().len();
    h.close().await;
    let page = resources.as_array().map_or(0, Vec::len) + 1;
    json!({
        "load": { "requests": page, "api_requests": load_api, "resources": resources },
        "noop_save": { "api_requests": noop },
        "one_field_save": { "api_requests": one_field },
        "patch_body_bytes": patch_bytes,
        "profile_bytes": profile_bytes,
    })
}

/// One cold load of ours traced by Chromium: where the renderer's main thread spent the time
/// from when both the GET's answer and the page's last code were in until the form was
/// populated — the page's own work (on loopback the 50 ms goal of issue 16).
async fn traced_load(profile: Profile) -> Value {
    let setup = Setup::example().trace();
    let wasm = served_wasm(&setup.dist_dir());
    let h = Harness::start("bench-trace", setup).await;
    h.before_page_scripts(POPULATED_PROBE).await;
    profile.apply(&h).await;
    // What the session recorded before the load.
    let _ = h.trace_events().await;
    h.open().await;
    wait_populated(&h).await;
    let t = settled_timings(&h).await;
    // Chromium hands over a page's events once the page is left.
    h.client.goto("about:blank").await.expect("about:blank");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let events = h.trace_events().await;
    h.close().await;
    let to = number(&t, "populated_ms");
    let from = to - number(&t, "populated_after_inputs_ms");
    json!({
        "profile": profile.name(),
        "inputs_in_ms": round(from),
        "code_in_ms": round(number(&t, "code_in_ms")),
        "populated_ms": round(to),
        "main_thread_ms": main_thread(&events, number(&t, "ready_ms"), from, to),
        "compiled_on_first_call": compiled_on_first_call(&events, &wasm, number(&t, "ready_ms"), to),
    })
}

/// The wasm a dist directory serves (`…_bg.wasm`), read whole.
fn served_wasm(dir: &std::path::Path) -> Result<Vec<u8>, String> {
    let path = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with("_bg.wasm"))
        .ok_or_else(|| format!("no _bg.wasm in {}", dir.display()))?;
    std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
}

/// A wasm module's functions as V8 numbers them: how many are imported (they come first)
/// and the byte size of each defined function's body.
#[derive(Debug, PartialEq)]
struct FunctionSizes {
    imported: usize,
    bodies: Vec<usize>,
}

/// Reads [`FunctionSizes`] from a module's bytes (wasmparser: only the import and code
/// sections are looked at).
fn function_sizes(wasm: &[u8]) -> Result<FunctionSizes, String> {
    use wasmparser::{Parser, Payload, TypeRef};
    let mut sizes = FunctionSizes {
        imported: 0,
        bodies: Vec::new(),
    };
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(|e| e.to_string())? {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    if matches!(import.map_err(|e| e.to_string())?.ty, TypeRef::Func(_)) {
                        sizes.imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => sizes.bodies.push(body.range().len()),
            _ => {}
        }
    }
    Ok(sizes)
}

/// The wasm functions V8 compiled on their first call (`wasm.CompileLazy`, on the page's
/// main thread) from navigation start until the form was populated (`to` ms; the ready mark,
/// `ready` ms, ties the clocks): how many and how many bytes of code, of the module's. The
/// code a first render runs, which a phone compiles at a quarter of the speed: the lever
/// for the time from the code's arrival to a usable form.
fn compiled_on_first_call(
    events: &[Value],
    wasm: &Result<Vec<u8>, String>,
    ready: f64,
    to: f64,
) -> Value {
    let sizes = match wasm
        .as_deref()
        .map_err(Clone::clone)
        .and_then(function_sizes)
    {
        Ok(sizes) => sizes,
        Err(error) => return json!({ "error": error }),
    };
    let Some(mark) = events.iter().find(|e| e["name"] == READY_MARK) else {
        return json!({ "error": "no ready mark in the trace" });
    };
    let end = mark["ts"].as_f64().unwrap_or(0.0) + (to - ready) * 1000.0;
    let mut seen = std::collections::BTreeSet::new();
    for e in events.iter().filter(|e| {
        e["name"] == "wasm.CompileLazy"
            && (&e["pid"], &e["tid"]) == (&mark["pid"], &mark["tid"])
            && e["ts"].as_f64().is_some_and(|ts| ts < end)
    }) {
        if let Some(index) = e["args"]["func_index"].as_u64() {
            seen.insert(index as usize);
        }
    }
    let bytes: usize = seen
        .iter()
        .filter_map(|&i| i.checked_sub(sizes.imported))
        .filter_map(|i| sizes.bodies.get(i))
        .sum();
    json!({
        "functions": seen.len(),
        "bytes": bytes,
        "module_functions": sizes.bodies.len(),
        "module_bytes": sizes.bodies.iter().sum::<usize>(),
    })
}

/// What the main thread did between `from` and `to` (ms from navigation start), by kind:
/// the self time of each trace event (its duration less its children's), an unknown event
/// counted with its parent's kind. The app's ready mark, `ready` ms from navigation start,
/// ties the trace's clock to the page's.
fn main_thread(events: &[Value], ready: f64, from: f64, to: f64) -> Value {
    let Some(mark) = events.iter().find(|e| e["name"] == READY_MARK) else {
        return json!({ "error": "no ready mark in the trace" });
    };
    let thread = (&mark["pid"], &mark["tid"]);
    let origin = mark["ts"].as_f64().unwrap_or(0.0) - ready * 1000.0;
    let (start, end) = (origin + from * 1000.0, origin + to * 1000.0);
    let mut tasks: Vec<(f64, f64, &str)> = events
        .iter()
        .filter(|e| e["ph"] == "X" && (&e["pid"], &e["tid"]) == thread)
        .filter_map(|e| {
            let ts = e["ts"].as_f64()?;
            Some((ts, ts + e["dur"].as_f64()?, e["name"].as_str()?))
        })
        .filter(|&(ts, stop, _)| stop > start && ts < end)
        .collect();
    // Parents before their children.
    tasks.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let clipped = |(ts, stop, _): (f64, f64, &str)| (stop.min(end) - ts.max(start)).max(0.0);
    let mut kinds = BTreeMap::<&str, f64>::new();
    // The open events: their end, kind, own (clipped) time and their children's time.
    let mut open: Vec<Open> = Vec::new();
    for task in tasks {
        while open.last().is_some_and(|o| o.0 <= task.0) {
            close(&mut open, &mut kinds);
        }
        let kind = kind_of(task.2)
            .or_else(|| open.last().map(|o| o.1))
            .unwrap_or("other browser work");
        open.push((task.1, kind, clipped(task), 0.0));
    }
    while !open.is_empty() {
        close(&mut open, &mut kinds);
    }
    let busy: f64 = kinds.values().sum();
    let mut out: serde_json::Map<String, Value> = kinds
        .into_iter()
        .map(|(kind, us)| (kind.to_owned(), json!(round(us / 1000.0))))
        .collect();
    out.insert("idle".into(), json!(round(((end - start) - busy) / 1000.0)));
    out.into()
}

/// An event being walked: its end, kind, own (clipped) time and its children's time.
type Open<'a> = (f64, &'a str, f64, f64);

/// Ends the innermost open event: its self time to its kind, its time to its parent's
/// children.
fn close<'a>(open: &mut Vec<Open<'a>>, kinds: &mut BTreeMap<&'a str, f64>) {
    if let Some((_, kind, own, children)) = open.pop() {
        *kinds.entry(kind).or_default() += (own - children).max(0.0);
        if let Some(parent) = open.last_mut() {
            parent.3 += own;
        }
    }
}

/// The kind of a main-thread trace event by its name, when the name says it.
fn kind_of(name: &str) -> Option<&'static str> {
    Some(match name {
        "wasm.CompileLazy" => "wasm functions compiled on first call",
        n if n.starts_with("v8.wasm") || n.starts_with("wasm.") => {
            "wasm compilation, instantiation"
        }
        "MinorGC" | "MajorGC" => "garbage collection",
        n if n.starts_with("V8.GC") => "garbage collection",
        "FunctionCall" | "v8.callFunction" | "EvaluateScript" | "v8.evaluateModule"
        | "v8.compileModule" | "v8.compile" | "v8.run" | "TimerFire" | "EventDispatch"
        | "FireAnimationFrame" => "script (js and wasm)",
        "WebFrameWidgetImpl::UpdateLifecycle"
        | "UpdateLayoutTree"
        | "Layout"
        | "Commit"
        | "UpdateLayer"
        | "Paint"
        | "PrePaint" => "style, layout, paint",
        n if n.contains("Layout") || n.contains("Style") || n.contains("Paint") => {
            "style, layout, paint"
        }
        "ParseHTML" | "ParseAuthorStyleSheet" => "parsing html and css",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with one imported function and two of its own, of 2 and 4 bytes of body.
    const MODULE: &[u8] = &[
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // types: () -> ()
        0x02, 0x07, 0x01, 0x01, b'm', 0x01, b'f', 0x00, 0x00, // import m.f: type 0
        0x03, 0x03, 0x02, 0x00, 0x00, // two functions of type 0
        0x0a, 0x09, 0x02, // code: two bodies
        0x02, 0x00, 0x0b, // no locals; end
        0x04, 0x00, 0x01, 0x01, 0x0b, // no locals; nop nop end
    ];

    #[test]
    fn function_sizes_number_imports_first() {
        assert_eq!(
            function_sizes(MODULE),
            Ok(FunctionSizes {
                imported: 1,
                bodies: vec![2, 4]
            })
        );
        assert!(function_sizes(b"not wasm").is_err());
    }

    #[test]
    fn counts_each_function_compiled_before_populated_once() {
        let lazy = |index: u64, ts: f64, tid: u64| {
            json!({ "name": "wasm.CompileLazy", "pid": 1, "tid": tid, "ts": ts,
                    "args": { "func_index": index } })
        };
        // Ready at 10 ms on the trace's clock (ts in µs), populated 2 ms after it.
        let events = vec![
            json!({ "name": READY_MARK, "pid": 1, "tid": 7, "ts": 10_000.0 }),
            lazy(2, 5_000.0, 7),
            lazy(2, 6_000.0, 7),  // the same function again (another instance)
            lazy(1, 11_000.0, 7), // after the mark, before populated
            lazy(0, 11_500.0, 8), // another thread
            lazy(0, 13_000.0, 7), // after populated
        ];
        let wasm = Ok(MODULE.to_vec());
        assert_eq!(
            compiled_on_first_call(&events, &wasm, 100.0, 102.0),
            json!({ "functions": 2, "bytes": 6, "module_functions": 2, "module_bytes": 6 })
        );
        assert!(compiled_on_first_call(&events[1..], &wasm, 100.0, 102.0)["error"].is_string());
    }
}
