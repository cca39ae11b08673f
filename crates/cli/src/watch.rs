//! `storyline watch`: follow feeds, sitemaps and home pages into the store (or into
//! a running server's queue). The fetching is `storyline-fetch`'s; this module
//! wires it to the engine and the store.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use chrono::Utc;
use storyline_fetch::{opml_feeds, Client, RobotsRecord, Settings, SourcePoll, SourceState};
use storyline_store::WatchLog;

use crate::commands::exit_status;
use crate::config_file::Sections;
use crate::intake::{Destination, Intake};
use crate::{Cli, Command};

pub(crate) const SOURCE: &str = "source";
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

/// `storyline watch` as the command line gave it.
pub(crate) fn run(cli: &Cli, sections: &Sections) -> Result<ExitCode> {
    let Command::Watch {
        sources,
        list,
        once,
        interval,
        allow_private,
        user_agent,
        resolve,
    } = &cli.command
    else {
        bail!("not a watch command");
    };
    let args = WatchArgs {
        sources,
        list: list.as_deref(),
        once: *once,
        interval: *interval,
        allow_private: *allow_private,
        user_agent: user_agent.as_deref(),
        resolve,
    };
    watch(cli, sections, &args)
}

fn watch(cli: &Cli, sections: &Sections, args: &WatchArgs) -> Result<ExitCode> {
    let settings = settings(sections, args)?;
    let urls = source_urls(args)?;
    let mut to = Destination::open(cli, sections, "watch")?;
    let client = Client::new(settings);
    for record in to.log_ref().watch_records(ROBOTS)? {
        if let Ok(robots) = serde_json::from_str::<RobotsRecord>(&record.state) {
            client.preload_robots(&record.key, robots);
        }
    }
    let mut states = load_states(to.log_ref(), &urls)?;
    let stop = stop_on_signal();
    let mut failed = false;
    loop {
        let now = Utc::now();
        let (due, waiting): (Vec<_>, Vec<_>) =
            states.into_iter().partition(|s| args.once || s.is_due(now));
        states = waiting;
        if !due.is_empty() {
            let mut intake = Intake::new(due.len());
            let polls = client.poll_streaming(due, |source, doc| intake.add(&mut to, source, doc));
            intake.flush(&mut to);
            if let Some(fatal) = intake.fatal.take() {
                bail!("{fatal}; watch stopped, everything before this point is kept");
            }
            for (i, poll) in polls.into_iter().enumerate() {
                failed |= settle(cli, &mut to, poll, &intake, i, &mut states)?;
            }
            save_robots(&mut to, &client)?;
            match &mut to {
                Destination::Engine(engine) => engine.flush_search(),
                Destination::Queue { url, .. } => {
                    crate::work::drain(cli, sections, url, &stop)?;
                }
                Destination::Server { .. } => {}
            }
        }
        if args.once || stop.load(Ordering::SeqCst) {
            break;
        }
        sleep_until_due(&states, &stop);
        if stop.load(Ordering::SeqCst) {
            break;
        }
    }
    if let Destination::Engine(engine) = &mut to {
        if let Err(e) = engine.save_state() {
            eprintln!(
                "warning: could not save the clustering state ({e}); the next run rebuilds it"
            );
        }
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

/// Every source the store follows, as remembered (records that do not read as a
/// source's state are skipped).
pub(crate) fn followed(store: &dyn WatchLog) -> Result<Vec<SourceState>> {
    Ok(store
        .watch_records(SOURCE)?
        .into_iter()
        .filter_map(|r| serde_json::from_str(&r.state).ok())
        .collect())
}

/// The remembered state of each source (new ones start empty); with no source
/// named, every source the store follows.
fn load_states(store: &dyn WatchLog, urls: &[String]) -> Result<Vec<SourceState>> {
    let remembered = followed(store)?;
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

fn save_robots(to: &mut Destination, client: &Client) -> Result<()> {
    for (origin, record) in client.robots_records() {
        let json = serde_json::to_string(&record).context("robots.txt record as JSON")?;
        to.log().save_watch_record(ROBOTS, &origin, &json)?;
    }
    Ok(())
}

/// Saves a polled source's state, says how it went; true if anything failed.
fn settle(
    cli: &Cli,
    to: &mut Destination,
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
    let (taken, ingest_failures) = (intake.taken[index], intake.failed[index]);
    let handed = matches!(to, Destination::Server { .. });
    // With a server, what it accepted (it stores each article once, as here).
    state.record_articles(taken, Utc::now());
    let json = serde_json::to_string(&state).context("source state as JSON")?;
    to.log().save_watch_record(SOURCE, &state.url, &json)?;
    // Only failures are left in `pages`; the fetched pages went to the intake.
    let failures = pages.len() as u64 + ingest_failures + errors.len() as u64;
    if !cli.quiet {
        let unchanged = if not_modified > 0 {
            " (unchanged: 304)"
        } else {
            ""
        };
        let verb = if handed {
            "sent to the server"
        } else {
            "stored"
        };
        eprintln!(
            "{}: {new_entries} new, {taken} {verb}, {failures} failed{unchanged}",
            state.url
        );
    }
    states.push(state);
    Ok(failures > 0)
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
    stop_on_signal_saying("stopping after this poll…")
}

/// A flag raised by Ctrl-C or SIGTERM, saying `what` happens then.
pub(crate) fn stop_on_signal_saying(what: &'static str) -> Arc<AtomicBool> {
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
            eprintln!("{what}");
            raised.store(true, Ordering::SeqCst);
        });
    }
    flag
}
