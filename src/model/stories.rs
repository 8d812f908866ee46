//! Stories: the articles that report one event (the agency's copy and the outlets' rewrites of
//! it), grouped so that lists show the event once, with its number of sources.
//!
//! Two articles are one story when
//! - their dates are at most `[stories] window_days` apart,
//! - they name a person or a topic in common, and
//! - the shorter shares at least `[stories] threshold` of its words with the longer
//!   (the overlap coefficient |A ∩ B| / min(|A|, |B|) of their word sets),
//!
//! and stories are the groups that such pairs connect. Rewrites differ in length, order and
//! wording but keep the names, numbers and key nouns of the report, so the words compared are
//! single words (shingles of one word: on the evaluation set, shingles of two and three words
//! found far fewer rewrites), less stopwords, less the words in more than a tenth of the site's
//! articles (`FREQUENT_SHARE`: words that every article on a subject uses).
//!
//! Comparing every pair is quadratic; instead each article gets
//! - a MinHash sketch of `BINS` bins (one-permutation hashing: each word is hashed once and
//!   kept in the bin its hash falls into if it is the smallest there), from which the Jaccard
//!   index of two word sets is estimated as the share of equal bins among the bins either
//!   fills, and the overlap coefficient from that and the sets' sizes;
//! - `BANDS` minima of its words under independent hashes (locality-sensitive hashing with
//!   bands of one row): two articles are compared only when one of their minima is the same,
//!   which happens with probability 1 − (1 − J)^BANDS, 0.78 for a short rewrite sharing a
//!   tenth of a long copy's words (J = 0.09) and 0.97 at J = 0.2.
//!
//! Work is linear in the site: a pass over each article's words, a sort of `BANDS` entries per
//! article, and comparisons of articles sharing a minimum within the date window, at most
//! `PAIRS_PER_ENTRY` after each article in date order.
//!
//! Editors decide with `story:` in front matter: an article naming a story is grouped by it
//! alone. It joins the story of the article whose slug it names (stories are named after their
//! lead, so the ids `brief check` lists work); any other name is a story of the articles that
//! give it. The lead, shown in lists, is the article the story is named after: the earliest of
//! the articles grouped by their words, or the one whose slug the editors' `story:` names.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU32, Ordering};

use rayon::prelude::*;

use super::{Article, ArticleId, EntityKind, StoryId};
use crate::config::StoriesConfig;
use crate::content::Text;
use crate::util::words;

/// Bins of a sketch: the error of the estimated Jaccard index is about sqrt(J(1−J)/BINS),
/// 0.02 at J = 0.2.
const BINS: usize = 256;
/// Minima per article for finding candidates.
const BANDS: usize = 16;
/// Each article is compared with at most this many later articles sharing one of its minima:
/// keeps a minimum that thousands of articles share from making the work quadratic.
const PAIRS_PER_ENTRY: usize = 32;
/// Words in more than this share of the site's dated articles are left out.
const FREQUENT_SHARE: f64 = 0.1;
/// … but never words in fewer articles than this, so a small site keeps all its words.
const FREQUENT_FLOOR: u32 = 20;
/// Counters for document frequencies, indexed by a word's hash: words that share a counter
/// (about one in ten with 100,000 distinct words) only look a little more frequent.
const COUNTER_BITS: u32 = 20;
/// Articles with fewer words than this are never grouped by their words: a headline and a
/// line of text are too little evidence (the shortest brief of the evaluation set has 18).
const MIN_WORDS: u32 = 10;
/// A bin that no word fell into.
const EMPTY: u16 = u16::MAX;

/// One story: two or more articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// Its name: the slug of its lead, or the name editors gave it.
    pub id: String,
    /// The article lists show for it.
    pub lead: ArticleId,
    /// Every article of it, lead included, newest first.
    pub members: Vec<ArticleId>,
}

/// The stories of a site, and the story of each article.
#[derive(Debug, Clone, Default)]
pub struct Stories {
    /// By their lead, newest first.
    pub stories: Vec<Story>,
    /// For each article, its story.
    pub of_article: Vec<Option<StoryId>>,
}

/// Group `articles` (newest first, as the site has them; `texts` index for index) into stories.
pub fn group(articles: &[Article], texts: &[Text], config: &StoriesConfig) -> Stories {
    let days: Vec<Option<i64>> = articles.iter().map(day_of).collect();
    let grouped: Vec<bool> = articles
        .iter()
        .zip(&days)
        .map(|(article, day)| day.is_some() && article.doc.front.story.is_none())
        .collect();
    let words: Vec<Vec<u32>> = articles
        .par_iter()
        .zip(texts)
        .zip(&grouped)
        .map(|((article, text), &grouped)| {
            if grouped {
                let title = words::word_hashes(&article.doc.front.title);
                words::union(&title, text.words())
            } else {
                Vec::new()
            }
        })
        .collect();
    let signatures = signatures(&words);
    drop(words);
    let window = i64::from(config.window_days);
    let pairs = candidates(&signatures, &days, window);
    let confirmed: Vec<(u32, u32)> = pairs
        .into_par_iter()
        .filter(|&(a, b)| {
            let (a, b) = (a as usize, b as usize);
            shares_a_name(&articles[a], &articles[b])
                && signatures[a].overlap(&signatures[b]) >= config.threshold
        })
        .collect();
    assemble(articles, &grouped, &confirmed)
}

/// The day of an article's date (in UTC), counted from 1970-01-01.
fn day_of(article: &Article) -> Option<i64> {
    let date = article.doc.front.date.as_ref()?.timestamp.date();
    let days = date.since(jiff::civil::date(1970, 1, 1)).ok()?.get_days();
    Some(i64::from(days))
}

fn shares_a_name(a: &Article, b: &Article) -> bool {
    EntityKind::ALL
        .iter()
        .any(|&kind| a.named[kind].iter().any(|id| b.named[kind].contains(id)))
}

/// What grouping compares of one article.
struct Signature {
    /// How many distinct words the sketch was made of.
    size: u32,
    bins: Box<[u16; BINS]>,
    minima: [u32; BANDS],
}

impl Signature {
    fn of(words: impl Iterator<Item = u32>) -> Signature {
        let mut bins = Box::new([EMPTY; BINS]);
        let mut minima = [u32::MAX; BANDS];
        let mut size = 0;
        for word in words {
            size += 1;
            let mixed = mix(u64::from(word));
            let bin = (mixed >> 56) as usize;
            // The low bits, less the one value that marks an empty bin.
            let value = (mixed as u16).min(EMPTY - 1);
            bins[bin] = bins[bin].min(value);
            for (band, minimum) in minima.iter_mut().enumerate() {
                let hashed = (mix(mixed ^ BAND_SEEDS[band]) >> 32) as u32;
                *minimum = (*minimum).min(hashed);
            }
        }
        Signature { size, bins, minima }
    }

    /// The estimated share of the smaller word set that the larger holds.
    fn overlap(&self, other: &Signature) -> f64 {
        let (mut equal, mut filled) = (0u32, 0u32);
        for (&a, &b) in self.bins.iter().zip(other.bins.iter()) {
            filled += u32::from(a != EMPTY || b != EMPTY);
            equal += u32::from(a == b && a != EMPTY);
        }
        let smaller = self.size.min(other.size);
        if filled == 0 || smaller == 0 {
            return 0.0;
        }
        let jaccard = f64::from(equal) / f64::from(filled);
        // |A ∩ B| = J (|A| + |B|) / (1 + J)
        let shared = jaccard * f64::from(self.size + other.size) / (1.0 + jaccard);
        (shared / f64::from(smaller)).min(1.0)
    }
}

/// Seeds of the bands' hashes: fixed, so that grouping is the same on every machine.
const BAND_SEEDS: [u64; BANDS] = {
    let mut seeds = [0u64; BANDS];
    let mut band = 0;
    while band < BANDS {
        seeds[band] = (band as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        band += 1;
    }
    seeds
};

/// SplitMix64's finaliser: every bit of the input moves about half of the output's.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The signature of each article's words, less the words that are frequent in the site.
fn signatures(words: &[Vec<u32>]) -> Vec<Signature> {
    let counters: Vec<AtomicU32> = (0..1usize << COUNTER_BITS)
        .map(|_| AtomicU32::new(0))
        .collect();
    let slot = |word: u32| (word >> (32 - COUNTER_BITS)) as usize;
    words.par_iter().flatten().for_each(|&word| {
        counters[slot(word)].fetch_add(1, Ordering::Relaxed);
    });
    let with_words = words.iter().filter(|words| !words.is_empty()).count();
    let most = ((with_words as f64 * FREQUENT_SHARE).ceil() as u32).max(FREQUENT_FLOOR);
    words
        .par_iter()
        .map(|words| {
            let kept = words
                .iter()
                .copied()
                .filter(|&word| counters[slot(word)].load(Ordering::Relaxed) <= most);
            Signature::of(kept)
        })
        .collect()
}

/// Pairs of articles (lower index first, each pair once) that share a band's minimum and
/// whose days are at most `window` apart.
fn candidates(signatures: &[Signature], days: &[Option<i64>], window: i64) -> Vec<(u32, u32)> {
    let mut entries: Vec<(u32, u32, i64, u32)> = signatures
        .iter()
        .zip(days)
        .enumerate()
        .filter(|(_, (signature, _))| signature.size >= MIN_WORDS)
        .filter_map(|(index, (signature, day))| Some((index as u32, signature, (*day)?)))
        .flat_map(|(index, signature, day)| {
            (0..BANDS).map(move |band| (band as u32, signature.minima[band], day, index))
        })
        .collect();
    entries.par_sort_unstable();
    let mut pairs: Vec<(u32, u32)> = entries
        .par_chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .flat_map_iter(|bucket| {
            bucket.iter().enumerate().flat_map(move |(at, first)| {
                bucket[at + 1..]
                    .iter()
                    .take(PAIRS_PER_ENTRY)
                    .take_while(move |second| second.2 - first.2 <= window)
                    .map(move |second| (first.3.min(second.3), first.3.max(second.3)))
            })
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// The stories made of the `confirmed` pairs among the `grouped` articles, and of the names
/// editors gave.
fn assemble(articles: &[Article], grouped: &[bool], confirmed: &[(u32, u32)]) -> Stories {
    let mut sets = DisjointSets::new(articles.len());
    for &(a, b) in confirmed {
        sets.join(a as usize, b as usize);
    }
    // Every article grouped by its words is in a group, alone or not, named by its slug.
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut group_of_root: HashMap<usize, usize> = HashMap::new();
    // Articles are newest first: going backwards, the first of a group is its earliest.
    for index in (0..articles.len()).rev().filter(|&index| grouped[index]) {
        let root = sets.root(index);
        let at = *group_of_root.entry(root).or_insert_with(|| {
            groups.push((articles[index].doc.slug.clone(), Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(index);
    }
    let group_of_slug: HashMap<&str, usize> = (0..articles.len())
        .filter(|&index| grouped[index])
        .map(|index| {
            let group = group_of_root[&sets.root(index)];
            (articles[index].doc.slug.as_str(), group)
        })
        .collect();
    let mut named: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, article) in articles.iter().enumerate() {
        let Some(name) = article.doc.front.story.as_deref() else {
            continue;
        };
        match group_of_slug.get(name) {
            Some(&group) => groups[group].1.push(index),
            None => named.entry(name).or_default().push(index),
        }
    }
    groups.extend(
        named
            .into_iter()
            .map(|(name, members)| (name.to_owned(), members)),
    );
    stories_of(articles, groups)
}

/// The groups of two or more articles as stories, newest lead first.
fn stories_of(articles: &[Article], groups: Vec<(String, Vec<usize>)>) -> Stories {
    let mut stories: Vec<Story> = groups
        .into_iter()
        .filter(|(_, members)| members.len() > 1)
        .map(|(id, mut members)| {
            members.sort_unstable();
            let lead = members
                .iter()
                .copied()
                .find(|&index| articles[index].doc.slug == id)
                // Newest first: the last member is the earliest.
                .unwrap_or(members[members.len() - 1]);
            Story {
                id,
                lead: ArticleId::new(lead),
                members: members.into_iter().map(ArticleId::new).collect(),
            }
        })
        .collect();
    stories.sort_by(|a, b| a.lead.cmp(&b.lead).then_with(|| a.id.cmp(&b.id)));
    let mut of_article = vec![None; articles.len()];
    for (index, story) in stories.iter().enumerate() {
        for member in &story.members {
            of_article[member.index()] = Some(StoryId::new(index));
        }
    }
    Stories {
        stories,
        of_article,
    }
}

/// Union-find over article indexes.
struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(count: usize) -> DisjointSets {
        DisjointSets {
            parent: (0..count).collect(),
        }
    }

    fn root(&mut self, mut at: usize) -> usize {
        while self.parent[at] != at {
            self.parent[at] = self.parent[self.parent[at]];
            at = self.parent[at];
        }
        at
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::Config;
    use crate::content::{Content, parse_document};
    use crate::model::{Site, build};

    const REPORT: &str = "Harbour workers in Port Ellen walked out on Monday over plans to automate \
        two container terminals; union leader Ada Moss said 800 jobs were at risk and 40 ships \
        waited at anchor off the Maasvlakte breakwater.";

    fn site(articles: &[(&str, &str, &str, &str)]) -> Site {
        let mut content = Content::default();
        for (slug, date, extra, body) in articles {
            let people = if extra.contains("people:") {
                ""
            } else {
                "people: [Ada Moss]\n"
            };
            let text = format!("---\ntitle: {slug}\ndate: {date}\n{people}{extra}---\n{body}\n");
            let path = Path::new("content/articles").join(format!("{slug}.md"));
            content
                .articles
                .push(parse_document(&path, text.as_bytes()).unwrap());
        }
        let config = Config::parse("title = \"T\"\nbase_url = \"https://e.org\"\n").unwrap();
        build(config, content, crate::model::Schedule::EVERYTHING, &[]).site
    }

    fn stories(site: &Site) -> Vec<(String, String, Vec<String>)> {
        site.stories
            .iter()
            .map(|story| {
                let slug = |id: super::ArticleId| site.article(id).doc.slug.clone();
                let members = story.members.iter().map(|&id| slug(id)).collect();
                (story.id.clone(), slug(story.lead), members)
            })
            .collect()
    }

    #[test]
    fn a_rewrite_within_the_window_is_one_story_with_the_earliest_as_lead() {
        let rewrite = "Forty ships waited off the Maasvlakte breakwater as Port Ellen harbour \
            workers struck over automation; Ada Moss says 800 jobs are at risk.";
        let site = site(&[
            ("copy", "2023-04-03", "", REPORT),
            ("rewrite", "2023-04-04", "", rewrite),
            ("later", "2023-04-09", "", rewrite),
            (
                "other",
                "2023-04-03",
                "",
                "Ada Moss opened a bakery selling rye bread.",
            ),
        ]);
        assert_eq!(
            stories(&site),
            [(
                "copy".into(),
                "copy".into(),
                vec!["rewrite".into(), "copy".into()]
            )]
        );
        let rewrite = site.article_ids().find(|(_, a)| a.doc.slug == "rewrite");
        let (rewrite, _) = rewrite.unwrap();
        assert_eq!(site.sources_of(rewrite), 2);
        assert_eq!(site.article(site.lead_of(rewrite)).doc.slug, "copy");
        assert_eq!(site.listed.len(), 3, "the story is listed once");
    }

    #[test]
    fn without_a_shared_name_there_is_no_story() {
        let copy = ("copy", "2023-04-03", "", REPORT);
        assert_eq!(
            site(&[copy, ("same", "2023-04-03", "", REPORT)])
                .stories
                .len(),
            1
        );
        let other_people = ("same", "2023-04-03", "people: [Bo Lind]\n", REPORT);
        assert!(site(&[copy, other_people]).stories.is_empty());
    }

    #[test]
    fn editors_join_and_split_with_story() {
        let unrelated = "Ada Moss opened a bakery selling rye bread.";
        // Joined: the bakery article names the story of `copy` by its lead's slug.
        let site_joined = site(&[
            ("copy", "2023-04-03", "", REPORT),
            ("same", "2023-04-04", "", REPORT),
            ("bakery", "2023-05-01", "story: copy\n", unrelated),
        ]);
        assert_eq!(
            stories(&site_joined),
            [(
                "copy".into(),
                "copy".into(),
                vec!["bakery".into(), "same".into(), "copy".into()]
            )]
        );
        // Split: two articles named apart are no story, whatever their words.
        let site_split = site(&[
            ("copy", "2023-04-03", "story: first\n", REPORT),
            ("same", "2023-04-04", "story: second\n", REPORT),
        ]);
        assert!(site_split.stories.is_empty());
        // Named together, the article the name is the slug of leads.
        let site_named = site(&[
            ("copy", "2023-04-03", "story: same\n", REPORT),
            ("same", "2023-04-04", "story: same\n", unrelated),
        ]);
        assert_eq!(
            stories(&site_named),
            [(
                "same".into(),
                "same".into(),
                vec!["same".into(), "copy".into()]
            )]
        );
    }
}
