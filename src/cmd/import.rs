//! `brief import [--out DIR] [--dry-run] [--force] [--date YYYY-MM-DD] [--encoding NAME] PATH...`

use std::path::{Path, PathBuf};

use super::{Error, Global, exit};
use brief::config::{CONFIG_FILE, find_root};
use brief::content::{CONTENT_DIR, DateValue};
use brief::diagnostics::Diagnostics;
use brief::import::{self, BatchOptions, Importer, Report, Status};

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct Args {
    /// Raw text files, or folders to search for `*.txt`.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write the articles here (default: the site's content/articles).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write nothing; print what would change.
    #[arg(long)]
    dry_run: bool,
    /// Overwrite articles that exist and differ (editors' changes are lost).
    #[arg(long)]
    force: bool,
    /// The date of articles whose header has none (otherwise the latest date in the text).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Decode files that are not UTF-8 with this encoding, such as windows-1252.
    #[arg(long, value_name = "NAME")]
    encoding: Option<String>,
}

/// What an import did: the report, and warnings about the site's profiles.
#[derive(Debug)]
struct ImportSummary {
    report: Report,
    warnings: Diagnostics,
    /// The site root, if the import ran in a site.
    root: Option<PathBuf>,
}

/// Import into the site at `root` (or the site around `cwd`). Without a site, `--out` is
/// needed and the default settings apply.
/// `brief import`: a status line per input, then a summary; exit 1 if any input failed.
pub(crate) fn execute(global: &Global, args: &Args) -> Result<std::process::ExitCode, Error> {
    let cwd = &global.cwd;
    let summary = run(global.root.as_deref(), cwd, args)?;
    let root = summary.root.clone().unwrap_or_else(|| cwd.clone());
    global.print_diagnostics(&summary.warnings, &root);
    let quiet = global.verbosity.is_quiet();
    for line in summary.lines(cwd) {
        if !quiet {
            println!("{line}");
        } else if line.contains(": failed: ") {
            eprintln!("{line}");
        }
    }
    if !quiet {
        println!("{}", summary.summary());
    }
    Ok(exit(summary.failed() == 0))
}

fn run(root: Option<&Path>, cwd: &Path, args: &Args) -> Result<ImportSummary, Error> {
    let date = args
        .date
        .as_deref()
        .map(|text| {
            DateValue::parse(text)
                .map(|date| date.date)
                .map_err(|message| Error::Usage(format!("--date: {message}")))
        })
        .transpose()?;
    let encoding = args
        .encoding
        .as_deref()
        .map(|label| {
            import::encoding_for(label).ok_or_else(|| {
                Error::Usage(format!(
                    "--encoding: unknown encoding `{label}` (try windows-1252, iso-8859-1, utf-16le)"
                ))
            })
        })
        .transpose()?;
    let site_root = match (root, find_root(root, cwd)) {
        (_, Ok(root)) => Some(root),
        (Some(_), Err(diagnostic)) => {
            return Err(Error::Site(Diagnostics::from_iter([diagnostic])));
        }
        (None, Err(_)) => None,
    };
    let (importer, warnings) = match &site_root {
        Some(root) => Importer::for_site(root)
            .map_err(|diagnostic| Error::Site(Diagnostics::from_iter([diagnostic])))?,
        None => (Importer::without_site(), Diagnostics::new()),
    };
    let out = match (&args.out, &site_root) {
        (Some(out), _) => cwd.join(out),
        (None, Some(root)) => root.join(CONTENT_DIR).join("articles"),
        (None, None) => {
            return Err(Error::Usage(format!(
                "no {CONFIG_FILE} here or above: run brief import inside a site, or pass --out DIR"
            )));
        }
    };
    let inputs = import::collect_inputs(
        &args
            .paths
            .iter()
            .map(|path| cwd.join(path))
            .collect::<Vec<_>>(),
    );
    let options = BatchOptions {
        out,
        dry_run: args.dry_run,
        force: args.force,
        encoding,
    };
    let report = import::run(&importer.with_date(date), &inputs, &options);
    Ok(ImportSummary {
        report,
        warnings,
        root: site_root,
    })
}

impl ImportSummary {
    /// One status line per input, paths shown relative to `cwd`.
    fn lines(&self, cwd: &Path) -> Vec<String> {
        let dry_run = self.report.dry_run;
        self.report
            .outcomes
            .iter()
            .map(|outcome| {
                let input = relative(&outcome.input, cwd);
                let status = match &outcome.status {
                    Status::Created if dry_run => "would create".to_owned(),
                    Status::Created => "created".to_owned(),
                    Status::Unchanged => "unchanged".to_owned(),
                    Status::Updated if dry_run => "would update".to_owned(),
                    Status::Updated => "updated".to_owned(),
                    Status::Overwritten if dry_run => "would overwrite".to_owned(),
                    Status::Overwritten => "overwritten".to_owned(),
                    Status::Skipped => {
                        "skipped (exists and differs; --force to overwrite)".to_owned()
                    }
                    Status::Conflict(other) => format!(
                        "skipped (made differently from {}, which has the same file name)",
                        relative(other, cwd)
                    ),
                    Status::Failed(error) => format!("failed: {error}"),
                };
                match (&outcome.output, &outcome.status) {
                    (_, Status::Failed(_)) | (None, _) => format!("{input}: {status}"),
                    (Some(output), _) => {
                        format!("{input} -> {}: {status}", relative(output, cwd))
                    }
                }
            })
            .collect()
    }

    /// The summary line.
    fn summary(&self) -> String {
        let report = &self.report;
        let count = |f: fn(&Status) -> bool| report.count(f);
        let total = report.outcomes.len();
        let files = if total == 1 { "file" } else { "files" };
        let (create, update, overwrite) = if report.dry_run {
            (
                "would be created",
                "would be updated",
                "would be overwritten",
            )
        } else {
            ("created", "updated", "overwritten")
        };
        let counts = format!(
            "{} {create}, {} unchanged, {} {update}, {} {overwrite}, {} skipped, {} failed",
            count(|s| matches!(s, Status::Created)),
            count(|s| matches!(s, Status::Unchanged)),
            count(|s| matches!(s, Status::Updated)),
            count(|s| matches!(s, Status::Overwritten)),
            count(|s| matches!(s, Status::Skipped | Status::Conflict(_))),
            count(|s| matches!(s, Status::Failed(_))),
        );
        if report.dry_run {
            format!("Dry run, nothing written. {total} {files}: {counts}")
        } else {
            format!("Imported {total} {files}: {counts}")
        }
    }

    fn failed(&self) -> usize {
        self.report.failed()
    }
}

fn relative(path: &Path, cwd: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}
