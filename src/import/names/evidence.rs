//! What the words around a run say about it: cues that it is a person's name (a title or role
//! before it, a verb of speech, an aside, a speaker's colon, a list), and signs that it names
//! something else (`the cargo ship Anna Linde`, `Brandt & Kooi Logistics`).

use std::collections::HashSet;

use super::words::{Word, is_space, is_suffix};
use super::{
    ABBREVIATIONS, Evidence, Found, KIND_NOUNS, ORG_WORDS, SPEECH_VERBS, is_given_name, is_role,
    is_title_or_role,
};

/// Words before a name that introduce it without being a role (`a colleague named Bo Lind`,
/// `the late Gerhard Voigt`).
const INTRODUCERS: &[&str] = &["named", "called", "dubbed", "nicknamed", "alias", "late"];

/// How far back a role may stand before an appositive name.
const APPOSITIVE_WORDS: usize = 7;

/// `spokesman John Kirby`, `Dr. Ravi Rao`, `…," said John Kirby.`, `a colleague named Bo
/// Lind`, `the co-founder of Google, Sergey Brin,`.
pub(super) fn cue_before(words: &[Word], first: usize, last: usize) -> bool {
    if first == 0 {
        return false;
    }
    let word = words[first - 1].text;
    let gap = words[first].gap;
    // A title's abbreviation keeps its period: `Dr. Ravi`, `Sens. Tremont`.
    let abbreviated = gap.trim() == "." && ABBREVIATIONS.contains(word);
    // A verb of speech before a name is an attribution only when the name ends the clause
    // (`…," said Jane Roe.`), not when it opens reported speech (`said Lilac Row had …`).
    let attribution = SPEECH_VERBS.contains(word) && clause_ends(words, last);
    let next_to = (is_space(gap) || abbreviated)
        && (is_title_or_role(word) || attribution || INTRODUCERS.contains(&word));
    next_to || appositive(words, first)
}

/// `the co-founder of Google, Sergey Brin,`: a role earlier in the same clause, then a comma.
fn appositive(words: &[Word], first: usize) -> bool {
    if !words[first].gap.trim_end().ends_with(',') {
        return false;
    }
    let mut clause = Vec::new();
    for word in words[..first].iter().rev().take(APPOSITIVE_WORDS) {
        clause.push(word);
        // The word after a sentence's end opens the clause (`… Mountain View. Co-founder of`).
        if word.gap.contains(['.', '!', '?', ';', ':']) {
            break;
        }
    }
    clause.iter().any(|word| is_role(word.text))
}

/// Whether the clause ends after the word before `last` (the text ends, or punctuation stands
/// before the next word).
fn clause_ends(words: &[Word], last: usize) -> bool {
    words.get(last).is_none_or(|next| {
        next.gap.contains([
            ',', '.', ';', ':', '!', '?', '(', ')', '"', '“', '”', '—', '–',
        ])
    })
}

/// `John Kirby said`, `John Kirby, a Pentagon spokesman,`, `Pat Quill, 55,`, `Joost Brandt Jr.,
/// 34,`, `Jo Park, who`, `Almaz Bekele of Ethiopia`.
pub(super) fn cue_after(words: &[Word], last: usize, is_topic_word: &dyn Fn(&str) -> bool) -> bool {
    let Some(next) = words.get(last) else {
        return false;
    };
    if is_space(next.gap) && SPEECH_VERBS.contains(next.text) {
        return true;
    }
    // `Almaz Bekele of Ethiopia`, as sports results and diplomacy name people.
    if next.text == "of"
        && words
            .get(last + 1)
            .is_some_and(|country| is_space(country.gap) && is_topic_word(country.text))
    {
        return true;
    }
    let gap = next.gap.trim();
    // `Joost Brandt Jr., 34,`: the suffix's period stands before the comma.
    let gap = if is_suffix(words[last - 1].text) {
        gap.trim_start_matches('.')
    } else {
        gap
    };
    if gap != "," {
        return false;
    }
    if next.text == "who" || is_age(words, last) {
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

/// `Pat Quill, 55,`: a number a person's age can be, and the aside ends after it (not `Chez
/// Mireille, 14 Tanner's Row`).
fn is_age(words: &[Word], at: usize) -> bool {
    words[at].text.parse::<u8>().is_ok_and(|age| age <= 120)
        && words
            .get(at + 1)
            .is_none_or(|next| next.gap.trim_start().starts_with([',', '.', ';', ')']))
}

/// `Nick Bos: …` at the start of a paragraph.
pub(super) fn speaker(words: &[Word], first: usize, last: usize) -> bool {
    first == 0
        && words
            .get(last)
            .is_some_and(|next| next.gap.trim_start().starts_with(':'))
}

/// Whether the words around the name `words[first..last]` of the run starting at `start` say
/// that it names no person: a determiner (`the Heron Mills textile works`, `The Anna
/// Linde`), a kind of thing before it (`the cargo ship Anna Linde`) or heading an
/// aside after it (`Parker Doyle, the law firm`), an ampersand (`Brandt & Kooi Logistics`), or
/// a company form after it (`Kessler Voigt AG`).
pub(super) fn names_a_thing(words: &[Word], start: usize, first: usize, last: usize) -> bool {
    let before_run = start.checked_sub(1).map(|at| &words[at]);
    // `the Heron Mills textile works`, but not `the Tom Cruise video`: a person's name, given
    // name first, is often used as a modifier.
    let determiner = !is_given_name(words[first].text)
        && if first > start {
            words[first - 1].text == "The"
        } else {
            before_run.is_some_and(|word| matches!(word.text, "the" | "The"))
                && is_space(words[start].gap)
        };
    let kind_before =
        before_run.is_some_and(|word| KIND_NOUNS.contains(word.text) && is_space(words[start].gap));
    let next = words.get(last);
    let ampersand = words[first].gap.contains('&') || next.is_some_and(|w| w.gap.contains('&'));
    let company_form = next.is_some_and(|w| is_space(w.gap) && ORG_WORDS.contains(w.text));
    determiner || kind_before || ampersand || company_form || kind_aside(words, last)
}

/// `Parker Doyle, the law firm advising …`: an aside whose head is a kind of thing, before
/// any role.
fn kind_aside(words: &[Word], last: usize) -> bool {
    // The aside is a noun phrase: an article or the noun itself opens it. After a verb or
    // `who` it is a clause about the person (`Ana Ruiz, who runs the café,`, `…, said the
    // hospital`).
    if words.get(last).is_none_or(|next| {
        next.gap.trim() != ","
            || !(matches!(next.text, "the" | "a" | "an") || KIND_NOUNS.contains(next.text))
    }) {
        return false;
    }
    for (index, word) in words[last..].iter().take(4).enumerate() {
        if (index > 0 && !is_space(word.gap)) || is_role(word.text) {
            return false;
        }
        if KIND_NOUNS.contains(word.text) {
            return true;
        }
    }
    false
}

/// Names joined by `,` or `and` are one list (`ministers Ana Ruiz and Tomas Berg`, `Jo Park,
/// Lee Dunn, Sam Ortiz`): evidence for one of them is evidence for all. A name after `of` or
/// `from` right behind another name is that name's affiliation, not a member (`Raymond Chan of
/// People Power, and Leung Kwok-hung`).
pub(super) fn confirm_lists(words: &[Word], found: &mut [Option<Found>]) {
    let ends: HashSet<usize> = found.iter().flatten().map(|f| f.last).collect();
    let affiliation = |f: &Found| {
        f.first >= 2
            && matches!(words[f.first - 1].text, "of" | "from")
            && ends.contains(&(f.first - 1))
    };
    let joined = |a: &Found, b: &Found| {
        !affiliation(a)
            && !affiliation(b)
            && ((b.first == a.last && words[b.first].gap.trim() == ",")
                || (b.first == a.last + 1
                    && matches!(words[a.last].text, "and" | "or")
                    && matches!(words[a.last].gap.trim(), "" | ",")))
    };
    let member = |f: &Found| f.last - f.first > 1 && !f.denied && !f.surname;
    let mut start = 0;
    while start < found.len() {
        let mut end = start + 1;
        while end < found.len()
            && let (Some(a), Some(b)) = (found[end - 1], found[end])
            && member(&a)
            && member(&b)
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
        let evidence = found[start..end]
            .iter()
            .flatten()
            .map(|f| f.evidence)
            .max()
            .unwrap_or(Evidence::None);
        for entry in found[start..end].iter_mut().flatten() {
            entry.list = list;
            if end - start > 1 {
                entry.evidence = entry.evidence.max(evidence);
            }
        }
        start = end;
    }
}
