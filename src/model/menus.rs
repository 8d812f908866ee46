//! Menus from `site.toml` (`[[menu.main]]`), each entry's URL resolved: `@/` names a content
//! file, as in bodies. Without a `main` menu the site gets the sections' one.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::Site;
use crate::config::{CONFIG_FILE, MenuEntry};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// One entry of a menu, ready for templates.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct MenuItem {
    pub name: String,
    pub url: String,
}

/// The menu a site has without `[[menu.main]]`: its sections.
const DEFAULT_MAIN: [(&str, &str); 4] = [
    ("Briefings", "/briefings/"),
    ("Articles", "/articles/"),
    ("Topics", "/topics/"),
    ("People", "/people/"),
];

/// Every menu with its entries in order, URLs resolved against `site`'s documents; an entry
/// naming no document, or with a URL that is not one, is an error at its `url`.
pub(super) fn menus(site: &Site, problems: &mut Diagnostics) -> BTreeMap<String, Vec<MenuItem>> {
    let files = site.content_urls();
    let mut menus: BTreeMap<String, Vec<MenuItem>> = site
        .config
        .menu
        .iter()
        .map(|(name, entries)| {
            let mut entries: Vec<&MenuEntry> = entries.iter().collect();
            entries.sort_by_key(|entry| entry.weight);
            let items = entries
                .into_iter()
                .filter_map(|entry| match resolve(entry.url.get_ref(), &files) {
                    Ok(url) => Some(MenuItem {
                        name: entry.name.clone(),
                        url,
                    }),
                    Err(message) => {
                        let (line, column) = entry.url_at;
                        problems.push(
                            Diagnostic::error("menu", message)
                                .in_file(CONFIG_FILE)
                                .at(line, column),
                        );
                        None
                    }
                })
                .collect();
            (name.clone(), items)
        })
        .collect();
    menus.entry("main".to_owned()).or_insert_with(|| {
        DEFAULT_MAIN
            .iter()
            .map(|(name, url)| MenuItem {
                name: (*name).to_owned(),
                url: (*url).to_owned(),
            })
            .collect()
    });
    menus
}

/// An entry's URL as templates link it, or what is wrong with it.
fn resolve(url: &str, files: &HashMap<&str, &str>) -> Result<String, String> {
    if let Some(path) = url.strip_prefix("@/") {
        let (path, fragment) = match path.split_once('#') {
            Some((path, fragment)) => (path, format!("#{fragment}")),
            None => (path, String::new()),
        };
        return match files.get(path) {
            Some(found) => Ok(format!("{found}{fragment}")),
            None => {
                let nearest = crate::util::suggest::nearest(path, files.keys().copied());
                let hint = nearest
                    .map(|near| format!(": did you mean `@/{near}`?"))
                    .unwrap_or_default();
                Err(format!("menu entry `{url}` names no content file{hint}"))
            }
        };
    }
    let allowed = ["/", "https://", "http://", "mailto:"];
    if allowed.iter().any(|start| url.starts_with(start)) && !url.starts_with("//") {
        Ok(url.to_owned())
    } else {
        Err(format!(
            "menu entry `{url}` is not a link: write a site path (`/briefings/`), an http(s) URL, or a content file (`@/pages/about.md`)"
        ))
    }
}
