//! Watching a site's inputs: file-system events, debounced, filtered and turned into one
//! [`Changes`] per debounce window.
//!
//! Only the inputs are watched — `site.toml` and the `content/`, `templates/` and `static/`
//! folders — so a build folder, `target/` or `node_modules/` next to them costs no watches. What
//! is an input is [`crate::inputs`]' to say; the output folder is ignored.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::{self, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, NoCache, RecommendedCache, new_debouncer, new_debouncer_opt,
};

use crate::inputs::Folder;
pub use crate::inputs::is_input;

/// How long the watcher waits for a burst of events (an editor's save, a `git checkout`) to end.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// How often `--poll` looks at the files.
pub const POLL_INTERVAL: Duration = Duration::from_millis(250);

/// What changed during one debounce window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Inputs that were created, changed, removed or renamed (either name), relative to the
    /// site root. A folder stands for everything under it.
    pub paths: BTreeSet<PathBuf>,
    /// Events may have been lost: every input must be looked at again.
    pub rescan: bool,
}

impl Changes {
    /// Everything may have changed (the first build, a lost event).
    pub fn everything() -> Changes {
        Changes {
            paths: BTreeSet::new(),
            rescan: true,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.rescan
    }

    /// Merge a later window's changes into this one.
    pub fn extend(&mut self, other: Changes) {
        self.paths.extend(other.paths);
        self.rescan |= other.rescan;
    }
}

/// Turn one debounced batch of events into changes of the site at `root`.
pub fn classify(
    root: &Path,
    output_dir: &Path,
    events: &[notify_debouncer_full::DebouncedEvent],
) -> Changes {
    let mut changes = Changes::default();
    for event in events {
        if event.need_rescan() {
            changes.rescan = true;
        }
        if event.kind.is_access() {
            continue;
        }
        for path in &event.paths {
            let Ok(relative) = path.strip_prefix(root) else {
                continue;
            };
            if is_input(relative, output_dir) {
                changes.paths.insert(relative.to_path_buf());
            }
        }
    }
    changes
}

/// A message to the thread that rebuilds.
#[derive(Debug)]
pub enum Message {
    Changed(Changes),
    /// The watcher failed; the text says what to do.
    Failed(String),
    /// Ctrl-C: finish and stop.
    Stop,
}

enum Inner {
    Events(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Inner {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Inner::Events(debouncer) => debouncer.watch(path, mode),
            Inner::Poll(debouncer) => debouncer.watch(path, mode),
        }
    }
}

/// The running watcher: dropping it stops watching.
pub struct Watcher {
    inner: Inner,
    root: PathBuf,
    /// Input folders watched so far.
    watched: Vec<PathBuf>,
}

/// A watcher that could not start, with what to do about it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct WatchError(pub String);

fn explain(error: notify::Error, path: &Path) -> WatchError {
    if matches!(error.kind, notify::ErrorKind::MaxFilesWatch) {
        return WatchError(format!(
            "cannot watch {}: the system ran out of inotify watches. Raise the limit with \
             `sudo sysctl fs.inotify.max_user_watches=524288` (add \
             `fs.inotify.max_user_watches=524288` to /etc/sysctl.conf to keep it), or run with \
             --poll",
            path.display()
        ));
    }
    WatchError(format!(
        "cannot watch {}: {error} (on file systems without change events, use --poll)",
        path.display()
    ))
}

impl Watcher {
    /// Watch the inputs of the site at `root` (an absolute path); each debounce window's changes
    /// are sent to `sender`. `poll` uses polling instead of the system's change events.
    pub fn start(
        root: &Path,
        output_dir: &Path,
        poll: bool,
        sender: Sender<Message>,
    ) -> Result<Watcher, WatchError> {
        let handler = {
            let root = root.to_path_buf();
            let output_dir = output_dir.to_path_buf();
            move |result: DebounceEventResult| {
                let message = match result {
                    Ok(events) => {
                        let changes = classify(&root, &output_dir, &events);
                        if changes.is_empty() {
                            return;
                        }
                        Message::Changed(changes)
                    }
                    Err(errors) => match errors.into_iter().next() {
                        Some(error) if matches!(error.kind, notify::ErrorKind::MaxFilesWatch) => {
                            Message::Failed(explain(error, &root).0)
                        }
                        // Anything else (a folder that vanished while being read): look again.
                        _ => Message::Changed(Changes::everything()),
                    },
                };
                let _ = sender.send(message);
            }
        };
        let inner = if poll {
            // Contents are compared, not only modification times: a file system that keeps
            // whole seconds would hide a second save within the same second.
            let config = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true);
            Inner::Poll(
                new_debouncer_opt(DEBOUNCE, None, handler, NoCache, config)
                    .map_err(|e| explain(e, root))?,
            )
        } else {
            Inner::Events(new_debouncer(DEBOUNCE, None, handler).map_err(|e| explain(e, root))?)
        };
        let mut watcher = Watcher {
            inner,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        // The root itself, not recursively: `site.toml`, and input folders created later.
        watcher
            .inner
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| explain(e, root))?;
        watcher.refresh()?;
        Ok(watcher)
    }

    /// Watch input folders that appeared since the last call (a `templates/` created while
    /// serving); forget the ones that are gone.
    pub fn refresh(&mut self) -> Result<(), WatchError> {
        self.watched.retain(|dir| dir.is_dir());
        for folder in Folder::ALL {
            let path = self.root.join(folder.name());
            if path.is_dir() && !self.watched.contains(&path) {
                self.inner
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| explain(e, &path))?;
                self.watched.push(path);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_merge() {
        let mut a = Changes::default();
        assert!(a.is_empty());
        a.extend(Changes {
            paths: [PathBuf::from("site.toml")].into(),
            rescan: false,
        });
        a.extend(Changes::everything());
        assert!(a.rescan);
        assert_eq!(a.paths.len(), 1);
    }
}
