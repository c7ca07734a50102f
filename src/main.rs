//! Standalone entry point built by Trunk: mounts the app on the page.

fn main() {
    customer_profile::start();
}
