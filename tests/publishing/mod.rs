//! Helpers shared by the publishing tests (`check.rs`, `feeds.rs`): a minimal theme, so those
//! tests do not depend on the default theme's markup, and a look at files' modification times.
#![allow(dead_code)] // each test file uses a different part of this helper

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

/// Write a minimal theme into `root/templates`: every page template, each extending a base that
/// emits the canonical and feed links, with ids that anchors can point at.
pub(crate) fn minimal_theme(root: &Path) {
    let base = r#"<!doctype html>
<html><head><title>{{ title }}</title>
<link rel="canonical" href="{{ permalink }}">
{% if feed_url %}<link rel="alternate" type="application/atom+xml" href="{{ feed_url }}">{% endif %}
</head><body>
{% block content %}{% endblock %}
</body></html>
"#;
    let page = |content: &str| {
        format!("{{% extends \"base.html\" %}}{{% block content %}}{content}{{% endblock %}}\n")
    };
    let templates = [
        ("base.html", base.to_owned()),
        ("index.html", page("<h1 id=\"home\">{{ title }}</h1>")),
        (
            "article.html",
            page("<h1 id=\"title\">{{ title }}</h1>\n{{ article.body_html | safe }}"),
        ),
        ("articles.html", page("<h1>{{ title }}</h1>")),
        (
            "briefing.html",
            page("<h1>{{ title }}</h1>\n{{ briefing.intro_html | safe }}"),
        ),
        ("briefings.html", page("<h1>{{ title }}</h1>")),
        (
            "topic.html",
            page("<h1>{{ title }}</h1>\n{{ entity.bio_html | safe }}"),
        ),
        ("topics.html", page("<h1>{{ title }}</h1>")),
        (
            "person.html",
            page("<h1>{{ title }}</h1>\n{{ entity.bio_html | safe }}"),
        ),
        ("people.html", page("<h1>{{ title }}</h1>")),
        ("404.html", page("<h1>{{ title }}</h1>")),
    ];
    for (name, text) in templates {
        let path = root.join("templates").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Every file under `dir` (relative, `/`-separated) with its modification time.
pub(crate) fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    crate::common::files(dir, |entry| entry.metadata().unwrap().modified().unwrap())
}

/// Set every file under `dir` to an old modification time, so a rewrite shows.
pub(crate) fn age(dir: &Path, when: SystemTime) {
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let file = std::fs::File::options()
            .write(true)
            .open(entry.path())
            .unwrap();
        file.set_modified(when).unwrap();
    }
}
