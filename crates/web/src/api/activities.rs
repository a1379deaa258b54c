//! Activities, the invitations to them, replies taken by staff, attendance
//! and the calendar file, through the API.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use coproduce_domain::activity::{Activity, london, parse_uk_time};
use coproduce_domain::{Action, ActivityId, InvitationId, PersonId};
use coproduce_services::ServiceError;
use coproduce_services::activities::{self, ActivityAnswers, Answer};
use coproduce_services::staff::check;
use coproduce_services::suggestions::Suggestion;
use coproduce_store::{ActivitySummary, AdjustmentRecord, InvitationRecord};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use super::auth::ApiCaller;
use super::body::{input, query_error, sent};
use super::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// An instant as RFC 3339 in UTC.
fn rfc3339(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// An activity, as its organisation's staff see it.
#[derive(Serialize, ToSchema)]
pub struct ActivityBody {
    id: i64,
    organisation_id: i64,
    project_id: Option<i64>,
    /// workshop, forum_meeting, board_meeting, interview_panel, training,
    /// quality_check, focus_group, survey or other.
    #[serde(rename = "type")]
    kind: String,
    title: String,
    description: String,
    /// When it starts, as RFC 3339 in UTC.
    starts_at: String,
    /// When it ends, as RFC 3339 in UTC.
    ends_at: String,
    /// How many people can take part.
    places: i64,
    /// Where it happens, if in person.
    place: Option<String>,
    /// What the place offers: step_free, hearing_loop, accessible_toilet,
    /// parking, public_transport, quiet_room.
    place_features: Vec<String>,
    /// The link to join, if online.
    online_link: Option<String>,
    /// The online platform, such as Zoom or Teams.
    platform: Option<String>,
    roles_needed: Option<String>,
    /// Time to prepare, in minutes.
    preparation_minutes: i64,
    easy_read_papers: bool,
    /// The day replies are wanted by, YYYY-MM-DD.
    reply_by: Option<String>,
    /// Whether members of the public may take part.
    open_to_public: bool,
    /// How members of the public can take part.
    how_to_take_part: Option<String>,
    /// The experience areas the activity wants to hear from, such as
    /// dementia.
    experience_areas: Vec<String>,
}

impl From<Activity> for ActivityBody {
    fn from(activity: Activity) -> Self {
        let plan = activity.plan;
        Self {
            id: activity.id.0,
            organisation_id: activity.organisation_id.0,
            project_id: activity.project_id.map(|p| p.0),
            kind: plan.kind.as_str().to_owned(),
            title: plan.title,
            description: plan.description,
            starts_at: rfc3339(plan.starts_at),
            ends_at: rfc3339(plan.ends_at),
            places: i64::from(plan.places),
            place: plan.place,
            place_features: plan
                .features
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect(),
            online_link: plan.online_link,
            platform: plan.platform,
            roles_needed: plan.roles_needed,
            preparation_minutes: i64::from(plan.preparation_minutes),
            easy_read_papers: plan.easy_read_papers,
            reply_by: plan.reply_by.map(|d| d.to_iso()),
            open_to_public: plan.open_to_public,
            how_to_take_part: plan.how_to_take_part,
            experience_areas: plan.areas.iter().map(|a| a.as_str().to_owned()).collect(),
        }
    }
}

/// An activity in a list, with how many places are taken.
#[derive(Serialize, ToSchema)]
pub struct ActivityListItem {
    #[serde(flatten)]
    activity: ActivityBody,
    /// How many people hold a place.
    accepted: i64,
    /// How many people are on the waiting list.
    waiting_list: i64,
}

/// A page of the caller's organisation's activities that have not ended,
/// soonest first.
#[derive(Serialize, ToSchema)]
pub struct ActivityList {
    items: Vec<ActivityListItem>,
    /// Pass as `after` for the next page; null on the last page.
    next: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActivityParams {
    /// How many to return, 1 to 200 (default 50).
    limit: Option<u32>,
    /// The `next` value of the previous page.
    after: Option<String>,
}

/// Something to arrange so that a person can take part.
#[derive(Serialize, ToSchema)]
pub struct AdjustmentBody {
    id: i64,
    /// bsl_interpreter, taxi, easy_read_papers, large_print_papers,
    /// papers_in_advance, support_worker_place, step_free_room,
    /// hearing_loop, quiet_room, breaks or other.
    kind: String,
    /// What to do, in plain English.
    label: String,
    /// Whether it has been arranged.
    arranged: bool,
}

impl From<&AdjustmentRecord> for AdjustmentBody {
    fn from(record: &AdjustmentRecord) -> Self {
        Self {
            id: record.id,
            kind: record.kind.as_str().to_owned(),
            label: record.kind.label().to_owned(),
            arranged: record.done_at.is_some(),
        }
    }
}

/// One person's invitation to an activity.
#[derive(Serialize, ToSchema)]
pub struct InvitationBody {
    id: i64,
    activity_id: i64,
    person_id: i64,
    /// The person's name.
    name: String,
    /// invited, accepted, declined, waiting_list, no_reply or cancelled.
    status: String,
    /// Their place on the waiting list: the lowest is offered the next free
    /// place.
    waiting_position: Option<i64>,
    /// When they were invited, as RFC 3339 in UTC.
    asked_at: String,
    /// When they last replied, as RFC 3339 in UTC.
    replied_at: Option<String>,
    /// attended, apologies or did_not_attend, once recorded.
    attendance: Option<String>,
    /// Time they gave, in minutes.
    minutes: Option<i64>,
    attendance_notes: Option<String>,
    /// What to arrange so that they can take part, once they hold a place.
    adjustments: Vec<AdjustmentBody>,
}

impl InvitationBody {
    fn new(record: InvitationRecord, adjustments: &[AdjustmentRecord]) -> Self {
        Self {
            id: record.id.0,
            activity_id: record.activity_id.0,
            person_id: record.person_id.0,
            name: record.name,
            status: record.status.as_str().to_owned(),
            waiting_position: record.waiting_position,
            asked_at: rfc3339(record.asked_at),
            replied_at: record.replied_at.map(rfc3339),
            attendance: record.attendance.map(|a| a.as_str().to_owned()),
            minutes: record.minutes,
            attendance_notes: record.attendance_notes,
            adjustments: adjustments
                .iter()
                .filter(|a| a.invitation_id == record.id)
                .map(AdjustmentBody::from)
                .collect(),
        }
    }
}

/// Everyone invited to an activity, in the order they were asked.
#[derive(Serialize, ToSchema)]
pub struct InvitationList {
    items: Vec<InvitationBody>,
    /// Always null: the whole list is in one page.
    next: Option<String>,
}

/// What a reply did.
#[derive(Serialize, ToSchema)]
pub struct ReplyBody {
    /// The invitation after the reply: accepted, waiting_list or declined.
    invitation: InvitationBody,
    /// The person given the place that was freed, who is told by email.
    moved_up: Option<InvitationBody>,
}

type Problems = Vec<(&'static str, String)>;

/// Reads the values of a body one field at a time, onto answers as typed,
/// collecting a message for each value of the wrong JSON type.
#[derive(Default)]
struct Reader {
    problems: Problems,
}

impl Reader {
    /// Text; null or left out leaves it empty.
    fn text(&mut self, field: &'static str, value: Option<Value>, target: &mut String) {
        match value {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) => *target = text,
            Some(_) => self.problems.push((field, format!("{field} must be text"))),
        }
    }

    /// A list of codes.
    fn codes(&mut self, field: &'static str, value: Option<Value>, target: &mut Vec<String>) {
        match value {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                let texts: Option<Vec<String>> = items
                    .into_iter()
                    .map(|item| match item {
                        Value::String(text) => Some(text),
                        _ => None,
                    })
                    .collect();
                match texts {
                    Some(texts) => *target = texts,
                    None => self
                        .problems
                        .push((field, format!("{field} must be a list of codes"))),
                }
            }
            Some(_) => self
                .problems
                .push((field, format!("{field} must be a list of codes"))),
        }
    }

    /// A whole number that is at least 0, as a number or as text, typed as
    /// the services read it.
    fn whole(&mut self, field: &'static str, value: Option<Value>, target: &mut String) {
        match value {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) => *target = text,
            Some(Value::Number(n)) => match n.as_i64() {
                Some(n) if n >= 0 => *target = n.to_string(),
                Some(_) => self
                    .problems
                    .push((field, format!("{field} must be 0 or more"))),
                None => self
                    .problems
                    .push((field, format!("{field} must be a whole number"))),
            },
            Some(_) => self
                .problems
                .push((field, format!("{field} must be a whole number"))),
        }
    }

    /// True or false; left out is false.
    fn flag(&mut self, field: &'static str, value: Option<Value>) -> bool {
        match value {
            None | Some(Value::Null) => false,
            Some(Value::Bool(flag)) => flag,
            Some(_) => {
                self.problems
                    .push((field, format!("{field} must be true or false")));
                false
            }
        }
    }
}

/// A new activity. Send `starts_at` and `ends_at` as RFC 3339 (such as
/// `2027-01-12T14:00:00Z`, or with an offset), or the UK date and times as
/// people type them in `date`, `starts` and `ends`. An activity starts and
/// ends on the same day in UK time, to the minute.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityInputBody {
    /// workshop, forum_meeting, board_meeting, interview_panel, training,
    /// quality_check, focus_group, survey or other.
    #[serde(rename = "type", default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    kind: Option<Value>,
    /// Up to 150 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    title: Option<Value>,
    /// Plain English, up to 4,000 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    description: Option<Value>,
    /// RFC 3339, such as 2027-01-12T14:00:00Z.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    starts_at: Option<Value>,
    /// RFC 3339, on the same day as starts_at in UK time.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    ends_at: Option<Value>,
    /// Instead of starts_at and ends_at: the day in the UK, such as
    /// 12/1/2027 or 2027-01-12.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    date: Option<Value>,
    /// With date: the start time in the UK, such as 14:00 or 2pm.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    starts: Option<Value>,
    /// With date: the end time in the UK.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    ends: Option<Value>,
    /// How many people can take part, 1 to 1,000.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = i64, minimum = 1)]
    places: Option<Value>,
    /// Where it happens. A place, an online link or both are needed.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    place: Option<Value>,
    /// step_free, hearing_loop, accessible_toilet, parking,
    /// public_transport, quiet_room.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Vec<String>)]
    place_features: Option<Value>,
    /// The full link to join, starting with https://.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    online_link: Option<Value>,
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    platform: Option<Value>,
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    roles_needed: Option<Value>,
    /// Time to prepare, in minutes.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>, minimum = 0)]
    preparation_minutes: Option<Value>,
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = bool)]
    easy_read_papers: Option<Value>,
    /// The day replies are wanted by: YYYY-MM-DD or as people in the UK
    /// write it; on or before the day of the activity.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    reply_by: Option<Value>,
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = bool)]
    open_to_public: Option<Value>,
    /// Needed when open_to_public is true.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    how_to_take_part: Option<Value>,
    /// Experience area codes, such as dementia.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Vec<String>)]
    experience_areas: Option<Value>,
    /// A project of the caller's organisation.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>)]
    project_id: Option<Value>,
}

/// An RFC 3339 instant as the UK date and time people type, or a message.
fn uk_time(
    field: &'static str,
    value: Option<Value>,
    problems: &mut Problems,
) -> Option<(i64, coproduce_domain::dates::Date, String)> {
    let text = match value {
        None | Some(Value::Null) => {
            problems.push((
                field,
                format!("Enter {field} as RFC 3339, like 2027-01-12T14:00:00Z"),
            ));
            return None;
        }
        Some(Value::String(text)) => text,
        Some(_) => {
            problems.push((field, format!("{field} must be text")));
            return None;
        }
    };
    let Ok(instant) = text.trim().parse::<jiff::Timestamp>() else {
        problems.push((
            field,
            format!("Enter {field} as RFC 3339, like 2027-01-12T14:00:00Z"),
        ));
        return None;
    };
    let seconds = instant.as_second();
    if seconds % 60 != 0 || instant.subsec_nanosecond() != 0 {
        problems.push((field, format!("{field} must be a whole minute")));
        return None;
    }
    let Some((date, hour, minute)) = london(seconds) else {
        problems.push((field, format!("{field} is not a real time")));
        return None;
    };
    let time = format!("{hour:02}:{minute:02}");
    // In the hour that happens twice when the clocks go back, UK times
    // read as the first; refuse the second rather than move it.
    if parse_uk_time(date, &time, "the time").ok() != Some(seconds) {
        problems.push((
            field,
            format!("{field} falls in the hour the clocks go back in the UK. Choose another time"),
        ));
        return None;
    }
    Some((seconds, date, time))
}

impl ActivityInputBody {
    /// The answers as typed, and whether times came as RFC 3339.
    fn answers(self, reader: &mut Reader) -> (ActivityAnswers, bool) {
        let mut answers = ActivityAnswers::default();
        reader.text("type", self.kind, &mut answers.kind);
        reader.text("title", self.title, &mut answers.title);
        reader.text("description", self.description, &mut answers.description);
        let typed = [&self.date, &self.starts, &self.ends]
            .iter()
            .any(|v| v.is_some());
        let rfc = !typed || self.starts_at.is_some() || self.ends_at.is_some();
        if rfc {
            if typed {
                reader.problems.push((
                    "date",
                    "Send either starts_at and ends_at, or date, starts and ends".into(),
                ));
            }
            let starts = uk_time("starts_at", self.starts_at, &mut reader.problems);
            let ends = uk_time("ends_at", self.ends_at, &mut reader.problems);
            if let Some((_, date, time)) = &starts {
                answers.date = date.to_numeric();
                answers.starts.clone_from(time);
            }
            match (starts, ends) {
                (Some((s, _, _)), Some((e, _, _))) if e <= s => {
                    reader
                        .problems
                        .push(("ends_at", "ends_at must be after starts_at".into()));
                }
                (Some((_, start_day, _)), Some((_, end_day, _))) if start_day != end_day => {
                    reader.problems.push((
                        "ends_at",
                        "An activity must end on the day it starts, in UK time".into(),
                    ));
                }
                (_, Some((_, _, time))) => answers.ends = time,
                _ => {}
            }
        } else {
            reader.text("date", self.date, &mut answers.date);
            reader.text("starts", self.starts, &mut answers.starts);
            reader.text("ends", self.ends, &mut answers.ends);
        }
        reader.whole("places", self.places, &mut answers.places);
        reader.text("place", self.place, &mut answers.place);
        reader.codes("place_features", self.place_features, &mut answers.features);
        reader.text("online_link", self.online_link, &mut answers.online_link);
        reader.text("platform", self.platform, &mut answers.platform);
        reader.text("roles_needed", self.roles_needed, &mut answers.roles_needed);
        reader.whole(
            "preparation_minutes",
            self.preparation_minutes,
            &mut answers.preparation_minutes,
        );
        answers.easy_read_papers = reader.flag("easy_read_papers", self.easy_read_papers);
        reader.text("reply_by", self.reply_by, &mut answers.reply_by);
        answers.open_to_public = reader.flag("open_to_public", self.open_to_public);
        reader.text(
            "how_to_take_part",
            self.how_to_take_part,
            &mut answers.how_to_take_part,
        );
        reader.codes(
            "experience_areas",
            self.experience_areas,
            &mut answers.areas,
        );
        reader.whole("project_id", self.project_id, &mut answers.project);
        (answers, rfc)
    }
}

/// The API's name for a field the services name after the form.
fn api_field(field: &'static str, rfc: bool) -> &'static str {
    match field {
        "kind" => "type",
        "features" => "place_features",
        "areas" => "experience_areas",
        "project" => "project_id",
        "date" | "starts" if rfc => "starts_at",
        "ends" if rfc => "ends_at",
        other => other,
    }
}

/// A service's answer, with its field messages under the API's names.
fn renamed(error: ServiceError, rfc: bool) -> ApiError {
    match error {
        ServiceError::Invalid(fields) => ApiError::Invalid(
            fields
                .into_iter()
                .map(|(field, message)| (api_field(field, rfc), message))
                .collect(),
        ),
        other => other.into(),
    }
}

fn activity_id(id: &str) -> Result<ActivityId, ApiError> {
    id.parse().map(ActivityId).map_err(|_| ApiError::NotFound)
}

/// Reads an `after` cursor: `starts_at` and id of the last activity shown.
fn cursor(after: Option<&str>) -> Result<Option<(i64, ActivityId)>, ApiError> {
    let bad = || ApiError::BadRequest("after must be a cursor from a previous page".into());
    match after {
        None | Some("") => Ok(None),
        Some(cursor) => {
            let (starts, id) = cursor.split_once('_').ok_or_else(bad)?;
            Ok(Some((
                starts.parse().map_err(|_| bad())?,
                ActivityId(id.parse().map_err(|_| bad())?),
            )))
        }
    }
}

/// The caller's organisation's activities that have not ended, soonest
/// first.
#[utoipa::path(get, path = "/api/v1/activities", operation_id = "list_activities", tag = "Activities", params(ActivityParams),
    responses((status = 200, body = ActivityList), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<ActivityParams>, QueryRejection>,
) -> Result<Json<ActivityList>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ViewActivities))?;
    let Query(params) = params.map_err(query_error)?;
    let after = cursor(params.after.as_deref())?;
    let limit = params.limit.unwrap_or(50).clamp(1, 200);
    let summaries: Vec<ActivitySummary> =
        activities::upcoming(&state.services, &actor, after, limit).await?;
    let next = (summaries.len() == limit as usize)
        .then(|| {
            summaries
                .last()
                .map(|s| format!("{}_{}", s.starts_at, s.id))
        })
        .flatten();
    let items = activities::whole(&state.services, &summaries)
        .await?
        .into_iter()
        .filter_map(|activity| {
            let summary = summaries.iter().find(|s| s.id == activity.id)?;
            Some(ActivityListItem {
                accepted: summary.accepted,
                waiting_list: summary.waiting,
                activity: activity.into(),
            })
        })
        .collect();
    Ok(Json(ActivityList { items, next }))
}

/// One of the caller's organisation's activities; activities of other
/// organisations are not found. A path ending in `.ics` answers the
/// activity's calendar file instead (see the `.ics` path).
#[utoipa::path(get, path = "/api/v1/activities/{id}", operation_id = "get_activity", tag = "Activities",
    params(("id" = i64, Path, description = "The activity's id")),
    responses((status = 200, body = ActivityBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    if let Some(id) = id.strip_suffix(".ics") {
        return calendar(state, caller, id).await;
    }
    let activity = activities::get(&state.services, &caller.actor(), activity_id(&id)?).await?;
    Ok(Json(ActivityBody::from(activity)).into_response())
}

/// The activity as a calendar file (iCalendar, RFC 5545), with its times
/// in UTC.
#[utoipa::path(get, path = "/api/v1/activities/{id}.ics", operation_id = "get_activity_calendar", tag = "Activities",
    params(("id" = i64, Path, description = "The activity's id")),
    responses((status = 200, description = "The calendar file", content_type = "text/calendar", body = String),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn calendar(state: AppState, caller: ApiCaller, id: &str) -> Result<Response, ApiError> {
    let activity = activities::get(&state.services, &caller.actor(), activity_id(id)?).await?;
    let organisation = state
        .services
        .store
        .organisation(activity.organisation_id)
        .await
        .map_err(ServiceError::from)?
        .name;
    let name = activity.plan.title.clone();
    let filename = format!("attachment; filename=\"activity-{}.ics\"", activity.id);
    let text = coproduce_services::invitations::calendar(
        &state.services,
        &[(activity, organisation)],
        &name,
        coproduce_services::clock::now(),
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, filename),
        ],
        text,
    )
        .into_response())
}

/// Plans a new activity in the caller's organisation.
#[utoipa::path(post, path = "/api/v1/activities", operation_id = "create_activity", tag = "Activities", request_body = ActivityInputBody,
    responses((status = 201, body = ActivityBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<ActivityBody>), ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ManageActivities))?;
    let body: ActivityInputBody = input(body)?;
    let mut reader = Reader::default();
    let (answers, rfc) = body.answers(&mut reader);
    if !reader.problems.is_empty() {
        // Name every field that needs changing at once: add what the
        // answers' own checks say about the fields read well.
        let mut problems = reader.problems;
        if let Err(more) = answers.check() {
            for (field, message) in more {
                let field = api_field(field, rfc);
                if !problems.iter().any(|(f, _)| *f == field) {
                    problems.push((field, message));
                }
            }
        }
        return Err(ApiError::Invalid(problems));
    }
    let id = activities::create(&state.services, &actor, &answers)
        .await
        .map_err(|e| renamed(e, rfc))?;
    let activity = activities::get(&state.services, &actor, id).await?;
    Ok((StatusCode::CREATED, Json(activity.into())))
}

/// Everyone invited to one of the caller's organisation's activities, with
/// the adjustments to arrange for each.
#[utoipa::path(get, path = "/api/v1/activities/{id}/invitations", operation_id = "list_invitations", tag = "Activities",
    params(("id" = i64, Path, description = "The activity's id")),
    responses((status = 200, body = InvitationList), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_invitations(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<InvitationList>, ApiError> {
    let (records, adjustments) =
        activities::invitations(&state.services, &caller.actor(), activity_id(&id)?).await?;
    Ok(Json(InvitationList {
        items: records
            .into_iter()
            .map(|r| InvitationBody::new(r, &adjustments))
            .collect(),
        next: None,
    }))
}

/// People from the register to invite.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteInput {
    /// Ids of people on the caller's organisation's register.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Vec<i64>)]
    person_ids: Option<Value>,
}

/// Invites people from the register. Each person with an email address is
/// sent the details, the access arrangements, a calendar file and their
/// own links to accept or decline; staff phone or write to the rest.
#[utoipa::path(post, path = "/api/v1/activities/{id}/invitations", operation_id = "invite_people", tag = "Activities", request_body = InviteInput,
    params(("id" = i64, Path, description = "The activity's id")),
    responses((status = 201, body = InvitationList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn invite(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(StatusCode, Json<InvitationList>), ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ManageActivities))?;
    let activity = activities::get(&state.services, &actor, activity_id(&id)?)
        .await?
        .id;
    let body: InviteInput = input(body)?;
    let wrong = || {
        ApiError::Invalid(vec![(
            "person_ids",
            "person_ids must be a list of people's ids".into(),
        )])
    };
    let mut people: Vec<PersonId> = Vec::new();
    match body.person_ids {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for item in items {
                let id = PersonId(item.as_i64().ok_or_else(wrong)?);
                if !people.contains(&id) {
                    people.push(id);
                }
            }
        }
        Some(_) => return Err(wrong()),
    }
    let ids = activities::invite(&state.services, &actor, activity, &people).await?;
    let (records, adjustments) = activities::invitations(&state.services, &actor, activity).await?;
    Ok((
        StatusCode::CREATED,
        Json(InvitationList {
            items: records
                .into_iter()
                .filter(|r| ids.contains(&r.id))
                .map(|r| InvitationBody::new(r, &adjustments))
                .collect(),
            next: None,
        }),
    ))
}

/// A reply to an invitation.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyInput {
    /// accept or decline.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    answer: Option<Value>,
}

/// Records a reply a person gave staff, such as on the phone. An
/// acceptance takes a place if one is free, or joins the end of the waiting
/// list. When someone with a place declines, the first person on the
/// waiting list is given it and told by email. Replies to one activity are
/// taken one at a time, so places are never overbooked.
#[utoipa::path(post, path = "/api/v1/invitations/{id}/reply", operation_id = "reply_to_invitation", tag = "Activities", request_body = ReplyInput,
    params(("id" = i64, Path, description = "The invitation's id")),
    responses((status = 200, body = ReplyBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn reply(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<ReplyBody>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ManageActivities))?;
    let id = InvitationId(id.parse().map_err(|_| ApiError::NotFound)?);
    let body: ReplyInput = input(body)?;
    let answer = match &body.answer {
        Some(Value::String(answer)) => Answer::parse(answer),
        _ => None,
    }
    .ok_or_else(|| ApiError::Invalid(vec![("answer", "Send accept or decline".into())]))?;
    let outcome = activities::reply(&state.services, id, answer, Some(&actor), false).await?;
    let store = &state.services.store;
    let record = store.invitation(id).await.map_err(ServiceError::from)?;
    let adjustments = store
        .adjustments(record.activity_id)
        .await
        .map_err(ServiceError::from)?;
    let moved_up = match outcome.moved_up {
        Some(next) => Some(InvitationBody::new(
            store.invitation(next).await.map_err(ServiceError::from)?,
            &adjustments,
        )),
        None => None,
    };
    Ok(Json(ReplyBody {
        invitation: InvitationBody::new(record, &adjustments),
        moved_up,
    }))
}

/// Whether a person came, and the time they gave.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceInput {
    /// attended, apologies or did_not_attend.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = String)]
    status: Option<Value>,
    /// Time they gave, in minutes, up to a day.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<i64>, minimum = 0)]
    minutes: Option<Value>,
    /// Up to 2,000 characters.
    #[serde(default, deserialize_with = "sent")]
    #[schema(value_type = Option<String>)]
    notes: Option<Value>,
}

/// Records whether an invited person came, and the time they gave. Sending
/// it again replaces what was recorded.
#[utoipa::path(put, path = "/api/v1/activities/{id}/attendance/{person_id}", operation_id = "record_attendance", tag = "Activities", request_body = AttendanceInput,
    params(("id" = i64, Path, description = "The activity's id"),
        ("person_id" = i64, Path, description = "The id of a person invited to it")),
    responses((status = 200, body = InvitationBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn attendance(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((id, person)): Path<(String, String)>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<Json<InvitationBody>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ManageActivities))?;
    let activity = activities::get(&state.services, &actor, activity_id(&id)?)
        .await?
        .id;
    let person = PersonId(person.parse().map_err(|_| ApiError::NotFound)?);
    let body: AttendanceInput = input(body)?;
    let mut reader = Reader::default();
    let (mut status, mut minutes, mut notes) = (String::new(), String::new(), String::new());
    reader.text("status", body.status, &mut status);
    reader.whole("minutes", body.minutes, &mut minutes);
    reader.text("notes", body.notes, &mut notes);
    if !reader.problems.is_empty() {
        return Err(ApiError::Invalid(reader.problems));
    }
    activities::record_attendance(
        &state.services,
        &actor,
        activity,
        person,
        &status,
        &minutes,
        &notes,
    )
    .await
    .map_err(|error| match error {
        ServiceError::Invalid(fields) => ApiError::Invalid(
            fields
                .into_iter()
                .map(|(field, message)| match field {
                    "attendance" => (
                        "status",
                        "Send attended, apologies or did_not_attend".to_owned(),
                    ),
                    other => (other, message),
                })
                .collect(),
        ),
        other => other.into(),
    })?;
    let (records, adjustments) = activities::invitations(&state.services, &actor, activity).await?;
    let record = records
        .into_iter()
        .find(|r| r.person_id == person)
        .ok_or(ApiError::NotFound)?;
    Ok(Json(InvitationBody::new(record, &adjustments)))
}

/// Someone on the register who could be asked to an activity.
#[derive(Serialize, ToSchema)]
pub struct SuggestionBody {
    person_id: i64,
    name: String,
    /// Why they are suggested, in plain English.
    reasons: Vec<String>,
    /// What to arrange so that they can take part.
    adjustments_needed: Vec<String>,
    /// When they were last asked to any activity, as RFC 3339 in UTC.
    last_asked: Option<String>,
    /// Activities they accepted or attended that started in the last year.
    involved_last_year: i64,
    /// How closely they match. It helps; the order is fair rotation.
    score: i64,
}

impl From<Suggestion> for SuggestionBody {
    fn from(s: Suggestion) -> Self {
        Self {
            person_id: s.person_id.0,
            name: s.name,
            reasons: s.reasons,
            adjustments_needed: s.adjustments_needed,
            last_asked: s.last_asked.map(rfc3339),
            involved_last_year: s.involved_last_year,
            score: s.score,
        }
    }
}

/// People suggested for an activity, fairest first.
#[derive(Serialize, ToSchema)]
pub struct SuggestionList {
    items: Vec<SuggestionBody>,
    /// Always null: one page of suggestions.
    next: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestionParams {
    /// How many to suggest, 1 to 200 (default 20).
    limit: Option<u32>,
}

/// People on the register to ask to an activity, fairest first: those asked
/// least recently come first, with why each one fits and what to arrange
/// for them. People already invited are left out.
#[utoipa::path(get, path = "/api/v1/activities/{id}/suggestions", operation_id = "suggest_people", tag = "Activities",
    params(("id" = i64, Path, description = "The activity's id"), SuggestionParams),
    responses((status = 200, body = SuggestionList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn suggestions(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    params: Result<Query<SuggestionParams>, QueryRejection>,
) -> Result<Json<SuggestionList>, ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ManageActivities))?;
    let id = activity_id(&id)?;
    let Query(params) = params.map_err(query_error)?;
    let limit = params.limit.unwrap_or(20).clamp(1, 200);
    let items = coproduce_services::suggestions::suggest(&state.services, &actor, id, limit)
        .await?
        .into_iter()
        .map(SuggestionBody::from)
        .collect();
    Ok(Json(SuggestionList { items, next: None }))
}
