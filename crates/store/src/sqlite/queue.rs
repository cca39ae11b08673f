//! [`TaskQueue`] on the SQLite store: the `tasks` table (schema v7). Ids come from
//! `AUTOINCREMENT`, which never hands out an id again, even after the highest row
//! is deleted.

use chrono::Utc;
use rusqlite::{params, OptionalExtension};

use super::{parse_opt_ts, parse_ts, ts, SqliteStore};
use crate::queue::{QueuedTask, TaskId, TaskQueue, TaskRecord, TaskState};
use crate::StoreError;

impl TaskQueue for SqliteStore {
    fn enqueue(&mut self, name: &str, body: &[u8]) -> Result<TaskId, StoreError> {
        let tx = self.write_transaction()?;
        tx.execute(
            "INSERT INTO tasks (name, body, state, attempts, enqueued_at) VALUES (?1, ?2, ?3, 0, ?4)",
            params![name, body, TaskState::Enqueued.as_str(), ts(Utc::now())],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id as TaskId)
    }

    fn take_next(&mut self) -> Result<Option<QueuedTask>, StoreError> {
        let tx = self.write_transaction()?;
        let next = tx
            .query_row(
                "SELECT id, name, body, attempts FROM tasks WHERE state IN ('processing', 'enqueued')
                 ORDER BY CASE state WHEN 'processing' THEN 0 ELSE 1 END, id LIMIT 1",
                [],
                |r| {
                    Ok(QueuedTask {
                        id: r.get::<_, i64>(0)? as TaskId,
                        name: r.get(1)?,
                        body: r.get::<_, Option<Vec<u8>>>(2)?.unwrap_or_default(),
                        attempts: r.get::<_, i64>(3)? as u32 + 1,
                    })
                },
            )
            .optional()?;
        if let Some(task) = &next {
            tx.execute(
                "UPDATE tasks SET state = 'processing', attempts = ?2, started_at = ?3 WHERE id = ?1",
                params![task.id as i64, task.attempts, ts(Utc::now())],
            )?;
        }
        tx.commit()?;
        Ok(next)
    }

    fn finish(&mut self, id: TaskId, state: TaskState, result: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE tasks SET state = ?2, result = ?3, body = NULL, finished_at = ?4 WHERE id = ?1",
            params![id as i64, state.as_str(), result, ts(Utc::now())],
        )?;
        Ok(())
    }

    fn task(&self, id: TaskId) -> Result<Option<TaskRecord>, StoreError> {
        let Ok(id) = i64::try_from(id) else {
            return Ok(None);
        };
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {TASK_COLUMNS} FROM tasks WHERE id = ?1"))?;
        let mut rows = stmt.query_map(params![id], task_from_row)?;
        rows.next()
            .transpose()?
            .map(TaskRecord::try_from)
            .transpose()
    }

    fn tasks(&self, before: Option<TaskId>, limit: usize) -> Result<Vec<TaskRecord>, StoreError> {
        let before = before.map_or(i64::MAX, |b| i64::try_from(b).unwrap_or(i64::MAX));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {TASK_COLUMNS} FROM tasks WHERE id < ?1 ORDER BY id DESC LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![before, limit as i64], task_from_row)?;
        rows.map(|row| TaskRecord::try_from(row?)).collect()
    }

    fn task_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM tasks", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    fn unfinished_tasks(&self) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM tasks WHERE state IN ('processing', 'enqueued')",
            [],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }
}

const TASK_COLUMNS: &str =
    "id, name, state, result, attempts, enqueued_at, started_at, finished_at";

/// A `tasks` row as read; its state is checked in the conversion.
struct TaskRow {
    id: i64,
    name: String,
    state: String,
    result: Option<String>,
    attempts: i64,
    enqueued_at: chrono::DateTime<Utc>,
    started_at: Option<chrono::DateTime<Utc>>,
    finished_at: Option<chrono::DateTime<Utc>>,
}

fn task_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TaskRow> {
    Ok(TaskRow {
        id: r.get(0)?,
        name: r.get(1)?,
        state: r.get(2)?,
        result: r.get(3)?,
        attempts: r.get(4)?,
        enqueued_at: parse_ts(&r.get::<_, String>(5)?)?,
        started_at: parse_opt_ts(r.get(6)?)?,
        finished_at: parse_opt_ts(r.get(7)?)?,
    })
}

impl TryFrom<TaskRow> for TaskRecord {
    type Error = StoreError;

    fn try_from(row: TaskRow) -> Result<Self, StoreError> {
        Ok(TaskRecord {
            id: row.id as TaskId,
            name: row.name,
            state: TaskState::parse(&row.state)?,
            result: row.result,
            attempts: row.attempts as u32,
            enqueued_at: row.enqueued_at,
            started_at: row.started_at,
            finished_at: row.finished_at,
        })
    }
}
