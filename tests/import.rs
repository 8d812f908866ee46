//! `brief import`: the seed, every edge case of the raw format, idempotence, editors' changes,
//! and a property test that nothing of a raw article is lost.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use proptest::prelude::*;

use brief::content::{ArticleFrontMatter, frontmatter};
use brief::import::Importer;
use brief::markdown::{MarkdownOptions, Resolver, render};

const SEED: &str = "raw/000_02ad2f46d24ee265.txt";
const SEED_ARTICLE: &str =
    "content/articles/geneva-talks-hinge-on-russia-deescalating-ukraine-threat.md";
const CONFIG: &str = "title = \"Test Desk\"\nbase_url = \"https://test.example\"\n";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder with a minimal `site.toml` and no content.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write("site.toml", CONFIG.as_bytes());
        site
    }

    /// A site with the example site's person and topic profiles.
    fn with_profiles() -> Site {
        let site = Site::new();
        for section in ["people", "topics"] {
            for entry in std::fs::read_dir(repo().join("content").join(section)).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy();
                site.write(
                    &format!("content/{section}/{name}"),
                    &std::fs::read(&path).unwrap(),
                );
            }
        }
        site
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, path: &str, bytes: &[u8]) -> PathBuf {
        let target = self.root().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, bytes).unwrap();
        target
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root().join(path))
            .unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
    }

    fn exists(&self, path: &str) -> bool {
        self.root().join(path).exists()
    }

    fn brief(&self) -> Command {
        let mut command = Command::cargo_bin("brief").unwrap();
        command
            .current_dir(self.root())
            .arg("--root")
            .arg(self.root());
        command
    }

    fn import(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.brief().arg("import").args(args).assert()
    }

    /// The files written beside the import's manifest, by file name.
    fn articles(&self) -> Vec<String> {
        let dir = self.root().join("content/articles");
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .filter(|name| name != brief::import::manifest::FILE_NAME)
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    fn front(&self, path: &str) -> ArticleFrontMatter {
        parse(&self.read(path)).0
    }
}

fn parse(markdown: &str) -> (ArticleFrontMatter, String) {
    let split = frontmatter::split(markdown).unwrap();
    (
        frontmatter::parse(split.yaml, split.yaml_line).unwrap(),
        split.body.to_owned(),
    )
}

fn seed_bytes() -> Vec<u8> {
    std::fs::read(repo().join(SEED)).unwrap()
}

#[test]
fn seed_snapshot_people_topics_media() {
    let site = Site::with_profiles();
    site.write(SEED, &seed_bytes());
    site.import(&["raw"])
        .success()
        .stdout(predicate::str::contains(": created"))
        .stdout(predicate::str::contains("Imported 1 file: 1 created"));
    let markdown = site.read(SEED_ARTICLE);
    insta::assert_snapshot!("seed_article", markdown);

    let front = site.front(SEED_ARTICLE);
    assert_eq!(
        front.people,
        ["Antony Blinken", "Vladimir Putin", "Sergei Ryabkov"]
    );
    for topic in ["Russia", "Ukraine", "NATO"] {
        assert!(
            front.topics.iter().any(|t| t == topic),
            "{:?}",
            front.topics
        );
    }
    assert_eq!(front.date.as_ref().unwrap().text, "2022-01-09");
    assert!(front.date_inferred);
    assert_eq!(front.media.len(), 4);
    let credits: Vec<_> = front.media.iter().map(|m| m.credit.as_deref()).collect();
    assert_eq!(
        credits,
        [
            None,
            Some("Brendan Hoffman/Getty Images"),
            Some("AP Photo/Andriy Dubchak"),
            Some("AP Photo/Andriy Dubchak")
        ]
    );
    let source = front.source.unwrap();
    assert_eq!(source.trailers, ["With Post wires", "Source link"]);
    assert_eq!(source.fields["field1"], "0");
    assert_eq!(source.fields["field2"], "42");
    assert_eq!(source.file.as_deref(), Some("000_02ad2f46d24ee265.txt"));
}

#[test]
fn example_site_article_is_the_import_of_raw() {
    // The repository's article is exactly what `brief import --date 2022-01-09 raw/` makes with
    // its profiles: the import of the raw text, with the date it infers confirmed by the editor.
    let import = |extra: &[&str]| {
        let out = tempfile::tempdir().unwrap();
        Command::cargo_bin("brief")
            .unwrap()
            .current_dir(repo())
            .args(["--root", ".", "import", "raw/", "--out"])
            .arg(out.path())
            .args(extra)
            .assert()
            .success();
        std::fs::read_to_string(
            out.path()
                .join("geneva-talks-hinge-on-russia-deescalating-ukraine-threat.md"),
        )
        .unwrap()
    };
    let committed = std::fs::read_to_string(repo().join(SEED_ARTICLE)).unwrap();
    assert_eq!(
        import(&["--date", "2022-01-09"]),
        committed,
        "run `brief import --date 2022-01-09 --force raw/` to update it"
    );
    // Without `--date`, the same date is inferred from the text, and marked so.
    assert_eq!(
        import(&[]),
        committed.replacen(
            "date: 2022-01-09\n",
            "date: 2022-01-09\ndate_inferred: true\n",
            1
        )
    );
    // And the raw seed in the repository is the shared seed, where that is available.
    let shared = repo().join("../shared/seed/000_02ad2f46d24ee265.txt");
    if let Ok(bytes) = std::fs::read(shared) {
        assert_eq!(bytes, seed_bytes());
    }
}

#[test]
fn rerun_is_unchanged_and_edits_are_kept() {
    let site = Site::with_profiles();
    site.write(SEED, &seed_bytes());
    site.import(&["raw"]).success();
    let first = site.read(SEED_ARTICLE);
    site.import(&["raw"])
        .success()
        .stdout(predicate::str::contains(": unchanged"))
        .stdout(predicate::str::contains("0 created, 1 unchanged"));
    assert_eq!(site.read(SEED_ARTICLE), first);

    let edited = first.replace("tamped down", "played down");
    site.write(SEED_ARTICLE, edited.as_bytes());
    site.import(&["raw"])
        .success()
        .stdout(predicate::str::contains(
            "skipped (exists and differs; --force to overwrite)",
        ));
    assert_eq!(site.read(SEED_ARTICLE), edited);

    site.import(&["raw", "--dry-run", "--force"])
        .success()
        .stdout(predicate::str::contains("would overwrite"));
    assert_eq!(site.read(SEED_ARTICLE), edited);

    site.import(&["raw", "--force"])
        .success()
        .stdout(predicate::str::contains(": overwritten"));
    assert_eq!(site.read(SEED_ARTICLE), first);
    // No temporary files are left behind.
    assert_eq!(site.articles().len(), 1, "{:?}", site.articles());
}

#[test]
fn untouched_articles_are_updated_when_settings_change() {
    let site = Site::new();
    site.write(SEED, &seed_bytes());
    site.write(
        "raw/other.txt",
        b"Other news\n\nA paragraph of other news, long enough.\n",
    );
    site.import(&["raw"]).success();
    let other = "content/articles/other-news.md";
    let edited = site
        .read(other)
        .replace("other news, long", "other news, quite long");
    site.write(other, edited.as_bytes());

    // New header field names change what the importer makes.
    let config = format!("{CONFIG}\n[import]\nheader_fields = [\"section\", \"id\"]\n");
    site.write("site.toml", config.as_bytes());
    site.import(&["raw", "--dry-run"])
        .success()
        .stdout(predicate::str::contains(": would update"))
        .stdout(predicate::str::contains("1 would be updated"));
    assert!(!site.read(SEED_ARTICLE).contains("section: '0'"));
    site.import(&["raw"])
        .success()
        .stdout(predicate::str::contains(": updated"))
        .stdout(predicate::str::contains(
            "0 unchanged, 1 updated, 0 overwritten, 1 skipped",
        ));
    assert!(site.read(SEED_ARTICLE).contains("section: '0'"));
    // The editor's article is kept; once updated, an article is unchanged on the next run.
    assert_eq!(site.read(other), edited);
    site.import(&["raw"])
        .success()
        .stdout(predicate::str::contains("1 unchanged, 0 updated"));
    // An article the editor changes after an update is theirs again.
    let seed_edited = site
        .read(SEED_ARTICLE)
        .replace("tamped down", "played down");
    site.write(SEED_ARTICLE, seed_edited.as_bytes());
    site.write("site.toml", CONFIG.as_bytes());
    site.import(&["raw"])
        .success()
        .stdout(predicate::str::contains("2 skipped"));
    assert_eq!(site.read(SEED_ARTICLE), seed_edited);
}

#[test]
fn dry_run_writes_nothing() {
    let site = Site::new();
    site.write(SEED, &seed_bytes());
    site.import(&["--dry-run", SEED])
        .success()
        .stdout(predicate::str::contains(": would create"))
        .stdout(predicate::str::contains("Dry run, nothing written"));
    assert!(!site.exists("content/articles"));
}

#[test]
fn crlf_and_bom_give_the_same_article() {
    let site = Site::new();
    let lf = String::from_utf8(seed_bytes()).unwrap();
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    site.write("lf/seed.txt", lf.as_bytes());
    site.write("crlf/seed.txt", crlf.as_bytes());
    site.import(&["lf", "--out", "a"]).success();
    site.import(&["crlf", "--out", "b"]).success();
    let name = "geneva-talks-hinge-on-russia-deescalating-ukraine-threat.md";
    assert_eq!(
        site.read(&format!("a/{name}")),
        site.read(&format!("b/{name}"))
    );
    assert!(!site.read(&format!("b/{name}")).contains('\r'));
}

#[test]
fn no_header_lines_and_no_date() {
    let site = Site::new();
    site.write(
        "raw/plain.txt",
        b"Council approves new budget\n\nThe city council approved the budget on a close vote after a long debate.\n\nMembers will meet again next month to discuss the details.\n",
    );
    site.import(&["raw"]).success();
    let path = "content/articles/council-approves-new-budget.md";
    let (front, body) = parse(&site.read(path));
    assert!(front.source.as_ref().unwrap().fields.is_empty());
    assert_eq!(front.date, None);
    assert!(!front.date_inferred);
    assert_eq!(
        body,
        "The city council approved the budget on a close vote after a long debate.\n\nMembers will meet again next month to discuss the details.\n"
    );
}

#[test]
fn hostile_markdown_and_html_render_as_text() {
    let site = Site::new();
    let paragraphs = [
        "# Not a heading, says the official in a statement",
        "- not a list item, but a sentence that starts with a dash",
        "1. Not an ordered list either, just the number one",
        "> not a quote, only a greater-than sign at the start",
        "<script>alert('x')</script> and <b>bold</b> stay text, as does &amp;",
        "*stars* and _underscores_ and [a link](https://x.org) and `code` and ~~strike~~",
        "Quotes \"straight\" and 'single', dashes -- and --- and dots... all literal",
        "A table | cell and a footnote[^1] and a backslash \\ at the end \\",
    ];
    let mut raw = String::from("Hostile text\n\n");
    for paragraph in paragraphs {
        raw.push_str(paragraph);
        raw.push_str("\n\n");
    }
    site.write("raw/hostile.txt", raw.as_bytes());
    site.import(&["raw", "--date", "2022-01-09"]).success();
    site.brief().arg("build").assert().success();
    let html = site.read("public/articles/hostile-text/index.html");
    for paragraph in paragraphs {
        let escaped = paragraph
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        let quoted = escaped.replace('"', "&quot;");
        assert!(
            html.contains(&format!("<p>{escaped}</p>"))
                || html.contains(&format!("<p>{quoted}</p>")),
            "{paragraph}\n{html}"
        );
    }
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<b>bold"), "{html}");
    assert!(!html.contains("<h1>Not"), "{html}");
}

#[test]
fn yaml_hostile_title() {
    let site = Site::new();
    let title = "Breaking: \"No deal\" # yet - 'talks' go on | {again} & [again] @ 100%";
    site.write(
        "raw/t.txt",
        format!("{title}\n\nThe two sides met again on Monday without reaching a deal.\n")
            .as_bytes(),
    );
    site.import(&["raw", "--date", "2022-01-10"]).success();
    let articles = site.articles();
    assert_eq!(articles.len(), 1);
    let front = site.front(&format!("content/articles/{}", articles[0]));
    assert_eq!(front.title, title);
    assert_eq!(front.date.unwrap().text, "2022-01-10");
    site.brief().arg("build").assert().success();
}

#[test]
fn invalid_utf8_fails_alone_and_encoding_decodes_it() {
    let site = Site::new();
    site.write("raw/a-good.txt", &seed_bytes());
    site.write(
        "raw/b-latin.txt",
        b"Caf\xe9 owners protest\n\nOwners of caf\xe9s protested against the new rules on Monday.\n",
    );
    site.import(&["raw"])
        .failure()
        .code(1)
        .stdout(predicate::str::contains(
            "b-latin.txt: failed: not valid UTF-8: byte 0xE9 at offset 3 (line 1, column 4)",
        ))
        .stdout(predicate::str::contains("1 created"))
        .stdout(predicate::str::contains("1 failed"));
    assert_eq!(site.articles().len(), 1);

    site.import(&["raw", "--encoding", "windows-1252"])
        .success()
        .stdout(predicate::str::contains("1 created, 1 unchanged"));
    let front = site.front("content/articles/cafe-owners-protest.md");
    assert_eq!(front.title, "Café owners protest");

    site.import(&["raw", "--encoding", "klingon"])
        .failure()
        .stderr(predicate::str::contains("unknown encoding `klingon`"));
}

#[test]
fn empty_and_whitespace_files_fail() {
    let site = Site::new();
    site.write("raw/empty.txt", b"");
    site.write("raw/blank.txt", b" \r\n\xc2\xa0\n\t\n");
    site.import(&["raw"])
        .failure()
        .stdout(predicate::str::contains(
            "empty.txt: failed: the file is empty",
        ))
        .stdout(predicate::str::contains(
            "blank.txt: failed: the file holds only whitespace",
        ));
    assert!(site.articles().is_empty());
}

#[test]
fn missing_path_fails_and_others_go_on() {
    let site = Site::new();
    site.write(SEED, &seed_bytes());
    site.import(&["nope.txt", SEED])
        .failure()
        .stdout(predicate::str::contains(
            "nope.txt: failed: no such file or folder",
        ))
        .stdout(predicate::str::contains("1 created"));
}

#[test]
fn multiple_media_blocks_become_figures_in_place() {
    let site = Site::new();
    let raw = "Floods hit the valley\n\n\
        Heavy rain flooded the valley overnight, officials said on Tuesday morning.\n\n\
        Rescuers on a boat\nRescuers use a boat to reach stranded residents.\nREUTERS/Jane Roe\n\
        A flooded street\nA flooded street in the town centre.\nPhoto by John Doe/AFP via Getty Images\n\n\
        Residents were told to stay indoors until the water level drops again.\n\n\
        Drone footage of the valley\nDrone footage shows the extent of the flooding.\n\n\
        More rain is expected later in the week, forecasters warned.\n";
    site.write("raw/floods.txt", raw.as_bytes());
    site.import(&["raw", "--date", "2022-03-01"]).success();
    let (front, body) = parse(&site.read("content/articles/floods-hit-the-valley.md"));
    assert_eq!(front.media.len(), 3);
    assert_eq!(front.media[0].credit.as_deref(), Some("REUTERS/Jane Roe"));
    assert_eq!(
        front.media[1].credit.as_deref(),
        Some("Photo by John Doe/AFP via Getty Images")
    );
    assert_eq!(front.media[2].credit, None);
    assert_eq!(front.media[2].kind.as_deref(), Some("video"));
    assert!(
        front.people.is_empty(),
        "credits are not people: {:?}",
        front.people
    );
    let order: Vec<&str> = body.split("\n\n").map(|p| &p[..p.len().min(12)]).collect();
    assert_eq!(
        order,
        [
            "Heavy rain f",
            "![Rescuers o",
            "![A flooded ",
            "Residents we",
            "![Drone foot",
            "More rain is"
        ]
    );
    site.brief().arg("build").assert().success();
    let html = site.read("public/articles/floods-hit-the-valley/index.html");
    assert_eq!(html.matches("<figure").count(), 3, "{html}");
    assert!(html.contains("REUTERS/Jane Roe"));
}

#[test]
fn same_title_from_another_file_gets_the_next_name() {
    let site = Site::new();
    let text = "Markets rally\n\nStocks rose sharply on Friday as investors cheered the news.\n";
    let other =
        "Markets rally\n\nBond markets also rallied late on Friday after the announcement.\n";
    site.write("raw/a.txt", text.as_bytes());
    site.write("raw/b.txt", other.as_bytes());
    site.import(&["raw"]).success();
    assert_eq!(site.articles(), ["markets-rally-2.md", "markets-rally.md"]);
    site.import(&["raw"])
        .success()
        .stdout(predicate::str::contains("0 created, 2 unchanged"));
}

#[test]
fn imported_site_builds() {
    let site = Site::with_profiles();
    site.write(SEED, &seed_bytes());
    site.import(&["raw"]).success();
    site.brief().arg("build").assert().success();
    let html = site.read(
        "public/articles/geneva-talks-hinge-on-russia-deescalating-ukraine-threat/index.html",
    );
    assert!(html.contains("Brendan Hoffman/Getty Images"), "{html}");
    assert!(site.exists("public/people/antony-blinken/index.html"));
    assert!(!site.exists("public/people/brendan-hoffman/index.html"));
}

// ---------------------------------------------------------------------------------------------
// Nothing is lost: generated raw articles, every line accounted for.

struct Figures;

impl Resolver for Figures {
    fn content_link(&self, _: &str) -> Option<String> {
        None
    }
    fn figure(&self, index: usize) -> Option<String> {
        Some(format!("<figure>{index}</figure>"))
    }
}

/// Words of prose, dense in what Markdown, HTML and YAML would read as syntax.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z]{1,9}",
        1 => prop::sample::select(vec![
            "#", "-", "--", "---", "1.", "2)", ">", "*", "**", "_", "[", "]", "(", ")", "<b>",
            "</p>", "<script>", "`", "```", "&amp;", "&", "|", "~~", "\\", "...", "\"", "'",
            "![x](y)", "[^1]", "<!--", ":", "- [ ]", "{#id}", "=", "+", "http://x.org", "’",
            "“", "é", "Café", "Russia’s", "é́",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A paragraph: seven or more words, so that it is never mistaken for a header field.
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 7..20).prop_map(|words| words.join(" "))
}

fn credit() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "{} {}/Getty Images",
            "AP Photo/{} {}",
            "REUTERS/{} {}",
            "Photo by {} {}/AFP via Getty Images",
        ]),
        "[A-Z][a-z]{2,8}",
        "[A-Z][a-z]{2,8}",
    )
        .prop_map(|(form, first, last)| form.replacen("{}", &first, 1).replacen("{}", &last, 1))
}

#[derive(Debug, Clone)]
enum RawBlock {
    Paragraph(String),
    /// (alt, caption, credit) per item.
    Media(Vec<(String, String, Option<String>)>),
}

/// A photo or video: its caption, an alt text made of the caption's words (as a player's title
/// or a short caption repeats the long one), and a credit.
fn media_item() -> impl Strategy<Value = (String, String, Option<String>)> {
    let caption = prop::collection::vec(("[a-z]{4,9}", word()), 7..15).prop_map(|words| {
        // Numbered words are distinct content words, however the strategy shrinks.
        let words: Vec<String> = words
            .into_iter()
            .enumerate()
            .map(|(at, (plain, other))| format!("{plain}{at} {other}"))
            .collect();
        words.join(" ")
    });
    (caption, prop::option::of(credit())).prop_map(|(caption, credit)| {
        let words: Vec<&str> = caption.split(' ').collect();
        let alt = format!("{} clip", words[..words.len() - 2].join(" "));
        (alt, caption, credit)
    })
}

fn block() -> impl Strategy<Value = RawBlock> {
    prop_oneof![
        3 => paragraph().prop_map(RawBlock::Paragraph),
        1 => prop::collection::vec(media_item(), 1..3)
            .prop_map(|mut items| {
                // Only the last item of a block may lack a credit: a line after a video's two
                // lines would otherwise pair differently.
                let last = items.len() - 1;
                for item in &mut items[..last] {
                    item.2.get_or_insert_with(|| "AP Photo/Pat Doe".to_owned());
                }
                RawBlock::Media(items)
            }),
    ]
}

#[derive(Debug, Clone)]
struct Raw {
    title: String,
    header: Vec<String>,
    blocks: Vec<RawBlock>,
    trailers: Vec<String>,
    crlf: bool,
    bom: bool,
    /// Make some spaces no-break and add trailing spaces.
    noise: bool,
}

fn raw() -> impl Strategy<Value = Raw> {
    (
        prop::collection::vec(word(), 1..8),
        prop::collection::vec("[0-9]{1,4}|[A-Z][a-z]{2,8}", 0..3),
        prop::collection::vec(block(), 1..8),
        prop::sample::subsequence(vec!["With Post wires", "Source link"], 0..=2),
        any::<(bool, bool, bool)>(),
    )
        .prop_map(
            |(title, header, blocks, trailers, (crlf, bom, noise))| Raw {
                // A marker word keeps the title apart from every other line.
                title: format!("Headline {}", title.join(" ")),
                header,
                blocks,
                trailers: trailers.into_iter().map(str::to_owned).collect(),
                crlf,
                bom,
                noise,
            },
        )
}

impl Raw {
    fn text(&self) -> String {
        let mut lines: Vec<String> = vec![self.title.clone(), String::new()];
        if !self.header.is_empty() {
            lines.extend(self.header.iter().cloned());
            lines.push(self.title.clone());
            lines.push(String::new());
        }
        for block in &self.blocks {
            match block {
                RawBlock::Paragraph(text) => lines.push(text.clone()),
                RawBlock::Media(items) => {
                    for (alt, caption, credit) in items {
                        lines.push(alt.clone());
                        lines.push(caption.clone());
                        lines.extend(credit.clone());
                    }
                }
            }
            lines.push(String::new());
        }
        for trailer in &self.trailers {
            lines.push(trailer.clone());
            lines.push(String::new());
        }
        if self.noise {
            for (index, line) in lines.iter_mut().enumerate() {
                if index % 2 == 0 {
                    *line = line.replacen(' ', "\u{a0}", 1);
                    line.push_str(" \u{a0}\t");
                }
            }
        }
        let newline = if self.crlf { "\r\n" } else { "\n" };
        let text = lines.join(newline);
        if self.bom {
            format!("\u{feff}{text}")
        } else {
            text
        }
    }

    fn paragraphs(&self) -> impl Iterator<Item = &String> {
        self.blocks.iter().filter_map(|block| match block {
            RawBlock::Paragraph(text) => Some(text),
            RawBlock::Media(_) => None,
        })
    }
}

fn normalize(line: &str) -> String {
    line.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn nothing_is_lost(raw in raw()) {
        let importer = Importer::without_site();
        let text = raw.text();
        let imported = importer.import_text(&text, "generated.txt").unwrap();
        let (front, body) = parse(&imported.markdown);
        prop_assert_eq!(&front, &imported.front);
        let html = render(&body, &MarkdownOptions::default(), &Figures).html;
        let source = front.source.clone().unwrap_or_default();

        // Every non-blank line of the input is somewhere in the output.
        for line in text.trim_start_matches('\u{feff}').lines() {
            let line = normalize(line);
            if line.is_empty() {
                continue;
            }
            let found = line == front.title
                || source.fields.values().any(|v| *v == line)
                || source.trailers.contains(&line)
                || front.media.iter().any(|m| {
                    m.caption == line
                        || m.alt.as_deref() == Some(line.as_str())
                        || m.credit.as_deref() == Some(line.as_str())
                })
                || html.contains(&format!("<p>{}</p>", html_text(&line)));
            prop_assert!(found, "lost line {:?}\n{}", line, imported.markdown);
        }

        // The structure is the one written.
        prop_assert_eq!(&front.title, &normalize(&raw.title));
        prop_assert_eq!(source.fields.len(), raw.header.len());
        prop_assert_eq!(&source.trailers, &raw.trailers);
        let media: usize = raw.blocks.iter().map(|b| match b {
            RawBlock::Media(items) => items.len(),
            RawBlock::Paragraph(_) => 0,
        }).sum();
        prop_assert_eq!(front.media.len(), media);
        prop_assert_eq!(html.matches("<figure>").count(), media);
        // Each paragraph renders as its own text, literally, as one paragraph.
        let paragraphs: Vec<&String> = raw.paragraphs().collect();
        prop_assert_eq!(html.matches("<p>").count(), paragraphs.len(), "{}", html);
        for paragraph in paragraphs {
            let expected = format!("<p>{}</p>", html_text(&normalize(paragraph)));
            prop_assert!(html.contains(&expected), "{}\nnot in\n{}", expected, html);
        }

        // Importing again gives the same file.
        prop_assert_eq!(importer.import_text(&text, "generated.txt").unwrap().markdown, imported.markdown);
    }
}

/// The importer's figures on the evaluation set (`cargo run --release --example import_eval`,
/// docs/import.md) stay at least what they reached, less 0.02 (reached: precision 0.879, recall
/// 0.822, caption and credit lines 0.985, dates 0.914, one paragraph line as media).
#[test]
fn import_eval_holds_its_figures() {
    let folder = repo().join("tests/import_eval");
    let (figures, _) = brief::import::eval::evaluate(&Importer::without_site(), &folder).unwrap();
    assert!(figures.articles >= 40, "{figures:?}");
    for (measure, value, floor) in [
        ("people precision", figures.precision(), 0.973),
        ("people recall", figures.recall(), 0.958),
        ("caption and credit lines", figures.figure_recall(), 0.980),
        ("dates", figures.date_accuracy(), 0.980),
    ] {
        assert!(value >= floor, "{measure} {value:.3} < {floor}");
    }
    assert_eq!(figures.credits_as_people, 0, "credits listed as people");
    assert_eq!(figures.lines_lost, 0, "input lines lost");
    assert_eq!(figures.prose_as_media, 0, "paragraph lines as media");
}
