//! Client-side checks of the form, mirroring the rules the API applies to a PATCH
//! (CONTRACT.md; the sandbox implements the same rules independently), so that the customer
//! sees a precise message next to the field instead of a 400 after saving.
//!
//! Only what the PATCH would carry is checked: a field left as it was in the baseline is not
//! sent, so it never blocks saving, even if the stored value itself would be refused. Values
//! are checked as they will be sent: texts trimmed, phone types as they are.

use crate::domain::countries;
use crate::domain::diff::{is_changed, phones};
use crate::domain::draft::{normalise, Draft, PHONES, PHONE_TYPES, TEXT_FIELDS};
use crate::domain::i18n::Catalogue;
use crate::domain::profile::Profile;

/// The longest text the API accepts, in characters (Unicode scalar values).
pub const MAX_LEN: usize = 255;

/// Fields that may be changed but not emptied once they hold a value.
const CANNOT_BE_EMPTIED: [&str; 3] = ["first_name", "last_name", "email"];

/// What is wrong with one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Empty where a value is needed: a phone number, or a first name, last name or email
    /// that had a value.
    Required,
    /// Not an email address the API accepts.
    InvalidEmail,
    /// A phone number with a character other than digits, spaces and `+ . - ( )`.
    InvalidPhone,
    /// A phone number with fewer than 6 digits.
    TooFewDigits,
    /// A phone type the API does not accept.
    InvalidPhoneType,
    /// Not an upper-case ISO 3166-1 alpha-2 code.
    InvalidCountry,
    /// Not a well-formed BCP 47 language tag.
    InvalidLocale,
    /// Over [`MAX_LEN`] characters.
    TooLong,
}

impl Problem {
    /// The problem the API means by a field error `code` (problem details' `errors[].code`),
    /// for the codes the browser checks too.
    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "INVALID_EMAIL" => Problem::InvalidEmail,
            "INVALID_PHONE" => Problem::InvalidPhone,
            "INVALID_PHONE_TYPE" => Problem::InvalidPhoneType,
            "INVALID_COUNTRY" => Problem::InvalidCountry,
            "INVALID_LOCALE" => Problem::InvalidLocale,
            "TOO_LONG" => Problem::TooLong,
            _ => return None,
        })
    }

    /// The message shown next to the field, in the UI's language.
    pub fn message(self, words: &Catalogue) -> &'static str {
        match self {
            Problem::Required => words.problem_required,
            Problem::InvalidEmail => words.problem_invalid_email,
            Problem::InvalidPhone => words.problem_invalid_phone,
            Problem::TooFewDigits => words.problem_too_few_digits,
            Problem::InvalidPhoneType => words.problem_invalid_phone_type,
            Problem::InvalidCountry => words.problem_invalid_country,
            Problem::InvalidLocale => words.problem_invalid_locale,
            Problem::TooLong => words.problem_too_long,
        }
    }
}

/// One problem of one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldIssue {
    /// The field's JSON path: `"email"`, `"address.country_code"`, `"phones.1.number"`,
    /// `"phones.0.type"`.
    pub path: String,
    pub problem: Problem,
}

/// Every problem of `draft`, in form order (at most one per field).
///
/// `baseline` decides what is checked at all (only changed fields; every phone row when the
/// phone list changed), whether an empty first name, last name or email is a problem (only when
/// the baseline had a value), and which phone types outside [`PHONE_TYPES`] may be kept (those
/// the baseline already has).
pub fn validate(baseline: &Profile, draft: &Draft) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    for path in crate::domain::draft::form_paths() {
        if path == PHONES {
            if is_changed(baseline, draft, PHONES) {
                for (i, (number, kind)) in phones(draft).into_iter().enumerate() {
                    let checks = [
                        ("number", check_phone_number(number)),
                        ("type", check_phone_type(baseline, kind)),
                    ];
                    for (member, problem) in checks {
                        if let Some(problem) = problem {
                            issues.push(FieldIssue {
                                path: format!("{PHONES}.{i}.{member}"),
                                problem,
                            });
                        }
                    }
                }
            }
        } else if let Some(problem) = check_text(baseline, draft, path) {
            issues.push(FieldIssue {
                path: path.to_owned(),
                problem,
            });
        }
    }
    issues
}

/// The problem of the one field at `path` (as in [`TEXT_FIELDS`], or `"phones.N.number"` /
/// `"phones.N.type"`), with the same rules as [`validate`]; `None` when it is fine or the path
/// names no field.
pub fn validate_field(baseline: &Profile, draft: &Draft, path: &str) -> Option<Problem> {
    if let Some(row) = path.strip_prefix("phones.") {
        let (index, member) = row.split_once('.')?;
        let (number, kind) = *phones(draft).get(index.parse::<usize>().ok()?)?;
        if !is_changed(baseline, draft, PHONES) {
            return None;
        }
        return match member {
            "number" => check_phone_number(number),
            "type" => check_phone_type(baseline, kind),
            _ => None,
        };
    }
    check_text(baseline, draft, path)
}

/// A text field: only when changed; then emptied, length, and the field's own rule.
fn check_text(baseline: &Profile, draft: &Draft, path: &str) -> Option<Problem> {
    let (_, get) = TEXT_FIELDS.iter().find(|(p, _)| *p == path)?;
    if !is_changed(baseline, draft, path) {
        return None;
    }
    let Some(value) = normalise(get(draft)) else {
        // Changed to empty: the baseline had a value.
        return CANNOT_BE_EMPTIED
            .contains(&path)
            .then_some(Problem::Required);
    };
    if too_long(value) {
        return Some(Problem::TooLong);
    }
    match path {
        "email" if !is_email(value) => Some(Problem::InvalidEmail),
        "locale" if !is_language_tag(value) => Some(Problem::InvalidLocale),
        "address.country_code" if !countries::is_code(value) => Some(Problem::InvalidCountry),
        _ => None,
    }
}

/// A phone number, already trimmed.
fn check_phone_number(number: &str) -> Option<Problem> {
    if number.is_empty() {
        Some(Problem::Required)
    } else if too_long(number) {
        Some(Problem::TooLong)
    } else if !number
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '.' | '-' | '(' | ')'))
    {
        Some(Problem::InvalidPhone)
    } else if number.chars().filter(char::is_ascii_digit).count() < 6 {
        Some(Problem::TooFewDigits)
    } else {
        None
    }
}

/// A phone type, as it will be sent: one the app offers, or one the baseline already has.
fn check_phone_type(baseline: &Profile, kind: &str) -> Option<Problem> {
    let kept = || {
        baseline
            .phones
            .iter()
            .flatten()
            .any(|phone| phone.kind.as_deref() == Some(kind))
    };
    if too_long(kind) {
        Some(Problem::TooLong)
    } else if PHONE_TYPES.contains(&kind) || kept() {
        None
    } else {
        Some(Problem::InvalidPhoneType)
    }
}

fn too_long(text: &str) -> bool {
    text.chars().count() > MAX_LEN
}

/// An email address as the API accepts it: a local part of ASCII letters, digits and
/// ``!#$%&'*+/=?^_`{|}~.-``, `@`, then at least two dot-separated labels of ASCII letters,
/// digits and inner hyphens.
pub fn is_email(text: &str) -> bool {
    const LOCAL_SYMBOLS: &str = "!#$%&'*+/=?^_`{|}~.-";
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || LOCAL_SYMBOLS.contains(c));
    let label_ok = |label: &str| {
        let inner_hyphens = !label.starts_with('-') && !label.ends_with('-');
        !label.is_empty()
            && inner_hyphens
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    local_ok && domain.contains('.') && domain.split('.').all(label_ok)
}

/// Whether `tag` is a well-formed BCP 47 language tag (RFC 5646 `langtag` or `privateuse`;
/// grandfathered tags excepted), in any letter case: `en-GB`, `zh-Hant-TW`, `es-419`,
/// `de-CH-1996`, `en-US-u-ca-gregory`, `x-whatever`; not `en_GB`, `en-`, `i-klingon`.
pub fn is_language_tag(tag: &str) -> bool {
    let subtags: Vec<&str> = tag.split('-').collect();
    let alphanumeric = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    if !subtags
        .iter()
        .all(|s| (1..=8).contains(&s.len()) && alphanumeric(s))
    {
        return false;
    }
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let private_use = |s: &str| s.eq_ignore_ascii_case("x");
    let mut rest = &subtags[..];
    // Takes the next subtag when `accept` says so.
    let mut next = |accept: &dyn Fn(&str) -> bool| match rest.split_first() {
        Some((first, tail)) if accept(first) => {
            rest = tail;
            true
        }
        _ => false,
    };
    // Private use alone: `x-…`.
    if next(&private_use) {
        return !rest.is_empty();
    }
    // language: 2-3 letters (then up to 3 extlangs of 3 letters), or 4-8 letters.
    let short_language = subtags[0].len() <= 3;
    if !next(&|s: &str| s.len() >= 2 && alpha(s)) {
        return false;
    }
    if short_language {
        for _ in 0..3 {
            if !next(&|s: &str| s.len() == 3 && alpha(s)) {
                break;
            }
        }
    }
    next(&|s: &str| s.len() == 4 && alpha(s)); // script
    next(&|s: &str| (s.len() == 2 && alpha(s)) || (s.len() == 3 && digits(s))); // region
    while next(&|s: &str| s.len() >= 5 || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit())) {
        // variants
    }
    while next(&|s: &str| s.len() == 1 && !private_use(s)) {
        // extension: a singleton, then at least one subtag of 2-8 characters
        if !next(&|s: &str| s.len() >= 2) {
            return false;
        }
        while next(&|s: &str| s.len() >= 2) {}
    }
    if next(&private_use) {
        return !rest.is_empty();
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::draft::{example, PhoneDraft, OFFERED_LOCALES};
    use crate::domain::i18n::{french, EN};

    fn start() -> (Profile, Draft) {
        let baseline = example();
        let draft = Draft::from_profile(&baseline);
        (baseline, draft)
    }

    fn issue(path: &str, problem: Problem) -> FieldIssue {
        FieldIssue {
            path: path.into(),
            problem,
        }
    }

    /// The problem of `path` after setting it to `value` on the example profile.
    fn text_problem(path: &str, value: &str) -> Option<Problem> {
        let (b, mut d) = start();
        *d.text_mut(path).expect("a text path") = value.into();
        let via_field = validate_field(&b, &d, path);
        let all = validate(&b, &d);
        assert_eq!(
            all.iter().map(|i| i.problem).collect::<Vec<_>>(),
            Vec::from_iter(via_field),
            "validate and validate_field agree on {path} = {value:?}"
        );
        via_field
    }

    /// The problem of phone row 0's number after setting it on the example profile.
    fn number_problem(number: &str) -> Option<Problem> {
        let (b, mut d) = start();
        d.phones[0].number = number.into();
        validate_field(&b, &d, "phones.0.number")
    }

    #[test]
    fn the_apis_field_codes_are_the_browsers_problems() {
        assert_eq!(
            Problem::from_code("INVALID_EMAIL"),
            Some(Problem::InvalidEmail)
        );
        assert_eq!(Problem::from_code("TOO_LONG"), Some(Problem::TooLong));
        assert_eq!(Problem::from_code("READ_ONLY_FIELD"), None);
        assert_eq!(Problem::from_code("invalid_email"), None);
    }

    #[test]
    fn an_untouched_profile_has_no_problem() {
        let (b, d) = start();
        assert_eq!(validate(&b, &d), []);
        assert_eq!(validate(&Profile::default(), &Draft::default()), []);
    }

    #[test]
    fn required_names_and_email_cannot_be_emptied() {
        for path in ["first_name", "last_name", "email"] {
            assert_eq!(text_problem(path, ""), Some(Problem::Required), "{path}");
            assert_eq!(text_problem(path, "   "), Some(Problem::Required), "{path}");
        }
        // Other fields may be emptied (they become null).
        for path in ["second_name", "third_name", "birth_city", "locale"] {
            assert_eq!(text_problem(path, " "), None, "{path}");
        }
        for path in ["address.city", "address.zip_code", "address.country_code"] {
            assert_eq!(text_problem(path, ""), None, "{path}");
        }
    }

    #[test]
    fn required_only_when_the_baseline_had_a_value() {
        let b = Profile::decode(r#"{"first_name": null, "last_name": "  ", "locale": "fr-FR"}"#)
            .expect("decodes");
        let mut d = Draft::from_profile(&b);
        d.locale = "en-GB".into();
        d.last_name.clear();
        assert_eq!(validate(&b, &d), []);
        assert_eq!(validate_field(&b, &d, "email"), None);
        assert_eq!(validate_field(&b, &d, "first_name"), None);
    }

    #[test]
    fn emails_mirror_the_api() {
        for ok in [
            "tom.smith@example.com",
            "a.b+c@sub.example.co.uk",
            "x@y-z.io",
            "o'neil@ex.fr",
            "  padded@example.com ",
        ] {
            assert_eq!(text_problem("email", ok), None, "{ok}");
        }
        for bad in [
            "tom",
            "tom@",
            "@example.com",
            "tom@example",
            "tom@@example.com",
            "to m@ex.com",
            "tom@-ex.com",
            "tom@ex-.com",
            "tom@ex..com",
            "tom@ex.com.",
            "tôm@ex.com",
            "tom@ex_a.com",
        ] {
            assert_eq!(
                text_problem("email", bad),
                Some(Problem::InvalidEmail),
                "{bad}"
            );
        }
    }

    #[test]
    fn phone_numbers_mirror_the_api() {
        for ok in [
            "0623456789",
            "+33 (0)6 12.34-56",
            "+33 (0)6 23.45-67-89",
            "123456",
            " 123456 ",
        ] {
            assert_eq!(number_problem(ok), None, "{ok}");
        }
        for bad in [
            "06 12 ab",
            "06 23 45 67 8x",
            "+33/623456789",
            "ext. 123456",
            "０６２３４５６７８９",
        ] {
            assert_eq!(number_problem(bad), Some(Problem::InvalidPhone), "{bad}");
        }
        for few in ["12345", "+(1) 2-3.4 5", "()"] {
            assert_eq!(number_problem(few), Some(Problem::TooFewDigits), "{few}");
        }
    }

    #[test]
    fn an_empty_phone_number_is_required() {
        let (b, mut d) = start();
        d.phones.push(PhoneDraft {
            number: "  ".into(),
            kind: "HOME".into(),
        });
        assert_eq!(
            validate(&b, &d),
            [issue("phones.1.number", Problem::Required)]
        );
        assert_eq!(
            validate_field(&b, &d, "phones.1.number"),
            Some(Problem::Required)
        );
        assert_eq!(validate_field(&b, &d, "phones.1.type"), None);
        assert_eq!(validate_field(&b, &d, "phones.0.number"), None);
    }

    #[test]
    fn phone_types() {
        let (b, mut d) = start();
        for kind in PHONE_TYPES {
            d.phones[0].kind = kind.into();
            assert_eq!(validate_field(&b, &d, "phones.0.type"), None, "{kind}");
        }
        for bad in ["PAGER", "SATELLITE", "mobile", " MOBILE", ""] {
            d.phones[0].kind = bad.into();
            assert_eq!(
                validate(&b, &d),
                [issue("phones.0.type", Problem::InvalidPhoneType)],
                "{bad:?}"
            );
        }
    }

    #[test]
    fn an_unknown_phone_type_of_the_baseline_may_be_kept() {
        let b =
            Profile::decode(r#"{"phones": [{"number": "+870 773 123 456", "type": "SATELLITE"}]}"#)
                .expect("decodes");
        let mut d = Draft::from_profile(&b);
        d.phones.push(PhoneDraft {
            number: "0612345678".into(),
            kind: "SATELLITE".into(),
        });
        assert_eq!(validate(&b, &d), []);
        d.phones[1].kind = "PAGER".into();
        assert_eq!(
            validate(&b, &d),
            [issue("phones.1.type", Problem::InvalidPhoneType)]
        );
    }

    #[test]
    fn unchanged_fields_are_not_checked() {
        // A stored value the API would refuse is not sent when untouched, so it does not block.
        let b = Profile::decode(
            r#"{"email": "not-an-email", "locale": "fr_FR",
                "address": {"country_code": "fr"},
                "phones": [{"number": "12", "type": null}]}"#,
        )
        .expect("decodes");
        let mut d = Draft::from_profile(&b);
        d.first_name = "Tom".into();
        d.email = " not-an-email ".into();
        assert_eq!(validate(&b, &d), []);
        assert_eq!(validate_field(&b, &d, "phones.0.number"), None);
        // Once the phone list changes, every row is sent, so every row is checked.
        d.phones.push(PhoneDraft {
            number: "0612345678".into(),
            kind: "WORK".into(),
        });
        assert_eq!(
            validate(&b, &d),
            [
                issue("phones.0.number", Problem::TooFewDigits),
                issue("phones.0.type", Problem::InvalidPhoneType),
            ]
        );
    }

    #[test]
    fn countries() {
        for ok in ["FR", "GB", "US", " DE "] {
            assert_eq!(text_problem("address.country_code", ok), None, "{ok}");
        }
        for bad in ["fr", "Fr", "XX", "UK", "FRA", "F", "EU"] {
            assert_eq!(
                text_problem("address.country_code", bad),
                Some(Problem::InvalidCountry),
                "{bad}"
            );
        }
    }

    #[test]
    fn locales() {
        for ok in ["en-GB", "fr", "EN-us", "zh-Hant-TW", "es-419", "de-CH-1996"] {
            assert_eq!(text_problem("locale", ok), None, "{ok}");
        }
        for bad in ["en_GB", "fr-", "e", "français", "en-US-u", "i-klingon"] {
            assert_eq!(
                text_problem("locale", bad),
                Some(Problem::InvalidLocale),
                "{bad}"
            );
        }
    }

    #[test]
    fn language_tags_mirror_the_api() {
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
            assert!(is_language_tag(tag), "{tag}");
        }
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
            assert!(!is_language_tag(tag), "{tag}");
        }
        for tag in OFFERED_LOCALES {
            assert!(is_language_tag(tag), "offered {tag}");
        }
    }

    #[test]
    fn lengths_count_characters_after_trim() {
        let ok = "é".repeat(255);
        let long = "é".repeat(256);
        assert_eq!(text_problem("last_name", &ok), None);
        assert_eq!(text_problem("last_name", &format!("  {ok} ")), None);
        assert_eq!(text_problem("last_name", &long), Some(Problem::TooLong));
        assert_eq!(
            text_problem("address.street", &"x".repeat(256)),
            Some(Problem::TooLong)
        );
        // Length is checked before the field's own rule, as the API does.
        let email = format!("{}@example.com", "a".repeat(250));
        assert_eq!(text_problem("email", &email), Some(Problem::TooLong));
        let number = "1".repeat(256);
        assert_eq!(number_problem(&number), Some(Problem::TooLong));
        assert_eq!(number_problem(&"1".repeat(255)), None);
    }

    #[test]
    fn issues_come_in_form_order() {
        let (b, mut d) = start();
        d.locale = "en_GB".into();
        d.address.country_code = "fr".into();
        d.phones[0].number = "12345".into();
        d.email = "tom".into();
        d.first_name.clear();
        assert_eq!(
            validate(&b, &d),
            [
                issue("first_name", Problem::Required),
                issue("email", Problem::InvalidEmail),
                issue("phones.0.number", Problem::TooFewDigits),
                issue("address.country_code", Problem::InvalidCountry),
                issue("locale", Problem::InvalidLocale),
            ]
        );
    }

    #[test]
    fn unknown_paths_have_no_problem() {
        let (b, mut d) = start();
        d.phones[0].number = "x".into();
        for path in [
            "gm_number",
            "phones",
            "phones.x.number",
            "phones.7.number",
            "phones.0.label",
        ] {
            assert_eq!(validate_field(&b, &d, path), None, "{path}");
        }
        assert_eq!(
            validate_field(&b, &d, "phones.0.number"),
            Some(Problem::InvalidPhone)
        );
    }

    #[test]
    fn every_problem_has_a_distinct_message_in_each_language() {
        let all = [
            Problem::Required,
            Problem::InvalidEmail,
            Problem::InvalidPhone,
            Problem::TooFewDigits,
            Problem::InvalidPhoneType,
            Problem::InvalidCountry,
            Problem::InvalidLocale,
            Problem::TooLong,
        ];
        for words in [&EN, french()] {
            let mut messages: Vec<&str> = all.iter().map(|p| p.message(words)).collect();
            assert!(messages.iter().all(|m| !m.trim().is_empty()));
            messages.sort_unstable();
            messages.dedup();
            assert_eq!(messages.len(), all.len());
        }
        assert_eq!(
            Problem::TooFewDigits.message(&EN),
            "Enter at least 6 digits"
        );
        assert_eq!(
            Problem::InvalidEmail.message(french()),
            "Saisissez une adresse e-mail comme nom@exemple.com"
        );
    }
}
