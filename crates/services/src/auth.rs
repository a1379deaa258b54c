//! Staff sign-in: passwords, sessions, throttling and password links.

use std::time::Duration;

use coproduce_domain::{Email, NewPassword, StaffUser, UserId};
use coproduce_store::{AuditEvent, StoreError};
use sha2::{Digest, Sha256};

use crate::email::OutgoingEmail;
use crate::secrets::{random_token, token_hash};
use crate::{Result, ServiceError, Services, clock, jobs, passwords};

/// Limits on failed sign-ins, counted in the database so that every server
/// process shares them.
#[derive(Clone, Debug)]
pub struct Throttle {
    /// Failures older than this are forgotten.
    pub window: Duration,
    /// After this many failures for an account, each answer is slowed...
    pub slow_after: i64,
    /// ...by this much more for each further failure (up to 5 steps).
    pub delay_step: Duration,
    /// After this many failures for an account, sign-in is refused until the
    /// window passes.
    pub refuse_after: i64,
    /// The same limit for one network address, across all accounts.
    pub refuse_after_for_address: i64,
}

impl Default for Throttle {
    fn default() -> Self {
        Self {
            window: Duration::from_secs(15 * 60),
            slow_after: 3,
            delay_step: Duration::from_secs(1),
            refuse_after: 10,
            refuse_after_for_address: 50,
        }
    }
}

/// Why a sign-in did not work.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("the email address or password is wrong")]
    WrongCredentials,
    #[error("too many failed attempts")]
    Throttled { minutes: u64 },
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<StoreError> for SignInError {
    fn from(error: StoreError) -> Self {
        Self::Service(error.into())
    }
}

/// A new session: the secret for the cookie, and who it is for.
pub struct SignedIn {
    pub session_token: String,
    pub user: StaffUser,
}

/// A live session found from its cookie.
pub struct CurrentSession {
    pub user: StaffUser,
    pub session_token_hash: String,
}

/// The throttle key for an account. Hashed, so that what people typed
/// into the email box is not kept.
fn account_key(email: &str) -> String {
    let digest = hex::encode(Sha256::digest(email.as_bytes()));
    format!("account:{}", &digest[..32])
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

/// Signs a staff member in with email and password, from `address`. A
/// session the browser already had is ended, so a session id is never
/// carried across a sign-in.
pub async fn sign_in(
    services: &Services,
    email: &Email,
    password: &str,
    address: &str,
    previous_session: Option<&str>,
) -> Result<SignedIn, SignInError> {
    let throttle = &services.settings.throttle;
    let now = clock::now();
    let since = now - throttle.window.as_secs() as i64;
    let account = account_key(email.as_str());
    let address = address_key(address);
    let account_failures = services.store.sign_in_failures(&account, since).await?;
    let address_failures = services.store.sign_in_failures(&address, since).await?;
    if account_failures >= throttle.refuse_after
        || address_failures >= throttle.refuse_after_for_address
    {
        return Err(SignInError::Throttled {
            minutes: throttle.window.as_secs().div_ceil(60),
        });
    }
    if account_failures >= throttle.slow_after {
        let steps = (account_failures - throttle.slow_after + 1).min(5) as u32;
        tokio::time::sleep(throttle.delay_step * steps).await;
    }

    let credentials = match services.store.credentials(email).await {
        Ok(credentials) => Some(credentials),
        Err(StoreError::NotFound) => None,
        Err(error) => return Err(error.into()),
    };
    let (user, hash) = match credentials {
        Some(c) => (Some(c.user), c.password_hash),
        None => (None, None),
    };
    let password_ok = passwords::verify(password, hash).await?;
    let user = match user {
        Some(user) if password_ok && user.active => user,
        _ => {
            let mut tx = services.store.begin().await?;
            tx.record_sign_in_failure(&account, now).await?;
            tx.record_sign_in_failure(&address, now).await?;
            tx.commit().await?;
            return Err(SignInError::WrongCredentials);
        }
    };

    let session_token = random_token();
    let expires_at = now + services.settings.session_absolute.as_secs() as i64;
    let mut tx = services.store.begin().await?;
    if let Some(previous) = previous_session {
        tx.delete_session(&token_hash(previous)).await?;
    }
    tx.insert_session(&token_hash(&session_token), user.id, now, expires_at)
        .await?;
    tx.clear_sign_in_failures(&account).await?;
    tx.audit(
        AuditEvent {
            actor: Some(user.id),
            actor_label: "",
            organisation: Some(user.organisation_id),
            action: "staff.sign_in",
            record_type: "user",
            record_id: Some(user.id.0),
            detail: "Signed in",
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(SignedIn {
        session_token,
        user,
    })
}

/// Finds the live session for a cookie value, keeping it alive.
pub async fn session(services: &Services, session_token: &str) -> Result<Option<CurrentSession>> {
    let hash = token_hash(session_token);
    let Some(record) = services.store.session(&hash).await? else {
        return Ok(None);
    };
    let now = clock::now();
    let idle = services.settings.session_idle.as_secs() as i64;
    if record.expires_at <= now || record.last_seen_at + idle <= now {
        let mut tx = services.store.begin().await?;
        tx.delete_session(&hash).await?;
        tx.commit().await?;
        return Ok(None);
    }
    let user = services.store.user(UserId(record.user_id)).await?;
    if !user.active {
        return Ok(None);
    }
    // Writing on every request would queue every page behind the one
    // writer; a minute's precision is plenty for an idle time-out.
    if now - record.last_seen_at >= 60 {
        let mut tx = services.store.begin().await?;
        tx.touch_session(&hash, now).await?;
        tx.commit().await?;
    }
    Ok(Some(CurrentSession {
        user,
        session_token_hash: hash,
    }))
}

pub async fn sign_out(services: &Services, current: &CurrentSession) -> Result<()> {
    let mut tx = services.store.begin().await?;
    tx.delete_session(&current.session_token_hash).await?;
    tx.audit(
        AuditEvent {
            actor: Some(current.user.id),
            actor_label: "",
            organisation: Some(current.user.organisation_id),
            action: "staff.sign_out",
            record_type: "user",
            record_id: Some(current.user.id.0),
            detail: "Signed out",
        },
        clock::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// How long an emailed password link works.
pub const RESET_LINK_HOURS: i64 = 2;
pub const SET_LINK_DAYS: i64 = 7;

/// Emails a one-time link to choose a new password, if the address belongs
/// to an active account. The answer is the same either way, so the form
/// does not reveal who has an account.
pub async fn request_password_reset(services: &Services, email: &Email) -> Result<()> {
    let user = match services.store.user_by_email(email).await {
        Ok(user) if user.active => user,
        Ok(_) | Err(StoreError::NotFound) => return Ok(()),
        Err(error) => return Err(error.into()),
    };
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    let link = password_link(
        services,
        &mut tx,
        &user,
        "reset",
        now + RESET_LINK_HOURS * 3600,
    )
    .await?;
    jobs::enqueue_email(
        &mut tx,
        &OutgoingEmail {
        attachments: Vec::new(),
            to: user.email.to_string(),
            subject: "Choose a new password for Coproduce".into(),
            body: format!(
                "Hello {name},\n\nSomeone asked to reset the password for your Coproduce account. \
                 If it was you, open this link to choose a new password:\n\n{link}\n\n\
                 The link works once, for {RESET_LINK_HOURS} hours.\n\n\
                 If you did not ask for this, you can ignore this email. Your password has not changed.\n",
                name = user.display_name
            ),
        },
    )
    .await?;
    tx.audit(
        AuditEvent {
            actor: None,
            actor_label: "password reset form",
            organisation: Some(user.organisation_id),
            action: "staff.password_reset_requested",
            record_type: "user",
            record_id: Some(user.id.0),
            detail: "A password reset link was emailed",
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Makes a one-time password link for `user` inside `tx`.
pub(crate) async fn password_link(
    services: &Services,
    tx: &mut coproduce_store::Tx,
    user: &StaffUser,
    purpose: &str,
    expires_at: i64,
) -> Result<String> {
    let token = random_token();
    tx.insert_password_token(
        &token_hash(&token),
        user.id,
        purpose,
        clock::now(),
        expires_at,
    )
    .await?;
    Ok(format!("{}/password/{token}", services.settings.base_url))
}

/// The account a one-time password link is for, if it still works.
pub async fn password_link_user(services: &Services, token: &str) -> Result<Option<StaffUser>> {
    match services
        .store
        .password_token_user(&token_hash(token), clock::now())
        .await?
    {
        Some(id) => Ok(Some(services.store.user(id).await?)),
        None => Ok(None),
    }
}

/// Sets a new password through a one-time link, ending every session the
/// account had. Returns `None` when the link is used or out of date.
pub async fn set_password_with_link(
    services: &Services,
    token: &str,
    password: &str,
    partnership_name: &str,
) -> Result<Option<StaffUser>> {
    let Some(user) = password_link_user(services, token).await? else {
        return Ok(None);
    };
    let password = NewPassword::parse(
        password,
        &[
            user.email.as_str(),
            &user.display_name,
            "coproduce",
            partnership_name,
        ],
    )
    .map_err(|e| ServiceError::field("password", e.message))?;
    let hash = passwords::hash(&password).await?;
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    if tx
        .use_password_token(&token_hash(token), now)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    tx.set_password_hash(user.id, &hash).await?;
    tx.delete_sessions_of(user.id).await?;
    tx.audit(
        AuditEvent {
            actor: Some(user.id),
            actor_label: "",
            organisation: Some(user.organisation_id),
            action: "staff.password_set",
            record_type: "user",
            record_id: Some(user.id.0),
            detail: "Chose a new password through an emailed link",
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(user))
}

/// Removes sessions past their time and forgotten failures.
pub async fn tidy(services: &Services) -> Result<()> {
    let now = clock::now();
    let mut tx = services.store.begin().await?;
    tx.delete_expired_sessions(now, now - services.settings.session_idle.as_secs() as i64)
        .await?;
    tx.delete_sign_in_failures_before(now - services.settings.throttle.window.as_secs() as i64)
        .await?;
    tx.delete_expired_drafts(now).await?;
    tx.commit().await?;
    Ok(())
}
