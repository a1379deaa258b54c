//! The demo's register: a few hundred plainly fictional experts by
//! experience, with varied needs, statuses and histories.
//!
//! Everything comes from a fixed seed, so every demo holds the same people.
//! The people are planned by pure functions ([`plan_people`]) and only then
//! written, so tests can check the plans without a database. Contact details
//! come from ranges kept for fiction: email addresses at the reserved
//! `example` domains, phone numbers from Ofcom's drama ranges and postcodes
//! in a made-up "NS" area.

use std::collections::{BTreeSet, HashSet};

use coproduce_domain::person::{
    AccessNeed, ContactMethod, Day, ExperienceArea, ExperienceType, Format, Mode,
    PRIVACY_NOTICE_VERSION, Profile, Recognition, Source, Status, TimeOfDay,
};
use coproduce_domain::phone::Phone;
use coproduce_domain::{Email, Invalid, OrganisationId, PersonId, UserId};
use coproduce_store::{NewPersonRecord, StatusChange, Tx};
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};

use crate::{Result, ServiceError};

/// The seed every demo register grows from.
const SEED: u64 = 0x5EED_C0DE_2024_0001;

const DAY: i64 = 24 * 60 * 60;

/// The locality that is not a town of the county: never someone's home.
const OUTSIDE: &str = "outside-northshire";

/// How long ago the council's old involvement spreadsheet was imported.
const IMPORT_DAYS_AGO: i64 = 640;
const IMPORT_REASON: &str = "Imported from the spreadsheet involvement-list-2022.xlsx";

/// Adds `count` fictional people to the register of `organisation`.
/// Returns the people it added who are active on the register, in the
/// order it added them, for other areas of the demo to involve.
pub(super) async fn seed_people(
    tx: &mut Tx,
    organisation: OrganisationId,
    staff: &[UserId],
    localities: &[&str],
    topics: &[&str],
    count: usize,
    now: i64,
) -> Result<Vec<PersonId>> {
    let plans = plan_people(localities, topics, count, now)?;
    let mut active = Vec::new();
    let member = |slot: usize| -> Option<UserId> {
        if staff.is_empty() {
            None
        } else {
            staff.get(slot % staff.len()).copied()
        }
    };
    for plan in &plans {
        let keyworker = member(plan.staff_slot);
        let entered_by = plan.entered_by_slot.and_then(member);
        let id = tx
            .insert_person(
                NewPersonRecord {
                    organisation,
                    profile: &plan.profile,
                    status: plan.status,
                    source: plan.source,
                    entered_by,
                    last_involved_on: plan.last_involved_on.as_deref(),
                },
                plan.created_at,
            )
            .await?;
        let recorded_by = match plan.source {
            Source::PublicForm | Source::EasyReadForm => None,
            Source::Staff => entered_by,
            Source::Import => keyworker,
        };
        for kind in ["register", "contact"] {
            tx.add_consent(
                id,
                kind,
                plan.consent_method,
                plan.notice_version,
                recorded_by,
                plan.created_at,
            )
            .await?;
        }
        for event in &plan.events {
            match &event.what {
                What::Status {
                    from,
                    to,
                    reason,
                    on,
                    by_staff,
                } => {
                    let by = if *by_staff { keyworker } else { None };
                    tx.set_person_status(
                        id,
                        StatusChange {
                            from: *from,
                            to: *to,
                            reason,
                            on,
                            by,
                        },
                        event.at,
                    )
                    .await?;
                }
                What::Note { body, from_form } => {
                    if *from_form {
                        tx.add_person_note(id, None, "Get involved form", body, event.at)
                            .await?;
                    } else {
                        tx.add_person_note(id, keyworker, "", body, event.at)
                            .await?;
                    }
                }
                What::Contact { method, summary } => {
                    if let Some(by) = keyworker {
                        tx.add_contact(id, method, summary, by, event.at).await?;
                    }
                }
            }
        }
        if plan.review_needed {
            tx.set_review_needed(id, true).await?;
        }
        if plan.status == Status::Active {
            active.push(id);
        }
    }
    Ok(active)
}

/// One person to add, with everything that happened around them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Plan {
    profile: Profile,
    status: Status,
    source: Source,
    consent_method: &'static str,
    notice_version: &'static str,
    /// When the record was made (seconds since 1970).
    created_at: i64,
    last_involved_on: Option<String>,
    review_needed: bool,
    /// Which member of staff looks after them (taken modulo the staff).
    staff_slot: usize,
    /// Which member of staff entered them, for people added by staff.
    entered_by_slot: Option<usize>,
    /// Oldest first.
    events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Event {
    at: i64,
    what: What,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum What {
    Status {
        from: Option<Status>,
        to: Status,
        reason: String,
        /// `YYYY-MM-DD`.
        on: String,
        /// False for changes the person made themselves by filling in a form.
        by_staff: bool,
    },
    Note {
        body: String,
        /// Written by the get involved form rather than a member of staff.
        from_form: bool,
    },
    Contact {
        method: &'static str,
        summary: String,
    },
}

/// An event before it is given a time: how many days before today.
struct Raw {
    days_ago: i64,
    what: RawWhat,
}

enum RawWhat {
    Status {
        to: Status,
        reason: String,
        by_staff: bool,
    },
    Note {
        body: String,
        from_form: bool,
    },
    Contact {
        method: &'static str,
        summary: String,
    },
}

fn internal(e: Invalid) -> ServiceError {
    ServiceError::Internal(e.message)
}

/// Plans `count` people. The same arguments always give the same plans.
fn plan_people(localities: &[&str], topics: &[&str], count: usize, now: i64) -> Result<Vec<Plan>> {
    let mut rng = StdRng::seed_from_u64(SEED);
    let clock = Clock::new(now);
    let mut statuses = status_mix(count);
    statuses.shuffle(&mut rng);
    let mut names = HashSet::new();
    let mut staff_entered = 0;
    let mut plans = Vec::with_capacity(count);
    for (index, status) in statuses.into_iter().enumerate() {
        let (name, background) = pick_name(&mut rng, &mut names);
        let source = pick_source(&mut rng, status);
        let profile = profile(
            &mut rng, index, name, background, source, localities, topics,
        )
        .map_err(internal)?;
        let (consent_method, notice_version) = match source {
            Source::PublicForm => ("online_form", PRIVACY_NOTICE_VERSION),
            Source::EasyReadForm => ("easy_read_form", PRIVACY_NOTICE_VERSION),
            Source::Staff => (
                weighted(&mut rng, &[("phone", 5), ("in_person", 3), ("paper", 2)]),
                PRIVACY_NOTICE_VERSION,
            ),
            Source::Import => ("import", "before Coproduce"),
        };
        let entered_by_slot = (source == Source::Staff).then(|| {
            staff_entered += 1;
            staff_entered - 1
        });
        let review_needed = index % 33 == 7;
        let story = story(
            &mut rng,
            status,
            source,
            consent_method,
            &profile,
            review_needed,
        );
        let events = clock.timed(&mut rng, story.events, story.created_days_ago)?;
        let created_at = clock.at(story.created_days_ago, 0);
        let last_involved_on = story
            .last_involved_days_ago
            .map(|days| clock.date(clock.at(clock.weekday(days), 0)))
            .transpose()?;
        plans.push(Plan {
            profile,
            status,
            source,
            consent_method,
            notice_version,
            created_at,
            last_involved_on,
            review_needed,
            staff_slot: index,
            entered_by_slot,
            events,
        });
    }
    Ok(plans)
}

/// Turns "days ago" into times and dates.
struct Clock {
    now: i64,
    /// The start of today (UTC).
    midnight: i64,
}

impl Clock {
    fn new(now: i64) -> Self {
        Self {
            now,
            midnight: now - now.rem_euclid(DAY),
        }
    }

    /// A time on the day `days_ago`, `minute` minutes after 9am, never
    /// later than now.
    fn at(&self, days_ago: i64, minute: i64) -> i64 {
        (self.midnight - days_ago * DAY + 9 * 60 * 60 + minute * 60).min(self.now)
    }

    fn date(&self, at: i64) -> Result<String> {
        let timestamp =
            jiff::Timestamp::from_second(at).map_err(|e| ServiceError::Internal(e.to_string()))?;
        Ok(timestamp
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date()
            .to_string())
    }

    /// The weekday on or before the day `days_ago`, in days ago: staff do
    /// not work at weekends.
    fn weekday(&self, days_ago: i64) -> i64 {
        // 1 January 1970 was a Thursday: 3 days after a Monday.
        let day_of_week = (self.midnight / DAY - days_ago + 3).rem_euclid(7);
        days_ago + (day_of_week - 4).max(0)
    }

    /// Puts the events in order and gives each a time in the working day.
    /// What staff did moves off weekends, but never before `start`, the
    /// day the record was made.
    fn timed(&self, rng: &mut StdRng, mut raw: Vec<Raw>, start: i64) -> Result<Vec<Event>> {
        for event in &mut raw {
            let by_staff = match &event.what {
                RawWhat::Status { by_staff, .. } => *by_staff,
                RawWhat::Note { from_form, .. } => !from_form,
                RawWhat::Contact { .. } => true,
            };
            if by_staff {
                event.days_ago = self.weekday(event.days_ago).min(start);
            }
        }
        // Stable, so events on the same day keep the order they happened in.
        raw.sort_by_key(|event| std::cmp::Reverse(event.days_ago));
        let mut events = Vec::with_capacity(raw.len());
        let mut previous: Option<(i64, i64)> = None;
        let mut from = None;
        for event in raw {
            let minute = match previous {
                Some((day, minute)) if day == event.days_ago => minute + rng.random_range(5..60),
                _ => rng.random_range(0..420),
            };
            previous = Some((event.days_ago, minute));
            let at = self.at(event.days_ago, minute);
            let what = match event.what {
                RawWhat::Status {
                    to,
                    reason,
                    by_staff,
                } => {
                    let what = What::Status {
                        from,
                        to,
                        reason,
                        on: self.date(at)?,
                        by_staff,
                    };
                    from = Some(to);
                    what
                }
                RawWhat::Note { body, from_form } => What::Note { body, from_form },
                RawWhat::Contact { method, summary } => What::Contact { method, summary },
            };
            events.push(Event { at, what });
        }
        Ok(events)
    }
}

/// Roughly 10% enquiries, 8% contacted, 10% getting started, 55% active,
/// 10% paused and 7% left, with at least one of each in a register of six
/// or more.
fn status_mix(count: usize) -> Vec<Status> {
    let shares = [
        (Status::Enquiry, 10),
        (Status::Contacted, 8),
        (Status::Onboarding, 10),
        (Status::Paused, 10),
        (Status::Left, 7),
    ];
    let mut statuses = Vec::with_capacity(count);
    for (status, percent) in shares {
        let mut n = (count * percent + 50) / 100;
        if count >= 6 {
            n = n.max(1);
        }
        statuses.extend(std::iter::repeat_n(status, n));
    }
    statuses.truncate(count);
    let active = count - statuses.len();
    statuses.extend(std::iter::repeat_n(Status::Active, active));
    statuses
}

/// One item from (item, weight) pairs.
fn weighted<T: Copy>(rng: &mut StdRng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, weight)| weight).sum();
    let mut pick = rng.random_range(0..total.max(1));
    for &(item, weight) in items {
        if pick < weight {
            return item;
        }
        pick -= weight;
    }
    items[items.len() - 1].0
}

/// A whole number from `low` to `high` (both included), or `low` when
/// there is no room.
fn between(rng: &mut StdRng, low: i64, high: i64) -> i64 {
    if high <= low {
        low
    } else {
        rng.random_range(low..=high)
    }
}

/// Names from the communities of an English county, with the languages
/// some people there would rather use.
struct Background {
    weight: u32,
    first: &'static [&'static str],
    last: &'static [&'static str],
    languages: &'static [&'static str],
}

const BACKGROUNDS: [Background; 9] = [
    Background {
        weight: 34,
        first: &[
            "Margaret", "Stephen", "Janet", "Gary", "Chloe", "Callum", "Pauline", "Barry",
            "Hollie", "Derek",
        ],
        last: &[
            "Haworth",
            "Pickering",
            "Ashworth",
            "Marsden",
            "Fairclough",
            "Bramley",
            "Whitworth",
            "Tolley",
        ],
        languages: &[],
    },
    Background {
        weight: 15,
        first: &[
            "Anjali", "Harpreet", "Sunil", "Nasreen", "Tariq", "Rukhsana", "Arjun",
        ],
        last: &[
            "Chaudhry", "Sandhu", "Parekh", "Qureshi", "Mahmood", "Rahman", "Dhillon",
        ],
        languages: &["Urdu", "Punjabi", "Bengali", "Gujarati"],
    },
    Background {
        weight: 9,
        first: &[
            "Chiamaka", "Kwabena", "Blessing", "Tunde", "Abena", "Folake",
        ],
        last: &["Okonkwo", "Mensah", "Adebayo", "Boateng", "Nwosu", "Owusu"],
        languages: &["Yoruba", "Twi"],
    },
    Background {
        weight: 8,
        first: &["Marcia", "Delroy", "Winston", "Paulette", "Leon", "Jasmine"],
        last: &["Campbell", "Brathwaite", "Reid", "Francis", "McKenzie"],
        languages: &[],
    },
    Background {
        weight: 9,
        first: &["Agnieszka", "Tomasz", "Marius", "Oksana", "Piotr", "Ilona"],
        last: &[
            "Nowak", "Mazur", "Popescu", "Petrenko", "Horvath", "Wozniak",
        ],
        languages: &["Polish", "Romanian", "Ukrainian"],
    },
    Background {
        weight: 8,
        first: &["Siobhan", "Declan", "Aoife", "Niamh", "Ciaran", "Eamon"],
        last: &[
            "O'Donnell",
            "Brennan",
            "Flanagan",
            "Doyle",
            "McCarthy",
            "Quinlan",
        ],
        languages: &[],
    },
    Background {
        weight: 5,
        first: &["Mei", "Wei", "Jun", "Xiaoling", "Kai"],
        last: &["Chen", "Wong", "Liu", "Cheung", "Lam", "Tsang"],
        languages: &["Cantonese", "Mandarin"],
    },
    Background {
        weight: 5,
        first: &["Rhian", "Gethin", "Cerys", "Dafydd", "Carys", "Owain"],
        last: &["Pritchard", "Llewellyn", "Hughes", "Pugh", "Bowen"],
        languages: &["Welsh"],
    },
    Background {
        weight: 7,
        first: &["Hodan", "Abdi", "Amina", "Yusuf", "Layla", "Faisal"],
        last: &["Warsame", "Osman", "Haddad", "Jama", "Karimi"],
        languages: &["Somali", "Arabic", "Farsi"],
    },
];

/// A name nobody else in the demo has (if one can be found), and the
/// background it mostly comes from.
fn pick_name(rng: &mut StdRng, taken: &mut HashSet<String>) -> (String, &'static Background) {
    let weights: Vec<(usize, u32)> = BACKGROUNDS
        .iter()
        .enumerate()
        .map(|(i, b)| (i, b.weight))
        .collect();
    let mut name = String::new();
    let mut background = &BACKGROUNDS[0];
    for _ in 0..30 {
        background = &BACKGROUNDS[weighted(rng, &weights)];
        // Families and names mix: some take a surname from elsewhere.
        let surnames = if rng.random_bool(0.12) {
            BACKGROUNDS[weighted(rng, &weights)].last
        } else {
            background.last
        };
        let first = background.first.choose(rng).copied().unwrap_or("Sam");
        let last = surnames.choose(rng).copied().unwrap_or("Smith");
        name = format!("{first} {last}");
        if !taken.contains(&name) {
            break;
        }
    }
    taken.insert(name.clone());
    (name, background)
}

fn pick_source(rng: &mut StdRng, status: Status) -> Source {
    match status {
        // People who have taken part may have come over from the old list.
        Status::Active | Status::Paused | Status::Left => weighted(
            rng,
            &[
                (Source::PublicForm, 48),
                (Source::EasyReadForm, 12),
                (Source::Staff, 20),
                (Source::Import, 20),
            ],
        ),
        _ => weighted(
            rng,
            &[
                (Source::PublicForm, 68),
                (Source::EasyReadForm, 12),
                (Source::Staff, 20),
            ],
        ),
    }
}

/// Letters used at the end of UK postcodes.
const POSTCODE_LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";

const STREETS: [&str; 16] = [
    "Mill Lane",
    "Chapel Row",
    "Station Road",
    "Orchard Close",
    "Beck Side",
    "Weavers Way",
    "Quarry Hill",
    "Larch Avenue",
    "Foundry Street",
    "Kingfisher Drive",
    "Meadow Bank",
    "Wharf Road",
    "Rowan Court",
    "Tannery Lane",
    "Heron Walk",
    "Sexton Street",
];

const BUILDINGS: [&str; 5] = [
    "Cedar House",
    "Bridgewater Court",
    "Alder House",
    "Linnet Court",
    "Maltings House",
];

const SUPPORTERS: [&str; 8] = [
    "Ruth", "Sam", "Jo", "Kieran", "Amrit", "Lena", "Marcus", "Priti",
];

const ACCESS_OTHER: [&str; 6] = [
    "A seat near the door so I can step out",
    "Meetings no longer than two hours",
    "Someone to meet me at the entrance",
    "Food labelled for allergies",
    "Not too much bright light, it gives me headaches",
    "Name badges in large print",
];

const EXPERIENCE_OTHER: [&str; 6] = [
    "Acquired brain injury",
    "Long COVID",
    "Sickle cell",
    "Living with a stroke",
    "Leaving care as a young adult",
    "Parkinson's",
];

/// Letters and digits only, lower case: for email addresses.
fn fold(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase()
}

/// Words from a slug: "castleford-north" is "Castleford North".
fn town(slug: &str) -> String {
    slug.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Distinct picks from weighted items until there are `n` (or the items
/// run out).
fn several<T: Copy + Ord>(rng: &mut StdRng, into: &mut BTreeSet<T>, n: usize, items: &[(T, u32)]) {
    let mut left: Vec<(T, u32)> = items
        .iter()
        .copied()
        .filter(|(item, _)| !into.contains(item))
        .collect();
    while into.len() < n && !left.is_empty() {
        let item = weighted(rng, &left);
        into.insert(item);
        left.retain(|(other, _)| *other != item);
    }
}

/// Everything one person told us. Every profile passes
/// [`Profile::problems`].
fn profile(
    rng: &mut StdRng,
    index: usize,
    name: String,
    background: &Background,
    source: Source,
    localities: &[&str],
    topics: &[&str],
) -> Result<Profile, Invalid> {
    use ExperienceArea as A;
    let easy_read = source == Source::EasyReadForm;

    // How they know about care and support.
    let mut experience_types = BTreeSet::new();
    let first = if easy_read {
        ExperienceType::DrawsOnCare
    } else {
        weighted(
            rng,
            &[
                (ExperienceType::DrawsOnCare, 45),
                (ExperienceType::UnpaidCarer, 30),
                (ExperienceType::FamilyMember, 15),
                (ExperienceType::Interested, 10),
            ],
        )
    };
    experience_types.insert(first);
    if rng.random_bool(0.18) {
        let second = match first {
            ExperienceType::DrawsOnCare => Some(ExperienceType::UnpaidCarer),
            ExperienceType::UnpaidCarer => Some(ExperienceType::FamilyMember),
            ExperienceType::FamilyMember => Some(ExperienceType::UnpaidCarer),
            ExperienceType::Interested => None,
        };
        experience_types.extend(second);
    }

    // The areas they know, fitting how they know them.
    let mut experience_areas = BTreeSet::new();
    if experience_types.contains(&ExperienceType::UnpaidCarer) {
        experience_areas.insert(A::Carers);
    }
    let pool: &[(A, u32)] = match first {
        ExperienceType::DrawsOnCare if easy_read => &[
            (A::LearningDisability, 7),
            (A::Autism, 3),
            (A::PhysicalDisability, 1),
        ],
        ExperienceType::DrawsOnCare => &[
            (A::LearningDisability, 12),
            (A::Autism, 10),
            (A::MentalHealth, 16),
            (A::PhysicalDisability, 16),
            (A::SensoryLoss, 10),
            (A::OlderPeople, 14),
            (A::SubstanceUse, 5),
            (A::Homelessness, 4),
            (A::Dementia, 3),
            (A::Other, 5),
        ],
        ExperienceType::UnpaidCarer | ExperienceType::FamilyMember => &[
            (A::Dementia, 14),
            (A::OlderPeople, 12),
            (A::LearningDisability, 10),
            (A::Autism, 9),
            (A::MentalHealth, 10),
            (A::PhysicalDisability, 8),
            (A::Other, 2),
        ],
        ExperienceType::Interested => &[
            (A::OlderPeople, 5),
            (A::MentalHealth, 4),
            (A::PhysicalDisability, 3),
            (A::Carers, 2),
            (A::Homelessness, 2),
            (A::Other, 1),
        ],
    };
    let areas = weighted(rng, &[(1_usize, 45), (2, 40), (3, 15)]);
    let areas = areas.max(experience_areas.len() + 1);
    several(rng, &mut experience_areas, areas, pool);
    let experience_other = experience_areas
        .contains(&A::Other)
        .then(|| {
            EXPERIENCE_OTHER
                .choose(rng)
                .copied()
                .unwrap_or("Something else")
        })
        .map(str::to_owned);

    // How to reach them. Numbers and addresses are unique to each index.
    let email = if rng.random_bool(0.75) && !(easy_read && rng.random_bool(0.5)) {
        let (first, last) = name.split_once(' ').unwrap_or((name.as_str(), "person"));
        let domain = ["example.com", "example.org", "example.net"]
            .choose(rng)
            .copied()
            .unwrap_or("example.com");
        Some(Email::parse(&format!(
            "{}.{}{}@{domain}",
            fold(first),
            fold(last),
            index + 1
        ))?)
    } else {
        None
    };
    let older =
        experience_areas.contains(&A::OlderPeople) || experience_areas.contains(&A::Dementia);
    let mut phone = if index < 1000 && rng.random_bool(0.82) {
        Some(phone_number(rng, index, older)?)
    } else {
        None
    };
    let homes: Vec<&str> = localities
        .iter()
        .copied()
        .filter(|slug| *slug != OUTSIDE)
        .collect();
    let homes = if homes.is_empty() {
        localities.to_vec()
    } else {
        homes
    };
    let home = homes.choose(rng).copied();
    let district = home
        .and_then(|slug| localities.iter().position(|l| *l == slug))
        .map_or(1, |position| position + 1);
    let postcode = format!(
        "NS{district} {}{}{}",
        rng.random_range(1..10),
        char::from(*POSTCODE_LETTERS.choose(rng).unwrap_or(&b'A')),
        char::from(*POSTCODE_LETTERS.choose(rng).unwrap_or(&b'B')),
    );
    let postcode = coproduce_domain::person::parse_postcode(&postcode)?;
    let mut address = rng.random_bool(0.6).then(|| {
        let street = STREETS.choose(rng).copied().unwrap_or("High Street");
        let place = home.map(town).unwrap_or_default();
        if rng.random_bool(0.15) {
            let building = BUILDINGS.choose(rng).copied().unwrap_or("Cedar House");
            format!(
                "Flat {}, {building}\n{street}\n{place}",
                rng.random_range(1..40)
            )
        } else {
            format!("{} {street}\n{place}", rng.random_range(1..120))
        }
    });
    let supported = experience_areas.contains(&A::LearningDisability)
        || experience_areas.contains(&A::Dementia);
    let (supporter_name, supporter_contact) =
        if rng.random_bool(if supported { 0.35 } else { 0.06 }) {
            let first = SUPPORTERS.choose(rng).copied().unwrap_or("Sam");
            let last = if rng.random_bool(0.6) {
                name.split_once(' ').map_or("Jones", |(_, last)| last)
            } else {
                ["Ellis", "Shah", "Kerr", "Adeyinka"]
                    .choose(rng)
                    .copied()
                    .unwrap_or("Ellis")
            };
            (
                Some(format!("{first} {last}")),
                Some(format!(
                    "{}.{}{}@example.org",
                    fold(first),
                    fold(last),
                    index + 1
                )),
            )
        } else {
            (None, None)
        };
    if email.is_none() && phone.is_none() && address.is_none() && supporter_name.is_none() {
        if index < 1000 {
            phone = Some(phone_number(rng, index, older)?);
        } else {
            address = Some(format!("{} Mill Lane", index % 100 + 1));
        }
    }
    let mut contact_methods = BTreeSet::new();
    if email.is_some() && rng.random_bool(0.85) {
        contact_methods.insert(ContactMethod::Email);
    }
    if phone.is_some() && rng.random_bool(0.7) {
        contact_methods.insert(ContactMethod::Phone);
    }
    if address.is_some() && (rng.random_bool(0.3) || (email.is_none() && phone.is_none())) {
        contact_methods.insert(ContactMethod::Post);
    }
    if supporter_name.is_some() {
        contact_methods.insert(ContactMethod::Supporter);
    }
    if contact_methods.is_empty() {
        let fallback = if email.is_some() {
            ContactMethod::Email
        } else if phone.is_some() {
            ContactMethod::Phone
        } else {
            ContactMethod::Post
        };
        contact_methods.insert(fallback);
    }

    // Formats.
    let mut formats = BTreeSet::new();
    if easy_read {
        formats.insert(Format::EasyRead);
        if rng.random_bool(0.25) {
            formats.insert(Format::Audio);
        }
    } else if rng.random_bool(0.45) {
        let mut choices = vec![
            (Format::LargePrint, 30),
            (Format::EasyRead, 12),
            (Format::Audio, 10),
            (Format::Bsl, 7),
        ];
        if !background.languages.is_empty() {
            choices.push((Format::OtherLanguage, 30));
        }
        if contact_methods.contains(&ContactMethod::Email) {
            choices.push((Format::PlainTextEmail, 12));
        }
        let n = if rng.random_bool(0.8) { 1 } else { 2 };
        several(rng, &mut formats, n, &choices);
    }
    let other_language = formats
        .contains(&Format::OtherLanguage)
        .then(|| {
            background
                .languages
                .choose(rng)
                .copied()
                .unwrap_or("Polish")
        })
        .map(str::to_owned);

    // What they need to take part.
    let mut access_needs = BTreeSet::new();
    if formats.contains(&Format::Bsl) {
        access_needs.insert(AccessNeed::BslInterpreter);
    }
    if rng.random_bool(0.65) {
        let n = weighted(rng, &[(1_usize, 50), (2, 35), (3, 15)]).max(access_needs.len() + 1);
        let mut choices = vec![
            (AccessNeed::StepFree, 16),
            (AccessNeed::HearingLoop, 8),
            (AccessNeed::SupportWorker, 6),
            (AccessNeed::Breaks, 14),
            (AccessNeed::QuietRoom, 8),
            (AccessNeed::PapersInAdvance, 16),
            (AccessNeed::TravelHelp, 10),
            (AccessNeed::OnlineOnly, 5),
            (AccessNeed::Other, 5),
        ];
        if experience_areas.contains(&A::LearningDisability) {
            choices.push((AccessNeed::SupportWorker, 20));
        }
        if experience_areas.contains(&A::Autism) {
            choices.push((AccessNeed::QuietRoom, 20));
        }
        several(rng, &mut access_needs, n, &choices);
        if access_needs.contains(&AccessNeed::OnlineOnly) {
            // Nobody online-only needs a ramp or a lift to the venue.
            for need in [
                AccessNeed::StepFree,
                AccessNeed::TravelHelp,
                AccessNeed::QuietRoom,
                AccessNeed::HearingLoop,
            ] {
                access_needs.remove(&need);
            }
        }
    }
    let access_other = access_needs
        .contains(&AccessNeed::Other)
        .then(|| {
            ACCESS_OTHER
                .choose(rng)
                .copied()
                .unwrap_or("Something else")
        })
        .map(str::to_owned);

    // What they care about, and where.
    let mut chosen_topics: BTreeSet<String> = BTreeSet::new();
    if experience_areas.contains(&A::Carers) && topics.contains(&"carers-support") {
        chosen_topics.insert("carers-support".to_owned());
    }
    let n = weighted(rng, &[(1_usize, 30), (2, 35), (3, 25), (4, 10)]).max(chosen_topics.len());
    let mut shuffled = topics.to_vec();
    shuffled.shuffle(rng);
    for topic in shuffled {
        if chosen_topics.len() >= n {
            break;
        }
        chosen_topics.insert(topic.to_owned());
    }
    let mut chosen_localities = BTreeSet::new();
    if let Some(home) = home {
        chosen_localities.insert(home.to_owned());
    }
    if rng.random_bool(0.08)
        && let Some(other) = localities.choose(rng)
    {
        chosen_localities.insert((*other).to_owned());
    }

    // When and how they can take part.
    let weekdays = [
        Day::Monday,
        Day::Tuesday,
        Day::Wednesday,
        Day::Thursday,
        Day::Friday,
    ];
    let mut days = BTreeSet::new();
    let mut times = BTreeSet::new();
    match weighted(
        rng,
        &[("weekdays", 30), ("some", 45), ("any", 15), ("working", 10)],
    ) {
        "weekdays" => days.extend(weekdays),
        "some" => {
            let n = rng.random_range(2..=4);
            days.extend(weekdays.choose_multiple(rng, n).copied());
        }
        "any" => days.extend(Day::ALL.iter().copied()),
        _ => {
            // In work: evenings and Saturdays.
            days.extend([Day::Tuesday, Day::Thursday, Day::Saturday]);
            times.insert(TimeOfDay::Evening);
        }
    }
    if times.is_empty() {
        let n = weighted(rng, &[(1, 35), (2, 45), (3, 20)]);
        several(
            rng,
            &mut times,
            n,
            &[
                (TimeOfDay::Morning, 4),
                (TimeOfDay::Afternoon, 5),
                (TimeOfDay::Evening, 2),
            ],
        );
    }
    let mut modes = BTreeSet::new();
    if access_needs.contains(&AccessNeed::OnlineOnly) {
        modes.insert(Mode::Online);
    } else {
        match weighted(rng, &[(0, 50), (1, 30), (2, 20)]) {
            0 => modes.extend([Mode::Online, Mode::InPerson]),
            1 => {
                modes.insert(Mode::InPerson);
            }
            _ => {
                modes.insert(Mode::Online);
            }
        }
    }
    let recognition = weighted(
        rng,
        &[
            (Recognition::Paid, 50),
            (Recognition::Vouchers, 22),
            (Recognition::Volunteer, 18),
            (Recognition::NotSure, 10),
        ],
    );

    Ok(Profile {
        name,
        email,
        phone,
        postcode: (address.is_some() || rng.random_bool(0.15)).then_some(postcode),
        address,
        contact_methods,
        supporter_name,
        supporter_contact,
        formats,
        other_language,
        access_needs,
        access_other,
        experience_types,
        experience_areas,
        experience_other,
        topics: chosen_topics,
        localities: chosen_localities,
        days,
        times,
        modes,
        recognition: Some(recognition),
    })
}

/// A number from Ofcom's drama ranges, different for every index below
/// 1000: mobiles 07700 900xxx, landlines in Leeds, Manchester and London.
fn phone_number(rng: &mut StdRng, index: usize, older: bool) -> Result<Phone, Invalid> {
    // 379 has no factor in common with 1000, so every index has its own end.
    let end = (index * 379 + 211) % 1000;
    let landline = if older { 45 } else { 25 };
    let number = match weighted(
        rng,
        &[(0, 100 - landline), (1, landline), (2, landline / 2)],
    ) {
        0 => format!("07700 900{end:03}"),
        1 if index.is_multiple_of(2) => format!("0113 496 0{end:03}"),
        1 => format!("0161 496 0{end:03}"),
        _ => format!("020 7946 0{end:03}"),
    };
    Phone::parse(&number)
}

/// The history of one person, in days before today.
struct Story {
    events: Vec<Raw>,
    created_days_ago: i64,
    last_involved_days_ago: Option<i64>,
}

const CONTACTED: [&str; 4] = [
    "Welcome conversation held",
    "Rang to explain what being on the register involves",
    "Met for a cup of tea to talk about getting involved",
    "Had a welcome chat on a video call",
];

const ONBOARDING: [&str; 3] = [
    "Booked onto the next induction session",
    "Agreed to get started and sent the induction dates",
    "Started the getting started checklist",
];

const ACTIVE: [&str; 3] = [
    "Finished induction",
    "Induction done and involvement agreement signed",
    "Completed the co-production training",
];

const PAUSED: [&str; 6] = [
    "Asked for a break while caring for their mother",
    "Taking a few months off after an operation",
    "Needs a break while they move house",
    "Asked to pause over the winter",
    "Busy with a new job for now",
    "Taking time out for family reasons",
];

const BACK: [&str; 2] = [
    "Back after a break and keen to take part again",
    "Ready to take part again",
];

const LEFT: [&str; 6] = [
    "Moved away",
    "Moved to be nearer family in Scotland",
    "Started full-time work and no longer has time",
    "Stepped back now their caring role has ended",
    "Wanted to focus on their local carers' group instead",
    "Asked to come off the register",
];

fn pick(rng: &mut StdRng, reasons: &[&str]) -> String {
    reasons.choose(rng).copied().unwrap_or("Updated").to_owned()
}

/// What a piece of work is called, by topic.
fn work_on(topic: &str) -> &'static str {
    match topic {
        "home-care" => "the home care review",
        "care-homes" => "the care home quality visits",
        "day-opportunities" => "the day services review",
        "direct-payments" => "the new direct payments guide",
        "carers-support" => "the carers' strategy",
        "housing" => "the extra care housing plans",
        "transport" => "the community transport survey",
        "information-advice" => "the new web pages about getting help",
        "hospital-discharge" => "the leaving hospital leaflet",
        "employment" => "the supported employment project",
        _ => "the next piece of work",
    }
}

/// One contact about a piece of work, by a way that suits the person.
fn contact_about(rng: &mut StdRng, profile: &Profile) -> RawWhat {
    let topics: Vec<&String> = profile.topics.iter().collect();
    let work = work_on(topics.choose(rng).map_or("", |t| t.as_str()));
    let mut ways = vec!["In person"];
    if profile.contact_methods.contains(&ContactMethod::Email) {
        ways.extend(["Email", "Email"]);
    }
    if profile.contact_methods.contains(&ContactMethod::Phone) {
        ways.extend(["Phone call", "Phone call"]);
        if profile.phone.as_ref().is_some_and(Phone::is_mobile) {
            ways.push("Text message");
        }
    }
    if profile.contact_methods.contains(&ContactMethod::Post) {
        ways.push("Letter");
    }
    let supporter = profile.contact_methods.contains(&ContactMethod::Supporter);
    if supporter {
        ways.push("Phone call");
    }
    let method = ways.choose(rng).copied().unwrap_or("In person");
    let summary = match method {
        "Email" => [
            format!("Sent the papers for {work}"),
            format!("Thanked them for their comments on {work}"),
        ]
        .choose(rng)
        .cloned(),
        "Phone call" if supporter && !profile.contact_methods.contains(&ContactMethod::Phone) => {
            Some(format!("Rang their supporter to talk about {work}"))
        }
        "Phone call" => [
            format!("Rang to talk about {work}"),
            format!("Called to ask if they could join a workshop on {work}"),
        ]
        .choose(rng)
        .cloned(),
        "Text message" => Some(format!("Texted a reminder about the meeting on {work}")),
        "Letter" if profile.formats.contains(&Format::EasyRead) => {
            Some(format!("Posted an easy read invitation about {work}"))
        }
        "Letter" if profile.formats.contains(&Format::LargePrint) => {
            Some(format!("Posted the large print papers for {work}"))
        }
        "Letter" => Some(format!("Wrote to invite them to a meeting about {work}")),
        _ => [
            format!("Talked at the drop-in about {work}"),
            format!("Caught up after the workshop on {work}"),
        ]
        .choose(rng)
        .cloned(),
    };
    RawWhat::Contact {
        method,
        summary: summary.unwrap_or_else(|| format!("Talked about {work}")),
    }
}

/// A note a member of staff might write, fitting the person.
fn note_about(rng: &mut StdRng, profile: &Profile) -> String {
    let mut notes: Vec<String> = vec![
        "Keen to help check letters before they go out to people.".into(),
        "Knows the local tenants' association well and offered to share our events with them."
            .into(),
        "Would like to help interview for the next commissioning post.".into(),
        "Happy to tell their story at the training day for new social workers.".into(),
        "Gave thoughtful comments on the carers' assessment form.".into(),
    ];
    if !profile.times.contains(&TimeOfDay::Morning) {
        notes.push("Prefers meetings after 11am because of morning medication.".into());
    }
    if profile.access_needs.contains(&AccessNeed::SupportWorker) {
        notes.push(
            "Their personal assistant comes to meetings too: book two places and pay both fares."
                .into(),
        );
    }
    if let Some(language) = &profile.other_language {
        notes.push(format!(
            "Book a {language} interpreter for meetings and phone calls."
        ));
    }
    if profile.formats.contains(&Format::Bsl) {
        notes.push("Book BSL interpreters at least two weeks before a meeting.".into());
    }
    if profile.access_needs.contains(&AccessNeed::QuietRoom) {
        notes
            .push("Finds big groups tiring. Offer the quiet room and a seat near the door.".into());
    }
    if profile.experience_areas.contains(&ExperienceArea::Carers) {
        notes.push(
            "Can only come when a sitter is booked, so give at least a week's notice.".into(),
        );
    }
    if profile.supporter_name.is_some() {
        notes.push("Their supporter reads the papers with them the day before.".into());
    }
    notes
        .choose(rng)
        .cloned()
        .unwrap_or_else(|| "Spoke to them.".into())
}

fn status_change(events: &mut Vec<Raw>, days_ago: i64, to: Status, reason: String) {
    events.push(Raw {
        days_ago,
        what: RawWhat::Status {
            to,
            reason,
            by_staff: true,
        },
    });
}

/// A day `low` to `high` days after `day` (in days ago), never after today.
fn later(rng: &mut StdRng, day: i64, low: i64, high: i64) -> i64 {
    (day - between(rng, low, high)).max(0)
}

/// Where a person is and how they got there.
fn story(
    rng: &mut StdRng,
    status: Status,
    source: Source,
    consent_method: &str,
    profile: &Profile,
    review_needed: bool,
) -> Story {
    let mut events = Vec::new();
    let start;
    let mut active_day = None;
    let mut dropped_out = false;
    if source == Source::Import {
        start = IMPORT_DAYS_AGO;
        status_change(&mut events, start, Status::Active, IMPORT_REASON.to_owned());
        active_day = Some(start);
    } else {
        start = match status {
            Status::Enquiry => between(rng, 0, 45),
            Status::Contacted => between(rng, 10, 150),
            Status::Onboarding => between(rng, 30, 240),
            Status::Active => between(rng, 150, 1095),
            Status::Paused | Status::Left => between(rng, 260, 1095),
        };
        let (reason, by_staff) = match (source, consent_method) {
            (Source::EasyReadForm, _) => ("Applied through the easy read form", false),
            (Source::Staff, "phone") => ("Added by staff after a phone call", true),
            (Source::Staff, "in_person") => {
                ("Added by staff after meeting them at a drop-in", true)
            }
            (Source::Staff, _) => ("Added by staff from a paper form sent in by post", true),
            _ => ("Applied through the get involved form", false),
        };
        events.push(Raw {
            days_ago: start,
            what: RawWhat::Status {
                to: Status::Enquiry,
                reason: reason.to_owned(),
                by_staff,
            },
        });
        if status == Status::Enquiry {
            if rng.random_bool(0.4) {
                let day = later(rng, start, 1, 5);
                let what = if profile.contact_methods.contains(&ContactMethod::Email) {
                    RawWhat::Contact {
                        method: "Email",
                        summary: "Sent a welcome email with the next induction dates".into(),
                    }
                } else {
                    RawWhat::Contact {
                        method: "Phone call",
                        summary: "Left a message to arrange a welcome chat".into(),
                    }
                };
                events.push(Raw {
                    days_ago: day,
                    what,
                });
            }
        } else {
            dropped_out = status == Status::Left && rng.random_bool(0.25);
            let mut day = start;
            if dropped_out && rng.random_bool(0.5) {
                day = later(rng, day, 40, 90);
                status_change(
                    &mut events,
                    day,
                    Status::Left,
                    "No reply after three tries to get in touch".into(),
                );
            } else {
                day = later(rng, day, 2, 21);
                status_change(&mut events, day, Status::Contacted, pick(rng, &CONTACTED));
                if dropped_out {
                    day = later(rng, day, 7, 60);
                    status_change(
                        &mut events,
                        day,
                        Status::Left,
                        "Decided now is not the right time".into(),
                    );
                } else if status != Status::Contacted {
                    day = later(rng, day, 5, 40);
                    status_change(&mut events, day, Status::Onboarding, pick(rng, &ONBOARDING));
                    if status != Status::Onboarding {
                        day = later(rng, day, 14, 90);
                        status_change(&mut events, day, Status::Active, pick(rng, &ACTIVE));
                        active_day = Some(day);
                    }
                }
                if matches!(status, Status::Contacted | Status::Onboarding) && rng.random_bool(0.6)
                {
                    let contact_day = between(rng, 0, day);
                    events.push(Raw {
                        days_ago: contact_day,
                        what: RawWhat::Contact {
                            method: if profile.contact_methods.contains(&ContactMethod::Email) {
                                "Email"
                            } else {
                                "Phone call"
                            },
                            summary: if status == Status::Contacted {
                                "Sent the getting started pack and asked which induction date suits"
                                    .into()
                            } else {
                                "Checked they have what they need for the induction session".into()
                            },
                        },
                    });
                }
            }
        }
    }

    // After they started taking part.
    let mut last_involved = None;
    let mut end = 0;
    if let Some(active) = active_day {
        let mut involved_from = active;
        match status {
            Status::Active => {
                if active > 300 && rng.random_bool(0.15) {
                    let pause = later(rng, active, 60, active - 200);
                    status_change(&mut events, pause, Status::Paused, pick(rng, &PAUSED));
                    let back = later(rng, pause, 30, 120);
                    status_change(&mut events, back, Status::Active, pick(rng, &BACK));
                    involved_from = back;
                }
                let long_ago = involved_from > 400 && rng.random_bool(0.25);
                last_involved = Some(if long_ago {
                    between(rng, 370, involved_from)
                } else {
                    between(rng, 0, involved_from.min(200))
                });
            }
            Status::Paused => {
                let pause = between(rng, 5, active - 30);
                status_change(&mut events, pause, Status::Paused, pick(rng, &PAUSED));
                last_involved = Some(between(rng, pause + 1, active.min(pause + 120)));
                end = pause;
            }
            Status::Left => {
                let leave = if rng.random_bool(0.3) {
                    let pause = between(rng, 90, active - 30);
                    status_change(&mut events, pause, Status::Paused, pick(rng, &PAUSED));
                    let leave = later(rng, pause, 60, 180);
                    status_change(
                        &mut events,
                        leave,
                        Status::Left,
                        "Did not want to come back after their break".into(),
                    );
                    end = pause;
                    leave
                } else {
                    let leave = between(rng, 1, active - 30);
                    status_change(&mut events, leave, Status::Left, pick(rng, &LEFT));
                    end = leave;
                    leave
                };
                last_involved = Some(between(rng, end + 1, active.min(end + 150)).max(leave + 1));
            }
            _ => {}
        }
        if source == Source::Import && rng.random_bool(0.3) {
            // Taken from the old spreadsheet: last involved before the import.
            last_involved = Some(between(rng, IMPORT_DAYS_AGO + 1, IMPORT_DAYS_AGO + 200));
        }
        // Contacts about pieces of work while they were taking part.
        for _ in 0..weighted(rng, &[(0, 35), (1, 30), (2, 25), (3, 10)]) {
            let day = between(rng, end, active);
            events.push(Raw {
                days_ago: day,
                what: contact_about(rng, profile),
            });
        }
    }

    if !dropped_out && status != Status::Enquiry && rng.random_bool(0.35) {
        let day = between(rng, end, start);
        events.push(Raw {
            days_ago: day,
            what: RawWhat::Note {
                body: note_about(rng, profile),
                from_form: false,
            },
        });
    }
    if review_needed {
        let day = between(rng, 0, start.min(20));
        events.push(Raw {
            days_ago: day,
            what: RawWhat::Note {
                body: "Applied again through the get involved form with a different phone number. \
                       Check with them which number is right."
                    .into(),
                from_form: true,
            },
        });
    }
    Story {
        events,
        created_days_ago: start,
        last_involved_days_ago: last_involved,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    const LOCALITIES: [&str; 8] = [
        "ashby-vale",
        "brindlemoor",
        "castleford-north",
        "dunmere",
        "eastholme",
        "fernley-coast",
        "greyhaven",
        "outside-northshire",
    ];
    const TOPICS: [&str; 10] = [
        "home-care",
        "care-homes",
        "day-opportunities",
        "direct-payments",
        "carers-support",
        "housing",
        "transport",
        "information-advice",
        "hospital-discharge",
        "employment",
    ];
    /// 2025-06-15 15:06:40 UTC.
    const NOW: i64 = 1_750_000_000;

    fn plans(count: usize) -> Vec<Plan> {
        plan_people(&LOCALITIES, &TOPICS, count, NOW).expect("plans are made")
    }

    #[test]
    fn every_profile_is_complete_and_plausible() {
        for plan in plans(300) {
            let p = &plan.profile;
            assert!(p.problems().is_empty(), "{}: {:?}", p.name, p.problems());
            assert!((1..=3).contains(&p.experience_areas.len()), "{p:?}");
            assert!((1..=2).contains(&p.experience_types.len()), "{p:?}");
            assert!((1..=4).contains(&p.topics.len()), "{p:?}");
            assert!((1..=2).contains(&p.localities.len()), "{p:?}");
            assert!(p.topics.iter().all(|t| TOPICS.contains(&t.as_str())));
            assert!(
                p.localities
                    .iter()
                    .all(|l| LOCALITIES.contains(&l.as_str()))
            );
            assert!(!p.days.is_empty() && !p.times.is_empty() && !p.modes.is_empty());
            if let Some(email) = &p.email {
                let domain = email.as_str().rsplit('@').next().expect("has a domain");
                assert!(
                    ["example.com", "example.org", "example.net"].contains(&domain),
                    "{email}"
                );
            }
            if let Some(postcode) = &p.postcode {
                assert!(postcode.starts_with("NS"), "{postcode}");
            }
            if let Some(phone) = &p.phone {
                let digits = phone.digits();
                assert!(
                    ["07700900", "01134960", "01614960", "02079460"]
                        .iter()
                        .any(|range| digits.starts_with(range)),
                    "{digits}"
                );
            }
        }
    }

    #[test]
    fn emails_phones_and_names_are_unique() {
        let plans = plans(300);
        let emails: Vec<_> = plans
            .iter()
            .filter_map(|p| p.profile.email.as_ref().map(|e| e.as_str().to_owned()))
            .collect();
        let phones: Vec<_> = plans
            .iter()
            .filter_map(|p| p.profile.phone.as_ref().map(Phone::digits))
            .collect();
        let names: HashSet<_> = plans.iter().map(|p| p.profile.name.clone()).collect();
        assert_eq!(emails.iter().collect::<HashSet<_>>().len(), emails.len());
        assert_eq!(phones.iter().collect::<HashSet<_>>().len(), phones.len());
        assert_eq!(names.len(), 300);
        // About a quarter have no email address.
        assert!((195..=255).contains(&emails.len()), "{}", emails.len());
    }

    #[test]
    fn statuses_sources_and_recognition_are_spread() {
        let plans = plans(300);
        let mut statuses: HashMap<Status, usize> = HashMap::new();
        let mut sources: HashMap<Source, usize> = HashMap::new();
        let mut recognition: HashMap<Recognition, usize> = HashMap::new();
        for plan in &plans {
            *statuses.entry(plan.status).or_default() += 1;
            *sources.entry(plan.source).or_default() += 1;
            *recognition
                .entry(plan.profile.recognition.expect("recognition"))
                .or_default() += 1;
        }
        for (status, percent) in [
            (Status::Enquiry, 10),
            (Status::Contacted, 8),
            (Status::Onboarding, 10),
            (Status::Active, 55),
            (Status::Paused, 10),
            (Status::Left, 7),
        ] {
            let n = statuses.get(&status).copied().unwrap_or(0);
            assert!(n.abs_diff(percent * 3) <= 6, "{status:?}: {n}");
        }
        assert!(sources[&Source::PublicForm] > sources[&Source::Staff]);
        for source in Source::ALL {
            assert!(
                sources.get(source).copied().unwrap_or(0) >= 10,
                "{source:?}"
            );
        }
        assert!(recognition[&Recognition::Paid] > recognition[&Recognition::Vouchers]);
        assert!(recognition.len() == 4);
        assert!((5..=15).contains(&plans.iter().filter(|p| p.review_needed).count()));

        let small = plans_small_statuses();
        assert_eq!(small.len(), Status::ALL.len(), "{small:?}");
    }

    fn plans_small_statuses() -> BTreeSet<Status> {
        plans(12).iter().map(|p| p.status).collect()
    }

    #[test]
    fn histories_are_in_order_and_end_at_the_status() {
        let plans = plans(300);
        let year_ago = Clock::new(NOW).date(NOW - 365 * DAY).expect("a date");
        let mut long_ago = 0;
        for plan in &plans {
            let mut previous = None;
            let mut last_at = plan.created_at;
            let mut changes = 0;
            for event in &plan.events {
                assert!(event.at >= last_at && event.at <= NOW, "{plan:?}");
                last_at = event.at;
                let staff_did = match &event.what {
                    What::Status { by_staff, .. } => *by_staff,
                    What::Note { from_form, .. } => !from_form,
                    What::Contact { .. } => true,
                };
                let weekday = jiff::Timestamp::from_second(event.at)
                    .expect("a time")
                    .to_zoned(jiff::tz::TimeZone::UTC)
                    .weekday();
                assert!(
                    !staff_did
                        || !matches!(
                            weekday,
                            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
                        )
                        || event.at <= plan.created_at + DAY,
                    "{plan:?}"
                );
                if let What::Status {
                    from,
                    to,
                    on,
                    reason,
                    ..
                } = &event.what
                {
                    assert_eq!(*from, previous, "{plan:?}");
                    assert_ne!(Some(*to), previous, "{plan:?}");
                    assert_eq!(on.len(), 10);
                    assert!(!reason.is_empty());
                    previous = Some(*to);
                    changes += 1;
                }
            }
            assert!(changes >= 1);
            assert_eq!(previous, Some(plan.status), "{plan:?}");
            assert!(plan.created_at >= NOW - 1100 * DAY);
            match plan.status {
                Status::Enquiry | Status::Contacted | Status::Onboarding => {
                    assert_eq!(plan.last_involved_on, None);
                }
                Status::Active | Status::Paused => assert!(plan.last_involved_on.is_some()),
                Status::Left => {}
            }
            if plan.status == Status::Active
                && plan
                    .last_involved_on
                    .as_deref()
                    .is_some_and(|d| d < year_ago.as_str())
            {
                long_ago += 1;
            }
        }
        assert!(
            long_ago >= 10,
            "{long_ago} active people not involved for a year"
        );
    }

    #[test]
    fn the_same_every_time() {
        assert_eq!(plans(300), plans(300));
        // A smaller demo is a different draw, but still the same every time.
        assert_eq!(plans(12), plans(12));
    }

    #[tokio::test]
    async fn seeds_three_hundred_people_quickly() {
        use coproduce_domain::person::PersonFilter;
        use coproduce_domain::{OrganisationKind, Role, Slug};

        let dir = std::env::temp_dir().join(format!(
            "coproduce-demo-register-{}-{}",
            std::process::id(),
            NOW
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let store = coproduce_store::Store::open(None, &dir)
            .await
            .expect("store opens");
        let mut tx = store.begin().await.expect("transaction");
        let organisation = tx
            .insert_organisation(
                &Slug::parse("northshire-council").expect("slug"),
                "Northshire Council",
                OrganisationKind::Council,
                NOW,
            )
            .await
            .expect("organisation");
        let mut staff = Vec::new();
        for (email, name) in [
            ("one@northshire.example", "Staff One"),
            ("two@northshire.example", "Staff Two"),
        ] {
            staff.push(
                tx.insert_user(
                    organisation,
                    &Email::parse(email).expect("email"),
                    name,
                    Role::Officer,
                    NOW,
                )
                .await
                .expect("user"),
            );
        }
        let started = std::time::Instant::now();
        seed_people(
            &mut tx,
            organisation,
            &staff,
            &LOCALITIES,
            &TOPICS,
            300,
            NOW,
        )
        .await
        .expect("people are seeded");
        let took = started.elapsed();
        tx.commit().await.expect("commit");
        eprintln!("seed_people for 300 people took {took:?}");

        let everyone = PersonFilter::default();
        assert_eq!(
            store
                .count_people(organisation, &everyone)
                .await
                .expect("count"),
            300
        );
        let stale = PersonFilter {
            status: Some(Status::Active),
            not_involved_since: Some(Clock::new(NOW).date(NOW - 365 * DAY).expect("date")),
            ..PersonFilter::default()
        };
        assert!(
            store
                .count_people(organisation, &stale)
                .await
                .expect("count")
                >= 10
        );
        let review = PersonFilter {
            review_needed: true,
            ..PersonFilter::default()
        };
        assert!(
            store
                .count_people(organisation, &review)
                .await
                .expect("count")
                >= 5
        );
        let page = store
            .search_people(organisation, &everyone, None, 300)
            .await
            .expect("people");
        let expected = plans(300);
        for (summary, plan) in page.iter().zip(&expected).take(40) {
            let person = store.person(summary.id).await.expect("person");
            assert_eq!(person.profile, plan.profile);
            assert_eq!(person.status, plan.status);
            let history = store.person_history(summary.id).await.expect("history");
            assert_eq!(history.len(), plan.events.len());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
