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
    // Not even a word of it in the search index's shards.
    assert!(!site.search_text().contains("scoop"));
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

/// A site whose article `new-name` was `old-name`, with a briefing still naming the old slug.
fn renamed_site() -> TestSite {
    let site = TestSite::new();
    site.article(
        "new-name.md",
        "title: Renamed\ndate: 2022-01-09\naliases: [/articles/old-name/, /old.html, /legacy/path]",
        "Text.",
    )
    .write(
        "content/briefings/week.md",
        "---\ntitle: Week\ndate: 2022-01-10\naliases: [/briefings/last-week/]\nitems:\n  - article: old-name\n---\nIntro.\n",
    );
    site
}

#[test]
fn aliases_write_redirect_pages_and_a_redirects_file() {
    let site = renamed_site();
    site.build().success();
    let page = site.read("articles/old-name/index.html");
    assert!(
        page.contains(r#"<link rel="canonical" href="https://test.example/articles/new-name/">"#)
    );
    assert!(page.contains(r#"<meta http-equiv="refresh" content="0; url=/articles/new-name/">"#));
    assert!(page.contains(r#"<a href="/articles/new-name/">"#));
    assert!(site.exists("old.html"));
    assert!(site.exists("legacy/path/index.html"));
    assert!(site.exists("briefings/last-week/index.html"));
    assert_eq!(
        site.read("_redirects"),
        "/articles/old-name/ /articles/new-name/ 301\n\
         /briefings/last-week/ /briefings/week/ 301\n\
         /legacy/path/ /articles/new-name/ 301\n\
         /old.html /articles/new-name/ 301\n"
    );
    // The briefing's item resolved through the alias; redirects are not in the sitemap.
    assert!(
        site.read("briefings/week/index.html")
            .contains("/articles/new-name/")
    );
    assert!(!site.read("sitemap.xml").contains("old-name"));
}

#[test]
fn a_briefing_item_naming_a_former_slug_is_a_check_note() {
    renamed_site()
        .brief()
        .args(["check", "--strict"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "note: briefing item names `old-name`, a former slug of article `new-name` (one of its aliases): write `new-name` [renamed-article]\n --> content/briefings/week.md:6:14",
        ));
}

#[test]
fn bad_and_clashing_aliases_are_errors_at_the_alias() {
    let site = TestSite::new();
    site.article(
        "a.md",
        "title: A\ndate: 2022-01-09\naliases: [articles/x/, /articles/b/]",
        "Text.",
    )
    .article(
        "b.md",
        "title: B\ndate: 2022-01-08\naliases: [/articles/z/]",
        "",
    )
    .article(
        "c.md",
        "title: C\ndate: 2022-01-07\naliases: [/articles/z/]",
        "",
    );
    site.build()
        .failure()
        .stderr(predicate::str::contains(
            "alias `articles/x/` must be a path of the site starting with `/`, such as `/articles/old-slug/` [alias]\n --> content/articles/a.md:4:11",
        ))
        .stderr(predicate::str::contains(
            "alias `/articles/b/` is the URL of a page of the site: a redirect there would replace it [duplicate-url]\n --> content/articles/a.md:4:24",
        ))
        .stderr(predicate::str::contains(
            "alias `/articles/z/` is already an alias of content/articles/b.md [alias]\n --> content/articles/c.md:4:11",
        ));
}

#[test]
fn an_unknown_slug_suggests_the_nearest_one() {
    let site = TestSite::new();
    site.article("geneva-talks.md", "title: G\ndate: 2022-01-09", "")
        .write(
            "content/briefings/week.md",
            "---\ntitle: Week\ndate: 2022-01-10\nitems:\n  - article: geneva-talk\n---\n",
        );
    site.build().failure().stderr(predicate::str::contains(
        "error: briefing item names article `geneva-talk`, which does not exist (or is a draft): did you mean `geneva-talks`? [unknown-article]\n --> content/briefings/week.md:5:14",
    ));
}

#[test]
fn pages_are_published_at_their_slug_with_the_page_template() {
    let site = TestSite::new();
    site.write(
        "content/pages/about.md",
        "---\ntitle: About us\nupdated: 2022-02-01\n---\nWho we are. See [contact](@/pages/desk/contact.md).\n",
    )
    .write(
        "content/pages/desk/contact.md",
        "---\ntitle: Contact\nslug: write-to-us\naliases: [/contact/]\n---\nWrite to us.\n",
    );
    site.build().success();
    let about = site.read("about/index.html");
    assert!(about.contains("<h1>About us</h1>"), "{about}");
    assert!(
        about.contains(r#"<a href="/write-to-us/">contact</a>"#),
        "{about}"
    );
    assert!(site.read("write-to-us/index.html").contains("Write to us."));
    assert!(site.exists("contact/index.html"));
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://test.example/about/</loc>\n    <lastmod>2022-02-01"));
}

#[test]
fn a_markdown_file_brief_does_not_read_is_an_error_naming_the_folders() {
    let site = TestSite::new();
    site.write("content/about.md", "---\ntitle: About\n---\n")
        .write("content/misc/contact.md", "---\ntitle: Contact\n---\n")
        .write("content/pages/articles.md", "---\ntitle: Clash\n---\n");
    site.build()
        .failure()
        .stderr(predicate::str::contains(
            "error: content/about.md: brief does not read this file: Markdown goes in content/articles/, content/briefings/, content/pages/, content/people/ or content/topics/ (for a page of its own, such as About: content/pages/about.md) [unknown-file]",
        ))
        .stderr(predicate::str::contains(
            "error: content/misc/contact.md: brief does not read this file:",
        ))
        .stderr(predicate::str::contains(
            "page slug `articles` is the URL of the site's own /articles/ list: choose another slug [duplicate-url]",
        ));
}

#[test]
fn the_main_menu_comes_from_site_toml_with_the_current_section_marked() {
    let site = TestSite::new();
    site.write(
        "site.toml",
        &format!(
            "{}\n[[menu.main]]\nname = \"About\"\nurl = \"@/pages/about.md\"\nweight = 2\n\n[[menu.main]]\nname = \"Articles\"\nurl = \"/articles/\"\nweight = 1\n\n[[menu.main]]\nname = \"Elsewhere\"\nurl = \"https://other.example/\"\nweight = 3\n",
            common::MINIMAL_CONFIG
        ),
    )
    .write("content/pages/about.md", "---\ntitle: About\n---\nUs.\n")
    .article("a.md", "title: A\ndate: 2022-01-09", "Text.");
    site.build().success();
    let nav = |file: &str| {
        let html = site.read(file);
        let start = html.find("<nav class=\"site-nav\"").unwrap();
        let end = start + html[start..].find("</nav>").unwrap();
        html[start..end].to_owned()
    };
    let article = nav("articles/a/index.html");
    assert!(article.contains(
        "<li><a href=\"/articles/\" aria-current=\"true\">Articles</a></li>\n        <li><a href=\"/about/\">About</a></li>\n        <li><a href=\"https://other.example/\">Elsewhere</a></li>"
    ), "{article}");
    assert!(
        nav("about/index.html").contains("<a href=\"/about/\" aria-current=\"page\">About</a>")
    );
    assert!(nav("articles/index.html").contains("<a href=\"/articles/\" aria-current=\"page\">"));
}

#[test]
fn a_menu_entry_naming_no_file_is_an_error_at_its_url_with_a_suggestion() {
    let site = TestSite::new();
    site.write(
        "site.toml",
        &format!(
            "{}\n[[menu.main]]\nname = \"About\"\nurl = \"@/pages/abuot.md\"\n",
            common::MINIMAL_CONFIG
        ),
    )
    .write("content/pages/about.md", "---\ntitle: About\n---\nUs.\n");
    site.build().failure().stderr(predicate::str::contains(
        "error: menu entry `@/pages/abuot.md` names no content file: did you mean `@/pages/about.md`? [menu]\n --> site.toml:7:7",
    ));
}

#[test]
fn redirects_under_a_sub_path_carry_the_base_path() {
    let site = renamed_site();
    site.brief()
        .args(["build", "--base-url", "https://test.example/desk/"])
        .assert()
        .success();
    let page = site.read("articles/old-name/index.html");
    assert!(
        page.contains(r#"<meta http-equiv="refresh" content="0; url=/desk/articles/new-name/">"#),
        "{page}"
    );
    assert!(
        page.contains(r#"href="https://test.example/desk/articles/new-name/""#),
        "{page}"
    );
    assert!(
        site.read("_redirects")
            .starts_with("/desk/articles/old-name/ /desk/articles/new-name/ 301\n")
    );
}

/// The errors of a failed build, as printed.
fn build_errors(site: &TestSite) -> String {
    let output = site.brief().arg("build").output().unwrap();
    assert!(!output.status.success());
    String::from_utf8(output.stderr).unwrap()
}

/// Errors that teach (issue 19): each of the eight typical mistakes, its whole message and place.
#[test]
fn a_misspelt_key_suggests_the_nearest_one() {
    let site = TestSite::new();
    site.article("a.md", "title: A\ndate: 2022-01-09\ntpoics: [Trade]", "x");
    assert!(build_errors(&site).starts_with(
        "error: unknown field `tpoics`: did you mean `topics`? (expected one of `title`, `slug`, `date`, `date_inferred`, `updated`, `summary`, `topics`, `people`, `authors`, `media`, `source`, `story`, `draft`, `aliases`, `extra`) [front-matter]\n --> content/articles/a.md:4:1\n"
    ));
}

#[test]
fn a_misspelt_value_suggests_the_nearest_one() {
    let site = TestSite::new();
    site.write(
        "site.toml",
        &format!(
            "{}entity_feed_content = \"sumary\"\n",
            common::MINIMAL_CONFIG
        ),
    );
    assert!(build_errors(&site).starts_with(
        "error: unknown value `sumary`: did you mean `summary`? (expected `summary` or `full`) [config]\n --> site.toml:4:23\n"
    ));
}

#[test]
fn a_misspelt_slug_suggests_the_nearest_one() {
    let site = TestSite::new();
    site.article("geneva-talks.md", "title: G\ndate: 2022-01-09", "")
        .write(
            "content/briefings/week.md",
            "---\ntitle: Week\ndate: 2022-01-10\nitems:\n  - article: geneva-talk\n---\n",
        );
    assert!(build_errors(&site).starts_with(
        "error: briefing item names article `geneva-talk`, which does not exist (or is a draft): did you mean `geneva-talks`? [unknown-article]\n --> content/briefings/week.md:5:14\n"
    ));
}

#[test]
fn one_bad_front_matter_is_one_error_and_its_dependants_are_skipped() {
    let site = TestSite::new();
    site.write(
        "content/articles/bad.md",
        "---\ntitle: [Bad\ndate: 2022-01-09\n---\nx\n",
    )
    .write(
        "content/briefings/week.md",
        "---\ntitle: Week\ndate: 2022-01-10\nitems:\n  - article: bad\n---\n",
    );
    let errors = build_errors(&site);
    assert_eq!(errors.matches("error:").count(), 2, "{errors}");
    assert!(errors.contains(
        "note: briefing item `bad` skipped because content/articles/bad.md has an error (reported there) [skipped]\n --> content/briefings/week.md:5:14\n"
    ), "{errors}");
    assert!(errors.ends_with("error: 1 error found\n"), "{errors}");
}

#[test]
fn a_tab_in_yaml_indentation_is_named_at_the_tab() {
    let site = TestSite::new();
    site.article(
        "a.md",
        "title: A\ndate: 2022-01-09\npeople:\n\t- Ann Lee",
        "x",
    );
    assert!(build_errors(&site).starts_with(
        "error: YAML does not allow tabs for indentation; use spaces [front-matter]\n --> content/articles/a.md:5:1\n"
    ));
}

#[test]
fn an_impossible_date_says_why() {
    let site = TestSite::new();
    site.article("a.md", "title: A\ndate: 2024-04-31", "x");
    assert!(build_errors(&site).starts_with(
        "error: invalid date `2024-04-31`: April 2024 has 30 days [front-matter]\n --> content/articles/a.md:3:7\n"
    ));
}

#[test]
fn an_unclosed_template_tag_is_named_where_it_opens() {
    let site = TestSite::new();
    site.article("a.md", "title: A\ndate: 2022-01-09", "x").write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ title }}</h1>\n{% if article.summary \n<p>{{ article.summary }}</p>\n{% endif %}\n{% endblock %}\n",
    );
    assert!(build_errors(&site).starts_with(
        "error: article.html: this `{%` is not closed: end it with `%}` [template]\n --> templates/article.html:4:1\n"
    ));
}

#[test]
fn an_alias_that_is_another_persons_name_names_both_files() {
    let site = TestSite::new();
    site.article(
        "a.md",
        "title: A\ndate: 2022-01-09\npeople: [Tony Blinken]",
        "x",
    )
    .write(
        "content/people/anthony-black.md",
        "---\nname: Anthony Black\naliases: [Tony Blinken]\n---\n",
    )
    .write(
        "content/people/tony-blinken.md",
        "---\nname: Tony Blinken\n---\n",
    );
    assert!(build_errors(&site).starts_with(
        "error: alias `Tony Blinken` of content/people/anthony-black.md is already the name of Tony Blinken in content/people/tony-blinken.md: a spelling can name one profile only [duplicate-alias]\n --> content/people/anthony-black.md:3:11\n"
    ));
}

#[test]
fn bylines_on_pages_cards_feeds_and_the_persons_page() {
    let site = TestSite::new();
    site.write(
        "content/people/ann-lee.md",
        "---\nname: Ann Lee\naliases: [Lee]\nrole: Correspondent\n---\n",
    )
    .article(
        "talks.md",
        "title: Talks\ndate: 2022-01-09\nauthors: [Lee, Bo Chan]\npeople: [Sam Doe]",
        "Text.",
    )
    .article(
        "profile.md",
        "title: A profile of Ann Lee\ndate: 2022-01-08\npeople: [Ann Lee]",
        "Text.",
    )
    .write(
        "content/briefings/week.md",
        "---\ntitle: Week\ndate: 2022-01-10\nauthors: [Ann Lee]\nitems:\n  - article: talks\n---\n",
    );
    site.build().success();
    let byline = r#"<span class="byline">By <a href="/people/ann-lee/">Ann Lee</a> and <a href="/people/bo-chan/">Bo Chan</a></span>"#;
    assert!(site.read("articles/talks/index.html").contains(byline));
    assert!(site.read("articles/index.html").contains(byline));
    assert!(
        site.read("briefings/week/index.html")
            .contains(r#"<span class="byline">By <a href="/people/ann-lee/">Ann Lee</a></span>"#)
    );
    let feed = site.read("atom.xml");
    assert!(feed.contains(
        "<author>\n      <name>Ann Lee</name>\n      <uri>https://test.example/people/ann-lee/</uri>\n    </author>"
    ));
    // Her page lists what she wrote apart from what names her; her feed has both.
    let page = site.read("people/ann-lee/index.html");
    let by = page.find("Articles by Ann Lee").expect("Articles by");
    let about = page.find("Articles about Ann Lee").expect("Articles about");
    assert!(page[by..about].contains("/articles/talks/"));
    assert!(!page[by..about].contains("/articles/profile/"));
    assert!(page[about..].contains("/articles/profile/"));
    let own_feed = site.read("people/ann-lee/atom.xml");
    assert!(own_feed.contains("/articles/talks/") && own_feed.contains("/articles/profile/"));
    assert!(site.exists("people/bo-chan/index.html"));
}
