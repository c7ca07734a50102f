//! The root component: loads configuration and profile, and shows loading, error or form.
//! Standalone it reads `config.json`; embedded (see [`crate::embed`]) it is given a session.

use js_sys::Promise;
use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::{ErrorPanel, Loading, ProfileForm};
use crate::api::{self, Session};
use crate::browser::host::Events;
use crate::domain::api_error::ApiError;
use crate::domain::config::Theme;
use crate::domain::i18n::{Lang, Locale, Words};
use crate::domain::profile::Profile;

/// The outcome of one load.
type Loaded = Result<(Session, Profile), ApiError>;

/// What the host reads and sets while the editor is mounted: the language and theme (which
/// change in place), the dirty, saving and error states, and a reload counter. Arc signals,
/// so they outlive the mounted view and can be shared with the handle.
#[derive(Clone, Default)]
pub struct HostLink {
    /// The UI language and `accept-language` (`handle.update({ locale })`).
    pub locale: ArcRwSignal<Locale>,
    /// The colour scheme (`handle.update({ theme })`).
    pub theme: ArcRwSignal<Theme>,
    /// Whether the form has unsaved edits (`handle.isDirty()`).
    pub dirty: ArcRwSignal<bool>,
    /// Whether a save is under way.
    pub saving: ArcRwSignal<bool>,
    /// Whether an error is shown: the load failed, the last save failed, or fields need
    /// fixing.
    pub error: ArcRwSignal<bool>,
    /// Bumped by `handle.reload()`.
    pub reload: ArcRwSignal<u32>,
}

/// Loads the profile, reading `config.json` only until it has been read once: a Retry after
/// a network failure must retry the API, not report the config file as missing. The UI
/// language's catalogue is read while the GET travels (no round trip of its own), and the
/// words are in place before the form is shown.
async fn load(
    cache: StoredValue<Option<Session>, LocalStorage>,
    boot: Option<Promise>,
    locale: ArcRwSignal<Locale>,
) -> Loaded {
    let session = match cache.try_get_value().flatten() {
        Some(session) => session,
        None => {
            let session = api::load_session(locale.clone(), boot).await?;
            cache.try_set_value(Some(session.clone()));
            session
        }
    };
    let (profile, negotiated) =
        futures::future::join(api::get_profile(&session), session.negotiated_locale()).await;
    if locale.with_untracked(|l| l.words == Words::default()) {
        // Not changed by the host meanwhile: the configured language.
        locale.set(negotiated);
    }
    match profile {
        Ok(profile) => Ok((session, profile)),
        Err(error) => {
            report(&session.events, &error);
            Err(error)
        }
    }
}

/// Tells the host about a failed call: `customer-profile-error`, and
/// `customer-profile-auth-required` when the session is over.
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

/// The app for a given session (embedded) or for `config.json` (standalone, `None`, with
/// `boot`: the entry module's Promise of what it sent early, see [`api::load_session`]): the
/// profile as a local resource under `<Suspense>`, and Retry that fetches it again. Its root
/// carries `lang` (the UI language, so a French editor in an English portal is read as
/// French) and `data-theme`, both following the host's changes.
#[component]
pub fn App(
    session: Option<Session>,
    link: HostLink,
    #[prop(default = None)] boot: Option<Promise>,
    /// The loading view shows at once: the standalone page's placeholder was on screen
    /// (Suspense builds its fallback once, so a Retry's shows at once too).
    #[prop(optional)]
    loading_at_once: bool,
) -> impl IntoView {
    let standalone = session.is_none();
    // Embedded, the session's locale is the one the handle changes; standalone, the
    // browser's until config.json says otherwise.
    let locale = match &session {
        Some(session) => session.locale.clone(),
        None => link.locale.clone(),
    };
    let boot_locale = locale.clone();
    let words = Memo::new(move |_| locale.with(|l| l.words));
    let cache = StoredValue::new_local(session);
    // The entry's early requests serve the first load only.
    let boot = std::cell::Cell::new(boot);
    let profile = LocalResource::new(move || load(cache, boot.take(), boot_locale.clone()));
    let retry = Callback::new(move |()| {
        cache.with_value(|s| {
            if let Some(session) = s {
                session.tokens.forget();
            }
        });
        profile.refetch();
    });
    // What a finished load tells the host.
    let load_failed = link.error.clone();
    Effect::new(move |_| {
        profile.with(|loaded| match loaded {
            Some(Ok((session, _))) => {
                load_failed.set(false);
                let id = session.config.customer_id.clone();
                session.events.emit("loaded", &[("customerId", id.into())]);
            }
            Some(Err(_)) => load_failed.set(true),
            None => {}
        });
    });
    if standalone {
        Effect::new(move |_| set_document_lang(words.get().lang));
    }
    // The host's reload(): retry a failed load here; the form handles the rest.
    let reloads = link.reload.clone();
    Effect::new(move |first_run_done: Option<()>| {
        reloads.track();
        if first_run_done.is_some() && profile.with_untracked(|l| matches!(l, Some(Err(_)))) {
            untrack(|| retry.run(()));
        }
    });
    let theme = link.theme.clone();
    provide_context(link);

    view! {
        <div
            class="cp-app"
            lang=move || words.get().lang.tag()
            data-theme=move || theme.get().name()
        >
            <Suspense fallback=move || view! { <Loading words at_once=loading_at_once/> }>
                {move || Suspend::new(async move {
                    match profile.await {
                        Ok((session, profile)) => Either::Left(view! {
                            <ProfileForm session profile on_reload=retry/>
                        }),
                        Err(error) => Either::Right(view! {
                            <ErrorPanel error words on_retry=retry/>
                        }),
                    }
                })}
            </Suspense>
        </div>
    }
}
