//! What every field of one form shares: the words, the baseline, the live draft and the
//! errors, provided once as a `Copy` context.

use leptos::prelude::*;

use super::state::FormState;
use crate::components::HostLink;
use crate::domain::diff::Change;
use crate::domain::draft::Draft;
use crate::domain::i18n::Catalogue;
use crate::domain::profile::Profile;
use crate::domain::validation::validate_field;

/// Shared by the fields of one form instance.
#[derive(Clone, Copy)]
pub struct FormCtx {
    pub words: &'static Catalogue,
    /// Makes element ids unique when several forms share a page.
    pub instance: u32,
    /// The profile as last read from the API.
    pub baseline: RwSignal<Profile>,
    /// The form as a plain value, recomputed when any field changes.
    pub draft: Memo<Draft>,
    /// What differs from the baseline, in form order (see [`crate::domain::diff::changes`]).
    pub changes: Memo<Vec<Change>>,
    pub form: FormState,
    /// Problems found in the browser, by JSON path, in form order.
    /// (The message, already in the form's language: the same type as the API's, one
    /// signal type fewer in the wasm.)
    pub client_errors: RwSignal<Vec<(String, String)>>,
    /// Messages the API gave for fields, by JSON path.
    pub server_errors: RwSignal<Vec<(String, String)>>,
    /// The form element, where focus moves are looked up.
    pub root: StoredValue<crate::components::dom::OneThread<Option<web_sys::Element>>>,
    /// The host link, to know when the form is being unmounted.
    pub link: StoredValue<HostLink>,
}

impl FormCtx {
    /// False while the form is being unmounted (or already is): handlers then do nothing.
    pub fn active(&self) -> bool {
        self.link
            .try_with_value(|l| !l.is_closing())
            .unwrap_or(false)
    }

    /// Moves focus to the element with `id` after the next render.
    pub fn focus(&self, id: String) {
        focus_later(self.root, id);
    }

    /// The element id for a JSON path (`address.city` → `cp1-address-city`).
    pub fn id(&self, path: &str) -> String {
        format!("cp{}-{}", self.instance, path.replace('.', "-"))
    }

    /// The message shown for a field: the browser's finding first, else the API's.
    pub fn error(&self, path: &str) -> Option<String> {
        let find = |errors: &Vec<(String, String)>| {
            errors
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, m)| m.clone())
        };
        self.client_errors
            .with(find)
            .or_else(|| self.server_errors.with(find))
    }

    /// Whether the field (a text field's path, or `phones` for the list) differs from the
    /// baseline; tracked. A scan of the few pending changes: a keystroke re-runs every
    /// field's mark, and must not rebuild anything per field (500 phones).
    pub fn is_dirty(&self, path: &str) -> bool {
        self.changes.with(|c| c.iter().any(|c| c.path == path))
    }

    /// Validates one field when the customer leaves it. Unmounting a form with a focused
    /// field blurs it after the state is gone: then there is nothing to validate.
    pub fn validate(&self, path: &str) {
        if !self.active() {
            return;
        }
        let Some(draft) = self.draft.try_get_untracked() else {
            return;
        };
        let Some(problem) = self
            .baseline
            .try_with_untracked(|b| validate_field(b, &draft, path))
        else {
            return;
        };
        let problem = problem.map(|p| p.message(self.words).to_owned());
        // Subscribers (the summary, the field's marks) hear only of a real change.
        self.client_errors.try_maybe_update(|errors| {
            let changed = match (errors.iter().position(|(p, _)| p == path), problem) {
                (Some(i), Some(problem)) if errors[i].1 == problem => false,
                (Some(i), Some(problem)) => {
                    errors[i].1 = problem;
                    true
                }
                (Some(i), None) => {
                    errors.remove(i);
                    true
                }
                (None, Some(problem)) => {
                    errors.push((path.to_owned(), problem));
                    true
                }
                (None, None) => false,
            };
            (changed, ())
        });
    }

    /// After an edit: the API's message for the field no longer applies, and a shown
    /// browser error is re-checked so it disappears as soon as the value is fixed.
    pub fn edited(&self, path: &str) {
        if !self.active() {
            return;
        }
        let has = |errors: Option<bool>| errors.unwrap_or(false);
        if has(self
            .server_errors
            .try_with_untracked(|e| e.iter().any(|(p, _)| p == path)))
        {
            self.server_errors
                .try_update(|e| e.retain(|(p, _)| p != path));
        }
        if has(self
            .client_errors
            .try_with_untracked(|e| e.iter().any(|(p, _)| p == path)))
        {
            self.validate(path);
        }
    }
}

/// Moves keyboard focus to the element with `id` inside `root` once the DOM has been updated.
/// Searching from the form, not the document, works inside a shadow root too.
pub fn focus_later(
    root: StoredValue<crate::components::dom::OneThread<Option<web_sys::Element>>>,
    id: String,
) {
    request_animation_frame(move || {
        let Some(form) = root.try_get_value().and_then(|r| r.0) else {
            return;
        };
        let found = form
            .query_selector(&format!("#{id}"))
            .ok()
            .flatten()
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(element) = found {
            let _ = element.focus();
        }
    });
}
