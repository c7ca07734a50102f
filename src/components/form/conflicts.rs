//! What the lost-update check (see [`crate::domain::merge`]) tells the customer: the fields taken from
//! changes saved elsewhere, and the conflicts to resolve, field by field, before anything is
//! sent.

use leptos::prelude::*;

use super::context::FormCtx;
use super::labels::field_label;
use crate::components::dom::{el, elc, El};
use crate::domain::draft::Draft;
use crate::domain::merge::Conflict;

/// "Updated with changes saved elsewhere: City, Phones" — announced. Empty, not hidden, when
/// there is nothing to say: a live region that appears already filled is often not read.
pub fn taken_notice(ctx: FormCtx, taken: RwSignal<Vec<&'static str>>) -> El {
    let words = ctx.words;
    elc("p", "cp-taken")
        .attr("role", "status")
        .text_with(move || {
            taken.with(|paths| {
                let labels: Vec<String> = paths.iter().map(|p| field_label(words, p)).collect();
                match labels.is_empty() {
                    true => String::new(),
                    false => format!("{} {}", words.taken_from_server, labels.join(", ")),
                }
            })
        })
}

/// The open conflicts (as they were when the panel was built; a resolved one hides), each
/// with its value before, saved elsewhere and in the form, and "keep the saved value" /
/// "keep yours". `theirs` holds the server's values; `status_id` gets focus when the last
/// one is resolved, and `resolved` runs then.
pub fn conflict_panel(
    ctx: FormCtx,
    id: &str,
    conflicts: RwSignal<Vec<Conflict>>,
    theirs: StoredValue<Draft>,
    resolved: impl Fn() + Copy + 'static,
) -> El {
    let words = ctx.words;
    let shown = |value: &Option<String>| {
        value
            .clone()
            .unwrap_or_else(|| words.empty_value.to_owned())
    };
    let title_id = format!("{id}-title");
    let button_id =
        move |path: &str, which: &str| format!("{}-{which}", ctx.id(&format!("conflict.{path}")));
    // Resolves `path`, then moves focus to the next open conflict, or to the status.
    let choose = move |path: &'static str, keep_theirs: bool| {
        if !ctx.active() {
            return;
        }
        if keep_theirs {
            theirs.with_value(|t| ctx.form.apply(path, t));
            ctx.edited(path);
        }
        conflicts.update(|c| c.retain(|x| x.path != path));
        match conflicts.with_untracked(|c| c.first().map(|x| x.path)) {
            Some(next) => ctx.focus(button_id(next, "theirs")),
            None => resolved(),
        }
    };
    let rows = conflicts.get_untracked().into_iter().map(|conflict| {
        let path = conflict.path;
        let label = field_label(words, path);
        let value = |term: &str, value: &Option<String>| {
            elc("div", "cp-row")
                .child(el("dt").text(term))
                .child(el("dd").text(&shown(value)))
        };
        el("li")
            .attr("data-path", path)
            .flag_with("hidden", move || {
                !conflicts.with(|c| c.iter().any(|x| x.path == path))
            })
            .child(el("h3").text(&label))
            .child(
                el("dl")
                    .child(value(words.conflict_original, &conflict.original))
                    .child(value(words.conflict_theirs, &conflict.theirs))
                    .child(value(words.conflict_mine, &conflict.mine)),
            )
            .child(
                elc("div", "cp-actions-row").children(
                    [
                        ("theirs", words.keep_theirs, true),
                        ("mine", words.keep_mine, false),
                    ]
                    .map(|(which, text, keep_theirs)| {
                        elc("button", "cp-button cp-secondary")
                            .attr("type", "button")
                            .attr("id", &button_id(path, which))
                            // Named with the field: there is a pair per conflict.
                            .attr("aria-label", &format!("{label}: {text}"))
                            .on("click", move |_| choose(path, keep_theirs))
                            .text(text)
                    }),
                ),
            )
    });
    elc("div", "cp-notice cp-warning cp-conflicts")
        .attr("id", id)
        .attr("tabindex", "-1")
        .attr("role", "group")
        .attr("aria-labelledby", &title_id)
        .attr("data-problem", "conflict")
        .child(el("h2").attr("id", &title_id).text(words.conflict_title))
        .child(elc("p", "cp-error-message").text(words.conflict_text))
        .child(el("ul").children(rows))
}
