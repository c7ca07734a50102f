//! Static files: the built app at `/` and the demo host page at `/portal/`.
//!
//! Both are served the way a production CDN would serve them, so the app is tested under the
//! same conditions: precompressed `.br`/`.gz` variants, long-lived caching only for names with
//! a content hash, and (when asked) a strict content security policy.

use std::path::Path;

use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::{Redirect, Response},
    Router,
};
use tower_http::services::ServeDir;

/// `cache-control` for content-hashed names: the name changes whenever the content does.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `cache-control` for every other static file: always revalidated, so a new build shows up
/// at once (`index.html`, the stable `customer-profile.js` entry, the portal).
pub const NO_CACHE: &str = "no-cache";

/// The length of the content hash in asset names (`main-0123456789abcdef.css`).
const HASH_LEN: usize = 16;

/// A router serving `dir` (`index.html` for directories, precompressed variants when the
/// client accepts them) with cache headers by name and `csp`, if any, on every response.
pub(crate) fn serve(dir: &Path, csp: Option<HeaderValue>) -> Router {
    let files = ServeDir::new(dir)
        .append_index_html_on_directories(true)
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(csp, static_headers))
}

/// `GET /portal`: the portal's relative links (`portal.css`) need the trailing slash.
pub(crate) async fn to_portal() -> Redirect {
    Redirect::temporary("/portal/")
}

/// Adds `cache-control` (immutable only for a hashed name that was found), `vary:
/// accept-encoding` (a shared cache must not hand a `.br` body to a client that can't read
/// it) and the CSP.
async fn static_headers(
    State(csp): State<Option<HeaderValue>>,
    request: Request,
    next: Next,
) -> Response {
    let hashed = is_content_hashed(last_segment(request.uri().path()));
    let mut response = next.run(request).await;
    let found = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let cache = if hashed && found { IMMUTABLE } else { NO_CACHE };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(csp) = csp {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    response
}

/// The file name part of a request path (empty for a directory).
fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or_default()
}

/// Whether `name` carries a content hash: `-` then exactly 16 lowercase hex digits, then the
/// extension (`.js`, `.css`) or `_bg.wasm`.
fn is_content_hashed(name: &str) -> bool {
    name.match_indices('-').any(|(at, _)| {
        let rest = &name[at + 1..];
        let hash_ok = rest.get(..HASH_LEN).is_some_and(|hash| {
            hash.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        });
        let tail_ok = rest
            .get(HASH_LEN..)
            .is_some_and(|tail| tail == "_bg.wasm" || (tail.len() > 1 && tail.starts_with('.')));
        hash_ok && tail_ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        for name in [
            "customer-profile-0123456789abcdef.js",
            "customer-profile-0123456789abcdef_bg.wasm",
            "main-0123456789abcdef.css",
            "main-fedcba9876543210.css.map",
        ] {
            assert!(is_content_hashed(name), "{name}");
        }
    }

    #[test]
    fn unhashed_names() {
        for name in [
            "",
            "index.html",
            "customer-profile.js",
            "customer-profile-0123456789ABCDEF.js",
            "customer-profile-0123456789abcde.js",
            "customer-profile-0123456789abcdef0.js",
            "customer-profile-0123456789abcdef",
            "customer-profile-0123456789abcdef.",
            "customer-profile-0123456789abcdef_bg.js",
            "main-0123456789abcdeg.css",
            "é-0123456789abcdé.css",
        ] {
            assert!(!is_content_hashed(name), "{name}");
        }
    }

    #[test]
    fn last_segments() {
        assert_eq!(last_segment("/"), "");
        assert_eq!(last_segment("/a/b.js"), "b.js");
        assert_eq!(last_segment("/portal/"), "");
    }
}
