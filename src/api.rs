//! The HTTP client: the only module that talks to the network (gloo-net over `fetch`).
//! It turns every outcome into a value of [`LoadError`]; nothing here panics on what the
//! network sends.

use gloo_net::http::{Request, RequestBuilder};
use web_sys::RequestCache;

use crate::config::{ConfigError, RuntimeConfig};
use crate::i18n::Lang;
use crate::load_error::LoadError;
use crate::model::Profile;

/// A loaded configuration with the language chosen for the UI and the API.
#[derive(Clone, Debug)]
pub struct Session {
    pub config: RuntimeConfig,
    /// The UI language.
    pub lang: Lang,
    /// The `accept-language` value: the configured locale when valid, else the browser's.
    pub accept_language: String,
}

/// The browser's preferred language (`navigator.language`), if any.
pub fn browser_language() -> Option<String> {
    web_sys::window().and_then(|w| w.navigator().language())
}

/// Fetches `config.json` relative to the page, never from a cache.
pub async fn load_session() -> Result<Session, LoadError> {
    let unavailable = LoadError::Config(ConfigError::Unavailable);
    let response = Request::get("config.json")
        .cache(RequestCache::NoStore)
        .send()
        .await
        .map_err(|_| unavailable.clone())?;
    if !response.ok() {
        return Err(unavailable);
    }
    let text = response.text().await.map_err(|_| unavailable)?;
    let config = RuntimeConfig::parse(&text).map_err(LoadError::Config)?;
    let accept_language = config
        .locale
        .clone()
        .filter(|l| is_header_safe_tag(l))
        .or_else(|| browser_language().filter(|l| is_header_safe_tag(l)))
        .unwrap_or_else(|| "en".to_owned());
    Ok(Session {
        lang: Lang::from_tag(&accept_language),
        accept_language,
        config,
    })
}

/// Reads the profile (`GET v2`) with the four headers the API requires.
pub async fn get_profile(session: &Session) -> Result<Profile, LoadError> {
    let request = with_api_headers(
        Request::get(&session.config.profile_url("v2")).cache(RequestCache::NoStore),
        session,
    );
    let response = request.send().await.map_err(|_| LoadError::Network)?;
    let status = response.status();
    let body = response.text().await.map_err(|_| LoadError::Network)?;
    if (200..300).contains(&status) {
        Profile::decode(&body).map_err(LoadError::Undecodable)
    } else {
        Err(LoadError::from_status(status, &body))
    }
}

fn with_api_headers(request: RequestBuilder, session: &Session) -> RequestBuilder {
    let request = request
        .header("accept", "application/json")
        .header("accept-language", &session.accept_language)
        .header("x-api-key", &session.config.api_key);
    match &session.config.token {
        Some(token) => request.header("authorization", &format!("Bearer {token}")),
        None => request,
    }
}

/// A language tag made of letters, digits and `-` only, so it can go into a header as is.
fn is_header_safe_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}
