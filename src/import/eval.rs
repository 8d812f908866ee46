//! Scoring the importer against an evaluation set: raw files in `raw/`, each with an answer
//! key in `keys/<name>.toml` (see `tests/import_eval/README.md`). Used by
//! `cargo run --example import_eval` and by the test that keeps the figures.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::model::registry::name_key;

use super::blocks::normalize_line;
use super::{Imported, Importer};

/// The answer key of one raw file.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Key {
    /// The article's dateline, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// People the importer must find; `A|B` accepts either spelling.
    pub people: Vec<String>,
    /// Names that are neither required nor wrong.
    #[serde(default)]
    pub also: Vec<String>,
    /// Alt and caption lines of figures.
    #[serde(default)]
    pub captions: Vec<String>,
    #[serde(default)]
    pub credits: Vec<String>,
}

/// What the importer got right and wrong in one article.
#[derive(Debug, Clone, Default)]
pub struct ArticleScore {
    pub name: String,
    pub people_expected: usize,
    pub people_found: usize,
    pub people_right: usize,
    /// Key people the importer did not find.
    pub missed: Vec<String>,
    /// People the importer found that are not in the key.
    pub wrong: Vec<String>,
    pub credits_as_people: usize,
    pub lines: usize,
    /// Raw lines found nowhere in the output.
    pub lost: Vec<String>,
    /// Raw lines that are not figure lines of the key but became media.
    pub prose_as_media: Vec<String>,
    pub figure_lines: usize,
    /// Key caption and credit lines that did not become media.
    pub figure_lines_missed: Vec<String>,
    pub dated: bool,
    pub date_right: bool,
}

/// The figures of a whole set.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub articles: usize,
    pub people_expected: usize,
    pub people_found: usize,
    pub people_right: usize,
    pub credits_as_people: usize,
    pub lines: usize,
    pub lines_lost: usize,
    pub prose_as_media: usize,
    pub figure_lines: usize,
    pub figure_lines_found: usize,
    pub dated: usize,
    pub dates_right: usize,
}

impl Figures {
    pub fn precision(&self) -> f64 {
        ratio(self.people_right, self.people_found)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.people_right, self.people_expected)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn figure_recall(&self) -> f64 {
        ratio(self.figure_lines_found, self.figure_lines)
    }

    pub fn date_accuracy(&self) -> f64 {
        ratio(self.dates_right, self.dated)
    }

    fn add(&mut self, score: &ArticleScore) {
        self.articles += 1;
        self.people_expected += score.people_expected;
        self.people_found += score.people_found;
        self.people_right += score.people_right;
        self.credits_as_people += score.credits_as_people;
        self.lines += score.lines;
        self.lines_lost += score.lost.len();
        self.prose_as_media += score.prose_as_media.len();
        self.figure_lines += score.figure_lines;
        self.figure_lines_found += score.figure_lines - score.figure_lines_missed.len();
        self.dated += usize::from(score.dated);
        self.dates_right += usize::from(score.date_right);
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// Score `importer` on the set in `folder`: every `raw/*.txt` with its key. Errors name the
/// file.
pub fn evaluate(
    importer: &Importer,
    folder: &Path,
) -> Result<(Figures, Vec<ArticleScore>), String> {
    let mut raws: Vec<PathBuf> = std::fs::read_dir(folder.join("raw"))
        .map_err(|e| format!("{}: {e}", folder.join("raw").display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    raws.sort();
    let mut figures = Figures::default();
    let mut scores = Vec::new();
    for raw in raws {
        let name = raw
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let key_path = folder.join("keys").join(format!("{name}.toml"));
        let key_text = std::fs::read_to_string(&key_path)
            .map_err(|e| format!("{}: {e}", key_path.display()))?;
        let key: Key =
            toml::from_str(&key_text).map_err(|e| format!("{}: {e}", key_path.display()))?;
        let text = std::fs::read_to_string(&raw).map_err(|e| format!("{}: {e}", raw.display()))?;
        let imported = importer
            .import_text(&text, &format!("{name}.txt"))
            .map_err(|e| format!("{}: {e}", raw.display()))?;
        let score = score(&name, &text, &imported, &key);
        figures.add(&score);
        scores.push(score);
    }
    Ok((figures, scores))
}

/// Score one imported article against its key.
pub fn score(name: &str, raw: &str, imported: &Imported, key: &Key) -> ArticleScore {
    let mut score = ArticleScore {
        name: name.to_owned(),
        ..ArticleScore::default()
    };
    score_people(&mut score, imported, key);
    score_lines(&mut score, raw, imported, key);
    if let Some(date) = &key.date {
        score.dated = true;
        score.date_right = imported
            .front
            .date
            .as_ref()
            .is_some_and(|d| d.text == *date);
    }
    score
}

fn score_people(score: &mut ArticleScore, imported: &Imported, key: &Key) {
    let expected: Vec<Vec<String>> = key
        .people
        .iter()
        .map(|entry| entry.split('|').map(name_key).collect())
        .collect();
    let neutral: HashSet<String> = key.also.iter().map(|name| name_key(name)).collect();
    let credits: Vec<String> = key.credits.iter().map(|credit| name_key(credit)).collect();
    let mut matched = vec![false; expected.len()];
    for person in &imported.front.people {
        let folded = name_key(person);
        match expected
            .iter()
            .position(|spellings| spellings.contains(&folded))
        {
            Some(at) if !matched[at] => {
                matched[at] = true;
                score.people_right += 1;
                score.people_found += 1;
            }
            // A second spelling of someone already found counts against precision.
            Some(_) => {
                score.people_found += 1;
                score.wrong.push(person.clone());
            }
            None if neutral.contains(&folded) => {}
            None => {
                score.people_found += 1;
                score.wrong.push(person.clone());
                if credits
                    .iter()
                    .any(|credit| format!(" {credit} ").contains(&format!(" {folded} ")))
                {
                    score.credits_as_people += 1;
                }
            }
        }
    }
    score.people_expected = expected.len();
    score.missed = key
        .people
        .iter()
        .zip(&matched)
        .filter(|(_, found)| !**found)
        .map(|(name, _)| name.clone())
        .collect();
}

/// Lines lost, prose made media, and figure lines recognised.
fn score_lines(score: &mut ArticleScore, raw: &str, imported: &Imported, key: &Key) {
    let front = &imported.front;
    let media_lines: HashSet<String> = front
        .media
        .iter()
        .flat_map(|media| {
            let joined = media
                .credit
                .as_ref()
                .map(|credit| format!("{} {credit}", media.caption));
            [
                Some(media.caption.clone()),
                media.alt.clone(),
                media.credit.clone(),
                joined,
            ]
        })
        .flatten()
        .collect();
    let mut kept: HashSet<String> = media_lines.clone();
    kept.insert(front.title.clone());
    if let Some(source) = &front.source {
        kept.extend(source.fields.values().cloned());
        kept.extend(source.trailers.iter().cloned());
    }
    kept.extend(
        imported
            .body
            .split("\n\n")
            .map(|block| unescape(block.trim_end())),
    );
    let figure_lines: HashSet<&str> = key
        .captions
        .iter()
        .chain(&key.credits)
        .map(String::as_str)
        .collect();
    for line in raw
        .lines()
        .map(normalize_line)
        .filter(|line| !line.is_empty())
    {
        score.lines += 1;
        if !kept.contains(&line) {
            score.lost.push(line.clone());
        }
        if media_lines.contains(&line) && !figure_lines.contains(line.as_str()) {
            score.prose_as_media.push(line);
        }
    }
    score.figure_lines = key.captions.len() + key.credits.len();
    score.figure_lines_missed = key
        .captions
        .iter()
        .filter(|caption| !media_lines.contains(*caption))
        .chain(key.credits.iter().filter(|credit| {
            !front
                .media
                .iter()
                .any(|m| m.credit.as_ref() == Some(credit))
        }))
        .cloned()
        .collect();
}

/// Markdown text with its backslash escapes taken out: the text it renders as.
fn unescape(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            text.push(next);
            chars.next();
        } else {
            text.push(c);
        }
    }
    text
}
