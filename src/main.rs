//! The `brief` command line: parse arguments and run one command (`cmd/`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

use cmd::{Global, Verbosity};

// Rendering allocates many short-lived strings on every core at once: jemalloc serves them
// faster than the system allocator at the same peak memory.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Parser)]
#[command(
    name = "brief",
    version,
    about = "A static site generator for curated news briefings"
)]
struct Cli {
    /// The site root (default: the nearest folder upward holding site.toml).
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Print only errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Print more: the time of each stage and where the output went.
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build(cmd::build::Args),
    /// Check the whole site in memory and report every problem; writes nothing.
    Check(cmd::check::Args),
    /// Build, serve the site over HTTP, rebuild on change and reload open pages.
    Serve(cmd::serve::Args),
    /// Build, then rebuild into the output folder on every change (for use with any server).
    Watch(cmd::watch::Args),
    /// Turn raw news text files into articles with front matter.
    Import(cmd::import::Args),
    /// Create a new site in DIR from the default theme.
    Init(cmd::init::Args),
    /// Write a new article, briefing, person, topic or page from its archetype.
    New(cmd::new::Args),
    /// Copy a template of the default theme into the site for editing, or list them.
    Theme(cmd::theme::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let global = Global {
        root: cli.root,
        cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        verbosity: Verbosity::from_flags(cli.quiet, cli.verbose),
    };
    let result = match &cli.command {
        Command::Build(args) => cmd::build::execute(&global, args),
        Command::Check(args) => cmd::check::execute(&global, args),
        Command::Serve(args) => cmd::serve::execute(&global, args),
        Command::Watch(args) => cmd::watch::execute(&global, args),
        Command::Import(args) => cmd::import::execute(&global, args),
        Command::Init(args) => cmd::init::execute(&global, args),
        Command::New(args) => cmd::new::execute(&global, args),
        Command::Theme(args) => cmd::theme::execute(&global, args),
    };
    result.unwrap_or_else(|error| {
        global.report(&error);
        ExitCode::FAILURE
    })
}
