//! Fuzzing front matter and site.toml with proptest: random sites put together from valid,
//! broken and hostile pieces. For every one, `brief build` and `brief check` must not panic
//! (exit 0 or 1, never a crash) and must agree: the build succeeds exactly when the check
//! passes. Every error must name a file, and a position inside it where the file has one.
//!
//! CI runs the default number of cases (a few seconds); `PROPTEST_CASES=2000 cargo test --test
//! fuzz` runs a longer search.

use std::path::Path;

use proptest::prelude::*;

/// Text from an alphabet that breaks things: YAML and TOML syntax, markup, quotes, non-ASCII,
/// controls.
fn nasty_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        "[\\[\\]{}:#&*!|>'\"%@`,?\\-<>/\\\\ a-z0-9é\u{2028}\t]{0,16}",
        Just(String::new()),
        Just("null".to_owned()),
        Just("~".to_owned()),
        Just("!!!".to_owned()),
        Just("<script>alert(1)</script>".to_owned()),
    ]
}

/// A YAML value: mostly a plain word or two, else hostile text, plain or quoted (exact), a
/// flow collection, or a deeply nested one.
fn yaml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[A-Z][a-z]{1,8}( [a-z]{1,8})?",
        1 => nasty_text(),
        1 => nasty_text().prop_map(|text| serde_json::to_string(&text).unwrap()),
        2 => proptest::collection::vec(nasty_text(), 0..3)
            .prop_map(|items| format!("[{}]", items.join(", "))),
        1 => (1usize..80).prop_map(|depth| format!("{}a{}", "[".repeat(depth), "]".repeat(depth))),
    ]
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just("2022-01-09".to_owned()),
        1 => Just("9999-12-31".to_owned()),
        1 => Just("0000-01-01".to_owned()),
        1 => Just("2022-02-30".to_owned()),
        1 => Just("2022-01-09T10:00:00+25:00".to_owned()),
        2 => Just("2022-01-09T10:00:00-05:00".to_owned()),
        1 => Just("9999-12-31T23:00:00-05:00".to_owned()),
        1 => nasty_text(),
    ]
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just("https://example.org/a".to_owned()),
        1 => Just("javascript:alert(1)".to_owned()),
        1 => Just("data:text/html,x".to_owned()),
        2 => Just("mailto:desk@example.org".to_owned()),
        1 => Just("/missing.jpg".to_owned()),
        2 => Just("@/articles/a0.md".to_owned()),
        1 => nasty_text(),
    ]
}

/// One line (or block) of an article's front matter.
fn article_line() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => yaml_value().prop_map(|v| format!("title: {v}")),
        4 => date().prop_map(|d| format!("date: {d}")),
        1 => date().prop_map(|d| format!("updated: {d}")),
        1 => yaml_value().prop_map(|v| format!("summary: {v}")),
        1 => yaml_value().prop_map(|v| format!("topics: {v}")),
        1 => yaml_value().prop_map(|v| format!("people: {v}")),
        1 => yaml_value().prop_map(|v| format!("slug: {v}")),
        1 => Just("draft: true".to_owned()),
        1 => Just("date_inferred: true".to_owned()),
        1 => url().prop_map(|u| format!("source:\n  name: Wire\n  url: {}", serde_json::to_string(&u).unwrap())),
        1 => (nasty_text(), url()).prop_map(|(caption, src)| format!(
            "media:\n  - caption: {}\n    src: {}",
            serde_json::to_string(&caption).unwrap(),
            serde_json::to_string(&src).unwrap()
        )),
        1 => (nasty_text(), yaml_value()).prop_map(|(key, value)| format!(
            "extra:\n  {}: {value}\n  b: 1",
            serde_json::to_string(&key).unwrap()
        )),
        1 => nasty_text().prop_map(|text| format!("{text}: x")),
    ]
}

fn article() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(article_line(), 0..4),
        nasty_text(),
        prop::bool::weighted(0.95),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(mut lines, body, with_title, duplicates)| {
            if with_title {
                lines.insert(0, "title: A title".to_owned());
            }
            if !duplicates {
                // Most cases keep one line per key, so that most sites are valid.
                let mut keys = std::collections::HashSet::new();
                lines.retain(|line| {
                    keys.insert(line.split(':').next().unwrap_or_default().to_owned())
                });
            }
            format!(
                "---\n{}\n---\n{body}\n[link](@/articles/a0.md)\n",
                lines.join("\n")
            )
        })
}

fn site_toml() -> impl Strategy<Value = Vec<u8>> {
    let setting = prop_oneof![
        1 => nasty_text().prop_map(|t| format!("description = {}", serde_json::to_string(&t).unwrap())),
        1 => prop_oneof![
            6 => Just("https://example.org/news"),
            1 => Just("/"),
            1 => Just("https://x.example/\\\"><b>"),
            1 => Just("ftp://x.example"),
        ]
        .prop_map(|url| format!("base_url = \"{url}\"")),
        1 => prop_oneof![4 => 1usize..4, 1 => Just(0)].prop_map(|n| format!("paginate_by = {n}")),
        1 => prop_oneof![
            6 => Just("public"),
            1 => Just(".."),
            1 => Just("."),
            1 => Just("content"),
            1 => Just("out/../public"),
            1 => Just("public/.."),
        ]
            .prop_map(|dir| format!("output_dir = \"{dir}\"")),
        1 => prop_oneof![4 => Just("InspiredGitHub"), 1 => Just("NoSuchTheme")]
            .prop_map(|theme| format!("[markdown]\nhighlight_theme = \"{theme}\"")),
        1 => url().prop_map(|u| format!("[extra]\nstylesheets = [{}]", serde_json::to_string(&u).unwrap())),
        1 => nasty_text().prop_map(|t| format!("# {t}")),
    ];
    (
        proptest::collection::vec(setting, 0..3),
        prop::bool::weighted(0.05),
    )
        .prop_map(|(settings, broken)| {
            // Top-level keys first, tables after, so that most cases are valid TOML.
            let (tables, keys): (Vec<String>, Vec<String>) =
                settings.into_iter().partition(|s| s.starts_with('['));
            let mut text = format!("title = \"Fuzzed\"\n{}\n", keys.join("\n"));
            if !keys.iter().any(|k| k.starts_with("base_url")) {
                text.push_str("base_url = \"https://fuzz.example\"\n");
            }
            text.push_str(&tables.join("\n"));
            let mut bytes = text.into_bytes();
            if broken {
                bytes.extend_from_slice(b"\n# caf\xe9\n");
            }
            bytes
        })
}

fn write(root: &Path, path: &str, bytes: &[u8]) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Every error names a file, and a position in it unless it is about a whole file or folder.
fn assert_located(diagnostics: &[serde_json::Value]) {
    for diagnostic in diagnostics.iter().filter(|d| d["severity"] == "error") {
        let file = diagnostic["file"]
            .as_str()
            .unwrap_or_else(|| panic!("no file: {diagnostic}"));
        let in_text = file.ends_with(".md") || file.ends_with(".toml");
        let code = diagnostic["code"].as_str().unwrap_or_default();
        let whole_file = ["io", "duplicate-url", "unknown-article"].contains(&code);
        if in_text && !whole_file {
            let placed =
                diagnostic["line"].as_u64() > Some(0) && diagnostic["column"].as_u64() > Some(0);
            assert!(placed, "no position: {diagnostic}");
        }
    }
}

/// Run `brief` on the site at `root`: whether it succeeded, and what it printed.
fn brief(root: &Path, args: &[&str]) -> (bool, std::process::Output) {
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("brief"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    // 0 or 1: anything else (101 for a panic, a signal) is a crash.
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "brief {args:?} crashed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), output)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn build_and_check_agree_and_never_panic(
        config in site_toml(),
        articles in proptest::collection::vec(article(), 1..4),
        briefing in proptest::option::of((prop_oneof![4 => Just("a0".to_owned()), 1 => "a[1-4]"], nasty_text())),
        profile in proptest::option::of(yaml_value()),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "site.toml", &config);
        for (index, article) in articles.iter().enumerate() {
            write(root, &format!("content/articles/a{index}.md"), article.as_bytes());
        }
        if let Some((item, note)) = &briefing {
            let note = serde_json::to_string(note).unwrap();
            let text = format!("---\ntitle: Week\ndate: 2022-01-10\nitems:\n  - article: {item}\n    note: {note}\n---\n");
            write(root, "content/briefings/week.md", text.as_bytes());
        }
        if let Some(name) = &profile {
            write(root, "content/people/p.md", format!("---\nname: {name}\n---\nBio.\n").as_bytes());
        }
        let (checked, check) = brief(root, &["check", "--format", "json"]);
        let diagnostics: Vec<serde_json::Value> = String::from_utf8_lossy(&check.stdout)
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_located(&diagnostics);
        let (built, build) = brief(root, &["build"]);
        prop_assert_eq!(
            built,
            checked,
            "build:\n{}\ncheck:\n{}",
            String::from_utf8_lossy(&build.stderr),
            String::from_utf8_lossy(&check.stdout)
        );
    }

    /// Any bytes as a content file: an error or a document, never a panic, and an error is
    /// positioned inside the file.
    #[test]
    fn any_bytes_parse_or_fail_with_a_position(
        bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..300),
            article().prop_map(String::into_bytes),
        ],
    ) {
        let result = brief::content::parse_document::<brief::content::ArticleFrontMatter>(
            Path::new("content/articles/x.md"),
            &bytes,
        );
        if let Err(error) = result {
            let lines = bytes.split(|&b| b == b'\n').count();
            prop_assert!(error.line >= 1 && error.line <= lines + 1, "{}", error);
            prop_assert!(error.column >= 1, "{}", error);
        }
    }
}
