//! What links entities to each other: the briefings of their articles, and the entities named
//! in the same articles.

use rayon::prelude::*;

use super::{Article, Briefing, BriefingId, ByKind, EntityId, EntityKind};
use crate::model::Entity;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::content::Content;

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
