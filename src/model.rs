//! The v2 profile as the app reads it. The API says any value may be null and fields may be
//! missing or unknown, so every field is optional and unknown ones are ignored: the app never
//! sends back what it does not edit.

use crate::json::{self, Json, JsonError};

/// A customer's profile from `GET /v2/customers/{id}/profile`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    pub email: Option<String>,
    /// Read-only membership number.
    pub gm_number: Option<String>,
    pub first_name: Option<String>,
    pub second_name: Option<String>,
    pub third_name: Option<String>,
    pub last_name: Option<String>,
    pub birth_city: Option<String>,
    pub phones: Option<Vec<Phone>>,
    /// Read-only loyalty figures.
    pub loyalty_program: Option<LoyaltyProgram>,
    pub address: Option<Address>,
    /// The customer's preferred locale (BCP 47), e.g. `fr-FR`.
    pub locale: Option<String>,
    /// Read-only members (`gm_number`, `loyalty_program` or one of its members) that had
    /// the wrong type: read as missing and shown as unreadable. A figure the app only
    /// displays never keeps the customer from editing the rest.
    pub unreadable: Vec<&'static str>,
}

/// One phone number; `type` is kept as sent, even when the app has no label for it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Phone {
    pub number: Option<String>,
    pub kind: Option<String>,
}

/// Read-only loyalty status of the customer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoyaltyProgram {
    pub status: Option<String>,
    pub previous_status: Option<String>,
    pub is_platinum_for_life: Option<bool>,
    pub points: Option<i64>,
}

/// Postal address; the members named by the v2 read model and its migration note.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
    /// Not JSON, or truncated JSON.
    Syntax(JsonError),
    /// JSON, but not an object.
    NotAnObject,
    /// A member of the wrong type (its JSON path), e.g. a number where a text belongs.
    WrongType(&'static str),
}

impl Profile {
    /// Decodes a v2 response body: every member optional (missing and null are the same),
    /// unknown members ignored, an editable member of the wrong type refused (a read-only
    /// one is listed in [`Profile::unreadable`]).
    pub fn decode(body: &str) -> Result<Self, DecodeError> {
        if body.trim().is_empty() {
            return Err(DecodeError::Empty);
        }
        let doc = json::parse(body).map_err(DecodeError::Syntax)?;
        if !matches!(doc, Json::Object(_)) {
            return Err(DecodeError::NotAnObject);
        }
        let phones = match member(&doc, "phones") {
            None => None,
            Some(Json::Array(items)) => Some(
                items
                    .iter()
                    .map(|item| {
                        Ok(Phone {
                            number: text(object(item, "phones")?, "number", "phones.number")?,
                            kind: text(item, "type", "phones.type")?,
                        })
                    })
                    .collect::<Result<_, _>>()?,
            ),
            Some(_) => return Err(DecodeError::WrongType("phones")),
        };
        let mut unreadable = Vec::new();
        let loyalty_program = match member(&doc, "loyalty_program") {
            None => None,
            Some(l @ Json::Object(_)) => {
                let flag = match member(l, "is_platinum_for_life") {
                    None => Ok(None),
                    Some(Json::Bool(b)) => Ok(Some(*b)),
                    Some(_) => Err(DecodeError::WrongType(
                        "loyalty_program.is_platinum_for_life",
                    )),
                };
                let points = match member(l, "points") {
                    None => Ok(None),
                    Some(Json::Number(n)) => n
                        .parse()
                        .map(Some)
                        .map_err(|_| DecodeError::WrongType("loyalty_program.points")),
                    Some(_) => Err(DecodeError::WrongType("loyalty_program.points")),
                };
                let u = &mut unreadable;
                Some(LoyaltyProgram {
                    status: read_only(text(l, "status", "loyalty_program.status"), u),
                    previous_status: read_only(
                        text(l, "previous_status", "loyalty_program.previous_status"),
                        u,
                    ),
                    is_platinum_for_life: read_only(flag, u),
                    points: read_only(points, u),
                })
            }
            Some(_) => {
                unreadable.push("loyalty_program");
                None
            }
        };
        let address = match member(&doc, "address") {
            None => None,
            Some(a) => {
                let a = object(a, "address")?;
                Some(Address {
                    number: text(a, "number", "address.number")?,
                    street: text(a, "street", "address.street")?,
                    add_on: text(a, "add_on", "address.add_on")?,
                    additional_information_1: text(
                        a,
                        "additional_information_1",
                        "address.additional_information_1",
                    )?,
                    additional_information_2: text(
                        a,
                        "additional_information_2",
                        "address.additional_information_2",
                    )?,
                    zip_code: text(a, "zip_code", "address.zip_code")?,
                    city: text(a, "city", "address.city")?,
                    town: text(a, "town", "address.town")?,
                    state_or_district: text(a, "state_or_district", "address.state_or_district")?,
                    country_code: text(a, "country_code", "address.country_code")?,
                    country: text(a, "country", "address.country")?,
                })
            }
        };
        Ok(Profile {
            email: text(&doc, "email", "email")?,
            gm_number: read_only(text(&doc, "gm_number", "gm_number"), &mut unreadable),
            first_name: text(&doc, "first_name", "first_name")?,
            second_name: text(&doc, "second_name", "second_name")?,
            third_name: text(&doc, "third_name", "third_name")?,
            last_name: text(&doc, "last_name", "last_name")?,
            birth_city: text(&doc, "birth_city", "birth_city")?,
            phones,
            loyalty_program,
            address,
            locale: text(&doc, "locale", "locale")?,
            unreadable,
        })
    }
}

/// A read-only member: of the wrong type, it is noted in `unreadable` and read as missing.
fn read_only<T>(
    value: Result<Option<T>, DecodeError>,
    unreadable: &mut Vec<&'static str>,
) -> Option<T> {
    match value {
        Ok(value) => value,
        Err(error) => {
            if let DecodeError::WrongType(path) = error {
                unreadable.push(path);
            }
            None
        }
    }
}

/// A member that is present and not null.
fn member<'a>(doc: &'a Json, key: &str) -> Option<&'a Json> {
    doc.get(key).filter(|v| **v != Json::Null)
}

/// `value` when it is an object, else a wrong type at `path`.
fn object<'a>(value: &'a Json, path: &'static str) -> Result<&'a Json, DecodeError> {
    match value {
        Json::Object(_) => Ok(value),
        _ => Err(DecodeError::WrongType(path)),
    }
}

/// A text member: missing or null is `None`, anything but a string is a wrong type.
fn text(doc: &Json, key: &str, path: &'static str) -> Result<Option<String>, DecodeError> {
    match member(doc, key) {
        None => Ok(None),
        Some(Json::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(DecodeError::WrongType(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::draft::EXAMPLE;

    #[test]
    fn decodes_the_providers_example() {
        let p = Profile::decode(EXAMPLE).expect("example decodes");
        assert_eq!(p.first_name.as_deref(), Some("Tom"));
        assert_eq!(p.gm_number.as_deref(), Some("123456789"));
        let phones = p.phones.expect("phones");
        assert_eq!(phones[0].kind.as_deref(), Some("MOBILE"));
        let loyalty = p.loyalty_program.expect("loyalty");
        assert_eq!(loyalty.points, Some(1200));
        assert_eq!(loyalty.is_platinum_for_life, Some(false));
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
        assert!(matches!(
            Profile::decode("<html>oops</html>"),
            Err(DecodeError::Syntax(_))
        ));
        assert!(matches!(
            Profile::decode(r#"{"email": "a@b"#),
            Err(DecodeError::Syntax(JsonError::Truncated))
        ));
        assert_eq!(Profile::decode("[]"), Err(DecodeError::NotAnObject));
        assert_eq!(Profile::decode("null"), Err(DecodeError::NotAnObject));
    }

    #[test]
    fn names_the_member_of_the_wrong_type() {
        for (body, path) in [
            (r#"{"email": 5}"#, "email"),
            (r#"{"phones": {}}"#, "phones"),
            (r#"{"phones": [1]}"#, "phones"),
            (r#"{"phones": [{"number": true}]}"#, "phones.number"),
            (r#"{"address": "Paris"}"#, "address"),
            (r#"{"address": {"city": []}}"#, "address.city"),
            (r#"{"gm_number": 1, "locale": 2}"#, "locale"),
        ] {
            assert_eq!(
                Profile::decode(body),
                Err(DecodeError::WrongType(path)),
                "{body}"
            );
        }
        let p = Profile::decode(r#"{"loyalty_program": {"points": -3, "status": null}}"#)
            .expect("decodes");
        assert_eq!(p.loyalty_program.and_then(|l| l.points), Some(-3));
        assert!(p.unreadable.is_empty());
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
            (r#"{"gm_number": 123456789}"#, &["gm_number"]),
        ] {
            let p = Profile::decode(body).unwrap_or_else(|e| panic!("{body}: {e:?}"));
            assert_eq!(p.unreadable, paths, "{body}");
            let l = p.loyalty_program.unwrap_or_default();
            assert_eq!((l.points, l.is_platinum_for_life), (None, None), "{body}");
        }
        let p = Profile::decode(
            r#"{"first_name": "Tom", "loyalty_program": {"points": "1", "status": "GOLD"}}"#,
        )
        .expect("decodes");
        assert_eq!(p.first_name.as_deref(), Some("Tom"), "the rest is read");
        assert_eq!(
            p.loyalty_program.and_then(|l| l.status).as_deref(),
            Some("GOLD")
        );
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
            #![proptest_config(crate::json::tests::fuzz::fuzz_config())]

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
                    Ok(p) => prop_assert!(p.unreadable.iter().all(|u| read_only(u)), "{:?}", p.unreadable),
                    Err(DecodeError::WrongType(path)) => prop_assert!(!read_only(path), "{} for {}", path, doc),
                    Err(other) => prop_assert!(false, "{:?} for {}", other, doc),
                }
            }

            /// Broken text (cut, spliced, bytes changed): a decode error, never a panic.
            #[test]
            fn fuzz_mangled_bodies_never_panic(text in crate::json::tests::fuzz::mangled_json()) {
                let _ = Profile::decode(&text);
            }
        }
    }
}
