//! Rebuilding a site after changes: keeps what the previous build read so that a change costs
//! work in proportion to what it touched, and produces exactly what a full build would (the
//! property test in `tests/incremental.rs` compares the two after random edits).
//!
//! What is kept: every content file parsed, by path. A changed file is read and parsed again, a
//! removed one dropped, a changed folder walked again; everything else is reused as parsed. The
//! rest of the pipeline (model, Markdown, pages) runs through [`crate::pipeline_with`], the
//! same code `brief build` runs, so the two cannot drift apart.
//!
//! Articles and briefings are lent to the build's model rather than copied (copying 10,000
//! documents costs more than the rest of a small rebuild) and taken back from it afterwards.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use super::watch::Changes;
use crate::content::{self, CONTENT_DIR, Content, Document, FrontMatter};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::inputs::{self, Folder};
use crate::model::Site;
use crate::output::{self, Output};
use crate::{BuildOptions, Pipeline, Timings, pipeline_with};

/// A good build.
#[derive(Debug, Clone)]
pub struct Built {
    pub output: Arc<Output>,
    pub warnings: Diagnostics,
    /// What differs from the previous good build (everything, for the first).
    pub changes: output::Changes,
    /// The output folder `site.toml` names (relative to the root, or absolute).
    pub output_dir: PathBuf,
    /// Wall-clock time of the build.
    pub micros: u128,
    /// Content files read and parsed for this build (the rest were reused).
    pub files_read: usize,
    /// How long each stage took, for `--verbose`.
    pub timings: Timings,
}

/// One content file as last read.
enum Parsed<F> {
    Document(Document<F>),
    /// The document is in the model of the running build, to be given back after it.
    Lent,
    Failed(Diagnostic),
}

impl<F> From<Result<Document<F>, Diagnostic>> for Parsed<F> {
    fn from(result: Result<Document<F>, Diagnostic>) -> Self {
        match result {
            Ok(document) => Parsed::Document(document),
            Err(diagnostic) => Parsed::Failed(diagnostic),
        }
    }
}

/// The parsed files of one section of `content/`, by path relative to the site root.
struct Section<F> {
    name: &'static str,
    files: BTreeMap<PathBuf, Parsed<F>>,
}

impl<F: FrontMatter + Clone + Sync> Section<F> {
    fn new(name: &'static str) -> Self {
        Section {
            name,
            files: BTreeMap::new(),
        }
    }

    fn dir(&self) -> PathBuf {
        Path::new(CONTENT_DIR).join(self.name)
    }

    /// Read every file of the section again.
    fn reload(&mut self, root: &Path) -> usize {
        let (files, problems) = content::section_files(root, self.name);
        self.files = read_all(root, &files);
        self.record(problems);
        files.len()
    }

    /// Problems met while listing files stand in the map at the path they name, so that a
    /// later look at that path replaces them.
    fn record(&mut self, problems: Vec<Diagnostic>) {
        for problem in problems {
            let path = problem.file.clone().unwrap_or_else(|| self.dir());
            self.files.insert(path, Parsed::Failed(problem));
        }
    }

    /// Bring the section up to date with the changed `paths` (relative to the root); returns
    /// how many files were read. Each changed path is looked at again, and so is the listing of
    /// the folder holding it: an event merged away within one debounce window (a file renamed,
    /// then deleted) still shows there.
    fn update(&mut self, root: &Path, paths: &[&Path]) -> usize {
        let dir = self.dir();
        let mut to_read: BTreeSet<PathBuf> = BTreeSet::new();
        for &path in paths.iter().filter(|path| path.starts_with(&dir)) {
            if path == dir {
                return self.reload(root);
            }
            self.forget_under(path);
            let (found, problems) =
                inputs::files(root, Folder::Content, path, content::is_markdown);
            self.record(problems);
            to_read.extend(found);
            if let Some(folder) = path.parent() {
                to_read.extend(self.reconcile(root, folder));
            }
        }
        let absolute: Vec<PathBuf> = to_read.iter().map(|path| root.join(path)).collect();
        self.files.extend(read_all(root, &absolute));
        absolute.len()
    }

    /// Drop whatever is known at or under `path`.
    fn forget_under(&mut self, path: &Path) {
        let stale: Vec<PathBuf> = self
            .files
            .range(path.to_path_buf()..)
            .take_while(|(known, _)| known.starts_with(path))
            .map(|(known, _)| known.clone())
            .collect();
        for known in stale {
            self.files.remove(&known);
        }
    }

    /// Make what is known directly in `folder` match its listing: files gone from it and
    /// folders no longer there are dropped; the files it has that are not known are returned,
    /// to be read.
    fn reconcile(&mut self, root: &Path, folder: &Path) -> Vec<PathBuf> {
        let listing = inputs::entries(root, Folder::Content, folder);
        let files: BTreeSet<&PathBuf> = listing
            .files
            .iter()
            .filter(|file| content::is_markdown(file))
            .collect();
        let folders: BTreeSet<&Path> = listing.folders.iter().map(PathBuf::as_path).collect();
        let gone: Vec<PathBuf> = self
            .files
            .range(folder.to_path_buf()..)
            .take_while(|(known, _)| known.starts_with(folder))
            .filter(|(known, _)| {
                let Ok(inside) = known.strip_prefix(folder) else {
                    return false;
                };
                let mut parts = inside.components();
                match (parts.next(), parts.next()) {
                    // A folder stands here for a problem met reading it.
                    (Some(_), None) => !files.contains(known) && !folders.contains(known.as_path()),
                    (Some(first), Some(_)) => !folders.contains(folder.join(first).as_path()),
                    (None, _) => false,
                }
            })
            .map(|(known, _)| known.clone())
            .collect();
        for known in gone {
            self.files.remove(&known);
        }
        let new = files
            .into_iter()
            .filter(|file| !self.files.contains_key(*file))
            .cloned()
            .collect();
        self.record(listing.problems);
        new
    }

    /// The documents for a build, in path order, lent (see [`Section::give_back`]), and the
    /// problems of the files that did not parse.
    fn lend(&mut self, include_drafts: bool, diagnostics: &mut Diagnostics) -> Vec<Document<F>> {
        let mut documents = Vec::with_capacity(self.files.len());
        for parsed in self.files.values_mut() {
            match parsed {
                Parsed::Document(document) if include_drafts || !document.front.draft() => {
                    if let Parsed::Document(document) = std::mem::replace(parsed, Parsed::Lent) {
                        documents.push(document);
                    }
                }
                Parsed::Failed(diagnostic) => diagnostics.push(diagnostic.clone()),
                Parsed::Document(_) | Parsed::Lent => {}
            }
        }
        documents
    }

    /// Take back the lent documents the build kept. One it dropped (a second document with
    /// one slug) is read again.
    fn give_back(&mut self, root: &Path, documents: impl Iterator<Item = Document<F>>) {
        // By the path's bytes: comparing paths component by component costs more than the rest.
        let mut lent: HashMap<&OsStr, &mut Parsed<F>, ahash::RandomState> = self
            .files
            .iter_mut()
            .filter(|(_, parsed)| matches!(parsed, Parsed::Lent))
            .map(|(path, parsed)| (path.as_os_str(), parsed))
            .collect();
        for document in documents {
            if let Some(parsed) = lent.remove(document.path.as_os_str()) {
                *parsed = Parsed::Document(document);
            }
        }
        let dropped: Vec<PathBuf> = lent.into_keys().map(|path| root.join(path)).collect();
        self.files.extend(read_all(root, &dropped));
    }

    /// Copies of the documents for a build, in path order, and the problems of the files that
    /// did not parse: for profiles, which the model does not keep.
    fn documents(&self, include_drafts: bool, diagnostics: &mut Diagnostics) -> Vec<Document<F>> {
        let mut documents = Vec::with_capacity(self.files.len());
        for parsed in self.files.values() {
            match parsed {
                Parsed::Document(document) if include_drafts || !document.front.draft() => {
                    documents.push(document.clone())
                }
                Parsed::Failed(diagnostic) => diagnostics.push(diagnostic.clone()),
                Parsed::Document(_) | Parsed::Lent => {}
            }
        }
        documents
    }
}

/// Read and parse files (absolute paths), in parallel, keyed by root-relative path.
fn read_all<F: FrontMatter>(root: &Path, files: &[PathBuf]) -> BTreeMap<PathBuf, Parsed<F>> {
    files
        .par_iter()
        .map(|path| {
            let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
            let parsed = std::fs::read(path)
                .map_err(|error| {
                    Diagnostic::error("io", format!("cannot read the file: {error}"))
                        .in_file(&relative)
                })
                .and_then(|bytes| content::parse_document(&relative, &bytes));
            (relative, Parsed::from(parsed))
        })
        .collect()
}

/// Everything parsed under `content/`.
struct Loaded {
    articles: Section<content::ArticleFrontMatter>,
    briefings: Section<content::BriefingFrontMatter>,
    people: Section<content::PersonFrontMatter>,
    topics: Section<content::TopicFrontMatter>,
}

impl Loaded {
    fn new() -> Loaded {
        Loaded {
            articles: Section::new("articles"),
            briefings: Section::new("briefings"),
            people: Section::new("people"),
            topics: Section::new("topics"),
        }
    }

    fn reload(&mut self, root: &Path) -> usize {
        self.articles.reload(root)
            + self.briefings.reload(root)
            + self.people.reload(root)
            + self.topics.reload(root)
    }

    fn update(&mut self, root: &Path, paths: &[&Path]) -> usize {
        self.articles.update(root, paths)
            + self.briefings.update(root, paths)
            + self.people.update(root, paths)
            + self.topics.update(root, paths)
    }

    /// The content for a build: articles and briefings lent, profiles copied.
    fn content(&mut self, include_drafts: bool) -> (Content, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let content = Content {
            articles: self.articles.lend(include_drafts, &mut diagnostics),
            briefings: self.briefings.lend(include_drafts, &mut diagnostics),
            people: self.people.documents(include_drafts, &mut diagnostics),
            topics: self.topics.documents(include_drafts, &mut diagnostics),
        };
        (content, diagnostics)
    }

    /// Take back what [`Loaded::content`] lent to the model of `site`.
    fn give_back(&mut self, root: &Path, site: &mut Site) {
        let articles = std::mem::take(&mut site.articles);
        self.articles
            .give_back(root, articles.into_iter().map(|article| article.doc));
        let briefings = std::mem::take(&mut site.briefings);
        self.briefings
            .give_back(root, briefings.into_iter().map(|briefing| briefing.doc));
    }
}

/// The state kept between builds of one site.
pub struct Incremental {
    root: PathBuf,
    options: BuildOptions,
    loaded: Option<Loaded>,
    /// Markdown and pages of the previous build, reused where their inputs are unchanged.
    memo: crate::render::Memo,
    /// The model of the last good build, whose documents stay lent from `loaded` until a
    /// rebuild needs a new model.
    kept: Option<Kept>,
    last_good: Option<Arc<Output>>,
}

/// A model kept for the next build, with the problems found while loading and modelling it.
struct Kept {
    site: Site,
    diagnostics: Diagnostics,
}

impl Kept {
    /// For a batch of changes that only edited the bodies of articles in the model (each file
    /// read again with the same front matter text), swap the new documents into the model and
    /// say so: nothing the model is made of changed, so loading and modelling the whole site
    /// again would make the same model. Otherwise leave everything as it is and return false,
    /// for a full rebuild. `articles` must be up to date with `changes` (see
    /// [`Section::update`]).
    fn swap_bodies(
        &mut self,
        articles: &mut Section<content::ArticleFrontMatter>,
        changes: &Changes,
    ) -> bool {
        let dir = articles.dir();
        if changes.rescan || changes.paths.is_empty() {
            return false;
        }
        let mut swaps = Vec::with_capacity(changes.paths.len());
        for path in &changes.paths {
            if !path.starts_with(&dir) {
                return false;
            }
            let Some((known, Parsed::Document(new))) = articles.files.get_key_value(path) else {
                return false;
            };
            // The model's paths are the map's keys, byte for byte: compared as bytes, not
            // component by component, so that a batch of many edits stays cheap.
            let known = known.as_os_str();
            let Some(index) = self
                .site
                .articles
                .iter()
                .position(|article| article.doc.path.as_os_str() == known)
            else {
                return false;
            };
            if new.yaml != self.site.articles[index].doc.yaml {
                return false;
            }
            swaps.push((path, index));
        }
        for (path, index) in swaps {
            if let Some(parsed) = articles.files.get_mut(path)
                && let Parsed::Document(new) = std::mem::replace(parsed, Parsed::Lent)
            {
                self.site.articles[index].doc = new;
            }
        }
        true
    }
}

impl Incremental {
    pub fn new(root: &Path, options: BuildOptions) -> Incremental {
        Incremental {
            root: root.to_path_buf(),
            options,
            loaded: None,
            memo: crate::render::Memo::default(),
            kept: None,
            last_good: None,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The latest good output, if any.
    pub fn last_good(&self) -> Option<&Arc<Output>> {
        self.last_good.as_ref()
    }

    /// Build again after `changes` (paths relative to the root, as [`super::watch`] reports
    /// them). On errors the previous good output is kept.
    pub fn build(&mut self, changes: &Changes) -> Result<Built, Diagnostics> {
        let start = Instant::now();
        let root = self.root.clone();
        let content_dir = Path::new(CONTENT_DIR);
        let files_read = match &mut self.loaded {
            Some(loaded) if !changes.rescan && !changes.paths.contains(content_dir) => {
                let paths: Vec<&Path> = changes
                    .paths
                    .iter()
                    .map(PathBuf::as_path)
                    .filter(|path| path.starts_with(content_dir))
                    .collect();
                loaded.update(&root, &paths)
            }
            _ => {
                // The kept model's documents were lent by the loaded files replaced here.
                self.kept = None;
                let mut loaded = Loaded::new();
                let count = loaded.reload(&root);
                self.loaded = Some(loaded);
                count
            }
        };
        let read_took = start.elapsed();
        let loaded = self.loaded.as_mut().expect("loaded above");
        let mut kept = self.kept.take();
        let swapped = kept
            .as_mut()
            .is_some_and(|kept| kept.swap_bodies(&mut loaded.articles, changes));
        let pipeline = match kept {
            Some(kept) if swapped => crate::render_model(
                &root,
                kept.site,
                kept.diagnostics,
                &mut self.memo,
                None,
                Timings::default(),
            ),
            not_swapped => {
                if let Some(mut kept) = not_swapped {
                    loaded.give_back(&root, &mut kept.site);
                }
                pipeline_with(
                    &root,
                    &self.options,
                    &mut |_, drafts| loaded.content(drafts),
                    &mut self.memo,
                )
            }
        };
        let Pipeline {
            site,
            output,
            diagnostics,
            model_diagnostics,
            mut timings,
        } = pipeline;
        timings.0.insert(0, ("read", read_took));
        let (site, output) = match (site, output) {
            (Some(site), Some(output)) if !diagnostics.has_errors() => (site, output),
            (site, _) => {
                if let Some(mut site) = site {
                    loaded.give_back(&root, &mut site);
                }
                return Err(diagnostics);
            }
        };
        let output_dir = site.config.output_dir.clone();
        self.kept = Some(Kept {
            site,
            diagnostics: model_diagnostics,
        });
        let output = Arc::new(output);
        let changes = timings.stage("changes", || match &self.last_good {
            Some(previous) => previous.changes(&output),
            None => Output::default().changes(&output),
        });
        self.last_good = Some(output.clone());
        Ok(Built {
            output,
            warnings: diagnostics,
            changes,
            output_dir,
            micros: start.elapsed().as_micros(),
            files_read,
            timings,
        })
    }
}
