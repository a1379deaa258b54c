//! The decision log: the organisation's decisions about care and support,
//! and whether people who use services had a say in each.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use coproduce_domain::project::{DecisionForum, DecisionInput, NewDecision};
use coproduce_domain::{Action, DecisionId};
use coproduce_services::staff::check;
use coproduce_services::{ServiceError, projects};
use coproduce_store::DecisionRecord;

use super::render;
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/decisions", get(list))
        .route("/staff/decisions/new", get(new_form).post(create))
}

const PAGE_SIZE: u32 = 50;

/// The form's fields in the order the page asks them.
const FIELD_ORDER: &[&str] = &[
    "decided_on",
    "title",
    "forum",
    "coproduction_considered",
    "involvement",
    "project",
];

#[derive(Template)]
#[template(path = "decisions/list.html")]
struct ListPage {
    page: Page,
    decisions: Vec<DecisionRecord>,
    next: Option<DecisionId>,
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, WebError> {
    // A `before` that is not a number starts from the newest.
    let before = pairs
        .iter()
        .find(|(k, _)| k == "before")
        .and_then(|(_, v)| v.trim().parse().ok())
        .map(DecisionId);
    let (decisions, next) = coproduce_services::decisions::decisions(
        &state.services,
        &staff.actor(),
        before,
        PAGE_SIZE,
    )
    .await?;
    render(&ListPage {
        page,
        decisions,
        next,
    })
}

/// The answers as typed, kept when the form comes back with mistakes.
#[derive(Default)]
struct Answers {
    decided_on: String,
    title: String,
    forum: String,
    coproduction_considered: String,
    involvement: String,
    project: String,
}

impl Answers {
    fn from_fields(fields: &[(String, String)]) -> Self {
        let value = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        Self {
            decided_on: value("decided_on"),
            title: value("title"),
            forum: value("forum"),
            coproduction_considered: value("coproduction_considered"),
            involvement: value("involvement"),
            project: value("project"),
        }
    }

    fn input(&self) -> DecisionInput<'_> {
        DecisionInput {
            decided_on: &self.decided_on,
            title: &self.title,
            forum: &self.forum,
            coproduction_considered: &self.coproduction_considered,
            involvement: &self.involvement,
            project: &self.project,
        }
    }
}

/// A choice on the form: (value, text, chosen).
type Choice = (String, String, bool);

#[derive(Template)]
#[template(path = "decisions/form.html")]
struct FormPage {
    page: Page,
    errors: FormErrors,
    answers: Answers,
    forums: Vec<Choice>,
    considered: Vec<Choice>,
    projects: Vec<Choice>,
}

impl FormPage {
    fn new(page: Page, answers: Answers, titles: Vec<(i64, String)>) -> Self {
        let forums = DecisionForum::ALL
            .iter()
            .map(|f| {
                let code = f.as_str();
                (
                    code.to_owned(),
                    f.label().to_owned(),
                    answers.forum.trim() == code,
                )
            })
            .collect();
        let considered = [("yes", "Yes"), ("no", "No")]
            .into_iter()
            .map(|(code, label)| {
                (
                    code.to_owned(),
                    label.to_owned(),
                    answers.coproduction_considered.trim() == code,
                )
            })
            .collect();
        let projects = titles
            .into_iter()
            .map(|(id, title)| {
                let id = id.to_string();
                let chosen = answers.project.trim() == id;
                (id, title, chosen)
            })
            .collect();
        Self {
            page,
            errors: FormErrors::new(),
            answers,
            forums,
            considered,
            projects,
        }
    }
}

async fn new_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
) -> Result<impl IntoResponse, WebError> {
    let actor = staff.actor();
    check(actor.may(Action::ManageProjects))?;
    let titles = projects::titles(&state.services, &actor).await?;
    render(&FormPage::new(page, Answers::default(), titles))
}

async fn create(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    check(actor.may(Action::ManageProjects))?;
    let answers = Answers::from_fields(&fields);
    let outcome = match NewDecision::parse(&answers.input()) {
        Ok(decision) => {
            coproduce_services::decisions::log_decision(&state.services, &actor, &decision)
                .await
                .map(|_| ())
        }
        Err(problems) => Err(ServiceError::Invalid(problems)),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to("/staff/decisions").into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let titles = projects::titles(&state.services, &actor).await?;
            let mut form = FormPage::new(page, answers, titles);
            form.errors = FormErrors::from_service(problems).sorted_by(FIELD_ORDER);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&form)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}
