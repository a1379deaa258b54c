//! The stylesheet and scripts, built from GOV.UK Frontend at compile time
//! (see build.rs) and served from the binary.

use axum::Router;
use axum::extract::Path;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::error::WebError;
use crate::state::AppState;

const APP_CSS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/app.css"));
const APP_JS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/app.js"));
const GOVUK_JS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/govuk-frontend.min.js"));

pub fn router() -> Router<AppState> {
    Router::new().route("/assets/{file}", get(asset))
}

async fn asset(Path(file): Path<String>) -> Result<impl IntoResponse, WebError> {
    let (body, content_type) = match file.as_str() {
        "app.css" => (APP_CSS, "text/css; charset=utf-8"),
        "app.js" => (APP_JS, "text/javascript; charset=utf-8"),
        "govuk-frontend.min.js" => (GOVUK_JS, "text/javascript; charset=utf-8"),
        _ => return Err(WebError::NotFound),
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    ))
}
