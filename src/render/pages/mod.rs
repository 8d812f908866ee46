//! The HTML pages of a site: each kind of page in a file of its own, as an input struct that
//! holds everything the page is made from and turns into the template's variables.
//!
//! To add a kind of page: a [`PageKind`] variant (the compiler then asks for its URL, template
//! and name below, and for its input in [`input`]), a file here with its input struct
//! implementing [`PageInput`], and its template in the default theme.

mod article;
mod briefing;
mod dossier;
mod home;
mod index;
mod lists;
mod meta;
mod page;
mod paginator;
mod plain;
mod story;

use std::borrow::Cow;
use std::hash::Hash;

use tera::{Context, Value};

use super::cache::Keyed;
use super::documents::Html;
use super::feeds::{self, FeedFormat};
use super::templates::Templates;
use super::views::Views;
use super::{Artifact, RenderEnv};
use crate::diagnostics::Diagnostic;
use crate::model::{ArticleId, BriefingId, EntityId, EntityKind, PageId, Site};
use bytes::Bytes;
pub use dossier::Dossiers;
pub(crate) use meta::{absolute, absolute_link, field};
pub use paginator::{page_count, page_url};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Article(ArticleId),
    /// Page `n` (1-based) of the article archive.
    Articles(usize),
    Briefing(BriefingId),
    Briefings(usize),
    /// Page `n` of a person's or topic's page.
    Entity(EntityKind, EntityId, usize),
    Entities(EntityKind),
    /// A page of `content/pages/`.
    Page(PageId),
    Search,
    NotFound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub url: String,
    pub kind: PageKind,
}

impl Page {
    /// The file the page is written to, relative to the output folder.
    pub fn output_path(&self) -> String {
        output_path(&self.url)
    }

    pub fn template(&self) -> &'static str {
        match self.kind {
            PageKind::Home => "index.html",
            PageKind::Article(_) => "article.html",
            PageKind::Articles(_) => "articles.html",
            PageKind::Briefing(_) => "briefing.html",
            PageKind::Briefings(_) => "briefings.html",
            PageKind::Entity(EntityKind::Person, _, _) => "person.html",
            PageKind::Entity(EntityKind::Topic, _, _) => "topic.html",
            PageKind::Entities(EntityKind::Person) => "people.html",
            PageKind::Entities(EntityKind::Topic) => "topics.html",
            PageKind::Page(_) => "page.html",
            PageKind::Search => "search.html",
            PageKind::NotFound => "404.html",
        }
    }

    /// The `page_kind` templates receive.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            PageKind::Home => "home",
            PageKind::Article(_) => "article",
            PageKind::Articles(_) => "articles",
            PageKind::Briefing(_) => "briefing",
            PageKind::Briefings(_) => "briefings",
            PageKind::Entity(kind, _, _) => kind.singular(),
            PageKind::Entities(kind) => kind.section(),
            PageKind::Page(_) => "page",
            PageKind::Search => "search",
            PageKind::NotFound => "404",
        }
    }
}

/// Every template a page (or a briefing's newsletter) is rendered through: the others (base,
/// partials) are what those may extend or include.
pub const PAGE_TEMPLATES: &[&str] = &[
    "index.html",
    "article.html",
    "articles.html",
    "briefing.html",
    "briefings.html",
    "person.html",
    "topic.html",
    "people.html",
    "topics.html",
    "page.html",
    "search.html",
    "404.html",
    "email.html",
    "email.txt",
];

/// `/a/b/` → `a/b/index.html`; `/404.html` → `404.html`.
pub fn output_path(url: &str) -> String {
    let path = url.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    }
}

/// Every page of the site, in a stable order.
pub fn pages(site: &Site) -> Vec<Page> {
    let per_page = site.config.paginate_by;
    let mut pages = vec![page("/", PageKind::Home)];
    let paginated =
        |pages: &mut Vec<Page>, base: &str, items: usize, kind: &dyn Fn(usize) -> PageKind| {
            for number in 1..=page_count(items, per_page) {
                pages.push(page(&page_url(base, number), kind(number)));
            }
        };
    paginated(
        &mut pages,
        "/articles/",
        site.articles.len(),
        &PageKind::Articles,
    );
    pages.extend(
        site.article_ids()
            .map(|(id, article)| page(&article.url, PageKind::Article(id))),
    );
    paginated(
        &mut pages,
        "/briefings/",
        site.briefings.len(),
        &PageKind::Briefings,
    );
    pages.extend(
        site.briefings.iter().enumerate().map(|(index, briefing)| {
            page(&briefing.url, PageKind::Briefing(BriefingId::new(index)))
        }),
    );
    for kind in [EntityKind::Topic, EntityKind::Person] {
        pages.push(page(
            &format!("/{}/", kind.section()),
            PageKind::Entities(kind),
        ));
        for (index, entity) in site.entities[kind].iter().enumerate() {
            paginated(&mut pages, &entity.url, entity.listed.len(), &|number| {
                PageKind::Entity(kind, EntityId::new(index), number)
            });
        }
    }
    pages.extend(
        site.pages
            .iter()
            .enumerate()
            .map(|(index, own)| page(&own.url, PageKind::Page(PageId::new(index)))),
    );
    pages.push(page("/search/", PageKind::Search));
    pages.push(page("/404.html", PageKind::NotFound));
    pages
}

fn page(url: &str, kind: PageKind) -> Page {
    Page {
        url: url.to_owned(),
        kind,
    }
}

/// What every page gets: the site, where the page is, its title and description.
#[derive(Hash)]
pub struct Frame<'a> {
    site: &'a Keyed<Value>,
    page_kind: &'static str,
    url: &'a str,
    base_url: &'a str,
    feed_url: Option<String>,
    json_feed_url: Option<String>,
    title: Cow<'a, str>,
    description: Cow<'a, str>,
    /// Whether the page shows highlighted code: only then does it load `/highlight.css`.
    has_code: bool,
    /// `base_url` without its path: what makes the site's links (`/desk/x/`) absolute.
    origin: &'a str,
    /// The site's settings that metadata needs, kept here as the site value's fields are slow
    /// to look up on every page.
    site_title: &'a str,
    language: &'a str,
    site_image: Option<&'a str>,
}

impl<'a> Frame<'a> {
    fn new(
        env: &'a RenderEnv,
        page: &'a Page,
        title: impl Into<Cow<'a, str>>,
        description: impl Into<Cow<'a, str>>,
    ) -> Frame<'a> {
        Frame {
            site: &env.views.site,
            page_kind: page.kind_name(),
            url: &page.url,
            base_url: &env.site.config.base_url,
            feed_url: feeds::feed_url(env.site, page, FeedFormat::Atom),
            json_feed_url: feeds::feed_url(env.site, page, FeedFormat::Json),
            title: title.into(),
            description: description.into(),
            has_code: false,
            origin: env.site.config.origin(),
            site_title: &env.site.config.title,
            language: &env.site.config.language,
            site_image: env.site.config.image.as_deref(),
        }
    }

    /// The same frame for a page that shows any of `texts`.
    fn showing<'t>(self, texts: impl IntoIterator<Item = &'t Html>) -> Frame<'a> {
        Frame {
            has_code: texts.into_iter().any(|html| html.value().has_code),
            ..self
        }
    }

    /// The page's variables: its `meta`, and `more` of its own kind.
    fn context(
        &self,
        meta: meta::Meta,
        more: impl IntoIterator<Item = (&'static str, Value)>,
    ) -> Context {
        let mut context = Context::new();
        context.insert_value("meta", meta.value(self));
        context.insert_value("site", self.site.value().clone());
        context.insert("page_kind", self.page_kind);
        context.insert("current_path", self.url);
        context.insert("permalink", &format!("{}{}", self.base_url, self.url));
        context.insert("feed_url", &self.feed_url);
        context.insert("json_feed_url", &self.json_feed_url);
        context.insert("title", &self.title);
        context.insert("description", &self.description);
        context.insert("has_code", &self.has_code);
        for (name, value) in more {
            context.insert_value(name, value);
        }
        context
    }
}

/// The input of one kind of page: everything the page is made from.
pub trait PageInput: Hash + Sync {
    fn frame(&self) -> &Frame<'_>;
    /// The template's variables, made from the input alone.
    fn context(&self) -> Context;
}

/// A page to render: its template and its input.
#[derive(Hash)]
pub struct PageArtifact<I> {
    template: &'static str,
    input: I,
}

impl<I: PageInput> Artifact for PageArtifact<I> {
    fn template(&self) -> Option<&'static str> {
        Some(self.template)
    }

    fn render(&self, templates: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        // Without templates a page is never asked for (see `RenderEnv::produce`).
        let templates = templates.ok_or_else(Vec::new)?;
        templates.render(self.template, &self.input.context())
    }
}

/// Render `page` into the sink at `path`, reusing an earlier rendering of the same input.
pub fn produce(env: &RenderEnv, page: &Page, path: String) -> super::Produced {
    match page.kind {
        PageKind::Home => produce_as(env, page, path, home::Home::new(env, page)),
        PageKind::Article(id) => {
            produce_as(env, page, path, article::ArticlePage::new(env, page, id))
        }
        PageKind::Articles(number) => {
            produce_as(env, page, path, lists::Archive::articles(env, page, number))
        }
        PageKind::Briefing(id) => {
            produce_as(env, page, path, briefing::BriefingPage::new(env, page, id))
        }
        PageKind::Briefings(number) => produce_as(
            env,
            page,
            path,
            lists::Archive::briefings(env, page, number),
        ),
        PageKind::Entity(kind, id, number) => {
            let input = dossier::DossierPage::new(env, page, kind, id, number);
            produce_as(env, page, path, input)
        }
        PageKind::Entities(kind) => produce_as(env, page, path, index::Index::new(env, page, kind)),
        PageKind::Page(id) => produce_as(env, page, path, page::StandalonePage::new(env, page, id)),
        PageKind::Search => produce_as(env, page, path, plain::Plain::search(env, page)),
        PageKind::NotFound => produce_as(env, page, path, plain::Plain::not_found(env, page)),
    }
}

fn produce_as<I: PageInput>(
    env: &RenderEnv,
    page: &Page,
    path: String,
    input: I,
) -> super::Produced {
    let artifact = PageArtifact {
        template: page.template(),
        input,
    };
    env.produce(path, &page.url, &artifact)
}

/// A list of the values of some cards.
fn cards(views: &Views, ids: impl Iterator<Item = ArticleId>) -> Vec<&Keyed<Value>> {
    ids.map(|id| &views.article_cards[id.index()]).collect()
}

/// `Title (page 2)` for the pages after the first of a list.
fn numbered(title: &str, number: usize) -> String {
    if number > 1 {
        format!("{title} (page {number})")
    } else {
        title.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths() {
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(
            output_path("/topics/nato/page/2/"),
            "topics/nato/page/2/index.html"
        );
        assert_eq!(output_path("/404.html"), "404.html");
    }
}
