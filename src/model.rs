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
    /// unknown members ignored, a member of the wrong type refused.
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
        let loyalty_program = match member(&doc, "loyalty_program") {
            None => None,
            Some(l) => {
                let l = object(l, "loyalty_program")?;
                Some(LoyaltyProgram {
                    status: text(l, "status", "loyalty_program.status")?,
                    previous_status: text(l, "previous_status", "loyalty_program.previous_status")?,
                    is_platinum_for_life: match member(l, "is_platinum_for_life") {
                        None => None,
                        Some(Json::Bool(b)) => Some(*b),
                        Some(_) => {
                            return Err(DecodeError::WrongType(
                                "loyalty_program.is_platinum_for_life",
                            ))
                        }
                    },
                    points: match member(l, "points") {
                        None => None,
                        Some(Json::Number(n)) => Some(
                            n.parse()
                                .map_err(|_| DecodeError::WrongType("loyalty_program.points"))?,
                        ),
                        Some(_) => return Err(DecodeError::WrongType("loyalty_program.points")),
                    },
                })
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
            gm_number: text(&doc, "gm_number", "gm_number")?,
            first_name: text(&doc, "first_name", "first_name")?,
            second_name: text(&doc, "second_name", "second_name")?,
            third_name: text(&doc, "third_name", "third_name")?,
            last_name: text(&doc, "last_name", "last_name")?,
            birth_city: text(&doc, "birth_city", "birth_city")?,
            phones,
            loyalty_program,
            address,
            locale: text(&doc, "locale", "locale")?,
        })
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
            (
                r#"{"loyalty_program": {"points": 1.5}}"#,
                "loyalty_program.points",
            ),
            (
                r#"{"loyalty_program": {"points": "12"}}"#,
                "loyalty_program.points",
            ),
            (
                r#"{"loyalty_program": {"is_platinum_for_life": 1}}"#,
                "loyalty_program.is_platinum_for_life",
            ),
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
    }
}
