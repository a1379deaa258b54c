//! The register through the API.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use coproduce_domain::PersonId;
use coproduce_domain::person::{
    AccessNeed, ExperienceArea, Person, PersonFilter, PersonSummary, Recognition, Status,
};
use coproduce_services::people::{self, Answers, Lists};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::ApiCaller;
use super::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// A person on the register.
#[derive(Serialize, ToSchema)]
pub struct PersonBody {
    id: i64,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    /// enquiry, contacted, onboarding, active, paused or left.
    status: String,
    /// How they know about care and support: draws_on_care, unpaid_carer, family_member, interested.
    experience: Vec<String>,
    /// The areas they know from their own life, such as dementia or autism.
    experience_areas: Vec<String>,
    topics: Vec<String>,
    localities: Vec<String>,
    access_needs: Vec<String>,
    formats: Vec<String>,
    contact_methods: Vec<String>,
    /// paid, vouchers, volunteer or not_sure.
    recognition: Option<String>,
    /// The day they last took part, YYYY-MM-DD.
    last_involved_on: Option<String>,
}

impl From<Person> for PersonBody {
    fn from(person: Person) -> Self {
        let answers = Answers::from_profile(&person.profile);
        Self {
            id: person.id.0,
            name: answers.name,
            email: Some(answers.email).filter(|e| !e.is_empty()),
            phone: Some(answers.phone).filter(|p| !p.is_empty()),
            status: person.status.as_str().to_owned(),
            experience: answers.experience_types,
            experience_areas: answers.experience_areas,
            topics: answers.topics,
            localities: answers.localities,
            access_needs: answers.access_needs,
            formats: answers.formats,
            contact_methods: answers.contact_methods,
            recognition: Some(answers.recognition).filter(|r| !r.is_empty()),
            last_involved_on: person.last_involved_on,
        }
    }
}

/// A line of the register.
#[derive(Serialize, ToSchema)]
pub struct PersonListItem {
    id: i64,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    status: String,
    last_involved_on: Option<String>,
}

impl From<PersonSummary> for PersonListItem {
    fn from(p: PersonSummary) -> Self {
        Self {
            id: p.id.0,
            name: p.name,
            email: p.email,
            phone: p.phone,
            status: p.status.as_str().to_owned(),
            last_involved_on: p.last_involved_on,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PersonList {
    items: Vec<PersonListItem>,
    /// Pass as `after` for the next page; null on the last page.
    next: Option<String>,
    /// How many people the filters find in all.
    total: i64,
}

#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct PeopleParams {
    /// Part of a name, an email address or a phone number.
    q: Option<String>,
    status: Option<String>,
    /// An experience area code, such as dementia.
    area: Option<String>,
    /// A topic slug.
    topic: Option<String>,
    /// A locality slug.
    locality: Option<String>,
    /// An access need code, such as step_free.
    access_need: Option<String>,
    recognition: Option<String>,
    /// People not involved since this date (YYYY-MM-DD), or never.
    not_involved_since: Option<String>,
    /// How many to return, 1 to 200 (default 50).
    limit: Option<u32>,
    /// The `next` value of the previous page.
    after: Option<String>,
}

fn code<T>(
    value: &Option<String>,
    parse: fn(&str) -> Option<T>,
    field: &'static str,
    problems: &mut Vec<(&'static str, String)>,
) -> Option<T> {
    let value = value.as_deref().filter(|v| !v.is_empty())?;
    let parsed = parse(value);
    if parsed.is_none() {
        problems.push((
            field,
            format!("{value} is not one of the codes for {field}"),
        ));
    }
    parsed
}

impl PeopleParams {
    fn filter(&self) -> Result<PersonFilter, ApiError> {
        let mut problems = Vec::new();
        let since = match self.not_involved_since.as_deref().filter(|v| !v.is_empty()) {
            None => None,
            Some(value) => match coproduce_domain::dates::parse_uk_date(value) {
                Ok(date) => Some(date.to_iso()),
                Err(e) => {
                    problems.push(("not_involved_since", e.message));
                    None
                }
            },
        };
        let filter = PersonFilter {
            text: self.q.clone().filter(|q| !q.trim().is_empty()),
            status: code(&self.status, Status::parse, "status", &mut problems),
            area: code(&self.area, ExperienceArea::parse, "area", &mut problems),
            topic: self.topic.clone().filter(|t| !t.is_empty()),
            locality: self.locality.clone().filter(|l| !l.is_empty()),
            access_need: code(
                &self.access_need,
                AccessNeed::parse,
                "access_need",
                &mut problems,
            ),
            recognition: code(
                &self.recognition,
                Recognition::parse,
                "recognition",
                &mut problems,
            ),
            not_involved_since: since,
            review_needed: false,
        };
        if problems.is_empty() {
            Ok(filter)
        } else {
            Err(ApiError::Invalid(problems))
        }
    }
}

/// People on the register of the caller's organisation, in id order.
#[utoipa::path(get, path = "/api/v1/people", tag = "Register", params(PeopleParams),
    responses((status = 200, body = PersonList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<PeopleParams>, QueryRejection>,
) -> Result<Json<PersonList>, ApiError> {
    let Query(params) =
        params.map_err(|_| ApiError::BadRequest("limit must be a whole number".into()))?;
    let filter = params.filter()?;
    let after = match params.after.as_deref() {
        None | Some("") => None,
        Some(cursor) => Some(PersonId(cursor.parse().map_err(|_| {
            ApiError::BadRequest("after must be a cursor from a previous page".into())
        })?)),
    };
    let page = people::search(
        &state.services,
        &caller.actor(),
        &filter,
        after,
        params.limit.unwrap_or(50),
    )
    .await?;
    Ok(Json(PersonList {
        items: page.people.into_iter().map(PersonListItem::from).collect(),
        next: page.next.map(|id| id.to_string()),
        total: page.total,
    }))
}

/// One person. People of other organisations are not found. Each read is in
/// the audit trail.
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "Register",
    params(("id" = i64, Path, description = "The person's id")),
    responses((status = 200, body = PersonBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<PersonBody>, ApiError> {
    let id: i64 = id.parse().map_err(|_| ApiError::NotFound)?;
    Ok(Json(
        people::get(&state.services, &caller.actor(), PersonId(id))
            .await?
            .into(),
    ))
}

/// A new person, entered by staff for them.
#[derive(Deserialize, ToSchema)]
pub struct NewPersonBody {
    /// The person's answers: name, contact_methods, email, phone, address,
    /// postcode, supporter_name, supporter_contact, formats, other_language,
    /// access_needs, access_other, experience_types, experience_areas,
    /// experience_other, topics, localities, days, times, modes, recognition.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    answers: BTreeMap<String, serde_json::Value>,
}

fn answers_from(
    map: BTreeMap<String, serde_json::Value>,
    skip: &[&str],
) -> Result<Answers, ApiError> {
    let object: serde_json::Map<String, serde_json::Value> = map
        .into_iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .collect();
    people::merged(&coproduce_domain::person::Profile::default(), &object)
        .map_err(ApiError::Invalid)
}

/// Adds a person to the caller's organisation's register. `consent` says how
/// they agreed: phone, in_person or paper.
#[utoipa::path(post, path = "/api/v1/people", tag = "Register", request_body = NewPersonBody,
    responses((status = 201, body = PersonBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Result<Json<NewPersonBody>, JsonRejection>,
) -> Result<(StatusCode, Json<PersonBody>), ApiError> {
    let actor = caller.actor();
    coproduce_services::staff::check(actor.may(coproduce_domain::Action::ManagePeople))?;
    let Json(body) = body.map_err(|e| {
        ApiError::BadRequest(format!("The body is not valid JSON: {}", e.body_text()))
    })?;
    let consent = body
        .answers
        .get("consent")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    let answers = answers_from(body.answers, &["consent"])?;
    let lists = Lists::load(&state.services).await?;
    let (profile, problems) = answers.check(&lists);
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    let id = people::add(&state.services, &actor, &profile, &consent).await?;
    Ok((
        StatusCode::CREATED,
        Json(people::get(&state.services, &actor, id).await?.into()),
    ))
}

/// Changes some of a person's answers; fields not sent stay as they are.
#[utoipa::path(patch, path = "/api/v1/people/{id}", tag = "Register", request_body = NewPersonBody,
    params(("id" = i64, Path, description = "The person's id")),
    responses((status = 200, body = PersonBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn patch(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<serde_json::Map<String, serde_json::Value>>, JsonRejection>,
) -> Result<Json<PersonBody>, ApiError> {
    let actor = caller.actor();
    let id: i64 = id.parse().map_err(|_| ApiError::NotFound)?;
    let person = people::for_change(&state.services, &actor, PersonId(id)).await?;
    let Json(change) = body.map_err(|e| {
        ApiError::BadRequest(format!("The body is not valid JSON: {}", e.body_text()))
    })?;
    let answers = people::merged(&person.profile, &change).map_err(ApiError::Invalid)?;
    let lists = Lists::load(&state.services).await?;
    let (profile, problems) = answers.check(&lists);
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    people::update(&state.services, &actor, person.id, &profile).await?;
    Ok(Json(
        people::get(&state.services, &actor, person.id)
            .await?
            .into(),
    ))
}
