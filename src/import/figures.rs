//! Figures in a block of raw lines: which lines are photo credits, captions and alt texts, which
//! are paragraphs.
//!
//! - A **credit line** (`Brendan Hoffman/Getty Images`, `Photo: Jane Doe`, `Image: NASA.`,
//!   `Jane Doe for The Example Times`, `(AP)`) closes a photo: the line before it is the caption,
//!   and the line before that its alt text when it describes the same thing (shares a word with
//!   the caption and does not end like a sentence, or shares most of its words).
//! - A credit line with no caption before it is a photo of its own.
//! - A caption ending in its credit (`… on Monday. (AP)`, `… 1981. Image: NASA.`) is a
//!   one-line photo.
//! - A line opening like an alt text (`Picture of …`) and the line after it are a figure,
//!   credit or not.
//! - Two lines without a credit are a video (alt text and caption) only when they share most
//!   of their words, as a player's title and its caption do.
//! - Every other line is a paragraph: scrapers often separate paragraphs by single newlines.

use std::collections::HashSet;

use ahash::AHashSet;
use std::sync::LazyLock;

use super::blocks::{Block, MediaItem};
use super::lexicon;

/// A caption is at most this long; a longer line before a credit is a paragraph.
const MAX_CAPTION_CHARS: usize = 400;
/// An alt text that does not repeat most of its caption is at most this long.
const MAX_ALT_CHARS: usize = 150;
/// A video caption next to a title that shares only some of its words is at most this long;
/// a longer line is the paragraph under a heading.
const MAX_VIDEO_CAPTION_CHARS: usize = 200;
/// A credit line is at most this long.
const MAX_CREDIT_CHARS: usize = 120;
/// Words a credit line may have after its prefix (`Photo: Jane Doe for The Times`).
const MAX_CREDIT_WORDS: usize = 10;

static CREDIT_PREFIXES: LazyLock<Vec<&str>> =
    LazyLock::new(|| lexicon::entries(include_str!("data/credit_prefixes.txt")).collect());
static ALT_OPENERS: LazyLock<Vec<&str>> =
    LazyLock::new(|| lexicon::entries(include_str!("data/alt_openers.txt")).collect());
static AGENCIES: LazyLock<AHashSet<&str>> =
    LazyLock::new(|| lexicon::set(include_str!("data/agencies.txt")));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Paragraph,
    Alt,
    Caption,
    Credit,
    /// A caption ending in its own credit (`… on Monday. (AP)`).
    CaptionAndCredit,
}

/// The paragraphs and figures of one block of consecutive non-blank lines, in order.
pub fn classify(lines: Vec<String>) -> Vec<Block> {
    let roles = roles(&lines);
    let mut blocks: Vec<Block> = Vec::new();
    let mut item = MediaItem {
        alt: None,
        caption: String::new(),
        credit: None,
    };
    for (at, line) in lines.into_iter().enumerate() {
        match roles[at] {
            Role::Alt => item.alt = Some(line),
            Role::Caption => item.caption = line,
            Role::Credit => item.credit = Some(line),
            Role::CaptionAndCredit => match one_line_figure(&line) {
                Some(one_line) => {
                    item.caption = one_line.caption;
                    item.credit = one_line.credit;
                }
                None => item.caption = line,
            },
            Role::Paragraph => blocks.push(Block::Paragraph(line)),
        }
        // A figure ends at its credit, or at its caption when no credit follows.
        let closes = matches!(roles[at], Role::Credit | Role::CaptionAndCredit)
            || (roles[at] == Role::Caption && roles.get(at + 1) != Some(&Role::Credit));
        if closes {
            let done = std::mem::replace(
                &mut item,
                MediaItem {
                    alt: None,
                    caption: String::new(),
                    credit: None,
                },
            );
            push_media(&mut blocks, done);
        }
    }
    videos(blocks)
}

fn push_media(blocks: &mut Vec<Block>, item: MediaItem) {
    match blocks.last_mut() {
        Some(Block::Media(items)) => items.push(item),
        _ => blocks.push(Block::Media(vec![item])),
    }
}

/// The role of each line: credits first, then the caption and alt text before each.
fn roles(lines: &[String]) -> Vec<Role> {
    let mut roles: Vec<Role> = lines
        .iter()
        .map(|line| {
            if is_credit(line) {
                Role::Credit
            } else if one_line_figure(line).is_some() {
                Role::CaptionAndCredit
            } else {
                Role::Paragraph
            }
        })
        .collect();
    for at in 0..lines.len() {
        // The caption before a credit, or the caption part of a line ending in its credit.
        let caption_at = match roles[at] {
            Role::Credit if at > 0 && roles[at - 1] == Role::Paragraph => at - 1,
            Role::CaptionAndCredit => at,
            _ => continue,
        };
        let caption = &lines[caption_at];
        if caption_at < at {
            if !reads_as_caption(caption) {
                continue;
            }
            roles[caption_at] = Role::Caption;
        }
        let caption = split_credit(caption).map_or(caption.as_str(), |(caption, _)| caption);
        if caption_at >= 1
            && roles[caption_at - 1] == Role::Paragraph
            && is_alt_of(&lines[caption_at - 1], caption)
        {
            roles[caption_at - 1] = Role::Alt;
        }
    }
    // `Picture of …` opens an alt text: the line after it is the caption, credit or not.
    for at in 0..lines.len().saturating_sub(1) {
        if roles[at] == Role::Paragraph
            && roles[at + 1] == Role::Paragraph
            && opens_alt_text(&lines[at])
            && lines[at + 1].chars().count() <= MAX_CAPTION_CHARS
        {
            roles[at] = Role::Alt;
            roles[at + 1] = Role::Caption;
        }
    }
    roles
}

/// Whether a line before a credit can be its caption: not too long, and not a paragraph of
/// reported speech (two sentences or more with a verb of speech, as in `… the second stage.
/// Launch director Ana Ruiz said the fault …`): captions describe a picture, they do not
/// report what someone said.
fn reads_as_caption(line: &str) -> bool {
    if line.chars().count() > MAX_CAPTION_CHARS {
        return false;
    }
    let sentences = line
        .match_indices(['.', '!', '?'])
        .filter(|&(at, _)| line[at + 1..].starts_with(' '))
        .filter(|&(at, _)| line[at + 1..].trim_start().starts_with(char::is_uppercase))
        .count()
        + 1;
    sentences < 2 || !line.split_whitespace().any(super::names::is_speech_verb)
}

fn opens_alt_text(line: &str) -> bool {
    let lower = line.to_lowercase();
    line.chars().count() <= MAX_CAPTION_CHARS
        && ALT_OPENERS.iter().any(|opener| {
            lower
                .strip_prefix(opener)
                .is_some_and(|rest| rest.starts_with(' '))
        })
}

/// Adjacent paragraphs that read as a video's title and caption become one video item.
fn videos(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut blocks = blocks.into_iter().peekable();
    while let Some(block) = blocks.next() {
        if let Block::Paragraph(first) = &block
            && let Some(Block::Paragraph(second)) = blocks.peek()
            && is_video(first, second)
        {
            let caption = second.clone();
            blocks.next();
            out.push(Block::Media(vec![MediaItem {
                alt: Some(first.clone()),
                caption,
                credit: None,
            }]));
            continue;
        }
        out.push(block);
    }
    out
}

/// A caption line that ends in its own credit: `… on Monday. (AP)`, `… (Jane Doe / AP)`,
/// `… 1981. Image: NASA.`.
fn one_line_figure(line: &str) -> Option<MediaItem> {
    let (caption, credit) = split_credit(line)?;
    (caption.chars().count() <= MAX_CAPTION_CHARS).then(|| MediaItem {
        alt: None,
        caption: caption.to_owned(),
        credit: Some(credit.to_owned()),
    })
}

/// The caption and credit of a line ending in a credit, both as written.
fn split_credit(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_end();
    if trimmed.ends_with(')')
        && let Some(open) = trimmed.rfind('(')
        && open > 0
        && trimmed[open + 1..].starts_with(|c: char| c.is_uppercase())
        && is_credit(&trimmed[open..])
    {
        return Some((trimmed[..open].trim_end(), &trimmed[open..]));
    }
    // The last colon that ends a credit prefix opening a word (`… 1981. Image: NASA.`): most
    // lines have no colon, so this costs little.
    trimmed.rmatch_indices(':').find_map(|(colon, _)| {
        let before = &trimmed[..=colon];
        let at = CREDIT_PREFIXES
            .iter()
            .filter(|prefix| prefix.ends_with(':') && before.len() > prefix.len())
            .find_map(|prefix| {
                let at = before.len() - prefix.len();
                (before.is_char_boundary(at)
                    && before[at..].eq_ignore_ascii_case(prefix)
                    && before[..at].ends_with(' '))
                .then_some(at)
            })?;
        let caption = trimmed[..at].trim_end();
        let credit = &trimmed[at..];
        (!caption.is_empty() && is_credit(credit)).then_some((caption, credit))
    })
}

/// Whether `line` credits a photo: `Brendan Hoffman/Getty Images`, `AP Photo/Andriy Dubchak`,
/// `REUTERS/Name`, `Photo by Name/AFP via Getty Images`, `Getty Images`, `(AP)`,
/// `Image: NASA.`, `CreditJane Doe/Example Wire`, `Jane Doe for The Example Times`.
pub fn is_credit(line: &str) -> bool {
    let line = line.trim();
    let line = match line.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        Some(inner) => inner.trim(),
        None => line,
    };
    // `caption (Jane Doe / AP)`: a caption ending in its credit, not a credit.
    if line.ends_with(')') && line.contains('(') {
        return false;
    }
    let chars = line.chars().count();
    if chars == 0 || chars > MAX_CREDIT_CHARS || line.ends_with(['!', '?', '…', ':', ';', ',']) {
        return false;
    }
    let lower = line.to_lowercase();
    if let Some(rest) = CREDIT_PREFIXES
        .iter()
        .find_map(|prefix| lower.strip_prefix(prefix))
    {
        return is_credit_name(rest.trim_end_matches('.'));
    }
    // `Credit Jane Doe`, `CreditJane Doe`: the prefix without its colon, or glued to the name.
    if let Some(rest) = line.strip_prefix("Credit")
        && let rest = rest.strip_prefix(' ').unwrap_or(rest)
        && rest.starts_with(|c: char| c.is_uppercase())
    {
        return is_credit_name(rest.trim_end_matches('.'));
    }
    // Other credits are names, not sentences: a final period only after an agency's name.
    let line = line.strip_suffix('.').unwrap_or(line);
    if line.contains(['.', '!', '?']) && !line.contains('/') {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let padded = format!(
        " {} ",
        line.to_lowercase().replace(['/', ',', '|', '(', ')'], " ")
    );
    (slash_between_names(line) && words.len() <= 10)
        || (names_agency(&padded) && words.len() <= 4)
        || (words.len() <= MAX_CREDIT_WORDS
            && padded
                .find(" via ")
                .is_some_and(|at| names_agency(&padded[at + 4..])))
        || for_outlet(&words)
}

/// What follows a credit prefix: a short name, not a sentence (`Jane Doe`, `Supplied`,
/// `the National Archives`).
fn is_credit_name(rest: &str) -> bool {
    let words = rest.split_whitespace().count();
    (1..=MAX_CREDIT_WORDS).contains(&words) && !rest.contains(['!', '?', ';'])
}

/// Whether `text` (lowercase, padded with spaces, separators made spaces) names an agency.
fn names_agency(padded: &str) -> bool {
    let words: Vec<&str> = padded.split_whitespace().collect();
    (0..words.len()).any(|start| {
        (start + 1..=words.len().min(start + 3))
            .any(|end| AGENCIES.contains(words[start..end].join(" ").as_str()))
    })
}

/// `Name/Agency`, `AGENCY/Name`, `Jane Doe / AP`: a slash between two capitalised words.
fn slash_between_names(line: &str) -> bool {
    line.char_indices().any(|(at, c)| {
        c == '/'
            && line[..at]
                .split_whitespace()
                .next_back()
                .and_then(|word| word.chars().next())
                .is_some_and(char::is_uppercase)
            && line[at + 1..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    })
}

/// `Jane Doe for The Example Times`: a capitalised name, `for`, a capitalised outlet.
fn for_outlet(words: &[&str]) -> bool {
    let capitalised = |word: &&str| word.starts_with(|c: char| c.is_uppercase());
    let Some(at) = words.iter().position(|word| *word == "for") else {
        return false;
    };
    (2..=3).contains(&at)
        && words.len() <= MAX_CREDIT_WORDS
        && words[..at].iter().all(capitalised)
        && words[at + 1..]
            .iter()
            .all(|word| capitalised(word) || *word == "of")
        && at + 1 < words.len()
}

/// The words of `text` that say what it is about: lowercase, without punctuation, four letters
/// or more (`the`, `and`, `for` say nothing), and not a number, month or weekday.
fn content_words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|word| word.chars().count() >= 4 && !word.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .filter(|word| !super::dates::is_calendar_word(word))
        .collect()
}

/// Whether `alt` describes the same picture as `caption`: it is not a sentence of its own and
/// shares two of its words with it (all, if it has fewer), or it shares most of
/// its words.
fn is_alt_of(alt: &str, caption: &str) -> bool {
    if opens_alt_text(alt) {
        return true;
    }
    if alt.chars().count() > MAX_CAPTION_CHARS {
        return false;
    }
    // A line of one or two words (a heading such as `Harbour works`) must share them all, and a
    // line with none (a date line such as `Monday, May 4, 2020`) describes nothing.
    let words = content_words(alt);
    let needed = words.len().clamp(1, 2);
    let shared = words.intersection(&content_words(caption)).count();
    (alt.chars().count() <= MAX_ALT_CHARS && !ends_like_sentence(alt) && shared >= needed)
        || share_most_words(alt, caption)
}

/// Whether two lines read as a video's title and caption: the title is no sentence and either
/// shares most of its words with the caption, or opens like an alt text, or is a description
/// of four words or more sharing two of them with a short caption.
fn is_video(title: &str, caption: &str) -> bool {
    let shares_two = || {
        content_words(title)
            .intersection(&content_words(caption))
            .count()
            >= 2
    };
    title.chars().count() <= MAX_CAPTION_CHARS
        && caption.chars().count() <= MAX_CAPTION_CHARS
        && !ends_like_sentence(title)
        && (share_most_words(title, caption)
            || opens_alt_text(title)
            || (title.split_whitespace().count() >= 4
                && title.chars().count() <= MAX_ALT_CHARS
                && caption.chars().count() <= MAX_VIDEO_CAPTION_CHARS
                && shares_two()))
}

fn ends_like_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '"', '”', ':', ';'])
}

/// Whether two lines say mostly the same: they share at least half of the content words of
/// the longer one, and each has two or more.
fn share_most_words(a: &str, b: &str) -> bool {
    let (a, b) = (content_words(a), content_words(b));
    a.len().min(b.len()) >= 2 && a.intersection(&b).count() * 2 >= a.len().max(b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|line| (*line).to_owned()).collect()
    }

    fn media(block: &Block) -> &[MediaItem] {
        match block {
            Block::Media(items) => items,
            Block::Paragraph(text) => panic!("a paragraph: {text}"),
        }
    }

    #[test]
    fn credits() {
        for credit in [
            "Brendan Hoffman/Getty Images",
            "AP Photo/Andriy Dubchak",
            "REUTERS/Gleb Garanich",
            "Photo by Sergei Supinsky/AFP via Getty Images",
            "Getty Images",
            "(AP)",
            "Reuters",
            "Anadolu Agency via Getty Images",
            "Photo: Jane Doe",
            "Image: NASA.",
            "Image: Nick Moreau.",
            "Credit: Jane Doe",
            "CreditJane Doe/Example Wire",
            "Credit Jane Doe",
            "Jane Doe for The Example Times",
            "Source: Supplied",
            "Foto: Hans Maier",
            "Bild: dpa",
            "Courtesy of the National Archives",
            "Devon Hart/Example Wire",
            "(Jane Doe / AP)",
        ] {
            assert!(is_credit(credit), "{credit}");
        }
        for not in [
            "Ukrainian soldiers build a bunker on the front line on December 12, 2021 in Zolote, Ukraine.",
            "Secretary of State Antony Blinken on pivotal US-Russia talks slated in Geneva this week",
            "Troops on duty 24/7",
            "Putin spoke to Reuters about the talks in Geneva on Monday",
            "A photo by the river",
            "Source: the ministry said the figures would be published on Monday, then withdrew them.",
            "Ann Cole for the first time spoke.",
            "Credit card debt rose again.",
        ] {
            assert!(!is_credit(not), "{not}");
        }
    }

    #[test]
    fn single_newline_paragraphs_are_paragraphs() {
        let blocks = classify(lines(&[
            "The first paragraph says one thing and ends like a sentence.",
            "- a list item that starts with a dash",
            "1. a numbered line about something else entirely",
            "The last paragraph ends here too.",
        ]));
        assert_eq!(blocks.len(), 4);
        assert!(blocks.iter().all(|b| matches!(b, Block::Paragraph(_))));
    }

    #[test]
    fn captions_and_alts_take_the_credit_before_them() {
        let blocks = classify(lines(&[
            "A paragraph before the photo, ending like a sentence.",
            "Photo of a Formica fusca ant",
            "Formica fusca, from file.",
            "Image: Mathias Krumbholz.",
            "Another paragraph after it.",
        ]));
        assert_eq!(blocks.len(), 3);
        let item = &media(&blocks[1])[0];
        assert_eq!(item.alt.as_deref(), Some("Photo of a Formica fusca ant"));
        assert_eq!(item.caption, "Formica fusca, from file.");
        assert_eq!(item.credit.as_deref(), Some("Image: Mathias Krumbholz."));
        // A line that is not about the same thing stays a paragraph.
        let blocks = classify(lines(&[
            "Background",
            "The santorum neologism has inspired parodies.",
            "Image: Zach Weiner.",
        ]));
        assert!(matches!(blocks[0], Block::Paragraph(_)));
        assert_eq!(media(&blocks[1])[0].alt, None);
    }

    #[test]
    fn one_line_figures() {
        for (line, caption, credit) in [
            (
                "Troops arrive in the city on Monday. (AP)",
                "Troops arrive in the city on Monday.",
                "(AP)",
            ),
            (
                "A protester holds a sign (Jane Doe / AP)",
                "A protester holds a sign",
                "(Jane Doe / AP)",
            ),
            (
                "Looking back: Columbia lifts off on April 12, 1981. Image: NASA.",
                "Looking back: Columbia lifts off on April 12, 1981.",
                "Image: NASA.",
            ),
        ] {
            let blocks = classify(lines(&[line]));
            let item = &media(&blocks[0])[0];
            assert_eq!(item.caption, caption);
            assert_eq!(item.credit.as_deref(), Some(credit));
        }
        let blocks = classify(lines(&["Devon Hart/Example Wire"]));
        assert_eq!(media(&blocks[0])[0].caption, "");
        // A paragraph that merely mentions an agency is not a figure.
        let text = "Putin spoke to Reuters (in Russian) about the talks.";
        assert_eq!(classify(lines(&[text])), [Block::Paragraph(text.into())]);
    }

    #[test]
    fn videos_share_most_words() {
        let blocks = classify(lines(&[
            "Secretary of State Antony Blinken on pivotal US-Russia talks slated in Geneva this week",
            "Secretary of State Antony Blinken spoke about the pivotal US-Russia talks on CNN’s “State of the Union.”",
        ]));
        assert_eq!(blocks.len(), 1);
        assert_eq!(media(&blocks[0])[0].credit, None);
        let blocks = classify(lines(&[
            "The minister said the talks would go on next week.",
            "Opposition leaders walked out of the chamber in protest.",
        ]));
        assert_eq!(blocks.len(), 2);
    }
}
