//! "Has this already been asked?" through the pages: a new project, or a
//! new survey, goes first to what the partnership already knows; the
//! officer's decision is kept with the work; another organisation's
//! private insights never show.

use coproduce_domain::{Actor, InsightId, ProjectId};
use coproduce_services::insights::{self, InsightAnswers};
use coproduce_services::you_said;
use coproduce_store::CheckSubject;
use reqwest::StatusCode;

use crate::helpers::{NHS_ADMIN, OFFICER, TestApp, error_summary, location};

async fn insight(
    app: &TestApp,
    actor: &Actor,
    title: &str,
    topic: &str,
    visibility: &str,
) -> InsightId {
    let answers = InsightAnswers {
        title: title.into(),
        summary: "Carers told us what would make the calls worth having.".into(),
        findings: "Most carers wanted a call from the same person each week.".into(),
        source: "survey".into(),
        method: "consultation".into(),
        rung: "consultation".into(),
        happened_on: "2026-02-10".into(),
        people_count: "31".into(),
        topics: vec![topic.into()],
        consent_to_reuse: visibility == "public",
        visibility: visibility.into(),
        ..InsightAnswers::default()
    };
    insights::create(&app.services, actor, &answers)
        .await
        .expect("insight")
}

#[tokio::test]
async fn a_new_project_first_shows_what_is_already_known_and_keeps_the_decision() {
    let app = TestApp::spawn().await;
    let nhs = app.actor(NHS_ADMIN).await;
    let shared = insight(
        &app,
        &nhs,
        "Quillbrook befriending calls for carers",
        "carers-support",
        "partnership",
    )
    .await;
    let private = insight(
        &app,
        &nhs,
        "Quillbrook befriending rota notes",
        "carers-support",
        "organisation",
    )
    .await;

    let officer = app.signed_in(OFFICER).await;
    let response = officer
        .post_form(
            "/staff/projects/new",
            &[
                ("title", "Quillbrook befriending calls"),
                (
                    "summary",
                    "Carers and staff design a weekly befriending call together.",
                ),
                ("service_area", "carers"),
                ("level", "service_design"),
                ("planned_rung", "co_design"),
                ("rung_reason", "Carers will shape how the calls work."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let path = location(&response);
    let id: i64 = path
        .strip_prefix("/staff/projects/")
        .and_then(|rest| rest.strip_suffix("/already-asked"))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("a redirect to already-asked, not {path:?}"));
    let project = format!("/staff/projects/{id}");

    let (status, html) = officer.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Has this already been asked?"));
    assert!(html.contains("Quillbrook befriending calls for carers"));
    assert!(html.contains(&format!("href=\"/staff/insights/{shared}\"")));
    assert!(
        !html.contains("Quillbrook befriending rota notes")
            && !html.contains(&format!("/staff/insights/{private}\"")),
        "another organisation's private insight never shows"
    );
    // Searching again with a topic still leaves the private one out.
    let (status, html) = officer
        .get_text(&format!("{path}?topics=carers-support"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("value=\"carers-support\" checked"));
    assert!(html.contains("Quillbrook befriending calls for carers"));
    assert!(!html.contains("Quillbrook befriending rota notes"));

    // Before a check, the task list says it has not started.
    let (_, html) = officer.get_text(&project).await;
    assert!(html.contains("Check what is already known"));
    assert!(html.contains("Not started"));

    // Reusing what is known needs a note saying what and who.
    let response = officer
        .post_form(
            &path,
            &[
                ("decision", "reuse"),
                ("note", ""),
                ("topics", "carers-support"),
                ("shown", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        error_summary(&html),
        vec!["Say which work you will reuse or join up with, and who you spoke to"]
    );
    assert!(html.contains("href=\"#note\""));
    assert!(
        html.contains("value=\"reuse\" checked"),
        "the choice is kept"
    );
    assert!(html.contains("Quillbrook befriending calls for carers"));
    let officer_actor = app.actor(OFFICER).await;
    let subject = CheckSubject::Project(ProjectId(id));
    let checks = you_said::checks(&app.services, &officer_actor, subject)
        .await
        .expect("checks");
    assert!(checks.is_empty(), "nothing stored");

    let note = "We will reuse the findings of the NHS trust on befriending. We spoke to their carers lead.";
    let response = officer
        .post_form(
            &path,
            &[
                ("decision", "reuse"),
                ("note", note),
                ("topics", "carers-support"),
                ("shown", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), project);
    let checks = you_said::checks(&app.services, &officer_actor, subject)
        .await
        .expect("checks");
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].check.shown, 1);
    assert!(checks[0].check.topics.contains("carers-support"));

    let (_, html) = officer.get_text(&project).await;
    assert!(html.contains(note), "the note is kept with the project");
    assert!(!html.contains("Not started"));
    assert!(html.contains("Completed"));
    let (_, html) = officer.get_text(&path).await;
    assert!(html.contains("Checks already made"));
    assert!(html.contains(note));

    // Another organisation cannot look.
    let nhs_browser = app.signed_in(NHS_ADMIN).await;
    let (status, _) = nhs_browser.get_text(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let response = nhs_browser
        .post_form(&path, &[("decision", "go_ahead"), ("shown", "0")])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

fn activity_fields(kind: &'static str, title: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("kind", kind),
        ("title", title),
        (
            "description",
            "We ask carers how the Quillbrook befriending calls should work.",
        ),
        ("date", "14/07/2099"),
        ("starts", "10:00"),
        ("ends", "12:30"),
        ("place", "Town hall, committee room 2"),
        ("places", "12"),
    ]
}

#[tokio::test]
async fn a_new_survey_first_shows_what_is_already_known() {
    let app = TestApp::spawn().await;
    let nhs = app.actor(NHS_ADMIN).await;
    insight(
        &app,
        &nhs,
        "Quillbrook befriending calls for carers",
        "carers-support",
        "partnership",
    )
    .await;
    let officer = app.signed_in(OFFICER).await;

    // A workshop goes to its own page, as before.
    let response = officer
        .post_form(
            "/staff/activities/new",
            &activity_fields("workshop", "Befriending workshop"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let workshop = location(&response);
    assert!(
        workshop
            .strip_prefix("/staff/activities/")
            .is_some_and(|id| id.parse::<i64>().is_ok()),
        "{workshop}"
    );

    // A survey asks people questions: it goes to what is known first.
    let response = officer
        .post_form(
            "/staff/activities/new",
            &activity_fields("survey", "Quillbrook befriending survey"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let path = location(&response);
    let activity = path
        .strip_suffix("/already-asked")
        .unwrap_or_else(|| panic!("a redirect to already-asked, not {path:?}"))
        .to_owned();
    let (status, html) = officer.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Quillbrook befriending calls for carers"));

    let (_, html) = officer.get_text(&activity).await;
    assert!(
        html.contains(&format!("href=\"{path}\"")),
        "linked from the activity"
    );

    let response = officer
        .post_form(&path, &[("decision", "go_ahead"), ("shown", "1")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), activity);
    let (_, html) = officer.get_text(&activity).await;
    assert!(html.contains("Checked what is already known"));
    assert!(html.contains("Go ahead: this has not been asked, or not well enough"));

    // Nothing to choose: the form asks for a decision.
    let response = officer.post_form(&path, &[("shown", "1")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(error_summary(&html), vec!["Choose what you will do"]);

    // Work nobody has done before says so plainly.
    let response = officer
        .post_form(
            "/staff/activities/new",
            &[
                ("kind", "focus_group"),
                ("title", "Zorblax quimbering"),
                ("description", "Vextrim plonkage."),
                ("date", "14/07/2099"),
                ("starts", "10:00"),
                ("ends", "12:30"),
                ("place", "Town hall, committee room 2"),
                ("places", "8"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, html) = officer.get_text(&location(&response)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Nothing matched."));
}
