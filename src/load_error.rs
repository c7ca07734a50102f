//! Error mapping: turns what the network gave back into one specific, displayable error.
//! The real API's error format is unknown, so problem details are read when present and the
//! status code decides otherwise.

use serde::Deserialize;

use crate::config::ConfigError;
use crate::i18n::Catalogue;
use crate::model::DecodeError;

/// Everything that can stop the profile from loading, one case per message the customer sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// `config.json` is missing or unusable.
    Config(ConfigError),
    /// 400: the request was refused as malformed.
    BadRequest(Option<Problem>),
    /// 401: missing, invalid or expired credentials.
    Unauthorized(Option<Problem>),
    /// 403: this token may not read this customer.
    Forbidden(Option<Problem>),
    /// 404: no such customer.
    NotFound(Option<Problem>),
    /// Any other non-success status (413, 429, 5xx, …).
    Status(u16, Option<Problem>),
    /// The request never got an answer (offline, DNS, CORS, server down).
    Network,
    /// A success status with a body that is not a profile.
    Undecodable(DecodeError),
}

/// One entry of a problem-details `errors` array.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct FieldError {
    pub field: Option<String>,
    pub code: Option<String>,
    pub message: Option<String>,
}

/// RFC 9457 problem details, as the sandbox sends them (every member optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Problem {
    pub title: Option<String>,
    pub detail: Option<String>,
    pub errors: Vec<FieldError>,
}

impl Problem {
    /// Reads problem details from an error body; `None` for anything else (HTML, empty, …).
    pub fn parse(body: &str) -> Option<Self> {
        serde_json::from_str::<Problem>(body)
            .ok()
            .filter(|p| p.title.is_some() || p.detail.is_some() || !p.errors.is_empty())
    }

    /// The first error code, used to tell e.g. an expired token from an unknown one.
    pub fn first_code(&self) -> Option<&str> {
        self.errors.iter().find_map(|e| e.code.as_deref())
    }
}

impl LoadError {
    /// Maps a non-success response (status and body text) to its error.
    pub fn from_status(status: u16, body: &str) -> Self {
        let problem = Problem::parse(body);
        match status {
            400 => LoadError::BadRequest(problem),
            401 => LoadError::Unauthorized(problem),
            403 => LoadError::Forbidden(problem),
            404 => LoadError::NotFound(problem),
            other => LoadError::Status(other, problem),
        }
    }

    /// The HTTP status behind the error, if there was a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            LoadError::BadRequest(_) => Some(400),
            LoadError::Unauthorized(_) => Some(401),
            LoadError::Forbidden(_) => Some(403),
            LoadError::NotFound(_) => Some(404),
            LoadError::Status(s, _) => Some(*s),
            LoadError::Config(_) | LoadError::Network | LoadError::Undecodable(_) => None,
        }
    }

    /// The server's problem details, when it sent some.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            LoadError::BadRequest(p)
            | LoadError::Unauthorized(p)
            | LoadError::Forbidden(p)
            | LoadError::NotFound(p)
            | LoadError::Status(_, p) => p.as_ref(),
            LoadError::Config(_) | LoadError::Network | LoadError::Undecodable(_) => None,
        }
    }

    /// Whether the 401 says the token expired (vs. missing or unknown credentials).
    pub fn is_expired_session(&self) -> bool {
        matches!(self, LoadError::Unauthorized(Some(p)) if p.first_code() == Some("TOKEN_EXPIRED"))
    }

    /// A stable name for the case, exposed as `data-error` for tests and embedders.
    pub fn kind(&self) -> &'static str {
        match self {
            LoadError::Config(_) => "config",
            LoadError::BadRequest(_) => "bad-request",
            LoadError::Unauthorized(_) if self.is_expired_session() => "session-expired",
            LoadError::Unauthorized(_) => "unauthorized",
            LoadError::Forbidden(_) => "forbidden",
            LoadError::NotFound(_) => "not-found",
            LoadError::Status(..) => "status",
            LoadError::Network => "network",
            LoadError::Undecodable(_) => "undecodable",
        }
    }

    /// The message the customer reads, in the catalogue's language.
    pub fn message(&self, words: &Catalogue) -> String {
        match self {
            LoadError::Config(ConfigError::Unavailable) => words.error_config_unavailable.into(),
            LoadError::Config(ConfigError::Malformed) => words.error_config_malformed.into(),
            LoadError::Config(ConfigError::Invalid(key)) => {
                format!("{} {key}", words.error_config_invalid)
            }
            LoadError::BadRequest(_) => words.error_bad_request.into(),
            LoadError::Unauthorized(_) if self.is_expired_session() => {
                words.error_session_expired.into()
            }
            LoadError::Unauthorized(_) => words.error_unauthorized.into(),
            LoadError::Forbidden(_) => words.error_forbidden.into(),
            LoadError::NotFound(_) => words.error_not_found.into(),
            LoadError::Status(413, _) => words.error_too_large.into(),
            LoadError::Status(429, _) => words.error_rate_limited.into(),
            LoadError::Status(500..=599, _) => words.error_server.into(),
            LoadError::Status(status, _) => format!("{} {status}", words.error_status),
            LoadError::Network => words.error_network.into(),
            LoadError::Undecodable(_) => words.error_undecodable.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROBLEM: &str = r#"{"type":"about:blank","title":"Unauthorized","status":401,
        "detail":"The token has expired.",
        "errors":[{"field":"authorization","code":"TOKEN_EXPIRED","message":"expired"}]}"#;

    #[test]
    fn maps_each_documented_status() {
        assert!(matches!(
            LoadError::from_status(400, ""),
            LoadError::BadRequest(None)
        ));
        assert!(matches!(
            LoadError::from_status(401, ""),
            LoadError::Unauthorized(None)
        ));
        assert!(matches!(
            LoadError::from_status(403, ""),
            LoadError::Forbidden(None)
        ));
        assert!(matches!(
            LoadError::from_status(404, ""),
            LoadError::NotFound(None)
        ));
        for s in [413, 429, 500, 502, 503, 504] {
            assert_eq!(
                LoadError::from_status(s, "<html>"),
                LoadError::Status(s, None)
            );
            assert_eq!(LoadError::from_status(s, "").status(), Some(s));
        }
    }

    #[test]
    fn reads_problem_details_when_present() {
        let e = LoadError::from_status(401, PROBLEM);
        assert!(e.is_expired_session());
        let p = e.problem().expect("problem details");
        assert_eq!(p.detail.as_deref(), Some("The token has expired."));
        assert_eq!(p.errors[0].field.as_deref(), Some("authorization"));
    }

    #[test]
    fn unknown_token_is_not_an_expired_session() {
        let body = r#"{"title":"Unauthorized","errors":[{"code":"TOKEN_INVALID"}]}"#;
        assert!(!LoadError::from_status(401, body).is_expired_session());
        assert!(!LoadError::from_status(401, "").is_expired_session());
    }

    #[test]
    fn each_case_has_its_own_message_in_both_languages() {
        use crate::i18n::{EN, FR};
        let cases = [
            LoadError::Config(ConfigError::Unavailable),
            LoadError::Config(ConfigError::Malformed),
            LoadError::Config(ConfigError::Invalid("api_key")),
            LoadError::from_status(400, ""),
            LoadError::from_status(401, ""),
            LoadError::from_status(401, PROBLEM),
            LoadError::from_status(403, ""),
            LoadError::from_status(404, ""),
            LoadError::from_status(413, ""),
            LoadError::from_status(429, ""),
            LoadError::from_status(503, ""),
            LoadError::from_status(418, ""),
            LoadError::Network,
            LoadError::Undecodable(DecodeError::Empty),
        ];
        for words in [&EN, &FR] {
            let mut messages: Vec<String> = cases.iter().map(|e| e.message(words)).collect();
            messages.sort();
            messages.dedup();
            assert_eq!(messages.len(), cases.len(), "two cases share a message");
        }
        assert!(LoadError::from_status(418, "")
            .message(&EN)
            .ends_with(" 418"));
        assert!(LoadError::Config(ConfigError::Invalid("api_key"))
            .message(&FR)
            .ends_with("api_key"));
        assert_eq!(
            LoadError::from_status(401, PROBLEM).kind(),
            "session-expired"
        );
        assert_eq!(LoadError::from_status(401, "").kind(), "unauthorized");
    }

    #[test]
    fn ignores_bodies_that_are_not_problem_details() {
        assert_eq!(Problem::parse("<h1>Bad gateway</h1>"), None);
        assert_eq!(Problem::parse("{}"), None);
        assert_eq!(Problem::parse(r#"{"errors": "nope"}"#), None);
        assert_eq!(Problem::parse("[1,2]"), None);
    }
}
