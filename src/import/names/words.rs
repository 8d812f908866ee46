//! Words of a segment as the name rules see them: letters and digits with what stands between
//! them, and the shapes of name words (capitalised, initials, suffixes).

use super::PARTICLES;

/// A word of text, with what stands between it and the previous word.
#[derive(Debug, Clone, Copy)]
pub(super) struct Word<'a> {
    pub(super) text: &'a str,
    pub(super) start: usize,
    pub(super) gap: &'a str,
    /// Written with `'s` or `’s`, which `text` does not include.
    pub(super) possessive: bool,
}

/// Words: letters and digits, with `'`, `’`, `-` and `.` inside (`O’Brien`, `Jean-Luc`, `U.S`).
pub(super) fn words(text: &str) -> Vec<Word<'_>> {
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

pub(super) fn is_space(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(char::is_whitespace)
}

/// `Blinken`, `O’Brien`, `al-Assad`: starts with a capital and is not all capitals.
pub(super) fn is_capitalised(word: &str) -> bool {
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
pub(super) fn is_initial(word: &str) -> bool {
    word.split('.').all(|part| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
    })
}

/// `Jr`, `Sr`, `III`: a suffix after a family name (`Joost Brandt Jr.`).
pub(super) fn is_suffix(word: &str) -> bool {
    matches!(word, "Jr" | "Sr" | "Jnr" | "Snr" | "II" | "III" | "IV")
}

/// `Jr` and `Sr` are written with a period (`Joost Brandt Jr.`); `III` is not.
pub(super) fn takes_period(word: &str) -> bool {
    is_initial(word) || matches!(word, "Jr" | "Sr" | "Jnr" | "Snr")
}
