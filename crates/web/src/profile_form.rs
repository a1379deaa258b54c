//! The questions about a person, shared by the public "get involved"
//! journey (one question a page) and the staff form (all on one page).

use coproduce_domain::person::{
    AccessNeed, ContactMethod, Day, ExperienceArea, ExperienceType, Format, Mode, Recognition,
    TimeOfDay,
};
use coproduce_services::people::{Answers, Lists};

/// One box or button in a list of choices.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

fn coded<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
    chosen: &[String],
) -> Vec<Choice> {
    all.iter()
        .map(|item| Choice {
            value: code(*item).to_owned(),
            label: label(*item).to_owned(),
            checked: chosen.iter().any(|c| c == code(*item)),
        })
        .collect()
}

fn listed(list: &[(String, String)], chosen: &[String]) -> Vec<Choice> {
    list.iter()
        .map(|(slug, label)| Choice {
            value: slug.clone(),
            label: label.clone(),
            checked: chosen.iter().any(|c| c == slug),
        })
        .collect()
}

/// The answers with every list's choices marked, ready for a template.
pub struct ProfileForm {
    pub answers: Answers,
    pub contact_methods: Vec<Choice>,
    pub formats: Vec<Choice>,
    pub access_needs: Vec<Choice>,
    pub experience_types: Vec<Choice>,
    pub experience_areas: Vec<Choice>,
    pub topics: Vec<Choice>,
    pub localities: Vec<Choice>,
    pub days: Vec<Choice>,
    pub times: Vec<Choice>,
    pub modes: Vec<Choice>,
    pub recognition: Vec<Choice>,
}

impl ProfileForm {
    pub fn new(answers: Answers, lists: &Lists) -> Self {
        let a = &answers;
        Self {
            contact_methods: coded(
                ContactMethod::ALL,
                ContactMethod::as_str,
                ContactMethod::label,
                &a.contact_methods,
            ),
            formats: coded(Format::ALL, Format::as_str, Format::label, &a.formats),
            access_needs: coded(
                AccessNeed::ALL,
                AccessNeed::as_str,
                AccessNeed::label,
                &a.access_needs,
            ),
            experience_types: coded(
                ExperienceType::ALL,
                ExperienceType::as_str,
                ExperienceType::label,
                &a.experience_types,
            ),
            experience_areas: coded(
                ExperienceArea::ALL,
                ExperienceArea::as_str,
                ExperienceArea::label,
                &a.experience_areas,
            ),
            topics: listed(&lists.topics, &a.topics),
            localities: listed(&lists.localities, &a.localities),
            days: coded(Day::ALL, Day::as_str, Day::label, &a.days),
            times: coded(
                TimeOfDay::ALL,
                TimeOfDay::as_str,
                TimeOfDay::label,
                &a.times,
            ),
            modes: coded(Mode::ALL, Mode::as_str, Mode::label, &a.modes),
            recognition: coded(
                Recognition::ALL,
                Recognition::as_str,
                Recognition::label,
                std::slice::from_ref(&a.recognition),
            ),
            answers,
        }
    }

    /// The labels of the chosen items of a list, joined for reading.
    pub fn chosen(choices: &[Choice]) -> String {
        let labels: Vec<&str> = choices
            .iter()
            .filter(|c| c.checked)
            .map(|c| c.label.as_str())
            .collect();
        if labels.is_empty() {
            "None given".to_owned()
        } else {
            labels.join(", ")
        }
    }
}

/// Reads a form whose list answers repeat their field name
/// (`formats=a&formats=b`), as browsers send checkboxes.
pub fn answers_from_form(fields: &[(String, String)]) -> Answers {
    let mut answers = Answers::default();
    for (key, value) in fields {
        let value = value.clone();
        match key.as_str() {
            "name" => answers.name = value,
            "email" => answers.email = value,
            "phone" => answers.phone = value,
            "address" => answers.address = value,
            "postcode" => answers.postcode = value,
            "supporter_name" => answers.supporter_name = value,
            "supporter_contact" => answers.supporter_contact = value,
            "other_language" => answers.other_language = value,
            "access_other" => answers.access_other = value,
            "experience_other" => answers.experience_other = value,
            "recognition" => answers.recognition = value,
            "contact_methods" => answers.contact_methods.push(value),
            "formats" => answers.formats.push(value),
            "access_needs" => answers.access_needs.push(value),
            "experience_types" => answers.experience_types.push(value),
            "experience_areas" => answers.experience_areas.push(value),
            "topics" => answers.topics.push(value),
            "localities" => answers.localities.push(value),
            "days" => answers.days.push(value),
            "times" => answers.times.push(value),
            "modes" => answers.modes.push(value),
            _ => {}
        }
    }
    answers
}

/// Copies the answers to the fields in `fields` from `from` into `into`.
pub fn copy_fields(into: &mut Answers, from: &Answers, fields: &[&str]) {
    for field in fields {
        match *field {
            "name" => into.name.clone_from(&from.name),
            "email" => into.email.clone_from(&from.email),
            "phone" => into.phone.clone_from(&from.phone),
            "address" => into.address.clone_from(&from.address),
            "postcode" => into.postcode.clone_from(&from.postcode),
            "supporter_name" => into.supporter_name.clone_from(&from.supporter_name),
            "supporter_contact" => into.supporter_contact.clone_from(&from.supporter_contact),
            "other_language" => into.other_language.clone_from(&from.other_language),
            "access_other" => into.access_other.clone_from(&from.access_other),
            "experience_other" => into.experience_other.clone_from(&from.experience_other),
            "recognition" => into.recognition.clone_from(&from.recognition),
            "contact_methods" => into.contact_methods.clone_from(&from.contact_methods),
            "formats" => into.formats.clone_from(&from.formats),
            "access_needs" => into.access_needs.clone_from(&from.access_needs),
            "experience_types" => into.experience_types.clone_from(&from.experience_types),
            "experience_areas" => into.experience_areas.clone_from(&from.experience_areas),
            "topics" => into.topics.clone_from(&from.topics),
            "localities" => into.localities.clone_from(&from.localities),
            "days" => into.days.clone_from(&from.days),
            "times" => into.times.clone_from(&from.times),
            "modes" => into.modes.clone_from(&from.modes),
            _ => {}
        }
    }
}
