//! What is an input of a site: `site.toml` and the files under `content/`, `templates/` and
//! `static/` that are neither hidden nor an editor's leftovers. One definition, used by loading,
//! static copying, template loading, watching and incremental rebuilds alike, so that what a
//! build publishes is exactly what `brief serve` watches.
//!
//! Folders are walked with every problem reported (a folder that cannot be read is an error
//! naming it, never content silently missing); symbolic links are followed when they point
//! inside the site, and a link that points outside it, or a loop, is an error.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

pub const CONFIG_FILE: &str = "site.toml";
pub const CONTENT_DIR: &str = "content";
pub const TEMPLATES_DIR: &str = "templates";
pub const STATIC_DIR: &str = "static";

/// The file of a site's `templates/` that `brief init` writes to say how to override a template.
pub const TEMPLATES_README: &str = "README.md";

/// A folder of the site whose files are inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    Content,
    Templates,
    Static,
}

impl Folder {
    pub const ALL: [Folder; 3] = [Folder::Content, Folder::Templates, Folder::Static];

    pub fn name(self) -> &'static str {
        match self {
            Folder::Content => CONTENT_DIR,
            Folder::Templates => TEMPLATES_DIR,
            Folder::Static => STATIC_DIR,
        }
    }

    /// Whether a file or folder named `name`, at `depth` below this folder (1 for its direct
    /// entries), is left out of the site. Hidden names are, except the few that hosts read from
    /// a published site's `static/` (`.well-known/`, `.nojekyll`).
    pub fn leaves_out(self, name: &OsStr, depth: usize) -> bool {
        let Some(name) = name.to_str() else {
            return false;
        };
        if is_editor_leftover(name) {
            return true;
        }
        // `brief init` explains overriding templates there: documentation, not a template.
        if self == Folder::Templates && depth == 1 && name == TEMPLATES_README {
            return true;
        }
        let published_dotfile =
            self == Folder::Static && depth == 1 && STATIC_DOTFILES.contains(&name);
        name.starts_with('.') && !published_dotfile
    }

    fn from_name(name: &OsStr) -> Option<Folder> {
        Folder::ALL.into_iter().find(|folder| name == folder.name())
    }
}

/// Hidden names under `static/` that are published: hosts read them from the site's root.
pub const STATIC_DOTFILES: [&str; 2] = [".well-known", ".nojekyll"];

/// A file name an editor or a tool writes next to the real file while saving.
pub fn is_editor_leftover(name: &str) -> bool {
    name.ends_with('~')
        || name == "4913"
        || (name.starts_with('#') && name.ends_with('#'))
        || [
            ".swp",
            ".swx",
            ".swo",
            ".swpx",
            ".tmp",
            ".temp",
            ".brief-tmp",
            ".crdownload",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// Whether `relative` (to the site root) is an input of the site, or a folder that may hold
/// inputs: `site.toml`, or a path under an input folder that no rule leaves out and that is not
/// inside the output folder.
pub fn is_input(relative: &Path, output_dir: &Path) -> bool {
    if relative == Path::new(CONFIG_FILE) {
        return true;
    }
    if !output_dir.as_os_str().is_empty() && relative.starts_with(output_dir) {
        return false;
    }
    let mut parts = relative.components();
    let Some(folder) = parts
        .next()
        .and_then(|first| Folder::from_name(first.as_os_str()))
    else {
        return false;
    };
    parts.enumerate().all(|(index, part)| match part {
        Component::Normal(name) => !folder.leaves_out(name, index + 1),
        _ => false,
    })
}

/// The input files under `start` (a folder inside `folder`, or the folder itself, or one file;
/// relative to `root`), sorted, as root-relative paths, with every problem met on the way.
/// `keep` chooses among the files by name (`.md` files only, for content). A missing `start`
/// holds nothing.
pub fn files(
    root: &Path,
    folder: Folder,
    start: &Path,
    keep: impl Fn(&Path) -> bool,
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let listing = walk(root, folder, start, usize::MAX);
    let files = listing
        .files
        .into_iter()
        .filter(|file| keep(file))
        .collect();
    (files, listing.problems)
}

/// The direct entries of the folder `dir` (relative to `root`, inside `folder`) that are inputs.
#[derive(Debug, Default)]
pub struct Entries {
    pub files: Vec<PathBuf>,
    pub folders: Vec<PathBuf>,
    pub problems: Vec<Diagnostic>,
}

/// What [`Entries`] says of `dir`: its input files and folders, not what they hold.
pub fn entries(root: &Path, folder: Folder, dir: &Path) -> Entries {
    walk(root, folder, dir, 1)
}

/// Walk `start` down to `max_depth` levels, following links that stay inside the site.
fn walk(root: &Path, folder: Folder, start: &Path, max_depth: usize) -> Entries {
    let mut listing = Entries::default();
    let absolute = root.join(start);
    let inside = start.starts_with(folder.name()) && is_input(start, Path::new(""));
    if !inside || std::fs::symlink_metadata(&absolute).is_err() {
        return listing;
    }
    // Depth below the input folder of the walk's first entry, for [`Folder::leaves_out`].
    let base_depth = start.components().count() - 1;
    let site = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut walker = walkdir::WalkDir::new(&absolute)
        .follow_links(true)
        .max_depth(max_depth)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !folder.leaves_out(entry.file_name(), base_depth + entry.depth())
        });
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                listing.problems.push(walk_problem(root, &error));
                continue;
            }
        };
        let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if entry.path_is_symlink() && !points_inside(&site, entry.path()) {
            listing.problems.push(
                Diagnostic::error(
                    "symlink",
                    "the symbolic link points outside the site: brief follows links only inside it",
                )
                .in_file(relative),
            );
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
        } else if entry.file_type().is_file() {
            listing.files.push(relative.to_path_buf());
        } else if entry.depth() > 0 && entry.file_type().is_dir() {
            listing.folders.push(relative.to_path_buf());
        }
    }
    listing
}

/// Whether the link at `path` resolves to somewhere inside the (canonical) site folder.
fn points_inside(site: &Path, path: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|target| target.starts_with(site))
}

fn walk_problem(root: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error.path().unwrap_or(root);
    let relative = path.strip_prefix(root).unwrap_or(path);
    let message = match (error.loop_ancestor(), error.io_error()) {
        (Some(ancestor), _) => format!(
            "the symbolic link makes a loop back to {}",
            ancestor.strip_prefix(root).unwrap_or(ancestor).display()
        ),
        (None, Some(io)) => format!("cannot read this: {io}"),
        (None, None) => error.to_string(),
    };
    Diagnostic::error("io", message).in_file(relative)
}

/// `path` relative to `base`, with `/` separators: the form output paths and template names take.
pub fn slash_path(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_and_leftovers() {
        let out = Path::new("public");
        for input in [
            "site.toml",
            "content/articles/a.md",
            "content/articles",
            "templates/base.html",
            "static/css/site.css",
            "static/.well-known/security.txt",
            "static/.nojekyll",
            "static/_redirects",
            "content",
        ] {
            assert!(is_input(Path::new(input), out), "{input}");
        }
        for ignored in [
            "README.md",
            "public/index.html",
            "target/debug/brief",
            "content/articles/.a.md.swp",
            "content/articles/a.md~",
            "content/articles/4913",
            "content/articles/a.md.tmp",
            "content/.git/HEAD",
            "content/.well-known/x.md",
            "static/.hidden/x.css",
            "static/.env",
            "static/.git/config",
            "static/css/.well-known/x",
            "static/#notes.txt#",
            "templates/#base.html#",
            "templates/README.md",
            "static/index.html.brief-tmp",
        ] {
            assert!(!is_input(Path::new(ignored), out), "{ignored}");
        }
        // An output folder inside an input folder is still ignored.
        assert!(!is_input(
            Path::new("static/out/x.css"),
            Path::new("static/out")
        ));
    }

    fn listed(root: &Path, folder: Folder) -> (Vec<String>, Vec<Diagnostic>) {
        let (files, problems) = files(root, folder, Path::new(folder.name()), |_| true);
        let names = files.iter().map(|f| slash_path(Path::new(""), f)).collect();
        (names, problems)
    }

    #[test]
    fn lists_what_is_input_and_reports_links_leaving_the_site() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = site.path();
        for file in [
            "static/a.css",
            "static/.env",
            "static/.well-known/security.txt",
            "static/#draft#",
            "static/img/x.png",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("static/img"), root.join("static/pics")).unwrap();
            std::os::unix::fs::symlink(outside.path(), root.join("static/elsewhere")).unwrap();
        }
        let (names, problems) = listed(root, Folder::Static);
        let mut expected = vec![
            "static/.well-known/security.txt",
            "static/a.css",
            "static/img/x.png",
        ];
        if cfg!(unix) {
            expected.push("static/pics/x.png");
        }
        assert_eq!(names, expected);
        if cfg!(unix) {
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(
                problems[0].file.as_deref(),
                Some(Path::new("static/elsewhere"))
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_loop_and_an_unreadable_folder_are_errors_naming_the_path() {
        use std::os::unix::fs::PermissionsExt;
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let articles = root.join("content/articles");
        std::fs::create_dir_all(articles.join("desk")).unwrap();
        std::fs::write(articles.join("a.md"), "x").unwrap();
        std::os::unix::fs::symlink(&articles, articles.join("desk/again")).unwrap();
        let locked = articles.join("locked");
        std::fs::create_dir_all(&locked).unwrap();
        std::fs::write(locked.join("b.md"), "x").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let readable_anyway = std::fs::read_dir(&locked).is_ok(); // as root
        let (names, problems) = listed(root, Folder::Content);
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(names.contains(&"content/articles/a.md".to_owned()));
        let files: Vec<_> = problems.iter().filter_map(|p| p.file.clone()).collect();
        assert!(
            files.contains(&PathBuf::from("content/articles/desk/again")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.message.contains("loop")),
            "{problems:?}"
        );
        if !readable_anyway {
            assert!(
                files.contains(&PathBuf::from("content/articles/locked")),
                "{problems:?}"
            );
        }
    }
}
