//! The audit trail: an append-only record of who did what to which record.
//! The database itself refuses to change or remove an entry.

use coproduce_domain::{OrganisationId, UserId};
use sqlx::FromRow;

use crate::{Result, Store, Tx};

/// An entry to append.
#[derive(Debug, Clone)]
pub struct AuditEvent<'a> {
    pub actor: Option<UserId>,
    /// Who acted when there is no signed-in user: "command line", "system",
    /// "public form". Never personal data.
    pub actor_label: &'a str,
    pub organisation: Option<OrganisationId>,
    /// What happened, as a dotted name: `user.create`, `person.view`.
    pub action: &'a str,
    pub record_type: &'a str,
    pub record_id: Option<i64>,
    /// A short description without personal data.
    pub detail: &'a str,
}

/// An entry as stored, with the acting user's name for display.
#[derive(Debug, Clone, FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub occurred_at: i64,
    pub actor_user_id: Option<i64>,
    pub actor_name: Option<String>,
    pub actor_label: String,
    pub action: String,
    pub record_type: String,
    pub record_id: Option<i64>,
    pub detail: String,
}

impl Tx {
    pub async fn audit(&mut self, event: AuditEvent<'_>, now: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO audit_events (occurred_at, actor_user_id, actor_label, organisation_id, \
             action, record_type, record_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(now)
        .bind(event.actor.map(|u| u.0))
        .bind(event.actor_label)
        .bind(event.organisation.map(|o| o.0))
        .bind(event.action)
        .bind(event.record_type)
        .bind(event.record_id)
        .bind(event.detail)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }
}

impl Store {
    /// One page of an organisation's audit trail, newest first, before the
    /// entry `before`.
    pub async fn audit_trail(
        &self,
        organisation: OrganisationId,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>> {
        Ok(sqlx::query_as::<_, AuditEntry>(
            "SELECT a.id, a.occurred_at, a.actor_user_id, u.display_name AS actor_name, \
             a.actor_label, a.action, a.record_type, a.record_id, a.detail \
             FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id \
             WHERE a.organisation_id = $1 AND a.id < $2 ORDER BY a.id DESC LIMIT $3",
        )
        .bind(organisation.0)
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?)
    }

    /// Every entry about one record, oldest first.
    pub async fn audit_of_record(
        &self,
        record_type: &str,
        record_id: i64,
    ) -> Result<Vec<AuditEntry>> {
        Ok(sqlx::query_as::<_, AuditEntry>(
            "SELECT a.id, a.occurred_at, a.actor_user_id, u.display_name AS actor_name, \
             a.actor_label, a.action, a.record_type, a.record_id, a.detail \
             FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id \
             WHERE a.record_type = $1 AND a.record_id = $2 ORDER BY a.id",
        )
        .bind(record_type)
        .bind(record_id)
        .fetch_all(&self.read)
        .await?)
    }
}
