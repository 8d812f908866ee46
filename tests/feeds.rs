//! What a build produces for feed readers, search engines and deploy tools: Atom feeds read back
//! with a real Atom parser, the sitemap validated against the official sitemaps.org schema,
//! `robots.txt`, canonical and feed links, unchanged files left alone, deterministic output,
//! nothing written outside the output folder.

mod common;
mod publishing;

use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use atom_syndication::Feed;
use common::{TestSite, file_of_url};
use predicates::prelude::*;
use publishing::{age, minimal_theme, mtimes};

const BASE: &str = "https://test.example";

/// Three articles, one briefing, a profile with an alias; the minimal theme.
fn newsroom() -> TestSite {
    let site = TestSite::new();
    minimal_theme(site.root());
    site.article(
        "geneva.md",
        "title: \"Geneva: talks & 'guarantees' <live>\"\ndate: 2022-01-09\nupdated: 2022-01-11T08:00:00Z\nsummary: \"Blinken & Putin: \\\"no breakthrough\\\"\"\ntopics: [Russia, NATO]\npeople: [Antony Blinken]",
        "## Background\n\nSee the [Russia dossier](/topics/russia/) and [the ministers](../ministers/).",
    )
    .article(
        "ministers.md",
        "title: Ministers meet\ndate: 2022-01-12\ntopics: [NATO]\npeople: [Blinken]",
        "Alliance ministers met.",
    )
    .article(
        "energy.md",
        "title: Energy prices\ndate: 2022-01-05\ntopics: [Energy]",
        "Prices fell.",
    )
    .write(
        "content/briefings/week.md",
        "---\ntitle: The week\ndate: 2022-01-13\ntopics: [NATO]\nitems:\n  - article: geneva\n    note: Read this **first**.\n  - article: ministers\n---\nThe editor's introduction.\n",
    )
    .write(
        "content/people/antony-blinken.md",
        "---\nname: Antony Blinken\naliases: [Blinken]\n---\nA diplomat.\n",
    );
    site
}

fn read_feed(site: &TestSite, path: &str) -> Feed {
    let file =
        std::fs::File::open(site.public().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    Feed::read_from(BufReader::new(file)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The output file an absolute URL of the site is served from.
fn file_of(url: &str) -> String {
    let path = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not an absolute URL of the site"));
    file_of_url(path)
}

/// Check what every feed must have, and return its entries' ids in order.
fn check_feed(site: &TestSite, path: &str) -> Vec<String> {
    let feed = read_feed(site, path);
    let self_link = feed
        .links()
        .iter()
        .find(|l| l.rel() == "self")
        .expect("a self link");
    assert_eq!(self_link.href(), format!("{BASE}/{path}"));
    assert_eq!(feed.id(), self_link.href());
    let page = feed
        .links()
        .iter()
        .find(|l| l.rel() == "alternate")
        .expect("a link to the page");
    assert!(
        site.exists(&file_of(page.href())),
        "{path}: {}",
        page.href()
    );
    assert!(!feed.authors().is_empty(), "{path}: a feed author");
    let mut newest = None;
    for entry in feed.entries() {
        let link = entry
            .links()
            .iter()
            .find(|l| l.rel() == "alternate")
            .expect("an entry link");
        assert_eq!(entry.id(), link.href(), "{path}: id is the permalink");
        assert!(
            site.exists(&file_of(link.href())),
            "{path}: {}",
            link.href()
        );
        assert!(
            entry.updated().to_rfc3339().starts_with("2022-"),
            "{path}: updated from the content"
        );
        let summary = entry.summary().expect("a summary");
        assert!(!summary.value.is_empty());
        // The site's and the briefings' feeds carry whole texts; topic and person feeds
        // summaries, unless the site asks for more.
        if full_text(site, path) {
            let content = entry.content().and_then(|c| c.value()).expect("content");
            assert!(!content.is_empty());
            assert!(
                !content.contains("href=\"/"),
                "{path}: root-relative links are made absolute: {content}"
            );
        } else {
            assert!(entry.content().is_none(), "{path}: a summary entry");
        }
        newest = newest.max(Some(*entry.updated()));
    }
    if let Some(newest) = newest {
        assert_eq!(
            *feed.updated(),
            newest,
            "{path}: feed updated = newest entry"
        );
    }
    feed.entries().iter().map(|e| e.id().to_owned()).collect()
}

/// Whether the entries of the feed at `path` carry the articles' HTML.
fn full_text(site: &TestSite, path: &str) -> bool {
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    path == "atom.xml"
        || path.starts_with("briefings/")
        || config.contains("entity_feed_content = \"full\"")
}

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

#[test]
fn feeds_parse_and_list_the_right_entries_newest_first() {
    let site = newsroom();
    site.build().success();
    assert_eq!(
        check_feed(&site, "atom.xml"),
        [
            url("/briefings/week/"),
            url("/articles/ministers/"),
            url("/articles/geneva/"),
            url("/articles/energy/"),
        ]
    );
    assert_eq!(
        check_feed(&site, "briefings/atom.xml"),
        [url("/briefings/week/")]
    );
    assert_eq!(
        check_feed(&site, "topics/nato/atom.xml"),
        [
            url("/briefings/week/"),
            url("/articles/ministers/"),
            url("/articles/geneva/")
        ]
    );
    // A briefing that includes one of an entity's articles is in the entity's feed too.
    assert_eq!(
        check_feed(&site, "topics/russia/atom.xml"),
        [url("/briefings/week/"), url("/articles/geneva/")]
    );
    assert_eq!(
        check_feed(&site, "topics/energy/atom.xml"),
        [url("/articles/energy/")]
    );
    assert_eq!(
        check_feed(&site, "people/antony-blinken/atom.xml"),
        [
            url("/briefings/week/"),
            url("/articles/ministers/"),
            url("/articles/geneva/")
        ]
    );
}

#[test]
fn feed_entries_carry_dates_text_and_absolute_content() {
    let site = newsroom();
    site.build().success();
    let feed = read_feed(&site, "atom.xml");
    assert_eq!(feed.title().as_str(), "Test Desk");
    assert_eq!(feed.lang(), Some("en"));
    assert_eq!(feed.updated().to_rfc3339(), "2022-01-13T00:00:00+00:00");
    let geneva = feed
        .entries()
        .iter()
        .find(|e| e.id() == url("/articles/geneva/"))
        .unwrap();
    assert_eq!(
        geneva.title().as_str(),
        "Geneva: talks & 'guarantees' <live>"
    );
    assert_eq!(
        geneva.summary().unwrap().as_str(),
        "Blinken & Putin: \"no breakthrough\""
    );
    assert_eq!(geneva.updated().to_rfc3339(), "2022-01-11T08:00:00+00:00");
    assert_eq!(
        geneva.published().unwrap().to_rfc3339(),
        "2022-01-09T00:00:00+00:00"
    );
    let terms: Vec<&str> = geneva.categories().iter().map(|c| c.term()).collect();
    assert_eq!(terms, ["russia", "nato"]);
    let content = geneva.content().unwrap();
    assert_eq!(content.content_type(), Some("html"));
    assert_eq!(content.base(), Some(url("/articles/geneva/").as_str()));
    let html = content.value().unwrap();
    assert!(
        html.contains(&format!("href=\"{BASE}/topics/russia/\"")),
        "{html}"
    );
    // A relative link stays relative, resolved by readers against xml:base.
    assert!(html.contains("href=\"../ministers/\""), "{html}");

    let briefings = read_feed(&site, "briefings/atom.xml");
    let briefing = &briefings.entries()[0];
    let html = briefing.content().unwrap().value().unwrap();
    assert!(html.contains("The editor’s introduction."), "{html}");
    assert!(html.contains(&url("/articles/geneva/")), "{html}");
    assert!(html.contains("<strong>first</strong>"), "{html}");
}

#[test]
fn topic_and_person_feeds_carry_full_texts_when_asked() {
    let site = newsroom();
    site.build().success();
    let summary_size = std::fs::metadata(site.public().join("topics/nato/atom.xml"))
        .unwrap()
        .len();
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &format!("{config}entity_feed_content = \"full\"\n"),
    );
    site.build().success();
    check_feed(&site, "topics/nato/atom.xml");
    check_feed(&site, "people/antony-blinken/atom.xml");
    let feed = read_feed(&site, "topics/russia/atom.xml");
    let html = feed.entries()[1].content().unwrap().value().unwrap();
    assert!(
        html.contains(&format!("href=\"{BASE}/topics/russia/\"")),
        "{html}"
    );
    let full_size = std::fs::metadata(site.public().join("topics/nato/atom.xml"))
        .unwrap()
        .len();
    assert!(full_size > summary_size, "{full_size} > {summary_size}");

    site.write(
        "site.toml",
        &format!("{config}entity_feed_content = \"everything\"\n"),
    );
    site.build()
        .failure()
        .stderr(
            predicate::str::contains("site.toml:").and(predicate::str::contains(
                "unknown value `everything`, expected `summary` or `full`",
            )),
        );
}

#[test]
fn feeds_hold_the_newest_entries_up_to_feed_limit() {
    let site = TestSite::new();
    site.write(
        "site.toml",
        &format!("{}feed_limit = 50\n", common::MINIMAL_CONFIG),
    );
    minimal_theme(site.root());
    for day in 1..=55 {
        let date = jiff_like_date(day);
        site.article(
            &format!("a{day:02}.md"),
            &format!("title: Article {day}\ndate: {date}\ntopics: [Daily]"),
            "Text.",
        );
    }
    site.build().success();
    let ids = check_feed(&site, "atom.xml");
    assert_eq!(ids.len(), 50);
    assert_eq!(ids[0], url("/articles/a55/"));
    assert_eq!(ids[49], url("/articles/a06/"));
    assert_eq!(check_feed(&site, "topics/daily/atom.xml").len(), 50);
    // An empty feed is still a valid one.
    let briefings = read_feed(&site, "briefings/atom.xml");
    assert!(briefings.entries().is_empty());
}

/// Day `n` (1-based) counted from 2022-01-01, as `YYYY-MM-DD` (n ≤ 59).
fn jiff_like_date(n: u32) -> String {
    if n <= 31 {
        format!("2022-01-{n:02}")
    } else {
        format!("2022-02-{:02}", n - 31)
    }
}

#[test]
fn every_page_links_its_canonical_url_and_feed() {
    let site = newsroom();
    site.build().success();
    for (path, link) in [
        ("index.html", Some("/atom.xml")),
        ("articles/index.html", Some("/atom.xml")),
        ("articles/geneva/index.html", Some("/atom.xml")),
        ("briefings/index.html", Some("/briefings/atom.xml")),
        ("briefings/week/index.html", Some("/briefings/atom.xml")),
        ("topics/nato/index.html", Some("/topics/nato/atom.xml")),
        (
            "people/antony-blinken/index.html",
            Some("/people/antony-blinken/atom.xml"),
        ),
        ("topics/index.html", None),
    ] {
        let html = site.read(path);
        let alternate = "<link rel=\"alternate\" type=\"application/atom+xml\"";
        match link {
            Some(feed) => {
                assert!(
                    html.contains(&format!("{alternate} href=\"{feed}\">")),
                    "{path}: {html}"
                );
                assert!(site.exists(feed.trim_start_matches('/')), "{feed}");
            }
            None => assert!(!html.contains(alternate), "{path}"),
        }
    }
}

/// With the default theme: every HTML page names its canonical URL (but the 404 page, whose
/// address is any missing one); pages with a feed link it.
#[test]
fn the_default_theme_links_canonical_urls_and_feeds() {
    let site = newsroom();
    std::fs::remove_dir_all(site.root().join("templates")).unwrap();
    site.build().success();
    let tree = site.tree();
    let mut pages = 0;
    for (path, bytes) in &tree {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        if path == "404.html" {
            assert!(
                !html.contains("rel=\"canonical\""),
                "404.html names a canonical URL"
            );
            continue;
        }
        if path.ends_with("/email.html") {
            continue; // a newsletter, not a page (tests/newsletter.rs)
        }
        let url = if path == "index.html" {
            "/".to_owned()
        } else if let Some(folder) = path.strip_suffix("/index.html") {
            format!("/{folder}/")
        } else {
            format!("/{path}")
        };
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{BASE}{url}\">")),
            "{path} has no canonical link"
        );
        pages += 1;
    }
    assert!(pages >= 10, "{pages}");
    for (path, feed) in [
        ("index.html", "/atom.xml"),
        ("topics/nato/index.html", "/topics/nato/atom.xml"),
        ("briefings/index.html", "/briefings/atom.xml"),
    ] {
        let html = site.read(path);
        assert!(
            html.contains("rel=\"alternate\" type=\"application/atom+xml\"")
                && html.contains(&format!("href=\"{feed}\"")),
            "{path} does not link {feed}"
        );
    }
}

/// `xmllint --schema`, or None when xmllint is not installed; in CI (`CI` set), where the tool
/// is installed first, a missing xmllint fails the test instead of skipping the check.
fn xmllint(schema: &str, file: &Path) -> Option<std::process::Output> {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/schemas")
        .join(schema);
    match Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(file)
        .output()
    {
        Ok(output) => Some(output),
        Err(error) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "xmllint cannot run in CI ({error}): install libxml2-utils"
            );
            eprintln!(
                "NOTICE: xmllint is not installed (Debian: libxml2-utils); skipping the sitemap schema check"
            );
            None
        }
    }
}

fn assert_valid(schema: &str, file: &Path) {
    if let Some(output) = xmllint(schema, file) {
        assert!(
            output.status.success(),
            "{} does not validate against {schema}:\n{}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// The text of every `<loc>` in a sitemap, read with a real XML parser.
fn locs(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut locs = Vec::new();
    let mut in_loc = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(tag) if tag.name().as_ref() == b"loc" => in_loc = true,
            Event::End(tag) if tag.name().as_ref() == b"loc" => in_loc = false,
            Event::Text(text) if in_loc => {
                locs.push(text.decode().unwrap().into_owned());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    locs
}

#[test]
fn sitemap_lists_every_page_and_validates_against_the_official_schema() {
    let site = newsroom();
    site.build().success();
    let xml = site.read("sitemap.xml");
    assert!(xml.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    let listed: Vec<String> = locs(&xml).iter().map(|loc| file_of(loc)).collect();
    let tree = site.tree();
    for file in &listed {
        assert!(
            file.ends_with(".html") && tree.contains_key(file),
            "{file} is listed but not built"
        );
    }
    for page in [
        "index.html",
        "articles/index.html",
        "articles/geneva/index.html",
        "articles/ministers/index.html",
        "articles/energy/index.html",
        "briefings/index.html",
        "briefings/week/index.html",
        "topics/index.html",
        "topics/nato/index.html",
        "topics/russia/index.html",
        "topics/energy/index.html",
        "people/index.html",
        "people/antony-blinken/index.html",
    ] {
        assert!(listed.iter().any(|f| f == page), "{page} is not listed");
    }
    assert!(!listed.iter().any(|f| f == "404.html"));
    assert!(xml.contains(&format!(
        "<loc>{BASE}/articles/geneva/</loc>\n    <lastmod>2022-01-11T08:00:00Z</lastmod>"
    )));
    assert_valid("sitemap.xsd", &site.public().join("sitemap.xml"));
    assert_eq!(
        site.read("robots.txt"),
        format!("User-agent: *\nDisallow:\n\nSitemap: {BASE}/sitemap.xml\n")
    );
}

#[test]
fn a_split_sitemap_has_an_index_and_every_file_validates() {
    let site = newsroom();
    let build = brief::Build::new(site.root(), &Default::default()).unwrap();
    let built = build.load().site;
    let pages = brief::render::pages::pages(&built);
    let base = &built.config.base_url;
    let files = brief::render::sitemap::Sitemap::new(&built, &pages, 3).xml_files(base);
    let whole = brief::render::sitemap::Sitemap::new(&built, &pages, 50_000).xml_files(base);
    assert_eq!(whole.len(), 1);
    let dir = tempfile::tempdir().unwrap();
    let mut listed = Vec::new();
    for (name, xml) in &files {
        std::fs::write(dir.path().join(name), xml).unwrap();
        if name == "sitemap.xml" {
            assert!(xml.contains("<sitemapindex"));
            assert_valid("siteindex.xsd", &dir.path().join(name));
            let parts: Vec<String> = locs(xml);
            assert_eq!(parts.len(), files.len() - 1);
            for part in parts {
                let name = part.strip_prefix(&format!("{BASE}/")).unwrap();
                assert!(files.iter().any(|(n, _)| n == name), "{part}");
            }
        } else {
            assert_valid("sitemap.xsd", &dir.path().join(name));
            let urls = locs(xml);
            assert!(urls.len() <= 3);
            listed.extend(urls);
        }
    }
    assert_eq!(listed, locs(&whole[0].1), "split or whole, the same URLs");
}

#[test]
fn the_schema_check_catches_an_invalid_sitemap() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.xml");
    std::fs::write(
        &file,
        "<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><lastmod>yesterday</lastmod></url></urlset>\n",
    )
    .unwrap();
    if let Some(output) = xmllint("sitemap.xsd", &file) {
        assert!(!output.status.success());
    }
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let site = newsroom();
    site.build().success();
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    age(&site.public(), old);

    site.build()
        .success()
        .stdout(predicate::str::contains(" 0 written, "));
    assert!(mtimes(&site.public()).values().all(|&t| t == old));

    // One article's body changes: exactly the files whose bytes change are rewritten.
    let before = site.tree();
    site.article(
        "energy.md",
        "title: Energy prices\ndate: 2022-01-05\ntopics: [Energy]",
        "Prices fell further.",
    );
    site.build().success();
    let after = site.tree();
    let times = mtimes(&site.public());
    let mut rewritten = Vec::new();
    for (path, bytes) in &after {
        let changed = before.get(path) != Some(bytes);
        assert_eq!(times[path] != old, changed, "{path}");
        if changed {
            rewritten.push(path.as_str());
        }
    }
    assert!(rewritten.contains(&"articles/energy/index.html"));
    assert!(rewritten.contains(&"topics/energy/atom.xml"));
    for untouched in [
        "articles/geneva/index.html",
        "people/antony-blinken/atom.xml",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(!rewritten.contains(&untouched), "{untouched} was rewritten");
    }
}

#[test]
fn output_is_deterministic_across_roots_and_thread_counts() {
    let first = newsroom();
    let second = newsroom();
    first.build().success();
    second
        .brief()
        .env("RAYON_NUM_THREADS", "1")
        .arg("build")
        .assert()
        .success();
    let (a, b) = (first.tree(), second.tree());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(&b[path] == bytes, "{path} differs between two builds");
    }
    // A rebuild of the same folder gives the same bytes too.
    first.build().success();
    assert_eq!(first.tree(), a);
}

#[test]
fn a_build_writes_nothing_outside_its_output_folder() {
    let holder = tempfile::tempdir().unwrap();
    let site = newsroom();
    let root = holder.path().join("site");
    std::fs::rename(site.root(), &root).unwrap_or_else(|_| {
        // Another file system: copy instead.
        copy_tree(site.root(), &root);
    });
    let snapshot = |dir: &Path| -> BTreeMap<String, (Vec<u8>, SystemTime)> {
        let contents = common::tree(dir);
        let times = mtimes(dir);
        contents
            .into_iter()
            .filter(|(path, _)| !path.starts_with("site/out/"))
            .map(|(path, bytes)| {
                let time = times[&path];
                (path, (bytes, time))
            })
            .collect()
    };
    let before = snapshot(holder.path());
    assert_cmd::Command::cargo_bin("brief")
        .unwrap()
        .arg("--root")
        .arg(&root)
        .args(["build", "--output", "out/public"])
        .assert()
        .success();
    let after = snapshot(holder.path());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "files appeared or vanished outside the output folder"
    );
    assert!(before == after, "a file outside the output folder changed");
    let out = root.join("out/public");
    assert!(out.join("index.html").is_file());
    assert!(
        !common::tree(&out).keys().any(|p| p.contains(".brief-tmp")),
        "no temporary files are left"
    );
}

fn copy_tree(from: &Path, to: &Path) {
    for (path, bytes) in common::tree(from) {
        let target = to.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}
