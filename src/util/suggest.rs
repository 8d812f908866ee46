//! "Did you mean …?": the known name nearest to a misspelt one, by Jaro–Winkler similarity
//! (strsim), which favours a shared beginning, as in most typos of keys and slugs.

/// Below this similarity a suggestion would mislead more than help.
const THRESHOLD: f64 = 0.8;

/// The candidate most similar to `word` (ignoring case), if any is similar enough; of equally
/// similar ones the first in sort order, so that the answer does not depend on the order given.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&word, &candidate.to_lowercase());
        let better =
            best.is_none_or(|(top, current)| score > top || (score == top && candidate < current));
        if score >= THRESHOLD && better {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// ` Did you mean `name`?`, or nothing: to append to a message about `word`.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    nearest(word, candidates)
        .map(|name| format!(": did you mean `{name}`?"))
        .unwrap_or_default()
}

/// A serde message about an unknown field or variant (`unknown field `tpoics`, expected one of
/// `title`, `topics``) with the nearest expected name suggested first; other messages as they
/// are.
pub fn serde_message(message: &str) -> String {
    let parsed = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|prefix| {
            let rest = message.strip_prefix(prefix)?;
            let (word, rest) = rest.split_once('`')?;
            let expected = rest.strip_prefix(", expected ")?;
            Some((*prefix, word, expected))
        });
    let Some((prefix, word, expected)) = parsed else {
        return message.to_owned();
    };
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let what = if prefix.contains("field") {
        "field"
    } else {
        "value"
    };
    match nearest(word, names.iter().copied()) {
        Some(name) => {
            format!("unknown {what} `{word}`: did you mean `{name}`? (expected {expected})")
        }
        None => format!("unknown {what} `{word}`, expected {expected}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_and_refuses_strangers() {
        let keys = ["title", "topics", "people", "summary"];
        assert_eq!(nearest("tpoics", keys), Some("topics"));
        assert_eq!(nearest("Peeple", keys), Some("people"));
        assert_eq!(nearest("colour", keys), None);
        assert_eq!(did_you_mean("sumary", keys), ": did you mean `summary`?");
        assert_eq!(did_you_mean("zzz", keys), "");
    }

    #[test]
    fn serde_messages_lead_with_the_suggestion() {
        assert_eq!(
            serde_message("unknown field `tpoics`, expected one of `title`, `topics`, `people`"),
            "unknown field `tpoics`: did you mean `topics`? (expected one of `title`, `topics`, `people`)"
        );
        assert_eq!(
            serde_message("unknown variant `vdeo`, expected one of `photo`, `video`, `post`"),
            "unknown value `vdeo`: did you mean `video`? (expected one of `photo`, `video`, `post`)"
        );
        assert_eq!(
            serde_message("unknown field `colour`, expected `title` or `date`"),
            "unknown field `colour`, expected `title` or `date`"
        );
        assert_eq!(
            serde_message("missing field `title`"),
            "missing field `title`"
        );
    }
}
