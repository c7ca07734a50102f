//! Components in a real browser (wasm-bindgen-test in headless Chromium): DOM output, text
//! escaping and event wiring, without any network.
#![cfg(target_arch = "wasm32")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use customer_profile::components::{ErrorPanel, ProfileView};
use customer_profile::i18n::{EN, FR};
use customer_profile::load_error::LoadError;
use customer_profile::model::Profile;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> HtmlElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let div = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div.unchecked_into()
}

fn text_of(root: &HtmlElement, css: &str) -> String {
    root.query_selector(css)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element `{css}`"))
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

#[wasm_bindgen_test]
fn profile_values_render_as_text_never_html() {
    let root = container();
    let profile = Profile::decode(
        r#"{"first_name": "<img src=x onerror=alert(1)>", "last_name": "王小明",
            "phones": [{"number": "+33 6 12 34 56 78", "type": "SATELLITE"},
                       {"number": "0145678900", "type": "HOME"}],
            "loyalty_program": {"is_platinum_for_life": true, "points": 42}}"#,
    )
    .expect("decodes");
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <ProfileView profile words=&FR /> }
    });
    assert_eq!(
        text_of(&root, "[data-field=first_name]"),
        "<img src=x onerror=alert(1)>"
    );
    assert!(root.query_selector("img").expect("selector").is_none());
    assert_eq!(text_of(&root, "[data-field=last_name]"), "王小明");
    assert_eq!(text_of(&root, "[data-field='phones.0.type']"), "SATELLITE");
    assert_eq!(text_of(&root, "[data-field='phones.1.type']"), "Domicile");
    assert_eq!(
        text_of(&root, "[data-field='loyalty_program.is_platinum_for_life']"),
        "Oui"
    );
    assert_eq!(text_of(&root, "[data-field=email]"), "Non renseigné");
    drop(handle);
    assert!(root
        .query_selector("[data-state]")
        .expect("selector")
        .is_none());
}

#[wasm_bindgen_test]
fn error_panel_retry_calls_back_and_shows_server_detail() {
    let root = container();
    let clicks = Arc::new(AtomicUsize::new(0));
    let counter = clicks.clone();
    let error = LoadError::from_status(
        401,
        r#"{"title":"Unauthorized","detail":"Token expired at noon.",
            "errors":[{"code":"TOKEN_EXPIRED"}]}"#,
    );
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let counter = counter.clone();
        view! {
            <ErrorPanel error words=&EN on_retry=move |()| {
                counter.fetch_add(1, Ordering::Relaxed);
            } />
        }
    });
    let panel = root
        .query_selector("[role=alert]")
        .expect("selector")
        .expect("alert");
    assert_eq!(
        panel.get_attribute("data-error").as_deref(),
        Some("session-expired")
    );
    assert_eq!(panel.get_attribute("data-status").as_deref(), Some("401"));
    assert!(text_of(&root, ".cp-error-detail").ends_with("Token expired at noon."));
    let button: HtmlElement = root
        .query_selector("button")
        .expect("selector")
        .expect("Retry button")
        .unchecked_into();
    assert_eq!(button.text_content().unwrap_or_default().trim(), "Retry");
    button.click();
    button.click();
    assert_eq!(clicks.load(Ordering::Relaxed), 2);
}
