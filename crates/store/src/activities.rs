//! Activities, their invitations and replies, the adjustments to arrange
//! and attendance.

use std::collections::BTreeSet;

use coproduce_domain::activity::{
    Activity, ActivityPlan, ActivityType, AdjustmentKind, Attendance, InvitationStatus,
    PlaceFeature,
};
use coproduce_domain::dates::parse_uk_date;
use coproduce_domain::person::ExperienceArea;
use coproduce_domain::{ActivityId, InvitationId, OrganisationId, PersonId, ProjectId, UserId};
use sqlx::{FromRow, Row};

use crate::codes::{code, corrupt, numbered_params};
use crate::error::found;
use crate::{Result, Store, StoreError, Tx};

#[derive(FromRow)]
struct ActivityRow {
    id: i64,
    organisation_id: i64,
    project_id: Option<i64>,
    kind: String,
    title: String,
    description: String,
    starts_at: i64,
    ends_at: i64,
    place: Option<String>,
    online_link: Option<String>,
    platform: Option<String>,
    places: i64,
    roles_needed: Option<String>,
    preparation_minutes: i64,
    easy_read_papers: i64,
    reply_by: Option<String>,
    open_to_public: i64,
    how_to_take_part: Option<String>,
    created_at: i64,
}

const COLUMNS: &str = "id, organisation_id, project_id, kind, title, description, starts_at, ends_at, \
    place, online_link, platform, places, roles_needed, preparation_minutes, easy_read_papers, reply_by, \
    open_to_public, how_to_take_part, created_at";

fn activity_from(row: ActivityRow, features: &[String], areas: &[String]) -> Result<Activity> {
    Ok(Activity {
        id: ActivityId(row.id),
        organisation_id: OrganisationId(row.organisation_id),
        project_id: row.project_id.map(ProjectId),
        plan: ActivityPlan {
            kind: code(&row.kind, ActivityType::parse, "activity type")?,
            title: row.title,
            description: row.description,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            place: row.place,
            features: features
                .iter()
                .map(|f| code(f, PlaceFeature::parse, "place feature"))
                .collect::<Result<BTreeSet<_>>>()?,
            online_link: row.online_link,
            platform: row.platform,
            places: u32::try_from(row.places).map_err(|_| corrupt("places", "out of range"))?,
            roles_needed: row.roles_needed,
            preparation_minutes: u32::try_from(row.preparation_minutes)
                .map_err(|_| corrupt("preparation", "out of range"))?,
            easy_read_papers: row.easy_read_papers != 0,
            reply_by: row
                .reply_by
                .map(|d| parse_uk_date(&d).map_err(|_| corrupt("date", &d)))
                .transpose()?,
            open_to_public: row.open_to_public != 0,
            how_to_take_part: row.how_to_take_part,
            areas: areas
                .iter()
                .map(|a| code(a, ExperienceArea::parse, "experience area"))
                .collect::<Result<BTreeSet<_>>>()?,
        },
        created_at: row.created_at,
    })
}

/// A line of an activity list.
#[derive(Debug, Clone)]
pub struct ActivitySummary {
    pub id: ActivityId,
    pub kind: ActivityType,
    pub title: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub places: i64,
    pub accepted: i64,
    pub waiting: i64,
}

/// An invitation with the person's name and how to reach them.
#[derive(Debug, Clone)]
pub struct InvitationRecord {
    pub id: InvitationId,
    pub activity_id: ActivityId,
    pub person_id: PersonId,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub status: InvitationStatus,
    pub waiting_position: Option<i64>,
    pub asked_at: i64,
    pub replied_at: Option<i64>,
    pub attendance: Option<Attendance>,
    pub minutes: Option<i64>,
    pub attendance_notes: Option<String>,
}

const INVITATION_SELECT: &str = "SELECT i.id, i.activity_id, i.person_id, p.name, p.email, p.phone, \
    p.address, p.postcode, i.status, i.waiting_position, i.asked_at, i.replied_at, i.attendance, \
    i.minutes, i.attendance_notes FROM invitations i JOIN people p ON p.id = i.person_id";

fn invitation_from(r: &sqlx::any::AnyRow) -> Result<InvitationRecord> {
    let attendance: Option<String> = r.try_get("attendance")?;
    Ok(InvitationRecord {
        id: InvitationId(r.try_get("id")?),
        activity_id: ActivityId(r.try_get("activity_id")?),
        person_id: PersonId(r.try_get("person_id")?),
        name: r.try_get("name")?,
        email: r.try_get("email")?,
        phone: r.try_get("phone")?,
        address: r.try_get("address")?,
        postcode: r.try_get("postcode")?,
        status: code(
            &r.try_get::<String, _>("status")?,
            InvitationStatus::parse,
            "invitation status",
        )?,
        waiting_position: r.try_get("waiting_position")?,
        asked_at: r.try_get("asked_at")?,
        replied_at: r.try_get("replied_at")?,
        attendance: attendance
            .map(|a| code(&a, Attendance::parse, "attendance"))
            .transpose()?,
        minutes: r.try_get("minutes")?,
        attendance_notes: r.try_get("attendance_notes")?,
    })
}

/// An adjustment to arrange for one person.
#[derive(Debug, Clone)]
pub struct AdjustmentRecord {
    pub id: i64,
    pub invitation_id: InvitationId,
    pub person_name: String,
    pub kind: AdjustmentKind,
    pub done_at: Option<i64>,
}

impl Store {
    pub async fn activity(&self, id: ActivityId) -> Result<Activity> {
        found(self.activities_by_ids(&[id]).await?.pop())
    }

    /// Whole activities for a list of ids, in the same order, in three
    /// queries whatever the length.
    pub async fn activities_by_ids(&self, ids: &[ActivityId]) -> Result<Vec<Activity>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let params = numbered_params(ids.len());
        let rows_sql = format!("SELECT {COLUMNS} FROM activities WHERE id IN ({params})");
        let features_sql = format!(
            "SELECT activity_id, feature AS value FROM activity_features WHERE activity_id IN ({params})"
        );
        let areas_sql = format!(
            "SELECT activity_id, area AS value FROM activity_areas WHERE activity_id IN ({params})"
        );
        let mut rows = sqlx::query_as::<_, ActivityRow>(&rows_sql);
        let mut features = sqlx::query(&features_sql);
        let mut areas = sqlx::query(&areas_sql);
        for id in ids {
            rows = rows.bind(id.0);
            features = features.bind(id.0);
            areas = areas.bind(id.0);
        }
        let pairs = |rows: Vec<sqlx::any::AnyRow>| -> Result<Vec<(i64, String)>> {
            rows.iter()
                .map(|r| Ok((r.try_get("activity_id")?, r.try_get("value")?)))
                .collect()
        };
        let features = pairs(features.fetch_all(&self.read).await?)?;
        let areas = pairs(areas.fetch_all(&self.read).await?)?;
        let of = |list: &[(i64, String)], id: i64| -> Vec<String> {
            let mut values: Vec<String> = list
                .iter()
                .filter(|(a, _)| *a == id)
                .map(|(_, v)| v.clone())
                .collect();
            values.sort();
            values
        };
        let mut activities = Vec::new();
        for row in rows.fetch_all(&self.read).await? {
            let id = row.id;
            activities.push(activity_from(row, &of(&features, id), &of(&areas, id))?);
        }
        activities.sort_by_key(|a| ids.iter().position(|id| *id == a.id));
        Ok(activities)
    }

    /// One page of an organisation's activities, soonest first, starting
    /// after (`starts_at`, `id`) of the last one shown.
    pub async fn activities(
        &self,
        organisation: OrganisationId,
        from: i64,
        after: Option<(i64, ActivityId)>,
        limit: u32,
    ) -> Result<Vec<ActivitySummary>> {
        let (after_start, after_id) = after.map_or((i64::MIN, 0), |(s, id)| (s, id.0));
        let rows = sqlx::query(
            "SELECT a.id, a.kind, a.title, a.starts_at, a.ends_at, a.places, \
             (SELECT COUNT(*) FROM invitations i WHERE i.activity_id = a.id AND i.status = 'accepted') AS accepted, \
             (SELECT COUNT(*) FROM invitations i WHERE i.activity_id = a.id AND i.status = 'waiting_list') AS waiting \
             FROM activities a WHERE a.organisation_id = $1 AND a.ends_at >= $2 \
             AND (a.starts_at > $3 OR (a.starts_at = $3 AND a.id > $4)) \
             ORDER BY a.starts_at, a.id LIMIT $5",
        )
        .bind(organisation.0)
        .bind(from)
        .bind(after_start)
        .bind(after_id)
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ActivitySummary {
                    id: ActivityId(r.try_get("id")?),
                    kind: code(
                        &r.try_get::<String, _>("kind")?,
                        ActivityType::parse,
                        "activity type",
                    )?,
                    title: r.try_get("title")?,
                    starts_at: r.try_get("starts_at")?,
                    ends_at: r.try_get("ends_at")?,
                    places: r.try_get("places")?,
                    accepted: r.try_get("accepted")?,
                    waiting: r.try_get("waiting")?,
                })
            })
            .collect()
    }

    /// Activities open to anyone that have not started, soonest first.
    pub async fn public_activity_ids(&self, now: i64, limit: u32) -> Result<Vec<ActivityId>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM activities WHERE open_to_public = 1 AND starts_at > $1 \
             ORDER BY starts_at, id LIMIT $2",
        )
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        Ok(ids.into_iter().map(ActivityId).collect())
    }

    /// Everyone invited to an activity, in the order they were asked.
    pub async fn invitations(&self, activity: ActivityId) -> Result<Vec<InvitationRecord>> {
        let rows = sqlx::query(&format!(
            "{INVITATION_SELECT} WHERE i.activity_id = $1 ORDER BY i.id"
        ))
        .bind(activity.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(invitation_from).collect()
    }

    pub async fn invitation(&self, id: InvitationId) -> Result<InvitationRecord> {
        let row = sqlx::query(&format!("{INVITATION_SELECT} WHERE i.id = $1"))
            .bind(id.0)
            .fetch_optional(&self.read)
            .await?;
        invitation_from(&found(row)?)
    }

    /// The adjustments to arrange for an activity's attendees.
    pub async fn adjustments(&self, activity: ActivityId) -> Result<Vec<AdjustmentRecord>> {
        let rows = sqlx::query(
            "SELECT a.id, a.invitation_id, p.name, a.kind, a.done_at FROM adjustments a \
             JOIN invitations i ON i.id = a.invitation_id JOIN people p ON p.id = i.person_id \
             WHERE i.activity_id = $1 ORDER BY p.name, a.id",
        )
        .bind(activity.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AdjustmentRecord {
                    id: r.try_get("id")?,
                    invitation_id: InvitationId(r.try_get("invitation_id")?),
                    person_name: r.try_get("name")?,
                    kind: code(
                        &r.try_get::<String, _>("kind")?,
                        AdjustmentKind::parse,
                        "adjustment",
                    )?,
                    done_at: r.try_get("done_at")?,
                })
            })
            .collect()
    }
}

impl Tx {
    pub async fn insert_activity(
        &mut self,
        organisation: OrganisationId,
        project: Option<ProjectId>,
        plan: &ActivityPlan,
        by: Option<UserId>,
        now: i64,
    ) -> Result<ActivityId> {
        let id: i64 = sqlx::query(
            "INSERT INTO activities (organisation_id, project_id, kind, title, description, starts_at, ends_at, \
             place, online_link, platform, places, roles_needed, preparation_minutes, easy_read_papers, reply_by, \
             open_to_public, how_to_take_part, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, \
             $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19) RETURNING id",
        )
        .bind(organisation.0)
        .bind(project.map(|p| p.0))
        .bind(plan.kind.as_str())
        .bind(&plan.title)
        .bind(&plan.description)
        .bind(plan.starts_at)
        .bind(plan.ends_at)
        .bind(plan.place.as_deref())
        .bind(plan.online_link.as_deref())
        .bind(plan.platform.as_deref())
        .bind(i64::from(plan.places))
        .bind(plan.roles_needed.as_deref())
        .bind(i64::from(plan.preparation_minutes))
        .bind(i64::from(plan.easy_read_papers))
        .bind(plan.reply_by.map(|d| d.to_iso()))
        .bind(i64::from(plan.open_to_public))
        .bind(plan.how_to_take_part.as_deref())
        .bind(by.map(|u| u.0))
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?
        .try_get("id")?;
        let id = ActivityId(id);
        self.write_activity_lists(id, plan).await?;
        Ok(id)
    }

    async fn write_activity_lists(&mut self, id: ActivityId, plan: &ActivityPlan) -> Result<()> {
        for table in ["activity_features", "activity_areas"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE activity_id = $1"))
                .bind(id.0)
                .execute(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        }
        for feature in &plan.features {
            sqlx::query("INSERT INTO activity_features (activity_id, feature) VALUES ($1, $2)")
                .bind(id.0)
                .bind(feature.as_str())
                .execute(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        }
        for area in &plan.areas {
            sqlx::query("INSERT INTO activity_areas (activity_id, area) VALUES ($1, $2)")
                .bind(id.0)
                .bind(area.as_str())
                .execute(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    pub async fn update_activity(
        &mut self,
        id: ActivityId,
        project: Option<ProjectId>,
        plan: &ActivityPlan,
        now: i64,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE activities SET project_id = $1, kind = $2, title = $3, description = $4, starts_at = $5, \
             ends_at = $6, place = $7, online_link = $8, platform = $9, places = $10, roles_needed = $11, \
             preparation_minutes = $12, easy_read_papers = $13, reply_by = $14, open_to_public = $15, \
             how_to_take_part = $16, updated_at = $17 WHERE id = $18",
        )
        .bind(project.map(|p| p.0))
        .bind(plan.kind.as_str())
        .bind(&plan.title)
        .bind(&plan.description)
        .bind(plan.starts_at)
        .bind(plan.ends_at)
        .bind(plan.place.as_deref())
        .bind(plan.online_link.as_deref())
        .bind(plan.platform.as_deref())
        .bind(i64::from(plan.places))
        .bind(plan.roles_needed.as_deref())
        .bind(i64::from(plan.preparation_minutes))
        .bind(i64::from(plan.easy_read_papers))
        .bind(plan.reply_by.map(|d| d.to_iso()))
        .bind(i64::from(plan.open_to_public))
        .bind(plan.how_to_take_part.as_deref())
        .bind(now)
        .bind(id.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        self.write_activity_lists(id, plan).await
    }

    /// Takes the activity's turn for changing places: replies to one
    /// activity are decided one at a time, so places are never overbooked.
    /// Returns the number of places.
    pub async fn lock_activity(&mut self, id: ActivityId, now: i64) -> Result<i64> {
        let row =
            sqlx::query("UPDATE activities SET updated_at = $1 WHERE id = $2 RETURNING places")
                .bind(now)
                .bind(id.0)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        Ok(found(row)?.try_get("places")?)
    }

    /// How many people hold a place, read inside the transaction.
    pub async fn accepted_count(&mut self, activity: ActivityId) -> Result<i64> {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM invitations WHERE activity_id = $1 AND status = 'accepted'",
        )
        .bind(activity.0)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))
    }

    /// The invitation's status, read inside the transaction.
    pub async fn invitation_status(&mut self, id: InvitationId) -> Result<InvitationStatus> {
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM invitations WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        code(
            &found(status)?,
            InvitationStatus::parse,
            "invitation status",
        )
    }

    /// The first person on the waiting list, if any.
    pub async fn first_waiting(&mut self, activity: ActivityId) -> Result<Option<InvitationId>> {
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM invitations WHERE activity_id = $1 AND status = 'waiting_list' \
             ORDER BY waiting_position, id LIMIT 1",
        )
        .bind(activity.0)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(id.map(InvitationId))
    }

    /// Puts an invitation at the end of the waiting list.
    pub async fn to_waiting_list(
        &mut self,
        id: InvitationId,
        activity: ActivityId,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE invitations SET status = 'waiting_list', replied_at = $1, waiting_position = \
             (SELECT COALESCE(MAX(w.waiting_position), 0) + 1 FROM invitations w WHERE w.activity_id = $2) \
             WHERE id = $3",
        )
        .bind(now)
        .bind(activity.0)
        .bind(id.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn set_invitation_status(
        &mut self,
        id: InvitationId,
        status: InvitationStatus,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE invitations SET status = $1, replied_at = $2, waiting_position = NULL WHERE id = $3",
        )
        .bind(status.as_str())
        .bind(now)
        .bind(id.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Invites a person. A second invitation of the same person to the same
    /// activity is a conflict on `invitations_activity_person_key`.
    pub async fn insert_invitation(
        &mut self,
        activity: ActivityId,
        person: PersonId,
        by: Option<UserId>,
        now: i64,
    ) -> Result<InvitationId> {
        let id: i64 = sqlx::query(
            "INSERT INTO invitations (activity_id, person_id, status, asked_at, invited_by) \
             VALUES ($1, $2, 'invited', $3, $4) RETURNING id",
        )
        .bind(activity.0)
        .bind(person.0)
        .bind(now)
        .bind(by.map(|u| u.0))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?
        .try_get("id")?;
        Ok(InvitationId(id))
    }

    pub async fn add_adjustment(
        &mut self,
        invitation: InvitationId,
        kind: AdjustmentKind,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO adjustments (invitation_id, kind) VALUES ($1, $2) \
             ON CONFLICT (invitation_id, kind) DO NOTHING",
        )
        .bind(invitation.0)
        .bind(kind.as_str())
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Marks an adjustment arranged, or not yet.
    pub async fn set_adjustment_done(
        &mut self,
        id: i64,
        by: Option<UserId>,
        done_at: Option<i64>,
    ) -> Result<()> {
        let done = sqlx::query("UPDATE adjustments SET done_at = $1, done_by = $2 WHERE id = $3")
            .bind(done_at)
            .bind(by.map(|u| u.0))
            .bind(id)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Records that a reply link was used; false when it had been already.
    pub async fn use_reply_link(
        &mut self,
        id: InvitationId,
        answer: &str,
        now: i64,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO invitation_replies (invitation_id, answer, used_at) VALUES ($1, $2, $3) \
             ON CONFLICT (invitation_id, answer) DO NOTHING",
        )
        .bind(id.0)
        .bind(answer)
        .bind(now)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn set_attendance(
        &mut self,
        id: InvitationId,
        attendance: Attendance,
        minutes: Option<u32>,
        notes: Option<&str>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE invitations SET attendance = $1, minutes = $2, attendance_notes = $3 WHERE id = $4",
        )
        .bind(attendance.as_str())
        .bind(minutes.map(i64::from))
        .bind(notes)
        .bind(id.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }
}
