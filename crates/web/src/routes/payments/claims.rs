//! Expenses claims: the list with its status filter, a claim's page with
//! approving and rejecting, and its receipt.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use coproduce_domain::money::Pence;
use coproduce_domain::payments::{ExpenseKind, PayStatus, miles_words};
use coproduce_domain::{Action, ClaimId};
use coproduce_services::ServiceError;
use coproduce_services::claims;
use coproduce_store::{ClaimRecord, ItemFilter, ItemKind, SubmittedVia};

use super::{
    PAGE_SIZE, allowed, before_id, query_value, status_choices, status_filter, status_tag,
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
        .route("/staff/payments/claims", get(list))
        .route("/staff/payments/claims/{id}", get(show))
        .route("/staff/payments/claims/{id}/receipt", get(receipt))
        .route("/staff/payments/claims/{id}/approve", post(approve))
        .route("/staff/payments/claims/{id}/reject", post(reject))
}

fn claim_id(raw: &str) -> Result<ClaimId, WebError> {
    Ok(ClaimId(record_id(raw)?))
}

fn reference(id: ClaimId) -> String {
    format!("{}-{id}", ItemKind::Expense.prefix())
}

// ---------------------------------------------------------------- the list

/// A claim as a line of the list.
struct ClaimLine {
    id: ClaimId,
    reference: String,
    person_id: i64,
    person: String,
    kind: &'static str,
    date: String,
    amount: Pence,
    status: &'static str,
    tag: &'static str,
}

#[derive(Template)]
#[template(path = "payments/claims.html")]
struct ListPage {
    page: Page,
    claims: Vec<ClaimLine>,
    statuses: Vec<Choice>,
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
    let mut found = claims::claims(
        &state.services,
        &staff.actor(),
        filter,
        before_id(&pairs).map(ClaimId),
        PAGE_SIZE + 1,
    )
    .await?;
    let code = status.map_or("", PayStatus::as_str).to_owned();
    let next = if found.len() > PAGE_SIZE as usize {
        found.truncate(PAGE_SIZE as usize);
        found.last().map(|c| {
            serde_urlencoded::to_string([("status", code.as_str()), ("before", &c.id.to_string())])
                .unwrap_or_default()
        })
    } else {
        None
    };
    render(&ListPage {
        page,
        claims: found
            .into_iter()
            .map(|c| ClaimLine {
                id: c.id,
                reference: reference(c.id),
                person_id: c.person_id.0,
                person: c.person_name,
                kind: c.kind.label(),
                date: c.spent_on.to_string(),
                amount: c.amount,
                status: c.progress.status.label(),
                tag: status_tag(c.progress.status),
            })
            .collect(),
        statuses: status_choices(status),
        next,
    })
}

// ---------------------------------------------------------------- one claim

/// "120 KB", "1.5 MB".
fn size_words(bytes: i64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 1023) / 1024)
    } else {
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// Who made the claim and how.
fn submitted_words(claim: &ClaimRecord) -> String {
    let when = uk_time(claim.created_at);
    let staff = claim
        .submitted_by_name
        .as_deref()
        .unwrap_or("a member of staff");
    match claim.submitted_via {
        SubmittedVia::Link => format!(
            "By {}, through their own link, on {when}",
            claim.person_name
        ),
        SubmittedVia::Staff => format!("By {staff} for them, on {when}"),
        SubmittedVia::Api => format!(
            "By {staff} through a connected system (the application programming interface), on {when}"
        ),
    }
}

#[derive(Template)]
#[template(path = "payments/claim.html")]
struct ClaimPage {
    page: Page,
    errors: FormErrors,
    done: Option<&'static str>,
    claim: ClaimRecord,
    reference: String,
    kind: &'static str,
    miles: Option<String>,
    submitted: String,
    /// The receipt's kind and size, when there is one.
    receipt: Option<(&'static str, String)>,
    status: &'static str,
    tag: &'static str,
    decided: Option<String>,
    can_decide: bool,
    reason: String,
}

#[derive(Default)]
struct Extras {
    errors: FormErrors,
    reason: String,
    done: Option<&'static str>,
}

async fn claim_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: ClaimId,
    extras: Extras,
) -> Result<ClaimPage, WebError> {
    let actor = staff.actor();
    let claim = claims::claim(&state.services, &actor, id).await?;
    let status = claim.progress.status;
    let decided = match (&claim.progress.decided_by_name, claim.progress.decided_at) {
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
    Ok(ClaimPage {
        page,
        errors: extras.errors,
        done: extras.done,
        reference: reference(claim.id),
        kind: claim.kind.label(),
        miles: claim
            .miles_tenths
            .filter(|_| claim.kind == ExpenseKind::Mileage)
            .map(miles_words),
        submitted: submitted_words(&claim),
        receipt: claim
            .receipt
            .as_ref()
            .map(|r| (r.content_type.label(), size_words(r.size_bytes))),
        status: status.label(),
        tag: status_tag(status),
        decided,
        can_decide: status == PayStatus::Submitted && allowed(&actor, Action::ApprovePayments),
        reason: extras.reason,
        claim,
    })
}

fn done_message(pairs: &[(String, String)]) -> Option<&'static str> {
    match query_value(pairs, "done") {
        "approved" => Some("The claim has been approved. It goes in the next payment run."),
        "rejected" => Some(
            "The claim has been rejected. If they have an email address, the person has been sent the reason.",
        ),
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
    let id = claim_id(&id)?;
    let extras = Extras {
        done: done_message(&pairs),
        ..Extras::default()
    };
    render(&claim_page(&state, &staff, page, id, extras).await?)
}

/// A name safe inside a quoted header value.
fn safe_file_name(name: &str, extension: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(80)
        .collect();
    let clean = clean.trim_start_matches('.');
    if clean.is_empty() {
        format!("receipt.{extension}")
    } else {
        clean.to_owned()
    }
}

async fn receipt(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = claim_id(&id)?;
    let file = claims::receipt(&state.services, &staff.actor(), id).await?;
    let name = safe_file_name(&file.file_name, file.content_type.extension());
    Ok((
        [
            (header::CONTENT_TYPE, file.content_type.as_str().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        file.content,
    )
        .into_response())
}

async fn refused(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: ClaimId,
    status: StatusCode,
    extras: Extras,
) -> Result<Response, WebError> {
    let view = claim_page(state, staff, page, id, extras).await?;
    Ok((status, render(&view)?).into_response())
}

fn one_error(field: &str, message: String) -> FormErrors {
    let mut errors = FormErrors::new();
    errors.add(field, message);
    errors
}

fn back_to(id: ClaimId, done: &str) -> Response {
    Redirect::to(&format!("/staff/payments/claims/{id}?done={done}")).into_response()
}

async fn approve(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = claim_id(&id)?;
    match claims::approve(&state.services, &staff.actor(), id).await {
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
    let id = claim_id(&id)?;
    let reason = query_value(&fields, "reason").to_owned();
    let (status, errors) = match claims::reject(&state.services, &staff.actor(), id, &reason).await
    {
        Ok(()) => return Ok(back_to(id, "rejected")),
        Err(ServiceError::Conflict(message)) => {
            (StatusCode::CONFLICT, one_error("decision", message))
        }
        Err(ServiceError::Invalid(problems)) => {
            let mut errors = FormErrors::new();
            for (_, message) in problems {
                errors.add("reason", message);
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

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_and_names_are_safe_to_show() {
        assert_eq!(super::size_words(120 * 1024), "120 KB");
        assert_eq!(super::size_words(1), "1 KB");
        assert_eq!(super::size_words(3 * 1024 * 1024 / 2), "1.5 MB");
        assert_eq!(
            super::safe_file_name("bus \"ticket\".pdf", "pdf"),
            "busticket.pdf"
        );
        assert_eq!(super::safe_file_name("..", "png"), "receipt.png");
    }
}
