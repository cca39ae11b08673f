//! `storyline-bench watch`: the `storyline` binary polls many local sites once
//! (`watch --once`), each a feed of the test site's twenty reports under its own
//! host name, all pinned to one server on 127.0.0.1. Reports items/s and, as the
//! server counted them, the most requests any host had in flight at once.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use storyline_fetch::testsite::{Site, REPORTS};

pub struct WatchBench {
    pub sites: usize,
    pub latency_ms: u32,
    pub host_delay_secs: f64,
    pub host_concurrency: usize,
    pub lexical_only: bool,
    pub model: Option<PathBuf>,
}

pub fn run(bench: WatchBench) -> Result<()> {
    let site = Site::start()?;
    site.set_latency_ms(bench.latency_ms);
    let dir = tempfile::tempdir()?;
    let (list, config) = write_sources(&bench, &site, dir.path())?;
    let binary = std::env::current_exe()?
        .parent()
        .context("the benchmark's directory")?
        .join("storyline");
    if !binary.exists() {
        bail!(
            "{} not found: build it first (cargo build --release -p storyline-cli)",
            binary.display()
        );
    }
    let mut command = Command::new(&binary);
    command
        .arg("--data")
        .arg(dir.path().join("data"))
        .arg("--config")
        .arg(&config);
    if bench.lexical_only {
        command.arg("--lexical-only");
    }
    if let Some(model) = &bench.model {
        command.arg("--model").arg(model);
    }
    command
        .args(["--quiet", "watch", "--once", "--sources"])
        .arg(&list);
    let started = Instant::now();
    let out = command.output()?;
    let seconds = started.elapsed().as_secs_f64();
    if !out.status.success() {
        bail!(
            "storyline watch failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    report_fetching(&bench, &site, seconds)?;
    report_stories(&binary, &dir.path().join("data"))
}

/// The sources file (one feed per site, each under its own host name) and the
/// configuration pinning every host to the site, with the politeness asked for.
fn write_sources(bench: &WatchBench, site: &Site, dir: &Path) -> Result<(PathBuf, PathBuf)> {
    let hosts: Vec<String> = (1..=bench.sites)
        .map(|n| format!("site{n:02}.test"))
        .collect();
    let sources: Vec<String> = hosts.iter().map(|h| site.url_at(h, "/feed.xml")).collect();
    let list = dir.join("sources.txt");
    std::fs::write(&list, sources.join("\n"))?;
    let pins: Vec<String> = hosts.iter().map(|h| format!("{:?}", site.pin(h))).collect();
    let config = dir.join("watch.toml");
    std::fs::write(
        &config,
        format!(
            "[watch]\nresolve = [{}]\nhost_delay_secs = {}\nhost_concurrency = {}\n",
            pins.join(", "),
            bench.host_delay_secs,
            bench.host_concurrency
        ),
    )?;
    Ok((list, config))
}

/// Items/s and the most requests in flight to one host, as the site counted them;
/// an error when a page is missing or the cap was passed.
fn report_fetching(bench: &WatchBench, site: &Site, seconds: f64) -> Result<()> {
    let requests = site.requests();
    let pages = requests
        .iter()
        .filter(|r| r.path.starts_with("/news/"))
        .count();
    let expected = bench.sites * REPORTS.len();
    let peak = site.peak_in_flight();
    let most = peak.iter().map(|(_, p)| *p).max().unwrap_or(0);
    println!(
        "{} sites, {pages} of {expected} items fetched and ingested in {seconds:.2} s: {:.1} items/s \
         ({} requests in all; page latency {} ms, host gap {} s, host cap {})",
        bench.sites,
        pages as f64 / seconds,
        requests.len(),
        bench.latency_ms,
        bench.host_delay_secs,
        bench.host_concurrency
    );
    println!(
        "most requests in flight at once to one host: {most} (cap {}), over {} hosts",
        bench.host_concurrency,
        peak.len()
    );
    if pages != expected || most > bench.host_concurrency {
        bail!(
            "expected {expected} pages and at most {} at once per host",
            bench.host_concurrency
        );
    }
    Ok(())
}

/// How the fetched reports fell into stories: stories, and how many hold reports of
/// more than one of the site's events (there are four).
fn report_stories(binary: &std::path::Path, data: &std::path::Path) -> Result<()> {
    let run = |args: &[&str]| -> Result<Vec<serde_json::Value>> {
        let out = Command::new(binary)
            .arg("--data")
            .arg(data)
            .args(args)
            .output()?;
        // `show --json` prints one document over many lines; `stories --json` one per line.
        if let Ok(one) = serde_json::from_slice::<serde_json::Value>(&out.stdout) {
            return Ok(vec![one]);
        }
        Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect())
    };
    let stories = run(&["stories", "--json", "--limit", "500"])?;
    let mut mixed = 0;
    let mut events_split = std::collections::BTreeMap::<usize, usize>::new();
    for story in &stories {
        let id = story["id"].to_string();
        let shown = run(&["show", &id, "--json"])?;
        let mut events = std::collections::BTreeSet::new();
        for article in shown
            .first()
            .and_then(|s| s["articles"].as_array())
            .into_iter()
            .flatten()
        {
            let n = article["url"]
                .as_str()
                .and_then(|u| u.rsplit('/').next()?.parse::<usize>().ok());
            if let Some(report) = n.and_then(|n| REPORTS.get(n)) {
                events.insert(report.event);
            }
        }
        mixed += usize::from(events.len() > 1);
        for event in events {
            *events_split.entry(event).or_default() += 1;
        }
    }
    println!(
        "{} stories; {mixed} mix events; stories per event: {:?}",
        stories.len(),
        events_split.values().collect::<Vec<_>>()
    );
    Ok(())
}
