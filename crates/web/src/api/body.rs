//! What the JSON API's handlers share for reading requests: bodies whose
//! fields are all optional JSON values, and refusals of malformed ones.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::error::ApiError;

/// A query string that could not be read: only `limit` can be wrong.
pub fn query_error(_: QueryRejection) -> ApiError {
    ApiError::BadRequest("limit must be a whole number".into())
}

pub fn json_error(error: JsonRejection) -> ApiError {
    ApiError::BadRequest(format!("The body is not valid JSON: {}", error.body_text()))
}

/// Reads a JSON body into an input type whose fields are all optional JSON
/// values, so the only way to fail is a body that is not an object or
/// carries a field the type does not have.
pub fn input<T: for<'de> Deserialize<'de>>(
    body: Result<Json<Value>, JsonRejection>,
) -> Result<T, ApiError> {
    let Json(body) = body.map_err(json_error)?;
    if !body.is_object() {
        return Err(ApiError::BadRequest(
            "The body must be a JSON object".into(),
        ));
    }
    serde_json::from_value(body).map_err(|e| ApiError::Invalid(vec![("body", e.to_string())]))
}

/// Keeps a field that was sent, even as null, apart from one left out.
pub fn sent<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}
