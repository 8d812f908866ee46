//! `brief serve`: build, serve the site from memory over HTTP, watch its inputs, rebuild what
//! changed and reload open pages. A failed build keeps the last good site served and shows the
//! errors in every open page.

use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;

use tokio::sync::{broadcast, watch};

use super::Verbosity;
use crate::serve::http::{self, Shared, Snapshot};
use crate::serve::incremental::{Built, Incremental};
use crate::serve::reload::{ErrorReport, Event};
use crate::serve::watch::{Changes, Message, Watcher};
use crate::serve::{human_micros, rebuild_loop};
use crate::{BuildOptions, Error};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in a browser once it is ready.
    pub open: bool,
    /// Poll the files instead of using the system's change events.
    pub poll: bool,
    pub verbosity: Verbosity,
    pub build: BuildOptions,
}

/// Serve until Ctrl-C.
// Split when the command line moves into the binary.
#[allow(clippy::too_many_lines)]
pub fn run(root: &Path, options: ServeOptions) -> Result<(), Error> {
    let root = std::fs::canonicalize(root).map_err(|source| Error::Io {
        context: format!("cannot open the site folder {}", root.display()),
        source,
    })?;
    let address = SocketAddr::new(options.bind, options.port);
    let listener = std::net::TcpListener::bind(address).map_err(|source| {
        Error::Usage(format!(
            "cannot serve on {address}: {source}{}",
            if source.kind() == std::io::ErrorKind::AddrInUse {
                " (another server uses this port: pick another with --port, or --port 0 for any free one)"
            } else {
                ""
            }
        ))
    })?;
    listener.set_nonblocking(true).map_err(|source| Error::Io {
        context: "cannot set up the listening socket".into(),
        source,
    })?;
    let local = listener.local_addr().map_err(|source| Error::Io {
        context: "cannot read the listening address".into(),
        source,
    })?;
    let url = format!("http://{local}/");
    let mut build_options = options.build.clone();
    // Absolute links (canonical, feeds) point at this server, as the site is viewed here.
    build_options.overrides.base_url = Some(format!("http://{local}"));

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|source| Error::Io {
            context: "cannot start the server's runtime".into(),
            source,
        })?;

    let verbosity = options.verbosity;
    let quiet = verbosity.is_quiet();
    let mut incremental = Incremental::new(&root, build_options);
    let first = incremental.build(&Changes::everything());
    let (mut snapshot, output_dir) = match &first {
        Ok(built) => {
            report_built(built, &root, verbosity, false);
            (
                Snapshot {
                    build: 1,
                    output: Some(built.output.clone()),
                    error: None,
                },
                built.output_dir.clone(),
            )
        }
        Err(diagnostics) => {
            report_failed(diagnostics, &root);
            (
                Snapshot {
                    build: 0,
                    output: None,
                    error: Some(Arc::new(ErrorReport::new(diagnostics, &root))),
                },
                std::path::PathBuf::from("public"),
            )
        }
    };

    let (messages, received) = mpsc::channel();
    let mut watcher = Watcher::start(&root, &output_dir, options.poll, messages.clone())
        .map_err(|error| Error::Usage(error.0))?;
    let (snapshot_sender, snapshot_receiver) = watch::channel(Arc::new(snapshot.clone()));
    let (events, _) = broadcast::channel::<Event>(256);
    let (shutdown_sender, shutdown) = watch::channel(false);
    let shared = Shared {
        snapshot: snapshot_receiver,
        events: events.clone(),
        shutdown,
    };

    let builder = {
        let root = root.clone();
        std::thread::Builder::new()
            .name("brief-rebuild".into())
            .spawn(move || {
                rebuild_loop(&received, &mut watcher, |changes| {
                    let result = incremental.build(&changes);
                    match result {
                        Ok(built) => {
                            let recovered = snapshot.error.is_some();
                            report_built(&built, &root, verbosity, true);
                            if built.changes.is_empty() && !recovered {
                                return;
                            }
                            snapshot = Snapshot {
                                build: snapshot.build + 1,
                                output: Some(built.output.clone()),
                                error: None,
                            };
                            snapshot_sender.send_replace(Arc::new(snapshot.clone()));
                            let _ = events.send(Event::Reload {
                                build: snapshot.build,
                                written: built.changes.written.clone(),
                                removed: built.changes.removed.clone(),
                                all: recovered,
                            });
                        }
                        Err(diagnostics) => {
                            report_failed(&diagnostics, &root);
                            let report = Arc::new(ErrorReport::new(&diagnostics, &root));
                            snapshot.error = Some(report.clone());
                            snapshot_sender.send_replace(Arc::new(snapshot.clone()));
                            let _ = events.send(Event::Error(report));
                        }
                    }
                })
            })
            .map_err(|source| Error::Io {
                context: "cannot start the rebuild thread".into(),
                source,
            })?
    };

    println!("Serving on {url}");
    let _ = std::io::stdout().flush();
    if options.open {
        open_browser(&url);
    }

    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let stop = async move {
            stop_signal().await;
            let _ = shutdown_sender.send(true);
            let _ = messages.send(Message::Stop);
        };
        axum::serve(listener, http::router(shared))
            .with_graceful_shutdown(stop)
            .await
    });
    let rebuilt = builder.join();
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    served.map_err(|source| Error::Io {
        context: "the server failed".into(),
        source,
    })?;
    match rebuilt {
        Ok(Ok(())) => {
            if !quiet {
                println!("Stopped.");
            }
            Ok(())
        }
        Ok(Err(error)) => Err(Error::Usage(error.0)),
        Err(_) => Err(Error::Usage("the rebuild thread panicked".into())),
    }
}

/// Ctrl-C, or a polite kill.
pub(crate) async fn stop_signal() {
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
pub(crate) fn report_built(built: &Built, root: &Path, verbosity: Verbosity, rebuild: bool) {
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
pub(crate) fn report_failed(diagnostics: &crate::diagnostics::Diagnostics, root: &Path) {
    for diagnostic in diagnostics.iter() {
        eprintln!("{}", diagnostic.render_human(root));
    }
    let errors = diagnostics.error_count();
    eprintln!(
        "error: {errors} error{} found; keeping the last good build until the files are fixed",
        if errors == 1 { "" } else { "s" }
    );
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(error) = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("warning: cannot open a browser ({opener}: {error}); open {url} yourself");
    }
}
