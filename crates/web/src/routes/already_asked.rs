//! "Has this already been asked?": before a project or a survey asks
//! people anything, the officer sees what the partnership already knows
//! about it (insights, projects, and "you said, we did" actions that
//! match its title, description and topics), then records what they will
//! do: go ahead, reuse what is known, or join up with the team already
//! asking.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use coproduce_domain::insights::CheckDecision;
use coproduce_domain::permissions::Decision;
use coproduce_domain::project::ProjectStatus;
use coproduce_domain::{Action, ActivityId, Actor, InsightId, ProjectId};
use coproduce_services::insights::{self, Related};
use coproduce_services::people::Lists;
use coproduce_services::{ServiceError, activities, projects, you_said};
use coproduce_store::{AskedRecord, CheckSubject};

use super::you_said::{Line, uk_day};
use super::{record_id, render, uk_time};
use crate::error::WebError;
use crate::forms::{FormErrors, choices};
use crate::page::Page;
use crate::profile_form::Choice;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/staff/projects/{id}/already-asked",
            get(project_page).post(project_record),
        )
        .route(
            "/staff/activities/{id}/already-asked",
            get(activity_page).post(activity_record),
        )
}

/// The order of the record form's questions, for the error summary.
const FIELD_ORDER: &[&str] = &["decision", "note", "topics"];

/// A check already made, ready to show.
pub(crate) struct CheckLine {
    pub when: String,
    pub who: String,
    pub decision: &'static str,
    pub note: Option<String>,
    pub shown: u32,
    pub topics: Vec<String>,
}

impl CheckLine {
    /// Topic labels come from `lists` when given; otherwise they stay as
    /// stored.
    pub fn new(record: &AskedRecord, lists: Option<&Lists>) -> Self {
        Self {
            when: uk_time(record.checked_at),
            who: record
                .checked_by
                .clone()
                .unwrap_or_else(|| "Someone".into()),
            decision: record.check.decision.label(),
            note: record.check.note.clone(),
            shown: record.check.shown,
            topics: record
                .check
                .topics
                .iter()
                .map(|t| lists.map_or(t.as_str(), |l| l.topic_label(t)).to_owned())
                .collect(),
        }
    }
}

/// The checks made for a project or activity, the latest first.
pub(crate) async fn check_lines(
    state: &AppState,
    actor: &Actor,
    subject: CheckSubject,
) -> Result<Vec<CheckLine>, WebError> {
    Ok(you_said::checks(&state.services, actor, subject)
        .await?
        .iter()
        .map(|r| CheckLine::new(r, None))
        .collect())
}

/// The work being checked.
struct Subject {
    check: CheckSubject,
    title: String,
    text: String,
    /// The project left out of the matches: the project itself, or the
    /// activity's own project.
    except: Option<ProjectId>,
    /// "project" or "activity".
    noun: &'static str,
    href: String,
    may_record: bool,
}

async fn subject_of(
    state: &AppState,
    actor: &Actor,
    check: CheckSubject,
) -> Result<Subject, WebError> {
    let services = &state.services;
    Ok(match check {
        CheckSubject::Project(id) => {
            let project = projects::get(services, actor, id).await?;
            Subject {
                check,
                title: project.about.title,
                text: project.about.summary,
                except: Some(id),
                noun: "project",
                href: format!("/staff/projects/{id}"),
                may_record: actor.may(Action::ManageProjects) == Decision::Allowed
                    && project.status != ProjectStatus::Closed,
            }
        }
        CheckSubject::Activity(id) => {
            let activity = activities::get(services, actor, id).await?;
            Subject {
                check,
                title: activity.plan.title,
                text: activity.plan.description,
                except: activity.project_id,
                noun: "activity",
                href: format!("/staff/activities/{id}"),
                may_record: actor.may(Action::ManageActivities) == Decision::Allowed,
            }
        }
    })
}

/// An insight that matched.
struct InsightLine {
    id: InsightId,
    title: String,
    organisation: String,
    when: Option<String>,
    people: Option<i64>,
    summary: String,
}

/// A project that matched, with a link only where the viewer may follow
/// it.
struct ProjectLine {
    title: String,
    organisation: String,
    started: String,
    status: String,
    href: String,
}

/// The record form's answers.
#[derive(Default)]
struct RecordAnswers {
    decision: String,
    note: String,
}

#[derive(Template)]
#[template(path = "already_asked/show.html")]
struct AskedPage {
    page: Page,
    errors: FormErrors,
    subject: Subject,
    action: String,
    topics: Vec<Choice>,
    chosen: Vec<String>,
    words: Vec<String>,
    insights: Vec<InsightLine>,
    projects: Vec<ProjectLine>,
    said: Vec<Line>,
    shown: usize,
    decisions: Vec<Choice>,
    note: String,
    checks: Vec<CheckLine>,
}

async fn asked_page(
    state: &AppState,
    actor: &Actor,
    page: Page,
    subject: Subject,
    chosen: Vec<String>,
    answers: RecordAnswers,
    errors: FormErrors,
) -> Result<AskedPage, WebError> {
    let services = &state.services;
    let lists = Lists::load(services).await?;
    // Only topics on the partnership's list are searched with.
    let chosen: Vec<String> = chosen
        .into_iter()
        .filter(|t| lists.topics.iter().any(|(slug, _)| slug == t))
        .collect();
    let Related {
        insights: found_insights,
        projects: found_projects,
        said: found_said,
        words,
    } = insights::related(
        services,
        actor,
        &subject.title,
        &subject.text,
        &chosen,
        subject.except,
    )
    .await?;
    let shown = found_insights.len() + found_projects.len() + found_said.len();
    let checks = you_said::checks(services, actor, subject.check)
        .await?
        .iter()
        .map(|r| CheckLine::new(r, Some(&lists)))
        .collect();
    Ok(AskedPage {
        page,
        errors,
        action: format!("{}/already-asked", subject.href),
        topics: choices(lists.topics.iter().cloned(), &chosen),
        chosen,
        words,
        insights: found_insights
            .into_iter()
            .map(|h| InsightLine {
                id: h.id,
                title: h.title,
                organisation: h.organisation_name,
                when: h.happened_on.map(|d| d.to_string()),
                people: h.people_count,
                summary: h.summary,
            })
            .collect(),
        projects: found_projects
            .into_iter()
            .map(|p| {
                ProjectLine {
                    // Another organisation's project is only matched once
                    // it is published, so its public page exists.
                    href: if p.organisation_id == actor.organisation_id {
                        format!("/staff/projects/{}", p.id)
                    } else {
                        format!("/projects/{}", p.id)
                    },
                    title: p.title,
                    organisation: p.organisation_name,
                    started: uk_day(p.created_at),
                    status: ProjectStatus::parse(&p.status)
                        .map_or(p.status.clone(), |s| s.label().to_owned()),
                }
            })
            .collect(),
        said: found_said.iter().map(|s| Line::new(s, &lists)).collect(),
        shown,
        decisions: CheckDecision::ALL
            .iter()
            .map(|d| Choice {
                value: d.as_str().to_owned(),
                label: d.label().to_owned(),
                checked: d.as_str() == answers.decision,
            })
            .collect(),
        note: answers.note,
        checks,
        subject,
    })
}

/// The values of every field called `name`.
fn all_of(fields: &[(String, String)], name: &str) -> Vec<String> {
    fields
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

fn first_of(fields: &[(String, String)], name: &str) -> String {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

async fn show(
    state: &AppState,
    staff: &Staff,
    page: Page,
    check: CheckSubject,
    query: &[(String, String)],
) -> Result<Response, WebError> {
    let actor = staff.actor();
    let subject = subject_of(state, &actor, check).await?;
    let view = asked_page(
        state,
        &actor,
        page,
        subject,
        all_of(query, "topics"),
        RecordAnswers::default(),
        FormErrors::new(),
    )
    .await?;
    Ok(render(&view)?.into_response())
}

async fn record(
    state: &AppState,
    staff: &Staff,
    page: Page,
    check: CheckSubject,
    fields: &[(String, String)],
) -> Result<Response, WebError> {
    let actor = staff.actor();
    // A role that may never record a check is refused before any record
    // is looked at, whoever's it is.
    let manage = match check {
        CheckSubject::Project(_) => Action::ManageProjects,
        CheckSubject::Activity(_) => Action::ManageActivities,
    };
    coproduce_services::staff::check(actor.may(manage))?;
    let subject = subject_of(state, &actor, check).await?;
    let topics = all_of(fields, "topics");
    let answers = RecordAnswers {
        decision: first_of(fields, "decision"),
        note: first_of(fields, "note"),
    };
    let shown = first_of(fields, "shown").trim().parse::<u32>().unwrap_or(0);
    let outcome = you_said::record_check(
        &state.services,
        &actor,
        check,
        &answers.decision,
        &answers.note,
        &topics,
        shown,
    )
    .await;
    match outcome {
        Ok(()) => Ok(Redirect::to(&subject.href).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors = FormErrors::from_service(problems).sorted_by(FIELD_ORDER);
            let view = asked_page(state, &actor, page, subject, topics, answers, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

async fn project_page(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let check = CheckSubject::Project(ProjectId(record_id(&id)?));
    show(&state, &staff, page, check, &query).await
}

async fn project_record(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let check = CheckSubject::Project(ProjectId(record_id(&id)?));
    record(&state, &staff, page, check, &fields).await
}

async fn activity_page(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let check = CheckSubject::Activity(ActivityId(record_id(&id)?));
    show(&state, &staff, page, check, &query).await
}

async fn activity_record(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let check = CheckSubject::Activity(ActivityId(record_id(&id)?));
    record(&state, &staff, page, check, &fields).await
}
