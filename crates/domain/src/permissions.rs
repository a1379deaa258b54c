//! Who may do what. Every permission decision in Coproduce is made here, so
//! that the rules can be read in one place and tested as a matrix.

use crate::{OrganisationId, Role, UserId};

/// Something a signed-in staff member (or API token) asks to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See the staff home page and their own account.
    ViewStaffHome,
    /// See the partnership's organisations.
    ViewOrganisations,
    /// See the staff accounts of their organisation.
    ViewStaff,
    /// Add staff accounts, change roles, turn accounts off.
    ManageStaff,
    /// Read the audit trail of their organisation.
    ViewAuditTrail,
    /// Check a text with the plain English checker.
    CheckWriting,
    /// Change their organisation's settings.
    ManageSettings,
    /// See people on their organisation's register.
    ViewPeople,
    /// Add people and change their records.
    ManagePeople,
    /// Download the register as a spreadsheet, or import one.
    ExportPeople,
    /// See their organisation's projects, decision log and ladder figures.
    ViewProjects,
    /// Plan, change, publish and close projects, and log decisions.
    ManageProjects,
    /// See their organisation's activities and who is coming.
    ViewActivities,
    /// Plan activities, invite people, record replies and attendance.
    ManageActivities,
    /// See rates, fees, expenses claims, payment runs and what a person
    /// has been paid.
    ViewPayments,
    /// Work out fees, record people's choices and limits, and claim
    /// expenses for someone.
    RecordPayments,
    /// Approve or reject fees and expenses claims.
    ApprovePayments,
    /// Create payment runs for the finance system and record them paid.
    RunPayments,
    /// Set the organisation's fee and expenses rates.
    ManageRates,
    /// Search the insights library and see "you said, we did" entries:
    /// their own organisation's and what the partnership shares.
    ViewInsights,
    /// Add and change their organisation's insights and "you said, we
    /// did" entries.
    ManageInsights,
}

impl Action {
    pub const ALL: [Action; 21] = [
        Self::ViewStaffHome,
        Self::ViewOrganisations,
        Self::ViewStaff,
        Self::ManageStaff,
        Self::ViewAuditTrail,
        Self::CheckWriting,
        Self::ManageSettings,
        Self::ViewPeople,
        Self::ManagePeople,
        Self::ExportPeople,
        Self::ViewProjects,
        Self::ManageProjects,
        Self::ViewActivities,
        Self::ManageActivities,
        Self::ViewPayments,
        Self::RecordPayments,
        Self::ApprovePayments,
        Self::RunPayments,
        Self::ManageRates,
        Self::ViewInsights,
        Self::ManageInsights,
    ];

    /// Whether a role may ever do this, before any question of whose record
    /// it is.
    pub fn allowed_for(self, role: Role) -> bool {
        use Role::*;
        match self {
            // Board members and partners follow the work; they do not run it.
            Self::ViewStaffHome
            | Self::ViewOrganisations
            | Self::CheckWriting
            | Self::ViewProjects
            | Self::ViewInsights => true,
            Self::ViewStaff | Self::ExportPeople => matches!(role, Admin | Lead),
            // Finance officers need names and contact details to pay people.
            Self::ViewPeople => matches!(role, Admin | Lead | Officer | Finance),
            Self::ManagePeople | Self::ManageProjects | Self::ManageActivities => {
                matches!(role, Admin | Lead | Officer)
            }
            // Finance officers need attendance to pay people.
            Self::ViewActivities => matches!(role, Admin | Lead | Officer | Finance),
            Self::ManageStaff | Self::ViewAuditTrail | Self::ManageSettings => {
                matches!(role, Admin)
            }
            Self::ViewPayments | Self::RecordPayments => {
                matches!(role, Admin | Lead | Officer | Finance)
            }
            Self::ApprovePayments => matches!(role, Admin | Lead | Finance),
            // Only finance officers send payments to the finance system.
            Self::RunPayments => matches!(role, Finance),
            Self::ManageRates => matches!(role, Admin | Finance),
            // Partner organisations share what they learned too.
            Self::ManageInsights => matches!(role, Admin | Lead | Officer | Partner),
        }
    }
}

/// The answer to "may this actor do this to that record?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    /// The role may not do this at all.
    Forbidden,
    /// The record belongs to another organisation: answer as if it did not
    /// exist, so that ids cannot be probed.
    NotFound,
}

/// Who is acting: a signed-in staff member or the owner of an API token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub organisation_id: OrganisationId,
    pub role: Role,
}

impl Actor {
    /// May the actor do this at all (for pages that show only their own
    /// organisation's records)?
    pub fn may(&self, action: Action) -> Decision {
        if action.allowed_for(self.role) {
            Decision::Allowed
        } else {
            Decision::Forbidden
        }
    }

    /// May the actor do this to a record owned by `owner`?
    pub fn may_on(&self, action: Action, owner: OrganisationId) -> Decision {
        match self.may(action) {
            Decision::Allowed if owner == self.organisation_id => Decision::Allowed,
            Decision::Allowed => Decision::NotFound,
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: UserId(1),
            organisation_id: OrganisationId(1),
            role,
        }
    }

    #[test]
    fn other_organisations_records_are_not_found() {
        let admin = actor(Role::Admin);
        assert_eq!(
            admin.may_on(Action::ManageStaff, OrganisationId(1)),
            Decision::Allowed
        );
        assert_eq!(
            admin.may_on(Action::ManageStaff, OrganisationId(2)),
            Decision::NotFound
        );
        let board = actor(Role::Board);
        assert_eq!(
            board.may_on(Action::ManageStaff, OrganisationId(1)),
            Decision::Forbidden
        );
        assert_eq!(
            board.may_on(Action::ManageStaff, OrganisationId(2)),
            Decision::Forbidden
        );
    }

    #[test]
    fn only_admins_manage_staff_and_read_the_audit_trail() {
        for role in Role::ALL {
            let expected = role == Role::Admin;
            assert_eq!(Action::ManageStaff.allowed_for(role), expected, "{role:?}");
            assert_eq!(
                Action::ViewAuditTrail.allowed_for(role),
                expected,
                "{role:?}"
            );
            assert!(Action::ViewStaffHome.allowed_for(role));
        }
    }
}
