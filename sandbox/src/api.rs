//! The two profile routes of the contract, and `/config.json` for the app.

use axum::{
    body::Body,
    extract::{rejection::PathRejection, Path, RawQuery, State},
    http::{
        header::{CACHE_CONTROL, CONTENT_TYPE, HOST},
        HeaderMap, HeaderValue, StatusCode,
    },
    response::IntoResponse,
    Json,
};
use serde_json::{json, Value};

use crate::{auth, credentials, problem::ApiError, validate, AppState, MAX_BODY};

/// `GET /v2/customers/{customer_id}/profile`: the stored profile, as-is.
pub async fn get_profile(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let customer_id = path.ok().map(|Path(id)| id);
    auth::authorize(&headers, customer_id.as_deref())?;
    let store = state.store.lock().await;
    customer_id
        .and_then(|id| store.get(&id).cloned())
        .map(Json)
        .ok_or(ApiError::CustomerNotFound)
}

/// `PATCH /v1/customers/{customer_id}/profile?force_address={bool}`: validates, merges and
/// saves, answering 204 only once the data file is written.
pub async fn patch_profile(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<StatusCode, ApiError> {
    let customer_id = path.ok().map(|Path(id)| id);
    auth::authorize(&headers, customer_id.as_deref())?;
    let customer_id = customer_id.ok_or(ApiError::CustomerNotFound)?;
    if !state.store.lock().await.contains(&customer_id) {
        return Err(ApiError::CustomerNotFound);
    }
    let force_address = force_address(query.as_deref())?;
    check_content_type(&headers)?;
    let bytes = axum::body::to_bytes(body, MAX_BODY)
        .await
        .map_err(|_| ApiError::PayloadTooLarge)?;
    state
        .update(move |store| {
            let stored = store.get(&customer_id).ok_or(ApiError::CustomerNotFound)?;
            let profile =
                validate::apply_patch(stored, &bytes, force_address).map_err(ApiError::Invalid)?;
            if &profile == stored {
                return Ok(()); // same values: nothing to write
            }
            store.put(&customer_id, profile).map_err(ApiError::from)
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The `force_address` query parameter: absent = false, else exactly `true` or `false`.
fn force_address(query: Option<&str>) -> Result<bool, ApiError> {
    let mut force = false;
    let pairs = query
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty());
    for pair in pairs {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if name == "force_address" {
            force = match value {
                "true" => true,
                "false" => false,
                _ => return Err(ApiError::InvalidQuery("force_address")),
            };
        }
    }
    Ok(force)
}

/// A PATCH body is JSON: `application/json` or any `application/*+json` (parameters such as
/// `charset` allowed). A missing `content-type` is read as JSON too; any other type is 415.
fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(value) = headers.get(CONTENT_TYPE) else {
        return Ok(());
    };
    let essence = value
        .to_str()
        .ok()
        .and_then(|v| v.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let json = essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"));
    if json {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType)
    }
}

/// `GET /config.json`: what the app needs to talk to this sandbox as the demo customer.
pub async fn config_json(State(state): State<AppState>, headers: HeaderMap) -> impl IntoResponse {
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let demo = &state.config.demo;
    (
        [(CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Json(json!({
            "api_base_url": format!("http://{host}"),
            "api_key": credentials::API_KEY,
            "customer_id": demo.customer_id,
            "locale": demo.locale,
            "token": demo.token,
        })),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn force_address_values() {
        assert!(!force_address(None).expect("absent"));
        assert!(force_address(Some("force_address=true")).expect("true"));
        assert!(!force_address(Some("a=1&force_address=false")).expect("false"));
        for bad in [
            "force_address=",
            "force_address",
            "force_address=TRUE",
            "force_address=1",
        ] {
            assert!(force_address(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn content_types() {
        let with = |ct: &str| {
            let mut h = HeaderMap::new();
            h.insert(CONTENT_TYPE, HeaderValue::from_str(ct).expect("header"));
            check_content_type(&h).is_ok()
        };
        assert!(check_content_type(&HeaderMap::new()).is_ok());
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=utf-8"));
        assert!(with("application/merge-patch+json"));
        assert!(!with("text/plain"));
        assert!(!with("application/x-www-form-urlencoded"));
    }
}
