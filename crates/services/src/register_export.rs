//! The register as a spreadsheet (CSV), for roles allowed to take personal
//! data out of Coproduce. Every export is in the audit trail.

use coproduce_domain::person::PersonFilter;
use coproduce_domain::{Action, Actor, PersonId};
use coproduce_store::AuditEvent;

use crate::staff::check;
use crate::{Result, Services, clock, import};

const HEADERS: [&str; 6] = ["Id", "Name", "Email", "Phone", "Status", "Last involved"];

/// The filtered register as CSV text, safe to open in a spreadsheet.
pub async fn csv(services: &Services, actor: &Actor, filter: &PersonFilter) -> Result<String> {
    check(actor.may(Action::ExportPeople))?;
    let mut rows = Vec::new();
    let mut after: Option<PersonId> = None;
    loop {
        let page = services
            .store
            .search_people(actor.organisation_id, filter, after, 500)
            .await?;
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        rows.extend(page.into_iter().map(|p| {
            vec![
                p.id.to_string(),
                p.name,
                p.email.unwrap_or_default(),
                p.phone.unwrap_or_default(),
                p.status.label().to_owned(),
                p.last_involved_on.unwrap_or_default(),
            ]
        }));
    }
    let mut tx = services.store.begin().await?;
    tx.audit(
        AuditEvent {
            actor: Some(actor.user_id),
            actor_label: "",
            organisation: Some(actor.organisation_id),
            action: "person.export",
            record_type: "register",
            record_id: None,
            detail: &format!("Downloaded {} people from the register", rows.len()),
        },
        clock::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(import::write_csv(&HEADERS, &rows))
}
