//! Projects on the ladder of co-production: the plan, its stages, the
//! people and working agreement, the rung history, and the decision log.

use coproduce_domain::dates::Date;
use coproduce_domain::ladder::{Level, Method, Rung, Stage};
use coproduce_domain::money::Pence;
use coproduce_domain::project::{
    About, Agreement, Closing, FitAnswer, FitCheck, LadderPlan, MemberRole, NotCoproduced,
    NotCoproducedCategory, Project, ProjectFilter, ProjectStatus, ProjectSummary, ServiceArea,
    StagePlan,
};
use coproduce_domain::{OrganisationId, PersonId, ProjectId, UserId};
use sqlx::{FromRow, Row};

use crate::codes::{code, corrupt, date, numbered_params};
use crate::error::found;
use crate::{Result, Store, StoreError, Tx};

#[derive(FromRow)]
struct ProjectRow {
    id: i64,
    organisation_id: i64,
    title: String,
    summary: String,
    service_area: String,
    level: String,
    lead_user_id: Option<i64>,
    starts_on: Option<String>,
    ends_on: Option<String>,
    budget_pence: Option<i64>,
    planned_rung: String,
    rung_reason: String,
    nc_category: Option<String>,
    nc_explanation: Option<String>,
    nc_decided_by: Option<String>,
    nc_instead: Option<String>,
    fit_power: Option<String>,
    fit_time: Option<String>,
    fit_money: Option<String>,
    fit_access: Option<String>,
    fit_notes: Option<String>,
    groups_involved: Option<String>,
    status: String,
    achieved_rung: Option<String>,
    reflection: Option<String>,
    published: i64,
    created_at: i64,
    updated_at: i64,
}

const COLUMNS: &str = "id, organisation_id, title, summary, service_area, level, lead_user_id, \
    starts_on, ends_on, budget_pence, planned_rung, rung_reason, nc_category, nc_explanation, \
    nc_decided_by, nc_instead, fit_power, fit_time, fit_money, fit_access, fit_notes, \
    groups_involved, status, achieved_rung, reflection, published, created_at, updated_at";

fn project_from(row: ProjectRow, methods: Vec<String>) -> Result<Project> {
    let planned = code(&row.planned_rung, Rung::parse, "rung")?;
    let not_coproduced = match (
        row.nc_category,
        row.nc_explanation,
        row.nc_decided_by,
        row.nc_instead,
    ) {
        (Some(category), Some(explanation), Some(decided_by), Some(instead)) => {
            Some(NotCoproduced {
                category: code(&category, NotCoproducedCategory::parse, "reason")?,
                explanation,
                decided_by,
                instead,
            })
        }
        _ => None,
    };
    let ladder = LadderPlan::from_stored(planned, row.rung_reason, not_coproduced)
        .map_err(|e| StoreError::Corrupt(e.message))?;
    let fit = match (row.fit_power, row.fit_time, row.fit_money, row.fit_access) {
        (Some(power), Some(time), Some(money), Some(access)) => Some(FitCheck {
            power: code(&power, FitAnswer::parse, "answer")?,
            time: code(&time, FitAnswer::parse, "answer")?,
            money: code(&money, FitAnswer::parse, "answer")?,
            access: code(&access, FitAnswer::parse, "answer")?,
            notes: row.fit_notes,
        }),
        _ => None,
    };
    let closing = match (row.achieved_rung, row.reflection) {
        (Some(achieved), Some(reflection)) => Some(Closing {
            achieved: code(&achieved, Rung::parse, "rung")?,
            reflection,
        }),
        _ => None,
    };
    Ok(Project {
        id: ProjectId(row.id),
        organisation_id: OrganisationId(row.organisation_id),
        about: About {
            title: row.title,
            summary: row.summary,
            service_area: code(&row.service_area, ServiceArea::parse, "service area")?,
            level: code(&row.level, Level::parse, "level")?,
            methods: methods
                .iter()
                .map(|m| code(m, Method::parse, "method"))
                .collect::<Result<_>>()?,
            starts_on: date(row.starts_on)?,
            ends_on: date(row.ends_on)?,
            budget: row.budget_pence.map(Pence),
        },
        lead: row.lead_user_id.map(UserId),
        ladder,
        fit,
        groups: row.groups_involved,
        status: code(&row.status, ProjectStatus::parse, "status")?,
        closing,
        published: row.published != 0,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// A person from the register taking part in a project.
#[derive(Debug, Clone)]
pub struct ProjectMember {
    pub person_id: PersonId,
    pub name: String,
    pub role: MemberRole,
}

/// One version of a working agreement, as recorded.
#[derive(Debug, Clone)]
pub struct AgreementVersion {
    pub version: i64,
    pub agreement: Agreement,
    pub recorded_by: Option<String>,
    pub recorded_at: i64,
}

/// Which rung changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RungKind {
    Planned,
    Achieved,
}

impl RungKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Achieved => "achieved",
        }
    }
}

/// One change of a project's planned or achieved rung.
#[derive(Debug, Clone)]
pub struct RungChange {
    pub kind: RungKind,
    pub from: Option<Rung>,
    pub to: Rung,
    pub reason: String,
    pub who: Option<String>,
    pub at: i64,
}

/// How many projects share one organisation, area, level, status and pair
/// of rungs: the figures behind the ladder dashboard and the public ladder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LadderCount {
    pub organisation_id: OrganisationId,
    pub service_area: ServiceArea,
    pub level: Level,
    pub status: ProjectStatus,
    pub planned: Rung,
    pub achieved: Option<Rung>,
    pub published: bool,
    pub count: i64,
}

/// A parameter of a built query.
enum Param {
    Number(i64),
    Text(&'static str),
}

/// A WHERE clause for a project filter, with its parameters bound in
/// order from $1.
struct Conditions {
    sql: Vec<String>,
    params: Vec<Param>,
}

impl Conditions {
    fn from(filter: &ProjectFilter) -> Self {
        let mut c = Conditions {
            sql: vec!["1 = 1".into()],
            params: Vec::new(),
        };
        let mut push = |column: &str, value: Param| {
            c.params.push(value);
            c.sql.push(format!("{column} = ${}", c.params.len()));
        };
        if let Some(organisation) = filter.organisation {
            push("p.organisation_id", Param::Number(organisation.0));
        }
        if let Some(rung) = filter.rung {
            push(
                "COALESCE(p.achieved_rung, p.planned_rung)",
                Param::Text(rung.as_str()),
            );
        }
        if let Some(level) = filter.level {
            push("p.level", Param::Text(level.as_str()));
        }
        if let Some(area) = filter.service_area {
            push("p.service_area", Param::Text(area.as_str()));
        }
        if let Some(status) = filter.status {
            push("p.status", Param::Text(status.as_str()));
        }
        if filter.published_only {
            c.sql.push("p.published = 1".into());
        }
        c
    }

    fn bind<'q>(
        &self,
        mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        for param in &self.params {
            query = match param {
                Param::Number(n) => query.bind(*n),
                Param::Text(t) => query.bind(*t),
            };
        }
        query
    }

    fn next(&self) -> usize {
        self.params.len() + 1
    }

    fn clause(&self) -> String {
        self.sql.join(" AND ")
    }
}

impl Store {
    pub async fn project(&self, id: ProjectId) -> Result<Project> {
        found(self.projects_by_ids(&[id]).await?.pop())
    }

    /// Whole projects for a list of ids, in the same order, in two
    /// queries whatever the length: for pages that show every field.
    pub async fn projects_by_ids(&self, ids: &[ProjectId]) -> Result<Vec<Project>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let params = numbered_params(ids.len());
        let rows_sql = format!("SELECT {COLUMNS} FROM projects WHERE id IN ({params})");
        let methods_sql = format!(
            "SELECT project_id, method FROM project_methods WHERE project_id IN ({params}) \
             ORDER BY method"
        );
        let mut rows = sqlx::query_as::<_, ProjectRow>(&rows_sql);
        let mut methods = sqlx::query(&methods_sql);
        for id in ids {
            rows = rows.bind(id.0);
            methods = methods.bind(id.0);
        }
        let rows = rows.fetch_all(&self.read).await?;
        let methods: Vec<(i64, String)> = methods
            .fetch_all(&self.read)
            .await?
            .into_iter()
            .map(|r| Ok((r.try_get("project_id")?, r.try_get("method")?)))
            .collect::<Result<_, sqlx::Error>>()?;
        let mut projects = Vec::with_capacity(rows.len());
        for row in rows {
            let own = methods
                .iter()
                .filter(|(p, _)| *p == row.id)
                .map(|(_, m)| m.clone())
                .collect();
            projects.push(project_from(row, own)?);
        }
        projects.sort_by_key(|p| ids.iter().position(|id| *id == p.id));
        Ok(projects)
    }

    /// One page of projects, newest first, before the project `before`.
    pub async fn search_projects(
        &self,
        filter: &ProjectFilter,
        before: Option<ProjectId>,
        limit: u32,
    ) -> Result<Vec<ProjectSummary>> {
        let conditions = Conditions::from(filter);
        let n = conditions.next();
        let sql = format!(
            "SELECT p.id, p.organisation_id, o.name AS organisation_name, p.title, p.summary, \
             p.service_area, p.level, p.planned_rung, p.achieved_rung, p.status, p.published \
             FROM projects p JOIN organisations o ON o.id = p.organisation_id \
             WHERE {} AND p.id < ${n} ORDER BY p.id DESC LIMIT ${}",
            conditions.clause(),
            n + 1
        );
        let rows = conditions
            .bind(sqlx::query(&sql))
            .bind(before.map_or(i64::MAX, |p| p.0))
            .bind(i64::from(limit))
            .fetch_all(&self.read)
            .await?;
        rows.into_iter()
            .map(|r| {
                let achieved: Option<String> = r.try_get("achieved_rung")?;
                Ok(ProjectSummary {
                    id: ProjectId(r.try_get("id")?),
                    organisation_id: OrganisationId(r.try_get("organisation_id")?),
                    organisation_name: r.try_get("organisation_name")?,
                    title: r.try_get("title")?,
                    summary: r.try_get("summary")?,
                    service_area: code(
                        &r.try_get::<String, _>("service_area")?,
                        ServiceArea::parse,
                        "service area",
                    )?,
                    level: code(&r.try_get::<String, _>("level")?, Level::parse, "level")?,
                    planned: code(
                        &r.try_get::<String, _>("planned_rung")?,
                        Rung::parse,
                        "rung",
                    )?,
                    achieved: achieved
                        .map(|a| code(&a, Rung::parse, "rung"))
                        .transpose()?,
                    status: code(
                        &r.try_get::<String, _>("status")?,
                        ProjectStatus::parse,
                        "status",
                    )?,
                    published: r.try_get::<i64, _>("published")? != 0,
                })
            })
            .collect()
    }

    pub async fn count_projects(&self, filter: &ProjectFilter) -> Result<i64> {
        let conditions = Conditions::from(filter);
        let sql = format!(
            "SELECT COUNT(*) FROM projects p WHERE {}",
            conditions.clause()
        );
        Ok(conditions
            .bind(sqlx::query(&sql))
            .fetch_one(&self.read)
            .await?
            .try_get(0)?)
    }

    /// Projects counted by organisation, area, level, status and rungs.
    pub async fn ladder_counts(&self, published_only: bool) -> Result<Vec<LadderCount>> {
        let rows = sqlx::query(
            "SELECT organisation_id, service_area, level, status, planned_rung, achieved_rung, \
             published, COUNT(*) AS total FROM projects WHERE published >= $1 \
             GROUP BY organisation_id, service_area, level, status, planned_rung, achieved_rung, published",
        )
        .bind(i64::from(published_only))
        .fetch_all(&self.read)
        .await?;
        rows.into_iter()
            .map(|r| {
                let achieved: Option<String> = r.try_get("achieved_rung")?;
                Ok(LadderCount {
                    organisation_id: OrganisationId(r.try_get("organisation_id")?),
                    service_area: code(
                        &r.try_get::<String, _>("service_area")?,
                        ServiceArea::parse,
                        "service area",
                    )?,
                    level: code(&r.try_get::<String, _>("level")?, Level::parse, "level")?,
                    status: code(
                        &r.try_get::<String, _>("status")?,
                        ProjectStatus::parse,
                        "status",
                    )?,
                    planned: code(
                        &r.try_get::<String, _>("planned_rung")?,
                        Rung::parse,
                        "rung",
                    )?,
                    achieved: achieved
                        .map(|a| code(&a, Rung::parse, "rung"))
                        .transpose()?,
                    published: r.try_get::<i64, _>("published")? != 0,
                    count: r.try_get("total")?,
                })
            })
            .collect()
    }

    pub async fn project_stages(&self, id: ProjectId) -> Result<Vec<StagePlan>> {
        let rows =
            sqlx::query("SELECT stage, involved, how FROM project_stages WHERE project_id = $1")
                .bind(id.0)
                .fetch_all(&self.read)
                .await?;
        let mut stages: Vec<StagePlan> = rows
            .into_iter()
            .map(|r| {
                Ok(StagePlan {
                    stage: code(&r.try_get::<String, _>("stage")?, Stage::parse, "stage")?,
                    involved: r.try_get::<i64, _>("involved")? != 0,
                    how: r.try_get("how")?,
                })
            })
            .collect::<Result<_>>()?;
        stages.sort_by_key(|s| s.stage);
        Ok(stages)
    }

    pub async fn project_members(&self, id: ProjectId) -> Result<Vec<ProjectMember>> {
        let rows = sqlx::query(
            "SELECT m.person_id, p.name, m.role FROM project_members m \
             JOIN people p ON p.id = m.person_id WHERE m.project_id = $1 ORDER BY p.name, p.id",
        )
        .bind(id.0)
        .fetch_all(&self.read)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(ProjectMember {
                    person_id: PersonId(r.try_get("person_id")?),
                    name: r.try_get("name")?,
                    role: code(&r.try_get::<String, _>("role")?, MemberRole::parse, "role")?,
                })
            })
            .collect()
    }

    /// Every version of the working agreement, newest first.
    pub async fn project_agreements(&self, id: ProjectId) -> Result<Vec<AgreementVersion>> {
        let rows = sqlx::query(
            "SELECT a.version, a.how_we_work, a.success, a.agreed_by, a.agreed_on, \
             u.display_name AS recorded_by, a.recorded_at FROM project_agreements a \
             LEFT JOIN users u ON u.id = a.recorded_by WHERE a.project_id = $1 ORDER BY a.version DESC",
        )
        .bind(id.0)
        .fetch_all(&self.read)
        .await?;
        rows.into_iter()
            .map(|r| {
                let agreed_on: String = r.try_get("agreed_on")?;
                Ok(AgreementVersion {
                    version: r.try_get("version")?,
                    agreement: Agreement {
                        how_we_work: r.try_get("how_we_work")?,
                        success: r.try_get("success")?,
                        agreed_by: r.try_get("agreed_by")?,
                        agreed_on: date(Some(agreed_on.clone()))?
                            .ok_or_else(|| corrupt("date", &agreed_on))?,
                    },
                    recorded_by: r.try_get("recorded_by")?,
                    recorded_at: r.try_get("recorded_at")?,
                })
            })
            .collect()
    }

    /// Every change of the project's rungs, oldest first.
    pub async fn project_rung_history(&self, id: ProjectId) -> Result<Vec<RungChange>> {
        let rows = sqlx::query(
            "SELECT c.kind, c.from_rung, c.to_rung, c.reason, u.display_name AS who, c.changed_at \
             FROM project_rung_changes c LEFT JOIN users u ON u.id = c.changed_by \
             WHERE c.project_id = $1 ORDER BY c.id",
        )
        .bind(id.0)
        .fetch_all(&self.read)
        .await?;
        rows.into_iter()
            .map(|r| {
                let kind: String = r.try_get("kind")?;
                let from: Option<String> = r.try_get("from_rung")?;
                Ok(RungChange {
                    kind: if kind == "achieved" {
                        RungKind::Achieved
                    } else {
                        RungKind::Planned
                    },
                    from: from.map(|f| code(&f, Rung::parse, "rung")).transpose()?,
                    to: code(&r.try_get::<String, _>("to_rung")?, Rung::parse, "rung")?,
                    reason: r.try_get("reason")?,
                    who: r.try_get("who")?,
                    at: r.try_get("changed_at")?,
                })
            })
            .collect()
    }

    /// An organisation's projects as (id, title), newest first, for lists
    /// to choose from.
    pub async fn project_titles(&self, organisation: OrganisationId) -> Result<Vec<(i64, String)>> {
        let rows = sqlx::query(
            "SELECT id, title FROM projects WHERE organisation_id = $1 ORDER BY id DESC",
        )
        .bind(organisation.0)
        .fetch_all(&self.read)
        .await?;
        rows.into_iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("title")?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }
}

/// A new project: what it is, who leads it and where it sits on the ladder.
pub struct NewProject<'a> {
    pub organisation: OrganisationId,
    pub about: &'a About,
    pub lead: Option<UserId>,
    pub ladder: &'a LadderPlan,
    pub created_by: Option<UserId>,
}

impl Tx {
    /// Adds a project in planning, unpublished, and records its first
    /// planned rung in the history.
    pub async fn insert_project(&mut self, new: NewProject<'_>, now: i64) -> Result<ProjectId> {
        let nc = new.ladder.not_coproduced();
        let id: i64 = sqlx::query(
            "INSERT INTO projects (organisation_id, title, summary, service_area, level, lead_user_id, \
             starts_on, ends_on, budget_pence, planned_rung, rung_reason, nc_category, nc_explanation, \
             nc_decided_by, nc_instead, status, published, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'planning', 0, \
             $16, $17, $17) RETURNING id",
        )
        .bind(new.organisation.0)
        .bind(&new.about.title)
        .bind(&new.about.summary)
        .bind(new.about.service_area.as_str())
        .bind(new.about.level.as_str())
        .bind(new.lead.map(|u| u.0))
        .bind(new.about.starts_on.map(Date::to_iso))
        .bind(new.about.ends_on.map(Date::to_iso))
        .bind(new.about.budget.map(|b| b.0))
        .bind(new.ladder.planned().as_str())
        .bind(new.ladder.reason())
        .bind(nc.map(|n| n.category.as_str()))
        .bind(nc.map(|n| n.explanation.as_str()))
        .bind(nc.map(|n| n.decided_by.as_str()))
        .bind(nc.map(|n| n.instead.as_str()))
        .bind(new.created_by.map(|u| u.0))
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?
        .try_get("id")?;
        let id = ProjectId(id);
        self.write_methods(id, &new.about.methods).await?;
        self.add_rung_change(
            id,
            RungKind::Planned,
            None,
            new.ladder.planned(),
            new.ladder.reason(),
            new.created_by,
            now,
        )
        .await?;
        Ok(id)
    }

    async fn write_methods(
        &mut self,
        id: ProjectId,
        methods: &std::collections::BTreeSet<Method>,
    ) -> Result<()> {
        sqlx::query("DELETE FROM project_methods WHERE project_id = $1")
            .bind(id.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        for method in methods {
            sqlx::query("INSERT INTO project_methods (project_id, method) VALUES ($1, $2)")
                .bind(id.0)
                .bind(method.as_str())
                .execute(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    pub async fn update_project_about(
        &mut self,
        id: ProjectId,
        about: &About,
        lead: Option<UserId>,
        now: i64,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE projects SET title = $1, summary = $2, service_area = $3, level = $4, \
             lead_user_id = $5, starts_on = $6, ends_on = $7, budget_pence = $8, updated_at = $9 \
             WHERE id = $10",
        )
        .bind(&about.title)
        .bind(&about.summary)
        .bind(about.service_area.as_str())
        .bind(about.level.as_str())
        .bind(lead.map(|u| u.0))
        .bind(about.starts_on.map(Date::to_iso))
        .bind(about.ends_on.map(Date::to_iso))
        .bind(about.budget.map(|b| b.0))
        .bind(now)
        .bind(id.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        self.write_methods(id, &about.methods).await
    }

    /// Replaces the planned rung, its reason and the reason for not
    /// co-producing, in one statement so the check sees them together.
    pub async fn update_project_ladder(
        &mut self,
        id: ProjectId,
        ladder: &LadderPlan,
        now: i64,
    ) -> Result<()> {
        let nc = ladder.not_coproduced();
        let done = sqlx::query(
            "UPDATE projects SET planned_rung = $1, rung_reason = $2, nc_category = $3, \
             nc_explanation = $4, nc_decided_by = $5, nc_instead = $6, updated_at = $7 WHERE id = $8",
        )
        .bind(ladder.planned().as_str())
        .bind(ladder.reason())
        .bind(nc.map(|n| n.category.as_str()))
        .bind(nc.map(|n| n.explanation.as_str()))
        .bind(nc.map(|n| n.decided_by.as_str()))
        .bind(nc.map(|n| n.instead.as_str()))
        .bind(now)
        .bind(id.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn add_rung_change(
        &mut self,
        id: ProjectId,
        kind: RungKind,
        from: Option<Rung>,
        to: Rung,
        reason: &str,
        by: Option<UserId>,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO project_rung_changes (project_id, kind, from_rung, to_rung, reason, changed_by, \
             changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.0)
        .bind(kind.as_str())
        .bind(from.map(Rung::as_str))
        .bind(to.as_str())
        .bind(reason)
        .bind(by.map(|u| u.0))
        .bind(now)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn set_project_fit(&mut self, id: ProjectId, fit: &FitCheck, now: i64) -> Result<()> {
        sqlx::query(
            "UPDATE projects SET fit_power = $1, fit_time = $2, fit_money = $3, fit_access = $4, \
             fit_notes = $5, updated_at = $6 WHERE id = $7",
        )
        .bind(fit.power.as_str())
        .bind(fit.time.as_str())
        .bind(fit.money.as_str())
        .bind(fit.access.as_str())
        .bind(fit.notes.as_deref())
        .bind(now)
        .bind(id.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Replaces the stages and the groups taking part.
    pub async fn set_project_stages(
        &mut self,
        id: ProjectId,
        stages: &[StagePlan],
        groups: Option<&str>,
        now: i64,
    ) -> Result<()> {
        sqlx::query("DELETE FROM project_stages WHERE project_id = $1")
            .bind(id.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        for stage in stages {
            sqlx::query(
                "INSERT INTO project_stages (project_id, stage, involved, how) VALUES ($1, $2, $3, $4)",
            )
            .bind(id.0)
            .bind(stage.stage.as_str())
            .bind(i64::from(stage.involved))
            .bind(stage.how.as_deref())
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        }
        sqlx::query("UPDATE projects SET groups_involved = $1, updated_at = $2 WHERE id = $3")
            .bind(groups)
            .bind(now)
            .bind(id.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Adds a person to a project, or changes their role if already there.
    pub async fn set_project_member(
        &mut self,
        id: ProjectId,
        person: PersonId,
        role: MemberRole,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO project_members (project_id, person_id, role, added_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (project_id, person_id) DO UPDATE SET role = excluded.role",
        )
        .bind(id.0)
        .bind(person.0)
        .bind(role.as_str())
        .bind(now)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn remove_project_member(&mut self, id: ProjectId, person: PersonId) -> Result<()> {
        let done =
            sqlx::query("DELETE FROM project_members WHERE project_id = $1 AND person_id = $2")
                .bind(id.0)
                .bind(person.0)
                .execute(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Records a new version of the working agreement; returns its number.
    pub async fn add_project_agreement(
        &mut self,
        id: ProjectId,
        agreement: &Agreement,
        by: Option<UserId>,
        now: i64,
    ) -> Result<i64> {
        // Two people saving at once both pick the same next number; the
        // unique index refuses the second, which the caller reports.
        let version: i64 = sqlx::query(
            "INSERT INTO project_agreements (project_id, version, how_we_work, success, agreed_by, \
             agreed_on, recorded_by, recorded_at) \
             SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5, $6, $7 \
             FROM project_agreements WHERE project_id = $1 RETURNING version",
        )
        .bind(id.0)
        .bind(&agreement.how_we_work)
        .bind(&agreement.success)
        .bind(&agreement.agreed_by)
        .bind(agreement.agreed_on.to_iso())
        .bind(by.map(|u| u.0))
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?
        .try_get("version")?;
        Ok(version)
    }

    /// Claims an open project for a change: touches it, so that a change
    /// running at the same moment waits for this transaction, and answers
    /// false when the project is closed (or missing). Every change to a
    /// project calls this first, inside its transaction.
    pub async fn claim_open_project(&mut self, id: ProjectId, now: i64) -> Result<bool> {
        let done =
            sqlx::query("UPDATE projects SET updated_at = $1 WHERE id = $2 AND status <> 'closed'")
                .bind(now)
                .bind(id.0)
                .execute(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn set_project_status(
        &mut self,
        id: ProjectId,
        status: ProjectStatus,
        now: i64,
    ) -> Result<()> {
        sqlx::query("UPDATE projects SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status.as_str())
            .bind(now)
            .bind(id.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn close_project(
        &mut self,
        id: ProjectId,
        closing: &Closing,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE projects SET status = 'closed', achieved_rung = $1, reflection = $2, updated_at = $3 \
             WHERE id = $4",
        )
        .bind(closing.achieved.as_str())
        .bind(&closing.reflection)
        .bind(now)
        .bind(id.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn set_project_published(
        &mut self,
        id: ProjectId,
        published: bool,
        now: i64,
    ) -> Result<()> {
        sqlx::query("UPDATE projects SET published = $1, updated_at = $2 WHERE id = $3")
            .bind(i64::from(published))
            .bind(now)
            .bind(id.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }
}
