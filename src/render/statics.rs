//! Files published as they are: the site's `static/` files, the default theme's, and the two
//! made from settings (`robots.txt`, the code highlighting stylesheet) unless the site has its
//! own.

use std::path::PathBuf;

use bytes::Bytes;

use super::sitemap::Robots;
use super::templates::{Templates, theme};
use super::{Artifact, Failure, Produced, RenderEnv};
use crate::config::CONFIG_FILE;
use crate::diagnostics::Diagnostic;

/// One file published from `static/`, the theme, or the settings.
pub(super) enum StaticFile {
    /// A file of the site's `static/` folder (its path relative to the site root).
    Site(PathBuf),
    Theme(&'static [u8]),
    Robots,
    Highlight,
    Manifest,
}

impl StaticFile {
    /// The files every site has unless its `static/` replaces them, by output path.
    pub(super) fn defaults() -> Vec<(String, StaticFile)> {
        let theme = theme::STATIC
            .iter()
            .map(|(path, bytes)| ((*path).to_owned(), StaticFile::Theme(bytes)));
        theme
            .chain([
                ("highlight.css".to_owned(), StaticFile::Highlight),
                ("robots.txt".to_owned(), StaticFile::Robots),
                (MANIFEST.to_owned(), StaticFile::Manifest),
            ])
            .collect()
    }

    pub(super) fn produce(&self, env: &RenderEnv, path: String) -> Produced {
        let label = path.clone();
        match self {
            StaticFile::Site(file) => {
                let bytes = std::fs::read(env.root.join(file)).map_err(|error| {
                    Failure::Problems(vec![
                        Diagnostic::error("io", format!("cannot read the static file: {error}"))
                            .in_file(file),
                    ])
                })?;
                publish(env, path, Bytes::from(bytes))
            }
            StaticFile::Theme(bytes) => publish(env, path, Bytes::from_static(bytes)),
            StaticFile::Robots => env.produce(
                path,
                &label,
                &Robots {
                    base_url: &env.site.config.base_url,
                },
            ),
            StaticFile::Manifest => {
                let config = &env.site.config;
                let manifest = Manifest {
                    base_path: config.base_path(),
                    title: &config.title,
                    description: &config.description,
                    language: &config.language,
                };
                env.produce(path, &label, &manifest)
            }
            StaticFile::Highlight => env.produce(
                path,
                &label,
                &Highlight {
                    theme: &env.site.config.markdown.highlight_theme,
                },
            ),
        }
    }
}

/// The web app manifest's path: what a phone shows for the site added to its home screen.
pub(crate) const MANIFEST: &str = "site.webmanifest";

/// The colour of the theme's header strip, for the browser's own bars (`theme-color`).
const THEME_COLOR: &str = "#a8241a";
/// The theme's page background.
const BACKGROUND_COLOR: &str = "#fcfbf8";

/// `/site.webmanifest`: the site's name, colours and the theme's icons.
#[derive(Hash)]
struct Manifest<'a> {
    /// The path of `base_url` (`/desk`, or ""), which every URL of the manifest starts with.
    base_path: &'a str,
    title: &'a str,
    description: &'a str,
    language: &'a str,
}

impl Artifact for Manifest<'_> {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        let base = self.base_path;
        let icon = |src: &str, size: &str, kind: &str| serde_json::json!({"src": format!("{base}{src}"), "sizes": size, "type": kind});
        let manifest = serde_json::json!({
            "name": self.title,
            "short_name": self.title,
            "description": self.description,
            "lang": self.language,
            "start_url": format!("{base}/"),
            "scope": format!("{base}/"),
            "display": "minimal-ui",
            "theme_color": THEME_COLOR,
            "background_color": BACKGROUND_COLOR,
            "icons": [
                icon("/icon-192.png", "192x192", "image/png"),
                icon("/icon-512.png", "512x512", "image/png"),
                icon("/favicon.svg", "any", "image/svg+xml"),
            ],
        });
        let text = serde_json::to_string_pretty(&manifest).expect("a manifest always serialises");
        Ok(Bytes::from(text + "\n"))
    }
}

/// A static file at `path`: stylesheets and scripts minified (unless their name says they are
/// already, `*.min.css`), the rest as it is.
fn publish(env: &RenderEnv, path: String, bytes: Bytes) -> Produced {
    let label = path.clone();
    let kind = match path.rsplit_once('.') {
        _ if path.contains(".min.") => None,
        Some((_, "css")) => Some(Code::Css),
        Some((_, "js" | "mjs")) => Some(Code::Js),
        _ => None,
    };
    match kind {
        Some(kind) => env.produce(path, &label, &Minified { kind, bytes }),
        None => env.produce(path, &label, &Copied(bytes)),
    }
}

/// What a minified file holds.
#[derive(Hash, Clone, Copy)]
enum Code {
    Css,
    Js,
}

/// A stylesheet or script without its comments and spare white space: the theme's files are
/// written to be read, and a reader's phone need not download that.
#[derive(Hash)]
struct Minified {
    kind: Code,
    bytes: Bytes,
}

impl Artifact for Minified {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        // A file that is not UTF-8 is not one a minifier could read: it is published as it is.
        let Ok(text) = std::str::from_utf8(&self.bytes) else {
            return Ok(self.bytes.clone());
        };
        let minified = match self.kind {
            Code::Css => minifier::css::minify(text).map(|css| css.to_string()),
            Code::Js => minifier::js::minify(text).map(|js| js.to_string()),
        };
        // A stylesheet the minifier cannot parse is still one a browser may read.
        Ok(minified.map_or_else(|_| self.bytes.clone(), Bytes::from))
    }
}

/// A file published as it is.
#[derive(Hash)]
struct Copied(Bytes);

impl Artifact for Copied {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        Ok(self.0.clone())
    }
}

/// `/highlight.css`: the classes of highlighted code, in the configured theme's colours.
#[derive(Hash)]
struct Highlight<'a> {
    theme: &'a str,
}

impl Artifact for Highlight<'_> {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        crate::highlight::stylesheet(self.theme)
            .map(Bytes::from)
            .map_err(|error| {
                vec![Diagnostic::error("config", error.to_string()).in_file(CONFIG_FILE)]
            })
    }
}
