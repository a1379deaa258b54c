//! Spreadsheet imports in progress, kept in the database between the
//! steps (upload, columns, preview, import) so any process can carry on.

use coproduce_domain::{OrganisationId, UserId};
use sqlx::FromRow;

use crate::error::found;
use crate::{Result, Store, StoreError, Tx};

/// An import as stored. The JSON columns belong to the services layer.
#[derive(Debug, Clone, FromRow)]
pub struct ImportBatch {
    pub id: i64,
    pub organisation_id: i64,
    pub user_id: i64,
    pub file_name: String,
    pub table_json: String,
    pub mapping_json: Option<String>,
    pub result_json: Option<String>,
    pub created_at: i64,
    pub imported_at: Option<i64>,
}

impl Store {
    pub async fn import_batch(&self, id: i64) -> Result<ImportBatch> {
        let row = sqlx::query_as::<_, ImportBatch>(
            "SELECT id, organisation_id, user_id, file_name, table_json, mapping_json, result_json, \
             created_at, imported_at FROM import_batches WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.read)
        .await?;
        found(row)
    }
}

impl Tx {
    pub async fn insert_import_batch(
        &mut self,
        organisation: OrganisationId,
        user: UserId,
        file_name: &str,
        table_json: &str,
        mapping_json: &str,
        now: i64,
    ) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO import_batches (organisation_id, user_id, file_name, table_json, mapping_json, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(organisation.0)
        .bind(user.0)
        .bind(file_name)
        .bind(table_json)
        .bind(mapping_json)
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(id)
    }

    pub async fn set_import_mapping(&mut self, id: i64, mapping_json: &str) -> Result<()> {
        let done = sqlx::query(
            "UPDATE import_batches SET mapping_json = $1 WHERE id = $2 AND imported_at IS NULL",
        )
        .bind(mapping_json)
        .bind(id)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Marks the import done with its outcome. Refuses a batch already
    /// imported, so a double click imports once.
    pub async fn finish_import(&mut self, id: i64, result_json: &str, now: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE import_batches SET result_json = $1, imported_at = $2 WHERE id = $3 AND imported_at IS NULL",
        )
        .bind(result_json)
        .bind(now)
        .bind(id)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(done.rows_affected() == 1)
    }
}
