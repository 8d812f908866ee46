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
    assert!(long.contains(r##"<a href="#earlier-talks">Earlier talks</a>"##), "{long}");
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
