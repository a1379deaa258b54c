//! Secrets: the server's key, random tokens and their hashes.
//!
//! Tokens handed to people (session ids, one-time links, API tokens) are
//! random and only their SHA-256 hashes are stored. Values that must be
//! checked without a database row (form tokens) are signed with the key.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// The server's secret key. It cannot be printed.
#[derive(Clone)]
pub struct SecretKey(Vec<u8>);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(hidden)")
    }
}

impl SecretKey {
    /// A key from its hex form. At least 32 bytes.
    pub fn from_hex(value: &str) -> Result<Self, String> {
        let bytes =
            hex::decode(value.trim()).map_err(|_| "the secret key must be hex".to_owned())?;
        if bytes.len() < 32 {
            return Err("the secret key must be at least 32 bytes (64 hex characters)".into());
        }
        Ok(Self(bytes))
    }

    pub fn generate() -> Self {
        let mut bytes = vec![0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(bytes)
    }

    pub fn to_hex(&self) -> String {
        hex::encode(&self.0)
    }

    /// A signature of `message` for `purpose`, as URL-safe text.
    pub fn sign(&self, purpose: &str, message: &str) -> String {
        URL_SAFE_NO_PAD.encode(self.mac(purpose, message).finalize().into_bytes())
    }

    /// Checks a signature in constant time.
    pub fn verify(&self, purpose: &str, message: &str, signature: &str) -> bool {
        let Ok(bytes) = URL_SAFE_NO_PAD.decode(signature) else {
            return false;
        };
        self.mac(purpose, message).verify_slice(&bytes).is_ok()
    }

    fn mac(&self, purpose: &str, message: &str) -> Hmac<Sha256> {
        #[allow(clippy::expect_used)]
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes keys of any size");
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(message.as_bytes());
        mac
    }
}

/// A new random token: 32 bytes as URL-safe text.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The hash under which a token is stored.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_check_purpose_and_message() {
        let key = SecretKey::generate();
        let signature = key.sign("csrf", "abc");
        assert!(key.verify("csrf", "abc", &signature));
        assert!(!key.verify("csrf", "abd", &signature));
        assert!(!key.verify("reply", "abc", &signature));
        assert!(!SecretKey::generate().verify("csrf", "abc", &signature));
        assert!(!key.verify("csrf", "abc", "not base64 !"));
    }

    #[test]
    fn keys_are_not_printed_and_round_trip() {
        let key = SecretKey::generate();
        assert_eq!(format!("{key:?}"), "SecretKey(hidden)");
        assert_eq!(SecretKey::from_hex(&key.to_hex()).map(|k| k.0), Ok(key.0));
        assert!(SecretKey::from_hex("abcd").is_err());
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        assert_ne!(random_token(), random_token());
        assert_eq!(token_hash("a").len(), 64);
    }
}
