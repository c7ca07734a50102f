//! The `<customer-profile>` element's interface as a portal uses it (issue 14), on the
//! example portal under the strict CSP: properties set before the element is defined;
//! `lang` above the fields, standalone and embedded; `theme` against the device's colour
//! scheme; the `mount()` callbacks and `handle.update()`; the custom states and the
//! read-only `dirty`; the `::part()` names; `locale` and `customer-id` changes mid-edit.

use e2e::{shadow, Harness, Setup};
use sandbox::seed;
use serde_json::json;

async fn portal(name: &str, setup: Setup) -> Harness {
    let h = Harness::start(name, setup).await;
    h.open_portal_loaded("the widget loaded").await;
    h
}

async fn no_csp_violations(h: &Harness) {
    assert_eq!(
        h.js("return portal.cspViolations;").await,
        json!([]),
        "CSP violations"
    );
}

/// A JS expression: whether the widget at `host` has a button whose text is `label`.
fn has_button(host: &str, label: &str) -> String {
    format!(
        "[...{}.querySelectorAll('button')].some(b => b.textContent.trim() === '{label}')",
        shadow(host)
    )
}

/// A JS expression: the `lang` of the nearest element carrying one above each form control
/// of the widget at `host` (`root` when it is the `.cp-app` root), as a list.
fn langs_above_fields(root: &str) -> String {
    format!(
        "[...{root}.querySelectorAll('input, select')].map(i => {{
            const l = i.closest('[lang]');
            return l && l.classList.contains('cp-app') ? l.getAttribute('lang') : 'none';
        }})"
    )
}

/// Asserts that the nearest `lang` above every control of the widget at `host` is the
/// editor's root's, and says `lang`.
async fn assert_lang_above_fields(h: &Harness, host: &str, lang: &str) {
    let langs = h
        .js(&format!("return {};", langs_above_fields(&shadow(host))))
        .await;
    let langs = langs.as_array().cloned().unwrap_or_default();
    assert!(
        !langs.is_empty() && langs.iter().all(|l| l == lang),
        "{host}: the lang above each field {langs:?}"
    );
}

/// A JS expression: `{ bg, text, bgLum, textLum }` of the widget at `host` — the background
/// of the first painted box at or above its form, a label's colour, and their luminance
/// (0 black … 1 white).
fn colours(host: &str) -> String {
    format!(
        "(() => {{
            const root = {};
            const lum = (c) => {{
                const [r, g, b] = (c.match(/[\\d.]+/g) || [0, 0, 0]).map(Number);
                return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
            }};
            const painted = (c) => c !== 'transparent' && !/^rgba\\(.*,\\s*0\\)$/.test(c);
            let box = root.querySelector('form');
            while (box && !painted(getComputedStyle(box).backgroundColor)) box = box.parentElement;
            const bg = box ? getComputedStyle(box).backgroundColor : 'transparent';
            const text = getComputedStyle(root.querySelector('label')).color;
            return {{ bg, text, bgLum: box ? lum(bg) : -1, textLum: lum(text) }};
        }})()",
        shadow(host)
    )
}

/// The calls of one of the second editor's `mount()` callbacks.
async fn callbacks(h: &Harness, name: &str) -> Vec<serde_json::Value> {
    let script = format!("return portal.callbacks.filter(c => c.name === '{name}');");
    h.js(&script).await.as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn properties_set_before_the_element_is_defined_are_honoured() {
    let h = Harness::start("element-late", Setup::example()).await;
    h.open_path("/portal/late.html").await;
    h.wait_js(
        "window.portal && portal.events.some(e => e.type === 'customer-profile-loaded')",
        "the widget configured before its definition loaded",
    )
    .await;
    assert_eq!(
        h.js("return portal.definedFirst;").await,
        json!(false),
        "late.js set the properties on the undefined element"
    );
    assert_eq!(h.value_in("#profile", "first_name").await, "Tom");
    // The upgrade re-set them through the accessors, which reflect them.
    let element = h
        .js("const p = document.getElementById('profile');
             const own = ['customerId', 'apiKey', 'locale', 'theme', 'getToken']
               .filter(k => Object.prototype.hasOwnProperty.call(p, k));
             return { own, customerId: p.customerId, locale: p.locale,
                      theme: p.theme, attributes: ['customer-id', 'api-key', 'locale', 'theme']
                        .map(a => p.getAttribute(a)) };")
        .await;
    assert_eq!(
        element,
        json!({
            "own": [],
            "customerId": "123456789",
            "locale": "fr-FR",
            "theme": "dark",
            "attributes": ["123456789", "sandbox-demo-api-key", "fr-FR", "dark"],
        })
    );
    // In French and dark, as set before the definition.
    h.wait_js(&has_button("#profile", "Enregistrer"), "a French editor")
        .await;
    assert_lang_above_fields(&h, "#profile", "fr").await;
    let seen = h.js(&format!("return {};", colours("#profile"))).await;
    assert!(
        seen["bgLum"]
            .as_f64()
            .is_some_and(|l| (0.0..0.3).contains(&l)),
        "theme=dark on a light device: {seen}"
    );
    let gets = h.recorded_gets().await;
    assert_eq!(gets.len(), 1, "one load: {gets:?}");
    assert_eq!(gets[0]["headers"]["accept-language"], "fr-FR");
    no_csp_violations(&h).await;
    h.close().await;
}

#[tokio::test]
async fn lang_is_set_above_the_fields_on_the_standalone_page() {
    for (locale, lang) in [("en-GB", "en"), ("fr-FR", "fr")] {
        let setup = Setup::example().locale(locale);
        let h = Harness::start(&format!("element-lang-{lang}"), setup).await;
        h.open().await;
        h.wait_for("[data-state=loaded]").await;
        let langs = h
            .js(&format!("return {};", langs_above_fields("document")))
            .await;
        let langs = langs.as_array().cloned().unwrap_or_default();
        assert!(
            !langs.is_empty() && langs.iter().all(|l| l == lang),
            "{locale}: the lang above each field {langs:?}"
        );
        h.close().await;
    }
}

#[tokio::test]
async fn lang_is_set_above_the_fields_of_each_embedded_editor() {
    let h = portal("element-lang-embedded", Setup::example()).await;
    h.js("portal.mountSecond(); return true;").await;
    h.wait_js(
        "portal.events.filter(e => e.type === 'customer-profile-loaded').length === 2",
        "the French editor loaded",
    )
    .await;
    for (host, lang) in [("#profile", "en"), ("#second", "fr")] {
        assert_lang_above_fields(&h, host, lang).await;
    }
    h.close().await;
}

#[tokio::test]
async fn theme_light_wins_over_a_dark_device() {
    let h = portal("element-theme-light", Setup::example().dark()).await;
    let auto = h.js(&format!("return {};", colours("#profile"))).await;
    assert!(
        auto["bgLum"]
            .as_f64()
            .is_some_and(|l| (0.0..0.3).contains(&l)),
        "no theme: the device's dark scheme: {auto}"
    );
    h.js("document.getElementById('profile').setAttribute('theme', 'light'); return true;")
        .await;
    h.wait_js(
        &format!("{}.bgLum > 0.8", colours("#profile")),
        "a light editor",
    )
    .await;
    let light = h.js(&format!("return {};", colours("#profile"))).await;
    assert!(
        light["textLum"].as_f64().is_some_and(|l| l < 0.3),
        "dark text on the light background: {light}"
    );
    assert_eq!(
        h.js("return document.getElementById('profile').theme;")
            .await,
        "light"
    );
    h.screenshot("element-theme-light-on-dark-device").await;
    no_csp_violations(&h).await;
    h.close().await;
}

#[tokio::test]
async fn theme_dark_wins_over_a_light_device_and_keeps_the_draft() {
    let h = portal("element-theme-dark", Setup::example()).await;
    let auto = h.js(&format!("return {};", colours("#profile"))).await;
    assert!(
        auto["bgLum"].as_f64().is_some_and(|l| l > 0.8),
        "no theme: the device's light scheme: {auto}"
    );
    h.fill_in("#profile", "first_name", "Thomas").await;
    h.wait_js("document.getElementById('profile').isDirty()", "dirty")
        .await;
    h.js("document.getElementById('profile').theme = 'dark'; return true;")
        .await;
    h.wait_js(
        &format!("{}.bgLum < 0.3", colours("#profile")),
        "a dark editor",
    )
    .await;
    let dark = h.js(&format!("return {};", colours("#profile"))).await;
    assert!(
        dark["textLum"].as_f64().is_some_and(|l| l > 0.7),
        "light text on the dark background: {dark}"
    );
    assert_eq!(
        h.js("return document.getElementById('profile').getAttribute('theme');")
            .await,
        "dark",
        "the property reflects to the attribute"
    );
    assert_eq!(h.value_in("#profile", "first_name").await, "Thomas");
    assert_eq!(
        h.js("return document.getElementById('profile').isDirty();")
            .await,
        json!(true),
        "the draft survives a theme change"
    );
    h.screenshot("element-theme-dark-on-light-device").await;
    no_csp_violations(&h).await;
    h.close().await;
}

#[tokio::test]
async fn mount_callbacks_report_and_update_switches_the_language_in_place() {
    let h = portal("element-callbacks", Setup::example()).await;
    h.js("portal.mountSecond(); return true;").await;
    h.wait_js(
        "portal.callbacks.some(c => c.name === 'onLoaded')",
        "onLoaded",
    )
    .await;
    let loaded = callbacks(&h, "onLoaded").await;
    assert_eq!(loaded[0]["detail"], json!({"customerId": seed::EXTRAS}));
    let states = callbacks(&h, "onStateChange").await;
    assert_eq!(
        states.first().map(|s| &s["detail"]),
        Some(&json!({"dirty": false, "saving": false, "error": false})),
        "onStateChange at mount: {states:?}"
    );

    h.fill_in("#second", "birth_city", "Nice").await;
    h.wait_js(
        "portal.callbacks.some(c => c.name === 'onDirtyChange' && c.detail.dirty === true)",
        "onDirtyChange true",
    )
    .await;
    h.wait_js(
        "portal.callbacks.some(c => c.name === 'onStateChange' && c.detail.dirty === true)",
        "onStateChange dirty",
    )
    .await;

    // update() in place: English now, the draft kept.
    h.wait_js(&has_button("#second", "Enregistrer"), "French at first")
        .await;
    h.js("portal.second.update({ locale: 'en-GB' }); return true;")
        .await;
    h.wait_js(&has_button("#second", "Save"), "English after update()")
        .await;
    assert_lang_above_fields(&h, "#second", "en").await;
    assert_eq!(h.value_in("#second", "birth_city").await, "Nice");
    assert_eq!(h.js("return portal.second.isDirty();").await, json!(true));
    let bad = h
        .js(
            "try { portal.second.update({ theme: 'sepia' }); return 'accepted'; }
             catch (e) { return e.message; }",
        )
        .await;
    assert!(
        bad.as_str().is_some_and(|m| m.contains("`theme`")),
        "a bad theme is refused: {bad}"
    );

    h.press_in("#second", "Save").await;
    h.wait_js(
        "portal.callbacks.some(c => c.name === 'onSaved')",
        "onSaved",
    )
    .await;
    assert_eq!(
        callbacks(&h, "onSaved").await[0]["detail"],
        json!({"fields": ["birth_city"]})
    );
    h.wait_js(
        "portal.callbacks.some(c => c.name === 'onDirtyChange' && c.detail.dirty === false)",
        "onDirtyChange false after the save",
    )
    .await;
    let saving: Vec<bool> = callbacks(&h, "onStateChange")
        .await
        .iter()
        .filter_map(|s| s["detail"]["saving"].as_bool())
        .collect();
    assert!(
        saving.contains(&true) && saving.last() == Some(&false),
        "saving went on and off: {saving:?}"
    );
    // The events went out too, with the same details, from the second editor's container.
    let second_events = h
        .js("return portal.events.filter(e => e.target === 'second').map(e => e.type);")
        .await;
    for kind in ["loaded", "dirty-change", "saved"] {
        assert!(
            second_events
                .as_array()
                .is_some_and(|a| a.contains(&json!(format!("customer-profile-{kind}")))),
            "{kind} event of the second editor: {second_events}"
        );
    }
    let requests = h.recorded_requests().await;
    let patch = requests
        .iter()
        .find(|r| r["method"] == "PATCH")
        .expect("the PATCH");
    assert_eq!(
        patch["path"],
        format!("/v1/customers/{}/profile", seed::EXTRAS)
    );
    assert_eq!(patch["body"], json!({"birth_city": "Nice"}).to_string());
    assert_eq!(patch["headers"]["accept-language"], "en-GB");
    assert!(callbacks(&h, "onError").await.is_empty());
    no_csp_violations(&h).await;
    h.close().await;
}

#[tokio::test]
async fn the_dirty_state_and_property_follow_the_draft() {
    let h = portal("element-dirty-state", Setup::example()).await;
    let state = "const p = document.getElementById('profile');
        return { state: p.matches(':state(dirty)'), dirty: p.dirty,
                 badge: getComputedStyle(document.getElementById('unsaved-badge')).display };";
    assert_eq!(
        h.js(state).await,
        json!({"state": false, "dirty": false, "badge": "none"})
    );
    h.fill_in("#profile", "first_name", "Thomas").await;
    h.wait_js(
        "document.getElementById('profile').matches(':state(dirty)')",
        ":state(dirty) after an edit",
    )
    .await;
    assert_eq!(
        h.js(state).await,
        json!({"state": true, "dirty": true, "badge": "block"}),
        "the portal's CSS shows its badge from the state alone"
    );
    let read_only = h
        .js("const p = document.getElementById('profile');
             try { p.dirty = false; } catch (e) { /* a getter only */ }
             return p.dirty;")
        .await;
    assert_eq!(read_only, json!(true), "`dirty` is read-only");
    h.press_in("#profile", "Discard changes").await;
    h.wait_js(
        "!document.getElementById('profile').matches(':state(dirty)')",
        ":state(dirty) gone after Discard",
    )
    .await;
    assert_eq!(
        h.js(state).await,
        json!({"state": false, "dirty": false, "badge": "none"})
    );
    h.close().await;
}

/// Makes the next save take 1.5 s, so that what happens meanwhile can be seen.
async fn slow_next_save(h: &Harness) {
    let slow = json!({"route": "patch_profile", "delay_ms": 1500, "count": 1});
    let (code, text) = h.hook("POST", "/__sandbox/faults", &slow).await;
    assert!((200..300).contains(&code), "fault: {code} {text}");
}

#[tokio::test]
async fn the_saving_and_error_states_follow_the_save() {
    let h = portal("element-saving-state", Setup::example()).await;
    h.fill_in("#profile", "first_name", "Thomas").await;
    slow_next_save(&h).await;
    h.press_in("#profile", "Save").await;
    h.wait_js(
        "document.getElementById('profile').matches(':state(saving)')",
        ":state(saving) during the save",
    )
    .await;
    h.wait_js(
        "portal.events.some(e => e.type === 'customer-profile-saved')",
        "saved",
    )
    .await;
    h.wait_js(
        "!document.getElementById('profile').matches(':state(saving)')",
        "not saving once saved",
    )
    .await;
    assert_eq!(
        h.js("return document.getElementById('profile').matches(':state(error)');")
            .await,
        json!(false)
    );
    // A failed save: the error state, until the next save succeeds.
    h.fill_in("#profile", "first_name", "Tommy").await;
    h.fault("patch_profile", 500, 1, None).await;
    h.press_in("#profile", "Save").await;
    h.wait_js(
        "document.getElementById('profile').matches(':state(error)')",
        ":state(error) after a failed save",
    )
    .await;
    assert_eq!(
        h.js("return document.getElementById('profile').matches(':state(dirty)');")
            .await,
        json!(true),
        "the draft is still unsaved"
    );
    h.close().await;
}

#[tokio::test]
async fn the_documented_parts_are_there_and_style_from_outside() {
    let h = portal("element-parts", Setup::example()).await;
    let missing = h
        .js(&format!(
            "const r = {};
             return ['form', 'section', 'section-name', 'section-contact', 'section-address',
                     'section-preferences', 'section-membership', 'field', 'label', 'input',
                     'button', 'button-primary', 'button-secondary', 'status', 'actions']
               .filter(p => !r.querySelector(`[part~=\"${{p}}\"]`));",
            shadow("#profile")
        ))
        .await;
    assert_eq!(missing, json!([]), "parts missing in the loaded editor");
    let unparted = h
        .js(&format!(
            "const r = {};
             const without = (css, part) => [...r.querySelectorAll(css)]
               .filter(e => !(e.getAttribute('part') || '').split(/\\s+/).includes(part))
               .map(e => e.getAttribute('name') || e.textContent.trim());
             return {{ inputs: without('form input, form select', 'input'),
                       buttons: without('button', 'button') }};",
            shadow("#profile")
        ))
        .await;
    assert_eq!(unparted, json!({"inputs": [], "buttons": []}));
    // examples/portal/portal.css: `customer-profile::part(button-primary)` is a pill.
    let radius = h
        .js(&format!(
            "const r = {};
             const radius = (css) => getComputedStyle(r.querySelector(css)).borderTopLeftRadius;
             return [radius('[part~=\"button-primary\"]'), radius('[part~=\"button-secondary\"]')];",
            shadow("#profile")
        ))
        .await;
    assert_eq!(radius[0], "999px", "the portal's ::part() rule applies");
    assert_ne!(radius[1], "999px", "and only to the primary button");
    let save = h
        .js(&format!(
            "return {}.querySelector('[part~=\"button-primary\"]').textContent.trim();",
            shadow("#profile")
        ))
        .await;
    assert_eq!(save, "Save");

    // A failed save shows a notice.
    h.fill_in("#profile", "first_name", "Thomas").await;
    h.fault("patch_profile", 500, 1, None).await;
    h.press_in("#profile", "Save").await;
    h.wait_js(
        &format!("{}.querySelector('[part~=\"notice\"]')", shadow("#profile")),
        "a notice part",
    )
    .await;
    h.close().await;
}

#[tokio::test]
async fn the_loading_and_error_panels_are_parts() {
    let h = Harness::start("element-parts-panels", Setup::example()).await;
    let slow_failure = json!({"route": "get_profile", "status": 500, "delay_ms": 1500});
    let (code, text) = h.hook("POST", "/__sandbox/faults", &slow_failure).await;
    assert!((200..300).contains(&code), "fault: {code} {text}");
    h.open_portal().await;
    h.wait_js(
        "document.querySelector('#profile')?.shadowRoot?.querySelector('[part~=\"loading\"]')",
        "the loading part",
    )
    .await;
    h.wait_js(
        &format!(
            "{}.querySelector('[part~=\"error-panel\"]')",
            shadow("#profile")
        ),
        "the error-panel part",
    )
    .await;
    h.close().await;
}

#[tokio::test]
async fn a_locale_change_mid_edit_keeps_the_draft_and_switches_the_language() {
    let h = portal("element-locale", Setup::example()).await;
    h.fill_in("#profile", "first_name", "Thomas").await;
    h.wait_js("document.getElementById('profile').dirty", "dirty")
        .await;
    let before = h.recorded_requests().await.len();
    h.js("document.getElementById('profile').locale = 'fr-FR'; return true;")
        .await;
    h.wait_js(&has_button("#profile", "Enregistrer"), "a French editor")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let after = h.recorded_requests().await;
    assert_eq!(
        after.len(),
        before,
        "a new language is applied in place, without reading the profile again: {:?}",
        &after[before..]
    );
    assert_eq!(h.value_in("#profile", "first_name").await, "Thomas");
    assert_eq!(
        h.js("const p = document.getElementById('profile');
              return [p.dirty, p.getAttribute('locale')];")
            .await,
        json!([true, "fr-FR"])
    );
    assert_lang_above_fields(&h, "#profile", "fr").await;
    h.press_in("#profile", "Enregistrer").await;
    h.wait_js(
        "portal.events.some(e => e.type === 'customer-profile-saved')",
        "saved",
    )
    .await;
    let requests = h.recorded_requests().await;
    let patches: Vec<_> = requests.iter().filter(|r| r["method"] == "PATCH").collect();
    assert_eq!(patches.len(), 1, "{patches:?}");
    assert_eq!(
        patches[0]["body"],
        json!({"first_name": "Thomas"}).to_string()
    );
    assert_eq!(patches[0]["headers"]["accept-language"], "fr-FR");
    assert_eq!(h.stored(seed::EXAMPLE).await["first_name"], "Thomas");
    no_csp_violations(&h).await;
    h.close().await;
}

#[tokio::test]
async fn changing_customer_id_loads_the_other_customer_and_drops_the_draft() {
    let h = portal("element-customer-id", Setup::example()).await;
    h.fill_in("#profile", "first_name", "Thomas").await;
    h.wait_js(
        "portal.events.some(e => e.type === 'customer-profile-dirty-change' && e.detail.dirty)",
        "dirty",
    )
    .await;
    // The portal now shows another customer (and holds that customer's token).
    h.js(&format!(
        "portal.setToken('{}');
         document.getElementById('profile').setAttribute('customer-id', '{}'); return true;",
        sandbox::credentials::token_for(seed::EXTRAS).unwrap_or_default(),
        seed::EXTRAS
    ))
    .await;
    h.wait_js(
        &format!(
            "portal.events.some(e => e.type === 'customer-profile-loaded' && e.detail.customerId === '{}')",
            seed::EXTRAS
        ),
        "the other customer loaded",
    )
    .await;
    let stored = h.stored(seed::EXTRAS).await;
    assert_eq!(
        h.value_in("#profile", "first_name").await,
        stored["first_name"].as_str().unwrap_or_default()
    );
    let dirty = h
        .js(
            "return portal.events.filter(e => e.type === 'customer-profile-dirty-change')
                .map(e => e.detail.dirty);",
        )
        .await;
    assert_eq!(
        dirty,
        json!([true, false]),
        "the dropped draft is announced"
    );
    assert_eq!(
        h.js("const p = document.getElementById('profile');
              return [p.customerId, p.dirty, p.matches(':state(dirty)')];")
            .await,
        json!([seed::EXTRAS, false, false])
    );
    assert!(h.patches().await.is_empty(), "the draft was never sent");
    assert_eq!(h.stored(seed::EXAMPLE).await["first_name"], "Tom");
    no_csp_violations(&h).await;
    h.close().await;
}

/// A JS expression: resolves once two frames have been drawn (the element's check that it
/// came back runs in the first).
const TWO_FRAMES: &str = "window.__framesDrawn = false;
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__framesDrawn = true; }));
    return true;";

#[tokio::test]
async fn moving_the_element_keeps_its_editor_draft_focus_and_pending_save() {
    let h = portal("element-moved", Setup::example()).await;
    h.fill_in("#profile", "first_name", "Thomas").await;
    // Marks this editor's form, and focuses a field, to find both again after the move.
    h.js(&format!(
        "const root = {};
         root.querySelector('form').dataset.mark = 'before the move';
         root.querySelector('[name=\"last_name\"]').focus();
         return true;",
        shadow("#profile")
    ))
    .await;
    // Moved to another container in one task (a tab switch, a framework re-parenting it).
    h.js("const box = document.createElement('section');
          box.id = 'moved-to';
          document.querySelector('main').append(box);
          box.append(document.getElementById('profile'));
          return true;")
        .await;
    h.js(TWO_FRAMES).await;
    h.wait_js("window.__framesDrawn", "two frames after the move")
        .await;
    let kept = h
        .js(&format!(
            "const p = document.getElementById('profile'), root = {};
             return {{ parent: p.parentElement.id, mark: root.querySelector('form')?.dataset.mark,
                       value: root.querySelector('[name=\"first_name\"]').value,
                       dirty: p.dirty, state: p.matches(':state(dirty)'),
                       focused: root.activeElement?.name ?? null }};",
            shadow("#profile")
        ))
        .await;
    assert_eq!(
        kept,
        json!({"parent": "moved-to", "mark": "before the move", "value": "Thomas",
               "dirty": true, "state": true, "focused": "last_name"})
    );
    // A save under way while the element moves again (removed, then inserted after a
    // microtask) goes through, once.
    slow_next_save(&h).await;
    h.press_in("#profile", "Save").await;
    h.wait_js(
        "document.getElementById('profile').matches(':state(saving)')",
        "saving",
    )
    .await;
    h.js("const p = document.getElementById('profile');
          const back = document.getElementById('moved-to').previousElementSibling;
          p.remove();
          queueMicrotask(() => back.after(p));
          return true;")
        .await;
    h.wait_js(
        "portal.events.some(e => e.type === 'customer-profile-saved')",
        "the save done after the move",
    )
    .await;
    let patches = h.patches().await;
    assert_eq!(patches.len(), 1, "{patches:?}");
    assert_eq!(patches[0].1, json!({"first_name": "Thomas"}));
    assert_eq!(
        h.js("return portal.events.filter(e => e.type === 'customer-profile-loaded').length;")
            .await,
        json!(1),
        "never mounted again"
    );
    // Removed for good: unmounted once a frame has passed without it.
    h.js(
        "window.__gone = document.getElementById('profile'); window.__gone.remove(); return true;",
    )
    .await;
    h.wait_js(
        "!window.__gone.shadowRoot.querySelector('form') && !window.__gone.dirty",
        "the removed editor unmounted",
    )
    .await;
    no_csp_violations(&h).await;
    h.close().await;
}
