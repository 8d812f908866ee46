//! `brief watch`: build into the output folder, then rebuild on every change, writing only the
//! files that changed. For use with any web server.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;

use crate::output::{self, Output};
use crate::serve::incremental::{Built, Incremental};
use crate::serve::rebuild_loop;
use crate::serve::watch::{Changes, Message, Watcher};
use crate::{BuildOptions, Error};

use super::Verbosity;
use super::serve::{report_built, report_failed, stop_signal};

#[derive(Debug, Clone)]
pub struct WatchOptions {
    pub poll: bool,
    pub verbosity: Verbosity,
    pub build: BuildOptions,
}

/// Watch and rebuild until Ctrl-C.
pub fn run(root: &Path, options: WatchOptions) -> Result<(), Error> {
    let root = std::fs::canonicalize(root).map_err(|source| Error::Io {
        context: format!("cannot open the site folder {}", root.display()),
        source,
    })?;
    let verbosity = options.verbosity;
    let quiet = verbosity.is_quiet();
    let mut incremental = Incremental::new(&root, options.build.clone());
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
    let mut watcher = Watcher::start(&root, &relative_output, options.poll, messages.clone())
        .map_err(|error| Error::Usage(error.0))?;
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
        .map_err(|source| Error::Io {
            context: "cannot start the signal thread".into(),
            source,
        })?;
    if !quiet {
        println!("Watching {} for changes (Ctrl-C to stop)", root.display());
    }
    rebuild_loop(&received, &mut watcher, |changes| {
        if let Err(error) = folder.publish(incremental.build(&changes), true) {
            // A write failed: say so and keep watching; the next build tries again.
            eprintln!("error: {error}");
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
        }
    })
    .map_err(|error| Error::Usage(error.0))?;
    if !quiet {
        println!("Stopped.");
    }
    Ok(())
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
        result: Result<Built, crate::diagnostics::Diagnostics>,
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
