//! PATCH validation and merge: turns a request body and the stored profile into the new
//! profile, or into the list of offending fields.
//!
//! Semantics (CONTRACT.md): only editable fields; `""` and `null` are stored as `null`;
//! `address` is merged member by member (`null` clears it); `phones` is replaced whole;
//! a changed address must be a known place unless `force_address=true`.

use serde_json::{Map, Value};

use crate::{
    countries, locale, places,
    problem::{Code, FieldError},
};

/// The longest string accepted anywhere in a PATCH, counted in characters (code points).
pub const MAX_LEN: usize = 255;

/// The phone types a PATCH may use.
pub const PHONE_TYPES: [&str; 5] = ["MOBILE", "HOME", "WORK", "FAX", "OTHER"];

/// Top-level fields that hold a string (or null).
const TEXT_FIELDS: [&str; 7] = [
    "email",
    "first_name",
    "second_name",
    "third_name",
    "last_name",
    "birth_city",
    "locale",
];

/// Top-level fields the API shows but never lets a client change.
const READ_ONLY_FIELDS: [&str; 9] = [
    "gm_number",
    "loyalty_program",
    "gender",
    "civility",
    "birthdate",
    "optins",
    "identity",
    "_links",
    "customer_status",
];

/// `address` members a PATCH may set.
const ADDRESS_FIELDS: [&str; 8] = [
    "number",
    "street",
    "add_on",
    "additional_information_1",
    "zip_code",
    "city",
    "state_or_district",
    "country_code",
];

/// `address` members the API shows but derives itself.
const ADDRESS_READ_ONLY: [&str; 3] = ["town", "country", "additional_information_2"];

/// Validates `body` against the contract and applies it to `stored`.
///
/// Returns the new profile (equal to `stored` for a no-op), or every offending field.
pub fn apply_patch(
    stored: &Value,
    body: &[u8],
    force_address: bool,
) -> Result<Value, Vec<FieldError>> {
    let patch = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(patch)) => patch,
        _ => return Err(vec![FieldError::body(Code::InvalidJson)]),
    };
    let errors = check(&patch, stored);
    if !errors.is_empty() {
        return Err(errors);
    }
    let merged = merge(stored, &patch);
    let address_changed = patch.get("address").is_some_and(Value::is_object)
        && merged.get("address") != stored.get("address");
    if address_changed && !force_address && !address_is_known(merged.get("address")) {
        return Err(vec![FieldError::new("address", Code::AddressUnknown)]);
    }
    Ok(merged)
}

/// Every offending field of `patch`, in body order.
fn check(patch: &Map<String, Value>, stored: &Value) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (key, value) in patch {
        let key = key.as_str();
        if TEXT_FIELDS.contains(&key) {
            let rule: fn(&str) -> Option<Code> = match key {
                "email" => |s| (!is_email(s)).then_some(Code::InvalidEmail),
                "locale" => |s| (!locale::is_bcp47(s)).then_some(Code::InvalidLocale),
                _ => |_| None,
            };
            check_text(key, value, true, rule, &mut errors);
        } else if key == "phones" {
            check_phones(value, stored, &mut errors);
        } else if key == "address" {
            check_address(value, &mut errors);
        } else if READ_ONLY_FIELDS.contains(&key) {
            errors.push(FieldError::new(key, Code::ReadOnlyField));
        } else {
            errors.push(FieldError::new(key, Code::UnknownField));
        }
    }
    errors
}

/// A string-or-null field: type, then length, then `rule` on non-empty strings.
fn check_text(
    path: &str,
    value: &Value,
    nullable: bool,
    rule: fn(&str) -> Option<Code>,
    errors: &mut Vec<FieldError>,
) {
    let code = match value {
        Value::Null if nullable => None,
        Value::String(s) if s.is_empty() && nullable => None,
        Value::String(s) if s.chars().count() > MAX_LEN => Some(Code::TooLong),
        Value::String(s) => rule(s),
        _ => Some(Code::InvalidType),
    };
    if let Some(code) = code {
        errors.push(FieldError::new(path, code));
    }
}

/// `phones`: null, or an array of `{number, type}` objects.
///
/// A `type` outside [`PHONE_TYPES`] is accepted when the stored profile already has a phone of
/// that type: the contract has the client send unknown types back unchanged.
fn check_phones(value: &Value, stored: &Value, errors: &mut Vec<FieldError>) {
    let items = match value {
        Value::Null => return,
        Value::Array(items) => items,
        _ => return errors.push(FieldError::new("phones", Code::InvalidType)),
    };
    let stored_types: Vec<&str> = stored
        .get("phones")
        .and_then(Value::as_array)
        .map(|phones| {
            phones
                .iter()
                .filter_map(|p| p.get("type").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    for (i, item) in items.iter().enumerate() {
        let Some(phone) = item.as_object() else {
            errors.push(FieldError::new(format!("phones.{i}"), Code::InvalidType));
            continue;
        };
        for (key, member) in phone {
            let path = format!("phones.{i}.{key}");
            match key.as_str() {
                "number" => check_text(&path, member, false, phone_rule, errors),
                "type" => {
                    let known = member
                        .as_str()
                        .is_some_and(|t| PHONE_TYPES.contains(&t) || stored_types.contains(&t));
                    let rule: fn(&str) -> Option<Code> = if known {
                        |_| None
                    } else {
                        |_| Some(Code::InvalidPhoneType)
                    };
                    check_text(&path, member, false, rule, errors);
                }
                _ => errors.push(FieldError::new(path, Code::UnknownField)),
            }
        }
        for required in ["number", "type"] {
            if !phone.contains_key(required) {
                errors.push(FieldError::new(
                    format!("phones.{i}.{required}"),
                    Code::InvalidType,
                ));
            }
        }
    }
}

fn phone_rule(s: &str) -> Option<Code> {
    (!is_phone(s)).then_some(Code::InvalidPhone)
}

/// `address`: null, or an object of editable members.
fn check_address(value: &Value, errors: &mut Vec<FieldError>) {
    let members = match value {
        Value::Null => return,
        Value::Object(members) => members,
        _ => return errors.push(FieldError::new("address", Code::InvalidType)),
    };
    for (key, member) in members {
        let key = key.as_str();
        let path = format!("address.{key}");
        if ADDRESS_FIELDS.contains(&key) {
            let rule: fn(&str) -> Option<Code> = if key == "country_code" {
                |s| (!countries::is_valid(s)).then_some(Code::InvalidCountry)
            } else {
                |_| None
            };
            check_text(&path, member, true, rule, errors);
        } else if ADDRESS_READ_ONLY.contains(&key) {
            errors.push(FieldError::new(path, Code::ReadOnlyField));
        } else {
            errors.push(FieldError::new(path, Code::UnknownField));
        }
    }
}

/// Applies a valid `patch` to `stored` (JSON Merge Patch, plus `""` → `null`).
fn merge(stored: &Value, patch: &Map<String, Value>) -> Value {
    let mut profile = stored.as_object().cloned().unwrap_or_default();
    for (key, value) in patch {
        let new = match value {
            Value::Object(members) => {
                let mut address = profile
                    .get(key)
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                for (member, v) in members {
                    address.insert(member.clone(), empty_as_null(v));
                }
                Value::Object(address)
            }
            other => empty_as_null(other),
        };
        profile.insert(key.clone(), new);
    }
    Value::Object(profile)
}

fn empty_as_null(value: &Value) -> Value {
    match value {
        Value::String(s) if s.is_empty() => Value::Null,
        other => other.clone(),
    }
}

/// Whether a resulting address passes verification: either it has none of
/// country/zip/city, or the three form a known place.
fn address_is_known(address: Option<&Value>) -> bool {
    let member = |name| address.and_then(|a| a.get(name)).and_then(Value::as_str);
    let (country, zip, city) = (member("country_code"), member("zip_code"), member("city"));
    (country.is_none() && zip.is_none() && city.is_none()) || places::is_known(country, zip, city)
}

/// An email address as the sandbox (and the OpenAPI pattern) accepts it:
/// `^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@LABEL(\.LABEL)+$` where a label is alphanumeric with
/// inner hyphens.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    local_ok && labels.len() >= 2 && labels.iter().all(label_ok)
}

/// A phone number: only digits, spaces, `+ . - ( )`, and at least 6 digits.
pub fn is_phone(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_digit() || " +.-()".contains(c))
        && s.chars().filter(char::is_ascii_digit).count() >= 6
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn example() -> Value {
        crate::seed::profiles()[crate::seed::EXAMPLE].clone()
    }

    fn errors(body: Value) -> Vec<(String, &'static str)> {
        apply_patch(&example(), body.to_string().as_bytes(), false)
            .expect_err("should be refused")
            .into_iter()
            .map(|e| (e.field.unwrap_or_default(), e.code.as_str()))
            .collect()
    }

    fn one(field: &str, code: &'static str) -> Vec<(String, &'static str)> {
        vec![(field.to_owned(), code)]
    }

    #[test]
    fn emails() {
        for ok in [
            "tom@example.com",
            "a.b+c@sub.example.co.uk",
            "x@y-z.io",
            "o'neil@ex.fr",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "",
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
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn phones() {
        for ok in ["0623456789", "+33 (0)6 23.45-67-89", "123456"] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in [
            "12345",
            "06 23 45 67 8x",
            "+33/623456789",
            "",
            "ext. 123456",
            "０６２３４５６７８９",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn non_objects_are_invalid_json() {
        for body in ["", "nope", "[]", "null", "\"x\"", "{\"email\":"] {
            let errs = apply_patch(&example(), body.as_bytes(), false).expect_err(body);
            assert_eq!(errs, vec![FieldError::body(Code::InvalidJson)], "{body}");
        }
    }

    #[test]
    fn each_validation_code() {
        assert_eq!(
            errors(json!({"gm_number": "1"})),
            one("gm_number", "READ_ONLY_FIELD")
        );
        assert_eq!(
            errors(json!({"loyalty_program": null})),
            one("loyalty_program", "READ_ONLY_FIELD")
        );
        assert_eq!(
            errors(json!({"birthdate": "19800101"})),
            one("birthdate", "READ_ONLY_FIELD")
        );
        assert_eq!(
            errors(json!({"address": {"town": "x"}})),
            one("address.town", "READ_ONLY_FIELD")
        );
        assert_eq!(
            errors(json!({"nickname": "x"})),
            one("nickname", "UNKNOWN_FIELD")
        );
        assert_eq!(
            errors(json!({"address": {"floor": "2"}})),
            one("address.floor", "UNKNOWN_FIELD")
        );
        assert_eq!(errors(json!({"email": 3})), one("email", "INVALID_TYPE"));
        assert_eq!(
            errors(json!({"address": "Paris"})),
            one("address", "INVALID_TYPE")
        );
        assert_eq!(errors(json!({"phones": {}})), one("phones", "INVALID_TYPE"));
        assert_eq!(
            errors(json!({"phones": ["0612345678"]})),
            one("phones.0", "INVALID_TYPE")
        );
        assert_eq!(
            errors(json!({"email": "tom"})),
            one("email", "INVALID_EMAIL")
        );
        assert_eq!(
            errors(json!({"phones": [{"number": "12", "type": "HOME"}]})),
            one("phones.0.number", "INVALID_PHONE")
        );
        assert_eq!(
            errors(json!({"phones": [{"number": "0612345678", "type": "PAGER"}]})),
            one("phones.0.type", "INVALID_PHONE_TYPE")
        );
        assert_eq!(
            errors(json!({"address": {"country_code": "fr"}})),
            one("address.country_code", "INVALID_COUNTRY")
        );
        assert_eq!(
            errors(json!({"locale": "fr_FR"})),
            one("locale", "INVALID_LOCALE")
        );
        assert_eq!(
            errors(json!({"last_name": "é".repeat(256)})),
            one("last_name", "TOO_LONG")
        );
        assert_eq!(
            errors(json!({"address": {"street": "x".repeat(256)}})),
            one("address.street", "TOO_LONG")
        );
    }

    #[test]
    fn one_entry_per_offending_field_in_body_order() {
        let errs = errors(json!({
            "email": "nope",
            "first_name": "ok",
            "phones": [{"number": "0612345678", "type": "MOBILE"}, {"number": "x", "type": "PAGER", "label": "y"}, {}],
            "gm_number": "2",
        }));
        assert_eq!(
            errs,
            vec![
                ("email".into(), "INVALID_EMAIL"),
                ("phones.1.number".into(), "INVALID_PHONE"),
                ("phones.1.type".into(), "INVALID_PHONE_TYPE"),
                ("phones.1.label".into(), "UNKNOWN_FIELD"),
                ("phones.2.number".into(), "INVALID_TYPE"),
                ("phones.2.type".into(), "INVALID_TYPE"),
                ("gm_number".into(), "READ_ONLY_FIELD"),
            ]
        );
    }

    #[test]
    fn exactly_255_characters_is_fine() {
        let name = "字".repeat(255);
        let out = apply_patch(
            &example(),
            json!({"first_name": name}).to_string().as_bytes(),
            false,
        )
        .expect("accepted");
        assert_eq!(out["first_name"], name.as_str());
    }

    #[test]
    fn empty_strings_become_null_and_other_values_are_kept_verbatim() {
        let body = json!({"first_name": "", "last_name": "  Smyth ", "address": {"street": ""}});
        let out = apply_patch(&example(), body.to_string().as_bytes(), true).expect("accepted");
        assert_eq!(out["first_name"], Value::Null);
        assert_eq!(out["last_name"], "  Smyth ");
        assert_eq!(out["address"]["street"], Value::Null);
        assert_eq!(out["address"]["city"], "Aix-en-Provence");
    }

    #[test]
    fn address_verification() {
        let ex = example();
        let patch = |body: Value, force| apply_patch(&ex, body.to_string().as_bytes(), force);
        // A change to the stored, unknown place is refused...
        let errs =
            patch(json!({"address": {"street": "1 rue de la Paix"}}), false).expect_err("unknown");
        assert_eq!(errs, vec![FieldError::new("address", Code::AddressUnknown)]);
        // ...unless forced.
        let out = patch(json!({"address": {"street": "1 rue de la Paix"}}), true).expect("forced");
        assert_eq!(out["address"]["street"], "1 rue de la Paix");
        // A known place passes; re-sending the stored value is a no-op.
        assert!(patch(json!({"address": {"city": "Paris"}}), false).is_ok());
        assert_eq!(
            patch(json!({"address": {"city": "Aix-en-Provence"}}), false).ok(),
            Some(ex.clone())
        );
        // An address without country, zip and city has nothing to verify.
        let out = patch(
            json!({"address": {"city": null, "zip_code": "", "country_code": null, "street": "x"}}),
            false,
        )
        .expect("nothing to verify");
        assert_eq!(out["address"]["street"], "x");
        // null clears the whole address without verification.
        assert_eq!(
            patch(json!({"address": null}), false).expect("cleared")["address"],
            Value::Null
        );
    }

    #[test]
    fn unknown_phone_type_may_be_sent_back_unchanged() {
        let extras = crate::seed::profiles()[crate::seed::EXTRAS].clone();
        let phones = json!({"phones": [{"number": "+870 773 123 456", "type": "SATELLITE"}]});
        assert!(apply_patch(&extras, phones.to_string().as_bytes(), false).is_ok());
        assert!(apply_patch(&example(), phones.to_string().as_bytes(), false).is_err());
    }
}
