//! Plain text with the typographer's quotes, as Markdown's smart punctuation gives bodies: titles
//! and summaries written in front matter then read like the text beside them.

use std::borrow::Cow;

/// `text` with straight quotes and apostrophes made curly: `'` after a letter or digit is an
/// apostrophe or closing quote (’), elsewhere an opening one (‘); `"` opens (“) at the start or
/// after a space or opening bracket, and closes (”) elsewhere.
pub fn smart_quotes(text: &str) -> Cow<'_, str> {
    if !text.contains(['\'', '"']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut before: Option<char> = None;
    for c in text.chars() {
        let opens = before.is_none_or(|b| b.is_whitespace() || "([{“‘—–-/".contains(b));
        out.push(match (c, opens) {
            ('\'', true) => '‘',
            ('\'', false) => '’',
            ('"', true) => '“',
            ('"', false) => '”',
            (other, _) => other,
        });
        before = Some(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_apostrophes_curl() {
        assert_eq!(smart_quotes("the editor's notes"), "the editor’s notes");
        assert_eq!(
            smart_quotes("He said \"no\" ('never')."),
            "He said “no” (‘never’)."
        );
        assert_eq!(smart_quotes("'90s rock"), "‘90s rock");
        assert!(matches!(smart_quotes("plain"), Cow::Borrowed(_)));
        assert_eq!(smart_quotes("“already” curly’s"), "“already” curly’s");
    }
}
