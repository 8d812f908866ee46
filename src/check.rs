//! What `brief check` adds to the pipeline's own problems: editorial rules a build tolerates but
//! a site published by CI should not (a missing date, a date the importer guessed, a profile no
//! article names, settings that make feeds or the output folder wrong).
//!
//! Everything the build itself refuses (front matter, references, links, templates) is found by
//! [`crate::pipeline`]; `check` reports both in one run.

use std::path::Path;

use crate::config::CONFIG_FILE;
use crate::content::Document;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{EntityKind, Site};

/// The check-only problems of a loaded site.
pub fn lint(site: &Site, root: &Path) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    for article in &site.articles {
        let doc = &article.doc;
        match (&doc.front.date, doc.front.date_inferred) {
            (None, _) => diagnostics.push(missing_date(doc, "article")),
            (Some(date), true) => diagnostics.push(doc.diagnostic_at(
                Diagnostic::warning(
                    "inferred-date",
                    format!(
                        "the date {date} was inferred by the importer: confirm it, then remove `date_inferred`"
                    ),
                ),
                "date",
                None,
            )),
            (Some(_), false) => {}
        }
    }
    for briefing in &site.briefings {
        if briefing.doc.front.date.is_none() {
            diagnostics.push(missing_date(&briefing.doc, "briefing"));
        }
    }
    for kind in EntityKind::ALL {
        for entity in &site.entities[kind] {
            let Some(profile) = &entity.profile else {
                continue;
            };
            if !entity.articles.is_empty() || !entity.briefings.is_empty() {
                continue;
            }
            let what = kind.singular();
            let line = profile.name_line;
            diagnostics.push(
                Diagnostic::warning(
                    "unused-profile",
                    format!(
                        "no article names the {what} `{}` (by its name or an alias): its page lists nothing",
                        entity.name
                    ),
                )
                .in_file(&profile.path)
                .at(line, 1),
            );
        }
    }
    let config = &site.config;
    let config_text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    let key_line = |key: &str| crate::config::locate_key(&config_text, key);
    if !(config.base_url.starts_with("http://") || config.base_url.starts_with("https://")) {
        diagnostics.push(
            Diagnostic::warning(
                "base-url",
                format!(
                    "`base_url` is `{}`, not an absolute http(s) URL: feeds, the sitemap and canonical links need one",
                    config.base_url
                ),
            )
            .in_file(CONFIG_FILE)
            .at(key_line("base_url"), 1),
        );
    }
    diagnostics
}

fn missing_date<F>(doc: &Document<F>, what: &str) -> Diagnostic {
    doc.diagnostic_at(
        Diagnostic::error(
            "missing-date",
            format!("the {what} has no `date`: feeds, the sitemap and the archive order need one"),
        ),
        "date",
        None,
    )
}
