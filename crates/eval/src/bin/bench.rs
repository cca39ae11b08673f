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

#[path = "bench/clustering.rs"]
mod clustering;
#[path = "bench/extract.rs"]
mod extract;
#[path = "bench/ingest.rs"]
mod ingest;
#[path = "bench/memory.rs"]
mod memory;
#[path = "bench/model.rs"]
mod model;
#[path = "bench/watch.rs"]
mod watch;

use clustering::{bench_assign_only, bench_ceiling, bench_cluster, bench_cluster_batched};
use extract::{bench_extract, date_agreement};
use ingest::bench_ingest;
use memory::{current_rss_mib, peak_rss_mib};
use model::{bench_embed_speed, bench_pairs, bench_xling};

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
