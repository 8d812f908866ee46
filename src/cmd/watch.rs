//! `brief watch`: build into the output folder, then rebuild on every change, writing only the
//! files that changed. For use with any web server.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;

use brief::diagnostics::Diagnostics;
use brief::output::{self, Output, OutputFolder};
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
        open: args.site.opener(),
        opened: None,
        overrides: args.site.options().overrides,
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
    open: output::Opener,
    /// The folder as opened for the last write; none before the first or after a failed one.
    opened: Option<OutputFolder>,
    overrides: brief::config::Overrides,
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
        let stats = match self.write(&built) {
            Ok(stats) => stats,
            Err(error) => {
                // The folder is in an unknown state: the next build syncs it whole.
                self.written = None;
                self.opened = None;
                return Err(error);
            }
        };
        report_built(&built, &self.root, self.verbosity, rebuild);
        if !self.verbosity.is_quiet() {
            println!(
                "Wrote {}: {} written, {} unchanged, {} removed",
                self.dir.display(),
                stats.written,
                stats.unchanged,
                stats.removed
            );
        }
        self.written = Some(built.output);
        Ok(())
    }

    /// Write a build to the output folder it names: only what changed when the folder is the
    /// one written last, else the whole site.
    fn write(&mut self, built: &Built) -> Result<output::SyncStats, Error> {
        let refused = |diagnostic| Error::Site(Diagnostics::from_iter([diagnostic]));
        let dir = super::build::output_dir(&self.root, &built.output_dir, &self.overrides)
            .map_err(refused)?;
        let mut folder = match self.opened.take() {
            Some(folder) if folder.dir() == dir => folder,
            _ => {
                self.written = None;
                super::build::open_output(&self.root, &dir, self.open).map_err(refused)?
            }
        };
        let synced = match &self.written {
            Some(previous) => output::sync_changes(previous, &built.output, &mut folder),
            None => output::sync(&built.output, &mut folder),
        }?;
        self.dir = dir;
        self.opened = Some(folder);
        Ok(synced)
    }
}
