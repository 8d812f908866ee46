//! A person's or topic's page: who or what it is, its coverage over time, related people and
//! topics, briefings, and its articles a page at a time.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::meta::{Meta, field, without_nulls};
use super::paginator::{Paginator, page_count, page_slice};
use super::{Frame, Page, PageInput, cards, numbered};
use crate::content::DateValue;
use crate::model::{ByKind, Entity, EntityId, EntityKind, Site};
use crate::render::RenderEnv;
use crate::render::cache::{Keyed, Shared};
use crate::render::documents::{Html, RenderedDocuments};
use crate::render::views::{Counted, Views, map_of, values_of};
use crate::util::href::Href;
use crate::util::number::grouped;
use serde_json::json;

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
    /// The cards of the latest articles a person wrote (a page's worth), and how many there are.
    authored: (Vec<&'a Keyed<Value>>, usize),
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
            authored: (
                super::cards(
                    views,
                    entity
                        .authored
                        .iter()
                        .take(site.config.paginate_by)
                        .copied(),
                ),
                entity.authored.len(),
            ),
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
        ("coverage_slots", Value::from(coverage.len().max(MIN_SLOTS))),
        (
            "coverage_axis",
            Value::from_serializable(&coverage_axis(&coverage, coverage.len().max(MIN_SLOTS))),
        ),
        ("coverage", Value::from_serializable(&coverage)),
        ("related_people", counted(&source.related.people)),
        ("related_topics", counted(&source.related.topics)),
        ("briefings", values_of(source.briefings.iter().copied())),
        ("authored", values_of(source.authored.0.iter().copied())),
        ("authored_count", Value::from(source.authored.1)),
    ]))
}

/// Articles per month, every month from the first dated article to the last, for the coverage
/// chart of a topic or person page.
#[derive(Serialize)]
struct CoverageMonth {
    month: String,
    label: String,
    count: usize,
    /// Where its bar starts, in the chart's units (10 a month).
    x: usize,
}

/// The chart is at least this many months wide: a short run of months is drawn in the middle
/// as a few bars, neither as fat blocks nor lost in an empty frame.
const MIN_SLOTS: usize = 6;

/// A label under the chart: its text, where it stands (per cent of the width) and which of its
/// ends stands there, so that no label runs over the chart's edges.
#[derive(Serialize)]
struct AxisLabel {
    text: String,
    at: f64,
    align: &'static str,
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
            x: 0,
        });
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    let offset = MIN_SLOTS.saturating_sub(months.len()) / 2;
    for (at, month) in months.iter_mut().enumerate() {
        month.x = (offset + at) * 10;
    }
    months
}

/// The labels under the chart of `months` in `slots` slots: the first and the last month at
/// the ends of their bars, and the years in between where they fit.
fn coverage_axis(months: &[CoverageMonth], slots: usize) -> Vec<AxisLabel> {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Vec::new();
    };
    let percent = |x: usize| (x as f64 / (slots * 10) as f64 * 1000.0).round() / 10.0;
    let short = |month: &CoverageMonth| {
        let (name, year) = month.label.split_once(' ').unwrap_or((&month.label, ""));
        format!("{} {year}", name.chars().take(3).collect::<String>())
    };
    let mut labels = vec![AxisLabel {
        text: short(first),
        at: percent(first.x),
        align: "start",
    }];
    let step = match months.len() {
        0..=96 => 1,
        97..=240 => 2,
        _ => 5,
    };
    // A year needs about a sixth of the width clear of the end labels at 320 px.
    let clear = |at: f64| at > 22.0 && at < 78.0;
    let between = months.get(1..months.len() - 1).unwrap_or_default();
    for month in between {
        let year: i32 = month.month[..4].parse().unwrap_or(0);
        let at = percent(month.x);
        if month.month.ends_with("-01") && year % step == 0 && clear(at) {
            labels.push(AxisLabel {
                text: month.month[..4].to_owned(),
                at,
                align: "middle",
            });
        }
    }
    if months.len() > 1 {
        labels.push(AxisLabel {
            text: short(last),
            at: percent(last.x + 10),
            align: "end",
        });
    }
    labels
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
        let bio = env.documents.profiles[kind][id.index()].as_ref();
        let description = describe(entity, bio.map(|bio| bio.value().first_paragraph.as_str()));
        // A story once, as its lead: the list pages go through `listed`.
        let on_page = page_slice(&entity.listed, number, per_page);
        DossierPage {
            frame: Frame::new(env, page, numbered(&entity.name, number), description)
                .showing(bio.filter(|_| number == 1)),
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
        let entity = self.dossier.get(dossier_value);
        self.frame.context(
            self.meta(&entity),
            [
                ("entity", entity),
                ("articles", values_of(self.cards.iter().copied())),
                ("paginator", self.paginator.value()),
            ],
        )
    }
}

impl DossierPage<'_> {
    /// A `CollectionPage` of the page's articles about the topic or person; a person is also a
    /// `Person`.
    fn meta(&self, entity: &Value) -> Meta {
        let frame = &self.frame;
        let name = field(entity, "name");
        let url = frame.absolute_link(field(entity, "url").unwrap_or_default());
        let subject = match field(entity, "kind") {
            Some("person") => without_nulls(json!({
                "@type": "Person",
                "name": name,
                "url": url,
                "jobTitle": field(entity, "role"),
                "description": frame.description,
                "alternateName": entity.as_map().and_then(|m| m.get(&"aliases".into())).map(|aliases| json!(aliases)),
            })),
            _ => json!({"@type": "Thing", "name": name, "url": url}),
        };
        let cards = self.cards.iter().map(|card| card.value());
        let mut collection = frame.collection(cards, self.paginator.total_items);
        collection["about"] = subject.clone();
        let (section, index) = match field(entity, "kind") {
            Some("person") => ("People", "/people/"),
            _ => ("Topics", "/topics/"),
        };
        let mut items = vec![collection, frame.breadcrumbs(&[(section, index)])];
        if subject["@type"] == "Person" {
            items.insert(0, subject);
        }
        Meta::website(items)
    }
}

/// What a topic or person page is about, in a sentence or two: the profile's first paragraph,
/// else the role, else the count of articles.
fn describe(entity: &Entity, bio: Option<&str>) -> String {
    match (bio.filter(|bio| !bio.is_empty()), &entity.role) {
        (Some(bio), _) => crate::render::search::cut(bio, DESCRIPTION_CHARS),
        (None, Some(role)) => format!("{}: {role}", entity.name),
        (None, None) => {
            let count = entity.articles.len();
            let noun = if count == 1 { "article" } else { "articles" };
            format!("{} {noun} about {}", grouped(count as u64), entity.name)
        }
    }
}

/// A description is cut to this many characters, as search engines show about as many.
const DESCRIPTION_CHARS: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;

    fn months(first: (i16, i8), count: usize) -> Vec<CoverageMonth> {
        let dates: Vec<DateValue> = (0..count)
            .map(|at| {
                let month = (first.1 as usize - 1 + at) % 12 + 1;
                let year = first.0 as usize + (first.1 as usize - 1 + at) / 12;
                let text = format!("{year:04}-{month:02}-01");
                DateValue::parse(&text).unwrap()
            })
            .collect();
        coverage(&dates.iter().map(Some).collect::<Vec<_>>())
    }

    #[test]
    fn a_short_run_of_months_is_drawn_in_the_middle_with_its_ends_labelled() {
        let two = months((2022, 11), 2);
        assert_eq!(two.iter().map(|m| m.x).collect::<Vec<_>>(), [20, 30]);
        let axis = coverage_axis(&two, MIN_SLOTS);
        let labels: Vec<(&str, f64, &str)> = axis
            .iter()
            .map(|l| (l.text.as_str(), l.at, l.align))
            .collect();
        assert_eq!(
            labels,
            [("Nov 2022", 33.3, "start"), ("Dec 2022", 66.7, "end")]
        );
        let one = months((2022, 1), 1);
        assert_eq!(coverage_axis(&one, MIN_SLOTS).len(), 1);
    }

    #[test]
    fn years_are_labelled_only_clear_of_the_ends() {
        let run = months((2020, 6), 40);
        let axis = coverage_axis(&run, run.len());
        let texts: Vec<&str> = axis.iter().map(|l| l.text.as_str()).collect();
        // January 2021 is 7/40 of the way (17.5 %): too close to "Jun 2020"; 2022 at 47.5 % and
        // 2023 at 77.5 % are clear.
        assert_eq!(texts, ["Jun 2020", "2022", "2023", "Sep 2023"]);
    }
}
