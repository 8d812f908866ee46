//! The site as a model: articles, briefings, people and topics with the indexes between them.
//!
//! Built once from loaded content; everything after (render, check, serve) reads it. Bodies are
//! not part of it: [`build`] hands them over apart, as [`Texts`], for the Markdown stage to use
//! up.

mod ids;
mod menus;
mod redirects;
pub mod registry;
pub mod related;
pub mod schedule;
pub mod stories;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::content::{
    ArticleDoc, ArticleFrontMatter, BriefingDoc, BriefingFrontMatter, Content, ContentFile,
    FrontMatter, PageDoc, PageFrontMatter, Text, frontmatter,
};
use crate::diagnostics::{Diagnostic, Diagnostics};
pub use ids::{ArticleId, BriefingId, ByKind, EntityId, EntityKind, PageId, StoryId};
pub use menus::MenuItem;
pub use redirects::Redirect;
use registry::{NameClash, ProfileNames, Registry};
pub use schedule::{Embargoed, Schedule};
pub use stories::Story;

#[derive(Debug, Clone)]
pub struct Article {
    pub doc: Arc<ArticleDoc>,
    pub url: String,
    /// The people and the topics it names, in the order it names them.
    pub named: ByKind<Vec<EntityId>>,
    /// The people who wrote it (its byline), in order.
    pub authors: Vec<EntityId>,
    /// Briefings that include this article.
    pub briefings: Vec<BriefingId>,
    /// The story it is one of the sources of, if any.
    pub story: Option<StoryId>,
    /// Other articles sharing its people and topics, the most related first, a story once
    /// (see [`related::related_articles`]).
    pub related: Vec<ArticleId>,
    /// Dated in the future, and shown only because the build includes the future.
    pub embargoed: bool,
}

#[derive(Debug, Clone)]
pub struct Briefing {
    pub doc: Arc<BriefingDoc>,
    pub url: String,
    pub items: Vec<BriefingEntry>,
    pub topics: Vec<EntityId>,
    /// The people who curated it (its byline).
    pub authors: Vec<EntityId>,
    /// Dated in the future, and shown only because the build includes the future.
    pub embargoed: bool,
}

#[derive(Debug, Clone)]
pub struct BriefingEntry {
    pub article: ArticleId,
    pub note: Option<Text>,
}

/// A page of its own, such as About: `/<slug>/`.
#[derive(Debug, Clone)]
pub struct Page {
    pub doc: Arc<PageDoc>,
    pub url: String,
}

/// The first segments of the URLs the site makes itself, which no page may take.
const RESERVED_SLUGS: [&str; 5] = ["articles", "briefings", "topics", "people", "search"];

/// The file of a person's or topic's profile.
#[derive(Debug, Clone)]
pub struct ProfileFile {
    pub path: PathBuf,
    pub content_path: String,
    /// Where its `name:` is written, to position problems with it.
    pub name_line: usize,
    /// Where its body starts.
    pub body_line: usize,
}

/// A person or a topic: one page, with or without a profile.
#[derive(Debug, Clone)]
pub struct Entity {
    pub kind: EntityKind,
    pub slug: String,
    pub name: String,
    pub url: String,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub profile: Option<ProfileFile>,
    /// Articles naming it, newest first.
    pub articles: Vec<ArticleId>,
    /// Articles a person wrote (`authors`), newest first.
    pub authored: Vec<ArticleId>,
    /// Its articles with each story once, as its lead (see [`Site::once_per_story`]).
    pub listed: Vec<ArticleId>,
    pub briefings: Vec<BriefingId>,
    /// The people and the topics that share most articles with it, with how many, most first.
    pub related: ByKind<Vec<(EntityId, usize)>>,
}

#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Newest first; undated articles last; ties by slug.
    pub articles: Vec<Article>,
    /// Newest first.
    pub briefings: Vec<Briefing>,
    /// Each kind sorted by slug.
    pub entities: ByKind<Vec<Entity>>,
    /// Articles that report one event, by their lead, newest first.
    pub stories: Vec<Story>,
    /// The articles with each story once, as its lead: what the home page and feeds list.
    pub listed: Vec<ArticleId>,
    /// Sorted by slug.
    pub pages: Vec<Page>,
    /// Articles and briefings left out until their date, in path order.
    pub embargoed: Vec<Embargoed>,
    /// Every alias of a document, by alias.
    pub redirects: Vec<Redirect>,
    /// Menus by name, entries in order (`main` always).
    pub menus: std::collections::BTreeMap<String, Vec<MenuItem>>,
    pub schedule: Schedule,
}

/// The Markdown texts of a site, index for index with its lists.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    pub articles: Vec<Text>,
    pub briefings: Vec<Text>,
    /// Profile bodies; none for an entity without a profile.
    pub profiles: ByKind<Vec<Option<Text>>>,
    pub pages: Vec<Text>,
}

impl Site {
    pub fn article(&self, id: ArticleId) -> &Article {
        &self.articles[id.index()]
    }

    pub fn briefing(&self, id: BriefingId) -> &Briefing {
        &self.briefings[id.index()]
    }

    pub fn entity(&self, kind: EntityKind, id: EntityId) -> &Entity {
        &self.entities[kind][id.index()]
    }

    pub fn story(&self, id: StoryId) -> &Story {
        &self.stories[id.index()]
    }

    /// The article lists show for `id`: its story's lead, or itself.
    pub fn lead_of(&self, id: ArticleId) -> ArticleId {
        self.article(id)
            .story
            .map_or(id, |story| self.story(story).lead)
    }

    /// How many articles report what `id` reports: its story's, or 1.
    pub fn sources_of(&self, id: ArticleId) -> usize {
        self.article(id)
            .story
            .map_or(1, |story| self.story(story).members.len())
    }

    /// `ids` (newest first) with each story once, as its lead, where its lead stands.
    pub fn once_per_story(&self, ids: &[ArticleId]) -> Vec<ArticleId> {
        let mut leads: Vec<ArticleId> = ids.iter().map(|&id| self.lead_of(id)).collect();
        leads.sort_unstable();
        leads.dedup();
        leads
    }

    /// Group the articles into stories again, for bodies that changed (`brief serve`).
    pub fn regroup(&mut self, texts: &Texts) {
        let stories = stories::group(&self.articles, &texts.articles, &self.config.stories);
        self.set_stories(stories);
    }

    fn set_stories(&mut self, stories: stories::Stories) {
        for (article, story) in self.articles.iter_mut().zip(stories.of_article) {
            article.story = story;
        }
        self.stories = stories.stories;
        let all: Vec<ArticleId> = self.article_ids().map(|(id, _)| id).collect();
        self.listed = self.once_per_story(&all);
        let mut entities = std::mem::take(&mut self.entities);
        for kind in EntityKind::ALL {
            for entity in &mut entities[kind] {
                entity.listed = self.once_per_story(&entity.articles);
            }
        }
        self.entities = entities;
        // Related articles list a story once: they follow the grouping.
        let related = related::related_articles(self);
        for (article, related) in self.articles.iter_mut().zip(related) {
            article.related = related;
        }
    }

    /// The earliest time at which what the site shows changes by the clock alone: an embargo
    /// lifts, or a marked item stops being embargoed.
    pub fn next_release(&self) -> Option<jiff::civil::DateTime> {
        let marked = self
            .articles
            .iter()
            .filter(|article| article.embargoed)
            .filter_map(|article| article.doc.front.date.as_ref())
            .chain(
                self.briefings
                    .iter()
                    .filter(|briefing| briefing.embargoed)
                    .filter_map(|briefing| briefing.doc.front.date.as_ref()),
            );
        let held = self.embargoed.iter().map(|held| &held.until);
        marked.chain(held).map(|date| date.timestamp).min()
    }

    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.index()]
    }

    /// The `content/`-relative path of every document with a page (`articles/x.md`), and
    /// its URL: what `@/` links name.
    pub fn content_urls(&self) -> HashMap<&str, &str> {
        let articles = self.articles.iter().map(|a| (&a.doc.content_path, &a.url));
        let briefings = self.briefings.iter().map(|b| (&b.doc.content_path, &b.url));
        let pages = self.pages.iter().map(|p| (&p.doc.content_path, &p.url));
        let profiles = EntityKind::ALL
            .iter()
            .flat_map(|&kind| &self.entities[kind])
            .filter_map(|e| Some((&e.profile.as_ref()?.content_path, &e.url)));
        articles
            .chain(briefings)
            .chain(pages)
            .chain(profiles)
            .map(|(path, url)| (path.as_str(), url.as_str()))
            .collect()
    }

    /// Every article with its id, in order.
    pub fn article_ids(&self) -> impl Iterator<Item = (ArticleId, &Article)> {
        self.articles
            .iter()
            .enumerate()
            .map(|(index, article)| (ArticleId::new(index), article))
    }
}

/// A site's model, its texts, and the problems found making them.
#[derive(Debug)]
pub struct Modelled {
    pub site: Site,
    pub texts: Texts,
    pub problems: Diagnostics,
}

/// Resolve content into a site model, publishing what `schedule` says. Problems are collected;
/// what can be built still is.
/// `unloaded` are the content files that did not load (their errors are reported already): what
/// names one of them is skipped with a note, not reported again as an error of its own.
pub fn build(
    config: Config,
    content: Content,
    schedule: Schedule,
    unloaded: &[PathBuf],
) -> Modelled {
    let mut problems = Diagnostics::new();
    let Content {
        mut articles,
        mut briefings,
        people,
        topics,
        pages,
    } = content;
    let embargoed = schedule.hold_back(&mut articles, &mut briefings);
    let articles = newest_first(articles, &mut problems);
    let briefings = newest_first(briefings, &mut problems);
    let people = unique_slugs(people, &mut problems);
    let topics = unique_slugs(topics, &mut problems);
    let profiles = ByKind {
        people: Profiles::of(&people, |front| {
            (&front.name, &front.aliases, front.role.as_ref())
        }),
        topics: Profiles::of(&topics, |front| (&front.name, &front.aliases, None)),
    };
    let mut registries = profiles.as_ref().map(|profiles| {
        let (registry, clashes) = Registry::from_profiles(profiles.names());
        problems.extend(clashes.into_iter().map(|clash| profiles.position(clash)));
        registry
    });
    let (article_names, briefing_names) = resolve_names(&mut registries, &articles, &briefings);
    let Sorted {
        mut entities,
        order,
        profile_texts,
    } = sorted_entities(&registries, &profiles);
    let mut texts = Texts {
        articles: Vec::with_capacity(articles.len()),
        briefings: Vec::with_capacity(briefings.len()),
        profiles: profile_texts,
        pages: Vec::new(),
    };
    let pages = standalone_pages(pages, &mut texts, &mut problems);
    let (briefings, article_briefings) = link_briefings(
        (briefings, briefing_names),
        (
            &order,
            schedule,
            Absent {
                embargoed: &embargoed,
                unloaded,
            },
        ),
        &articles,
        &mut texts,
        &mut problems,
    );
    let articles = link_articles(
        (articles, article_names, article_briefings),
        (&order, schedule),
        &mut entities,
        &mut texts,
    );
    related::add_briefings(&mut entities, &articles, &briefings);
    related::add_related(&mut entities, &articles);
    let redirects = redirects::collect((&articles, &briefings, &pages), &mut problems);
    let mut site = Site {
        config,
        articles,
        briefings,
        entities,
        stories: Vec::new(),
        listed: Vec::new(),
        pages,
        embargoed,
        redirects,
        menus: Default::default(),
        schedule,
    };
    site.regroup(&texts);
    site.menus = menus::menus(&site, &mut problems);
    Modelled {
        site,
        texts,
        problems,
    }
}

/// The registry ids of the people and topics each article names, and of each briefing's
/// topics. Registry ids are in order of first mention; names are resolved before entities are
/// sorted by slug.
fn resolve_names(
    registries: &mut ByKind<Registry>,
    articles: &[ContentFile<ArticleFrontMatter>],
    briefings: &[ContentFile<BriefingFrontMatter>],
) -> (Vec<ArticleNames>, Vec<BriefingNames>) {
    let article_names = articles
        .iter()
        .map(|file| {
            let front = &file.doc.front;
            ArticleNames {
                named: ByKind {
                    people: resolve_all(&mut registries.people, &front.people),
                    topics: resolve_all(&mut registries.topics, &front.topics),
                },
                authors: resolve_all(&mut registries.people, &front.authors),
            }
        })
        .collect();
    let briefing_names = briefings
        .iter()
        .map(|file| {
            let front = &file.doc.front;
            BriefingNames {
                topics: resolve_all(&mut registries.topics, &front.topics),
                authors: resolve_all(&mut registries.people, &front.authors),
            }
        })
        .collect();
    (article_names, briefing_names)
}

/// The registry ids of the names a briefing uses.
struct BriefingNames {
    topics: Vec<usize>,
    authors: Vec<usize>,
}

/// The registry ids of the names an article uses.
struct ArticleNames {
    named: ByKind<Vec<usize>>,
    authors: Vec<usize>,
}

/// Pages by slug, their texts handed to `texts`; a page whose slug is a section of the site
/// (`/articles/`) is an error at its file.
fn standalone_pages(
    files: Vec<ContentFile<PageFrontMatter>>,
    texts: &mut Texts,
    problems: &mut Diagnostics,
) -> Vec<Page> {
    let mut files = unique_slugs(files, problems);
    files.retain(|file| {
        let doc = &file.doc;
        let reserved = RESERVED_SLUGS.contains(&doc.slug.as_str());
        if reserved {
            problems.push(doc.diagnostic_at(
                Diagnostic::error(
                    "duplicate-url",
                    format!(
                        "page slug `{}` is the URL of the site's own /{}/ list: choose another slug",
                        doc.slug, doc.slug
                    ),
                ),
                "slug",
                None,
            ));
        }
        !reserved
    });
    files.sort_by(|a, b| a.doc.slug.cmp(&b.doc.slug));
    files
        .into_iter()
        .map(|file| {
            texts.pages.push(file.text);
            Page {
                url: format!("/{}/", file.doc.slug),
                doc: file.doc,
            }
        })
        .collect()
}

/// The article files, the registry ids of the names each uses, and the briefings of each.
type ArticleParts = (
    Vec<ContentFile<ArticleFrontMatter>>,
    Vec<ArticleNames>,
    Vec<Vec<BriefingId>>,
);

/// Articles with the entities they name (each entity learning of the article), their
/// briefings, and their texts handed to `texts`.
fn link_articles(
    (files, names, briefings): ArticleParts,
    (order, schedule): (&ByKind<Vec<EntityId>>, Schedule),
    entities: &mut ByKind<Vec<Entity>>,
    texts: &mut Texts,
) -> Vec<Article> {
    files
        .into_iter()
        .zip(names)
        .zip(briefings)
        .enumerate()
        .map(|(index, ((file, names), briefings))| {
            let id = ArticleId::new(index);
            let named = ByKind::from_fn(|kind| {
                let ids: Vec<EntityId> =
                    names.named[kind].iter().map(|&r| order[kind][r]).collect();
                for entity in &ids {
                    entities[kind][entity.index()].articles.push(id);
                }
                ids
            });
            let authors: Vec<EntityId> = names.authors.iter().map(|&r| order.people[r]).collect();
            for author in &authors {
                entities.people[author.index()].authored.push(id);
            }
            texts.articles.push(file.text);
            Article {
                url: format!("/articles/{}/", file.doc.slug),
                embargoed: schedule.is_embargoed(file.doc.front.date.as_ref()),
                doc: file.doc,
                named,
                authors,
                briefings,
                story: None,
                related: Vec::new(),
            }
        })
        .collect()
}

/// Briefings with their items resolved to articles (an unknown slug is an error at the item;
/// an embargoed article's item is left out until its date), and for each article the briefings
/// that include it.
fn link_briefings(
    (files, names): (Vec<ContentFile<BriefingFrontMatter>>, Vec<BriefingNames>),
    (order, schedule, absent): (&ByKind<Vec<EntityId>>, Schedule, Absent),
    articles: &[ContentFile<ArticleFrontMatter>],
    texts: &mut Texts,
    problems: &mut Diagnostics,
) -> (Vec<Briefing>, Vec<Vec<BriefingId>>) {
    let slug_index: HashMap<&str, usize, ahash::RandomState> = articles
        .iter()
        .enumerate()
        .map(|(index, file)| (file.doc.slug.as_str(), index))
        .collect();
    let former = former_slugs(articles);
    let mut article_briefings = vec![Vec::new(); articles.len()];
    let briefings = files
        .into_iter()
        .zip(names)
        .enumerate()
        .map(|(index, (file, names))| {
            let id = BriefingId::new(index);
            let doc = file.doc;
            let mut items = Vec::with_capacity(doc.front.items.len());
            for item in &doc.front.items {
                let named = item.article.as_str();
                let Some(article) = slug_index.get(named).copied().or_else(|| {
                    let &article = former.get(named)?;
                    problems.push(renamed_item(&doc, named, &articles[article].doc.slug));
                    Some(article)
                }) else {
                    let held = absent.embargoed.iter().any(|held| {
                        held.folder == ArticleFrontMatter::FOLDER && held.slug == named
                    });
                    if held {
                        continue;
                    }
                    problems.push(match unloaded_article(absent.unloaded, named) {
                        Some(file) => skipped_item(&doc, named, file),
                        None => unknown_item(&doc, named, slug_index.keys().copied()),
                    });
                    continue;
                };
                if !article_briefings[article].contains(&id) {
                    article_briefings[article].push(id);
                }
                items.push(BriefingEntry {
                    article: ArticleId::new(article),
                    // Notes live in front matter: positions are worked out from the briefing.
                    note: item.note.as_deref().map(Text::new),
                });
            }
            texts.briefings.push(file.text);
            Briefing {
                url: format!("/briefings/{}/", doc.slug),
                topics: names.topics.iter().map(|&t| order.topics[t]).collect(),
                authors: names.authors.iter().map(|&a| order.people[a]).collect(),
                embargoed: schedule.is_embargoed(doc.front.date.as_ref()),
                doc,
                items,
            }
        })
        .collect();
    (briefings, article_briefings)
}

/// Each article's former slugs, from its aliases of the form `/articles/<slug>/`.
fn former_slugs(
    articles: &[ContentFile<ArticleFrontMatter>],
) -> HashMap<String, usize, ahash::RandomState> {
    let mut former = HashMap::default();
    for (index, file) in articles.iter().enumerate() {
        for alias in &file.doc.front.aliases {
            let old = redirects::normalise(alias).ok().and_then(|path| {
                let slug = path.strip_prefix("/articles/")?.strip_suffix('/')?;
                (!slug.contains('/')).then(|| slug.to_owned())
            });
            if let Some(old) = old {
                former.entry(old).or_insert(index);
            }
        }
    }
    former
}

/// A briefing item naming an article by a former slug: it resolves, and `brief check` says so.
fn renamed_item(doc: &BriefingDoc, named: &str, slug: &str) -> Diagnostic {
    doc.diagnostic_at(
        Diagnostic::note(
            "renamed-article",
            format!(
                "briefing item names `{named}`, a former slug of article `{slug}` (one of its aliases): write `{slug}`"
            ),
        ),
        "article",
        Some(named),
    )
}

/// Articles a briefing item may name that the site does not have, for a good reason.
struct Absent<'a> {
    /// Left out until their date: the item waits for them.
    embargoed: &'a [Embargoed],
    /// Files that did not load: their error is the one to report.
    unloaded: &'a [PathBuf],
}

/// The file of an article that did not load and would have had `slug` (by its file name).
fn unloaded_article<'a>(unloaded: &'a [PathBuf], slug: &str) -> Option<&'a PathBuf> {
    let folder = std::path::Path::new(crate::content::CONTENT_DIR).join(ArticleFrontMatter::FOLDER);
    unloaded.iter().find(|file| {
        let stem = file.file_stem().unwrap_or_default().to_string_lossy();
        file.starts_with(&folder) && slug::slugify(&stem) == slug
    })
}

/// A briefing item naming an article whose file has an error: one error is enough.
fn skipped_item(doc: &BriefingDoc, named: &str, file: &std::path::Path) -> Diagnostic {
    doc.diagnostic_at(
        Diagnostic::note(
            "skipped",
            format!(
                "briefing item `{named}` skipped because {} has an error (reported there)",
                file.display()
            ),
        ),
        "article",
        Some(named),
    )
}

/// A briefing item naming no article, with the nearest slug suggested.
fn unknown_item<'a>(
    doc: &BriefingDoc,
    named: &str,
    slugs: impl Iterator<Item = &'a str>,
) -> Diagnostic {
    doc.diagnostic_at(
        Diagnostic::error(
            "unknown-article",
            format!(
                "briefing item names article `{named}`, which does not exist (or is a draft){}",
                crate::util::suggest::did_you_mean(named, slugs)
            ),
        ),
        "article",
        Some(named),
    )
}

fn resolve_all(registry: &mut Registry, names: &[String]) -> Vec<usize> {
    let mut ids: Vec<usize> = Vec::with_capacity(names.len());
    for id in names.iter().filter_map(|name| registry.resolve(name)) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The profiles of one kind, as the model needs them.
struct Profiles<'a> {
    profiles: Vec<Profile<'a>>,
}

struct Profile<'a> {
    slug: &'a str,
    path: &'a std::path::Path,
    yaml: &'a str,
    yaml_line: usize,
    name: &'a str,
    aliases: &'a [String],
    role: Option<&'a String>,
    file: ProfileFile,
    text: &'a Text,
}

impl<'a> Profiles<'a> {
    fn of<F>(
        files: &'a [ContentFile<F>],
        parts: impl Fn(&'a F) -> (&'a String, &'a Vec<String>, Option<&'a String>),
    ) -> Profiles<'a> {
        let profiles = files
            .iter()
            .map(|file| {
                let doc = &*file.doc;
                let (name, aliases, role) = parts(&doc.front);
                let name_line = frontmatter::locate(&doc.yaml, doc.yaml_line, "name", None)
                    .map_or(1, |(line, _)| line);
                Profile {
                    slug: &doc.slug,
                    path: &doc.path,
                    yaml: &doc.yaml,
                    yaml_line: doc.yaml_line,
                    name,
                    aliases,
                    role,
                    file: ProfileFile {
                        path: doc.path.clone(),
                        content_path: doc.content_path.clone(),
                        name_line,
                        body_line: doc.body_line,
                    },
                    text: &file.text,
                }
            })
            .collect();
        Profiles { profiles }
    }

    fn names(&self) -> impl Iterator<Item = ProfileNames<'_>> {
        self.profiles.iter().map(|profile| ProfileNames {
            slug: profile.slug,
            name: profile.name,
            aliases: profile.aliases,
            path: profile.path,
        })
    }

    /// A clash of names at the line of the clashing name in the profile's front matter: its
    /// `name:` line or the alias inside `aliases:`.
    fn position(&self, clash: NameClash) -> Diagnostic {
        let diagnostic = clash.diagnostic();
        match self.profiles.iter().find(|p| p.path == clash.path) {
            Some(profile) => {
                let (line, column) = locate_name(profile.yaml, profile.yaml_line, &clash.spelling)
                    .unwrap_or((profile.yaml_line, 1));
                diagnostic.at(line, column)
            }
            None => diagnostic,
        }
    }
}

/// Where `spelling` is written as a profile's `name` or one of its `aliases`.
fn locate_name(yaml: &str, yaml_line: usize, spelling: &str) -> Option<(usize, usize)> {
    frontmatter::locate(yaml, yaml_line, "name", Some(spelling))
        .or_else(|| frontmatter::locate_item(yaml, yaml_line, "aliases", spelling))
}

/// The entities of each kind sorted by slug, for each registry id its entity, and the texts of
/// their profiles.
struct Sorted {
    entities: ByKind<Vec<Entity>>,
    order: ByKind<Vec<EntityId>>,
    profile_texts: ByKind<Vec<Option<Text>>>,
}

fn sorted_entities(registries: &ByKind<Registry>, profiles: &ByKind<Profiles>) -> Sorted {
    let mut sorted = Sorted {
        entities: ByKind::default(),
        order: ByKind::default(),
        profile_texts: ByKind::default(),
    };
    for kind in EntityKind::ALL {
        let registry = &registries[kind];
        let mut order: Vec<usize> = (0..registry.entities.len()).collect();
        order.sort_by(|&a, &b| registry.entities[a].slug.cmp(&registry.entities[b].slug));
        let mut position = vec![EntityId::new(0); order.len()];
        for (index, &id) in order.iter().enumerate() {
            position[id] = EntityId::new(index);
            let registered = &registry.entities[id];
            let profile = registered
                .profile
                .map(|index| &profiles[kind].profiles[index]);
            sorted.entities[kind].push(Entity {
                kind,
                slug: registered.slug.clone(),
                name: registered.name.clone(),
                url: format!("/{}/{}/", kind.section(), registered.slug),
                aliases: profile.map(|p| p.aliases.to_vec()).unwrap_or_default(),
                role: profile.and_then(|p| p.role.cloned()),
                profile: profile.map(|p| p.file.clone()),
                articles: Vec::new(),
                listed: Vec::new(),
                authored: Vec::new(),
                briefings: Vec::new(),
                related: ByKind::default(),
            });
            sorted.profile_texts[kind].push(profile.map(|p| p.text.clone()));
        }
        sorted.order[kind] = position;
    }
    sorted
}

/// [`unique_slugs`], sorted newest first (undated last), ties by slug. Files are large: the
/// order is worked out on indexes, then each file moved once.
fn newest_first<F: FrontMatter>(
    files: Vec<ContentFile<F>>,
    problems: &mut Diagnostics,
) -> Vec<ContentFile<F>> {
    let mut order = unique_slug_order(&files, problems);
    // Keys side by side: comparing through the documents reads one cache line per document.
    let keys: Vec<_> = files
        .iter()
        .map(|file| (file.doc.front.date(), file.doc.slug.as_str()))
        .collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (&keys[a], &keys[b]);
        b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1))
    });
    drop(keys);
    permuted(files, &order)
}

/// `items` in the order of `order`, distinct indexes of theirs; the others are dropped.
fn permuted<T>(mut items: Vec<T>, order: &[usize]) -> Vec<T> {
    // In place, cycle by cycle, with the left-out items moved behind the kept ones and cut off.
    let mut kept = vec![false; items.len()];
    for &index in order {
        kept[index] = true;
    }
    let full: Vec<usize> = order
        .iter()
        .copied()
        .chain((0..items.len()).filter(|&index| !kept[index]))
        .collect();
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = full[at];
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
    items.truncate(order.len());
    items
}

/// Keep one file per slug; the others are errors naming both files. A slug set in front
/// matter is the likelier mistake, so files named by their file win over it, then path order.
fn unique_slugs<F: FrontMatter>(
    files: Vec<ContentFile<F>>,
    problems: &mut Diagnostics,
) -> Vec<ContentFile<F>> {
    let order = unique_slug_order(&files, problems);
    permuted(files, &order)
}

/// The indexes of the files [`unique_slugs`] keeps, in its order.
fn unique_slug_order<F: FrontMatter>(
    files: &[ContentFile<F>],
    problems: &mut Diagnostics,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&index| files[index].doc.front.slug().is_some());
    let mut first_with: HashMap<&str, usize, ahash::RandomState> =
        HashMap::with_capacity_and_hasher(files.len(), ahash::RandomState::new());
    let mut dropped = vec![false; files.len()];
    for &index in &order {
        let doc = &files[index].doc;
        match first_with.get(doc.slug.as_str()) {
            Some(&first) => {
                problems.push(doc.diagnostic_at(
                    Diagnostic::error(
                        "duplicate-url",
                        format!(
                            "slug `{}` is already used by {}: two pages would have one URL",
                            doc.slug,
                            files[first].doc.path.display()
                        ),
                    ),
                    "slug",
                    None,
                ));
                dropped[index] = true;
            }
            None => {
                first_with.insert(&doc.slug, index);
            }
        }
    }
    order.retain(|&index| !dropped[index]);
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permuted_follows_the_order_and_drops_the_rest() {
        let items = || vec!["a", "b", "c", "d", "e", "f"];
        assert_eq!(
            permuted(items(), &[5, 4, 3, 2, 1, 0]),
            ["f", "e", "d", "c", "b", "a"]
        );
        assert_eq!(
            permuted(items(), &[1, 2, 0, 4, 5, 3]),
            ["b", "c", "a", "e", "f", "d"]
        );
        assert_eq!(permuted(items(), &[3, 0]), ["d", "a"]);
        assert_eq!(permuted(items(), &[]), [""; 0]);
    }
}
