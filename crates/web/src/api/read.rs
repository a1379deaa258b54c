//! Reading the API's requests: body values onto the services'
//! answers as typed, query filters, ids and cursors; and the services'
//! field names turned into the API's.

use axum::extract::rejection::QueryRejection;
use coproduce_domain::OrganisationId;
use coproduce_services::ServiceError;
use coproduce_services::people::Lists;
use serde_json::Value;

use crate::api::error::ApiError;

pub type Problems = Vec<(&'static str, String)>;

/// Reads the values of a body one field at a time onto the services'
/// answers, collecting a message for each value of the wrong JSON type.
/// A field left out keeps its answer; null clears it.
#[derive(Default)]
pub struct Reader {
    pub problems: Problems,
    /// Whether any answer was sent.
    pub sent: bool,
}

impl Reader {
    /// Text; null clears it.
    pub fn text(&mut self, field: &'static str, value: Option<Value>, target: &mut String) {
        match value {
            None => return,
            Some(Value::Null) => target.clear(),
            Some(Value::String(text)) => *target = text,
            Some(_) => self.problems.push((field, format!("{field} must be text"))),
        }
        self.sent = true;
    }

    /// A list of codes or slugs; null empties it.
    pub fn codes(&mut self, field: &'static str, value: Option<Value>, target: &mut Vec<String>) {
        match value {
            None => return,
            Some(Value::Null) => target.clear(),
            Some(Value::Array(items)) => {
                let texts: Option<Vec<String>> = items
                    .into_iter()
                    .map(|item| match item {
                        Value::String(text) => Some(text),
                        _ => None,
                    })
                    .collect();
                match texts {
                    Some(texts) => *target = texts,
                    None => self
                        .problems
                        .push((field, format!("{field} must be a list of codes"))),
                }
            }
            Some(_) => self
                .problems
                .push((field, format!("{field} must be a list of codes"))),
        }
        self.sent = true;
    }

    /// A record's id, typed as the services read it; null clears it.
    pub fn id(&mut self, field: &'static str, value: Option<Value>, target: &mut String) {
        match value {
            None => return,
            Some(Value::Null) => target.clear(),
            Some(value) => match whole(&value).filter(|id| *id > 0) {
                Some(id) => *target = id.to_string(),
                None => self
                    .problems
                    .push((field, format!("{field} must be a record's id"))),
            },
        }
        self.sent = true;
    }

    /// A list of records' ids; null empties it.
    pub fn ids(&mut self, field: &'static str, value: Option<Value>, target: &mut Vec<String>) {
        match value {
            None => return,
            Some(Value::Null) => target.clear(),
            Some(Value::Array(items)) => {
                let ids: Option<Vec<String>> = items
                    .iter()
                    .map(|item| whole(item).filter(|id| *id > 0).map(|id| id.to_string()))
                    .collect();
                match ids {
                    Some(ids) => *target = ids,
                    None => self
                        .problems
                        .push((field, format!("{field} must be a list of records' ids"))),
                }
            }
            Some(_) => self
                .problems
                .push((field, format!("{field} must be a list of records' ids"))),
        }
        self.sent = true;
    }

    /// A count of 1 or more, typed as the services read it; null clears it.
    pub fn count(&mut self, field: &'static str, value: Option<Value>, target: &mut String) {
        match value {
            None => return,
            Some(Value::Null) => target.clear(),
            Some(value) => match whole(&value) {
                Some(n) if n >= 1 => *target = n.to_string(),
                Some(_) => self
                    .problems
                    .push((field, format!("{field} must be 1 or more"))),
                None => self
                    .problems
                    .push((field, format!("{field} must be a whole number"))),
            },
        }
        self.sent = true;
    }

    /// True or false.
    pub fn flag(&mut self, field: &'static str, value: Option<Value>, target: &mut bool) {
        match value {
            None => return,
            Some(Value::Bool(flag)) => *target = flag,
            Some(_) => self
                .problems
                .push((field, format!("{field} must be true or false"))),
        }
        self.sent = true;
    }

    /// Whether any answer was sent, once every value was of the right type.
    pub fn finish(self) -> Result<bool, ApiError> {
        if self.problems.is_empty() {
            Ok(self.sent)
        } else {
            Err(ApiError::Invalid(self.problems))
        }
    }
}

/// A whole number sent as a JSON number.
fn whole(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        _ => None,
    }
}

/// The API's name for a field the services name after the form.
fn api_field(field: &'static str) -> &'static str {
    match field {
        "project" => "project_id",
        "activity" => "activity_id",
        "insight" => "insight_id",
        "listeners" => "listener_ids",
        other => other,
    }
}

/// A service's answer, with its field messages under the API's names.
pub fn renamed(error: ServiceError) -> ApiError {
    match error {
        ServiceError::Invalid(fields) => ApiError::Invalid(
            fields
                .into_iter()
                .map(|(field, message)| (api_field(field), message))
                .collect(),
        ),
        other => other.into(),
    }
}

/// A query string that could not be read at all.
pub fn unreadable_query(_: QueryRejection) -> ApiError {
    ApiError::BadRequest("The query string could not be read".into())
}

/// A value of a query string, if it holds more than spaces.
pub fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// A query's code, checked against its list.
pub fn code<T>(
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
    field: &'static str,
    problems: &mut Problems,
) -> Option<T> {
    let value = given(value)?;
    let parsed = parse(value);
    if parsed.is_none() {
        problems.push((
            field,
            format!("{value} is not one of the codes for {field}"),
        ));
    }
    parsed
}

/// A topic slug from the partnership's list.
pub fn topic(
    value: Option<&str>,
    lists: &Lists,
    field: &'static str,
    problems: &mut Problems,
) -> Option<String> {
    let value = given(value)?;
    if lists.topics.iter().any(|(slug, _)| slug == value) {
        Some(value.to_owned())
    } else {
        problems.push((field, format!("{value} is not one of the topics")));
        None
    }
}

/// A record's id in a query string.
pub fn query_id(value: Option<&str>, field: &'static str, problems: &mut Problems) -> Option<i64> {
    let value = given(value)?;
    match value.parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ => {
            problems.push((field, format!("{field} must be a record's id")));
            None
        }
    }
}

pub fn organisation(value: Option<&str>, problems: &mut Problems) -> Option<OrganisationId> {
    query_id(value, "organisation_id", problems).map(OrganisationId)
}

/// A record's id in a path: anything else is not found.
pub fn path_id(id: &str) -> Result<i64, ApiError> {
    id.parse().map_err(|_| ApiError::NotFound)
}

/// Reads an `after` cursor: an id from a previous page.
pub fn cursor(after: Option<&str>) -> Result<Option<i64>, ApiError> {
    match after {
        None | Some("") => Ok(None),
        Some(cursor) => cursor.parse().map(Some).map_err(|_| {
            ApiError::BadRequest("after must be a cursor from a previous page".into())
        }),
    }
}

/// An instant as RFC 3339 in UTC.
pub fn rfc3339(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// Problems, as the API's answer, or nothing.
pub fn refuse(problems: Problems) -> Result<(), ApiError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Invalid(problems))
    }
}
