//! The contract's auth order, `accept-language` checks and localised messages, on both routes.

mod common;

use axum::http::StatusCode;
use common::*;
use sandbox::{credentials, seed};

/// Both routes, with a body that would be valid for the PATCH.
const ROUTES: [(&str, &str, Option<&str>); 2] = [
    ("GET", "/v2/customers/123456789/profile", None),
    ("PATCH", "/v1/customers/123456789/profile", Some("{}")),
];

/// Request headers, the expected status and the expected error code.
type AuthCase = (Vec<(String, String)>, StatusCode, &'static str);

fn without(name: &str) -> Vec<(String, String)> {
    good_headers(example_token())
        .into_iter()
        .filter(|(k, _)| k != name)
        .collect()
}

fn with(name: &str, value: &str) -> Vec<(String, String)> {
    let mut headers = without(name);
    headers.push((name.into(), value.into()));
    headers
}

#[tokio::test]
async fn each_auth_failure_has_its_status_and_code() {
    let dir = TempDir::new("auth");
    let app = app(&dir);
    let cases: Vec<AuthCase> = vec![
        (
            without("x-api-key"),
            StatusCode::UNAUTHORIZED,
            "API_KEY_MISSING",
        ),
        (
            with("x-api-key", "wrong"),
            StatusCode::UNAUTHORIZED,
            "API_KEY_INVALID",
        ),
        (
            without("authorization"),
            StatusCode::UNAUTHORIZED,
            "TOKEN_MISSING",
        ),
        (
            with("authorization", "sandbox-token-123456789"),
            StatusCode::UNAUTHORIZED,
            "TOKEN_INVALID",
        ),
        (
            with("authorization", "Basic c2FuZGJveA=="),
            StatusCode::UNAUTHORIZED,
            "TOKEN_INVALID",
        ),
        (
            with("authorization", "Bearer "),
            StatusCode::UNAUTHORIZED,
            "TOKEN_INVALID",
        ),
        (
            with("authorization", "Bearer nope"),
            StatusCode::UNAUTHORIZED,
            "TOKEN_INVALID",
        ),
        (
            with(
                "authorization",
                &format!("Bearer {}", credentials::EXPIRED_TOKEN),
            ),
            StatusCode::UNAUTHORIZED,
            "TOKEN_EXPIRED",
        ),
        (
            with(
                "authorization",
                &format!("Bearer {}", credentials::token_for(seed::XSS).expect("t")),
            ),
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
        ),
        (
            without("accept-language"),
            StatusCode::BAD_REQUEST,
            "INVALID_ACCEPT_LANGUAGE",
        ),
        (
            with("accept-language", "fr_FR"),
            StatusCode::BAD_REQUEST,
            "INVALID_ACCEPT_LANGUAGE",
        ),
        (
            with("accept-language", "en;q=5"),
            StatusCode::BAD_REQUEST,
            "INVALID_ACCEPT_LANGUAGE",
        ),
    ];
    for (method, uri, body) in ROUTES {
        for (headers, status, code) in &cases {
            let res = call(&app, method, uri, headers, body).await;
            assert_eq!(res.status, *status, "{method} {code}");
            assert_eq!(res.code(), *code, "{method}");
            if *status == StatusCode::UNAUTHORIZED {
                let challenge = res.header("www-authenticate").expect("challenge");
                let expected = if code.starts_with("API_KEY") {
                    "ApiKey"
                } else {
                    "Bearer"
                };
                assert!(challenge.starts_with(expected), "{challenge}");
            }
        }
    }
}

#[tokio::test]
async fn earlier_checks_win() {
    let dir = TempDir::new("order");
    let app = app(&dir);
    // Bad key and no token: the key is reported.
    let headers = vec![("accept-language".to_owned(), "nope nope".to_owned())];
    let res = call(&app, "GET", "/v2/customers/1/profile", &headers, None).await;
    assert_eq!(res.code(), "API_KEY_MISSING");
    // Expired token, bad accept-language, unknown customer: 401 first.
    let mut headers = with(
        "authorization",
        &format!("Bearer {}", credentials::EXPIRED_TOKEN),
    );
    headers.retain(|(k, _)| k != "accept-language");
    let res = call(&app, "GET", "/v2/customers/999/profile", &headers, None).await;
    assert_eq!(res.code(), "TOKEN_EXPIRED");
    // Wrong customer with a bad accept-language: 403 before 400.
    let res = call(
        &app,
        "GET",
        "/v2/customers/999/profile",
        &without("accept-language"),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // Bad accept-language on an unknown customer: 400 before 404.
    let mut headers = with("accept-language", "??");
    headers.retain(|(k, _)| k != "authorization");
    headers.push((
        "authorization".into(),
        format!("Bearer {}", credentials::AGENT_TOKEN),
    ));
    let res = call(
        &app,
        "PATCH",
        "/v1/customers/999/profile",
        &headers,
        Some("nope"),
    )
    .await;
    assert_eq!(res.code(), "INVALID_ACCEPT_LANGUAGE");
}

#[tokio::test]
async fn not_found_for_agents_and_deleted_customers() {
    let dir = TempDir::new("notfound");
    let app = app(&dir);
    let res = get_profile(&app, "999", credentials::AGENT_TOKEN).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.code(), "CUSTOMER_NOT_FOUND");
    let deleted = credentials::token_for(seed::DELETED).expect("token");
    let res = get_profile(&app, seed::DELETED, deleted).await;
    assert_eq!(
        (res.status, res.code().as_str()),
        (StatusCode::NOT_FOUND, "CUSTOMER_NOT_FOUND")
    );
    let res = patch_profile(&app, seed::DELETED, deleted, "{\"email\":null}").await;
    assert_eq!(
        (res.status, res.code().as_str()),
        (StatusCode::NOT_FOUND, "CUSTOMER_NOT_FOUND")
    );
    // The agent may read any existing customer.
    let res = get_profile(&app, seed::NON_LATIN, credentials::AGENT_TOKEN).await;
    assert_eq!(res.status, StatusCode::OK);
}

#[tokio::test]
async fn accept_language_lists_and_french_messages() {
    let dir = TempDir::new("lang");
    let app = app(&dir);
    let ok = call(
        &app,
        "GET",
        "/v2/customers/123456789/profile",
        &with("accept-language", "fr-FR,fr;q=0.9,en-US;q=0.8,*;q=0.5"),
        None,
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK);

    let uri = "/v1/customers/123456789/profile";
    let fr = call(
        &app,
        "PATCH",
        uri,
        &with("accept-language", "fr-FR,en;q=0.5"),
        Some("{\"email\":\"x\"}"),
    )
    .await;
    assert_eq!(fr.status, StatusCode::BAD_REQUEST);
    let body = fr.json();
    assert_eq!(body["title"], "Requête invalide");
    assert_eq!(body["detail"], "Cette adresse e-mail n'est pas valide.");
    assert_eq!(
        body["errors"][0]["message"],
        "Cette adresse e-mail n'est pas valide."
    );

    let en = call(
        &app,
        "PATCH",
        uri,
        &with("accept-language", "de-DE"),
        Some("{\"email\":\"x\"}"),
    )
    .await;
    assert_eq!(en.json()["detail"], "This is not a valid email address.");

    // Errors raised before the accept-language check are localised too.
    let mut headers = with("accept-language", "fr");
    headers.retain(|(k, _)| k != "x-api-key");
    let res = call(
        &app,
        "GET",
        "/v2/customers/123456789/profile",
        &headers,
        None,
    )
    .await;
    assert_eq!(res.json()["detail"], "L'en-tête x-api-key est absent.");
}
