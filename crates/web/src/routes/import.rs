//! Importing a register spreadsheet: upload, confirm the columns, preview,
//! import, and download the rows that were not imported.

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use coproduce_domain::Action;
use coproduce_services::ServiceError;
use coproduce_services::import::{Field, MAX_FILE_BYTES};
use coproduce_services::people_import::{self, Batch, RowCheck};
use coproduce_services::staff::check;

use super::{record_id, render};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::session::Staff;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/staff/people/import",
            get(upload_form)
                .post(upload)
                .layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 64 * 1024)),
        )
        .route(
            "/staff/people/import/{id}",
            get(columns_form).post(save_columns),
        )
        .route("/staff/people/import/{id}/preview", get(preview))
        .route("/staff/people/import/{id}/run", post(run))
        .route("/staff/people/import/{id}/rejected.csv", get(rejected))
}

#[derive(Template)]
#[template(path = "import/upload.html")]
struct UploadPage {
    page: Page,
    errors: FormErrors,
}

async fn upload_form(staff: Staff, page: Page) -> Result<impl IntoResponse, WebError> {
    check(staff.actor().may(Action::ExportPeople))?;
    render(&UploadPage {
        page,
        errors: FormErrors::new(),
    })
}

async fn upload(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    check(actor.may(Action::ExportPeople))?;
    // Read after the permission check, so a refused role is told so
    // whatever it sent.
    let Ok(mut multipart) = multipart else {
        return again(page, "Choose a spreadsheet file to upload");
    };
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("").to_owned();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes.to_vec())),
                    Err(_) => {
                        return again(
                            page,
                            "The file could not be read. It must be smaller than 5 megabytes",
                        );
                    }
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => {
                return again(
                    page,
                    "The file could not be read. It must be smaller than 5 megabytes",
                );
            }
        }
    }
    let Some((name, bytes)) = file.filter(|(name, bytes)| !name.is_empty() || !bytes.is_empty())
    else {
        return again(page, "Choose a spreadsheet file to upload");
    };
    match people_import::upload(&state.services, &actor, &name, &bytes).await {
        Ok(id) => Ok(Redirect::to(&format!("/staff/people/import/{id}")).into_response()),
        Err(ServiceError::Invalid(problems)) => again(
            page,
            problems
                .into_iter()
                .map(|(_, m)| m)
                .next()
                .unwrap_or_default()
                .as_str(),
        ),
        Err(error) => Err(error.into()),
    }
}

fn again(page: Page, message: &str) -> Result<Response, WebError> {
    let mut errors = FormErrors::new();
    errors.add("file", message);
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        render(&UploadPage { page, errors })?,
    )
        .into_response())
}

/// A column of the file with the field chosen for it.
struct Column {
    index: usize,
    heading: String,
    examples: String,
    options: Vec<(&'static str, &'static str, bool)>,
}

#[derive(Template)]
#[template(path = "import/columns.html")]
struct ColumnsPage {
    page: Page,
    errors: FormErrors,
    id: i64,
    file_name: String,
    rows: usize,
    columns: Vec<Column>,
}

fn columns(batch: &Batch, chosen: &[Field]) -> Vec<Column> {
    (0..batch.table.headers.len())
        .map(|index| {
            let examples: Vec<&str> = batch
                .table
                .rows
                .iter()
                .filter_map(|r| r.cells.get(index).map(String::as_str))
                .filter(|c| !c.is_empty())
                .take(3)
                .collect();
            let current = chosen.get(index).copied().unwrap_or(Field::Ignore);
            Column {
                index,
                heading: batch.table.header_label(index),
                examples: examples.join(" · "),
                options: Field::ALL
                    .iter()
                    .map(|f| (f.key(), f.label(), *f == current))
                    .collect(),
            }
        })
        .collect()
}

async fn columns_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let batch = people_import::batch(&state.services, &staff.actor(), record_id(&id)?).await?;
    if batch.outcome.is_some() {
        return Ok(
            Redirect::to(&format!("/staff/people/import/{}/preview", batch.id)).into_response(),
        );
    }
    Ok(render(&ColumnsPage {
        page,
        errors: FormErrors::new(),
        id: batch.id,
        file_name: batch.file_name.clone(),
        rows: batch.table.rows.len(),
        columns: columns(&batch, &batch.mapping),
    })?
    .into_response())
}

async fn save_columns(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = staff.actor();
    let id = record_id(&id)?;
    let batch = people_import::batch(&state.services, &actor, id).await?;
    let keys: Vec<String> = (0..batch.table.headers.len())
        .map(|i| {
            let name = format!("column-{i}");
            fields
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| "ignore".into())
        })
        .collect();
    match people_import::set_mapping(&state.services, &actor, id, &keys).await {
        Ok(()) => Ok(Redirect::to(&format!("/staff/people/import/{id}/preview")).into_response()),
        Err(ServiceError::Invalid(problems)) => {
            let chosen: Vec<Field> = keys
                .iter()
                .map(|k| Field::from_key(k).unwrap_or(Field::Ignore))
                .collect();
            let mut errors = FormErrors::new();
            for (_, message) in problems {
                errors.add("column-0", message.clone());
                // Each message is shown once in the summary; the first column is
                // where the officer starts choosing again.
                if errors.iter().count() > 1 {
                    break;
                }
            }
            let page = ColumnsPage {
                page,
                errors,
                id,
                file_name: batch.file_name.clone(),
                rows: batch.table.rows.len(),
                columns: columns(&batch, &chosen),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

/// One row of the preview table.
struct PreviewRow {
    line: usize,
    name: String,
    verdict: &'static str,
    reasons: String,
}

#[derive(Template)]
#[template(path = "import/preview.html")]
struct PreviewPage {
    page: Page,
    id: i64,
    file_name: String,
    ready: usize,
    already: usize,
    rejected: usize,
    problems: Vec<(String, usize)>,
    rows: Vec<PreviewRow>,
    outcome: Option<people_import::Outcome>,
}

async fn preview(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let actor = staff.actor();
    let batch = people_import::batch(&state.services, &actor, record_id(&id)?).await?;
    if let Some(outcome) = batch.outcome.clone() {
        return render(&PreviewPage {
            page,
            id: batch.id,
            file_name: batch.file_name,
            ready: outcome.imported,
            already: outcome.already_on_register,
            rejected: outcome.rejected.len(),
            problems: Vec::new(),
            rows: Vec::new(),
            outcome: Some(outcome),
        });
    }
    let checks = people_import::preview(&state.services, &actor, &batch).await?;
    let problems = people_import::problem_counts(&checks);
    let mut ready = 0;
    let mut already = 0;
    let mut rejected = 0;
    let rows = checks
        .into_iter()
        .map(|(line, check)| match check {
            RowCheck::Ready(imported) => {
                ready += 1;
                PreviewRow {
                    line,
                    name: imported.profile.name,
                    verdict: "Ready",
                    reasons: String::new(),
                }
            }
            RowCheck::AlreadyOnRegister { name } => {
                already += 1;
                PreviewRow {
                    line,
                    name,
                    verdict: "Already on the register",
                    reasons: String::new(),
                }
            }
            RowCheck::Rejected(reasons) => {
                rejected += 1;
                PreviewRow {
                    line,
                    name: String::new(),
                    verdict: "Will not be imported",
                    reasons: reasons.join("; "),
                }
            }
        })
        .collect();
    render(&PreviewPage {
        page,
        id: batch.id,
        file_name: batch.file_name,
        ready,
        already,
        rejected,
        problems,
        rows,
        outcome: None,
    })
}

async fn run(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = record_id(&id)?;
    match people_import::run(&state.services, &staff.actor(), id).await {
        Ok(_) | Err(ServiceError::Invalid(_)) => {
            Ok(Redirect::to(&format!("/staff/people/import/{id}/preview")).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

async fn rejected(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let batch = people_import::batch(&state.services, &staff.actor(), record_id(&id)?).await?;
    if batch.outcome.is_none() {
        return Err(WebError::NotFound);
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"rows-not-imported.csv\"",
            ),
        ],
        people_import::rejected_csv(&batch),
    )
        .into_response())
}
