//! `brief build`: render the site, handing each file to a staging writer that makes it visible
//! in the output folder only when the whole build succeeded.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Error, Global, SiteArgs, Verbosity};
use brief::config::{CONFIG_FILE, Overrides};
use brief::diagnostics::{Diagnostic, Diagnostics};
use brief::output::{self, Opener, Output, OutputFolder, SyncStats};
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
            "Built {} files ({} articles, {} briefings, {} topics, {} people{}) in {} ms: {} written, {} unchanged, {} removed",
            self.rendered.paths.len(),
            site.articles.len(),
            site.briefings.len(),
            site.entities.topics.len(),
            site.entities.people.len(),
            match site.embargoed.len() {
                0 => String::new(),
                held => format!("; {held} embargoed"),
            },
            self.millis,
            self.sync.written,
            self.sync.unchanged,
            self.sync.removed,
        )
    }
}

/// The output folder of a site, as a canonical path; one that is, holds or lies inside the
/// site's sources is refused ([`output::resolve_output_dir`]), as an error at `output_dir` in
/// `site.toml`, or naming the folder when `--output` chose it.
pub(crate) fn output_dir(
    root: &Path,
    configured: &Path,
    overrides: &Overrides,
) -> Result<PathBuf, Diagnostic> {
    output::resolve_output_dir(root, configured).map_err(|message| {
        let diagnostic = Diagnostic::error("output-dir", message);
        if overrides.output_dir.is_some() {
            diagnostic.in_file(configured)
        } else {
            let (line, column) = brief::config::value_position(root, "output_dir");
            diagnostic.in_file(CONFIG_FILE).at(line, column)
        }
    })
}

/// Open the output folder with `open`; a refusal is an error naming the folder.
pub(crate) fn open_output(
    root: &Path,
    dir: &Path,
    open: Opener,
) -> Result<OutputFolder, Diagnostic> {
    open(dir).map_err(|error| {
        let cause = std::error::Error::source(&error)
            .map(ToString::to_string)
            .unwrap_or_default();
        Diagnostic::error("output-dir", format!("{error}: {cause}"))
            .in_file(dir.strip_prefix(root).unwrap_or(dir))
    })
}

#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    site: SiteArgs,
}

/// `brief build`: warnings, the summary line (and stage times with `-v`).
pub(crate) fn execute(global: &Global, args: &Args) -> Result<std::process::ExitCode, Error> {
    let root = global.site_root()?;
    let summary = run(&root, &args.site.options(), args.site.opener())?;
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

fn run(root: &Path, options: &BuildOptions, open: Opener) -> Result<BuildSummary, Error> {
    let start = Instant::now();
    let refused = |diagnostic| Error::Site(Diagnostics::from_iter([diagnostic]));
    // The output folder is known (and refused if it holds sources) before anything is written.
    let build = Build::new(root, options).map_err(Error::Site)?;
    let configured = &build.config().output_dir;
    let output_dir = output_dir(root, configured, &options.overrides).map_err(refused)?;
    let staging = output::Staging::new(open_output(root, &output_dir, open).map_err(refused)?);
    let rendered = build.load().render(&staging, &mut Caches::forgetful());
    if rendered.problems.has_errors() {
        staging.abort();
        return Err(Error::Site(rendered.problems));
    }
    // The files are staged already; committing needs only their names.
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
