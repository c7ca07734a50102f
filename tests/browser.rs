//! Components in a real browser (wasm-bindgen-test in headless Chromium): DOM output, text
//! escaping and event wiring, without any network.
#![cfg(target_arch = "wasm32")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use customer_profile::api::Session;
use customer_profile::browser::host::{Events, Tokens};
use customer_profile::components::{ErrorPanel, ProfileForm};
use customer_profile::domain::api_error::ApiError;
use customer_profile::domain::config::RuntimeConfig;
use customer_profile::domain::i18n::{Catalogue, Lang, Locale, Messages, Words, EN};
use customer_profile::domain::profile::Profile;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> HtmlElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let div = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div.unchecked_into()
}

/// The text a user sees in the element (`innerText`: `hidden` parts left out).
fn text_of(root: &HtmlElement, css: &str) -> String {
    root.query_selector(css)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element `{css}`"))
        .unchecked_into::<HtmlElement>()
        .inner_text()
        .trim()
        .to_owned()
}

fn session(locale: &str) -> Session {
    let config = RuntimeConfig::parse(&format!(
        r#"{{"api_base_url":"","api_key":"k","customer_id":"1","locale":"{locale}"}}"#
    ))
    .expect("config");
    let session = Session::new(
        config,
        Tokens::Fixed(None),
        Events::on_body(),
        Default::default(),
        Messages::default(),
    );
    session.locale.set(locale_for(locale));
    session
}

/// What `cargo xtask dist` ships for French: the texts of `i18n/fr.json` in the order of
/// the keys.
fn shipped_french() -> Vec<String> {
    let keyed: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(include_str!("../i18n/fr.json")).expect("fr is JSON");
    Catalogue::KEYS
        .iter()
        .map(|k| {
            keyed
                .get(*k)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_owned()
        })
        .collect()
}

/// The locale of `tag` with its catalogue read from `i18n/`, as the app reads it.
fn locale_for(tag: &str) -> Locale {
    let lang = Lang::from_tag(tag).unwrap_or_default();
    let catalogue = match lang {
        Lang::Fr => Catalogue::from_texts(shipped_french()).expect("fr reads"),
        _ => &EN,
    };
    Locale {
        words: Words { lang, catalogue },
        accept_language: tag.to_owned(),
    }
}

/// Lets the reactive system run its effects (a macrotask: after every microtask).
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
async fn form_controls_are_named_labelled_and_never_html() {
    let root = container();
    let profile = Profile::decode(
        r#"{"first_name": "<img src=x onerror=alert(1)>", "last_name": "王小明",
            "phones": [{"number": "+33 6 12 34 56 78", "type": "SATELLITE"},
                       {"number": "0145678900", "type": "HOME"}],
            "address": {"country_code": "FR"}, "locale": "tlh",
            "loyalty_program": {"is_platinum_for_life": true, "points": 4200}}"#,
    )
    .expect("decodes");
    let handle = mount_to(root.clone(), move || {
        let on_reload = Callback::new(|()| {});
        view! { <ProfileForm session=session("fr-FR") profile on_reload/> }
    });
    tick().await;
    let controls = root.query_selector_all("input, select").expect("selector");
    assert!(controls.length() >= 15, "all the fields are there");
    for i in 0..controls.length() {
        let control: web_sys::Element = controls.item(i).expect("node").unchecked_into();
        let name = control.get_attribute("name").unwrap_or_default();
        assert!(!name.is_empty(), "control {i} has a name");
        let id = control.id();
        let label = root
            .query_selector(&format!("label[for='{id}']"))
            .expect("selector");
        assert!(label.is_some(), "`{name}` has a label");
    }
    let value = |name: &str| -> String {
        let element = root
            .query_selector(&format!("[name='{name}']"))
            .expect("selector")
            .unwrap_or_else(|| panic!("no control `{name}`"));
        js_sys::Reflect::get(&element, &"value".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    assert_eq!(value("first_name"), "<img src=x onerror=alert(1)>");
    assert!(root.query_selector("img").expect("selector").is_none());
    assert_eq!(value("last_name"), "王小明");
    assert_eq!(
        value("phones.0.type"),
        "SATELLITE",
        "unknown type kept as is"
    );
    assert_eq!(value("phones.1.type"), "HOME");
    assert_eq!(value("address.country_code"), "FR");
    assert_eq!(value("locale"), "tlh", "a locale outside the list is kept");
    assert_eq!(text_of(&root, "label[for='cp1-first_name']"), "Prénom");
    assert_eq!(
        text_of(&root, "[data-field='loyalty_program.is_platinum_for_life']"),
        "Oui"
    );
    let points = text_of(&root, "[data-field='loyalty_program.points']");
    assert!(
        points.starts_with('4') && points.ends_with("200") && points.len() > 4,
        "{points}"
    );
    drop(handle);
    assert!(root.query_selector("form").expect("selector").is_none());
}

#[wasm_bindgen_test]
async fn a_new_language_rebuilds_the_words_and_keeps_the_draft_and_the_focus() {
    let root = container();
    let profile =
        Profile::decode(r#"{"first_name": "Ada", "email": "ada@example.com"}"#).expect("decodes");
    let session = session("en-GB");
    let locale = session.locale.clone();
    let handle = mount_to(root.clone(), move || {
        let on_reload = Callback::new(|()| {});
        view! { <ProfileForm session profile on_reload/> }
    });
    tick().await;
    let input = |name: &str| -> web_sys::HtmlInputElement {
        root.query_selector(&format!("[name='{name}']"))
            .expect("selector")
            .unwrap_or_else(|| panic!("no control `{name}`"))
            .unchecked_into()
    };
    let first = input("first_name");
    let label_for = |el: &web_sys::HtmlInputElement| format!("label[for='{}']", el.id());
    assert_eq!(text_of(&root, &label_for(&first)), "First name");
    // The customer types, and leaves an invalid email (a browser-side message).
    first.set_value("Ada Lovelace");
    first
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    let email = input("email");
    email.set_value("not an email");
    email
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
    email
        .dispatch_event(&web_sys::Event::new("blur").expect("event"))
        .expect("dispatch");
    first.focus().expect("focus");
    tick().await;
    let error_of = |name: &str| text_of(&root, &format!("[id='{}-error']", input(name).id()));
    assert_eq!(
        error_of("email"),
        "Enter an email address like name@example.com"
    );

    locale.set(locale_for("fr-FR"));
    tick().await;
    tick().await;
    let first = input("first_name");
    assert_eq!(first.value(), "Ada Lovelace", "the draft is kept");
    assert_eq!(input("email").value(), "not an email");
    assert!(
        text_of(&root, &label_for(&first)).starts_with("Prénom"),
        "the words are French"
    );
    assert_ne!(
        error_of("email"),
        "Enter an email address like name@example.com",
        "the browser's message is translated too"
    );
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map(|e| e.id());
    assert_eq!(focused, Some(first.id()), "the focus stays on the field");
    drop(handle);
}

#[wasm_bindgen_test]
fn error_panel_retry_calls_back_and_shows_server_detail() {
    let root = container();
    let clicks = Arc::new(AtomicUsize::new(0));
    let counter = clicks.clone();
    let error = ApiError::from_status(
        401,
        r#"{"title":"Unauthorized","detail":"Token expired at noon.",
            "errors":[{"code":"TOKEN_EXPIRED"}]}"#,
    );
    let _handle = mount_to(root.clone(), move || {
        let on_retry = Callback::new(move |()| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        view! { <ErrorPanel error words=Words::default() on_retry/> }
    });
    let panel = root
        .query_selector("[role=alert]")
        .expect("selector")
        .expect("alert");
    assert_eq!(
        panel.get_attribute("data-error").as_deref(),
        Some("session-expired")
    );
    assert_eq!(panel.get_attribute("data-status").as_deref(), Some("401"));
    assert!(text_of(&root, ".cp-error-detail").ends_with("Token expired at noon."));
    let button: HtmlElement = root
        .query_selector("button")
        .expect("selector")
        .expect("Retry button")
        .unchecked_into();
    assert_eq!(button.text_content().unwrap_or_default().trim(), "Retry");
    button.click();
    button.click();
    assert_eq!(clicks.load(Ordering::Relaxed), 2);
}

/// Waits (up to ~5 s) until `css` matches inside `root`.
async fn until(root: &HtmlElement, css: &str) {
    for _ in 0..250 {
        if root.query_selector(css).ok().flatten().is_some() {
            return;
        }
        tick().await;
    }
    panic!("`{css}` never appeared");
}

#[wasm_bindgen_test]
async fn mount_asks_the_host_for_a_token_reports_errors_and_unmounts_cleanly() {
    use customer_profile::embed::mount;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;

    let root = container();
    let asked: Rc<RefCell<Vec<bool>>> = Rc::default();
    let seen = asked.clone();
    let get_token = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(move |options: JsValue| {
        let force = js_sys::Reflect::get(&options, &"forceRefresh".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        seen.borrow_mut().push(force);
        js_sys::Promise::resolve(&JsValue::from_str("host-token"))
    });
    let events: Rc<RefCell<Vec<(String, JsValue)>>> = Rc::default();
    let log = events.clone();
    let listener = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
        log.borrow_mut().push((e.type_(), e.detail()));
    });
    for name in ["customer-profile-error", "customer-profile-loaded"] {
        root.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
            .expect("listener");
    }

    // The entry module registers a loader per catalogue (its module's `import()`); here
    // French's, a Promise of its text.
    let french = serde_json::to_string(&shipped_french()).expect("texts");
    let load = Closure::<dyn Fn() -> js_sys::Promise>::new(move || {
        js_sys::Promise::resolve(&JsValue::from_str(&french))
    })
    .into_js_value()
    .unchecked_into::<js_sys::Function>();
    customer_profile::embed::register_catalogue("fr", load);
    // (A language the UI does not speak is ignored.)
    let never = Closure::<dyn Fn() -> js_sys::Promise>::new(|| {
        js_sys::Promise::reject(&JsValue::from_str("never loaded"))
    })
    .into_js_value()
    .unchecked_into::<js_sys::Function>();
    customer_profile::embed::register_catalogue("xx", never);

    // Bad options are refused with a message naming the option.
    let no_getter = js_sys::Object::new();
    js_sys::Reflect::set(&no_getter, &"customerId".into(), &"1".into()).expect("set");
    assert!(mount(root.clone(), no_getter.into()).is_err());

    let options = js_sys::Object::new();
    for (key, value) in [
        ("customerId", "123456789"),
        // Nothing listens on the discard port: a fast network failure.
        ("apiBaseUrl", "http://127.0.0.1:9"),
        ("apiKey", "demo-key"),
        ("locale", "fr-FR"),
    ] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).expect("set");
    }
    js_sys::Reflect::set(&options, &"getToken".into(), get_token.as_ref()).expect("set");
    let bad_theme = js_sys::Object::assign(&js_sys::Object::new(), &options);
    js_sys::Reflect::set(&bad_theme, &"theme".into(), &"night".into()).expect("set");
    assert!(
        mount(root.clone(), bad_theme.into()).is_err(),
        "an unknown theme is refused"
    );
    js_sys::Reflect::set(&options, &"theme".into(), &"dark".into()).expect("set");
    let states: Rc<RefCell<Vec<(bool, bool, bool)>>> = Rc::default();
    let states_log = states.clone();
    let on_state = Closure::<dyn Fn(JsValue)>::new(move |s: JsValue| {
        let flag = |k: &str| {
            js_sys::Reflect::get(&s, &k.into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or_default()
        };
        states_log
            .borrow_mut()
            .push((flag("dirty"), flag("saving"), flag("error")));
    });
    js_sys::Reflect::set(&options, &"onStateChange".into(), on_state.as_ref()).expect("set");
    let mut handle = mount(root.clone(), options.into()).expect("mounted");

    until(&root, "[data-state=error]").await;
    tick().await;
    let app = || {
        root.query_selector(".cp-app")
            .expect("selector")
            .expect("root")
    };
    assert_eq!(app().get_attribute("lang").as_deref(), Some("fr"));
    assert_eq!(app().get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(
        states.borrow().last(),
        Some(&(false, false, true)),
        "the host hears of the error: {:?}",
        states.borrow()
    );
    // A language and a theme from the host apply in place; a bad theme changes nothing.
    let update = |pairs: &[(&str, &str)]| {
        let o = js_sys::Object::new();
        for (k, v) in pairs {
            js_sys::Reflect::set(&o, &(*k).into(), &(*v).into()).expect("set");
        }
        handle.update(o.into())
    };
    assert!(update(&[("locale", "en-GB"), ("theme", "night")]).is_err());
    tick().await;
    assert_eq!(app().get_attribute("lang").as_deref(), Some("fr"));
    update(&[("locale", "en-GB"), ("theme", "light")]).expect("updated");
    tick().await;
    assert_eq!(app().get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(app().get_attribute("data-theme").as_deref(), Some("light"));
    assert_eq!(text_of(&root, "h1"), "We could not load your profile");
    update(&[("locale", "fr-FR")]).expect("updated");
    tick().await;
    assert_eq!(
        *asked.borrow(),
        vec![false],
        "asked once, without forcing a refresh"
    );
    let panel = root
        .query_selector("[data-state=error]")
        .expect("selector")
        .expect("panel");
    assert_eq!(
        panel.get_attribute("data-error").as_deref(),
        Some("network")
    );
    assert_eq!(
        text_of(&root, "h1"),
        "Nous n’avons pas pu charger votre profil"
    );
    let events = events.borrow().clone();
    assert_eq!(events.len(), 1, "one event: {events:?}");
    assert_eq!(events[0].0, "customer-profile-error");
    let code = js_sys::Reflect::get(&events[0].1, &"code".into()).expect("code");
    assert_eq!(code.as_string().as_deref(), Some("network"));
    assert!(!handle.is_dirty());

    handle.unmount();
    assert_eq!(
        root.child_element_count(),
        0,
        "unmount leaves no DOM behind"
    );
}

#[wasm_bindgen_test]
fn a_panic_shows_an_alert_over_the_kept_edits_and_tells_the_host() {
    use customer_profile::browser::crash;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;

    let root = container();
    let _handle = mount_to(root.clone(), move || {
        view! { <ErrorPanel error=ApiError::Timeout words=Words::default() on_retry=|()| {}/> }
    });
    let seen: Rc<RefCell<Vec<JsValue>>> = Rc::default();
    let log = seen.clone();
    let listener = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
        log.borrow_mut().push(e.detail());
    });
    root.add_event_listener_with_callback(
        "customer-profile-error",
        listener.as_ref().unchecked_ref(),
    )
    .expect("listener");
    let id = crash::register(&root, Events::on(root.clone().into()));

    // What the panic hook calls (a real panic would abort this test's wasm instance).
    crash::show();
    let first = root.first_element_child().expect("a first child");
    assert_eq!(first.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(
        first.get_attribute("data-problem").as_deref(),
        Some("panic")
    );
    assert_eq!(
        text_of(&root, "[data-problem=panic] h2"),
        "Something went wrong"
    );
    assert!(
        text_of(&root, "[data-problem=panic] p").starts_with("Your edits are still in the form")
    );
    assert!(
        root.query_selector(".cp-error")
            .expect("selector")
            .is_some(),
        "the view stays"
    );
    let details = seen.borrow().clone();
    assert_eq!(details.len(), 1, "the host is told once");
    let field = |key: &str| js_sys::Reflect::get(&details[0], &key.into()).expect("field");
    assert_eq!(field("code").as_string().as_deref(), Some("panic"));
    assert!(field("status").is_null());

    // An unmounted editor is forgotten.
    crash::unregister(id);
    crash::show();
    assert_eq!(
        root.query_selector_all("[data-problem=panic]")
            .expect("selector")
            .length(),
        1
    );
    assert_eq!(seen.borrow().len(), 1);
}

#[wasm_bindgen_test]
async fn discard_puts_the_loaded_values_back() {
    let root = container();
    let profile = Profile::decode(
        r#"{"first_name": "Tom", "phones": [{"number": "0145678900", "type": "HOME"}]}"#,
    )
    .expect("decodes");
    let _handle = mount_to(root.clone(), move || {
        let on_reload = Callback::new(|()| {});
        view! { <ProfileForm session=session("en-GB") profile on_reload/> }
    });
    tick().await;
    let input: web_sys::HtmlInputElement = root
        .query_selector("[name=first_name]")
        .expect("selector")
        .expect("first name")
        .unchecked_into();
    input.set_value("Tommy");
    let event = web_sys::Event::new("input").expect("event");
    input.dispatch_event(&event).expect("dispatch");
    tick().await;
    assert_eq!(text_of(&root, ".cp-change-count"), "1 unsaved change");
    let button = |name: &str| -> HtmlElement {
        let buttons = root.query_selector_all("button").expect("selector");
        (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .map(|b| b.unchecked_into::<HtmlElement>())
            .find(|b| b.inner_text().trim() == name)
            .unwrap_or_else(|| panic!("no button `{name}`"))
    };
    button("Add phone").click();
    tick().await;
    let phones = || {
        root.query_selector_all(".cp-phone")
            .expect("selector")
            .length()
    };
    assert_eq!(phones(), 2);
    assert!(root
        .query_selector("[name='phones.1.number']")
        .expect("selector")
        .is_some());
    button("Discard changes").click();
    tick().await;
    assert_eq!(input.value(), "Tom");
    assert_eq!(phones(), 1);
    assert_eq!(text_of(&root, ".cp-change-count"), "No unsaved changes");
}

#[wasm_bindgen_test]
async fn an_unmounted_editor_is_disposed_and_reload_does_nothing() {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;

    let root = container();
    let get_token = Closure::<dyn Fn(JsValue) -> js_sys::Promise>::new(|_: JsValue| {
        js_sys::Promise::resolve(&JsValue::from_str("host-token"))
    });
    let errors = Rc::new(RefCell::new(0));
    let count = errors.clone();
    let listener = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |_| {
        *count.borrow_mut() += 1;
    });
    root.add_event_listener_with_callback(
        "customer-profile-error",
        listener.as_ref().unchecked_ref(),
    )
    .expect("listener");
    let options = js_sys::Object::new();
    for (key, value) in [
        ("customerId", "123456789"),
        ("apiBaseUrl", "http://127.0.0.1:9"),
        ("apiKey", "demo-key"),
    ] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).expect("set");
    }
    js_sys::Reflect::set(&options, &"getToken".into(), get_token.as_ref()).expect("set");
    let mut handle = customer_profile::embed::mount(root.clone(), options.into()).expect("mounted");
    until(&root, "[data-state=error]").await;
    assert_eq!(*errors.borrow(), 1);
    // While mounted, reload() retries the failed load.
    handle.reload();
    for _ in 0..100 {
        if *errors.borrow() == 2 {
            break;
        }
        tick().await;
    }
    assert_eq!(*errors.borrow(), 2, "reload retried");
    handle.unmount();
    assert_eq!(root.child_element_count(), 0);
    // Once unmounted, nothing of it reacts any more.
    handle.reload();
    for _ in 0..50 {
        tick().await;
    }
    assert_eq!(*errors.borrow(), 2, "no load after unmount");
    assert_eq!(root.child_element_count(), 0);
}

/// An early GET as the entry module makes it (`package/customer-profile.js`), with
/// `answer` as its response and `headers` as sent.
fn early_get(
    url: &str,
    headers: &[(&str, &str)],
    answer: &str,
) -> (JsValue, web_sys::AbortController) {
    let controller = web_sys::AbortController::new().expect("controller");
    let sent = js_sys::Object::new();
    for (name, value) in headers {
        js_sys::Reflect::set(&sent, &(*name).into(), &(*value).into()).expect("set");
    }
    let response = web_sys::Response::new_with_opt_str(Some(answer)).expect("a response");
    let early = js_sys::Object::new();
    for (key, value) in [
        ("url", JsValue::from_str(url)),
        ("headers", sent.into()),
        ("response", js_sys::Promise::resolve(&response).into()),
        ("controller", controller.clone().into()),
    ] {
        js_sys::Reflect::set(&early, &key.into(), &value).expect("set");
    }
    (early.into(), controller)
}

/// The entry module leaves unread the early GET's body that the app would refuse unread:
/// its `TOO_LONG` is the app's rule, 3 bytes per unit of `MAX_ANSWER`.
#[wasm_bindgen_test]
fn the_entry_s_size_rule_is_the_app_s() {
    use customer_profile::api::MAX_ANSWER;
    const ENTRY: &str = include_str!("../package/customer-profile.js");
    assert_eq!(MAX_ANSWER % (1 << 20), 0, "MAX_ANSWER in whole Mi units");
    let rule = format!("const TOO_LONG = 3 * ({} << 20);", MAX_ANSWER >> 20);
    assert!(ENTRY.contains(&rule), "the entry should say `{rule}`");
}

#[wasm_bindgen_test]
async fn the_early_get_s_text_read_by_the_entry_is_taken_as_it_is() {
    use customer_profile::api::{get_profile, EarlyGet};
    let config = RuntimeConfig::parse(
        r#"{"api_base_url":"http://127.0.0.1:9","api_key":"k","customer_id":"1","locale":"en","token":"t"}"#,
    )
    .expect("config");
    let url = config.profile_url("v2");
    let headers = [
        ("accept", "application/json"),
        ("accept-language", "en"),
        ("x-api-key", "k"),
        ("authorization", "Bearer t"),
    ];
    let load = |text: Option<js_sys::Promise>| {
        // The response's own body is not a profile: only the entry's text is.
        let (early, _) = early_get(&url, &headers, r#"{"email":"body@example.com"}"#);
        if let Some(text) = text {
            js_sys::Reflect::set(&early, &"text".into(), &text).expect("set");
        }
        let session = Session::new(
            config.clone(),
            Tokens::Fixed(config.token.clone()),
            Events::on_body(),
            Default::default(),
            Messages::default(),
        )
        .with_early_get(EarlyGet::from_js(&early));
        async move { get_profile(&session).await.map(|p| p.email) }
    };
    let read = js_sys::Promise::resolve(&JsValue::from_str(r#"{"email":"text@example.com"}"#));
    assert_eq!(
        load(Some(read)).await,
        Ok(Some("text@example.com".to_owned())),
        "the text the entry read"
    );
    // Left to the app (a body announced too long for the entry to read): the body itself.
    let left = js_sys::Promise::resolve(&JsValue::UNDEFINED);
    assert_eq!(
        load(Some(left)).await,
        Ok(Some("body@example.com".to_owned()))
    );
    assert_eq!(load(None).await, Ok(Some("body@example.com".to_owned())));
    // The body could not be read (the connection dropped): as any failed answer.
    let failed = js_sys::Promise::reject(&js_sys::TypeError::new("network").into());
    assert_eq!(load(Some(failed)).await, Err(ApiError::Network));
}

#[wasm_bindgen_test]
async fn the_first_load_takes_the_early_get_only_when_it_is_the_very_request() {
    use customer_profile::api::{get_profile, EarlyGet};
    // Nothing listens on the discard port: a GET of the app's own fails at once.
    let config = RuntimeConfig::parse(
        r#"{"api_base_url":"http://127.0.0.1:9","api_key":"k","customer_id":"1","locale":"de-DE","token":"t"}"#,
    )
    .expect("config");
    let url = config.profile_url("v2");
    let make = || {
        Session::new(
            config.clone(),
            Tokens::Fixed(config.token.clone()),
            Events::on_body(),
            Default::default(),
            Messages::default(),
        )
    };
    let headers = [
        ("accept", "application/json"),
        ("accept-language", "de-DE"),
        ("x-api-key", "k"),
        ("authorization", "Bearer t"),
    ];
    let profile = r#"{"email":"early@example.com"}"#;

    // The very request: its answer is the profile, and it is taken once.
    let (early, _) = early_get(&url, &headers, profile);
    let session = make().with_early_get(EarlyGet::from_js(&early));
    let read = get_profile(&session).await.expect("the early answer");
    assert_eq!(read.email.as_deref(), Some("early@example.com"));
    assert_eq!(
        get_profile(&session).await.err(),
        Some(ApiError::Network),
        "a second load sends its own GET"
    );

    // Another language, token or URL: not taken (the app's own GET goes out), and aborted.
    let mut other_language = headers;
    other_language[1] = ("accept-language", "en");
    let mut other_token = headers;
    other_token[3] = ("authorization", "Bearer old");
    let one_more = [&headers[..], &[("x-extra", "1")]].concat();
    for (what, url, sent) in [
        ("language", url.as_str(), &other_language[..]),
        ("token", url.as_str(), &other_token[..]),
        ("header", url.as_str(), &one_more[..]),
        (
            "URL",
            "http://127.0.0.1:9/v2/customers/2/profile",
            &headers[..],
        ),
    ] {
        let (early, controller) = early_get(url, sent, profile);
        let session = make().with_early_get(EarlyGet::from_js(&early));
        assert_eq!(
            get_profile(&session).await.err(),
            Some(ApiError::Network),
            "another {what}: not taken"
        );
        assert!(controller.signal().aborted(), "another {what}: aborted");
    }
}
