//! API tokens: a bearer token carries its owner's role and organisation.

use coproduce_domain::{Email, StaffUser};
use coproduce_store::{AuditEvent, StoreError};

use crate::secrets::{random_token, token_hash};
use crate::{Result, ServiceError, Services, clock};

/// Makes a new API token for the account with this email, returning the
/// token. It is shown once; only its hash is kept.
pub async fn create(services: &Services, email: &Email, label: &str) -> Result<String> {
    let user = match services.store.user_by_email(email).await {
        Ok(user) if user.active => user,
        Ok(_) => return Err(ServiceError::field("email", "This account is turned off")),
        Err(StoreError::NotFound) => {
            return Err(ServiceError::field(
                "email",
                "There is no account with this email address",
            ));
        }
        Err(error) => return Err(error.into()),
    };
    let token = format!("cp_{}", random_token());
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.insert_api_token(user.id, &token_hash(&token), label, now)
        .await?;
    tx.audit(
        AuditEvent {
            actor: None,
            actor_label: "command line",
            organisation: Some(user.organisation_id),
            action: "api_token.create",
            record_type: "user",
            record_id: Some(user.id.0),
            detail: "Created an API token",
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The active account a bearer token belongs to.
pub async fn authenticate(services: &Services, token: &str) -> Result<Option<StaffUser>> {
    let Some(id) = services.store.api_token_owner(&token_hash(token)).await? else {
        return Ok(None);
    };
    let user = services.store.user(id).await?;
    Ok(user.active.then_some(user))
}
