//! Projects: pieces of co-production work, each at an honest rung of the
//! ladder, and the decision log around them.
//!
//! The rules that make a plan honest live in the types: a [`LadderPlan`]
//! below co-design cannot be built without a [`NotCoproduced`] reason, and
//! a [`Closing`] cannot be built without the rung achieved and a
//! reflection.

use std::collections::BTreeSet;

use crate::dates::{Date, parse_uk_date};
use crate::ladder::{Level, Method, Rung, Stage};
use crate::money::Pence;
use crate::person::parse_free_text;
use crate::{Invalid, OrganisationId, ProjectId, UserId};

/// One message per field, in the order the fields are asked.
pub type Problems = Vec<(&'static str, String)>;

code_list!(
    /// Why a piece of work cannot be co-produced.
    NotCoproducedCategory {
        LegalDeadline = "legal_deadline": "A legal or statutory deadline",
        DecidedElsewhere = "decided_elsewhere": "The decision was already made elsewhere",
        Safeguarding = "safeguarding": "Safeguarding",
        NoBudget = "no_budget": "There is no budget",
        TooLittleTime = "too_little_time": "There is too little time",
        Other = "other": "Another reason",
    }
);

code_list!(
    /// Where a project is in its life.
    ProjectStatus {
        Planning = "planning": "Planning",
        Active = "active": "Active",
        Closed = "closed": "Closed",
    }
);

code_list!(
    /// The part a person from the register plays in a project.
    MemberRole {
        CoChair = "co_chair": "Co-chair",
        Member = "member": "Member",
        Adviser = "adviser": "Adviser",
    }
);

code_list!(
    /// Where a decision was made.
    DecisionForum {
        OfficerMeeting = "officer_meeting": "An officer meeting",
        ManagementTeam = "management_team": "The management team",
        CabinetOrBoard = "cabinet_or_board": "Cabinet or a board",
        Other = "other": "Somewhere else",
    }
);

code_list!(
    /// The part of adult social care a project is about.
    ServiceArea {
        HomeCare = "home_care": "Care at home",
        CareHomes = "care_homes": "Care homes",
        DayOpportunities = "day_opportunities": "Day services and things to do",
        Carers = "carers": "Support for carers",
        MentalHealth = "mental_health": "Mental health",
        LearningDisability = "learning_disability": "Learning disability and autism",
        Housing = "housing": "Housing and support",
        Information = "information": "Information and advice",
        DirectPayments = "direct_payments": "Direct payments",
        HospitalDischarge = "hospital_discharge": "Leaving hospital",
        Workforce = "workforce": "Recruitment and training",
        Strategy = "strategy": "Strategy and commissioning",
    }
);

code_list!(
    /// An answer to a question of the "is co-production right here?" check.
    FitAnswer {
        Yes = "yes": "Yes",
        Partly = "partly": "Partly",
        No = "no": "No",
    }
);

/// The longest title, summary and other texts of a project, in characters.
pub const TITLE_MAX: usize = 150;
pub const SUMMARY_MAX: usize = 2_000;
pub const TEXT_MAX: usize = 4_000;

/// Reads a text that must be given.
pub(crate) fn required(
    value: &str,
    max: usize,
    what: &str,
    missing: &str,
    field: &'static str,
    problems: &mut Problems,
) -> Option<String> {
    match parse_free_text(value, max, what) {
        Ok(Some(text)) => Some(text),
        Ok(None) => {
            problems.push((field, missing.to_owned()));
            None
        }
        Err(e) => {
            problems.push((field, e.message));
            None
        }
    }
}

/// Reads a text that may be left out.
pub(crate) fn optional(
    value: &str,
    max: usize,
    what: &str,
    field: &'static str,
    problems: &mut Problems,
) -> Option<String> {
    parse_free_text(value, max, what).unwrap_or_else(|e| {
        problems.push((field, e.message));
        None
    })
}

/// Reads one code of a closed list that must be chosen.
pub(crate) fn chosen<T>(
    value: &str,
    parse: fn(&str) -> Option<T>,
    missing: &str,
    field: &'static str,
    problems: &mut Problems,
) -> Option<T> {
    let parsed = parse(value);
    if parsed.is_none() {
        problems.push((field, missing.to_owned()));
    }
    parsed
}

pub(crate) fn optional_date(
    value: &str,
    field: &'static str,
    problems: &mut Problems,
) -> Option<Date> {
    if value.trim().is_empty() {
        return None;
    }
    parse_uk_date(value)
        .map_err(|e| problems.push((field, e.message)))
        .ok()
}

/// Why a piece of work below co-design is not co-produced: said publicly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotCoproduced {
    pub category: NotCoproducedCategory,
    pub explanation: String,
    /// Who decided, such as a role or a meeting.
    pub decided_by: String,
    /// What will be co-produced instead.
    pub instead: String,
}

/// The ladder section of a project as typed, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct LadderInput<'a> {
    pub planned_rung: &'a str,
    pub rung_reason: &'a str,
    pub category: &'a str,
    pub explanation: &'a str,
    pub decided_by: &'a str,
    pub instead: &'a str,
}

/// The rung a project aims for and why; below co-design, also why
/// co-production is not possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LadderPlan {
    planned: Rung,
    reason: String,
    not_coproduced: Option<NotCoproduced>,
}

impl LadderPlan {
    /// Checks the ladder answers. Below co-design, every part of the
    /// "why not co-produced" answer is required; at co-design and above it
    /// is not kept.
    pub fn parse(input: &LadderInput<'_>) -> Result<LadderPlan, Problems> {
        let mut problems = Problems::new();
        let planned = chosen(
            input.planned_rung,
            Rung::parse,
            "Choose the rung of the ladder this work aims for",
            "planned_rung",
            &mut problems,
        );
        let reason = required(
            input.rung_reason,
            TEXT_MAX,
            "Why this rung",
            "Say why this work sits at this rung",
            "rung_reason",
            &mut problems,
        );
        let mut not_coproduced = None;
        if planned.is_some_and(Rung::needs_reason) {
            let category = chosen(
                input.category,
                NotCoproducedCategory::parse,
                "Choose why co-production is not possible",
                "not_coproduced_category",
                &mut problems,
            );
            let explanation = required(
                input.explanation,
                TEXT_MAX,
                "The explanation",
                "Explain why co-production is not possible",
                "not_coproduced_explanation",
                &mut problems,
            );
            let decided_by = required(
                input.decided_by,
                200,
                "Who decided",
                "Enter who decided that this work will not be co-produced",
                "not_coproduced_decided_by",
                &mut problems,
            );
            let instead = required(
                input.instead,
                TEXT_MAX,
                "What will be co-produced instead",
                "Say what will be co-produced instead",
                "not_coproduced_instead",
                &mut problems,
            );
            if let (Some(category), Some(explanation), Some(decided_by), Some(instead)) =
                (category, explanation, decided_by, instead)
            {
                not_coproduced = Some(NotCoproduced {
                    category,
                    explanation,
                    decided_by,
                    instead,
                });
            }
        }
        match (planned, reason) {
            (Some(planned), Some(reason)) if problems.is_empty() => Ok(LadderPlan {
                planned,
                reason,
                not_coproduced,
            }),
            _ => Err(problems),
        }
    }

    /// A plan read back from the store, which kept the same rule.
    pub fn from_stored(
        planned: Rung,
        reason: String,
        not_coproduced: Option<NotCoproduced>,
    ) -> Result<LadderPlan, Invalid> {
        if planned.needs_reason() != not_coproduced.is_some() {
            return Err(Invalid::new(
                "a stored plan's reason for not co-producing does not fit its rung",
            ));
        }
        Ok(LadderPlan {
            planned,
            reason,
            not_coproduced,
        })
    }

    pub fn planned(&self) -> Rung {
        self.planned
    }

    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Present exactly when the planned rung is below co-design.
    pub fn not_coproduced(&self) -> Option<&NotCoproduced> {
        self.not_coproduced.as_ref()
    }
}

/// The "about" section of a project as typed.
#[derive(Debug, Clone, Default)]
pub struct AboutInput<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub service_area: &'a str,
    pub level: &'a str,
    pub methods: &'a [String],
    pub starts_on: &'a str,
    pub ends_on: &'a str,
    pub budget: &'a str,
}

/// What a project is: its title, summary, area, level and methods, dates
/// and budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    pub title: String,
    pub summary: String,
    pub service_area: ServiceArea,
    pub level: Level,
    pub methods: BTreeSet<Method>,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    /// Money set aside to pay people for their time.
    pub budget: Option<Pence>,
}

impl About {
    pub fn parse(input: &AboutInput<'_>) -> Result<About, Problems> {
        let mut problems = Problems::new();
        let title = required(
            input.title,
            TITLE_MAX,
            "The title",
            "Enter a title for the project",
            "title",
            &mut problems,
        );
        let summary = required(
            input.summary,
            SUMMARY_MAX,
            "The summary",
            "Enter a short summary of the project in plain English",
            "summary",
            &mut problems,
        );
        let service_area = chosen(
            input.service_area,
            ServiceArea::parse,
            "Choose the service area",
            "service_area",
            &mut problems,
        );
        let level = chosen(
            input.level,
            Level::parse,
            "Choose the level of the work",
            "level",
            &mut problems,
        );
        let mut methods = BTreeSet::new();
        for value in input.methods.iter().filter(|v| !v.trim().is_empty()) {
            match Method::parse(value) {
                Some(method) => {
                    methods.insert(method);
                }
                None => problems.push(("methods", "Choose methods from the list".into())),
            }
        }
        let starts_on = optional_date(input.starts_on, "starts_on", &mut problems);
        let ends_on = optional_date(input.ends_on, "ends_on", &mut problems);
        if let (Some(start), Some(end)) = (starts_on, ends_on)
            && end < start
        {
            problems.push((
                "ends_on",
                "The end date must be the same as or after the start date".into(),
            ));
        }
        let budget = match input.budget.trim() {
            "" => None,
            value => Pence::parse_pounds(value, "the budget")
                .map_err(|e| problems.push(("budget", e.message)))
                .ok(),
        };
        match (title, summary, service_area, level) {
            (Some(title), Some(summary), Some(service_area), Some(level))
                if problems.is_empty() =>
            {
                Ok(About {
                    title,
                    summary,
                    service_area,
                    level,
                    methods,
                    starts_on,
                    ends_on,
                    budget,
                })
            }
            _ => Err(problems),
        }
    }
}

/// The short check before work starts: is co-production right here?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitCheck {
    /// Can people really change what happens?
    pub power: FitAnswer,
    /// Is there time to work with people properly?
    pub time: FitAnswer,
    /// Is there money to pay people for their time and costs?
    pub money: FitAnswer,
    /// Can everyone take part in a way that suits them?
    pub access: FitAnswer,
    pub notes: Option<String>,
}

impl FitCheck {
    pub fn parse(
        power: &str,
        time: &str,
        money: &str,
        access: &str,
        notes: &str,
    ) -> Result<FitCheck, Problems> {
        let mut problems = Problems::new();
        let power = chosen(
            power,
            FitAnswer::parse,
            "Say whether people can really change what happens",
            "fit_power",
            &mut problems,
        );
        let time = chosen(
            time,
            FitAnswer::parse,
            "Say whether there is time to work with people properly",
            "fit_time",
            &mut problems,
        );
        let money = chosen(
            money,
            FitAnswer::parse,
            "Say whether there is money to pay people",
            "fit_money",
            &mut problems,
        );
        let access = chosen(
            access,
            FitAnswer::parse,
            "Say whether everyone can take part in a way that suits them",
            "fit_access",
            &mut problems,
        );
        let notes = optional(notes, TEXT_MAX, "Your notes", "fit_notes", &mut problems);
        match (power, time, money, access) {
            (Some(power), Some(time), Some(money), Some(access)) if problems.is_empty() => {
                Ok(FitCheck {
                    power,
                    time,
                    money,
                    access,
                    notes,
                })
            }
            _ => Err(problems),
        }
    }
}

/// Whether and how people take part at one stage of a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagePlan {
    pub stage: Stage,
    pub involved: bool,
    pub how: Option<String>,
}

impl StagePlan {
    /// `involved` is "yes" or "no"; when yes, `how` is required.
    pub fn parse(stage: Stage, involved: &str, how: &str) -> Result<StagePlan, Problems> {
        let field_involved = stage_field(stage, false);
        let field_how = stage_field(stage, true);
        let mut problems = Problems::new();
        let how_text = optional(
            how,
            TEXT_MAX,
            "How people take part",
            field_how,
            &mut problems,
        );
        let involved = match involved.trim() {
            "yes" => true,
            "no" => false,
            _ => {
                problems.push((
                    field_involved,
                    format!(
                        "Say whether people take part in {}",
                        stage.label().to_lowercase()
                    ),
                ));
                false
            }
        };
        if involved && how_text.is_none() && problems.is_empty() {
            problems.push((field_how, "Say how people take part at this stage".into()));
        }
        if problems.is_empty() {
            Ok(StagePlan {
                stage,
                involved,
                how: how_text,
            })
        } else {
            Err(problems)
        }
    }
}

/// The form field of a stage's question: `stage_idea` or `stage_idea_how`.
pub fn stage_field(stage: Stage, how: bool) -> &'static str {
    match (stage, how) {
        (Stage::Idea, false) => "stage_idea",
        (Stage::Idea, true) => "stage_idea_how",
        (Stage::Design, false) => "stage_design",
        (Stage::Design, true) => "stage_design_how",
        (Stage::Delivery, false) => "stage_delivery",
        (Stage::Delivery, true) => "stage_delivery_how",
        (Stage::Review, false) => "stage_review",
        (Stage::Review, true) => "stage_review_how",
    }
}

/// How a group will work together and what success looks like, agreed at
/// the start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    pub how_we_work: String,
    pub success: String,
    /// Who agreed it: names or a group.
    pub agreed_by: String,
    pub agreed_on: Date,
}

impl Agreement {
    pub fn parse(
        how_we_work: &str,
        success: &str,
        agreed_by: &str,
        agreed_on: &str,
    ) -> Result<Agreement, Problems> {
        let mut problems = Problems::new();
        let how_we_work = required(
            how_we_work,
            TEXT_MAX,
            "How you will work together",
            "Say how the group will work together",
            "how_we_work",
            &mut problems,
        );
        let success = required(
            success,
            TEXT_MAX,
            "What success looks like",
            "Say what success will look like",
            "success",
            &mut problems,
        );
        let agreed_by = required(
            agreed_by,
            300,
            "Who agreed it",
            "Enter who agreed the working agreement",
            "agreed_by",
            &mut problems,
        );
        let agreed_on = if agreed_on.trim().is_empty() {
            problems.push(("agreed_on", "Enter the date it was agreed".into()));
            None
        } else {
            optional_date(agreed_on, "agreed_on", &mut problems)
        };
        match (how_we_work, success, agreed_by, agreed_on) {
            (Some(how_we_work), Some(success), Some(agreed_by), Some(agreed_on))
                if problems.is_empty() =>
            {
                Ok(Agreement {
                    how_we_work,
                    success,
                    agreed_by,
                    agreed_on,
                })
            }
            _ => Err(problems),
        }
    }
}

/// What a project achieved, recorded when it closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closing {
    pub achieved: Rung,
    pub reflection: String,
}

impl Closing {
    pub fn parse(achieved: &str, reflection: &str) -> Result<Closing, Problems> {
        let mut problems = Problems::new();
        let achieved = chosen(
            achieved,
            Rung::parse,
            "Choose the rung of the ladder the work really reached",
            "achieved_rung",
            &mut problems,
        );
        let reflection = required(
            reflection,
            TEXT_MAX,
            "The reflection",
            "Write a reflection on how the work went and why it reached this rung",
            "reflection",
            &mut problems,
        );
        match (achieved, reflection) {
            (Some(achieved), Some(reflection)) => Ok(Closing {
                achieved,
                reflection,
            }),
            _ => Err(problems),
        }
    }
}

/// A project as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub id: ProjectId,
    pub organisation_id: OrganisationId,
    pub about: About,
    pub lead: Option<UserId>,
    pub ladder: LadderPlan,
    pub fit: Option<FitCheck>,
    /// The groups or forums taking part, as written.
    pub groups: Option<String>,
    pub status: ProjectStatus,
    pub closing: Option<Closing>,
    pub published: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Project {
    /// Where the project sits on the ladder now: the rung it reached once
    /// closed, the rung it aims for before that.
    pub fn current_rung(&self) -> Rung {
        self.closing
            .as_ref()
            .map_or(self.ladder.planned(), |c| c.achieved)
    }
}

/// Which projects a list shows. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectFilter {
    pub organisation: Option<OrganisationId>,
    /// The rung the project sits at now (see [`Project::current_rung`]).
    pub rung: Option<Rung>,
    pub level: Option<Level>,
    pub service_area: Option<ServiceArea>,
    pub status: Option<ProjectStatus>,
    /// Only projects the public may see.
    pub published_only: bool,
}

/// A line of a project list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectSummary {
    pub id: ProjectId,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub title: String,
    pub summary: String,
    pub service_area: ServiceArea,
    pub level: Level,
    pub planned: Rung,
    pub achieved: Option<Rung>,
    pub status: ProjectStatus,
    pub published: bool,
}

impl ProjectSummary {
    pub fn current_rung(&self) -> Rung {
        self.achieved.unwrap_or(self.planned)
    }
}

/// An entry for the decision log, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDecision {
    pub decided_on: Date,
    pub title: String,
    pub forum: DecisionForum,
    pub coproduction_considered: bool,
    /// How people who use services were involved, or why they were not.
    pub involvement: String,
    pub project: Option<ProjectId>,
}

/// The decision log's questions as typed.
#[derive(Debug, Clone, Default)]
pub struct DecisionInput<'a> {
    pub decided_on: &'a str,
    pub title: &'a str,
    pub forum: &'a str,
    pub coproduction_considered: &'a str,
    pub involvement: &'a str,
    /// A project id, or empty.
    pub project: &'a str,
}

impl NewDecision {
    /// Checks the answers. Whether the project belongs to the
    /// organisation is for the caller, which can look it up.
    pub fn parse(input: &DecisionInput<'_>) -> Result<NewDecision, Problems> {
        let mut problems = Problems::new();
        let decided_on = if input.decided_on.trim().is_empty() {
            problems.push(("decided_on", "Enter the date of the decision".into()));
            None
        } else {
            optional_date(input.decided_on, "decided_on", &mut problems)
        };
        let title = required(
            input.title,
            TITLE_MAX,
            "The decision",
            "Enter what was decided",
            "title",
            &mut problems,
        );
        let forum = chosen(
            input.forum,
            DecisionForum::parse,
            "Choose where the decision was made",
            "forum",
            &mut problems,
        );
        let considered = match input.coproduction_considered.trim() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                problems.push((
                    "coproduction_considered",
                    "Say whether co-production was considered".into(),
                ));
                None
            }
        };
        let involvement = required(
            input.involvement,
            TEXT_MAX,
            "How people were involved",
            "Say how people who use services were involved, or why they were not",
            "involvement",
            &mut problems,
        );
        let project = match input.project.trim() {
            "" => None,
            value => match value.parse::<i64>() {
                Ok(id) => Some(ProjectId(id)),
                Err(_) => {
                    problems.push(("project", "Choose a project from the list".into()));
                    None
                }
            },
        };
        match (decided_on, title, forum, considered, involvement) {
            (Some(decided_on), Some(title), Some(forum), Some(considered), Some(involvement))
                if problems.is_empty() =>
            {
                Ok(NewDecision {
                    decided_on,
                    title,
                    forum,
                    coproduction_considered: considered,
                    involvement,
                    project,
                })
            }
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ladder(rung: &str, category: &str) -> Result<LadderPlan, Problems> {
        LadderPlan::parse(&LadderInput {
            planned_rung: rung,
            rung_reason: "Because the law sets the questions",
            category,
            explanation: if category.is_empty() {
                ""
            } else {
                "The deadline is fixed"
            },
            decided_by: if category.is_empty() {
                ""
            } else {
                "Director of adult social care"
            },
            instead: if category.is_empty() {
                ""
            } else {
                "The easy read version"
            },
        })
    }

    fn fields(result: Result<LadderPlan, Problems>) -> Vec<&'static str> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    #[test]
    fn below_co_design_needs_the_reason_for_not_co_producing() {
        assert_eq!(
            fields(ladder("consultation", "")),
            vec![
                "not_coproduced_category",
                "not_coproduced_explanation",
                "not_coproduced_decided_by",
                "not_coproduced_instead"
            ]
        );
        let plan = ladder("consultation", "legal_deadline").expect("complete");
        assert_eq!(plan.planned(), Rung::Consultation);
        assert_eq!(
            plan.not_coproduced().map(|n| n.category),
            Some(NotCoproducedCategory::LegalDeadline)
        );
    }

    #[test]
    fn at_co_design_and_above_no_reason_is_owed_or_kept() {
        let plan = ladder("co_design", "").expect("complete");
        assert!(plan.not_coproduced().is_none());
        let plan = ladder("co_production", "safeguarding").expect("complete");
        assert!(plan.not_coproduced().is_none());
    }

    #[test]
    fn a_rung_must_be_one_of_the_seven() {
        assert_eq!(fields(ladder("", "")), vec!["planned_rung"]);
        assert_eq!(fields(ladder("somewhere high", "")), vec!["planned_rung"]);
    }

    #[test]
    fn a_stored_plan_keeps_the_rule() {
        assert!(LadderPlan::from_stored(Rung::Informing, "x".into(), None).is_err());
        assert!(LadderPlan::from_stored(Rung::CoDesign, "x".into(), None).is_ok());
    }

    #[test]
    fn closing_needs_the_rung_reached_and_a_reflection() {
        let problems = Closing::parse("", " ").err().unwrap_or_default();
        let fields: Vec<_> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec!["achieved_rung", "reflection"]);
        assert!(Closing::parse("engagement", "We learned a lot").is_ok());
    }

    #[test]
    fn about_checks_dates_and_budget() {
        let methods = vec!["consultation".to_owned()];
        let input = AboutInput {
            title: "Carers' breaks",
            summary: "We will plan carers' breaks with carers.",
            service_area: "carers",
            level: "service_design",
            methods: &methods,
            starts_on: "1/4/2027",
            ends_on: "1/3/2027",
            budget: "-4",
        };
        let problems = About::parse(&input).err().unwrap_or_default();
        let fields: Vec<_> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec!["ends_on", "budget"]);
        let ok = About::parse(&AboutInput {
            ends_on: "30/9/2027",
            budget: "£2,500",
            ..input
        })
        .expect("valid");
        assert_eq!(ok.budget, Some(Pence(250_000)));
    }

    #[test]
    fn an_involved_stage_says_how() {
        assert!(StagePlan::parse(Stage::Design, "yes", "").is_err());
        assert!(StagePlan::parse(Stage::Design, "no", "").is_ok());
        assert!(StagePlan::parse(Stage::Design, "", "").is_err());
        let plan = StagePlan::parse(Stage::Idea, "yes", "Carers chose the questions").expect("ok");
        assert!(plan.involved);
    }
}
