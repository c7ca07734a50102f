//! What the page hosting the app provides: the bearer token, and a target for the app's
//! events. A portal passes `getToken` and gets `customer-profile-*` events on its element;
//! the standalone page uses the demo token of `config.json` and the events go to `<body>`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CustomEvent, CustomEventInit, EventTarget};

/// Where the bearer token comes from. It is held in memory only, never stored.
#[derive(Clone)]
pub enum Tokens {
    /// A fixed token (the sandbox demo), or none.
    Fixed(Option<String>),
    /// The host's `getToken({ forceRefresh })`, returning a token or a Promise of one;
    /// the last answer is cached in memory.
    Host {
        get_token: Function,
        cached: Rc<RefCell<Option<String>>>,
        /// The answer to a first `getToken({ forceRefresh: false })` the entry module asked
        /// at mount (for its early GET), taken instead of asking again.
        first: Rc<RefCell<Option<Promise>>>,
    },
}

/// The host could not give a token (its `getToken` threw, rejected or gave no string).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoToken;

impl std::fmt::Debug for Tokens {
    // Never print a token, not even in debug output.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tokens::Fixed(_) => f.write_str("Tokens::Fixed(..)"),
            Tokens::Host { .. } => f.write_str("Tokens::Host(..)"),
        }
    }
}

impl Tokens {
    /// A host getter, and the Promise of its first answer if the entry module asked already.
    pub fn host(get_token: Function, first: Option<Promise>) -> Self {
        Tokens::Host {
            get_token,
            cached: Rc::new(RefCell::new(None)),
            first: Rc::new(RefCell::new(first)),
        }
    }

    /// The token to send now: the cached one, or the host's answer to `forceRefresh: false`.
    pub async fn current(&self) -> Result<Option<String>, NoToken> {
        match self {
            Tokens::Fixed(token) => Ok(token.clone()),
            Tokens::Host { cached, .. } => {
                let known = cached.borrow().clone();
                match known {
                    Some(token) => Ok(Some(token)),
                    None => self.ask(false).await.map(Some),
                }
            }
        }
    }

    /// A fresh token after a 401 (`forceRefresh: true`); `None` when nothing can refresh.
    pub async fn refreshed(&self) -> Option<Result<String, NoToken>> {
        match self {
            Tokens::Fixed(_) => None,
            Tokens::Host { .. } => Some(self.ask(true).await),
        }
    }

    /// Forgets the cached token, so the next call asks the host again (after it said the
    /// session is back, e.g. through `reload()`).
    pub fn forget(&self) {
        if let Tokens::Host { cached, .. } = self {
            cached.borrow_mut().take();
        }
    }

    async fn ask(&self, force_refresh: bool) -> Result<String, NoToken> {
        let Tokens::Host {
            get_token,
            cached,
            first,
        } = self
        else {
            return Err(NoToken);
        };
        let asked = if force_refresh {
            None
        } else {
            first.borrow_mut().take()
        };
        let answer = match asked {
            Some(promise) => promise.into(),
            None => {
                let options = Object::new();
                let _ = Reflect::set(&options, &"forceRefresh".into(), &force_refresh.into());
                get_token
                    .call1(&JsValue::NULL, &options)
                    .map_err(|_| NoToken)?
            }
        };
        let answer = match answer.dyn_into::<Promise>() {
            Ok(promise) => JsFuture::from(promise).await.map_err(|_| NoToken)?,
            Err(value) => value,
        };
        let token = answer
            .as_string()
            .filter(|t| !t.trim().is_empty())
            .ok_or(NoToken)?;
        *cached.borrow_mut() = Some(token.clone());
        Ok(token)
    }
}

/// Sends the app's `customer-profile-*` events (hyphenated, so that Angular templates and
/// React's JSX can bind them) (bubbling and composed, so they cross a
/// shadow root) from the element the app is mounted on.
#[derive(Clone, Debug)]
pub struct Events(Option<EventTarget>);

impl Events {
    /// Events dispatched on `target`.
    pub fn on(target: EventTarget) -> Self {
        Events(Some(target))
    }

    /// Events dispatched on `<body>` (the standalone page).
    pub fn on_body() -> Self {
        Events(
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.body())
                .map(Into::into),
        )
    }

    /// Dispatches `customer-profile-{name}` with a `detail` object built from `fields`.
    pub fn emit(&self, name: &str, fields: &[(&str, JsValue)]) {
        let Some(target) = &self.0 else { return };
        let detail = Object::new();
        for (key, value) in fields {
            let _ = Reflect::set(&detail, &(*key).into(), value);
        }
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(event) =
            CustomEvent::new_with_event_init_dict(&format!("customer-profile-{name}"), &init)
        {
            let _ = target.dispatch_event(&event);
        }
    }
}
