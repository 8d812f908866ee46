//! Loading `content/`: every Markdown file read, split and parsed, all problems collected.

pub mod article;
pub mod briefing;
pub mod date;
pub mod frontmatter;
pub mod page;
pub mod profile;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

pub use article::{ArticleFrontMatter, Media, Source};
pub use briefing::{BriefingFrontMatter, BriefingItem};
pub use date::DateValue;
pub use page::PageFrontMatter;
pub use profile::{PersonFrontMatter, TopicFrontMatter};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::inputs::{self, Folder};

pub use crate::inputs::CONTENT_DIR;

/// One parsed content file, without its body (see [`Text`]): what the model keeps.
#[derive(Debug, Clone)]
pub struct Document<F> {
    /// Path relative to the site root, e.g. `content/articles/geneva.md`.
    pub path: PathBuf,
    /// Path relative to `content/` with `/` separators, as `@/` links name it.
    pub content_path: String,
    pub front: F,
    /// The front matter text, kept to position problems found after parsing.
    pub yaml: String,
    pub yaml_line: usize,
    /// The line where the body starts.
    pub body_line: usize,
    /// The URL segment: front matter `slug`, else the file name, slugified.
    pub slug: String,
}

/// A Markdown text (a body, or a briefing item's note) with its fingerprint, made once when the
/// text is read: the Markdown stage needs the text, everything else only whether it changed.
/// Immutable, so the fingerprint can never go stale; hashing a `Text` hashes the fingerprint.
#[derive(Debug, Clone)]
pub struct Text {
    body: Arc<str>,
    pub key: TextKey,
    /// The text's words (`util::words`), worked out on first use and shared by the clones of
    /// the text: `brief serve` keeps the texts of unchanged files, so their words are not
    /// worked out again when stories are grouped after an edit.
    words: Arc<OnceLock<Box<[u32]>>>,
}

impl Text {
    pub fn new(body: &str) -> Text {
        Text {
            key: TextKey::of(body),
            body: body.into(),
            words: Arc::default(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.body
    }

    /// The hashes of the distinct words of the text, sorted (see [`crate::util::words`]).
    pub fn words(&self) -> &[u32] {
        self.words
            .get_or_init(|| crate::util::words::word_hashes(&self.body).into_boxed_slice())
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

/// A content file as loaded: its document, shared by the loader and the model, and its body.
#[derive(Debug, Clone)]
pub struct ContentFile<F> {
    pub doc: Arc<Document<F>>,
    pub text: Text,
}

/// What the Markdown memo needs to know of a text without reading it again (`brief serve`
/// rebuilds would otherwise hash every body of the site per edit): a hash of the text, and
/// whether it has `@/` links, whose targets are then part of what it renders to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TextKey {
    pub hash: u64,
    pub content_links: bool,
}

impl TextKey {
    pub fn of(text: &str) -> TextKey {
        TextKey {
            hash: crate::util::hash::fingerprint_of(text),
            content_links: TextKey::may_link_to_content(text),
        }
    }

    /// Whether `text` may hold `@/` links (to other content files).
    pub fn may_link_to_content(text: &str) -> bool {
        text.contains("@/")
    }
}

impl<F> Document<F> {
    /// A diagnostic for this file, at the `key: value` line of its front matter when found.
    pub fn diagnostic_at(
        &self,
        diagnostic: Diagnostic,
        key: &str,
        value: Option<&str>,
    ) -> Diagnostic {
        let (line, column) =
            frontmatter::locate(&self.yaml, self.yaml_line, key, value).unwrap_or((1, 1));
        diagnostic.in_file(&self.path).at(line, column)
    }
}

pub type ArticleDoc = Document<ArticleFrontMatter>;
pub type BriefingDoc = Document<BriefingFrontMatter>;
pub type PersonDoc = Document<PersonFrontMatter>;
pub type TopicDoc = Document<TopicFrontMatter>;
pub type PageDoc = Document<PageFrontMatter>;

/// One value for each kind of content file: the one list of the kinds of content, which
/// loading, `brief serve`'s incremental reading and the model all go through. `S` says what
/// the value for a kind is ([`Files`]: its loaded files).
///
/// To add a kind: a field here, a line in [`Sections::make`] and [`Sections::each`] (the
/// compiler asks for both), its front matter type with its [`FrontMatter`] impl, and what the
/// model and the render make of it.
pub struct Sections<S: Section> {
    pub articles: S::Of<ArticleFrontMatter>,
    pub briefings: S::Of<BriefingFrontMatter>,
    pub people: S::Of<PersonFrontMatter>,
    pub topics: S::Of<TopicFrontMatter>,
    pub pages: S::Of<PageFrontMatter>,
}

/// What a [`Sections`] holds for each kind of content, by its front matter type.
pub trait Section {
    type Of<F: FrontMatter>;
}

/// Makes a section's value, for [`Sections::make`].
pub trait MakeSection<S: Section> {
    fn make<F: FrontMatter>(&mut self) -> S::Of<F>;
}

/// Visits a section's value, for [`Sections::each`].
pub trait VisitSection<S: Section> {
    fn visit<F: FrontMatter>(&mut self, section: &mut S::Of<F>);
}

impl<S: Section> Sections<S> {
    pub fn make(maker: &mut impl MakeSection<S>) -> Sections<S> {
        Sections {
            articles: maker.make(),
            briefings: maker.make(),
            people: maker.make(),
            topics: maker.make(),
            pages: maker.make(),
        }
    }

    pub fn each(&mut self, visitor: &mut impl VisitSection<S>) {
        visitor.visit::<ArticleFrontMatter>(&mut self.articles);
        visitor.visit::<BriefingFrontMatter>(&mut self.briefings);
        visitor.visit::<PersonFrontMatter>(&mut self.people);
        visitor.visit::<TopicFrontMatter>(&mut self.topics);
        visitor.visit::<PageFrontMatter>(&mut self.pages);
    }
}

/// The loaded files of each kind, sorted by path.
pub struct Files;

impl Section for Files {
    type Of<F: FrontMatter> = Vec<ContentFile<F>>;
}

/// Everything under `content/`.
pub type Content = Sections<Files>;

impl Default for Content {
    fn default() -> Content {
        Sections {
            articles: Vec::new(),
            briefings: Vec::new(),
            people: Vec::new(),
            topics: Vec::new(),
            pages: Vec::new(),
        }
    }
}

impl Clone for Content {
    fn clone(&self) -> Content {
        Sections {
            articles: self.articles.clone(),
            briefings: self.briefings.clone(),
            people: self.people.clone(),
            topics: self.topics.clone(),
            pages: self.pages.clone(),
        }
    }
}

impl std::fmt::Debug for Content {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Content")
            .field("articles", &self.articles.len())
            .field("briefings", &self.briefings.len())
            .field("people", &self.people.len())
            .field("topics", &self.topics.len())
            .field("pages", &self.pages.len())
            .finish()
    }
}

/// What every front matter type tells about its file: where files of its kind live, and the
/// fields loading and the model read. No defaults: a new kind says each.
pub trait FrontMatter: DeserializeOwned + Clone + Send + Sync + 'static {
    /// The folder under `content/` that holds this kind.
    const FOLDER: &'static str;
    /// This kind's value in `sections`.
    fn of<S: Section>(sections: &Sections<S>) -> &S::Of<Self>;
    fn slug(&self) -> Option<&str>;
    fn draft(&self) -> bool;
    fn date(&self) -> Option<&DateValue>;
    /// The field that names the document (`title`, or a profile's `name`): it may not be blank.
    fn heading(&self) -> (&'static str, &str);
    /// Names of people and topics, with the key they are written under: each must give a URL
    /// segment.
    fn names(&self) -> Vec<(&'static str, &str)>;
    /// URLs the editor wrote, with their keys: each must pass [`crate::util::urls::check_link`].
    fn links(&self) -> Vec<(&'static str, &str)>;
}

/// A text field that YAML's `null` (`~`, or nothing after the key) leaves blank, for
/// [`validate`] to refuse: read as a string it would be the word `null`.
fn null_as_blank<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    use serde::Deserialize;
    Option::<String>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// A profile's name and aliases, for [`FrontMatter::names`].
fn profile_names<'a>(name: &'a str, aliases: &'a [String]) -> Vec<(&'static str, &'a str)> {
    std::iter::once(("name", name))
        .chain(keyed("aliases", aliases))
        .collect()
}

/// `names` written under `key`, for [`FrontMatter::names`].
fn keyed<'a>(
    key: &'static str,
    names: &'a [String],
) -> impl Iterator<Item = (&'static str, &'a str)> {
    names.iter().map(move |name| (key, name.as_str()))
}

impl FrontMatter for ArticleFrontMatter {
    const FOLDER: &'static str = "articles";
    fn of<S: Section>(sections: &Sections<S>) -> &S::Of<Self> {
        &sections.articles
    }
    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }
    fn draft(&self) -> bool {
        self.draft
    }
    fn date(&self) -> Option<&DateValue> {
        self.date.as_ref()
    }
    fn heading(&self) -> (&'static str, &str) {
        ("title", &self.title)
    }
    fn names(&self) -> Vec<(&'static str, &str)> {
        keyed("topics", &self.topics)
            .chain(keyed("people", &self.people))
            .chain(keyed("authors", &self.authors))
            .collect()
    }
    fn links(&self) -> Vec<(&'static str, &str)> {
        let source = self
            .source
            .iter()
            .filter_map(|source| source.url.as_deref());
        let media = self.media.iter().filter_map(|media| media.src.as_deref());
        let thumbnails = (self.media.iter()).filter_map(|media| media.thumbnail.as_deref());
        source
            .map(|url| ("url", url))
            .chain(media.map(|src| ("src", src)))
            .chain(thumbnails.map(|thumbnail| ("thumbnail", thumbnail)))
            .collect()
    }
}

impl FrontMatter for BriefingFrontMatter {
    const FOLDER: &'static str = "briefings";
    fn of<S: Section>(sections: &Sections<S>) -> &S::Of<Self> {
        &sections.briefings
    }
    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }
    fn draft(&self) -> bool {
        self.draft
    }
    fn date(&self) -> Option<&DateValue> {
        self.date.as_ref()
    }
    fn heading(&self) -> (&'static str, &str) {
        ("title", &self.title)
    }
    fn names(&self) -> Vec<(&'static str, &str)> {
        keyed("topics", &self.topics)
            .chain(keyed("authors", &self.authors))
            .collect()
    }
    fn links(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }
}

/// Profiles are named by their file, are never drafts, and have no date.
impl FrontMatter for PersonFrontMatter {
    const FOLDER: &'static str = "people";
    fn of<S: Section>(sections: &Sections<S>) -> &S::Of<Self> {
        &sections.people
    }
    fn slug(&self) -> Option<&str> {
        None
    }
    fn draft(&self) -> bool {
        false
    }
    fn date(&self) -> Option<&DateValue> {
        None
    }
    fn heading(&self) -> (&'static str, &str) {
        ("name", &self.name)
    }
    fn names(&self) -> Vec<(&'static str, &str)> {
        profile_names(&self.name, &self.aliases)
    }
    fn links(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }
}

impl FrontMatter for TopicFrontMatter {
    const FOLDER: &'static str = "topics";
    fn of<S: Section>(sections: &Sections<S>) -> &S::Of<Self> {
        &sections.topics
    }
    fn slug(&self) -> Option<&str> {
        None
    }
    fn draft(&self) -> bool {
        false
    }
    fn date(&self) -> Option<&DateValue> {
        None
    }
    fn heading(&self) -> (&'static str, &str) {
        ("name", &self.name)
    }
    fn names(&self) -> Vec<(&'static str, &str)> {
        profile_names(&self.name, &self.aliases)
    }
    fn links(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }
}

/// Pages are dated by `updated` alone: a page is never embargoed.
impl FrontMatter for PageFrontMatter {
    const FOLDER: &'static str = "pages";
    fn of<S: Section>(sections: &Sections<S>) -> &S::Of<Self> {
        &sections.pages
    }
    fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }
    fn draft(&self) -> bool {
        self.draft
    }
    fn date(&self) -> Option<&DateValue> {
        None
    }
    fn heading(&self) -> (&'static str, &str) {
        ("title", &self.title)
    }
    fn names(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }
    fn links(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }
}

/// Load all of `root/content`. Drafts are left out unless `include_drafts`.
pub fn load(root: &Path, include_drafts: bool) -> (Content, Diagnostics) {
    let mut loader = Loader {
        root,
        include_drafts,
        diagnostics: Diagnostics::new(),
    };
    let content = Sections::make(&mut loader);
    let mut diagnostics = loader.diagnostics;
    diagnostics.extend(stray_files(root));
    (content, diagnostics)
}

/// The folder of each kind of content.
struct FolderNames;

impl Section for FolderNames {
    type Of<F: FrontMatter> = &'static str;
}

impl MakeSection<FolderNames> for FolderNames {
    fn make<F: FrontMatter>(&mut self) -> &'static str {
        F::FOLDER
    }
}

impl VisitSection<FolderNames> for Vec<&'static str> {
    fn visit<F: FrontMatter>(&mut self, folder: &mut &'static str) {
        self.push(folder);
    }
}

/// The folders under `content/` that brief reads, in order.
pub fn folders() -> Vec<&'static str> {
    let mut names = Vec::new();
    Sections::make(&mut FolderNames).each(&mut names);
    names.sort_unstable();
    names
}

/// Every Markdown file under `content/` outside the folders brief reads, each an error naming
/// them: a file that is never published must not go unnoticed.
pub fn stray_files(root: &Path) -> Vec<Diagnostic> {
    let folders = folders();
    let content = Path::new(CONTENT_DIR);
    let listing = inputs::entries(root, Folder::Content, content);
    let mut problems = listing.problems;
    let mut stray: Vec<PathBuf> = listing
        .files
        .into_iter()
        .filter(|f| is_markdown(f))
        .collect();
    for folder in &listing.folders {
        let known = folder
            .file_name()
            .is_some_and(|name| folders.iter().any(|known| name == *known));
        if !known {
            let (files, more) = inputs::files(root, Folder::Content, folder, is_markdown);
            stray.extend(files);
            problems.extend(more);
        }
    }
    let places: Vec<String> = folders
        .iter()
        .map(|f| format!("{CONTENT_DIR}/{f}/"))
        .collect();
    let (last, others) = places.split_last().expect("there are kinds of content");
    problems.extend(stray.into_iter().map(|file| {
        let stem = file.file_stem().unwrap_or_default().to_string_lossy();
        Diagnostic::error(
            "unknown-file",
            format!(
                "brief does not read this file: Markdown goes in {} or {last} (for a page of its own, such as About: {CONTENT_DIR}/pages/{}.md)",
                others.join(", "),
                slug::slugify(&stem),
            ),
        )
        .in_file(file)
    }));
    problems
}

struct Loader<'a> {
    root: &'a Path,
    include_drafts: bool,
    diagnostics: Diagnostics,
}

impl MakeSection<Files> for Loader<'_> {
    fn make<F: FrontMatter>(&mut self) -> Vec<ContentFile<F>> {
        load_section(self.root, self.include_drafts, &mut self.diagnostics)
    }
}

/// The Markdown files of one section (absolute paths, sorted) and the problems met listing them.
pub fn section_files<F: FrontMatter>(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let start = Path::new(CONTENT_DIR).join(F::FOLDER);
    let (files, problems) = inputs::files(root, Folder::Content, &start, is_markdown);
    (files.iter().map(|file| root.join(file)).collect(), problems)
}

/// Whether a file of `content/` is a document.
pub fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "md")
}

/// The files of one section of `content/` (`articles`, `people`…), in path order; drafts only
/// with `include_drafts`. Problems go to `diagnostics`.
pub fn load_section<F: FrontMatter>(
    root: &Path,
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<ContentFile<F>> {
    let (files, problems) = section_files::<F>(root);
    diagnostics.extend(problems);
    let results: Vec<Result<ContentFile<F>, Diagnostic>> = files
        .par_iter()
        .map(|path| {
            let relative = path.strip_prefix(root).unwrap_or(path);
            let bytes = std::fs::read(path).map_err(|error| {
                Diagnostic::error("io", format!("cannot read the file: {error}")).in_file(relative)
            })?;
            parse_document(relative, &bytes)
        })
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(file) if include_drafts || !file.doc.front.draft() => documents.push(file),
            Ok(_) => {}
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    documents
}

/// What serde cannot check of parsed front matter: a blank title or name, a person or topic
/// name that gives no URL segment (it would be dropped), a URL that could run script. The
/// first problem is returned, at the line of its key in the file at `path`.
fn validate<F: FrontMatter>(
    front: &F,
    split: &frontmatter::Split<'_>,
    path: &Path,
) -> Result<(), Diagnostic> {
    let at = |diagnostic: Diagnostic, key: &str, value: Option<&str>| {
        let (line, column) = frontmatter::locate(split.yaml, split.yaml_line, key, value)
            .or_else(|| frontmatter::locate(split.yaml, split.yaml_line, key, None))
            .unwrap_or((split.yaml_line, 1));
        diagnostic.in_file(path).at(line, column)
    };
    let (key, heading) = front.heading();
    if heading.trim().is_empty() {
        let message = format!("`{key}` is empty: every page needs one");
        return Err(at(Diagnostic::error("front-matter", message), key, None));
    }
    let names = front.names();
    if let Some((key, name)) = names
        .iter()
        .find(|(_, name)| slug::slugify(name).is_empty())
    {
        let message = format!(
            "the name `{name}` has no letters or digits, so it gives no page: write it out"
        );
        return Err(at(
            Diagnostic::error("front-matter", message),
            key,
            Some(name),
        ));
    }
    for (key, url) in front.links() {
        if let Err(reason) = crate::util::urls::check_link(url) {
            let message = format!("the URL `{url}` is refused: {reason}");
            return Err(at(Diagnostic::error("unsafe-url", message), key, Some(url)));
        }
    }
    Ok(())
}

/// Parse one content file; `path` is relative to the site root and starts with `content/`.
pub fn parse_document<F: FrontMatter>(
    path: &Path,
    bytes: &[u8],
) -> Result<ContentFile<F>, Diagnostic> {
    let text =
        crate::diagnostics::decode_utf8(bytes).map_err(|diagnostic| diagnostic.in_file(path))?;
    let front_matter_error = |error: frontmatter::FrontMatterError| {
        Diagnostic::error("front-matter", error.message)
            .in_file(path)
            .at(error.line, error.column)
    };
    let split = frontmatter::split(text).map_err(front_matter_error)?;
    let front: F = frontmatter::parse(split.yaml, split.yaml_line).map_err(front_matter_error)?;
    validate(&front, &split, path)?;
    let content_path = path
        .strip_prefix(CONTENT_DIR)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let slug = match front.slug() {
        Some(slug) => {
            if slug.is_empty() || slug::slugify(slug) != slug {
                let (line, column) = frontmatter::locate(split.yaml, split.yaml_line, "slug", None)
                    .unwrap_or((split.yaml_line, 1));
                return Err(Diagnostic::error(
                    "front-matter",
                    format!(
                        "invalid slug `{slug}`: use lowercase letters, digits and single hyphens, such as `{}`",
                        slug::slugify(slug)
                    ),
                )
                .in_file(path)
                .at(line, column));
            }
            slug.to_owned()
        }
        None => slug::slugify(&stem),
    };
    if slug.is_empty() {
        return Err(Diagnostic::error(
            "front-matter",
            "the file name gives an empty slug: rename the file or set `slug`",
        )
        .in_file(path)
        .at(1, 1));
    }
    Ok(ContentFile {
        doc: Arc::new(Document {
            path: path.to_path_buf(),
            content_path,
            front,
            yaml: split.yaml.to_owned(),
            yaml_line: split.yaml_line,
            body_line: split.body_line,
            slug,
        }),
        text: Text::new(split.body),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_article(text: &str) -> Result<ContentFile<ArticleFrontMatter>, Diagnostic> {
        parse_document(
            Path::new("content/articles/Geneva Talks.md"),
            text.as_bytes(),
        )
    }

    #[test]
    fn slug_from_file_name_and_content_path() {
        let file = parse_article("---\ntitle: T\ndate: 2022-01-09\n---\nBody\n").unwrap();
        assert_eq!(file.doc.slug, "geneva-talks");
        assert_eq!(file.doc.content_path, "articles/Geneva Talks.md");
        assert_eq!(file.doc.body_line, 5);
        assert_eq!(file.text.as_str(), "Body\n");
    }

    #[test]
    fn bad_date_is_positioned() {
        let error = parse_article("---\ntitle: T\ndate: 2022-13-45\n---\n").unwrap_err();
        assert_eq!((error.line, error.column), (3, 7), "{error}");
        assert!(error.message.contains("invalid date"), "{error}");
    }

    #[test]
    fn invalid_slug_is_positioned() {
        let error = parse_article("---\ntitle: T\nslug: Not A Slug\n---\n").unwrap_err();
        assert_eq!((error.line, error.column), (3, 7));
    }

    #[test]
    fn a_blank_or_null_title_is_an_error_at_the_title() {
        for title in ["\"\"", "\"  \"", "null", "~", ""] {
            let error = parse_article(&format!("---\ndate: 2022-01-09\ntitle: {title}\n---\n"))
                .unwrap_err();
            assert_eq!(error.line, 3, "{title}: {error}");
            assert!(error.message.contains("`title`"), "{title}: {error}");
        }
        let profile = parse_document::<PersonFrontMatter>(
            Path::new("content/people/x.md"),
            b"---\nname: \"\"\n---\n",
        );
        assert_eq!(profile.unwrap_err().line, 2);
    }

    #[test]
    fn a_name_that_gives_no_page_is_an_error() {
        let error = parse_article("---\ntitle: T\npeople: [Ann]\ntopics: [Energy, \"!!!\"]\n---\n")
            .unwrap_err();
        assert_eq!(error.line, 4, "{error}");
        assert!(error.message.contains("`!!!`"), "{error}");
        let error = parse_document::<TopicFrontMatter>(
            Path::new("content/topics/x.md"),
            b"---\nname: X\naliases:\n  - \"--\"\n---\n",
        )
        .unwrap_err();
        assert_eq!(error.line, 3, "{error}");
    }

    #[test]
    fn urls_that_could_run_script_are_errors_at_the_url() {
        let error = parse_article(
            "---\ntitle: T\nsource:\n  name: Wire\n  url: \"javascript:alert(1)\"\n---\n",
        )
        .unwrap_err();
        assert_eq!(
            (error.line, error.column, error.code),
            (5, 8, "unsafe-url"),
            "{error}"
        );
        let error = parse_article(
            "---\ntitle: T\nmedia:\n  - caption: A\n    src: /a.jpg\n  - caption: B\n    src: data:image/svg+xml,x\n---\n",
        )
        .unwrap_err();
        assert_eq!((error.line, error.column), (7, 10), "{error}");
        assert!(
            parse_article("---\ntitle: T\nsource:\n  url: https://example.org/a\nmedia:\n  - caption: A\n    src: ../a.jpg\n---\n")
                .is_ok()
        );
    }

    #[test]
    fn a_file_name_that_gives_no_slug_is_an_error_at_the_start() {
        let error = parse_document::<ArticleFrontMatter>(
            Path::new("content/articles/!!!.md"),
            b"---\ntitle: T\n---\n",
        )
        .unwrap_err();
        assert_eq!((error.line, error.column), (1, 1), "{error}");
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let error = parse_document::<ArticleFrontMatter>(
            Path::new("content/articles/a.md"),
            b"---\ntitle: caf\xe9\n---\n",
        )
        .unwrap_err();
        assert!(error.message.contains("offset 14"), "{error}");
        assert_eq!(error.line, 2);
    }
}
