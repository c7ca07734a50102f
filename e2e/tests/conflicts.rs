//! Lost-update protection: the sandbox changes the stored profile between load and save (as
//! another tab or a call-centre agent would), and the form merges three ways before its
//! PATCH — a change made only elsewhere is taken, the same change on both sides is no
//! conflict, and different changes wait for the customer's choice, field by field.

use e2e::{Harness, Setup};
use sandbox::seed;
use serde_json::{json, Value};

const SAVED: &str = "Your changes have been saved.";
const RESOLVED: &str = "Your choices are in the form. Save to send them.";

async fn loaded(name: &str) -> Harness {
    let h = Harness::start(name, Setup::example()).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    h
}

/// Changes the stored profile behind the form's back.
async fn change_elsewhere(h: &Harness, change: impl FnOnce(&mut Value)) {
    let mut profile = h.stored(seed::EXAMPLE).await;
    change(&mut profile);
    let path = format!("/__sandbox/customers/{}", seed::EXAMPLE);
    let (status, body) = h.hook("PUT", &path, &profile).await;
    assert!(
        (200..300).contains(&status),
        "PUT customer: {status} {body}"
    );
}

async fn bodies(h: &Harness) -> Vec<Value> {
    h.patches()
        .await
        .into_iter()
        .map(|(_, body)| body)
        .collect()
}

#[tokio::test]
async fn a_change_made_elsewhere_is_taken_and_only_the_customers_is_sent() {
    let h = loaded("merge-taken").await;
    h.fill("first_name", "Thomas").await;
    change_elsewhere(&h, |p| {
        p["address"]["city"] = json!("Lyon");
        // A locale the app offers no option for: the select must still show it.
        p["locale"] = json!("tlh-Latn");
    })
    .await;
    h.click("Save").await;
    h.wait_status(SAVED).await;
    assert_eq!(bodies(&h).await, vec![json!({"first_name": "Thomas"})]);
    assert_eq!(h.value("address.city").await, "Lyon", "taken into the form");
    assert_eq!(
        h.value("locale").await,
        "tlh-Latn",
        "shown though not offered"
    );
    assert!(h
        .text(".cp-taken")
        .await
        .starts_with("Updated with changes saved elsewhere: City"));
    let stored = h.stored(seed::EXAMPLE).await;
    assert_eq!(stored["first_name"], "Thomas");
    assert_eq!(stored["address"]["city"], "Lyon", "not overwritten");
    assert_eq!(stored["locale"], "tlh-Latn");
    assert_eq!(h.text(".cp-change-count").await, "No unsaved changes");
    h.close().await;
}

#[tokio::test]
async fn the_same_change_on_both_sides_sends_nothing() {
    let h = loaded("merge-same").await;
    h.fill("email", "tom.smith@example.com").await;
    change_elsewhere(&h, |p| p["email"] = json!("tom.smith@example.com")).await;
    h.click("Save").await;
    h.wait_status(SAVED).await;
    assert!(bodies(&h).await.is_empty(), "the profile already says so");
    assert_eq!(h.text(".cp-change-count").await, "No unsaved changes");
    h.close().await;
}

#[tokio::test]
async fn a_conflict_waits_for_the_customer_and_keeping_theirs_sends_nothing() {
    let h = loaded("merge-keep-theirs").await;
    h.fill("last_name", "Smithe").await;
    change_elsewhere(&h, |p| p["last_name"] = json!("Smyth")).await;
    h.click("Save").await;
    h.wait_for("[data-problem=conflict]").await;
    h.wait_focus("[data-problem=conflict]").await;
    let values = h
        .js("return [...document.querySelectorAll('[data-problem=conflict] li[data-path=last_name] dd')]
                 .map((dd) => dd.textContent);")
        .await;
    assert_eq!(
        values,
        json!(["Smith", "Smyth", "Smithe"]),
        "before, saved elsewhere, yours"
    );
    h.audit("conflict", None).await;
    // Save again without choosing: still nothing is sent.
    h.click("Save").await;
    h.wait_focus("[data-problem=conflict]").await;
    assert!(bodies(&h).await.is_empty());
    assert_eq!(
        h.value("last_name").await,
        "Smithe",
        "the edit is kept meanwhile"
    );

    h.click("Last name: Keep the saved value").await;
    h.wait_status(RESOLVED).await;
    h.wait_focus("[role=status]").await;
    assert_eq!(h.count("[data-problem=conflict]").await, 0);
    assert_eq!(h.value("last_name").await, "Smyth");
    assert!(!h.enabled("Save").await, "nothing left to send");
    assert!(bodies(&h).await.is_empty());
    assert_eq!(h.stored(seed::EXAMPLE).await["last_name"], "Smyth");
    h.close().await;
}

#[tokio::test]
async fn keeping_mine_sends_mine_with_the_other_edits_and_takes_the_rest() {
    let h = loaded("merge-keep-mine").await;
    h.fill("last_name", "Smithe").await;
    h.fill("email", "tom.smith@example.com").await;
    change_elsewhere(&h, |p| {
        p["last_name"] = json!("Smyth");
        p["birth_city"] = json!("Lyon");
    })
    .await;
    h.click("Save").await;
    h.wait_for("[data-problem=conflict]").await;
    assert_eq!(h.value("birth_city").await, "Lyon", "taken at once");
    assert_eq!(
        h.count("[data-problem=conflict] li").await,
        1,
        "one conflict"
    );
    h.click("Last name: Keep yours").await;
    h.wait_status(RESOLVED).await;
    assert_eq!(h.value("last_name").await, "Smithe");
    h.click("Save").await;
    h.wait_status(SAVED).await;
    assert_eq!(
        bodies(&h).await,
        vec![json!({"last_name": "Smithe", "email": "tom.smith@example.com"})]
    );
    let stored = h.stored(seed::EXAMPLE).await;
    assert_eq!(stored["last_name"], "Smithe");
    assert_eq!(stored["birth_city"], "Lyon");
    h.close().await;
}

/// An address the API does not know, kept anyway by the customer; meanwhile the first name
/// was changed elsewhere, differently: a conflict stops that forced save.
async fn kept_address_stopped_by_a_conflict(name: &str) -> Harness {
    let h = loaded(name).await;
    h.fill("address.street", "Cours Mirabeau").await;
    h.fill("first_name", "Thomas").await;
    h.click("Save").await;
    h.wait_for("[data-problem=address-unknown]").await;
    change_elsewhere(&h, |p| p["first_name"] = json!("Tommy")).await;
    h.click("Keep this address anyway").await;
    h.wait_for("[data-problem=conflict]").await;
    h
}

#[tokio::test]
async fn keeping_an_unknown_address_holds_through_a_conflict() {
    let h = kept_address_stopped_by_a_conflict("merge-forced").await;
    // Save before choosing: nothing is sent, and the kept address is not forgotten.
    let sent = h.patches().await.len();
    h.click("Save").await;
    h.wait_focus("[data-problem=conflict]").await;
    assert_eq!(h.patches().await.len(), sent);
    h.click("First name: Keep yours").await;
    h.wait_status(RESOLVED).await;
    // The save after the resolution still keeps the address: no second refusal.
    h.click("Save").await;
    h.wait_status(SAVED).await;
    let patches = h.patches().await;
    let last = patches.last().expect("a PATCH");
    assert_eq!(last.0, "force_address=true");
    assert_eq!(
        last.1,
        json!({"first_name": "Thomas", "address": {"street": "Cours Mirabeau"}})
    );
    let stored = h.stored(seed::EXAMPLE).await;
    assert_eq!(stored["address"]["street"], "Cours Mirabeau");
    assert_eq!(stored["first_name"], "Thomas");
    h.close().await;
}

#[tokio::test]
async fn phones_kept_from_elsewhere_stay_editable() {
    let h = loaded("merge-phones").await;
    h.fill("phones.0.number", "0622222222").await;
    change_elsewhere(&h, |p| {
        p["phones"] = json!([{"number": "0611111111", "type": "HOME"}]);
    })
    .await;
    h.click("Save").await;
    h.wait_for("[data-problem=conflict]").await;
    h.click("Phones: Keep the saved value").await;
    h.wait_status(RESOLVED).await;
    assert_eq!(h.value("phones.0.number").await, "0611111111");
    // The rows came from the conflict panel, which is gone now: they must still work.
    h.fill("phones.0.number", "0633333333").await;
    h.fill("first_name", "Thomas").await;
    h.click("Save").await;
    h.wait_status(SAVED).await;
    assert_eq!(h.count("[data-problem=panic]").await, 0);
    assert_eq!(
        bodies(&h).await.last(),
        Some(&json!({"first_name": "Thomas",
                     "phones": [{"number": "0633333333", "type": "HOME"}]}))
    );
    h.close().await;
}

#[tokio::test]
async fn another_address_after_keeping_one_is_checked_again() {
    let h = kept_address_stopped_by_a_conflict("merge-forced-other").await;
    // The customer changes the address while the conflict is open: that one is not kept.
    h.fill("address.street", "Rue Espariat").await;
    h.click("First name: Keep yours").await;
    h.wait_status(RESOLVED).await;
    h.click("Save").await;
    h.wait_for("[data-problem=address-unknown]").await;
    let patches = h.patches().await;
    let last = patches.last().expect("a PATCH");
    assert_eq!(last.0, "force_address=false", "asked again");
    assert_eq!(last.1["address"], json!({"street": "Rue Espariat"}));
    h.close().await;
}
