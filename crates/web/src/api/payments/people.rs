//! What a person has been paid, or is owed, in a tax year, through the
//! API: fees apart from expenses, totals, limits and their choice.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use coproduce_domain::dates::Date;
use coproduce_domain::money::Pence;
use coproduce_domain::{Action, PersonId};
use coproduce_services::payment_runs::{self, PersonPayments};
use coproduce_services::payments;
use coproduce_services::staff::check;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{LimitCheckBody, PayLineBody, iso, path_id};
use crate::api::auth::ApiCaller;
use crate::api::body::query_error;
use crate::api::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// Fees earned in one week, month or tax year.
#[derive(Serialize, ToSchema)]
pub struct TotalBody {
    /// The Monday that starts the week, or the first day of the month or
    /// tax year: YYYY-MM-DD.
    starts_on: String,
    /// The tax year, named by the year it starts (2025 is 6 April 2025 to
    /// 5 April 2026), for tax year totals.
    tax_year: Option<i32>,
    fees_pence: i64,
}

/// An earnings limit a person declared.
#[derive(Serialize, ToSchema)]
pub struct LimitBody {
    id: i64,
    /// What the limit is, such as permitted work.
    label: String,
    amount_pence: i64,
    /// week, month or tax_year.
    period: String,
}

/// A person's standing choice about fees.
#[derive(Serialize, ToSchema)]
pub struct PreferencesBody {
    /// take, reduced, decline, charity or vouchers.
    choice: String,
    /// The smaller amount, for the reduced choice.
    reduced_pence: Option<i64>,
    charity: Option<String>,
    /// bank_transfer, payroll or vouchers.
    method: Option<String>,
    /// The day benefits advice was offered, YYYY-MM-DD.
    advice_offered_on: Option<String>,
}

/// What a person has been paid, or is owed, in one UK tax year: fees
/// (earnings) apart from expenses (which are not earnings).
#[derive(Serialize, ToSchema)]
pub struct PersonPaymentsBody {
    person_id: i64,
    name: String,
    /// The tax year, named by the year it starts: 2025 is 6 April 2025 to
    /// 5 April 2026.
    tax_year: i32,
    /// YYYY-MM-DD.
    tax_year_starts: String,
    /// YYYY-MM-DD.
    tax_year_ends: String,
    /// Fees in the tax year, by the activity's day, leaving out rejected
    /// ones.
    fees_total_pence: i64,
    /// Expenses in the tax year, by the day spent, leaving out rejected
    /// ones.
    expenses_total_pence: i64,
    /// Fees that count as earnings, for each week (from Monday), latest
    /// first.
    weekly_totals: Vec<TotalBody>,
    /// The same for each calendar month.
    monthly_totals: Vec<TotalBody>,
    /// The same for each tax year.
    tax_year_totals: Vec<TotalBody>,
    /// The earnings limits the person declared.
    limits: Vec<LimitBody>,
    /// Where they stand today against each limit.
    limit_checks: Vec<LimitCheckBody>,
    preferences: Option<PreferencesBody>,
    /// The fees of the tax year, by day.
    fees: Vec<PayLineBody>,
    /// The expenses claims of the tax year, by day.
    expenses: Vec<PayLineBody>,
}

impl From<PersonPayments> for PersonPaymentsBody {
    fn from(p: PersonPayments) -> Self {
        let bounds = payments::tax_year(p.tax_year).ok();
        let day = |pick: fn((Date, Date)) -> Date| bounds.map(pick).map(Date::to_iso);
        let total = |(day, amount): (Date, Pence)| TotalBody {
            starts_on: day.to_iso(),
            tax_year: None,
            fees_pence: amount.0,
        };
        Self {
            person_id: p.person_id.0,
            name: p.name,
            tax_year: p.tax_year,
            tax_year_starts: day(|(first, _)| first).unwrap_or_default(),
            tax_year_ends: day(|(_, last)| last).unwrap_or_default(),
            fees_total_pence: p.fees_total.0,
            expenses_total_pence: p.expenses_total.0,
            weekly_totals: p.totals.weeks.into_iter().map(total).collect(),
            monthly_totals: p.totals.months.into_iter().map(total).collect(),
            tax_year_totals: p
                .totals
                .tax_years
                .into_iter()
                .map(|(year, amount)| TotalBody {
                    starts_on: payments::tax_year(year)
                        .map(|(first, _)| first.to_iso())
                        .unwrap_or_default(),
                    tax_year: Some(year),
                    fees_pence: amount.0,
                })
                .collect(),
            limits: p
                .limits
                .into_iter()
                .map(|l| LimitBody {
                    id: l.id.0,
                    label: l.plan.label,
                    amount_pence: l.plan.amount.0,
                    period: l.plan.period.as_str().to_owned(),
                })
                .collect(),
            limit_checks: p.limit_checks.into_iter().map(Into::into).collect(),
            preferences: p.preferences.map(|pp| PreferencesBody {
                choice: pp.choice.choice.as_str().to_owned(),
                reduced_pence: pp.choice.reduced.map(|r| r.0),
                charity: pp.choice.charity,
                method: pp.method.map(|m| m.as_str().to_owned()),
                advice_offered_on: iso(pp.advice_offered_on),
            }),
            fees: p.fees.into_iter().map(PayLineBody::from).collect(),
            expenses: p.expenses.into_iter().map(PayLineBody::from).collect(),
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PersonPaymentsParams {
    /// The tax year, named by the year it starts, such as 2025 for 6 April
    /// 2025 to 5 April 2026. The current tax year if left out.
    #[param(value_type = Option<i32>)]
    tax_year: Option<String>,
}

/// What a person on the caller's organisation's register has been paid,
/// or is owed, in one UK tax year, with their totals, limits and choice.
/// The view is recorded in the audit trail.
#[utoipa::path(get, path = "/api/v1/people/{id}/payments", operation_id = "get_person_payments", tag = "Payments",
    params(("id" = i64, Path, description = "The person's id"), PersonPaymentsParams),
    responses((status = 200, body = PersonPaymentsBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    params: Result<Query<PersonPaymentsParams>, QueryRejection>,
) -> Result<Json<PersonPaymentsBody>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ViewPayments))?;
    let person = PersonId(path_id(&id)?);
    let Query(params) = params.map_err(query_error)?;
    let year = match params.tax_year.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(year) => Some(year.parse::<i32>().map_err(|_| {
            ApiError::Invalid(vec![("tax_year", "Enter a tax year like 2025".into())])
        })?),
    };
    let payments = payment_runs::person(&state.services, &actor, person, year).await?;
    Ok(Json(payments.into()))
}
