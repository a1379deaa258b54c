//! Signed-in sessions and the record of failed sign-ins. Both live in the
//! database so that every server process sees them.

use coproduce_domain::UserId;
use sqlx::FromRow;

use crate::{Result, Store, Tx};

/// A live session. The id itself is never stored, only its hash.
#[derive(Debug, Clone, FromRow)]
pub struct SessionRecord {
    pub user_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
}

impl Store {
    pub async fn session(&self, id_hash: &str) -> Result<Option<SessionRecord>> {
        Ok(sqlx::query_as::<_, SessionRecord>(
            "SELECT user_id, created_at, last_seen_at, expires_at FROM sessions WHERE id_hash = $1",
        )
        .bind(id_hash)
        .fetch_optional(&self.read)
        .await?)
    }

    /// How many sign-ins failed for `key` since `since`.
    pub async fn sign_in_failures(&self, key: &str, since: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM sign_in_failures WHERE throttle_key = $1 AND failed_at >= $2",
        )
        .bind(key)
        .bind(since)
        .fetch_one(&self.read)
        .await?)
    }
}

impl Tx {
    pub async fn insert_session(
        &mut self,
        id_hash: &str,
        user: UserId,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at) \
             VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(id_hash)
        .bind(user.0)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn touch_session(&mut self, id_hash: &str, now: i64) -> Result<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(id_hash)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn delete_session(&mut self, id_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Ends every session of a user: after a password change or when the
    /// account is turned off.
    pub async fn delete_sessions_of(&mut self, user: UserId) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Removes sessions past their time and failures older than `before`.
    pub async fn delete_expired_sessions(&mut self, now: i64, idle_before: i64) -> Result<u64> {
        let sessions =
            sqlx::query("DELETE FROM sessions WHERE expires_at < $1 OR last_seen_at < $2")
                .bind(now)
                .bind(idle_before)
                .execute(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        Ok(sessions.rows_affected())
    }

    pub async fn record_sign_in_failure(&mut self, key: &str, now: i64) -> Result<()> {
        sqlx::query("INSERT INTO sign_in_failures (throttle_key, failed_at) VALUES ($1, $2)")
            .bind(key)
            .bind(now)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn delete_sign_in_failures_before(&mut self, before: i64) -> Result<()> {
        sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < $1")
            .bind(before)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }
}

impl Tx {
    pub async fn clear_sign_in_failures(&mut self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM sign_in_failures WHERE throttle_key = $1")
            .bind(key)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }
}
