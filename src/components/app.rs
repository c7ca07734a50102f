//! The root component: loads configuration and profile, and shows loading, error or profile.

use leptos::prelude::*;

use crate::api::{self, Session};
use crate::api_error::ApiError;
use crate::components::{ErrorPanel, Loading, ProfileForm};
use crate::i18n::Lang;
use crate::model::Profile;

/// The outcome of one load; both arms carry the language, known once config is read.
type Loaded = Result<(Session, Profile), (Lang, ApiError)>;

/// Loads the profile, reading `config.json` only until it has been read once: a Retry after
/// a network failure must retry the API, not report the config file as missing.
async fn load(cache: StoredValue<Option<Session>, LocalStorage>) -> Loaded {
    let session = match cache.get_value() {
        Some(session) => session,
        None => {
            let fallback = Lang::from_tag(&api::browser_language().unwrap_or_default());
            let session = api::load_session().await.map_err(|e| (fallback, e))?;
            cache.set_value(Some(session.clone()));
            session
        }
    };
    let profile = api::get_profile(&session)
        .await
        .map_err(|e| (session.lang, e))?;
    Ok((session, profile))
}

/// Sets `<html lang>` so assistive technology reads the page in the right language.
fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// The whole app: one resource, one Suspense, and Retry that reloads everything.
#[component]
pub fn App() -> impl IntoView {
    let boot_lang = Lang::from_tag(&api::browser_language().unwrap_or_default());
    let session = StoredValue::new_local(None);
    let profile = LocalResource::new(move || load(session));
    let retry = Callback::new(move |()| profile.refetch());

    view! {
        <div class="cp-app">
            <Suspense fallback=move || view! { <Loading words=boot_lang.words() /> }>
                {move || Suspend::new(async move {
                    match profile.await {
                        Ok((session, profile)) => {
                            set_document_lang(session.lang);
                            view! { <ProfileForm session profile on_reload=retry /> }.into_any()
                        }
                        Err((lang, error)) => {
                            set_document_lang(lang);
                            view! { <ErrorPanel error words=lang.words() on_retry=retry /> }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}
