//! The harness itself (issue 32): a test that panics ends its browser, so that a long run
//! with failures does not pile up orphaned Chromium processes.

use std::sync::{Arc, Mutex};

use e2e::{Harness, Setup};

/// How many processes carry `pattern` on their command line (`pgrep -f`).
fn processes_with(pattern: &str) -> usize {
    let out = std::process::Command::new("pgrep")
        .args(["-f", "--", pattern])
        .output()
        .expect("pgrep (Debian's procps)");
    String::from_utf8_lossy(&out.stdout).lines().count()
}

#[tokio::test]
async fn a_test_that_panics_ends_its_browser() {
    let profile: Arc<Mutex<Option<String>>> = Arc::default();
    let seen = profile.clone();
    let failed = tokio::spawn(async move {
        let h = Harness::start("harness-panics", Setup::example()).await;
        h.open().await;
        let pattern = format!("--user-data-dir={}", h.profile_dir().display());
        assert!(processes_with(&pattern) > 0, "the browser runs");
        *seen.lock().expect("lock") = Some(pattern);
        panic!("a failing assertion in a test");
    })
    .await;
    assert!(failed.is_err_and(|e| e.is_panic()), "the test panicked");
    let pattern = profile
        .lock()
        .expect("lock")
        .clone()
        .expect("the browser had started");
    // Killed processes may take a moment to be reaped.
    for _ in 0..50 {
        if processes_with(&pattern) == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!(
        "{} processes of the panicked test's browser are still running",
        processes_with(&pattern)
    );
}
