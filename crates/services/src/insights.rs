//! The insights library shared across the partnership: adding and
//! changing insights, attaching files, searching, and finding what is
//! already known before anyone is asked again.
//!
//! Who sees what: an insight seen only by its organisation is seen by that
//! organisation's staff alone; a partnership one by staff of every
//! organisation (partners included); a public one by anyone. Attachments
//! follow their insight. Anything a viewer may not see is "not found".

use coproduce_domain::insights::{
    INSIGHT_FIELDS, InsightFilter, InsightInput, InsightPlan, search_words, telling_words,
};
use coproduce_domain::project::Problems;
use coproduce_domain::{Action, ActivityId, Actor, AttachmentId, InsightId, ProjectId};
use coproduce_store::{
    AttachmentFile, AttachmentInfo, InsightHit, InsightRecord, NewAttachment, ProjectLike,
    SaidFilter, SaidRecord, Viewer,
};

use crate::payments::{audit, found, today};
use crate::staff::check;
use crate::{Result, ServiceError, Services, clock, documents};

/// How many results a page of the library shows.
pub const PER_PAGE: u32 = 20;

/// The order of the questions, for the error summary.
pub const FIELD_ORDER: &[&str] = INSIGHT_FIELDS;

/// An insight's answers as typed.
#[derive(Debug, Clone, Default)]
pub struct InsightAnswers {
    pub title: String,
    pub summary: String,
    pub findings: String,
    pub source: String,
    pub source_detail: String,
    /// A project id, or empty.
    pub project: String,
    /// An activity id, or empty.
    pub activity: String,
    pub method: String,
    pub rung: String,
    pub happened_on: String,
    pub people_count: String,
    pub topics: Vec<String>,
    pub service_areas: Vec<String>,
    pub localities: Vec<String>,
    pub consent_to_reuse: bool,
    pub visibility: String,
}

impl InsightAnswers {
    /// The answers of a stored insight, to change it.
    pub fn from_record(record: &InsightRecord) -> Self {
        let plan = &record.plan;
        Self {
            title: plan.title.clone(),
            summary: plan.summary.clone(),
            findings: plan.findings.clone(),
            source: plan.source.as_str().to_owned(),
            source_detail: plan.source_detail.clone().unwrap_or_default(),
            project: plan.project.map(|p| p.to_string()).unwrap_or_default(),
            activity: plan.activity.map(|a| a.to_string()).unwrap_or_default(),
            method: plan.method.as_str().to_owned(),
            rung: plan.rung.as_str().to_owned(),
            happened_on: plan.happened_on.map(|d| d.to_numeric()).unwrap_or_default(),
            people_count: plan.people_count.map(|n| n.to_string()).unwrap_or_default(),
            topics: plan.topics.iter().cloned().collect(),
            service_areas: plan
                .service_areas
                .iter()
                .map(|a| a.as_str().to_owned())
                .collect(),
            localities: plan.localities.iter().cloned().collect(),
            consent_to_reuse: plan.consent_to_reuse,
            visibility: plan.visibility.as_str().to_owned(),
        }
    }
}

/// A record id chosen from a list, or nothing when none was chosen.
pub(crate) fn id_of(value: &str, field: &'static str, problems: &mut Problems) -> Option<i64> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match value.parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ => {
            problems.push((field, "Choose one from the list".into()));
            None
        }
    }
}

/// Checks the answers against the partnership's lists, and that a
/// project or activity named is the actor's organisation's.
async fn plan_of(
    services: &Services,
    actor: &Actor,
    answers: &InsightAnswers,
) -> Result<InsightPlan> {
    let lists = crate::people::Lists::load(services).await?;
    let topics: Vec<String> = lists.topics.iter().map(|(s, _)| s.clone()).collect();
    let localities: Vec<String> = lists.localities.iter().map(|(s, _)| s.clone()).collect();
    let mut problems = Problems::new();
    let project = id_of(&answers.project, "project", &mut problems).map(ProjectId);
    let activity = id_of(&answers.activity, "activity", &mut problems).map(ActivityId);
    let input = InsightInput {
        title: &answers.title,
        summary: &answers.summary,
        findings: &answers.findings,
        source: &answers.source,
        source_detail: &answers.source_detail,
        project,
        activity,
        method: &answers.method,
        rung: &answers.rung,
        happened_on: &answers.happened_on,
        people_count: &answers.people_count,
        topics: &answers.topics,
        service_areas: &answers.service_areas,
        localities: &answers.localities,
        consent_to_reuse: answers.consent_to_reuse,
        visibility: &answers.visibility,
    };
    let parsed = InsightPlan::parse(&input, &topics, &localities, today());
    let plan = match parsed {
        Ok(plan) if problems.is_empty() => Some(plan),
        Ok(_) => None,
        Err(more) => {
            problems.extend(more);
            None
        }
    };
    if let Some(plan) = &plan {
        if let Some(id) = plan.project {
            let own = services.store.project(id).await.ok();
            if own.is_none_or(|p| p.organisation_id != actor.organisation_id) {
                problems.push((
                    "project",
                    "Choose one of your organisation's projects".into(),
                ));
            }
        }
        if let Some(id) = plan.activity {
            let own = services.store.activity(id).await.ok();
            if own.is_none_or(|a| a.organisation_id != actor.organisation_id) {
                problems.push((
                    "activity",
                    "Choose one of your organisation's activities".into(),
                ));
            }
        }
    }
    match plan {
        Some(plan) if problems.is_empty() => Ok(plan),
        _ => {
            let mut problems = problems;
            problems.sort_by_key(|(field, _)| {
                FIELD_ORDER
                    .iter()
                    .position(|f| f == field)
                    .unwrap_or(usize::MAX)
            });
            Err(ServiceError::Invalid(problems))
        }
    }
}

/// Adds an insight to the library for the actor's organisation.
pub async fn create(
    services: &Services,
    actor: &Actor,
    answers: &InsightAnswers,
) -> Result<InsightId> {
    check(actor.may(Action::ManageInsights))?;
    let plan = plan_of(services, actor, answers).await?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    let id = tx
        .insert_insight(actor.organisation_id, &plan, Some(actor.user_id), now)
        .await?;
    audit(
        &mut tx,
        Some(actor),
        actor.organisation_id,
        ("insight", id.0),
        "insight.create",
        &format!("Added an insight seen by: {}", plan.visibility.label()),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The insight, if the actor's organisation owns it and they may change it.
pub async fn for_change(
    services: &Services,
    actor: &Actor,
    id: InsightId,
) -> Result<InsightRecord> {
    check(actor.may(Action::ManageInsights))?;
    let record = found(services.store.insight(id).await)?;
    check(actor.may_on(Action::ManageInsights, record.organisation_id))?;
    Ok(record)
}

/// Changes an insight's answers.
pub async fn update(
    services: &Services,
    actor: &Actor,
    id: InsightId,
    answers: &InsightAnswers,
) -> Result<()> {
    let before = for_change(services, actor, id).await?;
    let plan = plan_of(services, actor, answers).await?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.update_insight(id, &plan, Some(actor.user_id), now)
        .await?;
    let detail = if before.plan.visibility == plan.visibility {
        "Changed the insight".to_owned()
    } else {
        format!(
            "Changed the insight; now seen by: {}",
            plan.visibility.label()
        )
    };
    audit(
        &mut tx,
        Some(actor),
        before.organisation_id,
        ("insight", id.0),
        "insight.update",
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The viewer an actor searches as: staff of their organisation, or the
/// public when there is no actor.
pub fn viewer_of(actor: Option<&Actor>) -> Viewer {
    actor.map_or(Viewer::Public, |a| Viewer::Staff(a.organisation_id))
}

/// An insight with its files and what was done about it.
#[derive(Debug, Clone)]
pub struct InsightView {
    pub record: InsightRecord,
    pub attachments: Vec<AttachmentInfo>,
    /// "You said, we did" entries from this insight that the viewer sees.
    pub said: Vec<SaidRecord>,
    /// Whether the viewer may change it.
    pub can_change: bool,
}

/// An insight the viewer may see: staff (`Some`) or the public (`None`).
pub async fn get(services: &Services, actor: Option<&Actor>, id: InsightId) -> Result<InsightView> {
    if let Some(actor) = actor {
        check(actor.may(Action::ViewInsights))?;
    }
    let viewer = viewer_of(actor);
    let record = found(services.store.insight(id).await)?;
    if !viewer.sees(record.organisation_id, record.plan.visibility) {
        return Err(ServiceError::NotFound);
    }
    let attachments = services.store.insight_attachments(id).await?;
    let filter = SaidFilter {
        viewer: actor.map(|a| a.organisation_id),
        insight: Some(id),
        ..SaidFilter::default()
    };
    let said = services.store.said_list(&filter, None, 50).await?;
    let can_change = actor.is_some_and(|a| {
        a.may_on(Action::ManageInsights, record.organisation_id)
            == coproduce_domain::Decision::Allowed
    });
    Ok(InsightView {
        record,
        attachments,
        said,
        can_change,
    })
}

/// A page of search results.
#[derive(Debug, Clone)]
pub struct SearchPage {
    pub hits: Vec<InsightHit>,
    /// How many match in all (counted up to [`coproduce_store::SEARCH_DEPTH`]).
    pub total: u32,
    /// From 1.
    pub page: u32,
    pub pages: u32,
    /// The words searched for, after cleaning.
    pub words: Vec<String>,
}

/// Searches the library as staff (`Some`) or the public (`None`).
pub async fn search(
    services: &Services,
    actor: Option<&Actor>,
    filter: &InsightFilter,
    page: u32,
) -> Result<SearchPage> {
    if let Some(actor) = actor {
        check(actor.may(Action::ViewInsights))?;
    }
    let mut filter = filter.clone();
    if actor.is_none() {
        // The public sees public insights only, whatever they ask for.
        filter.visibility = None;
    }
    let words = search_words(&filter.words);
    let max_page = coproduce_store::SEARCH_DEPTH / PER_PAGE;
    let page = page.clamp(1, max_page);
    let (hits, total) = services
        .store
        .search_insights(
            viewer_of(actor),
            &filter,
            &words,
            (page - 1) * PER_PAGE,
            PER_PAGE,
        )
        .await?;
    Ok(SearchPage {
        hits,
        total,
        page,
        pages: total.div_ceil(PER_PAGE).max(1),
        words,
    })
}

/// Attaches a file to an insight, reading its words for the search.
pub async fn attach(
    services: &Services,
    actor: &Actor,
    id: InsightId,
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<AttachmentId> {
    let record = for_change(services, actor, id).await?;
    let file_name = clean_file_name(file_name);
    if file_name.is_empty() || bytes.is_empty() {
        return Err(ServiceError::field("file", "Choose a file to attach"));
    }
    let existing = services.store.insight_attachments(id).await?;
    if existing.len() >= coproduce_domain::insights::ATTACHMENTS_MAX {
        return Err(ServiceError::field(
            "file",
            "An insight can have up to 10 files. Remove one to add another",
        ));
    }
    let name_for_reading = file_name.clone();
    let (bytes, read) = tokio::task::spawn_blocking(move || {
        let read = documents::read(&name_for_reading, &bytes);
        (bytes, read)
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("reading a file stopped: {e}")))?;
    let (kind, text) = read.map_err(|message| ServiceError::field("file", message))?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    let attachment = tx
        .insert_insight_attachment(
            id,
            &NewAttachment {
                file_name: &file_name,
                content_type: kind.as_str(),
                content: &bytes,
                text: &text,
            },
            Some(actor.user_id),
            now,
        )
        .await?;
    audit(
        &mut tx,
        Some(actor),
        record.organisation_id,
        ("insight", id.0),
        "insight.attach",
        &format!("Attached a {} file", kind.label()),
    )
    .await?;
    tx.commit().await?;
    Ok(attachment)
}

/// A file name safe to keep and to send back in a header: no folders, no
/// control characters or quotes, at most 120 characters.
fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    base.chars()
        .filter(|c| !c.is_control() && *c != '"' && *c != ';')
        .take(120)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Removes a file from an insight.
pub async fn remove_attachment(
    services: &Services,
    actor: &Actor,
    id: InsightId,
    attachment: AttachmentId,
) -> Result<()> {
    let record = for_change(services, actor, id).await?;
    let mut tx = services.store.begin().await?;
    if !tx.delete_insight_attachment(id, attachment).await? {
        return Err(ServiceError::NotFound);
    }
    audit(
        &mut tx,
        Some(actor),
        record.organisation_id,
        ("insight", id.0),
        "insight.detach",
        "Removed an attached file",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An attached file, for a viewer who may see its insight.
pub async fn attachment(
    services: &Services,
    actor: Option<&Actor>,
    id: AttachmentId,
) -> Result<AttachmentFile> {
    if let Some(actor) = actor {
        check(actor.may(Action::ViewInsights))?;
    }
    let file = found(services.store.insight_attachment(id).await)?;
    if !viewer_of(actor).sees(file.organisation_id, file.visibility) {
        return Err(ServiceError::NotFound);
    }
    Ok(file)
}

/// What is already known about a piece of work, across the partnership.
#[derive(Debug, Clone, Default)]
pub struct Related {
    pub insights: Vec<InsightHit>,
    pub projects: Vec<ProjectLike>,
    pub said: Vec<SaidRecord>,
    /// The words matched on.
    pub words: Vec<String>,
}

impl Related {
    pub fn count(&self) -> usize {
        self.insights.len() + self.projects.len() + self.said.len()
    }
}

/// How many of each kind of match are shown.
const RELATED_EACH: usize = 8;

/// Insights, projects and actions across the partnership that match a
/// title, summary and topics, the closest first: "has this already been
/// asked?". `except` leaves out the project being planned.
pub async fn related(
    services: &Services,
    actor: &Actor,
    title: &str,
    summary: &str,
    topics: &[String],
    except: Option<ProjectId>,
) -> Result<Related> {
    check(actor.may(Action::ViewInsights))?;
    let title_words = telling_words(title);
    let mut words = title_words.clone();
    for word in telling_words(summary) {
        if words.len() == coproduce_domain::insights::SEARCH_WORDS_MAX {
            break;
        }
        if !words.contains(&word) {
            words.push(word);
        }
    }
    let viewer = Viewer::Staff(actor.organisation_id);
    let candidates = services
        .store
        .insights_like(viewer, &words, topics, 40)
        .await?;
    let score_text = |title: &str, summary: &str, extra: usize| {
        let title = title.to_lowercase();
        let summary = summary.to_lowercase();
        let mut score = extra * 3;
        for word in &words {
            let stem = stem(word);
            if title.contains(stem) {
                score += if title_words.contains(word) { 3 } else { 2 };
            }
            if summary.contains(stem) {
                score += 1;
            }
        }
        score
    };
    let mut insights: Vec<(usize, InsightHit)> = candidates
        .into_iter()
        .map(|hit| {
            let shared = hit.topics.iter().filter(|t| topics.contains(t)).count();
            (score_text(&hit.title, &hit.summary, shared), hit)
        })
        .filter(|(score, _)| *score >= 2)
        .collect();
    insights.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.id.cmp(&a.1.id)));
    let mut projects: Vec<(usize, ProjectLike)> = services
        .store
        .projects_like(actor.organisation_id, &stems(&words), 40)
        .await?
        .into_iter()
        .filter(|p| Some(p.id) != except)
        .map(|p| (score_text(&p.title, &p.summary, 0), p))
        .filter(|(score, _)| *score >= 2)
        .collect();
    projects.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.id.cmp(&a.1.id)));
    let mut said: Vec<(usize, SaidRecord)> = services
        .store
        .said_like(actor.organisation_id, &stems(&words), topics, 40)
        .await?
        .into_iter()
        .map(|s| {
            let shared = s.plan.topics.iter().filter(|t| topics.contains(t)).count();
            let text = format!("{} {}", s.plan.statement, s.plan.action);
            (score_text(&s.plan.theme, &text, shared), s)
        })
        .filter(|(score, _)| *score >= 2)
        .collect();
    said.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.id.cmp(&a.1.id)));
    Ok(Related {
        insights: insights
            .into_iter()
            .take(RELATED_EACH)
            .map(|(_, h)| h)
            .collect(),
        projects: projects
            .into_iter()
            .take(RELATED_EACH)
            .map(|(_, p)| p)
            .collect(),
        said: said
            .into_iter()
            .take(RELATED_EACH)
            .map(|(_, s)| s)
            .collect(),
        words,
    })
}

/// A rough stem, so that "visits" finds "visit" and "caring" finds "care":
/// the search index stems properly; this is for the plain text matches.
fn stem(word: &str) -> &str {
    for ending in ["ing", "ers", "ies", "es", "s", "ed"] {
        if let Some(base) = word.strip_suffix(ending)
            && base.chars().count() >= 4
        {
            return base;
        }
    }
    word
}

fn stems(words: &[String]) -> Vec<String> {
    words.iter().map(|w| stem(w).to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_folders_and_quotes() {
        assert_eq!(clean_file_name("C:\\reports\\a \"b\".pdf"), "a b.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
    }

    #[test]
    fn stems_are_rough_but_safe() {
        assert_eq!(stem("visits"), "visit");
        assert_eq!(stem("caring"), "caring");
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("carers"), "carer");
    }
}
