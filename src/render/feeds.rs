//! Feeds: the site's, the briefings', and one per topic and person, each as Atom (RFC 4287)
//! and as JSON Feed 1.1 beside it, written in Rust rather than through templates so that every
//! byte is escaped correctly whatever the theme does.
//!
//! Every date comes from the content (never the clock), so two builds of the same site are
//! byte-identical and an unchanged feed is not rewritten.

use std::cmp::Reverse;
use std::hash::Hash;
use std::sync::{Arc, OnceLock};

use bytes::Bytes;
use rayon::prelude::*;
use serde::Serialize;

use super::cache::{Cache, Keyed};
use super::documents::{Html, RenderedDocuments};
use super::pages::{Page, PageKind};
use super::templates::Templates;
use super::views::Views;
use super::{Artifact, Produced, RenderEnv};
use crate::config::FeedContent;
use crate::content::DateValue;
use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;
use crate::model::{EntityKind, Site};
use crate::util::escape::{html as escape_html, xml as escape};
use crate::util::href::Href;
use crate::util::site_links::map_site_links;

/// The folder of the site's feeds: articles and briefings together.
pub const SITE_FEEDS: &str = "/";
/// The folder of the briefings' feeds.
const BRIEFINGS_FEEDS: &str = "/briefings/";
/// The JSON Feed version written, as its `version` says it.
const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";
/// `updated` of an entry without any date: fixed, so builds stay identical (`brief check`
/// reports the missing date).
pub(crate) const NO_DATE: &str = "1970-01-01T00:00:00Z";

/// The formats every feed is written in, side by side in the feed's folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedFormat {
    Atom,
    Json,
}

impl FeedFormat {
    pub const ALL: [FeedFormat; 2] = [FeedFormat::Atom, FeedFormat::Json];

    /// The site path of the feed in this format in `folder` (a site path ending in `/`):
    /// `/topics/nato/atom.xml`, `/topics/nato/feed.json`.
    pub fn path(self, folder: &str) -> String {
        let file = match self {
            FeedFormat::Atom => "atom.xml",
            FeedFormat::Json => "feed.json",
        };
        format!("{folder}{file}")
    }

    /// The site's feed in this format, [`FeedFormat::path`] of [`SITE_FEEDS`].
    pub fn site_feed(self) -> &'static str {
        match self {
            FeedFormat::Atom => "/atom.xml",
            FeedFormat::Json => "/feed.json",
        }
    }
}

/// The link to the feed a page offers readers in `format` (`feed_url` and `json_feed_url` in
/// templates), if it has one: a topic's or person's is beside its page.
pub fn feed_url(site: &Site, page: &Page, format: FeedFormat) -> Option<String> {
    let folder = match page.kind {
        PageKind::Home | PageKind::Articles(_) | PageKind::Article(_) => SITE_FEEDS,
        PageKind::Briefings(_) | PageKind::Briefing(_) => BRIEFINGS_FEEDS,
        PageKind::Entity(kind, id, _) => &site.entity(kind, id).url,
        PageKind::Entities(_) | PageKind::Page(_) | PageKind::Search | PageKind::NotFound => {
            return None;
        }
    };
    Some(format!(
        "{}{}",
        site.config.base_path(),
        format.path(folder)
    ))
}

/// Root-relative `href="/…"` and `src="/…"` in generated HTML (which carry the site's base
/// path already) made absolute on `origin` (`https://example.org`), for feed readers that
/// ignore `xml:base`.
fn absolute_links(html: &str, origin: &str) -> String {
    if origin.is_empty() {
        return html.to_owned();
    }
    // Inside an HTML attribute: escaped as such (site.toml refuses quotes already).
    let origin = crate::util::escape::html(origin);
    map_site_links(html, &|link| match link.starts_with('#') {
        true => link.to_owned(),
        false => format!("{origin}{link}"),
    })
}

/// The HTML an entry's `<content>` is made from.
#[derive(Debug)]
enum EntryHtml {
    Markdown(Arc<Rendered>),
    Composed(String),
}

impl EntryHtml {
    fn as_str(&self) -> &str {
        match self {
            EntryHtml::Markdown(rendered) => &rendered.html,
            EntryHtml::Composed(html) => html,
        }
    }
}

/// One entry, rendered once and shared by every feed that lists it.
#[derive(Debug)]
pub struct Entry {
    /// The instant feeds sort by: `date`, or none.
    sort: Option<DateValue>,
    url: String,
    /// `updated` (RFC 3339): the article's `updated`, else its date.
    updated: String,
    /// The XML every Atom feed writes: everything but the content.
    head: String,
    /// What a JSON feed writes: everything but the content.
    item: JsonItem,
    html: EntryHtml,
    /// The HTML with absolute links, made the first time a full-text feed lists the entry: most
    /// entries only ever appear in summary feeds.
    absolute_html: OnceLock<String>,
    /// The Atom `<content>` element, made from it.
    content: OnceLock<String>,
    /// The absolute URL of the page.
    link: String,
    /// `base_url` without its path.
    origin: String,
}

impl Entry {
    /// Append the entry to an Atom feed; with `full`, also its `<content>`.
    fn write(&self, full: bool, xml: &mut String) {
        xml.push_str(&self.head);
        if full {
            xml.push_str(self.content.get_or_init(|| {
                format!(
                    "    <content type=\"html\" xml:base=\"{}\">{}</content>\n",
                    escape(&self.link),
                    escape(self.absolute_html())
                )
            }));
        }
        xml.push_str("  </entry>\n");
    }

    fn absolute_html(&self) -> &str {
        self.absolute_html
            .get_or_init(|| absolute_links(self.html.as_str(), &self.origin))
    }

    /// The entry as a JSON Feed item: with `full`, its HTML, else its summary as text.
    fn json(&self, full: bool) -> JsonFeedItem<'_> {
        let content = if full {
            JsonContent::Html(self.absolute_html())
        } else {
            JsonContent::Text(&self.item.summary)
        };
        JsonFeedItem {
            item: &self.item,
            content,
        }
    }
}

/// A JSON Feed item's fields but its content, as every feed listing the entry writes them.
#[derive(Debug, Serialize)]
struct JsonItem {
    id: String,
    url: String,
    title: String,
    summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    /// The bylines, each with the person's page.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor>,
}

#[derive(Serialize)]
struct JsonFeedItem<'a> {
    #[serde(flatten)]
    item: &'a JsonItem,
    #[serde(flatten)]
    content: JsonContent<'a>,
}

#[derive(Serialize)]
enum JsonContent<'a> {
    #[serde(rename = "content_html")]
    Html(&'a str),
    #[serde(rename = "content_text")]
    Text(&'a str),
}

/// Everything one entry is made from.
#[derive(Hash)]
struct EntrySource<'a> {
    base_url: &'a str,
    origin: &'a str,
    title: &'a str,
    url: &'a str,
    date: Option<&'a DateValue>,
    updated: Option<&'a DateValue>,
    summary: &'a str,
    /// An article's body, or a briefing's introduction and items.
    html: EntrySourceHtml<'a>,
    /// (slug, name) of each topic.
    categories: Vec<(&'a str, &'a str)>,
    /// (name, page path) of each author.
    authors: Vec<(&'a str, &'a str)>,
}

#[derive(Hash)]
enum EntrySourceHtml<'a> {
    Markdown(&'a Html),
    Composed(String),
}

fn make_entry(source: &EntrySource) -> Arc<Entry> {
    let link = format!("{}{}", source.base_url, source.url);
    let updated = source
        .updated
        .or(source.date)
        .map_or_else(|| NO_DATE.to_owned(), DateValue::rfc3339);
    let mut xml = String::with_capacity(512);
    xml.push_str("  <entry>\n");
    xml.push_str(&format!("    <title>{}</title>\n", escape(source.title)));
    xml.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&link)
    ));
    xml.push_str(&format!("    <id>{}</id>\n", escape(&link)));
    if let Some(date) = source.date {
        xml.push_str(&format!("    <published>{}</published>\n", date.rfc3339()));
    }
    xml.push_str(&format!("    <updated>{updated}</updated>\n"));
    for (name, page) in &source.authors {
        let uri = format!("{}{page}", source.base_url);
        xml.push_str(&format!(
            "    <author>\n      <name>{}</name>\n      <uri>{}</uri>\n    </author>\n",
            escape(name),
            escape(&uri)
        ));
    }
    for (slug, name) in &source.categories {
        xml.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            escape(slug),
            escape(name)
        ));
    }
    let summary = if source.summary.trim().is_empty() {
        source.title
    } else {
        source.summary
    };
    xml.push_str(&format!(
        "    <summary type=\"text\">{}</summary>\n",
        escape(summary)
    ));
    let item = JsonItem {
        id: link.clone(),
        url: link.clone(),
        title: source.title.to_owned(),
        summary: summary.to_owned(),
        date_published: source.date.map(DateValue::rfc3339),
        date_modified: updated.clone(),
        tags: (source.categories.iter())
            .map(|&(_, name)| name.to_owned())
            .collect(),
        authors: (source.authors.iter())
            .map(|&(name, page)| JsonAuthor {
                name: name.to_owned(),
                url: format!("{}{page}", source.base_url),
            })
            .collect(),
    };
    Arc::new(Entry {
        sort: source.date.cloned(),
        url: source.url.to_owned(),
        updated,
        head: xml,
        item,
        html: match &source.html {
            EntrySourceHtml::Markdown(html) => EntryHtml::Markdown(html.value().clone()),
            EntrySourceHtml::Composed(html) => EntryHtml::Composed(html.clone()),
        },
        absolute_html: OnceLock::new(),
        content: OnceLock::new(),
        link,
        origin: source.origin.to_owned(),
    })
}

type KeyedEntry = Keyed<Arc<Entry>>;

/// The entry of every article and of every briefing, index for index with the site's lists.
pub struct FeedEntries {
    articles: Vec<KeyedEntry>,
    briefings: Vec<KeyedEntry>,
}

impl FeedEntries {
    pub fn new(
        site: &Site,
        documents: &RenderedDocuments,
        views: &Views,
        cache: &Cache<Arc<Entry>>,
    ) -> FeedEntries {
        let (base_url, origin) = (site.config.base_url.as_str(), site.config.origin());
        let articles = site
            .articles
            .par_iter()
            .zip(&documents.articles)
            .zip(&views.summaries)
            .map(|((article, html), summary)| {
                let front = &article.doc.front;
                let source = EntrySource {
                    base_url,
                    origin,
                    title: &front.title,
                    url: &article.url,
                    date: front.date.as_ref(),
                    updated: front.updated.as_ref(),
                    summary,
                    html: EntrySourceHtml::Markdown(html),
                    categories: categories(site, &article.named.topics),
                    authors: bylines(site, &article.authors),
                };
                Keyed::make(&source, make_entry, cache)
            })
            .collect();
        let briefings = (0..site.briefings.len())
            .map(|index| {
                let briefing = &site.briefings[index];
                let front = &briefing.doc.front;
                let intro = &documents.briefing_intros[index];
                let source = EntrySource {
                    base_url,
                    origin,
                    title: &front.title,
                    url: &briefing.url,
                    date: front.date.as_ref(),
                    updated: None,
                    summary: front
                        .summary
                        .as_deref()
                        .unwrap_or(&intro.value().first_paragraph),
                    html: EntrySourceHtml::Composed(briefing_html(site, documents, index)),
                    categories: categories(site, &briefing.topics),
                    authors: bylines(site, &briefing.authors),
                };
                Keyed::make(&source, make_entry, cache)
            })
            .collect();
        FeedEntries {
            articles,
            briefings,
        }
    }

    pub fn remember(&self, cache: &mut Cache<Arc<Entry>>) {
        cache.keep_keyed(self.articles.iter().chain(&self.briefings));
    }

    fn get(&self, listed: Listed) -> &KeyedEntry {
        match listed {
            Listed::Article(index) => &self.articles[index],
            Listed::Briefing(index) => &self.briefings[index],
        }
    }
}

/// (name, page path) of each author.
fn bylines<'a>(site: &'a Site, authors: &[crate::model::EntityId]) -> Vec<(&'a str, &'a str)> {
    authors
        .iter()
        .map(|&a| {
            let person = site.entity(EntityKind::Person, a);
            (person.name.as_str(), person.url.as_str())
        })
        .collect()
}

fn categories<'a>(site: &'a Site, topics: &[crate::model::EntityId]) -> Vec<(&'a str, &'a str)> {
    topics
        .iter()
        .map(|&t| {
            let topic = site.entity(EntityKind::Topic, t);
            (topic.slug.as_str(), topic.name.as_str())
        })
        .collect()
}

/// A briefing's feed content: its introduction, then its items with their notes.
fn briefing_html(site: &Site, documents: &RenderedDocuments, index: usize) -> String {
    let briefing = &site.briefings[index];
    let mut html = documents.briefing_intros[index].value().html.clone();
    html.push_str("<ol class=\"briefing-items\">\n");
    for (item, note) in briefing.items.iter().zip(&documents.briefing_notes[index]) {
        let article = site.article(item.article);
        html.push_str(&format!(
            "<li><p><a href=\"{}\">{}</a></p>\n{}</li>\n",
            escape_html(&Href::new(site.config.base_path(), &article.url).to_string()),
            escape_html(&article.doc.front.title),
            note.as_ref().map_or("", |n| n.value().html.as_str())
        ));
    }
    html.push_str("</ol>\n");
    html
}

/// An entry a feed lists.
#[derive(Debug, Clone, Copy)]
enum Listed {
    Article(usize),
    Briefing(usize),
}

/// One feed: where it goes (in every format), what it lists (newest first, undated last, at
/// most `feed_limit`).
pub struct FeedSpec {
    /// The site path of the folder its files go in.
    folder: String,
    title: String,
    page_path: String,
    full: bool,
    listed: Vec<Listed>,
}

impl FeedSpec {
    fn new(
        site: &Site,
        entries: &FeedEntries,
        (folder, title, page_path): (String, String, String),
        candidates: impl Iterator<Item = Listed>,
        full: bool,
    ) -> FeedSpec {
        let mut listed: Vec<Listed> = candidates.collect();
        listed.sort_by(|&a, &b| {
            let (a, b) = (entries.get(a).value(), entries.get(b).value());
            (Reverse(&a.sort), &a.url).cmp(&(Reverse(&b.sort), &b.url))
        });
        // An article its author is also named in comes twice: once is enough.
        listed.dedup_by(|a, b| entries.get(*a).value().url == entries.get(*b).value().url);
        listed.truncate(site.config.feed_limit);
        FeedSpec {
            folder,
            title,
            page_path,
            full,
            listed,
        }
    }

    /// The feed's path in `format` relative to the output folder.
    pub fn path(&self, format: FeedFormat) -> String {
        format.path(&self.folder).trim_start_matches('/').to_owned()
    }

    pub fn produce(&self, env: &RenderEnv, path: String, format: FeedFormat) -> Produced {
        let config = &env.site.config;
        let entries = &env.derived.feed_entries;
        let feed = Feed {
            site_title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: &config.base_url,
            title: &self.title,
            folder: &self.folder,
            page_path: &self.page_path,
            full: self.full,
            entries: self.listed.iter().map(|&l| entries.get(l)).collect(),
        };
        let label = format.path(&self.folder);
        match format {
            FeedFormat::Atom => env.produce(path, &label, &feed),
            FeedFormat::Json => env.produce(path, &label, &JsonFeed(feed)),
        }
    }
}

/// Every feed of the site: the site's, the briefings', and one per topic and person.
pub fn feeds(site: &Site, entries: &FeedEntries) -> Vec<FeedSpec> {
    let config = &site.config;
    // A story once, as its lead.
    let articles = || site.listed.iter().map(|a| Listed::Article(a.index()));
    let briefings = || (0..site.briefings.len()).map(Listed::Briefing);
    let mut feeds = vec![
        FeedSpec::new(
            site,
            entries,
            (SITE_FEEDS.into(), config.title.clone(), "/".into()),
            articles().chain(briefings()),
            true,
        ),
        FeedSpec::new(
            site,
            entries,
            (
                BRIEFINGS_FEEDS.into(),
                format!("Briefings · {}", config.title),
                "/briefings/".into(),
            ),
            briefings(),
            true,
        ),
    ];
    let entity_full = config.entity_feed_content == FeedContent::Full;
    for kind in [EntityKind::Topic, EntityKind::Person] {
        let made: Vec<FeedSpec> = site.entities[kind]
            .par_iter()
            .map(|entity| {
                let listed = entity
                    .listed
                    .iter()
                    .chain(&entity.authored)
                    .map(|a| Listed::Article(a.index()))
                    .chain(entity.briefings.iter().map(|b| Listed::Briefing(b.index())));
                let names = (
                    entity.url.clone(),
                    format!("{} · {}", entity.name, config.title),
                    entity.url.clone(),
                );
                FeedSpec::new(site, entries, names, listed, entity_full)
            })
            .collect();
        feeds.extend(made);
    }
    feeds
}

/// One feed's input; as itself it makes the Atom document.
#[derive(Hash)]
struct Feed<'a> {
    site_title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    title: &'a str,
    /// The folder of the feed's files, and the page it is the feed of.
    folder: &'a str,
    page_path: &'a str,
    full: bool,
    entries: Vec<&'a KeyedEntry>,
}

impl Artifact for Feed<'_> {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        Ok(Bytes::from(self.xml()))
    }
}

impl Feed<'_> {
    fn xml(&self) -> String {
        let permalink = |path: &str| escape(&format!("{}{path}", self.base_url));
        // RFC 3339 in UTC with a fixed width sorts as text.
        let updated = self
            .entries
            .iter()
            .map(|entry| entry.value().updated.as_str())
            .max()
            .unwrap_or(NO_DATE);
        let mut xml = String::with_capacity(self.capacity());
        xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml.push_str(&format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
            escape(self.language)
        ));
        xml.push_str(&format!("  <title>{}</title>\n", escape(self.title)));
        if !self.description.trim().is_empty() {
            xml.push_str(&format!(
                "  <subtitle>{}</subtitle>\n",
                escape(self.description)
            ));
        }
        let own = permalink(&FeedFormat::Atom.path(self.folder));
        xml.push_str(&format!(
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{own}\"/>\n"
        ));
        xml.push_str(&format!(
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            permalink(self.page_path)
        ));
        xml.push_str(&format!("  <id>{own}</id>\n"));
        xml.push_str(&format!("  <updated>{updated}</updated>\n"));
        xml.push_str(&format!(
            "  <author>\n    <name>{}</name>\n    <uri>{}</uri>\n  </author>\n",
            escape(self.site_title),
            permalink("/")
        ));
        xml.push_str("  <generator>brief</generator>\n");
        for entry in &self.entries {
            entry.value().write(self.full, &mut xml);
        }
        xml.push_str("</feed>\n");
        xml
    }

    fn capacity(&self) -> usize {
        let entries: usize = self
            .entries
            .iter()
            .map(|entry| {
                let entry = entry.value();
                entry.head.len()
                    + if self.full {
                        entry.html.as_str().len() * 2
                    } else {
                        0
                    }
            })
            .sum();
        entries + 1024
    }
}

/// A feed as JSON Feed 1.1.
#[derive(Hash)]
struct JsonFeed<'a>(Feed<'a>);

impl Artifact for JsonFeed<'_> {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        let feed = &self.0;
        let absolute = |path: &str| format!("{}{path}", feed.base_url);
        let document = JsonFeedDocument {
            version: JSON_FEED_VERSION,
            title: feed.title,
            home_page_url: absolute(feed.page_path),
            feed_url: absolute(&FeedFormat::Json.path(feed.folder)),
            description: Some(feed.description).filter(|d| !d.trim().is_empty()),
            language: feed.language,
            authors: [JsonAuthor {
                name: feed.site_title.to_owned(),
                url: absolute("/"),
            }],
            items: (feed.entries.iter())
                .map(|entry| entry.value().json(feed.full))
                .collect(),
        };
        let mut json = serde_json::to_vec_pretty(&document).map_err(|error| {
            vec![Diagnostic::error(
                "feed",
                format!("cannot write {}: {error}", document.feed_url),
            )]
        })?;
        json.push(b'\n');
        Ok(Bytes::from(json))
    }
}

#[derive(Serialize)]
struct JsonFeedDocument<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: String,
    feed_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    language: &'a str,
    authors: [JsonAuthor; 1],
    items: Vec<JsonFeedItem<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonAuthor {
    name: String,
    url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_feeds_are_in_the_site_folder() {
        for format in FeedFormat::ALL {
            assert_eq!(format.site_feed(), format.path(SITE_FEEDS));
        }
    }

    #[test]
    fn root_relative_links_become_absolute() {
        let html = r##"<a href="/a/">x</a> <img src="/i.png"> <a href="//cdn.x/y">z</a> <a href="#f">f</a> <a href="https://o.org/">o</a>"##;
        assert_eq!(
            absolute_links(html, "https://ex.org"),
            r##"<a href="https://ex.org/a/">x</a> <img src="https://ex.org/i.png"> <a href="//cdn.x/y">z</a> <a href="#f">f</a> <a href="https://o.org/">o</a>"##
        );
        assert_eq!(absolute_links(html, ""), html);
    }
}
