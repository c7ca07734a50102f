//! Where the UI's words come from in the browser: the catalogue files of the languages
//! other than English (content-hashed JSON next to the entry module, which registers their
//! URLs and SRI hashes at start), read once per page and kept; `navigator.languages` for
//! the negotiation; a portal's overrides on top.

use std::cell::RefCell;

use wasm_bindgen::JsValue;

use crate::domain::i18n::{negotiate, Catalogue, Lang, Locale, Messages, Words, EN};

/// Where one language's catalogue is: its URL and SRI hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueFile {
    pub url: String,
    pub integrity: String,
}

// A handful of entries each: lists, not maps (less code in the wasm).
thread_local! {
    static FILES: RefCell<Vec<(Lang, CatalogueFile)>> = const { RefCell::new(Vec::new()) };
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

/// Notes the catalogue files, `{"fr":{"url":…,"integrity":…},…}` in JSON (written into the
/// entry module by `cargo xtask dist`); entries that are not a language the UI speaks, or
/// not of that shape, are ignored.
pub fn register(files: &str) {
    let Ok(map) = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(files) else {
        return;
    };
    FILES.with(|known| {
        let mut known = known.borrow_mut();
        for (tag, entry) in map {
            let text = |key: &str| entry.get(key).and_then(|v| v.as_str()).map(str::to_owned);
            if let (Some(lang), Some(url), Some(integrity)) =
                (Lang::from_tag(&tag), text("url"), text("integrity"))
            {
                known.retain(|(l, _)| *l != lang);
                known.push((lang, CatalogueFile { url, integrity }));
            }
        }
    });
}

/// The browser's preferred languages (`navigator.languages`), best first.
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|tag| tag.as_string()).collect())
        .unwrap_or_default()
}

/// The catalogue of `lang`: built in (English), read before, or fetched now. `None` when it
/// cannot be had (no file registered, a network failure, a file that does not read).
pub async fn catalogue(lang: Lang) -> Option<&'static Catalogue> {
    if lang == Lang::En {
        return Some(&EN);
    }
    if let Some(known) = LOADED.with(|l| find(l, lang)) {
        return Some(known);
    }
    let file = FILES.with(|f| find(f, lang))?;
    let text = crate::api::fetch_catalogue(&file.url, &file.integrity)
        .await
        .ok()?;
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

/// Reads a portal's `messages` option (any JS object); warns once per unknown key.
pub fn messages(value: &JsValue) -> Result<Messages, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(Messages::default());
    }
    let json = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or("must be an object of texts")?;
    let messages = Messages::parse(&json).map_err(|e| e.to_string())?;
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
