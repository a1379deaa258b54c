//! The public ladder and project pages, and the staff decision log.

use coproduce_domain::Actor;
use coproduce_services::projects::{self, ProjectAnswers};
use reqwest::StatusCode;

use crate::helpers::{ADMIN, NHS_ADMIN, TestApp, error_summary};

const PARTNER: &str = "partner@northshire-nhs.example";

async fn actor_of(app: &TestApp, email: &str) -> Actor {
    let email = coproduce_domain::Email::parse(email).expect("email");
    app.services
        .store
        .user_by_email(&email)
        .await
        .expect("user")
        .actor()
}

/// Plans a project at `rung` for the organisation `email` works for. Below
/// co-design it carries its reason for not being co-produced.
async fn plan(app: &TestApp, email: &str, title: &str, rung: &str) -> i64 {
    let below = coproduce_domain::ladder::Rung::parse(rung)
        .expect("a rung")
        .needs_reason();
    let text = |t: &str| if below { t.to_owned() } else { String::new() };
    let answers = ProjectAnswers {
        title: title.into(),
        summary: "Carers tell us what they think of the new leaflet.".into(),
        service_area: "carers".into(),
        level: "service_design".into(),
        planned_rung: rung.into(),
        rung_reason: "The leaflet must be ready by April.".into(),
        not_coproduced_category: text("legal_deadline"),
        not_coproduced_explanation: text("The law sets the date the leaflet must be ready."),
        not_coproduced_decided_by: text("The head of carers services"),
        not_coproduced_instead: text("Carers will write the next leaflet with us."),
        ..Default::default()
    };
    projects::create(&app.services, &actor_of(app, email).await, &answers)
        .await
        .expect("project")
        .0
}

async fn publish(app: &TestApp, email: &str, id: i64) {
    projects::publish(
        &app.services,
        &actor_of(app, email).await,
        coproduce_domain::ProjectId(id),
        true,
    )
    .await
    .expect("publish");
}

/// How many projects `/ladder` says sit at the rung with this step (1 to 7).
fn ladder_count(html: &str, step: usize) -> i64 {
    let document = scraper::Html::parse_document(html);
    let selector =
        scraper::Selector::parse(&format!("li.app-ladder__rung--{step} .app-ladder__count"))
            .expect("selector");
    let text: String = document
        .select(&selector)
        .next()
        .expect("the rung on the ladder")
        .text()
        .collect();
    text.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The texts of the elements a CSS selector finds.
fn texts(html: &str, css: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(css).expect("selector");
    document
        .select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

/// Every link of the error summary names an element on the page.
fn summary_links_land(html: &str) {
    let document = scraper::Html::parse_document(html);
    let links = scraper::Selector::parse(".govuk-error-summary__list a").expect("selector");
    for link in document.select(&links) {
        let href = link.value().attr("href").expect("href");
        let id = href.strip_prefix('#').expect("a link to this page");
        let target = scraper::Selector::parse(&format!("[id=\"{id}\"]")).expect("selector");
        assert_eq!(
            document.select(&target).count(),
            1,
            "the error summary links to {href}"
        );
    }
}

#[tokio::test]
async fn a_project_is_public_only_once_published() {
    let app = TestApp::spawn().await;
    let visitor = app.browser();
    let title = "Leaflet for carers, test project 5521";
    let consultation = 4;

    let (status, before) = visitor.get_text("/ladder").await;
    assert_eq!(status, StatusCode::OK);
    assert!(before.contains("The ladder, from the top rung to the bottom"));
    assert!(before.contains("National Co-production Advisory Group"));
    let at_rung = ladder_count(&before, consultation);

    let id = plan(&app, ADMIN, title, "consultation").await;
    let (_, html) = visitor.get_text("/projects").await;
    assert!(!html.contains(title), "unpublished work is not listed");
    let (_, html) = visitor.get_text("/projects?rung=consultation").await;
    assert!(!html.contains(title));
    let (status, _) = visitor.get_text(&format!("/projects/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, html) = visitor.get_text("/ladder").await;
    assert_eq!(ladder_count(&html, consultation), at_rung);

    publish(&app, ADMIN, id).await;
    let (_, html) = visitor.get_text("/projects").await;
    assert!(html.contains(title), "published work is listed");
    assert!(html.contains(&format!("/projects/{id}#why-not")));
    let (status, html) = visitor.get_text(&format!("/projects/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    for shown in [
        title,
        "A legal or statutory deadline",
        "The law sets the date the leaflet must be ready.",
        "The head of carers services",
        "Carers will write the next leaflet with us.",
        "Northshire Council",
    ] {
        assert!(html.contains(shown), "{shown} is on the project's page");
    }
    assert!(!html.contains("Budget"), "the budget is not public");
    let (_, html) = visitor.get_text("/ladder").await;
    assert_eq!(ladder_count(&html, consultation), at_rung + 1);
    assert!(html.contains("/projects?rung=consultation"));

    // Ids that are not numbers, or name nothing, are not found.
    for path in ["/projects/abc", "/projects/99999999"] {
        let (status, _) = visitor.get_text(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn projects_filter_by_rung_and_refuse_odd_values_calmly() {
    let app = TestApp::spawn().await;
    let visitor = app.browser();
    let asked = "Asked about the day centre timetable 8830";
    let designed = "Designed the day centre timetable 8830";
    let asked_id = plan(&app, ADMIN, asked, "consultation").await;
    let designed_id = plan(&app, NHS_ADMIN, designed, "co_design").await;
    publish(&app, ADMIN, asked_id).await;
    publish(&app, NHS_ADMIN, designed_id).await;

    let (_, html) = visitor.get_text("/projects").await;
    assert!(html.contains(asked) && html.contains(designed));

    let (status, html) = visitor.get_text("/projects?rung=consultation").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(asked));
    assert!(
        !html.contains(designed),
        "a co-design project is filtered out"
    );
    let rungs = texts(&html, ".app-project-list__facts div:first-child dd");
    assert!(!rungs.is_empty());
    assert!(
        rungs.iter().all(|r| r.starts_with("Consultation")),
        "{rungs:?}"
    );
    assert!(error_summary(&html).is_empty());

    let (_, html) = visitor
        .get_text("/projects?organisation=northshire-nhs")
        .await;
    assert!(html.contains(designed) && !html.contains(asked));

    // Values that are not on the lists are named in an error summary and
    // do not filter.
    let (status, html) = visitor
        .get_text("/projects?rung=top&level=x&area=y&organisation=nobody&before=abc")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        error_summary(&html),
        vec![
            "Choose a rung of the ladder from the list",
            "Choose a level from the list",
            "Choose a service area from the list",
            "Choose an organisation from the list",
        ]
    );
    summary_links_land(&html);
    assert!(html.contains("<title>Error: "));
    assert!(html.contains(asked) && html.contains(designed));

    // A name given twice is not an error: the first value counts.
    let (status, html) = visitor
        .get_text("/projects?rung=co_design&rung=consultation")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(designed) && !html.contains(asked));
}

const GOOD_DECISION: &[(&str, &str)] = &[
    ("decided_on", "14/01/2027"),
    ("title", "Close the Ashby day centre on Fridays 6120"),
    ("forum", "management_team"),
    ("coproduction_considered", "no"),
    (
        "involvement",
        "The budget was set before we could ask anyone.",
    ),
];

async fn decisions_of(app: &TestApp, email: &str) -> usize {
    coproduce_services::decisions::decisions(&app.services, &actor_of(app, email).await, None, 200)
        .await
        .expect("decisions")
        .0
        .len()
}

#[tokio::test]
async fn the_decision_log_keeps_good_entries_and_explains_mistakes() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in(ADMIN).await;
    let stored = decisions_of(&app, ADMIN).await;

    let (status, html) = admin.get_text("/staff/decisions").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Add a decision"));
    let (status, html) = admin.get_text("/staff/decisions/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("For example, 31/01/2027"));

    // Sent empty: every missing answer is named, and nothing is kept.
    let response = admin.post_form("/staff/decisions/new", &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        error_summary(&html),
        vec![
            "Enter the date of the decision",
            "Enter what was decided",
            "Choose where the decision was made",
            "Say whether co-production was considered",
            "Say how people who use services were involved, or why they were not",
        ]
    );
    summary_links_land(&html);
    assert!(html.contains("<title>Error: "));
    assert_eq!(decisions_of(&app, ADMIN).await, stored);

    // A date that is not real is refused, and the other answers are kept.
    let mut bad_date = GOOD_DECISION.to_vec();
    bad_date[0] = ("decided_on", "31/02/2027");
    let response = admin.post_form("/staff/decisions/new", &bad_date).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(error_summary(&html).len(), 1, "{:?}", error_summary(&html));
    summary_links_land(&html);
    assert!(html.contains("value=\"31/02/2027\""));
    assert!(html.contains("value=\"Close the Ashby day centre on Fridays 6120\""));
    assert!(html.contains("value=\"management_team\" checked"));
    assert_eq!(decisions_of(&app, ADMIN).await, stored);

    // A project of another organisation is refused.
    let theirs = plan(&app, NHS_ADMIN, "Trust leaflet 6120", "co_design").await;
    let theirs = theirs.to_string();
    let mut other = GOOD_DECISION.to_vec();
    other.push(("project", &theirs));
    let response = admin.post_form("/staff/decisions/new", &other).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(error_summary(&html), vec!["Choose a project from the list"]);
    summary_links_land(&html);
    assert_eq!(decisions_of(&app, ADMIN).await, stored);

    // A good one is kept, linked to the organisation's own project.
    let ours = plan(&app, ADMIN, "Day centre hours 6120", "co_design").await;
    let ours = ours.to_string();
    let mut good = GOOD_DECISION.to_vec();
    good.push(("project", &ours));
    let response = admin.post_form("/staff/decisions/new", &good).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/staff/decisions");
    assert_eq!(decisions_of(&app, ADMIN).await, stored + 1);
    let (_, html) = admin.get_text("/staff/decisions").await;
    assert!(html.contains("Close the Ashby day centre on Fridays 6120"));
    assert!(html.contains("14 January 2027"));
    assert!(html.contains("The management team"));
    assert!(html.contains(&format!("href=\"/staff/projects/{ours}\"")));
    assert!(html.contains("Day centre hours 6120"));

    // Another organisation's log does not show it.
    let nhs = app.signed_in(NHS_ADMIN).await;
    let (_, html) = nhs.get_text("/staff/decisions").await;
    assert!(!html.contains("Close the Ashby day centre on Fridays 6120"));

    // A partner reads the log but cannot add to it.
    let partner = app.signed_in(PARTNER).await;
    let theirs_stored = decisions_of(&app, NHS_ADMIN).await;
    let (status, html) = partner.get_text("/staff/decisions").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("Add a decision"));
    let (status, _) = partner.get_text("/staff/decisions/new").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let response = partner
        .post_form("/staff/decisions/new", GOOD_DECISION)
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(decisions_of(&app, NHS_ADMIN).await, theirs_stored);
}
