//! `brief serve`: build, serve the site from memory over HTTP, watch its inputs, rebuild what
//! changed and reload open pages. A failed build keeps the last good site served and shows the
//! errors in every open page.

use std::io::Write as _;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc;

use tokio::sync::{broadcast, watch};

use brief::BuildOptions;
use brief::config::{Config, Overrides};
use brief::serve::http::{self, Shared, Snapshot};
use brief::serve::incremental::{Built, Incremental};
use brief::serve::rebuild_loop;
use brief::serve::reload::{ErrorReport, Event};
use brief::serve::watch::{Changes, Message, Watcher};

use super::live::{report_built, report_failed, stop_signal};
use super::{Error, Global, Verbosity};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1", value_name = "IP")]
    bind: IpAddr,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// Open the site in a browser once it is ready.
    #[arg(long)]
    open: bool,
    /// Include drafts.
    #[arg(long, env = "BRIEF_DRAFTS", action = clap::ArgAction::SetTrue, value_parser = super::EnvFlag("BRIEF_DRAFTS"))]
    drafts: bool,
    /// Poll the files instead of using the system's change events.
    #[arg(long)]
    poll: bool,
}

/// Serve until Ctrl-C.
pub(crate) fn execute(global: &Global, args: &Args) -> Result<ExitCode, Error> {
    let root = global.site_root()?;
    let root = std::fs::canonicalize(&root).map_err(Error::io(format!(
        "cannot open the site folder {}",
        root.display()
    )))?;
    let listener = bind(SocketAddr::new(args.bind, args.port))?;
    let local = listener
        .local_addr()
        .map_err(Error::io("cannot read the listening address"))?;
    // The site is served under the path of its base_url, as it is published; a site.toml that
    // does not load yet is served at the root, with its error.
    let base_path = Config::load(&root, &Overrides::default())
        .map(|config| config.base_path().to_owned())
        .unwrap_or_default();
    let url = format!("http://{local}{base_path}/");
    let options = BuildOptions {
        drafts: args.drafts,
        // An editor previews what is scheduled too: embargoed items are shown, marked.
        future: true,
        // Absolute links (canonical, feeds) point at this server, as the site is viewed here.
        overrides: Overrides {
            base_url: Some(format!("http://{local}{base_path}")),
            output_dir: None,
        },
    };
    let mut server = Server::start(&root, options, global.verbosity, &base_path);
    let (messages, received) = mpsc::channel();
    let mut watcher = Watcher::start(&root, &server.output_dir, args.poll, messages.clone())?;
    let (shared, shutdown) = server.shared(local.ip());
    let rebuilds = std::thread::Builder::new()
        .name("brief-rebuild".into())
        .spawn(move || rebuild_loop(&received, &mut watcher, |changes| server.rebuild(&changes)))
        .map_err(Error::io("cannot start the rebuild thread"))?;
    println!("Serving on {url}");
    let _ = std::io::stdout().flush();
    if args.open
        && let Err(error) = opener::open_browser(&url)
    {
        eprintln!("warning: cannot open a browser ({error}); open {url} yourself");
    }
    let served = serve_until_stopped(listener, shared, shutdown, messages);
    let rebuilt = rebuilds.join();
    served?;
    match rebuilt {
        Ok(Ok(())) => {
            if !global.verbosity.is_quiet() {
                println!("Stopped.");
            }
            Ok(ExitCode::SUCCESS)
        }
        Ok(Err(error)) => Err(error.into()),
        Err(_) => Err(Error::Usage("the rebuild thread panicked".into())),
    }
}

fn bind(address: SocketAddr) -> Result<TcpListener, Error> {
    let listener = TcpListener::bind(address).map_err(|source| Error::Bind { address, source })?;
    listener
        .set_nonblocking(true)
        .map_err(Error::io("cannot set up the listening socket"))?;
    Ok(listener)
}

/// Answer requests until Ctrl-C, then tell the rebuilds to stop.
fn serve_until_stopped(
    listener: TcpListener,
    shared: Shared,
    shutdown: watch::Sender<bool>,
    messages: mpsc::Sender<Message>,
) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(Error::io("cannot start the server's runtime"))?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let stop = async move {
            stop_signal().await;
            let _ = shutdown.send(true);
            let _ = messages.send(Message::Stop);
        };
        axum::serve(listener, http::router(shared))
            .with_graceful_shutdown(stop)
            .await
    });
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    served.map_err(Error::io("the server failed"))
}

/// The site as served: the latest snapshot, and how to tell open pages about a new one.
struct Server {
    root: PathBuf,
    incremental: Incremental,
    verbosity: Verbosity,
    snapshot: Snapshot,
    /// The output folder site.toml names, left out of what is watched.
    output_dir: PathBuf,
    snapshots: watch::Sender<Arc<Snapshot>>,
    events: broadcast::Sender<Event>,
    /// Where the site is served: the path of its base_url.
    base_path: Arc<str>,
}

impl Server {
    /// The first build; a failed one is served as its error report.
    fn start(root: &Path, options: BuildOptions, verbosity: Verbosity, base_path: &str) -> Server {
        let mut incremental = Incremental::new(root, options);
        let (snapshot, output_dir) = match incremental.build(&Changes::everything()) {
            Ok(built) => {
                report_built(&built, root, verbosity, false);
                let snapshot = Snapshot {
                    build: 1,
                    output: Some(built.output.clone()),
                    error: None,
                };
                (snapshot, built.output_dir)
            }
            Err(diagnostics) => {
                report_failed(&diagnostics, root);
                let snapshot = Snapshot {
                    build: 0,
                    output: None,
                    error: Some(Arc::new(ErrorReport::new(&diagnostics, root))),
                };
                (snapshot, PathBuf::from("public"))
            }
        };
        Server {
            root: root.to_path_buf(),
            incremental,
            verbosity,
            snapshots: watch::channel(Arc::new(snapshot.clone())).0,
            snapshot,
            output_dir,
            events: broadcast::channel::<Event>(256).0,
            base_path: base_path.into(),
        }
    }

    /// What the HTTP side, listening on `bind`, shares with the rebuilds, and the switch that
    /// stops it.
    fn shared(&self, bind: IpAddr) -> (Shared, watch::Sender<bool>) {
        let (shutdown, stopped) = watch::channel(false);
        let shared = Shared {
            snapshot: self.snapshots.subscribe(),
            events: self.events.clone(),
            shutdown: stopped,
            base_path: self.base_path.clone(),
            bind,
        };
        (shared, shutdown)
    }

    /// Build again and tell open pages: what changed, or the errors.
    fn rebuild(&mut self, changes: &Changes) {
        match self.incremental.build(changes) {
            Ok(built) => self.publish(&built),
            Err(diagnostics) => {
                report_failed(&diagnostics, &self.root);
                let report = Arc::new(ErrorReport::new(&diagnostics, &self.root));
                self.snapshot.error = Some(report.clone());
                self.snapshots.send_replace(Arc::new(self.snapshot.clone()));
                let _ = self.events.send(Event::Error(report));
            }
        }
    }

    fn publish(&mut self, built: &Built) {
        let recovered = self.snapshot.error.is_some();
        report_built(built, &self.root, self.verbosity, true);
        if built.changes.is_empty() && !recovered {
            return;
        }
        self.snapshot = Snapshot {
            build: self.snapshot.build + 1,
            output: Some(built.output.clone()),
            error: None,
        };
        self.snapshots.send_replace(Arc::new(self.snapshot.clone()));
        let _ = self.events.send(Event::Reload {
            build: self.snapshot.build,
            written: built.changes.written.clone(),
            removed: built.changes.removed.clone(),
            all: recovered,
        });
    }
}
