//! The words a text is about, as a set of 32-bit hashes: what stories compare articles by
//! (`model::stories`).
//!
//! A word is a run of letters and digits, lowercased; function words and reporting verbs
//! (`stopwords.txt`) are left out. Hashes are FNV-1a of the lowercased word, the same on every
//! machine and in every release, so that the grouping of a site never depends on where it is
//! built. Two different words share a hash with a chance of about one in four billion.

use std::sync::LazyLock;

/// The stopword list, hashed: a constant table, built on first use.
static STOPWORDS: LazyLock<ahash::HashSet<u32>> = LazyLock::new(|| {
    include_str!("stopwords.txt")
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|word| hash_word(word.as_bytes()))
        .collect()
});

/// The longest stopword: longer words are not looked up.
const LONGEST_STOPWORD: usize = 7;

/// The distinct words of `text` less stopwords, hashed, sorted.
pub fn word_hashes(text: &str) -> Vec<u32> {
    let mut hashes = Vec::with_capacity(text.len() / 8);
    let mut word: Vec<u8> = Vec::with_capacity(32);
    let mut flush = |word: &mut Vec<u8>| {
        if !word.is_empty() {
            let hash = hash_word(word);
            if word.len() > LONGEST_STOPWORD || !STOPWORDS.contains(&hash) {
                hashes.push(hash);
            }
            word.clear();
        }
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii() {
            // Most text is ASCII: looked at byte by byte, without decoding.
            if byte.is_ascii_alphanumeric() {
                word.push(byte.to_ascii_lowercase());
            } else if byte != b'\'' {
                // An apostrophe stays inside its word: `Beira's` is one word.
                flush(&mut word);
            }
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().unwrap_or_default();
        at += c.len_utf8();
        if c.is_alphanumeric() {
            let mut lower = [0u8; 4];
            for lowered in c.to_lowercase() {
                word.extend_from_slice(lowered.encode_utf8(&mut lower).as_bytes());
            }
        } else if c != '\u{2019}' {
            flush(&mut word);
        }
    }
    flush(&mut word);
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// FNV-1a, 32 bits.
fn hash_word(word: &[u8]) -> u32 {
    word.iter().fold(0x811c_9dc5, |hash: u32, &byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// The union of two sorted sets of hashes, sorted.
pub fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut all = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                all.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                all.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                all.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    all.extend_from_slice(&a[i..]);
    all.extend_from_slice(&b[j..]);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_distinct_and_without_stopwords() {
        let hashes = word_hashes("The outbreak said in Beira's PORT is over. Port!");
        let expected = word_hashes("outbreak beira's port");
        assert_eq!(hashes, expected);
        assert_eq!(hashes.len(), 3);
        assert!(word_hashes("the of and said").is_empty());
    }

    #[test]
    fn markup_and_accents_split_and_fold_words() {
        assert_eq!(
            word_hashes("**Zoë** [Lind](https://x.org)"),
            word_hashes("zoë lind https x org")
        );
        assert_eq!(word_hashes("ZOË"), word_hashes("zoë"));
    }

    #[test]
    fn union_merges_sorted_sets() {
        assert_eq!(union(&[1, 3, 5], &[2, 3, 6]), [1, 2, 3, 5, 6]);
        assert_eq!(union(&[], &[4]), [4]);
    }
}
