//! Cross-site request forgery protection for every state-changing form.
//!
//! Two checks, both on the server: the request's Origin (or Referer) must
//! be this service, and the form must carry a token signed with the
//! server's key for this browser's session or visitor id. The token is read
//! here, before any handler runs, so no handler can forget it: from the form
//! body, or for file uploads (multipart forms, which are not read here) from
//! the form's address. The JSON API is not covered: it takes bearer tokens,
//! never cookies.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;

use crate::error::WebError;
use crate::session::{Visitor, csrf_binding};
use crate::state::AppState;

pub const FIELD: &str = "csrf_token";
const PURPOSE: &str = "csrf";
/// Forms are small; anything bigger is not a form of ours. File uploads
/// are limited by the request body limit instead.
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// The token a page puts in its forms.
pub fn token(state: &AppState, binding: &str) -> String {
    state.services.settings.secret_key.sign(PURPOSE, binding)
}

pub async fn protect(
    State(state): State<AppState>,
    jar: CookieJar,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    if !same_origin(&state, &request) {
        tracing::warn!("refused a form posted from another site");
        return WebError::Forbidden.into_response();
    }
    let binding = csrf_binding(&jar, request.extensions().get::<Visitor>());
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if is_multipart {
        let sent = request
            .uri()
            .query()
            .and_then(|q| form_field(q.as_bytes(), FIELD));
        let valid = match (binding, sent) {
            (Some(binding), Some(sent)) => state
                .services
                .settings
                .secret_key
                .verify(PURPOSE, &binding, &sent),
            _ => false,
        };
        if !valid {
            tracing::warn!("refused an upload without a valid form token");
            return WebError::Forbidden.into_response();
        }
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return WebError::BadRequest("The form was too large".into()).into_response();
    };
    let is_urlencoded = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let sent = if is_urlencoded {
        form_field(&bytes, FIELD)
    } else {
        parts
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let valid = match (binding, sent) {
        (Some(binding), Some(sent)) => state
            .services
            .settings
            .secret_key
            .verify(PURPOSE, &binding, &sent),
        _ => false,
    };
    if !valid {
        tracing::warn!("refused a form without a valid form token");
        return WebError::Forbidden.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn form_field(body: &[u8], name: &str) -> Option<String> {
    form_urlencoded_pairs(body)
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

fn form_urlencoded_pairs(body: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default()
}

/// True when the request comes from a page of this service, judged by the
/// Origin header, or by Referer when a browser sent no Origin. A request
/// with neither (not from a browser) still needs its token.
fn same_origin(state: &AppState, request: &Request) -> bool {
    let headers = request.headers();
    let source = match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some(origin) => origin.to_owned(),
        None => match headers.get(header::REFERER).and_then(|v| v.to_str().ok()) {
            Some(referer) => origin_of(referer),
            None => return true,
        },
    };
    let base = origin_of(&state.services.settings.base_url);
    if source == base {
        return true;
    }
    // Also accept the address the browser itself used for this request, so
    // that a service reached by more than one name still works.
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let scheme = if state.secure_cookies {
        "https"
    } else {
        "http"
    };
    !host.is_empty() && source == format!("{scheme}://{host}")
}

/// "scheme://host:port" of a URL.
fn origin_of(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return String::new();
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    format!("{scheme}://{host}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn origins() {
        assert_eq!(
            super::origin_of("http://127.0.0.1:8080/staff?x=1"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            super::origin_of("https://example.org"),
            "https://example.org"
        );
        assert_eq!(super::origin_of("nonsense"), "");
    }

    #[test]
    fn finds_the_token_field() {
        let body = b"email=a%40b.org&csrf_token=abc%2Bd&password=x";
        assert_eq!(
            super::form_field(body, "csrf_token").as_deref(),
            Some("abc+d")
        );
        assert_eq!(super::form_field(b"garbage%%%", "csrf_token"), None);
    }
}
