//! Front matter: the YAML between `---` lines at the top of a content file.
//!
//! This is the only module that calls the YAML library, so it can be swapped by changing the
//! `yaml` alias below. Positions in YAML errors are offset to real lines of the file.

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
        return Err(FrontMatterError::new(0, 0, "the file is empty"));
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

/// Deserialize front matter that starts on line `yaml_line` of its file.
pub fn parse<T: DeserializeOwned>(
    yaml_text: &str,
    yaml_line: usize,
) -> Result<T, FrontMatterError> {
    // An empty mapping instead of nothing, so a missing field is reported as such.
    let source = if yaml_text.trim().is_empty() {
        "{}"
    } else {
        yaml_text
    };
    yaml::from_str(source).map_err(|error| {
        let message = strip_position(&error.to_string());
        let (line, column) = value_position(yaml_text, yaml_line, &message).unwrap_or_else(|| {
            error.location().map_or((yaml_line, 1), |at| {
                (at.line() + yaml_line - 1, at.column())
            })
        });
        FrontMatterError::new(line, column, message)
    })
}

/// Errors raised while checking a value (a bad date) are positioned by the YAML library at the
/// enclosing mapping; when the message quotes the value (`invalid date `2022-02-30``), find the
/// `key: value` line holding exactly that value instead.
fn value_position(yaml_text: &str, yaml_line: usize, message: &str) -> Option<(usize, usize)> {
    if message.starts_with("unknown field") || message.starts_with("missing field") {
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

/// The YAML library appends " at line L column C" to its messages; the position is reported apart.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
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
    fn locates_keys_and_list_items() {
        let yaml = "title: A\nitems:\n  - article: one\n    note: x\n  - article: \"two\"\n";
        assert_eq!(locate(yaml, 2, "article", Some("two")), Some((6, 14)));
        assert_eq!(locate(yaml, 2, "title", None), Some((2, 8)));
        assert_eq!(locate(yaml, 2, "slug", None), None);
    }

    #[test]
    fn yaml_round_trip_of_hostile_text() {
        let title = "Talks: \"no\" # breakthrough? - yes";
        let text = to_yaml(&std::collections::BTreeMap::from([("title", title)])).unwrap();
        let doc: Doc = parse(&text, 1).unwrap();
        assert_eq!(doc.title, title);
    }
}
