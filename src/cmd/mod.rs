//! One module per command; `main.rs` parses arguments and calls these.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod serve;
pub mod watch;

/// How much `serve` and `watch` print while they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Only errors.
    Quiet,
    /// One line per build.
    Normal,
    /// Also each build's stage times.
    Verbose,
}

impl Verbosity {
    /// From the command line's `--quiet` and `--verbose` (quiet wins).
    pub fn from_flags(quiet: bool, verbose: bool) -> Verbosity {
        match (quiet, verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        }
    }

    pub fn is_quiet(self) -> bool {
        self == Verbosity::Quiet
    }
}
