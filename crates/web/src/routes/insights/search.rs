//! The library's search, shared by the staff page and the public one: the
//! question as it comes in the address, its checks, and the answers ready
//! for the templates `insights/filters.html` and `insights/results.html`.

use axum::http::StatusCode;
use coproduce_domain::dates::{Date, parse_uk_date};
use coproduce_domain::insights::{InsightFilter, Visibility, snippet_parts};
use coproduce_domain::ladder::Method;
use coproduce_domain::project::ServiceArea;
use coproduce_domain::{Actor, Organisation};
use coproduce_services::insights::{self, SearchPage};
use coproduce_services::people::Lists;
use coproduce_store::{InsightHit, SEARCH_DEPTH};

use super::organisations;
use crate::error::WebError;
use crate::forms::{FormErrors, first_value};
use crate::routes::public_projects::{Select, coded, select};
use crate::routes::topic_and_organisation;
use crate::state::AppState;

/// A search as it comes in the address. Only the first value of each name
/// counts, so a doubled name is not an error.
#[derive(Debug, Default, Clone)]
pub(crate) struct SearchQuery {
    pub q: String,
    pub topic: String,
    pub organisation: String,
    pub service_area: String,
    pub method: String,
    pub visibility: String,
    pub from: String,
    pub to: String,
    /// From 1.
    pub page: u32,
}

/// The names of the search's fields, in the order the page shows them.
const FIELDS: [&str; 8] = [
    "q",
    "topic",
    "organisation",
    "service_area",
    "method",
    "visibility",
    "from",
    "to",
];

impl SearchQuery {
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let first = |name: &str| first_value(pairs, name);
        Self {
            q: first("q"),
            topic: first("topic"),
            organisation: first("organisation"),
            service_area: first("service_area"),
            method: first("method"),
            visibility: first("visibility"),
            from: first("from"),
            to: first("to"),
            page: first("page").parse().unwrap_or(1).max(1),
        }
    }

    /// The filter, with a message for each answer that could not be used.
    /// A choice not on its list is dropped; a date that is not a date is
    /// kept as typed, to be put right, but does not filter. `staff` allows
    /// the visibility filter.
    pub fn filter(
        &mut self,
        lists: &Lists,
        organisations: &[Organisation],
        staff: bool,
    ) -> (InsightFilter, FormErrors) {
        let mut errors = FormErrors::new();
        let (topic, organisation) = topic_and_organisation(
            lists,
            organisations,
            &mut self.topic,
            &mut self.organisation,
            &mut errors,
        );
        let service_area = ServiceArea::parse(&self.service_area);
        errors.drop_unlisted(
            &mut self.service_area,
            "service_area",
            "Choose a service area from the list",
            service_area.is_some(),
        );
        let method = Method::parse(&self.method);
        errors.drop_unlisted(
            &mut self.method,
            "method",
            "Choose a way of taking part from the list",
            method.is_some(),
        );
        let visibility = if staff {
            Visibility::parse(&self.visibility)
        } else {
            None
        };
        errors.drop_unlisted(
            &mut self.visibility,
            "visibility",
            "Choose who can see it from the list",
            visibility.is_some() || !staff,
        );
        if !staff {
            self.visibility.clear();
        }
        let from = read_date(&self.from, "from", "from", &mut errors);
        let mut to = read_date(&self.to, "to", "to", &mut errors);
        if let (Some(from), Some(until)) = (from, to)
            && until < from
        {
            errors.add(
                "to",
                "The ‘to’ date must be the same as or after the ‘from’ date",
            );
            to = None;
        }
        let filter = InsightFilter {
            words: self.q.clone(),
            topic,
            organisation,
            service_area,
            method,
            from,
            to,
            visibility,
        };
        (filter, errors.sorted_by(&FIELDS))
    }

    /// Whether anything narrows the search.
    pub fn any(&self) -> bool {
        [
            &self.q,
            &self.topic,
            &self.organisation,
            &self.service_area,
            &self.method,
            &self.visibility,
            &self.from,
            &self.to,
        ]
        .iter()
        .any(|v| !v.is_empty())
    }

    /// The address of this search at another page.
    pub fn at_page(&self, path: &str, page: u32) -> String {
        let mut kept: Vec<(&str, String)> = [
            ("q", &self.q),
            ("topic", &self.topic),
            ("organisation", &self.organisation),
            ("service_area", &self.service_area),
            ("method", &self.method),
            ("visibility", &self.visibility),
            ("from", &self.from),
            ("to", &self.to),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.clone()))
        .collect();
        if page > 1 {
            kept.push(("page", page.to_string()));
        }
        let query = serde_urlencoded::to_string(kept).unwrap_or_default();
        if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        }
    }
}

fn read_date(text: &str, field: &str, name: &str, errors: &mut FormErrors) -> Option<Date> {
    if text.is_empty() {
        return None;
    }
    match parse_uk_date(text) {
        Ok(date) => Some(date),
        Err(_) => {
            errors.add(
                field,
                format!("Enter the ‘{name}’ date as a real date, like 31/1/2026"),
            );
            None
        }
    }
}

/// The search form, ready to show.
pub(crate) struct SearchForm {
    /// Where the form is sent.
    pub action: &'static str,
    pub q: String,
    pub selects: Vec<Select>,
    /// The dates as (name, label, value typed).
    pub dates: [(&'static str, &'static str, String); 2],
    /// Whether to offer "Clear the search".
    pub filtered: bool,
}

impl SearchForm {
    pub fn new(
        action: &'static str,
        query: &SearchQuery,
        lists: &Lists,
        organisations: &[Organisation],
        staff: bool,
    ) -> Self {
        let mut selects = vec![
            select("topic", "Topic", &query.topic, lists.topics.iter().cloned()),
            select(
                "organisation",
                "Organisation",
                &query.organisation,
                organisations
                    .iter()
                    .map(|o| (o.slug.as_str().to_owned(), o.name.clone())),
            ),
            select(
                "service_area",
                "Service area",
                &query.service_area,
                coded(ServiceArea::ALL, ServiceArea::as_str, ServiceArea::label),
            ),
            select(
                "method",
                "How people took part",
                &query.method,
                coded(Method::ALL, Method::as_str, Method::label),
            ),
        ];
        if staff {
            selects.push(select(
                "visibility",
                "Who can see it",
                &query.visibility,
                coded(Visibility::ALL, Visibility::as_str, Visibility::label),
            ));
        }
        Self {
            action,
            q: query.q.clone(),
            selects,
            dates: [
                ("from", "From", query.from.clone()),
                ("to", "To", query.to.clone()),
            ],
            filtered: query.any(),
        }
    }
}

/// A short name and a colour for who can see an insight.
pub(crate) fn visibility_tag(visibility: Visibility) -> (&'static str, &'static str) {
    match visibility {
        Visibility::Organisation => ("Our organisation only", "govuk-tag--grey"),
        Visibility::Partnership => ("Partnership", "govuk-tag--blue"),
        Visibility::Public => ("Public", "govuk-tag--green"),
    }
}

/// How many took part, in words: "1 person", "12 people".
pub(crate) fn people_words(count: i64) -> String {
    if count == 1 {
        "1 person".to_owned()
    } else {
        format!("{count} people")
    }
}

/// One result, ready to show.
pub(crate) struct HitLine {
    pub href: String,
    pub title: String,
    pub organisation: String,
    pub happened_on: Option<Date>,
    pub method: &'static str,
    pub people: Option<String>,
    pub topics: Vec<String>,
    pub visibility: (&'static str, &'static str),
    /// The snippet as runs of text, each saying whether it matched.
    pub snippet: Vec<(String, bool)>,
}

impl HitLine {
    fn new(hit: InsightHit, lists: &Lists, base: &str) -> Self {
        Self {
            href: format!("{base}{}", hit.id),
            topics: hit
                .topics
                .iter()
                .map(|t| lists.topic_label(t).to_owned())
                .collect(),
            snippet: snippet_parts(&hit.snippet),
            title: hit.title,
            organisation: hit.organisation_name,
            happened_on: hit.happened_on,
            method: hit.method.label(),
            people: hit.people_count.map(people_words),
            visibility: visibility_tag(hit.visibility),
        }
    }
}

/// A link to another page of results.
pub(crate) struct PageLink {
    pub href: String,
    pub label: String,
}

/// A page of results, ready to show.
pub(crate) struct Results {
    pub heading: String,
    pub hits: Vec<HitLine>,
    /// Best matches first (words were searched for), or newest first.
    pub ranked: bool,
    /// What was searched for, after cleaning, to say so.
    pub words: String,
    /// Whether the search was narrowed at all, for the advice on no results.
    pub filtered: bool,
    pub previous: Option<PageLink>,
    pub next: Option<PageLink>,
    /// The first page, when the page asked for is past the last one.
    pub first: Option<String>,
}

impl Results {
    /// `path` is the search page; `base` is where an insight's id is added.
    pub fn new(
        found: SearchPage,
        lists: &Lists,
        query: &SearchQuery,
        path: &str,
        base: &str,
    ) -> Self {
        let heading = match found.total {
            0 => "No insights match".to_owned(),
            1 => "1 insight found".to_owned(),
            n if n >= SEARCH_DEPTH => format!("{SEARCH_DEPTH} or more insights found"),
            n => format!("{n} insights found"),
        };
        let link = |page: u32| PageLink {
            href: query.at_page(path, page),
            label: format!("{page} of {}", found.pages),
        };
        let previous = (found.page > 1).then(|| link(found.page - 1));
        let next = (found.page < found.pages).then(|| link(found.page + 1));
        let first = (found.hits.is_empty() && found.total > 0).then(|| query.at_page(path, 1));
        Self {
            heading,
            ranked: !found.words.is_empty(),
            words: found.words.join(" "),
            filtered: query.any(),
            hits: found
                .hits
                .into_iter()
                .map(|hit| HitLine::new(hit, lists, base))
                .collect(),
            previous: previous.filter(|_| first.is_none()),
            next,
            first,
        }
    }
}

/// One run of the search for the page at `path`: its form, its results,
/// the messages for answers that could not be used, and the status to
/// answer with (422 when there are messages).
pub(crate) struct Searched {
    pub status: StatusCode,
    pub errors: FormErrors,
    pub form: SearchForm,
    pub results: Results,
}

/// Searches as `actor` sees the library; no actor is the public, who may
/// not filter by who can see an insight.
pub(crate) async fn searched(
    state: &AppState,
    actor: Option<&Actor>,
    path: &'static str,
    pairs: &[(String, String)],
) -> Result<Searched, WebError> {
    let staff = actor.is_some();
    let lists = Lists::load(&state.services).await?;
    let organisations = organisations(state).await?;
    let mut query = SearchQuery::from_pairs(pairs);
    let (filter, errors) = query.filter(&lists, &organisations, staff);
    let found = insights::search(&state.services, actor, &filter, query.page).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(Searched {
        status,
        errors,
        form: SearchForm::new(path, &query, &lists, &organisations, staff),
        results: Results::new(found, &lists, &query, path, &format!("{path}/")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Lists {
        Lists {
            topics: vec![("transport".into(), "Transport".into())],
            localities: Vec::new(),
        }
    }

    fn query(pairs: &[(&str, &str)]) -> SearchQuery {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        SearchQuery::from_pairs(&pairs)
    }

    #[test]
    fn bad_answers_are_named_and_do_not_filter() {
        let mut asked = query(&[
            ("q", " bus "),
            ("topic", "moon"),
            ("from", "31/02/2026"),
            ("to", "1/1/2026"),
            ("visibility", "public"),
            ("page", "nonsense"),
        ]);
        let (filter, errors) = asked.filter(&lists(), &[], true);
        assert_eq!(filter.words, "bus");
        assert_eq!(filter.topic, None);
        assert_eq!(filter.from, None);
        assert_eq!(filter.to, Date::new(2026, 1, 1));
        assert_eq!(filter.visibility, Some(Visibility::Public));
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, vec!["topic", "from"]);
        // The bad date stays as typed, to be put right; the bad topic goes.
        assert_eq!(asked.from, "31/02/2026");
        assert_eq!(asked.topic, "");
        assert_eq!(asked.page, 1);
    }

    #[test]
    fn dates_the_wrong_way_round_are_refused_and_the_public_has_no_visibility() {
        let mut asked = query(&[
            ("from", "2/2/2026"),
            ("to", "1/2/2026"),
            ("visibility", "organisation"),
        ]);
        let (filter, errors) = asked.filter(&lists(), &[], false);
        assert_eq!(filter.visibility, None);
        assert_eq!(filter.to, None);
        assert!(errors.get("to").is_some());
        assert!(errors.get("visibility").is_none());
        assert_eq!(asked.visibility, "");
    }

    #[test]
    fn other_pages_keep_the_search() {
        let asked = query(&[("q", "bus & train"), ("topic", "transport"), ("page", "2")]);
        assert_eq!(
            asked.at_page("/insights", 3),
            "/insights?q=bus+%26+train&topic=transport&page=3"
        );
        assert_eq!(
            asked.at_page("/insights", 1),
            "/insights?q=bus+%26+train&topic=transport"
        );
        assert_eq!(query(&[]).at_page("/insights", 1), "/insights");
    }
}
