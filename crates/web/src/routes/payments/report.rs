//! The report on paying promptly: days from an activity (or the day the
//! money was spent) to payment, and what has waited longer than the
//! organisation's target. Administrators change the target here.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use coproduce_domain::Action;
use coproduce_services::ServiceError;
use coproduce_services::payment_runs::{self, PromptReport};

use super::{allowed, query_value, status_tag};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::routes::render;
use crate::session::Staff;
use crate::state::AppState;

pub(super) fn router() -> axum::Router<AppState> {
    Router::new()
        .route("/staff/payments/report", get(show))
        .route("/staff/payments/report/target", post(set_target))
}

/// An item waiting longer than the target, ready to show.
struct WaitingLine {
    reference: String,
    href: String,
    person_id: i64,
    person: String,
    description: String,
    date: String,
    days: i64,
    status: &'static str,
    tag: &'static str,
}

#[derive(Template)]
#[template(path = "payments/report.html")]
struct ReportPage {
    page: Page,
    errors: FormErrors,
    saved: bool,
    report: PromptReport,
    /// Whole per cent of the items paid that were paid within the target.
    within_percent: Option<usize>,
    waiting: Vec<WaitingLine>,
    can_set_target: bool,
    /// The target as typed, kept when it was refused.
    target: String,
}

async fn report_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    errors: FormErrors,
    typed: Option<String>,
    saved: bool,
) -> Result<ReportPage, WebError> {
    let actor = staff.actor();
    let report = payment_runs::prompt_report(&state.services, &actor).await?;
    let waiting = report
        .waiting
        .iter()
        .map(|(line, days)| WaitingLine {
            reference: line.reference(),
            href: match line.kind {
                coproduce_store::ItemKind::Fee => format!("/staff/payments/fees/{}", line.id),
                coproduce_store::ItemKind::Expense => {
                    format!("/staff/payments/claims/{}", line.id)
                }
            },
            person_id: line.person_id.0,
            person: line.person_name.clone(),
            description: line.description.clone(),
            date: line.date.to_string(),
            days: *days,
            status: line.status.label(),
            tag: status_tag(line.status),
        })
        .collect();
    Ok(ReportPage {
        page,
        errors,
        saved,
        within_percent: (report.paid > 0)
            .then(|| (report.paid_within_target * 100 + report.paid / 2) / report.paid),
        waiting,
        can_set_target: allowed(&actor, Action::ManageSettings),
        target: typed.unwrap_or_else(|| report.target_days.to_string()),
        report,
    })
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, WebError> {
    let saved = query_value(&pairs, "done") == "target";
    render(&report_page(&state, &staff, page, FormErrors::new(), None, saved).await?)
}

async fn set_target(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let days = query_value(&fields, "payment_target_days").to_owned();
    match payment_runs::set_target(&state.services, &staff.actor(), &days).await {
        Ok(()) => Ok(Redirect::to("/staff/payments/report?done=target").into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let errors = FormErrors::from_service(problems);
            let view = report_page(&state, &staff, page, errors, Some(days), false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}
