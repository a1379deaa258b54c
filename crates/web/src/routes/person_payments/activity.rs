//! The page about paying for one activity: whether it pays and at which
//! rate, each person's choice about their fee for it, working out the fees
//! from attendance, and the fees it has.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use coproduce_domain::activity::{Activity, InvitationStatus};
use coproduce_domain::dates::Date;
use coproduce_domain::money::Pence;
use coproduce_domain::payments::ChoicePlan;
use coproduce_domain::{Action, ActivityId, InvitationId};
use coproduce_services::ServiceError;
use coproduce_services::activities;
use coproduce_services::payments::{self, ActivityPay, PreferenceAnswers};
use coproduce_services::staff::check;
use coproduce_store::{FeeRecord, ItemFilter};
use serde::Deserialize;

use super::{allowed, fee_choices, status_tag, value};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::profile_form::Choice;
use crate::routes::{record_id, render};
use crate::session::Staff;
use crate::state::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/activities/{id}/payments", get(show))
        .route("/staff/activities/{id}/payments/rate", post(set_rate))
        .route(
            "/staff/activities/{id}/payments/choices/{invitation}",
            post(set_choice),
        )
        .route("/staff/activities/{id}/payments/fees", post(work_out))
}

fn activity_id(raw: &str) -> Result<ActivityId, WebError> {
    Ok(ActivityId(record_id(raw)?))
}

/// A person taking part, with their choice about the fee and the form to
/// change it.
struct PersonRow {
    invitation: InvitationId,
    person_id: i64,
    name: String,
    taking_part: &'static str,
    /// The choice that applies now, in words, and where it comes from.
    applies: String,
    choices: Vec<Choice>,
    reduced: String,
    charity: String,
    choice_error: Option<String>,
    reduced_error: Option<String>,
    charity_error: Option<String>,
}

/// A fee of the activity as a line of the table.
struct FeeRow {
    id: i64,
    person: String,
    basis: String,
    choice: String,
    amount: Pence,
    status: &'static str,
    tag: &'static str,
}

impl FeeRow {
    fn new(fee: &FeeRecord) -> Self {
        let choice = ChoicePlan {
            choice: fee.choice,
            reduced: None,
            charity: fee.charity.clone(),
        };
        Self {
            id: fee.id.0,
            person: fee.person_name.clone(),
            basis: fee.basis.clone(),
            choice: choice.words(),
            amount: fee.amount,
            status: fee.progress.status.label(),
            tag: status_tag(fee.progress.status),
        }
    }
}

#[derive(Template)]
#[template(path = "person_payments/activity.html")]
struct ActivityPage {
    page: Page,
    errors: FormErrors,
    banner: Option<String>,
    activity: Activity,
    day: Date,
    role: Option<String>,
    /// The rate in words and the day it started, when one is in force.
    rate: Option<(String, Date)>,
    roles: Vec<Choice>,
    can_record: bool,
    people: Vec<PersonRow>,
    fees: Vec<FeeRow>,
    fees_total: Pence,
}

/// What was sent in a refused choice form, to show it again.
struct Kept {
    invitation: InvitationId,
    answers: PreferenceAnswers,
}

async fn activity_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: ActivityId,
    errors: FormErrors,
    kept: Option<Kept>,
) -> Result<ActivityPage, WebError> {
    let actor = staff.actor();
    let services = &state.services;
    check(actor.may(Action::ViewPayments))?;
    let activity = activities::get(services, &actor, id).await?;
    let ActivityPay {
        day,
        role,
        rate,
        roles,
        ..
    } = payments::activity_pay(services, &actor, id).await?;
    let (invitations, _) = activities::invitations(services, &actor, id).await?;
    let taking_part: Vec<_> = invitations
        .into_iter()
        .filter(|i| i.attendance.is_some() || i.status == InvitationStatus::Accepted)
        .collect();
    let own = services
        .store
        .fee_choices(id)
        .await
        .map_err(ServiceError::from)?;
    let people: Vec<_> = taking_part.iter().map(|i| i.person_id).collect();
    let standing = services
        .store
        .payment_preferences_of(&people)
        .await
        .map_err(ServiceError::from)?;
    let fees = payments::fees(
        services,
        &actor,
        ItemFilter {
            activity: Some(id),
            ..ItemFilter::default()
        },
        None,
        200,
    )
    .await?;
    let people = taking_part
        .iter()
        .map(|i| {
            let (applies, current) = match (own.get(&i.id), standing.get(&i.person_id)) {
                (Some(choice), _) => (
                    format!("{}. Recorded for this activity", choice.words()),
                    choice.clone(),
                ),
                (None, Some((choice, _))) => (
                    format!("{}. This is their usual choice", choice.words()),
                    choice.clone(),
                ),
                (None, None) => (
                    "Take the full fee. Nothing has been recorded".to_owned(),
                    ChoicePlan::take(),
                ),
            };
            let kept = kept.as_ref().filter(|k| k.invitation == i.id);
            let (choice, reduced, charity) = match kept {
                Some(k) => (
                    k.answers.choice.clone(),
                    k.answers.reduced.clone(),
                    k.answers.charity.clone(),
                ),
                None => (
                    current.choice.as_str().to_owned(),
                    current.reduced.map(Pence::to_plain).unwrap_or_default(),
                    current.charity.clone().unwrap_or_default(),
                ),
            };
            let message = |field: &str| errors.get(&format!("{field}-{}", i.id)).map(str::to_owned);
            PersonRow {
                invitation: i.id,
                person_id: i.person_id.0,
                name: i.name.clone(),
                taking_part: i.attendance.map_or("Has a place", |a| a.label()),
                applies,
                choices: fee_choices(&choice),
                reduced,
                charity,
                choice_error: message("choice"),
                reduced_error: message("reduced"),
                charity_error: message("charity"),
            }
        })
        .collect();
    let mut choices = vec![Choice {
        value: String::new(),
        label: "Unpaid".into(),
        checked: role.is_none(),
    }];
    choices.extend(roles.into_iter().map(|r| Choice {
        checked: role.as_deref() == Some(r.as_str()),
        label: r.clone(),
        value: r,
    }));
    Ok(ActivityPage {
        page,
        errors,
        banner: None,
        day,
        rate: rate.map(|r| (r.plan.amount_words(), r.plan.from)),
        role,
        roles: choices,
        can_record: allowed(&actor, Action::RecordPayments),
        people,
        fees_total: Pence(fees.iter().map(|f| f.amount.0).sum()),
        fees: fees.iter().map(FeeRow::new).collect(),
        activity,
    })
}

/// "2 fees worked out. 1 person already had one. 1 person chose no fee."
fn worked_out_words(query: &[(String, String)]) -> Option<String> {
    let count = |name: &str| value(query, name).trim().parse::<usize>().ok();
    let (created, already, declined) = (count("created")?, count("already")?, count("declined")?);
    let people = |n: usize| if n == 1 { "person" } else { "people" };
    let mut words = vec![match created {
        0 => "No new fees worked out".to_owned(),
        1 => "1 fee worked out".to_owned(),
        n => format!("{n} fees worked out"),
    }];
    if already > 0 {
        words.push(format!("{already} {} already had a fee", people(already)));
    }
    if declined > 0 {
        words.push(format!("{declined} {} chose no fee", people(declined)));
    }
    Some(words.join(". "))
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = activity_id(&id)?;
    let mut view = activity_page(&state, &staff, page, id, FormErrors::new(), None).await?;
    view.banner = match value(&query, "done") {
        "rate" => Some("The rate is saved".to_owned()),
        "choice" => Some("Their choice is saved".to_owned()),
        "fees" => worked_out_words(&query),
        _ => None,
    };
    Ok(render(&view)?.into_response())
}

async fn refused(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: ActivityId,
    errors: FormErrors,
    kept: Option<Kept>,
) -> Result<Response, WebError> {
    let view = activity_page(state, staff, page, id, errors, kept).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
}

fn back_to(id: ActivityId, query: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/staff/activities/{id}/payments?{query}{anchor}")).into_response()
}

#[derive(Deserialize, Default)]
struct RateForm {
    #[serde(default)]
    role: String,
}

async fn set_rate(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<RateForm>,
) -> Result<Response, WebError> {
    let id = activity_id(&id)?;
    match payments::set_activity_role(&state.services, &staff.actor(), id, &form.role).await {
        Ok(()) => Ok(back_to(id, "done=rate", "#rate")),
        Err(ServiceError::Invalid(problems)) => {
            refused(
                &state,
                &staff,
                page,
                id,
                FormErrors::from_service(problems),
                None,
            )
            .await
        }
        Err(error) => Err(error.into()),
    }
}

async fn set_choice(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path((id, invitation)): Path<(String, String)>,
    Form(answers): Form<PreferenceAnswers>,
) -> Result<Response, WebError> {
    let id = activity_id(&id)?;
    let invitation = InvitationId(record_id(&invitation)?);
    let actor = staff.actor();
    let services = &state.services;
    check(actor.may(Action::RecordPayments))?;
    activities::activity_for(services, &actor, Action::ViewActivities, id).await?;
    // The invitation must be one of this activity's, whatever the service
    // would allow, so the address always names what is changed.
    let belongs = services
        .store
        .invitation(invitation)
        .await
        .is_ok_and(|record| record.activity_id == id);
    if !belongs {
        return Err(WebError::NotFound);
    }
    match payments::set_activity_choice(services, &actor, invitation, &answers).await {
        Ok(()) => Ok(back_to(id, "done=choice", "#people")),
        Err(ServiceError::Invalid(problems)) => {
            let mut errors = FormErrors::new();
            for (field, message) in problems {
                errors.add(&format!("{field}-{invitation}"), message);
            }
            let kept = Kept {
                invitation,
                answers,
            };
            refused(&state, &staff, page, id, errors, Some(kept)).await
        }
        Err(error) => Err(error.into()),
    }
}

async fn work_out(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = activity_id(&id)?;
    match payments::work_out_fees(&state.services, &staff.actor(), id).await {
        Ok(done) => Ok(back_to(
            id,
            &format!(
                "done=fees&created={}&already={}&declined={}",
                done.created.len(),
                done.already,
                done.declined
            ),
            "#fees",
        )),
        Err(ServiceError::Invalid(problems)) => {
            // The messages are about working out fees, so they point at
            // its button rather than at the rate's list.
            let mut errors = FormErrors::new();
            for (_, message) in problems {
                errors.add("work-out", message);
            }
            refused(&state, &staff, page, id, errors, None).await
        }
        Err(error) => Err(error.into()),
    }
}
