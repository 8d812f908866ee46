//! What `brief check` adds to the pipeline's own problems: editorial rules a build tolerates but
//! a site published by CI should not (a missing date, a date the importer guessed, a profile no
//! article names, root-relative URLs that miss the site's sub-path), as warnings that
//! `--strict` makes errors.
//!
//! Everything the build itself refuses (front matter, references, links, templates) is found by
//! [`crate::driver`]; `check` reports both in one run (and the output folder's refusal, which
//! the build makes first). So `brief check` passes exactly when `brief build` would succeed.

use std::path::Path;

use crate::content::{ArticleFrontMatter, Document, FrontMatter};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::inputs::{self, Folder};
use crate::model::{EntityKind, Site};

/// The check-only problems of a loaded site.
pub fn lint(site: &Site, root: &Path) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(site.embargoed.iter().map(|held| held.note.clone()));
    diagnostics.extend(embargoed_items(site));
    for article in &site.articles {
        let doc = &article.doc;
        match (&doc.front.date, doc.front.date_inferred) {
            (None, _) => diagnostics.push(missing_date(doc, "article")),
            (Some(date), true) => diagnostics.push(doc.diagnostic_at(
                Diagnostic::warning(
                    "inferred-date",
                    format!(
                        "the date {date} was inferred by the importer: confirm it, then remove `date_inferred`"
                    ),
                ),
                "date",
                None,
            )),
            (Some(_), false) => {}
        }
    }
    for briefing in &site.briefings {
        if briefing.doc.front.date.is_none() {
            diagnostics.push(missing_date(&briefing.doc, "briefing"));
        }
    }
    for kind in EntityKind::ALL {
        for entity in &site.entities[kind] {
            let Some(profile) = &entity.profile else {
                continue;
            };
            let used = [&entity.articles, &entity.authored]
                .iter()
                .any(|a| !a.is_empty());
            if used || !entity.briefings.is_empty() {
                continue;
            }
            let what = kind.singular();
            let line = profile.name_line;
            diagnostics.push(
                Diagnostic::warning(
                    "unused-profile",
                    format!(
                        "no article names the {what} `{}` (by its name or an alias): its page lists nothing",
                        entity.name
                    ),
                )
                .in_file(&profile.path)
                .at(line, 1),
            );
        }
    }
    let config = &site.config;
    diagnostics.extend(root_relative_urls(root, config.base_path()));
    diagnostics
}

/// Files whose root-relative URLs (`href="/style.css"`) the lint reads: the site's own
/// templates, and what `static/` publishes as HTML, CSS or SVG. Scripts are left alone: their
/// strings are not told apart from paths without running them.
fn links_urls(folder: Folder, file: &Path) -> bool {
    folder == Folder::Templates
        || file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|extension| {
                ["html", "htm", "css", "svg", "xml"]
                    .contains(&extension.to_ascii_lowercase().as_str())
            })
}

/// A warning for every root-relative URL written in the site's templates or static files when
/// the site is published under a sub-path (`base_path`): such a URL misses the path. Templates
/// get theirs from `url(path=…)`; the default theme is not read, it uses it everywhere.
fn root_relative_urls(root: &Path, base_path: &str) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    if base_path.is_empty() {
        return diagnostics;
    }
    for folder in [Folder::Templates, Folder::Static] {
        let (files, _) = inputs::files(root, folder, Path::new(folder.name()), |file| {
            links_urls(folder, file)
        });
        for file in files {
            let Ok(text) = std::fs::read_to_string(root.join(&file)) else {
                continue;
            };
            for (line, column, url) in root_relative_urls_in(&text) {
                let advice = match folder {
                    Folder::Templates => format!("write it as `{{{{ url(path='{url}') }}}}`"),
                    _ => "write it relative to this file".to_owned(),
                };
                diagnostics.push(
                    Diagnostic::warning(
                        "root-relative-url",
                        format!(
                            "`{url}` misses the base path `{base_path}` of `base_url`: {advice}"
                        ),
                    )
                    .in_file(&file)
                    .at(line, column),
                );
            }
        }
    }
    diagnostics
}

/// Where a URL starts: after one of these (and an optional quote), in HTML and CSS.
const URL_OPENERS: [&str; 7] = [
    "href=",
    "src=",
    "action=",
    "poster=",
    "srcset=",
    "formaction=",
    "url(",
];

/// The root-relative URLs of a text, each with its 1-based line and column.
fn root_relative_urls_in(text: &str) -> Vec<(usize, usize, &str)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        for opener in URL_OPENERS {
            for (at, _) in line.match_indices(opener) {
                let attribute_start =
                    at == 0 || !line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '-');
                let value = line[at + opener.len()..].trim_start_matches([' ', '"', '\'']);
                if !attribute_start || !crate::util::href::is_root_relative(value) {
                    continue;
                }
                let end = value
                    .find(['"', '\'', ')', ' ', '>', ','])
                    .unwrap_or(value.len());
                let start = line.len() - value.len();
                found.push((index + 1, line[..start].chars().count() + 1, &value[..end]));
            }
        }
    }
    found.sort_unstable();
    found
}

/// Briefing items naming an embargoed article, which the briefing shows once it is published.
fn embargoed_items(site: &Site) -> Vec<Diagnostic> {
    let held: std::collections::HashMap<&str, &crate::model::Embargoed> = site
        .embargoed
        .iter()
        .filter(|held| held.folder == ArticleFrontMatter::FOLDER)
        .map(|held| (held.slug.as_str(), held))
        .collect();
    let mut notes = Vec::new();
    for briefing in &site.briefings {
        let doc = &briefing.doc;
        for item in &doc.front.items {
            if let Some(article) = held.get(item.article.as_str()) {
                let note = Diagnostic::note(
                    "embargoed",
                    format!(
                        "the item's article `{}` is embargoed until {}: the briefing shows the item from then on",
                        item.article,
                        article.until.rfc3339()
                    ),
                );
                notes.push(doc.diagnostic_at(note, "article", Some(&item.article)));
            }
        }
    }
    notes
}

fn missing_date<F>(doc: &Document<F>, what: &str) -> Diagnostic {
    doc.diagnostic_at(
        Diagnostic::warning(
            "missing-date",
            format!("the {what} has no `date`: feeds, the sitemap and the archive order need one"),
        ),
        "date",
        None,
    )
}

/// The site's stories with their members, for editors to review the grouping (`brief check`
/// prints it): each story's id (what `story:` in front matter names), then its articles,
/// newest first, with their dates and files; the lead is marked.
pub fn story_listing(site: &Site) -> String {
    use std::fmt::Write as _;
    if site.stories.is_empty() {
        return "No stories: no two articles report the same event.\n".to_owned();
    }
    let count = site.stories.len();
    let mut text = format!(
        "{count} stor{} of two or more articles (`story: <id>` in an article's front matter joins it to one, another id splits it off):\n",
        if count == 1 { "y" } else { "ies" }
    );
    for story in &site.stories {
        let _ = writeln!(text, "  {} ({} sources)", story.id, story.members.len());
        for &member in &story.members {
            let doc = &site.article(member).doc;
            let date = doc
                .front
                .date
                .as_ref()
                .map_or_else(String::new, |d| d.iso_date());
            let lead = if member == story.lead { "  (lead)" } else { "" };
            let _ = writeln!(text, "    {date:<10}  {}{lead}", doc.path.display());
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_root_relative_urls_in_html_and_css() {
        let text = "<link href=\"/a.css\"><img src='/b.png' data-src=\"/no\">\n\
                    <a href=\"//cdn.example/x\">x</a> <a href=\"{{ url(path='/c/') }}\">\n\
                    body { background: url( \"/d.svg\" ) } <a href=rel/x href=/e>";
        assert_eq!(
            root_relative_urls_in(text),
            [
                (1, 13, "/a.css"),
                (1, 31, "/b.png"),
                (3, 26, "/d.svg"),
                (3, 57, "/e"),
            ]
        );
    }
}
