//! `/search.json`: a compact index for the theme's client-side search, built once per build.
//!
//! Names are stored once and articles point at them by index, so the index grows with the
//! number of articles, not with articles × names.

use serde::Serialize;

use crate::model::Site;

/// Summaries are cut to this many characters: enough to match and to show, small on the wire.
const SUMMARY_CHARS: usize = 160;

/// One article: `[title, url, date, summary, [topic indexes], [person indexes]]`.
type Entry<'a> = (&'a str, &'a str, String, String, &'a [usize], &'a [usize]);

#[derive(Serialize)]
struct SearchIndex<'a> {
    v: u32,
    topics: Vec<&'a str>,
    topic_urls: Vec<&'a str>,
    people: Vec<&'a str>,
    people_urls: Vec<&'a str>,
    /// Newest first.
    articles: Vec<Entry<'a>>,
}

pub fn search_index(site: &Site, summaries: &[String]) -> Vec<u8> {
    let index = SearchIndex {
        v: 1,
        topics: site.topics.iter().map(|t| t.name.as_str()).collect(),
        topic_urls: site.topics.iter().map(|t| t.url.as_str()).collect(),
        people: site.people.iter().map(|p| p.name.as_str()).collect(),
        people_urls: site.people.iter().map(|p| p.url.as_str()).collect(),
        articles: site
            .articles
            .iter()
            .zip(summaries)
            .map(|(article, summary)| {
                (
                    article.doc.front.title.as_str(),
                    article.url.as_str(),
                    article
                        .doc
                        .front
                        .date
                        .as_ref()
                        .map(|d| d.iso_date())
                        .unwrap_or_default(),
                    cut(summary, SUMMARY_CHARS),
                    article.topics.as_slice(),
                    article.people.as_slice(),
                )
            })
            .collect(),
    };
    serde_json::to_vec(&index).expect("the search index always serialises")
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
    fn cuts_at_words() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("one two three four", 10), "one two…");
    }
}
