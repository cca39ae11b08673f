//! `storyline watch`: follow feeds, sitemaps and home pages into the store, and
//! `storyline sources`: how each followed source is doing. The fetching is
//! `storyline-fetch`'s; this module wires it to the engine and the store.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use chrono::Utc;
use storyline_engine::{batches, Engine, Outcome};
use storyline_fetch::{opml_feeds, Client, RobotsRecord, Settings, SourcePoll, SourceState};
use storyline_model::RawDocument;
use storyline_server::alerts::Alert;
use storyline_store::{SqliteStore, WatchLog};

use crate::commands::{
    attach_search, exit_status, open_engine, open_store, open_store_for_writing, report,
};
use crate::config_file::Sections;
use crate::model::load_embedder;
use crate::{AlertCommand, Cli};

const SOURCE: &str = "source";
const ROBOTS: &str = "robots";

/// What `storyline watch` was asked.
pub(crate) struct WatchArgs<'a> {
    pub sources: &'a [String],
    pub list: Option<&'a Path>,
    pub once: bool,
    pub interval: Option<f64>,
    pub allow_private: bool,
    pub user_agent: Option<&'a str>,
    pub resolve: &'a [String],
}

pub(crate) fn watch(cli: &Cli, sections: &Sections, args: &WatchArgs) -> Result<ExitCode> {
    let settings = settings(sections, args)?;
    let urls = source_urls(args)?;
    let store = open_store_for_writing(cli, "watch")?;
    let mut engine = open_engine(store, &sections.engine, load_embedder(cli)?)?;
    attach_search(cli, &mut engine)?;
    let client = Client::new(settings);
    for record in engine.store().watch_records(ROBOTS)? {
        if let Ok(robots) = serde_json::from_str::<RobotsRecord>(&record.state) {
            client.preload_robots(&record.key, robots);
        }
    }
    let mut states = load_states(engine.store(), &urls)?;
    let stop = stop_on_signal();
    let mut failed = false;
    loop {
        let now = Utc::now();
        let (due, waiting): (Vec<_>, Vec<_>) =
            states.into_iter().partition(|s| args.once || s.is_due(now));
        states = waiting;
        if !due.is_empty() {
            let mut intake = Intake::new(due.len());
            let polls = client.poll_streaming(due, |source, doc| {
                intake.add(&mut engine, source, doc);
            });
            intake.flush(&mut engine);
            if let Some(fatal) = intake.fatal.take() {
                bail!("{fatal}; watch stopped, everything before this point is stored");
            }
            for (i, poll) in polls.into_iter().enumerate() {
                failed |= settle(cli, &mut engine, poll, &intake, i, &mut states)?;
            }
            save_robots(&mut engine, &client)?;
            engine.flush_search();
        }
        if args.once || stop.load(Ordering::SeqCst) {
            break;
        }
        sleep_until_due(&states, &stop);
        if stop.load(Ordering::SeqCst) {
            break;
        }
    }
    if let Err(e) = engine.save_state() {
        eprintln!("warning: could not save the clustering state ({e}); the next run rebuilds it");
    }
    Ok(exit_status(failed && args.once))
}

/// The `[watch]` section with the command line's overrides, checked.
fn settings(sections: &Sections, args: &WatchArgs) -> Result<Settings> {
    let mut config = sections.watch.clone();
    config.allow_private |= args.allow_private;
    if let Some(interval) = args.interval {
        config.interval_secs = interval;
    }
    if let Some(agent) = args.user_agent {
        config.user_agent = agent.to_string();
    }
    config.resolve.extend(args.resolve.iter().cloned());
    config.build().map_err(anyhow::Error::msg)
}

/// The sources named on the command line and in `--sources`: URLs, OPML files and
/// plain lists of URLs (one per line, `#` comments).
fn source_urls(args: &WatchArgs) -> Result<Vec<String>> {
    let mut urls = Vec::new();
    for source in args.sources {
        if is_web_url(source) {
            urls.push(source.clone());
        } else {
            urls.extend(read_list(Path::new(source))?);
        }
    }
    if let Some(list) = args.list {
        urls.extend(read_list(list)?);
    }
    let mut unique = Vec::new();
    for url in urls {
        if !unique.contains(&url) {
            unique.push(url);
        }
    }
    Ok(unique)
}

fn is_web_url(s: &str) -> bool {
    url::Url::parse(s).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

/// An OPML file's feeds, or a list's URLs; anything else is named as the error.
fn read_list(path: &Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "{}: neither an http(s) URL nor a readable file of sources",
            path.display()
        )
    })?;
    let urls = if text.contains("<opml") {
        opml_feeds(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
    } else {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    };
    for (n, url) in urls.iter().enumerate() {
        if !is_web_url(url) {
            bail!(
                "{}: source {} ({url:?}) is not an http(s) URL",
                path.display(),
                n + 1
            );
        }
    }
    Ok(urls)
}

/// The remembered state of each source (new ones start empty); with no source
/// named, every source the store follows.
fn load_states(store: &SqliteStore, urls: &[String]) -> Result<Vec<SourceState>> {
    let remembered: Vec<SourceState> = store
        .watch_records(SOURCE)?
        .into_iter()
        .filter_map(|r| serde_json::from_str(&r.state).ok())
        .collect();
    if urls.is_empty() {
        if remembered.is_empty() {
            bail!("no sources: name feed, sitemap or home-page URLs (or an OPML file), or use --sources FILE");
        }
        return Ok(remembered);
    }
    Ok(urls
        .iter()
        .map(|url| {
            remembered
                .iter()
                .find(|s| s.url == *url)
                .cloned()
                .unwrap_or_else(|| SourceState::new(url))
        })
        .collect())
}

/// Documents handed over while the poll goes on, ingested a batch at a time (the
/// engine analyses and embeds a batch over all cores), counted per source.
struct Intake {
    buffer: Vec<(usize, RawDocument)>,
    stored: Vec<u64>,
    failed: Vec<u64>,
    /// A store error: nothing more is ingested.
    fatal: Option<String>,
}

/// Documents per batch, as `ingest` hands them to the engine.
const BATCH: usize = 64;

impl Intake {
    fn new(sources: usize) -> Self {
        Intake {
            buffer: Vec::new(),
            stored: vec![0; sources],
            failed: vec![0; sources],
            fatal: None,
        }
    }

    fn add(&mut self, engine: &mut Engine<SqliteStore>, source: usize, doc: RawDocument) {
        self.buffer.push((source, doc));
        if self.buffer.len() >= BATCH {
            self.flush(engine);
        }
    }

    fn flush(&mut self, engine: &mut Engine<SqliteStore>) {
        if self.fatal.is_some() {
            self.buffer.clear();
            return;
        }
        let (sources, docs): (Vec<usize>, Vec<RawDocument>) = self.buffer.drain(..).unzip();
        let batch = docs.into_iter().map(Ok::<_, storyline_ingest::IngestError>);
        for (source, result) in sources
            .into_iter()
            .zip(batches(batch).flat_map(|b| engine.ingest_batch(b)))
        {
            match result {
                Ok(Outcome::Stored { .. }) => self.stored[source] += 1,
                Ok(Outcome::Duplicate) => {}
                Err(e) if e.is_per_document() => {
                    report(&e);
                    self.failed[source] += 1;
                }
                Err(e) => {
                    self.fatal = Some(e.to_string());
                    return;
                }
            }
        }
    }
}

/// Saves a polled source's state, says how it went; true if anything failed.
fn settle(
    cli: &Cli,
    engine: &mut Engine<SqliteStore>,
    poll: SourcePoll,
    intake: &Intake,
    index: usize,
    states: &mut Vec<SourceState>,
) -> Result<bool> {
    let SourcePoll {
        mut state,
        pages,
        errors,
        not_modified,
        new_entries,
    } = poll;
    for e in errors
        .iter()
        .chain(pages.iter().filter_map(|p| p.as_ref().err()))
    {
        eprintln!("error: {e}");
    }
    let (stored, ingest_failures) = (intake.stored[index], intake.failed[index]);
    state.record_articles(stored, Utc::now());
    let json = serde_json::to_string(&state).context("source state as JSON")?;
    engine
        .store_mut()
        .save_watch_record(SOURCE, &state.url, &json)?;
    // Only failures are left in `pages`; the fetched pages went to the intake.
    let fetch_failures = pages.len() as u64;
    let failures = fetch_failures + ingest_failures + errors.len() as u64;
    if !cli.quiet {
        let new = new_entries;
        let unchanged = if not_modified > 0 {
            " (unchanged: 304)"
        } else {
            ""
        };
        eprintln!(
            "{}: {new} new, {stored} stored, {failures} failed{unchanged}",
            state.url
        );
    }
    states.push(state);
    Ok(failures > 0)
}

fn save_robots(engine: &mut Engine<SqliteStore>, client: &Client) -> Result<()> {
    for (origin, record) in client.robots_records() {
        let json = serde_json::to_string(&record).context("robots.txt record as JSON")?;
        engine
            .store_mut()
            .save_watch_record(ROBOTS, &origin, &json)?;
    }
    Ok(())
}

/// Sleeps until the first source is due, waking at once on Ctrl-C or SIGTERM.
fn sleep_until_due(states: &[SourceState], stop: &AtomicBool) {
    let next = states.iter().filter_map(|s| s.next_poll).min();
    while !stop.load(Ordering::SeqCst) {
        let now = Utc::now();
        if next.is_none_or(|t| t <= now) {
            return;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// A flag raised by Ctrl-C or SIGTERM: the poll under way finishes and is saved.
fn stop_on_signal() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let raised = flag.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    if let Ok(runtime) = runtime {
        std::thread::spawn(move || {
            runtime.block_on(async {
                #[cfg(unix)]
                {
                    use tokio::signal::unix::{signal, SignalKind};
                    if let Ok(mut term) = signal(SignalKind::terminate()) {
                        tokio::select! {
                            _ = tokio::signal::ctrl_c() => {}
                            _ = term.recv() => {}
                        }
                        return;
                    }
                }
                let _ = tokio::signal::ctrl_c().await;
            });
            eprintln!("stopping after this poll…");
            raised.store(true, Ordering::SeqCst);
        });
    }
    flag
}

/// `storyline sources`: each followed source's status, last success, last error
/// and articles per day; `--forget URL` stops following one.
pub(crate) fn sources(cli: &Cli, json: bool, forget: Option<&str>) -> Result<ExitCode> {
    if let Some(url) = forget {
        let mut store = open_store_for_writing(cli, "sources --forget")?;
        if !store.delete_watch_record(SOURCE, url)? {
            bail!("{url} is not a followed source (see `storyline sources`)");
        }
        eprintln!("no longer following {url}");
        return Ok(ExitCode::SUCCESS);
    }
    let store = open_store(cli)?;
    let now = Utc::now();
    let states: Vec<SourceState> = store
        .watch_records(SOURCE)?
        .into_iter()
        .filter_map(|r| serde_json::from_str(&r.state).ok())
        .collect();
    if json {
        for s in &states {
            println!("{}", serde_json::to_string(&source_json(s, now))?);
        }
        return Ok(ExitCode::SUCCESS);
    }
    if states.is_empty() {
        eprintln!("no sources followed yet: storyline watch URL…");
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{:<8} {:>8} {:>9} {:<20} {:<28} URL",
        "STATUS", "ARTICLES", "PER DAY", "LAST SUCCESS", "LAST ERROR"
    );
    for s in &states {
        let success = s
            .last_success
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_else(|| "never".into());
        let error = s.last_error.as_ref().map_or("-", |f| f.reason.as_str());
        println!(
            "{:<8} {:>8} {:>9.1} {:<20} {:<28} {}",
            s.status(),
            s.articles,
            s.articles_per_day(now),
            success,
            truncate(error, 28),
            s.url
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let kept: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{kept}…")
}

fn source_json(s: &SourceState, now: chrono::DateTime<Utc>) -> serde_json::Value {
    serde_json::json!({
        "url": s.url,
        "kind": s.kind,
        "title": s.title,
        "status": s.status(),
        "articles": s.articles,
        "articles_per_day": s.articles_per_day(now),
        "last_poll": s.last_poll,
        "last_success": s.last_success,
        "last_error": s.last_error,
        "failures_in_a_row": s.failures,
        "next_poll": s.next_poll,
        "interval_secs": s.interval_secs,
        "polls": s.polls,
        "not_modified": s.not_modified,
        "pending_pages": s.pending.len(),
        "discovered": s.discovered,
    })
}

/// `storyline alert add|list|remove`. Alerts are written through a connection of
/// their own, so they can be changed while `serve` or `watch` runs.
pub(crate) fn alert(cli: &Cli, command: &AlertCommand) -> Result<ExitCode> {
    match command {
        AlertCommand::Add {
            name,
            query,
            language,
            entity,
        } => {
            let alert = Alert::new(name, query, language.as_deref(), entity.as_deref())
                .map_err(anyhow::Error::msg)?;
            let mut store = SqliteStore::open_dir(&cli.data)?;
            alert.save(&mut store)?;
            if !cli.quiet {
                eprintln!(
                    "alert {name} saved; `storyline serve` gives its stories at /alerts/{name}/feed.atom"
                );
            }
        }
        AlertCommand::List { json } => {
            let store = open_store(cli)?;
            for alert in Alert::all(&store)? {
                if *json {
                    println!("{}", serde_json::to_string(&alert)?);
                } else {
                    let mut filters = Vec::new();
                    if let Some(l) = &alert.language {
                        filters.push(format!("--language {l}"));
                    }
                    if let Some(e) = &alert.entity {
                        filters.push(format!("--entity {e:?}"));
                    }
                    println!("{:<20} {:?} {}", alert.name, alert.query, filters.join(" "));
                }
            }
        }
        AlertCommand::Remove { name } => {
            let mut store = open_store(cli)?;
            if !Alert::remove(&mut store, name)? {
                bail!("no alert named {name:?} (see `storyline alert list`)");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
