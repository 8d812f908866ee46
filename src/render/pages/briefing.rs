//! A briefing's page: its introduction, then each item's article card with the editor's note.

use std::collections::BTreeMap;

use tera::{Context, Value};

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
        BriefingPage {
            frame: Frame::new(env, page, briefing.doc.front.title.as_str(), summary),
            card,
            extra: &briefing.doc.front.extra,
            intro: &documents.briefing_intros[id.index()],
            items,
            topics: briefing
                .topics
                .iter()
                .map(|t| &topic_links[t.index()])
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
                ("items", Value::from(items)),
                ("topics", values_of(self.topics.iter().copied())),
            ],
        );
        self.frame.context([("briefing", Value::from(full))])
    }
}
