//! Every error the sandbox answers, rendered as RFC 9457 problem details
//! (`application/problem+json`) in the language the request asked for.
//!
//! Handlers return `Result<_, ApiError>`; the language comes from a task-local set by the
//! [`localize`] middleware, so error values stay plain data and handlers stay small.

use std::fmt;

use axum::{
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde_json::{json, Value};

use crate::locale::Lang;

tokio::task_local! {
    /// The language of the request being answered (English outside [`localize`]).
    static LANG: Lang;
}

/// Middleware: answers the wrapped request in the language of its `accept-language` header.
pub async fn localize(req: Request, next: Next) -> Response {
    let lang = Lang::from_headers(req.headers());
    LANG.scope(lang, next.run(req)).await
}

/// The language errors are written in for the request being answered.
pub fn current_lang() -> Lang {
    LANG.try_with(|l| *l).unwrap_or_default()
}

/// A machine-readable error code, as it appears in `errors[].code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    ApiKeyMissing,
    ApiKeyInvalid,
    TokenMissing,
    TokenInvalid,
    TokenExpired,
    Forbidden,
    InvalidAcceptLanguage,
    CustomerNotFound,
    InvalidQueryParameter,
    UnsupportedMediaType,
    PayloadTooLarge,
    InvalidJson,
    ReadOnlyField,
    UnknownField,
    InvalidType,
    InvalidEmail,
    InvalidPhone,
    InvalidPhoneType,
    InvalidCountry,
    InvalidLocale,
    TooLong,
    AddressUnknown,
    StorageFailed,
    NotFound,
    SandboxFault,
}

impl Code {
    /// The SCREAMING_SNAKE_CASE name sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::ApiKeyMissing => "API_KEY_MISSING",
            Code::ApiKeyInvalid => "API_KEY_INVALID",
            Code::TokenMissing => "TOKEN_MISSING",
            Code::TokenInvalid => "TOKEN_INVALID",
            Code::TokenExpired => "TOKEN_EXPIRED",
            Code::Forbidden => "FORBIDDEN",
            Code::InvalidAcceptLanguage => "INVALID_ACCEPT_LANGUAGE",
            Code::CustomerNotFound => "CUSTOMER_NOT_FOUND",
            Code::InvalidQueryParameter => "INVALID_QUERY_PARAMETER",
            Code::UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
            Code::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            Code::InvalidJson => "INVALID_JSON",
            Code::ReadOnlyField => "READ_ONLY_FIELD",
            Code::UnknownField => "UNKNOWN_FIELD",
            Code::InvalidType => "INVALID_TYPE",
            Code::InvalidEmail => "INVALID_EMAIL",
            Code::InvalidPhone => "INVALID_PHONE",
            Code::InvalidPhoneType => "INVALID_PHONE_TYPE",
            Code::InvalidCountry => "INVALID_COUNTRY",
            Code::InvalidLocale => "INVALID_LOCALE",
            Code::TooLong => "TOO_LONG",
            Code::AddressUnknown => "ADDRESS_UNKNOWN",
            Code::StorageFailed => "STORAGE_FAILED",
            Code::NotFound => "NOT_FOUND",
            Code::SandboxFault => "SANDBOX_FAULT",
        }
    }

    /// The human sentence for one `errors[]` entry, in `lang`; `field` is named when useful.
    fn message(self, field: Option<&str>, lang: Lang) -> String {
        let f = field.unwrap_or("body");
        match (self, lang) {
            (Code::ApiKeyMissing, Lang::En) => "The x-api-key header is missing.".into(),
            (Code::ApiKeyMissing, Lang::Fr) => "L'en-tête x-api-key est absent.".into(),
            (Code::ApiKeyInvalid, Lang::En) => "The API key is not recognised.".into(),
            (Code::ApiKeyInvalid, Lang::Fr) => "La clé d'API n'est pas reconnue.".into(),
            (Code::TokenMissing, Lang::En) => "The authorization header is missing.".into(),
            (Code::TokenMissing, Lang::Fr) => "L'en-tête authorization est absent.".into(),
            (Code::TokenInvalid, Lang::En) => {
                "The bearer token is malformed or not recognised.".into()
            }
            (Code::TokenInvalid, Lang::Fr) => "Le jeton d'accès est mal formé ou inconnu.".into(),
            (Code::TokenExpired, Lang::En) => "The bearer token has expired.".into(),
            (Code::TokenExpired, Lang::Fr) => "Le jeton d'accès a expiré.".into(),
            (Code::Forbidden, Lang::En) => {
                "This token may not access this customer's profile.".into()
            }
            (Code::Forbidden, Lang::Fr) => {
                "Ce jeton ne donne pas accès au profil de ce client.".into()
            }
            (Code::InvalidAcceptLanguage, Lang::En) => {
                "The accept-language header must be a BCP 47 language tag or list.".into()
            }
            (Code::InvalidAcceptLanguage, Lang::Fr) => {
                "L'en-tête accept-language doit être une étiquette de langue BCP 47 ou une liste."
                    .into()
            }
            (Code::CustomerNotFound, Lang::En) => "No customer profile has this id.".into(),
            (Code::CustomerNotFound, Lang::Fr) => "Aucun profil client ne porte cet identifiant.".into(),
            (Code::InvalidQueryParameter, Lang::En) => format!("{f} must be true or false."),
            (Code::InvalidQueryParameter, Lang::Fr) => format!("{f} doit valoir true ou false."),
            (Code::UnsupportedMediaType, Lang::En) => {
                "The body must be sent as application/json.".into()
            }
            (Code::UnsupportedMediaType, Lang::Fr) => {
                "Le corps doit être envoyé en application/json.".into()
            }
            (Code::PayloadTooLarge, Lang::En) => "The body is larger than 64 KiB.".into(),
            (Code::PayloadTooLarge, Lang::Fr) => "Le corps dépasse 64 Kio.".into(),
            (Code::InvalidJson, Lang::En) => "The body must be a JSON object.".into(),
            (Code::InvalidJson, Lang::Fr) => "Le corps doit être un objet JSON.".into(),
            (Code::ReadOnlyField, Lang::En) => format!("{f} is read-only."),
            (Code::ReadOnlyField, Lang::Fr) => format!("Le champ {f} est en lecture seule."),
            (Code::UnknownField, Lang::En) => format!("{f} is not a profile field."),
            (Code::UnknownField, Lang::Fr) => format!("Le champ {f} n'existe pas dans le profil."),
            (Code::InvalidType, Lang::En) => format!("{f} has the wrong type."),
            (Code::InvalidType, Lang::Fr) => format!("Le champ {f} n'a pas le bon type."),
            (Code::InvalidEmail, Lang::En) => "This is not a valid email address.".into(),
            (Code::InvalidEmail, Lang::Fr) => "Cette adresse e-mail n'est pas valide.".into(),
            (Code::InvalidPhone, Lang::En) => {
                "A phone number has at least 6 digits and only digits, spaces, + . - ( )."
                    .into()
            }
            (Code::InvalidPhone, Lang::Fr) => {
                "Un numéro de téléphone compte au moins 6 chiffres et seulement des chiffres, espaces, + . - ( )."
                    .into()
            }
            (Code::InvalidPhoneType, Lang::En) => {
                "The phone type must be MOBILE, HOME, WORK, FAX or OTHER.".into()
            }
            (Code::InvalidPhoneType, Lang::Fr) => {
                "Le type de téléphone doit être MOBILE, HOME, WORK, FAX ou OTHER.".into()
            }
            (Code::InvalidCountry, Lang::En) => {
                "The country must be an upper-case ISO 3166-1 alpha-2 code, such as FR.".into()
            }
            (Code::InvalidCountry, Lang::Fr) => {
                "Le pays doit être un code ISO 3166-1 alpha-2 en majuscules, comme FR.".into()
            }
            (Code::InvalidLocale, Lang::En) => {
                "The locale must be a BCP 47 language tag, such as fr-FR.".into()
            }
            (Code::InvalidLocale, Lang::Fr) => {
                "La langue doit être une étiquette BCP 47, comme fr-FR.".into()
            }
            (Code::TooLong, Lang::En) => format!("{f} is longer than 255 characters."),
            (Code::TooLong, Lang::Fr) => format!("Le champ {f} dépasse 255 caractères."),
            (Code::AddressUnknown, Lang::En) => {
                "This address is not in the address database; send it again with force_address=true to keep it anyway."
                    .into()
            }
            (Code::AddressUnknown, Lang::Fr) => {
                "Cette adresse est inconnue de la base d'adresses ; renvoyez-la avec force_address=true pour la conserver quand même."
                    .into()
            }
            (Code::StorageFailed, Lang::En) => "The change could not be saved.".into(),
            (Code::StorageFailed, Lang::Fr) => "La modification n'a pas pu être enregistrée.".into(),
            (Code::NotFound, Lang::En) => "There is nothing at this address.".into(),
            (Code::NotFound, Lang::Fr) => "Il n'y a rien à cette adresse.".into(),
            (Code::SandboxFault, Lang::En) => "A fault was injected by the sandbox.".into(),
            (Code::SandboxFault, Lang::Fr) => "Une panne a été simulée par le bac à sable.".into(),
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One offending input: its dotted path (`address.zip_code`, `phones.0.number`; `None` for
/// the body as a whole) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Dotted JSON path of the field, or the header/parameter name.
    pub field: Option<String>,
    /// What is wrong.
    pub code: Code,
}

impl FieldError {
    /// An error about `field`.
    pub fn new(field: impl Into<String>, code: Code) -> Self {
        FieldError {
            field: Some(field.into()),
            code,
        }
    }

    /// An error about the body as a whole.
    pub fn body(code: Code) -> Self {
        FieldError { field: None, code }
    }
}

/// Why the bearer authentication failed (all 401s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unauthorized {
    /// No `x-api-key`.
    ApiKeyMissing,
    /// An `x-api-key` that is not the sandbox's.
    ApiKeyInvalid,
    /// No `authorization` header.
    TokenMissing,
    /// Not `Bearer <token>`, or an unknown token.
    TokenInvalid,
    /// A known but expired token.
    TokenExpired,
}

/// Everything that can go wrong answering a request. One variant per kind of answer; the
/// [`IntoResponse`] impl turns each into problem details.
#[derive(Debug)]
pub enum ApiError {
    /// 401: missing or bad credentials.
    Unauthorized(Unauthorized),
    /// 403: a customer token used on another customer.
    Forbidden,
    /// 400: missing or malformed `accept-language`.
    InvalidAcceptLanguage,
    /// 404: no profile for this customer id.
    CustomerNotFound,
    /// 400: a query parameter with a bad value (e.g. `force_address=maybe`).
    InvalidQuery(&'static str),
    /// 415: a body sent with a content type other than JSON.
    UnsupportedMediaType,
    /// 413: a body over 64 KiB.
    PayloadTooLarge,
    /// 400: the PATCH body failed validation (one entry per offending field).
    Invalid(Vec<FieldError>),
    /// 500: the data file could not be written; nothing was changed.
    Storage(String),
    /// 404: no route here (and no static file).
    NotFound,
    /// A status injected by a test hook fault, with the default problem body.
    Fault(StatusCode),
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::InvalidAcceptLanguage | ApiError::InvalidQuery(_) | ApiError::Invalid(_) => {
                StatusCode::BAD_REQUEST
            }
            ApiError::CustomerNotFound | ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Storage(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Fault(status) => *status,
        }
    }

    /// The entries of the `errors` array.
    fn errors(&self) -> Vec<FieldError> {
        let one = |field: &str, code| vec![FieldError::new(field, code)];
        match self {
            ApiError::Unauthorized(why) => match why {
                Unauthorized::ApiKeyMissing => one("x-api-key", Code::ApiKeyMissing),
                Unauthorized::ApiKeyInvalid => one("x-api-key", Code::ApiKeyInvalid),
                Unauthorized::TokenMissing => one("authorization", Code::TokenMissing),
                Unauthorized::TokenInvalid => one("authorization", Code::TokenInvalid),
                Unauthorized::TokenExpired => one("authorization", Code::TokenExpired),
            },
            ApiError::Forbidden => one("customer_id", Code::Forbidden),
            ApiError::InvalidAcceptLanguage => one("accept-language", Code::InvalidAcceptLanguage),
            ApiError::CustomerNotFound => one("customer_id", Code::CustomerNotFound),
            ApiError::InvalidQuery(name) => one(name, Code::InvalidQueryParameter),
            ApiError::UnsupportedMediaType => one("content-type", Code::UnsupportedMediaType),
            ApiError::PayloadTooLarge => vec![FieldError::body(Code::PayloadTooLarge)],
            ApiError::Invalid(errors) => errors.clone(),
            ApiError::Storage(_) => vec![FieldError::body(Code::StorageFailed)],
            ApiError::NotFound => vec![FieldError::body(Code::NotFound)],
            ApiError::Fault(_) => vec![FieldError::body(Code::SandboxFault)],
        }
    }

    /// The `detail` sentence, in `lang`.
    fn detail(&self, errors: &[FieldError], lang: Lang) -> String {
        match (self, lang) {
            (ApiError::Invalid(list), Lang::En) if list.len() > 1 => {
                format!("{} fields are invalid.", list.len())
            }
            (ApiError::Invalid(list), Lang::Fr) if list.len() > 1 => {
                format!("{} champs sont invalides.", list.len())
            }
            _ => errors
                .first()
                .map(|e| e.code.message(e.field.as_deref(), lang))
                .unwrap_or_default(),
        }
    }

    /// The problem-details document, in `lang`.
    pub fn to_problem(&self, lang: Lang) -> Value {
        let status = self.status();
        let errors = self.errors();
        let type_uri = match (self, errors.as_slice()) {
            (ApiError::Fault(_), _) => "about:blank".to_owned(),
            (_, [only]) => format!(
                "urn:sandbox:problem:{}",
                only.code.as_str().to_lowercase().replace('_', "-")
            ),
            _ => "urn:sandbox:problem:validation".to_owned(),
        };
        json!({
            "type": type_uri,
            "title": title(status, lang),
            "status": status.as_u16(),
            "detail": self.detail(&errors, lang),
            "errors": errors.iter().map(|e| json!({
                "field": e.field,
                "code": e.code.as_str(),
                "message": e.code.message(e.field.as_deref(), lang),
            })).collect::<Vec<_>>(),
        })
    }
}

/// The problem `title`: the status's reason phrase, translated for the statuses the API uses.
fn title(status: StatusCode, lang: Lang) -> String {
    let fr = match status.as_u16() {
        400 => Some("Requête invalide"),
        401 => Some("Non authentifié"),
        403 => Some("Accès interdit"),
        404 => Some("Introuvable"),
        413 => Some("Corps trop volumineux"),
        415 => Some("Type de contenu non pris en charge"),
        500 => Some("Erreur interne"),
        _ => None,
    };
    match (lang, fr) {
        (Lang::Fr, Some(t)) => t.to_owned(),
        _ => status.canonical_reason().unwrap_or("Error").to_owned(),
    }
}

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = self.to_problem(current_lang()).to_string();
        let mut res = (
            self.status(),
            [(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON))],
            body,
        )
            .into_response();
        if let ApiError::Unauthorized(why) = self {
            let challenge = match why {
                Unauthorized::ApiKeyMissing | Unauthorized::ApiKeyInvalid => {
                    r#"ApiKey realm="customer-profile", header="x-api-key""#
                }
                Unauthorized::TokenMissing => r#"Bearer realm="customer-profile""#,
                Unauthorized::TokenInvalid => {
                    r#"Bearer realm="customer-profile", error="invalid_token""#
                }
                Unauthorized::TokenExpired => {
                    r#"Bearer realm="customer-profile", error="invalid_token", error_description="The access token expired""#
                }
            };
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(challenge),
            );
        }
        if let ApiError::Storage(reason) = &self {
            eprintln!("sandbox: could not persist a change: {reason}");
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_problem_lists_every_field() {
        let err = ApiError::Invalid(vec![
            FieldError::new("email", Code::InvalidEmail),
            FieldError::new("phones.0.number", Code::InvalidPhone),
        ]);
        let p = err.to_problem(Lang::En);
        assert_eq!(p["status"], 400);
        assert_eq!(p["errors"][1]["field"], "phones.0.number");
        assert_eq!(p["errors"][1]["code"], "INVALID_PHONE");
        assert_eq!(p["detail"], "2 fields are invalid.");
        let fr = err.to_problem(Lang::Fr);
        assert_eq!(fr["detail"], "2 champs sont invalides.");
        assert_eq!(fr["title"], "Requête invalide");
    }

    #[test]
    fn single_errors_name_their_code_in_type() {
        let p = ApiError::Unauthorized(Unauthorized::TokenExpired).to_problem(Lang::En);
        assert_eq!(p["type"], "urn:sandbox:problem:token-expired");
        assert_eq!(p["errors"][0]["field"], "authorization");
        let p = ApiError::PayloadTooLarge.to_problem(Lang::Fr);
        assert_eq!(p["errors"][0]["field"], Value::Null);
        assert_eq!(p["detail"], "Le corps dépasse 64 Kio.");
    }
}
