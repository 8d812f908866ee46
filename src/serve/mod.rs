//! `brief serve` and `brief watch`: watch a site's inputs, rebuild what changed, and serve the
//! result with live reload.
//!
//! - [`watch`] turns file-system events into one [`watch::Changes`] per debounce window;
//! - [`incremental`] rebuilds after changes, reusing what did not change;
//! - [`http`] serves the latest good build from memory; [`reload`] tells open pages.

pub mod http;
pub mod incremental;
pub mod reload;
pub mod watch;

use std::sync::mpsc::Receiver;

use watch::{Changes, Message, WatchError, Watcher};

/// Wait for changes and call `rebuild` once per batch: everything queued while the previous
/// build ran becomes one build. Returns on [`Message::Stop`] or when the watcher fails.
pub fn rebuild_loop(
    receiver: &Receiver<Message>,
    watcher: &mut Watcher,
    mut rebuild: impl FnMut(Changes),
) -> Result<(), WatchError> {
    while let Ok(message) = receiver.recv() {
        let mut changes = match message {
            Message::Changed(changes) => changes,
            Message::Failed(text) => return Err(WatchError(text)),
            Message::Stop => return Ok(()),
        };
        while let Ok(message) = receiver.try_recv() {
            match message {
                Message::Changed(more) => changes.extend(more),
                Message::Failed(text) => return Err(WatchError(text)),
                Message::Stop => return Ok(()),
            }
        }
        // An input folder created since (`templates/`) is watched from now on; the files it
        // already has are read because its own path is among the changes.
        watcher.refresh()?;
        rebuild(changes);
    }
    Ok(())
}

/// A short human form of a duration in microseconds: `850 µs`, `12.3 ms`, `1.52 s`.
pub fn human_micros(micros: u128) -> String {
    match micros {
        0..1_000 => format!("{micros} µs"),
        1_000..100_000 => format!("{:.1} ms", micros as f64 / 1_000.0),
        100_000..1_000_000 => format!("{} ms", micros / 1_000),
        _ => format!("{:.2} s", micros as f64 / 1_000_000.0),
    }
}
