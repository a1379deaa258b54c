//! What paying people rests on: dated rates, the fee rate role an
//! activity pays, each person's payment preferences and per-activity fee
//! choices, earnings limits and the earnings that count towards them. The
//! fees, claims and runs themselves are in `pay_items`.

use std::collections::HashMap;

use coproduce_domain::dates::Date;
use coproduce_domain::money::Pence;
use coproduce_domain::payments::{
    ChoicePlan, ExpenseKind, FeeChoice, LimitPeriod, LimitPlan, PayMethod, RateFor, RatePlan,
    RateUnit,
};
use coproduce_domain::{
    ActivityId, FeeId, InvitationId, LimitId, OrganisationId, PersonId, RateId, UserId,
};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::codes::{code, corrupt, date, numbered_params, required_date};
use crate::error::found;
use crate::{Result, Store, Tx};

/// A rate as stored.
#[derive(Debug, Clone)]
pub struct RateRecord {
    pub id: RateId,
    pub organisation_id: OrganisationId,
    pub plan: RatePlan,
    pub created_at: i64,
}

/// A person's standing choice about fees, and when benefits advice was
/// offered.
#[derive(Debug, Clone)]
pub struct PaymentPreferences {
    pub choice: ChoicePlan,
    pub method: Option<PayMethod>,
    pub advice_offered_on: Option<Date>,
    pub advice_offered_by: Option<String>,
}

/// An earnings limit as stored.
#[derive(Debug, Clone)]
pub struct LimitRecord {
    pub id: LimitId,
    pub plan: LimitPlan,
}

fn rate_from(r: &AnyRow) -> Result<RateRecord> {
    let category: String = r.try_get("category")?;
    let what = match category.as_str() {
        "fee" => RateFor::Fee {
            role: r
                .try_get::<Option<String>, _>("role")?
                .ok_or_else(|| corrupt("rate role", ""))?,
            unit: code(
                &r.try_get::<Option<String>, _>("unit")?.unwrap_or_default(),
                RateUnit::parse,
                "rate unit",
            )?,
            pays_preparation: r.try_get::<i64, _>("pays_preparation")? != 0,
        },
        "expense" => RateFor::Expense {
            kind: code(
                &r.try_get::<Option<String>, _>("expense_kind")?
                    .unwrap_or_default(),
                ExpenseKind::parse,
                "expense kind",
            )?,
        },
        other => return Err(corrupt("rate category", other)),
    };
    Ok(RateRecord {
        id: RateId(r.try_get("id")?),
        organisation_id: OrganisationId(r.try_get("organisation_id")?),
        plan: RatePlan {
            what,
            amount: Pence(r.try_get("amount_pence")?),
            from: required_date(r, "effective_from")?,
            to: date(r.try_get("effective_to")?)?,
            example: r.try_get::<i64, _>("example")? != 0,
        },
        created_at: r.try_get("created_at")?,
    })
}

const RATE_COLUMNS: &str = "id, organisation_id, category, role, unit, pays_preparation, \
    expense_kind, amount_pence, effective_from, effective_to, example, created_at";

/// A stored payment method, if there is one.
pub(crate) fn method_from(value: Option<String>) -> Result<Option<PayMethod>> {
    value
        .map(|m| code(&m, PayMethod::parse, "payment method"))
        .transpose()
}

fn choice_from(r: &AnyRow) -> Result<ChoicePlan> {
    Ok(ChoicePlan {
        choice: code(
            &r.try_get::<String, _>("choice")?,
            FeeChoice::parse,
            "fee choice",
        )?,
        reduced: r.try_get::<Option<i64>, _>("reduced_pence")?.map(Pence),
        charity: r.try_get("charity")?,
    })
}

impl Store {
    /// An organisation's rates: fees by role, then expenses, the latest
    /// first within each.
    pub async fn rates(&self, organisation: OrganisationId) -> Result<Vec<RateRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {RATE_COLUMNS} FROM rates WHERE organisation_id = $1 \
             ORDER BY category DESC, role, expense_kind, effective_from DESC, id DESC"
        ))
        .bind(organisation.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(rate_from).collect()
    }

    pub async fn rate(&self, id: RateId) -> Result<RateRecord> {
        let row = sqlx::query(&format!("SELECT {RATE_COLUMNS} FROM rates WHERE id = $1"))
            .bind(id.0)
            .fetch_optional(&self.read)
            .await?;
        rate_from(&found(row)?)
    }

    /// The fee rate for a role in force on a day.
    pub async fn fee_rate_on(
        &self,
        organisation: OrganisationId,
        role: &str,
        day: Date,
    ) -> Result<Option<RateRecord>> {
        self.rate_on(organisation, "fee", "role", role, day).await
    }

    /// The expenses rate for a kind of expense in force on a day.
    pub async fn expense_rate_on(
        &self,
        organisation: OrganisationId,
        kind: ExpenseKind,
        day: Date,
    ) -> Result<Option<RateRecord>> {
        self.rate_on(organisation, "expense", "expense_kind", kind.as_str(), day)
            .await
    }

    /// The rate of a `category` in force on a day whose `key_column` (the
    /// fee's role, or the expense's kind) is `key`.
    async fn rate_on(
        &self,
        organisation: OrganisationId,
        category: &str,
        key_column: &str,
        key: &str,
        day: Date,
    ) -> Result<Option<RateRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {RATE_COLUMNS} FROM rates WHERE organisation_id = $1 AND category = $2 \
             AND {key_column} = $3 AND effective_from <= $4 \
             AND (effective_to IS NULL OR effective_to >= $4) \
             ORDER BY effective_from DESC, id DESC LIMIT 1"
        ))
        .bind(organisation.0)
        .bind(category)
        .bind(key)
        .bind(day.to_iso())
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(rate_from).transpose()
    }

    /// The roles an organisation has fee rates for, in order.
    pub async fn fee_roles(&self, organisation: OrganisationId) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT role FROM rates WHERE organisation_id = $1 AND category = 'fee' ORDER BY role",
        )
        .bind(organisation.0)
        .fetch_all(&self.read)
        .await?)
    }

    /// The fee rate role an activity pays, if it is paid.
    pub async fn activity_fee_role(&self, activity: ActivityId) -> Result<Option<String>> {
        let row: Option<Option<String>> =
            sqlx::query_scalar("SELECT fee_role FROM activities WHERE id = $1")
                .bind(activity.0)
                .fetch_optional(&self.read)
                .await?;
        found(row)
    }

    pub async fn payment_target_days(&self, organisation: OrganisationId) -> Result<i64> {
        let days: Option<i64> =
            sqlx::query_scalar("SELECT payment_target_days FROM organisations WHERE id = $1")
                .bind(organisation.0)
                .fetch_optional(&self.read)
                .await?;
        found(days)
    }

    pub async fn payment_preferences(
        &self,
        person: PersonId,
    ) -> Result<Option<PaymentPreferences>> {
        let row = sqlx::query(
            "SELECT pp.choice, pp.reduced_pence, pp.charity, pp.method, pp.advice_offered_on, \
             u.display_name AS advice_offered_by FROM payment_preferences pp \
             LEFT JOIN users u ON u.id = pp.advice_offered_by WHERE pp.person_id = $1",
        )
        .bind(person.0)
        .fetch_optional(&self.read)
        .await?;
        row.map(|r| {
            Ok(PaymentPreferences {
                choice: choice_from(&r)?,
                method: method_from(r.try_get("method")?)?,
                advice_offered_on: date(r.try_get("advice_offered_on")?)?,
                advice_offered_by: r.try_get("advice_offered_by")?,
            })
        })
        .transpose()
    }

    /// The standing choices of several people, in one query.
    pub async fn payment_preferences_of(
        &self,
        people: &[PersonId],
    ) -> Result<HashMap<PersonId, (ChoicePlan, Option<PayMethod>)>> {
        if people.is_empty() {
            return Ok(HashMap::new());
        }
        let sql = format!(
            "SELECT person_id, choice, reduced_pence, charity, method FROM payment_preferences \
             WHERE person_id IN ({})",
            numbered_params(people.len())
        );
        let mut query = sqlx::query(&sql);
        for person in people {
            query = query.bind(person.0);
        }
        let mut found = HashMap::new();
        for r in query.fetch_all(&self.read).await? {
            found.insert(
                PersonId(r.try_get("person_id")?),
                (choice_from(&r)?, method_from(r.try_get("method")?)?),
            );
        }
        Ok(found)
    }

    /// The choices made for one activity, by invitation.
    pub async fn fee_choices(
        &self,
        activity: ActivityId,
    ) -> Result<HashMap<InvitationId, ChoicePlan>> {
        let rows = sqlx::query(
            "SELECT c.invitation_id, c.choice, c.reduced_pence, c.charity FROM fee_choices c \
             JOIN invitations i ON i.id = c.invitation_id WHERE i.activity_id = $1",
        )
        .bind(activity.0)
        .fetch_all(&self.read)
        .await?;
        let mut found = HashMap::new();
        for r in rows {
            found.insert(InvitationId(r.try_get("invitation_id")?), choice_from(&r)?);
        }
        Ok(found)
    }

    pub async fn earnings_limits(&self, person: PersonId) -> Result<Vec<LimitRecord>> {
        Ok(self
            .earnings_limits_of(&[person])
            .await?
            .remove(&person)
            .unwrap_or_default())
    }

    /// The earnings limits of several people, in one query.
    pub async fn earnings_limits_of(
        &self,
        people: &[PersonId],
    ) -> Result<HashMap<PersonId, Vec<LimitRecord>>> {
        if people.is_empty() {
            return Ok(HashMap::new());
        }
        let sql = format!(
            "SELECT id, person_id, label, amount_pence, period FROM earnings_limits \
             WHERE person_id IN ({}) ORDER BY id",
            numbered_params(people.len())
        );
        let mut query = sqlx::query(&sql);
        for person in people {
            query = query.bind(person.0);
        }
        let mut found: HashMap<PersonId, Vec<LimitRecord>> = HashMap::new();
        for r in query.fetch_all(&self.read).await? {
            found
                .entry(PersonId(r.try_get("person_id")?))
                .or_default()
                .push(LimitRecord {
                    id: LimitId(r.try_get("id")?),
                    plan: LimitPlan {
                        label: r.try_get("label")?,
                        amount: Pence(r.try_get("amount_pence")?),
                        period: code(
                            &r.try_get::<String, _>("period")?,
                            LimitPeriod::parse,
                            "limit period",
                        )?,
                    },
                });
        }
        Ok(found)
    }

    /// Fees that count as earnings (not rejected, and taken as money or
    /// vouchers) for several people between two days, by person, as
    /// (activity day, amount) pairs. `leave_out` is a fee not to count,
    /// such as the one being checked.
    pub async fn earnings_of(
        &self,
        people: &[PersonId],
        from: Date,
        to: Date,
        leave_out: Option<FeeId>,
    ) -> Result<HashMap<PersonId, Vec<(Date, Pence)>>> {
        if people.is_empty() {
            return Ok(HashMap::new());
        }
        let sql = format!(
            "SELECT person_id, activity_date, amount_pence FROM fees \
             WHERE activity_date >= $1 AND activity_date <= $2 AND id <> $3 AND status <> 'rejected' \
             AND choice IN ('take', 'reduced', 'vouchers') AND person_id IN ({})",
            (4..4 + people.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut query = sqlx::query(&sql)
            .bind(from.to_iso())
            .bind(to.to_iso())
            .bind(leave_out.map_or(0, |f| f.0));
        for person in people {
            query = query.bind(person.0);
        }
        let mut found: HashMap<PersonId, Vec<(Date, Pence)>> = HashMap::new();
        for r in query.fetch_all(&self.read).await? {
            found
                .entry(PersonId(r.try_get("person_id")?))
                .or_default()
                .push((
                    required_date(&r, "activity_date")?,
                    Pence(r.try_get("amount_pence")?),
                ));
        }
        Ok(found)
    }
}

impl Tx {
    /// Rates of the same role (or expense) whose dates meet `from` to `to`.
    pub async fn overlapping_rates(
        &mut self,
        organisation: OrganisationId,
        what: &RateFor,
        from: Date,
        to: Option<Date>,
    ) -> Result<Vec<RateRecord>> {
        let (category, key) = match what {
            RateFor::Fee { role, .. } => ("fee", role.as_str()),
            RateFor::Expense { kind } => ("expense", kind.as_str()),
        };
        let rows = sqlx::query(&format!(
            "SELECT {RATE_COLUMNS} FROM rates WHERE organisation_id = $1 AND category = $2 \
             AND COALESCE(role, expense_kind) = $3 AND (effective_to IS NULL OR effective_to >= $4) \
             AND ($5 = '' OR effective_from <= $5) ORDER BY effective_from"
        ))
        .bind(organisation.0)
        .bind(category)
        .bind(key)
        .bind(from.to_iso())
        .bind(to.map(|d| d.to_iso()).unwrap_or_default())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        rows.iter().map(rate_from).collect()
    }

    /// Sets the last day of a rate (when a newer one takes over).
    pub async fn end_rate(&mut self, id: RateId, last_day: Date) -> Result<()> {
        sqlx::query("UPDATE rates SET effective_to = $1 WHERE id = $2")
            .bind(last_day.to_iso())
            .bind(id.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn insert_rate(
        &mut self,
        organisation: OrganisationId,
        plan: &RatePlan,
        by: Option<UserId>,
        now: i64,
    ) -> Result<RateId> {
        let (category, role, unit, pays_preparation, kind) = match &plan.what {
            RateFor::Fee {
                role,
                unit,
                pays_preparation,
            } => (
                "fee",
                Some(role.as_str()),
                Some(unit.as_str()),
                *pays_preparation,
                None,
            ),
            RateFor::Expense { kind } => ("expense", None, None, false, Some(kind.as_str())),
        };
        let id: i64 = sqlx::query(
            "INSERT INTO rates (organisation_id, category, role, unit, pays_preparation, expense_kind, \
             amount_pence, effective_from, effective_to, example, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(organisation.0)
        .bind(category)
        .bind(role)
        .bind(unit)
        .bind(i64::from(pays_preparation))
        .bind(kind)
        .bind(plan.amount.0)
        .bind(plan.from.to_iso())
        .bind(plan.to.map(|d| d.to_iso()))
        .bind(i64::from(plan.example))
        .bind(by.map(|u| u.0))
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?
        .try_get("id")?;
        Ok(RateId(id))
    }

    pub async fn set_activity_fee_role(
        &mut self,
        activity: ActivityId,
        role: Option<&str>,
    ) -> Result<()> {
        sqlx::query("UPDATE activities SET fee_role = $1 WHERE id = $2")
            .bind(role)
            .bind(activity.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    pub async fn set_payment_target_days(
        &mut self,
        organisation: OrganisationId,
        days: i64,
    ) -> Result<()> {
        sqlx::query("UPDATE organisations SET payment_target_days = $1 WHERE id = $2")
            .bind(days)
            .bind(organisation.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Saves a person's standing choice, how they are paid and when
    /// benefits advice was offered. Saving the same advice date again
    /// keeps who offered it.
    pub async fn set_payment_preferences(
        &mut self,
        person: PersonId,
        choice: &ChoicePlan,
        method: Option<PayMethod>,
        advice: Option<(Date, UserId)>,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO payment_preferences (person_id, choice, reduced_pence, charity, method, \
             advice_offered_on, advice_offered_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (person_id) DO UPDATE SET choice = excluded.choice, \
             reduced_pence = excluded.reduced_pence, charity = excluded.charity, method = excluded.method, \
             advice_offered_on = COALESCE(excluded.advice_offered_on, payment_preferences.advice_offered_on), \
             advice_offered_by = CASE WHEN excluded.advice_offered_on IS NULL \
             OR excluded.advice_offered_on = payment_preferences.advice_offered_on \
             THEN payment_preferences.advice_offered_by ELSE excluded.advice_offered_by END, \
             updated_at = excluded.updated_at",
        )
        .bind(person.0)
        .bind(choice.choice.as_str())
        .bind(choice.reduced.map(|p| p.0))
        .bind(choice.charity.as_deref())
        .bind(method.map(PayMethod::as_str))
        .bind(advice.map(|(d, _)| d.to_iso()))
        .bind(advice.map(|(_, u)| u.0))
        .bind(now)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Sets (or, with `None`, clears) the choice for one invitation.
    pub async fn set_fee_choice(
        &mut self,
        invitation: InvitationId,
        choice: Option<&ChoicePlan>,
        now: i64,
    ) -> Result<()> {
        sqlx::query("DELETE FROM fee_choices WHERE invitation_id = $1")
            .bind(invitation.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        if let Some(choice) = choice {
            sqlx::query(
                "INSERT INTO fee_choices (invitation_id, choice, reduced_pence, charity, updated_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(invitation.0)
            .bind(choice.choice.as_str())
            .bind(choice.reduced.map(|p| p.0))
            .bind(choice.charity.as_deref())
            .bind(now)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        }
        Ok(())
    }

    pub async fn insert_limit(
        &mut self,
        person: PersonId,
        plan: &LimitPlan,
        now: i64,
    ) -> Result<LimitId> {
        let id: i64 = sqlx::query(
            "INSERT INTO earnings_limits (person_id, label, amount_pence, period, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(person.0)
        .bind(&plan.label)
        .bind(plan.amount.0)
        .bind(plan.period.as_str())
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?
        .try_get("id")?;
        Ok(LimitId(id))
    }

    /// Removes one of a person's limits; false if they have no such limit.
    pub async fn delete_limit(&mut self, person: PersonId, id: LimitId) -> Result<bool> {
        let done = sqlx::query("DELETE FROM earnings_limits WHERE id = $1 AND person_id = $2")
            .bind(id.0)
            .bind(person.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(done.rows_affected() == 1)
    }
}
