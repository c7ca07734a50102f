//! customer-profile: a Leptos (CSR) app with which a signed-in customer reads and edits
//! their profile from the Customer Profile API.
//!
//! Pure logic (no browser dependency, unit-tested natively) lives in [`domain`]; the only
//! module that talks HTTP is [`api`]; [`browser`] holds what needs a browser but is no view
//! (the host's token and events, `Intl`, the panic alert); [`embed`] is the wasm export for
//! portals; the views live in [`components`]. See ARCHITECTURE.md for the map and the
//! invariants.

pub mod api;
pub mod browser;
pub mod components;
pub mod domain;
pub mod embed;

/// Mounts the standalone app in the page's `<main id="customer-profile">` (the page's main
/// landmark), or on `<body>` when there is none; called through `startStandalone` by the
/// entry module, with its Promise of what it sent early (see [`api::load_session`]).
/// `placeholder_shown`: the page's placeholder was on screen, so the loading view, if the
/// profile is not in yet, shows at once rather than after its delay.
pub fn start(boot: Option<js_sys::Promise>, placeholder_shown: bool) {
    install_panic_hook();
    let document = web_sys::window().and_then(|w| w.document());
    let main = document.as_ref().and_then(|d| {
        d.get_element_by_id("customer-profile")
            .or_else(|| d.body().map(Into::into))
    });
    if let Some(main) = main {
        let crash_id = browser::crash::register(&main, browser::host::Events::on_body());
        use leptos::prelude::*;
        use wasm_bindgen::JsCast;
        let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() else {
            return;
        };
        let link = components::HostLink::default();
        // The standalone app lives as long as the page.
        leptos::mount::mount_to(main, move || {
            browser::crash::follow_words(crash_id, link.locale.clone());
            view! { <components::App session=None link boot loading_at_once=placeholder_shown/> }
        })
        .forget();
    }
}

/// Reports a panic on the console and to the customer ([`browser::crash`]) before the wasm instance
/// aborts (with `panic = "abort"` a panic otherwise shows only as "unreachable").
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("customer-profile: {info}").into());
            browser::crash::show();
        }));
    });
}
