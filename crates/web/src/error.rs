//! The web layer's one error type, and the calm pages people see for it.
//!
//! A handler returns [`WebError`]; its response carries only a status and a
//! marker. [`render_error_pages`] turns a marked response into a full page
//! in the site's style, so that every 403, 404 and 500, from any handler or
//! the fallback, looks the same and never shows internals.

use std::any::Any;

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use coproduce_services::ServiceError;
use coproduce_store::StoreError;

use crate::page::Page;
use crate::session::Visitor;
use crate::state::AppState;

#[derive(Debug)]
pub enum WebError {
    BadRequest(String),
    Forbidden,
    NotFound,
    /// A fault: logged with its detail, shown to people without it.
    Internal(String),
}

impl From<ServiceError> for WebError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::NotFound => Self::NotFound,
            ServiceError::Forbidden => Self::Forbidden,
            ServiceError::Duplicate(_) => {
                Self::BadRequest("This person is already on the register".into())
            }
            ServiceError::Conflict(message) => Self::BadRequest(message),
            ServiceError::Invalid(fields) => Self::BadRequest(
                fields
                    .into_iter()
                    .map(|(_, m)| m)
                    .collect::<Vec<_>>()
                    .join(". "),
            ),
            ServiceError::Store(StoreError::NotFound) => Self::NotFound,
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for WebError {
    fn from(error: askama::Error) -> Self {
        Self::Internal(format!("a template failed: {error}"))
    }
}

/// The marker that asks for a full error page.
#[derive(Clone, Copy, Debug)]
pub struct ErrorPage(pub StatusCode);

/// A message for the person, shown on a 400 page.
#[derive(Clone, Debug)]
struct ErrorMessage(String);

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = match &self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Internal(detail) => {
                tracing::error!(%detail, "a request failed");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let mut response = (status, status.canonical_reason().unwrap_or("Error")).into_response();
        response.extensions_mut().insert(ErrorPage(status));
        if let Self::BadRequest(message) = self {
            response.extensions_mut().insert(ErrorMessage(message));
        }
        response
    }
}

pub fn panic_response(_panic: Box<dyn Any + Send + 'static>) -> Response {
    // The panic's message may hold data from the request: it is not logged.
    WebError::Internal("a request handler panicked".into()).into_response()
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    page: Page,
    status: u16,
    title: &'static str,
    message: Option<String>,
}

/// Renders the full page for responses marked with [`ErrorPage`].
pub async fn render_error_pages(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let headers: HeaderMap = request.headers().clone();
    let uri: Uri = request.uri().clone();
    let visitor = request.extensions().get::<Visitor>().cloned();
    let response = next.run(request).await;
    let status = match response.extensions().get::<ErrorPage>() {
        Some(ErrorPage(status)) => *status,
        // axum's own refusals (a malformed form or query, a wrong method, a
        // body too large) come as plain text: show them in the site's style.
        None if is_plain_refusal(&response) => response.status(),
        None => return response,
    };
    let message = response
        .extensions()
        .get::<ErrorMessage>()
        .map(|m| m.0.clone());
    let page = Page::from_pieces(&state, &headers, &uri, visitor.as_ref(), None);
    let title = match status {
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => "Page not found",
        StatusCode::PAYLOAD_TOO_LARGE => "What you sent is too large",
        StatusCode::FORBIDDEN => "You cannot see this page",
        StatusCode::BAD_REQUEST => "There is a problem with your request",
        _ => "Sorry, there is a problem with the service",
    };
    let template = ErrorTemplate {
        page,
        status: status.as_u16(),
        title,
        message,
    };
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (status, title).into_response(),
    }
}

fn is_plain_refusal(response: &Response) -> bool {
    let status = response.status();
    (status.is_client_error() || status.is_server_error())
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|v| v.starts_with("text/plain"))
}

/// Headers that tell browsers to be strict with our pages.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let private = ["/staff", "/sign-in", "/password", "/api"]
        .iter()
        .any(|p| request.uri().path().starts_with(p));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
    );
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    if private {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
    response
}
