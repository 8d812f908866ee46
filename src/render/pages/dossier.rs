//! A person's or topic's page: who or what it is, its coverage over time, related people and
//! topics, briefings, and its articles a page at a time.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::paginator::{Paginator, page_count, page_slice};
use super::{Frame, Page, PageInput, cards, numbered};
use crate::content::DateValue;
use crate::model::{ByKind, Entity, EntityId, EntityKind, Site};
use crate::render::RenderEnv;
use crate::render::cache::{Keyed, Shared};
use crate::render::documents::{Html, RenderedDocuments};
use crate::render::views::{Counted, Views, map_of, values_of};
use crate::util::href::Href;

/// Everything an entity's `entity` value is made from.
#[derive(Hash)]
struct DossierSource<'a> {
    kind: &'static str,
    entity: Counted<'a>,
    role: Option<&'a str>,
    aliases: &'a [String],
    bio: Option<&'a Html>,
    /// The dates of its articles, newest first.
    dates: Vec<Option<&'a DateValue>>,
    related: ByKind<Vec<Counted<'a>>>,
    briefings: Vec<&'a Keyed<Value>>,
}

type Dossier<'a> = Shared<DossierSource<'a>, Value>;

/// Each person's and topic's `entity` value, shared by the pages of its list.
pub struct Dossiers<'a> {
    dossiers: ByKind<Vec<Dossier<'a>>>,
}

impl<'a> Dossiers<'a> {
    pub fn new(site: &'a Site, documents: &'a RenderedDocuments, views: &'a Views) -> Dossiers<'a> {
        let per_page = site.config.paginate_by;
        let dossiers = ByKind::from_fn(|kind| {
            site.entities[kind]
                .par_iter()
                .zip(&documents.profiles[kind])
                .map(|(entity, bio)| {
                    let source = DossierSource::new(site, views, kind, entity, bio.as_ref());
                    let pages = page_count(entity.listed.len(), per_page);
                    Shared::new(source, pages)
                })
                .collect()
        });
        Dossiers { dossiers }
    }
}

impl<'a> DossierSource<'a> {
    fn new(
        site: &'a Site,
        views: &'a Views,
        kind: EntityKind,
        entity: &'a Entity,
        bio: Option<&'a Html>,
    ) -> DossierSource<'a> {
        let counted = |of: EntityKind| -> Vec<Counted<'a>> {
            entity.related[of]
                .iter()
                .map(|&(other, count)| Counted::of(site, site.entity(of, other), count))
                .collect()
        };
        DossierSource {
            kind: kind.singular(),
            entity: Counted::of(site, entity, entity.articles.len()),
            role: entity.role.as_deref(),
            aliases: &entity.aliases,
            bio,
            dates: entity
                .articles
                .iter()
                .map(|&a| site.article(a).doc.front.date.as_ref())
                .collect(),
            related: ByKind::from_fn(counted),
            briefings: entity
                .briefings
                .iter()
                .map(|b| &views.briefing_cards[b.index()])
                .collect(),
        }
    }
}

fn dossier_value(source: &DossierSource) -> Value {
    let entity = &source.entity;
    let field = |text: &str| Value::from(text);
    let coverage = coverage(&source.dates);
    let counted =
        |list: &[Counted]| Value::from(list.iter().map(Counted::value).collect::<Vec<_>>());
    // Articles are newest first: the last dated one is the earliest.
    let first_dated = source.dates.iter().rev().find_map(|date| *date);
    let last = source.dates.first().copied().flatten();
    Value::from(map_of([
        ("name", field(entity.name())),
        ("slug", field(entity.slug())),
        ("url", Value::from(entity.url().to_string())),
        ("kind", Value::from(source.kind)),
        ("role", Value::from(source.role)),
        ("aliases", Value::from_serializable(source.aliases)),
        (
            "bio_html",
            Value::from(source.bio.map_or("", |bio| bio.value().html.as_str())),
        ),
        ("article_count", Value::from(source.dates.len())),
        (
            "first_date_display",
            Value::from(first_dated.map(DateValue::display)),
        ),
        (
            "last_date_display",
            Value::from(last.map(DateValue::display)),
        ),
        (
            "coverage_max",
            Value::from(coverage.iter().map(|month| month.count).max().unwrap_or(0)),
        ),
        ("coverage", Value::from_serializable(&coverage)),
        ("related_people", counted(&source.related.people)),
        ("related_topics", counted(&source.related.topics)),
        ("briefings", values_of(source.briefings.iter().copied())),
    ]))
}

/// Articles per month, every month from the first dated article to the last, for the coverage
/// chart of a topic or person page.
#[derive(Serialize)]
struct CoverageMonth {
    month: String,
    label: String,
    count: usize,
}

fn coverage(dates: &[Option<&DateValue>]) -> Vec<CoverageMonth> {
    let mut counts = std::collections::BTreeMap::new();
    for date in dates.iter().flatten() {
        *counts
            .entry((date.date.year(), date.date.month()))
            .or_insert(0) += 1;
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    let mut months = Vec::new();
    let (mut year, mut month) = first;
    while (year, month) <= last {
        let label = jiff::civil::date(year, month, 1)
            .strftime("%B %Y")
            .to_string();
        months.push(CoverageMonth {
            month: format!("{year:04}-{month:02}"),
            label,
            count: counts.get(&(year, month)).copied().unwrap_or(0),
        });
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    months
}

/// Page `number` of an entity's list.
#[derive(Hash)]
pub(super) struct DossierPage<'a> {
    frame: Frame<'a>,
    dossier: &'a Dossier<'a>,
    cards: Vec<&'a Keyed<Value>>,
    paginator: Paginator<'a>,
}

impl<'a> DossierPage<'a> {
    pub(super) fn new(
        env: &'a RenderEnv,
        page: &'a Page,
        kind: EntityKind,
        id: EntityId,
        number: usize,
    ) -> DossierPage<'a> {
        let entity = env.site.entity(kind, id);
        let per_page = env.site.config.paginate_by;
        let description = entity
            .role
            .clone()
            .unwrap_or_else(|| format!("{} articles about {}", entity.articles.len(), entity.name));
        // A story once, as its lead: the list pages go through `listed`.
        let on_page = page_slice(&entity.listed, number, per_page);
        DossierPage {
            frame: Frame::new(env, page, numbered(&entity.name, number), description),
            dossier: &env.derived.dossiers.dossiers[kind][id.index()],
            cards: cards(env.views, on_page.iter().copied()),
            paginator: Paginator {
                base: Href::new(env.site.config.base_path(), &entity.url),
                number,
                total_items: entity.listed.len(),
                per_page,
            },
        }
    }
}

impl PageInput for DossierPage<'_> {
    fn frame(&self) -> &Frame<'_> {
        &self.frame
    }

    fn context(&self) -> Context {
        self.frame.context([
            ("entity", self.dossier.get(dossier_value)),
            ("articles", values_of(self.cards.iter().copied())),
            ("paginator", self.paginator.value()),
        ])
    }
}
