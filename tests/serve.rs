//! `brief serve --port 0` on fixture sites: HTTP responses, traversal attempts, live-reload
//! events after edits, the error overlay event and recovery. Everything waits by polling with
//! generous deadlines, so a loaded machine makes the tests slower, not flaky.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::TestSite;

const DEADLINE: Duration = Duration::from_secs(60);

/// A running `brief serve`, killed on drop.
struct Server {
    child: Child,
    port: u16,
    /// Kept so the threads reading the server's output keep draining its pipes.
    _lines: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(site: &TestSite, extra: &[&str]) -> Server {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("brief"))
        .arg("--root")
        .arg(site.root())
        .args(["serve", "--port", "0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("brief serve starts");
    let (sender, lines) = mpsc::channel();
    for stream in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let sender = sender.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
    }
    let start = Instant::now();
    let mut seen = Vec::new();
    loop {
        let remaining = DEADLINE.saturating_sub(start.elapsed());
        match lines.recv_timeout(remaining) {
            Ok(line) => {
                if let Some(rest) = line.strip_prefix("Serving on http://127.0.0.1:") {
                    let port = rest.split('/').next().unwrap().parse().unwrap();
                    return Server {
                        child,
                        port,
                        _lines: lines,
                    };
                }
                seen.push(line);
            }
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "brief serve did not start; it printed:\n{}",
                    seen.join("\n")
                )
            }
        }
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request over a fresh connection, the path sent exactly as given.
fn request(port: u16, method: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Response {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

fn get(port: u16, path: &str) -> Response {
    request(port, "GET", path)
}

/// Poll until `check` holds for the response to `path`.
fn eventually(port: u16, path: &str, what: &str, check: impl Fn(&Response) -> bool) -> Response {
    let start = Instant::now();
    loop {
        let response = get(port, path);
        if check(&response) {
            return response;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{path}: still not {what}; last answer {}:\n{}",
            response.status,
            response.text()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The server's event stream, read event by event.
struct Events {
    reader: BufReader<TcpStream>,
}

#[derive(Debug)]
struct Event {
    name: String,
    data: serde_json::Value,
}

impl Events {
    fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(DEADLINE)).unwrap();
        write!(
            stream,
            "GET /__brief/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
        }
        Events { reader }
    }

    /// The next event (chunked transfer framing and keep-alive comments skipped).
    fn next(&mut self) -> Event {
        let mut name = String::new();
        let mut data = String::new();
        let mut line = String::new();
        loop {
            line.clear();
            let read = self.reader.read_line(&mut line).expect("an event in time");
            assert!(read > 0, "the event stream ended");
            let text = line.trim_end_matches(['\r', '\n']);
            if let Some(value) = text.strip_prefix("event:") {
                name = value.trim().to_owned();
            } else if let Some(value) = text.strip_prefix("data:") {
                data.push_str(value.trim_start());
            } else if text.is_empty() && !name.is_empty() {
                return Event {
                    name,
                    data: serde_json::from_str(&data).unwrap(),
                };
            }
        }
    }

    /// Skip events until one matches.
    fn until(&mut self, what: &str, matches: impl Fn(&Event) -> bool) -> Event {
        let start = Instant::now();
        loop {
            let event = self.next();
            if matches(&event) {
                return event;
            }
            assert!(start.elapsed() < DEADLINE, "no {what} event");
        }
    }
}

fn written(event: &Event) -> Vec<String> {
    event.data["written"]
        .as_array()
        .map(|files| {
            files
                .iter()
                .map(|f| f.as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn fixture() -> TestSite {
    let site = TestSite::new();
    site.article(
        "geneva.md",
        "title: Geneva talks\ndate: 2022-01-09\ntopics: [Russia]\npeople: [Antony Blinken]",
        "The talks began on Monday.",
    )
    .article(
        "energy.md",
        "title: Energy prices\ndate: 2022-01-05\ntopics: [Energy]",
        "Prices fell.",
    )
    .write(
        "content/briefings/week.md",
        "---\ntitle: The week\ndate: 2022-01-13\nitems:\n  - article: geneva\n    note: Read this first.\n---\nIntro.\n",
    )
    .write("static/extra.css", "body { color: black; }\n");
    site
}

#[test]
fn serves_pages_types_folders_404_and_head() {
    let site = fixture();
    let server = serve(&site, &[]);
    let port = server.port;

    let home = get(port, "/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        home.text().contains("/__brief/reload.js"),
        "the reload script is injected"
    );

    let article = get(port, "/articles/geneva/");
    assert_eq!(article.status, 200);
    assert!(article.text().contains("The talks began on Monday."));
    assert!(
        article
            .text()
            .contains(r#"data-path="articles/geneva/index.html""#)
    );

    let redirect = get(port, "/articles/geneva");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/articles/geneva/"));

    let css = get(port, "/extra.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    // Stylesheets are published minified.
    assert_eq!(css.text(), "body{color:black;}");

    let script = get(port, "/__brief/reload.js");
    assert_eq!(script.status, 200);
    assert!(script.text().contains("EventSource"));

    // The site's own 404 page, with status 404.
    site.build().success();
    let not_found_page = site.read("404.html");
    let missing = get(port, "/no/such/page/");
    assert_eq!(missing.status, 404);
    let served = missing.text();
    let title = not_found_page
        .split("<title>")
        .nth(1)
        .and_then(|rest| rest.split("</title>").next())
        .unwrap();
    assert!(
        served.contains(title),
        "the 404 page is the site's: {served}"
    );

    // HEAD: same headers, no body.
    let head = request(port, "HEAD", "/articles/geneva/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length").map(str::to_owned),
        Some(article.body.len().to_string())
    );
    assert_eq!(request(port, "POST", "/").status, 405);

    // `brief build` output never has the script.
    for (path, bytes) in site.tree() {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__brief"),
            "{path} of brief build has the reload script"
        );
    }
}

#[test]
fn a_site_under_a_sub_path_is_served_under_it_and_the_root_redirects_there() {
    let site = fixture();
    site.write(
        "site.toml",
        "title = \"Desk\"\nbase_url = \"https://org.github.io/desk/\"\n",
    );
    let server = serve(&site, &[]);
    let port = server.port;
    for (path, location) in [
        ("/", "/desk/"),
        ("/desk", "/desk/"),
        ("/desk/articles/geneva", "/desk/articles/geneva/"),
    ] {
        let redirect = get(port, path);
        assert_eq!(redirect.status, 301, "{path}");
        assert_eq!(redirect.header("location"), Some(location), "{path}");
    }
    let home = get(port, "/desk/");
    assert_eq!(home.status, 200);
    let text = home.text();
    assert!(text.contains(r#"href="/desk/articles/geneva/""#), "{text}");
    assert!(text.contains(&format!(
        r#"<link rel="canonical" href="http://127.0.0.1:{port}/desk/">"#
    )));
    assert_eq!(get(port, "/desk/extra.css").status, 200);
    assert_eq!(get(port, "/extra.css").status, 404, "outside the prefix");
}

#[test]
fn traversal_is_refused() {
    // Symbolic links leaving the site are refused by the build (tests/build.rs).
    let site = fixture();
    let server = serve(&site, &[]);
    let port = server.port;
    for attempt in [
        "/../site.toml",
        "/articles/../../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/articles%2f..%2f..%2fsite.toml",
        "/..%2fsite.toml",
        "/..%5csite.toml",
        "/..\\site.toml",
        "//etc/passwd",
    ] {
        let response = get(port, attempt);
        assert!(
            response.status == 403 || response.status == 404,
            "{attempt}: {}",
            response.status
        );
        let text = response.text();
        assert!(
            !text.contains("TOP SECRET") && !text.contains("base_url"),
            "{attempt}: {text}"
        );
    }
    assert_eq!(get(port, "/%2e%2e/site.toml").status, 403);
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let site = fixture();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    site.brief()
        .args(["serve", "--port", &port])
        .timeout(DEADLINE)
        .assert()
        .failure()
        .stderr(predicates::str::contains("--port"));
}

#[test]
fn edits_additions_deletions_and_renames_reach_the_browser() {
    let site = fixture();
    let server = serve(&site, &[]);
    let port = server.port;
    let mut events = Events::connect(port);
    let hello = events.next();
    assert_eq!(hello.name, "hello");
    assert!(hello.data["error"].is_null());

    // Edit: the article's page changes, and the event names it.
    site.article(
        "geneva.md",
        "title: Geneva talks\ndate: 2022-01-09\ntopics: [Russia]\npeople: [Antony Blinken]",
        "The talks were postponed.",
    );
    let event = events.until("reload", |e| {
        e.name == "reload" && written(e).contains(&"articles/geneva/index.html".to_owned())
    });
    assert!(written(&event).contains(&"topics/russia/index.html".to_owned()));
    assert!(!written(&event).contains(&"articles/energy/index.html".to_owned()));
    assert!(
        get(port, "/articles/geneva/")
            .text()
            .contains("The talks were postponed.")
    );

    // Add: a new page, listed.
    site.article(
        "grain.md",
        "title: Grain corridor\ndate: 2022-01-20\ntopics: [Energy]",
        "Ships sailed.",
    );
    events.until("reload", |e| {
        written(e).contains(&"articles/grain/index.html".to_owned())
    });
    assert_eq!(get(port, "/articles/grain/").status, 200);
    assert!(get(port, "/articles/").text().contains("/articles/grain/"));
    assert!(
        get(port, "/topics/energy/")
            .text()
            .contains("Grain corridor")
    );

    // Delete: the page is gone from the site and from every list.
    std::fs::remove_file(site.root().join("content/articles/energy.md")).unwrap();
    let event = events.until("reload", |e| {
        e.data["removed"]
            .as_array()
            .is_some_and(|r| r.iter().any(|p| p == "articles/energy/index.html"))
    });
    assert!(!written(&event).is_empty());
    assert_eq!(get(port, "/articles/energy/").status, 404);
    assert!(!get(port, "/articles/").text().contains("/articles/energy/"));
    assert!(
        !get(port, "/topics/energy/")
            .text()
            .contains("Energy prices")
    );
}

#[test]
fn renames_folders_and_stylesheets_reach_the_browser() {
    let site = fixture();
    site.article(
        "grain.md",
        "title: Grain corridor\ndate: 2022-01-20\ntopics: [Energy]",
        "Ships sailed.",
    );
    let server = serve(&site, &[]);
    let port = server.port;
    let mut events = Events::connect(port);
    assert_eq!(events.next().name, "hello");

    // Rename: the old URL goes, the new one comes.
    std::fs::rename(
        site.root().join("content/articles/grain.md"),
        site.root().join("content/articles/grain-corridor.md"),
    )
    .unwrap();
    eventually(port, "/articles/grain-corridor/", "served", |r| {
        r.status == 200
    });
    eventually(port, "/articles/grain/", "gone", |r| r.status == 404);

    // A folder of articles appears, then is renamed.
    site.article(
        "desk/wheat.md",
        "title: Wheat\ndate: 2022-01-21",
        "Wheat rose.",
    );
    eventually(port, "/articles/wheat/", "served", |r| r.status == 200);
    std::fs::rename(
        site.root().join("content/articles/desk"),
        site.root().join("content/articles/europe"),
    )
    .unwrap();
    std::fs::remove_file(site.root().join("content/articles/europe/wheat.md")).unwrap();
    eventually(port, "/articles/wheat/", "gone", |r| r.status == 404);

    // A stylesheet change is one file: the page swaps it without reloading.
    site.write("static/extra.css", "body { color: navy; }\n");
    let event = events.until("reload", |e| written(e).contains(&"extra.css".to_owned()));
    assert_eq!(written(&event), ["extra.css"]);
    assert_eq!(event.data["all"], false);

    // Editor leftovers change nothing.
    site.write("content/articles/.geneva.md.swp", "junk");
    site.write("content/articles/geneva.md~", "junk");
    site.write("content/articles/4913", "");
    site.article("zz.md", "title: Marker\ndate: 2020-01-01", "marker");
    let event = events.until("reload", |e| e.name == "reload");
    assert!(
        written(&event).contains(&"articles/zz/index.html".to_owned()),
        "{event:?}"
    );
    drop(server);
}

#[test]
fn a_broken_file_keeps_the_last_good_site_and_recovers() {
    let site = fixture();
    let server = serve(&site, &[]);
    let port = server.port;
    let mut events = Events::connect(port);
    assert_eq!(events.next().name, "hello");

    site.write(
        "content/articles/geneva.md",
        "---\ntitle: Geneva talks\ndate: 2022-01-09\ntopics: [Russia\n---\nBroken.\n",
    );
    let event = events.until("build-error", |e| e.name == "build-error");
    let problem = &event.data["problems"][0];
    assert_eq!(problem["file"], "content/articles/geneva.md");
    let location = problem["location"].as_str().unwrap();
    assert!(
        location.starts_with("content/articles/geneva.md:"),
        "{location}"
    );
    assert!(
        location.split(':').count() == 3,
        "file:line:column, got {location}"
    );
    assert!(!problem["message"].as_str().unwrap().is_empty());
    // The last good site is still served, and a new page connection hears of the error.
    let page = get(port, "/articles/geneva/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("The talks began on Monday."));
    let mut late = Events::connect(port);
    let hello = late.next();
    assert_eq!(hello.name, "hello");
    assert_eq!(
        hello.data["error"]["problems"][0]["file"],
        "content/articles/geneva.md"
    );

    // An unknown article in a briefing is reported too.
    site.write(
        "content/briefings/week.md",
        "---\ntitle: The week\ndate: 2022-01-13\nitems:\n  - article: nonexistent\n---\nIntro.\n",
    );
    events.until("unknown-article error", |e| {
        e.name == "build-error"
            && e.data["problems"]
                .as_array()
                .is_some_and(|p| p.iter().any(|p| p["code"] == "unknown-article"))
    });

    // Fixing both clears the overlay: every page reloads.
    site.write(
        "content/briefings/week.md",
        "---\ntitle: The week\ndate: 2022-01-13\nitems:\n  - article: geneva\n---\nIntro.\n",
    );
    site.article(
        "geneva.md",
        "title: Geneva talks\ndate: 2022-01-09\ntopics: [Russia]",
        "Fixed text.",
    );
    let event = events.until("reload", |e| e.name == "reload");
    assert_eq!(event.data["all"], true);
    eventually(port, "/articles/geneva/", "fixed", |r| {
        r.text().contains("Fixed text.")
    });
    let mut fresh = Events::connect(port);
    assert!(fresh.next().data["error"].is_null());
}

#[test]
fn a_site_that_never_built_is_served_as_an_error_page_until_fixed() {
    let site = TestSite::new();
    site.article("a.md", "title: [broken", "x");
    let server = serve(&site, &[]);
    let port = server.port;
    let page = get(port, "/");
    assert_eq!(page.status, 503);
    assert!(page.text().contains("/__brief/reload.js"));
    site.article("a.md", "title: Fine", "Now it builds.");
    eventually(port, "/articles/a/", "built", |r| {
        r.status == 200 && r.text().contains("Now it builds.")
    });
}

#[test]
fn embargoed_articles_are_served_marked() {
    let site = fixture();
    site.article(
        "scoop.md",
        "title: The scoop\ndate: 2999-01-01\ntopics: [Russia]",
        "Not yet.",
    );
    let server = serve(&site, &[]);
    let page = get(server.port, "/articles/scoop/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Embargoed until"), "{}", page.text());
    assert!(
        get(server.port, "/topics/russia/")
            .text()
            .contains("embargo-badge")
    );
}
