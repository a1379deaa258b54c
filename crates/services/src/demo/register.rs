//! The demo's register of people (being written).

use coproduce_domain::{OrganisationId, UserId};

use crate::Result;

/// Adds `count` fictional people to the register of `organisation`.
pub(super) async fn seed_people(
    _tx: &mut coproduce_store::Tx,
    _organisation: OrganisationId,
    _staff: &[UserId],
    _localities: &[&str],
    _topics: &[&str],
    _count: usize,
    _now: i64,
) -> Result<()> {
    Ok(())
}
