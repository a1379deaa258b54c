//! Staff pages for projects on the ladder: the list, planning a new
//! project, a project's task list and summary, publishing, status,
//! closing, and the ladder dashboard. The task list's sections have their
//! own pages in `project_sections`.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use coproduce_domain::ladder::{Level, Rung};
use coproduce_domain::project::{ProjectFilter, ProjectStatus, ProjectSummary, ServiceArea};
use coproduce_domain::{Action, ProjectId};
use coproduce_services::ServiceError;
use coproduce_services::projects::{self, Dashboard, ProjectAnswers, ProjectRecord};
use coproduce_services::staff::check;
use coproduce_store::RungKind;
use serde::Deserialize;

use super::project_sections::{ProjectForm, SectionState, answers_from_fields, sections};
use super::{record_id, render, uk_time};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::profile_form::Choice;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/projects", get(list))
        .route("/staff/projects/new", get(new_form).post(create))
        .route("/staff/projects/dashboard", get(dashboard))
        .route("/staff/projects/{id}", get(show))
        .route("/staff/projects/{id}/publish", post(publish))
        .route("/staff/projects/{id}/status", post(status))
        .route("/staff/projects/{id}/close", get(close_form).post(close))
        .merge(super::project_sections::router())
}

const PAGE_SIZE: u32 = 25;

/// A list's filters as they come in the address.
#[derive(Deserialize, Default, Clone)]
pub struct FilterQuery {
    #[serde(default)]
    pub rung: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub service_area: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub before: String,
}

impl FilterQuery {
    fn filter(&self) -> ProjectFilter {
        ProjectFilter {
            rung: Rung::parse(&self.rung),
            level: Level::parse(&self.level),
            service_area: ServiceArea::parse(&self.service_area),
            status: ProjectStatus::parse(&self.status),
            ..ProjectFilter::default()
        }
    }

    fn with_before(&self, before: ProjectId) -> String {
        let pairs = [
            ("rung", self.rung.as_str()),
            ("level", &self.level),
            ("service_area", &self.service_area),
            ("status", &self.status),
        ];
        let mut kept: Vec<(&str, String)> = pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (*k, (*v).to_owned()))
            .collect();
        kept.push(("before", before.to_string()));
        serde_urlencoded::to_string(kept).unwrap_or_default()
    }
}

/// A `<select>` of a filter.
pub struct Select {
    pub name: &'static str,
    pub label: &'static str,
    pub options: Vec<Choice>,
}

pub fn select<T: Copy>(
    name: &'static str,
    label: &'static str,
    all: &[T],
    code: fn(T) -> &'static str,
    text: fn(T) -> &'static str,
    chosen: &str,
) -> Select {
    Select {
        name,
        label,
        options: all
            .iter()
            .map(|item| Choice {
                value: code(*item).to_owned(),
                label: text(*item).to_owned(),
                checked: code(*item) == chosen,
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "projects/list.html")]
struct ListPage {
    page: Page,
    selects: Vec<Select>,
    projects: Vec<ProjectSummary>,
    total: i64,
    next: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(query): Query<FilterQuery>,
) -> Result<impl IntoResponse, WebError> {
    let before = query.before.parse().ok().map(ProjectId);
    let found = projects::search(
        &state.services,
        &staff.actor(),
        &query.filter(),
        before,
        PAGE_SIZE,
    )
    .await?;
    render(&ListPage {
        page,
        selects: filter_selects(&query),
        next: found.next.map(|id| query.with_before(id)),
        projects: found.projects,
        total: found.total,
    })
}

fn filter_selects(query: &FilterQuery) -> Vec<Select> {
    vec![
        select(
            "rung",
            "Rung now",
            Rung::ALL,
            Rung::as_str,
            Rung::label,
            &query.rung,
        ),
        select(
            "level",
            "Level",
            Level::ALL,
            Level::as_str,
            Level::label,
            &query.level,
        ),
        select(
            "service_area",
            "Service area",
            ServiceArea::ALL,
            ServiceArea::as_str,
            ServiceArea::label,
            &query.service_area,
        ),
        select(
            "status",
            "Status",
            ProjectStatus::ALL,
            ProjectStatus::as_str,
            ProjectStatus::label,
            &query.status,
        ),
    ]
}

#[derive(Template)]
#[template(path = "projects/form.html")]
pub struct FormPage {
    pub page: Page,
    pub errors: FormErrors,
    pub heading: String,
    pub action: String,
    pub back: String,
    pub button: &'static str,
    pub show_about: bool,
    pub show_ladder: bool,
    pub form: ProjectForm,
}

impl FormPage {
    /// The page again with the answers given and what was wrong.
    pub fn refused(mut self, error: ServiceError) -> Result<Response, WebError> {
        match error {
            ServiceError::Invalid(problems) => {
                self.errors = FormErrors::from_service(problems).sorted_by(projects::FIELD_ORDER);
            }
            other => return Err(other.into()),
        }
        Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&self)?).into_response())
    }
}

async fn new_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    answers: ProjectAnswers,
) -> Result<FormPage, WebError> {
    Ok(FormPage {
        page,
        errors: FormErrors::new(),
        heading: "Plan a project".into(),
        action: "/staff/projects/new".into(),
        back: "/staff/projects".into(),
        button: "Save and continue",
        show_about: true,
        show_ladder: true,
        form: ProjectForm::new(state, &staff.actor(), answers).await?,
    })
}

async fn new_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
) -> Result<impl IntoResponse, WebError> {
    check(staff.actor().may(Action::ManageProjects))?;
    render(&new_page(&state, &staff, page, ProjectAnswers::default()).await?)
}

async fn create(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    check(actor.may(Action::ManageProjects))?;
    let answers = answers_from_fields(&fields);
    match projects::create(&state.services, &actor, &answers).await {
        // Before anyone is asked, the officer sees what is already known.
        Ok(id) => Ok(Redirect::to(&format!("/staff/projects/{id}/already-asked")).into_response()),
        Err(error) => new_page(&state, &staff, page, answers)
            .await?
            .refused(error),
    }
}

/// A line of the rung history, ready to show.
struct HistoryLine {
    when: String,
    who: String,
    what: String,
    why: String,
}

#[derive(Template)]
#[template(path = "projects/show.html")]
struct ShowPage {
    page: Page,
    record: ProjectRecord,
    sections: Vec<SectionState>,
    history: Vec<HistoryLine>,
    can_change: bool,
    statuses: Vec<Choice>,
    errors: FormErrors,
    review: coproduce_services::writing::Review,
    /// "Has this already been asked?" checks, the latest first.
    checks: Vec<super::already_asked::CheckLine>,
}

async fn show_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: ProjectId,
    errors: FormErrors,
) -> Result<ShowPage, WebError> {
    let actor = staff.actor();
    let record = projects::record(&state.services, &actor, id).await?;
    let project = &record.project;
    let history = record
        .history
        .iter()
        .map(|change| HistoryLine {
            when: uk_time(change.at),
            who: change.who.clone().unwrap_or_else(|| "Someone".into()),
            what: match (change.kind, change.from) {
                (RungKind::Planned, None) => format!("Planned at {}", change.to.label()),
                (RungKind::Planned, Some(from)) => format!(
                    "Planned rung changed from {} to {}",
                    from.label(),
                    change.to.label()
                ),
                (RungKind::Achieved, _) => format!("Closed having reached {}", change.to.label()),
            },
            why: change.reason.clone(),
        })
        .collect();
    let review = coproduce_services::writing::review(
        &state.services,
        project.organisation_id,
        &project.about.summary,
    )
    .await?;
    let checks = super::already_asked::check_lines(
        state,
        &actor,
        coproduce_store::CheckSubject::Project(id),
    )
    .await?;
    Ok(ShowPage {
        page,
        checks,
        sections: sections(&record),
        history,
        can_change: actor.may(Action::ManageProjects)
            == coproduce_domain::permissions::Decision::Allowed
            && project.status != ProjectStatus::Closed,
        statuses: [ProjectStatus::Planning, ProjectStatus::Active]
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                label: s.label().to_owned(),
                checked: *s == project.status,
            })
            .collect(),
        errors,
        review,
        record,
    })
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let id = ProjectId(record_id(&id)?);
    render(&show_page(&state, &staff, page, id, FormErrors::new()).await?)
}

/// Goes back to the project page, or shows it again with the message.
async fn on_project_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: ProjectId,
    outcome: coproduce_services::Result<()>,
    anchor: &str,
) -> Result<Response, WebError> {
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/staff/projects/{id}{anchor}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let page =
                show_page(state, staff, page, id, FormErrors::from_service(problems)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(ServiceError::Conflict(message)) => {
            let mut errors = FormErrors::new();
            errors.add("status", message);
            let page = show_page(state, staff, page, id, errors).await?;
            Ok((StatusCode::CONFLICT, render(&page)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Deserialize)]
struct PublishForm {
    #[serde(default)]
    published: String,
}

async fn publish(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<PublishForm>,
) -> Result<Response, WebError> {
    let id = ProjectId(record_id(&id)?);
    let outcome =
        projects::publish(&state.services, &staff.actor(), id, form.published == "yes").await;
    on_project_page(&state, &staff, page, id, outcome, "#check").await
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(default)]
    status: String,
}

async fn status(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<Response, WebError> {
    let id = ProjectId(record_id(&id)?);
    let outcome = projects::set_status(&state.services, &staff.actor(), id, &form.status).await;
    on_project_page(&state, &staff, page, id, outcome, "#status").await
}

#[derive(Template)]
#[template(path = "projects/close.html")]
struct ClosePage {
    page: Page,
    errors: FormErrors,
    id: ProjectId,
    title: String,
    planned: Rung,
    rungs: Vec<Choice>,
    reflection: String,
}

async fn close_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: ProjectId,
    achieved: &str,
    reflection: String,
) -> Result<ClosePage, WebError> {
    let project = projects::for_change(&state.services, &staff.actor(), id).await?;
    Ok(ClosePage {
        page,
        errors: FormErrors::new(),
        id,
        title: project.about.title,
        planned: project.ladder.planned(),
        rungs: Rung::ALL
            .iter()
            .rev()
            .map(|r| Choice {
                value: r.as_str().to_owned(),
                label: r.label().to_owned(),
                checked: r.as_str() == achieved,
            })
            .collect(),
        reflection,
    })
}

async fn close_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let id = ProjectId(record_id(&id)?);
    render(&close_page(&state, &staff, page, id, "", String::new()).await?)
}

#[derive(Deserialize)]
struct CloseForm {
    #[serde(default)]
    achieved_rung: String,
    #[serde(default)]
    reflection: String,
}

async fn close(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<CloseForm>,
) -> Result<Response, WebError> {
    let id = ProjectId(record_id(&id)?);
    let actor = staff.actor();
    match projects::close(
        &state.services,
        &actor,
        id,
        &form.achieved_rung,
        &form.reflection,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/staff/projects/{id}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let mut close_page = close_page(
                &state,
                &staff,
                page,
                id,
                &form.achieved_rung,
                form.reflection,
            )
            .await?;
            close_page.errors = FormErrors::from_service(problems);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&close_page)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

/// One rung of the dashboard's chart: the figures, and bar widths in
/// steps of 5% of the largest figure (CSS classes, not inline styles).
struct Bar {
    label: &'static str,
    planned: i64,
    achieved: i64,
    planned_width: i64,
    achieved_width: i64,
}

/// The figures of the organisation or of the partnership, ready to show.
struct FiguresView {
    id: &'static str,
    heading: String,
    figures: projects::Figures,
    bars: Vec<Bar>,
    tables: Vec<GroupTable>,
}

/// The figures by level, or by service area.
struct GroupTable {
    title: &'static str,
    column: &'static str,
    groups: Vec<projects::GroupFigures>,
}

impl FiguresView {
    fn new(id: &'static str, heading: String, figures: projects::Figures) -> Self {
        let widest = figures
            .by_rung
            .iter()
            .map(|r| r.planned.max(r.achieved))
            .max()
            .unwrap_or(0);
        let width = |value: i64| {
            if widest == 0 {
                0
            } else {
                (value * 20 + widest / 2) / widest * 5
            }
        };
        let bars = figures
            .by_rung
            .iter()
            .rev()
            .map(|r| Bar {
                label: r.rung.label(),
                planned: r.planned,
                achieved: r.achieved,
                planned_width: width(r.planned),
                achieved_width: width(r.achieved),
            })
            .collect();
        let tables = vec![
            GroupTable {
                title: "by level",
                column: "Level",
                groups: figures.by_level.clone(),
            },
            GroupTable {
                title: "by service area",
                column: "Service area",
                groups: figures.by_area.clone(),
            },
        ];
        Self {
            id,
            heading,
            figures,
            bars,
            tables,
        }
    }
}

#[derive(Template)]
#[template(path = "projects/dashboard.html")]
struct DashboardPage {
    page: Page,
    views: Vec<FiguresView>,
}

async fn dashboard(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
) -> Result<impl IntoResponse, WebError> {
    let Dashboard {
        organisation_name,
        organisation,
        partnership,
    } = projects::dashboard(&state.services, &staff.actor()).await?;
    render(&DashboardPage {
        page,
        views: vec![
            FiguresView::new("organisation", organisation_name, organisation),
            FiguresView::new("partnership", "The whole partnership".into(), partnership),
        ],
    })
}
