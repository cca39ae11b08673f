//! `storyline-bench watch`: the `storyline` binary polls many local sites once
//! (`watch --once`), each a feed of the test site's twenty reports under its own
//! host name, all pinned to one server on 127.0.0.1. Reports items/s and, as the
//! server counted them, the most requests any host had in flight at once.

use std::path::PathBuf;
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
    let hosts: Vec<String> = (1..=bench.sites)
        .map(|n| format!("site{n:02}.test"))
        .collect();
    let sources: Vec<String> = hosts.iter().map(|h| site.url_at(h, "/feed.xml")).collect();
    let list = dir.path().join("sources.txt");
    std::fs::write(&list, sources.join("\n"))?;
    let pins: Vec<String> = hosts.iter().map(|h| format!("{:?}", site.pin(h))).collect();
    let config = dir.path().join("watch.toml");
    std::fs::write(
        &config,
        format!(
            "[watch]\nresolve = [{}]\nhost_delay_secs = {}\nhost_concurrency = {}\n",
            pins.join(", "),
            bench.host_delay_secs,
            bench.host_concurrency
        ),
    )?;
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
