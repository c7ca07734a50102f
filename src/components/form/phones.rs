//! The phones fieldset: edit number and type, add, remove, move up and down. Each row's
//! element ids come from a stable row id (so focus can follow a moved row); names and
//! labels follow the index. When the list changes, the rows are rendered anew (typing never
//! changes the list). More than [`MAX_EDITABLE_PHONES`] are listed as text, not editable.

use leptos::prelude::*;

use super::context::FormCtx;
use super::fields::{select_field, text_field, Field};
use super::state::PhoneRow;
use crate::browser::intl::format_integer;
use crate::components::dom::{el, elc, slot, El};
use crate::domain::draft::{MAX_EDITABLE_PHONES, PHONE_TYPES};
use crate::domain::i18n::numbered;

/// The list of phones with its "Add phone" button.
pub fn phones(ctx: FormCtx, ui_locale: &'static str) -> El {
    let words = ctx.words;
    let rows = ctx.form.phones;
    let too_many = move || rows.with(|r| r.len() > MAX_EDITABLE_PHONES);
    let add = move |_| {
        if !ctx.active() || too_many() {
            return;
        }
        let row = ctx.form.new_row(String::new(), PHONE_TYPES[0].to_owned());
        rows.update(|r| r.push(row));
        ctx.focus(format!("{}-{}-number", ctx.id("phone"), row.id));
    };
    // Rendered anew when the list changes (add, remove, move); typing changes no row list.
    let list = elc("ol", "cp-phone-list");
    slot(
        &list,
        move || rows.get(),
        move |list| {
            let count = list.len();
            if count > MAX_EDITABLE_PHONES {
                // As text: one element each, no signal read, nothing to validate or send.
                return list
                    .into_iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let kind = row.kind.get_untracked();
                        let label = words.phone_type(&kind).unwrap_or(&kind);
                        let number = row.number.get_untracked();
                        el("li")
                            .attr("data-field", &format!("phones.{i}"))
                            .text(&format!("{number} ({label})"))
                    })
                    .collect();
            }
            list.into_iter()
                .enumerate()
                .map(|(index, row)| phone_row(ctx, row, index, count))
                .collect()
        },
    );
    elc("fieldset", "cp-phones")
        .class_with("cp-dirty", move || ctx.is_dirty("phones"))
        .child(
            el("legend").text(words.phones).child(
                elc("span", "cp-changed-mark")
                    .flag_with("hidden", move || !ctx.is_dirty("phones"))
                    .text(words.changed_mark),
            ),
        )
        .child(
            elc("p", "cp-empty")
                .flag_with("hidden", move || !rows.with(Vec::is_empty))
                .text(words.no_phones),
        )
        .child(
            elc("p", "cp-phones-read-only")
                .flag_with("hidden", move || !too_many())
                .text_with(move || match rows.with(Vec::len) {
                    n if n > MAX_EDITABLE_PHONES => {
                        numbered(words.phones_read_only, format_integer(ui_locale, n as i64))
                    }
                    _ => String::new(),
                }),
        )
        .child(list)
        .child(
            button(
                "cp-button cp-secondary",
                &ctx.id("phones-add"),
                words.add_phone,
            )
            .flag_with("disabled", too_many)
            .on("click", add),
        )
}

/// A `<button type=button>` with its class, id and text.
fn button(class: &str, id: &str, text: &str) -> El {
    elc("button", class)
        .attr("type", "button")
        .attr("id", id)
        .text(text)
}

/// One phone (at `index` of `count`): number, type, and its move and remove buttons.
fn phone_row(ctx: FormCtx, row: PhoneRow, index: usize, count: usize) -> El {
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
        if !ctx.active() {
            return;
        }
        rows.update(|r| r.swap(index, to));
        // The rows are rendered again: give focus back to the same button of the moved row,
        // unless that button is now disabled (top or bottom), then to the other one.
        let edge = to == 0 || to + 1 == count;
        let target = match (edge, button) {
            (true, "up") => "down",
            (true, _) => "up",
            (false, _) => button,
        };
        ctx.focus(format!("{}-{}-{target}", ctx.id("phone"), row.id));
    };
    let remove = move |_| {
        if !ctx.active() {
            return;
        }
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
    let number = Field {
        path: format!("phones.{index}.number").into(),
        id: Some(format!("{base}-number")),
        label: words.phone_number,
        value: row.number,
    };
    let kind = Field {
        path: format!("phones.{index}.type").into(),
        id: Some(format!("{base}-type")),
        label: words.phone_type_label,
        value: row.kind,
    };
    let keep = Some(row.loaded_kind.get_untracked());
    let n = index + 1;
    el("li").attr("class", "cp-phone").child(
        el("fieldset")
            .child(el("legend").text(&numbered(words.phone_n, n)))
            .child(
                elc("div", "cp-phone-fields")
                    .child(text_field(ctx, number, "tel", "tel"))
                    .child(select_field(
                        ctx,
                        kind,
                        None,
                        None,
                        keep,
                        Signal::stored(types),
                    )),
            )
            .child(
                elc("div", "cp-phone-actions")
                    .child(
                        button(
                            "cp-button cp-secondary",
                            &format!("{base}-up"),
                            words.move_up,
                        )
                        .attr("aria-label", &numbered(words.move_phone_up, n))
                        .flag("disabled", index == 0)
                        .on("click", move |_| move_by(-1, "up")),
                    )
                    .child(
                        button(
                            "cp-button cp-secondary",
                            &format!("{base}-down"),
                            words.move_down,
                        )
                        .attr("aria-label", &numbered(words.move_phone_down, n))
                        .flag("disabled", n >= count)
                        .on("click", move |_| move_by(1, "down")),
                    )
                    .child(
                        button(
                            "cp-button cp-danger",
                            &format!("{base}-remove"),
                            words.remove,
                        )
                        .attr("aria-label", &numbered(words.remove_phone, n))
                        .on("click", remove),
                    ),
            ),
    )
}
