//! Payment runs through the API: making one of every approved item, its
//! items, its file for the finance system, and recording it paid.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use coproduce_domain::{Action, PaymentRunId};
use coproduce_services::payment_runs;
use coproduce_services::staff::check;
use coproduce_store::{PayLine, RunRecord, RunStatus};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use super::{PayLineBody, Reader, cursor, iso, next_cursor, path_id, rfc3339};
use crate::api::auth::ApiCaller;
use crate::api::body::{input, query_error, sent};
use crate::api::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// A payment run: a batch of approved items sent to the finance system.
#[derive(Serialize, ToSchema)]
pub struct RunSummary {
    id: i64,
    /// sent (waiting to be paid) or paid.
    status: String,
    item_count: i64,
    total_pence: i64,
    /// The name of the staff member who created it.
    created_by: Option<String>,
    /// As RFC 3339 in UTC.
    created_at: String,
    /// The day it was paid, YYYY-MM-DD.
    paid_on: Option<String>,
    /// The finance system's reference for the payment.
    reference: Option<String>,
}

impl From<RunRecord> for RunSummary {
    fn from(run: RunRecord) -> Self {
        Self {
            id: run.id.0,
            status: match run.status {
                RunStatus::Sent => "sent",
                RunStatus::Paid => "paid",
            }
            .to_owned(),
            item_count: run.item_count,
            total_pence: run.total.0,
            created_by: run.created_by_name,
            created_at: rfc3339(run.created_at),
            paid_on: iso(run.paid_on),
            reference: run.reference,
        }
    }
}

/// A payment run with its items.
#[derive(Serialize, ToSchema)]
pub struct RunBody {
    #[serde(flatten)]
    run: RunSummary,
    /// Each item once, by day.
    items: Vec<PayLineBody>,
}

impl RunBody {
    fn new((run, lines): (RunRecord, Vec<PayLine>)) -> Self {
        Self {
            run: run.into(),
            items: lines.into_iter().map(PayLineBody::from).collect(),
        }
    }
}

/// A page of the caller's organisation's payment runs, newest first.
#[derive(Serialize, ToSchema)]
pub struct RunList {
    items: Vec<RunSummary>,
    /// Pass as `after` for the next page; null on the last page.
    next: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RunParams {
    /// How many to return, 1 to 200 (default 50).
    limit: Option<u32>,
    /// The `next` value of the previous page.
    after: Option<String>,
}

/// When a run was paid.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaidInput {
    /// The day it was paid: YYYY-MM-DD or as people in the UK write it;
    /// today or before.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    paid_on: Option<Value>,
    /// The finance system's reference, up to 200 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    reference: Option<Value>,
}

/// The caller's organisation's payment runs, newest first.
#[utoipa::path(get, path = "/api/v1/payment-runs", operation_id = "list_payment_runs", tag = "Payments", params(RunParams),
    responses((status = 200, body = RunList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<RunParams>, QueryRejection>,
) -> Result<Json<RunList>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ViewPayments))?;
    let Query(params) = params.map_err(query_error)?;
    let before = cursor(params.after.as_deref())?.map(PaymentRunId);
    let limit = params.limit.unwrap_or(50).clamp(1, 200);
    let runs = payment_runs::runs(&state.services, &actor, before, limit).await?;
    let next = next_cursor(runs.iter().map(|r| r.id.0), runs.len(), limit);
    Ok(Json(RunList {
        items: runs.into_iter().map(RunSummary::from).collect(),
        next,
    }))
}

/// Creates a payment run of every approved item of the caller's
/// organisation that is in no run. Each item goes in exactly one run, even
/// when two runs are created at the same moment. Answers 409 when nothing
/// is approved and waiting.
#[utoipa::path(post, path = "/api/v1/payment-runs", operation_id = "create_payment_run", tag = "Payments",
    responses((status = 201, body = RunBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<(StatusCode, Json<RunBody>), ApiError> {
    let actor = caller.actor();
    let run = payment_runs::create(&state.services, &actor).await?;
    let run = payment_runs::run(&state.services, &actor, run.id).await?;
    Ok((StatusCode::CREATED, Json(RunBody::new(run))))
}

/// One of the caller's organisation's payment runs, with its items. Runs
/// of other organisations are not found. A path ending in `.csv` answers
/// the run's file for the finance system instead (see the `.csv` path).
#[utoipa::path(get, path = "/api/v1/payment-runs/{id}", operation_id = "get_payment_run", tag = "Payments",
    params(("id" = i64, Path, description = "The payment run's id")),
    responses((status = 200, body = RunBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    if let Some(id) = id.strip_suffix(".csv") {
        return csv(state, caller, id).await;
    }
    let id = PaymentRunId(path_id(&id)?);
    let run = payment_runs::run(&state.services, &caller.actor(), id).await?;
    Ok(Json(RunBody::new(run)).into_response())
}

/// The run as a CSV file for the finance system: one line per item, with
/// the columns reference, run, person_id, name, pay_to_charity, method,
/// type, description, date, amount (in pounds) and status. For finance
/// officers.
#[utoipa::path(get, path = "/api/v1/payment-runs/{id}.csv", operation_id = "get_payment_run_csv", tag = "Payments",
    params(("id" = i64, Path, description = "The payment run's id")),
    responses((status = 200, description = "The CSV file", content_type = "text/csv", body = String),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn csv(state: AppState, caller: ApiCaller, id: &str) -> Result<Response, ApiError> {
    let id = PaymentRunId(path_id(id)?);
    let text = payment_runs::csv(&state.services, &caller.actor(), id).await?;
    let filename = format!("attachment; filename=\"payment-run-{id}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, filename),
        ],
        text,
    )
        .into_response())
}

/// Records every item still waiting in a run as paid, on a day with the
/// finance system's reference. Answers 409 for a run already paid.
#[utoipa::path(post, path = "/api/v1/payment-runs/{id}/paid", operation_id = "mark_payment_run_paid", tag = "Payments", request_body = PaidInput,
    params(("id" = i64, Path, description = "The payment run's id")),
    responses((status = 200, body = RunBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn mark_paid(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<RunBody>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::RunPayments))?;
    let id = PaymentRunId(path_id(&id)?);
    // Another organisation's run is not found, whatever the body says.
    payment_runs::run(&state.services, &actor, id).await?;
    let body: PaidInput = input(body)?;
    let mut reader = Reader::default();
    let (mut paid_on, mut reference) = (String::new(), String::new());
    reader.text("paid_on", body.paid_on, &mut paid_on);
    reader.text("reference", body.reference, &mut reference);
    reader.finish()?;
    payment_runs::mark_paid(&state.services, &actor, id, &paid_on, &reference).await?;
    let run = payment_runs::run(&state.services, &actor, id).await?;
    Ok(Json(RunBody::new(run)))
}
