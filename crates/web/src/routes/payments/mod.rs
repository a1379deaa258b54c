//! Staff pages for paying people: the overview, the organisation's rates,
//! fees and expenses claims with their approvals, payment runs with the
//! file for the finance system, and the report on paying promptly. Each
//! area is a module with its own routes; this one holds what they share.

mod claims;
mod fees;
mod rates;
mod report;
mod runs;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use coproduce_domain::money::Pence;
use coproduce_domain::payments::PayStatus;
use coproduce_domain::permissions::Decision;
use coproduce_domain::{Action, Actor};
use coproduce_services::{payment_runs, payments};
use coproduce_store::{ItemKind, RunRecord, RunStatus, Tally};

use super::{render, uk_time};
use crate::error::WebError;
use crate::page::Page;
use crate::profile_form::Choice;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/payments", get(overview))
        .merge(rates::router())
        .merge(fees::router())
        .merge(claims::router())
        .merge(runs::router())
        .merge(report::router())
}

/// How many rows a list page shows.
const PAGE_SIZE: u32 = 25;

fn allowed(actor: &Actor, action: Action) -> bool {
    actor.may(action) == Decision::Allowed
}

/// The value of a query string field, or empty.
fn query_value<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// The `before` of a list's address: the last record of the previous page.
/// Anything that is not a number starts from the newest.
fn before_id(pairs: &[(String, String)]) -> Option<i64> {
    query_value(pairs, "before").trim().parse().ok()
}

/// The status a list is filtered by; anything unknown shows them all.
fn status_filter(pairs: &[(String, String)]) -> Option<PayStatus> {
    PayStatus::parse(query_value(pairs, "status").trim())
}

/// The status choices of a list's filter, with "all" first.
fn status_choices(chosen: Option<PayStatus>) -> Vec<Choice> {
    let mut choices = vec![Choice {
        value: String::new(),
        label: "All".into(),
        checked: chosen.is_none(),
    }];
    choices.extend(PayStatus::ALL.iter().map(|s| Choice {
        value: s.as_str().to_owned(),
        label: s.label().to_owned(),
        checked: chosen == Some(*s),
    }));
    choices
}

/// The colour of a status tag.
fn status_tag(status: PayStatus) -> &'static str {
    match status {
        PayStatus::Submitted => "govuk-tag--yellow",
        PayStatus::Approved => "govuk-tag--turquoise",
        PayStatus::Rejected => "govuk-tag--red",
        PayStatus::InRun => "govuk-tag--blue",
        PayStatus::Paid => "govuk-tag--green",
    }
}

fn run_status_words(status: RunStatus) -> &'static str {
    match status {
        RunStatus::Sent => "Waiting to be paid",
        RunStatus::Paid => "Paid",
    }
}

/// Choices from a closed list, with the one chosen marked.
fn coded<T: Copy>(
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

/// A payment run as a line of a list.
struct RunLine {
    id: i64,
    created: String,
    created_by: String,
    items: i64,
    total: Pence,
    status: &'static str,
    paid: String,
}

impl RunLine {
    fn new(run: &RunRecord) -> Self {
        Self {
            id: run.id.0,
            created: uk_time(run.created_at),
            created_by: run.created_by_name.clone().unwrap_or_default(),
            items: run.item_count,
            total: run.total,
            status: run_status_words(run.status),
            paid: run.paid_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

// ---------------------------------------------------------------- overview

#[derive(Template)]
#[template(path = "payments/overview.html")]
struct OverviewPage {
    page: Page,
    fees_waiting: Tally,
    claims_waiting: Tally,
    approved: Tally,
    target_days: i64,
    runs: Vec<RunLine>,
}

async fn overview(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
) -> Result<impl IntoResponse, WebError> {
    let actor = staff.actor();
    let services = &state.services;
    let tallies = payments::tallies(services, &actor).await?;
    let tally = |kind, status| tallies.get(&(kind, status)).copied().unwrap_or_default();
    let fees_waiting = tally(ItemKind::Fee, PayStatus::Submitted);
    let claims_waiting = tally(ItemKind::Expense, PayStatus::Submitted);
    let approved_fees = tally(ItemKind::Fee, PayStatus::Approved);
    let approved_claims = tally(ItemKind::Expense, PayStatus::Approved);
    let runs = payment_runs::runs(services, &actor, None, 5).await?;
    let target_days = payment_runs::target_days(services, &actor).await?;
    render(&OverviewPage {
        page,
        fees_waiting,
        claims_waiting,
        approved: Tally {
            count: approved_fees.count + approved_claims.count,
            total: Pence(approved_fees.total.0 + approved_claims.total.0),
        },
        target_days,
        runs: runs.iter().map(RunLine::new).collect(),
    })
}
