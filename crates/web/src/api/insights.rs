//! The insights library through the API: adding, changing, reading and
//! searching insights shared across the partnership; "has this already
//! been asked?" (`related`); and "you said, we did" (`you_said`), whose
//! published entries anyone may read.
//!
//! Who sees what is the services' decision: an insight seen only by its
//! organisation is not found by anyone else, and only its own
//! organisation may change an insight, even one the partnership can read.

pub mod related;
pub mod you_said;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::{Json, Router, routing};
use coproduce_domain::dates::{Date, parse_uk_date};
use coproduce_domain::insights::{InsightFilter, Visibility, snippet_parts};
use coproduce_domain::ladder::Method;
use coproduce_domain::project::ServiceArea;
use coproduce_domain::{Action, InsightId};
use coproduce_services::insights::{self, InsightAnswers, InsightView, SearchPage};
use coproduce_services::people::Lists;
use coproduce_services::staff::check;
use coproduce_store::{AttachmentInfo, InsightHit};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use super::auth::ApiCaller;
use super::body::{input, sent};
use super::error::{ApiError, ErrorBody};
use super::read::{
    Problems, Reader, code, given, organisation, path_id, refuse, renamed, rfc3339, topic,
    unreadable_query,
};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/insights", routing::get(list).post(create))
        .route("/insights/{id}", routing::get(get).patch(patch))
        .route("/related", routing::get(related::related))
        .route(
            "/you-said-we-did",
            routing::get(you_said::list).post(you_said::create),
        )
        .route(
            "/you-said-we-did/{id}",
            routing::get(you_said::get).patch(you_said::patch),
        )
        .route(
            "/public/you-said-we-did",
            routing::get(you_said::public_list),
        )
        .route(
            "/public/you-said-we-did/{id}",
            routing::get(you_said::public_get),
        )
}

/// A file attached to an insight. Its words are searched with the
/// insight's.
#[derive(Serialize, ToSchema)]
pub struct AttachmentBody {
    id: i64,
    file_name: String,
    /// application/pdf, text/csv, or the Word or Excel type.
    content_type: String,
    size_bytes: i64,
    /// As RFC 3339 in UTC.
    uploaded_at: String,
}

impl From<AttachmentInfo> for AttachmentBody {
    fn from(info: AttachmentInfo) -> Self {
        Self {
            id: info.id.0,
            file_name: info.file_name,
            content_type: info.content_type,
            size_bytes: info.size_bytes,
            uploaded_at: rfc3339(info.uploaded_at),
        }
    }
}

/// An insight: what the partnership learned from people.
#[derive(Serialize, ToSchema)]
pub struct InsightBody {
    id: i64,
    title: String,
    /// A short summary in plain English.
    summary: String,
    /// What people said.
    findings: String,
    /// project, activity, survey, partner_report or other.
    source: String,
    /// Who asked, or which report.
    source_detail: Option<String>,
    /// The project it came from, when `source` is project.
    project_id: Option<i64>,
    /// The activity it came from, when `source` is activity.
    activity_id: Option<i64>,
    /// How people took part: information, consultation,
    /// community_engagement, stakeholder_engagement, involvement,
    /// participation or co_production.
    method: String,
    /// The rung of the ladder the engagement was at: coercion, educating,
    /// informing, consultation, engagement, co_design or co_production.
    rung: String,
    /// The day the engagement happened, YYYY-MM-DD.
    happened_on: Option<String>,
    /// How many people took part.
    people_count: Option<u32>,
    /// Topic slugs, such as transport.
    topics: Vec<String>,
    /// Service area codes, such as carers.
    service_areas: Vec<String>,
    /// Locality slugs.
    localities: Vec<String>,
    /// Whether people agreed to what they said being reused. A public
    /// insight always has this.
    consent_to_reuse: bool,
    /// organisation (only its organisation's staff), partnership (staff of
    /// every organisation) or public (anyone).
    visibility: String,
    organisation_id: i64,
    organisation_name: String,
    /// As RFC 3339 in UTC.
    created_at: String,
    /// As RFC 3339 in UTC.
    updated_at: String,
    attachments: Vec<AttachmentBody>,
    /// Whether the caller may change it: only its own organisation may.
    can_change: bool,
}

impl From<InsightView> for InsightBody {
    fn from(view: InsightView) -> Self {
        let record = view.record;
        let plan = record.plan;
        Self {
            id: record.id.0,
            title: plan.title,
            summary: plan.summary,
            findings: plan.findings,
            source: plan.source.as_str().to_owned(),
            source_detail: plan.source_detail,
            project_id: plan.project.map(|p| p.0),
            activity_id: plan.activity.map(|a| a.0),
            method: plan.method.as_str().to_owned(),
            rung: plan.rung.as_str().to_owned(),
            happened_on: plan.happened_on.map(Date::to_iso),
            people_count: plan.people_count,
            topics: plan.topics.into_iter().collect(),
            service_areas: plan
                .service_areas
                .iter()
                .map(|a| a.as_str().to_owned())
                .collect(),
            localities: plan.localities.into_iter().collect(),
            consent_to_reuse: plan.consent_to_reuse,
            visibility: plan.visibility.as_str().to_owned(),
            organisation_id: record.organisation_id.0,
            organisation_name: record.organisation_name,
            created_at: rfc3339(record.created_at),
            updated_at: rfc3339(record.updated_at),
            attachments: view
                .attachments
                .into_iter()
                .map(AttachmentBody::from)
                .collect(),
            can_change: view.can_change,
        }
    }
}

/// An insight found by a search, with enough to list it.
#[derive(Serialize, ToSchema)]
pub struct InsightHitBody {
    id: i64,
    title: String,
    summary: String,
    topics: Vec<String>,
    /// organisation, partnership or public.
    visibility: String,
    organisation_id: i64,
    organisation_name: String,
    /// YYYY-MM-DD.
    happened_on: Option<String>,
    /// How people took part, such as consultation.
    method: String,
    people_count: Option<i64>,
    /// A few lines around the words searched for, as plain text with the
    /// matched words between `<mark>` and `</mark>`. Any `<`, `>` or `&`
    /// of the text itself is escaped as `&lt;`, `&gt;` or `&amp;`. Without
    /// search words, the summary.
    snippet: String,
}

impl From<InsightHit> for InsightHitBody {
    fn from(hit: InsightHit) -> Self {
        Self {
            id: hit.id.0,
            snippet: marked(&hit.snippet),
            title: hit.title,
            summary: hit.summary,
            topics: hit.topics,
            visibility: hit.visibility.as_str().to_owned(),
            organisation_id: hit.organisation_id.0,
            organisation_name: hit.organisation_name,
            happened_on: hit.happened_on.map(Date::to_iso),
            method: hit.method.as_str().to_owned(),
            people_count: hit.people_count,
        }
    }
}

/// A snippet with its matched words between `<mark>` and `</mark>`, and
/// the rest of its text escaped so that only those marks are markup.
fn marked(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len() + 16);
    for (text, matched) in snippet_parts(snippet) {
        if matched {
            out.push_str("<mark>");
        }
        for c in text.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                c => out.push(c),
            }
        }
        if matched {
            out.push_str("</mark>");
        }
    }
    out
}

/// One page of search results, the best match first.
#[derive(Serialize, ToSchema)]
pub struct InsightSearchBody {
    items: Vec<InsightHitBody>,
    /// How many insights match in all, counted up to 500.
    total: u32,
    /// This page's number, from 1.
    page: u32,
    /// How many pages there are.
    pages: u32,
    /// The words searched for, after cleaning: lower case letters and
    /// digits.
    words: Vec<String>,
}

impl From<SearchPage> for InsightSearchBody {
    fn from(page: SearchPage) -> Self {
        Self {
            items: page.hits.into_iter().map(InsightHitBody::from).collect(),
            total: page.total,
            page: page.page,
            pages: page.pages,
            words: page.words,
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InsightParams {
    /// Words to search for in titles, summaries, findings and attached
    /// files.
    q: Option<String>,
    /// A topic slug, such as transport.
    topic: Option<String>,
    /// Only this organisation's insights.
    #[param(value_type = Option<i64>)]
    organisation_id: Option<String>,
    /// A service area code, such as carers.
    service_area: Option<String>,
    /// How people took part, such as consultation.
    method: Option<String>,
    /// Engagements on or after this day, YYYY-MM-DD.
    from: Option<String>,
    /// Engagements on or before this day, YYYY-MM-DD.
    to: Option<String>,
    /// organisation, partnership or public.
    visibility: Option<String>,
    /// The page's number, from 1 (default 1). 20 results a page.
    #[param(value_type = Option<u32>, minimum = 1)]
    page: Option<String>,
}

fn day(value: Option<&str>, field: &'static str, problems: &mut Problems) -> Option<Date> {
    let value = given(value)?;
    match parse_uk_date(value) {
        Ok(date) => Some(date),
        Err(e) => {
            problems.push((field, e.message));
            None
        }
    }
}

impl InsightParams {
    /// The search's filter and page; every value must be known.
    fn read(&self, lists: &Lists) -> Result<(InsightFilter, u32), ApiError> {
        let mut problems = Problems::new();
        let filter = InsightFilter {
            words: self.q.clone().unwrap_or_default(),
            topic: topic(self.topic.as_deref(), lists, "topic", &mut problems),
            organisation: organisation(self.organisation_id.as_deref(), &mut problems),
            service_area: code(
                self.service_area.as_deref(),
                ServiceArea::parse,
                "service_area",
                &mut problems,
            ),
            method: code(
                self.method.as_deref(),
                Method::parse,
                "method",
                &mut problems,
            ),
            from: day(self.from.as_deref(), "from", &mut problems),
            to: day(self.to.as_deref(), "to", &mut problems),
            visibility: code(
                self.visibility.as_deref(),
                Visibility::parse,
                "visibility",
                &mut problems,
            ),
        };
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from > to
        {
            problems.push(("to", "to must be the same day as from or later".into()));
        }
        let page = match given(self.page.as_deref()) {
            None => 1,
            Some(value) => match value.parse::<u32>() {
                Ok(page) if page >= 1 => page,
                _ => {
                    problems.push(("page", "page must be a whole number, 1 or more".into()));
                    1
                }
            },
        };
        refuse(problems)?;
        Ok((filter, page))
    }
}

/// An insight's answers. To add one send title, summary, findings,
/// source, method, rung and visibility. In a PATCH, fields left out stay
/// as they were and null clears a field.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InsightInput {
    /// Up to 150 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    title: Option<Value>,
    /// A short summary in plain English, up to 1,500 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    summary: Option<Value>,
    /// What people said, up to 20,000 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    findings: Option<Value>,
    /// project, activity, survey, partner_report or other.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    source: Option<Value>,
    /// Who asked, or which report, up to 150 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    source_detail: Option<Value>,
    /// One of the caller's organisation's projects; needed when `source`
    /// is project.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>)]
    project_id: Option<Value>,
    /// One of the caller's organisation's activities; needed when `source`
    /// is activity.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>)]
    activity_id: Option<Value>,
    /// How people took part, such as consultation.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    method: Option<Value>,
    /// The rung of the ladder the engagement was at, such as consultation.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    rung: Option<Value>,
    /// The day the engagement happened, YYYY-MM-DD; today or before.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    happened_on: Option<Value>,
    /// How many people took part.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>, minimum = 1)]
    people_count: Option<Value>,
    /// Topic slugs, such as transport.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Vec<String>)]
    topics: Option<Value>,
    /// Service area codes, such as carers.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Vec<String>)]
    service_areas: Option<Value>,
    /// Locality slugs.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Vec<String>)]
    localities: Option<Value>,
    /// Whether people agreed to what they said being reused. Needed for a
    /// public insight.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = bool)]
    consent_to_reuse: Option<Value>,
    /// organisation, partnership or public.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    visibility: Option<Value>,
}

impl InsightInput {
    /// Lays the sent answers over `answers`.
    fn overlay(self, answers: &mut InsightAnswers, reader: &mut Reader) {
        reader.text("title", self.title, &mut answers.title);
        reader.text("summary", self.summary, &mut answers.summary);
        reader.text("findings", self.findings, &mut answers.findings);
        reader.text("source", self.source, &mut answers.source);
        reader.text(
            "source_detail",
            self.source_detail,
            &mut answers.source_detail,
        );
        reader.id("project_id", self.project_id, &mut answers.project);
        reader.id("activity_id", self.activity_id, &mut answers.activity);
        reader.text("method", self.method, &mut answers.method);
        reader.text("rung", self.rung, &mut answers.rung);
        reader.text("happened_on", self.happened_on, &mut answers.happened_on);
        reader.count("people_count", self.people_count, &mut answers.people_count);
        reader.codes("topics", self.topics, &mut answers.topics);
        reader.codes(
            "service_areas",
            self.service_areas,
            &mut answers.service_areas,
        );
        reader.codes("localities", self.localities, &mut answers.localities);
        reader.flag(
            "consent_to_reuse",
            self.consent_to_reuse,
            &mut answers.consent_to_reuse,
        );
        reader.text("visibility", self.visibility, &mut answers.visibility);
    }
}

fn insight_id(id: &str) -> Result<InsightId, ApiError> {
    path_id(id).map(InsightId)
}

/// Searches the insights the caller may see: their organisation's own,
/// and everything shared with the partnership or the public. With `q`, the
/// best matches come first; without, the most recent engagements. Results
/// are ranked, so they are paged by number (`page`, 20 a page, up to 500
/// results), not by a cursor: there is no `limit`, `after` or `next` here.
#[utoipa::path(get, path = "/api/v1/insights", operation_id = "search_insights", tag = "Insights", params(InsightParams),
    responses((status = 200, body = InsightSearchBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<InsightParams>, QueryRejection>,
) -> Result<Json<InsightSearchBody>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ViewInsights))?;
    let Query(params) = params.map_err(unreadable_query)?;
    let lists = Lists::load(&state.services).await?;
    let (filter, page) = params.read(&lists)?;
    let found = insights::search(&state.services, Some(&actor), &filter, page).await?;
    Ok(Json(found.into()))
}

/// An insight the caller may see, with its attached files. One seen only
/// by another organisation is not found.
#[utoipa::path(get, path = "/api/v1/insights/{id}", operation_id = "get_insight", tag = "Insights",
    params(("id" = i64, Path, description = "The insight's id")),
    responses((status = 200, body = InsightBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<InsightBody>, ApiError> {
    let actor = caller.actor();
    let view = insights::get(&state.services, Some(&actor), insight_id(&id)?).await?;
    Ok(Json(view.into()))
}

/// Adds an insight to the library for the caller's organisation. A public
/// insight needs `consent_to_reuse`. Nothing is stored unless every answer
/// is accepted.
#[utoipa::path(post, path = "/api/v1/insights", operation_id = "create_insight", tag = "Insights", request_body = InsightInput,
    responses((status = 201, body = InsightBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<InsightBody>), ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ManageInsights))?;
    let body: InsightInput = input(body)?;
    let mut reader = Reader::default();
    let mut answers = InsightAnswers::default();
    body.overlay(&mut answers, &mut reader);
    reader.finish()?;
    let id = insights::create(&state.services, &actor, &answers)
        .await
        .map_err(renamed)?;
    let view = insights::get(&state.services, Some(&actor), id).await?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

/// Changes an insight; fields not sent stay as they were. Only the
/// insight's own organisation may change it: to anyone else it is not
/// found (404), even when the partnership can read it. A role that may
/// not change insights at all is refused (403).
#[utoipa::path(patch, path = "/api/v1/insights/{id}", operation_id = "change_insight", tag = "Insights", request_body = InsightInput,
    params(("id" = i64, Path, description = "The insight's id")),
    responses((status = 200, body = InsightBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn patch(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<InsightBody>, ApiError> {
    let actor = caller.actor();
    // Another organisation's insight is not found, whatever the body says.
    let record = insights::for_change(&state.services, &actor, insight_id(&id)?).await?;
    let id = record.id;
    let body: InsightInput = input(body)?;
    let mut answers = InsightAnswers::from_record(&record);
    let mut reader = Reader::default();
    body.overlay(&mut answers, &mut reader);
    if reader.finish()? {
        insights::update(&state.services, &actor, id, &answers)
            .await
            .map_err(renamed)?;
    }
    let view = insights::get(&state.services, Some(&actor), id).await?;
    Ok(Json(view.into()))
}

#[cfg(test)]
mod tests {
    use super::marked;

    #[test]
    fn snippets_mark_matches_and_escape_the_rest() {
        assert_eq!(
            marked("a <b> & \u{1}bus\u{2} stop"),
            "a &lt;b&gt; &amp; <mark>bus</mark> stop"
        );
        assert_eq!(marked("no marks"), "no marks");
    }
}
