//! What templates see of each document: serialised once per build into a Tera value, keyed by
//! what it is made from; lists are built from cheap clones of those values (Tera values share
//! their maps), never from whole bodies.

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::cache::{Cache, Keyed};
use super::documents::RenderedDocuments;
use super::feeds::FeedFormat;
use crate::config::Config;
use crate::content::DateValue;
use crate::model::{ArticleId, ByKind, Entity, EntityKind, Site};
use crate::util::hash::AsJson;
use crate::util::href::Href;

/// How many people, and how many topics, a card names at most: a card is on every list page of
/// each of them, so an article naming thousands would make the site grow with their square.
/// The article's own page names them all.
pub const CARD_CHIPS: usize = 12;

/// Words per minute for the reading time.
const READING_SPEED: usize = 220;

/// Every value a page may need, built once per build.
pub struct Views {
    pub site: Keyed<Value>,
    /// Each person's and topic's link (name, URL, slug).
    pub links: ByKind<Vec<Keyed<Value>>>,
    pub article_cards: Vec<Keyed<Value>>,
    pub briefing_cards: Vec<Keyed<Value>>,
    /// Each article's summary: its own, else its body's first paragraph.
    pub summaries: Vec<String>,
}

#[derive(Serialize, Hash)]
struct Link<'a> {
    name: &'a str,
    url: Href<'a>,
    slug: &'a str,
}

fn link_value(link: &Link) -> Value {
    Value::from_serializable(link)
}

/// An entity's link with a count (of its articles, or of articles shared with another).
#[derive(Serialize, Hash)]
pub struct Counted<'a> {
    name: &'a str,
    url: Href<'a>,
    slug: &'a str,
    count: usize,
}

impl<'a> Counted<'a> {
    pub fn of(site: &'a Site, entity: &'a Entity, count: usize) -> Counted<'a> {
        Counted {
            name: &entity.name,
            url: Href::new(site.config.base_path(), &entity.url),
            slug: &entity.slug,
            count,
        }
    }

    pub fn name(&self) -> &'a str {
        self.name
    }

    pub fn slug(&self) -> &'a str {
        self.slug
    }

    pub fn url(&self) -> Href<'a> {
        self.url
    }

    pub fn value(&self) -> Value {
        Value::from_serializable(self)
    }
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

/// Everything an article's card is made from.
#[derive(Hash)]
struct CardSource<'a> {
    title: &'a str,
    /// Whether the title and summary get curly quotes (`[markdown] smart_punctuation`).
    smart: bool,
    url: Href<'a>,
    slug: &'a str,
    date: Option<&'a DateValue>,
    summary: &'a str,
    /// True when `summary` is the body's first paragraph, not one the editor wrote.
    summary_is_excerpt: bool,
    reading_minutes: usize,
    /// How many articles report its story (1 when it is in none).
    sources: usize,
    people: Vec<&'a Keyed<Value>>,
    topics: Vec<&'a Keyed<Value>>,
    authors: Vec<&'a Keyed<Value>>,
    embargoed: bool,
}

#[derive(Serialize)]
struct ArticleCard<'a> {
    title: &'a str,
    url: Href<'a>,
    slug: &'a str,
    #[serde(flatten)]
    dates: Dates,
    summary: &'a str,
    summary_is_excerpt: bool,
    reading_minutes: usize,
    sources: usize,
    people: Vec<Value>,
    topics: Vec<Value>,
    authors: Vec<Value>,
    embargoed: bool,
}

fn article_card(source: &CardSource) -> Value {
    let values = |links: &[&Keyed<Value>]| links.iter().map(|l| l.value().clone()).collect();
    Value::from_serializable(&ArticleCard {
        title: &typographic(source.title, source.smart),
        url: source.url,
        slug: source.slug,
        dates: dates(source.date),
        summary: &typographic(source.summary, source.smart),
        summary_is_excerpt: source.summary_is_excerpt,
        reading_minutes: source.reading_minutes,
        sources: source.sources,
        people: values(&source.people),
        topics: values(&source.topics),
        authors: values(&source.authors),
        embargoed: source.embargoed,
    })
}

/// Everything a briefing's card is made from.
#[derive(Hash)]
struct BriefingSource<'a> {
    title: &'a str,
    smart: bool,
    url: Href<'a>,
    slug: &'a str,
    date: Option<&'a DateValue>,
    summary: &'a str,
    item_count: usize,
    embargoed: bool,
}

#[derive(Serialize)]
struct BriefingCardValue<'a> {
    title: &'a str,
    url: Href<'a>,
    slug: &'a str,
    #[serde(flatten)]
    dates: Dates,
    summary: &'a str,
    item_count: usize,
    embargoed: bool,
}

fn briefing_card(source: &BriefingSource) -> Value {
    Value::from_serializable(&BriefingCardValue {
        title: &typographic(source.title, source.smart),
        url: source.url,
        slug: source.slug,
        dates: dates(source.date),
        summary: &typographic(source.summary, source.smart),
        item_count: source.item_count,
        embargoed: source.embargoed,
    })
}

/// Everything the `site` value is made from.
#[derive(Hash)]
struct SiteSource<'a> {
    config: SiteConfig<'a>,
    counts: [usize; 4],
    menus: &'a std::collections::BTreeMap<String, Vec<crate::model::MenuItem>>,
}

#[derive(Hash)]
struct SiteConfig<'a> {
    title: &'a str,
    smart: bool,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    feed_url: Href<'a>,
    json_feed_url: Href<'a>,
    image: Option<&'a str>,
    extra: AsJson<'a, toml::Table>,
}

fn site_value(source: &SiteSource) -> Value {
    let config = &source.config;
    let [articles, briefings, topics, people] = source.counts;
    Value::from_serializable(&serde_json::json!({
        "title": typographic(config.title, config.smart),
        "description": typographic(config.description, config.smart),
        "language": config.language,
        "base_url": config.base_url,
        "image": config.image,
        "feed_url": config.feed_url,
        "json_feed_url": config.json_feed_url,
        "extra": config.extra.0,
        "menus": source.menus,
        "counts": {
            "articles": articles,
            "briefings": briefings,
            "topics": topics,
            "people": people,
        },
    }))
}

fn site_source<'a>(site: &'a Site, config: &'a Config) -> SiteSource<'a> {
    SiteSource {
        config: SiteConfig {
            title: &config.title,
            smart: config.markdown.smart_punctuation,
            description: &config.description,
            language: &config.language,
            base_url: &config.base_url,
            feed_url: Href::new(config.base_path(), FeedFormat::Atom.site_feed()),
            json_feed_url: Href::new(config.base_path(), FeedFormat::Json.site_feed()),
            image: config.image.as_deref(),
            extra: AsJson(&config.extra),
        },
        counts: [
            site.articles.len(),
            site.briefings.len(),
            site.entities.topics.len(),
            site.entities.people.len(),
        ],
        menus: &site.menus,
    }
}

/// The views of a build, reusing the article cards `cache` holds for unchanged sources.
pub fn build_views(site: &Site, documents: &RenderedDocuments, cache: &Cache<Value>) -> Views {
    let links = ByKind::from_fn(|kind| {
        site.entities[kind]
            .iter()
            .map(|entity| Keyed::new(&entity_link_source(site, entity), link_value))
            .collect::<Vec<_>>()
    });
    let summaries: Vec<String> = site
        .articles
        .iter()
        .zip(&documents.articles)
        .map(|(article, html)| {
            let own = article.doc.front.summary.as_ref();
            own.cloned()
                .unwrap_or_else(|| html.value().first_paragraph.clone())
        })
        .collect();
    Views {
        site: Keyed::new(&site_source(site, &site.config), site_value),
        article_cards: article_cards(site, documents, &summaries, &links, cache),
        briefing_cards: briefing_cards(site, documents),
        links,
        summaries,
    }
}

fn article_cards(
    site: &Site,
    documents: &RenderedDocuments,
    summaries: &[String],
    links: &ByKind<Vec<Keyed<Value>>>,
    cache: &Cache<Value>,
) -> Vec<Keyed<Value>> {
    site.articles
        .par_iter()
        .zip(&documents.articles)
        .zip(summaries)
        .enumerate()
        .map(|(index, ((article, html), summary))| {
            let front = &article.doc.front;
            let linked = |kind: EntityKind| -> Vec<&Keyed<Value>> {
                let links = &links[kind];
                let named = &article.named[kind];
                named[..named.len().min(CARD_CHIPS)]
                    .iter()
                    .map(|&e| &links[e.index()])
                    .collect()
            };
            let source = CardSource {
                title: &front.title,
                smart: site.config.markdown.smart_punctuation,
                url: Href::new(site.config.base_path(), &article.url),
                slug: &article.doc.slug,
                date: front.date.as_ref(),
                summary,
                summary_is_excerpt: front.summary.is_none(),
                reading_minutes: html.value().word_count.div_ceil(READING_SPEED).max(1),
                sources: site.sources_of(ArticleId::new(index)),
                people: linked(EntityKind::Person),
                topics: linked(EntityKind::Topic),
                authors: (article.authors.iter())
                    .map(|&a| &links.people[a.index()])
                    .collect(),
                embargoed: article.embargoed,
            };
            Keyed::make(&source, article_card, cache)
        })
        .collect()
}

fn briefing_cards(site: &Site, documents: &RenderedDocuments) -> Vec<Keyed<Value>> {
    site.briefings
        .iter()
        .zip(&documents.briefing_intros)
        .map(|(briefing, intro)| {
            let front = &briefing.doc.front;
            let source = BriefingSource {
                title: &front.title,
                smart: site.config.markdown.smart_punctuation,
                url: Href::new(site.config.base_path(), &briefing.url),
                slug: &briefing.doc.slug,
                date: front.date.as_ref(),
                summary: front
                    .summary
                    .as_deref()
                    .unwrap_or(&intro.value().first_paragraph),
                item_count: briefing.items.len(),
                embargoed: briefing.embargoed,
            };
            Keyed::new(&source, briefing_card)
        })
        .collect()
}

fn entity_link_source<'a>(site: &'a Site, entity: &'a Entity) -> Link<'a> {
    Link {
        name: &entity.name,
        url: Href::new(site.config.base_path(), &entity.url),
        slug: &entity.slug,
    }
}

/// Text written in front matter or settings as the bodies beside it read: with curly quotes
/// when `smart` (`[markdown] smart_punctuation`).
pub fn typographic(text: &str, smart: bool) -> std::borrow::Cow<'_, str> {
    if smart {
        crate::util::typography::smart_quotes(text)
    } else {
        std::borrow::Cow::Borrowed(text)
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

/// A list of the values of some keyed values.
pub fn values_of<'a>(keyed: impl IntoIterator<Item = &'a Keyed<Value>>) -> Value {
    Value::from(
        keyed
            .into_iter()
            .map(|k| k.value().clone())
            .collect::<Vec<_>>(),
    )
}
