//! Pages: `content/pages/**/*.md`, such as About or Contact, each at `/<slug>/`.

use serde::{Deserialize, Serialize};

use super::date::DateValue;

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    #[serde(deserialize_with = "super::null_as_blank")]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// For `<meta name="description">`; default: the body's first paragraph.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// When the page was last changed, for the sitemap; a page is never embargoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateValue>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Former URLs, which redirect here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "std::collections::BTreeMap::is_empty",
        deserialize_with = "super::frontmatter::shape::free_map"
    )]
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
}
