//! The list of pages a site has: each a URL, a kind and a template.

use crate::model::{EntityKind, Site};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Article(usize),
    /// Page `n` (1-based) of the article archive.
    Articles(usize),
    Briefing(usize),
    Briefings(usize),
    /// Page `n` of a person's or topic's page.
    Entity(EntityKind, usize, usize),
    Entities(EntityKind),
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
            PageKind::Entity(EntityKind::Person, _, _) => "person",
            PageKind::Entity(EntityKind::Topic, _, _) => "topic",
            PageKind::Entities(EntityKind::Person) => "people",
            PageKind::Entities(EntityKind::Topic) => "topics",
            PageKind::Search => "search",
            PageKind::NotFound => "404",
        }
    }
}

/// `/a/b/` → `a/b/index.html`; `/404.html` → `404.html`.
pub fn output_path(url: &str) -> String {
    let path = url.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    }
}

/// Page `number` of a list at `base` (`/topics/nato/`): page 1 is the list's own URL.
pub fn page_url(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_owned()
    } else {
        format!("{base}page/{number}/")
    }
}

/// How many pages a list of `items` needs (at least one, so an empty list still has a page).
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// Every page of the site, in a stable order.
pub fn pages(site: &Site) -> Vec<Page> {
    let per_page = site.config.paginate_by;
    let mut pages = vec![Page {
        url: "/".to_owned(),
        kind: PageKind::Home,
    }];
    let paginated =
        |pages: &mut Vec<Page>, base: &str, items: usize, kind: &dyn Fn(usize) -> PageKind| {
            for number in 1..=page_count(items, per_page) {
                pages.push(Page {
                    url: page_url(base, number),
                    kind: kind(number),
                });
            }
        };
    paginated(
        &mut pages,
        "/articles/",
        site.articles.len(),
        &PageKind::Articles,
    );
    pages.extend(
        site.articles
            .iter()
            .enumerate()
            .map(|(index, article)| Page {
                url: article.url.clone(),
                kind: PageKind::Article(index),
            }),
    );
    paginated(
        &mut pages,
        "/briefings/",
        site.briefings.len(),
        &PageKind::Briefings,
    );
    pages.extend(
        site.briefings
            .iter()
            .enumerate()
            .map(|(index, briefing)| Page {
                url: briefing.url.clone(),
                kind: PageKind::Briefing(index),
            }),
    );
    for kind in [EntityKind::Topic, EntityKind::Person] {
        pages.push(Page {
            url: format!("/{}/", kind.section()),
            kind: PageKind::Entities(kind),
        });
        for (index, entity) in site.entities(kind).iter().enumerate() {
            paginated(&mut pages, &entity.url, entity.articles.len(), &|number| {
                PageKind::Entity(kind, index, number)
            });
        }
    }
    pages.push(Page {
        url: "/search/".to_owned(),
        kind: PageKind::Search,
    });
    pages.push(Page {
        url: "/404.html".to_owned(),
        kind: PageKind::NotFound,
    });
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_paths() {
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(
            output_path("/topics/nato/page/2/"),
            "topics/nato/page/2/index.html"
        );
        assert_eq!(output_path("/404.html"), "404.html");
        assert_eq!(page_url("/topics/nato/", 1), "/topics/nato/");
        assert_eq!(page_url("/topics/nato/", 3), "/topics/nato/page/3/");
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
    }
}
