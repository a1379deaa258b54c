//! Coproduce's domain: the types and rules of co-production work.
//!
//! This crate does no input or output. It knows nothing of SQL, HTTP,
//! templates or serde wire formats; other layers turn their raw input into
//! these types once, at their edge, and speak only these types after that.

#[macro_use]
mod code_list;

pub mod activity;
pub mod auth;
pub mod dates;
pub mod equality;
pub mod ids;
pub mod insights;
pub mod ladder;
pub mod money;
pub mod organisation;
pub mod payments;
pub mod permissions;
pub mod person;
pub mod phone;
pub mod plain_english;
pub mod project;

pub use auth::{Email, NewPassword, Role, StaffUser, parse_display_name};
pub use ids::{
    ActivityId, AttachmentId, ClaimId, DecisionId, FeeId, InsightId, InvitationId, LimitId,
    OrganisationId, PaymentRunId, PersonId, ProjectId, RateId, SaidId, UserId,
};
pub use organisation::{Organisation, OrganisationKind, Slug};
pub use permissions::{Action, Actor, Decision};

/// A value a person typed that cannot become a domain type, with a message
/// written for that person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    pub message: String,
}

impl Invalid {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}
