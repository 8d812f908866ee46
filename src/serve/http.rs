//! The HTTP side of `brief serve`: the latest good build served from memory, the live-reload
//! endpoints, and nothing outside the site.

use std::borrow::Cow;
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bytes::Bytes;
use tokio::sync::{broadcast, watch};

use super::reload::{self, ErrorReport, Event};
use crate::output::Output;

/// What the server shows: the latest good build, and the error of the latest build if it
/// failed. Replaced whole after each build, so a request sees one build or the next, never a mix.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Increases with every good build.
    pub build: u64,
    /// None until a build succeeds.
    pub output: Option<Arc<Output>>,
    pub error: Option<Arc<ErrorReport>>,
}

/// Shared by every request.
#[derive(Clone)]
pub struct Shared {
    pub snapshot: watch::Receiver<Arc<Snapshot>>,
    pub events: broadcast::Sender<Event>,
    /// Turns true on Ctrl-C: open event streams end so the server can stop.
    pub shutdown: watch::Receiver<bool>,
    /// The path of the site's `base_url` (`/desk`, or ""): the site is served under it, as it
    /// is published.
    pub base_path: Arc<str>,
    /// The address the server listens on, whose `Host` values it answers to.
    pub bind: IpAddr,
}

pub fn router(shared: Shared) -> Router {
    Router::new()
        .route(reload::EVENTS_PATH, get(events))
        .route(reload::SCRIPT_PATH, get(script))
        .fallback(file)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            only_known_hosts,
        ))
        .with_state(shared)
}

/// Answer only requests for `localhost` or the address the server listens on (any address,
/// when it listens on all of them): a page on another site could otherwise point its own
/// domain at this machine (DNS rebinding) and read the preview, drafts included.
async fn only_known_hosts(
    State(shared): State<Shared>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|host| host.to_str().ok());
    if host.is_some_and(|host| allows_host(shared.bind, host)) {
        return next.run(request).await;
    }
    respond(
        StatusCode::FORBIDDEN,
        "text/plain; charset=utf-8",
        "brief serve answers only to localhost and the address it listens on\n",
    )
}

/// Whether a `Host` header value names `localhost` or `bind` (any IP address, when `bind` is
/// the unspecified address), with or without a port.
pub fn allows_host(bind: IpAddr, host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split_once(']').map_or("", |(inside, _)| inside),
        None => host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                name
            } else {
                host
            }
        }),
    };
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(address) => address == bind || bind.is_unspecified(),
        Err(_) => false,
    }
}

/// Where a request path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The output file with this key.
    File(String),
    /// A folder asked for without its slash: the same path with one.
    Redirect(String),
    /// A try to leave the site (`..`, encoded slashes, backslashes, NUL).
    Forbidden,
    NotFound,
}

/// Resolve a raw (still percent-encoded) request path against the files `exists` knows, for a
/// site served under `base_path` (`/desk`, or ""): `/` and `/desk` lead to `/desk/`, and what
/// is outside `/desk/` is not found.
pub fn resolve_under(base_path: &str, raw: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    if base_path.is_empty() {
        return resolve(raw, exists);
    }
    if raw == "/" || raw == base_path {
        return Resolved::Redirect(format!("{base_path}/"));
    }
    match raw.strip_prefix(base_path) {
        Some(rest) if rest.starts_with('/') => match resolve(rest, exists) {
            Resolved::Redirect(location) => Resolved::Redirect(format!("{base_path}{location}")),
            resolved => resolved,
        },
        _ => Resolved::NotFound,
    }
}

/// Resolve a raw (still percent-encoded) request path against the files `exists` knows.
fn resolve(raw: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    let lower = raw.to_ascii_lowercase();
    if !raw.starts_with('/') || raw.contains('\\') || lower.contains("%2f") || lower.contains("%5c")
    {
        return Resolved::Forbidden;
    }
    let Ok(decoded) = String::from_utf8(crate::util::escape::percent_decode(raw)) else {
        return Resolved::NotFound;
    };
    if decoded.contains('\0')
        || decoded.contains('\\')
        || decoded
            .split('/')
            .any(|segment| segment == ".." || segment == ".")
    {
        return Resolved::Forbidden;
    }
    let key = &decoded[1..];
    if key.starts_with('/') {
        return Resolved::Forbidden;
    }
    if key.is_empty() || key.ends_with('/') {
        let index = format!("{key}index.html");
        return if exists(&index) {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if exists(key) {
        return Resolved::File(key.to_owned());
    }
    if exists(&format!("{key}/index.html")) {
        return Resolved::Redirect(format!("{raw}/"));
    }
    Resolved::NotFound
}

/// The `Content-Type` of an output file, by its name (mime_guess's table); text types say
/// UTF-8, which is what brief writes.
pub fn content_type(path: &str) -> Cow<'static, str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    // A feed's name ends in `.xml`; feed readers and browsers want to be told it is Atom.
    let mime = if name == "atom.xml" || name.ends_with(".atom") {
        "application/atom+xml"
    } else {
        mime_guess::from_path(name)
            .first_raw()
            .unwrap_or("application/octet-stream")
    };
    let text = mime.starts_with("text/")
        || mime == "application/xml"
        || (mime.starts_with("application/") && mime.ends_with("+xml"));
    if text {
        format!("{mime}; charset=utf-8").into()
    } else {
        mime.into()
    }
}

fn respond(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Response {
    let mut response = (status, body.into()).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// An output file as served: HTML gets the reload script.
fn file_response(status: StatusCode, path: &str, bytes: &Bytes, build: u64) -> Response {
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        respond(status, &kind, reload::inject(bytes, path, build))
    } else {
        respond(status, &kind, bytes.clone())
    }
}

async fn file(State(shared): State<Shared>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = respond(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            "method not allowed\n",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let snapshot = shared.snapshot.borrow().clone();
    let Some(output) = snapshot.output.as_ref() else {
        // No good build yet: a page that shows the overlay and reloads once the site builds.
        let html = format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>brief: the site has errors</title></head><body><p>The site has errors; fix them and this page reloads.</p>{}</body></html>",
            reload::script_tag("", snapshot.build)
        );
        return respond(
            StatusCode::SERVICE_UNAVAILABLE,
            "text/html; charset=utf-8",
            html,
        );
    };
    match resolve_under(&shared.base_path, uri.path(), |key| {
        output.files.contains_key(key)
    }) {
        Resolved::File(key) => {
            file_response(StatusCode::OK, &key, &output.files[&key], snapshot.build)
        }
        Resolved::Redirect(location) => {
            let mut response = respond(
                StatusCode::MOVED_PERMANENTLY,
                "text/plain; charset=utf-8",
                format!("moved to {location}\n"),
            );
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Resolved::Forbidden => respond(
            StatusCode::FORBIDDEN,
            "text/plain; charset=utf-8",
            "forbidden\n",
        ),
        Resolved::NotFound => match output.files.get("404.html") {
            Some(page) => file_response(StatusCode::NOT_FOUND, "404.html", page, snapshot.build),
            None => respond(
                StatusCode::NOT_FOUND,
                "text/plain; charset=utf-8",
                "not found\n",
            ),
        },
    }
}

async fn script() -> Response {
    respond(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        reload::SCRIPT,
    )
}

/// The event stream: `hello` first, then one event per build, until shutdown.
async fn events(State(shared): State<Shared>) -> impl IntoResponse {
    let receiver = shared.events.subscribe();
    let snapshot = shared.snapshot.borrow().clone();
    let hello = SseEvent::default()
        .event("hello")
        .data(reload::hello(snapshot.build, snapshot.error.as_deref()));
    struct Stream {
        hello: Option<SseEvent>,
        receiver: broadcast::Receiver<Event>,
        shutdown: watch::Receiver<bool>,
    }
    let state = Stream {
        hello: Some(hello),
        receiver,
        shutdown: shared.shutdown.clone(),
    };
    let stream = futures_util::stream::unfold(state, |mut state| async move {
        if let Some(hello) = state.hello.take() {
            return Some((Ok::<_, Infallible>(hello), state));
        }
        if *state.shutdown.borrow() {
            return None;
        }
        let event = tokio::select! {
            _ = state.shutdown.changed() => return None,
            received = state.receiver.recv() => match received {
                Ok(event) => {
                    let (name, data) = event.to_sse();
                    SseEvent::default().event(name).data(data)
                }
                // Missed events: the page cannot know what changed, so it reloads.
                Err(broadcast::error::RecvError::Lagged(_)) => SseEvent::default()
                    .event("reload")
                    .data(r#"{"build":0,"written":[],"removed":[],"all":true}"#),
                Err(broadcast::error::RecvError::Closed) => return None,
            },
        };
        Some((Ok(event), state))
    });
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exists(key: &str) -> bool {
        ["index.html", "a/index.html", "style.css", "my file.txt"].contains(&key)
    }

    #[test]
    fn resolves_files_folders_and_redirects() {
        assert_eq!(resolve("/", exists), Resolved::File("index.html".into()));
        assert_eq!(
            resolve("/a/", exists),
            Resolved::File("a/index.html".into())
        );
        assert_eq!(resolve("/a", exists), Resolved::Redirect("/a/".into()));
        assert_eq!(
            resolve("/style.css", exists),
            Resolved::File("style.css".into())
        );
        assert_eq!(
            resolve("/my%20file.txt", exists),
            Resolved::File("my file.txt".into())
        );
        assert_eq!(resolve("/b/", exists), Resolved::NotFound);
        assert_eq!(resolve("/%ff", exists), Resolved::NotFound);
    }

    #[test]
    fn serves_under_the_base_path_and_redirects_the_root_to_it() {
        let under = |raw| resolve_under("/desk", raw, exists);
        assert_eq!(under("/"), Resolved::Redirect("/desk/".into()));
        assert_eq!(under("/desk"), Resolved::Redirect("/desk/".into()));
        assert_eq!(under("/desk/"), Resolved::File("index.html".into()));
        assert_eq!(under("/desk/a"), Resolved::Redirect("/desk/a/".into()));
        assert_eq!(under("/desk/style.css"), Resolved::File("style.css".into()));
        assert_eq!(under("/style.css"), Resolved::NotFound);
        assert_eq!(under("/desktop/"), Resolved::NotFound);
        assert_eq!(under("/desk/../etc/passwd"), Resolved::Forbidden);
        assert_eq!(
            resolve_under("", "/style.css", exists),
            Resolved::File("style.css".into())
        );
    }

    #[test]
    fn refuses_to_leave_the_site() {
        for attempt in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/a%2f..%2f..%2fetc/passwd",
            "/a%2F",
            "/..%5c..%5cetc",
            "/a\\..\\b",
            "/%00",
            "//etc/passwd",
            "/./index.html",
        ] {
            assert_eq!(resolve(attempt, exists), Resolved::Forbidden, "{attempt}");
        }
    }

    #[test]
    fn answers_only_to_localhost_and_its_own_address() {
        let loopback: IpAddr = "127.0.0.1".parse().unwrap();
        for host in ["127.0.0.1", "127.0.0.1:1111", "localhost", "LOCALHOST:8080"] {
            assert!(allows_host(loopback, host), "{host}");
        }
        for host in [
            "attacker.example",
            "attacker.example:1111",
            "127.0.0.1.nip.io",
            "10.0.0.2",
            "",
            "localhost.attacker.example",
            "[::1]",
        ] {
            assert!(!allows_host(loopback, host), "{host}");
        }
        let v6: IpAddr = "::1".parse().unwrap();
        assert!(allows_host(v6, "[::1]:1111") && allows_host(v6, "localhost"));
        assert!(!allows_host(v6, "127.0.0.1"));
        let all: IpAddr = "0.0.0.0".parse().unwrap();
        assert!(allows_host(all, "192.168.1.20:1111") && allows_host(all, "[fe80::1]"));
        assert!(!allows_host(all, "rebind.attacker.example"));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("x/Y.PNG"), "image/png");
        assert_eq!(content_type("search.js"), "text/javascript; charset=utf-8");
        assert_eq!(
            content_type("site.webmanifest"),
            "application/manifest+json"
        );
        assert_eq!(content_type("icon.svg"), "image/svg+xml");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
