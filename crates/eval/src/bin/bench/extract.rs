//! `storyline-bench extract`: extraction throughput, and publication dates
//! against the dates in the pages' URLs.

use super::*;

pub(super) fn bench_extract(paths: &[PathBuf], passes: usize) -> Result<()> {
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
pub(super) fn date_agreement(paths: &[PathBuf], urls: &std::path::Path) -> Result<()> {
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
