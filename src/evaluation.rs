//! Scoring the grouping of articles into stories against an evaluation set: raw articles in
//! `raw/`, imported with the set's `site.toml` as `brief import` would, grouped as `brief build`
//! would, and compared with the true grouping in `key.toml` (see `tests/story_eval/README.md`).
//! Used by `cargo run --example story_eval` and by the test that keeps the figures.

use std::collections::HashMap;
use std::path::Path;

use crate::config::{Config, Overrides};
use crate::content::{self, Content};
use crate::import::Importer;
use crate::model;

/// The true grouping: the stories of two or more articles; every other article is alone.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Key {
    pub story: Vec<KeyStory>,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyStory {
    /// What happened, for people reading the key.
    pub event: String,
    /// Raw file names without `.txt`.
    pub articles: Vec<String>,
}

/// Pairwise figures: a pair of articles is right when both groupings put it in one story.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    pub articles: usize,
    pub true_stories: usize,
    pub found_stories: usize,
    /// Pairs in one story in both.
    pub right: usize,
    /// Pairs in one found story.
    pub found: usize,
    /// Pairs in one true story.
    pub expected: usize,
    /// Pairs found that the key keeps apart, and pairs of the key not found, by file name.
    pub wrong: Vec<(String, String)>,
    pub missed: Vec<(String, String)>,
}

impl Figures {
    pub fn precision(&self) -> f64 {
        ratio(self.right, self.found)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.right, self.expected)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// Import, group and score the set in `folder`.
pub fn evaluate(folder: &Path) -> Result<Figures, String> {
    let key_text = std::fs::read_to_string(folder.join("key.toml"))
        .map_err(|error| format!("cannot read key.toml: {error}"))?;
    let key: Key = toml::from_str(&key_text).map_err(|error| format!("key.toml: {error}"))?;
    let site = import_and_group(folder)?;
    Ok(score(&site, &key))
}

/// The site that the raw files of `folder` make, imported with its `site.toml`. Each article is
/// named by its raw file (two rewrites may well share a title).
fn import_and_group(folder: &Path) -> Result<model::Site, String> {
    let (importer, _) = Importer::for_site(folder).map_err(|problem| problem.to_string())?;
    let config =
        Config::load(folder, &Overrides::default()).map_err(|problem| problem.to_string())?;
    let mut raw: Vec<_> = std::fs::read_dir(folder.join("raw"))
        .map_err(|error| format!("cannot list raw/: {error}"))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    raw.sort();
    let mut content = Content::default();
    for path in &raw {
        let name = path.file_stem().unwrap_or_default().to_string_lossy();
        let bytes = std::fs::read(path).map_err(|error| format!("{}: {error}", path.display()))?;
        let imported = importer
            .import_bytes(&bytes, &format!("{name}.txt"), None)
            .map_err(|error| format!("{}: {error}", path.display()))?;
        let file = Path::new("content/articles").join(format!("{name}.md"));
        let parsed = content::parse_document(&file, imported.markdown.as_bytes())
            .map_err(|problem| problem.to_string())?;
        content.articles.push(parsed);
    }
    Ok(model::build(config, content, model::Schedule::EVERYTHING, &[]).site)
}

/// The pairwise figures of the site's stories against the key.
fn score(site: &model::Site, key: &Key) -> Figures {
    // Each article's story, or a number of its own.
    let found: HashMap<&str, usize> = site
        .article_ids()
        .map(|(id, article)| {
            let story = article.story.map_or(usize::MAX - id.index(), |s| s.index());
            (article.doc.slug.as_str(), story)
        })
        .collect();
    let mut truth: HashMap<&str, usize> = HashMap::new();
    for (index, story) in key.story.iter().enumerate() {
        for name in &story.articles {
            truth.insert(name, index);
        }
    }
    let mut names: Vec<&str> = found.keys().copied().collect();
    names.sort_unstable();
    let mut figures = Figures {
        articles: names.len(),
        true_stories: key.story.len(),
        found_stories: site.stories.len(),
        ..Figures::default()
    };
    for (at, &a) in names.iter().enumerate() {
        for &b in &names[at + 1..] {
            let same_found = found[a] == found[b];
            let same_true = truth.contains_key(a) && truth.get(a) == truth.get(b);
            figures.found += usize::from(same_found);
            figures.expected += usize::from(same_true);
            figures.right += usize::from(same_found && same_true);
            let pair = || (a.to_owned(), b.to_owned());
            if same_found && !same_true {
                figures.wrong.push(pair());
            }
            if same_true && !same_found {
                figures.missed.push(pair());
            }
        }
    }
    figures
}
