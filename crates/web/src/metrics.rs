//! Operations: request metrics in Prometheus text at `/metrics`, the health
//! check at `/healthz`, and the tracing span each request runs in.

use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::state::AppState;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    /// The route's pattern (`/staff/users/{id}`), never the actual path,
    /// which may hold ids or one-time tokens.
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

/// The server's counters, one set per running application.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    errors: Family<RouteLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        let errors = Family::<RouteLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.001, 2.0, 14))
        });
        registry.register(
            "coproduce_http_requests",
            "HTTP requests answered",
            requests.clone(),
        );
        registry.register(
            "coproduce_http_server_errors",
            "HTTP requests that failed with a 5xx status",
            errors.clone(),
        );
        registry.register(
            "coproduce_http_request_duration_seconds",
            "Time to answer HTTP requests",
            latency.clone(),
        );
        Self {
            registry,
            requests,
            errors,
            latency,
        }
    }

    fn observe(&self, method: &str, route: &str, status: StatusCode, elapsed: Duration) {
        let route_labels = RouteLabels {
            method: method.to_owned(),
            route: route.to_owned(),
        };
        self.requests
            .get_or_create(&RequestLabels {
                method: method.to_owned(),
                route: route.to_owned(),
                status: status.as_u16(),
            })
            .inc();
        if status.is_server_error() {
            self.errors.get_or_create(&route_labels).inc();
        }
        self.latency
            .get_or_create(&route_labels)
            .observe(elapsed.as_secs_f64());
    }

    fn render(&self) -> String {
        let mut text = String::new();
        if prometheus_client::encoding::text::encode(&mut text, &self.registry).is_err() {
            text.clear();
        }
        text
    }
}

fn route_of(request: &Request) -> String {
    request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned())
}

pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = route_of(&request);
    let response = next.run(request).await;
    state
        .metrics
        .observe(&method, &route, response.status(), started.elapsed());
    response
}

/// The span a request runs in: its id, method and route pattern. The path
/// itself is not logged, as it may hold a one-time token.
pub fn request_span(request: &Request) -> tracing::Span {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::info_span!(
        "request",
        request_id,
        method = %request.method(),
        route = %route_of(request),
    )
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(health))
}

async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
}

async fn health(State(state): State<AppState>) -> impl IntoResponse {
    let answer = tokio::time::timeout(Duration::from_secs(3), state.services.store.ping()).await;
    match answer {
        Ok(Ok(())) => (StatusCode::OK, "ok\n"),
        Ok(Err(error)) => {
            tracing::error!(%error, "the health check could not reach the database");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable: the database is not answering\n",
            )
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable: the database is too slow\n",
        ),
    }
}
