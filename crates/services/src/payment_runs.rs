//! Payment runs (a file for the finance system holding each approved item
//! exactly once, then recorded paid by hand or from the finance system's
//! confirmation file), what a person has been paid with their totals and
//! yearly statement, and the report on paying promptly.

use std::collections::HashMap;

use coproduce_domain::dates::{Date, parse_uk_date};
use coproduce_domain::money::Pence;
use coproduce_domain::payments::{
    LimitCheck, PayStatus, Totals, median, optional_text, tax_year_of, totals,
};
use coproduce_domain::project::Problems;
use coproduce_domain::{Action, Actor, PaymentRunId, PersonId};
use coproduce_store::{
    ItemFilter, ItemKind, LimitRecord, PayLine, PaymentPreferences, RunRecord, RunStatus,
};

use crate::import::{read_table, write_csv};
use crate::payments::{audit, found, limit_checks_of, person_for, tax_year, today};
use crate::staff::check;
use crate::{Result, ServiceError, Services, clock};

/// A warning that paying someone would take them past a limit.
#[derive(Debug, Clone)]
pub struct PersonWarning {
    pub person_id: PersonId,
    pub person_name: String,
    pub check: LimitCheck,
}

/// What the next payment run would hold.
#[derive(Debug, Clone)]
pub struct RunPreview {
    pub lines: Vec<PayLine>,
    pub total: Pence,
    pub warnings: Vec<PersonWarning>,
}

/// Warnings for fees in `lines` that would take people past a limit.
async fn warnings_for(services: &Services, lines: &[PayLine]) -> Result<Vec<PersonWarning>> {
    let items: Vec<_> = lines
        .iter()
        .filter(|l| l.kind == ItemKind::Fee && l.counts_as_earnings)
        .map(|l| (l.person_id, l.date, Pence(0)))
        .collect();
    // The fees in the run are already counted among the person's earnings
    // (approved fees are), so check each period as it stands.
    let checks = limit_checks_of(services, &items, None).await?;
    let names: HashMap<PersonId, &str> = lines
        .iter()
        .map(|l| (l.person_id, l.person_name.as_str()))
        .collect();
    let mut warnings = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (person, list) in checks {
        for check in list {
            if check.counted > check.limit && seen.insert((person, check.period_words.clone())) {
                warnings.push(PersonWarning {
                    person_id: person,
                    person_name: names.get(&person).copied().unwrap_or("").to_owned(),
                    check,
                });
            }
        }
    }
    warnings.sort_by(|a, b| a.person_name.cmp(&b.person_name));
    Ok(warnings)
}

/// The approved items that the next run would take, with warnings.
pub async fn preview(services: &Services, actor: &Actor) -> Result<RunPreview> {
    check(actor.may(Action::RunPayments))?;
    let lines = services
        .store
        .pay_lines(
            actor.organisation_id,
            ItemFilter {
                status: Some(PayStatus::Approved),
                ..ItemFilter::default()
            },
            None,
        )
        .await?;
    let warnings = warnings_for(services, &lines).await?;
    Ok(RunPreview {
        total: Pence(lines.iter().map(|l| l.amount.0).sum()),
        lines,
        warnings,
    })
}

/// Creates a payment run of every approved item in no run. Two runs
/// created at the same moment never share an item.
pub async fn create(services: &Services, actor: &Actor) -> Result<RunRecord> {
    check(actor.may(Action::RunPayments))?;
    let mut tx = services.store.begin().await?;
    let Some(run) = tx
        .create_payment_run(actor.organisation_id, actor.user_id, clock::now())
        .await?
    else {
        return Err(ServiceError::Conflict(
            "Nothing is approved and waiting to be paid, so there is no run to make".into(),
        ));
    };
    audit(
        &mut tx,
        Some(actor),
        actor.organisation_id,
        ("payment_run", run.id.0),
        "payment_run.create",
        "Created a payment run",
    )
    .await?;
    tx.commit().await?;
    Ok(run)
}

pub async fn runs(
    services: &Services,
    actor: &Actor,
    before: Option<PaymentRunId>,
    limit: u32,
) -> Result<Vec<RunRecord>> {
    check(actor.may(Action::ViewPayments))?;
    Ok(services
        .store
        .payment_runs(actor.organisation_id, before, limit.clamp(1, 200))
        .await?)
}

/// A run and its items.
pub async fn run(
    services: &Services,
    actor: &Actor,
    id: PaymentRunId,
) -> Result<(RunRecord, Vec<PayLine>)> {
    check(actor.may(Action::ViewPayments))?;
    let run = found(services.store.payment_run(id).await)?;
    check(actor.may_on(Action::ViewPayments, run.organisation_id))?;
    let lines = services
        .store
        .pay_lines(run.organisation_id, ItemFilter::default(), Some(id))
        .await?;
    Ok((run, lines))
}

/// The headings of a payment run's file.
pub const CSV_HEADERS: [&str; 11] = [
    "reference",
    "run",
    "person_id",
    "name",
    "pay_to_charity",
    "method",
    "type",
    "description",
    "date",
    "amount",
    "status",
];

/// The run as a CSV file for the finance system: one line per item.
pub async fn csv(services: &Services, actor: &Actor, id: PaymentRunId) -> Result<String> {
    check(actor.may(Action::RunPayments))?;
    let (run, lines) = run(services, actor, id).await?;
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            vec![
                l.reference(),
                run.id.0.to_string(),
                l.person_id.0.to_string(),
                l.person_name.clone(),
                l.charity.clone().unwrap_or_default(),
                l.method.map(|m| m.as_str().to_owned()).unwrap_or_default(),
                l.kind.as_str().to_owned(),
                l.description.clone(),
                l.date.to_iso(),
                l.amount.to_plain(),
                l.status.as_str().to_owned(),
            ]
        })
        .collect();
    let mut tx = services.store.begin().await?;
    audit(
        &mut tx,
        Some(actor),
        run.organisation_id,
        ("payment_run", run.id.0),
        "payment_run.export",
        "Downloaded a payment run's file",
    )
    .await?;
    tx.commit().await?;
    Ok(write_csv(&CSV_HEADERS, &rows))
}

fn paid_on(value: &str, field: &'static str, problems: &mut Problems) -> Option<Date> {
    if value.trim().is_empty() {
        problems.push((field, "Enter the date it was paid".into()));
        return None;
    }
    match parse_uk_date(value) {
        Ok(day) if day > today() => {
            problems.push((field, "The date paid must be today or in the past".into()));
            None
        }
        Ok(day) => Some(day),
        Err(e) => {
            problems.push((field, e.message));
            None
        }
    }
}

/// Records every item still waiting in a run as paid, on a date with the
/// finance system's reference.
pub async fn mark_paid(
    services: &Services,
    actor: &Actor,
    id: PaymentRunId,
    paid: &str,
    reference: &str,
) -> Result<u64> {
    check(actor.may(Action::RunPayments))?;
    let run = found(services.store.payment_run(id).await)?;
    check(actor.may_on(Action::RunPayments, run.organisation_id))?;
    let mut problems = Problems::new();
    let day = paid_on(paid, "paid_on", &mut problems);
    let reference = optional_text(reference, 200, "The reference", "reference", &mut problems)
        .unwrap_or_default();
    let Some(day) = day.filter(|_| problems.is_empty()) else {
        return Err(ServiceError::Invalid(problems));
    };
    let mut tx = services.store.begin().await?;
    let Some(marked) = tx.mark_run_paid(id, day, &reference, actor.user_id).await? else {
        return Err(ServiceError::Conflict(
            "This run has already been recorded as paid".into(),
        ));
    };
    audit(
        &mut tx,
        Some(actor),
        run.organisation_id,
        ("payment_run", id.0),
        "payment_run.paid",
        "Recorded a payment run as paid",
    )
    .await?;
    tx.commit().await?;
    Ok(marked)
}

/// What importing a confirmation file did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Confirmed {
    pub marked: usize,
    pub run_paid: bool,
}

fn column(headers: &[String], names: &[&str]) -> Option<usize> {
    headers.iter().position(|h| {
        let h = h.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        names.contains(&h.as_str())
    })
}

/// Reads the finance system's confirmation file (CSV or Excel, with
/// columns `reference`, `paid_on` and optionally `payment_reference`) and
/// records those items paid. Every line is checked first: one bad line
/// and nothing is recorded, with a message for each bad line.
pub async fn import_confirmation(
    services: &Services,
    actor: &Actor,
    id: PaymentRunId,
    file_name: &str,
    bytes: &[u8],
) -> Result<Confirmed> {
    check(actor.may(Action::RunPayments))?;
    let (run, lines) = run(services, actor, id).await?;
    if run.status == RunStatus::Paid {
        return Err(ServiceError::Conflict(
            "This run has already been recorded as paid".into(),
        ));
    }
    let table =
        read_table(file_name, bytes).map_err(|e| ServiceError::field("file", e.to_string()))?;
    let (Some(reference_at), Some(date_at)) = (
        column(&table.headers, &["reference", "item", "item_reference"]),
        column(
            &table.headers,
            &["paid_on", "date_paid", "paid", "payment_date"],
        ),
    ) else {
        return Err(ServiceError::field(
            "file",
            "The file needs a column called reference and a column called paid_on",
        ));
    };
    let payment_at = column(&table.headers, &["payment_reference", "bacs_reference"]);
    let in_run: HashMap<String, &PayLine> = lines.iter().map(|l| (l.reference(), l)).collect();
    let mut problems: Vec<String> = Vec::new();
    let mut to_mark = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for row in &table.rows {
        let cell = |i: usize| row.cells.get(i).map_or("", String::as_str);
        let reference = cell(reference_at).trim().to_ascii_uppercase();
        let Some(line) = in_run.get(&reference) else {
            problems.push(format!(
                "Row {}: {} is not an item of payment run {}",
                row.line,
                if reference.is_empty() {
                    "an empty reference".to_owned()
                } else {
                    reference.clone()
                },
                run.id
            ));
            continue;
        };
        if !seen.insert(reference.clone()) {
            problems.push(format!(
                "Row {}: {reference} is in the file twice",
                row.line
            ));
            continue;
        }
        let mut date_problems = Problems::new();
        let Some(day) = paid_on(cell(date_at), "file", &mut date_problems) else {
            for (_, message) in date_problems {
                problems.push(format!("Row {}: {message}", row.line));
            }
            continue;
        };
        let payment_reference = payment_at.map(cell).unwrap_or("").trim();
        if payment_reference.chars().count() > 200 {
            problems.push(format!(
                "Row {}: the payment reference must be 200 characters or fewer",
                row.line
            ));
            continue;
        }
        if line.status == PayStatus::InRun {
            to_mark.push((line.kind, line.id, day, payment_reference.to_owned()));
        }
    }
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(
            problems.into_iter().map(|p| ("file", p)).collect(),
        ));
    }
    let mut tx = services.store.begin().await?;
    let mut done = Confirmed::default();
    let mut last = None;
    for (kind, item, day, reference) in &to_mark {
        if tx.mark_item_paid(id, *kind, *item, *day, reference).await? {
            done.marked += 1;
            last = Some((*day, reference.clone()));
        }
    }
    if let Some((day, reference)) = last {
        done.run_paid = tx
            .finish_run_if_done(id, day, &reference, actor.user_id)
            .await?;
    }
    audit(
        &mut tx,
        Some(actor),
        run.organisation_id,
        ("payment_run", id.0),
        "payment_run.confirmation",
        "Imported the finance system's confirmation file",
    )
    .await?;
    tx.commit().await?;
    Ok(done)
}

// ------------------------------------------------- a person's payments

/// Everything about paying one person: their choices, limits, totals and
/// the items of one tax year.
#[derive(Debug, Clone)]
pub struct PersonPayments {
    pub person_id: PersonId,
    pub name: String,
    pub has_email: bool,
    pub preferences: Option<PaymentPreferences>,
    pub limits: Vec<LimitRecord>,
    /// Where they are now against each limit.
    pub limit_checks: Vec<LimitCheck>,
    pub tax_year: i32,
    /// Fees (earnings) per week, month and tax year, in the tax year.
    pub totals: Totals,
    pub fees: Vec<PayLine>,
    pub expenses: Vec<PayLine>,
    pub fees_total: Pence,
    pub expenses_total: Pence,
}

/// A person's payments in a tax year. The view is audited.
pub async fn person(
    services: &Services,
    actor: &Actor,
    id: PersonId,
    year: Option<i32>,
) -> Result<PersonPayments> {
    let person = person_for(services, actor, Action::ViewPayments, id).await?;
    let year = year.unwrap_or_else(crate::payments::this_tax_year);
    let (from, to) = tax_year(year)?;
    let lines = services
        .store
        .pay_lines(
            person.organisation_id,
            ItemFilter {
                person: Some(id),
                from: Some(from),
                to: Some(to),
                ..ItemFilter::default()
            },
            None,
        )
        .await?;
    let (fees, expenses): (Vec<_>, Vec<_>) =
        lines.into_iter().partition(|l| l.kind == ItemKind::Fee);
    let earnings: Vec<(Date, Pence)> = fees
        .iter()
        .filter(|l| l.counts_as_earnings && l.status != PayStatus::Rejected)
        .map(|l| (l.date, l.amount))
        .collect();
    let limits = services.store.earnings_limits(id).await?;
    let limit_checks = crate::payments::limit_checks(services, id, today(), Pence(0), None).await?;
    let sum = |lines: &[PayLine]| {
        Pence(
            lines
                .iter()
                .filter(|l| l.status != PayStatus::Rejected)
                .map(|l| l.amount.0)
                .sum(),
        )
    };
    let mut tx = services.store.begin().await?;
    audit(
        &mut tx,
        Some(actor),
        person.organisation_id,
        ("person", id.0),
        "person.payments_view",
        "Viewed what a person has been paid",
    )
    .await?;
    tx.commit().await?;
    Ok(PersonPayments {
        person_id: id,
        name: person.profile.name.clone(),
        has_email: person.profile.email.is_some(),
        preferences: services.store.payment_preferences(id).await?,
        limits,
        limit_checks,
        tax_year: year,
        totals: totals(&earnings),
        fees_total: sum(&fees),
        expenses_total: sum(&expenses),
        fees,
        expenses,
    })
}

/// A statement of everything paid to a person in a tax year (by the day
/// it was paid), fees apart from expenses.
#[derive(Debug, Clone)]
pub struct Statement {
    pub person_id: PersonId,
    pub name: String,
    pub organisation_name: String,
    pub tax_year: i32,
    pub from: Date,
    pub to: Date,
    pub fees: Vec<PayLine>,
    pub expenses: Vec<PayLine>,
    pub fees_total: Pence,
    pub expenses_total: Pence,
    pub made_on: Date,
}

pub async fn statement(
    services: &Services,
    actor: &Actor,
    id: PersonId,
    year: i32,
) -> Result<Statement> {
    let person = person_for(services, actor, Action::ViewPayments, id).await?;
    let (from, to) = tax_year(year)?;
    // An item is paid in the tax year it was paid in, whatever day it was
    // for, so read a year either side of the tax year.
    let lines = services
        .store
        .pay_lines(
            person.organisation_id,
            ItemFilter {
                person: Some(id),
                status: Some(PayStatus::Paid),
                from: Date::from_days_since_1970(from.days_since_1970() - 366),
                to: Some(to),
                ..ItemFilter::default()
            },
            None,
        )
        .await?;
    let (fees, expenses): (Vec<_>, Vec<_>) = lines
        .into_iter()
        .filter(|l| l.amount.0 > 0 && l.paid_on.is_some_and(|d| tax_year_of(d) == year))
        .partition(|l| l.kind == ItemKind::Fee);
    let organisation = services.store.organisation(person.organisation_id).await?;
    let mut tx = services.store.begin().await?;
    audit(
        &mut tx,
        Some(actor),
        person.organisation_id,
        ("person", id.0),
        "person.statement",
        "Made a statement of payments",
    )
    .await?;
    tx.commit().await?;
    Ok(Statement {
        person_id: id,
        name: person.profile.name.clone(),
        organisation_name: organisation.name,
        tax_year: year,
        from,
        to,
        fees_total: Pence(fees.iter().map(|l| l.amount.0).sum()),
        expenses_total: Pence(expenses.iter().map(|l| l.amount.0).sum()),
        fees,
        expenses,
        made_on: today(),
    })
}

// ------------------------------------------------------- prompt payment

/// How quickly people are paid.
#[derive(Debug, Clone)]
pub struct PromptReport {
    pub target_days: i64,
    /// Items paid in the last year (by their day).
    pub paid: usize,
    pub median_days: Option<i64>,
    pub longest_days: Option<i64>,
    pub paid_within_target: usize,
    /// Items not yet paid and older than the target, oldest first, with
    /// how many days they have waited.
    pub waiting: Vec<(PayLine, i64)>,
}

pub async fn prompt_report(services: &Services, actor: &Actor) -> Result<PromptReport> {
    check(actor.may(Action::ViewPayments))?;
    let target_days = services
        .store
        .payment_target_days(actor.organisation_id)
        .await?;
    let today = today();
    let year_ago = Date::from_days_since_1970(today.days_since_1970() - 365);
    let paid = services
        .store
        .pay_lines(
            actor.organisation_id,
            ItemFilter {
                status: Some(PayStatus::Paid),
                from: year_ago,
                ..ItemFilter::default()
            },
            None,
        )
        .await?;
    let mut days: Vec<i64> = paid
        .iter()
        .filter(|l| l.amount.0 > 0)
        .filter_map(|l| {
            l.paid_on
                .map(|p| p.days_since_1970() - l.date.days_since_1970())
        })
        .map(|d| d.max(0))
        .collect();
    let paid_within_target = days.iter().filter(|d| **d <= target_days).count();
    let longest_days = days.iter().copied().max();
    let median_days = median(&mut days);
    let cutoff =
        Date::from_days_since_1970(today.days_since_1970() - target_days - 1).unwrap_or(today);
    let waiting = services
        .store
        .unpaid_lines_before(actor.organisation_id, cutoff)
        .await?
        .into_iter()
        .map(|l| {
            let waited = today.days_since_1970() - l.date.days_since_1970();
            (l, waited)
        })
        .collect();
    Ok(PromptReport {
        target_days,
        paid: days.len(),
        median_days,
        longest_days,
        paid_within_target,
        waiting,
    })
}

/// Sets how many days from an activity to payment the organisation aims
/// for.
pub async fn set_target(services: &Services, actor: &Actor, days: &str) -> Result<()> {
    check(actor.may(Action::ManageSettings))?;
    let days: i64 = match days.trim().parse() {
        Ok(days) if (1..=365).contains(&days) => days,
        _ => {
            return Err(ServiceError::field(
                "payment_target_days",
                "Enter a number of days from 1 to 365",
            ));
        }
    };
    let mut tx = services.store.begin().await?;
    tx.set_payment_target_days(actor.organisation_id, days)
        .await?;
    audit(
        &mut tx,
        Some(actor),
        actor.organisation_id,
        ("organisation", actor.organisation_id.0),
        "settings.payment_target",
        "Changed the target for paying people",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn target_days(services: &Services, actor: &Actor) -> Result<i64> {
    check(actor.may(Action::ViewPayments))?;
    Ok(services
        .store
        .payment_target_days(actor.organisation_id)
        .await?)
}
