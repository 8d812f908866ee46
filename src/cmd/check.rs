//! `brief check`: run the whole pipeline in memory, write nothing, and report every problem of
//! the site at once, with the editorial rules of [`brief::check`] on top.

use std::path::Path;

use brief::diagnostics::Diagnostics;
use brief::render::Memory;
use brief::render::cache::Caches;
use brief::{Build, BuildOptions};

use super::{Error, Global, exit};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Include drafts.
    #[arg(long, env = "BRIEF_DRAFTS", action = clap::ArgAction::SetTrue, value_parser = super::EnvFlag("BRIEF_DRAFTS"))]
    drafts: bool,
    /// Include articles and briefings dated in the future (embargoed).
    #[arg(long, env = "BRIEF_FUTURE", action = clap::ArgAction::SetTrue, value_parser = super::EnvFlag("BRIEF_FUTURE"))]
    future: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// How to print problems: `human`, or `json` (one object per line on stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Check with this base URL instead of site.toml's (as `build --base-url` would use).
    #[arg(long, env = "BRIEF_BASE_URL", value_name = "URL")]
    base_url: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

/// `brief check`: print every problem; exit 1 when any is an error.
pub(crate) fn execute(global: &Global, args: &Args) -> Result<std::process::ExitCode, Error> {
    let (report, root) = match global.site_root() {
        Ok(root) => {
            let options = BuildOptions {
                drafts: args.drafts,
                future: args.future,
                overrides: brief::config::Overrides {
                    base_url: args.base_url.clone(),
                    output_dir: None,
                },
            };
            (run(&root, &options, args.strict), root)
        }
        Err(Error::Site(diagnostics)) => (
            CheckReport {
                diagnostics,
                files: 0,
                stories: String::new(),
            },
            global.cwd.clone(),
        ),
        Err(error) => return Err(error),
    };
    match args.format {
        Format::Json => {
            let quiet = global.verbosity.is_quiet();
            let shown: Diagnostics = report
                .diagnostics
                .iter()
                .filter(|d| !quiet || d.is_error())
                .cloned()
                .collect();
            print!("{}", shown.to_json_lines());
        }
        Format::Human => {
            global.print_diagnostics(&report.diagnostics, &root);
            if !global.verbosity.is_quiet() {
                print!("{}", report.stories);
                println!("{}", report.line());
            }
        }
    }
    Ok(exit(report.passed()))
}

/// What a check found.
#[derive(Debug)]
struct CheckReport {
    /// Every problem, sorted; with `strict`, warnings are already errors.
    diagnostics: Diagnostics,
    /// How many files a build would write (0 when rendering could not start).
    files: usize,
    /// The stories and their members, for review (empty when the site did not load).
    stories: String,
}

impl CheckReport {
    /// Whether the site passes: no errors.
    fn passed(&self) -> bool {
        !self.diagnostics.has_errors()
    }

    /// `Checked 47 files: 2 errors, 1 warning` (`, 1 note` when there are notes).
    fn line(&self) -> String {
        let plural = |count: usize, word: &str| {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        };
        let notes = match self.diagnostics.note_count() {
            0 => String::new(),
            count => format!(", {}", plural(count, "note")),
        };
        format!(
            "Checked {}: {}, {}{notes}",
            plural(self.files, "file"),
            plural(self.diagnostics.error_count(), "error"),
            plural(self.diagnostics.warning_count(), "warning"),
        )
    }
}

/// Check the site at `root`. `strict` makes every warning an error.
fn run(root: &Path, options: &BuildOptions, strict: bool) -> CheckReport {
    let build = match Build::new(root, options) {
        Ok(build) => build,
        Err(diagnostics) => {
            return CheckReport {
                diagnostics,
                files: 0,
                stories: String::new(),
            };
        }
    };
    let rendered = build
        .load()
        .render(&Memory::default(), &mut Caches::forgetful());
    let mut diagnostics = rendered.problems;
    diagnostics.extend(brief::check::lint(&rendered.site, root));
    diagnostics.extend(brief::theme::stale_overrides(root));
    let overrides = brief::config::Overrides::default();
    let configured = &rendered.site.config.output_dir;
    if let Err(refusal) = super::build::output_dir(root, configured, &overrides) {
        diagnostics.push(refusal);
    }
    let mut diagnostics = diagnostics.sorted();
    if strict {
        diagnostics = diagnostics.strict();
    }
    CheckReport {
        diagnostics,
        files: rendered.paths.len(),
        stories: brief::check::story_listing(&rendered.site),
    }
}
