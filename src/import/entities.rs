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

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::registry::{Registry, name_key};

use super::names::{self, Candidate, Evidence};

/// Finds people and topics in the text of articles. Build once, use for every article.
#[derive(Debug, Clone)]
pub struct Extractor {
    people: Names,
    topics: Names,
    /// Built-in topic spellings, matched case-sensitively in the original text.
    builtin: AhoCorasick,
    /// The topic each built-in pattern names; `None` for a blocker.
    builtin_names: Vec<Option<&'static str>>,
    /// Whether each built-in pattern is a name (`Russia`) rather than an adjective.
    builtin_nouns: Vec<bool>,
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
        let mut spellings: Vec<(String, Option<&'static str>, bool)> = super::builtin::spellings()
            .into_iter()
            .map(|(spelling, name, noun)| (spelling, Some(name), noun))
            .collect();
        spellings.extend(
            super::builtin::BLOCKERS
                .iter()
                .map(|blocker| ((*blocker).to_owned(), None, false)),
        );
        let builtin = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(spellings.iter().map(|(spelling, _, _)| spelling))
            .expect("the built-in list is small enough for an automaton");
        let builtin_words = spellings
            .iter()
            .filter(|(_, name, _)| name.is_some())
            .flat_map(|(spelling, _, _)| spelling.split([' ', '-']).map(str::to_owned))
            .collect();
        Extractor {
            people: Names::new(people, []),
            topics: Names::new(topics, keywords),
            builtin,
            builtin_nouns: spellings.iter().map(|(_, _, noun)| *noun).collect(),
            builtin_names: spellings.into_iter().map(|(_, name, _)| name).collect(),
            builtin_words,
        }
    }

    /// An extractor knowing no profiles: built-in topics and rules only.
    pub fn without_profiles() -> Extractor {
        Extractor::new(Registry::default(), Registry::default(), &[])
    }

    /// Full names of the people `segments` (title and paragraphs, in order) are about, in order
    /// of first mention. A name written in `credits` (a photographer's) is a person only when
    /// the text also names it with a cue of its own (`photographer Ana Ruiz said`,
    /// `Ana Ruiz: …`).
    pub fn people(&self, segments: &[&str], credits: &[&str]) -> Vec<String> {
        let mut sightings = self.sightings(segments);
        let unconfirmed = std::mem::take(&mut sightings.unconfirmed);
        let confirmed = confirmed_by_surnames(unconfirmed, &sightings, &self.people);
        let mut mentions = std::mem::take(&mut sightings.mentions);
        mentions.extend(confirmed);
        mentions.extend(self.capitals_names(segments, &sightings.surnames));
        let credited = credited_runs(credits);
        // The folded canonical name of each person mentioned, worked out once.
        let mut folded: HashMap<Identity, String> = HashMap::new();
        for (_, identity) in &mentions {
            if !folded.contains_key(identity) {
                let name = fold(&self.people.canonical(identity)).text;
                folded.insert(identity.clone(), name);
            }
        }
        mentions.retain(|(_, identity)| {
            let name = &folded[identity];
            let thing = matches!(identity, Identity::Name(..)) && sightings.things.contains(name);
            let photographer = credited.contains(name) && !sightings.cued.contains(identity);
            !thing && !photographer
        });
        mentions.sort_by_key(|(position, _)| *position);
        let resolved = resolve_surnames(&mentions, &folded, &sightings.surnames);
        mentions.extend(resolved);
        mentions.sort_by_key(|(position, _)| *position);
        first_mentions(mentions, &self.people)
    }

    /// What the rules and profiles find in each segment.
    fn sightings(&self, segments: &[&str]) -> Sightings {
        let mut sightings = Sightings::default();
        let is_topic_word = |word: &str| self.builtin_words.contains(word);
        for (segment, text) in segments.iter().enumerate() {
            for (offset, id) in self.people.find(text) {
                // A name is capitalised; lowercase text matching an alias is not one.
                if text[offset..].starts_with(|c: char| !c.is_lowercase()) {
                    sightings
                        .mentions
                        .push(((segment, offset), Identity::Entity(id)));
                }
            }
            for candidate in names::candidates(text, &is_topic_word) {
                sightings.add(segment, candidate, &self.people);
            }
        }
        sightings
    }

    /// Full names in headlines written in capitals (`FLOOD SHUTS DAIRY AS OWNER MAEVE
    /// CASSIDY-RYE VOWS TO REOPEN`): a given name of the lists before a surname the article
    /// writes alone elsewhere (`Cassidy-Rye said`), spelled as the article spells the surname.
    fn capitals_names(
        &self,
        segments: &[&str],
        surnames: &[(Position, String)],
    ) -> Vec<(Position, Identity)> {
        let spelled: HashMap<String, &str> = surnames
            .iter()
            .map(|(_, word)| (fold(word).text, word.as_str()))
            .collect();
        let mut found = Vec::new();
        for (segment, text) in segments.iter().enumerate() {
            if !names::is_in_capitals(text) {
                continue;
            }
            for (offset, given, surname) in names::capitals_pairs(text) {
                if let Some(spelling) = spelled.get(&fold(surname).text) {
                    let name = format!("{given} {spelling}");
                    found.push(((segment, offset), self.people.identify(&name)));
                }
            }
        }
        found
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
            let title_case = names::is_title_case(text);
            for (start, end, pattern) in leftmost_longest(matches) {
                let part_of_a_name = if self.builtin_nouns[pattern] {
                    !title_case && names::inside_longer_name(text, start, end)
                } else {
                    names::names_an_outlet(text, end)
                };
                if part_of_a_name {
                    continue;
                }
                if let Some(name) = self.builtin_names[pattern] {
                    mentions.push(((segment, start), self.topics.identify(name)));
                }
            }
        }
        mentions.sort_by_key(|(position, _)| *position);
        first_mentions(mentions, &self.topics)
    }
}

/// What the segments of an article say about people, before the rules that look at the whole
/// article.
#[derive(Default)]
struct Sightings {
    /// Names with evidence of their own, and profiles' names.
    mentions: Vec<(Position, Identity)>,
    /// People named with a cue somewhere (a title or role, a verb of speech, …).
    cued: HashSet<Identity>,
    /// Surnames written alone (`Blinken`, `Van den Bosch`).
    surnames: Vec<(Position, String)>,
    unconfirmed: Vec<Unconfirmed>,
    /// Folded names that the text says are things (`the trawler Greta Ann`).
    things: HashSet<String>,
}

impl Sightings {
    fn add(&mut self, segment: usize, candidate: Candidate, people: &Names) {
        match candidate {
            Candidate::FullName {
                offset,
                name,
                evidence,
                list,
            } => {
                let mention = ((segment, offset), people.identify(&name));
                if evidence == Evidence::Cue {
                    self.cued.insert(mention.1.clone());
                }
                if evidence == Evidence::None {
                    self.unconfirmed.push(Unconfirmed {
                        mention,
                        name,
                        list: (segment, list),
                    });
                } else {
                    self.mentions.push(mention);
                }
            }
            Candidate::Surname { offset, word } => {
                self.surnames.push(((segment, offset), word));
            }
            Candidate::Thing { name } => {
                self.things.insert(fold(&name).text);
            }
        }
    }
}

/// Every run of up to six consecutive words of the credits, folded: a name written in one is
/// credited.
fn credited_runs(credits: &[&str]) -> HashSet<String> {
    let mut credited = HashSet::new();
    for credit in credits {
        let folded = fold(credit).text;
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        for start in 0..words.len() {
            for end in start + 1..=words.len().min(start + 6) {
                credited.insert(words[start..end].join(" "));
            }
        }
    }
    credited
}

/// A bare surname is the full name ending with it: the nearest one before, else the first
/// after. Full names are indexed by their trailing words (`kerr`, `o brien kerr`).
fn resolve_surnames(
    mentions: &[(Position, Identity)],
    folded: &HashMap<Identity, String>,
    surnames: &[(Position, String)],
) -> Vec<(Position, Identity)> {
    let mut by_ending: HashMap<&str, Vec<(Position, &Identity)>> = HashMap::new();
    for (position, identity) in mentions {
        let name = folded[identity].as_str();
        for (at, _) in name.match_indices(' ') {
            by_ending
                .entry(&name[at + 1..])
                .or_default()
                .push((*position, identity));
        }
    }
    let mut resolved = Vec::new();
    for (position, surname) in surnames {
        let key = fold(surname).text;
        if let Some(named) = by_ending.get(key.as_str()) {
            let before = named.partition_point(|(at, _)| at < position);
            let (_, identity) = named[before.saturating_sub(1)];
            resolved.push((*position, identity.clone()));
        }
    }
    resolved
}

/// A full name found without evidence of its own.
struct Unconfirmed {
    mention: (Position, Identity),
    name: String,
    /// The segment and list it belongs to.
    list: (usize, usize),
}

/// Names without evidence of their own that the article confirms: it names the same person
/// with evidence elsewhere, repeats the surname alone (`Nick Bos` … `Bos said`), or confirms
/// another name of the same list. A repeated surname that a name with evidence already ends
/// with is that person's (`the painter Anders Lindqvist-Berg` … `Lindqvist-Berg`), not a
/// confirmation of another run ending with it (`Lost Lindqvist-Berg sketch found`).
fn confirmed_by_surnames(
    unconfirmed: Vec<Unconfirmed>,
    sightings: &Sightings,
    people: &Names,
) -> Vec<(Position, Identity)> {
    let known: HashSet<&Identity> = sightings
        .mentions
        .iter()
        .map(|(_, identity)| identity)
        .collect();
    let known_names: Vec<String> = known
        .iter()
        .map(|identity| fold(&people.canonical(identity)).text)
        .collect();
    let ends_with = |name: &str, surname: &str| {
        name.strip_suffix(surname)
            .is_some_and(|rest| rest.ends_with(' '))
    };
    let alone: Vec<String> = sightings
        .surnames
        .iter()
        .map(|(_, word)| fold(word).text)
        .filter(|surname| !known_names.iter().any(|name| ends_with(name, surname)))
        .collect();
    let confirmed = |entry: &Unconfirmed| {
        let name = fold(&entry.name).text;
        known.contains(&entry.mention.1) || alone.iter().any(|surname| ends_with(&name, surname))
    };
    let lists: HashSet<(usize, usize)> = unconfirmed
        .iter()
        .filter(|entry| confirmed(entry))
        .map(|entry| entry.list)
        .collect();
    unconfirmed
        .into_iter()
        .filter(|entry| confirmed(entry) || lists.contains(&entry.list))
        .map(|entry| entry.mention)
        .collect()
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
    fn countries_inside_longer_names_are_not_topics() {
        let extractor = Extractor::without_profiles();
        assert_eq!(
            extractor.topics(&[
                "She flew from New Mexico to Papua New Guinea, told Agence France-Presse and \
                 Russia Today, and read the Korean Central News Agency."
            ]),
            ["Papua New Guinea"]
        );
        assert_eq!(
            extractor
                .topics(&["In Russia, Ukraine President Volodymyr Zelensky met Germany’s envoy."]),
            ["Russia", "Ukraine", "Germany"]
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
                        "Brendan Hoffman took the photo.",
                    ],
                    &["Brendan Hoffman/Getty Images"]
                )
                .is_empty()
        );
        // A photographer the text names with a cue of their own is a person there.
        assert_eq!(
            extractor.people(
                &["The photographer Brendan Hoffman said he took it."],
                &["Brendan Hoffman/Getty Images"]
            ),
            ["Brendan Hoffman"]
        );
    }

    #[test]
    fn fold_maps_back_to_the_text() {
        let folded = fold("“Blínken’s” plan");
        assert_eq!(folded.text, "blinken s plan");
        assert_eq!(folded.origin[0], "“".len());
    }
}
