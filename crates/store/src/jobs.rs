//! The job queue: typed background work stored in the database, so that it
//! survives restarts and any server process can do it.

use sqlx::FromRow;

use crate::{Engine, Result, Store, Tx};

/// A claimed job.
#[derive(Debug, Clone, FromRow)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
}

/// How long a claimed job is reserved for its worker before another may
/// take it over (the worker died).
const LEASE_SECONDS: i64 = 300;

impl Tx {
    /// Queues a job inside the transaction of the change that causes it.
    pub async fn enqueue_job(&mut self, kind: &str, payload: &str, now: i64) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO jobs (kind, payload, run_at, attempts, created_at) \
             VALUES ($1, $2, $3, 0, $3) RETURNING id",
        )
        .bind(kind)
        .bind(payload)
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(id)
    }
}

impl Store {
    /// Claims the oldest job that is due and not held by another worker.
    pub async fn claim_job(&self, now: i64) -> Result<Option<Job>> {
        // PostgreSQL lets concurrent workers skip each other's rows; SQLite
        // has one writer, so the plain form is already exclusive.
        let lock = match self.engine {
            Engine::Postgres => "FOR UPDATE SKIP LOCKED",
            Engine::Sqlite => "",
        };
        let sql = format!(
            "UPDATE jobs SET locked_until = $1, attempts = attempts + 1 WHERE id = (\
             SELECT id FROM jobs WHERE done_at IS NULL AND run_at <= $2 \
             AND (locked_until IS NULL OR locked_until < $2) ORDER BY run_at, id LIMIT 1 {lock}) \
             RETURNING id, kind, payload, attempts"
        );
        Ok(sqlx::query_as::<_, Job>(&sql)
            .bind(now + LEASE_SECONDS)
            .bind(now)
            .fetch_optional(&self.write)
            .await?)
    }

    pub async fn finish_job(&self, id: i64, now: i64) -> Result<()> {
        sqlx::query("UPDATE jobs SET done_at = $1, locked_until = NULL WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    /// Puts a failed job back to run again at `retry_at`, or gives up on it
    /// (`retry_at` of `None`) keeping the error for staff to see.
    pub async fn fail_job(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<i64>,
        now: i64,
    ) -> Result<()> {
        match retry_at {
            Some(at) => {
                sqlx::query(
                    "UPDATE jobs SET run_at = $1, locked_until = NULL, last_error = $2 WHERE id = $3",
                )
                .bind(at)
                .bind(error)
                .bind(id)
                .execute(&self.write)
                .await?;
            }
            None => {
                sqlx::query(
                    "UPDATE jobs SET done_at = $1, locked_until = NULL, last_error = $2 WHERE id = $3",
                )
                .bind(now)
                .bind(format!("gave up: {error}"))
                .bind(id)
                .execute(&self.write)
                .await?;
            }
        }
        Ok(())
    }

    /// Jobs not yet done: for the health of the queue and for tests.
    pub async fn pending_jobs(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE done_at IS NULL")
                .fetch_one(&self.read)
                .await?,
        )
    }
}
