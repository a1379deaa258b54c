//! The decision log: where each decision was made, whether co-production
//! was considered, and how people who use services were involved.

use coproduce_domain::project::{DecisionForum, NewDecision};
use coproduce_domain::{DecisionId, OrganisationId, ProjectId, UserId};
use sqlx::Row;

use crate::codes::{code, corrupt, date};
use crate::error::found;
use crate::{Result, Store, Tx};

/// A decision in the log, as stored.
#[derive(Debug, Clone)]
pub struct DecisionRecord {
    pub id: DecisionId,
    pub organisation_id: OrganisationId,
    pub decision: NewDecision,
    pub project_title: Option<String>,
    pub recorded_by: Option<String>,
    pub recorded_at: i64,
}

impl Store {
    /// One page of an organisation's decision log, the latest decision
    /// first (by the day it was made, then the order it was logged), or of
    /// the decisions about one project. `before` is the last decision of
    /// the previous page.
    pub async fn decisions(
        &self,
        organisation: OrganisationId,
        project: Option<ProjectId>,
        before: Option<DecisionId>,
        limit: u32,
    ) -> Result<Vec<DecisionRecord>> {
        let sql = format!(
            "{DECISION_SELECT} WHERE d.organisation_id = $1 AND ($2 = 0 OR d.project_id = $2) \
             AND ($3 = 0 OR (d.decided_on, d.id) < (SELECT b.decided_on, b.id FROM decisions b WHERE b.id = $3)) \
             ORDER BY d.decided_on DESC, d.id DESC LIMIT $4"
        );
        let rows = sqlx::query(&sql)
            .bind(organisation.0)
            .bind(project.map_or(0, |p| p.0))
            .bind(before.map_or(0, |d| d.0))
            .bind(i64::from(limit))
            .fetch_all(&self.read)
            .await?;
        rows.iter().map(decision_from).collect()
    }

    /// One decision in the log.
    pub async fn decision(&self, id: DecisionId) -> Result<DecisionRecord> {
        let row = sqlx::query(&format!("{DECISION_SELECT} WHERE d.id = $1"))
            .bind(id.0)
            .fetch_optional(&self.read)
            .await?;
        decision_from(&found(row)?)
    }
}

const DECISION_SELECT: &str = "SELECT d.id, d.organisation_id, d.decided_on, d.title, d.forum, \
    d.coproduction_considered, d.involvement, d.project_id, p.title AS project_title, \
    u.display_name AS recorded_by, d.recorded_at FROM decisions d \
    LEFT JOIN projects p ON p.id = d.project_id LEFT JOIN users u ON u.id = d.recorded_by";

fn decision_from(r: &sqlx::any::AnyRow) -> Result<DecisionRecord> {
    let decided_on: String = r.try_get("decided_on")?;
    let project: Option<i64> = r.try_get("project_id")?;
    Ok(DecisionRecord {
        id: DecisionId(r.try_get("id")?),
        organisation_id: OrganisationId(r.try_get("organisation_id")?),
        decision: NewDecision {
            decided_on: date(Some(decided_on.clone()))?
                .ok_or_else(|| corrupt("date", &decided_on))?,
            title: r.try_get("title")?,
            forum: code(
                &r.try_get::<String, _>("forum")?,
                DecisionForum::parse,
                "forum",
            )?,
            coproduction_considered: r.try_get::<i64, _>("coproduction_considered")? != 0,
            involvement: r.try_get("involvement")?,
            project: project.map(ProjectId),
        },
        project_title: r.try_get("project_title")?,
        recorded_by: r.try_get("recorded_by")?,
        recorded_at: r.try_get("recorded_at")?,
    })
}

impl Tx {
    pub async fn insert_decision(
        &mut self,
        organisation: OrganisationId,
        decision: &NewDecision,
        by: Option<UserId>,
        now: i64,
    ) -> Result<DecisionId> {
        let id: i64 = sqlx::query(
            "INSERT INTO decisions (organisation_id, decided_on, title, forum, coproduction_considered, \
             involvement, project_id, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(organisation.0)
        .bind(decision.decided_on.to_iso())
        .bind(&decision.title)
        .bind(decision.forum.as_str())
        .bind(i64::from(decision.coproduction_considered))
        .bind(&decision.involvement)
        .bind(decision.project.map(|p| p.0))
        .bind(by.map(|u| u.0))
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?
        .try_get("id")?;
        Ok(DecisionId(id))
    }
}
