//! Activities: planning one, inviting people, their replies (with a fair,
//! never-overbooked waiting list), the adjustments to arrange, and
//! attendance.

use coproduce_domain::activity::{
    Activity, ActivityInput, ActivityPlan, AdjustmentKind, Attendance, InvitationStatus,
};
use coproduce_domain::person::Person;
use coproduce_domain::project::Problems;
use coproduce_domain::{
    Action, ActivityId, Actor, InvitationId, OrganisationId, PersonId, ProjectId,
};
use coproduce_store::{
    ActivitySummary, AdjustmentRecord, AuditEvent, InvitationRecord, StoreError, Tx,
};

use crate::email::OutgoingEmail;
use crate::staff::check;
use crate::{Result, ServiceError, Services, clock, jobs};

/// An activity's answers as typed: what the form and the API carry.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ActivityAnswers {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub date: String,
    pub starts: String,
    pub ends: String,
    pub place: String,
    pub features: Vec<String>,
    pub online_link: String,
    pub platform: String,
    pub places: String,
    pub roles_needed: String,
    pub preparation_minutes: String,
    pub easy_read_papers: bool,
    pub reply_by: String,
    pub open_to_public: bool,
    pub how_to_take_part: String,
    pub areas: Vec<String>,
    /// A project id, or empty.
    pub project: String,
}

impl ActivityAnswers {
    pub fn check(&self) -> Result<(ActivityPlan, Option<ProjectId>), Problems> {
        let plan = ActivityPlan::parse(&ActivityInput {
            kind: &self.kind,
            title: &self.title,
            description: &self.description,
            date: &self.date,
            starts: &self.starts,
            ends: &self.ends,
            place: &self.place,
            features: &self.features,
            online_link: &self.online_link,
            platform: &self.platform,
            places: &self.places,
            roles_needed: &self.roles_needed,
            preparation_minutes: &self.preparation_minutes,
            easy_read_papers: self.easy_read_papers,
            reply_by: &self.reply_by,
            open_to_public: self.open_to_public,
            how_to_take_part: &self.how_to_take_part,
            areas: &self.areas,
        });
        let project = match self.project.trim() {
            "" => Ok(None),
            value => value
                .parse()
                .map(|id| Some(ProjectId(id)))
                .map_err(|_| vec![("project", "Choose a project from the list".to_owned())]),
        };
        match (plan, project) {
            (Ok(plan), Ok(project)) => Ok((plan, project)),
            (plan, project) => {
                let mut problems = plan.err().unwrap_or_default();
                problems.extend(project.err().unwrap_or_default());
                Err(problems)
            }
        }
    }

    /// The answers of a stored activity, for a form that changes it.
    pub fn from_activity(activity: &Activity) -> Self {
        let plan = &activity.plan;
        let (date, starts) = coproduce_domain::activity::london(plan.starts_at)
            .map(|(d, h, m)| (d.to_numeric(), format!("{h:02}:{m:02}")))
            .unwrap_or_default();
        let ends = coproduce_domain::activity::london(plan.ends_at)
            .map(|(_, h, m)| format!("{h:02}:{m:02}"))
            .unwrap_or_default();
        Self {
            kind: plan.kind.as_str().to_owned(),
            title: plan.title.clone(),
            description: plan.description.clone(),
            date,
            starts,
            ends,
            place: plan.place.clone().unwrap_or_default(),
            features: plan
                .features
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect(),
            online_link: plan.online_link.clone().unwrap_or_default(),
            platform: plan.platform.clone().unwrap_or_default(),
            places: plan.places.to_string(),
            roles_needed: plan.roles_needed.clone().unwrap_or_default(),
            preparation_minutes: plan.preparation_minutes.to_string(),
            easy_read_papers: plan.easy_read_papers,
            reply_by: plan.reply_by.map(|d| d.to_numeric()).unwrap_or_default(),
            open_to_public: plan.open_to_public,
            how_to_take_part: plan.how_to_take_part.clone().unwrap_or_default(),
            areas: plan.areas.iter().map(|a| a.as_str().to_owned()).collect(),
            project: activity
                .project_id
                .map(|p| p.to_string())
                .unwrap_or_default(),
        }
    }
}

async fn audit(
    tx: &mut Tx,
    actor: Option<&Actor>,
    organisation: OrganisationId,
    record: (&str, i64),
    action: &str,
    detail: &str,
    now: i64,
) -> Result<()> {
    tx.audit(
        AuditEvent {
            actor: actor.map(|a| a.user_id),
            actor_label: if actor.is_some() { "" } else { "reply link" },
            organisation: Some(organisation),
            action,
            record_type: record.0,
            record_id: Some(record.1),
            detail,
        },
        now,
    )
    .await?;
    Ok(())
}

/// Plans a new activity.
pub async fn create(
    services: &Services,
    actor: &Actor,
    answers: &ActivityAnswers,
) -> Result<ActivityId> {
    check(actor.may(Action::ManageActivities))?;
    let (plan, project) = answers.check().map_err(ServiceError::Invalid)?;
    crate::projects::check_own(services, actor.organisation_id, project).await?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    let id = tx
        .insert_activity(
            actor.organisation_id,
            project,
            &plan,
            Some(actor.user_id),
            now,
        )
        .await?;
    audit(
        &mut tx,
        Some(actor),
        actor.organisation_id,
        ("activity", id.0),
        "activity.create",
        "Planned an activity",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The activity, if the actor may do `action` to it.
pub async fn activity_for(
    services: &Services,
    actor: &Actor,
    action: Action,
    id: ActivityId,
) -> Result<Activity> {
    check(actor.may(action))?;
    let activity = match services.store.activity(id).await {
        Ok(activity) => activity,
        Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
        Err(error) => return Err(error.into()),
    };
    check(actor.may_on(action, activity.organisation_id))?;
    Ok(activity)
}

pub async fn get(services: &Services, actor: &Actor, id: ActivityId) -> Result<Activity> {
    activity_for(services, actor, Action::ViewActivities, id).await
}

/// Changes an activity.
pub async fn update(
    services: &Services,
    actor: &Actor,
    id: ActivityId,
    answers: &ActivityAnswers,
) -> Result<()> {
    let activity = activity_for(services, actor, Action::ManageActivities, id).await?;
    let (plan, project) = answers.check().map_err(ServiceError::Invalid)?;
    crate::projects::check_own(services, activity.organisation_id, project).await?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.update_activity(id, project, &plan, now).await?;
    audit(
        &mut tx,
        Some(actor),
        activity.organisation_id,
        ("activity", id.0),
        "activity.update",
        "Changed an activity",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The actor's organisation's activities that have not ended, soonest
/// first.
pub async fn upcoming(
    services: &Services,
    actor: &Actor,
    after: Option<(i64, ActivityId)>,
    limit: u32,
) -> Result<Vec<ActivitySummary>> {
    check(actor.may(Action::ViewActivities))?;
    Ok(services
        .store
        .activities(
            actor.organisation_id,
            clock::now(),
            after,
            limit.clamp(1, 200),
        )
        .await?)
}

/// How far back a form's list of activities to link to goes.
const CHOICES_SINCE: i64 = 2 * 366 * 24 * 60 * 60;
/// The most activities a form offers.
const CHOICES_MAX: u32 = 200;

/// The actor's organisation's activities of the last two years and to
/// come, the latest first, for a form that links something to one: the
/// `chosen` one is added when it is older. Roles that do not see
/// activities get none.
pub async fn choices(
    services: &Services,
    actor: &Actor,
    chosen: Option<ActivityId>,
) -> Result<Vec<ActivitySummary>> {
    if actor.may(Action::ViewActivities) != coproduce_domain::Decision::Allowed {
        return Ok(Vec::new());
    }
    let mut found: Vec<ActivitySummary> = services
        .store
        .activities(
            actor.organisation_id,
            clock::now() - CHOICES_SINCE,
            None,
            CHOICES_MAX,
        )
        .await?
        .into_iter()
        .rev()
        .collect();
    if let Some(id) = chosen
        && !found.iter().any(|a| a.id == id)
        && let Ok(activity) = get(services, actor, id).await
    {
        found.insert(
            0,
            ActivitySummary {
                id,
                kind: activity.plan.kind,
                title: activity.plan.title,
                starts_at: activity.plan.starts_at,
                ends_at: activity.plan.ends_at,
                places: 0,
                accepted: 0,
                waiting: 0,
            },
        );
    }
    Ok(found)
}

/// Activities open to anyone, soonest first.
pub async fn public(services: &Services) -> Result<Vec<(Activity, String)>> {
    let ids = services
        .store
        .public_activity_ids(clock::now(), 100)
        .await?;
    let organisations = services.store.organisations().await?;
    Ok(services
        .store
        .activities_by_ids(&ids)
        .await?
        .into_iter()
        .map(|activity| {
            let name = organisations
                .iter()
                .find(|o| o.id == activity.organisation_id)
                .map(|o| o.name.clone())
                .unwrap_or_default();
            (activity, name)
        })
        .collect())
}

/// Whole activities for a page of the list, read together.
pub async fn whole(services: &Services, summaries: &[ActivitySummary]) -> Result<Vec<Activity>> {
    let ids: Vec<ActivityId> = summaries.iter().map(|s| s.id).collect();
    Ok(services.store.activities_by_ids(&ids).await?)
}

/// Everyone invited to an activity, and the adjustments to arrange.
pub async fn invitations(
    services: &Services,
    actor: &Actor,
    id: ActivityId,
) -> Result<(Vec<InvitationRecord>, Vec<AdjustmentRecord>)> {
    activity_for(services, actor, Action::ViewActivities, id).await?;
    check(actor.may(Action::ViewPeople))?;
    Ok((
        services.store.invitations(id).await?,
        services.store.adjustments(id).await?,
    ))
}

/// The purpose under which reply links are signed.
const REPLY_PURPOSE: &str = "invitation-reply";

/// The signed, personal link a person uses to accept or decline without
/// signing in. It stops working when the activity ends.
pub fn reply_link(
    services: &Services,
    invitation: InvitationId,
    answer: Answer,
    expires_at: i64,
) -> String {
    let message = format!("{}.{}.{expires_at}", invitation.0, answer.as_str());
    let signature = services.settings.secret_key.sign(REPLY_PURPOSE, &message);
    format!("{}/reply/{message}.{signature}", services.settings.base_url)
}

/// A reply to an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    Decline,
    /// Staff take the invitation back (the person is no longer needed, or
    /// asked to be left out). Like a decline, it frees their place. Never
    /// carried by a reply link.
    Cancel,
}

impl Answer {
    /// The answers a person can give: accept or decline.
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "accept" => Some(Self::Accept),
            "decline" => Some(Self::Decline),
            _ => None,
        }
    }

    /// The answers staff can record: a person's, or cancelling.
    pub fn parse_staff(value: &str) -> Option<Self> {
        match value.trim() {
            "cancel" => Some(Self::Cancel),
            other => Self::parse(other),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accept => "accept",
            Self::Decline => "decline",
            Self::Cancel => "cancel",
        }
    }
}

/// Why a reply link was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    /// Not one of ours, or changed.
    NotValid,
    /// The activity is over.
    Expired,
    /// This link was already used.
    Used,
}

/// Reads a reply link's token: the invitation and answer it carries, if
/// the signature is right and the activity has not ended.
pub fn read_reply_token(
    services: &Services,
    token: &str,
) -> Result<(InvitationId, Answer), LinkProblem> {
    let (message, signature) = token.rsplit_once('.').ok_or(LinkProblem::NotValid)?;
    if !services
        .settings
        .secret_key
        .verify(REPLY_PURPOSE, message, signature)
    {
        return Err(LinkProblem::NotValid);
    }
    let mut parts = message.split('.');
    let (Some(id), Some(answer), Some(expires), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(LinkProblem::NotValid);
    };
    let id: i64 = id.parse().map_err(|_| LinkProblem::NotValid)?;
    let answer = Answer::parse(answer).ok_or(LinkProblem::NotValid)?;
    let expires: i64 = expires.parse().map_err(|_| LinkProblem::NotValid)?;
    if clock::now() > expires {
        return Err(LinkProblem::Expired);
    }
    Ok((InvitationId(id), answer))
}

/// What happened to a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyOutcome {
    pub status: InvitationStatus,
    /// Someone moved up from the waiting list because of it.
    pub moved_up: Option<InvitationId>,
}

/// Records a reply. An acceptance takes a place if one is free, or joins
/// the waiting list; a place given up goes to the first on the waiting
/// list, who is told by email. Replies to one activity take turns, so
/// places are never overbooked.
pub async fn reply(
    services: &Services,
    invitation: InvitationId,
    answer: Answer,
    by: Option<&Actor>,
    link: bool,
) -> Result<ReplyOutcome> {
    let record = match services.store.invitation(invitation).await {
        Ok(record) => record,
        Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
        Err(error) => return Err(error.into()),
    };
    let activity = services.store.activity(record.activity_id).await?;
    if let Some(actor) = by {
        check(actor.may_on(Action::ManageActivities, activity.organisation_id))?;
    }
    let now = clock::now();
    if now > activity.plan.ends_at {
        return Err(ServiceError::Conflict(
            "This activity has finished, so replies are closed".into(),
        ));
    }
    // Whatever is read outside the transaction is read before the
    // activity's turn is taken. A reply waiting for its turn holds a
    // database connection; with as many replies waiting as there are
    // connections, a read made during the turn would find no connection
    // free and wait until the pool gave up.
    let person = services.store.person(record.person_id).await?;
    for _ in 0..5 {
        let waiting = match answer {
            Answer::Decline | Answer::Cancel => first_waiting(services, activity.id).await?,
            Answer::Accept => None,
        };
        let turn = Turn {
            record: &record,
            person: &person,
            activity: &activity,
            waiting: waiting.as_ref(),
        };
        if let Some(outcome) = turn.take(services, answer, by, link, now).await? {
            return Ok(outcome);
        }
        // The waiting list changed between reading it and taking the
        // turn: read it again.
    }
    Err(ServiceError::Conflict(
        "Many replies arrived at once. Try again".into(),
    ))
}

/// The first person on an activity's waiting list, read outside any
/// transaction.
async fn first_waiting(
    services: &Services,
    activity: ActivityId,
) -> Result<Option<(InvitationRecord, Person)>> {
    let first = services
        .store
        .invitations(activity)
        .await?
        .into_iter()
        .filter(|i| i.status == InvitationStatus::WaitingList)
        .min_by_key(|i| (i.waiting_position, i.id));
    match first {
        None => Ok(None),
        Some(record) => {
            let person = services.store.person(record.person_id).await?;
            Ok(Some((record, person)))
        }
    }
}

/// One reply's turn at an activity's places, with everything it needs
/// already read.
struct Turn<'a> {
    record: &'a InvitationRecord,
    person: &'a Person,
    activity: &'a Activity,
    /// Who was first on the waiting list just before the turn.
    waiting: Option<&'a (InvitationRecord, Person)>,
}

impl Turn<'_> {
    /// Decides the reply. None when the first person waiting is no longer
    /// the one read before: nothing is written then.
    async fn take(
        &self,
        services: &Services,
        answer: Answer,
        by: Option<&Actor>,
        link: bool,
        now: i64,
    ) -> Result<Option<ReplyOutcome>> {
        let (invitation, activity) = (self.record.id, self.activity);
        let mut tx = services.store.begin().await?;
        let places = tx.lock_activity(activity.id, now).await?;
        if link && !tx.use_reply_link(invitation, answer.as_str(), now).await? {
            return Err(ServiceError::Conflict(
                "This link has already been used".into(),
            ));
        }
        let current = tx.invitation_status(invitation).await?;
        if current == InvitationStatus::Cancelled {
            return Err(ServiceError::Conflict(
                "This invitation was cancelled".into(),
            ));
        }
        let mut moved_up = None;
        let status = match answer {
            Answer::Accept
                if current == InvitationStatus::Accepted
                    || current == InvitationStatus::WaitingList =>
            {
                current
            }
            Answer::Accept => {
                if tx.accepted_count(activity.id).await? < places {
                    tx.set_invitation_status(invitation, InvitationStatus::Accepted, now)
                        .await?;
                    add_adjustments(&mut tx, invitation, self.person).await?;
                    InvitationStatus::Accepted
                } else {
                    tx.to_waiting_list(invitation, activity.id, now).await?;
                    InvitationStatus::WaitingList
                }
            }
            Answer::Decline | Answer::Cancel => {
                let next = if current == InvitationStatus::Accepted {
                    tx.first_waiting(activity.id).await?
                } else {
                    None
                };
                let status = if answer == Answer::Cancel {
                    InvitationStatus::Cancelled
                } else {
                    InvitationStatus::Declined
                };
                tx.set_invitation_status(invitation, status, now).await?;
                if let Some(next) = next {
                    let Some((next_record, next_person)) =
                        self.waiting.filter(|(r, _)| r.id == next)
                    else {
                        return Ok(None);
                    };
                    tx.set_invitation_status(next, InvitationStatus::Accepted, now)
                        .await?;
                    add_adjustments(&mut tx, next, next_person).await?;
                    if let Some(email) = moved_up_email(services, activity, next_record) {
                        jobs::enqueue_email(&mut tx, &email).await?;
                    }
                    moved_up = Some(next);
                }
                status
            }
        };
        audit(
            &mut tx,
            by,
            activity.organisation_id,
            ("invitation", invitation.0),
            "invitation.reply",
            match status {
                InvitationStatus::Accepted => "Accepted an invitation",
                InvitationStatus::WaitingList => "Joined the waiting list",
                InvitationStatus::Cancelled => "Cancelled an invitation",
                _ => "Declined an invitation",
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(ReplyOutcome { status, moved_up }))
    }
}

/// Copies a person's needs to the adjustments to arrange for them.
async fn add_adjustments(tx: &mut Tx, invitation: InvitationId, person: &Person) -> Result<()> {
    for kind in AdjustmentKind::for_needs(&person.profile.access_needs, &person.profile.formats) {
        tx.add_adjustment(invitation, kind).await?;
    }
    Ok(())
}

fn moved_up_email(
    services: &Services,
    activity: &Activity,
    record: &InvitationRecord,
) -> Option<OutgoingEmail> {
    let to = record.email.clone()?;
    let when = coproduce_domain::activity::london(activity.plan.starts_at)
        .map(|(d, h, m)| format!("{d} at {h:02}:{m:02}"))
        .unwrap_or_default();
    Some(OutgoingEmail {
        to,
        subject: format!("A place is free for you: {}", activity.plan.title),
        body: format!(
            "Hello {name},\n\nGood news. Someone gave up their place, so you now have a place at {title} on {when}.\n\n\
             If you cannot come after all, use this link to say so:\n{decline}\n\n\
             If you need anything to take part, reply to this email or call us.\n",
            name = record.name,
            title = activity.plan.title,
            decline = reply_link(services, record.id, Answer::Decline, activity.plan.ends_at),
        ),
        ..OutgoingEmail::default()
    })
}

/// Records attendance for a person who was invited.
pub async fn record_attendance(
    services: &Services,
    actor: &Actor,
    activity: ActivityId,
    person: PersonId,
    attendance: &str,
    minutes: &str,
    notes: &str,
) -> Result<()> {
    let activity = activity_for(services, actor, Action::ManageActivities, activity).await?;
    let mut problems = Problems::new();
    let attendance = Attendance::parse(attendance).or_else(|| {
        problems.push(("attendance", "Choose whether they attended".into()));
        None
    });
    let minutes = match minutes.trim() {
        "" => None,
        value => match value.parse::<u32>() {
            Ok(m) if m <= 24 * 60 => Some(m),
            _ => {
                problems.push((
                    "minutes",
                    "Time spent must be a whole number of minutes, like 90".into(),
                ));
                None
            }
        },
    };
    let notes = coproduce_domain::person::parse_free_text(notes, 2_000, "The notes")
        .unwrap_or_else(|e| {
            problems.push(("notes", e.message));
            None
        });
    let Some(attendance) = attendance.filter(|_| problems.is_empty()) else {
        return Err(ServiceError::Invalid(problems));
    };
    let invitation = services
        .store
        .invitations(activity.id)
        .await?
        .into_iter()
        .find(|i| i.person_id == person)
        .ok_or(ServiceError::NotFound)?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.set_attendance(invitation.id, attendance, minutes, notes.as_deref())
        .await?;
    audit(
        &mut tx,
        Some(actor),
        activity.organisation_id,
        ("invitation", invitation.id.0),
        "invitation.attendance",
        "Recorded attendance",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Marks an adjustment arranged, or not yet.
pub async fn set_adjustment(
    services: &Services,
    actor: &Actor,
    activity: ActivityId,
    adjustment: i64,
    done: bool,
) -> Result<()> {
    let activity = activity_for(services, actor, Action::ManageActivities, activity).await?;
    if !services
        .store
        .adjustments(activity.id)
        .await?
        .iter()
        .any(|a| a.id == adjustment)
    {
        return Err(ServiceError::NotFound);
    }
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.set_adjustment_done(adjustment, Some(actor.user_id), done.then_some(now))
        .await?;
    audit(
        &mut tx,
        Some(actor),
        activity.organisation_id,
        ("activity", activity.id.0),
        "activity.adjustment",
        if done {
            "Arranged an adjustment"
        } else {
            "Marked an adjustment as not arranged"
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Invites people from the organisation's register. Each person with an
/// email address is sent the details, the access arrangements, a calendar
/// file and their personal reply links; the rest go on the call list.
pub async fn invite(
    services: &Services,
    actor: &Actor,
    activity: ActivityId,
    people: &[PersonId],
) -> Result<Vec<InvitationId>> {
    let activity = activity_for(services, actor, Action::ManageActivities, activity).await?;
    check(actor.may(Action::ManagePeople))?;
    let now = clock::now();
    if now > activity.plan.ends_at {
        return Err(ServiceError::Conflict(
            "This activity has finished, so nobody new can be invited".into(),
        ));
    }
    if people.is_empty() {
        return Err(ServiceError::field(
            "person_ids",
            "Choose at least one person to invite",
        ));
    }
    let mut found = Vec::new();
    for id in people {
        match services.store.person(*id).await {
            Ok(person) if person.organisation_id == activity.organisation_id => found.push(person),
            Ok(_) | Err(StoreError::NotFound) => {
                return Err(ServiceError::field(
                    "person_ids",
                    format!("Person {id} is not on your register"),
                ));
            }
            Err(error) => return Err(error.into()),
        }
    }
    let organisation = services
        .store
        .organisation(activity.organisation_id)
        .await?
        .name;
    let mut tx = services.store.begin().await?;
    let mut ids = Vec::new();
    for person in &found {
        let id = match tx
            .insert_invitation(activity.id, person.id, Some(actor.user_id), now)
            .await
        {
            Err(StoreError::Conflict { .. }) => {
                return Err(ServiceError::field(
                    "person_ids",
                    format!("{} is already invited", person.profile.name),
                ));
            }
            other => other?,
        };
        if let Some(email) =
            crate::invitations::invitation_email(services, &activity, &organisation, person, id)
        {
            jobs::enqueue_email(&mut tx, &email).await?;
        }
        audit(
            &mut tx,
            Some(actor),
            activity.organisation_id,
            ("invitation", id.0),
            "invitation.create",
            "Invited a person to an activity",
            now,
        )
        .await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids)
}
