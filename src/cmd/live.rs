//! What `brief serve` and `brief watch` share: printing each rebuild, and waiting for Ctrl-C.

use std::io::Write as _;
use std::path::Path;

use brief::diagnostics::Diagnostics;
use brief::serve::human_micros;
use brief::serve::incremental::Built;

use super::Verbosity;

/// Ctrl-C, or a polite kill.
pub(super) async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Print a good build: warnings, and one line.
pub(super) fn report_built(built: &Built, root: &Path, verbosity: Verbosity, rebuild: bool) {
    if verbosity.is_quiet() {
        return;
    }
    for warning in built.warnings.iter() {
        eprintln!("{}", warning.render_human(root));
    }
    if rebuild {
        println!(
            "Rebuilt in {}: {} content files read, {} output files changed, {} removed",
            human_micros(built.micros),
            built.files_read,
            built.changes.written.len(),
            built.changes.removed.len()
        );
    } else {
        println!(
            "Built {} files in {}",
            built.output.len(),
            human_micros(built.micros)
        );
    }
    if verbosity == Verbosity::Verbose {
        println!("Stages: {}", built.timings);
    }
    let _ = std::io::stdout().flush();
}

/// Print a failed build: every problem, then what happens now.
pub(super) fn report_failed(diagnostics: &Diagnostics, root: &Path) {
    for diagnostic in diagnostics.iter() {
        eprintln!("{}", diagnostic.render_human(root));
    }
    let errors = diagnostics.error_count();
    eprintln!(
        "error: {errors} error{} found; keeping the last good build until the files are fixed",
        if errors == 1 { "" } else { "s" }
    );
}
