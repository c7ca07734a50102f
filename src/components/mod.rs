//! The views. They hold no business logic: data comes from [`crate::api`], words from
//! [`crate::domain::i18n`], decisions from the pure modules. Built with [`dom`], kept live by
//! Leptos' reactive graph.

mod app;
pub mod dom;
mod error_panel;
mod form;
mod loading;
mod membership;

pub use app::{report, root, HostLink};
pub use error_panel::error_panel;
pub use form::profile_form;
pub use loading::loading;
pub use membership::membership;
