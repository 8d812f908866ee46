//! The site as a model: articles, briefings, people and topics with the indexes between them.
//!
//! Built once from loaded content; everything after (render, check, serve) reads it.

pub mod registry;

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{ArticleDoc, BriefingDoc, Content, Document, FrontMatter};
use crate::diagnostics::{Diagnostic, Diagnostics};
use registry::{ProfileNames, Registry};

/// How many related people and topics an entity page lists.
const RELATED_LIMIT: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Topic,
}

impl EntityKind {
    /// The URL section: `people` or `topics`.
    pub fn section(self) -> &'static str {
        match self {
            EntityKind::Person => "people",
            EntityKind::Topic => "topics",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Article {
    pub doc: ArticleDoc,
    pub url: String,
    /// Indexes into `Site::people`, in the order the article names them.
    pub people: Vec<usize>,
    pub topics: Vec<usize>,
    /// Briefings that include this article.
    pub briefings: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Briefing {
    pub doc: BriefingDoc,
    pub url: String,
    pub items: Vec<BriefingEntry>,
    pub topics: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct BriefingEntry {
    pub article: usize,
    pub note: Option<String>,
}

/// The body of a person's or topic's profile file.
#[derive(Debug, Clone)]
pub struct ProfileText {
    pub path: PathBuf,
    pub content_path: String,
    pub body: String,
    pub body_line: usize,
}

/// A person or a topic: one page, with or without a profile.
#[derive(Debug, Clone)]
pub struct Entity {
    pub kind: EntityKind,
    pub slug: String,
    pub name: String,
    pub url: String,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub profile: Option<ProfileText>,
    /// Articles naming it, newest first.
    pub articles: Vec<usize>,
    pub briefings: Vec<usize>,
    /// (entity index, articles in common), most frequent first.
    pub related_people: Vec<(usize, usize)>,
    pub related_topics: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Newest first; undated articles last; ties by slug.
    pub articles: Vec<Article>,
    /// Newest first.
    pub briefings: Vec<Briefing>,
    /// Sorted by slug.
    pub people: Vec<Entity>,
    pub topics: Vec<Entity>,
}

impl Article {
    /// The people or the topics it names.
    pub fn named(&self, kind: EntityKind) -> &[usize] {
        match kind {
            EntityKind::Person => &self.people,
            EntityKind::Topic => &self.topics,
        }
    }
}

impl Site {
    pub fn entities(&self, kind: EntityKind) -> &[Entity] {
        match kind {
            EntityKind::Person => &self.people,
            EntityKind::Topic => &self.topics,
        }
    }

    /// The article with `slug`, if any.
    pub fn article_by_slug(&self, slug: &str) -> Option<usize> {
        self.articles
            .iter()
            .position(|article| article.doc.slug == slug)
    }
}

/// Resolve content into a site model. Problems are collected; what can be built still is.
pub fn build(config: Config, content: Content) -> (Site, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let Content {
        articles,
        briefings,
        people: person_docs,
        topics: topic_docs,
    } = content;

    let articles = newest_first(articles, &mut diagnostics, |doc| doc.front.date.as_ref());
    let briefings = newest_first(briefings, &mut diagnostics, |doc| doc.front.date.as_ref());
    let person_docs = unique_slugs(person_docs, &mut diagnostics);
    let topic_docs = unique_slugs(topic_docs, &mut diagnostics);

    let (mut person_registry, problems) =
        Registry::from_profiles(person_docs.iter().map(|doc| ProfileNames {
            slug: &doc.slug,
            name: &doc.front.name,
            aliases: &doc.front.aliases,
            path: &doc.path,
        }));
    diagnostics.extend(position_name_clashes(problems, &person_docs));
    let (mut topic_registry, problems) =
        Registry::from_profiles(topic_docs.iter().map(|doc| ProfileNames {
            slug: &doc.slug,
            name: &doc.front.name,
            aliases: &doc.front.aliases,
            path: &doc.path,
        }));
    diagnostics.extend(position_name_clashes(problems, &topic_docs));

    // Registry ids are in order of first mention; resolve names, then sort entities by slug.
    let article_people: Vec<Vec<usize>> = articles
        .iter()
        .map(|doc| resolve_all(&mut person_registry, &doc.front.people))
        .collect();
    let article_topics: Vec<Vec<usize>> = articles
        .iter()
        .map(|doc| resolve_all(&mut topic_registry, &doc.front.topics))
        .collect();
    let briefing_topics: Vec<Vec<usize>> = briefings
        .iter()
        .map(|doc| resolve_all(&mut topic_registry, &doc.front.topics))
        .collect();

    let (mut people, person_order) = entities(EntityKind::Person, &person_registry, |profile| {
        let doc = &person_docs[profile];
        (
            doc.front.aliases.clone(),
            doc.front.role.clone(),
            profile_text(doc),
        )
    });
    let (mut topics, topic_order) = entities(EntityKind::Topic, &topic_registry, |profile| {
        let doc = &topic_docs[profile];
        (doc.front.aliases.clone(), None, profile_text(doc))
    });

    let slug_index: HashMap<&str, usize, ahash::RandomState> = articles
        .iter()
        .enumerate()
        .map(|(index, doc)| (doc.slug.as_str(), index))
        .collect();
    let mut article_briefings = vec![Vec::new(); articles.len()];
    let briefings: Vec<Briefing> = briefings
        .into_iter()
        .zip(briefing_topics)
        .enumerate()
        .map(|(index, (doc, topic_ids))| {
            let mut items = Vec::with_capacity(doc.front.items.len());
            for item in &doc.front.items {
                match slug_index.get(item.article.as_str()) {
                    Some(&article) => {
                        if !article_briefings[article].contains(&index) {
                            article_briefings[article].push(index);
                        }
                        items.push(BriefingEntry { article, note: item.note.clone() });
                    }
                    None => diagnostics.push(doc.diagnostic_at(
                        Diagnostic::error(
                            "unknown-article",
                            format!("briefing item names article `{}`, which does not exist (or is a draft)", item.article),
                        ),
                        "article",
                        Some(&item.article),
                    )),
                }
            }
            let topics = topic_ids.iter().map(|&id| topic_order[id]).collect();
            Briefing { url: format!("/briefings/{}/", doc.slug), doc, items, topics }
        })
        .collect();
    for (index, briefing) in briefings.iter().enumerate() {
        for &topic in &briefing.topics {
            topics[topic].briefings.push(index);
        }
    }

    let articles: Vec<Article> = articles
        .into_iter()
        .zip(article_people.into_iter().zip(article_topics))
        .zip(article_briefings)
        .enumerate()
        .map(
            |(index, ((doc, (mut people_of, mut topics_of)), briefings))| {
                // Registry ids to entity indexes, in the same vectors.
                for person in &mut people_of {
                    *person = person_order[*person];
                    people[*person].articles.push(index);
                }
                for topic in &mut topics_of {
                    *topic = topic_order[*topic];
                    topics[*topic].articles.push(index);
                }
                Article {
                    url: format!("/articles/{}/", doc.slug),
                    doc,
                    people: people_of,
                    topics: topics_of,
                    briefings,
                }
            },
        )
        .collect();

    // An entity's briefings: those tagged with it, and those that include one of its articles.
    for entity in people.iter_mut().chain(topics.iter_mut()) {
        let mut briefings = std::mem::take(&mut entity.briefings);
        briefings.extend(
            entity
                .articles
                .iter()
                .flat_map(|&a| articles[a].briefings.iter().copied()),
        );
        briefings.sort_unstable();
        briefings.dedup();
        entity.briefings = briefings;
    }
    for (kind, entities) in [
        (EntityKind::Person, &mut people),
        (EntityKind::Topic, &mut topics),
    ] {
        let related_people = related(kind, entities, EntityKind::Person, &articles);
        let related_topics = related(kind, entities, EntityKind::Topic, &articles);
        for ((entity, people), topics) in
            entities.iter_mut().zip(related_people).zip(related_topics)
        {
            entity.related_people = people;
            entity.related_topics = topics;
        }
    }

    (
        Site {
            config,
            articles,
            briefings,
            people,
            topics,
        },
        diagnostics,
    )
}

fn resolve_all(registry: &mut Registry, names: &[String]) -> Vec<usize> {
    let mut ids: Vec<usize> = Vec::with_capacity(names.len());
    for id in names.iter().filter_map(|name| registry.resolve(name)) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// [`unique_slugs`], sorted newest first (undated last), ties by slug. Documents are large: the
/// order is worked out on indexes, then each document moved once.
fn newest_first<F: FrontMatter>(
    documents: Vec<Document<F>>,
    diagnostics: &mut Diagnostics,
    date: impl Fn(&Document<F>) -> Option<&crate::content::DateValue>,
) -> Vec<Document<F>> {
    let mut order = unique_slug_order(&documents, diagnostics);
    // Keys side by side: comparing through the documents reads one cache line per document.
    let keys: Vec<_> = documents
        .iter()
        .map(|doc| (date(doc), doc.slug.as_str()))
        .collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (&keys[a], &keys[b]);
        b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1))
    });
    drop(keys);
    permuted(documents, &order)
}

/// `items` in the order of `order`, distinct indexes of theirs; the others are dropped.
fn permuted<T>(mut items: Vec<T>, order: &[usize]) -> Vec<T> {
    // In place, cycle by cycle, with the left-out items moved behind the kept ones and cut off.
    let mut kept = vec![false; items.len()];
    for &index in order {
        kept[index] = true;
    }
    let full: Vec<usize> = order
        .iter()
        .copied()
        .chain((0..items.len()).filter(|&index| !kept[index]))
        .collect();
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = full[at];
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
    items.truncate(order.len());
    items
}

/// Keep one document per slug; the others are errors naming both files. A slug set in front
/// matter is the likelier mistake, so documents named by their file win over it, then path order.
fn unique_slugs<F: FrontMatter>(
    documents: Vec<Document<F>>,
    diagnostics: &mut Diagnostics,
) -> Vec<Document<F>> {
    let order = unique_slug_order(&documents, diagnostics);
    permuted(documents, &order)
}

/// The indexes of the documents [`unique_slugs`] keeps, in its order.
fn unique_slug_order<F: FrontMatter>(
    documents: &[Document<F>],
    diagnostics: &mut Diagnostics,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..documents.len()).collect();
    order.sort_by_key(|&index| documents[index].front.slug().is_some());
    let mut first_with: HashMap<&str, usize, ahash::RandomState> =
        HashMap::with_capacity_and_hasher(documents.len(), ahash::RandomState::new());
    let mut dropped = vec![false; documents.len()];
    for &index in &order {
        let doc = &documents[index];
        match first_with.get(doc.slug.as_str()) {
            Some(&first) => {
                diagnostics.push(doc.diagnostic_at(
                    Diagnostic::error(
                        "duplicate-url",
                        format!(
                            "slug `{}` is already used by {}: two pages would have one URL",
                            doc.slug,
                            documents[first].path.display()
                        ),
                    ),
                    "slug",
                    None,
                ));
                dropped[index] = true;
            }
            None => {
                first_with.insert(&doc.slug, index);
            }
        }
    }
    order.retain(|&index| !dropped[index]);
    order
}

/// Put a registry's name clash (`duplicate-alias`) at the line of the clashing name in the
/// profile's front matter: its `name:` line or the alias inside `aliases:`.
fn position_name_clashes<F>(problems: Vec<Diagnostic>, docs: &[Document<F>]) -> Vec<Diagnostic> {
    problems
        .into_iter()
        .map(|problem| {
            let doc = docs
                .iter()
                .find(|doc| problem.file.as_deref() == Some(doc.path.as_path()));
            let spelling = problem.message.split('`').nth(1);
            match (doc, spelling) {
                (Some(doc), Some(spelling)) if problem.line == 0 => {
                    let (line, column) = locate_name(&doc.yaml, doc.yaml_line, spelling)
                        .unwrap_or((doc.yaml_line, 1));
                    problem.at(line, column)
                }
                _ => problem,
            }
        })
        .collect()
}

/// Where `spelling` is written as a profile's `name` or one of its `aliases`.
fn locate_name(yaml: &str, yaml_line: usize, spelling: &str) -> Option<(usize, usize)> {
    if let Some(found) =
        crate::content::frontmatter::locate(yaml, yaml_line, "name", Some(spelling))
    {
        return Some(found);
    }
    let lines: Vec<&str> = yaml.lines().collect();
    let start = lines.iter().position(|line| line.starts_with("aliases:"))?;
    lines[start..]
        .iter()
        .enumerate()
        .take_while(|(offset, line)| {
            *offset == 0 || line.starts_with([' ', '\t', '-']) || line.trim().is_empty()
        })
        .find_map(|(offset, line)| {
            // After the key, the spelling as a whole item: not inside a longer alias.
            let from = if offset == 0 { "aliases:".len() } else { 0 };
            let at = line[from..]
                .match_indices(spelling)
                .map(|(at, _)| from + at)
                .find(|&at| {
                    let before = line[..at].chars().next_back();
                    let after = line[at + spelling.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })?;
            Some((yaml_line + start + offset, line[..at].chars().count() + 1))
        })
}

fn profile_text<F>(doc: &Document<F>) -> ProfileText {
    ProfileText {
        path: doc.path.clone(),
        content_path: doc.content_path.clone(),
        body: doc.body.clone(),
        body_line: doc.body_line,
    }
}

type ProfileParts = (Vec<String>, Option<String>, ProfileText);

/// The registry's entities sorted by slug, and for each registry id its index in that order.
fn entities(
    kind: EntityKind,
    registry: &Registry,
    profile: impl Fn(usize) -> ProfileParts,
) -> (Vec<Entity>, Vec<usize>) {
    let mut order: Vec<usize> = (0..registry.entities.len()).collect();
    order.sort_by(|&a, &b| registry.entities[a].slug.cmp(&registry.entities[b].slug));
    let mut position = vec![0; order.len()];
    let entities = order
        .iter()
        .enumerate()
        .map(|(sorted, &id)| {
            position[id] = sorted;
            let registered = &registry.entities[id];
            let (aliases, role, text) = match registered.profile.map(&profile) {
                Some((aliases, role, text)) => (aliases, role, Some(text)),
                None => (Vec::new(), None, None),
            };
            Entity {
                kind,
                slug: registered.slug.clone(),
                name: registered.name.clone(),
                url: format!("/{}/{}/", kind.section(), registered.slug),
                aliases,
                role,
                profile: text,
                articles: Vec::new(),
                briefings: Vec::new(),
                related_people: Vec::new(),
                related_topics: Vec::new(),
            }
        })
        .collect();
    (entities, position)
}

/// For each of `entities` (of `kind`), the entities of kind `of` that share most articles with
/// it, as (index, articles in common), most first; an entity is not related to itself.
fn related(
    kind: EntityKind,
    entities: &[Entity],
    of: EntityKind,
    articles: &[Article],
) -> Vec<Vec<(usize, usize)>> {
    let count = articles
        .iter()
        .flat_map(|article| article.named(of))
        .max()
        .map_or(0, |&most| most + 1);
    entities
        .par_iter()
        .enumerate()
        // Counts in a dense table per thread, reset through the list of entries touched.
        .map_init(
            || (vec![0usize; count], Vec::new()),
            |(counts, touched), (index, entity)| {
                let itself = (kind == of).then_some(index);
                for &article in &entity.articles {
                    for &other in articles[article].named(of) {
                        if Some(other) != itself {
                            if counts[other] == 0 {
                                touched.push(other);
                            }
                            counts[other] += 1;
                        }
                    }
                }
                let mut ranked: Vec<(usize, usize)> = touched
                    .drain(..)
                    .map(|other| (other, std::mem::take(&mut counts[other])))
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

    #[test]
    fn permuted_follows_the_order_and_drops_the_rest() {
        let items = || vec!["a", "b", "c", "d", "e", "f"];
        assert_eq!(
            permuted(items(), &[5, 4, 3, 2, 1, 0]),
            ["f", "e", "d", "c", "b", "a"]
        );
        assert_eq!(
            permuted(items(), &[1, 2, 0, 4, 5, 3]),
            ["b", "c", "a", "e", "f", "d"]
        );
        assert_eq!(permuted(items(), &[3, 0]), ["d", "a"]);
        assert_eq!(permuted(items(), &[]), [""; 0]);
    }
}
