//! What the lost-update check (see [`crate::domain::merge`]) tells the customer: the fields
//! taken from changes saved elsewhere, and the conflicts to resolve, field by field, before
//! anything is sent.

use leptos::prelude::*;

use super::context::FormCtx;
use super::labels::field_label;
use super::state::apply;
use crate::domain::draft::Draft;
use crate::domain::merge::Conflict;

/// "Updated with changes saved elsewhere: City, Phones" — announced. Empty, not hidden, when
/// there is nothing to say: a live region that appears already filled is often not read.
#[component]
pub fn TakenNotice(ctx: FormCtx, taken: RwSignal<Vec<&'static str>>) -> impl IntoView {
    let words = ctx.words();
    let text = move || {
        taken.with(|paths| {
            let labels: Vec<String> = paths.iter().map(|p| field_label(words, p)).collect();
            match labels.is_empty() {
                true => String::new(),
                false => format!("{} {}", words.taken_from_server, labels.join(", ")),
            }
        })
    };
    view! { <p class="cp-taken" part="notice" role="status">{text}</p> }
}

/// The open conflicts (as they were when the panel was built; a resolved one hides), each
/// with its value before, saved elsewhere and in the form, and "keep the saved value" /
/// "keep yours". `theirs` holds the server's values; `on_resolved` runs when the last one
/// is resolved.
#[component]
pub fn ConflictPanel(
    ctx: FormCtx,
    id: String,
    conflicts: RwSignal<Vec<Conflict>>,
    theirs: StoredValue<Draft>,
    on_resolved: Callback<()>,
) -> impl IntoView {
    let words = ctx.words();
    let shown = move |value: &Option<String>| {
        value
            .clone()
            .unwrap_or_else(|| words.empty_value.to_owned())
    };
    let title_id = format!("{id}-title");
    let button_id =
        move |path: &str, which: &str| format!("{}-{which}", ctx.id(&format!("conflict.{path}")));
    // Resolves `path`, then moves focus to the next open conflict, or calls `on_resolved`.
    let choose = move |path: &'static str, keep_theirs: bool| {
        if keep_theirs {
            theirs.with_value(|t| apply(ctx.store, path, t));
            ctx.edited(path);
        }
        conflicts.update(|c| c.retain(|x| x.path != path));
        match conflicts.with_untracked(|c| c.first().map(|x| x.path)) {
            Some(next) => ctx.focus(button_id(next, "theirs")),
            None => on_resolved.run(()),
        }
    };
    let rows = conflicts
        .get_untracked()
        .into_iter()
        .map(|conflict| {
            let path = conflict.path;
            let label = field_label(words, path);
            let buttons = [
                ("theirs", words.keep_theirs, true),
                ("mine", words.keep_mine, false),
            ]
            .map(|(which, text, keep_theirs)| {
                view! {
                    <button
                        class="cp-button cp-secondary"
                        part="button button-secondary"
                        type="button"
                        id=button_id(path, which)
                        // Named with the field: there is a pair per conflict.
                        aria-label=format!("{label}: {text}")
                        on:click=move |_| choose(path, keep_theirs)
                    >
                        {text}
                    </button>
                }
            });
            let value = |term: &'static str, value: &Option<String>| {
                view! {
                    <div class="cp-row">
                        <dt>{term}</dt>
                        <dd>{shown(value)}</dd>
                    </div>
                }
            };
            view! {
                <li
                    data-path=path
                    hidden=move || !conflicts.with(|c| c.iter().any(|x| x.path == path))
                >
                    <h3>{label.clone()}</h3>
                    <dl>
                        {value(words.conflict_original, &conflict.original)}
                        {value(words.conflict_theirs, &conflict.theirs)}
                        {value(words.conflict_mine, &conflict.mine)}
                    </dl>
                    <div class="cp-actions-row">{buttons}</div>
                </li>
            }
        })
        .collect_view();
    let labelled_by = title_id.clone();
    view! {
        <div
            class="cp-notice cp-warning cp-conflicts"
            part="notice"
            id=id
            tabindex="-1"
            role="group"
            aria-labelledby=labelled_by
            data-problem="conflict"
        >
            <h2 id=title_id>{words.conflict_title}</h2>
            <p class="cp-error-message">{words.conflict_text}</p>
            <ul>{rows}</ul>
        </div>
    }
}
