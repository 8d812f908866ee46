//! Links under the site's base path. A site path (`/articles/x/`) says where a file is in the
//! output folder; the link to it starts with the path of `base_url` (`/desk/articles/x/` for a
//! site published at `https://org.github.io/desk/`), so a site works at a domain's root and
//! under a sub-path alike.

use std::borrow::Cow;
use std::fmt;

use serde::{Serialize, Serializer};

/// A site path as pages link it: `base_path` (`/desk`, or "" at a domain's root), then the path.
#[derive(Debug, Clone, Copy, Hash, PartialEq, Eq)]
pub struct Href<'a> {
    base_path: &'a str,
    path: &'a str,
}

impl<'a> Href<'a> {
    pub fn new(base_path: &'a str, path: &'a str) -> Href<'a> {
        Href { base_path, path }
    }

    /// The site path, without the base path.
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// The link to another site path under the same base path.
    pub fn to(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }
}

impl fmt::Display for Href<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.base_path)?;
        f.write_str(self.path)
    }
}

impl Serialize for Href<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.base_path.is_empty() {
            serializer.serialize_str(self.path)
        } else {
            serializer.serialize_str(&self.to_string())
        }
    }
}

/// A URL as written by an author or a template, as the site links it: a root-relative URL
/// (`/images/a.jpg`) gets the base path; relative URLs, fragments, `//host` URLs and URLs with
/// a scheme stay as they are.
pub fn link<'u>(base_path: &str, url: &'u str) -> Cow<'u, str> {
    if base_path.is_empty() || !is_root_relative(url) {
        Cow::Borrowed(url)
    } else {
        Cow::Owned(format!("{base_path}{url}"))
    }
}

/// Whether `url` starts at the root of its host: `/x`, not `//host/x`.
pub fn is_root_relative(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

/// Whether `url` names its scheme (`https:`, `mailto:`) or its host (`//host/`).
pub fn has_scheme_or_host(url: &str) -> bool {
    url.starts_with("//") || super::urls::scheme(url).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_href_is_the_base_path_then_the_site_path() {
        let href = Href::new("/desk", "/articles/x/");
        assert_eq!(href.to_string(), "/desk/articles/x/");
        assert_eq!(href.path(), "/articles/x/");
        assert_eq!(href.to("/atom.xml"), "/desk/atom.xml");
        assert_eq!(
            serde_json::to_string(&href).unwrap(),
            "\"/desk/articles/x/\""
        );
        assert_eq!(
            serde_json::to_string(&Href::new("", "/a/")).unwrap(),
            "\"/a/\""
        );
    }

    #[test]
    fn only_root_relative_links_get_the_base_path() {
        assert_eq!(link("/desk", "/images/a.jpg"), "/desk/images/a.jpg");
        assert_eq!(link("", "/images/a.jpg"), "/images/a.jpg");
        for unchanged in [
            "images/a.jpg",
            "../b/",
            "#part",
            "//cdn.example/a.css",
            "https://example.org/",
            "mailto:a@example.org",
            "",
        ] {
            assert_eq!(link("/desk", unchanged), unchanged);
        }
    }

    #[test]
    fn schemes_and_hosts() {
        assert!(has_scheme_or_host("https://a.example/"));
        assert!(has_scheme_or_host("mailto:x@a.example"));
        assert!(has_scheme_or_host("//a.example/"));
        assert!(!has_scheme_or_host("/a/b"));
        assert!(!has_scheme_or_host("a/b:c"));
        assert!(!has_scheme_or_host("1x:y"));
    }
}
