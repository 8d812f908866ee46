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

/// A value hashed by its JSON form, for types that do not implement `Hash` (TOML tables with
/// floats in them) but serialise deterministically.
pub struct AsJson<'a, T>(pub &'a T);

impl<T: serde::Serialize> Hash for AsJson<'_, T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        struct Writer<'h, H>(&'h mut H);
        impl<H: Hasher> std::io::Write for Writer<'_, H> {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0.write(bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        // A value that cannot be serialised hashes as what was written of it.
        let _ = serde_json::to_writer(Writer(state), self.0);
    }
}
