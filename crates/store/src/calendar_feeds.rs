//! Private calendar feeds for staff, and the reminders sent before an
//! activity.

use coproduce_domain::{ActivityId, InvitationId, OrganisationId, UserId};
use sqlx::Row;

use crate::{Result, Store, Tx};

/// An accepted invitation whose reminder is due and not yet sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueReminder {
    pub invitation_id: InvitationId,
    pub activity_id: ActivityId,
}

impl Store {
    /// The staff member whose feed has this token hash.
    pub async fn calendar_feed_user(&self, token_hash: &str) -> Result<Option<UserId>> {
        let id: Option<i64> =
            sqlx::query_scalar("SELECT user_id FROM calendar_feeds WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.read)
                .await?;
        Ok(id.map(UserId))
    }

    /// When the staff member's feed address was made, if they have one.
    pub async fn calendar_feed_made(&self, user: UserId) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE user_id = $1")
                .bind(user.0)
                .fetch_optional(&self.read)
                .await?,
        )
    }

    /// An organisation's activities that end at or after `from`, soonest
    /// first.
    pub async fn calendar_activity_ids(
        &self,
        organisation: OrganisationId,
        from: i64,
        limit: u32,
    ) -> Result<Vec<ActivityId>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM activities WHERE organisation_id = $1 AND ends_at >= $2 \
             ORDER BY starts_at, id LIMIT $3",
        )
        .bind(organisation.0)
        .bind(from)
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        Ok(ids.into_iter().map(ActivityId).collect())
    }

    /// Accepted invitations to activities that have not started and start
    /// within their organisation's reminder time, not yet reminded.
    pub async fn due_reminders(&self, now: i64, limit: u32) -> Result<Vec<DueReminder>> {
        let rows = sqlx::query(
            "SELECT i.id, i.activity_id FROM invitations i \
             JOIN activities a ON a.id = i.activity_id \
             JOIN organisations o ON o.id = a.organisation_id \
             WHERE i.status = 'accepted' AND i.reminded_at IS NULL \
             AND a.starts_at > $1 AND a.starts_at <= $1 + o.reminder_hours * 3600 \
             ORDER BY a.starts_at, i.id LIMIT $2",
        )
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DueReminder {
                    invitation_id: InvitationId(r.try_get("id")?),
                    activity_id: ActivityId(r.try_get("activity_id")?),
                })
            })
            .collect()
    }
}

impl Store {
    /// How many hours before an activity the organisation's reminders go.
    pub async fn reminder_hours(&self, organisation: OrganisationId) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT reminder_hours FROM organisations WHERE id = $1")
                .bind(organisation.0)
                .fetch_one(&self.read)
                .await?,
        )
    }
}

impl Tx {
    pub async fn set_reminder_hours(
        &mut self,
        organisation: OrganisationId,
        hours: i64,
    ) -> Result<()> {
        sqlx::query("UPDATE organisations SET reminder_hours = $1 WHERE id = $2")
            .bind(hours)
            .bind(organisation.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Marks invitations nobody answered as "no reply" once the reply-by
    /// day (`today`, `YYYY-MM-DD`, is after it) or the activity has come.
    /// Returns how many changed.
    pub async fn close_unanswered(&mut self, now: i64, today: &str) -> Result<u64> {
        let done = sqlx::query(
            "UPDATE invitations SET status = 'no_reply' WHERE status = 'invited' AND activity_id IN \
             (SELECT a.id FROM activities a WHERE a.starts_at <= $1 \
              OR (a.reply_by IS NOT NULL AND a.reply_by < $2))",
        )
        .bind(now)
        .bind(today)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(done.rows_affected())
    }

    /// Gives the staff member a new feed token hash, replacing any old one
    /// (whose address then stops working).
    pub async fn replace_calendar_feed(
        &mut self,
        user: UserId,
        token_hash: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, \
             created_at = excluded.created_at",
        )
        .bind(user.0)
        .bind(token_hash)
        .bind(now)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Marks an invitation reminded. False when it was already: whoever
    /// claims it first sends the reminder, so two server processes never
    /// send it twice.
    pub async fn claim_reminder(&mut self, invitation: InvitationId, now: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE invitations SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL",
        )
        .bind(now)
        .bind(invitation.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(done.rows_affected() == 1)
    }
}
