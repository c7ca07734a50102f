//! Static files as a CDN would serve them: the portal at `/portal/`, the content security
//! policy, precompressed variants and cache headers by name.

mod common;

use std::path::{Path, PathBuf};

use axum::{http::StatusCode, Router};
use common::*;
use sandbox::{
    statics::{IMMUTABLE, NO_CACHE},
    AppState, Config, StartError, STRICT_CSP,
};

const HASHED_JS: &str = "customer-profile-0123456789abcdef.js";
const HASHED_WASM: &str = "customer-profile-0123456789abcdef_bg.wasm";
const HASHED_CSS: &str = "main-0123456789abcdef.css";

/// Writes `files` (name, content) into `dir/name`, creating it.
fn write_dir(dir: PathBuf, files: &[(&str, &str)]) -> PathBuf {
    std::fs::create_dir_all(&dir).expect("mkdir");
    for (name, content) in files {
        std::fs::write(dir.join(name), content).expect("write");
    }
    dir
}

/// A dist like the app's build: the page, the stable entry, hashed assets and their `.br`/`.gz`.
fn dist(root: &Path) -> PathBuf {
    write_dir(
        root.join("dist"),
        &[
            ("index.html", "<!doctype html><title>app</title>"),
            ("customer-profile.js", "export const ready = 1;"),
            (HASHED_JS, "plain js"),
            ("customer-profile-0123456789abcdef.js.br", "brotli js"),
            ("customer-profile-0123456789abcdef.js.gz", "gzip js"),
            (HASHED_WASM, "\0asm"),
            (HASHED_CSS, "body{}"),
        ],
    )
}

/// A portal: a page and its stylesheet, with a brotli variant of the stylesheet.
fn portal(root: &Path) -> PathBuf {
    write_dir(
        root.join("portal"),
        &[
            ("index.html", "<!doctype html><title>portal</title>"),
            ("portal.css", "plain css"),
            ("portal.css.br", "brotli css"),
        ],
    )
}

fn accept(encoding: &str) -> Vec<(String, String)> {
    vec![("accept-encoding".into(), encoding.into())]
}

async fn get(app: &Router, path: &str) -> Resp {
    call(app, "GET", path, &[], None).await
}

#[tokio::test]
async fn the_portal_is_served_under_the_strict_csp() {
    let dir = TempDir::new("portal");
    let portal = portal(dir.path());
    let app = app_with(&dir, |c| c.portal_dir = Some(portal));

    let res = get(&app, "/portal/").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&res.body).contains("<title>portal</title>"));
    assert_eq!(res.header("content-security-policy"), Some(STRICT_CSP));
    assert_eq!(res.header("cache-control"), Some(NO_CACHE));

    let res = get(&app, "/portal/portal.css").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, b"plain css");
    assert_eq!(res.header("content-security-policy"), Some(STRICT_CSP));
    assert_eq!(res.header("cache-control"), Some(NO_CACHE));

    // Even a miss carries the policy; without a dist other paths are problem details.
    let res = get(&app, "/portal/missing.js").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.header("content-security-policy"), Some(STRICT_CSP));
    let res = get(&app, "/index.html").await;
    assert_eq!(
        (res.status, res.code().as_str()),
        (StatusCode::NOT_FOUND, "NOT_FOUND")
    );
}

#[tokio::test]
async fn portal_without_slash_redirects() {
    let dir = TempDir::new("portal-redirect");
    let portal = portal(dir.path());
    let app = app_with(&dir, |c| c.portal_dir = Some(portal));
    let res = get(&app, "/portal").await;
    assert_eq!(res.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(res.header("location"), Some("/portal/"));
    // Without a portal there is no such route.
    let res = get(&common::app(&dir), "/portal/").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_configured_csp_applies_to_dist_and_portal() {
    let dir = TempDir::new("csp");
    let (dist, portal) = (dist(dir.path()), portal(dir.path()));

    // Default: no policy on dist files.
    let plain = app_with(&dir, |c| c.dist_dir = Some(dist.clone()));
    for path in ["/", "/customer-profile.js", &format!("/{HASHED_WASM}")] {
        let res = get(&plain, path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert_eq!(res.header("content-security-policy"), None, "{path}");
    }

    // --csp: the strict policy on every dist file, not on API answers.
    let strict = app_with(&dir, |c| {
        c.dist_dir = Some(dist.clone());
        c.csp = Some(STRICT_CSP.into());
    });
    for path in [
        "/",
        "/index.html",
        "/customer-profile.js",
        &format!("/{HASHED_JS}"),
    ] {
        let res = get(&strict, path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert_eq!(
            res.header("content-security-policy"),
            Some(STRICT_CSP),
            "{path}"
        );
    }
    let res = get(&strict, "/config.json").await;
    assert_eq!(res.header("content-security-policy"), None);
    assert_eq!(res.header("cache-control"), Some("no-store"));

    // A custom policy replaces the strict one on the portal too.
    let custom = "default-src 'self'";
    let app = app_with(&dir, |c| {
        c.portal_dir = Some(portal.clone());
        c.csp = Some(custom.into());
    });
    let res = get(&app, "/portal/").await;
    assert_eq!(res.header("content-security-policy"), Some(custom));
}

#[tokio::test]
async fn precompressed_variants_are_served_when_accepted() {
    let dir = TempDir::new("precompressed");
    let (dist, portal) = (dist(dir.path()), portal(dir.path()));
    let app = app_with(&dir, |c| {
        c.dist_dir = Some(dist);
        c.portal_dir = Some(portal);
    });
    let path = format!("/{HASHED_JS}");

    let res = call(&app, "GET", &path, &accept("gzip, deflate, br"), None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-encoding"), Some("br"));
    assert_eq!(res.body, b"brotli js");
    assert!(res
        .header("content-type")
        .is_some_and(|t| t.contains("javascript")));
    assert_eq!(res.header("cache-control"), Some(IMMUTABLE));
    assert_eq!(res.header("vary"), Some("accept-encoding"));

    let res = call(&app, "GET", &path, &accept("gzip"), None).await;
    assert_eq!(res.header("content-encoding"), Some("gzip"));
    assert_eq!(res.body, b"gzip js");

    for headers in [vec![], accept("identity")] {
        let res = call(&app, "GET", &path, &headers, None).await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(res.header("content-encoding"), None);
        assert_eq!(res.body, b"plain js");
        assert_eq!(res.header("vary"), Some("accept-encoding"));
    }

    // The portal too.
    let res = call(&app, "GET", "/portal/portal.css", &accept("br"), None).await;
    assert_eq!(res.header("content-encoding"), Some("br"));
    assert_eq!(res.body, b"brotli css");
    assert_eq!(res.header("content-security-policy"), Some(STRICT_CSP));
}

#[tokio::test]
async fn only_hashed_names_are_cached_for_good() {
    let dir = TempDir::new("cache");
    let dist = dist(dir.path());
    let app = app_with(&dir, |c| c.dist_dir = Some(dist));
    for name in [HASHED_JS, HASHED_WASM, HASHED_CSS] {
        let res = get(&app, &format!("/{name}")).await;
        assert_eq!(res.status, StatusCode::OK, "{name}");
        assert_eq!(res.header("cache-control"), Some(IMMUTABLE), "{name}");
    }
    let res = get(&app, &format!("/{HASHED_WASM}")).await;
    assert_eq!(res.header("content-type"), Some("application/wasm"));
    for path in ["/", "/index.html", "/customer-profile.js"] {
        let res = get(&app, path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert_eq!(res.header("cache-control"), Some(NO_CACHE), "{path}");
    }
    // A hashed name that is missing must not be cached for a year.
    let res = get(&app, "/main-fedcba9876543210.css").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.header("cache-control"), Some(NO_CACHE));
}

#[tokio::test]
async fn bad_static_config_is_refused() {
    let dir = TempDir::new("static-errors");
    let mut config = Config::new(dir.data());
    config.portal_dir = Some(dir.path().join("missing"));
    assert!(matches!(
        AppState::new(config),
        Err(StartError::DistNotFound(_))
    ));
    let mut config = Config::new(dir.data());
    config.csp = Some("default-src 'none'\r\nx-evil: 1".into());
    let err = AppState::new(config).err().expect("invalid csp");
    assert!(matches!(err, StartError::InvalidCsp(_)), "{err}");
}
