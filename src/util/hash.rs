//! Fingerprints: 64-bit hashes of values, equal within one process for equal values.

use std::hash::{BuildHasher, Hash, Hasher};

/// A fresh hasher with fixed keys: fingerprints only need to agree within one process, and
/// aHash is several times faster than SipHash on the long texts hashed here.
pub fn hasher() -> impl Hasher {
    ahash::RandomState::with_seeds(0x6272, 0x6965, 0x66, 0x2e).build_hasher()
}

/// The fingerprint of one hashable value.
pub fn fingerprint_of(value: &(impl Hash + ?Sized)) -> u64 {
    let mut hasher = hasher();
    value.hash(&mut hasher);
    hasher.finish()
}
