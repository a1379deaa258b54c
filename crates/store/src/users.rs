//! Staff accounts.

use coproduce_domain::{Email, OrganisationId, Role, StaffUser, UserId};
use sqlx::FromRow;

use crate::error::found;
use crate::{Result, Store, StoreError, Tx};

#[derive(FromRow)]
struct UserRow {
    id: i64,
    organisation_id: i64,
    email: String,
    display_name: String,
    role: String,
    /// 0 or 1: flags are integers so both engines read them the same way.
    active: i64,
    created_at: i64,
}

impl TryFrom<UserRow> for StaffUser {
    type Error = StoreError;

    fn try_from(row: UserRow) -> Result<Self> {
        let corrupt = |e: coproduce_domain::Invalid| StoreError::Corrupt(e.message);
        Ok(StaffUser {
            id: UserId(row.id),
            organisation_id: OrganisationId(row.organisation_id),
            email: Email::parse(&row.email).map_err(corrupt)?,
            display_name: row.display_name,
            role: Role::parse(&row.role).map_err(corrupt)?,
            active: row.active != 0,
            created_at: row.created_at,
        })
    }
}

/// A staff account with its password hash, for signing in only.
pub struct Credentials {
    pub user: StaffUser,
    pub password_hash: Option<String>,
}

#[derive(FromRow)]
struct CredentialsRow {
    #[sqlx(flatten)]
    user: UserRow,
    password_hash: Option<String>,
}

const COLUMNS: &str = "id, organisation_id, email, display_name, role, active, created_at";

impl Store {
    pub async fn user(&self, id: UserId) -> Result<StaffUser> {
        let row =
            sqlx::query_as::<_, UserRow>(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
                .bind(id.0)
                .fetch_optional(&self.read)
                .await?;
        found(row)?.try_into()
    }

    pub async fn user_by_email(&self, email: &Email) -> Result<StaffUser> {
        let row =
            sqlx::query_as::<_, UserRow>(&format!("SELECT {COLUMNS} FROM users WHERE email = $1"))
                .bind(email.as_str())
                .fetch_optional(&self.read)
                .await?;
        found(row)?.try_into()
    }

    pub async fn credentials(&self, email: &Email) -> Result<Credentials> {
        let row = sqlx::query_as::<_, CredentialsRow>(&format!(
            "SELECT {COLUMNS}, password_hash FROM users WHERE email = $1"
        ))
        .bind(email.as_str())
        .fetch_optional(&self.read)
        .await?;
        let row = found(row)?;
        Ok(Credentials {
            user: row.user.try_into()?,
            password_hash: row.password_hash,
        })
    }

    /// One page of an organisation's staff in id order, after `after`.
    pub async fn users_in(
        &self,
        organisation: OrganisationId,
        after: Option<UserId>,
        limit: u32,
    ) -> Result<Vec<StaffUser>> {
        sqlx::query_as::<_, UserRow>(&format!(
            "SELECT {COLUMNS} FROM users WHERE organisation_id = $1 AND id > $2 \
             ORDER BY id LIMIT $3"
        ))
        .bind(organisation.0)
        .bind(after.map_or(0, |id| id.0))
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?
        .into_iter()
        .map(StaffUser::try_from)
        .collect()
    }

    pub async fn count_users_in(&self, organisation: OrganisationId) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE organisation_id = $1")
                .bind(organisation.0)
                .fetch_one(&self.read)
                .await?,
        )
    }
}

impl Tx {
    /// Adds a staff account without a password; the person sets one through
    /// a one-time link. An address in use fails with `users_email_key`.
    pub async fn insert_user(
        &mut self,
        organisation: OrganisationId,
        email: &Email,
        display_name: &str,
        role: Role,
        now: i64,
    ) -> Result<UserId> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (organisation_id, email, display_name, role, active, created_at) \
             VALUES ($1, $2, $3, $4, 1, $5) RETURNING id",
        )
        .bind(organisation.0)
        .bind(email.as_str())
        .bind(display_name)
        .bind(role.as_str())
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(UserId(id))
    }

    pub async fn set_password_hash(&mut self, user: UserId, hash: &str) -> Result<()> {
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub async fn update_user(
        &mut self,
        user: UserId,
        display_name: &str,
        role: Role,
        active: bool,
    ) -> Result<()> {
        let done =
            sqlx::query("UPDATE users SET display_name = $1, role = $2, active = $3 WHERE id = $4")
                .bind(display_name)
                .bind(role.as_str())
                .bind(i64::from(active))
                .bind(user.0)
                .execute(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
