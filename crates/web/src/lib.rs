//! Coproduce's web layer: server-rendered pages built on the GOV.UK Design
//! System, a JSON API under `/api/v1`, sessions, form protection, metrics
//! and the HTTP server. It is the only crate that knows axum, HTML and
//! serde wire types; it calls the services crate for everything else.

mod api;
mod assets;
mod csrf;
mod error;
mod forms;
mod metrics;
mod page;
mod profile_form;
mod routes;
mod session;
mod startup;
mod state;

pub use api::document as openapi_document;
pub use startup::{Application, WebConfig};
