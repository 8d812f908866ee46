//! Pages made from the site alone: the search page and the 404 page.

use tera::Context;

use super::meta::Meta;
use super::{Frame, Page, PageInput};
use crate::render::RenderEnv;

#[derive(Hash)]
pub(super) struct Plain<'a> {
    frame: Frame<'a>,
}

impl<'a> Plain<'a> {
    pub(super) fn search(env: &'a RenderEnv, page: &'a Page) -> Plain<'a> {
        let description = format!(
            "Search the articles, people and topics of {}",
            env.site.config.title
        );
        Plain {
            frame: Frame::new(env, page, "Search", description),
        }
    }

    pub(super) fn not_found(env: &'a RenderEnv, page: &'a Page) -> Plain<'a> {
        Plain {
            frame: Frame::new(env, page, "Page not found", ""),
        }
    }
}

impl PageInput for Plain<'_> {
    fn frame(&self) -> &Frame<'_> {
        &self.frame
    }

    fn context(&self) -> Context {
        let meta = match self.frame.page_kind {
            // A missing page has no place in search engines or previews.
            "404" => Meta::website(Vec::new()),
            _ => Meta::website(vec![self.frame.breadcrumbs(&[])]),
        };
        self.frame.context(meta, [])
    }
}
