//! The sections of a project's task list, each on its own page: about,
//! "is co-production right here?", the ladder, stages, people and groups,
//! and the working agreement.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use coproduce_domain::ladder::{Level, Method, Rung, Stage};
use coproduce_domain::person::{PersonFilter, PersonSummary, Status};
use coproduce_domain::project::{
    Agreement, FitAnswer, FitCheck, MemberRole, NotCoproducedCategory, ServiceArea, StagePlan,
    stage_field,
};
use coproduce_domain::{Action, Actor, PersonId, ProjectId};
use coproduce_services::ServiceError;
use coproduce_services::projects::{self, ProjectAnswers, ProjectRecord};
use coproduce_services::staff::check;
use coproduce_store::{AgreementVersion, ProjectMember};
use serde::Deserialize;

use super::projects::FormPage;
use super::{record_id, render};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::profile_form::Choice;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/projects/{id}/about", get(about_form).post(about))
        .route("/staff/projects/{id}/ladder", get(ladder_form).post(ladder))
        .route("/staff/projects/{id}/fit", get(fit_form).post(fit))
        .route("/staff/projects/{id}/stages", get(stages_form).post(stages))
        .route(
            "/staff/projects/{id}/people",
            get(people_page).post(add_person),
        )
        .route(
            "/staff/projects/{id}/people/{person}/remove",
            post(remove_person),
        )
        .route(
            "/staff/projects/{id}/agreement",
            get(agreement_form).post(agreement),
        )
}

/// Reads the project form's fields; checkboxes repeat their name.
pub fn answers_from_fields(fields: &[(String, String)]) -> ProjectAnswers {
    let mut a = ProjectAnswers::default();
    for (name, value) in fields {
        let slot = match name.as_str() {
            "methods" => {
                a.methods.push(value.clone());
                continue;
            }
            "title" => &mut a.title,
            "summary" => &mut a.summary,
            "service_area" => &mut a.service_area,
            "level" => &mut a.level,
            "starts_on" => &mut a.starts_on,
            "ends_on" => &mut a.ends_on,
            "budget" => &mut a.budget,
            "lead" => &mut a.lead,
            "planned_rung" => &mut a.planned_rung,
            "rung_reason" => &mut a.rung_reason,
            "not_coproduced_category" => &mut a.not_coproduced_category,
            "not_coproduced_explanation" => &mut a.not_coproduced_explanation,
            "not_coproduced_decided_by" => &mut a.not_coproduced_decided_by,
            "not_coproduced_instead" => &mut a.not_coproduced_instead,
            _ => continue,
        };
        *slot = value.clone();
    }
    a
}

fn coded<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    chosen: &[&str],
) -> Vec<Choice> {
    all.iter()
        .map(|item| Choice {
            value: code(*item).to_owned(),
            label: label(*item).to_owned(),
            checked: chosen.contains(&code(*item)),
        })
        .collect()
}

/// A rung to choose, with what it means.
pub struct RungChoice {
    pub value: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub checked: bool,
}

/// The project's answers with every list's choices marked.
pub struct ProjectForm {
    pub answers: ProjectAnswers,
    pub service_areas: Vec<Choice>,
    pub levels: Vec<Choice>,
    pub methods: Vec<Choice>,
    pub leads: Vec<Choice>,
    pub rungs: Vec<RungChoice>,
    pub categories: Vec<Choice>,
}

impl ProjectForm {
    pub async fn new(
        state: &AppState,
        actor: &Actor,
        answers: ProjectAnswers,
    ) -> Result<Self, WebError> {
        let staff = state
            .services
            .store
            .users_in(actor.organisation_id, None, 500)
            .await
            .map_err(|e| WebError::Internal(e.to_string()))?;
        let methods: Vec<&str> = answers.methods.iter().map(String::as_str).collect();
        Ok(Self {
            service_areas: coded(
                ServiceArea::ALL,
                ServiceArea::as_str,
                ServiceArea::label,
                &[answers.service_area.as_str()],
            ),
            levels: coded(
                Level::ALL,
                Level::as_str,
                Level::label,
                &[answers.level.as_str()],
            ),
            methods: coded(Method::ALL, Method::as_str, Method::label, &methods),
            leads: staff
                .into_iter()
                .filter(|u| u.active)
                .map(|u| Choice {
                    checked: u.id.to_string() == answers.lead,
                    value: u.id.to_string(),
                    label: u.display_name,
                })
                .collect(),
            rungs: Rung::ALL
                .iter()
                .rev()
                .map(|r| RungChoice {
                    value: r.as_str(),
                    label: r.label(),
                    hint: r.description(),
                    checked: r.as_str() == answers.planned_rung,
                })
                .collect(),
            categories: coded(
                NotCoproducedCategory::ALL,
                NotCoproducedCategory::as_str,
                NotCoproducedCategory::label,
                &[answers.not_coproduced_category.as_str()],
            ),
            answers,
        })
    }
}

/// A section of the task list and whether it is done.
pub struct SectionState {
    pub name: &'static str,
    pub href: String,
    pub done: bool,
    /// Optional sections say so rather than "incomplete".
    pub optional: bool,
}

pub fn sections(record: &ProjectRecord) -> Vec<SectionState> {
    let p = &record.project;
    let base = format!("/staff/projects/{}", p.id);
    let section = |name, path: &str, done, optional| SectionState {
        name,
        href: format!("{base}/{path}"),
        done,
        optional,
    };
    vec![
        section("About the project", "about", true, false),
        section(
            "Is co-production right here?",
            "fit",
            p.fit.is_some(),
            false,
        ),
        section("Where it sits on the ladder", "ladder", true, false),
        section(
            "Stages and how people take part",
            "stages",
            !record.stages.is_empty(),
            false,
        ),
        section(
            "People and groups",
            "people",
            !record.members.is_empty() || p.groups.is_some(),
            true,
        ),
        section(
            "Working agreement",
            "agreement",
            !record.agreements.is_empty(),
            false,
        ),
    ]
}

fn project_id(raw: &str) -> Result<ProjectId, WebError> {
    Ok(ProjectId(record_id(raw)?))
}

async fn section_form(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: ProjectId,
    answers: Option<ProjectAnswers>,
    ladder: bool,
) -> Result<FormPage, WebError> {
    let actor = staff.actor();
    let project = projects::for_change(&state.services, &actor, id).await?;
    let answers = answers.unwrap_or_else(|| ProjectAnswers::from_project(&project));
    Ok(FormPage {
        page,
        errors: FormErrors::new(),
        heading: if ladder {
            "Where this work sits on the ladder".into()
        } else {
            "About the project".into()
        },
        action: format!(
            "/staff/projects/{id}/{}",
            if ladder { "ladder" } else { "about" }
        ),
        back: format!("/staff/projects/{id}"),
        button: "Save",
        show_about: !ladder,
        show_ladder: ladder,
        form: ProjectForm::new(state, &actor, answers).await?,
    })
}

async fn about_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    render(&section_form(&state, &staff, page, project_id(&id)?, None, false).await?)
}

async fn ladder_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    render(&section_form(&state, &staff, page, project_id(&id)?, None, true).await?)
}

async fn about(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = project_id(&id)?;
    let answers = answers_from_fields(&fields);
    match projects::update_about(&state.services, &staff.actor(), id, &answers).await {
        Ok(()) => Ok(Redirect::to(&format!("/staff/projects/{id}")).into_response()),
        Err(error) => section_form(&state, &staff, page, id, Some(answers), false)
            .await?
            .refused(error),
    }
}

async fn ladder(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = project_id(&id)?;
    let answers = answers_from_fields(&fields);
    match projects::update_ladder(&state.services, &staff.actor(), id, &answers).await {
        Ok(()) => Ok(Redirect::to(&format!("/staff/projects/{id}")).into_response()),
        Err(error) => section_form(&state, &staff, page, id, Some(answers), true)
            .await?
            .refused(error),
    }
}

/// One question of the "is co-production right here?" check.
struct FitQuestion {
    name: &'static str,
    question: &'static str,
    hint: &'static str,
    choices: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "projects/fit.html")]
struct FitPage {
    page: Page,
    errors: FormErrors,
    id: ProjectId,
    title: String,
    questions: Vec<FitQuestion>,
    notes: String,
}

#[derive(Deserialize, Default)]
struct FitForm {
    #[serde(default)]
    fit_power: String,
    #[serde(default)]
    fit_time: String,
    #[serde(default)]
    fit_money: String,
    #[serde(default)]
    fit_access: String,
    #[serde(default)]
    fit_notes: String,
}

fn fit_page(page: Page, id: ProjectId, title: String, form: FitForm) -> FitPage {
    let choices = |chosen: &str| {
        coded(
            FitAnswer::ALL,
            FitAnswer::as_str,
            FitAnswer::label,
            &[chosen],
        )
    };
    FitPage {
        page,
        errors: FormErrors::new(),
        id,
        title,
        questions: vec![
            FitQuestion {
                name: "fit_power",
                question: "Can people really change what happens?",
                hint: "Think about which decisions are still open, and who makes them.",
                choices: choices(&form.fit_power),
            },
            FitQuestion {
                name: "fit_time",
                question: "Is there enough time to work with people properly?",
                hint: "People need time to prepare, meet and think between meetings.",
                choices: choices(&form.fit_time),
            },
            FitQuestion {
                name: "fit_money",
                question: "Is there money to pay people for their time and costs?",
                hint: "Nobody should be out of pocket for taking part.",
                choices: choices(&form.fit_money),
            },
            FitQuestion {
                name: "fit_access",
                question: "Can everyone take part in a way that suits them?",
                hint: "For example easy read papers, interpreters, step-free rooms or meeting online.",
                choices: choices(&form.fit_access),
            },
        ],
        notes: form.fit_notes,
    }
}

async fn fit_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let id = project_id(&id)?;
    let project = projects::for_change(&state.services, &staff.actor(), id).await?;
    let form = project
        .fit
        .map(|f| FitForm {
            fit_power: f.power.as_str().into(),
            fit_time: f.time.as_str().into(),
            fit_money: f.money.as_str().into(),
            fit_access: f.access.as_str().into(),
            fit_notes: f.notes.unwrap_or_default(),
        })
        .unwrap_or_default();
    render(&fit_page(page, id, project.about.title, form))
}

async fn fit(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<FitForm>,
) -> Result<Response, WebError> {
    let id = project_id(&id)?;
    let actor = staff.actor();
    let project = projects::for_change(&state.services, &actor, id).await?;
    let parsed = FitCheck::parse(
        &form.fit_power,
        &form.fit_time,
        &form.fit_money,
        &form.fit_access,
        &form.fit_notes,
    );
    let problems = match parsed {
        Ok(fit) => match projects::set_fit(&state.services, &actor, id, &fit).await {
            Ok(()) => return Ok(Redirect::to(&format!("/staff/projects/{id}")).into_response()),
            Err(ServiceError::Invalid(problems)) => problems,
            Err(error) => return Err(error.into()),
        },
        Err(problems) => problems,
    };
    let mut fit_page = fit_page(page, id, project.about.title, form);
    fit_page.errors = FormErrors::from_service(problems);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&fit_page)?).into_response())
}

/// One stage's question on the stages page.
struct StageQuestion {
    label: &'static str,
    field: &'static str,
    how_field: &'static str,
    involved: String,
    how: String,
}

#[derive(Template)]
#[template(path = "projects/stages.html")]
struct StagesPage {
    page: Page,
    errors: FormErrors,
    id: ProjectId,
    title: String,
    stages: Vec<StageQuestion>,
    groups: String,
}

fn stage_questions(get: impl Fn(Stage) -> (String, String)) -> Vec<StageQuestion> {
    Stage::ALL
        .iter()
        .map(|&stage| {
            let (involved, how) = get(stage);
            StageQuestion {
                label: stage.label(),
                field: stage_field(stage, false),
                how_field: stage_field(stage, true),
                involved,
                how,
            }
        })
        .collect()
}

async fn stages_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let id = project_id(&id)?;
    let project = projects::for_change(&state.services, &staff.actor(), id).await?;
    let stored = state
        .services
        .store
        .project_stages(id)
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let stages = stage_questions(|stage| {
        stored
            .iter()
            .find(|s| s.stage == stage)
            .map(|s| {
                (
                    if s.involved { "yes" } else { "no" }.to_owned(),
                    s.how.clone().unwrap_or_default(),
                )
            })
            .unwrap_or_default()
    });
    render(&StagesPage {
        page,
        errors: FormErrors::new(),
        id,
        title: project.about.title,
        stages,
        groups: project.groups.unwrap_or_default(),
    })
}

async fn stages(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = project_id(&id)?;
    let actor = staff.actor();
    let project = projects::for_change(&state.services, &actor, id).await?;
    let value = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut problems = Vec::new();
    let mut plans: Vec<StagePlan> = Vec::new();
    for &stage in Stage::ALL {
        match StagePlan::parse(
            stage,
            &value(stage_field(stage, false)),
            &value(stage_field(stage, true)),
        ) {
            Ok(plan) => plans.push(plan),
            Err(more) => problems.extend(more),
        }
    }
    let groups =
        match coproduce_domain::person::parse_free_text(&value("groups"), 2_000, "The groups") {
            Ok(groups) => groups,
            Err(e) => {
                problems.push(("groups", e.message));
                None
            }
        };
    if problems.is_empty() {
        match projects::set_stages(&state.services, &actor, id, &plans, groups.as_deref()).await {
            Ok(()) => return Ok(Redirect::to(&format!("/staff/projects/{id}")).into_response()),
            Err(ServiceError::Invalid(more)) => problems.extend(more),
            Err(error) => return Err(error.into()),
        }
    }
    let page = StagesPage {
        page,
        errors: FormErrors::from_service(problems),
        id,
        title: project.about.title,
        stages: stage_questions(|stage| {
            (
                value(stage_field(stage, false)),
                value(stage_field(stage, true)),
            )
        }),
        groups: value("groups"),
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Template)]
#[template(path = "projects/people.html")]
struct PeoplePage {
    page: Page,
    errors: FormErrors,
    id: ProjectId,
    title: String,
    members: Vec<ProjectMember>,
    query: String,
    found: Option<Vec<PersonSummary>>,
    roles: Vec<Choice>,
}

#[derive(Deserialize, Default)]
struct PeopleQuery {
    #[serde(default)]
    q: String,
}

async fn people_view(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: ProjectId,
    query: String,
    errors: FormErrors,
) -> Result<PeoplePage, WebError> {
    let actor = staff.actor();
    let project = projects::for_change(&state.services, &actor, id).await?;
    check(actor.may(Action::ManagePeople))?;
    let members = state
        .services
        .store
        .project_members(id)
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let found = if query.trim().is_empty() {
        None
    } else {
        let filter = PersonFilter {
            text: Some(query.trim().to_owned()),
            ..PersonFilter::default()
        };
        let found =
            coproduce_services::people::search(&state.services, &actor, &filter, None, 20).await?;
        Some(
            found
                .people
                .into_iter()
                .filter(|p| p.status != Status::Left)
                .collect(),
        )
    };
    Ok(PeoplePage {
        page,
        errors,
        id,
        title: project.about.title,
        members,
        query,
        found,
        roles: coded(
            MemberRole::ALL,
            MemberRole::as_str,
            MemberRole::label,
            &["member"],
        ),
    })
}

async fn people_page(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Query(query): Query<PeopleQuery>,
) -> Result<impl IntoResponse, WebError> {
    let id = project_id(&id)?;
    render(&people_view(&state, &staff, page, id, query.q, FormErrors::new()).await?)
}

#[derive(Deserialize)]
struct AddPersonForm {
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    role: String,
}

async fn add_person(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<AddPersonForm>,
) -> Result<Response, WebError> {
    let id = project_id(&id)?;
    let person = PersonId(record_id(&form.person_id)?);
    match projects::set_member(&state.services, &staff.actor(), id, person, &form.role).await {
        Ok(()) => Ok(Redirect::to(&format!("/staff/projects/{id}/people")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let page = people_view(
                &state,
                &staff,
                page,
                id,
                String::new(),
                FormErrors::from_service(problems),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

async fn remove_person(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, person)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id = project_id(&id)?;
    let person = PersonId(record_id(&person)?);
    projects::remove_member(&state.services, &staff.actor(), id, person).await?;
    Ok(Redirect::to(&format!("/staff/projects/{id}/people")).into_response())
}

#[derive(Template)]
#[template(path = "projects/agreement.html")]
struct AgreementPage {
    page: Page,
    errors: FormErrors,
    id: ProjectId,
    title: String,
    form: AgreementForm,
    versions: Vec<AgreementVersion>,
}

#[derive(Deserialize, Default)]
struct AgreementForm {
    #[serde(default)]
    how_we_work: String,
    #[serde(default)]
    success: String,
    #[serde(default)]
    agreed_by: String,
    #[serde(default)]
    agreed_on: String,
}

async fn agreement_view(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: ProjectId,
    form: Option<AgreementForm>,
) -> Result<AgreementPage, WebError> {
    let project = projects::for_change(&state.services, &staff.actor(), id).await?;
    let versions = state
        .services
        .store
        .project_agreements(id)
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let form = form.unwrap_or_else(|| {
        versions
            .first()
            .map(|v| AgreementForm {
                how_we_work: v.agreement.how_we_work.clone(),
                success: v.agreement.success.clone(),
                agreed_by: v.agreement.agreed_by.clone(),
                agreed_on: v.agreement.agreed_on.to_numeric(),
            })
            .unwrap_or_default()
    });
    Ok(AgreementPage {
        page,
        errors: FormErrors::new(),
        id,
        title: project.about.title,
        form,
        versions,
    })
}

async fn agreement_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let id = project_id(&id)?;
    render(&agreement_view(&state, &staff, page, id, None).await?)
}

async fn agreement(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<AgreementForm>,
) -> Result<Response, WebError> {
    let id = project_id(&id)?;
    let actor = staff.actor();
    let problems = match Agreement::parse(
        &form.how_we_work,
        &form.success,
        &form.agreed_by,
        &form.agreed_on,
    ) {
        Ok(agreement) => {
            match projects::add_agreement(&state.services, &actor, id, &agreement).await {
                Ok(_) => {
                    return Ok(Redirect::to(&format!("/staff/projects/{id}")).into_response());
                }
                Err(ServiceError::Invalid(problems)) => problems,
                Err(ServiceError::Conflict(message)) => vec![("how_we_work", message)],
                Err(error) => return Err(error.into()),
            }
        }
        Err(problems) => problems,
    };
    let mut view = agreement_view(&state, &staff, page, id, Some(form)).await?;
    view.errors = FormErrors::from_service(problems);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
}
