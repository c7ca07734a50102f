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

/// The wasm's allocator: lol_alloc's free list is 6 KB smaller than std's dlmalloc (issue 6).
/// The page has one thread.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    // SAFETY: wasm32-unknown-unknown without the atomics feature runs on one thread.
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
