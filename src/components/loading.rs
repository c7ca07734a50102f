//! The loading state: announced politely, shaped like the profile so nothing jumps.

use leptos::prelude::*;

use crate::domain::i18n::Catalogue;

/// A skeleton of the profile with a live status message.
#[component]
pub fn Loading(words: &'static Catalogue) -> impl IntoView {
    view! {
        <div class="cp-loading" data-state="loading">
            <h1>{words.page_title}</h1>
            <p role="status" aria-live="polite">{words.loading}</p>
            <div class="cp-skeleton" aria-hidden="true">
                <div class="cp-skeleton-card"></div>
                <div class="cp-skeleton-card"></div>
                <div class="cp-skeleton-card"></div>
            </div>
        </div>
    }
}
