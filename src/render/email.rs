//! A briefing as a newsletter: `/briefings/<slug>/email.html`, the briefing with its notes and
//! article summaries in HTML that mail programs show (tables for layout, every style inlined,
//! no script, absolute URLs), and `email.txt`, its plain-text alternative. Both come from
//! templates a site can override (`email.html`, `email.txt`).

use bytes::Bytes;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use tera::{Context, Value};

use super::cache::Keyed;
use super::documents::Html;
use super::pages::{absolute, absolute_link};
use super::templates::Templates;
use super::views::{extend, map_of};
use super::{Artifact, Produced, RenderEnv};
use crate::content::Text;
use crate::diagnostics::Diagnostic;
use crate::model::BriefingId;
use crate::util::site_links::map_site_links;

/// The two files of a briefing's newsletter.
#[derive(Clone, Copy, Hash)]
pub enum Format {
    Html,
    Text,
}

impl Format {
    pub fn file(self) -> &'static str {
        match self {
            Format::Html => "email.html",
            Format::Text => "email.txt",
        }
    }
}

/// Everything a briefing's newsletter is made from.
#[derive(Hash)]
struct Newsletter<'a> {
    format: Format,
    site: &'a Keyed<Value>,
    base_url: &'a str,
    /// `base_url` without its path: links in the HTML (`/desk/x/`) are under the path already.
    origin: &'a str,
    url: &'a str,
    card: &'a Keyed<Value>,
    intro: &'a Html,
    /// Each item's article card, its note's HTML and the note as written (for the text).
    items: Vec<(&'a Keyed<Value>, Option<&'a Html>, Option<&'a Text>)>,
}

/// The newsletter of briefing `id` in `format`, into the sink at `path`.
pub fn produce(env: &RenderEnv, path: String, id: BriefingId, format: Format) -> Produced {
    let (site, views, documents) = (env.site, env.views, env.documents);
    let briefing = site.briefing(id);
    let items = (briefing.items.iter())
        .zip(&documents.briefing_notes[id.index()])
        .map(|(item, html)| {
            let card = &views.article_cards[item.article.index()];
            (card, html.as_ref(), item.note.as_ref())
        })
        .collect();
    let newsletter = Newsletter {
        format,
        site: &views.site,
        base_url: &site.config.base_url,
        origin: site.config.origin(),
        url: &briefing.url,
        card: &views.briefing_cards[id.index()],
        intro: &documents.briefing_intros[id.index()],
        items,
    };
    let label = format!("{}{}", briefing.url, format.file());
    env.produce(path, &label, &newsletter)
}

impl Artifact for Newsletter<'_> {
    fn template(&self) -> Option<&'static str> {
        Some(self.format.file())
    }

    fn render(&self, templates: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        let templates = templates.ok_or_else(Vec::new)?;
        let text = templates.render(self.format.file(), &self.context())?;
        match self.format {
            Format::Text => Ok(text),
            Format::Html => {
                let html = std::str::from_utf8(&text).expect("Tera renders UTF-8");
                let html = self.absolute_links(html);
                inline_css(&html).map(Bytes::from).map_err(|error| {
                    vec![Diagnostic::error(
                        "template",
                        format!("email.html: cannot inline its CSS: {error}"),
                    )]
                })
            }
        }
    }
}

impl Newsletter<'_> {
    /// A link as the site's HTML and values have it (`/desk/articles/x/`), absolute.
    fn link(&self, link: &str) -> String {
        absolute_link(self.origin, self.base_url, self.url, link)
    }

    fn absolute_links(&self, html: &str) -> String {
        map_site_links(html, &|link| self.link(link))
    }

    fn context(&self) -> Context {
        // Site paths (the briefing's, the home page's, a note's `/…` links) are under the base
        // URL; links in values and HTML are under its path already.
        let absolute = |url: &str| absolute(self.base_url, self.url, url);
        let items: Vec<Value> = self
            .items
            .iter()
            .map(|(card, note, source)| {
                let article = extend(
                    card.value(),
                    [(
                        "permalink",
                        Value::from(
                            self.link(super::pages::field(card.value(), "url").unwrap_or_default()),
                        ),
                    )],
                );
                Value::from(map_of([
                    ("article", Value::from(article)),
                    (
                        "note_html",
                        Value::from(note.map_or("", |n| n.value().html.as_str())),
                    ),
                    (
                        "note_text",
                        Value::from(source.map(|s| plain_text(s.as_str(), &absolute))),
                    ),
                ]))
            })
            .collect();
        let briefing = extend(
            self.card.value(),
            [
                ("intro_html", Value::from(self.intro.value().html.as_str())),
                ("items", Value::from(items)),
            ],
        );
        let mut context = Context::new();
        context.insert_value("site", self.site.value().clone());
        context.insert("permalink", &absolute(self.url));
        context.insert("home_url", &absolute("/"));
        context.insert_value("briefing", Value::from(briefing));
        context
    }
}

/// The HTML with its `<style>` rules moved into `style` attributes, as mail programs need.
fn inline_css(html: &str) -> Result<String, css_inline::InlineError> {
    css_inline::CSSInliner::options()
        .load_remote_stylesheets(false)
        .build()
        .inline(html)
}

/// A note's Markdown as plain text: paragraphs apart, a link's URL after its text.
fn plain_text(markdown: &str, absolute: &dyn Fn(&str) -> String) -> String {
    let mut text = String::new();
    let mut links: Vec<String> = Vec::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                let dest = links.pop().unwrap_or_default();
                if dest.starts_with("http") || dest.starts_with('/') {
                    text.push_str(&format!(" <{}>", absolute(&dest)));
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => text.push_str("\n\n"),
            _ => {}
        }
    }
    text.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_read_as_plain_text_with_absolute_links() {
        let absolute = |url: &str| absolute("https://x.example", "/briefings/b/", url);
        assert_eq!(
            plain_text(
                "Read **this** [story](/articles/a/)\nfirst.\n\nThen [that](https://y.example/).",
                &absolute
            ),
            "Read this story <https://x.example/articles/a/> first.\n\nThen that <https://y.example/>."
        );
    }

    #[test]
    fn site_links_become_absolute_and_styles_inline() {
        let html = r##"<html><head><style>p { color: red; }</style></head><body><p><a href="/a/">A</a> <a href="#top">t</a> <a href="//cdn.example/x">c</a> <img src="/i.png" alt=""></p></body></html>"##;
        let out = map_site_links(html, &|url| {
            absolute("https://x.example", "/briefings/b/", url)
        });
        assert!(out.contains(r#"href="https://x.example/a/""#), "{out}");
        assert!(
            out.contains(r#"href="https://x.example/briefings/b/#top""#),
            "{out}"
        );
        assert!(out.contains(r#"href="//cdn.example/x""#), "{out}");
        assert!(out.contains(r#"src="https://x.example/i.png""#), "{out}");
        let inlined = inline_css(&out).unwrap();
        assert!(inlined.contains(r#"<p style="color: red;">"#), "{inlined}");
        assert!(!inlined.contains("<style>"), "{inlined}");
    }
}
