//! Labelled text inputs and selects. Every control has `name` = its JSON path, a `<label>`,
//! the right `autocomplete` token, and its error tied with `aria-describedby`.

use leptos::prelude::*;

use super::context::FormCtx;
use crate::components::fresh;

/// Wraps a control with its label, its changed mark and its error message.
#[component]
fn FieldShell(path: &'static str, label: &'static str, children: Children) -> impl IntoView {
    let ctx = expect_context::<FormCtx>();
    let id = ctx.id(path);
    let error_id = format!("{id}-error");
    // The mark and the message stay in the DOM, `hidden` when they do not apply: cheaper
    // in code size than views that come and go (issue 6).
    view! {
        <div
            class="cp-field"
            class:cp-dirty=move || ctx.is_dirty(path)
            class:cp-has-error=move || ctx.error(path).is_some()
        >
            <label for=id>
                {label}
                <span class="cp-changed-mark" hidden=move || !ctx.is_dirty(path)>
                    {ctx.words.changed_mark}
                </span>
            </label>
            {children()}
            <p class="cp-field-error" id=error_id hidden=move || ctx.error(path).is_none()>
                {move || ctx.error(path)}
            </p>
        </div>
    }
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

/// `aria-invalid` and `aria-describedby` values for a field, reactive.
fn error_attrs(
    ctx: FormCtx,
    path: &'static str,
) -> (Signal<Option<&'static str>>, Signal<Option<String>>) {
    let error_id = format!("{}-error", ctx.id(path));
    (
        Signal::derive(move || ctx.error(path).map(|_| "true")),
        Signal::derive(move || ctx.error(path).map(|_| error_id.clone())),
    )
}

/// A text input bound to one field.
#[component]
pub fn TextField(
    path: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    autocomplete: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "")] inputmode: &'static str,
) -> impl IntoView {
    let ctx = expect_context::<FormCtx>();
    let (invalid, described_by) = error_attrs(ctx, path);
    view! {
        <FieldShell path label>
            <input
                id=ctx.id(path)
                type=input_type
                name=path
                autocomplete=autocomplete
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                bind:value=value
                aria-invalid=invalid
                aria-describedby=described_by
                on:input=move |_| ctx.edited(path)
                // WebDriver's clear() and some autofill fire only `change`. Only a real
                // difference is written: a blur during unmount fires `change` too.
                on:change=move |ev| {
                    if ctx.active() && sync(value, event_target_value(&ev)) {
                        ctx.edited(path);
                    }
                }
                on:blur=move |_| ctx.validate(path)
            />
        </FieldShell>
    }
}

/// A select bound to one field. `options` are (value, text); a current value that is not
/// among them is offered too, as it is, so that it is kept unless changed. The options may
/// arrive late (the country names are looked up after the form is shown).
#[component]
pub fn SelectField(
    path: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    autocomplete: &'static str,
    /// Text of the "no value" option.
    empty_label: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let ctx = expect_context::<FormCtx>();
    let (invalid, described_by) = error_attrs(ctx, path);
    let select = NodeRef::<leptos::html::Select>::new();
    // Plain `<option>`s with a static `selected`, built anew when the list changes: no
    // reactive state per option (there are 250 countries).
    fresh(select, move || {
        let current = value.get_untracked();
        let mut list = options.get();
        if !current.is_empty() && !list.iter().any(|(v, _)| *v == current) {
            list.insert(0, (current.clone(), current.clone()));
        }
        list.insert(0, (String::new(), empty_label.to_owned()));
        list.into_iter()
            .map(|(v, text)| {
                let selected = v == current;
                view! { <option value=v selected=selected>{text}</option> }
            })
            .collect_view()
    });
    // A value set by the form itself (Discard, the new baseline after a save) is shown.
    Effect::new(move |_| {
        let wanted = value.get();
        if let Some(select) = select.get_untracked() {
            if select.value() != wanted {
                select.set_value(&wanted);
            }
        }
    });
    view! {
        <FieldShell path label>
            <select
                id=ctx.id(path)
                name=path
                autocomplete=autocomplete
                aria-invalid=invalid
                aria-describedby=described_by
                node_ref=select
                on:change=move |ev| {
                    if !ctx.active() {
                        return;
                    }
                    value.try_set(event_target_value(&ev));
                    ctx.edited(path);
                    ctx.validate(path);
                }
            ></select>
        </FieldShell>
    }
}
