//! The HTTP client: the only module that talks to the network (gloo-net over `fetch`).
//! It turns every outcome into a value of [`ApiError`]; nothing here panics on what the
//! network sends.

use std::time::Duration;

use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::{set_timeout_with_handle, ArcRwSignal, Update, WithUntracked};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCache};

use crate::browser::catalogues;
use crate::browser::host::{Events, Tokens};
use crate::domain::api_error::ApiError;
use crate::domain::config::{ConfigError, RuntimeConfig};
use crate::domain::diff::PatchBody;
use crate::domain::i18n::{Locale, Messages};
use crate::domain::profile::Profile;

/// Everything a call needs: where the API is, in which language, with which token, and
/// where to report events.
#[derive(Clone, Debug)]
pub struct Session {
    pub config: RuntimeConfig,
    /// The UI's words and `accept-language`: shared with the host's handle, which can
    /// change them while the editor is mounted.
    pub locale: ArcRwSignal<Locale>,
    /// The portal's wording overrides, as given at mount.
    pub messages: Messages,
    pub tokens: Tokens,
    pub events: Events,
}

impl Session {
    /// A session for `config`. `locale` gets the `accept-language` negotiated from its
    /// locale and the browser's languages at once (the first request goes out with it);
    /// the words follow once their catalogue is read ([`crate::browser::catalogues`]).
    pub fn new(
        config: RuntimeConfig,
        tokens: Tokens,
        events: Events,
        locale: ArcRwSignal<Locale>,
        messages: Messages,
    ) -> Self {
        let accept_language = catalogues::accept_language(config.locale.as_deref());
        locale.update(|l| l.accept_language = accept_language);
        Session {
            config,
            locale,
            messages,
            tokens,
            events,
        }
    }

    /// The `accept-language` to send now.
    pub fn accept_language(&self) -> String {
        self.locale.with_untracked(|l| l.accept_language.clone())
    }

    /// The locale of the configuration, with its catalogue read (or English).
    pub async fn negotiated_locale(&self) -> Locale {
        catalogues::locale(self.config.locale.as_deref(), &self.messages).await
    }
}

/// Fetches one language's catalogue file (checked against its SRI hash). Its body is
/// small; a failure is the caller's to fall back from (to English).
pub async fn fetch_catalogue(url: &str, integrity: &str) -> Result<String, ApiError> {
    let (status, text) = send(Request::get(url).integrity(integrity), None).await?;
    if (200..300).contains(&status) {
        Ok(text)
    } else {
        Err(ApiError::from_status(status, ""))
    }
}

/// Fetches `config.json` relative to the page. The standalone page preloads it while the
/// wasm loads (`index.html`): this request takes the preloaded answer (a `no-store` cache
/// mode would refuse it); how long it may be cached is up to the server's headers.
pub async fn load_session(locale: ArcRwSignal<Locale>) -> Result<Session, ApiError> {
    let unavailable = ApiError::Config(ConfigError::Unavailable);
    let response = Request::get("config.json")
        .send()
        .await
        .map_err(|_| unavailable.clone())?;
    if !response.ok() {
        return Err(unavailable);
    }
    let text = response.text().await.map_err(|_| unavailable)?;
    let config = RuntimeConfig::parse(&text).map_err(ApiError::Config)?;
    let tokens = Tokens::Fixed(config.token.clone());
    Ok(Session::new(
        config,
        tokens,
        Events::on_body(),
        locale,
        Messages::default(),
    ))
}

/// How long one API call may take, answer body included, before it is aborted.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// The longest answer body read (UTF-16 units, as JavaScript counts): a profile is a few
/// KB, a hostile 10 000-phone one 0.5 MB. A longer answer is not copied into the wasm —
/// memory, and seconds of parsing on the page's only thread — and reads as empty, so a
/// profile becomes "could not be read" and an error keeps its status' own message. One
/// whose `content-length` says it is longer (in bytes: up to 3 per unit) is not read at all.
pub const MAX_ANSWER: u32 = 4 << 20;

/// Reads the profile (`GET v2`) with the four headers the API requires.
pub async fn get_profile(session: &Session) -> Result<Profile, ApiError> {
    let url = session.config.profile_url("v2");
    let (status, body) = call(
        session,
        &|| Request::get(&url).cache(RequestCache::NoStore),
        None,
    )
    .await?;
    if (200..300).contains(&status) {
        Profile::decode(&body).map_err(ApiError::Undecodable)
    } else {
        Err(ApiError::from_status(status, &body))
    }
}

/// Saves a minimal PATCH body (`PATCH v1`); `force_address` keeps an address the API's
/// reference does not know. Any 2xx is success (the contract says 204, without a body).
/// A connection lost on the way is retried once at once (a merge PATCH is idempotent);
/// a second loss, or a timeout, is the caller's to offer.
pub async fn patch_profile(
    session: &Session,
    body: &PatchBody,
    force_address: bool,
) -> Result<(), ApiError> {
    // Through `query`: gloo-net appends a stray `&` to a URL that already has a query.
    let force = if force_address { "true" } else { "false" };
    let url = session.config.profile_url("v1");
    // (A map of JSON values always serialises.)
    let text = serde_json::to_string(body).unwrap_or_default();
    let make = || {
        Request::patch(&url)
            .query([("force_address", force)])
            .header("content-type", "application/json")
    };
    let (status, answer) = match call(session, &make, Some(text.clone())).await {
        Err(ApiError::Network) => call(session, &make, Some(text)).await?,
        other => other?,
    };
    if (200..300).contains(&status) {
        Ok(())
    } else {
        Err(ApiError::from_status(status, &answer))
    }
}

/// Sends an API request with the current token; on a 401, asks the host for a fresh token
/// once and sends the same request again (a PATCH is a merge: sending it twice is safe).
/// (`make` is a `dyn`: one compiled `call` for GET and PATCH, 1 KB less wasm.)
async fn call(
    session: &Session,
    make: &dyn Fn() -> RequestBuilder,
    body: Option<String>,
) -> Result<(u16, String), ApiError> {
    let token = session
        .tokens
        .current()
        .await
        .map_err(|_| ApiError::Unauthorized(None))?;
    let request = with_api_headers(make(), session, token.as_deref());
    let (status, text) = send(request, body.clone()).await?;
    if status != 401 {
        return Ok((status, text));
    }
    match session.tokens.refreshed().await {
        Some(Ok(token)) => send(with_api_headers(make(), session, Some(&token)), body).await,
        Some(Err(_)) | None => Ok((status, text)),
    }
}

/// Sends a request and reads the whole answer, aborting after [`TIMEOUT`]. A failure is
/// `Timeout` when our abort caused it, `Network` otherwise.
async fn send(request: RequestBuilder, body: Option<String>) -> Result<(u16, String), ApiError> {
    let controller = AbortController::new().ok();
    let signal = controller.as_ref().map(AbortController::signal);
    let timer = controller
        .clone()
        .and_then(|c| set_timeout_with_handle(move || c.abort(), TIMEOUT).ok());
    let request = request.abort_signal(signal.as_ref());
    let result = async {
        let response = match body {
            Some(body) => {
                request
                    .body(body)
                    .map_err(|_| ApiError::Network)?
                    .send()
                    .await
            }
            None => request.send().await,
        }
        .map_err(|_| ApiError::Network)?;
        let status = response.status();
        // Announced as too long: not downloaded (the request is aborted).
        let announced = response.headers().get("content-length");
        if announced.and_then(|n| n.parse::<u64>().ok()) > Some(u64::from(MAX_ANSWER) * 3) {
            if let Some(controller) = &controller {
                controller.abort();
            }
            return Ok((status, String::new()));
        }
        let read = web_sys::Response::from(response)
            .text()
            .map_err(|_| ApiError::Network)?;
        let body = JsFuture::from(read).await.map_err(|_| ApiError::Network)?;
        let text = match body.dyn_ref::<js_sys::JsString>() {
            Some(text) if text.length() <= MAX_ANSWER => String::from(text),
            _ => String::new(),
        };
        Ok((status, text))
    }
    .await;
    if let Some(timer) = timer {
        timer.clear();
    }
    let aborted = signal.is_some_and(|s| s.aborted());
    result.map_err(|e| if aborted { ApiError::Timeout } else { e })
}

fn with_api_headers(
    request: RequestBuilder,
    session: &Session,
    token: Option<&str>,
) -> RequestBuilder {
    let request = request
        .header("accept", "application/json")
        .header("accept-language", &session.accept_language())
        .header("x-api-key", &session.config.api_key);
    match token {
        Some(token) => request.header("authorization", &format!("Bearer {token}")),
        None => request,
    }
}
