//! Adding and changing a "you said, we did" entry. One form serves both.
//! Without JavaScript, an officer picks the activity and presses "Show
//! people from this activity": a GET that brings the form back with the
//! answers typed so far and the people who came to it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use coproduce_domain::insights::{ActionStatus, InsightFilter};
use coproduce_domain::{Action, ActivityId, Actor, InsightId, SaidId};
use coproduce_services::people::Lists;
use coproduce_services::staff::check;
use coproduce_services::you_said::{self, SaidAnswers};
use coproduce_services::{ServiceError, activities, insights};
use coproduce_store::Listener;

use super::staff::said_id;
use crate::error::WebError;
use crate::forms::{FormErrors, choices};
use crate::page::Page;
use crate::profile_form::Choice;
use crate::routes::render;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/you-said-we-did/new", get(new_form).post(create))
        .route(
            "/staff/you-said-we-did/{id}/edit",
            get(edit_form).post(edit),
        )
}

/// The order of the questions on the page, for the error summary: the
/// domain's order, with the people to tell after the activity they came to.
const FORM_ORDER: &[&str] = &[
    "statement",
    "theme",
    "insight",
    "activity",
    "listeners",
    "topics",
    "action",
    "owner",
    "due_on",
    "status",
    "reason",
];

/// The most insights the form offers to choose from, newest first.
const INSIGHTS_OFFERED: usize = 200;
/// Reads the form (or the address, after "Show people"); checkboxes
/// repeat their name.
fn answers_from_fields(fields: &[(String, String)]) -> SaidAnswers {
    let mut a = SaidAnswers::default();
    for (name, value) in fields {
        let slot = match name.as_str() {
            "topics" => {
                a.topics.push(value.clone());
                continue;
            }
            "listeners" => {
                a.listeners.push(value.clone());
                continue;
            }
            "published" => {
                a.published = value == "yes";
                continue;
            }
            "statement" => &mut a.statement,
            "theme" => &mut a.theme,
            "insight" => &mut a.insight,
            "activity" => &mut a.activity,
            "action" => &mut a.action,
            "owner" => &mut a.owner,
            "due_on" => &mut a.due_on,
            "status" => &mut a.status,
            "reason" => &mut a.reason,
            _ => continue,
        };
        *slot = value.clone();
    }
    a
}

fn value_of<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Someone who could be told what happened.
struct ListenerChoice {
    value: String,
    name: String,
    has_email: bool,
    checked: bool,
}

#[derive(Template)]
#[template(path = "you_said/form.html")]
struct FormPage {
    page: Page,
    errors: FormErrors,
    heading: &'static str,
    action: String,
    back: String,
    answers: SaidAnswers,
    insights: Vec<Choice>,
    activities: Vec<Choice>,
    topics: Vec<Choice>,
    statuses: Vec<Choice>,
    published: Vec<Choice>,
    /// When adding: the people from the chosen activity (None when no
    /// activity is chosen, or the actor may not see its people).
    listeners: Option<Vec<ListenerChoice>>,
    /// When changing: the people chosen when the entry was added.
    told: Option<Vec<Listener>>,
    /// When changing: the status the officer saw.
    seen: String,
}

impl FormPage {
    async fn new(
        state: &AppState,
        actor: &Actor,
        page: Page,
        editing: Option<(SaidId, Vec<Listener>, String)>,
        answers: SaidAnswers,
    ) -> Result<Self, WebError> {
        let services = &state.services;
        let lists = Lists::load(services).await?;
        let insights = insight_choices(state, actor, &answers.insight).await?;
        let activities = activity_choices(state, actor, &answers.activity).await?;
        let listeners = match (&editing, activity_of(&answers)) {
            (None, Some(activity)) => {
                match you_said::possible_listeners(services, actor, activity).await {
                    Ok(people) => Some(
                        people
                            .into_iter()
                            .map(|(id, name, has_email)| ListenerChoice {
                                checked: answers
                                    .listeners
                                    .iter()
                                    .any(|l| l.trim() == id.to_string()),
                                value: id.to_string(),
                                name,
                                has_email,
                            })
                            .collect(),
                    ),
                    // Another organisation's activity, or a role that may
                    // not see activities: the activity question says so
                    // when the form is sent.
                    Err(ServiceError::NotFound | ServiceError::Forbidden) => None,
                    Err(error) => return Err(error.into()),
                }
            }
            _ => None,
        };
        let (heading, action, back, told, seen) = match editing {
            Some((id, told, seen)) => (
                "Change what people said and what we did",
                format!("/staff/you-said-we-did/{id}/edit"),
                format!("/staff/you-said-we-did/{id}"),
                Some(told),
                seen,
            ),
            None => (
                "Add what people said",
                "/staff/you-said-we-did/new".to_owned(),
                "/staff/you-said-we-did".to_owned(),
                None,
                String::new(),
            ),
        };
        Ok(Self {
            page,
            errors: FormErrors::new(),
            heading,
            action,
            back,
            topics: choices(lists.topics.iter().cloned(), &answers.topics),
            statuses: ActionStatus::ALL
                .iter()
                .map(|s| Choice {
                    value: s.as_str().to_owned(),
                    label: s.label().to_owned(),
                    checked: s.as_str() == answers.status,
                })
                .collect(),
            published: vec![Choice {
                value: "yes".into(),
                label: "Publish on the public website".into(),
                checked: answers.published,
            }],
            insights,
            activities,
            listeners,
            told,
            seen,
            answers,
        })
    }

    /// The form again with the answers given and what was wrong.
    fn refused(mut self, error: ServiceError) -> Result<Response, WebError> {
        let status = match error {
            ServiceError::Invalid(problems) => {
                self.errors = FormErrors::from_service(problems).sorted_by(FORM_ORDER);
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ServiceError::Conflict(message) => {
                self.errors.add("status", message);
                StatusCode::CONFLICT
            }
            other => return Err(other.into()),
        };
        Ok((status, render(&self)?).into_response())
    }
}

fn activity_of(answers: &SaidAnswers) -> Option<ActivityId> {
    answers
        .activity
        .trim()
        .parse()
        .ok()
        .filter(|n: &i64| *n > 0)
        .map(ActivityId)
}

/// The newest insights the actor may see, and the chosen one even when it
/// is older.
async fn insight_choices(
    state: &AppState,
    actor: &Actor,
    chosen: &str,
) -> Result<Vec<Choice>, WebError> {
    let services = &state.services;
    let mut found = Vec::new();
    let mut page_number = 1;
    loop {
        let page = insights::search(
            services,
            Some(actor),
            &InsightFilter::default(),
            page_number,
        )
        .await?;
        found.extend(
            page.hits
                .into_iter()
                .map(|h| (h.id, format!("{} ({})", h.title, h.organisation_name))),
        );
        if page.page >= page.pages || found.len() >= INSIGHTS_OFFERED {
            break;
        }
        page_number += 1;
    }
    found.truncate(INSIGHTS_OFFERED);
    let chosen_id = chosen.trim().parse().ok().map(InsightId);
    if let Some(id) = chosen_id
        && !found.iter().any(|(i, _)| *i == id)
        && let Ok(view) = insights::get(services, Some(actor), id).await
    {
        let label = format!(
            "{} ({})",
            view.record.plan.title, view.record.organisation_name
        );
        found.insert(0, (id, label));
    }
    Ok(found
        .into_iter()
        .map(|(id, label)| Choice {
            checked: Some(id) == chosen_id,
            value: id.to_string(),
            label,
        })
        .collect())
}

/// The actor's organisation's activities of the last two years and to
/// come, the latest first.
async fn activity_choices(
    state: &AppState,
    actor: &Actor,
    chosen: &str,
) -> Result<Vec<Choice>, WebError> {
    let chosen_id = chosen.trim().parse().ok().map(ActivityId);
    Ok(activities::choices(&state.services, actor, chosen_id)
        .await?
        .into_iter()
        .map(|a| Choice {
            checked: Some(a.id) == chosen_id,
            value: a.id.to_string(),
            label: format!("{} ({})", a.title, super::uk_day(a.starts_at)),
        })
        .collect())
}

async fn new_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(fields): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, WebError> {
    let actor = staff.actor();
    check(actor.may(Action::ManageInsights))?;
    let mut answers = answers_from_fields(&fields);
    // Coming from an insight's page: take its topics and activity, unless
    // the officer has already answered.
    let fresh = value_of(&fields, "show_people").is_none();
    if fresh
        && let Some(id) = answers.insight.trim().parse().ok().map(InsightId)
        && let Ok(view) = insights::get(&state.services, Some(&actor), id).await
    {
        answers.topics = view.record.plan.topics.iter().cloned().collect();
        if answers.activity.is_empty()
            && let Some(activity) = view.record.plan.activity
            && view.record.organisation_id == actor.organisation_id
        {
            answers.activity = activity.to_string();
        }
    }
    render(&FormPage::new(&state, &actor, page, None, answers).await?)
}

async fn create(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    check(actor.may(Action::ManageInsights))?;
    let answers = answers_from_fields(&fields);
    if value_of(&fields, "show_people").is_some() {
        // "Show people from this activity": the same form again, with the
        // activity's people to choose from; nothing is stored yet.
        return Ok(
            render(&FormPage::new(&state, &actor, page, None, answers).await?)?.into_response(),
        );
    }
    match you_said::create(&state.services, &actor, &answers).await {
        Ok(id) => Ok(Redirect::to(&format!("/staff/you-said-we-did/{id}")).into_response()),
        Err(error) => FormPage::new(&state, &actor, page, None, answers)
            .await?
            .refused(error),
    }
}

async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let id = said_id(&id)?;
    let actor = staff.actor();
    let record = you_said::for_change(&state.services, &actor, id).await?;
    let told = state
        .services
        .store
        .said_listeners(id)
        .await
        .map_err(ServiceError::from)?;
    let answers = SaidAnswers::from_record(&record, &told);
    let seen = record.plan.status.as_str().to_owned();
    render(&FormPage::new(&state, &actor, page, Some((id, told, seen)), answers).await?)
}

async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = said_id(&id)?;
    let actor = staff.actor();
    let record = you_said::for_change(&state.services, &actor, id).await?;
    let mut answers = answers_from_fields(&fields);
    // The people to tell are chosen when the entry is added.
    answers.listeners.clear();
    // The status the officer saw when the form was opened: if someone has
    // changed it since, the change is refused rather than lost.
    let seen = value_of(&fields, "seen")
        .and_then(ActionStatus::parse)
        .unwrap_or(record.plan.status);
    match you_said::update(&state.services, &actor, id, &answers, Some(seen)).await {
        Ok(told) => Ok(Redirect::to(&format!(
            "/staff/you-said-we-did/{id}?saved=yes&emailed={told}"
        ))
        .into_response()),
        Err(error) => {
            let told = state
                .services
                .store
                .said_listeners(id)
                .await
                .map_err(ServiceError::from)?;
            let editing = Some((id, told, seen.as_str().to_owned()));
            FormPage::new(&state, &actor, page, editing, answers)
                .await?
                .refused(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use coproduce_domain::insights::SAID_FIELDS;

    use super::*;

    #[test]
    fn the_form_order_keeps_the_domains_order() {
        let positions: Vec<usize> = SAID_FIELDS
            .iter()
            .map(|f| FORM_ORDER.iter().position(|x| x == f).expect("every field"))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn checkboxes_repeat_their_name() {
        let fields = vec![
            ("topics".to_owned(), "transport".to_owned()),
            ("topics".to_owned(), "housing".to_owned()),
            ("listeners".to_owned(), "7".to_owned()),
            ("published".to_owned(), "yes".to_owned()),
            ("statement".to_owned(), "The bus is late".to_owned()),
        ];
        let answers = answers_from_fields(&fields);
        assert_eq!(answers.topics, vec!["transport", "housing"]);
        assert_eq!(answers.listeners, vec!["7"]);
        assert!(answers.published);
        assert_eq!(answers.statement, "The bus is late");
    }
}
