//! `brief new KIND TITLE`: a new content file in its folder, named after the slug of its title,
//! from the site's archetype (`archetypes/<kind>.md`) or the embedded default, dated today (UTC)
//! or `--date`; never written over an existing file. `brief new briefing --since DATE` composes
//! a draft briefing from the site's stories instead (`compose.rs`).

use std::path::{Path, PathBuf};

use brief::content::DateValue;
use tera::{Kwargs, Tera};

use super::{Error, Global};

/// Where a site's archetypes are: one Tera template per kind, `archetypes/<kind>.md`.
pub(crate) const ARCHETYPES_DIR: &str = "archetypes";

#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    kind: KindArgs,
}

#[derive(clap::Subcommand)]
enum KindArgs {
    /// A new article in content/articles/.
    Article(Common),
    /// A new briefing in content/briefings/; with --since, a draft composed from the stories of a
    /// window of dates.
    Briefing(BriefingArgs),
    /// A new person profile in content/people/.
    Person(Common),
    /// A new topic profile in content/topics/.
    Topic(Common),
    /// A new page (About, Contact) in content/pages/.
    Page(Common),
}

/// What every kind takes.
#[derive(clap::Args)]
pub(crate) struct Common {
    /// The title (or, for a person or topic, the name); several words are joined by spaces.
    #[arg(required = true, num_args = 1.., value_name = "TITLE")]
    title: Vec<String>,
    /// The date to write instead of today's (UTC): YYYY-MM-DD, or RFC 3339 with a time and
    /// zone to schedule publication (2030-06-01T09:00:00+02:00).
    #[arg(long, value_parser = DateValue::parse, value_name = "DATE")]
    date: Option<DateValue>,
}

#[derive(clap::Args)]
struct BriefingArgs {
    #[command(flatten)]
    common: Common,
    #[command(flatten)]
    compose: super::compose::Args,
}

/// The kinds of content `brief new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Article,
    Briefing,
    Person,
    Topic,
    Page,
}

impl Kind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Briefing => "briefing",
            Kind::Person => "person",
            Kind::Topic => "topic",
            Kind::Page => "page",
        }
    }

    /// Its folder under the site root.
    pub(crate) fn folder(self) -> &'static str {
        match self {
            Kind::Article => "content/articles",
            Kind::Briefing => "content/briefings",
            Kind::Person => "content/people",
            Kind::Topic => "content/topics",
            Kind::Page => "content/pages",
        }
    }

    /// The embedded archetype, used when the site has none for this kind (the example site's
    /// `archetypes/`, which documents them).
    fn default_archetype(self) -> &'static str {
        match self {
            Kind::Article => include_str!("../../archetypes/article.md"),
            Kind::Briefing => include_str!("../../archetypes/briefing.md"),
            Kind::Person => include_str!("../../archetypes/person.md"),
            Kind::Topic => include_str!("../../archetypes/topic.md"),
            Kind::Page => include_str!("../../archetypes/page.md"),
        }
    }
}

impl KindArgs {
    fn split(&self) -> (Kind, &Common) {
        match self {
            KindArgs::Article(common) => (Kind::Article, common),
            KindArgs::Briefing(args) => (Kind::Briefing, &args.common),
            KindArgs::Person(common) => (Kind::Person, common),
            KindArgs::Topic(common) => (Kind::Topic, common),
            KindArgs::Page(common) => (Kind::Page, common),
        }
    }
}

impl Common {
    pub(crate) fn title(&self) -> String {
        self.title.join(" ").trim().to_owned()
    }

    /// `--date`, or today in UTC.
    pub(crate) fn date(&self) -> DateValue {
        self.date.clone().unwrap_or_else(today)
    }
}

/// Today's date in UTC.
fn today() -> DateValue {
    let today = jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date();
    DateValue::parse(&today.to_string()).expect("jiff writes YYYY-MM-DD")
}

/// `brief new KIND TITLE`: write the file, print its path (relative to the site root).
pub(crate) fn execute(global: &Global, args: &Args) -> Result<std::process::ExitCode, Error> {
    let root = global.site_root()?;
    let (kind, common) = args.kind.split();
    let title = common.title();
    let slug = slug_of(&title)?;
    let path = Path::new(kind.folder()).join(format!("{slug}.md"));
    let text = match &args.kind {
        KindArgs::Briefing(briefing) if briefing.compose.is_requested() => {
            super::compose::draft(&root, &briefing.compose, &title, &common.date())?
        }
        _ => from_archetype(&root, kind, &title, &slug, &common.date())?,
    };
    super::create_new_file(&root, &path, &text)?;
    if !global.verbosity.is_quiet() {
        println!("Created {}", path.display());
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// The slug of `title`, by the rule `brief import` names articles by (at most 60 characters,
/// cut between words).
fn slug_of(title: &str) -> Result<String, Error> {
    let slug = brief::import::write::slug(title);
    if slug.is_empty() {
        return Err(Error::Usage(format!(
            "the title `{title}` has no letters or digits to make a file name of"
        )));
    }
    Ok(slug)
}

/// The file's text: the site's archetype for `kind`, else the embedded one, rendered with
/// `title`, `slug`, `date` and `kind`.
fn from_archetype(
    root: &Path,
    kind: Kind,
    title: &str,
    slug: &str,
    date: &DateValue,
) -> Result<String, Error> {
    let file = Path::new(ARCHETYPES_DIR).join(format!("{}.md", kind.name()));
    let (source, text) = match std::fs::read_to_string(root.join(&file)) {
        Ok(text) => (file, text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => (
            PathBuf::from(format!("(built-in) {}", file.display())),
            kind.default_archetype().to_owned(),
        ),
        Err(error) => return Err(Error::io(format!("cannot read {}", file.display()))(error)),
    };
    let mut context = tera::Context::new();
    context.insert("title", title);
    context.insert("slug", slug);
    context.insert("date", &date.text);
    context.insert("kind", kind.name());
    render(&text, &context).map_err(|source_error| Error::Archetype {
        file: source,
        source: source_error,
    })
}

/// Render one archetype. Its `yaml` filter writes a text as a quoted YAML string, so that a
/// title with a colon or quotes stays one value.
fn render(text: &str, context: &tera::Context) -> Result<String, tera::Error> {
    let mut tera = Tera::new();
    tera.register_filter("yaml", |text: &str, _: Kwargs, _: &tera::State| {
        yaml_string(text)
    });
    tera.add_raw_template("archetype", text)?;
    tera.render("archetype", context)
}

/// `text` as a double-quoted YAML string (JSON's quoting, which YAML reads the same).
pub(crate) fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}
