//! `/search.json`: a compact index for the theme's client-side search, built once per build.
//!
//! Names are stored once and articles point at them by index, so the index grows with the
//! number of articles, not with articles × names.

use std::sync::Arc;

use bytes::Bytes;
use rayon::prelude::*;
use serde::Serialize;

use super::cache::{Cache, Keyed};
use super::templates::Templates;
use super::views::Views;
use super::{Artifact, Produced, RenderEnv};
use crate::content::DateValue;
use crate::diagnostics::Diagnostic;
use crate::model::{EntityId, EntityKind, Site};
use crate::util::href::Href;

/// The index's path in the output folder.
pub const SEARCH_INDEX: &str = "search.json";

/// Summaries are cut to this many characters: enough to match and to show, small on the wire.
const SUMMARY_CHARS: usize = 160;

/// Everything one article's entry is made from.
#[derive(Hash)]
struct EntrySource<'a> {
    title: &'a str,
    url: Href<'a>,
    date: Option<&'a DateValue>,
    summary: &'a str,
    topics: &'a [EntityId],
    people: &'a [EntityId],
}

/// One article: `[title, url, date, summary, [topic indexes], [person indexes]]`.
fn entry_json(source: &EntrySource) -> Arc<[u8]> {
    let entry = (
        source.title,
        source.url,
        source.date.map(DateValue::iso_date).unwrap_or_default(),
        cut(source.summary, SUMMARY_CHARS),
        source.topics,
        source.people,
    );
    serde_json::to_vec(&entry)
        .expect("an entry always serialises")
        .into()
}

/// Everything but the articles, which follow as `"articles": [...]`, newest first.
#[derive(Serialize, Hash)]
struct Names<'a> {
    v: u32,
    topics: Vec<&'a str>,
    topic_urls: Vec<Href<'a>>,
    people: Vec<&'a str>,
    people_urls: Vec<Href<'a>>,
}

/// The entries of the articles, a story once (as its lead), keyed, and the names they point
/// at.
pub struct SearchEntries<'a> {
    names: Names<'a>,
    entries: Vec<Keyed<Arc<[u8]>>>,
}

impl<'a> SearchEntries<'a> {
    pub fn new(site: &'a Site, views: &Views, cache: &Cache<Arc<[u8]>>) -> SearchEntries<'a> {
        let names = |kind: EntityKind| {
            site.entities[kind]
                .iter()
                .map(|e| e.name.as_str())
                .collect()
        };
        let base_path = site.config.base_path();
        let urls = |kind: EntityKind| {
            site.entities[kind]
                .iter()
                .map(|e| Href::new(base_path, &e.url))
                .collect()
        };
        let names = Names {
            v: 1,
            topics: names(EntityKind::Topic),
            topic_urls: urls(EntityKind::Topic),
            people: names(EntityKind::Person),
            people_urls: urls(EntityKind::Person),
        };
        let entries = site
            .listed
            .par_iter()
            .map(|&id| {
                let (article, summary) = (site.article(id), &views.summaries[id.index()]);
                let front = &article.doc.front;
                let source = EntrySource {
                    title: &front.title,
                    url: Href::new(base_path, &article.url),
                    date: front.date.as_ref(),
                    summary,
                    topics: &article.named.topics,
                    people: &article.named.people,
                };
                Keyed::make(&source, entry_json, cache)
            })
            .collect();
        SearchEntries { names, entries }
    }

    pub fn remember(&self, cache: &mut Cache<Arc<[u8]>>) {
        cache.keep_keyed(&self.entries);
    }

    pub fn produce(&self, env: &RenderEnv, path: String) -> Produced {
        let index = SearchIndex {
            names: &self.names,
            entries: self.entries.iter().collect(),
        };
        env.produce(path, SEARCH_INDEX, &index)
    }
}

/// `/search.json`: a compact index for the theme's client-side search. Names are stored once
/// and articles point at them by index, so the index grows with the number of articles, not
/// with articles × names.
#[derive(Hash)]
struct SearchIndex<'a> {
    names: &'a Names<'a>,
    entries: Vec<&'a Keyed<Arc<[u8]>>>,
}

impl Artifact for SearchIndex<'_> {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        Ok(Bytes::from(self.json()))
    }
}

impl SearchIndex<'_> {
    fn json(&self) -> Vec<u8> {
        let mut json = serde_json::to_vec(self.names).expect("names always serialise");
        json.pop(); // the closing brace
        let entries: usize = self.entries.iter().map(|e| e.value().len() + 1).sum();
        json.reserve(entries + 16);
        json.extend_from_slice(b",\"articles\":[");
        for (number, entry) in self.entries.iter().enumerate() {
            if number > 0 {
                json.push(b',');
            }
            json.extend_from_slice(entry.value());
        }
        json.extend_from_slice(b"]}");
        json
    }
}

/// At most `limit` characters, cut at a word boundary, with an ellipsis when cut.
pub(crate) fn cut(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let end = text
        .char_indices()
        .nth(limit)
        .map_or(text.len(), |(at, _)| at);
    let head = &text[..end];
    let head = head.rfind(' ').map_or(head, |space| &head[..space]);
    format!("{}…", head.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_is_one_json_document() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(
            root.path().join("site.toml"),
            "title = \"T\"\nbase_url = \"https://t.example\"\n",
        )
        .unwrap();
        let config =
            crate::config::Config::load(root.path(), &crate::config::Overrides::default()).unwrap();
        let article = |slug: &str, people: &str| {
            let text = format!(
                "---\ntitle: \"{slug} \\\"q\\\"\"\ndate: 2022-01-09\npeople: [{people}]\ntopics: [NATO]\n---\nBody.\n"
            );
            crate::content::parse_document(
                std::path::Path::new(&format!("content/articles/{slug}.md")),
                text.as_bytes(),
            )
            .unwrap()
        };
        let content = crate::content::Content {
            articles: vec![article("a", "Ann Lee"), article("b", "Bo Chan, Ann Lee")],
            ..Default::default()
        };
        let site =
            crate::model::build(config, content, crate::model::Schedule::EVERYTHING, &[]).site;
        let summaries = ["One.", "Two."];
        let cache = Cache::forgetful();
        let entries: Vec<_> = site
            .articles
            .iter()
            .zip(summaries)
            .map(|(article, summary)| {
                let source = EntrySource {
                    title: &article.doc.front.title,
                    url: Href::new(site.config.base_path(), &article.url),
                    date: article.doc.front.date.as_ref(),
                    summary,
                    topics: &article.named.topics,
                    people: &article.named.people,
                };
                Keyed::make(&source, entry_json, &cache)
            })
            .collect();
        let names = Names {
            v: 1,
            topics: vec!["NATO"],
            topic_urls: vec![Href::new("", "/topics/nato/")],
            people: vec!["Ann Lee", "Bo Chan"],
            people_urls: vec![
                Href::new("", "/people/ann-lee/"),
                Href::new("", "/people/bo-chan/"),
            ],
        };
        let index = SearchIndex {
            names: &names,
            entries: entries.iter().collect(),
        };
        let value: serde_json::Value = serde_json::from_slice(&index.json()).unwrap();
        assert_eq!(value["v"], 1);
        assert_eq!(value["people"], serde_json::json!(["Ann Lee", "Bo Chan"]));
        assert_eq!(value["articles"][0][0], "a \"q\"");
        assert_eq!(value["articles"][1][5], serde_json::json!([1, 0]));
    }

    #[test]
    fn cuts_at_words() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("one two three four", 10), "one two…");
    }
}
