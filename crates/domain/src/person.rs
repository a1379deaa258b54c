//! Experts by experience: the people on the register, what they know, what
//! they need to take part, and how they want to be recognised.
//!
//! Every fixed list of answers is a [`code_list!`] enum: a short code that is
//! stored, a label people read, and a parser that refuses anything else.

use crate::Invalid;

code_list!(
    /// Ways a person is happy to be contacted.
    ContactMethod {
        Email = "email": "Email",
        Phone = "phone": "Phone or text message",
        Post = "post": "Post",
        Supporter = "supporter": "Through someone who supports me",
    }
);

code_list!(
    /// Formats that help a person read or follow information.
    Format {
        EasyRead = "easy_read": "Easy read",
        LargePrint = "large_print": "Large print",
        Audio = "audio": "Audio",
        Bsl = "bsl": "British Sign Language (BSL)",
        OtherLanguage = "other_language": "Another spoken language",
        PlainTextEmail = "plain_text_email": "Plain text email",
    }
);

code_list!(
    /// What a person needs so they can take part.
    AccessNeed {
        StepFree = "step_free": "Step-free access",
        HearingLoop = "hearing_loop": "A hearing loop",
        BslInterpreter = "bsl_interpreter": "A British Sign Language (BSL) interpreter",
        SupportWorker = "support_worker": "A support worker or personal assistant coming too",
        Breaks = "breaks": "Regular breaks",
        QuietRoom = "quiet_room": "A quiet room",
        PapersInAdvance = "papers_in_advance": "Papers sent before the meeting",
        TravelHelp = "travel_help": "Help with travel",
        OnlineOnly = "online_only": "Taking part online only",
        Other = "other": "Something else",
    }
);

code_list!(
    /// How a person knows about care and support.
    ExperienceType {
        DrawsOnCare = "draws_on_care": "I draw on care and support",
        UnpaidCarer = "unpaid_carer": "I am an unpaid carer",
        FamilyMember = "family_member": "I am a family member of someone who draws on care",
        Interested = "interested": "I have an interest in care and support",
    }
);

code_list!(
    /// The areas a person knows from their own life.
    ExperienceArea {
        LearningDisability = "learning_disability": "Learning disability",
        Autism = "autism": "Autism",
        MentalHealth = "mental_health": "Mental health",
        Dementia = "dementia": "Dementia",
        PhysicalDisability = "physical_disability": "Physical disability",
        SensoryLoss = "sensory_loss": "Sight or hearing loss",
        OlderPeople = "older_people": "Getting older",
        Carers = "carers": "Caring for someone",
        SubstanceUse = "substance_use": "Drugs or alcohol",
        Homelessness = "homelessness": "Homelessness",
        Other = "other": "Something else",
    }
);

code_list!(
    /// Days of the week a person can take part.
    Day {
        Monday = "mon": "Monday",
        Tuesday = "tue": "Tuesday",
        Wednesday = "wed": "Wednesday",
        Thursday = "thu": "Thursday",
        Friday = "fri": "Friday",
        Saturday = "sat": "Saturday",
        Sunday = "sun": "Sunday",
    }
);

code_list!(
    /// Parts of the day a person can take part.
    TimeOfDay {
        Morning = "morning": "Mornings",
        Afternoon = "afternoon": "Afternoons",
        Evening = "evening": "Evenings",
    }
);

code_list!(
    /// Whether a person takes part online, in person or both.
    Mode {
        Online = "online": "Online",
        InPerson = "in_person": "In person",
    }
);

code_list!(
    /// How a person wants to be recognised for their time.
    Recognition {
        Paid = "paid": "Paid for my time",
        Vouchers = "vouchers": "Vouchers",
        Volunteer = "volunteer": "As a volunteer, without payment",
        NotSure = "not_sure": "Not sure yet",
    }
);

code_list!(
    /// Where a person is on the register, from first enquiry to leaving.
    Status {
        Enquiry = "enquiry": "Enquiry",
        Contacted = "contacted": "Contacted",
        Onboarding = "onboarding": "Getting started",
        Active = "active": "Active",
        Paused = "paused": "Paused",
        Left = "left": "Left",
    }
);

code_list!(
    /// How a person's record was made.
    Source {
        PublicForm = "public_form": "Filled in the get involved form",
        EasyReadForm = "easy_read_form": "Filled in the easy read form",
        Staff = "staff": "Added by staff",
        Import = "import": "Imported from a spreadsheet",
    }
);

/// A name as the person likes to be called.
pub fn parse_person_name(value: &str) -> Result<String, Invalid> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return Err(Invalid::new("Enter the name you like to be called"));
    }
    if value.chars().count() > 100 {
        return Err(Invalid::new("Name must be 100 characters or fewer"));
    }
    if value.chars().any(char::is_control) {
        return Err(Invalid::new("Name must not contain special characters"));
    }
    Ok(value)
}

/// Free text a person typed, such as "something else" answers: trimmed,
/// with a length limit. Empty text is `None`.
pub fn parse_free_text(value: &str, max: usize, what: &str) -> Result<Option<String>, Invalid> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > max {
        return Err(Invalid::new(format!(
            "{what} must be {max} characters or fewer"
        )));
    }
    Ok(Some(value.replace("\r\n", "\n")))
}

/// A UK postcode, upper-cased with one space before the last three
/// characters. The check is on the shape only.
pub fn parse_postcode(value: &str) -> Result<String, Invalid> {
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let shape_ok = (5..=7).contains(&compact.len())
        && compact.chars().all(|c| c.is_ascii_alphanumeric())
        && compact
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && {
            let (outward, inward) = compact.split_at(compact.len() - 3);
            let inward: Vec<char> = inward.chars().collect();
            inward[0].is_ascii_digit()
                && inward[1].is_ascii_alphabetic()
                && inward[2].is_ascii_alphabetic()
                && outward.chars().any(|c| c.is_ascii_digit())
        };
    if !shape_ok {
        return Err(Invalid::new("Enter a real postcode, like NS1 4AB"));
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    Ok(format!("{outward} {inward}"))
}

/// The version of the privacy notice people agree to now. Kept with every
/// consent, so that a change to the notice can be traced.
pub const PRIVACY_NOTICE_VERSION: &str = "1";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_lists_round_trip_and_refuse_strangers() {
        for area in ExperienceArea::ALL {
            assert_eq!(ExperienceArea::parse(area.as_str()), Some(*area));
        }
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(*status));
        }
        assert_eq!(AccessNeed::parse("teleport"), None);
        assert_eq!(Recognition::parse(" paid "), Some(Recognition::Paid));
    }

    #[test]
    fn names() {
        assert_eq!(
            parse_person_name("  Sam   Jones "),
            Ok("Sam Jones".to_owned())
        );
        assert!(parse_person_name("   ").is_err());
        assert!(parse_person_name(&"a".repeat(101)).is_err());
    }

    #[test]
    fn postcodes() {
        for (input, expected) in [
            ("ns14ab", "NS1 4AB"),
            ("SW1A 1AA", "SW1A 1AA"),
            (" m1 1ae ", "M1 1AE"),
        ] {
            assert_eq!(parse_postcode(input).as_deref(), Ok(expected), "{input}");
        }
        for bad in ["", "hello", "12345", "NS1 4A"] {
            assert!(parse_postcode(bad).is_err(), "{bad}");
        }
    }
}

/// Everything a person tells us about themselves. Built from the public
/// form, a staff form, the API or an import row; checked as a whole by
/// [`Profile::problems`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub email: Option<crate::Email>,
    pub phone: Option<crate::phone::Phone>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub contact_methods: std::collections::BTreeSet<ContactMethod>,
    pub supporter_name: Option<String>,
    pub supporter_contact: Option<String>,
    pub formats: std::collections::BTreeSet<Format>,
    pub other_language: Option<String>,
    pub access_needs: std::collections::BTreeSet<AccessNeed>,
    pub access_other: Option<String>,
    pub experience_types: std::collections::BTreeSet<ExperienceType>,
    pub experience_areas: std::collections::BTreeSet<ExperienceArea>,
    pub experience_other: Option<String>,
    /// Slugs from the partnership's topic list.
    pub topics: std::collections::BTreeSet<String>,
    /// Slugs from the partnership's locality list.
    pub localities: std::collections::BTreeSet<String>,
    pub days: std::collections::BTreeSet<Day>,
    pub times: std::collections::BTreeSet<TimeOfDay>,
    pub modes: std::collections::BTreeSet<Mode>,
    pub recognition: Option<Recognition>,
}

impl Profile {
    /// What is missing or does not fit together, as (field, message) pairs
    /// in the order of the questions. Empty when the profile is complete.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        let mut need = |ok: bool, field: &'static str, message: &str| {
            if !ok {
                problems.push((field, message.to_owned()));
            }
        };
        need(
            !self.name.is_empty(),
            "name",
            "Enter the name you like to be called",
        );
        need(
            !self.contact_methods.is_empty(),
            "contact_methods",
            "Choose at least one way we can contact you",
        );
        if self.contact_methods.contains(&ContactMethod::Email) {
            need(
                self.email.is_some(),
                "email",
                "Enter your email address, or choose another way to be contacted",
            );
        }
        if self.contact_methods.contains(&ContactMethod::Phone) {
            need(
                self.phone.is_some(),
                "phone",
                "Enter your phone number, or choose another way to be contacted",
            );
        }
        if self.contact_methods.contains(&ContactMethod::Post) {
            need(
                self.address.is_some(),
                "address",
                "Enter your address, or choose another way to be contacted",
            );
        }
        if self.contact_methods.contains(&ContactMethod::Supporter) {
            need(
                self.supporter_name.is_some(),
                "supporter_name",
                "Enter the name of the person who supports you",
            );
            need(
                self.supporter_contact.is_some(),
                "supporter_contact",
                "Enter how we can contact the person who supports you",
            );
        }
        if self.formats.contains(&Format::OtherLanguage) {
            need(
                self.other_language.is_some(),
                "other_language",
                "Enter the language you would like us to use",
            );
        }
        if self.access_needs.contains(&AccessNeed::Other) {
            need(
                self.access_other.is_some(),
                "access_other",
                "Tell us what else you need to take part",
            );
        }
        need(
            !self.experience_types.is_empty(),
            "experience_types",
            "Choose how you know about care and support",
        );
        if self.experience_areas.contains(&ExperienceArea::Other) {
            need(
                self.experience_other.is_some(),
                "experience_other",
                "Tell us the other area you know about",
            );
        }
        need(
            self.recognition.is_some(),
            "recognition",
            "Choose how you would like to be thanked for your time",
        );
        problems
    }
}

/// A person on the register, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: crate::PersonId,
    pub organisation_id: crate::OrganisationId,
    pub profile: Profile,
    pub status: Status,
    pub source: Source,
    /// True when a member of staff entered or changed the answers for the
    /// person ("assisted digital").
    pub entered_by_staff: bool,
    /// True when something needs a member of staff to look, such as the
    /// same person applying again.
    pub review_needed: bool,
    /// The date they last took part, as `YYYY-MM-DD`.
    pub last_involved_on: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One line of the register's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonSummary {
    pub id: crate::PersonId,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub status: Status,
    pub review_needed: bool,
    pub last_involved_on: Option<String>,
}

/// What the register is filtered by. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonFilter {
    /// Part of a name, an email address or a phone number.
    pub text: Option<String>,
    pub status: Option<Status>,
    pub area: Option<ExperienceArea>,
    pub topic: Option<String>,
    pub locality: Option<String>,
    pub access_need: Option<AccessNeed>,
    pub recognition: Option<Recognition>,
    /// People not involved since this date (`YYYY-MM-DD`), or never.
    pub not_involved_since: Option<String>,
    pub review_needed: bool,
}
