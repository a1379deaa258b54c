//! The partnership and its organisations.

use coproduce_domain::{Organisation, OrganisationId, OrganisationKind, Slug};
use sqlx::FromRow;

use crate::error::found;
use crate::{Result, Store, StoreError, Tx};

#[derive(FromRow)]
struct OrganisationRow {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    plain_english_must_pass: i64,
}

impl TryFrom<OrganisationRow> for Organisation {
    type Error = StoreError;

    fn try_from(row: OrganisationRow) -> Result<Self> {
        Ok(Organisation {
            id: OrganisationId(row.id),
            slug: Slug::parse(&row.slug).map_err(|e| StoreError::Corrupt(e.message))?,
            name: row.name,
            kind: OrganisationKind::parse(&row.kind).map_err(|e| StoreError::Corrupt(e.message))?,
            plain_english_must_pass: row.plain_english_must_pass != 0,
        })
    }
}

const COLUMNS: &str = "id, slug, name, kind, plain_english_must_pass";

impl Store {
    /// The partnership's name, once it has been set.
    pub async fn partnership_name(&self) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT name FROM partnership WHERE id = 1")
                .fetch_optional(&self.read)
                .await?,
        )
    }

    pub async fn organisations(&self) -> Result<Vec<Organisation>> {
        sqlx::query_as::<_, OrganisationRow>(&format!(
            "SELECT {COLUMNS} FROM organisations ORDER BY name"
        ))
        .fetch_all(&self.read)
        .await?
        .into_iter()
        .map(Organisation::try_from)
        .collect()
    }

    pub async fn organisation(&self, id: OrganisationId) -> Result<Organisation> {
        let row = sqlx::query_as::<_, OrganisationRow>(&format!(
            "SELECT {COLUMNS} FROM organisations WHERE id = $1"
        ))
        .bind(id.0)
        .fetch_optional(&self.read)
        .await?;
        found(row)?.try_into()
    }

    pub async fn organisation_by_slug(&self, slug: &Slug) -> Result<Organisation> {
        let row = sqlx::query_as::<_, OrganisationRow>(&format!(
            "SELECT {COLUMNS} FROM organisations WHERE slug = $1"
        ))
        .bind(slug.as_str())
        .fetch_optional(&self.read)
        .await?;
        found(row)?.try_into()
    }
}

impl Tx {
    pub async fn set_plain_english_must_pass(
        &mut self,
        organisation: OrganisationId,
        must_pass: bool,
    ) -> Result<()> {
        let done =
            sqlx::query("UPDATE organisations SET plain_english_must_pass = $1 WHERE id = $2")
                .bind(i64::from(must_pass))
                .bind(organisation.0)
                .execute(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub async fn set_partnership_name(&mut self, name: &str, now: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO partnership (id, name, created_at) VALUES (1, $1, $2) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name",
        )
        .bind(name)
        .bind(now)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Adds an organisation. A slug already in use fails with the
    /// `organisations_slug_key` conflict.
    pub async fn insert_organisation(
        &mut self,
        slug: &Slug,
        name: &str,
        kind: OrganisationKind,
        now: i64,
    ) -> Result<OrganisationId> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO organisations (slug, name, kind, created_at) VALUES ($1, $2, $3, $4) \
             RETURNING id",
        )
        .bind(slug.as_str())
        .bind(name)
        .bind(kind.as_str())
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(OrganisationId(id))
    }
}
