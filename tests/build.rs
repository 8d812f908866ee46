//! `brief build` on fixture sites: pages, links, names, pagination, escaping, errors, output rules.

mod common;

use common::{TestSite, file_of_url, internal_links};
use predicates::prelude::*;

/// A small site with every page type.
fn newsroom() -> TestSite {
    let site = TestSite::new();
    site.article(
        "geneva.md",
        "title: Geneva talks\ndate: 2022-01-09\ntopics: [Russia, NATO]\npeople: [Antony Blinken, Vladimir Putin]\nmedia:\n  - caption: Soldiers in a trench\n    credit: AP Photo/Andriy Dubchak",
        "Blinken said progress needs de-escalation.\n\n![Soldiers](media:1)\n\nMore text.",
    )
    .article(
        "ministers.md",
        "title: Ministers meet\ndate: 2022-01-12\ntopics: [nato]\npeople: [Blinken]",
        "Alliance ministers met.",
    )
    .article(
        "energy.md",
        "title: Energy prices\ndate: 2022-01-05\ntopics: [Energy, Russia]\npeople: [Putin]",
        "Prices fell.",
    )
    .write(
        "content/briefings/week.md",
        "---\ntitle: The week\ndate: 2022-01-13\nitems:\n  - article: geneva\n    note: Read this **first**.\n  - article: ministers\n---\nThe editor's introduction.\n",
    )
    .write(
        "content/people/antony-blinken.md",
        "---\nname: Antony Blinken\naliases: [Blinken]\nrole: Secretary of State\n---\nA diplomat.\n",
    )
    .write("content/people/putin.md", "---\nname: Vladimir Putin\naliases: [Putin]\n---\n")
    .write("content/topics/nato.md", "---\nname: NATO\n---\nThe alliance.\n");
    site
}

#[test]
fn writes_every_page_type() {
    let site = newsroom();
    site.build()
        .success()
        .stdout(predicate::str::contains("3 articles, 1 briefings"));
    for page in [
        "index.html",
        "articles/index.html",
        "articles/geneva/index.html",
        "articles/ministers/index.html",
        "briefings/index.html",
        "briefings/week/index.html",
        "topics/index.html",
        "topics/nato/index.html",
        "topics/russia/index.html",
        "topics/energy/index.html",
        "people/index.html",
        "people/antony-blinken/index.html",
        "people/putin/index.html",
        "404.html",
        "highlight.css",
    ] {
        assert!(site.exists(page), "{page} missing");
    }
}

#[test]
fn every_internal_link_resolves() {
    let site = newsroom();
    site.build().success();
    let tree = site.tree();
    let mut checked = 0;
    for (path, bytes) in &tree {
        if !path.ends_with(".html") {
            continue;
        }
        for link in internal_links(&String::from_utf8_lossy(bytes)) {
            assert!(
                tree.contains_key(&file_of_url(&link)),
                "{path} links to missing {link}"
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn article_page_links_people_topics_and_shows_media() {
    let site = newsroom();
    site.build().success();
    let html = site.read("articles/geneva/index.html");
    assert!(html.contains("href=\"/people/antony-blinken/\""));
    assert!(html.contains("href=\"/topics/nato/\""));
    assert!(html.contains("<figure"));
    assert!(html.contains("AP Photo/Andriy Dubchak"));
    assert!(html.contains("Soldiers in a trench"));
    assert!(html.contains("9 January 2022"));
}

#[test]
fn aliases_resolve_to_one_person_case_and_diacritics_insensitively() {
    let site = newsroom();
    site.article(
        "a.md",
        "title: A\ndate: 2022-01-01\npeople: [antony blinken]",
        "x",
    )
    .article(
        "b.md",
        "title: B\ndate: 2022-01-02\npeople: [Antony Blínken]",
        "x",
    );
    site.build().success();
    let html = site.read("people/antony-blinken/index.html");
    for title in ["Geneva talks", "Ministers meet", ">A<", ">B<"] {
        assert!(html.contains(title), "{title} missing from the person page");
    }
    assert!(!site.exists("people/blinken/index.html"));
    assert!(!site.exists("people/antony-blinken-2/index.html"));
    let people = site.read("people/index.html");
    assert_eq!(
        people.matches("href=\"/people/antony-blinken/\"").count(),
        1
    );
}

#[test]
fn topic_pages_paginate_newest_first() {
    let site = TestSite::new();
    site.write(
        "site.toml",
        &format!("{}paginate_by = 2\n", common::MINIMAL_CONFIG),
    );
    for day in 1..=5 {
        site.article(
            &format!("day-{day}.md"),
            &format!("title: Story of day {day}\ndate: 2022-01-0{day}\ntopics: [Trade]"),
            "x",
        );
    }
    site.build().success();
    let first = site.read("topics/trade/index.html");
    assert!(first.contains("Story of day 5") && first.contains("Story of day 4"));
    assert!(!first.contains("Story of day 3"));
    assert!(first.find("Story of day 5") < first.find("Story of day 4"));
    assert!(
        site.read("topics/trade/page/2/index.html")
            .contains("Story of day 3")
    );
    assert!(
        site.read("topics/trade/page/3/index.html")
            .contains("Story of day 1")
    );
    assert!(!site.exists("topics/trade/page/4/index.html"));
    assert!(
        first.contains("/topics/trade/page/2/"),
        "page 1 links to page 2"
    );
}

#[test]
fn raw_html_in_bodies_is_shown_as_text() {
    let site = TestSite::new();
    site.article(
        "x.md",
        "title: Hostile\ndate: 2022-01-01",
        "<script>alert(1)</script>\n\nInline <img src=x onerror=alert(2)> and [a](javascript:alert(3)).",
    );
    site.build().success();
    let html = site.read("articles/x/index.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn two_builds_are_byte_identical() {
    let first = newsroom();
    first.build().success();
    let second = newsroom();
    second.build().success();
    assert_eq!(first.tree(), second.tree());
}

#[test]
fn errors_are_all_reported_with_positions_and_old_output_stays() {
    let site = newsroom();
    site.build().success();
    let before = site.tree();
    let mtime = std::fs::metadata(site.public().join("index.html"))
        .unwrap()
        .modified()
        .unwrap();

    site.article("bad-key.md", "title: X\ndate: 2022-01-01\ncolour: red", "x")
        .article("no-title.md", "date: 2022-01-01", "x")
        .article("bad-date.md", "title: X\ndate: 2022-02-30", "x")
        .article("dupe.md", "title: X\nslug: geneva\ndate: 2022-01-01", "x")
        .write(
            "content/briefings/broken.md",
            "---\ntitle: B\ndate: 2022-01-01\nitems:\n  - article: geneva\n  - article: no-such-article\n---\n",
        )
        .write("content/articles/broken-yaml.md", "---\ntitle: [unclosed\n---\n");
    let assert = site.build().failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for expected in [
        "content/articles/bad-key.md:4:1",
        "unknown field `colour`",
        "content/articles/no-title.md:2:1",
        "missing field `title`",
        "content/articles/bad-date.md:3:7",
        "invalid date",
        "content/articles/dupe.md:3:7",
        "slug `geneva` is already used by content/articles/geneva.md",
        "content/briefings/broken.md:6:14",
        "no-such-article",
        "content/articles/broken-yaml.md:2:8",
        "6 errors found",
    ] {
        assert!(
            stderr.contains(expected),
            "missing `{expected}` in:\n{stderr}"
        );
    }
    assert_eq!(
        site.tree(),
        before,
        "a failed build must not touch the output"
    );
    let after = std::fs::metadata(site.public().join("index.html"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(mtime, after);
}

#[test]
fn unknown_config_key_names_file_line_and_column() {
    let site = TestSite::new();
    site.write(
        "site.toml",
        &format!(
            "{}\n[markdown]\nsmartypants = true\n",
            common::MINIMAL_CONFIG
        ),
    );
    site.build()
        .failure()
        .stderr(predicate::str::contains("site.toml:6:1"))
        .stderr(predicate::str::contains("smartypants"));
}

#[test]
fn template_errors_name_template_line_and_variable() {
    let site = newsroom();
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ article.title }}</h1>\n{{ article.no_such_field }}\n{% endblock content %}\n",
    );
    let assert = site.build().failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("templates/article.html:4"), "{stderr}");
    assert!(stderr.contains("no_such_field"), "{stderr}");
    // Every article page fails the same way: one report, counting the others.
    assert_eq!(stderr.matches("is not defined").count(), 1, "{stderr}");
    assert!(stderr.contains("and 2 more pages)"), "{stderr}");
}

#[test]
fn errors_inside_a_cached_partial_name_the_partial_line_and_variable() {
    let site = newsroom();
    site.write(
        "templates/partials/article-card.html",
        "<article>\n<h3>{{ card.title }}</h3>\n{{ card.no_such_field }}\n</article>\n",
    );
    let assert = site.build().failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("templates/partials/article-card.html:3"),
        "{stderr}"
    );
    assert!(stderr.contains("no_such_field"), "{stderr}");
    // Topic and person pages call it through partial_cached, lists include it: one report.
    assert_eq!(stderr.matches("is not defined").count(), 1, "{stderr}");
}

#[test]
fn site_templates_override_the_embedded_ones() {
    let site = newsroom();
    site.write(
        "templates/404.html",
        "<p>Custom not found for {{ site.title }}</p>",
    );
    site.build().success();
    assert_eq!(
        site.read("404.html"),
        "<p>Custom not found for Test Desk</p>"
    );
    assert!(
        site.read("index.html").contains("Geneva talks"),
        "other templates stay embedded"
    );
}

#[test]
fn stale_files_are_removed_and_unchanged_files_kept() {
    let site = newsroom();
    site.build().success();
    // The theme shows site-wide counts on every page, so a static file is what stays unchanged.
    let kept = site.public().join("style.css");
    let mtime = std::fs::metadata(&kept).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::remove_file(site.root().join("content/articles/ministers.md")).unwrap();
    site.write(
        "content/briefings/week.md",
        "---\ntitle: The week\ndate: 2022-01-13\nitems:\n  - article: geneva\n---\n",
    );
    site.build()
        .success()
        .stdout(predicate::str::contains("removed"));
    assert!(!site.exists("articles/ministers/index.html"));
    assert!(!site.public().join("articles/ministers").exists());
    assert_eq!(std::fs::metadata(&kept).unwrap().modified().unwrap(), mtime);
}

#[test]
fn drafts_only_with_the_flag() {
    let site = newsroom();
    site.article(
        "wip.md",
        "title: Work in progress\ndate: 2022-01-20\ndraft: true",
        "x",
    );
    site.build().success();
    assert!(!site.exists("articles/wip/index.html"));
    site.brief().args(["build", "--drafts"]).assert().success();
    assert!(site.exists("articles/wip/index.html"));
}

#[test]
fn overrides_for_output_and_base_url() {
    let site = newsroom();
    site.brief()
        .args([
            "build",
            "--output",
            "out",
            "--base-url",
            "https://news.example/",
        ])
        .assert()
        .success();
    let html = std::fs::read_to_string(site.root().join("out/index.html")).unwrap();
    assert!(html.contains("https://news.example/"), "{html}");
    assert!(!site.public().exists());
}

#[test]
fn refuses_an_output_folder_holding_sources() {
    let site = newsroom();
    site.brief()
        .args(["build", "--output", "."])
        .assert()
        .failure()
        .stderr(predicate::str::contains("refusing"));
    site.brief()
        .args(["build", "--output", "content"])
        .assert()
        .failure();
    assert!(site.root().join("content/articles/geneva.md").exists());
}

#[test]
fn content_links_resolve_and_broken_ones_are_errors() {
    let site = newsroom();
    site.article(
        "linking.md",
        "title: Linking\ndate: 2022-01-02",
        "See [Geneva](@/articles/geneva.md#top).",
    );
    site.build().success();
    assert!(
        site.read("articles/linking/index.html")
            .contains("href=\"/articles/geneva/#top\"")
    );
    site.article(
        "linking.md",
        "title: Linking\ndate: 2022-01-02",
        "Intro.\n\nSee [gone](@/articles/gone.md).",
    );
    site.build()
        .failure()
        .stderr(predicate::str::contains("content/articles/linking.md:7:5"));
}

#[test]
fn invalid_utf8_and_empty_files_are_errors_naming_the_file() {
    let site = newsroom();
    site.write_bytes("content/articles/latin1.md", b"---\ntitle: caf\xe9\n---\n")
        .write("content/articles/empty.md", "");
    site.build()
        .failure()
        .stderr(predicate::str::contains("content/articles/latin1.md:2"))
        .stderr(predicate::str::contains("offset 14"))
        .stderr(predicate::str::contains("content/articles/empty.md"))
        .stderr(predicate::str::contains("empty"));
}

/// Content that cannot be read is an error naming it, never silently missing; links are
/// followed inside the site only.
#[cfg(unix)]
#[test]
fn unreadable_content_links_out_of_the_site_and_loops_are_errors_naming_the_path() {
    let site = newsroom();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOP SECRET").unwrap();
    let root = site.root();
    site.write("static/style-extra.css", "p {}");
    std::os::unix::fs::symlink(outside.path(), root.join("static/outside")).unwrap();
    std::os::unix::fs::symlink(
        root.join("content/articles"),
        root.join("content/articles/loop"),
    )
    .unwrap();
    site.build()
        .failure()
        .stderr(predicate::str::contains("static/outside"))
        .stderr(predicate::str::contains("points outside the site"))
        .stderr(predicate::str::contains("content/articles/loop"))
        .stderr(predicate::str::contains("loop back to content/articles"));
    site.brief()
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("static/outside"));
    assert!(!site.public().exists(), "a failed build writes nothing");
    // Links inside the site are followed: an article linked from a shared folder builds.
    std::fs::remove_file(root.join("static/outside")).unwrap();
    std::fs::remove_file(root.join("content/articles/loop")).unwrap();
    site.write(
        "shared/extra.md",
        "---\ntitle: Shared\ndate: 2022-01-02\n---\nFrom a shared folder.\n",
    );
    std::os::unix::fs::symlink(root.join("shared"), root.join("content/articles/shared")).unwrap();
    site.build().success();
    assert!(site.exists("articles/extra/index.html"));
}

#[test]
fn root_is_found_upward_and_missing_root_is_an_error() {
    let site = newsroom();
    let nested = site.root().join("content/articles");
    assert_cmd::Command::cargo_bin("brief")
        .unwrap()
        .current_dir(&nested)
        .arg("build")
        .assert()
        .success();
    assert!(site.exists("index.html"));
    let empty = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("brief")
        .unwrap()
        .current_dir(empty.path())
        .arg("build")
        .assert()
        .failure()
        .stderr(predicate::str::contains("no site.toml"));
}

#[test]
fn init_writes_a_site_that_builds_and_refuses_non_empty_folders() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("desk");
    let brief = || assert_cmd::Command::cargo_bin("brief").unwrap();
    brief().arg("init").arg(&dir).assert().success();
    // The theme stays embedded (tests/theme.rs): templates/ holds only its README.
    assert!(dir.join("templates/README.md").is_file());
    assert!(!dir.join("templates/base.html").exists());
    brief()
        .arg("--root")
        .arg(&dir)
        .arg("build")
        .assert()
        .success();
    assert!(
        dir.join("public/articles/a-first-article/index.html")
            .is_file()
    );
    brief()
        .arg("init")
        .arg(&dir)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--force"));
    brief()
        .arg("init")
        .arg(&dir)
        .arg("--force")
        .assert()
        .success();
}

#[test]
fn a_site_without_templates_or_static_builds_from_the_embedded_theme() {
    let site = newsroom();
    assert!(!site.root().join("templates").exists());
    site.build().success();
    assert!(site.exists("style.css"));
}

#[test]
fn template_syntax_errors_are_all_reported_with_positions() {
    let site = newsroom();
    site.write("templates/404.html", "<p>\n{{ site.title \n")
        .write(
            "templates/people.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{% for x in %}\n{% endblock %}\n",
        );
    let assert = site.build().failure();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("templates/people.html:3:13"), "{stderr}");
    assert!(stderr.contains("templates/404.html:2"), "{stderr}");
}

#[test]
fn template_validation_errors_name_the_template() {
    let site = newsroom();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block nonexistent %}x{% endblock %}\n",
    );
    site.build()
        .failure()
        .stderr(predicate::str::contains("templates/404.html:2:10"))
        .stderr(predicate::str::contains("nonexistent"));
}

#[test]
fn verbose_prints_stage_times_and_quiet_prints_nothing() {
    let site = newsroom();
    site.brief()
        .args(["-v", "build"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Stages: config"))
        .stdout(predicate::str::contains("markdown"))
        .stdout(predicate::str::contains("files"))
        .stdout(predicate::str::contains("links"));
    site.brief()
        .args(["-q", "build"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn a_failed_first_build_leaves_no_output_folder() {
    let site = newsroom();
    site.article("broken.md", "title: [unclosed", "x");
    site.build().failure();
    assert!(!site.public().exists());
}

#[test]
fn the_streamed_build_writes_exactly_the_in_memory_render() {
    let site = newsroom();
    site.build().success();
    let rendered = common::render_in_memory(site.root(), &Default::default()).unwrap();
    let in_memory: std::collections::BTreeMap<String, Vec<u8>> = rendered
        .files
        .iter()
        .map(|(path, bytes)| (path.clone(), bytes.to_vec()))
        .collect();
    assert_eq!(site.tree(), in_memory);
}

#[test]
fn long_indexes_are_grouped_by_initial_with_a_jump_bar() {
    let site = TestSite::new();
    // 36 people: more than an index shows as one list. Initials in a mixed order, one with a
    // diacritic and one lower-case, which is filed under its capital.
    let first = ["Zora", "Ann", "Émile", "Boris", "anke", "Yuri"];
    let people: Vec<String> = (0..36)
        .map(|i| format!("{} Person{i:02}", first[i % first.len()]))
        .collect();
    site.article(
        "many.md",
        &format!(
            "title: Many people\ndate: 2022-01-09\npeople: [{}]",
            people.join(", ")
        ),
        "Text.",
    );
    site.build().success();
    let index = site.read("people/index.html");
    let bar = &index[index.find("letter-bar").unwrap()..];
    let bar = &bar[..bar.find("</nav>").unwrap()];
    let letters: Vec<&str> = bar
        .split("</a>")
        .filter_map(|part| part.rsplit_once('>'))
        .map(|(_, letter)| letter)
        .filter(|letter| !letter.trim().is_empty())
        .collect();
    assert_eq!(letters, ["A", "B", "É", "Y", "Z"], "{bar}");
    // Each group lists exactly the people of its initial, Anke among the As.
    let group = |n: usize| {
        let start = index.find(&format!("id=\"initial-{n}\"")).unwrap();
        let end = index[start..].find("</section>").unwrap() + start;
        index[start..end].matches("class=\"index-name\"").count()
    };
    assert_eq!(
        [group(1), group(2), group(3), group(4), group(5)],
        [12, 6, 6, 6, 6]
    );
    assert!(index[index.find("id=\"initial-1\"").unwrap()..].contains("anke Person04"));
}

#[test]
fn environment_flags_take_the_usual_spellings_and_errors_name_the_variable() {
    let site = TestSite::new();
    site.article("a.md", "title: A\ndate: 2022-01-09", "Text.")
        .article(
            "draft.md",
            "title: D\ndate: 2022-01-10\ndraft: true",
            "Draft.",
        );
    for yes in ["1", "true", "YES", "on"] {
        site.brief()
            .arg("build")
            .env("BRIEF_DRAFTS", yes)
            .assert()
            .success();
        assert!(
            site.exists("articles/draft/index.html"),
            "BRIEF_DRAFTS={yes}"
        );
    }
    for no in ["0", "false", "no", "off", ""] {
        site.brief()
            .arg("build")
            .env("BRIEF_DRAFTS", no)
            .assert()
            .success();
        assert!(
            !site.exists("articles/draft/index.html"),
            "BRIEF_DRAFTS={no}"
        );
    }
    site.brief()
        .arg("check")
        .env("BRIEF_DRAFTS", "maybe")
        .assert()
        .failure()
        .stderr(predicates::str::contains("BRIEF_DRAFTS is `maybe`"));
}

#[test]
fn init_refuses_root() {
    let dir = tempfile::tempdir().unwrap();
    assert_cmd::Command::cargo_bin("brief")
        .unwrap()
        .current_dir(dir.path())
        .args(["--root", ".", "init", "site"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("`--root`"));
    assert!(!dir.path().join("site").exists());
}

/// A card names at most 12 people and 12 topics (it is on the list page of each: an article
/// naming thousands made the site grow with their square); the article's own page names all.
#[test]
fn cards_name_at_most_twelve_of_each_and_the_article_page_all() {
    let site = TestSite::new();
    let topics: Vec<String> = (1..=20).map(|n| format!("Topic {n}")).collect();
    site.article(
        "many.md",
        &format!(
            "title: Many\ndate: 2022-01-09\ntopics: [{}]",
            topics.join(", ")
        ),
        "Body.",
    );
    site.build().success();
    let chips = |html: &str| html.matches("class=\"chip chip-topic\"").count();
    assert_eq!(chips(&site.read("articles/many/index.html")), 20);
    assert_eq!(chips(&site.read("articles/index.html")), 12);
    let card = |html: &str| {
        let at = html.find("<article class=\"card\">").expect("a card");
        html[at..at + html[at..].find("</article>").unwrap()].to_owned()
    };
    assert_eq!(chips(&card(&site.read("topics/topic-20/index.html"))), 12);
}
