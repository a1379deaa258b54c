//! Projects on the ladder of co-production: planning one at an honest
//! rung, the sections of its task list, publishing, closing, the ladder
//! figures, and the decision log.

use coproduce_domain::ladder::{Level, Rung, Stage};
use coproduce_domain::project::{
    About, AboutInput, Agreement, Closing, FitCheck, LadderInput, LadderPlan, MemberRole, Problems,
    Project, ProjectFilter, ProjectStatus, ProjectSummary, ServiceArea, StagePlan,
};
use coproduce_domain::{Action, Actor, OrganisationId, PersonId, ProjectId, UserId};
use coproduce_store::{
    AgreementVersion, AuditEvent, DecisionRecord, LadderCount, NewProject, ProjectMember,
    RungChange, RungKind, StoreError, Tx,
};
use serde::{Deserialize, Serialize};

use crate::staff::check;
use crate::{Result, ServiceError, Services, clock, writing};

/// A project's "about" and "ladder" answers as typed, before they are
/// checked: what the new project form and the API carry.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ProjectAnswers {
    pub title: String,
    pub summary: String,
    pub service_area: String,
    pub level: String,
    pub methods: Vec<String>,
    pub starts_on: String,
    pub ends_on: String,
    pub budget: String,
    /// The id of the staff member who leads the work, or empty.
    pub lead: String,
    pub planned_rung: String,
    pub rung_reason: String,
    pub not_coproduced_category: String,
    pub not_coproduced_explanation: String,
    pub not_coproduced_decided_by: String,
    pub not_coproduced_instead: String,
}

/// The fields of [`ProjectAnswers`] in the order a page asks them.
pub const FIELD_ORDER: &[&str] = &[
    "title",
    "summary",
    "service_area",
    "level",
    "methods",
    "starts_on",
    "ends_on",
    "budget",
    "lead",
    "planned_rung",
    "rung_reason",
    "not_coproduced_category",
    "not_coproduced_explanation",
    "not_coproduced_decided_by",
    "not_coproduced_instead",
];

/// The checked answers of [`ProjectAnswers`].
pub struct CheckedProject {
    pub about: About,
    pub ladder: LadderPlan,
    pub lead: Option<UserId>,
}

impl ProjectAnswers {
    pub fn about_input(&self) -> AboutInput<'_> {
        AboutInput {
            title: &self.title,
            summary: &self.summary,
            service_area: &self.service_area,
            level: &self.level,
            methods: &self.methods,
            starts_on: &self.starts_on,
            ends_on: &self.ends_on,
            budget: &self.budget,
        }
    }

    pub fn ladder_input(&self) -> LadderInput<'_> {
        LadderInput {
            planned_rung: &self.planned_rung,
            rung_reason: &self.rung_reason,
            category: &self.not_coproduced_category,
            explanation: &self.not_coproduced_explanation,
            decided_by: &self.not_coproduced_decided_by,
            instead: &self.not_coproduced_instead,
        }
    }

    /// Checks every answer, collecting every message.
    pub fn check(&self) -> Result<CheckedProject, Problems> {
        let about = About::parse(&self.about_input());
        let ladder = LadderPlan::parse(&self.ladder_input());
        let lead = parse_lead(&self.lead);
        match (about, ladder, lead) {
            (Ok(about), Ok(ladder), Ok(lead)) => Ok(CheckedProject {
                about,
                ladder,
                lead,
            }),
            (about, ladder, lead) => {
                let mut problems = Problems::new();
                problems.extend(about.err().unwrap_or_default());
                problems.extend(lead.err().unwrap_or_default());
                problems.extend(ladder.err().unwrap_or_default());
                problems.sort_by_key(|(f, _)| {
                    FIELD_ORDER
                        .iter()
                        .position(|x| x == f)
                        .unwrap_or(usize::MAX)
                });
                Err(problems)
            }
        }
    }

    /// The answers of a stored project, for a form or a change through
    /// the API.
    pub fn from_project(project: &Project) -> Self {
        let about = &project.about;
        let nc = project.ladder.not_coproduced();
        Self {
            title: about.title.clone(),
            summary: about.summary.clone(),
            service_area: about.service_area.as_str().to_owned(),
            level: about.level.as_str().to_owned(),
            methods: about
                .methods
                .iter()
                .map(|m| m.as_str().to_owned())
                .collect(),
            starts_on: about.starts_on.map(|d| d.to_numeric()).unwrap_or_default(),
            ends_on: about.ends_on.map(|d| d.to_numeric()).unwrap_or_default(),
            budget: about.budget.map(|b| b.to_plain()).unwrap_or_default(),
            lead: project.lead.map(|u| u.to_string()).unwrap_or_default(),
            planned_rung: project.ladder.planned().as_str().to_owned(),
            rung_reason: project.ladder.reason().to_owned(),
            not_coproduced_category: nc
                .map(|n| n.category.as_str().to_owned())
                .unwrap_or_default(),
            not_coproduced_explanation: nc.map(|n| n.explanation.clone()).unwrap_or_default(),
            not_coproduced_decided_by: nc.map(|n| n.decided_by.clone()).unwrap_or_default(),
            not_coproduced_instead: nc.map(|n| n.instead.clone()).unwrap_or_default(),
        }
    }
}

fn parse_lead(value: &str) -> Result<Option<UserId>, Problems> {
    match value.trim() {
        "" => Ok(None),
        value => value
            .parse()
            .map(|id| Some(UserId(id)))
            .map_err(|_| vec![("lead", "Choose the lead officer from the list".to_owned())]),
    }
}

/// Refuses a lead officer who is not an active member of the organisation.
async fn check_lead(
    services: &Services,
    organisation: OrganisationId,
    lead: Option<UserId>,
) -> Result<()> {
    let Some(lead) = lead else { return Ok(()) };
    match services.store.user(lead).await {
        Ok(user) if user.organisation_id == organisation && user.active => Ok(()),
        Ok(_) | Err(StoreError::NotFound) => Err(ServiceError::field(
            "lead",
            "Choose the lead officer from the list",
        )),
        Err(error) => Err(error.into()),
    }
}

/// Refuses a summary that does not follow the plain English advice, when
/// the organisation asks that public texts do.
async fn check_summary(
    services: &Services,
    organisation: OrganisationId,
    summary: &str,
) -> Result<()> {
    let review = writing::review(services, organisation, summary).await?;
    if review.may_publish() {
        return Ok(());
    }
    let advice = review
        .report
        .findings
        .first()
        .map(|f| format!(": {}", f.message))
        .unwrap_or_default();
    Err(ServiceError::field(
        "summary",
        format!(
            "Your organisation asks that public texts follow the plain English advice. Change the summary{advice}"
        ),
    ))
}

async fn audit(
    tx: &mut Tx,
    actor: &Actor,
    id: ProjectId,
    action: &str,
    detail: &str,
    now: i64,
) -> Result<()> {
    tx.audit(
        AuditEvent {
            actor: Some(actor.user_id),
            actor_label: "",
            organisation: Some(actor.organisation_id),
            action,
            record_type: "project",
            record_id: Some(id.0),
            detail,
        },
        now,
    )
    .await?;
    Ok(())
}

/// Plans a new project. It starts in planning and unpublished.
pub async fn create(
    services: &Services,
    actor: &Actor,
    answers: &ProjectAnswers,
) -> Result<ProjectId> {
    check(actor.may(Action::ManageProjects))?;
    let checked = answers.check().map_err(ServiceError::Invalid)?;
    check_lead(services, actor.organisation_id, checked.lead).await?;
    check_summary(services, actor.organisation_id, &checked.about.summary).await?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    let id = tx
        .insert_project(
            NewProject {
                organisation: actor.organisation_id,
                about: &checked.about,
                lead: checked.lead,
                ladder: &checked.ladder,
                created_by: Some(actor.user_id),
            },
            now,
        )
        .await?;
    audit(
        &mut tx,
        actor,
        id,
        "project.create",
        "Planned a project",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The project, if the actor may do `action` to it.
async fn project_for(
    services: &Services,
    actor: &Actor,
    action: Action,
    id: ProjectId,
) -> Result<Project> {
    check(actor.may(action))?;
    let project = match services.store.project(id).await {
        Ok(project) => project,
        Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
        Err(error) => return Err(error.into()),
    };
    check(actor.may_on(action, project.organisation_id))?;
    Ok(project)
}

/// The project, for a change: refused once it is closed.
async fn open_project(services: &Services, actor: &Actor, id: ProjectId) -> Result<Project> {
    let project = project_for(services, actor, Action::ManageProjects, id).await?;
    if project.status == ProjectStatus::Closed {
        return Err(ServiceError::Conflict(
            "This project is closed, so it cannot be changed".into(),
        ));
    }
    Ok(project)
}

/// Starts the transaction of a change to an open project. The claim
/// makes changes to one project take turns, so a project closed a moment
/// ago is never changed afterwards.
async fn begin_change(services: &Services, id: ProjectId, now: i64) -> Result<Tx> {
    let mut tx = services.store.begin().await?;
    if !tx.claim_open_project(id, now).await? {
        return Err(ServiceError::Conflict(
            "This project is closed, so it cannot be changed".into(),
        ));
    }
    Ok(tx)
}

/// A project the actor may see.
pub async fn get(services: &Services, actor: &Actor, id: ProjectId) -> Result<Project> {
    project_for(services, actor, Action::ViewProjects, id).await
}

/// A project, for a form that changes it.
pub async fn for_change(services: &Services, actor: &Actor, id: ProjectId) -> Result<Project> {
    open_project(services, actor, id).await
}

/// Everything on a project's staff page.
pub struct ProjectRecord {
    pub project: Project,
    pub organisation_name: String,
    pub lead_name: Option<String>,
    pub stages: Vec<StagePlan>,
    /// Empty for roles that may not see the register.
    pub members: Vec<ProjectMember>,
    pub agreements: Vec<AgreementVersion>,
    pub history: Vec<RungChange>,
    pub decisions: Vec<DecisionRecord>,
}

pub async fn record(services: &Services, actor: &Actor, id: ProjectId) -> Result<ProjectRecord> {
    let project = get(services, actor, id).await?;
    let store = &services.store;
    let lead_name = match project.lead {
        Some(lead) => Some(store.user(lead).await?.display_name),
        None => None,
    };
    let members = if actor.may(Action::ViewPeople) == coproduce_domain::Decision::Allowed {
        store.project_members(id).await?
    } else {
        Vec::new()
    };
    Ok(ProjectRecord {
        organisation_name: store.organisation(project.organisation_id).await?.name,
        lead_name,
        stages: store.project_stages(id).await?,
        members,
        agreements: store.project_agreements(id).await?,
        history: store.project_rung_history(id).await?,
        decisions: store
            .decisions(project.organisation_id, Some(id), None, 100)
            .await?,
        project,
    })
}

/// Changes a project's about and ladder answers together (the API's
/// PATCH). A new planned rung is recorded in the rung history.
pub async fn update(
    services: &Services,
    actor: &Actor,
    id: ProjectId,
    answers: &ProjectAnswers,
) -> Result<()> {
    let project = open_project(services, actor, id).await?;
    let checked = answers.check().map_err(ServiceError::Invalid)?;
    if checked.lead != project.lead {
        check_lead(services, project.organisation_id, checked.lead).await?;
    }
    if checked.about.summary != project.about.summary {
        check_summary(services, project.organisation_id, &checked.about.summary).await?;
    }
    let now = clock::now();
    let mut tx = begin_change(services, id, now).await?;
    tx.update_project_about(id, &checked.about, checked.lead, now)
        .await?;
    write_ladder(&mut tx, actor, &project, &checked.ladder, now).await?;
    audit(
        &mut tx,
        actor,
        id,
        "project.update",
        "Changed a project",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Changes the about section.
pub async fn update_about(
    services: &Services,
    actor: &Actor,
    id: ProjectId,
    answers: &ProjectAnswers,
) -> Result<()> {
    let project = open_project(services, actor, id).await?;
    let about = About::parse(&answers.about_input());
    let lead = parse_lead(&answers.lead);
    let (about, lead) = match (about, lead) {
        (Ok(about), Ok(lead)) => (about, lead),
        (about, lead) => {
            let mut problems = about.err().unwrap_or_default();
            problems.extend(lead.err().unwrap_or_default());
            return Err(ServiceError::Invalid(problems));
        }
    };
    if lead != project.lead {
        check_lead(services, project.organisation_id, lead).await?;
    }
    if about.summary != project.about.summary {
        check_summary(services, project.organisation_id, &about.summary).await?;
    }
    let now = clock::now();
    let mut tx = begin_change(services, id, now).await?;
    tx.update_project_about(id, &about, lead, now).await?;
    audit(
        &mut tx,
        actor,
        id,
        "project.update",
        "Changed what a project is about",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn write_ladder(
    tx: &mut Tx,
    actor: &Actor,
    project: &Project,
    ladder: &LadderPlan,
    now: i64,
) -> Result<()> {
    tx.update_project_ladder(project.id, ladder, now).await?;
    if ladder.planned() != project.ladder.planned() {
        tx.add_rung_change(
            project.id,
            RungKind::Planned,
            Some(project.ladder.planned()),
            ladder.planned(),
            ladder.reason(),
            Some(actor.user_id),
            now,
        )
        .await?;
    }
    Ok(())
}

/// Changes the planned rung and the reasons for it.
pub async fn update_ladder(
    services: &Services,
    actor: &Actor,
    id: ProjectId,
    answers: &ProjectAnswers,
) -> Result<()> {
    let project = open_project(services, actor, id).await?;
    let ladder = LadderPlan::parse(&answers.ladder_input()).map_err(ServiceError::Invalid)?;
    let now = clock::now();
    let mut tx = begin_change(services, id, now).await?;
    write_ladder(&mut tx, actor, &project, &ladder, now).await?;
    audit(
        &mut tx,
        actor,
        id,
        "project.ladder",
        "Changed where a project sits on the ladder",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records the answers to "is co-production right here?".
pub async fn set_fit(
    services: &Services,
    actor: &Actor,
    id: ProjectId,
    fit: &FitCheck,
) -> Result<()> {
    open_project(services, actor, id).await?;
    let now = clock::now();
    let mut tx = begin_change(services, id, now).await?;
    tx.set_project_fit(id, fit, now).await?;
    audit(
        &mut tx,
        actor,
        id,
        "project.fit_check",
        "Answered whether co-production is right for a project",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records how people take part at each stage, and the groups involved.
pub async fn set_stages(
    services: &Services,
    actor: &Actor,
    id: ProjectId,
    stages: &[StagePlan],
    groups: Option<&str>,
) -> Result<()> {
    open_project(services, actor, id).await?;
    if stages.len() != Stage::ALL.len() {
        return Err(ServiceError::Internal(
            "every stage must be answered".into(),
        ));
    }
    let now = clock::now();
    let mut tx = begin_change(services, id, now).await?;
    tx.set_project_stages(id, stages, groups, now).await?;
    audit(
        &mut tx,
        actor,
        id,
        "project.stages",
        "Changed how people take part at each stage",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a person from the organisation's register to a project, or
/// changes their role.
pub async fn set_member(
    services: &Services,
    actor: &Actor,
    id: ProjectId,
    person: PersonId,
    role: &str,
) -> Result<()> {
    let project = open_project(services, actor, id).await?;
    check(actor.may(Action::ManagePeople))?;
    let role = MemberRole::parse(role)
        .ok_or_else(|| ServiceError::field("role", "Choose the person's role"))?;
    match services.store.person(person).await {
        Ok(p) if p.organisation_id == project.organisation_id => {}
        Ok(_) | Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
        Err(error) => return Err(error.into()),
    }
    let now = clock::now();
    let mut tx = begin_change(services, id, now).await?;
    tx.set_project_member(id, person, role, now).await?;
    audit(
        &mut tx,
        actor,
        id,
        "project.member",
        "Added a person to a project or changed their role",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_member(
    services: &Services,
    actor: &Actor,
    id: ProjectId,
    person: PersonId,
) -> Result<()> {
    open_project(services, actor, id).await?;
    check(actor.may(Action::ManagePeople))?;
    let now = clock::now();
    let mut tx = begin_change(services, id, now).await?;
    match tx.remove_project_member(id, person).await {
        Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
        other => other?,
    }
    audit(
        &mut tx,
        actor,
        id,
        "project.member_remove",
        "Took a person off a project",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records a new version of the working agreement.
pub async fn add_agreement(
    services: &Services,
    actor: &Actor,
    id: ProjectId,
    agreement: &Agreement,
) -> Result<i64> {
    open_project(services, actor, id).await?;
    let now = clock::now();
    let mut tx = begin_change(services, id, now).await?;
    let version = match tx
        .add_project_agreement(id, agreement, Some(actor.user_id), now)
        .await
    {
        Err(StoreError::Conflict { .. }) => {
            return Err(ServiceError::Conflict(
                "Someone else saved the working agreement at the same moment. Check it and try again"
                    .into(),
            ));
        }
        other => other?,
    };
    audit(
        &mut tx,
        actor,
        id,
        "project.agreement",
        "Recorded a version of a working agreement",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(version)
}

/// Moves a project between planning and active. Closing has its own step.
pub async fn set_status(
    services: &Services,
    actor: &Actor,
    id: ProjectId,
    status: &str,
) -> Result<()> {
    open_project(services, actor, id).await?;
    let status = match ProjectStatus::parse(status) {
        Some(ProjectStatus::Closed) => {
            return Err(ServiceError::field(
                "status",
                "Close the project with the rung it reached and a reflection",
            ));
        }
        Some(status) => status,
        None => return Err(ServiceError::field("status", "Choose planning or active")),
    };
    let now = clock::now();
    let mut tx = begin_change(services, id, now).await?;
    tx.set_project_status(id, status, now).await?;
    audit(
        &mut tx,
        actor,
        id,
        "project.status",
        "Changed a project's status",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Closes a project with the rung it reached and a reflection.
pub async fn close(
    services: &Services,
    actor: &Actor,
    id: ProjectId,
    achieved: &str,
    reflection: &str,
) -> Result<()> {
    let project = open_project(services, actor, id).await?;
    let closing = Closing::parse(achieved, reflection).map_err(ServiceError::Invalid)?;
    let now = clock::now();
    let mut tx = begin_change(services, id, now).await?;
    tx.close_project(id, &closing, now).await?;
    tx.add_rung_change(
        id,
        RungKind::Achieved,
        Some(project.ladder.planned()),
        closing.achieved,
        &closing.reflection,
        Some(actor.user_id),
        now,
    )
    .await?;
    audit(&mut tx, actor, id, "project.close", "Closed a project", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Publishes a project on the public pages, or takes it off them. A
/// closed project can still be published: its outcome is worth telling.
pub async fn publish(
    services: &Services,
    actor: &Actor,
    id: ProjectId,
    published: bool,
) -> Result<()> {
    let project = project_for(services, actor, Action::ManageProjects, id).await?;
    if published {
        check_summary(services, project.organisation_id, &project.about.summary).await?;
    }
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.set_project_published(id, published, now).await?;
    let (action, detail) = if published {
        ("project.publish", "Published a project")
    } else {
        ("project.unpublish", "Took a project off the public pages")
    };
    audit(&mut tx, actor, id, action, detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// A page of a project list and how many the filter finds.
pub struct ProjectPage {
    pub projects: Vec<ProjectSummary>,
    pub total: i64,
    /// Pass as `before` for the next page.
    pub next: Option<ProjectId>,
}

async fn page_of(
    services: &Services,
    filter: &ProjectFilter,
    before: Option<ProjectId>,
    limit: u32,
) -> Result<ProjectPage> {
    let limit = limit.clamp(1, 200);
    let mut projects = services
        .store
        .search_projects(filter, before, limit + 1)
        .await?;
    let next = if projects.len() > limit as usize {
        projects.truncate(limit as usize);
        projects.last().map(|p| p.id)
    } else {
        None
    };
    Ok(ProjectPage {
        total: services.store.count_projects(filter).await?,
        projects,
        next,
    })
}

/// Every field of the projects on a page, read together (no query per
/// project). A project removed since the page was read is left out.
pub async fn whole(services: &Services, page: &ProjectPage) -> Result<Vec<Project>> {
    let ids: Vec<ProjectId> = page.projects.iter().map(|p| p.id).collect();
    Ok(services.store.projects_by_ids(&ids).await?)
}

/// The actor's organisation's projects.
pub async fn search(
    services: &Services,
    actor: &Actor,
    filter: &ProjectFilter,
    before: Option<ProjectId>,
    limit: u32,
) -> Result<ProjectPage> {
    check(actor.may(Action::ViewProjects))?;
    let filter = ProjectFilter {
        organisation: Some(actor.organisation_id),
        ..filter.clone()
    };
    page_of(services, &filter, before, limit).await
}

/// Published projects across the partnership, for anyone.
pub async fn public_search(
    services: &Services,
    filter: &ProjectFilter,
    before: Option<ProjectId>,
    limit: u32,
) -> Result<ProjectPage> {
    let filter = ProjectFilter {
        published_only: true,
        ..filter.clone()
    };
    page_of(services, &filter, before, limit).await
}

/// A published project, with its organisation's name, for anyone. An
/// unpublished one is not found.
pub async fn public_get(services: &Services, id: ProjectId) -> Result<(Project, String)> {
    let project = match services.store.project(id).await {
        Ok(project) if project.published => project,
        Ok(_) | Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
        Err(error) => return Err(error.into()),
    };
    let organisation = services.store.organisation(project.organisation_id).await?;
    Ok((project, organisation.name))
}

/// A published project with its organisation's name and its stages, for
/// its public page.
pub async fn public_view(
    services: &Services,
    id: ProjectId,
) -> Result<(Project, String, Vec<StagePlan>)> {
    let (project, organisation) = public_get(services, id).await?;
    let stages = services.store.project_stages(id).await?;
    Ok((project, organisation, stages))
}

/// Refuses a project that is not the organisation's, as a message on the
/// `project` field: for records (activities, decisions) that may belong
/// to a project.
pub async fn check_own(
    services: &Services,
    organisation: OrganisationId,
    project: Option<ProjectId>,
) -> Result<()> {
    let Some(project) = project else {
        return Ok(());
    };
    match services.store.project(project).await {
        Ok(p) if p.organisation_id == organisation => Ok(()),
        Ok(_) | Err(StoreError::NotFound) => Err(ServiceError::field(
            "project",
            "Choose a project from the list",
        )),
        Err(error) => Err(error.into()),
    }
}

/// Planned and achieved counts at one rung.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RungFigures {
    pub rung: Rung,
    /// Projects planned at this rung, whatever their status.
    pub planned: i64,
    /// Closed projects that reached this rung.
    pub achieved: i64,
}

/// Totals for one group of projects (a level or a service area).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupFigures {
    pub label: &'static str,
    pub projects: i64,
    /// Planned at co-design or above.
    pub planned_co_designed: i64,
    pub closed: i64,
    /// Closed having reached co-design or above.
    pub achieved_co_designed: i64,
}

/// The ladder figures of a set of projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    pub projects: i64,
    pub closed: i64,
    /// Closed projects that reached a lower rung than they planned.
    pub fell_short: i64,
    pub by_rung: Vec<RungFigures>,
    pub by_level: Vec<GroupFigures>,
    pub by_area: Vec<GroupFigures>,
}

impl Figures {
    fn from_counts<'a>(counts: impl Iterator<Item = &'a LadderCount> + Clone) -> Self {
        let sum = |keep: &dyn Fn(&LadderCount) -> bool| -> i64 {
            counts.clone().filter(|c| keep(c)).map(|c| c.count).sum()
        };
        let group = |label: &'static str, member: &dyn Fn(&LadderCount) -> bool| GroupFigures {
            label,
            projects: sum(&|c| member(c)),
            planned_co_designed: sum(&|c| member(c) && !c.planned.needs_reason()),
            closed: sum(&|c| member(c) && c.achieved.is_some()),
            achieved_co_designed: sum(&|c| {
                member(c) && c.achieved.is_some_and(|a| !a.needs_reason())
            }),
        };
        Figures {
            projects: sum(&|_| true),
            closed: sum(&|c| c.achieved.is_some()),
            fell_short: sum(&|c| c.achieved.is_some_and(|a| a < c.planned)),
            by_rung: Rung::ALL
                .iter()
                .map(|&rung| RungFigures {
                    rung,
                    planned: sum(&|c| c.planned == rung),
                    achieved: sum(&|c| c.achieved == Some(rung)),
                })
                .collect(),
            by_level: Level::ALL
                .iter()
                .map(|&level| group(level.label(), &|c: &LadderCount| c.level == level))
                .collect(),
            by_area: ServiceArea::ALL
                .iter()
                .map(|&area| group(area.label(), &|c: &LadderCount| c.service_area == area))
                .filter(|g| g.projects > 0)
                .collect(),
        }
    }
}

/// The ladder dashboard: the actor's organisation beside the partnership.
pub struct Dashboard {
    pub organisation_name: String,
    pub organisation: Figures,
    pub partnership: Figures,
}

pub async fn dashboard(services: &Services, actor: &Actor) -> Result<Dashboard> {
    check(actor.may(Action::ViewProjects))?;
    let counts = services.store.ladder_counts(false).await?;
    Ok(Dashboard {
        organisation_name: services
            .store
            .organisation(actor.organisation_id)
            .await?
            .name,
        organisation: Figures::from_counts(
            counts
                .iter()
                .filter(|c| c.organisation_id == actor.organisation_id),
        ),
        partnership: Figures::from_counts(counts.iter()),
    })
}

/// How many published projects sit at each rung now, bottom rung first.
pub async fn public_ladder(services: &Services) -> Result<Vec<(Rung, i64)>> {
    let counts = services.store.ladder_counts(true).await?;
    Ok(Rung::ALL
        .iter()
        .map(|&rung| {
            let total = counts
                .iter()
                .filter(|c| c.achieved.unwrap_or(c.planned) == rung)
                .map(|c| c.count)
                .sum();
            (rung, total)
        })
        .collect())
}

/// The actor's organisation's projects as (id, title), for choosing one.
pub async fn titles(services: &Services, actor: &Actor) -> Result<Vec<(i64, String)>> {
    check(actor.may(Action::ViewProjects))?;
    Ok(services.store.project_titles(actor.organisation_id).await?)
}
