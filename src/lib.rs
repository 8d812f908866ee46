//! brief: a static site generator for curated news briefings.
//!
//! The pipeline runs one way: config → content → model → render → output. [`load_and_render`]
//! is that pipeline in memory; the commands in [`cmd`] decide what to do with its result.

pub mod check;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod highlight;
pub mod import;
pub mod inputs;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod serve;
pub mod util;

use std::path::Path;

use config::{Config, Overrides};
use diagnostics::Diagnostics;
use model::Site;
use output::Output;

/// What the pipeline needs besides the site's files.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub drafts: bool,
    pub overrides: Overrides,
}

/// A successful render: the model, the output map, and any warnings.
#[derive(Debug)]
pub struct Rendered {
    pub site: Site,
    pub output: Output,
    pub warnings: Diagnostics,
    pub timings: Timings,
}

/// Load, resolve and render the site at `root`, entirely in memory. Every problem found on the
/// way is returned together; nothing is returned as output unless there are no errors.
pub fn load_and_render(root: &Path, options: &BuildOptions) -> Result<Rendered, Diagnostics> {
    pipeline(root, options).into_result()
}

/// Everything one run of the pipeline produced, problems included: what `brief check` reports
/// on, and what [`load_and_render`] turns into a result.
#[derive(Debug)]
pub struct Pipeline {
    /// The model, as far as it could be built; none when `site.toml` cannot be loaded.
    pub site: Option<Site>,
    /// The rendered site; none when the templates do not load, incomplete when there are errors.
    pub output: Option<Output>,
    /// Every problem found, sorted.
    pub diagnostics: Diagnostics,
    /// The problems found before rendering (loading and modelling): a model reused by
    /// [`render_model`] brings them along.
    pub model_diagnostics: Diagnostics,
    /// How long each stage took, for `--verbose`.
    pub timings: Timings,
}

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

impl Pipeline {
    /// The rendered site if the run had no errors, else every problem.
    pub fn into_result(self) -> Result<Rendered, Diagnostics> {
        match (self.site, self.output) {
            (Some(site), Some(output)) if !self.diagnostics.has_errors() => Ok(Rendered {
                site,
                output,
                warnings: self.diagnostics,
                timings: self.timings,
            }),
            _ => Err(self.diagnostics),
        }
    }
}

/// Run the whole pipeline in memory and keep whatever it produced, even with errors.
pub fn pipeline(root: &Path, options: &BuildOptions) -> Pipeline {
    pipeline_with(
        root,
        options,
        &mut content::load,
        &mut render::Memo::default(),
    )
}

/// [`pipeline`] with `content/` loaded by `load(root, include_drafts)` and rendering reusing
/// `memo`: `brief serve` passes a loader that re-reads only the files that changed since its
/// previous build, and the memo of that build, so only pages whose inputs changed render again.
pub fn pipeline_with(
    root: &Path,
    options: &BuildOptions,
    load: &mut dyn FnMut(&Path, bool) -> (content::Content, Diagnostics),
    memo: &mut render::Memo,
) -> Pipeline {
    run_pipeline(root, options, load, memo, None)
}

/// [`pipeline`] handing every file to `staging` as it is made (`brief build`): the output in
/// the result names the site's files but holds no contents, so a large site is never held in
/// memory whole. The caller commits or aborts the staging by the result's diagnostics.
pub fn pipeline_staged(root: &Path, options: &BuildOptions, staging: &output::Staging) -> Pipeline {
    run_pipeline(
        root,
        options,
        &mut content::load,
        &mut render::Memo::default(),
        Some(staging),
    )
}

fn run_pipeline(
    root: &Path,
    options: &BuildOptions,
    load: &mut dyn FnMut(&Path, bool) -> (content::Content, Diagnostics),
    memo: &mut render::Memo,
    staging: Option<&output::Staging>,
) -> Pipeline {
    let mut timings = Timings::default();
    let config = match timings.stage("config", || Config::load(root, &options.overrides)) {
        Ok(config) => config,
        Err(diagnostic) => {
            return Pipeline {
                site: None,
                output: None,
                diagnostics: Diagnostics::from_iter([diagnostic]),
                model_diagnostics: Diagnostics::new(),
                timings,
            };
        }
    };
    let (content, mut diagnostics) = timings.stage("load", || load(root, options.drafts));
    let (site, problems) = timings.stage("model", || model::build(config, content));
    diagnostics.extend(problems);
    render_model(root, site, diagnostics, memo, staging, timings)
}

/// The pipeline from a model on: templates and rendering. `diagnostics` are the problems found
/// while loading and modelling, kept in [`Pipeline::model_diagnostics`] too: `brief serve` keeps
/// the model of its last build and, when an edit changed only article bodies, renders that model
/// again with the new bodies, without loading or modelling the whole site again.
pub fn render_model(
    root: &Path,
    mut site: Site,
    mut diagnostics: Diagnostics,
    memo: &mut render::Memo,
    staging: Option<&output::Staging>,
    mut timings: Timings,
) -> Pipeline {
    let model_diagnostics = diagnostics.clone();
    let output = match timings.stage("templates", || render::templates::Templates::load(root)) {
        Ok(templates) => {
            let (output, problems) = match staging {
                None => render::render_memo(&mut site, &templates, root, memo, &mut timings),
                Some(staging) => {
                    render::render_staged(&mut site, &templates, root, staging, &mut timings)
                }
            };
            diagnostics.extend(problems);
            Some(output)
        }
        Err(problems) => {
            diagnostics.extend(problems);
            diagnostics.extend(render::render_without_templates(&mut site, root));
            None
        }
    };
    Pipeline {
        site: Some(site),
        output,
        diagnostics: diagnostics.sorted(),
        model_diagnostics,
        timings,
    }
}

/// Errors of the commands, with the context of where they happened.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{} error{} found", .0.error_count(), if .0.error_count() == 1 { "" } else { "s" })]
    Site(Diagnostics),
    #[error("cannot write the site")]
    Write(#[from] output::SyncError),
    #[error("{0}")]
    Usage(String),
    #[error("{context}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}
