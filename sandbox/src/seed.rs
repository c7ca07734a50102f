//! The customers the sandbox starts with (and returns to on `--reset` or `POST /__sandbox/reset`).
//!
//! Each one exists to exercise one thing the app must survive: the provider's own example,
//! all-null values, unknown extra fields, non-Latin scripts, HTML injection, and a deleted
//! customer whose token still works.

use serde_json::{json, Map, Value};

/// The scenario page's example customer, exactly as the provider documents it (including the
/// inconsistent Aix-en-Provence / 75000 address that no address database knows).
pub const EXAMPLE: &str = "123456789";
/// A customer whose every optional value is null (only `gm_number` is set).
pub const ALL_NULL: &str = "200000001";
/// A customer with the extra, read-only fields of the v2 model and a phone type the app has no
/// label for (`SATELLITE`).
pub const EXTRAS: &str = "200000002";
/// A customer with long Chinese and Arabic names.
pub const NON_LATIN: &str = "200000003";
/// A customer whose names are HTML/script payloads: the app must show them as text.
pub const XSS: &str = "200000004";
/// A customer that has a token but no profile: every request for it answers 404.
pub const DELETED: &str = "200000009";

/// The seed profiles keyed by customer id (DELETED is deliberately absent).
pub fn profiles() -> Map<String, Value> {
    let mut map = Map::new();
    map.insert(EXAMPLE.into(), example());
    map.insert(ALL_NULL.into(), all_null());
    map.insert(EXTRAS.into(), extras());
    map.insert(NON_LATIN.into(), non_latin());
    map.insert(XSS.into(), xss());
    map
}

fn example() -> Value {
    json!({
        "email": "tom@example.com",
        "gm_number": "123456789",
        "first_name": "Tom",
        "second_name": "James",
        "third_name": "Edward",
        "last_name": "Smith",
        "birth_city": "Paris",
        "phones": [{"number": "0623456789", "type": "MOBILE"}],
        "loyalty_program": {
            "status": "GOLD",
            "previous_status": "SILVER",
            "is_platinum_for_life": false,
            "points": 1200
        },
        "address": {"city": "Aix-en-Provence", "zip_code": "75000", "country_code": "FR"},
        "locale": "fr-FR"
    })
}

fn all_null() -> Value {
    json!({
        "email": null,
        "gm_number": ALL_NULL,
        "first_name": null,
        "second_name": null,
        "third_name": null,
        "last_name": null,
        "birth_city": null,
        "phones": null,
        "loyalty_program": null,
        "address": null,
        "locale": null
    })
}

fn extras() -> Value {
    json!({
        "_links": {"self": {"href": "/v2/customers/200000002/profile"}},
        "email": "claire.dubois@example.fr",
        "gm_number": EXTRAS,
        "civility": "MRS",
        "gender": "FEMALE",
        "first_name": "Claire",
        "second_name": null,
        "third_name": null,
        "last_name": "Dubois",
        "birthdate": "19800101",
        "birth_city": "Lyon",
        "phones": [
            {"number": "+33 6 12 34 56 78", "type": "MOBILE"},
            {"number": "+870 773 123 456", "type": "SATELLITE"},
            {"number": "04 72 00 00 00", "type": "HOME"}
        ],
        "loyalty_program": {
            "status": "PLATINUM",
            "previous_status": "GOLD",
            "is_platinum_for_life": true,
            "points": 98000
        },
        "address": {
            "number": "12",
            "street": "Rue de la République",
            "add_on": "Bâtiment B",
            "additional_information_1": "3e étage",
            "additional_information_2": "Code 4512",
            "zip_code": "69002",
            "city": "Lyon",
            "town": "Lyon 2e Arrondissement",
            "state_or_district": "Auvergne-Rhône-Alpes",
            "country_code": "FR",
            "country": "France"
        },
        "locale": "fr-FR",
        "optins": [
            {"type": "NEWSLETTER", "channel": "EMAIL", "value": true},
            {"type": "PARTNERS", "channel": "SMS", "value": false}
        ],
        "identity": {"document_type": "PASSPORT", "document_number": "XX0000000", "expiry_date": "20300101"},
        "customer_status": "ACTIVE"
    })
}

fn non_latin() -> Value {
    json!({
        "email": "zhang.wei@example.cn",
        "gm_number": NON_LATIN,
        "first_name": "欧阳思远明德博文嘉懿天佑子轩浩然",
        "second_name": "عبد الرحمن",
        "third_name": "محمد بن عبد الله بن عبد المطلب",
        "last_name": "诸葛司马上官欧阳皇甫尉迟公孙慕容长孙宇文",
        "birth_city": "北京",
        "phones": [{"number": "+86 10 1234 5678", "type": "HOME"}],
        "loyalty_program": {
            "status": "SILVER",
            "previous_status": null,
            "is_platinum_for_life": false,
            "points": 300
        },
        "address": {"city": "Beijing", "zip_code": "100000", "country_code": "CN"},
        "locale": "zh-CN"
    })
}

fn xss() -> Value {
    json!({
        "email": "mallory@example.com",
        "gm_number": XSS,
        "first_name": "<img src=x onerror=alert(1)>",
        "second_name": "{{constructor.constructor('alert(3)')()}}",
        "third_name": null,
        "last_name": "\"><script>alert(2)</script>",
        "birth_city": "<b>Paris</b>",
        "phones": [{"number": "0612345678", "type": "MOBILE"}],
        "loyalty_program": {
            "status": "CLASSIC",
            "previous_status": null,
            "is_platinum_for_life": false,
            "points": 0
        },
        "address": {"city": "Paris", "zip_code": "75001", "country_code": "FR", "street": "<i>rue</i> & co"},
        "locale": "en-GB"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_matches_the_scenario_page() {
        let p = &profiles()[EXAMPLE];
        assert_eq!(p["address"]["city"], "Aix-en-Provence");
        assert_eq!(p["address"]["zip_code"], "75000");
        assert_eq!(p["phones"][0]["number"], "0623456789");
        assert_eq!(p["loyalty_program"]["points"], 1200);
        assert_eq!(p.as_object().map(|o| o.len()), Some(11));
    }

    #[test]
    fn deleted_has_no_profile_and_all_null_only_keeps_gm_number() {
        let all = profiles();
        assert!(!all.contains_key(DELETED));
        let nulls = all[ALL_NULL].as_object().expect("object");
        for (key, value) in nulls {
            assert_eq!(value.is_null(), key != "gm_number", "{key}");
        }
    }
}
