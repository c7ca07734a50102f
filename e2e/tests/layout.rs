//! Layout: usable from 320 px to 1440 px without horizontal scrolling, and a focused control
//! never hidden behind the portal's sticky header or the form's sticky action bar.

use e2e::{Harness, Setup};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};

#[tokio::test]
async fn no_horizontal_scrolling_from_320_to_1440_px() {
    let h = Harness::start("widths", Setup::customer(sandbox::seed::NON_LATIN)).await;
    h.open().await;
    h.wait_for("[data-state=loaded]").await;
    for width in [320, 375, 768, 1024, 1440] {
        h.client
            .set_window_size(width, 900)
            .await
            .expect("window size");
        let fits = h
            .wait_js(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1
                 ? 'fits' : document.documentElement.scrollWidth",
                "the page width",
            )
            .await;
        assert_eq!(fits, "fits", "horizontal scrolling at {width} px");
    }
    h.client
        .set_window_size(320, 900)
        .await
        .expect("window size");
    h.screenshot("loaded-320px").await;
    h.close().await;
}

/// Presses Tab (with Shift when `back`) through WebDriver actions: keys go to whatever has
/// focus, also inside a shadow root.
async fn tab(h: &Harness, back: bool) {
    let mut keys = KeyActions::new("keyboard".to_owned());
    if back {
        keys = keys.then(KeyAction::Down { value: '\u{E008}' });
    }
    keys = keys
        .then(KeyAction::Down { value: '\u{E004}' })
        .then(KeyAction::Up { value: '\u{E004}' });
    if back {
        keys = keys.then(KeyAction::Up { value: '\u{E008}' });
    }
    h.client.perform_actions(keys).await.expect("Tab");
}

/// Where the focused control of the widget is, against the portal header and the action bar.
const WHERE: &str = "const root = document.getElementById('profile').shadowRoot;
    const e = root.activeElement;
    if (!e) return 'outside';
    const r = e.getBoundingClientRect();
    const header = document.querySelector('header').getBoundingClientRect().bottom;
    const bar = root.querySelector('.cp-actions');
    const inBar = bar.contains(e);
    const barTop = bar.getBoundingClientRect().top;
    const ok = r.top >= header - 1 && r.bottom <= innerHeight + 1 && (inBar || r.bottom <= barTop + 1);
    return ok ? 'clear' : `${e.getAttribute('name') || e.textContent.trim()}: top ${r.top}, bottom ${r.bottom}, header ${header}, bar ${barTop}`;";

#[tokio::test]
async fn focus_is_never_hidden_behind_sticky_bars() {
    let h = Harness::start("focus-obscured", Setup::example()).await;
    h.client
        .set_window_size(1024, 700)
        .await
        .expect("window size");
    h.open_portal_loaded("the widget loaded").await;
    h.js("document.getElementById('profile').shadowRoot.querySelector('[name=first_name]').focus(); return true;")
        .await;
    let mut seen = 0;
    for back in [false, true] {
        for _ in 0..30 {
            tab(&h, back).await;
            let place = h.js(WHERE).await;
            if place == "outside" {
                break;
            }
            seen += 1;
            assert_eq!(place, "clear", "focus obscured (backwards: {back})");
        }
    }
    assert!(seen > 20, "tabbed through the widget ({seen} stops)");
    h.close().await;
}

#[tokio::test]
async fn loading_does_not_shift_the_layout() {
    let h = Harness::start("cls", Setup::example()).await;
    let slow = serde_json::json!({"route": "get_profile", "delay_ms": 800, "count": 1});
    h.hook("POST", "/__sandbox/faults", &slow).await;
    h.open().await;
    h.wait_for("[data-state=loading]").await;
    h.wait_for("[data-state=loaded]").await;
    // Every layout shift since navigation (buffered), not caused by input.
    let script = "const done = arguments[arguments.length - 1]; let cls = 0;
        new PerformanceObserver(list => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => done(cls), 500);";
    let cls = h.client.execute_async(script, vec![]).await.expect("CLS");
    let cls = cls.as_f64().expect("a number");
    println!("cumulative layout shift from navigation to the populated form: {cls:.4}");
    assert!(cls < 0.01, "cumulative layout shift {cls}");
    h.close().await;
}
