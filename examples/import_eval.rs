//! Scores `brief import` on the evaluation set and prints its figures:
//! `cargo run --release --example import_eval [-- --verbose] [FOLDER]` (default
//! `tests/import_eval`). `--verbose` also lists, per article, the people missed and wrong, lines
//! lost, prose taken for media and figure lines not recognised.

use std::path::PathBuf;

use brief::import::Importer;
use brief::import::eval::evaluate;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|arg| arg == "--verbose");
    let folder = args.iter().find(|arg| !arg.starts_with("--")).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/import_eval"),
        PathBuf::from,
    );
    let (figures, scores) = match evaluate(&Importer::without_site(), &folder) {
        Ok(result) => result,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::exit(1);
        }
    };
    if verbose {
        for score in &scores {
            let list = |items: &[String]| items.join(" | ");
            println!("== {}", score.name);
            for (label, items) in [
                ("missed", &score.missed),
                ("wrong", &score.wrong),
                ("lost", &score.lost),
                ("prose as media", &score.prose_as_media),
                ("figure lines missed", &score.figure_lines_missed),
            ] {
                if !items.is_empty() {
                    println!("  {label}: {}", list(items));
                }
            }
            if score.dated && !score.date_right {
                println!("  date wrong");
            }
        }
    }
    println!("articles: {}", figures.articles);
    println!(
        "people: precision {:.3}, recall {:.3}, F1 {:.3} ({} right of {} found, {} in the keys)",
        figures.precision(),
        figures.recall(),
        figures.f1(),
        figures.people_right,
        figures.people_found,
        figures.people_expected
    );
    println!("credits as people: {}", figures.credits_as_people);
    println!("lines lost: {} of {}", figures.lines_lost, figures.lines);
    println!("paragraph lines as media: {}", figures.prose_as_media);
    println!(
        "caption and credit lines recognised: {} of {} ({:.3})",
        figures.figure_lines_found,
        figures.figure_lines,
        figures.figure_recall()
    );
    println!(
        "dates right: {} of {} datelined articles ({:.3})",
        figures.dates_right,
        figures.dated,
        figures.date_accuracy()
    );
}
