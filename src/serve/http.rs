//! The preview's HTTP side: maps a request path to a file of the current
//! snapshot, and streams rebuild events to browsers.
//!
//! Only files of the built site are ever served, from memory: `..`, encoded
//! traversal, backslashes and NUL bytes are refused with 400 before any
//! lookup; folders serve their `index.html`, `/foo` redirects to `/foo/`,
//! anything else gets the site's 404 page with status 404.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State as Shared;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::live_reload::{self, EVENTS_PATH};
use super::state::{Event, Snapshot, State};

/// The longest a request waits for files still being made.
const PENDING_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// The preview's routes.
pub fn router(state: Arc<State>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(page)
        .with_state(state)
}

/// What a request path resolves to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site (output path).
    File(String),
    /// A folder asked for without its trailing slash: redirect here.
    Redirect(String),
    /// Nothing there.
    Missing,
    /// A path that tries to leave the site or is malformed.
    Bad,
}

/// Resolves a raw (still percent-encoded) request path.
pub fn resolve(snapshot: &Snapshot, raw: &str) -> Target {
    let lowered = raw.to_ascii_lowercase();
    if raw.contains('\\')
        || lowered.contains("%5c")
        || lowered.contains("%00")
        || raw.contains('\0')
    {
        return Target::Bad;
    }
    let Some(path) = crate::url::percent_decode(raw) else {
        return Target::Bad;
    };
    if !path.starts_with('/')
        || path.split('/').any(|s| s == ".." || s == ".")
        || path.contains('\0')
        || path.contains('\\')
    {
        return Target::Bad;
    }
    let root = snapshot.root.as_str();
    let Some(rel) = path.strip_prefix(root) else {
        if format!("{path}/") == root {
            return Target::Redirect(root.to_string());
        }
        return Target::Missing;
    };
    if rel.starts_with('/') {
        return Target::Bad;
    }
    let wanted = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if snapshot.pages.contains_key(&wanted) {
        return Target::File(wanted);
    }
    if !rel.ends_with('/') && snapshot.pages.contains_key(&format!("{rel}/index.html")) {
        return Target::Redirect(format!("{path}/"));
    }
    Target::Missing
}

/// The `Content-Type` for an output path.
pub fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ if !path.rsplit('/').next().unwrap_or_default().contains('.')
            || path.ends_with(".nojekyll") =>
        {
            "text/plain; charset=utf-8"
        }
        _ => "application/octet-stream",
    }
}

async fn page(Shared(state): Shared<Arc<State>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "method not allowed\n",
        )
            .into_response();
    }
    let decoded = crate::url::percent_decode(uri.path()).unwrap_or_default();
    let snapshot = state.settled(&decoded, PENDING_WAIT).await;
    match resolve(&snapshot, uri.path()) {
        Target::File(path) => file(&state, &snapshot, &path, StatusCode::OK),
        Target::Redirect(location) => {
            let location = match uri.query() {
                Some(query) => format!("{location}?{query}"),
                None => location,
            };
            (
                StatusCode::MOVED_PERMANENTLY,
                [(header::LOCATION, location)],
            )
                .into_response()
        }
        Target::Bad => (StatusCode::BAD_REQUEST, "bad request\n").into_response(),
        Target::Missing if snapshot.pages.contains_key("404.html") => {
            file(&state, &snapshot, "404.html", StatusCode::NOT_FOUND)
        }
        Target::Missing => not_found_without_site(&snapshot),
    }
}

fn file(state: &State, snapshot: &Snapshot, path: &str, status: StatusCode) -> Response {
    let Some(made) = snapshot.pages.get(path) else {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    };
    // A page is rendered when first requested (`render::deferred`); a long
    // one (the sitemap, a big list) must not hold up the server's other
    // tasks meanwhile.
    let bytes = match tokio::task::block_in_place(|| state.recent.bytes(made)) {
        Ok(bytes) => bytes,
        Err(problem) => return failed_page(snapshot, &problem),
    };
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        Body::from(live_reload::inject(&bytes, snapshot.error.as_deref()))
    } else {
        Body::from(bytes)
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A page whose template failed when rendered on request: the error, shown
/// as a failed build's is.
fn failed_page(snapshot: &Snapshot, problem: &crate::error::Diagnostic) -> Response {
    let text = crate::error::BuildError::Site(vec![problem.clone()]).report_serving(true);
    let shell = b"<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>briefing preview</title></head>\n<body>\n<p>This page could not be rendered.</p>\n</body>\n</html>\n";
    let shown = snapshot.error.as_deref().unwrap_or(&text);
    let mut response = (
        StatusCode::INTERNAL_SERVER_ERROR,
        Body::from(live_reload::inject(shell, Some(shown))),
    )
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// While no build has succeeded yet there is no 404 page: show the error.
fn not_found_without_site(snapshot: &Snapshot) -> Response {
    let shell = b"<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>briefing preview</title></head>\n<body>\n<p>Nothing to show yet.</p>\n</body>\n</html>\n";
    let mut response = (
        StatusCode::NOT_FOUND,
        Body::from(live_reload::inject(shell, snapshot.error.as_deref())),
    )
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

async fn events(Shared(state): Shared<Arc<State>>) -> impl IntoResponse {
    let pending = state.current().error.clone().map(Event::Error);
    let updates = BroadcastStream::new(state.subscribe()).map(|event| match event {
        Ok(event) => event,
        // Missed some: whatever they were, a reload shows the latest site.
        Err(_) => Event::Reload,
    });
    let stream = tokio_stream::iter(pending)
        .chain(updates)
        .map(|event| Ok::<_, Infallible>(to_sse(event)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn to_sse(event: Event) -> SseEvent {
    match event {
        Event::Reload => SseEvent::default().event("reload").data("reload"),
        Event::Css => SseEvent::default().event("css").data("css"),
        Event::Error(text) => SseEvent::default().event("error").data(text),
    }
}
