//! Articles: `content/articles/**/*.md`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::date::DateValue;

/// An article's front matter, as an editor writes it and as `brief import` produces it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ArticleFrontMatter {
    #[serde(deserialize_with = "super::null_as_blank")]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateValue>,
    /// Set by the importer when `date` was guessed from the text, for the editor to confirm.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateValue>,
    /// Defaults to the body's first paragraph, as plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    /// Who wrote it: people, resolved through profiles as `people` are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<Media>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The story the article belongs to, as `brief check` lists stories: articles naming the
    /// same story are one story, and an article naming one is grouped by it alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Former URLs (`/articles/old-slug/`), which redirect here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Free data for templates, as `article.extra`.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::frontmatter::shape::free_map"
    )]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A photo or video that went with the article. The body places it with `![alt](media:N)`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Media {
    pub caption: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// `AP Photo/Andriy Dubchak`; none for a video.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// `photo`, `video` or `post` (a social post).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// An image URL or site path, if the editor has one; for a video, a YouTube or Vimeo URL;
    /// for a post, its URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    /// The image a video or post is shown with until the reader plays or opens it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<String>,
}

/// Where the article came from.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Header fields of the raw text (`[import] header_fields` names them).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::frontmatter::shape::text_map"
    )]
    pub fields: BTreeMap<String, String>,
    /// Closing lines of the raw text such as `Source link` or `With Post wires`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trailers: Vec<String>,
    /// The raw file the article was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}
