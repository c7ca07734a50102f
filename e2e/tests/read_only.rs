//! Loading the profile in headless Chromium against the in-process sandbox: every value in
//! its control, each error state with its own message, Retry, and XSS safety.

use e2e::{Harness, Setup};
use sandbox::{credentials, seed};

/// Waits for the error panel and returns its `data-error` kind and its message.
async fn error_state(h: &Harness) -> (String, String) {
    let panel = h.wait_for("[data-state=error]").await;
    let kind = panel
        .attr("data-error")
        .await
        .expect("attribute")
        .unwrap_or_default();
    (kind, h.text(".cp-error-message").await)
}

async fn click_retry(h: &Harness) {
    h.wait_for("[data-state=error] button")
        .await
        .click()
        .await
        .expect("click Retry");
}

#[tokio::test]
async fn example_customer_values_are_all_on_the_page() {
    let h = Harness::start("loaded", Setup::example()).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    let controls = [
        ("first_name", "Tom"),
        ("second_name", "James"),
        ("third_name", "Edward"),
        ("last_name", "Smith"),
        ("birth_city", "Paris"),
        ("email", "tom@example.com"),
        ("phones.0.number", "0623456789"),
        ("phones.0.type", "MOBILE"),
        ("address.city", "Aix-en-Provence"),
        ("address.zip_code", "75000"),
        ("address.country_code", "FR"),
        ("address.street", ""),
        ("locale", "fr-FR"),
    ];
    for (name, value) in controls {
        assert_eq!(h.value(name).await, value, "control {name}");
    }
    let read_only = [
        ("gm_number", "123456789"),
        ("loyalty_program.status", "GOLD"),
        ("loyalty_program.previous_status", "SILVER"),
        ("loyalty_program.is_platinum_for_life", "No"),
        ("loyalty_program.points", "1,200"),
    ];
    for (field, value) in read_only {
        assert_eq!(h.field(field).await, value, "field {field}");
    }
    // Names come from the browser's Intl, not from a table in the bundle.
    assert_eq!(
        h.text("select[name='address.country_code'] option:checked")
            .await,
        "France"
    );
    h.screenshot("loaded-en").await;

    // The GET carried the API's headers (authorization is never recorded; the 200 proves it).
    let requests = h.recorded_requests().await;
    let get = requests
        .iter()
        .find(|r| r["method"] == "GET" && r["path"] == "/v2/customers/123456789/profile")
        .expect("the app read the v2 profile");
    assert_eq!(get["headers"]["x-api-key"], credentials::API_KEY);
    assert_eq!(get["headers"]["accept-language"], "en-GB");
    assert_eq!(get["headers"]["accept"], "application/json");
    assert!(get["headers"].get("authorization").is_none());
    h.close().await;
}

#[tokio::test]
async fn french_locale_gives_a_french_page() {
    let h = Harness::start("loaded-fr", Setup::example().locale("fr-FR")).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    assert_eq!(h.text("h1").await, "Votre profil");
    assert_eq!(h.field("loyalty_program.is_platinum_for_life").await, "Non");
    assert_eq!(h.text("label[for$='-first_name']").await, "Prénom");
    let lang = h.wait_for("html").await.attr("lang").await.expect("attr");
    assert_eq!(lang.as_deref(), Some("fr"));
    let requests = h.recorded_requests().await;
    assert!(requests
        .iter()
        .any(|r| r["headers"]["accept-language"] == "fr-FR"));
    h.screenshot("loaded-fr").await;
    h.close().await;
}

/// Opens the app as `setup` and expects the error panel of `kind` with `message`.
async fn expect_error_page(name: &str, setup: Setup, kind: &str, message: &str) {
    let h = Harness::start(name, setup).await;
    h.open().await;
    let (got_kind, got_message) = error_state(&h).await;
    assert_eq!(got_kind, kind);
    assert_eq!(got_message, message);
    h.screenshot(&format!("error-{name}")).await;
    h.close().await;
}

#[tokio::test]
async fn expired_token_shows_session_expired() {
    let setup = Setup::example().token(credentials::EXPIRED_TOKEN);
    let message = "Your session has expired. Please sign in again.";
    expect_error_page("session-expired", setup, "session-expired", message).await;
}

#[tokio::test]
async fn another_customers_token_is_forbidden() {
    let other = credentials::token_for(seed::ALL_NULL).expect("seed token");
    let setup = Setup::example().token(other);
    let message = "You are not allowed to see this profile.";
    expect_error_page("forbidden", setup, "forbidden", message).await;
}

#[tokio::test]
async fn unknown_customer_is_not_found() {
    let setup = Setup::customer("999999999").token(credentials::AGENT_TOKEN);
    let message = "No profile was found for this account.";
    expect_error_page("not-found", setup, "not-found", message).await;
}

#[tokio::test]
async fn server_error_shows_retry_and_retry_works() {
    let h = Harness::start("server-error", Setup::example()).await;
    h.fault("get_profile", 500, 1, None).await;
    h.open().await;
    let (kind, message) = error_state(&h).await;
    assert_eq!(kind, "status");
    assert_eq!(
        message,
        "The service is having trouble right now. Please retry in a moment."
    );
    h.screenshot("error-server").await;
    click_retry(&h).await;
    h.wait_for("[data-state=loaded]").await;
    assert_eq!(h.value("first_name").await, "Tom");
    h.close().await;
}

#[tokio::test]
async fn stopped_sandbox_shows_retry_and_retry_works() {
    let mut h = Harness::start("network", Setup::example()).await;
    h.fault("get_profile", 503, 1, None).await;
    h.open().await;
    error_state(&h).await;
    h.stop_sandbox().await;
    click_retry(&h).await;
    // The panel is replaced: wait for the network message specifically.
    h.wait_for("[data-error=network]").await;
    assert_eq!(
        h.text(".cp-error-message").await,
        "The service could not be reached. Check your connection, then retry."
    );
    h.screenshot("error-network").await;
    h.restart_sandbox().await;
    click_retry(&h).await;
    h.wait_for("[data-state=loaded]").await;
    assert_eq!(h.value("last_name").await, "Smith");
    h.close().await;
}

#[tokio::test]
async fn other_statuses_and_bad_bodies_each_have_their_message() {
    let h = Harness::start("statuses", Setup::example()).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    let cases: [(u16, Option<&str>, &str, &str); 4] = [
        (
            400,
            None,
            "bad-request",
            "The service refused the request as invalid.",
        ),
        (429, None, "status", "Too many requests were sent."),
        (418, Some("<html>teapot</html>"), "status", "Status: 418"),
        (
            200,
            Some("<html>not json</html>"),
            "undecodable",
            "could not be read",
        ),
    ];
    for (status, body, kind, message) in cases {
        h.fault("get_profile", status, 1, body).await;
        h.open().await;
        let (got_kind, got_message) = error_state(&h).await;
        assert_eq!(got_kind, kind, "status {status}");
        assert!(
            got_message.contains(message),
            "status {status}: {got_message}"
        );
        if status == 200 {
            h.screenshot("error-undecodable").await;
        }
    }
    h.close().await;
}

#[tokio::test]
async fn loading_state_is_announced() {
    let h = Harness::start("loading", Setup::example()).await;
    let (code, text) = h
        .hook(
            "POST",
            "/__sandbox/faults",
            &serde_json::json!({"route": "get_profile", "delay_ms": 3000, "count": 1}),
        )
        .await;
    assert!((200..300).contains(&code), "{text}");
    h.open().await;
    h.wait_for("[data-state=loading]").await;
    // In the page at once; visible from 300 ms on (tests/progress.rs times that).
    h.wait_status("Loading your profile…").await;
    h.wait_js(
        "document.querySelector('[data-state=loading] [role=status]').checkVisibility({opacityProperty: true, visibilityProperty: true})",
        "the loading message shows",
    )
    .await;
    h.screenshot("loading").await;
    h.wait_for("[data-state=loaded]").await;
    h.close().await;
}

#[tokio::test]
async fn xss_name_is_shown_as_text() {
    let h = Harness::start("xss", Setup::customer(seed::XSS)).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    assert_eq!(h.value("first_name").await, "<img src=x onerror=alert(1)>");
    assert_eq!(h.count("img").await, 0, "an img element was created");
    assert_eq!(h.count(".cp-app script").await, 0);
    assert!(
        h.client.get_alert_text().await.is_err(),
        "a dialog was opened"
    );
    h.screenshot("xss-as-text").await;
    h.close().await;
}

#[tokio::test]
async fn sparse_and_unusual_profiles_render() {
    let h = Harness::start("sparse", Setup::customer(seed::ALL_NULL)).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    assert_eq!(h.value("first_name").await, "");
    assert_eq!(h.text(".cp-phones .cp-empty").await, "No phone number");
    assert_eq!(h.field("loyalty_program.points").await, "Not provided");
    h.screenshot("loaded-all-null").await;
    h.close().await;

    let h = Harness::start("extras", Setup::customer(seed::EXTRAS)).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    let mut kinds = Vec::new();
    for i in 0..3 {
        kinds.push(h.value(&format!("phones.{i}.type")).await);
    }
    assert!(
        kinds.iter().any(|k| k == "SATELLITE"),
        "unknown type kept: {kinds:?}"
    );
    h.close().await;
}
