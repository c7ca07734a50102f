//! The pure core: what the app knows about profiles, drafts, the minimal PATCH, merging,
//! validation, errors, words and configuration. Nothing here touches a browser (no
//! `web_sys`, `js_sys`, `gloo`, `wasm_bindgen` or Leptos views; `tests/domain_is_pure.rs`
//! checks it), so all of it builds and is tested natively.

pub mod api_error;
pub mod config;
pub mod countries;
pub mod diff;
pub mod draft;
pub mod i18n;
pub mod merge;
pub mod profile;
pub mod validation;
pub mod wire;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzzing;
