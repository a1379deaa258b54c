//! The insights library through the services: search ranking and
//! filters, words found only in an attached file, who sees what, and
//! "you said, we did" closing the loop by email exactly once.

use coproduce_domain::insights::InsightFilter;
use coproduce_domain::{Actor, InsightId};
use coproduce_services::insights::{self, InsightAnswers};
use coproduce_services::you_said::{self, SaidAnswers};

use crate::helpers::{ADMIN, NHS_ADMIN, OFFICER, TestApp, pdf_with_text};

fn answers(title: &str, findings: &str, topic: &str, visibility: &str) -> InsightAnswers {
    InsightAnswers {
        title: title.into(),
        summary: format!("What people told us about {}", title.to_lowercase()),
        findings: findings.into(),
        source: "survey".into(),
        method: "consultation".into(),
        rung: "consultation".into(),
        happened_on: "2026-03-14".into(),
        people_count: "20".into(),
        topics: vec![topic.into()],
        consent_to_reuse: visibility == "public",
        visibility: visibility.into(),
        ..InsightAnswers::default()
    }
}

async fn add(app: &TestApp, actor: &Actor, answers: &InsightAnswers) -> InsightId {
    insights::create(&app.services, actor, answers)
        .await
        .expect("insight")
}

fn filter(words: &str) -> InsightFilter {
    InsightFilter {
        words: words.into(),
        ..InsightFilter::default()
    }
}

const FILLER: [&str; 6] = [
    "People said the waiting list for an assessment was too long and letters were confusing.",
    "Carers asked for a break more often and for someone to call when plans change.",
    "Day centre members want more trips out and food they enjoy.",
    "People using direct payments found the forms hard and the support line busy.",
    "Residents of care homes asked to choose when they get up and go to bed.",
    "People leaving hospital wanted to know who would visit them at home and when.",
];

#[tokio::test]
async fn search_ranks_the_closest_insight_first_and_filters_narrow() {
    let app = TestApp::spawn().await;
    let officer = app.actor(OFFICER).await;
    let topics = ["home-care", "carers-support", "transport", "housing"];
    for n in 0..300 {
        let findings = FILLER[n % FILLER.len()];
        let topic = topics[n % topics.len()];
        add(
            &app,
            &officer,
            &answers(
                &format!("Listening event {n}"),
                findings,
                topic,
                "partnership",
            ),
        )
        .await;
    }
    let wanted = add(
        &app,
        &officer,
        &answers(
            "Getting to the Ashby Vale day centre",
            "The first minibus reaches the day centre after the morning session starts, \
             so people miss the exercise class and sit waiting in the cold.",
            "transport",
            "partnership",
        ),
    )
    .await;
    let results = insights::search(
        &app.services,
        Some(&officer),
        &filter("minibus morning exercise class cold"),
        1,
    )
    .await
    .expect("search");
    assert_eq!(results.hits.first().map(|h| h.id), Some(wanted));
    assert_eq!(results.total, 1);
    let snippet = &results.hits[0].snippet;
    assert!(
        snippet.contains('\u{1}') && snippet.contains('\u{2}'),
        "the snippet marks the matched words: {snippet:?}"
    );

    // A broad search finds many; the topic filter keeps only its topic.
    let broad = insights::search(&app.services, Some(&officer), &filter("people"), 1)
        .await
        .expect("search");
    assert!(broad.total > 100, "{}", broad.total);
    let mut by_topic = filter("people");
    by_topic.topic = Some("housing".into());
    let narrowed = insights::search(&app.services, Some(&officer), &by_topic, 1)
        .await
        .expect("search");
    assert!(narrowed.total > 0 && narrowed.total < broad.total);
    assert!(
        narrowed
            .hits
            .iter()
            .all(|h| h.topics.contains(&"housing".to_owned()))
    );
    // Words that are not in any insight find nothing, and odd characters
    // are only words.
    let none = insights::search(&app.services, Some(&officer), &filter("zyxwv\" OR *"), 1)
        .await
        .expect("search");
    assert_eq!(none.total, 0);
}

#[tokio::test]
async fn a_word_only_in_an_attached_pdf_finds_its_insight() {
    let app = TestApp::spawn().await;
    let officer = app.actor(OFFICER).await;
    let id = add(
        &app,
        &officer,
        &answers(
            "Carers survey 2026",
            "Carers told us about breaks.",
            "carers-support",
            "partnership",
        ),
    )
    .await;
    let before = insights::search(&app.services, Some(&officer), &filter("quintessential"), 1)
        .await
        .expect("search");
    assert_eq!(before.total, 0);
    insights::attach(
        &app.services,
        &officer,
        id,
        "report.pdf",
        pdf_with_text("The quintessential finding was about respite"),
    )
    .await
    .expect("attach");
    let after = insights::search(&app.services, Some(&officer), &filter("quintessential"), 1)
        .await
        .expect("search");
    assert_eq!(after.hits.first().map(|h| h.id), Some(id));
    // Another organisation's staff find it too: it is shared.
    let nhs = app.actor(NHS_ADMIN).await;
    let shared = insights::search(&app.services, Some(&nhs), &filter("quintessential"), 1)
        .await
        .expect("search");
    assert_eq!(shared.total, 1);
}

#[tokio::test]
async fn an_organisation_only_insight_stays_inside_its_organisation() {
    let app = TestApp::spawn().await;
    let officer = app.actor(OFFICER).await;
    let nhs = app.actor(NHS_ADMIN).await;
    let private = add(
        &app,
        &officer,
        &answers(
            "Sheltered housing wardens",
            "Wardens in Brindlemoor were praised.",
            "housing",
            "organisation",
        ),
    )
    .await;
    let file = insights::attach(
        &app.services,
        &officer,
        private,
        "notes.csv",
        b"place,comment\nBrindlemoor,wardens praised\n".to_vec(),
    )
    .await
    .expect("attach");
    let public = add(
        &app,
        &officer,
        &answers(
            "Wardens in Ashby Vale",
            "Wardens were praised in Ashby Vale too.",
            "housing",
            "public",
        ),
    )
    .await;
    let own = insights::search(&app.services, Some(&officer), &filter("wardens"), 1)
        .await
        .expect("search");
    assert_eq!(own.total, 2);
    let other = insights::search(&app.services, Some(&nhs), &filter("wardens"), 1)
        .await
        .expect("search");
    assert_eq!(
        other.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![public]
    );
    let anyone = insights::search(&app.services, None, &filter("wardens"), 1)
        .await
        .expect("search");
    assert_eq!(
        anyone.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![public]
    );
    assert!(
        insights::get(&app.services, Some(&nhs), private)
            .await
            .is_err()
    );
    assert!(insights::get(&app.services, None, private).await.is_err());
    assert!(
        insights::attachment(&app.services, Some(&nhs), file)
            .await
            .is_err()
    );
    assert!(
        insights::attachment(&app.services, None, file)
            .await
            .is_err()
    );
    assert!(
        insights::attachment(&app.services, Some(&officer), file)
            .await
            .is_ok()
    );
    let related = insights::related(
        &app.services,
        &nhs,
        "Sheltered housing wardens",
        "",
        &["housing".into()],
        None,
    )
    .await
    .expect("related");
    assert!(related.insights.iter().all(|h| h.id != private));
    let related = insights::related(
        &app.services,
        &officer,
        "Sheltered housing wardens",
        "",
        &["housing".into()],
        None,
    )
    .await
    .expect("related");
    assert_eq!(related.insights.first().map(|h| h.id), Some(private));
}

#[tokio::test]
async fn changing_an_actions_status_emails_each_listener_exactly_once() {
    let app = TestApp::spawn().await;
    let officer = app.actor(OFFICER).await;
    let admin = app.actor(ADMIN).await;
    let insight = add(
        &app,
        &officer,
        &answers(
            "Buses to the day centre",
            "The buses are late.",
            "transport",
            "public",
        ),
    )
    .await;
    let with_email = app
        .add_person(
            OFFICER,
            coproduce_services::people::Answers {
                name: "Rosa Listener".into(),
                email: "rosa@example.org".into(),
                contact_methods: vec!["email".into()],
                experience_types: vec!["unpaid_carer".into()],
                recognition: "paid".into(),
                ..Default::default()
            },
        )
        .await;
    let id = you_said::create(
        &app.services,
        &officer,
        &SaidAnswers {
            statement: "The bus gets us there late".into(),
            theme: "Transport".into(),
            insight: insight.to_string(),
            topics: vec!["transport".into()],
            action: "We moved the start time to 10:30".into(),
            owner: "Day services manager".into(),
            status: "planned".into(),
            published: true,
            listeners: vec![with_email.to_string()],
            ..SaidAnswers::default()
        },
    )
    .await
    .expect("entry");
    // Two officers change it at once from what they both saw: one wins.
    let (a, b) = tokio::join!(
        you_said::change_status(&app.services, &officer, id, "done", "", Some("planned")),
        you_said::change_status(&app.services, &admin, id, "done", "", Some("planned")),
    );
    let told: Vec<usize> = [a, b].into_iter().filter_map(Result::ok).collect();
    assert_eq!(told, vec![1], "exactly one change told one person");
    let mails = app.outbox(1).await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let mails: Vec<String> = app
        .outbox(mails.len())
        .await
        .into_iter()
        .map(|m| {
            m.replace("=\r\n", "")
                .replace("=\n", "")
                .replace("\r\n ", " ")
        })
        .filter(|m| m.contains("What happened to what you told us"))
        .collect();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].contains("rosa@example.org"));
    assert!(mails[0].contains("now done"));
    // Not possible needs its reason.
    let refused =
        you_said::change_status(&app.services, &officer, id, "not_possible", "", None).await;
    assert!(matches!(
        refused,
        Err(coproduce_services::ServiceError::Invalid(_))
    ));
}
