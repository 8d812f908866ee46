//! Stories: the grouping keeps its figures on the evaluation set, and a story shows once in
//! lists, with its sources, and its other sources on each article's page.

mod common;

use std::path::Path;

use brief::evaluation::evaluate;
use common::TestSite;
use predicates::prelude::*;

const COPY: &str = "Harbour workers in Port Ellen walked out on Monday over plans to automate two \
    container terminals. Union leader Ada Moss said 800 jobs were at risk and that 40 ships \
    waited at anchor off the breakwater.";
const REWRITE: &str = "Forty ships waited off the Port Ellen breakwater as harbour workers \
    walked out over plans to automate container terminals; Ada Moss says 800 jobs are at risk.";

/// A copy, its rewrite by another outlet, and an unrelated article on the same topic.
fn site_with_a_story() -> TestSite {
    let site = TestSite::new();
    site.article(
        "copy.md",
        "title: Port Ellen strike\ndate: 2023-04-03\ntopics: [Ports]\npeople: [Ada Moss]\nsource: {name: Wire One}",
        COPY,
    )
    .article(
        "rewrite.md",
        "title: Ships wait as Port Ellen strikes\ndate: 2023-04-04\ntopics: [Ports]\nsource: {name: The Courier}",
        REWRITE,
    )
    .article(
        "bakery.md",
        "title: A bakery opens\ndate: 2023-04-04\ntopics: [Ports]",
        "A bakery selling rye bread opened near the harbour of Port Ellen on Tuesday, the first in a decade.",
    );
    site
}

#[test]
fn a_story_is_listed_once_with_its_sources_and_each_page_names_the_others() {
    let site = site_with_a_story();
    site.build().success();
    let copy = site.read("articles/copy/index.html");
    assert!(copy.contains("Also reported by"), "{copy}");
    assert!(copy.contains("href=\"/articles/rewrite/\"") && copy.contains("The Courier"));
    let rewrite = site.read("articles/rewrite/index.html");
    assert!(rewrite.contains("href=\"/articles/copy/\"") && rewrite.contains("Wire One"));
    assert!(
        !site
            .read("articles/bakery/index.html")
            .contains("Also reported by")
    );
    for page in [
        "index.html",
        "topics/ports/index.html",
        "people/ada-moss/index.html",
    ] {
        let html = site.read(page);
        assert!(html.contains("href=\"/articles/copy/\""), "{page}");
        assert!(
            !html.contains("href=\"/articles/rewrite/\""),
            "{page} lists the rewrite"
        );
        assert!(html.contains("2 sources"), "{page}");
    }
    let feed = site.read("atom.xml");
    assert!(feed.contains("/articles/copy/") && !feed.contains("/articles/rewrite/"));
    let topic_feed = site.read("topics/ports/atom.xml");
    assert_eq!(topic_feed.matches("<entry>").count(), 2, "{topic_feed}");
    let search = site.search_text();
    assert!(search.contains("/articles/copy/") && !search.contains("/articles/rewrite/"));
    // The archive still lists every article.
    assert!(
        site.read("articles/index.html")
            .contains("href=\"/articles/rewrite/\"")
    );
}

#[test]
fn brief_check_lists_stories_with_their_members() {
    let site = site_with_a_story();
    site.brief().arg("check").assert().success().stdout(
        predicate::str::contains("1 story of two or more articles")
            .and(predicate::str::contains("  copy (2 sources)"))
            .and(predicate::str::contains("content/articles/rewrite.md"))
            .and(predicate::str::contains("content/articles/copy.md  (lead)")),
    );
}

/// What `cargo run --release --example story_eval` printed when the grouping was tuned
/// (precision 1.000, recall 0.964), less a small margin.
const FLOORS: (f64, f64) = (0.97, 0.93);

#[test]
fn story_eval_holds_its_figures() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/story_eval");
    let figures = evaluate(&folder).expect("the evaluation set loads");
    assert_eq!(figures.articles, 151);
    assert_eq!(figures.true_stories, 33);
    let (precision, recall) = FLOORS;
    assert!(
        figures.precision() >= precision,
        "precision {:.3} < {precision}: grouped wrongly {:?}",
        figures.precision(),
        figures.wrong
    );
    assert!(
        figures.recall() >= recall,
        "recall {:.3} < {recall}: missed {:?}",
        figures.recall(),
        figures.missed
    );
}
