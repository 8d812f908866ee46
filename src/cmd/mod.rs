//! One module per command; `main.rs` parses arguments and calls these.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod serve;
pub mod watch;
