//! Test hooks under `/__sandbox/`, mounted only with `--test-hooks`: a log of the requests the
//! API routes received, injected faults, and direct access to the stored customers.
//!
//! They exist so browser tests can assert what the app sent and drive failure paths
//! (500s, slow answers, odd bodies) without a second server.

use std::{
    collections::VecDeque,
    sync::{Mutex, MutexGuard, PoisonError},
    time::Duration,
};

use axum::{
    body::{Body, Bytes},
    extract::{DefaultBodyLimit, Path, Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::{get, post, put},
    Json, Router,
};
use http_body_util::BodyExt;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::{
    problem::{ApiError, Code, FieldError},
    seed, AppState, MAX_BODY,
};

/// How many requests the log keeps (the oldest are dropped first).
pub const LOG_CAPACITY: usize = 200;

/// The hooks' mutable state: the request log and the active faults.
#[derive(Debug, Default)]
pub struct Hooks {
    requests: Mutex<VecDeque<Value>>,
    faults: Mutex<Vec<Fault>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Which API route a fault applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteName {
    /// `GET /v2/customers/{customer_id}/profile`
    GetProfile,
    /// `PATCH /v1/customers/{customer_id}/profile`
    PatchProfile,
}

/// A fault as posted to `POST /__sandbox/faults` (and listed by `GET`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// The route it applies to.
    pub route: RouteName,
    /// The status to answer instead of the real handler; none = only delay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// How many more requests it applies to; none = until cleared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// How long to wait before answering (or before calling the real handler).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    /// The body to answer with `status` (default: problem details for that status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The `content-type` of `body` (default: JSON if it parses as JSON, else text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Drop the connection instead of answering (after `delay_ms`): what a client sees
    /// when the network fails mid-request.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub drop: bool,
    /// Let the API handle the request first, then replace its answer (with `status` and
    /// `body`, or by dropping the connection): a change that was made although the client
    /// never learns it, or was answered with an unexpected body.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub applied: bool,
}

/// The `/__sandbox` routes (nested by the router when hooks are on).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/requests", get(list_requests).delete(clear_requests))
        .route(
            "/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route(
            "/customers/{customer_id}",
            put(put_customer).delete(delete_customer),
        )
        .route("/reset", post(reset))
        // Hostile test bodies (a multi-megabyte profile) go through these hooks.
        .layer(DefaultBodyLimit::max(HOOK_BODY_LIMIT))
}

/// The largest body a hook accepts.
pub const HOOK_BODY_LIMIT: usize = 32 << 20;

/// Whether `path` is one of the two API routes (whatever the method).
fn is_api_path(path: &str) -> bool {
    let rest = path
        .strip_prefix("/v2/customers/")
        .or_else(|| path.strip_prefix("/v1/customers/"));
    rest.and_then(|r| r.strip_suffix("/profile"))
        .is_some_and(|id| !id.is_empty() && !id.contains('/'))
}

/// Middleware (outermost): logs every request to the API routes, preflights and rejected
/// ones included, before anything else answers it.
pub async fn record(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !is_api_path(req.uri().path()) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let (bytes, complete) = read_capped(body, MAX_BODY).await;
    let headers: Map<String, Value> = parts
        .headers
        .keys()
        .filter(|name| *name != header::AUTHORIZATION)
        .map(|name| {
            let values: Vec<String> = parts
                .headers
                .get_all(name)
                .iter()
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                .collect();
            (name.as_str().to_owned(), Value::String(values.join(", ")))
        })
        .collect();
    let body = match std::str::from_utf8(&bytes) {
        Ok(text) if complete && !text.is_empty() => Value::String(text.to_owned()),
        _ => Value::Null,
    };
    let entry = json!({
        "method": parts.method.as_str(),
        "path": parts.uri.path(),
        "query": parts.uri.query(),
        "headers": headers,
        "body": body,
    });
    {
        let mut log = lock(&state.hooks.requests);
        if log.len() == LOG_CAPACITY {
            log.pop_front();
        }
        log.push_back(entry);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Reads at most `cap + 1` bytes of `body`; `complete` is false when it was longer, in which
/// case the bytes read are still over `cap`, so the handler's own limit answers 413.
async fn read_capped(mut body: Body, cap: usize) -> (Bytes, bool) {
    let mut buf = Vec::new();
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else { break };
        if let Ok(data) = frame.into_data() {
            buf.extend_from_slice(&data);
            if buf.len() > cap {
                return (Bytes::from(buf), false);
            }
        }
    }
    (Bytes::from(buf), true)
}

async fn list_requests(State(state): State<AppState>) -> Json<Vec<Value>> {
    Json(lock(&state.hooks.requests).iter().cloned().collect())
}

async fn clear_requests(State(state): State<AppState>) -> StatusCode {
    lock(&state.hooks.requests).clear();
    StatusCode::NO_CONTENT
}

async fn list_faults(State(state): State<AppState>) -> Json<Vec<Fault>> {
    Json(lock(&state.hooks.faults).clone())
}

/// Adds a fault, replacing any other fault of the same route.
async fn add_fault(State(state): State<AppState>, body: Bytes) -> Result<StatusCode, ApiError> {
    let fault: Fault = serde_json::from_slice(&body)
        .map_err(|_| ApiError::Invalid(vec![FieldError::body(Code::InvalidJson)]))?;
    if fault.status.is_some_and(|s| !(200..=599).contains(&s)) {
        return Err(ApiError::Invalid(vec![FieldError::new(
            "status",
            Code::InvalidType,
        )]));
    }
    let mut faults = lock(&state.hooks.faults);
    faults.retain(|f| f.route != fault.route);
    if fault.count != Some(0) {
        faults.push(fault);
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn clear_faults(State(state): State<AppState>) -> StatusCode {
    lock(&state.hooks.faults).clear();
    StatusCode::NO_CONTENT
}

/// Takes one use of the active fault of `route`, if any.
fn take_fault(hooks: &Hooks, route: RouteName) -> Option<Fault> {
    let mut faults = lock(&hooks.faults);
    let index = faults.iter().position(|f| f.route == route)?;
    let fault = faults[index].clone();
    match &mut faults[index].count {
        Some(1) => {
            faults.remove(index);
        }
        Some(n) => *n -= 1,
        None => {}
    }
    Some(fault)
}

/// Middleware on the API routes (inside [`crate::problem::localize`], before auth): applies
/// the active fault of the route, if any.
pub async fn inject_faults(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let route = if req.method() == Method::PATCH {
        RouteName::PatchProfile
    } else {
        RouteName::GetProfile
    };
    let Some(fault) = take_fault(&state.hooks, route) else {
        return next.run(req).await;
    };
    if let Some(ms) = fault.delay_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    // The real answer, when the API is to handle the request first.
    let real = if fault.applied {
        Ok(next.run(req).await)
    } else {
        Err((req, next))
    };
    if fault.drop {
        // A body that fails at once: hyper closes the connection without an answer.
        return Response::new(axum::body::Body::new(Dropped));
    }
    let Some(status) = fault.status.and_then(|s| StatusCode::from_u16(s).ok()) else {
        return match real {
            Ok(answer) => answer,
            Err((req, next)) => next.run(req).await,
        };
    };
    let Some(body) = fault.body else {
        return ApiError::Fault(status).into_response();
    };
    let content_type = fault.content_type.or_else(|| {
        if body.is_empty() {
            None
        } else if serde_json::from_str::<Value>(&body).is_ok() {
            Some("application/json".into())
        } else {
            Some("text/plain; charset=utf-8".into())
        }
    });
    let mut res = (status, body).into_response();
    res.headers_mut().remove(header::CONTENT_TYPE);
    if let Some(ct) = content_type.and_then(|ct| HeaderValue::from_str(&ct).ok()) {
        res.headers_mut().insert(header::CONTENT_TYPE, ct);
    }
    res
}

/// A response body that fails when first read (see [`Fault::drop`]).
struct Dropped;

impl axum::body::HttpBody for Dropped {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Ready(Some(Err(std::io::Error::other(
            "connection dropped by a fault",
        ))))
    }
}

/// Stores any JSON value as a customer's profile, as-is.
async fn put_customer(
    State(state): State<AppState>,
    Path(customer_id): Path<String>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let profile: Value = serde_json::from_slice(&body)
        .map_err(|_| ApiError::Invalid(vec![FieldError::body(Code::InvalidJson)]))?;
    state
        .update(move |store| store.put(&customer_id, profile))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a customer's profile (its token, if any, then gets 404).
async fn delete_customer(
    State(state): State<AppState>,
    Path(customer_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state
        .update(move |store| store.remove(&customer_id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Restores the seed customers (the request log and faults are left alone).
async fn reset(State(state): State<AppState>) -> Result<StatusCode, ApiError> {
    state
        .update(|store| store.replace_all(seed::profiles()))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_paths() {
        assert!(is_api_path("/v2/customers/123/profile"));
        assert!(is_api_path("/v1/customers/abc/profile"));
        assert!(!is_api_path("/v1/customers//profile"));
        assert!(!is_api_path("/v3/customers/1/profile"));
        assert!(!is_api_path("/v2/customers/1/2/profile"));
        assert!(!is_api_path("/config.json"));
    }

    #[test]
    fn counted_faults_run_out() {
        let hooks = Hooks::default();
        lock(&hooks.faults).push(Fault {
            route: RouteName::GetProfile,
            status: Some(500),
            count: Some(2),
            delay_ms: None,
            body: None,
            content_type: None,
            drop: false,
            applied: false,
        });
        assert!(take_fault(&hooks, RouteName::PatchProfile).is_none());
        assert!(take_fault(&hooks, RouteName::GetProfile).is_some());
        assert!(take_fault(&hooks, RouteName::GetProfile).is_some());
        assert!(take_fault(&hooks, RouteName::GetProfile).is_none());
    }
}
