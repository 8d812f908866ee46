//! What templates see: each document serialised once into a Tera value, lists built from cheap
//! clones of those values (Tera values share their maps), never from whole bodies.

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
    pub article_cards: Vec<Value>,
    /// A fingerprint of each article card and of the site value, for fingerprinting pages
    /// without walking the same values again (see `render::memo`).
    pub article_card_hashes: Vec<u64>,
    pub site_hash: u64,
    pub briefing_cards: Vec<Value>,
    pub summaries: Vec<String>,
}

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

pub fn build_views(site: &Site, documents: &RenderedDocuments) -> Views {
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
    let article_cards: Vec<Value> = site
        .articles
        .iter()
        .zip(&documents.articles)
        .zip(&summaries)
        .map(|((article, rendered), summary)| {
            Value::from_serializable(&ArticleCard {
                title: &article.doc.front.title,
                url: &article.url,
                slug: &article.doc.slug,
                dates: dates(article.doc.front.date.as_ref()),
                summary,
                summary_is_excerpt: article.doc.front.summary.is_none(),
                reading_minutes: rendered.word_count.div_ceil(READING_SPEED).max(1),
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
        })
        .collect();
    let briefing_cards = site
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
    let article_card_hashes = article_cards
        .par_iter()
        .map(super::memo::value_hash)
        .collect();
    Views {
        site_hash: super::memo::value_hash(&site_value),
        site: site_value,
        people_links,
        topic_links,
        article_cards,
        article_card_hashes,
        briefing_cards,
        summaries,
    }
}

impl Views {
    pub fn links(&self, kind: EntityKind) -> &[Value] {
        match kind {
            EntityKind::Person => &self.people_links,
            EntityKind::Topic => &self.topic_links,
        }
    }
}

/// Merge `extra` fields into a card value, giving the full view of one document.
pub fn extend(card: &Value, extra: serde_json::Value) -> Value {
    let mut map = card.as_map().cloned().unwrap_or_default();
    if let Some(extra_map) = Value::from_serializable(&extra).into_map() {
        for (key, value) in extra_map {
            map.insert(key, value);
        }
    }
    Value::from(map)
}
