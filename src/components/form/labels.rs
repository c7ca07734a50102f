//! The visible name of a field from its JSON path, for the review list, the error summary
//! and the conflicts panel.

use super::state::spec;
use crate::domain::i18n::{numbered, Catalogue};

/// `email` → "Email", `phones.1.number` → "Phone 2: Number"; unknown paths are shown as is.
pub fn field_label(words: &'static Catalogue, path: &str) -> String {
    if let Some(spec) = spec(path) {
        return (spec.label)(words).to_owned();
    }
    match path {
        "phones" => return words.phones.to_owned(),
        "address" => return words.section_address.to_owned(),
        _ => {}
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
