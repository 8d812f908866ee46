//! The search index of the theme's client-side search, split so that a phone loads only what a
//! query needs (as Pagefind does):
//!
//! - `/search/names.json`: the names of every topic and person with their URLs and counts, the
//!   number of articles, and the list of word shards; small, loaded when a search box gets focus;
//! - `/search/w/<prefix>.json`: for the words that start with one two-letter prefix (as folded
//!   for search: lower case, no diacritics; the prefix is hex in the file name), which articles
//!   have them and where (title, names, summary); a query fetches the shards of its words;
//! - `/search/a/<n>.json`: the articles themselves (title, URL, date, summary, names), a hundred
//!   to a file, newest first; a query fetches the ones its first results are in.
//!
//! Each article's record and words are made once per source and kept by `brief serve`.

use std::collections::BTreeMap;
use std::hash::Hash;
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

/// The index's first file, which names the others.
pub const SEARCH_NAMES: &str = "search/names.json";

/// Summaries are cut to this many characters: enough to match and to show, small on the wire.
const SUMMARY_CHARS: usize = 160;

/// Articles per record file: a query's first results are usually in one or two of them.
const CHUNK: usize = 100;

/// Word shards are by the first this many characters of a word.
const PREFIX: usize = 2;

/// Where a word is in an article, as bits: the script weighs them (title most, summary least).
const IN_TITLE: u8 = 1;
const IN_NAMES: u8 = 2;
const IN_SUMMARY: u8 = 4;

/// Everything one article's entry is made from.
#[derive(Hash)]
struct EntrySource<'a> {
    title: &'a str,
    url: Href<'a>,
    date: Option<&'a DateValue>,
    summary: &'a str,
    topics: &'a [EntityId],
    people: &'a [EntityId],
    /// The names the ids stand for, whose words are the article's too.
    names: Vec<&'a str>,
}

/// One article in the index: its record and its words.
#[derive(Debug)]
pub struct Entry {
    /// `[title, url, date, summary, [topic indexes], [person indexes]]`.
    record: Box<[u8]>,
    /// Each folded word of its title, names and summary, with where it is (bits).
    words: Box<[(Box<str>, u8)]>,
}

fn entry(source: &EntrySource) -> Arc<Entry> {
    let summary = cut(source.summary, SUMMARY_CHARS);
    let record = (
        source.title,
        source.url,
        source.date.map(DateValue::iso_date).unwrap_or_default(),
        &summary,
        source.topics,
        source.people,
    );
    let record = serde_json::to_vec(&record).expect("a record always serialises");
    let mut words: BTreeMap<String, u8> = BTreeMap::new();
    let mut add = |text: &str, bit: u8| {
        for word in fold(text).split(' ').filter(|w| !w.is_empty()) {
            *words.entry(word.to_owned()).or_default() |= bit;
        }
    };
    add(source.title, IN_TITLE);
    for name in &source.names {
        add(name, IN_NAMES);
    }
    add(&summary, IN_SUMMARY);
    Arc::new(Entry {
        record: record.into(),
        words: words
            .into_iter()
            .map(|(w, bits)| (w.into(), bits))
            .collect(),
    })
}

/// The names, with the URLs and article counts, and what the index holds.
#[derive(Serialize, Hash)]
struct Names<'a> {
    v: u32,
    articles: usize,
    chunk: usize,
    prefix: usize,
    topics: Vec<&'a str>,
    topic_urls: Vec<Href<'a>>,
    topic_counts: Vec<usize>,
    people: Vec<&'a str>,
    people_urls: Vec<Href<'a>>,
    people_counts: Vec<usize>,
    /// The shards that exist, by file name: the script fetches no other.
    shards: Vec<String>,
}

/// One word shard: each word with the articles that have it, `id * 8 + bits`, ascending; the
/// words in order.
#[derive(Hash)]
struct Shard {
    file: String,
    words: Vec<(Box<str>, Vec<u32>)>,
}

impl Serialize for Shard {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.words.iter().map(|(word, ids)| (word, ids)))
    }
}

/// Every file of the index, made once per render.
pub struct SearchEntries<'a> {
    names: Names<'a>,
    entries: Vec<Keyed<Arc<Entry>>>,
    shards: Vec<Shard>,
}

/// One file of the index.
#[derive(Clone, Copy)]
pub enum SearchFile {
    Names,
    Shard(usize),
    Chunk(usize),
}

impl<'a> SearchEntries<'a> {
    pub fn new(site: &'a Site, views: &Views, cache: &Cache<Arc<Entry>>) -> SearchEntries<'a> {
        // A story once, as its lead.
        let entries: Vec<Keyed<Arc<Entry>>> = site
            .listed
            .par_iter()
            .map(|&id| {
                let (article, summary) = (site.article(id), &views.summaries[id.index()]);
                let front = &article.doc.front;
                let name = |kind: EntityKind, id: &EntityId| site.entity(kind, *id).name.as_str();
                let names = (article.named.topics.iter())
                    .map(|id| name(EntityKind::Topic, id))
                    .chain(
                        article
                            .named
                            .people
                            .iter()
                            .map(|id| name(EntityKind::Person, id)),
                    )
                    .collect();
                let source = EntrySource {
                    title: &front.title,
                    url: Href::new(site.config.base_path(), &article.url),
                    date: front.date.as_ref(),
                    summary,
                    topics: &article.named.topics,
                    people: &article.named.people,
                    names,
                };
                Keyed::make(&source, entry, cache)
            })
            .collect();
        let shards = shards(&entries);
        SearchEntries {
            names: names(site, entries.len(), &shards),
            entries,
            shards,
        }
    }

    pub fn remember(&self, cache: &mut Cache<Arc<Entry>>) {
        cache.keep_keyed(&self.entries);
    }

    /// Every file of the index, with its path.
    pub fn files(&self) -> Vec<(String, SearchFile)> {
        let shards = self.shards.iter().enumerate();
        let chunks = 0..self.entries.len().div_ceil(CHUNK);
        std::iter::once((SEARCH_NAMES.to_owned(), SearchFile::Names))
            .chain(shards.map(|(at, s)| (shard_path(&s.file), SearchFile::Shard(at))))
            .chain(chunks.map(|n| (format!("search/a/{n}.json"), SearchFile::Chunk(n))))
            .collect()
    }

    pub fn produce(&self, env: &RenderEnv, path: String, file: SearchFile) -> Produced {
        let label = path.clone();
        match file {
            SearchFile::Names => env.produce(path, &label, &Json(&self.names)),
            SearchFile::Shard(at) => env.produce(path, &label, &self.shards[at]),
            SearchFile::Chunk(n) => {
                let end = ((n + 1) * CHUNK).min(self.entries.len());
                let chunk = Chunk(self.entries[n * CHUNK..end].iter().collect());
                env.produce(path, &label, &chunk)
            }
        }
    }
}

fn names<'a>(site: &'a Site, articles: usize, shards: &[Shard]) -> Names<'a> {
    let names = |kind: EntityKind| {
        site.entities[kind]
            .iter()
            .map(|e| e.name.as_str())
            .collect()
    };
    let base_path = site.config.base_path();
    let urls = |kind: EntityKind| {
        (site.entities[kind].iter())
            .map(|e| Href::new(base_path, &e.url))
            .collect()
    };
    let counts = |kind: EntityKind| {
        site.entities[kind]
            .iter()
            .map(|e| e.articles.len())
            .collect()
    };
    Names {
        v: 2,
        articles,
        chunk: CHUNK,
        prefix: PREFIX,
        topics: names(EntityKind::Topic),
        topic_urls: urls(EntityKind::Topic),
        topic_counts: counts(EntityKind::Topic),
        people: names(EntityKind::Person),
        people_urls: urls(EntityKind::Person),
        people_counts: counts(EntityKind::Person),
        shards: shards.iter().map(|s| s.file.clone()).collect(),
    }
}

fn shard_path(file: &str) -> String {
    format!("search/w/{file}.json")
}

/// The word shards of `entries` (article `id` is its place in the list), by prefix. Every
/// (word, posting) pair sorted at once, in parallel: words then come grouped, and prefixes too.
fn shards(entries: &[Keyed<Arc<Entry>>]) -> Vec<Shard> {
    let mut pairs: Vec<(&str, u32)> = entries
        .par_iter()
        .enumerate()
        .flat_map_iter(|(id, entry)| {
            let id = u32::try_from(id).expect("fewer than 2^29 articles");
            (entry.value().words.iter())
                .map(move |(word, bits)| (&**word, id * 8 + u32::from(*bits)))
        })
        .collect();
    pairs.par_sort_unstable();
    let mut shards: Vec<Shard> = Vec::new();
    for group in pairs.chunk_by(|a, b| a.0 == b.0) {
        let word = group[0].0;
        let prefix_end = word
            .char_indices()
            .nth(PREFIX)
            .map_or(word.len(), |(at, _)| at);
        let file = hex(&word[..prefix_end]);
        let ids = group.iter().map(|pair| pair.1).collect();
        match shards.last_mut() {
            Some(shard) if shard.file == file => shard.words.push((word.into(), ids)),
            _ => shards.push(Shard {
                file,
                words: vec![(word.into(), ids)],
            }),
        }
    }
    shards
}

/// A prefix as a file name that any host serves: its UTF-8 bytes in hex (`bl` → `626c`).
fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

/// Text as the script folds it for search, word for word: NFD without combining marks, lower
/// case, a few letters spelt out (ß → ss), and every run of other characters one space.
pub(crate) fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let mut folded = String::with_capacity(text.len());
    let mut space = true;
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        for lower in c.to_lowercase() {
            let spelt = match lower {
                'ß' => "ss",
                'ł' => "l",
                'ø' => "o",
                'đ' | 'ð' => "d",
                'þ' => "th",
                'æ' => "ae",
                'œ' => "oe",
                'ı' => "i",
                letter if letter.is_alphanumeric() => {
                    folded.push(letter);
                    space = false;
                    continue;
                }
                _ => {
                    if !space {
                        folded.push(' ');
                        space = true;
                    }
                    continue;
                }
            };
            folded.push_str(spelt);
            space = false;
        }
    }
    if folded.ends_with(' ') {
        folded.pop();
    }
    folded
}

/// A value written as JSON.
#[derive(Hash)]
struct Json<'a, T>(&'a T);

impl<T: Serialize + Hash + Sync> Artifact for Json<'_, T> {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        Ok(Bytes::from(
            serde_json::to_vec(self.0).expect("index files always serialise"),
        ))
    }
}

impl Artifact for Shard {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        Ok(Bytes::from(
            serde_json::to_vec(self).expect("a shard always serialises"),
        ))
    }
}

/// A hundred articles' records, as one JSON list.
#[derive(Hash)]
struct Chunk<'a>(Vec<&'a Keyed<Arc<Entry>>>);

impl Artifact for Chunk<'_> {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        let size: usize = self.0.iter().map(|e| e.value().record.len() + 1).sum();
        let mut json = Vec::with_capacity(size + 2);
        json.push(b'[');
        for (at, entry) in self.0.iter().enumerate() {
            if at > 0 {
                json.push(b',');
            }
            json.extend_from_slice(&entry.value().record);
        }
        json.push(b']');
        Ok(Bytes::from(json))
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

/// The shards' words, for tests: every word of every shard.
#[cfg(test)]
fn words_of(shards: &[Shard]) -> std::collections::BTreeSet<String> {
    shards
        .iter()
        .flat_map(|s| s.words.iter().map(|(w, _)| w.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyed(title: &str, summary: &str, names: Vec<&str>) -> Keyed<Arc<Entry>> {
        let source = EntrySource {
            title,
            url: Href::new("", "/a/"),
            date: None,
            summary,
            topics: &[],
            people: &[],
            names,
        };
        Keyed::make(&source, entry, &Cache::forgetful())
    }

    #[test]
    fn folding_matches_the_script() {
        assert_eq!(
            fold("  Antony BLÍNKEN's “talks” "),
            "antony blinken s talks"
        );
        assert_eq!(fold("Straße, Łódź; Ærø"), "strasse lodz aero");
        assert_eq!(fold("Путин 2022"), "путин 2022");
        assert_eq!(fold("—"), "");
    }

    #[test]
    fn shards_hold_each_word_with_its_articles_and_places() {
        let entries = vec![
            keyed("Blinken in Geneva", "Talks.", vec!["Antony Blinken"]),
            keyed("Geneva", "Blinken said.", vec![]),
        ];
        let shards = shards(&entries);
        let bl = shards.iter().find(|s| s.file == "626c").unwrap();
        assert_eq!(
            bl.words,
            [(
                Box::from("blinken"),
                vec![u32::from(IN_TITLE | IN_NAMES), 8 + u32::from(IN_SUMMARY)]
            )]
        );
        assert_eq!(
            words_of(&shards),
            ["antony", "blinken", "geneva", "in", "said", "talks"]
                .map(str::to_owned)
                .into()
        );
        let json: serde_json::Value =
            serde_json::from_slice(&Chunk(entries.iter().collect()).render(None).unwrap()).unwrap();
        assert_eq!(json[1][0], "Geneva");
    }

    #[test]
    fn cuts_at_words() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("one two three four", 10), "one two…");
    }
}
