//! Every file a site has, known before any is rendered: the pages, the feeds, the sitemap, the
//! search index and the static files, each a [`Target`]. Two files at one path are found here,
//! and what several files share (feed entries, a dossier's value, the sitemap's list) is made
//! once, as [`Derived`].

use std::collections::HashSet;

/// The paths taken so far.
type Taken = HashSet<String, ahash::RandomState>;
use std::path::{Path, PathBuf};

use super::cache::Caches;
use super::documents::RenderedDocuments;
use super::email;
use super::feeds::{self, FeedEntries, FeedFormat, FeedSpec};
use super::images::{Images, Variant};
use super::pages::{self, Dossiers, Page, PageKind};
use super::search::{SearchEntries, SearchFile};
use super::sitemap::{SITEMAP_LIMIT, Sitemap};
use super::statics::StaticFile;
use super::views::Views;
use super::{Produced, RenderEnv};
use crate::diagnostics::Diagnostic;
use crate::model::{BriefingId, Redirect, Site};

/// One file of the site: where it goes, and what makes it.
pub struct Target<'a> {
    /// Relative to the output folder.
    pub path: String,
    what: What<'a>,
}

enum What<'a> {
    Page(&'a Page),
    /// A feed: an index into [`Derived::feeds`].
    Feed(usize, FeedFormat),
    /// The sitemap, or one of its parts.
    Sitemap(usize),
    Search(SearchFile),
    /// A local image at one width and in one format.
    Image(Variant<'a>),
    /// A briefing's newsletter, as HTML or as text.
    Email(BriefingId, email::Format),
    Static(StaticFile),
    /// The page at an alias.
    Redirect(&'a Redirect),
    /// `_redirects`.
    Redirects,
}

impl Target<'_> {
    pub fn produce(&self, env: &RenderEnv) -> Produced {
        let path = self.path.clone();
        match &self.what {
            What::Page(page) => pages::produce(env, page, path),
            What::Feed(index, format) => env.derived.feeds[*index].produce(env, path, *format),
            What::Sitemap(index) => env.derived.sitemap.produce(env, path, *index),
            What::Search(file) => env.derived.search.produce(env, path, *file),
            What::Email(id, format) => email::produce(env, path, *id, *format),
            What::Image(variant) => variant.produce(env, path),
            What::Static(file) => file.produce(env, path),
            What::Redirect(redirect) => super::redirects::produce_page(env, path, redirect),
            What::Redirects => super::redirects::produce_file(env, path),
        }
    }
}

/// What several files share, made once per render.
pub struct Derived<'a> {
    pub pages: &'a [Page],
    pub images: &'a Images,
    pub feeds: Vec<FeedSpec>,
    pub feed_entries: FeedEntries,
    pub dossiers: Dossiers<'a>,
    pub sitemap: Sitemap<'a>,
    pub search: SearchEntries<'a>,
}

impl<'a> Derived<'a> {
    pub fn new(
        site: &'a Site,
        pages: &'a [Page],
        (documents, images): (&'a RenderedDocuments, &'a Images),
        views: &'a Views,
        caches: &Caches,
    ) -> Derived<'a> {
        // Independent of each other: made side by side.
        let ((feed_entries, dossiers), (sitemap, search)) = rayon::join(
            || {
                rayon::join(
                    || FeedEntries::new(site, documents, views, &caches.feed_entries),
                    || Dossiers::new(site, documents, views),
                )
            },
            || {
                rayon::join(
                    || Sitemap::new(site, pages, SITEMAP_LIMIT),
                    || SearchEntries::new(site, views, &caches.search_entries),
                )
            },
        );
        Derived {
            pages,
            images,
            feeds: feeds::feeds(site, &feed_entries),
            feed_entries,
            dossiers,
            sitemap,
            search,
        }
    }

    /// Leave in the caches what this render used of them.
    pub fn remember(&self, caches: &mut Caches) {
        self.feed_entries.remember(&mut caches.feed_entries);
        self.search.remember(&mut caches.search_entries);
    }
}

/// Each briefing's newsletter, as HTML and as text, beside its page.
fn emails<'a>(derived: &Derived<'a>) -> Vec<(String, What<'a>)> {
    let formats = [email::Format::Html, email::Format::Text];
    (derived.pages.iter())
        .filter_map(|page| match page.kind {
            PageKind::Briefing(id) => Some((page, id)),
            _ => None,
        })
        .flat_map(|(page, id)| {
            formats.map(|format| {
                let path = format!("{}{}", page.url.trim_start_matches('/'), format.file());
                (path, What::Email(id, format))
            })
        })
        .collect()
}

/// The site's files, and the problems of files that would share a path.
pub(super) struct Plan<'a> {
    pub targets: Vec<Target<'a>>,
    pub problems: Vec<Diagnostic>,
}

impl<'a> Plan<'a> {
    pub(super) fn new(root: &Path, site: &'a Site, derived: &'a Derived<'a>) -> Plan<'a> {
        let mut plan = Plan {
            targets: Vec::new(),
            problems: Vec::new(),
        };
        let mut taken = Taken::default();
        for page in derived.pages {
            plan.add(&mut taken, page.output_path(), What::Page(page), |path| {
                format!("two pages would be written to /{path}")
            });
        }
        let generated = derived
            .feeds
            .iter()
            .enumerate()
            .flat_map(|(index, feed)| {
                FeedFormat::ALL.map(|format| (feed.path(format), What::Feed(index, format)))
            })
            .chain(
                (0..derived.sitemap.files())
                    .map(|index| (derived.sitemap.path(index), What::Sitemap(index))),
            )
            .chain(
                (derived.search.files().into_iter()).map(|(path, file)| (path, What::Search(file))),
            )
            .chain(emails(derived))
            .chain(
                (derived.images.variants().into_iter())
                    .map(|(path, variant)| (path, What::Image(variant))),
            );
        for (path, what) in generated {
            plan.add(&mut taken, path, what, |path| {
                format!("/{path} would be written twice")
            });
        }
        plan.add_redirects(&site.redirects, &mut taken);
        plan.add_static_files(root, &mut taken);
        if !site.redirects.is_empty() && !taken.contains(super::redirects::REDIRECTS_FILE) {
            let path = super::redirects::REDIRECTS_FILE.to_owned();
            plan.add(&mut taken, path, What::Redirects, |_| String::new());
        }
        plan
    }

    /// Add the file `what` makes at `path` unless the path is taken, which is the problem
    /// `clash` tells.
    fn add(
        &mut self,
        taken: &mut Taken,
        path: String,
        what: What<'a>,
        clash: impl Fn(&str) -> String,
    ) {
        if !taken.insert(path.clone()) {
            self.problems
                .push(Diagnostic::error("duplicate-url", clash(&path)));
            return;
        }
        self.targets.push(Target { path, what });
    }

    /// The page at each alias; an alias where the site has a page or file is an error at it.
    fn add_redirects(&mut self, redirects: &'a [Redirect], taken: &mut Taken) {
        for redirect in redirects {
            let path = super::pages::output_path(&redirect.from);
            if taken.contains(&path) {
                self.problems.push(
                    Diagnostic::error(
                        "duplicate-url",
                        format!(
                            "alias `{}` is the URL of a page of the site: a redirect there would replace it",
                            redirect.from
                        ),
                    )
                    .in_file(&redirect.file)
                    .at(redirect.line, redirect.column),
                );
                continue;
            }
            self.add(taken, path, What::Redirect(redirect), |_| String::new());
        }
    }

    /// The site's `static/` files, then the theme's files and the generated ones (robots,
    /// highlight stylesheet) the site does not replace.
    fn add_static_files(&mut self, root: &Path, taken: &mut Taken) {
        let (files, problems) = crate::inputs::files(
            root,
            crate::inputs::Folder::Static,
            Path::new(super::STATIC_DIR),
            |_| true,
        );
        self.problems.extend(problems);
        for file in files {
            let path = crate::inputs::slash_path(Path::new(super::STATIC_DIR), &file);
            if taken.contains(&path) {
                self.problems.push(
                    Diagnostic::error(
                        "duplicate-url",
                        format!("static file /{path} has the URL of a generated page"),
                    )
                    .in_file(PathBuf::from(&file)),
                );
                continue;
            }
            self.add(taken, path, What::Static(StaticFile::Site(file)), |_| {
                String::new()
            });
        }
        for (path, file) in StaticFile::defaults() {
            if !taken.contains(&path) {
                self.add(taken, path, What::Static(file), |_| String::new());
            }
        }
    }
}
