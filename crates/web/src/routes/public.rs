//! Public pages: home, accessibility statement, privacy notice, cookies,
//! and the text-size control.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

use super::render;
use crate::error::WebError;
use crate::page::{Page, TEXT_SIZE_COOKIE, TextSize};
use crate::session::build_cookie;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/accessibility", get(accessibility))
        .route("/privacy", get(privacy))
        .route("/cookies", get(cookies))
        .route("/text-size", post(text_size))
}

macro_rules! static_page {
    ($handler:ident, $template:ident, $path:literal) => {
        #[derive(Template)]
        #[template(path = $path)]
        struct $template {
            page: Page,
        }

        async fn $handler(page: Page) -> Result<impl IntoResponse, WebError> {
            render(&$template { page })
        }
    };
}

static_page!(home, HomeTemplate, "home.html");
static_page!(accessibility, AccessibilityTemplate, "accessibility.html");
static_page!(privacy, PrivacyTemplate, "privacy.html");
static_page!(cookies, CookiesTemplate, "cookies.html");

#[derive(Deserialize)]
struct TextSizeForm {
    size: String,
    #[serde(default)]
    return_to: String,
}

/// Keeps the chosen text size in a cookie and goes back to the page.
async fn text_size(
    State(state): State<AppState>,
    jar: CookieJar,
    Form(form): Form<TextSizeForm>,
) -> Result<Response, WebError> {
    let size = TextSize::parse(&form.size)
        .ok_or_else(|| WebError::BadRequest("Choose a text size".into()))?;
    let mut cookie = build_cookie(
        TEXT_SIZE_COOKIE,
        size.as_str().to_owned(),
        state.secure_cookies,
    );
    cookie.set_max_age(time::Duration::days(365));
    Ok((jar.add(cookie), Redirect::to(&safe_return(&form.return_to))).into_response())
}

/// Only paths on this site are followed, never another site's address.
pub fn safe_return(target: &str) -> String {
    if target.starts_with('/') && !target.starts_with("//") && !target.contains('\\') {
        target.to_owned()
    } else {
        "/".to_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn return_addresses_stay_on_this_site() {
        assert_eq!(super::safe_return("/staff?x=1"), "/staff?x=1");
        for outside in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "",
        ] {
            assert_eq!(super::safe_return(outside), "/");
        }
    }
}
