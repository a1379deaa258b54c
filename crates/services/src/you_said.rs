//! "You said, we did": what people said, what was done about it, and
//! closing the loop with each person who agreed to hear back. Also the
//! record that an officer checked "has this already been asked?" before
//! asking people again.
//!
//! A change of an action's status, and the emails telling people about
//! it, commit in one transaction that first checks the status is still
//! what the officer saw: two officers changing it at once cause one
//! change and one set of emails, never two.

use coproduce_domain::insights::{
    ActionStatus, AskedCheck, SAID_FIELDS, SaidInput, SaidPlan, check_status,
};
use coproduce_domain::project::Problems;
use coproduce_domain::{Action, ActivityId, Actor, Decision, InsightId, PersonId, SaidId};
use coproduce_store::{
    AskedRecord, CheckSubject, Listener, SaidFilter, SaidRecord, SaidUpdate, Viewer,
};

use crate::email::OutgoingEmail;
use crate::insights::id_of;
use crate::payments::{audit, found};
use crate::staff::check;
use crate::{Result, ServiceError, Services, clock, jobs};

/// How many entries a page lists.
pub const PER_PAGE: u32 = 25;

/// An entry's answers as typed.
#[derive(Debug, Clone, Default)]
pub struct SaidAnswers {
    pub statement: String,
    pub theme: String,
    /// An insight id, or empty.
    pub insight: String,
    /// An activity id, or empty.
    pub activity: String,
    pub topics: Vec<String>,
    pub action: String,
    pub owner: String,
    pub due_on: String,
    pub status: String,
    pub reason: String,
    pub published: bool,
    /// The people (ids) who said it and agreed to hear what happened.
    pub listeners: Vec<String>,
}

impl SaidAnswers {
    pub fn from_record(record: &SaidRecord, listeners: &[Listener]) -> Self {
        let plan = &record.plan;
        Self {
            statement: plan.statement.clone(),
            theme: plan.theme.clone(),
            insight: plan.insight.map(|i| i.to_string()).unwrap_or_default(),
            activity: plan.activity.map(|a| a.to_string()).unwrap_or_default(),
            topics: plan.topics.iter().cloned().collect(),
            action: plan.action.clone(),
            owner: plan.owner.clone(),
            due_on: plan.due_on.map(|d| d.to_numeric()).unwrap_or_default(),
            status: plan.status.as_str().to_owned(),
            reason: plan.reason.clone().unwrap_or_default(),
            published: plan.published,
            listeners: listeners.iter().map(|l| l.person_id.to_string()).collect(),
        }
    }
}

fn refused(mut problems: Problems) -> ServiceError {
    problems.sort_by_key(|(field, _)| {
        SAID_FIELDS
            .iter()
            .position(|f| f == field)
            .unwrap_or(usize::MAX)
    });
    ServiceError::Invalid(problems)
}

/// Checks the answers: the insight must be one the actor sees, the
/// activity and the people their own organisation's.
async fn plan_of(
    services: &Services,
    actor: &Actor,
    answers: &SaidAnswers,
) -> Result<(SaidPlan, Vec<PersonId>)> {
    let lists = crate::people::Lists::load(services).await?;
    let topics: Vec<String> = lists.topics.iter().map(|(s, _)| s.clone()).collect();
    let mut problems = Problems::new();
    let insight = id_of(&answers.insight, "insight", &mut problems).map(InsightId);
    let activity = id_of(&answers.activity, "activity", &mut problems).map(ActivityId);
    if let Some(id) = insight {
        let seen = services.store.insight(id).await.ok().is_some_and(|i| {
            Viewer::Staff(actor.organisation_id).sees(i.organisation_id, i.plan.visibility)
        });
        if !seen {
            problems.push(("insight", "Choose an insight from the library".into()));
        }
    }
    if let Some(id) = activity {
        let own = services.store.activity(id).await.ok();
        if own.is_none_or(|a| a.organisation_id != actor.organisation_id) {
            problems.push((
                "activity",
                "Choose one of your organisation's activities".into(),
            ));
        }
    }
    let mut listeners = Vec::new();
    for value in answers.listeners.iter().filter(|v| !v.trim().is_empty()) {
        let person = value.trim().parse::<i64>().ok().map(PersonId);
        let own = match person {
            Some(id) => services
                .store
                .person(id)
                .await
                .ok()
                .filter(|p| p.organisation_id == actor.organisation_id),
            None => None,
        };
        match own {
            Some(p) if !listeners.contains(&p.id) => listeners.push(p.id),
            Some(_) => {}
            None => problems.push((
                "listeners",
                "Choose people from your organisation's register".into(),
            )),
        }
    }
    let input = SaidInput {
        statement: &answers.statement,
        theme: &answers.theme,
        insight,
        activity,
        topics: &answers.topics,
        action: &answers.action,
        owner: &answers.owner,
        due_on: &answers.due_on,
        status: &answers.status,
        reason: &answers.reason,
        published: answers.published,
    };
    match SaidPlan::parse(&input, &topics) {
        Ok(plan) if problems.is_empty() => Ok((plan, listeners)),
        Ok(_) => Err(refused(problems)),
        Err(more) => {
            // An id that was not a number is already named once.
            for problem in more {
                if !problems.iter().any(|(f, _)| *f == problem.0) {
                    problems.push(problem);
                }
            }
            Err(refused(problems))
        }
    }
}

/// Adds an entry for the actor's organisation.
pub async fn create(services: &Services, actor: &Actor, answers: &SaidAnswers) -> Result<SaidId> {
    check(actor.may(Action::ManageInsights))?;
    let (plan, listeners) = plan_of(services, actor, answers).await?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    let id = tx
        .insert_said(
            actor.organisation_id,
            &plan,
            &listeners,
            Some(actor.user_id),
            now,
        )
        .await?;
    audit(
        &mut tx,
        Some(actor),
        actor.organisation_id,
        ("you_said", id.0),
        "you_said.create",
        &format!(
            "Added a \"you said, we did\" entry with {} people to tell",
            listeners.len()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The entry, if the actor's organisation owns it and they may change it.
pub async fn for_change(services: &Services, actor: &Actor, id: SaidId) -> Result<SaidRecord> {
    check(actor.may(Action::ManageInsights))?;
    let record = found(services.store.said(id).await)?;
    check(actor.may_on(Action::ManageInsights, record.organisation_id))?;
    Ok(record)
}

/// Changes an entry. When its status changes, everyone who agreed to hear
/// back is emailed, once. Returns how many were emailed.
pub async fn update(
    services: &Services,
    actor: &Actor,
    id: SaidId,
    answers: &SaidAnswers,
    seen_status: Option<ActionStatus>,
) -> Result<usize> {
    let record = for_change(services, actor, id).await?;
    let (plan, _) = plan_of(services, actor, answers).await?;
    let from = seen_status.unwrap_or(record.plan.status);
    let listeners = services.store.said_listeners(id).await?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.update_said(id, &plan, now).await?;
    let told = if plan.status == record.plan.status && from == record.plan.status {
        0
    } else {
        tell(
            services, &mut tx, actor, &record, &plan, from, &listeners, now,
        )
        .await?
    };
    audit(
        &mut tx,
        Some(actor),
        record.organisation_id,
        ("you_said", id.0),
        "you_said.update",
        "Changed a \"you said, we did\" entry",
    )
    .await?;
    tx.commit().await?;
    Ok(told)
}

/// Changes only an action's status (and the reason, when it is not
/// possible). `seen` is the status the officer saw: if someone changed it
/// since, nothing changes and they are told.
pub async fn change_status(
    services: &Services,
    actor: &Actor,
    id: SaidId,
    status: &str,
    reason: &str,
    seen: Option<&str>,
) -> Result<usize> {
    let record = for_change(services, actor, id).await?;
    let mut problems = Problems::new();
    let (status, reason) = check_status(status, reason, &mut problems);
    let Some(status) = status.filter(|_| problems.is_empty()) else {
        return Err(refused(problems));
    };
    let from = seen
        .and_then(ActionStatus::parse)
        .unwrap_or(record.plan.status);
    if status == from && status == record.plan.status && reason == record.plan.reason {
        return Ok(0);
    }
    let mut plan = record.plan.clone();
    plan.status = status;
    plan.reason = reason;
    let listeners = services.store.said_listeners(id).await?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    let told = if status == from && status == record.plan.status {
        // Only the reason changed: nobody is emailed again.
        tx.update_said(id, &plan, now).await?;
        0
    } else {
        tell(
            services, &mut tx, actor, &record, &plan, from, &listeners, now,
        )
        .await?
    };
    audit(
        &mut tx,
        Some(actor),
        record.organisation_id,
        ("you_said", id.0),
        "you_said.status",
        &format!(
            "Status changed to {}; {told} people emailed",
            status.label().to_lowercase()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(told)
}

/// Moves the status from `from` to the plan's, queueing an email to each
/// listener with an address, in the caller's transaction.
#[allow(clippy::too_many_arguments)]
async fn tell(
    services: &Services,
    tx: &mut coproduce_store::Tx,
    actor: &Actor,
    record: &SaidRecord,
    plan: &SaidPlan,
    from: ActionStatus,
    listeners: &[Listener],
    now: i64,
) -> Result<usize> {
    let emails: Vec<OutgoingEmail> = listeners
        .iter()
        .filter_map(|l| {
            l.email
                .as_ref()
                .map(|to| status_email(services, record, plan, &l.name, to))
        })
        .collect();
    let told = i64::try_from(emails.len()).unwrap_or(i64::MAX);
    let changed = tx
        .change_said_status(
            record.id,
            from,
            plan.status,
            plan.reason.as_deref(),
            told,
            Some(actor.user_id),
            now,
        )
        .await?;
    if !changed {
        return Err(ServiceError::Conflict(
            "Someone else changed this action's status a moment ago. Check its status now and try again"
                .into(),
        ));
    }
    for email in &emails {
        jobs::enqueue_email(tx, email).await?;
    }
    Ok(emails.len())
}

fn status_email(
    services: &Services,
    record: &SaidRecord,
    plan: &SaidPlan,
    name: &str,
    to: &str,
) -> OutgoingEmail {
    let news = match plan.status {
        ActionStatus::Planned => "We have planned what to do about it.".to_owned(),
        ActionStatus::InProgress => "We have started work on it.".to_owned(),
        ActionStatus::Done => "This is now done.".to_owned(),
        ActionStatus::NotPossible => format!(
            "We are sorry: we cannot do this. The reason is: {}",
            plan.reason.as_deref().unwrap_or("")
        ),
    };
    let due = match (plan.status, plan.due_on) {
        (ActionStatus::Planned | ActionStatus::InProgress, Some(due)) => {
            format!("\nWe aim to finish by {}.\n", due.to_numeric())
        }
        _ => String::new(),
    };
    let more = if plan.published {
        format!(
            "\nYou can see what happened to everything people told us at {}/you-said-we-did\n",
            services.settings.base_url
        )
    } else {
        String::new()
    };
    OutgoingEmail {
        to: to.to_owned(),
        subject: "What happened to what you told us".into(),
        body: format!(
            "Hello {name},\n\nYou told {org}: \"{said}\"\n\nWe said we would: {action}\n\n{news}\n{due}{more}\n\
             Thank you for telling us. If you have a question, reply to this email.\n",
            org = record.organisation_name,
            said = plan.statement,
            action = plan.action,
        ),
        attachments: Vec::new(),
    }
}

/// An entry with its history, for staff.
#[derive(Debug, Clone)]
pub struct SaidView {
    pub record: SaidRecord,
    pub updates: Vec<SaidUpdate>,
    /// The people to tell: only for the entry's own organisation.
    pub listeners: Vec<Listener>,
    pub can_change: bool,
}

/// An entry the actor may see: their organisation's, or anyone's once
/// published.
pub async fn get(services: &Services, actor: &Actor, id: SaidId) -> Result<SaidView> {
    check(actor.may(Action::ViewInsights))?;
    let record = found(services.store.said(id).await)?;
    let own = record.organisation_id == actor.organisation_id;
    if !own && !record.plan.published {
        return Err(ServiceError::NotFound);
    }
    let can_change =
        actor.may_on(Action::ManageInsights, record.organisation_id) == Decision::Allowed;
    let listeners = if can_change {
        services.store.said_listeners(id).await?
    } else {
        Vec::new()
    };
    Ok(SaidView {
        updates: services.store.said_updates(id).await?,
        listeners,
        can_change,
        record,
    })
}

/// A published entry with its history, for the public.
pub async fn public_get(services: &Services, id: SaidId) -> Result<(SaidRecord, Vec<SaidUpdate>)> {
    let record = found(services.store.said(id).await)?;
    if !record.plan.published {
        return Err(ServiceError::NotFound);
    }
    let updates = services.store.said_updates(id).await?;
    Ok((record, updates))
}

/// One page of entries: staff (`Some`) see their organisation's and every
/// published one; the public sees published ones.
pub async fn list(
    services: &Services,
    actor: Option<&Actor>,
    mut filter: SaidFilter,
    before: Option<SaidId>,
) -> Result<Vec<SaidRecord>> {
    if let Some(actor) = actor {
        check(actor.may(Action::ViewInsights))?;
    }
    filter.viewer = actor.map(|a| a.organisation_id);
    Ok(services.store.said_list(&filter, before, PER_PAGE).await?)
}

/// People who could be told about an entry: those who came to the
/// activity (or were invited to it) on the actor's organisation's
/// register, with whether they have an email address.
pub async fn possible_listeners(
    services: &Services,
    actor: &Actor,
    activity: ActivityId,
) -> Result<Vec<(PersonId, String, bool)>> {
    let activity = crate::activities::get(services, actor, activity).await?;
    let invitations = services.store.invitations(activity.id).await?;
    Ok(invitations
        .into_iter()
        .filter(|i| {
            i.attendance == Some(coproduce_domain::activity::Attendance::Attended)
                || i.status == coproduce_domain::activity::InvitationStatus::Accepted
        })
        .map(|i| (i.person_id, i.name, i.email.is_some()))
        .collect())
}

// ------------------------------------------- has this already been asked?

/// Records that the actor checked what is already known before asking
/// people about this project or activity, and what they will do.
pub async fn record_check(
    services: &Services,
    actor: &Actor,
    subject: CheckSubject,
    decision: &str,
    note: &str,
    topics: &[String],
    shown: u32,
) -> Result<()> {
    let organisation = subject_owner(services, actor, subject, true).await?;
    let lists = crate::people::Lists::load(services).await?;
    let known: Vec<String> = lists.topics.iter().map(|(s, _)| s.clone()).collect();
    let check_record =
        AskedCheck::parse(decision, note, topics, &known, shown).map_err(ServiceError::Invalid)?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.insert_asked_check(
        organisation,
        subject,
        &check_record,
        Some(actor.user_id),
        now,
    )
    .await?;
    let (kind, id) = match subject {
        CheckSubject::Project(p) => ("project", p.0),
        CheckSubject::Activity(a) => ("activity", a.0),
    };
    audit(
        &mut tx,
        Some(actor),
        organisation,
        (kind, id),
        "asked.check",
        &format!(
            "Checked what is already known: {}",
            check_record.decision.label()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The checks recorded for a project or activity the actor may see.
pub async fn checks(
    services: &Services,
    actor: &Actor,
    subject: CheckSubject,
) -> Result<Vec<AskedRecord>> {
    subject_owner(services, actor, subject, false).await?;
    Ok(services.store.asked_checks(subject).await?)
}

async fn subject_owner(
    services: &Services,
    actor: &Actor,
    subject: CheckSubject,
    change: bool,
) -> Result<coproduce_domain::OrganisationId> {
    Ok(match subject {
        CheckSubject::Project(id) => {
            let project = if change {
                crate::projects::for_change(services, actor, id).await?
            } else {
                crate::projects::get(services, actor, id).await?
            };
            project.organisation_id
        }
        CheckSubject::Activity(id) => {
            let action = if change {
                Action::ManageActivities
            } else {
                Action::ViewActivities
            };
            crate::activities::activity_for(services, actor, action, id)
                .await?
                .organisation_id
        }
    })
}
