//! customer-profile: a Leptos (CSR) app with which a signed-in customer reads, and later edits,
//! their profile from the Customer Profile API.
//!
//! Pure logic (no browser dependency, unit-tested natively): [`config`], [`model`],
//! [`load_error`], [`i18n`]. The only module that talks HTTP is [`api`]; the views live in
//! [`components`]. See ARCHITECTURE.md for the map and the invariants.

pub mod api;
pub mod components;
pub mod config;
pub mod i18n;
pub mod load_error;
pub mod model;

/// Mounts the standalone app on `<body>`; called by the binary's `main`.
pub fn start() {
    leptos::mount::mount_to_body(components::App);
}
