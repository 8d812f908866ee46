//! Markdown of every document rendered once, in parallel, with links resolved through the site.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::{Media, TextKey};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, MarkdownOptions, Rendered, Resolver};
use crate::model::{EntityKind, Site};
use crate::util::escape::html as escape;

/// Rendered bodies, index for index with the site's lists.
pub struct RenderedDocuments {
    pub articles: Vec<Arc<Rendered>>,
    /// For each article, the fingerprint of everything its HTML was rendered from.
    pub article_keys: Vec<u64>,
    pub briefing_intros: Vec<Arc<Rendered>>,
    /// For each briefing, each item's note.
    pub briefing_notes: Vec<Vec<Option<Arc<Rendered>>>>,
    pub people: Vec<Option<Arc<Rendered>>>,
    pub topics: Vec<Option<Arc<Rendered>>>,
}

/// Markdown rendered by an earlier build, by a hash of everything its HTML depends on: the
/// text, the media it may place, the options, and (only for texts with `@/` links) the site's
/// content paths. `brief serve` keeps it between rebuilds; a one-off build starts empty.
pub type MarkdownMemo = HashMap<u64, Arc<Rendered>>;

/// What rendering one text needs, shared by all texts of a build.
struct Renderer<'a> {
    options: MarkdownOptions,
    /// A fingerprint of the options, for memo keys: made once, not once per text.
    options_key: u64,
    urls: HashMap<String, String>,
    /// A hash of `urls`, for the memo keys of texts that link with `@/`.
    urls_hash: u64,
    previous: &'a MarkdownMemo,
}

impl Renderer<'_> {
    fn key(&self, text: TextKey, media: &[Media]) -> u64 {
        let mut hasher = crate::util::hash::hasher();
        text.hash.hash(&mut hasher);
        media.hash(&mut hasher);
        self.options_key.hash(&mut hasher);
        if text.content_links {
            self.urls_hash.hash(&mut hasher);
        }
        hasher.finish()
    }

    /// Render one Markdown text of `file` whose first line is `first_line` (reusing an earlier
    /// rendering of the same inputs); unresolved links become diagnostics positioned in the file.
    fn render(
        &self,
        text: &str,
        text_key: TextKey,
        media: &[Media],
        file: &std::path::Path,
        first_line: usize,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (u64, Arc<Rendered>) {
        let key = self.key(text_key, media);
        let rendered = match self.previous.get(&key) {
            Some(rendered) => rendered.clone(),
            None => {
                let resolver = DocumentResolver {
                    urls: &self.urls,
                    media,
                };
                Arc::new(markdown::render(text, &self.options, &resolver))
            }
        };
        for link in &rendered.unresolved {
            diagnostics.push(
                Diagnostic::error(
                    "broken-link",
                    format!("`{}` does not name a page of the site", link.dest),
                )
                .in_file(file)
                .at(first_line + link.line - 1, link.column),
            );
        }
        (key, rendered)
    }
}

/// `content/`-relative file path → URL, for `@/` links.
pub fn content_urls(site: &Site) -> HashMap<String, String> {
    let mut urls = HashMap::new();
    for article in &site.articles {
        urls.insert(article.doc.content_path.clone(), article.url.clone());
    }
    for briefing in &site.briefings {
        urls.insert(briefing.doc.content_path.clone(), briefing.url.clone());
    }
    for entity in site.people.iter().chain(&site.topics) {
        if let Some(profile) = &entity.profile {
            urls.insert(profile.content_path.clone(), entity.url.clone());
        }
    }
    urls
}

struct DocumentResolver<'a> {
    urls: &'a HashMap<String, String>,
    media: &'a [Media],
}

impl Resolver for DocumentResolver<'_> {
    fn content_link(&self, path: &str) -> Option<String> {
        self.urls.get(path).cloned()
    }

    fn figure(&self, index: usize) -> Option<String> {
        let media = self.media.get(index.checked_sub(1)?)?;
        Some(figure_html(media, index))
    }
}

/// The `<figure>` of one media entry: image if it has a source, caption, credit.
pub fn figure_html(media: &Media, index: usize) -> String {
    let kind = media.kind.as_deref().unwrap_or("photo");
    let mut html = format!(
        "<figure class=\"media media-{}\" id=\"media-{index}\">",
        escape(kind)
    );
    if let Some(src) = &media.src {
        html.push_str(&format!(
            "<img src=\"{}\" alt=\"{}\" loading=\"lazy\">",
            escape(src),
            // The figcaption shows the caption: an alt repeating it would be read twice.
            escape(media.alt.as_deref().unwrap_or_default())
        ));
    }
    html.push_str(&format!(
        "<figcaption><span class=\"caption\">{}</span>",
        escape(&media.caption)
    ));
    if let Some(credit) = &media.credit {
        html.push_str(&format!(
            " <span class=\"credit\">{}</span>",
            escape(credit)
        ));
    }
    html.push_str("</figcaption></figure>");
    html
}

/// Every document's Markdown rendered (reusing what `memo` holds), and the problems found; `memo`
/// is left holding this build's renderings. Without `keep_bodies` each article's body is dropped
/// as soon as its Markdown is rendered, so a large site never holds all bodies and all HTML at
/// once.
pub fn render_documents(
    site: &mut Site,
    memo: &mut MarkdownMemo,
    keep_bodies: bool,
) -> (RenderedDocuments, Diagnostics) {
    // Only texts with `@/` links look up other pages' URLs, so a site without any (most, and
    // every `brief serve` rebuild of one) skips making and hashing the table.
    let (urls, urls_hash) = if has_content_links(site) {
        let urls = content_urls(site);
        let mut sorted_urls: Vec<(&String, &String)> = urls.iter().collect();
        sorted_urls.sort();
        let hash = crate::util::hash::fingerprint_of(&sorted_urls);
        (urls, hash)
    } else {
        (HashMap::new(), 0)
    };
    let options = site.config.markdown.options();
    let renderer = Renderer {
        options_key: crate::util::hash::fingerprint_of(&format!("{options:?}")),
        options,
        urls_hash,
        urls,
        previous: &*memo,
    };

    let (articles, article_problems): (Vec<Keyed>, Vec<Vec<Diagnostic>>) = site
        .articles
        .par_iter_mut()
        .map(|article| {
            let mut problems = Vec::new();
            let rendered = renderer.render(
                &article.doc.body,
                article.doc.body_key,
                &article.doc.front.media,
                &article.doc.path,
                article.doc.body_line,
                &mut problems,
            );
            if !keep_bodies {
                article.doc.body = String::new();
            }
            (rendered, problems)
        })
        .unzip();
    let (article_keys, articles): (Vec<u64>, Vec<Arc<Rendered>>) = articles.into_iter().unzip();
    let site = &*site;

    let mut problems: Vec<Diagnostic> = article_problems.into_iter().flatten().collect();
    let briefing_intros: Vec<Keyed> = site
        .briefings
        .iter()
        .map(|briefing| {
            renderer.render(
                &briefing.doc.body,
                briefing.doc.body_key,
                &[],
                &briefing.doc.path,
                briefing.doc.body_line,
                &mut problems,
            )
        })
        .collect();
    let briefing_notes: Vec<Vec<Option<Keyed>>> = site
        .briefings
        .iter()
        .map(|briefing| {
            briefing
                .items
                .iter()
                .map(|item| {
                    let note = item.note.as_deref()?;
                    // Notes live in front matter: render as if the note were a file of its own,
                    // then move each position to where the note is written in the briefing.
                    let slug = &site.articles[item.article].doc.slug;
                    let mut note_problems = Vec::new();
                    let keyed = renderer.render(
                        note,
                        TextKey::of(note),
                        &[],
                        &briefing.doc.path,
                        1,
                        &mut note_problems,
                    );
                    problems.extend(note_problems.into_iter().map(|d| {
                        let (line, column) = super::links::note_position(
                            &briefing.doc,
                            slug,
                            note,
                            d.line,
                            d.column,
                        );
                        d.at(line, column)
                    }));
                    Some(keyed)
                })
                .collect()
        })
        .collect();
    let mut profiles = |kind: EntityKind| -> Vec<Option<Keyed>> {
        site.entities(kind)
            .iter()
            .map(|entity| {
                let profile = entity.profile.as_ref()?;
                Some(renderer.render(
                    &profile.body,
                    TextKey::of(&profile.body),
                    &[],
                    &profile.path,
                    profile.body_line,
                    &mut problems,
                ))
            })
            .collect()
    };
    let people = profiles(EntityKind::Person);
    let topics = profiles(EntityKind::Topic);
    drop(renderer);

    let others = briefing_intros
        .iter()
        .chain(briefing_notes.iter().flatten().flatten())
        .chain(people.iter().flatten())
        .chain(topics.iter().flatten());
    let kept: Vec<(u64, &Arc<Rendered>)> = article_keys
        .iter()
        .copied()
        .zip(&articles)
        .chain(others.map(|(key, rendered)| (*key, rendered)))
        .collect();
    remember(memo, &kept);
    drop(kept);
    let unkeyed = |keyed: Option<Keyed>| keyed.map(|(_, rendered)| rendered);
    let documents = RenderedDocuments {
        articles,
        article_keys,
        briefing_intros: briefing_intros
            .into_iter()
            .map(|(_, rendered)| rendered)
            .collect(),
        briefing_notes: briefing_notes
            .into_iter()
            .map(|notes| notes.into_iter().map(unkeyed).collect())
            .collect(),
        people: people.into_iter().map(unkeyed).collect(),
        topics: topics.into_iter().map(unkeyed).collect(),
    };
    (documents, problems.into_iter().collect())
}

type Keyed = (u64, Arc<Rendered>);

/// Leave in `memo` every rendering this build used, for the next. Renderings of texts gone from
/// the site are dropped once they would be more than an eighth of the memo: checking every
/// entry per rebuild costs more than keeping a few.
fn remember(memo: &mut MarkdownMemo, used: &[(u64, &Arc<Rendered>)]) {
    for (key, rendered) in used {
        memo.entry(*key).or_insert_with(|| Arc::clone(rendered));
    }
    if memo.len() > used.len() + used.len() / 8 + 16 {
        let current: HashSet<u64> = used.iter().map(|(key, _)| *key).collect();
        memo.retain(|key, _| current.contains(key));
    }
}

/// Whether any text of the site may link with `@/` (checked from the keys made when the files
/// were read; briefing notes and profiles are few and checked directly).
fn has_content_links(site: &Site) -> bool {
    site.articles
        .iter()
        .any(|article| article.doc.body_key.content_links)
        || site.briefings.iter().any(|briefing| {
            briefing.doc.body_key.content_links
                || briefing.items.iter().any(|item| {
                    item.note
                        .as_deref()
                        .is_some_and(TextKey::may_link_to_content)
                })
        })
        || site
            .people
            .iter()
            .chain(&site.topics)
            .filter_map(|entity| entity.profile.as_ref())
            .any(|profile| TextKey::may_link_to_content(&profile.body))
}
