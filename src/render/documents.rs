//! Markdown of every document rendered once, in parallel, with links resolved through the site.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::content::Media;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, MarkdownOptions, Rendered, Resolver};
use crate::model::{EntityKind, Site};

/// Rendered bodies, index for index with the site's lists.
pub struct RenderedDocuments {
    pub articles: Vec<Rendered>,
    pub briefing_intros: Vec<Rendered>,
    /// For each briefing, each item's note.
    pub briefing_notes: Vec<Vec<Option<Rendered>>>,
    pub people: Vec<Option<Rendered>>,
    pub topics: Vec<Option<Rendered>>,
}

/// `content/`-relative file path → URL, for `@/` links.
pub fn content_urls(site: &Site) -> HashMap<String, String> {
    let mut urls = HashMap::new();
    for article in &site.articles {
        urls.insert(article.doc.content_path.clone(), article.url.clone());
    }
    for briefing in &site.briefings {
        urls.insert(briefing.doc.content_path.clone(), briefing.url.clone());
    }
    for entity in site.people.iter().chain(&site.topics) {
        if let Some(profile) = &entity.profile {
            urls.insert(profile.content_path.clone(), entity.url.clone());
        }
    }
    urls
}

struct DocumentResolver<'a> {
    urls: &'a HashMap<String, String>,
    media: &'a [Media],
}

impl Resolver for DocumentResolver<'_> {
    fn content_link(&self, path: &str) -> Option<String> {
        self.urls.get(path).cloned()
    }

    fn figure(&self, index: usize) -> Option<String> {
        let media = self.media.get(index.checked_sub(1)?)?;
        Some(figure_html(media, index))
    }
}

/// The `<figure>` of one media entry: image if it has a source, caption, credit.
pub fn figure_html(media: &Media, index: usize) -> String {
    let kind = media.kind.as_deref().unwrap_or("photo");
    let mut html = format!(
        "<figure class=\"media media-{}\" id=\"media-{index}\">",
        escape(kind)
    );
    if let Some(src) = &media.src {
        html.push_str(&format!(
            "<img src=\"{}\" alt=\"{}\" loading=\"lazy\">",
            escape(src),
            // The figcaption shows the caption: an alt repeating it would be read twice.
            escape(media.alt.as_deref().unwrap_or_default())
        ));
    }
    html.push_str(&format!(
        "<figcaption><span class=\"caption\">{}</span>",
        escape(&media.caption)
    ));
    if let Some(credit) = &media.credit {
        html.push_str(&format!(
            " <span class=\"credit\">{}</span>",
            escape(credit)
        ));
    }
    html.push_str("</figcaption></figure>");
    html
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Render one Markdown text of `file` whose first line is `first_line`; unresolved links
/// become diagnostics positioned in the file.
fn render_one(
    text: &str,
    options: &MarkdownOptions,
    resolver: &DocumentResolver<'_>,
    file: &std::path::Path,
    first_line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Rendered {
    let rendered = markdown::render(text, options, resolver);
    for link in &rendered.unresolved {
        diagnostics.push(
            Diagnostic::error(
                "broken-link",
                format!("`{}` does not name a page of the site", link.dest),
            )
            .in_file(file)
            .at(first_line + link.line - 1, link.column),
        );
    }
    rendered
}

pub fn render_documents(site: &Site) -> (RenderedDocuments, Diagnostics) {
    let options = site.config.markdown.options();
    let urls = content_urls(site);
    let no_media: &[Media] = &[];

    let (articles, article_problems): (Vec<Rendered>, Vec<Vec<Diagnostic>>) = site
        .articles
        .par_iter()
        .map(|article| {
            let resolver = DocumentResolver {
                urls: &urls,
                media: &article.doc.front.media,
            };
            let mut problems = Vec::new();
            let rendered = render_one(
                &article.doc.body,
                &options,
                &resolver,
                &article.doc.path,
                article.doc.body_line,
                &mut problems,
            );
            (rendered, problems)
        })
        .unzip();

    let resolver = DocumentResolver {
        urls: &urls,
        media: no_media,
    };
    let mut problems: Vec<Diagnostic> = article_problems.into_iter().flatten().collect();
    let briefing_intros = site
        .briefings
        .iter()
        .map(|briefing| {
            render_one(
                &briefing.doc.body,
                &options,
                &resolver,
                &briefing.doc.path,
                briefing.doc.body_line,
                &mut problems,
            )
        })
        .collect();
    let briefing_notes = site
        .briefings
        .iter()
        .map(|briefing| {
            briefing
                .items
                .iter()
                .map(|item| {
                    let note = item.note.as_deref()?;
                    // Notes live in front matter: render as if the note were a file of its own,
                    // then move each position to where the note is written in the briefing.
                    let slug = &site.articles[item.article].doc.slug;
                    let mut note_problems = Vec::new();
                    let rendered = render_one(
                        note,
                        &options,
                        &resolver,
                        &briefing.doc.path,
                        1,
                        &mut note_problems,
                    );
                    problems.extend(note_problems.into_iter().map(|d| {
                        let (line, column) = super::links::note_position(
                            &briefing.doc,
                            slug,
                            note,
                            d.line,
                            d.column,
                        );
                        d.at(line, column)
                    }));
                    Some(rendered)
                })
                .collect()
        })
        .collect();
    let mut profiles = |kind: EntityKind| -> Vec<Option<Rendered>> {
        site.entities(kind)
            .iter()
            .map(|entity| {
                let profile = entity.profile.as_ref()?;
                Some(render_one(
                    &profile.body,
                    &options,
                    &resolver,
                    &profile.path,
                    profile.body_line,
                    &mut problems,
                ))
            })
            .collect()
    };
    let people = profiles(EntityKind::Person);
    let topics = profiles(EntityKind::Topic);
    (
        RenderedDocuments {
            articles,
            briefing_intros,
            briefing_notes,
            people,
            topics,
        },
        problems.into_iter().collect(),
    )
}
