//! `brief theme eject NAME` and `brief theme list`: a site's copies of the default theme's
//! templates, one at a time (see [`brief::theme`]).

use std::path::Path;

use brief::inputs::TEMPLATES_DIR;

use super::{Error, Global};

#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Copy one template of the default theme into the site's templates/ for editing.
    Eject(EjectArgs),
    /// List the default theme's templates, and which the site overrides.
    List,
}

#[derive(clap::Args)]
struct EjectArgs {
    /// The template: `article.html`, `partials/article-card.html` (`.html` may be left out).
    name: String,
    /// Print the default template (with its marker line) instead of writing it.
    #[arg(long)]
    print: bool,
}

/// `brief theme …`.
pub(crate) fn execute(global: &Global, args: &Args) -> Result<std::process::ExitCode, Error> {
    match &args.action {
        Action::Eject(eject) => run_eject(global, eject),
        Action::List => list(global),
    }
}

/// Write (or print) the default template with its marker line; never over a file.
fn run_eject(global: &Global, args: &EjectArgs) -> Result<std::process::ExitCode, Error> {
    let name = brief::theme::find_default(&args.name).map_err(Error::UnknownName)?;
    let text = brief::theme::ejected(name);
    if args.print {
        print!("{text}");
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let root = global.site_root()?;
    let path = Path::new(TEMPLATES_DIR).join(name);
    super::create_new_file(&root, &path, &text)?;
    if !global.verbosity.is_quiet() {
        println!("Created {}", path.display());
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// Each default template on a line, `(overridden)` after those the site has a file for.
fn list(global: &Global) -> Result<std::process::ExitCode, Error> {
    let root = global.site_root().ok();
    for name in brief::theme::default_names() {
        let overridden = root
            .as_ref()
            .is_some_and(|root| root.join(TEMPLATES_DIR).join(name).is_file());
        let mark = if overridden { "  (overridden)" } else { "" };
        println!("{name}{mark}");
    }
    Ok(std::process::ExitCode::SUCCESS)
}
