//! Importing 10,000 raw articles, generated in memory in the shape of the seed (title, two
//! header lines, the title's repeat, paragraphs naming people, countries and dates, media blocks
//! with credits, trailers). Run with `cargo bench --bench import`.
//!
//! - `import/10k_articles_one_thread`: every article through `Importer::import_text`, one after
//!   the other: parsing, people, topics, dates, escaping, YAML.
//! - `import/10k_articles_parallel`: the same on all cores, as `brief import` does.
//! - `import_size/paragraphs/N`: one article of N paragraphs, to show the cost is linear in the
//!   input (the time per byte stays flat as N grows).

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;

use brief::import::Importer;

mod common;
use common::Rng;

const ARTICLES: usize = 10_000;

const PEOPLE: &[&str] = &[
    "Secretary of State Antony Blinken",
    "President Vladimir Putin",
    "Russian Foreign Minister Sergei Ryabkov",
    "Prime Minister Jane Holloway",
    "spokesman Daniel Ortiz",
    "opposition leader Maria Kovacs",
    "Blinken",
    "Putin",
];
const PLACES: &[&str] = &[
    "Russia",
    "Ukraine",
    "NATO",
    "the US",
    "Germany",
    "the European Union",
    "Geneva",
    "Moscow",
    "Kyiv",
    "Poland",
];
const VERBS: &[&str] = &[
    "said talks with",
    "warned that pressure on",
    "told reporters the alliance and",
    "insisted any deal with",
    "argued that sanctions against",
];
const ENDINGS: &[&str] = &[
    "would depend on a reciprocal approach and on the easing of tensions along the border.",
    "could not be decided without the countries most concerned, according to officials.",
    "remained a non-starter, but that diplomacy was still the preferred path forward.",
    "will be discussed again on Jan. 9, 2022, when the delegations meet in the city.",
    "is “not up to Russia” to decide — a point the official repeated twice on Saturday.",
];

fn paragraph(rng: &mut Rng) -> String {
    let mut text = String::new();
    for _ in 0..2 + rng.next() % 2 {
        text.push_str(&format!(
            "{} {} {} {} ",
            rng.pick(PEOPLE),
            rng.pick(VERBS),
            rng.pick(PLACES),
            rng.pick(ENDINGS)
        ));
    }
    // Non-breaking and trailing spaces, as scraped text has them.
    text.replacen(' ', "\u{a0}", 1).trim_end().to_owned() + "\u{a0}"
}

fn media(rng: &mut Rng) -> String {
    let credits = [
        "Brendan Hoffman/Getty Images",
        "AP Photo/Andriy Dubchak",
        "REUTERS/Gleb Garanich",
        "Photo by Sergei Supinsky/AFP via Getty Images",
    ];
    let mut block = String::new();
    for _ in 0..1 + rng.next() % 2 {
        let place = rng.pick(PLACES);
        block.push_str(&format!(
            "Soldiers on the front line near {place} on December 12, 2021\n\
             Soldiers build a bunker on the front line near {place}.\n{}\n",
            rng.pick(&credits)
        ));
    }
    block
}

/// One raw article with `paragraphs` paragraphs, numbered `n`.
fn article(rng: &mut Rng, n: usize, paragraphs: usize) -> String {
    let title = format!(
        "Talks on {} hinge on {}: round {n}",
        rng.pick(PLACES),
        rng.pick(PLACES)
    );
    let mut text = format!("{title}\n\n0\n{n}\n{title}\n\n");
    for index in 0..paragraphs {
        text.push_str(&paragraph(rng));
        text.push_str("\n\n");
        if index % 5 == 4 {
            text.push_str(&media(rng));
            text.push('\n');
        }
    }
    text.push_str("With Post wires\n\nSource link");
    text
}

fn corpus() -> Vec<(String, String)> {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    (0..ARTICLES)
        .map(|n| {
            let paragraphs = 8 + (rng.next() % 8) as usize;
            (format!("{n:06}.txt"), article(&mut rng, n, paragraphs))
        })
        .collect()
}

/// The example site's importer (its profiles and settings), or the default one.
fn importer() -> Importer {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Importer::for_site(root)
        .map(|(importer, _)| importer)
        .unwrap_or_else(|_| Importer::without_site())
}

fn import_10k(c: &mut Criterion) {
    let importer = importer();
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(|(_, text)| text.len()).sum();
    eprintln!(
        "corpus: {ARTICLES} articles, {:.1} MB, {} bytes on average",
        bytes as f64 / 1e6,
        bytes / ARTICLES
    );
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ARTICLES as u64));
    group.bench_function("10k_articles_one_thread", |b| {
        b.iter(|| {
            for (name, text) in &corpus {
                black_box(importer.import_text(black_box(text), name).unwrap());
            }
        });
    });
    group.bench_function("10k_articles_parallel", |b| {
        b.iter(|| {
            corpus.par_iter().for_each(|(name, text)| {
                black_box(importer.import_text(black_box(text), name).unwrap());
            });
        });
    });
    group.finish();
}

fn import_size(c: &mut Criterion) {
    let importer = importer();
    let mut group = c.benchmark_group("import_size");
    for paragraphs in [10, 40, 160, 640] {
        let text = article(&mut Rng(7), 1, paragraphs);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("paragraphs", paragraphs),
            &text,
            |b, text| b.iter(|| importer.import_text(black_box(text), "a.txt").unwrap()),
        );
    }
    group.finish();
}

criterion_group!(benches, import_10k, import_size);
criterion_main!(benches);
