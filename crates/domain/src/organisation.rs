//! The partnership's organisations.

use crate::Invalid;

/// What kind of body an organisation is. It decides nothing about access;
/// it helps people read lists and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrganisationKind {
    Council,
    Nhs,
    CareProvider,
    VoluntarySector,
    Other,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 5] = [
        Self::Council,
        Self::Nhs,
        Self::CareProvider,
        Self::VoluntarySector,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Council => "council",
            Self::Nhs => "nhs",
            Self::CareProvider => "care_provider",
            Self::VoluntarySector => "voluntary_sector",
            Self::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Council => "Council",
            Self::Nhs => "NHS organisation",
            Self::CareProvider => "Care provider",
            Self::VoluntarySector => "Voluntary or community organisation",
            Self::Other => "Other organisation",
        }
    }

    pub fn parse(value: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == value)
            .ok_or_else(|| Invalid::new("Choose what kind of organisation this is"))
    }
}

/// A short name for an organisation used in commands and addresses, such as
/// `northshire-council`: lower-case letters, digits and single hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slug(String);

impl Slug {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let value = value.trim();
        let well_formed = !value.is_empty()
            && value.len() <= 60
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !value.starts_with('-')
            && !value.ends_with('-')
            && !value.contains("--");
        if well_formed {
            Ok(Self(value.to_owned()))
        } else {
            Err(Invalid::new(
                "Enter a short name using lower-case letters, numbers and hyphens, like northshire-council",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for good in ["northshire-council", "nhs-trust-2", "a"] {
            assert!(Slug::parse(good).is_ok(), "{good}");
        }
        for bad in ["", "Northshire", "-a", "a-", "a--b", "a b", "a_b"] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn kinds_round_trip() {
        for kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::parse(kind.as_str()), Ok(kind));
        }
        assert!(OrganisationKind::parse("bank").is_err());
    }
}

/// An organisation in the partnership, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: crate::OrganisationId,
    pub slug: Slug,
    pub name: String,
    pub kind: OrganisationKind,
    /// Public texts must pass the plain English check before they are
    /// saved, rather than only being given advice.
    pub plain_english_must_pass: bool,
}
