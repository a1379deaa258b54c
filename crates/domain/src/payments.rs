//! Paying people fairly and on time without harming their benefits: dated
//! rates, fees worked out from attendance, expenses claims, each person's
//! choice about their fee, earnings limits they declare, UK tax years and
//! the rules for checking a receipt.

use crate::dates::Date;
use crate::money::Pence;
use crate::project::{Problems, chosen, optional, optional_date, required};
use crate::{ActivityId, Invalid};

code_list!(
    /// How a fee rate is counted.
    RateUnit {
        Hour = "hour": "Per hour",
        HalfDay = "half_day": "Per half day (up to 4 hours)",
        Day = "day": "Per day (up to 8 hours)",
        Session = "session": "A fixed amount for each session",
    }
);

code_list!(
    /// What an expenses claim is for.
    ExpenseKind {
        Mileage = "mileage": "Mileage in your own vehicle",
        PublicTransport = "public_transport": "Bus, train or tram fares",
        Taxi = "taxi": "Taxi",
        CareCover = "care_cover": "Care or support cover",
        Childcare = "childcare": "Childcare",
        Meals = "meals": "Food and drink",
        Other = "other": "Something else",
    }
);

code_list!(
    /// What a person wants done with a fee.
    FeeChoice {
        Take = "take": "Take the full fee",
        Reduced = "reduced": "Take a smaller amount",
        Decline = "decline": "Take no fee",
        Charity = "charity": "Give the fee to a charity",
        Vouchers = "vouchers": "Take vouchers instead of money",
    }
);

code_list!(
    /// How a person is paid.
    PayMethod {
        BankTransfer = "bank_transfer": "Bank transfer",
        Payroll = "payroll": "Through payroll",
        Vouchers = "vouchers": "Vouchers",
    }
);

code_list!(
    /// The period an earnings limit covers.
    LimitPeriod {
        Week = "week": "Each week",
        Month = "month": "Each calendar month",
        TaxYear = "tax_year": "Each tax year",
    }
);

code_list!(
    /// Where a fee or an expenses claim is, from submitted to paid.
    PayStatus {
        Submitted = "submitted": "Waiting for approval",
        Approved = "approved": "Approved, waiting for a payment run",
        Rejected = "rejected": "Rejected",
        InRun = "in_run": "In a payment run",
        Paid = "paid": "Paid",
    }
);

code_list!(
    /// The kind of file a receipt is.
    ReceiptType {
        Pdf = "application/pdf": "PDF",
        Png = "image/png": "PNG picture",
        Jpeg = "image/jpeg": "JPEG picture",
    }
);

impl FeeChoice {
    /// Whether money paid under this choice counts as the person's
    /// earnings. A fee given straight to a charity, or not taken, does not.
    pub fn counts_as_earnings(self) -> bool {
        matches!(self, Self::Take | Self::Reduced | Self::Vouchers)
    }
}

impl ReceiptType {
    /// The file name ending to serve the receipt with.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Png => "png",
            Self::Jpeg => "jpg",
        }
    }
}

/// The biggest receipt we keep: phone photos are well under this.
pub const RECEIPT_MAX_BYTES: usize = 5 * 1024 * 1024;

/// Checks that a receipt is a whole PDF, PNG or JPEG file that is not too
/// big, by its contents rather than its name.
pub fn check_receipt(bytes: &[u8]) -> Result<ReceiptType, Invalid> {
    if bytes.is_empty() {
        return Err(Invalid::new("The receipt file is empty"));
    }
    if bytes.len() > RECEIPT_MAX_BYTES {
        return Err(Invalid::new("The receipt must be smaller than 5 MB"));
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let ends_with = |needle: &[u8]| tail.windows(needle.len()).any(|w| w == needle);
    let kind = if bytes.starts_with(b"%PDF-") {
        ends_with(b"%%EOF").then_some(ReceiptType::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ends_with(b"IEND").then_some(ReceiptType::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ends_with(&[0xFF, 0xD9]).then_some(ReceiptType::Jpeg)
    } else {
        return Err(Invalid::new(
            "The receipt must be a PDF or a photo (JPEG or PNG)",
        ));
    };
    kind.ok_or_else(|| {
        Invalid::new("The receipt file is damaged or incomplete. Try saving or scanning it again")
    })
}

/// What a rate pays for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RateFor {
    /// A fee for a role, such as "interview panel member".
    Fee {
        role: String,
        unit: RateUnit,
        /// Whether preparation time is paid on top (hourly, half day and
        /// day rates only: a session fee already covers it).
        pays_preparation: bool,
    },
    /// An expense: for mileage the amount is per mile; for anything else
    /// it is the most paid for one claim.
    Expense { kind: ExpenseKind },
}

/// A rate as the organisation sets it, in force between two dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatePlan {
    pub what: RateFor,
    pub amount: Pence,
    pub from: Date,
    /// The last day the rate is in force, or `None` until another replaces
    /// it.
    pub to: Option<Date>,
    /// Whether this is an example the organisation should replace (the
    /// demo's rates are).
    pub example: bool,
}

impl RatePlan {
    pub fn in_force_on(&self, date: Date) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }

    /// The words for the amount, such as "£25.00 an hour" or "45p a mile".
    pub fn amount_words(&self) -> String {
        match &self.what {
            RateFor::Fee { unit, .. } => match unit {
                RateUnit::Hour => format!("{} an hour", self.amount),
                RateUnit::HalfDay => format!("{} a half day", self.amount),
                RateUnit::Day => format!("{} a day", self.amount),
                RateUnit::Session => format!("{} a session", self.amount),
            },
            RateFor::Expense {
                kind: ExpenseKind::Mileage,
            } => format!("{} a mile", self.amount),
            RateFor::Expense { .. } => format!("up to {} a claim", self.amount),
        }
    }

    /// The role or expense it is for, in words.
    pub fn for_words(&self) -> String {
        match &self.what {
            RateFor::Fee { role, .. } => role.clone(),
            RateFor::Expense { kind } => kind.label().to_owned(),
        }
    }
}

/// A rate's answers as typed.
#[derive(Debug, Clone, Default)]
pub struct RateInput<'a> {
    /// `fee` or `expense`.
    pub category: &'a str,
    pub role: &'a str,
    pub unit: &'a str,
    pub pays_preparation: bool,
    pub expense_kind: &'a str,
    pub amount: &'a str,
    pub from: &'a str,
    pub to: &'a str,
}

impl RatePlan {
    pub fn parse(input: &RateInput<'_>) -> Result<RatePlan, Problems> {
        let mut problems = Problems::new();
        let what = match input.category.trim() {
            "fee" => {
                let role = required(
                    input.role,
                    120,
                    "The role",
                    "Enter the role this rate is for, such as interview panel member",
                    "role",
                    &mut problems,
                );
                let unit = chosen(
                    input.unit,
                    RateUnit::parse,
                    "Choose how the rate is counted",
                    "unit",
                    &mut problems,
                );
                if unit == Some(RateUnit::Session) && input.pays_preparation {
                    problems.push((
                        "pays_preparation",
                        "A fixed session fee already covers preparation. Untick preparation, or choose another way of counting".into(),
                    ));
                }
                role.zip(unit).map(|(role, unit)| RateFor::Fee {
                    role,
                    unit,
                    pays_preparation: input.pays_preparation,
                })
            }
            "expense" => chosen(
                input.expense_kind,
                ExpenseKind::parse,
                "Choose which expense this rate is for",
                "expense_kind",
                &mut problems,
            )
            .map(|kind| RateFor::Expense { kind }),
            _ => {
                problems.push((
                    "category",
                    "Choose whether this is a fee or an expenses rate".into(),
                ));
                None
            }
        };
        let amount = match Pence::parse_pounds(input.amount, "the amount") {
            Ok(amount) if amount.0 == 0 => {
                problems.push(("amount", "The amount must be more than £0".into()));
                None
            }
            Ok(amount) => Some(amount),
            Err(e) => {
                problems.push(("amount", e.message));
                None
            }
        };
        let from = if input.from.trim().is_empty() {
            problems.push(("from", "Enter the date the rate starts".into()));
            None
        } else {
            optional_date(input.from, "from", &mut problems)
        };
        let to = optional_date(input.to, "to", &mut problems);
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            problems.push((
                "to",
                "The last day must be the same as or after the start date".into(),
            ));
        }
        match (what, amount, from) {
            (Some(what), Some(amount), Some(from)) if problems.is_empty() => Ok(RatePlan {
                what,
                amount,
                from,
                to,
                example: false,
            }),
            _ => Err(problems),
        }
    }
}

/// Rounds `amount × numerator / denominator` to the nearest penny, halves
/// up.
fn share(amount: Pence, numerator: i64, denominator: i64) -> Pence {
    Pence((amount.0 * numerator * 2 + denominator) / (denominator * 2))
}

/// A fee worked out from a rate and the time recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeWorking {
    pub amount: Pence,
    /// How it was worked out, in words, kept with the fee.
    pub basis: String,
}

fn duration_words(minutes: u32) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    let hours_words = match hours {
        0 => String::new(),
        1 => "1 hour".to_owned(),
        n => format!("{n} hours"),
    };
    match (hours, rest) {
        (_, 0) if hours > 0 => hours_words,
        (0, m) => format!("{m} minutes"),
        (_, m) => format!("{hours_words} {m} minutes"),
    }
}

/// The fee for `minutes` of time taking part and `preparation` minutes of
/// preparation at a fee rate. Half days count every started 4 hours, days
/// every started 8 hours, and a session fee is fixed.
pub fn work_out_fee(
    amount: Pence,
    unit: RateUnit,
    pays_preparation: bool,
    minutes: u32,
    preparation: u32,
) -> FeeWorking {
    let preparation = if pays_preparation && unit != RateUnit::Session {
        preparation
    } else {
        0
    };
    let paid_minutes = minutes + preparation;
    let with_preparation = if preparation > 0 {
        format!(
            " ({} taking part and {} preparing)",
            duration_words(minutes),
            duration_words(preparation)
        )
    } else {
        String::new()
    };
    let blocks = |size: u32| paid_minutes.div_ceil(size).max(1);
    match unit {
        RateUnit::Hour => FeeWorking {
            amount: share(amount, i64::from(paid_minutes), 60),
            basis: format!(
                "{} at {amount} an hour{with_preparation}",
                duration_words(paid_minutes)
            ),
        },
        RateUnit::HalfDay => {
            let n = blocks(240);
            FeeWorking {
                amount: Pence(amount.0 * i64::from(n)),
                basis: format!(
                    "{n} half {} at {amount} each{with_preparation}",
                    if n == 1 { "day" } else { "days" }
                ),
            }
        }
        RateUnit::Day => {
            let n = blocks(480);
            FeeWorking {
                amount: Pence(amount.0 * i64::from(n)),
                basis: format!(
                    "{n} {} at {amount} each{with_preparation}",
                    if n == 1 { "day" } else { "days" }
                ),
            }
        }
        RateUnit::Session => FeeWorking {
            amount,
            basis: format!("A session fee of {amount}"),
        },
    }
}

/// The amount paid out under a person's choice.
pub fn payable(worked_out: Pence, choice: FeeChoice, reduced: Option<Pence>) -> Pence {
    match choice {
        FeeChoice::Take | FeeChoice::Charity | FeeChoice::Vouchers => worked_out,
        FeeChoice::Reduced => reduced.map_or(worked_out, |r| r.min(worked_out)),
        FeeChoice::Decline => Pence(0),
    }
}

/// A person's choice about a fee, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoicePlan {
    pub choice: FeeChoice,
    pub reduced: Option<Pence>,
    pub charity: Option<String>,
}

impl ChoicePlan {
    pub fn parse(choice: &str, reduced: &str, charity: &str) -> Result<ChoicePlan, Problems> {
        let mut problems = Problems::new();
        let choice = chosen(
            choice,
            FeeChoice::parse,
            "Choose what they want to do with the fee",
            "choice",
            &mut problems,
        );
        let reduced = match choice {
            Some(FeeChoice::Reduced) => match Pence::parse_pounds(reduced, "the smaller amount") {
                Ok(amount) => Some(amount),
                Err(e) => {
                    problems.push(("reduced", e.message));
                    None
                }
            },
            _ => None,
        };
        let charity = match choice {
            Some(FeeChoice::Charity) => required(
                charity,
                200,
                "The charity's name",
                "Enter the name of the charity",
                "charity",
                &mut problems,
            ),
            _ => None,
        };
        match choice {
            Some(choice) if problems.is_empty() => Ok(ChoicePlan {
                choice,
                reduced,
                charity,
            }),
            _ => Err(problems),
        }
    }

    pub fn take() -> ChoicePlan {
        ChoicePlan {
            choice: FeeChoice::Take,
            reduced: None,
            charity: None,
        }
    }

    /// In words, such as "Give the fee to a charity: Mind".
    pub fn words(&self) -> String {
        match (&self.choice, &self.reduced, &self.charity) {
            (FeeChoice::Reduced, Some(amount), _) => format!("Take a smaller amount: {amount}"),
            (FeeChoice::Charity, _, Some(charity)) => {
                format!("Give the fee to a charity: {charity}")
            }
            (choice, _, _) => choice.label().to_owned(),
        }
    }
}

/// An earnings limit a person has told us about, such as the weekly limit
/// for permitted work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitPlan {
    pub label: String,
    pub amount: Pence,
    pub period: LimitPeriod,
}

impl LimitPlan {
    pub fn parse(label: &str, amount: &str, period: &str) -> Result<LimitPlan, Problems> {
        let mut problems = Problems::new();
        let label = required(
            label,
            120,
            "What the limit is",
            "Enter what the limit is, such as permitted work or Carer's Allowance",
            "label",
            &mut problems,
        );
        let amount = match Pence::parse_pounds(amount, "the limit") {
            Ok(amount) if amount.0 == 0 => {
                problems.push(("amount", "The limit must be more than £0".into()));
                None
            }
            Ok(amount) => Some(amount),
            Err(e) => {
                problems.push(("amount", e.message));
                None
            }
        };
        let period = chosen(
            period,
            LimitPeriod::parse,
            "Choose the period the limit covers",
            "period",
            &mut problems,
        );
        match (label, amount, period) {
            (Some(label), Some(amount), Some(period)) if problems.is_empty() => Ok(LimitPlan {
                label,
                amount,
                period,
            }),
            _ => Err(problems),
        }
    }
}

/// The UK tax year a date falls in, named by the year it starts: 6 April
/// 2025 to 5 April 2026 is 2025.
pub fn tax_year_of(date: Date) -> i32 {
    if (date.month(), date.day()) >= (4, 6) {
        date.year()
    } else {
        date.year() - 1
    }
}

/// The first and last days of a tax year.
pub fn tax_year_bounds(year: i32) -> Option<(Date, Date)> {
    Some((Date::new(year, 4, 6)?, Date::new(year + 1, 4, 5)?))
}

/// "2025 to 2026".
pub fn tax_year_words(year: i32) -> String {
    format!("{year} to {}", year + 1)
}

/// The Monday that starts a date's week.
pub fn week_start(date: Date) -> Date {
    let days = date.days_since_1970();
    // 1 January 1970 was a Thursday: three days after a Monday.
    let monday = days - (days + 3).rem_euclid(7);
    Date::from_days_since_1970(monday).unwrap_or(date)
}

/// The first and last days of the period of `period` that holds `date`.
pub fn period_bounds(period: LimitPeriod, date: Date) -> (Date, Date) {
    let day = |d: i64| Date::from_days_since_1970(d).unwrap_or(date);
    match period {
        LimitPeriod::Week => {
            let monday = week_start(date);
            (monday, day(monday.days_since_1970() + 6))
        }
        LimitPeriod::Month => {
            let first = Date::new(date.year(), date.month(), 1).unwrap_or(date);
            let next = if date.month() == 12 {
                Date::new(date.year() + 1, 1, 1)
            } else {
                Date::new(date.year(), date.month() + 1, 1)
            };
            (first, next.map_or(date, |n| day(n.days_since_1970() - 1)))
        }
        LimitPeriod::TaxYear => tax_year_bounds(tax_year_of(date)).unwrap_or((date, date)),
    }
}

/// The words for the period holding `date`: "the week starting 6 April
/// 2026", "April 2026", "the 2025 to 2026 tax year".
pub fn period_words(period: LimitPeriod, date: Date) -> String {
    match period {
        LimitPeriod::Week => format!("the week starting {}", week_start(date)),
        LimitPeriod::Month => format!("{} {}", date.month_name(), date.year()),
        LimitPeriod::TaxYear => format!("the {} tax year", tax_year_words(tax_year_of(date))),
    }
}

/// What a new earning would do to one of a person's limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitCheck {
    pub label: String,
    pub limit: Pence,
    pub period: LimitPeriod,
    /// Such as "the week starting 6 April 2026".
    pub period_words: String,
    /// Earnings already counted in that period.
    pub counted: Pence,
    /// How much more they can earn in the period before passing the limit
    /// (never below £0).
    pub headroom: Pence,
    /// The new amount being checked.
    pub adding: Pence,
    pub would_pass: bool,
}

/// Checks `adding` on `date` against each limit, given the person's
/// earnings so far as (date, amount) pairs.
pub fn check_limits(
    limits: &[LimitPlan],
    earnings: &[(Date, Pence)],
    date: Date,
    adding: Pence,
) -> Vec<LimitCheck> {
    limits
        .iter()
        .map(|limit| {
            let (first, last) = period_bounds(limit.period, date);
            let counted = Pence(
                earnings
                    .iter()
                    .filter(|(d, _)| first <= *d && *d <= last)
                    .map(|(_, amount)| amount.0)
                    .sum(),
            );
            let headroom = Pence((limit.amount.0 - counted.0).max(0));
            LimitCheck {
                label: limit.label.clone(),
                limit: limit.amount,
                period: limit.period,
                period_words: period_words(limit.period, date),
                counted,
                headroom,
                adding,
                would_pass: counted.0 + adding.0 > limit.amount.0,
            }
        })
        .collect()
}

/// A person's fee totals for each week, month and tax year, from
/// (date, amount) pairs of earnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// (Monday, total), latest first.
    pub weeks: Vec<(Date, Pence)>,
    /// (first of the month, total), latest first.
    pub months: Vec<(Date, Pence)>,
    /// (tax year, total), latest first.
    pub tax_years: Vec<(i32, Pence)>,
}

pub fn totals(earnings: &[(Date, Pence)]) -> Totals {
    use std::collections::BTreeMap;
    let mut weeks: BTreeMap<Date, i64> = BTreeMap::new();
    let mut months: BTreeMap<Date, i64> = BTreeMap::new();
    let mut years: BTreeMap<i32, i64> = BTreeMap::new();
    for (date, amount) in earnings {
        *weeks.entry(week_start(*date)).or_default() += amount.0;
        *months
            .entry(period_bounds(LimitPeriod::Month, *date).0)
            .or_default() += amount.0;
        *years.entry(tax_year_of(*date)).or_default() += amount.0;
    }
    Totals {
        weeks: weeks
            .into_iter()
            .rev()
            .map(|(d, p)| (d, Pence(p)))
            .collect(),
        months: months
            .into_iter()
            .rev()
            .map(|(d, p)| (d, Pence(p)))
            .collect(),
        tax_years: years
            .into_iter()
            .rev()
            .map(|(y, p)| (y, Pence(p)))
            .collect(),
    }
}

/// An expenses claim as typed, by the person or by staff for them.
#[derive(Debug, Clone, Default)]
pub struct ClaimInput<'a> {
    pub kind: &'a str,
    /// The day the money was spent, or the journey made.
    pub date: &'a str,
    /// An activity id, or empty.
    pub activity: &'a str,
    pub amount: &'a str,
    /// Miles travelled, for mileage.
    pub miles: &'a str,
    pub description: &'a str,
    pub declaration: bool,
}

/// A checked expenses claim. For mileage the amount is worked out from the
/// miles and the rate in force on the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimPlan {
    pub kind: ExpenseKind,
    pub date: Date,
    pub activity: Option<ActivityId>,
    /// The amount typed, for anything but mileage.
    pub amount: Option<Pence>,
    /// Tenths of a mile, for mileage.
    pub miles_tenths: Option<i64>,
    pub description: String,
}

/// Reads miles as typed: `12`, `12.5`.
pub fn parse_miles(input: &str) -> Result<i64, Invalid> {
    let text = input.trim().trim_end_matches("miles").trim();
    if text.is_empty() {
        return Err(Invalid::new("Enter how many miles the journey was"));
    }
    let (whole, tenth) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if text.starts_with('-') {
        return Err(Invalid::new("Miles must be more than 0"));
    }
    if !digits(whole) || !digits(tenth) || tenth.len() > 1 || whole.len() > 5 {
        return Err(Invalid::new(
            "Enter miles as a number, like 12 or 12.5, up to 99,999",
        ));
    }
    let tenths = whole.parse::<i64>().unwrap_or(0) * 10 + tenth.parse::<i64>().unwrap_or(0);
    if tenths == 0 {
        return Err(Invalid::new("Miles must be more than 0"));
    }
    Ok(tenths)
}

/// Mileage: tenths of a mile at a rate per mile, to the nearest penny.
pub fn mileage_amount(rate_per_mile: Pence, miles_tenths: i64) -> Pence {
    share(rate_per_mile, miles_tenths, 10)
}

/// "12.5 miles".
pub fn miles_words(tenths: i64) -> String {
    if tenths % 10 == 0 {
        format!("{} miles", tenths / 10)
    } else {
        format!("{}.{} miles", tenths / 10, tenths % 10)
    }
}

impl ClaimPlan {
    /// Checks a claim made on `today`.
    pub fn parse(input: &ClaimInput<'_>, today: Date) -> Result<ClaimPlan, Problems> {
        let mut problems = Problems::new();
        let kind = chosen(
            input.kind,
            ExpenseKind::parse,
            "Choose what the claim is for",
            "kind",
            &mut problems,
        );
        let date = if input.date.trim().is_empty() {
            problems.push((
                "date",
                "Enter the date the money was spent, or the day of the journey".into(),
            ));
            None
        } else {
            optional_date(input.date, "date", &mut problems)
        };
        if let Some(date) = date
            && date > today
        {
            problems.push((
                "date",
                "The date must be today or in the past: claim after the money is spent".into(),
            ));
        }
        let activity = match input.activity.trim() {
            "" => None,
            value => match value.parse::<i64>() {
                Ok(id) if id > 0 => Some(ActivityId(id)),
                _ => {
                    problems.push(("activity", "Choose an activity from the list".into()));
                    None
                }
            },
        };
        let (amount, miles_tenths) = if kind == Some(ExpenseKind::Mileage) {
            match parse_miles(input.miles) {
                Ok(tenths) => (None, Some(tenths)),
                Err(e) => {
                    problems.push(("miles", e.message));
                    (None, None)
                }
            }
        } else {
            match Pence::parse_pounds(input.amount, "the amount") {
                Ok(amount) if amount.0 == 0 => {
                    problems.push(("amount", "The amount must be more than £0".into()));
                    (None, None)
                }
                Ok(amount) => (Some(amount), None),
                Err(e) => {
                    problems.push(("amount", e.message));
                    (None, None)
                }
            }
        };
        let description = required(
            input.description,
            1_000,
            "What the money was for",
            "Say what the money was for, such as the bus from Ashby to the town hall and back",
            "description",
            &mut problems,
        );
        if !input.declaration {
            problems.push((
                "declaration",
                "Confirm that the claim is true and not claimed anywhere else".into(),
            ));
        }
        match (kind, date, description) {
            (Some(kind), Some(date), Some(description)) if problems.is_empty() => Ok(ClaimPlan {
                kind,
                date,
                activity,
                amount,
                miles_tenths,
                description,
            }),
            _ => Err(problems),
        }
    }
}

/// Reads a free text that may be left out (such as a payment reference).
pub fn optional_text(
    value: &str,
    max: usize,
    what: &str,
    field: &'static str,
    problems: &mut Problems,
) -> Option<String> {
    optional(value, max, what, field, problems)
}

/// Reads a reason that must be given (for an adjustment or a rejection).
pub fn reason(value: &str, missing: &str, problems: &mut Problems) -> Option<String> {
    required(value, 1_000, "The reason", missing, "reason", problems)
}

/// The middle of a list of numbers (the mean of the two middle ones for an
/// even count, rounded down), or `None` for an empty list.
pub fn median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2
    } else {
        values[mid]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::new(y, m, d).expect("a real date")
    }

    #[test]
    fn tax_years_turn_on_6_april() {
        assert_eq!(tax_year_of(date(2026, 4, 5)), 2025);
        assert_eq!(tax_year_of(date(2026, 4, 6)), 2026);
        assert_eq!(tax_year_of(date(2026, 1, 1)), 2025);
        assert_eq!(
            tax_year_bounds(2025),
            Some((date(2025, 4, 6), date(2026, 4, 5)))
        );
        let totals = totals(&[
            (date(2026, 4, 5), Pence(1_000)),
            (date(2026, 4, 6), Pence(2_000)),
            (date(2026, 4, 7), Pence(500)),
        ]);
        assert_eq!(
            totals.tax_years,
            vec![(2026, Pence(2_500)), (2025, Pence(1_000))]
        );
    }

    #[test]
    fn weeks_start_on_monday_and_months_end_on_their_last_day() {
        // 1 December 2026 is a Tuesday.
        assert_eq!(week_start(date(2026, 12, 1)), date(2026, 11, 30));
        assert_eq!(week_start(date(2026, 11, 30)), date(2026, 11, 30));
        assert_eq!(week_start(date(2026, 12, 6)), date(2026, 11, 30));
        assert_eq!(
            period_bounds(LimitPeriod::Month, date(2028, 2, 10)),
            (date(2028, 2, 1), date(2028, 2, 29))
        );
        assert_eq!(
            period_bounds(LimitPeriod::Month, date(2026, 12, 31)),
            (date(2026, 12, 1), date(2026, 12, 31))
        );
    }

    #[test]
    fn fees_follow_the_unit_and_preparation() {
        let hourly = work_out_fee(Pence(2_000), RateUnit::Hour, true, 150, 60);
        assert_eq!(hourly.amount, Pence(7_000));
        assert_eq!(
            hourly.basis,
            "3 hours 30 minutes at £20.00 an hour (2 hours 30 minutes taking part and 1 hour preparing)"
        );
        assert_eq!(
            work_out_fee(Pence(2_000), RateUnit::Hour, false, 150, 60).amount,
            Pence(5_000)
        );
        // A third of an hour at £25 rounds to the nearest penny.
        assert_eq!(
            work_out_fee(Pence(2_500), RateUnit::Hour, false, 20, 0).amount,
            Pence(833)
        );
        assert_eq!(
            work_out_fee(Pence(6_000), RateUnit::HalfDay, false, 241, 0).amount,
            Pence(12_000)
        );
        assert_eq!(
            work_out_fee(Pence(6_000), RateUnit::HalfDay, false, 0, 0).amount,
            Pence(6_000)
        );
        assert_eq!(
            work_out_fee(Pence(10_000), RateUnit::Day, true, 420, 90).amount,
            Pence(20_000)
        );
        assert_eq!(
            work_out_fee(Pence(3_000), RateUnit::Session, true, 500, 60).amount,
            Pence(3_000)
        );
    }

    #[test]
    fn choices_change_what_is_paid_and_what_counts() {
        assert_eq!(
            payable(Pence(5_000), FeeChoice::Reduced, Some(Pence(1_000))),
            Pence(1_000)
        );
        assert_eq!(
            payable(Pence(500), FeeChoice::Reduced, Some(Pence(1_000))),
            Pence(500)
        );
        assert_eq!(payable(Pence(5_000), FeeChoice::Decline, None), Pence(0));
        assert!(!FeeChoice::Charity.counts_as_earnings());
        assert!(FeeChoice::Vouchers.counts_as_earnings());
    }

    #[test]
    fn limits_report_headroom_in_the_period_of_the_new_earning() {
        let limits = [LimitPlan {
            label: "Permitted work".into(),
            amount: Pence(20_000),
            period: LimitPeriod::Week,
        }];
        let earnings = [
            (date(2026, 11, 30), Pence(12_000)),
            (date(2026, 11, 29), Pence(9_000)),
        ];
        let checks = check_limits(&limits, &earnings, date(2026, 12, 2), Pence(9_000));
        assert_eq!(checks[0].counted, Pence(12_000));
        assert_eq!(checks[0].headroom, Pence(8_000));
        assert!(checks[0].would_pass);
        let checks = check_limits(&limits, &earnings, date(2026, 12, 2), Pence(8_000));
        assert!(!checks[0].would_pass);
    }

    #[test]
    fn receipts_are_checked_by_their_contents() {
        assert_eq!(
            check_receipt(b"%PDF-1.4\n1 0 obj\n%%EOF\n"),
            Ok(ReceiptType::Pdf)
        );
        assert!(check_receipt(b"%PDF-1.4\n1 0 obj\n").is_err());
        assert!(check_receipt(b"hello").is_err());
        assert!(check_receipt(b"").is_err());
        let big = vec![0u8; RECEIPT_MAX_BYTES + 1];
        assert!(
            check_receipt(&big)
                .expect_err("refused")
                .message
                .contains("5 MB")
        );
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0];
        jpeg.extend_from_slice(&[0, 1, 2, 0xFF, 0xD9]);
        assert_eq!(check_receipt(&jpeg), Ok(ReceiptType::Jpeg));
    }

    #[test]
    fn claims_refuse_future_dates_negative_amounts_and_no_declaration() {
        let today = date(2026, 12, 1);
        let input = ClaimInput {
            kind: "taxi",
            date: "2/12/2026",
            amount: "-5",
            description: "",
            declaration: false,
            ..ClaimInput::default()
        };
        let problems = ClaimPlan::parse(&input, today).expect_err("refused");
        let fields: Vec<_> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["date", "amount", "description", "declaration"]);
        let good = ClaimInput {
            kind: "mileage",
            date: "1/12/2026",
            miles: "12.5",
            description: "To the town hall and back",
            declaration: true,
            ..ClaimInput::default()
        };
        let plan = ClaimPlan::parse(&good, today).expect("accepted");
        assert_eq!(plan.miles_tenths, Some(125));
        assert_eq!(mileage_amount(Pence(45), 125), Pence(563));
    }

    #[test]
    fn a_median_takes_the_middle() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [9, 1, 5]), Some(5));
        assert_eq!(median(&mut [4, 1, 3, 10]), Some(3));
    }
}
