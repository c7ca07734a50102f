//! What a save tells the customer: the error summary, the address check, and failures with
//! Retry. Each says that the edits are still in the form.

use leptos::prelude::*;

use super::context::FormCtx;
use super::labels::field_label;

/// Lists every field error with a link that moves focus to the field; receives focus when
/// shown so keyboard and screen-reader users land on it.
#[component]
pub fn ErrorSummary(#[prop(into)] id: String) -> impl IntoView {
    let ctx = expect_context::<FormCtx>();
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
    view! {
        <div class="cp-error-summary" id=id tabindex="-1" role="group"
            aria-labelledby=format!("cp{}-summary-title", ctx.instance)>
            <h2 id=format!("cp{}-summary-title", ctx.instance)>{words.summary_title}</h2>
            <ul>
                {move || {
                    items()
                        .into_iter()
                        .map(|(path, message)| {
                            let target = field_target(ctx, &path);
                            let href = format!("#{target}");
                            view! {
                                <li>
                                    <a href=href on:click=move |ev| {
                                        ev.prevent_default();
                                        ctx.focus(target.clone());
                                    }>
                                        {field_label(words, &path)}": "{message}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
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

/// A button of a [`Notice`]: its text, whether it is the main action, what it does.
pub type NoticeAction = (&'static str, bool, Callback<()>);

/// What a save left to say — the address check, a failure with Retry, saved but not read
/// back — as one component (one view type in the wasm, not three). It receives focus when
/// shown (`tabindex=-1`) and is rendered anew each time.
#[component]
pub fn Notice(
    #[prop(into)] id: String,
    /// `cp-warning` or `cp-failure`.
    class: &'static str,
    /// `data-problem`: what tests and embedders look for (`address-unknown`, `timeout`, …).
    problem: &'static str,
    status: Option<u16>,
    title: Option<&'static str>,
    message: String,
    /// The server's own explanation, when it sent one.
    detail: Option<String>,
    /// Says that the edits are still in the form.
    kept: bool,
    actions: Vec<NoticeAction>,
) -> impl IntoView {
    let words = expect_context::<FormCtx>().words;
    let buttons = actions
        .into_iter()
        .map(|(label, main, action)| {
            let class = if main {
                "cp-button"
            } else {
                "cp-button cp-secondary"
            };
            view! {
                <button type="button" class=class on:click=move |_| action.run(())>
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class=format!("cp-notice {class}") id=id tabindex="-1" role="group"
            data-problem=problem data-status=status.map(|s| s.to_string())>
            {title.map(|t| view! { <h2>{t}</h2> })}
            <p class="cp-error-message">{message}</p>
            {detail.map(|d| view! { <p class="cp-error-detail">{words.error_server_said}" "{d}</p> })}
            {kept.then(|| view! { <p>{words.edits_kept}</p> })}
            <div class="cp-actions-row">{buttons}</div>
        </div>
    }
}
