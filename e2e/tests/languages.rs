//! The seven languages (issue 15), as a customer meets them: the app opened in each (Save's
//! wording, `lang`, `accept-language`, axe with an inline error shown), in the language
//! negotiated from `navigator.languages` alone, a catalogue fetched only when needed, and a
//! portal overriding a documented key.

use e2e::{shadow, word, Harness, Setup};
use serde_json::json;

/// A JS expression: the text of the form's Save button.
const SAVE_TEXT: &str = "document.querySelector('form button[type=submit]')?.textContent.trim()";

/// The GETs of the profile the sandbox recorded, with their `accept-language`.
async fn profile_gets(h: &Harness) -> Vec<String> {
    h.recorded_gets()
        .await
        .iter()
        .filter(|r| r["path"].as_str().is_some_and(|p| p.contains("/profile")))
        .map(|r| {
            r["headers"]["accept-language"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect()
}

/// Opens the standalone app in `locale` and checks what a customer of that language sees.
async fn speaks(locale: &str) {
    let lang = &locale[..2];
    let h = Harness::start(&format!("lang-{locale}"), Setup::example().locale(locale)).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    assert_eq!(
        h.js(&format!("return {SAVE_TEXT};")).await,
        json!(word(lang, "save"))
    );
    assert_eq!(
        h.js("return [document.documentElement.lang, document.querySelector('.cp-app').lang];")
            .await,
        json!([lang, lang])
    );
    assert_eq!(
        profile_gets(&h).await,
        [locale],
        "accept-language of the GET"
    );
    // Only this language's catalogue was downloaded (none for English: it is built in).
    let fetched = h
        .js("return performance.getEntriesByType('resource')
                 .map(e => new URL(e.name).pathname).filter(p => p.startsWith('/i18n/'));")
        .await;
    let fetched: Vec<String> = serde_json::from_value(fetched).unwrap_or_default();
    if lang == "en" {
        assert!(fetched.is_empty(), "{fetched:?}");
    } else {
        assert_eq!(fetched.len(), 1, "{fetched:?}");
        assert!(
            fetched[0].starts_with(&format!("/i18n/{lang}-")),
            "{fetched:?}"
        );
    }
    // An inline error, in this language, passes axe.
    h.fill("email", "not-an-address").await;
    h.leave("email").await;
    h.wait_for("#cp1-email-error:not([hidden])").await;
    assert_eq!(
        h.text("#cp1-email-error").await,
        word(lang, "problem_invalid_email")
    );
    h.audit(&format!("inline error in {locale}"), None).await;
    h.close().await;
}

#[tokio::test]
async fn english() {
    speaks("en-GB").await;
}

#[tokio::test]
async fn french() {
    speaks("fr-FR").await;
}

#[tokio::test]
async fn german() {
    speaks("de-DE").await;
}

#[tokio::test]
async fn spanish() {
    speaks("es-ES").await;
}

#[tokio::test]
async fn italian() {
    speaks("it-IT").await;
}

#[tokio::test]
async fn dutch() {
    speaks("nl-BE").await;
}

#[tokio::test]
async fn portuguese() {
    speaks("pt-BR").await;
}

#[tokio::test]
async fn navigator_languages_alone_choose_the_first_supported_language() {
    let h = Harness::start("lang-navigator", Setup::example().locale("")).await;
    h.before_page_scripts(
        "Object.defineProperty(Navigator.prototype, 'languages',
             { get: () => ['sv-SE', 'de-DE', 'en'] });",
    )
    .await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    assert_eq!(
        h.js(&format!("return {SAVE_TEXT};")).await,
        json!(word("de", "save"))
    );
    assert_eq!(
        h.js("return document.querySelector('.cp-app').lang;").await,
        json!("de")
    );
    assert_eq!(profile_gets(&h).await, ["de-DE"]);
    h.close().await;
}

#[tokio::test]
async fn a_portal_overrides_a_documented_key_and_a_bad_override_is_refused() {
    let h = Harness::start("lang-override", Setup::example()).await;
    h.before_page_scripts(e2e::RECORDER).await;
    h.open_portal_loaded("the widget loaded").await;
    let save = format!(
        "{}.querySelector('form button[type=submit]').textContent.trim()",
        shadow("#profile")
    );
    // One key for every language, and another under French only.
    h.fill_in("#profile", "first_name", "Thomas").await;
    h.js("document.getElementById('profile').messages =
              { save: 'Save my details', fr: { save: 'Enregistrer mes coordonnées' }, sav: 'typo' };
          return true;")
        .await;
    h.wait_js(
        &format!("{save} === 'Save my details'"),
        "the English override",
    )
    .await;
    h.js("document.getElementById('profile').locale = 'fr-FR'; return true;")
        .await;
    h.wait_js(
        &format!("{save} === 'Enregistrer mes coordonnées'"),
        "the French override",
    )
    .await;
    assert_eq!(
        h.value_in("#profile", "first_name").await,
        "Thomas",
        "the draft stays"
    );
    // A text that drops {n} is refused, with a message naming it; nothing changes.
    h.js(
        "document.getElementById('profile').messages = { fr: { remove_phone: 'Supprimer' } };
          return true;",
    )
    .await;
    let console = h
        .js("return window.__seen.filter(([kind]) => kind.startsWith('console.'));")
        .await;
    let console = console.to_string();
    assert!(
        console.contains("remove_phone") && console.contains("{n}"),
        "the refusal names the key and the placeholder: {console}"
    );
    assert!(
        console.contains("sav") && console.contains("console.warn"),
        "the unknown key is warned about: {console}"
    );
    assert_eq!(
        h.js(&format!("return {save};")).await,
        json!("Enregistrer mes coordonnées"),
        "a refused override changes nothing"
    );
    h.close().await;
}
