//! What an earlier render produced, reused by the next one when its inputs are unchanged.
//!
//! `brief serve` and `brief watch` keep a [`Memo`] between rebuilds: a page is rendered again
//! only when the fingerprint of its template set and of every value its template receives
//! differs from last time, and a Markdown text only when its inputs differ. Because the
//! fingerprint covers the whole context, a rebuild cannot differ from a full build: a page that
//! would render differently has a different context.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::util::hash::hasher;

use bytes::Bytes;
use serde::Serialize;
use tera::{Context, Value};

use super::documents::MarkdownMemo;

#[derive(Debug, Default)]
pub struct Memo {
    pub markdown: MarkdownMemo,
    pub cards: super::views::CardMemo,
    /// Output path → (fingerprint, rendered bytes).
    pub pages: PageMemo,
    pub feeds: super::feeds::FeedMemo,
    pub search: super::search::SearchMemo,
}

/// Rendered pages by output path, hashed with aHash: SipHash on every path of a large site
/// showed in rebuild profiles.
pub type PageMemo = HashMap<String, (u64, Bytes), ahash::RandomState>;

/// The variables of one page, kept as values until they are fingerprinted and handed to Tera.
/// Each variable may come with its fingerprint already known (lists of article cards, whose
/// fingerprints are computed once per build), so shared values are not walked once per page.
#[derive(Default)]
pub struct PageValues(Vec<(&'static str, Value, Option<u64>)>);

impl PageValues {
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.0.push((key, Value::from_serializable(value), None));
    }

    pub fn insert_value(&mut self, key: &'static str, value: Value) {
        self.0.push((key, value, None));
    }

    /// A variable whose fingerprint the caller knows: it must change whenever the value does.
    pub fn insert_fingerprinted(&mut self, key: &'static str, value: Value, fingerprint: u64) {
        self.0.push((key, value, Some(fingerprint)));
    }

    pub fn into_context(self) -> Context {
        let mut context = Context::new();
        for (key, value, _) in self.0 {
            context.insert_value(key, value);
        }
        context
    }

    /// A hash of every variable with `seed` (the template set's fingerprint).
    pub fn fingerprint(&self, seed: u64) -> u64 {
        let mut total = seed;
        for (key, value, known) in &self.0 {
            let mut hasher = hasher();
            key.hash(&mut hasher);
            match known {
                Some(fingerprint) => fingerprint.hash(&mut hasher),
                None => hash_value(value, &mut hasher),
            }
            total = total.wrapping_add(hasher.finish());
        }
        total
    }
}

/// The fingerprint of one Tera value.
pub fn value_hash(value: &Value) -> u64 {
    let mut hasher = hasher();
    hash_value(value, &mut hasher);
    hasher.finish()
}

/// Hash a Tera value by content. Map entries are combined independently of their order, which
/// Tera's maps do not keep stable.
fn hash_value(value: &Value, hasher: &mut impl Hasher) {
    std::mem::discriminant(&value.kind()).hash(hasher);
    if let Some(map) = value.as_map() {
        let mut sum = 0u64;
        for (key, item) in map {
            let mut entry = self::hasher();
            key.hash(&mut entry);
            hash_value(item, &mut entry);
            sum = sum.wrapping_add(entry.finish());
        }
        (map.len(), sum).hash(hasher);
    } else if let Some(items) = value.as_array() {
        items.len().hash(hasher);
        for item in items {
            hash_value(item, hasher);
        }
    } else if let Some(text) = value.as_str() {
        (text, value.is_safe()).hash(hasher);
    } else if let Some(number) = value.as_i128() {
        number.hash(hasher);
    } else if let Some(number) = value.as_u128() {
        number.hash(hasher);
    } else if let Some(number) = value.as_f64() {
        number.to_bits().hash(hasher);
    } else if let Some(flag) = value.as_bool() {
        flag.hash(hasher);
    } else {
        // None, undefined, bytes: the discriminant, plus the text form for anything else.
        value.to_string().hash(hasher);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fingerprint(build: impl Fn(&mut PageValues)) -> u64 {
        let mut values = PageValues::default();
        build(&mut values);
        values.fingerprint(7)
    }

    #[test]
    fn equal_contexts_match_and_any_difference_shows() {
        let page = |title: &str, safe: bool| {
            let title = title.to_owned();
            move |values: &mut PageValues| {
                let mut map = tera::Map::new();
                map.insert("title".into(), Value::from(title.as_str()));
                map.insert("n".into(), Value::from(3));
                values.insert_value("article", Value::from(map));
                let body = if safe {
                    Value::safe_string("<b>x</b>")
                } else {
                    Value::from("<b>x</b>")
                };
                values.insert_value("body", body);
                values.insert("list", &[1, 2]);
            }
        };
        assert_eq!(fingerprint(page("A", true)), fingerprint(page("A", true)));
        assert_ne!(fingerprint(page("A", true)), fingerprint(page("B", true)));
        assert_ne!(fingerprint(page("A", true)), fingerprint(page("A", false)));
        assert_ne!(
            fingerprint(|v| v.insert("list", &[1, 2])),
            fingerprint(|v| v.insert("list", &[2, 1]))
        );
        assert_ne!(
            fingerprint(|v| v.insert("a", &1)),
            fingerprint(|v| v.insert("b", &1))
        );
    }
}
