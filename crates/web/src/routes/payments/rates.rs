//! The organisation's rates: the list, with examples marked, and the form
//! to add a rate from a date.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use coproduce_domain::dates::Date;
use coproduce_domain::payments::{ExpenseKind, RateFor, RateUnit};
use coproduce_domain::{Action, Actor};
use coproduce_services::ServiceError;
use coproduce_services::payments::{self, RateAnswers};
use coproduce_services::staff::check;
use coproduce_store::RateRecord;

use super::{allowed, coded, query_value};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::profile_form::Choice;
use crate::routes::render;
use crate::session::Staff;
use crate::state::AppState;

pub(super) fn router() -> axum::Router<AppState> {
    Router::new()
        .route("/staff/payments/rates", get(list))
        .route("/staff/payments/rates/new", get(new_form).post(create))
}

/// The form's fields in the order they appear, for the error summary.
const FIELD_ORDER: &[&str] = &[
    "category",
    "role",
    "unit",
    "pays_preparation",
    "expense_kind",
    "amount",
    "from",
    "to",
];

/// A rate, ready to show.
struct RateRow {
    for_words: String,
    unit: &'static str,
    amount: String,
    preparation: &'static str,
    from: Date,
    to: Option<Date>,
    example: bool,
    in_force: bool,
}

impl RateRow {
    fn new(record: &RateRecord, today: Date) -> Self {
        let plan = &record.plan;
        let (unit, preparation) = match &plan.what {
            RateFor::Fee {
                unit,
                pays_preparation,
                ..
            } => (
                unit.label(),
                match (unit, pays_preparation) {
                    (RateUnit::Session, _) => "Covered by the session fee",
                    (_, true) => "Paid",
                    (_, false) => "Not paid",
                },
            ),
            RateFor::Expense { .. } => ("", ""),
        };
        Self {
            for_words: plan.for_words(),
            unit,
            amount: plan.amount_words(),
            preparation,
            from: plan.from,
            to: plan.to,
            example: plan.example,
            in_force: plan.in_force_on(today),
        }
    }
}

#[derive(Template)]
#[template(path = "payments/rates.html")]
struct RatesPage {
    page: Page,
    fee_rates: Vec<RateRow>,
    expense_rates: Vec<RateRow>,
    any_example: bool,
    can_add: bool,
    added: bool,
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, WebError> {
    let actor = staff.actor();
    let records = payments::rates(&state.services, &actor).await?;
    let today = payments::today();
    let (fees, expenses): (Vec<_>, Vec<_>) = records
        .iter()
        .partition(|r| matches!(r.plan.what, RateFor::Fee { .. }));
    render(&RatesPage {
        page,
        any_example: records.iter().any(|r| r.plan.example),
        fee_rates: fees.into_iter().map(|r| RateRow::new(r, today)).collect(),
        expense_rates: expenses
            .into_iter()
            .map(|r| RateRow::new(r, today))
            .collect(),
        can_add: allowed(&actor, Action::ManageRates),
        added: query_value(&pairs, "done") == "added",
    })
}

#[derive(Template)]
#[template(path = "payments/rate_form.html")]
struct FormPage {
    page: Page,
    errors: FormErrors,
    answers: RateAnswers,
    is_fee: bool,
    is_expense: bool,
    units: Vec<Choice>,
    kinds: Vec<Choice>,
}

impl FormPage {
    fn new(page: Page, answers: RateAnswers) -> Self {
        Self {
            page,
            errors: FormErrors::new(),
            is_fee: answers.category.trim() == "fee",
            is_expense: answers.category.trim() == "expense",
            units: coded(
                RateUnit::ALL,
                RateUnit::as_str,
                RateUnit::label,
                &answers.unit,
            ),
            kinds: coded(
                ExpenseKind::ALL,
                ExpenseKind::as_str,
                ExpenseKind::label,
                &answers.expense_kind,
            ),
            answers,
        }
    }
}

/// Reads the form; the preparation box sends `yes` when ticked.
fn answers_from_fields(fields: &[(String, String)]) -> RateAnswers {
    let mut answers = RateAnswers::default();
    for (name, value) in fields {
        let slot = match name.as_str() {
            "pays_preparation" => {
                answers.pays_preparation = value == "yes";
                continue;
            }
            "category" => &mut answers.category,
            "role" => &mut answers.role,
            "unit" => &mut answers.unit,
            "expense_kind" => &mut answers.expense_kind,
            "amount" => &mut answers.amount,
            "from" => &mut answers.from,
            "to" => &mut answers.to,
            _ => continue,
        };
        slot.clone_from(value);
    }
    answers
}

fn may_manage(actor: &Actor) -> Result<(), WebError> {
    Ok(check(actor.may(Action::ManageRates))?)
}

async fn new_form(staff: Staff, page: Page) -> Result<impl IntoResponse, WebError> {
    may_manage(&staff.actor())?;
    render(&FormPage::new(page, RateAnswers::default()))
}

async fn create(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    may_manage(&actor)?;
    let answers = answers_from_fields(&fields);
    match payments::add_rate(&state.services, &actor, &answers).await {
        Ok(_) => Ok(Redirect::to("/staff/payments/rates?done=added").into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let mut form = FormPage::new(page, answers);
            form.errors = FormErrors::from_service(problems).sorted_by(FIELD_ORDER);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&form)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}
