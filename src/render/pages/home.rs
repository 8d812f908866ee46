//! The home page: the latest briefings and articles, the most covered topics and people.

use tera::{Context, Value};

use super::meta::Meta;
use super::{Frame, Page, PageInput, cards};
use crate::model::{EntityKind, Site};
use crate::render::RenderEnv;
use crate::render::cache::Keyed;
use crate::render::views::{Counted, values_of};

/// How many topics and people the home page lists.
const HOME_ENTITIES: usize = 12;

#[derive(Hash)]
pub(super) struct Home<'a> {
    frame: Frame<'a>,
    briefings: Vec<&'a Keyed<Value>>,
    articles: Vec<&'a Keyed<Value>>,
    topics: Vec<Counted<'a>>,
    people: Vec<Counted<'a>>,
}

impl<'a> Home<'a> {
    pub(super) fn new(env: &'a RenderEnv, page: &'a Page) -> Home<'a> {
        let (site, views) = (env.site, env.views);
        let config = &site.config;
        let limit = config.home_items;
        Home {
            frame: Frame::new(
                env,
                page,
                env.typographic(&config.title),
                env.typographic(&config.description),
            ),
            briefings: views.briefing_cards.iter().take(limit).collect(),
            // A story once, as its lead.
            articles: cards(views, site.listed.iter().take(limit).copied()),
            topics: most_covered(site, EntityKind::Topic),
            people: most_covered(site, EntityKind::Person),
        }
    }
}

impl PageInput for Home<'_> {
    fn frame(&self) -> &Frame<'_> {
        &self.frame
    }

    fn context(&self) -> Context {
        let counted =
            |list: &[Counted]| Value::from(list.iter().map(Counted::value).collect::<Vec<_>>());
        self.frame.context(
            Meta::website(vec![website(&self.frame)]),
            [
                ("briefings", values_of(self.briefings.iter().copied())),
                ("articles", values_of(self.articles.iter().copied())),
                ("topics", counted(&self.topics)),
                ("people", counted(&self.people)),
            ],
        )
    }
}

/// The site as a `WebSite` whose search page takes a query (`SearchAction`).
fn website(frame: &Frame) -> serde_json::Value {
    serde_json::json!({
        "@type": "WebSite",
        "name": frame.title,
        "description": frame.description,
        "url": frame.absolute("/"),
        "inLanguage": frame.language(),
        "publisher": frame.publisher(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": frame.absolute("/search/?q={search_term_string}"),
            },
            "query-input": "required name=search_term_string",
        },
    })
}

/// The entities of `kind` with most articles, with their counts.
fn most_covered(site: &Site, kind: EntityKind) -> Vec<Counted<'_>> {
    let mut ranked: Vec<&crate::model::Entity> = site.entities[kind].iter().collect();
    ranked.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then_with(|| a.slug.cmp(&b.slug))
    });
    ranked
        .into_iter()
        .take(HOME_ENTITIES)
        .map(|entity| Counted::of(site, entity, entity.articles.len()))
        .collect()
}
