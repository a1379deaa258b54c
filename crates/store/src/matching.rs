//! The set reads behind "suggested people" for an activity: who on an
//! organisation's register could be asked, what they told us, when they
//! were last asked and how often they took part. Each read is one query
//! over the organisation, however many people it holds, and returns plain
//! rows; the rules that match and rank people live in the services crate.

use std::collections::BTreeSet;

use coproduce_domain::person::{AccessNeed, Format};
use coproduce_domain::{ActivityId, InvitationId, OrganisationId, PersonId};
use sqlx::Row;

use crate::{Result, Store, StoreError, Tx};

/// Someone who may be asked: active on the register, with register
/// consent given and not withdrawn, and not yet invited to the activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateRow {
    pub person_id: PersonId,
    pub name: String,
}

/// One list answer of a candidate (`kind` is `area`, `day`, `time`,
/// `mode`, `access` or `format`), as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateTagRow {
    pub person_id: PersonId,
    pub kind: String,
    pub value: String,
}

/// A count or a time for one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonFigure {
    pub person_id: PersonId,
    pub value: i64,
}

/// The tag kinds matching reads.
const MATCH_TAGS: &str = "'area', 'day', 'time', 'mode', 'access', 'format'";

/// The people of the organisation who could be asked: the condition every
/// matching read shares, so the reads agree on who the candidates are.
const CANDIDATES: &str = "p.organisation_id = $1 AND p.status = 'active' \
    AND EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id AND c.kind = 'register' \
    AND c.withdrawn_at IS NULL) \
    AND NOT EXISTS (SELECT 1 FROM invitations x WHERE x.person_id = p.id AND x.activity_id = $2)";

impl Store {
    /// The people who could be asked to `activity`, by name.
    pub async fn match_candidates(
        &self,
        organisation: OrganisationId,
        activity: ActivityId,
    ) -> Result<Vec<CandidateRow>> {
        let rows = sqlx::query(&format!(
            "SELECT p.id, p.name FROM people p WHERE {CANDIDATES} ORDER BY p.name, p.id"
        ))
        .bind(organisation.0)
        .bind(activity.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CandidateRow {
                    person_id: PersonId(r.try_get("id")?),
                    name: r.try_get("name")?,
                })
            })
            .collect()
    }

    /// The candidates' areas, days, times, ways of taking part, access
    /// needs and formats.
    pub async fn match_tags(
        &self,
        organisation: OrganisationId,
        activity: ActivityId,
    ) -> Result<Vec<CandidateTagRow>> {
        let rows = sqlx::query(&format!(
            "SELECT t.person_id, t.kind, t.value FROM person_tags t JOIN people p ON p.id = t.person_id \
             WHERE {CANDIDATES} AND t.kind IN ({MATCH_TAGS}) ORDER BY t.person_id, t.kind, t.value"
        ))
        .bind(organisation.0)
        .bind(activity.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CandidateTagRow {
                    person_id: PersonId(r.try_get("person_id")?),
                    kind: r.try_get("kind")?,
                    value: r.try_get("value")?,
                })
            })
            .collect()
    }

    /// When each candidate was last asked to anything. People never asked
    /// have no row.
    pub async fn match_last_asked(
        &self,
        organisation: OrganisationId,
        activity: ActivityId,
    ) -> Result<Vec<PersonFigure>> {
        let rows = sqlx::query(&format!(
            "SELECT i.person_id, MAX(i.asked_at) AS value FROM invitations i \
             JOIN people p ON p.id = i.person_id WHERE {CANDIDATES} GROUP BY i.person_id"
        ))
        .bind(organisation.0)
        .bind(activity.0)
        .fetch_all(&self.read)
        .await?;
        figures(&rows)
    }

    /// How many activities that started between `since` and `until` each
    /// candidate accepted or attended. People with none have no row.
    pub async fn match_involvement(
        &self,
        organisation: OrganisationId,
        activity: ActivityId,
        since: i64,
        until: i64,
    ) -> Result<Vec<PersonFigure>> {
        let rows = sqlx::query(&format!(
            "SELECT i.person_id, COUNT(*) AS value FROM invitations i \
             JOIN people p ON p.id = i.person_id JOIN activities a ON a.id = i.activity_id \
             WHERE {CANDIDATES} AND (i.status = 'accepted' OR i.attendance = 'attended') \
             AND a.starts_at >= $3 AND a.starts_at <= $4 GROUP BY i.person_id"
        ))
        .bind(organisation.0)
        .bind(activity.0)
        .bind(since)
        .bind(until)
        .fetch_all(&self.read)
        .await?;
        figures(&rows)
    }
}

fn figures(rows: &[sqlx::any::AnyRow]) -> Result<Vec<PersonFigure>> {
    rows.iter()
        .map(|r| {
            Ok(PersonFigure {
                person_id: PersonId(r.try_get("person_id")?),
                value: r.try_get("value")?,
            })
        })
        .collect()
}

impl Tx {
    /// A person's access needs and formats, read inside the transaction
    /// (for the demo, which adds people and invites them in one go).
    pub async fn person_needs(
        &mut self,
        person: PersonId,
    ) -> Result<(BTreeSet<AccessNeed>, BTreeSet<Format>)> {
        let rows = sqlx::query(
            "SELECT kind, value FROM person_tags WHERE person_id = $1 AND kind IN ('access', 'format')",
        )
        .bind(person.0)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        let mut needs = BTreeSet::new();
        let mut formats = BTreeSet::new();
        for row in &rows {
            let kind: String = row.try_get("kind")?;
            let value: String = row.try_get("value")?;
            let corrupt = || StoreError::Corrupt(format!("unknown {kind} {value:?}"));
            if kind == "access" {
                needs.insert(AccessNeed::parse(&value).ok_or_else(corrupt)?);
            } else {
                formats.insert(Format::parse(&value).ok_or_else(corrupt)?);
            }
        }
        Ok((needs, formats))
    }

    /// The ids of the adjustments to arrange for an invitation, read inside
    /// the transaction (for the demo, which marks some arranged).
    pub async fn adjustment_ids(&mut self, invitation: InvitationId) -> Result<Vec<i64>> {
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM adjustments WHERE invitation_id = $1 ORDER BY id")
                .bind(invitation.0)
                .fetch_all(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        Ok(ids)
    }

    /// Sets when a person was asked, so a test can make "asked last week".
    #[doc(hidden)]
    pub async fn set_asked_at_for_tests(
        &mut self,
        invitation: InvitationId,
        at: i64,
    ) -> Result<()> {
        let done = sqlx::query("UPDATE invitations SET asked_at = $1 WHERE id = $2")
            .bind(at)
            .bind(invitation.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
