//! What ties the form to the page around it: the host's dirty flag and `reload()`, the
//! `customer-profile-dirty-change` event, the browser's "leave the page?" prompt, and the
//! connection state (a save waits for the network).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::browser::host::Events;
use crate::components::HostLink;

/// The host's view of the dirty flag: `handle.isDirty()` and `customer-profile-dirty-change`.
pub fn publish_dirty(link: &HostLink, events: Events, dirty: Memo<bool>) {
    let flag = link.dirty.clone();
    Effect::new(move |before: Option<bool>| {
        let now = dirty.get();
        flag.set(now);
        if before.is_some_and(|b| b != now) {
            events.emit("dirty-change", &[("dirty", JsValue::from(now))]);
        }
        now
    });
}

/// Runs `on_reload` each time the host calls `reload()` (not for the value it starts with).
pub fn on_host_reload(link: &HostLink, on_reload: impl Fn() + 'static) {
    let reloads = link.reload.clone();
    Effect::new(move |first_run_done: Option<()>| {
        reloads.track();
        if first_run_done.is_some() {
            untrack(&on_reload);
        }
    });
}

/// Asks before the page is left with unsaved changes.
pub fn guard_unload(dirty: Memo<bool>) {
    let handle = window_event_listener(ev::beforeunload, move |ev| {
        if dirty.try_get_untracked() == Some(true) {
            ev.prevent_default();
            ev.set_return_value("");
        }
    });
    on_cleanup(move || handle.remove());
}

/// Keeps `online` equal to the browser's connection state; `back_online` runs when the
/// connection returns.
pub fn watch_connection(online: RwSignal<bool>, back_online: impl Fn() + 'static) {
    let offline = window_event_listener(ev::offline, move |_| {
        online.try_set(false);
    });
    let online_again = window_event_listener(ev::online, move |_| {
        online.try_set(true);
        back_online();
    });
    on_cleanup(move || {
        offline.remove();
        online_again.remove();
    });
}

/// The host's view of the saving and error states (`:state(saving)`, `:state(error)`).
pub fn publish_states(link: &HostLink, saving: Memo<bool>, error: Memo<bool>) {
    let (saving_flag, error_flag) = (link.saving.clone(), link.error.clone());
    Effect::new(move |_| saving_flag.set(saving.get()));
    Effect::new(move |_| error_flag.set(error.get()));
}
