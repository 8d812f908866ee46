//! The one gate for URLs that editors write outside Markdown bodies: front matter (`source.url`,
//! `media[].src`) and `site.toml` (`base_url`, `extra.stylesheets`). Only links that cannot run
//! script pass: `http`, `https` and `mailto` URLs, relative URLs and `@/` content links.
//! Everything else (`javascript:`, `data:`, `vbscript:`, any other scheme) is refused with a
//! reason, for the caller to report at the value's position. Bodies have their own, wider
//! allow-list ([`BODY_SCHEMES`], applied in `crate::markdown`): a link with any other scheme
//! there becomes `#`.

/// The schemes a link or image in a Markdown body may have, besides relative URLs: each opens a
/// page, a message, a call, a chat or a download, and none runs script in the page (imported
/// news text links with more of them than front matter needs).
pub const BODY_SCHEMES: [&str; 14] = [
    "http", "https", "mailto", "tel", "sms", "ftp", "sftp", "irc", "ircs", "xmpp", "geo", "news",
    "webcal", "magnet",
];

/// Why a URL is refused.
pub type Refusal = String;

/// Accept a link an editor wrote: `http(s)://…`, `mailto:…`, a relative URL or an `@/` link.
pub fn check_link(url: &str) -> Result<(), Refusal> {
    if url.is_empty() {
        return Err("the URL is empty".to_owned());
    }
    check_characters(url)?;
    match scheme(url) {
        None => Ok(()),
        Some(scheme) if scheme.eq_ignore_ascii_case("mailto") => Ok(()),
        Some(scheme)
            if ["http", "https"]
                .iter()
                .any(|allowed| scheme.eq_ignore_ascii_case(allowed)) =>
        {
            check_http(url)
        }
        Some(scheme) => Err(format!(
            "`{scheme}:` URLs are not allowed: use an http, https or mailto URL, a relative URL or an @/ link"
        )),
    }
}

/// Accept the site's base URL: an absolute `http(s)://host[/path]` URL, without query or
/// fragment (page paths are appended to it).
pub fn check_base_url(url: &str) -> Result<(), Refusal> {
    check_characters(url)?;
    let absolute = scheme(url).is_some_and(|s| s == "http" || s == "https");
    if !absolute {
        return Err("it must be an absolute http or https URL such as https://example.org".into());
    }
    check_http(url)?;
    if url.contains(['?', '#']) {
        return Err("it may not have a query (`?`) or fragment (`#`)".into());
    }
    Ok(())
}

/// Browsers drop tabs and newlines inside URLs and spaces around them (`java\tscript:` is
/// `javascript:`), so the scheme an editor sees may not be the one a browser follows: such
/// URLs are refused, as are characters that have no place in a URL at all.
fn check_characters(url: &str) -> Result<(), Refusal> {
    if url.trim() != url {
        return Err("the URL starts or ends with spaces".into());
    }
    match url
        .chars()
        .find(|&c| c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'))
    {
        Some(c) => Err(format!("the URL holds the character {c:?}")),
        None => Ok(()),
    }
}

/// An `http(s):` URL must name a host.
fn check_http(url: &str) -> Result<(), Refusal> {
    let (_, rest) = url.split_once(':').unwrap_or_default();
    let host = rest
        .strip_prefix("//")
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
    match host {
        Some(host) if !host.is_empty() && !host.contains(' ') => Ok(()),
        _ => Err("an http or https URL must name a host: `https://example.org/…`".into()),
    }
}

/// The scheme of `url`, if it has one (RFC 3986: a letter, then letters, digits, `+`, `-` or
/// `.`, before the first `:`); an `@/` link and a relative URL have none.
pub fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_that_cannot_run_script_pass() {
        for good in [
            "https://example.org/a?b=c#d",
            "HTTP://EXAMPLE.ORG",
            "mailto:desk@example.org",
            "/images/a.jpg",
            "../b/",
            "photo.jpg",
            "#section",
            "?page=2",
            "//cdn.example/x.css",
            "@/articles/geneva.md#top",
            "2022:a",
        ] {
            assert_eq!(check_link(good), Ok(()), "{good}");
        }
        assert!(
            check_link("a:b/c").is_err(),
            "a: is a scheme, and not an allowed one"
        );
    }

    #[test]
    fn everything_else_is_refused() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            " javascript:alert(1)",
            "javascript\n:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "ftp://example.org",
            "https:alert(1)",
            "http://",
            "a\"onmouseover=\"alert(1)",
            "",
        ] {
            assert!(check_link(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_base_url_is_an_absolute_http_url() {
        for good in [
            "https://example.org",
            "http://127.0.0.1:1111",
            "https://a.example/news/",
            "http://[::1]:8080",
        ] {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
        for bad in [
            "/",
            "",
            "example.org",
            "https://x.example/\"><script>",
            "https://",
            "javascript:alert(1)",
            "https://x.example/?a",
            "https://x.example/#a",
            "https://x .example",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad:?}");
        }
    }
}
