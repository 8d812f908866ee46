//! `brief build`: render the site in memory, then sync it to the output folder.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::output::{self, SyncStats};
use crate::{BuildOptions, Error, Rendered, load_and_render};

/// What a build did, for the summary line.
#[derive(Debug)]
pub struct BuildSummary {
    pub rendered: Rendered,
    pub output_dir: PathBuf,
    pub sync: SyncStats,
    pub millis: u128,
}

impl BuildSummary {
    pub fn line(&self) -> String {
        let site = &self.rendered.site;
        format!(
            "Built {} files ({} articles, {} briefings, {} topics, {} people) in {} ms: {} written, {} unchanged, {} removed",
            self.rendered.output.len(),
            site.articles.len(),
            site.briefings.len(),
            site.topics.len(),
            site.people.len(),
            self.millis,
            self.sync.written,
            self.sync.unchanged,
            self.sync.removed,
        )
    }
}

/// The output folder of a site, refusing one that would hold or be the site's own sources.
pub fn output_dir(root: &Path, configured: &Path) -> Result<PathBuf, Error> {
    let dir = root.join(configured);
    let normalized: PathBuf = dir.components().collect();
    let root_normalized: PathBuf = root.components().collect();
    if root_normalized.starts_with(&normalized)
        || ["content", "templates", "static"]
            .iter()
            .any(|source| normalized.starts_with(root_normalized.join(source)))
    {
        return Err(Error::Usage(format!(
            "refusing to use {} as the output folder: it holds the site's sources, and brief removes files there that the site does not produce",
            dir.display()
        )));
    }
    Ok(dir)
}

pub fn run(root: &Path, options: &BuildOptions) -> Result<BuildSummary, Error> {
    let start = Instant::now();
    let rendered = load_and_render(root, options).map_err(Error::Site)?;
    let output_dir = output_dir(root, &rendered.site.config.output_dir)?;
    let sync = output::sync(&rendered.output, &output_dir)?;
    Ok(BuildSummary {
        rendered,
        output_dir,
        sync,
        millis: start.elapsed().as_millis(),
    })
}
