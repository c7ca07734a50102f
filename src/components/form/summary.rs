//! The error summary: every field error with a link that moves focus to the field.

use leptos::prelude::*;

use super::context::FormCtx;
use super::labels::field_label;
use super::state::FormDataStoreFields;

/// Lists every field error with a link to the field; receives focus when shown so keyboard
/// and screen-reader users land on it.
#[component]
pub fn ErrorSummary(ctx: FormCtx, id: String) -> impl IntoView {
    let words = ctx.words();
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
            .into_iter()
            .map(|(path, message)| {
                let target = field_target(ctx, &path);
                let href = format!("#{target}");
                let label = field_label(words, &path);
                view! {
                    <li>
                        <a
                            href=href
                            on:click=move |ev| {
                                ev.prevent_default();
                                ctx.focus(target.clone());
                            }
                        >
                            {label}
                            ": "
                            {message}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    let title_id = format!("cp{}-summary-title", ctx.instance);
    let labelled_by = title_id.clone();
    view! {
        <div
            class="cp-error-summary"
            part="notice"
            id=id
            tabindex="-1"
            role="group"
            aria-labelledby=labelled_by
        >
            <h2 id=title_id>{words.summary_title}</h2>
            <ul>{items}</ul>
        </div>
    }
}

/// The element to focus for an error path: phone paths use the row's stable id.
fn field_target(ctx: FormCtx, path: &str) -> String {
    let mut parts = path.split('.');
    if let (Some("phones"), Some(index), Some(member)) = (parts.next(), parts.next(), parts.next())
    {
        let row = index.parse::<usize>().ok().and_then(|i| {
            ctx.store
                .phones()
                .try_with_untracked(|r| r.get(i).map(|r| r.id))
                .flatten()
        });
        if let Some(id) = row {
            return format!("{}-{member}", ctx.phone_id(id));
        }
    }
    if path == "address" {
        return ctx.id("address.street");
    }
    ctx.id(path)
}
