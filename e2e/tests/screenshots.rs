//! Screenshots for review: every state at 375 px and 1280 px, light and dark in English and
//! French, light in German, Spanish, Italian, Dutch and Portuguese, under target/e2e-screenshots/ (`cargo xtask test` writes an index.html there).
//! Each state is also audited with axe-core, in both colour schemes.

use e2e::{Harness, Setup};
use serde_json::json;

/// Captures the current state at both widths, and audits it (so the dark scheme's colours
/// are checked by axe-core too).
async fn shoot(h: &Harness, state: &str, tag: &str) {
    h.audit(&format!("{state} ({tag})"), None).await;
    for width in [375, 1280] {
        h.client
            .set_window_size(width, 900)
            .await
            .expect("window size");
        // Let the layout settle at the new width.
        h.wait_js("document.readyState === 'complete'", "layout")
            .await;
        h.screenshot(&format!("{state}-{width}-{tag}")).await;
    }
    h.client
        .set_window_size(1280, 900)
        .await
        .expect("window size");
}

async fn click_css(h: &Harness, css: &str) {
    h.wait_for(css).await.click().await.expect("click");
}

async fn matrix(locale: &str, dark: bool) {
    let scheme = if dark { "dark" } else { "light" };
    let lang = &locale[..2];
    let tag = format!("{scheme}-{lang}");
    let mut setup = Setup::example().locale(locale);
    setup.dark = dark;
    let mut h = Harness::start(&format!("shots-{tag}"), setup).await;
    let save = "form button[type=submit]";

    let slow = json!({"route": "get_profile", "delay_ms": 3000, "count": 1});
    h.hook("POST", "/__sandbox/faults", &slow).await;
    h.open().await;
    h.wait_for("[data-state=loading]").await;
    shoot(&h, "loading", &tag).await;
    h.wait_for("[data-state=loaded]").await;
    shoot(&h, "loaded", &tag).await;

    h.fill("email", "not-an-address").await;
    h.fill("first_name", "Thomas").await;
    h.leave("first_name").await;
    click_css(&h, save).await;
    h.wait_for(".cp-error-summary").await;
    shoot(&h, "errors", &tag).await;

    h.fill("email", "tom@example.org").await;
    h.fill("address.street", "Cours Mirabeau").await;
    click_css(&h, save).await;
    h.wait_for("[data-problem=address-unknown]").await;
    shoot(&h, "address-unknown", &tag).await;
    click_css(&h, "[data-problem=address-unknown] button").await;
    h.wait_js(
        "document.querySelector('[role=status]').textContent.trim().length > 0",
        "saved",
    )
    .await;
    shoot(&h, "saved", &tag).await;

    h.fill("last_name", "Smythe").await;
    h.fault("patch_profile", 401, 1, None).await;
    click_css(&h, save).await;
    h.wait_for("[data-problem=session-expired]").await;
    shoot(&h, "session-expired", &tag).await;

    h.fault("get_profile", 503, 1, None).await;
    h.open().await;
    h.wait_for("[data-state=error]").await;
    h.stop_sandbox().await;
    click_css(&h, "[data-state=error] button").await;
    h.wait_for("[data-error=network]").await;
    shoot(&h, "network-error", &tag).await;
    h.restart_sandbox().await;
    h.close().await;
}

#[tokio::test]
async fn screenshots_light_english() {
    matrix("en-GB", false).await;
}

#[tokio::test]
async fn screenshots_dark_english() {
    matrix("en-GB", true).await;
}

#[tokio::test]
async fn screenshots_light_french() {
    matrix("fr-FR", false).await;
}

#[tokio::test]
async fn screenshots_dark_french() {
    matrix("fr-FR", true).await;
}

#[tokio::test]
async fn screenshots_light_german() {
    matrix("de-DE", false).await;
}

#[tokio::test]
async fn screenshots_light_spanish() {
    matrix("es-ES", false).await;
}

#[tokio::test]
async fn screenshots_light_italian() {
    matrix("it-IT", false).await;
}

#[tokio::test]
async fn screenshots_light_dutch() {
    matrix("nl-NL", false).await;
}

#[tokio::test]
async fn screenshots_light_portuguese() {
    matrix("pt-PT", false).await;
}
