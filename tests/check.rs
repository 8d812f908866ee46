//! `brief check` on fixture sites: every kind of problem reported at its file and line in one
//! run, the JSON format, `--strict`, exit codes, and that checking writes nothing.

mod common;
mod publishing;

use std::collections::BTreeSet;

use common::TestSite;
use predicates::prelude::*;
use publishing::minimal_theme;

/// A site seeded with one of each problem `brief check` finds. The expected findings are listed
/// in [`expected`].
fn broken_site() -> TestSite {
    let site = TestSite::new();
    minimal_theme(site.root());
    // A template that fails to render (line 3 names an unknown variable).
    site.write(
        "templates/topics.html",
        "{% extends \"base.html\" %}{% block content %}\n<h1>{{ title }}</h1>\n<p>{{ no_such_variable }}</p>\n{% endblock %}\n",
    );
    site.article(
        "good.md",
        "title: Good\ndate: 2022-01-09\npeople: [Sam Person]\ntopics: [Trade]",
        "## Background\n\nFine text.",
    )
    // Front matter: YAML syntax, unknown key, missing field, wrong type, bad date.
    .write(
        "content/articles/bad-yaml.md",
        "---\ntitle: Bad\ndate: [2022-01-09\n---\n",
    )
    .article("unknown-key.md", "title: Unknown\ndate: 2022-01-09\ncolour: red", "")
    .article("no-title.md", "date: 2022-01-09", "")
    .article("wrong-type.md", "title: Wrong\ndate: 2022-01-09\ntopics: 5", "")
    .article("bad-date.md", "title: Bad date\ndate: 2022-13-45", "")
    // Dates: missing and inferred (warnings).
    .article("undated.md", "title: Undated", "Text.")
    .article(
        "inferred.md",
        "title: Inferred\ndate: 2022-01-08\ndate_inferred: true",
        "Text.",
    )
    // A duplicate slug.
    .article("copy.md", "title: Copy\ndate: 2022-01-07\nslug: good", "")
    // Links: a missing page, a missing content file, a missing anchor, a missing media file; the
    // good ones pass.
    .article(
        "links.md",
        "title: Links\ndate: 2022-01-06\nmedia:\n  - caption: A photo\n    src: /media/missing.jpg",
        "See [a person](/people/nobody-here/) and [an article](@/articles/gone.md).\n\nA [section](/articles/good/#nowhere), a [good one](/articles/good/#background), [home](/), [feed](/atom.xml) and [up](../good/#title).",
    )
    // References: a briefing item naming no article, a broken link in a note.
    .write(
        "content/briefings/week.md",
        "---\ntitle: Week\ndate: 2022-01-10\nitems:\n  - article: good\n    note: Read [this](/topics/missing/) first.\n  - article: not-there\n---\nIntro.\n",
    )
    // Profiles: two claiming one alias, one nobody names.
    .write(
        "content/people/sam.md",
        "---\nname: Sam Person\naliases: [Sam]\n---\n",
    )
    .write(
        "content/people/samuel.md",
        "---\nname: Samuel Other\naliases: [Sammy, Sam]\n---\n",
    )
    .write("content/people/nobody.md", "---\nname: Nobody Named\n---\n")
    // A URL collision: a static file where the site feed goes.
    .write("static/atom.xml", "<feed/>\n");
    site
}

/// (severity, file, line, code) of every problem in [`broken_site`].
fn expected() -> BTreeSet<(&'static str, &'static str, u64, &'static str)> {
    BTreeSet::from([
        ("error", "content/articles/bad-yaml.md", 3, "front-matter"),
        (
            "error",
            "content/articles/unknown-key.md",
            4,
            "front-matter",
        ),
        ("error", "content/articles/no-title.md", 2, "front-matter"),
        ("error", "content/articles/wrong-type.md", 4, "front-matter"),
        ("error", "content/articles/bad-date.md", 3, "front-matter"),
        ("warning", "content/articles/undated.md", 1, "missing-date"),
        (
            "warning",
            "content/articles/inferred.md",
            3,
            "inferred-date",
        ),
        ("error", "content/articles/copy.md", 4, "duplicate-url"),
        ("error", "content/articles/links.md", 6, "broken-link"),
        ("error", "content/articles/links.md", 8, "broken-link"),
        ("error", "content/articles/links.md", 10, "broken-anchor"),
        ("error", "content/briefings/week.md", 6, "broken-link"),
        ("error", "content/briefings/week.md", 7, "unknown-article"),
        ("error", "content/people/samuel.md", 3, "duplicate-alias"),
        ("warning", "content/people/samuel.md", 2, "unused-profile"),
        ("warning", "content/people/nobody.md", 2, "unused-profile"),
        ("error", "static/atom.xml", 0, "duplicate-url"),
        ("error", "templates/topics.html", 3, "template"),
    ])
}

fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

#[test]
fn reports_one_of_each_problem_at_its_file_and_line() {
    let site = broken_site();
    let output = site
        .brief()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let found: BTreeSet<(String, String, u64, String)> = json_lines(&output.stdout)
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String, u64, String)> = expected()
        .into_iter()
        .map(|(s, f, l, c)| (s.to_owned(), f.to_owned(), l, c.to_owned()))
        .collect();
    assert_eq!(
        found,
        expected,
        "missing: {:#?}\nunexpected: {:#?}",
        expected.difference(&found).collect::<Vec<_>>(),
        found.difference(&expected).collect::<Vec<_>>()
    );
}

#[test]
fn positions_name_the_column_of_each_link_and_value() {
    let site = broken_site();
    let output = site
        .brief()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let at = |file: &str, code: &str| -> Vec<(u64, u64)> {
        json_lines(&output.stdout)
            .iter()
            .filter(|d| d["file"] == file && d["code"] == code)
            .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
            .collect()
    };
    assert_eq!(
        at("content/articles/links.md", "broken-link"),
        [(6, 10), (8, 5), (8, 42)]
    );
    assert_eq!(at("content/articles/links.md", "broken-anchor"), [(10, 3)]);
    assert_eq!(at("content/briefings/week.md", "broken-link"), [(6, 16)]);
    assert_eq!(
        at("content/briefings/week.md", "unknown-article"),
        [(7, 14)]
    );
    assert_eq!(at("content/people/samuel.md", "duplicate-alias"), [(3, 18)]);
    assert_eq!(at("content/articles/bad-date.md", "front-matter"), [(3, 7)]);
    assert_eq!(at("templates/topics.html", "template"), [(3, 7)]);
}

#[test]
fn human_format_names_file_line_and_column_and_counts() {
    let site = broken_site();
    site.brief()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("15 errors, 4 warnings"))
        .stderr(predicate::str::contains("content/articles/links.md:10:3"))
        .stderr(predicate::str::contains("has no element with id `nowhere`"))
        .stderr(predicate::str::contains("content/briefings/week.md:7:14"))
        .stderr(predicate::str::contains("templates/topics.html:3:7"))
        .stderr(predicate::str::contains("no_such_variable"));
}

#[test]
fn json_objects_have_exactly_the_documented_fields() {
    let site = broken_site();
    let output = site
        .brief()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let lines = json_lines(&output.stdout);
    // One more than the kinds expected: links.md has two broken links on line 8.
    assert_eq!(lines.len(), expected().len() + 1);
    for line in lines {
        let keys: BTreeSet<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            BTreeSet::from(["severity", "file", "line", "column", "code", "message"])
        );
    }
}

#[test]
fn checking_writes_nothing() {
    let site = broken_site();
    let before = common::tree(site.root());
    site.brief().arg("check").assert().code(1);
    assert_eq!(common::tree(site.root()), before);
    assert!(!site.public().exists());

    let clean = clean_site();
    clean.brief().arg("check").assert().success();
    assert!(!clean.public().exists());
}

fn clean_site() -> TestSite {
    let site = TestSite::new();
    minimal_theme(site.root());
    site.article(
        "a.md",
        "title: A\ndate: 2022-01-09\npeople: [Sam Person]",
        "See [b](@/articles/b.md#details) and [Sam](/people/sam/).",
    )
    .article("b.md", "title: B\ndate: 2022-01-08", "## Details\n\nText.")
    .write(
        "content/people/sam.md",
        "---\nname: Sam Person\n---\nBio with [a link](/articles/a/#title).\n",
    );
    site
}

#[test]
fn a_clean_site_passes_and_strict_turns_warnings_into_errors() {
    let site = TestSite::new();
    minimal_theme(site.root());
    site.article("a.md", "title: A\ndate: 2022-01-09", "Text.");
    site.brief()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors, 0 warnings"));

    site.article(
        "b.md",
        "title: B\ndate: 2022-01-08\ndate_inferred: true",
        "Text.",
    );
    site.brief()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors, 1 warning"));
    let output = site
        .brief()
        .args(["check", "--strict", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["severity"], "error");
    assert_eq!(lines[0]["code"], "inferred-date");
}

#[test]
fn template_syntax_errors_do_not_hide_content_problems() {
    let site = TestSite::new();
    minimal_theme(site.root());
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}\n{% if %}\n{% endblock %}\n",
    )
    .article("a.md", "title: A\ndate: 2022-01-09", "A [link](/nowhere/).");
    let output = site
        .brief()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let found: Vec<(String, u64)> = json_lines(&output.stdout)
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        found.contains(&("templates/index.html".to_owned(), 2)),
        "{found:?}"
    );
    assert!(
        found.contains(&("content/articles/a.md".to_owned(), 5)),
        "{found:?}"
    );
}

#[test]
fn build_fails_on_a_broken_internal_link_too() {
    let site = clean_site();
    site.build().success();
    site.article(
        "c.md",
        "title: C\ndate: 2022-01-07",
        "Go [there](/articles/zzz/).",
    );
    site.build()
        .failure()
        .stderr(predicate::str::contains("content/articles/c.md:5:4"))
        .stderr(predicate::str::contains("[broken-link]"));
}

#[test]
fn a_missing_site_is_reported_in_the_chosen_format() {
    let dir = tempfile::tempdir().unwrap();
    let output = assert_cmd::Command::cargo_bin("brief")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["code"], "config");
}

#[test]
fn drafts_are_checked_only_with_the_flag() {
    let site = TestSite::new();
    minimal_theme(site.root());
    site.article("a.md", "title: A\ndate: 2022-01-09", "Text.")
        .article(
            "draft.md",
            "title: Draft\ndraft: true",
            "A [link](/nowhere/).",
        );
    site.brief().arg("check").assert().success();
    site.brief()
        .args(["check", "--drafts"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("content/articles/draft.md:1:1"))
        .stderr(predicate::str::contains("content/articles/draft.md:5:3"));
}

/// The example site of this repository passes the strictest check.
#[test]
fn the_example_site_passes_strict_check() {
    assert_cmd::Command::cargo_bin("brief")
        .unwrap()
        .args(["--root", env!("CARGO_MANIFEST_DIR"), "check", "--strict"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors, 0 warnings"));
}
