//! What the customer sees if the app panics after all. With `panic = "abort"` the wasm
//! instance is dead once the panic hook returns: the hook itself puts an alert at the top of
//! every mounted editor — something went wrong, the edits are still on the page — and sends
//! `customer-profile-error` with `code: "panic"`, so that the portal knows too. The form's
//! DOM (and what the customer typed into it) stays as it was.

use std::cell::RefCell;

use wasm_bindgen::JsValue;
use web_sys::Element;

use crate::browser::host::Events;
use leptos::prelude::{ArcRwSignal, Effect, With};

use crate::domain::i18n::{Catalogue, Locale, EN};

/// One mounted editor: where to show the alert, in which words (those it shows at the
/// time, see [`follow_words`]), and whom to tell.
struct Host {
    id: u32,
    container: Element,
    words: &'static Catalogue,
    events: Events,
}

thread_local! {
    static HOSTS: RefCell<Vec<Host>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: RefCell<u32> = const { RefCell::new(0) };
    static CRASHED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Notes a mounted editor (its container and event target; English until
/// [`follow_words`] says otherwise); the id unregisters it.
pub fn register(container: &Element, events: Events) -> u32 {
    let id = NEXT_ID.with(|n| {
        let mut n = n.borrow_mut();
        *n += 1;
        *n
    });
    HOSTS.with(|hosts| {
        hosts.borrow_mut().push(Host {
            id,
            container: container.clone(),
            words: &EN,
            events,
        });
    });
    id
}

/// Keeps the alert of editor `id` in the words the editor shows (an effect of the
/// current owner: it ends with the editor). The words are copied here, not read from the
/// signal at the time of a panic, which may be while the signal is being written.
pub fn follow_words(id: u32, locale: ArcRwSignal<Locale>) {
    Effect::new(move |_| {
        let words = locale.with(|l| l.words.catalogue);
        HOSTS.with(|hosts| {
            if let Ok(mut hosts) = hosts.try_borrow_mut() {
                if let Some(host) = hosts.iter_mut().find(|h| h.id == id) {
                    host.words = words;
                }
            }
        });
    });
}

/// Forgets an unmounted editor.
pub fn unregister(id: u32) {
    HOSTS.with(|hosts| {
        if let Ok(mut hosts) = hosts.try_borrow_mut() {
            hosts.retain(|h| h.id != id);
        }
    });
}

/// Shows the alert in every mounted editor and tells each host, once: the dead instance can
/// be called again (a keystroke) and panic again. Called by the panic hook: it never panics
/// itself (a borrowed registry means nothing is shown, not a second panic).
pub fn show() {
    if CRASHED.with(|c| c.replace(true)) {
        return;
    }
    HOSTS.with(|hosts| {
        let Ok(hosts) = hosts.try_borrow() else {
            return;
        };
        for host in hosts.iter() {
            alert(host);
            host.events.emit(
                "error",
                &[("status", JsValue::NULL), ("code", "panic".into())],
            );
        }
    });
}

fn alert(host: &Host) {
    let Some(document) = host.container.owner_document() else {
        return;
    };
    let element = |tag: &str, text: &str| {
        let e = document.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    let (Ok(alert), Some(title), Some(text)) = (
        document.create_element("div"),
        element("h2", host.words.crash_title),
        element("p", host.words.crash_text),
    ) else {
        return;
    };
    let _ = alert.set_attribute("class", "cp-notice cp-failure cp-crash");
    let _ = alert.set_attribute("role", "alert");
    let _ = alert.set_attribute("data-problem", "panic");
    let _ = alert.append_child(&title);
    let _ = alert.append_child(&text);
    // The form can no longer save: its controls stay readable and copyable, not usable.
    if let Ok(Some(form)) = host.container.query_selector("form") {
        let _ = form.set_attribute("inert", "");
    }
    let _ = host
        .container
        .insert_before(&alert, host.container.first_child().as_ref());
}
