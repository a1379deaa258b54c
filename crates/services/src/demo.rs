//! The demo: a fictional partnership, "Northshire Care Partnership", so that
//! anyone can see the product working in a minute. Every name and address
//! here is made up; email addresses use the reserved `.example` domain.
//!
//! Each area of the product adds its own step to [`seed`], so the demo grows
//! with the product.

use coproduce_domain::{Email, NewPassword, OrganisationId, OrganisationKind, Role, Slug};

use crate::{Result, ServiceError, Services, clock, passwords};

pub const PARTNERSHIP_NAME: &str = "Northshire Care Partnership";

/// The organisations: slug, name, kind.
const ORGANISATIONS: [(&str, &str, OrganisationKind); 4] = [
    (
        "northshire-council",
        "Northshire Council",
        OrganisationKind::Council,
    ),
    (
        "northshire-nhs",
        "Northshire Health and Care NHS Trust",
        OrganisationKind::Nhs,
    ),
    (
        "brightwater-care",
        "Brightwater Care",
        OrganisationKind::CareProvider,
    ),
    (
        "northshire-carers",
        "Northshire Carers Centre",
        OrganisationKind::VoluntarySector,
    ),
];

/// Staff accounts: organisation slug, email, name, role.
const STAFF: [(&str, &str, &str, Role); 9] = [
    (
        "northshire-council",
        "admin@northshire-council.example",
        "Priya Raman",
        Role::Admin,
    ),
    (
        "northshire-council",
        "lead@northshire-council.example",
        "Tom Okafor",
        Role::Lead,
    ),
    (
        "northshire-council",
        "officer@northshire-council.example",
        "Grace Lindqvist",
        Role::Officer,
    ),
    (
        "northshire-council",
        "finance@northshire-council.example",
        "Hamza Iqbal",
        Role::Finance,
    ),
    (
        "northshire-council",
        "board@northshire-council.example",
        "Maureen Tully",
        Role::Board,
    ),
    (
        "northshire-nhs",
        "admin@northshire-nhs.example",
        "Dev Mistry",
        Role::Admin,
    ),
    (
        "northshire-nhs",
        "partner@northshire-nhs.example",
        "Claire Beaumont",
        Role::Partner,
    ),
    (
        "brightwater-care",
        "lead@brightwater-care.example",
        "Joseph Adeyemi",
        Role::Lead,
    ),
    (
        "northshire-carers",
        "partner@northshire-carers.example",
        "Ffion Jones",
        Role::Partner,
    ),
];

/// A staff account the demo made, for printing the sign-in details.
pub struct DemoAccount {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organisation: String,
}

/// Fills an empty store with the demo partnership. Does nothing and returns
/// `None` when the store already holds data.
pub async fn seed(services: &Services, password: &str) -> Result<Option<Vec<DemoAccount>>> {
    if !services.store.is_empty().await? {
        return Ok(None);
    }
    let password = NewPassword::parse(password, &[])
        .map_err(|e| ServiceError::field("demo_password", e.message))?;
    let hash = passwords::hash(&password).await?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.set_partnership_name(PARTNERSHIP_NAME, now).await?;
    let mut organisations: Vec<(&str, OrganisationId, &str)> = Vec::new();
    for (slug, name, kind) in ORGANISATIONS {
        let slug_value = Slug::parse(slug).map_err(|e| ServiceError::Internal(e.message))?;
        let id = tx.insert_organisation(&slug_value, name, kind, now).await?;
        organisations.push((slug, id, name));
    }
    let mut accounts = Vec::new();
    for (org_slug, email, name, role) in STAFF {
        let Some(&(_, org_id, org_name)) = organisations.iter().find(|(s, _, _)| *s == org_slug)
        else {
            return Err(ServiceError::Internal(format!(
                "demo organisation {org_slug} missing"
            )));
        };
        let email_value = Email::parse(email).map_err(|e| ServiceError::Internal(e.message))?;
        let id = tx
            .insert_user(org_id, &email_value, name, role, now)
            .await?;
        tx.set_password_hash(id, &hash).await?;
        accounts.push(DemoAccount {
            email: email.to_owned(),
            name: name.to_owned(),
            role,
            organisation: org_name.to_owned(),
        });
    }
    tx.audit(
        coproduce_store::AuditEvent {
            actor: None,
            actor_label: "demo",
            organisation: None,
            action: "demo.seed",
            record_type: "partnership",
            record_id: None,
            detail: "Created the fictional demo partnership",
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(accounts))
}
