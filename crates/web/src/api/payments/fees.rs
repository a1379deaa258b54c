//! Fees through the API: lists, one fee with what paying it would do to
//! the person's declared earnings limits, approval and rejection.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use coproduce_domain::{Action, FeeId};
use coproduce_services::payments::{self, FeeView};
use coproduce_services::staff::check;
use coproduce_store::{FeeAdjustment, FeeRecord};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use super::{
    LimitCheckBody, ProgressBody, RejectInput, cursor, item_filter, next_cursor, path_id, reason,
    rfc3339,
};
use crate::api::auth::ApiCaller;
use crate::api::body::query_error;
use crate::api::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// A fee for taking part in an activity, worked out from attendance.
#[derive(Serialize, ToSchema)]
pub struct FeeBody {
    id: i64,
    person_id: i64,
    /// The person's name.
    person_name: String,
    activity_id: i64,
    activity_title: String,
    /// The rate it was worked out at.
    rate_id: i64,
    /// The activity's day, YYYY-MM-DD.
    activity_date: String,
    /// Time taking part, in minutes.
    minutes: i64,
    /// Paid preparation time, in minutes.
    preparation_minutes: i64,
    /// The fee the rate gives, before the person's choice.
    worked_out_pence: i64,
    /// What is paid.
    amount_pence: i64,
    /// How it was worked out, in words.
    basis: String,
    /// take, reduced, decline, charity or vouchers.
    choice: String,
    /// The charity it is given to, for the charity choice.
    charity: Option<String>,
    /// bank_transfer, payroll or vouchers, if known.
    method: Option<String>,
    #[serde(flatten)]
    progress: ProgressBody,
}

impl From<FeeRecord> for FeeBody {
    fn from(fee: FeeRecord) -> Self {
        Self {
            id: fee.id.0,
            person_id: fee.person_id.0,
            person_name: fee.person_name,
            activity_id: fee.activity_id.0,
            activity_title: fee.activity_title,
            rate_id: fee.rate_id.0,
            activity_date: fee.activity_date.to_iso(),
            minutes: fee.minutes,
            preparation_minutes: fee.preparation_minutes,
            worked_out_pence: fee.worked_out.0,
            amount_pence: fee.amount.0,
            basis: fee.basis,
            choice: fee.choice.as_str().to_owned(),
            charity: fee.charity,
            method: fee.method.map(|m| m.as_str().to_owned()),
            progress: fee.progress.into(),
        }
    }
}

/// A change of a fee's amount by hand.
#[derive(Serialize, ToSchema)]
pub struct FeeAdjustmentBody {
    from_pence: i64,
    to_pence: i64,
    reason: String,
    /// The name of the staff member who changed it.
    adjusted_by: Option<String>,
    /// As RFC 3339 in UTC.
    adjusted_at: String,
}

impl From<FeeAdjustment> for FeeAdjustmentBody {
    fn from(adjustment: FeeAdjustment) -> Self {
        Self {
            from_pence: adjustment.from.0,
            to_pence: adjustment.to.0,
            reason: adjustment.reason,
            adjusted_by: adjustment.adjusted_by,
            adjusted_at: rfc3339(adjustment.adjusted_at),
        }
    }
}

/// A fee with its changes by hand and what paying it would do to the
/// person's declared earnings limits.
#[derive(Serialize, ToSchema)]
pub struct FeeDetail {
    #[serde(flatten)]
    fee: FeeBody,
    adjustments: Vec<FeeAdjustmentBody>,
    /// One check per limit the person declared, counting this fee with
    /// their other fees in the same period. Empty for a fee that is not
    /// earnings (declined or given to a charity).
    limit_checks: Vec<LimitCheckBody>,
}

impl From<FeeView> for FeeDetail {
    fn from(view: FeeView) -> Self {
        Self {
            fee: view.fee.into(),
            adjustments: view.adjustments.into_iter().map(Into::into).collect(),
            limit_checks: view.limits.into_iter().map(Into::into).collect(),
        }
    }
}

/// A page of the caller's organisation's fees, newest first.
#[derive(Serialize, ToSchema)]
pub struct FeeList {
    items: Vec<FeeBody>,
    /// Pass as `after` for the next page; null on the last page.
    next: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeeParams {
    /// submitted, approved, rejected, in_run or paid.
    status: Option<String>,
    /// Only this person's fees.
    #[param(value_type = Option<i64>)]
    person_id: Option<String>,
    /// Only the fees for this activity.
    #[param(value_type = Option<i64>)]
    activity_id: Option<String>,
    /// How many to return, 1 to 200 (default 50).
    limit: Option<u32>,
    /// The `next` value of the previous page.
    after: Option<String>,
}

/// The caller's organisation's fees, newest first.
#[utoipa::path(get, path = "/api/v1/fees", operation_id = "list_fees", tag = "Payments", params(FeeParams),
    responses((status = 200, body = FeeList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<FeeParams>, QueryRejection>,
) -> Result<Json<FeeList>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ViewPayments))?;
    let Query(params) = params.map_err(query_error)?;
    let filter = item_filter(
        params.status.as_deref(),
        params.person_id.as_deref(),
        params.activity_id.as_deref(),
    )?;
    let before = cursor(params.after.as_deref())?.map(FeeId);
    let limit = params.limit.unwrap_or(50).clamp(1, 200);
    let fees = payments::fees(&state.services, &actor, filter, before, limit).await?;
    let next = next_cursor(fees.iter().map(|f| f.id.0), fees.len(), limit);
    Ok(Json(FeeList {
        items: fees.into_iter().map(FeeBody::from).collect(),
        next,
    }))
}

/// One of the caller's organisation's fees, with what paying it would do
/// to the person's declared earnings limits. Fees of other organisations
/// are not found.
#[utoipa::path(get, path = "/api/v1/fees/{id}", operation_id = "get_fee", tag = "Payments",
    params(("id" = i64, Path, description = "The fee's id")),
    responses((status = 200, body = FeeDetail), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<FeeDetail>, ApiError> {
    let view = payments::fee(&state.services, &caller.actor(), FeeId(path_id(&id)?)).await?;
    Ok(Json(view.into()))
}

/// Approves a fee waiting for approval. Whoever worked it out cannot
/// approve it. Check `limit_checks` on the fee first: approving is not
/// refused when it takes the person past a limit.
#[utoipa::path(post, path = "/api/v1/fees/{id}/approve", operation_id = "approve_fee", tag = "Payments",
    params(("id" = i64, Path, description = "The fee's id")),
    responses((status = 200, body = FeeDetail), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn approve(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<FeeDetail>, ApiError> {
    let actor = caller.actor();
    let id = FeeId(path_id(&id)?);
    payments::approve_fee(&state.services, &actor, id).await?;
    Ok(Json(
        payments::fee(&state.services, &actor, id).await?.into(),
    ))
}

/// Rejects a fee waiting for approval, with the reason the person is told
/// by email.
#[utoipa::path(post, path = "/api/v1/fees/{id}/reject", operation_id = "reject_fee", tag = "Payments", request_body = RejectInput,
    params(("id" = i64, Path, description = "The fee's id")),
    responses((status = 200, body = FeeDetail), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn reject(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<FeeDetail>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ApprovePayments))?;
    let id = FeeId(path_id(&id)?);
    // Another organisation's fee is not found, whatever the body says.
    payments::fee_for(&state.services, &actor, Action::ApprovePayments, id).await?;
    let reason = reason(body)?;
    payments::reject_fee(&state.services, &actor, id, &reason).await?;
    Ok(Json(
        payments::fee(&state.services, &actor, id).await?.into(),
    ))
}
