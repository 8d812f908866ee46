//! People's names found by rules in one segment of text (a title or a paragraph).
//!
//! A name is a run of capitalised words (with initials, particles such as `von` or `bin`,
//! hyphens and diacritics) that is left once the titles and roles before it are taken off
//! (`Central Bank Chair`, `Director-General`, `Administrator`), holds no word of an
//! organisation or place, and has evidence that it is a person's:
//!
//! - a cue: a title or role before it (`skipper Wade Holt`, `Sens.`), a verb of speech after it
//!   (`… said`), an aside after it (`Eva Rand, one of the leading experts,`, `Pat Quill, 55,`,
//!   `Jo Park, who`), or a speaker's colon at the start of a paragraph (`Nick Bos: …`);
//! - a first word from the list of given names (US Census), or an East Asian family name
//!   before a hyphenated given name (`Hui Chi-fung`);
//! - a list: a run joined by `,` or `and` to a name with evidence (`Ana Ruiz and Tomas Berg`).
//!
//! Runs without evidence are still returned, unconfirmed: the article as a whole may confirm
//! them by repeating the surname alone ([`super::entities`]). One word alone is a surname.

use ahash::AHashSet;
use std::sync::LazyLock;

use super::lexicon;

/// A name found in a segment, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Candidate {
    /// A full name; `confirmed` when the segment itself gives evidence. Names of one list
    /// (`Ana Ruiz and Tomas Berg`) share their `list` number within the segment.
    FullName {
        offset: usize,
        name: String,
        confirmed: bool,
        list: usize,
    },
    /// One capitalised word: a surname, if a full name of the article ends with it.
    Surname { offset: usize, word: String },
}

fn lowercase_set(file: &'static str) -> AHashSet<String> {
    lexicon::entries(file).map(str::to_lowercase).collect()
}

static GIVEN_NAMES: LazyLock<AHashSet<String>> =
    LazyLock::new(|| lowercase_set(include_str!("data/given_names.txt")));
static ROLES: LazyLock<AHashSet<String>> =
    LazyLock::new(|| lowercase_set(include_str!("data/roles.txt")));
static SPEECH_VERBS: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("data/speech_verbs.txt")));
static TITLE_WORDS: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("data/title_words.txt")));
static STARTERS: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("data/sentence_starters.txt")));
static CALENDAR: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("data/calendar_words.txt")));
static ORG_WORDS: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("data/org_words.txt")));
static PLACES: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("data/places.txt")));
static PARTICLES: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("data/particles.txt")));
static EAST_ASIAN_SURNAMES: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("data/east_asian_surnames.txt")));

/// Words before a name that introduce it without being a role.
const INTRODUCERS: &[&str] = &["named", "called", "dubbed", "nicknamed", "alias"];

/// The names in `text`, in order. `is_topic_word` says whether a word belongs to a built-in
/// topic (`Russian`, `United`): such a word is never part of a name.
pub(super) fn candidates(text: &str, is_topic_word: &dyn Fn(&str) -> bool) -> Vec<Candidate> {
    let words = words(text);
    let runs = runs(&words);
    let mut found: Vec<Option<Found>> = runs
        .iter()
        .map(|&(start, end)| analyse(&words, start, end, is_topic_word))
        .collect();
    confirm_lists(&words, &mut found);
    found
        .into_iter()
        .flatten()
        .map(|found| found.candidate(&words))
        .collect()
}

/// A name in a run: its words `first..last` and whether the segment confirms it.
#[derive(Debug, Clone, Copy)]
struct Found {
    first: usize,
    last: usize,
    confirmed: bool,
    /// The first run of the list this name belongs to.
    list: usize,
}

impl Found {
    fn candidate(&self, words: &[Word]) -> Candidate {
        let name_words = &words[self.first..self.last];
        let offset = name_words[0].start;
        if name_words.len() == 1 {
            return Candidate::Surname {
                offset,
                word: name_words[0].text.to_owned(),
            };
        }
        let mut name = String::new();
        for (index, word) in name_words.iter().enumerate() {
            if index > 0 {
                name.push(' ');
            }
            name.push_str(word.text);
            if is_initial(word.text) {
                name.push('.');
            }
        }
        Candidate::FullName {
            offset,
            name,
            confirmed: self.confirmed,
            list: self.list,
        }
    }
}

/// Runs of capitalised words, initials and particles: (start, end) word indexes.
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
            let particle = PARTICLES.contains(word.text)
                && words
                    .get(end + 1)
                    .is_some_and(|next| is_space(next.gap) && is_capitalised(next.text));
            if joined && (is_capitalised(word.text) || is_initial(word.text) || particle) {
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

/// The name in the run `words[start..end]`, if there is one.
fn analyse(
    words: &[Word],
    start: usize,
    end: usize,
    is_topic_word: &dyn Fn(&str) -> bool,
) -> Option<Found> {
    let not_name = |word: &str| {
        word.split('-').any(|part| {
            ORG_WORDS.contains(part)
                || PLACES.contains(part)
                || CALENDAR.contains(part)
                || is_topic_word(part)
        })
    };
    let mut first = start;
    let mut cue = false;
    // Titles and roles (`Russian Foreign Minister`, `Central Bank Chair`) and the words of
    // places and organisations before a name go; a title or role is a cue. A role that is also
    // a given name (`Dean`, `Major`) stays when only one word would be left, and so does a
    // role word written as a possessive at the end (`Elsa Monk's company`).
    for (at, entry) in words.iter().enumerate().take(end).skip(start) {
        let word = entry.text;
        let possessive_surname = at + 1 == end && entry.possessive;
        if is_title_or_role(word)
            && !possessive_surname
            && !(at + 2 == end && is_given_name(word) && !is_royal(word))
        {
            cue = true;
            first = at + 1;
        } else if not_name(word)
            || (at == first && (STARTERS.contains(word) || is_descriptor(word)))
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
        && !is_given_name(words[first].text)
        && is_given_name(words[first + 1].text)
    {
        first += 1;
    }
    // After the name: a month, or the first word of the next sentence where a scraper lost
    // its period (`Regina Ip In the …`), but not a family name such as `To` or `Or`.
    let mut last = end;
    while last > first + 1 && {
        let word = words[last - 1].text;
        CALENDAR.contains(word) || (STARTERS.contains(word) && !EAST_ASIAN_SURNAMES.contains(word))
    } {
        last -= 1;
    }
    let name_words = &words[first..last];
    if name_words.is_empty()
        || name_words.len() > 5
        || is_initial(name_words[name_words.len() - 1].text)
        || PARTICLES.contains(name_words[0].text)
    {
        return None;
    }
    let confirmed = name_words.len() > 1
        && (cue
            || cue_before(words, first)
            || cue_after(words, last)
            || speaker(words, first, last)
            || has_given_name(name_words)
            || is_east_asian(name_words));
    Some(Found {
        first,
        last,
        confirmed,
        list: first,
    })
}

/// A given name of the list, compared without case or accents (`Zoë` is `Zoe`).
fn is_given_name(word: &str) -> bool {
    let known = |name: &str| {
        GIVEN_NAMES.contains(&name.to_lowercase())
            || (!name.is_ascii()
                && GIVEN_NAMES.contains(&deunicode::deunicode(name).to_lowercase()))
    };
    known(word) || word.split_once('-').is_some_and(|(first, _)| known(first))
}

/// The first name, or the second of three or more (`Hernan Dario Gomez`), is a given name.
fn has_given_name(name_words: &[Word]) -> bool {
    is_given_name(name_words[0].text)
        || (name_words.len() >= 3 && is_given_name(name_words[1].text))
}

/// `Hui Chi-fung`, `Kim Min-Woo`: a family name, then a hyphenated given name.
fn is_east_asian(name_words: &[Word]) -> bool {
    name_words.len() <= 3
        && EAST_ASIAN_SURNAMES.contains(name_words[0].text)
        && name_words[1..].iter().any(|word| word.text.contains('-'))
}

/// `Nick Bos: …` at the start of a paragraph.
fn speaker(words: &[Word], first: usize, last: usize) -> bool {
    first == 0
        && words
            .get(last)
            .is_some_and(|next| next.gap.trim_start().starts_with(':'))
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
    TITLE_WORDS.contains(word) || is_role(word)
}

/// A role word, also in the plural (`ministers`, `Sens.`).
fn is_role(word: &str) -> bool {
    let lower = word.to_lowercase();
    ROLES.contains(&lower)
        || lower
            .strip_suffix('s')
            .is_some_and(|one| ROLES.contains(one))
}

/// `spokesman John Kirby`, `said John Kirby`, `President Putin`, `a colleague named Bo Lind`,
/// `the co-founder of Google, Sergey Brin,`.
fn cue_before(words: &[Word], first: usize) -> bool {
    if first == 0 {
        return false;
    }
    let word = words[first - 1].text;
    let next_to = is_space(words[first].gap)
        && (is_title_or_role(word) || SPEECH_VERBS.contains(word) || INTRODUCERS.contains(&word));
    // An appositive: a role earlier in the same clause, then a comma.
    let appositive = words[first].gap.trim_end().ends_with(',')
        && words[..first]
            .iter()
            .rev()
            .take(APPOSITIVE_WORDS)
            .take_while(|word| !word.gap.contains(['.', '!', '?', ';', ':']))
            .any(|word| is_role(word.text));
    next_to || appositive
}

/// How far back a role may stand before an appositive name.
const APPOSITIVE_WORDS: usize = 7;

/// `John Kirby said`, `John Kirby, a Pentagon spokesman,`, `Pat Quill, 55,`, `Jo Park, who`.
fn cue_after(words: &[Word], last: usize) -> bool {
    let Some(next) = words.get(last) else {
        return false;
    };
    if is_space(next.gap) && SPEECH_VERBS.contains(next.text) {
        return true;
    }
    if next.gap.trim() != "," {
        return false;
    }
    if next.text == "who" || next.text.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    // An aside: a role within the next few words, before the aside ends.
    words[last..]
        .iter()
        .take(7)
        .enumerate()
        .take_while(|(index, word)| *index == 0 || is_space(word.gap))
        .any(|(_, word)| is_role(word.text))
}

/// Names joined by `,` or `and` are one list (`ministers Ana Ruiz and Tomas Berg`, `Jo Park,
/// Lee Dunn, Sam Ortiz`): evidence for one of them is evidence for all.
fn confirm_lists(words: &[Word], found: &mut [Option<Found>]) {
    let joined = |a: &Found, b: &Found| {
        (b.first == a.last && words[b.first].gap.trim() == ",")
            || (b.first == a.last + 1
                && matches!(words[a.last].text, "and" | "or")
                && matches!(words[a.last].gap.trim(), "" | ","))
    };
    let multi = |f: &Found| f.last - f.first > 1;
    let mut start = 0;
    while start < found.len() {
        let mut end = start + 1;
        while end < found.len()
            && let (Some(a), Some(b)) = (found[end - 1], found[end])
            && multi(&a)
            && multi(&b)
            && joined(&a, &b)
        {
            end += 1;
        }
        let list = found[start..end]
            .iter()
            .flatten()
            .map(|f| f.first)
            .min()
            .unwrap_or(0);
        let confirmed = found[start..end].iter().flatten().any(|f| f.confirmed);
        for entry in found[start..end].iter_mut().flatten() {
            entry.list = list;
            entry.confirmed |= confirmed && end - start > 1;
        }
        start = end;
    }
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

/// A word of text, with what stands between it and the previous word.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    gap: &'a str,
    /// Written with `'s` or `’s`, which `text` does not include.
    possessive: bool,
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
        || word
            .split_once('-')
            .is_some_and(|(particle, rest)| PARTICLES.contains(particle) && capital_then_lower(rest))
        // `d'Ettorre`, `dell’Orto`
        || word
            .split_once(['\'', '’'])
            .is_some_and(|(particle, rest)| {
                matches!(particle, "d" | "l" | "dell" | "D" | "L") && capital_then_lower(rest)
            })
}

/// An initial such as the `F` of `John F. Kennedy`, or initials such as `O.J` or `K.C`.
fn is_initial(word: &str) -> bool {
    word.split('.').all(|part| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
    })
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
            Candidate::FullName {
                name,
                confirmed: true,
                ..
            } => Some(name),
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
}
