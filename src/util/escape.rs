//! Text escaped for the context it is written into.

/// Text escaped for HTML element content and double-quoted attribute values (`&`, `<`, `>`,
/// `"`; and `'`, so that single-quoted attributes are safe too).
pub fn html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut rest = text;
    // pulldown-cmark's escaper leaves `'` alone: escape it in the gaps it leaves.
    while let Some(at) = rest.find('\'') {
        pulldown_cmark_escape::escape_html(&mut escaped, &rest[..at])
            .expect("writing to a String cannot fail");
        escaped.push_str("&#39;");
        rest = &rest[at + 1..];
    }
    pulldown_cmark_escape::escape_html(&mut escaped, rest)
        .expect("writing to a String cannot fail");
    escaped
}

/// Text escaped for XML content and attribute values. Characters XML 1.0 does not allow at all
/// (most control characters, which scraped text sometimes carries) are dropped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `%20` and friends decoded; invalid escapes are kept as written.
pub fn percent_decode(text: &str) -> Vec<u8> {
    percent_encoding::percent_decode_str(text).collect()
}

/// [`percent_decode`] as text, invalid UTF-8 replaced.
pub fn percent_decode_lossy(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_both_quotes() {
        assert_eq!(
            html(r#"<a href="x">Tom's & co</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;"
        );
        assert_eq!(html("plain"), "plain");
        assert_eq!(html("''"), "&#39;&#39;");
    }

    #[test]
    fn xml_escapes_markup_and_drops_characters_xml_forbids() {
        assert_eq!(
            xml("a < b & \"c\" 'd'"),
            "a &lt; b &amp; &quot;c&quot; &apos;d&apos;"
        );
        assert_eq!(xml("bell\u{7}\ttab"), "bell\ttab");
    }

    #[test]
    fn percent_decoding_keeps_invalid_escapes() {
        assert_eq!(
            percent_decode_lossy("my%20photo%C3%A9.jpg"),
            "my photoé.jpg"
        );
        assert_eq!(percent_decode_lossy("100%"), "100%");
        assert_eq!(percent_decode("%zz%41"), b"%zzA");
    }
}
