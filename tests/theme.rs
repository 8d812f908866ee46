//! Themes after `brief init`: the site keeps brief's embedded theme, `brief theme eject` copies
//! one template with a marker line, and `brief check` notes a copy whose default changed.

mod common;

use common::TestSite;

fn site_with_an_article() -> TestSite {
    let site = TestSite::new();
    site.article(
        "geneva.md",
        "title: Geneva talks\ndate: 2022-01-09\ntopics: [Russia]",
        "Text.",
    );
    site
}

#[test]
fn init_writes_content_settings_and_a_templates_readme_only() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("desk");
    let output = assert_cmd::Command::cargo_bin("brief")
        .unwrap()
        .current_dir(parent.path())
        .args(["init", "desk"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "Created a site in desk (4 files). Next: cd desk && brief build\n"
    );
    let files: Vec<String> = common::files(&dir, |_| ()).into_keys().collect();
    assert_eq!(
        files,
        [
            "content/articles/a-first-article.md",
            "content/briefings/a-first-briefing.md",
            "site.toml",
            "templates/README.md",
        ]
    );
    let readme = std::fs::read_to_string(dir.join("templates/README.md")).unwrap();
    assert!(
        readme.contains("    brief theme eject article.html"),
        "{readme}"
    );
    assert!(dir.join("content/people").is_dir() && dir.join("content/topics").is_dir());
}

#[test]
fn the_templates_readme_is_never_read_as_a_template() {
    let site = site_with_an_article();
    site.write("templates/README.md", "Not a template: {% if %} {{ nothing");
    site.build().success();
    assert!(site.exists("articles/geneva/index.html"));
}

#[test]
fn an_ejected_template_renders_the_site_as_the_default_did() {
    let site = site_with_an_article();
    site.build().success();
    let before = site.tree();
    let (stdout, stderr, ok) = site.run(&["theme", "eject", "article"]);
    assert!(ok, "{stderr}");
    assert_eq!(stdout, "Created templates/article.html\n");
    let (printed, _, ok) = site.run(&["theme", "eject", "article.html", "--print"]);
    assert!(ok);
    let written = std::fs::read_to_string(site.root().join("templates/article.html")).unwrap();
    assert_eq!(written, printed);
    let default = brief::render::templates::theme::TEMPLATES
        .iter()
        .find(|(name, _)| *name == "article.html")
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap();
    let (marker, rest) = written.split_once('\n').unwrap();
    assert_eq!(rest, default);
    assert!(
        marker.starts_with("{# ejected from brief's default theme, fingerprint "),
        "{marker}"
    );
    site.build().success();
    assert_eq!(site.tree(), before, "the copy renders as the default did");
    // A fresh copy is up to date: check notes nothing.
    let (stdout, stderr, ok) = site.run(&["check"]);
    assert!(ok);
    assert_eq!(stderr, "");
    assert!(stdout.ends_with("0 errors, 0 warnings\n"), "{stdout}");
}

#[test]
fn eject_refuses_to_write_over_a_file_and_suggests_names() {
    let site = site_with_an_article();
    site.write("templates/partials/pager.html", "mine");
    let (stdout, stderr, ok) = site.run(&["theme", "eject", "partials/pager.html"]);
    assert!(!ok);
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: templates/partials/pager.html exists already: brief never writes over it \
         (choose another name, or edit or remove that file)\n"
    );
    let kept = std::fs::read_to_string(site.root().join("templates/partials/pager.html"));
    assert_eq!(kept.unwrap(), "mine");
    let (_, stderr, ok) = site.run(&["theme", "eject", "artcle.html"]);
    assert!(!ok);
    assert_eq!(
        stderr,
        "error: the default theme has no template `artcle.html`: did you mean `article.html`? \
         (`brief theme list` lists them)\n"
    );
    let (stdout, _, ok) = site.run(&["theme", "list"]);
    assert!(ok);
    assert!(stdout.contains("\narticle.html\n"), "{stdout}");
    assert!(
        stdout.contains("\npartials/pager.html  (overridden)\n"),
        "{stdout}"
    );
}

#[test]
fn check_notes_a_copy_whose_default_changed_or_is_gone() {
    let site = site_with_an_article();
    assert!(site.run(&["theme", "eject", "topic.html"]).2);
    let path = site.root().join("templates/topic.html");
    let text = std::fs::read_to_string(&path).unwrap();
    let now = text.split("fingerprint ").nth(1).unwrap()[..16].to_owned();
    // As if ejected from an older default: the recorded fingerprint differs.
    std::fs::write(&path, text.replacen(&now, "0123456789abcdef", 1)).unwrap();
    let marker = "{# ejected from brief's default theme, fingerprint ";
    site.write(
        "templates/gone.html",
        &format!("{marker}0123456789abcdef (x) #}}\n<p>old</p>\n"),
    );
    let (stdout, stderr, ok) = site.run(&["check", "--strict"]);
    assert!(ok, "notes do not fail a check: {stderr}");
    assert!(
        stdout.ends_with("0 errors, 0 warnings, 2 notes\n"),
        "{stdout}"
    );
    assert_eq!(
        stderr,
        format!(
            "note: templates/gone.html was ejected from the default theme's gone.html, which brief \
             no longer has: nothing renders it unless another template includes it [stale-override]\n \
             --> templates/gone.html:1:1\n  |\n1 | {marker}0123456789abcdef (x) #}}\n  | ^\n\
             note: templates/topic.html overrides the default theme's topic.html, which has changed \
             since it was ejected (fingerprint 0123456789abcdef, now {now}): `brief theme eject \
             topic.html --print` shows the new default; carry its changes over, then copy its first \
             line over this one [stale-override]\n --> templates/topic.html:1:1\n  |\n\
             1 | {marker}0123456789abcdef (brief check notes when the default changes; keep this line, upda...\n  | ^\n"
        )
    );
}
