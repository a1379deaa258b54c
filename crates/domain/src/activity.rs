//! Activities: where people take part (a workshop, a forum meeting, an
//! interview panel...), the invitations to them, the replies, the
//! adjustments that let each person come, and who attended.
//!
//! Times are instants (seconds since 1970, UTC). People type and read them
//! in UK time, Europe/London, which [`parse_uk_time`] and [`london`] turn
//! to and from, across the clock changes.

use std::collections::BTreeSet;

use crate::dates::{Date, parse_uk_date};
use crate::person::{AccessNeed, Day, ExperienceArea, Format, TimeOfDay, parse_free_text};
use crate::project::Problems;
use crate::{ActivityId, Invalid, OrganisationId, ProjectId};

code_list!(
    /// What kind of activity it is.
    ActivityType {
        Workshop = "workshop": "Workshop",
        ForumMeeting = "forum_meeting": "Forum meeting",
        BoardMeeting = "board_meeting": "Board meeting",
        InterviewPanel = "interview_panel": "Recruitment interview panel",
        Training = "training": "Training session delivered together",
        QualityCheck = "quality_check": "Quality check visit",
        FocusGroup = "focus_group": "Focus group",
        Survey = "survey": "Survey",
        Other = "other": "Something else",
    }
);

code_list!(
    /// What the place offers so that people can take part.
    PlaceFeature {
        StepFree = "step_free": "Step-free access",
        HearingLoop = "hearing_loop": "A hearing loop",
        AccessibleToilet = "accessible_toilet": "An accessible toilet",
        Parking = "parking": "Parking",
        PublicTransport = "public_transport": "Near public transport",
        QuietRoom = "quiet_room": "A quiet room",
    }
);

code_list!(
    /// Where a person's invitation stands.
    InvitationStatus {
        Invited = "invited": "Invited",
        Accepted = "accepted": "Accepted",
        Declined = "declined": "Declined",
        WaitingList = "waiting_list": "On the waiting list",
        NoReply = "no_reply": "No reply",
        Cancelled = "cancelled": "Cancelled",
    }
);

code_list!(
    /// Whether a person came.
    Attendance {
        Attended = "attended": "Attended",
        Apologies = "apologies": "Sent apologies",
        DidNotAttend = "did_not_attend": "Did not attend",
    }
);

code_list!(
    /// Something to arrange so that a person can take part.
    AdjustmentKind {
        BslInterpreter = "bsl_interpreter": "Book a British Sign Language (BSL) interpreter",
        Taxi = "taxi": "Book a taxi or help with travel",
        EasyReadPapers = "easy_read_papers": "Send the papers in easy read",
        LargePrintPapers = "large_print_papers": "Send the papers in large print",
        PapersInAdvance = "papers_in_advance": "Send the papers before the day",
        SupportWorkerPlace = "support_worker_place": "Keep a place for their support worker",
        StepFreeRoom = "step_free_room": "Make sure the room is step-free",
        HearingLoop = "hearing_loop": "Make sure there is a hearing loop",
        QuietRoom = "quiet_room": "Keep a quiet room free",
        Breaks = "breaks": "Plan regular breaks",
        Other = "other": "Talk to them about what else they need",
    }
);

impl AdjustmentKind {
    /// The adjustments a person's access needs and formats call for.
    pub fn for_needs(needs: &BTreeSet<AccessNeed>, formats: &BTreeSet<Format>) -> Vec<Self> {
        let mut kinds = BTreeSet::new();
        for need in needs {
            kinds.insert(match need {
                AccessNeed::StepFree => Self::StepFreeRoom,
                AccessNeed::HearingLoop => Self::HearingLoop,
                AccessNeed::BslInterpreter => Self::BslInterpreter,
                AccessNeed::SupportWorker => Self::SupportWorkerPlace,
                AccessNeed::Breaks => Self::Breaks,
                AccessNeed::QuietRoom => Self::QuietRoom,
                AccessNeed::PapersInAdvance => Self::PapersInAdvance,
                AccessNeed::TravelHelp => Self::Taxi,
                AccessNeed::OnlineOnly | AccessNeed::Other => Self::Other,
            });
        }
        for format in formats {
            match format {
                Format::EasyRead => {
                    kinds.insert(Self::EasyReadPapers);
                }
                Format::LargePrint => {
                    kinds.insert(Self::LargePrintPapers);
                }
                Format::Bsl => {
                    kinds.insert(Self::BslInterpreter);
                }
                _ => {}
            }
        }
        kinds.into_iter().collect()
    }
}

/// The place feature an access need asks of the room, if any. A need the
/// place cannot meet is shown as an adjustment to arrange, never hidden.
pub fn feature_for(need: AccessNeed) -> Option<PlaceFeature> {
    match need {
        AccessNeed::StepFree => Some(PlaceFeature::StepFree),
        AccessNeed::HearingLoop => Some(PlaceFeature::HearingLoop),
        AccessNeed::QuietRoom => Some(PlaceFeature::QuietRoom),
        _ => None,
    }
}

/// The UK time zone, with the UTC fallback jiff gives if its database is
/// missing (it is bundled, so in practice never).
fn uk_zone() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Europe/London").unwrap_or(jiff::tz::TimeZone::UTC)
}

/// Reads a time of day as typed: `14:30`, `2:30pm`, `2pm`, `9.15`.
fn parse_clock(text: &str) -> Option<(i8, i8)> {
    let t = text.trim().to_lowercase().replace(' ', "");
    let (t, pm) = if let Some(rest) = t.strip_suffix("pm") {
        (rest.to_owned(), Some(true))
    } else if let Some(rest) = t.strip_suffix("am") {
        (rest.to_owned(), Some(false))
    } else {
        (t, None)
    };
    let (h, m) = match t.split_once([':', '.']) {
        Some((h, m)) => (h.parse::<i8>().ok()?, m.parse::<i8>().ok()?),
        None => (t.parse::<i8>().ok()?, 0),
    };
    if !(0..60).contains(&m) {
        return None;
    }
    let h = match pm {
        Some(true) if (1..=11).contains(&h) => h + 12,
        Some(true) if h == 12 => 12,
        Some(false) if h == 12 => 0,
        Some(false) if (1..=11).contains(&h) => h,
        Some(_) => return None,
        None if (0..24).contains(&h) => h,
        None => return None,
    };
    Some((h, m))
}

/// A UK date and a time of day, as typed, to an instant (seconds since
/// 1970). A time that does not exist (the hour skipped when the clocks go
/// forward) is refused; in the hour that happens twice, the first is taken.
pub fn parse_uk_time(date: Date, time: &str, what: &str) -> Result<i64, Invalid> {
    let (hour, minute) = parse_clock(time)
        .ok_or_else(|| Invalid::new(format!("Enter {what} like 14:30 or 2:30pm")))?;
    let civil = jiff::civil::date(
        i16::try_from(date.year()).map_err(|_| Invalid::new("Enter a real date"))?,
        i8::try_from(date.month()).map_err(|_| Invalid::new("Enter a real date"))?,
        i8::try_from(date.day()).map_err(|_| Invalid::new("Enter a real date"))?,
    )
    .at(hour, minute, 0, 0);
    let zoned = uk_zone()
        .to_ambiguous_zoned(civil)
        .compatible()
        .map_err(|_| Invalid::new(format!("Enter {what} that exists in UK time")))?;
    if zoned.datetime() != civil {
        return Err(Invalid::new(format!(
            "There is no {hour:02}:{minute:02} on that day in the UK, because the clocks go forward. Choose another time"
        )));
    }
    Ok(zoned.timestamp().as_second())
}

/// An instant in UK time: its date, hour and minute.
pub fn london(seconds: i64) -> Option<(Date, i8, i8)> {
    let zoned = jiff::Timestamp::from_second(seconds)
        .ok()?
        .to_zoned(uk_zone());
    let date = Date::new(
        i32::from(zoned.year()),
        u8::try_from(zoned.month()).ok()?,
        u8::try_from(zoned.day()).ok()?,
    )?;
    Some((date, zoned.hour(), zoned.minute()))
}

/// The day of the week and part of the day an instant falls in, in the UK,
/// for matching people's availability.
pub fn when_in_week(seconds: i64) -> Option<(Day, TimeOfDay)> {
    let zoned = jiff::Timestamp::from_second(seconds)
        .ok()?
        .to_zoned(uk_zone());
    let day = match zoned.weekday() {
        jiff::civil::Weekday::Monday => Day::Monday,
        jiff::civil::Weekday::Tuesday => Day::Tuesday,
        jiff::civil::Weekday::Wednesday => Day::Wednesday,
        jiff::civil::Weekday::Thursday => Day::Thursday,
        jiff::civil::Weekday::Friday => Day::Friday,
        jiff::civil::Weekday::Saturday => Day::Saturday,
        jiff::civil::Weekday::Sunday => Day::Sunday,
    };
    let time = match zoned.hour() {
        0..=11 => TimeOfDay::Morning,
        12..=16 => TimeOfDay::Afternoon,
        _ => TimeOfDay::Evening,
    };
    Some((day, time))
}

/// An activity's questions as typed.
#[derive(Debug, Clone, Default)]
pub struct ActivityInput<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub date: &'a str,
    pub starts: &'a str,
    pub ends: &'a str,
    pub place: &'a str,
    pub features: &'a [String],
    pub online_link: &'a str,
    pub platform: &'a str,
    pub places: &'a str,
    pub roles_needed: &'a str,
    pub preparation_minutes: &'a str,
    pub easy_read_papers: bool,
    pub reply_by: &'a str,
    pub open_to_public: bool,
    pub how_to_take_part: &'a str,
    pub areas: &'a [String],
}

/// An activity, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityPlan {
    pub kind: ActivityType,
    pub title: String,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: Option<String>,
    pub features: BTreeSet<PlaceFeature>,
    pub online_link: Option<String>,
    pub platform: Option<String>,
    pub places: u32,
    pub roles_needed: Option<String>,
    pub preparation_minutes: u32,
    pub easy_read_papers: bool,
    pub reply_by: Option<Date>,
    pub open_to_public: bool,
    pub how_to_take_part: Option<String>,
    /// The experience areas the activity wants to hear from.
    pub areas: BTreeSet<ExperienceArea>,
}

fn whole_number(
    value: &str,
    max: u32,
    field: &'static str,
    what: &str,
    problems: &mut Problems,
) -> Option<u32> {
    match value.trim().parse::<u32>() {
        Ok(n) if n <= max => Some(n),
        Ok(_) => {
            problems.push((field, format!("{what} must be {max} or fewer")));
            None
        }
        Err(_) => {
            problems.push((field, format!("{what} must be a whole number, like 6")));
            None
        }
    }
}

impl ActivityPlan {
    /// Checks the answers, one message per field.
    pub fn parse(input: &ActivityInput<'_>) -> Result<ActivityPlan, Problems> {
        let mut problems = Problems::new();
        let text =
            |value: &str, max: usize, what: &str, field: &'static str, problems: &mut Problems| {
                parse_free_text(value, max, what).unwrap_or_else(|e| {
                    problems.push((field, e.message));
                    None
                })
            };
        let kind = ActivityType::parse(input.kind);
        if kind.is_none() {
            problems.push(("kind", "Choose the kind of activity".into()));
        }
        let title = text(input.title, 150, "The title", "title", &mut problems);
        if title.is_none() && !problems.iter().any(|(f, _)| *f == "title") {
            problems.push(("title", "Enter a title for the activity".into()));
        }
        let description = text(
            input.description,
            4_000,
            "The description",
            "description",
            &mut problems,
        );
        if description.is_none() && !problems.iter().any(|(f, _)| *f == "description") {
            problems.push((
                "description",
                "Describe the activity in plain English".into(),
            ));
        }
        let date = if input.date.trim().is_empty() {
            problems.push(("date", "Enter the date of the activity".into()));
            None
        } else {
            parse_uk_date(input.date)
                .map_err(|e| problems.push(("date", e.message)))
                .ok()
        };
        let times = date.map(|date| {
            let starts = if input.starts.trim().is_empty() {
                problems.push(("starts", "Enter the start time".into()));
                None
            } else {
                parse_uk_time(date, input.starts, "the start time")
                    .map_err(|e| problems.push(("starts", e.message)))
                    .ok()
            };
            let ends = if input.ends.trim().is_empty() {
                problems.push(("ends", "Enter the end time".into()));
                None
            } else {
                parse_uk_time(date, input.ends, "the end time")
                    .map_err(|e| problems.push(("ends", e.message)))
                    .ok()
            };
            (starts, ends)
        });
        let (starts_at, ends_at) = match times {
            Some((Some(s), Some(e))) if e <= s => {
                problems.push(("ends", "The end time must be after the start time".into()));
                (None, None)
            }
            Some((s, e)) => (s, e),
            None => (None, None),
        };
        let place = text(input.place, 300, "The place", "place", &mut problems);
        let mut features = BTreeSet::new();
        for value in input.features.iter().filter(|v| !v.trim().is_empty()) {
            match PlaceFeature::parse(value) {
                Some(f) => {
                    features.insert(f);
                }
                None => problems.push(("features", "Choose from the list".into())),
            }
        }
        let online_link = match input.online_link.trim() {
            "" => None,
            link if (link.starts_with("https://") || link.starts_with("http://"))
                && link.len() <= 500
                && !link.contains(char::is_whitespace) =>
            {
                Some(link.to_owned())
            }
            _ => {
                problems.push((
                    "online_link",
                    "Enter the online link in full, starting with https://".into(),
                ));
                None
            }
        };
        let platform = text(
            input.platform,
            100,
            "The platform",
            "platform",
            &mut problems,
        );
        if place.is_none()
            && online_link.is_none()
            && !problems
                .iter()
                .any(|(f, _)| *f == "place" || *f == "online_link")
        {
            problems.push((
                "place",
                "Enter where the activity happens, or an online link, or both".into(),
            ));
        }
        let places = whole_number(
            input.places,
            1_000,
            "places",
            "The number of places",
            &mut problems,
        );
        if places == Some(0) {
            problems.push(("places", "There must be at least 1 place".into()));
        }
        let roles_needed = text(
            input.roles_needed,
            500,
            "The roles",
            "roles_needed",
            &mut problems,
        );
        let preparation_minutes = if input.preparation_minutes.trim().is_empty() {
            Some(0)
        } else {
            whole_number(
                input.preparation_minutes,
                24 * 60,
                "preparation_minutes",
                "Preparation time",
                &mut problems,
            )
        };
        let reply_by = match input.reply_by.trim() {
            "" => None,
            value => parse_uk_date(value)
                .map_err(|e| problems.push(("reply_by", e.message)))
                .ok(),
        };
        if let (Some(reply_by), Some(date)) = (reply_by, date)
            && reply_by > date
        {
            problems.push((
                "reply_by",
                "The reply date must be on or before the day of the activity".into(),
            ));
        }
        let how_to_take_part = text(
            input.how_to_take_part,
            2_000,
            "How to take part",
            "how_to_take_part",
            &mut problems,
        );
        if input.open_to_public
            && how_to_take_part.is_none()
            && !problems.iter().any(|(f, _)| *f == "how_to_take_part")
        {
            problems.push((
                "how_to_take_part",
                "Say how members of the public can take part".into(),
            ));
        }
        let mut areas = BTreeSet::new();
        for value in input.areas.iter().filter(|v| !v.trim().is_empty()) {
            match ExperienceArea::parse(value) {
                Some(a) => {
                    areas.insert(a);
                }
                None => problems.push(("areas", "Choose from the list".into())),
            }
        }
        match (
            kind,
            title,
            description,
            starts_at,
            ends_at,
            places,
            preparation_minutes,
        ) {
            (
                Some(kind),
                Some(title),
                Some(description),
                Some(starts_at),
                Some(ends_at),
                Some(places),
                Some(preparation_minutes),
            ) if problems.is_empty() => Ok(ActivityPlan {
                kind,
                title,
                description,
                starts_at,
                ends_at,
                place,
                features,
                online_link,
                platform,
                places,
                roles_needed,
                preparation_minutes,
                easy_read_papers: input.easy_read_papers,
                reply_by,
                open_to_public: input.open_to_public,
                how_to_take_part,
                areas,
            }),
            _ => Err(problems),
        }
    }
}

/// An activity as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub id: ActivityId,
    pub organisation_id: OrganisationId,
    pub project_id: Option<ProjectId>,
    pub plan: ActivityPlan,
    pub created_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> Date {
        Date::new(y, m, d).expect("a real date")
    }

    #[test]
    fn uk_times_follow_the_clock_changes() {
        // Winter: UK time is UTC.
        let winter = parse_uk_time(day(2027, 1, 12), "14:30", "the time").expect("time");
        assert_eq!(winter, 1_799_764_200);
        assert_eq!(london(winter), Some((day(2027, 1, 12), 14, 30)));
        // Summer: UK time is an hour ahead of UTC.
        let summer = parse_uk_time(day(2027, 7, 12), "2:30pm", "the time").expect("time");
        assert_eq!(summer, 1_815_399_000);
        assert_eq!(london(summer), Some((day(2027, 7, 12), 14, 30)));
        // 28 March 2027: the clocks go forward at 1am; 1:30am never happens.
        assert!(parse_uk_time(day(2027, 3, 28), "1:30", "the time").is_err());
        assert!(parse_uk_time(day(2027, 3, 28), "2:30", "the time").is_ok());
    }

    #[test]
    fn times_are_read_as_people_type_them() {
        assert_eq!(parse_clock("14:30"), Some((14, 30)));
        assert_eq!(parse_clock("2:30pm"), Some((14, 30)));
        assert_eq!(parse_clock("2pm"), Some((14, 0)));
        assert_eq!(parse_clock("12am"), Some((0, 0)));
        assert_eq!(parse_clock("12pm"), Some((12, 0)));
        assert_eq!(parse_clock("9.15"), Some((9, 15)));
        assert_eq!(parse_clock("25:00"), None);
        assert_eq!(parse_clock("13pm"), None);
        assert_eq!(parse_clock("soon"), None);
    }

    #[test]
    fn an_activity_needs_a_time_a_place_and_places() {
        let problems = ActivityPlan::parse(&ActivityInput {
            kind: "workshop",
            title: "Planning day",
            description: "We plan the year.",
            date: "12/1/2027",
            starts: "14:00",
            ends: "13:00",
            places: "0",
            ..Default::default()
        })
        .err()
        .unwrap_or_default();
        let fields: Vec<_> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec!["ends", "place", "places"]);
    }

    #[test]
    fn needs_become_adjustments_to_arrange() {
        let needs = [AccessNeed::BslInterpreter, AccessNeed::TravelHelp]
            .into_iter()
            .collect();
        let formats = [Format::EasyRead, Format::Bsl].into_iter().collect();
        assert_eq!(
            AdjustmentKind::for_needs(&needs, &formats),
            vec![
                AdjustmentKind::BslInterpreter,
                AdjustmentKind::Taxi,
                AdjustmentKind::EasyReadPapers
            ]
        );
    }
}
