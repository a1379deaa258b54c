//! The ladder of co-production, the levels at which it happens and the
//! methods of taking part.
//!
//! The ladder is the National Co-production Advisory Group's, published
//! with Think Local Act Personal, after Sherry Arnstein's 1969 ladder of
//! citizen participation. The descriptions here are our own plain English.
//!
//! A [`Rung`] is a closed type that orders from the bottom of the ladder to
//! the top, so code compares rungs (`rung < Rung::CoDesign`) and never
//! strings.

/// Who the ladder is credited to, for every page that shows it.
pub const CREDIT: &str = "The ladder of co-production comes from the National Co-production \
     Advisory Group with Think Local Act Personal. It builds on Sherry Arnstein's 1969 ladder \
     of citizen participation.";

code_list!(
    /// A rung of the ladder of co-production, from the bottom (coercion) to
    /// the top (co-production). Rungs order the same way.
    Rung {
        Coercion = "coercion": "Coercion",
        Educating = "educating": "Educating",
        Informing = "informing": "Informing",
        Consultation = "consultation": "Consultation",
        Engagement = "engagement": "Engagement",
        CoDesign = "co_design": "Co-design",
        CoProduction = "co_production": "Co-production",
    }
);

impl Rung {
    /// The lowest rung at which work counts as designed with people. Work
    /// planned below it must say publicly why co-production is not possible.
    pub const CO_DESIGNED: Rung = Rung::CoDesign;

    /// 1 for the bottom rung to 7 for the top.
    pub fn step(self) -> usize {
        Self::ALL.iter().position(|r| *r == self).unwrap_or(0) + 1
    }

    /// True for rungs below co-design, where a reason is owed.
    pub fn needs_reason(self) -> bool {
        self < Self::CO_DESIGNED
    }

    /// What the rung means, in plain English.
    pub fn description(self) -> &'static str {
        match self {
            Self::Coercion => {
                "People are present, but only to receive a service. Nobody asks what they think, \
                 and their views change nothing."
            }
            Self::Educating => {
                "People are helped to understand how a service is planned and run. That is as \
                 far as it goes."
            }
            Self::Informing => {
                "People are told what is happening to services, what has been decided and the \
                 reasons for it."
            }
            Self::Consultation => {
                "People are asked for their views, for example in a survey or a meeting. They \
                 may have no power to change the outcome, so it can feel like a box being ticked."
            }
            Self::Engagement => {
                "People have more chances to say what they think and can shape some decisions. \
                 The organisation still sets the limits."
            }
            Self::CoDesign => {
                "People use what they know from their own lives to help design a service, and \
                 their ideas really change it. They are not part of making it happen afterwards."
            }
            Self::CoProduction => {
                "People and the organisation work as equals from start to finish. They design \
                 and deliver the work together and share the big decisions."
            }
        }
    }
}

code_list!(
    /// Where in the system a piece of work happens.
    Level {
        Strategic = "strategic": "Strategic",
        ServiceDesign = "service_design": "Service design and development",
        Individual = "individual": "Individual",
    }
);

impl Level {
    pub fn description(self) -> &'static str {
        match self {
            Self::Strategic => "Policy, commissioning and how money is spent.",
            Self::ServiceDesign => "How a service is planned, built, changed and checked.",
            Self::Individual => "A person's own care and support.",
        }
    }
}

code_list!(
    /// A way of taking part. Not every kind of involvement is co-production,
    /// but co-production is always a kind of involvement.
    Method {
        Information = "information": "Information",
        Consultation = "consultation": "Consultation",
        CommunityEngagement = "community_engagement": "Community engagement",
        StakeholderEngagement = "stakeholder_engagement": "Stakeholder engagement",
        Involvement = "involvement": "Involvement",
        Participation = "participation": "Participation",
        CoProduction = "co_production": "Co-production",
    }
);

impl Method {
    pub fn description(self) -> &'static str {
        match self {
            Self::Information => "Telling people what is happening and why.",
            Self::Consultation => "Asking people for their views on a plan.",
            Self::CommunityEngagement => {
                "Going out to local communities and groups to hear from them."
            }
            Self::StakeholderEngagement => {
                "Talking with professional bodies and other organisations."
            }
            Self::Involvement => "People taking an active part in a piece of work.",
            Self::Participation => "People joining in activities and decisions.",
            Self::CoProduction => "People and staff sharing power and doing the work together.",
        }
    }
}

code_list!(
    /// The stages of a piece of work. Co-production means people are there
    /// at every one.
    Stage {
        Idea = "idea": "The idea",
        Design = "design": "Design",
        Delivery = "delivery": "Delivery",
        Review = "review": "Review and evaluation",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rungs_order_from_the_bottom_of_the_ladder() {
        assert!(Rung::Coercion < Rung::Educating);
        assert!(Rung::Consultation < Rung::CoDesign);
        assert!(Rung::CoDesign < Rung::CoProduction);
        let steps: Vec<usize> = Rung::ALL.iter().map(|r| r.step()).collect();
        assert_eq!(steps, vec![1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn only_rungs_below_co_design_owe_a_reason() {
        let owed: Vec<Rung> = Rung::ALL
            .iter()
            .copied()
            .filter(|r| r.needs_reason())
            .collect();
        assert_eq!(
            owed,
            vec![
                Rung::Coercion,
                Rung::Educating,
                Rung::Informing,
                Rung::Consultation,
                Rung::Engagement
            ]
        );
    }

    #[test]
    fn rungs_are_read_only_from_their_codes() {
        assert_eq!(Rung::parse("co_design"), Some(Rung::CoDesign));
        assert_eq!(Rung::parse(" consultation "), Some(Rung::Consultation));
        assert_eq!(Rung::parse("Co-design"), None);
        assert_eq!(Rung::parse("top"), None);
        for rung in Rung::ALL {
            assert_eq!(Rung::parse(rung.as_str()), Some(*rung));
            assert!(!rung.description().is_empty());
        }
    }
}
