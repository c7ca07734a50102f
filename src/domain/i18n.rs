//! The UI's words: one catalogue per language, chosen once from the configured or browser
//! locale. Components take every visible string from here (no literals in views), so a
//! missing translation is a compile error, and an empty one fails a unit test.

/// A language the UI is translated into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// Picks the UI language for a BCP 47 tag: French for `fr*`, English otherwise.
    pub fn from_tag(tag: &str) -> Self {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    /// The `lang` attribute and `accept-language` value for this language.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// This language's catalogue.
    pub fn words(self) -> &'static Catalogue {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }
}

/// The language in use: the UI's catalogue and what `accept-language` says. It can change
/// while the editor is mounted (a portal's language switch): both follow together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Locale {
    /// The UI language.
    pub lang: Lang,
    /// The `accept-language` value: the configured locale when usable, else the browser's.
    pub accept_language: String,
}

impl Locale {
    /// The locale for a configured tag (the portal's `locale`, `config.json`'s) and the
    /// browser's (`navigator.language`): the first that can go into a header, else `en`.
    pub fn negotiate(configured: Option<&str>, browser: Option<&str>) -> Self {
        let accept_language = [configured, browser]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|tag| is_header_safe_tag(tag))
            .unwrap_or("en")
            .to_owned();
        Locale {
            lang: Lang::from_tag(&accept_language),
            accept_language,
        }
    }
}

/// A language tag made of letters, digits and `-` only, so it can go into a header as is.
fn is_header_safe_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Fills a catalogue text's `{n}` placeholder (e.g. "Remove phone {n}") with a number.
pub fn numbered(text: &str, n: impl std::fmt::Display) -> String {
    text.replace("{n}", &n.to_string())
}

/// Declares [`Catalogue`] with one `&'static str` per key and an `entries()` listing, so that
/// tests can check every key of every language without repeating the key list.
macro_rules! catalogue {
    ($($key:ident),* $(,)?) => {
        /// Every string the UI shows, for one language.
        #[derive(Debug)]
        pub struct Catalogue { $(pub $key: &'static str,)* }

        impl Catalogue {
            /// `(key, text)` pairs, for completeness checks.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key),)*]
            }
        }
    };
}

catalogue! {
    // --- validation messages (validation::Problem::message) ---
    problem_required, problem_invalid_email, problem_invalid_phone, problem_too_few_digits,
    problem_invalid_phone_type, problem_invalid_country, problem_invalid_locale,
    problem_too_long,
    // --- end of validation messages ---
    page_title, loading, retry, not_provided, unreadable, yes, no,
    section_name, section_contact, section_address, section_membership, section_preferences,
    first_name, second_name, third_name, last_name, birth_city, email, phones, no_phones, phones_read_only,
    phone_mobile, phone_home, phone_work, phone_fax, phone_other,
    address_number, street, add_on, additional_information_1, additional_information_2,
    zip_code, city, town, state_or_district, country_code, country,
    gm_number, loyalty_status, previous_status, platinum_for_life, points, locale,
    error_title, error_config_unavailable, error_config_malformed, error_config_invalid,
    error_bad_request, error_unauthorized, error_session_expired, error_forbidden,
    error_not_found, error_too_large, error_rate_limited, error_server, error_status,
    error_network, error_timeout, error_undecodable, error_server_said,
    // --- the form ---
    save, saving, saved, discard, review_changes, review_title, no_changes, one_change,
    many_changes, changed_mark, empty_value, not_set, add_phone, remove, remove_phone, move_up,
    move_down, move_phone_up, move_phone_down, phone_n, phone_number, phone_type_label,
    summary_title, address_unknown_title, address_unknown_text, keep_address, edit_address,
    save_failed_title, save_forbidden, save_not_found, edits_kept, saved_reload_failed, reload,
    // --- changes saved elsewhere (crate::domain::merge) ---
    taken_from_server, conflict_title, conflict_text, conflict_original, conflict_theirs,
    conflict_mine, keep_theirs, keep_mine, conflicts_resolved,
    // --- a panic (crate::browser::crash) ---
    crash_title, crash_text,
    // --- offline ---
    offline, offline_waiting,
}

impl Catalogue {
    /// Label of a phone type, or `None` for a type the app does not know (shown as it is).
    pub fn phone_type(&self, kind: &str) -> Option<&'static str> {
        match kind {
            "MOBILE" => Some(self.phone_mobile),
            "HOME" => Some(self.phone_home),
            "WORK" => Some(self.phone_work),
            "FAX" => Some(self.phone_fax),
            "OTHER" => Some(self.phone_other),
            _ => None,
        }
    }
}

/// English.
pub static EN: Catalogue = Catalogue {
    // --- validation messages ---
    problem_required: "This field cannot be left empty",
    problem_invalid_email: "Enter an email address like name@example.com",
    problem_invalid_phone: "Use only digits, spaces and + . - ( )",
    problem_too_few_digits: "Enter at least 6 digits",
    problem_invalid_phone_type: "Choose a phone type",
    problem_invalid_country: "Choose a country from the list",
    problem_invalid_locale: "Choose a language from the list (a language tag such as en-GB)",
    problem_too_long: "Use at most 255 characters",
    // --- end of validation messages ---
    page_title: "Your profile",
    loading: "Loading your profile…",
    retry: "Retry",
    not_provided: "Not provided",
    unreadable: "Could not be read",
    yes: "Yes",
    no: "No",
    section_name: "Name",
    section_contact: "Contact",
    section_address: "Address",
    section_membership: "Membership",
    section_preferences: "Preferences",
    first_name: "First name",
    second_name: "Second name",
    third_name: "Third name",
    last_name: "Last name",
    birth_city: "City of birth",
    email: "Email",
    phones: "Phones",
    no_phones: "No phone number",
    phones_read_only: "This profile has {n} phone numbers, too many to change here. They are listed as they are; everything else can still be changed.",
    phone_mobile: "Mobile",
    phone_home: "Home",
    phone_work: "Work",
    phone_fax: "Fax",
    phone_other: "Other",
    address_number: "Number",
    street: "Street",
    add_on: "Address line 2",
    additional_information_1: "Additional information",
    additional_information_2: "Additional information (2)",
    zip_code: "Postcode",
    city: "City",
    town: "Town",
    state_or_district: "State or district",
    country_code: "Country",
    country: "Country name",
    gm_number: "Membership number",
    loyalty_status: "Loyalty status",
    previous_status: "Previous status",
    platinum_for_life: "Platinum for life",
    points: "Points",
    locale: "Preferred language",
    error_title: "We could not load your profile",
    error_config_unavailable: "The app's configuration file (config.json) could not be loaded.",
    error_config_malformed: "The app's configuration file (config.json) is not valid.",
    error_config_invalid: "The app's configuration file (config.json) has an empty or invalid value:",
    error_bad_request: "The service refused the request as invalid. Retrying may help; if not, please contact support.",
    error_unauthorized: "You are not signed in, or your sign-in was not recognised. Please sign in again.",
    error_session_expired: "Your session has expired. Please sign in again.",
    error_forbidden: "You are not allowed to see this profile.",
    error_not_found: "No profile was found for this account.",
    error_too_large: "The request was too large for the service.",
    error_rate_limited: "Too many requests were sent. Please wait a moment, then retry.",
    error_server: "The service is having trouble right now. Please retry in a moment.",
    error_status: "The service answered with an unexpected error. Status:",
    error_network: "The service could not be reached. Check your connection, then retry.",
    error_timeout: "The service took too long to answer. Please retry.",
    error_undecodable: "The service sent a response that could not be read.",
    error_server_said: "Details from the service:",
    // --- the form ---
    save: "Save",
    saving: "Saving your changes…",
    saved: "Your changes have been saved.",
    discard: "Discard changes",
    review_changes: "Review changes",
    review_title: "Changes to save",
    no_changes: "No unsaved changes",
    one_change: "1 unsaved change",
    many_changes: "{n} unsaved changes",
    changed_mark: "(changed)",
    empty_value: "(empty)",
    not_set: "Not set",
    add_phone: "Add phone",
    remove: "Remove",
    remove_phone: "Remove phone {n}",
    move_up: "Up",
    move_down: "Down",
    move_phone_up: "Move phone {n} up",
    move_phone_down: "Move phone {n} down",
    phone_n: "Phone {n}",
    phone_number: "Number",
    phone_type_label: "Type",
    summary_title: "Please correct the following before saving",
    address_unknown_title: "We could not verify this address",
    address_unknown_text: "The postcode and city do not match an address we know in this country. Check them, or keep the address exactly as you entered it.",
    keep_address: "Keep this address anyway",
    edit_address: "Edit address",
    save_failed_title: "Your changes were not saved",
    save_forbidden: "You are not allowed to change this profile.",
    save_not_found: "This profile no longer exists, so your changes could not be saved.",
    edits_kept: "Your edits are still in the form.",
    saved_reload_failed: "Your changes were saved, but the updated profile could not be loaded.",
    taken_from_server: "Updated with changes saved elsewhere:",
    conflict_title: "This profile was also changed elsewhere",
    conflict_text: "While you were editing, these fields were changed and saved elsewhere. Choose which value to keep for each: nothing is saved until you have chosen.",
    conflict_original: "Before",
    conflict_theirs: "Saved elsewhere",
    conflict_mine: "Yours",
    keep_theirs: "Keep the saved value",
    keep_mine: "Keep yours",
    conflicts_resolved: "Your choices are in the form. Save to send them.",
    offline: "You are offline.",
    offline_waiting: "You are offline: your changes will be saved when the connection is back.",
    crash_title: "Something went wrong",
    crash_text: "Your edits are still in the form, but this page can no longer save them. Copy what you need, then reload the page.",
    reload: "Reload",
};

/// French.
pub static FR: Catalogue = Catalogue {
    // --- validation messages ---
    problem_required: "Ce champ ne peut pas rester vide",
    problem_invalid_email: "Saisissez une adresse e-mail comme nom@exemple.com",
    problem_invalid_phone: "Utilisez uniquement des chiffres, des espaces et + . - ( )",
    problem_too_few_digits: "Saisissez au moins 6 chiffres",
    problem_invalid_phone_type: "Choisissez un type de téléphone",
    problem_invalid_country: "Choisissez un pays dans la liste",
    problem_invalid_locale: "Choisissez une langue dans la liste (une balise de langue comme fr-FR)",
    problem_too_long: "255 caractères au maximum",
    // --- end of validation messages ---
    page_title: "Votre profil",
    loading: "Chargement de votre profil…",
    retry: "Réessayer",
    not_provided: "Non renseigné",
    unreadable: "Illisible",
    yes: "Oui",
    no: "Non",
    section_name: "Nom",
    section_contact: "Coordonnées",
    section_address: "Adresse",
    section_membership: "Adhésion",
    section_preferences: "Préférences",
    first_name: "Prénom",
    second_name: "Deuxième prénom",
    third_name: "Troisième prénom",
    last_name: "Nom de famille",
    birth_city: "Ville de naissance",
    email: "E-mail",
    phones: "Téléphones",
    no_phones: "Aucun numéro de téléphone",
    phones_read_only: "Ce profil compte {n} numéros de téléphone, trop pour les modifier ici. Ils sont listés tels quels ; tout le reste peut encore être modifié.",
    phone_mobile: "Mobile",
    phone_home: "Domicile",
    phone_work: "Travail",
    phone_fax: "Fax",
    phone_other: "Autre",
    address_number: "Numéro",
    street: "Rue",
    add_on: "Complément d’adresse",
    additional_information_1: "Informations complémentaires",
    additional_information_2: "Informations complémentaires (2)",
    zip_code: "Code postal",
    city: "Ville",
    town: "Commune",
    state_or_district: "État ou région",
    country_code: "Pays",
    country: "Nom du pays",
    gm_number: "Numéro d’adhérent",
    loyalty_status: "Statut de fidélité",
    previous_status: "Statut précédent",
    platinum_for_life: "Platinum à vie",
    points: "Points",
    locale: "Langue préférée",
    error_title: "Nous n’avons pas pu charger votre profil",
    error_config_unavailable: "Le fichier de configuration de l’application (config.json) n’a pas pu être chargé.",
    error_config_malformed: "Le fichier de configuration de l’application (config.json) n’est pas valide.",
    error_config_invalid: "Le fichier de configuration de l’application (config.json) contient une valeur vide ou invalide :",
    error_bad_request: "Le service a refusé la requête comme invalide. Réessayer peut aider ; sinon, contactez le support.",
    error_unauthorized: "Vous n’êtes pas connecté, ou votre connexion n’a pas été reconnue. Veuillez vous reconnecter.",
    error_session_expired: "Votre session a expiré. Veuillez vous reconnecter.",
    error_forbidden: "Vous n’êtes pas autorisé à consulter ce profil.",
    error_not_found: "Aucun profil n’a été trouvé pour ce compte.",
    error_too_large: "La requête était trop volumineuse pour le service.",
    error_rate_limited: "Trop de requêtes ont été envoyées. Patientez un instant, puis réessayez.",
    error_server: "Le service rencontre un problème en ce moment. Réessayez dans un instant.",
    error_status: "Le service a répondu par une erreur inattendue. Statut :",
    error_network: "Le service est injoignable. Vérifiez votre connexion, puis réessayez.",
    error_timeout: "Le service a mis trop de temps à répondre. Veuillez réessayer.",
    error_undecodable: "Le service a envoyé une réponse illisible.",
    error_server_said: "Précisions du service :",
    // --- the form ---
    save: "Enregistrer",
    saving: "Enregistrement de vos modifications…",
    saved: "Vos modifications ont été enregistrées.",
    discard: "Annuler les modifications",
    review_changes: "Vérifier les modifications",
    review_title: "Modifications à enregistrer",
    no_changes: "Aucune modification en attente",
    one_change: "1 modification en attente",
    many_changes: "{n} modifications en attente",
    changed_mark: "(modifié)",
    empty_value: "(vide)",
    not_set: "Non renseigné",
    add_phone: "Ajouter un téléphone",
    remove: "Supprimer",
    remove_phone: "Supprimer le téléphone {n}",
    move_up: "Monter",
    move_down: "Descendre",
    move_phone_up: "Monter le téléphone {n}",
    move_phone_down: "Descendre le téléphone {n}",
    phone_n: "Téléphone {n}",
    phone_number: "Numéro",
    phone_type_label: "Type de téléphone",
    summary_title: "Veuillez corriger les points suivants avant d’enregistrer",
    address_unknown_title: "Nous n’avons pas pu vérifier cette adresse",
    address_unknown_text: "Le code postal et la ville ne correspondent à aucune adresse connue dans ce pays. Vérifiez-les, ou conservez l’adresse telle que vous l’avez saisie.",
    keep_address: "Conserver cette adresse quand même",
    edit_address: "Modifier l’adresse",
    save_failed_title: "Vos modifications n’ont pas été enregistrées",
    save_forbidden: "Vous n’êtes pas autorisé à modifier ce profil.",
    save_not_found: "Ce profil n’existe plus : vos modifications n’ont pas pu être enregistrées.",
    edits_kept: "Vos saisies sont toujours dans le formulaire.",
    saved_reload_failed: "Vos modifications ont été enregistrées, mais le profil à jour n’a pas pu être chargé.",
    taken_from_server: "Mis à jour avec des modifications enregistrées ailleurs :",
    conflict_title: "Ce profil a aussi été modifié ailleurs",
    conflict_text: "Pendant votre saisie, ces champs ont été modifiés et enregistrés ailleurs. Choisissez la valeur à garder pour chacun : rien n’est enregistré avant votre choix.",
    conflict_original: "Avant",
    conflict_theirs: "Enregistré ailleurs",
    conflict_mine: "Votre saisie",
    keep_theirs: "Garder la valeur enregistrée",
    keep_mine: "Garder votre saisie",
    conflicts_resolved: "Vos choix sont dans le formulaire. Enregistrez pour les envoyer.",
    offline: "Vous êtes hors ligne.",
    offline_waiting: "Vous êtes hors ligne : vos modifications seront enregistrées au retour de la connexion.",
    crash_title: "Une erreur s’est produite",
    crash_text: "Vos saisies sont toujours dans le formulaire, mais cette page ne peut plus les enregistrer. Copiez ce dont vous avez besoin, puis rechargez la page.",
    reload: "Recharger",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_translated_in_every_language() {
        for lang in [Lang::En, Lang::Fr] {
            for (key, text) in lang.words().entries() {
                assert!(!text.trim().is_empty(), "{lang:?} has an empty `{key}`");
            }
        }
        assert_eq!(EN.entries().len(), FR.entries().len());
    }

    #[test]
    fn french_is_not_a_copy_of_english() {
        let same: Vec<_> = EN
            .entries()
            .into_iter()
            .zip(FR.entries())
            .filter(|((_, en), (_, fr))| en == fr)
            .map(|((key, _), _)| key)
            .collect();
        // Words that are spelt the same in both languages.
        assert_eq!(same, ["phone_mobile", "phone_fax", "points"]);
    }

    #[test]
    fn the_configured_locale_wins_when_it_can_be_sent() {
        let fr = Locale::negotiate(Some(" fr-CA "), Some("en-US"));
        assert_eq!((fr.lang, fr.accept_language.as_str()), (Lang::Fr, "fr-CA"));
        // Not header-safe (a space, a comma list, a CR): the browser's is used.
        for bad in [
            "fr CA",
            "fr,en",
            "fr\r\nx: y",
            "",
            "a-very-long-tag-that-is-not-a-real-one-x",
        ] {
            let l = Locale::negotiate(Some(bad), Some("fr-BE"));
            assert_eq!(l.accept_language, "fr-BE", "{bad:?}");
        }
        assert_eq!(Locale::negotiate(None, None).accept_language, "en");
        assert_eq!(Locale::negotiate(None, Some("de_DE")).accept_language, "en");
        assert_eq!(Locale::negotiate(None, Some("de-DE")).lang, Lang::En);
    }

    #[test]
    fn numbered_texts_get_their_number() {
        assert_eq!(numbered(EN.remove_phone, 2), "Remove phone 2");
        assert_eq!(numbered(FR.many_changes, 3), "3 modifications en attente");
    }

    #[test]
    fn picks_language_from_tag() {
        assert_eq!(Lang::from_tag("fr-FR"), Lang::Fr);
        assert_eq!(Lang::from_tag("FR_ca"), Lang::Fr);
        assert_eq!(Lang::from_tag("fr"), Lang::Fr);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("de-DE"), Lang::En);
        assert_eq!(Lang::from_tag("fry"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn phone_types_have_labels_and_unknown_ones_do_not() {
        assert_eq!(FR.phone_type("HOME"), Some("Domicile"));
        assert_eq!(EN.phone_type("WORK"), Some("Work"));
        assert_eq!(EN.phone_type("SATELLITE"), None);
    }
}
