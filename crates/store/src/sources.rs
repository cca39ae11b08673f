//! What a watcher remembers between runs (schema v10): one record per followed
//! source and per host whose robots.txt it read. The store keeps each record as
//! opaque JSON under its kind and key — the watcher owns the fields — so a
//! restart neither refetches what it has seen nor forgets a source's failures.

use chrono::{DateTime, Utc};

use crate::StoreError;

/// One remembered record: `kind` says what it is about (`source`, `robots`), `key`
/// which one (the source's URL, the host's origin).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchRecord {
    pub kind: String,
    pub key: String,
    pub state: String,
    pub updated_at: DateTime<Utc>,
}

/// The watcher's records, on whatever store holds them.
pub trait WatchLog {
    /// Every record of `kind`, by key.
    fn watch_records(&self, kind: &str) -> Result<Vec<WatchRecord>, StoreError>;
    fn watch_record(&self, kind: &str, key: &str) -> Result<Option<WatchRecord>, StoreError>;
    /// Stores a record, replacing the one with the same kind and key.
    fn save_watch_record(&mut self, kind: &str, key: &str, state: &str) -> Result<(), StoreError>;
    /// Forgets a record; true if there was one.
    fn delete_watch_record(&mut self, kind: &str, key: &str) -> Result<bool, StoreError>;
}
