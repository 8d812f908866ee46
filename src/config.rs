//! `site.toml`: the site's settings, strictly parsed (unknown keys are errors with a position).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, line_column};

pub use crate::inputs::CONFIG_FILE;

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    /// Absolute URL the site is published at, without a trailing slash once loaded.
    pub base_url: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// The preview image of pages that have none of their own (link previews, structured
    /// data): a site path such as `/images/share.png`, or an absolute URL.
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default = "default_output_dir")]
    pub output_dir: PathBuf,
    /// Items per page on paginated lists (topic, person, briefing and article archives).
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// How many articles and briefings the home page lists.
    #[serde(default = "default_home_items")]
    pub home_items: usize,
    /// How many entries each Atom feed holds: the newest ones.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// What entries of topic and person feeds carry; the site's and the briefings' feeds always
    /// carry the whole text.
    #[serde(default)]
    pub entity_feed_content: FeedContent,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub import: ImportConfig,
    #[serde(default)]
    pub stories: StoriesConfig,
    /// Menus by name (`[[menu.main]]`): the default theme shows `main` in the header.
    #[serde(default)]
    pub menu: std::collections::BTreeMap<String, Vec<MenuEntry>>,
    /// Passed to templates as `site.extra`, as written.
    #[serde(default)]
    pub extra: toml::Table,
}

/// One entry of a menu, as written in `site.toml`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct MenuEntry {
    pub name: String,
    /// A site path (`/briefings/`), an absolute URL, or a content file (`@/pages/about.md`).
    pub url: toml::Spanned<String>,
    /// Entries are shown lightest first; equal weights in the order written.
    #[serde(default)]
    pub weight: i64,
    /// The line and column of `url` in `site.toml`, to position problems with it.
    #[serde(skip)]
    pub url_at: (usize, usize),
}

/// How much of an article a feed entry carries.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    /// Title, link, dates and summary: what a reader following a topic or person needs to
    /// decide what to open, at a fraction of the size (a person's feed repeats articles that
    /// are already in many other feeds).
    #[default]
    Summary,
    /// The summary and the article's whole HTML.
    Full,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    pub smart_punctuation: bool,
    pub footnotes: bool,
    pub tables: bool,
    pub strikethrough: bool,
    pub heading_anchors: bool,
    /// A syntect theme name; its stylesheet is written to `/highlight.css`.
    pub highlight_theme: String,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            smart_punctuation: true,
            footnotes: true,
            tables: true,
            strikethrough: true,
            heading_anchors: true,
            highlight_theme: "InspiredGitHub".to_owned(),
        }
    }
}

impl MarkdownConfig {
    pub fn options(&self) -> crate::markdown::MarkdownOptions {
        crate::markdown::MarkdownOptions {
            smart_punctuation: self.smart_punctuation,
            footnotes: self.footnotes,
            tables: self.tables,
            strikethrough: self.strikethrough,
            heading_anchors: self.heading_anchors,
        }
    }
}

/// Settings of `brief import`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct ImportConfig {
    /// Names for the header lines between the title and its repeat, in order.
    pub header_fields: Vec<String>,
    /// Lines that close a scraped article and are kept in `source`, not in the body.
    pub trailers: Vec<String>,
}

impl Default for ImportConfig {
    fn default() -> Self {
        ImportConfig {
            header_fields: Vec::new(),
            trailers: ["Source link", "With Post wires", "With wire services"]
                .map(str::to_owned)
                .to_vec(),
        }
    }
}

/// How articles are grouped into stories (`model::stories`).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct StoriesConfig {
    /// Two articles are one story only when their dates are at most this many days apart.
    pub window_days: u32,
    /// How much of the shorter article's words the longer must share (0 to 1) for the two to
    /// be one story.
    pub threshold: f64,
}

impl Default for StoriesConfig {
    fn default() -> Self {
        StoriesConfig {
            window_days: 2,
            threshold: 0.46,
        }
    }
}

fn default_language() -> String {
    "en".to_owned()
}
fn default_output_dir() -> PathBuf {
    PathBuf::from("public")
}
fn default_paginate_by() -> usize {
    20
}
fn default_home_items() -> usize {
    10
}
fn default_feed_limit() -> usize {
    20
}

/// Command-line or environment overrides of the file's settings.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
    pub output_dir: Option<PathBuf>,
}

impl Config {
    /// Read `site.toml` in `root`. Errors carry the file, line and column.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(|error| {
            Diagnostic::error("config", format!("cannot read {CONFIG_FILE}: {error}"))
                .in_file(CONFIG_FILE)
        })?;
        let text = crate::diagnostics::decode_utf8(&bytes)
            .map_err(|diagnostic| diagnostic.in_file(CONFIG_FILE))?;
        let mut config = Config::parse(text)?;
        if let Some(base_url) = &overrides.base_url {
            crate::util::urls::check_base_url(base_url).map_err(|reason| {
                Diagnostic::error(
                    "config",
                    format!("the base URL `{base_url}` given by --base-url or BRIEF_BASE_URL is refused: {reason}"),
                )
            })?;
            config.base_url = base_url.clone();
        }
        if let Some(output_dir) = &overrides.output_dir {
            config.output_dir = output_dir.clone();
        }
        config.base_url = config.base_url.trim_end_matches('/').to_owned();
        Ok(config)
    }

    /// Parse the text of a `site.toml`; diagnostics name `site.toml`.
    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let mut config: Config = toml::from_str(text).map_err(|error| {
            let (line, column) = error
                .span()
                .map_or((0, 0), |span| line_column(text, span.start));
            Diagnostic::error(
                "config",
                crate::util::suggest::serde_message(error.message().trim()),
            )
            .in_file(CONFIG_FILE)
            .at(line, column)
        })?;
        for entry in config.menu.values_mut().flatten() {
            entry.url_at = line_column(text, entry.url.span().start);
        }
        let refuse = |key: &str, message: String| {
            let (line, column) = value_position_in(text, key);
            Err(Diagnostic::error("config", message)
                .in_file(CONFIG_FILE)
                .at(line, column))
        };
        if config.paginate_by == 0 {
            return refuse("paginate_by", "`paginate_by` must be at least 1".into());
        }
        if let Err(reason) = crate::util::urls::check_base_url(&config.base_url) {
            return refuse(
                "base_url",
                format!("`base_url` `{}` is refused: {reason}", config.base_url),
            );
        }
        if !(0.0..=1.0).contains(&config.stories.threshold) {
            return refuse(
                "threshold",
                "`[stories] threshold` must be between 0 and 1".into(),
            );
        }
        let theme = &config.markdown.highlight_theme;
        let themes = crate::highlight::theme_names();
        if !themes.contains(&theme.as_str()) {
            return refuse(
                "highlight_theme",
                format!(
                    "unknown highlight theme `{theme}`; known themes: {}",
                    themes.join(", ")
                ),
            );
        }
        for stylesheet in config.stylesheets() {
            if let Err(reason) = crate::util::urls::check_link(stylesheet) {
                return refuse(
                    "stylesheets",
                    format!("the stylesheet URL `{stylesheet}` is refused: {reason}"),
                );
            }
        }
        Ok(config)
    }

    /// `extra.stylesheets`: URLs the default theme links from every page.
    fn stylesheets(&self) -> impl Iterator<Item = &str> {
        let listed = self
            .extra
            .get("stylesheets")
            .and_then(toml::Value::as_array);
        listed.into_iter().flatten().filter_map(toml::Value::as_str)
    }

    /// The absolute URL of a site path such as `/articles/x/`.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// The path of `base_url`, without its trailing slash: `/desk` for
    /// `https://org.github.io/desk/`, "" at a domain's root. Every URL the site writes starts
    /// with it, so the site works wherever it is published.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.find("://").map_or(0, |at| at + 3);
        let path = self.base_url[after_scheme..]
            .find('/')
            .map_or("", |at| &self.base_url[after_scheme + at..]);
        path.trim_end_matches('/')
    }

    /// `base_url` without its path: `https://org.github.io`.
    pub fn origin(&self) -> &str {
        let base_url = self.base_url.trim_end_matches('/');
        &base_url[..base_url.len() - self.base_path().len()]
    }
}

/// Where the value of a top-level `key = value` of `root`'s `site.toml` is written, as a 1-based
/// line and column; (0, 0) when the file or the key is not there.
pub fn value_position(root: &Path, key: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    value_position_in(&text, key)
}

/// Where the value of `key = value` is written in the text of a `site.toml` (see
/// [`value_position`]): the first line that sets `key`, in any table.
fn value_position_in(text: &str, key: &str) -> (usize, usize) {
    match locate_key(text, key) {
        0 => (0, 0),
        line => {
            let written = text.lines().nth(line - 1).unwrap_or_default();
            let value = written.split_once('=').map_or("", |(_, value)| value);
            let column = written.len() - value.trim_start().len();
            (line, written[..column].chars().count() + 1)
        }
    }
}

/// The line where a top-level `key =` is written, or 0.
pub fn locate_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(0, |index| index + 1)
}

/// The site root: `explicit`, or the nearest folder upward from `start` that holds `site.toml`.
pub fn find_root(explicit: Option<&Path>, start: &Path) -> Result<PathBuf, Diagnostic> {
    if let Some(root) = explicit {
        return if root.join(CONFIG_FILE).is_file() {
            Ok(root.to_path_buf())
        } else {
            Err(Diagnostic::error(
                "config",
                format!("no {CONFIG_FILE} in {}", root.display()),
            ))
        };
    }
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            Diagnostic::error(
                "config",
                format!(
                    "no {CONFIG_FILE} in {} or any folder above it (use --root, or `brief init`)",
                    start.display()
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title = \"T\"\nbase_url = \"https://example.org/\"\n";

    #[test]
    fn defaults_apply() {
        let config = Config::parse(MINIMAL).unwrap();
        assert_eq!(config.output_dir, PathBuf::from("public"));
        assert_eq!(config.paginate_by, 20);
        assert_eq!(config.language, "en");
        assert!(config.markdown.smart_punctuation);
    }

    #[test]
    fn unknown_key_is_an_error_with_position() {
        let text = format!("{MINIMAL}colour = \"red\"\n");
        let error = Config::parse(&text).unwrap_err();
        assert_eq!((error.line, error.column), (3, 1));
        assert!(error.message.contains("colour"), "{}", error.message);
        assert_eq!(error.file.as_deref(), Some(Path::new("site.toml")));
    }

    #[test]
    fn unknown_key_in_a_table_is_an_error() {
        let text = format!("{MINIMAL}[markdown]\nsmart = true\n");
        let error = Config::parse(&text).unwrap_err();
        assert_eq!(error.line, 4);
        assert!(error.message.contains("smart"));
    }

    #[test]
    fn overrides_win_and_trailing_slash_goes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), MINIMAL).unwrap();
        let config = Config::load(
            dir.path(),
            &Overrides {
                base_url: Some("https://news.example/".into()),
                output_dir: Some("out".into()),
            },
        )
        .unwrap();
        assert_eq!(config.base_url, "https://news.example");
        assert_eq!(config.output_dir, PathBuf::from("out"));
        assert_eq!(config.permalink("/a/"), "https://news.example/a/");
    }

    #[test]
    fn base_path_is_the_path_of_base_url() {
        let with = |base_url: &str| {
            let mut config = Config::parse(MINIMAL).unwrap();
            config.base_url = base_url.to_owned();
            (config.base_path().to_owned(), config.origin().to_owned())
        };
        let pair = |path: &str, origin: &str| (path.to_owned(), origin.to_owned());
        assert_eq!(with("https://example.org"), pair("", "https://example.org"));
        assert_eq!(
            with("https://org.github.io/desk"),
            pair("/desk", "https://org.github.io")
        );
        assert_eq!(
            with("http://localhost:8000/a/b/"),
            pair("/a/b", "http://localhost:8000")
        );
    }

    #[test]
    fn base_url_must_be_an_absolute_http_url_at_its_position() {
        for bad in [
            "/",
            "example.org",
            "https://x.example/\\\"><script>",
            "javascript:alert(1)",
        ] {
            let text = format!("title = \"T\"\nbase_url = \"{bad}\"\n");
            let error = Config::parse(&text).unwrap_err();
            assert_eq!((error.line, error.column), (2, 12), "{bad}: {error}");
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), MINIMAL).unwrap();
        let overridden = Overrides {
            base_url: Some("https://x.example/\"onload=\"".into()),
            output_dir: None,
        };
        let error = Config::load(dir.path(), &overridden).unwrap_err();
        assert!(error.message.contains("--base-url"), "{error}");
    }

    #[test]
    fn stylesheet_urls_pass_the_url_gate() {
        let text =
            format!("{MINIMAL}[extra]\nstylesheets = [\"/a.css\", \"javascript:alert(1)\"]\n");
        let error = Config::parse(&text).unwrap_err();
        assert_eq!((error.line, error.column), (4, 15), "{error}");
        assert!(Config::parse(&format!("{MINIMAL}[extra]\nstylesheets = [\"/a.css\"]\n")).is_ok());
    }

    #[test]
    fn an_unknown_highlight_theme_is_an_error_at_the_setting() {
        let text = format!("{MINIMAL}[markdown]\nhighlight_theme = \"Nope\"\n");
        let error = Config::parse(&text).unwrap_err();
        assert_eq!(
            (error.line, error.column, error.file.as_deref()),
            (4, 19, Some(Path::new(CONFIG_FILE)))
        );
        assert!(error.message.contains("InspiredGitHub"), "{error}");
    }

    #[test]
    fn a_site_toml_that_is_not_utf8_is_an_error_at_the_byte() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            b"title = \"T\"\ndescription = \"caf\xe9\"\n",
        )
        .unwrap();
        let error = Config::load(dir.path(), &Overrides::default()).unwrap_err();
        assert_eq!((error.line, error.column), (2, 19), "{error}");
        assert_eq!(error.file.as_deref(), Some(Path::new(CONFIG_FILE)));
    }

    #[test]
    fn stories_settings_have_defaults_and_bounds() {
        let config = Config::parse(MINIMAL).unwrap();
        assert_eq!(config.stories, StoriesConfig::default());
        let text = format!("{MINIMAL}[stories]\nwindow_days = 5\nthreshold = 0.6\n");
        let config = Config::parse(&text).unwrap();
        assert_eq!(config.stories.window_days, 5);
        let error = Config::parse(&format!("{MINIMAL}[stories]\nthreshold = 1.5\n")).unwrap_err();
        assert_eq!(error.line, 4);
    }

    #[test]
    fn zero_pagination_is_refused() {
        let error = Config::parse(&format!("{MINIMAL}paginate_by = 0\n")).unwrap_err();
        assert_eq!(error.line, 3);
    }
}
