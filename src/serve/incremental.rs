//! Rebuilding a site after changes: keeps what the previous build read so that a change costs
//! work in proportion to what it touched, and produces exactly what a full build would (the
//! property test in `tests/incremental.rs` compares the two after random edits).
//!
//! What is kept: every content file parsed, by path. A changed file is read and parsed again, a
//! removed one dropped, a changed folder walked again, and the folder holding each changed path
//! listed again; everything else is reused as parsed (documents are shared with the model, not
//! copied). The rest of the build runs through [`crate::driver`], the same code `brief build`
//! runs, so the two cannot drift apart.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use super::watch::Changes;
use crate::content::{
    self, CONTENT_DIR, Content, ContentFile, Files, FrontMatter, MakeSection, VisitSection,
};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::inputs::{self, Folder};
use crate::model::{Site, Texts};
use crate::output::{self, Output};
use crate::render::Memory;
use crate::render::cache::Caches;
use crate::{Build, BuildOptions, Loaded, Timings};

/// A good build.
#[derive(Debug, Clone)]
pub struct Built {
    pub output: Arc<Output>,
    pub warnings: Diagnostics,
    /// What differs from the previous good build (everything, for the first).
    pub changes: output::Diff,
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
    Document(ContentFile<F>),
    Failed(Diagnostic),
}

impl<F> From<Result<ContentFile<F>, Diagnostic>> for Parsed<F> {
    fn from(result: Result<ContentFile<F>, Diagnostic>) -> Self {
        match result {
            Ok(file) => Parsed::Document(file),
            Err(diagnostic) => Parsed::Failed(diagnostic),
        }
    }
}

/// The parsed files of one section of `content/`, by path relative to the site root.
struct Known<F> {
    files: BTreeMap<PathBuf, Parsed<F>>,
}

impl<F: FrontMatter> Known<F> {
    /// Every file of the section, read.
    fn read(root: &Path) -> (Known<F>, usize) {
        let mut known = Known {
            files: BTreeMap::new(),
        };
        let read = known.reload(root);
        (known, read)
    }

    fn dir(&self) -> PathBuf {
        Path::new(CONTENT_DIR).join(F::FOLDER)
    }

    /// Read every file of the section again.
    fn reload(&mut self, root: &Path) -> usize {
        let (files, problems) = content::section_files::<F>(root);
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
    /// how many files were read. Each changed path is looked at again. A path that is gone, or
    /// new, may be half of a rename whose other half's event was merged away within one
    /// debounce window (a file renamed, then deleted): the listing of its folder tells.
    fn update(&mut self, root: &Path, paths: &[&Path]) -> Update {
        let dir = self.dir();
        let mut to_read: BTreeSet<PathBuf> = BTreeSet::new();
        let mut forgotten: BTreeSet<PathBuf> = BTreeSet::new();
        let mut folders: BTreeSet<&Path> = BTreeSet::new();
        for &path in paths.iter().filter(|path| path.starts_with(&dir)) {
            if path == dir {
                return Update {
                    read: self.reload(root),
                    same_files: false,
                };
            }
            let known = self.files.contains_key(path);
            forgotten.extend(self.forget_under(path));
            let (found, problems) =
                inputs::files(root, Folder::Content, path, content::is_markdown);
            self.record(problems);
            if (found.is_empty() || !known)
                && let Some(folder) = path.parent()
            {
                folders.insert(folder);
            }
            to_read.extend(found);
        }
        for folder in folders {
            let (gone, new) = self.reconcile(root, folder);
            forgotten.extend(gone);
            to_read.extend(new);
        }
        let absolute: Vec<PathBuf> = to_read.iter().map(|path| root.join(path)).collect();
        self.files.extend(read_all(root, &absolute));
        Update {
            read: absolute.len(),
            same_files: forgotten == to_read,
        }
    }

    /// Drop whatever is known at or under `path`; returns what that was.
    fn forget_under(&mut self, path: &Path) -> Vec<PathBuf> {
        let stale: Vec<PathBuf> = self
            .files
            .range(path.to_path_buf()..)
            .take_while(|(known, _)| known.starts_with(path))
            .map(|(known, _)| known.clone())
            .collect();
        for known in &stale {
            self.files.remove(known);
        }
        stale
    }

    /// Make what is known directly in `folder` match its listing: files gone from it and
    /// folders no longer there are dropped, and returned first; the files it has that are not
    /// known are returned second, to be read.
    fn reconcile(&mut self, root: &Path, folder: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
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
        for known in &gone {
            self.files.remove(known);
        }
        let new = files
            .into_iter()
            .filter(|file| !self.files.contains_key(*file))
            .cloned()
            .collect();
        self.record(listing.problems);
        (gone, new)
    }

    /// The files for a build, in path order, and the problems of the files that did not
    /// parse. Documents and texts are shared, not copied.
    fn files(&self, include_drafts: bool, diagnostics: &mut Diagnostics) -> Vec<ContentFile<F>> {
        let mut files = Vec::with_capacity(self.files.len());
        for parsed in self.files.values() {
            match parsed {
                Parsed::Document(file) if include_drafts || !file.doc.front.draft() => {
                    files.push(file.clone());
                }
                Parsed::Failed(diagnostic) => diagnostics.push(diagnostic.clone()),
                Parsed::Document(_) => {}
            }
        }
        files
    }
}

/// What updating a section did: how many files it read, and whether the section holds the
/// same files as before (each changed one read again, none added or gone).
#[derive(Debug, Clone, Copy)]
struct Update {
    read: usize,
    same_files: bool,
}

impl std::ops::Add for Update {
    type Output = Update;

    fn add(self, other: Update) -> Update {
        Update {
            read: self.read + other.read,
            same_files: self.same_files && other.same_files,
        }
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

/// What is known of each section of `content/`.
struct KnownSections;

impl content::Section for KnownSections {
    type Of<F: FrontMatter> = Known<F>;
}

type Sections = content::Sections<KnownSections>;

/// Reads every section, counting the files.
struct Reader<'a> {
    root: &'a Path,
    read: usize,
}

impl MakeSection<KnownSections> for Reader<'_> {
    fn make<F: FrontMatter>(&mut self) -> Known<F> {
        let (known, read) = Known::read(self.root);
        self.read += read;
        known
    }
}

/// Brings every section up to date with changed paths.
struct Updater<'a> {
    root: &'a Path,
    paths: &'a [&'a Path],
    update: Update,
}

impl VisitSection<KnownSections> for Updater<'_> {
    fn visit<F: FrontMatter>(&mut self, known: &mut Known<F>) {
        self.update = self.update + known.update(self.root, self.paths);
    }
}

/// The content of a build, from what is known.
struct Collector<'a> {
    known: &'a Sections,
    include_drafts: bool,
    diagnostics: Diagnostics,
}

impl MakeSection<Files> for Collector<'_> {
    fn make<F: FrontMatter>(&mut self) -> Vec<ContentFile<F>> {
        F::of(self.known).files(self.include_drafts, &mut self.diagnostics)
    }
}

/// The content for a build from what is known, and the problems of files that did not parse.
fn content_of(known: &Sections, include_drafts: bool) -> (Content, Diagnostics) {
    let mut collector = Collector {
        known,
        include_drafts,
        diagnostics: Diagnostics::new(),
    };
    let content = content::Sections::make(&mut collector);
    (content, collector.diagnostics)
}

/// The state kept between builds of one site.
pub struct Incremental {
    root: PathBuf,
    options: BuildOptions,
    sections: Option<Sections>,
    /// What the previous build made, reused where inputs are unchanged.
    caches: Caches,
    /// The model of the last good build.
    kept: Option<Kept>,
    last_good: Option<Arc<Output>>,
}

/// A model kept for the next build, with its texts and the problems found while loading and
/// modelling it.
struct Kept {
    site: Site,
    texts: Texts,
    problems: Diagnostics,
}

impl Kept {
    /// For a batch of changes that only edited the bodies of articles in the model (each file
    /// read again with the same front matter text, no file added or gone), the model with the
    /// new bodies: nothing else the model is made of changed, so loading and modelling the
    /// whole site again would make the same model, but for its stories, grouped again. `None` otherwise, for a full rebuild.
    /// `articles` must be up to date with `changes` (see [`Known::update`]).
    fn with_new_bodies(
        mut self,
        articles: &Known<content::ArticleFrontMatter>,
        changes: &Changes,
    ) -> Option<Kept> {
        let dir = articles.dir();
        if changes.rescan || changes.paths.is_empty() {
            return None;
        }
        for path in &changes.paths {
            if !path.starts_with(&dir) {
                return None;
            }
            let Some((known, Parsed::Document(new))) = articles.files.get_key_value(path) else {
                return None;
            };
            // The model's paths are the map's keys, byte for byte: compared as bytes, not
            // component by component, so that a batch of many edits stays cheap.
            let known = known.as_os_str();
            let index = self
                .site
                .articles
                .iter()
                .position(|article| article.doc.path.as_os_str() == known)?;
            if new.doc.yaml != self.site.articles[index].doc.yaml {
                return None;
            }
            self.texts.articles[index] = new.text.clone();
        }
        // Stories are grouped by the articles' words: group again (the words of the other
        // articles are remembered by their texts).
        self.site.regroup(&self.texts);
        Some(self)
    }
}

impl Incremental {
    pub fn new(root: &Path, options: BuildOptions) -> Incremental {
        Incremental {
            root: root.to_path_buf(),
            options,
            sections: None,
            caches: Caches::remembering(),
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

    /// Read what `changes` touched under `content/`: how many files were read, and whether
    /// the site has the same content files as before.
    fn read(&mut self, changes: &Changes) -> Update {
        let content_dir = Path::new(CONTENT_DIR);
        match &mut self.sections {
            Some(sections) if !changes.rescan && !changes.paths.contains(content_dir) => {
                let paths: Vec<&Path> = changes
                    .paths
                    .iter()
                    .map(PathBuf::as_path)
                    .filter(|path| path.starts_with(content_dir))
                    .collect();
                let mut updater = Updater {
                    root: &self.root,
                    paths: &paths,
                    update: Update {
                        read: 0,
                        same_files: true,
                    },
                };
                sections.each(&mut updater);
                updater.update
            }
            _ => {
                let mut reader = Reader {
                    root: &self.root,
                    read: 0,
                };
                self.sections = Some(content::Sections::make(&mut reader));
                Update {
                    read: reader.read,
                    same_files: false,
                }
            }
        }
    }

    /// Build again after `changes` (paths relative to the root, as [`super::watch`] reports
    /// them). On errors the previous good output is kept.
    pub fn build(&mut self, changes: &Changes) -> Result<Built, Diagnostics> {
        let start = Instant::now();
        let build = Build::new(&self.root, &self.options)?;
        let update = self.read(changes);
        let read_took = start.elapsed();
        let sections = self.sections.as_ref().expect("read above");
        let kept = self
            .kept
            .take()
            .filter(|_| update.same_files)
            // An embargo that lifted since changes the model without any file changing.
            .filter(|kept| {
                kept.site
                    .next_release()
                    .is_none_or(|release| release > build.schedule().now)
            })
            .and_then(|kept| kept.with_new_bodies(&sections.articles, changes));
        let loaded = match kept {
            Some(kept) => Loaded::again(&self.root, kept.site, kept.texts, kept.problems),
            None => {
                let (content, mut problems) = content_of(sections, self.options.drafts);
                problems.extend(content::stray_files(&self.root));
                build.model(content, problems, Timings::default())
            }
        };
        let texts = loaded.texts.clone();
        let sink = Memory::default();
        let mut rendered = loaded.render(&sink, &mut self.caches);
        rendered.timings.0.insert(0, ("read", read_took));
        if rendered.problems.has_errors() {
            return Err(rendered.problems);
        }
        let output = Arc::new(sink.into_output());
        let changes = rendered.timings.stage("changes", || match &self.last_good {
            Some(previous) => previous.diff(&output),
            None => Output::default().diff(&output),
        });
        self.kept = Some(Kept {
            site: rendered.site,
            texts,
            problems: rendered.loaded,
        });
        self.last_good = Some(output.clone());
        Ok(Built {
            output,
            warnings: rendered.problems,
            changes,
            output_dir: build.config().output_dir.clone(),
            micros: start.elapsed().as_micros(),
            files_read: update.read,
            timings: rendered.timings,
        })
    }
}
