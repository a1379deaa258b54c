//! The register of experts by experience: people, their list answers (as
//! tags), and the dated history around them.

use std::collections::BTreeSet;

use coproduce_domain::person::{
    AccessNeed, ContactMethod, Day, ExperienceArea, ExperienceType, Format, Mode, Person,
    PersonFilter, PersonSummary, Profile, Recognition, Source, Status, TimeOfDay,
};
use coproduce_domain::phone::Phone;
use coproduce_domain::{Email, OrganisationId, PersonId, UserId};
use sqlx::{FromRow, Row};

use crate::error::found;
use crate::{Result, Store, StoreError, Tx};

#[derive(FromRow)]
struct PersonRow {
    id: i64,
    organisation_id: i64,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    postcode: Option<String>,
    supporter_name: Option<String>,
    supporter_contact: Option<String>,
    other_language: Option<String>,
    access_other: Option<String>,
    experience_other: Option<String>,
    recognition: Option<String>,
    status: String,
    source: String,
    entered_by_user_id: Option<i64>,
    review_needed: i64,
    last_involved_on: Option<String>,
    created_at: i64,
    updated_at: i64,
}

const COLUMNS: &str = "id, organisation_id, name, email, phone, address, postcode, supporter_name, \
    supporter_contact, other_language, access_other, experience_other, recognition, status, source, \
    entered_by_user_id, review_needed, last_involved_on, created_at, updated_at";

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("unknown {what} {value:?}"))
}

/// The tag kinds a person's list answers are stored under.
mod tag {
    pub const CONTACT: &str = "contact";
    pub const FORMAT: &str = "format";
    pub const ACCESS: &str = "access";
    pub const EXPERIENCE: &str = "experience";
    pub const AREA: &str = "area";
    pub const TOPIC: &str = "topic";
    pub const LOCALITY: &str = "locality";
    pub const DAY: &str = "day";
    pub const TIME: &str = "time";
    pub const MODE: &str = "mode";
}

/// Fills one list of a profile from its stored codes.
fn codes<T: Ord>(
    tags: &[(String, String)],
    kind: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<BTreeSet<T>> {
    tags.iter()
        .filter(|(k, _)| k == kind)
        .map(|(_, v)| parse(v).ok_or_else(|| corrupt(kind, v)))
        .collect()
}

fn person_from(row: PersonRow, tags: &[(String, String)]) -> Result<Person> {
    let strings = |kind: &str| -> BTreeSet<String> {
        tags.iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let profile = Profile {
        name: row.name,
        email: row
            .email
            .as_deref()
            .map(Email::parse)
            .transpose()
            .map_err(|e| StoreError::Corrupt(e.message))?,
        phone: row
            .phone
            .as_deref()
            .map(Phone::parse)
            .transpose()
            .map_err(|e| StoreError::Corrupt(e.message))?,
        address: row.address,
        postcode: row.postcode,
        contact_methods: codes(tags, tag::CONTACT, ContactMethod::parse)?,
        supporter_name: row.supporter_name,
        supporter_contact: row.supporter_contact,
        formats: codes(tags, tag::FORMAT, Format::parse)?,
        other_language: row.other_language,
        access_needs: codes(tags, tag::ACCESS, AccessNeed::parse)?,
        access_other: row.access_other,
        experience_types: codes(tags, tag::EXPERIENCE, ExperienceType::parse)?,
        experience_areas: codes(tags, tag::AREA, ExperienceArea::parse)?,
        experience_other: row.experience_other,
        topics: strings(tag::TOPIC),
        localities: strings(tag::LOCALITY),
        days: codes(tags, tag::DAY, Day::parse)?,
        times: codes(tags, tag::TIME, TimeOfDay::parse)?,
        modes: codes(tags, tag::MODE, Mode::parse)?,
        recognition: row
            .recognition
            .as_deref()
            .map(|r| Recognition::parse(r).ok_or_else(|| corrupt("recognition", r)))
            .transpose()?,
    };
    Ok(Person {
        id: PersonId(row.id),
        organisation_id: OrganisationId(row.organisation_id),
        profile,
        status: Status::parse(&row.status).ok_or_else(|| corrupt("status", &row.status))?,
        source: Source::parse(&row.source).ok_or_else(|| corrupt("source", &row.source))?,
        entered_by_staff: row.entered_by_user_id.is_some(),
        review_needed: row.review_needed != 0,
        last_involved_on: row.last_involved_on,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// A profile's list answers as (kind, code) pairs.
fn tags_of(profile: &Profile) -> Vec<(&'static str, String)> {
    let mut tags = Vec::new();
    let mut add = |kind: &'static str, values: Vec<String>| {
        tags.extend(values.into_iter().map(|v| (kind, v)));
    };
    add(
        tag::CONTACT,
        profile
            .contact_methods
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect(),
    );
    add(
        tag::FORMAT,
        profile
            .formats
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect(),
    );
    add(
        tag::ACCESS,
        profile
            .access_needs
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect(),
    );
    add(
        tag::EXPERIENCE,
        profile
            .experience_types
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect(),
    );
    add(
        tag::AREA,
        profile
            .experience_areas
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect(),
    );
    add(tag::TOPIC, profile.topics.iter().cloned().collect());
    add(tag::LOCALITY, profile.localities.iter().cloned().collect());
    add(
        tag::DAY,
        profile.days.iter().map(|c| c.as_str().to_owned()).collect(),
    );
    add(
        tag::TIME,
        profile
            .times
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect(),
    );
    add(
        tag::MODE,
        profile
            .modes
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect(),
    );
    tags
}

/// A person's own columns, written the same way by insert and update.
const PROFILE_COLUMNS: &str = "name, search_name, email, phone, phone_digits, address, postcode, \
    supporter_name, supporter_contact, other_language, access_other, experience_other, recognition";
const PROFILE_PARAMS: &str = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13";

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds a profile's own columns, in [`PROFILE_COLUMNS`] order, as $1 to $13.
fn bind_profile<'q>(query: AnyQuery<'q>, profile: &'q Profile) -> AnyQuery<'q> {
    query
        .bind(&profile.name)
        .bind(search_form(&profile.name))
        .bind(profile.email.as_ref().map(|e| e.as_str().to_owned()))
        .bind(profile.phone.as_ref().map(|p| p.as_str().to_owned()))
        .bind(profile.phone.as_ref().map(|p| p.digits()))
        .bind(&profile.address)
        .bind(&profile.postcode)
        .bind(&profile.supporter_name)
        .bind(&profile.supporter_contact)
        .bind(&profile.other_language)
        .bind(&profile.access_other)
        .bind(&profile.experience_other)
        .bind(profile.recognition.map(|r| r.as_str()))
}

/// The lower-case form of a name that the register searches.
fn search_form(name: &str) -> String {
    name.to_lowercase()
}

/// A WHERE clause with numbered parameters, all text, built up from a
/// register filter.
struct Conditions {
    sql: Vec<String>,
    params: Vec<String>,
}

impl Conditions {
    /// Conditions start after the organisation ($1); more come from 2.
    fn new() -> Self {
        Self {
            sql: vec!["p.organisation_id = $1".into()],
            params: Vec::new(),
        }
    }

    fn next(&self) -> usize {
        self.params.len() + 2
    }

    fn push(&mut self, sql: impl Into<String>, param: String) {
        self.sql.push(sql.into());
        self.params.push(param);
    }

    fn tag(&mut self, kind: &str, value: &str) {
        let n = self.next();
        self.push(
            format!(
                "p.id IN (SELECT t.person_id FROM person_tags t WHERE t.kind = '{kind}' AND t.value = ${n})"
            ),
            value.to_owned(),
        );
    }

    fn from(filter: &PersonFilter) -> Self {
        let mut c = Self::new();
        if let Some(text) = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            let n = c.next();
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            let like = format!("%{}%", text.to_lowercase().replace(['%', '_'], ""));
            if digits.len() >= 4 && digits.len() * 2 >= text.len() {
                // Mostly digits: a phone number, with or without its first 0.
                c.push(
                    format!("p.phone_digits LIKE ${n}"),
                    format!("%{}%", digits.trim_start_matches('0')),
                );
            } else {
                c.sql
                    .push(format!("(p.search_name LIKE ${n} OR p.email LIKE ${n})"));
                c.params.push(like);
            }
        }
        if let Some(status) = filter.status {
            let n = c.next();
            c.push(format!("p.status = ${n}"), status.as_str().to_owned());
        }
        if let Some(area) = filter.area {
            c.tag(tag::AREA, area.as_str());
        }
        if let Some(topic) = &filter.topic {
            c.tag(tag::TOPIC, topic);
        }
        if let Some(locality) = &filter.locality {
            c.tag(tag::LOCALITY, locality);
        }
        if let Some(need) = filter.access_need {
            c.tag(tag::ACCESS, need.as_str());
        }
        if let Some(recognition) = filter.recognition {
            let n = c.next();
            c.push(
                format!("p.recognition = ${n}"),
                recognition.as_str().to_owned(),
            );
        }
        if let Some(date) = &filter.not_involved_since {
            let n = c.next();
            c.push(
                format!("(p.last_involved_on IS NULL OR p.last_involved_on < ${n})"),
                date.clone(),
            );
        }
        if filter.review_needed {
            c.sql.push("p.review_needed = 1".into());
        }
        c
    }

    fn clause(&self) -> String {
        self.sql.join(" AND ")
    }
}

/// One dated entry in a person's history.
#[derive(Debug, Clone, FromRow)]
pub struct HistoryEntry {
    pub at: i64,
    /// For status changes: the day it took effect (`YYYY-MM-DD`).
    pub on_date: Option<String>,
    pub who: Option<String>,
    pub kind: String,
    pub text: String,
}

/// A consent a person gave.
#[derive(Debug, Clone, FromRow)]
pub struct ConsentRecord {
    pub id: i64,
    pub kind: String,
    pub method: String,
    pub notice_version: String,
    pub given_at: i64,
    pub recorded_by: Option<String>,
    pub withdrawn_at: Option<i64>,
}

/// A step of the organisation's onboarding checklist, and when this person
/// completed it.
#[derive(Debug, Clone, FromRow)]
pub struct OnboardingItem {
    pub step_id: i64,
    pub label: String,
    pub done_on: Option<String>,
}

impl Store {
    pub async fn person(&self, id: PersonId) -> Result<Person> {
        let row =
            sqlx::query_as::<_, PersonRow>(&format!("SELECT {COLUMNS} FROM people WHERE id = $1"))
                .bind(id.0)
                .fetch_optional(&self.read)
                .await?;
        let row = found(row)?;
        let tags: Vec<(String, String)> =
            sqlx::query("SELECT kind, value FROM person_tags WHERE person_id = $1")
                .bind(id.0)
                .fetch_all(&self.read)
                .await?
                .into_iter()
                .map(|r| Ok((r.try_get("kind")?, r.try_get("value")?)))
                .collect::<Result<_, sqlx::Error>>()?;
        person_from(row, &tags)
    }

    /// The person in `organisation` with this email address or phone
    /// number, if there is one: the same person applying again.
    pub async fn find_person_by_contact(
        &self,
        organisation: OrganisationId,
        email: Option<&Email>,
        phone: Option<&Phone>,
    ) -> Result<Option<PersonId>> {
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM people WHERE organisation_id = $1 \
             AND ((email IS NOT NULL AND email = $2) OR (phone_digits IS NOT NULL AND phone_digits = $3)) \
             ORDER BY id LIMIT 1",
        )
        .bind(organisation.0)
        .bind(email.map(|e| e.as_str().to_owned()).unwrap_or_default())
        .bind(phone.map(|p| p.digits().to_owned()).unwrap_or_default())
        .fetch_optional(&self.read)
        .await?;
        Ok(id.map(PersonId))
    }

    /// One page of the register, in id order after `after`.
    pub async fn search_people(
        &self,
        organisation: OrganisationId,
        filter: &PersonFilter,
        after: Option<PersonId>,
        limit: u32,
    ) -> Result<Vec<PersonSummary>> {
        let conditions = Conditions::from(filter);
        let after_n = conditions.next();
        let sql = format!(
            "SELECT p.id, p.name, p.email, p.phone, p.status, p.review_needed, p.last_involved_on \
             FROM people p WHERE {} AND p.id > ${after_n} ORDER BY p.id LIMIT ${}",
            conditions.clause(),
            after_n + 1
        );
        let mut query = sqlx::query(&sql).bind(organisation.0);
        for param in &conditions.params {
            query = query.bind(param.clone());
        }
        let rows = query
            .bind(after.map_or(0, |p| p.0))
            .bind(i64::from(limit))
            .fetch_all(&self.read)
            .await?;
        rows.into_iter()
            .map(|r| {
                let status: String = r.try_get("status")?;
                Ok(PersonSummary {
                    id: PersonId(r.try_get("id")?),
                    name: r.try_get("name")?,
                    email: r.try_get("email")?,
                    phone: r.try_get("phone")?,
                    status: Status::parse(&status).ok_or_else(|| corrupt("status", &status))?,
                    review_needed: r.try_get::<i64, _>("review_needed")? != 0,
                    last_involved_on: r.try_get("last_involved_on")?,
                })
            })
            .collect()
    }

    /// How many people the filter finds.
    pub async fn count_people(
        &self,
        organisation: OrganisationId,
        filter: &PersonFilter,
    ) -> Result<i64> {
        let conditions = Conditions::from(filter);
        let sql = format!(
            "SELECT COUNT(*) FROM people p WHERE {}",
            conditions.clause()
        );
        let mut query = sqlx::query_scalar::<_, i64>(&sql).bind(organisation.0);
        for param in &conditions.params {
            query = query.bind(param.clone());
        }
        Ok(query.fetch_one(&self.read).await?)
    }

    /// Everything dated that happened around a person, newest first:
    /// status changes, notes and contacts.
    pub async fn person_history(&self, id: PersonId) -> Result<Vec<HistoryEntry>> {
        Ok(sqlx::query_as::<_, HistoryEntry>(
            "SELECT s.changed_at AS at, s.changed_on AS on_date, u.display_name AS who, 'status' AS kind, \
                    COALESCE(s.from_status, '') || '>' || s.to_status || '>' || s.reason AS text \
             FROM person_status_changes s LEFT JOIN users u ON u.id = s.changed_by WHERE s.person_id = $1 \
             UNION ALL \
             SELECT n.written_at, NULL, COALESCE(u.display_name, n.author_label), 'note', n.body \
             FROM person_notes n LEFT JOIN users u ON u.id = n.author_user_id WHERE n.person_id = $1 \
             UNION ALL \
             SELECT c.contacted_at, NULL, u.display_name, 'contact', c.method || '>' || c.summary \
             FROM contact_log c LEFT JOIN users u ON u.id = c.by_user WHERE c.person_id = $1 \
             ORDER BY at DESC",
        )
        .bind(id.0)
        .fetch_all(&self.read)
        .await?)
    }

    pub async fn consents(&self, id: PersonId) -> Result<Vec<ConsentRecord>> {
        Ok(sqlx::query_as::<_, ConsentRecord>(
            "SELECT c.id, c.kind, c.method, c.notice_version, c.given_at, u.display_name AS recorded_by, \
             c.withdrawn_at FROM consents c LEFT JOIN users u ON u.id = c.recorded_by \
             WHERE c.person_id = $1 ORDER BY c.id",
        )
        .bind(id.0)
        .fetch_all(&self.read)
        .await?)
    }

    /// The organisation's onboarding checklist with this person's progress.
    pub async fn onboarding(
        &self,
        organisation: OrganisationId,
        id: PersonId,
    ) -> Result<Vec<OnboardingItem>> {
        Ok(sqlx::query_as::<_, OnboardingItem>(
            "SELECT s.id AS step_id, s.label, o.done_on FROM onboarding_steps s \
             LEFT JOIN person_onboarding o ON o.step_id = s.id AND o.person_id = $2 \
             WHERE s.organisation_id = $1 ORDER BY s.position, s.id",
        )
        .bind(organisation.0)
        .bind(id.0)
        .fetch_all(&self.read)
        .await?)
    }

    /// A partnership list (`locality` or `topic`) as (slug, label) pairs.
    pub async fn vocabulary(&self, kind: &str) -> Result<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT slug, label FROM vocabulary WHERE kind = $1 ORDER BY position, label",
        )
        .bind(kind)
        .fetch_all(&self.read)
        .await?;
        rows.into_iter()
            .map(|r| Ok((r.try_get("slug")?, r.try_get("label")?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }

    /// The organisation that keeps people who apply through the public form.
    pub async fn register_organisation(&self) -> Result<Option<OrganisationId>> {
        let id: Option<Option<i64>> =
            sqlx::query_scalar("SELECT register_organisation_id FROM partnership WHERE id = 1")
                .fetch_optional(&self.read)
                .await?;
        Ok(id.flatten().map(OrganisationId))
    }

    /// A visitor's saved answers to a multi-page form, while they are live.
    pub async fn draft(&self, id_hash: &str, now: i64) -> Result<Option<String>> {
        Ok(sqlx::query_scalar(
            "SELECT data FROM form_drafts WHERE id_hash = $1 AND expires_at > $2",
        )
        .bind(id_hash)
        .bind(now)
        .fetch_optional(&self.read)
        .await?)
    }

    /// Totals of equality monitoring answers for one question's column.
    pub async fn equality_totals(
        &self,
        organisation: OrganisationId,
    ) -> Result<Vec<(String, String, i64)>> {
        let mut totals = Vec::new();
        for column in EQUALITY_COLUMNS {
            let rows = sqlx::query(&format!(
                "SELECT {column} AS answer, COUNT(*) AS total FROM equality_responses \
                 WHERE organisation_id = $1 GROUP BY {column} ORDER BY total DESC, answer"
            ))
            .bind(organisation.0)
            .fetch_all(&self.read)
            .await?;
            for row in rows {
                totals.push((
                    (*column).to_owned(),
                    row.try_get("answer")?,
                    row.try_get("total")?,
                ));
            }
        }
        Ok(totals)
    }
}

/// The equality monitoring questions, as stored.
pub const EQUALITY_COLUMNS: &[&str] = &[
    "age_band",
    "sex",
    "gender_identity",
    "ethnicity",
    "disability",
    "religion",
    "sexual_orientation",
];

/// A person to add to the register.
pub struct NewPersonRecord<'a> {
    pub organisation: OrganisationId,
    pub profile: &'a Profile,
    pub status: Status,
    pub source: Source,
    /// The member of staff who entered the answers for the person, if any.
    pub entered_by: Option<UserId>,
    /// The day they last took part (`YYYY-MM-DD`), for imported people.
    pub last_involved_on: Option<&'a str>,
}

/// A move from one status to another.
pub struct StatusChange<'a> {
    pub from: Option<Status>,
    pub to: Status,
    pub reason: &'a str,
    /// The day it took effect (`YYYY-MM-DD`).
    pub on: &'a str,
    pub by: Option<UserId>,
}

impl Tx {
    /// Adds a person with their answers.
    pub async fn insert_person(
        &mut self,
        record: NewPersonRecord<'_>,
        now: i64,
    ) -> Result<PersonId> {
        let NewPersonRecord {
            organisation,
            profile,
            status,
            source,
            entered_by,
            last_involved_on,
        } = record;
        let sql = format!(
            "INSERT INTO people ({PROFILE_COLUMNS}, organisation_id, status, source, entered_by_user_id, \
             review_needed, last_involved_on, created_at, updated_at) \
             VALUES ({PROFILE_PARAMS}, $14, $15, $16, $17, 0, $18, $19, $19) RETURNING id"
        );
        let id: i64 = bind_profile(sqlx::query(&sql), profile)
            .bind(organisation.0)
            .bind(status.as_str())
            .bind(source.as_str())
            .bind(entered_by.map(|u| u.0))
            .bind(last_involved_on)
            .bind(now)
            .fetch_one(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?
            .try_get("id")?;
        let id = PersonId(id);
        self.insert_tags(id, profile).await?;
        Ok(id)
    }

    async fn insert_tags(&mut self, id: PersonId, profile: &Profile) -> Result<()> {
        for (kind, value) in tags_of(profile) {
            sqlx::query("INSERT INTO person_tags (person_id, kind, value) VALUES ($1, $2, $3)")
                .bind(id.0)
                .bind(kind)
                .bind(value)
                .execute(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    /// Replaces a person's answers. `entered_by` marks that staff changed
    /// them for the person.
    pub async fn update_person_profile(
        &mut self,
        id: PersonId,
        profile: &Profile,
        entered_by: Option<UserId>,
        now: i64,
    ) -> Result<()> {
        let sql = format!(
            "UPDATE people SET ({PROFILE_COLUMNS}) = ({PROFILE_PARAMS}), \
             entered_by_user_id = COALESCE($14, entered_by_user_id), updated_at = $15 WHERE id = $16"
        );
        let done = bind_profile(sqlx::query(&sql), profile)
            .bind(entered_by.map(|u| u.0))
            .bind(now)
            .bind(id.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM person_tags WHERE person_id = $1")
            .bind(id.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        self.insert_tags(id, profile).await
    }

    pub async fn set_person_status(
        &mut self,
        id: PersonId,
        change: StatusChange<'_>,
        now: i64,
    ) -> Result<()> {
        let StatusChange {
            from,
            to,
            reason,
            on,
            by,
        } = change;
        sqlx::query("UPDATE people SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(to.as_str())
            .bind(now)
            .bind(id.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        sqlx::query(
            "INSERT INTO person_status_changes (person_id, from_status, to_status, reason, changed_on, \
             changed_at, changed_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id.0)
        .bind(from.map(|s| s.as_str()))
        .bind(to.as_str())
        .bind(reason)
        .bind(on)
        .bind(now)
        .bind(by.map(|u| u.0))
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn add_person_note(
        &mut self,
        id: PersonId,
        author: Option<UserId>,
        author_label: &str,
        body: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO person_notes (person_id, author_user_id, author_label, written_at, body) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id.0)
        .bind(author.map(|u| u.0))
        .bind(author_label)
        .bind(now)
        .bind(body)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn add_contact(
        &mut self,
        id: PersonId,
        method: &str,
        summary: &str,
        by: UserId,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO contact_log (person_id, contacted_at, method, summary, by_user) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id.0)
        .bind(now)
        .bind(method)
        .bind(summary)
        .bind(by.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn set_review_needed(&mut self, id: PersonId, needed: bool) -> Result<()> {
        sqlx::query("UPDATE people SET review_needed = $1 WHERE id = $2")
            .bind(i64::from(needed))
            .bind(id.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn set_last_involved(&mut self, id: PersonId, on: &str) -> Result<()> {
        sqlx::query("UPDATE people SET last_involved_on = $1 WHERE id = $2")
            .bind(on)
            .bind(id.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn add_consent(
        &mut self,
        id: PersonId,
        kind: &str,
        method: &str,
        notice_version: &str,
        recorded_by: Option<UserId>,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO consents (person_id, kind, method, notice_version, given_at, recorded_by) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id.0)
        .bind(kind)
        .bind(method)
        .bind(notice_version)
        .bind(now)
        .bind(recorded_by.map(|u| u.0))
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Marks a consent withdrawn. Only a consent of this person that is
    /// still live can be withdrawn.
    pub async fn withdraw_consent(
        &mut self,
        person: PersonId,
        consent: i64,
        now: i64,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE consents SET withdrawn_at = $1 WHERE id = $2 AND person_id = $3 AND withdrawn_at IS NULL",
        )
        .bind(now)
        .bind(consent)
        .bind(person.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Ticks or unticks an onboarding step for a person.
    pub async fn set_onboarding_step(
        &mut self,
        person: PersonId,
        step: i64,
        done_on: Option<&str>,
        by: UserId,
    ) -> Result<()> {
        sqlx::query("DELETE FROM person_onboarding WHERE person_id = $1 AND step_id = $2")
            .bind(person.0)
            .bind(step)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        if let Some(on) = done_on {
            sqlx::query(
                "INSERT INTO person_onboarding (person_id, step_id, done_on, done_by) VALUES ($1, $2, $3, $4)",
            )
            .bind(person.0)
            .bind(step)
            .bind(on)
            .bind(by.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    pub async fn insert_onboarding_step(
        &mut self,
        organisation: OrganisationId,
        position: i64,
        label: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO onboarding_steps (organisation_id, position, label) VALUES ($1, $2, $3)",
        )
        .bind(organisation.0)
        .bind(position)
        .bind(label)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn insert_vocabulary(
        &mut self,
        kind: &str,
        slug: &str,
        label: &str,
        position: i64,
    ) -> Result<()> {
        sqlx::query("INSERT INTO vocabulary (kind, slug, label, position) VALUES ($1, $2, $3, $4)")
            .bind(kind)
            .bind(slug)
            .bind(label)
            .bind(position)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn set_register_organisation(&mut self, organisation: OrganisationId) -> Result<()> {
        sqlx::query("UPDATE partnership SET register_organisation_id = $1 WHERE id = 1")
            .bind(organisation.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn save_draft(
        &mut self,
        id_hash: &str,
        data: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO form_drafts (id_hash, data, updated_at, expires_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id_hash) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at, \
             expires_at = excluded.expires_at",
        )
        .bind(id_hash)
        .bind(data)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn delete_draft(&mut self, id_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM form_drafts WHERE id_hash = $1")
            .bind(id_hash)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn delete_expired_drafts(&mut self, now: i64) -> Result<()> {
        sqlx::query("DELETE FROM form_drafts WHERE expires_at <= $1")
            .bind(now)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Stores one set of equality monitoring answers, linked to nobody.
    pub async fn insert_equality_response(
        &mut self,
        organisation: OrganisationId,
        submitted_on: &str,
        answers: &[&str; 7],
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO equality_responses (organisation_id, submitted_on, age_band, sex, gender_identity, \
             ethnicity, disability, religion, sexual_orientation) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(organisation.0)
        .bind(submitted_on)
        .bind(answers[0])
        .bind(answers[1])
        .bind(answers[2])
        .bind(answers[3])
        .bind(answers[4])
        .bind(answers[5])
        .bind(answers[6])
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }
}

impl Store {
    /// The organisation's onboarding checklist, in order: (id, label).
    pub async fn onboarding_steps(
        &self,
        organisation: OrganisationId,
    ) -> Result<Vec<(i64, String)>> {
        let rows = sqlx::query("SELECT id, label FROM onboarding_steps WHERE organisation_id = $1 ORDER BY position, id")
            .bind(organisation.0)
            .fetch_all(&self.read)
            .await?;
        rows.into_iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("label")?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(Into::into)
    }
}

impl Tx {
    /// Makes the checklist exactly `labels`, in that order. Steps that stay
    /// keep what people have done; removed steps are removed with it.
    pub async fn replace_onboarding_steps(
        &mut self,
        organisation: OrganisationId,
        labels: &[String],
    ) -> Result<()> {
        let existing: Vec<(i64, String)> =
            sqlx::query("SELECT id, label FROM onboarding_steps WHERE organisation_id = $1")
                .bind(organisation.0)
                .fetch_all(&mut *self.tx)
                .await
                .map_err(|e| self.error(e))?
                .into_iter()
                .map(|r| Ok((r.try_get("id")?, r.try_get("label")?)))
                .collect::<Result<_, sqlx::Error>>()?;
        for (id, label) in &existing {
            if !labels.contains(label) {
                sqlx::query("DELETE FROM onboarding_steps WHERE id = $1")
                    .bind(id)
                    .execute(&mut *self.tx)
                    .await
                    .map_err(|e| self.error(e))?;
            }
        }
        for (position, label) in labels.iter().enumerate() {
            match existing.iter().find(|(_, l)| l == label) {
                Some((id, _)) => {
                    sqlx::query("UPDATE onboarding_steps SET position = $1 WHERE id = $2")
                        .bind(position as i64)
                        .bind(id)
                        .execute(&mut *self.tx)
                        .await
                        .map_err(|e| self.error(e))?;
                }
                None => {
                    self.insert_onboarding_step(organisation, position as i64, label)
                        .await?
                }
            }
        }
        Ok(())
    }
}
