//! The phones fieldset: edit number and type, add, remove, move up and down. Each row's
//! element ids come from a stable row id (so focus can follow a moved row); names and
//! labels follow the index. When the list changes, the rows are rendered anew (a keyed
//! list costs 4 KB of wasm, and typing never changes the list).

use leptos::prelude::*;

use super::context::FormCtx;
use super::fields::{SelectField, TextField};
use super::state::PhoneRow;
use crate::components::fresh;
use crate::draft::PHONE_TYPES;
use crate::i18n::numbered;

/// The list of phones with its "Add phone" button.
#[component]
pub fn Phones() -> impl IntoView {
    let ctx = expect_context::<FormCtx>();
    let words = ctx.words;
    let rows = ctx.form.phones;
    let add_id = ctx.id("phones-add");
    let add = move |_| {
        let row = ctx.form.new_row(String::new(), PHONE_TYPES[0].to_owned());
        rows.update(|r| r.push(row));
        ctx.focus(format!("{}-{}-number", ctx.id("phone"), row.id));
    };
    // Rendered anew when the list changes (add, remove, move); typing changes no row list.
    let list = NodeRef::<leptos::html::Ol>::new();
    fresh(list, move || {
        let list = rows.get();
        let count = list.len();
        list.into_iter()
            .enumerate()
            .map(|(index, row)| view! { <PhoneRowView row index count /> })
            .collect_view()
    });
    view! {
        <fieldset class="cp-phones" class:cp-dirty=move || ctx.is_dirty("phones")>
            <legend>
                {words.phones}
                <span class="cp-changed-mark" hidden=move || !ctx.is_dirty("phones")>
                    {words.changed_mark}
                </span>
            </legend>
            <p class="cp-empty" hidden=move || !rows.with(Vec::is_empty)>{words.no_phones}</p>
            <ol class="cp-phone-list" node_ref=list></ol>
            <button type="button" id=add_id class="cp-button cp-secondary" on:click=add>
                {words.add_phone}
            </button>
        </fieldset>
    }
}

/// One phone (at `index` of `count`): number, type, and its move and remove buttons.
#[component]
fn PhoneRowView(row: PhoneRow, index: usize, count: usize) -> impl IntoView {
    let ctx = expect_context::<FormCtx>();
    let words = ctx.words;
    let rows = ctx.form.phones;
    let base = format!("{}-{}", ctx.id("phone"), row.id);
    // Known types with their labels; a stored type the app does not know is offered as it
    // is by the select, so that it is kept.
    let types: Vec<(String, String)> = PHONE_TYPES
        .iter()
        .map(|t| ((*t).to_owned(), words.phone_type(t).unwrap_or(t).to_owned()))
        .collect();

    let move_by = move |delta: isize, button: &'static str| {
        let Some(to) = index.checked_add_signed(delta).filter(|t| *t < count) else {
            return;
        };
        rows.update(|r| r.swap(index, to));
        // The rows are rendered again: give focus back to the same button of the moved row,
        // unless that button is now disabled (top or bottom), then to the other one.
        let edge = to == 0 || to + 1 == count;
        let target = if edge {
            if button == "up" {
                "down"
            } else {
                "up"
            }
        } else {
            button
        };
        ctx.focus(format!("{}-{}-{target}", ctx.id("phone"), row.id));
    };
    let remove = move |_| {
        let at = index;
        rows.update(|r| {
            r.remove(at);
        });
        let previous =
            rows.with_untracked(|r| at.checked_sub(1).and_then(|i| r.get(i)).map(|p| p.id));
        ctx.focus(match previous {
            Some(id) => format!("{}-{id}-number", ctx.id("phone")),
            None => ctx.id("phones-add"),
        });
    };

    view! {
        <li class="cp-phone">
            <fieldset>
                <legend>{numbered(words.phone_n, index + 1)}</legend>
                <div class="cp-phone-fields">
                    <TextField
                        path=format!("phones.{index}.number")
                        id=format!("{base}-number")
                        label=words.phone_number
                        value=row.number
                        autocomplete="tel"
                        input_type="tel"
                    />
                    <SelectField
                        path=format!("phones.{index}.type")
                        id=format!("{base}-type")
                        label=words.phone_type_label
                        value=row.kind
                        keep=row.loaded_kind.get_untracked()
                        options=types
                    />
                </div>
                <div class="cp-phone-actions">
                    <button
                        type="button"
                        id=format!("{base}-up")
                        class="cp-button cp-secondary"
                        aria-label=numbered(words.move_phone_up, index + 1)
                        disabled=index == 0
                        on:click=move |_| move_by(-1, "up")
                    >
                        {words.move_up}
                    </button>
                    <button
                        type="button"
                        id=format!("{base}-down")
                        class="cp-button cp-secondary"
                        aria-label=numbered(words.move_phone_down, index + 1)
                        disabled={ index + 1 >= count }
                        on:click=move |_| move_by(1, "down")
                    >
                        {words.move_down}
                    </button>
                    <button
                        type="button"
                        id=format!("{base}-remove")
                        class="cp-button cp-danger"
                        aria-label=numbered(words.remove_phone, index + 1)
                        on:click=remove
                    >
                        {words.remove}
                    </button>
                </div>
            </fieldset>
        </li>
    }
}
