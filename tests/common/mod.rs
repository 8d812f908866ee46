//! A fixture site in a temporary folder, built with the real `brief` binary.
#![allow(dead_code)] // each test file uses a different part of this helper

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use brief::diagnostics::Diagnostics;
use brief::output::Output;
use brief::render::Memory;
use brief::render::cache::Caches;
use brief::{Build, BuildOptions};

pub(crate) const MINIMAL_CONFIG: &str =
    "title = \"Test Desk\"\nbase_url = \"https://test.example\"\ndescription = \"Fixture\"\n";

pub(crate) struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// An empty site with a minimal `site.toml`.
    pub(crate) fn new() -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write("site.toml", MINIMAL_CONFIG);
        site
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, path: &str, text: &str) -> &TestSite {
        self.write_bytes(path, text.as_bytes())
    }

    pub(crate) fn write_bytes(&self, path: &str, bytes: &[u8]) -> &TestSite {
        let target = self.root().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
        self
    }

    /// An article file with the given front matter lines and body.
    pub(crate) fn article(&self, file: &str, front: &str, body: &str) -> &TestSite {
        self.write(
            &format!("content/articles/{file}"),
            &format!("---\n{front}\n---\n{body}\n"),
        )
    }

    pub(crate) fn brief(&self) -> Command {
        let mut command = Command::cargo_bin("brief").unwrap();
        command.arg("--root").arg(self.root());
        command
    }

    /// Run `brief ARGS...` on the site: its stdout, its stderr, and whether it succeeded.
    pub(crate) fn run(&self, args: &[&str]) -> (String, String, bool) {
        let output = self.brief().args(args).output().unwrap();
        (
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
            output.status.success(),
        )
    }

    pub(crate) fn build(&self) -> assert_cmd::assert::Assert {
        self.brief().arg("build").assert()
    }

    pub(crate) fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// A file of the built site, such as `articles/x/index.html`.
    pub(crate) fn read(&self, path: &str) -> String {
        let file = self.public().join(path);
        std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()))
    }

    pub(crate) fn exists(&self, path: &str) -> bool {
        self.public().join(path).is_file()
    }

    /// Every file of the built site with its bytes.
    pub(crate) fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.public())
    }

    /// The search index's files (names, word shards, records) as one text.
    pub(crate) fn search_text(&self) -> String {
        let index = tree(&self.public().join("search"));
        assert!(!index.is_empty(), "no search index was built");
        index
            .into_values()
            .map(|bytes| String::from_utf8(bytes).unwrap())
            .collect()
    }
}

/// The site's files under `dir` with their bytes: brief's manifest of them is not one.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    // `brief watch` may remove a file between the listing and the reading: it is not part of the
    // tree then, and the caller's next look sees the folder as it became.
    files(dir, |entry| std::fs::read(entry.path()).ok())
        .into_iter()
        .filter(|(path, _)| path != brief::output::MANIFEST)
        .filter_map(|(path, bytes)| Some((path, bytes?)))
        .collect()
}

/// Every file under `dir` (relative, `/`-separated) with what `read` takes from it.
pub(crate) fn files<T>(dir: &Path, read: impl Fn(&walkdir::DirEntry) -> T) -> BTreeMap<String, T> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (relative, read(&e))
        })
        .collect()
}

/// Every `href="/…"` and `src="/…"` in `html` (site-internal, without fragment).
pub(crate) fn internal_links(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            let link = &rest[..end];
            if link.starts_with('/') && !link.starts_with("//") {
                links.push(link.split('#').next().unwrap().to_owned());
            }
        }
    }
    links
}

/// The output file a site URL is served from.
pub(crate) fn file_of_url(url: &str) -> String {
    let path = url.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    }
}

/// The site at `root` rendered in memory, or every problem when it has errors.
pub(crate) fn render_in_memory(root: &Path, options: &BuildOptions) -> Result<Output, Diagnostics> {
    let build = Build::new(root, options)?;
    let sink = Memory::default();
    let rendered = build.load().render(&sink, &mut Caches::forgetful());
    if rendered.problems.has_errors() {
        return Err(rendered.problems);
    }
    Ok(sink.into_output())
}
