//! The root component: loads configuration and profile, and shows loading, error or form.
//! Standalone it reads `config.json`; embedded (see [`crate::embed`]) it is given a session.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::dom::{effect, elc, slot, El, OneThread};
use super::{error_panel, loading, profile_form};
use crate::api::{self, Session};
use crate::browser::host::Events;
use crate::domain::api_error::ApiError;
use crate::domain::i18n::Lang;
use crate::domain::profile::Profile;

/// The outcome of one load; both arms carry the language, known once config is read.
type Loaded = Result<(Session, Profile), (Lang, ApiError)>;

/// What the host's handle reads and pokes: the dirty flag and a reload counter. Arc signals,
/// so they outlive the mounted view and can be shared with the handle.
#[derive(Clone, Default)]
pub struct HostLink {
    pub dirty: ArcRwSignal<bool>,
    pub reload: ArcRwSignal<u32>,
    /// Set just before unmounting: removing the DOM blurs the focused field, and no handler
    /// may write to state that is about to be disposed.
    pub closing: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl HostLink {
    /// Whether the view is being unmounted.
    pub fn is_closing(&self) -> bool {
        self.closing.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Loads the profile, reading `config.json` only until it has been read once: a Retry after
/// a network failure must retry the API, not report the config file as missing.
async fn load(cache: StoredValue<OneThread<Option<Session>>>) -> Loaded {
    let session = match cache.get_value().0 {
        Some(session) => session,
        None => {
            let fallback = Lang::from_tag(&api::browser_language().unwrap_or_default());
            let session = api::load_session().await.map_err(|e| (fallback, e))?;
            cache.set_value(OneThread(Some(session.clone())));
            session
        }
    };
    // The request goes out first; the browser's locale data loads while it travels.
    let tag = session.lang.tag();
    set_timeout(
        move || crate::browser::intl::warm_up(tag),
        std::time::Duration::ZERO,
    );
    match api::get_profile(&session).await {
        Ok(profile) => Ok((session, profile)),
        Err(error) => {
            report(&session.events, &error);
            Err((session.lang, error))
        }
    }
}

/// Tells the host about a failed call: `customer-profile:error`, and
/// `customer-profile:auth-required` when the session is over.
pub fn report(events: &Events, error: &ApiError) {
    let status = error.status().map_or(JsValue::NULL, JsValue::from);
    let code = error
        .problem()
        .and_then(|p| p.first_code())
        .unwrap_or_else(|| error.kind());
    events.emit("error", &[("status", status), ("code", code.into())]);
    if matches!(error, ApiError::Unauthorized(_)) {
        events.emit("auth-required", &[]);
    }
}

/// Sets `<html lang>` on the standalone page so assistive technology reads the right language.
fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// The app for a given session (embedded) or for `config.json` (standalone, `None`): one
/// load task, and Retry that loads again.
pub fn root(session: Option<Session>, link: HostLink) -> El {
    let standalone = session.is_none();
    let boot_lang = match &session {
        Some(s) => s.lang,
        None => Lang::from_tag(&api::browser_language().unwrap_or_default()),
    };
    let cache = StoredValue::new(OneThread(session));
    // `None` while loading. A plain signal and a task, not a resource under <Suspense>:
    // the same behaviour for a fifth of the code size (issue 6).
    let state = RwSignal::new(OneThread(None::<Loaded>));
    let fetch = move || {
        state.set(OneThread(None));
        leptos::task::spawn_local(async move {
            let loaded = load(cache).await;
            // The view may have been unmounted meanwhile: then there is nothing to show.
            state.try_set(OneThread(Some(loaded)));
        });
    };
    fetch();
    // The browser's first Intl.DisplayNames costs 15-30 ms of locale data, and the form
    // needs it (the current country's and the languages' names). Paid now, while config.json
    // and the profile travel — on loopback, where they do not travel, it lands before the
    // GET rather than between the answer and the form.
    let tag = boot_lang.tag();
    set_timeout(
        move || crate::browser::intl::warm_up(tag),
        std::time::Duration::ZERO,
    );
    let retry = Callback::new(move |()| {
        if let Some(session) = cache.get_value().0 {
            session.tokens.forget();
        }
        fetch();
    });
    // The host's reload(): retry a failed load here; the form handles the rest.
    let reloads = link.reload.clone();
    let mut first_run_done = false;
    effect(Box::new(move || {
        reloads.track();
        if first_run_done && state.with_untracked(|s| matches!(s.0, Some(Err(_)))) {
            untrack(|| retry.run(()));
        }
        first_run_done = true;
    }));
    provide_context(link);

    // Loading, form and error replace each other whole.
    let app = elc("div", "cp-app");
    slot(
        &app,
        move || state.get().0,
        move |loaded| {
            vec![match loaded {
                None => loading(boot_lang.words()),
                Some(Ok((session, profile))) => {
                    if standalone {
                        set_document_lang(session.lang);
                    }
                    let id = session.config.customer_id.clone();
                    session.events.emit("loaded", &[("customerId", id.into())]);
                    profile_form(session, profile, retry)
                }
                Some(Err((lang, error))) => {
                    if standalone {
                        set_document_lang(lang);
                    }
                    error_panel(&error, lang.words(), move || retry.run(()))
                }
            }]
        },
    );
    app
}
