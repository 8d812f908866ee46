//! The `brief` command line: parse arguments, call the library, print diagnostics, exit.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use brief::cmd::Verbosity;
use brief::config::{Overrides, find_root};
use brief::{BuildOptions, Error, cmd};

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

#[derive(clap::Args)]
struct SiteArgs {
    /// Use this base URL instead of site.toml's.
    #[arg(long, env = "BRIEF_BASE_URL", value_name = "URL")]
    base_url: Option<String>,
    /// Write to this folder instead of site.toml's output_dir.
    #[arg(long, short, env = "BRIEF_OUTPUT", value_name = "DIR")]
    output: Option<PathBuf>,
    /// Include drafts.
    #[arg(long, env = "BRIEF_DRAFTS")]
    drafts: bool,
}

impl SiteArgs {
    fn options(&self) -> BuildOptions {
        BuildOptions {
            drafts: self.drafts,
            overrides: Overrides {
                base_url: self.base_url.clone(),
                output_dir: self.output.clone(),
            },
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build(SiteArgs),
    /// Check the whole site in memory and report every problem; writes nothing.
    Check(CheckArgs),
    /// Build, serve the site over HTTP, rebuild on change and reload open pages.
    Serve(ServeArgs),
    /// Build, then rebuild into the output folder on every change (for use with any server).
    Watch(WatchArgs),
    /// Turn raw news text files into articles with front matter.
    Import(brief::cmd::import::ImportArgs),
    /// Create a new site in DIR from the default theme.
    Init {
        dir: PathBuf,
        /// Write into a non-empty folder.
        #[arg(long)]
        force: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let root_of = |cli: &Cli| find_root(cli.root.as_deref(), &cwd);
    let result: Result<(), (Error, PathBuf)> = match &cli.command {
        Command::Build(args) => match root_of(&cli) {
            Err(diagnostic) => Err((Error::Site([diagnostic].into_iter().collect()), cwd.clone())),
            Ok(root) => match cmd::build::run(&root, &args.options()) {
                Ok(summary) => {
                    print_diagnostics(&summary.rendered.problems, &root, &cli);
                    if cli.verbose {
                        println!("Stages: {}", summary.rendered.timings);
                        println!("Output: {}", summary.output_dir.display());
                    }
                    if !cli.quiet {
                        println!("{}", summary.line());
                    }
                    Ok(())
                }
                Err(error) => Err((error, root)),
            },
        },
        Command::Check(args) => return check(&cli, args, &cwd),
        Command::Import(args) => return import(&cli, args, &cwd),
        Command::Serve(args) => return serve(&cli, args, &cwd),
        Command::Watch(args) => return watch(&cli, args, &cwd),
        Command::Init { dir, force } => match cmd::init::run(dir, *force) {
            Ok(files) => {
                if !cli.quiet {
                    println!(
                        "Created a site in {} ({} files). Next: cd {} && brief build",
                        dir.display(),
                        files.len(),
                        dir.display()
                    );
                }
                Ok(())
            }
            Err(error) => Err((error, cwd.clone())),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((error, root)) => {
            report(&error, &root, &cli);
            ExitCode::FAILURE
        }
    }
}

fn print_diagnostics(diagnostics: &brief::diagnostics::Diagnostics, root: &Path, cli: &Cli) {
    for diagnostic in diagnostics.iter() {
        if cli.quiet && !diagnostic.is_error() {
            continue;
        }
        eprintln!("{}", diagnostic.render_human(root));
    }
}

/// Print an error: its diagnostics, then the chain of causes.
fn report(error: &Error, root: &Path, cli: &Cli) {
    if let Error::Site(diagnostics) = error {
        print_diagnostics(diagnostics, root, cli);
    }
    let mut message = format!("error: {error}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    eprintln!("{message}");
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Include drafts.
    #[arg(long, env = "BRIEF_DRAFTS")]
    drafts: bool,
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
fn check(cli: &Cli, args: &CheckArgs, cwd: &Path) -> ExitCode {
    let (report, root) = match find_root(cli.root.as_deref(), cwd) {
        Ok(root) => {
            let options = BuildOptions {
                drafts: args.drafts,
                overrides: Overrides {
                    base_url: args.base_url.clone(),
                    output_dir: None,
                },
            };
            (cmd::check::run(&root, &options, args.strict), root)
        }
        Err(diagnostic) => (
            cmd::check::CheckReport {
                diagnostics: [diagnostic].into_iter().collect(),
                files: 0,
            },
            cwd.to_path_buf(),
        ),
    };
    match args.format {
        Format::Json => {
            let shown: brief::diagnostics::Diagnostics = report
                .diagnostics
                .iter()
                .filter(|d| !cli.quiet || d.is_error())
                .cloned()
                .collect();
            print!("{}", shown.to_json_lines());
        }
        Format::Human => {
            print_diagnostics(&report.diagnostics, &root, cli);
            if !cli.quiet {
                println!("{}", report.line());
            }
        }
    }
    if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[derive(clap::Args)]
struct ServeArgs {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1", value_name = "IP")]
    bind: std::net::IpAddr,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// Open the site in a browser once it is ready.
    #[arg(long)]
    open: bool,
    /// Include drafts.
    #[arg(long, env = "BRIEF_DRAFTS")]
    drafts: bool,
    /// Poll the files instead of using the system's change events.
    #[arg(long)]
    poll: bool,
}

#[derive(clap::Args)]
struct WatchArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Poll the files instead of using the system's change events.
    #[arg(long)]
    poll: bool,
}

fn serve(cli: &Cli, args: &ServeArgs, cwd: &Path) -> ExitCode {
    let root = match find_root(cli.root.as_deref(), cwd) {
        Ok(root) => root,
        Err(diagnostic) => {
            report(&Error::Site([diagnostic].into_iter().collect()), cwd, cli);
            return ExitCode::FAILURE;
        }
    };
    let options = cmd::serve::ServeOptions {
        bind: args.bind,
        port: args.port,
        open: args.open,
        poll: args.poll,
        verbosity: Verbosity::from_flags(cli.quiet, cli.verbose),
        build: BuildOptions {
            drafts: args.drafts,
            overrides: Overrides::default(),
        },
    };
    match cmd::serve::run(&root, options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error, &root, cli);
            ExitCode::FAILURE
        }
    }
}

fn watch(cli: &Cli, args: &WatchArgs, cwd: &Path) -> ExitCode {
    let root = match find_root(cli.root.as_deref(), cwd) {
        Ok(root) => root,
        Err(diagnostic) => {
            report(&Error::Site([diagnostic].into_iter().collect()), cwd, cli);
            return ExitCode::FAILURE;
        }
    };
    let options = cmd::watch::WatchOptions {
        poll: args.poll,
        verbosity: Verbosity::from_flags(cli.quiet, cli.verbose),
        build: args.site.options(),
    };
    match cmd::watch::run(&root, options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report(&error, &root, cli);
            ExitCode::FAILURE
        }
    }
}

/// `brief import`: a status line per input, then a summary; exit 1 if any input failed.
fn import(cli: &Cli, args: &brief::cmd::import::ImportArgs, cwd: &Path) -> ExitCode {
    match cmd::import::run(cli.root.as_deref(), cwd, args) {
        Ok(summary) => {
            let root = summary.root.clone().unwrap_or_else(|| cwd.to_path_buf());
            print_diagnostics(&summary.warnings, &root, cli);
            let failed = summary.failed();
            for line in summary.lines(cwd) {
                if !cli.quiet {
                    println!("{line}");
                } else if line.contains(": failed: ") {
                    eprintln!("{line}");
                }
            }
            if !cli.quiet {
                println!("{}", summary.summary());
            }
            if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(error) => {
            report(&error, cwd, cli);
            ExitCode::FAILURE
        }
    }
}
