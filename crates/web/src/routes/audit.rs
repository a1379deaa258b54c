//! The audit trail page, for administrators.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use coproduce_domain::Action;
use coproduce_services::ServiceError;
use coproduce_services::staff::check;
use serde::Deserialize;

use super::{render, uk_time};
use crate::error::WebError;
use crate::page::Page;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/staff/audit", get(audit))
}

const PAGE_SIZE: u32 = 100;

struct Row {
    when: String,
    who: String,
    detail: String,
    record: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    page: Page,
    organisation: String,
    entries: Vec<Row>,
    next: Option<i64>,
}

#[derive(Deserialize)]
struct AuditQuery {
    before: Option<i64>,
}

async fn audit(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(query): Query<AuditQuery>,
) -> Result<impl IntoResponse, WebError> {
    let actor = staff.actor();
    check(actor.may(Action::ViewAuditTrail))?;
    let store = &state.services.store;
    let mut entries = store
        .audit_trail(actor.organisation_id, query.before, PAGE_SIZE + 1)
        .await
        .map_err(ServiceError::from)?;
    let next = if entries.len() > PAGE_SIZE as usize {
        entries.truncate(PAGE_SIZE as usize);
        entries.last().map(|e| e.id)
    } else {
        None
    };
    let organisation = store
        .organisation(actor.organisation_id)
        .await
        .map_err(ServiceError::from)?;
    let entries = entries
        .into_iter()
        .map(|e| Row {
            when: uk_time(e.occurred_at),
            who: e.actor_name.unwrap_or_else(|| capitalise(&e.actor_label)),
            detail: e.detail,
            record: match e.record_id {
                Some(id) => format!("{} {id}", e.record_type),
                None => e.record_type,
            },
        })
        .collect();
    render(&AuditPage {
        page,
        organisation: organisation.name,
        entries,
        next,
    })
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
