//! Paying people through the API: the organisation's dated rates, fees
//! worked out from attendance, expenses claims with their receipts,
//! approvals, payment runs with their file for the finance system, and
//! what a person has been paid in a tax year. Money is whole pence
//! (`amount_pence`), never a fraction of a pound.

pub mod claims;
pub mod fees;
pub mod people;
pub mod runs;

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use coproduce_domain::dates::Date;
use coproduce_domain::money::Pence;
use coproduce_domain::payments::{LimitCheck, PayStatus, RateFor};
use coproduce_domain::{Action, ActivityId, PersonId};
use coproduce_services::ServiceError;
use coproduce_services::payments::{self, RateAnswers};
use coproduce_services::staff::check;
use coproduce_store::{ItemFilter, PayLine, Progress, RateRecord};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::auth::ApiCaller;
use super::body::{input, sent};
use super::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// An instant as RFC 3339 in UTC.
fn rfc3339(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn iso(date: Option<Date>) -> Option<String> {
    date.map(Date::to_iso)
}

type Problems = Vec<(&'static str, String)>;

/// Reads the values of a body one field at a time, onto answers as typed,
/// collecting a message for each value of the wrong JSON type.
#[derive(Default)]
struct Reader {
    problems: Problems,
}

impl Reader {
    /// Text; null or left out leaves it empty.
    fn text(&mut self, field: &'static str, value: Option<Value>, target: &mut String) {
        match value {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) => *target = text,
            Some(_) => self.problems.push((field, format!("{field} must be text"))),
        }
    }

    /// True or false; left out is false.
    fn flag(&mut self, field: &'static str, value: Option<Value>) -> bool {
        match value {
            None | Some(Value::Null) => false,
            Some(Value::Bool(flag)) => flag,
            Some(_) => {
                self.problems
                    .push((field, format!("{field} must be true or false")));
                false
            }
        }
    }

    /// Whole pence, typed as pounds for the services (which refuse
    /// amounts below £0 with their own message).
    fn pence(&mut self, field: &'static str, value: Option<Value>, target: &mut String) {
        let pence = match value {
            None | Some(Value::Null) => return,
            Some(Value::Number(n)) => n.as_i64(),
            Some(_) => None,
        };
        match pence {
            Some(pence) => *target = Pence(pence).to_plain(),
            None => self.problems.push((
                field,
                format!("{field} must be a whole number of pence, like 1250 for £12.50"),
            )),
        }
    }

    /// A record's id, as a number (or text, as typed).
    fn id(&mut self, field: &'static str, value: Option<Value>, target: &mut String) {
        match value {
            None | Some(Value::Null) => {}
            Some(Value::Number(n)) if n.as_i64().is_some() => {
                *target = n.to_string();
            }
            Some(Value::String(text)) => *target = text,
            Some(_) => self
                .problems
                .push((field, format!("{field} must be a record's id"))),
        }
    }

    /// A number such as 12.5, or the same as text.
    fn number(&mut self, field: &'static str, value: Option<Value>, target: &mut String) {
        match value {
            None | Some(Value::Null) => {}
            Some(Value::Number(n)) => *target = n.to_string(),
            Some(Value::String(text)) => *target = text,
            Some(_) => self
                .problems
                .push((field, format!("{field} must be a number, like 12.5"))),
        }
    }

    fn finish(self) -> Result<(), ApiError> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Invalid(self.problems))
        }
    }
}

/// A service's answer, with its field messages under the API's names.
fn renamed(error: ServiceError, api_field: impl Fn(&'static str) -> &'static str) -> ApiError {
    match error {
        ServiceError::Invalid(fields) => ApiError::Invalid(
            fields
                .into_iter()
                .map(|(field, message)| (api_field(field), message))
                .collect(),
        ),
        other => other.into(),
    }
}

/// Reads an `after` cursor: an id from a previous page.
fn cursor(after: Option<&str>) -> Result<Option<i64>, ApiError> {
    match after {
        None | Some("") => Ok(None),
        Some(cursor) => cursor.parse().map(Some).map_err(|_| {
            ApiError::BadRequest("after must be a cursor from a previous page".into())
        }),
    }
}

/// The `next` cursor of a page of `limit` items: the last id, unless the
/// page was not full.
fn next_cursor(ids: impl Iterator<Item = i64>, count: usize, limit: u32) -> Option<String> {
    (count == limit as usize)
        .then(|| ids.last().map(|id| id.to_string()))
        .flatten()
}

fn path_id(id: &str) -> Result<i64, ApiError> {
    id.parse().map_err(|_| ApiError::NotFound)
}

/// Reads the filter of a list of fees or claims.
fn item_filter(
    status: Option<&str>,
    person: Option<&str>,
    activity: Option<&str>,
) -> Result<ItemFilter, ApiError> {
    fn given(value: Option<&str>) -> Option<&str> {
        value.map(str::trim).filter(|v| !v.is_empty())
    }
    let mut problems = Problems::new();
    let status = given(status).and_then(|value| {
        let parsed = PayStatus::parse(value);
        if parsed.is_none() {
            problems.push((
                "status",
                "Send submitted, approved, rejected, in_run or paid".into(),
            ));
        }
        parsed
    });
    let mut id = |field: &'static str, value: Option<&str>| {
        given(value).and_then(|value| match value.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                problems.push((field, format!("{field} must be a record's id")));
                None
            }
        })
    };
    let person = id("person_id", person).map(PersonId);
    let activity = id("activity_id", activity).map(ActivityId);
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    Ok(ItemFilter {
        status,
        person,
        activity,
        ..ItemFilter::default()
    })
}

/// Where a fee or claim is, from submitted to paid.
#[derive(Serialize, ToSchema)]
pub struct ProgressBody {
    /// submitted, approved, rejected, in_run or paid.
    status: String,
    /// The name of the staff member who approved or rejected it.
    decided_by: Option<String>,
    /// When it was approved or rejected, as RFC 3339 in UTC.
    decided_at: Option<String>,
    /// Why it was rejected: the person is told.
    rejection_reason: Option<String>,
    /// The payment run it is in.
    payment_run_id: Option<i64>,
    /// The day it was paid, YYYY-MM-DD.
    paid_on: Option<String>,
    /// The finance system's reference for the payment.
    payment_reference: Option<String>,
}

impl From<Progress> for ProgressBody {
    fn from(progress: Progress) -> Self {
        Self {
            status: progress.status.as_str().to_owned(),
            decided_by: progress.decided_by_name,
            decided_at: progress.decided_at.map(rfc3339),
            rejection_reason: progress.rejection_reason,
            payment_run_id: progress.payment_run_id.map(|r| r.0),
            paid_on: iso(progress.paid_on),
            payment_reference: progress.payment_reference,
        }
    }
}

/// Why an item is rejected.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectInput {
    /// Why it is rejected, up to 1,000 characters: the person is told.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    reason: Option<Value>,
}

fn reason(body: Result<Json<Value>, JsonRejection>) -> Result<String, ApiError> {
    let body: RejectInput = input(body)?;
    let mut reader = Reader::default();
    let mut reason = String::new();
    reader.text("reason", body.reason, &mut reason);
    reader.finish()?;
    Ok(reason)
}

/// A fee or claim as a line of a payment run or a person's payments.
#[derive(Serialize, ToSchema)]
pub struct PayLineBody {
    /// How the item is named in payment files: FEE-12 or EXP-7.
    reference: String,
    /// fee or expense.
    kind: String,
    /// The fee's or claim's id.
    id: i64,
    person_id: i64,
    person_name: String,
    /// For a fee, the activity; for a claim, what it was for.
    description: String,
    /// The activity's day for a fee, the day the money was spent for a
    /// claim: YYYY-MM-DD.
    date: String,
    amount_pence: i64,
    /// submitted, approved, rejected, in_run or paid.
    status: String,
    /// bank_transfer, payroll or vouchers, if known.
    method: Option<String>,
    /// The charity a fee is paid to instead of the person.
    pay_to_charity: Option<String>,
    /// Whether it counts as the person's earnings (fees taken as money or
    /// vouchers do; expenses never do).
    counts_as_earnings: bool,
    payment_run_id: Option<i64>,
    /// YYYY-MM-DD.
    paid_on: Option<String>,
    payment_reference: Option<String>,
}

impl From<PayLine> for PayLineBody {
    fn from(line: PayLine) -> Self {
        Self {
            reference: line.reference(),
            kind: line.kind.as_str().to_owned(),
            id: line.id,
            person_id: line.person_id.0,
            person_name: line.person_name,
            description: line.description,
            date: line.date.to_iso(),
            amount_pence: line.amount.0,
            status: line.status.as_str().to_owned(),
            method: line.method.map(|m| m.as_str().to_owned()),
            pay_to_charity: line.charity,
            counts_as_earnings: line.counts_as_earnings,
            payment_run_id: line.payment_run_id.map(|r| r.0),
            paid_on: iso(line.paid_on),
            payment_reference: line.payment_reference,
        }
    }
}

/// What an earning would do to one of the limits a person declared.
#[derive(Serialize, ToSchema)]
pub struct LimitCheckBody {
    /// What the limit is, such as permitted work.
    label: String,
    limit_pence: i64,
    /// week, month or tax_year.
    period: String,
    /// The period checked, such as "the week starting 7 December 2026".
    period_words: String,
    /// Earnings already counted in that period.
    counted_pence: i64,
    /// How much more they can earn in the period without passing the
    /// limit (never below 0).
    headroom_pence: i64,
    /// The amount being checked.
    adding_pence: i64,
    /// Whether the amount would take them past the limit.
    would_pass: bool,
}

impl From<LimitCheck> for LimitCheckBody {
    fn from(check: LimitCheck) -> Self {
        Self {
            label: check.label,
            limit_pence: check.limit.0,
            period: check.period.as_str().to_owned(),
            period_words: check.period_words,
            counted_pence: check.counted.0,
            headroom_pence: check.headroom.0,
            adding_pence: check.adding.0,
            would_pass: check.would_pass,
        }
    }
}

/// A fee or expenses rate, in force between two dates.
#[derive(Serialize, ToSchema)]
pub struct RateBody {
    id: i64,
    /// fee or expense.
    category: String,
    /// For a fee: the role it pays, such as interview panel member.
    role: Option<String>,
    /// For a fee: hour, half_day, day or session.
    unit: Option<String>,
    /// For a fee: whether preparation time is paid on top.
    pays_preparation: bool,
    /// For an expense: mileage, public_transport, taxi, care_cover,
    /// childcare, meals or other.
    expense_kind: Option<String>,
    /// A fee's amount for each unit; for mileage, the amount a mile; for
    /// any other expense, the most paid for one claim.
    amount_pence: i64,
    /// The amount in words, such as "£25.00 an hour".
    amount_words: String,
    /// The first day it is in force, YYYY-MM-DD.
    effective_from: String,
    /// The last day it is in force, YYYY-MM-DD, or null until another
    /// rate takes over.
    effective_to: Option<String>,
    /// Whether this is an example for the organisation to replace.
    example: bool,
}

impl From<RateRecord> for RateBody {
    fn from(record: RateRecord) -> Self {
        let plan = record.plan;
        let amount_words = plan.amount_words();
        let (category, role, unit, pays_preparation, expense_kind) = match plan.what {
            RateFor::Fee {
                role,
                unit,
                pays_preparation,
            } => (
                "fee",
                Some(role),
                Some(unit.as_str().to_owned()),
                pays_preparation,
                None,
            ),
            RateFor::Expense { kind } => {
                ("expense", None, None, false, Some(kind.as_str().to_owned()))
            }
        };
        Self {
            id: record.id.0,
            category: category.to_owned(),
            role,
            unit,
            pays_preparation,
            expense_kind,
            amount_pence: plan.amount.0,
            amount_words,
            effective_from: plan.from.to_iso(),
            effective_to: iso(plan.to),
            example: plan.example,
        }
    }
}

/// Every rate of the caller's organisation: fees by role, then expenses,
/// the latest first within each.
#[derive(Serialize, ToSchema)]
pub struct RateList {
    items: Vec<RateBody>,
    /// Always null: every rate is in one page.
    next: Option<String>,
}

/// A new rate. A rate for a role (or expense) whose current rate has no
/// end takes over from it: the current rate ends the day before. Any other
/// overlap is refused, so a new rate never changes fees worked out before
/// it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RateInput {
    /// fee or expense.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    category: Option<Value>,
    /// For a fee: the role it pays, up to 120 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    role: Option<Value>,
    /// For a fee: hour, half_day, day or session.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    unit: Option<Value>,
    /// For a fee counted by time: whether preparation time is paid on top.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<bool>)]
    pays_preparation: Option<Value>,
    /// For an expense: mileage, public_transport, taxi, care_cover,
    /// childcare, meals or other.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    expense_kind: Option<Value>,
    /// The amount in whole pence, more than 0.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>, minimum = 1)]
    amount_pence: Option<Value>,
    /// Instead of amount_pence: the amount in pounds as people type it,
    /// such as 25 or 25.50.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    amount: Option<Value>,
    /// The first day, YYYY-MM-DD or as people in the UK write it.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    effective_from: Option<Value>,
    /// The last day, or null for no end.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    effective_to: Option<Value>,
}

/// Reads an amount sent as `amount_pence` or as `amount` text, and answers
/// which of the two names the services' messages should carry.
fn amount(
    reader: &mut Reader,
    pence: Option<Value>,
    pounds: Option<Value>,
    target: &mut String,
) -> &'static str {
    let sent = |v: &Option<Value>| v.as_ref().is_some_and(|v| !v.is_null());
    match (sent(&pence), sent(&pounds)) {
        (true, true) => {
            reader.problems.push((
                "amount_pence",
                "Send amount_pence or amount, not both".into(),
            ));
            "amount_pence"
        }
        (false, true) => {
            reader.text("amount", pounds, target);
            "amount"
        }
        _ => {
            reader.pence("amount_pence", pence, target);
            "amount_pence"
        }
    }
}

/// The caller's organisation's fee and expenses rates.
#[utoipa::path(get, path = "/api/v1/rates", operation_id = "list_rates", tag = "Payments",
    responses((status = 200, body = RateList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_rates(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<RateList>, ApiError> {
    let rates = payments::rates(&state.services, &caller.actor()).await?;
    Ok(Json(RateList {
        items: rates.into_iter().map(RateBody::from).collect(),
        next: None,
    }))
}

/// Adds a fee or expenses rate to the caller's organisation.
#[utoipa::path(post, path = "/api/v1/rates", operation_id = "create_rate", tag = "Payments", request_body = RateInput,
    responses((status = 201, body = RateBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_rate(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<RateBody>), ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ManageRates))?;
    let body: RateInput = input(body)?;
    let mut reader = Reader::default();
    let mut answers = RateAnswers::default();
    reader.text("category", body.category, &mut answers.category);
    reader.text("role", body.role, &mut answers.role);
    reader.text("unit", body.unit, &mut answers.unit);
    answers.pays_preparation = reader.flag("pays_preparation", body.pays_preparation);
    reader.text("expense_kind", body.expense_kind, &mut answers.expense_kind);
    let amount_field = amount(
        &mut reader,
        body.amount_pence,
        body.amount,
        &mut answers.amount,
    );
    reader.text("effective_from", body.effective_from, &mut answers.from);
    reader.text("effective_to", body.effective_to, &mut answers.to);
    reader.finish()?;
    let id = payments::add_rate(&state.services, &actor, &answers)
        .await
        .map_err(|e| {
            renamed(e, |field| match field {
                "amount" => amount_field,
                "from" => "effective_from",
                "to" => "effective_to",
                other => other,
            })
        })?;
    let rate = payments::rate(&state.services, &actor, id).await?;
    Ok((StatusCode::CREATED, Json(rate.into())))
}
