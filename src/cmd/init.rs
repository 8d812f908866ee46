//! `brief init DIR`: a new site: settings, a first article and briefing, and an empty
//! `templates/` whose README says how to override one template. The theme stays embedded, so
//! the site gets brief's fixes to it; `brief theme eject` copies one template when wanted.

use std::path::Path;

use super::{Error, Global};
use brief::inputs::TEMPLATES_README;

const SITE_TOML: &str = r#"title = "My Briefings"
base_url = "https://example.org"
description = "Curated news briefings"
language = "en"
# output_dir = "public"
# paginate_by = 20

[markdown]
smart_punctuation = true
footnotes = true
tables = true
highlight_theme = "InspiredGitHub"

[extra]
"#;

const FIRST_ARTICLE: &str = "---
title: A first article
date: 2026-01-05
topics: [Example]
people: [Jane Example]
---
Write the article here, or import raw text with `brief import`.
";

const FIRST_BRIEFING: &str = "---
title: A first briefing
date: 2026-01-06
items:
  - article: a-first-article
    note: Why this article matters, in the editor's words.
---
An introduction to the briefing.
";

const TEMPLATES_GUIDE: &str = "# Templates of this site

This folder is empty on purpose: brief renders the site with its default theme, which is built
into brief and gets better with each release. To change one template, eject it:

    brief theme list                       # the default theme's templates
    brief theme eject article.html         # or base.html, partials/article-card.html, ...

`eject` copies the default into this folder for you to edit; brief uses your copy from then on,
and its own default for every other template. Keep the copy's first line: `brief check` reads it
to tell you when brief's default of that template has changed, so you can carry the change over
(`brief theme eject article.html --print` shows the new default).

To change colours only, override none: see \"Change colours\" in brief's README. The variables
each template receives are listed in docs/templates.md in brief's repository. brief does not read
this README.
";

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The folder to create the site in.
    dir: std::path::PathBuf,
    /// Write into a non-empty folder.
    #[arg(long)]
    force: bool,
}

/// `brief init DIR`: the new site's files, then what to do next.
pub(crate) fn execute(global: &Global, args: &Args) -> Result<std::process::ExitCode, Error> {
    if global.root.is_some() {
        return Err(Error::Usage(
            "`--root` names an existing site; `brief init DIR` creates one in DIR".into(),
        ));
    }
    let dir = global.cwd.join(&args.dir);
    let files = run(&dir, args.force)?;
    if !global.verbosity.is_quiet() {
        println!(
            "Created a site in {} ({} files). Next: cd {} && brief build",
            args.dir.display(),
            files.len(),
            args.dir.display()
        );
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// Write a new site into `dir`, which must be empty unless `force`.
fn run(dir: &Path, force: bool) -> Result<Vec<String>, Error> {
    let io = |context: String| Error::io(context);
    if dir.exists() {
        let non_empty = std::fs::read_dir(dir)
            .map_err(io(format!("cannot read {}", dir.display())))?
            .next()
            .is_some();
        if non_empty && !force {
            return Err(Error::Usage(format!(
                "{} is not empty; use --force to write into it anyway",
                dir.display()
            )));
        }
    }
    let files: Vec<(String, &[u8])> = vec![
        ("site.toml".into(), SITE_TOML.as_bytes()),
        (
            "content/articles/a-first-article.md".into(),
            FIRST_ARTICLE.as_bytes(),
        ),
        (
            "content/briefings/a-first-briefing.md".into(),
            FIRST_BRIEFING.as_bytes(),
        ),
        (
            format!("templates/{TEMPLATES_README}"),
            TEMPLATES_GUIDE.as_bytes(),
        ),
    ];
    for folder in ["content/people", "content/topics"] {
        std::fs::create_dir_all(dir.join(folder)).map_err(io(format!("cannot create {folder}")))?;
    }
    for (path, bytes) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(io(format!("cannot create {}", parent.display())))?;
        }
        std::fs::write(&target, bytes).map_err(io(format!("cannot write {}", target.display())))?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}
