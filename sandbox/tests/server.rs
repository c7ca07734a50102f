//! The server as a whole over real sockets: start/stop, persistence across restarts, reset,
//! corrupt data, `/config.json`, static files and CORS.

mod common;

use std::net::SocketAddr;

use axum::http::StatusCode;
use common::*;
use sandbox::{credentials, seed, Config, StartError};
use serde_json::{json, Value};

fn any_port() -> SocketAddr {
    "127.0.0.1:0".parse().expect("addr")
}

#[tokio::test]
async fn changes_survive_a_restart_on_the_same_port_and_reset_restores_the_seed() {
    let dir = TempDir::new("restart");
    let running = sandbox::start(Config::new(dir.data()), any_port())
        .await
        .expect("start");
    let addr = running.addr;
    assert_eq!(running.url(), format!("http://127.0.0.1:{}", addr.port()));
    let path = "/v1/customers/123456789/profile";
    let res = http(
        addr,
        "PATCH",
        path,
        &good_headers(example_token()),
        Some(r#"{"email":"after@example.com"}"#),
    )
    .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    running.stop().await;

    // Same port at once, same data file: the change is there.
    let running = sandbox::start(Config::new(dir.data()), addr)
        .await
        .expect("restart on same port");
    let res = http(
        addr,
        "GET",
        "/v2/customers/123456789/profile",
        &good_headers(example_token()),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["email"], "after@example.com");
    running.stop().await;

    // reset: back to the seed, on disk too.
    let mut config = Config::new(dir.data());
    config.reset = true;
    let running = sandbox::start(config, addr).await.expect("reset");
    let res = http(
        addr,
        "GET",
        "/v2/customers/123456789/profile",
        &good_headers(example_token()),
        None,
    )
    .await;
    assert_eq!(res.json()["email"], "tom@example.com");
    running.stop().await;
    let file: Value =
        serde_json::from_slice(&std::fs::read(dir.data()).expect("read")).expect("json");
    assert_eq!(file["customers"], Value::Object(seed::profiles()));
}

#[tokio::test]
async fn stop_closes_the_listening_socket() {
    let dir = TempDir::new("stop");
    let running = sandbox::start(Config::new(dir.data()), any_port())
        .await
        .expect("start");
    let addr = running.addr;
    // Leave a keep-alive connection open to make graceful shutdown work for it.
    let _idle = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let started = std::time::Instant::now();
    running.stop().await;
    assert!(started.elapsed() < std::time::Duration::from_millis(1500));
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "still listening"
    );
    let again = sandbox::start(Config::new(dir.data()), addr)
        .await
        .expect("rebind");
    again.stop().await;
}

#[tokio::test]
async fn start_errors() {
    let dir = TempDir::new("errors");
    std::fs::write(dir.data(), "{\"customers\": [").expect("write");
    let err = sandbox::start(Config::new(dir.data()), any_port())
        .await
        .expect_err("corrupt");
    assert!(matches!(err, StartError::CorruptData { .. }));
    assert!(err.to_string().contains("--reset"), "{err}");
    // The corrupt file is left for the developer to inspect.
    assert_eq!(
        std::fs::read_to_string(dir.data()).expect("kept"),
        "{\"customers\": ["
    );

    let other = TempDir::new("busy");
    let running = sandbox::start(Config::new(other.data()), any_port())
        .await
        .expect("start");
    let err = sandbox::start(Config::new(other.data()), running.addr)
        .await
        .expect_err("busy");
    assert!(matches!(err, StartError::Bind { .. }), "{err}");
    running.stop().await;

    let mut config = Config::new(other.data());
    config.dist_dir = Some(other.path().join("missing"));
    assert!(matches!(
        sandbox::start(config, any_port()).await,
        Err(StartError::DistNotFound(_))
    ));
}

#[tokio::test]
async fn config_json_describes_the_demo() {
    let dir = TempDir::new("config");
    let running = sandbox::start(Config::new(dir.data()), any_port())
        .await
        .expect("start");
    let res = http(running.addr, "GET", "/config.json", &[], None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("cache-control"), Some("no-store"));
    assert_eq!(
        res.json(),
        json!({
            "api_base_url": format!("http://{}", running.addr),
            "api_key": credentials::API_KEY,
            "customer_id": "123456789",
            "locale": "en-GB",
            "token": "sandbox-token-123456789",
        })
    );
    running.stop().await;
}

#[tokio::test]
async fn static_files_are_the_fallback() {
    let dir = TempDir::new("dist");
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(dist.join("pkg")).expect("mkdir");
    std::fs::write(dist.join("index.html"), "<!doctype html><title>app</title>").expect("write");
    std::fs::write(dist.join("pkg/app.js"), "console.log(1)").expect("write");
    let app = app_with(&dir, |c| c.dist_dir = Some(dist.clone()));
    let res = call(&app, "GET", "/", &[], None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&res.body).contains("<title>app</title>"));
    let res = call(&app, "GET", "/pkg/app.js", &[], None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, b"console.log(1)");
    assert_eq!(
        call(&app, "GET", "/nope.js", &[], None).await.status,
        StatusCode::NOT_FOUND
    );
    // API routes still win.
    let res = get_profile(&app, seed::EXAMPLE, example_token()).await;
    assert_eq!(res.status, StatusCode::OK);
    // Without dist, unknown paths are a problem-details 404.
    let bare = TempDir::new("nodist");
    let res = call(&app_with(&bare, |_| {}), "GET", "/", &[], None).await;
    assert_eq!(
        (res.status, res.code().as_str()),
        (StatusCode::NOT_FOUND, "NOT_FOUND")
    );
}

fn preflight(origin: &str) -> Vec<(String, String)> {
    vec![
        ("origin".into(), origin.into()),
        ("access-control-request-method".into(), "PATCH".into()),
        (
            "access-control-request-headers".into(),
            "authorization,x-api-key,accept-language,content-type".into(),
        ),
    ]
}

#[tokio::test]
async fn cors_only_for_configured_origins() {
    let dir = TempDir::new("cors");
    let origin = "http://127.0.0.1:5173";
    let app = app_with(&dir, |c| c.allow_origins = vec![origin.into()]);
    let res = call(
        &app,
        "OPTIONS",
        "/v1/customers/123456789/profile",
        &preflight(origin),
        None,
    )
    .await;
    assert!(res.status.is_success(), "{}", res.status);
    assert_eq!(res.header("access-control-allow-origin"), Some(origin));
    let methods = res
        .header("access-control-allow-methods")
        .expect("methods")
        .to_ascii_uppercase();
    assert!(methods.contains("PATCH"), "{methods}");
    let allowed = res
        .header("access-control-allow-headers")
        .expect("headers")
        .to_ascii_lowercase();
    for h in [
        "authorization",
        "x-api-key",
        "accept-language",
        "content-type",
    ] {
        assert!(allowed.contains(h), "{allowed}");
    }
    assert_eq!(res.header("access-control-max-age"), Some("600"));
    // Actual requests (even refused ones) carry the header, so the app can read errors.
    let mut headers = good_headers("nope");
    headers.push(("origin".into(), origin.into()));
    let res = call(
        &app,
        "GET",
        "/v2/customers/123456789/profile",
        &headers,
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(res.header("access-control-allow-origin"), Some(origin));
    // Other origins get nothing.
    let res = call(
        &app,
        "OPTIONS",
        "/v1/customers/123456789/profile",
        &preflight("http://evil.test"),
        None,
    )
    .await;
    assert_eq!(res.header("access-control-allow-origin"), None);

    // By default: no CORS at all.
    let dir = TempDir::new("nocors");
    let app = common::app(&dir);
    let res = call(
        &app,
        "OPTIONS",
        "/v1/customers/123456789/profile",
        &preflight(origin),
        None,
    )
    .await;
    assert_eq!(res.header("access-control-allow-origin"), None);
    let mut headers = good_headers(example_token());
    headers.push(("origin".into(), origin.into()));
    let res = call(
        &app,
        "GET",
        "/v2/customers/123456789/profile",
        &headers,
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn wrong_methods_are_405() {
    let dir = TempDir::new("methods");
    let app = app(&dir);
    let res = call(
        &app,
        "DELETE",
        "/v2/customers/123456789/profile",
        &good_headers(example_token()),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(res.header("allow").is_some_and(|a| a.contains("GET")));
    let res = call(
        &app,
        "GET",
        "/v1/customers/123456789/profile",
        &good_headers(example_token()),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
}
