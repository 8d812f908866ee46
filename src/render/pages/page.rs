//! A page of `content/pages/` (About, Contact): its title and body.

use std::collections::BTreeMap;

use tera::{Context, Value};

use super::meta::Meta;
use super::{Frame, Page, PageInput};
use crate::content::DateValue;
use crate::model::PageId;
use crate::render::RenderEnv;
use crate::render::documents::Html;
use crate::render::views::map_of;

#[derive(Hash)]
pub(super) struct StandalonePage<'a> {
    frame: Frame<'a>,
    title: &'a str,
    url: &'a str,
    slug: &'a str,
    html: &'a Html,
    updated: Option<&'a DateValue>,
    extra: &'a BTreeMap<String, serde_json::Value>,
}

impl<'a> StandalonePage<'a> {
    pub(super) fn new(env: &'a RenderEnv, page: &'a Page, id: PageId) -> StandalonePage<'a> {
        let own = env.site.page(id);
        let front = &own.doc.front;
        let html = &env.documents.pages[id.index()];
        let description = (front.summary.as_ref()).unwrap_or(&html.value().first_paragraph);
        StandalonePage {
            frame: Frame::new(
                env,
                page,
                env.typographic(&front.title),
                env.typographic(description),
            ),
            title: &front.title,
            url: &own.url,
            slug: &own.doc.slug,
            html,
            updated: front.updated.as_ref(),
            extra: &front.extra,
        }
    }
}

impl PageInput for StandalonePage<'_> {
    fn frame(&self) -> &Frame<'_> {
        &self.frame
    }

    fn context(&self) -> Context {
        let updated = self.updated;
        let value = map_of([
            ("title", Value::from(self.title)),
            ("url", Value::from(self.url)),
            ("slug", Value::from(self.slug)),
            ("updated", Value::from(updated.map(DateValue::iso_date))),
            (
                "updated_display",
                Value::from(updated.map(DateValue::display)),
            ),
            (
                "updated_rfc3339",
                Value::from(updated.map(DateValue::rfc3339)),
            ),
            ("extra", Value::from_serializable(self.extra)),
            ("body_html", Value::from(self.html.value().html.as_str())),
            ("toc", Value::from_serializable(&self.html.value().toc)),
        ]);
        let meta = Meta::website(vec![self.frame.breadcrumbs(&[])]);
        self.frame.context(meta, [("page", Value::from(value))])
    }
}
