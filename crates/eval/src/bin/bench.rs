//! `storyline-bench`: throughput and quality benchmarks (release builds only; numbers
//! go in issue notes, never into timed tests).
//!
//!   storyline-bench ingest --articles 3000        # generated files → SQLite store
//!   storyline-bench cluster ../shared/data/clustering/ecbplus-dev.jsonl --repeat 20
//!   storyline-bench extract ../shared/data/extraction/scrapinghub/html

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use storyline_embed::{cosine, E5Model, Embedder, Precision};
use storyline_engine::{
    Engine, EngineConfig, PairScorer, PipelineError, Processor, StreamClusterer, Summary,
};
use storyline_eval::metrics::{pearson, spearman};
use storyline_eval::synth::{report, Event, Rng, LANGUAGES};
use storyline_eval::{ceiling, gold_maps, load_gold, metrics};
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

#[path = "bench/watch.rs"]
mod watch;

#[derive(Subcommand)]
enum Bench {
    /// `storyline watch --once` over many local sites (one server, a host name per
    /// site): items/s and the most requests in flight at once per host.
    Watch {
        /// Sites, each a feed of 20 items.
        #[arg(long, default_value_t = 50)]
        sites: usize,
        /// Milliseconds each article page takes to answer.
        #[arg(long, default_value_t = 50)]
        latency_ms: u32,
        /// Seconds between two requests to one host (the watcher's default is 1).
        #[arg(long, default_value_t = 1.0)]
        host_delay: f64,
        /// Requests at once to one host.
        #[arg(long, default_value_t = 2)]
        host_concurrency: usize,
        #[arg(long)]
        lexical_only: bool,
        #[arg(long)]
        model: Option<PathBuf>,
    },
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
    /// Cross-lingual retrieval with the embedding model: for each text, is the most
    /// similar text in another language from the same story? Also tokens/s.
    Xling {
        /// A JSONL file with `id`, `lang`, `text`, `story`.
        data: PathBuf,
        /// The E5S1 model file.
        #[arg(long, default_value = "models/e5-small-q4.bin")]
        model: PathBuf,
    },
    /// Pearson correlation of `storyline similarity` scores with silver labels: pairs of
    /// a gold set in different languages, same story (1) or not (0), balanced.
    /// With `--same-language`: pairs within one language, and the other-story pairs
    /// share at least one name (look-alikes, not strangers).
    Pairs {
        /// A JSONL file with `id`, `lang`, `text`, `story` (and optionally `published`).
        data: PathBuf,
        /// The E5S1 model file (absent: names and words only).
        #[arg(long, default_value = "models/e5-small-q4.bin")]
        model: PathBuf,
        /// Positive (and as many negative) pairs to score.
        #[arg(long, default_value_t = 600)]
        pairs: usize,
        /// Same-language pairs, negatives sharing a name, instead of cross-language ones.
        #[arg(long)]
        same_language: bool,
    },
    /// Embedding speed for 64-token leads and 512-token articles, both precisions.
    EmbedSpeed {
        /// The E5S1 model file.
        #[arg(long, default_value = "models/e5-small-q4.bin")]
        model: PathBuf,
        /// Texts per size.
        #[arg(long, default_value_t = 20)]
        texts: usize,
        /// Measure only this precision (`f32` or `int8`); both by default.
        #[arg(long)]
        only: Option<String>,
    },
    /// The best scores a text-only clusterer can reach on a gold set: its labels with
    /// stories joined wherever two articles have the same text.
    Ceiling {
        /// A JSONL file with `id`, `text`, `story` (and optionally `lang`).
        data: PathBuf,
    },
    /// Stream-cluster a gold-labelled JSONL set (optionally replayed with shifted ids).
    Cluster {
        /// A JSONL file with `id`, `text` and gold `story` (ignored by the clusterer).
        data: PathBuf,
        /// Replay the set this many times, ids suffixed and dates shifted by a year each time.
        #[arg(long, default_value_t = 1)]
        repeat: usize,
        /// Embed with this model too (end to end); the text path alone without it.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Hand documents over in batches, as `storyline cluster` does (analysis and
        /// embedding use every core); reports throughput only.
        #[arg(long)]
        batched: bool,
        /// Time the sequential assignment alone: every document is extracted,
        /// analysed (and embedded, with --model) first.
        #[arg(long, conflicts_with = "batched")]
        assign_only: bool,
    },
}

fn main() -> Result<()> {
    match Args::parse().command {
        Bench::Ingest { articles, keep } => bench_ingest(articles, keep),
        Bench::Watch {
            sites,
            latency_ms,
            host_delay,
            host_concurrency,
            lexical_only,
            model,
        } => watch::run(watch::WatchBench {
            sites,
            latency_ms,
            host_delay_secs: host_delay,
            host_concurrency,
            lexical_only,
            model,
        }),
        Bench::Cluster {
            assign_only: true,
            data,
            repeat,
            model,
            ..
        } => bench_assign_only(&data, repeat, model.as_deref()),
        Bench::Cluster {
            data,
            repeat,
            model,
            batched,
            ..
        } => {
            if batched {
                bench_cluster_batched(&data, repeat, model.as_deref())
            } else {
                bench_cluster(&data, repeat, model.as_deref())
            }
        }
        Bench::Xling { data, model } => bench_xling(&data, &model),
        Bench::Ceiling { data } => bench_ceiling(&data),
        Bench::EmbedSpeed { model, texts, only } => {
            bench_embed_speed(&model, texts, only.as_deref())
        }
        Bench::Pairs {
            data,
            model,
            pairs,
            same_language,
        } => bench_pairs(&data, &model, pairs, same_language),
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
    proc_status_mib("VmHWM:")
}

fn current_rss_mib() -> f64 {
    proc_status_mib("VmRSS:")
}

/// A memory figure from /proc/self/status (0 where there is none).
fn proc_status_mib(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
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
        let mut engine = Engine::open(SqliteStore::open_dir(&data)?, &config, None)?;
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

/// A gold set's documents and a clusterer (with the model, if given).
fn cluster_bench_inputs(
    path: &std::path::Path,
    model: Option<&std::path::Path>,
) -> Result<(Vec<RawDocument>, StreamClusterer)> {
    let reader = IngestConfig::default()
        .build()
        .map_err(anyhow::Error::msg)?;
    let docs: Vec<RawDocument> = reader
        .read_all(&[path.to_path_buf()])
        .collect::<Result<_, _>>()
        .with_context(|| format!("reading {}", path.display()))?;
    let embedder: Option<Arc<dyn Embedder>> = match model {
        Some(path) => Some(Arc::new(E5Model::load(path)?)),
        None => None,
    };
    let stream = StreamClusterer::new(&EngineConfig::default(), embedder)?;
    Ok((docs, stream))
}

/// Round `round` of a replay: ids suffixed and dates shifted a year per round, so
/// every round is new to the clusterer.
fn replayed(doc: &RawDocument, round: usize) -> RawDocument {
    let mut doc = doc.clone();
    if round > 0 {
        doc.id = format!("{}~{round}", doc.id);
        doc.published = doc.published.as_deref().and_then(|p| shift_year(p, round));
    }
    doc
}

/// The sequential step alone: what one clusterer can assign per second once the
/// parallel stages (extraction, analysis, embedding) have run — the limit of a
/// deployment that spreads those over many machines.
fn bench_assign_only(
    path: &std::path::Path,
    repeat: usize,
    model: Option<&std::path::Path>,
) -> Result<()> {
    let (docs, mut stream) = cluster_bench_inputs(path, model)?;
    let mut analysed = Vec::with_capacity(docs.len() * repeat);
    for round in 0..repeat {
        for doc in &docs {
            analysed.push(stream.processor().process(replayed(doc, round))?);
        }
    }
    let embedder: Option<Arc<dyn Embedder>> = match model {
        Some(path) => Some(Arc::new(E5Model::load(path)?)),
        None => None,
    };
    let mut embeddings: Vec<Option<Vec<f32>>> = Vec::with_capacity(analysed.len());
    for chunk in analysed.chunks(storyline_engine::BATCH) {
        let leads: Vec<String> = chunk.iter().map(storyline_engine::lead_text).collect();
        match &embedder {
            Some(e) => {
                let refs: Vec<&str> = leads.iter().map(String::as_str).collect();
                embeddings.extend(e.embed(&refs).into_iter().map(Some));
            }
            None => embeddings.extend(leads.iter().map(|_| None)),
        }
    }
    let count = analysed.len();
    let started = Instant::now();
    for (doc, embedding) in analysed.into_iter().zip(embeddings) {
        stream.assign_analysed(doc, embedding);
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{count} articles assigned in {secs:.2} s = {:.0} articles/s (assignment alone, one thread; \
         extraction, analysis{} done beforehand); peak RSS {:.0} MiB",
        count as f64 / secs,
        if model.is_some() { " and embedding" } else { "" },
        peak_rss_mib()
    );
    Ok(())
}

fn bench_cluster_batched(
    path: &std::path::Path,
    repeat: usize,
    model: Option<&std::path::Path>,
) -> Result<()> {
    let (docs, mut stream) = cluster_bench_inputs(path, model)?;
    let replay = (0..repeat).flat_map(|round| docs.iter().map(move |doc| Ok(replayed(doc, round))));
    let started = Instant::now();
    let (mut count, mut failed) = (0usize, 0usize);
    stream.assign_all(replay, false, |assigned| {
        match assigned {
            Ok(_) => count += 1,
            Err(_) => failed += 1,
        }
        std::ops::ControlFlow::Continue(())
    });
    anyhow::ensure!(failed == 0, "{failed} documents failed");
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{count} articles in {secs:.2} s = {:.0} articles/s (batches of {}, all cores, clustering beside the rest); peak RSS {:.0} MiB",
        count as f64 / secs,
        storyline_engine::BATCH,
        peak_rss_mib()
    );
    Ok(())
}

fn bench_cluster(
    path: &std::path::Path,
    repeat: usize,
    model: Option<&std::path::Path>,
) -> Result<()> {
    let (docs, mut stream) = cluster_bench_inputs(path, model)?;
    let mut latencies = Vec::with_capacity(docs.len() * repeat);
    let mut first_pass = HashMap::new();
    let started = Instant::now();
    // Growth report: rate, latency and memory per window, as the stream gets longer.
    let window = (docs.len() * repeat / 10).max(docs.len()).max(1);
    let mut window_started = Instant::now();
    for round in 0..repeat {
        for doc in &docs {
            let doc = replayed(doc, round);
            let t = Instant::now();
            let assigned = stream.assign(doc)?;
            latencies.push(t.elapsed().as_secs_f64() * 1e3);
            if latencies.len().is_multiple_of(window) && repeat > 1 {
                let mut recent = latencies[latencies.len() - window..].to_vec();
                recent.sort_by(f64::total_cmp);
                let at = |p: f64| recent[((recent.len() as f64 - 1.0) * p) as usize];
                println!(
                    "after {:>9} articles: {:.0} articles/s, latency p50 {:.3} ms p99 {:.3} ms, RSS {:.0} MiB, {} stories and {} features in memory",
                    latencies.len(),
                    window as f64 / window_started.elapsed().as_secs_f64(),
                    at(0.5),
                    at(0.99),
                    current_rss_mib(),
                    stream.clusterer_mut().active_stories(),
                    stream.clusterer_mut().active_features()
                );
                window_started = Instant::now();
            }
            if round == 0 {
                first_pass.insert(
                    assigned.doc.article.id,
                    assigned.assignment.story.to_string(),
                );
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

fn bench_xling(data: &std::path::Path, model_path: &std::path::Path) -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Row {
        id: String,
        lang: String,
        text: String,
        story: String,
        #[serde(default)]
        published: Option<chrono::DateTime<chrono::Utc>>,
    }
    let text =
        std::fs::read_to_string(data).with_context(|| format!("reading {}", data.display()))?;
    let rows: Vec<Row> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    let started = Instant::now();
    let model = E5Model::load(model_path)?;
    println!(
        "model loaded in {:.2} s, peak RSS {:.0} MiB",
        started.elapsed().as_secs_f64(),
        peak_rss_mib()
    );
    let started = Instant::now();
    let tokens: usize = rows.iter().map(|r| model.token_count(&r.text)).sum();
    let vectors: Vec<Vec<f32>> = rows.iter().map(|r| model.embed_one(&r.text)).collect();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} texts, {tokens} tokens in {secs:.1} s: {:.0} tokens/s, {:.1} texts/s (one thread, integer path)",
        rows.len(),
        tokens as f64 / secs,
        rows.len() as f64 / secs
    );
    // Silver labels file one event under several ids (each language's Wikipedia links
    // its blurb to another article: a laureate, the prize, the year's prizes); where
    // two texts are identical their labels are one event, so joining them gives a
    // second, less noisy reference (the clustering ceiling uses the same joining).
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let joined = ceiling::same_text_labels(
        rows.iter()
            .enumerate()
            .map(|(i, r)| (ids[i].as_str(), r.story.as_str(), r.text.as_str())),
    );
    let joined: Vec<&str> = ids.iter().map(|id| joined[id].as_str()).collect();
    let detected: Vec<String> = rows
        .iter()
        .map(|r| storyline_analyze::detect_language(&r.text, None).unwrap_or_else(|| "und".into()))
        .collect();
    let report_with = |name: &str, sim: &dyn Fn(usize, usize) -> f32| {
        let mut by_script: std::collections::BTreeMap<&'static str, (usize, usize)> =
            Default::default();
        let (mut hits, mut joined_hits, mut total) = (0, 0, 0);
        // A zero vector (a language's only text, centred) has no direction: NaN ranks last.
        let rank = |i: usize, j: usize| Some(sim(i, j)).filter(|s| !s.is_nan()).unwrap_or(f32::MIN);
        for (i, row) in rows.iter().enumerate() {
            let best = (0..rows.len())
                .filter(|&j| j != i && rows[j].lang != row.lang)
                // Ties (the same blurb collected twice) go to the earlier text.
                .max_by(|&a, &b| rank(i, a).total_cmp(&rank(i, b)).then(b.cmp(&a)));
            let Some(j) = best else { continue };
            let hit = rows[j].story == row.story;
            total += 1;
            hits += usize::from(hit);
            joined_hits += usize::from(joined[j] == joined[i]);
            let entry = by_script.entry(script_of(&row.text)).or_default();
            entry.0 += usize::from(hit);
            entry.1 += 1;
        }
        let scripts: Vec<String> = by_script
            .iter()
            .map(|(s, (h, t))| format!("{s} {:.3} ({t})", *h as f64 / *t as f64))
            .collect();
        println!(
            "{name}: nearest other-language text in the same story {:.3} ({hits}/{total}); \
             with labels joined where texts are identical {:.3}; by script: {}",
            hits as f64 / total.max(1) as f64,
            joined_hits as f64 / total.max(1) as f64,
            scripts.join(", ")
        );
    };
    let report = |name: &str, vs: &[Vec<f32>]| report_with(name, &|i, j| cosine(&vs[i], &vs[j]));
    report("raw cosine", &vectors);
    // Where raw cosines sit for the same story across languages and for unrelated
    // texts: the calibration points for similarity scores.
    let (mut same, mut other) = (Vec::new(), Vec::new());
    for i in 0..rows.len() {
        for j in (i + 1..rows.len()).step_by(7) {
            let c = cosine(&vectors[i], &vectors[j]);
            if rows[i].story == rows[j].story && rows[i].lang != rows[j].lang {
                same.push(c);
            } else if rows[i].story != rows[j].story {
                other.push(c);
            }
        }
    }
    let pct = |v: &mut Vec<f32>, p: f64| {
        v.sort_by(f32::total_cmp);
        v.get(((v.len() as f64 - 1.0) * p) as usize)
            .copied()
            .unwrap_or(f32::NAN)
    };
    println!(
        "raw cosine, same story across languages: p10 {:.3} p50 {:.3} p90 {:.3}; different stories: p10 {:.3} p50 {:.3} p90 {:.3} p99 {:.3}",
        pct(&mut same, 0.1), pct(&mut same, 0.5), pct(&mut same, 0.9),
        pct(&mut other, 0.1), pct(&mut other, 0.5), pct(&mut other, 0.9), pct(&mut other, 0.99)
    );
    let centred = |group: &dyn Fn(usize) -> String| -> Vec<Vec<f32>> {
        let mut sums: HashMap<String, (Vec<f32>, usize)> = HashMap::new();
        for (i, v) in vectors.iter().enumerate() {
            let e = sums.entry(group(i)).or_insert((vec![0.0; v.len()], 0));
            e.0.iter_mut().zip(v).for_each(|(s, x)| *s += x);
            e.1 += 1;
        }
        vectors
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let (sum, n) = &sums[&group(i)];
                let mut c: Vec<f32> = v.iter().zip(sum).map(|(x, s)| x - s / *n as f32).collect();
                let norm = c.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
                c.iter_mut().for_each(|x| *x /= norm);
                c
            })
            .collect()
    };
    report("centred (global mean)", &centred(&|_| String::new()));
    report(
        "centred per detected language",
        &centred(&|i| detected[i].clone()),
    );
    // Names and numbers read the same in every script: add their overlap.
    let analyzer = storyline_analyze::Analyzer::default();
    let features: Vec<(
        std::collections::HashSet<String>,
        std::collections::HashSet<String>,
    )> = rows
        .iter()
        .map(|r| {
            let article = storyline_model::Article::from_text("", r.text.clone());
            let a = analyzer.analyze(article);
            let names = a
                .entities
                .iter()
                .flat_map(|e| e.keys.iter().cloned())
                .collect();
            let numbers = a
                .terms
                .iter()
                .filter(|(t, _)| t.starts_with('#'))
                .map(|(t, _)| t.clone())
                .collect();
            (names, numbers)
        })
        .collect();
    let overlap = |a: &std::collections::HashSet<String>, b: &std::collections::HashSet<String>| {
        let smaller = a.len().min(b.len());
        if smaller == 0 {
            0.0
        } else {
            a.intersection(b).count() as f32 / smaller as f32
        }
    };
    let per_language = centred(&|i| detected[i].clone());
    // Hubness correction (CSLS): a text close to everything is discounted by its mean
    // similarity to its 10 nearest texts in other languages.
    let hubness: Vec<f32> = (0..rows.len())
        .map(|i| {
            let mut sims: Vec<f32> = (0..rows.len())
                .filter(|&j| rows[j].lang != rows[i].lang)
                .map(|j| cosine(&per_language[i], &per_language[j]))
                .collect();
            sims.sort_by(|a, b| b.total_cmp(a));
            let top = &sims[..sims.len().min(10)];
            top.iter().sum::<f32>() / top.len().max(1) as f32
        })
        .collect();
    report_with(
        "centred per language + hubness correction (CSLS, k=10)",
        &|i, j| 2.0 * cosine(&per_language[i], &per_language[j]) - hubness[i] - hubness[j],
    );
    // How often the same story is among the k nearest (what a re-ranker could reach).
    for k in [1usize, 3, 5, 10] {
        let hits = (0..rows.len())
            .filter(|&i| {
                let mut sims: Vec<(f32, usize)> = (0..rows.len())
                    .filter(|&j| j != i && rows[j].lang != rows[i].lang)
                    .map(|j| (cosine(&per_language[i], &per_language[j]), j))
                    .collect();
                sims.sort_by(|a, b| b.0.total_cmp(&a.0));
                sims.iter()
                    .take(k)
                    .any(|(_, j)| rows[*j].story == rows[i].story)
            })
            .count();
        println!(
            "centred per language: same story among the {k} nearest other-language texts {:.3}",
            hits as f64 / rows.len() as f64
        );
    }
    // Publication time, weighted as the clusterer weighs it.
    let time = storyline_cluster::ClusterConfig::default();
    let time_factor = |i: usize, j: usize| match (rows[i].published, rows[j].published) {
        (Some(a), Some(b)) => {
            time.time_factor((a - b).num_seconds().unsigned_abs() as f64 / 86_400.0)
        }
        _ => 1.0,
    };
    report_with("raw cosine x time factor", &|i, j| {
        cosine(&vectors[i], &vectors[j]) * time_factor(i, j)
    });
    report_with(
        "centred per language, (1 + cosine) x time factor",
        &|i, j| (1.0 + cosine(&per_language[i], &per_language[j])) * time_factor(i, j),
    );
    // Database-side augmentation: each vector joins its nearest neighbours (any
    // language), so a story's texts pull together before the search.
    for k in [1usize, 2, 3, 5] {
        let augmented: Vec<Vec<f32>> = (0..rows.len())
            .map(|i| {
                let mut sims: Vec<(f32, usize)> = (0..rows.len())
                    .filter(|&j| j != i)
                    .map(|j| (cosine(&per_language[i], &per_language[j]), j))
                    .collect();
                sims.sort_by(|a, b| b.0.total_cmp(&a.0));
                let mut v = per_language[i].clone();
                for &(sim, j) in sims.iter().take(k) {
                    let w = sim.max(0.0);
                    v.iter_mut()
                        .zip(&per_language[j])
                        .for_each(|(x, y)| *x += w * y);
                }
                v
            })
            .collect();
        report(
            &format!("centred per language + neighbour augmentation k={k}"),
            &augmented,
        );
    }
    for weight in [0.05f32, 0.1, 0.2] {
        report_with(
            &format!("centred per language + {weight} x (names + numbers overlap)"),
            &|i, j| {
                cosine(&per_language[i], &per_language[j])
                    + weight
                        * (overlap(&features[i].0, &features[j].0)
                            + overlap(&features[i].1, &features[j].1))
            },
        );
    }
    Ok(())
}

fn bench_pairs(
    data: &std::path::Path,
    model_path: &std::path::Path,
    wanted: usize,
    same_language: bool,
) -> Result<()> {
    let reader = IngestConfig::default()
        .build()
        .map_err(anyhow::Error::msg)?;
    let docs: Vec<RawDocument> = reader
        .read_all(&[data.to_path_buf()])
        .collect::<Result<_, _>>()?;
    let gold = load_gold(data)?;
    anyhow::ensure!(gold.len() == docs.len(), "every line must be an article");
    let names = if same_language {
        name_keys(&docs)?
    } else {
        Vec::new()
    };
    let share_a_name = |i: usize, j: usize| names[i].intersection(&names[j]).next().is_some();
    let mut rng = Rng::new(5);
    let (mut positives, mut negatives) = (Vec::new(), Vec::new());
    let mut attempts = 0;
    while (positives.len() < wanted || negatives.len() < wanted) && attempts < wanted * 1000 {
        attempts += 1;
        let (i, j) = (rng.below(gold.len()), rng.below(gold.len()));
        if i == j || (gold[i].lang == gold[j].lang) != same_language {
            continue;
        }
        if gold[i].story == gold[j].story {
            if positives.len() < wanted {
                positives.push((i, j));
            }
        } else if negatives.len() < wanted && (!same_language || share_a_name(i, j)) {
            negatives.push((i, j));
        }
    }
    let embedder: Option<Arc<dyn Embedder>> = E5Model::load(model_path)
        .ok()
        .map(|m| Arc::new(m) as Arc<dyn Embedder>);
    let with_model = embedder.is_some();
    let scorer = PairScorer::new(&EngineConfig::default(), embedder);
    let mut pairs = Vec::new();
    let mut labels = Vec::new();
    for (label, set) in [(1.0, &positives), (0.0, &negatives)] {
        for &(i, j) in set {
            pairs.push(Ok((docs[i].clone(), docs[j].clone())));
            labels.push(label);
        }
    }
    let scores = scorer
        .score_all(pairs)
        .into_iter()
        .map(|s| s.map(|s| f64::from(s.score)))
        .collect::<Result<Vec<f64>, _>>()?;
    println!(
        "{} positive and {} negative {} pairs, model {}: Pearson r = {:.3}, Spearman rho = {:.3}",
        positives.len(),
        negatives.len(),
        if same_language {
            "same-language (negatives sharing a name)"
        } else {
            "cross-language"
        },
        if with_model { "on" } else { "off" },
        pearson(&scores, &labels),
        spearman(&scores, &labels)
    );
    Ok(())
}

fn bench_ceiling(data: &std::path::Path) -> Result<()> {
    let gold = load_gold(data)?;
    let (labels, langs) = gold_maps(&gold);
    let best = ceiling::same_text_labels(
        gold.iter()
            .map(|g| (g.id.as_str(), g.story.as_str(), g.text.as_str())),
    );
    let s = metrics::score(&labels, &best, &langs);
    println!(
        "{}: gold labels with same-text stories joined: BCubed P {:.4} R {:.4} F1 {:.4}; \
         cross-lingual pairwise F1 {:.4}",
        data.display(),
        s.bcubed.precision,
        s.bcubed.recall,
        s.bcubed.f1,
        s.cross_lingual.f1
    );
    Ok(())
}

/// Each document's cross-script name keys.
fn name_keys(docs: &[RawDocument]) -> Result<Vec<std::collections::HashSet<String>>> {
    let processor = Processor::new(&EngineConfig::default());
    docs.iter()
        .map(|d| {
            let analysed = processor.process(d.clone())?;
            Ok(analysed.entities.into_iter().flat_map(|e| e.keys).collect())
        })
        .collect()
}

fn bench_embed_speed(model_path: &std::path::Path, count: usize, only: Option<&str>) -> Result<()> {
    let precisions: Vec<Precision> = match only {
        None => vec![Precision::F32, Precision::Int8],
        Some(name) if name.eq_ignore_ascii_case("f32") => vec![Precision::F32],
        Some(name) if name.eq_ignore_ascii_case("int8") => vec![Precision::Int8],
        Some(other) => anyhow::bail!("--only takes f32 or int8, not {other:?}"),
    };
    let mut rng = Rng::new(99);
    let article = |rng: &mut Rng, outlet: usize| {
        let event = Event::random(rng);
        LANGUAGES
            .iter()
            .map(|lang| report(&event, lang, outlet))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let leads: Vec<String> = (0..count)
        .map(|i| {
            let e = Event::random(&mut rng);
            report(&e, LANGUAGES[i % LANGUAGES.len()], i)
        })
        .collect();
    let long: Vec<String> = (0..count).map(|i| article(&mut rng, i)).collect();
    for precision in precisions {
        let started = Instant::now();
        let model = E5Model::load_with(model_path, precision)?;
        let load = started.elapsed().as_secs_f64();
        for (name, texts, cap) in [("leads", &leads, 64usize), ("articles", &long, 512)] {
            let texts: Vec<String> = texts
                .iter()
                .map(|t| truncate_tokens(&model, t, cap))
                .collect();
            let tokens: usize = texts.iter().map(|t| model.token_count(t)).sum();
            let started = Instant::now();
            for t in &texts {
                let _ = model.embed_one(t);
            }
            let secs = started.elapsed().as_secs_f64();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let started = Instant::now();
            let _ = model.embed(&refs);
            let batch_secs = started.elapsed().as_secs_f64();
            println!(
                "{precision:?} {name:>8}: {:.0} tokens/text; one thread {:.0} tokens/s ({:.1} texts/s); all cores {:.0} tokens/s ({:.1} texts/s)",
                tokens as f64 / texts.len() as f64,
                tokens as f64 / secs,
                texts.len() as f64 / secs,
                tokens as f64 / batch_secs,
                texts.len() as f64 / batch_secs
            );
        }
        println!(
            "{precision:?}: load {load:.2} s, peak RSS so far {:.0} MiB",
            peak_rss_mib()
        );
    }
    Ok(())
}

/// The longest prefix of `text` (by words) that stays within `cap` model tokens.
fn truncate_tokens(model: &E5Model, text: &str, cap: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (mut lo, mut hi) = (1, words.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if model.token_count(&words[..mid].join(" ")) <= cap {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    words[..lo].join(" ")
}

/// The dominant script of a text, for per-script reporting.
fn script_of(text: &str) -> &'static str {
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        let s = match c as u32 {
            0x0000..=0x024F => "Latin",
            0x0370..=0x03FF => "Greek",
            0x0400..=0x052F => "Cyrillic",
            0x0530..=0x058F => "Armenian",
            0x0590..=0x05FF => "Hebrew",
            0x0600..=0x06FF | 0x0750..=0x077F => "Arabic",
            0x0900..=0x0DFF => "Indic",
            0x0E00..=0x0E7F => "Thai",
            0x10A0..=0x10FF => "Georgian",
            0x1100..=0x11FF | 0xAC00..=0xD7AF => "Hangul",
            0x3040..=0x30FF => "Kana",
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => "Han",
            _ => "other",
        };
        *counts.entry(s).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or("other", |(s, _)| s)
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
