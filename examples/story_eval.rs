//! Scores the grouping of articles into stories on the evaluation set and prints its figures:
//! `cargo run --release --example story_eval [-- --verbose] [FOLDER]` (default
//! `tests/story_eval`). `--verbose` also lists the pairs grouped wrongly and the pairs missed.

use std::path::PathBuf;

use brief::evaluation::evaluate;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|arg| arg == "--verbose");
    let folder = args.iter().find(|arg| !arg.starts_with("--")).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/story_eval"),
        PathBuf::from,
    );
    let figures = match evaluate(&folder) {
        Ok(figures) => figures,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::exit(1);
        }
    };
    if verbose {
        for (a, b) in &figures.wrong {
            println!("wrong:  {a} + {b}");
        }
        for (a, b) in &figures.missed {
            println!("missed: {a} + {b}");
        }
    }
    println!(
        "articles: {}, true stories: {}, stories found: {}",
        figures.articles, figures.true_stories, figures.found_stories
    );
    println!(
        "pairwise precision {:.3} ({} right of {} pairs grouped), recall {:.3} (of {} pairs in the key)",
        figures.precision(),
        figures.right,
        figures.found,
        figures.recall(),
        figures.expected
    );
}
