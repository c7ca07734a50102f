//! The JavaScript API for portals: `mount(element, options)` returns a handle with
//! `unmount()`, `isDirty()`, `reload()` and `update({ locale, theme })`. Options:
//! `customerId`, `apiBaseUrl`, `apiKey`, `locale`, `theme`, `getToken({ forceRefresh })`
//! returning (a Promise of) the bearer token, and `onStateChange({ dirty, saving, error })`.
//! The entry module (`xtask/templates/customer-profile.js`) wraps it for portals: shadow
//! root, style sheet, the `<customer-profile>` element, the event callbacks.

use js_sys::{Function, Reflect};
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::api::{browser_language, Session};
use crate::browser::host::{Events, Tokens};
use crate::components::{App, HostLink};
use crate::domain::config::{ConfigError, RuntimeConfig, Theme};
use crate::domain::i18n::Locale;

/// A mounted profile editor, as seen from JavaScript.
#[wasm_bindgen]
pub struct ProfileHandle {
    /// The mounted view and its reactive owner: dropping it removes the DOM, then
    /// disposes the state.
    mounted: Option<UnmountHandle<AnyViewState>>,
    link: HostLink,
    /// Its entry in the panic alert's registry ([`crate::browser::crash`]).
    crash_id: u32,
}

#[wasm_bindgen]
impl ProfileHandle {
    /// Removes the editor: its DOM, its listeners and its reactive state.
    pub fn unmount(&mut self) {
        self.mounted.take();
        crate::browser::crash::unregister(self.crash_id);
    }

    /// Whether the customer has unsaved edits.
    #[wasm_bindgen(js_name = isDirty)]
    pub fn is_dirty(&self) -> bool {
        self.link.dirty.get_untracked()
    }

    /// Retries what failed (loading, or a save refused for an expired session — with a
    /// fresh token, keeping the edits); otherwise reads the profile again, unless there
    /// are unsaved edits, which it never discards.
    pub fn reload(&self) {
        self.link.reload.update(|n| *n += 1);
    }

    /// Changes the language (`locale`: the UI and `accept-language`) and the colour scheme
    /// (`theme`) in place: the customer's edits stay. Members left out are not changed; a
    /// theme other than `light`, `dark` or `auto` is refused (and nothing is changed).
    pub fn update(&self, options: JsValue) -> Result<(), JsError> {
        if !options.is_object() {
            return Err(JsError::new(
                "customer-profile: update(options) needs an options object",
            ));
        }
        let theme = theme_option(&options)?;
        if let Some(locale) = text_option(&options, "locale") {
            let locale = Locale::negotiate(Some(&locale), browser_language().as_deref());
            // Only a real change: a new language rebuilds the form's view.
            if self.link.locale.with_untracked(|l| *l != locale) {
                self.link.locale.set(locale);
            }
        }
        if let Some(theme) = theme {
            self.link.theme.set(theme);
        }
        Ok(())
    }
}

impl Drop for ProfileHandle {
    fn drop(&mut self) {
        crate::browser::crash::unregister(self.crash_id);
    }
}

/// A string option, if present (numbers are accepted for `customerId`).
fn text_option(options: &JsValue, key: &str) -> Option<String> {
    let value = Reflect::get(options, &key.into()).ok()?;
    value
        .as_string()
        // Formatted as the host's JavaScript would (`42`, not `42.0`).
        .or_else(|| {
            value
                .as_f64()
                .and_then(|_| js_sys::Number::from(value).to_string_with_radix(10).ok())
                .map(String::from)
        })
}

/// The `theme` option, if given: `light`, `dark` or `auto`.
fn theme_option(options: &JsValue) -> Result<Option<Theme>, JsError> {
    let given = Reflect::get(options, &"theme".into()).unwrap_or(JsValue::UNDEFINED);
    if given.is_undefined() || given.is_null() {
        return Ok(None);
    }
    given
        .as_string()
        .and_then(|name| Theme::parse(&name))
        .map(Some)
        .ok_or_else(|| option_error("theme", "must be \"light\", \"dark\" or \"auto\""))
}

fn option_error(key: &str, why: &str) -> JsError {
    JsError::new(&format!("customer-profile: option `{key}` {why}"))
}

/// Mounts the editor inside `element`.
#[wasm_bindgen]
pub fn mount(element: HtmlElement, options: JsValue) -> Result<ProfileHandle, JsError> {
    crate::install_panic_hook();
    if !options.is_object() {
        return Err(JsError::new(
            "customer-profile: mount(element, options) needs an options object",
        ));
    }
    let get_token = Reflect::get(&options, &"getToken".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| {
            option_error(
                "getToken",
                "must be a function ({ forceRefresh }) => Promise<string>",
            )
        })?;
    let config = RuntimeConfig::from_parts(
        text_option(&options, "apiBaseUrl").unwrap_or_default(),
        text_option(&options, "apiKey").unwrap_or_default(),
        text_option(&options, "customerId").unwrap_or_default(),
        text_option(&options, "locale"),
    )
    .map_err(|e| match e {
        ConfigError::Invalid("customer_id") => option_error("customerId", "is required"),
        ConfigError::Invalid("api_key") => option_error("apiKey", "is required"),
        ConfigError::Invalid("api_base_url") => {
            option_error("apiBaseUrl", "must be an http(s) URL or a path")
        }
        ConfigError::Invalid(key) => option_error(key, "is invalid"),
        ConfigError::Unavailable | ConfigError::Malformed => {
            JsError::new("customer-profile: invalid options")
        }
    })?;
    let theme = theme_option(&options)?;
    let on_state = Reflect::get(&options, &"onStateChange".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    let link = HostLink::default();
    link.theme.set(theme.unwrap_or_default());
    let session = Session::new(
        config,
        Tokens::host(get_token),
        Events::on(element.clone().into()),
        link.locale.clone(),
    );
    let words = session.locale.with_untracked(|l| l.lang.words());
    let crash_id = crate::browser::crash::register(&element, words, session.events.clone());
    let handle_link = link.clone();
    let mounted = mount_to(element, move || {
        if let Some(on_state) = on_state {
            report_states(&link, on_state);
        }
        view! { <App session=Some(session) link/> }.into_any()
    });
    Ok(ProfileHandle {
        mounted: Some(mounted),
        link: handle_link,
        crash_id,
    })
}

/// Calls the host's `onStateChange({ dirty, saving, error })` once at mount and whenever
/// one of the three changes (the element turns them into `:state(...)`).
fn report_states(link: &HostLink, on_state: Function) {
    let (dirty, saving, error) = (link.dirty.clone(), link.saving.clone(), link.error.clone());
    Effect::new(move |before: Option<(bool, bool, bool)>| {
        let now = (dirty.get(), saving.get(), error.get());
        if before != Some(now) {
            let states = js_sys::Object::new();
            for (key, value) in [("dirty", now.0), ("saving", now.1), ("error", now.2)] {
                let _ = Reflect::set(&states, &key.into(), &value.into());
            }
            // A throwing callback is the host's bug: it must not stop the editor.
            let _ = on_state.call1(&JsValue::NULL, &states);
        }
        now
    });
}
