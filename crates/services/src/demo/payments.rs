//! The demo's payments, for the council: example rates (marked as
//! examples for the organisation to replace), a rate that went up at the
//! start of this tax year, people's choices and the earnings limits some
//! declared, fees worked out from the attendance of past activities, and
//! expenses claims. Older items have been paid in a payment run, one run
//! waits for the finance system, some items wait for a run, the newest
//! wait for approval, and one claim was rejected with its reason.

use coproduce_domain::activity::ActivityType;
use coproduce_domain::dates::Date;
use coproduce_domain::money::Pence;
use coproduce_domain::payments::{
    ChoicePlan, ClaimPlan, ExpenseKind, FeeChoice, LimitPeriod, LimitPlan, PayMethod, RateFor,
    RatePlan, RateUnit, ReceiptType, mileage_amount, payable, tax_year_bounds, tax_year_of,
    work_out_fee,
};
use coproduce_domain::{OrganisationId, PersonId, RateId, Role, UserId};
use coproduce_store::{ItemKind, NewClaim, NewFee, SubmittedVia, Tx};

use super::activities::Seeded;
use crate::{Result, ServiceError};

const DAY: i64 = 24 * 60 * 60;

const EXPERT: &str = "Expert by experience";
const PANEL: &str = "Interview panel member";

fn day_of(seconds: i64) -> Result<Date> {
    coproduce_domain::activity::london(seconds)
        .map(|(day, _, _)| day)
        .ok_or_else(|| ServiceError::Internal("demo day out of range".into()))
}

fn days_after(day: Date, days: i64) -> Result<Date> {
    Date::from_days_since_1970(day.days_since_1970() + days)
        .ok_or_else(|| ServiceError::Internal("demo day out of range".into()))
}

/// A rate's period: from, to, amount and the id it was given.
type Period = (Date, Option<Date>, Pence, RateId);
/// A fee rate as typed: role, unit, whether preparation is paid, and its
/// periods as (from, to, pence).
type FeeRateSeed<'a> = (
    &'static str,
    RateUnit,
    bool,
    &'a [(Date, Option<Date>, i64)],
);

/// The example rates, with the ids they were given.
struct Rates {
    /// (role, unit, pays preparation, periods)
    fees: Vec<(&'static str, RateUnit, bool, Vec<Period>)>,
    mileage: (Pence, RateId),
}

impl Rates {
    fn fee_on(&self, role: &str, day: Date) -> Option<(RateUnit, bool, Pence, RateId)> {
        let (_, unit, preparation, periods) = self.fees.iter().find(|(r, ..)| *r == role)?;
        periods
            .iter()
            .find(|(from, to, _, _)| *from <= day && to.is_none_or(|to| day <= to))
            .map(|(_, _, amount, id)| (*unit, *preparation, *amount, *id))
    }
}

async fn seed_rates(
    tx: &mut Tx,
    council: OrganisationId,
    finance: Option<UserId>,
    now: i64,
) -> Result<Rates> {
    let this_year = tax_year_of(day_of(now)?);
    let (this_start, _) =
        tax_year_bounds(this_year).ok_or_else(|| ServiceError::Internal("demo tax year".into()))?;
    let (last_start, last_end) = tax_year_bounds(this_year - 1)
        .ok_or_else(|| ServiceError::Internal("demo tax year".into()))?;
    let mut rates = Rates {
        fees: Vec::new(),
        mileage: (Pence(45), RateId(0)),
    };
    let fee_rates: [FeeRateSeed<'_>; 3] = [
        // The hourly rate went up at the start of this tax year.
        (
            EXPERT,
            RateUnit::Hour,
            true,
            &[
                (last_start, Some(last_end), 2_000),
                (this_start, None, 2_150),
            ],
        ),
        (PANEL, RateUnit::HalfDay, true, &[(last_start, None, 7_500)]),
        (
            "Co-Production Board member",
            RateUnit::Session,
            false,
            &[(last_start, None, 4_000)],
        ),
    ];
    for (role, unit, pays_preparation, periods) in fee_rates {
        let mut stored = Vec::new();
        for &(from, to, amount) in periods {
            let plan = RatePlan {
                what: RateFor::Fee {
                    role: role.to_owned(),
                    unit,
                    pays_preparation,
                },
                amount: Pence(amount),
                from,
                to,
                example: true,
            };
            let id = tx.insert_rate(council, &plan, finance, now).await?;
            stored.push((from, to, Pence(amount), id));
        }
        rates.fees.push((role, unit, pays_preparation, stored));
    }
    for (kind, amount) in [
        (ExpenseKind::Mileage, 45),
        (ExpenseKind::Meals, 1_000),
        (ExpenseKind::Taxi, 4_000),
    ] {
        let plan = RatePlan {
            what: RateFor::Expense { kind },
            amount: Pence(amount),
            from: last_start,
            to: None,
            example: true,
        };
        let id = tx.insert_rate(council, &plan, finance, now).await?;
        if kind == ExpenseKind::Mileage {
            rates.mileage = (Pence(amount), id);
        }
    }
    Ok(rates)
}

/// Standing choices and limits for some people on the register.
async fn seed_people(
    tx: &mut Tx,
    people: &[PersonId],
    officer: Option<UserId>,
    now: i64,
) -> Result<()> {
    let today = day_of(now)?;
    let advised = days_after(today, -90)?;
    let charity = ChoicePlan {
        choice: FeeChoice::Charity,
        reduced: None,
        charity: Some("Northshire Carers Centre".into()),
    };
    let reduced = ChoicePlan {
        choice: FeeChoice::Reduced,
        reduced: Some(Pence(2_000)),
        charity: None,
    };
    let vouchers = ChoicePlan {
        choice: FeeChoice::Vouchers,
        reduced: None,
        charity: None,
    };
    let decline = ChoicePlan {
        choice: FeeChoice::Decline,
        reduced: None,
        charity: None,
    };
    for (index, person) in people.iter().enumerate().take(40) {
        let (choice, method) = match index % 10 {
            1 => (reduced.clone(), Some(PayMethod::BankTransfer)),
            3 => (charity.clone(), None),
            5 => (vouchers.clone(), Some(PayMethod::Vouchers)),
            7 => (decline.clone(), None),
            8 => (ChoicePlan::take(), Some(PayMethod::Payroll)),
            _ => (ChoicePlan::take(), Some(PayMethod::BankTransfer)),
        };
        let advice = officer.filter(|_| index % 2 == 1).map(|o| (advised, o));
        tx.set_payment_preferences(*person, &choice, method, advice, now)
            .await?;
        let limit = match index % 6 {
            0 => Some(LimitPlan {
                label: "Permitted work (their own figure)".into(),
                amount: Pence(5_000),
                period: LimitPeriod::Week,
            }),
            2 => Some(LimitPlan {
                label: "Carer's Allowance earnings (their own figure)".into(),
                amount: Pence(19_600),
                period: LimitPeriod::Week,
            }),
            4 => Some(LimitPlan {
                label: "Their own yearly limit".into(),
                amount: Pence(100_000),
                period: LimitPeriod::TaxYear,
            }),
            _ => None,
        };
        if let Some(limit) = limit {
            tx.insert_limit(*person, &limit, now).await?;
        }
    }
    Ok(())
}

/// A small PDF, as a phone's scanning app might make for a bus ticket.
fn demo_receipt(text: &str) -> Vec<u8> {
    let content = format!("BT /F1 14 Tf 40 100 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 160] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (n, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{object}\nendobj\n", n + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        pdf.push_str(&format!("{offset:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf.into_bytes()
}

/// Where a past activity's items have got to, by how long ago it was.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Paid in the first run.
    Paid,
    /// In the second run, which waits for the finance system.
    InRun,
    /// Approved, waiting for the next run.
    Approved,
    /// Waiting for approval.
    Submitted,
}

fn stage(days_ago: i64) -> Stage {
    match days_ago {
        90.. => Stage::Paid,
        50..90 => Stage::InRun,
        25..50 => Stage::Approved,
        _ => Stage::Submitted,
    }
}

pub(super) async fn seed(
    tx: &mut Tx,
    council: OrganisationId,
    staff: &[(OrganisationId, UserId, Role)],
    people: &[PersonId],
    activities: &[Seeded],
    now: i64,
) -> Result<()> {
    let user = |role: Role| {
        staff
            .iter()
            .find(|(org, _, r)| *org == council && *r == role)
            .map(|(_, id, _)| *id)
    };
    let (Some(officer), Some(finance)) = (user(Role::Officer), user(Role::Finance)) else {
        return Err(ServiceError::Internal("demo staff missing".into()));
    };
    let rates = seed_rates(tx, council, Some(finance), now).await?;
    seed_people(tx, people, Some(officer), now).await?;
    let preferences = |person: &PersonId| {
        let index = people
            .iter()
            .position(|p| p == person)
            .unwrap_or(usize::MAX);
        match index % 10 {
            _ if index >= 40 => (FeeChoice::Take, None, Some(PayMethod::BankTransfer)),
            1 => (
                FeeChoice::Reduced,
                Some(Pence(2_000)),
                Some(PayMethod::BankTransfer),
            ),
            3 => (FeeChoice::Charity, None, None),
            5 => (FeeChoice::Vouchers, None, Some(PayMethod::Vouchers)),
            7 => (FeeChoice::Decline, None, None),
            8 => (FeeChoice::Take, None, Some(PayMethod::Payroll)),
            _ => (FeeChoice::Take, None, Some(PayMethod::BankTransfer)),
        }
    };
    let mut items: Vec<(Stage, ItemKind, i64, i64)> = Vec::new();
    let mut claim_turn = 0_usize;
    for activity in activities.iter().filter(|a| a.organisation == council) {
        let role = if activity.kind == ActivityType::InterviewPanel {
            PANEL
        } else {
            EXPERT
        };
        tx.set_activity_fee_role(activity.id, Some(role)).await?;
        if activity.starts_at >= now {
            continue;
        }
        let day = day_of(activity.starts_at)?;
        let days_ago = (now - activity.starts_at) / DAY;
        let stage = stage(days_ago);
        let Some((unit, pays_preparation, amount, rate_id)) = rates.fee_on(role, day) else {
            continue;
        };
        let length = u32::try_from((activity.ends_at - activity.starts_at) / 60).unwrap_or(0);
        for &(invitation, person, minutes) in &activity.attended {
            let (choice, reduced, method) = preferences(&person);
            if choice == FeeChoice::Decline {
                continue;
            }
            // The demo recorded time with preparation included.
            let minutes = minutes.unwrap_or(length).min(length);
            let working = work_out_fee(amount, unit, pays_preparation, minutes, 30);
            let fee = NewFee {
                organisation_id: council,
                person_id: person,
                activity_id: activity.id,
                invitation_id: invitation,
                rate_id,
                activity_date: day,
                minutes: i64::from(minutes),
                preparation_minutes: if pays_preparation { 30 } else { 0 },
                worked_out: working.amount,
                amount: payable(working.amount, choice, reduced),
                basis: working.basis,
                choice,
                charity: (choice == FeeChoice::Charity).then(|| "Northshire Carers Centre".into()),
                method: if choice == FeeChoice::Vouchers {
                    Some(PayMethod::Vouchers)
                } else {
                    method
                },
            };
            let created_at = activity.ends_at + DAY;
            if let Some(id) = tx.insert_fee(&fee, Some(officer), created_at).await? {
                items.push((stage, ItemKind::Fee, id.0, activity.starts_at));
            }
            // About two people in three claim expenses.
            claim_turn += 1;
            if claim_turn.is_multiple_of(3) {
                continue;
            }
            let (kind, plan_amount, miles, description) = match claim_turn % 4 {
                0 => (
                    ExpenseKind::Mileage,
                    None,
                    Some(146),
                    "Drove from home to the meeting and back",
                ),
                1 => (
                    ExpenseKind::PublicTransport,
                    Some(Pence(640)),
                    None,
                    "Bus there and back, day ticket",
                ),
                2 => (
                    ExpenseKind::CareCover,
                    Some(Pence(4_500)),
                    None,
                    "Three hours of cover for my husband while I was out",
                ),
                _ => (
                    ExpenseKind::Taxi,
                    Some(Pence(2_380)),
                    None,
                    "Taxi home because the last bus had gone",
                ),
            };
            let plan = ClaimPlan {
                kind,
                date: day,
                activity: Some(activity.id),
                amount: plan_amount,
                miles_tenths: miles,
                description: description.into(),
            };
            let (amount, rate_id) = match miles {
                Some(tenths) => (
                    mileage_amount(rates.mileage.0, tenths),
                    Some(rates.mileage.1),
                ),
                None => (plan_amount.unwrap_or(Pence(0)), None),
            };
            let receipt = if kind == ExpenseKind::Mileage {
                None
            } else {
                Some(
                    tx.insert_receipt(
                        council,
                        ReceiptType::Pdf,
                        "receipt.pdf",
                        &demo_receipt(&format!("Receipt {} for {amount}", claim_turn)),
                        created_at,
                    )
                    .await?,
                )
            };
            let by_staff = claim_turn.is_multiple_of(2);
            let id = tx
                .insert_claim(
                    &NewClaim {
                        organisation_id: council,
                        person_id: person,
                        plan: &plan,
                        amount,
                        rate_id,
                        receipt_id: receipt,
                        submitted_via: if by_staff {
                            SubmittedVia::Staff
                        } else {
                            SubmittedVia::Link
                        },
                        submitted_by: by_staff.then_some(officer),
                    },
                    created_at + DAY,
                )
                .await?;
            items.push((stage, ItemKind::Expense, id.0, activity.starts_at));
        }
    }
    // One claim is rejected, with the reason the person was given.
    if let Some(position) = items
        .iter()
        .position(|(s, k, _, _)| *s == Stage::Approved && *k == ItemKind::Expense)
        .or_else(|| {
            items
                .iter()
                .position(|(s, k, _, _)| *s == Stage::InRun && *k == ItemKind::Expense)
        })
    {
        let (_, kind, id, starts_at) = items.remove(position);
        tx.decide(
            (kind, id),
            false,
            Some("This journey was already paid on an earlier claim, so we cannot pay it twice."),
            finance,
            day_of(starts_at + 5 * DAY)?,
            starts_at + 5 * DAY,
        )
        .await?;
    }
    // Approve, run and pay in the order it happened: the first run was
    // paid, the second waits for the finance system, and the newest
    // approvals wait for the next run.
    for (stage, run_days_ago) in [
        (Stage::Paid, Some(80)),
        (Stage::InRun, Some(20)),
        (Stage::Approved, None),
    ] {
        for (_, kind, id, starts_at) in items.iter().filter(|(s, ..)| *s == stage) {
            let at = starts_at + 4 * DAY;
            tx.decide((*kind, *id), true, None, finance, day_of(at)?, at)
                .await?;
        }
        let Some(days_ago) = run_days_ago else {
            continue;
        };
        let run_at = now - days_ago * DAY;
        let run = tx.create_payment_run(council, finance, run_at).await?;
        if let (Some(run), Stage::Paid) = (run, stage) {
            tx.mark_run_paid(run.id, day_of(run_at + 3 * DAY)?, "BACS 0417", finance)
                .await?;
        }
    }
    Ok(())
}
