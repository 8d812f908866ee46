//! Rebuilding a site after changes: keeps what the previous build read so that a change costs
//! work in proportion to what it touched, and produces exactly what a full build would (the
//! property test in `tests/incremental.rs` compares the two after random edits).
//!
//! What is kept: every content file parsed, by path. A changed file is read and parsed again, a
//! removed one dropped, a changed folder walked again; everything else is reused as parsed. The
//! rest of the pipeline (model, Markdown, pages) runs through [`crate::pipeline_with`], the
//! same code `brief build` runs, so the two cannot drift apart.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use super::watch::Changes;
use crate::content::{self, CONTENT_DIR, Content, Document, FrontMatter};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{self, Output};
use crate::{BuildOptions, pipeline_with};

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
}

/// The parsed files of one section of `content/`, by path relative to the site root.
struct Section<F> {
    name: &'static str,
    files: BTreeMap<PathBuf, Result<Document<F>, Diagnostic>>,
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
        let files = content::section_files(root, self.name);
        self.files = read_all(root, &files).into_iter().collect();
        files.len()
    }

    /// Bring the section up to date with the changed `paths` (relative to the root); returns
    /// how many files were read.
    fn update(&mut self, root: &Path, paths: &[&Path]) -> usize {
        let dir = self.dir();
        let mut to_read: Vec<PathBuf> = Vec::new();
        for &path in paths {
            if !path.starts_with(&dir) {
                continue;
            }
            if path == dir {
                return self.reload(root);
            }
            // Whatever was known at or under this path may be gone.
            let stale: Vec<PathBuf> = self
                .files
                .range(path.to_path_buf()..)
                .take_while(|(known, _)| known.starts_with(path))
                .map(|(known, _)| known.clone())
                .collect();
            for known in stale {
                self.files.remove(&known);
            }
            // What is there now, as `content::section_files` would list it.
            let absolute = root.join(path);
            let Ok(metadata) = std::fs::symlink_metadata(&absolute) else {
                continue;
            };
            if metadata.is_dir() {
                to_read.extend(
                    walkdir::WalkDir::new(&absolute)
                        .into_iter()
                        .filter_entry(|entry| {
                            entry.depth() == 0
                                || !entry.file_name().to_string_lossy().starts_with('.')
                        })
                        .filter_map(Result::ok)
                        .filter(|entry| entry.file_type().is_file())
                        .map(|entry| entry.into_path())
                        .filter(|file| file.extension().is_some_and(|ext| ext == "md"))
                        .filter_map(|file| file.strip_prefix(root).ok().map(Path::to_path_buf)),
                );
            } else if metadata.is_file() && path.extension().is_some_and(|ext| ext == "md") {
                to_read.push(path.to_path_buf());
            }
        }
        // A path inside a hidden folder of the section is not content.
        to_read.retain(|path| {
            path.strip_prefix(&dir).is_ok_and(|inside| {
                inside
                    .components()
                    .all(|part| !part.as_os_str().to_string_lossy().starts_with('.'))
            })
        });
        to_read.sort();
        to_read.dedup();
        let absolute: Vec<PathBuf> = to_read.iter().map(|path| root.join(path)).collect();
        let count = absolute.len();
        self.files.extend(read_all(root, &absolute));
        count
    }

    /// The documents for a build, in path order, and the problems of the files that did not
    /// parse.
    fn documents(&self, include_drafts: bool, diagnostics: &mut Diagnostics) -> Vec<Document<F>> {
        let mut documents = Vec::with_capacity(self.files.len());
        for result in self.files.values() {
            match result {
                Ok(document) if include_drafts || !document.front.draft() => {
                    documents.push(document.clone())
                }
                Ok(_) => {}
                Err(diagnostic) => diagnostics.push(diagnostic.clone()),
            }
        }
        documents
    }
}

/// Read and parse files (absolute paths), in parallel, keyed by root-relative path.
fn read_all<F: FrontMatter>(
    root: &Path,
    files: &[PathBuf],
) -> Vec<(PathBuf, Result<Document<F>, Diagnostic>)> {
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
            (relative, parsed)
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

    fn content(&self, include_drafts: bool) -> (Content, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let content = Content {
            articles: self.articles.documents(include_drafts, &mut diagnostics),
            briefings: self.briefings.documents(include_drafts, &mut diagnostics),
            people: self.people.documents(include_drafts, &mut diagnostics),
            topics: self.topics.documents(include_drafts, &mut diagnostics),
        };
        (content, diagnostics)
    }
}

/// The state kept between builds of one site.
pub struct Incremental {
    root: PathBuf,
    options: BuildOptions,
    loaded: Option<Loaded>,
    /// Markdown and pages of the previous build, reused where their inputs are unchanged.
    memo: crate::render::Memo,
    last_good: Option<Arc<Output>>,
}

impl Incremental {
    pub fn new(root: &Path, options: BuildOptions) -> Incremental {
        Incremental {
            root: root.to_path_buf(),
            options,
            loaded: None,
            memo: crate::render::Memo::default(),
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
                let mut loaded = Loaded::new();
                let count = loaded.reload(&root);
                self.loaded = Some(loaded);
                count
            }
        };
        let loaded = self.loaded.as_ref().expect("loaded above");
        let rendered = pipeline_with(
            &root,
            &self.options,
            &mut |_, drafts| loaded.content(drafts),
            &mut self.memo,
        )
        .into_result()?;
        let output = Arc::new(rendered.output);
        let changes = match &self.last_good {
            Some(previous) => previous.changes(&output),
            None => Output::default().changes(&output),
        };
        self.last_good = Some(output.clone());
        Ok(Built {
            output,
            warnings: rendered.warnings,
            changes,
            output_dir: rendered.site.config.output_dir.clone(),
            micros: start.elapsed().as_micros(),
            files_read,
        })
    }
}
