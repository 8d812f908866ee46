//! Grouping articles into stories (`model::stories::group`), and relating each article to others
//! (`model::related::related_articles`, on the grouped site), on the benchmark corpus of
//! `../shared/bench/gen_corpus.py` (10,000 and 50,000 articles of 400–900 words, with people and
//! topics drawn from Zipf-like pools, dated over two years), generated once into a temporary
//! folder. Each run starts from texts whose words were never worked out, as a build does: the
//! time is the whole grouping (words of every title and body, frequencies, sketches, candidate
//! pairs, confirmation, stories). Run with `cargo bench --bench stories` (`-- related` for the
//! related articles alone); the figures are in docs/stories.md and, for related articles,
//! README.md. `STORIES_BENCH_SIZES=10000` limits the sizes.

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use brief::content::Text;
use brief::model::related::related_articles;
use brief::model::stories::group;
use brief::{Build, BuildOptions};

/// A site of the generated corpus with `count` articles.
fn corpus_site(count: usize) -> tempfile::TempDir {
    let generator = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_corpus.py");
    assert!(
        generator.is_file(),
        "the corpus generator {} is missing: the benchmark needs the shared folder beside the repository",
        generator.display()
    );
    let site = tempfile::tempdir().expect("a temporary folder");
    let content: PathBuf = site.path().join("content");
    let status = Command::new("python3")
        .arg(&generator)
        .arg(count.to_string())
        .arg(&content)
        .status()
        .expect("python3 runs");
    assert!(status.success(), "gen_corpus.py failed");
    std::fs::write(
        site.path().join("site.toml"),
        "title = \"Bench\"\nbase_url = \"https://bench.example.org\"\n",
    )
    .expect("site.toml is written");
    site
}

fn bench_grouping(c: &mut Criterion) {
    let sizes: Vec<usize> = std::env::var("STORIES_BENCH_SIZES")
        .ok()
        .map(|sizes| {
            sizes
                .split(',')
                .filter_map(|s| s.trim().parse().ok())
                .collect()
        })
        .unwrap_or_else(|| vec![10_000, 50_000]);
    let mut group_bench = c.benchmark_group("stories");
    group_bench.sample_size(10);
    for count in sizes {
        let site = corpus_site(count);
        let build = Build::new(site.path(), &BuildOptions::default()).expect("site.toml loads");
        let loaded = build.load();
        assert!(!loaded.problems.has_errors(), "{:?}", loaded.problems);
        let config = loaded.site.config.stories.clone();
        let bodies: Vec<String> = loaded
            .texts
            .articles
            .iter()
            .map(|text| text.as_str().to_owned())
            .collect();
        group_bench.bench_function(format!("group/{count}"), |b| {
            b.iter_batched(
                || {
                    bodies
                        .iter()
                        .map(|body| Text::new(body))
                        .collect::<Vec<_>>()
                },
                |texts| group(&loaded.site.articles, &texts, &config),
                BatchSize::LargeInput,
            );
        });
        group_bench.bench_function(format!("related/{count}"), |b| {
            b.iter(|| related_articles(&loaded.site));
        });
    }
    group_bench.finish();
}

criterion_group!(benches, bench_grouping);
criterion_main!(benches);
