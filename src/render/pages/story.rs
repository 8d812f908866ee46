//! What pages show of an article's story: the other sources that reported it.

use serde::Serialize;

use crate::model::{ArticleId, Site};
use crate::util::href::Href;

/// Another article of the same story, as the article page's "Also reported by" lists it.
#[derive(Serialize, Hash)]
pub(super) struct OtherSource<'a> {
    title: &'a str,
    url: Href<'a>,
    /// The outlet (`source.name`), if the article names one.
    source: Option<&'a str>,
    date: Option<String>,
    date_display: Option<String>,
    /// Whether it is the story's lead, the article lists show for the story.
    lead: bool,
}

/// The other articles of `id`'s story, newest first; none when it is in no story.
pub(super) fn other_sources(site: &Site, id: ArticleId) -> Vec<OtherSource<'_>> {
    let Some(story) = site.article(id).story.map(|story| site.story(story)) else {
        return Vec::new();
    };
    story
        .members
        .iter()
        .filter(|&&member| member != id)
        .map(|&member| {
            let article = site.article(member);
            let front = &article.doc.front;
            OtherSource {
                title: &front.title,
                url: Href::new(site.config.base_path(), &article.url),
                source: front.source.as_ref().and_then(|s| s.name.as_deref()),
                date: front.date.as_ref().map(|d| d.iso_date()),
                date_display: front.date.as_ref().map(|d| d.display()),
                lead: member == story.lead,
            }
        })
        .collect()
}
