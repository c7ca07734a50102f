//! What every field of one form shares: the words, the baseline, the live draft and the
//! errors, provided once as a `Copy` context.

use leptos::prelude::*;

use super::state::FormState;
use crate::diff::is_changed;
use crate::draft::Draft;
use crate::i18n::Catalogue;
use crate::model::Profile;
use crate::validation::{validate_field, Problem};

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
    pub form: FormState,
    /// Problems found in the browser, by JSON path, in form order.
    pub client_errors: RwSignal<Vec<(String, Problem)>>,
    /// Messages the API gave for fields, by JSON path.
    pub server_errors: RwSignal<Vec<(String, String)>>,
}

impl FormCtx {
    /// The element id for a JSON path (`address.city` → `cp1-address-city`).
    pub fn id(&self, path: &str) -> String {
        format!("cp{}-{}", self.instance, path.replace('.', "-"))
    }

    /// The message shown for a field: the browser's finding first, else the API's.
    pub fn error(&self, path: &str) -> Option<String> {
        let client = self.client_errors.with(|errors| {
            errors
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, problem)| problem.message(self.words).to_owned())
        });
        client.or_else(|| {
            self.server_errors.with(|errors| {
                errors
                    .iter()
                    .find(|(p, _)| p == path)
                    .map(|(_, m)| m.clone())
            })
        })
    }

    /// Whether the field differs from the baseline (tracked).
    pub fn is_dirty(&self, path: &str) -> bool {
        self.baseline
            .with(|b| self.draft.with(|d| is_changed(b, d, path)))
    }

    /// Validates one field when the customer leaves it.
    pub fn validate(&self, path: &str) {
        let problem = self
            .baseline
            .with_untracked(|b| validate_field(b, &self.draft.get_untracked(), path));
        self.client_errors.update(|errors| {
            match (errors.iter().position(|(p, _)| p == path), problem) {
                (Some(i), Some(problem)) => errors[i].1 = problem,
                (Some(i), None) => {
                    errors.remove(i);
                }
                (None, Some(problem)) => errors.push((path.to_owned(), problem)),
                (None, None) => {}
            }
        });
    }

    /// After an edit: the API's message for the field no longer applies, and a shown
    /// browser error is re-checked so it disappears as soon as the value is fixed.
    pub fn edited(&self, path: &str) {
        if self
            .server_errors
            .with_untracked(|e| e.iter().any(|(p, _)| p == path))
        {
            self.server_errors.update(|e| e.retain(|(p, _)| p != path));
        }
        if self
            .client_errors
            .with_untracked(|e| e.iter().any(|(p, _)| p == path))
        {
            self.validate(path);
        }
    }
}

/// Moves keyboard focus to the element with `id` once the DOM has been updated.
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(&id) {
            if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
                let _ = element.focus();
            }
        }
    });
}
