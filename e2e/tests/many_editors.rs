//! Any number of editors, mounted at any time (issue 32): with `mount()` (the handles not
//! kept, as a portal may) and as `<customer-profile>` elements, all at once and one after
//! another, on the standalone page (beside its own editor) and on the example portal. Each
//! shows its populated form; unmounting one leaves the others working.

use e2e::{shadow, Harness, Setup, RECORDER};
use sandbox::credentials::AGENT_TOKEN;
use sandbox::seed;
use serde_json::json;

/// How many editors each case adds.
const EDITORS: usize = 3;

/// Adds `n` editors of customer `EXTRAS` to a new `<section id="many">`, through the entry
/// the page itself loaded: `#many-0` … with `mount()` (only the first handle is kept, in
/// `window.__firstHandle`) or as elements, all in one task (`stagger` 0) or `stagger` ms
/// apart. Resolves once the last is added.
const ADD_EDITORS: &str = r#"
    const [kind, n, stagger, customerId, token, done] = arguments;
    const entry = document.querySelector('script[src*="customer-profile"]')?.src
        ?? '/customer-profile.js';
    import(entry).then(async (m) => {
        const section = document.createElement('section');
        section.id = 'many';
        document.body.append(section);
        for (let i = 0; i < n; i++) {
            if (i > 0 && stagger > 0) await new Promise((r) => setTimeout(r, stagger));
            const options = { customerId, apiKey: 'sandbox-demo-api-key', locale: 'en-GB',
                              getToken: () => Promise.resolve(token) };
            if (kind === 'mount') {
                const box = document.createElement('div');
                box.id = `many-${i}`;
                section.append(box);
                const handle = m.mount(box, options);
                if (i === 0) window.__firstHandle = handle;
            } else {
                const element = document.createElement('customer-profile');
                element.id = `many-${i}`;
                Object.assign(element, options);
                section.append(element);
            }
        }
        done(true);
    }, (e) => done(String(e)));
"#;

/// Opens the page (`/` or `/portal/`), adds the editors, checks each, unmounts the first and
/// saves in the last.
async fn case(name: &str, page: &str, kind: &str, stagger: u64) {
    let h = Harness::start(name, Setup::example()).await;
    h.before_page_scripts(RECORDER).await;
    h.client
        .goto(&format!("{}{page}", h.url()))
        .await
        .expect("navigation");
    // The page's own editor first.
    h.wait_js(
        "document.querySelector('[name=\"email\"]')?.value
         || document.querySelector('customer-profile')?.shadowRoot
              ?.querySelector('[name=\"email\"]')?.value",
        "the page's own editor",
    )
    .await;
    let added = h
        .client
        .execute_async(
            ADD_EDITORS,
            vec![
                json!(kind),
                json!(EDITORS),
                json!(stagger),
                json!(seed::EXTRAS),
                json!(AGENT_TOKEN),
            ],
        )
        .await
        .expect("script");
    assert_eq!(added, json!(true), "{name}");
    let first_name = h.stored(seed::EXTRAS).await["first_name"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let populated = |i: usize| {
        format!(
            "{}?.querySelector('[name=\"first_name\"]')?.value === {}",
            shadow(&format!("#many-{i}")),
            json!(first_name)
        )
    };
    for i in 0..EDITORS {
        h.wait_js(&populated(i), &format!("{name}: editor {i} populated"))
            .await;
    }
    // The garbage collector frees the handles not kept: the editors stay.
    h.devtools("HeapProfiler.collectGarbage", json!({})).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    // Unmount the first; the others work on.
    let unmount = if kind == "mount" {
        "window.__first = document.getElementById('many-0');
         window.__firstHandle.unmount(); return true;"
    } else {
        "window.__first = document.getElementById('many-0');
         window.__first.remove(); return true;"
    };
    h.js(unmount).await;
    h.wait_js(
        "!window.__first.shadowRoot?.querySelector('form')",
        &format!("{name}: the first unmounted"),
    )
    .await;
    for i in 1..EDITORS {
        assert_eq!(
            h.js(&format!("return {};", populated(i))).await,
            json!(true),
            "{name}: editor {i} after the first was unmounted"
        );
    }
    let last = format!("#many-{}", EDITORS - 1);
    h.fill_in(&last, "birth_city", "Nice").await;
    h.press_in(&last, "Save").await;
    h.wait_js(
        "window.__seen.some(([kind]) => kind === 'customer-profile-saved')",
        &format!("{name}: the last editor saved"),
    )
    .await;
    let patches = h.patches().await;
    assert_eq!(patches.len(), 1, "{name}: {patches:?}");
    assert_eq!(patches[0].1, json!({"birth_city": "Nice"}), "{name}");
    assert_eq!(
        h.page_errors().await,
        json!([]),
        "{name}: errors in the page"
    );
    h.close().await;
}

#[tokio::test]
async fn mounted_at_once_on_the_portal() {
    case("many-mount-at-once-portal", "/portal/", "mount", 0).await;
}

#[tokio::test]
async fn mounted_one_after_another_on_the_standalone_page() {
    case("many-mount-staggered-standalone", "/", "mount", 400).await;
}

#[tokio::test]
async fn elements_at_once_on_the_standalone_page() {
    case("many-elements-at-once-standalone", "/", "element", 0).await;
}

#[tokio::test]
async fn elements_one_after_another_on_the_portal() {
    case("many-elements-staggered-portal", "/portal/", "element", 400).await;
}
