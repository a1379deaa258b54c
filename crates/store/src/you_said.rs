//! "You said, we did" entries with their status history and the people to
//! tell, and the "has this already been asked?" checks kept with projects
//! and activities.

use std::collections::{BTreeSet, HashMap};

use coproduce_domain::insights::{ActionStatus, AskedCheck, CheckDecision, SaidPlan};
use coproduce_domain::{
    ActivityId, InsightId, OrganisationId, PersonId, ProjectId, SaidId, UserId,
};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::codes::{code, date, numbered_params};
use crate::error::found;
use crate::insights::{Params, Value};
use crate::{Result, Store, Tx};

/// An entry as stored.
#[derive(Debug, Clone)]
pub struct SaidRecord {
    pub id: SaidId,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub plan: SaidPlan,
    pub insight_title: Option<String>,
    pub activity_title: Option<String>,
    pub created_at: i64,
    pub status_changed_at: i64,
}

/// A change of an entry's status.
#[derive(Debug, Clone)]
pub struct SaidUpdate {
    pub status: ActionStatus,
    pub reason: Option<String>,
    /// How many people were emailed about it.
    pub told: i64,
    pub changed_by: Option<String>,
    pub changed_at: i64,
}

/// Someone who said it and agreed to hear what happened.
#[derive(Debug, Clone)]
pub struct Listener {
    pub person_id: PersonId,
    pub name: String,
    /// None when they have no email address, or have left the register.
    pub email: Option<String>,
}

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct SaidFilter {
    /// Staff of this organisation see its entries and everyone's published
    /// ones; with none, only published entries are listed.
    pub viewer: Option<OrganisationId>,
    pub topic: Option<String>,
    pub organisation: Option<OrganisationId>,
    pub status: Option<ActionStatus>,
    /// Only entries that came from this insight.
    pub insight: Option<InsightId>,
}

/// A "has this already been asked?" check, as stored.
#[derive(Debug, Clone)]
pub struct AskedRecord {
    pub check: AskedCheck,
    pub checked_by: Option<String>,
    pub checked_at: i64,
}

/// What a check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckSubject {
    Project(ProjectId),
    Activity(ActivityId),
}

const SAID_SELECT: &str = "SELECT y.id, y.organisation_id, o.name AS organisation_name, y.statement, \
    y.theme, y.insight_id, y.activity_id, y.action, y.owner, y.due_on, y.status, y.reason, \
    y.published, y.created_at, y.status_changed_at, i.title AS insight_title, a.title AS activity_title \
    FROM you_said y JOIN organisations o ON o.id = y.organisation_id \
    LEFT JOIN insights i ON i.id = y.insight_id LEFT JOIN activities a ON a.id = y.activity_id";

impl Store {
    pub async fn said(&self, id: SaidId) -> Result<SaidRecord> {
        let row = sqlx::query(&format!("{SAID_SELECT} WHERE y.id = $1"))
            .bind(id.0)
            .fetch_optional(&self.read)
            .await?;
        let row = found(row)?;
        let topics = self.said_topics(&[id.0]).await?;
        said_from(&row, &topics)
    }

    /// One page of entries, the newest first. `before` is the last entry
    /// of the previous page.
    pub async fn said_list(
        &self,
        filter: &SaidFilter,
        before: Option<SaidId>,
        limit: u32,
    ) -> Result<Vec<SaidRecord>> {
        let mut params = Params::default();
        let mut conditions = Vec::new();
        match filter.viewer {
            Some(org) => {
                let n = params.push(Value::Int(org.0));
                conditions.push(format!("(y.published = 1 OR y.organisation_id = ${n})"));
            }
            None => conditions.push("y.published = 1".to_owned()),
        }
        if let Some(topic) = &filter.topic {
            let n = params.push(Value::Text(topic.clone()));
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM you_said_topics t WHERE t.entry_id = y.id AND t.topic = ${n})"
            ));
        }
        if let Some(org) = filter.organisation {
            let n = params.push(Value::Int(org.0));
            conditions.push(format!("y.organisation_id = ${n}"));
        }
        if let Some(status) = filter.status {
            let n = params.push(Value::Text(status.as_str().to_owned()));
            conditions.push(format!("y.status = ${n}"));
        }
        if let Some(insight) = filter.insight {
            let n = params.push(Value::Int(insight.0));
            conditions.push(format!("y.insight_id = ${n}"));
        }
        if let Some(before) = before {
            let n = params.push(Value::Int(before.0));
            conditions.push(format!("y.id < ${n}"));
        }
        let limit_n = params.push(Value::Int(i64::from(limit)));
        let sql = format!(
            "{SAID_SELECT} WHERE {} ORDER BY y.id DESC LIMIT ${limit_n}",
            conditions.join(" AND ")
        );
        let rows = params.bind(sqlx::query(&sql)).fetch_all(&self.read).await?;
        self.saids_from(&rows).await
    }

    /// Entries from rows of [`SAID_SELECT`], with their topics.
    async fn saids_from(&self, rows: &[AnyRow]) -> Result<Vec<SaidRecord>> {
        let ids: Vec<i64> = rows
            .iter()
            .map(|r| r.try_get::<i64, _>("id"))
            .collect::<Result<_, _>>()?;
        let topics = self.said_topics(&ids).await?;
        rows.iter().map(|r| said_from(r, &topics)).collect()
    }

    async fn said_topics(&self, ids: &[i64]) -> Result<HashMap<i64, BTreeSet<String>>> {
        let mut out: HashMap<i64, BTreeSet<String>> = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let sql = format!(
            "SELECT entry_id, topic FROM you_said_topics WHERE entry_id IN ({})",
            numbered_params(ids.len())
        );
        let mut query = sqlx::query(&sql);
        for id in ids {
            query = query.bind(*id);
        }
        for row in query.fetch_all(&self.read).await? {
            out.entry(row.try_get("entry_id")?)
                .or_default()
                .insert(row.try_get("topic")?);
        }
        Ok(out)
    }

    /// The entry's status changes, oldest first.
    pub async fn said_updates(&self, id: SaidId) -> Result<Vec<SaidUpdate>> {
        let rows = sqlx::query(
            "SELECT s.status, s.reason, s.told, s.changed_at, u.display_name AS changed_by \
             FROM you_said_updates s LEFT JOIN users u ON u.id = s.changed_by \
             WHERE s.entry_id = $1 ORDER BY s.id",
        )
        .bind(id.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SaidUpdate {
                    status: code(
                        &r.try_get::<String, _>("status")?,
                        ActionStatus::parse,
                        "status",
                    )?,
                    reason: r.try_get("reason")?,
                    told: r.try_get("told")?,
                    changed_by: r.try_get("changed_by")?,
                    changed_at: r.try_get("changed_at")?,
                })
            })
            .collect()
    }

    /// The people who agreed to hear what happened to an entry.
    pub async fn said_listeners(&self, id: SaidId) -> Result<Vec<Listener>> {
        let rows = sqlx::query(
            "SELECT p.id, p.name, CASE WHEN p.status = 'left' THEN NULL ELSE p.email END AS email \
             FROM you_said_people l JOIN people p ON p.id = l.person_id \
             WHERE l.entry_id = $1 ORDER BY p.name, p.id",
        )
        .bind(id.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Listener {
                    person_id: PersonId(r.try_get("id")?),
                    name: r.try_get("name")?,
                    email: r.try_get("email")?,
                })
            })
            .collect()
    }

    /// The checks recorded for a project or activity, the latest first.
    pub async fn asked_checks(&self, subject: CheckSubject) -> Result<Vec<AskedRecord>> {
        let (column, id) = match subject {
            CheckSubject::Project(p) => ("project_id", p.0),
            CheckSubject::Activity(a) => ("activity_id", a.0),
        };
        let rows = sqlx::query(&format!(
            "SELECT c.decision, c.note, c.topics, c.shown, c.checked_at, u.display_name AS checked_by \
             FROM asked_checks c LEFT JOIN users u ON u.id = c.checked_by \
             WHERE c.{column} = $1 ORDER BY c.id DESC"
        ))
        .bind(id)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                let topics: String = r.try_get("topics")?;
                Ok(AskedRecord {
                    check: AskedCheck {
                        decision: code(
                            &r.try_get::<String, _>("decision")?,
                            CheckDecision::parse,
                            "decision",
                        )?,
                        note: r.try_get("note")?,
                        topics: topics
                            .split(',')
                            .filter(|t| !t.is_empty())
                            .map(str::to_owned)
                            .collect(),
                        shown: u32::try_from(r.try_get::<i64, _>("shown")?).unwrap_or(0),
                    },
                    checked_by: r.try_get("checked_by")?,
                    checked_at: r.try_get("checked_at")?,
                })
            })
            .collect()
    }

    /// Entries this organisation may see (its own, and everyone's
    /// published ones) whose words or topics are like these: candidates
    /// for "has this already been asked?". The caller ranks them.
    pub async fn said_like(
        &self,
        organisation: OrganisationId,
        words: &[String],
        topics: &[String],
        limit: u32,
    ) -> Result<Vec<SaidRecord>> {
        let mut params = Params::default();
        let org = params.push(Value::Int(organisation.0));
        let mut alternatives = Vec::new();
        for word in words {
            let n = params.push(Value::Text(format!("%{word}%")));
            alternatives.push(format!(
                "LOWER(y.statement) LIKE ${n} OR LOWER(y.theme) LIKE ${n} OR LOWER(y.action) LIKE ${n}"
            ));
        }
        if !topics.is_empty() {
            let list = params.list(topics);
            alternatives.push(format!(
                "EXISTS (SELECT 1 FROM you_said_topics t WHERE t.entry_id = y.id AND t.topic IN ({list}))"
            ));
        }
        if alternatives.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "{SAID_SELECT} WHERE (y.published = 1 OR y.organisation_id = ${org}) AND ({}) \
             ORDER BY y.id DESC LIMIT {limit}",
            alternatives.join(" OR ")
        );
        let rows = params.bind(sqlx::query(&sql)).fetch_all(&self.read).await?;
        self.saids_from(&rows).await
    }

    /// Projects this organisation may see (its own, and everyone's
    /// published ones) whose title or summary has any of these words.
    pub async fn projects_like(
        &self,
        organisation: OrganisationId,
        words: &[String],
        limit: u32,
    ) -> Result<Vec<ProjectLike>> {
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let mut params = Params::default();
        let org = params.push(Value::Int(organisation.0));
        let alternatives = words
            .iter()
            .map(|word| {
                let n = params.push(Value::Text(format!("%{word}%")));
                format!("LOWER(p.title) LIKE ${n} OR LOWER(p.summary) LIKE ${n}")
            })
            .collect::<Vec<_>>()
            .join(" OR ");
        let sql = format!(
            "SELECT p.id, p.organisation_id, o.name AS organisation_name, p.title, p.summary, \
             p.service_area, p.status, p.created_at FROM projects p \
             JOIN organisations o ON o.id = p.organisation_id \
             WHERE (p.published = 1 OR p.organisation_id = ${org}) AND ({alternatives}) \
             ORDER BY p.id DESC LIMIT {limit}"
        );
        let rows = params.bind(sqlx::query(&sql)).fetch_all(&self.read).await?;
        rows.iter()
            .map(|r| {
                Ok(ProjectLike {
                    id: ProjectId(r.try_get("id")?),
                    organisation_id: OrganisationId(r.try_get("organisation_id")?),
                    organisation_name: r.try_get("organisation_name")?,
                    title: r.try_get("title")?,
                    summary: r.try_get("summary")?,
                    status: r.try_get("status")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }
}

/// A project like another, for "has this already been asked?".
#[derive(Debug, Clone)]
pub struct ProjectLike {
    pub id: ProjectId,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub title: String,
    pub summary: String,
    pub status: String,
    pub created_at: i64,
}

fn said_from(r: &AnyRow, topics: &HashMap<i64, BTreeSet<String>>) -> Result<SaidRecord> {
    let id: i64 = r.try_get("id")?;
    Ok(SaidRecord {
        id: SaidId(id),
        organisation_id: OrganisationId(r.try_get("organisation_id")?),
        organisation_name: r.try_get("organisation_name")?,
        plan: SaidPlan {
            statement: r.try_get("statement")?,
            theme: r.try_get("theme")?,
            insight: r.try_get::<Option<i64>, _>("insight_id")?.map(InsightId),
            activity: r.try_get::<Option<i64>, _>("activity_id")?.map(ActivityId),
            topics: topics.get(&id).cloned().unwrap_or_default(),
            action: r.try_get("action")?,
            owner: r.try_get("owner")?,
            due_on: date(r.try_get("due_on")?)?,
            status: code(
                &r.try_get::<String, _>("status")?,
                ActionStatus::parse,
                "status",
            )?,
            reason: r.try_get("reason")?,
            published: r.try_get::<i64, _>("published")? != 0,
        },
        insight_title: r.try_get("insight_title")?,
        activity_title: r.try_get("activity_title")?,
        created_at: r.try_get("created_at")?,
        status_changed_at: r.try_get("status_changed_at")?,
    })
}

impl Tx {
    /// Stores a new entry with its topics, the people to tell, and its
    /// first status in the history.
    pub async fn insert_said(
        &mut self,
        organisation: OrganisationId,
        plan: &SaidPlan,
        listeners: &[PersonId],
        by: Option<UserId>,
        now: i64,
    ) -> Result<SaidId> {
        let id: i64 = sqlx::query(
            "INSERT INTO you_said (organisation_id, statement, theme, insight_id, activity_id, action, \
             owner, due_on, status, reason, published, status_changed_at, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12, $12) RETURNING id",
        )
        .bind(organisation.0)
        .bind(&plan.statement)
        .bind(&plan.theme)
        .bind(plan.insight.map(|i| i.0))
        .bind(plan.activity.map(|a| a.0))
        .bind(&plan.action)
        .bind(&plan.owner)
        .bind(plan.due_on.map(|d| d.to_iso()))
        .bind(plan.status.as_str())
        .bind(plan.reason.as_deref())
        .bind(i64::from(plan.published))
        .bind(now)
        .bind(by.map(|u| u.0))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?
        .try_get("id")?;
        let id = SaidId(id);
        self.write_said_topics(id, &plan.topics).await?;
        for person in listeners {
            sqlx::query("INSERT INTO you_said_people (entry_id, person_id) VALUES ($1, $2)")
                .bind(id.0)
                .bind(person.0)
                .execute(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        }
        self.insert_said_update(id, plan.status, plan.reason.as_deref(), 0, by, now)
            .await?;
        Ok(id)
    }

    async fn write_said_topics(&mut self, id: SaidId, topics: &BTreeSet<String>) -> Result<()> {
        sqlx::query("DELETE FROM you_said_topics WHERE entry_id = $1")
            .bind(id.0)
            .execute(&mut *self.tx)
            .await?;
        for topic in topics {
            sqlx::query("INSERT INTO you_said_topics (entry_id, topic) VALUES ($1, $2)")
                .bind(id.0)
                .bind(topic)
                .execute(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    async fn insert_said_update(
        &mut self,
        id: SaidId,
        status: ActionStatus,
        reason: Option<&str>,
        told: i64,
        by: Option<UserId>,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO you_said_updates (entry_id, status, reason, told, changed_by, changed_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id.0)
        .bind(status.as_str())
        .bind(reason)
        .bind(told)
        .bind(by.map(|u| u.0))
        .bind(now)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Changes an entry's words, topics and whether it is published; the
    /// status is changed by [`Tx::change_said_status`] alone.
    pub async fn update_said(&mut self, id: SaidId, plan: &SaidPlan, now: i64) -> Result<()> {
        sqlx::query(
            "UPDATE you_said SET statement = $1, theme = $2, insight_id = $3, activity_id = $4, \
             action = $5, owner = $6, due_on = $7, published = $8, updated_at = $9, \
             reason = CASE WHEN status = 'not_possible' THEN COALESCE($10, reason) ELSE NULL END \
             WHERE id = $11",
        )
        .bind(&plan.statement)
        .bind(&plan.theme)
        .bind(plan.insight.map(|i| i.0))
        .bind(plan.activity.map(|a| a.0))
        .bind(&plan.action)
        .bind(&plan.owner)
        .bind(plan.due_on.map(|d| d.to_iso()))
        .bind(i64::from(plan.published))
        .bind(now)
        .bind(plan.reason.as_deref())
        .bind(id.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        self.write_said_topics(id, &plan.topics).await
    }

    /// Moves an entry from `from` to `to`. False when its status is no
    /// longer `from` (someone else changed it first): then nothing changes,
    /// so a change and its emails happen exactly once.
    #[allow(clippy::too_many_arguments)]
    pub async fn change_said_status(
        &mut self,
        id: SaidId,
        from: ActionStatus,
        to: ActionStatus,
        reason: Option<&str>,
        told: i64,
        by: Option<UserId>,
        now: i64,
    ) -> Result<bool> {
        let changed = sqlx::query(
            "UPDATE you_said SET status = $1, reason = $2, status_changed_at = $3, updated_at = $3 \
             WHERE id = $4 AND status = $5",
        )
        .bind(to.as_str())
        .bind(reason)
        .bind(now)
        .bind(id.0)
        .bind(from.as_str())
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?
        .rows_affected();
        if changed != 1 {
            return Ok(false);
        }
        self.insert_said_update(id, to, reason, told, by, now)
            .await?;
        Ok(true)
    }

    pub async fn insert_asked_check(
        &mut self,
        organisation: OrganisationId,
        subject: CheckSubject,
        check: &AskedCheck,
        by: Option<UserId>,
        now: i64,
    ) -> Result<()> {
        let (project, activity) = match subject {
            CheckSubject::Project(p) => (Some(p.0), None),
            CheckSubject::Activity(a) => (None, Some(a.0)),
        };
        sqlx::query(
            "INSERT INTO asked_checks (organisation_id, project_id, activity_id, decision, note, \
             topics, shown, checked_by, checked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(organisation.0)
        .bind(project)
        .bind(activity)
        .bind(check.decision.as_str())
        .bind(check.note.as_deref())
        .bind(check.topics.iter().cloned().collect::<Vec<_>>().join(","))
        .bind(i64::from(check.shown))
        .bind(by.map(|u| u.0))
        .bind(now)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }
}
