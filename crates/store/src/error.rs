//! The store's one error type.

use std::collections::HashMap;

use crate::Engine;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("record not found")]
    NotFound,
    /// A named constraint refused the change. The caller knows which field
    /// each constraint guards and turns it into a message for a person.
    #[error("the change breaks the constraint {constraint}")]
    Conflict { constraint: String },
    /// The store was set up wrongly (bad URL, unusable data folder).
    #[error("{0}")]
    Config(String),
    /// Stored data that no longer fits the domain's types.
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

pub(crate) fn classify(
    error: sqlx::Error,
    engine: Engine,
    sqlite_unique_indexes: &HashMap<String, String>,
) -> StoreError {
    let sqlx::Error::Database(db) = &error else {
        return StoreError::Database(error);
    };
    if !db.is_unique_violation() && !db.is_check_violation() && !db.is_foreign_key_violation() {
        return StoreError::Database(error);
    }
    let constraint = match engine {
        Engine::Postgres => db.constraint().map(str::to_owned),
        // SQLite says "UNIQUE constraint failed: users.email".
        Engine::Sqlite => db
            .message()
            .strip_prefix("UNIQUE constraint failed: ")
            .and_then(|columns| sqlite_unique_indexes.get(columns).cloned()),
    };
    match constraint {
        Some(constraint) => StoreError::Conflict { constraint },
        None => StoreError::Database(error),
    }
}

/// Turns "no row" into [`StoreError::NotFound`].
pub(crate) fn found<T>(row: Option<T>) -> Result<T, StoreError> {
    row.ok_or(StoreError::NotFound)
}
