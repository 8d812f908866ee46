//! `/search.json`: a compact index for the theme's client-side search, built once per build.
//!
//! Names are stored once and articles point at them by index, so the index grows with the
//! number of articles, not with articles × names.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Site;

/// Summaries are cut to this many characters: enough to match and to show, small on the wire.
const SUMMARY_CHARS: usize = 160;

/// One article: `[title, url, date, summary, [topic indexes], [person indexes]]`.
type Entry<'a> = (&'a str, &'a str, String, String, &'a [usize], &'a [usize]);

/// Everything but the articles, which follow as `"articles": [...]`, newest first.
#[derive(Serialize)]
struct Names<'a> {
    v: u32,
    topics: Vec<&'a str>,
    topic_urls: Vec<&'a str>,
    people: Vec<&'a str>,
    people_urls: Vec<&'a str>,
}

/// The JSON of each article's entry by the fingerprint of what it is made from, kept between
/// the builds of `brief serve`.
pub type SearchMemo = HashMap<u64, Arc<[u8]>, ahash::RandomState>;

/// The index as JSON, reusing the entries of `previous` whose inputs are unchanged, and the memo
/// of this build.
pub fn search_index(
    site: &Site,
    summaries: &[String],
    previous: &SearchMemo,
) -> (Vec<u8>, SearchMemo) {
    let names = Names {
        v: 1,
        topics: site.topics.iter().map(|t| t.name.as_str()).collect(),
        topic_urls: site.topics.iter().map(|t| t.url.as_str()).collect(),
        people: site.people.iter().map(|p| p.name.as_str()).collect(),
        people_urls: site.people.iter().map(|p| p.url.as_str()).collect(),
    };
    let entries: Vec<(u64, Arc<[u8]>)> = site
        .articles
        .par_iter()
        .zip(summaries)
        .map(|(article, summary)| {
            let front = &article.doc.front;
            let key = crate::util::hash::fingerprint_of(&(
                &front.title,
                &article.url,
                &front.date,
                summary,
                &article.topics,
                &article.people,
            ));
            let json = previous.get(&key).cloned().unwrap_or_else(|| {
                let entry: Entry = (
                    &front.title,
                    &article.url,
                    front
                        .date
                        .as_ref()
                        .map(|d| d.iso_date())
                        .unwrap_or_default(),
                    cut(summary, SUMMARY_CHARS),
                    &article.topics,
                    &article.people,
                );
                serde_json::to_vec(&entry)
                    .expect("an entry always serialises")
                    .into()
            });
            (key, json)
        })
        .collect();
    let mut json = serde_json::to_vec(&names).expect("names always serialise");
    json.pop(); // the closing brace
    json.reserve(
        entries
            .iter()
            .map(|(_, entry)| entry.len() + 1)
            .sum::<usize>()
            + 16,
    );
    json.extend_from_slice(b",\"articles\":[");
    for (number, (_, entry)) in entries.iter().enumerate() {
        if number > 0 {
            json.push(b',');
        }
        json.extend_from_slice(entry);
    }
    json.extend_from_slice(b"]}");
    (json, entries.into_iter().collect())
}

/// At most `limit` characters, cut at a word boundary, with an ellipsis when cut.
fn cut(text: &str, limit: usize) -> String {
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
        let (site, _) = crate::model::build(config, content);
        let summaries = vec!["One.".to_owned(), "Two.".to_owned()];
        let (json, memo) = search_index(&site, &summaries, &SearchMemo::default());
        let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(value["v"], 1);
        assert_eq!(value["people"], serde_json::json!(["Ann Lee", "Bo Chan"]));
        assert_eq!(value["articles"][0][0], "a \"q\"");
        assert_eq!(value["articles"][1][5], serde_json::json!([1, 0]));
        let (again, _) = search_index(&site, &summaries, &memo);
        assert_eq!(json, again);
    }

    #[test]
    fn cuts_at_words() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("one two three four", 10), "one two…");
    }
}
