//! The views. They hold no business logic: data comes from [`crate::api`], words from
//! [`crate::i18n`], decisions from the pure modules.

mod app;
mod error_panel;
mod form;
mod fresh;
mod loading;
mod membership;

pub use app::{report, App, HostLink, Root};
pub use error_panel::ErrorPanel;
pub use form::ProfileForm;
pub use fresh::{fresh, Fresh};
pub use loading::Loading;
pub use membership::Membership;
