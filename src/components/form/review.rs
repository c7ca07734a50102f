//! "Review changes": every change as field: old → new, before saving.

use leptos::prelude::*;

use super::context::FormCtx;
use super::labels::field_label;
use crate::components::fresh;
use crate::diff::Change;

/// The list of pending changes (shown when the customer asks for it).
#[component]
pub fn ReviewList(changes: Memo<Vec<Change>>, #[prop(into)] id: String) -> impl IntoView {
    let ctx = expect_context::<FormCtx>();
    let words = ctx.words;
    let shown = |value: Option<String>| value.unwrap_or_else(|| words.empty_value.to_owned());
    // No control inside: the list is rendered anew on each change (no in-place patch code).
    let list = NodeRef::<leptos::html::Ul>::new();
    fresh(list, move || {
        changes
            .get()
            .into_iter()
            .map(|change| {
                view! {
                    <li data-path=change.path.clone()>
                        <span class="cp-review-field">
                            {field_label(words, &change.path)}": "
                        </span>
                        <del>{shown(change.old)}</del>
                        " → "
                        <ins>{shown(change.new)}</ins>
                    </li>
                }
            })
            .collect_view()
    });
    view! {
        <section class="cp-review" id=id aria-labelledby=format!("cp{}-review-title", ctx.instance)>
            <h2 id=format!("cp{}-review-title", ctx.instance)>{words.review_title}</h2>
            <ul node_ref=list></ul>
        </section>
    }
}
