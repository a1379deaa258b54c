//! Cookies and who is signed in.
//!
//! Every browser gets a random visitor id cookie on its first page: form
//! tokens for people who are not signed in are bound to it. Signed-in staff
//! also have a session cookie whose hash names their row in the `sessions`
//! table, so any server process sharing the database knows them.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use coproduce_domain::StaffUser;
use coproduce_services::auth::{self, CurrentSession};
use coproduce_services::secrets;

use crate::error::WebError;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "cp_session";
pub const VISITOR_COOKIE: &str = "cp_visitor";

/// The visitor id of this request (from its cookie, or newly made).
#[derive(Clone)]
pub struct Visitor(pub String);

/// Gives every browser a visitor id.
pub async fn visitor(
    State(state): State<AppState>,
    jar: CookieJar,
    mut request: Request,
    next: Next,
) -> Response {
    let existing = jar
        .get(VISITOR_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() >= 32 && v.len() <= 64);
    let (id, new) = match existing {
        Some(id) => (id, false),
        None => (secrets::random_token(), true),
    };
    request.extensions_mut().insert(Visitor(id.clone()));
    let response = next.run(request).await;
    if new {
        let cookie = build_cookie(VISITOR_COOKIE, id, state.secure_cookies);
        (jar.add(cookie), response).into_response()
    } else {
        response
    }
}

/// A cookie with the flags every Coproduce cookie has.
pub fn build_cookie(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .build()
}

/// The signed-in staff member, when there is one.
#[derive(Clone)]
pub struct SignedInUser(pub std::sync::Arc<CurrentSession>);

/// Finds the signed-in staff member from the session cookie.
pub async fn load(
    State(state): State<AppState>,
    jar: CookieJar,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(cookie) = jar.get(SESSION_COOKIE) {
        match auth::session(&state.services, cookie.value()).await {
            Ok(Some(current)) => {
                request
                    .extensions_mut()
                    .insert(SignedInUser(std::sync::Arc::new(current)));
            }
            Ok(None) => {}
            Err(error) => return WebError::from(error).into_response(),
        }
    }
    next.run(request).await
}

/// What form tokens are bound to: the session cookie when there is one,
/// otherwise the visitor id. Page rendering and the check use this same
/// rule, so they always agree.
pub fn csrf_binding(jar: &CookieJar, visitor: Option<&Visitor>) -> Option<String> {
    if let Some(session) = jar.get(SESSION_COOKIE) {
        return Some(format!("session:{}", secrets::token_hash(session.value())));
    }
    visitor.map(|v| format!("visitor:{}", v.0))
}

/// Extractor for staff pages: the signed-in user, or a redirect to sign in.
pub struct Staff(pub std::sync::Arc<CurrentSession>);

impl Staff {
    pub fn user(&self) -> &StaffUser {
        &self.0.user
    }

    pub fn actor(&self) -> coproduce_domain::Actor {
        self.0.user.actor()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<SignedInUser>() {
            Some(user) => Ok(Staff(user.0.clone())),
            None => {
                let path = parts.uri.path();
                let target = if path.starts_with("/staff") {
                    format!("/sign-in?next={}", urlencode(path))
                } else {
                    "/sign-in".to_owned()
                };
                Err(Redirect::to(&target).into_response())
            }
        }
    }
}

fn urlencode(value: &str) -> String {
    serde_urlencoded::to_string([("v", value)])
        .map(|s| s.trim_start_matches("v=").to_owned())
        .unwrap_or_default()
}
