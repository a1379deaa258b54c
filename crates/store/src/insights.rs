//! The insights library: insights with their tags and attachments, and
//! full-text search over them with each engine's own search (FTS5 on
//! SQLite, `tsvector` on PostgreSQL), kept in step in the same
//! transaction as every change.

use std::collections::{BTreeSet, HashMap};

use coproduce_domain::insights::{
    InsightFilter, InsightPlan, MARK_END, MARK_START, SourceKind, Visibility,
};
use coproduce_domain::ladder::{Method, Rung};
use coproduce_domain::project::ServiceArea;
use coproduce_domain::{ActivityId, AttachmentId, InsightId, OrganisationId, ProjectId, UserId};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::codes::{code, date, numbered_params};
use crate::error::found;
use crate::{Engine, Result, Store, Tx};

/// Who is looking: staff of an organisation see their own insights and
/// what the partnership shares; the public sees public insights only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Staff(OrganisationId),
    Public,
}

impl Viewer {
    /// The SQL condition on `i` (an insights row) for this viewer, with
    /// its parameter bound as `$n`.
    fn condition(self, n: usize) -> String {
        match self {
            Self::Staff(_) => {
                format!("(i.visibility <> 'organisation' OR i.organisation_id = ${n})")
            }
            Self::Public => format!("(i.visibility = 'public' AND ${n} = ${n})"),
        }
    }

    fn organisation(self) -> i64 {
        match self {
            Self::Staff(org) => org.0,
            Self::Public => 0,
        }
    }

    /// Whether this viewer may see an insight of `owner` at `visibility`.
    pub fn sees(self, owner: OrganisationId, visibility: Visibility) -> bool {
        match (self, visibility) {
            (_, Visibility::Public) => true,
            (Self::Staff(_), Visibility::Partnership) => true,
            (Self::Staff(org), Visibility::Organisation) => org == owner,
            (Self::Public, _) => false,
        }
    }
}

/// An insight as stored.
#[derive(Debug, Clone)]
pub struct InsightRecord {
    pub id: InsightId,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub plan: InsightPlan,
    pub project_title: Option<String>,
    pub activity_title: Option<String>,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// An attached file, without its contents.
#[derive(Debug, Clone)]
pub struct AttachmentInfo {
    pub id: AttachmentId,
    pub insight_id: InsightId,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub uploaded_at: i64,
}

/// An attached file with its contents and who may see it.
#[derive(Debug, Clone)]
pub struct AttachmentFile {
    pub info: AttachmentInfo,
    pub organisation_id: OrganisationId,
    pub visibility: Visibility,
    pub content: Vec<u8>,
}

/// A search result: enough to list it, with a snippet whose matched words
/// sit between [`MARK_START`] and [`MARK_END`].
#[derive(Debug, Clone)]
pub struct InsightHit {
    pub id: InsightId,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub title: String,
    pub summary: String,
    pub visibility: Visibility,
    pub method: Method,
    pub happened_on: Option<coproduce_domain::dates::Date>,
    pub people_count: Option<i64>,
    pub topics: Vec<String>,
    pub snippet: String,
}

/// A new attachment.
pub struct NewAttachment<'a> {
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub content: &'a [u8],
    /// The words read out of the file, for searching.
    pub text: &'a str,
}

const INSIGHT_SELECT: &str = "SELECT i.id, i.organisation_id, o.name AS organisation_name, i.title, \
    i.summary, i.findings, i.source, i.source_detail, i.project_id, i.activity_id, i.method, i.rung, \
    i.happened_on, i.people_count, i.consent_to_reuse, i.visibility, i.created_at, i.updated_at, \
    p.title AS project_title, a.title AS activity_title, u.display_name AS created_by_name \
    FROM insights i JOIN organisations o ON o.id = i.organisation_id \
    LEFT JOIN projects p ON p.id = i.project_id LEFT JOIN activities a ON a.id = i.activity_id \
    LEFT JOIN users u ON u.id = i.created_by";

const HIT_COLUMNS: &str = "i.id, i.organisation_id, o.name AS organisation_name, i.title, \
    i.summary, i.visibility, i.method, i.happened_on, i.people_count";

/// The most results a ranked search goes through.
pub const SEARCH_DEPTH: u32 = 500;

impl Store {
    /// One insight with its tags, whoever may see it: the caller checks.
    pub async fn insight(&self, id: InsightId) -> Result<InsightRecord> {
        let row = sqlx::query(&format!("{INSIGHT_SELECT} WHERE i.id = $1"))
            .bind(id.0)
            .fetch_optional(&self.read)
            .await?;
        let row = found(row)?;
        let tags = self.tags_of(&[id.0]).await?;
        insight_from(&row, tags.get(&id.0))
    }

    /// The tags of these insights, by insight: (kind, value) pairs.
    async fn tags_of(&self, ids: &[i64]) -> Result<HashMap<i64, Vec<(String, String)>>> {
        let mut out: HashMap<i64, Vec<(String, String)>> = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let sql = format!(
            "SELECT insight_id, kind, value FROM insight_tags WHERE insight_id IN ({}) \
             ORDER BY insight_id, kind, value",
            numbered_params(ids.len())
        );
        let mut query = sqlx::query(&sql);
        for id in ids {
            query = query.bind(*id);
        }
        for row in query.fetch_all(&self.read).await? {
            out.entry(row.try_get("insight_id")?)
                .or_default()
                .push((row.try_get("kind")?, row.try_get("value")?));
        }
        Ok(out)
    }

    /// The files attached to an insight, oldest first.
    pub async fn insight_attachments(&self, id: InsightId) -> Result<Vec<AttachmentInfo>> {
        let rows = sqlx::query(
            "SELECT id, insight_id, file_name, content_type, size_bytes, uploaded_at \
             FROM insight_attachments WHERE insight_id = $1 ORDER BY id",
        )
        .bind(id.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(attachment_from).collect()
    }

    /// One attached file with its contents and its insight's visibility.
    pub async fn insight_attachment(&self, id: AttachmentId) -> Result<AttachmentFile> {
        let row = sqlx::query(
            "SELECT f.id, f.insight_id, f.file_name, f.content_type, f.size_bytes, f.uploaded_at, \
             f.content, i.organisation_id, i.visibility FROM insight_attachments f \
             JOIN insights i ON i.id = f.insight_id WHERE f.id = $1",
        )
        .bind(id.0)
        .fetch_optional(&self.read)
        .await?;
        let row = found(row)?;
        Ok(AttachmentFile {
            info: attachment_from(&row)?,
            organisation_id: OrganisationId(row.try_get("organisation_id")?),
            visibility: code(
                &row.try_get::<String, _>("visibility")?,
                Visibility::parse,
                "visibility",
            )?,
            content: row.try_get("content")?,
        })
    }

    /// Searches the insights this viewer may see. With words, the best
    /// matches come first, each with a highlighted snippet; without, the
    /// newest first. `offset` pages through at most [`SEARCH_DEPTH`]
    /// results. Also returns how many match in all (up to the depth).
    pub async fn search_insights(
        &self,
        viewer: Viewer,
        filter: &InsightFilter,
        words: &[String],
        offset: u32,
        limit: u32,
    ) -> Result<(Vec<InsightHit>, u32)> {
        let mut params = Params::default();
        let org = params.push(Value::Int(viewer.organisation()));
        let mut conditions = vec![viewer.condition(org)];
        filter_conditions(filter, &mut params, &mut conditions);
        let offset = offset.min(SEARCH_DEPTH);
        let (from, rank, snippet) = if words.is_empty() {
            (
                "insights i".to_owned(),
                "i.id".to_owned(),
                "i.summary".to_owned(),
            )
        } else {
            match self.engine {
                Engine::Sqlite => {
                    let query = words
                        .iter()
                        .map(|w| format!("\"{w}\""))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let q = params.push(Value::Text(query));
                    conditions.push(format!("insight_search MATCH ${q}"));
                    (
                        // CROSS JOIN keeps the full-text index as the outer
                        // loop: SQLite would otherwise start from the
                        // visibility index and run the match once a row.
                        "insight_search s CROSS JOIN insights i ON i.id = s.rowid".to_owned(),
                        "bm25(insight_search, 10.0, 5.0, 2.0, 1.0)".to_owned(),
                        format!(
                            "snippet(insight_search, -1, '{MARK_START}', '{MARK_END}', ' … ', 24)"
                        ),
                    )
                }
                Engine::Postgres => {
                    let q = params.push(Value::Text(words.join(" & ")));
                    conditions.push(format!("s.document @@ to_tsquery('english', ${q})"));
                    (
                        format!(
                            "insight_search s JOIN insights i ON i.id = s.insight_id \
                             CROSS JOIN to_tsquery('english', ${q}) AS q"
                        ),
                        "-ts_rank_cd(s.document, q)".to_owned(),
                        format!(
                            "ts_headline('english', i.summary || ' ' || i.findings, q, \
                             'StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, \
                             MaxFragments=2, FragmentDelimiter=\" … \"')"
                        ),
                    )
                }
            }
        };
        let order = if words.is_empty() {
            "i.happened_on DESC, i.id DESC".to_owned()
        } else {
            format!("{rank}, i.id DESC")
        };
        let conditions = conditions.join(" AND ");
        let count_sql = format!(
            "SELECT COUNT(*) FROM (SELECT i.id FROM {from} WHERE {conditions} LIMIT {SEARCH_DEPTH}) x"
        );
        let total: i64 = params
            .bind_scalar(sqlx::query_scalar(&count_sql))
            .fetch_one(&self.read)
            .await?;
        let limit_n = params.push(Value::Int(i64::from(limit)));
        let offset_n = params.push(Value::Int(i64::from(offset)));
        let sql = format!(
            "SELECT {HIT_COLUMNS}, {snippet} AS snippet FROM {from} \
             JOIN organisations o ON o.id = i.organisation_id \
             WHERE {conditions} ORDER BY {order} LIMIT ${limit_n} OFFSET ${offset_n}"
        );
        let rows = params.bind(sqlx::query(&sql)).fetch_all(&self.read).await?;
        let hits = self.hits_from(&rows).await?;
        Ok((hits, u32::try_from(total).unwrap_or(SEARCH_DEPTH)))
    }

    async fn hits_from(&self, rows: &[AnyRow]) -> Result<Vec<InsightHit>> {
        let ids: Vec<i64> = rows
            .iter()
            .map(|r| r.try_get::<i64, _>("id"))
            .collect::<Result<_, _>>()?;
        let tags = self.tags_of(&ids).await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get("id")?;
                Ok(InsightHit {
                    id: InsightId(id),
                    organisation_id: OrganisationId(r.try_get("organisation_id")?),
                    organisation_name: r.try_get("organisation_name")?,
                    title: r.try_get("title")?,
                    summary: r.try_get("summary")?,
                    visibility: code(
                        &r.try_get::<String, _>("visibility")?,
                        Visibility::parse,
                        "visibility",
                    )?,
                    method: code(&r.try_get::<String, _>("method")?, Method::parse, "method")?,
                    happened_on: date(r.try_get("happened_on")?)?,
                    people_count: r.try_get("people_count")?,
                    topics: tags
                        .get(&id)
                        .map(|t| {
                            t.iter()
                                .filter(|(k, _)| k == "topic")
                                .map(|(_, v)| v.clone())
                                .collect()
                        })
                        .unwrap_or_default(),
                    snippet: r.try_get("snippet")?,
                })
            })
            .collect()
    }

    /// Insights this viewer may see that share any of these words or
    /// topics: the candidates for "has this already been asked?". The
    /// caller ranks them.
    pub async fn insights_like(
        &self,
        viewer: Viewer,
        words: &[String],
        topics: &[String],
        limit: u32,
    ) -> Result<Vec<InsightHit>> {
        let mut params = Params::default();
        let org = params.push(Value::Int(viewer.organisation()));
        let mut alternatives = Vec::new();
        if !words.is_empty() {
            let inner = match self.engine {
                Engine::Sqlite => {
                    let query = words
                        .iter()
                        .map(|w| format!("\"{w}\""))
                        .collect::<Vec<_>>()
                        .join(" OR ");
                    let q = params.push(Value::Text(query));
                    format!(
                        "SELECT rowid FROM insight_search WHERE insight_search MATCH ${q} \
                         ORDER BY bm25(insight_search, 10.0, 5.0, 2.0, 1.0) LIMIT {limit}"
                    )
                }
                Engine::Postgres => {
                    let q = params.push(Value::Text(words.join(" | ")));
                    format!(
                        "SELECT insight_id FROM insight_search \
                         WHERE document @@ to_tsquery('english', ${q}) \
                         ORDER BY ts_rank_cd(document, to_tsquery('english', ${q})) DESC LIMIT {limit}"
                    )
                }
            };
            alternatives.push(format!("i.id IN ({inner})"));
        }
        if !topics.is_empty() {
            let list = params.list(topics);
            alternatives.push(format!(
                "i.id IN (SELECT insight_id FROM insight_tags WHERE kind = 'topic' AND value IN ({list}))"
            ));
        }
        if alternatives.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {HIT_COLUMNS}, i.summary AS snippet FROM insights i \
             JOIN organisations o ON o.id = i.organisation_id \
             WHERE {} AND ({}) ORDER BY i.id DESC LIMIT {}",
            viewer.condition(org),
            alternatives.join(" OR "),
            limit * 2
        );
        let rows = params.bind(sqlx::query(&sql)).fetch_all(&self.read).await?;
        self.hits_from(&rows).await
    }

    /// How many insights there are, by visibility: for the demo and the
    /// library's front page.
    pub async fn insight_count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM insights")
            .fetch_one(&self.read)
            .await?)
    }
}

fn filter_conditions(filter: &InsightFilter, params: &mut Params, conditions: &mut Vec<String>) {
    if let Some(topic) = &filter.topic {
        let n = params.push(Value::Text(topic.clone()));
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM insight_tags t WHERE t.insight_id = i.id AND t.kind = 'topic' AND t.value = ${n})"
        ));
    }
    if let Some(area) = filter.service_area {
        let n = params.push(Value::Text(area.as_str().to_owned()));
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM insight_tags t WHERE t.insight_id = i.id AND t.kind = 'service_area' AND t.value = ${n})"
        ));
    }
    if let Some(org) = filter.organisation {
        let n = params.push(Value::Int(org.0));
        conditions.push(format!("i.organisation_id = ${n}"));
    }
    if let Some(method) = filter.method {
        let n = params.push(Value::Text(method.as_str().to_owned()));
        conditions.push(format!("i.method = ${n}"));
    }
    if let Some(from) = filter.from {
        let n = params.push(Value::Text(from.to_iso()));
        conditions.push(format!("i.happened_on >= ${n}"));
    }
    if let Some(to) = filter.to {
        let n = params.push(Value::Text(to.to_iso()));
        conditions.push(format!("i.happened_on <= ${n}"));
    }
    if let Some(visibility) = filter.visibility {
        let n = params.push(Value::Text(visibility.as_str().to_owned()));
        conditions.push(format!("i.visibility = ${n}"));
    }
}

/// A parameter of a query built from filters.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Int(i64),
    Text(String),
}

/// The parameters of a query built piece by piece, numbered as pushed.
#[derive(Debug, Default)]
pub(crate) struct Params(Vec<Value>);

impl Params {
    /// Adds a parameter and returns its number.
    pub(crate) fn push(&mut self, value: Value) -> usize {
        self.0.push(value);
        self.0.len()
    }

    /// Adds texts for an `IN (...)` list and returns `$n, $m, ...`.
    pub(crate) fn list(&mut self, values: &[String]) -> String {
        values
            .iter()
            .map(|v| format!("${}", self.push(Value::Text(v.clone()))))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub(crate) fn bind<'q>(
        &'q self,
        mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        for value in &self.0 {
            query = match value {
                Value::Int(n) => query.bind(*n),
                Value::Text(t) => query.bind(t.as_str()),
            };
        }
        query
    }

    pub(crate) fn bind_scalar<'q, T>(
        &'q self,
        mut query: sqlx::query::QueryScalar<'q, sqlx::Any, T, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::QueryScalar<'q, sqlx::Any, T, sqlx::any::AnyArguments<'q>> {
        for value in &self.0 {
            query = match value {
                Value::Int(n) => query.bind(*n),
                Value::Text(t) => query.bind(t.as_str()),
            };
        }
        query
    }
}

/// Binds an insight's answers in the order both the insert and the update
/// name them.
fn bind_plan<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    plan: &'q InsightPlan,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    query
        .bind(&plan.title)
        .bind(&plan.summary)
        .bind(&plan.findings)
        .bind(plan.source.as_str())
        .bind(plan.source_detail.as_deref())
        .bind(plan.project.map(|p| p.0))
        .bind(plan.activity.map(|a| a.0))
        .bind(plan.method.as_str())
        .bind(plan.rung.as_str())
        .bind(plan.happened_on.map(|d| d.to_iso()))
        .bind(plan.people_count.map(i64::from))
        .bind(i64::from(plan.consent_to_reuse))
        .bind(plan.visibility.as_str())
}

fn attachment_from(r: &AnyRow) -> Result<AttachmentInfo> {
    Ok(AttachmentInfo {
        id: AttachmentId(r.try_get("id")?),
        insight_id: InsightId(r.try_get("insight_id")?),
        file_name: r.try_get("file_name")?,
        content_type: r.try_get("content_type")?,
        size_bytes: r.try_get("size_bytes")?,
        uploaded_at: r.try_get("uploaded_at")?,
    })
}

fn insight_from(r: &AnyRow, tags: Option<&Vec<(String, String)>>) -> Result<InsightRecord> {
    let tags = tags.map(Vec::as_slice).unwrap_or_default();
    let of_kind = |kind: &str| -> BTreeSet<String> {
        tags.iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let service_areas = of_kind("service_area")
        .iter()
        .map(|a| code(a, ServiceArea::parse, "service area"))
        .collect::<Result<BTreeSet<_>>>()?;
    let count: Option<i64> = r.try_get("people_count")?;
    Ok(InsightRecord {
        id: InsightId(r.try_get("id")?),
        organisation_id: OrganisationId(r.try_get("organisation_id")?),
        organisation_name: r.try_get("organisation_name")?,
        plan: InsightPlan {
            title: r.try_get("title")?,
            summary: r.try_get("summary")?,
            findings: r.try_get("findings")?,
            source: code(
                &r.try_get::<String, _>("source")?,
                SourceKind::parse,
                "source",
            )?,
            source_detail: r.try_get("source_detail")?,
            project: r.try_get::<Option<i64>, _>("project_id")?.map(ProjectId),
            activity: r.try_get::<Option<i64>, _>("activity_id")?.map(ActivityId),
            method: code(&r.try_get::<String, _>("method")?, Method::parse, "method")?,
            rung: code(&r.try_get::<String, _>("rung")?, Rung::parse, "rung")?,
            happened_on: date(r.try_get("happened_on")?)?,
            people_count: count.and_then(|c| u32::try_from(c).ok()),
            topics: of_kind("topic"),
            service_areas,
            localities: of_kind("locality"),
            consent_to_reuse: r.try_get::<i64, _>("consent_to_reuse")? != 0,
            visibility: code(
                &r.try_get::<String, _>("visibility")?,
                Visibility::parse,
                "visibility",
            )?,
        },
        project_title: r.try_get("project_title")?,
        activity_title: r.try_get("activity_title")?,
        created_by: r.try_get("created_by_name")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

impl Tx {
    pub async fn insert_insight(
        &mut self,
        organisation: OrganisationId,
        plan: &InsightPlan,
        by: Option<UserId>,
        now: i64,
    ) -> Result<InsightId> {
        let query = sqlx::query(
            "INSERT INTO insights (organisation_id, title, summary, findings, source, source_detail, \
             project_id, activity_id, method, rung, happened_on, people_count, consent_to_reuse, \
             visibility, created_by, created_at, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $15, $16) \
             RETURNING id",
        )
        .bind(organisation.0);
        let id: i64 = bind_plan(query, plan)
            .bind(by.map(|u| u.0))
            .bind(now)
            .fetch_one(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?
            .try_get("id")?;
        let id = InsightId(id);
        self.write_tags(id, plan).await?;
        self.refresh_insight_search(id).await?;
        Ok(id)
    }

    /// Changes an insight's answers. Its organisation and creator stay.
    pub async fn update_insight(
        &mut self,
        id: InsightId,
        plan: &InsightPlan,
        by: Option<UserId>,
        now: i64,
    ) -> Result<()> {
        let query = sqlx::query(
            "UPDATE insights SET title = $1, summary = $2, findings = $3, source = $4, \
             source_detail = $5, project_id = $6, activity_id = $7, method = $8, rung = $9, \
             happened_on = $10, people_count = $11, consent_to_reuse = $12, visibility = $13, \
             updated_by = $14, updated_at = $15 WHERE id = $16",
        );
        bind_plan(query, plan)
            .bind(by.map(|u| u.0))
            .bind(now)
            .bind(id.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        sqlx::query("DELETE FROM insight_tags WHERE insight_id = $1")
            .bind(id.0)
            .execute(&mut *self.tx)
            .await?;
        self.write_tags(id, plan).await?;
        self.refresh_insight_search(id).await
    }

    async fn write_tags(&mut self, id: InsightId, plan: &InsightPlan) -> Result<()> {
        let tags = plan
            .topics
            .iter()
            .map(|t| ("topic", t.as_str()))
            .chain(
                plan.service_areas
                    .iter()
                    .map(|a| ("service_area", a.as_str())),
            )
            .chain(plan.localities.iter().map(|l| ("locality", l.as_str())));
        for (kind, value) in tags {
            sqlx::query("INSERT INTO insight_tags (insight_id, kind, value) VALUES ($1, $2, $3)")
                .bind(id.0)
                .bind(kind)
                .bind(value)
                .execute(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    pub async fn insert_insight_attachment(
        &mut self,
        insight: InsightId,
        file: &NewAttachment<'_>,
        by: Option<UserId>,
        now: i64,
    ) -> Result<AttachmentId> {
        let id: i64 = sqlx::query(
            "INSERT INTO insight_attachments (insight_id, file_name, content_type, size_bytes, \
             content, text, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             RETURNING id",
        )
        .bind(insight.0)
        .bind(file.file_name)
        .bind(file.content_type)
        .bind(i64::try_from(file.content.len()).unwrap_or(i64::MAX))
        .bind(file.content.to_vec())
        .bind(file.text)
        .bind(by.map(|u| u.0))
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?
        .try_get("id")?;
        sqlx::query("UPDATE insights SET updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(insight.0)
            .execute(&mut *self.tx)
            .await?;
        self.refresh_insight_search(insight).await?;
        Ok(AttachmentId(id))
    }

    /// Removes an attached file; the search forgets its words.
    pub async fn delete_insight_attachment(
        &mut self,
        insight: InsightId,
        id: AttachmentId,
    ) -> Result<bool> {
        let done = sqlx::query("DELETE FROM insight_attachments WHERE id = $1 AND insight_id = $2")
            .bind(id.0)
            .bind(insight.0)
            .execute(&mut *self.tx)
            .await?
            .rows_affected();
        self.refresh_insight_search(insight).await?;
        Ok(done == 1)
    }

    /// Rewrites an insight's row of the search index from what is stored
    /// now, inside this transaction, so that every server process sees the
    /// change the moment it commits.
    async fn refresh_insight_search(&mut self, id: InsightId) -> Result<()> {
        let row = sqlx::query("SELECT title, summary, findings FROM insights WHERE id = $1")
            .bind(id.0)
            .fetch_one(&mut *self.tx)
            .await?;
        let texts: Vec<String> = sqlx::query_scalar(
            "SELECT text FROM insight_attachments WHERE insight_id = $1 ORDER BY id",
        )
        .bind(id.0)
        .fetch_all(&mut *self.tx)
        .await?;
        let attachments = texts.join("\n");
        let title: String = row.try_get("title")?;
        let summary: String = row.try_get("summary")?;
        let findings: String = row.try_get("findings")?;
        match self.engine {
            Engine::Sqlite => {
                sqlx::query("DELETE FROM insight_search WHERE rowid = $1")
                    .bind(id.0)
                    .execute(&mut *self.tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO insight_search (rowid, title, summary, findings, attachments) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id.0)
                .bind(&title)
                .bind(&summary)
                .bind(&findings)
                .bind(&attachments)
                .execute(&mut *self.tx)
                .await?;
            }
            Engine::Postgres => {
                sqlx::query(
                    "INSERT INTO insight_search (insight_id, document) VALUES ($1, \
                     setweight(to_tsvector('english', $2), 'A') || \
                     setweight(to_tsvector('english', $3), 'B') || \
                     setweight(to_tsvector('english', $4), 'C') || \
                     setweight(to_tsvector('english', $5), 'D')) \
                     ON CONFLICT (insight_id) DO UPDATE SET document = EXCLUDED.document",
                )
                .bind(id.0)
                .bind(&title)
                .bind(&summary)
                .bind(&findings)
                .bind(&attachments)
                .execute(&mut *self.tx)
                .await?;
            }
        }
        Ok(())
    }
}
