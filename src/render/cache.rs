//! What a render reuses from the one before: every result is looked up by the fingerprint of the
//! input it is made from, so a result can only be reused for the same input.
//!
//! Two pieces make that hold by construction rather than by care:
//! - [`Keyed`] values (an article's card, its rendered Markdown, a feed entry) are made from a
//!   typed source by a plain function, which can read nothing but the source, and carry the
//!   source's fingerprint; hashing a `Keyed` hashes that fingerprint.
//! - Output files are rendered from an input struct alone (see [`super::artifact`]); the file's
//!   key is the hash of that struct, which holds `Keyed` values for what is costly to hash.
//!
//! One eviction rule for every cache: after a render, a cache holds exactly what that render
//! used (looked up, or made anew). A cache made with [`Cache::forgetful`] (a one-off
//! `brief build` or `brief check`) keeps nothing.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use tera::Value;

use crate::markdown::Rendered;
use crate::util::hash::fingerprint_of;

/// A value with the fingerprint of the source it was made from.
#[derive(Debug, Clone)]
pub struct Keyed<V> {
    key: u64,
    value: V,
}

impl<V> Keyed<V> {
    pub fn key(&self) -> u64 {
        self.key
    }

    pub fn value(&self) -> &V {
        &self.value
    }
}

impl<V> Keyed<V> {
    /// The value `make` makes of `source`. `make` is a function, not a closure: the value can
    /// depend on nothing but the source, so the key cannot go stale.
    pub fn new<S: Hash>(source: &S, make: fn(&S) -> V) -> Keyed<V> {
        Keyed {
            key: key_of(source),
            value: make(source),
        }
    }
}

impl<V: Clone> Keyed<V> {
    /// [`Keyed::new`], reused from `cache` when an earlier render made it of an equal source.
    pub fn make<S: Hash>(source: &S, make: fn(&S) -> V, cache: &Cache<V>) -> Keyed<V> {
        let key = key_of(source);
        let value = cache.get(key).unwrap_or_else(|| make(source));
        Keyed { key, value }
    }
}

/// The fingerprint of a source, told apart from equal-looking sources of other types.
fn key_of<S: Hash>(source: &S) -> u64 {
    fingerprint_of(&(std::any::type_name::<S>(), source))
}

impl<V> Hash for Keyed<V> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

/// A keyed value made from its source on first use, shared by the files that use it, and
/// dropped after the last of them: a person's dossier is shown on each page of their list,
/// and making it walks all their articles.
pub struct Shared<S, V> {
    key: u64,
    source: S,
    value: Mutex<Option<V>>,
    uses_left: AtomicUsize,
}

impl<S: Hash, V: Clone> Shared<S, V> {
    /// A value made of `source` when first asked for, at most `uses` times.
    pub fn new(source: S, uses: usize) -> Shared<S, V> {
        Shared {
            key: key_of(&source),
            source,
            value: Mutex::new(None),
            uses_left: AtomicUsize::new(uses),
        }
    }

    /// The value `make` makes of the source (a function, so that it can read nothing else).
    pub fn get(&self, make: fn(&S) -> V) -> V {
        let mut held = self.value.lock().expect("no panics while holding it");
        let value = held.get_or_insert_with(|| make(&self.source)).clone();
        if self.uses_left.fetch_sub(1, Ordering::Relaxed) == 1 {
            *held = None;
        }
        value
    }
}

impl<S, V> Hash for Shared<S, V> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

/// Results by the fingerprint of their input.
#[derive(Debug)]
pub struct Cache<V> {
    entries: HashMap<u64, Kept<V>, ahash::RandomState>,
    /// The render under way: entries it looks up are marked with it, and after it only those
    /// marked, and what it made anew, are kept.
    render: u64,
    /// False for a cache that keeps nothing (a one-off build has no next render to serve).
    remembers: bool,
}

#[derive(Debug)]
struct Kept<V> {
    value: V,
    /// The last render that used it.
    used: AtomicU64,
}

impl<V: Clone> Cache<V> {
    /// A cache that keeps what each render used, for the next.
    pub fn remembering() -> Cache<V> {
        Cache {
            entries: HashMap::default(),
            render: 0,
            remembers: true,
        }
    }

    /// A cache that keeps nothing.
    pub fn forgetful() -> Cache<V> {
        Cache {
            entries: HashMap::default(),
            render: 0,
            remembers: false,
        }
    }

    /// The value an earlier render made for `key`; this render uses it.
    pub fn get(&self, key: u64) -> Option<V> {
        let kept = self.entries.get(&key)?;
        kept.used.store(self.render, Ordering::Relaxed);
        Some(kept.value.clone())
    }

    /// Whether an earlier render made a value for `key` (without using it).
    pub fn has(&self, key: u64) -> bool {
        self.entries.contains_key(&key)
    }

    /// Whether [`Cache::keep`] would take a value made anew for `key`: a forgetful cache takes
    /// none, so the caller need not make (or read back) what it would hand in.
    pub fn wants(&self, key: u64) -> bool {
        self.remembers && !self.has(key)
    }

    /// End a render: keep the values it made anew (`fresh`; values it looked up are marked
    /// already) and drop every value it did not use.
    pub fn keep(&mut self, fresh: impl IntoIterator<Item = (u64, V)>) {
        if !self.remembers {
            return;
        }
        let render = self.render;
        for (key, value) in fresh {
            let kept = self.entries.entry(key).or_insert_with(|| Kept {
                value,
                used: AtomicU64::new(render),
            });
            *kept.used.get_mut() = render;
        }
        self.entries
            .retain(|_, kept| *kept.used.get_mut() == render);
        self.render += 1;
    }

    /// [`Cache::keep`] for `Keyed` values, all of them used by the render.
    pub fn keep_keyed<'a>(&mut self, used: impl IntoIterator<Item = &'a Keyed<V>>)
    where
        V: 'a,
    {
        self.keep(
            used.into_iter()
                .map(|keyed| (keyed.key, keyed.value.clone())),
        );
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Every cache of a render.
#[derive(Debug)]
pub struct Caches {
    pub markdown: Cache<Arc<Rendered>>,
    pub cards: Cache<Value>,
    pub feed_entries: Cache<Arc<super::feeds::Entry>>,
    pub search_entries: Cache<Arc<crate::render::search::Entry>>,
    /// Output files by the fingerprint of their input.
    pub files: Cache<Bytes>,
}

impl Caches {
    /// Caches for a site that is rendered again and again (`brief serve`, `brief watch`).
    pub fn remembering() -> Caches {
        Caches {
            markdown: Cache::remembering(),
            cards: Cache::remembering(),
            feed_entries: Cache::remembering(),
            search_entries: Cache::remembering(),
            files: Cache::remembering(),
        }
    }

    /// Caches that keep nothing, for a render done once.
    pub fn forgetful() -> Caches {
        Caches {
            markdown: Cache::forgetful(),
            cards: Cache::forgetful(),
            feed_entries: Cache::forgetful(),
            search_entries: Cache::forgetful(),
            files: Cache::forgetful(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Hash)]
    struct Source<'a> {
        title: &'a str,
        count: usize,
    }

    fn shout(source: &Source) -> String {
        format!("{}!{}", source.title.to_uppercase(), source.count)
    }

    #[test]
    fn a_value_is_reused_only_for_an_equal_source() {
        let mut cache = Cache::remembering();
        let first = Keyed::make(
            &Source {
                title: "a",
                count: 1,
            },
            shout,
            &cache,
        );
        // A different value kept for the same key is what comes back: proof of reuse.
        cache.keep([(first.key(), "reused".to_owned())]);
        let again = Keyed::make(
            &Source {
                title: "a",
                count: 1,
            },
            shout,
            &cache,
        );
        assert_eq!(again.value(), "reused");
        let other = Keyed::make(
            &Source {
                title: "a",
                count: 2,
            },
            shout,
            &cache,
        );
        assert_eq!(other.value(), "A!2");
        assert_ne!(other.key(), first.key());
    }

    #[test]
    fn a_cache_holds_what_the_last_render_used_and_a_forgetful_one_nothing() {
        let mut cache = Cache::remembering();
        cache.keep([(1, 'a'), (2, 'b'), (3, 'c')]);
        // The next render looks up 2 and makes 4 anew: 1 and 3 go.
        assert_eq!(cache.get(2), Some('b'));
        cache.keep([(4, 'd')]);
        assert_eq!(
            (cache.has(1), cache.has(2), cache.has(3), cache.has(4)),
            (false, true, false, true)
        );
        assert!(!cache.wants(2) && cache.wants(5));
        let mut forgetful = Cache::forgetful();
        assert!(!forgetful.wants(1));
        forgetful.keep([(1, 'a')]);
        assert!(forgetful.is_empty());
    }
}
