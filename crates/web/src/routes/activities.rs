//! Staff pages for activities: the upcoming list, planning and changing an
//! activity, its page (who is invited, replies taken by phone, the
//! adjustments to arrange, attendance), the calendar file, a printable
//! sign-in sheet and the call list for people without email.

use std::collections::{BTreeSet, HashMap};

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use coproduce_domain::activity::{
    Activity, ActivityType, Attendance, InvitationStatus, PlaceFeature,
};
use coproduce_domain::payments::LimitCheck;
use coproduce_domain::permissions::Decision;
use coproduce_domain::person::{ExperienceArea, PersonFilter, PersonSummary, Status};
use coproduce_domain::{Action, ActivityId, Actor, InvitationId, PersonId};
use coproduce_services::ServiceError;
use coproduce_services::activities::{self, ActivityAnswers, Answer};
use coproduce_services::staff::check;
use coproduce_services::{clock, invitations, projects};
use coproduce_store::{ActivitySummary, AdjustmentRecord, InvitationRecord};
use serde::Deserialize;

use super::{record_id, render, uk_time};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::profile_form::Choice;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/activities", get(list))
        .route("/staff/activities/new", get(new_form).post(create))
        .route("/staff/activities/{id}", get(show))
        .route("/staff/activities/{id}/edit", get(edit_form).post(edit))
        .route("/staff/activities/{id}/calendar.ics", get(calendar))
        .route("/staff/activities/{id}/sign-in-sheet", get(sign_in_sheet))
        .route("/staff/activities/{id}/call-list", get(call_list))
        .route("/staff/activities/{id}/invitations", post(invite))
        .route(
            "/staff/activities/{id}/invitations/{invitation}/reply",
            post(reply),
        )
        .route(
            "/staff/activities/{id}/attendance/{person}",
            post(attendance),
        )
        .route(
            "/staff/activities/{id}/adjustments/{adjustment}",
            post(adjustment),
        )
}

const PAGE_SIZE: u32 = 25;

/// The form's fields in the order they appear, for the error summary.
const FIELD_ORDER: &[&str] = &[
    "kind",
    "title",
    "description",
    "date",
    "starts",
    "ends",
    "place",
    "features",
    "online_link",
    "platform",
    "places",
    "roles_needed",
    "preparation_minutes",
    "easy_read_papers",
    "reply_by",
    "open_to_public",
    "how_to_take_part",
    "areas",
    "project",
];

fn activity_id(raw: &str) -> Result<ActivityId, WebError> {
    Ok(ActivityId(record_id(raw)?))
}

fn allowed(actor: &Actor, action: Action) -> bool {
    actor.may(action) == Decision::Allowed
}

/// Reads the activity form; checkboxes repeat their name.
fn answers_from_fields(fields: &[(String, String)]) -> ActivityAnswers {
    let mut a = ActivityAnswers::default();
    for (name, value) in fields {
        let slot = match name.as_str() {
            "features" => {
                a.features.push(value.clone());
                continue;
            }
            "areas" => {
                a.areas.push(value.clone());
                continue;
            }
            "easy_read_papers" => {
                a.easy_read_papers = value == "yes";
                continue;
            }
            "open_to_public" => {
                a.open_to_public = value == "yes";
                continue;
            }
            "kind" => &mut a.kind,
            "title" => &mut a.title,
            "description" => &mut a.description,
            "date" => &mut a.date,
            "starts" => &mut a.starts,
            "ends" => &mut a.ends,
            "place" => &mut a.place,
            "online_link" => &mut a.online_link,
            "platform" => &mut a.platform,
            "places" => &mut a.places,
            "roles_needed" => &mut a.roles_needed,
            "preparation_minutes" => &mut a.preparation_minutes,
            "reply_by" => &mut a.reply_by,
            "how_to_take_part" => &mut a.how_to_take_part,
            "project" => &mut a.project,
            _ => continue,
        };
        *slot = value.clone();
    }
    a
}

fn coded<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    chosen: &[String],
) -> Vec<Choice> {
    all.iter()
        .map(|item| Choice {
            value: code(*item).to_owned(),
            label: label(*item).to_owned(),
            checked: chosen.iter().any(|c| c == code(*item)),
        })
        .collect()
}

fn yes(label: &str, checked: bool) -> Vec<Choice> {
    vec![Choice {
        value: "yes".into(),
        label: label.into(),
        checked,
    }]
}

// ---------------------------------------------------------------- the list

/// A line of the list, ready to show.
struct Line {
    id: ActivityId,
    kind: &'static str,
    title: String,
    when: String,
    accepted: i64,
    places: i64,
    waiting: i64,
}

#[derive(Template)]
#[template(path = "activities/list.html")]
struct ListPage {
    page: Page,
    activities: Vec<Line>,
    next: Option<String>,
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    after: String,
}

/// `STARTS.ID` of the last activity shown.
fn read_after(raw: &str) -> Option<(i64, ActivityId)> {
    let (starts, id) = raw.split_once('.')?;
    Some((starts.parse().ok()?, ActivityId(id.parse().ok()?)))
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(query): Query<ListQuery>,
) -> Result<impl IntoResponse, WebError> {
    let mut found: Vec<ActivitySummary> = activities::upcoming(
        &state.services,
        &staff.actor(),
        read_after(&query.after),
        PAGE_SIZE + 1,
    )
    .await?;
    let next = if found.len() > PAGE_SIZE as usize {
        found.truncate(PAGE_SIZE as usize);
        found
            .last()
            .map(|a| format!("after={}.{}", a.starts_at, a.id))
    } else {
        None
    };
    render(&ListPage {
        page,
        activities: found
            .into_iter()
            .map(|a| Line {
                id: a.id,
                kind: a.kind.label(),
                title: a.title,
                when: uk_time(a.starts_at),
                accepted: a.accepted,
                places: a.places,
                waiting: a.waiting,
            })
            .collect(),
        next,
    })
}

// ---------------------------------------------------------------- the form

#[derive(Template)]
#[template(path = "activities/form.html")]
struct FormPage {
    page: Page,
    errors: FormErrors,
    heading: &'static str,
    action: String,
    back: String,
    answers: ActivityAnswers,
    kinds: Vec<Choice>,
    features: Vec<Choice>,
    areas: Vec<Choice>,
    projects: Vec<Choice>,
    easy_read: Vec<Choice>,
    public: Vec<Choice>,
}

impl FormPage {
    async fn new(
        state: &AppState,
        actor: &Actor,
        page: Page,
        editing: Option<ActivityId>,
        answers: ActivityAnswers,
    ) -> Result<Self, WebError> {
        let titles = projects::titles(&state.services, actor).await?;
        Ok(Self {
            page,
            errors: FormErrors::new(),
            heading: if editing.is_some() {
                "Change the activity"
            } else {
                "Plan an activity"
            },
            action: editing.map_or_else(
                || "/staff/activities/new".to_owned(),
                |id| format!("/staff/activities/{id}/edit"),
            ),
            back: editing.map_or_else(
                || "/staff/activities".to_owned(),
                |id| format!("/staff/activities/{id}"),
            ),
            kinds: coded(
                ActivityType::ALL,
                ActivityType::as_str,
                ActivityType::label,
                std::slice::from_ref(&answers.kind),
            ),
            features: coded(
                PlaceFeature::ALL,
                PlaceFeature::as_str,
                PlaceFeature::label,
                &answers.features,
            ),
            areas: coded(
                ExperienceArea::ALL,
                ExperienceArea::as_str,
                ExperienceArea::label,
                &answers.areas,
            ),
            projects: titles
                .into_iter()
                .map(|(id, title)| Choice {
                    checked: id.to_string() == answers.project.trim(),
                    value: id.to_string(),
                    label: title,
                })
                .collect(),
            easy_read: yes(
                "Yes, the papers will be in easy read",
                answers.easy_read_papers,
            ),
            public: yes("Yes, anyone can ask to take part", answers.open_to_public),
            answers,
        })
    }

    /// The form again with the answers given and what was wrong.
    fn refused(mut self, error: ServiceError) -> Result<Response, WebError> {
        match error {
            ServiceError::Invalid(problems) => {
                self.errors = FormErrors::from_service(problems).sorted_by(FIELD_ORDER);
            }
            other => return Err(other.into()),
        }
        Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&self)?).into_response())
    }
}

async fn new_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
) -> Result<impl IntoResponse, WebError> {
    let actor = staff.actor();
    check(actor.may(Action::ManageActivities))?;
    render(&FormPage::new(&state, &actor, page, None, ActivityAnswers::default()).await?)
}

async fn create(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    check(actor.may(Action::ManageActivities))?;
    let answers = answers_from_fields(&fields);
    match activities::create(&state.services, &actor, &answers).await {
        // A survey or focus group asks people questions: first see what
        // the partnership already knows.
        Ok(id) if asks_questions(&answers.kind) => {
            Ok(Redirect::to(&format!("/staff/activities/{id}/already-asked")).into_response())
        }
        Ok(id) => Ok(Redirect::to(&format!("/staff/activities/{id}")).into_response()),
        Err(error) => FormPage::new(&state, &actor, page, None, answers)
            .await?
            .refused(error),
    }
}

/// Whether an activity of this kind asks people questions, so that
/// someone may already have asked them.
fn asks_questions(kind: &str) -> bool {
    matches!(
        ActivityType::parse(kind),
        Some(ActivityType::Survey | ActivityType::FocusGroup)
    )
}

async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let id = activity_id(&id)?;
    let actor = staff.actor();
    let activity =
        activities::activity_for(&state.services, &actor, Action::ManageActivities, id).await?;
    let answers = ActivityAnswers::from_activity(&activity);
    render(&FormPage::new(&state, &actor, page, Some(id), answers).await?)
}

async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = activity_id(&id)?;
    let actor = staff.actor();
    let answers = answers_from_fields(&fields);
    match activities::update(&state.services, &actor, id, &answers).await {
        Ok(()) => Ok(Redirect::to(&format!("/staff/activities/{id}")).into_response()),
        Err(error) => FormPage::new(&state, &actor, page, Some(id), answers)
            .await?
            .refused(error),
    }
}

// ---------------------------------------------------------------- the page

/// An invitation, ready to show, with its attendance form.
struct InvitationRow {
    id: InvitationId,
    person_id: PersonId,
    name: String,
    status: String,
    replied: String,
    attendance: String,
    can_reply: bool,
    /// The person's own reply links, to send by text message, while they
    /// have not replied.
    reply_links: Option<(String, String)>,
    reply_error: Option<String>,
    attendance_choices: Vec<Choice>,
    minutes: String,
    notes: String,
    attendance_error: Option<String>,
    minutes_error: Option<String>,
    notes_error: Option<String>,
}

fn status_text(record: &InvitationRecord) -> String {
    match (record.status, record.waiting_position) {
        (InvitationStatus::WaitingList, Some(n)) => {
            format!("{} (number {n})", record.status.label())
        }
        (status, _) => status.label().to_owned(),
    }
}

/// What was sent in a refused attendance form, to show it again.
struct AttendanceKept {
    person: PersonId,
    form: AttendanceForm,
}

/// A person found in the register, for the invite form.
struct Candidate {
    person: PersonSummary,
    invited: bool,
    checked: bool,
}

#[derive(Template)]
#[template(path = "activities/show.html")]
struct ShowPage {
    page: Page,
    errors: FormErrors,
    activity: Activity,
    when: String,
    features: Vec<&'static str>,
    areas: Vec<&'static str>,
    project: Option<(i64, String)>,
    can_manage: bool,
    can_view_people: bool,
    accepted: usize,
    waiting: usize,
    invitations: Vec<InvitationRow>,
    adjustments: Vec<AdjustmentRecord>,
    outstanding: usize,
    query: String,
    candidates: Option<Vec<Candidate>>,
    /// People suggested by fair matching, for roles that invite.
    suggestions: Vec<coproduce_services::suggestions::Suggestion>,
    /// For a paid activity, the earnings limits the fee could take
    /// suggested or found people past.
    warnings: HashMap<PersonId, Vec<LimitCheck>>,
    /// The latest "has this already been asked?" check.
    latest_check: Option<super::already_asked::CheckLine>,
}

impl ShowPage {
    fn warnings_for(&self, person: &PersonId) -> &[LimitCheck] {
        self.warnings.get(person).map_or(&[], Vec::as_slice)
    }
}

#[derive(Default)]
struct ShowExtras {
    errors: FormErrors,
    query: String,
    chosen: Vec<PersonId>,
    kept: Option<AttendanceKept>,
}

async fn show_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: ActivityId,
    extras: ShowExtras,
) -> Result<ShowPage, WebError> {
    let actor = staff.actor();
    let services = &state.services;
    let activity = activities::get(services, &actor, id).await?;
    let can_manage = allowed(&actor, Action::ManageActivities);
    let can_view_people = allowed(&actor, Action::ViewPeople);
    let (records, adjustments) = if can_view_people {
        activities::invitations(services, &actor, id).await?
    } else {
        (Vec::new(), Vec::new())
    };
    let project = match activity.project_id {
        Some(project) => projects::titles(services, &actor)
            .await?
            .into_iter()
            .find(|(pid, _)| *pid == project.0),
        None => None,
    };
    let errors = extras.errors;
    let invited: BTreeSet<PersonId> = records.iter().map(|r| r.person_id).collect();
    let invitations = records
        .iter()
        .map(|r| {
            let kept = extras.kept.as_ref().filter(|k| k.person == r.person_id);
            let (chosen, minutes, notes) = match kept {
                Some(k) => (
                    k.form.attendance.clone(),
                    k.form.minutes.clone(),
                    k.form.notes.clone(),
                ),
                None => (
                    r.attendance
                        .map(|a| a.as_str().to_owned())
                        .unwrap_or_default(),
                    r.minutes.map(|m| m.to_string()).unwrap_or_default(),
                    r.attendance_notes.clone().unwrap_or_default(),
                ),
            };
            let message = |field: &str| {
                errors
                    .get(&format!("{field}-{}", r.person_id))
                    .map(str::to_owned)
            };
            InvitationRow {
                id: r.id,
                person_id: r.person_id,
                name: r.name.clone(),
                status: status_text(r),
                replied: r
                    .replied_at
                    .map(uk_time)
                    .unwrap_or_else(|| "No reply yet".into()),
                attendance: r
                    .attendance
                    .map(|a| a.label().to_owned())
                    .unwrap_or_else(|| "Not recorded".into()),
                can_reply: r.status != InvitationStatus::Cancelled,
                reply_links: (can_manage
                    && matches!(
                        r.status,
                        InvitationStatus::Invited | InvitationStatus::NoReply
                    )
                    && activity.plan.ends_at > coproduce_services::clock::now())
                .then(|| {
                    let link = |answer| {
                        activities::reply_link(services, r.id, answer, activity.plan.ends_at)
                    };
                    (
                        link(activities::Answer::Accept),
                        link(activities::Answer::Decline),
                    )
                }),
                reply_error: errors.get(&format!("reply-{}", r.id)).map(str::to_owned),
                attendance_choices: coded(
                    Attendance::ALL,
                    Attendance::as_str,
                    Attendance::label,
                    std::slice::from_ref(&chosen),
                ),
                minutes,
                notes,
                attendance_error: message("attendance"),
                minutes_error: message("minutes"),
                notes_error: message("notes"),
            }
        })
        .collect();
    let candidates = if can_manage && !extras.query.trim().is_empty() {
        let filter = PersonFilter {
            text: Some(extras.query.trim().to_owned()),
            ..PersonFilter::default()
        };
        let found = coproduce_services::people::search(services, &actor, &filter, None, 20).await?;
        Some(
            found
                .people
                .into_iter()
                .filter(|p| p.status != Status::Left)
                .map(|person| Candidate {
                    invited: invited.contains(&person.id),
                    checked: extras.chosen.contains(&person.id),
                    person,
                })
                .collect(),
        )
    } else {
        None
    };
    let suggestions = if can_manage
        && can_view_people
        && activity.plan.ends_at > coproduce_services::clock::now()
    {
        coproduce_services::suggestions::suggest(services, &actor, id, 10).await?
    } else {
        Vec::new()
    };
    // Warn before inviting someone to a paid activity when its fee could
    // take them past an earnings limit they told us about.
    let warnings = if can_manage && allowed(&actor, Action::ViewPayments) {
        let people: Vec<PersonId> = suggestions
            .iter()
            .map(|s| s.person_id)
            .chain(
                candidates
                    .iter()
                    .flat_map(|found: &Vec<Candidate>| found.iter().map(|c| c.person.id)),
            )
            .collect();
        coproduce_services::payments::invite_warnings(services, &activity, &people).await?
    } else {
        HashMap::new()
    };
    let latest_check = super::already_asked::check_lines(
        state,
        &actor,
        coproduce_store::CheckSubject::Activity(id),
    )
    .await?
    .into_iter()
    .next();
    Ok(ShowPage {
        page,
        suggestions,
        warnings,
        latest_check,
        when: invitations::when(&activity),
        features: activity.plan.features.iter().map(|f| f.label()).collect(),
        areas: activity.plan.areas.iter().map(|a| a.label()).collect(),
        project,
        can_manage,
        can_view_people,
        accepted: records
            .iter()
            .filter(|r| r.status == InvitationStatus::Accepted)
            .count(),
        waiting: records
            .iter()
            .filter(|r| r.status == InvitationStatus::WaitingList)
            .count(),
        invitations,
        outstanding: adjustments.iter().filter(|a| a.done_at.is_none()).count(),
        adjustments,
        query: extras.query,
        candidates,
        errors,
        activity,
    })
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    #[serde(default)]
    q: String,
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Query(query): Query<ShowQuery>,
) -> Result<impl IntoResponse, WebError> {
    let id = activity_id(&id)?;
    let extras = ShowExtras {
        query: query.q,
        ..ShowExtras::default()
    };
    render(&show_page(&state, &staff, page, id, extras).await?)
}

/// The activity page again with what was wrong.
async fn show_refused(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: ActivityId,
    status: StatusCode,
    extras: ShowExtras,
) -> Result<Response, WebError> {
    let view = show_page(state, staff, page, id, extras).await?;
    Ok((status, render(&view)?).into_response())
}

fn back_to(id: ActivityId, anchor: &str) -> Response {
    Redirect::to(&format!("/staff/activities/{id}{anchor}")).into_response()
}

async fn invite(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = activity_id(&id)?;
    let actor = staff.actor();
    activities::activity_for(&state.services, &actor, Action::ManageActivities, id).await?;
    let mut query = String::new();
    let mut chosen = Vec::new();
    let mut unreadable = false;
    for (name, value) in &fields {
        match name.as_str() {
            "q" => query.clone_from(value),
            "person_ids" => match value.trim().parse() {
                Ok(n) => chosen.push(PersonId(n)),
                Err(_) => unreadable = true,
            },
            _ => {}
        }
    }
    let outcome = if unreadable {
        Err(ServiceError::field(
            "person_ids",
            "Choose people from the list",
        ))
    } else {
        activities::invite(&state.services, &actor, id, &chosen).await
    };
    let problems = match outcome {
        Ok(_) => return Ok(back_to(id, "#invitations")),
        Err(ServiceError::Invalid(problems)) => problems,
        Err(ServiceError::Conflict(message)) => vec![("person_ids", message)],
        Err(error) => return Err(error.into()),
    };
    let extras = ShowExtras {
        errors: FormErrors::from_service(problems),
        query,
        chosen,
        kept: None,
    };
    show_refused(
        &state,
        &staff,
        page,
        id,
        StatusCode::UNPROCESSABLE_ENTITY,
        extras,
    )
    .await
}

#[derive(Deserialize, Default)]
struct ReplyForm {
    #[serde(default)]
    answer: String,
}

async fn reply(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path((id, invitation)): Path<(String, String)>,
    Form(form): Form<ReplyForm>,
) -> Result<Response, WebError> {
    let id = activity_id(&id)?;
    let invitation = InvitationId(record_id(&invitation)?);
    let actor = staff.actor();
    let services = &state.services;
    activities::activity_for(services, &actor, Action::ManageActivities, id).await?;
    let belongs = services
        .store
        .invitation(invitation)
        .await
        .is_ok_and(|record| record.activity_id == id);
    if !belongs {
        return Err(WebError::NotFound);
    }
    let field = format!("reply-{invitation}");
    let (status, message) = match Answer::parse_staff(&form.answer) {
        None => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "Choose whether they accept or decline, or cancel the invitation".to_owned(),
        ),
        Some(answer) => {
            match activities::reply(services, invitation, answer, Some(&actor), false).await {
                Ok(_) => return Ok(back_to(id, "#invitations")),
                Err(ServiceError::Conflict(message)) => (StatusCode::CONFLICT, message),
                Err(error) => return Err(error.into()),
            }
        }
    };
    let mut errors = FormErrors::new();
    errors.add(&field, message);
    let extras = ShowExtras {
        errors,
        ..ShowExtras::default()
    };
    show_refused(&state, &staff, page, id, status, extras).await
}

#[derive(Deserialize, Default, Clone)]
struct AttendanceForm {
    #[serde(default)]
    attendance: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    notes: String,
}

async fn attendance(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path((id, person)): Path<(String, String)>,
    Form(form): Form<AttendanceForm>,
) -> Result<Response, WebError> {
    let id = activity_id(&id)?;
    let person = PersonId(record_id(&person)?);
    let actor = staff.actor();
    let outcome = activities::record_attendance(
        &state.services,
        &actor,
        id,
        person,
        &form.attendance,
        &form.minutes,
        &form.notes,
    )
    .await;
    let problems = match outcome {
        Ok(()) => return Ok(back_to(id, "#invitations")),
        Err(ServiceError::Invalid(problems)) => problems,
        Err(error) => return Err(error.into()),
    };
    // Another person's fields share the names: make them this person's.
    let mut errors = FormErrors::new();
    for (field, message) in problems {
        errors.add(&format!("{field}-{person}"), message);
    }
    let extras = ShowExtras {
        errors,
        kept: Some(AttendanceKept { person, form }),
        ..ShowExtras::default()
    };
    show_refused(
        &state,
        &staff,
        page,
        id,
        StatusCode::UNPROCESSABLE_ENTITY,
        extras,
    )
    .await
}

#[derive(Deserialize, Default)]
struct AdjustmentForm {
    #[serde(default)]
    done: String,
}

async fn adjustment(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, adjustment)): Path<(String, String)>,
    Form(form): Form<AdjustmentForm>,
) -> Result<Response, WebError> {
    let id = activity_id(&id)?;
    let adjustment = record_id(&adjustment)?;
    let done = match form.done.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(WebError::BadRequest("Choose whether it is arranged".into())),
    };
    activities::set_adjustment(&state.services, &staff.actor(), id, adjustment, done).await?;
    Ok(back_to(id, "#arrange"))
}

// ------------------------------------------------ files and printable pages

async fn organisation_name(state: &AppState, actor: &Actor) -> Result<String, WebError> {
    Ok(state
        .services
        .store
        .organisation(actor.organisation_id)
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?
        .name)
}

async fn calendar(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = activity_id(&id)?;
    let actor = staff.actor();
    let activity = activities::get(&state.services, &actor, id).await?;
    let organisation = organisation_name(&state, &actor).await?;
    let title = activity.plan.title.clone();
    let text = invitations::calendar(
        &state.services,
        &[(activity, organisation)],
        &title,
        clock::now(),
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"activity-{id}.ics\""),
            ),
        ],
        text,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "activities/sign_in_sheet.html")]
struct SignInSheet {
    page: Page,
    activity: Activity,
    when: String,
    organisation: String,
    names: Vec<String>,
}

async fn sign_in_sheet(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let id = activity_id(&id)?;
    let actor = staff.actor();
    let activity = activities::get(&state.services, &actor, id).await?;
    let (records, _) = activities::invitations(&state.services, &actor, id).await?;
    let mut names: Vec<String> = records
        .into_iter()
        .filter(|r| r.status == InvitationStatus::Accepted)
        .map(|r| r.name)
        .collect();
    names.sort_by_key(|n| n.to_lowercase());
    render(&SignInSheet {
        page,
        when: invitations::when(&activity),
        organisation: organisation_name(&state, &actor).await?,
        activity,
        names,
    })
}

#[derive(Template)]
#[template(path = "activities/call_list.html")]
struct CallList {
    page: Page,
    activity: Activity,
    when: String,
    features: Vec<&'static str>,
    organisation: String,
    staff_name: String,
    people: Vec<InvitationRecord>,
}

async fn call_list(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let id = activity_id(&id)?;
    let actor = staff.actor();
    let activity =
        activities::activity_for(&state.services, &actor, Action::ManageActivities, id).await?;
    let (records, _) = activities::invitations(&state.services, &actor, id).await?;
    let people = records
        .into_iter()
        .filter(|r| r.email.as_deref().is_none_or(|e| e.trim().is_empty()))
        .filter(|r| r.status != InvitationStatus::Cancelled)
        .collect();
    render(&CallList {
        page,
        when: invitations::when(&activity),
        features: activity.plan.features.iter().map(|f| f.label()).collect(),
        organisation: organisation_name(&state, &actor).await?,
        staff_name: staff.user().display_name.clone(),
        activity,
        people,
    })
}
