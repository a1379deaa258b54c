//! Paying people fairly: the organisation's dated rates, which rate an
//! activity pays, fees worked out from attendance, each person's choice
//! and earnings limits, approvals by someone other than the person who
//! recorded the item, and the warnings that come before a payment takes
//! someone past a limit they declared.

use std::collections::HashMap;

use coproduce_domain::dates::{Date, parse_uk_date};
use coproduce_domain::money::Pence;
use coproduce_domain::payments::{
    ChoicePlan, FeeChoice, LimitCheck, LimitPlan, PayMethod, PayStatus, RateFor, RateInput,
    RatePlan, check_limits, payable, period_bounds, tax_year_bounds, tax_year_of, work_out_fee,
};
use coproduce_domain::project::Problems;
use coproduce_domain::{
    Action, ActivityId, Actor, FeeId, InvitationId, LimitId, OrganisationId, PersonId, RateId,
};
use coproduce_store::{
    AuditEvent, FeeAdjustment, FeeRecord, ItemFilter, ItemKind, LimitRecord, NewFee,
    PaymentPreferences, RateRecord, StoreError, Tally, Tx,
};

use crate::staff::check;
use crate::{Result, ServiceError, Services, clock};

/// Records an audit entry for a change or view of payment records.
pub(crate) async fn audit(
    tx: &mut Tx,
    actor: Option<&Actor>,
    organisation: OrganisationId,
    record: (&str, i64),
    action: &str,
    detail: &str,
) -> Result<()> {
    tx.audit(
        AuditEvent {
            actor: actor.map(|a| a.user_id),
            actor_label: if actor.is_some() { "" } else { "personal link" },
            organisation: Some(organisation),
            action,
            record_type: record.0,
            record_id: Some(record.1),
            detail,
        },
        clock::now(),
    )
    .await?;
    Ok(())
}

/// Today in the UK.
#[allow(clippy::expect_used)]
pub fn today() -> Date {
    parse_uk_date(&clock::today())
        .ok()
        .or_else(|| Date::from_days_since_1970(clock::now().div_euclid(86_400)))
        .expect("the clock is within the years 1000 to 9999")
}

/// The day an activity happens, in the UK.
pub fn activity_day(starts_at: i64) -> Result<Date> {
    coproduce_domain::activity::london(starts_at)
        .map(|(day, _, _)| day)
        .ok_or_else(|| ServiceError::Internal("an activity's start is out of range".into()))
}

fn invalid(problems: Problems) -> ServiceError {
    ServiceError::Invalid(problems)
}

// ---------------------------------------------------------------- rates

/// A rate's answers as typed: what the form and the API carry.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct RateAnswers {
    /// `fee` or `expense`.
    pub category: String,
    pub role: String,
    pub unit: String,
    pub pays_preparation: bool,
    pub expense_kind: String,
    pub amount: String,
    pub from: String,
    pub to: String,
}

impl RateAnswers {
    pub fn check(&self) -> Result<RatePlan, Problems> {
        RatePlan::parse(&RateInput {
            category: &self.category,
            role: &self.role,
            unit: &self.unit,
            pays_preparation: self.pays_preparation,
            expense_kind: &self.expense_kind,
            amount: &self.amount,
            from: &self.from,
            to: &self.to,
        })
    }
}

/// How many fees and claims of the actor's organisation have each status,
/// with their totals.
pub async fn tallies(
    services: &Services,
    actor: &Actor,
) -> Result<HashMap<(ItemKind, PayStatus), Tally>> {
    check(actor.may(Action::ViewPayments))?;
    Ok(services.store.pay_tallies(actor.organisation_id).await?)
}

pub async fn rates(services: &Services, actor: &Actor) -> Result<Vec<RateRecord>> {
    check(actor.may(Action::ViewPayments))?;
    Ok(services.store.rates(actor.organisation_id).await?)
}

pub async fn rate(services: &Services, actor: &Actor, id: RateId) -> Result<RateRecord> {
    check(actor.may(Action::ViewPayments))?;
    let rate = found(services.store.rate(id).await)?;
    check(actor.may_on(Action::ViewPayments, rate.organisation_id))?;
    Ok(rate)
}

/// A store read, with "no such record" as the service's not found.
pub(crate) fn found<T>(result: std::result::Result<T, StoreError>) -> Result<T> {
    match result {
        Ok(value) => Ok(value),
        Err(StoreError::NotFound) => Err(ServiceError::NotFound),
        Err(error) => Err(error.into()),
    }
}

/// Adds a rate. A new rate for a role (or expense) whose current rate has
/// no end takes over from it: the current rate ends the day before. Any
/// other overlap is refused, so that no day ever has two rates and a new
/// rate never changes what was worked out before it.
pub async fn add_rate(services: &Services, actor: &Actor, answers: &RateAnswers) -> Result<RateId> {
    check(actor.may(Action::ManageRates))?;
    let plan = answers.check().map_err(invalid)?;
    add_rate_plan(services, actor, &plan).await
}

pub(crate) async fn add_rate_plan(
    services: &Services,
    actor: &Actor,
    plan: &RatePlan,
) -> Result<RateId> {
    let mut tx = services.store.begin().await?;
    let overlaps = tx
        .overlapping_rates(actor.organisation_id, &plan.what, plan.from, plan.to)
        .await?;
    for old in &overlaps {
        let takes_over = old.plan.to.is_none() && old.plan.from < plan.from;
        if !takes_over {
            let until = old
                .plan
                .to
                .map_or_else(|| "with no end date".to_owned(), |to| format!("to {to}"));
            return Err(ServiceError::field(
                "from",
                format!(
                    "This overlaps the rate of {} from {} {until}. Choose dates that do not overlap",
                    old.plan.amount_words(),
                    old.plan.from
                ),
            ));
        }
        let day_before = Date::from_days_since_1970(plan.from.days_since_1970() - 1)
            .ok_or_else(|| ServiceError::field("from", "Enter a later start date"))?;
        tx.end_rate(old.id, day_before).await?;
    }
    let id = tx
        .insert_rate(
            actor.organisation_id,
            plan,
            Some(actor.user_id),
            clock::now(),
        )
        .await?;
    audit(
        &mut tx,
        Some(actor),
        actor.organisation_id,
        ("rate", id.0),
        "rate.create",
        "Added a rate",
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

// ------------------------------------------------------- activity rates

/// Whether an activity is paid, at which rate, and the rates to choose
/// from.
#[derive(Debug, Clone)]
pub struct ActivityPay {
    pub activity_id: ActivityId,
    pub day: Date,
    pub role: Option<String>,
    /// The rate for the role in force on the activity's day.
    pub rate: Option<RateRecord>,
    pub roles: Vec<String>,
}

pub async fn activity_pay(
    services: &Services,
    actor: &Actor,
    activity: ActivityId,
) -> Result<ActivityPay> {
    let activity =
        crate::activities::activity_for(services, actor, Action::ViewActivities, activity).await?;
    let day = activity_day(activity.plan.starts_at)?;
    let role = services.store.activity_fee_role(activity.id).await?;
    let rate = match &role {
        Some(role) => {
            services
                .store
                .fee_rate_on(activity.organisation_id, role, day)
                .await?
        }
        None => None,
    };
    Ok(ActivityPay {
        activity_id: activity.id,
        day,
        role,
        rate,
        roles: services.store.fee_roles(activity.organisation_id).await?,
    })
}

/// Sets which fee rate an activity pays; an empty role makes it unpaid.
pub async fn set_activity_role(
    services: &Services,
    actor: &Actor,
    activity: ActivityId,
    role: &str,
) -> Result<()> {
    check(actor.may(Action::RecordPayments))?;
    let activity =
        crate::activities::activity_for(services, actor, Action::ViewActivities, activity).await?;
    let role = role.trim();
    let role = if role.is_empty() {
        None
    } else {
        let roles = services.store.fee_roles(activity.organisation_id).await?;
        if !roles.iter().any(|r| r == role) {
            return Err(ServiceError::field(
                "role",
                "Choose one of the rates from the list",
            ));
        }
        Some(role)
    };
    let mut tx = services.store.begin().await?;
    tx.set_activity_fee_role(activity.id, role).await?;
    audit(
        &mut tx,
        Some(actor),
        activity.organisation_id,
        ("activity", activity.id.0),
        "activity.pay",
        if role.is_some() {
            "Set the rate an activity pays"
        } else {
            "Made an activity unpaid"
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ------------------------------------------------------------ fees

/// What working out an activity's fees did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkedOut {
    pub created: Vec<FeeId>,
    /// People who already had a fee for the activity.
    pub already: usize,
    /// People who chose to take no fee.
    pub declined: usize,
}

/// The choice that applies to one invitation: its own, or the person's
/// standing choice, or the full fee.
fn choice_for(
    invitation: InvitationId,
    person: PersonId,
    own: &HashMap<InvitationId, ChoicePlan>,
    standing: &HashMap<PersonId, (ChoicePlan, Option<PayMethod>)>,
) -> (ChoicePlan, Option<PayMethod>) {
    let (standing_choice, method) = standing
        .get(&person)
        .cloned()
        .unwrap_or_else(|| (ChoicePlan::take(), None));
    let choice = own.get(&invitation).cloned().unwrap_or(standing_choice);
    let method = if choice.choice == FeeChoice::Vouchers {
        Some(PayMethod::Vouchers)
    } else {
        method
    };
    (choice, method)
}

/// Works out a fee for everyone marked as attending an activity: the rate
/// in force on the activity's day times the time recorded (or the
/// activity's length when no time was recorded), plus preparation where
/// the rate pays it. People who chose no fee get none; people who already
/// have a fee are left as they are, so this can be run again safely.
pub async fn work_out_fees(
    services: &Services,
    actor: &Actor,
    activity: ActivityId,
) -> Result<WorkedOut> {
    check(actor.may(Action::RecordPayments))?;
    let activity =
        crate::activities::activity_for(services, actor, Action::ViewActivities, activity).await?;
    let day = activity_day(activity.plan.starts_at)?;
    let Some(role) = services.store.activity_fee_role(activity.id).await? else {
        return Err(ServiceError::field(
            "role",
            "Choose the rate this activity pays before working out fees",
        ));
    };
    let Some(rate) = services
        .store
        .fee_rate_on(activity.organisation_id, &role, day)
        .await?
    else {
        return Err(ServiceError::field(
            "role",
            format!("There is no {role} rate in force on {day}. Add one on the rates page first"),
        ));
    };
    let RateFor::Fee {
        unit,
        pays_preparation,
        ..
    } = rate.plan.what
    else {
        return Err(ServiceError::Internal(
            "a fee role has an expenses rate".into(),
        ));
    };
    let attended: Vec<_> = services
        .store
        .invitations(activity.id)
        .await?
        .into_iter()
        .filter(|i| i.attendance == Some(coproduce_domain::activity::Attendance::Attended))
        .collect();
    if attended.is_empty() {
        return Err(ServiceError::field(
            "role",
            "Nobody is marked as attending yet. Record attendance first",
        ));
    }
    let people: Vec<PersonId> = attended.iter().map(|i| i.person_id).collect();
    let own = services.store.fee_choices(activity.id).await?;
    let standing = services.store.payment_preferences_of(&people).await?;
    let length = u32::try_from((activity.plan.ends_at - activity.plan.starts_at) / 60).unwrap_or(0);
    let now = clock::now();
    let mut done = WorkedOut::default();
    let mut tx = services.store.begin().await?;
    for invitation in &attended {
        let (choice, method) = choice_for(invitation.id, invitation.person_id, &own, &standing);
        if choice.choice == FeeChoice::Decline {
            done.declined += 1;
            continue;
        }
        let minutes = invitation
            .minutes
            .and_then(|m| u32::try_from(m).ok())
            .unwrap_or(length);
        let working = work_out_fee(
            rate.plan.amount,
            unit,
            pays_preparation,
            minutes,
            activity.plan.preparation_minutes,
        );
        let amount = payable(working.amount, choice.choice, choice.reduced);
        let fee = NewFee {
            organisation_id: activity.organisation_id,
            person_id: invitation.person_id,
            activity_id: activity.id,
            invitation_id: invitation.id,
            rate_id: rate.id,
            activity_date: day,
            minutes: i64::from(minutes),
            preparation_minutes: if pays_preparation {
                i64::from(activity.plan.preparation_minutes)
            } else {
                0
            },
            worked_out: working.amount,
            amount,
            basis: working.basis,
            choice: choice.choice,
            charity: choice.charity.clone(),
            method,
        };
        match tx.insert_fee(&fee, Some(actor.user_id), now).await? {
            Some(id) => {
                audit(
                    &mut tx,
                    Some(actor),
                    activity.organisation_id,
                    ("person", invitation.person_id.0),
                    "fee.create",
                    "Worked out a fee from attendance",
                )
                .await?;
                done.created.push(id);
            }
            None => done.already += 1,
        }
    }
    tx.commit().await?;
    Ok(done)
}

/// Which fees to list, as typed in a filter or query string.
pub async fn fees(
    services: &Services,
    actor: &Actor,
    filter: ItemFilter,
    before: Option<FeeId>,
    limit: u32,
) -> Result<Vec<FeeRecord>> {
    check(actor.may(Action::ViewPayments))?;
    Ok(services
        .store
        .fees(actor.organisation_id, filter, before, limit.clamp(1, 200))
        .await?)
}

/// A fee with its history and what approving it would do to the person's
/// limits.
#[derive(Debug, Clone)]
pub struct FeeView {
    pub fee: FeeRecord,
    pub adjustments: Vec<FeeAdjustment>,
    pub limits: Vec<LimitCheck>,
}

/// The fee, if the actor may do `action` to it.
pub async fn fee_for(
    services: &Services,
    actor: &Actor,
    action: Action,
    id: FeeId,
) -> Result<FeeRecord> {
    check(actor.may(action))?;
    let fee = found(services.store.fee(id).await)?;
    check(actor.may_on(action, fee.organisation_id))?;
    Ok(fee)
}

/// What counting `adding` on `day` would do to a person's limits, leaving
/// out one fee (the one being checked).
pub async fn limit_checks(
    services: &Services,
    person: PersonId,
    day: Date,
    adding: Pence,
    leave_out: Option<FeeId>,
) -> Result<Vec<LimitCheck>> {
    Ok(
        limit_checks_of(services, &[(person, day, adding)], leave_out)
            .await?
            .remove(&person)
            .unwrap_or_default(),
    )
}

/// Limit checks for several people at once, in two queries.
pub async fn limit_checks_of(
    services: &Services,
    items: &[(PersonId, Date, Pence)],
    leave_out: Option<FeeId>,
) -> Result<HashMap<PersonId, Vec<LimitCheck>>> {
    let people: Vec<PersonId> = items.iter().map(|(p, _, _)| *p).collect();
    let limits = services.store.earnings_limits_of(&people).await?;
    let with_limits: Vec<PersonId> = people
        .iter()
        .copied()
        .filter(|p| limits.contains_key(p))
        .collect();
    let Some(first) = items.iter().map(|(_, d, _)| *d).min() else {
        return Ok(HashMap::new());
    };
    let last = items.iter().map(|(_, d, _)| *d).max().unwrap_or(first);
    // The widest period is a tax year; take every earning that could share
    // one with any item.
    let from = period_bounds(coproduce_domain::payments::LimitPeriod::TaxYear, first).0;
    let to = period_bounds(coproduce_domain::payments::LimitPeriod::TaxYear, last).1;
    let earnings = services
        .store
        .earnings_of(&with_limits, from, to, leave_out)
        .await?;
    let mut checks: HashMap<PersonId, Vec<LimitCheck>> = HashMap::new();
    let mut adding: HashMap<(PersonId, Date), Pence> = HashMap::new();
    for (person, day, amount) in items {
        let entry = adding.entry((*person, *day)).or_default();
        entry.0 += amount.0;
    }
    for ((person, day), amount) in adding {
        let Some(person_limits) = limits.get(&person) else {
            continue;
        };
        let plans: Vec<LimitPlan> = person_limits.iter().map(|l| l.plan.clone()).collect();
        let empty = Vec::new();
        let so_far = earnings.get(&person).unwrap_or(&empty);
        checks
            .entry(person)
            .or_default()
            .extend(check_limits(&plans, so_far, day, amount));
    }
    Ok(checks)
}

pub async fn fee(services: &Services, actor: &Actor, id: FeeId) -> Result<FeeView> {
    let fee = fee_for(services, actor, Action::ViewPayments, id).await?;
    let adjustments = services.store.fee_adjustments(id).await?;
    let limits = if fee.choice.counts_as_earnings() {
        limit_checks(
            services,
            fee.person_id,
            fee.activity_date,
            fee.amount,
            Some(fee.id),
        )
        .await?
    } else {
        Vec::new()
    };
    let mut tx = services.store.begin().await?;
    audit(
        &mut tx,
        Some(actor),
        fee.organisation_id,
        ("person", fee.person_id.0),
        "fee.view",
        "Viewed a fee",
    )
    .await?;
    tx.commit().await?;
    Ok(FeeView {
        fee,
        adjustments,
        limits,
    })
}

/// A change to a fee as typed: the person's choice, and optionally an
/// amount set by hand with the reason.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct FeeChange {
    pub choice: String,
    pub reduced: String,
    pub charity: String,
    /// An amount set by hand, or empty to use the worked-out amount.
    pub amount: String,
    pub reason: String,
}

/// Changes a fee's choice or amount before it is paid. A change to an
/// approved fee sends it back for approval.
pub async fn change_fee(
    services: &Services,
    actor: &Actor,
    id: FeeId,
    change: &FeeChange,
) -> Result<()> {
    let fee = fee_for(services, actor, Action::RecordPayments, id).await?;
    if matches!(
        fee.progress.status,
        coproduce_domain::payments::PayStatus::InRun | coproduce_domain::payments::PayStatus::Paid
    ) {
        return Err(ServiceError::Conflict(
            "This fee is already in a payment run, so it cannot be changed".into(),
        ));
    }
    let mut problems = Problems::new();
    let choice = ChoicePlan::parse(&change.choice, &change.reduced, &change.charity)
        .map_err(|p| problems.extend(p))
        .ok();
    let by_hand = if change.amount.trim().is_empty() {
        None
    } else {
        match Pence::parse_pounds(&change.amount, "the amount") {
            Ok(amount) => Some(amount),
            Err(e) => {
                problems.push(("amount", e.message));
                None
            }
        }
    };
    let reason = if by_hand.is_some() {
        coproduce_domain::payments::reason(
            &change.reason,
            "Say why you are changing the amount",
            &mut problems,
        )
    } else {
        None
    };
    let Some(choice) = choice.filter(|_| problems.is_empty()) else {
        return Err(invalid(problems));
    };
    let amount = by_hand.unwrap_or_else(|| payable(fee.worked_out, choice.choice, choice.reduced));
    let adjustment = match (&reason, by_hand) {
        (Some(reason), Some(_)) => Some((fee.amount, reason.as_str())),
        _ => None,
    };
    let mut tx = services.store.begin().await?;
    if !tx
        .change_fee(id, amount, &choice, adjustment, actor.user_id, clock::now())
        .await?
    {
        return Err(ServiceError::Conflict(
            "This fee was put in a payment run a moment ago, so it cannot be changed".into(),
        ));
    }
    audit(
        &mut tx,
        Some(actor),
        fee.organisation_id,
        ("person", fee.person_id.0),
        "fee.change",
        if adjustment.is_some() {
            "Changed a fee's amount, with a reason"
        } else {
            "Changed the choice for a fee"
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Approves or rejects a fee or claim. Whoever recorded or submitted it
/// cannot decide on it. Of any number of people deciding at once, one
/// succeeds and the rest are told it has already been decided.
pub(crate) async fn decide(
    services: &Services,
    actor: &Actor,
    item: (ItemKind, i64),
    organisation: OrganisationId,
    submitted_by: Option<coproduce_domain::UserId>,
    approve: bool,
    reason: &str,
) -> Result<Option<String>> {
    check(actor.may_on(Action::ApprovePayments, organisation))?;
    if submitted_by == Some(actor.user_id) {
        return Err(ServiceError::Conflict(
            "You recorded this, so someone else must approve or reject it".into(),
        ));
    }
    let reason = if approve {
        None
    } else {
        let mut problems = Problems::new();
        let reason = coproduce_domain::payments::reason(
            reason,
            "Say why it is rejected: the person will be told",
            &mut problems,
        );
        if !problems.is_empty() {
            return Err(invalid(problems));
        }
        reason
    };
    // Read what the email needs before taking a connection for the change.
    let email = match &reason {
        Some(reason) => crate::claims::rejection_email(services, item, reason).await?,
        None => None,
    };
    let mut tx = services.store.begin().await?;
    let decided = tx
        .decide(
            item,
            approve,
            reason.as_deref(),
            actor.user_id,
            today(),
            clock::now(),
        )
        .await?;
    if !decided {
        return Err(ServiceError::Conflict(
            "This has already been approved or rejected".into(),
        ));
    }
    let (record, action, detail) = match (item.0, approve) {
        (ItemKind::Fee, true) => ("fee", "fee.approve", "Approved a fee"),
        (ItemKind::Fee, false) => ("fee", "fee.reject", "Rejected a fee"),
        (ItemKind::Expense, true) => ("claim", "claim.approve", "Approved an expenses claim"),
        (ItemKind::Expense, false) => ("claim", "claim.reject", "Rejected an expenses claim"),
    };
    audit(
        &mut tx,
        Some(actor),
        organisation,
        (record, item.1),
        action,
        detail,
    )
    .await?;
    if let Some(email) = &email {
        crate::jobs::enqueue_email(&mut tx, email).await?;
    }
    tx.commit().await?;
    Ok(reason)
}

pub async fn approve_fee(services: &Services, actor: &Actor, id: FeeId) -> Result<()> {
    let fee = fee_for(services, actor, Action::ApprovePayments, id).await?;
    decide(
        services,
        actor,
        (ItemKind::Fee, id.0),
        fee.organisation_id,
        fee.created_by,
        true,
        "",
    )
    .await
    .map(|_| ())
}

pub async fn reject_fee(services: &Services, actor: &Actor, id: FeeId, reason: &str) -> Result<()> {
    let fee = fee_for(services, actor, Action::ApprovePayments, id).await?;
    decide(
        services,
        actor,
        (ItemKind::Fee, id.0),
        fee.organisation_id,
        fee.created_by,
        false,
        reason,
    )
    .await
    .map(|_| ())
}

// ------------------------------------------------- a person's choices

/// Checks that a person is on the actor's organisation's register.
pub(crate) async fn person_for(
    services: &Services,
    actor: &Actor,
    action: Action,
    person: PersonId,
) -> Result<coproduce_domain::person::Person> {
    check(actor.may(action))?;
    let person = found(services.store.person(person).await)?;
    check(actor.may_on(action, person.organisation_id))?;
    Ok(person)
}

/// A person's standing choice as typed.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct PreferenceAnswers {
    pub choice: String,
    pub reduced: String,
    pub charity: String,
    pub method: String,
    /// The day benefits advice was offered, or empty.
    pub advice_offered_on: String,
}

impl PreferenceAnswers {
    pub fn from_stored(stored: Option<&PaymentPreferences>) -> Self {
        match stored {
            Some(p) => Self {
                choice: p.choice.choice.as_str().to_owned(),
                reduced: p.choice.reduced.map(Pence::to_plain).unwrap_or_default(),
                charity: p.choice.charity.clone().unwrap_or_default(),
                method: p.method.map(|m| m.as_str().to_owned()).unwrap_or_default(),
                advice_offered_on: p
                    .advice_offered_on
                    .map(Date::to_numeric)
                    .unwrap_or_default(),
            },
            None => Self {
                choice: FeeChoice::Take.as_str().to_owned(),
                ..Self::default()
            },
        }
    }
}

pub async fn set_preferences(
    services: &Services,
    actor: &Actor,
    person: PersonId,
    answers: &PreferenceAnswers,
) -> Result<()> {
    let person = person_for(services, actor, Action::RecordPayments, person).await?;
    let mut problems = Problems::new();
    let choice = ChoicePlan::parse(&answers.choice, &answers.reduced, &answers.charity)
        .map_err(|p| problems.extend(p))
        .ok();
    let method = match answers.method.trim() {
        "" => None,
        value => {
            let method = PayMethod::parse(value);
            if method.is_none() {
                problems.push(("method", "Choose how they are paid".into()));
            }
            method
        }
    };
    let advice = match answers.advice_offered_on.trim() {
        "" => None,
        value => match parse_uk_date(value) {
            Ok(day) if day > today() => {
                problems.push((
                    "advice_offered_on",
                    "The date advice was offered must be today or in the past".into(),
                ));
                None
            }
            Ok(day) => Some((day, actor.user_id)),
            Err(e) => {
                problems.push(("advice_offered_on", e.message));
                None
            }
        },
    };
    let Some(choice) = choice.filter(|_| problems.is_empty()) else {
        return Err(invalid(problems));
    };
    let mut tx = services.store.begin().await?;
    tx.set_payment_preferences(person.id, &choice, method, advice, clock::now())
        .await?;
    audit(
        &mut tx,
        Some(actor),
        person.organisation_id,
        ("person", person.id.0),
        "person.payment_preferences",
        "Changed how a person wants to be paid",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records a person's choice for one activity (their invitation).
pub async fn set_activity_choice(
    services: &Services,
    actor: &Actor,
    invitation: InvitationId,
    answers: &PreferenceAnswers,
) -> Result<()> {
    check(actor.may(Action::RecordPayments))?;
    let record = found(services.store.invitation(invitation).await)?;
    let activity = crate::activities::activity_for(
        services,
        actor,
        Action::ViewActivities,
        record.activity_id,
    )
    .await?;
    let choice =
        ChoicePlan::parse(&answers.choice, &answers.reduced, &answers.charity).map_err(invalid)?;
    let mut tx = services.store.begin().await?;
    tx.set_fee_choice(invitation, Some(&choice), clock::now())
        .await?;
    audit(
        &mut tx,
        Some(actor),
        activity.organisation_id,
        ("person", record.person_id.0),
        "invitation.fee_choice",
        "Recorded a person's choice about the fee for an activity",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds an earnings limit a person declared.
pub async fn add_limit(
    services: &Services,
    actor: &Actor,
    person: PersonId,
    label: &str,
    amount: &str,
    period: &str,
) -> Result<LimitId> {
    let person = person_for(services, actor, Action::RecordPayments, person).await?;
    let plan = LimitPlan::parse(label, amount, period).map_err(invalid)?;
    let mut tx = services.store.begin().await?;
    let id = tx.insert_limit(person.id, &plan, clock::now()).await?;
    audit(
        &mut tx,
        Some(actor),
        person.organisation_id,
        ("person", person.id.0),
        "person.limit_add",
        "Recorded an earnings limit",
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn remove_limit(
    services: &Services,
    actor: &Actor,
    person: PersonId,
    limit: LimitId,
) -> Result<()> {
    let person = person_for(services, actor, Action::RecordPayments, person).await?;
    let mut tx = services.store.begin().await?;
    if !tx.delete_limit(person.id, limit).await? {
        return Err(ServiceError::NotFound);
    }
    audit(
        &mut tx,
        Some(actor),
        person.organisation_id,
        ("person", person.id.0),
        "person.limit_remove",
        "Removed an earnings limit",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The limits a person declared.
pub async fn limits(
    services: &Services,
    actor: &Actor,
    person: PersonId,
) -> Result<Vec<LimitRecord>> {
    let person = person_for(services, actor, Action::ViewPayments, person).await?;
    Ok(services.store.earnings_limits(person.id).await?)
}

/// The fee a person would probably get for an activity (its rate for the
/// activity's length and preparation), for warnings before inviting.
pub async fn expected_fee(
    services: &Services,
    activity: &coproduce_domain::activity::Activity,
) -> Result<Option<(Date, Pence)>> {
    let day = activity_day(activity.plan.starts_at)?;
    let Some(role) = services.store.activity_fee_role(activity.id).await? else {
        return Ok(None);
    };
    let Some(rate) = services
        .store
        .fee_rate_on(activity.organisation_id, &role, day)
        .await?
    else {
        return Ok(None);
    };
    let RateFor::Fee {
        unit,
        pays_preparation,
        ..
    } = rate.plan.what
    else {
        return Ok(None);
    };
    let length = u32::try_from((activity.plan.ends_at - activity.plan.starts_at) / 60).unwrap_or(0);
    let working = work_out_fee(
        rate.plan.amount,
        unit,
        pays_preparation,
        length,
        activity.plan.preparation_minutes,
    );
    Ok(Some((day, working.amount)))
}

/// For each person, the limits that inviting them to a paid activity
/// would take them past. Empty for an unpaid activity.
pub async fn invite_warnings(
    services: &Services,
    activity: &coproduce_domain::activity::Activity,
    people: &[PersonId],
) -> Result<HashMap<PersonId, Vec<LimitCheck>>> {
    let Some((day, amount)) = expected_fee(services, activity).await? else {
        return Ok(HashMap::new());
    };
    let items: Vec<_> = people.iter().map(|p| (*p, day, amount)).collect();
    let mut checks = limit_checks_of(services, &items, None).await?;
    checks.retain(|_, list| {
        list.retain(|c| c.would_pass);
        !list.is_empty()
    });
    Ok(checks)
}

/// The first and last days of a tax year, or a clear message.
pub fn tax_year(year: i32) -> Result<(Date, Date)> {
    tax_year_bounds(year)
        .filter(|_| (2000..=2100).contains(&year))
        .ok_or_else(|| ServiceError::field("tax_year", "Enter a tax year like 2025"))
}

/// The tax year today falls in.
pub fn this_tax_year() -> i32 {
    tax_year_of(today())
}
