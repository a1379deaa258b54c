//! Plain English advice on texts the public will read, and the
//! organisation's choice of whether that advice must be followed.

use coproduce_domain::plain_english::{self, Report};
use coproduce_domain::{Action, Actor, OrganisationId};
use coproduce_store::AuditEvent;

use crate::staff::check;
use crate::{Result, ServiceError, Services, clock};

/// The checker's report on a text, and whether the organisation requires
/// public texts to pass.
pub struct Review {
    pub report: Report,
    pub must_pass: bool,
}

impl Review {
    /// True when the text may be saved: it passes, or passing is optional.
    pub fn may_publish(&self) -> bool {
        !self.must_pass || self.report.passes()
    }
}

/// Checks a text for an organisation. Later forms for public texts call
/// this and refuse to save when [`Review::may_publish`] is false.
pub async fn review(
    services: &Services,
    organisation: OrganisationId,
    text: &str,
) -> Result<Review> {
    let organisation = services.store.organisation(organisation).await?;
    Ok(Review {
        report: plain_english::check(text),
        must_pass: organisation.plain_english_must_pass,
    })
}

/// The longest text the checker page accepts, in characters.
pub const MAX_TEXT: usize = 20_000;

/// Checks a text typed into the writing check page.
pub async fn check_text(services: &Services, actor: &Actor, text: &str) -> Result<Review> {
    check(actor.may(Action::CheckWriting))?;
    if text.trim().is_empty() {
        return Err(ServiceError::field(
            "text",
            "Enter the text you want to check",
        ));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(ServiceError::field(
            "text",
            format!("The text must be {MAX_TEXT} characters or fewer. Check it in parts"),
        ));
    }
    review(services, actor.organisation_id, text).await
}

/// Turns "public texts must pass" on or off for the actor's organisation.
pub async fn set_must_pass(services: &Services, actor: &Actor, must_pass: bool) -> Result<()> {
    check(actor.may(Action::ManageSettings))?;
    let mut tx = services.store.begin().await?;
    tx.set_plain_english_must_pass(actor.organisation_id, must_pass)
        .await?;
    tx.audit(
        AuditEvent {
            actor: Some(actor.user_id),
            actor_label: "",
            organisation: Some(actor.organisation_id),
            action: "organisation.settings",
            record_type: "organisation",
            record_id: Some(actor.organisation_id.0),
            detail: if must_pass {
                "Public texts must now pass the plain English check"
            } else {
                "The plain English check now only gives advice"
            },
        },
        clock::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
