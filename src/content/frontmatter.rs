//! Front matter: the YAML between `---` lines at the top of a content file.
//!
//! This is the only module that calls the YAML library, so it can be swapped by changing the
//! `yaml` alias below. Positions in YAML errors are offset to real lines of the file.

pub mod shape;

use serde::Serialize;
use serde::de::DeserializeOwned;
use yaml_serde as yaml;

/// A content file cut into its parts, with the line each part starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file where `yaml` starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
}

/// A problem in a file's front matter, positioned in the file (1-based; 0 = unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl FrontMatterError {
    fn new(line: usize, column: usize, message: impl Into<String>) -> Self {
        FrontMatterError {
            line,
            column,
            message: message.into(),
        }
    }
}

/// Cut `text` into front matter and body. A leading UTF-8 byte-order mark is ignored.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FrontMatterError::new(1, 1, "the file is empty"));
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != "---" {
        return Err(FrontMatterError::new(
            1,
            1,
            "expected front matter: the file must start with a `---` line",
        ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (line, current) in (2..).zip(lines) {
        if current.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + current.len()..],
                body_line: line + 1,
            });
        }
        offset += current.len();
    }
    Err(FrontMatterError::new(
        1,
        1,
        "front matter is not closed: add a `---` line after it",
    ))
}

/// Deserialize front matter that starts on line `yaml_line` of its file. Front matter that is
/// too large or nests too deeply is refused before it is parsed, and a key written twice in
/// one mapping is an error at the second ([`shape`]: serde refuses a field written twice, and
/// the free maps read through [`shape::free_map`] any key written twice).
pub fn parse<T: DeserializeOwned>(
    yaml_text: &str,
    yaml_line: usize,
) -> Result<T, FrontMatterError> {
    shape::check_text(yaml_text).map_err(|exceeded| {
        let (line, column) = crate::diagnostics::line_column(yaml_text, exceeded.offset);
        FrontMatterError::new(line + yaml_line - 1, column, exceeded.message)
    })?;
    // An empty mapping instead of nothing, so a missing field is reported as such.
    let source = if yaml_text.trim().is_empty() {
        "{}"
    } else {
        yaml_text
    };
    let positioned = |error: yaml::Error| {
        let message = crate::util::suggest::serde_message(&strip_position(&error.to_string()));
        let (line, column) = value_position(yaml_text, yaml_line, &message).unwrap_or_else(|| {
            error.location().map_or((yaml_line, 1), |at| {
                (at.line() + yaml_line - 1, at.column())
            })
        });
        FrontMatterError::new(line, column, message)
    };
    yaml::from_str(source).map_err(|error| {
        // The YAML library's message for a tab in an indentation names neither: say it, there.
        if let Some((line, column)) = indenting_tab(yaml_text) {
            return FrontMatterError::new(
                line + yaml_line - 1,
                column,
                "YAML does not allow tabs for indentation; use spaces",
            );
        }
        // serde places a field written twice at its mapping's start: the walk finds the key.
        let duplicate = strip_position(&error.to_string()).starts_with("duplicate field");
        match shape::check_document(yaml::Deserializer::from_str(source)) {
            Err(placed) if duplicate => positioned(placed),
            _ => positioned(error),
        }
    })
}

/// The first tab in the indentation of a line (1-based line and column of the text), if any.
fn indenting_tab(yaml_text: &str) -> Option<(usize, usize)> {
    yaml_text.lines().enumerate().find_map(|(index, line)| {
        let indentation = line.len() - line.trim_start_matches([' ', '\t']).len();
        let tab = line[..indentation].find('\t')?;
        Some((index + 1, tab + 1))
    })
}

/// Errors raised while checking a value (a bad date) are positioned by the YAML library at the
/// enclosing mapping; when the message quotes the value (`invalid date `2022-02-30``), find the
/// `key: value` line holding exactly that value instead.
fn value_position(yaml_text: &str, yaml_line: usize, message: &str) -> Option<(usize, usize)> {
    let positioned_by_yaml = ["unknown field", "missing field", "duplicate key"];
    if positioned_by_yaml
        .iter()
        .any(|start| message.starts_with(start))
    {
        return None;
    }
    let quoted = message.split('`').nth(1)?;
    yaml_text.lines().enumerate().find_map(|(index, line)| {
        let (_, value) = line.split_once(':')?;
        let written = value.trim().trim_matches(['"', '\'']);
        (written == quoted).then(|| {
            let at = line.len() - value.trim_start().len();
            (yaml_line + index, line[..at].chars().count() + 1)
        })
    })
}

/// The YAML text of `value`, for files that brief writes itself (import, init).
pub fn to_yaml<T: Serialize>(value: &T) -> Result<String, String> {
    yaml::to_string(value).map_err(|error| error.to_string())
}

/// The YAML library writes positions into its messages (" at line L column C"), counted in
/// the front matter rather than the file: they go, and the position is reported apart.
fn strip_position(message: &str) -> String {
    let mut stripped = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        stripped.push_str(&rest[..at]);
        let after = &rest[at + " at line ".len()..];
        let after = after.trim_start_matches(|c: char| c.is_ascii_digit());
        rest = match after.strip_prefix(" column ") {
            Some(column) => column.trim_start_matches(|c: char| c.is_ascii_digit()),
            None => after,
        };
    }
    stripped.push_str(rest);
    stripped
}

/// Where, in a file whose front matter starts on `yaml_line`, a `key: value` pair is written:
/// the 1-based line and column of the value. Used to position problems found after parsing
/// (a briefing item naming a missing article, a duplicate slug), which YAML cannot tell.
pub fn locate(
    yaml_text: &str,
    yaml_line: usize,
    key: &str,
    value: Option<&str>,
) -> Option<(usize, usize)> {
    yaml_text.lines().enumerate().find_map(|(index, line)| {
        let trimmed = line.trim_start_matches([' ', '-']);
        let rest = trimmed.strip_prefix(key)?.strip_prefix(':')?;
        let found = rest.trim().trim_matches(['"', '\'']);
        if value.is_some_and(|value| found != value) {
            return None;
        }
        let value_at = line.len() - rest.trim_start().len();
        let column = if rest.trim().is_empty() {
            line.len() - trimmed.len() + 1
        } else {
            line[..value_at].chars().count() + 1
        };
        Some((yaml_line + index, column))
    })
}

/// Where `item` is written as an item of the top-level list `key` (in flow `[a, b]` or block
/// `- a` form): the 1-based line and column of the item. Not inside a longer item.
pub fn locate_item(
    yaml_text: &str,
    yaml_line: usize,
    key: &str,
    item: &str,
) -> Option<(usize, usize)> {
    let lines: Vec<&str> = yaml_text.lines().collect();
    let head = format!("{key}:");
    let start = lines.iter().position(|line| line.starts_with(&head))?;
    lines[start..]
        .iter()
        .enumerate()
        .take_while(|(offset, line)| {
            *offset == 0 || line.starts_with([' ', '\t', '-']) || line.trim().is_empty()
        })
        .find_map(|(offset, line)| {
            let from = if offset == 0 { head.len() } else { 0 };
            let at = line[from..]
                .match_indices(item)
                .map(|(at, _)| from + at)
                .find(|&at| {
                    let before = line[..at].chars().next_back();
                    let after = line[at + item.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })?;
            Some((yaml_line + start + offset, line[..at].chars().count() + 1))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        title: String,
        #[serde(default)]
        #[allow(dead_code)] // present so that a wrong type in it is an error
        tags: Vec<String>,
    }

    #[test]
    fn splits_with_line_numbers() {
        let split = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(split.yaml, "title: A\n");
        assert_eq!(split.yaml_line, 2);
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn handles_bom_and_crlf() {
        let split = split("\u{feff}---\r\ntitle: A\r\n---\r\nBody").unwrap();
        assert_eq!(split.yaml, "title: A\r\n");
        assert_eq!(split.body, "Body");
    }

    #[test]
    fn rejects_empty_unopened_and_unclosed() {
        assert!(split("").unwrap_err().message.contains("empty"));
        assert!(split("  \n").unwrap_err().message.contains("empty"));
        assert_eq!(split("title: A\n").unwrap_err().line, 1);
        assert!(
            split("---\ntitle: A\n")
                .unwrap_err()
                .message
                .contains("not closed")
        );
    }

    #[test]
    fn unknown_key_position_is_a_file_line() {
        let error = parse::<Doc>("title: A\ncolour: red\n", 2).unwrap_err();
        assert_eq!((error.line, error.column), (3, 1));
        assert!(
            error.message.contains("unknown field `colour`"),
            "{}",
            error.message
        );
        assert!(!error.message.contains("at line"));
    }

    #[test]
    fn value_errors_point_at_the_value() {
        #[derive(Debug, Deserialize)]
        struct Dated {
            #[allow(dead_code)]
            date: crate::content::DateValue,
        }
        let error = parse::<Dated>("# a comment\ndate: 2022-02-30\n", 2).unwrap_err();
        assert_eq!((error.line, error.column), (3, 7), "{error:?}");
    }

    #[test]
    fn syntax_error_position() {
        let error = parse::<Doc>("title: A\ntags: [a, b\n", 2).unwrap_err();
        assert!(error.line >= 3, "{error:?}");
        assert!(!error.message.contains(" at line "), "{error:?}");
    }

    #[test]
    fn missing_title() {
        let error = parse::<Doc>("", 2).unwrap_err();
        assert!(
            error.message.contains("missing field `title`"),
            "{}",
            error.message
        );
    }

    #[test]
    fn duplicate_keys_anywhere_are_errors_at_the_duplicate() {
        #[derive(Debug, Deserialize)]
        struct Free {
            #[allow(dead_code)]
            #[serde(deserialize_with = "shape::free_map")]
            extra: std::collections::BTreeMap<String, serde_json::Value>,
        }
        let error = parse::<Doc>("title: A\ntags: []\ntitle: B\n", 2).unwrap_err();
        assert_eq!((error.line, error.column), (4, 1), "{error:?}");
        assert!(error.message.contains("duplicate key `title`"), "{error:?}");
        let error = parse::<Free>("extra:\n  a: 1\n  b:\n    c: 1\n    c: 2\n", 2).unwrap_err();
        assert_eq!((error.line, error.column), (6, 5), "{error:?}");
        let error = parse::<Free>("extra: {a: 1, a: 1}\n", 2).unwrap_err();
        assert_eq!((error.line, error.column), (2, 15), "{error:?}");
        assert!(parse::<Free>("extra:\n  a: {b: 1}\n  b: {b: 1}\n", 2).is_ok());
    }

    #[test]
    fn too_large_or_too_deep_front_matter_is_refused_unparsed() {
        let start = std::time::Instant::now();
        let error = parse::<Doc>(&format!("title: {}\n", "[".repeat(200_000)), 2).unwrap_err();
        assert_eq!((error.line, error.column), (2, 72), "{error:?}");
        assert!(error.message.contains("deeper than 64"), "{error:?}");
        // The flow nesting is found on the text: the parser is never handed it.
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
        let nested = |depth: usize| {
            format!(
                "title: A\ntags: {}a{}\n",
                "[".repeat(depth),
                "]".repeat(depth)
            )
        };
        assert!(
            parse::<Doc>(&nested(70), 2)
                .unwrap_err()
                .message
                .contains("deeper")
        );
        // 63 flow levels inside the top-level mapping: 64 in all, the limit.
        assert!(
            !parse::<Doc>(&nested(63), 2)
                .unwrap_err()
                .message
                .contains("deeper")
        );
        // Deep block nesting inside free data (`extra`) is refused by the one parse.
        #[derive(Debug, Deserialize)]
        struct Free {
            #[allow(dead_code)]
            #[serde(deserialize_with = "shape::free_map")]
            extra: std::collections::BTreeMap<String, serde_json::Value>,
        }
        let block: String = (1..70)
            .map(|level| format!("{}k{level}:\n", "  ".repeat(level)))
            .collect();
        let error = parse::<Free>(&format!("extra:\n{block}"), 2).unwrap_err();
        assert_eq!(error.line, 2 + 64, "{error:?}");
        assert!(error.message.contains("deeper than 64"), "{error:?}");
        let big = format!("title: A\ntags: [{}]\n", "é, ".repeat(100_000));
        let error = parse::<Doc>(&big, 2).unwrap_err();
        assert!(error.message.contains("larger than 256 KB"), "{error:?}");
        assert_eq!(error.line, 3);
    }

    #[test]
    fn brackets_that_open_no_collection_do_not_count_as_depth() {
        let many = "[".repeat(100);
        for text in [
            format!("title: \"{many}\"\n"),
            format!("title: '{many}'\n"),
            format!("title: a{many}\n"),
            format!("title: A # {many}\n"),
            format!("title: |\n  {many}\n  more\n"),
        ] {
            assert!(parse::<Doc>(&text, 2).is_ok(), "{text}");
        }
    }

    #[test]
    fn locates_keys_and_list_items() {
        let yaml = "title: A\nitems:\n  - article: one\n    note: x\n  - article: \"two\"\n";
        assert_eq!(locate(yaml, 2, "article", Some("two")), Some((6, 14)));
        assert_eq!(locate(yaml, 2, "title", None), Some((2, 8)));
        assert_eq!(locate(yaml, 2, "slug", None), None);
    }

    #[test]
    fn locates_list_items_in_both_forms() {
        let yaml = "title: A\naliases: [/old/, /older/]\ntopics:\n  - Trade\n  - Trade war\n";
        assert_eq!(locate_item(yaml, 2, "aliases", "/older/"), Some((3, 18)));
        assert_eq!(locate_item(yaml, 2, "topics", "Trade war"), Some((6, 5)));
        assert_eq!(locate_item(yaml, 2, "topics", "war"), Some((6, 11)));
        assert_eq!(locate_item(yaml, 2, "people", "Trade"), None);
    }

    #[test]
    fn yaml_round_trip_of_hostile_text() {
        let title = "Talks: \"no\" # breakthrough? - yes";
        let text = to_yaml(&std::collections::BTreeMap::from([("title", title)])).unwrap();
        let doc: Doc = parse(&text, 1).unwrap();
        assert_eq!(doc.title, title);
    }
}
