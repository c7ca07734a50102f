//! Labelled text inputs and selects, for the fixed fields and the phone rows alike. Every
//! control has `name` = its JSON path, a `<label>`, the right `autocomplete` token, and its
//! error tied with `aria-describedby`.

use leptos::prelude::*;
use reactive_stores::Field;

use super::context::FormCtx;

/// Writes `text` into `value` when it differs (and the field still exists); says whether it
/// wrote.
fn sync(value: Field<String>, text: String) -> bool {
    let differs = value.try_with_untracked(|v| *v != text).unwrap_or(false);
    if differs {
        value.try_set(text);
    }
    differs
}

/// Wraps `control` with its label, its changed mark and its error message. `marked`: the
/// field shows its own changed mark (a phone's members do not: the list is marked as a
/// whole, and typing must not re-run a mark per row).
fn shell(
    ctx: FormCtx,
    id: String,
    label: &'static str,
    marked: Option<&'static str>,
    error: Memo<Option<String>>,
    control: AnyView,
) -> impl IntoView {
    let dirty = move || marked.is_some_and(|path| ctx.is_dirty(path));
    let error_id = format!("{id}-error");
    view! {
        <div
            class="cp-field"
            part="field"
            class:cp-dirty=dirty
            class:cp-has-error=move || error.with(Option::is_some)
        >
            <label for=id part="label">
                {label}
                // Made when shown, not hidden: two elements fewer per field to build and
                // lay out when the form appears (the bench's mobile profile).
                {move || dirty().then(|| view! {
                    <span class="cp-changed-mark">{ctx.words().changed_mark}</span>
                })}
            </label>
            {control}
            {move || error.get().map(|message| view! {
                <p class="cp-field-error" part="field-error" id=error_id.clone()>{message}</p>
            })}
        </div>
    }
}

/// The error shown for the field named `name`, as a memo: the field's parts re-run only
/// when its own message changes.
fn error_of(ctx: FormCtx, name: Signal<String>) -> Memo<Option<String>> {
    Memo::new(move |_| name.with(|n| ctx.error(n)))
}

/// A text input bound to one field.
#[component]
pub fn TextField(
    ctx: FormCtx,
    value: Field<String>,
    /// The JSON path (`email`, `phones.0.number`): it follows a moved phone row.
    #[prop(into)]
    name: Signal<String>,
    id: String,
    label: &'static str,
    autocomplete: &'static str,
    input_type: &'static str,
    /// The path whose change the field marks, if it marks any.
    #[prop(optional)]
    marked: Option<&'static str>,
) -> impl IntoView {
    let error = error_of(ctx, name);
    let error_id = format!("{id}-error");
    let edited = move || name.with_untracked(|n| ctx.edited(n));
    let control = view! {
        <input
            part="input"
            id=id.clone()
            name=move || name.get()
            autocomplete=autocomplete
            type=input_type
            aria-invalid=move || error.with(|e| e.as_ref().map(|_| "true"))
            aria-describedby=move || error.with(|e| e.as_ref().map(|_| error_id.clone()))
            prop:value=move || value.try_get().unwrap_or_default()
            on:input:target=move |ev| {
                value.try_set(ev.target().value());
                edited();
            }
            // WebDriver's clear() and some autofill fire only `change`. Only a real
            // difference is written: a blur during unmount fires `change` too.
            on:change:target=move |ev| {
                if sync(value, ev.target().value()) {
                    edited();
                }
            }
            on:blur=move |_| name.with_untracked(|n| ctx.validate(n))
        />
    };
    shell(ctx, id, label, marked, error, control.into_any())
}

/// A select bound to one field. `options` are (value, text); a current value that is not
/// among them is offered too, as it is, so that it is kept unless changed, and so is `keep`
/// (the value as loaded: a value changed by mistake can be chosen again). The options may arrive late (the country names are looked up
/// after the form is shown). With `empty_label`, the first option means "no value".
#[component]
pub fn SelectField(
    ctx: FormCtx,
    value: Field<String>,
    #[prop(into)] name: Signal<String>,
    id: String,
    label: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] empty_label: Option<&'static str>,
    #[prop(into, optional)] keep: Signal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] marked: Option<&'static str>,
) -> impl IntoView {
    let error = error_of(ctx, name);
    let error_id = format!("{id}-error");
    // A value the list does not have (a locale or type the app has no name for, taken from
    // the server): offered as it is.
    let missing = Memo::new(move |_| {
        let current = value.try_get().unwrap_or_default();
        let listed = options.with(|list| list.iter().any(|(v, _)| *v == current));
        (!listed && !current.is_empty()).then_some(current)
    });
    // Plain `<option>`s with a static `selected`, built anew when the list changes: no
    // reactive state per option (there are 250 countries).
    let option_views = move || {
        let mut list = options.get();
        let current = value.try_get_untracked().unwrap_or_default();
        for extra in [keep.get(), missing.get().unwrap_or_default()] {
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
                view! { <option value=v selected=selected>{text}</option> }
            })
            .collect_view()
    };
    let control = view! {
        <select
            part="input"
            id=id.clone()
            name=move || name.get()
            autocomplete=autocomplete
            aria-invalid=move || error.with(|e| e.as_ref().map(|_| "true"))
            aria-describedby=move || error.with(|e| e.as_ref().map(|_| error_id.clone()))
            on:change:target=move |ev| {
                value.try_set(ev.target().value());
                name.with_untracked(|n| {
                    ctx.edited(n);
                    ctx.validate(n);
                });
            }
            // A value set by the form itself (Discard, the new baseline) is shown.
            prop:value=move || value.try_get().unwrap_or_default()
        >
            {option_views}
        </select>
    };
    shell(ctx, id, label, marked, error, control.into_any())
}
