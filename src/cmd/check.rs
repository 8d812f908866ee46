//! `brief check`: run the whole pipeline in memory, write nothing, and report every problem of
//! the site at once, with the editorial rules of [`crate::check`] on top.

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::render::Memory;
use crate::render::cache::Caches;
use crate::{Build, BuildOptions};

/// What a check found.
#[derive(Debug)]
pub struct CheckReport {
    /// Every problem, sorted; with `strict`, warnings are already errors.
    pub diagnostics: Diagnostics,
    /// How many files a build would write (0 when rendering could not start).
    pub files: usize,
}

impl CheckReport {
    /// Whether the site passes: no errors.
    pub fn passed(&self) -> bool {
        !self.diagnostics.has_errors()
    }

    /// `Checked 47 files: 2 errors, 1 warning`.
    pub fn line(&self) -> String {
        let plural = |count: usize, word: &str| {
            format!("{count} {word}{}", if count == 1 { "" } else { "s" })
        };
        format!(
            "Checked {}: {}, {}",
            plural(self.files, "file"),
            plural(self.diagnostics.error_count(), "error"),
            plural(self.diagnostics.warning_count(), "warning"),
        )
    }
}

/// Check the site at `root`. `strict` makes every warning an error.
pub fn run(root: &Path, options: &BuildOptions, strict: bool) -> CheckReport {
    let build = match Build::new(root, options) {
        Ok(build) => build,
        Err(diagnostics) => {
            return CheckReport {
                diagnostics,
                files: 0,
            };
        }
    };
    let rendered = build
        .load()
        .render(&Memory::default(), &mut Caches::forgetful());
    let mut diagnostics = rendered.problems;
    diagnostics.extend(crate::check::lint(&rendered.site, root));
    let mut diagnostics = diagnostics.sorted();
    if strict {
        diagnostics = diagnostics.strict();
    }
    CheckReport {
        diagnostics,
        files: rendered.paths.len(),
    }
}
