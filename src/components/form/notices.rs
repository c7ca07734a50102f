//! What a save tells the customer: the address check, failures with Retry, saved but not
//! read back. Each says what happened to the edits.

use leptos::prelude::*;

use super::context::FormCtx;

/// A button of a [`Notice`]: its text, whether it is the main action, what it does.
pub type NoticeAction = (&'static str, bool, Callback<()>);

/// What a notice says.
#[derive(Clone)]
pub struct NoticeText {
    /// `cp-warning` or `cp-failure`.
    pub class: &'static str,
    /// `data-problem`: what tests and embedders look for (`address-unknown`, `timeout`, …).
    pub problem: &'static str,
    /// `data-status`: the HTTP status, when there was one.
    pub status: Option<u16>,
    /// The heading, if the notice has one.
    pub title: Option<&'static str>,
    /// What happened, in the form's language.
    pub message: String,
    /// The server's own explanation, when it sent one.
    pub detail: Option<String>,
    /// Says that the edits are still in the form.
    pub kept: bool,
}

/// One notice, with element id `id`. It receives focus when shown (`tabindex=-1`).
#[component]
pub fn Notice(
    ctx: FormCtx,
    id: String,
    text: NoticeText,
    actions: Vec<NoticeAction>,
) -> impl IntoView {
    let words = ctx.words();
    let api_lang = ctx.lang().api_language().tag();
    let buttons = actions
        .into_iter()
        .map(|(label, main, action)| {
            let (class, part) = if main {
                ("cp-button", "button button-primary")
            } else {
                ("cp-button cp-secondary", "button button-secondary")
            };
            view! {
                <button class=class part=part type="button" on:click=move |_| action.run(())>
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <div
            class=format!("cp-notice {}", text.class)
            part="notice"
            id=id
            tabindex="-1"
            role="group"
            data-problem=text.problem
            data-status=text.status.map(|s| s.to_string())
        >
            {text.title.map(|t| view! { <h2>{t}</h2> })}
            <p class="cp-error-message">{text.message}</p>
            {text.detail.map(|d| view! {
                // The API's words, in its language (WCAG 3.1.2 when the UI speaks another).
                <p class="cp-error-detail">
                    {words.error_server_said} " " <span lang=api_lang>{d}</span>
                </p>
            })}
            {text.kept.then(|| view! { <p>{words.edits_kept}</p> })}
            <div class="cp-actions-row">{buttons}</div>
        </div>
    }
}
