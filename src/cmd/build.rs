//! `brief build`: render the site, handing each file to a staging writer that makes it visible
//! in the output folder only when the whole build succeeded.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Error, Global, SiteArgs, Verbosity};
use brief::output::{self, Output, SyncStats};
use brief::render::cache::Caches;
use brief::{Build, BuildOptions, Rendered};

/// What a build did, for the summary line.
#[derive(Debug)]
struct BuildSummary {
    rendered: Rendered,
    output_dir: PathBuf,
    sync: SyncStats,
    millis: u128,
}

impl BuildSummary {
    fn line(&self) -> String {
        let site = &self.rendered.site;
        format!(
            "Built {} files ({} articles, {} briefings, {} topics, {} people) in {} ms: {} written, {} unchanged, {} removed",
            self.rendered.paths.len(),
            site.articles.len(),
            site.briefings.len(),
            site.entities.topics.len(),
            site.entities.people.len(),
            self.millis,
            self.sync.written,
            self.sync.unchanged,
            self.sync.removed,
        )
    }
}

/// The output folder of a site, refusing one that would hold or be the site's own sources.
pub(crate) fn output_dir(root: &Path, configured: &Path) -> Result<PathBuf, Error> {
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

#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    site: SiteArgs,
}

/// `brief build`: warnings, the summary line (and stage times with `-v`).
pub(crate) fn execute(global: &Global, args: &Args) -> Result<std::process::ExitCode, Error> {
    let root = global.site_root()?;
    let summary = run(&root, &args.site.options())?;
    global.print_diagnostics(&summary.rendered.problems, &root);
    if global.verbosity == Verbosity::Verbose {
        println!("Stages: {}", summary.rendered.timings);
        println!("Output: {}", summary.output_dir.display());
    }
    if !global.verbosity.is_quiet() {
        println!("{}", summary.line());
    }
    Ok(std::process::ExitCode::SUCCESS)
}

fn run(root: &Path, options: &BuildOptions) -> Result<BuildSummary, Error> {
    let start = Instant::now();
    // The output folder is known (and refused if it holds sources) before anything is written.
    let build = Build::new(root, options).map_err(Error::Site)?;
    let output_dir = output_dir(root, &build.config().output_dir)?;
    let staging = output::Staging::new(&output_dir)?;
    let rendered = build.load().render(&staging, &mut Caches::forgetful());
    if rendered.problems.has_errors() {
        staging.abort();
        return Err(Error::Site(rendered.problems));
    }
    // The files are in place already; committing needs only their names.
    let written = Output {
        files: rendered
            .paths
            .iter()
            .map(|path| (path.clone(), bytes::Bytes::new()))
            .collect(),
    };
    let sync = staging.commit(&written)?;
    Ok(BuildSummary {
        rendered,
        output_dir,
        sync,
        millis: start.elapsed().as_millis(),
    })
}
