//! The structure of a raw article: title, header fields, paragraphs, media blocks, trailers.
//!
//! ```text
//! Geneva talks hinge on Russia deescalating Ukraine threat     ← line 1: the title
//!
//! 0                                                            ← header fields
//! 42
//! Geneva talks hinge on Russia deescalating Ukraine threat     ← the title's repeat
//!
//! Secretary of State Antony Blinken tamped down …              ← one line: a paragraph
//!
//! Ukrainian soldiers Mykhailo (L) and Pavlo build a bunker …   ← several lines: media
//! Ukrainian soldiers build a bunker on the front line …
//! Brendan Hoffman/Getty Images                                 ← a credit closes a photo
//!
//! With Post wires                                              ← trailers
//!
//! Source link
//! ```

use super::figures;

/// A raw article cut into its parts. Every string is a normalised line (see [`normalize_line`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawArticle {
    pub title: String,
    /// The header lines, in order.
    pub header: Vec<String>,
    pub blocks: Vec<Block>,
    /// Closing lines such as `Source link`, in order.
    pub trailers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    /// One media block, holding one or more photos or videos.
    Media(Vec<MediaItem>),
}

/// One photo or video of a media block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaItem {
    /// The first of two caption lines, used as the alt text.
    pub alt: Option<String>,
    pub caption: String,
    /// The credit line; none for a video.
    pub credit: Option<String>,
}

/// Why a text is not an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emptiness {
    Empty,
    Whitespace,
}

/// At most this many non-blank lines may stand between the title and its repeat.
const MAX_HEADER_LINES: usize = 12;
/// Header lines before a title repeat are short; a longer line is the first paragraph.
const MAX_HEADER_LINE_CHARS: usize = 200;

/// Cut `text` into an article. `trailers` are the configured closing lines (compared without
/// regard to case).
pub fn parse(text: &str, trailers: &[String]) -> Result<RawArticle, Emptiness> {
    if text.is_empty() {
        return Err(Emptiness::Empty);
    }
    let lines = lines(text);
    let Some(title_at) = lines.iter().position(|line| !line.is_empty()) else {
        return Err(Emptiness::Whitespace);
    };
    let title = lines[title_at].clone();
    let rest = &lines[title_at + 1..];

    let (header, mut blocks) = match title_repeat(rest, &title) {
        Some(at) => {
            let header = rest[..at]
                .iter()
                .filter(|line| !line.is_empty())
                .cloned()
                .collect();
            (header, split_blocks(&rest[at + 1..]))
        }
        None => {
            // No repeat: leading blocks of short field-like lines are the header, unless the
            // article is nothing but short lines.
            let mut blocks = split_blocks(rest);
            let fields = blocks
                .iter()
                .take_while(|block| block.iter().all(|line| is_field_like(line)))
                .count();
            let header = if fields < blocks.len() {
                blocks.drain(..fields).flatten().collect()
            } else {
                Vec::new()
            };
            (header, blocks)
        }
    };
    let trailers = peel_trailers(&mut blocks, trailers);
    let blocks = blocks.into_iter().flat_map(figures::classify).collect();
    Ok(RawArticle {
        title,
        header,
        blocks,
        trailers,
    })
}

/// The lines of `text`, normalised; a blank line is "". Handles a BOM and `\r\n`, `\n` or `\r`.
fn lines(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
        .map(normalize_line)
        .collect()
}

/// One line as the importer keeps it: no-break and other spaces made plain, runs of whitespace
/// made one space, control characters dropped, no leading or trailing space.
pub fn normalize_line(line: &str) -> String {
    let mut normalized = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        if c.is_whitespace() || c == '\u{feff}' {
            space = true;
        } else if c.is_control() {
            // Dropped: invisible, and not allowed in the HTML the site is rendered to.
        } else {
            if space && !normalized.is_empty() {
                normalized.push(' ');
            }
            space = false;
            normalized.push(c);
        }
    }
    normalized
}

/// Where the title is written again after the header lines, if it is.
fn title_repeat(rest: &[String], title: &str) -> Option<usize> {
    let mut seen = 0;
    for (index, line) in rest.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        if same_text(line, title) {
            return Some(index);
        }
        seen += 1;
        if seen > MAX_HEADER_LINES || line.chars().count() > MAX_HEADER_LINE_CHARS {
            return None;
        }
    }
    None
}

fn same_text(a: &str, b: &str) -> bool {
    a == b || a.to_lowercase() == b.to_lowercase()
}

/// A header line without a title repeat: a short value such as `0`, `42`, `2022-01-09`,
/// `World News`, not a sentence and not a credit.
fn is_field_like(line: &str) -> bool {
    line.chars().count() <= 40
        && line.split(' ').count() <= 6
        && !line.ends_with(['.', '!', '?', '…', '"', '”', '’', ':', ';', ','])
        && !figures::is_credit(line)
}

/// Blocks of consecutive non-blank lines.
fn split_blocks(lines: &[String]) -> Vec<Vec<String>> {
    let mut blocks = Vec::new();
    let mut current = Vec::new();
    for line in lines {
        if line.is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.clone());
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// Take the configured trailer lines off the end of the text, keeping their order.
fn peel_trailers(blocks: &mut Vec<Vec<String>>, trailers: &[String]) -> Vec<String> {
    let is_trailer = |line: &str| {
        trailers
            .iter()
            .any(|trailer| same_text(&normalize_line(trailer), line))
    };
    let mut peeled = Vec::new();
    while let Some(last) = blocks.last_mut() {
        match last.last() {
            Some(line) if is_trailer(line) => {
                peeled.push(last.pop().unwrap_or_default());
                if last.is_empty() {
                    blocks.pop();
                }
            }
            _ => break,
        }
    }
    peeled.reverse();
    peeled
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trailers() -> Vec<String> {
        crate::config::ImportConfig::default().trailers
    }

    fn seed() -> RawArticle {
        let text = include_str!("../../raw/000_02ad2f46d24ee265.txt");
        parse(text, &trailers()).unwrap()
    }

    #[test]
    fn seed_structure() {
        let article = seed();
        assert_eq!(
            article.title,
            "Geneva talks hinge on Russia deescalating Ukraine threat"
        );
        assert_eq!(article.header, ["0", "42"]);
        assert_eq!(article.trailers, ["With Post wires", "Source link"]);
        let paragraphs = article
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Paragraph(_)))
            .count();
        assert_eq!(paragraphs, 13);
        let media: Vec<&Vec<MediaItem>> = article
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Media(items) => Some(items),
                Block::Paragraph(_) => None,
            })
            .collect();
        assert_eq!(media.len(), 3);
        // The video: two lines, no credit.
        assert_eq!(media[0].len(), 1);
        assert_eq!(media[0][0].credit, None);
        assert!(
            media[0][0]
                .caption
                .starts_with("Secretary of State Antony Blinken spoke")
        );
        // Six lines: two photos.
        assert_eq!(media[1].len(), 2);
        assert_eq!(
            media[1][0].credit.as_deref(),
            Some("Brendan Hoffman/Getty Images")
        );
        assert_eq!(
            media[1][0].caption,
            "Ukrainian soldiers build a bunker on the front line on December 12, 2021 in Zolote, Ukraine."
        );
        assert_eq!(
            media[1][1].credit.as_deref(),
            Some("AP Photo/Andriy Dubchak")
        );
        assert_eq!(media[2].len(), 1);
    }

    #[test]
    fn non_breaking_and_trailing_spaces_are_normalised() {
        let article = seed();
        let Block::Paragraph(first) = &article.blocks[0] else {
            panic!("{:?}", article.blocks[0]);
        };
        assert!(first.starts_with("Secretary of State Antony"), "{first}");
        assert!(first.ends_with("threat to Ukraine."), "{first:?}");
        assert_eq!(
            normalize_line(" a\u{a0}\u{a0}b \t c\u{202f}\u{1}d  "),
            "a b c d"
        );
    }

    #[test]
    fn crlf_bom_and_lone_cr() {
        let text =
            "\u{feff}Title\r\n\r\nFirst paragraph here.\r\n\r\nA caption\r\nAP Photo/X Y\rSecond.";
        let article = parse(text, &[]).unwrap();
        assert_eq!(article.title, "Title");
        assert_eq!(article.blocks.len(), 3);
        let Block::Media(items) = &article.blocks[1] else {
            panic!()
        };
        assert_eq!(items[0].caption, "A caption");
        assert_eq!(items[0].credit.as_deref(), Some("AP Photo/X Y"));
        assert_eq!(article.blocks[2], Block::Paragraph("Second.".into()));
    }

    #[test]
    fn header_without_repeat_ends_at_the_first_paragraph() {
        let text =
            "Title\n\n2022-01-09\nWorld\n\nThe first paragraph is a sentence.\n\nShort line\n";
        let article = parse(text, &[]).unwrap();
        assert_eq!(article.header, ["2022-01-09", "World"]);
        assert_eq!(article.blocks.len(), 2);
    }

    #[test]
    fn no_header_lines() {
        let text = "Title\n\nThe first paragraph is a sentence.\n";
        let article = parse(text, &[]).unwrap();
        assert!(article.header.is_empty());
        assert_eq!(
            article.blocks,
            [Block::Paragraph(
                "The first paragraph is a sentence.".into()
            )]
        );
        // Only a title repeat: nothing in between.
        let article = parse("T\nT\n\nBody text.\n", &[]).unwrap();
        assert!(article.header.is_empty());
        assert_eq!(article.blocks.len(), 1);
    }

    #[test]
    fn short_lines_only_stay_body() {
        let article = parse("Title\n\nShort\n\nAlso short\n", &[]).unwrap();
        assert!(article.header.is_empty());
        assert_eq!(article.blocks.len(), 2);
    }

    #[test]
    fn empty_and_blank() {
        assert_eq!(parse("", &[]), Err(Emptiness::Empty));
        assert_eq!(parse(" \n\u{a0}\r\n\t", &[]), Err(Emptiness::Whitespace));
        assert_eq!(parse("\u{feff}", &[]), Err(Emptiness::Whitespace));
    }

    #[test]
    fn trailers_only_at_the_end() {
        let text = "T\nT\n\nSource link\n\nBody.\n\nWITH POST WIRES\nSource link\n";
        let article = parse(text, &trailers()).unwrap();
        assert_eq!(article.trailers, ["WITH POST WIRES", "Source link"]);
        assert_eq!(
            article.blocks,
            [
                Block::Paragraph("Source link".into()),
                Block::Paragraph("Body.".into())
            ]
        );
    }
}
