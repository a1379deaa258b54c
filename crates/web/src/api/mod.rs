//! The JSON API under `/api/v1`. Requests carry `Authorization: Bearer
//! <token>`; the token's owner's role and organisation decide what they may
//! do, exactly as for pages. Errors are `{"error": {"message", "fields"}}`.
//! Lists take `limit` and `after` and return `{"items", "next"}`. The
//! OpenAPI 3.1 document is generated from this code.

mod activities;
mod auth;
mod body;
mod error;
mod insights;
mod payments;
mod people;
mod projects;
mod read;
mod resources;

use axum::Json;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};
use utoipa::OpenApi;

pub use error::panic_response;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .merge(insights::router())
        .route("/me", get(resources::me))
        .route("/organisations", get(resources::organisations))
        .route(
            "/users",
            get(resources::list_users).post(resources::create_user),
        )
        .route("/users/{id}", get(resources::get_user))
        .route("/people", get(people::list).post(people::create))
        .route("/people/{id}", get(people::get).patch(people::patch))
        .route("/projects", get(projects::list).post(projects::create))
        .route("/projects/{id}", get(projects::get).patch(projects::patch))
        .route("/projects/{id}/close", post(projects::close))
        .route(
            "/decisions",
            get(projects::list_decisions).post(projects::create_decision),
        )
        .route(
            "/activities",
            get(activities::list).post(activities::create),
        )
        // Also `/activities/{id}.ics`: one path segment cannot hold a
        // parameter and a suffix, so the handler looks for `.ics`.
        .route("/activities/{id}", get(activities::get))
        .route(
            "/activities/{id}/invitations",
            get(activities::list_invitations).post(activities::invite),
        )
        .route(
            "/activities/{id}/attendance/{person_id}",
            put(activities::attendance),
        )
        .route("/activities/{id}/suggestions", get(activities::suggestions))
        .route("/invitations/{id}/reply", post(activities::reply))
        .route(
            "/rates",
            get(payments::list_rates).post(payments::create_rate),
        )
        .route("/fees", get(payments::fees::list))
        .route("/fees/{id}", get(payments::fees::get))
        .route("/fees/{id}/approve", post(payments::fees::approve))
        .route("/fees/{id}/reject", post(payments::fees::reject))
        .route(
            "/claims",
            get(payments::claims::list)
                .post(payments::claims::create)
                .layer(DefaultBodyLimit::max(payments::claims::BODY_LIMIT)),
        )
        .route("/claims/{id}", get(payments::claims::get))
        .route("/claims/{id}/approve", post(payments::claims::approve))
        .route("/claims/{id}/reject", post(payments::claims::reject))
        .route(
            "/payment-runs",
            get(payments::runs::list).post(payments::runs::create),
        )
        // Also `/payment-runs/{id}.csv`: the handler looks for `.csv`.
        .route("/payment-runs/{id}", get(payments::runs::get))
        .route("/payment-runs/{id}/paid", post(payments::runs::mark_paid))
        .route("/people/{id}/payments", get(payments::people::get))
        .route("/public/projects", get(projects::public_list))
        .route("/public/projects/{id}", get(projects::public_get))
        .route("/public/ladder", get(projects::public_ladder))
        .fallback(|| async { error::ApiError::NotFound })
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Coproduce API",
        description = "Read and change a co-production partnership's records. \
            Every request needs `Authorization: Bearer <token>`; make a token with \
            `coproduce token create --email EMAIL`. The token's owner's role and \
            organisation decide what it may do. Errors look like \
            `{\"error\": {\"message\": \"...\", \"fields\": {\"name\": \"...\"}}}`. \
            Lists take `limit` and `after` and return `{\"items\": [...], \"next\": cursor or null}`. \
            The paths under `/api/v1/public` show only what the public pages show, and need no token."
    ),
    paths(
        resources::me,
        resources::organisations,
        resources::list_users,
        resources::get_user,
        resources::create_user,
        people::list,
        people::get,
        people::create,
        people::patch,
        projects::list,
        projects::get,
        projects::create,
        projects::patch,
        projects::close,
        projects::list_decisions,
        projects::create_decision,
        projects::public_list,
        projects::public_get,
        projects::public_ladder,
        activities::list,
        activities::get,
        activities::calendar,
        activities::create,
        activities::list_invitations,
        activities::invite,
        activities::reply,
        activities::attendance,
        activities::suggestions,
        payments::list_rates,
        payments::create_rate,
        payments::fees::list,
        payments::fees::get,
        payments::fees::approve,
        payments::fees::reject,
        payments::claims::list,
        payments::claims::create,
        payments::claims::get,
        payments::claims::approve,
        payments::claims::reject,
        payments::runs::list,
        payments::runs::create,
        payments::runs::get,
        payments::runs::csv,
        payments::runs::mark_paid,
        payments::people::get,
        insights::list,
        insights::get,
        insights::create,
        insights::patch,
        insights::related::related,
        insights::you_said::list,
        insights::you_said::get,
        insights::you_said::create,
        insights::you_said::patch,
        insights::you_said::public_list,
        insights::you_said::public_get
    ),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI document as pretty JSON, for the `coproduce openapi` command.
pub fn document() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}

/// The OpenAPI document, open to all so that tools can read it.
async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
