//! One module per command, each with its arguments and what it does; `main.rs` parses the
//! command line and calls one. What every command shares is here: the global options, the
//! site options, the errors and the one place that prints them.

pub(crate) mod build;
pub(crate) mod check;
mod compose;
pub(crate) mod import;
pub(crate) mod init;
mod live;
pub(crate) mod new;
pub(crate) mod serve;
pub(crate) mod theme;
pub(crate) mod watch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use brief::BuildOptions;
use brief::config::{Overrides, find_root};
use brief::diagnostics::Diagnostics;

/// The options every command takes, and where it runs.
pub(crate) struct Global {
    /// `--root`, if given.
    pub(crate) root: Option<PathBuf>,
    pub(crate) cwd: PathBuf,
    pub(crate) verbosity: Verbosity,
}

impl Global {
    /// The site root: `--root`, or the nearest folder upward holding `site.toml`.
    pub(crate) fn site_root(&self) -> Result<PathBuf, Error> {
        find_root(self.root.as_deref(), &self.cwd)
            .map_err(|diagnostic| Error::Site(Diagnostics::from_iter([diagnostic])))
    }

    /// The folder paths in messages are relative to: the site's, else the working folder.
    fn message_root(&self) -> PathBuf {
        self.site_root().unwrap_or_else(|_| self.cwd.clone())
    }

    /// Print problems (only errors when quiet).
    pub(crate) fn print_diagnostics(&self, diagnostics: &Diagnostics, root: &Path) {
        for diagnostic in diagnostics.iter() {
            if self.verbosity.is_quiet() && !diagnostic.is_error() {
                continue;
            }
            eprintln!("{}", diagnostic.render_human(root));
        }
    }

    /// Print an error: its problems, then the chain of its causes.
    pub(crate) fn report(&self, error: &Error) {
        if let Error::Site(diagnostics) = error {
            self.print_diagnostics(diagnostics, &self.message_root());
        }
        eprintln!("error: {}", error_chain(error));
    }
}

/// An error, then each of its causes on a line of its own.
pub(crate) fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    message
}

/// The options of the commands that build a site.
#[derive(clap::Args)]
pub(crate) struct SiteArgs {
    /// Use this base URL instead of site.toml's.
    #[arg(long, env = "BRIEF_BASE_URL", value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Write to this folder instead of site.toml's output_dir.
    #[arg(long, short, env = "BRIEF_OUTPUT", value_name = "DIR")]
    pub(crate) output: Option<PathBuf>,
    /// Include drafts.
    #[arg(long, env = "BRIEF_DRAFTS", action = clap::ArgAction::SetTrue, value_parser = EnvFlag("BRIEF_DRAFTS"))]
    pub(crate) drafts: bool,
    /// Write into an output folder that brief did not make (its other files are kept).
    #[arg(long)]
    pub(crate) force: bool,
    /// Include articles and briefings dated in the future (embargoed), marked as such.
    #[arg(long, env = "BRIEF_FUTURE", action = clap::ArgAction::SetTrue, value_parser = EnvFlag("BRIEF_FUTURE"))]
    pub(crate) future: bool,
}

/// A yes/no flag that an environment variable may set (`BRIEF_DRAFTS=1`): the usual spellings
/// (1 or 0, true or false, yes or no, on or off, in any case; empty is no). Anything else is an
/// error naming the variable, which is where the value came from when the flag is not given.
#[derive(Clone, Copy)]
pub(crate) struct EnvFlag(pub(crate) &'static str);

impl clap::builder::TypedValueParser for EnvFlag {
    type Value = bool;

    fn parse_ref(
        &self,
        command: &clap::Command,
        _: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<bool, clap::Error> {
        let text = value.to_string_lossy();
        match text.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" | "y" => Ok(true),
            "0" | "false" | "no" | "off" | "n" | "" => Ok(false),
            _ => Err(clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!(
                    "{} is `{text}`, which is neither yes nor no: use 1 or 0, true or false, yes or no, on or off\n",
                    self.0
                ),
            )
            .with_cmd(command)),
        }
    }
}

impl SiteArgs {
    /// How the output folder is opened: `--force` adopts one that brief did not make.
    pub(crate) fn opener(&self) -> brief::output::Opener {
        if self.force {
            brief::output::OutputFolder::adopt
        } else {
            brief::output::OutputFolder::open
        }
    }

    pub(crate) fn options(&self) -> BuildOptions {
        BuildOptions {
            drafts: self.drafts,
            future: self.future,
            overrides: Overrides {
                base_url: self.base_url.clone(),
                output_dir: self.output.clone(),
            },
        }
    }
}

/// How much `serve` and `watch` print while they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verbosity {
    /// Only errors.
    Quiet,
    /// One line per build.
    Normal,
    /// Also each build's stage times.
    Verbose,
}

impl Verbosity {
    /// From the command line's `--quiet` and `--verbose` (quiet wins).
    pub(crate) fn from_flags(quiet: bool, verbose: bool) -> Verbosity {
        match (quiet, verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        }
    }

    pub(crate) fn is_quiet(self) -> bool {
        self == Verbosity::Quiet
    }
}

/// What a command ends with when it did not end well.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    #[error("{} error{} found", .0.error_count(), if .0.error_count() == 1 { "" } else { "s" })]
    Site(Diagnostics),
    #[error("cannot write the site")]
    Write(#[from] brief::output::SyncError),
    #[error(transparent)]
    Watch(#[from] brief::serve::watch::WatchError),
    #[error("cannot serve on {address}{}", if .source.kind() == std::io::ErrorKind::AddrInUse {
        " (another server uses this port: pick another with --port, or --port 0 for any free one)"
    } else {
        ""
    })]
    Bind {
        address: std::net::SocketAddr,
        #[source]
        source: std::io::Error,
    },
    /// A command-line value that cannot be used, with what to do instead.
    #[error("{0}")]
    Usage(String),
    /// `brief new` or `brief theme eject` would write over a file.
    #[error("{} exists already: brief never writes over it (choose another name, or edit or remove that file)", .0.display())]
    Exists(PathBuf),
    /// A person or topic the command line names that the site does not know.
    #[error("{0}")]
    UnknownName(String),
    /// The composer found nothing to put in a briefing.
    #[error("no story has an article dated {since} to {until}{}: there is nothing to compose", if *.chosen { " that names or relates to the chosen topics and people" } else { "" })]
    NoStories {
        since: jiff::civil::Date,
        until: jiff::civil::Date,
        chosen: bool,
    },
    #[error("cannot use the archetype {}", .file.display())]
    Archetype {
        file: PathBuf,
        #[source]
        source: tera::Error,
    },
    #[error("{context}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// An I/O error, with what was being done.
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
        let context = context.into();
        move |source| Error::Io { context, source }
    }
}

/// Success, or failure when `ok` is false.
pub(crate) fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Write `text` to `path` (relative to `root`) whole, or not at all, and never over a file.
pub(crate) fn create_new_file(root: &Path, path: &Path, text: &str) -> Result<(), Error> {
    let target = root.join(path);
    let folder = target.parent().expect("a file under a folder of the site");
    let io = |what: &str| Error::io(format!("cannot {what} {}", path.display()));
    std::fs::create_dir_all(folder).map_err(io("make the folder of"))?;
    let mut file = tempfile::Builder::new()
        .prefix(".brief-")
        .suffix(".brief-tmp")
        .tempfile_in(folder)
        .map_err(io("write"))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(io("write"))?;
    file.persist_noclobber(&target).map_err(|error| {
        if error.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Exists(path.to_path_buf())
        } else {
            io("write")(error.error)
        }
    })?;
    Ok(())
}
