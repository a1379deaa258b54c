//! The register of experts by experience: applying through the public form,
//! staff adding and changing people, the register's search, and the
//! history around each person.

use std::collections::BTreeSet;

use coproduce_domain::person::{
    AccessNeed, ContactMethod, Day, ExperienceArea, ExperienceType, Format, Mode,
    PRIVACY_NOTICE_VERSION, Person, PersonFilter, PersonSummary, Profile, Recognition, Source,
    Status, TimeOfDay, parse_free_text, parse_person_name, parse_postcode,
};
use coproduce_domain::phone::Phone;
use coproduce_domain::{Action, Actor, Email, OrganisationId, PersonId};
use coproduce_store::{
    AuditEvent, ConsentRecord, HistoryEntry, NewPersonRecord, OnboardingItem, StatusChange,
    StoreError,
};
use serde::{Deserialize, Serialize};

use crate::email::OutgoingEmail;
use crate::staff::check;
use crate::{Result, ServiceError, Services, clock, jobs};

/// A person's answers as typed, before they are checked: what a form, a
/// saved draft of the public journey, or an API call carries.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Answers {
    pub name: String,
    pub contact_methods: Vec<String>,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub postcode: String,
    pub supporter_name: String,
    pub supporter_contact: String,
    pub formats: Vec<String>,
    pub other_language: String,
    pub access_needs: Vec<String>,
    pub access_other: String,
    pub experience_types: Vec<String>,
    pub experience_areas: Vec<String>,
    pub experience_other: String,
    pub topics: Vec<String>,
    pub localities: Vec<String>,
    pub days: Vec<String>,
    pub times: Vec<String>,
    pub modes: Vec<String>,
    pub recognition: String,
}

/// The partnership's lists that answers are checked against.
pub struct Lists {
    pub topics: Vec<(String, String)>,
    pub localities: Vec<(String, String)>,
}

impl Lists {
    pub async fn load(services: &Services) -> Result<Self> {
        Ok(Self {
            topics: services.store.vocabulary("topic").await?,
            localities: services.store.vocabulary("locality").await?,
        })
    }

    pub fn topic_label<'a>(&'a self, slug: &'a str) -> &'a str {
        label_of(&self.topics, slug)
    }

    pub fn locality_label<'a>(&'a self, slug: &'a str) -> &'a str {
        label_of(&self.localities, slug)
    }
}

fn label_of<'a>(list: &'a [(String, String)], slug: &'a str) -> &'a str {
    list.iter()
        .find(|(s, _)| s == slug)
        .map_or(slug, |(_, label)| label.as_str())
}

/// Field messages, in the order the questions are asked.
pub type Problems = Vec<(&'static str, String)>;

fn codes<T: Ord>(
    values: &[String],
    parse: impl Fn(&str) -> Option<T>,
    field: &'static str,
    problems: &mut Problems,
) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for value in values.iter().filter(|v| !v.trim().is_empty()) {
        match parse(value) {
            Some(item) => {
                set.insert(item);
            }
            None => problems.push((field, "Choose from the list".into())),
        }
    }
    set
}

fn listed(
    values: &[String],
    list: &[(String, String)],
    field: &'static str,
    problems: &mut Problems,
) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    for value in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if list.iter().any(|(slug, _)| slug == value) {
            set.insert(value.to_owned());
        } else {
            problems.push((field, "Choose from the list".into()));
        }
    }
    set
}

impl Answers {
    /// Checks the answers. Returns the profile built from every answer that
    /// could be read, and one message for each answer that could not or
    /// that is missing. The profile is complete only when there are none.
    pub fn check(&self, lists: &Lists) -> (Profile, Problems) {
        let mut problems = Problems::new();
        let text =
            |value: &str, max: usize, what: &str, field: &'static str, problems: &mut Problems| {
                parse_free_text(value, max, what).unwrap_or_else(|e| {
                    problems.push((field, e.message));
                    None
                })
            };
        let name = if self.name.trim().is_empty() {
            String::new()
        } else {
            parse_person_name(&self.name).unwrap_or_else(|e| {
                problems.push(("name", e.message));
                String::new()
            })
        };
        let email = match self.email.trim() {
            "" => None,
            value => Email::parse(value)
                .map_err(|e| problems.push(("email", e.message)))
                .ok(),
        };
        let phone = match self.phone.trim() {
            "" => None,
            value => Phone::parse(value)
                .map_err(|e| problems.push(("phone", e.message)))
                .ok(),
        };
        let postcode = match self.postcode.trim() {
            "" => None,
            value => parse_postcode(value)
                .map_err(|e| problems.push(("postcode", e.message)))
                .ok(),
        };
        let profile = Profile {
            name,
            email,
            phone,
            address: text(&self.address, 500, "Address", "address", &mut problems),
            postcode,
            contact_methods: codes(
                &self.contact_methods,
                ContactMethod::parse,
                "contact_methods",
                &mut problems,
            ),
            supporter_name: text(
                &self.supporter_name,
                100,
                "Their name",
                "supporter_name",
                &mut problems,
            ),
            supporter_contact: text(
                &self.supporter_contact,
                200,
                "Their contact details",
                "supporter_contact",
                &mut problems,
            ),
            formats: codes(&self.formats, Format::parse, "formats", &mut problems),
            other_language: text(
                &self.other_language,
                100,
                "The language",
                "other_language",
                &mut problems,
            ),
            access_needs: codes(
                &self.access_needs,
                AccessNeed::parse,
                "access_needs",
                &mut problems,
            ),
            access_other: text(
                &self.access_other,
                1000,
                "What else you need",
                "access_other",
                &mut problems,
            ),
            experience_types: codes(
                &self.experience_types,
                ExperienceType::parse,
                "experience_types",
                &mut problems,
            ),
            experience_areas: codes(
                &self.experience_areas,
                ExperienceArea::parse,
                "experience_areas",
                &mut problems,
            ),
            experience_other: text(
                &self.experience_other,
                200,
                "The other area",
                "experience_other",
                &mut problems,
            ),
            topics: listed(&self.topics, &lists.topics, "topics", &mut problems),
            localities: listed(
                &self.localities,
                &lists.localities,
                "localities",
                &mut problems,
            ),
            days: codes(&self.days, Day::parse, "days", &mut problems),
            times: codes(&self.times, TimeOfDay::parse, "times", &mut problems),
            modes: codes(&self.modes, Mode::parse, "modes", &mut problems),
            recognition: match self.recognition.trim() {
                "" => None,
                value => Recognition::parse(value).or_else(|| {
                    problems.push(("recognition", "Choose from the list".into()));
                    None
                }),
            },
        };
        // Completeness, where the answer itself was readable.
        for (field, message) in profile.problems() {
            if !problems.iter().any(|(f, _)| *f == field) {
                problems.push((field, message));
            }
        }
        problems.sort_by_key(|(field, _)| {
            FIELD_ORDER
                .iter()
                .position(|f| f == field)
                .unwrap_or(usize::MAX)
        });
        (profile, problems)
    }

    /// The answers of a stored profile, for a form that changes them.
    pub fn from_profile(profile: &Profile) -> Self {
        fn codes<T: Copy>(set: &BTreeSet<T>, code: impl Fn(T) -> &'static str) -> Vec<String> {
            set.iter().map(|item| code(*item).to_owned()).collect()
        }
        Self {
            name: profile.name.clone(),
            contact_methods: codes(&profile.contact_methods, ContactMethod::as_str),
            email: profile
                .email
                .as_ref()
                .map(|e| e.to_string())
                .unwrap_or_default(),
            phone: profile
                .phone
                .as_ref()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default(),
            address: profile.address.clone().unwrap_or_default(),
            postcode: profile.postcode.clone().unwrap_or_default(),
            supporter_name: profile.supporter_name.clone().unwrap_or_default(),
            supporter_contact: profile.supporter_contact.clone().unwrap_or_default(),
            formats: codes(&profile.formats, Format::as_str),
            other_language: profile.other_language.clone().unwrap_or_default(),
            access_needs: codes(&profile.access_needs, AccessNeed::as_str),
            access_other: profile.access_other.clone().unwrap_or_default(),
            experience_types: codes(&profile.experience_types, ExperienceType::as_str),
            experience_areas: codes(&profile.experience_areas, ExperienceArea::as_str),
            experience_other: profile.experience_other.clone().unwrap_or_default(),
            topics: profile.topics.iter().cloned().collect(),
            localities: profile.localities.iter().cloned().collect(),
            days: codes(&profile.days, Day::as_str),
            times: codes(&profile.times, TimeOfDay::as_str),
            modes: codes(&profile.modes, Mode::as_str),
            recognition: profile
                .recognition
                .map(|r| r.as_str().to_owned())
                .unwrap_or_default(),
        }
    }
}

/// Every answer's field name, in the order the questions are asked.
pub const FIELD_ORDER: &[&str] = &[
    "name",
    "contact_methods",
    "email",
    "phone",
    "address",
    "postcode",
    "supporter_name",
    "supporter_contact",
    "formats",
    "other_language",
    "access_needs",
    "access_other",
    "experience_types",
    "experience_areas",
    "experience_other",
    "topics",
    "localities",
    "days",
    "times",
    "modes",
    "recognition",
    "consent",
];

/// What happened when someone sent the public form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// A new enquiry on the register.
    New(PersonId),
    /// The same email or phone was already on the register: nobody new was
    /// added, and staff are asked to look.
    Matched(PersonId),
}

/// The organisation that keeps people who apply through the public form.
async fn register_organisation(services: &Services) -> Result<OrganisationId> {
    if let Some(id) = services.store.register_organisation().await? {
        return Ok(id);
    }
    services
        .store
        .organisations()
        .await?
        .first()
        .map(|o| o.id)
        .ok_or_else(|| ServiceError::Internal("the partnership has no organisations yet".into()))
}

fn confirmation_email(profile: &Profile, partnership: &str) -> Option<OutgoingEmail> {
    let to = profile.email.as_ref()?;
    Some(OutgoingEmail {
        attachments: Vec::new(),
        to: to.to_string(),
        subject: format!("Thank you for getting in touch with {partnership}"),
        body: format!(
            "Hello {name},\n\nThank you for telling us you would like to get involved.\n\n\
             Someone from our co-production team will get in touch within 10 working days. \
             They will talk to you about what you would like to do and what help you need to take part.\n\n\
             You can ask us to change or delete what you told us at any time. Just reply to this email.\n\n\
             {partnership}\n",
            name = profile.name
        ),
    })
}

/// Adds someone who filled in the public form, or, when their email or
/// phone is already on the register, tells staff instead of adding them
/// twice. `consent` must be true: the form does not send without it.
pub async fn apply(
    services: &Services,
    profile: &Profile,
    easy_read: bool,
    partnership: &str,
) -> Result<Applied> {
    let organisation = register_organisation(services).await?;
    let now = clock::now();
    let today = clock::today();
    let existing = services
        .store
        .find_person_by_contact(organisation, profile.email.as_ref(), profile.phone.as_ref())
        .await?;
    let mut tx = services.store.begin().await?;
    let outcome = match existing {
        Some(id) => {
            tx.add_person_note(
                id,
                None,
                "Get involved form",
                &format!(
                    "Applied again through the get involved form on {today}, with the same email address or phone number. \
                     Nothing was changed: check their answers with them."
                ),
                now,
            )
            .await?;
            tx.set_review_needed(id, true).await?;
            Applied::Matched(id)
        }
        None => {
            let source = if easy_read {
                Source::EasyReadForm
            } else {
                Source::PublicForm
            };
            let id = tx
                .insert_person(
                    NewPersonRecord {
                        organisation,
                        profile,
                        status: Status::Enquiry,
                        source,
                        entered_by: None,
                        last_involved_on: None,
                    },
                    now,
                )
                .await?;
            let method = if easy_read {
                "easy_read_form"
            } else {
                "online_form"
            };
            tx.add_consent(id, "register", method, PRIVACY_NOTICE_VERSION, None, now)
                .await?;
            tx.add_consent(id, "contact", method, PRIVACY_NOTICE_VERSION, None, now)
                .await?;
            tx.set_person_status(
                id,
                StatusChange {
                    from: None,
                    to: Status::Enquiry,
                    reason: "Applied through the get involved form",
                    on: &today,
                    by: None,
                },
                now,
            )
            .await?;
            Applied::New(id)
        }
    };
    let (action, id) = match outcome {
        Applied::New(id) => ("person.apply", id),
        Applied::Matched(id) => ("person.apply_again", id),
    };
    tx.audit(
        AuditEvent {
            actor: None,
            actor_label: "public form",
            organisation: Some(organisation),
            action,
            record_type: "person",
            record_id: Some(id.0),
            detail: "Sent the get involved form",
        },
        now,
    )
    .await?;
    if let Some(email) = confirmation_email(profile, partnership) {
        jobs::enqueue_email(&mut tx, &email).await?;
    }
    tx.commit().await?;
    Ok(outcome)
}

/// How a member of staff took a person's consent.
pub const STAFF_CONSENT_METHODS: [(&str, &str); 3] = [
    ("phone", "On the phone"),
    ("in_person", "In person"),
    ("paper", "On a paper form"),
];

/// Adds a person entered by a member of staff for them ("assisted
/// digital"). Refuses a person whose email or phone is already on the
/// register, naming the match.
pub async fn add(
    services: &Services,
    actor: &Actor,
    profile: &Profile,
    consent_method: &str,
) -> Result<PersonId> {
    check(actor.may(Action::ManagePeople))?;
    if !STAFF_CONSENT_METHODS
        .iter()
        .any(|(m, _)| *m == consent_method)
    {
        return Err(ServiceError::field(
            "consent",
            "Choose how the person agreed to be on the register",
        ));
    }
    if let Some(existing) = services
        .store
        .find_person_by_contact(
            actor.organisation_id,
            profile.email.as_ref(),
            profile.phone.as_ref(),
        )
        .await?
    {
        return Err(ServiceError::Duplicate(existing.0));
    }
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    let id = tx
        .insert_person(
            NewPersonRecord {
                organisation: actor.organisation_id,
                profile,
                status: Status::Enquiry,
                source: Source::Staff,
                entered_by: Some(actor.user_id),
                last_involved_on: None,
            },
            now,
        )
        .await?;
    tx.add_consent(
        id,
        "register",
        consent_method,
        PRIVACY_NOTICE_VERSION,
        Some(actor.user_id),
        now,
    )
    .await?;
    tx.add_consent(
        id,
        "contact",
        consent_method,
        PRIVACY_NOTICE_VERSION,
        Some(actor.user_id),
        now,
    )
    .await?;
    tx.set_person_status(
        id,
        StatusChange {
            from: None,
            to: Status::Enquiry,
            reason: "Added by staff",
            on: &clock::today(),
            by: Some(actor.user_id),
        },
        now,
    )
    .await?;
    audit(
        &mut tx,
        actor,
        id,
        "person.create",
        "Added a person to the register for them",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn audit(
    tx: &mut coproduce_store::Tx,
    actor: &Actor,
    id: PersonId,
    action: &str,
    detail: &str,
    now: i64,
) -> Result<()> {
    tx.audit(
        AuditEvent {
            actor: Some(actor.user_id),
            actor_label: "",
            organisation: Some(actor.organisation_id),
            action,
            record_type: "person",
            record_id: Some(id.0),
            detail,
        },
        now,
    )
    .await?;
    Ok(())
}

/// The person, if the actor may do `action` to them.
async fn person_for(
    services: &Services,
    actor: &Actor,
    action: Action,
    id: PersonId,
) -> Result<Person> {
    check(actor.may(action))?;
    let person = match services.store.person(id).await {
        Ok(person) => person,
        Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
        Err(error) => return Err(error.into()),
    };
    check(actor.may_on(action, person.organisation_id))?;
    Ok(person)
}

/// Everything on a person's page.
pub struct PersonRecord {
    pub person: Person,
    pub history: Vec<HistoryEntry>,
    pub consents: Vec<ConsentRecord>,
    pub onboarding: Vec<OnboardingItem>,
}

/// A person's record, for reading. The view is written to the audit trail.
pub async fn view(services: &Services, actor: &Actor, id: PersonId) -> Result<PersonRecord> {
    let person = person_for(services, actor, Action::ViewPeople, id).await?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    audit(
        &mut tx,
        actor,
        id,
        "person.view",
        "Looked at a person's record",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(PersonRecord {
        history: services.store.person_history(id).await?,
        consents: services.store.consents(id).await?,
        onboarding: services
            .store
            .onboarding(person.organisation_id, id)
            .await?,
        person,
    })
}

/// A person, for a form that changes them (no audit entry: the change is).
pub async fn for_change(services: &Services, actor: &Actor, id: PersonId) -> Result<Person> {
    person_for(services, actor, Action::ManagePeople, id).await
}

/// Replaces a person's answers, entered by staff for them.
pub async fn update(
    services: &Services,
    actor: &Actor,
    id: PersonId,
    profile: &Profile,
) -> Result<()> {
    let person = person_for(services, actor, Action::ManagePeople, id).await?;
    if let Some(existing) = services
        .store
        .find_person_by_contact(
            actor.organisation_id,
            profile.email.as_ref(),
            profile.phone.as_ref(),
        )
        .await?
        .filter(|existing| *existing != person.id)
    {
        return Err(ServiceError::Duplicate(existing.0));
    }
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.update_person_profile(id, profile, Some(actor.user_id), now)
        .await?;
    audit(
        &mut tx,
        actor,
        id,
        "person.update",
        "Changed a person's answers for them",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Moves a person to another status, with a reason and the day it happened.
pub async fn change_status(
    services: &Services,
    actor: &Actor,
    id: PersonId,
    to: &str,
    reason: &str,
    on: Option<String>,
) -> Result<()> {
    let person = person_for(services, actor, Action::ManagePeople, id).await?;
    let mut problems = Problems::new();
    let to = Status::parse(to).or_else(|| {
        problems.push(("status", "Choose the new status".into()));
        None
    });
    let reason = match parse_free_text(reason, 500, "The reason") {
        Ok(Some(reason)) => Some(reason),
        Ok(None) => {
            problems.push(("reason", "Enter the reason for the change".into()));
            None
        }
        Err(e) => {
            problems.push(("reason", e.message));
            None
        }
    };
    if to == Some(person.status) {
        problems.push((
            "status",
            format!("They are already {}", person.status.label().to_lowercase()),
        ));
    }
    let (Some(to), Some(reason), true) = (to, reason, problems.is_empty()) else {
        return Err(ServiceError::Invalid(problems));
    };
    let on = on.unwrap_or_else(clock::today);
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.set_person_status(
        id,
        StatusChange {
            from: Some(person.status),
            to,
            reason: &reason,
            on: &on,
            by: Some(actor.user_id),
        },
        now,
    )
    .await?;
    audit(
        &mut tx,
        actor,
        id,
        "person.status",
        &format!("Changed status to {}", to.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a dated note to a person's record.
pub async fn add_note(services: &Services, actor: &Actor, id: PersonId, body: &str) -> Result<()> {
    person_for(services, actor, Action::ManagePeople, id).await?;
    let body = match parse_free_text(body, 5000, "The note") {
        Ok(Some(body)) => body,
        Ok(None) => return Err(ServiceError::field("note", "Enter the note")),
        Err(e) => return Err(ServiceError::field("note", e.message)),
    };
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.add_person_note(id, Some(actor.user_id), "", &body, now)
        .await?;
    tx.set_review_needed(id, false).await?;
    audit(&mut tx, actor, id, "person.note", "Added a note", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Records that a person withdrew a consent.
pub async fn withdraw_consent(
    services: &Services,
    actor: &Actor,
    id: PersonId,
    consent: i64,
) -> Result<()> {
    person_for(services, actor, Action::ManagePeople, id).await?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    match tx.withdraw_consent(id, consent, now).await {
        Ok(()) => {}
        Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
        Err(error) => return Err(error.into()),
    }
    audit(
        &mut tx,
        actor,
        id,
        "person.consent_withdrawn",
        "Recorded that a consent was withdrawn",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ticks or unticks a step of the onboarding checklist.
pub async fn set_onboarding_step(
    services: &Services,
    actor: &Actor,
    id: PersonId,
    step: i64,
    done: bool,
) -> Result<()> {
    let person = person_for(services, actor, Action::ManagePeople, id).await?;
    let steps = services
        .store
        .onboarding(person.organisation_id, id)
        .await?;
    let Some(item) = steps.iter().find(|s| s.step_id == step) else {
        return Err(ServiceError::NotFound);
    };
    let now = clock::now();
    let today = clock::today();
    let mut tx = services.store.begin().await?;
    tx.set_onboarding_step(id, step, done.then_some(today.as_str()), actor.user_id)
        .await?;
    let detail = format!(
        "{} onboarding step: {}",
        if done { "Completed" } else { "Reopened" },
        item.label
    );
    audit(&mut tx, actor, id, "person.onboarding", &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// A page of the register.
pub struct RegisterPage {
    pub people: Vec<PersonSummary>,
    pub total: i64,
    pub next: Option<PersonId>,
}

pub async fn search(
    services: &Services,
    actor: &Actor,
    filter: &PersonFilter,
    after: Option<PersonId>,
    limit: u32,
) -> Result<RegisterPage> {
    check(actor.may(Action::ViewPeople))?;
    let limit = limit.clamp(1, 200);
    let mut people = services
        .store
        .search_people(actor.organisation_id, filter, after, limit + 1)
        .await?;
    let next = if people.len() > limit as usize {
        people.truncate(limit as usize);
        people.last().map(|p| p.id)
    } else {
        None
    };
    let total = services
        .store
        .count_people(actor.organisation_id, filter)
        .await?;
    Ok(RegisterPage {
        people,
        total,
        next,
    })
}

/// A person through the API: the same checks as the page, and the view is
/// audited.
pub async fn get(services: &Services, actor: &Actor, id: PersonId) -> Result<Person> {
    Ok(view(services, actor, id).await?.person)
}

/// Merges answers sent in an API change over a person's stored answers.
pub fn merged(
    stored: &Profile,
    change: &serde_json::Map<String, serde_json::Value>,
) -> std::result::Result<Answers, Problems> {
    let mut value = serde_json::to_value(Answers::from_profile(stored))
        .map_err(|e| vec![("body", e.to_string())])?;
    let Some(object) = value.as_object_mut() else {
        return Err(vec![("body", "could not read the stored answers".into())]);
    };
    let mut problems = Problems::new();
    for (key, new) in change {
        match FIELD_ORDER.iter().find(|f| **f == key.as_str()) {
            Some(_) if object.contains_key(key) => {
                object.insert(key.clone(), new.clone());
            }
            _ => problems.push(("body", format!("{key} is not a field that can be changed"))),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    serde_json::from_value(value).map_err(|_| {
        vec![(
            "body",
            "Lists must be arrays of text, and other fields text".into(),
        )]
    })
}

/// Stores one set of equality monitoring answers for the register's
/// organisation, linked to nobody. A question left unanswered counts as
/// "prefer not to say".
pub async fn record_equality(services: &Services, answers: &[String; 7]) -> Result<()> {
    use coproduce_domain::equality::{PREFER_NOT_TO_SAY, QUESTIONS};
    let mut chosen = [""; 7];
    for (index, question) in QUESTIONS.iter().enumerate() {
        let answer = answers[index].trim();
        chosen[index] = if answer.is_empty() {
            PREFER_NOT_TO_SAY.0
        } else {
            question
                .answers
                .iter()
                .find(|(code, _)| *code == answer)
                .map(|(code, _)| *code)
                .ok_or_else(|| ServiceError::field(question.column, "Choose from the list"))?
        };
    }
    let organisation = register_organisation(services).await?;
    let mut tx = services.store.begin().await?;
    tx.insert_equality_response(organisation, &clock::today(), &chosen)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Counts below this are shown as "fewer than 5", so that nobody can be
/// picked out from the totals.
pub const SMALLEST_TOTAL: i64 = 5;

/// One equality question with the count of each answer.
pub struct EqualityTotals {
    pub question: &'static str,
    pub answers: Vec<(&'static str, String)>,
}

/// The equality monitoring totals of the actor's organisation.
pub async fn equality_totals(
    services: &Services,
    actor: &Actor,
) -> Result<(i64, Vec<EqualityTotals>)> {
    use coproduce_domain::equality::QUESTIONS;
    check(actor.may(Action::ViewPeople))?;
    let rows = services
        .store
        .equality_totals(actor.organisation_id)
        .await?;
    let responses: i64 = rows
        .iter()
        .filter(|(c, _, _)| c == QUESTIONS[0].column)
        .map(|(_, _, n)| n)
        .sum();
    let shown = |n: i64| {
        if n < SMALLEST_TOTAL {
            format!("Fewer than {SMALLEST_TOTAL}")
        } else {
            n.to_string()
        }
    };
    let totals = QUESTIONS
        .iter()
        .map(|q| EqualityTotals {
            question: q.text,
            answers: q
                .answers
                .iter()
                .map(|(code, label)| {
                    let n = rows
                        .iter()
                        .find(|(c, a, _)| c == q.column && a == code)
                        .map_or(0, |(_, _, n)| *n);
                    (*label, if n == 0 { "0".to_owned() } else { shown(n) })
                })
                .collect(),
        })
        .collect();
    Ok((responses, totals))
}

/// Ways staff record having been in touch with a person.
pub const CONTACT_METHODS: [(&str, &str); 5] = [
    ("phone", "Phone call"),
    ("email", "Email"),
    ("letter", "Letter"),
    ("in_person", "In person"),
    ("text", "Text message"),
];

/// Records that staff were in touch with a person.
pub async fn record_contact(
    services: &Services,
    actor: &Actor,
    id: PersonId,
    method: &str,
    summary: &str,
) -> Result<()> {
    person_for(services, actor, Action::ManagePeople, id).await?;
    let mut problems = Problems::new();
    if !CONTACT_METHODS.iter().any(|(m, _)| *m == method) {
        problems.push(("contact_method", "Choose how you were in touch".into()));
    }
    let summary = match parse_free_text(summary, 1000, "What it was about") {
        Ok(Some(summary)) => Some(summary),
        Ok(None) => {
            problems.push(("contact_summary", "Enter what it was about".into()));
            None
        }
        Err(e) => {
            problems.push(("contact_summary", e.message));
            None
        }
    };
    let (Some(summary), true) = (summary, problems.is_empty()) else {
        return Err(ServiceError::Invalid(problems));
    };
    let label = CONTACT_METHODS
        .iter()
        .find(|(m, _)| *m == method)
        .map_or(method, |(_, l)| *l);
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.add_contact(id, label, &summary, actor.user_id, now)
        .await?;
    audit(
        &mut tx,
        actor,
        id,
        "person.contact",
        "Recorded a contact",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Replaces the organisation's onboarding checklist, one step a line.
pub async fn set_onboarding_steps(services: &Services, actor: &Actor, text: &str) -> Result<()> {
    check(actor.may(Action::ManageSettings))?;
    let mut labels: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.chars().count() > 100 {
            return Err(ServiceError::field(
                "steps",
                "Each step must be 100 characters or fewer",
            ));
        }
        if !labels.iter().any(|l| l == line) {
            labels.push(line.to_owned());
        }
    }
    if labels.len() > 20 {
        return Err(ServiceError::field("steps", "Use 20 steps or fewer"));
    }
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.replace_onboarding_steps(actor.organisation_id, &labels)
        .await?;
    tx.audit(
        AuditEvent {
            actor: Some(actor.user_id),
            actor_label: "",
            organisation: Some(actor.organisation_id),
            action: "organisation.onboarding_steps",
            record_type: "organisation",
            record_id: Some(actor.organisation_id.0),
            detail: &format!(
                "Set the getting started checklist to {} steps",
                labels.len()
            ),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
