//! Hostile and broken responses: a corpus of bodies the sandbox serves for the profile (as a
//! one-off answer of its fault hook, or stored as the customer's profile so that saving is
//! exercised too). Each gives a clear message or renders what it can, correctly — never a
//! panic, an uncaught error or a frozen page. A recorder injected before the page's scripts
//! sees uncaught errors and the page's long tasks (the main thread busy for over 50 ms).

use std::time::{Duration, Instant};

use e2e::{Harness, Setup, RECORDER};
use serde_json::{json, Value};

const SAVED: &str = "Your changes have been saved.";
const UNREADABLE: &str = "The service sent a response that could not be read.";

/// The longest main-thread task allowed while a hostile profile is read and shown. Chromium
/// reports tasks over 50 ms; a "frozen" page is one busy for seconds.
const LONGEST_TASK_MS: f64 = 1500.0;

/// Opens the page and waits for the form or the error panel; checks no crash alert, no
/// uncaught error and no long freeze; returns the state reached and the time it took.
async fn open_and_settle(h: &Harness, case: &str) -> (String, Duration) {
    let started = Instant::now();
    h.open().await;
    let state = h
        .wait_js(
            "document.querySelector('[data-state=loaded], [data-state=error]')\
             ?.getAttribute('data-state')",
            case,
        )
        .await;
    let took = started.elapsed();
    let seen = h.js("return window.__seen;").await;
    let longest = h.js("return window.__longestTask;").await;
    assert_eq!(
        h.count("[data-problem=panic]").await,
        0,
        "{case}: the crash alert showed"
    );
    let uncaught: Vec<&Value> = seen
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e[0] == "uncaught" || e[0] == "rejection")
        .collect();
    assert!(uncaught.is_empty(), "{case}: uncaught errors {uncaught:?}");
    let longest = longest.as_f64().unwrap_or(0.0);
    assert!(
        longest < LONGEST_TASK_MS,
        "{case}: the page was busy for {longest} ms in one task"
    );
    println!(
        "{case}: {} in {} ms, longest task {longest} ms",
        state.as_str().unwrap_or_default(),
        took.as_millis()
    );
    (state.as_str().unwrap_or_default().to_owned(), took)
}

/// Serves `body` (with `content_type`, status 200) for the next profile read.
async fn serve_once(h: &Harness, body: &str, content_type: &str) {
    let fault = json!({
        "route": "get_profile", "status": 200, "count": 1,
        "body": body, "content_type": content_type,
    });
    let (code, text) = h.hook("POST", "/__sandbox/faults", &fault).await;
    assert!(
        (200..300).contains(&code),
        "fault not accepted: {code} {text}"
    );
}

/// Stores `profile` as the signed-in customer's, as it is.
async fn store(h: &Harness, profile: &Value) {
    let path = format!("/__sandbox/customers/{}", sandbox::seed::EXAMPLE);
    let (code, text) = h.hook("PUT", &path, profile).await;
    assert!(
        (200..300).contains(&code),
        "profile not stored: {code} {text}"
    );
}

/// `[[[…]]]` nested `depth` times.
fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

#[tokio::test]
async fn unreadable_bodies_each_get_the_clear_message_and_retry_recovers() {
    let h = Harness::start("hostile-unreadable", Setup::example()).await;
    h.before_page_scripts(RECORDER).await;
    let profile = h.stored(sandbox::seed::EXAMPLE).await.to_string();
    let wrong_types = json!({
        "email": 42, "gm_number": true, "first_name": ["Tom"], "second_name": {"a": 1},
        "third_name": 1.5, "last_name": false, "birth_city": [], "phones": {"number": "1"},
        "loyalty_program": "GOLD", "address": "1 Main Street", "locale": 7,
    });
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "invalid JSON",
            r#"{"first_name": "Tom",, }"#.into(),
            "application/json",
        ),
        (
            "truncated JSON",
            profile[..profile.len() / 2].into(),
            "application/json",
        ),
        (
            "an HTML error page with status 200",
            "<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>".into(),
            "text/html",
        ),
        ("an empty 200", String::new(), "application/json"),
        (
            "every field of the wrong type",
            wrong_types.to_string(),
            "application/json",
        ),
        ("an array", "[]".into(), "application/json"),
        (
            "deep nesting inside a known field",
            format!(r#"{{"address": {{"street": {}}}}}"#, nested(10_000)),
            "application/json",
        ),
        (
            "a lone surrogate",
            r#"{"first_name": "\ud800"}"#.into(),
            "application/json",
        ),
        ("a string", r#""Tom""#.into(), "application/json"),
        // Longer than the app reads (refused by its length once read, or at once by its
        // content-length: the outcome is the same, the message).
        (
            "a 6 MB profile",
            json!({"first_name": "Tom", "notes": "x".repeat(6 << 20)}).to_string(),
            "application/json",
        ),
        (
            "a 13 MB profile",
            json!({"first_name": "Tom", "notes": "x".repeat(13 << 20)}).to_string(),
            "application/json",
        ),
    ];
    for (case, body, content_type) in cases {
        serve_once(&h, &body, content_type).await;
        let (state, _) = open_and_settle(&h, case).await;
        assert_eq!(state, "error", "{case}");
        assert_eq!(
            h.text(".cp-error-message").await,
            UNREADABLE,
            "{case}: the message"
        );
        assert_eq!(
            h.js("return document.querySelector('[data-state=error]').dataset.error;")
                .await,
            "undecodable",
            "{case}"
        );
    }
    // The fault is used up: Retry reads the real profile.
    h.click("Retry").await;
    h.wait_for("[data-state=loaded]").await;
    assert_eq!(h.value("first_name").await, "Tom");
    h.close().await;
}

#[tokio::test]
async fn readable_oddities_render_what_they_can() {
    let h = Harness::start("hostile-readable", Setup::example()).await;
    h.before_page_scripts(RECORDER).await;
    let all_null = json!({
        "email": null, "gm_number": null, "first_name": null, "second_name": null,
        "third_name": null, "last_name": null, "birth_city": null, "phones": null,
        "loyalty_program": null, "address": null, "locale": null,
    });
    let deep_unknown = format!(
        r#"{{"first_name": "Tom", "x-trace": {}, "y": {{"z": {}}}}}"#,
        nested(10_000),
        nested(200)
    );
    let cases: Vec<(&str, String, &str)> = vec![
        ("every field null", all_null.to_string(), ""),
        ("deeply nested unknown fields", deep_unknown, "Tom"),
        (
            "100 000 levels",
            format!(r#"{{"first_name":"Ann","x":{}}}"#, nested(100_000)),
            "Ann",
        ),
        (
            "nothing but unknown fields",
            r#"{"kind": "customer", "v": 3}"#.into(),
            "",
        ),
    ];
    for (case, body, first_name) in cases {
        serve_once(&h, &body, "application/json").await;
        let (state, _) = open_and_settle(&h, case).await;
        assert_eq!(state, "loaded", "{case}");
        assert_eq!(h.value("first_name").await, first_name, "{case}");
        assert_eq!(h.value("email").await, "", "{case}");
    }
    // Read-only figures of the wrong type are "Could not be read"; the rest is editable.
    let odd = json!({
        "first_name": "Tom", "gm_number": 123456789,
        "loyalty_program": {"status": "GOLD", "points": "12000", "is_platinum_for_life": "no"},
    });
    serve_once(&h, &odd.to_string(), "application/json").await;
    let (state, _) = open_and_settle(&h, "read-only figures of the wrong type").await;
    assert_eq!(state, "loaded");
    assert_eq!(h.value("first_name").await, "Tom");
    assert_eq!(h.field("loyalty_program.status").await, "GOLD");
    for field in [
        "gm_number",
        "loyalty_program.points",
        "loyalty_program.is_platinum_for_life",
    ] {
        assert_eq!(h.field(field).await, "Could not be read", "{field}");
    }
    assert_eq!(
        h.field("loyalty_program.previous_status").await,
        "Not provided"
    );
    h.close().await;
}

#[tokio::test]
async fn a_one_megabyte_name_is_shown_and_kept_while_other_fields_are_saved() {
    let h = Harness::start("hostile-long-name", Setup::example()).await;
    h.before_page_scripts(RECORDER).await;
    let mut profile = h.stored(sandbox::seed::EXAMPLE).await;
    let long = "Ö".repeat(500_000); // 1 MB of UTF-8
    profile["first_name"] = long.clone().into();
    store(&h, &profile).await;
    let (state, _) = open_and_settle(&h, "a 1 MB name").await;
    assert_eq!(state, "loaded");
    let length = h
        .js("return document.querySelector('[name=first_name]').value.length;")
        .await;
    assert_eq!(length, json!(500_000), "the whole name is in the field");
    h.fill("last_name", "Smithers").await;
    h.click("Save").await;
    h.wait_status(SAVED).await;
    let patches = h.patches().await;
    assert_eq!(
        patches.last().map(|p| &p.1),
        Some(&json!({"last_name": "Smithers"})),
        "only the changed field is sent"
    );
    assert_eq!(
        h.stored(sandbox::seed::EXAMPLE).await["first_name"],
        json!(long)
    );
    h.close().await;
}

#[tokio::test]
async fn ten_thousand_phones_are_listed_read_only_and_the_rest_stays_editable() {
    let h = Harness::start("hostile-phones", Setup::example()).await;
    h.before_page_scripts(RECORDER).await;
    let mut profile = h.stored(sandbox::seed::EXAMPLE).await;
    let phones: Vec<Value> = (0..10_000)
        .map(|i| json!({"number": format!("06 {i:08}"), "type": "MOBILE"}))
        .collect();
    profile["phones"] = phones.into();
    store(&h, &profile).await;
    let (state, took) = open_and_settle(&h, "10 000 phones").await;
    assert_eq!(state, "loaded");
    assert!(took < Duration::from_secs(10), "shown in {took:?}");
    // Too many to edit: listed as text, with a notice; no control per phone.
    let notice = h.text(".cp-phones-read-only").await;
    assert!(
        notice.contains("10,000") || notice.contains("10 000"),
        "{notice}"
    );
    assert_eq!(h.count("[name^='phones.']").await, 0);
    assert_eq!(h.count(".cp-phones li").await, 10_000);
    assert!(!h.enabled("Add phone").await, "no phone can be added");
    // Typing and saving keep the page responsive, and a save sends only what changed.
    h.js("window.__since = performance.now(); return true;")
        .await;
    h.fill("email", "tom@example.org").await;
    h.click("Save").await;
    h.wait_status(SAVED).await;
    let patches = h.patches().await;
    assert_eq!(
        patches.last().map(|p| &p.1),
        Some(&json!({"email": "tom@example.org"}))
    );
    // (Tasks that started after the form was shown; the observer reports a task just
    // after it ends, so the save's last one has been reported by the time its status
    // can be read.)
    let longest = h
        .js("return Math.max(0, ...window.__longTasks.filter(([s]) => s >= window.__since).map(([, d]) => d));")
        .await;
    assert!(
        longest.as_f64().unwrap_or(0.0) < LONGEST_TASK_MS,
        "typing and saving: a task of {longest} ms"
    );
    println!("10 000 phones, typing and saving: longest task {longest} ms");
    assert_eq!(
        h.stored(sandbox::seed::EXAMPLE).await["phones"]
            .as_array()
            .map(Vec::len),
        Some(10_000)
    );
    h.close().await;
}

#[tokio::test]
async fn unexpected_enum_values_are_shown_and_never_sent_back() {
    let h = Harness::start("hostile-enums", Setup::example()).await;
    h.before_page_scripts(RECORDER).await;
    let mut profile = h.stored(sandbox::seed::EXAMPLE).await;
    profile["phones"] = json!([{"number": "0623456789", "type": "PAGER"}]);
    profile["locale"] = json!("tlh-Latn");
    profile["address"]["country_code"] = json!("ZZ");
    profile["loyalty_program"]["status"] = json!("DIAMOND_PLUS");
    store(&h, &profile).await;
    let (state, _) = open_and_settle(&h, "unexpected enum values").await;
    assert_eq!(state, "loaded");
    assert_eq!(h.value("phones.0.type").await, "PAGER");
    assert_eq!(h.value("locale").await, "tlh-Latn");
    assert_eq!(h.value("address.country_code").await, "ZZ");
    assert!(h
        .field("loyalty_program.status")
        .await
        .contains("DIAMOND_PLUS"));
    h.fill("first_name", "Thomas").await;
    h.click("Save").await;
    h.wait_status(SAVED).await;
    let patches = h.patches().await;
    assert_eq!(
        patches.last().map(|p| &p.1),
        Some(&json!({"first_name": "Thomas"}))
    );
    h.close().await;
}

#[tokio::test]
async fn a_patch_answered_200_with_any_body_is_a_save() {
    let h = Harness::start("hostile-patch-body", Setup::example()).await;
    h.before_page_scripts(RECORDER).await;
    open_and_settle(&h, "the example").await;
    let bodies = [
        ("<html><body>OK</body></html>", "text/html"),
        (
            r#"{"first_name": 42, "unexpected": [1, 2]}"#,
            "application/json",
        ),
        ("{ not json", "application/json"),
    ];
    for (i, (body, content_type)) in bodies.into_iter().enumerate() {
        let fault = json!({
            "route": "patch_profile", "status": 200, "count": 1, "applied": true,
            "body": body, "content_type": content_type,
        });
        let (code, text) = h.hook("POST", "/__sandbox/faults", &fault).await;
        assert!((200..300).contains(&code), "{text}");
        let name = format!("Tom{i}");
        h.fill("second_name", &name).await;
        h.click("Save").await;
        h.wait_status(SAVED).await;
        assert_eq!(h.value("second_name").await, name, "{body}");
        assert_eq!(
            h.stored(sandbox::seed::EXAMPLE).await["second_name"],
            json!(name)
        );
        assert_eq!(h.count("[data-problem=panic]").await, 0);
    }
    h.close().await;
}
