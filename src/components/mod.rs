//! The views. They hold no business logic: data comes from [`crate::api`], words from
//! [`crate::domain::i18n`], decisions from the pure modules. Written as Leptos components
//! with `view!`.

mod app;
mod error_panel;
mod form;
mod loading;
mod membership;

pub use app::{report, App, HostLink};
pub use error_panel::ErrorPanel;
pub use form::ProfileForm;
pub use loading::Loading;
pub use membership::Membership;
