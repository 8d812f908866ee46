//! What feed readers and search engines read: Atom feeds (RFC 4287), `sitemap.xml`
//! (sitemaps.org 0.9) and `robots.txt`, written in Rust rather than through templates so that
//! every byte is escaped correctly whatever the theme does.
//!
//! Every date comes from the content (never the clock), so two builds of the same site are
//! byte-identical and an unchanged feed is not rewritten.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

use bytes::Bytes;
use rayon::prelude::*;

use super::documents::RenderedDocuments;
use super::pages::{Page, PageKind};
use super::views::Views;
use crate::config::{Config, FeedContent};
use crate::content::DateValue;
use crate::diagnostics::Diagnostics;
use crate::model::{EntityKind, Site};
use crate::output::{Output, Staging, SyncError};
use crate::util::escape::xml as escape;
use crate::util::hash::fingerprint_of;

/// The site's feed: articles and briefings together.
pub const SITE_FEED: &str = "/atom.xml";
/// The briefings' feed.
pub const BRIEFINGS_FEED: &str = "/briefings/atom.xml";
/// How many URLs one sitemap file may list (sitemaps.org); past it `sitemap.xml` becomes an index.
pub const SITEMAP_LIMIT: usize = 50_000;
/// `updated` of an entry without any date: fixed, so builds stay identical (`brief check`
/// reports the missing date).
const NO_DATE: &str = "1970-01-01T00:00:00Z";

/// The feed of a topic or person, next to its page: `/topics/nato/atom.xml`.
pub fn entity_feed(entity_url: &str) -> String {
    format!("{entity_url}atom.xml")
}

/// The feed a page offers readers (`feed_url` in templates), if it has one.
pub fn feed_url(site: &Site, page: &Page) -> Option<String> {
    match page.kind {
        PageKind::Home | PageKind::Articles(_) | PageKind::Article(_) => Some(SITE_FEED.to_owned()),
        PageKind::Briefings(_) | PageKind::Briefing(_) => Some(BRIEFINGS_FEED.to_owned()),
        PageKind::Entity(kind, index, _) => Some(entity_feed(&site.entities(kind)[index].url)),
        PageKind::Entities(_) | PageKind::Search | PageKind::NotFound => None,
    }
}

/// Root-relative `href="/…"` and `src="/…"` in generated HTML made absolute, for feed readers
/// that ignore `xml:base`.
fn absolute_links(html: &str, config: &Config) -> String {
    if config.base_url.is_empty() {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(at) = [" href=\"/", " src=\"/"]
        .iter()
        .filter_map(|attribute| rest.find(attribute).map(|at| at + attribute.len() - 1))
        .min()
    {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if !rest.starts_with("//") {
            out.push_str(&config.base_url);
        }
    }
    out.push_str(rest);
    out
}

/// One entry, rendered once and shared by every feed that lists it.
#[derive(Debug)]
pub struct Entry {
    /// A fingerprint of everything the entry's XML is made from.
    key: u64,
    /// The instant feeds sort by: `date`, or none.
    sort: Option<DateValue>,
    url: String,
    /// `updated` (RFC 3339): the article's `updated`, else its date.
    updated: String,
    /// The XML every feed writes: everything but the content.
    head: String,
    /// The `<content>` element, made the first time a full-text feed lists the entry: most
    /// entries only ever appear in summary feeds.
    content: OnceLock<String>,
}

impl Entry {
    /// Append the entry to a feed; with `full`, also its `<content>`, made from `html` the first
    /// time any feed asks for it.
    fn write(&self, config: &Config, html: &str, full: bool, xml: &mut String) {
        xml.push_str(&self.head);
        if full {
            xml.push_str(self.content.get_or_init(|| {
                let link = escape(&config.permalink(&self.url));
                format!(
                    "    <content type=\"html\" xml:base=\"{link}\">{}</content>\n",
                    escape(&absolute_links(html, config))
                )
            }));
        }
        xml.push_str("  </entry>\n");
    }
}

fn entry(
    config: &Config,
    title: &str,
    url: &str,
    date: Option<&DateValue>,
    updated: Option<&DateValue>,
    summary: &str,
    categories: &[(&str, &str)],
) -> Entry {
    let link = config.permalink(url);
    let updated_text = updated
        .or(date)
        .map_or_else(|| NO_DATE.to_owned(), DateValue::rfc3339);
    let mut xml = String::with_capacity(512);
    xml.push_str("  <entry>\n");
    xml.push_str(&format!("    <title>{}</title>\n", escape(title)));
    xml.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&link)
    ));
    xml.push_str(&format!("    <id>{}</id>\n", escape(&link)));
    if let Some(date) = date {
        xml.push_str(&format!("    <published>{}</published>\n", date.rfc3339()));
    }
    xml.push_str(&format!("    <updated>{updated_text}</updated>\n"));
    for (slug, name) in categories {
        xml.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            escape(slug),
            escape(name)
        ));
    }
    let summary = if summary.trim().is_empty() {
        title
    } else {
        summary
    };
    xml.push_str(&format!(
        "    <summary type=\"text\">{}</summary>\n",
        escape(summary)
    ));
    Entry {
        key: 0,
        sort: date.cloned(),
        url: url.to_owned(),
        updated: updated_text,
        head: xml,
        content: OnceLock::new(),
    }
}

/// Feed entries and feed files of an earlier build, by fingerprint (`brief serve`).
#[derive(Debug, Default)]
pub struct FeedMemo {
    entries: HashMap<u64, Arc<Entry>>,
    files: HashMap<String, (u64, Bytes)>,
    /// The sitemap files and the fingerprint of what they list.
    sitemaps: Option<(u64, Vec<(String, Bytes)>)>,
}

/// The entry for a fingerprint: the memo's, or a new one.
fn memo_entry(previous: &FeedMemo, key: u64, make: impl FnOnce() -> Entry) -> Arc<Entry> {
    previous
        .entries
        .get(&key)
        .cloned()
        .unwrap_or_else(|| Arc::new(Entry { key, ..make() }))
}

/// A briefing's entry and the HTML it is made from (its introduction and items).
type BriefingEntry = (Arc<Entry>, String);

/// The entries of every article and of every briefing with its HTML, index for index with the
/// site's lists.
fn entries(
    site: &Site,
    documents: &RenderedDocuments,
    views: &Views,
    previous: &FeedMemo,
) -> (Vec<Arc<Entry>>, Vec<BriefingEntry>) {
    let config = &site.config;
    let articles = site
        .articles
        .par_iter()
        .enumerate()
        .map(|(index, article)| {
            let front = &article.doc.front;
            let categories: Vec<(&str, &str)> = article
                .topics
                .iter()
                .map(|&t| (site.topics[t].slug.as_str(), site.topics[t].name.as_str()))
                .collect();
            let summary = &views.summaries[index];
            // The Markdown's memo key stands for its HTML: no need to hash the whole body.
            let key = fingerprint_of(&(
                &config.base_url,
                &front.title,
                &article.url,
                &front.date,
                &front.updated,
                summary,
                documents.article_keys[index],
                &categories,
            ));
            memo_entry(previous, key, || {
                entry(
                    config,
                    &front.title,
                    &article.url,
                    front.date.as_ref(),
                    front.updated.as_ref(),
                    summary,
                    &categories,
                )
            })
        })
        .collect();
    let briefings = site
        .briefings
        .iter()
        .enumerate()
        .map(|(index, briefing)| {
            let front = &briefing.doc.front;
            let intro = &documents.briefing_intros[index];
            let mut html = intro.html.clone();
            html.push_str("<ol class=\"briefing-items\">\n");
            for (item, note) in briefing.items.iter().zip(&documents.briefing_notes[index]) {
                let article = &site.articles[item.article];
                html.push_str(&format!(
                    "<li><p><a href=\"{}\">{}</a></p>\n{}</li>\n",
                    crate::util::escape::html(&article.url),
                    crate::util::escape::html(&article.doc.front.title),
                    note.as_ref().map_or("", |n| n.html.as_str())
                ));
            }
            html.push_str("</ol>\n");
            let categories: Vec<(&str, &str)> = briefing
                .topics
                .iter()
                .map(|&t| (site.topics[t].slug.as_str(), site.topics[t].name.as_str()))
                .collect();
            let summary = front.summary.as_deref().unwrap_or(&intro.first_paragraph);
            let key = fingerprint_of(&(
                &config.base_url,
                &front.title,
                &briefing.url,
                &front.date,
                summary,
                &html,
                &categories,
            ));
            let entry = memo_entry(previous, key, || {
                entry(
                    config,
                    &front.title,
                    &briefing.url,
                    front.date.as_ref(),
                    None,
                    summary,
                    &categories,
                )
            });
            (entry, html)
        })
        .collect();
    (articles, briefings)
}

/// What one feed lists: each entry with its HTML, and whether entries carry that HTML.
struct Listed<'a> {
    entries: Vec<(&'a Entry, &'a str)>,
    full: bool,
}

/// One Atom document: the listed entries newest first (undated last), at most `feed_limit`.
fn feed(
    config: &Config,
    title: &str,
    feed_path: &str,
    page_path: &str,
    listed: &Listed,
    previous: &FeedMemo,
) -> (u64, Bytes) {
    let mut sorted = listed.entries.clone();
    sorted.sort_by(|(a, _), (b, _)| (Reverse(&a.sort), &a.url).cmp(&(Reverse(&b.sort), &b.url)));
    sorted.truncate(config.feed_limit);
    let fingerprint = fingerprint_of(&(
        (title, feed_path, page_path, listed.full),
        &config.base_url,
        &config.language,
        &config.description,
        &config.title,
        config.feed_limit,
        sorted
            .iter()
            .map(|(entry, _)| entry.key)
            .collect::<Vec<_>>(),
    ));
    if let Some((known, bytes)) = previous.files.get(feed_path)
        && *known == fingerprint
    {
        return (fingerprint, bytes.clone());
    }
    // RFC 3339 in UTC with a fixed width sorts as text.
    let updated = sorted
        .iter()
        .map(|(entry, _)| entry.updated.as_str())
        .max()
        .unwrap_or(NO_DATE);
    let self_link = config.permalink(feed_path);
    let mut xml = String::with_capacity(
        sorted
            .iter()
            .map(|(entry, html)| entry.head.len() + if listed.full { html.len() * 2 } else { 0 })
            .sum::<usize>()
            + 1024,
    );
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&config.language)
    ));
    xml.push_str(&format!("  <title>{}</title>\n", escape(title)));
    if !config.description.trim().is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape(&config.description)
        ));
    }
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&self_link)
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&config.permalink(page_path))
    ));
    xml.push_str(&format!("  <id>{}</id>\n", escape(&self_link)));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str(&format!(
        "  <author>\n    <name>{}</name>\n    <uri>{}</uri>\n  </author>\n",
        escape(&config.title),
        escape(&config.permalink("/"))
    ));
    xml.push_str("  <generator>brief</generator>\n");
    for (entry, html) in sorted {
        entry.write(config, html, listed.full, &mut xml);
    }
    xml.push_str("</feed>\n");
    (fingerprint, Bytes::from(xml))
}

/// Every feed of the site as (output path, XML): the site's, the briefings', and one per topic
/// and person.
pub fn feeds(
    site: &Site,
    documents: &RenderedDocuments,
    views: &Views,
    memo: &mut FeedMemo,
    staging: Option<&Staging>,
) -> (Vec<(String, Bytes)>, Vec<SyncError>) {
    let config = &site.config;
    let failures = std::sync::Mutex::new(Vec::new());
    let (articles, briefings) = entries(site, documents, views, memo);
    let article = |a: usize| (articles[a].as_ref(), documents.articles[a].html.as_str());
    let briefing = |b: usize| (briefings[b].0.as_ref(), briefings[b].1.as_str());
    // (output path, title, page path, entries) of every feed, built in parallel below.
    let mut wanted: Vec<(String, String, String, Listed)> = Vec::new();
    wanted.push((
        SITE_FEED.to_owned(),
        config.title.clone(),
        "/".to_owned(),
        Listed {
            entries: (0..articles.len())
                .map(article)
                .chain((0..briefings.len()).map(briefing))
                .collect(),
            full: true,
        },
    ));
    wanted.push((
        BRIEFINGS_FEED.to_owned(),
        format!("Briefings · {}", config.title),
        "/briefings/".to_owned(),
        Listed {
            entries: (0..briefings.len()).map(briefing).collect(),
            full: true,
        },
    ));
    let entity_full = config.entity_feed_content == FeedContent::Full;
    for kind in [EntityKind::Topic, EntityKind::Person] {
        for entity in site.entities(kind) {
            let listed = Listed {
                entries: entity
                    .articles
                    .iter()
                    .map(|&a| article(a))
                    .chain(entity.briefings.iter().map(|&b| briefing(b)))
                    .collect(),
                full: entity_full,
            };
            wanted.push((
                entity_feed(&entity.url),
                format!("{} · {}", entity.name, config.title),
                entity.url.clone(),
                listed,
            ));
        }
    }
    let files: Vec<(String, u64, Bytes)> = wanted
        .par_iter()
        .map(|(path, title, page, listed)| {
            let (fingerprint, xml) = feed(config, title, path, page, listed, memo);
            // Handed over as soon as it exists (`brief build`): feeds are a large part of a site.
            let xml = match staging {
                Some(staging) => match staging.put(path.trim_start_matches('/'), &xml) {
                    Ok(()) => Bytes::new(),
                    Err(error) => {
                        failures
                            .lock()
                            .expect("no panics while holding it")
                            .push(error);
                        Bytes::new()
                    }
                },
                None => xml,
            };
            (path.clone(), fingerprint, xml)
        })
        .collect();
    // A streamed build (staging) has no next build to reuse its feeds: it keeps no memo.
    if staging.is_none() {
        memo.entries = articles
            .iter()
            .chain(briefings.iter().map(|(entry, _)| entry))
            .map(|e| (e.key, e.clone()))
            .collect();
        memo.files = files
            .iter()
            .map(|(path, fingerprint, xml)| (path.clone(), (*fingerprint, xml.clone())))
            .collect();
    }
    let files = files
        .into_iter()
        .map(|(path, _, xml)| (path.trim_start_matches('/').to_owned(), xml))
        .collect();
    (
        files,
        failures.into_inner().expect("no panics while holding it"),
    )
}

/// The feeds and the sitemap, the paths of the feeds already handed to `staging` (a streamed
/// build writes feeds out as they are made), and the problems found. Add them to the output
/// before static files are, so that a static file taking one of these names is reported.
pub fn feeds_and_sitemap(
    site: &Site,
    documents: &RenderedDocuments,
    views: &Views,
    pages: &[Page],
    memo: &mut FeedMemo,
    staging: Option<&Staging>,
) -> (Vec<(String, Bytes)>, Vec<String>, Diagnostics) {
    let (feeds, failures) = feeds(site, documents, views, memo, staging);
    let diagnostics: Diagnostics = failures.iter().map(super::write_problem).collect();
    let handed_over = match staging {
        Some(_) => feeds.iter().map(|(path, _)| path.clone()).collect(),
        None => Vec::new(),
    };
    let sitemaps = sitemaps_memo(site, pages, &mut memo.sitemaps, staging.is_none());
    (
        feeds.into_iter().chain(sitemaps).collect(),
        handed_over,
        diagnostics,
    )
}

/// Add `robots.txt` unless the site's `static/` has its own. Call after static files.
pub fn add_robots(config: &Config, output: &mut Output) {
    if output.get("robots.txt").is_none() {
        output.insert("robots.txt".to_owned(), robots(config).into_bytes());
    }
}

/// The newest of some dates.
fn newest<'a>(dates: impl Iterator<Item = Option<&'a DateValue>>) -> Option<&'a DateValue> {
    dates.flatten().max()
}

/// The `lastmod` of one page: its own date, or the newest date of what it lists.
fn lastmod<'a>(site: &'a Site, page: &Page) -> Option<&'a DateValue> {
    let per_page = site.config.paginate_by;
    let article_date = |index: usize| {
        let front = &site.articles[index].doc.front;
        front.updated.as_ref().or(front.date.as_ref())
    };
    let briefing_date = |index: usize| site.briefings[index].doc.front.date.as_ref();
    let page_of = |count: usize, number: usize| {
        let start = ((number - 1) * per_page).min(count);
        start..(start + per_page).min(count)
    };
    match page.kind {
        PageKind::Home => newest(
            (0..site.articles.len())
                .map(article_date)
                .chain((0..site.briefings.len()).map(briefing_date)),
        ),
        PageKind::Article(index) => article_date(index),
        PageKind::Articles(number) => {
            newest(page_of(site.articles.len(), number).map(article_date))
        }
        PageKind::Briefing(index) => briefing_date(index),
        PageKind::Briefings(number) => {
            newest(page_of(site.briefings.len(), number).map(briefing_date))
        }
        PageKind::Entity(kind, index, number) => {
            let entity = &site.entities(kind)[index];
            newest(
                entity.articles[page_of(entity.articles.len(), number)]
                    .iter()
                    .map(|&a| article_date(a)),
            )
        }
        PageKind::Entities(_) | PageKind::Search | PageKind::NotFound => None,
    }
}

/// What the sitemap lists: each page's path and `lastmod` (the 404 and search pages are left out).
type SitemapUrls<'a> = Vec<(&'a str, Option<&'a DateValue>)>;

fn sitemap_urls<'a>(site: &'a Site, pages: &'a [Page]) -> SitemapUrls<'a> {
    pages
        .par_iter()
        .filter(|page| !matches!(page.kind, PageKind::NotFound | PageKind::Search))
        .map(|page| (page.url.as_str(), lastmod(site, page)))
        .collect()
}

/// `sitemap.xml` for these pages (the 404 and search pages are left out), split into `sitemap-N.xml` files
/// under a sitemap index when there are more than `limit` URLs.
pub fn sitemaps(site: &Site, pages: &[Page], limit: usize) -> Vec<(String, String)> {
    sitemap_files(&site.config, &sitemap_urls(site, pages), limit)
}

/// The sitemap, reused from `memo` when no URL or date changed since it was made (a `brief
/// serve` rebuild after an edit of an article's text): a sitemap formats a date and a URL per
/// page of the site.
fn sitemaps_memo(
    site: &Site,
    pages: &[Page],
    memo: &mut Option<(u64, Vec<(String, Bytes)>)>,
    keep: bool,
) -> Vec<(String, Bytes)> {
    let urls = sitemap_urls(site, pages);
    let files = || -> Vec<(String, Bytes)> {
        sitemap_files(&site.config, &urls, SITEMAP_LIMIT)
            .into_iter()
            .map(|(path, xml)| (path, Bytes::from(xml)))
            .collect()
    };
    // A streamed build has no next build to reuse it: no fingerprint, no memo.
    if !keep {
        return files();
    }
    let mut hasher = crate::util::hash::hasher();
    site.config.base_url.hash(&mut hasher);
    for (url, lastmod) in &urls {
        (url, lastmod.map(|date| date.timestamp)).hash(&mut hasher);
    }
    let key = hasher.finish();
    if let Some((known, files)) = memo
        && *known == key
    {
        return files.clone();
    }
    let files = files();
    *memo = Some((key, files.clone()));
    files
}

fn sitemap_files(
    config: &Config,
    urls: &[(&str, Option<&DateValue>)],
    limit: usize,
) -> Vec<(String, String)> {
    let urlset = |urls: &[(&str, Option<&DateValue>)]| {
        let mut xml = String::with_capacity(urls.len() * 100 + 200);
        xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (url, lastmod) in urls {
            xml.push_str(&format!(
                "  <url>\n    <loc>{}</loc>\n",
                escape(&config.permalink(url))
            ));
            if let Some(lastmod) = lastmod {
                xml.push_str(&format!("    <lastmod>{}</lastmod>\n", lastmod.rfc3339()));
            }
            xml.push_str("  </url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    };
    let limit = limit.max(1);
    if urls.len() <= limit {
        return vec![("sitemap.xml".to_owned(), urlset(urls))];
    }
    let mut files = Vec::new();
    let mut index = String::new();
    index.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    index.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (number, chunk) in urls.chunks(limit).enumerate() {
        let path = format!("sitemap-{}.xml", number + 1);
        index.push_str(&format!(
            "  <sitemap>\n    <loc>{}</loc>\n",
            escape(&config.permalink(&format!("/{path}")))
        ));
        if let Some(lastmod) = chunk.iter().filter_map(|(_, lastmod)| *lastmod).max() {
            index.push_str(&format!("    <lastmod>{}</lastmod>\n", lastmod.rfc3339()));
        }
        index.push_str("  </sitemap>\n");
        files.push((path, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".to_owned(), index));
    files
}

/// `robots.txt`: everything may be crawled; the sitemap is named when URLs are absolute.
pub fn robots(config: &Config) -> String {
    let mut text = String::from("User-agent: *\nDisallow:\n");
    if config.base_url.starts_with("http://") || config.base_url.starts_with("https://") {
        text.push_str(&format!(
            "\nSitemap: {}\n",
            config.permalink("/sitemap.xml")
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> Config {
        let mut config =
            Config::parse("title = \"T\"\nbase_url = \"https://example.org\"\n").unwrap();
        config.base_url = base_url.to_owned();
        config
    }

    #[test]
    fn root_relative_links_become_absolute() {
        let html = r##"<a href="/a/">x</a> <img src="/i.png"> <a href="//cdn.x/y">z</a> <a href="#f">f</a> <a href="https://o.org/">o</a>"##;
        assert_eq!(
            absolute_links(html, &config("https://ex.org")),
            r##"<a href="https://ex.org/a/">x</a> <img src="https://ex.org/i.png"> <a href="//cdn.x/y">z</a> <a href="#f">f</a> <a href="https://o.org/">o</a>"##
        );
        assert_eq!(absolute_links(html, &config("")), html);
    }

    #[test]
    fn robots_names_the_sitemap_only_for_absolute_urls() {
        assert_eq!(
            robots(&config("https://ex.org")),
            "User-agent: *\nDisallow:\n\nSitemap: https://ex.org/sitemap.xml\n"
        );
        assert_eq!(robots(&config("")), "User-agent: *\nDisallow:\n");
    }

    #[test]
    fn sitemap_splits_under_an_index_past_the_limit() {
        let (site, _) = crate::model::build(config("https://ex.org"), Default::default());
        let pages = crate::render::pages::pages(&site);
        // Home, the article and briefing archives, the topic and people indexes; not the 404.
        let single = sitemaps(&site, &pages, SITEMAP_LIMIT);
        assert_eq!(single.len(), 1);
        assert_eq!(single[0].1.matches("<loc>").count(), 5);
        assert!(!single[0].1.contains("404"));
        let split = sitemaps(&site, &pages, 2);
        let names: Vec<&str> = split.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        assert!(split[0].1.contains("<sitemapindex"));
        assert!(
            split[0]
                .1
                .contains("<loc>https://ex.org/sitemap-3.xml</loc>")
        );
        let listed: usize = split[1..]
            .iter()
            .map(|(_, xml)| xml.matches("<url>").count())
            .sum();
        assert_eq!(listed, 5);
    }
}
