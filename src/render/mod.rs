//! From the site model to output files: the Markdown of every text once, then the values
//! templates see, then every file of the site (pages, feeds, sitemap, search index, static
//! files) in parallel into a [`Sink`], then the link check.
//!
//! Every output file is an [`Artifact`]: an input struct holding everything the file is made
//! from, rendered from that input alone. The file's cache key is the hash of its input (and of
//! its template), so what `brief serve` reuses can never differ from what a full build makes.

pub mod cache;
pub mod documents;
pub mod email;
pub mod embeds;
pub mod feeds;
pub mod images;
pub mod links;
pub mod pages;
mod plan;
mod redirects;
pub mod search;
pub mod sink;
pub mod sitemap;
mod statics;
pub mod templates;
pub mod views;

use std::collections::HashMap;
use std::hash::Hash;
use std::path::Path;

use bytes::Bytes;
use rayon::prelude::*;

use crate::Timings;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Site, Texts};
use crate::util::hash::fingerprint_of;
use cache::{Cache, Caches};
use documents::RenderedDocuments;
pub use plan::Target;
pub use sink::{Memory, Sink};
use templates::Templates;
use views::Views;

pub use crate::inputs::STATIC_DIR;

/// One output file's input: everything the file is made from. Its hash is the file's key.
pub trait Artifact: Hash + Sync {
    /// The template the file is rendered through, if any: its fingerprint is part of the key.
    fn template(&self) -> Option<&'static str> {
        None
    }

    /// The file's bytes, made from the input alone (and the template it names, when the
    /// templates loaded).
    fn render(&self, templates: Option<&Templates>) -> Result<Bytes, Vec<Diagnostic>>;
}

/// Why a file was not produced.
#[derive(Debug)]
pub enum Failure {
    /// Problems with the file's input or with writing it.
    Problems(Vec<Diagnostic>),
    /// The template failed while rendering the page at `page`.
    Template {
        problems: Vec<Diagnostic>,
        page: String,
    },
    /// The templates did not load (their problems are reported on their own).
    NoTemplates,
}

/// A file written to the sink (its path and key), or why not.
pub type Produced = Result<(String, u64), Failure>;

/// What rendering every file needs, built once per render.
pub struct RenderEnv<'a> {
    pub site: &'a Site,
    pub root: &'a Path,
    pub documents: &'a RenderedDocuments,
    pub views: &'a Views,
    pub images: &'a images::Images,
    pub derived: &'a plan::Derived<'a>,
    templates: Option<&'a Templates>,
    files: &'a Cache<Bytes>,
    sink: &'a dyn Sink,
}

impl RenderEnv<'_> {
    /// Text from front matter or settings, typographic as the site's bodies are.
    pub fn typographic<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        views::typographic(text, self.site.config.markdown.smart_punctuation)
    }

    /// Put the file `artifact` makes at `path`, reusing an earlier rendering of an equal input.
    /// `label` names it in messages (a page's URL).
    pub fn produce<A: Artifact>(&self, path: String, label: &str, artifact: &A) -> Produced {
        let template = match artifact.template() {
            None => None,
            Some(name) => {
                let templates = self.templates.ok_or(Failure::NoTemplates)?;
                let seed = templates.fingerprint(name).ok_or_else(|| {
                    Failure::Problems(vec![Diagnostic::error(
                        "template",
                        format!("no template `{name}` to render {label} with"),
                    )])
                })?;
                Some(seed)
            }
        };
        let key = fingerprint_of(&(std::any::type_name::<A>(), template, artifact));
        let bytes = match self.files.get(key) {
            Some(bytes) => bytes,
            None => artifact
                .render(self.templates)
                .map_err(|problems| match template {
                    Some(_) => Failure::Template {
                        problems,
                        page: label.to_owned(),
                    },
                    None => Failure::Problems(problems),
                })?,
        };
        self.sink
            .put(&path, bytes)
            .map_err(|error| Failure::Problems(vec![write_problem(&error)]))?;
        Ok((path, key))
    }
}

/// A finished render: every file the site has (in the sink), and the problems found.
#[derive(Debug)]
pub struct Rendered {
    /// The paths of the site's files.
    pub paths: Vec<String>,
    pub problems: Diagnostics,
}

/// Render `site` into `sink`: every file, reusing what `caches` hold from the render before and
/// leaving there what this one used. `templates` are the site's templates, or the problems that
/// kept them from loading; without them everything but the pages is still made and checked.
pub fn render(
    site: &Site,
    texts: Texts,
    root: &Path,
    templates: Result<&Templates, Diagnostics>,
    sink: &dyn Sink,
    caches: &mut Caches,
    timings: &mut Timings,
) -> Rendered {
    let (templates, mut problems) =
        templates.map_or_else(|p| (None, p), |t| (Some(t), Diagnostics::new()));
    let (images, image_problems) = timings.stage("images", || images::Images::discover(site, root));
    problems.extend(image_problems);
    let (documents, markdown_problems) = timings.stage("markdown", || {
        documents::render_documents(site, texts, &images, &caches.markdown)
    });
    problems.extend(markdown_problems);
    let views = timings.stage("views", || {
        views::build_views(site, &documents, &caches.cards)
    });
    let pages = pages::pages(site);
    let derived = timings.stage("derived", || {
        plan::Derived::new(site, &pages, (&documents, &images), &views, caches)
    });
    let plan = plan::Plan::new(root, site, &derived);
    problems.extend(plan.problems.iter().cloned());
    let env = RenderEnv {
        site,
        root,
        documents: &documents,
        views: &views,
        images: &images,
        derived: &derived,
        templates,
        files: &caches.files,
        sink,
    };
    let produced = timings.stage("files", || produce_all(&env, &plan.targets));
    let (made, failures) = split_failures(produced);
    problems.extend(failures);
    problems.extend(timings.stage("links", || {
        let paths = plan.targets.iter().map(|target| target.path.as_str());
        links::check_links(site, &documents, paths.collect(), sink)
    }));
    let fresh: Vec<(u64, Bytes)> = made
        .iter()
        // A one-off build keeps no files: reading every output back cost it 1 s of CPU and
        // doubled its peak memory.
        .filter(|(_, key)| caches.files.wants(*key))
        .filter_map(|(path, key)| Some((*key, sink.read(path)?)))
        .collect();
    caches.files.keep(fresh);
    remember(caches, (site, &documents), &views, &derived);
    let paths = plan.targets.into_iter().map(|target| target.path).collect();
    Rendered { paths, problems }
}

/// Leave in the caches what this render used of the values several files share.
fn remember(
    caches: &mut Caches,
    (site, documents): (&Site, &RenderedDocuments),
    views: &Views,
    derived: &plan::Derived,
) {
    let placed = documents.placed(site);
    caches
        .markdown
        .keep_keyed(placed.iter().map(|placed| placed.html));
    caches.cards.keep_keyed(&views.article_cards);
    derived.remember(caches);
}

/// Every target into the sink, in parallel; the sink makes room for them beside the work.
fn produce_all(env: &RenderEnv, targets: &[Target]) -> Vec<Produced> {
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let paths: Vec<&str> = interleaved(targets).map(|t| t.path.as_str()).collect();
            env.sink.prepare(&paths);
        });
        targets
            .par_iter()
            .map(|target| target.produce(env))
            .collect()
    })
}

/// Targets in the order two workers reach them when each takes half of the list from its start
/// (how the rendering splits it first): one from each half in turn.
fn interleaved<T>(items: &[T]) -> impl Iterator<Item = &T> {
    let half = items.len().div_ceil(2);
    (0..half).flat_map(move |i| [Some(&items[i]), items.get(half + i)].into_iter().flatten())
}

/// The files made, and the problems of the others. A template error usually fails every page
/// that uses the template: it is reported once, naming the first page and how many more failed
/// the same way.
fn split_failures(produced: Vec<Produced>) -> (Vec<(String, u64)>, Vec<Diagnostic>) {
    let mut made = Vec::with_capacity(produced.len());
    let mut problems = Vec::new();
    let mut grouped: Vec<(Diagnostic, String, usize)> = Vec::new();
    let mut index: HashMap<Diagnostic, usize> = HashMap::new();
    for result in produced {
        match result {
            Ok(file) => made.push(file),
            Err(Failure::Problems(more)) => problems.extend(more),
            Err(Failure::NoTemplates) => {}
            Err(Failure::Template {
                problems: more,
                page,
            }) => {
                for problem in more {
                    match index.get(&problem) {
                        Some(&at) => grouped[at].2 += 1,
                        None => {
                            index.insert(problem.clone(), grouped.len());
                            grouped.push((problem, page.clone(), 0));
                        }
                    }
                }
            }
        }
    }
    problems.extend(grouped.into_iter().map(|(mut problem, page, more)| {
        let pages = match more {
            0 => String::new(),
            1 => " and 1 more page".to_owned(),
            more => format!(" and {more} more pages"),
        };
        problem
            .message
            .push_str(&format!(" (rendering {page}{pages})"));
        problem
    }));
    (made, problems)
}

pub(crate) fn write_problem(error: &crate::output::SyncError) -> Diagnostic {
    let cause = std::error::Error::source(error)
        .map(|c| c.to_string())
        .unwrap_or_default();
    Diagnostic::error("io", format!("{error}: {cause}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleaved_takes_one_item_from_each_half_in_turn_and_misses_none() {
        let order = |count: usize| -> Vec<usize> {
            let items: Vec<usize> = (1..=count).collect();
            interleaved(&items).copied().collect()
        };
        assert_eq!(order(5), [1, 4, 2, 5, 3]);
        assert_eq!(order(4), [1, 3, 2, 4]);
        assert_eq!(order(1), [1]);
        assert!(order(0).is_empty());
    }

    #[test]
    fn a_template_error_is_reported_once_with_the_count_of_pages() {
        let problem = Diagnostic::error("template", "base.html: `x` is undefined")
            .in_file("templates/base.html")
            .at(3, 5);
        let failed = |page: &str| -> Produced {
            Err(Failure::Template {
                problems: vec![problem.clone()],
                page: page.to_owned(),
            })
        };
        let (made, problems) = split_failures(vec![
            failed("/a/"),
            Ok(("b/index.html".into(), 1)),
            failed("/c/"),
            failed("/d/"),
        ]);
        assert_eq!(made.len(), 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].message,
            "base.html: `x` is undefined (rendering /a/ and 2 more pages)"
        );
    }
}
