//! Runtime configuration, read from `config.json` next to the page so that one build serves
//! every environment (sandbox, staging, the real API) without recompiling.

use serde::Deserialize;

use crate::domain::wire::Object;

/// What the app needs to reach the Customer Profile API, as written in `config.json`.
///
/// `token` exists for demos against the sandbox only: in production the token comes from the
/// host page (see the embedding API), never from a file.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RuntimeConfig {
    /// Origin (and optional path prefix) of the API, e.g. `https://api.example.com`;
    /// empty means the page's own origin.
    pub api_base_url: String,
    /// Value of the `x-api-key` header.
    pub api_key: String,
    /// The customer whose profile is shown.
    pub customer_id: String,
    /// Preferred UI language (BCP 47); falls back to the browser's when absent.
    pub locale: Option<String>,
    /// Bearer token, for sandbox demos only.
    pub token: Option<String>,
}

/// The colour scheme the editor uses: the OS preference (`auto`, the default), or the one
/// a portal that supports only one scheme asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// The theme named `light`, `dark` or `auto` (ASCII case-insensitive, trimmed, as HTML
    /// reads enumerated attributes); anything else is `None`.
    pub fn parse(name: &str) -> Option<Self> {
        [Theme::Auto, Theme::Light, Theme::Dark]
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The name, as the `data-theme` attribute the style sheet reads.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Why `config.json` could not be used; each case gets its own message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// The file could not be fetched, or answered a non-2xx status.
    Unavailable,
    /// The file is not JSON of the expected shape.
    Malformed,
    /// A required value is empty or unusable.
    Invalid(&'static str),
}

impl RuntimeConfig {
    /// Parses and checks `config.json`'s text: an object whose required members are
    /// strings and optional ones strings or null (unknown members are ignored). Anything
    /// else, a member given twice included, is [`ConfigError::Malformed`].
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        let Object(config) =
            serde_json::from_str::<Object<Self>>(text).map_err(|_| ConfigError::Malformed)?;
        config.validate()
    }

    /// A configuration from its parts (the embedding API's options), checked like the file.
    pub fn from_parts(
        api_base_url: String,
        api_key: String,
        customer_id: String,
        locale: Option<String>,
    ) -> Result<Self, ConfigError> {
        RuntimeConfig {
            api_base_url,
            api_key,
            customer_id,
            locale,
            token: None,
        }
        .validate()
    }

    fn validate(mut self) -> Result<Self, ConfigError> {
        self.customer_id = self.customer_id.trim().to_owned();
        if self.customer_id.is_empty() {
            return Err(ConfigError::Invalid("customer_id"));
        }
        if self.api_key.trim().is_empty() {
            return Err(ConfigError::Invalid("api_key"));
        }
        let base = self.api_base_url.trim().trim_end_matches('/');
        let scheme_ok = base.is_empty()
            || base.starts_with("https://")
            || base.starts_with("http://")
            || base.starts_with('/');
        if !scheme_ok {
            return Err(ConfigError::Invalid("api_base_url"));
        }
        self.api_base_url = base.to_owned();
        self.locale = self.locale.filter(|l| !l.trim().is_empty());
        self.token = self.token.filter(|t| !t.trim().is_empty());
        Ok(self)
    }

    /// URL of the profile resource for API `version` (`"v1"` or `"v2"`), with the customer id
    /// percent-encoded so that no id can change the path.
    pub fn profile_url(&self, version: &str) -> String {
        format!(
            "{}/{}/customers/{}/profile",
            self.api_base_url,
            version,
            encode_path_segment(&self.customer_id)
        )
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn encode_path_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte & 15)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"api_base_url":"http://127.0.0.1:8080/","api_key":"k",
        "customer_id":" 123456789 ","locale":"fr-FR","token":"t"}"#;

    #[test]
    fn themes_are_read_like_an_enumerated_attribute() {
        assert_eq!(Theme::parse("light"), Some(Theme::Light));
        assert_eq!(Theme::parse(" DARK "), Some(Theme::Dark));
        assert_eq!(Theme::parse("auto"), Some(Theme::Auto));
        for bad in ["", "night", "lighter", "li ght"] {
            assert_eq!(Theme::parse(bad), None, "{bad:?}");
        }
        for t in [Theme::Auto, Theme::Light, Theme::Dark] {
            assert_eq!(Theme::parse(t.name()), Some(t));
        }
    }

    #[test]
    fn parses_and_normalises() {
        let c = RuntimeConfig::parse(GOOD).expect("valid config");
        assert_eq!(c.api_base_url, "http://127.0.0.1:8080");
        assert_eq!(c.customer_id, "123456789");
        assert_eq!(c.locale.as_deref(), Some("fr-FR"));
        assert_eq!(
            c.profile_url("v2"),
            "http://127.0.0.1:8080/v2/customers/123456789/profile"
        );
    }

    #[test]
    fn optional_fields_may_be_missing_or_empty() {
        let c = RuntimeConfig::parse(
            r#"{"api_base_url":"","api_key":"k","customer_id":"1","locale":""}"#,
        )
        .expect("valid config");
        assert_eq!(c.locale, None);
        assert_eq!(c.token, None);
        assert_eq!(c.profile_url("v1"), "/v1/customers/1/profile");
    }

    #[test]
    fn rejects_bad_configs_specifically() {
        assert_eq!(RuntimeConfig::parse("nope"), Err(ConfigError::Malformed));
        assert_eq!(
            RuntimeConfig::parse(r#"{"api_base_url":"","api_key":"k","customer_id":"  "}"#),
            Err(ConfigError::Invalid("customer_id"))
        );
        assert_eq!(
            RuntimeConfig::parse(r#"{"api_base_url":"","api_key":"","customer_id":"1"}"#),
            Err(ConfigError::Invalid("api_key"))
        );
        assert_eq!(
            RuntimeConfig::parse(
                r#"{"api_base_url":"javascript:alert(1)","api_key":"k","customer_id":"1"}"#
            ),
            Err(ConfigError::Invalid("api_base_url"))
        );
    }

    #[test]
    fn only_an_object_of_strings_is_a_config() {
        for text in [
            r#"["", "k", "1"]"#,
            r#"{"api_base_url": "", "api_key": 7, "customer_id": "1"}"#,
            r#"{"api_base_url": "", "api_key": "k"}"#,
            r#"{"api_base_url": "", "api_key": "k", "customer_id": "1", "locale": 3}"#,
            r#"{"api_base_url": "", "api_key": "k", "customer_id": "1", "customer_id": "2"}"#,
            r#"{"api_base_url": "", "api_key": "k", "customer_id": "1"} trailing"#,
        ] {
            assert_eq!(
                RuntimeConfig::parse(text),
                Err(ConfigError::Malformed),
                "{text}"
            );
        }
        let c = RuntimeConfig::parse(
            r#"{"api_base_url": "", "api_key": "k", "customer_id": "1", "token": null, "x": [1]}"#,
        )
        .expect("unknown members are ignored");
        assert_eq!(c.token, None);
    }

    #[test]
    fn parts_are_checked_like_the_file() {
        let ok = RuntimeConfig::from_parts("/api/".into(), "k".into(), " 42 ".into(), None)
            .expect("valid parts");
        assert_eq!(ok.profile_url("v2"), "/api/v2/customers/42/profile");
        assert_eq!(
            RuntimeConfig::from_parts("".into(), "k".into(), "".into(), None),
            Err(ConfigError::Invalid("customer_id"))
        );
        assert_eq!(
            RuntimeConfig::from_parts("ftp://x".into(), "k".into(), "1".into(), None),
            Err(ConfigError::Invalid("api_base_url"))
        );
    }

    #[test]
    fn customer_id_cannot_escape_the_path() {
        let c = RuntimeConfig::parse(r#"{"api_base_url":"","api_key":"k","customer_id":"../x?y"}"#)
            .expect("valid config");
        assert_eq!(c.profile_url("v2"), "/v2/customers/..%2Fx%3Fy/profile");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(crate::domain::fuzzing::config())]

        /// Broken text (cut, spliced, bytes changed): never a panic.
        #[test]
        fn fuzz_config_files_never_panic(text in crate::domain::fuzzing::mangled_json()) {
            let _ = RuntimeConfig::parse(&text);
        }
    }
}
