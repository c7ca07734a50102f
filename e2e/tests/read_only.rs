//! The read-only profile page in headless Chromium against the in-process sandbox: values,
//! each error state with its own message, Retry, and XSS safety.

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
    let expected = [
        ("first_name", "Tom"),
        ("second_name", "James"),
        ("third_name", "Edward"),
        ("last_name", "Smith"),
        ("birth_city", "Paris"),
        ("email", "tom@example.com"),
        ("phones.0.number", "0623456789"),
        ("phones.0.type", "Mobile"),
        ("address.city", "Aix-en-Provence"),
        ("address.zip_code", "75000"),
        ("address.country_code", "FR"),
        ("gm_number", "123456789"),
        ("loyalty_program.status", "GOLD"),
        ("loyalty_program.previous_status", "SILVER"),
        ("loyalty_program.is_platinum_for_life", "No"),
        ("loyalty_program.points", "1200"),
        ("locale", "fr-FR"),
    ];
    for (field, value) in expected {
        assert_eq!(h.field(field).await, value, "field {field}");
    }
    assert_eq!(h.field("address.street").await, "Not provided");
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
    let lang = h.wait_for("html").await.attr("lang").await.expect("attr");
    assert_eq!(lang.as_deref(), Some("fr"));
    let requests = h.recorded_requests().await;
    assert!(requests
        .iter()
        .any(|r| r["headers"]["accept-language"] == "fr-FR"));
    h.screenshot("loaded-fr").await;
    h.close().await;
}

#[tokio::test]
async fn expired_token_shows_session_expired() {
    let h = Harness::start(
        "expired",
        Setup::example().token(credentials::EXPIRED_TOKEN),
    )
    .await;
    h.open().await;
    let (kind, message) = error_state(&h).await;
    assert_eq!(kind, "session-expired");
    assert_eq!(message, "Your session has expired. Please sign in again.");
    h.screenshot("error-session-expired").await;
    h.close().await;
}

#[tokio::test]
async fn another_customers_token_is_forbidden() {
    let other = credentials::token_for(seed::ALL_NULL).expect("seed token");
    let h = Harness::start("forbidden", Setup::example().token(other)).await;
    h.open().await;
    let (kind, message) = error_state(&h).await;
    assert_eq!(kind, "forbidden");
    assert_eq!(message, "You are not allowed to see this profile.");
    h.screenshot("error-forbidden").await;
    h.close().await;
}

#[tokio::test]
async fn unknown_customer_is_not_found() {
    let setup = Setup::customer("999999999").token(credentials::AGENT_TOKEN);
    let h = Harness::start("not-found", setup).await;
    h.open().await;
    let (kind, message) = error_state(&h).await;
    assert_eq!(kind, "not-found");
    assert_eq!(message, "No profile was found for this account.");
    h.screenshot("error-not-found").await;
    h.close().await;
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
    assert_eq!(h.field("first_name").await, "Tom");
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
    assert_eq!(h.field("last_name").await, "Smith");
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
    assert_eq!(h.text("[role=status]").await, "Loading your profile…");
    h.screenshot("loading").await;
    h.wait_for("[data-state=loaded]").await;
    h.close().await;
}

#[tokio::test]
async fn xss_name_is_shown_as_text() {
    let h = Harness::start("xss", Setup::customer(seed::XSS)).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    assert_eq!(h.field("first_name").await, "<img src=x onerror=alert(1)>");
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
    assert_eq!(h.field("first_name").await, "Not provided");
    assert_eq!(h.field("phones").await, "No phone number");
    h.screenshot("loaded-all-null").await;
    h.close().await;

    let h = Harness::start("extras", Setup::customer(seed::EXTRAS)).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    let types = h
        .client
        .find_all(fantoccini::Locator::Css(".cp-phone-type"))
        .await
        .expect("types");
    let mut labels = Vec::new();
    for t in types {
        labels.push(t.text().await.expect("text"));
    }
    assert!(
        labels.iter().any(|l| l == "SATELLITE"),
        "unknown type shown as is: {labels:?}"
    );
    h.close().await;
}
