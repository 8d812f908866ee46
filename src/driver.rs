//! The one way through a build, for every command: read the settings, load and model the
//! content, render into a sink.
//!
//! ```no_run
//! # use brief::driver::Build;
//! # use brief::render::{Memory, cache::Caches};
//! # let root = std::path::Path::new(".");
//! let build = Build::new(root, &Default::default()).expect("site.toml is fine");
//! let sink = Memory::default();
//! let rendered = build.load().render(&sink, &mut Caches::forgetful());
//! assert!(!rendered.problems.has_errors());
//! let output = sink.into_output();
//! ```

use std::path::{Path, PathBuf};

use crate::Timings;
use crate::config::{Config, Overrides};
use crate::content::{self, Content};
use crate::diagnostics::Diagnostics;
use crate::model::{self, Schedule, Site, Texts};
use crate::render::cache::Caches;
use crate::render::templates::Templates;
use crate::render::{self, Sink};

/// What a build needs besides the site's files.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub drafts: bool,
    /// Include articles and briefings dated in the future, marked (`--future`).
    pub future: bool,
    pub overrides: Overrides,
}

/// A site about to be built: its root and its settings.
#[derive(Debug, Clone)]
pub struct Build {
    root: PathBuf,
    options: BuildOptions,
    config: Config,
    /// What is published: read from the clock once per build.
    schedule: Schedule,
    /// How long reading the settings took, the first stage of the build's timings.
    config_took: std::time::Duration,
}

impl Build {
    /// Read the site's `site.toml` (with the options' overrides).
    pub fn new(root: &Path, options: &BuildOptions) -> Result<Build, Diagnostics> {
        let start = std::time::Instant::now();
        let config = Config::load(root, &options.overrides)
            .map_err(|diagnostic| Diagnostics::from_iter([diagnostic]))?;
        Ok(Build {
            root: root.to_path_buf(),
            options: options.clone(),
            config,
            schedule: Schedule::now(options.future),
            config_took: start.elapsed(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    pub fn schedule(&self) -> Schedule {
        self.schedule
    }

    /// Load `content/` and model the site.
    pub fn load(&self) -> Loaded {
        let mut timings = Timings(vec![("config", self.config_took)]);
        let (content, problems) =
            timings.stage("load", || content::load(&self.root, self.options.drafts));
        self.model(content, problems, timings)
    }

    /// Model the site from `content` loaded already (`brief serve` keeps what it loaded),
    /// with the `problems` found loading it.
    pub fn model(
        &self,
        content: Content,
        mut problems: Diagnostics,
        mut timings: Timings,
    ) -> Loaded {
        let unloaded: Vec<PathBuf> = problems
            .iter()
            .filter(|problem| problem.is_error())
            .filter_map(|problem| problem.file.clone())
            .collect();
        let modelled = timings.stage("model", || {
            model::build(self.config.clone(), content, self.schedule, &unloaded)
        });
        problems.extend(modelled.problems);
        Loaded {
            root: self.root.clone(),
            site: modelled.site,
            texts: modelled.texts,
            problems,
            timings,
        }
    }
}

/// A modelled site, ready to render.
#[derive(Debug)]
pub struct Loaded {
    root: PathBuf,
    pub site: Site,
    pub texts: Texts,
    /// The problems found while loading and modelling.
    pub problems: Diagnostics,
    pub timings: Timings,
}

impl Loaded {
    /// A site modelled before, to render again with `texts` (`brief serve`, when an edit changed
    /// only article bodies).
    pub fn again(root: &Path, site: Site, texts: Texts, problems: Diagnostics) -> Loaded {
        Loaded {
            root: root.to_path_buf(),
            site,
            texts,
            problems,
            timings: Timings::default(),
        }
    }

    /// Render every file into `sink`, reusing what `caches` hold.
    pub fn render(self, sink: &dyn Sink, caches: &mut Caches) -> Rendered {
        let Loaded {
            root,
            site,
            texts,
            problems: loaded,
            mut timings,
        } = self;
        let templates = timings.stage("templates", || Templates::load(&root, &site.config));
        let rendered = render::render(
            &site,
            texts,
            &root,
            templates.as_ref().map_err(Clone::clone),
            sink,
            caches,
            &mut timings,
        );
        let mut problems = loaded.clone();
        problems.extend(rendered.problems);
        Rendered {
            site,
            paths: rendered.paths,
            problems: problems.sorted(),
            loaded,
            timings,
        }
    }
}

/// A rendered site: its model, the paths of its files (the files are in the sink), and every
/// problem found, sorted.
#[derive(Debug)]
pub struct Rendered {
    pub site: Site,
    pub paths: Vec<String>,
    pub problems: Diagnostics,
    /// The problems found while loading and modelling, which a model rendered again brings
    /// along.
    pub loaded: Diagnostics,
    pub timings: Timings,
}
