//! Progress shows only when an answer is slow: the loading view and the "Saving…" status
//! become visible 300 ms after they appear, so a quick answer flashes nothing; the loading
//! view is not even rendered (laid out, painted) before. A probe injected before the page's
//! scripts looks at every animation frame and records when each appeared in the DOM, when
//! it first became visible and, for the loading view, when its heading was first rendered.
//! The placeholder while the code downloads (the standalone page's in index.html, a portal's
//! editor's from the entry module) shows the same way, and the loading view takes over from
//! it without a blank frame; when the code cannot be had, the page or the editor says so,
//! in the customer's language; with scripts off, it says it needs them, and no placeholder
//! shows (`@media (scripting: none)`, DevTools' script-disabling emulation).

use e2e::{shadow, start_failed, Harness, Setup};
use serde_json::{json, Value};

const PROBE: &str = r#"
    (() => {
        const seen = [];
        window.__progress = seen;
        const watched = {
            loading: '.cp-loading', saving: '.cp-status.cp-saving', placeholder: '[data-placeholder]',
        };
        const open = {};
        // In the page, or in the shadow root of a portal's editor (which the observer does
        // not see: there, every frame looks).
        const find = (css) =>
            document.querySelector(css) ?? document.querySelector('customer-profile')?.shadowRoot?.querySelector(css);
        // Appearing and going: from a MutationObserver, right after the change.
        const check = () => {
            const now = performance.now();
            for (const [what, css] of Object.entries(watched)) {
                const el = find(css);
                if (el && !open[what]) {
                    open[what] = { what, added: now, shownFrame: null, visible: null, rendered: null, gone: null };
                    seen.push(open[what]);
                }
                if (!el && open[what]) {
                    open[what].gone = now;
                    open[what] = null;
                }
            }
        };
        new MutationObserver(check).observe(document, {
            subtree: true, childList: true, attributes: true, attributeFilter: ['class'],
        });
        // Frames with nothing of ours in the page after the placeholder was there.
        window.__blankFrames = 0;
        let placeholderSeen = false;
        // Becoming visible: looked at every animation frame, timed by the frame's own time
        // (rAF's argument), the clock its CSS animation runs on. While the main thread is
        // busy, as when the loading view appears during the wasm's start, that clock lags
        // behind `performance.now()` by up to a few hundred milliseconds on a loaded machine.
        const frame = (time) => {
            check();
            if (find('[data-placeholder]')) {
                placeholderSeen = true;
            } else if (placeholderSeen && !find('[data-state]')) {
                window.__blankFrames += 1;
            }
            for (const what of Object.keys(watched)) {
                const record = open[what];
                const el = record && find(watched[what]);
                if (el && record.shownFrame === null) {
                    record.shownFrame = time;
                }
                if (el && record.visible === null && el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
                    record.visible = time;
                    // Where its first skeleton card is when it shows (the loading view's
                    // must be where the placeholder's was).
                    record.cardTop = el.querySelector('.cp-skeleton-card')?.getBoundingClientRect().top ?? null;
                }
                // Rendered at all (false under `content-visibility: hidden`, true at opacity 0).
                const heading = el && el.querySelector('h1');
                if (heading && record.rendered === null && heading.checkVisibility()) {
                    record.rendered = time;
                }
            }
            requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
    })();
"#;

/// The probe's records of `what` so far: (appeared, became visible) in ms, on the clock of
/// the frames: the time of the first frame it was in, and of the first that showed it.
/// (Something that came and went between two frames was never in one: its time in the
/// DOM is given instead, and it was never visible.)
async fn seen(h: &Harness, what: &str) -> Vec<(f64, Option<f64>)> {
    let all = h.js("return window.__progress;").await;
    all.as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["what"] == what)
        .map(|r| {
            let appeared = r["shownFrame"].as_f64().or(r["added"].as_f64());
            (appeared.unwrap_or(0.0), r["visible"].as_f64())
        })
        .collect()
}

/// The shortest delay accepted between appearing and becoming visible, in frame time: the
/// 300 ms of the animation's delay, less a frame or so (when the frame's clock lags behind,
/// as the main thread is busy, the animation's start lags with it).
const LEAST_MS: f64 = 250.0;

/// Checks that `what` became visible about 300 ms after it appeared, and returns that delay.
fn shown_after_300_ms(records: &[(f64, Option<f64>)], what: &str) -> f64 {
    let [(added, Some(visible))] = records else {
        panic!("{what}: one appearance, then visible: {records:?}");
    };
    let delay = visible - added;
    assert!(
        (LEAST_MS..900.0).contains(&delay),
        "{what}: visible {delay} ms after it appeared"
    );
    delay
}

async fn slow(h: &Harness, route: &str, ms: u64) {
    let fault = json!({"route": route, "delay_ms": ms, "count": 1});
    let (code, text) = h.hook("POST", "/__sandbox/faults", &fault).await;
    assert!((200..300).contains(&code), "{text}");
}

#[tokio::test]
async fn a_slow_load_and_a_slow_save_show_progress_after_300_ms() {
    let h = Harness::start("progress-slow", Setup::example()).await;
    h.before_page_scripts(PROBE).await;
    slow(&h, "get_profile", 1500).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    let delay = shown_after_300_ms(&seen(&h, "loading").await, "loading");
    println!("loading shown {delay:.0} ms after it appeared");
    // Not laid out and painted, unseen, before it shows: a quick load costs no frame of it.
    let rendered = h
        .js("const r = window.__progress.find((r) => r.what === 'loading'); return r.rendered - r.shownFrame;")
        .await
        .as_f64()
        .expect("the loading view was rendered once it showed");
    assert!(
        rendered >= LEAST_MS,
        "the loading view was rendered {rendered} ms after it appeared"
    );

    h.fill("first_name", "Thomas").await;
    // The check's GET is quick; the PATCH is slow.
    slow(&h, "patch_profile", 1500).await;
    h.click("Save").await;
    h.wait_status("Your changes have been saved.").await;
    let delay = shown_after_300_ms(&seen(&h, "saving").await, "saving");
    println!("saving shown {delay:.0} ms after it appeared");
    h.close().await;
}

#[tokio::test]
async fn a_quick_load_and_a_quick_save_flash_nothing() {
    let h = Harness::start("progress-quick", Setup::example()).await;
    h.before_page_scripts(PROBE).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    h.fill("first_name", "Thomas").await;
    h.click("Save").await;
    h.wait_status("Your changes have been saved.").await;
    // Quick here means under 300 ms: what stayed shorter was never visible, and what was
    // visible (a loaded machine can be slow) only from about 300 ms on.
    for what in ["loading", "saving", "placeholder"] {
        for (added, visible) in seen(&h, what).await {
            if let Some(visible) = visible {
                assert!(
                    visible - added >= LEAST_MS,
                    "{what} shown after {} ms",
                    visible - added
                );
            }
            println!("{what}: visible {visible:?} (appeared at {added:.0} ms)");
        }
    }
    // The probe did see the save's status (transparent at first, not hidden: it is in the
    // accessibility tree at once).
    let all: Value = h.js("return window.__progress;").await;
    assert!(
        all.as_array()
            .is_some_and(|a| a.iter().any(|r| r["what"] == "saving")),
        "the probe saw no save: {all}"
    );
    h.close().await;
}

/// The probe's record of `what` (its first): appeared, visible, gone, first card's top.
async fn record(h: &Harness, what: &str) -> Value {
    h.js(&format!(
        "return window.__progress.find((r) => r.what === '{what}') ?? null;"
    ))
    .await
}

/// Where the tests look: the standalone page, or the portal's `<customer-profile id=profile>`.
#[derive(Clone, Copy)]
enum Page {
    Standalone,
    Portal,
}

impl Page {
    async fn open(self, h: &Harness) {
        match self {
            Page::Standalone => h.open().await,
            Page::Portal => h.open_portal().await,
        }
    }

    /// A JS expression: the first element matching `css` in the app's part of the page.
    fn find(self, css: &str) -> String {
        match self {
            Page::Standalone => format!("document.querySelector('{css}')"),
            Page::Portal => format!("{}?.querySelector('{css}')", shadow("#profile")),
        }
    }
}

/// With the wasm two seconds away and the profile four, the placeholder shows after 300 ms,
/// then the loading view in the same task, at once and with its cards in the same place.
async fn placeholder_then_loading_view(name: &str, page: Page) {
    let h = Harness::start(name, Setup::example()).await;
    h.before_page_scripts(PROBE).await;
    h.slow_download(100_000).await;
    slow(&h, "get_profile", 4000).await;
    page.open(&h).await;
    h.wait_js(&page.find("[data-state=loaded]"), "the form")
        .await;
    let delay = shown_after_300_ms(&seen(&h, "placeholder").await, "placeholder");
    println!("placeholder shown {delay:.0} ms after it appeared");
    let (placeholder, loading) = (record(&h, "placeholder").await, record(&h, "loading").await);
    println!("placeholder {placeholder}\nloading {loading}");
    let number =
        |r: &Value, key: &str| r[key].as_f64().unwrap_or_else(|| panic!("no {key} in {r}"));
    // Replaced in one task: no frame between the placeholder and the loading view.
    assert_eq!(h.js("return window.__blankFrames;").await, json!(0));
    // At once: visible in the first frame it was in, not 300 ms later.
    let (frame, visible) = (number(&loading, "shownFrame"), number(&loading, "visible"));
    assert_eq!(frame, visible, "the loading view after a shown placeholder");
    // Its cards where the placeholder's were: nothing jumps.
    let (was, is) = (number(&placeholder, "cardTop"), number(&loading, "cardTop"));
    assert!(
        (was - is).abs() <= 4.0,
        "cards at {was} px, then at {is} px"
    );
    let left = h
        .js(&format!(
            "return {} !== null;",
            page.find("[data-placeholder]")
        ))
        .await;
    assert_eq!(left, json!(false), "the placeholder is gone");
    h.close().await;
}

#[tokio::test]
async fn the_placeholder_shows_while_the_code_downloads_and_the_loading_view_takes_over() {
    placeholder_then_loading_view("progress-placeholder", Page::Standalone).await;
}

#[tokio::test]
async fn a_portals_editor_shows_the_placeholder_while_its_code_downloads() {
    placeholder_then_loading_view("progress-portal-placeholder", Page::Portal).await;
}

/// Records the `customer-profile-error` events the page hears.
const ERRORS: &str = r#"
    window.__errors = [];
    document.addEventListener('customer-profile-error', (e) => window.__errors.push(e.detail));
"#;

/// With the wasm's URL blocked, `page` shows the start failure's message in `lang` in place
/// of its placeholder, and says so with `customer-profile-error`.
async fn says_it_cannot_start(h: &Harness, page: Page, lang: &str) {
    let panel = page.find("[data-error=start-failed][role=alert]");
    h.wait_js(&panel, "the start failure's message").await;
    let shown = h
        .js(&format!(
            "const p = {panel}.querySelector('p'); return [p.lang, p.textContent];"
        ))
        .await;
    assert_eq!(shown, json!([lang, start_failed(lang)]));
    let left = h
        .js(&format!(
            "return {} !== null;",
            page.find("[data-placeholder]")
        ))
        .await;
    assert_eq!(left, json!(false), "no skeleton left");
    assert_eq!(
        h.js("return window.__errors;").await,
        json!([{ "status": null, "code": "start-failed" }])
    );
}

async fn without_the_wasm(name: &str, setup: Setup) -> Harness {
    let h = Harness::start(name, setup).await;
    h.before_page_scripts(ERRORS).await;
    h.devtools("Network.enable", json!({})).await;
    h.devtools("Network.setBlockedURLs", json!({ "urls": ["*_bg.wasm"] }))
        .await;
    h
}

#[tokio::test]
async fn a_page_whose_code_cannot_be_downloaded_says_so_in_its_language() {
    let h = without_the_wasm("progress-no-wasm", Setup::example().locale("fr-FR")).await;
    h.open().await;
    says_it_cannot_start(&h, Page::Standalone, "fr").await;
    h.close().await;
}

#[tokio::test]
async fn a_portals_editor_whose_code_cannot_be_downloaded_says_so() {
    let h = without_the_wasm("progress-portal-no-wasm", Setup::example()).await;
    h.open_portal().await;
    // The portal's editor has locale="en-GB".
    says_it_cannot_start(&h, Page::Portal, "en").await;
    let error_state = h
        .js("return document.querySelector('#profile').matches(':state(error)');")
        .await;
    assert_eq!(error_state, json!(true), "the element's :state(error)");
    h.close().await;
}

#[tokio::test]
async fn with_scripts_off_the_page_says_it_needs_them_and_no_skeleton_shows() {
    let h = Harness::start("progress-no-scripts", Setup::example()).await;
    h.devtools(
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": true }),
    )
    .await;
    h.open().await;
    // Twice the placeholder's delay: it would be showing by now.
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    let page = h
        .devtools(
            "Runtime.evaluate",
            json!({
                "returnByValue": true,
                "expression": "[matchMedia('(scripting: none)').matches, \
                    document.querySelector('[data-placeholder]').checkVisibility(), \
                    document.querySelector('main').innerText.trim()]",
            }),
        )
        .await;
    assert_eq!(
        page["result"]["value"],
        json!([
            true,
            false,
            "This page needs JavaScript and WebAssembly to show your profile."
        ]),
        "{page}"
    );
    h.close().await;
}
