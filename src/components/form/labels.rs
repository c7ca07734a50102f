//! The visible name of a field from its JSON path, for the review list and the error summary.

use crate::domain::i18n::{numbered, Catalogue};

/// `email` → "Email", `phones.1.number` → "Phone 2: Number"; unknown paths are shown as is.
pub fn field_label(words: &'static Catalogue, path: &str) -> String {
    let fixed = fixed_label(words, path);
    if !fixed.is_empty() {
        return fixed.to_owned();
    }
    let mut parts = path.split('.');
    if let (Some("phones"), Some(index), Some(member)) = (parts.next(), parts.next(), parts.next())
    {
        if let Ok(i) = index.parse::<usize>() {
            let member = if member == "type" {
                words.phone_type_label
            } else {
                words.phone_number
            };
            return format!("{}: {member}", numbered(words.phone_n, i + 1));
        }
    }
    path.to_owned()
}

/// The label of a field with a fixed path (not a phone), or `""`.
pub fn fixed_label(words: &'static Catalogue, path: &str) -> &'static str {
    match path {
        "first_name" => words.first_name,
        "second_name" => words.second_name,
        "third_name" => words.third_name,
        "last_name" => words.last_name,
        "birth_city" => words.birth_city,
        "email" => words.email,
        "phones" => words.phones,
        "locale" => words.locale,
        "address" => words.section_address,
        "address.number" => words.address_number,
        "address.street" => words.street,
        "address.add_on" => words.add_on,
        "address.additional_information_1" => words.additional_information_1,
        "address.zip_code" => words.zip_code,
        "address.city" => words.city,
        "address.state_or_district" => words.state_or_district,
        "address.country_code" => words.country_code,
        _ => "",
    }
}
