//! Helpers shared by the integration tests: temporary data files, in-process requests through
//! the router, and a tiny HTTP/1.1 client for tests that need a real socket.
#![allow(dead_code)]

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
    sync::atomic::{AtomicU32, Ordering},
};

use axum::{
    body::Body,
    http::{HeaderMap, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use sandbox::{credentials, seed, AppState, Config};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

/// A fresh temporary directory, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "sandbox-test-{name}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    pub fn data(&self) -> PathBuf {
        self.0.join("data.json")
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A router over a fresh seeded data file (the dir must outlive the router).
pub fn app_with(dir: &TempDir, tweak: impl FnOnce(&mut Config)) -> Router {
    let mut config = Config::new(dir.data());
    tweak(&mut config);
    sandbox::router(AppState::new(config).expect("state"))
}

pub fn app(dir: &TempDir) -> Router {
    app_with(dir, |_| {})
}

/// The example customer's token.
pub fn example_token() -> &'static str {
    credentials::token_for(seed::EXAMPLE).expect("token")
}

/// The headers a well-behaved client sends, for `token`.
pub fn good_headers(token: &str) -> Vec<(String, String)> {
    vec![
        ("x-api-key".into(), credentials::API_KEY.into()),
        ("authorization".into(), format!("Bearer {token}")),
        ("accept-language".into(), "en-GB".into()),
        ("accept".into(), "application/json".into()),
    ]
}

/// A response, fully read.
#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `(field, code)` pairs of a problem-details body.
    pub fn codes(&self) -> Vec<(Option<String>, String)> {
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        let json = self.json();
        assert_eq!(json["status"], self.status.as_u16());
        json["errors"]
            .as_array()
            .expect("errors array")
            .iter()
            .map(|e| {
                assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()));
                (
                    e["field"].as_str().map(str::to_owned),
                    e["code"].as_str().expect("code").to_owned(),
                )
            })
            .collect()
    }

    /// The single error code of a problem-details body.
    pub fn code(&self) -> String {
        let codes = self.codes();
        assert_eq!(codes.len(), 1, "{codes:?}");
        codes[0].1.clone()
    }
}

/// Sends a request through the router in-process.
pub async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    headers: &[(String, String)],
    body: Option<&str>,
) -> Resp {
    let mut req = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        req = req.header(k, v);
    }
    if body.is_some() && !headers.iter().any(|(k, _)| k == "content-type") {
        req = req.header("content-type", "application/json");
    }
    let req = req
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_owned())))
        .expect("request");
    let res = app.clone().oneshot(req).await.expect("infallible");
    let (parts, body) = res.into_parts();
    Resp {
        status: parts.status,
        headers: parts.headers,
        body: body.collect().await.expect("body").to_bytes().to_vec(),
    }
}

/// `GET` the profile of `id` with `token`.
pub async fn get_profile(app: &Router, id: &str, token: &str) -> Resp {
    call(
        app,
        "GET",
        &format!("/v2/customers/{id}/profile"),
        &good_headers(token),
        None,
    )
    .await
}

/// `PATCH` the profile of `id` with `token`.
pub async fn patch_profile(app: &Router, id: &str, token: &str, body: &str) -> Resp {
    call(
        app,
        "PATCH",
        &format!("/v1/customers/{id}/profile"),
        &good_headers(token),
        Some(body),
    )
    .await
}

/// A minimal HTTP/1.1 client over a real socket (`connection: close`).
pub async fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: Option<&str>,
) -> Resp {
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let body = body.unwrap_or_default();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    if !body.is_empty() {
        head.push_str("content-type: application/json\r\n");
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.expect("write");
    stream.write_all(body.as_bytes()).await.expect("write body");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> Resp {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let code: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("status code");
    let mut headers = HeaderMap::new();
    for line in lines {
        let (k, v) = line.split_once(':').expect("header line");
        headers.append(
            axum::http::HeaderName::from_bytes(k.trim().as_bytes()).expect("name"),
            v.trim().parse().expect("value"),
        );
    }
    let mut body = raw[split + 4..].to_vec();
    if headers
        .get("transfer-encoding")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"chunked"))
    {
        body = dechunk(&body);
    }
    Resp {
        status: StatusCode::from_u16(code).expect("status"),
        headers,
        body,
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = raw
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size");
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&raw[..eol])
                .split(';')
                .next()
                .unwrap_or("0")
                .trim(),
            16,
        )
        .expect("hex size");
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[eol + 2..eol + 2 + size]);
        raw = &raw[eol + 2 + size + 2..];
    }
}
