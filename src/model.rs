//! The v2 profile as the app reads it. The API says any value may be null and fields may be
//! missing or unknown, so every field is optional and unknown ones are ignored: the app never
//! sends back what it does not edit.

use serde::Deserialize;

/// A customer's profile from `GET /v2/customers/{id}/profile`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
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
    pub status: Option<String>,
    pub previous_status: Option<String>,
    pub is_platinum_for_life: Option<bool>,
    pub points: Option<i64>,
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
    /// Not JSON, truncated JSON, or JSON of another shape (with serde's reason, for logs).
    Invalid(String),
}

impl Profile {
    /// Decodes a v2 response body.
    pub fn decode(body: &str) -> Result<Self, DecodeError> {
        let body = body.trim_start();
        if body.is_empty() {
            return Err(DecodeError::Empty);
        }
        // serde's derived structs also accept a JSON array (fields by position): refuse it.
        if !body.starts_with('{') {
            return Err(DecodeError::Invalid("not a JSON object".into()));
        }
        serde_json::from_str(body).map_err(|e| DecodeError::Invalid(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"{
      "email": "tom@example.com", "gm_number": "123456789",
      "first_name": "Tom", "second_name": "James", "third_name": "Edward", "last_name": "Smith",
      "birth_city": "Paris",
      "phones": [{"number": "0623456789", "type": "MOBILE"}],
      "loyalty_program": {"status": "GOLD", "previous_status": "SILVER",
                          "is_platinum_for_life": false, "points": 1200},
      "address": {"city": "Aix-en-Provence", "zip_code": "75000", "country_code": "FR"},
      "locale": "fr-FR"
    }"#;

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
            Err(DecodeError::Invalid(_))
        ));
        assert!(matches!(
            Profile::decode(r#"{"email": "a@b"#),
            Err(DecodeError::Invalid(_))
        ));
        assert!(matches!(
            Profile::decode("[]"),
            Err(DecodeError::Invalid(_))
        ));
    }
}
