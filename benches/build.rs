//! The stages of a build, on a site of 2,000 generated articles (front matter with topics and
//! people, paragraphs, a heading, a list, links, a code block in one article of ten), written to
//! a temporary folder once. Run with `cargo bench --bench build`. The side-by-side comparison
//! with Hugo, to disk, is `bench/compare.sh`.
//!
//! - `build/load`: reading and parsing every content file (front matter YAML, bodies).
//! - `build/in_memory`: the whole pipeline without writing: load, model, Markdown, every page
//!   through Tera, feeds, sitemap, search index, link check (what `brief check` runs).
//! - `markdown/article`: one article body to HTML (parsing, heading ids, word count, escaping);
//!   `markdown/article_with_code`: the same with a three-line Python block (highlighting).

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use brief::markdown::{MarkdownOptions, Resolver};
use brief::render::Memory;
use brief::render::cache::Caches;
use brief::{Build, BuildOptions};

mod common;
use common::Rng;

const ARTICLES: usize = 2_000;

const SYLLABLES: &[&str] = &[
    "ka", "lo", "ri", "men", "tas", "vel", "or", "un", "dra", "si", "po", "ne", "qua", "bel",
];

fn word(rng: &mut Rng) -> String {
    (0..1 + rng.below(3)).map(|_| rng.pick(SYLLABLES)).collect()
}

fn sentence(rng: &mut Rng) -> String {
    let mut text = String::new();
    for i in 0..6 + rng.below(14) {
        if i > 0 {
            text.push(' ');
        }
        match rng.below(20) {
            0 => write!(text, "**{}**", word(rng)).unwrap(),
            1 => write!(text, "[{}](https://example.org/{})", word(rng), word(rng)).unwrap(),
            _ => text.push_str(&word(rng)),
        }
    }
    text.push('.');
    text
}

fn body(rng: &mut Rng, code: bool) -> String {
    let mut text = String::new();
    for paragraph in 0..12 {
        if paragraph == 4 {
            writeln!(text, "## {} {}\n", word(rng), word(rng)).unwrap();
        }
        if paragraph == 7 {
            for _ in 0..4 {
                writeln!(text, "- {}", sentence(rng)).unwrap();
            }
            text.push('\n');
        }
        let sentences: Vec<String> = (0..3 + rng.below(4)).map(|_| sentence(rng)).collect();
        writeln!(text, "{}\n", sentences.join(" ")).unwrap();
    }
    if code {
        text.push_str(
            "```python\ndef total(items):\n    return sum(item.price for item in items)\n```\n",
        );
    }
    text
}

fn name(rng: &mut Rng, pool: usize) -> String {
    let mut rng = Rng(rng.below(pool) as u64 * 7919 + 1);
    let mut name = word(&mut rng);
    name[..1].make_ascii_uppercase();
    name
}

/// Write the site: `site.toml` and `content/articles/*.md`.
fn write_site(root: &Path) {
    let articles = root.join("content/articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Bench\"\nbase_url = \"https://bench.example.org\"\npaginate_by = 20\n",
    )
    .unwrap();
    let mut rng = Rng(0x5eed);
    for index in 0..ARTICLES {
        let topics: Vec<String> = (0..3).map(|_| name(&mut rng, 40)).collect();
        let people: Vec<String> = (0..3)
            .map(|_| format!("{} {}", name(&mut rng, 300), name(&mut rng, 300)))
            .collect();
        let text = format!(
            "---\ntitle: \"{} {} {}\"\ndate: 2024-{:02}-{:02}T{:02}:00:00Z\nsummary: \"{}\"\ntopics: [{}]\npeople: [{}]\n---\n\n{}",
            word(&mut rng),
            word(&mut rng),
            index,
            1 + rng.below(12),
            1 + rng.below(28),
            rng.below(24),
            sentence(&mut rng),
            topics.join(", "),
            people.join(", "),
            body(&mut rng, index % 10 == 0),
        );
        std::fs::write(articles.join(format!("article-{index:05}.md")), text).unwrap();
    }
}

struct NoLinks;

impl Resolver for NoLinks {
    fn content_link(&self, _: &str) -> Option<String> {
        None
    }

    fn figure(&self, _: usize) -> Option<String> {
        None
    }
}

fn build(c: &mut Criterion) {
    let site = tempfile::tempdir().unwrap();
    write_site(site.path());
    let root = site.path();
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ARTICLES as u64));
    group.bench_function("load", |b| {
        b.iter(|| black_box(brief::content::load(root, false)));
    });
    group.bench_function("in_memory", |b| {
        b.iter(|| {
            let build = Build::new(root, &BuildOptions::default()).unwrap();
            let sink = Memory::default();
            let rendered = build.load().render(&sink, &mut Caches::forgetful());
            assert!(!rendered.problems.has_errors());
            black_box(sink.into_output())
        });
    });
    group.finish();
}

fn markdown(c: &mut Criterion) {
    let options = MarkdownOptions::default();
    let mut group = c.benchmark_group("markdown");
    for (name, code) in [("article", false), ("article_with_code", true)] {
        let text = body(&mut Rng(42), code);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(brief::markdown::render(
                    black_box(&text),
                    &options,
                    &NoLinks,
                ))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, build, markdown);
criterion_main!(benches);
