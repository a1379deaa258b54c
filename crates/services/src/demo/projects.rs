//! The demo's projects: about thirty pieces of work across the four
//! organisations of the partnership, at every rung of the ladder, with the
//! decision log around them.
//!
//! The projects are a fixed table (in `projects_data.rs`), so every demo
//! holds the same ones. Each row goes through the same parsers as the
//! forms, so a project below co-design says why it is not co-produced, and
//! a closed one says what it reached. Times are counted in days before
//! `now`, and each project's steps are written in the order they happened.

use std::collections::HashMap;

use coproduce_domain::dates::Date;
use coproduce_domain::ladder::Stage;
use coproduce_domain::project::{
    About, AboutInput, Agreement, Closing, DecisionInput, FitCheck, LadderInput, LadderPlan,
    MemberRole, NewDecision, Problems, ProjectStatus, StagePlan,
};
use coproduce_domain::{Action, OrganisationId, PersonId, ProjectId, Role, UserId};
use coproduce_store::{NewProject, RungKind, Tx};

use crate::{Result, ServiceError};

#[path = "projects_data.rs"]
mod data;

const DAY: i64 = 24 * 60 * 60;

/// Things happen at ten in the morning.
const TEN_AM: i64 = 10 * 60 * 60;

/// One project of the demo, as a member of staff would type it. Times are
/// days before today; a negative number is a day still to come.
struct Seed {
    /// The organisation's slug.
    org: &'static str,
    title: &'static str,
    summary: &'static str,
    area: &'static str,
    level: &'static str,
    methods: &'static [&'static str],
    created: i64,
    starts: i64,
    ends: i64,
    /// Pounds set aside to pay people, or empty.
    budget: &'static str,
    ladder: Ladder,
    /// The first plan, when the planned rung changed once since.
    earlier: Option<Earlier>,
    fit: Option<Fit>,
    /// Idea, design, delivery and review: "yes" or "no", and how.
    stages: Option<[(&'static str, &'static str); 4]>,
    groups: &'static str,
    agreements: &'static [AgreementSeed],
    /// The roles of people from the register, for council projects.
    members: &'static [&'static str],
    status: &'static str,
    closing: Option<ClosingSeed>,
    published: bool,
}

/// Where a project sits on the ladder and why.
struct Ladder {
    rung: &'static str,
    reason: &'static str,
    /// Required below co-design.
    why_not: Option<WhyNot>,
}

/// Why a project below co-design is not co-produced.
struct WhyNot {
    category: &'static str,
    explanation: &'static str,
    decided_by: &'static str,
    instead: &'static str,
}

/// A project's first plan, replaced by its [`Seed::ladder`] `changed` days
/// ago.
struct Earlier {
    ladder: Ladder,
    changed: i64,
}

/// The answers to "is co-production right here?".
struct Fit {
    power: &'static str,
    time: &'static str,
    money: &'static str,
    access: &'static str,
    notes: &'static str,
}

/// One version of a working agreement, agreed `on` days ago.
struct AgreementSeed {
    how: &'static str,
    success: &'static str,
    agreed_by: &'static str,
    on: i64,
}

/// How a project ended, `on` days ago.
struct ClosingSeed {
    achieved: &'static str,
    reflection: &'static str,
    on: i64,
}

/// An entry of the decision log, made `on` days ago.
struct DecisionSeed {
    org: &'static str,
    on: i64,
    title: &'static str,
    forum: &'static str,
    /// "yes" or "no".
    considered: &'static str,
    involvement: &'static str,
    /// The title of the project it belongs to, or empty.
    project: &'static str,
}

/// A row of the table, checked by the domain's parsers.
struct Planned {
    about: About,
    /// The plan the project was created with.
    first: LadderPlan,
    /// The plan it has now, when it changed, and when.
    change: Option<(LadderPlan, i64)>,
    fit: Option<FitCheck>,
    stages: Option<Vec<StagePlan>>,
    groups: Option<&'static str>,
    agreements: Vec<(Agreement, i64)>,
    roles: Vec<MemberRole>,
    status: ProjectStatus,
    closing: Option<(Closing, i64)>,
}

/// One write to a project, in the order they happened.
enum Step<'a> {
    Fit(&'a FitCheck),
    Stages(&'a [StagePlan], Option<&'a str>),
    Member(PersonId, MemberRole),
    Agreement(&'a Agreement),
    Ladder(&'a LadderPlan),
    Active,
    Publish,
    Close(&'a Closing),
}

/// Adds the demo's projects and decision log. `organisations` are
/// (slug, id, name) and `staff` are (organisation, user, role); `people`
/// are the active people of the council's register, who join council
/// projects in turn.
pub(super) async fn seed(
    tx: &mut Tx,
    organisations: &[(&str, OrganisationId, &str)],
    staff: &[(OrganisationId, UserId, Role)],
    people: &[PersonId],
    now: i64,
) -> Result<Vec<ProjectId>> {
    let mut ids = HashMap::new();
    let mut in_order = Vec::new();
    let mut next_person = 0;
    for (index, seed) in data::PROJECTS.iter().enumerate() {
        let organisation = organisation(organisations, seed.org)?;
        let managers = managers(staff, organisation);
        let lead = (!managers.is_empty()).then(|| managers[index % managers.len()]);
        let planned = plan(seed, now).map_err(|p| problems(seed.title, &p))?;
        let members = members(&planned.roles, people, &mut next_person);
        let id = tx
            .insert_project(
                NewProject {
                    organisation,
                    about: &planned.about,
                    lead,
                    ladder: &planned.first,
                    created_by: lead,
                },
                at(now, seed.created),
            )
            .await?;
        for (time, step) in steps(seed, &planned, &members, now) {
            write_step(tx, id, &planned, step, lead, time).await?;
        }
        ids.insert(seed.title, (organisation, id));
        in_order.push(id);
    }
    seed_decisions(tx, organisations, staff, &ids, now).await?;
    Ok(in_order)
}

/// Checks a row with the same parsers the forms use.
fn plan(seed: &Seed, now: i64) -> std::result::Result<Planned, Problems> {
    let methods: Vec<String> = seed.methods.iter().map(|m| (*m).to_owned()).collect();
    let about = About::parse(&AboutInput {
        title: seed.title,
        summary: seed.summary,
        service_area: seed.area,
        level: seed.level,
        methods: &methods,
        starts_on: &date(now, seed.starts)?.to_numeric(),
        ends_on: &date(now, seed.ends)?.to_numeric(),
        budget: seed.budget,
    })?;
    let current = ladder(&seed.ladder)?;
    let (first, change) = match &seed.earlier {
        Some(earlier) => (ladder(&earlier.ladder)?, Some((current, earlier.changed))),
        None => (current, None),
    };
    let fit = seed
        .fit
        .as_ref()
        .map(|f| FitCheck::parse(f.power, f.time, f.money, f.access, f.notes))
        .transpose()?;
    let stages = seed
        .stages
        .map(|answers| {
            Stage::ALL
                .iter()
                .zip(answers)
                .map(|(stage, (involved, how))| StagePlan::parse(*stage, involved, how))
                .collect::<std::result::Result<Vec<_>, _>>()
        })
        .transpose()?;
    let mut agreements = Vec::new();
    for a in seed.agreements {
        let on = date(now, a.on)?.to_numeric();
        agreements.push((Agreement::parse(a.how, a.success, a.agreed_by, &on)?, a.on));
    }
    let closing = seed
        .closing
        .as_ref()
        .map(|c| Closing::parse(c.achieved, c.reflection).map(|closing| (closing, c.on)))
        .transpose()?;
    Ok(Planned {
        about,
        first,
        change,
        fit,
        stages,
        groups: Some(seed.groups).filter(|g| !g.is_empty()),
        agreements,
        roles: codes(seed.members, MemberRole::parse, "members")?,
        status: codes(&[seed.status], ProjectStatus::parse, "status")?[0],
        closing,
    })
}

fn ladder(ladder: &Ladder) -> std::result::Result<LadderPlan, Problems> {
    let why = ladder.why_not.as_ref();
    LadderPlan::parse(&LadderInput {
        planned_rung: ladder.rung,
        rung_reason: ladder.reason,
        category: why.map_or("", |w| w.category),
        explanation: why.map_or("", |w| w.explanation),
        decided_by: why.map_or("", |w| w.decided_by),
        instead: why.map_or("", |w| w.instead),
    })
}

/// Reads codes of a closed list, all or nothing.
fn codes<T>(
    values: &[&str],
    parse: fn(&str) -> Option<T>,
    field: &'static str,
) -> std::result::Result<Vec<T>, Problems> {
    values
        .iter()
        .map(|v| parse(v).ok_or_else(|| vec![(field, format!("unknown code {v:?}"))]))
        .collect()
}

/// The writes after a project is created, oldest first. Steps on the same
/// day keep the order they are listed in.
fn steps<'a>(
    seed: &Seed,
    planned: &'a Planned,
    members: &[(PersonId, MemberRole)],
    now: i64,
) -> Vec<(i64, Step<'a>)> {
    let soon = |days: i64| at(now, (seed.created - days).max(1));
    let mut steps = Vec::new();
    if let Some(fit) = &planned.fit {
        steps.push((soon(2), Step::Fit(fit)));
    }
    if let Some(stages) = &planned.stages {
        steps.push((soon(4), Step::Stages(stages, planned.groups)));
    }
    for (person, role) in members {
        steps.push((soon(6), Step::Member(*person, *role)));
    }
    for (agreement, on) in &planned.agreements {
        steps.push((at(now, *on), Step::Agreement(agreement)));
    }
    if let Some((ladder, on)) = &planned.change {
        steps.push((at(now, *on), Step::Ladder(ladder)));
    }
    if planned.status != ProjectStatus::Planning {
        steps.push((at(now, seed.starts.clamp(1, seed.created)), Step::Active));
    }
    if seed.published {
        steps.push((soon(8), Step::Publish));
    }
    if let Some((closing, on)) = &planned.closing {
        steps.push((at(now, *on), Step::Close(closing)));
    }
    steps.sort_by_key(|(time, _)| *time);
    steps
}

async fn write_step(
    tx: &mut Tx,
    id: ProjectId,
    planned: &Planned,
    step: Step<'_>,
    by: Option<UserId>,
    time: i64,
) -> Result<()> {
    match step {
        Step::Fit(fit) => tx.set_project_fit(id, fit, time).await?,
        Step::Stages(stages, groups) => tx.set_project_stages(id, stages, groups, time).await?,
        Step::Member(person, role) => tx.set_project_member(id, person, role, time).await?,
        Step::Agreement(agreement) => {
            tx.add_project_agreement(id, agreement, by, time).await?;
        }
        Step::Ladder(ladder) => {
            tx.update_project_ladder(id, ladder, time).await?;
            let (from, to) = (planned.first.planned(), ladder.planned());
            tx.add_rung_change(
                id,
                RungKind::Planned,
                Some(from),
                to,
                ladder.reason(),
                by,
                time,
            )
            .await?;
        }
        Step::Active => {
            tx.set_project_status(id, ProjectStatus::Active, time)
                .await?
        }
        Step::Publish => tx.set_project_published(id, true, time).await?,
        Step::Close(closing) => {
            tx.close_project(id, closing, time).await?;
            let planned_rung = planned.change.as_ref().map_or(&planned.first, |c| &c.0);
            let from = Some(planned_rung.planned());
            let reflection = &closing.reflection;
            tx.add_rung_change(
                id,
                RungKind::Achieved,
                from,
                closing.achieved,
                reflection,
                by,
                time,
            )
            .await?;
        }
    }
    Ok(())
}

/// People from the register for a project's roles, taken in turn so that
/// everyone has a share. Nobody holds two roles on one project: a small
/// register gives fewer members.
fn members(
    roles: &[MemberRole],
    people: &[PersonId],
    next: &mut usize,
) -> Vec<(PersonId, MemberRole)> {
    let mut members: Vec<(PersonId, MemberRole)> = Vec::new();
    if people.is_empty() {
        return members;
    }
    for role in roles {
        let person = people[*next % people.len()];
        *next += 1;
        if members.iter().all(|(p, _)| *p != person) {
            members.push((person, *role));
        }
    }
    members
}

async fn seed_decisions(
    tx: &mut Tx,
    organisations: &[(&str, OrganisationId, &str)],
    staff: &[(OrganisationId, UserId, Role)],
    projects: &HashMap<&str, (OrganisationId, ProjectId)>,
    now: i64,
) -> Result<()> {
    for seed in &data::DECISIONS {
        let organisation = organisation(organisations, seed.org)?;
        let project = match seed.project {
            "" => None,
            title => match projects.get(title) {
                Some((owner, id)) if *owner == organisation => Some(*id),
                _ => return Err(internal(format!("decision {:?}: no project", seed.title))),
            },
        };
        let decision = decision(seed, project, now).map_err(|p| problems(seed.title, &p))?;
        let by = managers(staff, organisation).first().copied();
        let recorded = at(now, (seed.on - 1).max(1));
        tx.insert_decision(organisation, &decision, by, recorded)
            .await?;
    }
    Ok(())
}

fn decision(
    seed: &DecisionSeed,
    project: Option<ProjectId>,
    now: i64,
) -> std::result::Result<NewDecision, Problems> {
    NewDecision::parse(&DecisionInput {
        decided_on: &date(now, seed.on)?.to_numeric(),
        title: seed.title,
        forum: seed.forum,
        coproduction_considered: seed.considered,
        involvement: seed.involvement,
        project: &project.map(|p| p.0.to_string()).unwrap_or_default(),
    })
}

fn organisation(
    organisations: &[(&str, OrganisationId, &str)],
    slug: &str,
) -> Result<OrganisationId> {
    organisations
        .iter()
        .find(|(s, _, _)| *s == slug)
        .map(|(_, id, _)| *id)
        .ok_or_else(|| internal(format!("demo organisation {slug} missing")))
}

/// The organisation's staff who may plan projects.
fn managers(staff: &[(OrganisationId, UserId, Role)], organisation: OrganisationId) -> Vec<UserId> {
    staff
        .iter()
        .filter(|(org, _, role)| *org == organisation && Action::ManageProjects.allowed_for(*role))
        .map(|(_, user, _)| *user)
        .collect()
}

/// Ten in the morning, `days` before `now`.
fn at(now: i64, days: i64) -> i64 {
    (now.div_euclid(DAY) - days) * DAY + TEN_AM
}

/// The date `days` before `now`.
fn date(now: i64, days: i64) -> std::result::Result<Date, Problems> {
    Date::from_days_since_1970(now.div_euclid(DAY) - days)
        .ok_or_else(|| vec![("date", format!("no date {days} days before {now}"))])
}

fn problems(title: &str, problems: &Problems) -> ServiceError {
    internal(format!("demo project or decision {title:?}: {problems:?}"))
}

fn internal(message: String) -> ServiceError {
    ServiceError::Internal(message)
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashSet};

    use coproduce_domain::ladder::Rung;
    use coproduce_domain::plain_english;

    use super::*;

    /// 15 June 2025, in the afternoon.
    const NOW: i64 = 1_750_000_000;

    fn planned() -> Vec<(&'static Seed, Planned)> {
        data::PROJECTS
            .iter()
            .map(|seed| match plan(seed, NOW) {
                Ok(planned) => (seed, planned),
                Err(problems) => panic!("{}: {problems:?}", seed.title),
            })
            .collect()
    }

    fn rung_now(planned: &Planned) -> Rung {
        match (&planned.closing, &planned.change) {
            (Some((closing, _)), _) => closing.achieved,
            (None, Some((ladder, _))) => ladder.planned(),
            (None, None) => planned.first.planned(),
        }
    }

    #[test]
    fn every_project_obeys_the_rules_of_the_forms() {
        let planned = planned();
        assert_eq!(planned.len(), 32);
        let titles: HashSet<_> = planned.iter().map(|(s, _)| s.title).collect();
        assert_eq!(titles.len(), planned.len(), "titles are unique");
        for (seed, p) in &planned {
            let closed = p.status == ProjectStatus::Closed;
            assert_eq!(closed, p.closing.is_some(), "{}", seed.title);
            if let Some(stages) = &p.stages {
                assert_eq!(stages.len(), Stage::ALL.len(), "{}", seed.title);
            }
        }
    }

    #[test]
    fn the_projects_cover_the_ladder_the_levels_and_the_partnership() {
        let planned = planned();
        let mut rungs = BTreeMap::new();
        for (_, p) in &planned {
            *rungs.entry(rung_now(p)).or_insert(0) += 1;
        }
        for rung in Rung::ALL {
            assert!(rungs.contains_key(rung), "nothing at {rung:?}");
        }
        let low = Rung::ALL.iter().filter(|r| **r < Rung::Consultation);
        let few: usize = low.map(|r| rungs.get(r).copied().unwrap_or(0)).sum();
        assert!(few <= 6, "{few} projects on the lowest rungs");
        for org in [
            data::COUNCIL_SLUG,
            "northshire-nhs",
            "brightwater-care",
            "northshire-carers",
        ] {
            assert!(planned.iter().any(|(s, _)| s.org == org), "{org}");
        }
        let council = planned.iter().filter(|(s, _)| s.org == data::COUNCIL_SLUG);
        assert!(council.count() > 12, "the council has most projects");
        let levels: HashSet<_> = planned.iter().map(|(_, p)| p.about.level).collect();
        assert_eq!(levels.len(), 3);
        let areas: HashSet<_> = planned.iter().map(|(_, p)| p.about.service_area).collect();
        assert!(areas.len() >= 10, "{} service areas", areas.len());
        let unpublished = planned.iter().filter(|(s, _)| !s.published).count();
        assert_eq!(unpublished, 4);
    }

    #[test]
    fn closed_projects_reach_fall_short_of_and_pass_their_rung() {
        let (mut reached, mut short, mut higher) = (0, 0, 0);
        for (_, p) in planned() {
            let Some((closing, _)) = &p.closing else {
                continue;
            };
            let aimed = p.change.as_ref().map_or(&p.first, |c| &c.0).planned();
            match closing.achieved.cmp(&aimed) {
                std::cmp::Ordering::Equal => reached += 1,
                std::cmp::Ordering::Less => short += 1,
                std::cmp::Ordering::Greater => higher += 1,
            }
        }
        assert_eq!(reached + short + higher, 8);
        assert!(reached >= 2 && short >= 2 && higher == 1);
        let changed = planned().iter().filter(|(_, p)| p.change.is_some()).count();
        assert!((3..=5).contains(&changed), "{changed} changed rungs");
    }

    #[test]
    fn summaries_follow_the_plain_english_advice() {
        for seed in &data::PROJECTS {
            let report = plain_english::check(seed.summary);
            assert!(report.passes(), "{}: {:?}", seed.title, report.findings);
        }
    }

    #[test]
    fn everything_happens_in_order_and_in_the_past() {
        for (seed, p) in planned() {
            let title = seed.title;
            assert!(seed.created <= 730 && seed.created >= 30, "{title}");
            assert!(
                seed.starts <= seed.created && seed.ends <= seed.starts,
                "{title}"
            );
            if p.status != ProjectStatus::Planning {
                assert!(seed.starts >= 1, "{title} has started");
            }
            let mut later = vec![seed.created];
            later.extend(seed.agreements.iter().map(|a| a.on));
            later.extend(seed.earlier.iter().map(|e| e.changed));
            for on in &later[1..] {
                assert!(*on >= 1 && *on < seed.created, "{title}");
            }
            if let Some(closing) = &seed.closing {
                assert!(
                    closing.on >= 1 && closing.on <= seed.ends,
                    "{title} ended first"
                );
                assert!(later.iter().all(|on| *on > closing.on), "{title}");
            }
            let steps = steps(seed, &p, &[], NOW);
            assert!(steps.iter().all(|(time, _)| *time < NOW), "{title}");
            let first = at(NOW, seed.created);
            assert!(steps.iter().all(|(time, _)| *time >= first), "{title}");
        }
    }

    #[test]
    fn council_projects_have_two_to_five_members() {
        for (seed, p) in planned() {
            if seed.org == data::COUNCIL_SLUG {
                assert!((2..=5).contains(&p.roles.len()), "{}", seed.title);
            } else {
                assert!(p.roles.is_empty(), "{}: not on the register", seed.title);
            }
        }
    }

    #[test]
    fn members_are_shared_out_and_never_doubled() {
        let roles = [MemberRole::CoChair, MemberRole::Member, MemberRole::Adviser];
        let people: Vec<PersonId> = (1..=2).map(PersonId).collect();
        let mut next = 0;
        let shared = members(&roles, &people, &mut next);
        assert_eq!(shared.len(), 2);
        assert_ne!(shared[0].0, shared[1].0);
        assert!(members(&roles, &[], &mut next).is_empty());
    }

    #[test]
    fn decisions_parse_and_belong_to_their_organisation() {
        assert_eq!(data::DECISIONS.len(), 15);
        let (mut yes, mut linked) = (0, 0);
        for seed in &data::DECISIONS {
            let decision = decision(seed, None, NOW).expect(seed.title);
            assert!(seed.on >= 1 && seed.on <= 730, "{}", seed.title);
            yes += usize::from(decision.coproduction_considered);
            if !seed.project.is_empty() {
                linked += 1;
                let project = data::PROJECTS.iter().find(|p| p.title == seed.project);
                assert_eq!(project.map(|p| p.org), Some(seed.org), "{}", seed.title);
            }
        }
        assert!((5..=12).contains(&yes), "{yes} considered co-production");
        assert!(linked >= 8, "{linked} linked to a project");
    }

    #[tokio::test]
    async fn the_small_demo_holds_every_project_and_decision() {
        use coproduce_domain::project::ProjectFilter;

        let dir = std::env::temp_dir().join(format!(
            "coproduce-demo-projects-{}-{NOW}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let store = coproduce_store::Store::open(None, &dir)
            .await
            .expect("store opens");
        let key = crate::secrets::SecretKey::generate();
        let settings = crate::Settings::new("http://localhost".into(), key, dir.join("outbox"));
        let services = crate::Services::new(store.clone(), settings);
        crate::demo::seed(
            &services,
            "test orchard kettle lantern",
            crate::demo::DemoSize::SMALL,
        )
        .await
        .expect("the demo seeds");
        let everything = ProjectFilter::default();
        assert_eq!(store.count_projects(&everything).await.expect("count"), 32);
        let public = ProjectFilter {
            published_only: true,
            ..ProjectFilter::default()
        };
        assert_eq!(store.count_projects(&public).await.expect("count"), 28);
        let closed = ProjectFilter {
            status: Some(ProjectStatus::Closed),
            ..ProjectFilter::default()
        };
        let closed = store
            .search_projects(&closed, None, 100)
            .await
            .expect("closed");
        assert_eq!(closed.len(), 8);
        let mut decisions = 0;
        for organisation in store.organisations().await.expect("organisations") {
            let log = store.decisions(organisation.id, None, None, 100).await;
            decisions += log.expect("decisions").len();
        }
        assert_eq!(decisions, 15);
        for summary in &closed {
            let history = store
                .project_rung_history(summary.id)
                .await
                .expect("history");
            assert_eq!(history.first().map(|c| c.from), Some(None));
            assert_eq!(history.last().map(|c| c.kind), Some(RungKind::Achieved));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
