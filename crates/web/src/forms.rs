//! Form errors in the GOV.UK error-summary pattern: one message per field,
//! shown in a summary at the top that links to each field, and beside the
//! field itself.

use crate::profile_form::Choice;

/// The messages for a submitted form, in the order of its fields.
#[derive(Default, Debug, Clone)]
pub struct FormErrors(Vec<(String, String)>);

impl FormErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if self.get(field).is_none() {
            self.0.push((field.to_owned(), message.into()));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The message for a field, if it has one.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &(String, String)> {
        self.0.iter()
    }

    /// Takes the field messages of a service's refusal.
    pub fn from_service(fields: Vec<(&'static str, String)>) -> Self {
        let mut errors = Self::new();
        for (field, message) in fields {
            errors.add(field, message);
        }
        errors
    }

    /// Orders the messages as the fields appear on the page.
    pub fn sorted_by(mut self, fields: &[&str]) -> Self {
        self.0
            .sort_by_key(|(f, _)| fields.iter().position(|x| x == f).unwrap_or(usize::MAX));
        self
    }
}

/// The first value called `name` in a query string's pairs, without its
/// outer spaces; empty when there is none. A doubled name is not an error.
pub fn first_value(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

impl FormErrors {
    /// A filter's choice that is not on its list (`listed` false): notes
    /// `message` for `field` and clears the choice, so it does not filter.
    /// An empty choice chooses nothing and passes.
    pub fn drop_unlisted(&mut self, value: &mut String, field: &str, message: &str, listed: bool) {
        if !value.is_empty() && !listed {
            self.add(field, message);
            value.clear();
        }
    }
}

/// Checkboxes or radios from (value, label) pairs, with each value in
/// `chosen` ticked.
pub fn choices(
    options: impl IntoIterator<Item = (String, String)>,
    chosen: &[String],
) -> Vec<Choice> {
    options
        .into_iter()
        .map(|(value, label)| Choice {
            checked: chosen.contains(&value),
            value,
            label,
        })
        .collect()
}
