//! Live reload: what the server tells open pages after each build, over server-sent events, and
//! the script served pages get to listen (reload, swap a stylesheet, show or clear the error
//! overlay).

use std::path::Path;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Where pages listen for events.
pub const EVENTS_PATH: &str = "/__brief/events";
/// The script injected into served pages.
pub const SCRIPT_PATH: &str = "/__brief/reload.js";

/// One diagnostic as the overlay shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Problem {
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    /// `file:line:column`, as far as known.
    pub location: Option<String>,
    /// The human form with the source line, as the terminal shows it.
    pub human: String,
}

/// A failed build, for the overlay.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ErrorReport {
    /// `2 errors found`.
    pub summary: String,
    pub problems: Vec<Problem>,
}

impl ErrorReport {
    pub fn new(diagnostics: &Diagnostics, root: &Path) -> ErrorReport {
        let errors = diagnostics.error_count();
        ErrorReport {
            summary: format!(
                "{errors} error{} found; serving the last good build",
                if errors == 1 { "" } else { "s" }
            ),
            problems: diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| Problem {
                    location: d.location(),
                    human: d.render_human(root),
                    diagnostic: d.clone(),
                })
                .collect(),
        }
    }
}

/// What a build tells open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A good build: the output files that changed or went, and whether every page should
    /// reload regardless (the site recovered from an error).
    Reload {
        build: u64,
        written: Vec<String>,
        removed: Vec<String>,
        all: bool,
    },
    /// A failed build: show the overlay.
    Error(std::sync::Arc<ErrorReport>),
}

impl Event {
    /// The SSE event name and its JSON data.
    pub fn to_sse(&self) -> (&'static str, String) {
        match self {
            Event::Reload {
                build,
                written,
                removed,
                all,
            } => (
                "reload",
                serde_json::json!({"build": build, "written": written, "removed": removed, "all": all})
                    .to_string(),
            ),
            Event::Error(report) => (
                "build-error",
                serde_json::to_string(report.as_ref()).expect("a report always serialises"),
            ),
        }
    }
}

/// The first event a page gets: the build it should show, and the current error if any.
pub fn hello(build: u64, error: Option<&ErrorReport>) -> String {
    serde_json::json!({"build": build, "error": error}).to_string()
}

/// The `<script>` tag added to a served HTML page: `path` is the output file it was served from,
/// `build` the build it belongs to.
pub fn script_tag(path: &str, build: u64) -> String {
    format!(
        "<script src=\"{SCRIPT_PATH}\" data-path=\"{}\" data-build=\"{build}\"></script>",
        crate::util::escape::html(path)
    )
}

/// `html` with the reload script added before its last `</body>` (or at the end).
pub fn inject(html: &[u8], path: &str, build: u64) -> Vec<u8> {
    let tag = script_tag(path, build);
    let at = find_last_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&at| haystack[at..at + needle.len()].eq_ignore_ascii_case(needle))
}

/// The client: listens to [`EVENTS_PATH`], reloads when its own file changed (or all pages must),
/// swaps changed stylesheets in place, and shows failed builds in an overlay.
pub const SCRIPT: &str = r#"(() => {
  "use strict";
  const me = document.currentScript;
  const path = me ? me.dataset.path : "";
  const build = me ? Number(me.dataset.build) : 0;
  const OVERLAY = "brief-error-overlay";

  function hideOverlay() {
    const old = document.getElementById(OVERLAY);
    if (old) old.remove();
  }

  function showOverlay(report) {
    hideOverlay();
    const box = document.createElement("div");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,24,.94);color:#f4f4f5;font:14px/1.5 ui-monospace,monospace;" +
      "padding:2rem;white-space:normal";
    const title = document.createElement("h2");
    title.style.cssText = "margin:0 0 1rem;color:#fca5a5;font:bold 18px/1.4 ui-monospace,monospace";
    title.textContent = "brief: " + report.summary;
    box.appendChild(title);
    for (const problem of report.problems) {
      const item = document.createElement("div");
      item.className = "brief-problem";
      item.style.cssText = "margin:0 0 1.25rem";
      const where = document.createElement("div");
      where.className = "brief-location";
      where.style.cssText = "color:#93c5fd";
      where.textContent = (problem.location || "(site)") + ": " + problem.message;
      item.appendChild(where);
      const human = document.createElement("pre");
      human.style.cssText = "margin:.25rem 0 0;white-space:pre-wrap;color:#e4e4e7";
      human.textContent = problem.human;
      item.appendChild(human);
      box.appendChild(item);
    }
    const hint = document.createElement("p");
    hint.style.cssText = "color:#a1a1aa";
    hint.textContent = "Fix the file and save: this page reloads by itself.";
    box.appendChild(hint);
    (document.body || document.documentElement).appendChild(box);
  }

  function swapStylesheet(changed) {
    let swapped = false;
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      if (url.pathname.replace(/^\//, "") !== changed) continue;
      const fresh = link.cloneNode();
      url.searchParams.set("brief-reload", String(Date.now()));
      fresh.href = url.pathname + url.search;
      fresh.addEventListener("load", () => link.remove());
      fresh.addEventListener("error", () => link.remove());
      link.after(fresh);
      swapped = true;
    }
    return swapped;
  }

  function connect() {
    const source = new EventSource("/__brief/events");
    source.addEventListener("hello", (event) => {
      const data = JSON.parse(event.data);
      if (data.error) showOverlay(data.error);
      else if (data.build !== build) location.reload();
      else hideOverlay();
    });
    source.addEventListener("build-error", (event) => showOverlay(JSON.parse(event.data)));
    source.addEventListener("reload", (event) => {
      const data = JSON.parse(event.data);
      hideOverlay();
      const mine = data.written.includes(path) || data.removed.includes(path);
      const other = data.written.concat(data.removed)
        .some((file) => !file.endsWith(".html") && !file.endsWith(".css") && !file.endsWith(".xml"));
      if (data.all || mine || other) {
        location.reload();
        return;
      }
      for (const file of data.written) {
        if (file.endsWith(".css")) swapStylesheet(file);
      }
    });
    window.__briefLiveReload = source;
  }

  connect();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(html, "a/index.html", 3)).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/__brief/reload.js\" data-path=\"a/index.html\" data-build=\"3\"></script></BODY></html>"
        );
        let bare = String::from_utf8(inject(b"<p>x", "b", 1)).unwrap();
        assert!(bare.starts_with("<p>x<script"));
    }

    #[test]
    fn events_are_json() {
        let (name, data) = Event::Reload {
            build: 2,
            written: vec!["index.html".into()],
            removed: vec![],
            all: false,
        }
        .to_sse();
        assert_eq!(name, "reload");
        let value: serde_json::Value = serde_json::from_str(&data).unwrap();
        assert_eq!(value["written"][0], "index.html");
        let diagnostics = Diagnostics::from_iter([Diagnostic::error("front-matter", "bad")
            .in_file("content/articles/a.md")
            .at(2, 3)]);
        let report = ErrorReport::new(&diagnostics, Path::new("/nonexistent"));
        let (name, data) = Event::Error(std::sync::Arc::new(report)).to_sse();
        assert_eq!(name, "build-error");
        let value: serde_json::Value = serde_json::from_str(&data).unwrap();
        assert_eq!(
            value["problems"][0]["location"],
            "content/articles/a.md:2:3"
        );
        assert_eq!(value["problems"][0]["message"], "bad");
    }
}
