//! `brief watch`: build into the output folder, then rebuild on every change, writing only the
//! files that changed. For use with any web server.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;

use brief::output::{self, Output};
use brief::serve::incremental::{Built, Incremental};
use brief::serve::rebuild_loop;
use brief::serve::watch::{Changes, Message, Watcher};

use super::live::{report_built, report_failed, stop_signal};
use super::{Error, Global, SiteArgs, Verbosity, error_chain};

#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    site: SiteArgs,
    /// Poll the files instead of using the system's change events.
    #[arg(long)]
    poll: bool,
}

/// Watch and rebuild until Ctrl-C.
pub(crate) fn execute(global: &Global, args: &Args) -> Result<std::process::ExitCode, Error> {
    let root = global.site_root()?;
    let root = std::fs::canonicalize(&root).map_err(Error::io(format!(
        "cannot open the site folder {}",
        root.display()
    )))?;
    let verbosity = global.verbosity;
    let quiet = verbosity.is_quiet();
    let mut incremental = Incremental::new(&root, args.site.options());
    let mut folder = Folder {
        root: root.clone(),
        written: None,
        dir: root.join("public"),
        verbosity,
    };
    folder.publish(incremental.build(&Changes::everything()), false)?;

    let (messages, received) = mpsc::channel();
    let relative_output = folder
        .dir
        .strip_prefix(&root)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut watcher = Watcher::start(&root, &relative_output, args.poll, messages.clone())?;
    std::thread::Builder::new()
        .name("brief-signal".into())
        .spawn(move || {
            if let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                runtime.block_on(stop_signal());
            }
            let _ = messages.send(Message::Stop);
        })
        .map_err(Error::io("cannot start the signal thread"))?;
    if !quiet {
        println!("Watching {} for changes (Ctrl-C to stop)", root.display());
    }
    rebuild_loop(&received, &mut watcher, |changes| {
        if let Err(error) = folder.publish(incremental.build(&changes), true) {
            // A write failed: say so and keep watching; the next build tries again.
            eprintln!("error: {}", error_chain(&error));
        }
    })?;
    if !quiet {
        println!("Stopped.");
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// The output folder and what this run last wrote to it.
struct Folder {
    root: std::path::PathBuf,
    written: Option<Arc<Output>>,
    dir: std::path::PathBuf,
    verbosity: Verbosity,
}

impl Folder {
    /// Write a good build to the folder (only what changed since the last one); report a
    /// failed build and leave the folder alone.
    fn publish(
        &mut self,
        result: Result<Built, brief::diagnostics::Diagnostics>,
        rebuild: bool,
    ) -> Result<(), Error> {
        let built = match result {
            Ok(built) => built,
            Err(diagnostics) => {
                report_failed(&diagnostics, &self.root);
                return Ok(());
            }
        };
        let dir = super::build::output_dir(&self.root, &built.output_dir)?;
        let synced = match &self.written {
            Some(previous) if dir == self.dir => {
                output::sync_changes(previous, &built.output, &dir)
            }
            _ => output::sync(&built.output, &dir),
        };
        let stats = match synced {
            Ok(stats) => stats,
            Err(error) => {
                // The folder is in an unknown state: the next build syncs it whole.
                self.written = None;
                return Err(error.into());
            }
        };
        report_built(&built, &self.root, self.verbosity, rebuild);
        if !self.verbosity.is_quiet() {
            println!(
                "Wrote {}: {} written, {} unchanged, {} removed",
                dir.display(),
                stats.written,
                stats.unchanged,
                stats.removed
            );
        }
        self.dir = dir;
        self.written = Some(built.output);
        Ok(())
    }
}
