//! One type for every problem a build, check or import finds: where it is, how bad, and what.
//!
//! The library collects diagnostics instead of stopping at the first one, so that an editor sees
//! every mistake of a batch in one run; the binary prints them.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Worth knowing, never a failure, not even with `--strict` (an embargoed article).
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file the problem is in, relative to the site root where possible.
    pub file: Option<PathBuf>,
    /// 1-based; 0 when the problem has no position inside the file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    /// A stable, short machine-readable name such as `front-matter` or `unknown-article`.
    pub code: &'static str,
    pub message: String,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            line: 0,
            column: 0,
            code,
            message: message.into(),
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn note(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, as far as it is known.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?.display().to_string();
        Some(match (self.line, self.column) {
            (0, _) => file,
            (line, 0) => format!("{file}:{line}"),
            (line, column) => format!("{file}:{line}:{column}"),
        })
    }

    /// The human form with a source excerpt, as compilers print it. `root` is where relative
    /// file names are read from; the excerpt is skipped when the file cannot be read.
    pub fn render_human(&self, root: &Path) -> String {
        use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let title = format!("{} [{}]", self.message, self.code);
        let excerpt = self
            .file
            .as_ref()
            .filter(|_| self.line > 0)
            .and_then(|file| {
                let text = std::fs::read_to_string(root.join(file)).ok()?;
                let line_text = text.lines().nth(self.line - 1)?.to_owned();
                Some((file.display().to_string(), line_text))
            });
        let Some((path, line_text)) = excerpt else {
            return match self.location() {
                Some(location) => format!("{}: {location}: {}", self.severity, title),
                None => format!("{}: {}", self.severity, title),
            };
        };
        // Point at the column (a character count) as a byte span of one character.
        let start = line_text
            .char_indices()
            .nth(self.column.saturating_sub(1))
            .map_or(line_text.len(), |(at, _)| at);
        let end = line_text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
        let report = &[level.primary_title(&title).element(
            Snippet::source(&line_text)
                .line_start(self.line)
                .path(path)
                .annotation(AnnotationKind::Primary.span(start..end)),
        )];
        Renderer::plain().render(report).to_string()
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location() {
            Some(location) => write!(f, "{location}: {}: {}", self.severity, self.message),
            None => write!(f, "{}: {}", self.severity, self.message),
        }
    }
}

/// A batch of diagnostics, kept in a stable order (by file, then position) for reproducible output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    pub fn note_count(&self) -> usize {
        self.count(Severity::Note)
    }

    fn count(&self, severity: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == severity).count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        self.0.dedup();
        self
    }

    /// Turn every warning into an error (`--strict`); notes stay notes.
    pub fn strict(mut self) -> Self {
        for diagnostic in &mut self.0 {
            if diagnostic.severity == Severity::Warning {
                diagnostic.severity = Severity::Error;
            }
        }
        self
    }

    /// One JSON object per line, for other tools.
    pub fn to_json_lines(&self) -> String {
        self.0
            .iter()
            .map(|d| {
                let mut line = serde_json::to_string(d).expect("a diagnostic always serialises");
                line.push('\n');
                line
            })
            .collect()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// `bytes` as text, or an `encoding` error at the line and column of the first byte that is not
/// UTF-8 (the caller adds the file).
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|error| {
        let offset = error.valid_up_to();
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let (line, column) = line_column(valid, offset);
        Diagnostic::error(
            "encoding",
            format!("the file is not valid UTF-8 (invalid byte at offset {offset})"),
        )
        .at(line, column)
    })
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let text = "ab\ncé d\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 7), (2, 4));
    }

    #[test]
    fn display_names_file_line_and_column() {
        let d = Diagnostic::error("front-matter", "unknown field `foo`")
            .in_file("content/articles/a.md")
            .at(3, 1);
        assert_eq!(
            d.to_string(),
            "content/articles/a.md:3:1: error: unknown field `foo`"
        );
    }

    #[test]
    fn human_output_shows_the_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "---\ntitle: x\nfoo: 1\n---\n").unwrap();
        let d = Diagnostic::error("front-matter", "unknown field `foo`")
            .in_file("a.md")
            .at(3, 1);
        let text = d.render_human(dir.path());
        assert!(text.contains("a.md:3:1"), "{text}");
        assert!(text.contains("foo: 1"), "{text}");
    }

    #[test]
    fn json_lines_have_all_fields() {
        let d = Diagnostics::from_iter([Diagnostic::warning("x", "m").in_file("f").at(1, 2)]);
        let value: serde_json::Value = serde_json::from_str(d.to_json_lines().trim()).unwrap();
        assert_eq!(value["severity"], "warning");
        assert_eq!(value["file"], "f");
        assert_eq!(value["line"], 1);
        assert_eq!(value["column"], 2);
        assert_eq!(value["code"], "x");
    }
}
