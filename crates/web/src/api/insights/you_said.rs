//! "You said, we did" through the API: what people said, what was done
//! about it, and changing an action's status, which emails each person
//! who agreed to hear back exactly once. Published entries are open to
//! anyone under `/api/v1/public`.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use coproduce_domain::dates::Date;
use coproduce_domain::insights::ActionStatus;
use coproduce_domain::{Action, Actor, InsightId, SaidId};
use coproduce_services::Services;
use coproduce_services::people::Lists;
use coproduce_services::staff::check;
use coproduce_services::you_said::{self, PER_PAGE, SaidAnswers, SaidView};
use coproduce_store::{Listener, SaidFilter, SaidRecord, SaidUpdate};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use crate::api::auth::ApiCaller;
use crate::api::body::{input, query_error, sent};
use crate::api::error::{ApiError, ErrorBody};
use crate::api::read::{
    Problems, Reader, code, cursor, organisation, path_id, query_id, refuse, renamed, rfc3339,
    topic,
};
use crate::state::AppState;

/// An entry, as staff see it. The titles of the insight and activity it
/// came from are given for the caller's own organisation's entries only.
#[derive(Serialize, ToSchema)]
pub struct SaidBody {
    id: i64,
    organisation_id: i64,
    organisation_name: String,
    /// What people said.
    statement: String,
    /// The theme, such as "waiting times".
    theme: String,
    /// The insight it came from.
    insight_id: Option<i64>,
    insight_title: Option<String>,
    /// The activity it came from.
    activity_id: Option<i64>,
    activity_title: Option<String>,
    /// Topic slugs.
    topics: Vec<String>,
    /// What was done, or will be done, about it.
    action: String,
    /// Who is responsible for the action.
    owner: String,
    /// When the action should be done by, YYYY-MM-DD.
    due_on: Option<String>,
    /// planned, in_progress, done or not_possible.
    status: String,
    /// Why the action is not possible: present exactly when it is not.
    reason: Option<String>,
    /// Whether anyone may see it on the public pages.
    published: bool,
    /// As RFC 3339 in UTC.
    created_at: String,
    /// When the status last changed, as RFC 3339 in UTC.
    status_changed_at: String,
}

impl SaidBody {
    pub fn new(record: SaidRecord, actor: &Actor) -> Self {
        let own = record.organisation_id == actor.organisation_id;
        let plan = record.plan;
        Self {
            id: record.id.0,
            organisation_id: record.organisation_id.0,
            organisation_name: record.organisation_name,
            statement: plan.statement,
            theme: plan.theme,
            insight_id: plan.insight.map(|i| i.0),
            insight_title: record.insight_title.filter(|_| own),
            activity_id: plan.activity.map(|a| a.0),
            activity_title: record.activity_title.filter(|_| own),
            topics: plan.topics.into_iter().collect(),
            action: plan.action,
            owner: plan.owner,
            due_on: plan.due_on.map(Date::to_iso),
            status: plan.status.as_str().to_owned(),
            reason: plan.reason,
            published: plan.published,
            created_at: rfc3339(record.created_at),
            status_changed_at: rfc3339(record.status_changed_at),
        }
    }
}

/// Someone who said it and agreed to hear what happened.
#[derive(Serialize, ToSchema)]
pub struct ListenerBody {
    person_id: i64,
    name: String,
    /// Whether they can be emailed: people without an email address, or
    /// who have left the register, are not.
    has_email: bool,
}

impl From<Listener> for ListenerBody {
    fn from(listener: Listener) -> Self {
        Self {
            person_id: listener.person_id.0,
            name: listener.name,
            has_email: listener.email.is_some(),
        }
    }
}

/// A change of an entry's status.
#[derive(Serialize, ToSchema)]
pub struct SaidUpdateBody {
    /// planned, in_progress, done or not_possible.
    status: String,
    reason: Option<String>,
    /// How many people were emailed about it.
    emailed: i64,
    /// The staff member who changed it, for the caller's own
    /// organisation's entries.
    changed_by: Option<String>,
    /// As RFC 3339 in UTC.
    changed_at: String,
}

impl SaidUpdateBody {
    fn new(update: SaidUpdate, own: bool) -> Self {
        Self {
            status: update.status.as_str().to_owned(),
            reason: update.reason,
            emailed: update.told,
            changed_by: update.changed_by.filter(|_| own),
            changed_at: rfc3339(update.changed_at),
        }
    }
}

/// An entry with its history and, for its own organisation, the people to
/// tell.
#[derive(Serialize, ToSchema)]
pub struct SaidDetail {
    #[serde(flatten)]
    entry: SaidBody,
    /// The people to tell when the status changes: listed for the entry's
    /// own organisation only.
    listeners: Vec<ListenerBody>,
    /// Each status the action has had, oldest first.
    updates: Vec<SaidUpdateBody>,
    /// Whether the caller may change it: only its own organisation may.
    can_change: bool,
}

impl SaidDetail {
    fn new(view: SaidView, actor: &Actor) -> Self {
        let own = view.record.organisation_id == actor.organisation_id;
        Self {
            entry: SaidBody::new(view.record, actor),
            listeners: view.listeners.into_iter().map(ListenerBody::from).collect(),
            updates: view
                .updates
                .into_iter()
                .map(|u| SaidUpdateBody::new(u, own))
                .collect(),
            can_change: view.can_change,
        }
    }
}

/// An entry after a change, with how many people the change emailed.
#[derive(Serialize, ToSchema)]
pub struct SaidChanged {
    #[serde(flatten)]
    entry: SaidDetail,
    /// How many people this change emailed: those who agreed to hear back
    /// and have an email address, when the status changed; otherwise 0.
    emailed: usize,
}

/// A published entry, as anyone may see it.
#[derive(Serialize, ToSchema)]
pub struct PublicSaidBody {
    id: i64,
    /// What people said.
    statement: String,
    theme: String,
    /// What was done, or will be done, about it.
    action: String,
    /// Who is responsible for the action.
    owner: String,
    /// YYYY-MM-DD.
    due_on: Option<String>,
    /// planned, in_progress, done or not_possible.
    status: String,
    /// Why the action is not possible: present exactly when it is not.
    reason: Option<String>,
    organisation_id: i64,
    organisation_name: String,
    /// Topic slugs.
    topics: Vec<String>,
    /// As RFC 3339 in UTC.
    created_at: String,
    /// When the status last changed, as RFC 3339 in UTC.
    status_changed_at: String,
}

impl From<SaidRecord> for PublicSaidBody {
    fn from(record: SaidRecord) -> Self {
        let plan = record.plan;
        Self {
            id: record.id.0,
            statement: plan.statement,
            theme: plan.theme,
            action: plan.action,
            owner: plan.owner,
            due_on: plan.due_on.map(Date::to_iso),
            status: plan.status.as_str().to_owned(),
            reason: plan
                .reason
                .filter(|_| plan.status == ActionStatus::NotPossible),
            organisation_id: record.organisation_id.0,
            organisation_name: record.organisation_name,
            topics: plan.topics.into_iter().collect(),
            created_at: rfc3339(record.created_at),
            status_changed_at: rfc3339(record.status_changed_at),
        }
    }
}

/// A page of entries, newest first.
#[derive(Serialize, ToSchema)]
pub struct SaidList {
    items: Vec<SaidBody>,
    /// Pass as `after` for the next page; null on the last page.
    next: Option<String>,
}

/// A page of published entries, newest first.
#[derive(Serialize, ToSchema)]
pub struct PublicSaidList {
    items: Vec<PublicSaidBody>,
    /// Pass as `after` for the next page; null on the last page.
    next: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SaidParams {
    /// A topic slug, such as transport.
    topic: Option<String>,
    /// Only this organisation's entries.
    #[param(value_type = Option<i64>)]
    organisation_id: Option<String>,
    /// planned, in_progress, done or not_possible.
    status: Option<String>,
    /// Only entries that came from this insight.
    #[param(value_type = Option<i64>)]
    insight_id: Option<String>,
    /// How many to return, 1 to 200 (default 25).
    limit: Option<u32>,
    /// The `next` value of the previous page.
    after: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PublicSaidParams {
    /// A topic slug, such as transport.
    topic: Option<String>,
    /// Only this organisation's entries.
    #[param(value_type = Option<i64>)]
    organisation_id: Option<String>,
    /// How many to return, 1 to 200 (default 25).
    limit: Option<u32>,
    /// The `next` value of the previous page.
    after: Option<String>,
}

/// One page of `limit` entries after the cursor, read through the
/// services' fixed pages, and the cursor of the next.
async fn page(
    services: &Services,
    actor: Option<&Actor>,
    filter: SaidFilter,
    after: Option<&str>,
    limit: Option<u32>,
) -> Result<(Vec<SaidRecord>, Option<String>), ApiError> {
    let limit = usize::try_from(limit.unwrap_or(PER_PAGE).clamp(1, 200)).unwrap_or(200);
    let mut before = cursor(after)?.map(SaidId);
    let mut items: Vec<SaidRecord> = Vec::new();
    loop {
        let batch = you_said::list(services, actor, filter.clone(), before).await?;
        let full = batch.len() == PER_PAGE as usize;
        let mut batch = batch.into_iter();
        items.extend(batch.by_ref().take(limit - items.len()));
        let more = batch.next().is_some() || full;
        if items.len() == limit || !full {
            let next = items
                .last()
                .filter(|_| more && items.len() == limit)
                .map(|r| r.id.to_string());
            return Ok((items, next));
        }
        before = items.last().map(|r| r.id);
    }
}

/// The entries the caller's organisation's staff see: their own and every
/// published one, newest first.
#[utoipa::path(get, path = "/api/v1/you-said-we-did", operation_id = "list_you_said", tag = "You said, we did", params(SaidParams),
    responses((status = 200, body = SaidList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<SaidParams>, QueryRejection>,
) -> Result<Json<SaidList>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ViewInsights))?;
    let Query(params) = params.map_err(query_error)?;
    let lists = Lists::load(&state.services).await?;
    let mut problems = Problems::new();
    let filter = SaidFilter {
        topic: topic(params.topic.as_deref(), &lists, "topic", &mut problems),
        organisation: organisation(params.organisation_id.as_deref(), &mut problems),
        status: code(
            params.status.as_deref(),
            ActionStatus::parse,
            "status",
            &mut problems,
        ),
        insight: query_id(params.insight_id.as_deref(), "insight_id", &mut problems).map(InsightId),
        ..SaidFilter::default()
    };
    refuse(problems)?;
    let (items, next) = page(
        &state.services,
        Some(&actor),
        filter,
        params.after.as_deref(),
        params.limit,
    )
    .await?;
    Ok(Json(SaidList {
        items: items
            .into_iter()
            .map(|record| SaidBody::new(record, &actor))
            .collect(),
        next,
    }))
}

/// Published entries across the partnership, newest first. Open to
/// anyone, with no token.
#[utoipa::path(get, path = "/api/v1/public/you-said-we-did", operation_id = "list_public_you_said", tag = "Public",
    params(PublicSaidParams),
    security(()),
    responses((status = 200, body = PublicSaidList), (status = 400, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn public_list(
    State(state): State<AppState>,
    params: Result<Query<PublicSaidParams>, QueryRejection>,
) -> Result<Json<PublicSaidList>, ApiError> {
    let Query(params) = params.map_err(query_error)?;
    let lists = Lists::load(&state.services).await?;
    let mut problems = Problems::new();
    let filter = SaidFilter {
        topic: topic(params.topic.as_deref(), &lists, "topic", &mut problems),
        organisation: organisation(params.organisation_id.as_deref(), &mut problems),
        ..SaidFilter::default()
    };
    refuse(problems)?;
    let (items, next) = page(
        &state.services,
        None,
        filter,
        params.after.as_deref(),
        params.limit,
    )
    .await?;
    Ok(Json(PublicSaidList {
        items: items.into_iter().map(PublicSaidBody::from).collect(),
        next,
    }))
}

/// A published entry. An unpublished one is not found. Open to anyone,
/// with no token.
#[utoipa::path(get, path = "/api/v1/public/you-said-we-did/{id}", operation_id = "get_public_you_said", tag = "Public",
    security(()),
    params(("id" = i64, Path, description = "The entry's id")),
    responses((status = 200, body = PublicSaidBody), (status = 404, body = ErrorBody)))]
pub async fn public_get(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<PublicSaidBody>, ApiError> {
    let (record, _) = you_said::public_get(&state.services, SaidId(path_id(&id)?)).await?;
    Ok(Json(record.into()))
}

/// An entry the caller may see: their organisation's, or anyone's once
/// published. Another organisation's unpublished entry is not found.
#[utoipa::path(get, path = "/api/v1/you-said-we-did/{id}", operation_id = "get_you_said", tag = "You said, we did",
    params(("id" = i64, Path, description = "The entry's id")),
    responses((status = 200, body = SaidDetail), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<SaidDetail>, ApiError> {
    let actor = caller.actor();
    let view = you_said::get(&state.services, &actor, SaidId(path_id(&id)?)).await?;
    Ok(Json(SaidDetail::new(view, &actor)))
}

/// A "you said, we did" entry's answers. To add one send statement,
/// theme, insight_id or activity_id, action, owner and status. In a
/// PATCH, fields left out stay as they were and null clears a field.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaidInput {
    /// What people said, up to 1,500 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    statement: Option<Value>,
    /// The theme, such as "waiting times", up to 150 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    theme: Option<Value>,
    /// An insight the caller may see. Send this, activity_id, or both.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>)]
    insight_id: Option<Value>,
    /// One of the caller's organisation's activities.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>)]
    activity_id: Option<Value>,
    /// Topic slugs, such as transport.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Vec<String>)]
    topics: Option<Value>,
    /// What was done, or will be done, about it, up to 1,500 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    action: Option<Value>,
    /// Who is responsible for the action, up to 150 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    owner: Option<Value>,
    /// When the action should be done by, YYYY-MM-DD.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    due_on: Option<Value>,
    /// planned, in_progress, done or not_possible. In a PATCH, a new status
    /// emails each person to tell who has an email address, once.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    status: Option<Value>,
    /// Why the action is not possible: needed for not_possible, and not
    /// kept for any other status.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    reason: Option<Value>,
    /// Whether anyone may see it on the public pages.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = bool)]
    published: Option<Value>,
    /// People on the caller's organisation's register who said it and
    /// agreed to hear what happened. Chosen when the entry is made: a
    /// PATCH may not change them.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Vec<i64>)]
    listener_ids: Option<Value>,
}

impl SaidInput {
    /// Lays the sent answers over `answers`.
    fn overlay(self, answers: &mut SaidAnswers, reader: &mut Reader) {
        reader.text("statement", self.statement, &mut answers.statement);
        reader.text("theme", self.theme, &mut answers.theme);
        reader.id("insight_id", self.insight_id, &mut answers.insight);
        reader.id("activity_id", self.activity_id, &mut answers.activity);
        reader.codes("topics", self.topics, &mut answers.topics);
        reader.text("action", self.action, &mut answers.action);
        reader.text("owner", self.owner, &mut answers.owner);
        reader.text("due_on", self.due_on, &mut answers.due_on);
        reader.text("status", self.status, &mut answers.status);
        reader.text("reason", self.reason, &mut answers.reason);
        reader.flag("published", self.published, &mut answers.published);
        reader.ids("listener_ids", self.listener_ids, &mut answers.listeners);
    }
}

/// Adds a "you said, we did" entry for the caller's organisation. Nobody
/// is emailed until its status changes.
#[utoipa::path(post, path = "/api/v1/you-said-we-did", operation_id = "create_you_said", tag = "You said, we did", request_body = SaidInput,
    responses((status = 201, body = SaidDetail), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<SaidDetail>), ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ManageInsights))?;
    let body: SaidInput = input(body)?;
    let mut reader = Reader::default();
    let mut answers = SaidAnswers::default();
    body.overlay(&mut answers, &mut reader);
    reader.finish()?;
    let id = you_said::create(&state.services, &actor, &answers)
        .await
        .map_err(renamed)?;
    let view = you_said::get(&state.services, &actor, id).await?;
    Ok((StatusCode::CREATED, Json(SaidDetail::new(view, &actor))))
}

/// Changes an entry; fields not sent stay as they were. A new `status`
/// emails each person to tell who has an email address, exactly once:
/// sending the same status again emails nobody, and if someone else
/// changed the status since it was read, nothing changes (409). Only the
/// entry's own organisation may change it: to anyone else it is not found
/// (404).
#[utoipa::path(patch, path = "/api/v1/you-said-we-did/{id}", operation_id = "change_you_said", tag = "You said, we did", request_body = SaidInput,
    params(("id" = i64, Path, description = "The entry's id")),
    responses((status = 200, body = SaidChanged), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn patch(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<SaidChanged>, ApiError> {
    let actor = caller.actor();
    // Another organisation's entry is not found, whatever the body says.
    let id = you_said::for_change(&state.services, &actor, SaidId(path_id(&id)?))
        .await?
        .id;
    let view = you_said::get(&state.services, &actor, id).await?;
    let body: SaidInput = input(body)?;
    let mut answers = SaidAnswers::from_record(&view.record, &view.listeners);
    let listeners_before = answers.listeners.clone();
    let mut reader = Reader::default();
    body.overlay(&mut answers, &mut reader);
    if !same_people(&answers.listeners, &listeners_before) {
        reader.problems.push((
            "listener_ids",
            "The people to tell are chosen when the entry is made and cannot be changed".into(),
        ));
    }
    let emailed = if reader.finish()? {
        // The status read above is the one this change starts from: if
        // someone else changed it since, the services refuse rather than
        // email people twice.
        you_said::update(
            &state.services,
            &actor,
            id,
            &answers,
            Some(view.record.plan.status),
        )
        .await
        .map_err(renamed)?
    } else {
        0
    };
    let view = you_said::get(&state.services, &actor, id).await?;
    Ok(Json(SaidChanged {
        entry: SaidDetail::new(view, &actor),
        emailed,
    }))
}

/// Whether two lists of people's ids name the same people.
fn same_people(a: &[String], b: &[String]) -> bool {
    let set = |ids: &[String]| {
        ids.iter()
            .map(|id| id.trim().to_owned())
            .collect::<std::collections::BTreeSet<_>>()
    };
    set(a) == set(b)
}
