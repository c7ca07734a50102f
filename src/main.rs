//! Trunk's entry point: it installs the panic hook and leaves the rest to the entry module
//! (`package/customer-profile.js`), which first tells the wasm where the catalogues
//! of the UI's languages are, then mounts the standalone page (`<body
//! data-customer-profile-standalone>`) with `startStandalone()`; a portal mounts the editor
//! itself with `mount(element, options)`.

fn main() {
    customer_profile::install_panic_hook();
}
