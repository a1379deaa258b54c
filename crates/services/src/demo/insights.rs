//! The demo's insights library and "you said, we did": what the four
//! organisations learned from people over the last three years, what they
//! did about it, and a few "has this already been asked?" checks.
//!
//! Thirty themes (in `insights_data.rs`) are told again for other places
//! and times, each time with other findings, voices, sources and numbers,
//! so that any number of distinct insights can be made: the demo people
//! try has 120 and the bench several hundred. The first round keeps each
//! theme's own title, so the small demo used by tests holds titles people
//! can look for, such as "Getting to day services by bus".
//!
//! Everything is worked out first by pure functions (a test checks the
//! whole demo without a database), then goes through the same parsers as
//! the forms and is written in the demo's transaction, oldest first.

use std::collections::HashMap;

use coproduce_domain::activity::{ActivityType, london};
use coproduce_domain::dates::Date;
use coproduce_domain::insights::{
    ActionStatus, AskedCheck, InsightInput, InsightPlan, SaidInput, SaidPlan, Visibility,
    check_status,
};
use coproduce_domain::project::Problems;
use coproduce_domain::{InsightId, OrganisationId, PersonId, ProjectId, Role, UserId};
use coproduce_store::{CheckSubject, Tx};

use super::activities::Seeded;
use crate::{Result, ServiceError};

#[path = "insights_data.rs"]
mod data;

const DAY: i64 = 24 * 60 * 60;

/// Things happen at ten in the morning.
const TEN_AM: i64 = 10 * 60 * 60;

/// One thing the partnership learned, as first written down.
pub(super) struct Theme {
    title: &'static str,
    summary: &'static str,
    /// Five things people said; each telling uses three of them.
    findings: [&'static str; 5],
    quotes: [&'static str; 2],
    /// What people asked for.
    asks: &'static str,
    topics: &'static [&'static str],
    /// Service area codes.
    areas: &'static [&'static str],
    /// Organisations that heard it, in turn: the first tells it first.
    orgs: &'static [&'static str],
    /// Ladder method codes, in turn.
    methods: &'static [&'static str],
    /// The locality of the first telling, or empty for the whole county.
    home: &'static str,
    /// What the first telling came from.
    link: Link,
}

/// Where a theme's first telling came from: always something of the
/// theme's first organisation.
pub(super) enum Link {
    None,
    /// A demo project: its place in the demo's table of projects, and how
    /// many days ago people said it.
    Project {
        position: i64,
        days: i64,
    },
    /// The organisation's first past demo activity of this kind.
    Activity {
        kind: &'static str,
    },
}

/// A "you said, we did" entry of the demo.
pub(super) struct SaidSeed {
    /// The theme (an index of `THEMES`) whose insight it came from.
    theme: usize,
    statement: &'static str,
    label: &'static str,
    action: &'static str,
    owner: &'static str,
    /// The statuses it went through, each in days after the insight was
    /// added to the library.
    steps: &'static [(&'static str, i64)],
    /// Why it was not possible, when it ends there.
    reason: &'static str,
    /// Days from today it is due, while it is planned or in progress.
    due: i64,
    published: bool,
}

/// A "has this already been asked?" check on a demo project.
pub(super) struct CheckSeed {
    /// The project's place in the demo's table of projects.
    position: i64,
    /// The project's organisation.
    org: &'static str,
    decision: &'static str,
    note: &'static str,
    /// The topics searched.
    topics: &'static [&'static str],
    /// How many matches were shown.
    shown: u32,
    days: i64,
}

/// The localities a theme is told again in (not "outside Northshire").
const PLACES: [(&str, &str); 7] = [
    ("ashby-vale", "Ashby Vale"),
    ("brindlemoor", "Brindlemoor"),
    ("castleford-north", "Castleford North"),
    ("dunmere", "Dunmere"),
    ("eastholme", "Eastholme"),
    ("fernley-coast", "Fernley Coast"),
    ("greyhaven", "Greyhaven"),
];

/// Who may see each insight, in turn: two in ten stay inside their
/// organisation, five are shared with the partnership, three are public.
const VISIBILITY: [Visibility; 10] = [
    Visibility::Partnership,
    Visibility::Public,
    Visibility::Partnership,
    Visibility::Organisation,
    Visibility::Public,
    Visibility::Partnership,
    Visibility::Partnership,
    Visibility::Public,
    Visibility::Partnership,
    Visibility::Organisation,
];

/// Where an insight came from, before ids are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// A project, by its place in the demo's table.
    Project(i64),
    /// An activity of this kind.
    Activity(&'static str),
    Survey(&'static str),
    Report(&'static str),
    Other(&'static str),
}

/// One insight, worked out without the database.
#[derive(Debug, Clone)]
struct Draft {
    theme: usize,
    org: &'static str,
    title: String,
    summary: String,
    findings: String,
    source: Source,
    method: &'static str,
    rung: &'static str,
    /// Days ago it happened; an activity's own day replaces it.
    days_ago: i64,
    people: u32,
    /// A locality slug, or empty for the whole county.
    place: &'static str,
    consent: bool,
    visibility: Visibility,
}

/// A number from 0 to `below` that looks random but is always the same
/// for the same `index` and `salt`.
fn spread(index: usize, salt: u64, below: usize) -> usize {
    let mut x = (index as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt;
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 29;
    usize::try_from(x % below.max(1) as u64).unwrap_or(0)
}

/// How many days after it happened an insight was added to the library.
fn added_after(index: usize) -> i64 {
    3 + spread(index, 3, 20) as i64
}

/// The `index`th insight of the demo: theme `index % 30`, told for the
/// `index / 30`th time.
fn draft(index: usize) -> Draft {
    let themes = &data::THEMES;
    let theme_index = index % themes.len();
    let round = index / themes.len();
    let theme = &themes[theme_index];
    let org = theme.orgs[round % theme.orgs.len()];
    let (place, title, summary) = if round == 0 {
        (theme.home, theme.title.to_owned(), theme.summary.to_owned())
    } else {
        let (slug, name) = PLACES[(theme_index + round - 1) % PLACES.len()];
        let title = match (round - 1) / PLACES.len() {
            0 => format!("{}: {name}", theme.title),
            1 => format!("{}: {name}, follow-up", theme.title),
            n => format!("{}: {name}, follow-up {n}", theme.title),
        };
        let summary = format!("{} We heard this in {name}.", theme.summary);
        (slug, title, summary)
    };
    let source = source_of(theme, org, index, round);
    let people = match source {
        Source::Survey(_) => 60 + spread(index, 1, 340),
        Source::Report(_) => 25 + spread(index, 1, 200),
        Source::Activity(_) => 5 + spread(index, 1, 10),
        Source::Project(_) => 8 + spread(index, 1, 30),
        Source::Other(_) => 12 + spread(index, 1, 60),
    };
    let people = u32::try_from(people).unwrap_or(1);
    let method = match source {
        Source::Survey(_) => "consultation",
        _ => theme.methods[round % theme.methods.len()],
    };
    let rung = match method {
        "information" => "informing",
        "consultation" | "stakeholder_engagement" => "consultation",
        "co_production" if round % 2 == 1 => "co_design",
        "co_production" => "co_production",
        _ => "engagement",
    };
    let days_ago = match (&theme.link, round) {
        (Link::Project { days, .. }, 0) => *days,
        _ => 10 + spread(index, 2, 1_080) as i64,
    };
    let visibility = VISIBILITY[(theme_index + 3 * round) % VISIBILITY.len()];
    Draft {
        theme: theme_index,
        org,
        title,
        summary,
        findings: findings(theme, round, source, people, place),
        source,
        method,
        rung,
        days_ago,
        people,
        place,
        consent: visibility == Visibility::Public || index % 3 != 1,
        visibility,
    }
}

/// Where a telling came from: the theme's own project or activity the
/// first time, then surveys, partners' reports and other places in turn.
fn source_of(theme: &Theme, org: &str, index: usize, round: usize) -> Source {
    match (&theme.link, round) {
        (Link::Project { position, .. }, 0) => return Source::Project(*position),
        (Link::Activity { kind }, 0) => return Source::Activity(kind),
        _ => {}
    }
    let surveys = data::SURVEYS
        .iter()
        .find(|(o, _)| *o == org)
        .map_or(&[][..], |(_, s)| *s);
    match (
        (index + round) % 5,
        surveys.get((index / 5) % surveys.len().max(1)),
    ) {
        (0 | 1, Some(survey)) => Source::Survey(survey),
        (0..=3, _) => Source::Report(data::REPORTS[(index / 3) % data::REPORTS.len()]),
        _ => Source::Other(data::OTHER[(index / 5) % data::OTHER.len()]),
    }
}

/// The findings of one telling: who took part, three things they said,
/// one voice, and what they asked for.
fn findings(theme: &Theme, round: usize, source: Source, people: u32, place: &str) -> String {
    let whereabouts = PLACES.iter().find(|(slug, _)| *slug == place).map_or_else(
        || "across Northshire".to_owned(),
        |(_, n)| format!("in {n}"),
    );
    let opening = match source {
        Source::Project(_) => format!(
            "{people} people {whereabouts} took part in meetings and workshops for this project."
        ),
        Source::Activity(_) => format!("{people} people {whereabouts} took part on the day."),
        Source::Survey(name) => format!("{people} people {whereabouts} answered the {name}."),
        Source::Report(name) => {
            format!("The {name} brings together what {people} people {whereabouts} said.")
        }
        Source::Other(name) => format!("{name}: we heard from {people} people {whereabouts}."),
    };
    let start = (round * 2) % theme.findings.len();
    let said: Vec<&str> = (0..3)
        .map(|n| theme.findings[(start + n) % theme.findings.len()])
        .collect();
    let quote = theme.quotes[round % theme.quotes.len()];
    format!(
        "{opening}\n\n{}\n\nOne person said: \u{201c}{quote}\u{201d}\n\n{}",
        said.join(" "),
        theme.asks
    )
}

/// The insight a "you said, we did" entry points at: a public telling of
/// its theme if there is one, otherwise a shared one (or, for an entry
/// that stays unpublished, the first telling). Returns the draft's index
/// and whether the entry may be published: never when its insight is
/// seen only inside its organisation.
fn said_insight(drafts: &[Draft], seed: &SaidSeed) -> Option<(usize, bool)> {
    let tellings = || {
        drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| d.theme == seed.theme)
    };
    let public = tellings().find(|(_, d)| d.visibility == Visibility::Public);
    let shared = tellings().find(|(_, d)| d.visibility == Visibility::Partnership);
    let chosen = if seed.published {
        public.or(shared).or_else(|| tellings().next())
    } else {
        tellings().next()
    };
    chosen.map(|(index, d)| {
        (
            index,
            seed.published && d.visibility != Visibility::Organisation,
        )
    })
}

fn problems(what: &str, problems: &Problems) -> ServiceError {
    let text: Vec<String> = problems.iter().map(|(f, m)| format!("{f}: {m}")).collect();
    ServiceError::Internal(format!("demo {what} is not valid: {}", text.join("; ")))
}

fn day_of(seconds: i64) -> Result<Date> {
    london(seconds)
        .map(|(d, _, _)| d)
        .ok_or_else(|| ServiceError::Internal("demo date out of range".into()))
}

/// Ten in the morning `days` days before `now`.
fn days_before(now: i64, days: i64) -> Result<i64> {
    Ok(day_of(now - days * DAY)?.days_since_1970() * DAY + TEN_AM)
}

/// The demo partnership's ids and people, as the other demo steps made
/// them.
pub(super) struct Partnership<'a> {
    /// (slug, id, name) of each organisation.
    pub organisations: &'a [(&'a str, OrganisationId, &'a str)],
    /// (organisation, user, role) of each member of staff.
    pub staff: &'a [(OrganisationId, UserId, Role)],
    /// Active people of the council's register.
    pub people: &'a [PersonId],
    pub activities: &'a [Seeded],
    /// The demo's projects, in the order of the table in
    /// `projects_data.rs`.
    pub projects: &'a [ProjectId],
}

impl Partnership<'_> {
    fn organisation(&self, slug: &str) -> Result<OrganisationId> {
        self.organisations
            .iter()
            .find(|(s, _, _)| *s == slug)
            .map(|(_, id, _)| *id)
            .ok_or_else(|| ServiceError::Internal(format!("demo organisation {slug} missing")))
    }

    /// Staff who may add insights, taking turns.
    fn writer(&self, organisation: OrganisationId, turn: usize) -> Option<UserId> {
        let writers: Vec<UserId> = self
            .staff
            .iter()
            .filter(|(org, _, role)| {
                *org == organisation
                    && matches!(
                        role,
                        Role::Admin | Role::Lead | Role::Officer | Role::Partner
                    )
            })
            .map(|(_, user, _)| *user)
            .collect();
        (!writers.is_empty()).then(|| writers[turn % writers.len()])
    }
}

impl Partnership<'_> {
    /// The project at this place (from 1) of the table in
    /// `projects_data.rs`.
    fn project(&self, position: i64) -> Result<ProjectId> {
        usize::try_from(position - 1)
            .ok()
            .and_then(|i| self.projects.get(i).copied())
            .ok_or_else(|| ServiceError::Internal(format!("demo project {position} missing")))
    }
}

/// Adds `count` insights, about a third as many "you said, we did"
/// entries (at most thirty), and the "already asked" checks.
pub(super) async fn seed(
    tx: &mut Tx,
    partnership: &Partnership<'_>,
    count: usize,
    now: i64,
) -> Result<()> {
    let topics: Vec<String> = super::TOPICS.iter().map(|(s, _)| (*s).to_owned()).collect();
    let drafts: Vec<Draft> = (0..count).map(draft).collect();
    let added = seed_insights(tx, partnership, &drafts, &topics, now).await?;
    seed_said(tx, partnership, &drafts, &added, &topics, now).await?;
    seed_checks(tx, partnership, &topics, now).await
}

/// Writes the insights, oldest first; returns each draft's id and the
/// time it was added.
async fn seed_insights(
    tx: &mut Tx,
    partnership: &Partnership<'_>,
    drafts: &[Draft],
    topics: &[String],
    now: i64,
) -> Result<HashMap<usize, (InsightId, i64)>> {
    let localities: Vec<String> = super::LOCALITIES
        .iter()
        .map(|(s, _)| (*s).to_owned())
        .collect();
    let today = day_of(now)?;
    let mut planned = Vec::new();
    for (index, draft) in drafts.iter().enumerate() {
        let organisation = partnership.organisation(draft.org)?;
        let (plan, happened_at) = plan_insight(
            draft,
            organisation,
            partnership,
            topics,
            &localities,
            today,
            now,
        )?;
        let added_at = (happened_at + added_after(index) * DAY).min(now - 3_600);
        let by = partnership.writer(organisation, index);
        planned.push((added_at, index, organisation, plan, by));
    }
    planned.sort_by_key(|(at, index, ..)| (*at, *index));
    let mut added = HashMap::new();
    for (at, index, organisation, plan, by) in planned {
        let id = tx.insert_insight(organisation, &plan, by, at).await?;
        added.insert(index, (id, at));
    }
    Ok(added)
}

/// Checks a draft with the form's parser; returns the plan and when it
/// happened.
fn plan_insight(
    draft: &Draft,
    organisation: OrganisationId,
    partnership: &Partnership<'_>,
    topics: &[String],
    localities: &[String],
    today: Date,
    now: i64,
) -> Result<(InsightPlan, i64)> {
    let theme = &data::THEMES[draft.theme];
    let mut source = draft.source;
    let mut activity = None;
    let mut happened_at = days_before(now, draft.days_ago)?;
    if let Source::Activity(kind) = source {
        let kind = ActivityType::parse(kind);
        let found = partnership
            .activities
            .iter()
            .find(|a| a.organisation == organisation && Some(a.kind) == kind && a.starts_at < now);
        match found {
            Some(a) => {
                activity = Some(a.id);
                happened_at = a.starts_at;
            }
            None => source = Source::Other("Notes kept by the organiser"),
        }
    }
    let (kind, detail, project) = match source {
        Source::Project(position) => ("project", "", Some(partnership.project(position)?)),
        Source::Activity(_) => ("activity", "", None),
        Source::Survey(name) => ("survey", name, None),
        Source::Report(name) => ("partner_report", name, None),
        Source::Other(name) => ("other", name, None),
    };
    let list = |values: &[&str]| values.iter().map(|v| (*v).to_owned()).collect::<Vec<_>>();
    let chosen_topics = list(theme.topics);
    let areas = list(theme.areas);
    let places = if draft.place.is_empty() {
        Vec::new()
    } else {
        vec![draft.place.to_owned()]
    };
    let people = draft.people.to_string();
    let happened_on = day_of(happened_at)?.to_iso();
    let plan = InsightPlan::parse(
        &InsightInput {
            title: &draft.title,
            summary: &draft.summary,
            findings: &draft.findings,
            source: kind,
            source_detail: detail,
            project,
            activity,
            method: draft.method,
            rung: draft.rung,
            happened_on: &happened_on,
            people_count: &people,
            topics: &chosen_topics,
            service_areas: &areas,
            localities: &places,
            consent_to_reuse: draft.consent,
            visibility: draft.visibility.as_str(),
        },
        topics,
        localities,
        today,
    )
    .map_err(|p| problems(&format!("insight {:?}", draft.title), &p))?;
    Ok((plan, happened_at))
}

/// One "you said, we did" entry, checked, with its timeline.
struct SaidPlanned {
    organisation: OrganisationId,
    plan: SaidPlan,
    /// Each status after the first, with when it changed.
    later: Vec<(ActionStatus, i64)>,
    /// Why the action turned out not possible.
    reason: Option<String>,
    created_at: i64,
    listeners: Vec<PersonId>,
    by: Option<UserId>,
}

/// Writes the entries, oldest first, each moving through its statuses.
/// Nobody is emailed: the demo sends nothing.
async fn seed_said(
    tx: &mut Tx,
    partnership: &Partnership<'_>,
    drafts: &[Draft],
    added: &HashMap<usize, (InsightId, i64)>,
    topics: &[String],
    now: i64,
) -> Result<()> {
    let council = partnership.organisation(super::ORGANISATIONS[0].0)?;
    let wanted = (drafts.len() / 3).min(data::SAID.len());
    let mut planned = Vec::new();
    for (turn, seed) in data::SAID.iter().take(wanted).enumerate() {
        let Some((index, published)) = said_insight(drafts, seed) else {
            continue;
        };
        let Some(&(insight, insight_at)) = added.get(&index) else {
            continue;
        };
        let organisation = partnership.organisation(drafts[index].org)?;
        let listeners = if organisation == council {
            listeners(partnership.people, turn)
        } else {
            Vec::new()
        };
        let by = partnership.writer(organisation, turn);
        planned.push(plan_said(
            seed,
            organisation,
            insight,
            insight_at,
            published,
            listeners,
            by,
            topics,
            now,
        )?);
    }
    planned.sort_by_key(|p| p.created_at);
    for entry in planned {
        let id = tx
            .insert_said(
                entry.organisation,
                &entry.plan,
                &entry.listeners,
                entry.by,
                entry.created_at,
            )
            .await?;
        let mut from = entry.plan.status;
        for (to, at) in entry.later {
            let reason = entry
                .reason
                .as_deref()
                .filter(|_| to == ActionStatus::NotPossible);
            let changed = tx
                .change_said_status(id, from, to, reason, 0, entry.by, at)
                .await?;
            if !changed {
                return Err(ServiceError::Internal(format!(
                    "demo entry {id} did not move from {from:?} to {to:?}"
                )));
            }
            from = to;
        }
    }
    Ok(())
}

/// Two or three people from the register who said it and want to hear
/// what happened.
fn listeners(people: &[PersonId], turn: usize) -> Vec<PersonId> {
    let mut chosen: Vec<PersonId> = (0..2 + turn % 2)
        .filter_map(|n| people.get((turn * 3 + n) % people.len().max(1)).copied())
        .collect();
    chosen.sort();
    chosen.dedup();
    chosen
}

#[allow(clippy::too_many_arguments)]
fn plan_said(
    seed: &SaidSeed,
    organisation: OrganisationId,
    insight: InsightId,
    insight_at: i64,
    published: bool,
    listeners: Vec<PersonId>,
    by: Option<UserId>,
    topics: &[String],
    now: i64,
) -> Result<SaidPlanned> {
    let what = format!("entry {:?}", seed.statement);
    // An entry about a recent insight moves faster: its steps shrink to
    // fit between the insight and yesterday, keeping their order.
    let span = seed.steps.last().map_or(0, |(_, days)| *days).max(1) * DAY;
    let room = (now - DAY - insight_at).max(0);
    let mut steps = Vec::new();
    let mut previous = insight_at;
    for (status, days) in seed.steps {
        let status = ActionStatus::parse(status)
            .ok_or_else(|| ServiceError::Internal(format!("demo {what}: status {status:?}")))?;
        let after = i128::from(days * DAY) * i128::from(span.min(room)) / i128::from(span);
        let at = (insight_at + i64::try_from(after).unwrap_or(0)).max(previous + 60);
        steps.push((status, at));
        previous = at;
    }
    let (Some(&(first, created_at)), Some(&(last, last_at))) = (steps.first(), steps.last()) else {
        return Err(ServiceError::Internal(format!("demo {what} has no status")));
    };
    let due_on = match last {
        ActionStatus::Planned | ActionStatus::InProgress => day_of(now + seed.due * DAY)?.to_iso(),
        ActionStatus::Done => day_of(last_at)?.to_iso(),
        ActionStatus::NotPossible => String::new(),
    };
    let theme = &data::THEMES[seed.theme];
    let chosen_topics: Vec<String> = theme.topics.iter().map(|t| (*t).to_owned()).collect();
    let plan = SaidPlan::parse(
        &SaidInput {
            statement: seed.statement,
            theme: seed.label,
            insight: Some(insight),
            activity: None,
            topics: &chosen_topics,
            action: seed.action,
            owner: seed.owner,
            due_on: &due_on,
            status: first.as_str(),
            reason: "",
            published,
        },
        topics,
    )
    .map_err(|p| problems(&what, &p))?;
    // The reason is given when the action turns out not possible, and
    // goes through the same check as the form's.
    let mut refused = Problems::new();
    let (_, reason) = check_status(last.as_str(), seed.reason, &mut refused);
    if !refused.is_empty() {
        return Err(problems(&what, &refused));
    }
    Ok(SaidPlanned {
        organisation,
        later: steps.into_iter().skip(1).collect(),
        reason,
        plan,
        created_at,
        listeners,
        by,
    })
}

async fn seed_checks(
    tx: &mut Tx,
    partnership: &Partnership<'_>,
    topics: &[String],
    now: i64,
) -> Result<()> {
    for (turn, seed) in data::CHECKS.iter().enumerate() {
        let organisation = partnership.organisation(seed.org)?;
        let searched: Vec<String> = seed.topics.iter().map(|t| (*t).to_owned()).collect();
        let check = AskedCheck::parse(seed.decision, seed.note, &searched, topics, seed.shown)
            .map_err(|p| problems("check", &p))?;
        tx.insert_asked_check(
            organisation,
            CheckSubject::Project(partnership.project(seed.position)?),
            &check,
            partnership.writer(organisation, turn),
            days_before(now, seed.days)?,
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use coproduce_domain::plain_english;

    use super::*;

    fn drafts(count: usize) -> Vec<Draft> {
        (0..count).map(draft).collect()
    }

    fn topics() -> Vec<String> {
        super::super::TOPICS
            .iter()
            .map(|(s, _)| (*s).to_owned())
            .collect()
    }

    #[test]
    fn every_insight_is_distinct_and_valid() {
        let localities: Vec<String> = super::super::LOCALITIES
            .iter()
            .map(|(s, _)| (*s).to_owned())
            .collect();
        let today = Date::new(2026, 6, 1).expect("a date");
        let all = drafts(1_000);
        let mut titles = HashSet::new();
        let mut texts = HashSet::new();
        for d in &all {
            assert!(titles.insert(d.title.clone()), "{} twice", d.title);
            assert!(
                texts.insert((d.summary.clone(), d.findings.clone())),
                "{} repeats another",
                d.title
            );
            assert!((1..=1_095).contains(&d.days_ago), "{}", d.title);
            let theme = &data::THEMES[d.theme];
            let list = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
            let people = d.people.to_string();
            let places = list(&[d.place]);
            let plan = InsightPlan::parse(
                &InsightInput {
                    title: &d.title,
                    summary: &d.summary,
                    findings: &d.findings,
                    source: "survey",
                    method: d.method,
                    rung: d.rung,
                    happened_on: "2025-01-01",
                    people_count: &people,
                    topics: &list(theme.topics),
                    service_areas: &list(theme.areas),
                    localities: &places,
                    consent_to_reuse: d.consent,
                    visibility: d.visibility.as_str(),
                    ..InsightInput::default()
                },
                &topics(),
                &localities,
                today,
            );
            if let Err(p) = plan {
                panic!("{}: {p:?}", d.title);
            }
        }
    }

    #[test]
    fn the_demo_covers_the_partnership_and_shares_the_right_amount() {
        let all = drafts(120);
        let count = |v: Visibility| all.iter().filter(|d| d.visibility == v).count();
        assert_eq!(count(Visibility::Organisation), 24);
        assert_eq!(count(Visibility::Partnership), 60);
        assert_eq!(count(Visibility::Public), 36);
        for (slug, _, _) in super::super::ORGANISATIONS {
            let theirs = all.iter().filter(|d| d.org == slug).count();
            assert!(theirs >= 12, "{slug} has {theirs}");
        }
        for (topic, _) in super::super::TOPICS {
            assert!(
                all.iter()
                    .any(|d| data::THEMES[d.theme].topics.contains(&topic)),
                "{topic}"
            );
        }
        let linked = all
            .iter()
            .filter(|d| matches!(d.source, Source::Project(_) | Source::Activity(_)))
            .count();
        assert!(linked >= 12, "{linked} linked");
        assert!(all.iter().any(|d| matches!(d.source, Source::Survey(_))));
        assert!(all.iter().any(|d| matches!(d.source, Source::Report(_))));
        // The titles that tests and people look for are in the small demo.
        let small = drafts(24);
        let bus = small
            .iter()
            .find(|d| d.title == "Getting to day services by bus")
            .expect("the bus insight");
        assert_eq!(bus.visibility, Visibility::Partnership);
        assert!(data::THEMES[bus.theme].topics.contains(&"transport"));
        assert!(
            small.iter().any(
                |d| d.title.starts_with("Carers' breaks") && d.visibility == Visibility::Public
            )
        );
    }

    /// The demo's projects by organisation, by their place in the table
    /// of `projects_data.rs`.
    const PROJECTS: [(&str, std::ops::RangeInclusive<i64>); 4] = [
        ("northshire-council", 1..=17),
        ("northshire-nhs", 18..=23),
        ("brightwater-care", 24..=28),
        ("northshire-carers", 29..=32),
    ];

    fn owner_of(position: i64) -> Option<&'static str> {
        PROJECTS
            .iter()
            .find(|(_, range)| range.contains(&position))
            .map(|(org, _)| *org)
    }

    #[test]
    fn links_and_checks_name_real_things() {
        let known = topics();
        for theme in &data::THEMES {
            match theme.link {
                Link::Project { position, days } => {
                    assert_eq!(owner_of(position), Some(theme.orgs[0]), "{}", theme.title);
                    assert!((1..=1_095).contains(&days), "{}", theme.title);
                }
                Link::Activity { kind } => {
                    assert!(ActivityType::parse(kind).is_some(), "{kind}");
                }
                Link::None => {}
            }
        }
        for check in &data::CHECKS {
            assert_eq!(owner_of(check.position), Some(check.org));
            let searched: Vec<String> = check.topics.iter().map(|t| (*t).to_owned()).collect();
            AskedCheck::parse(check.decision, check.note, &searched, &known, check.shown)
                .expect("a valid check");
        }
    }

    #[test]
    fn entries_go_through_every_status_and_publish_only_shared_insights() {
        let known = topics();
        for count in [24, 120] {
            let all = drafts(count);
            let wanted = (count / 3).min(data::SAID.len());
            let mut published = 0;
            let mut last = HashSet::new();
            for seed in data::SAID.iter().take(wanted) {
                let (index, publish) = said_insight(&all, seed).expect("an insight");
                assert_eq!(all[index].theme, seed.theme);
                if publish {
                    published += 1;
                    assert_ne!(all[index].visibility, Visibility::Organisation);
                }
                let now = 1_800_000_000;
                // An insight from years ago, and one from three days ago.
                for insight_at in [now - 900 * DAY, now - 3 * DAY] {
                    let plan = plan_said(
                        seed,
                        OrganisationId(1),
                        InsightId(1),
                        insight_at,
                        publish,
                        Vec::new(),
                        None,
                        &known,
                        now,
                    )
                    .expect("a valid entry");
                    let status = plan.later.last().map_or(plan.plan.status, |(s, _)| *s);
                    last.insert(status);
                    assert_eq!(plan.plan.reason, None, "no reason while planned");
                    assert_eq!(
                        plan.reason.is_some(),
                        status == ActionStatus::NotPossible,
                        "{}",
                        seed.statement
                    );
                    assert!(plan.created_at >= insight_at);
                    let mut at = plan.created_at;
                    for (_, changed) in &plan.later {
                        assert!(*changed > at && *changed < now, "{}", seed.statement);
                        at = *changed;
                    }
                }
            }
            assert_eq!(last.len(), 4, "every status in a demo of {count}");
            assert!(published * 4 >= wanted * 3, "{published} of {wanted}");
        }
    }

    #[test]
    fn the_first_insight_is_one_the_bench_can_read() {
        // The bench reads insight 1 as the council's administrator.
        for count in [24, 120, 300] {
            let all = drafts(count);
            let first = all
                .iter()
                .enumerate()
                .filter(|(_, d)| !matches!(d.source, Source::Activity(_)))
                .min_by_key(|(i, d)| (added_after(*i) - d.days_ago, *i))
                .map(|(_, d)| d)
                .expect("an insight");
            assert!(
                first.org == "northshire-council" || first.visibility != Visibility::Organisation,
                "{}",
                first.title
            );
        }
    }

    #[test]
    fn summaries_and_entries_follow_the_plain_english_advice() {
        let written = data::THEMES
            .iter()
            .flat_map(|t| t.findings.into_iter().chain([t.summary, t.asks]))
            .chain(
                data::SAID
                    .iter()
                    .flat_map(|s| [s.statement, s.action, s.reason]),
            )
            .map(str::to_owned);
        // Every telling's summary, and its findings up to the voice of the
        // person quoted, which stays in their own words.
        let told = drafts(120).into_iter().flat_map(|d| {
            let findings = d.findings.split("\n\nOne person said").next();
            [d.summary.clone(), findings.unwrap_or_default().to_owned()]
        });
        let advice: Vec<String> = written
            .chain(told)
            .filter_map(|text| {
                let report = plain_english::check(&text);
                (!report.passes()).then(|| format!("{text}: {:?}", report.findings))
            })
            .collect();
        assert!(advice.is_empty(), "{advice:#?}");
    }

    #[test]
    fn demo_words_leave_the_test_suites_searches_alone() {
        // The black-box tests search for these words over a fresh demo
        // and count what they find.
        for d in drafts(300) {
            let text = format!("{} {} {}", d.title, d.summary, d.findings).to_lowercase();
            for word in ["minibus", "quintessential", "warden", "zyxwv"] {
                assert!(!text.contains(word), "{word} in {}", d.title);
            }
        }
    }
}
