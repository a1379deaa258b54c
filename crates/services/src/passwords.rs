//! Password hashing with Argon2id. Hashing is slow on purpose, so it runs on
//! a blocking thread and never stalls the async executor.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use coproduce_domain::NewPassword;

use crate::{Result, ServiceError};

pub async fn hash(password: &NewPassword) -> Result<String> {
    let password = password.expose().to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| ServiceError::Internal(format!("hashing a password failed: {e}")))
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("the hashing thread failed: {e}")))?
}

/// Checks a password against a stored hash. With no hash (the account has
/// no password yet), a dummy hash is checked so that the answer takes as
/// long as a real one and does not reveal which accounts exist.
pub async fn verify(password: &str, stored: Option<String>) -> Result<bool> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
            && stored != DUMMY_HASH
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("the hashing thread failed: {e}")))
}

/// The Argon2id hash of a random password nobody knows.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$4B3O8yYdjS0s4oJ7sDhS1mUe6mJVMG3x0kY2S2vLqQ8";
