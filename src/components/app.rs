//! The root component: loads configuration and profile, and shows loading, error or form.
//! Standalone it reads `config.json`; embedded (see [`crate::embed`]) it is given a session.

use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::{ErrorPanel, Loading, ProfileForm};
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
    /// Whether the form has unsaved edits (`handle.isDirty()`).
    pub dirty: ArcRwSignal<bool>,
    /// Bumped by `handle.reload()`.
    pub reload: ArcRwSignal<u32>,
}

/// Loads the profile, reading `config.json` only until it has been read once: a Retry after
/// a network failure must retry the API, not report the config file as missing.
async fn load(cache: StoredValue<Option<Session>, LocalStorage>) -> Loaded {
    let session = match cache.try_get_value().flatten() {
        Some(session) => session,
        None => {
            let fallback = Lang::from_tag(&api::browser_language().unwrap_or_default());
            let session = api::load_session().await.map_err(|e| (fallback, e))?;
            cache.try_set_value(Some(session.clone()));
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

/// The app for a given session (embedded) or for `config.json` (standalone, `None`): the
/// profile as a local resource under `<Suspense>`, and Retry that fetches it again.
#[component]
pub fn App(session: Option<Session>, link: HostLink) -> impl IntoView {
    let standalone = session.is_none();
    let boot_lang = match &session {
        Some(s) => s.lang,
        None => Lang::from_tag(&api::browser_language().unwrap_or_default()),
    };
    let cache = StoredValue::new_local(session);
    let profile = LocalResource::new(move || load(cache));
    // The browser's first Intl.DisplayNames costs 15-30 ms of locale data, and the form
    // needs it (the current country's and the languages' names). Paid now, while config.json
    // and the profile travel.
    let tag = boot_lang.tag();
    set_timeout(
        move || crate::browser::intl::warm_up(tag),
        std::time::Duration::ZERO,
    );
    let retry = Callback::new(move |()| {
        cache.with_value(|s| {
            if let Some(session) = s {
                session.tokens.forget();
            }
        });
        profile.refetch();
    });
    // What a finished load tells the page and the host.
    Effect::new(move |_| {
        profile.with(|loaded| {
            let lang = match loaded {
                Some(Ok((session, _))) => {
                    let id = session.config.customer_id.clone();
                    session.events.emit("loaded", &[("customerId", id.into())]);
                    session.lang
                }
                Some(Err((lang, _))) => *lang,
                None => return,
            };
            if standalone {
                set_document_lang(lang);
            }
        });
    });
    // The host's reload(): retry a failed load here; the form handles the rest.
    let reloads = link.reload.clone();
    Effect::new(move |first_run_done: Option<()>| {
        reloads.track();
        if first_run_done.is_some() && profile.with_untracked(|l| matches!(l, Some(Err(_)))) {
            untrack(|| retry.run(()));
        }
    });
    provide_context(link);

    view! {
        <div class="cp-app">
            <Suspense fallback=move || view! { <Loading words=boot_lang.words()/> }>
                {move || Suspend::new(async move {
                    match profile.await {
                        Ok((session, profile)) => Either::Left(view! {
                            <ProfileForm session profile on_reload=retry/>
                        }),
                        Err((lang, error)) => Either::Right(view! {
                            <ErrorPanel error words=lang.words() on_retry=retry/>
                        }),
                    }
                })}
            </Suspense>
        </div>
    }
}
