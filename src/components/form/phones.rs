//! The phones fieldset: edit number and type, add, remove, move up and down. Rows are keyed
//! by a stable row id (their DOM nodes and element ids follow a moved row); names, labels
//! and legends follow the index. More than [`MAX_EDITABLE_PHONES`] are listed as text, not
//! editable.

use leptos::either::Either;
use leptos::prelude::*;
use reactive_stores::Field;

use super::context::FormCtx;
use super::fields::{SelectField, TextField};
use super::state::{FormDataStoreFields, PhoneRow, PhoneRowStoreFields};
use crate::browser::intl::format_integer;
use crate::domain::draft::{MAX_EDITABLE_PHONES, PHONES, PHONE_TYPES};
use crate::domain::i18n::numbered;

/// The list of phones with its "Add phone" button.
#[component]
pub fn Phones(ctx: FormCtx, ui_locale: &'static str) -> impl IntoView {
    let words = ctx.words();
    let store = ctx.store;
    let count = Memo::new(move |_| store.phones().try_with(Vec::len).unwrap_or(0));
    let too_many = Memo::new(move |_| count.get() > MAX_EDITABLE_PHONES);
    let add = move |_| {
        if too_many.get_untracked() {
            return;
        }
        let Some(id) = store.next_phone_id().try_get_untracked() else {
            return;
        };
        store.next_phone_id().set(id + 1);
        store.phones().write().push(PhoneRow {
            id,
            number: String::new(),
            kind: PHONE_TYPES[0].to_owned(),
            loaded_kind: PHONE_TYPES[0].to_owned(),
        });
        ctx.focus(format!("{}-number", ctx.phone_id(id)));
    };
    let dirty = move || ctx.is_dirty(PHONES);
    // Known types with their labels, one list for every row; a stored type the app does not
    // know is offered as it is by the row's select, so that it is kept.
    let types = Signal::stored(
        PHONE_TYPES
            .iter()
            .map(|t| ((*t).to_owned(), words.phone_type(t).unwrap_or(t).to_owned()))
            .collect::<Vec<_>>(),
    );
    let list = move || {
        if too_many.get() {
            // As text: one element each, no signal per row, nothing to validate or send.
            let rows = store.phones().with(|rows| {
                rows.iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let label = words.phone_type(&row.kind).unwrap_or(&row.kind);
                        let text = format!("{} ({label})", row.number);
                        view! { <li data-field=format!("phones.{i}")>{text}</li> }
                    })
                    .collect_view()
            });
            Either::Left(rows)
        } else {
            Either::Right(view! {
                <ForEnumerate
                    each=move || store.phones()
                    key=|row| row.id().get_untracked()
                    children=move |index, row| {
                        view! { <Phone ctx index row=row.into() count types/> }
                    }
                />
            })
        }
    };
    view! {
        <fieldset class="cp-phones" class:cp-dirty=dirty>
            <legend>
                {words.phones}
                <span class="cp-changed-mark" hidden=move || !dirty()>
                    {words.changed_mark}
                </span>
            </legend>
            <p class="cp-empty" hidden=move || count.get() != 0>{words.no_phones}</p>
            <p class="cp-phones-read-only" hidden=move || !too_many.get()>
                {move || match count.get() {
                    n if n > MAX_EDITABLE_PHONES => {
                        numbered(words.phones_read_only, format_integer(ui_locale, n as i64))
                    }
                    _ => String::new(),
                }}
            </p>
            <ol class="cp-phone-list">{list}</ol>
            <button
                type="button"
                class="cp-button cp-secondary"
                        part="button button-secondary"
                id=ctx.id("phones-add")
                disabled=move || too_many.get()
                on:click=add
            >
                {words.add_phone}
            </button>
        </fieldset>
    }
}

/// One phone (at `index` of `count`): number, type (one of `types`, or as loaded), and its
/// move and remove buttons.
#[component]
fn Phone(
    ctx: FormCtx,
    index: ReadSignal<usize>,
    row: Field<PhoneRow>,
    count: Memo<usize>,
    types: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let words = ctx.words();
    let store = ctx.store;
    let row_id = row.id().try_get_untracked().unwrap_or_default();
    let base = ctx.phone_id(row_id);
    let n = move || index.get() + 1;
    let is_last = move || index.get() + 1 >= count.get();
    let move_by = move |delta: isize, button: &'static str| {
        let (index, count) = (index.get_untracked(), count.get_untracked());
        let Some(to) = index.checked_add_signed(delta).filter(|t| *t < count) else {
            return;
        };
        store.phones().write().swap(index, to);
        // Focus follows the row to the same button, unless that button is now disabled
        // (top or bottom), then to the other one.
        let edge = to == 0 || to + 1 == count;
        let target = match (edge, button) {
            (true, "up") => "down",
            (true, _) => "up",
            (false, _) => button,
        };
        ctx.focus(format!("{}-{target}", ctx.phone_id(row_id)));
    };
    let remove = move |_| {
        let at = index.get_untracked();
        let previous = store.phones().try_update(|rows| {
            if at < rows.len() {
                rows.remove(at);
            }
            at.checked_sub(1).and_then(|i| rows.get(i)).map(|p| p.id)
        });
        ctx.focus(match previous.flatten() {
            Some(id) => format!("{}-number", ctx.phone_id(id)),
            None => ctx.id("phones-add"),
        });
    };
    let number_name = Signal::derive(move || format!("phones.{}.number", index.get()));
    let kind_name = Signal::derive(move || format!("phones.{}.type", index.get()));
    view! {
        <li class="cp-phone">
            <fieldset>
                <legend>{move || numbered(words.phone_n, n())}</legend>
                <div class="cp-phone-fields">
                    <TextField
                        ctx
                        value=row.number().into()
                        name=number_name
                        id=format!("{base}-number")
                        label=words.phone_number
                        autocomplete="tel"
                        input_type="tel"
                    />
                    <SelectField
                        ctx
                        value=row.kind().into()
                        name=kind_name
                        id=format!("{base}-type")
                        label=words.phone_type_label
                        keep=Signal::derive(move || row.loaded_kind().try_get().unwrap_or_default())
                        options=types
                    />
                </div>
                <div class="cp-phone-actions">
                    <button
                        type="button"
                        class="cp-button cp-secondary"
                        part="button button-secondary"
                        id=format!("{base}-up")
                        aria-label=move || numbered(words.move_phone_up, n())
                        disabled=move || index.get() == 0
                        on:click=move |_| move_by(-1, "up")
                    >
                        {words.move_up}
                    </button>
                    <button
                        type="button"
                        class="cp-button cp-secondary"
                        part="button button-secondary"
                        id=format!("{base}-down")
                        aria-label=move || numbered(words.move_phone_down, n())
                        disabled=is_last
                        on:click=move |_| move_by(1, "down")
                    >
                        {words.move_down}
                    </button>
                    <button
                        type="button"
                        class="cp-button cp-danger"
                        part="button button-secondary"
                        id=format!("{base}-remove")
                        aria-label=move || numbered(words.remove_phone, n())
                        on:click=remove
                    >
                        {words.remove}
                    </button>
                </div>
            </fieldset>
        </li>
    }
}
