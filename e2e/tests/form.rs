//! Editing and saving in headless Chromium: the exact PATCH bodies of the contract's worked
//! examples, validation, the address check, failures with Retry — and the customer's edits
//! kept through every one of them. Controls are found by `name`, buttons by accessible name.

use e2e::{Harness, Setup};
use sandbox::seed;
use serde_json::json;

const SAVED: &str = "Your changes have been saved.";

async fn loaded(name: &str, setup: Setup) -> Harness {
    let h = Harness::start(name, setup).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    h
}

/// Saves and waits for the success message.
async fn save(h: &Harness) {
    h.click("Save").await;
    h.wait_status(SAVED).await;
}

#[tokio::test]
async fn worked_examples_send_exactly_the_contracts_bodies() {
    let h = loaded("form-examples", Setup::example()).await;
    assert!(!h.enabled("Save").await, "nothing to save yet");

    h.fill("email", "tom.smith@example.com").await;
    assert_eq!(h.text(".cp-change-count").await, "1 unsaved change");
    save(&h).await;
    h.wait_focus("[role=status]").await;

    h.fill("third_name", "").await;
    save(&h).await;

    h.fill("address.city", "Paris").await;
    save(&h).await;

    h.click("Add phone").await;
    h.wait_focus("[name='phones.1.number']").await;
    h.fill("phones.1.number", "0145678900").await;
    h.choose("phones.1.type", "WORK").await;
    save(&h).await;

    h.choose("locale", "en-GB").await;
    h.fill("last_name", "Smyth").await;
    save(&h).await;

    let bodies: Vec<_> = h
        .patches()
        .await
        .into_iter()
        .map(|(_, body)| body)
        .collect();
    assert_eq!(
        bodies,
        vec![
            json!({"email": "tom.smith@example.com"}),
            json!({"third_name": null}),
            json!({"address": {"city": "Paris"}}),
            json!({"phones": [
                {"number": "0623456789", "type": "MOBILE"},
                {"number": "0145678900", "type": "WORK"}
            ]}),
            json!({"last_name": "Smyth", "locale": "en-GB"}),
        ]
    );
    // After each save the form shows the profile read back: nothing is dirty.
    assert_eq!(h.text(".cp-change-count").await, "No unsaved changes");
    assert_eq!(h.value("phones.1.type").await, "WORK");
    let stored = h.stored(seed::EXAMPLE).await;
    assert_eq!(stored["last_name"], "Smyth");
    assert_eq!(stored["third_name"], serde_json::Value::Null);
    h.screenshot("form-saved").await;

    // Removing the phones one by one ends with phones: null.
    h.click("Remove phone 2").await;
    h.wait_focus("[name='phones.0.number']").await;
    h.click("Remove phone 1").await;
    save(&h).await;
    let (_, last) = h.patches().await.pop().expect("a PATCH");
    assert_eq!(last, json!({"phones": null}));
    h.close().await;
}

#[tokio::test]
async fn unchanged_after_trim_sends_nothing() {
    let h = loaded("form-trim", Setup::example()).await;
    h.fill("first_name", "  Tom  ").await;
    assert_eq!(h.text(".cp-change-count").await, "No unsaved changes");
    assert!(!h.enabled("Save").await);
    h.fill("first_name", "Tommy").await;
    assert!(h.enabled("Save").await);
    assert_eq!(
        h.count(".cp-field.cp-dirty").await,
        1,
        "the changed field is marked"
    );
    h.click("Review changes").await;
    assert_eq!(h.text(".cp-review li").await, "First name: Tom → Tommy");
    h.click("Discard changes").await;
    assert_eq!(h.value("first_name").await, "Tom");
    assert!(h.patches().await.is_empty(), "no request was sent");
    h.close().await;
}

#[tokio::test]
async fn phones_reorder_and_unknown_types_are_kept() {
    let h = loaded("form-phones", Setup::customer(seed::EXTRAS)).await;
    let stored = h.stored(seed::EXTRAS).await;
    let phones = stored["phones"].as_array().expect("seed phones").clone();
    assert!(phones.len() >= 2, "the seed has several phones");

    // Another field changes: the phones (with SATELLITE) are not sent.
    h.fill("birth_city", "Marseille").await;
    save(&h).await;
    let (_, body) = h.patches().await.pop().expect("a PATCH");
    assert_eq!(body, json!({"birth_city": "Marseille"}));

    // Moving phone 2 up sends the whole list, reordered, unknown type untouched.
    h.click("Move phone 2 up").await;
    save(&h).await;
    let (_, body) = h.patches().await.pop().expect("a PATCH");
    let mut expected = phones.clone();
    expected.swap(0, 1);
    let expected: Vec<_> = expected
        .iter()
        .map(|p| json!({"number": p["number"], "type": p["type"]}))
        .collect();
    assert_eq!(body, json!({ "phones": expected }));

    // Changed by mistake, then the list changes (its rows are rendered anew): the unknown
    // type is still offered, and choosing it again leaves nothing to send.
    let at = expected
        .iter()
        .position(|p| p["type"] == "SATELLITE")
        .expect("the seed has a SATELLITE phone");
    let select = format!("phones.{at}.type");
    h.choose(&select, "MOBILE").await;
    // (A script click: at this scroll position the sticky action bar covers the button.)
    h.js("document.getElementById('cp1-phones-add').click(); return true;")
        .await;
    h.wait_for(&format!("[name='phones.{}.number']", expected.len()))
        .await;
    h.choose(&select, "SATELLITE").await;
    let last = format!("Remove phone {}", expected.len() + 1);
    h.js(&format!(
        "document.querySelector('[aria-label=\"{last}\"]').click(); return true;"
    ))
    .await;
    assert!(!h.enabled("Save").await, "back to the stored list");

    // Changed on purpose and saved: the stored type is now MOBILE, and SATELLITE is no
    // longer offered (the rows are made anew from what was read back).
    h.choose(&select, "MOBILE").await;
    save(&h).await;
    let options = h
        .js(&format!(
            "return [...document.querySelector('[name=\"{select}\"]').options].map((o) => o.value);"
        ))
        .await;
    assert!(
        !options.to_string().contains("SATELLITE"),
        "not offered after the save: {options}"
    );
    h.close().await;
}

#[tokio::test]
async fn invalid_input_is_explained_and_not_sent() {
    let h = loaded("form-validation", Setup::example()).await;
    h.fill("email", "tom-at-example").await;
    h.leave("email").await;
    // (The message element is always there, hidden while there is no message.)
    let error = h.text("#cp1-email-error:not([hidden])").await;
    assert!(!error.is_empty(), "an inline message on blur");
    let email = h.wait_for("[name=email]").await;
    assert_eq!(
        email.attr("aria-invalid").await.expect("attr").as_deref(),
        Some("true")
    );
    assert_eq!(
        email
            .attr("aria-describedby")
            .await
            .expect("attr")
            .as_deref(),
        Some("cp1-email-error")
    );
    h.fill("phones.0.number", "06 12 ab").await;
    h.fill("last_name", "").await;
    h.click("Save").await;
    h.wait_for(".cp-error-summary").await;
    h.wait_focus(".cp-error-summary").await;
    assert_eq!(h.count(".cp-error-summary li").await, 3);
    h.screenshot("form-invalid").await;
    assert!(h.patches().await.is_empty(), "an invalid form is not sent");
    // The edits are untouched.
    assert_eq!(h.value("email").await, "tom-at-example");
    assert_eq!(h.value("phones.0.number").await, "06 12 ab");
    // Fixing them makes the messages go, and the save goes through.
    h.fill("email", "tom@example.org").await;
    h.fill("phones.0.number", "06 12 34 56 78").await;
    h.fill("last_name", "Smith").await;
    assert_eq!(h.count(".cp-field-error:not([hidden])").await, 0);
    save(&h).await;
    let (_, body) = h.patches().await.pop().expect("a PATCH");
    assert_eq!(
        body,
        json!({"email": "tom@example.org",
               "phones": [{"number": "06 12 34 56 78", "type": "MOBILE"}]})
    );
    h.close().await;
}

#[tokio::test]
async fn unknown_address_can_be_kept_anyway() {
    let h = loaded("form-address", Setup::example()).await;
    h.fill("address.street", "Cours Mirabeau").await;
    h.click("Save").await;
    h.wait_for("[data-problem=address-unknown]").await;
    h.wait_focus("[data-problem=address-unknown]").await;
    h.screenshot("form-address-unknown").await;
    assert_eq!(
        h.value("address.street").await,
        "Cours Mirabeau",
        "edit kept"
    );
    h.click("Edit address").await;
    h.wait_focus("[name='address.street']").await;
    h.click("Save").await;
    h.click("Keep this address anyway").await;
    h.wait_status(SAVED).await;
    let patches = h.patches().await;
    let queries: Vec<_> = patches.iter().map(|(q, _)| q.as_str()).collect();
    assert_eq!(
        queries,
        [
            "force_address=false",
            "force_address=false",
            "force_address=true"
        ]
    );
    assert!(patches
        .iter()
        .all(|(_, b)| *b == json!({"address": {"street": "Cours Mirabeau"}})));
    assert_eq!(
        h.stored(seed::EXAMPLE).await["address"]["street"],
        "Cours Mirabeau"
    );
    h.close().await;
}

#[tokio::test]
async fn failures_keep_the_edits_and_retry_works() {
    let h = loaded("form-failures", Setup::example()).await;
    h.fill("first_name", "Thomas").await;
    let cases = [
        (
            500,
            "The service is having trouble right now. Please retry in a moment.",
        ),
        (
            429,
            "Too many requests were sent. Please wait a moment, then retry.",
        ),
        (401, "Your session has expired. Please sign in again."),
        (403, "You are not allowed to change this profile."),
        (
            404,
            "This profile no longer exists, so your changes could not be saved.",
        ),
        (413, "The request was too large for the service."),
    ];
    for (status, message) in cases {
        h.fault("patch_profile", status, 1, None).await;
        h.click(if status == 500 { "Save" } else { "Retry" }).await;
        let panel = h.wait_for(&format!("[data-status='{status}']")).await;
        assert!(
            panel.text().await.expect("text").contains(message),
            "status {status}"
        );
        assert_eq!(
            h.value("first_name").await,
            "Thomas",
            "edit kept after {status}"
        );
    }
    h.screenshot("form-save-failed").await;
    h.click("Retry").await;
    h.wait_status(SAVED).await;
    assert_eq!(h.stored(seed::EXAMPLE).await["first_name"], "Thomas");
    h.close().await;
}

#[tokio::test]
async fn server_field_errors_show_next_to_their_field() {
    let h = loaded("form-server-errors", Setup::example()).await;
    h.fill("email", "tom@example.net").await;
    let problem = json!({
        "type": "about:blank", "title": "Invalid", "status": 400,
        "errors": [{"field": "email", "code": "INVALID_EMAIL", "message": "This address is refused."}]
    });
    h.fault("patch_profile", 400, 1, Some(&problem.to_string()))
        .await;
    h.click("Save").await;
    h.wait_focus(".cp-error-summary").await;
    assert_eq!(
        h.text("#cp1-email-error:not([hidden])").await,
        "This address is refused."
    );
    assert_eq!(h.value("email").await, "tom@example.net");
    h.close().await;
}

#[tokio::test]
async fn leaving_with_unsaved_changes_asks_first() {
    let h = loaded("form-unload", Setup::example()).await;
    let script = "const e = new Event('beforeunload', {cancelable: true});
                  window.dispatchEvent(e); return e.defaultPrevented;";
    let prevented = h.client.execute(script, vec![]).await.expect("script");
    assert_eq!(prevented, json!(false), "clean form: no prompt");
    h.fill("first_name", "Tim").await;
    let prevented = h.client.execute(script, vec![]).await.expect("script");
    assert_eq!(prevented, json!(true), "dirty form: the browser asks");
    h.close().await;
}

#[tokio::test]
async fn saved_but_not_read_back_offers_reload() {
    let h = loaded("form-reload", Setup::example()).await;
    h.fill("first_name", "Thomas").await;
    // The read after the PATCH fails, not the check before it: the PATCH is slowed down,
    // and the fault is set once the check's GET has been answered.
    let slow = json!({"route": "patch_profile", "delay_ms": 1000, "count": 1});
    let (code, text) = h.hook("POST", "/__sandbox/faults", &slow).await;
    assert!((200..300).contains(&code), "{text}");
    let gets = || async { h.recorded_gets().await.len() };
    let before = gets().await;
    h.click("Save").await;
    for _ in 0..100 {
        if gets().await > before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // (Recorded on arrival: leave it time to be answered; the PATCH waits a second.)
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    h.fault("get_profile", 503, 1, None).await;
    h.wait_for("[data-problem=reload-failed]").await;
    h.wait_focus("[data-problem=reload-failed]").await;
    assert_eq!(
        h.stored(seed::EXAMPLE).await["first_name"],
        "Thomas",
        "the save went through"
    );
    assert_eq!(h.value("first_name").await, "Thomas");
    h.click("Reload").await;
    h.wait_for_locator(
        fantoccini::Locator::XPath(
            "//*[@class='cp-change-count' and normalize-space(.)='No unsaved changes']",
        ),
        "a clean form after Reload",
    )
    .await;
    assert_eq!(h.value("first_name").await, "Thomas");
    assert_eq!(h.patches().await.len(), 1);
    h.close().await;
}

#[tokio::test]
async fn one_patch_per_save_whatever_the_clicking() {
    let h = loaded("form-one-patch", Setup::example()).await;
    h.fill("first_name", "Thomas").await;
    let slow = json!({"route": "patch_profile", "delay_ms": 1500, "count": 1});
    let (code, text) = h.hook("POST", "/__sandbox/faults", &slow).await;
    assert!((200..300).contains(&code), "{text}");
    let save_button = h.button("Save").await;
    save_button.click().await.expect("click");
    assert!(
        !h.enabled("Save").await,
        "Save is disabled while the save is under way"
    );
    // More clicks and an Enter in a field while the first save is in flight.
    let _ = save_button.click().await;
    let _ = save_button.click().await;
    let field = h.wait_for("[name=first_name]").await;
    field.send_keys("\u{E007}").await.expect("Enter");
    h.wait_status(SAVED).await;
    assert_eq!(
        h.patches().await,
        vec![(
            "force_address=false".to_owned(),
            json!({"first_name": "Thomas"})
        )]
    );
    h.close().await;
}

#[tokio::test]
async fn network_loss_during_a_save_keeps_the_edits() {
    let mut h = loaded("form-network", Setup::example()).await;
    h.fill("email", "tom@example.org").await;
    h.stop_sandbox().await;
    h.click("Save").await;
    let panel = h.wait_for("[data-problem=network]").await;
    let text = panel.text().await.expect("text");
    assert!(text.contains("The service could not be reached."), "{text}");
    assert!(text.contains("Your edits are still in the form."), "{text}");
    h.screenshot("form-save-network").await;
    assert_eq!(h.value("email").await, "tom@example.org");
    h.restart_sandbox().await;
    h.click("Retry").await;
    h.wait_status(SAVED).await;
    assert_eq!(h.stored(seed::EXAMPLE).await["email"], "tom@example.org");
    h.close().await;
}

#[tokio::test]
async fn a_dropped_connection_during_a_patch_is_retried_once_then_offered() {
    let h = loaded("form-dropped", Setup::example()).await;
    // (Chromium itself may send a request again when a reused connection drops before any
    // answer: PATCH counts are "at least", and the app's own retry is checked by its result.)
    let drop = |count: Option<u32>| json!({"route": "patch_profile", "drop": true, "count": count});
    // Dropped once: sent again, and saved — the customer sees no failure.
    h.fill("first_name", "Thomas").await;
    h.hook("POST", "/__sandbox/faults", &drop(Some(1))).await;
    h.click("Save").await;
    h.wait_status(SAVED).await;
    let bodies: Vec<_> = h.patches().await.into_iter().map(|(_, b)| b).collect();
    assert!(bodies.len() >= 2, "{bodies:?}");
    assert!(
        bodies.iter().all(|b| *b == json!({"first_name": "Thomas"})),
        "the same PATCH"
    );
    assert_eq!(h.stored(seed::EXAMPLE).await["first_name"], "Thomas");

    // Made, then the answer lost: the same PATCH again changes nothing more (a merge is
    // idempotent), and the customer sees it saved.
    h.fill("second_name", "Jim").await;
    let applied = json!({"route": "patch_profile", "drop": true, "applied": true, "count": 1});
    h.hook("POST", "/__sandbox/faults", &applied).await;
    h.click("Save").await;
    h.wait_status(SAVED).await;
    let bodies: Vec<_> = h.patches().await.into_iter().map(|(_, b)| b).collect();
    assert_eq!(
        bodies[bodies.len().saturating_sub(2)..],
        [json!({"second_name": "Jim"}), json!({"second_name": "Jim"})],
        "the same PATCH twice"
    );
    assert_eq!(h.stored(seed::EXAMPLE).await["second_name"], "Jim");
    assert_eq!(h.value("second_name").await, "Jim");

    // Every connection dropped: after its one retry the app offers Retry, edits kept.
    h.fill("last_name", "Smythe").await;
    let before = h.patches().await.len();
    h.hook("POST", "/__sandbox/faults", &drop(None)).await;
    h.click("Save").await;
    h.wait_for("[data-problem=network]").await;
    assert!(
        h.patches().await.len() - before >= 2,
        "sent, then sent again"
    );
    assert_eq!(h.value("last_name").await, "Smythe");
    h.hook("DELETE", "/__sandbox/faults", &json!(null)).await;
    h.click("Retry").await;
    h.wait_status(SAVED).await;
    assert_eq!(h.stored(seed::EXAMPLE).await["last_name"], "Smythe");
    h.close().await;
}

#[tokio::test]
async fn offline_is_announced_and_a_save_waits_for_the_connection() {
    let h = loaded("form-offline", Setup::example()).await;
    let network = |offline: bool| json!({"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1});
    h.fill("first_name", "Thomas").await;
    h.devtools("Network.emulateNetworkConditions", network(true))
        .await;
    h.wait_status("You are offline.").await;
    h.click("Save").await;
    h.wait_status("You are offline: your changes will be saved when the connection is back.")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(h.patches().await.is_empty(), "nothing sent while offline");
    assert_eq!(h.value("first_name").await, "Thomas");
    h.devtools("Network.emulateNetworkConditions", network(false))
        .await;
    h.wait_status(SAVED).await;
    assert_eq!(h.stored(seed::EXAMPLE).await["first_name"], "Thomas");
    h.close().await;
}

#[tokio::test]
async fn edits_typed_while_a_save_travels_are_kept() {
    let h = loaded("form-typing-during-save", Setup::example()).await;
    h.fill("first_name", "Thomas").await;
    let slow = json!({"route": "patch_profile", "delay_ms": 1000, "count": 1});
    h.hook("POST", "/__sandbox/faults", &slow).await;
    h.click("Save").await;
    h.wait_status("Saving your changes…").await;
    h.fill("address.city", "Lyon").await;
    h.wait_status(SAVED).await;
    assert_eq!(
        h.value("address.city").await,
        "Lyon",
        "typed while saving: kept"
    );
    assert_eq!(h.value("first_name").await, "Thomas");
    assert_eq!(h.text(".cp-change-count").await, "1 unsaved change");
    let bodies: Vec<_> = h.patches().await.into_iter().map(|(_, b)| b).collect();
    assert_eq!(bodies, vec![json!({"first_name": "Thomas"})]);
    h.close().await;
}

#[tokio::test]
async fn a_save_without_an_answer_times_out() {
    let h = loaded("form-timeout", Setup::example()).await;
    h.fill("last_name", "Smythe").await;
    let stuck = json!({"route": "patch_profile", "delay_ms": 30000, "count": 1});
    h.hook("POST", "/__sandbox/faults", &stuck).await;
    h.click("Save").await;
    let panel = h
        .wait_within(
            fantoccini::Locator::Css("[data-problem=timeout]"),
            "the timeout message",
            std::time::Duration::from_secs(30),
        )
        .await;
    let text = panel.text().await.expect("text");
    assert!(text.contains("took too long"), "{text}");
    assert_eq!(h.value("last_name").await, "Smythe");
    h.click("Retry").await;
    h.wait_status(SAVED).await;
    h.close().await;
}
