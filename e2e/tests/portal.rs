//! The app embedded in the example portal (`examples/portal`, served under the strict CSP):
//! mount and events, token refresh, auth-required and recovery, two instances, unmount, no
//! CSP violation, and isolation from the portal's aggressive CSS.

use e2e::{shadow, Harness, Setup};
use sandbox::seed;
use serde_json::json;

async fn portal(name: &str) -> Harness {
    let h = Harness::start(name, Setup::example()).await;
    h.open_portal_loaded("the widget loaded").await;
    h
}

/// The portal's event log entries of one type.
async fn events(h: &Harness, kind: &str) -> Vec<serde_json::Value> {
    let script = format!("return portal.events.filter(e => e.type === 'customer-profile-{kind}');");
    h.js(&script).await.as_array().cloned().unwrap_or_default()
}

async fn no_csp_violations(h: &Harness) {
    assert_eq!(
        h.js("return portal.cspViolations;").await,
        json!([]),
        "CSP violations"
    );
}

#[tokio::test]
async fn mounts_and_reports_loaded_dirty_and_saved() {
    let h = portal("portal-events").await;
    assert_eq!(h.value_in("#profile", "first_name").await, "Tom");
    let requests = h.js("return portal.tokenRequests;").await;
    assert_eq!(
        requests,
        json!([{"forceRefresh": false}]),
        "asked once, then cached"
    );
    h.screenshot("portal-loaded").await;

    h.fill_in("#profile", "first_name", "Thomas").await;
    h.wait_js(
        "portal.events.some(e => e.type === 'customer-profile-dirty-change' && e.detail.dirty === true)",
        "dirty-change true",
    )
    .await;
    assert_eq!(
        h.js("return document.getElementById('profile').isDirty();")
            .await,
        json!(true)
    );

    h.press_in("#profile", "Save").await;
    h.wait_js(
        "portal.events.some(e => e.type === 'customer-profile-saved')",
        "the saved event",
    )
    .await;
    let saved = events(&h, "saved").await;
    assert_eq!(saved[0]["detail"], json!({"fields": ["first_name"]}));
    h.wait_js(
        "portal.events.some(e => e.type === 'customer-profile-dirty-change' && e.detail.dirty === false)",
        "dirty-change false after the save",
    )
    .await;
    assert_eq!(
        h.js("return document.getElementById('profile').isDirty();")
            .await,
        json!(false)
    );
    assert_eq!(h.stored(seed::EXAMPLE).await["first_name"], "Thomas");
    no_csp_violations(&h).await;
    h.close().await;
}

#[tokio::test]
async fn a_401_mid_save_refreshes_the_token_once_and_saves() {
    let h = portal("portal-refresh").await;
    h.fill_in("#profile", "last_name", "Smythe").await;
    h.fault("patch_profile", 401, 1, None).await;
    h.press_in("#profile", "Save").await;
    h.wait_js(
        "portal.events.some(e => e.type === 'customer-profile-saved')",
        "saved after the refresh",
    )
    .await;
    let requests = h
        .js("return portal.tokenRequests.map(r => r.forceRefresh);")
        .await;
    assert_eq!(requests, json!([false, true]));
    assert!(events(&h, "auth-required").await.is_empty());
    let patches = h.patches().await;
    assert_eq!(patches.len(), 2, "the refused PATCH and its one retry");
    assert!(patches
        .iter()
        .all(|(_, body)| *body == json!({"last_name": "Smythe"})));
    assert_eq!(h.stored(seed::EXAMPLE).await["last_name"], "Smythe");
    no_csp_violations(&h).await;
    h.close().await;
}

#[tokio::test]
async fn a_second_401_asks_the_portal_to_sign_in_then_the_save_goes_through() {
    let h = portal("portal-auth-required").await;
    h.fill_in("#profile", "email", "tom@example.org").await;
    // The session ends: the portal would now hand out an expired token.
    h.js("portal.expire(); return true;").await;
    h.fault("patch_profile", 401, 1, None).await;
    h.press_in("#profile", "Save").await;
    h.wait_js(
        "portal.events.some(e => e.type === 'customer-profile-auth-required')",
        "auth-required",
    )
    .await;
    let errors = events(&h, "error").await;
    assert_eq!(
        errors.last().expect("an error event")["detail"]["status"],
        401
    );
    assert_eq!(
        h.value_in("#profile", "email").await,
        "tom@example.org",
        "draft kept"
    );
    h.screenshot("portal-auth-required").await;

    // The portal signs the customer in again and asks the widget to carry on.
    h.js("portal.signIn(); document.getElementById('profile').reload(); return true;")
        .await;
    h.wait_js(
        "portal.events.some(e => e.type === 'customer-profile-saved')",
        "the pending save went through",
    )
    .await;
    assert_eq!(h.stored(seed::EXAMPLE).await["email"], "tom@example.org");
    no_csp_violations(&h).await;
    h.close().await;
}

#[tokio::test]
async fn two_instances_do_not_interfere_and_unmount_cleans_up() {
    let h = portal("portal-two").await;
    h.js("portal.mountSecond(); return true;").await;
    h.wait_js(
        "portal.events.filter(e => e.type === 'customer-profile-loaded').length === 2",
        "the second widget loaded",
    )
    .await;
    let second_name = h.value_in("#second", "first_name").await;
    let stored = h.stored(seed::EXTRAS).await;
    assert_eq!(
        second_name,
        stored["first_name"].as_str().unwrap_or_default()
    );

    h.fill_in("#profile", "first_name", "Thomas").await;
    h.wait_js(
        "document.getElementById('profile').isDirty()",
        "first dirty",
    )
    .await;
    assert_eq!(h.js("return portal.second.isDirty();").await, json!(false));
    assert_eq!(h.value_in("#second", "first_name").await, second_name);

    // Make the second dirty, then unmount it: no DOM and no beforeunload listener remain.
    h.fill_in("#second", "birth_city", "Nice").await;
    h.wait_js("portal.second.isDirty()", "second dirty").await;
    h.press_in("#profile", "Discard changes").await;
    h.wait_js(
        "!document.getElementById('profile').isDirty()",
        "first clean",
    )
    .await;
    // Unmounting blurs the focused field after the state is gone: no panic may follow.
    h.js("window.__errors = []; const ce = console.error; \
          console.error = (...a) => { __errors.push(a.join(' ')); ce(...a); }; \
          window.addEventListener('error', e => __errors.push(e.message)); return true;")
        .await;
    h.js("portal.unmountSecond(); return true;").await;
    assert_eq!(
        h.js("return window.__errors;").await,
        json!([]),
        "errors on unmount"
    );
    assert_eq!(
        h.js("return document.getElementById('second');").await,
        json!(null)
    );
    let prevented = h
        .js("const e = new Event('beforeunload', {cancelable: true});
             window.dispatchEvent(e); return e.defaultPrevented;")
        .await;
    assert_eq!(
        prevented,
        json!(false),
        "the unmounted editor's listener is gone"
    );

    // A second mount works again.
    h.js("portal.mountSecond(); return true;").await;
    h.wait_js(
        "portal.events.filter(e => e.type === 'customer-profile-loaded').length === 3",
        "mounted again",
    )
    .await;
    no_csp_violations(&h).await;
    h.close().await;
}

/// Computed styles of a few elements of the widget, as `[selector][property]`.
async fn computed(h: &Harness, root_expr: &str) -> serde_json::Value {
    let script = format!(
        "const root = {root_expr};
         const props = ['font-family', 'font-size', 'font-weight', 'color', 'letter-spacing',
                        'text-transform', 'display', 'box-sizing', 'margin-top', 'padding-top',
                        'border-top-width', 'border-top-style'];
         const out = {{}};
         for (const sel of ['h1', 'legend', 'label', 'input[name=first_name]', 'fieldset']) {{
           const el = root.querySelector(sel);
           const style = getComputedStyle(el);
           out[sel] = Object.fromEntries(props.map(p => [p, style.getPropertyValue(p)]));
         }}
         return out;"
    );
    h.js(&script).await
}

#[tokio::test]
async fn the_portals_css_does_not_change_the_widget() {
    let h = portal("portal-css").await;
    let embedded = computed(&h, &shadow("#profile")).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    let standalone = computed(&h, "document").await;
    assert_eq!(embedded, standalone);
    h.close().await;
}

#[tokio::test]
async fn bad_options_are_refused_at_once_with_the_option_named() {
    let h = portal("portal-options").await;
    let script = "const done = arguments[arguments.length - 1];
        import('/customer-profile.js').then(m => {
          const tries = [
            {customerId: '1', apiKey: 'k'},
            {customerId: '', apiKey: 'k', getToken: () => 't'},
            {customerId: '1', getToken: () => 't'},
          ];
          done(tries.map(o => {
            try { m.mount(document.createElement('div'), o); return 'mounted'; }
            catch (e) { return e.message; }
          }));
        });";
    let messages = h
        .client
        .execute_async(script, vec![])
        .await
        .expect("script");
    let messages: Vec<String> = serde_json::from_value(messages).expect("strings");
    assert!(
        messages[0].contains("`getToken` must be a function"),
        "{messages:?}"
    );
    assert!(
        messages[1].contains("`customerId` is required"),
        "{messages:?}"
    );
    assert!(messages[2].contains("`apiKey` is required"), "{messages:?}");
    no_csp_violations(&h).await;
    h.close().await;
}

#[tokio::test]
async fn options_the_editor_refuses_reject_mounted_and_leave_a_message_not_a_skeleton() {
    let h = portal("portal-refused").await;
    let script = "const done = arguments[arguments.length - 1];
        import('/customer-profile.js').then(m => {
          const element = document.createElement('div');
          document.body.append(element);
          const options = { customerId: '1', apiKey: 'k', getToken: () => 't', apiBaseUrl: 'ftp://x' };
          m.mount(element, options).mounted.then(
            () => done(['mounted']),
            (e) => done([
              e.message,
              element.shadowRoot.querySelector('[data-error=start-failed]')?.textContent ?? null,
              element.shadowRoot.querySelectorAll('[data-placeholder]').length,
            ]),
          );
        });";
    let outcome = h
        .client
        .execute_async(script, vec![])
        .await
        .expect("script");
    assert_eq!(
        outcome,
        json!([
            "customer-profile: option `apiBaseUrl` must be an http(s) URL or a path",
            e2e::start_failed("en"),
            0
        ])
    );
    no_csp_violations(&h).await;
    h.close().await;
}

/// A portal may keep no reference to `mount()`'s handle (issue 32: 5 of 8 such editors were
/// blank). Once the garbage collector has run, wasm-bindgen frees the handle's wasm side;
/// the editor must stay mounted and working: only `unmount()` removes it.
#[tokio::test]
async fn an_editor_whose_handle_the_portal_did_not_keep_stays_and_works() {
    let h = portal("portal-handle-not-kept").await;
    let script = "const done = arguments[arguments.length - 1];
        import('/customer-profile.js').then((m) => {
          const box = document.createElement('div');
          box.id = 'not-kept';
          document.getElementById('agent-view').append(box);
          // The handle is not kept: only its `mounted` Promise is waited for.
          m.mount(box, {
            customerId: '200000002',
            apiKey: 'sandbox-demo-api-key',
            locale: 'en-GB',
            getToken: () => Promise.resolve('sandbox-agent-token'),
          }).mounted.then(() => done('mounted'), (e) => done(String(e)));
        });";
    let mounted = h
        .client
        .execute_async(script, vec![])
        .await
        .expect("script");
    assert_eq!(mounted, json!("mounted"));
    let populated = format!(
        "{}.querySelector('[name=\"first_name\"]')?.value",
        shadow("#not-kept")
    );
    let name = h.wait_js(&populated, "the second editor populated").await;
    // Full collections, then time for the finalizers that follow them.
    for _ in 0..3 {
        h.devtools("HeapProfiler.collectGarbage", json!({})).await;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(
        h.js(&format!("return {populated} ?? null;")).await,
        name,
        "the editor is still there"
    );
    h.fill_in("#not-kept", "first_name", "Agnès").await;
    h.press_in("#not-kept", "Save").await;
    h.wait_js(
        "portal.events.some(e => e.type === 'customer-profile-saved' && e.target === 'not-kept')",
        "the second editor saved",
    )
    .await;
    h.close().await;
}
