//! Staff accounts: adding people, changing roles, turning accounts off.

use coproduce_domain::permissions::Decision;
use coproduce_domain::{
    Action, Actor, Email, OrganisationId, Role, StaffUser, UserId, parse_display_name,
};
use coproduce_store::{AuditEvent, StoreError};

use crate::email::OutgoingEmail;
use crate::{Result, ServiceError, Services, auth, clock, jobs};

/// Answers a permission decision: carry on, or the error to show.
pub fn check(decision: Decision) -> Result<()> {
    match decision {
        Decision::Allowed => Ok(()),
        Decision::Forbidden => Err(ServiceError::Forbidden),
        Decision::NotFound => Err(ServiceError::NotFound),
    }
}

/// A new staff account as typed into a form or on the command line.
pub struct NewStaff {
    pub organisation: OrganisationId,
    pub email: Email,
    pub display_name: String,
    pub role: Role,
}

impl NewStaff {
    /// Parses every field, collecting one message per wrong field.
    pub fn parse(
        organisation: OrganisationId,
        email: &str,
        name: &str,
        role: &str,
    ) -> Result<Self> {
        let mut errors = Vec::new();
        let display_name = parse_display_name(name)
            .map_err(|e| errors.push(("display_name", e.message)))
            .ok();
        let email = Email::parse(email)
            .map_err(|e| errors.push(("email", e.message)))
            .ok();
        let role = Role::parse(role)
            .map_err(|e| errors.push(("role", e.message)))
            .ok();
        match (email, display_name, role) {
            (Some(email), Some(display_name), Some(role)) if errors.is_empty() => Ok(Self {
                organisation,
                email,
                display_name,
                role,
            }),
            _ => Err(ServiceError::Invalid(errors)),
        }
    }
}

/// Adds a staff account and emails a link to choose a password. `actor` is
/// `None` when done from the command line. Returns the account and the link.
pub async fn add(
    services: &Services,
    actor: Option<&Actor>,
    new: NewStaff,
) -> Result<(UserId, String)> {
    if let Some(actor) = actor {
        check(actor.may_on(Action::ManageStaff, new.organisation))?;
    }
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    let id = match tx
        .insert_user(
            new.organisation,
            &new.email,
            &new.display_name,
            new.role,
            now,
        )
        .await
    {
        Ok(id) => id,
        Err(StoreError::Conflict { constraint }) if constraint == "users_email_key" => {
            return Err(ServiceError::field(
                "email",
                "There is already an account with this email address",
            ));
        }
        Err(error) => return Err(error.into()),
    };
    let user = StaffUser {
        id,
        organisation_id: new.organisation,
        email: new.email.clone(),
        display_name: new.display_name.clone(),
        role: new.role,
        active: true,
        created_at: now,
    };
    let link = auth::password_link(
        services,
        &mut tx,
        &user,
        "set",
        now + auth::SET_LINK_DAYS * 86400,
    )
    .await?;
    jobs::enqueue_email(
        &mut tx,
        &OutgoingEmail {
            attachments: Vec::new(),
            to: new.email.to_string(),
            subject: "Your Coproduce account".into(),
            body: format!(
                "Hello {name},\n\nYou now have a Coproduce account as a {role}. \
                 Open this link to choose your password:\n\n{link}\n\n\
                 The link works once, for {days} days.\n",
                name = new.display_name,
                role = new.role.label().to_lowercase(),
                days = auth::SET_LINK_DAYS
            ),
        },
    )
    .await?;
    tx.audit(
        AuditEvent {
            actor: actor.map(|a| a.user_id),
            actor_label: if actor.is_some() { "" } else { "command line" },
            organisation: Some(new.organisation),
            action: "user.create",
            record_type: "user",
            record_id: Some(id.0),
            detail: &format!("Added a staff account with the role {}", new.role.as_str()),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((id, link))
}

/// A page of the actor's organisation's staff.
pub struct StaffPage {
    pub users: Vec<StaffUser>,
    pub total: i64,
    pub next: Option<UserId>,
}

pub async fn list(
    services: &Services,
    actor: &Actor,
    after: Option<UserId>,
    limit: u32,
) -> Result<StaffPage> {
    check(actor.may(Action::ViewStaff))?;
    let limit = limit.clamp(1, 200);
    let mut users = services
        .store
        .users_in(actor.organisation_id, after, limit + 1)
        .await?;
    let next = if users.len() > limit as usize {
        users.truncate(limit as usize);
        users.last().map(|u| u.id)
    } else {
        None
    };
    let total = services.store.count_users_in(actor.organisation_id).await?;
    Ok(StaffPage { users, total, next })
}

/// One staff account, if the actor may see it.
pub async fn get(services: &Services, actor: &Actor, id: UserId) -> Result<StaffUser> {
    let user = match services.store.user(id).await {
        Ok(user) => user,
        Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
        Err(error) => return Err(error.into()),
    };
    check(actor.may_on(Action::ViewStaff, user.organisation_id))?;
    Ok(user)
}

/// One staff account, for reading: the view is written to the audit trail.
pub async fn view(services: &Services, actor: &Actor, id: UserId) -> Result<StaffUser> {
    let user = get(services, actor, id).await?;
    let mut tx = services.store.begin().await?;
    tx.audit(
        AuditEvent {
            actor: Some(actor.user_id),
            actor_label: "",
            organisation: Some(user.organisation_id),
            action: "user.view",
            record_type: "user",
            record_id: Some(user.id.0),
            detail: "Looked at a staff account",
        },
        clock::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// Changes a staff account's name, role, or whether it can sign in.
pub async fn update(
    services: &Services,
    actor: &Actor,
    id: UserId,
    name: &str,
    role: &str,
    active: bool,
) -> Result<StaffUser> {
    check(actor.may(Action::ManageStaff))?;
    let user = get(services, actor, id).await?;
    check(actor.may_on(Action::ManageStaff, user.organisation_id))?;
    let mut errors = Vec::new();
    let display_name = parse_display_name(name)
        .map_err(|e| errors.push(("display_name", e.message)))
        .ok();
    let role = Role::parse(role)
        .map_err(|e| errors.push(("role", e.message)))
        .ok();
    if user.id == actor.user_id && (role != Some(Role::Admin) || !active) {
        errors.push((
            "role",
            "You cannot remove your own administrator access. Ask another administrator".into(),
        ));
    }
    let (Some(display_name), Some(role), true) = (display_name, role, errors.is_empty()) else {
        return Err(ServiceError::Invalid(errors));
    };
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.update_user(id, &display_name, role, active).await?;
    if !active {
        tx.delete_sessions_of(id).await?;
    }
    let detail = format!(
        "Role {}, {}",
        role.as_str(),
        if active { "can sign in" } else { "turned off" }
    );
    tx.audit(
        AuditEvent {
            actor: Some(actor.user_id),
            actor_label: "",
            organisation: Some(user.organisation_id),
            action: "user.update",
            record_type: "user",
            record_id: Some(id.0),
            detail: &detail,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StaffUser {
        display_name,
        role,
        active,
        ..user
    })
}
