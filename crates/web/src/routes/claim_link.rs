//! Expenses claim forms: the person's own, reached by their personal link
//! without an account, and staff claiming for someone. Both share one set
//! of questions (`claim/fields.html`) and one reader of the uploaded form.
//!
//! The forms are multipart (they carry a receipt), so their form token is
//! in the form's address, where the CSRF check reads it. The body limit on
//! these routes is a little above the biggest receipt, so a receipt that
//! is too big still arrives whole and is refused with a message; a body
//! bigger still is cut off and refused with a message too.

use askama::Template;
use axum::Router;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use coproduce_domain::dates::parse_uk_date;
use coproduce_domain::payments::{ExpenseKind, RECEIPT_MAX_BYTES, tax_year_of};
use coproduce_domain::{Action, ActivityId, Actor, PersonId};
use coproduce_services::claims::{self, ClaimAnswers, Claimant, Upload};
use coproduce_services::staff::check;
use coproduce_services::{ServiceError, clock, payment_runs};
use coproduce_store::ClaimRecord;

use super::{record_id, render};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::profile_form::Choice;
use crate::session::Staff;
use crate::state::AppState;

/// The most a claim form may send: the biggest receipt and room for the
/// other answers.
const FORM_MAX_BYTES: usize = RECEIPT_MAX_BYTES + 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/staff/people/{id}/claims/new",
            get(staff_form)
                .post(staff_submit)
                .layer(DefaultBodyLimit::max(FORM_MAX_BYTES)),
        )
        .route(
            "/claim/{token}",
            get(link_form)
                .post(link_submit)
                .layer(DefaultBodyLimit::max(FORM_MAX_BYTES)),
        )
        .route("/claim/{token}/done", get(link_done))
}

/// The fields in the order the form asks them, for the error summary.
const FIELD_ORDER: &[&str] = &[
    "kind",
    "date",
    "activity",
    "amount",
    "miles",
    "description",
    "receipt",
    "declaration",
];

const TOO_LARGE: &str =
    "The receipt must be smaller than 5 MB. Choose a smaller file, or leave the receipt out";
const UNREADABLE: &str = "The form could not be read whole. Send it again";

// ------------------------------------------------------------- the form

/// What a claim form sent.
#[derive(Default)]
struct Sent {
    answers: ClaimAnswers,
    receipt: Option<Upload>,
    /// Why part of the form could not be read, such as a body over the
    /// limit. Nothing is claimed from a form read in part: a receipt may
    /// be missing from it.
    unreadable: Option<&'static str>,
}

impl Sent {
    /// Whether a receipt file was chosen (an empty file input sends a part
    /// with no name and no bytes).
    fn has_receipt(&self) -> bool {
        self.unreadable.is_some()
            || self
                .receipt
                .as_ref()
                .is_some_and(|r| !r.bytes.is_empty() || !r.file_name.is_empty())
    }
}

fn unreadable(error: &MultipartError) -> &'static str {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        TOO_LARGE
    } else {
        UNREADABLE
    }
}

/// Reads a claim form. A body that is not a multipart form (an empty
/// post) reads as no answers, so it is refused like an empty form.
async fn read_claim(multipart: Result<Multipart, MultipartRejection>) -> Sent {
    let mut sent = Sent::default();
    let Ok(mut multipart) = multipart else {
        return sent;
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => {
                sent.unreadable = Some(unreadable(&error));
                break;
            }
        };
        let name = field.name().unwrap_or("").to_owned();
        if name == "receipt" {
            let file_name = field.file_name().unwrap_or("").to_owned();
            match field.bytes().await {
                Ok(bytes) => {
                    sent.receipt = Some(Upload {
                        file_name,
                        bytes: bytes.to_vec(),
                    });
                }
                Err(error) => {
                    sent.unreadable = Some(unreadable(&error));
                    break;
                }
            }
            continue;
        }
        let text = match field.text().await {
            Ok(text) => text,
            Err(error) => {
                sent.unreadable = Some(unreadable(&error));
                break;
            }
        };
        let answers = &mut sent.answers;
        match name.as_str() {
            "kind" => answers.kind = text,
            "date" => answers.date = text,
            "activity" => answers.activity = text,
            "amount" => answers.amount = text,
            "miles" => answers.miles = text,
            "description" => answers.description = text,
            "declaration" => answers.declaration = text == "yes",
            _ => {}
        }
    }
    sent
}

/// The questions of a claim with the answers given, shared by both forms.
struct ClaimForm {
    /// Where the form is sent, without its form token.
    action: String,
    /// Staff claiming for someone (the words speak of "they", not "you").
    staff: bool,
    /// The organisation that sets the rate per mile, for the person's
    /// form; staff read "your organisation".
    organisation: Option<String>,
    answers: ClaimAnswers,
    kinds: Vec<Choice>,
    activities: Vec<Choice>,
    /// A receipt came with a form that was refused: files cannot be kept,
    /// so it must be chosen again.
    receipt_again: bool,
}

impl ClaimForm {
    fn new(
        action: String,
        organisation: Option<String>,
        answers: ClaimAnswers,
        activities: &[(ActivityId, String, i64)],
    ) -> Self {
        let kinds = ExpenseKind::ALL
            .iter()
            .map(|k| Choice {
                value: k.as_str().to_owned(),
                label: k.label().to_owned(),
                checked: answers.kind.trim() == k.as_str(),
            })
            .collect();
        let activities = activities
            .iter()
            .map(|(id, title, starts_at)| {
                let value = id.to_string();
                let label = match coproduce_domain::activity::london(*starts_at) {
                    Some((day, _, _)) => format!("{title}, {day}"),
                    None => title.clone(),
                };
                Choice {
                    checked: answers.activity.trim() == value,
                    value,
                    label,
                }
            })
            .collect();
        Self {
            action,
            staff: organisation.is_none(),
            organisation,
            answers,
            kinds,
            activities,
            receipt_again: false,
        }
    }
}

/// The messages for a refused claim.
fn refusal(sent: &Sent, problems: Vec<(&'static str, String)>) -> (FormErrors, bool) {
    let mut errors = FormErrors::from_service(problems);
    if let Some(message) = sent.unreadable {
        errors.add("receipt", message);
    }
    let receipt_again = sent.has_receipt() && errors.get("receipt").is_none();
    (errors.sorted_by(FIELD_ORDER), receipt_again)
}

// ------------------------------------------------- staff, for someone

#[derive(Template)]
#[template(path = "claim/staff.html")]
struct StaffPage {
    page: Page,
    errors: FormErrors,
    id: PersonId,
    name: String,
    form: ClaimForm,
}

async fn staff_page(
    state: &AppState,
    actor: &Actor,
    page: Page,
    id: PersonId,
    answers: ClaimAnswers,
) -> Result<StaffPage, WebError> {
    // The person's payments view checks they are on this organisation's
    // register and records the view.
    let person = payment_runs::person(&state.services, actor, id, None).await?;
    let attended = state
        .services
        .store
        .attended_activities(id)
        .await
        .map_err(ServiceError::from)?;
    Ok(StaffPage {
        page,
        errors: FormErrors::new(),
        id,
        name: person.name,
        form: ClaimForm::new(
            format!("/staff/people/{id}/claims/new"),
            None,
            answers,
            &attended,
        ),
    })
}

async fn staff_form(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = PersonId(record_id(&id)?);
    let actor = staff.actor();
    check(actor.may(Action::RecordPayments))?;
    let view = staff_page(&state, &actor, page, id, ClaimAnswers::default()).await?;
    Ok(render(&view)?.into_response())
}

async fn staff_submit(
    State(state): State<AppState>,
    staff: Staff,
    page: Page,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let id = PersonId(record_id(&id)?);
    let actor = staff.actor();
    // Checked before the form is read, so a refused role is told so
    // whatever it sent.
    check(actor.may(Action::RecordPayments))?;
    let sent = read_claim(multipart).await;
    let problems = if sent.unreadable.is_some() {
        Vec::new()
    } else {
        let outcome = claims::submit(
            &state.services,
            Claimant::Staff(&actor),
            id,
            &sent.answers,
            sent.receipt.as_ref(),
        )
        .await;
        match outcome {
            Ok(claim) => {
                let year = parse_uk_date(&sent.answers.date)
                    .map(tax_year_of)
                    .map(|y| format!("tax_year={y}&"))
                    .unwrap_or_default();
                return Ok(Redirect::to(&format!(
                    "/staff/people/{id}/payments?{year}done=claim&claim={claim}#expenses"
                ))
                .into_response());
            }
            Err(ServiceError::Invalid(problems)) => problems,
            Err(error) => return Err(error.into()),
        }
    };
    let (errors, receipt_again) = refusal(&sent, problems);
    let mut view = staff_page(&state, &actor, page, id, sent.answers).await?;
    view.errors = errors;
    view.form.receipt_again = receipt_again;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
}

// ------------------------------------------- the person, through their link

/// A claim the person made, as their page lists it.
struct ClaimLine {
    kind: &'static str,
    spent_on: String,
    amount: String,
    status: &'static str,
    rejection: Option<String>,
}

impl ClaimLine {
    fn new(claim: &ClaimRecord) -> Self {
        Self {
            kind: claim.kind.label(),
            spent_on: claim.spent_on.to_string(),
            amount: claim.amount.to_string(),
            status: claim.progress.status.label(),
            rejection: claim.progress.rejection_reason.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "claim/person.html")]
struct PersonPage {
    page: Page,
    errors: FormErrors,
    first_name: String,
    organisation: String,
    claims: Vec<ClaimLine>,
    form: ClaimForm,
}

#[derive(Template)]
#[template(path = "claim/done.html")]
struct DonePage {
    page: Page,
    first_name: String,
    organisation: String,
    token: String,
}

#[derive(Template)]
#[template(path = "claim/problem.html")]
struct ProblemPage {
    page: Page,
}

/// The person's pages list their claims: browsers must not keep them, so
/// a shared computer does not show them to the next person.
const NOT_STORED: [(header::HeaderName, &str); 1] = [(header::CACHE_CONTROL, "no-store")];

/// The calm page for a link that is not genuine, has expired, or names
/// nobody on the register now.
fn link_problem(page: Page) -> Result<Response, WebError> {
    Ok((StatusCode::NOT_FOUND, render(&ProblemPage { page })?).into_response())
}

/// The person's claim page, with what was wrong with a refused claim; the
/// calm problem page when the link does not work.
async fn person_page(
    state: &AppState,
    page: Page,
    token: &str,
    answers: ClaimAnswers,
    refused: Option<(FormErrors, bool)>,
) -> Result<Response, WebError> {
    let view = match claims::link_page(&state.services, token).await {
        Ok(view) => view,
        Err(ServiceError::NotFound) => return link_problem(page),
        Err(error) => return Err(error.into()),
    };
    let mut form = ClaimForm::new(
        format!("/claim/{token}"),
        Some(view.organisation_name.clone()),
        answers,
        &view.activities,
    );
    let (status, errors) = match refused {
        Some((errors, receipt_again)) => {
            form.receipt_again = receipt_again;
            (StatusCode::UNPROCESSABLE_ENTITY, errors)
        }
        None => (StatusCode::OK, FormErrors::new()),
    };
    let page = PersonPage {
        page,
        errors,
        first_name: view.first_name,
        organisation: view.organisation_name,
        claims: view.claims.iter().map(ClaimLine::new).collect(),
        form,
    };
    Ok((status, NOT_STORED, render(&page)?).into_response())
}

async fn link_form(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    person_page(&state, page, &token, ClaimAnswers::default(), None).await
}

async fn link_submit(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let Some(person) = claims::read_link(&state.services, &token, clock::now()) else {
        return link_problem(page);
    };
    let sent = read_claim(multipart).await;
    let problems = if sent.unreadable.is_some() {
        Vec::new()
    } else {
        let outcome = claims::submit(
            &state.services,
            Claimant::Person,
            person,
            &sent.answers,
            sent.receipt.as_ref(),
        )
        .await;
        match outcome {
            Ok(_) => return Ok(Redirect::to(&format!("/claim/{token}/done")).into_response()),
            Err(ServiceError::Invalid(problems)) => problems,
            Err(ServiceError::NotFound) => return link_problem(page),
            Err(error) => return Err(error.into()),
        }
    };
    let refused = refusal(&sent, problems);
    person_page(&state, page, &token, sent.answers, Some(refused)).await
}

async fn link_done(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    match claims::link_page(&state.services, &token).await {
        Ok(view) => {
            let done = DonePage {
                page,
                first_name: view.first_name,
                organisation: view.organisation_name,
                token,
            };
            Ok((NOT_STORED, render(&done)?).into_response())
        }
        Err(ServiceError::NotFound) => link_problem(page),
        Err(error) => Err(error.into()),
    }
}
