//! The staff register of experts by experience: search and filters, a
//! person's record and its history, adding and changing people for them.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use coproduce_domain::dates::parse_uk_date;
use coproduce_domain::person::{
    AccessNeed, ExperienceArea, Person, PersonFilter, PersonSummary, Recognition, Status,
};
use coproduce_domain::{Action, PersonId};
use coproduce_services::people::{self, Answers, Lists, PersonRecord, STAFF_CONSENT_METHODS};
use coproduce_services::staff::check;
use coproduce_services::{ServiceError, register_export};
use coproduce_store::{ConsentRecord, HistoryEntry, OnboardingItem};
use serde::Deserialize;

use super::{record_id, render, uk_time};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::profile_form::{ProfileForm, answers_from_form};
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/people", get(list))
        .route("/staff/people/export.csv", get(export))
        .route("/staff/people/new", get(new_form).post(create))
        .route("/staff/people/equality", get(equality))
        .route("/staff/people/{id}", get(show))
        .route("/staff/people/{id}/edit", get(edit_form).post(update))
        .route("/staff/people/{id}/status", post(change_status))
        .route("/staff/people/{id}/notes", post(add_note))
        .route("/staff/people/{id}/contacts", post(record_contact))
        .route("/staff/people/{id}/onboarding/{step}", post(onboarding))
        .route(
            "/staff/people/{id}/consents/{consent}/withdraw",
            post(withdraw_consent),
        )
}

const PAGE_SIZE: u32 = 50;

/// The register's filters as they come in the address.
#[derive(Deserialize, Default, Clone)]
pub struct FilterQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    locality: String,
    #[serde(default)]
    access: String,
    #[serde(default)]
    recognition: String,
    #[serde(default)]
    since: String,
    #[serde(default)]
    review: String,
    #[serde(default)]
    after: String,
}

impl FilterQuery {
    /// The filter, and a message for a date that could not be read.
    fn filter(&self) -> (PersonFilter, FormErrors) {
        let mut errors = FormErrors::new();
        let text = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        let since = match self.since.trim() {
            "" => None,
            value => match parse_uk_date(value) {
                Ok(date) => Some(date.to_iso()),
                Err(e) => {
                    errors.add("since", e.message);
                    None
                }
            },
        };
        let filter = PersonFilter {
            text: text(&self.q),
            status: Status::parse(&self.status),
            area: ExperienceArea::parse(&self.area),
            topic: text(&self.topic),
            locality: text(&self.locality),
            access_need: AccessNeed::parse(&self.access),
            recognition: Recognition::parse(&self.recognition),
            not_involved_since: since,
            review_needed: self.review == "yes",
        };
        (filter, errors)
    }

    /// The address of this search with another `after`.
    fn with_after(&self, after: PersonId) -> String {
        let pairs = [
            ("q", self.q.as_str()),
            ("status", &self.status),
            ("area", &self.area),
            ("topic", &self.topic),
            ("locality", &self.locality),
            ("access", &self.access),
            ("recognition", &self.recognition),
            ("since", &self.since),
            ("review", &self.review),
        ];
        let mut kept: Vec<(&str, String)> = pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (*k, (*v).to_owned()))
            .collect();
        kept.push(("after", after.to_string()));
        serde_urlencoded::to_string(kept).unwrap_or_default()
    }

    fn export_query(&self) -> String {
        let mut copy = self.clone();
        copy.after.clear();
        let text = copy.with_after(PersonId(0));
        text.trim_end_matches("after=0")
            .trim_end_matches('&')
            .to_owned()
    }
}

/// A `<select>` of a filter.
pub struct Select {
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String, bool)>,
}

fn select(
    name: &'static str,
    label: &'static str,
    chosen: &str,
    options: Vec<(String, String)>,
) -> Select {
    Select {
        name,
        label,
        options: options
            .into_iter()
            .map(|(value, text)| {
                let selected = value == chosen;
                (value, text, selected)
            })
            .collect(),
    }
}

fn coded<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|i| (code(*i).to_owned(), label(*i).to_owned()))
        .collect()
}

#[derive(Template)]
#[template(path = "people/list.html")]
struct ListPage {
    page: Page,
    errors: FormErrors,
    query: FilterQuery,
    selects: Vec<Select>,
    people: Vec<PersonSummary>,
    total: i64,
    next: Option<String>,
    export: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(query): Query<FilterQuery>,
) -> Result<impl IntoResponse, WebError> {
    let actor = staff.actor();
    let (filter, errors) = query.filter();
    let after = query.after.parse().ok().map(PersonId);
    let register = people::search(&state.services, &actor, &filter, after, PAGE_SIZE).await?;
    let lists = Lists::load(&state.services).await?;
    let selects = vec![
        select(
            "status",
            "Status",
            &query.status,
            coded(Status::ALL, Status::as_str, Status::label),
        ),
        select(
            "area",
            "Experience",
            &query.area,
            coded(
                ExperienceArea::ALL,
                ExperienceArea::as_str,
                ExperienceArea::label,
            ),
        ),
        select("topic", "Topic", &query.topic, lists.topics.clone()),
        select(
            "locality",
            "Where they live",
            &query.locality,
            lists.localities.clone(),
        ),
        select(
            "access",
            "Access need",
            &query.access,
            coded(AccessNeed::ALL, AccessNeed::as_str, AccessNeed::label),
        ),
        select(
            "recognition",
            "How they are thanked",
            &query.recognition,
            coded(Recognition::ALL, Recognition::as_str, Recognition::label),
        ),
    ];
    render(&ListPage {
        next: register.next.map(|id| query.with_after(id)),
        export: actor
            .may(Action::ExportPeople)
            .eq(&coproduce_domain::permissions::Decision::Allowed)
            .then(|| query.export_query()),
        page,
        errors,
        selects,
        people: register.people,
        total: register.total,
        query,
    })
}

async fn export(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<FilterQuery>,
) -> Result<Response, WebError> {
    let (filter, _) = query.filter();
    let csv = register_export::csv(&state.services, &staff.actor(), &filter).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"register.csv\"",
            ),
        ],
        csv,
    )
        .into_response())
}

/// A row of the person's summary list.
struct Row {
    key: &'static str,
    value: String,
    field: &'static str,
}

fn summary_rows(person: &Person, lists: &Lists) -> Vec<Row> {
    let form = ProfileForm::new(Answers::from_profile(&person.profile), lists);
    let a = &form.answers;
    let or_none = |v: &str| {
        if v.trim().is_empty() {
            "None given".to_owned()
        } else {
            v.to_owned()
        }
    };
    let with = |chosen: String, other: &str| {
        if other.is_empty() {
            chosen
        } else {
            format!("{chosen}\n{other}")
        }
    };
    vec![
        Row {
            key: "Name",
            value: a.name.clone(),
            field: "name",
        },
        Row {
            key: "Ways to contact",
            value: ProfileForm::chosen(&form.contact_methods),
            field: "contact_methods",
        },
        Row {
            key: "Email address",
            value: or_none(&a.email),
            field: "email",
        },
        Row {
            key: "Phone",
            value: or_none(&a.phone),
            field: "phone",
        },
        Row {
            key: "Address",
            value: or_none(format!("{}\n{}", a.address, a.postcode).trim()),
            field: "address",
        },
        Row {
            key: "Supporter",
            value: or_none(
                format!(
                    "{}
{}",
                    a.supporter_name, a.supporter_contact
                )
                .trim(),
            ),
            field: "supporter_name",
        },
        Row {
            key: "Formats",
            value: with(ProfileForm::chosen(&form.formats), &a.other_language),
            field: "formats",
        },
        Row {
            key: "Access needs",
            value: with(ProfileForm::chosen(&form.access_needs), &a.access_other),
            field: "access_needs",
        },
        Row {
            key: "Experience",
            value: ProfileForm::chosen(&form.experience_types),
            field: "experience_types",
        },
        Row {
            key: "Knows about",
            value: with(
                ProfileForm::chosen(&form.experience_areas),
                &a.experience_other,
            ),
            field: "experience_areas",
        },
        Row {
            key: "Topics",
            value: ProfileForm::chosen(&form.topics),
            field: "topics",
        },
        Row {
            key: "Where they live",
            value: ProfileForm::chosen(&form.localities),
            field: "localities",
        },
        Row {
            key: "When they can take part",
            value: super::get_involved::when(&form),
            field: "days",
        },
        Row {
            key: "How they are thanked",
            value: ProfileForm::chosen(&form.recognition),
            field: "recognition",
        },
    ]
}

/// A line of the person's history, ready to show.
struct Event {
    when: String,
    who: String,
    what: String,
    text: String,
}

fn events(history: Vec<HistoryEntry>) -> Vec<Event> {
    history
        .into_iter()
        .map(|h| {
            let (what, text) = match h.kind.as_str() {
                "status" => {
                    let mut parts = h.text.splitn(3, '>');
                    let from = parts.next().and_then(Status::parse);
                    let to = parts.next().and_then(Status::parse);
                    let reason = parts.next().unwrap_or("").to_owned();
                    let what = match (from, to) {
                        (Some(from), Some(to)) => {
                            format!("Status changed from {} to {}", from.label(), to.label())
                        }
                        (None, Some(to)) => format!("Status set to {}", to.label()),
                        _ => "Status changed".to_owned(),
                    };
                    let on = h
                        .on_date
                        .map(|d| format!(" (from {d})"))
                        .unwrap_or_default();
                    (what, format!("{reason}{on}"))
                }
                "contact" => {
                    let (method, summary) = h.text.split_once('>').unwrap_or(("", &h.text));
                    (format!("Contact by {method}"), summary.to_owned())
                }
                _ => ("Note".to_owned(), h.text),
            };
            Event {
                when: uk_time(h.at),
                who: h.who.unwrap_or_else(|| "Someone".into()),
                what,
                text,
            }
        })
        .collect()
}

/// A consent, ready to show.
struct Consent {
    id: i64,
    what: &'static str,
    how: String,
    given: String,
    notice: String,
    withdrawn: Option<String>,
}

fn consents(records: Vec<ConsentRecord>) -> Vec<Consent> {
    records
        .into_iter()
        .map(|c| Consent {
            id: c.id,
            what: if c.kind == "register" {
                "To be kept on the register"
            } else {
                "To be contacted"
            },
            how: match c.method.as_str() {
                "online_form" => "Online form".to_owned(),
                "easy_read_form" => "Easy read online form".to_owned(),
                "import" => "Imported from a spreadsheet".to_owned(),
                other => STAFF_CONSENT_METHODS
                    .iter()
                    .find(|(m, _)| *m == other)
                    .map_or(other.to_owned(), |(_, label)| {
                        format!(
                            "{label}{}",
                            c.recorded_by
                                .as_ref()
                                .map(|by| format!(", recorded by {by}"))
                                .unwrap_or_default()
                        )
                    }),
            },
            given: uk_time(c.given_at),
            notice: c.notice_version,
            withdrawn: c.withdrawn_at.map(uk_time),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "people/show.html")]
struct ShowPage {
    page: Page,
    person: Person,
    rows: Vec<Row>,
    events: Vec<Event>,
    consents: Vec<Consent>,
    onboarding: Vec<OnboardingItem>,
    statuses: Vec<(String, String, bool)>,
    errors: FormErrors,
    can_change: bool,
    kept: Kept,
    contact_methods: &'static [(&'static str, &'static str)],
}

/// What was typed into the small forms of a person's page, kept when one
/// of them is sent back with a mistake.
#[derive(Default)]
struct Kept {
    reason: String,
    note: String,
    contact: String,
}

async fn show_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: PersonId,
    errors: FormErrors,
    kept: Kept,
) -> Result<ShowPage, WebError> {
    let actor = staff.actor();
    let PersonRecord {
        person,
        history,
        consents: records,
        onboarding,
    } = people::view(&state.services, &actor, id).await?;
    let lists = Lists::load(&state.services).await?;
    Ok(ShowPage {
        page,
        rows: summary_rows(&person, &lists),
        statuses: Status::ALL
            .iter()
            .filter(|s| **s != person.status)
            .map(|s| (s.as_str().to_owned(), s.label().to_owned(), false))
            .collect(),
        person,
        events: events(history),
        consents: consents(records),
        onboarding,
        errors,
        can_change: actor.may(Action::ManagePeople)
            == coproduce_domain::permissions::Decision::Allowed,
        kept,
        contact_methods: &people::CONTACT_METHODS,
    })
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let id = PersonId(record_id(&id)?);
    render(&show_page(&state, &staff, page, id, FormErrors::new(), Kept::default()).await?)
}

#[derive(Template)]
#[template(path = "people/form.html")]
struct FormPage {
    page: Page,
    errors: FormErrors,
    heading: String,
    action: String,
    button: &'static str,
    form: ProfileForm,
    adding: bool,
    consent_methods: Vec<(String, String, bool)>,
    duplicate: Option<i64>,
}

fn consent_choices(chosen: &str) -> Vec<(String, String, bool)> {
    STAFF_CONSENT_METHODS
        .iter()
        .map(|(value, label)| ((*value).to_owned(), (*label).to_owned(), *value == chosen))
        .collect()
}

async fn new_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
) -> Result<impl IntoResponse, WebError> {
    check(staff.actor().may(Action::ManagePeople))?;
    let lists = Lists::load(&state.services).await?;
    render(&FormPage {
        page,
        errors: FormErrors::new(),
        heading: "Add a person to the register".into(),
        action: "/staff/people/new".into(),
        button: "Add to the register",
        form: ProfileForm::new(Answers::default(), &lists),
        adding: true,
        consent_methods: consent_choices(""),
        duplicate: None,
    })
}

/// Shows the form again with the answers given and what was wrong.
fn refused(mut form_page: FormPage, error: ServiceError) -> Result<Response, WebError> {
    match error {
        ServiceError::Invalid(problems) => {
            form_page.errors = FormErrors::from_service(problems);
        }
        ServiceError::Duplicate(existing) => {
            form_page.errors.add(
                "email",
                "Someone with this email address or phone number is already on the register",
            );
            form_page.duplicate = Some(existing);
        }
        other => return Err(other.into()),
    }
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&form_page)?).into_response())
}

async fn create(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    check(actor.may(Action::ManagePeople))?;
    let lists = Lists::load(&state.services).await?;
    let answers = answers_from_form(&fields);
    let consent = fields
        .iter()
        .find(|(k, _)| k == "consent")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let (profile, mut problems) = answers.check(&lists);
    if !STAFF_CONSENT_METHODS.iter().any(|(m, _)| *m == consent) {
        problems.push((
            "consent",
            "Choose how the person agreed to be on the register".into(),
        ));
    }
    let form_page = FormPage {
        page,
        errors: FormErrors::new(),
        heading: "Add a person to the register".into(),
        action: "/staff/people/new".into(),
        button: "Add to the register",
        form: ProfileForm::new(answers, &lists),
        adding: true,
        consent_methods: consent_choices(&consent),
        duplicate: None,
    };
    if !problems.is_empty() {
        return refused(form_page, ServiceError::Invalid(problems));
    }
    match people::add(&state.services, &actor, &profile, &consent).await {
        Ok(id) => Ok(Redirect::to(&format!("/staff/people/{id}")).into_response()),
        Err(error) => refused(form_page, error),
    }
}

async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let person =
        people::for_change(&state.services, &staff.actor(), PersonId(record_id(&id)?)).await?;
    let lists = Lists::load(&state.services).await?;
    render(&FormPage {
        page,
        errors: FormErrors::new(),
        heading: format!("Change {}'s answers", person.profile.name),
        action: format!("/staff/people/{}/edit", person.id),
        button: "Save changes",
        form: ProfileForm::new(Answers::from_profile(&person.profile), &lists),
        adding: false,
        consent_methods: Vec::new(),
        duplicate: None,
    })
}

async fn update(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    let person = people::for_change(&state.services, &actor, PersonId(record_id(&id)?)).await?;
    let lists = Lists::load(&state.services).await?;
    let answers = answers_from_form(&fields);
    let (profile, problems) = answers.check(&lists);
    let form_page = FormPage {
        page,
        errors: FormErrors::new(),
        heading: format!("Change {}'s answers", person.profile.name),
        action: format!("/staff/people/{}/edit", person.id),
        button: "Save changes",
        form: ProfileForm::new(answers, &lists),
        adding: false,
        consent_methods: Vec::new(),
        duplicate: None,
    };
    if !problems.is_empty() {
        return refused(form_page, ServiceError::Invalid(problems));
    }
    match people::update(&state.services, &actor, person.id, &profile).await {
        Ok(()) => Ok(Redirect::to(&format!("/staff/people/{}", person.id)).into_response()),
        Err(error) => refused(form_page, error),
    }
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
}

/// Handles a small form on the person's page: success goes back to the
/// page, a mistake shows the page again with the message.
async fn on_person_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: PersonId,
    outcome: coproduce_services::Result<()>,
    kept: Kept,
) -> Result<Response, WebError> {
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/staff/people/{id}")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let page = show_page(
                state,
                staff,
                page,
                id,
                FormErrors::from_service(problems),
                kept,
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

async fn change_status(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<Response, WebError> {
    let id = PersonId(record_id(&id)?);
    let outcome = people::change_status(
        &state.services,
        &staff.actor(),
        id,
        &form.status,
        &form.reason,
        None,
    )
    .await;
    on_person_page(
        &state,
        &staff,
        page,
        id,
        outcome,
        Kept {
            reason: form.reason,
            ..Kept::default()
        },
    )
    .await
}

#[derive(Deserialize)]
struct NoteForm {
    #[serde(default)]
    note: String,
}

async fn add_note(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<NoteForm>,
) -> Result<Response, WebError> {
    let id = PersonId(record_id(&id)?);
    let outcome = people::add_note(&state.services, &staff.actor(), id, &form.note).await;
    on_person_page(
        &state,
        &staff,
        page,
        id,
        outcome,
        Kept {
            note: form.note,
            ..Kept::default()
        },
    )
    .await
}

#[derive(Deserialize)]
struct ContactForm {
    #[serde(default)]
    contact_method: String,
    #[serde(default)]
    contact_summary: String,
}

async fn record_contact(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<ContactForm>,
) -> Result<Response, WebError> {
    let id = PersonId(record_id(&id)?);
    let outcome = people::record_contact(
        &state.services,
        &staff.actor(),
        id,
        &form.contact_method,
        &form.contact_summary,
    )
    .await;
    on_person_page(
        &state,
        &staff,
        page,
        id,
        outcome,
        Kept {
            contact: form.contact_summary,
            ..Kept::default()
        },
    )
    .await
}

#[derive(Deserialize)]
struct OnboardingForm {
    #[serde(default)]
    done: String,
}

async fn onboarding(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, step)): Path<(String, String)>,
    Form(form): Form<OnboardingForm>,
) -> Result<Response, WebError> {
    let id = PersonId(record_id(&id)?);
    people::set_onboarding_step(
        &state.services,
        &staff.actor(),
        id,
        record_id(&step)?,
        form.done == "yes",
    )
    .await?;
    Ok(Redirect::to(&format!("/staff/people/{id}#onboarding")).into_response())
}

async fn withdraw_consent(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, consent)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id = PersonId(record_id(&id)?);
    people::withdraw_consent(&state.services, &staff.actor(), id, record_id(&consent)?).await?;
    Ok(Redirect::to(&format!("/staff/people/{id}#consents")).into_response())
}

#[derive(Template)]
#[template(path = "people/equality.html")]
struct EqualityPage {
    page: Page,
    responses: i64,
    totals: Vec<people::EqualityTotals>,
    smallest: i64,
}

async fn equality(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
) -> Result<impl IntoResponse, WebError> {
    let (responses, totals) = people::equality_totals(&state.services, &staff.actor()).await?;
    render(&EqualityPage {
        page,
        responses,
        totals,
        smallest: people::SMALLEST_TOTAL,
    })
}
