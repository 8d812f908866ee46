//! Reading aids of issue 19 on fixture sites built with the real binary: tables of contents,
//! related articles, embeds and JSON feeds.

mod common;

use common::TestSite;

/// Every `href="#…"` of the page's table of contents, in order.
fn toc_links(html: &str) -> Vec<String> {
    let Some(start) = html.find(r#"<nav class="toc""#) else {
        return Vec::new();
    };
    let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
    nav.split(r##"href="#"##)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect()
}

#[test]
fn a_long_article_and_page_show_a_table_of_contents_of_unique_heading_ids() {
    let site = TestSite::new();
    site.article(
        "long.md",
        "title: Long read\ndate: 2022-01-09",
        "Intro.\n\n## Background\n\nText.\n\n### Earlier talks\n\nText.\n\n## Background\n\nAgain.\n\n## What next {#next}\n\nEnd.\n",
    )
    .article(
        "short.md",
        "title: Short read\ndate: 2022-01-08",
        "Intro.\n\n## One\n\nText.\n\n## Two\n\nText.\n",
    )
    .write(
        "content/pages/guide.md",
        "---\ntitle: Guide\n---\n## Main\n\n## Second\n\n## Third\n",
    )
    // A site's own template reads a briefing's table of contents.
    .write(
        "content/briefings/day.md",
        "---\ntitle: Day\ndate: 2022-01-10\nitems:\n  - article: long\n---\n## Overview\n\n### Detail\n",
    )
    .write(
        "templates/briefing.html",
        "{% for e in briefing.toc %}{{ e.level }}:{{ e.id }}:{{ e.title }}[{% for c in e.children %}{{ c.level }}:{{ c.id }}{% endfor %}]{% endfor %}",
    );
    site.build().success();

    let long = site.read("articles/long/index.html");
    assert_eq!(
        toc_links(&long),
        ["background", "earlier-talks", "background-1", "next"]
    );
    for id in ["background", "earlier-talks", "background-1", "next"] {
        assert_eq!(
            long.matches(&format!(r#"id="{id}""#)).count(),
            1,
            "id {id} once in {long}"
        );
    }
    assert!(
        long.contains(r##"<a href="#earlier-talks">Earlier talks</a>"##),
        "{long}"
    );
    assert!(toc_links(&site.read("articles/short/index.html")).is_empty());
    // "Main" would take the id of the page's <main>.
    assert_eq!(
        toc_links(&site.read("guide/index.html")),
        ["main-1", "second", "third"]
    );
    assert_eq!(
        site.read("briefings/day/index.html"),
        "2:overview:Overview[3:detail]"
    );
}

/// What JSON Feed 1.1 requires of a feed (version, title, items with an id and their content
/// as HTML or text) and what this site promises on top (absolute URLs under `base_url`, RFC 3339
/// dates); the feed as parsed.
fn valid_json_feed(site: &TestSite, path: &str, base_url: &str) -> serde_json::Value {
    let feed: serde_json::Value = serde_json::from_str(&site.read(path))
        .unwrap_or_else(|e| panic!("{path} is not JSON: {e}"));
    assert_eq!(
        feed["version"], "https://jsonfeed.org/version/1.1",
        "{path}"
    );
    assert!(
        feed["title"].as_str().is_some_and(|t| !t.is_empty()),
        "{path}"
    );
    assert_eq!(feed["feed_url"], format!("{base_url}{path}"), "{path}");
    let absolute =
        |value: &serde_json::Value| value.as_str().is_some_and(|url| url.starts_with(base_url));
    assert!(absolute(&feed["home_page_url"]), "{path}: {feed}");
    let items = feed["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{path}: no items"));
    assert!(!items.is_empty(), "{path}");
    for item in items {
        assert!(
            item["id"].as_str().is_some_and(|id| !id.is_empty()),
            "{item}"
        );
        assert!(absolute(&item["url"]), "{path}: {item}");
        assert!(
            item["content_html"].is_string() || item["content_text"].is_string(),
            "{path}: {item}"
        );
        for date in ["date_published", "date_modified"] {
            if let Some(text) = item[date].as_str() {
                text.parse::<jiff::Timestamp>()
                    .unwrap_or_else(|e| panic!("{path}: {date} {text}: {e}"));
            }
        }
    }
    feed
}

#[test]
fn json_feeds_sit_beside_the_atom_feeds_with_absolute_urls_under_a_sub_path() {
    let base = "https://org.example/desk/";
    let site = TestSite::new();
    site.write(
        "site.toml",
        "title = \"Desk & Co\"\nbase_url = \"https://org.example/desk/\"\ndescription = \"Fixture\"\n",
    )
    .article(
        "geneva.md",
        "title: Geneva talks\ndate: 2022-01-09\nupdated: 2022-01-11T08:00:00Z\nsummary: Talks resume.\ntopics: [Russia]\npeople: [Antony Blinken]\nauthors: [Nadia Okafor]",
        "See the [Russia dossier](/topics/russia/).",
    )
    .write(
        "content/briefings/week.md",
        "---\ntitle: The week\ndate: 2022-01-13\nitems:\n  - article: geneva\n---\nIntro.\n",
    );
    site.build().success();

    let feed = valid_json_feed(&site, "feed.json", base);
    assert_eq!(feed["title"], "Desk & Co");
    assert_eq!(feed["home_page_url"], base);
    let geneva = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["title"] == "Geneva talks")
        .expect("the article is in the site feed");
    assert_eq!(geneva["id"], format!("{base}articles/geneva/"));
    assert_eq!(geneva["date_published"], "2022-01-09T00:00:00Z");
    assert_eq!(geneva["date_modified"], "2022-01-11T08:00:00Z");
    assert_eq!(geneva["tags"], serde_json::json!(["Russia"]));
    assert_eq!(
        geneva["authors"],
        serde_json::json!([{"name": "Nadia Okafor", "url": format!("{base}people/nadia-okafor/")}])
    );
    let html = geneva["content_html"].as_str().unwrap();
    assert!(
        html.contains(r#"href="https://org.example/desk/topics/russia/""#),
        "{html}"
    );

    valid_json_feed(&site, "briefings/feed.json", base);
    for entity in ["topics/russia/", "people/antony-blinken/"] {
        let feed = valid_json_feed(&site, &format!("{entity}feed.json"), base);
        assert_eq!(feed["home_page_url"], format!("{base}{entity}"));
        // Topic and person feeds carry summaries unless site.toml asks for full text.
        let items = feed["items"].as_array().unwrap();
        let geneva = items.iter().find(|item| item["title"] == "Geneva talks");
        assert_eq!(geneva.unwrap()["content_text"], "Talks resume.", "{entity}");
    }
    for (page, feed) in [
        ("index.html", "/desk/feed.json"),
        ("briefings/index.html", "/desk/briefings/feed.json"),
        ("topics/russia/index.html", "/desk/topics/russia/feed.json"),
    ] {
        let html = site.read(page);
        assert!(
            html.contains(&format!(
                r#"<link rel="alternate" type="application/feed+json" href="{feed}""#
            )),
            "{page}"
        );
    }
}

/// The titles of the page's related articles, in order.
fn related_titles(html: &str) -> Vec<String> {
    let Some(start) = html.find(r#"<section class="article-section related-articles">"#) else {
        return Vec::new();
    };
    let section = &html[start..start + html[start..].find("</section>").unwrap()];
    section
        .split("<li><a href=\"")
        .skip(1)
        .map(|item| {
            let title = &item[item.find('>').unwrap() + 1..];
            title[..title.find("</a>").unwrap()].to_owned()
        })
        .collect()
}

#[test]
fn an_article_lists_up_to_five_related_articles_by_rare_shared_names_a_story_once() {
    let site = TestSite::new();
    site.article(
        "a.md",
        "title: Mayor speaks\ndate: 2022-01-20\ntopics: [City]\npeople: [Rare Mayor]",
        "Text.",
    )
    // One story of two sources naming the same rare person: listed once, as its lead.
    .article(
        "lead.md",
        "title: Mayor profiled\ndate: 2022-01-02\ntopics: [City]\npeople: [Rare Mayor]",
        "Text.",
    )
    .article(
        "rewrite.md",
        "title: Mayor profiled again\ndate: 2022-01-03\ntopics: [City]\npeople: [Rare Mayor]\nstory: lead",
        "Text.",
    )
    .article(
        "alone.md",
        "title: Unrelated\ndate: 2022-01-19\ntopics: [Weather]",
        "Text.",
    );
    // Six more that share only the topic every article of the city has.
    for day in 10..16 {
        site.article(
            &format!("city-{day}.md"),
            &format!("title: City news {day}\ndate: 2022-01-{day}\ntopics: [City]"),
            "Text.",
        );
    }
    site.build().success();

    assert_eq!(
        related_titles(&site.read("articles/a/index.html")),
        [
            "Mayor profiled",
            "City news 15",
            "City news 14",
            "City news 13",
            "City news 12"
        ],
        "the rarer shared name first, then the newest; five at most"
    );
    // The story's rewrite does not list its own lead.
    let rewrite = related_titles(&site.read("articles/rewrite/index.html"));
    assert_eq!(rewrite[0], "Mayor speaks", "{rewrite:?}");
    assert!(!rewrite.iter().any(|t| t.starts_with("Mayor profiled")));
    assert!(related_titles(&site.read("articles/alone/index.html")).is_empty());
}

#[test]
fn videos_and_posts_of_other_sites_are_placeholders_that_load_nothing_until_played() {
    let site = TestSite::new();
    site.write_bytes("static/images/thumb.jpg", b"not decoded: only linked")
        .article(
            "clip.md",
            "title: Clip\ndate: 2022-01-09\nmedia:\n  - caption: The minister speaks\n    kind: video\n    src: https://youtu.be/dQw4w9WgXcQ\n    thumbnail: /images/thumb.jpg\n  - caption: A Vimeo report\n    kind: video\n    src: https://vimeo.com/76979871\n  - caption: The ministry's post\n    kind: post\n    src: https://social.example/@ministry/1234",
            "![The minister speaks](media:1)\n\nPasted: <iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>",
        )
        .article("plain.md", "title: Plain\ndate: 2022-01-08", "Text.");
    site.build().success();

    let html = site.read("articles/clip/index.html");
    // Placed inline by the body, and in the list of media after it.
    assert!(html.contains(r#"<div class="embed" data-embed-player="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1" data-embed-title="The minister speaks">"#), "{html}");
    assert!(html.contains(r#"<img class="embed-thumbnail" src="/images/thumb.jpg""#));
    assert!(html.contains(r#"href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="external noopener">Watch the video on YouTube</a>"#));
    assert!(html.contains(
        r#"data-embed-player="https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1""#
    ));
    assert!(html.contains(r#"href="https://social.example/@ministry/1234" rel="external noopener">View the post on social.example</a>"#));
    // Nothing of the other sites loads with the page: no iframe, no image from them; what the
    // body pasted stays text.
    assert!(!html.contains("<iframe"), "{html}");
    assert!(html.contains("&lt;iframe src="), "{html}");
    assert!(!html.contains(r#"<img src="https://"#), "{html}");
    assert!(
        html.contains(
            r#"<meta property="og:image" content="https://test.example/images/thumb.jpg">"#
        )
    );
    assert!(html.contains(r#"<script src="/embed.js" defer></script>"#));
    assert!(site.read("embed.js").contains("data-embed-player"));
    assert!(!site.read("articles/plain/index.html").contains("embed.js"));
}
