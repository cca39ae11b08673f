//! [`WorkQueue`] on PostgreSQL: leases with `FOR UPDATE SKIP LOCKED`, a lease that
//! ends when it runs out or when its holder's connection is gone, enqueues serialised
//! by an advisory lock so that queue order is commit order.

use std::time::Duration;

use postgres::Row;

use super::PostgresStore;
use crate::work::{Leased, Prepared, QueueCounts, Ready, Seq, WorkQueue, MAX_ATTEMPTS};
use crate::StoreError;

/// The advisory lock enqueuers take for their transaction (any constant of ours).
const ENQUEUE_LOCK: i64 = 0x5354_4f52_5155_4555;

/// Documents inserted per statement when enqueueing.
const ENQUEUE_CHUNK: usize = 256;

/// A lease nobody can renew any more: run out, or its holder's connection closed.
const LAPSED: &str = "(lease_until IS NULL OR lease_until < now()
     OR lease_pid NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL))";

fn ready_from_row(row: &Row) -> Ready {
    let prepared = match (
        row.get::<_, Option<Vec<u8>>>(2),
        row.get::<_, Option<String>>(3),
    ) {
        (Some(bytes), _) => Prepared::Done(bytes),
        (None, error) => Prepared::Failed(error.unwrap_or_else(|| "no result recorded".into())),
    };
    Ready {
        seq: row.get(0),
        origin: row.get(1),
        prepared,
        stored: row.get::<_, Option<bool>>(4).unwrap_or(false),
    }
}

impl WorkQueue for PostgresStore {
    fn enqueue(&mut self, documents: &[(String, Vec<u8>)]) -> Result<(), StoreError> {
        atomically!(self, |db| {
            db.execute("SELECT pg_advisory_xact_lock($1)", &[&ENQUEUE_LOCK])?;
            for chunk in documents.chunks(ENQUEUE_CHUNK) {
                let origins: Vec<&str> = chunk.iter().map(|(o, _)| o.as_str()).collect();
                let bodies: Vec<&[u8]> = chunk.iter().map(|(_, d)| d.as_slice()).collect();
                db.execute(
                    "INSERT INTO work_queue (origin, document)
                     SELECT o, d FROM unnest($1::TEXT[], $2::BYTEA[]) WITH ORDINALITY AS t(o, d, n)
                     ORDER BY n",
                    &[&origins, &bodies],
                )?;
            }
            Ok::<(), StoreError>(())
        })
    }

    fn lease(&mut self, limit: usize, lease: Duration) -> Result<Vec<Leased>, StoreError> {
        let limit = limit.min(i64::MAX as usize) as i64;
        let secs = lease.as_secs_f64();
        atomically!(self, |db| {
            db.execute(
                &format!(
                    "UPDATE work_queue SET state = 'prepared', lease_pid = NULL, lease_until = NULL,
                     error = 'given up: the worker that took it stopped ' || attempts || ' times'
                     WHERE state = 'queued' AND attempts >= $1 AND {LAPSED}"
                ),
                &[&MAX_ATTEMPTS],
            )?;
            let rows = db.query(
                &format!(
                    "WITH picked AS (
                       SELECT seq FROM work_queue WHERE state = 'queued' AND {LAPSED}
                       ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
                     UPDATE work_queue w SET lease_pid = pg_backend_pid(),
                       lease_until = now() + $2 * INTERVAL '1 second', attempts = attempts + 1
                     FROM picked WHERE w.seq = picked.seq
                     RETURNING w.seq, w.origin, w.document"
                ),
                &[&limit, &secs],
            )?;
            let mut leased: Vec<Leased> = rows
                .iter()
                .map(|r| Leased {
                    seq: r.get(0),
                    origin: r.get(1),
                    document: r.get(2),
                })
                .collect();
            leased.sort_by_key(|l| l.seq);
            Ok::<_, StoreError>(leased)
        })
    }

    fn prepare(&mut self, seq: Seq, prepared: &Prepared) -> Result<(), StoreError> {
        let (bytes, error) = match prepared {
            Prepared::Done(b) => (Some(b.as_slice()), None),
            Prepared::Failed(e) => (None, Some(e.as_str())),
        };
        self.db().execute(
            "UPDATE work_queue SET state = 'prepared', prepared = $2, error = $3,
             lease_pid = NULL, lease_until = NULL
             WHERE seq = $1 AND state = 'queued'",
            &[&seq, &bytes, &error],
        )?;
        Ok(())
    }

    fn next_ready(&self, limit: usize) -> Result<Vec<Ready>, StoreError> {
        let rows = self.db().query(
            "SELECT seq, origin, prepared, error, stored, state FROM work_queue
             WHERE state <> 'assigned' ORDER BY seq LIMIT $1",
            &[&(limit.min(i64::MAX as usize) as i64)],
        )?;
        Ok(rows
            .iter()
            .take_while(|r| r.get::<_, String>(5) == "prepared")
            .map(ready_from_row)
            .collect())
    }

    fn head_waiting(&self) -> Result<bool, StoreError> {
        let row = self.db().query_opt(
            "SELECT state FROM work_queue WHERE state <> 'assigned' ORDER BY seq LIMIT 1",
            &[],
        )?;
        Ok(row.is_some_and(|r| r.get::<_, String>(0) == "queued"))
    }

    fn mark_assigned(&mut self, seq: Seq, stored: bool) -> Result<(), StoreError> {
        self.db().execute(
            "UPDATE work_queue SET state = 'assigned', stored = $2 WHERE seq = $1",
            &[&seq, &stored],
        )?;
        Ok(())
    }

    fn assigned_after(&self, seq: Seq, limit: usize) -> Result<Vec<Ready>, StoreError> {
        let rows = self.db().query(
            "SELECT seq, origin, prepared, error, stored FROM work_queue
             WHERE state = 'assigned' AND seq > $1 ORDER BY seq LIMIT $2",
            &[&seq, &(limit.min(i64::MAX as usize) as i64)],
        )?;
        Ok(rows.iter().map(ready_from_row).collect())
    }

    fn forget_through(&mut self, seq: Seq) -> Result<(), StoreError> {
        self.db().execute(
            "DELETE FROM work_queue WHERE state = 'assigned' AND seq <= $1",
            &[&seq],
        )?;
        Ok(())
    }

    fn queue_counts(&self) -> Result<QueueCounts, StoreError> {
        let row = self.db().query_one(
            "SELECT COUNT(*) FILTER (WHERE state = 'queued'),
                    COUNT(*) FILTER (WHERE state = 'queued' AND lease_until >= now()),
                    COUNT(*) FILTER (WHERE state = 'prepared'),
                    COUNT(*) FILTER (WHERE state = 'assigned')
             FROM work_queue",
            &[],
        )?;
        let n = |i: usize| row.get::<_, i64>(i).max(0) as u64;
        Ok(QueueCounts {
            queued: n(0),
            leased: n(1),
            prepared: n(2),
            assigned: n(3),
        })
    }

    fn begin_batch(&mut self) -> Result<(), StoreError> {
        self.db().batch_execute("BEGIN")?;
        self.in_batch.set(true);
        Ok(())
    }

    fn commit_batch(&mut self) -> Result<(), StoreError> {
        self.in_batch.set(false);
        self.db().batch_execute("COMMIT")?;
        Ok(())
    }

    fn rollback_batch(&mut self) -> Result<(), StoreError> {
        self.in_batch.set(false);
        self.db().batch_execute("ROLLBACK")?;
        Ok(())
    }

    fn try_clusterer_role(&mut self) -> Result<bool, StoreError> {
        self.try_writer_lock()
    }
}
