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
    /// Not a JSON object of texts (the reason, from serde_json).
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
            WordsError::Malformed(why) => write!(f, "not an object of texts ({why})"),
            WordsError::NotText(key) => write!(f, "`{key}` must be a string"),
            WordsError::MissingPlaceholder { key, placeholder } => write!(
                f,
                "`{key}` must keep the placeholder {placeholder} of its English text"
            ),
        }
    }
}

/// A JSON object, as serde_json reads it: measured, its `Value` costs less wasm than a map
/// of strings plus a map of raw values (4.7 KB brotli less).
type JsonObject = serde_json::Map<String, serde_json::Value>;

fn json_object(text: &str) -> Result<JsonObject, WordsError> {
    serde_json::from_str(text).map_err(|e| WordsError::Malformed(e.to_string()))
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
    /// A language's catalogue from its JSON file (`{ "key": "text" }`): a key the file lacks
    /// keeps English's text, an unknown one is ignored, a text that drops a placeholder is
    /// refused. The texts are kept for the page's lifetime (`&'static`, like the built-in
    /// English): a language is read once per page.
    pub fn from_json(text: &str) -> Result<&'static Catalogue, WordsError> {
        let mut map = json_object(text)?;
        for (key, value) in &map {
            if EN.text(key).is_some() {
                let text = value
                    .as_str()
                    .ok_or_else(|| WordsError::NotText(key.clone()))?;
                check_placeholders(key, text)?;
            }
        }
        Ok(Box::leak(Box::new(EN.with(
            &mut |key| match map.remove(key) {
                Some(serde_json::Value::String(t)) if !t.trim().is_empty() => Some(leak(t)),
                _ => None,
            },
        ))))
    }
}

/// Keeps a text for the page's lifetime (see [`Catalogue::from_json`]).
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// A portal's wording overrides: `{ key: text }` for every language, `{ fr: { key: text } }`
/// for one (both may be mixed; per-language texts win).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Messages {
    all: JsonObject,
    by_lang: Vec<(Lang, JsonObject)>,
    /// Keys that name no text, nor a language (`{ fr_typo: … }`), for a warning.
    unknown: Vec<String>,
}

impl Messages {
    /// Reads overrides from JSON and checks them: a text that drops a placeholder of the
    /// English text (`{n}`), or that is not a string, is refused.
    pub fn parse(json: &str) -> Result<Self, WordsError> {
        let mut messages = Messages::default();
        for (key, value) in json_object(json)? {
            if EN.text(&key).is_some() {
                let text = value
                    .as_str()
                    .ok_or_else(|| WordsError::NotText(key.clone()))?;
                check_placeholders(&key, text)?;
                messages.all.insert(key, value);
                continue;
            }
            match (Lang::from_tag(&key), value) {
                (Some(lang), serde_json::Value::Object(mut own)) => {
                    let mut unknown = Vec::new();
                    own.retain(|name, _| {
                        let known = EN.text(name).is_some();
                        if !known {
                            unknown.push(format!("{}.{name}", lang.tag()));
                        }
                        known
                    });
                    messages.unknown.append(&mut unknown);
                    for (name, text) in &own {
                        let text = text
                            .as_str()
                            .ok_or_else(|| WordsError::NotText(name.clone()))?;
                        check_placeholders(name, text)?;
                    }
                    messages.by_lang.push((lang, own));
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
        if self.all.is_empty() && own.is_none_or(JsonObject::is_empty) {
            return base;
        }
        Box::leak(Box::new(base.with(&mut |key| {
            own.and_then(|o| o.get(key))
                .or_else(|| self.all.get(key))
                .and_then(|t| t.as_str())
                .map(|t| leak(t.to_owned()))
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
    // --- validation messages (validation::Problem::message) ---
    problem_required, problem_invalid_email, problem_invalid_phone, problem_too_few_digits,
    problem_invalid_phone_type, problem_invalid_country, problem_invalid_locale,
    problem_too_long,
    // --- end of validation messages ---
    page_title, loading, retry, not_provided, unreadable, yes, no,
    section_name, section_contact, section_address, section_membership, section_preferences,
    first_name, second_name, third_name, last_name, birth_city, email, phones, no_phones, phones_read_only,
    phone_mobile, phone_home, phone_work, phone_fax, phone_other,
    address_number, street, add_on, additional_information_1, additional_information_2,
    zip_code, city, town, state_or_district, country_code, country,
    gm_number, loyalty_status, previous_status, platinum_for_life, points, locale,
    error_title, error_config_unavailable, error_config_malformed, error_config_invalid,
    error_bad_request, error_unauthorized, error_session_expired, error_forbidden,
    error_not_found, error_too_large, error_rate_limited, error_server, error_status,
    error_network, error_timeout, error_undecodable, error_server_said,
    // --- the form ---
    save, saving, saved, discard, review_changes, review_title, no_changes, one_change,
    many_changes, changed_mark, empty_value, not_set, add_phone, remove, remove_phone, move_up,
    move_down, move_phone_up, move_phone_down, phone_n, phone_number, phone_type_label,
    summary_title, address_unknown_title, address_unknown_text, keep_address, edit_address,
    save_failed_title, save_forbidden, save_not_found, edits_kept, saved_reload_failed, reload,
    // --- changes saved elsewhere (crate::domain::merge) ---
    taken_from_server, conflict_title, conflict_text, conflict_original, conflict_theirs,
    conflict_mine, keep_theirs, keep_mine, conflicts_resolved,
    // --- a panic (crate::browser::crash) ---
    crash_title, crash_text,
    // --- offline ---
    offline, offline_waiting,
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

/// The French catalogue, read from `i18n/fr.json` as the app reads it, for tests of the
/// modules that speak (validation, errors).
#[cfg(test)]
pub fn french() -> &'static Catalogue {
    Catalogue::from_json(include_str!("../../i18n/fr.json")).expect("i18n/fr.json reads")
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
            let catalogue = Catalogue::from_json(&file(lang)).expect("reads");
            assert_eq!(catalogue.entries().len(), keys.len());
        }
    }

    #[test]
    fn no_language_is_a_copy_of_english() {
        for lang in Lang::ALL.into_iter().skip(1) {
            let catalogue = Catalogue::from_json(&file(lang)).expect("reads");
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
    fn a_catalogue_file_keeps_english_for_what_it_lacks_and_refuses_a_lost_placeholder() {
        let c = Catalogue::from_json(r#"{"save": "Speichern", "nope": "x", "discard": " "}"#)
            .expect("reads");
        assert_eq!(c.save, "Speichern");
        assert_eq!(c.discard, EN.discard, "an empty text keeps English's");
        assert_eq!(c.retry, EN.retry);
        assert_eq!(
            Catalogue::from_json(r#"{"phone_n": "Telefon"}"#).err(),
            Some(WordsError::MissingPlaceholder {
                key: "phone_n".into(),
                placeholder: "{n}".into()
            })
        );
        assert!(matches!(
            Catalogue::from_json("[1]"),
            Err(WordsError::Malformed(_))
        ));
        assert_eq!(
            Catalogue::from_json(r#"{"save": 3}"#).err(),
            Some(WordsError::NotText("save".into()))
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
        let m = Messages::parse(
            r#"{"save": "Save my details", "fr": {"save": "Enregistrer mes coordonnées"},
                "sav": "typo", "de": {"retyr": "x"}, "klingon": {"save": "x"}}"#,
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
        let refused = Messages::parse(r#"{"fr": {"remove_phone": "Supprimer"}}"#);
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
            Messages::parse(r#"{"save": 1}"#),
            Err(WordsError::NotText("save".into()))
        );
        assert!(matches!(
            Messages::parse("7"),
            Err(WordsError::Malformed(_))
        ));
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
