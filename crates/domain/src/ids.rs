//! Typed record ids, so a user id can never be passed where an organisation
//! id is expected.

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// An organisation in the partnership.
    OrganisationId
);
id_type!(
    /// A staff account.
    UserId
);
id_type!(
    /// A person on the register.
    PersonId
);
id_type!(
    /// A piece of co-production work.
    ProjectId
);
id_type!(
    /// An entry in an organisation's decision log.
    DecisionId
);
id_type!(
    /// An activity people take part in.
    ActivityId
);
id_type!(
    /// An invitation of one person to one activity.
    InvitationId
);
id_type!(
    /// A dated fee or expenses rate.
    RateId
);
id_type!(
    /// A fee for taking part in an activity.
    FeeId
);
id_type!(
    /// An expenses claim.
    ClaimId
);
id_type!(
    /// A batch of payments sent to the finance system.
    PaymentRunId
);
id_type!(
    /// An earnings limit a person declared.
    LimitId
);
id_type!(
    /// Something the partnership learned from people.
    InsightId
);
id_type!(
    /// A file attached to an insight.
    AttachmentId
);
id_type!(
    /// A "you said, we did" entry.
    SaidId
);
