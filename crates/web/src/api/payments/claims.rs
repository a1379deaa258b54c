//! Expenses claims through the API: made by staff for a person, with an
//! optional receipt in base64; lists, approval and rejection.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use base64::Engine as _;
use coproduce_domain::payments::RECEIPT_MAX_BYTES;
use coproduce_domain::{Action, ClaimId, PersonId};
use coproduce_services::ServiceError;
use coproduce_services::claims::{self, ClaimAnswers, Claimant, Upload};
use coproduce_services::staff::check;
use coproduce_store::ClaimRecord;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use super::{
    ProgressBody, Reader, RejectInput, amount, cursor, item_filter, next_cursor, path_id, reason,
    renamed, rfc3339,
};
use crate::api::auth::ApiCaller;
use crate::api::body::{input, query_error, sent};
use crate::api::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// The most a claim's body may be: a receipt of the largest size allowed,
/// as base64, with room for the other answers. A bigger body can only be a
/// receipt that is too big, and is answered as one.
pub const BODY_LIMIT: usize = RECEIPT_MAX_BYTES.div_ceil(3) * 4 + 64 * 1024;

/// An expenses claim. Expenses are not earnings: they never count
/// towards a person's limits.
#[derive(Serialize, ToSchema)]
pub struct ClaimBody {
    id: i64,
    person_id: i64,
    /// The person's name.
    person_name: String,
    activity_id: Option<i64>,
    activity_title: Option<String>,
    /// mileage, public_transport, taxi, care_cover, childcare, meals or
    /// other.
    kind: String,
    /// What is claimed; for mileage, the miles at the rate in force on the
    /// day.
    amount_pence: i64,
    /// Miles travelled, for mileage, such as 12.5.
    miles: Option<f64>,
    /// The day the money was spent or the journey made, YYYY-MM-DD.
    date: String,
    description: String,
    has_receipt: bool,
    /// link (the person, through their personal link), staff or api.
    submitted_via: String,
    /// The name of the staff member who made the claim for the person.
    submitted_by: Option<String>,
    /// As RFC 3339 in UTC.
    submitted_at: String,
    #[serde(flatten)]
    progress: ProgressBody,
}

impl From<ClaimRecord> for ClaimBody {
    fn from(claim: ClaimRecord) -> Self {
        Self {
            id: claim.id.0,
            person_id: claim.person_id.0,
            person_name: claim.person_name,
            activity_id: claim.activity_id.map(|a| a.0),
            activity_title: claim.activity_title,
            kind: claim.kind.as_str().to_owned(),
            amount_pence: claim.amount.0,
            // Tenths of a mile are exact as a decimal with one place.
            miles: claim.miles_tenths.map(|t| t as f64 / 10.0),
            date: claim.spent_on.to_iso(),
            description: claim.description,
            has_receipt: claim.receipt.is_some(),
            submitted_via: claim.submitted_via.as_str().to_owned(),
            submitted_by: claim.submitted_by_name,
            submitted_at: rfc3339(claim.created_at),
            progress: claim.progress.into(),
        }
    }
}

/// A page of the caller's organisation's expenses claims, newest first.
#[derive(Serialize, ToSchema)]
pub struct ClaimList {
    items: Vec<ClaimBody>,
    /// Pass as `after` for the next page; null on the last page.
    next: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClaimParams {
    /// submitted, approved, rejected, in_run or paid.
    status: Option<String>,
    /// Only this person's claims.
    #[param(value_type = Option<i64>)]
    person_id: Option<String>,
    /// Only the claims for this activity.
    #[param(value_type = Option<i64>)]
    activity_id: Option<String>,
    /// How many to return, 1 to 200 (default 50).
    limit: Option<u32>,
    /// The `next` value of the previous page.
    after: Option<String>,
}

/// A receipt: a PDF, PNG or JPEG file smaller than 5 MB, checked by its
/// contents.
#[derive(Deserialize, ToSchema)]
pub struct ReceiptInput {
    /// The file's name, such as bus-ticket.jpg.
    #[serde(default)]
    file_name: String,
    /// The file's bytes, in standard base64.
    content_base64: String,
}

/// An expenses claim made by staff for a person.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimInput {
    /// A person on the caller's organisation's register.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = i64)]
    person_id: Option<Value>,
    /// An activity the person was invited to, if the claim is for one.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>)]
    activity_id: Option<Value>,
    /// mileage, public_transport, taxi, care_cover, childcare, meals or
    /// other.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    kind: Option<Value>,
    /// The amount in whole pence, more than 0 (not for mileage, which is
    /// worked out from the miles and the rate in force on the day).
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>, minimum = 1)]
    amount_pence: Option<Value>,
    /// Instead of amount_pence: the amount in pounds as people type it,
    /// such as 4.50.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    amount: Option<Value>,
    /// For mileage: the miles travelled, such as 12.5.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<f64>)]
    miles: Option<Value>,
    /// The day the money was spent or the journey made: YYYY-MM-DD or as
    /// people in the UK write it; today or before.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    date: Option<Value>,
    /// What the money was for, up to 1,000 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    description: Option<Value>,
    /// Must be true: the person confirms the claim is true and not claimed
    /// anywhere else.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = bool)]
    declaration: Option<Value>,
    /// A receipt, if there is one.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<ReceiptInput>)]
    receipt: Option<Value>,
}

const UNREADABLE_RECEIPT: &str =
    "The receipt could not be read: send the file's name and its contents in base64";

/// Reads a receipt sent as `{file_name, content_base64}`.
fn receipt(value: Option<Value>, reader: &mut Reader) -> Option<Upload> {
    let value = value.filter(|v| !v.is_null())?;
    let upload = serde_json::from_value::<ReceiptInput>(value)
        .ok()
        .and_then(|receipt| {
            let text: String = receipt
                .content_base64
                .chars()
                .filter(|c| !c.is_ascii_whitespace())
                .collect();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text)
                .ok()?;
            Some(Upload {
                file_name: receipt.file_name,
                bytes,
            })
        });
    if upload.is_none() {
        reader.problems.push(("receipt", UNREADABLE_RECEIPT.into()));
    }
    upload
}

/// The answer to a claim too big to read: only a receipt can make it so.
fn receipt_too_big() -> ApiError {
    ApiError::Invalid(vec![(
        "receipt",
        "The receipt must be smaller than 5 MB".into(),
    )])
}

impl ClaimInput {
    /// The person (if sent as an id), the answers as typed, the receipt,
    /// and the name the amount was sent under.
    fn read(
        self,
        reader: &mut Reader,
    ) -> (Option<PersonId>, ClaimAnswers, Option<Upload>, &'static str) {
        let mut answers = ClaimAnswers::default();
        let person = match self.person_id {
            Some(Value::Number(n)) => n.as_i64().filter(|id| *id > 0).map(PersonId),
            _ => None,
        };
        reader.id("activity_id", self.activity_id, &mut answers.activity);
        reader.text("kind", self.kind, &mut answers.kind);
        let amount_field = amount(reader, self.amount_pence, self.amount, &mut answers.amount);
        reader.number("miles", self.miles, &mut answers.miles);
        reader.text("date", self.date, &mut answers.date);
        reader.text("description", self.description, &mut answers.description);
        answers.declaration = reader.flag("declaration", self.declaration);
        let receipt = receipt(self.receipt, reader);
        (person, answers, receipt, amount_field)
    }
}

/// The caller's organisation's expenses claims, newest first.
#[utoipa::path(get, path = "/api/v1/claims", operation_id = "list_claims", tag = "Payments", params(ClaimParams),
    responses((status = 200, body = ClaimList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<ClaimParams>, QueryRejection>,
) -> Result<Json<ClaimList>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ViewPayments))?;
    let Query(params) = params.map_err(query_error)?;
    let filter = item_filter(
        params.status.as_deref(),
        params.person_id.as_deref(),
        params.activity_id.as_deref(),
    )?;
    let before = cursor(params.after.as_deref())?.map(ClaimId);
    let limit = params.limit.unwrap_or(50).clamp(1, 200);
    let claims = claims::claims(&state.services, &actor, filter, before, limit).await?;
    let next = next_cursor(claims.iter().map(|c| c.id.0), claims.len(), limit);
    Ok(Json(ClaimList {
        items: claims.into_iter().map(ClaimBody::from).collect(),
        next,
    }))
}

/// Makes an expenses claim for a person on the caller's organisation's
/// register. Everything is checked before anything is stored: a claim
/// with a field that is not accepted stores nothing, receipt included.
/// Whoever makes the claim cannot approve it.
#[utoipa::path(post, path = "/api/v1/claims", operation_id = "create_claim", tag = "Payments", request_body = ClaimInput,
    responses((status = 201, body = ClaimBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<ClaimBody>), ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::RecordPayments))?;
    if let Err(rejection) = &body
        && rejection.status() == StatusCode::PAYLOAD_TOO_LARGE
    {
        return Err(receipt_too_big());
    }
    let body: ClaimInput = input(body)?;
    let mut reader = Reader::default();
    let (person, answers, receipt, amount_field) = body.read(&mut reader);
    let Some(person) = person else {
        reader.problems.insert(
            0,
            (
                "person_id",
                "Send person_id: the id of a person on your register".into(),
            ),
        );
        return Err(ApiError::Invalid(reader.problems));
    };
    reader.finish()?;
    let not_on_register = || {
        ApiError::Invalid(vec![(
            "person_id",
            format!("Person {person} is not on your register"),
        )])
    };
    let id = claims::submit(
        &state.services,
        Claimant::Api(&actor),
        person,
        &answers,
        receipt.as_ref(),
    )
    .await
    .map_err(|error| match error {
        ServiceError::NotFound => not_on_register(),
        other => renamed(other, |field| match field {
            "amount" => amount_field,
            "activity" => "activity_id",
            other => other,
        }),
    })?;
    let claim = claims::claim(&state.services, &actor, id).await?;
    Ok((StatusCode::CREATED, Json(claim.into())))
}

/// One of the caller's organisation's expenses claims. Claims of other
/// organisations are not found.
#[utoipa::path(get, path = "/api/v1/claims/{id}", operation_id = "get_claim", tag = "Payments",
    params(("id" = i64, Path, description = "The claim's id")),
    responses((status = 200, body = ClaimBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<ClaimBody>, ApiError> {
    let claim = claims::claim(&state.services, &caller.actor(), ClaimId(path_id(&id)?)).await?;
    Ok(Json(claim.into()))
}

/// Approves a claim waiting for approval, ready for the next payment run.
/// Whoever made the claim cannot approve it. Of any number of approvals at
/// once, one succeeds; the rest, and any later one, answer 409.
#[utoipa::path(post, path = "/api/v1/claims/{id}/approve", operation_id = "approve_claim", tag = "Payments",
    params(("id" = i64, Path, description = "The claim's id")),
    responses((status = 200, body = ClaimBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn approve(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<ClaimBody>, ApiError> {
    let actor = caller.actor();
    let id = ClaimId(path_id(&id)?);
    claims::approve(&state.services, &actor, id).await?;
    Ok(Json(
        claims::claim(&state.services, &actor, id).await?.into(),
    ))
}

/// Rejects a claim waiting for approval, with the reason the person is
/// told by email.
#[utoipa::path(post, path = "/api/v1/claims/{id}/reject", operation_id = "reject_claim", tag = "Payments", request_body = RejectInput,
    params(("id" = i64, Path, description = "The claim's id")),
    responses((status = 200, body = ClaimBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn reject(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<ClaimBody>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ApprovePayments))?;
    let id = ClaimId(path_id(&id)?);
    // Another organisation's claim is not found, whatever the body says.
    claims::claim_for(&state.services, &actor, Action::ApprovePayments, id).await?;
    let reason = reason(body)?;
    claims::reject(&state.services, &actor, id, &reason).await?;
    Ok(Json(
        claims::claim(&state.services, &actor, id).await?.into(),
    ))
}
