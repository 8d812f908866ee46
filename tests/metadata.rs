//! What pages tell search engines and link previews: JSON-LD of the expected schema.org types
//! on every page type, Open Graph and `article:*` properties, icons and the web manifest,
//! descriptions from profiles, and what a reader sees of numbers, quotes and sources.
//! (CI also reads the example site's pages with extruct: tests/metadata/structured_data.py.)

mod common;

use common::TestSite;
use serde_json::Value;

const BASE: &str = "https://test.example";

fn site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.toml",
        &format!(
            "title = \"Test Desk\"\nbase_url = \"{BASE}\"\ndescription = \"The desk's notes\"\n\n[import]\nheader_fields = [\"wire\"]\n"
        ),
    )
    .article(
        "geneva.md",
        "title: \"Geneva's talks\"\ndate: 2022-01-09\nupdated: 2022-01-10\ntopics: [Russia, NATO]\npeople: [Antony Blinken]\nmedia:\n  - caption: Soldiers in a trench\n    src: /images/trench.jpg\nsource:\n  name: Example Post\n  url: https://post.example/story\n  fields: {field1: \"0\", wire: AP}\n  trailers: [Source link, With Post wires]",
        "Blinken said progress needs de-escalation.",
    )
    .article(
        "code.md",
        "title: Code\ndate: 2022-01-05\ntopics: [Russia]\nauthors: [Ann Writer]",
        "Some code:\n\n```rust\nfn main() {}\n```\n",
    )
    .write(
        "content/briefings/week.md",
        "---\ntitle: The week\ndate: 2022-01-13\nitems:\n  - article: geneva\n    note: Why it **matters**.\n  - article: code\n---\nIntro.\n",
    )
    .write(
        "content/people/antony-blinken.md",
        "---\nname: Antony Blinken\naliases: [Blinken]\nrole: Secretary of State\n---\nAmerican diplomat who led the talks.\n",
    )
    .write_bytes("static/images/trench.jpg", &jpeg());
    site.build().success();
    site
}

/// A small JPEG for the article's medium.
fn jpeg() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(16, 8, image::Rgb([200, 40, 30]))
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    bytes
}

/// The schema.org items of a built page.
fn json_ld(html: &str) -> Vec<Value> {
    let start = r#"<script type="application/ld+json">"#;
    let Some(at) = html.find(start) else {
        return Vec::new();
    };
    let rest = &html[at + start.len()..];
    let json: Value = serde_json::from_str(&rest[..rest.find("</script>").unwrap()]).unwrap();
    match json {
        Value::Array(items) => items,
        item => vec![item],
    }
}

fn types(items: &[Value]) -> Vec<&str> {
    items.iter().map(|i| i["@type"].as_str().unwrap()).collect()
}

fn meta<'h>(html: &'h str, property: &str) -> Vec<&'h str> {
    let mut found = Vec::new();
    for attribute in ["property", "name"] {
        let needle = format!("<meta {attribute}=\"{property}\" content=\"");
        let mut rest = html;
        while let Some(at) = rest.find(&needle) {
            rest = &rest[at + needle.len()..];
            found.push(&rest[..rest.find('"').unwrap()]);
        }
    }
    found
}

#[test]
fn every_page_type_has_its_schema_org_types() {
    let site = site();
    let expected: &[(&str, &[&str])] = &[
        ("index.html", &["WebSite"]),
        (
            "articles/geneva/index.html",
            &["NewsArticle", "BreadcrumbList"],
        ),
        (
            "briefings/week/index.html",
            &["CollectionPage", "BreadcrumbList"],
        ),
        (
            "topics/russia/index.html",
            &["CollectionPage", "BreadcrumbList"],
        ),
        (
            "people/antony-blinken/index.html",
            &["Person", "CollectionPage", "BreadcrumbList"],
        ),
        ("people/index.html", &["CollectionPage", "BreadcrumbList"]),
        ("topics/index.html", &["CollectionPage", "BreadcrumbList"]),
        ("articles/index.html", &["CollectionPage", "BreadcrumbList"]),
        (
            "briefings/index.html",
            &["CollectionPage", "BreadcrumbList"],
        ),
        ("search/index.html", &["BreadcrumbList"]),
        ("404.html", &[]),
    ];
    for (path, want) in expected {
        let items = json_ld(&site.read(path));
        assert_eq!(types(&items), *want, "{path}");
        for item in &items {
            assert_eq!(item["@context"], "https://schema.org", "{path}");
        }
    }
}

#[test]
fn an_article_is_a_news_article_with_dates_image_author_and_publisher() {
    let site = site();
    let html = site.read("articles/geneva/index.html");
    let article = &json_ld(&html)[0];
    assert_eq!(article["headline"], "Geneva’s talks");
    assert_eq!(article["datePublished"], "2022-01-09T00:00:00Z");
    assert_eq!(article["dateModified"], "2022-01-10T00:00:00Z");
    assert_eq!(article["image"][0], format!("{BASE}/images/trench.jpg"));
    assert_eq!(article["author"][0]["name"], "Example Post");
    assert_eq!(article["publisher"]["name"], "Test Desk");
    assert_eq!(
        article["publisher"]["logo"]["url"],
        format!("{BASE}/icon-512.png")
    );
    assert_eq!(article["mentions"][0]["name"], "Antony Blinken");
    let crumbs = &json_ld(&html)[1]["itemListElement"];
    assert_eq!(crumbs[1]["item"], format!("{BASE}/articles/"));
    assert_eq!(meta(&html, "og:type"), ["article"]);
    assert_eq!(
        meta(&html, "og:image"),
        [format!("{BASE}/images/trench.jpg")]
    );
    assert_eq!(meta(&html, "twitter:card"), ["summary_large_image"]);
    assert_eq!(meta(&html, "og:locale"), ["en_US"]);
    assert_eq!(
        meta(&html, "article:published_time"),
        ["2022-01-09T00:00:00Z"]
    );
    assert_eq!(
        meta(&html, "article:modified_time"),
        ["2022-01-10T00:00:00Z"]
    );
    assert_eq!(meta(&html, "article:section"), ["Russia"]);
    assert_eq!(
        meta(&html, "article:tag"),
        ["Russia", "NATO", "Antony Blinken"]
    );
}

#[test]
fn a_bylined_article_is_by_its_people_with_their_pages() {
    let site = site();
    let html = site.read("articles/code/index.html");
    let article = &json_ld(&html)[0];
    assert_eq!(
        article["author"],
        serde_json::json!([{"@type": "Person", "name": "Ann Writer", "url": format!("{BASE}/people/ann-writer/")}])
    );
    assert_eq!(meta(&html, "article:author"), ["Ann Writer"]);
}

#[test]
fn briefings_are_articles_for_previews_and_lists_of_their_items() {
    let site = site();
    let html = site.read("briefings/week/index.html");
    assert_eq!(meta(&html, "og:type"), ["article"]);
    assert_eq!(
        meta(&html, "article:published_time"),
        ["2022-01-13T00:00:00Z"]
    );
    let list = &json_ld(&html)[0]["mainEntity"];
    assert_eq!(list["@type"], "ItemList");
    assert_eq!(list["numberOfItems"], 2);
    assert_eq!(
        list["itemListElement"][0]["url"],
        format!("{BASE}/articles/geneva/")
    );
    // The editor's note leads each item.
    let note = html.find("Why it <strong>matters</strong>").unwrap();
    let summary = html.find("Blinken said progress").unwrap();
    assert!(
        note < summary,
        "the note comes before the article's summary"
    );
}

#[test]
fn home_is_a_website_with_a_search_action_and_every_page_has_icons() {
    let site = site();
    let html = site.read("index.html");
    let website = &json_ld(&html)[0];
    assert_eq!(
        website["potentialAction"]["target"]["urlTemplate"],
        format!("{BASE}/search/?q={{search_term_string}}")
    );
    for link in [
        r#"<link rel="icon" href="/favicon.svg" type="image/svg+xml">"#,
        r#"<link rel="apple-touch-icon" href="/apple-touch-icon.png">"#,
        r#"<link rel="manifest" href="/site.webmanifest">"#,
    ] {
        assert!(html.contains(link), "{link}");
    }
    assert!(!html.contains("data:,"));
    assert_eq!(meta(&html, "theme-color").len(), 2);
    for file in [
        "favicon.svg",
        "apple-touch-icon.png",
        "icon-192.png",
        "icon-512.png",
    ] {
        assert!(site.exists(file), "{file}");
    }
    let manifest: Value = serde_json::from_str(&site.read("site.webmanifest")).unwrap();
    assert_eq!(manifest["name"], "Test Desk");
    assert_eq!(manifest["icons"].as_array().unwrap().len(), 3);
    // Settings text reads as bodies do.
    assert_eq!(meta(&html, "description"), ["The desk’s notes"]);
}

#[test]
fn person_pages_describe_from_the_profile_and_404_has_no_canonical() {
    let site = site();
    let html = site.read("people/antony-blinken/index.html");
    assert_eq!(
        meta(&html, "description"),
        ["American diplomat who led the talks."]
    );
    let person = &json_ld(&html)[0];
    assert_eq!(person["jobTitle"], "Secretary of State");
    assert_eq!(person["alternateName"][0], "Blinken");
    let missing = site.read("404.html");
    assert!(!missing.contains("rel=\"canonical\""));
    assert!(meta(&missing, "og:url").is_empty());
}

#[test]
fn highlight_css_loads_only_where_there_is_code() {
    let site = site();
    let link = r#"<link rel="stylesheet" href="/highlight.css">"#;
    assert!(site.read("articles/code/index.html").contains(link));
    assert!(!site.read("articles/geneva/index.html").contains(link));
    assert!(!site.read("index.html").contains(link));
}

#[test]
fn the_source_box_shows_the_publication_and_only_named_header_fields() {
    let site = site();
    let html = site.read("articles/geneva/index.html");
    assert!(html.contains(
        r#"<a href="https://post.example/story" rel="external noopener">Example Post</a>"#
    ));
    assert!(html.contains("<dt>wire</dt><dd>AP</dd>"));
    assert!(!html.contains("field1"));
    assert!(!html.contains("With Post wires"));
    assert!(!html.contains(">Source link<"));
}

#[test]
fn counts_have_thousands_separators_and_singulars() {
    let site = TestSite::new();
    site.write(
        "site.toml",
        &format!("title = \"T\"\nbase_url = \"{BASE}\"\npaginate_by = 2000\n"),
    );
    for n in 0..1001 {
        site.article(
            &format!("a{n}.md"),
            &format!("title: A{n}\ndate: 2022-01-09\npeople: [Ann Lee]"),
            "Text.",
        );
    }
    site.write(
        "content/briefings/one.md",
        "---\ntitle: One\ndate: 2022-01-13\nitems:\n  - article: a1\n---\n",
    );
    site.build().success();
    let html = site.read("search/index.html");
    assert!(html.contains("All 1,001 articles"), "no separators");
    assert!(html.contains(">The briefing</a>"), "the one briefing");
    assert!(!html.contains("All 1 briefing"));
    assert!(site.read("people/ann-lee/index.html").contains("1,001"));
}
