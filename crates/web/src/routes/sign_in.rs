//! Signing in and out, and choosing a password through an emailed link.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use coproduce_domain::Email;
use coproduce_services::ServiceError;
use coproduce_services::auth::{self, SignInError};
use serde::Deserialize;

use super::{MessagePage, render};
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::Page;
use crate::routes::public::safe_return;
use crate::session::{SESSION_COOKIE, SignedInUser, build_cookie};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sign-in", get(sign_in_form).post(sign_in))
        .route("/sign-out", post(sign_out))
        .route("/forgot-password", get(forgot_form).post(forgot))
        .route("/password/{token}", get(password_form).post(set_password))
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    page: Page,
    errors: FormErrors,
    email: String,
    next: String,
    signed_out: bool,
}

#[derive(Deserialize, Default)]
struct SignInQuery {
    #[serde(default)]
    next: String,
    #[serde(default)]
    signed_out: Option<String>,
}

async fn sign_in_form(page: Page, Query(query): Query<SignInQuery>) -> Result<Response, WebError> {
    if page.user.is_some() {
        return Ok(Redirect::to("/staff").into_response());
    }
    Ok(render(&SignInPage {
        page,
        errors: FormErrors::new(),
        email: String::new(),
        next: query.next,
        signed_out: query.signed_out.is_some(),
    })?
    .into_response())
}

#[derive(Deserialize)]
struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    page: Page,
    jar: CookieJar,
    Form(form): Form<SignInForm>,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::new();
    let email = if form.email.trim().is_empty() {
        errors.add("email", "Enter your email address");
        None
    } else {
        Email::parse(&form.email)
            .map_err(|e| errors.add("email", e.message))
            .ok()
    };
    if form.password.is_empty() {
        errors.add("password", "Enter your password");
    }
    let again =
        |page: Page, errors: FormErrors, status: StatusCode| -> Result<Response, WebError> {
            Ok((
                status,
                render(&SignInPage {
                    page,
                    errors,
                    email: form.email.clone(),
                    next: form.next.clone(),
                    signed_out: false,
                })?,
            )
                .into_response())
        };
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return again(page, errors, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let previous = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned());
    match auth::sign_in(
        &state.services,
        &email,
        &form.password,
        &peer.ip().to_string(),
        previous.as_deref(),
    )
    .await
    {
        Ok(signed_in) => {
            let cookie = build_cookie(
                SESSION_COOKIE,
                signed_in.session_token,
                state.secure_cookies,
            );
            let target = if form.next.starts_with("/staff") {
                safe_return(&form.next)
            } else {
                "/staff".to_owned()
            };
            Ok((jar.add(cookie), Redirect::to(&target)).into_response())
        }
        Err(SignInError::WrongCredentials) => {
            errors.add("email", "Enter a correct email address and password");
            again(page, errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(SignInError::Throttled { minutes }) => {
            errors.add(
                "email",
                format!("There have been too many attempts to sign in. Wait {minutes} minutes, then try again"),
            );
            again(page, errors, StatusCode::TOO_MANY_REQUESTS)
        }
        Err(SignInError::Service(error)) => Err(error.into()),
    }
}

async fn sign_out(
    State(state): State<AppState>,
    user: Option<Extension<SignedInUser>>,
    jar: CookieJar,
) -> Result<Response, WebError> {
    if let Some(Extension(user)) = user {
        auth::sign_out(&state.services, &user.0).await?;
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/sign-in?signed_out=yes")).into_response())
}

#[derive(Template)]
#[template(path = "forgot_password.html")]
struct ForgotPage {
    page: Page,
    errors: FormErrors,
    email: String,
}

async fn forgot_form(page: Page) -> Result<impl IntoResponse, WebError> {
    render(&ForgotPage {
        page,
        errors: FormErrors::new(),
        email: String::new(),
    })
}

#[derive(Deserialize)]
struct ForgotForm {
    #[serde(default)]
    email: String,
}

async fn forgot(
    State(state): State<AppState>,
    page: Page,
    Form(form): Form<ForgotForm>,
) -> Result<Response, WebError> {
    let email = match Email::parse(&form.email) {
        Ok(email) => email,
        Err(error) => {
            let mut errors = FormErrors::new();
            errors.add("email", error.message);
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&ForgotPage {
                    page,
                    errors,
                    email: form.email,
                })?,
            )
                .into_response());
        }
    };
    auth::request_password_reset(&state.services, &email).await?;
    Ok(render(&MessagePage {
        page,
        title: "Check your email",
        paragraphs: vec![
            format!(
                "If {} belongs to an account, we have sent it a link to choose a new password.",
                email.as_str()
            ),
            format!("The link works once, for {} hours.", auth::RESET_LINK_HOURS),
            "If nothing arrives within 15 minutes, check your junk folder, then ask your administrator.".into(),
        ],
        link: Some(("/sign-in", "Back to sign in")),
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "set_password.html")]
struct SetPasswordPage {
    page: Page,
    errors: FormErrors,
    email: String,
    token: String,
}

fn link_expired(page: Page) -> Result<Response, WebError> {
    Ok((
        StatusCode::NOT_FOUND,
        render(&MessagePage {
            page,
            title: "This link has expired",
            paragraphs: vec![
                "Password links work once, for a short time. This one has been used or is too old."
                    .into(),
                "You can ask for a new link.".into(),
            ],
            link: Some(("/forgot-password", "Get a new link")),
        })?,
    )
        .into_response())
}

async fn password_form(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let Some(user) = auth::password_link_user(&state.services, &token).await? else {
        return link_expired(page);
    };
    Ok(render(&SetPasswordPage {
        page,
        errors: FormErrors::new(),
        email: user.email.to_string(),
        token,
    })?
    .into_response())
}

#[derive(Deserialize)]
struct SetPasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

async fn set_password(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
    Form(form): Form<SetPasswordForm>,
) -> Result<Response, WebError> {
    let Some(user) = auth::password_link_user(&state.services, &token).await? else {
        return link_expired(page);
    };
    let mut errors = FormErrors::new();
    if form.confirm != form.password {
        errors.add(
            "confirm",
            "The passwords do not match. Type the same password twice",
        );
    }
    let outcome = if errors.is_empty() {
        auth::set_password_with_link(
            &state.services,
            &token,
            &form.password,
            &state.partnership_name,
        )
        .await
    } else {
        Err(ServiceError::Invalid(Vec::new()))
    };
    match outcome {
        Ok(Some(_)) => Ok(render(&MessagePage {
            page,
            title: "Your password has been saved",
            paragraphs: vec!["You can now sign in with your new password.".into()],
            link: Some(("/sign-in", "Sign in")),
        })?
        .into_response()),
        Ok(None) => link_expired(page),
        Err(ServiceError::Invalid(fields)) => {
            for (field, message) in fields {
                errors.add(field, message);
            }
            let errors = errors.sorted_by(&["password", "confirm"]);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&SetPasswordPage {
                    page,
                    errors,
                    email: user.email.to_string(),
                    token,
                })?,
            )
                .into_response())
        }
        Err(error) => Err(error.into()),
    }
}
