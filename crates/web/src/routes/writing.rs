//! The plain English checker page, and the organisation's settings.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use coproduce_domain::Action;
use coproduce_services::ServiceError;
use coproduce_services::staff::check;
use coproduce_services::writing::{self, Review};
use serde::Deserialize;

use super::render;
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/writing-check", get(check_form).post(check_text))
        .route("/staff/settings", get(settings).post(save_settings))
        .route(
            "/staff/settings/reminders",
            axum::routing::post(save_reminders),
        )
        .route(
            "/staff/settings/onboarding",
            axum::routing::post(save_onboarding),
        )
}

#[derive(Template)]
#[template(path = "writing_check.html")]
struct CheckPage {
    page: Page,
    errors: FormErrors,
    text: String,
    review: Option<Review>,
}

async fn check_form(staff: Staff, page: Page) -> Result<impl IntoResponse, WebError> {
    check(staff.actor().may(Action::CheckWriting))?;
    render(&CheckPage {
        page,
        errors: FormErrors::new(),
        text: String::new(),
        review: None,
    })
}

#[derive(Deserialize)]
struct CheckForm {
    #[serde(default)]
    text: String,
}

async fn check_text(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Form(form): Form<CheckForm>,
) -> Result<Response, WebError> {
    match writing::check_text(&state.services, &staff.actor(), &form.text).await {
        Ok(review) => Ok(render(&CheckPage {
            page,
            errors: FormErrors::new(),
            text: form.text,
            review: Some(review),
        })?
        .into_response()),
        Err(ServiceError::Invalid(fields)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&CheckPage {
                page,
                errors: FormErrors::from_service(fields),
                text: form.text,
                review: None,
            })?,
        )
            .into_response()),
        Err(error) => Err(error.into()),
    }
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    page: Page,
    organisation: String,
    must_pass: bool,
    saved: bool,
    steps: String,
    reminder_hours: String,
    errors: FormErrors,
}

/// The settings page as stored, with `errors` and any answers kept.
async fn settings_page(
    state: &AppState,
    actor: &coproduce_domain::Actor,
    page: Page,
    saved: bool,
    errors: FormErrors,
    steps: Option<String>,
    reminder_hours: Option<String>,
) -> Result<SettingsPage, WebError> {
    check(actor.may(Action::ManageSettings))?;
    let organisation = state
        .services
        .store
        .organisation(actor.organisation_id)
        .await
        .map_err(ServiceError::from)?;
    let steps = match steps {
        Some(steps) => steps,
        None => state
            .services
            .store
            .onboarding_steps(actor.organisation_id)
            .await
            .map_err(ServiceError::from)?
            .into_iter()
            .map(|(_, label)| label)
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let reminder_hours = match reminder_hours {
        Some(hours) => hours,
        None => coproduce_services::reminders::reminder_hours(&state.services, actor)
            .await?
            .to_string(),
    };
    Ok(SettingsPage {
        page,
        organisation: organisation.name,
        must_pass: organisation.plain_english_must_pass,
        saved,
        steps,
        reminder_hours,
        errors,
    })
}

#[derive(Deserialize)]
struct SettingsQuery {
    saved: Option<String>,
}

async fn settings(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(query): Query<SettingsQuery>,
) -> Result<impl IntoResponse, WebError> {
    let page = settings_page(
        &state,
        &staff.actor(),
        page,
        query.saved.is_some(),
        FormErrors::new(),
        None,
        None,
    )
    .await?;
    render(&page)
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    must_pass: String,
}

async fn save_settings(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<SettingsForm>,
) -> Result<Response, WebError> {
    let must_pass = match form.must_pass.as_str() {
        "yes" => true,
        "no" => false,
        _ => {
            return Err(WebError::BadRequest(
                "Choose whether public texts must follow the advice".into(),
            ));
        }
    };
    writing::set_must_pass(&state.services, &staff.actor(), must_pass).await?;
    Ok(Redirect::to("/staff/settings?saved=yes").into_response())
}

#[derive(Deserialize)]
struct OnboardingForm {
    #[serde(default)]
    steps: String,
}

async fn save_onboarding(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Form(form): Form<OnboardingForm>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    match coproduce_services::people::set_onboarding_steps(&state.services, &actor, &form.steps)
        .await
    {
        Ok(()) => Ok(Redirect::to("/staff/settings?saved=yes").into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let page = settings_page(
                &state,
                &actor,
                page,
                false,
                FormErrors::from_service(problems),
                Some(form.steps),
                None,
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Deserialize)]
struct RemindersForm {
    #[serde(default)]
    reminder_hours: String,
}

async fn save_reminders(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Form(form): Form<RemindersForm>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    match coproduce_services::reminders::set_reminder_hours(
        &state.services,
        &actor,
        &form.reminder_hours,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/staff/settings?saved=yes").into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let page = settings_page(
                &state,
                &actor,
                page,
                false,
                FormErrors::from_service(problems),
                None,
                Some(form.reminder_hours),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}
