//! The phones fieldset: edit number and type, add, remove, move up and down. Rows keep
//! their DOM nodes across moves (keyed by a stable id); names and labels follow the index.

use leptos::prelude::*;

use super::context::FormCtx;
use super::fields::sync;
use super::state::PhoneRow;
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
    view! {
        <fieldset class="cp-phones" class:cp-dirty=move || ctx.is_dirty("phones")>
            <legend>
                {words.phones}
                <Show when=move || ctx.is_dirty("phones")>
                    <span class="cp-changed-mark">{words.changed_mark}</span>
                </Show>
            </legend>
            <Show when=move || rows.with(Vec::is_empty)>
                <p class="cp-empty">{words.no_phones}</p>
            </Show>
            <ol class="cp-phone-list">
                <For each=move || rows.get() key=|row| row.id let(row)>
                    <PhoneRowView row />
                </For>
            </ol>
            <button type="button" id=add_id class="cp-button cp-secondary" on:click=add>
                {words.add_phone}
            </button>
        </fieldset>
    }
}

/// One phone: number, type, and its move and remove buttons.
#[component]
fn PhoneRowView(row: PhoneRow) -> impl IntoView {
    let ctx = expect_context::<FormCtx>();
    let words = ctx.words;
    let rows = ctx.form.phones;
    let base = format!("{}-{}", ctx.id("phone"), row.id);
    let (number_id, type_id) = (format!("{base}-number"), format!("{base}-type"));
    let index =
        Memo::new(move |_| rows.with(|r| r.iter().position(|x| x.id == row.id).unwrap_or(0)));
    let count = Memo::new(move |_| rows.with(Vec::len));
    let number_path = Memo::new(move |_| format!("phones.{}.number", index.get()));
    let type_path = Memo::new(move |_| format!("phones.{}.type", index.get()));
    let number_error = move || ctx.error(&number_path.get());
    let type_error = move || ctx.error(&type_path.get());
    let number_error_id = format!("{number_id}-error");
    let type_error_id = format!("{type_id}-error");

    let move_by = move |delta: isize, button: &'static str| {
        let from = index.get_untracked();
        let Some(to) = from
            .checked_add_signed(delta)
            .filter(|t| *t < count.get_untracked())
        else {
            return;
        };
        rows.update(|r| r.swap(from, to));
        // Moving the node loses focus: give it back to the same button of the same row,
        // unless that button is now disabled (top or bottom), then to the other one.
        let edge = to == 0 || to + 1 == count.get_untracked();
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
        let at = index.get_untracked();
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
                <legend>{move || numbered(words.phone_n, index.get() + 1)}</legend>
                <div class="cp-phone-fields">
                    <div class="cp-field" class:cp-has-error=move || number_error().is_some()>
                        <label for=number_id.clone()>{words.phone_number}</label>
                        <input
                            id=number_id.clone()
                            type="tel"
                            name=move || number_path.get()
                            autocomplete="tel"
                            bind:value=row.number
                            aria-invalid=move || number_error().map(|_| "true")
                            aria-describedby={
                                let id = number_error_id.clone();
                                move || number_error().map(|_| id.clone())
                            }
                            on:input=move |_| if let Some(p) = number_path.try_get_untracked() { ctx.edited(&p) }
                            on:change=move |ev| {
                                if ctx.active() && sync(row.number, event_target_value(&ev)) {
                                    if let Some(p) = number_path.try_get_untracked() { ctx.edited(&p) }
                                }
                            }
                            on:blur=move |_| if let Some(p) = number_path.try_get_untracked() { ctx.validate(&p) }
                        />
                        {move || number_error().map(|m| {
                            view! { <p class="cp-field-error" id=number_error_id.clone()>{m}</p> }
                        })}
                    </div>
                    <div class="cp-field" class:cp-has-error=move || type_error().is_some()>
                        <label for=type_id.clone()>{words.phone_type_label}</label>
                        <select
                            id=type_id.clone()
                            name=move || type_path.get()
                            aria-invalid=move || type_error().map(|_| "true")
                            aria-describedby={
                                let id = type_error_id.clone();
                                move || type_error().map(|_| id.clone())
                            }
                            on:change=move |ev| {
                                if !ctx.active() {
                                    return;
                                }
                                row.kind.try_set(event_target_value(&ev));
                                if let Some(p) = type_path.try_get_untracked() { ctx.edited(&p) };
                                if let Some(p) = type_path.try_get_untracked() { ctx.validate(&p) };
                            }
                        >
                            {type_options}
                        </select>
                        {move || type_error().map(|m| {
                            view! { <p class="cp-field-error" id=type_error_id.clone()>{m}</p> }
                        })}
                    </div>
                </div>
                <div class="cp-phone-actions">
                    <button
                        type="button"
                        id=format!("{base}-up")
                        class="cp-button cp-secondary"
                        aria-label=move || numbered(words.move_phone_up, index.get() + 1)
                        disabled=move || index.get() == 0
                        on:click=move |_| move_by(-1, "up")
                    >
                        {words.move_up}
                    </button>
                    <button
                        type="button"
                        id=format!("{base}-down")
                        class="cp-button cp-secondary"
                        aria-label=move || numbered(words.move_phone_down, index.get() + 1)
                        disabled=move || { index.get() + 1 >= count.get() }
                        on:click=move |_| move_by(1, "down")
                    >
                        {words.move_down}
                    </button>
                    <button
                        type="button"
                        id=format!("{base}-remove")
                        class="cp-button cp-danger"
                        aria-label=move || numbered(words.remove_phone, index.get() + 1)
                        on:click=remove
                    >
                        {words.remove}
                    </button>
                </div>
            </fieldset>
        </li>
    }
}
