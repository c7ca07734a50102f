//! Language tags: BCP 47 well-formedness (for `locale` and `accept-language`), and the choice
//! of the language the sandbox answers in.
//!
//! The grammar here is mirrored by the regular expressions of `openapi/customer-profile.yaml`;
//! change both together, or schemathesis will notice.

use axum::http::{header::ACCEPT_LANGUAGE, HeaderMap};

/// The languages the sandbox writes its messages in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English: the default for anything that is not French.
    #[default]
    En,
    /// French: when the first tag of `accept-language` is `fr` or starts with `fr-`.
    Fr,
}

impl Lang {
    /// The language to answer in, whatever the rest of the request: a well-formed
    /// `accept-language` decides, anything else gets English.
    pub fn from_headers(headers: &HeaderMap) -> Lang {
        headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_accept_language)
            .unwrap_or_default()
    }
}

/// Parses an `accept-language` value: a single BCP 47 tag or the RFC 9110 list syntax
/// (`fr-FR,fr;q=0.9,*;q=0.5`). `None` when malformed; otherwise the language of the first item.
pub fn parse_accept_language(value: &str) -> Option<Lang> {
    let mut first = None;
    for item in value.split(',') {
        let mut parts = item.splitn(2, ';');
        let range = trim_ows(parts.next().unwrap_or_default());
        if range != "*" && !is_bcp47(range) {
            return None;
        }
        if let Some(weight) = parts.next() {
            if !is_weight(trim_ows(weight)) {
                return None;
            }
        }
        if first.is_none() {
            first = Some(range);
        }
    }
    let primary = first?.split('-').next().unwrap_or_default();
    Some(if primary.eq_ignore_ascii_case("fr") {
        Lang::Fr
    } else {
        Lang::En
    })
}

fn trim_ows(s: &str) -> &str {
    s.trim_matches([' ', '\t'])
}

/// `q=` followed by an RFC 9110 qvalue: `0`, `0.5`, `0.125`, `1`, `1.000`.
fn is_weight(s: &str) -> bool {
    let Some(q) = s.strip_prefix("q=").or_else(|| s.strip_prefix("Q=")) else {
        return false;
    };
    let (int, frac) = match q.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (q, None),
    };
    let frac_ok =
        |allowed: fn(u8) -> bool| frac.is_none_or(|f| f.len() <= 3 && f.bytes().all(allowed));
    match int {
        "0" => frac_ok(|b| b.is_ascii_digit()),
        "1" => frac_ok(|b| b == b'0'),
        _ => false,
    }
}

/// Whether `tag` is a well-formed BCP 47 language tag (RFC 5646 `langtag` or `privateuse`;
/// grandfathered tags are not accepted). Case-insensitive.
pub fn is_bcp47(tag: &str) -> bool {
    let subtags: Vec<&str> = tag.split('-').collect();
    let shape_ok =
        |s: &&str| !s.is_empty() && s.len() <= 8 && s.bytes().all(|b| b.is_ascii_alphanumeric());
    if !subtags.iter().all(shape_ok) {
        return false;
    }
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let is_x = |s: &str| s.eq_ignore_ascii_case("x");
    let n = subtags.len();
    let language = subtags[0];
    if is_x(language) {
        return n > 1;
    }
    if language.len() < 2 || !alpha(language) {
        return false;
    }
    let mut i = 1;
    if language.len() <= 3 {
        let mut extlangs = 0;
        while extlangs < 3 && i < n && subtags[i].len() == 3 && alpha(subtags[i]) {
            i += 1;
            extlangs += 1;
        }
    }
    if i < n && subtags[i].len() == 4 && alpha(subtags[i]) {
        i += 1; // script
    }
    if i < n
        && ((subtags[i].len() == 2 && alpha(subtags[i]))
            || (subtags[i].len() == 3 && digits(subtags[i])))
    {
        i += 1; // region
    }
    while i < n
        && (subtags[i].len() >= 5
            || (subtags[i].len() == 4 && subtags[i].as_bytes()[0].is_ascii_digit()))
    {
        i += 1; // variants
    }
    while i < n && subtags[i].len() == 1 && !is_x(subtags[i]) {
        i += 1; // extension singleton, then at least one 2-8 character subtag
        let start = i;
        while i < n && subtags[i].len() >= 2 {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    if i < n && is_x(subtags[i]) {
        return i + 1 < n; // private use takes the rest
    }
    i == n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_tags() {
        for tag in [
            "fr",
            "fr-FR",
            "en-GB",
            "EN-us",
            "zh-Hant-TW",
            "zh-yue-HK",
            "sr-Latn-RS",
            "es-419",
            "de-CH-1996",
            "sl-rozaj-biske",
            "en-US-u-ca-gregory",
            "en-a-bbb-x-a-ccc",
            "x-whatever",
            "qaa-Qaaa-QM-x-southern",
            "abcdefgh",
        ] {
            assert!(is_bcp47(tag), "{tag}");
        }
    }

    #[test]
    fn malformed_tags() {
        for tag in [
            "",
            "f",
            "fr_FR",
            "fr-",
            "-fr",
            "fr--FR",
            "123",
            "en-US-u",
            "x",
            "en-x",
            "abcdefghi",
            "fr-FR ",
            "fr-é",
            "en-abc-def-ghi-jkl",
            "en-Latn-US-Latn",
            "i-klingon",
            "en-12",
        ] {
            assert!(!is_bcp47(tag), "{tag}");
        }
    }

    #[test]
    fn accept_language_lists() {
        assert_eq!(parse_accept_language("fr-FR"), Some(Lang::Fr));
        assert_eq!(parse_accept_language("fr"), Some(Lang::Fr));
        assert_eq!(parse_accept_language("FR-be"), Some(Lang::Fr));
        assert_eq!(parse_accept_language("en-US"), Some(Lang::En));
        assert_eq!(parse_accept_language("de-DE"), Some(Lang::En));
        assert_eq!(
            parse_accept_language("fr-FR,fr;q=0.9,*;q=0.5"),
            Some(Lang::Fr)
        );
        assert_eq!(parse_accept_language("en-GB, fr ;Q=0.8"), Some(Lang::En));
        assert_eq!(parse_accept_language("*"), Some(Lang::En));
        assert_eq!(parse_accept_language("fr;q=1.000"), Some(Lang::Fr));
        for bad in [
            "",
            " ",
            "fr_FR",
            "fr,",
            ",fr",
            "fr;q=2",
            "fr;q=0.1234",
            "fr;q=1.1",
            "fr;q = 0.5",
            "fr;level=1",
            "fr;q=0.5;q=0.4",
            "français",
        ] {
            assert_eq!(parse_accept_language(bad), None, "{bad:?}");
        }
    }
}
