//! No executable markup from content (docs/safety.md): hostile text in every field an editor
//! writes, built, then every page, feed, sitemap and the search index parsed with real parsers
//! (html5gum's WHATWG tokenizer, quick-xml, serde_json) and searched for anything a browser
//! would run. URLs that could run script are refused before they reach a page.
//!
//! `HOSTILE_SITE=DIR cargo test --test hostile -- --ignored` writes the same site to DIR for
//! the Chromium test (tests/browser/hostile.mjs), which clicks every link and waits for dialogs.

use std::collections::BTreeMap;
use std::path::Path;

use html5gum::{Token, Tokenizer};

/// Text that would run script if any field were written out unescaped, in HTML, an attribute,
/// a URL, XML, CDATA, a template or JSON.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>",
    "'><svg onload=alert(3)>",
    "javascript:alert(4)",
    "</title><script>alert(5)</script>",
    "]]><script>alert(6)</script><![CDATA[",
    "{{ 7*7 }}{% raw %}{{ config }}",
    "&lt;script&gt;alert(8)&lt;/script&gt;",
    "</script><script>alert(9)</script>",
    "<!--<script>alert(10)//-->",
    "x\" onmouseover=\"alert(11)",
    "<a href=\"javascript:alert(12)\">click</a>",
    "[click](javascript:alert(13)) <javascript:alert(13)>",
    "<iframe src=\"javascript:alert(14)\"></iframe>",
    "<base href=\"//evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(16)\">",
    "\u{2028}\u{2029}</style><style>*{x:expression(alert(17))}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(18)>",
    "${alert(19)}`${alert(19)}`",
    "<svg><script>alert(20)</script></svg>",
];

/// A URL that passes the URL gate but carries quotes and markup for the page to escape.
fn url_payload(index: usize) -> String {
    format!("https://example.org/{index}?q='onmouseover='alert({index})'&x=1")
}

/// A YAML (and TOML) scalar holding `text` exactly: a JSON string is both, once the line
/// and paragraph separators (line breaks to YAML) are escaped too.
fn quoted(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap()
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// The hostile site: article `a{i}` carries payload `i` in every field, a briefing, a person and
/// a topic carry them too, and site.toml carries them in its text settings.
fn write_site(root: &Path) {
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "site.toml",
        &format!(
            "title = {}\nbase_url = \"https://hostile.example/news\"\ndescription = {}\nlanguage = {}\n\n[import]\nheader_fields = [{}]\n\n[extra]\ntagline = {}\n",
            quoted(PAYLOADS[0]),
            quoted(PAYLOADS[1]),
            quoted(PAYLOADS[2]),
            quoted(PAYLOADS[3]),
            quoted(PAYLOADS[4]),
        ),
    );
    for (index, payload) in PAYLOADS.iter().enumerate() {
        let q = quoted(payload);
        let name = |kind: &str| quoted(&format!("{kind} {index} {payload}"));
        write(
            &format!("content/articles/a{index}.md"),
            &format!(
                "---\ntitle: {q}\ndate: 2022-01-{day:02}\nsummary: {q}\ntopics: [{topic}]\npeople: [{person}]\nmedia:\n  - caption: {q}\n    alt: {q}\n    credit: {q}\n    kind: {q}\n    src: {src}\nsource:\n  name: {q}\n  url: {url}\n  fields:\n    {q}: {q}\n  trailers: [{q}]\n  file: {q}\nextra:\n  note: {q}\n---\n{payload}\n\n![{payload}](media:1)\n\n[{payload}]({url_plain}) and *{payload}*\n\n```{payload}\n{payload}\n```\n",
                day = index % 28 + 1,
                topic = name("Topic"),
                person = name("Person"),
                src = quoted(&url_payload(index)),
                url = quoted(&url_payload(index)),
                url_plain = url_payload(index),
            ),
        );
    }
    let q = quoted(PAYLOADS[5]);
    write(
        "content/briefings/b.md",
        &format!(
            "---\ntitle: {q}\ndate: 2022-02-01\nsummary: {q}\ntopics: [{topic}]\nitems:\n  - article: a0\n    note: {q}\n  - article: a1\n    note: {note}\nextra:\n  x: {q}\n---\n{payload}\n",
            topic = quoted(&format!("Topic b {}", PAYLOADS[5])),
            note = quoted(PAYLOADS[12]),
            payload = PAYLOADS[11],
        ),
    );
    for (index, payload) in PAYLOADS.iter().enumerate().take(4) {
        let q = quoted(payload);
        write(
            &format!("content/people/p{index}.md"),
            &format!(
                "---\nname: {name}\naliases: [{alias}]\nrole: {q}\n---\n{payload}\n",
                name = quoted(&format!("Person {index} {payload}")),
                alias = quoted(&format!("Alias {index} {payload}")),
            ),
        );
        write(
            &format!("content/topics/t{index}.md"),
            &format!(
                "---\nname: {name}\naliases: [{alias}]\nkeywords: [{q}]\n---\n{payload}\n",
                name = quoted(&format!("Topic {index} {payload}")),
                alias = quoted(&format!("Subject {index} {payload}")),
            ),
        );
    }
}

/// Whether a URL in an attribute would run script when followed or loaded. Browsers drop
/// whitespace and control characters in a scheme, so they are dropped here too.
fn runs_script(url: &str) -> bool {
    let visible: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "data:", "vbscript:"]
        .iter()
        .any(|scheme| visible.starts_with(scheme))
}

/// The theme's own scripts: the only `<script>` elements a page may have (the site is
/// published under `/news`, its base_url's path).
const THEME_SCRIPTS: &[&str] = &["/news/search.js", "/search.js"];

/// Every way `html` could run script, as a list of findings (empty when none), and its text.
fn executable_markup(html: &str) -> (Vec<String>, String) {
    let mut emitter = html5gum::emitters::default::DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut findings = Vec::new();
    let mut text = String::new();
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attributes: BTreeMap<String, String> = tag
                    .attributes
                    .iter()
                    .map(|(key, value)| {
                        (
                            String::from_utf8_lossy(key).to_ascii_lowercase(),
                            String::from_utf8_lossy(value).into_owned(),
                        )
                    })
                    .collect();
                findings.extend(tag_findings(&name, &attributes));
            }
            Token::String(string) => text.push_str(&String::from_utf8_lossy(&string)),
            _ => {}
        }
    }
    (findings, text)
}

fn tag_findings(name: &str, attributes: &BTreeMap<String, String>) -> Vec<String> {
    let mut findings = Vec::new();
    let src = attributes.get("src").map(String::as_str);
    match name {
        // Structured data (JSON-LD) is a data block that browsers never run.
        "script"
            if attributes
                .get("type")
                .is_some_and(|t| t == "application/ld+json") => {}
        "script" if !src.is_some_and(|src| THEME_SCRIPTS.contains(&src)) => {
            findings.push(format!("<script> {attributes:?}"));
        }
        "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "base" | "style" => {
            findings.push(format!("<{name}>"));
        }
        "meta" if attributes.contains_key("http-equiv") => {
            findings.push("<meta http-equiv>".into())
        }
        _ => {}
    }
    for (attribute, value) in attributes {
        if attribute.starts_with("on") {
            findings.push(format!("<{name} {attribute}>"));
        }
        let url_valued = [
            "href",
            "src",
            "action",
            "formaction",
            "poster",
            "xlink:href",
        ];
        // The theme's empty favicon (no request for /favicon.ico) is the one data: URL.
        let theme_icon = name == "link" && attribute == "href" && value == "data:,";
        if url_valued.contains(&attribute.as_str()) && runs_script(value) && !theme_icon {
            findings.push(format!("<{name} {attribute}={value:?}>"));
        }
        if attribute == "style" && (value.contains("expression") || value.contains("url(")) {
            findings.push(format!("<{name} style={value:?}>"));
        }
    }
    findings
}

/// The HTML that an Atom feed carries (`type="html"` elements, unescaped), and every URL in
/// its attributes; panics unless the feed is well-formed XML.
fn feed_parts(xml: &str) -> (Vec<String>, Vec<String>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut html, mut urls) = (Vec::new(), Vec::new());
    let mut open: Option<String> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(tag) | Event::Empty(tag) => {
                let mut is_html = false;
                for attribute in tag.attributes() {
                    let attribute = attribute.expect("well-formed attributes");
                    let value = attribute
                        .decoded_and_normalized_value(
                            quick_xml::XmlVersion::Implicit1_0,
                            reader.decoder(),
                        )
                        .unwrap()
                        .into_owned();
                    match attribute.key.as_ref() {
                        b"type" if value == "html" => is_html = true,
                        b"href" | b"src" | b"xml:base" => urls.push(value),
                        _ => {}
                    }
                }
                if is_html {
                    open = Some(String::new());
                }
            }
            Event::Text(text) => {
                if let Some(open) = &mut open {
                    open.push_str(&text.decode().unwrap());
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(open) = &mut open {
                    let name = reference.decode().unwrap();
                    open.push_str(&quick_xml::escape::unescape(&format!("&{name};")).unwrap());
                }
            }
            Event::CData(data) => {
                if let Some(open) = &mut open {
                    open.push_str(&data.decode().unwrap());
                }
            }
            Event::End(_) => html.extend(open.take()),
            Event::Eof => break,
            _ => {}
        }
    }
    (html, urls)
}

/// Every URL in one file of the search index (`render::search`): the topics' and people's in
/// `search/names.json`, each article record's second element in `search/a/*.json`; the word
/// shards (`search/w/*.json`) hold none.
fn index_urls(path: &str, index: &serde_json::Value) -> Vec<String> {
    let strings = |value: &serde_json::Value| -> Vec<String> {
        let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
        items
            .iter()
            .filter_map(|item| item.as_str().map(str::to_owned))
            .collect()
    };
    if path.starts_with("search/a/") {
        let records = index.as_array().expect("a list of article records");
        return records
            .iter()
            .map(|entry| entry[1].as_str().unwrap_or_default().to_owned())
            .collect();
    }
    let mut urls = strings(&index["topic_urls"]);
    urls.extend(strings(&index["people_urls"]));
    urls
}

#[test]
fn hostile_text_in_every_field_builds_into_pages_feeds_and_an_index_that_run_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path());
    let build = brief::Build::new(dir.path(), &brief::BuildOptions::default())
        .unwrap_or_else(|problems| panic!("site.toml must load:\n{problems}"));
    let sink = brief::render::Memory::default();
    let rendered = build
        .load()
        .render(&sink, &mut brief::render::cache::Caches::forgetful());
    assert!(
        !rendered.problems.has_errors(),
        "the hostile site must build:\n{}",
        rendered.problems
    );
    let output = sink.into_output();
    let mut findings = Vec::new();
    let mut checked = BTreeMap::<&str, usize>::new();
    let mut article_text = BTreeMap::new();
    let mut index_url_count = 0;
    for (path, bytes) in &output.files {
        let text = String::from_utf8_lossy(bytes);
        let kind = path.rsplit('.').next().unwrap_or_default();
        *checked
            .entry(if path.ends_with("atom.xml") {
                "feed"
            } else {
                kind
            })
            .or_default() += 1;
        match kind {
            "html" => {
                let (found, visible) = executable_markup(&text);
                findings.extend(found.into_iter().map(|f| format!("{path}: {f}")));
                article_text.insert(path.clone(), visible);
            }
            "xml" => {
                let (html, urls) = feed_parts(&text);
                for embedded in html {
                    let (found, _) = executable_markup(&embedded);
                    findings.extend(found.into_iter().map(|f| format!("{path} (content): {f}")));
                }
                let bad = urls.into_iter().filter(|url| runs_script(url));
                findings.extend(bad.map(|url| format!("{path}: link {url}")));
            }
            "json" => {
                let index: serde_json::Value = serde_json::from_slice(bytes).expect("valid JSON");
                let urls = index_urls(path, &index);
                index_url_count += urls.len();
                let bad = urls.into_iter().filter(|url| !url.starts_with('/'));
                findings.extend(bad.map(|url| format!("{path}: url {url}")));
            }
            _ => {}
        }
    }
    assert!(
        index_url_count > PAYLOADS.len(),
        "{index_url_count} index URLs"
    );
    assert!(
        findings.is_empty(),
        "executable markup:\n{}",
        findings.join("\n")
    );
    for kind in ["html", "feed", "xml", "json"] {
        assert!(
            checked.get(kind).is_some_and(|&n| n > 0),
            "no {kind} checked: {checked:?}"
        );
    }
    // The payloads reached the pages, as text: the test looked where they are.
    for (index, payload) in PAYLOADS.iter().enumerate() {
        let page = &article_text[&format!("articles/a{index}/index.html")];
        let shown = payload.replace(['\u{2028}', '\u{2029}'], "");
        assert!(
            page.replace(['\u{2028}', '\u{2029}'], "").contains(&shown),
            "payload {index} is not shown as text on its page"
        );
    }
    assert!(
        article_text["articles/a6/index.html"].contains("{{ 7*7 }}"),
        "no template ran"
    );
}

/// The checker finds what it looks for: a test of the test.
#[test]
fn the_checker_finds_executable_markup() {
    for bad in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"  java\tscript:alert(1)\">x</a>",
        "<iframe src=\"/x\"></iframe>",
        "<meta http-equiv=refresh content=\"0;url=/\">",
        "<div style=\"background:url(javascript:alert(1))\">",
        "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
    ] {
        assert!(!executable_markup(bad).0.is_empty(), "{bad}");
    }
    let fine = "<p>&lt;script&gt; <a href=\"/x\">x</a></p><script src=\"/search.js\"></script>";
    let (findings, text) = executable_markup(fine);
    assert!(findings.is_empty(), "{findings:?}");
    assert!(text.contains("<script>"));
}

/// URLs that could run script are refused where they are written, whatever the field.
#[test]
fn urls_that_could_run_script_are_refused_in_every_url_field() {
    let fields = [
        ("source:\n  url: {url}\n", 4, "url"),
        ("media:\n  - caption: A\n    src: {url}\n", 5, "src"),
    ];
    let urls = [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "https://x.example/\"><script>alert(1)</script>",
    ];
    for (field, line, key) in fields {
        for url in urls {
            let text = format!(
                "---\ntitle: T\n{}---\n",
                field.replace("{url}", &quoted(url))
            );
            let error = brief::content::parse_document::<brief::content::ArticleFrontMatter>(
                Path::new("content/articles/a.md"),
                text.as_bytes(),
            )
            .unwrap_err();
            assert_eq!(
                (error.code, error.line),
                ("unsafe-url", line),
                "{key} {url:?}: {error}"
            );
            assert!(error.column > 1, "{key} {url:?}: {error}");
        }
    }
}

/// Writes the hostile site to `$HOSTILE_SITE` for tests/browser/hostile.mjs.
#[test]
#[ignore = "writes a site for the Chromium test; run with HOSTILE_SITE=DIR"]
fn write_hostile_site() {
    let dir = std::env::var_os("HOSTILE_SITE").expect("HOSTILE_SITE names the folder to write");
    write_site(Path::new(&dir));
}
