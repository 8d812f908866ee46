//! `brief build`: render the site, handing each file to a staging writer that makes it visible
//! in the output folder only when the whole build succeeded.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::output::{self, SyncStats};
use crate::{BuildOptions, Error, Rendered, pipeline_staged};

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
    // The output folder is known (and refused if it holds sources) before anything is written.
    let config = Config::load(root, &options.overrides)
        .map_err(|diagnostic| Error::Site(Diagnostics::from_iter([diagnostic])))?;
    let output_dir = output_dir(root, &config.output_dir)?;
    let staging = output::Staging::new(&output_dir)?;
    let rendered = match pipeline_staged(root, options, &staging).into_result() {
        Ok(rendered) => rendered,
        Err(diagnostics) => {
            staging.abort();
            return Err(Error::Site(diagnostics));
        }
    };
    let sync = staging.commit(&rendered.output)?;
    Ok(BuildSummary {
        rendered,
        output_dir,
        sync,
        millis: start.elapsed().as_millis(),
    })
}
