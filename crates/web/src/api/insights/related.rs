//! "Has this already been asked?" through the API: insights, projects and
//! "you said, we did" entries across the partnership that are like a
//! piece of work being planned.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use coproduce_domain::ProjectId;
use coproduce_services::insights;
use coproduce_services::people::Lists;
use coproduce_store::ProjectLike;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::InsightHitBody;
use super::you_said::SaidBody;
use crate::api::auth::ApiCaller;
use crate::api::error::{ApiError, ErrorBody};
use crate::api::read::{Problems, given, query_id, refuse, rfc3339, topic, unreadable_query};
use crate::state::AppState;

/// What a piece of work being planned is about. Read by hand from the
/// query string, so that `topics` may be sent either way.
#[derive(IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct RelatedParams {
    /// The work's title.
    title: Option<String>,
    /// The work's summary.
    summary: Option<String>,
    /// Topic slugs, separated by commas (`topics=transport,housing`) or
    /// repeated (`topics=transport&topics=housing`).
    #[param(value_type = Option<Vec<String>>)]
    topics: Vec<String>,
    /// A project to leave out: the one being planned.
    #[param(value_type = Option<i64>)]
    except_project_id: Option<String>,
}

impl RelatedParams {
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut params = Self::default();
        for (key, value) in pairs {
            match key.as_str() {
                "title" => params.title = Some(value),
                "summary" => params.summary = Some(value),
                "topics" | "topics[]" => params.topics.extend(
                    value
                        .split(',')
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(str::to_owned),
                ),
                "except_project_id" => params.except_project_id = Some(value),
                // Like every list, other names in the query are ignored.
                _ => {}
            }
        }
        params
    }
}

/// A project like the work being planned: the caller's organisation's, or
/// a published one of any organisation.
#[derive(Serialize, ToSchema)]
pub struct RelatedProjectBody {
    id: i64,
    title: String,
    summary: String,
    organisation_id: i64,
    organisation_name: String,
    /// planning, active or closed.
    status: String,
    /// As RFC 3339 in UTC.
    created_at: String,
}

impl From<ProjectLike> for RelatedProjectBody {
    fn from(project: ProjectLike) -> Self {
        Self {
            id: project.id.0,
            title: project.title,
            summary: project.summary,
            organisation_id: project.organisation_id.0,
            organisation_name: project.organisation_name,
            status: project.status,
            created_at: rfc3339(project.created_at),
        }
    }
}

/// What is already known, the closest first in each list.
#[derive(Serialize, ToSchema)]
pub struct RelatedBody {
    /// Insights the caller may see; each `snippet` is the summary.
    insights: Vec<InsightHitBody>,
    projects: Vec<RelatedProjectBody>,
    /// "You said, we did" entries: the caller's organisation's, and
    /// everyone's published ones.
    you_said: Vec<SaidBody>,
    /// The words matched on: the telling words of the title and summary.
    words: Vec<String>,
}

/// "Has this already been asked?": insights, projects and "you said, we
/// did" entries across the partnership like a piece of work, by the words
/// of its title and summary and by its topics. Send at least one of
/// title, summary or topics.
#[utoipa::path(get, path = "/api/v1/related", operation_id = "related_work", tag = "Insights", params(RelatedParams),
    responses((status = 200, body = RelatedBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn related(
    State(state): State<AppState>,
    caller: ApiCaller,
    pairs: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<RelatedBody>, ApiError> {
    let actor = caller.actor();
    let Query(pairs) = pairs.map_err(unreadable_query)?;
    let params = RelatedParams::from_pairs(pairs);
    let lists = Lists::load(&state.services).await?;
    let mut problems = Problems::new();
    let mut topics = Vec::new();
    for slug in &params.topics {
        if let Some(slug) = topic(Some(slug), &lists, "topics", &mut problems)
            && !topics.contains(&slug)
        {
            topics.push(slug);
        }
    }
    let except = query_id(
        params.except_project_id.as_deref(),
        "except_project_id",
        &mut problems,
    )
    .map(ProjectId);
    let title = given(params.title.as_deref()).unwrap_or_default();
    let summary = given(params.summary.as_deref()).unwrap_or_default();
    if title.is_empty() && summary.is_empty() && params.topics.is_empty() {
        problems.push((
            "title",
            "Send a title, a summary or topics to compare with".into(),
        ));
    }
    refuse(problems)?;
    let found = insights::related(&state.services, &actor, title, summary, &topics, except).await?;
    Ok(Json(RelatedBody {
        insights: found
            .insights
            .into_iter()
            .map(InsightHitBody::from)
            .collect(),
        projects: found
            .projects
            .into_iter()
            .map(RelatedProjectBody::from)
            .collect(),
        you_said: found
            .said
            .into_iter()
            .map(|record| SaidBody::new(record, &actor))
            .collect(),
        words: found.words,
    }))
}
