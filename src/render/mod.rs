//! From the site model to the output map: Markdown once per document, then every page through
//! its template, in parallel, then static files.

pub mod documents;
pub mod feeds;
pub mod links;
pub mod memo;
pub mod pages;
pub mod search;
pub mod templates;
pub mod views;

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use bytes::Bytes;
use rayon::prelude::*;
use serde_json::json;
use tera::Value;

use crate::Timings;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{EntityKind, Site};
use crate::output::{Output, Staging};
use documents::RenderedDocuments;
pub use memo::Memo;
use memo::PageValues;
use pages::{Page, PageKind};
use std::collections::{HashMap, HashSet};
use templates::Templates;
use views::Views;

pub use crate::inputs::STATIC_DIR;

/// How many related people, topics or entities the home page lists.
const HOME_ENTITIES: usize = 12;

/// Render the whole site in memory (complete only when there are no errors), reusing what an
/// earlier render left in `memo` where the inputs are unchanged, and leaving this render's results
/// there for the next.
pub fn render_memo(
    site: &mut Site,
    templates: &Templates,
    root: &Path,
    memo: &mut Memo,
    timings: &mut Timings,
) -> (Output, Diagnostics) {
    let pages = pages::pages(site);
    render_with(site, Some(templates), root, memo, None, timings, &pages)
}

/// [`render_memo`] without a memo, handing every file to `staging` as soon as it exists instead
/// of keeping it: the returned output names every file of the site, but holds no contents, and
/// the site's articles no bodies.
pub fn render_staged(
    site: &mut Site,
    templates: &Templates,
    root: &Path,
    staging: &Staging,
    timings: &mut Timings,
) -> (Output, Diagnostics) {
    let pages = pages::pages(site);
    // The output's folders are made on a thread of their own, ahead of the pages.
    std::thread::scope(|scope| {
        let paths: Vec<String> = interleaved(&pages).map(Page::output_path).collect();
        scope.spawn(move || staging.make_folders(paths.iter().map(String::as_str)));
        render_with(
            site,
            Some(templates),
            root,
            &mut Memo::default(),
            Some(staging),
            timings,
            &pages,
        )
    })
}

/// Pages in the order two workers reach them when each takes half of the list from its start
/// (how the rendering splits it first): one from each half in turn.
fn interleaved(pages: &[Page]) -> impl Iterator<Item = &Page> {
    let half = pages.len().div_ceil(2);
    (0..half).flat_map(move |i| [Some(&pages[i]), pages.get(half + i)].into_iter().flatten())
}

/// What can still be checked when the templates do not load: the documents, their links (against
/// the pages the site will have) and the other outputs.
pub fn render_without_templates(site: &mut Site, root: &Path) -> Diagnostics {
    let mut timings = Timings::default();
    let pages = pages::pages(site);
    render_with(
        site,
        None,
        root,
        &mut Memo::default(),
        None,
        &mut timings,
        &pages,
    )
    .1
}

/// Markdown, views, every page (of `pages`), feeds, search index, static files and the link
/// check.
fn render_with(
    site: &mut Site,
    templates: Option<&Templates>,
    root: &Path,
    memo: &mut Memo,
    staging: Option<&Staging>,
    timings: &mut Timings,
    pages: &[Page],
) -> (Output, Diagnostics) {
    // A build that streams its pages (staging) never reads a body again once its Markdown is
    // rendered; a build kept in memory may be checked or rebuilt from the same site.
    let (documents, mut diagnostics) = timings.stage("markdown", || {
        documents::render_documents(site, &mut memo.markdown, staging.is_none())
    });
    let site = &*site;
    let (views, cards) = timings.stage("views", || {
        views::build_views(site, &documents, &memo.cards)
    });
    memo.cards = cards;
    let entities = timings.stage("fingerprints", || {
        EntityFingerprints::new(site, &documents, &views)
    });
    let entity_values = EntityValues::new(site);
    let inputs = PageInputs {
        site,
        documents: &documents,
        views: &views,
        entities: &entities,
        entity_values: &entity_values,
    };
    let previous = &memo.pages;
    let (feed_memo, search_memo) = (&mut memo.feeds, &memo.search);
    // Feeds, sitemap and search index need nothing from the pages: made beside them, they
    // fill the moments a page worker waits and no longer run on one core after them.
    let make_feeds =
        || feeds::feeds_and_sitemap(site, &documents, &views, pages, feed_memo, staging);
    let make_search = || search::search_index(site, &views.summaries, search_memo);
    let ((rendered, pages_took), ((feeds, feeds_took), ((search_json, search_memo), search_took))) =
        rayon::join(
            || timed(|| render_all_pages(&inputs, pages, previous, templates, staging)),
            || rayon::join(|| timed(make_feeds), || timed(make_search)),
        );
    let mut known_ids = HashMap::new();
    let rendered: Vec<RenderedPage> = rendered
        .into_iter()
        .map(|(result, ids)| {
            known_ids.extend(ids);
            result
        })
        .collect();
    if staging.is_none() {
        update_page_memo(&mut memo.pages, &rendered);
    }
    let rendered = rendered
        .into_iter()
        .map(|result| result.map(|(path, _, bytes)| (path, bytes)));
    let mut output = Output::default();
    let mut template_problems = Vec::new();
    for result in rendered {
        match result {
            Ok((path, html)) => {
                if !output.insert(path.clone(), html) {
                    diagnostics.push(Diagnostic::error(
                        "duplicate-url",
                        format!("two pages would be written to /{path}"),
                    ));
                }
            }
            Err(problems) => template_problems.extend(problems),
        }
    }
    diagnostics.extend(once_per_template_error(template_problems));
    timings.0.extend([
        ("pages", pages_took),
        ("feeds", feeds_took),
        ("search", search_took),
    ]);
    let (feed_files, handed_over_feeds, problems) = feeds;
    for (path, xml) in feed_files {
        if !output.insert(path.clone(), xml) {
            diagnostics.push(Diagnostic::error(
                "duplicate-url",
                format!("/{path} would be written twice"),
            ));
        }
    }
    diagnostics.extend(problems);
    memo.search = search_memo;
    output.insert("search.json".to_owned(), search_json);
    add_static_files(site, root, &mut output, &mut diagnostics);
    feeds::add_robots(&site.config, &mut output);
    let mut streamed: HashSet<String> = known_ids.keys().cloned().collect();
    streamed.extend(handed_over_feeds);
    diagnostics.extend(timings.stage("links", || {
        links::check_links(site, &documents, pages, &output, known_ids)
    }));
    if let Some(staging) = staging {
        for (path, bytes) in output
            .files
            .iter_mut()
            .filter(|(path, _)| !streamed.contains(*path))
        {
            if let Err(error) = staging.put(path, bytes) {
                diagnostics.push(write_problem(&error));
            }
            *bytes = Bytes::new();
        }
    }
    (output, diagnostics)
}

/// Every page through its template, in parallel; with `staging`, each page is written out as
/// soon as it is rendered and only its path and element ids are kept.
fn render_all_pages(
    inputs: &PageInputs,
    pages: &[Page],
    previous: &memo::PageMemo,
    templates: Option<&Templates>,
    staging: Option<&Staging>,
) -> Vec<(RenderedPage, Option<PageIds>)> {
    pages
        .par_iter()
        .filter_map(|page| Some((page, templates?)))
        .map(|(page, templates)| {
            let rendered = render_page(inputs, previous, templates, page);
            match (staging, rendered) {
                (Some(staging), Ok(page)) => hand_over(staging, page),
                (_, rendered) => (rendered, None),
            }
        })
        .collect()
}

/// Run `work` and say how long it took.
fn timed<T>(work: impl FnOnce() -> T) -> (T, std::time::Duration) {
    let start = Instant::now();
    (work(), start.elapsed())
}

type RenderedPage = Result<(String, u64, Bytes), Vec<Diagnostic>>;
/// A page's path and element ids.
type PageIds = (String, HashSet<String>);

/// A template error usually fails every page that uses the template: report it once, naming
/// the first page and how many more failed the same way.
fn once_per_template_error(problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    const RENDERING: &str = " (rendering ";
    let mut grouped: Vec<(Diagnostic, usize)> = Vec::new();
    let mut index: HashMap<(Option<std::path::PathBuf>, usize, usize, String), usize> =
        HashMap::new();
    for problem in problems {
        let message = match problem.message.rfind(RENDERING) {
            Some(at) => problem.message[..at].to_owned(),
            None => problem.message.clone(),
        };
        let key = (problem.file.clone(), problem.line, problem.column, message);
        match index.get(&key) {
            Some(&at) => grouped[at].1 += 1,
            None => {
                index.insert(key, grouped.len());
                grouped.push((problem, 0));
            }
        }
    }
    grouped
        .into_iter()
        .map(|(mut problem, more)| {
            if more > 0 && problem.message.ends_with(')') {
                problem.message.pop();
                let pages = if more == 1 { "page" } else { "pages" };
                problem
                    .message
                    .push_str(&format!(" and {more} more {pages})"));
            }
            problem
        })
        .collect()
}

/// What every page is made from, built once per build.
struct PageInputs<'a> {
    site: &'a Site,
    documents: &'a RenderedDocuments,
    views: &'a Views,
    entities: &'a EntityFingerprints,
    entity_values: &'a EntityValues,
}

/// Each person's and topic's `entity` value, made on first use and shared by all pages of its
/// dossier: making it walks all the entity's articles, so making it per page would cost
/// articles² / paginate_by for a topic with many articles. It is dropped after the dossier's
/// last page, so that a large site does not hold every entity's value at once.
struct EntityValues {
    people: Vec<EntityValue>,
    topics: Vec<EntityValue>,
}

struct EntityValue {
    value: Mutex<Option<Value>>,
    pages_left: AtomicUsize,
}

impl EntityValues {
    fn new(site: &Site) -> Self {
        let slots = |kind: EntityKind| -> Vec<EntityValue> {
            site.entities(kind)
                .iter()
                .map(|entity| EntityValue {
                    value: Mutex::new(None),
                    pages_left: AtomicUsize::new(pages::page_count(
                        entity.articles.len(),
                        site.config.paginate_by,
                    )),
                })
                .collect()
        };
        EntityValues {
            people: slots(EntityKind::Person),
            topics: slots(EntityKind::Topic),
        }
    }

    /// The value for one page of the entity's dossier.
    fn get(&self, kind: EntityKind, index: usize, make: impl FnOnce() -> Value) -> Value {
        let slot = match kind {
            EntityKind::Person => &self.people[index],
            EntityKind::Topic => &self.topics[index],
        };
        let mut held = slot.value.lock().expect("no panics while holding it");
        let value = held.get_or_insert_with(make).clone();
        if slot.pages_left.fetch_sub(1, Ordering::Relaxed) == 1 {
            *held = None;
        }
        value
    }
}

/// One page: reused from `previous` when its fingerprint is unchanged, else rendered.
fn render_page(
    inputs: &PageInputs,
    previous: &memo::PageMemo,
    templates: &Templates,
    page: &Page,
) -> RenderedPage {
    let path = page.output_path();
    let seed = templates.fingerprint(page.template());
    let reuse = |fingerprint: u64| match previous.get(&path) {
        Some((known, bytes)) if *known == fingerprint => Some(bytes.clone()),
        _ => None,
    };
    // Articles, topics and people, most pages of a site, are fingerprinted from their inputs
    // without building their context; other pages from their context.
    let quick = input_fingerprint(inputs, page, seed);
    if let Some(bytes) = quick.and_then(reuse) {
        return Ok((path, quick.unwrap_or_default(), bytes));
    }
    let values = page_context(inputs, page);
    let fingerprint = quick.unwrap_or_else(|| values.fingerprint(seed));
    if let Some(bytes) = reuse(fingerprint) {
        return Ok((path, fingerprint, bytes));
    }
    templates
        .tera
        .render(page.template(), &values.into_context())
        .map(|html| (path, fingerprint, Bytes::from(html)))
        .map_err(|error| templates.diagnostics(&error, Some(&page.url)))
}

/// Record this build's pages in the memo: only those rendered anew need an entry (the others
/// have theirs), so a rebuild that reuses almost every page costs one lookup per page. Entries of
/// pages gone from the site are dropped when there are any; keeping one would still be correct,
/// as an entry is only used for the same fingerprint.
fn update_page_memo(memo: &mut memo::PageMemo, rendered: &[RenderedPage]) {
    let mut pages = 0;
    for (path, fingerprint, bytes) in rendered.iter().filter_map(|result| result.as_ref().ok()) {
        pages += 1;
        if memo.get(path).is_none_or(|(known, _)| known != fingerprint) {
            memo.insert(path.clone(), (*fingerprint, bytes.clone()));
        }
    }
    if memo.len() > pages {
        let current: HashSet<&str> = rendered
            .iter()
            .filter_map(|result| result.as_ref().ok())
            .map(|(path, _, _)| path.as_str())
            .collect();
        memo.retain(|path, _| current.contains(path.as_str()));
    }
}

/// Write a rendered page out through `staging`, keeping only its path and element ids.
fn hand_over(
    staging: &Staging,
    (path, fingerprint, bytes): (String, u64, Bytes),
) -> (RenderedPage, Option<PageIds>) {
    if let Err(error) = staging.put(&path, &bytes) {
        return (Err(vec![write_problem(&error)]), None);
    }
    // Pages are rendered from Strings: checking is quicker than the lossy conversion's copy path.
    let ids = links::element_ids(std::str::from_utf8(&bytes).unwrap_or_default());
    (
        Ok((path.clone(), fingerprint, Bytes::new())),
        Some((path, ids)),
    )
}

pub(crate) fn write_problem(error: &crate::output::SyncError) -> Diagnostic {
    let cause = std::error::Error::source(error)
        .map(|c| c.to_string())
        .unwrap_or_default();
    Diagnostic::error("io", format!("{error}: {cause}"))
}

/// The fingerprint of a page from its inputs, for the kinds of page that have one: everything
/// the page's branch of [`page_context`] reads (keep the two in step; `tests/incremental.rs`
/// compares rebuilds with full builds), plus what every page gets.
fn input_fingerprint(inputs: &PageInputs, page: &Page, seed: u64) -> Option<u64> {
    let PageInputs {
        site,
        documents,
        views,
        entities,
        ..
    } = *inputs;
    let per_page = site.config.paginate_by;
    let specific = match page.kind {
        // The card, the Markdown's inputs (its memo key), the front matter fields shown beyond
        // the card, the briefings that include it.
        PageKind::Article(index) => {
            let article = &site.articles[index];
            let front = &article.doc.front;
            let briefings: Vec<(&str, &str, &str)> = article
                .briefings
                .iter()
                .map(|&b| {
                    let briefing = &site.briefings[b];
                    (
                        briefing.doc.front.title.as_str(),
                        briefing.url.as_str(),
                        briefing.doc.slug.as_str(),
                    )
                })
                .collect();
            crate::util::hash::fingerprint_of(&(
                (
                    views.article_card_hashes[index],
                    documents.article_keys[index],
                ),
                (
                    &front.updated,
                    &front.media,
                    &front.source,
                    &site.config.import.header_fields,
                ),
                (
                    briefings,
                    serde_json::to_string(&front.extra).unwrap_or_default(),
                    front.date_inferred,
                ),
            ))
        }
        // The entity's own part, and the cards and paginator of this page.
        PageKind::Entity(kind, index, number) => {
            let entity = &site.entities(kind)[index];
            let cards: Vec<u64> = page_slice(&entity.articles, number, per_page)
                .iter()
                .map(|&a| views.article_card_hashes[a])
                .collect();
            crate::util::hash::fingerprint_of(&(entities.of(kind)[index], number, per_page, cards))
        }
        // Every entity's link and count; their order follows from their names and slugs.
        PageKind::Entities(kind) => {
            let entities: Vec<(u64, usize)> = site
                .entities(kind)
                .iter()
                .zip(views.link_hashes(kind))
                .map(|(entity, &link)| (link, entity.articles.len()))
                .collect();
            crate::util::hash::fingerprint_of(&entities)
        }
        _ => return None,
    };
    Some(crate::util::hash::fingerprint_of(&(
        (page.kind_name(), seed, views.site_hash, &page.url),
        feeds::feed_url(site, page),
        specific,
    )))
}

/// For each person and topic, a fingerprint of what the `entity` value of its pages, their
/// title and description are made from (see the `Entity` branch of [`page_context`]).
struct EntityFingerprints {
    people: Vec<u64>,
    topics: Vec<u64>,
}

impl EntityFingerprints {
    fn new(site: &Site, documents: &RenderedDocuments, views: &Views) -> EntityFingerprints {
        let of = |kind: EntityKind| -> Vec<u64> {
            (0..site.entities(kind).len())
                .into_par_iter()
                .map(|index| entity_fingerprint(site, documents, views, kind, index))
                .collect()
        };
        EntityFingerprints {
            people: of(EntityKind::Person),
            topics: of(EntityKind::Topic),
        }
    }

    fn of(&self, kind: EntityKind) -> &[u64] {
        match kind {
            EntityKind::Person => &self.people,
            EntityKind::Topic => &self.topics,
        }
    }
}

fn entity_fingerprint(
    site: &Site,
    documents: &RenderedDocuments,
    views: &Views,
    kind: EntityKind,
    index: usize,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let entity = &site.entities(kind)[index];
    let bio = match kind {
        EntityKind::Person => &documents.people[index],
        EntityKind::Topic => &documents.topics[index],
    };
    let mut hasher = crate::util::hash::hasher();
    (kind, &entity.name, &entity.slug, &entity.url).hash(&mut hasher);
    (&entity.role, &entity.aliases).hash(&mut hasher);
    bio.as_ref().map(|bio| bio.html.as_str()).hash(&mut hasher);
    // The dates of all its articles give the date range and the coverage chart.
    entity.articles.len().hash(&mut hasher);
    for &article in &entity.articles {
        site.articles[article].doc.front.date.hash(&mut hasher);
    }
    for (related, of) in [
        (&entity.related_people, EntityKind::Person),
        (&entity.related_topics, EntityKind::Topic),
    ] {
        related.len().hash(&mut hasher);
        for &(other, count) in related {
            (views.link_hashes(of)[other], count).hash(&mut hasher);
        }
    }
    entity.briefings.len().hash(&mut hasher);
    for &briefing in &entity.briefings {
        views.briefing_card_hashes[briefing].hash(&mut hasher);
    }
    hasher.finish()
}

fn page_context(inputs: &PageInputs, page: &Page) -> PageValues {
    let PageInputs {
        site,
        documents,
        views,
        entity_values,
        ..
    } = *inputs;
    let mut context = PageValues::default();
    context.insert_fingerprinted("site", views.site.clone(), views.site_hash);
    context.insert("page_kind", page.kind_name());
    context.insert("current_path", &page.url);
    context.insert("permalink", &site.config.permalink(&page.url));
    context.insert("feed_url", &feeds::feed_url(site, page));
    let per_page = site.config.paginate_by;
    let (title, description) = match page.kind {
        PageKind::Home => {
            let limit = site.config.home_items;
            context.insert_value(
                "briefings",
                list(&views.briefing_cards[..limit.min(views.briefing_cards.len())]),
            );
            let latest: Vec<usize> = (0..limit.min(views.article_cards.len())).collect();
            insert_cards(&mut context, views, &latest);
            for kind in [EntityKind::Topic, EntityKind::Person] {
                context.insert_value(kind.section(), most_covered(site, kind, HOME_ENTITIES));
            }
            (site.config.title.clone(), site.config.description.clone())
        }
        PageKind::Article(index) => {
            let article = &site.articles[index];
            let rendered = &documents.articles[index];
            let front = &article.doc.front;
            let media: Vec<serde_json::Value> = front
                .media
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    json!({
                        "index": i + 1,
                        "caption": m.caption,
                        // The caption is shown beside the image: no alt repeats it.
                        "alt": m.alt.as_deref().unwrap_or_default(),
                        "credit": m.credit,
                        "kind": m.kind.as_deref().unwrap_or("photo"),
                        "src": m.src,
                        "placed": rendered.placed_media.contains(&(i + 1)),
                    })
                })
                .collect();
            let briefings: Vec<serde_json::Value> = article
                .briefings
                .iter()
                .map(|&b| {
                    let briefing = &site.briefings[b];
                    json!({"name": briefing.doc.front.title, "url": briefing.url, "slug": briefing.doc.slug})
                })
                .collect();
            let updated = front.updated.as_ref();
            let source = front.source.as_ref().map(|source| {
                Value::from_serializable(&json!({
                    "name": source.name,
                    "url": source.url,
                    "file": source.file,
                    "fields": source_fields(source, &site.config.import.header_fields),
                    "trailers": source.trailers,
                }))
            });
            // Built as Tera values: through `json!` every page paid a map of owned keys and a
            // conversion, and the body HTML was copied twice.
            let full = views::extend(
                &views.article_cards[index],
                [
                    ("word_count", Value::from(rendered.word_count)),
                    ("updated", Value::from(updated.map(|d| d.iso_date()))),
                    ("updated_display", Value::from(updated.map(|d| d.display()))),
                    ("updated_rfc3339", Value::from(updated.map(|d| d.rfc3339()))),
                    ("media", Value::from_serializable(&media)),
                    ("source", Value::from(source)),
                    ("briefings", Value::from_serializable(&briefings)),
                    ("extra", Value::from_serializable(&front.extra)),
                    ("date_inferred", Value::from(front.date_inferred)),
                    (
                        "summary_in_body",
                        Value::from(summary_in_body(&views.summaries[index], &rendered.html)),
                    ),
                    ("body_html", Value::from(rendered.html.as_str())),
                ],
            );
            context.insert_value("article", Value::from(full));
            (front.title.clone(), views.summaries[index].clone())
        }
        PageKind::Articles(number) => {
            let total = site.articles.len();
            let start = ((number - 1) * per_page).min(total);
            let on_page: Vec<usize> = (start..(start + per_page).min(total)).collect();
            insert_cards(&mut context, views, &on_page);
            context.insert_value(
                "paginator",
                paginator("/articles/", number, total, per_page),
            );
            (
                numbered("Articles", number),
                format!("All {total} articles"),
            )
        }
        PageKind::Briefing(index) => {
            let briefing = &site.briefings[index];
            let items: Vec<Value> = briefing
                .items
                .iter()
                .zip(&documents.briefing_notes[index])
                .map(|(item, note)| {
                    let mut map = tera::Map::new();
                    map.insert("article".into(), views.article_cards[item.article].clone());
                    map.insert(
                        "note_html".into(),
                        Value::from(note.as_ref().map_or("", |n| n.html.as_str())),
                    );
                    Value::from(map)
                })
                .collect();
            let full = views::extend(
                &views.briefing_cards[index],
                [
                    ("extra", Value::from_serializable(&briefing.doc.front.extra)),
                    (
                        "intro_html",
                        Value::from(documents.briefing_intros[index].html.as_str()),
                    ),
                    ("items", Value::from(items)),
                    (
                        "topics",
                        list_of(
                            briefing
                                .topics
                                .iter()
                                .map(|&t| views.topic_links[t].clone()),
                        ),
                    ),
                ],
            );
            let summary = full
                .get(&"summary".into())
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            context.insert_value("briefing", Value::from(full));
            (briefing.doc.front.title.clone(), summary)
        }
        PageKind::Briefings(number) => {
            let total = site.briefings.len();
            context.insert_value(
                "briefings",
                list(page_slice(&views.briefing_cards, number, per_page)),
            );
            context.insert_value(
                "paginator",
                paginator("/briefings/", number, total, per_page),
            );
            (
                numbered("Briefings", number),
                format!("All {total} briefings"),
            )
        }
        PageKind::Entity(kind, index, number) => {
            let entity = &site.entities(kind)[index];
            let description = entity.role.clone().unwrap_or_else(|| {
                format!("{} articles about {}", entity.articles.len(), entity.name)
            });
            let value = entity_values.get(kind, index, || {
                let rendered = match kind {
                    EntityKind::Person => &documents.people[index],
                    EntityKind::Topic => &documents.topics[index],
                };
                let dated = |position: Option<&usize>| {
                    position
                        .and_then(|&a| site.articles[a].doc.front.date.as_ref())
                        .map(|d| d.display())
                };
                let counted = |related: &[(usize, usize)], of: EntityKind| -> Vec<Value> {
                    related
                        .iter()
                        .map(|&(e, count)| views::counted_link(&site.entities(of)[e], count))
                        .collect()
                };
                let coverage = coverage(site, &entity.articles);
                // Articles are newest first: the last dated one is the earliest.
                let first_dated = entity
                    .articles
                    .iter()
                    .rev()
                    .find(|&&a| site.articles[a].doc.front.date.is_some());
                Value::from(views::map_of([
                    ("name", Value::from(entity.name.as_str())),
                    ("slug", Value::from(entity.slug.as_str())),
                    ("url", Value::from(entity.url.as_str())),
                    ("kind", Value::from(page.kind_name())),
                    ("role", Value::from(entity.role.as_deref())),
                    ("aliases", Value::from_serializable(&entity.aliases)),
                    (
                        "bio_html",
                        Value::from(rendered.as_ref().map_or("", |r| r.html.as_str())),
                    ),
                    ("article_count", Value::from(entity.articles.len())),
                    ("first_date_display", Value::from(dated(first_dated))),
                    (
                        "last_date_display",
                        Value::from(dated(entity.articles.first())),
                    ),
                    (
                        "coverage_max",
                        Value::from(coverage.iter().map(|month| month.count).max().unwrap_or(0)),
                    ),
                    ("coverage", Value::from_serializable(&coverage)),
                    (
                        "related_people",
                        Value::from(counted(&entity.related_people, EntityKind::Person)),
                    ),
                    (
                        "related_topics",
                        Value::from(counted(&entity.related_topics, EntityKind::Topic)),
                    ),
                    (
                        "briefings",
                        list_of(
                            entity
                                .briefings
                                .iter()
                                .map(|&b| views.briefing_cards[b].clone()),
                        ),
                    ),
                ]))
            });
            context.insert_value("entity", value);
            insert_cards(
                &mut context,
                views,
                page_slice(&entity.articles, number, per_page),
            );
            context.insert_value(
                "paginator",
                paginator(&entity.url, number, entity.articles.len(), per_page),
            );
            (numbered(&entity.name, number), description)
        }
        PageKind::Entities(kind) => {
            let mut entities: Vec<(usize, &crate::model::Entity)> =
                site.entities(kind).iter().enumerate().collect();
            entities.sort_by_cached_key(|(_, e)| {
                (crate::model::registry::name_key(&e.name), e.slug.clone())
            });
            let links: Vec<Value> = entities
                .iter()
                .map(|(_, e)| views::counted_link(e, e.articles.len()))
                .collect();
            context.insert_value(
                "initials",
                initials(entities.iter().map(|(_, e)| e.name.as_str()).zip(&links)),
            );
            context.insert_value("entities", Value::from(links));
            let title = match kind {
                EntityKind::Person => "People",
                EntityKind::Topic => "Topics",
            };
            (
                title.to_owned(),
                format!("{} {}", entities.len(), title.to_lowercase()),
            )
        }
        PageKind::Search => (
            "Search".to_owned(),
            format!(
                "Search the articles, people and topics of {}",
                site.config.title
            ),
        ),
        PageKind::NotFound => ("Page not found".to_owned(), String::new()),
    };
    context.insert("title", &title);
    context.insert("description", &description);
    context
}

/// Articles per month, every month from the first dated article to the last, for the coverage
/// chart of a topic or person page.
#[derive(serde::Serialize)]
struct CoverageMonth {
    month: String,
    label: String,
    count: usize,
}

/// Links grouped by the initial of their name (its first letter, upper-cased), the groups in
/// the order their first link comes: `[{letter, entities}]` for an index's jump bar. Grouped
/// here, as a template would pass over every link once per letter.
fn initials<'a>(links: impl Iterator<Item = (&'a str, &'a Value)>) -> Value {
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for (name, link) in links {
        let letter: String = name.chars().take(1).flat_map(char::to_uppercase).collect();
        let group = *group_of.entry(letter.clone()).or_insert_with(|| {
            groups.push((letter, Vec::new()));
            groups.len() - 1
        });
        groups[group].1.push(link.clone());
    }
    list_of(groups.into_iter().map(|(letter, entities)| {
        Value::from(views::map_of([
            ("letter", Value::from(letter)),
            ("entities", Value::from(entities)),
        ]))
    }))
}

/// Whether the body's HTML already holds the summary as text (`&`, `<` and `>` escaped as the
/// Markdown's HTML has them): a theme need not show it twice. A template's own `is containing`
/// test took a quarter of an article page's rendering time.
fn summary_in_body(summary: &str, html: &str) -> bool {
    let escaped;
    let text = if summary.contains(['&', '<', '>']) {
        escaped = summary
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        escaped.as_str()
    } else {
        summary
    };
    !text.is_empty() && memchr::memmem::find(html.as_bytes(), text.as_bytes()).is_some()
}

fn coverage(site: &Site, articles: &[usize]) -> Vec<CoverageMonth> {
    let mut counts = std::collections::BTreeMap::new();
    for date in articles
        .iter()
        .filter_map(|&a| site.articles[a].doc.front.date.as_ref())
    {
        *counts
            .entry((date.date.year(), date.date.month()))
            .or_insert(0) += 1;
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    let mut months = Vec::new();
    let (mut year, mut month) = first;
    while (year, month) <= last {
        let label = jiff::civil::date(year, month, 1)
            .strftime("%B %Y")
            .to_string();
        months.push(CoverageMonth {
            month: format!("{year:04}-{month:02}"),
            label,
            count: counts.get(&(year, month)).copied().unwrap_or(0),
        });
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    months
}

/// A source's header fields as `[{name, value}]`, in the order `[import] header_fields` names
/// them, then the others by name.
fn source_fields(source: &crate::content::Source, order: &[String]) -> Vec<serde_json::Value> {
    let mut fields: Vec<(&String, &String)> = source.fields.iter().collect();
    fields.sort_by_key(|(name, _)| {
        (
            order.iter().position(|n| n == *name).unwrap_or(usize::MAX),
            name.to_string(),
        )
    });
    fields
        .into_iter()
        .map(|(name, value)| json!({"name": name, "value": value}))
        .collect()
}

/// `articles`: the cards of these articles, fingerprinted from the cards' own fingerprints.
fn insert_cards(context: &mut PageValues, views: &Views, articles: &[usize]) {
    let value = list_of(articles.iter().map(|&a| views.article_cards[a].clone()));
    let fingerprints: Vec<u64> = articles
        .iter()
        .map(|&a| views.article_card_hashes[a])
        .collect();
    context.insert_fingerprinted(
        "articles",
        value,
        crate::util::hash::fingerprint_of(&fingerprints),
    );
}

fn list(values: &[Value]) -> Value {
    Value::from(values.to_vec())
}

fn list_of(values: impl Iterator<Item = Value>) -> Value {
    Value::from(values.collect::<Vec<_>>())
}

fn numbered(title: &str, number: usize) -> String {
    if number > 1 {
        format!("{title} (page {number})")
    } else {
        title.to_owned()
    }
}

/// The items of page `number` (1-based).
fn page_slice<T>(items: &[T], number: usize, per_page: usize) -> &[T] {
    let start = ((number - 1) * per_page).min(items.len());
    &items[start..(start + per_page).min(items.len())]
}

fn paginator(base: &str, number: usize, total_items: usize, per_page: usize) -> Value {
    let total_pages = pages::page_count(total_items, per_page);
    Value::from_serializable(&json!({
        "number": number,
        "total_pages": total_pages,
        "total_items": total_items,
        "first_url": base,
        "last_url": pages::page_url(base, total_pages),
        "previous_url": (number > 1).then(|| pages::page_url(base, number - 1)),
        "next_url": (number < total_pages).then(|| pages::page_url(base, number + 1)),
        "window": pager_window(base, number, total_pages),
    }))
}

/// The page links a pager shows: the first and the last page, the current one and its
/// neighbours, and a gap (`{"gap": true}`) where pages are left out. Made here so that a template
/// does not loop over every page number on every page, which is quadratic in the number of pages
/// (2,500 pages of `/articles/` at 50,000 articles).
fn pager_window(base: &str, number: usize, total_pages: usize) -> Vec<serde_json::Value> {
    let mut shown: Vec<usize> = [1, total_pages]
        .into_iter()
        .chain(number.saturating_sub(2)..=number + 2)
        .filter(|&n| (1..=total_pages).contains(&n))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    shown
        .into_iter()
        .filter_map(|n| {
            if n == 1 || n == total_pages || n.abs_diff(number) <= 1 {
                Some(json!({"number": n, "url": pages::page_url(base, n), "current": n == number}))
            } else if n.abs_diff(number) == 2 {
                Some(json!({"gap": true}))
            } else {
                None
            }
        })
        .collect()
}

/// Counted links to the `limit` entities with most articles.
fn most_covered(site: &Site, kind: EntityKind, limit: usize) -> Value {
    let mut ranked: Vec<&crate::model::Entity> = site.entities(kind).iter().collect();
    ranked.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then_with(|| a.slug.cmp(&b.slug))
    });
    list_of(
        ranked
            .into_iter()
            .take(limit)
            .map(|e| views::counted_link(e, e.articles.len())),
    )
}

/// The site's `static/` files, then the theme's files the site does not replace, then the
/// highlight stylesheet.
fn add_static_files(site: &Site, root: &Path, output: &mut Output, diagnostics: &mut Diagnostics) {
    let (files, problems) = crate::inputs::files(
        root,
        crate::inputs::Folder::Static,
        Path::new(STATIC_DIR),
        |_| true,
    );
    diagnostics.extend(problems);
    for file in files {
        let path = crate::inputs::slash_path(Path::new(STATIC_DIR), &file);
        match std::fs::read(root.join(&file)) {
            Ok(bytes) => {
                if !output.insert(path.clone(), bytes) {
                    diagnostics.push(
                        Diagnostic::error(
                            "duplicate-url",
                            format!("static file /{path} has the URL of a generated page"),
                        )
                        .in_file(file),
                    );
                }
            }
            Err(error) => diagnostics.push(
                Diagnostic::error("io", format!("cannot read the static file: {error}"))
                    .in_file(file),
            ),
        }
    }
    for (path, bytes) in templates::theme::STATIC {
        if !output.files.contains_key(*path) {
            output.insert((*path).to_owned(), bytes.to_vec());
        }
    }
    if !output.files.contains_key("highlight.css") {
        match crate::highlight::stylesheet(&site.config.markdown.highlight_theme) {
            Ok(css) => {
                output.insert("highlight.css".to_owned(), css.into_bytes());
            }
            Err(error) => diagnostics.push(
                Diagnostic::error("config", error.to_string()).in_file(crate::config::CONFIG_FILE),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window as page numbers, 0 for a gap.
    fn window(number: usize, total_pages: usize) -> Vec<usize> {
        pager_window("/articles/", number, total_pages)
            .iter()
            .map(|link| link["number"].as_u64().unwrap_or(0) as usize)
            .collect()
    }

    #[test]
    fn initials_group_links_by_upper_cased_first_letter_in_order_of_appearance() {
        let names = ["alba", "Émile", "Ada", "Zoë", "eva", "Éric"];
        let links: Vec<Value> = names.iter().map(|&n| Value::from(n)).collect();
        let groups = initials(names.into_iter().zip(&links));
        let groups: Vec<(String, Vec<String>)> = groups
            .as_array()
            .unwrap()
            .iter()
            .map(|group| {
                let group = group.as_map().unwrap();
                let letter = group.get(&"letter".into()).unwrap().as_str().unwrap();
                let names = group.get(&"entities".into()).unwrap().as_array().unwrap();
                let names = names.iter().map(|n| n.as_str().unwrap().to_owned());
                (letter.to_owned(), names.collect())
            })
            .collect();
        let expected = [
            ("A", vec!["alba", "Ada"]),
            ("É", vec!["Émile", "Éric"]),
            ("Z", vec!["Zoë"]),
            ("E", vec!["eva"]),
        ];
        let expected: Vec<(String, Vec<String>)> = expected
            .iter()
            .map(|(l, n)| (l.to_string(), n.iter().map(|n| n.to_string()).collect()))
            .collect();
        assert_eq!(groups, expected);
    }

    #[test]
    fn interleaved_takes_one_page_from_each_half_in_turn_and_misses_none() {
        let pages = |count: usize| -> Vec<Page> {
            (1..=count)
                .map(|n| Page {
                    url: format!("/articles/page/{n}/"),
                    kind: PageKind::Articles(n),
                })
                .collect()
        };
        let order = |count: usize| -> Vec<usize> {
            interleaved(&pages(count))
                .map(|page| match page.kind {
                    PageKind::Articles(n) => n,
                    _ => unreachable!(),
                })
                .collect()
        };
        assert_eq!(order(5), [1, 4, 2, 5, 3]);
        assert_eq!(order(4), [1, 3, 2, 4]);
        assert_eq!(order(1), [1]);
        assert!(order(0).is_empty());
    }

    #[test]
    fn summary_in_body_finds_the_summary_as_the_body_html_has_it() {
        let html = "<p>Talks resume in Geneva &amp; Vienna on &lt;Monday&gt;.</p>\n";
        assert!(summary_in_body("Talks resume in Geneva & Vienna", html));
        assert!(summary_in_body("on <Monday>.", html));
        assert!(!summary_in_body("Talks resume in Paris", html));
        assert!(!summary_in_body("", html));
    }

    #[test]
    fn pager_window_shows_ends_current_and_neighbours() {
        assert_eq!(window(1, 1), [1]);
        assert_eq!(window(2, 3), [1, 2, 3]);
        assert_eq!(window(1, 10), [1, 2, 0, 10]);
        assert_eq!(window(5, 50), [1, 0, 4, 5, 6, 0, 50]);
        assert_eq!(window(50, 50), [1, 0, 49, 50]);
        let current = pager_window("/articles/", 5, 50);
        assert_eq!(current[3]["url"], "/articles/page/5/");
        assert_eq!(current[3]["current"], true);
        assert_eq!(current[0]["url"], "/articles/");
    }
}
