//! A local stand-in for the provider's Customer Profile API.
//!
//! It implements every rule of `shared/api/CONTRACT.md` (auth order, validation, merge
//! semantics, address verification, problem details in English or French) over a JSON data
//! file, so the app can be developed and tested end to end without the real API. Test hooks
//! (`/__sandbox/*`) let browser tests inspect requests and inject faults.
//!
//! ```no_run
//! # async fn demo() -> Result<(), sandbox::StartError> {
//! let running = sandbox::start(sandbox::Config::new("data.json"), ([127, 0, 0, 1], 0).into()).await?;
//! println!("{}", running.url());
//! running.stop().await;
//! # Ok(()) }
//! ```

use std::{
    fmt, io,
    net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr},
    path::PathBuf,
    sync::Arc,
    time::Duration,
};

use axum::{
    http::{header, HeaderName, HeaderValue, Method},
    middleware,
    routing::{get, patch},
    Router,
};
use tokio::{net::TcpSocket, sync::oneshot, task::JoinHandle};
use tower_http::cors::{AllowOrigin, CorsLayer};

mod api;
pub mod args;
mod auth;
pub mod countries;
pub mod credentials;
mod hooks;
pub mod locale;
pub mod places;
pub mod problem;
pub mod seed;
pub mod statics;
mod store;
pub mod validate;

use problem::ApiError;
use store::Store;

/// The largest PATCH body accepted (64 KiB); larger ones get 413.
pub const MAX_BODY: usize = 64 * 1024;

/// The route of the v2 read model.
pub const GET_PROFILE_PATH: &str = "/v2/customers/{customer_id}/profile";
/// The route of the v1 update.
pub const PATCH_PROFILE_PATH: &str = "/v1/customers/{customer_id}/profile";

/// The content security policy the app must work under when embedded: nothing inline, no
/// `eval` (only WebAssembly compilation), styles and scripts from the page's own origin, and
/// `connect-src 'self'` because the sandbox API is same-origin. `--csp` puts it on every static
/// file; the portal gets it even without `--csp` (unless [`Config::csp`] sets another policy).
pub const STRICT_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

/// Everything that shapes one sandbox server.
#[derive(Debug, Clone)]
pub struct Config {
    /// The JSON data file (`{"customers": {...}}`), created from the seed if missing.
    pub data_path: PathBuf,
    /// Overwrite the data file with the seed at start.
    pub reset: bool,
    /// Mount the `/__sandbox/*` test hooks (404 otherwise).
    pub test_hooks: bool,
    /// Origins allowed by CORS; empty = same-origin only (no CORS headers at all).
    pub allow_origins: Vec<String>,
    /// A directory served at `/` (the built app), `index.html` for directories.
    pub dist_dir: Option<PathBuf>,
    /// A directory served at `/portal/` (a host page embedding the app, such as
    /// `examples/portal`), always under a CSP: `csp`, or [`STRICT_CSP`] when that is `None`.
    pub portal_dir: Option<PathBuf>,
    /// A `content-security-policy` for every static file (dist and portal); `None` = no
    /// header on dist files. Lets tests prove the app needs no inline code or `eval`.
    pub csp: Option<String>,
    /// What `GET /config.json` answers.
    pub demo: Demo,
}

impl Config {
    /// A config with only the data file set: no reset, no hooks, no CORS, no static files,
    /// no CSP, the default demo customer.
    pub fn new(data_path: impl Into<PathBuf>) -> Self {
        Config {
            data_path: data_path.into(),
            reset: false,
            test_hooks: false,
            allow_origins: Vec::new(),
            dist_dir: None,
            portal_dir: None,
            csp: None,
            demo: Demo::default(),
        }
    }
}

/// The customer, token and locale the served app starts with (via `/config.json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demo {
    /// The customer whose profile the app opens.
    pub customer_id: String,
    /// That customer's bearer token (a sandbox-only demo value).
    pub token: String,
    /// The `accept-language` the app sends.
    pub locale: String,
}

impl Default for Demo {
    /// The scenario page's example customer, its token, in British English.
    fn default() -> Self {
        Demo {
            customer_id: seed::EXAMPLE.to_owned(),
            token: credentials::token_for(seed::EXAMPLE)
                .unwrap_or_default()
                .to_owned(),
            locale: "en-GB".to_owned(),
        }
    }
}

/// Why a sandbox could not start.
#[derive(Debug)]
pub enum StartError {
    /// The address could not be bound.
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The OS error.
        source: io::Error,
    },
    /// The data file exists but could not be read.
    ReadData {
        /// The data file.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// The data file is not a sandbox data file; it is left untouched.
    CorruptData {
        /// The data file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The data file could not be created from the seed.
    WriteData {
        /// The data file.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// An `allow_origins` entry that is not a valid header value.
    InvalidOrigin(String),
    /// `dist_dir` or `portal_dir` is not a directory.
    DistNotFound(PathBuf),
    /// `csp` is not a valid header value (e.g. it contains a line break).
    InvalidCsp(String),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::Bind { addr, source } => write!(f, "cannot listen on {addr}: {source}"),
            StartError::ReadData { path, source } => {
                write!(f, "cannot read the data file {}: {source}", path.display())
            }
            StartError::CorruptData { path, reason } => write!(
                f,
                "the data file {} is not valid sandbox data ({reason}); fix it, delete it, or start with --reset to overwrite it with the seed",
                path.display()
            ),
            StartError::WriteData { path, source } => {
                write!(f, "cannot write the data file {}: {source}", path.display())
            }
            StartError::InvalidOrigin(origin) => write!(f, "invalid CORS origin {origin:?}"),
            StartError::DistNotFound(dir) => {
                write!(f, "the static directory {} does not exist", dir.display())
            }
            StartError::InvalidCsp(csp) => {
                write!(f, "invalid content security policy {csp:?}")
            }
        }
    }
}

impl std::error::Error for StartError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StartError::Bind { source, .. }
            | StartError::ReadData { source, .. }
            | StartError::WriteData { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The state shared by every handler: the store behind one lock, the config and the hooks.
#[derive(Clone)]
pub struct AppState {
    store: Arc<tokio::sync::Mutex<Store>>,
    config: Arc<Config>,
    hooks: Arc<hooks::Hooks>,
}

impl AppState {
    /// Checks `config` and loads (or creates) its data file: what [`router`] needs, for
    /// in-process tests that skip the network.
    pub fn new(config: Config) -> Result<AppState, StartError> {
        if let Some(origin) = config
            .allow_origins
            .iter()
            .find(|o| HeaderValue::from_str(o).is_err())
        {
            return Err(StartError::InvalidOrigin(origin.clone()));
        }
        let dirs = [&config.dist_dir, &config.portal_dir];
        if let Some(dir) = dirs.into_iter().flatten().find(|d| !d.is_dir()) {
            return Err(StartError::DistNotFound(dir.clone()));
        }
        if let Some(csp) = config.csp.as_ref().filter(|c| csp_header(c).is_none()) {
            return Err(StartError::InvalidCsp(csp.clone()));
        }
        let store = Store::open(&config.data_path, config.reset)?;
        Ok(AppState {
            store: Arc::new(tokio::sync::Mutex::new(store)),
            config: Arc::new(config),
            hooks: Arc::default(),
        })
    }

    /// Runs `change` on the store under the lock, on a blocking thread, to completion even
    /// if the client goes away: a read-merge-write is never interleaved or half-done.
    async fn update<T, E, F>(&self, change: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        E: Into<ApiError>,
        F: FnOnce(&mut Store) -> Result<T, E> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || change(&mut store.blocking_lock()).map_err(Into::into))
            .await
            .unwrap_or_else(|e| Err(ApiError::Storage(e.to_string())))
    }
}

impl From<io::Error> for ApiError {
    fn from(e: io::Error) -> Self {
        ApiError::Storage(e.to_string())
    }
}

/// `csp` as a header value, if it is a valid one.
fn csp_header(csp: &str) -> Option<HeaderValue> {
    HeaderValue::from_str(csp).ok()
}

/// The whole HTTP surface: API routes, `/config.json`, test hooks when enabled, the portal at
/// `/portal/`, static files as the fallback, CORS when origins are configured.
pub fn router(state: AppState) -> Router {
    let config = Arc::clone(&state.config);
    let mut profile_routes = Router::new()
        .route(GET_PROFILE_PATH, get(api::get_profile))
        .route(PATCH_PROFILE_PATH, patch(api::patch_profile));
    if config.test_hooks {
        profile_routes = profile_routes.route_layer(middleware::from_fn_with_state(
            state.clone(),
            hooks::inject_faults,
        ));
    }
    let profile_routes = profile_routes.route_layer(middleware::from_fn(problem::localize));

    let mut app = Router::new()
        .merge(profile_routes)
        .route("/config.json", get(api::config_json));
    if config.test_hooks {
        app = app.nest("/__sandbox", hooks::routes());
    }
    let dist_csp = config.csp.as_deref().and_then(csp_header);
    if let Some(dir) = &config.portal_dir {
        let portal_csp = dist_csp
            .clone()
            .unwrap_or(HeaderValue::from_static(STRICT_CSP));
        app = app
            .route("/portal", get(statics::to_portal))
            .nest_service("/portal/", statics::serve(dir, Some(portal_csp)));
    }
    app = match &config.dist_dir {
        Some(dir) => app.fallback_service(statics::serve(dir, dist_csp)),
        None => app.fallback(|| async { ApiError::NotFound }),
    };
    let mut app = app.with_state(state.clone());

    if !config.allow_origins.is_empty() {
        let origins: Vec<HeaderValue> = config
            .allow_origins
            .iter()
            .filter_map(|o| HeaderValue::from_str(o).ok())
            .collect();
        app = app.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::PATCH, Method::OPTIONS])
                .allow_headers([
                    header::AUTHORIZATION,
                    HeaderName::from_static(auth::API_KEY_HEADER),
                    header::ACCEPT_LANGUAGE,
                    header::CONTENT_TYPE,
                    header::ACCEPT,
                ])
                .max_age(Duration::from_secs(600)),
        );
    }
    if config.test_hooks {
        app = app.layer(middleware::from_fn_with_state(state, hooks::record));
    }
    app
}

/// A sandbox serving in the background of the current tokio runtime.
#[derive(Debug)]
pub struct Running {
    /// The address actually bound (the real port when 0 was asked for).
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<io::Result<()>>,
}

impl Running {
    /// The base URL, e.g. `http://127.0.0.1:8080` (loopback when bound to all interfaces).
    pub fn url(&self) -> String {
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}", SocketAddr::new(ip, self.addr.port()))
    }

    /// Stops the server: graceful for at most one second, then aborted. When this returns the
    /// listening socket is closed and the port can be bound again.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if tokio::time::timeout(Duration::from_secs(1), &mut self.task)
            .await
            .is_err()
        {
            self.task.abort();
            let _ = (&mut self.task).await;
        }
    }
}

impl Drop for Running {
    /// A sandbox dropped without [`Running::stop`] is aborted rather than left serving.
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Loads the data, binds `addr` (port 0 = any free port) and serves in the background of the
/// current tokio runtime; returns as soon as the socket is listening.
pub async fn start(config: Config, addr: SocketAddr) -> Result<Running, StartError> {
    let state = AppState::new(config)?;
    let bind_error = |source| StartError::Bind { addr, source };
    let socket = match addr {
        SocketAddr::V4(_) => TcpSocket::new_v4(),
        SocketAddr::V6(_) => TcpSocket::new_v6(),
    }
    .map_err(bind_error)?;
    socket.set_reuseaddr(true).map_err(bind_error)?;
    socket.bind(addr).map_err(bind_error)?;
    let listener = socket.listen(1024).map_err(bind_error)?;
    let local = listener.local_addr().map_err(bind_error)?;
    let app = router(state);
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await
    });
    Ok(Running {
        addr: local,
        shutdown: Some(tx),
        task,
    })
}
