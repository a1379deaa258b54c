//! Staff accounts: roles, email addresses and passwords.

use crate::Invalid;

/// A staff member's one role. What each role may do is decided in
/// [`crate::permissions`], nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Runs the organisation's account: staff, settings, audit trail.
    Admin,
    /// A co-production lead.
    Lead,
    /// A co-production officer, the everyday user.
    Officer,
    /// Approves and exports payments.
    Finance,
    /// A Co-Production Board member: reads dashboards and reports.
    Board,
    /// Staff of a partner organisation: sees only what is shared.
    Partner,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Self::Admin,
        Self::Lead,
        Self::Officer,
        Self::Finance,
        Self::Board,
        Self::Partner,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Lead => "lead",
            Self::Officer => "officer",
            Self::Finance => "finance",
            Self::Board => "board",
            Self::Partner => "partner",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Admin => "Administrator",
            Self::Lead => "Co-production lead",
            Self::Officer => "Co-production officer",
            Self::Finance => "Finance officer",
            Self::Board => "Board member",
            Self::Partner => "Partner organisation staff",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Self::Admin => "Manages staff accounts and can see the audit trail.",
            Self::Lead => "Leads co-production work and sees everything the organisation holds.",
            Self::Officer => "Runs co-production work day to day.",
            Self::Finance => "Approves payments and sends them to the finance system.",
            Self::Board => "Reads progress reports and dashboards. Cannot change records.",
            Self::Partner => {
                "Works for a partner and sees only what is shared with the partnership."
            }
        }
    }

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let value = value.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == value)
            .ok_or_else(|| {
                Invalid::new("Choose a role: admin, lead, officer, finance, board or partner")
            })
    }
}

/// An email address, trimmed and lower-cased so that one person has one
/// address. The check is deliberately loose: the only real test of an
/// address is sending to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let value = value.trim().to_lowercase();
        if value.is_empty() {
            return Err(Invalid::new("Enter an email address"));
        }
        let Some((local, domain)) = value.split_once('@') else {
            return Err(Invalid::new(
                "Enter an email address in the correct format, like name@example.com",
            ));
        };
        let well_formed = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && !value.chars().any(|c| c.is_whitespace() || c.is_control())
            && value.len() <= 254;
        if well_formed {
            Ok(Self(value))
        } else {
            Err(Invalid::new(
                "Enter an email address in the correct format, like name@example.com",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password someone has chosen, which met the rules. It cannot be printed.
#[derive(Clone)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(hidden)")
    }
}

/// The fewest characters a staff password may have.
pub const MIN_PASSWORD_LENGTH: usize = 12;

impl NewPassword {
    /// Checks length and guessability. `context` holds words that make a
    /// password easy to guess for this account (its email, the service's
    /// name); a password built from them or from common passwords is refused.
    pub fn parse(value: &str, context: &[&str]) -> Result<Self, Invalid> {
        if value.is_empty() {
            return Err(Invalid::new("Enter a password"));
        }
        if value.chars().count() < MIN_PASSWORD_LENGTH {
            return Err(Invalid::new(format!(
                "Password must be {MIN_PASSWORD_LENGTH} characters or more"
            )));
        }
        if value.len() > 256 {
            return Err(Invalid::new("Password must be 256 characters or fewer"));
        }
        // zxcvbn holds tens of thousands of common passwords, words and
        // patterns; a score under 3 means it found the password among them.
        let estimate = zxcvbn::zxcvbn(value, context);
        if (estimate.score() as u8) < 3 {
            return Err(Invalid::new(
                "This password is too common or too easy to guess. Try three or four random words together",
            ));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert_eq!(Role::parse(" Admin "), Ok(Role::Admin));
        assert!(Role::parse("superuser").is_err());
    }

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse("  Sam.Jones@Example.ORG ").map(|e| e.0),
            Ok("sam.jones@example.org".to_owned())
        );
        for bad in [
            "",
            "sam",
            "sam@",
            "@example.org",
            "sam@example",
            "sam @example.org",
            "a@b@c.org",
            "sam@.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    fn password_error(value: &str) -> Option<String> {
        NewPassword::parse(value, &["sam@example.org", "coproduce"])
            .err()
            .map(|e| e.message)
    }

    #[test]
    fn passwords() {
        assert_eq!(password_error(""), Some("Enter a password".into()));
        assert_eq!(
            password_error("short"),
            Some("Password must be 12 characters or more".into())
        );
        for common in [
            "password1234",
            "qwertyuiop123",
            "coproduce123456",
            "aaaaaaaaaaaa",
        ] {
            assert!(
                password_error(common)
                    .unwrap_or_default()
                    .contains("too common"),
                "{common}"
            );
        }
        assert_eq!(password_error("marble kettle orchard swims"), None);
    }

    #[test]
    fn password_is_not_printed() {
        let password = NewPassword::parse("marble kettle orchard swims", &[]).expect("valid");
        assert!(!format!("{password:?}").contains("marble"));
    }
}

/// A staff account, as stored. The password hash is never part of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffUser {
    pub id: crate::UserId,
    pub organisation_id: crate::OrganisationId,
    pub email: Email,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub created_at: i64,
}

impl StaffUser {
    pub fn actor(&self) -> crate::Actor {
        crate::Actor {
            user_id: self.id,
            organisation_id: self.organisation_id,
            role: self.role,
        }
    }
}

/// A name a person gave for themselves or a colleague: trimmed, not empty,
/// not absurdly long.
pub fn parse_display_name(value: &str) -> Result<String, Invalid> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Invalid::new("Enter a name"));
    }
    if value.chars().count() > 100 {
        return Err(Invalid::new("Name must be 100 characters or fewer"));
    }
    if value.chars().any(char::is_control) {
        return Err(Invalid::new("Name must not contain special characters"));
    }
    Ok(value.to_owned())
}
