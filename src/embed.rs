//! The JavaScript API for portals: `mount(element, options)` returns a handle with
//! `unmount()`, `isDirty()`, `reload()` and `update({ locale, theme, messages })`. Options:
//! `customerId`, `apiBaseUrl`, `apiKey`, `locale`, `theme`, `messages` (wording overrides),
//! `getToken({ forceRefresh })` returning (a Promise of) the bearer token, and
//! `onStateChange({ dirty, saving, error })`. `registerCatalogue` and `start` are for the
//! entry module.
//! The entry module (`package/customer-profile.js`) wraps it for portals: shadow
//! root, style sheet, the `<customer-profile>` element, the event callbacks.

use js_sys::{Function, Reflect};
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::api::Session;
use crate::browser::catalogues;
use crate::browser::host::{Events, Tokens};
use crate::components::{App, HostLink};
use crate::domain::config::{ConfigError, RuntimeConfig, Theme};
use crate::domain::i18n::Messages;

/// What the host asked for the language: its `locale` (none: the browser's) and its
/// overrides; `generation` numbers the requests, so that a slow catalogue never undoes a
/// later change.
#[derive(Default)]
struct Wording {
    locale: RefCell<Option<String>>,
    messages: RefCell<Messages>,
    generation: Cell<u32>,
}

/// A mounted profile editor, as seen from JavaScript.
#[wasm_bindgen]
pub struct ProfileHandle {
    /// The mounted view and its reactive owner: dropping it removes the DOM, then
    /// disposes the state.
    mounted: Option<UnmountHandle<AnyViewState>>,
    link: HostLink,
    wording: Rc<Wording>,
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

    /// Changes the language (`locale`: the UI and `accept-language`), the wording overrides
    /// (`messages`) and the colour scheme (`theme`) in place: the customer's edits stay.
    /// Members left out are not changed. A theme other than `light`, `dark` or `auto`, or
    /// overrides that drop a placeholder, are refused (and nothing is changed). A language
    /// whose catalogue is not read yet applies once it is (the UI switches then).
    pub fn update(&self, options: JsValue) -> Result<(), JsError> {
        if !options.is_object() {
            return Err(JsError::new(
                "customer-profile: update(options) needs an options object",
            ));
        }
        let theme = theme_option(&options)?;
        let messages = messages_option(&options)?;
        let locale = text_option(&options, "locale");
        if let Some(theme) = theme {
            self.link.theme.set(theme);
        }
        if locale.is_none() && messages.is_none() {
            return Ok(());
        }
        if let Some(locale) = locale {
            *self.wording.locale.borrow_mut() = Some(locale).filter(|l| !l.trim().is_empty());
        }
        if let Some(messages) = messages {
            *self.wording.messages.borrow_mut() = messages;
        }
        apply_wording(self.wording.clone(), self.link.locale.clone());
        Ok(())
    }
}

/// Reads the catalogue the host's wording asks for, then switches to it — unless a later
/// request came meanwhile.
fn apply_wording(wording: Rc<Wording>, target: ArcRwSignal<crate::domain::i18n::Locale>) {
    let generation = wording.generation.get() + 1;
    wording.generation.set(generation);
    leptos::task::spawn_local(async move {
        let configured = wording.locale.borrow().clone();
        let messages = wording.messages.borrow().clone();
        let locale = catalogues::locale(configured.as_deref(), &messages).await;
        // Only a real change: a new language rebuilds the form's view.
        if wording.generation.get() == generation && target.with_untracked(|l| *l != locale) {
            target.set(locale);
        }
    });
}

impl Drop for ProfileHandle {
    /// Freed without `unmount()` — the portal kept no reference to the handle, and the garbage
    /// collector let wasm-bindgen free it — the editor stays where the portal put it, working:
    /// only `unmount()` removes it (dropping the view here blanked an editor whose handle the
    /// portal had not kept, at a moment of the garbage collector's choosing).
    fn drop(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            mounted.forget();
        }
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

/// The `messages` option, if given (checked: see [`catalogues::messages`]).
fn messages_option(options: &JsValue) -> Result<Option<Messages>, JsError> {
    let given = Reflect::get(options, &"messages".into()).unwrap_or(JsValue::UNDEFINED);
    if given.is_undefined() {
        return Ok(None);
    }
    catalogues::messages(&given)
        .map(Some)
        .map_err(|why| option_error("messages", &why))
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
    let messages = messages_option(&options)?.unwrap_or_default();
    let on_state = Reflect::get(&options, &"onStateChange".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    let link = HostLink::default();
    link.theme.set(theme.unwrap_or_default());
    let wording = Rc::new(Wording {
        locale: RefCell::new(config.locale.clone()),
        messages: RefCell::new(messages.clone()),
        generation: Cell::new(0),
    });
    // What the entry module sent at mount(), before the wasm was ready: the host's first
    // token (a Promise, so that `getToken` is asked once) and the profile GET.
    let early = Reflect::get(&options, &"early".into()).unwrap_or(JsValue::UNDEFINED);
    let first_token = Reflect::get(&early, &"token".into())
        .ok()
        .and_then(|t| t.dyn_into::<js_sys::Promise>().ok());
    // The entry's placeholder was on screen: the loading view takes over at once.
    let placeholder_shown = Reflect::get(&early, &"placeholderShown".into())
        .ok()
        .and_then(|shown| shown.as_bool())
        .unwrap_or(false);
    let session = Session::new(
        config,
        Tokens::host(get_token, first_token),
        Events::on(element.clone().into()),
        link.locale.clone(),
        messages,
    )
    .with_early_get(crate::api::EarlyGet::from_js(&early));
    let crash_id = crate::browser::crash::register(&element, session.events.clone());
    let handle_link = link.clone();
    let mounted = mount_to(element, move || {
        if let Some(on_state) = on_state {
            report_states(&link, on_state);
        }
        crate::browser::crash::follow_words(crash_id, link.locale.clone());
        view! { <App session=Some(session) link loading_at_once=placeholder_shown/> }.into_any()
    });
    Ok(ProfileHandle {
        mounted: Some(mounted),
        link: handle_link,
        wording,
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

/// Notes how to load a language's catalogue (called by the entry module at start, before any
/// mount, once per language): its tag, and a function returning a Promise of its JSON text.
#[wasm_bindgen(js_name = registerCatalogue)]
pub fn register_catalogue(tag: &str, load: Function) {
    catalogues::register(tag, load);
}

/// Mounts the standalone page (called by the entry module on a page with
/// `<body data-customer-profile-standalone>`), with the entry's Promise of what it sent
/// while the wasm downloaded (`{ config, get }`, see [`crate::api::load_session`]), and
/// whether the page's placeholder was showing (the loading view then shows at once).
#[wasm_bindgen(js_name = startStandalone)]
pub fn start_standalone(boot: JsValue, placeholder_shown: bool) {
    crate::start(boot.dyn_into().ok(), placeholder_shown);
}
