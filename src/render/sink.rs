//! Where rendered files go: kept in memory ([`Memory`], for `brief serve`, `brief watch` and
//! `brief check`), or handed to a staging folder as soon as each exists ([`Staging`], for
//! `brief build`, so that a large site is never held in memory whole). Rendering is the same
//! for both.

use std::sync::Mutex;

use bytes::Bytes;

use crate::output::{Output, Staging, SyncError};

/// Takes the files of one render.
pub trait Sink: Sync {
    /// Take one file (`path` relative to the output folder).
    fn put(&self, path: &str, bytes: Bytes) -> Result<(), SyncError>;

    /// The bytes given for `path`, for the few files looked at again after rendering (pages
    /// whose element ids a link's `#anchor` names).
    fn read(&self, path: &str) -> Option<Bytes>;

    /// The files of the render, in the order rendering reaches them, known before any is put:
    /// a sink on disk makes their folders ahead, beside the rendering.
    fn prepare(&self, _paths: &[&str]) {}
}

/// A render kept in memory.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<Output>,
}

impl Memory {
    pub fn into_output(self) -> Output {
        self.files.into_inner().expect("no panics while holding it")
    }
}

impl Sink for Memory {
    fn put(&self, path: &str, bytes: Bytes) -> Result<(), SyncError> {
        let mut files = self.files.lock().expect("no panics while holding it");
        files.insert(path.to_owned(), bytes);
        Ok(())
    }

    fn read(&self, path: &str) -> Option<Bytes> {
        let files = self.files.lock().expect("no panics while holding it");
        files.files.get(path).cloned()
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: Bytes) -> Result<(), SyncError> {
        Staging::put(self, path, &bytes)
    }

    fn read(&self, path: &str) -> Option<Bytes> {
        Staging::read(self, path).map(Bytes::from)
    }

    fn prepare(&self, paths: &[&str]) {
        self.make_folders(paths.iter().copied());
    }
}
