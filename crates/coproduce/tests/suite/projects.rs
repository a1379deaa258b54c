//! Projects on the ladder through the staff pages: planning at an honest
//! rung, the task list's sections, publishing, closing, the rung history
//! and the ladder dashboard.

use coproduce_domain::ProjectId;
use coproduce_domain::project::ProjectFilter;
use reqwest::StatusCode;

use crate::helpers::{ADMIN, Browser, OFFICER, TestApp, error_summary};

/// The id in the redirect after planning a project, which goes to
/// `/staff/projects/{id}/already-asked`: what is already known comes
/// before anyone is asked.
fn project_from_redirect(response: &reqwest::Response) -> i64 {
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default();
    location
        .strip_prefix("/staff/projects/")
        .and_then(|rest| rest.strip_suffix("/already-asked"))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("a redirect to a project's already-asked page, not {location:?}"))
}

async fn count_of_organisation(app: &TestApp, email: &str) -> i64 {
    let email = coproduce_domain::Email::parse(email).expect("email");
    let user = app
        .services
        .store
        .user_by_email(&email)
        .await
        .expect("user");
    app.services
        .store
        .count_projects(&ProjectFilter {
            organisation: Some(user.organisation_id),
            ..ProjectFilter::default()
        })
        .await
        .expect("count")
}

const CONSULTATION: &[(&str, &str)] = &[
    ("title", "Charging policy survey for home care"),
    (
        "summary",
        "We will ask people who pay for care at home what they think of the new charges.",
    ),
    ("service_area", "home_care"),
    ("level", "strategic"),
    ("methods", "consultation"),
    ("methods", "information"),
    ("starts_on", "1/3/2027"),
    ("budget", "750"),
    ("planned_rung", "consultation"),
    (
        "rung_reason",
        "The law says we must consult on charges before we change them.",
    ),
];

const WHY_NOT: &[(&str, &str)] = &[
    ("not_coproduced_category", "legal_deadline"),
    (
        "not_coproduced_explanation",
        "The new charges must start in April, so there is no time to design them together.",
    ),
    ("not_coproduced_decided_by", "Cabinet member for adult care"),
    (
        "not_coproduced_instead",
        "The letters that explain the charges, written with people who pay them.",
    ),
];

async fn plan(browser: &Browser, fields: &[(&str, &str)]) -> reqwest::Response {
    browser.post_form("/staff/projects/new", fields).await
}

#[tokio::test]
async fn work_below_co_design_must_say_why_before_it_is_saved_and_then_publishes_the_reason() {
    let app = TestApp::spawn().await;
    let officer = app.signed_in(OFFICER).await;
    let before = count_of_organisation(&app, OFFICER).await;

    let response = plan(&officer, CONSULTATION).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        error_summary(&html),
        vec![
            "Choose why co-production is not possible",
            "Explain why co-production is not possible",
            "Enter who decided that this work will not be co-produced",
            "Say what will be co-produced instead",
        ]
    );
    assert!(
        html.contains("Charging policy survey for home care"),
        "answers kept"
    );
    assert_eq!(
        count_of_organisation(&app, OFFICER).await,
        before,
        "nothing stored"
    );

    let all: Vec<(&str, &str)> = CONSULTATION.iter().chain(WHY_NOT).copied().collect();
    let response = plan(&officer, &all).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id = project_from_redirect(&response);
    assert_eq!(count_of_organisation(&app, OFFICER).await, before + 1);

    let public = app.browser();
    let (_, list) = public.get_text("/projects").await;
    assert!(
        !list.contains("Charging policy survey for home care"),
        "not published yet"
    );
    let (status, _) = public.get_text(&format!("/projects/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let response = officer
        .post_form(
            &format!("/staff/projects/{id}/publish"),
            &[("published", "yes")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, list) = public.get_text("/projects").await;
    assert!(list.contains("Charging policy survey for home care"));
    let (status, page) = public.get_text(&format!("/projects/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("there is no time to design them together"));
    assert!(page.contains("Cabinet member for adult care"));

    let audit = app
        .services
        .store
        .audit_of_record("project", id)
        .await
        .expect("audit");
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, vec!["project.create", "project.publish"]);
}

#[tokio::test]
async fn closing_needs_the_rung_reached_and_the_history_shows_every_change() {
    let app = TestApp::spawn().await;
    let officer = app.signed_in(OFFICER).await;
    let response = plan(
        &officer,
        &[
            ("title", "Day centre timetable"),
            (
                "summary",
                "People who use the day centre plan its new timetable with us.",
            ),
            ("service_area", "day_opportunities"),
            ("level", "service_design"),
            ("planned_rung", "co_design"),
            ("rung_reason", "People will shape the timetable."),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id = project_from_redirect(&response);

    // The budget was cut: the plan moves down a rung, with the reasons.
    let mut lower: Vec<(&str, &str)> = vec![
        ("planned_rung", "engagement"),
        (
            "rung_reason",
            "The budget was cut, so we can only ask for views.",
        ),
        ("not_coproduced_category", "no_budget"),
        (
            "not_coproduced_explanation",
            "There is no money to pay people.",
        ),
        ("not_coproduced_decided_by", "Head of day services"),
        ("not_coproduced_instead", "The welcome leaflet."),
    ];
    let response = officer
        .post_form(&format!("/staff/projects/{id}/ladder"), &lower)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let close = format!("/staff/projects/{id}/close");
    let response = officer
        .post_form(&close, &[("reflection", "It went well.")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        error_summary(&html),
        vec!["Choose the rung of the ladder the work really reached"]
    );
    let project = app
        .services
        .store
        .project(ProjectId(id))
        .await
        .expect("project");
    assert!(project.closing.is_none(), "still open");

    let response = officer
        .post_form(
            &close,
            &[
                ("achieved_rung", "consultation"),
                ("reflection", "Fewer people came than we hoped."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let (_, page) = officer.get_text(&format!("/staff/projects/{id}")).await;
    let history = page.split("id=\"history\"").nth(1).expect("history");
    let first = history.find("Planned at Co-design").expect("first rung");
    let change = history
        .find("Planned rung changed from Co-design to Engagement")
        .expect("the change");
    let closed = history
        .find("Closed having reached Consultation")
        .expect("closing");
    assert!(first < change && change < closed, "oldest first");
    assert!(history.contains("The budget was cut"));

    // A closed project cannot be changed.
    lower[1].1 = "Trying again.";
    let response = officer
        .post_form(&format!("/staff/projects/{id}/ladder"), &lower)
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = officer
        .post_form(
            &close,
            &[("achieved_rung", "co_design"), ("reflection", "x")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

/// The figures in a dashboard table, as (rung, kind, value).
fn table_figures(html: &str, table: &str) -> Vec<(String, String, i64)> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(&format!("#{table} td[data-rung]")).expect("selector");
    document
        .select(&selector)
        .map(|cell| {
            let value = cell.value();
            (
                value.attr("data-rung").unwrap_or_default().to_owned(),
                value.attr("data-kind").unwrap_or_default().to_owned(),
                cell.text()
                    .collect::<String>()
                    .trim()
                    .parse()
                    .expect("a number"),
            )
        })
        .collect()
}

/// The same figures, counted from every project the store lists.
async fn counted(app: &TestApp, filter: &ProjectFilter) -> Vec<(String, String, i64)> {
    let projects = app
        .services
        .store
        .search_projects(filter, None, 100_000)
        .await
        .expect("projects");
    let mut figures = Vec::new();
    for rung in coproduce_domain::ladder::Rung::ALL.iter().rev() {
        let planned = projects.iter().filter(|p| p.planned == *rung).count() as i64;
        let achieved = projects
            .iter()
            .filter(|p| p.achieved == Some(*rung))
            .count() as i64;
        figures.push((rung.as_str().to_owned(), "planned".to_owned(), planned));
        figures.push((rung.as_str().to_owned(), "achieved".to_owned(), achieved));
    }
    figures
}

#[tokio::test]
async fn the_ladder_dashboard_shows_the_counts_the_store_holds() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in(ADMIN).await;
    // Add work of our own, so the figures are never only the demo's.
    let all: Vec<(&str, &str)> = CONSULTATION.iter().chain(WHY_NOT).copied().collect();
    let response = plan(&admin, &all).await;
    let id = project_from_redirect(&response);
    admin
        .post_form(
            &format!("/staff/projects/{id}/close"),
            &[
                ("achieved_rung", "informing"),
                ("reflection", "Few replies."),
            ],
        )
        .await;

    let (status, html) = admin.get_text("/staff/projects/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    let email = coproduce_domain::Email::parse(ADMIN).expect("email");
    let organisation = app
        .services
        .store
        .user_by_email(&email)
        .await
        .expect("user")
        .organisation_id;
    let own = counted(
        &app,
        &ProjectFilter {
            organisation: Some(organisation),
            ..ProjectFilter::default()
        },
    )
    .await;
    assert_eq!(table_figures(&html, "organisation-rungs"), own);
    assert!(
        own.iter()
            .any(|(r, k, n)| r == "informing" && k == "achieved" && *n >= 1),
        "our closed project is counted"
    );
    let everyone = counted(&app, &ProjectFilter::default()).await;
    assert_eq!(table_figures(&html, "partnership-rungs"), everyone);
    let total = |figures: &[(String, String, i64)]| figures.iter().map(|(_, _, n)| n).sum::<i64>();
    assert!(
        total(&everyone) > total(&own),
        "the partnership has other organisations' work"
    );
}

#[tokio::test]
async fn the_task_list_sections_refuse_mistakes_and_keep_what_was_agreed() {
    let app = TestApp::spawn().await;
    let officer = app.signed_in(OFFICER).await;
    let response = plan(
        &officer,
        &[
            ("title", "Carers' breaks"),
            ("summary", "Carers and staff design short breaks together."),
            ("service_area", "carers"),
            ("level", "service_design"),
            ("planned_rung", "co_production"),
            ("rung_reason", "Carers run the group with us."),
        ],
    )
    .await;
    let id = project_from_redirect(&response);
    let base = format!("/staff/projects/{id}");

    let response = officer.post_form(&format!("{base}/fit"), &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_summary(&response.text().await.expect("body")).len(),
        4
    );
    let response = officer
        .post_form(
            &format!("{base}/fit"),
            &[
                ("fit_power", "yes"),
                ("fit_time", "partly"),
                ("fit_money", "yes"),
                ("fit_access", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let mut stages = vec![
        ("stage_idea", "yes"),
        ("stage_idea_how", ""),
        ("stage_design", "yes"),
        ("stage_design_how", "Workshops"),
        ("stage_delivery", "no"),
        ("stage_review", "yes"),
        ("stage_review_how", "Carers check the breaks"),
        ("groups", "Carers' forum"),
    ];
    let response = officer.post_form(&format!("{base}/stages"), &stages).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        error_summary(&html),
        vec!["Say how people take part at this stage"]
    );
    assert!(html.contains("Carers check the breaks"), "answers kept");
    stages[1].1 = "Carers chose the question";
    let response = officer.post_form(&format!("{base}/stages"), &stages).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let response = officer
        .post_form(&format!("{base}/agreement"), &[("agreed_on", "31/02/2027")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    for (how, on) in [
        ("We meet monthly.", "1/2/2027"),
        ("We meet every two weeks.", "1/5/2027"),
    ] {
        let response = officer
            .post_form(
                &format!("{base}/agreement"),
                &[
                    ("how_we_work", how),
                    ("success", "Carers get breaks that suit them."),
                    ("agreed_by", "Carers' forum"),
                    ("agreed_on", on),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }

    // Someone from the register joins as co-chair, then leaves.
    let person = app
        .services
        .store
        .search_people(
            app.services
                .store
                .user_by_email(&coproduce_domain::Email::parse(OFFICER).expect("email"))
                .await
                .expect("user")
                .organisation_id,
            &Default::default(),
            None,
            1,
        )
        .await
        .expect("people")
        .remove(0);
    let (_, found) = officer
        .get_text(&format!(
            "{base}/people?q={}",
            person.name.replace(' ', "+")
        ))
        .await;
    assert!(found.contains(&format!("value=\"{}\"", person.id)));
    let id_text = person.id.to_string();
    let response = officer
        .post_form(
            &format!("{base}/people"),
            &[("person_id", &id_text), ("role", "co_chair")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let (_, page) = officer.get_text(&base).await;
    assert_eq!(page.matches("Completed").count(), 6, "every section done");
    assert!(page.contains("We meet every two weeks."));
    assert!(page.contains(">2 of 2<"));
    assert!(page.contains(&format!("{}</a>, co-chair", person.name)));

    let response = officer
        .post_form(&format!("{base}/people/{}/remove", person.id), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = officer.get_text(&base).await;
    assert!(!page.contains(&format!("{}</a>, co-chair", person.name)));
}

#[tokio::test]
async fn a_project_closed_by_several_people_at_once_closes_once() {
    let app = TestApp::spawn().await;
    let email = coproduce_domain::Email::parse(OFFICER).expect("email");
    let actor = app
        .services
        .store
        .user_by_email(&email)
        .await
        .expect("user")
        .actor();
    let answers = coproduce_services::projects::ProjectAnswers {
        title: "Quality check visits".into(),
        summary: "People who draw on care visit care homes and say what they find.".into(),
        service_area: "care_homes".into(),
        level: "service_design".into(),
        planned_rung: "co_production".into(),
        rung_reason: "Experts by experience lead the visits.".into(),
        ..Default::default()
    };
    let id = coproduce_services::projects::create(&app.services, &actor, &answers)
        .await
        .expect("project");
    let closes: Vec<_> = (0..10)
        .map(|n| {
            let services = app.services.clone();
            let actor = actor.clone();
            tokio::spawn(async move {
                coproduce_services::projects::close(
                    &services,
                    &actor,
                    id,
                    "co_design",
                    &format!("Reflection number {n}"),
                )
                .await
            })
        })
        .collect();
    let mut closed = 0;
    for close in closes {
        match close.await.expect("task") {
            Ok(()) => closed += 1,
            Err(coproduce_services::ServiceError::Conflict(_)) => {}
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(closed, 1);
    let history = app
        .services
        .store
        .project_rung_history(id)
        .await
        .expect("history");
    let achieved = history
        .iter()
        .filter(|c| c.kind == coproduce_store::RungKind::Achieved)
        .count();
    assert_eq!(achieved, 1);
}
