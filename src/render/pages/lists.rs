//! The archives: every article, and every briefing, newest first, a page of them at a time.

use tera::{Context, Value};

use super::meta::Meta;
use super::paginator::{Paginator, page_slice};
use super::{Frame, Page, PageInput, numbered};
use crate::render::RenderEnv;
use crate::render::cache::Keyed;
use crate::render::views::values_of;
use crate::util::href::Href;
use crate::util::number::grouped;

#[derive(Hash)]
pub(super) struct Archive<'a> {
    frame: Frame<'a>,
    /// The variable the cards go in: `articles` or `briefings`.
    name: &'static str,
    cards: &'a [Keyed<Value>],
    paginator: Paginator<'a>,
}

impl<'a> Archive<'a> {
    pub(super) fn articles(env: &'a RenderEnv, page: &'a Page, number: usize) -> Archive<'a> {
        Archive::of(
            env,
            page,
            number,
            ("articles", "Articles", "/articles/"),
            &env.views.article_cards,
        )
    }

    pub(super) fn briefings(env: &'a RenderEnv, page: &'a Page, number: usize) -> Archive<'a> {
        Archive::of(
            env,
            page,
            number,
            ("briefings", "Briefings", "/briefings/"),
            &env.views.briefing_cards,
        )
    }

    fn of(
        env: &'a RenderEnv,
        page: &'a Page,
        number: usize,
        (name, title, base): (&'static str, &'static str, &'a str),
        all: &'a [Keyed<Value>],
    ) -> Archive<'a> {
        let per_page = env.site.config.paginate_by;
        let description = match all.len() {
            1 => format!(
                "The one {} of {}",
                &name[..name.len() - 1],
                env.site.config.title
            ),
            count => format!(
                "All {} {name} of {}, newest first",
                grouped(count as u64),
                env.site.config.title
            ),
        };
        Archive {
            frame: Frame::new(env, page, numbered(title, number), description),
            name,
            cards: page_slice(all, number, per_page),
            paginator: Paginator {
                base: Href::new(env.site.config.base_path(), base),
                number,
                total_items: all.len(),
                per_page,
            },
        }
    }
}

impl PageInput for Archive<'_> {
    fn frame(&self) -> &Frame<'_> {
        &self.frame
    }

    fn context(&self) -> Context {
        let meta = Meta::website(vec![
            self.frame.collection(
                self.cards.iter().map(Keyed::value),
                self.paginator.total_items,
            ),
            self.frame.breadcrumbs(&[]),
        ]);
        self.frame.context(
            meta,
            [
                (self.name, values_of(self.cards)),
                ("paginator", self.paginator.value()),
            ],
        )
    }
}
