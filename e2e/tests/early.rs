//! The profile GET goes out before the wasm is ready (issue 16): the entry module sends it
//! as soon as it knows the configuration (standalone) or has asked the host for a token
//! (embedded), and the app takes its answer instead of sending its own — one GET per load,
//! with the headers the app would send.
//!
//! The download is slowed down (DevTools network emulation, 100 KB/s) so that the wasm takes
//! seconds to arrive: the GET must be over before the wasm is, which is only possible if it
//! did not wait for the wasm.

use e2e::{Harness, Setup};
use serde_json::json;

/// Slows every download of the page to `bytes_per_second`.
async fn slow_download(h: &Harness, bytes_per_second: u32) {
    h.devtools("Network.enable", json!({})).await;
    h.devtools(
        "Network.emulateNetworkConditions",
        json!({
            "offline": false,
            "latency": 0,
            "downloadThroughput": bytes_per_second,
            "uploadThroughput": -1,
        }),
    )
    .await;
}

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

#[tokio::test]
async fn standalone_the_profile_get_is_over_before_the_wasm_has_arrived() {
    let h = Harness::start("early-standalone", Setup::example().locale("de-DE")).await;
    slow_download(&h, 100_000).await;
    h.open().await;
    h.wait_js(
        "document.querySelector('[name=\"email\"]')?.value",
        "a populated form",
    )
    .await;
    let (gets, wasm_end) = one_get_before_the_wasm(&h).await;
    assert_eq!(gets[0]["headers"]["accept-language"], "de-DE");
    // (The sandbox never records `authorization`; it answers 401 without a valid token, so
    // a populated form after one GET means the token went with it.)
    assert_eq!(gets[0]["headers"]["x-api-key"], "sandbox-demo-api-key");
    // The German catalogue was preloaded with the GET, and fetched once.
    let catalogue = h
        .js(r#"
            const de = performance.getEntriesByType('resource')
                .filter((e) => /\/i18n\/de-[0-9a-f]{16}\.json$/.test(e.name));
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
    slow_download(&h, 100_000).await;
    h.open_portal_loaded("the portal's editor loaded").await;
    let (gets, _) = one_get_before_the_wasm(&h).await;
    // The portal's own language (its `locale`, else the browser's), as the app negotiates.
    assert_eq!(gets[0]["headers"]["accept-language"], "en-GB");
    assert!(
        h.value_in("#profile", "email").await.contains('@'),
        "the portal's editor shows the profile"
    );
    h.close().await;
}
