//! The HTTP side of `serve`: axum routes on a tokio runtime, and the guard
//! every request passes first (one `Host`, its own; no other site's page;
//! its own `Origin` and the per-server secret for writes; a bounded body).
//! Connections are bounded too: at most [`MAX_CONNECTIONS`] at once, headers
//! within [`HEADER_TIMEOUT`], and the views that build the translation
//! memory one at a time.

use super::model::{self, FileLocks, Saved};
use super::{pages, Typed};
use crate::error::{Error, Result};
use crate::project::Project;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// What every request handler shares.
pub struct Server {
    pub project: Project,
    /// The per-server secret a write must carry (`X-Ftlkit-Token`).
    pub secret: String,
    /// The interface the server listens on, as given (`127.0.0.1`).
    pub host: String,
    pub port: u16,
    pub locks: FileLocks,
    /// Bumped on every change under `content/`, `locales/` or `l10n-state/`
    /// and on every save: the preview reloads when it changes.
    pub generation: Arc<AtomicU64>,
}

type Shared = Arc<Server>;

impl Server {
    /// The project as its files say now: `ftlkit.toml` and the locales are
    /// read again for every request (a locale `ftlkit init` added shows up).
    fn current(&self) -> Result<Project> {
        Project::load(&self.project.root)
    }
}

/// A random secret: 128 bits from the system's generator.
pub fn new_secret() -> Result<String> {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| Error::io("/dev/urandom", e))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Binds the listening socket (port 0: one the system picks).
pub fn bind(host: &str, port: u16) -> Result<std::net::TcpListener> {
    let address = if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    let listener = std::net::TcpListener::bind(&address).map_err(|e| {
        Error::Usage(format!(
            "cannot listen on {address}: {e}; pick another --port"
        ))
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::io(&address, e))?;
    Ok(listener)
}

/// The routes, behind the guard.
pub fn router(server: Shared) -> Router {
    Router::new()
        .route("/", get(dashboard))
        .route("/locale/{locale}", get(locale_dashboard))
        .route("/translate/{locale}/{*doc}", get(translate))
        .route("/preview/{locale}/{*doc}", get(preview))
        .route("/api/generation", get(generation))
        .route("/api/concordance/{locale}", get(concordance))
        .route("/api/save/{locale}/{*doc}", post(save))
        .route("/api/accept/{locale}/{*doc}", post(accept))
        .route("/api/review/{locale}/{*doc}", post(review))
        .route("/api/lint/{locale}/{*doc}", post(lint))
        .route("/api/fix/{locale}/{*doc}", post(fix))
        .route(
            "/static/serve.css",
            get(|| async { asset("text/css", pages::CSS) }),
        )
        .route(
            "/static/serve.js",
            get(|| async { asset("text/javascript", pages::JS) }),
        )
        .fallback(|| async { not_found() })
        .layer(DefaultBodyLimit::max(super::MAX_BODY))
        .layer(middleware::from_fn_with_state(server.clone(), guard))
        .with_state(server)
}

/// Serves until the process is stopped, watching the project's files.
pub fn run(server: Server, listener: std::net::TcpListener) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("<tokio runtime>", e))?;
    let server = Arc::new(server);
    let _watcher = super::watch::start(&server.project, server.generation.clone())?;
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| Error::io("<listener>", e))?;
        serve_connections(listener, router(server)).await;
        Ok(())
    })
}

/// The most connections served at once; more wait to be accepted.
pub const MAX_CONNECTIONS: usize = 64;
/// A request's headers must arrive within this time, or the connection is
/// closed (a client that never finishes them holds no slot for long).
pub const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
/// A connection is closed (after its request in flight) once this old, so
/// idle keep-alive connections give their slot back.
pub const CONNECTION_LIFETIME: std::time::Duration = std::time::Duration::from_secs(120);

/// Accepts connections, at most [`MAX_CONNECTIONS`] at once, each served
/// with the [`HEADER_TIMEOUT`] and closed after [`CONNECTION_LIFETIME`].
async fn serve_connections(listener: tokio::net::TcpListener, app: Router) {
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, a connection reset before accept:
            // wait a little and go on.
            Err(_) => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                () = tokio::time::sleep(CONNECTION_LIFETIME) => {
                    connection.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(HEADER_TIMEOUT, connection).await;
                }
            }
            drop(slot);
        });
    }
}

/// The views that build a locale's translation memory (a large TMX takes
/// seconds and hundreds of megabytes): one at a time, the others wait.
async fn heavy<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    static HEAVY: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let _permit = HEAVY
        .get_or_init(|| tokio::sync::Semaphore::new(1))
        .acquire()
        .await
        .ok()?;
    blocking(work).await
}

fn refuse(status: StatusCode, why: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        why.to_string(),
    )
        .into_response()
}

fn not_found() -> Response {
    refuse(StatusCode::NOT_FOUND, "not found")
}

/// Refuses what did not come from this server's own pages: another `Host`
/// (DNS rebinding), another `Origin` or a cross-site fetch on a write, and a
/// write without the secret. Adds the headers every answer gets.
async fn guard(State(server): State<Shared>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    // RFC 9112: a request with more than one Host is a bad request.
    if headers.get_all(header::HOST).iter().count() > 1 {
        return refuse(
            StatusCode::BAD_REQUEST,
            "bad request: more than one Host header",
        );
    }
    // Another site's page (an `<img src>` to this server) is refused before
    // any work, whatever the method: the browser says where it comes from.
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v == "cross-site" || v == "same-site")
    {
        return refuse(
            StatusCode::FORBIDDEN,
            "forbidden: a request from another site",
        );
    }
    let host_ok =
        text(header::HOST).is_some_and(|h| super::host_allowed(h, server.port, &server.host));
    if !host_ok {
        return refuse(
            StatusCode::FORBIDDEN,
            "forbidden: this server answers only to its own address",
        );
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let origin_ok = match text(header::ORIGIN) {
            None => true,
            Some(o) => super::origin_allowed(o, server.port, &server.host),
        };
        let site_ok = headers
            .get("sec-fetch-site")
            .is_none_or(|v| v == "same-origin" || v == "none");
        let secret_ok = headers
            .get("x-ftlkit-token")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| super::same_secret(t, &server.secret));
        if !origin_ok || !site_ok {
            return refuse(
                StatusCode::FORBIDDEN,
                "forbidden: a write from another site",
            );
        }
        if !secret_ok {
            return refuse(
                StatusCode::FORBIDDEN,
                "forbidden: a write without this server's token",
            );
        }
    }
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.entry(header::CONTENT_SECURITY_POLICY).or_insert(HeaderValue::from_static(
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-src 'self'; img-src 'self' data:; frame-ancestors 'self'; form-action 'none'; base-uri 'none'",
    ));
    response
}

fn asset(kind: &'static str, text: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], text).into_response()
}

/// The media type of a file a page uses, by its extension.
fn media_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        "txt" | "rs" | "toml" | "py" | "sh" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn page(html: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

fn json(value: serde_json::Value) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

fn failed(err: &Error) -> Response {
    let mut r = page(pages::problem(
        "ftlkit could not read the project",
        &err.to_string(),
    ));
    *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    r
}

/// Runs disk work off the async threads.
/// Guarded reads remember which folders have no symbolic link for the life
/// of the process; a server forgets that before every request (and on every
/// change the watcher sees), so a folder swapped for a link is checked again.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(move || {
        crate::fsutil::forget_folder_links();
        work()
    })
    .await
    .ok()
}

async fn dashboard(State(server): State<Shared>) -> Response {
    let s = server.clone();
    match blocking(move || model::dashboard(&s.current()?, None)).await {
        Some(Ok(rows)) => page(pages::dashboard(
            &server.project.root.display().to_string(),
            &rows,
            None,
        )),
        Some(Err(e)) => failed(&e),
        None => refuse(StatusCode::INTERNAL_SERVER_ERROR, "failed"),
    }
}

/// One locale's documents with their progress.
async fn locale_dashboard(State(server): State<Shared>, Path(locale): Path<String>) -> Response {
    let (s, id) = (server.clone(), locale.clone());
    match blocking(move || model::dashboard(&s.current()?, Some(&id))).await {
        Some(Ok(rows)) if rows.is_empty() => not_found(),
        Some(Ok(rows)) => page(pages::dashboard(
            &server.project.root.display().to_string(),
            &rows,
            Some(&locale),
        )),
        Some(Err(e)) => failed(&e),
        None => refuse(StatusCode::INTERNAL_SERVER_ERROR, "failed"),
    }
}

/// Runs `work` for a locale and document the project has; 404 otherwise.
async fn with_names<F>(server: Shared, locale: String, doc: String, work: F) -> Response
where
    F: FnOnce(&Server, &Project, &crate::project::Locale, &str) -> Response + Send + 'static,
{
    with_names_in(false, server, locale, doc, work).await
}

/// [`with_names`], one at a time when `is_heavy` (see [`heavy`]).
async fn with_names_in<F>(
    is_heavy: bool,
    server: Shared,
    locale: String,
    doc: String,
    work: F,
) -> Response
where
    F: FnOnce(&Server, &Project, &crate::project::Locale, &str) -> Response + Send + 'static,
{
    let work = move || {
        let project = match server.current() {
            Ok(p) => p,
            Err(e) => return failed(&e),
        };
        match model::named(&project, &locale, &doc) {
            Ok(Some(l)) => work(&server, &project, l, &doc),
            Ok(None) => not_found(),
            Err(e) => failed(&e),
        }
    };
    let done = if is_heavy {
        heavy(work).await
    } else {
        blocking(work).await
    };
    done.unwrap_or_else(|| refuse(StatusCode::INTERNAL_SERVER_ERROR, "failed"))
}

async fn translate(
    State(server): State<Shared>,
    Path((locale, doc)): Path<(String, String)>,
) -> Response {
    with_names_in(
        true,
        server,
        locale,
        doc,
        |s, p, l, doc| match model::translate_view(p, l, doc) {
            Ok(view) => page(pages::translate(&view, &s.secret)),
            Err(e) => failed(&e),
        },
    )
    .await
}

/// A file a previewed page uses, as the build publishes it.
fn asset_response(path: &str, bytes: Vec<u8>) -> Response {
    let mut r = ([(header::CONTENT_TYPE, media_type(path))], bytes).into_response();
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'",
        ),
    );
    r
}

async fn preview(
    State(server): State<Shared>,
    Path((locale, doc)): Path<(String, String)>,
) -> Response {
    // A path that is no document may be a file the page uses (an image
    // beside it), served as the build publishes it for the locale.
    // A link between documents in a preview (`other.html`, as build links
    // pages) is the other document's preview.
    enum Target {
        Doc(String),
        File(Vec<u8>),
    }
    let (s, l, d) = (server.clone(), locale.clone(), doc.clone());
    let target = blocking(move || {
        let project = s.current().ok()?;
        project.locale(&l)?;
        let is_doc = |d: &str| model::named(&project, &l, d).ok().flatten().is_some();
        if is_doc(&d) {
            return None;
        }
        if let Some(stem) = d.strip_suffix(".html").filter(|stem| is_doc(stem)) {
            return Some(Target::Doc(stem.to_string()));
        }
        crate::build::published_asset(&project, &l, &d)
            .ok()
            .flatten()
            .map(Target::File)
    })
    .await
    .flatten();
    let doc = match target {
        Some(Target::Doc(stem)) => stem,
        Some(Target::File(bytes)) => return asset_response(&doc, bytes),
        None => doc,
    };
    with_names(server, locale, doc, |_, p, l, doc| {
        let mut r = match model::preview(p, l, doc) {
            Ok(html) => page(html),
            Err(e) => {
                let mut r = page(pages::problem("No preview", &e.to_string()));
                *r.status_mut() = StatusCode::CONFLICT;
                r
            }
        };
        // The page is build's, sanitized as build sanitizes it; it runs no script here.
        r.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline' 'self'; img-src 'self' data:; frame-ancestors 'self'"),
        );
        r
    })
    .await
}

async fn generation(State(server): State<Shared>) -> Response {
    let n = server.generation.load(Ordering::SeqCst);
    ([(header::CONTENT_TYPE, "text/plain")], n.to_string()).into_response()
}

/// The translation memory entries of a locale that contain the phrase `q`:
/// `{ "entries": [{ "source", "target", "origin" }] }`.
async fn concordance(
    State(server): State<Shared>,
    Path(locale): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    heavy(move || {
        let project = match server.current() {
            Ok(p) => p,
            Err(e) => return failed(&e),
        };
        let q = query
            .iter()
            .find(|(k, _)| k == "q")
            .map_or("", |(_, v)| v.as_str());
        match model::concordance(&project, &locale, q) {
            Ok(Some(entries)) => {
                let entries: Vec<serde_json::Value> = entries
                    .iter()
                    .map(|e| {
                        serde_json::json!({
                            "source": e.source,
                            "target": e.target,
                            "origin": e.origin.label(),
                        })
                    })
                    .collect();
                json(serde_json::json!({ "entries": entries }))
            }
            Ok(None) => not_found(),
            Err(e) => {
                let mut r = json(serde_json::json!({ "entries": [], "error": e.to_string() }));
                *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
                r
            }
        }
    })
    .await
    .unwrap_or_else(|| refuse(StatusCode::INTERNAL_SERVER_ERROR, "failed"))
}

/// The message id, its token and the typed parts (`part:NAME`) of a form.
fn typed_of(form: &[(String, String)]) -> (String, String, Typed) {
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let typed = form
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("part:").map(|p| (p.to_string(), v.clone())))
        .collect();
    (field("id"), field("token"), typed)
}

/// Findings as the page shows them, each with whether its Fix button is
/// offered (a safe fix, as `check --fix` makes).
fn findings_json(findings: &[(crate::finding::Finding, bool)]) -> serde_json::Value {
    findings
        .iter()
        .map(|(f, fix)| {
            serde_json::json!({
                "code": f.code.as_str(),
                "severity": pages::severity(f),
                "message": f.message,
                "line": f.line,
                "column": f.column,
                "fix": fix,
            })
        })
        .collect()
}

async fn lint(
    State(server): State<Shared>,
    Path((locale, doc)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    with_names(server, locale, doc, move |_, p, l, doc| {
        let (id, _, typed) = typed_of(&form);
        match model::lint_candidate_fixes(p, l, doc, &id, &typed) {
            Ok(findings) => json(serde_json::json!({ "findings": findings_json(&findings) })),
            Err(e) => json(serde_json::json!({ "findings": [], "error": e.to_string() })),
        }
    })
    .await
}

/// A Fix button: the editor's text with one finding's safe fix made (form
/// fields `code` and `n`, the finding's rank among the message's findings
/// of that code), for the editor; nothing is written.
async fn fix(
    State(server): State<Shared>,
    Path((locale, doc)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    with_names(server, locale, doc, move |_, p, l, doc| {
        let (id, _, typed) = typed_of(&form);
        let field = |name: &str| {
            form.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let code = field("code").unwrap_or_default();
        let n = field("n").and_then(|n| n.parse().ok()).unwrap_or(0);
        let (status, answer) = match model::fix_candidate(p, l, doc, &id, &typed, code, n) {
            Ok(model::Fixed::Parts(parts)) => (
                StatusCode::OK,
                serde_json::json!({ "status": "fixed", "parts": parts }),
            ),
            Ok(model::Fixed::Refused(error)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                serde_json::json!({ "status": "refused", "error": error }),
            ),
            Err(e) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                serde_json::json!({ "status": "refused", "error": e.to_string() }),
            ),
        };
        let mut r = json(answer);
        *r.status_mut() = status;
        r
    })
    .await
}

async fn save(
    State(server): State<Shared>,
    Path((locale, doc)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    with_names(server, locale, doc, move |s, p, l, doc| {
        let (id, token, typed) = typed_of(&form);
        let saved = model::save(p, &s.locks, l, doc, &id, &typed, &token);
        let answer = match saved {
            Ok(Saved::Written { token }) => {
                s.generation.fetch_add(1, Ordering::SeqCst);
                let findings =
                    model::lint_candidate_fixes(p, l, doc, &id, &typed).unwrap_or_default();
                serde_json::json!({ "status": "saved", "token": token, "findings": findings_json(&findings) })
            }
            Ok(Saved::Refused(error)) => serde_json::json!({ "status": "refused", "error": error }),
            Ok(Saved::Unchanged { token, stale }) => {
                let note = if stale {
                    "nothing changed, so it is still stale: if it is still right, Accept it"
                } else {
                    "nothing changed"
                };
                serde_json::json!({ "status": "unchanged", "token": token, "stale": stale, "note": note })
            }
            Ok(Saved::Conflict { disk, token }) => {
                let yours = super::entry_for(&id, &typed).unwrap_or_else(|_| {
                    typed.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n")
                });
                // The file's version by part, for "take the file's version".
                let parts = disk
                    .as_deref()
                    .map(|d| super::block_parts(&id, d))
                    .unwrap_or_default();
                serde_json::json!({ "status": "conflict", "disk": disk, "disk_parts": parts, "token": token, "yours": yours })
            }
            Err(e) => serde_json::json!({ "status": "refused", "error": e.to_string() }),
        };
        let status = match answer["status"].as_str() {
            Some("saved" | "unchanged") => StatusCode::OK,
            Some("conflict") => StatusCode::CONFLICT,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        let mut r = json(answer);
        *r.status_mut() = status;
        r
    })
    .await
}

async fn accept(
    State(server): State<Shared>,
    Path((locale, doc)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    record_review(server, locale, doc, form, false).await
}

async fn review(
    State(server): State<Shared>,
    Path((locale, doc)): Path<(String, String)>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    record_review(server, locale, doc, form, true).await
}

/// Accept (a stale translation still right) or review (any translation a
/// person checked): the state record written, the translation untouched.
async fn record_review(
    server: Shared,
    locale: String,
    doc: String,
    form: Vec<(String, String)>,
    review: bool,
) -> Response {
    with_names(server, locale, doc, move |s, p, l, doc| {
        let (id, token, _) = typed_of(&form);
        let (status, answer) = match model::accept(p, &s.locks, l, doc, &id, &token, review) {
            Ok(model::Accepted::Done) => {
                s.generation.fetch_add(1, Ordering::SeqCst);
                (StatusCode::OK, serde_json::json!({ "status": "accepted" }))
            }
            Ok(model::Accepted::NotStale) => (
                StatusCode::OK,
                serde_json::json!({ "status": "not-stale" }),
            ),
            Ok(model::Accepted::Conflict) => (
                StatusCode::CONFLICT,
                serde_json::json!({ "status": "conflict", "error": "the message changed on disk since the page showed it: reload" }),
            ),
            Err(e) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                serde_json::json!({ "status": "refused", "error": e.to_string() }),
            ),
        };
        let mut r = json(answer);
        *r.status_mut() = status;
        r
    })
    .await
}
