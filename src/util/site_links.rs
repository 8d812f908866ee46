//! The site's own links inside generated HTML, rewritten where they leave the site: feed
//! readers and mail programs have no page to resolve `/articles/x/` against.

/// `html` with the value of every ` href="…"` and ` src="…"` that is a site path (`/…`, not
/// `//host`) or a fragment (`#…`) replaced by `map(value)`; every other value stays as it is.
pub fn map_site_links(html: &str, map: &dyn Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    while let Some(at) = next_value(rest) {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        let end = after.find('"').unwrap_or(after.len());
        let value = &after[..end];
        if is_site_link(value) {
            out.push_str(&map(value));
        } else {
            out.push_str(value);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Where the next `href` or `src` value starts.
fn next_value(html: &str) -> Option<usize> {
    [" href=\"", " src=\""]
        .iter()
        .filter_map(|needle| html.find(needle).map(|at| at + needle.len()))
        .min()
}

fn is_site_link(value: &str) -> bool {
    (value.starts_with('/') && !value.starts_with("//")) || value.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_paths_and_fragments_are_mapped_even_after_a_host_link() {
        let html = r##"<a href="//cdn.x/y">z</a> <a href="/a/">x</a> <img src="/i.png"> <a href="#f">f</a> <a href="https://o.org/">o</a>"##;
        assert_eq!(
            map_site_links(html, &|value| format!("[{value}]")),
            r##"<a href="//cdn.x/y">z</a> <a href="[/a/]">x</a> <img src="[/i.png]"> <a href="[#f]">f</a> <a href="https://o.org/">o</a>"##
        );
    }
}
