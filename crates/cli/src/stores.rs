//! Which store a command works on: the embedded SQLite store in `--data`, or the
//! PostgreSQL store `--store postgres://…` names (then `--data` keeps only what
//! is local to this machine: the search index).

use anyhow::{bail, Result};
use storyline_store::{Backend, PostgresStore, SqliteStore};

use crate::Cli;

pub(crate) type AnyStore = Box<dyn Backend>;

/// The `--store` URL, if one is given; anything but PostgreSQL is refused by name.
pub(crate) fn postgres_url(cli: &Cli) -> Result<Option<&str>> {
    let Some(url) = cli.store.as_deref().filter(|u| !u.is_empty()) else {
        return Ok(None);
    };
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        bail!(
            "--store {:?}: only postgres:// URLs are stores; without --store the store is in --data",
            url.split('@').next_back().unwrap_or(url)
        );
    }
    Ok(Some(url))
}

/// The store to read; an embedded one must exist already.
pub(crate) fn open_any(cli: &Cli) -> Result<AnyStore> {
    Ok(match postgres_url(cli)? {
        Some(url) => Box::new(PostgresStore::connect(url)?),
        None => Box::new(SqliteStore::open_dir_existing(&cli.data)?),
    })
}

/// The store for records any process may write beside the writer (alerts, what
/// the watcher remembers); an embedded one is created if missing.
pub(crate) fn open_any_records(cli: &Cli) -> Result<AnyStore> {
    Ok(match postgres_url(cli)? {
        Some(url) => Box::new(PostgresStore::connect(url)?),
        None => Box::new(SqliteStore::open_dir(&cli.data)?),
    })
}

/// Where the store is, for messages.
pub(crate) fn describe(cli: &Cli) -> String {
    match postgres_url(cli) {
        Ok(Some(url)) => PostgresStore::shown(url),
        _ => cli.data.display().to_string(),
    }
}
