//! The insights library and "you said, we did".
//!
//! An [`InsightPlan`] is what the partnership learned from people, checked
//! and ready to store; a public insight must have people's consent to
//! reuse what they said. A [`SaidPlan`] is something people said and what
//! was done about it; "not possible" always carries its reason.
//!
//! Search words are read here too ([`search_words`], [`telling_words`]) so
//! that both database engines are asked the same question.

use std::collections::BTreeSet;

use crate::dates::Date;
use crate::ladder::{Method, Rung};
use crate::project::{
    Problems, ServiceArea, TEXT_MAX, TITLE_MAX, chosen, optional, optional_date, required,
};
use crate::{ActivityId, InsightId, Invalid, ProjectId};

code_list!(
    /// Who may see an insight.
    Visibility {
        Organisation = "organisation": "Only our organisation",
        Partnership = "partnership": "Everyone in the partnership",
        Public = "public": "Anyone, on the public website",
    }
);

code_list!(
    /// Where an insight came from.
    SourceKind {
        Project = "project": "A project",
        Activity = "activity": "An activity",
        Survey = "survey": "A survey",
        PartnerReport = "partner_report": "A partner's report",
        Other = "other": "Somewhere else",
    }
);

code_list!(
    /// Where an action of "you said, we did" has got to.
    ActionStatus {
        Planned = "planned": "Planned",
        InProgress = "in_progress": "In progress",
        Done = "done": "Done",
        NotPossible = "not_possible": "Not possible",
    }
);

code_list!(
    /// What an officer will do after checking what is already known.
    CheckDecision {
        GoAhead = "go_ahead": "Go ahead: this has not been asked, or not well enough",
        Reuse = "reuse": "Reuse what we already know instead of asking again",
        JoinUp = "join_up": "Join up with the team that is already asking",
    }
);

code_list!(
    /// The kinds of file an insight may have attached.
    AttachmentType {
        Pdf = "application/pdf": "PDF",
        Word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
        Spreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
        Csv = "text/csv": "CSV spreadsheet",
    }
);

impl AttachmentType {
    /// The file name ending to serve the file with.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Word => "docx",
            Self::Spreadsheet => "xlsx",
            Self::Csv => "csv",
        }
    }
}

/// The biggest attachment we keep.
pub const ATTACHMENT_MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most attachments one insight may have.
pub const ATTACHMENTS_MAX: usize = 10;
/// The longest summary and statement, in characters.
pub const SUMMARY_MAX: usize = 1_500;
/// The longest findings, in characters.
pub const FINDINGS_MAX: usize = 20_000;

/// What a file looks like from its first bytes: the caller opens Office
/// files to tell Word from Excel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileShape {
    Pdf,
    /// A zip file, as Word and Excel files are.
    Office,
    /// Plain text, as a CSV file is.
    Text,
}

/// Checks an attachment's size and reads its shape from its contents, not
/// its name.
pub fn check_attachment(bytes: &[u8]) -> Result<FileShape, Invalid> {
    if bytes.is_empty() {
        return Err(Invalid::new("The file is empty"));
    }
    if bytes.len() > ATTACHMENT_MAX_BYTES {
        return Err(Invalid::new("The file must be smaller than 10 MB"));
    }
    if bytes.starts_with(b"%PDF-") {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        if tail.windows(5).any(|w| w == b"%%EOF") {
            return Ok(FileShape::Pdf);
        }
        return Err(Invalid::new(
            "The PDF file is damaged or incomplete. Try saving it again",
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(FileShape::Office);
    }
    if std::str::from_utf8(bytes).is_ok_and(|text| !text.contains('\0')) {
        return Ok(FileShape::Text);
    }
    Err(Invalid::new(
        "The file must be a PDF, a Word document, or a spreadsheet (Excel or CSV)",
    ))
}

/// An insight's answers as given, before checking.
#[derive(Debug, Clone, Default)]
pub struct InsightInput<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub findings: &'a str,
    pub source: &'a str,
    pub source_detail: &'a str,
    pub project: Option<ProjectId>,
    pub activity: Option<ActivityId>,
    pub method: &'a str,
    pub rung: &'a str,
    /// The day the engagement happened, as typed (UK or ISO form).
    pub happened_on: &'a str,
    pub people_count: &'a str,
    pub topics: &'a [String],
    pub service_areas: &'a [String],
    pub localities: &'a [String],
    pub consent_to_reuse: bool,
    pub visibility: &'a str,
}

/// A checked insight, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsightPlan {
    pub title: String,
    pub summary: String,
    pub findings: String,
    pub source: SourceKind,
    /// Who asked, or which report, in the officer's words.
    pub source_detail: Option<String>,
    pub project: Option<ProjectId>,
    pub activity: Option<ActivityId>,
    pub method: Method,
    pub rung: Rung,
    pub happened_on: Option<Date>,
    pub people_count: Option<u32>,
    pub topics: BTreeSet<String>,
    pub service_areas: BTreeSet<ServiceArea>,
    pub localities: BTreeSet<String>,
    pub consent_to_reuse: bool,
    pub visibility: Visibility,
}

/// The order an insight's questions are asked, for the error summary.
pub const INSIGHT_FIELDS: &[&str] = &[
    "title",
    "summary",
    "findings",
    "source",
    "source_detail",
    "project",
    "activity",
    "method",
    "rung",
    "happened_on",
    "people_count",
    "topics",
    "service_areas",
    "localities",
    "consent_to_reuse",
    "visibility",
];

impl InsightPlan {
    /// Checks every answer, naming each problem. `topics` and `localities`
    /// are the partnership's lists that answers must come from; `today`
    /// stops an engagement from being dated in the future.
    pub fn parse(
        input: &InsightInput<'_>,
        topics: &[String],
        localities: &[String],
        today: Date,
    ) -> Result<InsightPlan, Problems> {
        let mut problems = Problems::new();
        let title = required(
            input.title,
            TITLE_MAX,
            "The title",
            "Enter a title",
            "title",
            &mut problems,
        );
        let summary = required(
            input.summary,
            SUMMARY_MAX,
            "The summary",
            "Enter a short summary in plain English",
            "summary",
            &mut problems,
        );
        let findings = required(
            input.findings,
            FINDINGS_MAX,
            "The findings",
            "Enter what people told you",
            "findings",
            &mut problems,
        );
        let source = chosen(
            input.source,
            SourceKind::parse,
            "Choose where this insight came from",
            "source",
            &mut problems,
        );
        let source_detail = optional(
            input.source_detail,
            TITLE_MAX,
            "Who asked",
            "source_detail",
            &mut problems,
        );
        if source == Some(SourceKind::Project) && input.project.is_none() {
            problems.push(("project", "Choose the project it came from".into()));
        }
        if source == Some(SourceKind::Activity) && input.activity.is_none() {
            problems.push(("activity", "Choose the activity it came from".into()));
        }
        let method = chosen(
            input.method,
            Method::parse,
            "Choose how people took part",
            "method",
            &mut problems,
        );
        let rung = chosen(
            input.rung,
            Rung::parse,
            "Choose the rung of the ladder the engagement was at",
            "rung",
            &mut problems,
        );
        let happened_on = optional_date(input.happened_on, "happened_on", &mut problems);
        if happened_on.is_some_and(|d| d > today) {
            problems.push((
                "happened_on",
                "The date it happened must be today or in the past".into(),
            ));
        }
        let people_count = match input.people_count.trim() {
            "" => None,
            text => match text.replace(',', "").parse::<u32>() {
                Ok(n) if n > 0 && n <= 1_000_000 => Some(n),
                _ => {
                    problems.push((
                        "people_count",
                        "Enter how many people took part as a whole number, like 12".into(),
                    ));
                    None
                }
            },
        };
        let topics = from_list(input.topics, topics, "topics", "topic", &mut problems);
        let mut service_areas = BTreeSet::new();
        for area in input.service_areas {
            match ServiceArea::parse(area) {
                Some(a) => {
                    service_areas.insert(a);
                }
                None => problems.push(("service_areas", format!("Unknown service area: {area}"))),
            }
        }
        let localities = from_list(
            input.localities,
            localities,
            "localities",
            "area",
            &mut problems,
        );
        let visibility = chosen(
            input.visibility,
            Visibility::parse,
            "Choose who may see this insight",
            "visibility",
            &mut problems,
        );
        if visibility == Some(Visibility::Public) && !input.consent_to_reuse {
            problems.push((
                "visibility",
                "An insight can only be public if people agreed to what they said being reused"
                    .into(),
            ));
        }
        match (
            title,
            summary,
            findings,
            source,
            method,
            rung,
            visibility,
            problems.is_empty(),
        ) {
            (
                Some(title),
                Some(summary),
                Some(findings),
                Some(source),
                Some(method),
                Some(rung),
                Some(visibility),
                true,
            ) => Ok(InsightPlan {
                title,
                summary,
                findings,
                source,
                source_detail,
                project: input.project.filter(|_| source == SourceKind::Project),
                activity: input.activity.filter(|_| source == SourceKind::Activity),
                method,
                rung,
                happened_on,
                people_count,
                topics,
                service_areas,
                localities,
                consent_to_reuse: input.consent_to_reuse,
                visibility,
            }),
            _ => Err(problems),
        }
    }
}

fn from_list(
    given: &[String],
    list: &[String],
    field: &'static str,
    what: &str,
    problems: &mut Problems,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for value in given.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if list.iter().any(|l| l == value) {
            out.insert(value.to_owned());
        } else {
            problems.push((field, format!("Unknown {what}: {value}")));
        }
    }
    out
}

/// Filters on a search of the library. Empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InsightFilter {
    /// The words searched for, as typed.
    pub words: String,
    pub topic: Option<String>,
    pub organisation: Option<crate::OrganisationId>,
    pub service_area: Option<ServiceArea>,
    pub method: Option<Method>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub visibility: Option<Visibility>,
}

/// The most words a search uses.
pub const SEARCH_WORDS_MAX: usize = 12;

/// The words of a search, lower case, made of letters and digits only, so
/// that nothing typed can change the meaning of the database's query.
pub fn search_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
    {
        if !words.contains(&word) {
            words.push(word);
        }
        if words.len() == SEARCH_WORDS_MAX {
            break;
        }
    }
    words
}

/// Words too common to tell one piece of work from another.
const COMMON: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "do", "does", "for", "from", "get", "had", "has", "have", "how",
    "i", "if", "in", "into", "is", "it", "its", "more", "most", "much", "new", "not", "of", "on",
    "or", "our", "out", "over", "people", "so", "some", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "to", "up", "us", "was", "we", "were", "what",
    "when", "where", "which", "who", "will", "with", "would", "you", "your", "work", "project",
    "plan", "review", "want", "make", "way", "use", "local", "service", "services", "council",
];

/// The words of a title and summary that say what the work is about, for
/// finding work like it: no common words, nothing shorter than three
/// letters.
pub fn telling_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !COMMON.contains(&w.as_str()))
    {
        if !words.contains(&word) {
            words.push(word);
        }
        if words.len() == SEARCH_WORDS_MAX {
            break;
        }
    }
    words
}

/// Marks that the database puts around the words it matched in a snippet.
pub const MARK_START: char = '\u{1}';
pub const MARK_END: char = '\u{2}';

/// Splits a snippet into runs of text, each saying whether it matched, so
/// that a page can highlight matches without trusting any markup.
pub fn snippet_parts(snippet: &str) -> Vec<(String, bool)> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut marked = false;
    for c in snippet.chars() {
        if c == MARK_START || c == MARK_END {
            if !current.is_empty() {
                parts.push((std::mem::take(&mut current), marked));
            }
            marked = c == MARK_START;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        parts.push((current, marked));
    }
    parts
}

/// A "you said, we did" entry's answers as given.
#[derive(Debug, Clone, Default)]
pub struct SaidInput<'a> {
    pub statement: &'a str,
    pub theme: &'a str,
    pub insight: Option<InsightId>,
    pub activity: Option<ActivityId>,
    pub topics: &'a [String],
    pub action: &'a str,
    pub owner: &'a str,
    pub due_on: &'a str,
    pub status: &'a str,
    pub reason: &'a str,
    pub published: bool,
}

/// A checked "you said, we did" entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaidPlan {
    pub statement: String,
    pub theme: String,
    pub insight: Option<InsightId>,
    pub activity: Option<ActivityId>,
    pub topics: BTreeSet<String>,
    pub action: String,
    pub owner: String,
    pub due_on: Option<Date>,
    pub status: ActionStatus,
    /// Why the action is not possible: set exactly when it is not.
    pub reason: Option<String>,
    pub published: bool,
}

/// The order of the entry's questions, for the error summary.
pub const SAID_FIELDS: &[&str] = &[
    "statement",
    "theme",
    "insight",
    "activity",
    "topics",
    "action",
    "owner",
    "due_on",
    "status",
    "reason",
];

impl SaidPlan {
    pub fn parse(input: &SaidInput<'_>, topics: &[String]) -> Result<SaidPlan, Problems> {
        let mut problems = Problems::new();
        let statement = required(
            input.statement,
            SUMMARY_MAX,
            "What people said",
            "Enter what people said",
            "statement",
            &mut problems,
        );
        let theme = required(
            input.theme,
            TITLE_MAX,
            "The theme",
            "Enter the theme, like \"transport\" or \"waiting times\"",
            "theme",
            &mut problems,
        );
        if input.insight.is_none() && input.activity.is_none() {
            problems.push((
                "insight",
                "Choose the insight or the activity this came from".into(),
            ));
        }
        let topics = from_list(input.topics, topics, "topics", "topic", &mut problems);
        let action = required(
            input.action,
            SUMMARY_MAX,
            "What we did",
            "Enter what was done, or will be done, about it",
            "action",
            &mut problems,
        );
        let owner = required(
            input.owner,
            TITLE_MAX,
            "Who is responsible",
            "Enter who is responsible for the action",
            "owner",
            &mut problems,
        );
        let due_on = optional_date(input.due_on, "due_on", &mut problems);
        let (status, reason) = check_status(input.status, input.reason, &mut problems);
        match (statement, theme, action, owner, status, problems.is_empty()) {
            (Some(statement), Some(theme), Some(action), Some(owner), Some(status), true) => {
                Ok(SaidPlan {
                    statement,
                    theme,
                    insight: input.insight,
                    activity: input.activity,
                    topics,
                    action,
                    owner,
                    due_on,
                    status,
                    reason,
                    published: input.published,
                })
            }
            _ => Err(problems),
        }
    }
}

/// Reads a status and its reason: "not possible" needs the reason; any
/// other status has none.
pub fn check_status(
    status: &str,
    reason: &str,
    problems: &mut Problems,
) -> (Option<ActionStatus>, Option<String>) {
    let status = chosen(
        status,
        ActionStatus::parse,
        "Choose where the action has got to",
        "status",
        problems,
    );
    let reason = optional(reason, SUMMARY_MAX, "The reason", "reason", problems);
    match status {
        Some(ActionStatus::NotPossible) if reason.is_none() => {
            problems.push(("reason", "Say why the action is not possible".into()));
            (status, None)
        }
        Some(ActionStatus::NotPossible) => (status, reason),
        _ => (status, None),
    }
}

/// An officer's record that they checked what is already known before
/// asking people again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskedCheck {
    pub decision: CheckDecision,
    pub note: Option<String>,
    /// The topics searched with.
    pub topics: BTreeSet<String>,
    /// How many matches were shown.
    pub shown: u32,
}

impl AskedCheck {
    pub fn parse(
        decision: &str,
        note: &str,
        topics: &[String],
        known_topics: &[String],
        shown: u32,
    ) -> Result<AskedCheck, Problems> {
        let mut problems = Problems::new();
        let decision = chosen(
            decision,
            CheckDecision::parse,
            "Choose what you will do",
            "decision",
            &mut problems,
        );
        let note = optional(note, TEXT_MAX, "The note", "note", &mut problems);
        if matches!(decision, Some(CheckDecision::Reuse | CheckDecision::JoinUp)) && note.is_none()
        {
            problems.push((
                "note",
                "Say which work you will reuse or join up with, and who you spoke to".into(),
            ));
        }
        let topics = from_list(topics, known_topics, "topics", "topic", &mut problems);
        match (decision, problems.is_empty()) {
            (Some(decision), true) => Ok(AskedCheck {
                decision,
                note,
                topics,
                shown,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 12, 1).expect("a date")
    }

    fn input<'a>(topics: &'a [String]) -> InsightInput<'a> {
        InsightInput {
            title: "Getting to day services",
            summary: "People told us the bus times do not fit the day centre.",
            findings: "Twelve people said the first bus arrives after the start.",
            source: "survey",
            method: "consultation",
            rung: "consultation",
            happened_on: "2026-10-04",
            people_count: "12",
            topics,
            visibility: "partnership",
            ..InsightInput::default()
        }
    }

    #[test]
    fn a_whole_insight_is_accepted() {
        let known = vec!["transport".to_owned()];
        let chosen = vec!["transport".to_owned()];
        let plan = InsightPlan::parse(&input(&chosen), &known, &[], today()).expect("valid");
        assert_eq!(plan.people_count, Some(12));
        assert_eq!(plan.happened_on, Date::new(2026, 10, 4));
        assert!(plan.topics.contains("transport"));
    }

    #[test]
    fn public_needs_consent_and_unknown_topics_are_named() {
        let chosen = vec!["moon".to_owned()];
        let mut given = input(&chosen);
        given.visibility = "public";
        given.people_count = "twelve";
        let problems = InsightPlan::parse(&given, &[], &[], today()).expect_err("refused");
        let fields: Vec<_> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec!["people_count", "topics", "visibility"]);
        given.consent_to_reuse = true;
        given.people_count = "";
        let chosen: Vec<String> = Vec::new();
        given.topics = &chosen;
        assert!(InsightPlan::parse(&given, &[], &[], today()).is_ok());
    }

    #[test]
    fn a_future_engagement_is_refused() {
        let none: Vec<String> = Vec::new();
        let mut given = input(&none);
        given.happened_on = "2027-01-01";
        let problems = InsightPlan::parse(&given, &[], &[], today()).expect_err("refused");
        assert_eq!(problems[0].0, "happened_on");
    }

    #[test]
    fn search_words_keep_letters_and_digits_only() {
        assert_eq!(
            search_words("Bus \"times\" OR day-centre; DROP 2026"),
            vec!["bus", "times", "or", "day", "centre", "drop", "2026"]
        );
        assert!(search_words("\"*()").is_empty());
        assert_eq!(
            telling_words("A review of the day centre transport"),
            vec!["day", "centre", "transport"]
        );
    }

    #[test]
    fn snippets_split_at_the_marks() {
        let parts = snippet_parts("the \u{1}bus\u{2} was late");
        assert_eq!(
            parts,
            vec![
                ("the ".to_owned(), false),
                ("bus".to_owned(), true),
                (" was late".to_owned(), false)
            ]
        );
    }

    #[test]
    fn not_possible_needs_a_reason_and_other_statuses_drop_it() {
        let mut problems = Problems::new();
        let (status, reason) = check_status("not_possible", "", &mut problems);
        assert_eq!(status, Some(ActionStatus::NotPossible));
        assert_eq!(reason, None);
        assert_eq!(problems[0].0, "reason");
        let mut problems = Problems::new();
        let (_, reason) = check_status("done", "left over", &mut problems);
        assert!(problems.is_empty());
        assert_eq!(reason, None);
    }

    #[test]
    fn attachments_are_known_by_their_contents() {
        assert_eq!(check_attachment(b"%PDF-1.4\n%%EOF\n"), Ok(FileShape::Pdf));
        assert_eq!(check_attachment(b"PK\x03\x04rest"), Ok(FileShape::Office));
        assert_eq!(check_attachment(b"a,b\n1,2\n"), Ok(FileShape::Text));
        assert!(check_attachment(&[0xFF, 0xD8, 0xFF, 0]).is_err());
        assert!(check_attachment(b"").is_err());
        assert!(check_attachment(b"%PDF-1.4 no end").is_err());
    }

    #[test]
    fn reuse_needs_a_note() {
        let problems = AskedCheck::parse("reuse", "", &[], &[], 3).expect_err("a note is needed");
        assert_eq!(problems[0].0, "note");
        let check = AskedCheck::parse("go_ahead", "", &[], &[], 0).expect("valid");
        assert_eq!(check.decision, CheckDecision::GoAhead);
    }
}
