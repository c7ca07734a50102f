//! The officially assigned ISO 3166-1 alpha-2 country codes, to check `address.country_code`
//! before it is sent. Only codes ship: the UI names countries with the browser's
//! `Intl.DisplayNames`, in the UI's language.

/// Every officially assigned code (249), upper-case, sorted.
const CODES: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Every ISO 3166-1 alpha-2 code, sorted (`"AD"`, `"AE"`, …, `"ZW"`).
pub fn codes() -> impl Iterator<Item = &'static str> {
    CODES.into_iter()
}

/// Whether `code` is an assigned alpha-2 code, written upper-case exactly as ISO writes it
/// (`"FR"` yes; `"fr"`, `" FR"`, `"UK"`, `"FRA"` no).
pub fn is_code(code: &str) -> bool {
    CODES.binary_search(&code).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_249_codes() {
        assert_eq!(codes().count(), 249);
    }

    #[test]
    fn codes_are_sorted_unique_upper_case_pairs() {
        let all: Vec<&str> = codes().collect();
        assert!(all.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        assert!(all
            .iter()
            .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
        assert_eq!(all.first(), Some(&"AD"));
        assert_eq!(all.last(), Some(&"ZW"));
    }

    #[test]
    fn every_listed_code_is_a_code() {
        assert!(codes().all(is_code));
    }

    #[test]
    fn real_codes_are_present() {
        for code in [
            "FR", "GB", "US", "DE", "BE", "CN", "JP", "AX", "SS", "ZW", "AD",
        ] {
            assert!(is_code(code), "{code}");
        }
    }

    #[test]
    fn other_strings_are_not_codes() {
        for code in [
            "UK", "EU", "XX", "XK", "fr", "Fr", "fR", " FR", "FR ", "FRA", "F", "", "É1", "ÉÉ",
        ] {
            assert!(!is_code(code), "{code:?}");
        }
    }
}
