//! The imported article as a content file: YAML front matter, then the Markdown body.

use crate::content::frontmatter;
use crate::content::{ArticleFrontMatter, Media};

use super::blocks::{Block, MediaItem};

/// The summary is cut at a sentence end near this many characters.
pub const SUMMARY_TARGET: usize = 300;
/// A sentence end this far from the target is still near enough.
const SUMMARY_SLACK: usize = 150;

/// The content file: `---`, the front matter written by the YAML serializer, `---`, the body.
pub fn content_file(front: &ArticleFrontMatter, body: &str) -> Result<String, String> {
    let yaml = frontmatter::to_yaml(front)?;
    let mut file = String::with_capacity(yaml.len() + body.len() + 8);
    file.push_str("---\n");
    file.push_str(&yaml);
    if !yaml.ends_with('\n') {
        file.push('\n');
    }
    file.push_str("---\n");
    file.push_str(body);
    Ok(file)
}

/// The Markdown body: escaped paragraphs and one `![alt](media:N)` line per media item, in the
/// order of the raw text, separated by blank lines. Media entries are numbered from 1 in order.
pub fn body(blocks: &[Block], smart_punctuation: bool) -> String {
    let mut body = String::new();
    let mut media = 0;
    let push = |text: &str, body: &mut String| {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(text);
    };
    for block in blocks {
        match block {
            Block::Paragraph(text) => push(&escape_prose(text, smart_punctuation), &mut body),
            Block::Media(items) => {
                for item in items {
                    media += 1;
                    let alt = escape_alt(
                        item.alt.as_ref().unwrap_or(&item.caption),
                        smart_punctuation,
                    );
                    push(&format!("![{alt}](media:{media})"), &mut body);
                }
            }
        }
    }
    if !body.is_empty() {
        body.push('\n');
    }
    body
}

/// Front matter media entries of the blocks, in order.
pub fn media(blocks: &[Block]) -> Vec<Media> {
    blocks
        .iter()
        .filter_map(|block| match block {
            Block::Media(items) => Some(items),
            Block::Paragraph(_) => None,
        })
        .flatten()
        .map(|item: &MediaItem| Media {
            caption: item.caption.clone(),
            alt: item.alt.clone(),
            credit: item.credit.clone(),
            kind: Some(
                if item.credit.is_some() {
                    "photo"
                } else {
                    "video"
                }
                .to_owned(),
            ),
            src: None,
            thumbnail: None,
        })
        .collect()
}

/// One line of text escaped so that it renders as itself, with a backslash only where a
/// character would otherwise mean something where it stands: a block marker at the start of
/// the line (`# `, `- `, `1. `, `> `), emphasis and code (`*`, `` ` ``, `_` outside a word), a
/// link or footnote (`[x](y)`, `[^1]`), an HTML tag or entity (`<b>`, `&amp;`), strikethrough
/// (two `~`). When the site turns straight quotes, `--` and `...` into typographic ones, those
/// are escaped too, so that the page shows the characters the source wrote.
pub fn escape_prose(text: &str, smart_punctuation: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let marker = block_marker(&chars);
    let tildes = chars.iter().filter(|&&c| c == '~').count();
    let mut out = String::with_capacity(text.len() + 8);
    for (at, &c) in chars.iter().enumerate() {
        let previous = at.checked_sub(1).map(|before| chars[before]);
        let next = chars.get(at + 1).copied();
        let in_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let escape = marker == Some(at)
            || match c {
                '\\' => next.is_none_or(|next| next.is_ascii_punctuation()),
                '*' | '`' => true,
                '_' => !(in_word(previous) && in_word(next)),
                '[' => at == 0 || next == Some('^') || closes_as_link(&chars[at + 1..]),
                '<' => {
                    next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
                }
                '&' => is_entity(&chars[at + 1..]),
                '~' => tildes >= 2,
                '"' | '\'' => smart_punctuation,
                '-' | '.' => smart_punctuation && previous == Some(c),
                _ => false,
            };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An image's alt text escaped for `![alt](…)`: as prose, and every bracket too, since one
/// would end the alt text.
fn escape_alt(text: &str, smart_punctuation: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find(['[', ']']) {
        out.push_str(&escape_prose(&rest[..at], smart_punctuation));
        out.push('\\');
        out.push_str(&rest[at..=at]);
        rest = &rest[at + 1..];
    }
    out.push_str(&escape_prose(rest, smart_punctuation));
    out
}

/// The index of the character that would make a line a block: an ATX heading (`# `), a list
/// item (`- `, `+ `, `* `, `1. `, `1) `), a block quote (`>`), a thematic break or setext
/// underline (`---`, `===`).
fn block_marker(chars: &[char]) -> Option<usize> {
    let first = *chars.first()?;
    let then_space = |at: usize| chars.get(at).is_none_or(|c| c.is_whitespace());
    let hashes = chars.iter().take_while(|&&c| c == '#').count();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=6).contains(&hashes) && then_space(hashes)
        || matches!(first, '-' | '+' | '*') && then_space(1)
        || first == '>'
        || matches!(first, '-' | '=' | '_' | '*') && chars.iter().all(|&c| c == first || c == ' ')
    {
        return Some(0);
    }
    (digits > 0
        && digits <= 9
        && matches!(chars.get(digits), Some('.' | ')'))
        && then_space(digits + 1))
    .then_some(digits)
}

/// Whether a `]` after a `[` could close it as a link: `](`, `][` or `]:` anywhere later
/// (brackets in between do not keep a later one from matching it).
fn closes_as_link(after: &[char]) -> bool {
    after
        .windows(2)
        .any(|pair| pair[0] == ']' && matches!(pair[1], '(' | '[' | ':'))
}

/// Whether text after a `&` reads as an HTML entity (`amp;`, `#39;`, `#x27;`).
fn is_entity(after: &[char]) -> bool {
    let name = after
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && after.get(name) == Some(&';')
}

/// The first paragraph, cut at the sentence end nearest to [`SUMMARY_TARGET`] characters; a
/// paragraph without a sentence end near it is cut at a word and marked with `…`.
pub fn summary(paragraph: &str) -> String {
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    if chars.len() <= SUMMARY_TARGET + SUMMARY_SLACK / 3 {
        return paragraph.to_owned();
    }
    let mut best: Option<(usize, usize)> = None; // (distance, byte end)
    for (index, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Closing quotes and brackets belong to the sentence.
        let mut end = index + 1;
        while end < chars.len() && matches!(chars[end].1, '”' | '’' | '"' | '\'' | ')') {
            end += 1;
        }
        if end < chars.len() && !chars[end].1.is_whitespace() {
            continue;
        }
        if c == '.' && is_abbreviation(&paragraph[..at]) {
            continue;
        }
        let distance = end.abs_diff(SUMMARY_TARGET);
        if distance <= SUMMARY_SLACK && best.is_none_or(|(d, _)| distance < d) {
            let byte_end = chars.get(end).map_or(paragraph.len(), |&(at, _)| at);
            best = Some((distance, byte_end));
        }
    }
    if let Some((_, end)) = best {
        return paragraph[..end].trim_end().to_owned();
    }
    let cut = chars[SUMMARY_TARGET].0;
    let at = paragraph[..cut].rfind(' ').unwrap_or(cut);
    format!("{}…", paragraph[..at].trim_end())
}

/// Whether the word before a period is an abbreviation (`Jan.`, `U.S.`, `Mr.`, `J.`), which does
/// not end a sentence.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default();
    const ABBREVIATIONS: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt",
        "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "vs", "No", "Jan", "Feb", "Mar", "Apr",
        "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "etc", "approx", "Mt", "Ft",
    ];
    ABBREVIATIONS.contains(&word)
        || word.chars().count() == 1
        || (word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.'))
}

/// Slugs are cut to at most this many characters, at a word.
pub const MAX_SLUG_CHARS: usize = 60;

/// The URL slug of a title: at most [`MAX_SLUG_CHARS`] characters, cut between words.
pub fn slug(title: &str) -> String {
    let slug = slug::slugify(title);
    if slug.len() <= MAX_SLUG_CHARS {
        return slug;
    }
    match slug[..=MAX_SLUG_CHARS].rfind('-') {
        Some(at) if at > 0 => slug[..at].to_owned(),
        _ => slug[..MAX_SLUG_CHARS].to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{MarkdownOptions, Resolver, render};

    struct Figures;
    impl Resolver for Figures {
        fn content_link(&self, _: &str) -> Option<String> {
            None
        }
        fn figure(&self, index: usize) -> Option<String> {
            Some(format!("<figure>{index}</figure>"))
        }
    }

    #[test]
    fn hostile_text_renders_literally_with_smart_punctuation() {
        for text in [
            r#"# Not "a" heading -- or... 'yes'"#,
            "1. Not a list - really --- no",
            "> <script>alert(1)</script> *x* _y_ [z](w) `c` &amp;",
            "don't -- stop...",
        ] {
            let html = render(
                &escape_prose(text, true),
                &MarkdownOptions::default(),
                &Figures,
            )
            .html;
            let expected = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert_eq!(html, format!("<p>{expected}</p>\n"), "{text}");
        }
    }

    #[test]
    fn only_what_would_change_the_meaning_is_escaped() {
        assert_eq!(
            escape_prose(
                "The world's | AT&T > rivals [former CEO] snake_case 2 < 3!",
                false
            ),
            "The world's | AT&T > rivals [former CEO] snake_case 2 < 3!"
        );
        assert_eq!(
            escape_prose("# 1. *x* _y_ [z](w) <b> &amp; ~~s~~ `c`", false),
            "\\# 1. \\*x\\* \\_y\\_ \\[z](w) \\<b> \\&amp; \\~\\~s\\~\\~ \\`c\\`"
        );
        assert_eq!(escape_prose("12. Not a list", false), "12\\. Not a list");
    }

    #[test]
    fn body_places_media_where_they_were() {
        let blocks = [
            Block::Paragraph("One.".into()),
            Block::Media(vec![
                MediaItem {
                    alt: Some("Alt [1]".into()),
                    caption: "Caption 1".into(),
                    credit: Some("AP Photo/X".into()),
                },
                MediaItem {
                    alt: None,
                    caption: "Caption 2".into(),
                    credit: None,
                },
            ]),
            Block::Paragraph("Two.".into()),
        ];
        assert_eq!(
            body(&blocks, true),
            "One.\n\n![Alt \\[1\\]](media:1)\n\n![Caption 2](media:2)\n\nTwo.\n"
        );
        let media = media(&blocks);
        assert_eq!(media[0].kind.as_deref(), Some("photo"));
        assert_eq!(media[1].kind.as_deref(), Some("video"));
        let html = render(&body(&blocks, true), &MarkdownOptions::default(), &Figures).html;
        assert_eq!(
            html,
            "<p>One.</p>\n<figure>1</figure>\n<figure>2</figure>\n<p>Two.</p>\n"
        );
    }

    #[test]
    fn summaries_cut_at_a_sentence_end_near_300() {
        let short = "A short paragraph. With two sentences.";
        assert_eq!(summary(short), short);
        let sentence = "This sentence is exactly sixty characters long, more or less. ";
        let long = sentence.repeat(10);
        let cut = summary(long.trim());
        assert!(cut.ends_with("less."), "{cut}");
        assert!(cut.chars().count().abs_diff(SUMMARY_TARGET) <= 60, "{cut}");
        // Abbreviations are not sentence ends.
        let text = format!(
            "{} On Jan. 9 the U.S. said no. {}",
            "word ".repeat(55),
            "more ".repeat(60)
        );
        let cut = summary(&text);
        assert!(cut.ends_with("said no."), "{cut}");
        // No sentence end at all: cut at a word.
        let words = "word ".repeat(100);
        let cut = summary(words.trim());
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= SUMMARY_TARGET + 1);
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Geneva talks hinge on Russia deescalating Ukraine threat"),
            "geneva-talks-hinge-on-russia-deescalating-ukraine-threat"
        );
        let long = slug(&"word ".repeat(40));
        assert!(
            long.len() <= MAX_SLUG_CHARS && long.ends_with("word"),
            "{long}"
        );
        assert_eq!(
            slug(
                "After visa snags, all-girl Afghan team honored for 'courageous achievement' at international robotics competition"
            ),
            "after-visa-snags-all-girl-afghan-team-honored-for-courageous"
        );
        assert_eq!(
            slug("Talks: \"no\" # breakthrough?"),
            "talks-no-breakthrough"
        );
    }
}
