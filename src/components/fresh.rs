//! Views that are built anew, never patched in place.
//!
//! A reactive closure that returns a view compiles both its `build` and its `rebuild` (the
//! in-place patch) for the whole tree it returns. Where a tree is large and is replaced
//! rather than updated (loading → form → error, a notice, the phone rows after a move), the
//! patch code is kilobytes of wasm. [`fresh`] mounts the view into a container instead, and
//! unmounts the previous one (its DOM and its reactive state) first.

use leptos::html::{Div, ElementType};
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Fills `container` with `render()`'s view, and again, from scratch, whenever a signal
/// that `render` reads changes.
pub fn fresh<E, F, V>(container: NodeRef<E>, render: F)
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
    F: Fn() -> V + 'static,
    V: IntoView + 'static,
{
    Effect::new(move |previous: Option<Option<UnmountHandle<V::State>>>| {
        // Unmount first: the new view must not meet the old one's ids in the DOM.
        drop(previous);
        let parent = container.get()?.unchecked_into::<web_sys::HtmlElement>();
        let view = render();
        // Built untracked: only what `render` reads decides when to build again.
        Some(untrack(move || mount_to(parent, move || view)))
    });
}

/// A `<div class=class>` holding `render()`'s view (see [`fresh`]).
#[component]
pub fn Fresh<F, V>(render: F, class: &'static str) -> impl IntoView
where
    F: Fn() -> V + 'static,
    V: IntoView + 'static,
{
    let container = NodeRef::<Div>::new();
    fresh(container, render);
    view! { <div class=class node_ref=container></div> }
}
