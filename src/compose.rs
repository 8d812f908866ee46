//! The briefing composer (`brief new briefing --since …`): the stories of a window of dates,
//! ranked for an editor to pick from. It reads the model only (stories, the people and topics
//! articles name, and how often they are named together); `brief new` writes the draft.
//!
//! A story's score is `SOURCES × (1 − 1/sources) + CENTRALITY × centrality + RECENCY × recency`:
//! - **sources**: how many articles report it (1 for an article of no story); 1 − 1/n gives a
//!   second source most weight and a fifth little more than a fourth;
//! - **centrality** (0 to 1): for each chosen person or topic, 1 when one of the story's
//!   articles names it, else [`RELATED`] × the share of the chosen one's articles that also name
//!   a person or topic the story names (the model's related people and topics); the mean over
//!   the chosen ones. Without chosen ones it is 0 for every story; with them, a story of
//!   centrality 0 is left out;
//! - **recency** (0 to 1): 1 when the story's newest article in the window is dated on its last
//!   day, 0 on its first, linear between.

use jiff::civil::Date;

use crate::model::registry::name_key;
use crate::model::{ArticleId, EntityId, EntityKind, Site};
use crate::util::suggest;

/// The weights of the score's parts: sources and centrality count twice as much as recency.
pub const SOURCES: f64 = 2.0;
pub const CENTRALITY: f64 = 2.0;
pub const RECENCY: f64 = 1.0;
/// What a chosen person or topic that a story does not name, but that is named with one it
/// names, counts for at most: a story naming the chosen one itself always ranks above.
pub const RELATED: f64 = 0.5;

/// What the editor asks for.
#[derive(Debug, Clone)]
pub struct Request {
    /// The window, both days included.
    pub since: Date,
    pub until: Date,
    /// The chosen people and topics (none: every story of the window).
    pub chosen: Vec<(EntityKind, EntityId)>,
    /// How many stories to keep, best first.
    pub limit: usize,
}

/// One story ranked, with what its score is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// The article the draft names: the story's lead.
    pub lead: ArticleId,
    pub sources: usize,
    /// The chosen people and topics the story names itself.
    pub names: Vec<(EntityKind, EntityId)>,
    /// Those it does not name, with how much the ones it names relate to them (0 to 1).
    pub related: Vec<(EntityKind, EntityId, f64)>,
    pub centrality: f64,
    /// Days from its newest article in the window to the window's last day.
    pub age_days: i64,
    pub recency: f64,
    pub score: f64,
}

/// The stories with an article dated in the window, best first, at most `request.limit`; and
/// how many there were in all.
pub fn rank(site: &Site, request: &Request) -> (Vec<Ranked>, usize) {
    let mut ranked: Vec<Ranked> = site
        .listed
        .iter()
        .filter_map(|&lead| score(site, request, lead))
        .collect();
    let found = ranked.len();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.age_days.cmp(&b.age_days))
            .then_with(|| site.article(a.lead).url.cmp(&site.article(b.lead).url))
    });
    ranked.truncate(request.limit);
    (ranked, found)
}

/// The story led by `lead`, scored, if it has an article in the window and relates to the
/// chosen people and topics (when there are any).
fn score(site: &Site, request: &Request, lead: ArticleId) -> Option<Ranked> {
    let members = match site.article(lead).story {
        Some(story) => site.story(story).members.as_slice(),
        None => std::slice::from_ref(&lead),
    };
    let newest = members
        .iter()
        .filter_map(|&id| Some(site.article(id).doc.front.date.as_ref()?.timestamp.date()))
        .filter(|date| (request.since..=request.until).contains(date))
        .max()?;
    let named = named_by(site, members);
    let mut names = Vec::new();
    let mut related = Vec::new();
    for &(kind, chosen) in &request.chosen {
        if named.contains(&(kind, chosen)) {
            names.push((kind, chosen));
        } else if let Some(share) = relatedness(site, kind, chosen, &named) {
            related.push((kind, chosen, share));
        }
    }
    let centrality = centrality(request.chosen.len(), names.len(), &related);
    if !request.chosen.is_empty() && centrality == 0.0 {
        return None;
    }
    let age_days = days(newest, request.until);
    let span = days(request.since, request.until).max(1);
    let recency = 1.0 - (age_days as f64 / span as f64).clamp(0.0, 1.0);
    let sources = members.len();
    let score =
        SOURCES * (1.0 - 1.0 / sources as f64) + CENTRALITY * centrality + RECENCY * recency;
    Some(Ranked {
        lead,
        sources,
        names,
        related,
        centrality,
        age_days,
        recency,
        score,
    })
}

/// The mean over the chosen ones: 1 for each named, [`RELATED`] × its share for each related.
fn centrality(chosen: usize, named: usize, related: &[(EntityKind, EntityId, f64)]) -> f64 {
    if chosen == 0 {
        return 0.0;
    }
    let related: f64 = related.iter().map(|&(_, _, share)| RELATED * share).sum();
    (named as f64 + related) / chosen as f64
}

/// Every person and topic the articles name, sorted.
fn named_by(site: &Site, members: &[ArticleId]) -> Vec<(EntityKind, EntityId)> {
    let mut named: Vec<(EntityKind, EntityId)> = members
        .iter()
        .flat_map(|&id| {
            let article = site.article(id);
            EntityKind::ALL
                .into_iter()
                .flat_map(move |kind| article.named[kind].iter().map(move |&e| (kind, e)))
        })
        .collect();
    named.sort_unstable_by_key(|&(kind, id)| (kind == EntityKind::Topic, id));
    named.dedup();
    named
}

/// The largest share of the chosen entity's articles that also name one of `named`, from its
/// related people and topics; none when it shares no article with any.
fn relatedness(
    site: &Site,
    kind: EntityKind,
    chosen: EntityId,
    named: &[(EntityKind, EntityId)],
) -> Option<f64> {
    let entity = site.entity(kind, chosen);
    let total = entity.articles.len().max(1) as f64;
    EntityKind::ALL
        .into_iter()
        .flat_map(|of| entity.related[of].iter().map(move |&(id, n)| (of, id, n)))
        .filter(|&(of, id, _)| named.contains(&(of, id)))
        .map(|(_, _, shared)| shared as f64 / total)
        .max_by(f64::total_cmp)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
fn days(from: Date, to: Date) -> i64 {
    i64::from(to.since(from).map_or(0, |span| span.get_days()))
}

/// The person or topic `name` means: by its name or an alias (ignoring case, diacritics and
/// punctuation) or its slug; else a message saying so, with the nearest name or alias suggested.
pub fn find(site: &Site, kind: EntityKind, name: &str) -> Result<EntityId, String> {
    let key = name_key(name);
    let slug = slug::slugify(name);
    let found = site.entities[kind].iter().position(|entity| {
        entity.slug == slug
            || name_key(&entity.name) == key
            || entity.aliases.iter().any(|alias| name_key(alias) == key)
    });
    found.map(EntityId::new).ok_or_else(|| {
        // An alias is as good an answer as the name: it resolves to the same entity.
        let names = site.entities[kind].iter().flat_map(|entity| {
            std::iter::once(entity.name.as_str()).chain(entity.aliases.iter().map(String::as_str))
        });
        format!(
            "no {} of this site is named `{name}`{}",
            kind.singular(),
            suggest::did_you_mean(name, names)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centrality_is_the_mean_over_the_chosen_with_related_ones_at_most_half() {
        let related = [(EntityKind::Topic, EntityId::new(0), 0.5)];
        assert_eq!(centrality(0, 0, &[]), 0.0);
        assert_eq!(centrality(2, 1, &[]), 0.5);
        assert_eq!(centrality(2, 1, &related), (1.0 + RELATED * 0.5) / 2.0);
        assert!(centrality(1, 0, &[(EntityKind::Person, EntityId::new(1), 1.0)]) < 1.0);
    }

    #[test]
    fn days_count_whole_days_either_way() {
        let day = |d| jiff::civil::date(2022, 1, d);
        assert_eq!(days(day(1), day(10)), 9);
        assert_eq!(days(day(10), day(1)), -9);
        assert_eq!(days(day(3), day(3)), 0);
    }
}
