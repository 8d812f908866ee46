//! The Markdown stage: every text of the site rendered once, in parallel, with links resolved
//! through the site. It uses the texts up: a body is dropped as soon as it is rendered (unless
//! `brief serve` holds it for the next rebuild), so a large site never holds all bodies and all
//! HTML at once.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::cache::{Cache, Keyed};
use super::images::{Images, LocalImage};
use crate::content::{BriefingDoc, Media, Text};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, MarkdownOptions, Rendered, Resolver};
use crate::model::{ByKind, EntityKind, Site, Texts};
use crate::util::escape::html as escape;
use crate::util::href;

/// A rendered text, keyed by everything its HTML is made from.
pub type Html = Keyed<Arc<Rendered>>;

/// Rendered texts, index for index with the site's lists.
pub struct RenderedDocuments {
    pub articles: Vec<Html>,
    pub briefing_intros: Vec<Html>,
    /// For each briefing, each item's note.
    pub briefing_notes: Vec<Vec<Option<Html>>>,
    pub profiles: ByKind<Vec<Option<Html>>>,
    pub pages: Vec<Html>,
}

impl RenderedDocuments {
    /// Every rendered text with where it is shown and written, for the link check (and every
    /// rendering, for the cache). Destructured whole: a new kind of text cannot be left out.
    pub fn placed<'a>(&'a self, site: &'a Site) -> Vec<Placed<'a>> {
        let RenderedDocuments {
            articles,
            briefing_intros,
            briefing_notes,
            profiles,
            pages,
        } = self;
        let body = |page: &'a str, file: &'a Path, first_line: usize, html: &'a Html| Placed {
            page,
            file,
            at: At::Body { first_line },
            html,
        };
        let mut placed = Vec::with_capacity(articles.len() + briefing_intros.len());
        for (article, html) in site.articles.iter().zip(articles) {
            let doc = &article.doc;
            placed.push(body(&article.url, &doc.path, doc.body_line, html));
        }
        let briefings = site
            .briefings
            .iter()
            .zip(briefing_intros)
            .zip(briefing_notes);
        for ((briefing, intro), notes) in briefings {
            let doc = &briefing.doc;
            placed.push(body(&briefing.url, &doc.path, doc.body_line, intro));
            for (item, note) in briefing.items.iter().zip(notes) {
                let (Some(html), Some(text)) = (note, &item.note) else {
                    continue;
                };
                let slug = &site.article(item.article).doc.slug;
                let at = At::Note {
                    doc,
                    slug,
                    text: text.as_str(),
                };
                placed.push(Placed {
                    page: &briefing.url,
                    file: &doc.path,
                    at,
                    html,
                });
            }
        }
        for kind in EntityKind::ALL {
            for (entity, html) in site.entities[kind].iter().zip(&profiles[kind]) {
                if let (Some(profile), Some(html)) = (&entity.profile, html) {
                    placed.push(body(&entity.url, &profile.path, profile.body_line, html));
                }
            }
        }
        for (page, html) in site.pages.iter().zip(pages) {
            let doc = &page.doc;
            placed.push(body(&page.url, &doc.path, doc.body_line, html));
        }
        placed
    }
}

/// A rendered text, the page that shows it and the file it is written in.
pub struct Placed<'a> {
    pub page: &'a str,
    pub file: &'a Path,
    pub at: At<'a>,
    pub html: &'a Html,
}

/// Where in its file a text is written.
#[derive(Clone, Copy)]
pub enum At<'a> {
    /// A body, from this line on.
    Body { first_line: usize },
    /// A briefing item's note, a YAML value in the briefing's front matter.
    Note {
        doc: &'a BriefingDoc,
        /// The item's article.
        slug: &'a str,
        text: &'a str,
    },
}

impl At<'_> {
    /// The line and column of the file where `line` and `column` of the text are.
    pub fn position(self, line: usize, column: usize) -> (usize, usize) {
        match self {
            At::Body { first_line } => (first_line + line - 1, column),
            At::Note { doc, slug, text } => {
                super::links::note_position(doc, slug, text, line, column)
            }
        }
    }
}

/// `content/`-relative file paths → URLs, for `@/` links, with its fingerprint.
pub struct LinkTable {
    urls: HashMap<String, String>,
    key: u64,
}

impl LinkTable {
    pub fn new(site: &Site) -> LinkTable {
        let urls: HashMap<String, String> = site
            .content_urls()
            .into_iter()
            .map(|(path, url)| (path.to_owned(), url.to_owned()))
            .collect();
        let mut sorted: Vec<(&String, &String)> = urls.iter().collect();
        sorted.sort();
        let key = crate::util::hash::fingerprint_of(&sorted);
        LinkTable { urls, key }
    }

    pub fn url(&self, content_path: &str) -> Option<&String> {
        self.urls.get(content_path)
    }
}

impl Hash for LinkTable {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

/// Everything one text's HTML is made from.
#[derive(Hash)]
struct MarkdownSource<'a> {
    text: &'a Text,
    media: &'a [Media],
    /// The local images of `media`, each with its fingerprint, by index.
    images: Vec<Option<&'a LocalImage>>,
    options: &'a MarkdownOptions,
    /// Only for texts with `@/` links: the others do not depend on other pages' URLs.
    links: Option<&'a LinkTable>,
    base_path: &'a str,
}

fn render_markdown(source: &MarkdownSource) -> Arc<Rendered> {
    let resolver = DocumentResolver {
        links: source.links,
        media: source.media,
        base_path: source.base_path,
        images: &source.images,
    };
    Arc::new(markdown::render(
        source.text.as_str(),
        source.options,
        &resolver,
    ))
}

struct DocumentResolver<'a> {
    links: Option<&'a LinkTable>,
    media: &'a [Media],
    base_path: &'a str,
    images: &'a [Option<&'a LocalImage>],
}

impl Resolver for DocumentResolver<'_> {
    fn content_link(&self, path: &str) -> Option<String> {
        self.links?.url(path).cloned()
    }

    fn base_path(&self) -> &str {
        self.base_path
    }

    fn figure(&self, index: usize) -> Option<String> {
        let at = index.checked_sub(1)?;
        let media = self.media.get(at)?;
        let image = self.images.get(at).copied().flatten();
        Some(figure_html(media, index, self.base_path, image))
    }
}

/// The `<figure>` of one media entry: image if it has a source (a root-relative one under
/// `base_path`; a responsive `<picture>` when it is a local image) or the placeholder of an
/// embedded video or post, caption, credit.
fn figure_html(media: &Media, index: usize, base_path: &str, image: Option<&LocalImage>) -> String {
    let kind = media.kind.as_deref().unwrap_or("photo");
    let mut html = format!(
        "<figure class=\"media media-{}\" id=\"media-{index}\">",
        escape(kind)
    );
    // The figcaption shows the caption: an alt repeating it would be read twice.
    let alt = media.alt.as_deref().unwrap_or_default();
    if let Some(embed) = super::embeds::embed(media) {
        html.push_str(&embed.placeholder(media, base_path));
    } else if let Some(image) = image {
        html.push_str(&image.picture(alt, base_path));
    } else if let Some(src) = &media.src {
        html.push_str(&format!(
            "<img src=\"{}\" alt=\"{}\" loading=\"lazy\">",
            escape(&href::link(base_path, src)),
            escape(alt)
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

/// What rendering one text needs, shared by all texts of a build.
struct Renderer<'a> {
    options: MarkdownOptions,
    links: Option<LinkTable>,
    base_path: &'a str,
    images: &'a Images,
    cache: &'a Cache<Arc<Rendered>>,
}

impl Renderer<'_> {
    /// Render one text written `at` a place of `file` (reusing an earlier rendering of the
    /// same source); unresolved links become diagnostics there.
    fn render(
        &self,
        text: &Text,
        media: &[Media],
        (file, at): (&Path, At),
        problems: &mut Vec<Diagnostic>,
    ) -> Html {
        let source = MarkdownSource {
            text,
            media,
            images: self.images.of(media),
            options: &self.options,
            links: self.links.as_ref().filter(|_| text.key.content_links),
            base_path: self.base_path,
        };
        let rendered = Keyed::make(&source, render_markdown, self.cache);
        for link in &rendered.value().unresolved {
            let (line, column) = at.position(link.line, link.column);
            problems.push(
                Diagnostic::error(
                    "broken-link",
                    format!("`{}` does not name a page of the site", link.dest),
                )
                .in_file(file)
                .at(line, column),
            );
        }
        rendered
    }

    /// A body starting on line `first` of `file`.
    fn body(
        &self,
        (text, first): (&Text, usize),
        media: &[Media],
        file: &Path,
        problems: &mut Vec<Diagnostic>,
    ) -> Html {
        let at = At::Body { first_line: first };
        self.render(text, media, (file, at), problems)
    }
}

/// Every text of the site rendered (reusing what `cache` holds), and the problems found.
pub fn render_documents(
    site: &Site,
    texts: Texts,
    images: &Images,
    cache: &Cache<Arc<Rendered>>,
) -> (RenderedDocuments, Diagnostics) {
    // Only texts with `@/` links look up other pages' URLs, so a site without any (most, and
    // every `brief serve` rebuild of one) skips making and hashing the table.
    let renderer = Renderer {
        options: site.config.markdown.options(),
        links: has_content_links(site, &texts).then(|| LinkTable::new(site)),
        base_path: site.config.base_path(),
        images,
        cache,
    };
    let Texts {
        articles,
        briefings,
        profiles,
        pages,
    } = texts;
    let (articles, article_problems): (Vec<Html>, Vec<Vec<Diagnostic>>) = site
        .articles
        .par_iter()
        .zip(articles)
        .map(|(article, text)| {
            let mut problems = Vec::new();
            let doc = &article.doc;
            let body = (&text, doc.body_line);
            let html = renderer.body(body, &doc.front.media, &doc.path, &mut problems);
            (html, problems)
        })
        .unzip();
    let mut problems: Vec<Diagnostic> = article_problems.into_iter().flatten().collect();
    let briefing_intros: Vec<Html> = site
        .briefings
        .iter()
        .zip(&briefings)
        .map(|(briefing, text)| {
            let doc = &briefing.doc;
            renderer.body((text, doc.body_line), &[], &doc.path, &mut problems)
        })
        .collect();
    let briefing_notes = briefing_notes(site, &renderer, &mut problems);
    let profiles = ByKind::from_fn(|kind| {
        site.entities[kind]
            .iter()
            .zip(&profiles[kind])
            .map(|(entity, text)| {
                let (profile, text) = (entity.profile.as_ref()?, text.as_ref()?);
                let body = (text, profile.body_line);
                Some(renderer.body(body, &[], &profile.path, &mut problems))
            })
            .collect()
    });
    let pages = site
        .pages
        .iter()
        .zip(&pages)
        .map(|(page, text)| {
            let doc = &page.doc;
            renderer.body((text, doc.body_line), &[], &doc.path, &mut problems)
        })
        .collect();
    let documents = RenderedDocuments {
        articles,
        briefing_intros,
        briefing_notes,
        profiles,
        pages,
    };
    (documents, problems.into_iter().collect())
}

/// Each briefing item's note. Notes live in front matter: each is rendered as a text of its
/// own, and positions in it are moved to where the note is written in the briefing.
fn briefing_notes(
    site: &Site,
    renderer: &Renderer,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Vec<Option<Html>>> {
    site.briefings
        .iter()
        .map(|briefing| {
            let doc = &briefing.doc;
            briefing
                .items
                .iter()
                .map(|item| {
                    let note = item.note.as_ref()?;
                    let slug = &site.article(item.article).doc.slug;
                    let at = At::Note {
                        doc,
                        slug,
                        text: note.as_str(),
                    };
                    Some(renderer.render(note, &[], (&doc.path, at), problems))
                })
                .collect()
        })
        .collect()
}

/// Whether any text of the site may link with `@/` (known from the keys made when the texts
/// were read).
fn has_content_links(site: &Site, texts: &Texts) -> bool {
    let linking = |text: &Text| text.key.content_links;
    texts.articles.iter().any(linking)
        || texts.briefings.iter().any(linking)
        || site
            .briefings
            .iter()
            .flat_map(|briefing| &briefing.items)
            .filter_map(|item| item.note.as_ref())
            .any(linking)
        || EntityKind::ALL
            .iter()
            .flat_map(|&kind| texts.profiles[kind].iter().flatten())
            .any(linking)
        || texts.pages.iter().any(linking)
}
