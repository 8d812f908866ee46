//! `brief import`: raw news text → `content/articles/<slug>.md`, losing nothing.
//!
//! [`Importer::import_text`] turns one raw text into a content file, in memory and without
//! side effects; [`run`] does it for a batch of files: read, import (in parallel), then decide
//! and write each output in input order (atomically, never over an editor's changes without
//! `force`).
//!
//! An output identical to the file on disk is "unchanged" (the importer is deterministic). One
//! that differs is "updated" when the file on disk is exactly what the importer last wrote
//! there (its hash is in the folder's hidden [`manifest`]): nobody touched it, and profiles or
//! settings changed. Otherwise an editor changed it, and it is kept unless `force`. Nothing
//! extra is stored in the article.

pub mod blocks;
pub mod builtin;
pub mod dates;
mod east_asian;
pub mod entities;
pub mod eval;
pub mod figures;
mod lexicon;
pub mod manifest;
mod names;
pub mod write;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::{Config, ImportConfig, MarkdownConfig, Overrides};
use crate::content::{
    self, ArticleFrontMatter, DateValue, PersonFrontMatter, Source, TopicFrontMatter, frontmatter,
};
use crate::diagnostics::{Diagnostic, Diagnostics, line_column};
use crate::model::registry::{NameClash, ProfileNames, Registry};

use blocks::{Block, Emptiness, RawArticle};
use entities::Extractor;
use manifest::Manifest;

/// Why one input could not be imported. Each is reported on that input's status line; the
/// batch goes on.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("no such file or folder")]
    NotFound,
    #[error("cannot read the file: {0}")]
    Read(#[source] std::io::Error),
    #[error("the file is empty")]
    Empty,
    #[error("the file holds only whitespace")]
    Blank,
    #[error(
        "not valid UTF-8: byte 0x{byte:02X} at offset {offset} (line {line}, column {column}); \
         pass --encoding (such as windows-1252) to decode it"
    )]
    NotUtf8 {
        offset: usize,
        byte: u8,
        line: usize,
        column: usize,
    },
    #[error("not valid {encoding}: malformed bytes at offset {offset}")]
    Decode {
        encoding: &'static str,
        offset: usize,
    },
    #[error("cannot write the front matter: {0}")]
    Yaml(String),
    #[error("cannot read {}: {source}", .path.display())]
    ReadOutput {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// One raw text, imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub slug: String,
    pub front: ArticleFrontMatter,
    pub body: String,
    /// The whole content file.
    pub markdown: String,
}

/// Imports raw texts with a site's settings and profiles. Build once per batch.
#[derive(Debug, Clone)]
pub struct Importer {
    config: ImportConfig,
    extractor: Extractor,
    /// `--date`: the date of articles whose header has none.
    date: Option<Date>,
    /// Whether the site renders straight quotes, `--` and `...` typographically, so the
    /// importer must escape them.
    smart_punctuation: bool,
}

impl Importer {
    pub fn new(config: ImportConfig, extractor: Extractor, smart_punctuation: bool) -> Importer {
        Importer {
            config,
            extractor,
            date: None,
            smart_punctuation,
        }
    }

    /// An importer with the default settings and no profiles.
    pub fn without_site() -> Importer {
        Importer::new(
            ImportConfig::default(),
            Extractor::without_profiles(),
            MarkdownConfig::default().smart_punctuation,
        )
    }

    /// The importer of the site at `root`: its `[import]` and `[markdown]` settings, and its
    /// person and topic profiles. Problems in profiles are returned as warnings: the import
    /// goes on without them.
    pub fn for_site(root: &Path) -> Result<(Importer, Diagnostics), Diagnostic> {
        let config = Config::load(root, &Overrides::default())?;
        let mut warnings = Diagnostics::new();
        let people: Vec<content::ContentFile<PersonFrontMatter>> =
            content::load_section(root, true, &mut warnings);
        let topics: Vec<content::ContentFile<TopicFrontMatter>> =
            content::load_section(root, true, &mut warnings);
        let (person_registry, problems) =
            Registry::from_profiles(people.iter().map(|file| ProfileNames {
                slug: &file.doc.slug,
                name: &file.doc.front.name,
                aliases: &file.doc.front.aliases,
                path: &file.doc.path,
            }));
        warnings.extend(problems.iter().map(NameClash::diagnostic));
        let (topic_registry, problems) =
            Registry::from_profiles(topics.iter().map(|file| ProfileNames {
                slug: &file.doc.slug,
                name: &file.doc.front.name,
                aliases: &file.doc.front.aliases,
                path: &file.doc.path,
            }));
        warnings.extend(problems.iter().map(NameClash::diagnostic));
        let keywords: Vec<(String, Vec<String>)> = topics
            .iter()
            .map(|file| (file.doc.front.name.clone(), file.doc.front.keywords.clone()))
            .collect();
        let extractor = Extractor::new(person_registry, topic_registry, &keywords);
        let warnings = warnings
            .into_iter()
            .map(|mut diagnostic| {
                diagnostic.severity = crate::diagnostics::Severity::Warning;
                diagnostic
            })
            .collect();
        Ok((
            Importer::new(config.import, extractor, config.markdown.smart_punctuation),
            warnings,
        ))
    }

    /// Use `date` for articles whose header names none (`--date`).
    pub fn with_date(mut self, date: Option<Date>) -> Importer {
        self.date = date;
        self
    }

    /// Decode and import the bytes of a raw file named `file_name`.
    pub fn import_bytes(
        &self,
        bytes: &[u8],
        file_name: &str,
        encoding: Option<&'static Encoding>,
    ) -> Result<Imported, ImportError> {
        let text = decode(bytes, encoding)?;
        self.import_text(&text, file_name)
    }

    /// Import one raw text. `file_name` is kept in `source.file`.
    pub fn import_text(&self, text: &str, file_name: &str) -> Result<Imported, ImportError> {
        let article = blocks::parse(text, &self.config.trailers).map_err(|e| match e {
            Emptiness::Empty => ImportError::Empty,
            Emptiness::Whitespace => ImportError::Blank,
        })?;
        let segments = Segments::of(&article);
        let (date, date_inferred) = self.date(&article, &segments);
        let date = date
            .map(|date| DateValue::parse(&date.to_string()))
            .transpose()
            .map_err(ImportError::Yaml)?;
        let summary = article.blocks.iter().find_map(|block| match block {
            Block::Paragraph(text) => Some(write::summary(text)),
            Block::Media(_) => None,
        });
        let front = ArticleFrontMatter {
            title: article.title.clone(),
            date,
            date_inferred,
            summary,
            topics: self.extractor.topics(&segments.all),
            people: self.extractor.people(&segments.prose, &segments.credits),
            media: write::media(&article.blocks),
            source: Some(Source {
                fields: self.fields(&article.header),
                trailers: article.trailers.clone(),
                file: Some(file_name.to_owned()),
                ..Source::default()
            }),
            ..ArticleFrontMatter::default()
        };
        let body = write::body(&article.blocks, self.smart_punctuation);
        let markdown = write::content_file(&front, &body).map_err(ImportError::Yaml)?;
        Ok(Imported {
            slug: slug_of(&article.title, file_name),
            front,
            body,
            markdown,
        })
    }

    /// The header lines as `source.fields`, named by `[import] header_fields`.
    fn fields(&self, header: &[String]) -> BTreeMap<String, String> {
        let mut fields = BTreeMap::new();
        for (index, value) in header.iter().enumerate() {
            let mut key = self
                .config
                .header_fields
                .get(index)
                .filter(|name| !name.trim().is_empty())
                .cloned()
                .unwrap_or_else(|| format!("field{}", index + 1));
            if fields.contains_key(&key) {
                key = format!("{key}_{}", index + 1);
            }
            fields.insert(key, value.clone());
        }
        fields
    }

    /// The article's date and whether it was inferred: a header field that is a date, else
    /// `--date`; else, marked inferred, the article's dateline, else the latest date in its
    /// text.
    fn date(&self, article: &RawArticle, segments: &Segments) -> (Option<Date>, bool) {
        let header_date = article.header.iter().find_map(|f| dates::parse_whole(f));
        if let Some(date) = header_date.or(self.date) {
            return (Some(date), false);
        }
        // A byline among the header lines (`By Jane Doe | 26.02.2015`) is the top of the text.
        let header: Vec<&str> = article.header.iter().map(String::as_str).collect();
        let inferred = dates::dateline(&header)
            .or_else(|| dates::dateline(&segments.prose))
            .or_else(|| {
                segments
                    .all
                    .iter()
                    .flat_map(|text| dates::find_dates(text))
                    .map(|(date, _)| date)
                    .max()
            });
        (inferred, inferred.is_some())
    }
}

/// The text of an article in document order: people come from the title and paragraphs
/// (`prose`), topics and dates also from captions (`all`); names in `credits` are never people.
struct Segments<'a> {
    prose: Vec<&'a str>,
    all: Vec<&'a str>,
    credits: Vec<&'a str>,
}

impl<'a> Segments<'a> {
    fn of(article: &'a RawArticle) -> Segments<'a> {
        let mut segments = Segments {
            prose: vec![&article.title],
            all: vec![&article.title],
            credits: Vec::new(),
        };
        for block in &article.blocks {
            match block {
                Block::Paragraph(text) => {
                    segments.prose.push(text);
                    segments.all.push(text);
                }
                Block::Media(items) => {
                    for item in items {
                        segments.all.extend(item.alt.as_deref());
                        segments.all.push(&item.caption);
                        segments.credits.extend(item.credit.as_deref());
                    }
                }
            }
        }
        segments
    }
}

/// The title's slug, else the file name's, else `article`.
fn slug_of(title: &str, file_name: &str) -> String {
    [write::slug(title), write::slug(file_stem(file_name))]
        .into_iter()
        .find(|slug| !slug.is_empty())
        .unwrap_or_else(|| "article".to_owned())
}

fn file_stem(file_name: &str) -> &str {
    Path::new(file_name)
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or(file_name)
}

/// The text of a raw file: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order
/// mark, or else `encoding` when given.
pub fn decode(bytes: &[u8], encoding: Option<&'static Encoding>) -> Result<String, ImportError> {
    if let Some((bom_encoding, _)) = Encoding::for_bom(bytes)
        && bom_encoding != encoding_rs::UTF_8
    {
        return decode_with(bytes, bom_encoding);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(error) => match encoding {
            Some(encoding) => decode_with(bytes, encoding),
            None => {
                let offset = error.valid_up_to();
                let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
                let (line, column) = line_column(valid, offset);
                Err(ImportError::NotUtf8 {
                    offset,
                    byte: bytes[offset],
                    line,
                    column,
                })
            }
        },
    }
}

fn decode_with(bytes: &[u8], encoding: &'static Encoding) -> Result<String, ImportError> {
    let (text, _, had_errors) = encoding.decode(bytes);
    if !had_errors {
        return Ok(text.into_owned());
    }
    // Find where: decode again without replacement.
    let mut decoder = encoding.new_decoder_with_bom_removal();
    let mut out = String::with_capacity(text.len());
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    let offset = match result {
        encoding_rs::DecoderResult::Malformed(length, consumed_after) => {
            read.saturating_sub(usize::from(length) + usize::from(consumed_after))
        }
        _ => read,
    };
    Err(ImportError::Decode {
        encoding: encoding.name(),
        offset,
    })
}

/// The encoding named by `--encoding`, such as `windows-1252` or `latin1`.
pub fn encoding_for(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// What happened to one input.
#[derive(Debug)]
pub enum Status {
    Created,
    Unchanged,
    /// Differed, but nobody had touched what the importer last wrote: replaced.
    Updated,
    /// Differed, and `force` replaced it.
    Overwritten,
    /// Exists and differs: an editor's changes are kept.
    Skipped,
    /// Another input of the same run, with the same file name, made a different article here.
    Conflict(PathBuf),
    Failed(ImportError),
}

#[derive(Debug)]
pub struct Outcome {
    pub input: PathBuf,
    /// The content file written, or that would be.
    pub output: Option<PathBuf>,
    pub status: Status,
}

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// The folder of the content files (`content/articles`).
    pub out: PathBuf,
    pub dry_run: bool,
    pub force: bool,
    pub encoding: Option<&'static Encoding>,
}

/// Every input of a batch with what happened to it, in input order.
#[derive(Debug)]
pub struct Report {
    pub outcomes: Vec<Outcome>,
    pub dry_run: bool,
}

impl Report {
    pub fn count(&self, matches: impl Fn(&Status) -> bool) -> usize {
        self.outcomes.iter().filter(|o| matches(&o.status)).count()
    }

    pub fn failed(&self) -> usize {
        self.count(|s| matches!(s, Status::Failed(_)))
    }
}

/// The raw files named by `paths`: files as given, folders searched for `*.txt` (skipping
/// hidden entries). Sorted and without repeats; a path that does not exist is kept, to be
/// reported.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            inputs.extend(
                walkdir::WalkDir::new(path)
                    .into_iter()
                    .filter_entry(|entry| {
                        entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
                    })
                    .filter_map(Result::ok)
                    .filter(|entry| entry.file_type().is_file())
                    .map(walkdir::DirEntry::into_path)
                    .filter(|path| {
                        path.extension()
                            .is_some_and(|ext| ext.eq_ignore_ascii_case("txt"))
                    }),
            );
        } else {
            inputs.push(path.clone());
        }
    }
    inputs.sort();
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    inputs
}

/// Import `inputs` (from [`collect_inputs`]) into `options.out`. One input's failure never
/// stops the others.
pub fn run(importer: &Importer, inputs: &[PathBuf], options: &BatchOptions) -> Report {
    let imported: Vec<Result<Imported, ImportError>> = inputs
        .par_iter()
        .map(|input| {
            let bytes = std::fs::read(input).map_err(|error| match error.kind() {
                std::io::ErrorKind::NotFound => ImportError::NotFound,
                _ => ImportError::Read(error),
            })?;
            importer.import_bytes(&bytes, &file_name(input), options.encoding)
        })
        .collect();
    let mut claimed: HashMap<PathBuf, (String, String, PathBuf)> = HashMap::new();
    let mut manifest = Manifest::load(&options.out);
    let mut outcomes: Vec<Outcome> = inputs
        .iter()
        .zip(imported)
        .map(|(input, result)| {
            let (output, status) = match result {
                Ok(imported) => place(&imported, input, options, &mut claimed, &mut manifest),
                Err(error) => (None, Status::Failed(error)),
            };
            Outcome {
                input: input.clone(),
                output,
                status,
            }
        })
        .collect();
    // A manifest that cannot be written fails the batch, naming the file: the articles are
    // written, but the next import would keep them as if edited.
    if !options.dry_run
        && let Err(source) = manifest.save()
    {
        let path = manifest.path().to_path_buf();
        outcomes.push(Outcome {
            input: path.clone(),
            output: None,
            status: Status::Failed(ImportError::Write { path, source }),
        });
    }
    Report {
        outcomes,
        dry_run: options.dry_run,
    }
}

/// The name kept in `source.file`: the input's file name, the same wherever it is imported from.
fn file_name(input: &Path) -> String {
    input
        .file_name()
        .map_or_else(|| input.to_string_lossy(), |name| name.to_string_lossy())
        .into_owned()
}

/// Choose the output of `imported` and write it if needed. `claimed` maps outputs of this run
/// to (source file name, content, input); `manifest` is what the importer last wrote there.
fn place(
    imported: &Imported,
    input: &Path,
    options: &BatchOptions,
    claimed: &mut HashMap<PathBuf, (String, String, PathBuf)>,
    manifest: &mut Manifest,
) -> (Option<PathBuf>, Status) {
    let source = file_name(input);
    for number in 1.. {
        let name = if number == 1 {
            format!("{}.md", imported.slug)
        } else {
            format!("{}-{number}.md", imported.slug)
        };
        let path = options.out.join(&name);
        if let Some((file, markdown, other)) = claimed.get(&path) {
            if *file != source {
                continue;
            }
            let status = if *markdown == imported.markdown {
                Status::Unchanged
            } else {
                Status::Conflict(other.clone())
            };
            return (Some(path), status);
        }
        let existing = match std::fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => {
                let error = ImportError::ReadOutput {
                    path: path.clone(),
                    source,
                };
                return (Some(path), Status::Failed(error));
            }
        };
        if existing
            .as_deref()
            .is_some_and(|bytes| imported_from_another_file(bytes, &source))
        {
            continue;
        }
        claimed.insert(
            path.clone(),
            (source, imported.markdown.clone(), input.to_path_buf()),
        );
        let status = decide(
            existing.as_deref(),
            imported,
            &name,
            manifest,
            options.force,
        );
        let writes = matches!(
            status,
            Status::Created | Status::Updated | Status::Overwritten
        );
        if writes && !options.dry_run {
            if let Err(source) = crate::util::fs::write_atomic(&path, imported.markdown.as_bytes())
            {
                let error = ImportError::Write {
                    path: path.clone(),
                    source,
                };
                return (Some(path), Status::Failed(error));
            }
            manifest.record(&name, imported.markdown.as_bytes());
        }
        return (Some(path), status);
    }
    unreachable!("some numbered file name is free")
}

/// What to do with the article `name`, given the file on disk (if any).
fn decide(
    existing: Option<&[u8]>,
    imported: &Imported,
    name: &str,
    manifest: &mut Manifest,
    force: bool,
) -> Status {
    match existing {
        None => Status::Created,
        Some(bytes) if bytes == imported.markdown.as_bytes() => {
            // Known from now on, also if an earlier version imported it.
            manifest.record(name, bytes);
            Status::Unchanged
        }
        Some(bytes) if manifest.untouched(name, bytes) => Status::Updated,
        Some(_) if force => Status::Overwritten,
        Some(_) => Status::Skipped,
    }
}

/// Whether an existing content file was imported from a raw file with another name: then it is
/// another article with the same title, and this one takes the next free name.
fn imported_from_another_file(existing: &[u8], file_name: &str) -> bool {
    let Ok(text) = std::str::from_utf8(existing) else {
        return false;
    };
    let Ok(split) = frontmatter::split(text) else {
        return false;
    };
    let Ok(front) = frontmatter::parse::<ArticleFrontMatter>(split.yaml, split.yaml_line) else {
        return false;
    };
    let other = front.source.and_then(|source| source.file);
    other.is_some_and(|other| {
        Path::new(&other)
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            != Some(file_name.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(decode("\u{feff}é".as_bytes(), None).unwrap(), "\u{feff}é");
        let error = decode(b"ab\ncaf\xe9 x", None).unwrap_err();
        assert!(
            matches!(
                error,
                ImportError::NotUtf8 {
                    offset: 6,
                    byte: 0xE9,
                    line: 2,
                    column: 4
                }
            ),
            "{error:?}"
        );
        assert!(error.to_string().contains("offset 6"), "{error}");
        let windows = encoding_for("windows-1252");
        assert_eq!(decode(b"caf\xe9 \x93x\x94", windows).unwrap(), "café “x”");
        // UTF-8 stays UTF-8 even when an encoding is given.
        assert_eq!(decode("café".as_bytes(), windows).unwrap(), "café");
        // UTF-16 with a byte-order mark needs no flag.
        assert_eq!(decode(b"\xff\xfeh\x00i\x00", None).unwrap(), "hi");
        let error = decode(b"ok \x82\xff", encoding_for("shift_jis")).unwrap_err();
        assert!(matches!(error, ImportError::Decode { .. }), "{error:?}");
        assert!(encoding_for("no-such-encoding").is_none());
    }

    #[test]
    fn header_fields_are_named_by_config() {
        let config = ImportConfig {
            header_fields: vec!["section".into(), String::new()],
            ..ImportConfig::default()
        };
        let importer = Importer::new(config, Extractor::without_profiles(), true);
        let imported = importer
            .import_text("T\n\n0\n42\n7\nT\n\nA paragraph of text here.\n", "a.txt")
            .unwrap();
        let fields = &imported.front.source.as_ref().unwrap().fields;
        assert_eq!(fields["section"], "0");
        assert_eq!(fields["field2"], "42");
        assert_eq!(fields["field3"], "7");
    }

    #[test]
    fn dates_header_flag_or_text() {
        let importer = Importer::without_site();
        let text = "T\n\n2021-05-01\nT\n\nOn Jan. 9, 2022 and 2022-02-01 things happened.\n";
        let imported = importer.import_text(text, "a.txt").unwrap();
        assert_eq!(imported.front.date.unwrap().text, "2021-05-01");
        assert!(!imported.front.date_inferred);

        let text = "T\n\nOn Jan. 9, 2022 and 2021-02-01 things happened.\n";
        let imported = importer.import_text(text, "a.txt").unwrap();
        assert_eq!(imported.front.date.unwrap().text, "2022-01-09");
        assert!(imported.front.date_inferred);
        assert!(imported.markdown.contains("date_inferred: true"));

        let given = importer
            .clone()
            .with_date(Some(jiff::civil::date(2020, 1, 2)));
        let imported = given.import_text(text, "a.txt").unwrap();
        assert_eq!(imported.front.date.unwrap().text, "2020-01-02");
        assert!(!imported.front.date_inferred);

        let imported = importer
            .import_text("T\n\nNo dates in this text at all.\n", "a.txt")
            .unwrap();
        assert_eq!(imported.front.date, None);
        assert!(!imported.markdown.contains("\ndate"));
    }

    #[test]
    fn yaml_hostile_title_round_trips() {
        let title = "Talks: \"no\" # breakthrough? - 'yes' | {maybe} & *all* [0] %x @y `z`";
        let text = format!("{title}\n\nThe paragraph of the article.\n");
        let imported = Importer::without_site()
            .import_text(&text, "a.txt")
            .unwrap();
        let split = frontmatter::split(&imported.markdown).unwrap();
        let front: ArticleFrontMatter = frontmatter::parse(split.yaml, split.yaml_line).unwrap();
        assert_eq!(front.title, title);
        assert_eq!(front, imported.front);
    }

    #[test]
    fn slug_falls_back_to_the_file_name() {
        let imported = Importer::without_site()
            .import_text("???\n\nA paragraph of text.\n", "raw-42.txt")
            .unwrap();
        assert_eq!(imported.slug, "raw-42");
    }
}
