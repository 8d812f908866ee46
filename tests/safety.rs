//! What brief promises about the output folder (docs/safety.md): it never deletes what it did
//! not write, never writes outside the output folder, and a failed or killed build never leaves
//! a half-written site.

mod common;

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use common::TestSite;
use predicates::prelude::*;

fn small_site() -> TestSite {
    let site = TestSite::new();
    site.article("one.md", "title: One\ndate: 2022-01-01", "First.")
        .article("two.md", "title: Two\ndate: 2022-01-02", "Second.");
    site
}

/// A small site in `site/` of a folder that also holds a file beside it, so that a test sees
/// anything removed around the site too.
struct NestedSite {
    outer: tempfile::TempDir,
}

impl NestedSite {
    fn new() -> NestedSite {
        let nested = NestedSite {
            outer: tempfile::tempdir().unwrap(),
        };
        let write = |path: &str, text: &str| {
            let path = nested.outer.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("beside.txt", "not the site's");
        write("site/site.toml", common::MINIMAL_CONFIG);
        write(
            "site/content/articles/one.md",
            "---\ntitle: One\ndate: 2022-01-01\n---\nFirst.\n",
        );
        nested
    }

    fn root(&self) -> std::path::PathBuf {
        self.outer.path().join("site")
    }

    fn brief(&self) -> assert_cmd::Command {
        let mut command = assert_cmd::Command::cargo_bin("brief").unwrap();
        command.arg("--root").arg(self.root());
        command
    }

    /// Every file in the folder around the site but the built site's own.
    fn everything(&self) -> Vec<String> {
        common::files(self.outer.path(), |_| ())
            .into_keys()
            .filter(|path| !path.starts_with("site/public/"))
            .collect()
    }
}

#[test]
fn an_output_folder_above_or_at_the_sources_is_refused_before_anything_is_removed() {
    let site = NestedSite::new();
    site.brief().arg("build").assert().success();
    let before = site.everything();
    assert_eq!(before.len(), 3, "{before:?}");
    for output in [
        "..",
        ".",
        "public/..",
        "public/../..",
        "content",
        "public/../content/x",
    ] {
        site.brief()
            .args(["build", "--output", output])
            .assert()
            .failure()
            .stderr(predicate::str::contains("refusing to use"));
    }
    assert_eq!(site.everything(), before, "nothing was removed");

    // The same folder named in site.toml: the error is at the setting, build after build.
    std::fs::write(
        site.root().join("site.toml"),
        format!("{}output_dir = \"public/..\"\n", common::MINIMAL_CONFIG),
    )
    .unwrap();
    for _ in 0..2 {
        site.brief()
            .arg("build")
            .assert()
            .failure()
            .stderr(predicate::str::contains("site.toml:4:14"));
    }
    site.brief()
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("site.toml:4:14"));
    assert_eq!(site.everything(), before, "nothing was removed");
}

#[cfg(unix)]
#[test]
fn an_output_folder_reached_through_a_link_is_resolved_first() {
    let site = small_site();
    std::os::unix::fs::symlink(site.root(), site.root().join("public")).unwrap();
    site.build()
        .failure()
        .stderr(predicate::str::contains("refusing to use"));
    assert!(site.root().join("content/articles/one.md").is_file());
}

#[test]
fn a_rebuild_removes_only_files_brief_wrote() {
    let site = small_site();
    site.build().success();
    let public = site.public();
    std::fs::create_dir_all(public.join(".git/refs")).unwrap();
    std::fs::write(public.join(".git/config"), "[core]\n").unwrap();
    std::fs::write(public.join("CNAME"), "news.example\n").unwrap();
    std::fs::write(public.join(".nojekyll"), "").unwrap();
    std::fs::write(public.join("articles/notes.txt"), "mine").unwrap();
    std::fs::remove_file(site.root().join("content/articles/two.md")).unwrap();
    site.build()
        .success()
        .stdout(predicate::str::contains(" removed"));
    assert!(!site.exists("articles/two/index.html"));
    for kept in [".git/config", "CNAME", ".nojekyll", "articles/notes.txt"] {
        assert!(public.join(kept).is_file(), "{kept} was removed");
    }
    assert!(public.join(".git/refs").is_dir());
}

#[test]
fn a_folder_brief_did_not_make_needs_force_and_keeps_its_files() {
    let site = small_site();
    std::fs::create_dir_all(site.public()).unwrap();
    std::fs::write(site.public().join("CNAME"), "news.example\n").unwrap();
    std::fs::write(site.public().join("index.html"), "old site").unwrap();
    site.build()
        .failure()
        .stderr(predicate::str::contains("--force").and(predicate::str::contains("public")));
    assert_eq!(site.read("index.html"), "old site");
    site.brief().args(["build", "--force"]).assert().success();
    assert!(site.read("index.html").contains("One"));
    assert_eq!(site.read("CNAME"), "news.example\n");
    // Once brief has written the folder, it is brief's: no --force needed.
    site.build().success();
    assert_eq!(site.read("CNAME"), "news.example\n");
}

#[test]
fn a_leftover_staging_folder_is_removed_even_when_the_next_build_fails() {
    let site = small_site();
    site.build().success();
    let leftover = site.public().join(".brief-staging/articles/one/index.html");
    std::fs::create_dir_all(leftover.parent().unwrap()).unwrap();
    std::fs::write(&leftover, "<html><bo").unwrap();
    site.article("broken.md", "title: [unclosed", "x");
    site.build().failure();
    assert!(!site.public().join(".brief-staging").exists());
    assert!(site.read("articles/one/index.html").contains("First."));
}

/// `brief watch` writes under the same rules: a file it did not write survives its rebuilds.
#[test]
fn watch_removes_only_files_brief_wrote_and_refuses_a_foreign_folder() {
    let foreign = small_site();
    std::fs::create_dir_all(foreign.public()).unwrap();
    std::fs::write(foreign.public().join("CNAME"), "x").unwrap();
    foreign
        .brief()
        .arg("watch")
        .timeout(Duration::from_secs(60))
        .assert()
        .failure()
        .stderr(predicate::str::contains("--force"));

    let site = small_site();
    site.build().success();
    std::fs::write(site.public().join("CNAME"), "news.example\n").unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("brief"))
        .arg("--root")
        .arg(site.root())
        .arg("watch")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while !lines.next().unwrap().unwrap().starts_with("Watching ") {}
    std::thread::spawn(move || for _ in lines {});
    std::fs::remove_file(site.root().join("content/articles/two.md")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while site.exists("articles/two/index.html") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let gone = !site.exists("articles/two/index.html");
    let _ = child.kill();
    let _ = child.wait();
    assert!(gone, "watch did not remove the deleted article's page");
    assert_eq!(site.read("CNAME"), "news.example\n");
}

/// `brief serve` answers only to `localhost` and its own address: a page on another domain that
/// points that domain at this machine (DNS rebinding) gets nothing, drafts included.
#[test]
fn serve_refuses_requests_for_other_hosts() {
    use std::io::{Read, Write};
    let site = small_site();
    site.article(
        "draft.md",
        "title: Secret draft\ndate: 2022-01-03\ndraft: true",
        "x",
    );
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("brief"))
        .arg("--root")
        .arg(site.root())
        .args(["serve", "--port", "0", "--drafts"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port: u16 = loop {
        let line = lines.next().expect("brief serve starts").unwrap();
        if let Some(url) = line.strip_prefix("Serving on http://127.0.0.1:") {
            break url.trim_end_matches('/').parse().unwrap();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let status = |host: &str| {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "GET /articles/draft/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response.split(' ').nth(1).unwrap_or_default().to_owned();
        (status, response.contains("Secret draft"))
    };
    let answers = [
        status(&format!("127.0.0.1:{port}")),
        status(&format!("localhost:{port}")),
        status(&format!("rebind.attacker.example:{port}")),
        status("attacker.example"),
    ];
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(answers[0], ("200".to_owned(), true));
    assert_eq!(answers[1], ("200".to_owned(), true));
    assert_eq!(answers[2], ("403".to_owned(), false));
    assert_eq!(answers[3], ("403".to_owned(), false));
}
