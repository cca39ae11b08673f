//! `storyline-bench ingest`: generated articles into an embedded store, with
//! throughput and memory.

use super::*;

pub(super) fn bench_ingest(articles: usize, keep: Option<PathBuf>) -> Result<()> {
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
