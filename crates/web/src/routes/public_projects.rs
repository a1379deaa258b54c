//! Public pages about the partnership's work: the ladder of co-production
//! with how many published projects sit at each rung, the list of published
//! projects with its filters, and one published project.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use coproduce_domain::ladder::{self, Level, Method, Rung};
use coproduce_domain::project::{Project, ProjectFilter, ProjectSummary, ServiceArea, StagePlan};
use coproduce_domain::{Organisation, ProjectId};
use coproduce_services::{ServiceError, projects};

use super::{record_id, render};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ladder", get(ladder_page))
        .route("/projects", get(list))
        .route("/projects/{id}", get(show))
}

/// Projects on one page of the public list.
const PAGE_SIZE: u32 = 20;

/// One rung of the ladder, with how many published projects sit there now.
struct LadderStep {
    rung: Rung,
    count: i64,
}

#[derive(Template)]
#[template(path = "public/ladder.html")]
struct LadderPage {
    page: Page,
    /// From the top rung to the bottom, the order the page reads in.
    steps: Vec<LadderStep>,
    levels: &'static [Level],
    methods: &'static [Method],
    credit: &'static str,
}

async fn ladder_page(
    State(state): State<AppState>,
    page: Page,
) -> Result<impl IntoResponse, WebError> {
    let counts = projects::public_ladder(&state.services).await?;
    let mut steps: Vec<LadderStep> = counts
        .into_iter()
        .map(|(rung, count)| LadderStep { rung, count })
        .collect();
    steps.sort_by_key(|s| std::cmp::Reverse(s.rung));
    render(&LadderPage {
        page,
        steps,
        levels: Level::ALL,
        methods: Method::ALL,
        credit: ladder::CREDIT,
    })
}

/// The list's filters as they come in the address. Only the first value of
/// each name counts, so a doubled name is not an error.
#[derive(Default)]
struct ListQuery {
    rung: String,
    level: String,
    area: String,
    organisation: String,
    before: String,
}

impl ListQuery {
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let first = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim().to_owned())
                .unwrap_or_default()
        };
        Self {
            rung: first("rung"),
            level: first("level"),
            area: first("area"),
            organisation: first("organisation"),
            before: first("before"),
        }
    }

    /// The filter, with a message for each value that is not on its list.
    /// A value not on its list does not filter.
    fn filter(&mut self, organisations: &[Organisation]) -> (ProjectFilter, FormErrors) {
        let mut errors = FormErrors::new();
        let mut pick = |value: &mut String, field: &str, message: &str, found: bool| {
            if !value.is_empty() && !found {
                errors.add(field, message);
                value.clear();
            }
        };
        let rung = Rung::parse(&self.rung);
        pick(
            &mut self.rung,
            "rung",
            "Choose a rung of the ladder from the list",
            rung.is_some(),
        );
        let level = Level::parse(&self.level);
        pick(
            &mut self.level,
            "level",
            "Choose a level from the list",
            level.is_some(),
        );
        let area = ServiceArea::parse(&self.area);
        pick(
            &mut self.area,
            "area",
            "Choose a service area from the list",
            area.is_some(),
        );
        let organisation = organisations
            .iter()
            .find(|o| o.slug.as_str() == self.organisation)
            .map(|o| o.id);
        pick(
            &mut self.organisation,
            "organisation",
            "Choose an organisation from the list",
            organisation.is_some(),
        );
        let filter = ProjectFilter {
            organisation,
            rung,
            level,
            service_area: area,
            ..ProjectFilter::default()
        };
        (filter, errors)
    }

    /// The address of this list from the project before `before`.
    fn next_page(&self, before: ProjectId) -> String {
        let mut kept: Vec<(&str, String)> = [
            ("rung", &self.rung),
            ("level", &self.level),
            ("area", &self.area),
            ("organisation", &self.organisation),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.clone()))
        .collect();
        kept.push(("before", before.to_string()));
        format!(
            "/projects?{}",
            serde_urlencoded::to_string(kept).unwrap_or_default()
        )
    }

    fn any_filter(&self) -> bool {
        !(self.rung.is_empty()
            && self.level.is_empty()
            && self.area.is_empty()
            && self.organisation.is_empty())
    }
}

/// A `<select>` of the filters: its options as (value, text, chosen).
pub(crate) struct Select {
    pub name: &'static str,
    pub label: &'static str,
    pub options: Vec<(String, String, bool)>,
}

pub(crate) fn select(
    name: &'static str,
    label: &'static str,
    chosen: &str,
    options: impl IntoIterator<Item = (String, String)>,
) -> Select {
    Select {
        name,
        label,
        options: options
            .into_iter()
            .map(|(value, text)| {
                let selected = value == chosen;
                (value, text, selected)
            })
            .collect(),
    }
}

/// The options of a closed list: (stored code, label).
pub(crate) fn coded<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|i| (code(*i).to_owned(), label(*i).to_owned()))
        .collect()
}

#[derive(Template)]
#[template(path = "public/projects.html")]
struct ListPage {
    page: Page,
    errors: FormErrors,
    selects: Vec<Select>,
    projects: Vec<ProjectSummary>,
    total: i64,
    filtered: bool,
    next: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    page: Page,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, WebError> {
    let mut query = ListQuery::from_pairs(&pairs);
    let organisations = state
        .services
        .store
        .organisations()
        .await
        .map_err(ServiceError::from)?;
    let (filter, errors) = query.filter(&organisations);
    let before = query.before.parse().ok().map(ProjectId);
    let found = projects::public_search(&state.services, &filter, before, PAGE_SIZE).await?;
    let selects = vec![
        select(
            "rung",
            "Rung of the ladder",
            &query.rung,
            // Top rung first, as on the ladder page.
            coded(Rung::ALL, Rung::as_str, Rung::label)
                .into_iter()
                .rev(),
        ),
        select(
            "level",
            "Level",
            &query.level,
            coded(Level::ALL, Level::as_str, Level::label),
        ),
        select(
            "area",
            "Service area",
            &query.area,
            coded(ServiceArea::ALL, ServiceArea::as_str, ServiceArea::label),
        ),
        select(
            "organisation",
            "Organisation",
            &query.organisation,
            organisations
                .iter()
                .map(|o| (o.slug.as_str().to_owned(), o.name.clone())),
        ),
    ];
    render(&ListPage {
        page,
        errors,
        selects,
        next: found.next.map(|id| query.next_page(id)),
        projects: found.projects,
        total: found.total,
        filtered: query.any_filter(),
    })
}

#[derive(Template)]
#[template(path = "public/project.html")]
struct ProjectPage {
    page: Page,
    project: Project,
    organisation: String,
    stages: Vec<StagePlan>,
}

async fn show(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let id = ProjectId(record_id(&id)?);
    let (project, organisation, stages) = projects::public_view(&state.services, id).await?;
    render(&ProjectPage {
        page,
        project,
        organisation,
        stages,
    })
}
