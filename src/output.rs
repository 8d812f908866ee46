//! The rendered site as a map of paths to bytes, and the one writer that syncs it to a folder.
//!
//! Nothing reaches the disk before a build has fully succeeded; then only files whose bytes
//! changed are written (so their mtimes tell deploy tools what changed), and files that brief
//! wrote before and that no longer belong to the site are removed ([`folder`]).

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use bytes::Bytes;

mod folder;
pub use folder::{
    MANIFEST, Opener, OutputFolder, STAGING_DIR, Staging, resolve_output_dir, sync, sync_changes,
};

/// Site-relative paths (`articles/x/index.html`, `/`-separated) to contents, sorted.
///
/// Contents are reference-counted [`Bytes`], so an output is cheap to clone and two outputs can
/// share the files they have in common (`brief serve` keeps the previous build's pages).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    pub files: BTreeMap<String, Bytes>,
}

impl Output {
    /// Add a file; returns false (and keeps the first) if the path is taken.
    pub fn insert(&mut self, path: String, bytes: impl Into<Bytes>) -> bool {
        match self.files.entry(path) {
            std::collections::btree_map::Entry::Occupied(_) => false,
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(bytes.into());
                true
            }
        }
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|bytes| bytes.as_ref())
    }

    /// The paths whose contents differ between `self` and `newer`: changed or added files,
    /// then removed ones. Files shared by both outputs are recognised without comparing bytes.
    pub fn diff(&self, newer: &Output) -> Diff {
        // Both maps are sorted by path: one walk over the two together, no lookups.
        let mut changes = Diff::default();
        let mut old = self.files.iter().peekable();
        for (path, bytes) in &newer.files {
            while let Some((gone, _)) = old.next_if(|(known, _)| *known < path) {
                changes.removed.push(gone.clone());
            }
            match old.next_if(|(known, _)| *known == path) {
                Some((_, previous)) if same_bytes(previous, bytes) => {}
                _ => changes.written.push(path.clone()),
            }
        }
        changes.removed.extend(old.map(|(gone, _)| gone.clone()));
        changes
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Two contents are the same: one shared buffer, or equal bytes.
fn same_bytes(a: &Bytes, b: &Bytes) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}

/// The difference between two outputs, as paths.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// Files that are new or whose bytes changed.
    pub written: Vec<String>,
    /// Files that are gone.
    pub removed: Vec<String>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

/// What a sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot {action} {}", path.display())]
pub struct SyncError {
    pub action: &'static str,
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

fn fail(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> SyncError {
    let path = path.to_path_buf();
    move |source| SyncError {
        action,
        path,
        source,
    }
}

/// Refuse an output that has a path leaving `dir`, before anything is written: a build writes
/// nothing outside its output folder.
pub fn check_inside(output: &Output, dir: &Path) -> Result<(), SyncError> {
    match output.files.keys().find(|path| !is_inside(path)) {
        None => Ok(()),
        Some(path) => Err(leaves(dir, path)),
    }
}

/// The error for an output path that would leave `dir`.
fn leaves(dir: &Path, path: &str) -> SyncError {
    SyncError {
        action: "write",
        path: dir.join(path),
        source: io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path would leave the output folder",
        ),
    }
}

/// Whether the file at `path` already holds exactly `bytes` (read back only when the sizes match).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|existing| existing == bytes)
}

/// Whether a site-relative output path names a file inside the output folder: `/`-separated
/// names, none of them empty, `.` or `..`, and no absolute path (or, on Windows, drive).
fn is_inside(path: &str) -> bool {
    let refused =
        path.is_empty() || path.contains(['\\', '\0']) || (cfg!(windows) && path.contains(':'));
    !refused
        && path
            .split('/')
            .all(|segment| !segment.is_empty() && segment != "." && segment != "..")
}

/// `path` relative to `base`, with `/` separators: the form output paths and template names take.
pub fn relative_path(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The files under `dir` in name order, as (relative path, full path); none if `dir` is absent.
pub fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| (relative_path(dir, entry.path()), entry.into_path()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_refuses_a_taken_path() {
        let mut out = Output::default();
        assert!(out.insert("a".into(), vec![1]));
        assert!(!out.insert("a".into(), vec![2u8]));
        assert_eq!(out.get("a"), Some(&[1u8][..]));
    }

    proptest::proptest! {
        #[test]
        fn changes_name_what_differs(
            old in proptest::collection::btree_map("[a-e]{1,2}", 0u8..3, 0..12),
            new in proptest::collection::btree_map("[a-e]{1,2}", 0u8..3, 0..12),
        ) {
            let output = |files: &BTreeMap<String, u8>| Output {
                files: files.iter().map(|(p, b)| (p.clone(), Bytes::from(vec![*b]))).collect(),
            };
            let changes = output(&old).diff(&output(&new));
            let written: Vec<String> =
                new.iter().filter(|(p, b)| old.get(*p) != Some(b)).map(|(p, _)| p.clone()).collect();
            let removed: Vec<String> =
                old.keys().filter(|p| !new.contains_key(*p)).cloned().collect();
            proptest::prop_assert_eq!(changes.written, written);
            proptest::prop_assert_eq!(changes.removed, removed);
        }
    }
}
