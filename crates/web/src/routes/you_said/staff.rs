//! Staff pages of "you said, we did": the list with its filters, one
//! entry with its history and the people to tell, and changing its
//! status.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use coproduce_domain::insights::ActionStatus;
use coproduce_domain::{Action, SaidId};
use coproduce_services::people::Lists;
use coproduce_services::you_said::{self, SaidView};
use coproduce_services::{ServiceError, insights};
use coproduce_store::Listener;
use serde::Deserialize;

use super::{Line, Select, listed, people_count};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::profile_form::Choice;
use crate::routes::{record_id, render, uk_time};
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/you-said-we-did", get(list))
        .route("/staff/you-said-we-did/{id}", get(show))
        .route("/staff/you-said-we-did/{id}/status", post(change_status))
}

pub(super) fn said_id(raw: &str) -> Result<SaidId, WebError> {
    Ok(SaidId(record_id(raw)?))
}

#[derive(Template)]
#[template(path = "you_said/list.html")]
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
    staff: Staff,
    page: Page,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, WebError> {
    let actor = staff.actor();
    let list = listed(&state, Some(&actor), "/staff/you-said-we-did", &pairs).await?;
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

/// A change of status, ready to show.
struct HistoryLine {
    when: String,
    status: &'static str,
    tag: &'static str,
    reason: Option<String>,
    who: String,
    told: String,
}

/// What the status form shows: the choice, the reason and the status the
/// officer saw.
struct StatusAnswers {
    status: String,
    reason: String,
    seen: String,
}

#[derive(Template)]
#[template(path = "you_said/show.html")]
struct ShowPage {
    page: Page,
    errors: FormErrors,
    entry: Line,
    can_change: bool,
    /// The insight it came from, when the viewer may see it.
    insight: Option<(i64, String)>,
    /// The activity it came from, for the entry's own organisation.
    activity: Option<(i64, String)>,
    history: Vec<HistoryLine>,
    listeners: Vec<Listener>,
    statuses: Vec<Choice>,
    reason: String,
    seen: String,
    /// What just happened, after a change: saved, and how many people
    /// were emailed.
    banner: Option<String>,
}

async fn show_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: SaidId,
    errors: FormErrors,
    kept: Option<StatusAnswers>,
) -> Result<ShowPage, WebError> {
    let actor = staff.actor();
    let services = &state.services;
    let SaidView {
        record,
        updates,
        listeners,
        can_change,
    } = you_said::get(services, &actor, id).await?;
    let lists = Lists::load(services).await?;
    let own = record.organisation_id == actor.organisation_id;
    // The insight's title shows only to those who may see the insight.
    let insight = match record.plan.insight {
        Some(insight) => insights::get(services, Some(&actor), insight)
            .await
            .ok()
            .map(|view| (insight.0, view.record.plan.title)),
        None => None,
    };
    let activity = match (record.plan.activity, &record.activity_title) {
        (Some(activity), Some(title)) if own => Some((activity.0, title.clone())),
        _ => None,
    };
    let history = updates
        .iter()
        .rev()
        .map(|u| HistoryLine {
            when: uk_time(u.changed_at),
            status: u.status.label(),
            tag: super::tag_class(u.status),
            reason: u.reason.clone(),
            who: u.changed_by.clone().unwrap_or_else(|| "Someone".into()),
            told: people_count(usize::try_from(u.told).unwrap_or(0)),
        })
        .collect();
    let kept = kept.unwrap_or_else(|| StatusAnswers {
        status: record.plan.status.as_str().to_owned(),
        reason: record.plan.reason.clone().unwrap_or_default(),
        seen: record.plan.status.as_str().to_owned(),
    });
    Ok(ShowPage {
        page,
        errors,
        entry: Line::new(&record, &lists),
        can_change,
        insight,
        activity,
        history,
        listeners,
        statuses: ActionStatus::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                label: s.label().to_owned(),
                checked: s.as_str() == kept.status,
            })
            .collect(),
        reason: kept.reason,
        seen: kept.seen,
        banner: None,
    })
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    #[serde(default)]
    emailed: String,
    #[serde(default)]
    saved: String,
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Query(query): Query<ShowQuery>,
) -> Result<impl IntoResponse, WebError> {
    let id = said_id(&id)?;
    let mut view = show_page(&state, &staff, page, id, FormErrors::new(), None).await?;
    view.banner = query.emailed.parse::<usize>().ok().map(|n| {
        let what = if query.saved == "yes" {
            "Your changes are saved."
        } else {
            "Status changed."
        };
        format!("{what} We emailed {}.", people_count(n))
    });
    render(&view)
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    seen: String,
}

async fn change_status(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<Response, WebError> {
    let id = said_id(&id)?;
    let actor = staff.actor();
    let seen = Some(form.seen.as_str()).filter(|s| !s.is_empty());
    let outcome = you_said::change_status(
        &state.services,
        &actor,
        id,
        &form.status,
        &form.reason,
        seen,
    )
    .await;
    match outcome {
        Ok(told) => Ok(
            Redirect::to(&format!("/staff/you-said-we-did/{id}?emailed={told}")).into_response(),
        ),
        Err(ServiceError::Invalid(problems)) => {
            let errors = FormErrors::from_service(problems).sorted_by(&["status", "reason"]);
            let kept = StatusAnswers {
                status: form.status,
                reason: form.reason,
                seen: form.seen,
            };
            let view = show_page(&state, &staff, page, id, errors, Some(kept)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(ServiceError::Conflict(message)) => {
            // Show the status as it is now, so the officer can try again.
            let mut errors = FormErrors::new();
            errors.add("status", message);
            let view = show_page(&state, &staff, page, id, errors, None).await?;
            Ok((StatusCode::CONFLICT, render(&view)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}
