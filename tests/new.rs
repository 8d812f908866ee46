//! `brief new`: a file per kind from the site's archetype or the embedded one, dated, named by
//! its title's slug, never written over another file.

mod common;

use common::TestSite;

/// Run `brief new ARGS...` on `site`; its stdout, stderr and success.
fn new(site: &TestSite, args: &[&str]) -> (String, String, bool) {
    let output = site.brief().arg("new").args(args).output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.success(),
    )
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
