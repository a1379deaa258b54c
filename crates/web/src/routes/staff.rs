//! The staff home page and the list of the partnership's organisations.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use coproduce_domain::{Action, Organisation};
use coproduce_services::staff::check;

use super::render;
use crate::error::WebError;
use crate::page::Page;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff", get(home))
        .route("/staff/organisations", get(organisations))
}

#[derive(Template)]
#[template(path = "staff_home.html")]
struct HomePage {
    page: Page,
    name: String,
    organisation: String,
    role_label: &'static str,
    role_description: &'static str,
}

async fn home(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
) -> Result<impl IntoResponse, WebError> {
    check(staff.actor().may(Action::ViewStaffHome))?;
    let user = staff.user();
    let organisation = state
        .services
        .store
        .organisation(user.organisation_id)
        .await
        .map_err(coproduce_services::ServiceError::from)?;
    render(&HomePage {
        page,
        name: user.display_name.clone(),
        organisation: organisation.name,
        role_label: user.role.label(),
        role_description: user.role.description(),
    })
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct OrganisationsPage {
    page: Page,
    organisations: Vec<Organisation>,
}

async fn organisations(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
) -> Result<impl IntoResponse, WebError> {
    check(staff.actor().may(Action::ViewOrganisations))?;
    let organisations = state
        .services
        .store
        .organisations()
        .await
        .map_err(coproduce_services::ServiceError::from)?;
    render(&OrganisationsPage {
        page,
        organisations,
    })
}
