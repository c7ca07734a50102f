//! The profile GET goes out before the wasm is ready (issue 16): the entry module sends it
//! as soon as it knows the configuration (standalone) or has asked the host for a token
//! (embedded), and the app takes its answer instead of sending its own — one GET per load,
//! with the headers the app would send.
//!
//! The download is slowed down (DevTools network emulation, 100 KB/s) so that the wasm takes
//! seconds to arrive: the GET must be over before the wasm is, which is only possible if it
//! did not wait for the wasm. The browser's locale data, which the form needs too, is loaded
//! in that time as well.

use e2e::{Harness, Setup};
use serde_json::json;

/// Checks that the page sent one profile GET, over (by the page's Resource Timing) well
/// before the wasm download was; gives the GETs the sandbox received and when the wasm
/// arrived (ms from navigation start).
async fn one_get_before_the_wasm(h: &Harness) -> (Vec<serde_json::Value>, f64) {
    let t = h
        .js(r#"
            const all = performance.getEntriesByType('resource');
            const gets = all.filter((e) => e.name.includes('/v2/customers/'));
            const wasm = all.find((e) => e.name.endsWith('_bg.wasm'));
            return { get: gets[0]?.responseEnd ?? null, wasm: wasm?.responseEnd ?? null, gets: gets.length };
        "#)
        .await;
    let at = |key: &str| {
        t[key]
            .as_f64()
            .unwrap_or_else(|| panic!("no {key} in the page's resource timing: {t}"))
    };
    let (get_end, wasm_end) = (at("get"), at("wasm"));
    assert!(
        get_end + 500.0 < wasm_end,
        "the GET ended at {get_end} ms, the wasm download at {wasm_end} ms"
    );
    let gets = h.recorded_gets().await;
    assert_eq!(
        (gets.len(), &t["gets"]),
        (1, &json!(1)),
        "one GET per load: {gets:?}"
    );
    (gets, wasm_end)
}

/// Checks that the page did `what` (the probe's `key` in `window.__order`) well before the
/// wasm arrived, at `wasm_end` ms. Two things are done in the wasm's download this way:
/// - `intl`: the browser's locale data loaded, by the entry's worker (the page's
///   first `Intl.DisplayNames`, 20–70 ms, 130–230 ms at a phone's CPU; ICU keeps it for
///   the renderer process): the form, which needs it, is shown that much sooner;
/// - `body`: the GET's body read as soon as its answer arrived: the app, once started,
///   finds the text there instead of waiting a task for it, in which the browser would draw
///   a frame of the loading view first.
async fn done_before_the_wasm(h: &Harness, key: &str, what: &str, wasm_end: f64) {
    let order = h.js("return window.__order;").await;
    let at = order[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: never done ({order})"));
    assert!(
        at + 500.0 < wasm_end,
        "{what}: done at {at} ms, the wasm arrived at {wasm_end} ms"
    );
}

#[tokio::test]
async fn standalone_the_profile_get_is_over_before_the_wasm_has_arrived() {
    let h = Harness::start("early-standalone", Setup::example().locale("de-DE")).await;
    h.before_page_scripts(ORDER_PROBE).await;
    h.slow_download(100_000).await;
    h.open().await;
    h.wait_js(
        "document.querySelector('[name=\"email\"]')?.value",
        "a populated form",
    )
    .await;
    let (gets, wasm_end) = one_get_before_the_wasm(&h).await;
    done_before_the_wasm(&h, "intl", "the locale data loaded in the worker", wasm_end).await;
    done_before_the_wasm(&h, "body", "the profile's body read", wasm_end).await;
    assert_eq!(gets[0]["headers"]["accept-language"], "de-DE");
    // (The sandbox never records `authorization`; it answers 401 without a valid token, so
    // a populated form after one GET means the token went with it.)
    assert_eq!(gets[0]["headers"]["x-api-key"], "sandbox-demo-api-key");
    // The German catalogue was preloaded with the GET, and fetched once.
    let catalogue = h
        .js(r#"
            const de = performance.getEntriesByType('resource')
                .filter((e) => /\/i18n\/de-[0-9a-f]{16}\.js$/.test(e.name));
            return { n: de.length, end: de[0]?.responseEnd ?? null };
        "#)
        .await;
    assert_eq!(
        catalogue["n"], 1,
        "one download of the German catalogue: {catalogue}"
    );
    let catalogue_end = catalogue["end"].as_f64().expect("its timing");
    assert!(
        catalogue_end + 500.0 < wasm_end,
        "the catalogue arrived at {catalogue_end} ms, the wasm at {wasm_end} ms"
    );
    h.button(&e2e::word("de", "save")).await;
    h.close().await;
}

#[tokio::test]
async fn embedded_the_profile_get_is_over_before_the_wasm_has_arrived() {
    let h = Harness::start("early-embedded", Setup::example()).await;
    h.before_page_scripts(ORDER_PROBE).await;
    h.slow_download(100_000).await;
    h.open_portal_loaded("the portal's editor loaded").await;
    let (gets, wasm_end) = one_get_before_the_wasm(&h).await;
    done_before_the_wasm(&h, "intl", "the locale data loaded in the worker", wasm_end).await;
    done_before_the_wasm(&h, "body", "the profile's body read", wasm_end).await;
    // The portal's own language (its `locale`, else the browser's), as the app negotiates.
    assert_eq!(gets[0]["headers"]["accept-language"], "en-GB");
    assert!(
        h.value_in("#profile", "email").await.contains('@'),
        "the portal's editor shows the profile"
    );
    h.close().await;
}

/// Records, before any script of the page, when the page first called `fetch` for the
/// profile and first read the body of its answer, when it first asked `WebAssembly` to
/// instantiate a module, and when the entry's worker that loads the browser's locale data
/// off the main thread answered.
const ORDER_PROBE: &str = r#"
    (() => {
        window.__order = {};
        const first = (key) => { window.__order[key] ??= performance.now(); };
        // The entry's worker that loads the locale data off the main thread: its answer.
        const Worker = window.Worker;
        window.Worker = class extends Worker {
            constructor(url, options) {
                super(url, options);
                if (String(url).includes('/customer-profile-intl-')) {
                    this.addEventListener('message', () => first('intl'));
                }
            }
        };
        const fetch = window.fetch;
        window.fetch = function (input, init) {
            if (String(input?.url ?? input).includes('/v2/customers/')) first('get');
            return fetch.call(this, input, init);
        };
        const text = Response.prototype.text;
        Response.prototype.text = function () {
            if (this.url.includes('/v2/customers/')) first('body');
            return text.call(this);
        };
        for (const name of ['instantiate', 'instantiateStreaming']) {
            const original = WebAssembly[name];
            WebAssembly[name] = function (...args) {
                first('instantiate');
                return original.apply(this, args);
            };
        }
    })();
"#;

/// On a repeat visit the compiled wasm comes from the cache at once, while `config.json`
/// (never cached) takes a round trip (150 ms here, as on the bench's mobile profile):
/// instantiating is one long task, so the standalone page sends the GET first (else the GET
/// would wait for it).
#[tokio::test]
async fn standalone_a_repeat_visit_sends_the_get_before_instantiating_the_wasm() {
    let h = Harness::start("early-repeat", Setup::example()).await;
    h.before_page_scripts(ORDER_PROBE).await;
    let populated = "document.querySelector('[name=\"email\"]')?.value";
    h.open().await;
    h.wait_js(populated, "a populated form").await;
    h.client.goto("about:blank").await.expect("about:blank");
    h.devtools("Network.enable", json!({})).await;
    let latency = json!({
        "offline": false,
        "latency": 150,
        "downloadThroughput": -1,
        "uploadThroughput": -1,
    });
    h.devtools("Network.emulateNetworkConditions", latency)
        .await;
    h.open().await;
    h.wait_js(populated, "a populated form on the repeat visit")
        .await;
    let order = h.js("return window.__order;").await;
    let at = |key: &str| {
        order[key]
            .as_f64()
            .unwrap_or_else(|| panic!("no {key} in {order}"))
    };
    assert!(
        at("get") <= at("instantiate"),
        "the GET was sent at {} ms, the wasm instantiated at {} ms",
        at("get"),
        at("instantiate")
    );
    let wasm_cached = h
        .js("return performance.getEntriesByType('resource').some((e) => e.name.endsWith('_bg.wasm') && e.transferSize === 0);")
        .await;
    assert_eq!(
        wasm_cached,
        json!(true),
        "the repeat visit takes the cached wasm"
    );
    // The page's entry too, under its content-hashed name: no round trip to revalidate it
    // before anything can start (the stable `customer-profile.js` is the portals').
    let scripts = h
        .js("return performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.transferSize]).filter(([path]) => path.endsWith('.js'));")
        .await;
    let scripts = scripts.as_array().expect("a list");
    assert!(
        scripts.iter().any(|s| s[0]
            .as_str()
            .is_some_and(|p| p.starts_with("/customer-profile-entry-"))),
        "the page loads its entry's hashed copy: {scripts:?}"
    );
    assert!(
        scripts.iter().all(|s| s[1] == json!(0)),
        "every script of a repeat visit comes from the cache: {scripts:?}"
    );
    assert_eq!(h.recorded_gets().await.len(), 2, "one GET per load");
    h.close().await;
}
