//! The phones fieldset: edit number and type, add, remove, move up and down. Each row's
//! element ids come from a stable row id (so focus can follow a moved row); names and
//! labels follow the index. When the list changes, the rows are rendered anew (a keyed
//! list costs 4 KB of wasm, and typing never changes the list).

use leptos::prelude::*;

use super::context::FormCtx;
use super::fields::sync;
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
    let (number_id, type_id) = (format!("{base}-number"), format!("{base}-type"));
    let number_path = format!("phones.{index}.number");
    let type_path = format!("phones.{index}.type");
    let number_error = {
        let path = number_path.clone();
        move || ctx.error(&path)
    };
    let type_error = {
        let path = type_path.clone();
        move || ctx.error(&path)
    };
    let number_error_id = format!("{number_id}-error");
    let type_error_id = format!("{type_id}-error");

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

    let unknown_kind = {
        let kind = row.kind.get_untracked();
        (!kind.is_empty() && !PHONE_TYPES.contains(&kind.as_str())).then_some(kind)
    };
    let type_options = unknown_kind
        .into_iter()
        .map(|k| (k.clone(), k))
        .chain(
            PHONE_TYPES
                .iter()
                .map(|t| ((*t).to_owned(), words.phone_type(t).unwrap_or(t).to_owned())),
        )
        .map(|(value, text)| {
            let selected = value.clone();
            view! {
                <option value=value prop:selected=move || row.kind.with(|k| *k == selected)>
                    {text}
                </option>
            }
        })
        .collect_view();

    view! {
        <li class="cp-phone">
            <fieldset>
                <legend>{numbered(words.phone_n, index + 1)}</legend>
                <div class="cp-phone-fields">
                    <div class="cp-field" class:cp-has-error={
                        let error = number_error.clone();
                        move || error().is_some()
                    }>
                        <label for=number_id.clone()>{words.phone_number}</label>
                        <input
                            id=number_id.clone()
                            type="tel"
                            name=number_path.clone()
                            autocomplete="tel"
                            bind:value=row.number
                            aria-invalid={
                                let error = number_error.clone();
                                move || error().map(|_| "true")
                            }
                            aria-describedby={
                                let (error, id) = (number_error.clone(), number_error_id.clone());
                                move || error().map(|_| id.clone())
                            }
                            on:input={
                                let path = number_path.clone();
                                move |_| ctx.edited(&path)
                            }
                            on:change={
                                let path = number_path.clone();
                                move |ev| {
                                    if ctx.active() && sync(row.number, event_target_value(&ev)) {
                                        ctx.edited(&path);
                                    }
                                }
                            }
                            on:blur={
                                let path = number_path.clone();
                                move |_| ctx.validate(&path)
                            }
                        />
                        <p class="cp-field-error" id=number_error_id.clone() hidden={
                            let error = number_error.clone();
                            move || error().is_none()
                        }>
                            {number_error.clone()}
                        </p>
                    </div>
                    <div class="cp-field" class:cp-has-error={
                        let error = type_error.clone();
                        move || error().is_some()
                    }>
                        <label for=type_id.clone()>{words.phone_type_label}</label>
                        <select
                            id=type_id.clone()
                            name=type_path.clone()
                            aria-invalid={
                                let error = type_error.clone();
                                move || error().map(|_| "true")
                            }
                            aria-describedby={
                                let (error, id) = (type_error.clone(), type_error_id.clone());
                                move || error().map(|_| id.clone())
                            }
                            on:change=move |ev| {
                                if !ctx.active() {
                                    return;
                                }
                                row.kind.try_set(event_target_value(&ev));
                                ctx.edited(&type_path);
                                ctx.validate(&type_path);
                            }
                        >
                            {type_options}
                        </select>
                        <p class="cp-field-error" id=type_error_id.clone() hidden={
                            let error = type_error.clone();
                            move || error().is_none()
                        }>
                            {type_error.clone()}
                        </p>
                    </div>
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
