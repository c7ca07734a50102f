//! The minimal PATCH (CONTRACT.md, "The minimal PATCH the client must send") and the list of
//! changes the customer reviews before saving.
//!
//! Everything is compared after normalisation: texts trimmed, an empty text the same as a null
//! or missing value; a phone is its trimmed number and its type as it is, and order matters.

use serde_json::{json, Map, Value};

use crate::domain::draft::{form_paths, normalise, Draft, PhoneDraft, PHONES, TEXT_FIELDS};
use crate::domain::profile::Profile;

/// One line of the "Review changes" list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// `"email"`, `"address.city"`, … or `"phones"`.
    pub path: String,
    /// The baseline's normalised value (`None` when empty, null or missing).
    pub old: Option<String>,
    /// The value that will be stored (`None` when it will be cleared).
    pub new: Option<String>,
}

/// The prefix of the address members' paths.
const ADDRESS: &str = "address.";

/// A PATCH body: the changed members, `null` for each cleared one.
pub type PatchBody = Map<String, Value>;

/// The minimal PATCH body turning `baseline` into `draft`, or `None` when nothing differs (then
/// no request is sent at all).
pub fn patch_body(baseline: &Profile, draft: &Draft) -> Option<PatchBody> {
    let base = Draft::from_profile(baseline);
    let mut body = PatchBody::new();
    let mut address = Map::new();
    for (path, get) in TEXT_FIELDS {
        let (old, new) = (normalise(get(&base)), normalise(get(draft)));
        if old == new {
            continue;
        }
        let value = new.map_or(Value::Null, Value::from);
        match path.strip_prefix(ADDRESS) {
            Some(member) => address.insert(member.to_owned(), value),
            None => body.insert(path.to_owned(), value),
        };
    }
    if !address.is_empty() {
        // Something changed and nothing is left: the baseline had some member, clear it all.
        let now_empty = address_texts(draft).all(|text| normalise(text).is_none());
        let value = if now_empty {
            Value::Null
        } else {
            Value::Object(address)
        };
        body.insert("address".to_owned(), value);
    }
    let new_phones = phones(draft);
    if phones(&base) != new_phones {
        let value = if new_phones.is_empty() {
            Value::Null
        } else {
            new_phones
                .iter()
                .map(|(number, kind)| json!({ "number": number, "type": kind }))
                .collect()
        };
        body.insert(PHONES.to_owned(), value);
    }
    (!body.is_empty()).then_some(body)
}

/// The top-level members of `body` in form order: the fields a `saved` event names.
pub fn sent_members(body: &PatchBody) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for path in form_paths() {
        let member = path.split_once('.').map_or(path, |(member, _)| member);
        if body.contains_key(member) && !names.contains(&member) {
            names.push(member);
        }
    }
    names
}

/// Every change from `baseline` to `draft`, in form order. The phones are one change whose
/// values are the whole lists, rendered `0623456789 (MOBILE), 0145678900 (WORK)`.
pub fn changes(baseline: &Profile, draft: &Draft) -> Vec<Change> {
    let base = Draft::from_profile(baseline);
    let mut list = Vec::new();
    for (path, get) in TEXT_FIELDS {
        let (old, new) = (normalise(get(&base)), normalise(get(draft)));
        if old != new {
            list.push(Change {
                path: path.to_owned(),
                old: old.map(str::to_owned),
                new: new.map(str::to_owned),
            });
        }
        if path == "email" {
            let (old, new) = (phones(&base), phones(draft));
            if old != new {
                list.push(Change {
                    path: PHONES.to_owned(),
                    old: render_phones(&old),
                    new: render_phones(&new),
                });
            }
        }
    }
    list
}

/// Whether the field at `path` (a path of [`TEXT_FIELDS`], or `"phones"`) differs from the
/// baseline after normalisation. `"address"` asks about any address member; any other path is
/// never changed.
pub fn is_changed(baseline: &Profile, draft: &Draft, path: &str) -> bool {
    let base = Draft::from_profile(baseline);
    if path == PHONES {
        return phones(&base) != phones(draft);
    }
    TEXT_FIELDS
        .iter()
        .filter(|(p, _)| *p == path || (path == "address" && p.starts_with(ADDRESS)))
        .any(|(_, get)| normalise(get(&base)) != normalise(get(draft)))
}

/// The normalised phone list: `(trimmed number, type as it is)`, in order.
pub(crate) fn phones(draft: &Draft) -> Vec<(&str, &str)> {
    draft
        .phones
        .iter()
        .map(|PhoneDraft { number, kind }| (number.trim(), kind.as_str()))
        .collect()
}

fn address_texts(draft: &Draft) -> impl Iterator<Item = &str> {
    TEXT_FIELDS
        .iter()
        .filter(|(path, _)| path.starts_with(ADDRESS))
        .map(move |(_, get)| get(draft))
}

/// The phone list as the review list and the conflict panel show it.
pub(crate) fn render_phones(phones: &[(&str, &str)]) -> Option<String> {
    let rendered: Vec<String> = phones
        .iter()
        .map(|(number, kind)| match kind.trim() {
            "" => (*number).to_owned(),
            _ => format!("{number} ({kind})"),
        })
        .collect();
    (!rendered.is_empty()).then(|| rendered.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::draft::example;

    /// The body as serde_json reads the text we would send.
    fn body(baseline: &Profile, draft: &Draft) -> Option<Value> {
        patch_body(baseline, draft).map(|members| {
            let text = serde_json::to_string(&members).expect("a map of JSON values");
            serde_json::from_str(&text).expect("valid JSON")
        })
    }

    fn start() -> (Profile, Draft) {
        let baseline = example();
        let draft = Draft::from_profile(&baseline);
        (baseline, draft)
    }

    fn phone(number: &str, kind: &str) -> PhoneDraft {
        PhoneDraft {
            number: number.into(),
            kind: kind.into(),
        }
    }

    fn change(path: &str, old: Option<&str>, new: Option<&str>) -> Change {
        Change {
            path: path.into(),
            old: old.map(Into::into),
            new: new.map(Into::into),
        }
    }

    #[test]
    fn the_members_sent_are_named_in_form_order() {
        let (b, mut d) = start();
        d.locale = "en-GB".into();
        d.address.city = "Paris".into();
        d.phones.clear();
        d.email = "t@example.com".into();
        let body = patch_body(&b, &d).expect("changes");
        assert_eq!(
            sent_members(&body),
            ["email", "phones", "address", "locale"]
        );
    }

    // The worked examples of CONTRACT.md, one test each.

    #[test]
    fn contract_change_email() {
        let (b, mut d) = start();
        d.email = "tom.smith@example.com".into();
        assert_eq!(
            body(&b, &d),
            Some(json!({"email": "tom.smith@example.com"}))
        );
    }

    #[test]
    fn contract_clear_third_name() {
        let (b, mut d) = start();
        d.third_name.clear();
        assert_eq!(body(&b, &d), Some(json!({"third_name": null})));
    }

    #[test]
    fn contract_first_name_unchanged_after_trim_sends_nothing() {
        let (b, mut d) = start();
        d.first_name = "  Tom  ".into();
        assert_eq!(body(&b, &d), None);
        assert!(changes(&b, &d).is_empty());
    }

    #[test]
    fn contract_change_city() {
        let (b, mut d) = start();
        d.address.city = "Paris".into();
        assert_eq!(body(&b, &d), Some(json!({"address": {"city": "Paris"}})));
    }

    #[test]
    fn contract_add_a_work_phone() {
        let (b, mut d) = start();
        d.phones.push(phone("0145678900", "WORK"));
        assert_eq!(
            body(&b, &d),
            Some(json!({"phones": [
                {"number": "0623456789", "type": "MOBILE"},
                {"number": "0145678900", "type": "WORK"}
            ]}))
        );
    }

    #[test]
    fn contract_remove_the_only_phone() {
        let (b, mut d) = start();
        d.phones.clear();
        assert_eq!(body(&b, &d), Some(json!({"phones": null})));
    }

    #[test]
    fn contract_change_locale_and_last_name() {
        let (b, mut d) = start();
        d.locale = "en-GB".into();
        d.last_name = "Smyth".into();
        assert_eq!(
            body(&b, &d),
            Some(json!({"last_name": "Smyth", "locale": "en-GB"}))
        );
    }

    // More edge cases.

    #[test]
    fn unchanged_draft_sends_nothing() {
        let (b, d) = start();
        assert_eq!(body(&b, &d), None);
        assert!(changes(&b, &d).is_empty());
        let empty = Profile::default();
        assert_eq!(body(&empty, &Draft::default()), None);
    }

    #[test]
    fn whitespace_only_edits_send_nothing() {
        let (b, mut d) = start();
        d.email = " tom@example.com\t".into();
        d.address.city = "Aix-en-Provence ".into();
        d.phones[0].number = " 0623456789 ".into();
        d.locale = "\nfr-FR".into();
        assert_eq!(body(&b, &d), None);
        // Whitespace typed into a field that was null or missing stays "nothing".
        d.address.street = "   ".into();
        assert_eq!(body(&b, &d), None);
        let all_null = Profile::decode(r#"{"second_name": null, "address": null}"#).expect("ok");
        let mut d = Draft::from_profile(&all_null);
        d.second_name = " ".into();
        d.birth_city = "\t".into();
        d.address.city = "  ".into();
        assert_eq!(body(&all_null, &d), None);
        assert!(changes(&all_null, &d).is_empty());
    }

    #[test]
    fn untrimmed_baseline_equal_after_trim_is_unchanged() {
        let b = Profile::decode(r#"{"first_name": "  Tom ", "address": {"city": " Lyon"}}"#)
            .expect("decodes");
        let mut d = Draft::from_profile(&b);
        d.first_name = "Tom".into();
        d.address.city = "Lyon".into();
        assert_eq!(body(&b, &d), None);
        assert!(!is_changed(&b, &d, "first_name"));
        // A real change is sent trimmed.
        d.first_name = " Thomas  ".into();
        assert_eq!(body(&b, &d), Some(json!({"first_name": "Thomas"})));
    }

    #[test]
    fn whitespace_only_baseline_counts_as_empty() {
        let b = Profile::decode(r#"{"birth_city": "   "}"#).expect("decodes");
        let mut d = Draft::from_profile(&b);
        d.birth_city.clear();
        assert_eq!(body(&b, &d), None);
        d.birth_city = "Nice".into();
        assert_eq!(body(&b, &d), Some(json!({"birth_city": "Nice"})));
    }

    #[test]
    fn clearing_several_address_members_sends_only_those() {
        let (b, mut d) = start();
        d.address.city.clear();
        d.address.zip_code = "  ".into();
        assert_eq!(
            body(&b, &d),
            Some(json!({"address": {"city": null, "zip_code": null}}))
        );
    }

    #[test]
    fn clearing_the_whole_address_sends_null() {
        let (b, mut d) = start();
        d.address.city.clear();
        d.address.zip_code.clear();
        d.address.country_code = " ".into();
        assert_eq!(body(&b, &d), Some(json!({"address": null})));
        // The review still lists each member.
        assert_eq!(
            changes(&b, &d),
            [
                change("address.zip_code", Some("75000"), None),
                change("address.city", Some("Aix-en-Provence"), None),
                change("address.country_code", Some("FR"), None),
            ]
        );
    }

    #[test]
    fn clearing_an_address_that_had_only_whitespace_sends_nothing() {
        let b = Profile::decode(r#"{"address": {"street": " ", "town": "Aix"}}"#).expect("ok");
        let mut d = Draft::from_profile(&b);
        d.address.street.clear();
        assert_eq!(body(&b, &d), None);
    }

    #[test]
    fn address_on_a_null_everywhere_profile() {
        let b = Profile::decode(
            r#"{"email": null, "first_name": null, "phones": null, "address": null,
                "locale": null, "gm_number": "200000001"}"#,
        )
        .expect("decodes");
        let mut d = Draft::from_profile(&b);
        d.address.street = " 1 rue de la Paix ".into();
        d.address.country_code = "FR".into();
        assert_eq!(
            body(&b, &d),
            Some(json!({"address": {"street": "1 rue de la Paix", "country_code": "FR"}}))
        );
        // A missing address member (not only a null address) behaves the same.
        let b = Profile::decode(r#"{"address": {"city": "Lyon"}}"#).expect("decodes");
        let mut d = Draft::from_profile(&b);
        d.address.number = "3".into();
        assert_eq!(body(&b, &d), Some(json!({"address": {"number": "3"}})));
    }

    #[test]
    fn phones_reordered_send_the_whole_list() {
        let b = Profile::decode(
            r#"{"phones": [{"number": "0623456789", "type": "MOBILE"},
                           {"number": "0145678900", "type": "WORK"}]}"#,
        )
        .expect("decodes");
        let mut d = Draft::from_profile(&b);
        d.phones.swap(0, 1);
        assert_eq!(
            body(&b, &d),
            Some(json!({"phones": [
                {"number": "0145678900", "type": "WORK"},
                {"number": "0623456789", "type": "MOBILE"}
            ]}))
        );
        assert_eq!(
            changes(&b, &d),
            [change(
                "phones",
                Some("0623456789 (MOBILE), 0145678900 (WORK)"),
                Some("0145678900 (WORK), 0623456789 (MOBILE)")
            )]
        );
    }

    #[test]
    fn phone_edits_are_sent_trimmed_with_the_type_as_is() {
        let (b, mut d) = start();
        d.phones[0].kind = "HOME".into();
        assert_eq!(
            body(&b, &d),
            Some(json!({"phones": [{"number": "0623456789", "type": "HOME"}]}))
        );
        let (b, mut d) = start();
        d.phones[0].number = " 06 23 45 67 89 ".into();
        assert_eq!(
            body(&b, &d),
            Some(json!({"phones": [{"number": "06 23 45 67 89", "type": "MOBILE"}]}))
        );
    }

    #[test]
    fn unknown_phone_type_unchanged_sends_no_phones() {
        let b = Profile::decode(
            r#"{"phones": [{"number": "+870 773 123 456", "type": "SATELLITE"},
                           {"number": "0623456789", "type": "MOBILE"}],
                "email": "a@b.fr"}"#,
        )
        .expect("decodes");
        let mut d = Draft::from_profile(&b);
        d.email = "c@d.fr".into();
        assert_eq!(body(&b, &d), Some(json!({"email": "c@d.fr"})));
        // Editing another entry sends the whole list, SATELLITE untouched.
        d.phones[1].number = "0611111111".into();
        assert_eq!(
            body(&b, &d),
            Some(json!({"email": "c@d.fr", "phones": [
                {"number": "+870 773 123 456", "type": "SATELLITE"},
                {"number": "0611111111", "type": "MOBILE"}
            ]}))
        );
    }

    #[test]
    fn empty_phone_lists_are_all_the_same() {
        for json in [r#"{}"#, r#"{"phones": null}"#, r#"{"phones": []}"#] {
            let b = Profile::decode(json).expect("decodes");
            assert_eq!(body(&b, &Draft::default()), None, "{json}");
            assert!(!is_changed(&b, &Draft::default(), "phones"), "{json}");
        }
    }

    #[test]
    fn emptied_locale_is_null() {
        let (b, mut d) = start();
        d.locale = "  ".into();
        assert_eq!(body(&b, &d), Some(json!({"locale": null})));
        assert_eq!(changes(&b, &d), [change("locale", Some("fr-FR"), None)]);
    }

    #[test]
    fn many_fields_at_once() {
        let (b, mut d) = start();
        d.first_name = "Thomas".into();
        d.second_name.clear();
        d.birth_city = " Lyon ".into();
        d.email = "thomas@example.org".into();
        d.phones = vec![phone("0145678900", "WORK")];
        d.address.street = "1 rue de la Paix".into();
        d.address.city = "Paris".into();
        d.address.country_code = "FR ".into();
        d.locale = "en-GB".into();
        assert_eq!(
            body(&b, &d),
            Some(json!({
                "first_name": "Thomas",
                "second_name": null,
                "birth_city": "Lyon",
                "email": "thomas@example.org",
                "phones": [{"number": "0145678900", "type": "WORK"}],
                "address": {"street": "1 rue de la Paix", "city": "Paris"},
                "locale": "en-GB"
            }))
        );
        assert_eq!(
            changes(&b, &d),
            [
                change("first_name", Some("Tom"), Some("Thomas")),
                change("second_name", Some("James"), None),
                change("birth_city", Some("Paris"), Some("Lyon")),
                change("email", Some("tom@example.com"), Some("thomas@example.org")),
                change(
                    "phones",
                    Some("0623456789 (MOBILE)"),
                    Some("0145678900 (WORK)")
                ),
                change("address.street", None, Some("1 rue de la Paix")),
                change("address.city", Some("Aix-en-Provence"), Some("Paris")),
                change("locale", Some("fr-FR"), Some("en-GB")),
            ]
        );
    }

    #[test]
    fn read_only_and_unknown_fields_are_never_sent() {
        let b = Profile::decode(
            r#"{"gm_number": "1", "gender": "M", "loyalty_program": {"points": 3},
                "address": {"town": "Aix", "country": "France", "additional_information_2": "x",
                            "city": "Aix-en-Provence"}}"#,
        )
        .expect("decodes");
        let mut d = Draft::from_profile(&b);
        d.address.city = "Paris".into();
        assert_eq!(body(&b, &d), Some(json!({"address": {"city": "Paris"}})));
    }

    #[test]
    fn changes_of_phones_render_the_lists() {
        let (b, mut d) = start();
        d.phones.push(phone("0145678900", "WORK"));
        assert_eq!(
            changes(&b, &d),
            [change(
                "phones",
                Some("0623456789 (MOBILE)"),
                Some("0623456789 (MOBILE), 0145678900 (WORK)")
            )]
        );
        d.phones.clear();
        assert_eq!(
            changes(&b, &d),
            [change("phones", Some("0623456789 (MOBILE)"), None)]
        );
        let empty = Profile::default();
        let added = Draft {
            phones: vec![phone(" 0612 ", "")],
            ..Draft::default()
        };
        assert_eq!(
            changes(&empty, &added),
            [change("phones", None, Some("0612"))]
        );
    }

    #[test]
    fn is_changed_per_field() {
        let (b, mut d) = start();
        d.address.city = "Paris".into();
        d.third_name = " Edward ".into();
        d.phones[0].number = "0623456789 ".into();
        assert!(is_changed(&b, &d, "address.city"));
        assert!(is_changed(&b, &d, "address"));
        assert!(!is_changed(&b, &d, "address.zip_code"));
        assert!(!is_changed(&b, &d, "third_name"));
        assert!(!is_changed(&b, &d, "phones"));
        assert!(!is_changed(&b, &d, "gm_number"));
        d.phones[0].kind = "FAX".into();
        assert!(is_changed(&b, &d, "phones"));
        d.email.clear();
        assert!(is_changed(&b, &d, "email"));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    //! Property tests: random baselines (nulls, missing members, whitespace, unknown phone
    //! types, empty lists, read-only extras) and drafts derived from them by random edits.

    use super::*;
    use crate::domain::draft::{AddressDraft, PhoneDraft};
    use proptest::prelude::*;

    /// A PATCH body as serde_json reads the text we would send.
    fn sent(members: PatchBody) -> Map<String, Value> {
        let text = serde_json::to_string(&members).expect("a map of JSON values");
        serde_json::from_str(&text).expect("valid JSON")
    }

    const TOP_LEVEL: [&str; 9] = [
        "email",
        "first_name",
        "second_name",
        "third_name",
        "last_name",
        "birth_city",
        "phones",
        "address",
        "locale",
    ];
    const ADDRESS_MEMBERS: [&str; 8] = [
        "number",
        "street",
        "add_on",
        "additional_information_1",
        "zip_code",
        "city",
        "state_or_district",
        "country_code",
    ];

    /// A short text, often empty or with surrounding whitespace.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just(" ".to_owned()),
            Just("Tom".to_owned()),
            Just("  Tom ".to_owned()),
            "[ a-bé\t]{0,5}",
        ]
    }

    fn kind() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("MOBILE".to_owned()),
            Just("WORK".to_owned()),
            Just("HOME".to_owned()),
            Just("SATELLITE".to_owned()),
            Just(String::new()),
            Just(" FAX".to_owned()),
        ]
    }

    /// A JSON value that is missing (`None`), null, or a text.
    fn stored_text() -> impl Strategy<Value = Option<Value>> {
        prop_oneof![
            Just(None),
            Just(Some(Value::Null)),
            text().prop_map(|t| Some(Value::String(t))),
        ]
    }

    fn put(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
        if let Some(value) = value {
            map.insert(key.to_owned(), value);
        }
    }

    fn stored_phone() -> impl Strategy<Value = Value> {
        (stored_text(), prop::option::of(kind()), any::<bool>()).prop_map(
            |(number, kind, extra)| {
                let mut phone = Map::new();
                put(&mut phone, "number", number);
                put(&mut phone, "type", kind.map(Value::String));
                if extra {
                    phone.insert("label".into(), json!("private"));
                }
                Value::Object(phone)
            },
        )
    }

    fn stored_address() -> impl Strategy<Value = Option<Value>> {
        let members = (
            prop::collection::vec(stored_text(), 8),
            stored_text(),
            stored_text(),
        )
            .prop_map(|(editable, town, country)| {
                let mut address = Map::new();
                for (key, value) in ADDRESS_MEMBERS.iter().zip(editable) {
                    put(&mut address, key, value);
                }
                put(&mut address, "town", town);
                put(&mut address, "country", country);
                Value::Object(address)
            });
        prop_oneof![Just(None), Just(Some(Value::Null)), members.prop_map(Some)]
    }

    fn stored_phones() -> impl Strategy<Value = Option<Value>> {
        prop_oneof![
            Just(None),
            Just(Some(Value::Null)),
            Just(Some(json!([]))),
            prop::collection::vec(stored_phone(), 1..4).prop_map(|p| Some(Value::Array(p))),
        ]
    }

    /// A stored profile as GET v2 could return it.
    fn baseline() -> impl Strategy<Value = Value> {
        (
            prop::collection::vec(stored_text(), 7),
            stored_phones(),
            stored_address(),
            any::<bool>(),
        )
            .prop_map(|(texts, phones, address, extras)| {
                let mut profile = Map::new();
                let keys = [
                    "email",
                    "first_name",
                    "second_name",
                    "third_name",
                    "last_name",
                    "birth_city",
                    "locale",
                ];
                for (key, value) in keys.iter().zip(texts) {
                    put(&mut profile, key, value);
                }
                put(&mut profile, "phones", phones);
                put(&mut profile, "address", address);
                if extras {
                    profile.insert("gm_number".into(), json!("123456789"));
                    profile.insert("loyalty_program".into(), json!({"points": 12}));
                    profile.insert("gender".into(), json!("FEMALE"));
                }
                Value::Object(profile)
            })
    }

    #[derive(Clone, Debug)]
    enum Edit {
        SetText(usize, String),
        AddPhone(String, String),
        RemovePhone(usize),
        SwapPhones(usize, usize),
        SetNumber(usize, String),
        SetKind(usize, String),
        ClearPhones,
        ClearAddress,
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            4 => (0..TEXT_FIELDS.len(), text()).prop_map(|(i, t)| Edit::SetText(i, t)),
            1 => (text(), kind()).prop_map(|(n, k)| Edit::AddPhone(n, k)),
            1 => any::<usize>().prop_map(Edit::RemovePhone),
            1 => (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Edit::SwapPhones(i, j)),
            1 => (any::<usize>(), text()).prop_map(|(i, t)| Edit::SetNumber(i, t)),
            1 => (any::<usize>(), kind()).prop_map(|(i, k)| Edit::SetKind(i, k)),
            1 => Just(Edit::ClearPhones),
            1 => Just(Edit::ClearAddress),
        ]
    }

    fn apply(draft: &mut Draft, edit: Edit) {
        let n = draft.phones.len();
        match edit {
            Edit::SetText(i, t) => {
                let path = TEXT_FIELDS[i].0;
                *draft.text_mut(path).expect("a text path") = t;
            }
            Edit::AddPhone(number, kind) => draft.phones.push(PhoneDraft { number, kind }),
            Edit::RemovePhone(i) if n > 0 => {
                draft.phones.remove(i % n);
            }
            Edit::SwapPhones(i, j) if n > 0 => draft.phones.swap(i % n, j % n),
            Edit::SetNumber(i, t) if n > 0 => draft.phones[i % n].number = t,
            Edit::SetKind(i, k) if n > 0 => draft.phones[i % n].kind = k,
            Edit::ClearPhones => draft.phones.clear(),
            Edit::ClearAddress => draft.address = AddressDraft::default(),
            _ => {}
        }
    }

    fn case() -> impl Strategy<Value = (Value, Draft)> {
        (baseline(), prop::collection::vec(edit(), 0..6)).prop_map(|(json, edits)| {
            let profile = decode(&json);
            let mut draft = Draft::from_profile(&profile);
            for e in edits {
                apply(&mut draft, e);
            }
            (json, draft)
        })
    }

    fn decode(json: &Value) -> Profile {
        Profile::decode(&json.to_string()).expect("a generated profile decodes")
    }

    /// The contract's merge, written independently of `patch_body`: top-level `""`/null clear,
    /// `address` merged member by member (RFC 7396, `""` = null), `phones` replaced whole.
    fn merge(stored: &Value, body: &Map<String, Value>) -> Value {
        let empty_is_null = |v: &Value| match v {
            Value::String(s) if s.is_empty() => Value::Null,
            other => other.clone(),
        };
        let mut profile = stored.as_object().cloned().unwrap_or_default();
        for (key, value) in body {
            let merged = match (key.as_str(), value) {
                ("address", Value::Object(members)) => {
                    let mut address = match profile.get("address") {
                        Some(Value::Object(a)) => a.clone(),
                        _ => Map::new(),
                    };
                    for (member, v) in members {
                        address.insert(member.clone(), empty_is_null(v));
                    }
                    Value::Object(address)
                }
                _ => empty_is_null(value),
            };
            profile.insert(key.clone(), merged);
        }
        Value::Object(profile)
    }

    /// The draft as it would be stored: every text trimmed; phone types as they are.
    fn normalised(draft: &Draft) -> Draft {
        let mut out = draft.clone();
        for (path, _) in TEXT_FIELDS {
            let field = out.text_mut(path).expect("a text path");
            *field = field.trim().to_owned();
        }
        for phone in &mut out.phones {
            phone.number = phone.number.trim().to_owned();
        }
        out
    }

    proptest! {
        #[test]
        fn applying_the_body_stores_the_draft((json, draft) in case()) {
            let profile = decode(&json);
            let stored = match patch_body(&profile, &draft) {
                Some(body) => merge(&json, &sent(body)),
                None => json.clone(),
            };
            let result = Draft::from_profile(&decode(&stored));
            prop_assert_eq!(normalised(&result), normalised(&draft));
        }

        #[test]
        fn an_untouched_draft_sends_nothing(json in baseline()) {
            let profile = decode(&json);
            prop_assert_eq!(patch_body(&profile, &Draft::from_profile(&profile)), None);
        }

        #[test]
        fn only_editable_keys_are_sent((json, draft) in case()) {
            let profile = decode(&json);
            let Some(body) = patch_body(&profile, &draft).map(sent) else { return Ok(()); };
            for (key, value) in &body {
                prop_assert!(TOP_LEVEL.contains(&key.as_str()), "key {}", key);
                match key.as_str() {
                    "address" => match value {
                        Value::Null => {}
                        Value::Object(members) => {
                            prop_assert!(!members.is_empty());
                            for (member, v) in members {
                                prop_assert!(ADDRESS_MEMBERS.contains(&member.as_str()));
                                prop_assert!(v.is_null() || v.is_string());
                            }
                        }
                        other => prop_assert!(false, "address {}", other),
                    },
                    "phones" => match value {
                        Value::Null => {}
                        Value::Array(items) => {
                            prop_assert!(!items.is_empty());
                            for item in items {
                                let phone = item.as_object().expect("phone object");
                                let keys: Vec<&str> = phone.keys().map(String::as_str).collect();
                                prop_assert_eq!(keys, ["number", "type"]);
                                let number = phone["number"].as_str().expect("a string");
                                prop_assert_eq!(number, number.trim());
                                prop_assert!(phone["type"].is_string());
                            }
                        }
                        other => prop_assert!(false, "phones {}", other),
                    },
                    _ => prop_assert!(
                        value.is_null()
                            || value.as_str().is_some_and(|s| !s.is_empty() && s == s.trim())
                    ),
                }
            }
        }

        #[test]
        fn changes_are_empty_exactly_when_no_body((json, draft) in case()) {
            let profile = decode(&json);
            let body = patch_body(&profile, &draft);
            let list = changes(&profile, &draft);
            prop_assert_eq!(list.is_empty(), body.is_none());
            // And they name the same fields.
            let mut top: Vec<&str> = list
                .iter()
                .map(|c| c.path.split('.').next().unwrap_or_default())
                .collect();
            top.sort_unstable();
            top.dedup();
            let mut keys: Vec<&str> = body.iter().flatten().map(|(k, _)| k.as_str()).collect();
            keys.sort_unstable();
            prop_assert_eq!(top, keys);
            for c in &list {
                prop_assert!(is_changed(&profile, &draft, &c.path));
                prop_assert_ne!(&c.old, &c.new);
            }
        }
    }
}
