//! Labelled text inputs and selects, for the fixed fields and the phone rows alike. Every
//! control has `name` = its JSON path, a `<label>`, the right `autocomplete` token, and its
//! error tied with `aria-describedby`.

use std::sync::Arc;

use leptos::prelude::*;

use super::context::FormCtx;
use crate::components::fresh;

/// Wraps a control with its label, its changed mark and its error message.
#[component]
fn FieldShell(
    path: Arc<str>,
    id: String,
    label: &'static str,
    children: Children,
) -> impl IntoView {
    let ctx = expect_context::<FormCtx>();
    let error_id = format!("{id}-error");
    // A phone's number and type are not marked one by one (the phone list is, as a whole):
    // their marks then read no signal, so typing does not re-run 1000 closures.
    let markable = !path.starts_with("phones.");
    let (p1, p2, p3, p4, p5) = (path.clone(), path.clone(), path.clone(), path.clone(), path);
    // The mark and the message stay in the DOM, `hidden` when they do not apply: cheaper
    // in code size than views that come and go (issue 6).
    view! {
        <div
            class="cp-field"
            class:cp-dirty=move || markable && ctx.is_dirty(&p1)
            class:cp-has-error=move || ctx.error(&p5).is_some()
        >
            <label for=id>
                {label}
                <span class="cp-changed-mark" hidden=move || !(markable && ctx.is_dirty(&p3))>
                    {ctx.words.changed_mark}
                </span>
            </label>
            {children()}
            <p class="cp-field-error" id=error_id hidden=move || ctx.error(&p2).is_none()>
                {move || ctx.error(&p4)}
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

/// `aria-invalid` and `aria-describedby` values for the field at `path` whose control has
/// the element id `id`, reactive. (Closures, not `Signal`s: one type fewer in the wasm.)
fn error_attrs(
    ctx: FormCtx,
    path: &Arc<str>,
    id: &str,
) -> (
    impl Fn() -> Option<&'static str> + Send + Sync + 'static,
    impl Fn() -> Option<String> + Send + Sync + 'static,
) {
    let error_id = format!("{id}-error");
    let (p1, p2) = (path.clone(), path.clone());
    (
        move || ctx.error(&p1).map(|_| "true"),
        move || ctx.error(&p2).map(|_| error_id.clone()),
    )
}

/// A text input bound to one field. `id` defaults to the path's (phone rows give theirs,
/// which follows the row, not its index).
#[component]
pub fn TextField(
    #[prop(into)] path: Arc<str>,
    #[prop(optional)] id: Option<String>,
    label: &'static str,
    value: RwSignal<String>,
    autocomplete: &'static str,
    #[prop(default = "text")] input_type: &'static str,
) -> impl IntoView {
    let ctx = expect_context::<FormCtx>();
    let id = id.unwrap_or_else(|| ctx.id(&path));
    let (invalid, described_by) = error_attrs(ctx, &path, &id);
    let (p1, p2, p3) = (path.clone(), path.clone(), path.clone());
    view! {
        <FieldShell path=path.clone() id=id.clone() label>
            <input
                id=id
                type=input_type
                name=path.to_string()
                autocomplete=autocomplete
                bind:value=value
                aria-invalid=invalid
                aria-describedby=described_by
                on:input=move |_| ctx.edited(&p1)
                // WebDriver's clear() and some autofill fire only `change`. Only a real
                // difference is written: a blur during unmount fires `change` too.
                on:change=move |ev| {
                    if ctx.active() && sync(value, event_target_value(&ev)) {
                        ctx.edited(&p2);
                    }
                }
                on:blur=move |_| ctx.validate(&p3)
            />
        </FieldShell>
    }
}

/// A select bound to one field. `options` are (value, text); a current value that is not
/// among them is offered too, as it is, so that it is kept unless changed. The options may
/// arrive late (the country names are looked up after the form is shown). With
/// `empty_label`, the first option means "no value".
#[component]
pub fn SelectField(
    #[prop(into)] path: Arc<str>,
    #[prop(optional)] id: Option<String>,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] empty_label: Option<&'static str>,
    /// A value offered even when it is not among `options` (the value as loaded: the select
    /// is built anew when a phone row moves, and must still offer it).
    #[prop(optional)]
    keep: Option<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let ctx = expect_context::<FormCtx>();
    let id = id.unwrap_or_else(|| ctx.id(&path));
    let (invalid, described_by) = error_attrs(ctx, &path, &id);
    let select = NodeRef::<leptos::html::Select>::new();
    // Plain `<option>`s with a static `selected`, built anew when the list changes: no
    // reactive state per option (there are 250 countries).
    fresh(select, move || {
        let current = value.get_untracked();
        let mut list = options.get();
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
    let changed = path.clone();
    view! {
        <FieldShell path=path.clone() id=id.clone() label>
            <select
                id=id
                name=path.to_string()
                autocomplete=autocomplete
                aria-invalid=invalid
                aria-describedby=described_by
                node_ref=select
                on:change=move |ev| {
                    if !ctx.active() {
                        return;
                    }
                    value.try_set(event_target_value(&ev));
                    ctx.edited(&changed);
                    ctx.validate(&changed);
                }
            ></select>
        </FieldShell>
    }
}
