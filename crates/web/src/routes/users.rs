//! Staff accounts: list, add, view and change, for administrators.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use coproduce_domain::{Action, Role, StaffUser, UserId};
use coproduce_services::ServiceError;
use coproduce_services::staff::{self, NewStaff, check};
use serde::Deserialize;

use super::{record_id, render};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/users", get(list))
        .route("/staff/users/new", get(new_form).post(create))
        .route("/staff/users/{id}", get(show))
        .route("/staff/users/{id}/edit", get(edit_form).post(update))
}

const PAGE_SIZE: u32 = 50;

#[derive(Template)]
#[template(path = "users.html")]
struct ListPage {
    page: Page,
    organisation: String,
    users: Vec<StaffUser>,
    total: i64,
    next: Option<UserId>,
}

#[derive(Deserialize)]
struct ListQuery {
    after: Option<i64>,
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(query): Query<ListQuery>,
) -> Result<impl IntoResponse, WebError> {
    let listing = staff::list(
        &state.services,
        &staff.actor(),
        query.after.map(UserId),
        PAGE_SIZE,
    )
    .await?;
    let organisation = state
        .services
        .store
        .organisation(staff.user().organisation_id)
        .await
        .map_err(ServiceError::from)?;
    render(&ListPage {
        page,
        organisation: organisation.name,
        users: listing.users,
        total: listing.total,
        next: listing.next,
    })
}

#[derive(Template)]
#[template(path = "user.html")]
struct ShowPage {
    page: Page,
    user: StaffUser,
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let user = staff::view(&state.services, &staff.actor(), UserId(record_id(&id)?)).await?;
    render(&ShowPage { page, user })
}

#[derive(Template)]
#[template(path = "user_form.html")]
struct FormPage {
    page: Page,
    errors: FormErrors,
    heading: &'static str,
    button: &'static str,
    action: String,
    editing: bool,
    display_name: String,
    email: String,
    role: String,
    active: bool,
    roles: [Role; 6],
}

impl FormPage {
    fn blank(page: Page) -> Self {
        Self {
            page,
            errors: FormErrors::new(),
            heading: "Add a staff account",
            button: "Add account",
            action: "/staff/users/new".into(),
            editing: false,
            display_name: String::new(),
            email: String::new(),
            role: String::new(),
            active: true,
            roles: Role::ALL,
        }
    }

    fn for_user(page: Page, user: &StaffUser) -> Self {
        Self {
            heading: "Change a staff account",
            button: "Save changes",
            action: format!("/staff/users/{}/edit", user.id),
            editing: true,
            display_name: user.display_name.clone(),
            email: user.email.to_string(),
            role: user.role.as_str().to_owned(),
            active: user.active,
            ..Self::blank(page)
        }
    }

    fn refused(mut self, fields: Vec<(&'static str, String)>) -> Result<Response, WebError> {
        self.errors =
            FormErrors::from_service(fields).sorted_by(&["display_name", "email", "role"]);
        Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&self)?).into_response())
    }
}

async fn new_form(staff: Staff, page: Page) -> Result<impl IntoResponse, WebError> {
    check(staff.actor().may(Action::ManageStaff))?;
    render(&FormPage::blank(page))
}

#[derive(Deserialize)]
struct StaffForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    active: Option<String>,
}

async fn create(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Form(form): Form<StaffForm>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    check(actor.may(Action::ManageStaff))?;
    let retry = FormPage {
        display_name: form.display_name.clone(),
        email: form.email.clone(),
        role: form.role.clone(),
        ..FormPage::blank(page)
    };
    let new = match NewStaff::parse(
        actor.organisation_id,
        &form.email,
        &form.display_name,
        &form.role,
    ) {
        Ok(new) => new,
        Err(ServiceError::Invalid(fields)) => return retry.refused(fields),
        Err(error) => return Err(error.into()),
    };
    match staff::add(&state.services, Some(&actor), new).await {
        Ok((id, _link)) => Ok(Redirect::to(&format!("/staff/users/{id}")).into_response()),
        Err(ServiceError::Invalid(fields)) => retry.refused(fields),
        Err(error) => Err(error.into()),
    }
}

async fn edit_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let actor = staff.actor();
    // The role is checked before the record, so a role that may never
    // change accounts is told so, whichever organisation the id belongs to.
    check(actor.may(Action::ManageStaff))?;
    let user = staff::get(&state.services, &actor, UserId(record_id(&id)?)).await?;
    check(actor.may_on(Action::ManageStaff, user.organisation_id))?;
    render(&FormPage::for_user(page, &user))
}

async fn update(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(form): Form<StaffForm>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    // The role is checked before the record, so a role that may never
    // change accounts is told so, whichever organisation the id belongs to.
    check(actor.may(Action::ManageStaff))?;
    let user = staff::get(&state.services, &actor, UserId(record_id(&id)?)).await?;
    check(actor.may_on(Action::ManageStaff, user.organisation_id))?;
    let active = form.active.is_some();
    match staff::update(
        &state.services,
        &actor,
        user.id,
        &form.display_name,
        &form.role,
        active,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/staff/users/{}", user.id)).into_response()),
        Err(ServiceError::Invalid(fields)) => FormPage {
            display_name: form.display_name,
            role: form.role,
            active,
            ..FormPage::for_user(page, &user)
        }
        .refused(fields),
        Err(error) => Err(error.into()),
    }
}
