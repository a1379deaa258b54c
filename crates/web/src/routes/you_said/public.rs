//! The public "you said, we did" pages: published entries with where
//! each action has got to. Nothing here names a member of staff or a
//! person who spoke.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use coproduce_services::people::Lists;
use coproduce_services::you_said;

use super::staff::said_id;
use super::{Line, Select, listed, tag_class, uk_day};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::routes::render;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/you-said-we-did", get(list))
        .route("/you-said-we-did/{id}", get(show))
}

#[derive(Template)]
#[template(path = "public/you_said_list.html")]
struct ListPage {
    page: Page,
    errors: FormErrors,
    selects: Vec<Select>,
    entries: Vec<Line>,
    filtered: bool,
    first_page: bool,
    next: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    page: Page,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, WebError> {
    let list = listed(&state, None, "/you-said-we-did", &pairs).await?;
    render(&ListPage {
        page,
        errors: list.errors,
        selects: list.selects,
        entries: list.entries,
        filtered: list.filtered,
        first_page: list.first_page,
        next: list.next,
    })
}

/// A change of status as the public sees it: when, and to what.
struct Step {
    when: String,
    status: &'static str,
    tag: &'static str,
}

#[derive(Template)]
#[template(path = "public/you_said.html")]
struct ShowPage {
    page: Page,
    entry: Line,
    steps: Vec<Step>,
}

async fn show(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let id = said_id(&id)?;
    let (record, updates) = you_said::public_get(&state.services, id).await?;
    let lists = Lists::load(&state.services).await?;
    render(&ShowPage {
        page,
        entry: Line::new(&record, &lists),
        steps: updates
            .iter()
            .rev()
            .map(|u| Step {
                when: uk_day(u.changed_at),
                status: u.status.label(),
                tag: tag_class(u.status),
            })
            .collect(),
    })
}
