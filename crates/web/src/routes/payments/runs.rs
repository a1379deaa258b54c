//! Payment runs: the list, the preview of the next run with its warnings,
//! making a run, a run's page with the file for the finance system, and
//! recording it paid by hand or from the finance system's confirmation
//! file.

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use coproduce_domain::money::Pence;
use coproduce_domain::{Action, PaymentRunId};
use coproduce_services::ServiceError;
use coproduce_services::import::MAX_FILE_BYTES;
use coproduce_services::payment_runs::{self, PersonWarning};
use coproduce_services::staff::check;
use coproduce_store::{ItemKind, PayLine, RunStatus};

use super::{PAGE_SIZE, RunLine, allowed, before_id, query_value, status_tag};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::routes::{record_id, render};
use crate::session::Staff;
use crate::state::AppState;

pub(super) fn router() -> axum::Router<AppState> {
    Router::new()
        .route("/staff/payments/runs", get(list).post(create))
        .route("/staff/payments/runs/new", get(preview))
        .route("/staff/payments/runs/{id}", get(show))
        .route("/staff/payments/runs/{id}/file.csv", get(file))
        .route("/staff/payments/runs/{id}/paid", post(paid))
        .route(
            "/staff/payments/runs/{id}/confirmation",
            post(confirmation).layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 64 * 1024)),
        )
}

fn run_id(raw: &str) -> Result<PaymentRunId, WebError> {
    Ok(PaymentRunId(record_id(raw)?))
}

/// A fee or claim as a line of a run or of the preview.
struct ItemLine {
    reference: String,
    href: String,
    kind: &'static str,
    person_id: i64,
    person: String,
    description: String,
    date: String,
    amount: Pence,
    pay_to: String,
    status: &'static str,
    tag: &'static str,
    paid: String,
}

impl ItemLine {
    fn new(line: &PayLine) -> Self {
        let (kind, href) = match line.kind {
            ItemKind::Fee => ("Fee", format!("/staff/payments/fees/{}", line.id)),
            ItemKind::Expense => ("Expenses", format!("/staff/payments/claims/{}", line.id)),
        };
        let pay_to = match (&line.charity, line.method) {
            (Some(charity), _) => format!("Given to {charity}"),
            (None, Some(method)) => method.label().to_owned(),
            (None, None) => String::new(),
        };
        let paid = match (line.paid_on, &line.payment_reference) {
            (Some(day), Some(reference)) if !reference.is_empty() => format!("{day} ({reference})"),
            (Some(day), _) => day.to_string(),
            (None, _) => String::new(),
        };
        Self {
            reference: line.reference(),
            href,
            kind,
            person_id: line.person_id.0,
            person: line.person_name.clone(),
            description: line.description.clone(),
            date: line.date.to_string(),
            amount: line.amount,
            pay_to,
            status: line.status.label(),
            tag: status_tag(line.status),
            paid,
        }
    }
}

// ---------------------------------------------------------------- the list

#[derive(Template)]
#[template(path = "payments/runs.html")]
struct ListPage {
    page: Page,
    runs: Vec<RunLine>,
    can_run: bool,
    next: Option<i64>,
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, WebError> {
    let actor = staff.actor();
    let mut found = payment_runs::runs(
        &state.services,
        &actor,
        before_id(&pairs).map(PaymentRunId),
        PAGE_SIZE + 1,
    )
    .await?;
    let next = if found.len() > PAGE_SIZE as usize {
        found.truncate(PAGE_SIZE as usize);
        found.last().map(|r| r.id.0)
    } else {
        None
    };
    render(&ListPage {
        page,
        runs: found.iter().map(RunLine::new).collect(),
        can_run: allowed(&actor, Action::RunPayments),
        next,
    })
}

// ---------------------------------------------------------------- the next run

#[derive(Template)]
#[template(path = "payments/run_new.html")]
struct PreviewPage {
    page: Page,
    errors: FormErrors,
    lines: Vec<ItemLine>,
    total: Pence,
    warnings: Vec<PersonWarning>,
}

async fn preview_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    errors: FormErrors,
) -> Result<PreviewPage, WebError> {
    let preview = payment_runs::preview(&state.services, &staff.actor()).await?;
    Ok(PreviewPage {
        page,
        errors,
        lines: preview.lines.iter().map(ItemLine::new).collect(),
        total: preview.total,
        warnings: preview.warnings,
    })
}

async fn preview(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
) -> Result<impl IntoResponse, WebError> {
    render(&preview_page(&state, &staff, page, FormErrors::new()).await?)
}

async fn create(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
) -> Result<Response, WebError> {
    match payment_runs::create(&state.services, &staff.actor()).await {
        Ok(run) => Ok(
            Redirect::to(&format!("/staff/payments/runs/{}?done=created", run.id)).into_response(),
        ),
        Err(ServiceError::Conflict(message)) => {
            let mut errors = FormErrors::new();
            errors.add("waiting", message);
            let view = preview_page(&state, &staff, page, errors).await?;
            Ok((StatusCode::CONFLICT, render(&view)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

// ---------------------------------------------------------------- one run

#[derive(Template)]
#[template(path = "payments/run.html")]
struct RunPage {
    page: Page,
    errors: FormErrors,
    /// The confirmation file's problems, one for each bad row.
    file_errors: Vec<String>,
    done: Option<String>,
    run: RunLine,
    reference: String,
    waiting: bool,
    lines: Vec<ItemLine>,
    can_run: bool,
    paid_on: String,
    payment_reference: String,
}

#[derive(Default)]
struct Extras {
    errors: FormErrors,
    file_errors: Vec<String>,
    done: Option<String>,
    paid_on: String,
    payment_reference: String,
}

async fn run_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: PaymentRunId,
    extras: Extras,
) -> Result<RunPage, WebError> {
    let actor = staff.actor();
    let (run, lines) = payment_runs::run(&state.services, &actor, id).await?;
    Ok(RunPage {
        page,
        errors: extras.errors,
        file_errors: extras.file_errors,
        done: extras.done,
        reference: run.reference.clone().unwrap_or_default(),
        waiting: run.status == RunStatus::Sent,
        run: RunLine::new(&run),
        lines: lines.iter().map(ItemLine::new).collect(),
        can_run: allowed(&actor, Action::RunPayments),
        paid_on: extras.paid_on,
        payment_reference: extras.payment_reference,
    })
}

fn done_message(pairs: &[(String, String)]) -> Option<String> {
    match query_value(pairs, "done") {
        "created" => Some(
            "The payment run has been made. Download the file and send it to the finance system."
                .into(),
        ),
        "paid" => Some("The payment run has been recorded as paid.".into()),
        "confirmed" => {
            let marked: usize = query_value(pairs, "marked").parse().unwrap_or(0);
            let items = if marked == 1 { "item" } else { "items" };
            Some(if query_value(pairs, "finished") == "yes" {
                format!(
                    "The confirmation file recorded {marked} {items} as paid. Everything in the run is now paid."
                )
            } else {
                format!(
                    "The confirmation file recorded {marked} {items} as paid. Some items in the run are still waiting."
                )
            })
        }
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
    let id = run_id(&id)?;
    let extras = Extras {
        done: done_message(&pairs),
        ..Extras::default()
    };
    render(&run_page(&state, &staff, page, id, extras).await?)
}

async fn refused(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: PaymentRunId,
    status: StatusCode,
    extras: Extras,
) -> Result<Response, WebError> {
    let view = run_page(state, staff, page, id, extras).await?;
    Ok((status, render(&view)?).into_response())
}

async fn file(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = run_id(&id)?;
    let text = payment_runs::csv(&state.services, &staff.actor(), id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"payment-run-{id}.csv\""),
            ),
        ],
        text,
    )
        .into_response())
}

/// The record-paid form's fields in the order they appear.
const PAID_ORDER: &[&str] = &["paid_on", "reference"];

async fn paid(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = run_id(&id)?;
    let paid_on = query_value(&fields, "paid_on").to_owned();
    let reference = query_value(&fields, "reference").to_owned();
    let outcome =
        payment_runs::mark_paid(&state.services, &staff.actor(), id, &paid_on, &reference).await;
    let (status, errors) = match outcome {
        Ok(_) => {
            return Ok(
                Redirect::to(&format!("/staff/payments/runs/{id}?done=paid")).into_response(),
            );
        }
        Err(ServiceError::Invalid(problems)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            FormErrors::from_service(problems).sorted_by(PAID_ORDER),
        ),
        Err(ServiceError::Conflict(message)) => {
            let mut errors = FormErrors::new();
            errors.add("run-status", message);
            (StatusCode::CONFLICT, errors)
        }
        Err(error) => return Err(error.into()),
    };
    let extras = Extras {
        errors,
        paid_on,
        payment_reference: reference,
        ..Extras::default()
    };
    refused(&state, &staff, page, id, status, extras).await
}

/// Reads the uploaded file from a multipart form, or says what was wrong.
async fn uploaded(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(String, Vec<u8>), &'static str> {
    const UNREADABLE: &str = "The file could not be read. It must be smaller than 5 megabytes";
    const MISSING: &str = "Choose the confirmation file to upload";
    let Ok(mut multipart) = multipart else {
        return Err(MISSING);
    };
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("").to_owned();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes.to_vec())),
                    Err(_) => return Err(UNREADABLE),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return Err(UNREADABLE),
        }
    }
    file.filter(|(name, bytes)| !name.is_empty() || !bytes.is_empty())
        .ok_or(MISSING)
}

async fn confirmation(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let id = run_id(&id)?;
    let actor = staff.actor();
    // Checked before the upload is read, so a refused role is told so
    // whatever it sent.
    check(actor.may(Action::RunPayments))?;
    let outcome = match uploaded(multipart).await {
        Ok((name, bytes)) => {
            payment_runs::import_confirmation(&state.services, &actor, id, &name, &bytes).await
        }
        Err(message) => Err(ServiceError::field("file", message)),
    };
    let mut extras = Extras::default();
    let status = match outcome {
        Ok(done) => {
            let finished = if done.run_paid { "yes" } else { "no" };
            return Ok(Redirect::to(&format!(
                "/staff/payments/runs/{id}?done=confirmed&marked={}&finished={finished}",
                done.marked
            ))
            .into_response());
        }
        Err(ServiceError::Invalid(problems)) => {
            extras.file_errors = problems.into_iter().map(|(_, m)| m).collect();
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(ServiceError::Conflict(message)) => {
            extras.errors.add("run-status", message);
            StatusCode::CONFLICT
        }
        Err(error) => return Err(error.into()),
    };
    refused(&state, &staff, page, id, status, extras).await
}
