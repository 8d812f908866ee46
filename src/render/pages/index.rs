//! The index of all people or all topics, by name, grouped by initial.

use std::collections::HashMap;

use tera::{Context, Value};

use super::meta::Meta;
use super::{Frame, Page, PageInput};
use crate::model::EntityKind;
use crate::model::registry::name_key;
use crate::render::RenderEnv;
use crate::render::views::{Counted, map_of};
use crate::util::number::grouped;

#[derive(Hash)]
pub(super) struct Index<'a> {
    frame: Frame<'a>,
    /// Every entity of the kind, in name order, with its count of articles.
    entities: Vec<Counted<'a>>,
}

impl<'a> Index<'a> {
    pub(super) fn new(env: &'a RenderEnv, page: &'a Page, kind: EntityKind) -> Index<'a> {
        let mut entities: Vec<&crate::model::Entity> = env.site.entities[kind].iter().collect();
        entities.sort_by_cached_key(|e| (name_key(&e.name), e.slug.clone()));
        let title = match kind {
            EntityKind::Person => "People",
            EntityKind::Topic => "Topics",
        };
        let noun = match (kind, entities.len()) {
            (EntityKind::Person, 1) => "person",
            (EntityKind::Topic, 1) => "topic",
            _ => title,
        };
        let description = format!(
            "{} {} covered by {}, by name, with their articles",
            grouped(entities.len() as u64),
            noun.to_lowercase(),
            env.site.config.title
        );
        Index {
            frame: Frame::new(env, page, title, description),
            entities: entities
                .into_iter()
                .map(|e| Counted::of(env.site, e, e.articles.len()))
                .collect(),
        }
    }
}

impl PageInput for Index<'_> {
    fn frame(&self) -> &Frame<'_> {
        &self.frame
    }

    fn context(&self) -> Context {
        let links: Vec<Value> = self.entities.iter().map(Counted::value).collect();
        let names = self.entities.iter().map(Counted::name);
        let meta = Meta::website(vec![
            self.frame.collection(links.iter(), links.len()),
            self.frame.breadcrumbs(&[]),
        ]);
        self.frame.context(
            meta,
            [
                ("initials", initials(names.zip(&links))),
                ("entities", Value::from(links)),
            ],
        )
    }
}

/// Links grouped by the initial of their name (its first letter, upper-cased), the groups in
/// the order their first link comes: `[{letter, entities}]` for an index's jump bar. Grouped
/// here, as a template would pass over every link once per letter.
fn initials<'a>(links: impl Iterator<Item = (&'a str, &'a Value)>) -> Value {
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for (name, link) in links {
        let letter: String = name.chars().take(1).flat_map(char::to_uppercase).collect();
        let group = *group_of.entry(letter.clone()).or_insert_with(|| {
            groups.push((letter, Vec::new()));
            groups.len() - 1
        });
        groups[group].1.push(link.clone());
    }
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(letter, entities)| {
            Value::from(map_of([
                ("letter", Value::from(letter)),
                ("entities", Value::from(entities)),
            ]))
        })
        .collect();
    Value::from(groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_group_links_by_upper_cased_first_letter_in_order_of_appearance() {
        let names = ["alba", "Émile", "Ada", "Zoë", "eva", "Éric"];
        let links: Vec<Value> = names.iter().map(|&n| Value::from(n)).collect();
        let groups = initials(names.into_iter().zip(&links));
        let groups: Vec<(String, Vec<String>)> = groups
            .as_array()
            .unwrap()
            .iter()
            .map(|group| {
                let group = group.as_map().unwrap();
                let letter = group.get(&"letter".into()).unwrap().as_str().unwrap();
                let names = group.get(&"entities".into()).unwrap().as_array().unwrap();
                let names = names.iter().map(|n| n.as_str().unwrap().to_owned());
                (letter.to_owned(), names.collect())
            })
            .collect();
        let expected = [
            ("A", vec!["alba", "Ada"]),
            ("É", vec!["Émile", "Éric"]),
            ("Z", vec!["Zoë"]),
            ("E", vec!["eva"]),
        ];
        let expected: Vec<(String, Vec<String>)> = expected
            .iter()
            .map(|(l, n)| (l.to_string(), n.iter().map(|n| n.to_string()).collect()))
            .collect();
        assert_eq!(groups, expected);
    }
}
