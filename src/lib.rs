//! customer-profile: a Leptos (CSR) app with which a signed-in customer reads and edits
//! their profile from the Customer Profile API.
//!
//! Pure logic (no browser dependency, unit-tested natively): [`config`], [`model`],
//! [`draft`], [`diff`] (the minimal PATCH), [`validation`], [`countries`], [`api_error`],
//! [`i18n`]. The only module that talks HTTP is [`api`]; [`intl`] wraps the browser's `Intl`;
//! the views live in [`components`]. See ARCHITECTURE.md for the map and the invariants.

pub mod api;
pub mod api_error;
pub mod components;
pub mod config;
pub mod countries;
pub mod diff;
pub mod draft;
pub mod embed;
pub mod host;
pub mod i18n;
pub mod intl;
pub mod model;
pub mod validation;

/// Mounts the standalone app on `<body>`; called by the binary's `main`.
pub fn start() {
    install_panic_hook();
    leptos::mount::mount_to_body(components::App);
}

/// Reports a panic on the console before the wasm instance aborts (with `panic = "abort"`
/// a panic otherwise shows only as "unreachable").
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("customer-profile: {info}").into());
        }));
    });
}
