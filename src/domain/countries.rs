//! The officially assigned ISO 3166-1 alpha-2 country codes, to check `address.country_code`
//! before it is sent. Only codes ship: the UI names countries with the browser's
//! `Intl.DisplayNames`, in the UI's language.

/// Every officially assigned code (249), upper-case, sorted, two characters each.
const CODES: &str =
    "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCD\
    CFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGF\
    GGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKN\
    KPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNA\
    NCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSI\
    SJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVI\
    VNVUWFWSYEYTZAZMZW";

/// The number of codes in [`CODES`].
const COUNT: usize = CODES.len() / 2;

fn code_at(i: usize) -> &'static str {
    // `get`, not indexing: no slicing panic path in the wasm.
    CODES.get(2 * i..2 * i + 2).unwrap_or_default()
}

/// Every ISO 3166-1 alpha-2 code, sorted (`"AD"`, `"AE"`, …, `"ZW"`).
pub fn codes() -> impl Iterator<Item = &'static str> {
    (0..COUNT).map(code_at)
}

/// Whether `code` is an assigned alpha-2 code, written upper-case exactly as ISO writes it
/// (`"FR"` yes; `"fr"`, `" FR"`, `"UK"`, `"FRA"` no).
pub fn is_code(code: &str) -> bool {
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let (mut low, mut high) = (0, COUNT);
    while low < high {
        let mid = (low + high) / 2;
        match code_at(mid).cmp(code) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_249_codes() {
        assert_eq!(CODES.len(), 498);
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
