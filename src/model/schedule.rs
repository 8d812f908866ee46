//! Embargoes: an article or briefing dated in the future is left out of the site until its
//! time, or shown marked when the build includes the future (`--future`, `brief serve`).

use std::path::PathBuf;

use jiff::civil::DateTime;

use crate::content::{ContentFile, DateValue, FrontMatter};
use crate::diagnostics::Diagnostic;

/// Which dated items a build publishes: those dated up to `now`, or all (`future`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// The moment of the build, as the date and time in UTC (how dates are compared).
    pub now: DateTime,
    /// Include items dated after `now`, marked as embargoed.
    pub future: bool,
}

impl Schedule {
    /// Everything published, nothing marked: for sites without a clock (tests, tools).
    pub const EVERYTHING: Schedule = Schedule {
        now: DateTime::MAX,
        future: true,
    };

    /// A build's schedule, read from the clock.
    pub fn now(future: bool) -> Schedule {
        let utc = jiff::tz::TimeZone::UTC.to_datetime(jiff::Timestamp::now());
        Schedule { now: utc, future }
    }

    /// Whether an item with this date is not yet to be published.
    pub fn is_embargoed(&self, date: Option<&DateValue>) -> bool {
        date.is_some_and(|date| date.timestamp > self.now)
    }

    /// Take the embargoed articles and briefings out of the lists (see [`Schedule::split`]):
    /// those left out, in path order.
    pub(super) fn hold_back<A: FrontMatter, B: FrontMatter>(
        &self,
        articles: &mut Vec<ContentFile<A>>,
        briefings: &mut Vec<ContentFile<B>>,
    ) -> Vec<Embargoed> {
        let held_articles;
        let held_briefings;
        (*articles, held_articles) = self.split(std::mem::take(articles));
        (*briefings, held_briefings) = self.split(std::mem::take(briefings));
        let mut held = [held_articles, held_briefings].concat();
        held.sort_by(|a, b| a.path.cmp(&b.path));
        held
    }

    /// `files` without the embargoed ones (unless the build includes the future), and those
    /// left out.
    pub(super) fn split<F: FrontMatter>(
        &self,
        files: Vec<ContentFile<F>>,
    ) -> (Vec<ContentFile<F>>, Vec<Embargoed>) {
        if self.future {
            return (files, Vec::new());
        }
        let mut held = Vec::new();
        let published = files
            .into_iter()
            .filter_map(|file| {
                let until = file.doc.front.date().filter(|d| self.is_embargoed(Some(d)));
                match until {
                    Some(until) => {
                        held.push(Embargoed::of(&file, until));
                        None
                    }
                    None => Some(file),
                }
            })
            .collect();
        (published, held)
    }
}

/// An article or briefing left out of the site until its date.
#[derive(Debug, Clone)]
pub struct Embargoed {
    /// Its folder under `content/`: `articles` or `briefings`.
    pub folder: &'static str,
    pub slug: String,
    pub path: PathBuf,
    pub until: DateValue,
    /// `brief check`'s note about it, at its `date:`.
    pub note: Diagnostic,
}

impl Embargoed {
    fn of<F: FrontMatter>(file: &ContentFile<F>, until: &DateValue) -> Embargoed {
        let doc = &file.doc;
        let note = Diagnostic::note(
            "embargoed",
            format!(
                "embargoed until {}: left out of every page, list, feed, sitemap and search entry until then (`--future` includes it)",
                until.rfc3339()
            ),
        );
        Embargoed {
            folder: F::FOLDER,
            slug: doc.slug.clone(),
            path: doc.path.clone(),
            until: until.clone(),
            note: doc.diagnostic_at(note, "date", None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{ArticleFrontMatter, parse_document};

    fn article(file: &str, date: &str) -> ContentFile<ArticleFrontMatter> {
        let text = format!("---\ntitle: T\ndate: {date}\n---\nBody\n");
        parse_document(
            std::path::Path::new(&format!("content/articles/{file}")),
            text.as_bytes(),
        )
        .unwrap()
    }

    #[test]
    fn items_dated_after_now_are_held_with_a_note_at_their_date() {
        let schedule = Schedule {
            now: "2026-06-01T12:00:00".parse().unwrap(),
            future: false,
        };
        let files = vec![
            article("past.md", "2026-06-01T11:59:59Z"),
            article("soon.md", "2026-06-01T14:00:00+02:00"),
            article("later.md", "2026-06-02"),
        ];
        let (published, held) = schedule.split(files);
        let slugs: Vec<&str> = published.iter().map(|f| f.doc.slug.as_str()).collect();
        // 14:00 in UTC+2 is 12:00 UTC: not after now.
        assert_eq!(slugs, ["past", "soon"]);
        assert_eq!(held.len(), 1);
        assert_eq!(held[0].slug, "later");
        assert_eq!((held[0].note.line, held[0].note.column), (3, 7));
        let future = Schedule {
            future: true,
            ..schedule
        };
        let (all, none) = future.split(vec![article("later.md", "2026-06-02")]);
        assert_eq!((all.len(), none.len()), (1, 0));
        assert!(future.is_embargoed(all[0].doc.front.date.as_ref()));
        assert!(!Schedule::EVERYTHING.is_embargoed(all[0].doc.front.date.as_ref()));
    }
}
