//! The output folder on disk: where it may be, what brief may remove from it, and the two ways
//! files reach it (a staged build, and `brief watch`'s sync).
//!
//! brief keeps, inside the folder, a manifest (`.brief-manifest`) of every file it wrote there.
//! Stale files are removed only from that list, so files that others put in the folder (a
//! `.git` of a `gh-pages` checkout, `CNAME`, `.nojekyll`) are never touched; a folder that holds
//! files but no manifest was not made by brief, and is refused unless the caller adopts it
//! (`--force`). Before any file is moved into place the manifest lists the union of the old and
//! new files, so a build killed half-way leaves nothing that a later build would not remove.

use std::collections::{BTreeSet, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use rayon::prelude::*;

use super::{Output, SyncError, SyncStats, check_inside, fail, holds, is_inside, leaves};

/// The manifest's name inside the output folder.
pub const MANIFEST: &str = ".brief-manifest";
/// The staging folder's name inside the output folder: new files wait there until the build
/// succeeded. Nothing else uses the name, so a leftover one (a killed build) is removed.
pub const STAGING_DIR: &str = ".brief-staging";

/// The manifest's file format: the paths, sorted, one per line (so a diff of two is readable).
#[derive(serde::Serialize, serde::Deserialize)]
struct ManifestFile {
    brief_manifest: u32,
    files: Vec<String>,
}

/// Where a site's output folder is: `configured` (relative to `root`) as a canonical path,
/// symbolic links and `..` resolved, so that the checks below compare real locations. Refused:
/// a folder that is the site's root or any folder above it, that holds or lies inside one of
/// the site's sources (`site.toml`, `content/`, `templates/`, `static/`, wherever links take
/// them), since brief replaces what is in its output folder.
pub fn resolve_output_dir(root: &Path, configured: &Path) -> Result<PathBuf, String> {
    let root = canonical(root).map_err(|error| format!("cannot open the site folder: {error}"))?;
    let dir = canonical(&root.join(configured))
        .map_err(|error| format!("cannot resolve the output folder: {error}"))?;
    let refuse = |what: &str| {
        Err(format!(
            "refusing to use {} as the output folder: it {what}, and brief replaces what its output folder holds",
            dir.display()
        ))
    };
    if root.starts_with(&dir) {
        return refuse("is or holds the site's folder");
    }
    for source in ["site.toml", "content", "templates", "static"] {
        let Ok(source) = canonical(&root.join(source)) else {
            continue;
        };
        if source.starts_with(&dir) || dir.starts_with(&source) {
            return refuse(&format!(
                "holds or lies inside the site's source {}",
                source.display()
            ));
        }
    }
    Ok(dir)
}

/// `path` with every link and `..` resolved, also where its end does not exist yet (the part
/// that does not exist holds no links to resolve).
fn canonical(path: &Path) -> io::Result<PathBuf> {
    let mut resolved = std::env::current_dir()?;
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => resolved.push(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if resolved.symlink_metadata().is_ok() {
                    resolved = std::fs::canonicalize(&resolved)?;
                }
            }
        }
    }
    Ok(resolved)
}

/// How a command opens its output folder: [`OutputFolder::open`], or [`OutputFolder::adopt`]
/// for `--force`.
pub type Opener = fn(&Path) -> Result<OutputFolder, SyncError>;

/// An output folder opened for writing, with the files brief wrote there before.
#[derive(Debug)]
pub struct OutputFolder {
    dir: PathBuf,
    /// The manifest's paths: the files brief wrote here, which it may replace or remove.
    written: BTreeSet<String>,
    /// The folder existed when opened.
    existed: bool,
}

impl OutputFolder {
    /// Open `dir`, which need not exist. A folder that holds files but no manifest was not made
    /// by brief: it is refused, since brief cannot tell its files from stale ones.
    pub fn open(dir: &Path) -> Result<OutputFolder, SyncError> {
        let folder = OutputFolder::adopt(dir)?;
        if folder.written.is_empty() && !dir.join(MANIFEST).exists() {
            let foreign = std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .filter_map(Result::ok)
                .find(|entry| entry.file_name() != STAGING_DIR);
            if let Some(entry) = foreign {
                return Err(SyncError {
                    action: "use",
                    path: dir.to_path_buf(),
                    source: io::Error::new(
                        io::ErrorKind::AlreadyExists,
                        format!(
                            "it holds files that brief did not write (such as {}) and no {MANIFEST}: build into an empty or new folder, or pass --force to write into it (brief never removes files it did not write)",
                            entry.file_name().to_string_lossy()
                        ),
                    ),
                });
            }
        }
        Ok(folder)
    }

    /// Open `dir` whatever it holds (`--force`): files brief did not write stay untouched, those
    /// at the site's paths are replaced.
    pub fn adopt(dir: &Path) -> Result<OutputFolder, SyncError> {
        let existed = dir.exists();
        let staging = dir.join(STAGING_DIR);
        if staging.symlink_metadata().is_ok() {
            remove_any(&staging)?;
        }
        Ok(OutputFolder {
            dir: dir.to_path_buf(),
            written: read_manifest(dir)?,
            existed,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Record that the folder will hold `paths` on top of what it holds: written before any of
    /// them is, so that a killed write leaves no file the manifest does not name.
    fn will_write<'p>(&mut self, paths: impl Iterator<Item = &'p String>) -> Result<(), SyncError> {
        let before = self.written.len();
        self.written.extend(paths.cloned());
        if self.written.len() != before || !self.dir.join(MANIFEST).exists() {
            self.save_manifest()?;
        }
        Ok(())
    }

    /// Remove the files brief wrote that `output` no longer has (and the folders this empties),
    /// then record `output` as what the folder holds. Returns how many files went.
    fn keep_only(&mut self, output: &Output) -> Result<usize, SyncError> {
        let stale: Vec<String> = self
            .written
            .iter()
            .filter(|path| !output.files.contains_key(*path))
            .cloned()
            .collect();
        let mut removed = 0;
        for relative in &stale {
            if remove_written_file(&self.dir, relative)? {
                removed += 1;
            }
        }
        if !stale.is_empty() || self.written.len() != output.len() {
            self.written = output.files.keys().cloned().collect();
            self.save_manifest()?;
        }
        Ok(removed)
    }

    fn save_manifest(&self) -> Result<(), SyncError> {
        let manifest = ManifestFile {
            brief_manifest: 1,
            files: self.written.iter().cloned().collect(),
        };
        let text = serde_json::to_string_pretty(&manifest).expect("strings always serialise");
        std::fs::create_dir_all(&self.dir).map_err(fail("create", &self.dir))?;
        let path = self.dir.join(MANIFEST);
        let temporary = self.dir.join(format!("{MANIFEST}.tmp"));
        std::fs::write(&temporary, text + "\n").map_err(fail("write", &temporary))?;
        std::fs::rename(&temporary, &path).map_err(fail("write", &path))
    }

    /// Write one file (`relative` to the folder) unless it already holds `bytes`; true when
    /// written. The bytes go to the staging folder first and are renamed into place, so no
    /// reader sees half a file and a kill leaves no stray temporary file.
    fn write(&self, relative: &str, bytes: &[u8], checked: &LinkCheck) -> Result<bool, SyncError> {
        let target = self.dir.join(relative);
        if holds(&target, bytes) {
            return Ok(false);
        }
        checked.no_link_above(&self.dir, relative)?;
        let parent = target.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(parent).map_err(fail("create", parent))?;
        let staged = self.dir.join(STAGING_DIR).join(relative);
        let staged_parent = staged.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(staged_parent).map_err(fail("create", staged_parent))?;
        std::fs::write(&staged, bytes).map_err(fail("write", &staged))?;
        if target.symlink_metadata().is_ok_and(|m| m.is_dir()) {
            self.clear_folder_in_the_way(&target, relative)?;
        }
        std::fs::rename(&staged, &target).map_err(fail("write", &target))?;
        Ok(true)
    }

    /// A folder stands where the site now has a file: it goes if it holds only files brief
    /// wrote, else the write is refused.
    fn clear_folder_in_the_way(&self, folder: &Path, relative: &str) -> Result<(), SyncError> {
        let foreign = super::files_under(folder)
            .into_iter()
            .any(|(inside, _)| !self.written.contains(&format!("{relative}/{inside}")));
        if foreign {
            return Err(SyncError {
                action: "write",
                path: folder.to_path_buf(),
                source: io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    "a folder holding files brief did not write is where the site has a file",
                ),
            });
        }
        std::fs::remove_dir_all(folder).map_err(fail("remove", folder))
    }

    fn remove_staging(&self) -> Result<(), SyncError> {
        let staging = self.dir.join(STAGING_DIR);
        match std::fs::remove_dir_all(&staging) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => {
                Err(fail("remove", &staging)(error))
            }
            _ => Ok(()),
        }
    }
}

/// The paths in `dir`'s manifest; none when it has none. A manifest that cannot be read is an
/// error: without it brief cannot tell its own files from others'.
fn read_manifest(dir: &Path) -> Result<BTreeSet<String>, SyncError> {
    let path = dir.join(MANIFEST);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(error) => return Err(fail("read", &path)(error)),
    };
    let manifest: ManifestFile = serde_json::from_str(&text).map_err(|error| SyncError {
        action: "read",
        path: path.clone(),
        source: io::Error::new(io::ErrorKind::InvalidData, error),
    })?;
    // A path leaving the folder is never brief's: a tampered manifest removes nothing outside.
    Ok(manifest
        .files
        .into_iter()
        .filter(|p| is_inside(p))
        .collect())
}

/// Remove a file brief wrote, if it is still a file (a link is removed, not followed), and
/// the folders this leaves empty up to `dir`. True when a file went.
fn remove_written_file(dir: &Path, relative: &str) -> Result<bool, SyncError> {
    let path = dir.join(relative);
    if !path.symlink_metadata().is_ok_and(|m| !m.is_dir()) {
        return Ok(false);
    }
    std::fs::remove_file(&path).map_err(fail("remove", &path))?;
    let mut folder = path.parent();
    while let Some(current) = folder.filter(|f| *f != dir && f.starts_with(dir)) {
        if std::fs::remove_dir(current).is_err() {
            break;
        }
        folder = current.parent();
    }
    Ok(true)
}

/// Remove a file, link or folder.
fn remove_any(path: &Path) -> Result<(), SyncError> {
    let is_dir = path.symlink_metadata().is_ok_and(|m| m.is_dir());
    let removed = if is_dir {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    };
    removed.map_err(fail("remove", path))
}

/// The folders inside an output folder already known not to be symbolic links: brief never
/// writes through a link, which could lead outside the output folder.
#[derive(Debug, Default)]
struct LinkCheck(Mutex<HashSet<PathBuf>>);

impl LinkCheck {
    fn no_link_above(&self, dir: &Path, relative: &str) -> Result<(), SyncError> {
        let mut folder = dir.to_path_buf();
        let names: Vec<&str> = relative.split('/').collect();
        for name in &names[..names.len() - 1] {
            folder.push(name);
            if self
                .0
                .lock()
                .expect("no panics while held")
                .contains(&folder)
            {
                continue;
            }
            if folder
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
            {
                return Err(through_link(&folder));
            }
            self.0
                .lock()
                .expect("no panics while held")
                .insert(folder.clone());
        }
        Ok(())
    }
}

fn through_link(path: &Path) -> SyncError {
    SyncError {
        action: "write",
        path: path.to_path_buf(),
        source: io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a symbolic link: brief does not write through links inside its output folder",
        ),
    }
}

/// Make the folder hold exactly `output`: write changed files, remove the stale files brief
/// wrote. `brief watch` uses it for its first build and after a failed write.
pub fn sync(output: &Output, folder: &mut OutputFolder) -> Result<SyncStats, SyncError> {
    check_inside(output, &folder.dir)?;
    folder.will_write(output.files.keys())?;
    let checked = LinkCheck::default();
    let results: Vec<Result<bool, SyncError>> = output
        .files
        .par_iter()
        .map(|(relative, bytes)| folder.write(relative, bytes, &checked))
        .collect();
    let mut stats = count(results)?;
    folder.remove_staging()?;
    stats.removed = folder.keep_only(output)?;
    Ok(stats)
}

/// Bring the folder, which holds `previous` (as a [`sync`] left it), to `output`, touching only
/// the files that differ between the two: much faster than [`sync`] when little changed, since
/// the files on disk are not read back.
pub fn sync_changes(
    previous: &Output,
    output: &Output,
    folder: &mut OutputFolder,
) -> Result<SyncStats, SyncError> {
    check_inside(output, &folder.dir)?;
    let changes = previous.diff(output);
    folder.will_write(changes.written.iter())?;
    let checked = LinkCheck::default();
    let results: Vec<Result<bool, SyncError>> = changes
        .written
        .par_iter()
        .map(|relative| folder.write(relative, &output.files[relative], &checked))
        .collect();
    let mut stats = count(results)?;
    stats.unchanged += output.len() - changes.written.len();
    folder.remove_staging()?;
    stats.removed = folder.keep_only(output)?;
    Ok(stats)
}

/// Written and unchanged files from the results of writes, or the first error.
fn count(results: Vec<Result<bool, SyncError>>) -> Result<SyncStats, SyncError> {
    let mut stats = SyncStats::default();
    for result in results {
        if result? {
            stats.written += 1;
        } else {
            stats.unchanged += 1;
        }
    }
    Ok(stats)
}

/// The streaming form of [`sync`], for `brief build`: files are handed over while the site
/// renders, so the whole site never has to be held in memory, and still nothing visible changes
/// unless the build succeeds. A changed file goes to the staging folder inside the output
/// folder and is moved into place by [`Staging::commit`]; [`Staging::abort`] removes the
/// staging folder (and the output folder, if the build made it).
#[derive(Debug)]
pub struct Staging {
    folder: OutputFolder,
    staging: PathBuf,
    /// The output folder held no file when the build started: nothing to compare with.
    fresh: bool,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    /// Folders this build has made: a topic's feed beside its page, or its second page under
    /// `page/`, would otherwise cost a failing `mkdir` and a `stat` per file.
    made: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    pub fn new(folder: OutputFolder) -> Staging {
        let fresh =
            std::fs::read_dir(&folder.dir).map_or(true, |mut entries| entries.next().is_none());
        Staging {
            staging: folder.dir.join(STAGING_DIR),
            folder,
            fresh,
            written: AtomicUsize::default(),
            unchanged: AtomicUsize::default(),
            made: Mutex::default(),
        }
    }

    /// Make the folders that files at these paths (relative to the output folder) go into, in
    /// this order, ahead of the files: run beside the rendering, it takes the folder creation
    /// (the costliest file system work of a build, each `mkdir` holding its parent's lock) off
    /// the threads that render and write pages. A folder it has not made yet when its file
    /// comes is made by [`Staging::put`] as usual. Errors are left to `put` to report.
    pub fn make_folders<'p>(&self, paths: impl Iterator<Item = &'p str>) {
        for path in paths.filter(|path| is_inside(path)) {
            let _ = self.make_parent(&self.staging.join(path));
        }
    }

    /// Take one file of the site (`path` relative to the output folder).
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), SyncError> {
        if !is_inside(path) {
            return Err(leaves(&self.folder.dir, path));
        }
        if !self.fresh && holds(&self.folder.dir.join(path), bytes) {
            self.unchanged.fetch_add(1, Relaxed);
            return Ok(());
        }
        let destination = self.staging.join(path);
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
        std::fs::read(self.staging.join(path))
            .or_else(|_| std::fs::read(self.folder.dir.join(path)))
            .ok()
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

    /// The build succeeded: move the staged files into place and remove the files brief wrote
    /// before that are not in `output` (whose paths name the site's files; their contents are
    /// not needed).
    pub fn commit(mut self, output: &Output) -> Result<SyncStats, SyncError> {
        self.folder.will_write(output.files.keys())?;
        if self.staging.exists() {
            self.move_into_place(Path::new(""))?;
            self.folder.remove_staging()?;
        }
        Ok(SyncStats {
            written: self.written.into_inner(),
            unchanged: self.unchanged.into_inner(),
            removed: self.folder.keep_only(output)?,
        })
    }

    /// Move what the staging folder holds at `relative` into the output folder: a whole folder
    /// in one rename where the output has none yet (a first build is a few renames), else
    /// entry by entry.
    fn move_into_place(&self, relative: &Path) -> Result<(), SyncError> {
        let staged = self.staging.join(relative);
        for entry in std::fs::read_dir(&staged).map_err(fail("read", &staged))? {
            let entry = entry.map_err(fail("read", &staged))?;
            let inside = relative.join(entry.file_name());
            let source = entry.path();
            let target = self.folder.dir.join(&inside);
            let staged_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            let Ok(existing) = target.symlink_metadata() else {
                std::fs::rename(&source, &target).map_err(fail("write", &target))?;
                continue;
            };
            if existing.file_type().is_symlink() && staged_dir {
                return Err(through_link(&target));
            }
            match (staged_dir, existing.is_dir()) {
                (true, true) => self.move_into_place(&inside)?,
                (false, true) => {
                    let name = super::relative_path(&self.folder.dir, &target);
                    self.folder.clear_folder_in_the_way(&target, &name)?;
                    std::fs::rename(&source, &target).map_err(fail("write", &target))?;
                }
                (true, false) => {
                    let name = super::relative_path(&self.folder.dir, &target);
                    if !self.folder.written.contains(&name) {
                        return Err(SyncError {
                            action: "write",
                            path: target,
                            source: io::Error::new(
                                io::ErrorKind::AlreadyExists,
                                "a file brief did not write is where the site has a folder",
                            ),
                        });
                    }
                    std::fs::remove_file(&target).map_err(fail("remove", &target))?;
                    std::fs::rename(&source, &target).map_err(fail("write", &target))?;
                }
                (false, false) => {
                    std::fs::rename(&source, &target).map_err(fail("write", &target))?
                }
            }
        }
        Ok(())
    }

    /// The build failed: leave the output folder as it was (and gone, if the build made it).
    pub fn abort(self) {
        // Best effort: the build's own error is what gets reported.
        let _ = std::fs::remove_dir_all(&self.staging);
        if !self.folder.existed {
            let _ = std::fs::remove_dir(&self.folder.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    fn output(files: &[(&str, &str)]) -> Output {
        Output {
            files: files
                .iter()
                .map(|(p, c)| (p.to_string(), Bytes::from(c.as_bytes().to_vec())))
                .collect(),
        }
    }

    /// Every file under `dir` but the manifest, with its bytes.
    fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        super::super::files_under(dir)
            .into_iter()
            .filter(|(relative, _)| relative != MANIFEST)
            .map(|(relative, full)| (relative, std::fs::read(full).unwrap()))
            .collect()
    }

    fn build(dir: &Path, site: &Output) -> Result<SyncStats, SyncError> {
        let staging = Staging::new(OutputFolder::open(dir)?);
        for (path, bytes) in &site.files {
            staging.put(path, bytes)?;
        }
        staging.commit(site)
    }

    #[test]
    fn sync_writes_changed_removes_stale_keeps_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let first = output(&[
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("b/c/index.html", "c"),
        ]);
        let mut folder = OutputFolder::open(dir.path()).unwrap();
        let stats = sync(&first, &mut folder).unwrap();
        assert_eq!((stats.written, stats.unchanged, stats.removed), (3, 0, 0));
        let second = output(&[("index.html", "home2"), ("a/index.html", "a")]);
        let stats = sync(&second, &mut folder).unwrap();
        assert_eq!((stats.written, stats.unchanged, stats.removed), (1, 1, 1));
        assert_eq!(
            tree(dir.path()),
            [
                ("a/index.html".into(), b"a".to_vec()),
                ("index.html".into(), b"home2".to_vec())
            ]
        );
        assert!(!dir.path().join("b").exists(), "empty folders go too");
        assert!(!dir.path().join(STAGING_DIR).exists());
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
        build(&dir, &first).unwrap();
        let mtime = |p: &str| std::fs::metadata(dir.join(p)).unwrap().modified().unwrap();
        let kept = mtime("a/index.html");
        let second = output(&[("index.html", "home2"), ("a/index.html", "a")]);

        let staging = Staging::new(OutputFolder::open(&dir).unwrap());
        for (path, bytes) in &second.files {
            staging.put(path, bytes).unwrap();
        }
        assert_eq!(
            std::fs::read(dir.join("index.html")).unwrap(),
            b"home",
            "nothing visible before commit"
        );
        staging.abort();
        assert_eq!(std::fs::read(dir.join("index.html")).unwrap(), b"home");
        assert!(!dir.join(STAGING_DIR).exists());

        let stats = build(&dir, &second).unwrap();
        assert_eq!((stats.written, stats.unchanged, stats.removed), (1, 1, 1));
        assert_eq!(std::fs::read(dir.join("index.html")).unwrap(), b"home2");
        assert_eq!(mtime("a/index.html"), kept);
        assert!(!dir.join("old").exists() && !dir.join(STAGING_DIR).exists());
        let staging = Staging::new(OutputFolder::open(&dir).unwrap());
        assert!(staging.put("../x", b"x").is_err());
    }

    #[test]
    fn a_build_into_a_new_folder_is_staged_too_and_abort_removes_the_folder() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("public");
        let staging = Staging::new(OutputFolder::open(&dir).unwrap());
        staging.put("index.html", b"home").unwrap();
        assert!(
            !dir.join("index.html").exists(),
            "a killed first build leaves no half site"
        );
        staging.abort();
        assert!(!dir.exists());
        build(
            &dir,
            &output(&[("index.html", "home"), ("a/b/index.html", "b")]),
        )
        .unwrap();
        assert_eq!(tree(&dir).len(), 2);
    }

    #[test]
    fn folders_made_ahead_take_their_files_and_never_leave_the_output() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("public");
        let staging = Staging::new(OutputFolder::open(&dir).unwrap());
        staging.make_folders(
            ["a/b/index.html", "c/feed.xml", "../outside/x", "index.html"].into_iter(),
        );
        assert!(dir.join(STAGING_DIR).join("a/b").is_dir());
        assert!(!parent.path().join("outside").exists());
        // A folder made ahead is remembered: its file goes straight in.
        assert!(
            staging
                .made
                .lock()
                .unwrap()
                .contains(&dir.join(STAGING_DIR).join("a/b"))
        );
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
    fn refuses_paths_leaving_the_folder_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        for bad in ["../escape.html", "/etc/x", "a//b", "a/./b", "", "a\\..\\b"] {
            let site = output(&[("ok.html", "x"), (bad, "y")]);
            let mut folder = OutputFolder::open(&target).unwrap();
            let error = sync(&site, &mut folder).unwrap_err();
            assert_eq!(error.source.kind(), io::ErrorKind::InvalidInput, "{bad}");
            assert!(!target.exists(), "{bad}: nothing is written");
            let error = sync_changes(&Output::default(), &site, &mut folder).unwrap_err();
            assert_eq!(error.source.kind(), io::ErrorKind::InvalidInput, "{bad}");
            assert!(
                !target.exists(),
                "{bad}: sync_changes writes nothing either"
            );
        }
        assert!(!dir.path().join("escape.html").exists());
    }

    #[test]
    fn sync_changes_touches_only_what_differs_and_equals_a_sync() {
        let dir = tempfile::tempdir().unwrap();
        let first = output(&[("index.html", "home"), ("a/b/index.html", "b"), ("c", "c")]);
        let mut folder = OutputFolder::open(dir.path()).unwrap();
        sync(&first, &mut folder).unwrap();
        let mut second = first.clone();
        second.files.remove("a/b/index.html");
        second.files.insert("c".into(), Bytes::from_static(b"c2"));
        second
            .files
            .insert("d/index.html".into(), Bytes::from_static(b"d"));
        let stats = sync_changes(&first, &second, &mut folder).unwrap();
        assert_eq!((stats.written, stats.unchanged, stats.removed), (2, 1, 1));
        assert!(!dir.path().join("a").exists(), "emptied folders go");
        assert_eq!(std::fs::read(dir.path().join("c")).unwrap(), b"c2");
        let fresh = tempfile::tempdir().unwrap();
        sync(&second, &mut OutputFolder::open(fresh.path()).unwrap()).unwrap();
        assert_eq!(tree(dir.path()), tree(fresh.path()));
        let manifest = |dir: &Path| std::fs::read(dir.join(MANIFEST)).unwrap();
        assert_eq!(manifest(dir.path()), manifest(fresh.path()));
    }

    #[test]
    fn a_folder_brief_did_not_make_is_refused_unless_adopted_and_its_files_stay() {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(".git/config", "[core]");
        write("CNAME", "news.example");
        write(".nojekyll", "");
        write("notes/todo.txt", "mine");
        let error = OutputFolder::open(dir.path()).unwrap_err();
        assert_eq!(error.source.kind(), io::ErrorKind::AlreadyExists);
        assert!(
            error.source.to_string().contains("--force"),
            "{}",
            error.source
        );

        let site = output(&[("index.html", "home"), ("a/index.html", "a")]);
        let staging = Staging::new(OutputFolder::adopt(dir.path()).unwrap());
        for (path, bytes) in &site.files {
            staging.put(path, bytes).unwrap();
        }
        staging.commit(&site).unwrap();
        // The folder now has a manifest: later builds open it without --force.
        assert_eq!(
            build(dir.path(), &output(&[("index.html", "home2")]))
                .unwrap()
                .removed,
            1
        );
        let mut folder = OutputFolder::open(dir.path()).unwrap();
        sync(&Output::default(), &mut folder).unwrap();
        for foreign in [".git/config", "CNAME", ".nojekyll", "notes/todo.txt"] {
            assert!(dir.path().join(foreign).is_file(), "{foreign} was removed");
        }
        assert!(!dir.path().join("index.html").exists() && !dir.path().join("a").exists());
    }

    #[test]
    fn a_leftover_staging_folder_is_removed_when_the_folder_is_opened() {
        let dir = tempfile::tempdir().unwrap();
        build(dir.path(), &output(&[("index.html", "home")])).unwrap();
        let leftover = dir.path().join(STAGING_DIR).join("articles/x/index.html");
        std::fs::create_dir_all(leftover.parent().unwrap()).unwrap();
        std::fs::write(&leftover, "half").unwrap();
        let folder = OutputFolder::open(dir.path()).unwrap();
        assert!(!dir.path().join(STAGING_DIR).exists());
        drop(folder);
        // Also in a folder that holds nothing else: it is brief's, so the folder is not foreign.
        let empty = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(empty.path().join(STAGING_DIR).join("a")).unwrap();
        OutputFolder::open(empty.path()).unwrap();
        assert!(!empty.path().join(STAGING_DIR).exists());
    }

    #[test]
    fn the_manifest_names_new_files_before_they_are_moved_in() {
        let dir = tempfile::tempdir().unwrap();
        build(dir.path(), &output(&[("index.html", "home")])).unwrap();
        let mut folder = OutputFolder::open(dir.path()).unwrap();
        let next = output(&[("new/index.html", "n")]);
        folder.will_write(next.files.keys()).unwrap();
        // Killed here: the next build knows both files are brief's and removes the stale one.
        std::fs::create_dir_all(dir.path().join("new")).unwrap();
        std::fs::write(dir.path().join("new/index.html"), "n").unwrap();
        drop(folder);
        assert_eq!(
            build(dir.path(), &output(&[("other.html", "o")]))
                .unwrap()
                .removed,
            2
        );
        assert_eq!(tree(dir.path()), [("other.html".into(), b"o".to_vec())]);
    }

    #[test]
    fn a_tampered_manifest_removes_nothing_outside_the_folder() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("public");
        std::fs::write(parent.path().join("site.toml"), "keep").unwrap();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(MANIFEST),
            r#"{"brief_manifest": 1, "files": ["../site.toml", "/etc/hostname", "x"]}"#,
        )
        .unwrap();
        build(&dir, &output(&[("index.html", "home")])).unwrap();
        assert!(parent.path().join("site.toml").is_file());
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_link_inside_the_folder() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("public");
        let outside = parent.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        build(&dir, &output(&[("index.html", "home")])).unwrap();
        std::os::unix::fs::symlink(&outside, dir.join("articles")).unwrap();
        let site = output(&[("index.html", "home"), ("articles/x/index.html", "x")]);
        assert!(build(&dir, &site).is_err());
        let mut folder = OutputFolder::open(&dir).unwrap();
        assert!(sync(&site, &mut folder).is_err());
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    }

    #[test]
    fn a_folder_of_foreign_files_in_the_way_of_a_page_is_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        build(dir.path(), &output(&[("index.html", "home")])).unwrap();
        std::fs::create_dir_all(dir.path().join("about")).unwrap();
        std::fs::write(dir.path().join("about/mine.txt"), "mine").unwrap();
        assert!(
            build(
                dir.path(),
                &output(&[("index.html", "home"), ("about", "page")])
            )
            .is_err()
        );
        assert!(dir.path().join("about/mine.txt").is_file());
    }

    #[test]
    fn the_output_folder_is_resolved_before_it_is_checked() {
        let parent = tempfile::tempdir().unwrap();
        let root = parent.path().join("site");
        for source in ["content/articles", "templates", "static"] {
            std::fs::create_dir_all(root.join(source)).unwrap();
        }
        std::fs::write(root.join("site.toml"), "").unwrap();
        for refused in [
            ".",
            "..",
            "public/..",
            "public/../..",
            "content",
            "content/x/../../content/out",
            "static/out",
            "/",
        ] {
            assert!(
                resolve_output_dir(&root, Path::new(refused)).is_err(),
                "{refused}"
            );
        }
        for accepted in ["public", "out/../public", "../site-public"] {
            let dir = resolve_output_dir(&root, Path::new(accepted)).unwrap();
            assert!(dir.is_absolute() && !dir.components().any(|c| c == Component::ParentDir));
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&root, parent.path().join("link")).unwrap();
            std::os::unix::fs::symlink(root.join("content"), root.join("alias")).unwrap();
            for refused in ["../link", "alias/out"] {
                assert!(
                    resolve_output_dir(&root, Path::new(refused)).is_err(),
                    "{refused}"
                );
            }
        }
    }
}
