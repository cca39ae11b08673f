//! `storyline-bench`: throughput and quality benchmarks (release builds only; numbers
//! go in issue notes, never into timed tests).
//!
//!   storyline-bench ingest --articles 3000        # generated files → SQLite store
//!   storyline-bench cluster ../shared/data/clustering/ecbplus-dev.jsonl --repeat 20
//!   storyline-bench extract ../shared/data/extraction/scrapinghub/html

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use storyline_engine::{Engine, EngineConfig, PipelineError, StreamClusterer, Summary};
use storyline_eval::synth::{report, Event, Rng, LANGUAGES};
use storyline_eval::{gold_maps, load_gold, metrics};
use storyline_extract::textdates::date_in_url;
use storyline_extract::{ExtractConfig, Extractor};
use storyline_ingest::IngestConfig;
use storyline_model::RawDocument;
use storyline_store::{SqliteStore, Store};

#[derive(Parser)]
#[command(name = "storyline-bench", about = "storyline benchmarks")]
struct Args {
    #[command(subcommand)]
    command: Bench,
}

#[derive(Subcommand)]
enum Bench {
    /// Generate multilingual article files, ingest them into a fresh store, then re-ingest.
    Ingest {
        /// Number of article files to generate.
        #[arg(long, default_value_t = 3000)]
        articles: usize,
        /// Keep the generated files and store in this directory instead of a temporary one.
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// Time HTML extraction per page (decoding done beforehand), one thread and all cores.
    Extract {
        /// A directory (or files) of HTML pages.
        paths: Vec<PathBuf>,
        /// Passes over the pages (the first one warms caches and is not timed).
        #[arg(long, default_value_t = 5)]
        passes: usize,
        /// A ScrapingHub-style `ground-truth.json` (`{id: {"url"}}`): also report how
        /// often the extracted publication date equals the date in the page's URL.
        #[arg(long)]
        urls: Option<PathBuf>,
    },
    /// Stream-cluster a gold-labelled JSONL set (optionally replayed with shifted ids).
    Cluster {
        /// A JSONL file with `id`, `text` and gold `story` (ignored by the clusterer).
        data: PathBuf,
        /// Replay the set this many times, ids suffixed and dates shifted by a year each time.
        #[arg(long, default_value_t = 1)]
        repeat: usize,
    },
}

fn main() -> Result<()> {
    match Args::parse().command {
        Bench::Ingest { articles, keep } => bench_ingest(articles, keep),
        Bench::Cluster { data, repeat } => bench_cluster(&data, repeat),
        Bench::Extract {
            paths,
            passes,
            urls,
        } => {
            bench_extract(&paths, passes)?;
            match urls {
                Some(urls) => date_agreement(&paths, &urls),
                None => Ok(()),
            }
        }
    }
}

/// Peak resident set size of this process, from /proc (Linux); 0 elsewhere.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn bench_ingest(articles: usize, keep: Option<PathBuf>) -> Result<()> {
    let temp = tempfile::tempdir()?;
    let root = keep.unwrap_or_else(|| temp.path().to_path_buf());
    let corpus = root.join("corpus");
    std::fs::create_dir_all(&corpus)?;
    let mut rng = Rng::new(2026);
    let mut gold: HashMap<String, String> = HashMap::new();
    let mut langs: HashMap<String, String> = HashMap::new();
    let mut written = 0;
    let mut event_no = 0;
    while written < articles {
        let event = Event::random(&mut rng);
        event_no += 1;
        for (outlet, lang) in LANGUAGES.iter().enumerate() {
            if written == articles {
                break;
            }
            let id = format!("a{written:06}");
            std::fs::write(
                corpus.join(format!("{id}.txt")),
                report(&event, lang, outlet),
            )?;
            gold.insert(id.clone(), event_no.to_string());
            langs.insert(id, lang.to_string());
            written += 1;
        }
    }
    let data = root.join("data");
    let config = EngineConfig::default();
    let reader = IngestConfig::default()
        .build()
        .map_err(anyhow::Error::msg)?;
    for pass in ["first ingest", "re-ingest (all duplicates)"] {
        let mut engine = Engine::open(SqliteStore::open_dir(&data)?, &config)?;
        let started = Instant::now();
        let mut summary = Summary::default();
        for raw in reader.read_all(std::slice::from_ref(&corpus)) {
            let result = raw
                .map_err(PipelineError::from)
                .and_then(|r| engine.ingest(r));
            summary.record(&result);
        }
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{pass}: {articles} files in {secs:.2} s = {:.0} articles/s — {summary}",
            articles as f64 / secs
        );
        if pass == "first ingest" {
            let mut pred = HashMap::new();
            for story in engine.store().stories(usize::MAX >> 1, 0)? {
                if let Some(detail) = engine.store().story(story.id)? {
                    for a in detail.articles {
                        pred.insert(a.article.id, story.id.to_string());
                    }
                }
            }
            let s = metrics::score(&gold, &pred, &langs);
            println!(
                "clustering of the generated events: BCubed F1 {:.3}, cross-lingual pairwise P {:.3} R {:.3}",
                s.bcubed.f1, s.cross_lingual.precision, s.cross_lingual.recall
            );
        }
    }
    println!("peak RSS {:.0} MiB", peak_rss_mib());
    Ok(())
}

fn bench_cluster(path: &std::path::Path, repeat: usize) -> Result<()> {
    let reader = IngestConfig::default()
        .build()
        .map_err(anyhow::Error::msg)?;
    let docs: Vec<RawDocument> = reader
        .read_all(&[path.to_path_buf()])
        .collect::<Result<_, _>>()
        .with_context(|| format!("reading {}", path.display()))?;
    let config = EngineConfig::default();
    let mut stream = StreamClusterer::new(&config)?;
    let mut latencies = Vec::with_capacity(docs.len() * repeat);
    let mut first_pass = HashMap::new();
    let started = Instant::now();
    for round in 0..repeat {
        for doc in &docs {
            let mut doc = doc.clone();
            if round > 0 {
                doc.id = format!("{}~{round}", doc.id);
                doc.published = doc.published.as_deref().and_then(|p| shift_year(p, round));
            }
            let t = Instant::now();
            let (analyzed, assignment) = stream.assign(doc)?;
            latencies.push(t.elapsed().as_secs_f64() * 1e3);
            if round == 0 {
                first_pass.insert(analyzed.article.id, assignment.story.to_string());
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p) as usize];
    println!(
        "{} articles in {secs:.2} s = {:.0} articles/s (one thread); latency p50 {:.3} ms, p99 {:.3} ms; peak RSS {:.0} MiB",
        latencies.len(),
        latencies.len() as f64 / secs,
        pct(0.5),
        pct(0.99),
        peak_rss_mib()
    );
    let gold = load_gold(path)?;
    let (labels, langs) = gold_maps(&gold);
    let s = metrics::score(&labels, &first_pass, &langs);
    println!(
        "first pass: BCubed P {:.4} R {:.4} F1 {:.4}; pairwise F1 {:.4}; cross-lingual pairwise P {:.4} R {:.4} F1 {:.4}",
        s.bcubed.precision,
        s.bcubed.recall,
        s.bcubed.f1,
        s.pairwise.f1,
        s.cross_lingual.precision,
        s.cross_lingual.recall,
        s.cross_lingual.f1
    );
    Ok(())
}

fn bench_extract(paths: &[PathBuf], passes: usize) -> Result<()> {
    let reader = IngestConfig::default()
        .build()
        .map_err(anyhow::Error::msg)?;
    let docs: Vec<RawDocument> = reader.read_all(paths).filter_map(Result::ok).collect();
    anyhow::ensure!(!docs.is_empty(), "no readable pages");
    let extractor = ExtractConfig::default().build();
    let mut per_page = vec![f64::MAX; docs.len()];
    for pass in 0..passes.max(2) {
        for (i, doc) in docs.iter().enumerate() {
            let t = Instant::now();
            let _ = extractor.extract(doc.clone());
            if pass > 0 {
                per_page[i] = per_page[i].min(t.elapsed().as_secs_f64() * 1e3);
            }
        }
    }
    let mut sorted = per_page.clone();
    sorted.sort_by(f64::total_cmp);
    let pct = |p: f64| sorted[((sorted.len() as f64 - 1.0) * p) as usize];
    let bytes: usize = docs.iter().map(|d| d.body.as_str().len()).sum();
    println!(
        "{} pages ({:.1} MB): one thread, best of {} passes: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms, mean {:.2} ms",
        docs.len(),
        bytes as f64 / 1e6,
        passes.max(2) - 1,
        pct(0.5),
        pct(0.95),
        pct(1.0),
        per_page.iter().sum::<f64>() / per_page.len() as f64
    );
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let started = Instant::now();
    let rounds = 3;
    std::thread::scope(|scope| {
        for t in 0..threads {
            let (docs, extractor) = (&docs, &extractor);
            scope.spawn(move || {
                for _ in 0..rounds {
                    for doc in docs.iter().skip(t).step_by(threads) {
                        let _ = extractor.extract(doc.clone());
                    }
                }
            });
        }
    });
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{threads} threads: {:.0} pages/s",
        (docs.len() * rounds) as f64 / secs
    );
    Ok(())
}

/// Dates are what users complain about most. Without gold dates, the date in a page's
/// URL (`/2019/11/18/`) is the check: on pages whose URL has one, how often does the
/// extracted date (from metadata, `<time>`, bylines or the URL itself) equal it?
fn date_agreement(paths: &[PathBuf], urls: &std::path::Path) -> Result<()> {
    let text =
        std::fs::read_to_string(urls).with_context(|| format!("reading {}", urls.display()))?;
    let truth: serde_json::Value = serde_json::from_str(&text)?;
    let reader = IngestConfig::default()
        .build()
        .map_err(anyhow::Error::msg)?;
    let extractor = ExtractConfig::default().build();
    let (mut pages, mut dated, mut with_url_date, mut agree) = (0, 0, 0, 0);
    for raw in reader.read_all(paths).filter_map(Result::ok) {
        let url = truth[&raw.id]["url"].as_str().map(str::to_string);
        let Ok(article) = extractor.extract(raw) else {
            continue;
        };
        pages += 1;
        dated += usize::from(article.published.is_some());
        let Some(expected) = url.as_deref().and_then(date_in_url) else {
            continue;
        };
        with_url_date += 1;
        let got = article.published.map(|p| p.date_naive());
        if got.is_some_and(|g| (g - expected).num_days().abs() <= 1) {
            agree += 1;
        }
    }
    println!(
        "dates: {dated}/{pages} pages dated; on the {with_url_date} pages whose URL carries a date, \
         the extracted date agrees (±1 day) on {agree} ({:.1}%)",
        100.0 * agree as f64 / with_url_date.max(1) as f64
    );
    Ok(())
}

/// Moves an ISO timestamp `years` years later (keeps replays out of each other's time window).
fn shift_year(published: &str, years: usize) -> Option<String> {
    let year: usize = published.get(..4)?.parse().ok()?;
    Some(format!("{}{}", year + years, published.get(4..)?))
}
