//! The app embedded in the React 19 example portal (`examples/react-portal`, bundled into
//! `target/react-portal` and served at `/portal/` under the strict CSP): `<customer-profile>`
//! in JSX, its properties set by React and its events heard through React's `on…` props.
//! Loads, edits and saves; a locale change mid-edit keeps the draft; unmounting is clean.

use e2e::{react_portal_dir, shadow, Harness, Setup, RECORDER};
use sandbox::seed;
use serde_json::json;

/// The React page, with the recorder watching from its start, once React heard `loaded`.
async fn react_portal(name: &str, setup: Setup) -> Harness {
    let h = Harness::start(name, setup.portal(react_portal_dir())).await;
    h.before_page_scripts(RECORDER).await;
    h.open_portal_loaded("React's onLoaded prop heard the loaded event")
        .await;
    h
}

/// The events React's handlers received, of one kind (`dirty-change`, …).
async fn heard(h: &Harness, kind: &str) -> Vec<serde_json::Value> {
    let script = format!(
        "return portal.events.filter(e => e.type === 'customer-profile-{kind}').map(e => e.detail);"
    );
    h.js(&script).await.as_array().cloned().unwrap_or_default()
}

/// Clicks one of the portal's own controls (outside the widget).
async fn click(h: &Harness, css: &str) {
    h.wait_for(css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// Whether the widget shows a button whose text is `label`, as a JS expression.
fn has_button(label: &str) -> String {
    format!(
        "[...{}.querySelectorAll('button')].some(b => b.textContent.trim() === '{label}')",
        shadow("#profile")
    )
}

async fn no_csp_violations(h: &Harness) {
    assert_eq!(
        h.js("return portal.cspViolations;").await,
        json!([]),
        "CSP violations"
    );
}

#[tokio::test]
async fn react_sets_the_properties_and_hears_the_events() {
    let h = react_portal("react-loads", Setup::example()).await;
    assert_eq!(
        heard(&h, "loaded").await,
        [json!({"customerId": seed::EXAMPLE})]
    );
    assert_eq!(h.value_in("#profile", "first_name").await, "Tom");
    // Set as properties (React 19 does when the element has them), which reflect: not as
    // attributes named after the props.
    let element = h
        .js("const p = document.getElementById('profile');
             return { customerId: p.customerId, locale: p.locale, theme: p.theme,
                      reflected: p.getAttribute('customer-id'), getToken: typeof p.getToken,
                      propAttributes: ['customerid', 'apikey', 'gettoken']
                        .filter(a => p.hasAttribute(a)) };")
        .await;
    assert_eq!(
        element,
        json!({
            "customerId": seed::EXAMPLE, "locale": "en-GB", "theme": "auto",
            "reflected": seed::EXAMPLE, "getToken": "function", "propAttributes": [],
        })
    );
    assert_eq!(
        h.js("return portal.tokenRequests;").await,
        json!([{"forceRefresh": false}])
    );
    // The theme select drives the `theme` property.
    h.wait_for("#theme")
        .await
        .select_by_value("dark")
        .await
        .expect("choose the dark theme");
    h.wait_js(
        "document.getElementById('profile').getAttribute('theme') === 'dark'",
        "theme=dark from React",
    )
    .await;
    h.screenshot("react-portal-loaded-dark").await;
    assert_eq!(h.page_errors().await, json!([]));
    no_csp_violations(&h).await;
    // Last: axe-core adds an inline style of its own (WebDriver scripts ignore the CSP).
    h.audit("React portal, loaded, dark", None).await;
    h.close().await;
}

#[tokio::test]
async fn edits_show_the_portals_badge_and_save_only_the_change() {
    let h = react_portal("react-save", Setup::example()).await;
    assert_eq!(h.count("#unsaved-badge").await, 0);
    h.fill_in("#profile", "first_name", "Thomas").await;
    h.wait_for("#unsaved-badge").await;
    assert_eq!(h.text("#unsaved-badge").await, "Unsaved changes");
    assert_eq!(heard(&h, "dirty-change").await, [json!({"dirty": true})]);

    h.press_in("#profile", "Save").await;
    h.wait_js(
        "portal.events.some(e => e.type === 'customer-profile-saved')",
        "React heard saved",
    )
    .await;
    assert_eq!(
        heard(&h, "saved").await,
        [json!({"fields": ["first_name"]})]
    );
    h.wait_js(
        "!document.getElementById('unsaved-badge')",
        "the badge gone after the save",
    )
    .await;
    let patches = h.patches().await;
    assert_eq!(patches.len(), 1, "{patches:?}");
    assert_eq!(patches[0].1, json!({"first_name": "Thomas"}));
    assert_eq!(h.stored(seed::EXAMPLE).await["first_name"], "Thomas");
    assert_eq!(h.page_errors().await, json!([]));
    no_csp_violations(&h).await;
    h.close().await;
}

#[tokio::test]
async fn switching_to_french_mid_edit_keeps_the_draft() {
    let h = react_portal("react-locale", Setup::example()).await;
    h.fill_in("#profile", "first_name", "Thomas").await;
    h.wait_for("#unsaved-badge").await;
    let requests_before = h.recorded_requests().await.len();

    click(&h, "button[lang='fr-FR']").await;
    h.wait_js(&has_button("Enregistrer"), "the widget in French")
        .await;
    assert_eq!(h.value_in("#profile", "first_name").await, "Thomas");
    let state = h
        .js(&format!(
            "const p = document.getElementById('profile');
             const app = {}.querySelector('.cp-app');
             return {{ dirty: p.dirty, locale: p.getAttribute('locale'),
                       lang: app && app.getAttribute('lang'),
                       page: document.documentElement.lang,
                       badge: document.getElementById('unsaved-badge')?.textContent }};",
            shadow("#profile")
        ))
        .await;
    assert_eq!(
        state,
        json!({
            "dirty": true, "locale": "fr-FR", "lang": "fr", "page": "fr-FR",
            "badge": "Modifications non enregistrées",
        })
    );
    assert_eq!(
        heard(&h, "dirty-change").await,
        [json!({"dirty": true})],
        "the draft was never dropped"
    );

    h.press_in("#profile", "Enregistrer").await;
    h.wait_js(
        "portal.events.some(e => e.type === 'customer-profile-saved')",
        "saved in French",
    )
    .await;
    // Every request since the switch speaks French.
    let requests = h.recorded_requests().await;
    let since: Vec<_> = requests[requests_before..]
        .iter()
        .map(|r| (r["method"].clone(), r["headers"]["accept-language"].clone()))
        .collect();
    assert!(
        since.iter().all(|(_, language)| *language == "fr-FR"),
        "accept-language follows the locale: {since:?}"
    );
    let patch = requests
        .iter()
        .find(|r| r["method"] == "PATCH")
        .expect("the PATCH");
    assert_eq!(patch["headers"]["accept-language"], "fr-FR");
    assert_eq!(patch["body"], json!({"first_name": "Thomas"}).to_string());
    h.screenshot("react-portal-french").await;
    assert_eq!(h.page_errors().await, json!([]));
    no_csp_violations(&h).await;
    h.close().await;
}

#[tokio::test]
async fn removing_the_editor_unmounts_it_cleanly() {
    let h = react_portal("react-unmount", Setup::example()).await;
    h.fill_in("#profile", "first_name", "Thomas").await;
    h.wait_for("#unsaved-badge").await;
    h.js("window.__removed = document.getElementById('profile'); return true;")
        .await;

    click(&h, "#toggle-editor").await;
    h.wait_for("#editor-removed").await;
    // Removed for good: unmounted once a frame has passed without the element coming back.
    h.wait_js(
        "!window.__removed.shadowRoot?.querySelector('form')",
        "the removed editor unmounted",
    )
    .await;
    let gone = h
        .js("const p = window.__removed;
             return { inPage: document.contains(p),
                      form: Boolean(p.shadowRoot && p.shadowRoot.querySelector('form')),
                      badge: Boolean(document.getElementById('unsaved-badge')) };")
        .await;
    assert_eq!(
        gone,
        json!({"inPage": false, "form": false, "badge": false})
    );
    let prevented = h
        .js("const e = new Event('beforeunload', {cancelable: true});
             window.dispatchEvent(e); return e.defaultPrevented;")
        .await;
    assert_eq!(
        prevented,
        json!(false),
        "the unmounted editor's leave-page guard is gone"
    );
    assert_eq!(h.page_errors().await, json!([]), "errors on unmount");

    // Shown again: a fresh editor, the dropped draft never sent.
    click(&h, "#toggle-editor").await;
    h.wait_js(
        "portal.events.filter(e => e.type === 'customer-profile-loaded').length === 2",
        "loaded again",
    )
    .await;
    assert_eq!(h.value_in("#profile", "first_name").await, "Tom");
    assert!(h.patches().await.is_empty());
    assert_eq!(h.page_errors().await, json!([]));
    no_csp_violations(&h).await;
    h.close().await;
}
