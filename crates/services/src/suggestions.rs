//! Suggested people for an activity: who on the register fits it, and a
//! fair order to ask them in.
//!
//! Who is suggested: people active on the organisation's register, whose
//! consent to be on it stands, who were not already invited, who know
//! about one of the activity's experience areas, who are free on that day
//! and part of the day, and who take part in a way the activity offers.
//! An access need the place cannot meet does not hide anyone: it is shown
//! as an adjustment to arrange.
//!
//! The order is fair rotation: people asked least recently first (never
//! asked comes first of all), then people who took part least in the last
//! year, then by name. Every suggestion says why, in plain English.

use std::collections::{BTreeSet, HashMap};

use coproduce_domain::activity::{ActivityPlan, feature_for, when_in_week};
use coproduce_domain::person::{AccessNeed, Day, ExperienceArea, Format, Mode, TimeOfDay};
use coproduce_domain::{Action, ActivityId, Actor, PersonId};

use crate::activities::activity_for;
use crate::staff::check;
use crate::{Result, Services, clock};

const DAY_SECONDS: i64 = 24 * 60 * 60;
const YEAR_SECONDS: i64 = 365 * DAY_SECONDS;

/// One person suggested for an activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub person_id: PersonId,
    pub name: String,
    /// Why they are suggested, in plain English.
    pub reasons: Vec<String>,
    /// What to arrange so they can take part ("Needs an adjustment: ...").
    pub adjustments_needed: Vec<String>,
    /// When they were last asked to any activity.
    pub last_asked: Option<i64>,
    /// Activities they accepted or attended that started in the last year.
    pub involved_last_year: i64,
    /// How closely they match: a point for each experience area in common,
    /// for saying they are free on the day and at the time, and for saying
    /// they take part in a way the activity offers; less a point for each
    /// adjustment to arrange. Shown to help, never used for the order,
    /// which is fair rotation.
    pub score: i64,
}

/// What we know about one person who could be asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub person_id: PersonId,
    pub name: String,
    pub areas: BTreeSet<ExperienceArea>,
    pub days: BTreeSet<Day>,
    pub times: BTreeSet<TimeOfDay>,
    pub modes: BTreeSet<Mode>,
    pub access_needs: BTreeSet<AccessNeed>,
    pub formats: BTreeSet<Format>,
    pub last_asked: Option<i64>,
    pub involved_last_year: i64,
}

impl Candidate {
    /// A person we know nothing else about yet.
    pub fn new(person_id: PersonId, name: String) -> Self {
        Self {
            person_id,
            name,
            areas: BTreeSet::new(),
            days: BTreeSet::new(),
            times: BTreeSet::new(),
            modes: BTreeSet::new(),
            access_needs: BTreeSet::new(),
            formats: BTreeSet::new(),
            last_asked: None,
            involved_last_year: 0,
        }
    }
}

/// People on the register to suggest for an activity, fairest first.
pub async fn suggest(
    services: &Services,
    actor: &Actor,
    activity: ActivityId,
    limit: u32,
) -> Result<Vec<Suggestion>> {
    check(actor.may(Action::ViewPeople))?;
    let activity = activity_for(services, actor, Action::ManageActivities, activity).await?;
    let store = &services.store;
    let organisation = activity.organisation_id;
    let now = clock::now();
    let rows = store.match_candidates(organisation, activity.id).await?;
    let tags = store.match_tags(organisation, activity.id).await?;
    let asked = store.match_last_asked(organisation, activity.id).await?;
    let involved = store
        .match_involvement(organisation, activity.id, now - YEAR_SECONDS, now)
        .await?;
    let mut candidates: HashMap<PersonId, Candidate> = rows
        .into_iter()
        .map(|row| (row.person_id, Candidate::new(row.person_id, row.name)))
        .collect();
    for tag in tags {
        let Some(c) = candidates.get_mut(&tag.person_id) else {
            continue;
        };
        // An answer we no longer know is skipped rather than failing the
        // whole list.
        match tag.kind.as_str() {
            "area" => c.areas.extend(ExperienceArea::parse(&tag.value)),
            "day" => c.days.extend(Day::parse(&tag.value)),
            "time" => c.times.extend(TimeOfDay::parse(&tag.value)),
            "mode" => c.modes.extend(Mode::parse(&tag.value)),
            "access" => c.access_needs.extend(AccessNeed::parse(&tag.value)),
            "format" => c.formats.extend(Format::parse(&tag.value)),
            _ => {}
        }
    }
    for figure in asked {
        if let Some(c) = candidates.get_mut(&figure.person_id) {
            c.last_asked = Some(figure.value);
        }
    }
    for figure in involved {
        if let Some(c) = candidates.get_mut(&figure.person_id) {
            c.involved_last_year = figure.value;
        }
    }
    let mut ranked = rank(&activity.plan, candidates.into_values().collect(), now);
    ranked.truncate(limit.clamp(1, 500) as usize);
    Ok(ranked)
}

/// Matches candidates to an activity and puts them in fair order.
pub fn rank(activity: &ActivityPlan, candidates: Vec<Candidate>, now: i64) -> Vec<Suggestion> {
    let mut matched: Vec<(Candidate, Suggestion)> = candidates
        .into_iter()
        .filter_map(|c| suggestion_for(activity, &c, now).map(|s| (c, s)))
        .collect();
    matched.sort_by(|(a, _), (b, _)| {
        // None (never asked) sorts before any time.
        a.last_asked
            .cmp(&b.last_asked)
            .then(a.involved_last_year.cmp(&b.involved_last_year))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then(a.person_id.0.cmp(&b.person_id.0))
    });
    matched.into_iter().map(|(_, s)| s).collect()
}

/// The suggestion for one candidate, or `None` when they do not fit.
fn suggestion_for(activity: &ActivityPlan, c: &Candidate, now: i64) -> Option<Suggestion> {
    let mut reasons = Vec::new();
    let mut score = 0_i64;

    // Experience: any area the activity wants, or anyone if it names none.
    if !activity.areas.is_empty() {
        let common: Vec<&str> = activity
            .areas
            .intersection(&c.areas)
            .map(|a| a.label())
            .collect();
        if common.is_empty() {
            return None;
        }
        score += common.len() as i64;
        reasons.push(format!(
            "Knows about {}",
            join_and(&common.iter().map(|l| l.to_lowercase()).collect::<Vec<_>>())
        ));
    }

    // Availability: a person who gave no days or times counts as free.
    if let Some((day, time)) = when_in_week(activity.starts_at) {
        let day_ok = c.days.is_empty() || c.days.contains(&day);
        let time_ok = c.times.is_empty() || c.times.contains(&time);
        if !(day_ok && time_ok) {
            return None;
        }
        let part = time.label().to_lowercase();
        let said_day = !c.days.is_empty();
        let said_time = !c.times.is_empty();
        score += i64::from(said_day) + i64::from(said_time);
        reasons.push(match (said_day, said_time) {
            (true, true) => format!("Free on {} {part}", day.label()),
            (true, false) => format!("Free on {}s", day.label()),
            (false, true) => format!("Free in the {}", part.trim_end_matches('s')),
            (false, false) => "Has not told us which days or times suit them".to_owned(),
        });
    }

    // Ways of taking part: none given means either.
    let online = activity.online_link.is_some();
    let in_person = activity.place.is_some();
    if !c.modes.is_empty() {
        let online_fits = online && c.modes.contains(&Mode::Online);
        let place_fits = in_person && c.modes.contains(&Mode::InPerson);
        if !(online_fits || place_fits) {
            return None;
        }
        score += 1;
        reasons.push(
            match (online_fits, place_fits) {
                (true, true) => "Can take part online or in person",
                (true, false) => "Can take part online",
                _ => "Can take part in person",
            }
            .to_owned(),
        );
    }

    // Access: shown, never hidden.
    let mut adjustments = Vec::new();
    for need in &c.access_needs {
        let unmet = match (need, feature_for(*need)) {
            // A place's features matter only when there is a place.
            (_, Some(feature)) => in_person && !activity.features.contains(&feature),
            (AccessNeed::OnlineOnly, None) => !online,
            (AccessNeed::TravelHelp, None) => in_person,
            (_, None) => true,
        };
        if unmet {
            adjustments.push(format!(
                "Needs an adjustment: {}",
                lower_first(need.label())
            ));
        } else if let Some(feature) = feature_for(*need)
            && in_person
        {
            reasons.push(format!(
                "The place has the {} they need",
                lower_first(feature.label()).trim_start_matches("a ")
            ));
        }
    }
    for format in &c.formats {
        let text = match format {
            Format::EasyRead if !activity.easy_read_papers => "papers in easy read",
            Format::LargePrint => "papers in large print",
            Format::Bsl if !c.access_needs.contains(&AccessNeed::BslInterpreter) => {
                "a British Sign Language (BSL) interpreter"
            }
            _ => continue,
        };
        adjustments.push(format!("Needs an adjustment: {text}"));
    }
    score -= adjustments.len() as i64;

    // Fair rotation.
    reasons.push(match c.last_asked {
        None => "Never asked before".to_owned(),
        Some(at) => format!("Last asked {}", ago(now - at)),
    });
    reasons.push(match c.involved_last_year {
        0 => "Has not taken part in the last year".to_owned(),
        1 => "Took part once in the last year".to_owned(),
        n => format!("Took part {n} times in the last year"),
    });

    Some(Suggestion {
        person_id: c.person_id,
        name: c.name.clone(),
        reasons,
        adjustments_needed: adjustments,
        last_asked: c.last_asked,
        involved_last_year: c.involved_last_year,
        score,
    })
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Lower-cases the first letter of a label for the middle of a sentence,
/// unless it starts with a name ("British Sign Language").
fn lower_first(label: &str) -> String {
    if label.starts_with("British") {
        return label.to_owned();
    }
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn plural(n: i64, one: &str) -> String {
    if n == 1 {
        format!("1 {one} ago")
    } else {
        format!("{n} {one}s ago")
    }
}

/// How long ago, in words: "today", "3 days ago", "5 weeks ago", "14
/// months ago", "3 years ago".
fn ago(seconds: i64) -> String {
    let days = seconds.max(0) / DAY_SECONDS;
    match days {
        0 => "today".to_owned(),
        1..=13 => plural(days, "day"),
        14..=59 => plural(days / 7, "week"),
        60..=729 => plural(days * 12 / 365, "month"),
        _ => plural(days / 365, "year"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use coproduce_domain::activity::{ActivityInput, PlaceFeature};

    const NOW: i64 = 1_800_000_000;

    /// A Tuesday afternoon workshop at a place without step-free access,
    /// for people who know about dementia.
    fn workshop() -> ActivityPlan {
        let areas = vec!["dementia".to_owned()];
        let features = vec!["hearing_loop".to_owned()];
        ActivityPlan::parse(&ActivityInput {
            kind: "workshop",
            title: "Memory cafe planning",
            description: "We plan the new memory cafe together.",
            date: "12/1/2027",
            starts: "14:00",
            ends: "16:00",
            place: "Brindlemoor Library",
            features: &features,
            places: "8",
            areas: &areas,
            ..Default::default()
        })
        .expect("a valid activity")
    }

    fn person(id: i64, name: &str) -> Candidate {
        let mut c = Candidate::new(PersonId(id), name.to_owned());
        c.areas.insert(ExperienceArea::Dementia);
        c
    }

    fn names(suggestions: &[Suggestion]) -> Vec<&str> {
        suggestions.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn the_activity_is_on_a_tuesday_afternoon() {
        assert_eq!(
            when_in_week(workshop().starts_at),
            Some((Day::Tuesday, TimeOfDay::Afternoon))
        );
    }

    #[test]
    fn never_asked_comes_first_then_asked_longest_ago() {
        let mut last_week = person(1, "Amira");
        last_week.last_asked = Some(NOW - 7 * DAY_SECONDS);
        let mut last_year = person(2, "Bryn");
        last_year.last_asked = Some(NOW - 400 * DAY_SECONDS);
        let never = person(3, "Cerys");
        let ranked = rank(&workshop(), vec![last_week, last_year, never], NOW);
        assert_eq!(names(&ranked), ["Cerys", "Bryn", "Amira"]);
        assert!(ranked[0].reasons.contains(&"Never asked before".to_owned()));
        assert!(
            ranked[1]
                .reasons
                .contains(&"Last asked 13 months ago".to_owned())
        );
        assert!(
            ranked[2]
                .reasons
                .contains(&"Last asked 7 days ago".to_owned())
        );
    }

    #[test]
    fn then_fewest_activities_then_name() {
        let mut busy = person(1, "Amira");
        busy.involved_last_year = 3;
        let quiet = person(2, "Bryn");
        let also_quiet = person(3, "arlo");
        let ranked = rank(&workshop(), vec![busy, quiet, also_quiet], NOW);
        assert_eq!(names(&ranked), ["arlo", "Bryn", "Amira"]);
        assert!(
            ranked[2]
                .reasons
                .contains(&"Took part 3 times in the last year".to_owned())
        );
    }

    #[test]
    fn people_must_fit_the_area_day_time_and_way_of_taking_part() {
        let mut other_area = person(1, "Other area");
        other_area.areas = [ExperienceArea::Autism].into_iter().collect();
        let mut mondays = person(2, "Mondays only");
        mondays.days = [Day::Monday].into_iter().collect();
        let mut mornings = person(3, "Mornings only");
        mornings.times = [TimeOfDay::Morning].into_iter().collect();
        let mut online = person(4, "Online only");
        online.modes = [Mode::Online].into_iter().collect();
        let mut fits = person(5, "Fits");
        fits.days = [Day::Tuesday, Day::Friday].into_iter().collect();
        fits.times = [TimeOfDay::Afternoon].into_iter().collect();
        fits.modes = [Mode::InPerson].into_iter().collect();
        let no_answers = person(6, "No answers");
        let ranked = rank(
            &workshop(),
            vec![other_area, mondays, mornings, online, fits, no_answers],
            NOW,
        );
        assert_eq!(names(&ranked), ["Fits", "No answers"]);
        assert_eq!(
            ranked[0].reasons[..3],
            [
                "Knows about dementia".to_owned(),
                "Free on Tuesday afternoons".to_owned(),
                "Can take part in person".to_owned(),
            ]
        );
        assert!(ranked[0].score > ranked[1].score);
    }

    #[test]
    fn an_activity_with_no_areas_matches_anyone() {
        let mut plan = workshop();
        plan.areas.clear();
        let mut someone = person(1, "Someone");
        someone.areas.clear();
        assert_eq!(rank(&plan, vec![someone], NOW).len(), 1);
    }

    #[test]
    fn unmet_needs_are_shown_never_hidden() {
        let mut needs = person(1, "Needs");
        needs.access_needs = [
            AccessNeed::StepFree,
            AccessNeed::HearingLoop,
            AccessNeed::BslInterpreter,
        ]
        .into_iter()
        .collect();
        needs.formats = [Format::EasyRead].into_iter().collect();
        let ranked = rank(&workshop(), vec![needs.clone()], NOW);
        assert_eq!(ranked.len(), 1);
        assert_eq!(
            ranked[0].adjustments_needed,
            [
                "Needs an adjustment: step-free access",
                "Needs an adjustment: a British Sign Language (BSL) interpreter",
                "Needs an adjustment: papers in easy read",
            ]
        );
        assert!(
            ranked[0]
                .reasons
                .contains(&"The place has the hearing loop they need".to_owned())
        );
        // With step-free access at the place, that need is met.
        let mut plan = workshop();
        plan.features.insert(PlaceFeature::StepFree);
        let ranked = rank(&plan, vec![needs], NOW);
        assert!(
            !ranked[0]
                .adjustments_needed
                .contains(&"Needs an adjustment: step-free access".to_owned())
        );
    }

    #[test]
    fn times_ago_read_naturally() {
        assert_eq!(ago(3_600), "today");
        assert_eq!(ago(DAY_SECONDS), "1 day ago");
        assert_eq!(ago(20 * DAY_SECONDS), "2 weeks ago");
        assert_eq!(ago(426 * DAY_SECONDS), "14 months ago");
        assert_eq!(ago(800 * DAY_SECONDS), "2 years ago");
        assert_eq!(lower_first("A hearing loop"), "a hearing loop");
        assert_eq!(lower_first("Step-free access"), "step-free access");
        assert_eq!(
            lower_first("British Sign Language (BSL)"),
            "British Sign Language (BSL)"
        );
    }
}
