//! The demo's activities: workshops, forum meetings, interview panels,
//! quality check visits, focus groups, training and a survey across the
//! council, the NHS trust and the care provider, some past and some to
//! come. The council's invite people from its register, who reply in a
//! mix of ways (places fill up, a waiting list forms, some decline, some
//! never answer); those with a place get the adjustments their needs call
//! for, and past activities record who came and for how long.
//!
//! Each activity is typed as a member of staff would type it and goes
//! through [`ActivityPlan::parse`], so the demo obeys the same rules as the
//! forms. Days are counted from `now`: negative is past.

use coproduce_domain::activity::{
    ActivityInput, ActivityPlan, ActivityType, AdjustmentKind, Attendance, InvitationStatus, london,
};
use coproduce_domain::project::Problems;
use coproduce_domain::{ActivityId, InvitationId, OrganisationId, PersonId, Role, UserId};
use coproduce_store::Tx;

use crate::{Result, ServiceError};

const DAY: i64 = 24 * 60 * 60;

/// One activity, as typed into the form.
struct Seed {
    /// The organisation's slug.
    org: &'static str,
    kind: &'static str,
    title: &'static str,
    description: &'static str,
    /// Days from today: negative is in the past.
    day: i64,
    starts: &'static str,
    ends: &'static str,
    place: &'static str,
    features: &'static [&'static str],
    online_link: &'static str,
    platform: &'static str,
    places: &'static str,
    roles_needed: &'static str,
    preparation_minutes: &'static str,
    easy_read_papers: bool,
    /// Replies wanted this many days before the day, if at all.
    reply_days_before: Option<i64>,
    open_to_public: bool,
    how_to_take_part: &'static str,
    areas: &'static [&'static str],
    /// How many people from the register to invite (council only).
    invite: usize,
}

const SEEDS: &[Seed] = &[
    Seed {
        org: "northshire-council",
        kind: "workshop",
        title: "Planning the new short breaks service for carers",
        description: "Carers get a break when someone else looks after the person they care for. \
            We want to plan the new short breaks service with carers. Together we will decide \
            what a good break looks like and how to book one.",
        day: -200,
        starts: "10:00",
        ends: "13:00",
        place: "Ashby Vale Library, meeting room 2, Church Street, Ashby Vale",
        features: &["step_free", "accessible_toilet", "public_transport"],
        online_link: "",
        platform: "",
        places: "8",
        roles_needed: "",
        preparation_minutes: "30",
        easy_read_papers: false,
        reply_days_before: Some(10),
        open_to_public: false,
        how_to_take_part: "",
        areas: &["carers"],
        invite: 10,
    },
    Seed {
        org: "northshire-council",
        kind: "forum_meeting",
        title: "Learning Disability Partnership Forum: spring meeting",
        description: "The forum meets four times a year. People with a learning disability, \
            family carers and council staff talk about what is working and what needs to change. \
            This time we talk about day services and travel.",
        day: -120,
        starts: "13:30",
        ends: "15:30",
        place: "Brindlemoor Town Hall, Market Square, Brindlemoor",
        features: &["step_free", "hearing_loop", "accessible_toilet", "parking"],
        online_link: "",
        platform: "",
        places: "12",
        roles_needed: "",
        preparation_minutes: "0",
        easy_read_papers: true,
        reply_days_before: Some(7),
        open_to_public: true,
        how_to_take_part: "Anyone with a learning disability, and family carers, can come. \
            Call 01632 960 412 or email forum@northshire-council.example to book a place. \
            Tell us if you need help to get there.",
        areas: &["learning_disability"],
        invite: 9,
    },
    Seed {
        org: "northshire-council",
        kind: "interview_panel",
        title: "Interview panel: manager of day services",
        description: "We are choosing a new manager for our day services. People who use day \
            services will sit on the panel and ask their own questions. Each panel member has \
            the same say as the staff on the panel.",
        day: -60,
        starts: "09:30",
        ends: "15:00",
        place: "County Offices, Castle Road, Castleford North",
        features: &["step_free", "quiet_room", "accessible_toilet"],
        online_link: "",
        platform: "",
        places: "3",
        roles_needed: "Three panel members who use day services or care for someone who does",
        preparation_minutes: "60",
        easy_read_papers: true,
        reply_days_before: Some(14),
        open_to_public: false,
        how_to_take_part: "",
        areas: &["learning_disability", "older_people", "physical_disability"],
        invite: 5,
    },
    Seed {
        org: "northshire-council",
        kind: "quality_check",
        title: "Quality check visit: Fernley Court care home",
        description: "Two experts by experience visit the home with a member of staff. You talk \
            to residents and families, look around and tell us what you see. We write the report \
            together.",
        day: -30,
        starts: "10:00",
        ends: "13:00",
        place: "Fernley Court, Harbour Lane, Fernley Coast",
        features: &["step_free", "parking", "accessible_toilet"],
        online_link: "",
        platform: "",
        places: "2",
        roles_needed: "Two visitors who know about getting older or dementia",
        preparation_minutes: "45",
        easy_read_papers: false,
        reply_days_before: Some(7),
        open_to_public: false,
        how_to_take_part: "",
        areas: &["older_people", "dementia"],
        invite: 4,
    },
    Seed {
        org: "northshire-council",
        kind: "focus_group",
        title: "Focus group: your first call to adult social care",
        description: "Tell us what it was like the first time you asked us for help. What was \
            easy? What was hard? What should we change first? The group is small and friendly.",
        day: -10,
        starts: "18:00",
        ends: "19:30",
        place: "",
        features: &[],
        online_link: "https://meet.northshire-council.example/first-call",
        platform: "Microsoft Teams",
        places: "6",
        roles_needed: "",
        preparation_minutes: "0",
        easy_read_papers: false,
        reply_days_before: Some(3),
        open_to_public: false,
        how_to_take_part: "",
        areas: &[],
        invite: 8,
    },
    Seed {
        org: "northshire-council",
        kind: "training",
        title: "Co-production training for new members",
        description: "A morning for people new to the register. We explain how co-production \
            works here, how you are paid for your time, and who to call if something goes wrong. \
            Experts by experience run half of the session.",
        day: 6,
        starts: "10:00",
        ends: "12:30",
        place: "Eastholme Community Centre, Mill Road, Eastholme",
        features: &[
            "step_free",
            "hearing_loop",
            "accessible_toilet",
            "public_transport",
        ],
        online_link: "",
        platform: "",
        places: "10",
        roles_needed: "",
        preparation_minutes: "0",
        easy_read_papers: true,
        reply_days_before: Some(2),
        open_to_public: false,
        how_to_take_part: "",
        areas: &[],
        invite: 12,
    },
    Seed {
        org: "northshire-council",
        kind: "forum_meeting",
        title: "Mental Health Forum",
        description: "People who use mental health services, carers and staff meet to talk about \
            support in the community. This month we look at what helps when someone is in crisis \
            at night.",
        day: 13,
        starts: "14:00",
        ends: "16:00",
        place: "Greyhaven Resource Centre, Quay Street, Greyhaven",
        features: &["step_free", "quiet_room", "accessible_toilet"],
        online_link: "https://meet.northshire-council.example/mental-health-forum",
        platform: "Zoom",
        places: "15",
        roles_needed: "",
        preparation_minutes: "0",
        easy_read_papers: false,
        reply_days_before: Some(5),
        open_to_public: true,
        how_to_take_part: "Anyone with experience of mental health services can come, in the room \
            or online. Email forum@northshire-council.example and we will send you the link. \
            A quiet room is free all afternoon.",
        areas: &["mental_health"],
        invite: 8,
    },
    Seed {
        org: "northshire-council",
        kind: "survey",
        title: "Survey: managing your own care with direct payments",
        description: "Direct payments let you buy your own care and support. Tell us what works and \
            what gets in the way. The survey takes about 15 minutes. You can fill it in online, \
            or we can call you and fill it in with you.",
        day: 20,
        starts: "09:00",
        ends: "17:00",
        place: "",
        features: &[],
        online_link: "https://forms.northshire-council.example/direct-payments",
        platform: "Online form",
        places: "200",
        roles_needed: "",
        preparation_minutes: "0",
        easy_read_papers: true,
        reply_days_before: None,
        open_to_public: true,
        how_to_take_part: "Fill in the survey online by the date above. To answer by phone, or to \
            get an easy read copy by post, call 01632 960 418.",
        areas: &[],
        invite: 6,
    },
    Seed {
        org: "northshire-council",
        kind: "workshop",
        title: "Clearer letters about paying for care",
        description: "Our letters about paying for care are hard to read. Bring one you got, if you \
            like. We will rewrite them together, line by line, until they make sense.",
        day: 27,
        starts: "13:30",
        ends: "16:00",
        place: "Dunmere Library, High Street, Dunmere",
        features: &["step_free", "hearing_loop", "accessible_toilet"],
        online_link: "",
        platform: "",
        places: "6",
        roles_needed: "",
        preparation_minutes: "20",
        easy_read_papers: true,
        reply_days_before: Some(10),
        open_to_public: false,
        how_to_take_part: "",
        areas: &[
            "physical_disability",
            "sensory_loss",
            "older_people",
            "carers",
        ],
        invite: 12,
    },
    Seed {
        org: "northshire-council",
        kind: "interview_panel",
        title: "Interview panel: principal social worker",
        description: "We are appointing a principal social worker. Two experts by experience will \
            join the panel. We meet the week before to agree the questions together.",
        day: 41,
        starts: "09:30",
        ends: "16:30",
        place: "County Offices, Castle Road, Castleford North",
        features: &["step_free", "quiet_room", "accessible_toilet", "parking"],
        online_link: "",
        platform: "",
        places: "2",
        roles_needed: "Two panel members with experience of social work support",
        preparation_minutes: "90",
        easy_read_papers: false,
        reply_days_before: Some(21),
        open_to_public: false,
        how_to_take_part: "",
        areas: &[],
        invite: 4,
    },
    Seed {
        org: "northshire-council",
        kind: "quality_check",
        title: "Quality check visit: Brindlemoor Day Centre",
        description: "Visit the day centre with a member of staff. Join in an activity, talk to the \
            people who go there and tell us what you notice.",
        day: 55,
        starts: "10:30",
        ends: "14:00",
        place: "Brindlemoor Day Centre, Station Road, Brindlemoor",
        features: &[
            "step_free",
            "accessible_toilet",
            "parking",
            "public_transport",
        ],
        online_link: "",
        platform: "",
        places: "2",
        roles_needed: "",
        preparation_minutes: "30",
        easy_read_papers: false,
        reply_days_before: Some(14),
        open_to_public: false,
        how_to_take_part: "",
        areas: &["learning_disability", "autism"],
        invite: 3,
    },
    Seed {
        org: "northshire-nhs",
        kind: "focus_group",
        title: "Leaving hospital: what went well and what did not",
        description: "We want to hear from people who left hospital in the last year, and from \
            their families. What helped you get home? What went wrong? Your answers shape our new \
            discharge plan.",
        day: -45,
        starts: "14:00",
        ends: "15:30",
        place: "Northshire General Hospital, Education Centre, Ward Road, Castleford North",
        features: &["step_free", "hearing_loop", "accessible_toilet", "parking"],
        online_link: "",
        platform: "",
        places: "10",
        roles_needed: "",
        preparation_minutes: "0",
        easy_read_papers: false,
        reply_days_before: Some(7),
        open_to_public: false,
        how_to_take_part: "",
        areas: &["older_people"],
        invite: 0,
    },
    Seed {
        org: "northshire-nhs",
        kind: "forum_meeting",
        title: "Patient and carer experience group",
        description: "A monthly group where patients and carers tell the trust what it is like to \
            use our services. Each meeting looks at one service. This month it is the community \
            nursing team.",
        day: 16,
        starts: "18:00",
        ends: "19:30",
        place: "Northshire General Hospital, Education Centre, Ward Road, Castleford North",
        features: &["step_free", "hearing_loop", "accessible_toilet", "parking"],
        online_link: "https://meet.northshire-nhs.example/experience-group",
        platform: "Microsoft Teams",
        places: "20",
        roles_needed: "",
        preparation_minutes: "0",
        easy_read_papers: false,
        reply_days_before: None,
        open_to_public: true,
        how_to_take_part: "Anyone who uses the trust's services, or cares for someone who does, can \
            come. Email experience@northshire-nhs.example or call 01632 960 530. We pay for your \
            parking.",
        areas: &[],
        invite: 0,
    },
    Seed {
        org: "northshire-nhs",
        kind: "workshop",
        title: "Making the memory clinic waiting area calmer",
        description: "The memory clinic is moving to a new room. People living with dementia and \
            their carers will help us choose the layout, the signs and the lighting.",
        day: 34,
        starts: "10:30",
        ends: "12:30",
        place: "Eastholme Health Centre, Park Lane, Eastholme",
        features: &["step_free", "quiet_room", "accessible_toilet", "parking"],
        online_link: "",
        platform: "",
        places: "8",
        roles_needed: "",
        preparation_minutes: "0",
        easy_read_papers: true,
        reply_days_before: Some(7),
        open_to_public: true,
        how_to_take_part: "People living with dementia and their carers are welcome. Call the \
            memory clinic on 01632 960 544 to book. Bring someone with you if you like.",
        areas: &["dementia"],
        invite: 0,
    },
    Seed {
        org: "brightwater-care",
        kind: "focus_group",
        title: "Family carers' views on our home care visits",
        description: "Families told us visits sometimes feel rushed. Come and tell us what a good \
            visit looks like, so we can change how we plan our rotas.",
        day: -20,
        starts: "18:30",
        ends: "20:00",
        place: "",
        features: &[],
        online_link: "https://meet.brightwater-care.example/families",
        platform: "Zoom",
        places: "8",
        roles_needed: "",
        preparation_minutes: "0",
        easy_read_papers: false,
        reply_days_before: Some(3),
        open_to_public: false,
        how_to_take_part: "",
        areas: &["carers", "older_people"],
        invite: 0,
    },
    Seed {
        org: "brightwater-care",
        kind: "training",
        title: "Dementia-friendly care at home: training our new staff",
        description: "Two family carers will train our new care workers with us. They will share \
            what helps at home, from the first hello to the goodbye.",
        day: 24,
        starts: "13:00",
        ends: "16:00",
        place: "Brightwater Care office, 4 Canal Walk, Fernley Coast",
        features: &["step_free", "accessible_toilet", "public_transport"],
        online_link: "",
        platform: "",
        places: "2",
        roles_needed: "Two family carers of someone living with dementia",
        preparation_minutes: "60",
        easy_read_papers: false,
        reply_days_before: Some(10),
        open_to_public: false,
        how_to_take_part: "",
        areas: &["dementia", "carers"],
        invite: 0,
    },
];

/// How invited people answer, in turn: `a` wants a place, `d` declines,
/// `n` never replies.
const ANSWERS: &[u8] = b"aadanaadaaan";

/// A few notes on attendance, so the records read like real ones.
const NOTES: [&str; 3] = [
    "Came with their support worker.",
    "Led the small group discussion.",
    "Left early to catch the bus home.",
];

fn problems(title: &str, problems: &Problems) -> ServiceError {
    let text: Vec<String> = problems.iter().map(|(f, m)| format!("{f}: {m}")).collect();
    ServiceError::Internal(format!(
        "demo activity {title:?} is not valid: {}",
        text.join("; ")
    ))
}

/// The date `days` from `now`, as typed (`dd/mm/yyyy`).
fn date(now: i64, days: i64) -> Result<String> {
    london(now + days * DAY)
        .map(|(d, _, _)| d.to_numeric())
        .ok_or_else(|| ServiceError::Internal("demo date out of range".into()))
}

fn plan(seed: &Seed, now: i64) -> Result<ActivityPlan> {
    let features: Vec<String> = seed.features.iter().map(|f| (*f).to_owned()).collect();
    let areas: Vec<String> = seed.areas.iter().map(|a| (*a).to_owned()).collect();
    let day = date(now, seed.day)?;
    let reply_by = match seed.reply_days_before {
        Some(before) => date(now, seed.day - before)?,
        None => String::new(),
    };
    ActivityPlan::parse(&ActivityInput {
        kind: seed.kind,
        title: seed.title,
        description: seed.description,
        date: &day,
        starts: seed.starts,
        ends: seed.ends,
        place: seed.place,
        features: &features,
        online_link: seed.online_link,
        platform: seed.platform,
        places: seed.places,
        roles_needed: seed.roles_needed,
        preparation_minutes: seed.preparation_minutes,
        easy_read_papers: seed.easy_read_papers,
        reply_by: &reply_by,
        open_to_public: seed.open_to_public,
        how_to_take_part: seed.how_to_take_part,
        areas: &areas,
    })
    .map_err(|p| problems(seed.title, &p))
}

/// Adds the demo's activities. `organisations` are (slug, id, name),
/// `staff` are (organisation, user, role) and `people` are the active
/// people of the council's register, who are invited in turn.
/// An activity the demo made, with who came, for the payments seed.
pub(super) struct Seeded {
    pub id: ActivityId,
    pub organisation: OrganisationId,
    pub kind: ActivityType,
    pub starts_at: i64,
    pub ends_at: i64,
    /// (invitation, person, minutes recorded) of each person who came.
    pub attended: Vec<(InvitationId, PersonId, Option<u32>)>,
}

pub(super) async fn seed(
    tx: &mut Tx,
    organisations: &[(&str, OrganisationId, &str)],
    staff: &[(OrganisationId, UserId, Role)],
    people: &[PersonId],
    now: i64,
) -> Result<Vec<Seeded>> {
    let mut seeded = Vec::new();
    let mut next_person = 0_usize;
    let mut turn = 0_usize;
    for (index, seed) in SEEDS.iter().enumerate() {
        let Some(&(_, organisation, _)) = organisations.iter().find(|(s, _, _)| *s == seed.org)
        else {
            return Err(ServiceError::Internal(format!(
                "demo organisation {} missing",
                seed.org
            )));
        };
        let planner = staff
            .iter()
            .filter(|(org, _, role)| {
                *org == organisation && matches!(role, Role::Officer | Role::Lead | Role::Admin)
            })
            .map(|(_, user, _)| *user)
            .next();
        let plan = plan(seed, now)?;
        // Invitations go out three weeks before, and never after today.
        let asked_at = (plan.starts_at - 21 * DAY).min(now - 2 * DAY);
        let created_at = asked_at - DAY;
        let activity = tx
            .insert_activity(organisation, None, &plan, planner, created_at)
            .await?;
        let past = plan.starts_at < now;
        let mut attended = Vec::new();
        let places = usize::try_from(plan.places).unwrap_or(usize::MAX);
        let invite = seed.invite.min(people.len());
        let mut accepted = 0_usize;
        for slot in 0..invite {
            let person = people[(next_person + slot) % people.len()];
            let invitation = tx
                .insert_invitation(activity, person, planner, asked_at)
                .await?;
            let replied_at = (asked_at + (slot as i64 + 1) * 6 * 60 * 60).min(now);
            match ANSWERS[(slot + index) % ANSWERS.len()] {
                b'a' if accepted < places => {
                    tx.set_invitation_status(invitation, InvitationStatus::Accepted, replied_at)
                        .await?;
                    accepted += 1;
                    let (needs, formats) = tx.person_needs(person).await?;
                    for kind in AdjustmentKind::for_needs(&needs, &formats) {
                        tx.add_adjustment(invitation, kind).await?;
                    }
                    // Past activities had everything arranged; upcoming
                    // ones have some still to do.
                    for (n, adjustment) in
                        tx.adjustment_ids(invitation).await?.into_iter().enumerate()
                    {
                        if past || n.is_multiple_of(2) {
                            let done_at = (plan.starts_at - 3 * DAY).min(now);
                            tx.set_adjustment_done(adjustment, planner, Some(done_at))
                                .await?;
                        }
                    }
                    if past {
                        turn += 1;
                        let minutes = u32::try_from((plan.ends_at - plan.starts_at) / 60)
                            .unwrap_or(0)
                            + plan.preparation_minutes;
                        let (attendance, minutes, notes) = match turn % 6 {
                            4 => (Attendance::Apologies, None, None),
                            5 => (Attendance::DidNotAttend, None, None),
                            n => (
                                Attendance::Attended,
                                Some(minutes),
                                (n < NOTES.len() && turn.is_multiple_of(4)).then(|| NOTES[n]),
                            ),
                        };
                        tx.set_attendance(invitation, attendance, minutes, notes)
                            .await?;
                        if attendance == Attendance::Attended {
                            attended.push((invitation, person, minutes));
                        }
                    }
                }
                b'a' => {
                    tx.to_waiting_list(invitation, activity, replied_at).await?;
                }
                b'd' => {
                    tx.set_invitation_status(invitation, InvitationStatus::Declined, replied_at)
                        .await?;
                }
                _ if past => {
                    tx.set_invitation_status(invitation, InvitationStatus::NoReply, plan.starts_at)
                        .await?;
                }
                _ => {}
            }
        }
        next_person += invite;
        seeded.push(Seeded {
            id: activity,
            organisation,
            kind: plan.kind,
            starts_at: plan.starts_at,
            ends_at: plan.ends_at,
            attended,
        });
    }
    Ok(seeded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_activity_is_valid_on_any_day() {
        // A day in winter and one in summer, so clock changes cannot make
        // a demo time disappear.
        for now in [1_800_000_000, 1_815_000_000] {
            for seed in SEEDS {
                plan(seed, now).unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }

    #[test]
    fn the_demo_has_past_upcoming_public_and_online_activities() {
        assert!(SEEDS.len() >= 15);
        assert!(SEEDS.iter().any(|s| s.day < 0) && SEEDS.iter().any(|s| s.day > 0));
        assert!(SEEDS.iter().any(|s| s.open_to_public));
        assert!(SEEDS.iter().any(|s| s.place.is_empty()));
        let council = SEEDS
            .iter()
            .filter(|s| s.org == "northshire-council")
            .count();
        assert!(council * 2 > SEEDS.len());
    }
}
