//! Projects on the ladder of co-production and the decision log, through
//! the API; and the published projects and the ladder, open to anyone.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use coproduce_domain::dates::Date;
use coproduce_domain::ladder::{Level, Rung};
use coproduce_domain::money::Pence;
use coproduce_domain::project::{
    DecisionInput, NewDecision, NotCoproduced, Project, ProjectFilter, ProjectStatus, ServiceArea,
};
use coproduce_domain::{Action, DecisionId, OrganisationId, ProjectId};
use coproduce_services::ServiceError;
use coproduce_services::projects::{self, ProjectAnswers};
use coproduce_services::staff::check;
use coproduce_store::DecisionRecord;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use super::auth::ApiCaller;
use super::body::{input, query_error, sent};
use super::error::{ApiError, ErrorBody};
use super::read::Reader;
use crate::state::AppState;

/// Why work below co-design is not co-produced. It is said publicly.
#[derive(Serialize, ToSchema)]
pub struct NotCoproducedBody {
    /// legal_deadline, decided_elsewhere, safeguarding, no_budget,
    /// too_little_time or other.
    category: String,
    explanation: String,
    /// Who decided, such as a role or a meeting.
    decided_by: String,
    /// What will be co-produced instead.
    instead: String,
}

impl From<&NotCoproduced> for NotCoproducedBody {
    fn from(nc: &NotCoproduced) -> Self {
        Self {
            category: nc.category.as_str().to_owned(),
            explanation: nc.explanation.clone(),
            decided_by: nc.decided_by.clone(),
            instead: nc.instead.clone(),
        }
    }
}

/// A project, as its organisation's staff see it.
#[derive(Serialize, ToSchema)]
pub struct ProjectBody {
    id: i64,
    title: String,
    summary: String,
    organisation_id: i64,
    /// home_care, care_homes, day_opportunities, carers, mental_health,
    /// learning_disability, housing, information, direct_payments,
    /// hospital_discharge, workforce or strategy.
    service_area: String,
    /// strategic, service_design or individual.
    level: String,
    /// Ways of taking part: information, consultation, community_engagement,
    /// stakeholder_engagement, involvement, participation, co_production.
    methods: Vec<String>,
    /// YYYY-MM-DD.
    starts_on: Option<String>,
    /// YYYY-MM-DD.
    ends_on: Option<String>,
    /// Money set aside to pay people for their time, in pence.
    budget_pence: Option<i64>,
    /// The rung the work aims for: coercion, educating, informing,
    /// consultation, engagement, co_design or co_production.
    planned_rung: String,
    /// The rung it reached, once closed.
    achieved_rung: Option<String>,
    /// Where the project sits now: the achieved rung once closed, the
    /// planned rung before that.
    current_rung: String,
    /// Why the work sits at the planned rung.
    rung_reason: String,
    /// Present exactly when the planned rung is below co-design.
    not_coproduced: Option<NotCoproducedBody>,
    /// planning, active or closed.
    status: String,
    /// Whether anyone may see the project on the public pages.
    published: bool,
    /// The staff account that leads the work.
    lead_user_id: Option<i64>,
    /// Looking back on the work, once closed.
    reflection: Option<String>,
}

impl From<Project> for ProjectBody {
    fn from(project: Project) -> Self {
        let about = project.about;
        Self {
            id: project.id.0,
            title: about.title,
            summary: about.summary,
            organisation_id: project.organisation_id.0,
            service_area: about.service_area.as_str().to_owned(),
            level: about.level.as_str().to_owned(),
            methods: about
                .methods
                .iter()
                .map(|m| m.as_str().to_owned())
                .collect(),
            starts_on: about.starts_on.map(Date::to_iso),
            ends_on: about.ends_on.map(Date::to_iso),
            budget_pence: about.budget.map(|b| b.0),
            planned_rung: project.ladder.planned().as_str().to_owned(),
            achieved_rung: project
                .closing
                .as_ref()
                .map(|c| c.achieved.as_str().to_owned()),
            current_rung: project
                .closing
                .as_ref()
                .map_or(project.ladder.planned(), |c| c.achieved)
                .as_str()
                .to_owned(),
            rung_reason: project.ladder.reason().to_owned(),
            not_coproduced: project.ladder.not_coproduced().map(NotCoproducedBody::from),
            status: project.status.as_str().to_owned(),
            published: project.published,
            lead_user_id: project.lead.map(|u| u.0),
            reflection: project.closing.map(|c| c.reflection),
        }
    }
}

/// A published project, as anyone may see it. Who leads the work and who
/// takes part are not shown.
#[derive(Serialize, ToSchema)]
pub struct PublicProjectBody {
    id: i64,
    title: String,
    summary: String,
    organisation_id: i64,
    organisation_name: String,
    /// home_care, care_homes, day_opportunities, carers, mental_health,
    /// learning_disability, housing, information, direct_payments,
    /// hospital_discharge, workforce or strategy.
    service_area: String,
    /// strategic, service_design or individual.
    level: String,
    methods: Vec<String>,
    /// YYYY-MM-DD.
    starts_on: Option<String>,
    /// YYYY-MM-DD.
    ends_on: Option<String>,
    /// Money set aside to pay people for their time, in pence.
    budget_pence: Option<i64>,
    /// coercion, educating, informing, consultation, engagement, co_design
    /// or co_production.
    planned_rung: String,
    achieved_rung: Option<String>,
    current_rung: String,
    rung_reason: String,
    /// Present exactly when the planned rung is below co-design.
    not_coproduced: Option<NotCoproducedBody>,
    /// planning, active or closed.
    status: String,
    /// Always true: unpublished projects are not found.
    published: bool,
    /// Looking back on the work, once closed, as on the public page.
    reflection: Option<String>,
}

impl PublicProjectBody {
    fn new(project: Project, organisation_name: String) -> Self {
        let staff = ProjectBody::from(project);
        // Built from the staff view, so that the two never disagree; the
        // staff-only fields are dropped here.
        let ProjectBody {
            id,
            title,
            summary,
            organisation_id,
            service_area,
            level,
            methods,
            starts_on,
            ends_on,
            budget_pence,
            planned_rung,
            achieved_rung,
            current_rung,
            rung_reason,
            not_coproduced,
            status,
            published,
            lead_user_id: _,
            reflection,
        } = staff;
        Self {
            id,
            title,
            summary,
            organisation_id,
            organisation_name,
            service_area,
            level,
            methods,
            starts_on,
            ends_on,
            budget_pence,
            planned_rung,
            achieved_rung,
            current_rung,
            rung_reason,
            not_coproduced,
            status,
            published,
            reflection,
        }
    }
}

/// A page of the caller's organisation's projects, newest first.
#[derive(Serialize, ToSchema)]
pub struct ProjectList {
    items: Vec<ProjectBody>,
    /// Pass as `after` for the next page; null on the last page.
    next: Option<String>,
    /// How many projects the filters find in all.
    total: i64,
}

/// A page of published projects, newest first.
#[derive(Serialize, ToSchema)]
pub struct PublicProjectList {
    items: Vec<PublicProjectBody>,
    /// Pass as `after` for the next page; null on the last page.
    next: Option<String>,
    /// How many published projects the filters find in all.
    total: i64,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProjectParams {
    /// The rung a project sits at now (the achieved rung once closed), such
    /// as co_design.
    rung: Option<String>,
    /// strategic, service_design or individual.
    level: Option<String>,
    /// A service area code, such as carers.
    service_area: Option<String>,
    /// planning, active or closed.
    status: Option<String>,
    /// How many to return, 1 to 200 (default 50).
    limit: Option<u32>,
    /// The `next` value of the previous page.
    after: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PublicProjectParams {
    /// Only this organisation's projects.
    organisation_id: Option<String>,
    /// The rung a project sits at now (the achieved rung once closed), such
    /// as co_design.
    rung: Option<String>,
    /// strategic, service_design or individual.
    level: Option<String>,
    /// A service area code, such as carers.
    service_area: Option<String>,
    /// planning, active or closed.
    status: Option<String>,
    /// How many to return, 1 to 200 (default 50).
    limit: Option<u32>,
    /// The `next` value of the previous page.
    after: Option<String>,
}

type Problems = Vec<(&'static str, String)>;

fn code<T>(
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
    field: &'static str,
    problems: &mut Problems,
) -> Option<T> {
    let value = value.filter(|v| !v.trim().is_empty())?;
    let parsed = parse(value);
    if parsed.is_none() {
        problems.push((
            field,
            format!("{value} is not one of the codes for {field}"),
        ));
    }
    parsed
}

/// The filter of a project list; every code must be known.
fn filter(
    rung: Option<&str>,
    level: Option<&str>,
    service_area: Option<&str>,
    status: Option<&str>,
    problems: &mut Problems,
) -> ProjectFilter {
    ProjectFilter {
        rung: code(rung, Rung::parse, "rung", problems),
        level: code(level, Level::parse, "level", problems),
        service_area: code(service_area, ServiceArea::parse, "service_area", problems),
        status: code(status, ProjectStatus::parse, "status", problems),
        ..ProjectFilter::default()
    }
}

/// Reads an `after` cursor: an id from a previous page.
fn cursor(after: Option<&str>) -> Result<Option<i64>, ApiError> {
    match after {
        None | Some("") => Ok(None),
        Some(cursor) => cursor.parse().map(Some).map_err(|_| {
            ApiError::BadRequest("after must be a cursor from a previous page".into())
        }),
    }
}

/// The API's name for a field the services name after the form.
fn api_field(field: &'static str) -> &'static str {
    match field {
        "not_coproduced_category" => "not_coproduced.category",
        "not_coproduced_explanation" => "not_coproduced.explanation",
        "not_coproduced_decided_by" => "not_coproduced.decided_by",
        "not_coproduced_instead" => "not_coproduced.instead",
        "budget" => "budget_pence",
        "lead" => "lead_user_id",
        "project" => "project_id",
        other => other,
    }
}

/// A service's answer, with its field messages under the API's names.
fn renamed(error: ServiceError) -> ApiError {
    match error {
        ServiceError::Invalid(fields) => ApiError::Invalid(
            fields
                .into_iter()
                .map(|(field, message)| (api_field(field), message))
                .collect(),
        ),
        other => other.into(),
    }
}

/// The projects API's own readings, beside the shared ones.
impl Reader {
    /// A whole number that is at least 0, typed as the services read it;
    /// null clears it.
    fn whole(
        &mut self,
        field: &'static str,
        value: Option<Value>,
        target: &mut String,
        show: fn(i64) -> String,
    ) {
        match value {
            None => return,
            Some(Value::Null) => target.clear(),
            Some(Value::Number(n)) => match n.as_i64() {
                Some(n) if n >= 0 => *target = show(n),
                Some(_) => self
                    .problems
                    .push((field, format!("{field} must be 0 or more"))),
                None => self
                    .problems
                    .push((field, format!("{field} must be a whole number"))),
            },
            Some(_) => self
                .problems
                .push((field, format!("{field} must be a whole number"))),
        }
        self.sent = true;
    }

    /// True or false, kept apart from the answers.
    fn optional_flag(&mut self, field: &'static str, value: Option<Value>) -> Option<bool> {
        match value {
            None => None,
            Some(Value::Bool(flag)) => Some(flag),
            Some(_) => {
                self.problems
                    .push((field, format!("{field} must be true or false")));
                None
            }
        }
    }
}

/// Why work below co-design is not co-produced, as sent. Required when the
/// planned rung is below co-design; not kept at co-design and above.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotCoproducedInput {
    /// legal_deadline, decided_elsewhere, safeguarding, no_budget,
    /// too_little_time or other.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    category: Option<Value>,
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    explanation: Option<Value>,
    /// Who decided, such as a role or a meeting.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    decided_by: Option<Value>,
    /// What will be co-produced instead.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    instead: Option<Value>,
}

/// A project's answers. To plan a project send title, summary,
/// service_area, level, planned_rung and rung_reason, and below co-design
/// not_coproduced. In a PATCH, fields left out stay as they were and null
/// clears a field.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectInput {
    /// Up to 150 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    title: Option<Value>,
    /// Plain English, up to 2,000 characters. It is public once the project
    /// is published.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    summary: Option<Value>,
    /// A service area code, such as carers.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    service_area: Option<Value>,
    /// strategic, service_design or individual.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    level: Option<Value>,
    /// Method codes, such as consultation.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Vec<String>)]
    methods: Option<Value>,
    /// YYYY-MM-DD or a date as people in the UK write it, such as 1/4/2027.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    starts_on: Option<Value>,
    /// YYYY-MM-DD or a date as people in the UK write it.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    ends_on: Option<Value>,
    /// In pence.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>, minimum = 0)]
    budget_pence: Option<Value>,
    /// An active staff account of the caller's organisation.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>)]
    lead_user_id: Option<Value>,
    /// coercion, educating, informing, consultation, engagement, co_design
    /// or co_production.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    planned_rung: Option<Value>,
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    rung_reason: Option<Value>,
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<NotCoproducedInput>)]
    not_coproduced: Option<Value>,
    /// PATCH only: publish the project on the public pages, or take it off.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = bool)]
    published: Option<Value>,
    /// PATCH only: planning or active. Close a project with
    /// `POST /api/v1/projects/{id}/close`.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    status: Option<Value>,
}

/// A PATCH's changes besides the answers.
struct OtherChanges {
    published: Option<bool>,
    status: Option<String>,
}

impl OtherChanges {
    fn read(published: Option<Value>, status: Option<Value>, reader: &mut Reader) -> Self {
        let published = reader.optional_flag("published", published);
        let status = match status {
            None => None,
            Some(Value::String(status)) => match ProjectStatus::parse(&status) {
                Some(ProjectStatus::Closed) => {
                    reader.problems.push((
                        "status",
                        "Close a project with POST /api/v1/projects/{id}/close, giving the rung it reached and a reflection".into(),
                    ));
                    None
                }
                Some(_) => Some(status),
                None => {
                    reader
                        .problems
                        .push(("status", "Choose planning or active".into()));
                    None
                }
            },
            Some(_) => {
                reader
                    .problems
                    .push(("status", "status must be text".into()));
                None
            }
        };
        OtherChanges { published, status }
    }
}

impl ProjectInput {
    /// Lays the sent answers over `answers`, and hands back `published` and
    /// `status`, which are not answers.
    fn overlay(
        self,
        answers: &mut ProjectAnswers,
        reader: &mut Reader,
    ) -> (Option<Value>, Option<Value>) {
        reader.text("title", self.title, &mut answers.title);
        reader.text("summary", self.summary, &mut answers.summary);
        reader.text("service_area", self.service_area, &mut answers.service_area);
        reader.text("level", self.level, &mut answers.level);
        reader.codes("methods", self.methods, &mut answers.methods);
        reader.text("starts_on", self.starts_on, &mut answers.starts_on);
        reader.text("ends_on", self.ends_on, &mut answers.ends_on);
        reader.whole(
            "budget_pence",
            self.budget_pence,
            &mut answers.budget,
            |pence| Pence(pence).to_plain(),
        );
        reader.whole("lead_user_id", self.lead_user_id, &mut answers.lead, |id| {
            id.to_string()
        });
        reader.text("planned_rung", self.planned_rung, &mut answers.planned_rung);
        reader.text("rung_reason", self.rung_reason, &mut answers.rung_reason);
        match self.not_coproduced {
            None => {}
            Some(Value::Null) => {
                answers.not_coproduced_category.clear();
                answers.not_coproduced_explanation.clear();
                answers.not_coproduced_decided_by.clear();
                answers.not_coproduced_instead.clear();
                reader.sent = true;
            }
            Some(value @ Value::Object(_)) => {
                match serde_json::from_value::<NotCoproducedInput>(value) {
                    Ok(nc) => {
                        reader.text(
                            "not_coproduced.category",
                            nc.category,
                            &mut answers.not_coproduced_category,
                        );
                        reader.text(
                            "not_coproduced.explanation",
                            nc.explanation,
                            &mut answers.not_coproduced_explanation,
                        );
                        reader.text(
                            "not_coproduced.decided_by",
                            nc.decided_by,
                            &mut answers.not_coproduced_decided_by,
                        );
                        reader.text(
                            "not_coproduced.instead",
                            nc.instead,
                            &mut answers.not_coproduced_instead,
                        );
                    }
                    Err(e) => reader.problems.push(("not_coproduced", e.to_string())),
                }
                reader.sent = true;
            }
            Some(_) => reader.problems.push((
                "not_coproduced",
                "not_coproduced must be an object with category, explanation, decided_by and instead, or null".into(),
            )),
        }
        (self.published, self.status)
    }
}

fn project_id(id: &str) -> Result<ProjectId, ApiError> {
    id.parse().map(ProjectId).map_err(|_| ApiError::NotFound)
}

/// The caller's organisation's projects, newest first.
#[utoipa::path(get, path = "/api/v1/projects", operation_id = "list_projects", tag = "Projects", params(ProjectParams),
    responses((status = 200, body = ProjectList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<ProjectParams>, QueryRejection>,
) -> Result<Json<ProjectList>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ViewProjects))?;
    let Query(params) = params.map_err(query_error)?;
    let mut problems = Problems::new();
    let filter = filter(
        params.rung.as_deref(),
        params.level.as_deref(),
        params.service_area.as_deref(),
        params.status.as_deref(),
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    let before = cursor(params.after.as_deref())?.map(ProjectId);
    let page = projects::search(
        &state.services,
        &actor,
        &filter,
        before,
        params.limit.unwrap_or(50),
    )
    .await?;
    let items = projects::whole(&state.services, &page)
        .await?
        .into_iter()
        .map(ProjectBody::from)
        .collect();
    Ok(Json(ProjectList {
        items,
        next: page.next.map(|id| id.to_string()),
        total: page.total,
    }))
}

/// One of the caller's organisation's projects. Projects of other
/// organisations are not found.
#[utoipa::path(get, path = "/api/v1/projects/{id}", operation_id = "get_project", tag = "Projects",
    params(("id" = i64, Path, description = "The project's id")),
    responses((status = 200, body = ProjectBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<ProjectBody>, ApiError> {
    let project = projects::get(&state.services, &caller.actor(), project_id(&id)?).await?;
    Ok(Json(project.into()))
}

/// Plans a new project in the caller's organisation. It starts in planning
/// and unpublished. Below co-design, `not_coproduced` must say why the work
/// is not co-produced.
#[utoipa::path(post, path = "/api/v1/projects", operation_id = "create_project", tag = "Projects", request_body = ProjectInput,
    responses((status = 201, body = ProjectBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<ProjectBody>), ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ManageProjects))?;
    let body: ProjectInput = input(body)?;
    let mut reader = Reader::default();
    let mut answers = ProjectAnswers::default();
    let (published, status) = body.overlay(&mut answers, &mut reader);
    if published.is_some() {
        reader.problems.push((
            "published",
            "Publish a project with PATCH once it is planned".into(),
        ));
    }
    if status.is_some() {
        reader.problems.push((
            "status",
            "A new project starts in planning; change its status with PATCH".into(),
        ));
    }
    reader.finish()?;
    let id = projects::create(&state.services, &actor, &answers)
        .await
        .map_err(renamed)?;
    let project = projects::get(&state.services, &actor, id).await?;
    Ok((StatusCode::CREATED, Json(project.into())))
}

/// Changes a project; fields not sent stay as they were. `published`
/// publishes it or takes it off the public pages; `status` moves it between
/// planning and active. A closed project cannot be changed, but may still
/// be published.
#[utoipa::path(patch, path = "/api/v1/projects/{id}", operation_id = "change_project", tag = "Projects", request_body = ProjectInput,
    params(("id" = i64, Path, description = "The project's id")),
    responses((status = 200, body = ProjectBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn patch(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<ProjectBody>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ManageProjects))?;
    let project = projects::get(&state.services, &actor, project_id(&id)?).await?;
    let id = project.id;
    let body: ProjectInput = input(body)?;
    let mut answers = ProjectAnswers::from_project(&project);
    let mut reader = Reader::default();
    let (published, status) = body.overlay(&mut answers, &mut reader);
    let other = OtherChanges::read(published, status, &mut reader);
    let answers_sent = reader.finish()?;
    // Everything was read before anything is written. The answers go
    // first, as they are the most likely to be refused; publishing last,
    // as it checks the summary the answers may have changed.
    if answers_sent {
        projects::update(&state.services, &actor, id, &answers)
            .await
            .map_err(renamed)?;
    }
    if let Some(status) = &other.status {
        projects::set_status(&state.services, &actor, id, status)
            .await
            .map_err(renamed)?;
    }
    if let Some(published) = other.published {
        projects::publish(&state.services, &actor, id, published)
            .await
            .map_err(renamed)?;
    }
    Ok(Json(
        projects::get(&state.services, &actor, id).await?.into(),
    ))
}

/// How a project ended.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseInput {
    /// The rung the work really reached: coercion, educating, informing,
    /// consultation, engagement, co_design or co_production.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    achieved_rung: Option<Value>,
    /// How the work went and why it reached this rung.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    reflection: Option<Value>,
}

/// Closes a project with the rung it reached and a reflection. A closed
/// project cannot be closed again or changed.
#[utoipa::path(post, path = "/api/v1/projects/{id}/close", operation_id = "close_project", tag = "Projects", request_body = CloseInput,
    params(("id" = i64, Path, description = "The project's id")),
    responses((status = 200, body = ProjectBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn close(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<ProjectBody>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ManageProjects))?;
    let id = projects::get(&state.services, &actor, project_id(&id)?)
        .await?
        .id;
    let body: CloseInput = input(body)?;
    let (mut achieved, mut reflection) = (String::new(), String::new());
    let mut reader = Reader::default();
    reader.text("achieved_rung", body.achieved_rung, &mut achieved);
    reader.text("reflection", body.reflection, &mut reflection);
    reader.finish()?;
    projects::close(&state.services, &actor, id, &achieved, &reflection)
        .await
        .map_err(renamed)?;
    Ok(Json(
        projects::get(&state.services, &actor, id).await?.into(),
    ))
}

/// A decision in the organisation's log.
#[derive(Serialize, ToSchema)]
pub struct DecisionBody {
    id: i64,
    organisation_id: i64,
    /// YYYY-MM-DD.
    decided_on: String,
    title: String,
    /// officer_meeting, management_team, cabinet_or_board or other.
    forum: String,
    coproduction_considered: bool,
    /// How people who use services were involved, or why they were not.
    involvement: String,
    project_id: Option<i64>,
    project_title: Option<String>,
    /// The name of the staff member who logged it.
    recorded_by: Option<String>,
    /// When it was logged, as RFC 3339 in UTC.
    recorded_at: String,
}

impl From<DecisionRecord> for DecisionBody {
    fn from(record: DecisionRecord) -> Self {
        let decision = record.decision;
        Self {
            id: record.id.0,
            organisation_id: record.organisation_id.0,
            decided_on: decision.decided_on.to_iso(),
            title: decision.title,
            forum: decision.forum.as_str().to_owned(),
            coproduction_considered: decision.coproduction_considered,
            involvement: decision.involvement,
            project_id: decision.project.map(|p| p.0),
            project_title: record.project_title,
            recorded_by: record.recorded_by,
            recorded_at: jiff::Timestamp::from_second(record.recorded_at)
                .map(|t| t.to_string())
                .unwrap_or_default(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct DecisionList {
    items: Vec<DecisionBody>,
    /// Pass as `after` for the next page; null on the last page.
    next: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DecisionParams {
    /// How many to return, 1 to 200 (default 50).
    limit: Option<u32>,
    /// The `next` value of the previous page.
    after: Option<String>,
}

/// A decision for the log.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionInputBody {
    /// YYYY-MM-DD or a date as people in the UK write it, such as 3/2/2026.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    decided_on: Option<Value>,
    /// What was decided.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    title: Option<Value>,
    /// officer_meeting, management_team, cabinet_or_board or other.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    forum: Option<Value>,
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = bool)]
    coproduction_considered: Option<Value>,
    /// How people who use services were involved, or why they were not.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    involvement: Option<Value>,
    /// A project of the caller's organisation that the decision is about.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>)]
    project_id: Option<Value>,
}

/// The caller's organisation's decision log, newest first.
#[utoipa::path(get, path = "/api/v1/decisions", operation_id = "list_decisions", tag = "Decisions", params(DecisionParams),
    responses((status = 200, body = DecisionList), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_decisions(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<DecisionParams>, QueryRejection>,
) -> Result<Json<DecisionList>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ViewProjects))?;
    let Query(params) = params.map_err(query_error)?;
    let before = cursor(params.after.as_deref())?.map(DecisionId);
    let (items, next) = coproduce_services::decisions::decisions(
        &state.services,
        &actor,
        before,
        params.limit.unwrap_or(50),
    )
    .await?;
    Ok(Json(DecisionList {
        items: items.into_iter().map(DecisionBody::from).collect(),
        next: next.map(|id| id.to_string()),
    }))
}

/// Adds a decision to the caller's organisation's log.
#[utoipa::path(post, path = "/api/v1/decisions", operation_id = "log_decision", tag = "Decisions", request_body = DecisionInputBody,
    responses((status = 201, body = DecisionBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_decision(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<DecisionBody>), ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ManageProjects))?;
    let body: DecisionInputBody = input(body)?;
    let mut reader = Reader::default();
    let (mut decided_on, mut title, mut forum, mut involvement, mut project) = (
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    );
    reader.text("decided_on", body.decided_on, &mut decided_on);
    reader.text("title", body.title, &mut title);
    reader.text("forum", body.forum, &mut forum);
    reader.text("involvement", body.involvement, &mut involvement);
    reader.whole("project_id", body.project_id, &mut project, |id| {
        id.to_string()
    });
    let considered =
        match reader.optional_flag("coproduction_considered", body.coproduction_considered) {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        };
    reader.finish()?;
    let decision = NewDecision::parse(&DecisionInput {
        decided_on: &decided_on,
        title: &title,
        forum: &forum,
        coproduction_considered: considered,
        involvement: &involvement,
        project: &project,
    })
    .map_err(|problems| renamed(ServiceError::Invalid(problems)))?;
    let id = coproduce_services::decisions::log_decision(&state.services, &actor, &decision)
        .await
        .map_err(renamed)?;
    let record = coproduce_services::decisions::decision(&state.services, &actor, id).await?;
    Ok((StatusCode::CREATED, Json(record.into())))
}

/// Published projects across the partnership, newest first. Open to
/// anyone, with no token.
#[utoipa::path(get, path = "/api/v1/public/projects", operation_id = "list_public_projects", tag = "Public", params(PublicProjectParams),
    security(()),
    responses((status = 200, body = PublicProjectList), (status = 400, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn public_list(
    State(state): State<AppState>,
    params: Result<Query<PublicProjectParams>, QueryRejection>,
) -> Result<Json<PublicProjectList>, ApiError> {
    let Query(params) = params.map_err(query_error)?;
    let mut problems = Problems::new();
    let mut filter = filter(
        params.rung.as_deref(),
        params.level.as_deref(),
        params.service_area.as_deref(),
        params.status.as_deref(),
        &mut problems,
    );
    match params
        .organisation_id
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        None => {}
        Some(value) => match value.parse() {
            Ok(id) => filter.organisation = Some(OrganisationId(id)),
            Err(_) => problems.push((
                "organisation_id",
                "organisation_id must be a whole number".into(),
            )),
        },
    }
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    let before = cursor(params.after.as_deref())?.map(ProjectId);
    let page =
        projects::public_search(&state.services, &filter, before, params.limit.unwrap_or(50))
            .await?;
    let items = projects::whole(&state.services, &page)
        .await?
        .into_iter()
        // Taken off the public pages since the page was read.
        .filter(|project| project.published)
        .filter_map(|project| {
            let organisation = page
                .projects
                .iter()
                .find(|p| p.id == project.id)?
                .organisation_name
                .clone();
            Some(PublicProjectBody::new(project, organisation))
        })
        .collect();
    Ok(Json(PublicProjectList {
        items,
        next: page.next.map(|id| id.to_string()),
        total: page.total,
    }))
}

/// A published project. An unpublished one is not found. Open to anyone,
/// with no token.
#[utoipa::path(get, path = "/api/v1/public/projects/{id}", operation_id = "get_public_project", tag = "Public",
    security(()),
    params(("id" = i64, Path, description = "The project's id")),
    responses((status = 200, body = PublicProjectBody), (status = 404, body = ErrorBody)))]
pub async fn public_get(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<PublicProjectBody>, ApiError> {
    let (project, organisation) = projects::public_get(&state.services, project_id(&id)?).await?;
    Ok(Json(PublicProjectBody::new(project, organisation)))
}

/// One rung of the ladder and how many published projects sit at it.
#[derive(Serialize, ToSchema)]
pub struct LadderRungBody {
    /// coercion, educating, informing, consultation, engagement, co_design
    /// or co_production.
    rung: String,
    /// 1 for the bottom rung to 7 for the top.
    step: i64,
    label: String,
    /// What the rung means, in plain English.
    description: String,
    /// Published projects at this rung now: the rung reached once closed,
    /// the rung aimed for before that.
    projects: i64,
}

/// The ladder of co-production with the published projects at each rung.
#[derive(Serialize, ToSchema)]
pub struct LadderBody {
    /// From the bottom rung to the top.
    rungs: Vec<LadderRungBody>,
    /// Published projects in all.
    total: i64,
    /// Who the ladder is credited to.
    credit: String,
}

/// How many published projects sit at each rung of the ladder, across the
/// partnership. Open to anyone, with no token.
#[utoipa::path(get, path = "/api/v1/public/ladder", operation_id = "get_public_ladder", tag = "Public",
    security(()),
    responses((status = 200, body = LadderBody)))]
pub async fn public_ladder(State(state): State<AppState>) -> Result<Json<LadderBody>, ApiError> {
    let counts = projects::public_ladder(&state.services).await?;
    let rungs: Vec<LadderRungBody> = counts
        .into_iter()
        .map(|(rung, projects)| LadderRungBody {
            rung: rung.as_str().to_owned(),
            step: i64::try_from(rung.step()).unwrap_or_default(),
            label: rung.label().to_owned(),
            description: rung.description().to_owned(),
            projects,
        })
        .collect();
    Ok(Json(LadderBody {
        total: rungs.iter().map(|r| r.projects).sum(),
        rungs,
        credit: coproduce_domain::ladder::CREDIT.to_owned(),
    }))
}
