//! The loading state: announced politely, shaped like the profile so nothing jumps.

use leptos::prelude::*;

use crate::domain::i18n::Words;

/// A skeleton of the profile with a live status message, in the language of the moment.
/// It shows after a delay (a quick answer flashes nothing), or `at_once` where a placeholder
/// was already on screen.
#[component]
pub fn Loading(
    #[prop(into)] words: Signal<Words>,
    #[prop(optional)] at_once: bool,
) -> impl IntoView {
    let words = move || words.get().catalogue;
    view! {
        <div class="cp-loading" class:cp-at-once=at_once part="loading" data-state="loading">
            <h1>{move || words().page_title}</h1>
            <p role="status" aria-live="polite">{move || words().loading}</p>
            <div class="cp-skeleton" aria-hidden="true">
                <div class="cp-skeleton-card"></div>
                <div class="cp-skeleton-card"></div>
                <div class="cp-skeleton-card"></div>
            </div>
        </div>
    }
}
