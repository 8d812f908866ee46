//! brief: a static site generator for curated news briefings.
//!
//! The pipeline runs one way: config → content → model → render → output. [`driver::Build`]
//! is that pipeline, for every command; the commands (the binary's) decide where its output goes.

pub mod check;
pub mod compose;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod driver;
pub mod evaluation;
pub mod highlight;
pub mod import;
pub mod inputs;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod serve;
pub mod theme;
pub mod util;

pub use driver::{Build, BuildOptions, Loaded, Rendered};

/// Wall-clock time per pipeline stage, in order.
#[derive(Debug, Clone, Default)]
pub struct Timings(pub Vec<(&'static str, std::time::Duration)>);

impl Timings {
    pub(crate) fn stage<T>(&mut self, name: &'static str, run: impl FnOnce() -> T) -> T {
        let start = std::time::Instant::now();
        let result = run();
        self.record(name, start);
        result
    }

    /// Record a stage that began at `start` and ends now.
    pub(crate) fn record(&mut self, name: &'static str, start: std::time::Instant) {
        self.0.push((name, start.elapsed()));
    }
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let stages: Vec<String> = self
            .0
            .iter()
            .map(|(name, took)| format!("{name} {:.1} ms", took.as_secs_f64() * 1000.0))
            .collect();
        f.write_str(&stages.join(", "))
    }
}
