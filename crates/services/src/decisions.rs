//! The decision log: where each decision was made, whether co-production
//! was considered, and how people who use services were involved.

use coproduce_domain::project::NewDecision;
use coproduce_domain::{Action, Actor, DecisionId};
use coproduce_store::{AuditEvent, DecisionRecord, StoreError};

use crate::staff::check;
use crate::{Result, ServiceError, Services, clock};

/// Adds a decision to the actor's organisation's log.
pub async fn log_decision(
    services: &Services,
    actor: &Actor,
    decision: &NewDecision,
) -> Result<DecisionId> {
    check(actor.may(Action::ManageProjects))?;
    crate::projects::check_own(services, actor.organisation_id, decision.project).await?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    let id = tx
        .insert_decision(actor.organisation_id, decision, Some(actor.user_id), now)
        .await?;
    tx.audit(
        AuditEvent {
            actor: Some(actor.user_id),
            actor_label: "",
            organisation: Some(actor.organisation_id),
            action: "decision.create",
            record_type: "decision",
            record_id: Some(id.0),
            detail: "Added a decision to the log",
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// One decision of the actor's organisation's log.
pub async fn decision(
    services: &Services,
    actor: &Actor,
    id: DecisionId,
) -> Result<DecisionRecord> {
    check(actor.may(Action::ViewProjects))?;
    let record = match services.store.decision(id).await {
        Ok(record) => record,
        Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
        Err(error) => return Err(error.into()),
    };
    check(actor.may_on(Action::ViewProjects, record.organisation_id))?;
    Ok(record)
}

/// One page of the actor's organisation's decision log, newest first.
pub async fn decisions(
    services: &Services,
    actor: &Actor,
    before: Option<DecisionId>,
    limit: u32,
) -> Result<(Vec<DecisionRecord>, Option<DecisionId>)> {
    check(actor.may(Action::ViewProjects))?;
    let limit = limit.clamp(1, 200);
    let mut items = services
        .store
        .decisions(actor.organisation_id, None, before, limit + 1)
        .await?;
    let next = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items.last().map(|d| d.id)
    } else {
        None
    };
    Ok((items, next))
}
