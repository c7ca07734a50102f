//! What every part of one form shares: the words, the baseline, the store, the live draft
//! and the errors, provided once as a `Copy` value.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::FormStore;
use crate::domain::diff::Change;
use crate::domain::draft::Draft;
use crate::domain::i18n::{Catalogue, Words};
use crate::domain::profile::Profile;
use crate::domain::validation::validate_field;

/// Shared by the parts of one form instance.
#[derive(Clone, Copy)]
pub struct FormCtx {
    /// The form's language; it can change while the form is shown (the view is then built
    /// anew, in the new words, from the same store).
    pub words: Memo<Words>,
    /// Makes element ids unique when several forms share a page.
    pub instance: u32,
    /// The profile as last read from the API.
    pub baseline: RwSignal<Profile>,
    /// The form's state.
    pub store: FormStore,
    /// The form as a plain value, recomputed when any field changes.
    pub draft: Memo<Draft>,
    /// What differs from the baseline, in form order (see [`crate::domain::diff::changes`]).
    pub changes: Memo<Vec<Change>>,
    /// Problems found in the browser: (JSON path, message in the form's language), in form
    /// order.
    pub client_errors: RwSignal<Vec<(String, String)>>,
    /// Messages the API gave for fields, by JSON path.
    pub server_errors: RwSignal<Vec<(String, String)>>,
    /// The form element, where focus moves are looked up (inside a shadow root too).
    pub root: NodeRef<html::Form>,
}

impl FormCtx {
    /// The form's language now (untracked, like [`Self::words`]).
    pub fn lang(&self) -> crate::domain::i18n::Lang {
        self.words.try_get_untracked().unwrap_or_default().lang
    }

    /// The words of the form's language now (untracked: a change of language rebuilds the
    /// whole view, see [`super::ProfileForm`]).
    pub fn words(&self) -> &'static Catalogue {
        self.words.try_get_untracked().unwrap_or_default().catalogue
    }

    /// Moves focus to the element with `id` after the next render.
    pub fn focus(&self, id: String) {
        let root = self.root;
        request_animation_frame(move || {
            let Some(form) = root.try_get_untracked().flatten() else {
                return;
            };
            let found = form
                .query_selector(&format!("#{id}"))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(element) = found {
                let _ = element.focus();
            }
        });
    }

    /// The element id for a JSON path (`address.city` → `cp1-address-city`).
    pub fn id(&self, path: &str) -> String {
        format!("cp{}-{}", self.instance, path.replace('.', "-"))
    }

    /// The id prefix of the phone row with row id `row` (`cp1-phone-3`).
    pub fn phone_id(&self, row: u32) -> String {
        format!("cp{}-phone-{row}", self.instance)
    }

    /// The message shown for a field: the browser's finding first, else the API's; tracked.
    pub fn error(&self, path: &str) -> Option<String> {
        let find = |errors: &Vec<(String, String)>| {
            errors
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, m)| m.clone())
        };
        self.client_errors
            .try_with(find)
            .flatten()
            .or_else(|| self.server_errors.try_with(find).flatten())
    }

    /// Whether the field (a text field's path, or `phones` for the list) differs from the
    /// baseline; tracked. A scan of the few pending changes.
    pub fn is_dirty(&self, path: &str) -> bool {
        self.changes
            .try_with(|c| c.iter().any(|c| c.path == path))
            .unwrap_or(false)
    }

    /// Validates one field when the customer leaves it. Every access is a `try_`: a blur
    /// can come while the form is being removed.
    pub fn validate(&self, path: &str) {
        let Some(draft) = self.draft.try_get_untracked() else {
            return;
        };
        let Some(problem) = self
            .baseline
            .try_with_untracked(|b| validate_field(b, &draft, path))
        else {
            return;
        };
        let problem = problem.map(|p| p.message(self.words()).to_owned());
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

    /// Clears every field error (Discard, a save that went through).
    pub fn clear_errors(&self) {
        self.client_errors.try_set(Vec::new());
        self.server_errors.try_set(Vec::new());
    }
}
