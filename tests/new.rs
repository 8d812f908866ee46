//! `brief new`: a file per kind from the site's archetype or the embedded one, dated, named by
//! its title's slug, never written over another file.

mod common;

use common::TestSite;

/// Run `brief new ARGS...` on `site`; its stdout, stderr and success.
fn new(site: &TestSite, args: &[&str]) -> (String, String, bool) {
    site.run(&[&["new"], args].concat())
}

fn read(site: &TestSite, path: &str) -> String {
    std::fs::read_to_string(site.root().join(path)).unwrap()
}

#[test]
fn each_kind_is_written_in_its_folder_from_the_embedded_archetype() {
    let site = TestSite::new();
    let written = [
        ("article", "content/articles/geneva-talks-open.md"),
        ("briefing", "content/briefings/geneva-talks-open.md"),
        ("person", "content/people/geneva-talks-open.md"),
        ("topic", "content/topics/geneva-talks-open.md"),
        ("page", "content/pages/geneva-talks-open.md"),
    ];
    for (kind, path) in written {
        let (stdout, stderr, ok) = new(
            &site,
            &[kind, "--date", "2022-01-09", "Geneva:", "talks \"open\""],
        );
        assert!(ok, "{kind}: {stderr}");
        assert_eq!(stdout, format!("Created {path}\n"));
    }
    assert_eq!(
        read(&site, "content/articles/geneva-talks-open.md"),
        "---\ntitle: \"Geneva: talks \\\"open\\\"\"\ndate: 2022-01-09\n\
         # summary: One sentence (default: the first paragraph)\ntopics: []\npeople: []\n\
         # source: {name: \"\", url: \"\"}\ndraft: true    # remove this line to publish\n---\n\
         Write the article here.\n"
    );
    assert_eq!(
        read(&site, "content/people/geneva-talks-open.md"),
        "---\nname: \"Geneva: talks \\\"open\\\"\"\naliases: []\n# role: What they do\n---\nA short bio.\n"
    );
    // Every file is valid content: the site builds with the drafts, the title kept whole.
    site.brief().args(["build", "--drafts"]).assert().success();
    assert!(
        site.read("articles/geneva-talks-open/index.html")
            .contains("Geneva: talks “open”")
    );
    assert!(site.exists("geneva-talks-open/index.html"), "the page");
}

#[test]
fn an_existing_file_is_never_written_over() {
    let site = TestSite::new();
    site.article("geneva.md", "title: Mine", "Kept.");
    let before = read(&site, "content/articles/geneva.md");
    let (stdout, stderr, ok) = new(&site, &["article", "Geneva"]);
    assert!(!ok);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: content/articles/geneva.md exists already: brief never writes over it \
         (choose another name, or edit or remove that file)\n"
    );
    assert_eq!(read(&site, "content/articles/geneva.md"), before);
    let leftovers = std::fs::read_dir(site.root().join("content/articles")).unwrap();
    assert_eq!(leftovers.count(), 1, "no temporary file is left");
}

#[test]
fn the_site_archetype_wins_and_gets_title_slug_date_and_kind() {
    let site = TestSite::new();
    site.write(
        "archetypes/article.md",
        "---\ntitle: {{ title | yaml }}\ndate: {{ date }}\nextra: {slug: {{ slug }}, kind: {{ kind }}}\n---\n# {{ title }}\n",
    );
    let (_, stderr, ok) = new(
        &site,
        &[
            "article",
            "--date",
            "2030-06-01T09:00:00+02:00",
            "Summit",
            "ends",
        ],
    );
    assert!(ok, "{stderr}");
    assert_eq!(
        read(&site, "content/articles/summit-ends.md"),
        "---\ntitle: \"Summit ends\"\ndate: 2030-06-01T09:00:00+02:00\n\
         extra: {slug: summit-ends, kind: article}\n---\n# Summit ends\n"
    );
    // Other kinds still come from the embedded archetypes.
    assert!(new(&site, &["topic", "Trade"]).2);
    assert!(read(&site, "content/topics/trade.md").starts_with("---\nname: \"Trade\"\n"));
}

#[test]
fn a_broken_archetype_is_an_error_naming_it_and_nothing_is_written() {
    let site = TestSite::new();
    site.write("archetypes/page.md", "---\ntitle: {{ title \n---\n");
    let (stdout, stderr, ok) = new(&site, &["page", "About"]);
    assert!(!ok);
    assert_eq!(stdout, "");
    let first = stderr.lines().next().unwrap();
    assert_eq!(first, "error: cannot use the archetype archetypes/page.md");
    assert!(stderr.contains("\n  caused by: "), "{stderr}");
    assert!(!site.root().join("content/pages").exists());
}

#[test]
fn the_date_is_today_in_utc_unless_given_and_checked_when_given() {
    let site = TestSite::new();
    let today = jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date();
    assert!(new(&site, &["briefing", "Monday"]).2);
    let text = read(&site, "content/briefings/monday.md");
    // The day may turn between the two clocks read: either day is today.
    let written = text.lines().nth(2).unwrap();
    let tomorrow = today.tomorrow().unwrap();
    assert!(
        written == format!("date: {today}") || written == format!("date: {tomorrow}"),
        "{written}"
    );
    let (_, stderr, ok) = new(&site, &["article", "--date", "2024-04-31", "Late"]);
    assert!(!ok);
    assert_eq!(
        stderr.lines().next().unwrap(),
        "error: invalid value '2024-04-31' for '--date <DATE>': invalid date `2024-04-31`: April 2024 has 30 days"
    );
}

#[test]
fn slugs_follow_the_importer_rule_with_its_length_cap() {
    let site = TestSite::new();
    let title = "Ministers of the alliance meet in Brussels to discuss the eastern flank and energy supplies";
    let (stdout, _, ok) = new(&site, &["article", title]);
    assert!(ok);
    let slug = brief::import::write::slug(title);
    assert!(slug.len() <= brief::import::write::MAX_SLUG_CHARS);
    assert_eq!(stdout, format!("Created content/articles/{slug}.md\n"));
    assert_eq!(
        slug,
        "ministers-of-the-alliance-meet-in-brussels-to-discuss-the"
    );
    let (_, stderr, ok) = new(&site, &["article", "!!!"]);
    assert!(!ok);
    assert_eq!(
        stderr,
        "error: the title `!!!` has no letters or digits to make a file name of\n"
    );
}

/// A site of four dated articles: a story of two sources (joined by `story:`), an article
/// naming a person that the story names too, one on another subject, and one before the window.
fn newsdesk() -> TestSite {
    let site = TestSite::new();
    let body = "Ministers met in Geneva and spoke for hours about the security of Europe.";
    site.article(
        "talks-open-in-geneva.md",
        "title: Talks open in Geneva\ndate: 2022-01-09\ntopics: [Russia]\npeople: [Antony Blinken]\nsource: {name: Wire}",
        body,
    )
    .article(
        "geneva-talks-begin.md",
        "title: Geneva talks begin\ndate: 2022-01-09T18:00:00Z\ntopics: [Russia]\nstory: talks-open-in-geneva\nsource: {name: Herald}",
        body,
    )
    .article(
        "grain-deal.md",
        "title: Grain deal signed\ndate: 2022-01-05\ntopics: [Trade]\npeople: [Antony Blinken]",
        "Ships may sail again.",
    )
    .article(
        "harbour-plan.md",
        "title: Harbour plan\ndate: 2022-01-02\ntopics: [Cities]",
        "A new plan for the harbour.",
    )
    .article(
        "old-news.md",
        "title: Old news\ndate: 2021-12-01\ntopics: [Russia]",
        "Before the window.",
    );
    site
}

const COMPOSED_HEADER: &str = "---
# A draft composed by `brief new briefing` from the stories dated 2022-01-01 to 2022-01-10 about Russia:
# the best 2 of 2. Write each item's note, then remove `draft: true`.
# Each story's score = 2 x (1 - 1/sources) + 2 x centrality + 1 x recency, where
# sources: how many articles report it; centrality: for each chosen topic or person,
# 1 when the story names it, else 0.5 x the share of its articles that also name one
# the story names (the mean over the chosen); recency: 1 when the story's newest
# article is dated on the window's last day, 0 on its first. See docs/stories.md.
";

#[test]
fn the_composer_ranks_the_stories_of_the_window_and_says_why() {
    let site = newsdesk();
    let (stdout, stderr, ok) = new(
        &site,
        &[
            "briefing",
            "--since",
            "2022-01-01",
            "--date",
            "2022-01-10",
            "--topic",
            "russia",
            "Russia",
            "week",
        ],
    );
    assert!(ok, "{stderr}");
    assert_eq!(stdout, "Created content/briefings/russia-week.md\n");
    // The story (2 sources, names Russia, a day old) first; the grain deal only through
    // Blinken, who is named in 1 of Russia's 3 articles; the harbour plan relates to nothing
    // chosen and the old news is before the window.
    let expected = format!(
        "{COMPOSED_HEADER}title: \"Russia week\"\ndate: 2022-01-10\ndraft: true\n\
         topics: [\"Russia\"]\nitems:\n\
         \x20 # score 3.89: 2 sources (Herald, Wire); names Russia; 1 day before the window's end\n\
         \x20 - article: talks-open-in-geneva\n    note:\n\
         \x20 # score 0.78: 1 source; related to Russia (0.33); 5 days before the window's end\n\
         \x20 - article: grain-deal\n    note:\n\
         ---\nAn introduction to the briefing.\n"
    );
    assert_eq!(read(&site, "content/briefings/russia-week.md"), expected);
    // A draft: left out of a build, built with --drafts.
    site.build().success();
    assert!(!site.exists("briefings/russia-week/index.html"));
    site.brief().args(["build", "--drafts"]).assert().success();
    let page = site.read("briefings/russia-week/index.html");
    assert!(
        page.contains("/articles/talks-open-in-geneva/") && page.contains("/articles/grain-deal/")
    );
}

#[test]
fn without_chosen_names_every_story_of_the_window_is_ranked_up_to_the_limit() {
    let site = newsdesk();
    let args = [
        "briefing",
        "--since",
        "2022-01-01",
        "--until",
        "2022-01-09",
        "--limit",
        "2",
        "--date",
        "2022-01-10",
        "All",
    ];
    assert!(new(&site, &args).2);
    let text = read(&site, "content/briefings/all.md");
    let items: Vec<&str> = text.lines().filter(|l| l.contains("article:")).collect();
    assert_eq!(
        items,
        [
            "  - article: talks-open-in-geneva",
            "  - article: grain-deal"
        ]
    );
    assert!(
        text.contains("to 2022-01-09:\n# the best 2 of 3."),
        "{text}"
    );
}

#[test]
fn composer_mistakes_are_errors_that_say_what_to_do_and_write_nothing() {
    let site = newsdesk();
    site.write(
        "content/people/antony-blinken.md",
        "---\nname: Antony Blinken\naliases: [Tony Blinken]\n---\n",
    );
    let cases: [(&[&str], &str); 5] = [
        (
            &["--since", "2022-01-01", "--person", "Tony Blinkin", "X"],
            "error: no person of this site is named `Tony Blinkin`: did you mean `Tony Blinken`?\n",
        ),
        (
            &["--since", "2022-01-01", "--topic", "Rusia", "X"],
            "error: no topic of this site is named `Rusia`: did you mean `Russia`?\n",
        ),
        (
            &["--since", "2022-01-01", "--person", "Antony Blinkn", "X"],
            "error: no person of this site is named `Antony Blinkn`: did you mean `Antony Blinken`?\n",
        ),
        (
            &["--since", "2022-01-05", "--until", "2022-01-01", "X"],
            "error: --until 2022-01-01 is before --since 2022-01-05\n",
        ),
        (
            &[
                "--since",
                "2023-01-01",
                "--until",
                "2023-02-01",
                "--topic",
                "Cities",
                "X",
            ],
            "error: no story has an article dated 2023-01-01 to 2023-02-01 that names or relates to the chosen topics and people: there is nothing to compose\n",
        ),
    ];
    let (_, stderr, ok) = new(
        &site,
        &["briefing", "--since", "2022-01-01", "--limit", "0", "X"],
    );
    assert!(!ok);
    assert_eq!(
        stderr.lines().next().unwrap(),
        "error: invalid value '0' for '--limit <N>': expected a whole number of 1 or more"
    );
    for (args, message) in cases {
        let mut all = vec!["briefing"];
        all.extend(args);
        let (stdout, stderr, ok) = new(&site, &all);
        assert!(!ok, "{args:?}");
        assert_eq!((stdout.as_str(), stderr.as_str()), ("", message));
    }
    assert!(!site.root().join("content/briefings").exists());
}

/// The example site (this repository's) composes a draft that builds.
#[test]
fn the_example_site_composes_a_draft_that_builds() {
    let site = TestSite::new();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in walkdir::WalkDir::new(repo.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(repo).unwrap();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            site.write(relative.to_str().unwrap(), &text);
        }
    }
    site.write(
        "site.toml",
        &std::fs::read_to_string(repo.join("site.toml")).unwrap(),
    );
    let (stdout, stderr, ok) = new(
        &site,
        &[
            "briefing",
            "--since",
            "2022-01-01",
            "--topic",
            "Russia",
            "Russia",
            "so",
            "far",
        ],
    );
    assert!(ok, "{stderr}");
    assert_eq!(stdout, "Created content/briefings/russia-so-far.md\n");
    let draft = read(&site, "content/briefings/russia-so-far.md");
    assert!(draft.contains("\ndraft: true\n"), "{draft}");
    // The seed story leads: two sources that name Russia.
    let first = draft.lines().skip_while(|l| *l != "items:").nth(1).unwrap();
    assert!(first.starts_with("  # score 3."), "{first}");
    assert!(
        first.contains(": 2 sources (") && first.contains("; names Russia; "),
        "{first}"
    );
    site.brief().args(["build", "--drafts"]).assert().success();
    assert!(site.exists("briefings/russia-so-far/index.html"));
}
