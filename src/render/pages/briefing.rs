//! A briefing's page: its introduction, then each item's article card with the editor's note.

use std::collections::BTreeMap;

use tera::{Context, Value};

use super::meta::{Meta, field, without_nulls};
use super::{Frame, Page, PageInput};
use crate::model::{BriefingId, EntityKind};
use crate::render::RenderEnv;
use crate::render::cache::Keyed;
use crate::render::documents::Html;
use crate::render::views::{self, values_of};

#[derive(Hash)]
pub(super) struct BriefingPage<'a> {
    frame: Frame<'a>,
    card: &'a Keyed<Value>,
    extra: &'a BTreeMap<String, serde_json::Value>,
    intro: &'a Html,
    /// Each item's article card and note.
    items: Vec<(&'a Keyed<Value>, Option<&'a Html>)>,
    topics: Vec<&'a Keyed<Value>>,
    authors: Vec<&'a Keyed<Value>>,
}

impl<'a> BriefingPage<'a> {
    pub(super) fn new(env: &'a RenderEnv, page: &'a Page, id: BriefingId) -> BriefingPage<'a> {
        let (site, views, documents) = (env.site, env.views, env.documents);
        let briefing = site.briefing(id);
        let card = &views.briefing_cards[id.index()];
        let summary = card
            .value()
            .as_map()
            .and_then(|card| card.get(&"summary".into()))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let items = briefing
            .items
            .iter()
            .zip(&documents.briefing_notes[id.index()])
            .map(|(item, note)| (&views.article_cards[item.article.index()], note.as_ref()))
            .collect();
        let topic_links = &views.links[EntityKind::Topic];
        let intro = &documents.briefing_intros[id.index()];
        BriefingPage {
            frame: Frame::new(
                env,
                page,
                env.typographic(&briefing.doc.front.title),
                summary,
            )
            .showing(
                std::iter::once(intro).chain(documents.briefing_notes[id.index()].iter().flatten()),
            ),
            card,
            extra: &briefing.doc.front.extra,
            intro,
            items,
            topics: briefing
                .topics
                .iter()
                .map(|t| &topic_links[t.index()])
                .collect(),
            authors: (briefing.authors.iter())
                .map(|a| &views.links[EntityKind::Person][a.index()])
                .collect(),
        }
    }
}

impl PageInput for BriefingPage<'_> {
    fn frame(&self) -> &Frame<'_> {
        &self.frame
    }

    fn context(&self) -> Context {
        let items: Vec<Value> = self
            .items
            .iter()
            .map(|(article, note)| {
                Value::from(views::map_of([
                    ("article", article.value().clone()),
                    (
                        "note_html",
                        Value::from(note.map_or("", |n| n.value().html.as_str())),
                    ),
                ]))
            })
            .collect();
        let full = views::extend(
            self.card.value(),
            [
                ("extra", Value::from_serializable(self.extra)),
                ("intro_html", Value::from(self.intro.value().html.as_str())),
                ("toc", Value::from_serializable(&self.intro.value().toc)),
                ("items", Value::from(items)),
                ("topics", values_of(self.topics.iter().copied())),
                ("authors", values_of(self.authors.iter().copied())),
            ],
        );
        self.frame
            .context(self.meta(), [("briefing", Value::from(full))])
    }
}

impl BriefingPage<'_> {
    /// An article for previews; for search engines a `CollectionPage` of its items.
    fn meta(&self) -> Meta {
        let frame = &self.frame;
        let published = field(self.card.value(), "date_rfc3339").map(str::to_owned);
        let cards = self.items.iter().map(|(card, _)| card.value());
        let mut collection = frame.collection(cards, self.items.len());
        collection["datePublished"] = serde_json::json!(published);
        collection["publisher"] = frame.publisher();
        Meta {
            og_type: "article",
            published: published.clone(),
            modified: published,
            section: Some("Briefings".to_owned()),
            tags: self
                .topics
                .iter()
                .filter_map(|topic| field(topic.value(), "name").map(str::to_owned))
                .collect(),
            items: vec![
                without_nulls(collection),
                frame.breadcrumbs(&[("Briefings", "/briefings/")]),
            ],
            ..Meta::default()
        }
    }
}
