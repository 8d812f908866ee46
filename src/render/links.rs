//! Internal links checked against what the build produces: every link of a Markdown body or a
//! briefing note (and every media `src` that is a site path) must name a page or file of the
//! output, and its `#anchor` an element id of that page. External links are left alone: a build
//! never goes to the network.
//!
//! This runs inside the pipeline, so `brief build` fails on a broken link exactly as
//! `brief check` reports it.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::documents::{LinkTable, RenderedDocuments};
use super::sink::Sink;
use crate::content::frontmatter;
use crate::content::{ArticleDoc, BriefingDoc};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::model::Site;
use crate::util::escape::percent_decode_lossy;
use crate::util::href::has_scheme_or_host;

/// The paths of every file of the site.
pub type Files<'a> = HashSet<&'a str, ahash::RandomState>;

/// Check every internal link of the site's documents against `paths`, the files the site has
/// (a page a template failed to render still counts: its error is reported on its own, not
/// again at every link to it), and the `#anchor`s against the pages `sink` holds.
pub fn check_links(
    site: &Site,
    documents: &RenderedDocuments,
    files: Files,
    sink: &dyn Sink,
) -> Diagnostics {
    let mut checker = Checker {
        site,
        files,
        sink,
        links: OnceCell::new(),
        ids: HashMap::new(),
        diagnostics: Diagnostics::new(),
    };
    for placed in documents.placed(site) {
        checker.document(
            placed.page,
            placed.file,
            placed.html.value(),
            |line, column| placed.at.position(line, column),
        );
    }
    for article in &site.articles {
        checker.media(&article.url, &article.doc);
    }
    checker.diagnostics
}

struct Checker<'a> {
    site: &'a Site,
    /// Every file the site has.
    files: Files<'a>,
    sink: &'a dyn Sink,
    /// `content/`-relative path → URL, for `@/` links; made when first needed.
    links: OnceCell<LinkTable>,
    /// Element ids of the HTML files looked at so far.
    ids: HashMap<String, HashSet<String>>,
    diagnostics: Diagnostics,
}

impl Checker<'_> {
    /// Check the `src` and `thumbnail` of an article's media that are site paths.
    fn media(&mut self, page_url: &str, doc: &ArticleDoc) {
        let links = (doc.front.media.iter()).flat_map(|media| {
            [("src", &media.src), ("thumbnail", &media.thumbnail)]
                .into_iter()
                .filter_map(|(key, link)| Some((key, link.as_deref()?)))
        });
        for (key, src) in links {
            if has_scheme_or_host(src) {
                continue;
            }
            if let Some(problem) = self.check(page_url, src) {
                let (line, column) =
                    frontmatter::locate(&doc.yaml, doc.yaml_line, key, Some(src)).unwrap_or((1, 1));
                self.diagnostics
                    .push(problem.in_file(&doc.path).at(line, column));
            }
        }
    }

    /// Check the links of one rendered Markdown text shown on the page at `page_url`; `position`
    /// turns a line and column of the text into a line and column of `file`.
    fn document(
        &mut self,
        page_url: &str,
        file: &Path,
        rendered: &Rendered,
        position: impl Fn(usize, usize) -> (usize, usize),
    ) {
        for link in &rendered.internal_links {
            // An `@/` link to no document was reported while rendering.
            if rendered.unresolved.contains(link) {
                continue;
            }
            if let Some(problem) = self.check(page_url, &link.dest) {
                let (line, column) = position(link.line, link.column);
                self.diagnostics
                    .push(problem.in_file(file).at(line, column));
            }
        }
    }

    /// The problem with a link written on the page at `page_url`, if there is one.
    fn check(&mut self, page_url: &str, dest: &str) -> Option<Diagnostic> {
        let (path, fragment) = match dest.strip_prefix("@/") {
            Some(content_link) => {
                let (file, fragment) = split_fragment(content_link);
                let links = self.links.get_or_init(|| LinkTable::new(self.site));
                (links.url(file)?.clone(), fragment)
            }
            None => {
                let (path, fragment) = split_fragment(dest);
                (resolve(page_url, path), fragment)
            }
        };
        let Some(file) = self.target(&path) else {
            return Some(Diagnostic::error(
                "broken-link",
                format!("`{dest}` points at {path}, which the site does not have"),
            ));
        };
        let fragment = percent_decode_lossy(fragment.unwrap_or_default());
        if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") || !file.ends_with(".html") {
            return None;
        }
        if !self.ids.contains_key(&file) {
            // The page did not render (its template error is reported): nothing to look in.
            let html = self.sink.read(&file)?;
            let ids = element_ids(&String::from_utf8_lossy(&html));
            self.ids.insert(file.clone(), ids);
        }
        (!self.ids[&file].contains(&fragment)).then(|| {
            Diagnostic::error(
                "broken-anchor",
                format!("`{dest}`: {path} has no element with id `{fragment}`"),
            )
        })
    }

    /// The output file a site path is served from: `/a/` → `a/index.html`; `/a` → `a`, or
    /// `a/index.html` as web servers do for a folder.
    fn target(&self, path: &str) -> Option<String> {
        let relative = percent_decode_lossy(path.trim_start_matches('/'));
        if relative.is_empty() || relative.ends_with('/') {
            let index = format!("{relative}index.html");
            return self.files.contains(index.as_str()).then_some(index);
        }
        if self.files.contains(relative.as_str()) {
            return Some(relative);
        }
        let index = format!("{relative}/index.html");
        self.files.contains(index.as_str()).then_some(index)
    }
}

/// `path#fragment` → (`path`, `fragment`); a `?query` is dropped.
fn split_fragment(dest: &str) -> (&str, Option<&str>) {
    let (before, fragment) = match dest.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (dest, None),
    };
    (before.split('?').next().unwrap_or_default(), fragment)
}

/// A link's path resolved against the URL of the page it is on, with `.` and `..` removed.
pub fn resolve(page_url: &str, path: &str) -> String {
    let joined = if path.is_empty() {
        page_url.to_owned()
    } else if path.starts_with('/') {
        path.to_owned()
    } else {
        let folder = &page_url[..page_url.rfind('/').map_or(0, |at| at + 1)];
        format!("{folder}{path}")
    };
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = joined.split('/').collect();
    for (index, part) in parts.iter().enumerate() {
        let last = index == parts.len() - 1;
        match *part {
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                if segments.len() > 1 {
                    segments.pop();
                }
                if last {
                    segments.push("");
                }
            }
            part => segments.push(part),
        }
    }
    let resolved = segments.join("/");
    if resolved.starts_with('/') {
        resolved
    } else {
        format!("/{resolved}")
    }
}

/// The values of every `id="…"` attribute in an HTML text.
pub fn element_ids(html: &str) -> HashSet<String> {
    // memmem over bytes: every page of a site passes through here, and `str::find` was a tenth
    // of a build's time.
    let mut ids = HashSet::new();
    for at in memchr::memmem::find_iter(html.as_bytes(), b"id=") {
        let preceded_by_space = html[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_whitespace);
        let value = &html[at + 3..];
        let Some(quote) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            continue;
        };
        let value = &value[1..];
        if let Some(end) = value.find(quote)
            && preceded_by_space
        {
            ids.insert(value[..end].replace("&amp;", "&"));
        }
    }
    ids
}

/// Where in a briefing's file a position inside one item's note is: the note is a YAML value,
/// so its first line is on the item's `note:` line, after the key (block scalars start on the
/// next line). Falls back to the item's `article:` line.
pub fn note_position(
    doc: &BriefingDoc,
    article: &str,
    note: &str,
    line: usize,
    column: usize,
) -> (usize, usize) {
    let lines: Vec<&str> = doc.yaml.lines().collect();
    let Some((article_line, _)) =
        frontmatter::locate(&doc.yaml, doc.yaml_line, "article", Some(article))
    else {
        return (doc.yaml_line, 1);
    };
    let fallback = (article_line, 1);
    let indent = |text: &str| text.len() - text.trim_start().len();
    let at = article_line - doc.yaml_line;
    // The item runs from its `-` line to the next line indented as little.
    let Some(start) = (0..=at)
        .rev()
        .find(|&i| lines[i].trim_start().starts_with('-'))
    else {
        return fallback;
    };
    let item_indent = indent(lines[start]);
    let end = (start + 1..lines.len())
        .find(|&i| !lines[i].trim().is_empty() && indent(lines[i]) <= item_indent)
        .unwrap_or(lines.len());
    let Some(note_index) =
        (start..end).find(|&i| lines[i].trim_start_matches([' ', '-']).starts_with("note:"))
    else {
        return fallback;
    };
    let text = lines[note_index];
    let value_at = text.find("note:").map_or(0, |at| at + "note:".len());
    let value = text[value_at..].trim_start();
    let value_column = text[..text.len() - value.len()].chars().count() + 1;
    let note_line = doc.yaml_line + note_index;
    if value.starts_with(['|', '>']) {
        let content_indent = lines.get(note_index + 1).map_or(0, |l| indent(l));
        return (note_line + line, content_indent + column);
    }
    let quoted = usize::from(value.starts_with(['"', '\'']));
    if line == 1 && !note.is_empty() {
        (note_line, value_column + quoted + column - 1)
    } else {
        (note_line + line - 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_paths_against_the_page() {
        assert_eq!(resolve("/articles/a/", "../b/"), "/articles/b/");
        assert_eq!(resolve("/articles/a/", "img.png"), "/articles/a/img.png");
        assert_eq!(resolve("/articles/a/", "/people/x/"), "/people/x/");
        assert_eq!(resolve("/articles/a/", ""), "/articles/a/");
        assert_eq!(resolve("/articles/a/", "../../../x"), "/x");
        assert_eq!(resolve("/articles/a/", "./"), "/articles/a/");
        assert_eq!(resolve("/articles/a/", ".."), "/articles/");
    }

    #[test]
    fn splits_fragments_and_queries() {
        assert_eq!(split_fragment("/a/?x=1#f"), ("/a/", Some("f")));
        assert_eq!(split_fragment("#f"), ("", Some("f")));
        assert_eq!(split_fragment("/a/"), ("/a/", None));
    }

    #[test]
    fn finds_element_ids() {
        let ids = element_ids(
            r##"<h2 id="a">x</h2><div class="x" id='b'></div><a data-id="no" href="#c">"##,
        );
        assert_eq!(
            ids,
            HashSet::from(["a".to_owned(), "b".to_owned()]),
            "{ids:?}"
        );
    }

    #[test]
    fn notes_are_positioned_at_their_value() {
        let text = "---\ntitle: T\nitems:\n  - article: a\n    note: See [x](/y/).\n  - note: |\n      Line one\n      [z](/w/)\n    article: b\n---\n";
        let doc = crate::content::parse_document::<crate::content::BriefingFrontMatter>(
            Path::new("content/briefings/b.md"),
            text.as_bytes(),
        )
        .unwrap()
        .doc;
        assert_eq!(note_position(&doc, "a", "See [x](/y/).", 1, 5), (5, 15));
        assert_eq!(
            note_position(&doc, "b", "Line one\n[z](/w/)\n", 2, 1),
            (8, 7)
        );
    }
}
