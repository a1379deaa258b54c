//! Coproduce's use cases: what staff, the public and the system can do,
//! expressed over the store and the domain. Nothing here knows HTTP or HTML.

pub mod activities;
pub mod api_tokens;
pub mod auth;
pub mod claims;
pub mod clock;
pub mod decisions;
pub mod demo;
pub mod documents;
pub mod drafts;
pub mod email;
pub mod import;
pub mod insights;
pub mod invitations;
pub mod jobs;
pub mod passwords;
pub mod payment_runs;
pub mod payments;
pub mod people;
pub mod people_import;
pub mod projects;
pub mod register_export;
pub mod reminders;
pub mod secrets;
pub mod staff;
pub mod suggestions;
pub mod writing;
pub mod you_said;

use std::path::PathBuf;
use std::time::Duration;

pub use coproduce_store::Store;

/// Settings the use cases need, passed in by whoever starts the program.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The address people reach the service at, used in emailed links.
    pub base_url: String,
    pub secret_key: secrets::SecretKey,
    /// Where emails are written as `.eml` files when no SMTP server is set.
    pub outbox_dir: PathBuf,
    /// Signed-in sessions end after this long without a request...
    pub session_idle: Duration,
    /// ...and after this long whatever happens.
    pub session_absolute: Duration,
    pub throttle: auth::Throttle,
    pub mail: email::MailSettings,
}

impl Settings {
    /// Settings with the usual time-outs and limits.
    pub fn new(base_url: String, secret_key: secrets::SecretKey, outbox_dir: PathBuf) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            secret_key,
            outbox_dir,
            session_idle: Duration::from_secs(60 * 60),
            session_absolute: Duration::from_secs(12 * 60 * 60),
            throttle: auth::Throttle::default(),
            mail: email::MailSettings::default(),
        }
    }
}

/// The use cases with what they run on. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Services {
    pub store: Store,
    pub settings: std::sync::Arc<Settings>,
}

impl Services {
    pub fn new(store: Store, settings: Settings) -> Self {
        Self {
            store,
            settings: std::sync::Arc::new(settings),
        }
    }
}

/// What can go wrong in a use case.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// A person's answers could not be accepted; one message per field.
    #[error("the answers were not accepted")]
    Invalid(Vec<(&'static str, String)>),
    #[error("not found")]
    NotFound,
    #[error("not allowed")]
    Forbidden,
    /// The person is already on the register, with this id.
    #[error("already on the register")]
    Duplicate(i64),
    /// The record is not in a state that allows this, with a message for
    /// the person (such as changing a closed project).
    #[error("{0}")]
    Conflict(String),
    #[error(transparent)]
    Store(#[from] coproduce_store::StoreError),
    #[error("{0}")]
    Internal(String),
}

impl ServiceError {
    pub fn field(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid(vec![(field, message.into())])
    }
}

pub type Result<T, E = ServiceError> = std::result::Result<T, E>;
