//! A site published under a sub-path (`base_url = "https://example.org/desk/"`, a GitHub Pages
//! project site): every URL the site writes carries `/desk`, one test per kind of URL, and
//! `brief check` warns about a root-relative URL in a site's own template or static file.

mod common;

use common::TestSite;

const SUBPATH_CONFIG: &str =
    "title = \"Desk\"\nbase_url = \"https://example.org/desk/\"\npaginate_by = 1\n";

/// Two articles (one with media, `@/` and root-relative links), a briefing with a note that
/// links, a person profile, built under `/desk`.
fn desk_site() -> TestSite {
    let site = TestSite::new();
    site.write("site.toml", SUBPATH_CONFIG)
        .write("static/images/a.jpg", "jpeg")
        .write("static/images/b.jpg", "jpeg")
        .article(
            "a.md",
            "title: A\ndate: 2022-01-09\ntopics: [NATO]\npeople: [Sam Person]\nmedia:\n  - caption: Placed\n    src: /images/a.jpg\n  - caption: Shown after the body\n    src: /images/b.jpg",
            "See [b](@/articles/b.md#details), [Sam](/people/sam-person/) and [x](../b/).\n\n![Placed](media:1)",
        )
        .article("b.md", "title: B\ndate: 2022-01-08\ntopics: [NATO]", "## Details\n\nText.")
        .write(
            "content/briefings/monday.md",
            "---\ntitle: Monday\ndate: 2022-01-10\nitems:\n  - article: a\n    note: Read [B](/articles/b/) too.\n---\nIntro.\n",
        )
        .write(
            "content/people/sam-person.md",
            "---\nname: Sam Person\n---\nBio, see [A](@/articles/a.md).\n",
        );
    site.build().success();
    site
}

#[test]
fn files_stay_at_the_output_root() {
    let site = desk_site();
    assert!(site.exists("index.html"));
    assert!(site.exists("articles/a/index.html"));
    assert!(site.exists("images/a.jpg"));
    assert!(!site.public().join("desk").exists());
}

#[test]
fn page_links_and_pagination_carry_the_base_path() {
    let site = desk_site();
    let home = site.read("index.html");
    assert!(home.contains(r#"href="/desk/articles/a/""#), "{home}");
    assert!(home.contains(r#"href="/desk/briefings/monday/""#));
    assert!(home.contains(r#"href="/desk/topics/nato/""#));
    assert!(home.contains(r#"href="/desk/people/sam-person/""#));
    let archive = site.read("articles/index.html");
    assert!(
        archive.contains(r#"href="/desk/articles/page/2/""#),
        "{archive}"
    );
    let topic = site.read("topics/nato/page/2/index.html");
    assert!(topic.contains(r#"href="/desk/topics/nato/""#), "{topic}");
    let article = site.read("articles/a/index.html");
    assert!(article.contains(r#"href="/desk/briefings/monday/""#));
    assert!(
        article.contains(r#"<link rel="canonical" href="https://example.org/desk/articles/a/">"#)
    );
}

#[test]
fn assets_search_form_and_feed_links_carry_the_base_path() {
    let site = desk_site();
    let page = site.read("articles/a/index.html");
    for expected in [
        r#"<link rel="stylesheet" href="/desk/style.css">"#,
        // highlight.css is linked only from pages with code; the icons are on every page.
        r#"<link rel="icon" href="/desk/favicon.svg""#,
        r#"<link rel="manifest" href="/desk/site.webmanifest">"#,
        r#"<script src="/desk/search.js" defer>"#,
        r#"action="/desk/search/""#,
        r#"type="application/atom+xml" href="/desk/atom.xml""#,
    ] {
        assert!(page.contains(expected), "{expected}");
    }
    let topic = site.read("topics/nato/index.html");
    assert!(
        topic.contains(r#"href="/desk/topics/nato/atom.xml""#),
        "{topic}"
    );
    let feed = site.read("atom.xml");
    assert!(feed.contains(r#"href="https://example.org/desk/articles/a/""#));
    // Links in feed content are absolute, with the base path once.
    assert!(
        feed.contains("https://example.org/desk/people/sam-person/"),
        "{feed}"
    );
    assert!(!feed.contains("/desk/desk/"));
}

#[test]
fn markdown_links_in_bodies_notes_and_profiles_carry_the_base_path() {
    let site = desk_site();
    let article = site.read("articles/a/index.html");
    assert!(
        article.contains(r##"href="/desk/articles/b/#details""##),
        "{article}"
    );
    assert!(article.contains(r#"href="/desk/people/sam-person/""#));
    assert!(
        article.contains(r#"href="../b/""#),
        "relative links stay relative"
    );
    let briefing = site.read("briefings/monday/index.html");
    assert!(
        briefing.contains(r#"href="/desk/articles/b/">B</a>"#),
        "{briefing}"
    );
    let person = site.read("people/sam-person/index.html");
    assert!(
        person.contains(r#"href="/desk/articles/a/">A</a>"#),
        "{person}"
    );
}

#[test]
fn media_sources_carry_the_base_path() {
    let site = desk_site();
    let article = site.read("articles/a/index.html");
    assert!(
        article.contains(r#"src="/desk/images/a.jpg""#),
        "placed: {article}"
    );
    assert!(
        article.contains(r#"src="/desk/images/b.jpg""#),
        "after the body"
    );
}

#[test]
fn search_entries_carry_the_base_path() {
    let site = desk_site();
    // The search index is in parts (render::search): the names, and the article records.
    let index: serde_json::Value = serde_json::from_str(&site.read("search/names.json")).unwrap();
    let records: serde_json::Value = serde_json::from_str(&site.read("search/a/0.json")).unwrap();
    let article_urls: Vec<&str> = records
        .as_array()
        .unwrap()
        .iter()
        .map(|article| article[1].as_str().unwrap())
        .collect();
    assert_eq!(article_urls, ["/desk/articles/a/", "/desk/articles/b/"]);
    assert_eq!(index["topic_urls"][0], "/desk/topics/nato/");
    assert_eq!(index["people_urls"][0], "/desk/people/sam-person/");
}

#[test]
fn no_page_links_outside_the_base_path() {
    let site = desk_site();
    for (path, bytes) in site.tree() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attribute in ["href=\"/", "src=\"/", "action=\"/"] {
            for (at, _) in html.match_indices(attribute) {
                let url = &html[at + attribute.len() - 1..];
                assert!(
                    url.starts_with("/desk/") || url.starts_with("//"),
                    "{path}: {}",
                    &url[..url.len().min(40)]
                );
            }
        }
    }
}

#[test]
fn check_warns_about_root_relative_urls_in_the_sites_templates_and_static_files() {
    let site = TestSite::new();
    site.write("site.toml", SUBPATH_CONFIG)
        .article("a.md", "title: A\ndate: 2022-01-09", "Text.")
        .write(
            "templates/partials/article-card.html",
            "<article>\n  <a href=\"{{ card.url }}\">{{ card.title }}</a> <img src=\"/logo.png\" alt=\"\">\n</article>\n",
        )
        .write("static/brand.css", "body {\n  background: url(\"/paper.png\");\n}\n")
        .write("static/logo.png", "png")
        .write("static/paper.png", "png");
    let output = site
        .brief()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let warnings: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .filter(|problem: &serde_json::Value| problem["code"] == "root-relative-url")
        .collect();
    let at = |w: &serde_json::Value| {
        (
            w["file"].as_str().unwrap().to_owned(),
            w["line"].as_u64().unwrap(),
            w["column"].as_u64().unwrap(),
        )
    };
    assert_eq!(
        warnings.iter().map(at).collect::<Vec<_>>(),
        [
            ("static/brand.css".to_owned(), 2, 20),
            ("templates/partials/article-card.html".to_owned(), 2, 59),
        ],
        "{warnings:?}"
    );
    assert_eq!(warnings[0]["severity"], "warning");
    assert!(
        warnings[1]["message"]
            .as_str()
            .unwrap()
            .contains("{{ url(path='/logo.png') }}")
    );
    // At a domain's root the same URLs are right, and nothing is said.
    let root = site
        .brief()
        .args([
            "check",
            "--base-url",
            "https://example.org/",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        !String::from_utf8(root.stdout)
            .unwrap()
            .contains("root-relative-url")
    );
}
