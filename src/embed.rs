//! The JavaScript API for portals: `mount(element, options)` returns a handle with
//! `unmount()`, `isDirty()` and `reload()`. Options: `customerId`, `apiBaseUrl`, `apiKey`,
//! `locale`, and `getToken({ forceRefresh })` returning (a Promise of) the bearer token.

use js_sys::{Function, Reflect};
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::api::Session;
use crate::browser::host::{Events, Tokens};
use crate::components::{App, HostLink};
use crate::domain::config::{ConfigError, RuntimeConfig};

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
    let session = Session::new(
        config,
        Tokens::host(get_token),
        Events::on(element.clone().into()),
    );
    let crash_id =
        crate::browser::crash::register(&element, session.lang.words(), session.events.clone());
    let link = HostLink::default();
    let handle_link = link.clone();
    let mounted = mount_to(element, move || {
        view! { <App session=Some(session) link/> }.into_any()
    });
    Ok(ProfileHandle {
        mounted: Some(mounted),
        link: handle_link,
        crash_id,
    })
}
