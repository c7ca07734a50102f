//! What a save tells the customer: the error summary, the address check, and failures with
//! Retry. Each says that the edits are still in the form.

use leptos::prelude::*;

use super::context::FormCtx;
use super::labels::field_label;
use crate::components::dom::{el, elc, slot, El};

/// Lists every field error with a link that moves focus to the field; receives focus when
/// shown so keyboard and screen-reader users land on it.
pub fn error_summary(ctx: FormCtx, id: &str) -> El {
    let words = ctx.words;
    let items = move || {
        let mut items: Vec<(String, String)> = ctx.client_errors.get();
        ctx.server_errors.with(|errors| {
            for (path, message) in errors {
                if !items.iter().any(|(p, _)| p == path) {
                    items.push((path.clone(), message.clone()));
                }
            }
        });
        items
    };
    let title_id = format!("cp{}-summary-title", ctx.instance);
    let list = el("ul");
    slot(&list, items, move |items| {
        items
            .into_iter()
            .map(|(path, message)| {
                let target = field_target(ctx, &path);
                el("li").child(
                    el("a")
                        .attr("href", &format!("#{target}"))
                        .on("click", move |ev| {
                            ev.prevent_default();
                            ctx.focus(target.clone());
                        })
                        .text(&field_label(words, &path))
                        .text(": ")
                        .text(&message),
                )
            })
            .collect()
    });
    elc("div", "cp-error-summary")
        .attr("id", id)
        .attr("tabindex", "-1")
        .attr("role", "group")
        .attr("aria-labelledby", &title_id)
        .child(el("h2").attr("id", &title_id).text(words.summary_title))
        .child(list)
}

/// The element to focus for an error path: phone paths use the row's stable id.
fn field_target(ctx: FormCtx, path: &str) -> String {
    let mut parts = path.split('.');
    if let (Some("phones"), Some(index), Some(member)) = (parts.next(), parts.next(), parts.next())
    {
        let row = index
            .parse::<usize>()
            .ok()
            .and_then(|i| ctx.form.phones.with_untracked(|r| r.get(i).map(|r| r.id)));
        if let Some(id) = row {
            return format!("{}-{id}-{member}", ctx.id("phone"));
        }
    }
    if path == "address" {
        return ctx.id("address.street");
    }
    ctx.id(path)
}

/// A button of a [`notice`]: its text, whether it is the main action, what it does.
pub type NoticeAction = (&'static str, bool, Callback<()>);

/// What a notice says.
pub struct NoticeText {
    /// `cp-warning` or `cp-failure`.
    pub class: &'static str,
    /// `data-problem`: what tests and embedders look for (`address-unknown`, `timeout`, …).
    pub problem: &'static str,
    pub status: Option<u16>,
    pub title: Option<&'static str>,
    pub message: String,
    /// The server's own explanation, when it sent one.
    pub detail: Option<String>,
    /// Says that the edits are still in the form.
    pub kept: bool,
}

/// What a save left to say — the address check, a failure with Retry, saved but not read
/// back — with element id `id`. It receives focus when shown (`tabindex=-1`).
pub fn notice(ctx: FormCtx, id: &str, text: NoticeText, actions: Vec<NoticeAction>) -> El {
    let words = ctx.words;
    let buttons = actions.into_iter().map(|(label, main, action)| {
        let class = if main {
            "cp-button"
        } else {
            "cp-button cp-secondary"
        };
        elc("button", class)
            .attr("type", "button")
            .on("click", move |_| action.run(()))
            .text(label)
    });
    let status = text.status.map(|s| s.to_string());
    elc("div", &format!("cp-notice {}", text.class))
        .attr("id", id)
        .attr("tabindex", "-1")
        .attr("role", "group")
        .attr("data-problem", text.problem)
        .attr_opt("data-status", status.as_deref())
        .child_opt(text.title.map(|t| el("h2").text(t)))
        .child(elc("p", "cp-error-message").text(&text.message))
        .child_opt(text.detail.map(|d| {
            elc("p", "cp-error-detail")
                .text(words.error_server_said)
                .text(" ")
                .text(&d)
        }))
        .child_opt(text.kept.then(|| el("p").text(words.edits_kept)))
        .child(elc("div", "cp-actions-row").children(buttons))
}
