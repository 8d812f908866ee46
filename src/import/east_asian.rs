//! Given names written in East Asian order, after the family name (`Zhou Min`, `Wang Jianguo`,
//! `Sato Yui`, `Hui Chi-fung`): a word that reads as a romanised given name, made of one to
//! three Pinyin syllables (Mandarin) or of two to five Japanese morae (Hepburn), or
//! hyphenated (`Chi-fung`, `Min-woo`, as Cantonese and Korean names are written).
//!
//! English words seldom parse so: Pinyin syllables end in a vowel, `n`, `ng` or `r`, and Japanese
//! morae are a consonant and a vowel, so `Dunn`, `Park`, `Valley` or `Jong` are no given names.

use ahash::AHashSet;
use std::sync::LazyLock;

use super::lexicon;

static PINYIN: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("data/pinyin_syllables.txt")));

/// Whether `word` (as written, capitalised) reads as a romanised East Asian given name.
pub(super) fn is_given_name(word: &str) -> bool {
    if word.contains('-') {
        return word
            .split('-')
            .all(|part| part.chars().count() >= 2 && part.chars().all(char::is_alphabetic));
    }
    let lower = word.to_lowercase();
    // Three syllables are at most 18 letters; the cap also bounds the backtracking parse.
    lower.is_ascii()
        && lower.len() <= 3 * MAX_SYLLABLE_LEN
        && (pinyin_syllables(&lower).is_some_and(|n| (1..=3).contains(&n))
            || japanese_morae(&lower).is_some_and(|n| (2..=5).contains(&n)))
}

/// The longest Pinyin syllable (`zhuang`).
const MAX_SYLLABLE_LEN: usize = 6;

/// How many Pinyin syllables `word` (lowercase) is made of, if it is made of them: the
/// longest syllable first, backing off when the rest does not parse (`xian` before `xi an`).
fn pinyin_syllables(word: &str) -> Option<usize> {
    if word.is_empty() {
        return Some(0);
    }
    (1..=word.len().min(MAX_SYLLABLE_LEN))
        .rev()
        .find_map(|len| {
            let (head, rest) = word.split_at_checked(len)?;
            if !PINYIN.contains(head) {
                return None;
            }
            pinyin_syllables(rest).map(|n| n + 1)
        })
}

/// Consonants (and digraphs) that open a Japanese mora in Hepburn romanisation.
const MORA_ONSETS: &[&str] = &[
    "ky", "gy", "sh", "ch", "ts", "ny", "hy", "my", "ry", "by", "py", "k", "g", "s", "z", "j", "t",
    "d", "n", "h", "f", "b", "p", "m", "y", "r", "w",
];

/// How many morae `word` (lowercase) is made of in Hepburn romanisation, if it is made of them:
/// each an optional onset (doubled for a geminate, `Hattori`) and a vowel, with an optional
/// moraic `n` (`Kenji`).
fn japanese_morae(word: &str) -> Option<usize> {
    let mut rest = word;
    let mut count = 0;
    while !rest.is_empty() {
        // A geminate consonant (`tt` in `Hattori`) is a mora of its own.
        let bytes = rest.as_bytes();
        if bytes.len() > 2 && bytes[0] == bytes[1] && !b"aeioun".contains(&bytes[0]) {
            rest = &rest[1..];
            count += 1;
        }
        let onset = MORA_ONSETS
            .iter()
            .find(|onset| rest.starts_with(*onset))
            .map_or(0, |onset| onset.len());
        let after = &rest[onset..];
        let vowel = after.chars().next().filter(|c| "aeiou".contains(*c))?;
        rest = &after[vowel.len_utf8()..];
        count += 1;
        // A moraic `n` before a consonant or at the end (`Kenji`).
        if let Some(tail) = rest.strip_prefix('n')
            && !tail.starts_with(|c: char| "aeiouy".contains(c))
        {
            rest = tail;
            count += 1;
        }
    }
    Some(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names() {
        for name in [
            "Guo", "Ling", "Jun", "Yan", "Lihua", "Jianguo", "Wenjun", "Aoi", "Hiroshi", "Kenji",
            "Hattori", "Yuki", "Chi-fung", "Min-Woo",
        ] {
            assert!(is_given_name(name), "{name}");
        }
        for word in [
            "Dunn", "Park", "Valley", "Jong", "Smith", "Press", "Orbital", "Street", "Be", "Am",
        ] {
            assert!(!is_given_name(word), "{word}");
        }
    }

    #[test]
    fn syllables_and_morae() {
        assert_eq!(pinyin_syllables("xian"), Some(1));
        assert_eq!(pinyin_syllables("jianguo"), Some(2));
        assert_eq!(japanese_morae("hiroshi"), Some(3));
        assert_eq!(japanese_morae("kenji"), Some(3));
        assert_eq!(japanese_morae("aoi"), Some(3));
        assert_eq!(japanese_morae("park"), None);
    }
}
