//! Names of people and topics: every spelling an article may use, resolved to one entity.
//!
//! Profiles give an entity its canonical name and aliases; names without a profile become
//! entities of their own. Matching ignores case, diacritics and punctuation, so `Blinken`,
//! `BLINKEN` and `Blínken` are one key.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostics::Diagnostic;

/// The form names are compared in: ASCII-folded, lowercase, words separated by one space.
pub fn name_key(name: &str) -> String {
    let folded = deunicode::deunicode(name).to_lowercase();
    let mut key = String::with_capacity(folded.len());
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .map(|word| word.trim_matches('\''))
        .filter(|word| !word.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// A profile's claim on names, for building a registry.
#[derive(Debug, Clone)]
pub struct ProfileNames<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub aliases: &'a [String],
    /// The profile file, to position a clash of names.
    pub path: &'a std::path::Path,
}

/// Two profiles claim one name: the first keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameClash {
    /// The name as the second profile writes it.
    pub spelling: String,
    /// Whether the second profile writes it as its `name` or an `alias`.
    pub written_as: &'static str,
    /// The second profile's file.
    pub path: PathBuf,
    /// The name and file of the profile that has it, and as what.
    pub owner_name: String,
    pub owner_written_as: &'static str,
    pub owner_path: PathBuf,
}

/// Which profile claimed a name first, and as what.
struct Claim {
    path: PathBuf,
    written_as: &'static str,
}

impl NameClash {
    /// The clash as an error at the second profile (positioned by the model, which has its
    /// front matter).
    pub fn diagnostic(&self) -> Diagnostic {
        let owner = match self.owner_written_as {
            "name" => "the name",
            _ => "an alias",
        };
        Diagnostic::error(
            "duplicate-alias",
            format!(
                "{} `{}` of {} is already {owner} of {} in {}: a spelling can name one profile only",
                self.written_as,
                self.spelling,
                self.path.display(),
                self.owner_name,
                self.owner_path.display(),
            ),
        )
        .in_file(&self.path)
    }
}

/// Entity ids are indexes into `Registry::entities`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredName {
    pub slug: String,
    pub name: String,
    /// The index of the profile this entity came from, if any.
    pub profile: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub entities: Vec<RegisteredName>,
    by_key: HashMap<String, usize>,
    by_slug: HashMap<String, usize>,
    /// Names as written, resolved before: a site writes the same names thousands of times, and
    /// folding a name into its key is the costly part of resolving it.
    by_spelling: HashMap<String, usize, ahash::RandomState>,
}

impl Registry {
    /// A registry holding the profiles' names and aliases. Two profiles claiming one name is an
    /// error (the first keeps it).
    pub fn from_profiles<'a>(
        profiles: impl IntoIterator<Item = ProfileNames<'a>>,
    ) -> (Registry, Vec<NameClash>) {
        let mut registry = Registry::default();
        let mut clashes = Vec::new();
        let mut claimed: HashMap<String, Claim> = HashMap::new();
        let profiles: Vec<ProfileNames> = profiles.into_iter().collect();
        for (index, profile) in profiles.iter().enumerate() {
            registry.entities.push(RegisteredName {
                slug: profile.slug.to_owned(),
                name: profile.name.to_owned(),
                profile: Some(index),
            });
            registry.by_slug.insert(profile.slug.to_owned(), index);
        }
        // Every profile's own name first: an alias that is another profile's name is the
        // mistake, wherever the two files come in order.
        let names = profiles
            .iter()
            .enumerate()
            .map(|(id, p)| (id, p, "name", p.name));
        let aliases = profiles.iter().enumerate().flat_map(|(id, p)| {
            p.aliases
                .iter()
                .map(move |alias| (id, p, "alias", alias.as_str()))
        });
        for (id, profile, written_as, spelling) in names.chain(aliases) {
            let key = name_key(spelling);
            if key.is_empty() {
                continue;
            }
            match registry.by_key.get(&key) {
                Some(&other) if other != id => {
                    let owner = &claimed[&key];
                    clashes.push(NameClash {
                        spelling: spelling.to_owned(),
                        written_as,
                        path: profile.path.to_path_buf(),
                        owner_name: registry.entities[other].name.clone(),
                        owner_written_as: owner.written_as,
                        owner_path: owner.path.clone(),
                    });
                }
                Some(_) => {}
                None => {
                    registry.by_key.insert(key.clone(), id);
                    claimed.insert(
                        key,
                        Claim {
                            path: profile.path.to_path_buf(),
                            written_as,
                        },
                    );
                }
            }
        }
        (registry, clashes)
    }

    /// The entity a name means, if the registry knows it.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.by_key.get(&name_key(name)).copied()
    }

    /// The entity a name means, creating one when the name is new. A new name whose slug is
    /// taken joins the entity with that slug: one URL is one page. `None` for a name that has
    /// no letters or digits.
    pub fn resolve(&mut self, name: &str) -> Option<usize> {
        if let Some(&id) = self.by_spelling.get(name) {
            return Some(id);
        }
        let id = self.resolve_key(name)?;
        self.by_spelling.insert(name.to_owned(), id);
        Some(id)
    }

    fn resolve_key(&mut self, name: &str) -> Option<usize> {
        let key = name_key(name);
        if key.is_empty() {
            return None;
        }
        if let Some(&id) = self.by_key.get(&key) {
            return Some(id);
        }
        let slug = slug::slugify(&key);
        let id = *self.by_slug.entry(slug.clone()).or_insert_with(|| {
            self.entities.push(RegisteredName {
                slug,
                name: name.trim().to_owned(),
                profile: None,
            });
            self.entities.len() - 1
        });
        self.by_key.insert(key, id);
        Some(id)
    }

    /// Every spelling the registry knows with its entity, for matching names in text.
    pub fn spellings(&self) -> impl Iterator<Item = (&str, usize)> {
        self.by_key.iter().map(|(key, &id)| (key.as_str(), id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn registry() -> Registry {
        let aliases = vec!["Blinken".to_owned(), "Tony Blinken".to_owned()];
        let (registry, diagnostics) = Registry::from_profiles([ProfileNames {
            slug: "antony-blinken",
            name: "Antony Blinken",
            aliases: &aliases,
            path: Path::new("content/people/antony-blinken.md"),
        }]);
        assert!(diagnostics.is_empty());
        registry
    }

    #[test]
    fn keys_fold_case_diacritics_and_punctuation() {
        assert_eq!(name_key("  Antony   BLÍNKEN "), "antony blinken");
        assert_eq!(name_key("U.S."), "u s");
        assert_eq!(name_key("Sergei Ryabkov's"), "sergei ryabkov's");
    }

    #[test]
    fn aliases_resolve_to_the_profile() {
        let mut registry = registry();
        let id = registry.resolve("antony blinken").unwrap();
        assert_eq!(registry.resolve("Blinken"), Some(id));
        assert_eq!(registry.resolve("Antony Blínken"), Some(id));
        assert_eq!(registry.entities[id].slug, "antony-blinken");
    }

    #[test]
    fn new_names_become_entities_and_share_slugs() {
        let mut registry = registry();
        let putin = registry.resolve("Vladimir Putin").unwrap();
        assert_eq!(registry.entities[putin].name, "Vladimir Putin");
        assert_eq!(registry.resolve("vladimir-putin"), Some(putin));
        assert_eq!(registry.resolve("!!"), None);
    }

    #[test]
    fn two_profiles_claiming_one_alias() {
        let a = vec!["Tony".to_owned()];
        let (_, diagnostics) = Registry::from_profiles([
            ProfileNames {
                slug: "a",
                name: "A",
                aliases: &a,
                path: Path::new("a.md"),
            },
            ProfileNames {
                slug: "b",
                name: "B",
                aliases: &a,
                path: Path::new("b.md"),
            },
        ]);
        assert_eq!(
            diagnostics,
            [NameClash {
                spelling: "Tony".into(),
                written_as: "alias",
                path: "b.md".into(),
                owner_name: "A".into(),
                owner_written_as: "alias",
                owner_path: "a.md".into(),
            }]
        );
    }

    #[test]
    fn an_alias_that_is_a_later_profiles_name_is_the_alias_s_fault() {
        let aliases = vec!["Tony Blinken".to_owned()];
        let (_, clashes) = Registry::from_profiles([
            ProfileNames {
                slug: "anthony-black",
                name: "Anthony Black",
                aliases: &aliases,
                path: Path::new("content/people/anthony-black.md"),
            },
            ProfileNames {
                slug: "tony-blinken",
                name: "Tony Blinken",
                aliases: &[],
                path: Path::new("content/people/tony-blinken.md"),
            },
        ]);
        assert_eq!(clashes.len(), 1);
        assert_eq!(
            clashes[0].diagnostic().to_string(),
            "content/people/anthony-black.md: error: alias `Tony Blinken` of content/people/anthony-black.md is already the name of Tony Blinken in content/people/tony-blinken.md: a spelling can name one profile only"
        );
    }
}
