//! "Review changes": every change as field: old → new, before saving.

use leptos::prelude::*;

use super::context::FormCtx;
use super::labels::field_label;
use crate::components::dom::{el, elc, slot, El};

/// The list of pending changes (shown when the customer asks for it), with element id `id`.
pub fn review_list(ctx: FormCtx, id: &str) -> El {
    let words = ctx.words;
    let shown = move |value: Option<String>| value.unwrap_or_else(|| words.empty_value.to_owned());
    let title_id = format!("cp{}-review-title", ctx.instance);
    // No control inside: the list is rendered anew on each change.
    let list = el("ul");
    slot(
        &list,
        move || ctx.changes.get(),
        move |changes| {
            changes
                .into_iter()
                .map(|change| {
                    el("li")
                        .attr("data-path", &change.path)
                        .child(
                            elc("span", "cp-review-field")
                                .text(&field_label(words, &change.path))
                                .text(": "),
                        )
                        .child(el("del").text(&shown(change.old)))
                        .text(" → ")
                        .child(el("ins").text(&shown(change.new)))
                })
                .collect()
        },
    );
    elc("section", "cp-review")
        .attr("id", id)
        .attr("aria-labelledby", &title_id)
        .child(el("h2").attr("id", &title_id).text(words.review_title))
        .child(list)
}
