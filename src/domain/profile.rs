//! The v2 profile as the app reads it. The API says any value may be null and fields may be
//! missing or unknown, so every field is optional and unknown ones are ignored: the app never
//! sends back what it does not edit.
//!
//! Decoded with serde: editable members of the wrong type refuse the profile (naming the
//! member), read-only ones are [`ReadOnly`] (a wrong type reads "Could not be read"), and
//! objects are read from objects only ([`wire::Object`]).

use serde::Deserialize;

pub use crate::domain::wire::ReadOnly;
use crate::domain::wire::{self, Object};

/// A customer's profile from `GET /v2/customers/{id}/profile`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub email: Option<String>,
    /// Read-only membership number.
    pub gm_number: ReadOnly<String>,
    pub first_name: Option<String>,
    pub second_name: Option<String>,
    pub third_name: Option<String>,
    pub last_name: Option<String>,
    pub birth_city: Option<String>,
    #[serde(deserialize_with = "wire::objects")]
    pub phones: Option<Vec<Phone>>,
    /// Read-only loyalty figures.
    #[serde(deserialize_with = "wire::read_only_object")]
    pub loyalty_program: ReadOnly<LoyaltyProgram>,
    #[serde(deserialize_with = "wire::object")]
    pub address: Option<Address>,
    /// The customer's preferred locale (BCP 47), e.g. `fr-FR`.
    pub locale: Option<String>,
}

/// One phone number; `type` is kept as sent, even when the app has no label for it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Phone {
    pub number: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// Read-only loyalty status of the customer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct LoyaltyProgram {
    pub status: ReadOnly<String>,
    pub previous_status: ReadOnly<String>,
    pub is_platinum_for_life: ReadOnly<bool>,
    pub points: ReadOnly<i64>,
}

/// Postal address; the members named by the v2 read model and its migration note.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Address {
    pub number: Option<String>,
    pub street: Option<String>,
    pub add_on: Option<String>,
    pub additional_information_1: Option<String>,
    pub additional_information_2: Option<String>,
    pub zip_code: Option<String>,
    pub city: Option<String>,
    pub town: Option<String>,
    pub state_or_district: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country_code: Option<String>,
    pub country: Option<String>,
}

/// Why a response body could not be read as a profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Empty body where a profile was expected.
    Empty,
    /// The text ends in the middle of a value.
    Truncated,
    /// Not JSON (an HTML page, a stray character, a lone surrogate in a text the app reads).
    Syntax,
    /// JSON, but not an object.
    NotAnObject,
    /// An editable member of the wrong type (its JSON path, `phones.number` for any phone).
    WrongType(String),
    /// A member the app reads given twice in one object (its JSON path). RFC 8259 leaves the
    /// meaning open and `JSON.parse` would take the last; the app refuses to guess which
    /// value is the customer's (a merge or a PATCH on the wrong one would lose data).
    DuplicateKey(String),
}

impl Profile {
    /// Decodes a v2 response body: every member optional (missing and null are the same),
    /// unknown members ignored at any depth, an editable member of the wrong type refused (a
    /// read-only one reads as [`ReadOnly::Unreadable`]).
    pub fn decode(body: &str) -> Result<Self, DecodeError> {
        if body.trim().is_empty() {
            return Err(DecodeError::Empty);
        }
        let mut reader = serde_json::Deserializer::from_str(body);
        let profile = serde_path_to_error::deserialize::<_, Object<Profile>>(&mut reader)
            .map_err(|error| decode_error(&json_path(error.path()), error.inner()))?;
        // Nothing but white space after the document.
        reader.end().map_err(|error| decode_error("", &error))?;
        Ok(profile.0)
    }

    /// The read-only members that had the wrong type (`gm_number`, `loyalty_program` or one
    /// of its members), shown as "Could not be read".
    pub fn unreadable(&self) -> Vec<&'static str> {
        let mut paths = Vec::new();
        match &self.loyalty_program {
            ReadOnly::Unreadable => paths.push("loyalty_program"),
            ReadOnly::Value(l) => {
                for (path, unreadable) in [
                    ("loyalty_program.status", l.status.is_unreadable()),
                    (
                        "loyalty_program.previous_status",
                        l.previous_status.is_unreadable(),
                    ),
                    (
                        "loyalty_program.is_platinum_for_life",
                        l.is_platinum_for_life.is_unreadable(),
                    ),
                    ("loyalty_program.points", l.points.is_unreadable()),
                ] {
                    if unreadable {
                        paths.push(path);
                    }
                }
            }
            ReadOnly::Missing => {}
        }
        if self.gm_number.is_unreadable() {
            paths.push("gm_number");
        }
        paths
    }
}

/// The JSON path of a decoding error as the app names fields: object keys joined by dots,
/// list positions left out (`phones[3].number` is `phones.number`).
fn json_path(path: &serde_path_to_error::Path) -> String {
    let keys = path.iter().filter_map(|segment| match segment {
        serde_path_to_error::Segment::Map { key } => Some(key.as_str()),
        _ => None,
    });
    keys.collect::<Vec<_>>().join(".")
}

/// What a serde_json error at `path` means for the profile.
fn decode_error(path: &str, error: &serde_json::Error) -> DecodeError {
    use serde_json::error::Category;
    let within = |key: String| match path {
        "" => key,
        path => format!("{path}.{key}"),
    };
    match error.classify() {
        Category::Eof => DecodeError::Truncated,
        Category::Syntax | Category::Io => DecodeError::Syntax,
        Category::Data => match duplicate_field(error) {
            Some(key) => DecodeError::DuplicateKey(within(key)),
            // Only the document itself can be of the wrong type at the top: an array, a
            // string, a number or null.
            None if path.is_empty() => DecodeError::NotAnObject,
            None => DecodeError::WrongType(path.to_owned()),
        },
    }
}

/// The key named by serde's "duplicate field `key`" error, if that is what `error` is.
fn duplicate_field(error: &serde_json::Error) -> Option<String> {
    let message = error.to_string();
    let rest = message.strip_prefix("duplicate field `")?;
    rest.split_once('`').map(|(key, _)| key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::draft::EXAMPLE;

    fn wrong(path: &str) -> Result<Profile, DecodeError> {
        Err(DecodeError::WrongType(path.to_owned()))
    }

    /// `[[…]]` `depth` deep.
    fn nested(depth: usize) -> String {
        "[".repeat(depth) + &"]".repeat(depth)
    }

    #[test]
    fn decodes_the_providers_example() {
        let p = Profile::decode(EXAMPLE).expect("example decodes");
        assert_eq!(p.first_name.as_deref(), Some("Tom"));
        assert_eq!(p.gm_number, ReadOnly::Value("123456789".to_owned()));
        let phones = p.phones.expect("phones");
        assert_eq!(phones[0].kind.as_deref(), Some("MOBILE"));
        let loyalty = p.loyalty_program.value().cloned().expect("loyalty");
        assert_eq!(loyalty.points, ReadOnly::Value(1200));
        assert_eq!(loyalty.is_platinum_for_life, ReadOnly::Value(false));
        let address = p.address.expect("address");
        assert_eq!(address.zip_code.as_deref(), Some("75000"));
        assert_eq!(address.street, None);
    }

    #[test]
    fn accepts_nulls_missing_and_unknown_fields() {
        let p = Profile::decode(
            r#"{"email": null, "phones": null, "_links": {"self": "x"}, "gender": "M",
                "phones_extra": [1], "address": {"city": null, "planet": "Mars"}}"#,
        )
        .expect("tolerant decode");
        assert_eq!(p.email, None);
        assert_eq!(p.phones, None);
        assert_eq!(p.address, Some(Address::default()));
        assert_eq!(Profile::decode("{}"), Ok(Profile::default()));
        assert_eq!(Profile::decode(" {} \n"), Ok(Profile::default()));
    }

    #[test]
    fn keeps_unknown_phone_types() {
        let p = Profile::decode(r#"{"phones": [{"number": "1", "type": "SATELLITE"}]}"#)
            .expect("decodes");
        assert_eq!(
            p.phones.expect("phones")[0].kind.as_deref(),
            Some("SATELLITE")
        );
    }

    #[test]
    fn undecodable_bodies_are_errors() {
        assert_eq!(Profile::decode("  "), Err(DecodeError::Empty));
        assert_eq!(
            Profile::decode("<html>oops</html>"),
            Err(DecodeError::Syntax)
        );
        assert_eq!(
            Profile::decode(r#"{"email": "a@b"#),
            Err(DecodeError::Truncated)
        );
        assert_eq!(Profile::decode(r#"{"a": 1,, }"#), Err(DecodeError::Syntax));
        assert_eq!(Profile::decode("{} x"), Err(DecodeError::Syntax));
        assert_eq!(Profile::decode("{}{}"), Err(DecodeError::Syntax));
        for body in ["[]", "null", r#""Tom""#, "12", r#"["Tom", "Smith"]"#] {
            assert_eq!(
                Profile::decode(body),
                Err(DecodeError::NotAnObject),
                "{body}"
            );
        }
    }

    #[test]
    fn names_the_member_of_the_wrong_type() {
        for (body, path) in [
            (r#"{"email": 5}"#, "email"),
            (r#"{"phones": {}}"#, "phones"),
            (r#"{"phones": [1]}"#, "phones"),
            (r#"{"phones": [["1", "MOBILE"]]}"#, "phones"),
            (
                r#"{"phones": [{"number": "1"}, {"number": true}]}"#,
                "phones.number",
            ),
            (r#"{"address": "Paris"}"#, "address"),
            (r#"{"address": ["1", "Main Street"]}"#, "address"),
            (r#"{"address": {"city": []}}"#, "address.city"),
            (r#"{"gm_number": 1, "locale": 2}"#, "locale"),
        ] {
            assert_eq!(Profile::decode(body), wrong(path), "{body}");
        }
        let p = Profile::decode(r#"{"loyalty_program": {"points": -3, "status": null}}"#)
            .expect("decodes");
        assert_eq!(
            p.loyalty_program.value().map(|l| l.points.clone()),
            Some(ReadOnly::Value(-3))
        );
        assert!(p.unreadable().is_empty());
    }

    #[test]
    fn read_only_members_of_the_wrong_type_are_unreadable_not_fatal() {
        for (body, paths) in [
            (
                r#"{"loyalty_program": {"points": 1.5, "status": "GOLD"}}"#,
                &["loyalty_program.points"][..],
            ),
            (
                r#"{"loyalty_program": {"points": "12"}}"#,
                &["loyalty_program.points"],
            ),
            (
                r#"{"loyalty_program": {"points": 1e400}}"#,
                &["loyalty_program.points"],
            ),
            // Valid JSON beyond any integer (found by `cargo xtask fuzz`).
            (
                r#"{"loyalty_program": {"points": 1e000000000207170295}}"#,
                &["loyalty_program.points"],
            ),
            (
                r#"{"loyalty_program": {"is_platinum_for_life": 1, "previous_status": []}}"#,
                &[
                    "loyalty_program.previous_status",
                    "loyalty_program.is_platinum_for_life",
                ],
            ),
            (r#"{"loyalty_program": "GOLD"}"#, &["loyalty_program"]),
            (r#"{"loyalty_program": ["GOLD"]}"#, &["loyalty_program"]),
            (r#"{"gm_number": 123456789}"#, &["gm_number"]),
            (r#"{"gm_number": "\ud800"}"#, &["gm_number"]),
        ] {
            let p = Profile::decode(body).unwrap_or_else(|e| panic!("{body}: {e:?}"));
            assert_eq!(p.unreadable(), paths, "{body}");
            let l = p.loyalty_program.value().cloned().unwrap_or_default();
            assert_eq!(
                (l.points.value(), l.is_platinum_for_life.value()),
                (None, None),
                "{body}"
            );
        }
        let p = Profile::decode(
            r#"{"first_name": "Tom", "loyalty_program": {"points": "1", "status": "GOLD"}}"#,
        )
        .expect("decodes");
        assert_eq!(p.first_name.as_deref(), Some("Tom"), "the rest is read");
        assert_eq!(
            p.loyalty_program.value().and_then(|l| l.status.value()),
            Some(&"GOLD".to_owned())
        );
    }

    #[test]
    fn unknown_members_are_ignored_at_any_depth() {
        let body = format!(
            r#"{{"first_name": "Ann", "x": {}, "y": {{"z": {}}}, "n": 1e400}}"#,
            nested(100_000),
            "{\"k\":".repeat(50_000) + "null" + &"}".repeat(50_000)
        );
        let p = Profile::decode(&body).expect("deep unknown members load");
        assert_eq!(p.first_name.as_deref(), Some("Ann"));
        // Deep inside a member the app reads, it is that member's wrong type.
        let deep_street = format!(r#"{{"address": {{"street": {}}}}}"#, nested(10_000));
        assert_eq!(Profile::decode(&deep_street), wrong("address.street"));
        // Still JSON, however deep: a broken unknown member is a broken document.
        let broken = format!(
            r#"{{"x": {}, "first_name": "Ann"}}"#,
            "[".repeat(500) + "1,]"
        );
        assert_eq!(Profile::decode(&broken), Err(DecodeError::Syntax));
    }

    #[test]
    fn a_lone_surrogate_is_refused_where_the_app_reads_text() {
        // `\ud800` alone is no character: a text member holding it cannot be shown or
        // edited faithfully, so the profile is not read (as before serde).
        assert_eq!(
            Profile::decode(r#"{"first_name": "\ud800"}"#),
            Err(DecodeError::Syntax)
        );
        assert_eq!(
            Profile::decode(r#"{"address": {"city": "a\udc00b"}}"#),
            Err(DecodeError::Syntax)
        );
        // In a member the app ignores, it is ignored; a read-only one is unreadable (above).
        let p = Profile::decode(r#"{"note": "\ud800", "first_name": "Tom"}"#).expect("read");
        assert_eq!(p.first_name.as_deref(), Some("Tom"));
        // A pair is one character.
        let p = Profile::decode(r#"{"first_name": "\ud83d\ude00"}"#).expect("read");
        assert_eq!(p.first_name.as_deref(), Some("😀"));
    }

    #[test]
    fn a_member_given_twice_is_refused_unless_the_app_ignores_it() {
        for (body, path) in [
            (r#"{"email": "a@b.c", "email": "x@y.z"}"#, "email"),
            (
                r#"{"address": {"city": "Paris", "city": "Lyon"}}"#,
                "address.city",
            ),
            (
                r#"{"phones": [{"number": "1"}, {"type": "HOME", "type": "WORK"}]}"#,
                "phones.type",
            ),
            (r#"{"address": {}, "address": {}}"#, "address"),
        ] {
            assert_eq!(
                Profile::decode(body),
                Err(DecodeError::DuplicateKey(path.to_owned())),
                "{body}"
            );
        }
        // Unknown members may repeat; a repeated read-only figure is unreadable.
        let p = Profile::decode(
            r#"{"x": 1, "x": 2, "loyalty_program": {"points": 1, "points": 2}, "first_name": "Tom"}"#,
        )
        .expect("read");
        assert_eq!(p.first_name.as_deref(), Some("Tom"));
        assert_eq!(p.unreadable(), ["loyalty_program"]);
    }

    // --- fuzzing (`cargo xtask fuzz` runs every `fuzz_` property for longer) ---
    // (Natively only: proptest is not built for wasm32.)
    #[cfg(not(target_arch = "wasm32"))]
    mod fuzz {
        use super::*;

        use proptest::prelude::*;
        use serde_json::{json, Value};

        /// Any JSON value, a few levels deep.
        fn any_value() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::from),
                any::<i64>().prop_map(Value::from),
                (-1e9..1e9f64).prop_map(Value::from),
                ".{0,20}".prop_map(Value::from),
            ];
            leaf.prop_recursive(4, 32, 6, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
                    prop::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                        .prop_map(|m| Value::Object(m.into_iter().collect())),
                ]
            })
        }

        /// A text member as the API may send it: a string (any text), null, or absent.
        fn text_or_null() -> impl Strategy<Value = Option<Value>> {
            prop_oneof![
                Just(None),
                Just(Some(Value::Null)),
                ".{0,30}".prop_map(|s| Some(Value::from(s))),
            ]
        }

        /// A profile of the right shape (any text, unknown members added): it must decode.
        fn well_typed() -> impl Strategy<Value = Value> {
            let phone = (text_or_null(), text_or_null()).prop_map(|(number, kind)| {
                let mut phone = json!({});
                if let Some(n) = number {
                    phone["number"] = n;
                }
                if let Some(k) = kind {
                    phone["type"] = k;
                }
                phone
            });
            (
                prop::collection::vec(text_or_null(), 8),
                prop::collection::vec(phone, 0..5),
                prop::collection::vec(text_or_null(), 11),
                (any::<Option<bool>>(), any::<Option<i64>>()),
                prop::collection::btree_map("x_[a-z]{1,8}", any_value(), 0..4),
            )
                .prop_map(|(texts, phones, address, (platinum, points), unknown)| {
                    let mut doc = json!({ "phones": phones, "loyalty_program": {
                        "is_platinum_for_life": platinum, "points": points } });
                    let top = [
                        "email",
                        "gm_number",
                        "first_name",
                        "second_name",
                        "third_name",
                        "last_name",
                        "birth_city",
                        "locale",
                    ];
                    for (key, value) in top.iter().zip(texts) {
                        if let Some(v) = value {
                            doc[*key] = v;
                        }
                    }
                    let members = [
                        "number",
                        "street",
                        "add_on",
                        "additional_information_1",
                        "additional_information_2",
                        "zip_code",
                        "city",
                        "town",
                        "state_or_district",
                        "country_code",
                        "country",
                    ];
                    let mut a = json!({});
                    for (key, value) in members.iter().zip(address) {
                        if let Some(v) = value {
                            a[*key] = v;
                        }
                    }
                    doc["address"] = a;
                    for (key, value) in unknown {
                        doc[key] = value;
                    }
                    doc
                })
        }

        /// A profile whose members may each be of any type.
        fn any_shape() -> impl Strategy<Value = Value> {
            let keys = [
                "email",
                "gm_number",
                "first_name",
                "phones",
                "address",
                "loyalty_program",
                "locale",
            ];
            prop::collection::vec(any_value(), keys.len()).prop_map(move |values| {
                Value::Object(keys.iter().map(|k| (*k).to_owned()).zip(values).collect())
            })
        }

        proptest! {
            #![proptest_config(crate::domain::fuzzing::config())]

            #[test]
            fn fuzz_a_well_typed_profile_decodes_with_its_values(doc in well_typed()) {
                let profile = Profile::decode(&doc.to_string());
                prop_assert!(profile.is_ok(), "{:?} for {}", profile, doc);
                let p = profile.expect("checked");
                prop_assert_eq!(p.first_name.as_deref(), doc["first_name"].as_str());
                prop_assert_eq!(
                    p.phones.as_ref().map(Vec::len),
                    doc["phones"].as_array().map(Vec::len)
                );
                let city = p.address.as_ref().and_then(|a| a.city.as_deref());
                prop_assert_eq!(city, doc["address"]["city"].as_str());
            }

            /// Wrong types anywhere: an error naming an editable member, or the read-only
            /// ones listed as unreadable; never a panic.
            #[test]
            fn fuzz_any_shape_decodes_or_names_the_wrong_member(doc in any_shape()) {
                let read_only = |p: &str| p.starts_with("gm_number") || p.starts_with("loyalty_program");
                match Profile::decode(&doc.to_string()) {
                    Ok(p) => prop_assert!(p.unreadable().iter().all(|u| read_only(u)), "{:?}", p.unreadable()),
                    Err(DecodeError::WrongType(path)) => prop_assert!(!read_only(&path), "{} for {}", path, doc),
                    Err(other) => prop_assert!(false, "{:?} for {}", other, doc),
                }
            }

            /// An unknown member nested deeper than serde_json's recursion limit (128) does
            /// not hide the profile around it.
            #[test]
            fn fuzz_deep_unknown_members_do_not_hide_the_profile(
                doc in well_typed(),
                depth in 129..3000usize,
                object in any::<bool>(),
            ) {
                let (open, close) = if object { ("{\"k\":", "}") } else { ("[", "]") };
                let deep = format!("{}1{}", open.repeat(depth), close.repeat(depth));
                let text = doc.to_string();
                let body = format!("{{\"x_deep\": {deep}, {}", &text[1..]);
                let p = Profile::decode(&body);
                prop_assert!(p.is_ok(), "{:?} at depth {}", p, depth);
                let p = p.expect("checked");
                prop_assert_eq!(p.last_name.as_deref(), doc["last_name"].as_str());
            }

            /// Broken text (cut, spliced, bytes changed): a decode error, never a panic.
            #[test]
            fn fuzz_mangled_bodies_never_panic(text in crate::domain::fuzzing::mangled_json()) {
                let _ = Profile::decode(&text);
            }

            /// Bytes that are not even UTF-8 text, read as the browser would hand them over.
            #[test]
            fn fuzz_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
                let _ = Profile::decode(&String::from_utf8_lossy(&bytes));
            }
        }
    }
}
