//! People and topics of an article, in order of first mention.
//!
//! Names the site knows come from its person and topic profiles (names, aliases, topic
//! keywords), matched with Aho-Corasick on word boundaries in text folded the way
//! [`name_key`] folds names, so `Blinken`, `BLINKEN` and `Blínken` match one alias. The matched
//! entity is the one the build's [`Registry`] resolves, so import and build agree on who is who.
//!
//! Beyond profiles, people are found by rules: a run of capitalised words with a cue (a title
//! before it such as `President` or `Foreign Minister`, a role word such as `spokesman`, or a
//! verb of speech after it such as `said`) is a full name; a bare surname belongs to a full
//! name of the same article. Topics also come from a built-in list of countries, their
//! adjectives and major organisations ([`super::builtin`]).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::registry::{Registry, name_key};

/// Finds people and topics in the text of articles. Build once, use for every article.
#[derive(Debug, Clone)]
pub struct Extractor {
    people: Names,
    topics: Names,
    /// Built-in topic spellings, matched case-sensitively in the original text.
    builtin: AhoCorasick,
    /// The topic each built-in pattern names; `None` for a blocker.
    builtin_names: Vec<Option<&'static str>>,
    /// Every word of a built-in spelling (`Russian`, `United`, `States`): not part of a name.
    builtin_words: HashSet<String>,
}

/// The names of one registry, matched in folded text.
#[derive(Debug, Clone)]
struct Names {
    registry: Registry,
    /// Matches folded spellings; `None` when there are no profiles.
    matcher: Option<AhoCorasick>,
    /// The registry entity of each pattern.
    ids: Vec<usize>,
    /// Entity by slug, for names without a profile whose slug a profile has (as the build
    /// joins them).
    by_slug: HashMap<String, usize>,
}

impl Names {
    fn new(registry: Registry, extra: impl IntoIterator<Item = (String, usize)>) -> Names {
        let mut patterns: Vec<(String, usize)> = registry
            .spellings()
            .map(|(key, id)| (fold(key).text, id))
            .chain(
                extra
                    .into_iter()
                    .map(|(spelling, id)| (fold(&spelling).text, id)),
            )
            .filter(|(pattern, _)| !pattern.is_empty())
            .collect();
        // Registry spellings come from a hash map: sort for a deterministic automaton.
        patterns.sort();
        patterns.dedup_by(|a, b| a.0 == b.0);
        let matcher = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(patterns.iter().map(|(pattern, _)| pattern))
                .expect("name patterns are small enough for an automaton")
        });
        let by_slug = registry
            .entities
            .iter()
            .enumerate()
            .map(|(id, entity)| (entity.slug.clone(), id))
            .collect();
        Names {
            registry,
            matcher,
            ids: patterns.into_iter().map(|(_, id)| id).collect(),
            by_slug,
        }
    }

    /// Entities named in `text`: (byte offset in `text`, entity).
    fn find(&self, text: &str) -> Vec<(usize, usize)> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let folded = fold(text);
        let bytes = folded.text.as_bytes();
        let matches = matcher
            .find_overlapping_iter(&folded.text)
            .filter(|m| {
                (m.start() == 0 || bytes[m.start() - 1] == b' ')
                    && (m.end() == bytes.len() || bytes[m.end()] == b' ')
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()));
        leftmost_longest(matches)
            .into_iter()
            .map(|(start, _, pattern)| (folded.origin[start], self.ids[pattern]))
            .collect()
    }

    /// What a name found by rules or in the built-in list is: a profile's entity, or itself.
    fn identify(&self, name: &str) -> Identity {
        if let Some(id) = self.registry.lookup(name) {
            return Identity::Entity(id);
        }
        let slug = slug::slugify(name_key(name));
        match self.by_slug.get(&slug) {
            Some(&id) => Identity::Entity(id),
            None => Identity::Name(slug, name.to_owned()),
        }
    }

    fn canonical(&self, identity: &Identity) -> String {
        match identity {
            Identity::Entity(id) => self.registry.entities[*id].name.clone(),
            Identity::Name(_, name) => name.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    /// An entity of the site's profiles.
    Entity(usize),
    /// A name without a profile: its slug (what the build would merge it by) and spelling.
    Name(String, String),
}

/// A place in an article: (segment, byte offset in the segment).
type Position = (usize, usize);

impl Extractor {
    /// `people` and `topics` are registries of the site's profiles; `topic_keywords` are each
    /// topic profile's name with its keywords.
    pub fn new(
        people: Registry,
        topics: Registry,
        topic_keywords: &[(String, Vec<String>)],
    ) -> Extractor {
        let keywords: Vec<(String, usize)> = topic_keywords
            .iter()
            .filter_map(|(name, keywords)| Some((topics.lookup(name)?, keywords)))
            .flat_map(|(id, keywords)| keywords.iter().map(move |k| (k.clone(), id)))
            .collect();
        let mut spellings: Vec<(String, Option<&'static str>)> = super::builtin::spellings()
            .into_iter()
            .map(|(spelling, name)| (spelling, Some(name)))
            .collect();
        spellings.extend(
            super::builtin::BLOCKERS
                .iter()
                .map(|blocker| ((*blocker).to_owned(), None)),
        );
        let builtin = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(spellings.iter().map(|(spelling, _)| spelling))
            .expect("the built-in list is small enough for an automaton");
        let builtin_words = spellings
            .iter()
            .filter(|(_, name)| name.is_some())
            .flat_map(|(spelling, _)| spelling.split([' ', '-']).map(str::to_owned))
            .collect();
        Extractor {
            people: Names::new(people, []),
            topics: Names::new(topics, keywords),
            builtin,
            builtin_names: spellings.into_iter().map(|(_, name)| name).collect(),
            builtin_words,
        }
    }

    /// An extractor knowing no profiles: built-in topics and rules only.
    pub fn without_profiles() -> Extractor {
        Extractor::new(Registry::default(), Registry::default(), &[])
    }

    /// Full names of the people `segments` (title and paragraphs, in order) are about, in order
    /// of first mention. Names in `credits` (photographers) are never people.
    pub fn people(&self, segments: &[&str], credits: &[&str]) -> Vec<String> {
        // Every run of consecutive words of a credit: a name written in one is credited.
        let mut credited: HashSet<String> = HashSet::new();
        for credit in credits {
            let folded = fold(credit).text;
            let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
            for start in 0..words.len() {
                for end in start + 1..=words.len().min(start + 6) {
                    credited.insert(words[start..end].join(" "));
                }
            }
        }
        let mut mentions: Vec<(Position, Identity)> = Vec::new();
        let mut surnames: Vec<(Position, String)> = Vec::new();
        for (segment, text) in segments.iter().enumerate() {
            for (offset, id) in self.people.find(text) {
                // A name is capitalised; lowercase text matching an alias is not one.
                if text[offset..].starts_with(|c: char| !c.is_lowercase()) {
                    mentions.push(((segment, offset), Identity::Entity(id)));
                }
            }
            for candidate in self.name_candidates(text) {
                match candidate {
                    Candidate::FullName(offset, name) => {
                        mentions.push(((segment, offset), self.people.identify(&name)));
                    }
                    Candidate::Surname(offset, word) => surnames.push(((segment, offset), word)),
                }
            }
        }
        // The folded canonical name of each person mentioned, worked out once.
        let mut folded: HashMap<Identity, String> = HashMap::new();
        for (_, identity) in &mentions {
            if !folded.contains_key(identity) {
                let name = fold(&self.people.canonical(identity)).text;
                folded.insert(identity.clone(), name);
            }
        }
        mentions.retain(|(_, identity)| !credited.contains(&folded[identity]));
        mentions.sort_by_key(|(position, _)| *position);

        // A bare surname is the full name ending with it: the nearest one before, else the
        // first after. Full names are indexed by their trailing words (`kerr`, `o brien kerr`).
        let mut by_ending: HashMap<&str, Vec<(Position, &Identity)>> = HashMap::new();
        for (position, identity) in &mentions {
            let name = folded[identity].as_str();
            for (at, _) in name.match_indices(' ') {
                by_ending
                    .entry(&name[at + 1..])
                    .or_default()
                    .push((*position, identity));
            }
        }
        let mut resolved = Vec::new();
        for (position, surname) in &surnames {
            let key = fold(surname).text;
            if let Some(named) = by_ending.get(key.as_str()) {
                let before = named.partition_point(|(at, _)| at < position);
                let (_, identity) = named[before.saturating_sub(1)];
                resolved.push((*position, identity.clone()));
            }
        }
        mentions.extend(resolved);
        mentions.sort_by_key(|(position, _)| *position);
        first_mentions(mentions, &self.people)
    }

    /// Topics of `segments` (title, paragraphs and captions, in order), in order of first
    /// mention: topic profiles by name, alias or keyword, and the built-in list.
    pub fn topics(&self, segments: &[&str]) -> Vec<String> {
        let mut mentions: Vec<(Position, Identity)> = Vec::new();
        for (segment, text) in segments.iter().enumerate() {
            for (offset, id) in self.topics.find(text) {
                mentions.push(((segment, offset), Identity::Entity(id)));
            }
            let matches = self
                .builtin
                .find_overlapping_iter(*text)
                .filter(|m| at_word_boundaries(text, m.start(), m.end()))
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()));
            for (start, _, pattern) in leftmost_longest(matches) {
                if let Some(name) = self.builtin_names[pattern] {
                    mentions.push(((segment, start), self.topics.identify(name)));
                }
            }
        }
        mentions.sort_by_key(|(position, _)| *position);
        first_mentions(mentions, &self.topics)
    }

    /// Names found by rules in one segment.
    fn name_candidates(&self, text: &str) -> Vec<Candidate> {
        let words = words(text);
        let mut candidates = Vec::new();
        let mut index = 0;
        while index < words.len() {
            if !is_capitalised(words[index].text) {
                index += 1;
                continue;
            }
            let start = index;
            let mut end = index + 1;
            while end < words.len() && !words[end - 1].possessive {
                let word = &words[end];
                let joined = is_space(word.gap)
                    || (word.gap.trim() == "." && is_initial(words[end - 1].text));
                if !joined {
                    break;
                }
                let particle = PARTICLES_SET.contains(word.text)
                    && words
                        .get(end + 1)
                        .is_some_and(|next| is_space(next.gap) && is_capitalised(next.text));
                if is_capitalised(word.text) || is_initial(word.text) || particle {
                    end += 1;
                } else {
                    break;
                }
            }
            if let Some(candidate) = self.candidate(&words, start, end) {
                candidates.push(candidate);
            }
            index = end;
        }
        candidates
    }

    /// The name in the capitalised run `words[start..end]`, if the run is one and has a cue.
    fn candidate(&self, words: &[Word], start: usize, end: usize) -> Option<Candidate> {
        let sentence_start = start == 0 || words[start].gap.contains(['.', '!', '?', ':', ';']);
        let mut first = start;
        let mut last = end;
        let mut cue = false;
        // Leading titles (`Russian Foreign Minister`), sentence words and places go.
        while first < last {
            let word = words[first].text;
            if is_title(word) {
                cue = true;
            } else if !(self.is_stop(word)
                || (first == start && sentence_start && STARTERS_SET.contains(word)))
            {
                break;
            }
            first += 1;
        }
        while last > first && self.is_stop(words[last - 1].text) {
            last -= 1;
        }
        let name_words = &words[first..last];
        if name_words.is_empty()
            || name_words.len() > 5
            || name_words
                .iter()
                .any(|w| ORG_WORDS_SET.contains(w.text) || self.builtin_words.contains(w.text))
            || is_initial(name_words[name_words.len() - 1].text)
        {
            return None;
        }
        let offset = name_words[0].start;
        // A single word only ever stands for a full name found elsewhere, cue or not.
        if name_words.len() == 1 {
            return Some(Candidate::Surname(offset, name_words[0].name().to_owned()));
        }
        if !(cue || self.cue_before(words, start) || cue_after(words, end)) {
            return None;
        }
        let mut name = String::new();
        for (index, word) in name_words.iter().enumerate() {
            if index > 0 {
                name.push(' ');
            }
            name.push_str(word.name());
            if is_initial(word.text) {
                name.push('.');
            }
        }
        Some(Candidate::FullName(offset, name))
    }

    /// Words that start sentences or name times and places, never part of a person's name.
    fn is_stop(&self, word: &str) -> bool {
        STARTERS_SET.contains(word)
            || MONTHS_AND_DAYS_SET.contains(word)
            || self.builtin_words.contains(word)
    }

    /// `spokesman John Kirby`, `said John Kirby`, `President Putin`.
    fn cue_before(&self, words: &[Word], start: usize) -> bool {
        start > 0
            && (is_space(words[start].gap) || words[start].gap.trim() == ",")
            && is_cue_word(words[start - 1].text)
    }
}

/// `John Kirby said`, `John Kirby, a Pentagon spokesman,`.
fn cue_after(words: &[Word], end: usize) -> bool {
    let Some(next) = words.get(end) else {
        return false;
    };
    if is_space(next.gap) && SPEECH_VERBS_SET.contains(next.text) {
        return true;
    }
    if next.gap.trim() != "," {
        return false;
    }
    words[end..]
        .iter()
        .take(5)
        .enumerate()
        .take_while(|(index, word)| *index == 0 || is_space(word.gap))
        .any(|(_, word)| CUE_WORDS_SET.contains(word.text.to_lowercase().as_str()))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Candidate {
    FullName(usize, String),
    Surname(usize, String),
}

/// The canonical names of `mentions` (sorted by position), each once.
fn first_mentions(mentions: Vec<(Position, Identity)>, names: &Names) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut result = Vec::new();
    for (_, identity) in mentions {
        let key = match &identity {
            Identity::Entity(id) => names.registry.entities[*id].slug.clone(),
            Identity::Name(slug, _) => slug.clone(),
        };
        if !key.is_empty() && seen.insert(key) {
            result.push(names.canonical(&identity));
        }
    }
    result
}

/// Of overlapping matches (start, end, pattern), the leftmost, longest ones.
fn leftmost_longest(
    matches: impl Iterator<Item = (usize, usize, usize)>,
) -> Vec<(usize, usize, usize)> {
    let mut matches: Vec<_> = matches.collect();
    matches.sort_by_key(|&(start, end, pattern)| (start, std::cmp::Reverse(end), pattern));
    let mut chosen = Vec::new();
    let mut taken_until = 0;
    for found in matches {
        if found.0 >= taken_until {
            taken_until = found.1;
            chosen.push(found);
        }
    }
    chosen
}

fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Text folded as [`name_key`] folds names (ASCII, lowercase, one space between words), except
/// that apostrophes also separate words (`Ukraine’s` holds `ukraine`); with the byte offset in
/// the original text of every folded byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    pub origin: Vec<usize>,
}

pub fn fold(text: &str) -> Folded {
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    let mut space = false;
    let mut push = |c: char, at: usize, folded: &mut Folded| {
        if c.is_ascii_alphanumeric() {
            if space && !folded.text.is_empty() {
                folded.text.push(' ');
                folded.origin.push(at);
            }
            space = false;
            folded.text.push(c.to_ascii_lowercase());
            folded.origin.push(at);
        } else {
            space = true;
        }
    };
    for (at, c) in text.char_indices() {
        if c.is_ascii() {
            push(c, at, &mut folded);
        } else {
            for c in deunicode::deunicode_char(c).unwrap_or(" ").chars() {
                push(c, at, &mut folded);
            }
        }
    }
    folded
}

/// A word of text, with what stands between it and the previous word.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    gap: &'a str,
    /// Written with `'s` or `’s`, which `text` does not include.
    possessive: bool,
}

impl<'a> Word<'a> {
    fn name(&self) -> &'a str {
        self.text
    }
}

/// Words: letters and digits, with `'`, `’`, `-` and `.` inside (`O’Brien`, `Jean-Luc`, `U.S`).
fn words(text: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let mut previous_end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(at, next)) = chars.peek() {
            let joins = next.is_alphanumeric()
                || (matches!(next, '\'' | '’' | '-' | '.')
                    && text[at + next.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric));
            if !joins {
                break;
            }
            end = at + next.len_utf8();
            chars.next();
        }
        let mut word = &text[start..end];
        let mut possessive = false;
        for suffix in ["'s", "’s", "'S", "’S"] {
            if let Some(stem) = word.strip_suffix(suffix)
                && !stem.is_empty()
            {
                word = stem;
                possessive = true;
            }
        }
        words.push(Word {
            text: word,
            start,
            gap: &text[previous_end..start],
            possessive,
        });
        previous_end = end;
    }
    words
}

fn is_space(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(char::is_whitespace)
}

/// `Blinken`, `O’Brien`, `al-Assad`: starts with a capital and is not all capitals.
fn is_capitalised(word: &str) -> bool {
    let capital_then_lower = |word: &str| {
        word.chars().next().is_some_and(char::is_uppercase) && word.chars().any(char::is_lowercase)
    };
    capital_then_lower(word)
        || word.split_once('-').is_some_and(|(particle, rest)| {
            PARTICLES_SET.contains(particle) && capital_then_lower(rest)
        })
}

/// A middle initial such as the `F` of `John F. Kennedy`.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

fn is_title(word: &str) -> bool {
    TITLES_SET.contains(word) || CUE_WORDS_SET.contains(word.to_lowercase().as_str())
}

fn is_cue_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    CUE_WORDS_SET.contains(lower.as_str())
        || SPEECH_VERBS_SET.contains(lower.as_str())
        || TITLES_SET.contains(word)
}

/// The word lists as sets, built once.
fn set(words: &'static [&'static str]) -> HashSet<&'static str> {
    words.iter().copied().collect()
}

static PARTICLES_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| set(PARTICLES));
static CUE_WORDS_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| set(CUE_WORDS));
static TITLES_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| set(TITLES));
static SPEECH_VERBS_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| set(SPEECH_VERBS));
static STARTERS_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| set(STARTERS));
static MONTHS_AND_DAYS_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| set(MONTHS_AND_DAYS));
static ORG_WORDS_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| set(ORG_WORDS));

/// Lowercase words inside names: `Ursula von der Leyen`, `Bashar al-Assad`.
const PARTICLES: &[&str] = &[
    "de", "da", "das", "do", "dos", "del", "della", "di", "du", "van", "von", "der", "den", "ten",
    "ter", "bin", "bint", "ibn", "al", "el", "ad", "as", "la", "le", "y", "zu",
];

/// Roles that, before or after a name, say it is a person's (`spokesman John Kirby`,
/// `President Putin`, `John Kirby, a Pentagon spokesman`). Compared in lowercase.
const CUE_WORDS: &[&str] = &[
    "president",
    "secretary",
    "minister",
    "chancellor",
    "premier",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "chief",
    "commander",
    "ambassador",
    "envoy",
    "analyst",
    "professor",
    "lawyer",
    "attorney",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "founder",
    "adviser",
    "advisor",
    "aide",
    "negotiator",
    "senator",
    "governor",
    "mayor",
    "general",
    "colonel",
    "judge",
    "economist",
    "researcher",
    "journalist",
    "correspondent",
    "reporter",
    "editor",
    "author",
    "actor",
    "actress",
    "singer",
    "coach",
    "captain",
    "manager",
    "owner",
    "executive",
    "activist",
    "candidate",
    "lawmaker",
    "congressman",
    "congresswoman",
    "prosecutor",
    "investigator",
    "expert",
    "scientist",
    "pastor",
    "priest",
    "counterpart",
    "deputy",
    "head",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "emperor",
    "commissioner",
    "speaker",
    "representative",
    "sen",
    "rep",
    "gov",
    "gen",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "lt",
    "col",
    "sgt",
    "capt",
    "adm",
    "maj",
    "sheikh",
    "emir",
    "rabbi",
    "imam",
    "cardinal",
    "bishop",
    "detective",
    "inspector",
    "officer",
    "sir",
    "dame",
    "lord",
    "lady",
];

/// Capitalised words of titles that are not roles by themselves (`Secretary of State`,
/// `Foreign Minister`, `Prime Minister`): they open a name's cue and are not part of it.
const TITLES: &[&str] = &[
    "State",
    "Foreign",
    "Prime",
    "Deputy",
    "Vice",
    "Crown",
    "Defense",
    "Defence",
    "Interior",
    "Finance",
    "Trade",
    "Energy",
    "Health",
    "Home",
    "Press",
    "Security",
    "National",
    "Former",
    "Acting",
    "Opposition",
    "Supreme",
    "Executive",
    "Affairs",
    "Interim",
    "First",
    "Chief",
    "Senior",
    "Junior",
    "Assistant",
    "Associate",
    "Attorney",
    "General",
    "Majority",
    "Minority",
    "Economy",
    "Economic",
    "Justice",
    "Labor",
    "Labour",
    "Education",
    "Transport",
    "Transportation",
    "Agriculture",
    "Environment",
    "Culture",
    "Development",
    "Treasury",
    "Commerce",
    "Homeland",
    "Veterans",
    "Minister",
    "Secretary",
    "President",
];

/// Verbs after a name that make it a speaker's (`Ryabkov said`).
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "tweeted",
    "posted",
    "stated",
    "insisted",
    "warned",
    "announced",
    "argued",
    "noted",
    "explained",
    "asked",
    "replied",
    "responded",
    "declared",
    "claimed",
    "acknowledged",
    "admitted",
    "urged",
    "vowed",
    "pledged",
    "promised",
    "suggested",
    "confirmed",
    "denied",
    "stressed",
    "emphasized",
    "emphasised",
    "recalled",
    "concluded",
    "continued",
];

/// Capitalised words that start sentences rather than names.
const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "Nor",
    "If",
    "In",
    "On",
    "At",
    "As",
    "For",
    "By",
    "With",
    "Without",
    "From",
    "To",
    "Of",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "Those",
    "These",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Although",
    "Though",
    "So",
    "Yet",
    "Then",
    "There",
    "Here",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "Its",
    "What",
    "Who",
    "Whom",
    "Why",
    "How",
    "Where",
    "Which",
    "Not",
    "No",
    "Yes",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "Every",
    "Such",
    "Also",
    "Still",
    "Even",
    "Just",
    "Only",
    "Meanwhile",
    "However",
    "Moreover",
    "Despite",
    "Under",
    "Over",
    "Amid",
    "Among",
    "Asked",
    "According",
    "Like",
    "Unlike",
    "Earlier",
    "Later",
    "Now",
    "Today",
    "Tonight",
    "Yesterday",
    "Tomorrow",
    "Last",
    "Next",
    "This",
    "Speaking",
    "Instead",
    "Indeed",
    "Already",
    "Because",
    "During",
    "Until",
    "Once",
    "Whether",
    "Neither",
    "Either",
    "Several",
    "Few",
    "Other",
    "Others",
    "Another",
    "Any",
    "Dear",
    "Thanks",
    "Please",
    "Well",
    "Oh",
    "Sources",
    "Officials",
    "Critics",
    "Experts",
    "Analysts",
    "Residents",
    "Witnesses",
    "Police",
    "Troops",
    "Soldiers",
    "Photo",
    "Video",
    "Watch",
    "Read",
    "Click",
    "Source",
    "More",
    "Less",
    "Although",
    "Unless",
    "Through",
    "Throughout",
    "Across",
    "Against",
    "Between",
    "Beyond",
    "Near",
    "Outside",
    "Inside",
    "Within",
    "Above",
    "Below",
    "Around",
    "Along",
    "Upon",
    "Into",
    "Onto",
    "Toward",
    "Towards",
    "Via",
    "Per",
    "Mr",
    "Mrs",
    "Ms",
];

const MONTHS_AND_DAYS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Christmas",
    "Easter",
    "Ramadan",
];

/// Words of organisations, places and events: a capitalised run holding one is not a person.
const ORG_WORDS: &[&str] = &[
    "House",
    "Union",
    "Department",
    "Ministry",
    "Council",
    "Committee",
    "Agency",
    "Party",
    "Army",
    "Forces",
    "Force",
    "Government",
    "Administration",
    "Congress",
    "Senate",
    "Parliament",
    "Kremlin",
    "Pentagon",
    "University",
    "College",
    "Institute",
    "Company",
    "Corp",
    "Corporation",
    "Inc",
    "Ltd",
    "Group",
    "Bank",
    "News",
    "Times",
    "Post",
    "Journal",
    "Herald",
    "Tribune",
    "Television",
    "Radio",
    "Network",
    "Street",
    "Avenue",
    "Road",
    "Square",
    "City",
    "Region",
    "Province",
    "District",
    "County",
    "Republic",
    "Federation",
    "Kingdom",
    "Sea",
    "River",
    "Mountain",
    "Mountains",
    "Island",
    "Islands",
    "Lake",
    "Ocean",
    "Gulf",
    "Bay",
    "Church",
    "Cathedral",
    "Mosque",
    "Hospital",
    "School",
    "Airport",
    "Station",
    "Palace",
    "Summit",
    "Talks",
    "Conference",
    "Convention",
    "Treaty",
    "Agreement",
    "Accord",
    "Accords",
    "War",
    "Day",
    "Week",
    "Cup",
    "Games",
    "Olympics",
    "League",
    "Award",
    "Awards",
    "Prize",
    "Fund",
    "Foundation",
    "Court",
    "Office",
    "Navy",
    "Guard",
    "Association",
    "Organization",
    "Organisation",
    "Center",
    "Centre",
    "Museum",
    "Hall",
    "Tower",
    "Bridge",
    "Park",
    "Stadium",
    "Club",
    "Festival",
    "Project",
    "Program",
    "Programme",
    "Act",
    "Law",
    "Code",
    "Index",
    "Exchange",
    "Market",
    "Media",
    "Service",
    "Services",
    "Embassy",
    "Consulate",
    "Command",
    "Brigade",
    "Battalion",
    "Division",
    "Regiment",
    "Corps",
    "Front",
    "Movement",
    "Coalition",
    "Alliance",
    "Bloc",
    "Commission",
    "Board",
    "Authority",
    "Bureau",
    "Empire",
    "Revolution",
    "Soviet",
    "Wall",
    "Street",
    "Valley",
    "Hill",
    "Hills",
    "Beach",
    "Coast",
    "Desert",
    "Forest",
    "Airlines",
    "Airways",
    "Motors",
    "Bros",
    "Brothers",
    "Studios",
    "Records",
    "Press",
    "Images",
    "Photo",
    "Getty",
    "Reuters",
    "Associated",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::registry::ProfileNames;
    use std::path::Path;

    fn seed_segments() -> (Vec<String>, Vec<String>) {
        let text = include_str!("../../raw/000_02ad2f46d24ee265.txt");
        let article = super::super::blocks::parse(text, &[]).unwrap();
        let mut segments = vec![article.title.clone()];
        let mut credits = Vec::new();
        for block in &article.blocks {
            match block {
                super::super::blocks::Block::Paragraph(text) => segments.push(text.clone()),
                super::super::blocks::Block::Media(items) => {
                    credits.extend(items.iter().filter_map(|i| i.credit.clone()));
                }
            }
        }
        (segments, credits)
    }

    fn refs(strings: &[String]) -> Vec<&str> {
        strings.iter().map(String::as_str).collect()
    }

    fn registry(profiles: &[(&str, &str, Vec<String>)]) -> Registry {
        let (registry, problems) =
            Registry::from_profiles(profiles.iter().map(|(slug, name, aliases)| ProfileNames {
                slug,
                name,
                aliases,
                path: Path::new("x.md"),
            }));
        assert!(problems.is_empty());
        registry
    }

    #[test]
    fn seed_people_by_rules_alone() {
        let (segments, credits) = seed_segments();
        let people = Extractor::without_profiles().people(&refs(&segments), &refs(&credits));
        assert_eq!(
            people,
            ["Antony Blinken", "Vladimir Putin", "Sergei Ryabkov"]
        );
    }

    #[test]
    fn seed_topics_by_builtins_alone() {
        let (segments, _) = seed_segments();
        let topics = Extractor::without_profiles().topics(&refs(&segments));
        assert_eq!(topics, ["Russia", "Ukraine", "United States", "NATO"]);
    }

    #[test]
    fn profiles_give_canonical_names_and_keywords() {
        let people = registry(&[(
            "vladimir-putin",
            "Vladimir Putin",
            vec!["Putin".into(), "Vladimir Vladimirovich Putin".into()],
        )]);
        let topics = registry(&[("diplomacy", "Diplomacy", vec![])]);
        let extractor = Extractor::new(
            people,
            topics,
            &[(
                "Diplomacy".into(),
                vec!["talks".into(), "negotiations".into()],
            )],
        );
        assert_eq!(
            extractor.people(
                &["PUTIN’S plan: talks", "Putin met Jane Roe, a spokeswoman."],
                &[]
            ),
            ["Vladimir Putin", "Jane Roe"]
        );
        // Lowercase text is not a name even when it spells an alias.
        let people = registry(&[("bill-smith", "Bill Smith", vec!["Bill".into()])]);
        let extractor = Extractor::new(people, Registry::default(), &[]);
        assert!(extractor.people(&["the bill passed"], &[]).is_empty());
        let topics = Extractor::new(
            Registry::default(),
            registry(&[("diplomacy", "Diplomacy", vec![])]),
            &[("Diplomacy".into(), vec!["talks".into()])],
        )
        .topics(&["Talks in Geneva; Russians wary"]);
        assert_eq!(topics, ["Diplomacy", "Russia"]);
    }

    #[test]
    fn builtin_topics_map_to_profiles() {
        let topics = registry(&[("usa", "USA", vec!["United States".into(), "America".into()])]);
        let extractor = Extractor::new(Registry::default(), topics, &[]);
        assert_eq!(
            extractor.topics(&["The U.S. and the EU"]),
            ["USA", "European Union"]
        );
    }

    #[test]
    fn case_and_boundaries_matter_for_builtins() {
        let extractor = Extractor::without_profiles();
        assert!(
            extractor
                .topics(&["tell us about USAID and UNESCO"])
                .is_empty()
        );
        assert_eq!(
            extractor.topics(&["Latin American leaders met Ukrainians and the UN-backed panel"]),
            ["Ukraine", "United Nations"]
        );
    }

    #[test]
    fn title_cues_and_surnames() {
        let extractor = Extractor::without_profiles();
        assert_eq!(
            extractor.people(
                &[
                    "Smith warns of delays",
                    "Prime Minister John Smith met opposition leader Ann O’Brien-Kerr on Monday.",
                    "Smith said the talks failed. O’Brien-Kerr said nothing.",
                    "The White House said President Joe Biden’s plan stands.",
                ],
                &[]
            ),
            ["John Smith", "Ann O’Brien-Kerr", "Joe Biden"]
        );
    }

    #[test]
    fn runs_without_cues_places_and_credits_are_not_people() {
        let extractor = Extractor::without_profiles();
        assert!(
            extractor
                .people(
                    &[
                        "The United States and Geneva Convention were discussed in New York.",
                        "Donetsk Region officials met at the State Department.",
                        "Brendan Hoffman said he took the photo.",
                    ],
                    &["Brendan Hoffman/Getty Images"]
                )
                .is_empty()
        );
    }

    #[test]
    fn fold_maps_back_to_the_text() {
        let folded = fold("“Blínken’s” plan");
        assert_eq!(folded.text, "blinken s plan");
        assert_eq!(folded.origin[0], "“".len());
    }
}
