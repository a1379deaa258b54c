//! The public insights pages: a search of what people told the
//! partnership and agreed could be shared, one public insight with what
//! was done about it, and its files. Nothing here needs signing in, and
//! nothing that is not public can be reached: the services read as the
//! public.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use coproduce_domain::{AttachmentId, InsightId};
use coproduce_services::insights::{self, InsightView};
use coproduce_services::people::Lists;
use coproduce_store::InsightRecord;

use super::insights::search::{Results, SearchForm, people_words, searched};
use super::insights::{FileLine, file_response, status_tag};
use super::{record_id, render};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/insights", get(search_page))
        .route("/insights/files/{file}", get(download))
        .route("/insights/{id}", get(show))
}

#[derive(Template)]
#[template(path = "public/insights.html")]
struct SearchPage {
    page: Page,
    errors: FormErrors,
    form: SearchForm,
    results: Results,
    staff: bool,
}

async fn search_page(
    State(state): State<AppState>,
    page: Page,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let found = searched(&state, None, "/insights", &pairs).await?;
    let view = SearchPage {
        page,
        errors: found.errors,
        form: found.form,
        results: found.results,
        staff: false,
    };
    Ok((found.status, render(&view)?).into_response())
}

/// What was done about it, as the public reads it.
struct DoneLine {
    theme: String,
    statement: String,
    action: String,
    status: &'static str,
    tag: &'static str,
    reason: Option<String>,
}

#[derive(Template)]
#[template(path = "public/insight.html")]
struct InsightPage {
    page: Page,
    record: InsightRecord,
    people: Option<String>,
    topics: Vec<String>,
    files: Vec<FileLine>,
    done: Vec<DoneLine>,
}

async fn show(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let id = InsightId(record_id(&id)?);
    let InsightView {
        record,
        attachments,
        said,
        ..
    } = insights::get(&state.services, None, id).await?;
    let lists = Lists::load(&state.services).await?;
    render(&InsightPage {
        page,
        people: record.plan.people_count.map(|n| people_words(i64::from(n))),
        topics: record
            .plan
            .topics
            .iter()
            .map(|t| lists.topic_label(t).to_owned())
            .collect(),
        files: attachments.iter().map(FileLine::new).collect(),
        // The services list only published entries to the public.
        done: said
            .into_iter()
            .map(|s| DoneLine {
                status: s.plan.status.label(),
                tag: status_tag(s.plan.status),
                theme: s.plan.theme,
                statement: s.plan.statement,
                action: s.plan.action,
                reason: s.plan.reason,
            })
            .collect(),
        record,
    })
}

async fn download(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, WebError> {
    let file = AttachmentId(record_id(&file)?);
    let file = insights::attachment(&state.services, None, file).await?;
    Ok(file_response(file))
}
