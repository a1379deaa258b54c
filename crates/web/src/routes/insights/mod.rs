//! The insights library's staff pages: the search, adding and changing an
//! insight (`form`), and an insight's page with its files (`show`). The
//! search form is shared with the public pages (`search`).

mod form;
pub(crate) mod search;
mod show;

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use coproduce_domain::insights::{ATTACHMENT_MAX_BYTES, ActionStatus, AttachmentType};
use coproduce_domain::{Action, Decision, InsightId, Organisation};
use coproduce_services::ServiceError;
use coproduce_services::staff::check;
use coproduce_store::AttachmentFile;

use self::search::{Results, SearchForm, searched};
use super::{record_id, render};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/insights", get(search_page))
        .route(
            "/staff/insights/new",
            get(form::new_form).post(form::create),
        )
        .route("/staff/insights/files/{file}", get(show::download))
        .route("/staff/insights/{id}", get(show::show))
        .route(
            "/staff/insights/{id}/edit",
            get(form::edit_form).post(form::update),
        )
        .route(
            "/staff/insights/{id}/files",
            // Room for the largest file we keep and the form around it.
            post(show::upload).layer(DefaultBodyLimit::max(ATTACHMENT_MAX_BYTES + 1024 * 1024)),
        )
        .route(
            "/staff/insights/{id}/files/{file}/remove",
            post(show::remove),
        )
}

fn insight_id(raw: &str) -> Result<InsightId, WebError> {
    Ok(InsightId(record_id(raw)?))
}

fn allowed(decision: Decision) -> bool {
    decision == Decision::Allowed
}

/// The partnership's organisations, for the organisation filter.
pub(crate) async fn organisations(state: &AppState) -> Result<Vec<Organisation>, WebError> {
    Ok(state
        .services
        .store
        .organisations()
        .await
        .map_err(ServiceError::from)?)
}

#[derive(Template)]
#[template(path = "insights/search.html")]
struct SearchPage {
    page: Page,
    errors: FormErrors,
    form: SearchForm,
    results: Results,
    staff: bool,
    can_add: bool,
}

async fn search_page(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    check(actor.may(Action::ViewInsights))?;
    let found = searched(&state, Some(&actor), "/staff/insights", &pairs).await?;
    let view = SearchPage {
        page,
        errors: found.errors,
        form: found.form,
        results: found.results,
        staff: true,
        can_add: allowed(actor.may(Action::ManageInsights)),
    };
    Ok((found.status, render(&view)?).into_response())
}

/// "120 KB", "1.5 MB".
pub(crate) fn size_words(bytes: i64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 1023) / 1024)
    } else {
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// An attached file as a line of a list.
pub(crate) struct FileLine {
    pub id: i64,
    pub name: String,
    pub kind: &'static str,
    pub size: String,
}

impl FileLine {
    pub fn new(info: &coproduce_store::AttachmentInfo) -> Self {
        Self {
            id: info.id.0,
            name: info.file_name.clone(),
            kind: AttachmentType::parse(&info.content_type).map_or("File", AttachmentType::label),
            size: size_words(info.size_bytes),
        }
    }
}

/// The colour of an action's status.
pub(crate) fn status_tag(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Planned => "govuk-tag--grey",
        ActionStatus::InProgress => "govuk-tag--blue",
        ActionStatus::Done => "govuk-tag--green",
        ActionStatus::NotPossible => "govuk-tag--red",
    }
}

/// The `Content-Disposition` of a download: the name as plain ASCII for
/// every browser, and in full (RFC 6266) when it has other letters. The
/// stored name has no quotes or control characters already.
fn disposition(name: &str) -> String {
    let plain: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .filter(|c| *c != '\\' && *c != '"')
        .collect();
    let mut disposition = format!("attachment; filename=\"{plain}\"");
    if !name.is_ascii() {
        disposition.push_str("; filename*=UTF-8''");
        for byte in name.bytes() {
            if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
                disposition.push(char::from(byte));
            } else {
                disposition.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    disposition
}

/// A file to download, with headers that keep browsers from opening it as
/// a page of ours or keeping a copy.
pub(crate) fn file_response(file: AttachmentFile) -> Response {
    let content_type = AttachmentType::parse(&file.info.content_type)
        .map_or("application/octet-stream", AttachmentType::as_str);
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                disposition(&file.info.file_name),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        file.content,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(super::size_words(120 * 1024), "120 KB");
        assert_eq!(super::size_words(1), "1 KB");
        assert_eq!(super::size_words(3 * 1024 * 1024 / 2), "1.5 MB");
    }

    #[test]
    fn download_names_are_safe_in_a_header() {
        assert_eq!(
            super::disposition("visits report.pdf"),
            "attachment; filename=\"visits report.pdf\""
        );
        assert_eq!(
            super::disposition("café\\plan.csv"),
            "attachment; filename=\"caf_plan.csv\"; filename*=UTF-8''caf%C3%A9%5Cplan.csv"
        );
    }
}
