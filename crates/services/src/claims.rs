//! Expenses claims: made by the person through their personal link
//! (without an account) or by staff for them, with a receipt kept in the
//! database; approved or rejected by someone else, and the person told
//! why when a claim is rejected. Expenses are not earnings: they never
//! count towards a person's limits.

use coproduce_domain::money::Pence;
use coproduce_domain::payments::{
    ClaimInput, ClaimPlan, ExpenseKind, check_receipt, mileage_amount,
};
use coproduce_domain::{Action, ActivityId, Actor, ClaimId, OrganisationId, PersonId};
use coproduce_store::{
    ClaimRecord, ItemFilter, ItemKind, NewClaim, ReceiptFile, StoreError, SubmittedVia,
};

use crate::email::OutgoingEmail;
use crate::payments::{audit, found, person_for, today};
use crate::staff::check;
use crate::{Result, ServiceError, Services, clock, jobs};

const LINK_PURPOSE: &str = "expenses-claim-link";
/// How long a personal link to claim expenses works.
pub const LINK_DAYS: i64 = 60;

/// A claim's answers as typed: what the forms and the API carry.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ClaimAnswers {
    pub kind: String,
    pub date: String,
    /// An activity id, or empty.
    pub activity: String,
    pub amount: String,
    pub miles: String,
    pub description: String,
    pub declaration: bool,
}

/// An uploaded receipt.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Who is making a claim.
#[derive(Debug, Clone, Copy)]
pub enum Claimant<'a> {
    /// The person, through their personal link.
    Person,
    /// A member of staff, for the person, on the staff pages.
    Staff(&'a Actor),
    /// A member of staff through the API.
    Api(&'a Actor),
}

impl Claimant<'_> {
    fn actor(&self) -> Option<&Actor> {
        match self {
            Claimant::Person => None,
            Claimant::Staff(actor) | Claimant::Api(actor) => Some(actor),
        }
    }

    fn via(&self) -> SubmittedVia {
        match self {
            Claimant::Person => SubmittedVia::Link,
            Claimant::Staff(_) => SubmittedVia::Staff,
            Claimant::Api(_) => SubmittedVia::Api,
        }
    }
}

/// Makes a claim for a person. Everything is checked before anything is
/// stored: the answers, the activity (one the person was invited to), the
/// rate for mileage and any most-per-claim, and the receipt. The receipt
/// and the claim are stored together or not at all.
pub async fn submit(
    services: &Services,
    claimant: Claimant<'_>,
    person: PersonId,
    answers: &ClaimAnswers,
    receipt: Option<&Upload>,
) -> Result<ClaimId> {
    let person = match claimant.actor() {
        Some(actor) => person_for(services, actor, Action::RecordPayments, person).await?,
        None => found(services.store.person(person).await)?,
    };
    let organisation = person.organisation_id;
    let mut problems = Vec::new();
    let plan = ClaimPlan::parse(
        &ClaimInput {
            kind: &answers.kind,
            date: &answers.date,
            activity: &answers.activity,
            amount: &answers.amount,
            miles: &answers.miles,
            description: &answers.description,
            declaration: answers.declaration,
        },
        today(),
    )
    .map_err(|p| problems.extend(p))
    .ok();
    let receipt_kind = match receipt.filter(|r| !r.bytes.is_empty() || !r.file_name.is_empty()) {
        Some(upload) => match check_receipt(&upload.bytes) {
            Ok(kind) => Some(kind),
            Err(e) => {
                problems.push(("receipt", e.message));
                None
            }
        },
        None => None,
    };
    let mut amount_and_rate = None;
    if let Some(plan) = &plan {
        if let Some(activity) = plan.activity
            && !invited(services, organisation, person.id, activity).await?
        {
            problems.push((
                "activity",
                "Choose one of the activities they were invited to, or leave it empty".into(),
            ));
        }
        let rate = services
            .store
            .expense_rate_on(organisation, plan.kind, plan.date)
            .await?;
        match (plan.kind, plan.amount, plan.miles_tenths, rate) {
            (ExpenseKind::Mileage, _, Some(tenths), Some(rate)) => {
                amount_and_rate = Some((mileage_amount(rate.plan.amount, tenths), Some(rate.id)));
            }
            (ExpenseKind::Mileage, _, _, None) => problems.push((
                "kind",
                format!(
                    "There is no mileage rate for {}, so mileage cannot be claimed for that day. Ask the team to add one",
                    plan.date
                ),
            )),
            (kind, Some(amount), _, Some(rate)) if amount > rate.plan.amount => problems.push((
                "amount",
                format!(
                    "{} can be claimed up to {} each time. Enter {} or less",
                    kind.label(),
                    rate.plan.amount,
                    rate.plan.amount
                ),
            )),
            (_, Some(amount), _, rate) => amount_and_rate = Some((amount, rate.map(|r| r.id))),
            _ => {}
        }
    }
    let (Some(plan), Some((amount, rate_id))) = (plan, amount_and_rate) else {
        return Err(ServiceError::Invalid(problems));
    };
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(problems));
    }
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    let receipt_id = match (receipt, receipt_kind) {
        (Some(upload), Some(kind)) => Some(
            tx.insert_receipt(
                organisation,
                kind,
                &receipt_name(&upload.file_name, kind),
                &upload.bytes,
                now,
            )
            .await?,
        ),
        _ => None,
    };
    let id = tx
        .insert_claim(
            &NewClaim {
                organisation_id: organisation,
                person_id: person.id,
                plan: &plan,
                amount,
                rate_id,
                receipt_id,
                submitted_via: claimant.via(),
                submitted_by: claimant.actor().map(|a| a.user_id),
            },
            now,
        )
        .await?;
    audit(
        &mut tx,
        claimant.actor(),
        organisation,
        ("person", person.id.0),
        "claim.create",
        "Made an expenses claim",
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A file name safe to offer in a download: letters, digits, dots,
/// dashes and underscores, ending in the receipt's real kind.
fn receipt_name(name: &str, kind: coproduce_domain::payments::ReceiptType) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let clean: String = stem
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(60)
        .collect();
    let stem = if clean.is_empty() { "receipt" } else { &clean };
    format!("{stem}.{}", kind.extension())
}

async fn invited(
    services: &Services,
    organisation: OrganisationId,
    person: PersonId,
    activity: ActivityId,
) -> Result<bool> {
    let activity = match services.store.activity(activity).await {
        Ok(activity) => activity,
        Err(StoreError::NotFound) => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    if activity.organisation_id != organisation {
        return Ok(false);
    }
    Ok(services
        .store
        .invitations(activity.id)
        .await?
        .iter()
        .any(|i| i.person_id == person))
}

pub async fn claims(
    services: &Services,
    actor: &Actor,
    filter: ItemFilter,
    before: Option<ClaimId>,
    limit: u32,
) -> Result<Vec<ClaimRecord>> {
    check(actor.may(Action::ViewPayments))?;
    Ok(services
        .store
        .claims(actor.organisation_id, filter, before, limit.clamp(1, 200))
        .await?)
}

/// The claim, if the actor may do `action` to it.
pub async fn claim_for(
    services: &Services,
    actor: &Actor,
    action: Action,
    id: ClaimId,
) -> Result<ClaimRecord> {
    check(actor.may(action))?;
    let claim = found(services.store.claim(id).await)?;
    check(actor.may_on(action, claim.organisation_id))?;
    Ok(claim)
}

/// One claim, for staff; the view is audited.
pub async fn claim(services: &Services, actor: &Actor, id: ClaimId) -> Result<ClaimRecord> {
    let claim = claim_for(services, actor, Action::ViewPayments, id).await?;
    let mut tx = services.store.begin().await?;
    audit(
        &mut tx,
        Some(actor),
        claim.organisation_id,
        ("person", claim.person_id.0),
        "claim.view",
        "Viewed an expenses claim",
    )
    .await?;
    tx.commit().await?;
    Ok(claim)
}

/// A claim's receipt, for staff allowed to see the claim.
pub async fn receipt(services: &Services, actor: &Actor, id: ClaimId) -> Result<ReceiptFile> {
    let claim = claim_for(services, actor, Action::ViewPayments, id).await?;
    let Some(info) = &claim.receipt else {
        return Err(ServiceError::NotFound);
    };
    let file = services.store.receipt(info.id).await?;
    let mut tx = services.store.begin().await?;
    audit(
        &mut tx,
        Some(actor),
        claim.organisation_id,
        ("person", claim.person_id.0),
        "claim.receipt",
        "Opened a receipt",
    )
    .await?;
    tx.commit().await?;
    Ok(file)
}

pub async fn approve(services: &Services, actor: &Actor, id: ClaimId) -> Result<()> {
    let claim = claim_for(services, actor, Action::ApprovePayments, id).await?;
    crate::payments::decide(
        services,
        actor,
        (ItemKind::Expense, id.0),
        claim.organisation_id,
        claim.submitted_by,
        true,
        "",
    )
    .await
    .map(|_| ())
}

pub async fn reject(services: &Services, actor: &Actor, id: ClaimId, reason: &str) -> Result<()> {
    let claim = claim_for(services, actor, Action::ApprovePayments, id).await?;
    crate::payments::decide(
        services,
        actor,
        (ItemKind::Expense, id.0),
        claim.organisation_id,
        claim.submitted_by,
        false,
        reason,
    )
    .await
    .map(|_| ())
}

/// The email telling a person why their claim (or fee) was rejected, read
/// before the rejection's transaction starts and sent in it.
pub(crate) async fn rejection_email(
    services: &Services,
    item: (ItemKind, i64),
    reason: &str,
) -> Result<Option<OutgoingEmail>> {
    let (name, email, what) = match item.0 {
        ItemKind::Expense => {
            let claim = services.store.claim(ClaimId(item.1)).await?;
            (
                claim.person_name,
                claim.person_email,
                format!(
                    "your claim for {} ({}) on {}",
                    claim.amount,
                    claim.kind.label().to_lowercase(),
                    claim.spent_on
                ),
            )
        }
        ItemKind::Fee => {
            let fee = services.store.fee(coproduce_domain::FeeId(item.1)).await?;
            let person = services.store.person(fee.person_id).await?;
            (
                fee.person_name,
                person.profile.email.map(|e| e.to_string()),
                format!("the fee of {} for {}", fee.amount, fee.activity_title),
            )
        }
    };
    Ok(email.map(|to| OutgoingEmail {
        to,
        subject: "About your payment".into(),
        body: format!(
            "Hello {name},\n\nWe cannot pay {what}.\n\nThe reason is: {reason}\n\n\
             If you think this is wrong, or you want to send a new claim, reply to this email \
             or call us and we will help.\n"
        ),
        attachments: Vec::new(),
    }))
}

// ------------------------------------------------------ personal links

/// The personal link a person uses to claim expenses without an account.
/// It works for [`LINK_DAYS`] days.
pub fn link(services: &Services, person: PersonId, now: i64) -> String {
    let expires = now + LINK_DAYS * 86_400;
    let message = format!("{}.{expires}", person.0);
    let signature = services.settings.secret_key.sign(LINK_PURPOSE, &message);
    format!("{}/claim/{message}.{signature}", services.settings.base_url)
}

/// The person a claim link is for, if it is genuine and has not expired.
pub fn read_link(services: &Services, token: &str, now: i64) -> Option<PersonId> {
    let (message, signature) = token.rsplit_once('.')?;
    if !services
        .settings
        .secret_key
        .verify(LINK_PURPOSE, message, signature)
    {
        return None;
    }
    let (person, expires) = message.split_once('.')?;
    let expires: i64 = expires.parse().ok()?;
    (now <= expires).then_some(PersonId(person.parse().ok()?))
}

/// What a person sees through their link: who they are, the activities
/// they can claim for, and the claims they made.
#[derive(Debug, Clone)]
pub struct LinkPage {
    pub person_id: PersonId,
    pub first_name: String,
    pub organisation_name: String,
    pub activities: Vec<(ActivityId, String, i64)>,
    pub claims: Vec<ClaimRecord>,
}

pub async fn link_page(services: &Services, token: &str) -> Result<LinkPage> {
    let person = read_link(services, token, clock::now()).ok_or(ServiceError::NotFound)?;
    let record = found(services.store.person(person).await)?;
    let organisation = services.store.organisation(record.organisation_id).await?;
    let claims = services
        .store
        .claims(
            record.organisation_id,
            ItemFilter {
                person: Some(person),
                ..ItemFilter::default()
            },
            None,
            20,
        )
        .await?;
    Ok(LinkPage {
        person_id: person,
        first_name: record
            .profile
            .name
            .split_whitespace()
            .next()
            .unwrap_or("there")
            .to_owned(),
        organisation_name: organisation.name,
        activities: services.store.attended_activities(person).await?,
        claims,
    })
}

/// Emails a person their link to claim expenses.
pub async fn email_link(services: &Services, actor: &Actor, person: PersonId) -> Result<()> {
    let person = person_for(services, actor, Action::RecordPayments, person).await?;
    let Some(email) = person.profile.email.as_ref() else {
        return Err(ServiceError::Conflict(
            "They have no email address. Claim for them on the staff page instead, or print the link"
                .into(),
        ));
    };
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    jobs::enqueue_email(
        &mut tx,
        &OutgoingEmail {
            to: email.to_string(),
            subject: "Claim your expenses".into(),
            body: format!(
                "Hello {name},\n\nYou can claim back money you spent to take part with us, such as \
                 travel, care cover or childcare. You do not need an account.\n\n\
                 Use this link to make a claim:\n{link}\n\n\
                 The link is just for you and works for {days} days. You can add a photo or a PDF of \
                 your receipt. If you need help, reply to this email or call us.\n",
                name = person.profile.name,
                link = link(services, person.id, now),
                days = LINK_DAYS,
            ),
            attachments: Vec::new(),
        },
    )
    .await?;
    audit(
        &mut tx,
        Some(actor),
        person.organisation_id,
        ("person", person.id.0),
        "claim.link_sent",
        "Emailed a link to claim expenses",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The total of a list of claims.
pub fn total(claims: &[ClaimRecord]) -> Pence {
    Pence(claims.iter().map(|c| c.amount.0).sum())
}
