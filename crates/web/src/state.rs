//! What every request handler can reach.

use std::sync::Arc;

use coproduce_services::Services;

use crate::metrics::Metrics;

#[derive(Clone)]
pub struct AppState {
    pub services: Services,
    pub partnership_name: Arc<str>,
    /// True when serving the fictional demo: pages say so.
    pub demo: bool,
    /// Whether cookies must be `Secure` (the service is reached over https).
    pub secure_cookies: bool,
    pub metrics: Arc<Metrics>,
}
