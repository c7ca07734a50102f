//! The loading state: announced politely, shaped like the profile so nothing jumps.

use super::dom::{el, elc, El};
use crate::domain::i18n::Catalogue;

/// A skeleton of the profile with a live status message.
pub fn loading(words: &'static Catalogue) -> El {
    elc("div", "cp-loading")
        .attr("data-state", "loading")
        .child(el("h1").text(words.page_title))
        .child(
            el("p")
                .attr("role", "status")
                .attr("aria-live", "polite")
                .text(words.loading),
        )
        .child(
            elc("div", "cp-skeleton")
                .attr("aria-hidden", "true")
                .children((0..3).map(|_| elc("div", "cp-skeleton-card"))),
        )
}
