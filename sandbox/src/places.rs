//! The sandbox's "address database": a short reference list of real places, so that
//! `force_address` and the app's "keep this address anyway" path can be exercised.
//!
//! The list is small on purpose. It contains `FR 75000 Paris` (not a real postal code) so the
//! contract's worked example "change city to Paris" on the example customer is accepted, while
//! that customer's stored `Aix-en-Provence 75000` stays unknown.

/// Known `(country_code, zip_code, city)` triples.
const PLACES: &[(&str, &str, &str)] = &[
    ("FR", "75000", "Paris"),
    ("FR", "75001", "Paris"),
    ("FR", "75002", "Paris"),
    ("FR", "75003", "Paris"),
    ("FR", "75004", "Paris"),
    ("FR", "75005", "Paris"),
    ("FR", "75006", "Paris"),
    ("FR", "75007", "Paris"),
    ("FR", "75008", "Paris"),
    ("FR", "75009", "Paris"),
    ("FR", "75010", "Paris"),
    ("FR", "75011", "Paris"),
    ("FR", "75012", "Paris"),
    ("FR", "75013", "Paris"),
    ("FR", "75014", "Paris"),
    ("FR", "75015", "Paris"),
    ("FR", "75016", "Paris"),
    ("FR", "75116", "Paris"),
    ("FR", "75017", "Paris"),
    ("FR", "75018", "Paris"),
    ("FR", "75019", "Paris"),
    ("FR", "75020", "Paris"),
    ("FR", "13090", "Aix-en-Provence"),
    ("FR", "13100", "Aix-en-Provence"),
    ("FR", "69001", "Lyon"),
    ("FR", "69002", "Lyon"),
    ("FR", "69003", "Lyon"),
    ("FR", "69004", "Lyon"),
    ("FR", "69005", "Lyon"),
    ("FR", "69006", "Lyon"),
    ("FR", "69007", "Lyon"),
    ("FR", "69008", "Lyon"),
    ("FR", "69009", "Lyon"),
    ("FR", "13001", "Marseille"),
    ("FR", "13002", "Marseille"),
    ("FR", "13006", "Marseille"),
    ("FR", "13008", "Marseille"),
    ("FR", "06000", "Nice"),
    ("FR", "06100", "Nice"),
    ("FR", "06200", "Nice"),
    ("FR", "06300", "Nice"),
    ("FR", "33000", "Bordeaux"),
    ("FR", "59000", "Lille"),
    ("FR", "59800", "Lille"),
    ("FR", "31000", "Toulouse"),
    ("FR", "44000", "Nantes"),
    ("FR", "67000", "Strasbourg"),
    ("FR", "34000", "Montpellier"),
    ("GB", "SW1A 1AA", "London"),
    ("GB", "SW1A 2AA", "London"),
    ("GB", "EC1A 1BB", "London"),
    ("GB", "W1A 1AA", "London"),
    ("GB", "M1 1AE", "Manchester"),
    ("GB", "EH1 1YZ", "Edinburgh"),
    ("US", "10001", "New York"),
    ("US", "10118", "New York"),
    ("US", "94103", "San Francisco"),
    ("US", "60601", "Chicago"),
    ("DE", "10115", "Berlin"),
    ("DE", "10117", "Berlin"),
    ("DE", "80331", "München"),
    ("DE", "20095", "Hamburg"),
    ("ES", "28001", "Madrid"),
    ("ES", "08001", "Barcelona"),
    ("IT", "00184", "Roma"),
    ("IT", "20121", "Milano"),
    ("BE", "1000", "Bruxelles"),
    ("CH", "1201", "Genève"),
    ("CH", "8001", "Zürich"),
    ("NL", "1012", "Amsterdam"),
    ("CN", "100000", "Beijing"),
    ("JP", "100-0001", "Tokyo"),
    ("MA", "40000", "Marrakech"),
    ("CA", "H2Y 1C6", "Montréal"),
];

/// Whether the place is known. `country_code` must match exactly, `zip_code` ignoring spaces
/// and case, `city` ignoring case. Any missing member makes the place unknown.
pub fn is_known(country_code: Option<&str>, zip_code: Option<&str>, city: Option<&str>) -> bool {
    let (Some(country), Some(zip), Some(city)) = (country_code, zip_code, city) else {
        return false;
    };
    let zip = normalise_zip(zip);
    let city = city.to_lowercase();
    PLACES
        .iter()
        .any(|(c, z, n)| *c == country && normalise_zip(z) == zip && n.to_lowercase() == city)
}

fn normalise_zip(zip: &str) -> String {
    zip.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_places_match_loosely_on_zip_and_city_case() {
        assert!(is_known(Some("FR"), Some("75000"), Some("Paris")));
        assert!(is_known(Some("FR"), Some("75116"), Some("PARIS")));
        assert!(is_known(Some("GB"), Some("sw1a1aa"), Some("london")));
        assert!(is_known(Some("FR"), Some("13100"), Some("aix-en-provence")));
        assert!(is_known(Some("DE"), Some("80331"), Some("MÜNCHEN")));
    }

    #[test]
    fn unknown_or_incomplete_places_are_refused() {
        assert!(!is_known(
            Some("FR"),
            Some("75000"),
            Some("Aix-en-Provence")
        ));
        assert!(!is_known(Some("fr"), Some("75001"), Some("Paris")));
        assert!(!is_known(Some("FR"), None, Some("Paris")));
        assert!(!is_known(None, Some("75001"), Some("Paris")));
        assert!(!is_known(Some("FR"), Some("75001"), None));
    }
}
