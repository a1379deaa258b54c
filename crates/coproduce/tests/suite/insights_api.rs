//! The insights library and "you said, we did" through the JSON API:
//! adding, reading, searching and changing insights, who sees what,
//! "has this already been asked?", closing the loop by email exactly once,
//! and the published entries that need no token.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ADMIN, ApiClient, NHS_ADMIN, OFFICER, TestApp};

/// A partnership insight's answers, with a topic.
fn insight(title: &str, findings: &str, topic: &str) -> Value {
    json!({
        "title": title,
        "summary": format!("What people told us about {}", title.to_lowercase()),
        "findings": findings,
        "source": "survey",
        "source_detail": "The spring survey",
        "method": "consultation",
        "rung": "consultation",
        "happened_on": "2026-03-14",
        "people_count": 18,
        "topics": [topic],
        "service_areas": ["day_opportunities"],
        "consent_to_reuse": false,
        "visibility": "partnership",
    })
}

/// Adds an insight and answers its id.
async fn add(api: &ApiClient, body: Value) -> i64 {
    let (status, body) = api.post("/api/v1/insights", body).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_i64().expect("id")
}

/// The fields named in an error answer.
fn fields(answer: &Value) -> Vec<String> {
    answer["error"]["fields"]
        .as_object()
        .map(|f| f.keys().cloned().collect())
        .unwrap_or_default()
}

fn ids(items: &Value) -> Vec<i64> {
    items
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|item| item["id"].as_i64())
        .collect()
}

async fn insight_count(app: &TestApp) -> i64 {
    app.services
        .store
        .insight_count()
        .await
        .expect("count insights")
}

/// A GET with no Authorization header, as anyone on the internet.
async fn public(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let response = reqwest::get(app.url(path)).await.expect("request");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn an_insight_is_added_and_read_back_in_full() {
    let app = TestApp::spawn().await;
    let officer = app.api(OFFICER).await;
    let mut body = insight(
        "Evening support for carers",
        "Carers said the helpline closes before they finish work.",
        "carers-support",
    );
    body["service_areas"] = json!(["carers", "information"]);
    let (status, created) = officer.post("/api/v1/insights", body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().expect("id");
    let (status, read) = officer.get(&format!("/api/v1/insights/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{read}");
    assert_eq!(read, created);
    assert_eq!(read["title"], "Evening support for carers");
    assert_eq!(
        read["findings"],
        "Carers said the helpline closes before they finish work."
    );
    assert_eq!(read["source"], "survey");
    assert_eq!(read["source_detail"], "The spring survey");
    assert_eq!(read["method"], "consultation");
    assert_eq!(read["rung"], "consultation");
    assert_eq!(read["happened_on"], "2026-03-14");
    assert_eq!(read["people_count"], 18);
    assert_eq!(read["topics"], json!(["carers-support"]));
    assert_eq!(read["service_areas"], json!(["carers", "information"]));
    assert_eq!(read["consent_to_reuse"], false);
    assert_eq!(read["visibility"], "partnership");
    assert_eq!(
        read["organisation_id"],
        app.actor(OFFICER).await.organisation_id.0
    );
    assert_eq!(read["attachments"], json!([]));
    assert_eq!(read["can_change"], true);
    assert!(
        read["created_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
}

#[tokio::test]
async fn refused_answers_are_named_by_field_and_store_nothing() {
    let app = TestApp::spawn().await;
    let officer = app.api(OFFICER).await;
    let before = insight_count(&app).await;

    let mut untitled = insight("x", "Findings", "transport");
    untitled.as_object_mut().expect("an object").remove("title");
    let (status, answer) = officer.post("/api/v1/insights", untitled).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["title"]);
    assert_eq!(answer["error"]["fields"]["title"], "Enter a title");

    let mut public_without_consent = insight("Buses", "The buses are late.", "transport");
    public_without_consent["visibility"] = json!("public");
    let (status, answer) = officer
        .post("/api/v1/insights", public_without_consent)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["visibility"]);

    // Values of the wrong type, unknown codes and unknown fields.
    let mut odd = insight("Buses", "The buses are late.", "moon-landings");
    odd["people_count"] = json!("many");
    odd["source"] = json!("project");
    let (status, answer) = officer.post("/api/v1/insights", odd).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["people_count"]);
    let mut odd = insight("Buses", "The buses are late.", "moon-landings");
    odd["source"] = json!("project");
    let (status, answer) = officer.post("/api/v1/insights", odd).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["project_id", "topics"]);
    let mut odd = insight("Buses", "The buses are late.", "transport");
    odd["colour"] = json!("blue");
    let (status, _) = officer.post("/api/v1/insights", odd).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    assert_eq!(insight_count(&app).await, before, "nothing was stored");

    // A role that may not add insights is refused.
    let board = app.api("board@northshire-council.example").await;
    let (status, _) = board
        .post(
            "/api/v1/insights",
            insight("Buses", "The buses are late.", "transport"),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(insight_count(&app).await, before);
}

#[tokio::test]
async fn search_puts_the_best_match_first_and_marks_the_words() {
    let app = TestApp::spawn().await;
    let officer = app.api(OFFICER).await;
    let nhs = app.api(NHS_ADMIN).await;
    for (n, topic) in ["housing", "transport", "housing", "home-care"]
        .iter()
        .enumerate()
    {
        add(
            &officer,
            insight(
                &format!("Listening event {n}"),
                "People said the zephyrine letters were confusing & slow.",
                topic,
            ),
        )
        .await;
    }
    let wanted = add(
        &nhs,
        insight(
            "Getting to the day centre",
            "The zephyrine minibus reaches the centre > an hour after the session \
             starts & so people miss the quoits class.",
            "transport",
        ),
    )
    .await;

    let (status, found) = officer.get("/api/v1/insights?q=quoits%20minibus").await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(ids(&found["items"]).first(), Some(&wanted), "{found}");
    assert_eq!(found["total"], 1);
    assert_eq!(found["page"], 1);
    assert_eq!(found["pages"], 1);
    let hit = &found["items"][0];
    let snippet = hit["snippet"].as_str().expect("snippet");
    assert!(snippet.contains("<mark>"), "{snippet}");
    assert!(
        snippet.to_lowercase().contains("<mark>quoits</mark>"),
        "{snippet}"
    );
    assert!(!snippet.contains('\u{1}') && !snippet.contains('\u{2}'));
    // The text's own symbols are escaped, so only the marks are markup.
    assert!(snippet.contains("centre &gt; an hour"), "{snippet}");
    assert!(snippet.contains("starts &amp; so"), "{snippet}");
    assert_eq!(
        hit["organisation_name"].as_str().map(str::is_empty),
        Some(false)
    );
    assert_eq!(hit["method"], "consultation");
    assert_eq!(hit["people_count"], 18);
    assert_eq!(hit["happened_on"], "2026-03-14");
    assert_eq!(hit["visibility"], "partnership");

    // The topic filter narrows a broad search to its topic.
    let (_, broad) = officer.get("/api/v1/insights?q=zephyrine").await;
    assert_eq!(broad["total"], 5, "{broad}");
    let (_, narrowed) = officer
        .get("/api/v1/insights?q=zephyrine&topic=housing")
        .await;
    assert_eq!(narrowed["total"], 2, "{narrowed}");
    for item in narrowed["items"].as_array().expect("items") {
        assert!(
            item["topics"]
                .as_array()
                .expect("topics")
                .contains(&json!("housing"))
        );
    }
    // And the organisation filter to its organisation.
    let nhs_org = app.actor(NHS_ADMIN).await.organisation_id.0;
    let (_, theirs) = officer
        .get(&format!(
            "/api/v1/insights?q=zephyrine&organisation_id={nhs_org}"
        ))
        .await;
    assert_eq!(ids(&theirs["items"]), vec![wanted], "{theirs}");

    // Filter values that are not known are refused, each by name.
    let (status, answer) = officer
        .get(
            "/api/v1/insights?topic=moon&method=shouting&visibility=secret\
             &from=2026-02-30&organisation_id=x&page=0&service_area=space",
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(
        fields(&answer),
        vec![
            "from",
            "method",
            "organisation_id",
            "page",
            "service_area",
            "topic",
            "visibility"
        ]
    );
    let (status, answer) = officer
        .get("/api/v1/insights?from=2026-05-01&to=2026-04-01")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["to"]);
    // Dates bound the engagements found.
    let (_, dated) = officer
        .get("/api/v1/insights?q=quoits&from=2026-03-15")
        .await;
    assert_eq!(dated["total"], 0, "{dated}");
    let (_, dated) = officer
        .get("/api/v1/insights?q=quoits&from=2026-03-14&to=2026-03-14")
        .await;
    assert_eq!(dated["total"], 1, "{dated}");
}

#[tokio::test]
async fn an_organisation_only_insight_is_not_found_by_other_organisations() {
    let app = TestApp::spawn().await;
    let officer = app.api(OFFICER).await;
    let nhs = app.api(NHS_ADMIN).await;
    let mut private = insight(
        "Sheltered housing wardens in Brindlemoor",
        "Residents praised the wardens' rounds at Larkspur Court.",
        "housing",
    );
    private["visibility"] = json!("organisation");
    let private = add(&officer, private).await;

    let path = format!("/api/v1/insights/{private}");
    let (status, answer) = nhs.get(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
    assert_eq!(answer["error"]["message"], "Not found");
    let (status, _) = officer.get(&path).await;
    assert_eq!(status, StatusCode::OK);

    let (_, theirs) = nhs.get("/api/v1/insights?q=larkspur%20wardens").await;
    assert_eq!(theirs["total"], 0, "{theirs}");
    let (_, ours) = officer.get("/api/v1/insights?q=larkspur%20wardens").await;
    assert_eq!(ids(&ours["items"]), vec![private]);

    let related = "/api/v1/related?title=Sheltered%20housing%20wardens&topics=housing";
    let (status, theirs) = nhs.get(related).await;
    assert_eq!(status, StatusCode::OK, "{theirs}");
    assert!(!ids(&theirs["insights"]).contains(&private), "{theirs}");
    let (_, ours) = officer.get(related).await;
    assert_eq!(ids(&ours["insights"]).first(), Some(&private), "{ours}");

    // Without a token, nothing at all.
    let (status, _) = public(&app, &path).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_patch_changes_only_the_fields_sent() {
    let app = TestApp::spawn().await;
    let officer = app.api(OFFICER).await;
    let id = add(
        &officer,
        insight(
            "Direct payments forms",
            "People found the forms long.",
            "direct-payments",
        ),
    )
    .await;
    let path = format!("/api/v1/insights/{id}");
    let (_, before) = officer.get(&path).await;
    let (status, after) = officer
        .patch(
            &path,
            json!({"title": "Direct payments paperwork", "people_count": 40}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{after}");
    assert_eq!(after["title"], "Direct payments paperwork");
    assert_eq!(after["people_count"], 40);
    for unchanged in [
        "summary",
        "findings",
        "source",
        "source_detail",
        "method",
        "rung",
        "happened_on",
        "topics",
        "service_areas",
        "localities",
        "consent_to_reuse",
        "visibility",
        "created_at",
    ] {
        assert_eq!(after[unchanged], before[unchanged], "{unchanged}");
    }
    // Null clears an optional answer.
    let (status, after) = officer.patch(&path, json!({"source_detail": null})).await;
    assert_eq!(status, StatusCode::OK, "{after}");
    assert_eq!(after["source_detail"], Value::Null);
    assert_eq!(after["title"], "Direct payments paperwork");
    // A refused change keeps everything as it was.
    let (status, answer) = officer
        .patch(&path, json!({"visibility": "public", "title": "Forms"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["visibility"]);
    let (_, now) = officer.get(&path).await;
    assert_eq!(now["title"], "Direct payments paperwork");
    assert_eq!(now["visibility"], "partnership");
    // With consent it may be public.
    let (status, after) = officer
        .patch(
            &path,
            json!({"visibility": "public", "consent_to_reuse": true}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{after}");
    assert_eq!(after["visibility"], "public");
}

#[tokio::test]
async fn another_organisation_cannot_change_an_insight_it_can_read() {
    let app = TestApp::spawn().await;
    let officer = app.api(OFFICER).await;
    let nhs = app.api(NHS_ADMIN).await;
    let id = add(
        &officer,
        insight(
            "Hospital discharge at weekends",
            "People waited all weekend for a care package.",
            "hospital-discharge",
        ),
    )
    .await;
    let path = format!("/api/v1/insights/{id}");
    let (status, seen) = nhs.get(&path).await;
    assert_eq!(status, StatusCode::OK, "shared with the partnership");
    assert_eq!(seen["can_change"], false);
    let (status, answer) = nhs.patch(&path, json!({"title": "Taken over"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
    // Not found before the body is read: even a nonsense body is 404.
    let (status, _) = nhs.patch(&path, json!({"colour": 7})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, now) = officer.get(&path).await;
    assert_eq!(now["title"], "Hospital discharge at weekends");
    assert_eq!(now["updated_at"], seen["updated_at"]);
    // An id that is not one is not found either.
    let (status, _) = nhs.patch("/api/v1/insights/abc", json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn related_work_is_found_by_title_words_and_topic() {
    let app = TestApp::spawn().await;
    let officer = app.api(OFFICER).await;
    let nhs = app.api(NHS_ADMIN).await;
    let by_words = add(
        &nhs,
        insight(
            "Respite breaks on Quillby Island",
            "Young carers want short breaks in the school holidays.",
            "carers-support",
        ),
    )
    .await;
    let by_topic = add(
        &nhs,
        insight(
            "Supported employment",
            "People with learning disabilities asked for job coaches.",
            "employment",
        ),
    )
    .await;
    let (status, related) = officer
        .get("/api/v1/related?title=Planning%20Quillby%20respite%20breaks&topics=employment")
        .await;
    assert_eq!(status, StatusCode::OK, "{related}");
    let found = ids(&related["insights"]);
    assert!(found.contains(&by_words), "{related}");
    assert!(found.contains(&by_topic), "{related}");
    assert_eq!(found.first(), Some(&by_words), "{related}");
    assert!(
        related["words"]
            .as_array()
            .expect("words")
            .contains(&json!("quillby"))
    );
    for list in ["projects", "you_said"] {
        assert!(related[list].is_array(), "{list}: {related}");
    }
    // Topics may be sent as a list with commas, or repeated.
    let (_, repeated) = officer
        .get("/api/v1/related?topics=housing&topics=employment")
        .await;
    assert!(ids(&repeated["insights"]).contains(&by_topic), "{repeated}");
    let (_, commas) = officer
        .get("/api/v1/related?topics=housing,employment")
        .await;
    assert!(ids(&commas["insights"]).contains(&by_topic), "{commas}");
    // Nothing to compare with, or an unknown topic, is refused.
    let (status, answer) = officer.get("/api/v1/related").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    let (status, answer) = officer.get("/api/v1/related?topics=moon").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["topics"]);
}

/// The "you said, we did" emails to `to` in the outbox.
fn status_mails(app: &TestApp, to: &str) -> usize {
    let dir = app.data_dir.path().join("outbox");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .map(|m| {
            m.replace("=\r\n", "")
                .replace("=\n", "")
                .replace("\r\n ", " ")
        })
        .filter(|m| m.contains("What happened to what you told us") && m.contains(to))
        .count()
}

/// Waits up to 5 s for `count` status emails to `to`.
async fn wait_for_mails(app: &TestApp, to: &str, count: usize) {
    for _ in 0..100 {
        if status_mails(app, to) >= count {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("expected {count} emails to {to}");
}

/// A person on the officer's register who agreed to hear back by email.
async fn listener(app: &TestApp, name: &str, email: &str) -> i64 {
    app.add_person(
        OFFICER,
        coproduce_services::people::Answers {
            name: name.into(),
            email: email.into(),
            contact_methods: vec!["email".into()],
            experience_types: vec!["unpaid_carer".into()],
            recognition: "paid".into(),
            ..Default::default()
        },
    )
    .await
    .0
}

fn entry(insight: i64, topic: &str, published: bool) -> Value {
    json!({
        "statement": "The bus gets us to the day centre late",
        "theme": "Transport",
        "insight_id": insight,
        "topics": [topic],
        "action": "We moved the start time to 10:30",
        "owner": "Day services manager",
        "due_on": "2026-09-30",
        "status": "planned",
        "published": published,
    })
}

#[tokio::test]
async fn a_new_status_emails_each_listener_exactly_once() {
    let app = TestApp::spawn().await;
    let officer = app.api(OFFICER).await;
    let insight_id = add(
        &officer,
        insight(
            "Buses to the day centre",
            "The buses are late.",
            "transport",
        ),
    )
    .await;
    let rosa = listener(&app, "Rosa Listener", "rosa@example.org").await;
    let mut body = entry(insight_id, "transport", true);
    body["listener_ids"] = json!([rosa]);
    let (status, created) = officer.post("/api/v1/you-said-we-did", body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().expect("id");
    assert_eq!(created["status"], "planned");
    assert_eq!(created["insight_id"], insight_id);
    assert_eq!(created["insight_title"], "Buses to the day centre");
    assert_eq!(created["due_on"], "2026-09-30");
    assert_eq!(created["listeners"][0]["person_id"], rosa);
    assert_eq!(created["listeners"][0]["has_email"], true);
    assert_eq!(created["can_change"], true);

    let path = format!("/api/v1/you-said-we-did/{id}");
    let (status, changed) = officer.patch(&path, json!({"status": "done"})).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["status"], "done");
    assert_eq!(changed["emailed"], 1);
    assert_eq!(
        changed["statement"], created["statement"],
        "the rest is kept"
    );
    assert_eq!(changed["listeners"], created["listeners"]);
    let updates = changed["updates"].as_array().expect("updates");
    assert_eq!(updates.len(), 2, "{changed}");
    assert_eq!(updates[1]["status"], "done");
    assert_eq!(updates[1]["emailed"], 1);
    wait_for_mails(&app, "rosa@example.org", 1).await;

    // The same status again emails nobody.
    let (status, again) = officer.patch(&path, json!({"status": "done"})).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["emailed"], 0);
    // Neither does a change of words.
    let (status, words) = officer
        .patch(&path, json!({"owner": "Transport team"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{words}");
    assert_eq!(words["emailed"], 0);
    assert_eq!(words["owner"], "Transport team");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(status_mails(&app, "rosa@example.org"), 1);

    // Not possible needs its reason; nothing changes without it.
    let (status, answer) = officer
        .patch(&path, json!({"status": "not_possible"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["reason"]);
    let (_, now) = officer.get(&path).await;
    assert_eq!(now["status"], "done");
    let (status, refused) = officer
        .patch(
            &path,
            json!({"status": "not_possible", "reason": "The bus company would not move the timetable"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{refused}");
    assert_eq!(refused["emailed"], 1);
    assert_eq!(
        refused["reason"],
        "The bus company would not move the timetable"
    );
    wait_for_mails(&app, "rosa@example.org", 2).await;

    // The people to tell are not changed by a PATCH.
    let (status, answer) = officer.patch(&path, json!({"listener_ids": []})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["listener_ids"]);

    // Another organisation reads the published entry, but cannot change
    // it or see who is told.
    let nhs = app.api(NHS_ADMIN).await;
    let (status, seen) = nhs.get(&path).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["listeners"], json!([]));
    assert_eq!(seen["insight_title"], Value::Null);
    let (status, _) = nhs.patch(&path, json!({"status": "planned"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, now) = officer.get(&path).await;
    assert_eq!(now["status"], "not_possible");
}

#[tokio::test]
async fn a_new_entry_is_checked_before_it_is_stored() {
    let app = TestApp::spawn().await;
    let officer = app.api(OFFICER).await;
    let nhs = app.api(NHS_ADMIN).await;
    let mut private = insight("Wardens", "Wardens were praised.", "housing");
    private["visibility"] = json!("organisation");
    let theirs = add(&nhs, private).await;
    let nhs_person = app
        .add_person(
            NHS_ADMIN,
            coproduce_services::people::Answers {
                name: "Someone Else".into(),
                email: "else@example.org".into(),
                contact_methods: vec!["email".into()],
                experience_types: vec!["unpaid_carer".into()],
                recognition: "paid".into(),
                ..Default::default()
            },
        )
        .await
        .0;
    let (_, before) = officer.get("/api/v1/you-said-we-did?limit=200").await;
    let mut body = entry(theirs, "transport", true);
    body["status"] = json!("not_possible");
    body["listener_ids"] = json!([nhs_person]);
    let (status, answer) = officer.post("/api/v1/you-said-we-did", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(
        fields(&answer),
        vec!["insight_id", "listener_ids", "reason"],
        "{answer}"
    );
    let mut body = entry(theirs, "transport", true);
    body.as_object_mut().expect("object").remove("insight_id");
    let (status, answer) = officer.post("/api/v1/you-said-we-did", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["insight_id"]);
    let (_, after) = officer.get("/api/v1/you-said-we-did?limit=200").await;
    assert_eq!(after["items"], before["items"], "nothing was stored");
}

#[tokio::test]
async fn the_public_list_shows_published_entries_with_no_token() {
    let app = TestApp::spawn().await;
    let officer = app.api(OFFICER).await;
    let nhs = app.api(NHS_ADMIN).await;
    let council_insight = add(
        &officer,
        insight("Buses", "The buses are late.", "transport"),
    )
    .await;
    let nhs_insight = add(&nhs, insight("Discharge", "Waits were long.", "transport")).await;
    let mut published = Vec::new();
    let mut hidden = Vec::new();
    for n in 0..5 {
        let topic = if n % 2 == 0 { "transport" } else { "housing" };
        let (status, body) = officer
            .post(
                "/api/v1/you-said-we-did",
                entry(council_insight, topic, n != 4),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let id = body["id"].as_i64().expect("id");
        if n == 4 {
            hidden.push((id, topic));
        } else {
            published.push((id, topic));
        }
    }
    let (status, body) = nhs
        .post(
            "/api/v1/you-said-we-did",
            entry(nhs_insight, "transport", true),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let nhs_entry = body["id"].as_i64().expect("id");

    // Every page, one entry at a time, newest first.
    let mut seen: Vec<i64> = Vec::new();
    let mut after = String::new();
    loop {
        let (status, page) = public(
            &app,
            &format!("/api/v1/public/you-said-we-did?limit=1&after={after}"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let items = page["items"].as_array().expect("items");
        assert!(items.len() <= 1);
        seen.extend(ids(&page["items"]));
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => break,
        }
    }
    let (_, whole) = public(&app, "/api/v1/public/you-said-we-did?limit=200").await;
    assert_eq!(ids(&whole["items"]), seen, "paging finds the same entries");
    assert!(seen.windows(2).all(|w| w[0] > w[1]), "newest first");
    for (id, _) in &published {
        assert!(seen.contains(id), "published entry {id}");
    }
    assert!(seen.contains(&nhs_entry));
    assert!(
        !seen.contains(&hidden[0].0),
        "unpublished entries stay hidden"
    );
    let item = &whole["items"][0];
    assert_eq!(item["status"], "planned");
    assert_eq!(item["reason"], Value::Null);
    assert!(item.get("listeners").is_none() && item.get("published").is_none());

    // Filtered by topic, then by organisation.
    let (_, housing) = public(&app, "/api/v1/public/you-said-we-did?topic=housing").await;
    let housing_ids = ids(&housing["items"]);
    for (id, topic) in &published {
        assert_eq!(housing_ids.contains(id), *topic == "housing", "{housing}");
    }
    for item in housing["items"].as_array().expect("items") {
        assert!(
            item["topics"]
                .as_array()
                .expect("topics")
                .contains(&json!("housing"))
        );
    }
    let council = app.actor(OFFICER).await.organisation_id.0;
    let (_, councils) = public(
        &app,
        &format!("/api/v1/public/you-said-we-did?organisation_id={council}"),
    )
    .await;
    let council_ids = ids(&councils["items"]);
    assert!(!council_ids.contains(&nhs_entry), "{councils}");
    for (id, _) in &published {
        assert!(council_ids.contains(id), "{councils}");
    }
    let (status, answer) = public(
        &app,
        "/api/v1/public/you-said-we-did?topic=moon&organisation_id=x",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["organisation_id", "topic"]);

    // One published entry by id; an unpublished one is not found.
    let (status, one) = public(
        &app,
        &format!("/api/v1/public/you-said-we-did/{}", published[0].0),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{one}");
    assert_eq!(one["action"], "We moved the start time to 10:30");
    let (status, _) = public(
        &app,
        &format!("/api/v1/public/you-said-we-did/{}", hidden[0].0),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Staff see their own unpublished entries too; other organisations
    // do not.
    let own: Vec<i64> = officer
        .all("/api/v1/you-said-we-did")
        .await
        .iter()
        .filter_map(|item| item["id"].as_i64())
        .collect();
    assert!(own.contains(&hidden[0].0));
    let admin = app.api(ADMIN).await;
    let (status, _) = admin
        .get(&format!("/api/v1/you-said-we-did/{}", hidden[0].0))
        .await;
    assert_eq!(status, StatusCode::OK, "the same organisation");
    let others: Vec<i64> = nhs
        .all("/api/v1/you-said-we-did")
        .await
        .iter()
        .filter_map(|item| item["id"].as_i64())
        .collect();
    assert!(!others.contains(&hidden[0].0));
    let (status, _) = nhs
        .get(&format!("/api/v1/you-said-we-did/{}", hidden[0].0))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
