//! What the importer last wrote in a folder, so that a re-import can tell an article nobody
//! touched (safe to update when profiles or settings changed) from one an editor changed (kept).
//!
//! The manifest is a hidden file beside the articles, `.brief-import`: one line per article,
//! the 64-bit FNV-1a hash of the bytes the importer wrote, in hex, then the file name. It is
//! out of the editor's way (content loading skips hidden files) and never in an article. An
//! article whose bytes still hash to what the manifest says is untouched.

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// The manifest's file name in the articles' folder.
pub const FILE_NAME: &str = ".brief-import";

#[derive(Debug, Clone)]
pub struct Manifest {
    path: PathBuf,
    /// File name → hash of the bytes last written.
    hashes: BTreeMap<String, u64>,
    changed: bool,
}

impl Manifest {
    /// The manifest of `folder`; empty when there is none. Lines that do not read as
    /// `hash name` are dropped: at worst an article is then kept as if edited.
    pub fn load(folder: &Path) -> Manifest {
        let path = folder.join(FILE_NAME);
        let hashes = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .lines()
            .filter_map(|line| {
                let (hash, name) = line.split_once(' ')?;
                Some((name.to_owned(), u64::from_str_radix(hash, 16).ok()?))
            })
            .collect();
        Manifest {
            path,
            hashes,
            changed: false,
        }
    }

    /// Whether `bytes`, the article `name` on disk, are exactly what the importer last wrote.
    pub fn untouched(&self, name: &str, bytes: &[u8]) -> bool {
        self.hashes.get(name) == Some(&hash(bytes))
    }

    /// Remember that the importer wrote (or found) `bytes` as `name`.
    pub fn record(&mut self, name: &str, bytes: &[u8]) {
        let hash = hash(bytes);
        if self.hashes.insert(name.to_owned(), hash) != Some(hash) {
            self.changed = true;
        }
    }

    /// Write the manifest if anything was recorded, atomically.
    pub fn save(&self) -> std::io::Result<()> {
        if !self.changed {
            return Ok(());
        }
        let mut text = String::new();
        for (name, hash) in &self.hashes {
            text.push_str(&format!("{hash:016x} {name}\n"));
        }
        crate::util::fs::write_atomic(&self.path, text.as_bytes())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// FNV-1a: small, and the same on every machine and release, unlike the standard hasher.
fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_survive_a_save_and_load() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::load(dir.path());
        assert!(!manifest.untouched("a.md", b"one"));
        manifest.record("a.md", b"one");
        manifest.save().unwrap();
        let loaded = Manifest::load(dir.path());
        assert!(loaded.untouched("a.md", b"one"));
        assert!(!loaded.untouched("a.md", b"one, edited"));
        assert!(!loaded.untouched("b.md", b"one"));
        // The hash is FNV-1a 64, the same on every machine.
        assert_eq!(hash(b"one"), 0x1a08_aa19_21ca_5caf);
    }
}
