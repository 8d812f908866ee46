//! `brief new briefing --since DATE …`: the options of the composer, and the draft it writes
//! (the ranking itself is [`brief::compose`]). Part of `brief new` (`new.rs`).

use std::fmt::Write as _;
use std::path::Path;

use brief::compose::{self, Ranked, Request};
use brief::content::DateValue;
use brief::model::{EntityKind, Site};
use brief::{Build, BuildOptions};

use super::Error;
use super::new::yaml_string;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Compose a draft from the stories with an article dated on or after DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = DateValue::parse)]
    since: Option<DateValue>,
    /// … and on or before DATE (default: the briefing's date).
    #[arg(long, value_name = "DATE", value_parser = DateValue::parse, requires = "since")]
    until: Option<DateValue>,
    /// Rank stories by how central this topic is to them (repeatable).
    #[arg(long = "topic", value_name = "TOPIC", requires = "since")]
    topics: Vec<String>,
    /// Rank stories by how central this person is to them (repeatable).
    #[arg(long = "person", value_name = "PERSON", requires = "since")]
    people: Vec<String>,
    /// How many stories the draft lists, at most.
    #[arg(long, value_name = "N", default_value_t = 10, requires = "since", value_parser = at_least_one)]
    limit: usize,
}

/// A count of 1 or more.
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse() {
        Ok(0) | Err(_) => Err("expected a whole number of 1 or more".to_owned()),
        Ok(count) => Ok(count),
    }
}

impl Args {
    /// Whether a composed draft was asked for.
    pub(crate) fn is_requested(&self) -> bool {
        self.since.is_some()
    }
}

/// The draft briefing `title` dated `date`: the site's best stories for `args`, each with its
/// lead article, an empty note and a comment saying why it is there.
pub(crate) fn draft(
    root: &Path,
    args: &Args,
    title: &str,
    date: &DateValue,
) -> Result<String, Error> {
    let since = args
        .since
        .as_ref()
        .expect("a draft is asked for with --since");
    let until = args.until.as_ref().unwrap_or(date);
    if until.date < since.date {
        return Err(Error::Usage(format!(
            "--until {} is before --since {}",
            until.text, since.text
        )));
    }
    let build = Build::new(root, &BuildOptions::default()).map_err(Error::Site)?;
    let loaded = build.load();
    if loaded.problems.has_errors() {
        return Err(Error::Site(loaded.problems));
    }
    let site = &loaded.site;
    let request = Request {
        since: since.date,
        until: until.date,
        chosen: chosen(site, args)?,
        limit: args.limit,
    };
    let (ranked, found) = compose::rank(site, &request);
    if ranked.is_empty() {
        return Err(Error::NoStories {
            since: request.since,
            until: request.until,
            chosen: !request.chosen.is_empty(),
        });
    }
    let header = header(site, &request, ranked.len(), found);
    Ok(text(site, &header, &ranked, title, date, &request))
}

/// The chosen topics, then people, as the site knows them.
fn chosen(site: &Site, args: &Args) -> Result<Vec<(EntityKind, brief::model::EntityId)>, Error> {
    let topics = args.topics.iter().map(|name| (EntityKind::Topic, name));
    let people = args.people.iter().map(|name| (EntityKind::Person, name));
    topics
        .chain(people)
        .map(|(kind, name)| {
            compose::find(site, kind, name)
                .map(|id| (kind, id))
                .map_err(Error::UnknownName)
        })
        .collect()
}

/// The comment above the front matter: what was asked, how many stories, how they are ranked.
fn header(site: &Site, request: &Request, kept: usize, found: usize) -> String {
    let about = match request.chosen.as_slice() {
        [] => String::new(),
        chosen => format!(" about {}", names(site, chosen.iter().copied())),
    };
    format!(
        "# A draft composed by `brief new briefing` from the stories dated {} to {}{about}:\n\
         # the best {kept} of {found}. Write each item's note, then remove `draft: true`.\n\
         # Each story's score = {} x (1 - 1/sources) + {} x centrality + {} x recency, where\n\
         # sources: how many articles report it; centrality: for each chosen topic or person,\n\
         # 1 when the story names it, else {} x the share of its articles that also name one\n\
         # the story names (the mean over the chosen); recency: 1 when the story's newest\n\
         # article is dated on the window's last day, 0 on its first. See docs/stories.md.\n",
        request.since,
        request.until,
        compose::SOURCES,
        compose::CENTRALITY,
        compose::RECENCY,
        compose::RELATED,
    )
}

/// The draft's whole text.
fn text(
    site: &Site,
    header: &str,
    ranked: &[Ranked],
    title: &str,
    date: &DateValue,
    request: &Request,
) -> String {
    let mut text = format!("---\n{header}title: {}\n", yaml_string(title));
    writeln!(text, "date: {}\ndraft: true", date.text).unwrap();
    let topics: Vec<String> = request
        .chosen
        .iter()
        .filter(|(kind, _)| *kind == EntityKind::Topic)
        .map(|&(kind, id)| yaml_string(&site.entity(kind, id).name))
        .collect();
    if !topics.is_empty() {
        writeln!(text, "topics: [{}]", topics.join(", ")).unwrap();
    }
    text.push_str("items:\n");
    for story in ranked {
        writeln!(text, "  # {}", why(site, story)).unwrap();
        let slug = &site.article(story.lead).doc.slug;
        writeln!(text, "  - article: {slug}\n    note:").unwrap();
    }
    text.push_str("---\nAn introduction to the briefing.\n");
    text
}

/// Why a story is in the draft: `score 2.83: 2 sources (Example Post, Wire); names Russia;
/// related to NATO (0.40); 3 days before the window's end`.
fn why(site: &Site, story: &Ranked) -> String {
    let mut parts = vec![sources(site, story)];
    if !story.names.is_empty() {
        parts.push(format!(
            "names {}",
            names(site, story.names.iter().copied())
        ));
    }
    for &(kind, id, share) in &story.related {
        let name = &site.entity(kind, id).name;
        parts.push(format!("related to {name} ({share:.2})"));
    }
    parts.push(match story.age_days {
        0 => "dated on the window's last day".to_owned(),
        1 => "1 day before the window's end".to_owned(),
        days => format!("{days} days before the window's end"),
    });
    format!("score {:.2}: {}", story.score, parts.join("; "))
}

/// `2 sources (Example Post, Wire)`, or `1 source`.
fn sources(site: &Site, story: &Ranked) -> String {
    let members = match site.article(story.lead).story {
        Some(id) => site.story(id).members.clone(),
        None => vec![story.lead],
    };
    let mut outlets: Vec<&str> = members
        .iter()
        .filter_map(|&id| site.article(id).doc.front.source.as_ref()?.name.as_deref())
        .collect();
    outlets.sort_unstable();
    outlets.dedup();
    let count = match story.sources {
        1 => "1 source".to_owned(),
        n => format!("{n} sources"),
    };
    match outlets.as_slice() {
        [] => count,
        outlets => format!("{count} ({})", outlets.join(", ")),
    }
}

/// The names of people and topics, joined with commas.
fn names(
    site: &Site,
    entities: impl Iterator<Item = (EntityKind, brief::model::EntityId)>,
) -> String {
    let names: Vec<&str> = entities
        .map(|(kind, id)| site.entity(kind, id).name.as_str())
        .collect();
    names.join(", ")
}
