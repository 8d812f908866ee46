//! What a page tells search engines and link previews besides its title and description: its
//! Open Graph type and image, the `article:*` properties, and its structured data (schema.org
//! JSON-LD). Each page makes its [`Meta`] in its `context()`, from its input alone.

use serde_json::{Value as Json, json};
use tera::Value;

use super::Frame;
use crate::content::Media;
use crate::render::views::map_of;

/// How many entries an `ItemList` names: a list page of 2,000 people need not repeat them all
/// in its structured data (`numberOfItems` still says how many there are).
const LIST_ITEMS: usize = 100;

/// The theme's square logo, the publisher's logo in structured data.
const LOGO: &str = "/icon-512.png";

/// A page's metadata for link previews and search engines.
#[derive(Default)]
pub(super) struct Meta {
    /// `article` for articles and briefings; `website` otherwise.
    pub og_type: &'static str,
    pub image: Option<Image>,
    pub published: Option<String>,
    pub modified: Option<String>,
    /// The first topic, for `article:section`.
    pub section: Option<String>,
    /// Topics and people, for `article:tag`.
    pub tags: Vec<String>,
    /// Who the article is by: its source's publication, for `article:author`.
    pub author: Option<String>,
    /// The schema.org items, each with its `@type`.
    pub items: Vec<Json>,
}

/// A preview image: an absolute URL and what it shows.
pub(super) struct Image {
    pub url: String,
    pub alt: String,
}

impl Meta {
    pub(super) fn website(items: Vec<Json>) -> Meta {
        Meta {
            og_type: "website",
            items,
            ..Meta::default()
        }
    }

    /// The template's `meta` value; the JSON-LD is a string safe inside `<script>`.
    pub(super) fn value(self, frame: &Frame) -> Value {
        let image = self.image.or_else(|| frame.site_image());
        let mut items = self.items;
        for item in &mut items {
            item["@context"] = json!("https://schema.org");
        }
        let json_ld = match items.len() {
            0 => String::new(),
            1 => script_json(&items[0]),
            _ => script_json(&Json::Array(items)),
        };
        Value::from(map_of([
            ("og_type", Value::from(self.og_type)),
            ("locale", Value::from(og_locale(frame.language()))),
            (
                "twitter_card",
                Value::from(if image.is_some() {
                    "summary_large_image"
                } else {
                    "summary"
                }),
            ),
            ("image", Value::from(image.as_ref().map(|i| i.url.as_str()))),
            (
                "image_alt",
                Value::from(image.as_ref().map(|i| i.alt.as_str())),
            ),
            ("published_time", Value::from(self.published)),
            ("modified_time", Value::from(self.modified)),
            ("section", Value::from(self.section)),
            ("tags", Value::from(self.tags)),
            ("author", Value::from(self.author)),
            ("json_ld", Value::safe_string(&json_ld)),
        ]))
    }
}

/// JSON that can stand inside `<script>`: no `<` that could close it or open a comment.
fn script_json(value: &Json) -> String {
    value.to_string().replace('<', "\\u003c")
}

/// `og:locale` (`en_US`) from the site's language (`en`, `en-GB`): a bare language gets the
/// territory most of its readers are in.
fn og_locale(language: &str) -> String {
    let mut parts = language.split(['-', '_']);
    let lang = parts.next().unwrap_or("en").to_lowercase();
    if let Some(region) = parts.next() {
        return format!("{lang}_{}", region.to_uppercase());
    }
    let region = match lang.as_str() {
        "en" => "US",
        "ja" => "JP",
        "zh" => "CN",
        "ko" => "KR",
        "sv" => "SE",
        "da" => "DK",
        "uk" => "UA",
        "el" => "GR",
        "cs" => "CZ",
        "he" => "IL",
        "ar" => "AR",
        "nb" | "nn" => "NO",
        other => return format!("{other}_{}", other.to_uppercase()),
    };
    format!("{lang}_{region}")
}

/// `url` as an absolute URL: site paths get the base URL, `http(s)` URLs stay, and relative
/// paths are taken from the page's folder.
pub(crate) fn absolute(base_url: &str, page_url: &str, url: &str) -> String {
    if url.starts_with("http://") || url.starts_with("https://") {
        url.to_owned()
    } else if url.starts_with('/') {
        format!("{base_url}{url}")
    } else {
        let folder = &page_url[..page_url.rfind('/').map_or(0, |at| at + 1)];
        format!("{base_url}{folder}{url}")
    }
}

/// A link as pages write it (`/desk/articles/x/`, under the base path already) as an absolute
/// URL: a root-relative link gets the origin; others are taken as [`absolute`] takes them.
pub(crate) fn absolute_link(origin: &str, base_url: &str, page_url: &str, link: &str) -> String {
    if link.starts_with('/') && !link.starts_with("//") {
        format!("{origin}{link}")
    } else {
        absolute(base_url, page_url, link)
    }
}

impl Frame<'_> {
    /// A site path (`/articles/x/`) or an editor's URL as an absolute one.
    pub(super) fn absolute(&self, url: &str) -> String {
        absolute(self.base_url, self.url, url)
    }

    /// A link from a template value (a card's `url`) as an absolute URL.
    pub(super) fn absolute_link(&self, link: &str) -> String {
        absolute_link(self.origin, self.base_url, self.url, link)
    }

    /// The preview image of the first medium with an image (a video's or post's thumbnail).
    pub(super) fn media_image(&self, media: &[Media]) -> Option<Image> {
        let (medium, src) = media
            .iter()
            .find_map(|m| Some((m, crate::render::embeds::image_of(m)?)))?;
        Some(Image {
            url: self.absolute(src),
            alt: medium.alt.clone().unwrap_or_else(|| medium.caption.clone()),
        })
    }

    fn site_image(&self) -> Option<Image> {
        Some(Image {
            url: self.absolute(self.site_image?),
            alt: self.site_title.to_owned(),
        })
    }

    pub(super) fn language(&self) -> &str {
        self.language
    }

    /// The site's publisher: an organisation with the site's name and logo.
    pub(super) fn publisher(&self) -> Json {
        json!({
            "@type": "Organization",
            "name": self.site_title,
            "url": self.absolute("/"),
            "logo": {"@type": "ImageObject", "url": self.absolute(LOGO)},
        })
    }

    /// The `BreadcrumbList` from the home page down to this page, through `trail`
    /// (name and URL of each level between).
    pub(super) fn breadcrumbs(&self, trail: &[(&str, &str)]) -> Json {
        let home = self.site_title;
        let levels = std::iter::once((home, "/"))
            .chain(trail.iter().copied())
            .chain([(&*self.title, self.url)]);
        let elements: Vec<Json> = levels
            .enumerate()
            .map(|(at, (name, url))| {
                json!({
                    "@type": "ListItem",
                    "position": at + 1,
                    "name": name,
                    "item": self.absolute(url),
                })
            })
            .collect();
        json!({"@type": "BreadcrumbList", "itemListElement": elements})
    }

    /// A `CollectionPage` of `cards` (values with `title` or `name`, and `url`), of `total` in
    /// all.
    pub(super) fn collection<'v>(
        &self,
        cards: impl Iterator<Item = &'v Value>,
        total: usize,
    ) -> Json {
        let elements: Vec<Json> = cards
            .take(LIST_ITEMS)
            .enumerate()
            .map(|(at, card)| {
                let name = field(card, "title").or_else(|| field(card, "name"));
                json!({
                    "@type": "ListItem",
                    "position": at + 1,
                    "url": self.absolute_link(field(card, "url").unwrap_or_default()),
                    "name": name,
                })
            })
            .collect();
        json!({
            "@type": "CollectionPage",
            "name": self.title,
            "description": self.description,
            "url": self.absolute(self.url),
            "inLanguage": self.language(),
            "isPartOf": {"@type": "WebSite", "name": self.site_title, "url": self.absolute("/")},
            "mainEntity": {
                "@type": "ItemList",
                "numberOfItems": total,
                "itemListElement": elements,
            },
        })
    }
}

/// `value` without its null fields, empty texts and empty lists (what a page does not have).
pub(super) fn without_nulls(mut value: Json) -> Json {
    if let Json::Object(map) = &mut value {
        map.retain(|_, v| {
            !(v.is_null()
                || v.as_array().is_some_and(Vec::is_empty)
                || v.as_str().is_some_and(str::is_empty))
        });
    }
    value
}

/// A string field of a template value (a card, the site).
pub(crate) fn field<'v>(value: &'v Value, name: &'static str) -> Option<&'v str> {
    value
        .as_map()?
        .get(&name.into())?
        .as_str()
        .filter(|text| !text.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_made_absolute_from_the_base_and_the_page() {
        let base = "https://x.example";
        assert_eq!(absolute(base, "/a/b/", "/i.png"), "https://x.example/i.png");
        assert_eq!(
            absolute(base, "/a/b/", "i.png"),
            "https://x.example/a/b/i.png"
        );
        assert_eq!(absolute(base, "/a/b/", "https://cdn/i"), "https://cdn/i");
    }

    #[test]
    fn links_under_a_base_path_get_the_origin() {
        let (origin, base) = ("https://x.example", "https://x.example/desk");
        assert_eq!(
            absolute_link(origin, base, "/a/", "/desk/b/"),
            "https://x.example/desk/b/"
        );
        assert_eq!(absolute(base, "/a/", "/b/"), "https://x.example/desk/b/");
    }

    #[test]
    fn locales_have_a_territory() {
        assert_eq!(og_locale("en"), "en_US");
        assert_eq!(og_locale("en-GB"), "en_GB");
        assert_eq!(og_locale("fr"), "fr_FR");
        assert_eq!(og_locale("pt_br"), "pt_BR");
    }

    #[test]
    fn script_json_cannot_close_its_script() {
        let text = script_json(&json!({"a": "</script><!--"}));
        assert!(!text.contains('<'), "{text}");
        let back: Json = serde_json::from_str(&text).unwrap();
        assert_eq!(back["a"], "</script><!--");
    }
}
