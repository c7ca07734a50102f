//! A real edit and save with the keyboard only: Tab, Shift+Tab, Enter, Space and arrow keys.
//! Focus is visible at every stop and moves on purpose (new phone, error summary, status).

use e2e::{Harness, Setup};
use serde_json::json;

const TAB: &str = "\u{E004}";
const SHIFT: &str = "\u{E008}";
const RELEASE: &str = "\u{E000}";
const ENTER: &str = "\u{E007}";
const DOWN: &str = "\u{E015}";
const CTRL: &str = "\u{E009}";

/// Sends keys to whatever has focus.
async fn keys(h: &Harness, text: &str) {
    h.client
        .active_element()
        .await
        .expect("a focused element")
        .send_keys(text)
        .await
        .expect("keys");
}

/// What has focus: its name, or its accessible label, or its text.
async fn focused(h: &Harness) -> String {
    h.js("const e = document.activeElement;
          return e.getAttribute('name') || e.getAttribute('aria-label') || e.textContent.trim();")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Whether the focused element shows a focus indicator (an outline).
async fn focus_visible(h: &Harness) -> bool {
    h.js("const s = getComputedStyle(document.activeElement);
          return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;")
        .await
        .as_bool()
        .unwrap_or(false)
}

/// Presses Tab (or Shift+Tab) until `target` has focus, checking the focus is visible at
/// every stop.
async fn tab_to(h: &Harness, target: &str, backwards: bool) {
    for _ in 0..80 {
        if backwards {
            keys(h, &format!("{SHIFT}{TAB}{RELEASE}")).await;
        } else {
            keys(h, TAB).await;
        }
        let now = focused(h).await;
        assert!(focus_visible(h).await, "focus is not visible on `{now}`");
        if now == target {
            return;
        }
    }
    panic!("`{target}` never received focus");
}

#[tokio::test]
async fn edit_and_save_with_the_keyboard_only() {
    let h = Harness::start("keyboard", Setup::example()).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    h.js("document.body.focus(); return true;").await;

    // Email: select all and type.
    tab_to(&h, "email", false).await;
    keys(&h, &format!("{CTRL}a{RELEASE}tom.smith@example.com")).await;

    // Add a phone with Enter: focus lands on its number.
    tab_to(&h, "Add phone", false).await;
    keys(&h, ENTER).await;
    h.wait_focus("[name='phones.1.number']").await;
    keys(&h, "0145678900").await;
    // Its type with the arrow keys: MOBILE → HOME.
    keys(&h, TAB).await;
    assert_eq!(focused(&h).await, "phones.1.type");
    keys(&h, DOWN).await;
    assert_eq!(h.value("phones.1.type").await, "HOME");

    // Back up with Shift+Tab to the new number, then on to the country.
    tab_to(&h, "phones.1.number", true).await;
    tab_to(&h, "address.country_code", false).await;
    keys(&h, DOWN).await;
    let country = h.value("address.country_code").await;
    assert_ne!(country, "FR", "the arrow key changed the country");

    // An invalid value first: the refused save moves focus to the error summary.
    tab_to(&h, "email", true).await;
    keys(&h, &format!("{CTRL}a{RELEASE}tom-at-example")).await;
    keys(&h, ENTER).await; // implicit submission from a text field
    h.wait_focus(".cp-error-summary").await;
    // The summary's link takes focus back to the field.
    keys(&h, TAB).await;
    keys(&h, ENTER).await;
    h.wait_focus("[name=email]").await;
    keys(&h, &format!("{CTRL}a{RELEASE}tom.smith@example.com")).await;

    // Save with Space on the button; the unknown address is kept with Enter.
    tab_to(&h, "Save", false).await;
    keys(&h, " ").await;
    h.wait_focus("[data-problem=address-unknown]").await;
    keys(&h, TAB).await;
    assert_eq!(focused(&h).await, "Keep this address anyway");
    keys(&h, ENTER).await;
    h.wait_status("Your changes have been saved.").await;
    h.wait_focus("[role=status]").await;

    let (query, body) = h.patches().await.pop().expect("a PATCH");
    assert_eq!(query, "force_address=true");
    assert_eq!(
        body,
        json!({
            "email": "tom.smith@example.com",
            "phones": [
                {"number": "0623456789", "type": "MOBILE"},
                {"number": "0145678900", "type": "HOME"}
            ],
            "address": {"country_code": country}
        })
    );
    h.close().await;
}
