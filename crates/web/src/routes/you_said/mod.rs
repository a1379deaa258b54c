//! "You said, we did": what people said and what was done about it. Staff
//! list, add and change entries and move their status on (which emails
//! each person who agreed to hear back); the public sees published
//! entries. This module holds what the staff and public pages share.

mod form;
mod public;
mod staff;

use axum::Router;
use coproduce_domain::insights::ActionStatus;
use coproduce_domain::{Actor, Organisation, SaidId};
use coproduce_services::people::Lists;
use coproduce_services::{ServiceError, you_said};
use coproduce_store::{SaidFilter, SaidRecord};

use crate::error::WebError;
use crate::forms::{FormErrors, first_value};
use crate::profile_form::Choice;
use crate::routes::topic_and_organisation;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(staff::router())
        .merge(form::router())
        .merge(public::router())
}

/// The GOV.UK tag colour of each status, so they can be told apart at a
/// glance (the words say the same for people who cannot see colour).
pub(crate) fn tag_class(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Planned => "govuk-tag--blue",
        ActionStatus::InProgress => "govuk-tag--yellow",
        ActionStatus::Done => "govuk-tag--green",
        ActionStatus::NotPossible => "govuk-tag--red",
    }
}

/// The day of a moment, as people in the UK write it: "3 March 2026".
pub(crate) fn uk_day(seconds: i64) -> String {
    let Ok(timestamp) = jiff::Timestamp::from_second(seconds) else {
        return String::new();
    };
    let zoned = jiff::tz::TimeZone::get("Europe/London")
        .map(|tz| timestamp.to_zoned(tz))
        .unwrap_or_else(|_| timestamp.to_zoned(jiff::tz::TimeZone::UTC));
    zoned.strftime("%-d %B %Y").to_string()
}

/// "1 person", "3 people".
pub(crate) fn people_count(n: usize) -> String {
    if n == 1 {
        "1 person".to_owned()
    } else {
        format!("{n} people")
    }
}

/// An entry, ready to list or show.
pub(crate) struct Line {
    pub id: SaidId,
    pub statement: String,
    pub theme: String,
    pub action: String,
    pub owner: String,
    pub due: Option<String>,
    pub status: &'static str,
    pub tag: &'static str,
    pub reason: Option<String>,
    pub organisation: String,
    pub published: bool,
    pub topics: Vec<String>,
    pub added: String,
    pub status_changed: String,
}

impl Line {
    pub fn new(record: &SaidRecord, lists: &Lists) -> Self {
        let plan = &record.plan;
        Self {
            id: record.id,
            statement: plan.statement.clone(),
            theme: plan.theme.clone(),
            action: plan.action.clone(),
            owner: plan.owner.clone(),
            due: plan.due_on.map(|d| d.to_string()),
            status: plan.status.label(),
            tag: tag_class(plan.status),
            reason: plan.reason.clone(),
            organisation: record.organisation_name.clone(),
            published: plan.published,
            topics: plan
                .topics
                .iter()
                .map(|t| lists.topic_label(t).to_owned())
                .collect(),
            added: uk_day(record.created_at),
            status_changed: uk_day(record.status_changed_at),
        }
    }
}

/// A `<select>` of a list's filters.
pub(crate) struct Select {
    pub name: &'static str,
    pub label: &'static str,
    pub options: Vec<Choice>,
}

fn select(
    name: &'static str,
    label: &'static str,
    chosen: &str,
    options: impl IntoIterator<Item = (String, String)>,
) -> Select {
    Select {
        name,
        label,
        options: options
            .into_iter()
            .map(|(value, label)| Choice {
                checked: value == chosen,
                value,
                label,
            })
            .collect(),
    }
}

/// A list's filters as they come in the address. Only the first value of
/// each name counts.
#[derive(Default)]
pub(crate) struct ListQuery {
    topic: String,
    organisation: String,
    status: String,
    before: String,
}

impl ListQuery {
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let first = |name: &str| first_value(pairs, name);
        Self {
            topic: first("topic"),
            organisation: first("organisation"),
            status: first("status"),
            before: first("before"),
        }
    }

    /// The filter, with a message for each value not on its list; such a
    /// value does not filter.
    pub fn filter(
        &mut self,
        lists: &Lists,
        organisations: &[Organisation],
        with_status: bool,
    ) -> (SaidFilter, FormErrors) {
        let mut errors = FormErrors::new();
        let (topic, organisation) = topic_and_organisation(
            lists,
            organisations,
            &mut self.topic,
            &mut self.organisation,
            &mut errors,
        );
        let status = if with_status {
            ActionStatus::parse(&self.status)
        } else {
            None
        };
        errors.drop_unlisted(
            &mut self.status,
            "status",
            "Choose a status from the list",
            status.is_some(),
        );
        let filter = SaidFilter {
            topic,
            organisation,
            status,
            ..SaidFilter::default()
        };
        (filter, errors)
    }

    pub fn before(&self) -> Option<SaidId> {
        self.before
            .parse()
            .ok()
            .filter(|n: &i64| *n > 0)
            .map(SaidId)
    }

    pub fn any_filter(&self) -> bool {
        !(self.topic.is_empty() && self.organisation.is_empty() && self.status.is_empty())
    }

    /// The address of the page after the entry `last`, with the same
    /// filters.
    pub fn next_page(&self, path: &str, last: SaidId) -> String {
        let mut kept: Vec<(&str, String)> = [
            ("topic", &self.topic),
            ("organisation", &self.organisation),
            ("status", &self.status),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.clone()))
        .collect();
        kept.push(("before", last.to_string()));
        format!(
            "{path}?{}",
            serde_urlencoded::to_string(kept).unwrap_or_default()
        )
    }

    /// The filters' selects: topic and organisation, and status for staff.
    pub fn selects(
        &self,
        lists: &Lists,
        organisations: &[Organisation],
        with_status: bool,
    ) -> Vec<Select> {
        let mut selects = vec![
            select("topic", "Topic", &self.topic, lists.topics.iter().cloned()),
            select(
                "organisation",
                "Organisation",
                &self.organisation,
                organisations
                    .iter()
                    .map(|o| (o.slug.as_str().to_owned(), o.name.clone())),
            ),
        ];
        if with_status {
            selects.push(select(
                "status",
                "Status",
                &self.status,
                ActionStatus::ALL
                    .iter()
                    .map(|s| (s.as_str().to_owned(), s.label().to_owned())),
            ));
        }
        selects
    }
}

/// The next page's address when this page is full.
fn next_of(query: &ListQuery, path: &str, records: &[SaidRecord], per_page: u32) -> Option<String> {
    if records.len() < per_page as usize {
        return None;
    }
    records.last().map(|r| query.next_page(path, r.id))
}

/// One page of the list at `path`, as the list templates show it.
pub(crate) struct Listed {
    pub errors: FormErrors,
    pub selects: Vec<Select>,
    pub entries: Vec<Line>,
    pub filtered: bool,
    pub first_page: bool,
    pub next: Option<String>,
}

/// Lists the entries `actor` may see, filtered as the address asks; no
/// actor is the public, who may not filter by status.
pub(crate) async fn listed(
    state: &AppState,
    actor: Option<&Actor>,
    path: &str,
    pairs: &[(String, String)],
) -> Result<Listed, WebError> {
    let services = &state.services;
    let staff = actor.is_some();
    let lists = Lists::load(services).await?;
    let organisations = services
        .store
        .organisations()
        .await
        .map_err(ServiceError::from)?;
    let mut query = ListQuery::from_pairs(pairs);
    let (filter, errors) = query.filter(&lists, &organisations, staff);
    let before = query.before();
    let records = you_said::list(services, actor, filter, before).await?;
    Ok(Listed {
        errors,
        selects: query.selects(&lists, &organisations, staff),
        next: next_of(&query, path, &records, you_said::PER_PAGE),
        entries: records.iter().map(|r| Line::new(r, &lists)).collect(),
        filtered: query.any_filter(),
        first_page: before.is_none(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_page_keeps_the_filters() {
        let pairs = vec![
            ("topic".to_owned(), "transport".to_owned()),
            ("status".to_owned(), String::new()),
            ("before".to_owned(), "99".to_owned()),
        ];
        let query = ListQuery::from_pairs(&pairs);
        assert_eq!(query.before(), Some(SaidId(99)));
        assert_eq!(
            query.next_page("/you-said-we-did", SaidId(40)),
            "/you-said-we-did?topic=transport&before=40"
        );
        assert_eq!(people_count(1), "1 person");
        assert_eq!(people_count(0), "0 people");
    }

    #[test]
    fn days_are_written_the_uk_way() {
        // 1 July 2026 23:30 UTC is already 2 July in British Summer Time.
        assert_eq!(uk_day(1_782_948_600), "2 July 2026");
    }
}
