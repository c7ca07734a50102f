//! Token and data hygiene: after a whole session — load, edit, save, failed saves —
//! the bearer token is nowhere the page keeps or shows things (web storage, cookies,
//! IndexedDB, Cache Storage, the URL, the DOM), nor in anything printed to the console, in
//! a `customer-profile-*` event or in an uncaught error; and no personal data is printed.
//! A recorder injected before any page script sees every console call and event.

use e2e::{Harness, Setup, RECORDER};
use serde_json::{json, Value};

/// Everything the page keeps or shows, as text, after the session.
const KEPT: &str = r#"
    const done = arguments[0];
    (async () => {
        const entries = (s) => Object.keys(s).map((k) => k + '=' + s.getItem(k));
        const dbs = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [];
        const cached = [];
        for (const name of await caches.keys()) {
            for (const request of await (await caches.open(name)).keys()) cached.push(request.url);
        }
        const hosts = [document.documentElement, ...document.querySelectorAll('customer-profile')];
        const dom = hosts.map((h) => (h.shadowRoot ? h.shadowRoot.innerHTML : '') + h.outerHTML);
        done({
            local: entries(localStorage), session: entries(sessionStorage),
            cookies: document.cookie, indexed_db: dbs, cache_storage: cached,
            url: location.href, history: history.length, dom: dom.join(''),
            seen: window.__seen,
        });
    })();
"#;

/// Runs `session` on a page opened by `open`, then checks what was kept and printed.
async fn check(h: &Harness, token: &str, personal: &[&str]) {
    let kept = h
        .client
        .execute_async(KEPT, vec![])
        .await
        .expect("page state script");
    for key in ["local", "session", "indexed_db", "cache_storage"] {
        assert_eq!(kept[key], json!([]), "{key}: nothing kept");
    }
    assert_eq!(kept["cookies"], "", "no cookie");
    let everything = kept.to_string();
    assert!(
        !everything.contains(token),
        "the token leaked: {everything}"
    );
    let printed: Vec<&Value> = kept["seen"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|e| {
                    e[0].as_str().is_some_and(|t| {
                        t.starts_with("console") || t == "uncaught" || t == "rejection"
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    for entry in &printed {
        for data in personal {
            assert!(
                !entry.to_string().contains(data),
                "personal data printed: {entry}"
            );
        }
    }
    let events: Vec<&str> = kept["seen"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e[0].as_str()).collect())
        .unwrap_or_default();
    assert!(
        events.contains(&"customer-profile-error") && events.contains(&"customer-profile-saved"),
        "the session went through saves and errors: {events:?}"
    );
}

/// Load, edit and save, a failed save (500), then a refused one (403).
async fn session(h: &Harness, fill: impl AsyncFn(&str, &str), click: impl AsyncFn(&str)) {
    fill("first_name", "Thomas").await;
    click("Save").await;
    h.wait_js(
        "window.__seen.some(([t]) => t === 'customer-profile-saved')",
        "a save",
    )
    .await;
    fill("email", "thomas@example.org").await;
    h.fault("patch_profile", 500, 1, None).await;
    click("Save").await;
    h.wait_js(
        "window.__seen.some(([t]) => t === 'customer-profile-error')",
        "a failed save",
    )
    .await;
    h.fault("patch_profile", 403, 1, None).await;
    click("Retry").await;
    h.wait_js(
        "window.__seen.filter(([t]) => t === 'customer-profile-error').length >= 2",
        "a refused save",
    )
    .await;
}

const PERSONAL: [&str; 5] = ["Tom", "Smith", "tom@example.com", "0623456789", "Thomas"];

#[tokio::test]
async fn the_standalone_page_keeps_and_prints_no_token_and_no_personal_data() {
    let setup = Setup::example();
    let token = setup.token.clone();
    let h = Harness::start("hygiene-standalone", setup).await;
    h.before_page_scripts(RECORDER).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    session(
        &h,
        async |name, text| h.fill(name, text).await,
        async |label| h.click(label).await,
    )
    .await;
    check(&h, &token, &PERSONAL).await;
    h.close().await;
}

#[tokio::test]
async fn the_embedded_widget_keeps_and_prints_no_token_and_no_personal_data() {
    let h = Harness::start("hygiene-portal", Setup::example()).await;
    h.before_page_scripts(RECORDER).await;
    h.open_portal().await;
    h.wait_js(
        "document.querySelector('#profile')?.shadowRoot?.querySelector('[data-state=loaded]') != null",
        "the widget loaded",
    )
    .await;
    let in_widget = |script: &str| {
        format!("const root = document.querySelector('#profile').shadowRoot; {script}")
    };
    session(
        &h,
        async |name, text| {
            let script = in_widget(&format!(
                "const el = root.querySelector('[name=\"{name}\"]'); el.value = {text:?}; \
                 el.dispatchEvent(new Event('input', {{bubbles: true}})); return true;"
            ));
            h.js(&script).await;
        },
        async |label| {
            let script = in_widget(&format!(
                "const b = [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === {label:?}); \
                 b.click(); return true;"
            ));
            h.js(&script).await;
        },
    )
    .await;
    // The portal's own demo token (examples/portal/portal.js).
    check(&h, "sandbox-token-123456789", &PERSONAL).await;
    h.close().await;
}
