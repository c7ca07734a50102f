//! Header checks shared by both profile routes, in the contract's order: API key, bearer
//! token, token scope, then `accept-language`.

use axum::http::{
    header::{ACCEPT_LANGUAGE, AUTHORIZATION},
    HeaderMap,
};

use crate::{
    credentials::{self, Grant},
    locale,
    problem::{ApiError, Unauthorized},
};

/// The header carrying the API key.
pub const API_KEY_HEADER: &str = "x-api-key";

/// Checks the headers of a request for `customer_id` (`None` when the path could not be
/// decoded: only an agent gets past the scope check, to a 404).
pub fn authorize(headers: &HeaderMap, customer_id: Option<&str>) -> Result<(), ApiError> {
    match headers.get(API_KEY_HEADER) {
        None => return Err(ApiError::Unauthorized(Unauthorized::ApiKeyMissing)),
        Some(key) if key.as_bytes() != credentials::API_KEY.as_bytes() => {
            return Err(ApiError::Unauthorized(Unauthorized::ApiKeyInvalid))
        }
        Some(_) => {}
    }
    let token = bearer_token(headers)?;
    match credentials::grant_for(token) {
        None => return Err(ApiError::Unauthorized(Unauthorized::TokenInvalid)),
        Some(Grant::Expired) => return Err(ApiError::Unauthorized(Unauthorized::TokenExpired)),
        Some(Grant::Customer(id)) if Some(id) != customer_id => return Err(ApiError::Forbidden),
        Some(Grant::Customer(_) | Grant::Agent) => {}
    }
    headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(locale::parse_accept_language)
        .map(|_| ())
        .ok_or(ApiError::InvalidAcceptLanguage)
}

/// The token of `authorization: Bearer <token>` (scheme case-insensitive).
fn bearer_token(headers: &HeaderMap) -> Result<&str, ApiError> {
    let value = headers
        .get(AUTHORIZATION)
        .ok_or(ApiError::Unauthorized(Unauthorized::TokenMissing))?;
    value
        .to_str()
        .ok()
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty() && !token.contains(' '))
        .ok_or(ApiError::Unauthorized(Unauthorized::TokenInvalid))
}
