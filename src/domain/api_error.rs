//! Error mapping: turns what the network gave back (for a load or a save) into one specific,
//! displayable error.
//! The real API's error format is unknown, so problem details are read when present and the
//! status code decides otherwise.

use serde::{Deserialize, Deserializer};

use crate::domain::config::ConfigError;
use crate::domain::i18n::Catalogue;
use crate::domain::profile::DecodeError;
use crate::domain::wire::{self, Object, ReadOnly};

/// Everything that can make an API call fail, one case per message the customer sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
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
    /// No answer within the app's time limit; the request was aborted.
    Timeout,
    /// A success status with a body that is not a profile.
    Undecodable(DecodeError),
}

/// One entry of a problem-details `errors` array. Problem details are hints: a member of
/// the wrong type reads as missing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct FieldError {
    #[serde(deserialize_with = "wire::hint")]
    pub field: Option<String>,
    #[serde(deserialize_with = "wire::hint")]
    pub code: Option<String>,
    #[serde(deserialize_with = "wire::hint")]
    pub message: Option<String>,
}

/// RFC 9457 problem details, as the sandbox sends them (every member optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Problem {
    #[serde(deserialize_with = "wire::hint")]
    pub title: Option<String>,
    #[serde(deserialize_with = "wire::hint")]
    pub detail: Option<String>,
    #[serde(deserialize_with = "field_errors")]
    pub errors: Vec<FieldError>,
}

/// The objects of an `errors` list; other entries, or an `errors` that is no list, are
/// left out.
fn field_errors<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<FieldError>, D::Error> {
    let items = wire::hint::<_, Vec<ReadOnly<Object<FieldError>>>>(deserializer)?;
    let objects = items.into_iter().flatten().filter_map(ReadOnly::into_value);
    Ok(objects.map(|Object(error)| error).collect())
}

impl Problem {
    /// Reads problem details from an error body; `None` for anything else (HTML, empty, an
    /// object with none of the members, or one that names a member twice).
    pub fn parse(body: &str) -> Option<Self> {
        let Object(problem) = serde_json::from_str::<Object<Problem>>(body).ok()?;
        Some(problem).filter(|p| p.title.is_some() || p.detail.is_some() || !p.errors.is_empty())
    }

    /// The first error code, used to tell e.g. an expired token from an unknown one.
    pub fn first_code(&self) -> Option<&str> {
        self.errors.iter().find_map(|e| e.code.as_deref())
    }
}

impl ApiError {
    /// Maps a non-success response (status and body text) to its error.
    pub fn from_status(status: u16, body: &str) -> Self {
        let problem = Problem::parse(body);
        match status {
            400 => ApiError::BadRequest(problem),
            401 => ApiError::Unauthorized(problem),
            403 => ApiError::Forbidden(problem),
            404 => ApiError::NotFound(problem),
            other => ApiError::Status(other, problem),
        }
    }

    /// The HTTP status behind the error, if there was a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::BadRequest(_) => Some(400),
            ApiError::Unauthorized(_) => Some(401),
            ApiError::Forbidden(_) => Some(403),
            ApiError::NotFound(_) => Some(404),
            ApiError::Status(s, _) => Some(*s),
            ApiError::Config(_)
            | ApiError::Network
            | ApiError::Timeout
            | ApiError::Undecodable(_) => None,
        }
    }

    /// The server's problem details, when it sent some.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ApiError::BadRequest(p)
            | ApiError::Unauthorized(p)
            | ApiError::Forbidden(p)
            | ApiError::NotFound(p)
            | ApiError::Status(_, p) => p.as_ref(),
            ApiError::Config(_)
            | ApiError::Network
            | ApiError::Timeout
            | ApiError::Undecodable(_) => None,
        }
    }

    /// Whether the 401 says the token expired (vs. missing or unknown credentials).
    pub fn is_expired_session(&self) -> bool {
        matches!(self, ApiError::Unauthorized(Some(p)) if p.first_code() == Some("TOKEN_EXPIRED"))
    }

    /// A stable name for the case, exposed as `data-error` for tests and embedders.
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::Config(_) => "config",
            ApiError::BadRequest(_) => "bad-request",
            ApiError::Unauthorized(_) if self.is_expired_session() => "session-expired",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::NotFound(_) => "not-found",
            ApiError::Status(..) => "status",
            ApiError::Network => "network",
            ApiError::Timeout => "timeout",
            ApiError::Undecodable(_) => "undecodable",
        }
    }

    /// The message after a failed save. A 401 then means the session ended (the profile was
    /// read with the same credentials), and 403 and 404 speak of changing, not seeing.
    pub fn save_message(&self, words: &Catalogue) -> String {
        match self {
            ApiError::Unauthorized(_) => words.error_session_expired.into(),
            ApiError::Forbidden(_) => words.save_forbidden.into(),
            ApiError::NotFound(_) => words.save_not_found.into(),
            other => other.message(words),
        }
    }

    /// Like [`ApiError::kind`], for a failed save.
    pub fn save_kind(&self) -> &'static str {
        match self {
            ApiError::Unauthorized(_) => "session-expired",
            other => other.kind(),
        }
    }

    /// The message the customer reads, in the catalogue's language.
    pub fn message(&self, words: &Catalogue) -> String {
        match self {
            ApiError::Config(ConfigError::Unavailable) => words.error_config_unavailable.into(),
            ApiError::Config(ConfigError::Malformed) => words.error_config_malformed.into(),
            ApiError::Config(ConfigError::Invalid(key)) => {
                format!("{} {key}", words.error_config_invalid)
            }
            ApiError::BadRequest(_) => words.error_bad_request.into(),
            ApiError::Unauthorized(_) if self.is_expired_session() => {
                words.error_session_expired.into()
            }
            ApiError::Unauthorized(_) => words.error_unauthorized.into(),
            ApiError::Forbidden(_) => words.error_forbidden.into(),
            ApiError::NotFound(_) => words.error_not_found.into(),
            ApiError::Status(413, _) => words.error_too_large.into(),
            ApiError::Status(429, _) => words.error_rate_limited.into(),
            ApiError::Status(500..=599, _) => words.error_server.into(),
            ApiError::Status(status, _) => format!("{} {status}", words.error_status),
            ApiError::Network => words.error_network.into(),
            ApiError::Timeout => words.error_timeout.into(),
            ApiError::Undecodable(_) => words.error_undecodable.into(),
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
            ApiError::from_status(400, ""),
            ApiError::BadRequest(None)
        ));
        assert!(matches!(
            ApiError::from_status(401, ""),
            ApiError::Unauthorized(None)
        ));
        assert!(matches!(
            ApiError::from_status(403, ""),
            ApiError::Forbidden(None)
        ));
        assert!(matches!(
            ApiError::from_status(404, ""),
            ApiError::NotFound(None)
        ));
        for s in [413, 429, 500, 502, 503, 504] {
            assert_eq!(
                ApiError::from_status(s, "<html>"),
                ApiError::Status(s, None)
            );
            assert_eq!(ApiError::from_status(s, "").status(), Some(s));
        }
    }

    #[test]
    fn reads_problem_details_when_present() {
        let e = ApiError::from_status(401, PROBLEM);
        assert!(e.is_expired_session());
        let p = e.problem().expect("problem details");
        assert_eq!(p.detail.as_deref(), Some("The token has expired."));
        assert_eq!(p.errors[0].field.as_deref(), Some("authorization"));
    }

    #[test]
    fn unknown_token_is_not_an_expired_session() {
        let body = r#"{"title":"Unauthorized","errors":[{"code":"TOKEN_INVALID"}]}"#;
        assert!(!ApiError::from_status(401, body).is_expired_session());
        assert!(!ApiError::from_status(401, "").is_expired_session());
    }

    #[test]
    fn each_case_has_its_own_message_in_both_languages() {
        use crate::domain::i18n::{french, EN};
        let cases = [
            ApiError::Config(ConfigError::Unavailable),
            ApiError::Config(ConfigError::Malformed),
            ApiError::Config(ConfigError::Invalid("api_key")),
            ApiError::from_status(400, ""),
            ApiError::from_status(401, ""),
            ApiError::from_status(401, PROBLEM),
            ApiError::from_status(403, ""),
            ApiError::from_status(404, ""),
            ApiError::from_status(413, ""),
            ApiError::from_status(429, ""),
            ApiError::from_status(503, ""),
            ApiError::from_status(418, ""),
            ApiError::Network,
            ApiError::Timeout,
            ApiError::Undecodable(DecodeError::Empty),
        ];
        for words in [&EN, french()] {
            let mut messages: Vec<String> = cases.iter().map(|e| e.message(words)).collect();
            messages.sort();
            messages.dedup();
            assert_eq!(messages.len(), cases.len(), "two cases share a message");
        }
        assert!(ApiError::from_status(418, "")
            .message(&EN)
            .ends_with(" 418"));
        assert!(ApiError::Config(ConfigError::Invalid("api_key"))
            .message(french())
            .ends_with("api_key"));
        assert_eq!(
            ApiError::from_status(401, PROBLEM).kind(),
            "session-expired"
        );
        assert_eq!(ApiError::from_status(401, "").kind(), "unauthorized");
    }

    #[test]
    fn a_failed_save_speaks_of_changing() {
        use crate::domain::i18n::EN;
        let unauthorized = ApiError::from_status(401, "");
        assert_eq!(unauthorized.save_message(&EN), EN.error_session_expired);
        assert_eq!(unauthorized.save_kind(), "session-expired");
        assert_eq!(
            ApiError::from_status(403, "").save_message(&EN),
            EN.save_forbidden
        );
        assert_eq!(
            ApiError::from_status(404, "").save_message(&EN),
            EN.save_not_found
        );
        let server = ApiError::from_status(503, "");
        assert_eq!(server.save_message(&EN), server.message(&EN));
        assert_eq!(ApiError::Timeout.save_kind(), "timeout");
    }

    #[test]
    fn ignores_bodies_that_are_not_problem_details() {
        assert_eq!(Problem::parse("<h1>Bad gateway</h1>"), None);
        assert_eq!(Problem::parse("{}"), None);
        assert_eq!(Problem::parse(r#"{"errors": "nope"}"#), None);
        assert_eq!(Problem::parse("[1,2]"), None);
        assert_eq!(Problem::parse(r#"{"errors": [1, null]}"#), None);
        assert_eq!(Problem::parse(r#"{"title": "A", "title": "B"}"#), None);
    }

    #[test]
    fn reads_what_it_can_of_odd_problem_details() {
        let p = Problem::parse(
            r#"{"title": 5, "detail": "d", "errors": [1, {"field": "email", "code": 7},
                {"message": ["x"], "code": "C"}], "extra": {"deep": [[[]]]}}"#,
        )
        .expect("problem details");
        assert_eq!((p.title, p.detail.as_deref()), (None, Some("d")));
        assert_eq!(
            p.errors,
            [
                FieldError {
                    field: Some("email".into()),
                    ..FieldError::default()
                },
                FieldError {
                    code: Some("C".into()),
                    ..FieldError::default()
                },
            ]
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(crate::domain::fuzzing::config())]

        /// Broken text (cut, spliced, bytes changed): never a panic.
        #[test]
        fn fuzz_problem_details_never_panic(text in crate::domain::fuzzing::mangled_json()) {
            let _ = Problem::parse(&text);
        }
    }
}
