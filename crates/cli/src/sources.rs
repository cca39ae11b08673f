//! `storyline sources` (what each followed source did) and `storyline alert`
//! (saved queries with an Atom feed each).

use std::process::ExitCode;

use anyhow::{bail, Result};
use chrono::Utc;
use storyline_fetch::SourceState;
use storyline_server::alerts::Alert;
use storyline_store::WatchLog;

use crate::stores::{open_any, open_any_records};
use crate::watch::{followed, SOURCE};
use crate::{AlertCommand, Cli};

/// `storyline sources`: each followed source's status, last success, last error
/// and articles per day; `--forget URL` stops following one.
pub(crate) fn sources(cli: &Cli, json: bool, forget: Option<&str>) -> Result<ExitCode> {
    if let Some(url) = forget {
        let mut store = open_any_records(cli)?;
        if !store.delete_watch_record(SOURCE, url)? {
            bail!("{url} is not a followed source (see `storyline sources`)");
        }
        eprintln!("no longer following {url}");
        return Ok(ExitCode::SUCCESS);
    }
    let store = open_any(cli)?;
    let now = Utc::now();
    let states = followed(store.as_ref())?;
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
            let mut store = open_any_records(cli)?;
            alert.save(&mut store)?;
            if !cli.quiet {
                eprintln!(
                    "alert {name} saved; `storyline serve` gives its stories at /alerts/{name}/feed.atom"
                );
            }
        }
        AlertCommand::List { json } => {
            let store = open_any(cli)?;
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
            let mut store = open_any_records(cli)?;
            if !Alert::remove(&mut store, name)? {
                bail!("no alert named {name:?} (see `storyline alert list`)");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
