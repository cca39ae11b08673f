//! `storyline-bench cluster` and `ceiling`: clustering throughput on a gold set,
//! and the score gold labels reach with same-text stories joined.

use super::*;

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
pub(super) fn bench_assign_only(
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

pub(super) fn bench_cluster_batched(
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

pub(super) fn bench_cluster(
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

pub(super) fn bench_ceiling(data: &std::path::Path) -> Result<()> {
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

/// Moves an ISO timestamp `years` years later (keeps replays out of each other's time window).
fn shift_year(published: &str, years: usize) -> Option<String> {
    let year: usize = published.get(..4)?.parse().ok()?;
    Some(format!("{}{}", year + years, published.get(4..)?))
}
