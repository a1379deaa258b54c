//! The job worker: takes due jobs from the queue and does them, retrying
//! with backoff. Any number of server processes may run one.

use std::time::Duration;

use crate::email::{self, OutgoingEmail};
use crate::{Result, ServiceError, Services, clock};

/// How many times a job is tried before it is given up.
const MAX_ATTEMPTS: i64 = 8;

/// Queues an email in the caller's transaction.
pub async fn enqueue_email(tx: &mut coproduce_store::Tx, email: &OutgoingEmail) -> Result<()> {
    let payload = serde_json::to_string(email)
        .map_err(|e| ServiceError::Internal(format!("cannot queue the email: {e}")))?;
    tx.enqueue_job(email::JOB_KIND, &payload, clock::now())
        .await?;
    Ok(())
}

/// Does every job that is due now, one after another. Returns how many ran.
pub async fn run_due(services: &Services) -> Result<usize> {
    let mut ran = 0;
    while let Some(job) = services.store.claim_job(clock::now()).await? {
        ran += 1;
        let outcome = run_one(services, &job.kind, &job.payload).await;
        let now = clock::now();
        match outcome {
            Ok(()) => services.store.finish_job(job.id, now).await?,
            Err(error) => {
                // Backoff doubles from 30 seconds: 30 s, 1 min, 2 min ...
                let retry_at = (job.attempts < MAX_ATTEMPTS)
                    .then(|| now + 30 * (1_i64 << (job.attempts - 1).clamp(0, 10)));
                tracing::warn!(job.id, job.kind, attempts = job.attempts, %error, "a job failed");
                services
                    .store
                    .fail_job(job.id, &error.to_string(), retry_at, now)
                    .await?;
            }
        }
    }
    Ok(ran)
}

async fn run_one(services: &Services, kind: &str, payload: &str) -> Result<()> {
    match kind {
        email::JOB_KIND => {
            let message: OutgoingEmail = serde_json::from_str(payload)
                .map_err(|e| ServiceError::Internal(format!("bad email job: {e}")))?;
            email::send(&services.settings, &message).await
        }
        other => Err(ServiceError::Internal(format!("unknown job kind {other}"))),
    }
}

/// Runs the worker until `shutdown` resolves, checking the queue every
/// `interval`.
pub async fn work(
    services: Services,
    interval: Duration,
    shutdown: tokio::sync::watch::Receiver<bool>,
) {
    let mut shutdown = shutdown;
    loop {
        if let Err(error) = crate::reminders::send_due(&services).await {
            tracing::error!(%error, "queueing reminders failed");
        }
        if let Err(error) = run_due(&services).await {
            tracing::error!(%error, "the job worker could not read the queue");
        }
        if let Err(error) = crate::auth::tidy(&services).await {
            tracing::error!(%error, "tidying old sessions failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = shutdown.changed() => return,
        }
    }
}
