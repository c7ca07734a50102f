//! The `sandbox` binary: flags, exit codes, and a real start.

mod common;

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
};

use axum::http::StatusCode;
use common::*;

fn sandbox() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sandbox"))
}

#[test]
fn help_and_bad_flags() {
    let out = sandbox().arg("--help").output().expect("run");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--test-hooks"));

    let out = sandbox().arg("--frobnicate").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown argument \"--frobnicate\""));
}

#[test]
fn corrupt_data_fails_with_a_clear_message() {
    let dir = TempDir::new("bin-corrupt");
    std::fs::write(dir.data(), "not json").expect("write");
    let out = sandbox()
        .args(["--port", "0", "--data"])
        .arg(dir.data())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not valid sandbox data"));
}

#[tokio::test]
async fn starts_prints_its_url_and_credentials_and_serves() {
    let dir = TempDir::new("bin-run");
    let mut child = sandbox()
        .args(["--port", "0", "--reset", "--test-hooks", "--data"])
        .arg(dir.data())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut printed = String::new();
    while !printed.contains("Press Ctrl-C") {
        if stdout.read_line(&mut printed).expect("read") == 0 {
            break;
        }
    }
    let url = printed
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("url printed")
        .to_owned();
    assert!(
        printed.contains(sandbox::credentials::AGENT_TOKEN),
        "{printed}"
    );
    let addr = url.trim_start_matches("http://").parse().expect("addr");
    let res = http(
        addr,
        "GET",
        "/v2/customers/123456789/profile",
        &good_headers(example_token()),
        None,
    )
    .await;
    let hooks = http(addr, "GET", "/__sandbox/requests", &[], None).await;
    child.kill().expect("kill");
    let _ = child.wait();
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["gm_number"], "123456789");
    assert_eq!(hooks.status, StatusCode::OK);
}
