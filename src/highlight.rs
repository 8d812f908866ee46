//! Syntax highlighting for fenced code blocks.
//!
//! Code is marked up with CSS classes rather than inline styles, so every page
//! shares one generated stylesheet and switching themes never means
//! re-rendering content.

use std::sync::LazyLock;

use crate::util::escape::html as escape_html;

use syntect::highlighting::{Color, ThemeSet};
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Prefixed so syntect's scope classes (`string`, `comment`, …) cannot collide
/// with the site's own CSS.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Deserialising the bundled grammars takes noticeable time, so it happens on
/// first use: sites without code blocks never pay for it.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Kept for the whole process so [`theme_names`] can hand out `'static` names.
static THEMES: LazyLock<ThemeSet> = LazyLock::new(ThemeSet::load_defaults);

/// The requested highlight theme is not one of syntect's bundled themes.
#[derive(Debug, thiserror::Error)]
#[error("unknown highlight theme `{name}`; known themes: {known}")]
pub struct UnknownTheme {
    pub name: String,
    /// The known theme names, comma-separated, for the error message.
    pub known: String,
}

/// Highlight `code` written in `lang` (a fence info string's first word;
/// unknown or empty → plain, escaped).
///
/// Returns `<pre class="code" data-lang="LANG"><code>…classed spans…</code></pre>`,
/// with `data-lang` omitted when `lang` is empty.
pub fn highlight(code: &str, lang: &str) -> String {
    let body = classed_spans(code, lang).unwrap_or_else(|| escape_html(code));
    if lang.is_empty() {
        format!(r#"<pre class="code"><code>{body}</code></pre>"#)
    } else {
        let lang = escape_html(lang);
        format!(r#"<pre class="code" data-lang="{lang}"><code>{body}</code></pre>"#)
    }
}

/// Classed HTML for `code`, or `None` when `lang` names no known syntax or
/// the grammar fails on this input (the caller then shows it plain).
fn classed_spans(code: &str, lang: &str) -> Option<String> {
    // Checked first so that code without a language never loads the syntax set.
    if lang.is_empty() {
        return None;
    }
    let syntaxes = &*SYNTAXES;
    let syntax = syntaxes.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// CSS for `theme` (a syntect default theme name, e.g. `"InspiredGitHub"`,
/// `"base16-ocean.dark"`) matching the classes [`highlight`] emits.
pub fn stylesheet(theme: &str) -> Result<String, UnknownTheme> {
    let found = THEMES.themes.get(theme).ok_or_else(|| UnknownTheme {
        name: theme.to_owned(),
        known: theme_names().join(", "),
    })?;
    // syntect puts the theme's base colours on `.hl-code`, a class our markup
    // does not use (the block is `pre.code`, a stable hook for site CSS), so
    // the same colours are stated for `pre.code` ahead of the generated rules.
    let mut css = String::from("pre.code {\n");
    if let Some(color) = found.settings.foreground {
        css.push_str(&format!(" color: {};\n", hex(color)));
    }
    if let Some(color) = found.settings.background {
        css.push_str(&format!(" background-color: {};\n", hex(color)));
    }
    css.push_str("}\n\n");
    let generated = css_for_theme_with_class_style(found, CLASS_STYLE)
        .expect("syntect only fails when formatting into the String fails, which it cannot");
    css.push_str(&generated);
    Ok(css)
}

/// Names of the bundled themes, sorted.
pub fn theme_names() -> Vec<&'static str> {
    // `themes` is a BTreeMap, so its keys are already sorted.
    THEMES.themes.keys().map(String::as_str).collect()
}

fn hex(color: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", color.r, color.g, color.b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_prefixed_classes_and_escapes() {
        let html = highlight("fn main() { let x = 1 < 2; }\n", "rust");
        assert!(html.starts_with(r#"<pre class="code" data-lang="rust"><code>"#));
        assert!(html.ends_with("</code></pre>"));
        assert!(html.contains(r#"class="hl-"#), "{html}");
        assert!(html.contains("&lt;"), "{html}");
        assert!(!html.contains("1 < 2"), "{html}");
    }

    #[test]
    fn empty_language_is_plain_and_has_no_data_lang() {
        let html = highlight("<b>&</b>\n", "");
        assert_eq!(
            html,
            "<pre class=\"code\"><code>&lt;b&gt;&amp;&lt;/b&gt;\n</code></pre>"
        );
    }

    #[test]
    fn unknown_language_is_plain_but_keeps_data_lang() {
        let html = highlight("a < b\n", "no-such-lang\"x");
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"no-such-lang&quot;x\"><code>a &lt; b\n</code></pre>"
        );
    }

    #[test]
    fn stylesheet_targets_the_emitted_classes() {
        let css = stylesheet("InspiredGitHub").unwrap();
        assert!(css.starts_with("pre.code {\n"), "{css}");
        assert!(css.contains(".hl-"), "{css}");
        assert!(css.contains("background-color: #"), "{css}");
    }

    #[test]
    fn unknown_theme_lists_known_ones() {
        let err = stylesheet("nope").unwrap_err();
        assert_eq!(err.name, "nope");
        let message = err.to_string();
        assert!(message.starts_with("unknown highlight theme `nope`; known themes: "));
        assert!(message.contains("base16-ocean.dark"), "{message}");
    }

    #[test]
    fn theme_names_are_sorted_and_usable() {
        let names = theme_names();
        assert!(names.is_sorted());
        assert!(names.contains(&"InspiredGitHub"));
        for name in names {
            assert!(stylesheet(name).is_ok(), "{name}");
        }
    }
}
