//! The rendered site as a map of paths to bytes, and the one writer that syncs it to a folder.
//!
//! Nothing reaches the disk before a build has fully succeeded; then only files whose bytes
//! changed are written (so their mtimes tell deploy tools what changed), and files that no
//! longer belong to the site are removed.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use rayon::prelude::*;

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

/// Make `dir` hold exactly `output`: write changed files, remove stale ones.
pub fn sync(output: &Output, dir: &Path) -> Result<SyncStats, SyncError> {
    check_inside(output, dir)?;
    std::fs::create_dir_all(dir).map_err(fail("create", dir))?;
    let results: Vec<Result<bool, SyncError>> = output
        .files
        .par_iter()
        .map(|(relative, bytes)| write_if_changed(&dir.join(relative), bytes))
        .collect();
    let mut stats = SyncStats::default();
    for result in results {
        if result? {
            stats.written += 1;
        } else {
            stats.unchanged += 1;
        }
    }
    stats.removed = remove_stale(output, dir)?;
    Ok(stats)
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

/// Bring `dir`, which holds `previous` (as a [`sync`] left it), to `output`, touching only the
/// files that differ between the two: much faster than [`sync`] when little changed, since the
/// files on disk are not read back.
pub fn sync_changes(
    previous: &Output,
    output: &Output,
    dir: &Path,
) -> Result<SyncStats, SyncError> {
    check_inside(output, dir)?;
    let changes = previous.diff(output);
    let results: Vec<Result<bool, SyncError>> = changes
        .written
        .par_iter()
        .map(|relative| write_if_changed(&dir.join(relative), &output.files[relative]))
        .collect();
    let mut stats = SyncStats {
        unchanged: output.len() - changes.written.len(),
        ..SyncStats::default()
    };
    for result in results {
        if result? {
            stats.written += 1;
        } else {
            stats.unchanged += 1;
        }
    }
    for relative in &changes.removed {
        let path = dir.join(relative);
        match std::fs::remove_file(&path) {
            Ok(()) => stats.removed += 1,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(fail("remove", &path)(error)),
        }
        // Remove the folders this left empty, up to `dir`.
        let mut folder = path.parent();
        while let Some(current) = folder.filter(|f| *f != dir && f.starts_with(dir)) {
            if std::fs::remove_dir(current).is_err() {
                break;
            }
            folder = current.parent();
        }
    }
    Ok(stats)
}

/// The streaming form of [`sync`], for `brief build`: files are handed over while the site
/// renders, so the whole site never has to be held in memory, and still nothing visible changes
/// unless the build succeeds. A changed file goes to a hidden staging folder inside the output
/// folder and is renamed into place by [`Staging::commit`]; [`Staging::abort`] removes the
/// staging folder. An output folder that is new or empty holds nothing to protect, so files go
/// straight to their place, and `abort` empties it again.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    staging: PathBuf,
    /// The output folder was absent or empty when the build started.
    direct: bool,
    existed: bool,
    written: std::sync::atomic::AtomicUsize,
    unchanged: std::sync::atomic::AtomicUsize,
    /// Folders this build has made: a topic's feed beside its page, or its second page under
    /// `page/`, would otherwise cost a failing `mkdir` and a `stat` per file.
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

/// The staging folder's name inside the output folder.
const STAGING_DIR: &str = ".brief-staging";

impl Staging {
    pub fn new(dir: &Path) -> Result<Staging, SyncError> {
        let existed = dir.exists();
        let direct = !existed
            || std::fs::read_dir(dir)
                .map_err(fail("read", dir))?
                .filter_map(Result::ok)
                .all(|entry| entry.file_name() == STAGING_DIR);
        let staging = dir.join(STAGING_DIR);
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(fail("remove", &staging))?;
        }
        Ok(Staging {
            dir: dir.to_path_buf(),
            staging,
            direct,
            existed,
            written: Default::default(),
            unchanged: Default::default(),
            made: std::sync::Mutex::default(),
        })
    }

    /// Make the folders that files at these paths (relative to the output folder) go into, in
    /// this order, ahead of the files: run beside the rendering, it takes the folder creation
    /// (the costliest file system work of a build, each `mkdir` holding its parent's lock) off
    /// the threads that render and write pages. A folder it has not made yet when its file
    /// comes is made by [`Staging::put`] as usual. Errors are left to `put` to report.
    pub fn make_folders<'p>(&self, paths: impl Iterator<Item = &'p str>) {
        for path in paths.filter(|path| is_inside(path)) {
            let _ = self.make_parent(&self.written_path(path));
        }
    }

    /// Take one file of the site (`path` relative to the output folder).
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), SyncError> {
        use std::sync::atomic::Ordering::Relaxed;
        if !is_inside(path) {
            return Err(leaves(&self.dir, path));
        }
        if !self.direct && holds(&self.dir.join(path), bytes) {
            self.unchanged.fetch_add(1, Relaxed);
            return Ok(());
        }
        let destination = self.written_path(path);
        self.make_parent(&destination)?;
        std::fs::write(&destination, bytes).map_err(fail("write", &destination))?;
        self.written.fetch_add(1, Relaxed);
        Ok(())
    }

    /// The bytes this build gave the file at `path` (relative to the output folder), read back:
    /// staged, or left in place because they were the same.
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        if !is_inside(path) {
            return None;
        }
        std::fs::read(self.written_path(path))
            .or_else(|_| std::fs::read(self.dir.join(path)))
            .ok()
    }

    /// Where this build writes the file at `path`: the output folder itself when it started
    /// empty, else the staging folder.
    fn written_path(&self, path: &str) -> PathBuf {
        if self.direct {
            self.dir.join(path)
        } else {
            self.staging.join(path)
        }
    }

    /// Make the folder `destination` goes into, unless this build already has.
    fn make_parent(&self, destination: &Path) -> Result<(), SyncError> {
        let parent = destination.parent().unwrap_or(Path::new("."));
        let made = || self.made.lock().expect("no panics while holding it");
        if !made().contains(parent) {
            std::fs::create_dir_all(parent).map_err(fail("create", parent))?;
            made().insert(parent.to_path_buf());
        }
        Ok(())
    }

    /// The build succeeded: move the staged files into place and remove every file that is not
    /// in `output` (whose paths name the site's files; their contents are not needed).
    pub fn commit(self, output: &Output) -> Result<SyncStats, SyncError> {
        if !self.direct {
            for (relative, staged) in files_under(&self.staging) {
                let target = self.dir.join(&relative);
                if target.is_dir() {
                    std::fs::remove_dir_all(&target).map_err(fail("remove", &target))?;
                }
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).map_err(fail("create", parent))?;
                }
                std::fs::rename(&staged, &target).map_err(fail("write", &target))?;
            }
            if self.staging.exists() {
                std::fs::remove_dir_all(&self.staging).map_err(fail("remove", &self.staging))?;
            }
        }
        Ok(SyncStats {
            written: self.written.into_inner(),
            unchanged: self.unchanged.into_inner(),
            // A folder that started empty holds only this build's files: walking it would
            // cost a directory read per page for nothing.
            removed: if self.direct {
                0
            } else {
                remove_stale(output, &self.dir)?
            },
        })
    }

    /// The build failed: leave the output folder as it was.
    pub fn abort(self) {
        // Best effort: the build's own error is what gets reported.
        if self.direct {
            let _ = std::fs::remove_dir_all(&self.dir);
            if self.existed {
                let _ = std::fs::create_dir_all(&self.dir);
            }
        } else {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Write `bytes` to `path` unless it already holds them; true when written. The new content
/// goes to a temporary file that is renamed over the old one, so no reader sees half a file.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool, SyncError> {
    if holds(path, bytes) {
        return Ok(false);
    }
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(fail("create", parent))?;
    if path.is_dir() {
        std::fs::remove_dir_all(path).map_err(fail("remove", path))?;
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = parent.join(format!(".{name}.brief-tmp"));
    std::fs::write(&temporary, bytes).map_err(fail("write", &temporary))?;
    std::fs::rename(&temporary, path).map_err(fail("write", path))?;
    Ok(true)
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

/// Remove files under `dir` that `output` does not hold, then the folders left empty.
fn remove_stale(output: &Output, dir: &Path) -> Result<usize, SyncError> {
    let mut removed = 0;
    let mut folders = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
    {
        let relative = relative_path(dir, entry.path());
        if entry.file_type().is_dir() {
            folders.push(entry.into_path());
        } else if !output.files.contains_key(&relative) {
            std::fs::remove_file(entry.path()).map_err(fail("remove", entry.path()))?;
            removed += 1;
        }
    }
    // Deepest first, so a parent is empty once its children are gone.
    folders.sort_by_key(|folder| std::cmp::Reverse(folder.components().count()));
    for folder in folders {
        if std::fs::read_dir(&folder).is_ok_and(|mut entries| entries.next().is_none()) {
            std::fs::remove_dir(&folder).map_err(fail("remove", &folder))?;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(files: &[(&str, &str)]) -> Output {
        Output {
            files: files
                .iter()
                .map(|(p, c)| (p.to_string(), Bytes::from(c.as_bytes().to_vec())))
                .collect(),
        }
    }

    #[test]
    fn writes_changed_removes_stale_keeps_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let first = output(&[
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("b/c/index.html", "c"),
        ]);
        assert_eq!(
            sync(&first, dir.path()).unwrap(),
            SyncStats {
                written: 3,
                unchanged: 0,
                removed: 0
            }
        );
        let second = output(&[("index.html", "home2"), ("a/index.html", "a")]);
        assert_eq!(
            sync(&second, dir.path()).unwrap(),
            SyncStats {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("index.html")).unwrap(),
            "home2"
        );
        assert!(!dir.path().join("b").exists(), "empty folders go too");
        assert!(!dir.path().join(".index.html.brief-tmp").exists());
    }

    #[test]
    fn staging_commits_only_on_success_and_keeps_unchanged_files() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("public");
        let first = output(&[
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("old/index.html", "x"),
        ]);
        sync(&first, &dir).unwrap();
        let mtime = |p: &str| std::fs::metadata(dir.join(p)).unwrap().modified().unwrap();
        let kept = mtime("a/index.html");
        let second = output(&[("index.html", "home2"), ("a/index.html", "a")]);

        let staging = Staging::new(&dir).unwrap();
        for (path, bytes) in &second.files {
            staging.put(path, bytes).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(dir.join("index.html")).unwrap(),
            "home",
            "nothing visible before commit"
        );
        staging.abort();
        assert_eq!(
            std::fs::read_to_string(dir.join("index.html")).unwrap(),
            "home"
        );
        assert!(!dir.join(STAGING_DIR).exists());

        let staging = Staging::new(&dir).unwrap();
        for (path, bytes) in &second.files {
            staging.put(path, bytes).unwrap();
        }
        let stats = staging.commit(&second).unwrap();
        assert_eq!(
            stats,
            SyncStats {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("index.html")).unwrap(),
            "home2"
        );
        assert_eq!(mtime("a/index.html"), kept);
        assert!(!dir.join("old").exists() && !dir.join(STAGING_DIR).exists());
        assert!(Staging::new(&dir).unwrap().put("../x", b"x").is_err());
    }

    #[test]
    fn folders_made_ahead_take_their_files_and_never_leave_the_output() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("public");
        let staging = Staging::new(&dir).unwrap();
        staging.make_folders(
            ["a/b/index.html", "c/feed.xml", "../outside/x", "index.html"].into_iter(),
        );
        assert!(dir.join("a/b").is_dir() && dir.join("c").is_dir());
        assert!(!parent.path().join("outside").exists());
        // A folder made ahead is remembered: its file goes straight in.
        assert!(staging.made.lock().unwrap().contains(&dir.join("a/b")));
        staging.put("a/b/index.html", b"page").unwrap();
        staging.put("d/index.html", b"made by put").unwrap();
        let site = output(&[("a/b/index.html", "page"), ("d/index.html", "made by put")]);
        assert_eq!(staging.commit(&site).unwrap().written, 2);
        assert_eq!(std::fs::read(dir.join("a/b/index.html")).unwrap(), b"page");
        assert_eq!(
            std::fs::read(dir.join("d/index.html")).unwrap(),
            b"made by put"
        );
    }

    #[test]
    fn staging_into_a_new_folder_writes_directly_and_abort_removes_it() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("public");
        let staging = Staging::new(&dir).unwrap();
        staging.put("index.html", b"home").unwrap();
        assert!(dir.join("index.html").is_file());
        staging.abort();
        assert!(!dir.exists());
    }

    #[test]
    fn refuses_paths_leaving_the_folder_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        for bad in ["../escape.html", "/etc/x", "a//b", "a/./b", "", "a\\..\\b"] {
            let error = sync(&output(&[("ok.html", "x"), (bad, "y")]), &target).unwrap_err();
            assert_eq!(error.source.kind(), io::ErrorKind::InvalidInput, "{bad}");
            assert!(!target.exists(), "{bad}: nothing is written");
            let previous = Output::default();
            let changed = output(&[("ok.html", "x"), (bad, "y")]);
            let error = sync_changes(&previous, &changed, &target).unwrap_err();
            assert_eq!(error.source.kind(), io::ErrorKind::InvalidInput, "{bad}");
            assert!(
                !target.exists(),
                "{bad}: sync_changes writes nothing either"
            );
        }
        assert!(!dir.path().join("escape.html").exists());
    }

    #[test]
    fn sync_changes_touches_only_what_differs() {
        let dir = tempfile::tempdir().unwrap();
        let first = output(&[("index.html", "home"), ("a/b/index.html", "b"), ("c", "c")]);
        sync(&first, dir.path()).unwrap();
        let mut second = first.clone();
        second.files.remove("a/b/index.html");
        second.files.insert("c".into(), Bytes::from_static(b"c2"));
        second
            .files
            .insert("d/index.html".into(), Bytes::from_static(b"d"));
        let changes = first.diff(&second);
        assert_eq!(changes.written, ["c", "d/index.html"]);
        assert_eq!(changes.removed, ["a/b/index.html"]);
        let stats = sync_changes(&first, &second, dir.path()).unwrap();
        assert_eq!((stats.written, stats.unchanged, stats.removed), (2, 1, 1));
        assert!(!dir.path().join("a").exists(), "emptied folders go");
        assert_eq!(std::fs::read(dir.path().join("c")).unwrap(), b"c2");
        let fresh = tempfile::tempdir().unwrap();
        sync(&second, fresh.path()).unwrap();
        assert_eq!(tree(dir.path()), tree(fresh.path()));
    }

    fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        files_under(dir)
            .into_iter()
            .map(|(relative, full)| (relative, std::fs::read(full).unwrap()))
            .collect()
    }

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
