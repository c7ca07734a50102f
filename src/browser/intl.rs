//! The browser's `Intl`: country and language names and number formatting come from the
//! browser, so no name table ships in the bundle. Every call degrades to the raw code when
//! `Intl` is missing or refuses the input.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DisplayNames)]
    type DisplayNames;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DisplayNames", catch)]
    fn new(locales: &str, options: &Object) -> Result<DisplayNames, JsValue>;

    #[wasm_bindgen(method, catch, js_class = "DisplayNames")]
    fn of(this: &DisplayNames, code: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "NumberFormat", catch)]
    fn new(locales: &str) -> Result<NumberFormat, JsValue>;

    #[wasm_bindgen(method, js_class = "NumberFormat")]
    fn format(this: &NumberFormat, value: f64) -> String;
}

/// Names of codes of one kind (`"region"` or `"language"`) in one UI language.
pub struct Names(Option<DisplayNames>);

impl Names {
    fn new(ui_locale: &str, kind: &str) -> Self {
        let options = Object::new();
        let _ = Reflect::set(&options, &"type".into(), &kind.into());
        let _ = Reflect::set(&options, &"fallback".into(), &"code".into());
        Names(DisplayNames::new(ui_locale, &options).ok())
    }

    /// Country and territory names (ISO 3166-1 alpha-2 codes).
    pub fn regions(ui_locale: &str) -> Self {
        Self::new(ui_locale, "region")
    }

    /// Language names (BCP 47 tags).
    pub fn languages(ui_locale: &str) -> Self {
        Self::new(ui_locale, "language")
    }

    /// The name of `code`, or the code itself when there is none.
    pub fn of(&self, code: &str) -> String {
        self.0
            .as_ref()
            .and_then(|names| names.of(code).ok())
            .and_then(|name| name.as_string())
            .unwrap_or_else(|| code.to_owned())
    }
}

/// A whole number in the UI language's format (e.g. `1,200` / `1 200`).
pub fn format_integer(ui_locale: &str, value: i64) -> String {
    match NumberFormat::new(ui_locale) {
        Ok(format) => format.format(value as f64),
        Err(_) => value.to_string(),
    }
}
