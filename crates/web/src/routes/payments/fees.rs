//! Fees: the list with its status filter, and a fee's page with how it was
//! worked out, the warnings about the person's earnings limits, their
//! choice, and approving or rejecting it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use coproduce_domain::money::Pence;
use coproduce_domain::payments::{ChoicePlan, FeeChoice, LimitCheck, PayStatus};
use coproduce_domain::{Action, FeeId};
use coproduce_services::ServiceError;
use coproduce_services::payments::{self, FeeChange};
use coproduce_store::{FeeRecord, ItemFilter, ItemKind};

use super::{
    PAGE_SIZE, allowed, before_id, coded, query_value, status_choices, status_filter, status_tag,
};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::profile_form::Choice;
use crate::routes::{record_id, render, uk_time};
use crate::session::Staff;
use crate::state::AppState;

pub(super) fn router() -> axum::Router<AppState> {
    Router::new()
        .route("/staff/payments/fees", get(list))
        .route("/staff/payments/fees/{id}", get(show))
        .route("/staff/payments/fees/{id}/approve", post(approve))
        .route("/staff/payments/fees/{id}/reject", post(reject))
        .route("/staff/payments/fees/{id}/change", post(change))
}

fn fee_id(raw: &str) -> Result<FeeId, WebError> {
    Ok(FeeId(record_id(raw)?))
}

fn reference(id: FeeId) -> String {
    format!("{}-{id}", ItemKind::Fee.prefix())
}

/// The value of a form field, or empty.
fn field(fields: &[(String, String)], name: &str) -> String {
    query_value(fields, name).to_owned()
}

// ---------------------------------------------------------------- the list

/// A fee as a line of the list.
struct FeeLine {
    id: FeeId,
    reference: String,
    person_id: i64,
    person: String,
    activity_id: i64,
    activity: String,
    date: String,
    amount: Pence,
    status: &'static str,
    tag: &'static str,
}

#[derive(Template)]
#[template(path = "payments/fees.html")]
struct ListPage {
    page: Page,
    fees: Vec<FeeLine>,
    statuses: Vec<Choice>,
    /// The query string of the next page.
    next: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, WebError> {
    let status = status_filter(&pairs);
    let filter = ItemFilter {
        status,
        ..ItemFilter::default()
    };
    let mut found = payments::fees(
        &state.services,
        &staff.actor(),
        filter,
        before_id(&pairs).map(FeeId),
        PAGE_SIZE + 1,
    )
    .await?;
    let code = status.map_or("", PayStatus::as_str).to_owned();
    let next = if found.len() > PAGE_SIZE as usize {
        found.truncate(PAGE_SIZE as usize);
        found.last().map(|f| {
            serde_urlencoded::to_string([("status", code.as_str()), ("before", &f.id.to_string())])
                .unwrap_or_default()
        })
    } else {
        None
    };
    render(&ListPage {
        page,
        fees: found
            .into_iter()
            .map(|f| FeeLine {
                id: f.id,
                reference: reference(f.id),
                person_id: f.person_id.0,
                person: f.person_name,
                activity_id: f.activity_id.0,
                activity: f.activity_title,
                date: f.activity_date.to_string(),
                amount: f.amount,
                status: f.progress.status.label(),
                tag: status_tag(f.progress.status),
            })
            .collect(),
        statuses: status_choices(status),
        next,
    })
}

// ---------------------------------------------------------------- one fee

/// "2 hours 30 minutes".
fn minutes_words(minutes: i64) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    let hours_words = match hours {
        1 => "1 hour".to_owned(),
        n => format!("{n} hours"),
    };
    match (hours, rest) {
        (0, 1) => "1 minute".to_owned(),
        (0, m) => format!("{m} minutes"),
        (_, 0) => hours_words,
        (_, m) => format!("{hours_words} {m} minutes"),
    }
}

/// A change of amount, ready to show.
struct AdjustmentLine {
    from: Pence,
    to: Pence,
    reason: String,
    by: String,
    when: String,
}

#[derive(Template)]
#[template(path = "payments/fee.html")]
struct FeePage {
    page: Page,
    errors: FormErrors,
    done: Option<&'static str>,
    fee: FeeRecord,
    reference: String,
    time: String,
    choice: String,
    method: &'static str,
    status: &'static str,
    tag: &'static str,
    decided: Option<String>,
    recorded: String,
    /// Limits approving would take the person past.
    warnings: Vec<LimitCheck>,
    /// Limits with room for this fee.
    fits: Vec<LimitCheck>,
    adjustments: Vec<AdjustmentLine>,
    can_decide: bool,
    can_change: bool,
    change: FeeChange,
    choices: Vec<Choice>,
    /// A rejection reason that was refused, kept.
    reason: String,
}

/// What a refused form sends back to the page.
#[derive(Default)]
struct Extras {
    errors: FormErrors,
    change: Option<FeeChange>,
    reason: String,
    done: Option<&'static str>,
}

/// The change form as the fee stands.
fn change_from(fee: &FeeRecord) -> FeeChange {
    FeeChange {
        choice: fee.choice.as_str().to_owned(),
        reduced: if fee.choice == FeeChoice::Reduced {
            fee.amount.to_plain()
        } else {
            String::new()
        },
        charity: fee.charity.clone().unwrap_or_default(),
        amount: String::new(),
        reason: String::new(),
    }
}

async fn fee_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: FeeId,
    extras: Extras,
) -> Result<FeePage, WebError> {
    let actor = staff.actor();
    let view = payments::fee(&state.services, &actor, id).await?;
    let fee = view.fee;
    let progress = &fee.progress;
    let status = progress.status;
    let time = if fee.preparation_minutes > 0 {
        format!(
            "{} taking part and {} preparing",
            minutes_words(fee.minutes),
            minutes_words(fee.preparation_minutes)
        )
    } else {
        minutes_words(fee.minutes)
    };
    let choice = ChoicePlan {
        choice: fee.choice,
        reduced: (fee.choice == FeeChoice::Reduced).then_some(fee.amount),
        charity: fee.charity.clone(),
    }
    .words();
    let decided = match (&progress.decided_by_name, progress.decided_at) {
        (Some(name), Some(at)) => Some(format!(
            "{} by {name} on {}",
            if status == PayStatus::Rejected {
                "Rejected"
            } else {
                "Approved"
            },
            uk_time(at)
        )),
        _ => None,
    };
    let recorded = match &fee.created_by_name {
        Some(name) => format!("Worked out by {name} on {}", uk_time(fee.created_at)),
        None => format!("Worked out on {}", uk_time(fee.created_at)),
    };
    let (warnings, fits) = if status == PayStatus::Submitted {
        view.limits.into_iter().partition(|c| c.would_pass)
    } else {
        (Vec::new(), Vec::new())
    };
    let change = extras.change.unwrap_or_else(|| change_from(&fee));
    Ok(FeePage {
        page,
        errors: extras.errors,
        done: extras.done,
        reference: reference(fee.id),
        time,
        choice,
        method: fee.method.map_or("Not recorded", |m| m.label()),
        status: status.label(),
        tag: status_tag(status),
        decided,
        recorded,
        warnings,
        fits,
        adjustments: view
            .adjustments
            .into_iter()
            .map(|a| AdjustmentLine {
                from: a.from,
                to: a.to,
                reason: a.reason,
                by: a.adjusted_by.unwrap_or_default(),
                when: uk_time(a.adjusted_at),
            })
            .collect(),
        can_decide: status == PayStatus::Submitted && allowed(&actor, Action::ApprovePayments),
        can_change: !matches!(status, PayStatus::InRun | PayStatus::Paid)
            && allowed(&actor, Action::RecordPayments),
        choices: coded(
            FeeChoice::ALL,
            FeeChoice::as_str,
            FeeChoice::label,
            &change.choice,
        ),
        change,
        reason: extras.reason,
        fee,
    })
}

/// The banner after a change, from the page's address.
fn done_message(pairs: &[(String, String)]) -> Option<&'static str> {
    match query_value(pairs, "done") {
        "approved" => Some("The fee has been approved. It goes in the next payment run."),
        "rejected" => Some(
            "The fee has been rejected. If they have an email address, the person has been sent the reason.",
        ),
        "changed" => Some("The fee has been changed. It is waiting for approval."),
        _ => None,
    }
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, WebError> {
    let id = fee_id(&id)?;
    let extras = Extras {
        done: done_message(&pairs),
        ..Extras::default()
    };
    render(&fee_page(&state, &staff, page, id, extras).await?)
}

/// The fee's page again, with what was wrong.
async fn refused(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: FeeId,
    status: StatusCode,
    extras: Extras,
) -> Result<Response, WebError> {
    let view = fee_page(state, staff, page, id, extras).await?;
    Ok((status, render(&view)?).into_response())
}

fn one_error(field: &str, message: String) -> FormErrors {
    let mut errors = FormErrors::new();
    errors.add(field, message);
    errors
}

fn back_to(id: FeeId, done: &str) -> Response {
    Redirect::to(&format!("/staff/payments/fees/{id}?done={done}")).into_response()
}

async fn approve(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = fee_id(&id)?;
    match payments::approve_fee(&state.services, &staff.actor(), id).await {
        Ok(()) => Ok(back_to(id, "approved")),
        Err(ServiceError::Conflict(message)) => {
            let extras = Extras {
                errors: one_error("decision", message),
                ..Extras::default()
            };
            refused(&state, &staff, page, id, StatusCode::CONFLICT, extras).await
        }
        Err(error) => Err(error.into()),
    }
}

async fn reject(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = fee_id(&id)?;
    let reason = field(&fields, "reason");
    let (status, errors) =
        match payments::reject_fee(&state.services, &staff.actor(), id, &reason).await {
            Ok(()) => return Ok(back_to(id, "rejected")),
            Err(ServiceError::Conflict(message)) => {
                (StatusCode::CONFLICT, one_error("decision", message))
            }
            Err(ServiceError::Invalid(problems)) => {
                let mut errors = FormErrors::new();
                for (_, message) in problems {
                    // The change form has its own reason field.
                    errors.add("rejection_reason", message);
                }
                (StatusCode::UNPROCESSABLE_ENTITY, errors)
            }
            Err(error) => return Err(error.into()),
        };
    let extras = Extras {
        errors,
        reason,
        ..Extras::default()
    };
    refused(&state, &staff, page, id, status, extras).await
}

/// The change form's fields in the order they appear.
const CHANGE_ORDER: &[&str] = &["choice", "reduced", "charity", "amount", "reason"];

async fn change(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = fee_id(&id)?;
    let answers = FeeChange {
        choice: field(&fields, "choice"),
        reduced: field(&fields, "reduced"),
        charity: field(&fields, "charity"),
        amount: field(&fields, "amount"),
        reason: field(&fields, "reason"),
    };
    let (status, errors) =
        match payments::change_fee(&state.services, &staff.actor(), id, &answers).await {
            Ok(()) => return Ok(back_to(id, "changed")),
            Err(ServiceError::Conflict(message)) => {
                (StatusCode::CONFLICT, one_error("decision", message))
            }
            Err(ServiceError::Invalid(problems)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                FormErrors::from_service(problems).sorted_by(CHANGE_ORDER),
            ),
            Err(error) => return Err(error.into()),
        };
    let extras = Extras {
        errors,
        change: Some(answers),
        ..Extras::default()
    };
    refused(&state, &staff, page, id, status, extras).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn minutes_read_as_hours_and_minutes() {
        assert_eq!(super::minutes_words(150), "2 hours 30 minutes");
        assert_eq!(super::minutes_words(60), "1 hour");
        assert_eq!(super::minutes_words(45), "45 minutes");
        assert_eq!(super::minutes_words(0), "0 minutes");
    }
}
