//! The foundation's resources: the caller, organisations and staff.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use coproduce_domain::{Action, Organisation, StaffUser, UserId};
use coproduce_services::staff::{self, NewStaff, check};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::ApiCaller;
use super::error::{ApiError, ErrorBody};
use crate::state::AppState;

/// A staff account.
#[derive(Serialize, ToSchema)]
pub struct UserBody {
    id: i64,
    organisation_id: i64,
    email: String,
    display_name: String,
    /// One of admin, lead, officer, finance, board, partner.
    role: String,
    active: bool,
}

impl From<StaffUser> for UserBody {
    fn from(user: StaffUser) -> Self {
        Self {
            id: user.id.0,
            organisation_id: user.organisation_id.0,
            email: user.email.to_string(),
            display_name: user.display_name,
            role: user.role.as_str().to_owned(),
            active: user.active,
        }
    }
}

/// An organisation in the partnership.
#[derive(Serialize, ToSchema)]
pub struct OrganisationBody {
    id: i64,
    slug: String,
    name: String,
    /// One of council, nhs, care_provider, voluntary_sector, other.
    kind: String,
}

impl From<Organisation> for OrganisationBody {
    fn from(org: Organisation) -> Self {
        Self {
            id: org.id.0,
            slug: org.slug.as_str().to_owned(),
            name: org.name,
            kind: org.kind.as_str().to_owned(),
        }
    }
}

/// A page of a list.
#[derive(Serialize, ToSchema)]
pub struct UserList {
    items: Vec<UserBody>,
    /// Pass as `after` for the next page; null on the last page.
    next: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct OrganisationList {
    items: Vec<OrganisationBody>,
    next: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// How many items to return, 1 to 200 (default 50).
    limit: Option<u32>,
    /// The `next` value of the previous page.
    after: Option<String>,
}

/// The account the token belongs to.
#[utoipa::path(get, path = "/api/v1/me", tag = "Staff",
    responses((status = 200, body = UserBody), (status = 401, body = ErrorBody)))]
pub async fn me(caller: ApiCaller) -> Json<UserBody> {
    Json(caller.0.into())
}

/// The organisations in the partnership.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "Partnership",
    responses((status = 200, body = OrganisationList), (status = 401, body = ErrorBody)))]
pub async fn organisations(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<OrganisationList>, ApiError> {
    check(caller.actor().may(Action::ViewOrganisations))?;
    let items = state
        .services
        .store
        .organisations()
        .await
        .map_err(coproduce_services::ServiceError::from)?
        .into_iter()
        .map(OrganisationBody::from)
        .collect();
    Ok(Json(OrganisationList { items, next: None }))
}

/// Staff accounts of the caller's organisation, in id order.
#[utoipa::path(get, path = "/api/v1/users", tag = "Staff", params(ListParams),
    responses((status = 200, body = UserList), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_users(
    State(state): State<AppState>,
    caller: ApiCaller,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Json<UserList>, ApiError> {
    let Query(params) =
        params.map_err(|_| ApiError::BadRequest("limit must be a whole number".into()))?;
    let after = match params.after.as_deref() {
        None | Some("") => None,
        Some(cursor) => Some(UserId(cursor.parse().map_err(|_| {
            ApiError::BadRequest("after must be a cursor from a previous page".into())
        })?)),
    };
    let page = staff::list(
        &state.services,
        &caller.actor(),
        after,
        params.limit.unwrap_or(50),
    )
    .await?;
    Ok(Json(UserList {
        items: page.users.into_iter().map(UserBody::from).collect(),
        next: page.next.map(|id| id.to_string()),
    }))
}

/// One staff account. Accounts of other organisations are not found.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "Staff",
    params(("id" = i64, Path, description = "The account's id")),
    responses((status = 200, body = UserBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_user(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<UserBody>, ApiError> {
    let id: i64 = id.parse().map_err(|_| ApiError::NotFound)?;
    let user = staff::get(&state.services, &caller.actor(), UserId(id)).await?;
    Ok(Json(user.into()))
}

/// A new staff account in the caller's organisation.
#[derive(Deserialize, ToSchema)]
pub struct NewUserBody {
    email: String,
    display_name: String,
    role: String,
}

/// Adds a staff account to the caller's organisation and emails them a link
/// to choose a password. Administrators only.
#[utoipa::path(post, path = "/api/v1/users", tag = "Staff", request_body = NewUserBody,
    responses((status = 201, body = UserBody), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_user(
    State(state): State<AppState>,
    caller: ApiCaller,
    body: Result<Json<NewUserBody>, JsonRejection>,
) -> Result<(StatusCode, Json<UserBody>), ApiError> {
    let actor = caller.actor();
    check(actor.may(Action::ManageStaff))?;
    let Json(body) = body.map_err(|e| {
        ApiError::BadRequest(format!(
            "The request body is not valid JSON for this: {}",
            e.body_text()
        ))
    })?;
    let new = NewStaff::parse(
        actor.organisation_id,
        &body.email,
        &body.display_name,
        &body.role,
    )?;
    let (id, _link) = staff::add(&state.services, Some(&actor), new).await?;
    let user = state
        .services
        .store
        .user(id)
        .await
        .map_err(coproduce_services::ServiceError::from)?;
    Ok((StatusCode::CREATED, Json(user.into())))
}
