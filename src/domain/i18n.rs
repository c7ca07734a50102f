//! The UI's words: one catalogue per language. English is built in (a struct: a missing key
//! does not compile); the other languages are JSON files (`i18n/<lang>.json`, shipped
//! content-hashed and fetched only when needed) read into the same struct, a portal's
//! wording overrides on top. Components take every visible string from here (no literals in
//! views).

/// A language the UI is translated into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    En,
    Fr,
    De,
    Es,
    It,
    Nl,
    Pt,
}

impl Lang {
    /// Every language, English (built in) first.
    pub const ALL: [Lang; 7] = [
        Lang::En,
        Lang::Fr,
        Lang::De,
        Lang::Es,
        Lang::It,
        Lang::Nl,
        Lang::Pt,
    ];

    /// The language of a BCP 47 tag, by its primary subtag (`pt-BR` → Portuguese, `de-CH` →
    /// German), if the UI speaks it.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|lang| lang.tag().eq_ignore_ascii_case(primary))
    }

    /// The language the API writes its messages (problem details) in when asked for this
    /// one: French or English, English for anything else (the contract).
    pub fn api_language(self) -> Lang {
        match self {
            Lang::Fr => Lang::Fr,
            _ => Lang::En,
        }
    }

    /// The `lang` attribute value (and catalogue file name) of this language.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::It => "it",
            Lang::Nl => "nl",
            Lang::Pt => "pt",
        }
    }
}

/// The words in use: a language and its catalogue (maybe with a portal's overrides). Two
/// values are the same when they hold the very same catalogue.
#[derive(Clone, Copy, Debug)]
pub struct Words {
    pub lang: Lang,
    pub catalogue: &'static Catalogue,
}

impl Default for Words {
    fn default() -> Self {
        Words {
            lang: Lang::En,
            catalogue: &EN,
        }
    }
}

impl PartialEq for Words {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang && std::ptr::eq(self.catalogue, other.catalogue)
    }
}

impl Eq for Words {}

impl std::hash::Hash for Words {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.lang.hash(state);
        std::ptr::hash(self.catalogue, state);
    }
}

/// The language in use: the UI's words and what `accept-language` says. It can change
/// while the editor is mounted (a portal's language switch): both follow together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Locale {
    /// The UI's words.
    pub words: Words,
    /// The `accept-language` value: the tag the UI language was chosen from.
    pub accept_language: String,
}

impl Locale {
    /// The UI language.
    pub fn lang(&self) -> Lang {
        self.words.lang
    }
}

/// The UI language and `accept-language` chosen, as a browser negotiates: the configured
/// locale (the portal's `locale`, `config.json`'s) if the UI speaks it, else the first entry
/// of `navigator.languages` it speaks, else English. Regional tags map to their language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub lang: Lang,
    /// The tag chosen (`de-CH`), or `en`.
    pub accept_language: String,
}

/// See [`Choice`]; a tag that cannot go into a header as is counts as absent.
pub fn negotiate(configured: Option<&str>, browser: &[String]) -> Choice {
    configured
        .into_iter()
        .chain(browser.iter().map(String::as_str))
        .map(str::trim)
        .filter(|tag| is_header_safe_tag(tag))
        .find_map(|tag| {
            Lang::from_tag(tag).map(|lang| Choice {
                lang,
                accept_language: tag.to_owned(),
            })
        })
        .unwrap_or(Choice {
            lang: Lang::En,
            accept_language: "en".to_owned(),
        })
}

/// A language tag made of letters, digits and `-` only, so it can go into a header as is.
fn is_header_safe_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The `{…}` placeholders of a text, in order (`{n}`).
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        found.push(&rest[start..start + len + 1]);
        rest = &rest[start + len + 1..];
    }
    found
}

/// Why a catalogue file or a portal's overrides cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordsError {
    /// Not a catalogue file (an array of as many texts as there are keys): the reason.
    Malformed(String),
    /// `key`'s text is not a string (or, at the top of overrides, neither a string nor an
    /// object of strings).
    NotText(String),
    /// `key`'s text drops a placeholder of the English one (`{n}`).
    MissingPlaceholder { key: String, placeholder: String },
}

impl std::fmt::Display for WordsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WordsError::Malformed(why) => write!(f, "not a catalogue ({why})"),
            WordsError::NotText(key) => write!(f, "`{key}` must be a string"),
            WordsError::MissingPlaceholder { key, placeholder } => write!(
                f,
                "`{key}` must keep the placeholder {placeholder} of its English text"
            ),
        }
    }
}

/// Checks `text` for `key` against the English text's placeholders.
fn check_placeholders(key: &str, text: &str) -> Result<(), WordsError> {
    let english = EN.text(key).unwrap_or_default();
    match placeholders(english)
        .into_iter()
        .find(|p| !text.contains(p))
    {
        Some(missing) => Err(WordsError::MissingPlaceholder {
            key: key.to_owned(),
            placeholder: missing.to_owned(),
        }),
        None => Ok(()),
    }
}

impl Catalogue {
    /// A language's catalogue from its shipped file: a JSON array of the texts in the order
    /// of [`Catalogue::KEYS`] (`cargo xtask dist` writes it from `i18n/<lang>.json`, whose
    /// keys are for translators). An array, not an object: read as a `Vec<String>`, it
    /// costs the wasm no JSON map or `Value` decoding (measured in the README).
    pub fn from_json(text: &str) -> Result<&'static Catalogue, WordsError> {
        let texts: Vec<String> =
            serde_json::from_str(text).map_err(|e| WordsError::Malformed(e.to_string()))?;
        Catalogue::from_texts(texts)
    }

    /// A catalogue from its texts in the order of [`Catalogue::KEYS`]: an empty text keeps
    /// English's, a text that drops a placeholder is refused. The texts are kept for the
    /// page's lifetime (`&'static`, like the built-in English): a language is read once per
    /// page.
    pub fn from_texts(texts: Vec<String>) -> Result<&'static Catalogue, WordsError> {
        if texts.len() != Catalogue::KEYS.len() {
            return Err(WordsError::Malformed(format!(
                "{} texts instead of {} (a catalogue of another build?)",
                texts.len(),
                Catalogue::KEYS.len()
            )));
        }
        for (key, text) in Catalogue::KEYS.iter().zip(&texts) {
            if !text.trim().is_empty() {
                check_placeholders(key, text)?;
            }
        }
        let mut texts = texts.into_iter();
        Ok(Box::leak(Box::new(EN.with(&mut |_| {
            texts.next().filter(|t| !t.trim().is_empty()).map(leak)
        }))))
    }
}

/// Keeps a text for the page's lifetime (see [`Catalogue::from_texts`]).
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// One value of a portal's `messages` option as given (the browser side reads the JS
/// object into this): a text, an object of values (a language's own texts), or anything
/// else (refused where a text is needed).
#[derive(Clone, Debug, PartialEq)]
pub enum Given {
    Text(String),
    Object(Vec<(String, Given)>),
    Other,
}

/// `(key, text)` overrides, checked.
type Texts = Vec<(String, String)>;

/// A portal's wording overrides: `{ key: text }` for every language, `{ fr: { key: text } }`
/// for one (both may be mixed; per-language texts win).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Messages {
    all: Texts,
    by_lang: Vec<(Lang, Texts)>,
    /// Keys that name no text, nor a language (`{ fr_typo: … }`), for a warning.
    unknown: Vec<String>,
}

/// `key`'s text, checked: a string that keeps the English text's placeholders.
fn checked(key: &str, value: Given) -> Result<String, WordsError> {
    match value {
        Given::Text(text) => check_placeholders(key, &text).map(|()| text),
        _ => Err(WordsError::NotText(key.to_owned())),
    }
}

impl Messages {
    /// Reads overrides (the members of the `messages` object) and checks them: a text that
    /// drops a placeholder of the English text (`{n}`), or that is not a string, is refused.
    pub fn read(members: Vec<(String, Given)>) -> Result<Self, WordsError> {
        let mut messages = Messages::default();
        for (key, value) in members {
            if EN.text(&key).is_some() {
                let text = checked(&key, value)?;
                messages.all.push((key, text));
                continue;
            }
            match (Lang::from_tag(&key), value) {
                (Some(lang), Given::Object(own)) => {
                    let mut texts = Vec::new();
                    for (name, value) in own {
                        if EN.text(&name).is_some() {
                            let text = checked(&name, value)?;
                            texts.push((name, text));
                        } else {
                            messages.unknown.push(format!("{}.{name}", lang.tag()));
                        }
                    }
                    messages.by_lang.push((lang, texts));
                }
                _ => messages.unknown.push(key),
            }
        }
        Ok(messages)
    }

    /// The keys that name no text (`fr.sav` for a typo under `fr`), to warn about.
    pub fn unknown_keys(&self) -> &[String] {
        &self.unknown
    }

    /// Whether there is nothing to override.
    pub fn is_empty(&self) -> bool {
        self.all.is_empty() && self.by_lang.iter().all(|(_, own)| own.is_empty())
    }

    /// `base` (the catalogue of `lang`) with these overrides; `base` itself when none apply.
    /// Kept for the page's lifetime like every catalogue: one per new set of overrides.
    pub fn apply(&self, lang: Lang, base: &'static Catalogue) -> &'static Catalogue {
        let own = self
            .by_lang
            .iter()
            .rev()
            .find(|(l, _)| *l == lang)
            .map(|(_, own)| own);
        if self.all.is_empty() && own.is_none_or(Vec::is_empty) {
            return base;
        }
        // The last of a key's texts wins, as in a JS object.
        let find = |texts: &Texts, key: &str| {
            texts
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, t)| t.clone())
        };
        Box::leak(Box::new(base.with(&mut |key| {
            own.and_then(|o| find(o, key))
                .or_else(|| find(&self.all, key))
                .map(leak)
        })))
    }
}

/// Fills a catalogue text's `{n}` placeholder (e.g. "Remove phone {n}") with a number.
pub fn numbered(text: &str, n: impl std::fmt::Display) -> String {
    text.replace("{n}", &n.to_string())
}

/// Declares [`Catalogue`] with one `&'static str` per key and an `entries()` listing, so that
/// tests can check every key of every language without repeating the key list.
macro_rules! catalogue {
    ($($key:ident),* $(,)?) => {
        /// Every string the UI shows, for one language. (`repr(C)`: laid out like an array of
        /// its texts, so that converting between the two is a copy.)
        #[derive(Debug)]
        #[repr(C)]
        pub struct Catalogue { $(pub $key: &'static str,)* }

        impl Catalogue {
            /// `(key, text)` pairs, for completeness checks.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key),)*]
            }

            /// Every key, in the catalogue's order.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($key),)*];

            /// The texts, in the order of [`Self::KEYS`].
            fn texts(&self) -> [&'static str; Self::KEYS.len()] {
                [$(self.$key,)*]
            }

            /// The text of `key`, if it is one.
            pub fn text(&self, key: &str) -> Option<&'static str> {
                Self::KEYS.iter().position(|k| *k == key).map(|i| self.texts()[i])
            }

            /// This catalogue with the texts `replace` gives (by key) instead of its own.
            /// A loop over the keys, and a `dyn`: one small copy in the wasm, not a
            /// hundred calls per caller.
            pub fn with(&self, replace: &mut dyn FnMut(&str) -> Option<&'static str>) -> Catalogue {
                let mut texts = self.texts();
                for (text, key) in texts.iter_mut().zip(Self::KEYS) {
                    if let Some(new) = replace(key) {
                        *text = new;
                    }
                }
                let [$($key,)*] = texts;
                Catalogue { $($key,)* }
            }
        }
    };
}

catalogue! {
    // In alphabetical order: the shipped catalogue files are arrays of texts in this order
    // (`cargo xtask dist` sorts the keys of `i18n/<lang>.json`).
    add_on, add_phone, additional_information_1, additional_information_2, address_number,
    address_unknown_text, address_unknown_title, birth_city, changed_mark, city, conflict_mine,
    conflict_original, conflict_text, conflict_theirs, conflict_title, conflicts_resolved,
    country, country_code, crash_text, crash_title, discard, edit_address, edits_kept, email,
    empty_value, error_bad_request, error_config_invalid, error_config_malformed,
    error_config_unavailable, error_forbidden, error_network, error_not_found,
    error_rate_limited, error_server, error_server_said, error_session_expired, error_status,
    error_timeout, error_title, error_too_large, error_unauthorized, error_undecodable,
    first_name, gm_number, keep_address, keep_mine, keep_theirs, last_name, loading, locale,
    loyalty_status, many_changes, move_down, move_phone_down, move_phone_up, move_up, no,
    no_changes, no_phones, not_provided, not_set, offline, offline_waiting, one_change,
    page_title, phone_fax, phone_home, phone_mobile, phone_n, phone_number, phone_other,
    phone_type_label, phone_work, phones, phones_read_only, platinum_for_life, points,
    previous_status, problem_invalid_country, problem_invalid_email, problem_invalid_locale,
    problem_invalid_phone, problem_invalid_phone_type, problem_required, problem_too_few_digits,
    problem_too_long, reload, remove, remove_phone, retry, review_changes, review_title, save,
    save_failed_title, save_forbidden, save_not_found, saved, saved_reload_failed, saving,
    second_name, section_address, section_contact, section_membership, section_name,
    section_preferences, state_or_district, street, summary_title, taken_from_server,
    third_name, town, unreadable, yes, zip_code,
}

impl Catalogue {
    /// Label of a phone type, or `None` for a type the app does not know (shown as it is).
    pub fn phone_type(&self, kind: &str) -> Option<&'static str> {
        match kind {
            "MOBILE" => Some(self.phone_mobile),
            "HOME" => Some(self.phone_home),
            "WORK" => Some(self.phone_work),
            "FAX" => Some(self.phone_fax),
            "OTHER" => Some(self.phone_other),
            _ => None,
        }
    }
}

/// English.
pub static EN: Catalogue = Catalogue {
    // --- validation messages ---
    problem_required: "This field cannot be left empty",
    problem_invalid_email: "Enter an email address like name@example.com",
    problem_invalid_phone: "Use only digits, spaces and + . - ( )",
    problem_too_few_digits: "Enter at least 6 digits",
    problem_invalid_phone_type: "Choose a phone type",
    problem_invalid_country: "Choose a country from the list",
    problem_invalid_locale: "Choose a language from the list (a language tag such as en-GB)",
    problem_too_long: "Use at most 255 characters",
    // --- end of validation messages ---
    page_title: "Your profile",
    loading: "Loading your profile…",
    retry: "Retry",
    not_provided: "Not provided",
    unreadable: "Could not be read",
    yes: "Yes",
    no: "No",
    section_name: "Name",
    section_contact: "Contact",
    section_address: "Address",
    section_membership: "Membership",
    section_preferences: "Preferences",
    first_name: "First name",
    second_name: "Second name",
    third_name: "Third name",
    last_name: "Last name",
    birth_city: "City of birth",
    email: "Email",
    phones: "Phones",
    no_phones: "No phone number",
    phones_read_only: "This profile has {n} phone numbers, too many to change here. They are listed as they are; everything else can still be changed.",
    phone_mobile: "Mobile",
    phone_home: "Home",
    phone_work: "Work",
    phone_fax: "Fax",
    phone_other: "Other",
    address_number: "Number",
    street: "Street",
    add_on: "Address line 2",
    additional_information_1: "Additional information",
    additional_information_2: "Additional information (2)",
    zip_code: "Postcode",
    city: "City",
    town: "Town",
    state_or_district: "State or district",
    country_code: "Country",
    country: "Country name",
    gm_number: "Membership number",
    loyalty_status: "Loyalty status",
    previous_status: "Previous status",
    platinum_for_life: "Platinum for life",
    points: "Points",
    locale: "Preferred language",
    error_title: "We could not load your profile",
    error_config_unavailable: "The app's configuration file (config.json) could not be loaded.",
    error_config_malformed: "The app's configuration file (config.json) is not valid.",
    error_config_invalid: "The app's configuration file (config.json) has an empty or invalid value:",
    error_bad_request: "The service refused the request as invalid. Retrying may help; if not, please contact support.",
    error_unauthorized: "You are not signed in, or your sign-in was not recognised. Please sign in again.",
    error_session_expired: "Your session has expired. Please sign in again.",
    error_forbidden: "You are not allowed to see this profile.",
    error_not_found: "No profile was found for this account.",
    error_too_large: "The request was too large for the service.",
    error_rate_limited: "Too many requests were sent. Please wait a moment, then retry.",
    error_server: "The service is having trouble right now. Please retry in a moment.",
    error_status: "The service answered with an unexpected error. Status:",
    error_network: "The service could not be reached. Check your connection, then retry.",
    error_timeout: "The service took too long to answer. Please retry.",
    error_undecodable: "The service sent a response that could not be read.",
    error_server_said: "Details from the service:",
    // --- the form ---
    save: "Save",
    saving: "Saving your changes…",
    saved: "Your changes have been saved.",
    discard: "Discard changes",
    review_changes: "Review changes",
    review_title: "Changes to save",
    no_changes: "No unsaved changes",
    one_change: "1 unsaved change",
    many_changes: "{n} unsaved changes",
    changed_mark: "(changed)",
    empty_value: "(empty)",
    not_set: "Not set",
    add_phone: "Add phone",
    remove: "Remove",
    remove_phone: "Remove phone {n}",
    move_up: "Up",
    move_down: "Down",
    move_phone_up: "Move phone {n} up",
    move_phone_down: "Move phone {n} down",
    phone_n: "Phone {n}",
    phone_number: "Number",
    phone_type_label: "Type",
    summary_title: "Please correct the following before saving",
    address_unknown_title: "We could not verify this address",
    address_unknown_text: "The postcode and city do not match an address we know in this country. Check them, or keep the address exactly as you entered it.",
    keep_address: "Keep this address anyway",
    edit_address: "Edit address",
    save_failed_title: "Your changes were not saved",
    save_forbidden: "You are not allowed to change this profile.",
    save_not_found: "This profile no longer exists, so your changes could not be saved.",
    edits_kept: "Your edits are still in the form.",
    saved_reload_failed: "Your changes were saved, but the updated profile could not be loaded.",
    taken_from_server: "Updated with changes saved elsewhere:",
    conflict_title: "This profile was also changed elsewhere",
    conflict_text: "While you were editing, these fields were changed and saved elsewhere. Choose which value to keep for each: nothing is saved until you have chosen.",
    conflict_original: "Before",
    conflict_theirs: "Saved elsewhere",
    conflict_mine: "Yours",
    keep_theirs: "Keep the saved value",
    keep_mine: "Keep yours",
    conflicts_resolved: "Your choices are in the form. Save to send them.",
    offline: "You are offline.",
    offline_waiting: "You are offline: your changes will be saved when the connection is back.",
    crash_title: "Something went wrong",
    crash_text: "Your edits are still in the form, but this page can no longer save them. Copy what you need, then reload the page.",
    reload: "Reload",
};

/// The texts of a translator's catalogue (`{ "key": "text" }`, as in `i18n/<lang>.json`) in
/// the order of [`Catalogue::KEYS`], "" for a key it lacks: what `cargo xtask dist` ships.
#[cfg(test)]
pub fn shipped(keyed: &str) -> Vec<String> {
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(keyed).expect("a JSON object");
    Catalogue::KEYS
        .iter()
        .map(|key| {
            map.get(*key)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_owned()
        })
        .collect()
}

/// The French catalogue, read from `i18n/fr.json` as the app reads it, for tests of the
/// modules that speak (validation, errors).
#[cfg(test)]
pub fn french() -> &'static Catalogue {
    let texts = shipped(include_str!("../../i18n/fr.json"));
    Catalogue::from_json(&serde_json::to_string(&texts).expect("texts"))
        .expect("i18n/fr.json reads")
}

/// A portal's `messages` as the browser side reads them, from JSON.
#[cfg(test)]
pub fn given(json: &str) -> Result<Vec<(String, Given)>, String> {
    fn value(v: serde_json::Value) -> Given {
        match v {
            serde_json::Value::String(t) => Given::Text(t),
            serde_json::Value::Object(m) => {
                Given::Object(m.into_iter().map(|(k, v)| (k, value(v))).collect())
            }
            _ => Given::Other,
        }
    }
    match serde_json::from_str(json).map_err(|e| e.to_string())? {
        serde_json::Value::Object(m) => Ok(m.into_iter().map(|(k, v)| (k, value(v))).collect()),
        _ => Err("not an object".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of `i18n/<tag>.json`.
    fn file(lang: Lang) -> String {
        let path = format!("{}/i18n/{}.json", env!("CARGO_MANIFEST_DIR"), lang.tag());
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// `(key, text)` of a catalogue file, in its order.
    fn pairs(lang: Lang) -> Vec<(String, String)> {
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&file(lang)).expect("a JSON object");
        map.into_iter()
            .map(|(k, v)| (k, v.as_str().expect("a string").to_owned()))
            .collect()
    }

    #[test]
    fn en_json_is_the_built_in_english_catalogue() {
        // i18n/en.json is published for portals: it must say exactly what the app says.
        let en: Vec<(String, String)> = EN
            .entries()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let mut published = pairs(Lang::En);
        published.sort();
        let mut built_in = en;
        built_in.sort();
        assert_eq!(published, built_in);
    }

    #[test]
    fn every_catalogue_has_every_key_no_empty_text_and_the_same_placeholders() {
        let mut keys: Vec<&str> = EN.entries().into_iter().map(|(k, _)| k).collect();
        keys.sort_unstable();
        for lang in Lang::ALL {
            let texts = pairs(lang);
            // (The files' own order is for translators; serde_json's map keeps it or sorts,
            // depending on its features in the build.)
            let mut file_keys: Vec<&str> = texts.iter().map(|(k, _)| k.as_str()).collect();
            file_keys.sort_unstable();
            assert_eq!(file_keys, keys, "{lang:?}: exactly the keys of English");
            for (key, text) in &texts {
                assert!(!text.trim().is_empty(), "{lang:?} has an empty `{key}`");
                let english = EN.text(key).unwrap_or_default();
                let (mut want, mut got) = (placeholders(english), placeholders(text));
                want.sort_unstable();
                got.sort_unstable();
                assert_eq!(got, want, "{lang:?} `{key}`: the placeholders of English");
            }
            let catalogue = Catalogue::from_texts(shipped(&file(lang))).expect("reads");
            assert_eq!(catalogue.entries().len(), keys.len());
        }
    }

    #[test]
    fn no_language_is_a_copy_of_english() {
        for lang in Lang::ALL.into_iter().skip(1) {
            let catalogue = Catalogue::from_texts(shipped(&file(lang))).expect("reads");
            let same = EN
                .entries()
                .into_iter()
                .zip(catalogue.entries())
                .filter(|((_, en), (_, other))| en == other)
                .count();
            // A few words are spelt the same (Mobile, Fax, Points, Status…).
            assert!(same <= 12, "{lang:?}: {same} texts are English's");
        }
    }

    #[test]
    fn keys_are_in_alphabetical_order_as_the_shipped_files_are() {
        // `cargo xtask dist` writes each file's texts in the sorted order of its keys.
        let mut sorted = Catalogue::KEYS.to_vec();
        sorted.sort_unstable();
        assert_eq!(Catalogue::KEYS, sorted.as_slice());
    }

    #[test]
    fn a_catalogue_file_keeps_english_for_what_it_lacks_and_refuses_a_lost_placeholder() {
        let c = Catalogue::from_texts(shipped(
            r#"{"save": "Speichern", "nope": "x", "discard": " "}"#,
        ))
        .expect("reads");
        assert_eq!(c.save, "Speichern");
        assert_eq!(c.discard, EN.discard, "an empty text keeps English's");
        assert_eq!(c.retry, EN.retry);
        assert_eq!(
            Catalogue::from_texts(shipped(r#"{"phone_n": "Telefon"}"#)).err(),
            Some(WordsError::MissingPlaceholder {
                key: "phone_n".into(),
                placeholder: "{n}".into()
            })
        );
        for bad in ["[1]", r#"{"save": "x"}"#, r#"["Save"]"#, "[", "null"] {
            assert!(
                matches!(Catalogue::from_json(bad), Err(WordsError::Malformed(_))),
                "{bad}"
            );
        }
        let one_short = serde_json::to_string(&shipped("{}")[1..]).expect("texts");
        assert_eq!(
            Catalogue::from_json(&one_short)
                .err()
                .map(|e| e.to_string()),
            Some(format!(
                "not a catalogue ({} texts instead of {} (a catalogue of another build?))",
                Catalogue::KEYS.len() - 1,
                Catalogue::KEYS.len()
            ))
        );
        let whole = serde_json::to_string(&shipped(r#"{"save": "Speichern"}"#)).expect("texts");
        assert_eq!(
            Catalogue::from_json(&whole).map(|c| c.save).ok(),
            Some("Speichern")
        );
    }

    #[test]
    fn negotiates_like_a_browser() {
        let browser = |tags: &[&str]| tags.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
        let pick = |configured: Option<&str>, tags: &[&str]| {
            let c = negotiate(configured, &browser(tags));
            (c.lang, c.accept_language)
        };
        assert_eq!(
            pick(None, &["sv-SE", "de-DE", "en"]),
            (Lang::De, "de-DE".into())
        );
        assert_eq!(pick(None, &["pt-BR"]), (Lang::Pt, "pt-BR".into()));
        assert_eq!(pick(None, &["de-CH", "fr"]), (Lang::De, "de-CH".into()));
        assert_eq!(pick(None, &["sv-SE", "fi"]), (Lang::En, "en".into()));
        assert_eq!(pick(None, &[]), (Lang::En, "en".into()));
        // The configured locale first, when the UI speaks it.
        assert_eq!(
            pick(Some(" fr-CA "), &["de-DE"]),
            (Lang::Fr, "fr-CA".into())
        );
        assert_eq!(pick(Some("sv-SE"), &["it-IT"]), (Lang::It, "it-IT".into()));
        // A tag that cannot go into a header counts as absent.
        for bad in [
            "fr CA",
            "fr,en",
            "fr\r\nx: y",
            "",
            "a-very-long-tag-that-is-not-a-real-one-x",
        ] {
            assert_eq!(
                pick(Some(bad), &["nl-BE"]),
                (Lang::Nl, "nl-BE".into()),
                "{bad:?}"
            );
        }
        assert_eq!(pick(None, &["es_ES"]), (Lang::En, "en".into()));
    }

    #[test]
    fn overrides_replace_texts_for_all_or_one_language() {
        let m = Messages::read(
            given(
                r#"{"save": "Save my details", "fr": {"save": "Enregistrer mes coordonnées"},
                "sav": "typo", "de": {"retyr": "x"}, "klingon": {"save": "x"}}"#,
            )
            .expect("an object"),
        )
        .expect("valid");
        let mut unknown = m.unknown_keys().to_vec();
        unknown.sort();
        assert_eq!(unknown, ["de.retyr", "klingon", "sav"]);
        let en = m.apply(Lang::En, &EN);
        assert_eq!(en.save, "Save my details");
        assert_eq!(en.discard, EN.discard);
        let fr = m.apply(Lang::Fr, french());
        assert_eq!(fr.save, "Enregistrer mes coordonnées");
        assert_eq!(fr.discard, french().discard);
        let fr = french();
        assert!(std::ptr::eq(Messages::default().apply(Lang::Fr, fr), fr));
        assert!(Messages::default().is_empty());
    }

    #[test]
    fn an_override_that_drops_a_placeholder_is_refused() {
        let read = |json: &str| Messages::read(given(json).expect("an object"));
        let refused = read(r#"{"fr": {"remove_phone": "Supprimer"}}"#);
        assert_eq!(
            refused,
            Err(WordsError::MissingPlaceholder {
                key: "remove_phone".into(),
                placeholder: "{n}".into()
            })
        );
        assert_eq!(
            refused.map(|_| ()).unwrap_err().to_string(),
            "`remove_phone` must keep the placeholder {n} of its English text"
        );
        assert_eq!(
            read(r#"{"save": 1}"#),
            Err(WordsError::NotText("save".into()))
        );
        assert_eq!(
            read(r#"{"de": {"save": ["Speichern"]}}"#),
            Err(WordsError::NotText("save".into()))
        );
        // The last text of a key wins, as in a JS object; a language's own text wins.
        let m = Messages::read(vec![
            ("save".into(), Given::Text("One".into())),
            ("save".into(), Given::Text("Two".into())),
            (
                "nl".into(),
                Given::Object(vec![("discard".into(), Given::Text("Weg".into()))]),
            ),
        ])
        .expect("valid");
        assert_eq!(m.apply(Lang::En, &EN).save, "Two");
        assert_eq!(m.apply(Lang::Nl, &EN).discard, "Weg");
        assert_eq!(m.apply(Lang::En, &EN).discard, EN.discard);
    }

    #[test]
    fn numbered_texts_get_their_number() {
        assert_eq!(numbered(EN.remove_phone, 2), "Remove phone 2");
        assert_eq!(
            numbered(french().many_changes, 3),
            "3 modifications en attente"
        );
    }

    #[test]
    fn picks_language_from_tag() {
        assert_eq!(Lang::from_tag("fr-FR"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("FR_ca"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("pt-BR"), Some(Lang::Pt));
        assert_eq!(Lang::from_tag("NL"), Some(Lang::Nl));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("sv-SE"), None);
        assert_eq!(Lang::from_tag("fry"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn phone_types_have_labels_and_unknown_ones_do_not() {
        assert_eq!(french().phone_type("HOME"), Some("Domicile"));
        assert_eq!(EN.phone_type("WORK"), Some("Work"));
        assert_eq!(EN.phone_type("SATELLITE"), None);
    }
}
