//! "Review changes": every change as field: old → new, before saving.

use leptos::prelude::*;

use super::context::FormCtx;
use super::labels::field_label;

/// The list of pending changes (shown when the customer asks for it), with element id `id`.
#[component]
pub fn ReviewList(ctx: FormCtx, id: String) -> impl IntoView {
    let words = ctx.words();
    let shown = move |value: Option<String>| value.unwrap_or_else(|| words.empty_value.to_owned());
    let title_id = format!("cp{}-review-title", ctx.instance);
    // No control inside: the list is rendered anew on each change.
    let items = move || {
        ctx.changes
            .get()
            .into_iter()
            .map(|change| {
                let label = field_label(words, &change.path);
                view! {
                    <li data-path=change.path>
                        <span class="cp-review-field">{label} ": "</span>
                        <del>{shown(change.old)}</del>
                        " → "
                        <ins>{shown(change.new)}</ins>
                    </li>
                }
            })
            .collect_view()
    };
    let labelled_by = title_id.clone();
    view! {
        <section class="cp-review" id=id aria-labelledby=labelled_by>
            <h2 id=title_id>{words.review_title}</h2>
            <ul>{items}</ul>
        </section>
    }
}
