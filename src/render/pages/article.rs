//! An article's page: its card's fields, the body, media, source and briefings.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;
use tera::{Context, Value};

use super::meta::{Meta, field, without_nulls};
use super::{Frame, Page, PageInput};
use crate::content::{DateValue, Media, Source};
use crate::model::{ArticleId, ByKind, EntityKind};
use crate::render::RenderEnv;
use crate::render::cache::Keyed;
use crate::render::documents::Html;
use crate::render::embeds;
use crate::render::images::LocalImage;
use crate::render::views;
use crate::util::href::{self, Href};

#[derive(Hash)]
pub(super) struct ArticlePage<'a> {
    /// Every person's and topic's link, when the article names more than a card shows.
    all_links: Option<ByKind<Vec<&'a Keyed<Value>>>>,
    frame: Frame<'a>,
    card: &'a Keyed<Value>,
    html: &'a Html,
    media: &'a [Media],
    /// The local images of `media`, by index.
    images: Vec<Option<&'a LocalImage>>,
    updated: Option<&'a DateValue>,
    source: Option<&'a Source>,
    /// The order the source's header fields are shown in.
    header_fields: &'a [String],
    briefings: Vec<BriefingLink<'a>>,
    /// The other articles of its story ("Also reported by").
    other_sources: Vec<super::story::OtherSource<'a>>,
    /// The cards of its related articles, the most related first.
    related: Vec<&'a Keyed<Value>>,
    /// Where root-relative media sources are.
    base_path: &'a str,
    extra: &'a BTreeMap<String, serde_json::Value>,
    date_inferred: bool,
}

/// A briefing that includes the article.
#[derive(Serialize, Hash)]
struct BriefingLink<'a> {
    name: &'a str,
    url: Href<'a>,
    slug: &'a str,
}

impl<'a> ArticlePage<'a> {
    pub(super) fn new(env: &'a RenderEnv, page: &'a Page, id: ArticleId) -> ArticlePage<'a> {
        let site = env.site;
        let article = site.article(id);
        let front = &article.doc.front;
        let summary = &env.views.summaries[id.index()];
        let html = &env.documents.articles[id.index()];
        let briefings = article
            .briefings
            .iter()
            .map(|&b| {
                let briefing = site.briefing(b);
                BriefingLink {
                    name: &briefing.doc.front.title,
                    url: Href::new(site.config.base_path(), &briefing.url),
                    slug: &briefing.doc.slug,
                }
            })
            .collect();
        let cut = EntityKind::ALL
            .iter()
            .any(|&kind| article.named[kind].len() > views::CARD_CHIPS);
        let all_links = cut.then(|| {
            ByKind::from_fn(|kind| {
                let links = &env.views.links[kind];
                article.named[kind]
                    .iter()
                    .map(|e| &links[e.index()])
                    .collect()
            })
        });
        ArticlePage {
            all_links,
            frame: Frame::new(
                env,
                page,
                env.typographic(&front.title),
                env.typographic(summary),
            )
            .showing([html]),
            card: &env.views.article_cards[id.index()],
            html,
            media: &front.media,
            images: env.images.of(&front.media),
            updated: front.updated.as_ref(),
            source: front.source.as_ref(),
            header_fields: &site.config.import.header_fields,
            briefings,
            other_sources: super::story::other_sources(site, id),
            related: (article.related.iter())
                .map(|r| &env.views.article_cards[r.index()])
                .collect(),
            base_path: site.config.base_path(),
            extra: &front.extra,
            date_inferred: front.date_inferred,
        }
    }

    fn media(&self) -> Value {
        let placed = &self.html.value().placed_media;
        let media: Vec<serde_json::Value> = self
            .media
            .iter()
            .enumerate()
            .map(|(i, m)| {
                json!({
                    "index": i + 1,
                    "caption": m.caption,
                    // The caption is shown beside the image: no alt repeats it.
                    "alt": m.alt.as_deref().unwrap_or_default(),
                    "credit": m.credit,
                    "kind": m.kind.as_deref().unwrap_or("photo"),
                    "src": m.src.as_deref().map(|src| href::link(self.base_path, src)),
                    "embed_html": embeds::embed(m).map(|embed| embed.placeholder(m, self.base_path)),
                    "picture_html": self.images.get(i).copied().flatten().map(|image| {
                        image.picture(m.alt.as_deref().unwrap_or_default(), self.base_path)
                    }),
                    "placed": placed.contains(&(i + 1)),
                })
            })
            .collect();
        Value::from_serializable(&media)
    }

    fn source(&self) -> Value {
        Value::from(self.source.map(|source| {
            Value::from_serializable(&json!({
                "name": source.name,
                "url": source.url,
                "file": source.file,
                "fields": source_fields(source, self.header_fields),
                "trailers": source.trailers,
            }))
        }))
    }
}

impl PageInput for ArticlePage<'_> {
    fn frame(&self) -> &Frame<'_> {
        &self.frame
    }

    fn context(&self) -> Context {
        let rendered = self.html.value();
        let updated = self.updated;
        // Built as Tera values: through `json!` every page paid a map of owned keys and a
        // conversion, and the body HTML was copied twice.
        let mut full = views::extend(
            self.card.value(),
            [
                ("word_count", Value::from(rendered.word_count)),
                ("updated", Value::from(updated.map(|d| d.iso_date()))),
                ("updated_display", Value::from(updated.map(|d| d.display()))),
                ("updated_rfc3339", Value::from(updated.map(|d| d.rfc3339()))),
                ("media", self.media()),
                ("source", self.source()),
                ("briefings", Value::from_serializable(&self.briefings)),
                (
                    "other_sources",
                    Value::from_serializable(&self.other_sources),
                ),
                ("related", views::values_of(self.related.iter().copied())),
                ("extra", Value::from_serializable(self.extra)),
                ("date_inferred", Value::from(self.date_inferred)),
                (
                    "summary_in_body",
                    Value::from(summary_in_body(&self.frame.description, &rendered.html)),
                ),
                ("body_html", Value::from(rendered.html.as_str())),
                ("toc", Value::from_serializable(&rendered.toc)),
            ],
        );
        if let Some(all) = &self.all_links {
            full.insert(
                "people".into(),
                views::values_of(all.people.iter().copied()),
            );
            full.insert(
                "topics".into(),
                views::values_of(all.topics.iter().copied()),
            );
        }
        self.frame
            .context(self.meta(), [("article", Value::from(full))])
    }
}

impl ArticlePage<'_> {
    /// A `NewsArticle`, and the `article:*` properties of its preview.
    fn meta(&self) -> Meta {
        let frame = &self.frame;
        let card = self.card.value();
        let names = |kind: &'static str| -> Vec<String> {
            let list = card.as_map().and_then(|c| c.get(&kind.into()));
            list.and_then(Value::as_array)
                .unwrap_or_default()
                .iter()
                .filter_map(|link| field(link, "name").map(str::to_owned))
                .collect()
        };
        let (topics, people) = (names("topics"), names("people"));
        let published = field(card, "date_rfc3339").map(str::to_owned);
        let modified = self.updated.map(DateValue::rfc3339).or(published.clone());
        let image = frame.media_image(self.media);
        let publication = self.source.and_then(|s| s.name.as_deref());
        // The byline when there is one; else the outlet it came from; else the site.
        let bylines = byline_people(card, frame);
        let authors = match publication {
            _ if !bylines.is_empty() => bylines,
            Some(name) => vec![json!({"@type": "Organization", "name": name})],
            None => vec![frame.publisher()],
        };
        let author_names: Vec<&str> = (authors.iter())
            .filter_map(|author| author["name"].as_str())
            .collect();
        let author_name = (!author_names.is_empty()).then(|| author_names.join(", "));
        let article = json!({
            "@type": "NewsArticle",
            "headline": headline(&frame.title),
            "description": frame.description,
            "url": frame.absolute(frame.url),
            "mainEntityOfPage": {"@type": "WebPage", "@id": frame.absolute(frame.url)},
            "datePublished": published,
            "dateModified": modified,
            "image": image.as_ref().map(|i| vec![i.url.as_str()]),
            "author": authors,
            "publisher": frame.publisher(),
            "inLanguage": frame.language(),
            "articleSection": topics.first(),
            "keywords": topics.join(", "),
            "wordCount": self.html.value().word_count,
            "about": topics.iter().map(|name| json!({"@type": "Thing", "name": name})).collect::<Vec<_>>(),
            "mentions": people.iter().map(|name| json!({"@type": "Person", "name": name})).collect::<Vec<_>>(),
        });
        Meta {
            og_type: "article",
            image,
            published,
            modified,
            section: topics.first().cloned(),
            tags: topics.into_iter().chain(people).collect(),
            author: author_name,
            items: vec![
                without_nulls(article),
                frame.breadcrumbs(&[("Articles", "/articles/")]),
            ],
        }
    }
}

/// The people of the card's byline as schema.org `Person`s with their pages.
fn byline_people(card: &Value, frame: &Frame) -> Vec<serde_json::Value> {
    let links = card.as_map().and_then(|c| c.get(&"authors".into()));
    (links.and_then(Value::as_array).unwrap_or_default().iter())
        .filter_map(|link| {
            let name = field(link, "name")?;
            let url = field(link, "url").map(|url| frame.absolute_link(url));
            Some(without_nulls(
                json!({"@type": "Person", "name": name, "url": url}),
            ))
        })
        .collect()
}

/// A headline as search engines take it: at most 110 characters, cut at a word.
fn headline(title: &str) -> String {
    crate::render::search::cut(title, 110)
}

/// Whether the body's HTML already holds the summary as text (`&`, `<` and `>` escaped as the
/// Markdown's HTML has them): a theme need not show it twice. A template's own `is containing`
/// test took a quarter of an article page's rendering time.
fn summary_in_body(summary: &str, html: &str) -> bool {
    let escaped;
    let text = if summary.contains(['&', '<', '>']) {
        escaped = summary
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        escaped.as_str()
    } else {
        summary
    };
    !text.is_empty() && memchr::memmem::find(html.as_bytes(), text.as_bytes()).is_some()
}

/// The source's header fields that `[import] header_fields` names, as `[{name, value}]` in
/// that order: the importer's placeholders for unnamed lines (`field1`) mean nothing to a reader.
fn source_fields(source: &Source, named: &[String]) -> Vec<serde_json::Value> {
    named
        .iter()
        .filter_map(|name| {
            let value = source.fields.get(name)?;
            Some(json!({"name": name, "value": value}))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_named_header_fields_are_shown_in_the_named_order() {
        let source = Source {
            fields: [("field1", "0"), ("desk", "Europe"), ("wire", "AP")]
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
                .into(),
            ..Source::default()
        };
        let named = ["wire".to_owned(), "desk".to_owned(), "missing".to_owned()];
        assert_eq!(
            source_fields(&source, &named),
            [
                json!({"name": "wire", "value": "AP"}),
                json!({"name": "desk", "value": "Europe"})
            ]
        );
        assert!(source_fields(&source, &[]).is_empty());
    }

    #[test]
    fn summary_in_body_finds_the_summary_as_the_body_html_has_it() {
        let html = "<p>Talks resume in Geneva &amp; Vienna on &lt;Monday&gt;.</p>\n";
        assert!(summary_in_body("Talks resume in Geneva & Vienna", html));
        assert!(summary_in_body("on <Monday>.", html));
        assert!(!summary_in_body("Talks resume in Paris", html));
        assert!(!summary_in_body("", html));
    }
}
