//! Staff pages about paying one person: how they want to be paid and when
//! benefits advice was offered, the earnings limits they told us about and
//! where they stand against each, their fee totals apart from expenses,
//! the tax year's items, a printable statement, and their personal link
//! to claim expenses. The page about paying for one activity is
//! [`activity`].

mod activity;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use coproduce_domain::dates::Date;
use coproduce_domain::money::Pence;
use coproduce_domain::payments::{
    FeeChoice, LimitPeriod, PayMethod, PayStatus, tax_year_bounds, tax_year_words,
};
use coproduce_domain::permissions::Decision;
use coproduce_domain::{Action, Actor, LimitId, PersonId};
use coproduce_services::payment_runs::{self, PersonPayments, Statement};
use coproduce_services::payments::{self, PreferenceAnswers};
use coproduce_services::staff::check;
use coproduce_services::{ServiceError, claims, clock};
use coproduce_store::{ItemKind, PayLine};
use serde::Deserialize;

use super::{record_id, render};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::profile_form::Choice;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/people/{id}/payments", get(show))
        .route("/staff/people/{id}/payments/statement", get(statement))
        .route(
            "/staff/people/{id}/payments/preferences",
            get(preferences_form).post(save_preferences),
        )
        .route("/staff/people/{id}/payments/limits", post(add_limit))
        .route(
            "/staff/people/{id}/payments/limits/{limit}/remove",
            post(remove_limit),
        )
        .route("/staff/people/{id}/payments/claim-link", post(email_link))
        .merge(activity::router())
}

fn person_id(raw: &str) -> Result<PersonId, WebError> {
    Ok(PersonId(record_id(raw)?))
}

fn allowed(actor: &Actor, action: Action) -> bool {
    actor.may(action) == Decision::Allowed
}

/// The value of a field in a query string or form, or empty.
fn value<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// The tax year asked for in `?tax_year=`, or `None` for this one. Text
/// that is not a year is refused with the same message as a year out of
/// range.
fn asked_tax_year(pairs: &[(String, String)]) -> Result<Option<i32>, WebError> {
    match value(pairs, "tax_year").trim() {
        "" => Ok(None),
        text => text
            .parse()
            .map(Some)
            .map_err(|_| WebError::BadRequest("Enter a tax year like 2025".into())),
    }
}

/// The GOV.UK tag colour for where an item is.
pub(super) fn status_tag(status: PayStatus) -> &'static str {
    match status {
        PayStatus::Submitted => "govuk-tag--yellow",
        PayStatus::Approved => "govuk-tag--turquoise",
        PayStatus::Rejected => "govuk-tag--red",
        PayStatus::InRun => "govuk-tag--blue",
        PayStatus::Paid => "govuk-tag--green",
    }
}

/// The choices of a code list, with the one chosen marked.
pub(super) fn coded<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    chosen: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|item| Choice {
            value: code(*item).to_owned(),
            label: label(*item).to_owned(),
            checked: chosen.trim() == code(*item),
        })
        .collect()
}

/// The radios for a fee choice.
pub(super) fn fee_choices(chosen: &str) -> Vec<Choice> {
    coded(FeeChoice::ALL, FeeChoice::as_str, FeeChoice::label, chosen)
}

// ------------------------------------------------------- the person's page

/// A fee or claim as a line of a table.
struct LineRow {
    href: String,
    reference: String,
    description: String,
    date: Date,
    amount: Pence,
    status: &'static str,
    tag: &'static str,
    /// "Paid on 3 May 2025", or the rejection.
    note: String,
    /// Whether the fee counts as earnings (fees given to a charity or not
    /// taken do not).
    earnings: bool,
}

impl LineRow {
    fn new(line: &PayLine) -> Self {
        let area = match line.kind {
            ItemKind::Fee => "fees",
            ItemKind::Expense => "claims",
        };
        let note = match (line.status, line.paid_on) {
            (PayStatus::Paid, Some(day)) => match &line.payment_reference {
                Some(reference) if !reference.is_empty() => {
                    format!("Paid on {day}, reference {reference}")
                }
                _ => format!("Paid on {day}"),
            },
            _ => String::new(),
        };
        Self {
            href: format!("/staff/payments/{area}/{}", line.id),
            reference: line.reference(),
            description: line.description.clone(),
            date: line.date,
            amount: line.amount,
            status: line.status.label(),
            tag: status_tag(line.status),
            note,
            earnings: line.counts_as_earnings,
        }
    }
}

/// An earnings limit and where the person stands against it today.
struct LimitRow {
    id: LimitId,
    label: String,
    amount: Pence,
    period: &'static str,
    /// Such as "the week starting 30 November 2026".
    now_words: String,
    counted: Pence,
    headroom: Pence,
    passed: bool,
}

/// The add-a-limit form as typed.
#[derive(Deserialize, Default)]
struct LimitForm {
    #[serde(default)]
    label: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    period: String,
}

#[derive(Template)]
#[template(path = "person_payments/show.html")]
struct ShowPage {
    page: Page,
    errors: FormErrors,
    banner: Option<&'static str>,
    /// A claim just made, to link to from the banner.
    claim: Option<i64>,
    id: PersonId,
    name: String,
    has_email: bool,
    can_record: bool,
    choice: String,
    method: &'static str,
    advice: Option<String>,
    limits: Vec<LimitRow>,
    limit: LimitForm,
    periods: Vec<Choice>,
    year: i32,
    year_words: String,
    year_from: Date,
    year_to: Date,
    previous_year: Option<(i32, String)>,
    next_year: Option<(i32, String)>,
    this_year: Option<i32>,
    year_earnings: Pence,
    months: Vec<(String, Pence)>,
    weeks: Vec<(Date, Pence)>,
    fees: Vec<LineRow>,
    expenses: Vec<LineRow>,
    fees_total: Pence,
    expenses_total: Pence,
    /// The personal link to claim expenses, shown for people without email
    /// so staff can read it out or print it.
    claim_link: Option<String>,
}

/// What the person's page shows after a change.
fn banner(code: &str) -> Option<&'static str> {
    Some(match code {
        "preferences" => "Their choice about fees is saved",
        "limit-added" => "The earnings limit is saved",
        "limit-removed" => "The earnings limit is removed",
        "link-sent" => "We are emailing them their link to claim expenses",
        "claim" => "The expenses claim is saved. Someone else must approve it before it is paid",
        _ => return None,
    })
}

fn show_page(
    state: &AppState,
    actor: &Actor,
    page: Page,
    view: PersonPayments,
    errors: FormErrors,
    limit: LimitForm,
) -> Result<ShowPage, WebError> {
    let PersonPayments {
        person_id,
        name,
        has_email,
        preferences,
        limits,
        limit_checks,
        tax_year,
        totals,
        fees,
        expenses,
        fees_total,
        expenses_total,
    } = view;
    let (year_from, year_to) = tax_year_bounds(tax_year)
        .ok_or_else(|| WebError::BadRequest("Enter a tax year like 2025".into()))?;
    let this = payments::this_tax_year();
    let year_link = |year: i32| {
        (payments::tax_year(year).is_ok() && year <= this).then(|| (year, tax_year_words(year)))
    };
    let (choice, method, advice) = match &preferences {
        Some(p) => (
            p.choice.words(),
            p.method.map_or("Not recorded yet", PayMethod::label),
            p.advice_offered_on.map(|day| match &p.advice_offered_by {
                Some(by) => format!("Offered on {day} by {by}"),
                None => format!("Offered on {day}"),
            }),
        ),
        None => (
            "Not recorded yet. Until it is, they are offered the full fee".to_owned(),
            "Not recorded yet",
            None,
        ),
    };
    let limits = limits
        .iter()
        .enumerate()
        .map(|(i, record)| {
            let check = limit_checks
                .get(i)
                .filter(|c| c.label == record.plan.label && c.period == record.plan.period);
            LimitRow {
                id: record.id,
                label: record.plan.label.clone(),
                amount: record.plan.amount,
                period: record.plan.period.label(),
                now_words: check.map(|c| c.period_words.clone()).unwrap_or_default(),
                counted: check.map_or(Pence(0), |c| c.counted),
                headroom: check.map_or(record.plan.amount, |c| c.headroom),
                passed: check.is_some_and(|c| c.counted > c.limit),
            }
        })
        .collect();
    let periods = coded(
        LimitPeriod::ALL,
        LimitPeriod::as_str,
        LimitPeriod::label,
        &limit.period,
    );
    Ok(ShowPage {
        page,
        errors,
        banner: None,
        claim: None,
        id: person_id,
        claim_link: (!has_email).then(|| claims::link(&state.services, person_id, clock::now())),
        name,
        has_email,
        can_record: allowed(actor, Action::RecordPayments),
        choice,
        method,
        advice,
        limits,
        limit,
        periods,
        year: tax_year,
        year_words: tax_year_words(tax_year),
        year_from,
        year_to,
        previous_year: year_link(tax_year - 1),
        next_year: year_link(tax_year + 1),
        this_year: (tax_year != this).then_some(this),
        year_earnings: totals
            .tax_years
            .iter()
            .find(|(y, _)| *y == tax_year)
            .map_or(Pence(0), |(_, total)| *total),
        months: totals
            .months
            .iter()
            .map(|(first, total)| (format!("{} {}", first.month_name(), first.year()), *total))
            .collect(),
        weeks: totals.weeks,
        fees: fees.iter().map(LineRow::new).collect(),
        expenses: expenses.iter().map(LineRow::new).collect(),
        fees_total,
        expenses_total,
    })
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = person_id(&id)?;
    let actor = staff.actor();
    let year = asked_tax_year(&query)?;
    let view = payment_runs::person(&state.services, &actor, id, year).await?;
    let mut show = show_page(
        &state,
        &actor,
        page,
        view,
        FormErrors::new(),
        LimitForm::default(),
    )?;
    show.banner = banner(value(&query, "done"));
    show.claim = value(&query, "claim").trim().parse().ok();
    Ok(render(&show)?.into_response())
}

/// The person's page again, with what was wrong.
async fn show_refused(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: PersonId,
    status: StatusCode,
    errors: FormErrors,
    limit: LimitForm,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    let view = payment_runs::person(&state.services, &actor, id, None).await?;
    let show = show_page(state, &actor, page, view, errors, limit)?;
    Ok((status, render(&show)?).into_response())
}

fn back_to(id: PersonId, done: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/staff/people/{id}/payments?done={done}{anchor}")).into_response()
}

async fn add_limit(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<LimitForm>,
) -> Result<Response, WebError> {
    let id = person_id(&id)?;
    let outcome = payments::add_limit(
        &state.services,
        &staff.actor(),
        id,
        &form.label,
        &form.amount,
        &form.period,
    )
    .await;
    match outcome {
        Ok(_) => Ok(back_to(id, "limit-added", "#limits")),
        Err(ServiceError::Invalid(problems)) => {
            let errors =
                FormErrors::from_service(problems).sorted_by(&["label", "amount", "period"]);
            show_refused(
                &state,
                &staff,
                page,
                id,
                StatusCode::UNPROCESSABLE_ENTITY,
                errors,
                form,
            )
            .await
        }
        Err(error) => Err(error.into()),
    }
}

async fn remove_limit(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, limit)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id = person_id(&id)?;
    let limit = LimitId(record_id(&limit)?);
    payments::remove_limit(&state.services, &staff.actor(), id, limit).await?;
    Ok(back_to(id, "limit-removed", "#limits"))
}

async fn email_link(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = person_id(&id)?;
    match claims::email_link(&state.services, &staff.actor(), id).await {
        Ok(()) => Ok(back_to(id, "link-sent", "")),
        Err(ServiceError::Conflict(message)) => {
            let mut errors = FormErrors::new();
            errors.add("claim-link", message);
            show_refused(
                &state,
                &staff,
                page,
                id,
                StatusCode::CONFLICT,
                errors,
                LimitForm::default(),
            )
            .await
        }
        Err(error) => Err(error.into()),
    }
}

// -------------------------------------------------------- their choices

#[derive(Template)]
#[template(path = "person_payments/preferences.html")]
struct PreferencesPage {
    page: Page,
    errors: FormErrors,
    id: PersonId,
    name: String,
    answers: PreferenceAnswers,
    choices: Vec<Choice>,
    methods: Vec<Choice>,
    /// Who last recorded that advice was offered, and when.
    advice: Option<String>,
}

const PREFERENCE_FIELDS: &[&str] = &[
    "choice",
    "reduced",
    "charity",
    "method",
    "advice_offered_on",
];

impl PreferencesPage {
    fn new(page: Page, view: &PersonPayments, answers: PreferenceAnswers) -> Self {
        let mut methods = vec![Choice {
            value: String::new(),
            label: "Not decided yet".into(),
            checked: answers.method.trim().is_empty(),
        }];
        methods.extend(coded(
            PayMethod::ALL,
            PayMethod::as_str,
            PayMethod::label,
            &answers.method,
        ));
        Self {
            page,
            errors: FormErrors::new(),
            id: view.person_id,
            name: view.name.clone(),
            choices: fee_choices(&answers.choice),
            methods,
            advice: view.preferences.as_ref().and_then(|p| {
                p.advice_offered_on.map(|day| match &p.advice_offered_by {
                    Some(by) => format!("{by} recorded that advice was offered on {day}"),
                    None => format!("Advice was offered on {day}"),
                })
            }),
            answers,
        }
    }
}

async fn preferences_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = person_id(&id)?;
    let actor = staff.actor();
    check(actor.may(Action::RecordPayments))?;
    let view = payment_runs::person(&state.services, &actor, id, None).await?;
    let answers = PreferenceAnswers::from_stored(view.preferences.as_ref());
    Ok(render(&PreferencesPage::new(page, &view, answers))?.into_response())
}

async fn save_preferences(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(answers): Form<PreferenceAnswers>,
) -> Result<Response, WebError> {
    let id = person_id(&id)?;
    let actor = staff.actor();
    match payments::set_preferences(&state.services, &actor, id, &answers).await {
        Ok(()) => Ok(back_to(id, "preferences", "")),
        Err(ServiceError::Invalid(problems)) => {
            let view = payment_runs::person(&state.services, &actor, id, None).await?;
            let mut form = PreferencesPage::new(page, &view, answers);
            form.errors = FormErrors::from_service(problems).sorted_by(PREFERENCE_FIELDS);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&form)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

// ------------------------------------------------------------ statement

/// A paid item as a line of the statement.
struct StatementLine {
    reference: String,
    description: String,
    date: Date,
    paid_on: Option<Date>,
    payment_reference: String,
    amount: Pence,
}

impl StatementLine {
    fn new(line: &PayLine) -> Self {
        Self {
            reference: line.reference(),
            description: line.description.clone(),
            date: line.date,
            paid_on: line.paid_on,
            payment_reference: line.payment_reference.clone().unwrap_or_default(),
            amount: line.amount,
        }
    }
}

#[derive(Template)]
#[template(path = "person_payments/statement.html")]
struct StatementPage {
    page: Page,
    statement: Statement,
    year_words: String,
    fees: Vec<StatementLine>,
    expenses: Vec<StatementLine>,
}

async fn statement(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = person_id(&id)?;
    let year = asked_tax_year(&query)?.unwrap_or_else(payments::this_tax_year);
    let statement = payment_runs::statement(&state.services, &staff.actor(), id, year).await?;
    Ok(render(&StatementPage {
        page,
        year_words: tax_year_words(statement.tax_year),
        fees: statement.fees.iter().map(StatementLine::new).collect(),
        expenses: statement.expenses.iter().map(StatementLine::new).collect(),
        statement,
    })?
    .into_response())
}
