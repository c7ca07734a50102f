//! What a save tells the customer: the error summary, the address check, and failures with
//! Retry. Each says that the edits are still in the form.

use leptos::prelude::*;

use super::context::FormCtx;
use super::labels::field_label;
use crate::api_error::ApiError;

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

/// The address could not be verified: keep it anyway (re-send with `force_address=true`)
/// or go back and edit it.
#[component]
pub fn AddressUnknown(
    #[prop(into)] id: String,
    #[prop(into)] on_keep: Callback<()>,
    #[prop(into)] on_edit: Callback<()>,
) -> impl IntoView {
    let words = expect_context::<FormCtx>().words;
    view! {
        <div class="cp-notice cp-warning" id=id tabindex="-1" role="group" data-problem="address-unknown">
            <h2>{words.address_unknown_title}</h2>
            <p>{words.address_unknown_text}</p>
            <div class="cp-actions-row">
                <button type="button" class="cp-button" on:click=move |_| on_keep.run(())>
                    {words.keep_address}
                </button>
                <button type="button" class="cp-button cp-secondary" on:click=move |_| on_edit.run(())>
                    {words.edit_address}
                </button>
            </div>
        </div>
    }
}

/// A save that failed for a reason other than the data: the message, "your edits are kept",
/// and Retry.
#[component]
pub fn SaveFailed(
    #[prop(into)] id: String,
    error: ApiError,
    #[prop(into)] on_retry: Callback<()>,
) -> impl IntoView {
    let words = expect_context::<FormCtx>().words;
    let detail = error
        .problem()
        .and_then(|p| p.detail.clone())
        .filter(|d| !d.trim().is_empty());
    view! {
        <div class="cp-notice cp-failure" id=id tabindex="-1" role="group"
            data-problem=error.save_kind() data-status=error.status().map(|s| s.to_string())>
            <h2>{words.save_failed_title}</h2>
            <p class="cp-error-message">{error.save_message(words)}</p>
            {detail.map(|d| view! { <p class="cp-error-detail">{words.error_server_said}" "{d}</p> })}
            <p>{words.edits_kept}</p>
            <button type="button" class="cp-button" on:click=move |_| on_retry.run(())>
                {words.retry}
            </button>
        </div>
    }
}

/// Saved, but the profile could not be read back: say so, and offer Reload.
#[component]
pub fn SavedNotReloaded(
    #[prop(into)] id: String,
    #[prop(into)] on_reload: Callback<()>,
) -> impl IntoView {
    let words = expect_context::<FormCtx>().words;
    view! {
        <div class="cp-notice cp-warning" id=id tabindex="-1" role="group" data-problem="reload-failed">
            <p>{words.saved_reload_failed}</p>
            <button type="button" class="cp-button" on:click=move |_| on_reload.run(())>
                {words.reload}
            </button>
        </div>
    }
}
