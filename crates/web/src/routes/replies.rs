//! The public side of activities: the pages behind the reply links in
//! invitation emails (no sign-in), the list of activities anyone can join,
//! and each staff member's private calendar feed.
//!
//! A reply link's GET only shows what the person is answering: mail
//! scanners follow links, so only the button's POST changes anything.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use coproduce_domain::activity::{Activity, InvitationStatus, PlaceFeature};
use coproduce_services::activities::{self, Answer, LinkProblem};
use coproduce_services::reminders::{self, ReplyLinkView};
use coproduce_services::{ServiceError, invitations};

use super::render;
use crate::error::WebError;
use crate::page::Page;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reply/{token}", get(reply_page).post(send_reply))
        .route("/get-involved/opportunities", get(opportunities))
        .route("/staff/calendar", get(calendar_page).post(new_calendar))
        .route("/calendar/{file}", get(calendar_feed))
}

/// An activity as the public pages show it.
struct ActivityView {
    title: String,
    organisation: String,
    kind: &'static str,
    description: String,
    when: String,
    place: Option<String>,
    features: Vec<&'static str>,
    online: bool,
    platform: Option<String>,
    how_to_take_part: Option<String>,
    easy_read_papers: bool,
}

impl ActivityView {
    fn new(activity: &Activity, organisation: &str) -> Self {
        let plan = &activity.plan;
        Self {
            title: plan.title.clone(),
            organisation: organisation.to_owned(),
            kind: plan.kind.label(),
            description: plan.description.clone(),
            when: invitations::when(activity),
            place: plan.place.clone(),
            features: plan
                .features
                .iter()
                .map(|f: &PlaceFeature| f.label())
                .collect(),
            online: plan.online_link.is_some(),
            platform: plan.platform.clone(),
            how_to_take_part: plan.how_to_take_part.clone(),
            easy_read_papers: plan.easy_read_papers,
        }
    }
}

// --- Reply links -----------------------------------------------------------

#[derive(Template)]
#[template(path = "replies/reply.html")]
struct ReplyPage {
    page: Page,
    activity: ActivityView,
    /// The personal online link, shown only to the person invited.
    online_link: Option<String>,
    accept: bool,
    action: String,
}

#[derive(Template)]
#[template(path = "replies/done.html")]
struct DonePage {
    page: Page,
    activity: ActivityView,
    status: &'static str,
}

/// Why a reply link did nothing, as a calm page.
#[derive(Template)]
#[template(path = "replies/problem.html")]
struct ProblemPage {
    page: Page,
    title: &'static str,
    reason: String,
    organisation: Option<String>,
}

fn problem(
    page: Page,
    status: StatusCode,
    title: &'static str,
    reason: impl Into<String>,
    organisation: Option<String>,
) -> Result<Response, WebError> {
    Ok((
        status,
        render(&ProblemPage {
            page,
            title,
            reason: reason.into(),
            organisation,
        })?,
    )
        .into_response())
}

fn link_problem(page: Page, link: LinkProblem) -> Result<Response, WebError> {
    match link {
        LinkProblem::NotValid => problem(
            page,
            StatusCode::BAD_REQUEST,
            "This link does not work",
            "The link may have been changed or cut short when it was copied. Check you used the whole \
             link from your email",
            None,
        ),
        LinkProblem::Expired => problem(
            page,
            StatusCode::GONE,
            "This activity has finished",
            "The link stopped working when the activity ended, so we cannot take a reply now",
            None,
        ),
        LinkProblem::Used => used(page, None),
    }
}

fn used(page: Page, organisation: Option<String>) -> Result<Response, WebError> {
    problem(
        page,
        StatusCode::CONFLICT,
        "You have already used this link",
        "Each link in your email works once, and we already have your reply. Nothing has changed",
        organisation,
    )
}

/// True when the invitation already stands where this link would put it.
fn already_done(view: &ReplyLinkView) -> bool {
    match view.answer {
        Answer::Accept => matches!(
            view.status,
            InvitationStatus::Accepted | InvitationStatus::WaitingList
        ),
        Answer::Decline => view.status == InvitationStatus::Declined,
        Answer::Cancel => view.status == InvitationStatus::Cancelled,
    }
}

async fn reply_page(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let view = match reminders::read_reply_link(&state.services, &token).await? {
        Ok(view) => view,
        Err(link) => return link_problem(page, link),
    };
    if view.status == InvitationStatus::Cancelled {
        return cancelled(page, view.organisation);
    }
    if already_done(&view) {
        return used(page, Some(view.organisation));
    }
    Ok(render(&ReplyPage {
        page,
        activity: ActivityView::new(&view.activity, &view.organisation),
        online_link: view.activity.plan.online_link.clone(),
        accept: view.answer == Answer::Accept,
        action: format!("/reply/{token}"),
    })?
    .into_response())
}

fn cancelled(page: Page, organisation: String) -> Result<Response, WebError> {
    problem(
        page,
        StatusCode::CONFLICT,
        "This invitation was cancelled",
        "We cancelled this invitation, so we cannot take a reply to it",
        Some(organisation),
    )
}

async fn send_reply(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let view = match reminders::read_reply_link(&state.services, &token).await? {
        Ok(view) => view,
        Err(link) => return link_problem(page, link),
    };
    let organisation = view.organisation.clone();
    match activities::reply(&state.services, view.invitation, view.answer, None, true).await {
        Ok(outcome) => {
            let status = match outcome.status {
                InvitationStatus::Accepted => "accepted",
                InvitationStatus::WaitingList => "waiting",
                _ => "declined",
            };
            Ok(render(&DonePage {
                page,
                activity: ActivityView::new(&view.activity, &organisation),
                status,
            })?
            .into_response())
        }
        Err(ServiceError::Conflict(message)) if message.contains("already been used") => {
            used(page, Some(organisation))
        }
        Err(ServiceError::Conflict(message)) if message.contains("cancelled") => {
            cancelled(page, organisation)
        }
        Err(ServiceError::Conflict(message)) => problem(
            page,
            StatusCode::CONFLICT,
            "We could not take your reply",
            message,
            Some(organisation),
        ),
        Err(ServiceError::NotFound) => link_problem(page, LinkProblem::NotValid),
        Err(error) => Err(error.into()),
    }
}

// --- Opportunities ---------------------------------------------------------

#[derive(Template)]
#[template(path = "replies/opportunities.html")]
struct OpportunitiesPage {
    page: Page,
    activities: Vec<ActivityView>,
}

async fn opportunities(
    State(state): State<AppState>,
    page: Page,
) -> Result<impl IntoResponse, WebError> {
    let activities = activities::public(&state.services)
        .await?
        .iter()
        .map(|(activity, organisation)| ActivityView::new(activity, organisation))
        .collect();
    render(&OpportunitiesPage { page, activities })
}

// --- Calendar feeds --------------------------------------------------------

#[derive(Template)]
#[template(path = "replies/calendar.html")]
struct CalendarPage {
    page: Page,
    /// When the current address was made, if there is one.
    made: Option<String>,
    /// A new address, shown once, just after it is made.
    address: Option<String>,
}

async fn calendar_page(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
) -> Result<impl IntoResponse, WebError> {
    let made = reminders::feed_made(&state.services, &staff.actor()).await?;
    render(&CalendarPage {
        page,
        made: made.map(super::uk_time),
        address: None,
    })
}

async fn new_calendar(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
) -> Result<Response, WebError> {
    let token = reminders::new_feed(&state.services, &staff.actor()).await?;
    let mut response = render(&CalendarPage {
        page,
        made: None,
        address: Some(reminders::feed_address(&state.services, &token)),
    })?
    .into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

async fn calendar_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, WebError> {
    let token = file.strip_suffix(".ics").ok_or(WebError::NotFound)?;
    let calendar = reminders::feed(&state.services, token)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"activities.ics\"",
            ),
        ],
        calendar,
    )
        .into_response())
}
