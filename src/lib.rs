//! brief: a static site generator for curated news briefings.
//!
//! The pipeline runs one way: config → content → model → render → output.

pub mod cmd;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod highlight;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
