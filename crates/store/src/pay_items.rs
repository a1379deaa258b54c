//! Fees and expenses claims, from recording to payment: fees and their
//! adjustments, claims and their receipts, deciding on either, both read
//! as one list of pay lines, and payment runs that take each approved item
//! exactly once. The rates, choices and limits they rest on are in
//! `payments`.

use std::collections::HashMap;

use coproduce_domain::dates::Date;
use coproduce_domain::money::Pence;
use coproduce_domain::payments::{
    ChoicePlan, ClaimPlan, ExpenseKind, FeeChoice, PayMethod, PayStatus, ReceiptType,
};
use coproduce_domain::{
    ActivityId, ClaimId, FeeId, InvitationId, OrganisationId, PaymentRunId, PersonId, RateId,
    UserId,
};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::codes::{code, corrupt, date, required_date};
use crate::error::found;
use crate::payments::method_from;
use crate::{Result, Store, Tx};

/// Whether a payable item is a fee or an expenses claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    Fee,
    Expense,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fee => "fee",
            Self::Expense => "expense",
        }
    }

    /// The prefix of the item's reference in payment files.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Fee => "FEE",
            Self::Expense => "EXP",
        }
    }
}

/// Which fees and claims to list.
#[derive(Debug, Clone, Copy, Default)]
pub struct ItemFilter {
    pub status: Option<PayStatus>,
    pub person: Option<PersonId>,
    pub activity: Option<ActivityId>,
    /// Only items on or after this day (the activity's, or the spending's).
    pub from: Option<Date>,
    /// Only items on or before this day.
    pub to: Option<Date>,
}

/// Who decided on a fee or claim, and what was paid.
#[derive(Debug, Clone)]
pub struct Progress {
    pub status: PayStatus,
    pub decided_by: Option<UserId>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<i64>,
    pub rejection_reason: Option<String>,
    pub payment_run_id: Option<PaymentRunId>,
    pub paid_on: Option<Date>,
    pub payment_reference: Option<String>,
}

/// A fee as stored, with the names people read.
#[derive(Debug, Clone)]
pub struct FeeRecord {
    pub id: FeeId,
    pub organisation_id: OrganisationId,
    pub person_id: PersonId,
    pub person_name: String,
    pub activity_id: ActivityId,
    pub activity_title: String,
    pub invitation_id: InvitationId,
    pub rate_id: RateId,
    pub activity_date: Date,
    pub minutes: i64,
    pub preparation_minutes: i64,
    pub worked_out: Pence,
    pub amount: Pence,
    pub basis: String,
    pub choice: FeeChoice,
    pub charity: Option<String>,
    pub method: Option<PayMethod>,
    pub created_by: Option<UserId>,
    pub created_by_name: Option<String>,
    pub created_at: i64,
    pub progress: Progress,
}

/// A new fee, worked out from attendance.
#[derive(Debug, Clone)]
pub struct NewFee {
    pub organisation_id: OrganisationId,
    pub person_id: PersonId,
    pub activity_id: ActivityId,
    pub invitation_id: InvitationId,
    pub rate_id: RateId,
    pub activity_date: Date,
    pub minutes: i64,
    pub preparation_minutes: i64,
    pub worked_out: Pence,
    pub amount: Pence,
    pub basis: String,
    pub choice: FeeChoice,
    pub charity: Option<String>,
    pub method: Option<PayMethod>,
}

/// A change of a fee's amount by hand.
#[derive(Debug, Clone)]
pub struct FeeAdjustment {
    pub from: Pence,
    pub to: Pence,
    pub reason: String,
    pub adjusted_by: Option<String>,
    pub adjusted_at: i64,
}

/// How a claim came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmittedVia {
    /// The person, through their personal link.
    Link,
    Staff,
    Api,
}

impl SubmittedVia {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Link => "link",
            Self::Staff => "staff",
            Self::Api => "api",
        }
    }

    fn parse(value: &str) -> Option<Self> {
        [Self::Link, Self::Staff, Self::Api]
            .into_iter()
            .find(|v| v.as_str() == value)
    }
}

/// A receipt's description, without its contents.
#[derive(Debug, Clone)]
pub struct ReceiptInfo {
    pub id: i64,
    pub content_type: ReceiptType,
    pub file_name: String,
    pub size_bytes: i64,
}

/// A receipt with its contents, for serving.
#[derive(Debug, Clone)]
pub struct ReceiptFile {
    pub organisation_id: OrganisationId,
    pub content_type: ReceiptType,
    pub file_name: String,
    pub content: Vec<u8>,
}

/// An expenses claim as stored.
#[derive(Debug, Clone)]
pub struct ClaimRecord {
    pub id: ClaimId,
    pub organisation_id: OrganisationId,
    pub person_id: PersonId,
    pub person_name: String,
    pub person_email: Option<String>,
    pub activity_id: Option<ActivityId>,
    pub activity_title: Option<String>,
    pub kind: ExpenseKind,
    pub spent_on: Date,
    pub amount: Pence,
    pub miles_tenths: Option<i64>,
    pub description: String,
    pub receipt: Option<ReceiptInfo>,
    pub submitted_via: SubmittedVia,
    pub submitted_by: Option<UserId>,
    pub submitted_by_name: Option<String>,
    pub created_at: i64,
    pub progress: Progress,
}

/// A new claim, checked.
#[derive(Debug, Clone)]
pub struct NewClaim<'a> {
    pub organisation_id: OrganisationId,
    pub person_id: PersonId,
    pub plan: &'a ClaimPlan,
    pub amount: Pence,
    pub rate_id: Option<RateId>,
    pub receipt_id: Option<i64>,
    pub submitted_via: SubmittedVia,
    pub submitted_by: Option<UserId>,
}

/// Whether a payment run has been paid yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    /// Sent to the finance system, waiting to be paid.
    Sent,
    Paid,
}

/// A payment run as stored.
#[derive(Debug, Clone)]
pub struct RunRecord {
    pub id: PaymentRunId,
    pub organisation_id: OrganisationId,
    pub status: RunStatus,
    pub item_count: i64,
    pub total: Pence,
    pub created_by_name: Option<String>,
    pub created_at: i64,
    pub paid_on: Option<Date>,
    pub reference: Option<String>,
}

/// One fee or claim, as a line in a payment run or a waiting list.
#[derive(Debug, Clone)]
pub struct PayLine {
    pub kind: ItemKind,
    pub id: i64,
    pub organisation_id: OrganisationId,
    pub person_id: PersonId,
    pub person_name: String,
    pub method: Option<PayMethod>,
    pub charity: Option<String>,
    pub description: String,
    /// The activity's day for a fee, the day the money was spent for a
    /// claim.
    pub date: Date,
    pub amount: Pence,
    pub status: PayStatus,
    pub counts_as_earnings: bool,
    pub payment_run_id: Option<PaymentRunId>,
    pub paid_on: Option<Date>,
    pub payment_reference: Option<String>,
}

impl PayLine {
    /// `FEE-12` or `EXP-7`: how the item is named in payment files.
    pub fn reference(&self) -> String {
        format!("{}-{}", self.kind.prefix(), self.id)
    }
}

/// How many fees or claims of an organisation have one status, and their
/// total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub count: i64,
    pub total: Pence,
}

/// Where each kind of item is stored. The queries call the fees table `f`
/// and the claims table `e`.
impl ItemKind {
    const BOTH: [Self; 2] = [Self::Fee, Self::Expense];

    fn table(self) -> &'static str {
        match self {
            Self::Fee => "fees",
            Self::Expense => "expense_claims",
        }
    }

    fn alias(self) -> &'static str {
        match self {
            Self::Fee => "f",
            Self::Expense => "e",
        }
    }

    /// The item's day: the activity's for a fee, the spending's for a
    /// claim.
    fn day_column(self) -> &'static str {
        match self {
            Self::Fee => "activity_date",
            Self::Expense => "spent_on",
        }
    }
}

/// The conditions of an [`ItemFilter`] on one kind of item: the
/// organisation is `$1` and the filter `$2` to `$6`, as [`bind_filter`]
/// binds them.
fn filter_conditions(kind: ItemKind) -> String {
    let (t, day) = (kind.alias(), kind.day_column());
    format!(
        "{t}.organisation_id = $1 AND ($2 = '' OR {t}.status = $2) AND ($3 = 0 OR {t}.person_id = $3) \
         AND ($4 = 0 OR {t}.activity_id = $4) AND ($5 = '' OR {t}.{day} >= $5) \
         AND ($6 = '' OR {t}.{day} <= $6)"
    )
}

/// A query of `sql` with the organisation and the filter bound as `$1` to
/// `$6`, for [`filter_conditions`].
fn bind_filter(
    sql: &str,
    organisation: OrganisationId,
    filter: ItemFilter,
) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
    sqlx::query(sql)
        .bind(organisation.0)
        .bind(filter.status.map_or("", |s| s.as_str()))
        .bind(filter.person.map_or(0, |p| p.0))
        .bind(filter.activity.map_or(0, |a| a.0))
        .bind(filter.from.map(|d| d.to_iso()).unwrap_or_default())
        .bind(filter.to.map(|d| d.to_iso()).unwrap_or_default())
}

/// One page of one kind of item, newest first: `select` with the filter,
/// then `$7`, the last item of the previous page (0 for the first), and
/// `$8`, the page's size.
fn page_sql(kind: ItemKind, select: &str) -> String {
    let t = kind.alias();
    format!(
        "{select} WHERE {} AND ($7 = 0 OR {t}.id < $7) ORDER BY {t}.id DESC LIMIT $8",
        filter_conditions(kind)
    )
}

fn pay_status(r: &AnyRow) -> Result<PayStatus> {
    code(
        &r.try_get::<String, _>("status")?,
        PayStatus::parse,
        "payment status",
    )
}

fn progress_from(r: &AnyRow) -> Result<Progress> {
    Ok(Progress {
        status: pay_status(r)?,
        decided_by: r.try_get::<Option<i64>, _>("decided_by")?.map(UserId),
        decided_by_name: r.try_get("decided_by_name")?,
        decided_at: r.try_get("decided_at")?,
        rejection_reason: r.try_get("rejection_reason")?,
        payment_run_id: r
            .try_get::<Option<i64>, _>("payment_run_id")?
            .map(PaymentRunId),
        paid_on: date(r.try_get("paid_on")?)?,
        payment_reference: r.try_get("payment_reference")?,
    })
}

const FEE_SELECT: &str = "SELECT f.id, f.organisation_id, f.person_id, p.name AS person_name, \
    f.activity_id, a.title AS activity_title, f.invitation_id, f.rate_id, f.activity_date, f.minutes, \
    f.preparation_minutes, f.worked_out_pence, f.amount_pence, f.basis, f.choice, f.charity, f.method, \
    f.status, f.created_by, c.display_name AS created_by_name, f.created_at, f.decided_by, \
    d.display_name AS decided_by_name, f.decided_at, f.rejection_reason, f.payment_run_id, f.paid_on, \
    f.payment_reference FROM fees f JOIN people p ON p.id = f.person_id \
    JOIN activities a ON a.id = f.activity_id LEFT JOIN users c ON c.id = f.created_by \
    LEFT JOIN users d ON d.id = f.decided_by";

fn fee_from(r: &AnyRow) -> Result<FeeRecord> {
    Ok(FeeRecord {
        id: FeeId(r.try_get("id")?),
        organisation_id: OrganisationId(r.try_get("organisation_id")?),
        person_id: PersonId(r.try_get("person_id")?),
        person_name: r.try_get("person_name")?,
        activity_id: ActivityId(r.try_get("activity_id")?),
        activity_title: r.try_get("activity_title")?,
        invitation_id: InvitationId(r.try_get("invitation_id")?),
        rate_id: RateId(r.try_get("rate_id")?),
        activity_date: required_date(r, "activity_date")?,
        minutes: r.try_get("minutes")?,
        preparation_minutes: r.try_get("preparation_minutes")?,
        worked_out: Pence(r.try_get("worked_out_pence")?),
        amount: Pence(r.try_get("amount_pence")?),
        basis: r.try_get("basis")?,
        choice: code(
            &r.try_get::<String, _>("choice")?,
            FeeChoice::parse,
            "fee choice",
        )?,
        charity: r.try_get("charity")?,
        method: method_from(r.try_get("method")?)?,
        created_by: r.try_get::<Option<i64>, _>("created_by")?.map(UserId),
        created_by_name: r.try_get("created_by_name")?,
        created_at: r.try_get("created_at")?,
        progress: progress_from(r)?,
    })
}

const CLAIM_SELECT: &str = "SELECT e.id, e.organisation_id, e.person_id, p.name AS person_name, \
    p.email AS person_email, e.activity_id, a.title AS activity_title, e.kind, e.spent_on, \
    e.amount_pence, e.miles_tenths, e.description, e.receipt_id, r.content_type, r.file_name, \
    r.size_bytes, e.submitted_via, e.submitted_by, s.display_name AS submitted_by_name, e.created_at, \
    e.status, e.decided_by, d.display_name AS decided_by_name, e.decided_at, e.rejection_reason, \
    e.payment_run_id, e.paid_on, e.payment_reference FROM expense_claims e \
    JOIN people p ON p.id = e.person_id LEFT JOIN activities a ON a.id = e.activity_id \
    LEFT JOIN receipts r ON r.id = e.receipt_id LEFT JOIN users s ON s.id = e.submitted_by \
    LEFT JOIN users d ON d.id = e.decided_by";

fn claim_from(r: &AnyRow) -> Result<ClaimRecord> {
    let receipt = match r.try_get::<Option<i64>, _>("receipt_id")? {
        Some(id) => Some(ReceiptInfo {
            id,
            content_type: code(
                &r.try_get::<Option<String>, _>("content_type")?
                    .unwrap_or_default(),
                ReceiptType::parse,
                "receipt type",
            )?,
            file_name: r
                .try_get::<Option<String>, _>("file_name")?
                .unwrap_or_default(),
            size_bytes: r.try_get::<Option<i64>, _>("size_bytes")?.unwrap_or(0),
        }),
        None => None,
    };
    let via: String = r.try_get("submitted_via")?;
    Ok(ClaimRecord {
        id: ClaimId(r.try_get("id")?),
        organisation_id: OrganisationId(r.try_get("organisation_id")?),
        person_id: PersonId(r.try_get("person_id")?),
        person_name: r.try_get("person_name")?,
        person_email: r.try_get("person_email")?,
        activity_id: r.try_get::<Option<i64>, _>("activity_id")?.map(ActivityId),
        activity_title: r.try_get("activity_title")?,
        kind: code(
            &r.try_get::<String, _>("kind")?,
            ExpenseKind::parse,
            "expense kind",
        )?,
        spent_on: required_date(r, "spent_on")?,
        amount: Pence(r.try_get("amount_pence")?),
        miles_tenths: r.try_get("miles_tenths")?,
        description: r.try_get("description")?,
        receipt,
        submitted_via: SubmittedVia::parse(&via).ok_or_else(|| corrupt("submitted via", &via))?,
        submitted_by: r.try_get::<Option<i64>, _>("submitted_by")?.map(UserId),
        submitted_by_name: r.try_get("submitted_by_name")?,
        created_at: r.try_get("created_at")?,
        progress: progress_from(r)?,
    })
}

/// Both kinds of payable item as one list: fees, then claims.
/// Every column has a name of its own: SQLite matches a compound query's
/// ORDER BY only against those.
const LINES_SELECT: &str = "SELECT 'fee' AS item_kind, f.id AS id, f.organisation_id, f.person_id, \
    p.name AS person_name, COALESCE(f.method, pp.method) AS method, f.charity, a.title AS description, \
    f.activity_date AS item_date, f.amount_pence, f.status, \
    CAST(CASE WHEN f.choice IN ('take', 'reduced', 'vouchers') THEN 1 ELSE 0 END AS BIGINT) AS counts, \
    f.payment_run_id, f.paid_on, f.payment_reference \
    FROM fees f JOIN people p ON p.id = f.person_id JOIN activities a ON a.id = f.activity_id \
    LEFT JOIN payment_preferences pp ON pp.person_id = f.person_id WHERE {fee_where} \
    UNION ALL SELECT 'expense' AS item_kind, e.id AS id, e.organisation_id, e.person_id, \
    p.name AS person_name, pp.method AS method, CAST(NULL AS TEXT) AS charity, e.description, \
    e.spent_on AS item_date, e.amount_pence, e.status, CAST(0 AS BIGINT) AS counts, e.payment_run_id, e.paid_on, \
    e.payment_reference FROM expense_claims e JOIN people p ON p.id = e.person_id \
    LEFT JOIN payment_preferences pp ON pp.person_id = e.person_id WHERE {claim_where}";

/// Fees and claims as one list, oldest first, each kind's rows chosen by
/// `conditions`.
fn lines_sql(conditions: impl Fn(ItemKind) -> String) -> String {
    format!(
        "{} ORDER BY item_date, item_kind, id",
        LINES_SELECT
            .replace("{fee_where}", &conditions(ItemKind::Fee))
            .replace("{claim_where}", &conditions(ItemKind::Expense))
    )
}

fn line_from(r: &AnyRow) -> Result<PayLine> {
    let kind: String = r.try_get("item_kind")?;
    Ok(PayLine {
        kind: match kind.as_str() {
            "fee" => ItemKind::Fee,
            "expense" => ItemKind::Expense,
            other => return Err(corrupt("item kind", other)),
        },
        id: r.try_get("id")?,
        organisation_id: OrganisationId(r.try_get("organisation_id")?),
        person_id: PersonId(r.try_get("person_id")?),
        person_name: r.try_get("person_name")?,
        method: method_from(r.try_get("method")?)?,
        charity: r.try_get("charity")?,
        description: r.try_get("description")?,
        date: required_date(r, "item_date")?,
        amount: Pence(r.try_get("amount_pence")?),
        status: pay_status(r)?,
        counts_as_earnings: r.try_get::<i64, _>("counts")? != 0,
        payment_run_id: r
            .try_get::<Option<i64>, _>("payment_run_id")?
            .map(PaymentRunId),
        paid_on: date(r.try_get("paid_on")?)?,
        payment_reference: r.try_get("payment_reference")?,
    })
}

const RUN_SELECT: &str = "SELECT r.id, r.organisation_id, r.status, r.item_count, r.total_pence, \
    u.display_name AS created_by_name, r.created_at, r.paid_on, r.reference FROM payment_runs r \
    LEFT JOIN users u ON u.id = r.created_by";

fn run_from(r: &AnyRow) -> Result<RunRecord> {
    let status: String = r.try_get("status")?;
    Ok(RunRecord {
        id: PaymentRunId(r.try_get("id")?),
        organisation_id: OrganisationId(r.try_get("organisation_id")?),
        status: match status.as_str() {
            "sent" => RunStatus::Sent,
            "paid" => RunStatus::Paid,
            other => return Err(corrupt("run status", other)),
        },
        item_count: r.try_get("item_count")?,
        total: Pence(r.try_get("total_pence")?),
        created_by_name: r.try_get("created_by_name")?,
        created_at: r.try_get("created_at")?,
        paid_on: date(r.try_get("paid_on")?)?,
        reference: r.try_get("reference")?,
    })
}

impl Store {
    /// One page of an organisation's fees, newest first. `before` is the
    /// last fee of the previous page.
    pub async fn fees(
        &self,
        organisation: OrganisationId,
        filter: ItemFilter,
        before: Option<FeeId>,
        limit: u32,
    ) -> Result<Vec<FeeRecord>> {
        let sql = page_sql(ItemKind::Fee, FEE_SELECT);
        let rows = bind_filter(&sql, organisation, filter)
            .bind(before.map_or(0, |f| f.0))
            .bind(i64::from(limit))
            .fetch_all(&self.read)
            .await?;
        rows.iter().map(fee_from).collect()
    }

    pub async fn fee(&self, id: FeeId) -> Result<FeeRecord> {
        let row = sqlx::query(&format!("{FEE_SELECT} WHERE f.id = $1"))
            .bind(id.0)
            .fetch_optional(&self.read)
            .await?;
        fee_from(&found(row)?)
    }

    pub async fn fee_adjustments(&self, fee: FeeId) -> Result<Vec<FeeAdjustment>> {
        let rows = sqlx::query(
            "SELECT j.from_pence, j.to_pence, j.reason, u.display_name, j.adjusted_at \
             FROM fee_adjustments j LEFT JOIN users u ON u.id = j.adjusted_by \
             WHERE j.fee_id = $1 ORDER BY j.id",
        )
        .bind(fee.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(FeeAdjustment {
                    from: Pence(r.try_get("from_pence")?),
                    to: Pence(r.try_get("to_pence")?),
                    reason: r.try_get("reason")?,
                    adjusted_by: r.try_get("display_name")?,
                    adjusted_at: r.try_get("adjusted_at")?,
                })
            })
            .collect()
    }

    /// One page of an organisation's expenses claims, newest first.
    pub async fn claims(
        &self,
        organisation: OrganisationId,
        filter: ItemFilter,
        before: Option<ClaimId>,
        limit: u32,
    ) -> Result<Vec<ClaimRecord>> {
        let sql = page_sql(ItemKind::Expense, CLAIM_SELECT);
        let rows = bind_filter(&sql, organisation, filter)
            .bind(before.map_or(0, |c| c.0))
            .bind(i64::from(limit))
            .fetch_all(&self.read)
            .await?;
        rows.iter().map(claim_from).collect()
    }

    pub async fn claim(&self, id: ClaimId) -> Result<ClaimRecord> {
        let row = sqlx::query(&format!("{CLAIM_SELECT} WHERE e.id = $1"))
            .bind(id.0)
            .fetch_optional(&self.read)
            .await?;
        claim_from(&found(row)?)
    }

    /// A receipt's contents.
    pub async fn receipt(&self, id: i64) -> Result<ReceiptFile> {
        let row = sqlx::query(
            "SELECT organisation_id, content_type, file_name, content FROM receipts WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.read)
        .await?;
        let r = found(row)?;
        Ok(ReceiptFile {
            organisation_id: OrganisationId(r.try_get("organisation_id")?),
            content_type: code(
                &r.try_get::<String, _>("content_type")?,
                ReceiptType::parse,
                "receipt type",
            )?,
            file_name: r.try_get("file_name")?,
            content: r.try_get("content")?,
        })
    }

    /// Fees and claims of an organisation as payment lines, oldest first:
    /// all of them with `status`, or those of one person, or one run.
    pub async fn pay_lines(
        &self,
        organisation: OrganisationId,
        filter: ItemFilter,
        run: Option<PaymentRunId>,
    ) -> Result<Vec<PayLine>> {
        let sql = lines_sql(|kind| {
            format!(
                "{} AND ($7 = 0 OR {}.payment_run_id = $7)",
                filter_conditions(kind),
                kind.alias()
            )
        });
        let rows = bind_filter(&sql, organisation, filter)
            .bind(run.map_or(0, |r| r.0))
            .fetch_all(&self.read)
            .await?;
        rows.iter().map(line_from).collect()
    }

    /// Items not yet paid (waiting for approval, approved or in a run)
    /// whose day is on or before `before`, oldest first.
    pub async fn unpaid_lines_before(
        &self,
        organisation: OrganisationId,
        before: Date,
    ) -> Result<Vec<PayLine>> {
        let sql = lines_sql(|kind| {
            let (t, day) = (kind.alias(), kind.day_column());
            format!(
                "{t}.organisation_id = $1 AND {t}.status IN ('submitted', 'approved', 'in_run') \
                 AND {t}.{day} <= $2"
            )
        });
        let rows = sqlx::query(&sql)
            .bind(organisation.0)
            .bind(before.to_iso())
            .fetch_all(&self.read)
            .await?;
        rows.iter().map(line_from).collect()
    }

    /// One page of an organisation's payment runs, newest first.
    pub async fn payment_runs(
        &self,
        organisation: OrganisationId,
        before: Option<PaymentRunId>,
        limit: u32,
    ) -> Result<Vec<RunRecord>> {
        let rows = sqlx::query(&format!(
            "{RUN_SELECT} WHERE r.organisation_id = $1 AND ($2 = 0 OR r.id < $2) ORDER BY r.id DESC LIMIT $3"
        ))
        .bind(organisation.0)
        .bind(before.map_or(0, |r| r.0))
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(run_from).collect()
    }

    pub async fn payment_run(&self, id: PaymentRunId) -> Result<RunRecord> {
        let row = sqlx::query(&format!("{RUN_SELECT} WHERE r.id = $1"))
            .bind(id.0)
            .fetch_optional(&self.read)
            .await?;
        run_from(&found(row)?)
    }

    /// The activities a person was marked as attending, latest first, as
    /// (id, title, start).
    pub async fn attended_activities(
        &self,
        person: PersonId,
    ) -> Result<Vec<(ActivityId, String, i64)>> {
        let rows = sqlx::query(
            "SELECT a.id, a.title, a.starts_at FROM invitations i JOIN activities a ON a.id = i.activity_id \
             WHERE i.person_id = $1 AND i.attendance = 'attended' ORDER BY a.starts_at DESC, a.id DESC LIMIT 50",
        )
        .bind(person.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    ActivityId(r.try_get("id")?),
                    r.try_get("title")?,
                    r.try_get("starts_at")?,
                ))
            })
            .collect()
    }

    /// Counts and totals of an organisation's fees and claims by status, in
    /// one query each, from the `(organisation_id, status, id)` indexes.
    pub async fn pay_tallies(
        &self,
        organisation: OrganisationId,
    ) -> Result<HashMap<(ItemKind, PayStatus), Tally>> {
        let mut tallies = HashMap::new();
        for kind in ItemKind::BOTH {
            let rows = sqlx::query(&format!(
                "SELECT status, COUNT(*) AS n, CAST(COALESCE(SUM(amount_pence), 0) AS BIGINT) AS total \
                 FROM {} WHERE organisation_id = $1 GROUP BY status",
                kind.table()
            ))
            .bind(organisation.0)
            .fetch_all(&self.read)
            .await?;
            for r in rows {
                tallies.insert(
                    (kind, pay_status(&r)?),
                    Tally {
                        count: r.try_get("n")?,
                        total: Pence(r.try_get("total")?),
                    },
                );
            }
        }
        Ok(tallies)
    }
}

impl Tx {
    /// Adds a fee; `None` if the invitation already has one.
    pub async fn insert_fee(
        &mut self,
        fee: &NewFee,
        by: Option<UserId>,
        now: i64,
    ) -> Result<Option<FeeId>> {
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO fees (organisation_id, person_id, activity_id, invitation_id, rate_id, \
             activity_date, minutes, preparation_minutes, worked_out_pence, amount_pence, basis, choice, \
             charity, method, status, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'submitted', $15, $16) \
             ON CONFLICT (invitation_id) DO NOTHING RETURNING id",
        )
        .bind(fee.organisation_id.0)
        .bind(fee.person_id.0)
        .bind(fee.activity_id.0)
        .bind(fee.invitation_id.0)
        .bind(fee.rate_id.0)
        .bind(fee.activity_date.to_iso())
        .bind(fee.minutes)
        .bind(fee.preparation_minutes)
        .bind(fee.worked_out.0)
        .bind(fee.amount.0)
        .bind(&fee.basis)
        .bind(fee.choice.as_str())
        .bind(fee.charity.as_deref())
        .bind(fee.method.map(PayMethod::as_str))
        .bind(by.map(|u| u.0))
        .bind(now)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(id.map(FeeId))
    }

    /// Changes a fee's amount (and choice) while it is not yet in a run.
    /// A change sends an approved fee back for approval. False if the fee
    /// has moved on.
    pub async fn change_fee(
        &mut self,
        id: FeeId,
        amount: Pence,
        choice: &ChoicePlan,
        adjustment: Option<(Pence, &str)>,
        by: UserId,
        now: i64,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE fees SET amount_pence = $1, choice = $2, charity = $3, status = 'submitted', \
             decided_by = NULL, decided_at = NULL, rejection_reason = NULL \
             WHERE id = $4 AND status IN ('submitted', 'approved', 'rejected')",
        )
        .bind(amount.0)
        .bind(choice.choice.as_str())
        .bind(choice.charity.as_deref())
        .bind(id.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        if let Some((from, reason)) = adjustment {
            sqlx::query(
                "INSERT INTO fee_adjustments (fee_id, from_pence, to_pence, reason, adjusted_by, adjusted_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id.0)
            .bind(from.0)
            .bind(amount.0)
            .bind(reason)
            .bind(by.0)
            .bind(now)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        }
        Ok(true)
    }

    /// Approves or rejects a fee or claim waiting for approval. Only one of
    /// any number of people deciding at once succeeds; the rest get false.
    /// An approved fee of £0 has nothing to pay and is settled at once.
    pub async fn decide(
        &mut self,
        (kind, id): (ItemKind, i64),
        approve: bool,
        reason: Option<&str>,
        by: UserId,
        today: Date,
        now: i64,
    ) -> Result<bool> {
        let table = kind.table();
        let sql = format!(
            "UPDATE {table} SET status = CASE WHEN $1 = 0 THEN 'rejected' \
             WHEN amount_pence = 0 THEN 'paid' ELSE 'approved' END, \
             paid_on = CASE WHEN $1 = 1 AND amount_pence = 0 THEN $2 ELSE NULL END, \
             decided_by = $3, decided_at = $4, rejection_reason = $5 \
             WHERE id = $6 AND status = 'submitted'"
        );
        let done = sqlx::query(&sql)
            .bind(i64::from(approve))
            .bind(today.to_iso())
            .bind(by.0)
            .bind(now)
            .bind(reason)
            .bind(id)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn insert_receipt(
        &mut self,
        organisation: OrganisationId,
        content_type: ReceiptType,
        file_name: &str,
        content: &[u8],
        now: i64,
    ) -> Result<i64> {
        let id: i64 = sqlx::query(
            "INSERT INTO receipts (organisation_id, content_type, file_name, size_bytes, content, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(organisation.0)
        .bind(content_type.as_str())
        .bind(file_name)
        .bind(i64::try_from(content.len()).unwrap_or(i64::MAX))
        .bind(content.to_vec())
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?
        .try_get("id")?;
        Ok(id)
    }

    pub async fn insert_claim(&mut self, claim: &NewClaim<'_>, now: i64) -> Result<ClaimId> {
        let id: i64 = sqlx::query(
            "INSERT INTO expense_claims (organisation_id, person_id, activity_id, kind, spent_on, \
             amount_pence, miles_tenths, rate_id, description, receipt_id, declared_at, submitted_via, \
             submitted_by, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'submitted', $11) RETURNING id",
        )
        .bind(claim.organisation_id.0)
        .bind(claim.person_id.0)
        .bind(claim.plan.activity.map(|a| a.0))
        .bind(claim.plan.kind.as_str())
        .bind(claim.plan.date.to_iso())
        .bind(claim.amount.0)
        .bind(claim.plan.miles_tenths)
        .bind(claim.rate_id.map(|r| r.0))
        .bind(&claim.plan.description)
        .bind(claim.receipt_id)
        .bind(now)
        .bind(claim.submitted_via.as_str())
        .bind(claim.submitted_by.map(|u| u.0))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?
        .try_get("id")?;
        Ok(ClaimId(id))
    }

    /// Starts a payment run holding every approved item of the
    /// organisation that is in no run. Each item is claimed by one
    /// conditional update, so two runs started at the same moment never
    /// share an item: on PostgreSQL the second waits for the first's row
    /// locks and then finds the items taken; SQLite has one writer. `None`
    /// when nothing is waiting (the caller then drops the transaction).
    pub async fn create_payment_run(
        &mut self,
        organisation: OrganisationId,
        by: UserId,
        now: i64,
    ) -> Result<Option<RunRecord>> {
        let id: i64 = sqlx::query(
            "INSERT INTO payment_runs (organisation_id, status, created_by, created_at) \
             VALUES ($1, 'sent', $2, $3) RETURNING id",
        )
        .bind(organisation.0)
        .bind(by.0)
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?
        .try_get("id")?;
        for table in ItemKind::BOTH.map(ItemKind::table) {
            sqlx::query(&format!(
                "UPDATE {table} SET status = 'in_run', payment_run_id = $1 \
                 WHERE organisation_id = $2 AND status = 'approved' AND payment_run_id IS NULL"
            ))
            .bind(id)
            .bind(organisation.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        }
        let totals = sqlx::query(
            "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(amount_pence), 0) AS BIGINT) AS total FROM \
             (SELECT amount_pence FROM fees WHERE payment_run_id = $1 \
              UNION ALL SELECT amount_pence FROM expense_claims WHERE payment_run_id = $1) items",
        )
        .bind(id)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        let count: i64 = totals.try_get("n")?;
        let total: i64 = totals.try_get("total")?;
        if count == 0 {
            return Ok(None);
        }
        sqlx::query("UPDATE payment_runs SET item_count = $1, total_pence = $2 WHERE id = $3")
            .bind(count)
            .bind(total)
            .bind(id)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(Some(RunRecord {
            id: PaymentRunId(id),
            organisation_id: organisation,
            status: RunStatus::Sent,
            item_count: count,
            total: Pence(total),
            created_by_name: None,
            created_at: now,
            paid_on: None,
            reference: None,
        }))
    }

    /// Marks one item of a run paid; false if it is not waiting in that
    /// run.
    pub async fn mark_item_paid(
        &mut self,
        run: PaymentRunId,
        kind: ItemKind,
        id: i64,
        paid_on: Date,
        reference: &str,
    ) -> Result<bool> {
        let table = kind.table();
        let done = sqlx::query(&format!(
            "UPDATE {table} SET status = 'paid', paid_on = $1, payment_reference = $2 \
             WHERE id = $3 AND payment_run_id = $4 AND status = 'in_run'"
        ))
        .bind(paid_on.to_iso())
        .bind(reference)
        .bind(id)
        .bind(run.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        Ok(done.rows_affected() == 1)
    }

    /// Marks every item still waiting in a run paid, and the run with it.
    /// Returns how many items were marked; false for a run already paid.
    pub async fn mark_run_paid(
        &mut self,
        run: PaymentRunId,
        paid_on: Date,
        reference: &str,
        by: UserId,
    ) -> Result<Option<u64>> {
        let done = sqlx::query(
            "UPDATE payment_runs SET status = 'paid', paid_on = $1, reference = $2, paid_by = $3 \
             WHERE id = $4 AND status = 'sent'",
        )
        .bind(paid_on.to_iso())
        .bind(reference)
        .bind(by.0)
        .bind(run.0)
        .execute(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        if done.rows_affected() != 1 {
            return Ok(None);
        }
        let mut marked = 0;
        for table in ItemKind::BOTH.map(ItemKind::table) {
            marked += sqlx::query(&format!(
                "UPDATE {table} SET status = 'paid', paid_on = $1, payment_reference = $2 \
                 WHERE payment_run_id = $3 AND status = 'in_run'"
            ))
            .bind(paid_on.to_iso())
            .bind(reference)
            .bind(run.0)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?
            .rows_affected();
        }
        Ok(Some(marked))
    }

    /// Marks a run paid once nothing in it is still waiting; true if it
    /// was.
    pub async fn finish_run_if_done(
        &mut self,
        run: PaymentRunId,
        paid_on: Date,
        reference: &str,
        by: UserId,
    ) -> Result<bool> {
        let waiting: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM fees WHERE payment_run_id = $1 AND status = 'in_run') + \
             (SELECT COUNT(*) FROM expense_claims WHERE payment_run_id = $1 AND status = 'in_run')",
        )
        .bind(run.0)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|e| self.error(e))?;
        if waiting > 0 {
            return Ok(false);
        }
        Ok(self
            .mark_run_paid(run, paid_on, reference, by)
            .await?
            .is_some())
    }
}
