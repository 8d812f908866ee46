//! What links entities to each other (the briefings of their articles, and the entities named
//! in the same articles) and articles to each other (the related articles of an article page).

use rayon::prelude::*;

use super::{Article, ArticleId, Briefing, BriefingId, ByKind, EntityId, EntityKind, Site};
use crate::model::Entity;

/// How many related articles an article lists.
const RELATED_ARTICLES: usize = 5;
/// How many of a common entity's articles an article is compared with: those nearest it in
/// date. An entity in most articles says little about any of them and would make the work grow
/// with the square of the site.
const POSTINGS_WALKED: usize = 200;

/// How many related people and topics an entity page lists.
const RELATED_LIMIT: usize = 10;
/// How many of an article's people (and of its topics) relate to each other: the first ones
/// it names. Every pair of names in an article is a relation, so an article naming thousands
/// would otherwise cost time with the square of its names (3,000 topics took over 20 s).
const RELATED_NAMES: usize = 32;

/// An entity's briefings: those tagged with it or curated by them, and those that include one
/// of its articles.
pub(super) fn add_briefings(
    entities: &mut ByKind<Vec<Entity>>,
    articles: &[Article],
    briefings: &[Briefing],
) {
    for (index, briefing) in briefings.iter().enumerate() {
        for &topic in &briefing.topics {
            entities.topics[topic.index()]
                .briefings
                .push(BriefingId::new(index));
        }
        for &author in &briefing.authors {
            entities.people[author.index()]
                .briefings
                .push(BriefingId::new(index));
        }
    }
    for kind in EntityKind::ALL {
        for entity in &mut entities[kind] {
            let mut briefings = std::mem::take(&mut entity.briefings);
            briefings.extend(
                entity
                    .articles
                    .iter()
                    .flat_map(|&a| articles[a.index()].briefings.iter().copied()),
            );
            briefings.sort_unstable();
            briefings.dedup();
            entity.briefings = briefings;
        }
    }
}

/// For each entity, the people and the topics named in most of its articles.
pub(super) fn add_related(entities: &mut ByKind<Vec<Entity>>, articles: &[Article]) {
    for kind in EntityKind::ALL {
        let related = ByKind::from_fn(|of| related(kind, &entities[kind], of, articles));
        let ByKind { people, topics } = related;
        for ((entity, people), topics) in entities[kind].iter_mut().zip(people).zip(topics) {
            entity.related = ByKind { people, topics };
        }
    }
}

/// For each of `entities` (of `kind`), the entities of kind `of` that share most articles with
/// it, as (entity, articles in common), most first; an entity is not related to itself. Only
/// the first [`RELATED_NAMES`] people and topics of an article relate, so the work per article
/// is bounded whatever it names.
fn related(
    kind: EntityKind,
    entities: &[Entity],
    of: EntityKind,
    articles: &[Article],
) -> Vec<Vec<(EntityId, usize)>> {
    let count = articles
        .iter()
        .flat_map(|article| &article.named[of])
        .max()
        .map_or(0, |&most| most.index() + 1);
    entities
        .par_iter()
        .enumerate()
        // Counts in a dense table per thread, reset through the list of entries touched.
        .map_init(
            || (vec![0usize; count], Vec::new()),
            |(counts, touched), (index, entity)| {
                let itself = (kind == of).then_some(EntityId::new(index));
                for &article in &entity.articles {
                    let named = &articles[article.index()].named;
                    let first =
                        |kind: EntityKind| &named[kind][..named[kind].len().min(RELATED_NAMES)];
                    if !first(kind).contains(&EntityId::new(index)) {
                        continue;
                    }
                    for &other in first(of) {
                        if Some(other) != itself {
                            if counts[other.index()] == 0 {
                                touched.push(other);
                            }
                            counts[other.index()] += 1;
                        }
                    }
                }
                let mut ranked: Vec<(EntityId, usize)> = touched
                    .drain(..)
                    .map(|other| (other, std::mem::take(&mut counts[other.index()])))
                    .collect();
                ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                ranked.truncate(RELATED_LIMIT);
                ranked
            },
        )
        .collect()
}

/// For each article, up to [`RELATED_ARTICLES`] others that share its people and topics, the
/// most related first: each shared entity counts its rarity (`ln(articles / its articles)`, as
/// idf weighs a word), so two articles naming a little-covered person are closer than two about
/// a topic every article has. A story is listed once, as its lead, and never the article's own.
///
/// Linear in the site: each article walks the article lists of the first [`RELATED_NAMES`]
/// entities it names, at most [`POSTINGS_WALKED`] of each (around it in date).
pub fn related_articles(site: &Site) -> Vec<Vec<ArticleId>> {
    let total = site.articles.len() as f64;
    let weights: ByKind<Vec<f64>> = ByKind::from_fn(|kind| {
        site.entities[kind]
            .iter()
            .map(|entity| (total / entity.articles.len().max(1) as f64).ln())
            .collect()
    });
    (0..site.articles.len())
        .into_par_iter()
        .map_init(
            || (vec![0f64; site.articles.len()], Vec::new()),
            |(scores, touched), index| {
                let id = ArticleId::new(index);
                for kind in EntityKind::ALL {
                    let named = &site.article(id).named[kind];
                    for &entity in &named[..named.len().min(RELATED_NAMES)] {
                        let weight = weights[kind][entity.index()];
                        let postings = &site.entity(kind, entity).articles;
                        for &other in around(postings, id) {
                            if scores[other.index()] == 0.0 {
                                touched.push(other);
                            }
                            // Never exactly 0 once touched: a shared entity always counts.
                            scores[other.index()] += weight.max(f64::MIN_POSITIVE);
                        }
                    }
                }
                rank(site, id, scores, touched)
            },
        )
        .collect()
}

/// The part of `postings` (ascending) an article `id` among them is compared with: all of
/// them, or the [`POSTINGS_WALKED`] nearest it.
fn around(postings: &[ArticleId], id: ArticleId) -> &[ArticleId] {
    if postings.len() <= POSTINGS_WALKED {
        return postings;
    }
    let at = postings.binary_search(&id).unwrap_or_else(|at| at);
    let start = at
        .saturating_sub(POSTINGS_WALKED / 2)
        .min(postings.len() - POSTINGS_WALKED);
    &postings[start..start + POSTINGS_WALKED]
}

/// The best-scored leads of the `touched` articles, one per story, not `id`'s; clears the
/// scores it read.
fn rank(
    site: &Site,
    id: ArticleId,
    scores: &mut [f64],
    touched: &mut Vec<ArticleId>,
) -> Vec<ArticleId> {
    let mut ranked: Vec<(f64, ArticleId)> = touched
        .drain(..)
        .map(|other| (std::mem::take(&mut scores[other.index()]), other))
        .collect();
    // Most shared weight first, then the newer.
    let order =
        |a: &(f64, ArticleId), b: &(f64, ArticleId)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    // Sorting every candidate was most of the time: the best few are picked first, and all of
    // them sorted only when stories leave too few of those.
    let best = RELATED_ARTICLES * 4;
    if ranked.len() > best {
        ranked.select_nth_unstable_by(best, order);
        ranked[..best].sort_unstable_by(order);
        let related = leads(site, id, &ranked[..best]);
        if related.len() == RELATED_ARTICLES {
            return related;
        }
    }
    ranked.sort_unstable_by(order);
    leads(site, id, &ranked)
}

/// The leads of `ranked`'s articles in order, a story once, not `id`'s, at most
/// [`RELATED_ARTICLES`].
fn leads(site: &Site, id: ArticleId, ranked: &[(f64, ArticleId)]) -> Vec<ArticleId> {
    let own = site.lead_of(id);
    let mut related = Vec::with_capacity(RELATED_ARTICLES);
    for &(_, other) in ranked {
        let lead = site.lead_of(other);
        if lead != own && !related.contains(&lead) {
            related.push(lead);
            if related.len() == RELATED_ARTICLES {
                break;
            }
        }
    }
    related
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::content::Content;

    #[test]
    fn a_common_entity_is_walked_around_the_article_only() {
        let ids = |range: std::ops::Range<usize>| range.map(ArticleId::new).collect::<Vec<_>>();
        let few = ids(0..POSTINGS_WALKED);
        assert_eq!(around(&few, ArticleId::new(3)), &few[..]);
        let many = ids(0..POSTINGS_WALKED * 5);
        let middle = around(&many, ArticleId::new(POSTINGS_WALKED * 2));
        assert_eq!(middle.len(), POSTINGS_WALKED);
        assert_eq!(
            middle[0],
            ArticleId::new(POSTINGS_WALKED * 2 - POSTINGS_WALKED / 2)
        );
        // At either end the window stays inside the list, whole.
        assert_eq!(around(&many, ArticleId::new(0)), &many[..POSTINGS_WALKED]);
        let last = ArticleId::new(POSTINGS_WALKED * 5 - 1);
        assert_eq!(around(&many, last), &many[POSTINGS_WALKED * 4..]);
    }

    #[test]
    fn only_an_articles_first_names_relate_so_its_cost_is_bounded() {
        let topics: Vec<String> = (0..3000).map(|n| format!("Topic {n}")).collect();
        let front = format!(
            "---\ntitle: Everything\ndate: 2022-01-01\npeople: [Ann Example]\ntopics: [{}]\n---\n",
            topics.join(", ")
        );
        let file = crate::content::parse_document(
            std::path::Path::new("content/articles/all.md"),
            front.as_bytes(),
        )
        .unwrap();
        let config = Config::parse("title = \"T\"\nbase_url = \"https://t.example\"\n").unwrap();
        let content = Content {
            articles: vec![file],
            ..Content::default()
        };
        let modelled =
            crate::model::build(config, content, crate::model::Schedule::EVERYTHING, &[]);
        assert!(!modelled.problems.has_errors(), "{}", modelled.problems);
        let site = modelled.site;
        let topic = |name: &str| {
            let all = &site.entities.topics;
            &all[all.iter().position(|t| t.name == name).unwrap()]
        };
        assert_eq!(topic("Topic 0").related.topics.len(), RELATED_LIMIT);
        assert_eq!(topic("Topic 0").related.people.len(), 1);
        assert!(topic("Topic 2999").related.topics.is_empty());
        assert!(topic("Topic 2999").related.people.is_empty());
        // The person relates to the first topics only.
        let first = &topics[..RELATED_NAMES];
        let ann = &site.entities.people[0].related.topics;
        assert_eq!(ann.len(), RELATED_LIMIT);
        let all = &site.entities.topics;
        assert!(
            ann.iter()
                .all(|&(t, _)| first.contains(&all[t.index()].name))
        );
        assert_eq!(
            topic("Topic 2999").articles.len(),
            1,
            "the topic page still lists it"
        );
    }
}
