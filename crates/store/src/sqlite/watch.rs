//! The watcher's records (schema v10 `watch_state`), each replaced whole in one statement.

use chrono::Utc;
use rusqlite::{params, OptionalExtension, Row};

use super::{parse_ts, ts, SqliteStore};
use crate::{StoreError, WatchLog, WatchRecord};

fn record(row: &Row<'_>) -> rusqlite::Result<(String, String, String, String)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
}

fn finish(
    (kind, key, state, updated): (String, String, String, String),
) -> Result<WatchRecord, StoreError> {
    Ok(WatchRecord {
        kind,
        key,
        state,
        updated_at: parse_ts(&updated)?,
    })
}

impl WatchLog for SqliteStore {
    fn watch_records(&self, kind: &str) -> Result<Vec<WatchRecord>, StoreError> {
        let mut statement = self.conn.prepare(
            "SELECT kind, key, state, updated_at FROM watch_state WHERE kind = ?1 ORDER BY key",
        )?;
        let rows = statement.query_map(params![kind], record)?;
        rows.map(|r| finish(r?)).collect()
    }

    fn watch_record(&self, kind: &str, key: &str) -> Result<Option<WatchRecord>, StoreError> {
        self.conn
            .query_row(
                "SELECT kind, key, state, updated_at FROM watch_state WHERE kind = ?1 AND key = ?2",
                params![kind, key],
                record,
            )
            .optional()?
            .map(finish)
            .transpose()
    }

    fn save_watch_record(&mut self, kind: &str, key: &str, state: &str) -> Result<(), StoreError> {
        let tx = self.write_transaction()?;
        tx.execute(
            "INSERT INTO watch_state (kind, key, state, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (kind, key) DO UPDATE SET state = excluded.state,
                 updated_at = excluded.updated_at",
            params![kind, key, state, ts(Utc::now())],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn delete_watch_record(&mut self, kind: &str, key: &str) -> Result<bool, StoreError> {
        let tx = self.write_transaction()?;
        let gone = tx.execute(
            "DELETE FROM watch_state WHERE kind = ?1 AND key = ?2",
            params![kind, key],
        )?;
        tx.commit()?;
        Ok(gone > 0)
    }
}
