//! Redirects from aliases: a small HTML page at each former URL (meta refresh, canonical link
//! and a plain link, for any host), and one `_redirects` file for hosts that read one (Netlify,
//! Cloudflare Pages), with real 301s.

use bytes::Bytes;

use super::templates::Templates;
use super::{Artifact, Produced, RenderEnv};
use crate::diagnostics::Diagnostic;
use crate::model::Redirect;
use crate::util::escape::html as escape;
use crate::util::href::Href;

/// The `_redirects` file's path in the output folder.
pub(super) const REDIRECTS_FILE: &str = "_redirects";

/// The page at an alias.
#[derive(Hash)]
struct RedirectPage<'a> {
    /// The page's site path, under the site's base path.
    to: Href<'a>,
    base_url: &'a str,
    language: &'a str,
}

impl Artifact for RedirectPage<'_> {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        let to = escape(&self.to.to_string());
        let permalink = escape(&format!("{}{}", self.base_url, self.to.path()));
        Ok(Bytes::from(format!(
            "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>Moved to {permalink}</title>\n<link rel=\"canonical\" href=\"{permalink}\">\n\
             <meta name=\"robots\" content=\"noindex\">\n\
             <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n\
             <body>\n<p>This page has moved to <a href=\"{to}\">{permalink}</a>.</p>\n</body>\n</html>\n",
            escape(self.language)
        )))
    }
}

/// Write the page at `redirect`'s alias.
pub(super) fn produce_page(env: &RenderEnv, path: String, redirect: &Redirect) -> Produced {
    let config = &env.site.config;
    let page = RedirectPage {
        to: Href::new(config.base_path(), &redirect.to),
        base_url: &config.base_url,
        language: &config.language,
    };
    env.produce(path, &redirect.from, &page)
}

/// `_redirects`: `FROM TO 301`, one line per alias, both under the site's base path.
#[derive(Hash)]
struct RedirectsFile<'a> {
    base_path: &'a str,
    redirects: &'a [Redirect],
}

impl Artifact for RedirectsFile<'_> {
    fn render(&self, _: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>> {
        let lines: String = self
            .redirects
            .iter()
            .map(|redirect| {
                let (from, to) = (&redirect.from, &redirect.to);
                format!("{base}{from} {base}{to} 301\n", base = self.base_path)
            })
            .collect();
        Ok(Bytes::from(lines))
    }
}

pub(super) fn produce_file(env: &RenderEnv, path: String) -> Produced {
    let file = RedirectsFile {
        base_path: env.site.config.base_path(),
        redirects: &env.site.redirects,
    };
    env.produce(path, REDIRECTS_FILE, &file)
}
