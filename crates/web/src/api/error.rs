//! The API's errors, as JSON.

use std::any::Any;
use std::collections::BTreeMap;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use coproduce_services::ServiceError;
use coproduce_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug)]
pub enum ApiError {
    BadRequest(String),
    Unauthorised,
    Forbidden,
    NotFound,
    Conflict(String),
    Invalid(Vec<(&'static str, String)>),
    Internal(String),
}

/// The body of every error answer.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// What went wrong, in plain English.
    message: String,
    /// One message per field that was not accepted.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    fields: BTreeMap<String, String>,
}

impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::NotFound | ServiceError::Store(StoreError::NotFound) => Self::NotFound,
            ServiceError::Forbidden => Self::Forbidden,
            ServiceError::Duplicate(existing) => Self::Conflict(format!(
                "Someone with this email address or phone number is already on the register: person {existing}"
            )),
            ServiceError::Conflict(message) => Self::Conflict(message),
            ServiceError::Invalid(fields) => Self::Invalid(fields),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message, fields) = match self {
            Self::BadRequest(message) => (StatusCode::BAD_REQUEST, message, BTreeMap::new()),
            Self::Conflict(message) => (StatusCode::CONFLICT, message, BTreeMap::new()),
            Self::Unauthorised => (
                StatusCode::UNAUTHORIZED,
                "Send a valid API token in the Authorization header, as 'Bearer <token>'"
                    .to_owned(),
                BTreeMap::new(),
            ),
            Self::Forbidden => (
                StatusCode::FORBIDDEN,
                "Your role does not allow this".to_owned(),
                BTreeMap::new(),
            ),
            Self::NotFound => (
                StatusCode::NOT_FOUND,
                "Not found".to_owned(),
                BTreeMap::new(),
            ),
            Self::Invalid(fields) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "Some fields were not accepted".to_owned(),
                fields.into_iter().map(|(f, m)| (f.to_owned(), m)).collect(),
            ),
            Self::Internal(detail) => {
                tracing::error!(%detail, "an API request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong on our side. Try again later".to_owned(),
                    BTreeMap::new(),
                )
            }
        };
        let mut response = (
            status,
            Json(ErrorBody {
                error: ErrorDetail { message, fields },
            }),
        )
            .into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                "www-authenticate",
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

pub fn panic_response(_panic: Box<dyn Any + Send + 'static>) -> Response {
    ApiError::Internal("an API handler panicked".into()).into_response()
}
