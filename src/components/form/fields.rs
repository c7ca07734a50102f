//! Labelled text inputs and selects, for the fixed fields and the phone rows alike. Every
//! control has `name` = its JSON path, a `<label>`, the right `autocomplete` token, and its
//! error tied with `aria-describedby`.

use std::rc::Rc;

use leptos::prelude::*;

use super::context::FormCtx;
use crate::components::dom::{effect, el, elc, slot, El};

/// What a field shows: its JSON path, element id and label.
pub struct Field {
    pub path: Rc<str>,
    /// Defaults to the path's (phone rows give theirs, which follows the row).
    pub id: Option<String>,
    pub label: &'static str,
    pub value: RwSignal<String>,
}

/// Wraps `control` with its label, its changed mark and its error message.
fn shell(ctx: FormCtx, field: &Field, id: &str, control: El) -> El {
    let (path, label) = (&field.path, field.label);
    let error_id = format!("{id}-error");
    let mark = elc("span", "cp-changed-mark").text(ctx.words.changed_mark);
    let message = elc("p", "cp-field-error").attr("id", &error_id);
    let (field, mark_el, message_el, control_el) = (
        elc("div", "cp-field"),
        mark.element().clone(),
        message.element().clone(),
        control.element().clone(),
    );
    let field_el = field.element().clone();
    // A phone's number and type are not marked one by one (the phone list is, as a whole):
    // their marks read no signal, so typing does not re-run 1000 closures.
    if path.starts_with("phones.") {
        let _ = mark_el.toggle_attribute_with_force("hidden", true);
    } else {
        let path = path.clone();
        let (field_el, mark_el) = (field_el.clone(), mark_el.clone());
        effect(Box::new(move || {
            let dirty = ctx.is_dirty(&path);
            let _ = field_el.class_list().toggle_with_force("cp-dirty", dirty);
            let _ = mark_el.toggle_attribute_with_force("hidden", !dirty);
        }));
    }
    // One effect for everything the field's error changes: the field's class, the message
    // (`hidden` when there is none), and the control's `aria-invalid`/`aria-describedby`.
    let path = path.clone();
    effect(Box::new(move || {
        let error = ctx.error(&path);
        let _ = field_el
            .class_list()
            .toggle_with_force("cp-has-error", error.is_some());
        let _ = message_el.toggle_attribute_with_force("hidden", error.is_none());
        message_el.set_text_content(error.as_deref());
        let _ = match error {
            Some(_) => control_el
                .set_attribute("aria-invalid", "true")
                .and_then(|()| control_el.set_attribute("aria-describedby", &error_id)),
            None => control_el
                .remove_attribute("aria-invalid")
                .and_then(|()| control_el.remove_attribute("aria-describedby")),
        };
    }));
    field
        .child(el("label").attr("for", id).text(label).child(mark))
        .child(control)
        .child(message)
}

/// A control with its common attributes (id, name, autocomplete), and its id.
fn control(ctx: FormCtx, tag: &str, field: &Field, autocomplete: Option<&str>) -> (El, String) {
    let id = field.id.clone().unwrap_or_else(|| ctx.id(&field.path));
    let control = el(tag)
        .attr("id", &id)
        .attr("name", &field.path)
        .attr_opt("autocomplete", autocomplete);
    (control, id)
}

/// Writes `text` into `value` when it differs (and the signal still exists); says whether it
/// wrote.
pub fn sync(value: RwSignal<String>, text: String) -> bool {
    let differs = value.try_with_untracked(|v| *v != text).unwrap_or(false);
    if differs {
        value.try_set(text);
    }
    differs
}

/// A text input bound to one field.
pub fn text_field(
    ctx: FormCtx,
    field: Field,
    autocomplete: &'static str,
    input_type: &'static str,
) -> El {
    let value = field.value;
    let (p1, p2, p3) = (field.path.clone(), field.path.clone(), field.path.clone());
    let (input, id) = control(ctx, "input", &field, Some(autocomplete));
    let input = input
        .attr("type", input_type)
        .value_with(move || value.get())
        .on("input", move |ev| {
            if ctx.active() {
                value.try_set(event_target_value(&ev));
                ctx.edited(&p1);
            }
        })
        // WebDriver's clear() and some autofill fire only `change`. Only a real
        // difference is written: a blur during unmount fires `change` too.
        .on("change", move |ev| {
            if ctx.active() && sync(value, event_target_value(&ev)) {
                ctx.edited(&p2);
            }
        })
        .on("blur", move |_| ctx.validate(&p3));
    shell(ctx, &field, &id, input)
}

/// A select bound to one field. `options` are (value, text); a current value that is not
/// among them is offered too, as it is, so that it is kept unless changed. The options may
/// arrive late (the country names are looked up after the form is shown). With
/// `empty_label`, the first option means "no value". `keep`: a value offered even when it
/// is not among `options` (the value as loaded: a phone row's select is built anew when
/// the row moves, and must still offer it).
pub fn select_field(
    ctx: FormCtx,
    field: Field,
    autocomplete: Option<&'static str>,
    empty_label: Option<&'static str>,
    keep: Option<String>,
    options: Signal<Vec<(String, String)>>,
) -> El {
    let value = field.value;
    let changed = field.path.clone();
    let (select, id) = control(ctx, "select", &field, autocomplete);
    let select = select.on("change", move |ev| {
        if !ctx.active() {
            return;
        }
        value.try_set(event_target_value(&ev));
        ctx.edited(&changed);
        ctx.validate(&changed);
    });
    // Plain `<option>`s with a static `selected`, built anew when the list changes: no
    // reactive state per option (there are 250 countries).
    slot(
        &select,
        move || options.get(),
        move |mut list| {
            let current = value.get_untracked();
            for extra in [keep.clone().unwrap_or_default(), current.clone()] {
                if !extra.is_empty() && !list.iter().any(|(v, _)| *v == extra) {
                    list.insert(0, (extra.clone(), extra));
                }
            }
            if let Some(empty) = empty_label {
                list.insert(0, (String::new(), empty.to_owned()));
            }
            list.into_iter()
                .map(|(v, text)| {
                    let selected = v == current;
                    el("option")
                        .attr("value", &v)
                        .flag("selected", selected)
                        .text(&text)
                })
                .collect()
        },
    );
    // A value set by the form itself (Discard, the new baseline after a save) is shown.
    let select = select.value_with(move || value.get());
    shell(ctx, &field, &id, select)
}
