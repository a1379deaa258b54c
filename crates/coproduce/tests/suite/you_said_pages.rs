//! "You said, we did" through the pages: adding an entry with the people
//! to tell, changing its status (which emails each of them once),
//! refusing a change without its reason or from a stale page, and the
//! public list that shows published entries only.

use coproduce_domain::insights::ActionStatus;
use coproduce_domain::{Actor, InsightId, SaidId};
use coproduce_services::insights::{self, InsightAnswers};
use coproduce_services::you_said::{self, SaidAnswers};
use coproduce_store::SaidFilter;
use reqwest::StatusCode;

use crate::helpers::{ADMIN, NHS_ADMIN, OFFICER, TestApp, error_summary, location};

const BOARD: &str = "board@northshire-council.example";

async fn insight(app: &TestApp, actor: &Actor, title: &str, topic: &str) -> InsightId {
    let answers = InsightAnswers {
        title: title.into(),
        summary: format!("What people told us about {}", title.to_lowercase()),
        findings: "People said the buses do not fit the day centre's hours.".into(),
        source: "survey".into(),
        method: "consultation".into(),
        rung: "consultation".into(),
        happened_on: "2026-03-14".into(),
        people_count: "18".into(),
        topics: vec![topic.into()],
        consent_to_reuse: true,
        visibility: "public".into(),
        ..InsightAnswers::default()
    };
    insights::create(&app.services, actor, &answers)
        .await
        .expect("insight")
}

async fn status_of(app: &TestApp, id: SaidId) -> ActionStatus {
    app.services
        .store
        .said(id)
        .await
        .expect("entry")
        .plan
        .status
}

/// The status emails sent so far, waiting a little for any late ones.
async fn status_emails(app: &TestApp, at_least: usize) -> Vec<String> {
    let mut found = Vec::new();
    for _ in 0..100 {
        found = app
            .outbox(0)
            .await
            .into_iter()
            .map(|m| m.replace("=\r\n", "").replace("=\n", ""))
            .filter(|m| m.contains("What happened to what you told us"))
            .collect();
        if found.len() >= at_least {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    found
}

#[tokio::test]
async fn an_entry_added_through_the_form_tells_its_listener_once_when_its_status_changes() {
    let app = TestApp::spawn().await;
    let officer_actor = app.actor(OFFICER).await;
    let from = insight(
        &app,
        &officer_actor,
        "Buses to Marlow Road day centre",
        "transport",
    )
    .await;
    let rosa = app
        .add_person(
            OFFICER,
            coproduce_services::people::Answers {
                name: "Rosa Hearback".into(),
                email: "rosa.hearback@example.org".into(),
                contact_methods: vec!["email".into()],
                experience_types: vec!["unpaid_carer".into()],
                recognition: "paid".into(),
                ..Default::default()
            },
        )
        .await;
    let officer = app.signed_in(OFFICER).await;

    // Coming from the insight, the form chooses it and takes its topics.
    let (status, html) = officer
        .get_text(&format!("/staff/you-said-we-did/new?insight={from}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("<option value=\"{from}\" selected>")));
    assert!(html.contains("value=\"transport\" checked"), "topics taken");

    let rosa_id = rosa.to_string();
    let insight_id = from.to_string();
    let mut fields = vec![
        (
            "statement",
            "The first bus gets us to the centre after lunch has started",
        ),
        ("theme", "Getting to the day centre"),
        ("insight", insight_id.as_str()),
        ("listeners", rosa_id.as_str()),
        ("topics", "transport"),
        ("owner", "Day services manager"),
        ("due_on", "31/3/2099"),
        ("status", "planned"),
        ("published", "yes"),
    ];
    // Without what was done, nothing is stored and the answers are kept.
    let newest = || async {
        you_said::list(
            &app.services,
            Some(&officer_actor),
            SaidFilter::default(),
            None,
        )
        .await
        .expect("list")
        .first()
        .map(|entry| entry.id)
    };
    let before = newest().await;
    let response = officer
        .post_form("/staff/you-said-we-did/new", &fields)
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        error_summary(&html),
        vec!["Enter what was done, or will be done, about it"]
    );
    assert!(html.contains("Getting to the day centre"), "answers kept");
    assert!(html.contains("href=\"#action\""));
    assert_eq!(newest().await, before, "nothing stored");

    fields.push(("action", "The centre now opens its doors at 10:30"));
    let response = officer
        .post_form("/staff/you-said-we-did/new", &fields)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let path = location(&response);
    let id = SaidId(
        path.trim_start_matches("/staff/you-said-we-did/")
            .parse()
            .unwrap_or_else(|_| panic!("a redirect to the entry, not {path:?}")),
    );
    assert_eq!(newest().await, Some(id));
    let (status, html) = officer.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("The centre now opens its doors at 10:30"));
    assert!(
        html.contains("Rosa Hearback"),
        "the people to tell are listed"
    );
    assert!(
        html.contains("Buses to Marlow Road day centre"),
        "where it came from"
    );

    // "Not possible" without a reason is refused, and nothing changes.
    let response = officer
        .post_form(
            &format!("/staff/you-said-we-did/{id}/status"),
            &[
                ("status", "not_possible"),
                ("reason", ""),
                ("seen", "planned"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        error_summary(&html),
        vec!["Say why the action is not possible"]
    );
    assert!(html.contains("href=\"#reason\""));
    assert_eq!(status_of(&app, id).await, ActionStatus::Planned);

    // A page opened before someone else's change is refused, and nothing
    // changes.
    let response = officer
        .post_form(
            &format!("/staff/you-said-we-did/{id}/status"),
            &[("status", "done"), ("reason", ""), ("seen", "in_progress")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = response.text().await.expect("body");
    assert_eq!(error_summary(&html).len(), 1);
    assert!(error_summary(&html)[0].contains("Someone else changed"));
    assert_eq!(status_of(&app, id).await, ActionStatus::Planned);
    assert!(
        status_emails(&app, 0).await.is_empty(),
        "nobody emailed yet"
    );

    // The change goes through once, and Rosa hears about it once.
    let response = officer
        .post_form(
            &format!("/staff/you-said-we-did/{id}/status"),
            &[("status", "done"), ("reason", ""), ("seen", "planned")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = officer.get_text(&location(&response)).await;
    assert!(
        html.contains("Status changed. We emailed 1 person."),
        "{html}"
    );
    assert_eq!(status_of(&app, id).await, ActionStatus::Done);
    // The same press again, from the same page, changes nothing more.
    let response = officer
        .post_form(
            &format!("/staff/you-said-we-did/{id}/status"),
            &[("status", "done"), ("reason", ""), ("seen", "planned")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let mails = status_emails(&app, 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let mails_later = status_emails(&app, 1).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails_later.len(), 1, "{mails_later:?}");
    assert!(mails[0].contains("rosa.hearback@example.org"));
    assert!(mails[0].contains("now done"));

    // The history says who changed it and how many were emailed.
    let (_, html) = officer
        .get_text(&format!("/staff/you-said-we-did/{id}"))
        .await;
    assert!(html.contains("We emailed 1 person."));

    // Changing the words keeps the status and emails nobody.
    let (status, html) = officer
        .get_text(&format!("/staff/you-said-we-did/{id}/edit"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("The centre now opens its doors at 10:30"));
    let response = officer
        .post_form(
            &format!("/staff/you-said-we-did/{id}/edit"),
            &[
                ("statement", "The first bus gets us to the centre late"),
                ("theme", "Getting to the day centre"),
                ("insight", insight_id.as_str()),
                ("topics", "transport"),
                ("action", "The centre now opens its doors at 10:30"),
                ("owner", "Day services manager"),
                ("status", "done"),
                ("seen", "done"),
                ("published", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = officer.get_text(&location(&response)).await;
    assert!(html.contains("We emailed 0 people."));
    assert!(html.contains("The first bus gets us to the centre late"));
}

#[tokio::test]
async fn choosing_an_activity_lists_the_people_who_came_and_keeps_the_answers() {
    let app = TestApp::spawn().await;
    let officer_actor = app.actor(OFFICER).await;
    // A demo activity of the council's that people came to.
    let activities = app
        .services
        .store
        .activities(officer_actor.organisation_id, 0, None, 200)
        .await
        .expect("activities");
    let mut found = None;
    for activity in &activities {
        let people = you_said::possible_listeners(&app.services, &officer_actor, activity.id)
            .await
            .expect("people");
        if let Some(person) = people.into_iter().next() {
            found = Some((activity.id, person));
            break;
        }
    }
    let (activity, (_, name, has_email)) = found.expect("a demo activity people came to");
    let officer = app.signed_in(OFFICER).await;
    // "Show people" sends the form as it is (by POST, so nothing typed
    // ends up in the address) and stores nothing.
    let activity_value = activity.to_string();
    let response = officer
        .post_form(
            "/staff/you-said-we-did/new",
            &[
                ("statement", "Typed before choosing"),
                ("activity", &activity_value),
                ("show_people", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK, "shown again, not stored");
    let html = response.text().await.expect("html");
    assert!(html.contains("People who said this and agreed to hear what happened"));
    assert!(html.contains(&name), "{name} is offered");
    assert!(html.contains("Typed before choosing"), "answers kept");
    assert!(html.contains(&format!("<option value=\"{activity}\" selected>")));
    if !has_email {
        assert!(html.contains("(no email address: tell them another way)"));
    }

    // Another organisation's activity shows nobody.
    let nhs = app.signed_in(NHS_ADMIN).await;
    let (status, html) = nhs
        .get_text(&format!(
            "/staff/you-said-we-did/new?activity={activity}&show_people=yes"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains(&name));
    assert!(!html.contains("People who said this and agreed to hear what happened"));
    // Board members follow the work but do not add to it.
    let board = app.signed_in(BOARD).await;
    assert_eq!(
        board.get("/staff/you-said-we-did/new").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        board.get("/staff/you-said-we-did").await.status(),
        StatusCode::OK
    );
}

fn entry(statement: &str, insight: InsightId, topic: &str, published: bool) -> SaidAnswers {
    SaidAnswers {
        statement: statement.into(),
        theme: format!("Theme of {statement}"),
        insight: insight.to_string(),
        topics: vec![topic.into()],
        action: format!("What we did about {statement}"),
        owner: "Wellbeing team leader".into(),
        status: "in_progress".into(),
        published,
        ..SaidAnswers::default()
    }
}

#[tokio::test]
async fn the_public_sees_published_entries_only_and_filters_them() {
    let app = TestApp::spawn().await;
    let officer = app.actor(OFFICER).await;
    let nhs = app.actor(NHS_ADMIN).await;
    let council_insight =
        insight(&app, &officer, "Lunch clubs in Hollin Bridge", "transport").await;
    let nhs_insight = insight(&app, &nhs, "Ward discharge letters", "housing").await;
    let add = |actor: Actor, answers: SaidAnswers| {
        let services = app.services.clone();
        async move {
            you_said::create(&services, &actor, &answers)
                .await
                .expect("entry")
        }
    };
    let published = add(
        officer.clone(),
        entry(
            "Zephyr minibus runs late",
            council_insight,
            "transport",
            true,
        ),
    )
    .await;
    let hidden = add(
        officer.clone(),
        entry(
            "Quokka timetable is secret",
            council_insight,
            "transport",
            false,
        ),
    )
    .await;
    let other = add(
        nhs.clone(),
        entry(
            "Halcyon letters are confusing",
            nhs_insight,
            "housing",
            true,
        ),
    )
    .await;

    let public = app.browser();
    let (status, html) = public.get_text("/you-said-we-did").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Zephyr minibus runs late"));
    assert!(html.contains("Halcyon letters are confusing"));
    assert!(!html.contains("Quokka timetable is secret"), "unpublished");

    let (_, html) = public.get_text("/you-said-we-did?topic=transport").await;
    assert!(html.contains("Zephyr minibus runs late"));
    assert!(!html.contains("Halcyon letters are confusing"));
    let organisations = app
        .services
        .store
        .organisations()
        .await
        .expect("organisations");
    let nhs_slug = organisations
        .iter()
        .find(|o| o.id == nhs.organisation_id)
        .expect("the NHS trust")
        .slug
        .as_str()
        .to_owned();
    let (_, html) = public
        .get_text(&format!("/you-said-we-did?organisation={nhs_slug}"))
        .await;
    assert!(!html.contains("Zephyr minibus runs late"));
    assert!(html.contains("Halcyon letters are confusing"));
    let (status, html) = public.get_text("/you-said-we-did?topic=moon").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(error_summary(&html), vec!["Choose a topic from the list"]);

    // One published entry, with no staff or people's names.
    let (status, html) = public
        .get_text(&format!("/you-said-we-did/{published}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("What we did about Zephyr minibus runs late"));
    assert!(html.contains("In progress"));
    assert!(!html.contains("Wellbeing team leader"), "no owner");
    let officer_name = app
        .services
        .store
        .user_by_email(&coproduce_domain::Email::parse(OFFICER).expect("email"))
        .await
        .expect("user")
        .display_name;
    assert!(!html.contains(&officer_name), "no staff names");
    let (status, _) = public.get_text(&format!("/you-said-we-did/{hidden}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = public.get_text("/you-said-we-did/999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Another organisation's staff see its published entries only.
    let nhs_browser = app.signed_in(NHS_ADMIN).await;
    let (status, _) = nhs_browser
        .get_text(&format!("/staff/you-said-we-did/{hidden}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, html) = nhs_browser
        .get_text(&format!("/staff/you-said-we-did/{published}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("Change the status"), "not theirs to change");
    let response = nhs_browser
        .post_form(
            &format!("/staff/you-said-we-did/{published}/status"),
            &[("status", "done"), ("seen", "in_progress")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let (status, html) = nhs_browser
        .get_text(&format!("/staff/you-said-we-did/{other}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Change the status"), "their own to change");
    let (_, html) = nhs_browser.get_text("/staff/you-said-we-did").await;
    assert!(html.contains("Zephyr minibus runs late"));
    assert!(html.contains("Halcyon letters are confusing"));
    assert!(!html.contains("Quokka timetable is secret"));

    // The organisation's own staff see all of theirs, and filter by status.
    let admin = app.signed_in(ADMIN).await;
    let (_, html) = admin.get_text("/staff/you-said-we-did").await;
    assert!(html.contains("Quokka timetable is secret"));
    assert!(html.contains("Not published"));
    let (_, html) = admin.get_text("/staff/you-said-we-did?status=done").await;
    assert!(!html.contains("Quokka timetable is secret"));
    let (_, html) = admin
        .get_text("/staff/you-said-we-did?status=in_progress")
        .await;
    assert!(html.contains("Quokka timetable is secret"));
}

/// The `href` of the page's "Next page" link, if it has one.
fn next_link(html: &str) -> Option<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("a[rel=next]").expect("selector");
    document
        .select(&selector)
        .next()
        .and_then(|a| a.value().attr("href"))
        .map(str::to_owned)
}

#[tokio::test]
async fn the_lists_page_by_key_with_every_entry_once() {
    let app = TestApp::spawn().await;
    let officer = app.actor(OFFICER).await;
    let from = insight(&app, &officer, "Evening phone line", "carers-support").await;
    let count = usize::try_from(you_said::PER_PAGE).expect("a small number") + 3;
    for n in 0..count {
        you_said::create(
            &app.services,
            &officer,
            &entry(
                &format!("Paging check number {n:02}."),
                from,
                "carers-support",
                true,
            ),
        )
        .await
        .expect("entry");
    }
    for (browser, start) in [
        (app.browser(), "/you-said-we-did?topic=carers-support"),
        (
            app.signed_in(OFFICER).await,
            "/staff/you-said-we-did?topic=carers-support&status=in_progress",
        ),
    ] {
        let mut seen = Vec::new();
        let mut pages = 0;
        let mut path = Some(start.to_owned());
        while let Some(here) = path {
            let (status, html) = browser.get_text(&here).await;
            assert_eq!(status, StatusCode::OK, "{here}");
            pages += 1;
            for n in 0..count {
                // The statement shows in the list and in the link's
                // hidden text: count each entry once.
                if html.contains(&format!(">Paging check number {n:02}.</dd>")) {
                    seen.push(n);
                }
            }
            path = next_link(&html).map(|next| next.replace("&amp;", "&"));
            assert!(pages <= 5, "the pages end");
        }
        seen.sort_unstable();
        assert_eq!(seen, (0..count).collect::<Vec<_>>(), "{start}");
        assert!(pages >= 2, "{start} took {pages} pages");
    }
}
