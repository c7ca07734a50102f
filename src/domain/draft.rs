//! The editable form state: every text exactly as typed (untrimmed), so that the form never
//! rewrites what the customer types. Trimming happens when comparing and sending
//! ([`normalise`], `diff`), checking happens in `validation`.

use crate::domain::profile::Profile;

/// The profile form as the customer is editing it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub first_name: String,
    pub second_name: String,
    pub third_name: String,
    pub last_name: String,
    pub birth_city: String,
    pub email: String,
    pub phones: Vec<PhoneDraft>,
    pub address: AddressDraft,
    pub locale: String,
}

/// One phone row; `kind` is the JSON `type`, kept as it is (even a type the app has no label
/// for).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PhoneDraft {
    pub number: String,
    pub kind: String,
}

/// The editable members of the address (the read-only `town`, `country` and
/// `additional_information_2` are not part of the form).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddressDraft {
    pub number: String,
    pub street: String,
    pub add_on: String,
    pub additional_information_1: String,
    pub zip_code: String,
    pub city: String,
    pub state_or_district: String,
    pub country_code: String,
}

/// Phone types the app offers (in this order).
pub const PHONE_TYPES: [&str; 5] = ["MOBILE", "HOME", "WORK", "FAX", "OTHER"];

/// Locales offered in the select (in this order).
pub const OFFERED_LOCALES: [&str; 10] = [
    "fr-FR", "en-GB", "en-US", "de-DE", "it-IT", "es-ES", "nl-BE", "pt-BR", "zh-CN", "ja-JP",
];

/// The JSON path of the phone list (the one editable field that is not a text).
pub const PHONES: &str = "phones";

/// The most phones the form shows as editable rows (about 250 ms to render on a slow
/// machine). A longer list — only a broken or hostile profile has one — is listed as text
/// and cannot be changed here, so that the page never freezes while the rest stays editable.
pub const MAX_EDITABLE_PHONES: usize = 500;

/// Reads one text field of a draft.
pub type TextAccessor = fn(&Draft) -> &str;

/// Every editable text field, in form order, as `(JSON path, accessor)`: the top-level texts
/// and the `address.*` members; not the phones (see [`PHONES`] and [`form_paths`]).
pub const TEXT_FIELDS: [(&str, TextAccessor); 15] = [
    ("first_name", |d| &d.first_name),
    ("second_name", |d| &d.second_name),
    ("third_name", |d| &d.third_name),
    ("last_name", |d| &d.last_name),
    ("birth_city", |d| &d.birth_city),
    ("email", |d| &d.email),
    ("address.number", |d| &d.address.number),
    ("address.street", |d| &d.address.street),
    ("address.add_on", |d| &d.address.add_on),
    ("address.additional_information_1", |d| {
        &d.address.additional_information_1
    }),
    ("address.zip_code", |d| &d.address.zip_code),
    ("address.city", |d| &d.address.city),
    ("address.state_or_district", |d| {
        &d.address.state_or_district
    }),
    ("address.country_code", |d| &d.address.country_code),
    ("locale", |d| &d.locale),
];

/// Every editable field's path in form order: [`TEXT_FIELDS`] with [`PHONES`] after `email`.
pub fn form_paths() -> impl Iterator<Item = &'static str> {
    TEXT_FIELDS.iter().flat_map(|&(path, _)| {
        let phones = (path == "email").then_some(PHONES);
        std::iter::once(path).chain(phones)
    })
}

/// Trims `text` at both ends; `None` when nothing is left. The contract's text normalisation:
/// what is compared and sent.
pub fn normalise(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

impl Draft {
    /// The form as it starts for `profile`: every missing or null value becomes `""`, a null
    /// phone list an empty one.
    pub fn from_profile(p: &Profile) -> Draft {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let address = p.address.clone().unwrap_or_default();
        Draft {
            first_name: text(&p.first_name),
            second_name: text(&p.second_name),
            third_name: text(&p.third_name),
            last_name: text(&p.last_name),
            birth_city: text(&p.birth_city),
            email: text(&p.email),
            phones: p
                .phones
                .iter()
                .flatten()
                .map(|phone| PhoneDraft {
                    number: text(&phone.number),
                    kind: text(&phone.kind),
                })
                .collect(),
            address: AddressDraft {
                number: text(&address.number),
                street: text(&address.street),
                add_on: text(&address.add_on),
                additional_information_1: text(&address.additional_information_1),
                zip_code: text(&address.zip_code),
                city: text(&address.city),
                state_or_district: text(&address.state_or_district),
                country_code: text(&address.country_code),
            },
            locale: text(&p.locale),
        }
    }

    /// The text field at `path` (as in [`TEXT_FIELDS`]), or `None` for any other path.
    pub fn text(&self, path: &str) -> Option<&str> {
        TEXT_FIELDS
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, get)| get(self))
    }

    /// The text field at `path` (as in [`TEXT_FIELDS`]) for writing, or `None` for any other
    /// path.
    pub fn text_mut(&mut self, path: &str) -> Option<&mut String> {
        let a = &mut self.address;
        Some(match path {
            "first_name" => &mut self.first_name,
            "second_name" => &mut self.second_name,
            "third_name" => &mut self.third_name,
            "last_name" => &mut self.last_name,
            "birth_city" => &mut self.birth_city,
            "email" => &mut self.email,
            "address.number" => &mut a.number,
            "address.street" => &mut a.street,
            "address.add_on" => &mut a.add_on,
            "address.additional_information_1" => &mut a.additional_information_1,
            "address.zip_code" => &mut a.zip_code,
            "address.city" => &mut a.city,
            "address.state_or_district" => &mut a.state_or_district,
            "address.country_code" => &mut a.country_code,
            "locale" => &mut self.locale,
            _ => return None,
        })
    }
}

/// The scenario page's example profile, shared by the tests of the pure modules.
#[cfg(test)]
pub(crate) const EXAMPLE: &str = r#"{
  "email": "tom@example.com", "gm_number": "123456789",
  "first_name": "Tom", "second_name": "James", "third_name": "Edward", "last_name": "Smith",
  "birth_city": "Paris",
  "phones": [{"number": "0623456789", "type": "MOBILE"}],
  "loyalty_program": {"status": "GOLD", "previous_status": "SILVER",
                      "is_platinum_for_life": false, "points": 1200},
  "address": {"city": "Aix-en-Provence", "zip_code": "75000", "country_code": "FR"},
  "locale": "fr-FR"
}"#;

/// [`EXAMPLE`], decoded.
#[cfg(test)]
pub(crate) fn example() -> Profile {
    Profile::decode(EXAMPLE).expect("the example profile decodes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_profile_copies_every_editable_value() {
        let d = Draft::from_profile(&example());
        assert_eq!(d.first_name, "Tom");
        assert_eq!(d.second_name, "James");
        assert_eq!(d.third_name, "Edward");
        assert_eq!(d.last_name, "Smith");
        assert_eq!(d.birth_city, "Paris");
        assert_eq!(d.email, "tom@example.com");
        assert_eq!(
            d.phones,
            [PhoneDraft {
                number: "0623456789".into(),
                kind: "MOBILE".into()
            }]
        );
        assert_eq!(
            d.address,
            AddressDraft {
                city: "Aix-en-Provence".into(),
                zip_code: "75000".into(),
                country_code: "FR".into(),
                ..AddressDraft::default()
            }
        );
        assert_eq!(d.locale, "fr-FR");
    }

    #[test]
    fn nulls_and_missing_values_become_empty_texts() {
        let p = Profile::decode(
            r#"{"email": null, "phones": null, "address": null, "locale": "  en-GB ",
                "first_name": "  Tom "}"#,
        )
        .expect("decodes");
        let d = Draft::from_profile(&p);
        assert_eq!(d.email, "");
        assert_eq!(d.last_name, "");
        assert!(d.phones.is_empty());
        assert_eq!(d.address, AddressDraft::default());
        // Texts are kept exactly as stored: trimming is the diff's business.
        assert_eq!(d.first_name, "  Tom ");
        assert_eq!(d.locale, "  en-GB ");
        assert_eq!(Draft::from_profile(&Profile::default()), Draft::default());
    }

    #[test]
    fn null_phone_members_and_unknown_types_are_kept() {
        let p = Profile::decode(
            r#"{"phones": [{"number": null, "type": "SATELLITE"}, {"number": "1"}]}"#,
        )
        .expect("decodes");
        let d = Draft::from_profile(&p);
        assert_eq!(d.phones[0].number, "");
        assert_eq!(d.phones[0].kind, "SATELLITE");
        assert_eq!(d.phones[1].kind, "");
    }

    #[test]
    fn normalise_trims_and_empties_to_none() {
        assert_eq!(normalise("  Tom "), Some("Tom"));
        assert_eq!(normalise("Tom"), Some("Tom"));
        assert_eq!(normalise("a b"), Some("a b"));
        assert_eq!(normalise(""), None);
        assert_eq!(normalise(" \t\n "), None);
    }

    #[test]
    fn text_fields_cover_the_editable_texts_in_form_order() {
        let paths: Vec<&str> = TEXT_FIELDS.iter().map(|(p, _)| *p).collect();
        assert_eq!(
            paths,
            [
                "first_name",
                "second_name",
                "third_name",
                "last_name",
                "birth_city",
                "email",
                "address.number",
                "address.street",
                "address.add_on",
                "address.additional_information_1",
                "address.zip_code",
                "address.city",
                "address.state_or_district",
                "address.country_code",
                "locale",
            ]
        );
        let all: Vec<&str> = form_paths().collect();
        assert_eq!(all.len(), 16);
        assert_eq!(all[5..8], ["email", "phones", "address.number"]);
    }

    #[test]
    fn accessors_read_and_write_the_field_their_path_names() {
        let mut d = Draft::default();
        for (i, (path, get)) in TEXT_FIELDS.iter().enumerate() {
            *d.text_mut(path).expect("writable") = format!("value {i}");
            assert_eq!(get(&d), format!("value {i}"), "{path}");
            assert_eq!(d.text(path), Some(get(&d)), "{path}");
        }
        // Each path wrote its own field: all 15 values are still distinct.
        let mut values: Vec<&str> = TEXT_FIELDS.iter().map(|(_, get)| get(&d)).collect();
        values.dedup();
        assert_eq!(values.len(), 15);
        assert_eq!(d.address.country_code, "value 13");
        assert_eq!(d.text("phones"), None);
        assert_eq!(d.text_mut("gm_number"), None);
        assert_eq!(d.text("address.town"), None);
    }

    #[test]
    fn offered_choices() {
        assert_eq!(PHONE_TYPES, ["MOBILE", "HOME", "WORK", "FAX", "OTHER"]);
        assert_eq!(OFFERED_LOCALES[0], "fr-FR");
        assert_eq!(OFFERED_LOCALES[1], "en-GB");
    }
}
