//! The error state: a specific message per failure, the server's own words when it sent
//! some, and a Retry that reloads.

use leptos::prelude::*;

use crate::domain::api_error::ApiError;
use crate::domain::i18n::{Catalogue, Words};

/// Shows one [`ApiError`] with a Retry button that calls `on_retry`, in the language of
/// the moment (`words` can change while it is shown).
#[component]
pub fn ErrorPanel(
    error: ApiError,
    #[prop(into)] words: Signal<Words>,
    #[prop(into)] on_retry: Callback<()>,
) -> impl IntoView {
    move || {
        let words = words.get();
        error_view(
            &error,
            words.catalogue,
            words.lang.api_language().tag(),
            on_retry,
        )
    }
}

/// `api_lang`: the language the API's own words (`detail`) are in.
fn error_view(
    error: &ApiError,
    words: &'static Catalogue,
    api_lang: &'static str,
    on_retry: Callback<()>,
) -> impl IntoView {
    let detail = error
        .problem()
        .and_then(|p| p.detail.clone())
        .filter(|d| !d.trim().is_empty());
    view! {
        <div
            class="cp-error"
            part="error-panel"
            role="alert"
            data-state="error"
            data-error=error.kind()
            data-status=error.status().map(|s| s.to_string())
        >
            <h1>{words.error_title}</h1>
            <p class="cp-error-message">{error.message(words)}</p>
            {detail.map(|d| view! {
                <p class="cp-error-detail">{words.error_server_said} " " <span lang=api_lang>{d}</span></p>
            })}
            <button
                class="cp-button"
                part="button button-primary"
                type="button"
                on:click=move |_| on_retry.run(())>
                {words.retry}
            </button>
        </div>
    }
}
