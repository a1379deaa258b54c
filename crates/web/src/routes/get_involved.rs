//! The public "get involved" journey: one question a page, a check of the
//! answers, and a confirmation; also in easy read. Works without an account
//! and without JavaScript. Answers are kept between pages as a draft tied to
//! the visitor cookie.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Form, Router};
use coproduce_services::people::{self, Answers, Lists};
use coproduce_services::{ServiceError, drafts};
use serde::{Deserialize, Serialize};

use super::render;
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::{Page, TextSize};
use crate::profile_form::{ProfileForm, answers_from_form, copy_fields};
use crate::session::Visitor;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/get-involved", get(start::<false>))
        .route("/get-involved/easy-read", get(start::<true>))
        .route(
            "/get-involved/check",
            get(check_page::<false>).post(send::<false>),
        )
        .route(
            "/get-involved/easy-read/check",
            get(check_page::<true>).post(send::<true>),
        )
        .route("/get-involved/done", get(done::<false>))
        .route("/get-involved/easy-read/done", get(done::<true>))
        .route("/get-involved/equality", get(equality_form).post(equality))
        .route(
            "/get-involved/{step}",
            get(question::<false>).post(answer::<false>),
        )
        .route(
            "/get-involved/easy-read/{step}",
            get(question::<true>).post(answer::<true>),
        )
}

const FORM: &str = "get-involved";

/// One page of the journey: its address and the answers it asks for.
pub struct Step {
    pub slug: &'static str,
    /// What the question is about, for the check page.
    pub summary: &'static str,
    pub fields: &'static [&'static str],
}

pub const STEPS: [Step; 10] = [
    Step {
        slug: "name",
        summary: "Name",
        fields: &["name"],
    },
    Step {
        slug: "contact",
        summary: "How to contact you",
        fields: &[
            "contact_methods",
            "email",
            "phone",
            "address",
            "postcode",
            "supporter_name",
            "supporter_contact",
        ],
    },
    Step {
        slug: "formats",
        summary: "Formats that help you",
        fields: &["formats", "other_language"],
    },
    Step {
        slug: "access",
        summary: "What you need to take part",
        fields: &["access_needs", "access_other"],
    },
    Step {
        slug: "experience",
        summary: "How you know about care",
        fields: &["experience_types"],
    },
    Step {
        slug: "areas",
        summary: "What you know about",
        fields: &["experience_areas", "experience_other"],
    },
    Step {
        slug: "topics",
        summary: "Topics you care about",
        fields: &["topics"],
    },
    Step {
        slug: "where",
        summary: "Where you live",
        fields: &["localities"],
    },
    Step {
        slug: "when",
        summary: "When you can take part",
        fields: &["days", "times", "modes"],
    },
    Step {
        slug: "recognition",
        summary: "How to thank you",
        fields: &["recognition"],
    },
];

fn step_of(field: &str) -> &'static Step {
    STEPS
        .iter()
        .find(|s| s.fields.contains(&field))
        .unwrap_or(&STEPS[0])
}

fn base(easy: bool) -> &'static str {
    if easy {
        "/get-involved/easy-read"
    } else {
        "/get-involved"
    }
}

/// What is kept between pages.
#[derive(Serialize, Deserialize, Default)]
struct Draft {
    answers: Answers,
    /// Once the check page has been seen, "continue" goes back to it.
    reached_check: bool,
    /// Set after sending, so the equality questions can follow.
    sent: bool,
}

fn visitor(visitor: &Option<Extension<Visitor>>) -> Result<String, WebError> {
    visitor
        .as_ref()
        .map(|Extension(v)| v.0.clone())
        .ok_or_else(|| {
            WebError::BadRequest("Your browser must accept cookies to use this form".into())
        })
}

async fn load(state: &AppState, visitor: &str) -> Result<Draft, WebError> {
    Ok(drafts::load(&state.services, FORM, visitor)
        .await?
        .unwrap_or_default())
}

/// Easy read pages start with larger text.
fn easy_page(mut page: Page, easy: bool) -> Page {
    if easy && page.text_size == TextSize::Normal {
        page.text_size = TextSize::Large;
    }
    page
}

#[derive(Template)]
#[template(path = "get_involved/start.html")]
struct StartPage {
    page: Page,
    easy: bool,
    first: &'static str,
}

async fn start<const EASY: bool>(page: Page) -> Result<impl IntoResponse, WebError> {
    render(&StartPage {
        page: easy_page(page, EASY),
        easy: EASY,
        first: STEPS[0].slug,
    })
}

#[derive(Template)]
#[template(path = "get_involved/question.html")]
struct QuestionPage {
    page: Page,
    easy: bool,
    step: &'static str,
    number: usize,
    total: usize,
    back: String,
    action: String,
    errors: FormErrors,
    form: ProfileForm,
}

fn find(step: &str) -> Result<(usize, &'static Step), WebError> {
    STEPS
        .iter()
        .enumerate()
        .find(|(_, s)| s.slug == step)
        .ok_or(WebError::NotFound)
}

fn question_page(
    page: Page,
    easy: bool,
    index: usize,
    errors: FormErrors,
    answers: Answers,
    lists: &Lists,
) -> QuestionPage {
    let step = &STEPS[index];
    let back = if index == 0 {
        base(easy).to_owned()
    } else {
        format!("{}/{}", base(easy), STEPS[index - 1].slug)
    };
    QuestionPage {
        page: easy_page(page, easy),
        easy,
        step: step.slug,
        number: index + 1,
        total: STEPS.len(),
        back,
        action: format!("{}/{}", base(easy), step.slug),
        errors,
        form: ProfileForm::new(answers, lists),
    }
}

async fn question<const EASY: bool>(
    State(state): State<AppState>,
    page: Page,
    visitor_id: Option<Extension<Visitor>>,
    Path(step): Path<String>,
) -> Result<impl IntoResponse, WebError> {
    let (index, _) = find(&step)?;
    let draft = load(&state, &visitor(&visitor_id)?).await?;
    let lists = Lists::load(&state.services).await?;
    render(&question_page(
        page,
        EASY,
        index,
        FormErrors::new(),
        draft.answers,
        &lists,
    ))
}

async fn answer<const EASY: bool>(
    State(state): State<AppState>,
    page: Page,
    visitor_id: Option<Extension<Visitor>>,
    Path(step): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (index, step) = find(&step)?;
    let visitor = visitor(&visitor_id)?;
    let mut draft = load(&state, &visitor).await?;
    copy_fields(&mut draft.answers, &answers_from_form(&fields), step.fields);
    draft.sent = false;
    drafts::save(&state.services, FORM, &visitor, &draft).await?;
    let lists = Lists::load(&state.services).await?;
    let (_, problems) = draft.answers.check(&lists);
    let mine: Vec<_> = problems
        .into_iter()
        .filter(|(f, _)| step.fields.contains(f))
        .collect();
    if !mine.is_empty() {
        let page = question_page(
            page,
            EASY,
            index,
            FormErrors::from_service(mine),
            draft.answers,
            &lists,
        );
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    let next = match STEPS.get(index + 1) {
        Some(next) if !draft.reached_check => format!("{}/{}", base(EASY), next.slug),
        _ => format!("{}/check", base(EASY)),
    };
    Ok(Redirect::to(&next).into_response())
}

/// One answer on the check page.
struct Row {
    key: &'static str,
    value: String,
    change: String,
}

#[derive(Template)]
#[template(path = "get_involved/check.html")]
struct CheckPage {
    page: Page,
    easy: bool,
    rows: Vec<Row>,
    /// (link, message) for each problem, linking to its question.
    problems: Vec<(String, String)>,
    consent_error: bool,
    action: String,
    notice_version: &'static str,
}

fn or_none(value: &str) -> String {
    if value.trim().is_empty() {
        "None given".to_owned()
    } else {
        value.trim().to_owned()
    }
}

fn rows(answers: &Answers, lists: &Lists, easy: bool) -> Vec<Row> {
    let form = ProfileForm::new(answers.clone(), lists);
    let a = &form.answers;
    let contact = {
        let mut parts = vec![ProfileForm::chosen(&form.contact_methods)];
        for value in [
            &a.email,
            &a.phone,
            &a.address,
            &a.postcode,
            &a.supporter_name,
            &a.supporter_contact,
        ] {
            if !value.trim().is_empty() {
                parts.push(value.trim().to_owned());
            }
        }
        parts.join("\n")
    };
    let with_other = |chosen: String, other: &str| {
        if other.trim().is_empty() {
            chosen
        } else {
            format!("{chosen}\n{}", other.trim())
        }
    };
    let values = [
        or_none(&a.name),
        contact,
        with_other(ProfileForm::chosen(&form.formats), &a.other_language),
        with_other(ProfileForm::chosen(&form.access_needs), &a.access_other),
        ProfileForm::chosen(&form.experience_types),
        with_other(
            ProfileForm::chosen(&form.experience_areas),
            &a.experience_other,
        ),
        ProfileForm::chosen(&form.topics),
        ProfileForm::chosen(&form.localities),
        when(&form),
        ProfileForm::chosen(&form.recognition),
    ];
    STEPS
        .iter()
        .zip(values)
        .map(|(step, value)| Row {
            key: step.summary,
            value,
            change: format!("{}/{}", base(easy), step.slug),
        })
        .collect()
}

/// The three parts of "when can you take part", one line each.
pub fn when(form: &ProfileForm) -> String {
    format!(
        "Days: {}\nTimes: {}\nOnline or in person: {}",
        ProfileForm::chosen(&form.days),
        ProfileForm::chosen(&form.times),
        ProfileForm::chosen(&form.modes)
    )
}

async fn check_page<const EASY: bool>(
    State(state): State<AppState>,
    page: Page,
    visitor_id: Option<Extension<Visitor>>,
) -> Result<Response, WebError> {
    let visitor = visitor(&visitor_id)?;
    let mut draft = load(&state, &visitor).await?;
    if draft.answers == Answers::default() {
        return Ok(Redirect::to(base(EASY)).into_response());
    }
    draft.reached_check = true;
    drafts::save(&state.services, FORM, &visitor, &draft).await?;
    let lists = Lists::load(&state.services).await?;
    Ok(render(&CheckPage {
        page: easy_page(page, EASY),
        easy: EASY,
        rows: rows(&draft.answers, &lists, EASY),
        problems: Vec::new(),
        consent_error: false,
        action: format!("{}/check", base(EASY)),
        notice_version: coproduce_domain::person::PRIVACY_NOTICE_VERSION,
    })?
    .into_response())
}

#[derive(Deserialize)]
struct SendForm {
    #[serde(default)]
    consent: Option<String>,
}

async fn send<const EASY: bool>(
    State(state): State<AppState>,
    page: Page,
    visitor_id: Option<Extension<Visitor>>,
    Form(form): Form<SendForm>,
) -> Result<Response, WebError> {
    let visitor = visitor(&visitor_id)?;
    let mut draft = load(&state, &visitor).await?;
    let lists = Lists::load(&state.services).await?;
    let (profile, problems) = draft.answers.check(&lists);
    let consent = form.consent.as_deref() == Some("yes");
    if !problems.is_empty() || !consent {
        let mut links: Vec<(String, String)> = problems
            .into_iter()
            .map(|(field, message)| (format!("{}/{}", base(EASY), step_of(field).slug), message))
            .collect();
        if !consent {
            links.push((
                "#consent".into(),
                "Tick the box to say you agree, so we can keep your details".into(),
            ));
        }
        let page = CheckPage {
            page: easy_page(page, EASY),
            easy: EASY,
            rows: rows(&draft.answers, &lists, EASY),
            problems: links,
            consent_error: !consent,
            action: format!("{}/check", base(EASY)),
            notice_version: coproduce_domain::person::PRIVACY_NOTICE_VERSION,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    }
    people::apply(&state.services, &profile, EASY, &state.partnership_name).await?;
    draft = Draft {
        sent: true,
        ..Draft::default()
    };
    drafts::save(&state.services, FORM, &visitor, &draft).await?;
    Ok(Redirect::to(&format!("{}/done", base(EASY))).into_response())
}

#[derive(Template)]
#[template(path = "get_involved/done.html")]
struct DonePage {
    page: Page,
    easy: bool,
}

async fn done<const EASY: bool>(page: Page) -> Result<impl IntoResponse, WebError> {
    render(&DonePage {
        page: easy_page(page, EASY),
        easy: EASY,
    })
}

/// One equality question with its answers, for the template.
struct EqualityQuestion {
    column: &'static str,
    text: &'static str,
    answers: Vec<(&'static str, &'static str, bool)>,
}

#[derive(Template)]
#[template(path = "get_involved/equality.html")]
struct EqualityPage {
    page: Page,
    questions: Vec<EqualityQuestion>,
    errors: FormErrors,
}

fn equality_questions(chosen: &[String; 7]) -> Vec<EqualityQuestion> {
    coproduce_domain::equality::QUESTIONS
        .iter()
        .zip(chosen)
        .map(|(q, chosen)| EqualityQuestion {
            column: q.column,
            text: q.text,
            answers: q
                .answers
                .iter()
                .map(|(code, label)| (*code, *label, chosen == code))
                .collect(),
        })
        .collect()
}

async fn equality_form(
    State(state): State<AppState>,
    page: Page,
    visitor_id: Option<Extension<Visitor>>,
) -> Result<Response, WebError> {
    let draft = load(&state, &visitor(&visitor_id)?).await?;
    if !draft.sent {
        return Ok(Redirect::to("/get-involved").into_response());
    }
    Ok(render(&EqualityPage {
        page,
        questions: equality_questions(&Default::default()),
        errors: FormErrors::new(),
    })?
    .into_response())
}

async fn equality(
    State(state): State<AppState>,
    page: Page,
    visitor_id: Option<Extension<Visitor>>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let visitor = visitor(&visitor_id)?;
    let draft = load(&state, &visitor).await?;
    if !draft.sent {
        return Ok(Redirect::to("/get-involved").into_response());
    }
    let mut chosen: [String; 7] = Default::default();
    for (index, question) in coproduce_domain::equality::QUESTIONS.iter().enumerate() {
        if let Some((_, value)) = fields.iter().find(|(k, _)| k == question.column) {
            chosen[index].clone_from(value);
        }
    }
    match people::record_equality(&state.services, &chosen).await {
        Ok(()) => {}
        Err(ServiceError::Invalid(problems)) => {
            let page = EqualityPage {
                page,
                questions: equality_questions(&chosen),
                errors: FormErrors::from_service(problems),
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
        Err(error) => return Err(error.into()),
    }
    drafts::discard(&state.services, FORM, &visitor).await?;
    Ok(render(&super::MessagePage {
        page,
        title: "Thank you",
        paragraphs: vec![
            "We have your answers. They are kept apart from your details and only counted with everyone else's.".into(),
            "They help us check that the people we work with reflect everyone who lives here.".into(),
        ],
        link: Some(("/", "Go to the home page")),
    })?
    .into_response())
}
