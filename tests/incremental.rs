//! The incremental rebuild of `brief serve` / `brief watch` must produce exactly what a fresh
//! full build produces: random sequences of edits, additions, renames (of files and folders),
//! deletions, broken files and fixes are applied to a site, each batch is reported to the
//! rebuilder as the watcher reports it, and after every batch the result is compared, file by
//! file (or problem by problem), with a full build in memory of the same files.

mod common;

use std::path::{Path, PathBuf};

use brief::BuildOptions;
use brief::serve::incremental::Incremental;
use brief::serve::watch::{Changes, is_input};
use common::render_in_memory;
use proptest::prelude::*;

const NAMES: [&str; 5] = ["alpha", "bravo", "charlie", "delta", "echo"];

#[derive(Debug, Clone)]
enum Op {
    /// Write article `name` in one of several variants.
    Article(usize, usize),
    Delete(usize),
    Rename(usize, usize),
    /// Move an article into `content/articles/desk/`.
    IntoFolder(usize),
    /// Rename `desk/` to `bureau/` or back.
    RenameFolder,
    Briefing(usize),
    Profile(usize),
    /// Write, change or remove a page of `content/pages/`, or a Markdown file outside the
    /// folders brief reads.
    Page(usize),
    Static(usize),
    Config(usize),
    /// Override, change or remove one of the site's templates.
    Template(usize),
    /// Write or remove a hidden file, an editor's leftover or a published dotfile.
    Hidden(usize),
    /// Rename an article, then delete it under its new name, within one debounce window whose
    /// events name only the new name (the watcher merged the rename away).
    RenameThenDelete(usize, usize),
}

/// Files that are not inputs (hidden, editor leftovers), and dotfiles that are published
/// (`static/.well-known/`, `static/.nojekyll`): (path, text, or none to remove it).
const HIDDEN: [(&str, Option<&str>); 9] = [
    ("static/.env", Some("SECRET=1\n")),
    ("static/#notes.txt#", Some("draft notes\n")),
    (
        "static/.well-known/security.txt",
        Some("Contact: mailto:desk@example.org\n"),
    ),
    ("static/.well-known/security.txt", None),
    ("static/.nojekyll", Some("")),
    ("templates/.article.html.swp", Some("{% broken")),
    ("templates/article.html~", Some("{% broken")),
    (
        "content/articles/.alpha.md.swp",
        Some("---\ntitle: [broken\n"),
    ),
    ("content/articles/#alpha.md#", Some("not front matter")),
];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..NAMES.len(), 0..22usize).prop_map(|(n, v)| Op::Article(n, v)),
        2 => (0..NAMES.len()).prop_map(Op::Delete),
        2 => (0..NAMES.len(), 0..NAMES.len()).prop_map(|(a, b)| Op::Rename(a, b)),
        1 => (0..NAMES.len()).prop_map(Op::IntoFolder),
        1 => Just(Op::RenameFolder),
        2 => (0..4usize).prop_map(Op::Briefing),
        1 => (0..3usize).prop_map(Op::Profile),
        1 => (0..5usize).prop_map(Op::Page),
        1 => (0..2usize).prop_map(Op::Static),
        1 => (0..3usize).prop_map(Op::Config),
        2 => (0..7usize).prop_map(Op::Template),
        2 => (0..HIDDEN.len()).prop_map(Op::Hidden),
        1 => (0..NAMES.len(), 0..NAMES.len()).prop_map(|(a, b)| Op::RenameThenDelete(a, b)),
    ]
}

fn article_text(name: usize, variant: usize) -> String {
    let title = format!("{} report {variant}", NAMES[name]);
    let day = 10 + (name * 3 + variant) % 18;
    match variant {
        0 => format!(
            "---\ntitle: {title}\ndate: 2022-01-{day}\ntopics: [Energy]\npeople: [Ann Lee]\n---\nBody of {title}.\n"
        ),
        1 => format!(
            "---\ntitle: {title}\ndate: 2022-02-{day}\ntopics: [Energy, NATO]\npeople: [Bo Chan, Lee]\n---\nAnother body, *emphasis*.\n\nSecond paragraph.\n"
        ),
        2 => format!("---\ntitle: {title}\ndate: 2022-01-{day}\ndraft: true\n---\nA draft.\n"),
        3 => "---\ntitle: [broken\n---\nBroken front matter.\n".to_owned(),
        4 => format!("---\ntitle: {title}\nslug: shared\ndate: 2022-03-01\n---\nShared slug.\n"),
        5 => format!(
            "---\ntitle: {title}\ndate: 2022-01-{day}\ntopics: [NATO]\n---\nSee [the other](@/articles/alpha.md).\n"
        ),
        6 => format!("---\ntitle: {title}\ntopics: [Ukraine]\npeople: [ann lee]\n---\nUndated.\n"),
        // 12 to 14 differ from variant 0 in one field each, which changes other pages than the
        // article's own: its people (related people of its topics), its topics, its date (the
        // order of every list it is on, so pagination shifts).
        12..=14 => {
            let title = format!("{} report 0", NAMES[name]);
            let day = 10 + (name * 3) % 18;
            let (date, topics, people) = match variant {
                12 => (format!("2022-01-{day}"), "Energy", "Bo Chan"),
                13 => (format!("2022-01-{day}"), "Energy, Ukraine", "Ann Lee"),
                _ => (format!("2021-12-{day}"), "Energy", "Ann Lee"),
            };
            format!(
                "---\ntitle: {title}\ndate: {date}\ntopics: [{topics}]\npeople: [{people}]\n---\nBody of {title}.\n"
            )
        }
        // 18 to 20 are stories: one front matter (one date, one person) with the words of one
        // of two reports, so that articles of one report are one story. 18 and 19 differ in
        // the body only (`brief serve` swaps it into the model and groups again): an edit
        // between them moves the article from one story to the other. 20 names the story of
        // `alpha` in front matter.
        18..=20 => {
            let story = if variant == 20 { "story: alpha\n" } else { "" };
            let report = if variant == 19 { REPORT_B } else { REPORT_A };
            format!(
                "---\ntitle: {} dispatch\ndate: 2022-01-05\npeople: [Ann Lee]\n{story}---\n{report}\n",
                NAMES[name]
            )
        }
        // 15 to 17 have variant 0's front matter with other bodies: `brief serve` swaps such
        // bodies into the model it kept instead of modelling the site again. One links to
        // another article with `@/` (an error while that article does not exist), one is long
        // enough to change the reading time.
        15..=17 => {
            let head = article_text(name, 0);
            let front = &head[..head.rfind("---\n").expect("front matter") + 4];
            let body = match variant {
                15 => "A new body, now [linking](@/articles/bravo.md).\n".to_owned(),
                16 => "## A heading\n\n```rust\nfn main() {}\n```\n".to_owned(),
                _ => "word ".repeat(900) + "\n",
            };
            format!("{front}{body}")
        }
        // 7 to 11 and 21 differ from each other in one field each, all shown on the article
        // page only (not in lists): source, extra, the update date, the inferred-date flag, a
        // medium that is an embedded video with a thumbnail.
        _ => {
            let source = if variant == 8 { "Other wire" } else { "Wire" };
            let desk = if variant == 9 { "b" } else { "a" };
            let updated = if variant == 10 {
                ""
            } else {
                "updated: 2022-02-01\n"
            };
            let inferred = if variant == 11 {
                "date_inferred: true\n"
            } else {
                ""
            };
            let medium = if variant == 21 {
                "kind: video\n    src: https://youtu.be/dQw4w9WgXcQ\n    thumbnail: https://img.example/t.jpg"
            } else {
                "credit: AP Photo/X"
            };
            format!(
                "---\ntitle: {} same\ndate: 2022-01-{}\n{updated}{inferred}media:\n  - caption: A photo\n    {medium}\nsource:\n  name: {source}\n  trailers: [Source link]\nextra: {{desk: {desk}}}\n---\nSame body.\n",
                NAMES[name],
                10 + (name * 3) % 18
            )
        }
    }
}

/// Two reports that articles of variants 18 to 20 carry: each article carrying one is a source
/// of its story.
const REPORT_A: &str = "Dockworkers at the port of Ellen walked out on Monday over plans to \
    automate two container terminals, leaving forty ships waiting at anchor, union leader Ann \
    Lee said.";
const REPORT_B: &str = "A magnitude six earthquake shook the mountain town of Varna before dawn, \
    collapsing twenty damaged buildings and injuring sixty residents, governor Ann Lee said.";

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write(
            "site.toml",
            "title = \"Desk\"\nbase_url = \"https://desk.example\"\npaginate_by = 2\n",
        );
        site.write("content/articles/alpha.md", &article_text(0, 0));
        site.write("content/articles/bravo.md", &article_text(1, 1));
        site.write("static/site.css", "body{}\n");
        site
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, path: &str, text: &str) {
        let target = self.root().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, text).unwrap();
    }

    /// Where article `name` is now, if anywhere.
    fn find(&self, name: usize) -> Option<PathBuf> {
        ["", "desk/", "bureau/"]
            .iter()
            .map(|folder| PathBuf::from(format!("content/articles/{folder}{}.md", NAMES[name])))
            .find(|path| self.root().join(path).is_file())
    }

    /// Apply one operation; returns the paths touched, as the watcher would see them.
    fn apply(&self, op: &Op) -> Vec<PathBuf> {
        match *op {
            Op::Article(..)
            | Op::Delete(_)
            | Op::Rename(..)
            | Op::IntoFolder(_)
            | Op::RenameFolder
            | Op::RenameThenDelete(..) => self.apply_to_articles(op),
            _ => self.apply_to_others(op),
        }
    }

    /// An operation on the files of `content/articles/`.
    fn apply_to_articles(&self, op: &Op) -> Vec<PathBuf> {
        let root = self.root();
        match *op {
            Op::Article(name, variant) => {
                let path = self.find(name).unwrap_or_else(|| {
                    PathBuf::from(format!("content/articles/{}.md", NAMES[name]))
                });
                self.write(path.to_str().unwrap(), &article_text(name, variant));
                vec![path]
            }
            Op::Delete(name) => match self.find(name) {
                Some(path) => {
                    std::fs::remove_file(root.join(&path)).unwrap();
                    vec![path]
                }
                None => vec![],
            },
            Op::Rename(from, to) => match (self.find(from), self.find(to)) {
                (Some(path), None) => {
                    let target = path.with_file_name(format!("{}.md", NAMES[to]));
                    std::fs::rename(root.join(&path), root.join(&target)).unwrap();
                    vec![path, target]
                }
                _ => vec![],
            },
            Op::IntoFolder(name) => match self.find(name) {
                Some(path) if path.parent() == Some(Path::new("content/articles")) => {
                    let target = PathBuf::from(format!("content/articles/desk/{}.md", NAMES[name]));
                    std::fs::create_dir_all(root.join("content/articles/desk")).unwrap();
                    std::fs::rename(root.join(&path), root.join(&target)).unwrap();
                    vec![path, PathBuf::from("content/articles/desk"), target]
                }
                _ => vec![],
            },
            Op::RenameFolder => {
                let (from, to) = if root.join("content/articles/desk").is_dir() {
                    ("content/articles/desk", "content/articles/bureau")
                } else {
                    ("content/articles/bureau", "content/articles/desk")
                };
                if root.join(from).is_dir() && !root.join(to).exists() {
                    std::fs::rename(root.join(from), root.join(to)).unwrap();
                    // Renaming a folder is one event per folder, none for what is inside.
                    vec![PathBuf::from(from), PathBuf::from(to)]
                } else {
                    vec![]
                }
            }
            Op::RenameThenDelete(from, to) => match (self.find(from), self.find(to)) {
                (Some(path), None) => {
                    let target = path.with_file_name(format!("{}.md", NAMES[to]));
                    std::fs::rename(root.join(&path), root.join(&target)).unwrap();
                    std::fs::remove_file(root.join(&target)).unwrap();
                    vec![target]
                }
                _ => vec![],
            },
            _ => unreachable!("not an operation on articles: {op:?}"),
        }
    }

    /// Override, change or remove one of the site's templates.
    fn apply_template(&self, variant: usize) -> Vec<PathBuf> {
        let root = self.root();
        let (path, text) = match variant {
            0 => (
                "templates/article.html",
                Some(
                    "{% extends \"base.html\" %}{% block content %}<h1>{{ article.title }}</h1>{{ article.body_html | safe }}{% endblock content %}",
                ),
            ),
            1 => (
                "templates/partials/article-card.html",
                Some("<p class=\"card\"><a href=\"{{ card.url }}\">{{ card.title }}</a></p>"),
            ),
            2 => ("templates/article.html", None),
            3 => ("templates/partials/article-card.html", None),
            // The base every page extends, and a partial no page includes yet.
            4 => (
                "templates/base.html",
                Some(
                    "<!doctype html><title>{{ title }}</title>{% block content %}{% endblock content %}",
                ),
            ),
            5 => ("templates/base.html", None),
            _ => ("templates/partials/unused.html", Some("<p>unused</p>")),
        };
        match text {
            Some(text) => {
                self.write(path, text);
            }
            None => {
                let _ = std::fs::remove_file(root.join(path));
            }
        }
        vec![PathBuf::from(path)]
    }

    /// Write `path` with `text`, or remove it; the path touched.
    fn write_or_remove(&self, path: &str, text: Option<&str>) -> Vec<PathBuf> {
        match text {
            Some(text) => self.write(path, text),
            None => {
                let _ = std::fs::remove_file(self.root().join(path));
            }
        }
        vec![PathBuf::from(path)]
    }

    /// Write, change or remove a page, or a Markdown file brief does not read.
    fn apply_page(&self, variant: usize) -> Vec<PathBuf> {
        let (path, text) = match variant {
            0 => (
                "content/pages/about.md",
                Some(
                    "---\ntitle: About\naliases: [/about-us/]\n---\nSee [alpha](@/articles/alpha.md).\n",
                ),
            ),
            1 => (
                "content/pages/about.md",
                Some("---\ntitle: About the desk\n---\nWho we are.\n"),
            ),
            2 => ("content/pages/about.md", None),
            3 => (
                "content/contact.md",
                Some("---\ntitle: Contact\n---\nWrite to us.\n"),
            ),
            _ => ("content/contact.md", None),
        };
        self.write_or_remove(path, text)
    }

    /// An operation on another input: briefings, profiles, static files, templates, settings.
    fn apply_to_others(&self, op: &Op) -> Vec<PathBuf> {
        let root = self.root();
        match *op {
            Op::Briefing(variant) => {
                let items = match variant {
                    0 => "  - article: alpha\n    note: Read **this**.\n",
                    1 => "  - article: bravo\n  - article: charlie\n",
                    2 => "  - article: nonexistent\n",
                    _ => "  - article: delta\n    note: See [alpha](@/articles/alpha.md).\n",
                };
                let path = "content/briefings/week.md";
                self.write(
                    path,
                    &format!("---\ntitle: Week {variant}\ndate: 2022-02-01\ntopics: [Energy]\nitems:\n{items}---\nIntro {variant}.\n"),
                );
                vec![PathBuf::from(path)]
            }
            Op::Profile(variant) => {
                let path = "content/people/ann-lee.md";
                match variant {
                    0 => self.write(
                        path,
                        "---\nname: Ann Lee\naliases: [Lee]\nrole: Minister\n---\nA bio.\n",
                    ),
                    1 => self.write(path, "---\nname: Ann B. Lee\n---\n"),
                    _ => {
                        let _ = std::fs::remove_file(root.join(path));
                    }
                }
                vec![PathBuf::from(path)]
            }
            Op::Page(variant) => self.apply_page(variant),
            Op::Static(variant) => {
                let path = "static/site.css";
                self.write(path, &format!("body{{margin:{variant}px}}\n"));
                vec![PathBuf::from(path)]
            }
            Op::Template(variant) => self.apply_template(variant),
            Op::Hidden(index) => {
                let (path, text) = HIDDEN[index];
                self.write_or_remove(path, text)
            }
            Op::Config(variant) => {
                self.write(
                    "site.toml",
                    &format!(
                        "title = \"Desk {variant}\"\nbase_url = \"https://desk.example\"\npaginate_by = {}\n",
                        [1, 2, 20][variant]
                    ),
                );
                vec![PathBuf::from("site.toml")]
            }
            _ => unreachable!("an operation on articles: {op:?}"),
        }
    }
}

fn check_batches(batches: Vec<Vec<Op>>, drafts: bool) -> Result<(), TestCaseError> {
    let site = Site::new();
    let options = BuildOptions {
        drafts,
        ..BuildOptions::default()
    };
    let mut incremental = Incremental::new(site.root(), options.clone());
    let _ = incremental.build(&Changes::everything());
    for (number, batch) in batches.iter().enumerate() {
        let mut changes = Changes::default();
        for op in batch {
            for path in site.apply(op) {
                if is_input(&path, Path::new("public")) {
                    changes.paths.insert(path);
                }
            }
        }
        let full = render_in_memory(site.root(), &options);
        let rebuilt = incremental.build(&changes);
        match (full, rebuilt) {
            (Ok(full), Ok(rebuilt)) => {
                let expected = &full.files;
                let got = &rebuilt.output.files;
                for (path, bytes) in expected {
                    prop_assert!(
                        got.get(path) == Some(bytes),
                        "batch {number} {batch:?}: {path} differs or is missing"
                    );
                }
                for path in got.keys() {
                    prop_assert!(
                        expected.contains_key(path),
                        "batch {number} {batch:?}: {path} should not exist"
                    );
                }
            }
            (Err(full), Err(rebuilt)) => {
                prop_assert_eq!(full, rebuilt, "batch {} {:?}", number, batch)
            }
            (full, rebuilt) => prop_assert!(
                false,
                "batch {number} {batch:?}: full build ok={} but rebuild ok={}",
                full.is_ok(),
                rebuilt.is_ok()
            ),
        }
    }
    Ok(())
}

/// Cases per run: 48 by default (CI); `BRIEF_PROPTEST_CASES=1000` for a long local run.
fn cases() -> u32 {
    std::env::var("BRIEF_PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_full(batches in prop::collection::vec(prop::collection::vec(op(), 1..4), 1..10), drafts in any::<bool>()) {
        check_batches(batches, drafts)?;
    }
}

#[test]
fn folder_rename_and_hidden_folders() {
    check_batches(
        vec![
            vec![Op::IntoFolder(0)],
            vec![Op::RenameFolder],
            vec![Op::Article(0, 1)],
            vec![Op::RenameFolder, Op::Delete(1)],
            vec![Op::Rename(0, 3)],
        ],
        false,
    )
    .unwrap();
}

/// Edits to an article that is not on the first page of its topic's and person's lists still
/// change those first pages (related people and topics, counts) and shift pagination.
#[test]
fn edits_that_reach_beyond_the_article_page() {
    check_batches(
        vec![
            vec![Op::Article(2, 0), Op::Article(3, 0), Op::Article(4, 0)],
            vec![Op::Article(0, 12)],
            vec![Op::Article(0, 13)],
            vec![Op::Article(4, 14)],
            vec![Op::Article(0, 0), Op::Article(4, 0)],
        ],
        false,
    )
    .unwrap();
}

/// Stories follow edits: articles carrying one report are one story; a body-only edit (which
/// `brief serve` swaps into the model it kept) moves `bravo` from the first report's story to
/// the second's; `story:` in front matter joins another to `alpha`'s.
#[test]
fn an_edit_moves_an_article_from_one_story_to_another() {
    check_batches(
        vec![
            vec![Op::Article(0, 18), Op::Article(1, 18), Op::Article(2, 19)],
            vec![Op::Article(1, 19)],
            vec![Op::Article(3, 20)],
            vec![Op::Article(1, 18)],
        ],
        false,
    )
    .unwrap();
    // And the stories did move, as a full build shows them.
    let site = Site::new();
    for (name, variant) in [(0, 18), (1, 18), (2, 19)] {
        site.write(
            &format!("content/articles/{}.md", NAMES[name]),
            &article_text(name, variant),
        );
    }
    // The page's "Also reported by": its related articles may link the others too.
    let page = |site: &Site, name: &str| {
        let output = render_in_memory(site.root(), &BuildOptions::default()).unwrap();
        let html = String::from_utf8(output.files[&format!("articles/{name}/index.html")].to_vec())
            .unwrap();
        let section = html
            .split(r#"<section class="article-section also-reported">"#)
            .nth(1)
            .unwrap_or_default();
        section[..section.find("</section>").unwrap_or(0)].to_owned()
    };
    assert!(page(&site, "bravo").contains("href=\"/articles/alpha/\""));
    site.write("content/articles/bravo.md", &article_text(1, 19));
    let moved = page(&site, "bravo");
    assert!(moved.contains("href=\"/articles/charlie/\""));
    assert!(!moved.contains("href=\"/articles/alpha/\""));
}

/// The same, through the real watcher: `brief watch` runs while a pseudo-random sequence of
/// edits, additions, renames and deletions is saved, and after each step its output folder must
/// become, file by file, what a fresh `brief build` of the same files writes elsewhere.
#[test]
fn brief_watch_output_equals_a_fresh_build() {
    use std::io::{BufRead, BufReader};
    use std::time::{Duration, Instant};

    let site = Site::new();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("brief"))
        .arg("--root")
        .arg(site.root())
        .arg("watch")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    loop {
        let line = lines.next().expect("brief watch starts").unwrap();
        if line.starts_with("Watching ") {
            break;
        }
    }
    std::thread::spawn(move || for _ in lines {});
    let tree = common::tree;
    // Operations that keep the site valid, so every step has a full build to compare with.
    let mut seed: u64 = 0x5eed_b71e;
    let mut next = |bound: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % bound
    };
    let fresh = tempfile::tempdir().unwrap();
    for step in 0..14 {
        let op = match next(8) {
            0 | 1 => Op::Article(next(NAMES.len()), [0, 1, 2, 6][next(4)]),
            2 => Op::Delete(next(NAMES.len())),
            3 => Op::Rename(next(NAMES.len()), next(NAMES.len())),
            4 => Op::IntoFolder(next(NAMES.len())),
            5 => Op::RenameFolder,
            6 => Op::Static(next(2)),
            _ => Op::Profile(next(3)),
        };
        site.apply(&op);
        let _ = std::fs::remove_dir_all(fresh.path());
        std::process::Command::new(assert_cmd::cargo::cargo_bin("brief"))
            .arg("--root")
            .arg(site.root())
            .args(["-q", "build", "--output"])
            .arg(fresh.path())
            .status()
            .unwrap();
        let expected = tree(fresh.path());
        let start = Instant::now();
        loop {
            let got = tree(&site.root().join("public"));
            if got == expected {
                break;
            }
            if start.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                let differing: Vec<&String> = expected
                    .keys()
                    .chain(got.keys())
                    .filter(|path| expected.get(*path) != got.get(*path))
                    .collect();
                panic!("step {step} {op:?}: brief watch output differs: {differing:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// `brief -v watch` prints each rebuild's stage times, and an edit of an article's body alone
/// takes the path that keeps the model (no `model` stage), while a front matter edit does not.
#[test]
fn verbose_watch_shows_stage_times_and_body_edits_keep_the_model() {
    use std::io::{BufRead, BufReader};
    use std::time::Duration;

    /// Stops the watcher however the test ends, a failed assertion included.
    struct Running(std::process::Child);
    impl Drop for Running {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    let site = Site::new();
    let mut child = Running(
        std::process::Command::new(assert_cmd::cargo::cargo_bin("brief"))
            .arg("--root")
            .arg(site.root())
            .args(["-v", "watch"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let (sender, lines) = std::sync::mpsc::channel();
    let stdout = child.0.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let next_line = |prefix: &str| loop {
        match lines.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if line.starts_with(prefix) => break line,
            Ok(_) => {}
            Err(error) => panic!("no line `{prefix}…` from brief -v watch: {error}"),
        }
    };
    let next_stages = || next_line("Stages: ");
    let first = next_stages();
    assert!(first.contains("model"), "{first}");
    next_line("Watching ");
    // Variant 16 is variant 0's front matter with another body.
    site.apply(&Op::Article(0, 16));
    let body_only = next_stages();
    assert!(body_only.starts_with("Stages: read "), "{body_only}");
    assert!(body_only.contains("markdown"), "{body_only}");
    assert!(!body_only.contains("model"), "{body_only}");
    site.apply(&Op::Article(0, 1));
    let front_matter = next_stages();
    assert!(front_matter.contains("model"), "{front_matter}");
}

/// `brief watch --poll` sees a second save made within the same second as the first, even one
/// that keeps the file's size (polling used to compare whole-second modification times).
#[test]
fn poll_mode_sees_a_second_save_within_the_same_second() {
    use std::io::{BufRead, BufReader};
    use std::time::{Duration, Instant};

    /// Stops the watcher however the test ends, a failed assertion included.
    struct Running(std::process::Child);
    impl Drop for Running {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    let site = Site::new();
    let mut child = Running(
        std::process::Command::new(assert_cmd::cargo::cargo_bin("brief"))
            .arg("--root")
            .arg(site.root())
            .args(["watch", "--poll"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    while !lines
        .next()
        .expect("brief watch starts")
        .unwrap()
        .starts_with("Watching ")
    {}
    std::thread::spawn(move || for _ in lines {});
    let page = site.root().join("public/articles/alpha/index.html");
    let shows = |text: &str| std::fs::read_to_string(&page).is_ok_and(|html| html.contains(text));
    let wait_for = |text: &str| {
        let start = Instant::now();
        while !shows(text) {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the page never showed {text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    let article = |body: &str| format!("---\ntitle: Alpha\ndate: 2022-01-10\n---\n{body}\n");
    for round in 0..3 {
        let first = format!("Round {round} first save.");
        let second = format!("Round {round} other save.");
        assert_eq!(first.len(), second.len());
        let saved = Instant::now();
        site.write("content/articles/alpha.md", &article(&first));
        wait_for(&first);
        site.write("content/articles/alpha.md", &article(&second));
        if saved.elapsed() < Duration::from_millis(900) {
            // Both saves fell within one second (the usual case): the second must show.
            wait_for(&second);
        }
    }
}
