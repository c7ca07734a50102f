//! Where the UI's words come from in the browser: the catalogues of the languages other than
//! English (modules next to the entry module, which registers a loader per language at
//! start: a bundler sees and places each), read once per page and kept;
//! `navigator.languages` for the negotiation; a portal's overrides on top.

use std::cell::RefCell;

use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::i18n::{negotiate, Catalogue, Given, Lang, Locale, Messages, Words, EN};

// A handful of entries each: lists, not maps (less code in the wasm).
thread_local! {
    /// Each language's loader: a JS function returning a Promise of the catalogue's JSON text.
    static LOADERS: RefCell<Vec<(Lang, Function)>> = const { RefCell::new(Vec::new()) };
    static LOADED: RefCell<Vec<(Lang, &'static Catalogue)>> = const { RefCell::new(Vec::new()) };
    static WARNED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The value for `lang` in one of those lists.
fn find<T: Clone>(list: &RefCell<Vec<(Lang, T)>>, lang: Lang) -> Option<T> {
    list.borrow()
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, v)| v.clone())
}

/// Notes how to load `tag`'s catalogue: `load()` returns a Promise of its JSON text (the
/// entry module calls this for each language at start, with the `import()` that
/// `cargo xtask dist` wrote into it); a tag the UI does not speak is ignored.
pub fn register(tag: &str, load: Function) {
    if let Some(lang) = Lang::from_tag(tag) {
        LOADERS.with(|known| {
            let mut known = known.borrow_mut();
            known.retain(|(l, _)| *l != lang);
            known.push((lang, load));
        });
    }
}

/// The text `load()` gives: `None` when it throws, its Promise rejects (the module could not
/// be downloaded) or it is not a string.
async fn load_text(load: &Function) -> Option<String> {
    let promise: js_sys::Promise = load.call0(&JsValue::NULL).ok()?.dyn_into().ok()?;
    JsFuture::from(promise).await.ok()?.as_string()
}

/// The browser's preferred languages (`navigator.languages`), best first.
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|tag| tag.as_string()).collect())
        .unwrap_or_default()
}

/// The catalogue of `lang`: built in (English), read before, or loaded now. `None` when it
/// cannot be had (no loader registered, a network failure, a text that does not read).
pub async fn catalogue(lang: Lang) -> Option<&'static Catalogue> {
    if lang == Lang::En {
        return Some(&EN);
    }
    if let Some(known) = LOADED.with(|l| find(l, lang)) {
        return Some(known);
    }
    let load = LOADERS.with(|l| find(l, lang))?;
    let text = load_text(&load).await?;
    match Catalogue::from_json(&text) {
        Ok(read) => {
            // Two editors may have asked at once: the first one read is kept.
            Some(LOADED.with(|l| {
                find(l, lang).unwrap_or_else(|| {
                    l.borrow_mut().push((lang, read));
                    read
                })
            }))
        }
        Err(error) => {
            web_sys::console::error_1(
                &format!("customer-profile: {} catalogue: {error}", lang.tag()).into(),
            );
            None
        }
    }
}

/// The locale for a configured tag (or none), negotiated with `navigator.languages`, with
/// its catalogue and `messages` on top. When the catalogue cannot be had the UI speaks
/// English, and so does `accept-language`.
pub async fn locale(configured: Option<&str>, messages: &Messages) -> Locale {
    let choice = negotiate(configured, &browser_languages());
    match catalogue(choice.lang).await {
        Some(base) => Locale {
            words: Words {
                lang: choice.lang,
                catalogue: messages.apply(choice.lang, base),
            },
            accept_language: choice.accept_language,
        },
        None => Locale {
            words: Words {
                lang: Lang::En,
                catalogue: messages.apply(Lang::En, &EN),
            },
            accept_language: "en".to_owned(),
        },
    }
}

/// `accept-language` for a configured tag, before its catalogue is read (the first request
/// goes out at once, in the language the UI is going to speak).
pub fn accept_language(configured: Option<&str>) -> String {
    negotiate(configured, &browser_languages()).accept_language
}

/// A JS value of a portal's `messages`, read with js-sys as it is (no JSON round trip): its
/// own enumerable members down to `depth` objects deep.
fn given(value: &JsValue, depth: u8) -> Given {
    if let Some(text) = value.as_string() {
        Given::Text(text)
    } else if depth > 0 && value.is_object() && !js_sys::Array::is_array(value) {
        Given::Object(
            js_sys::Object::entries(value.unchecked_ref())
                .iter()
                .filter_map(|pair| {
                    let pair: js_sys::Array = pair.unchecked_into();
                    Some((pair.get(0).as_string()?, given(&pair.get(1), depth - 1)))
                })
                .collect(),
        )
    } else {
        Given::Other
    }
}

/// Reads a portal's `messages` option (any JS object); warns once per unknown key.
pub fn messages(value: &JsValue) -> Result<Messages, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(Messages::default());
    }
    // Two levels: `{ key: text }` and `{ lang: { key: text } }`.
    let Given::Object(members) = given(value, 2) else {
        return Err("must be an object of texts".into());
    };
    let messages = Messages::read(members).map_err(|e| e.to_string())?;
    let new: Vec<String> = WARNED.with(|warned| {
        let mut warned = warned.borrow_mut();
        messages
            .unknown_keys()
            .iter()
            .filter(|key| {
                let new = !warned.contains(key);
                if new {
                    warned.push((*key).clone());
                }
                new
            })
            .cloned()
            .collect()
    });
    if !new.is_empty() {
        web_sys::console::warn_1(
            &format!(
                "customer-profile: option `messages`: no text is called {} (the keys are those of i18n/en.json)",
                new.join(", ")
            )
            .into(),
        );
    }
    Ok(messages)
}
