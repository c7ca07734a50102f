//! The views' DOM builder: elements made with plain DOM calls, kept live by Leptos'
//! reactive graph (signals, memos, render effects, owners).
//!
//! Why not `view!`: tachys compiles every view into code of its own type — its build, its
//! patch, its drop glue, one render-effect closure per reactive attribute. For this form that
//! was about 100 KB of the 325 KB of wasm, and the issue-6 budget (90 KB brotli for the
//! whole page) could not be met with it. Here every element goes through the same few
//! non-generic functions: a reactive attribute is one boxed closure run by one kind of
//! render effect. What `view!` gave and is kept: text is always a text node (never HTML),
//! bindings update only what they read, and a [`slot`] disposes the reactive state of what it
//! replaces.
//!
//! Event listeners are handed to the JS garbage collector with the element
//! (`Closure::into_js_value`): a handler can still run while its element leaves the DOM (a
//! focused field fires `blur`), after the state it reads is disposed, so handlers use the
//! `try_` accessors or check `FormCtx::active`.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue, UnwrapThrowExt};
use web_sys::{Element, Event};

thread_local! {
    static DOCUMENT: web_sys::Document = web_sys::window()
        .and_then(|w| w.document())
        .expect_throw("customer-profile needs a document");
}

/// An element under construction (and, once built, a handle to it).
pub struct El(Element);

/// A new `<tag>` element.
pub fn el(tag: &str) -> El {
    El(DOCUMENT.with(|d| d.create_element(tag).expect_throw("element")))
}

/// A new `<tag class=class>` element.
pub fn elc(tag: &str, class: &str) -> El {
    el(tag).attr("class", class)
}

impl El {
    /// Sets an attribute.
    pub fn attr(self, name: &str, value: &str) -> Self {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Sets an attribute when there is a value.
    pub fn attr_opt(self, name: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.attr(name, value),
            None => self,
        }
    }

    /// Sets (or leaves out) a boolean attribute such as `disabled` or `hidden`.
    pub fn flag(self, name: &str, on: bool) -> Self {
        if on {
            self.attr(name, "")
        } else {
            self
        }
    }

    /// Appends text, as a text node: never parsed as HTML.
    pub fn text(self, text: &str) -> Self {
        let _ = self.0.append_with_str_1(text);
        self
    }

    /// Appends a child element.
    pub fn child(self, child: El) -> Self {
        let _ = self.0.append_child(&child.0);
        self
    }

    /// Appends a child element when there is one.
    pub fn child_opt(self, child: Option<El>) -> Self {
        match child {
            Some(child) => self.child(child),
            None => self,
        }
    }

    /// Appends child elements.
    pub fn children(self, children: impl IntoIterator<Item = El>) -> Self {
        for child in children {
            let _ = self.0.append_child(&child.0);
        }
        self
    }

    /// Calls `handler` on each `event` (for the element's lifetime).
    pub fn on(self, event: &str, handler: impl FnMut(Event) + 'static) -> Self {
        listen(&self.0, event, Box::new(handler));
        self
    }

    /// Keeps the attribute `name` equal to `value()` (absent when `None`), reactively.
    pub fn attr_with(
        self,
        name: &'static str,
        value: impl Fn() -> Option<String> + 'static,
    ) -> Self {
        bind(&self.0, Binding::Attr(name, Box::new(value)));
        self
    }

    /// Keeps the boolean attribute `name` (`hidden`, `disabled`) present while `on()`.
    pub fn flag_with(self, name: &'static str, on: impl Fn() -> bool + 'static) -> Self {
        bind(&self.0, Binding::Flag(name, Box::new(on)));
        self
    }

    /// Keeps `class` on the element while `on()`.
    pub fn class_with(self, class: &'static str, on: impl Fn() -> bool + 'static) -> Self {
        bind(&self.0, Binding::Class(class, Box::new(on)));
        self
    }

    /// Appends a text node that keeps the text `text()`, reactively.
    pub fn text_with(self, text: impl Fn() -> String + 'static) -> Self {
        let node = DOCUMENT.with(|d| d.create_text_node(""));
        let _ = self.0.append_child(&node);
        bind(&node, Binding::Text(Box::new(text)));
        self
    }

    /// Keeps the `value` property equal to `value()`: a value set by the form itself
    /// (Discard, a new baseline) is shown; what the customer types is not overwritten
    /// with the same text (the caret stays).
    pub fn value_with(self, value: impl Fn() -> String + 'static) -> Self {
        bind(&self.0, Binding::Value(Box::new(value)));
        self
    }

    /// The element.
    pub fn element(&self) -> &Element {
        &self.0
    }

    /// The element, for the caller to keep.
    pub fn into_element(self) -> Element {
        self.0
    }
}

/// One kind of reactive update of a node.
enum Binding {
    Attr(&'static str, Box<dyn Fn() -> Option<String>>),
    Flag(&'static str, Box<dyn Fn() -> bool>),
    Class(&'static str, Box<dyn Fn() -> bool>),
    Text(Box<dyn Fn() -> String>),
    Value(Box<dyn Fn() -> String>),
}

/// Runs `binding` now and again whenever what it reads changes, until the current owner is
/// cleaned up.
fn bind(node: &JsValue, binding: Binding) {
    let node = node.clone();
    effect(Box::new(move || {
        let element = node.unchecked_ref::<Element>();
        match &binding {
            Binding::Attr(name, value) => {
                let _ = match value() {
                    Some(value) => element.set_attribute(name, &value),
                    None => element.remove_attribute(name),
                };
            }
            Binding::Flag(name, on) => {
                let _ = element.toggle_attribute_with_force(name, on());
            }
            Binding::Class(class, on) => {
                let _ = element.class_list().toggle_with_force(class, on());
            }
            Binding::Text(text) => {
                node.unchecked_ref::<web_sys::Node>()
                    .set_node_value(Some(&text()));
            }
            Binding::Value(value) => {
                let text = value();
                let value = JsValue::from(&text);
                let key = JsValue::from_str("value");
                let shows = || js_sys::Reflect::get(&node, &key).ok().as_ref() == Some(&value);
                if !shows() {
                    let _ = js_sys::Reflect::set(&node, &key, &value);
                    // A select without that option would show nothing: offer the value as
                    // it is (a locale or type the app has no name for, taken from the server).
                    // (Inputs clean some values up — newlines out of a text input — and
                    // never get an option.)
                    if !shows() && !text.is_empty() && element.tag_name() == "SELECT" {
                        let option = el("option").attr("value", &text).text(&text);
                        let _ = element.append_child(option.element());
                        let _ = js_sys::Reflect::set(&node, &key, &value);
                    }
                }
            }
        }
    }));
}

/// A render effect (it runs at once, then after each change of what it read) that lives as
/// long as the current owner.
pub fn effect(mut run: Box<dyn FnMut()>) {
    let effect = RenderEffect::new(move |_: Option<()>| run());
    on_cleanup(move || drop(effect));
}

/// Adds an event listener whose handler lives as long as the element (the JS GC frees it);
/// returns the JS function. The handler runs under the reactive owner current when it was
/// added (as Leptos' own handlers do), so that what it creates (a new phone row's signals)
/// is disposed with it.
pub fn listen(
    target: &web_sys::EventTarget,
    event: &str,
    mut handler: Box<dyn FnMut(Event)>,
) -> JsValue {
    let owner = Owner::current();
    let handler: Box<dyn FnMut(Event)> = Box::new(move |ev| match &owner {
        Some(owner) => owner.with(|| handler(ev)),
        None => handler(ev),
    });
    let handler = Closure::wrap(handler).into_js_value();
    let _ = target.add_event_listener_with_callback(event, handler.unchecked_ref());
    handler
}

/// [`listen`], and the listener is removed when the current owner is cleaned up (for
/// targets that outlive the view, such as the window).
pub fn listen_until_cleanup(
    target: &web_sys::EventTarget,
    event: &'static str,
    handler: Box<dyn FnMut(Event)>,
) {
    let handler = listen(target, event, handler);
    let listener = OneThread((target.clone(), handler));
    on_cleanup(move || {
        let (target, handler) = &listener.0;
        let _ = target.remove_event_listener_with_callback(event, handler.unchecked_ref());
    });
}

/// A `cp-slot` container holding `build()`'s element while `when()` holds: built afresh
/// each time it appears, removed (with its reactive state) when it goes.
pub fn shown_when(when: impl Fn() -> bool + 'static, build: impl Fn() -> El + 'static) -> El {
    let container = elc("div", "cp-slot");
    slot(&container, when, move |shown| {
        shown.then(&build).into_iter().collect()
    });
    container
}

/// Fills `container` with what `build` makes of `key()`, and again from scratch whenever
/// what `key` reads changes: the previous content leaves the DOM, then its reactive state
/// is disposed. `build` runs untracked: only `key` decides when to rebuild.
pub fn slot<K: 'static>(
    container: &El,
    key: impl Fn() -> K + 'static,
    build: impl Fn(K) -> Vec<El> + 'static,
) {
    let render: Box<dyn Fn() -> Vec<El>> = Box::new(move || {
        let key = key();
        untrack(|| build(key))
    });
    fill(container.0.clone(), render);
}

fn fill(container: Element, render: Box<dyn Fn() -> Vec<El>>) {
    // A child owner per build, disposed after its DOM is gone: a handler that runs while
    // its element leaves (blur) still finds its state.
    let parent = Owner::current();
    let mut shown: Option<Owner> = None;
    effect(Box::new(move || {
        container.set_text_content(None);
        if let Some(owner) = shown.take() {
            owner.cleanup();
        }
        // A child of the slot's owner, not of the effect's (which the effect cleans
        // before it re-runs: too early).
        let owner = parent.as_ref().map_or_else(Owner::new, Owner::child);
        let children = owner.with(&render);
        for child in children {
            let _ = container.append_child(&child.0);
        }
        shown = Some(owner);
    }));
}

/// A view mounted in a container, with its reactive state; dropping it removes both (DOM
/// first, so that no handler meets disposed state while the DOM goes).
pub struct Mounted {
    owner: Owner,
    element: Element,
}

/// Mounts `build()`'s element at the end of `parent`, under a new reactive owner.
pub fn mount(parent: &Element, build: impl FnOnce() -> El) -> Mounted {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let element = owner.with(build).0;
    let _ = parent.append_child(&element);
    Mounted { owner, element }
}

impl Mounted {
    /// Leaves the view in place for the life of the page (the standalone app).
    pub fn forget(self) {
        std::mem::forget(self);
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.element.remove();
        self.owner.cleanup();
    }
}

/// A value that lives on the page's one thread (a JS object, the session with its token
/// getter), made storable in Leptos' thread-safe signals and stored values.
///
/// Leptos' own answer, `LocalStorage`, checks the thread at run time through
/// `std::thread::current`: 5 KB of wasm, for a check that cannot fail here — the app is built
/// for wasm32 without atomics, which has no other thread (natively, the views are compiled
/// for the type checker only and never run).
#[derive(Clone)]
pub(crate) struct OneThread<T>(pub(crate) T);

#[cfg(target_feature = "atomics")]
compile_error!("`OneThread` assumes a wasm build without threads (no `atomics`)");

// SAFETY: see above: no value of this type is ever on, or reachable from, another thread
// (the type is crate-private, and the crate starts no thread).
unsafe impl<T> Send for OneThread<T> {}
// SAFETY: as for `Send`.
unsafe impl<T> Sync for OneThread<T> {}
