//! Who is calling: the owner of the bearer token.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use coproduce_domain::{Actor, StaffUser};
use coproduce_services::api_tokens;

use super::error::ApiError;
use crate::state::AppState;

/// The token's owner. Rejects with 401 when there is no valid token.
pub struct ApiCaller(pub StaffUser);

impl ApiCaller {
    pub fn actor(&self) -> Actor {
        self.0.actor()
    }
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(ApiError::Unauthorised)?;
        match api_tokens::authenticate(&state.services, token).await? {
            Some(user) => Ok(ApiCaller(user)),
            None => Err(ApiError::Unauthorised),
        }
    }
}
