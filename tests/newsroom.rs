//! What a newsroom expects of its site generator (issue 19), on fixture sites built with the
//! real binary: embargoes, redirects, pages and menus, bylines, `brief new`, tables of
//! contents, related articles, embeds, JSON feeds, themes after `init`, and errors that
//! suggest the fix.

mod common;

use common::TestSite;
use predicates::prelude::*;

/// A site with a published article, an embargoed one (dated far ahead, so the test does not
/// depend on the clock), a published briefing naming both and an embargoed briefing.
fn embargo_site() -> TestSite {
    let site = TestSite::new();
    site.article(
        "out.md",
        "title: Out now\ndate: 2022-01-09\ntopics: [Trade]",
        "Published text.",
    )
    .article(
        "scoop.md",
        "title: The scoop\ndate: 2999-01-01T09:00:00Z\ntopics: [Trade]\npeople: [Ann Source]",
        "Embargoed text.",
    )
    .write(
        "content/briefings/today.md",
        "---\ntitle: Today\ndate: 2022-01-10\nitems:\n  - article: out\n  - article: scoop\n---\nIntro.\n",
    )
    .write(
        "content/briefings/tomorrow.md",
        "---\ntitle: Tomorrow\ndate: 2999-01-02\nitems:\n  - article: scoop\n---\nLater.\n",
    );
    site
}

#[test]
fn an_embargoed_article_is_left_out_of_everything_until_its_time() {
    let site = embargo_site();
    site.build().success().stdout(predicate::str::contains(
        "(1 articles, 1 briefings, 1 topics, 0 people; 2 embargoed)",
    ));
    assert!(site.exists("articles/out/index.html"));
    assert!(!site.exists("articles/scoop/index.html"));
    assert!(!site.exists("briefings/tomorrow/index.html"));
    assert!(!site.exists("people/ann-source/index.html"));
    for file in [
        "index.html",
        "articles/index.html",
        "topics/trade/index.html",
        "briefings/today/index.html",
        "atom.xml",
        "briefings/atom.xml",
        "topics/trade/atom.xml",
        "sitemap.xml",
        "search.json",
    ] {
        let text = site.read(file);
        assert!(
            !text.contains("scoop"),
            "{file} names the embargoed article"
        );
        assert!(
            !text.contains("Tomorrow"),
            "{file} names the embargoed briefing"
        );
    }
}

#[test]
fn future_builds_include_embargoed_items_marked() {
    let site = embargo_site();
    site.brief()
        .args(["build", "--future"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(2 articles, 2 briefings"));
    let page = site.read("articles/scoop/index.html");
    assert!(page.contains("Embargoed until"), "{page}");
    assert!(site.read("articles/index.html").contains("embargo-badge"));
    assert!(site.read("atom.xml").contains("/articles/scoop/"));
    // The environment variable does the same.
    let other = embargo_site();
    other
        .brief()
        .arg("build")
        .env("BRIEF_FUTURE", "true")
        .assert()
        .success();
    assert!(other.exists("briefings/tomorrow/index.html"));
}

#[test]
fn check_lists_embargoed_items_as_notes_that_strict_does_not_fail() {
    let site = embargo_site();
    site.brief()
        .args(["check", "--strict"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "note: embargoed until 2999-01-01T09:00:00Z: left out of every page, list, feed, sitemap and search entry until then (`--future` includes it) [embargoed]",
        ))
        .stderr(predicate::str::contains(
            "the item's article `scoop` is embargoed until 2999-01-01T09:00:00Z: the briefing shows the item from then on",
        ))
        .stdout(predicate::str::contains("0 errors, 0 warnings, 3 notes"));
}
