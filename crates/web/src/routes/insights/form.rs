//! Adding an insight to the library and changing one: all the questions
//! on one page, asked again with the answers kept when any is refused.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coproduce_domain::insights::{SourceKind, Visibility};
use coproduce_domain::ladder::{Method, Rung};
use coproduce_domain::project::ServiceArea;
use coproduce_domain::{Action, ActivityId, Actor};
use coproduce_services::ServiceError;
use coproduce_services::insights::{self, FIELD_ORDER, InsightAnswers};
use coproduce_services::people::Lists;
use coproduce_services::projects;
use coproduce_services::staff::check;

use super::insight_id;
use crate::error::WebError;
use crate::forms::{FormErrors, choices};
use crate::page::Page;
use crate::profile_form::Choice;
use crate::routes::{render, uk_time};
use crate::session::Staff;
use crate::state::AppState;

/// A radio button with a line that explains it.
pub(super) struct Hinted {
    pub value: String,
    pub label: String,
    pub hint: String,
    pub checked: bool,
}

fn hinted<T: Copy>(
    all: impl IntoIterator<Item = T>,
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    hint: fn(T) -> &'static str,
    chosen: &str,
) -> Vec<Hinted> {
    all.into_iter()
        .map(|item| Hinted {
            value: code(item).to_owned(),
            label: label(item).to_owned(),
            hint: hint(item).to_owned(),
            checked: code(item) == chosen,
        })
        .collect()
}

fn visibility_hint(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::Organisation => "Only staff in your organisation can find and read it.",
        Visibility::Partnership => {
            "Staff in every organisation in the partnership can find and read it, partners included."
        }
        Visibility::Public => {
            "Anyone can read it on the public website, with any files attached. Only choose this \
             if people agreed that what they said can be reused."
        }
    }
}

#[derive(Template)]
#[template(path = "insights/form.html")]
pub(super) struct FormPage {
    page: Page,
    errors: FormErrors,
    heading: &'static str,
    action: String,
    back: String,
    button: &'static str,
    answers: InsightAnswers,
    sources: Vec<Choice>,
    projects: Vec<Choice>,
    activities: Vec<Choice>,
    methods: Vec<Hinted>,
    rungs: Vec<Hinted>,
    topics: Vec<Choice>,
    service_areas: Vec<Choice>,
    localities: Vec<Choice>,
    visibilities: Vec<Hinted>,
}

/// The organisation's activities a form may link to, as (id, "title,
/// when") pairs, the latest first.
async fn activity_choices(
    state: &AppState,
    actor: &Actor,
    chosen: &str,
) -> Result<Vec<(String, String)>, WebError> {
    let chosen = chosen.trim().parse().ok().map(ActivityId);
    Ok(
        coproduce_services::activities::choices(&state.services, actor, chosen)
            .await?
            .into_iter()
            .map(|a| {
                (
                    a.id.to_string(),
                    format!("{}, {}", a.title, uk_time(a.starts_at)),
                )
            })
            .collect(),
    )
}

impl FormPage {
    async fn new(
        state: &AppState,
        actor: &Actor,
        page: Page,
        heading: &'static str,
        action: String,
        back: String,
        answers: InsightAnswers,
    ) -> Result<Self, WebError> {
        let lists = Lists::load(&state.services).await?;
        let project_titles = projects::titles(&state.services, actor).await?;
        let activities = activity_choices(state, actor, &answers.activity).await?;
        let one = |value: &str| vec![value.to_owned()];
        Ok(Self {
            page,
            errors: FormErrors::new(),
            heading,
            action,
            back,
            button: "Save the insight",
            sources: choices(
                SourceKind::ALL
                    .iter()
                    .map(|s| (s.as_str().to_owned(), s.label().to_owned())),
                &one(&answers.source),
            ),
            projects: choices(
                project_titles
                    .into_iter()
                    .map(|(id, title)| (id.to_string(), title)),
                &one(&answers.project),
            ),
            activities: choices(activities, &one(&answers.activity)),
            methods: hinted(
                Method::ALL.iter().copied(),
                Method::as_str,
                Method::label,
                Method::description,
                &answers.method,
            ),
            rungs: hinted(
                Rung::ALL.iter().rev().copied(),
                Rung::as_str,
                Rung::label,
                Rung::description,
                &answers.rung,
            ),
            topics: choices(lists.topics.iter().cloned(), &answers.topics),
            service_areas: choices(
                ServiceArea::ALL
                    .iter()
                    .map(|a| (a.as_str().to_owned(), a.label().to_owned())),
                &answers.service_areas,
            ),
            localities: choices(lists.localities.iter().cloned(), &answers.localities),
            visibilities: hinted(
                Visibility::ALL.iter().copied(),
                Visibility::as_str,
                Visibility::label,
                visibility_hint,
                &answers.visibility,
            ),
            answers,
        })
    }

    /// The page again with the answers given and what was wrong.
    fn refused(mut self, error: ServiceError) -> Result<Response, WebError> {
        match error {
            ServiceError::Invalid(problems) => {
                self.errors = FormErrors::from_service(problems).sorted_by(FIELD_ORDER);
            }
            other => return Err(other.into()),
        }
        Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&self)?).into_response())
    }
}

/// The answers of a sent form. Lists come as one field per box ticked.
fn answers_from(fields: &[(String, String)]) -> InsightAnswers {
    let one = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let all = |name: &str| {
        fields
            .iter()
            .filter(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    };
    InsightAnswers {
        title: one("title"),
        summary: one("summary"),
        findings: one("findings"),
        source: one("source"),
        source_detail: one("source_detail"),
        project: one("project"),
        activity: one("activity"),
        method: one("method"),
        rung: one("rung"),
        happened_on: one("happened_on"),
        people_count: one("people_count"),
        topics: all("topics"),
        service_areas: all("service_areas"),
        localities: all("localities"),
        consent_to_reuse: one("consent_to_reuse") == "yes",
        visibility: one("visibility"),
    }
}

async fn new_page(
    state: &AppState,
    actor: &Actor,
    page: Page,
    answers: InsightAnswers,
) -> Result<FormPage, WebError> {
    FormPage::new(
        state,
        actor,
        page,
        "Add an insight",
        "/staff/insights/new".into(),
        "/staff/insights".into(),
        answers,
    )
    .await
}

pub(super) async fn new_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    check(actor.may(Action::ManageInsights))?;
    let answers = InsightAnswers::default();
    Ok(render(&new_page(&state, &actor, page, answers).await?)?.into_response())
}

pub(super) async fn create(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    check(actor.may(Action::ManageInsights))?;
    let answers = answers_from(&fields);
    match insights::create(&state.services, &actor, &answers).await {
        Ok(id) => Ok(Redirect::to(&format!("/staff/insights/{id}?done=added")).into_response()),
        Err(error) => new_page(&state, &actor, page, answers)
            .await?
            .refused(error),
    }
}

async fn edit_page(
    state: &AppState,
    actor: &Actor,
    page: Page,
    id: coproduce_domain::InsightId,
    answers: InsightAnswers,
) -> Result<FormPage, WebError> {
    FormPage::new(
        state,
        actor,
        page,
        "Change the insight",
        format!("/staff/insights/{id}/edit"),
        format!("/staff/insights/{id}"),
        answers,
    )
    .await
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = insight_id(&id)?;
    let actor = staff.actor();
    let record = insights::for_change(&state.services, &actor, id).await?;
    let answers = InsightAnswers::from_record(&record);
    Ok(render(&edit_page(&state, &actor, page, id, answers).await?)?.into_response())
}

pub(super) async fn update(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = insight_id(&id)?;
    let actor = staff.actor();
    let answers = answers_from(&fields);
    match insights::update(&state.services, &actor, id, &answers).await {
        Ok(()) => Ok(Redirect::to(&format!("/staff/insights/{id}?done=changed")).into_response()),
        Err(error) => edit_page(&state, &actor, page, id, answers)
            .await?
            .refused(error),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ticked_boxes_become_lists_and_the_consent_box_a_yes() {
        let fields: Vec<(String, String)> = [
            ("title", "Buses"),
            ("topics", "transport"),
            ("topics", "housing"),
            ("topics", ""),
            ("consent_to_reuse", "yes"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        let answers = super::answers_from(&fields);
        assert_eq!(answers.title, "Buses");
        assert_eq!(answers.topics, vec!["transport", "housing"]);
        assert!(answers.consent_to_reuse);
        assert!(!super::answers_from(&[]).consent_to_reuse);
    }
}
