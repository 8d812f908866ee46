//! What links entities to each other: the briefings of their articles, and the entities named
//! in the same articles.

use rayon::prelude::*;

use super::{Article, Briefing, BriefingId, ByKind, EntityId, EntityKind};
use crate::model::Entity;

/// How many related people and topics an entity page lists.
const RELATED_LIMIT: usize = 10;

/// An entity's briefings: those tagged with it, and those that include one of its articles.
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
/// it, as (entity, articles in common), most first; an entity is not related to itself.
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
                    for &other in &articles[article.index()].named[of] {
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
