//! A briefing as a newsletter: `email.html` (tables, inlined styles, no script, absolute links)
//! and `email.txt` beside each briefing's page, from overridable templates. The browser tests
//! look at it in Chromium at 600 px.

mod common;

use common::TestSite;

fn site() -> TestSite {
    let site = TestSite::new();
    site.article(
        "geneva.md",
        "title: Geneva talks\ndate: 2022-01-09\ntopics: [Russia]\nsummary: Talks resume.",
        "Blinken said progress needs de-escalation.",
    )
    .article("energy.md", "title: Energy prices\ndate: 2022-01-05", "Prices fell.")
    .write(
        "content/briefings/week.md",
        "---\ntitle: The week\ndate: 2022-01-13\nitems:\n  - article: geneva\n    note: Read [the talks](@/articles/geneva.md) **first**.\n  - article: energy\n---\nThe editor's [introduction](/topics/russia/).\n",
    )
    .write(
        "content/briefings/other.md",
        "---\ntitle: Another\ndate: 2022-01-14\nitems:\n  - article: energy\n---\n",
    );
    site
}

/// Every `href="…"` and `src="…"` value of `html`.
fn links(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            found.push(&rest[..rest.find('"').unwrap()]);
        }
    }
    found
}

#[test]
fn every_briefing_has_an_email_with_inlined_styles_and_absolute_links() {
    let site = site();
    site.build().success();
    for slug in ["week", "other"] {
        assert!(
            site.exists(&format!("briefings/{slug}/email.html")),
            "{slug}"
        );
        assert!(
            site.exists(&format!("briefings/{slug}/email.txt")),
            "{slug}"
        );
    }
    let html = site.read("briefings/week/email.html");
    assert!(!html.contains("<script"), "no script");
    assert!(
        !html.contains("rel=\"stylesheet\""),
        "no external stylesheet"
    );
    assert!(html.contains("<table"), "tables for layout");
    assert!(html.contains("style=\""), "styles are inlined");
    let found = links(&html);
    assert!(found.len() >= 6, "{found:?}");
    for link in found {
        assert!(
            link.starts_with("https://test.example/"),
            "{link} is not absolute"
        );
    }
    for text in [
        "The week",
        "https://test.example/articles/geneva/",
        "Why it matters",
        "Talks resume.",
        "https://test.example/topics/russia/",
    ] {
        assert!(html.contains(text), "{text}");
    }
    // The note's content link, resolved and then made absolute.
    assert!(
        html.contains(r#"<a href="https://test.example/articles/geneva/" style="color: #0a52a0;">the talks</a>"#),
        "{html}"
    );
}

#[test]
fn the_text_alternative_has_the_notes_and_absolute_links() {
    let site = site();
    site.build().success();
    let text = site.read("briefings/week/email.txt");
    assert!(text.starts_with("TEST DESK\n\nThe week\n"), "{text}");
    assert!(text.contains("1. Geneva talks"), "{text}");
    assert!(
        text.contains("Why it matters: Read the talks first."),
        "{text}"
    );
    assert!(
        text.contains("Read the article: https://test.example/articles/geneva/"),
        "{text}"
    );
    assert!(!text.contains("<p>") && !text.contains("&amp;"), "{text}");
}

#[test]
fn a_site_overrides_the_email_templates() {
    let site = site();
    site.write(
        "templates/email.html",
        "<!doctype html><html><head><style>p { color: green; }</style></head><body><p><a href=\"{{ permalink }}\">{{ briefing.title }}</a> <a href=\"/about/\">about</a></p></body></html>\n",
    )
    .write("templates/email.txt", "{{ briefing.title }}: {{ permalink }}\n");
    site.build().success();
    let html = site.read("briefings/week/email.html");
    assert!(html.contains(r#"<p style="color: green;">"#), "{html}");
    assert!(
        html.contains(r#"href="https://test.example/about/""#),
        "{html}"
    );
    assert_eq!(
        site.read("briefings/week/email.txt"),
        "The week: https://test.example/briefings/week/\n"
    );
}
