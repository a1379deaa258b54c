//! An insight's staff page, with its files: uploading, removing and
//! downloading them.

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coproduce_domain::insights::{ATTACHMENT_MAX_BYTES, Visibility};
use coproduce_domain::{AttachmentId, InsightId};
use coproduce_services::ServiceError;
use coproduce_services::insights::{self, InsightView};
use coproduce_services::people::Lists;
use coproduce_store::InsightRecord;

use super::search::{people_words, visibility_tag};
use super::{FileLine, file_response, insight_id, status_tag};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::routes::{record_id, render, uk_time};
use crate::session::Staff;
use crate::state::AppState;

/// A "you said, we did" entry from the insight, as a line of a list.
pub(crate) struct SaidLine {
    pub id: i64,
    pub theme: String,
    pub statement: String,
    pub action: String,
    pub status: &'static str,
    pub tag: &'static str,
}

impl SaidLine {
    pub fn new(said: &coproduce_store::SaidRecord) -> Self {
        Self {
            id: said.id.0,
            theme: said.plan.theme.clone(),
            statement: said.plan.statement.clone(),
            action: said.plan.action.clone(),
            status: said.plan.status.label(),
            tag: status_tag(said.plan.status),
        }
    }
}

/// An insight's facts in words, for its summary list.
struct Facts {
    source: String,
    happened_on: String,
    people: String,
    topics: Vec<String>,
    service_areas: Vec<&'static str>,
    localities: Vec<String>,
    visibility: (&'static str, &'static str),
    added: String,
    changed: Option<String>,
}

impl Facts {
    fn new(record: &InsightRecord, lists: &Lists) -> Self {
        let plan = &record.plan;
        let source = match (&record.project_title, &record.activity_title) {
            (Some(project), _) => format!("{}: {project}", plan.source.label()),
            (None, Some(activity)) => format!("{}: {activity}", plan.source.label()),
            _ => plan.source.label().to_owned(),
        };
        let added = match &record.created_by {
            Some(who) => format!("By {who} on {}", uk_time(record.created_at)),
            None => uk_time(record.created_at),
        };
        Self {
            source,
            happened_on: plan
                .happened_on
                .map_or_else(|| "Not recorded".to_owned(), |d| d.to_string()),
            people: plan
                .people_count
                .map_or_else(|| "Not recorded".to_owned(), |n| people_words(i64::from(n))),
            topics: plan
                .topics
                .iter()
                .map(|t| lists.topic_label(t).to_owned())
                .collect(),
            service_areas: plan.service_areas.iter().map(|a| a.label()).collect(),
            localities: plan
                .localities
                .iter()
                .map(|l| lists.locality_label(l).to_owned())
                .collect(),
            visibility: visibility_tag(plan.visibility),
            added,
            changed: (record.updated_at > record.created_at).then(|| uk_time(record.updated_at)),
        }
    }
}

#[derive(Template)]
#[template(path = "insights/show.html")]
struct ShowPage {
    page: Page,
    errors: FormErrors,
    done: Option<&'static str>,
    record: InsightRecord,
    facts: Facts,
    visibility_label: &'static str,
    files: Vec<FileLine>,
    said: Vec<SaidLine>,
    can_change: bool,
    can_add_file: bool,
}

async fn show_page(
    state: &AppState,
    staff: &Staff,
    page: Page,
    id: InsightId,
    errors: FormErrors,
    done: Option<&'static str>,
) -> Result<ShowPage, WebError> {
    let InsightView {
        record,
        attachments,
        said,
        can_change,
    } = insights::get(&state.services, Some(&staff.actor()), id).await?;
    let lists = Lists::load(&state.services).await?;
    Ok(ShowPage {
        page,
        errors,
        done,
        facts: Facts::new(&record, &lists),
        visibility_label: record.plan.visibility.label(),
        can_add_file: can_change && attachments.len() < coproduce_domain::insights::ATTACHMENTS_MAX,
        files: attachments.iter().map(FileLine::new).collect(),
        said: said.iter().map(SaidLine::new).collect(),
        can_change,
        record,
    })
}

fn done_message(pairs: &[(String, String)]) -> Option<&'static str> {
    let done = pairs
        .iter()
        .find(|(k, _)| k == "done")
        .map_or("", |(_, v)| v.as_str());
    match done {
        "added" => Some("The insight has been added to the library."),
        "changed" => Some("Your changes have been saved."),
        "attached" => Some("The file has been attached. Its words can now be searched."),
        "removed" => Some("The file has been removed."),
        _ => None,
    }
}

pub(super) async fn show(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = insight_id(&id)?;
    let view = show_page(
        &state,
        &staff,
        page,
        id,
        FormErrors::new(),
        done_message(&pairs),
    )
    .await?;
    Ok(render(&view)?.into_response())
}

/// Reads the file from an upload form, or says what was wrong.
async fn uploaded(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(String, Vec<u8>), &'static str> {
    const MISSING: &str = "Choose a file to attach";
    const UNREADABLE: &str =
        "The file could not be read. It must be smaller than 10 MB. Try sending it again";
    let Ok(mut multipart) = multipart else {
        return Err(MISSING);
    };
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("").to_owned();
                match field.bytes().await {
                    Ok(bytes) if bytes.len() > ATTACHMENT_MAX_BYTES => {
                        return Err("The file must be smaller than 10 MB");
                    }
                    Ok(bytes) => file = Some((name, bytes.to_vec())),
                    Err(_) => return Err(UNREADABLE),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return Err(UNREADABLE),
        }
    }
    file.filter(|(name, bytes)| !name.is_empty() || !bytes.is_empty())
        .ok_or(MISSING)
}

pub(super) async fn upload(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let id = insight_id(&id)?;
    let actor = staff.actor();
    // Checked before the upload is read, so that a refusal is the same
    // whatever was sent.
    insights::for_change(&state.services, &actor, id).await?;
    let outcome = match uploaded(multipart).await {
        Ok((name, bytes)) => insights::attach(&state.services, &actor, id, &name, bytes)
            .await
            .map(|_| ()),
        Err(message) => Err(ServiceError::field("file", message)),
    };
    match outcome {
        Ok(()) => {
            Ok(Redirect::to(&format!("/staff/insights/{id}?done=attached#files")).into_response())
        }
        Err(ServiceError::Invalid(problems)) => {
            let mut errors = FormErrors::new();
            for (_, message) in problems {
                errors.add("file", message);
            }
            let view = show_page(&state, &staff, page, id, errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

pub(super) async fn remove(
    State(state): State<AppState>,
    staff: Staff,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id = insight_id(&id)?;
    let file = AttachmentId(record_id(&file)?);
    insights::remove_attachment(&state.services, &staff.actor(), id, file).await?;
    Ok(Redirect::to(&format!("/staff/insights/{id}?done=removed#files")).into_response())
}

pub(super) async fn download(
    State(state): State<AppState>,
    staff: Staff,
    Path(file): Path<String>,
) -> Result<Response, WebError> {
    let file = AttachmentId(record_id(&file)?);
    let file = insights::attachment(&state.services, Some(&staff.actor()), file).await?;
    Ok(file_response(file))
}

impl ShowPage {
    /// Whether the public can read the insight, for the page's note.
    fn public(&self) -> bool {
        self.record.plan.visibility == Visibility::Public
    }
}
