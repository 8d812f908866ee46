//! A site's overrides of the default theme. A site uses brief's embedded templates, and so gets
//! their fixes, except for the templates it overrides in `templates/`. `brief theme eject NAME`
//! writes such an override with a first line recording the default it was copied from (a
//! fingerprint of its text); `brief check` compares that with the default brief has now and
//! notes an override whose default changed since, for the editor to carry the change over.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::inputs::{self, Folder, TEMPLATES_DIR};
use crate::render::templates::theme;
use crate::util::suggest;

/// How the marker line of an ejected template starts. It is a Tera comment, so the template
/// renders as it would without it.
const MARKER: &str = "{# ejected from brief's default theme, fingerprint ";
/// … and how it ends, for the editor who reads it.
const MARKER_END: &str =
    " (brief check notes when the default changes; keep this line, update it once merged) #}";

/// The default theme's templates, by name (`article.html`, `partials/pager.html`).
pub fn default_names() -> impl Iterator<Item = &'static str> {
    theme::TEMPLATES.iter().map(|(name, _)| *name)
}

/// The default template `name` means: its name as given, under `templates/`, or without
/// `.html`; else a message naming the nearest one.
pub fn find_default(name: &str) -> Result<&'static str, String> {
    let name = name.trim_start_matches("templates/");
    let with_html = format!("{name}.html");
    default_names()
        .find(|&known| known == name || known == with_html)
        .ok_or_else(|| {
            format!(
                "the default theme has no template `{name}`{} (`brief theme list` lists them)",
                suggest::did_you_mean(name, default_names())
            )
        })
}

/// The text of the default template `name`, as brief has it now.
fn default_text(name: &str) -> Option<&'static [u8]> {
    theme::TEMPLATES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, bytes)| *bytes)
}

/// A fingerprint of a template's text that every build of brief computes alike (64-bit
/// FNV-1a, in hexadecimal).
fn fingerprint(bytes: &[u8]) -> String {
    use std::hash::Hasher as _;
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(bytes);
    format!("{:016x}", hasher.finish())
}

/// The default template `name` (one of [`default_names`]) with its marker line first: what
/// `brief theme eject` writes.
pub fn ejected(name: &str) -> String {
    let bytes = default_text(name).expect("a name of the default theme");
    let text = String::from_utf8_lossy(bytes);
    format!("{MARKER}{}{MARKER_END}\n{text}", fingerprint(bytes))
}

/// The fingerprint a template's marker line records, if it has one.
fn recorded(text: &str) -> Option<&str> {
    let line = text.lines().next()?;
    let rest = line.strip_prefix(MARKER)?;
    rest.split_whitespace().next()
}

/// A note for each override in the site's `templates/` that was ejected from a default that has
/// changed since (or that brief no longer has).
pub fn stale_overrides(root: &Path) -> Diagnostics {
    let (files, _) = inputs::files(root, Folder::Templates, Path::new(TEMPLATES_DIR), |_| true);
    files.iter().filter_map(|file| stale(root, file)).collect()
}

/// The note for one override, if its default changed.
fn stale(root: &Path, file: &PathBuf) -> Option<Diagnostic> {
    let text = std::fs::read_to_string(root.join(file)).ok()?;
    let recorded = recorded(&text)?;
    let name = inputs::slash_path(Path::new(TEMPLATES_DIR), file);
    let message = match default_text(&name) {
        Some(bytes) if fingerprint(bytes) == recorded => return None,
        Some(bytes) => format!(
            "{} overrides the default theme's {name}, which has changed since it was ejected \
             (fingerprint {recorded}, now {}): `brief theme eject {name} --print` shows the new \
             default; carry its changes over, then copy its first line over this one",
            file.display(),
            fingerprint(bytes)
        ),
        None => format!(
            "{} was ejected from the default theme's {name}, which brief no longer has: \
             nothing renders it unless another template includes it",
            file.display()
        ),
    };
    Some(
        Diagnostic::note("stale-override", message)
            .in_file(file)
            .at(1, 1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ejected_template_records_the_default_it_came_from() {
        let text = ejected("base.html");
        let bytes = default_text("base.html").unwrap();
        assert_eq!(recorded(&text), Some(fingerprint(bytes).as_str()));
        assert!(text.ends_with(&*String::from_utf8_lossy(bytes)));
        assert_eq!(recorded("<p>{# not a marker #}</p>"), None);
    }

    #[test]
    fn fingerprints_are_fnv1a_and_the_same_everywhere() {
        assert_eq!(fingerprint(b""), "cbf29ce484222325");
        assert_eq!(fingerprint(b"a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn names_are_found_with_or_without_folder_and_extension() {
        assert_eq!(find_default("article.html"), Ok("article.html"));
        assert_eq!(find_default("templates/article.html"), Ok("article.html"));
        assert_eq!(find_default("article"), Ok("article.html"));
        assert_eq!(find_default("partials/pager"), Ok("partials/pager.html"));
        assert_eq!(
            find_default("artcle.html"),
            Err("the default theme has no template `artcle.html`: did you mean `article.html`? (`brief theme list` lists them)".to_owned())
        );
    }
}
