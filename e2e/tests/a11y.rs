//! axe-core (WCAG 2.0/2.1/2.2 A and AA) in every state of the app, in each of its seven
//! languages, standalone and embedded in the example portal. A violation fails with its rule, its nodes
//! and its help URL.

use e2e::{word, Harness, Setup};
use serde_json::json;

/// The success message in the language of `locale`.
fn saved_text(locale: &str) -> String {
    word(&locale[..2], "saved")
}

async fn click_css(h: &Harness, css: &str) {
    h.wait_for(css).await.click().await.expect("click");
}

async fn slow(h: &Harness, route: &str, ms: u64) {
    let fault = json!({"route": route, "delay_ms": ms, "count": 1});
    let (code, text) = h.hook("POST", "/__sandbox/faults", &fault).await;
    assert!((200..300).contains(&code), "{text}");
}

/// Walks loading, loaded, dirty, inline errors, the error summary, server field errors,
/// address-unknown, saving, saved, session expired, a load error and a network error.
async fn walk(locale: &str) {
    let mut h = Harness::start(&format!("a11y-{locale}"), Setup::example().locale(locale)).await;
    let save = "form button[type=submit]";

    slow(&h, "get_profile", 2500).await;
    h.open().await;
    h.wait_for("[data-state=loading]").await;
    h.audit("loading", None).await;
    h.wait_for("[data-state=loaded]").await;
    h.audit("loaded", None).await;

    h.fill("email", "tom.smith@example.com").await;
    h.audit("dirty", None).await;

    h.fill("email", "not-an-address").await;
    h.leave("email").await;
    h.wait_for("#cp1-email-error:not([hidden])").await;
    h.audit("inline validation error", None).await;
    click_css(&h, save).await;
    h.wait_for(".cp-error-summary").await;
    h.audit("error summary", None).await;

    h.fill("email", "tom.smith@example.com").await;
    let problem = json!({"title": "Invalid", "status": 400,
        "errors": [{"field": "email", "code": "INVALID_EMAIL", "message": "Refused by the service."}]});
    h.fault("patch_profile", 400, 1, Some(&problem.to_string()))
        .await;
    click_css(&h, save).await;
    h.wait_for("#cp1-email-error:not([hidden])").await;
    h.audit("server field errors", None).await;

    h.fill("address.street", "Cours Mirabeau").await;
    click_css(&h, save).await;
    h.wait_for("[data-problem=address-unknown]").await;
    h.audit("address unknown", None).await;
    click_css(&h, "[data-problem=address-unknown] button").await;
    h.wait_status(&saved_text(locale)).await;
    h.audit("saved", None).await;

    slow(&h, "patch_profile", 2500).await;
    h.fill("first_name", "Thomas").await;
    click_css(&h, save).await;
    h.wait_js(
        "document.querySelector(\"form button[type=submit]\").disabled",
        "saving",
    )
    .await;
    h.audit("saving", None).await;
    h.wait_status(&saved_text(locale)).await;

    h.fill("first_name", "Tom").await;
    h.fault("patch_profile", 401, 1, None).await;
    click_css(&h, save).await;
    h.wait_for("[data-problem=session-expired]").await;
    h.audit("session expired", None).await;

    h.fault("get_profile", 503, 1, None).await;
    h.open().await;
    h.wait_for("[data-state=error]").await;
    h.audit("load error", None).await;
    h.stop_sandbox().await;
    click_css(&h, "[data-state=error] button").await;
    h.wait_for("[data-error=network]").await;
    h.audit("network error", None).await;
    h.restart_sandbox().await;
    h.close().await;
}

#[tokio::test]
async fn every_state_passes_axe_in_english() {
    walk("en-GB").await;
}

#[tokio::test]
async fn every_state_passes_axe_in_french() {
    walk("fr-FR").await;
}

#[tokio::test]
async fn every_state_passes_axe_in_german() {
    walk("de-DE").await;
}

#[tokio::test]
async fn every_state_passes_axe_in_spanish() {
    walk("es-ES").await;
}

#[tokio::test]
async fn every_state_passes_axe_in_italian() {
    walk("it-IT").await;
}

#[tokio::test]
async fn every_state_passes_axe_in_dutch() {
    walk("nl-NL").await;
}

#[tokio::test]
async fn every_state_passes_axe_in_portuguese() {
    walk("pt-PT").await;
}

#[tokio::test]
async fn the_embedded_widget_passes_axe() {
    let h = Harness::start("a11y-portal", Setup::example()).await;
    h.open_portal_loaded("the widget loaded").await;
    h.audit("embedded, loaded", Some("#profile")).await;
    h.js("portal.mountSecond(); return true;").await;
    h.wait_js(
        "portal.events.filter(e => e.type === 'customer-profile-loaded').length === 2",
        "the French widget loaded",
    )
    .await;
    h.audit("embedded, French", Some("#second")).await;
    h.close().await;
}

#[tokio::test]
async fn the_audit_reports_real_violations() {
    let h = Harness::start("a11y-self-check", Setup::example()).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    // An unlabelled input and a button with no name: the audit must see both.
    h.js("const f = document.querySelector('form');
          const i = document.createElement('input'); f.appendChild(i);
          const b = document.createElement('button'); b.type = 'button'; f.appendChild(b);
          return true;")
        .await;
    let violations = h.violations(None).await;
    let rules: Vec<&str> = violations.iter().filter_map(|v| v["id"].as_str()).collect();
    assert!(rules.contains(&"label"), "{rules:?}");
    assert!(rules.contains(&"button-name"), "{rules:?}");
    assert!(violations
        .iter()
        .all(|v| v["url"].as_str().is_some_and(|u| u.starts_with("https://"))));
    h.close().await;
}

#[tokio::test]
async fn the_standalone_page_has_its_landmarks() {
    let h = Harness::start("a11y-landmarks", Setup::example()).await;
    h.open().await;
    h.wait_for("main [data-state=loaded]").await;
    // Best-practice rules that Lighthouse scores too: one main landmark, all content in it.
    let violations = h.violations_tagged(None, &["best-practice"]).await;
    let rules: Vec<&str> = violations.iter().filter_map(|v| v["id"].as_str()).collect();
    assert!(
        rules.is_empty(),
        "best-practice violations: {violations:#?}"
    );
    h.close().await;
}
