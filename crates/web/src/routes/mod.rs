//! The pages: each module owns its routes.

mod activities;
mod already_asked;
mod audit;
mod claim_link;
mod decisions;
pub mod get_involved;
mod import;
mod insights;
mod payments;
mod people;
mod person_payments;
mod project_sections;
mod projects;
mod public;
mod public_insights;
mod public_projects;
mod replies;
mod sign_in;
mod staff;
mod users;
mod writing;
mod you_said;

use askama::Template;
use axum::Router;
use axum::response::Html;
use coproduce_domain::{Organisation, OrganisationId};
use coproduce_services::people::Lists;

use crate::error::WebError;
use crate::forms::FormErrors;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(public::router())
        .merge(get_involved::router())
        .merge(sign_in::router())
        .merge(staff::router())
        .merge(users::router())
        .merge(people::router())
        .merge(projects::router())
        .merge(activities::router())
        .merge(public_projects::router())
        .merge(replies::router())
        .merge(decisions::router())
        .merge(import::router())
        .merge(audit::router())
        .merge(writing::router())
        .merge(payments::router())
        .merge(person_payments::router())
        .merge(claim_link::router())
        .merge(insights::router())
        .merge(public_insights::router())
        .merge(you_said::router())
        .merge(already_asked::router())
        .fallback(|| async { WebError::NotFound })
}

/// Renders a page template.
pub fn render(template: &impl Template) -> Result<Html<String>, WebError> {
    Ok(Html(template.render()?))
}

/// The id of a record in a page's address. Anything that is not a whole
/// number names no record, so it is "not found" rather than a bad request.
pub fn record_id(raw: &str) -> Result<i64, WebError> {
    raw.parse().map_err(|_| WebError::NotFound)
}

/// A list filter's topic and organisation, each looked up on its list by
/// slug. A choice not on its list is cleared, with a message, and does not
/// filter.
pub(crate) fn topic_and_organisation(
    lists: &Lists,
    organisations: &[Organisation],
    topic: &mut String,
    organisation: &mut String,
    errors: &mut FormErrors,
) -> (Option<String>, Option<OrganisationId>) {
    let topic_slug = lists
        .topics
        .iter()
        .find(|(slug, _)| slug == topic)
        .map(|(slug, _)| slug.clone());
    errors.drop_unlisted(
        topic,
        "topic",
        "Choose a topic from the list",
        topic_slug.is_some(),
    );
    let organisation_id = organisations
        .iter()
        .find(|o| o.slug.as_str() == organisation)
        .map(|o| o.id);
    errors.drop_unlisted(
        organisation,
        "organisation",
        "Choose an organisation from the list",
        organisation_id.is_some(),
    );
    (topic_slug, organisation_id)
}

/// A short message page.
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub page: crate::page::Page,
    pub title: &'static str,
    pub paragraphs: Vec<String>,
    pub link: Option<(&'static str, &'static str)>,
}

/// A date and time as people in the UK read it: "3 March 2026, 2:05pm".
pub fn uk_time(seconds: i64) -> String {
    let Ok(timestamp) = jiff::Timestamp::from_second(seconds) else {
        return String::new();
    };
    let zoned = jiff::tz::TimeZone::get("Europe/London")
        .map(|tz| timestamp.to_zoned(tz))
        .unwrap_or_else(|_| timestamp.to_zoned(jiff::tz::TimeZone::UTC));
    let hour = match zoned.hour() % 12 {
        0 => 12,
        h => h,
    };
    let half = if zoned.hour() < 12 { "am" } else { "pm" };
    format!(
        "{}, {hour}:{:02}{half}",
        zoned.strftime("%-d %B %Y"),
        zoned.minute()
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn uk_times_follow_the_clocks() {
        // 1 July 2026 12:00 UTC is 1pm in British Summer Time.
        assert_eq!(super::uk_time(1_782_907_200), "1 July 2026, 1:00pm");
        // 1 January 2026 00:05 UTC is the same in winter.
        assert_eq!(super::uk_time(1_767_225_900), "1 January 2026, 12:05am");
    }
}
