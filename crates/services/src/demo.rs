//! The demo: a fictional partnership, "Northshire Care Partnership", so that
//! anyone can see the product working in a minute. Every name and address
//! here is made up; email addresses use the reserved `.example` domain.
//!
//! Each area of the product adds its own step to [`seed`], so the demo grows
//! with the product.

use coproduce_domain::{Email, NewPassword, OrganisationId, OrganisationKind, Role, Slug};

use crate::{Result, ServiceError, Services, clock, passwords};

mod activities;
mod insights;
mod payments;
mod projects;
mod register;

/// How big a demo to make.
#[derive(Clone, Copy, Debug)]
pub struct DemoSize {
    /// People on the council's register.
    pub people: usize,
    /// Insights in the library; about a third as many "you said, we did"
    /// entries come with them, up to thirty.
    pub insights: usize,
}

impl DemoSize {
    /// The demo people try out: a register of a few hundred.
    pub const FULL: DemoSize = DemoSize {
        people: 300,
        insights: 120,
    };
    /// A small register and library, for tests that start many demos.
    pub const SMALL: DemoSize = DemoSize {
        people: 12,
        insights: 24,
    };
}

/// Localities of the fictional county: slug, name.
const LOCALITIES: [(&str, &str); 8] = [
    ("ashby-vale", "Ashby Vale"),
    ("brindlemoor", "Brindlemoor"),
    ("castleford-north", "Castleford North"),
    ("dunmere", "Dunmere"),
    ("eastholme", "Eastholme"),
    ("fernley-coast", "Fernley Coast"),
    ("greyhaven", "Greyhaven"),
    ("outside-northshire", "Outside Northshire"),
];

/// Topics people care about: slug, name.
const TOPICS: [(&str, &str); 10] = [
    ("home-care", "Care at home"),
    ("care-homes", "Care homes"),
    ("day-opportunities", "Day services and things to do"),
    (
        "direct-payments",
        "Direct payments and managing your own care",
    ),
    ("carers-support", "Support for carers"),
    ("housing", "Housing and living independently"),
    ("transport", "Transport and getting about"),
    ("information-advice", "Information and advice"),
    ("hospital-discharge", "Leaving hospital"),
    ("employment", "Work and volunteering"),
];

/// The council's onboarding checklist.
const ONBOARDING: [&str; 5] = [
    "Welcome conversation",
    "Induction session",
    "Involvement agreement signed",
    "Payment details collected",
    "Co-production training",
];

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
pub async fn seed(
    services: &Services,
    password: &str,
    size: DemoSize,
) -> Result<Option<Vec<DemoAccount>>> {
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
    for (position, (slug, label)) in LOCALITIES.iter().enumerate() {
        tx.insert_vocabulary("locality", slug, label, position as i64)
            .await?;
    }
    for (position, (slug, label)) in TOPICS.iter().enumerate() {
        tx.insert_vocabulary("topic", slug, label, position as i64)
            .await?;
    }
    let council = organisations[0].1;
    tx.set_register_organisation(council).await?;
    for (_, organisation, _) in &organisations {
        for (position, label) in ONBOARDING.iter().enumerate() {
            tx.insert_onboarding_step(*organisation, position as i64, label)
                .await?;
        }
    }
    let mut accounts = Vec::new();
    let mut staff_ids = Vec::new();
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
        staff_ids.push((org_id, id, role));
        accounts.push(DemoAccount {
            email: email.to_owned(),
            name: name.to_owned(),
            role,
            organisation: org_name.to_owned(),
        });
    }
    let council_staff: Vec<_> = staff_ids
        .iter()
        .filter(|(org, _, _)| *org == council)
        .map(|(_, id, _)| *id)
        .collect();
    let localities: Vec<&str> = LOCALITIES.iter().map(|(slug, _)| *slug).collect();
    let topics: Vec<&str> = TOPICS.iter().map(|(slug, _)| *slug).collect();
    let people = register::seed_people(
        &mut tx,
        council,
        &council_staff,
        &localities,
        &topics,
        size.people,
        now,
    )
    .await?;
    let project_ids = projects::seed(&mut tx, &organisations, &staff_ids, &people, now).await?;
    let activities = activities::seed(&mut tx, &organisations, &staff_ids, &people, now).await?;
    payments::seed(&mut tx, council, &staff_ids, &people, &activities, now).await?;
    let partnership = insights::Partnership {
        organisations: &organisations,
        staff: &staff_ids,
        people: &people,
        activities: &activities,
        projects: &project_ids,
    };
    insights::seed(&mut tx, &partnership, size.insights, now).await?;
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
