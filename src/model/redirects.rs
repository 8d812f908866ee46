//! Aliases: the former URLs of a document, each a redirect to its URL now. A renamed slug keeps
//! its old links working, on hosts that read a `_redirects` file and on those that do not.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Article, Briefing, Page};
use crate::content::{Document, frontmatter};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A former URL of a document, to be sent on to its URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Redirect {
    /// The alias as a site path: `/articles/old-slug/` or `/old.html`.
    pub from: String,
    /// The document's URL.
    pub to: String,
    /// The document's file, and where the alias is written in it.
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// The redirects of every article's, briefing's and page's aliases, by alias.
pub(super) fn collect(
    (articles, briefings, pages): (&[Article], &[Briefing], &[Page]),
    problems: &mut Diagnostics,
) -> Vec<Redirect> {
    let mut redirects = Redirects::default();
    for article in articles {
        let doc = &article.doc;
        redirects.add(doc, &article.url, &doc.front.aliases, problems);
    }
    for briefing in briefings {
        let doc = &briefing.doc;
        redirects.add(doc, &briefing.url, &doc.front.aliases, problems);
    }
    for page in pages {
        let doc = &page.doc;
        redirects.add(doc, &page.url, &doc.front.aliases, problems);
    }
    redirects.finish()
}

/// The site's redirects, one per alias, and the URLs they may not take.
#[derive(Default)]
pub(super) struct Redirects {
    redirects: Vec<Redirect>,
    /// Every alias so far, with the file that wrote it.
    taken: HashMap<String, PathBuf>,
}

impl Redirects {
    /// Add the aliases of one document whose URL is `url`; a malformed alias, or one taken by
    /// another document, is an error at the alias.
    pub(super) fn add<F>(
        &mut self,
        doc: &Document<F>,
        url: &str,
        aliases: &[String],
        problems: &mut Diagnostics,
    ) {
        for alias in aliases {
            let (line, column) =
                frontmatter::locate_item(&doc.yaml, doc.yaml_line, "aliases", alias)
                    .unwrap_or((doc.yaml_line, 1));
            let problem = |message: String| {
                Diagnostic::error("alias", message)
                    .in_file(&doc.path)
                    .at(line, column)
            };
            let from = match normalise(alias) {
                Ok(from) => from,
                Err(why) => {
                    problems.push(problem(format!("alias `{alias}` {why}")));
                    continue;
                }
            };
            if from == url {
                problems.push(problem(format!(
                    "alias `{alias}` is the document's own URL: remove it"
                )));
                continue;
            }
            if let Some(other) = self.taken.get(&from) {
                problems.push(problem(format!(
                    "alias `{alias}` is already an alias of {}",
                    other.display()
                )));
                continue;
            }
            self.taken.insert(from.clone(), doc.path.clone());
            self.redirects.push(Redirect {
                from,
                to: url.to_owned(),
                file: doc.path.clone(),
                line,
                column,
            });
        }
    }

    /// The redirects, by alias.
    pub(super) fn finish(mut self) -> Vec<Redirect> {
        self.redirects.sort_by(|a, b| a.from.cmp(&b.from));
        self.redirects
    }
}

/// An alias as the site path it is served at: a path ending in `/` or naming a file
/// (`/old.html`) as written, any other path with `/` added; or why it cannot be one.
pub(super) fn normalise(alias: &str) -> Result<String, &'static str> {
    if !alias.starts_with('/') || alias.starts_with("//") {
        return Err("must be a path of the site starting with `/`, such as `/articles/old-slug/`");
    }
    if alias
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "?#\"'<>\\`".contains(c))
    {
        return Err("may not hold spaces, quotes, `?`, `#`, `<`, `>` or backslashes");
    }
    if alias
        .split('/')
        .any(|segment| segment == "." || segment == "..")
    {
        return Err("may not hold `.` or `..` segments");
    }
    let last = alias.rsplit('/').next().unwrap_or_default();
    Ok(if last.is_empty() || last.contains('.') {
        alias.to_owned()
    } else {
        format!("{alias}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_become_served_paths_or_say_why_not() {
        assert_eq!(normalise("/articles/old/"), Ok("/articles/old/".into()));
        assert_eq!(normalise("/articles/old"), Ok("/articles/old/".into()));
        assert_eq!(normalise("/old.html"), Ok("/old.html".into()));
        for bad in [
            "articles/old/",
            "//evil.example/",
            "/a/../b/",
            "/a b/",
            "/a?b",
            "/a\"b",
        ] {
            assert!(normalise(bad).is_err(), "{bad}");
        }
    }
}
