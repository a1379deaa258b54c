//! Answers to a multi-page public form, kept in the database between pages
//! for a visitor without an account, so any server process can carry on.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::secrets::token_hash;
use crate::{Result, ServiceError, Services, clock};

/// How long unsent answers are kept.
const KEEP_SECONDS: i64 = 24 * 60 * 60;

fn key(form: &str, visitor: &str) -> String {
    token_hash(&format!("{form}:{visitor}"))
}

/// The visitor's saved answers to `form`, or `None`.
pub async fn load<T: DeserializeOwned>(
    services: &Services,
    form: &str,
    visitor: &str,
) -> Result<Option<T>> {
    let Some(data) = services
        .store
        .draft(&key(form, visitor), clock::now())
        .await?
    else {
        return Ok(None);
    };
    // A draft from an older version of the form is dropped, not an error.
    Ok(serde_json::from_str(&data).ok())
}

pub async fn save<T: Serialize>(
    services: &Services,
    form: &str,
    visitor: &str,
    draft: &T,
) -> Result<()> {
    let data = serde_json::to_string(draft)
        .map_err(|e| ServiceError::Internal(format!("cannot keep the answers: {e}")))?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.save_draft(&key(form, visitor), &data, now, now + KEEP_SECONDS)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn discard(services: &Services, form: &str, visitor: &str) -> Result<()> {
    let mut tx = services.store.begin().await?;
    tx.delete_draft(&key(form, visitor)).await?;
    tx.commit().await?;
    Ok(())
}
