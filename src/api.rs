//! The HTTP client: the only module that talks to the network (gloo-net over `fetch`).
//! It turns every outcome into a value of [`ApiError`]; nothing here panics on what the
//! network sends.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::{Request, RequestBuilder};
use js_sys::{Promise, Reflect};
use leptos::prelude::{set_timeout_with_handle, ArcRwSignal, Update, WithUntracked};
use wasm_bindgen::{JsCast, JsValue};
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
    /// The profile GET the entry module sent before the wasm was ready, until the first
    /// load takes it (or finds that it is not the request it would send).
    early: Rc<RefCell<Option<EarlyGet>>>,
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
            early: Rc::default(),
        }
    }

    /// This session, with the profile GET the entry module sent early (if any) for its
    /// first load to take.
    pub fn with_early_get(self, early: Option<EarlyGet>) -> Self {
        *self.early.borrow_mut() = early;
        self
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

/// A profile GET sent by the entry module (`package/customer-profile.js`) as soon as
/// it knew the configuration and the token, so that the round trip to the API overlaps the
/// wasm's download: its URL and headers, the pending `fetch()`, its body as the entry reads
/// it when it arrives, and its `AbortController`.
/// The app takes its answer only for the very request it would send itself (same URL, same
/// headers), and reads it exactly as its own ([`send`]); otherwise, and when dropped
/// unused, the early request is aborted.
#[derive(Debug)]
pub struct EarlyGet {
    url: String,
    headers: JsValue,
    response: Promise,
    /// The body's text, read by the entry as soon as the answer arrived (`undefined` when it
    /// left the body to the app: announced too long).
    text: Option<Promise>,
    controller: AbortController,
}

impl EarlyGet {
    /// Reads `{ url, headers, response, text, controller }` (`text` optional); `None` for
    /// anything else.
    pub fn from_js(value: &JsValue) -> Option<Self> {
        let member = |key: &str| Reflect::get(value, &key.into()).ok();
        Some(EarlyGet {
            url: member("url")?.as_string()?,
            headers: member("headers").filter(JsValue::is_object)?,
            response: member("response")?.dyn_into().ok()?,
            text: member("text").and_then(|text| text.dyn_into().ok()),
            controller: member("controller")?.dyn_into().ok()?,
        })
    }

    /// Whether it was sent with exactly `headers` (its URL is checked first).
    fn has_headers(&self, headers: &[(&str, String)]) -> bool {
        let own =
            js_sys::Object::keys(self.headers.unchecked_ref::<js_sys::Object>()).length() as usize;
        own == headers.len()
            && headers.iter().all(|(name, value)| {
                Reflect::get(&self.headers, &(*name).into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .is_some_and(|v| v == *value)
            })
    }

    /// Its answer, read as the app reads its own (timeout, size limit, failures); the text
    /// the entry already read is taken as it is, without a task of its own.
    async fn answer(&self) -> Result<(u16, String), ApiError> {
        let response = JsFuture::from(self.response.clone());
        finish(
            Some(self.controller.clone()),
            self.text.clone(),
            Box::pin(async move {
                response
                    .await
                    .map(JsCast::unchecked_into)
                    .map_err(|_| ApiError::Network)
            }),
        )
        .await
    }
}

impl Drop for EarlyGet {
    /// Not taken (another URL, language or token), or taken and read: nothing more to load.
    fn drop(&mut self) {
        self.controller.abort();
    }
}

/// The standalone page's session, from `config.json`. `boot` is the entry module's Promise
/// of what it sent while the wasm downloaded, `{ config, get }`: the text of `config.json`
/// and the profile GET, each if it could. Without its copy, `config.json` is fetched
/// relative to the page (`index.html` preloads it while the wasm loads, and this request
/// takes the preloaded answer — a `no-store` cache mode would refuse it; how long it may be
/// cached is up to the server's headers).
pub async fn load_session(
    locale: ArcRwSignal<Locale>,
    boot: Option<Promise>,
) -> Result<Session, ApiError> {
    let boot = match boot {
        Some(promise) => JsFuture::from(promise).await.unwrap_or(JsValue::UNDEFINED),
        None => JsValue::UNDEFINED,
    };
    let member = |key: &str| Reflect::get(&boot, &key.into()).unwrap_or(JsValue::UNDEFINED);
    let early = EarlyGet::from_js(&member("get"));
    let text = match member("config").as_string() {
        Some(text) => text,
        None => fetch_config().await?,
    };
    let config = RuntimeConfig::parse(&text).map_err(ApiError::Config)?;
    let tokens = Tokens::Fixed(config.token.clone());
    let session = Session::new(
        config,
        tokens,
        Events::on_body(),
        locale,
        Messages::default(),
    );
    Ok(session.with_early_get(early))
}

/// Fetches `config.json` relative to the page.
async fn fetch_config() -> Result<String, ApiError> {
    let unavailable = ApiError::Config(ConfigError::Unavailable);
    let response = Request::get("config.json")
        .send()
        .await
        .map_err(|_| unavailable.clone())?;
    if !response.ok() {
        return Err(unavailable);
    }
    response.text().await.map_err(|_| unavailable)
}

/// How long one API call may take, answer body included, before it is aborted.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// The longest answer body read (UTF-16 units, as JavaScript counts): a profile is a few
/// KB, a hostile 10 000-phone one 0.5 MB. A longer answer is not copied into the wasm —
/// memory, and seconds of parsing on the page's only thread — and reads as empty, so a
/// profile becomes "could not be read" and an error keeps its status' own message. One
/// whose `content-length` says it is longer (in bytes: up to 3 per unit) is not read at all,
/// by the app or by the entry module's early GET (its `TOO_LONG`, the same rule).
pub const MAX_ANSWER: u32 = 4 << 20;

/// Reads the profile (`GET v2`) with the four headers the API requires; the first load
/// takes the entry module's early GET when it is this very request ([`EarlyGet`]).
pub async fn get_profile(session: &Session) -> Result<Profile, ApiError> {
    let url = session.config.profile_url("v2");
    let early = session.early.borrow_mut().take().filter(|e| e.url == url);
    let (status, body) = call(
        session,
        &|| Request::get(&url).cache(RequestCache::NoStore),
        None,
        early,
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
    let (status, answer) = match call(session, &make, Some(text.clone()), None).await {
        Err(ApiError::Network) => call(session, &make, Some(text), None).await?,
        other => other?,
    };
    if (200..300).contains(&status) {
        Ok(())
    } else {
        Err(ApiError::from_status(status, &answer))
    }
}

/// Sends an API request with the current token (or takes `early`'s answer when it is that
/// very request); on a 401, asks the host for a fresh token once and sends the same request
/// again (a PATCH is a merge: sending it twice is safe).
/// (`make` is a `dyn`: one compiled `call` for GET and PATCH, 1 KB less wasm.)
async fn call(
    session: &Session,
    make: &dyn Fn() -> RequestBuilder,
    body: Option<String>,
    early: Option<EarlyGet>,
) -> Result<(u16, String), ApiError> {
    let token = session
        .tokens
        .current()
        .await
        .map_err(|_| ApiError::Unauthorized(None))?;
    let headers = api_headers(session, token.as_deref());
    let (status, text) = match early {
        Some(early) if early.has_headers(&headers) => early.answer().await?,
        _ => send(with_headers(make(), &headers), body.clone()).await?,
    };
    if status != 401 {
        return Ok((status, text));
    }
    match session.tokens.refreshed().await {
        Some(Ok(token)) => {
            let headers = api_headers(session, Some(&token));
            send(with_headers(make(), &headers), body).await
        }
        Some(Err(_)) | None => Ok((status, text)),
    }
}

/// Sends a request and reads the whole answer ([`finish`]).
async fn send(request: RequestBuilder, body: Option<String>) -> Result<(u16, String), ApiError> {
    let controller = AbortController::new().ok();
    let signal = controller.as_ref().map(AbortController::signal);
    let request = request.abort_signal(signal.as_ref());
    let response = async move {
        match body {
            Some(body) => {
                request
                    .body(body)
                    .map_err(|_| ApiError::Network)?
                    .send()
                    .await
            }
            None => request.send().await,
        }
        .map(web_sys::Response::from)
        .map_err(|_| ApiError::Network)
    };
    finish(controller, None, Box::pin(response)).await
}

/// A pending response, as [`finish`] takes it (a `dyn`: one compiled `finish`).
type Pending = Pin<Box<dyn Future<Output = Result<web_sys::Response, ApiError>>>>;

/// Waits for a response and reads its whole body — or takes `read`, its text as read
/// already, when that resolves to text — aborting (through `controller`, the request's)
/// after [`TIMEOUT`]. A failure is `Timeout` when our abort caused it, `Network` otherwise.
async fn finish(
    controller: Option<AbortController>,
    read: Option<Promise>,
    response: Pending,
) -> Result<(u16, String), ApiError> {
    let signal = controller.as_ref().map(AbortController::signal);
    let timer = controller
        .clone()
        .and_then(|c| set_timeout_with_handle(move || c.abort(), TIMEOUT).ok());
    let result = async {
        let response = response.await?;
        let status = response.status();
        // Announced as too long: not downloaded (the request is aborted).
        let announced = response.headers().get("content-length").ok().flatten();
        if announced.and_then(|n| n.parse::<u64>().ok()) > Some(u64::from(MAX_ANSWER) * 3) {
            if let Some(controller) = &controller {
                controller.abort();
            }
            return Ok((status, String::new()));
        }
        let read_already = match read {
            Some(read) => JsFuture::from(read).await.map_err(|_| ApiError::Network)?,
            None => JsValue::UNDEFINED,
        };
        let body = if read_already.is_string() {
            read_already
        } else {
            let read = response.text().map_err(|_| ApiError::Network)?;
            JsFuture::from(read).await.map_err(|_| ApiError::Network)?
        };
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

/// The headers the API requires: `accept`, `accept-language`, `x-api-key` and, with a
/// token, `authorization`.
fn api_headers(session: &Session, token: Option<&str>) -> Vec<(&'static str, String)> {
    let mut headers = vec![
        ("accept", "application/json".to_owned()),
        ("accept-language", session.accept_language()),
        ("x-api-key", session.config.api_key.clone()),
    ];
    if let Some(token) = token {
        headers.push(("authorization", format!("Bearer {token}")));
    }
    headers
}

fn with_headers(request: RequestBuilder, headers: &[(&str, String)]) -> RequestBuilder {
    headers.iter().fold(request, |request, (name, value)| {
        request.header(name, value)
    })
}
