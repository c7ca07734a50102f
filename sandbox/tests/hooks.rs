//! The `/__sandbox/*` test hooks: absent by default, request log, faults, customer fixtures.

mod common;

use std::time::{Duration, Instant};

use axum::{http::StatusCode, Router};
use common::*;
use sandbox::{credentials, seed};
use serde_json::{json, Value};

fn hooked(dir: &TempDir) -> Router {
    app_with(dir, |c| {
        c.test_hooks = true;
        c.allow_origins = vec!["http://app.test".into()];
    })
}

async fn hook(app: &Router, method: &str, path: &str, body: Option<Value>) -> Resp {
    let body = body.map(|b| b.to_string());
    call(app, method, path, &[], body.as_deref()).await
}

#[tokio::test]
async fn hooks_are_404_when_off() {
    let dir = TempDir::new("off");
    let app = app(&dir);
    for (method, path) in [
        ("GET", "/__sandbox/requests"),
        ("DELETE", "/__sandbox/requests"),
        ("POST", "/__sandbox/faults"),
        ("PUT", "/__sandbox/customers/1"),
        ("POST", "/__sandbox/reset"),
    ] {
        let res = call(&app, method, path, &[], Some("{}")).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{method} {path}");
    }
    // And faults cannot exist: the API answers normally.
    assert_eq!(
        get_profile(&app, seed::EXAMPLE, example_token())
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn requests_are_recorded_without_authorization() {
    let dir = TempDir::new("log");
    let app = hooked(&dir);
    get_profile(&app, seed::EXAMPLE, "bad-token").await;
    let uri = "/v1/customers/123456789/profile?force_address=true";
    call(
        &app,
        "PATCH",
        uri,
        &good_headers(example_token()),
        Some(r#"{"email":"a@b.co"}"#),
    )
    .await;
    let preflight = vec![
        ("origin".to_owned(), "http://app.test".to_owned()),
        (
            "access-control-request-method".to_owned(),
            "PATCH".to_owned(),
        ),
    ];
    call(
        &app,
        "OPTIONS",
        "/v1/customers/123456789/profile",
        &preflight,
        None,
    )
    .await;
    call(&app, "GET", "/config.json", &[], None).await; // not an API route: not logged

    let log = hook(&app, "GET", "/__sandbox/requests", None).await.json();
    let log = log.as_array().expect("array");
    assert_eq!(log.len(), 3, "{log:?}");
    assert_eq!(log[0]["method"], "GET");
    assert_eq!(log[0]["path"], "/v2/customers/123456789/profile");
    assert_eq!(log[0]["query"], Value::Null);
    assert_eq!(log[0]["body"], Value::Null);
    assert_eq!(log[0]["headers"]["x-api-key"], credentials::API_KEY);
    assert_eq!(log[0]["headers"]["accept-language"], "en-GB");
    assert_eq!(log[1]["method"], "PATCH");
    assert_eq!(log[1]["query"], "force_address=true");
    assert_eq!(log[1]["body"], r#"{"email":"a@b.co"}"#);
    assert_eq!(log[1]["headers"]["content-type"], "application/json");
    assert_eq!(log[2]["method"], "OPTIONS");
    for entry in log {
        assert!(entry["headers"].get("authorization").is_none(), "{entry}");
    }
    // The PATCH went through despite being buffered by the recorder.
    let after = get_profile(&app, seed::EXAMPLE, example_token())
        .await
        .json();
    assert_eq!(after["email"], "a@b.co");

    assert_eq!(
        hook(&app, "DELETE", "/__sandbox/requests", None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    // Hook calls are not API requests: the log is now empty.
    assert_eq!(
        hook(&app, "GET", "/__sandbox/requests", None).await.json(),
        json!([])
    );
}

#[tokio::test]
async fn the_log_keeps_the_last_200_and_oversized_bodies_still_get_413() {
    let dir = TempDir::new("cap");
    let app = hooked(&dir);
    for i in 0..205 {
        get_profile(&app, &format!("{i}"), credentials::AGENT_TOKEN).await;
    }
    let log = hook(&app, "GET", "/__sandbox/requests", None).await.json();
    let log = log.as_array().expect("array");
    assert_eq!(log.len(), 200);
    assert_eq!(log[0]["path"], "/v2/customers/5/profile");
    assert_eq!(log[199]["path"], "/v2/customers/204/profile");

    let big = format!("{{\"first_name\":\"{}\"}}", "a".repeat(70_000));
    let res = patch_profile(&app, seed::EXAMPLE, example_token(), &big).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    let log = hook(&app, "GET", "/__sandbox/requests", None).await.json();
    assert_eq!(log[199]["body"], Value::Null);
}

#[tokio::test]
async fn forced_status_for_n_requests_then_normal() {
    let dir = TempDir::new("faults");
    let app = hooked(&dir);
    let res = hook(
        &app,
        "POST",
        "/__sandbox/faults",
        Some(json!({"route": "get_profile", "status": 503, "count": 2})),
    )
    .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let faults = hook(&app, "GET", "/__sandbox/faults", None).await.json();
    assert_eq!(
        faults,
        json!([{"route": "get_profile", "status": 503, "count": 2}])
    );

    // Faults come before auth: even a bad token gets the injected status.
    let res = get_profile(&app, seed::EXAMPLE, "bad").await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(res.code(), "SANDBOX_FAULT");
    assert_eq!(res.json()["status"], 503);
    // The PATCH route is not affected.
    let res = patch_profile(&app, seed::EXAMPLE, example_token(), "{}").await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get_profile(&app, seed::EXAMPLE, example_token())
            .await
            .status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(
        get_profile(&app, seed::EXAMPLE, example_token())
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        hook(&app, "GET", "/__sandbox/faults", None).await.json(),
        json!([])
    );

    // A custom body and content type, until cleared.
    hook(&app, "POST", "/__sandbox/faults", Some(json!({"route": "patch_profile", "status": 502, "body": "<html>Bad gateway</html>", "content_type": "text/html"}))).await;
    for _ in 0..3 {
        let res = patch_profile(&app, seed::EXAMPLE, example_token(), "{}").await;
        assert_eq!(res.status, StatusCode::BAD_GATEWAY);
        assert_eq!(res.header("content-type"), Some("text/html"));
        assert_eq!(res.body, b"<html>Bad gateway</html>");
    }
    // An empty body has no content type.
    hook(
        &app,
        "POST",
        "/__sandbox/faults",
        Some(json!({"route": "patch_profile", "status": 500, "body": ""})),
    )
    .await;
    let res = patch_profile(&app, seed::EXAMPLE, example_token(), "{}").await;
    assert_eq!(
        (res.status, res.body.len(), res.header("content-type")),
        (StatusCode::INTERNAL_SERVER_ERROR, 0, None)
    );
    assert_eq!(
        hook(&app, "DELETE", "/__sandbox/faults", None).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        patch_profile(&app, seed::EXAMPLE, example_token(), "{}")
            .await
            .status,
        StatusCode::NO_CONTENT
    );

    // Bad fault payloads are refused.
    for bad in [
        json!({"route": "nope"}),
        json!({"route": "get_profile", "status": 42}),
        json!({"route": "get_profile", "colour": 1}),
    ] {
        assert_eq!(
            hook(&app, "POST", "/__sandbox/faults", Some(bad))
                .await
                .status,
            StatusCode::BAD_REQUEST
        );
    }
}

#[tokio::test]
async fn delay_then_the_real_handler() {
    let dir = TempDir::new("delay");
    let app = hooked(&dir);
    hook(
        &app,
        "POST",
        "/__sandbox/faults",
        Some(json!({"route": "patch_profile", "delay_ms": 300, "count": 1})),
    )
    .await;
    let started = Instant::now();
    let res = patch_profile(
        &app,
        seed::EXAMPLE,
        example_token(),
        r#"{"first_name":"Slow"}"#,
    )
    .await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get_profile(&app, seed::EXAMPLE, example_token())
            .await
            .json()["first_name"],
        "Slow"
    );
    let started = Instant::now();
    patch_profile(&app, seed::EXAMPLE, example_token(), "{}").await;
    assert!(started.elapsed() < Duration::from_millis(300));
    // Delay with a status: both.
    hook(
        &app,
        "POST",
        "/__sandbox/faults",
        Some(json!({"route": "get_profile", "delay_ms": 200, "status": 500})),
    )
    .await;
    let started = Instant::now();
    let res = get_profile(&app, seed::EXAMPLE, example_token()).await;
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn an_applied_fault_lets_the_change_through_and_replaces_the_answer() {
    let dir = TempDir::new("applied");
    let app = hooked(&dir);
    let fault = json!({"route": "patch_profile", "status": 200, "count": 1, "applied": true,
        "body": "<html>OK</html>", "content_type": "text/html"});
    hook(&app, "POST", "/__sandbox/faults", Some(fault)).await;
    let res = patch_profile(
        &app,
        seed::EXAMPLE,
        example_token(),
        r#"{"first_name":"Applied"}"#,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, b"<html>OK</html>");
    let stored = get_profile(&app, seed::EXAMPLE, example_token()).await;
    assert_eq!(stored.json()["first_name"], "Applied");

    // Without a status, the real answer goes out (after the delay).
    let fault = json!({"route": "patch_profile", "count": 1, "applied": true, "delay_ms": 1});
    hook(&app, "POST", "/__sandbox/faults", Some(fault)).await;
    let res = patch_profile(
        &app,
        seed::EXAMPLE,
        example_token(),
        r#"{"first_name":"Two"}"#,
    )
    .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);

    // Not applied, the same fault leaves the profile alone.
    let fault = json!({"route": "patch_profile", "status": 200, "count": 1, "body": "{}"});
    hook(&app, "POST", "/__sandbox/faults", Some(fault)).await;
    let res = patch_profile(
        &app,
        seed::EXAMPLE,
        example_token(),
        r#"{"first_name":"No"}"#,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    let stored = get_profile(&app, seed::EXAMPLE, example_token()).await;
    assert_eq!(stored.json()["first_name"], "Two");
}

#[tokio::test]
async fn customers_can_be_put_deleted_and_reset() {
    let dir = TempDir::new("fixtures");
    let app = hooked(&dir);
    let odd = json!({"email": 42, "phones": "none", "address": [1]});
    let res = hook(&app, "PUT", "/__sandbox/customers/777", Some(odd.clone())).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get_profile(&app, "777", credentials::AGENT_TOKEN)
            .await
            .json(),
        odd
    );
    let file: Value =
        serde_json::from_slice(&std::fs::read(dir.data()).expect("read")).expect("json");
    assert_eq!(file["customers"]["777"], odd);
    let res = call(&app, "PUT", "/__sandbox/customers/777", &[], Some("{nope")).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);

    assert_eq!(
        hook(
            &app,
            "DELETE",
            &format!("/__sandbox/customers/{}", seed::EXAMPLE),
            None
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get_profile(&app, seed::EXAMPLE, example_token())
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    assert_eq!(
        hook(&app, "POST", "/__sandbox/reset", None).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get_profile(&app, seed::EXAMPLE, example_token())
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        get_profile(&app, "777", credentials::AGENT_TOKEN)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
