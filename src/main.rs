//! Standalone entry point built by Trunk. It mounts the app only on the standalone page
//! (`<body data-customer-profile-standalone>`): a portal that loads the module mounts it
//! itself with `mount(element, options)`.

fn main() {
    let standalone = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|b| b.has_attribute("data-customer-profile-standalone"));
    if standalone {
        customer_profile::start();
    }
}
