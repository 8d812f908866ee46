//! What templates see: each document serialised once into a Tera value, lists built from cheap
//! clones of those values (Tera values share their maps), never from whole bodies.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::documents::RenderedDocuments;
use crate::content::DateValue;
use crate::model::{Entity, EntityKind, Site};

/// Words per minute for the reading time.
const READING_SPEED: usize = 220;

#[derive(Serialize)]
struct Link<'a> {
    name: &'a str,
    url: &'a str,
    slug: &'a str,
}

#[derive(Serialize)]
struct CountedLink<'a> {
    name: &'a str,
    url: &'a str,
    slug: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct Dates {
    date: Option<String>,
    date_display: Option<String>,
    date_rfc3339: Option<String>,
}

fn dates(date: Option<&DateValue>) -> Dates {
    Dates {
        date: date.map(DateValue::iso_date),
        date_display: date.map(DateValue::display),
        date_rfc3339: date.map(DateValue::rfc3339),
    }
}

#[derive(Serialize)]
struct ArticleCard<'a> {
    title: &'a str,
    url: &'a str,
    slug: &'a str,
    #[serde(flatten)]
    dates: Dates,
    summary: &'a str,
    /// True when `summary` is the body's first paragraph, not one the editor wrote.
    summary_is_excerpt: bool,
    reading_minutes: usize,
    people: Vec<Value>,
    topics: Vec<Value>,
}

#[derive(Serialize)]
struct BriefingCard<'a> {
    title: &'a str,
    url: &'a str,
    slug: &'a str,
    #[serde(flatten)]
    dates: Dates,
    summary: &'a str,
    item_count: usize,
}

/// Every value a page may need, built once per build.
pub struct Views {
    pub site: Value,
    pub people_links: Vec<Value>,
    pub topic_links: Vec<Value>,
    /// A fingerprint of each person's and topic's link (name, URL, slug).
    pub people_link_hashes: Vec<u64>,
    pub topic_link_hashes: Vec<u64>,
    pub article_cards: Vec<Value>,
    /// A fingerprint of each article card, of each briefing card and of the site value, for
    /// fingerprinting pages without walking the same values again (see `render::memo`).
    pub article_card_hashes: Vec<u64>,
    pub briefing_card_hashes: Vec<u64>,
    pub site_hash: u64,
    pub briefing_cards: Vec<Value>,
    pub summaries: Vec<String>,
}

/// Article cards of an earlier build by the fingerprint of what they are made from
/// (`brief serve`): a card whose inputs are unchanged is reused, not serialised again.
pub type CardMemo = HashMap<u64, Value, ahash::RandomState>;

pub fn entity_link(entity: &Entity) -> Value {
    Value::from_serializable(&Link {
        name: &entity.name,
        url: &entity.url,
        slug: &entity.slug,
    })
}

pub fn counted_link(entity: &Entity, count: usize) -> Value {
    Value::from_serializable(&CountedLink {
        name: &entity.name,
        url: &entity.url,
        slug: &entity.slug,
        count,
    })
}

/// The views of a build, reusing the article cards of `previous` whose inputs are unchanged;
/// returns the card memo of this build too.
pub fn build_views(
    site: &Site,
    documents: &RenderedDocuments,
    previous: &CardMemo,
) -> (Views, CardMemo) {
    let config = &site.config;
    let site_value = Value::from_serializable(&serde_json::json!({
        "title": config.title,
        "description": config.description,
        "language": config.language,
        "base_url": config.base_url,
        "feed_url": super::feeds::SITE_FEED,
        "extra": config.extra,
        "counts": {
            "articles": site.articles.len(),
            "briefings": site.briefings.len(),
            "topics": site.topics.len(),
            "people": site.people.len(),
        },
    }));
    let people_links: Vec<Value> = site.people.iter().map(entity_link).collect();
    let topic_links: Vec<Value> = site.topics.iter().map(entity_link).collect();
    let people_link_hashes: Vec<u64> = site.people.iter().map(link_hash).collect();
    let topic_link_hashes: Vec<u64> = site.topics.iter().map(link_hash).collect();
    let summaries: Vec<String> = site
        .articles
        .iter()
        .zip(&documents.articles)
        .map(|(article, rendered)| {
            article
                .doc
                .front
                .summary
                .clone()
                .unwrap_or_else(|| rendered.first_paragraph.clone())
        })
        .collect();
    let (article_card_hashes, article_cards): (Vec<u64>, Vec<Value>) = site
        .articles
        .par_iter()
        .zip(&documents.articles)
        .zip(&summaries)
        .map(|((article, rendered), summary)| {
            let front = &article.doc.front;
            let reading_minutes = rendered.word_count.div_ceil(READING_SPEED).max(1);
            // Everything the card below is made from (keep the two in step): the key stands
            // for the card in page fingerprints.
            let key = crate::util::hash::fingerprint_of(&(
                (&front.title, &article.url, &article.doc.slug, &front.date),
                (summary, front.summary.is_none(), reading_minutes),
                article
                    .people
                    .iter()
                    .map(|&p| people_link_hashes[p])
                    .collect::<Vec<u64>>(),
                article
                    .topics
                    .iter()
                    .map(|&t| topic_link_hashes[t])
                    .collect::<Vec<u64>>(),
            ));
            let card = previous.get(&key).cloned().unwrap_or_else(|| {
                Value::from_serializable(&ArticleCard {
                    title: &front.title,
                    url: &article.url,
                    slug: &article.doc.slug,
                    dates: dates(front.date.as_ref()),
                    summary,
                    summary_is_excerpt: front.summary.is_none(),
                    reading_minutes,
                    people: article
                        .people
                        .iter()
                        .map(|&p| people_links[p].clone())
                        .collect(),
                    topics: article
                        .topics
                        .iter()
                        .map(|&t| topic_links[t].clone())
                        .collect(),
                })
            });
            (key, card)
        })
        .unzip();
    let briefing_cards: Vec<Value> = site
        .briefings
        .iter()
        .zip(&documents.briefing_intros)
        .map(|(briefing, intro)| {
            let summary = briefing
                .doc
                .front
                .summary
                .as_deref()
                .unwrap_or(&intro.first_paragraph);
            Value::from_serializable(&BriefingCard {
                title: &briefing.doc.front.title,
                url: &briefing.url,
                slug: &briefing.doc.slug,
                dates: dates(briefing.doc.front.date.as_ref()),
                summary,
                item_count: briefing.items.len(),
            })
        })
        .collect();
    let card_memo = article_card_hashes
        .iter()
        .copied()
        .zip(article_cards.iter().cloned())
        .collect();
    let views = Views {
        site_hash: super::memo::value_hash(&site_value),
        site: site_value,
        people_links,
        topic_links,
        people_link_hashes,
        topic_link_hashes,
        article_cards,
        article_card_hashes,
        briefing_card_hashes: briefing_cards.iter().map(super::memo::value_hash).collect(),
        briefing_cards,
        summaries,
    };
    (views, card_memo)
}

/// The fingerprint of an entity's link, as [`entity_link`] makes it.
fn link_hash(entity: &Entity) -> u64 {
    crate::util::hash::fingerprint_of(&(&entity.name, &entity.url, &entity.slug))
}

impl Views {
    pub fn link_hashes(&self, kind: EntityKind) -> &[u64] {
        match kind {
            EntityKind::Person => &self.people_link_hashes,
            EntityKind::Topic => &self.topic_link_hashes,
        }
    }
}

/// A card value with `extra` fields added: the fields of the full view of one document.
pub fn extend(card: &Value, extra: impl IntoIterator<Item = (&'static str, Value)>) -> tera::Map {
    let mut map = card.as_map().cloned().unwrap_or_default();
    map.extend(map_of(extra));
    map
}

/// A Tera map from name/value pairs.
pub fn map_of(pairs: impl IntoIterator<Item = (&'static str, Value)>) -> tera::Map {
    pairs
        .into_iter()
        .map(|(key, value)| (key.into(), value))
        .collect()
}
