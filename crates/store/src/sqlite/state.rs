//! Derived state saved in the store (schema v9): one row per name, replaced whole in
//! one transaction, so a crash leaves the old state or the new, never half of one.

use chrono::Utc;
use rusqlite::{params, OptionalExtension};

use super::{ts, SqliteStore};
use crate::{SavedState, StoreError};

impl SqliteStore {
    pub(super) fn load_state(&self, name: &str) -> Result<Option<SavedState>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT through_key, data FROM saved_state WHERE name = ?1",
                params![name],
                |r| {
                    Ok(SavedState {
                        through: r.get(0)?,
                        data: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    pub(super) fn store_state(&mut self, name: &str, state: &SavedState) -> Result<(), StoreError> {
        let tx = self.write_transaction()?;
        tx.execute(
            "INSERT INTO saved_state (name, through_key, data, saved_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO UPDATE SET through_key = excluded.through_key,
                 data = excluded.data, saved_at = excluded.saved_at",
            params![name, state.through, state.data, ts(Utc::now())],
        )?;
        tx.commit()?;
        Ok(())
    }
}
