//! One-time password links and API tokens. Only hashes of the secrets are
//! stored, so a copy of the database does not hand out access.

use coproduce_domain::UserId;

use crate::{Result, Store, Tx};

impl Store {
    /// The owner of a live API token.
    pub async fn api_token_owner(&self, token_hash: &str) -> Result<Option<UserId>> {
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT user_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(&self.read)
        .await?;
        Ok(id.map(UserId))
    }
}

impl Tx {
    pub async fn insert_password_token(
        &mut self,
        token_hash: &str,
        user: UserId,
        purpose: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO password_tokens (token_hash, user_id, purpose, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(user.0)
        .bind(purpose)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Marks a live one-time token used and returns its user, or `None`
    /// when it is unknown, used or out of date. Done in one statement, so a
    /// link cannot be used twice even by two requests at the same moment.
    pub async fn use_password_token(
        &mut self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<UserId>> {
        let id: Option<i64> = sqlx::query_scalar(
            "UPDATE password_tokens SET used_at = $1 \
             WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(now)
        .bind(token_hash)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(id.map(UserId))
    }

    pub async fn insert_api_token(
        &mut self,
        user: UserId,
        token_hash: &str,
        label: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(user.0)
        .bind(token_hash)
        .bind(label)
        .bind(now)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }
}

impl Store {
    /// Whether a one-time token is live, without using it: for showing the
    /// "choose a password" form.
    pub async fn password_token_user(&self, token_hash: &str, now: i64) -> Result<Option<UserId>> {
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT user_id FROM password_tokens \
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.read)
        .await?;
        Ok(id.map(UserId))
    }
}
