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
pub mod crash;
pub mod diff;
pub mod draft;
pub mod embed;
pub mod host;
pub mod i18n;
pub mod intl;
pub mod json;
pub mod merge;
pub mod model;
pub mod validation;

/// Mounts the standalone app in the page's `<main id="customer-profile">` (the page's main
/// landmark), or on `<body>` when there is none; called by the binary's `main`.
pub fn start() {
    install_panic_hook();
    let document = web_sys::window().and_then(|w| w.document());
    let main = document.as_ref().and_then(|d| {
        d.get_element_by_id("customer-profile")
            .or_else(|| d.body().map(Into::into))
    });
    if let Some(main) = main {
        let lang = i18n::Lang::from_tag(&api::browser_language().unwrap_or_default());
        crash::register(&main, lang.words(), host::Events::on_body());
        components::dom::mount(&main, || {
            components::root(None, components::HostLink::default())
        })
        .forget();
    }
}

/// Reports a panic on the console and to the customer ([`crash`]) before the wasm instance
/// aborts (with `panic = "abort"` a panic otherwise shows only as "unreachable").
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("customer-profile: {info}").into());
            crash::show();
        }));
    });
}
