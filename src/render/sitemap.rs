//! `sitemap.xml` (sitemaps.org 0.9) and `robots.txt`, for search engines.

use bytes::Bytes;

use super::pages::{Page, PageKind};
use super::templates::Templates;
use super::{Artifact, Produced, RenderEnv};
use crate::content::DateValue;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::util::escape::xml as escape;

/// How many URLs one sitemap file may list (sitemaps.org); past it `sitemap.xml` becomes an index.
pub const SITEMAP_LIMIT: usize = 50_000;

/// A page's path and `lastmod`.
type Listed<'a> = (&'a str, Option<&'a DateValue>);

/// What the sitemap lists: each page's path and `lastmod` (the 404 and search pages are left
/// out), split into files of at most `limit`.
pub struct Sitemap<'a> {
    urls: Vec<Listed<'a>>,
    limit: usize,
}

impl<'a> Sitemap<'a> {
    pub fn new(site: &'a Site, pages: &'a [Page], limit: usize) -> Sitemap<'a> {
        let urls = pages
            .iter()
            .filter(|page| !matches!(page.kind, PageKind::NotFound | PageKind::Search))
            .map(|page| (page.url.as_str(), lastmod(site, page)))
            .collect();
        Sitemap {
            urls,
            limit: limit.max(1),
        }
    }

    /// How many files: `sitemap.xml` alone, or an index and its parts.
    pub fn files(&self) -> usize {
        match self.urls.len().div_ceil(self.limit) {
            0 | 1 => 1,
            parts => parts + 1,
        }
    }

    /// The path of file `index`: `sitemap.xml`, then `sitemap-N.xml` for the parts.
    pub fn path(&self, index: usize) -> String {
        match index {
            0 => "sitemap.xml".to_owned(),
            part => format!("sitemap-{part}.xml"),
        }
    }

    /// The input of file `index`.
    fn file(&self, base_url: &'a str, index: usize) -> SitemapFile<'_> {
        let parts: Vec<&[Listed]> = self.urls.chunks(self.limit).collect();
        match (index, self.files()) {
            (_, 1) => SitemapFile::Urls {
                base_url,
                urls: &self.urls,
            },
            (0, _) => SitemapFile::Index {
                base_url,
                parts: (1..=parts.len())
                    .map(|part| {
                        let newest = parts[part - 1].iter().filter_map(|(_, date)| *date).max();
                        (self.path(part), newest)
                    })
                    .collect(),
            },
            (part, _) => SitemapFile::Urls {
                base_url,
                urls: parts[part - 1],
            },
        }
    }

    pub fn produce(&self, env: &RenderEnv, path: String, index: usize) -> Produced {
        let label = path.clone();
        env.produce(path, &label, &self.file(&env.site.config.base_url, index))
    }

    /// Every file with its XML.
    pub fn xml_files(&self, base_url: &str) -> Vec<(String, String)> {
        (0..self.files())
            .map(|index| (self.path(index), self.file(base_url, index).xml()))
            .collect()
    }
}

/// One file of the sitemap.
#[derive(Hash)]
enum SitemapFile<'a> {
    Urls {
        base_url: &'a str,
        urls: &'a [Listed<'a>],
    },
    Index {
        base_url: &'a str,
        parts: Vec<(String, Option<&'a DateValue>)>,
    },
}

impl Artifact for SitemapFile<'_> {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        Ok(Bytes::from(self.xml()))
    }
}

impl SitemapFile<'_> {
    fn xml(&self) -> String {
        match self {
            SitemapFile::Urls { base_url, urls } => urlset(base_url, urls),
            SitemapFile::Index { base_url, parts } => index(base_url, parts),
        }
    }
}

fn urlset(base_url: &str, urls: &[Listed]) -> String {
    let mut xml = String::with_capacity(urls.len() * 100 + 200);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (url, lastmod) in urls {
        xml.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            escape(&format!("{base_url}{url}"))
        ));
        if let Some(lastmod) = lastmod {
            xml.push_str(&format!("    <lastmod>{}</lastmod>\n", lastmod.rfc3339()));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn index(base_url: &str, parts: &[(String, Option<&DateValue>)]) -> String {
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, lastmod) in parts {
        xml.push_str(&format!(
            "  <sitemap>\n    <loc>{}</loc>\n",
            escape(&format!("{base_url}/{path}"))
        ));
        if let Some(lastmod) = lastmod {
            xml.push_str(&format!("    <lastmod>{}</lastmod>\n", lastmod.rfc3339()));
        }
        xml.push_str("  </sitemap>\n");
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// The newest of some dates.
fn newest<'a>(dates: impl Iterator<Item = Option<&'a DateValue>>) -> Option<&'a DateValue> {
    dates.flatten().max()
}

/// The `lastmod` of one page: its own date, or the newest date of what it lists.
fn lastmod<'a>(site: &'a Site, page: &Page) -> Option<&'a DateValue> {
    let per_page = site.config.paginate_by;
    let article_date = |index: usize| {
        let front = &site.articles[index].doc.front;
        front.updated.as_ref().or(front.date.as_ref())
    };
    let briefing_date = |index: usize| site.briefings[index].doc.front.date.as_ref();
    let page_of = |count: usize, number: usize| {
        let start = ((number - 1) * per_page).min(count);
        start..(start + per_page).min(count)
    };
    match page.kind {
        PageKind::Home => newest(
            (0..site.articles.len())
                .map(article_date)
                .chain((0..site.briefings.len()).map(briefing_date)),
        ),
        PageKind::Article(id) => article_date(id.index()),
        PageKind::Articles(number) => {
            newest(page_of(site.articles.len(), number).map(article_date))
        }
        PageKind::Briefing(id) => briefing_date(id.index()),
        PageKind::Briefings(number) => {
            newest(page_of(site.briefings.len(), number).map(briefing_date))
        }
        PageKind::Entity(kind, id, number) => {
            let articles = &site.entity(kind, id).articles;
            newest(
                articles[page_of(articles.len(), number)]
                    .iter()
                    .map(|a| article_date(a.index())),
            )
        }
        PageKind::Page(id) => site.page(id).doc.front.updated.as_ref(),
        PageKind::Entities(_) | PageKind::Search | PageKind::NotFound => None,
    }
}

/// `robots.txt`: everything may be crawled; the sitemap is named when URLs are absolute.
#[derive(Hash)]
pub struct Robots<'a> {
    pub base_url: &'a str,
}

impl Artifact for Robots<'_> {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        let mut text = String::from("User-agent: *\nDisallow:\n");
        if self.base_url.starts_with("http://") || self.base_url.starts_with("https://") {
            text.push_str(&format!("\nSitemap: {}/sitemap.xml\n", self.base_url));
        }
        Ok(Bytes::from(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn site(base_url: &str) -> Site {
        let mut config =
            Config::parse("title = \"T\"\nbase_url = \"https://example.org\"\n").unwrap();
        config.base_url = base_url.to_owned();
        crate::model::build(
            config,
            Default::default(),
            crate::model::Schedule::EVERYTHING,
            &[],
        )
        .site
    }

    #[test]
    fn robots_names_the_sitemap_only_for_absolute_urls() {
        let robots = |base_url| Robots { base_url }.render(None).unwrap();
        assert_eq!(
            robots("https://ex.org"),
            "User-agent: *\nDisallow:\n\nSitemap: https://ex.org/sitemap.xml\n"
        );
        assert_eq!(robots(""), "User-agent: *\nDisallow:\n");
    }

    #[test]
    fn sitemap_splits_under_an_index_past_the_limit() {
        let site = site("https://ex.org");
        let pages = crate::render::pages::pages(&site);
        // Home, the article and briefing archives, the topic and people indexes; not the 404.
        let single = Sitemap::new(&site, &pages, SITEMAP_LIMIT).xml_files("https://ex.org");
        assert_eq!(single.len(), 1);
        assert_eq!(single[0].1.matches("<loc>").count(), 5);
        assert!(!single[0].1.contains("404"));
        let split = Sitemap::new(&site, &pages, 2).xml_files("https://ex.org");
        let names: Vec<&str> = split.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        assert!(split[0].1.contains("<sitemapindex"));
        assert!(
            split[0]
                .1
                .contains("<loc>https://ex.org/sitemap-3.xml</loc>")
        );
        let listed: usize = split[1..]
            .iter()
            .map(|(_, xml)| xml.matches("<url>").count())
            .sum();
        assert_eq!(listed, 5);
    }
}
