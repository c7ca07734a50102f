//! The error state: a specific message per failure, the server's own words when it sent
//! some, and a Retry that reloads.

use super::dom::{el, elc, El};
use crate::domain::api_error::ApiError;
use crate::domain::i18n::Catalogue;

/// Shows one [`ApiError`] with a Retry button that calls `on_retry`.
pub fn error_panel(
    error: &ApiError,
    words: &'static Catalogue,
    on_retry: impl Fn() + 'static,
) -> El {
    let detail = error
        .problem()
        .and_then(|p| p.detail.clone())
        .filter(|d| !d.trim().is_empty());
    let status = error.status().map(|s| s.to_string());
    elc("div", "cp-error")
        .attr("role", "alert")
        .attr("data-state", "error")
        .attr("data-error", error.kind())
        .attr_opt("data-status", status.as_deref())
        .child(el("h1").text(words.error_title))
        .child(elc("p", "cp-error-message").text(&error.message(words)))
        .child_opt(detail.map(|d| {
            elc("p", "cp-error-detail")
                .text(words.error_server_said)
                .text(" ")
                .child(el("span").text(&d))
        }))
        .child(
            elc("button", "cp-button")
                .attr("type", "button")
                .on("click", move |_| on_retry())
                .text(words.retry),
        )
}
