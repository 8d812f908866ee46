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
                env.produce(path, &label, &Copied(Bytes::from(bytes)))
            }
            StaticFile::Theme(bytes) => {
                env.produce(path, &label, &Copied(Bytes::from_static(bytes)))
            }
            StaticFile::Robots => env.produce(
                path,
                &label,
                &Robots {
                    base_url: &env.site.config.base_url,
                },
            ),
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
