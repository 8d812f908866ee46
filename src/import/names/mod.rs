//! People's names found by rules in one segment of text (a title or a paragraph).
//!
//! A name is a run of capitalised words (with initials, particles such as `von` or `van der`,
//! suffixes such as `Jr.`, hyphens and diacritics) that is left once the titles and roles before
//! it are taken off (`Central Bank Chair`, `Director-General`, `Superintendent`), holds no word
//! of an organisation or place, and has evidence that it is a person's ([`Evidence`]):
//!
//! - a cue ([`evidence`]): a title or role before it (`skipper Wade Holt`, `Dr. Ravi Rao`), a
//!   verb of speech after it (`… said`), an aside after it (`Eva Rand, one of the leading
//!   experts,`, `Pat Quill, 55,`, `Jo Park, who`), or a speaker's colon at the start of a
//!   paragraph (`Nick Bos: …`);
//! - its form: a first word from the lists of given names (US Census 1990), or an
//!   East Asian family name before a romanised given name (`Zhou Min`, `Hui Chi-fung`,
//!   [`super::east_asian`]);
//! - a list: a run joined by `,` or `and` to a name with evidence (`Ana Ruiz and Tomas Berg`).
//!
//! Runs without evidence are still returned: the article as a whole may confirm them by repeating
//! the surname alone ([`super::entities`]). One word alone, or a family name opening with a
//! particle (`Van den Bosch said`), is a surname. A run the text says is a thing (`the cargo ship
//! Anna Linde`, `Brandt & Kooi Logistics`) is returned as such, so that the article never
//! lists it.

mod evidence;
mod words;

use ahash::AHashSet;
use std::sync::LazyLock;

use super::{east_asian, lexicon};
use words::{Word, is_capitalised, is_initial, is_space, is_suffix, takes_period};

/// A name found in a segment, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Candidate {
    /// A full name with the evidence the segment gives for it. Names of one list (`Ana Ruiz
    /// and Tomas Berg`) share their `list` number within the segment.
    FullName {
        offset: usize,
        name: String,
        evidence: Evidence,
        list: usize,
    },
    /// A surname alone (`Blinken`, `Van den Bosch`): a person's, if a full name of the article
    /// ends with it.
    Surname { offset: usize, word: String },
    /// A run with a name's shape that the text says names a thing (`the trawler Greta Ann`).
    Thing { name: String },
}

/// How strongly a segment says that a run is a person's name, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Evidence {
    /// None of its own: the article may still confirm it by repeating the surname.
    None,
    /// Its form: a given name of the lists, or an East Asian name's shape.
    Form,
    /// A cue in the text around it: a title or role, a verb of speech, an aside, a speaker's
    /// colon.
    Cue,
}

fn lowercase_set(file: &'static str) -> AHashSet<String> {
    lexicon::entries(file).map(str::to_lowercase).collect()
}

static GIVEN_NAMES: LazyLock<AHashSet<String>> =
    LazyLock::new(|| lowercase_set(include_str!("../data/given_names.txt")));
static MORE_GIVEN_NAMES: LazyLock<AHashSet<String>> =
    LazyLock::new(|| lowercase_set(include_str!("../data/given_names_ssa.txt")));
static ROLE_SURNAMES: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("../data/role_surnames.txt")));
static ROLES: LazyLock<AHashSet<String>> =
    LazyLock::new(|| lowercase_set(include_str!("../data/roles.txt")));
static SPEECH_VERBS: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("../data/speech_verbs.txt")));
static TITLE_WORDS: LazyLock<AHashSet<String>> =
    LazyLock::new(|| lowercase_set(include_str!("../data/title_words.txt")));
static ABBREVIATIONS: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("../data/abbreviations.txt")));
static STARTERS: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("../data/sentence_starters.txt")));
static CALENDAR: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("../data/calendar_words.txt")));
static ORG_WORDS: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("../data/org_words.txt")));
static KIND_NOUNS: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("../data/kind_nouns.txt")));
static PLACES: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("../data/places.txt")));
static PARTICLES: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("../data/particles.txt")));
static EAST_ASIAN_SURNAMES: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("../data/east_asian_surnames.txt")));

/// The names in `text`, in order. `is_topic_word` says whether a word belongs to a built-in
/// topic (`Russian`, `United`): such a word is never part of a name.
pub(super) fn candidates(text: &str, is_topic_word: &dyn Fn(&str) -> bool) -> Vec<Candidate> {
    let words = words::words(text);
    let runs = runs(&words);
    let mut found: Vec<Option<Found>> = runs
        .iter()
        .map(|&(start, end)| analyse(&words, start, end, is_topic_word))
        .collect();
    evidence::confirm_lists(&words, &mut found);
    found
        .into_iter()
        .flatten()
        .map(|found| found.candidate(&words))
        .collect()
}

/// A name in a run: its words `first..last` and what the segment says of it.
#[derive(Debug, Clone, Copy)]
struct Found {
    first: usize,
    last: usize,
    evidence: Evidence,
    /// The first run of the list this name belongs to.
    list: usize,
    /// The text says it names a thing.
    denied: bool,
    /// A surname of several words (`Van den Bosch`).
    surname: bool,
}

impl Found {
    fn candidate(&self, words: &[Word]) -> Candidate {
        let name_words = &words[self.first..self.last];
        let offset = name_words[0].start;
        let mut name = String::new();
        for (index, word) in name_words.iter().enumerate() {
            if index > 0 {
                name.push(' ');
            }
            name.push_str(word.text);
            if takes_period(word.text) {
                name.push('.');
            }
        }
        if self.denied {
            Candidate::Thing { name }
        } else if name_words.len() == 1 || self.surname {
            Candidate::Surname { offset, word: name }
        } else {
            Candidate::FullName {
                offset,
                name,
                evidence: self.evidence,
                list: self.list,
            }
        }
    }
}

/// Runs of capitalised words, initials, particles and suffixes: (start, end) word indexes.
fn runs(words: &[Word]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut index = 0;
    while index < words.len() {
        if !is_capitalised(words[index].text) && !is_initial(words[index].text) {
            index += 1;
            continue;
        }
        let start = index;
        let mut end = index + 1;
        while end < words.len() && !words[end - 1].possessive {
            let word = &words[end];
            let joined =
                is_space(word.gap) || (word.gap.trim() == "." && is_initial(words[end - 1].text));
            if joined
                && (is_capitalised(word.text)
                    || is_initial(word.text)
                    || is_suffix(word.text)
                    || particle_before_name(words, end))
            {
                end += 1;
            } else {
                break;
            }
        }
        runs.push((start, end));
        index = end;
    }
    runs
}

/// `van der Linden`: particles, then a capitalised word.
fn particle_before_name(words: &[Word], at: usize) -> bool {
    let mut next = at;
    while next < words.len() && PARTICLES.contains(words[next].text) {
        next += 1;
        if words.get(next).is_none_or(|word| !is_space(word.gap)) {
            return false;
        }
    }
    next > at && is_capitalised(words[next].text)
}

/// The name in the run `words[start..end]`, if there is one.
fn analyse(
    words: &[Word],
    start: usize,
    end: usize,
    is_topic_word: &dyn Fn(&str) -> bool,
) -> Option<Found> {
    let (first, titled) = strip_titles(words, start, end, is_topic_word);
    let last = trim_end(words, first, end);
    let name_words = &words[first..last];
    if name_words.is_empty()
        || name_words.len() > 5
        || is_initial(name_words[name_words.len() - 1].text)
        || PARTICLES.contains(name_words[0].text)
        || ends_with_office(name_words)
    {
        return None;
    }
    let cue = titled
        || evidence::cue_before(words, first, last)
        || evidence::cue_after(words, last, is_topic_word)
        || evidence::speaker(words, first, last);
    let evidence = if name_words.len() == 1 {
        Evidence::None
    } else if cue {
        Evidence::Cue
    } else if has_given_name(name_words) || is_east_asian(name_words) {
        Evidence::Form
    } else {
        Evidence::None
    };
    Some(Found {
        first,
        last,
        evidence,
        list: first,
        denied: name_words.len() > 1
            && !titled
            && evidence::names_a_thing(words, start, first, last),
        surname: is_particle_surname(name_words),
    })
}

/// `Virginia Governor`, `U.S. Senator`: a run ending with a role is an office, unless the role
/// is also a family name (`Tim Cook`).
fn ends_with_office(name_words: &[Word]) -> bool {
    let last = name_words[name_words.len() - 1].text;
    name_words.len() > 1 && is_role(last) && !ROLE_SURNAMES.contains(last.to_lowercase().as_str())
}

/// Where the name in the run `words[start..end]` starts, and whether a title or role stood
/// before it. Titles and roles (`Russian Foreign Minister`, `Central Bank Chair`, `Patient`)
/// and the words of places and organisations go; a title or role is a cue. A role that is
/// also a given name (`Dean`, `Major`) stays when only one word would be left, and the run's
/// last word always stays (`Tim Cook`, `Elsa Monk's company`).
fn strip_titles(
    words: &[Word],
    start: usize,
    end: usize,
    is_topic_word: &dyn Fn(&str) -> bool,
) -> (usize, bool) {
    let mut first = start;
    let mut cue = false;
    for at in start..end {
        let word = words[at].text;
        if at + 1 < end && is_title_or_role(word) && !given_name_before_surname(word, at, end) {
            cue = true;
            first = at + 1;
        } else if not_name(words, at, end, is_topic_word)
            || (at == first
                && (is_descriptor(word)
                    || (STARTERS.contains(word) && !east_asian_pronoun(words, at))))
        {
            first = at + 1;
        }
    }
    // `Governor of Washington Chris Gregoire`: after `of`, a word before a given name is the
    // place or body the title belongs to.
    if first > 0
        && first == start
        && end - first >= 3
        && matches!(words[first - 1].text, "of" | "for")
        && !is_common_given_name(words[first].text)
        && is_given_name(words[first + 1].text)
    {
        first += 1;
    }
    (first, cue)
}

/// `Dean Smith`, `Major Tom`: a role that is also a given name, and would leave one word.
fn given_name_before_surname(word: &str, at: usize, end: usize) -> bool {
    at + 2 == end && is_given_name(word) && !is_royal(word) && !word.contains('-')
}

/// Where the name ends: before a month, or the first word of the next sentence where a scraper
/// lost its period (`Regina Ip In the …`), but not a family name such as `To` or `Or`.
fn trim_end(words: &[Word], first: usize, end: usize) -> usize {
    let mut last = end;
    while last > first + 1 && {
        let word = words[last - 1].text;
        (CALENDAR.contains(word) && !calendar_surname(words, last - 1, end))
            || (STARTERS.contains(word) && !EAST_ASIAN_SURNAMES.contains(word))
    } {
        last -= 1;
    }
    last
}

/// Whether `words[at]` of the run ending at `end` is no part of a name: a word of an
/// organisation, a place, a month or a built-in topic (`Green Foods`, `New Mexico`), also as a
/// part of a hyphenated word (but a particle, as the `El` of `El-Hassan`, is not such a part,
/// and a month is never hyphenated to a name: `Jan-Willem`, `May-Britt`).
fn not_name(words: &[Word], at: usize, end: usize, is_topic_word: &dyn Fn(&str) -> bool) -> bool {
    words[at]
        .text
        .split('-')
        .filter(|part| !PARTICLES.contains(part.to_lowercase().as_str()))
        .any(|part| {
            ORG_WORDS.contains(part)
                || PLACES.contains(part)
                || (CALENDAR.contains(part)
                    && !words[at].text.contains('-')
                    && !calendar_surname(words, at, end))
                || is_topic_word(part)
        })
}

/// `Theresa May`: a calendar word ending a run after a given name, and
/// not followed by a number (`… on May 5`), is a surname.
fn calendar_surname(words: &[Word], at: usize, end: usize) -> bool {
    at + 1 == end
        && at > 0
        && is_given_name(words[at - 1].text)
        && words
            .get(at + 1)
            .is_none_or(|next| !next.text.starts_with(|c: char| c.is_ascii_digit()))
}

/// `and He Fang`: an East Asian family name that is also a sentence starter, inside a sentence
/// and before a romanised given name, is the family name.
fn east_asian_pronoun(words: &[Word], at: usize) -> bool {
    at > 0
        && !words[at].gap.contains(['.', '!', '?', ':', '"', '“'])
        && EAST_ASIAN_SURNAMES.contains(words[at].text)
        && words
            .get(at + 1)
            .is_some_and(|next| is_space(next.gap) && east_asian::is_given_name(next.text))
}

/// `Van den Bosch`, `Van Der Meer`, `De Niro`: a family name opening with a particle (two
/// particles, or one that is no given name, as `Van` of `Van Morrison` is).
fn is_particle_surname(name_words: &[Word]) -> bool {
    let is_particle = |word: &Word| PARTICLES.contains(word.text.to_lowercase().as_str());
    name_words.len() >= 2
        && is_particle(&name_words[0])
        && (is_particle(&name_words[1]) || !is_given_name(name_words[0].text))
}

/// A given name of the lists, compared without case or accents (`Zoë` is `Zoe`).
fn is_given_name(word: &str) -> bool {
    is_listed(word, &GIVEN_NAMES) || is_listed(word, &MORE_GIVEN_NAMES)
}

/// A given name of the 1990 Census lists, where a rarer one (`Washington`) could be a place.
fn is_common_given_name(word: &str) -> bool {
    is_listed(word, &GIVEN_NAMES)
}

fn is_listed(word: &str, names: &AHashSet<String>) -> bool {
    let known = |name: &str| {
        names.contains(&name.to_lowercase())
            || (!name.is_ascii() && names.contains(&deunicode::deunicode(name).to_lowercase()))
    };
    known(word) || word.split_once('-').is_some_and(|(first, _)| known(first))
}

/// The first name, or the second of three or more (`Hernan Dario Gomez`), is a given name.
fn has_given_name(name_words: &[Word]) -> bool {
    is_given_name(name_words[0].text)
        || (name_words.len() >= 3 && is_given_name(name_words[1].text))
}

/// `Zhou Min`, `Wang Jianguo`, `Sato Yui`, `Hui Chi-fung`: a family name, then romanised
/// given names.
fn is_east_asian(name_words: &[Word]) -> bool {
    name_words.len() <= 3
        && EAST_ASIAN_SURNAMES.contains(name_words[0].text)
        && name_words[1..]
            .iter()
            .all(|word| east_asian::is_given_name(word.text))
}

/// Whether `word` (punctuation around it ignored) is a verb of speech (`said`, `told`).
pub(super) fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERBS.contains(word.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// Titles of rank that stay titles before a single name (`King Arthur`, `Prince Harry`).
fn is_royal(word: &str) -> bool {
    matches!(
        word,
        "King"
            | "Queen"
            | "Prince"
            | "Princess"
            | "Duke"
            | "Duchess"
            | "Lord"
            | "Lady"
            | "Sir"
            | "Dame"
            | "Pope"
            | "Emperor"
            | "Empress"
            | "Sultan"
            | "Saint"
            | "St"
    )
}

/// `Pan-democrat`, `Ex-minister`, `Pro-government`: a prefixed word describing someone.
fn is_descriptor(word: &str) -> bool {
    word.split_once('-').is_some_and(|(prefix, rest)| {
        DESCRIPTOR_PREFIXES.contains(&prefix.to_lowercase().as_str())
            && rest.starts_with(char::is_lowercase)
    })
}

const DESCRIPTOR_PREFIXES: &[&str] = &[
    "pan", "pro", "anti", "non", "ex", "co", "neo", "post", "pre", "self", "then", "vice",
];

fn is_title_or_role(word: &str) -> bool {
    is_title(word) || is_role(word)
}

/// A capitalised word of an office's title (`Foreign`, `Press`).
fn is_title(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && TITLE_WORDS.contains(&word.to_lowercase())
}

/// A role word, also in the plural (`ministers`, `Sens.`) or hyphenated from roles and titles
/// (`Attorney-General`, `Mayor-elect`).
fn is_role(word: &str) -> bool {
    let lower = word.to_lowercase();
    let listed = |word: &str| {
        ROLES.contains(word)
            || word
                .strip_suffix('s')
                .is_some_and(|one| ROLES.contains(one))
    };
    listed(&lower)
        || (lower.contains('-')
            && lower.split('-').any(listed)
            && lower
                .split('-')
                .all(|part| listed(part) || TITLE_WORDS.contains(part)))
}

/// Whether the place name at `text[start..end]` is part of a longer proper name (`New Mexico`,
/// `Russia Today`, `Agence France-Presse`): a capitalised word joins it before or after,
/// other than a sentence's first word, a title (`Ukraine President`) or a month.
pub(super) fn inside_longer_name(text: &str, start: usize, end: usize) -> bool {
    let joins =
        |word: &str| is_capitalised(word) && !is_title_or_role(word) && !CALENDAR.contains(word);
    let before = &text[..start];
    let previous = before
        .strip_suffix(' ')
        .or_else(|| before.strip_suffix('-'))
        .filter(|stem| stem.ends_with(char::is_alphanumeric))
        .and_then(|stem| stem.rsplit([' ', '-']).next());
    let after = &text[end..];
    let next = after.strip_prefix([' ', '-']).and_then(|rest| {
        rest.split([' ', ',', '.', ';', ':', '-', ')', '’', '\''])
            .next()
    });
    previous.is_some_and(|word| joins(word) && !STARTERS.contains(word)) || next.is_some_and(joins)
}

/// Whether the adjective ending at `end` opens the name of a news outlet (`Korean Central News
/// Agency`, `Russian State Television`): a run of capitalised words holding a media word.
pub(super) fn names_an_outlet(text: &str, end: usize) -> bool {
    text[end..]
        .split(' ')
        .skip(1)
        .take(4)
        .take_while(|word| is_capitalised(word))
        .any(|word| MEDIA_WORDS.contains(&word))
}

const MEDIA_WORDS: &[&str] = &[
    "News",
    "Agency",
    "Press",
    "Presse",
    "Television",
    "Radio",
    "Broadcasting",
    "Times",
    "Post",
    "Herald",
    "Tribune",
    "Gazette",
];

/// Whether `text` is written in capitals (a headline such as `FLOOD CLOSES HERON MILLS`): three
/// words or more, and no lowercase letter.
pub(super) fn is_in_capitals(text: &str) -> bool {
    text.split_whitespace().count() >= 3
        && text.chars().any(char::is_uppercase)
        && !text.chars().any(char::is_lowercase)
}

/// In a text written in capitals, each given name of the lists followed by another word:
/// (offset of the pair, the given name in ordinary case, the next word as written).
pub(super) fn capitals_pairs(text: &str) -> Vec<(usize, String, &str)> {
    let words = words::words(text);
    words
        .windows(2)
        .filter(|pair| is_space(pair[1].gap) && is_given_name(pair[0].text))
        .map(|pair| {
            let mut given = String::with_capacity(pair[0].text.len());
            for (index, c) in pair[0].text.chars().enumerate() {
                if index == 0 {
                    given.extend(c.to_uppercase());
                } else {
                    given.extend(c.to_lowercase());
                }
            }
            (pair[0].start, given, pair[1].text)
        })
        .collect()
}

/// Whether most words of `text` are capitalised, as in a headline written in title case.
pub(super) fn is_title_case(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().count() > 3)
        .collect();
    words.len() >= 3
        && words
            .iter()
            .filter(|w| w.starts_with(char::is_uppercase))
            .count()
            * 4
            >= words.len() * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The confirmed full names of `text`.
    fn names(text: &str) -> Vec<String> {
        candidates(text, &|word| {
            ["Russian", "United", "States"].contains(&word)
        })
        .into_iter()
        .filter_map(|candidate| match candidate {
            Candidate::FullName { name, evidence, .. } if evidence > Evidence::None => Some(name),
            _ => None,
        })
        .collect()
    }

    #[test]
    fn lists_share_their_cue() {
        assert_eq!(
            names(
                "The ministers Ana Ruiz and Tomas Berg met band members Jo Park, Lee Dunn, Sam Ortiz."
            ),
            ["Ana Ruiz", "Tomas Berg", "Jo Park", "Lee Dunn", "Sam Ortiz"]
        );
        assert_eq!(
            names("Sens. Ann Cole and Rita Vance voted."),
            ["Ann Cole", "Rita Vance"]
        );
    }

    #[test]
    fn long_and_lowercase_roles() {
        assert_eq!(
            names("said White House Press Secretary Jane Roe on Monday"),
            ["Jane Roe"]
        );
        assert_eq!(names("Republican Gov. Eric Lamb won."), ["Eric Lamb"]);
        assert_eq!(
            names("the skipper Wade Holt and host Tim Grey"),
            ["Wade Holt", "Tim Grey"]
        );
        assert_eq!(names("a colleague named Bo Lind"), ["Bo Lind"]);
        assert_eq!(
            names("Central Bank Chair Lena Ortiz and Director-General Amani Kiprop Wanjiru spoke"),
            ["Lena Ortiz", "Amani Kiprop Wanjiru"]
        );
        assert_eq!(names("Administrator Ann Voss"), ["Ann Voss"]);
    }

    #[test]
    fn asides_given_names_and_speakers() {
        assert_eq!(names("Pat Quill, 55, could face charges."), ["Pat Quill"]);
        assert_eq!(
            names("Eva Rand, one of the leading experts, said so."),
            ["Eva Rand"]
        );
        assert_eq!(names("an interview with Kurt Ahlberg"), ["Kurt Ahlberg"]);
        assert_eq!(names("Nick Bos: This is a fun one."), ["Nick Bos"]);
        assert_eq!(
            names("Hui Chi-fung and Kim Min-Woo won seats."),
            ["Hui Chi-fung", "Kim Min-Woo"]
        );
        assert_eq!(
            names("Mary J. Stone and Marie-Anne Pérès"),
            ["Mary J. Stone", "Marie-Anne Pérès"]
        );
    }

    #[test]
    fn particles_possessives_and_plain_mentions() {
        assert_eq!(names("Kees Van Der Berg said so."), ["Kees Van Der Berg"]);
        assert_eq!(
            names("Jan-Pieter van der Meer said so."),
            ["Jan-Pieter van der Meer"]
        );
        assert_eq!(
            names("Tom Abel’s office and Elsa Monk's company"),
            ["Tom Abel", "Elsa Monk"]
        );
        assert_eq!(
            names("Wu Lan said, and Zoë Lind agreed"),
            ["Wu Lan", "Zoë Lind"]
        );
        assert_eq!(names("the house where Ada Moss was born"), ["Ada Moss"]);
        assert_eq!(names("President-elect Moss"), Vec::<String>::new());
        assert_eq!(names("Employee Rob Tate"), ["Rob Tate"]);
    }

    #[test]
    fn organisations_and_places_are_not_people() {
        for text in [
            "He told Agence Nord-Presse on Monday.",
            "Green Foods said profits fell.",
            "The San Marco Herald says so.",
            "Ray Hill Productions made it.",
            "She told Market Insider.",
            "They met in New Mexico and Hong Kong Island.",
            "The Russian Foreign Ministry said.",
        ] {
            assert_eq!(names(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn offices_are_not_people_but_occupational_surnames_are() {
        assert_eq!(
            names("The Ohio Governor met U.S. Senator Jo Park and Tim Cook said so."),
            ["Jo Park", "Tim Cook"]
        );
    }

    #[test]
    fn a_name_used_as_a_modifier_stays_a_name() {
        assert_eq!(names("a clip of the Ada Moss interview"), ["Ada Moss"]);
        assert_eq!(names("the Heron Mills textile works"), Vec::<String>::new());
        assert_eq!(
            names("Parker Doyle, the law firm, said so."),
            Vec::<String>::new()
        );
        assert_eq!(
            names("Her aunt, Ana Ruiz, ran a café. Tom Abel, who owns the shop, agreed."),
            ["Ana Ruiz", "Tom Abel"]
        );
    }

    #[test]
    fn given_names_of_the_social_security_records() {
        assert_eq!(
            names("Yusuf Demir and Pietro Lanza won; Lake Orla froze."),
            ["Yusuf Demir", "Pietro Lanza"]
        );
    }
}
