//! Keeping people's diaries right: the reminder each person with a place
//! gets before an activity, each staff member's private calendar feed of
//! their organisation's activities, and what a reply link's page shows
//! before the person answers.

use coproduce_domain::activity::{Activity, InvitationStatus};
use coproduce_domain::{Action, Actor, InvitationId};
use coproduce_store::{AuditEvent, InvitationRecord, StoreError};

use crate::activities::{Answer, LinkProblem, read_reply_token, reply_link};
use crate::email::OutgoingEmail;
use crate::staff::check;
use crate::{Result, Services, clock, invitations, jobs, secrets};

/// How many reminders one pass of the worker sends at most; the rest wait
/// for the next pass.
const BATCH: u32 = 200;

/// Queues a reminder for every person with a place at an activity that
/// starts within its organisation's reminder time. Each invitation is
/// claimed (`reminded_at`) in the same transaction that queues its email,
/// so a reminder is sent once even when several server processes run this
/// at the same time. Returns how many were queued.
pub async fn send_due(services: &Services) -> Result<usize> {
    let now = clock::now();
    // Invitations left unanswered past the reply-by day, or until the
    // activity, become "no reply".
    let mut tx = services.store.begin().await?;
    tx.close_unanswered(now, &clock::today()).await?;
    tx.commit().await?;
    let mut sent = 0;
    for due in services.store.due_reminders(now, BATCH).await? {
        let record = match services.store.invitation(due.invitation_id).await {
            Ok(record) => record,
            Err(StoreError::NotFound) => continue,
            Err(error) => return Err(error.into()),
        };
        let activity = services.store.activity(due.activity_id).await?;
        let mut tx = services.store.begin().await?;
        if !tx.claim_reminder(record.id, now).await? {
            continue;
        }
        if let Some(email) = reminder_email(services, &activity, &record) {
            jobs::enqueue_email(&mut tx, &email).await?;
        }
        tx.audit(
            AuditEvent {
                actor: None,
                actor_label: "system",
                organisation: Some(activity.organisation_id),
                action: "invitation.reminder",
                record_type: "invitation",
                record_id: Some(record.id.0),
                detail: if record.email.is_some() {
                    "Sent a reminder by email"
                } else {
                    "Reminder due: no email address, so call them"
                },
            },
            now,
        )
        .await?;
        tx.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

fn reminder_email(
    services: &Services,
    activity: &Activity,
    record: &InvitationRecord,
) -> Option<OutgoingEmail> {
    let to = record.email.clone()?;
    let plan = &activity.plan;
    let mut place = String::new();
    if let Some(p) = &plan.place {
        place.push_str(&format!("Where: {p}\n"));
    }
    if let Some(link) = &plan.online_link {
        place.push_str(&format!("Online: {link}\n"));
    }
    Some(OutgoingEmail {
        to,
        subject: format!("Reminder: {}", plan.title),
        body: format!(
            "Hello {name},\n\nThis is a reminder that you have a place at {title}.\n\n\
             When: {when}\n{place}\n\
             If you cannot come now, please use this link to tell us, so someone else can have your place:\n\
             {decline}\n\n\
             If you need anything to take part, reply to this email or call us.\n",
            name = record.name,
            title = plan.title,
            when = invitations::when(activity),
            decline = reply_link(services, record.id, Answer::Decline, plan.ends_at),
        ),
        ..OutgoingEmail::default()
    })
}

/// How far back a calendar feed goes.
const FEED_HISTORY_SECONDS: i64 = 30 * 24 * 60 * 60;
/// The most activities one feed holds.
const FEED_LIMIT: u32 = 1_000;

/// When the actor's calendar feed address was made, if they have one. The
/// address itself cannot be shown again: only its hash is kept.
pub async fn feed_made(services: &Services, actor: &Actor) -> Result<Option<i64>> {
    check(actor.may(Action::ViewActivities))?;
    Ok(services.store.calendar_feed_made(actor.user_id).await?)
}

/// Makes a new private calendar feed token for the actor, replacing any
/// old one. The token is returned once; only its hash is kept.
pub async fn new_feed(services: &Services, actor: &Actor) -> Result<String> {
    check(actor.may(Action::ViewActivities))?;
    let token = secrets::random_token();
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.replace_calendar_feed(actor.user_id, &secrets::token_hash(&token), now)
        .await?;
    tx.audit(
        AuditEvent {
            actor: Some(actor.user_id),
            actor_label: "",
            organisation: Some(actor.organisation_id),
            action: "calendar_feed.create",
            record_type: "user",
            record_id: Some(actor.user_id.0),
            detail: "Made a new calendar feed address",
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The address of a calendar feed for a token.
pub fn feed_address(services: &Services, token: &str) -> String {
    format!("{}/calendar/{token}.ics", services.settings.base_url)
}

/// The calendar behind a feed token: the owner's organisation's
/// activities from 30 days ago onwards. `None` for an unknown token, or
/// one whose owner's account is closed or may no longer see activities.
pub async fn feed(services: &Services, token: &str) -> Result<Option<String>> {
    let Some(user) = services
        .store
        .calendar_feed_user(&secrets::token_hash(token))
        .await?
    else {
        return Ok(None);
    };
    let user = match services.store.user(user).await {
        Ok(user) => user,
        Err(StoreError::NotFound) => return Ok(None),
        Err(error) => return Err(error.into()),
    };
    if !user.active || !Action::ViewActivities.allowed_for(user.role) {
        return Ok(None);
    }
    let now = clock::now();
    let organisation = services.store.organisation(user.organisation_id).await?;
    let ids = services
        .store
        .calendar_activity_ids(user.organisation_id, now - FEED_HISTORY_SECONDS, FEED_LIMIT)
        .await?;
    let activities: Vec<_> = services
        .store
        .activities_by_ids(&ids)
        .await?
        .into_iter()
        .map(|activity| (activity, organisation.name.clone()))
        .collect();
    Ok(Some(invitations::calendar(
        services,
        &activities,
        &format!("{} activities", organisation.name),
        now,
    )))
}

/// What a reply link's page shows before the person answers. Reading it
/// changes nothing: mail scanners follow links.
#[derive(Debug, Clone)]
pub struct ReplyLinkView {
    pub invitation: InvitationId,
    pub answer: Answer,
    pub activity: Activity,
    pub organisation: String,
    /// Where the invitation stands now.
    pub status: InvitationStatus,
}

/// Reads a reply link: the activity it is about and the answer it gives,
/// or why it cannot be used. A link whose invitation is gone is not valid.
pub async fn read_reply_link(
    services: &Services,
    token: &str,
) -> Result<Result<ReplyLinkView, LinkProblem>> {
    let (invitation, answer) = match read_reply_token(services, token) {
        Ok(found) => found,
        Err(problem) => return Ok(Err(problem)),
    };
    let record = match services.store.invitation(invitation).await {
        Ok(record) => record,
        Err(StoreError::NotFound) => return Ok(Err(LinkProblem::NotValid)),
        Err(error) => return Err(error.into()),
    };
    let activity = services.store.activity(record.activity_id).await?;
    if clock::now() > activity.plan.ends_at {
        return Ok(Err(LinkProblem::Expired));
    }
    let organisation = services
        .store
        .organisation(activity.organisation_id)
        .await?
        .name;
    Ok(Ok(ReplyLinkView {
        invitation,
        answer,
        activity,
        organisation,
        status: record.status,
    }))
}

/// The longest a reminder may go before an activity: two weeks.
const MOST_REMINDER_HOURS: i64 = 14 * 24;

/// How many hours before an activity the actor's organisation reminds
/// people.
pub async fn reminder_hours(services: &Services, actor: &Actor) -> Result<i64> {
    check(actor.may(Action::ManageSettings))?;
    Ok(services.store.reminder_hours(actor.organisation_id).await?)
}

/// Sets how many hours before an activity reminders go, as typed.
pub async fn set_reminder_hours(services: &Services, actor: &Actor, hours: &str) -> Result<()> {
    check(actor.may(Action::ManageSettings))?;
    let hours = match hours.trim().parse::<i64>() {
        Ok(h) if (1..=MOST_REMINDER_HOURS).contains(&h) => h,
        _ => {
            return Err(crate::ServiceError::field(
                "reminder_hours",
                format!("Enter a whole number of hours from 1 to {MOST_REMINDER_HOURS}, like 48"),
            ));
        }
    };
    let mut tx = services.store.begin().await?;
    tx.set_reminder_hours(actor.organisation_id, hours).await?;
    tx.audit(
        AuditEvent {
            actor: Some(actor.user_id),
            actor_label: "",
            organisation: Some(actor.organisation_id),
            action: "organisation.settings",
            record_type: "organisation",
            record_id: Some(actor.organisation_id.0),
            detail: "Changed when activity reminders go out",
        },
        clock::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
