//! Builds the application from its settings and runs the server.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::middleware::from_fn_with_state;
use coproduce_services::Services;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::state::AppState;
use crate::{api, assets, csrf, error, metrics, routes, session};

/// How the web layer is set up, beyond the services it calls.
#[derive(Clone, Debug)]
pub struct WebConfig {
    pub demo: bool,
    /// How often the job worker looks for work.
    pub job_interval: Duration,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            demo: false,
            job_interval: Duration::from_secs(2),
        }
    }
}

/// A bound, ready-to-run server.
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    config: WebConfig,
}

impl Application {
    /// Builds the routes to serve on `listener`.
    pub async fn build(
        services: Services,
        listener: TcpListener,
        config: WebConfig,
    ) -> anyhow::Result<Self> {
        let partnership_name = services
            .store
            .partnership_name()
            .await?
            .unwrap_or_else(|| "Coproduce".to_owned());
        let state = AppState {
            secure_cookies: services.settings.base_url.starts_with("https://"),
            services,
            partnership_name: Arc::from(partnership_name),
            demo: config.demo,
            metrics: Arc::new(metrics::Metrics::new()),
        };
        let router = router(state.clone());
        Ok(Self {
            listener,
            router,
            state,
            config,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Serves until `shutdown` resolves, then finishes the requests in
    /// flight and stops the job worker.
    pub async fn run_until<F>(self, shutdown: F) -> anyhow::Result<()>
    where
        F: std::future::Future<Output = ()> + Send + 'static,
    {
        let (stop_worker, worker_stop) = tokio::sync::watch::channel(false);
        let worker = tokio::spawn(coproduce_services::jobs::work(
            self.state.services.clone(),
            self.config.job_interval,
            worker_stop,
        ));
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await?;
        let _ = stop_worker.send(true);
        let _ = worker.await;
        self.state.services.store.close().await;
        Ok(())
    }
}

/// The most any request may send: a 5 MB file (a receipt, a spreadsheet)
/// with the rest of its form. Each route still reads no more than axum's
/// default of 2 MB unless it sets a bigger `DefaultBodyLimit` itself.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

fn router(state: AppState) -> Router {
    // The pages' limit sits inside the error pages, so a body that is too
    // big gets a page in the site's style rather than bare text.
    let pages = routes::router()
        .layer(from_fn_with_state(state.clone(), csrf::protect))
        .layer(CatchPanicLayer::custom(error::panic_response))
        .layer(from_fn_with_state(state.clone(), session::load))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(from_fn_with_state(state.clone(), error::render_error_pages))
        .layer(from_fn_with_state(state.clone(), session::visitor));
    Router::new()
        .merge(pages)
        .nest(
            "/api/v1",
            api::router()
                .layer(CatchPanicLayer::custom(api::panic_response))
                .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES)),
        )
        .merge(assets::router())
        .merge(metrics::router())
        .with_state(state.clone())
        .layer(from_fn_with_state(state, metrics::record))
        .layer(axum::middleware::from_fn(error::security_headers))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(metrics::request_span))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}
