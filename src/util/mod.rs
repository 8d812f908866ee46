//! Bottom-level helpers that know nothing of the pipeline: escaping text for HTML and XML,
//! links under the site's base path, fingerprints, file writes that never leave half a file,
//! the gate for URLs that editors write, suggestions for misspelt names. Every layer may use
//! them; they use no other module of the crate.

pub mod escape;
pub mod fs;
pub mod hash;
pub mod href;
pub mod number;
pub mod site_links;
pub mod suggest;
pub mod typography;
pub mod urls;
pub mod words;
