//! Activities and invitations through the JSON API, and the acceptance
//! test for the waiting list: many people accepting at once never overbook
//! an activity, and a place given up goes to the first person waiting.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ApiClient, NHS_ADMIN, OFFICER, TestApp};

const BOARD: &str = "board@northshire-council.example";

/// Plans an activity and answers its id.
async fn plan(api: &ApiClient, body: Value) -> i64 {
    let (status, body) = api.post("/api/v1/activities", body).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_i64().expect("id")
}

/// Invites people and answers their invitations' ids, in the order sent.
async fn invite(api: &ApiClient, activity: i64, people: &[i64]) -> Vec<i64> {
    let (status, body) = api
        .post(
            &format!("/api/v1/activities/{activity}/invitations"),
            json!({ "person_ids": people }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let items = body["items"].as_array().expect("items");
    people
        .iter()
        .map(|person| {
            items
                .iter()
                .find(|i| i["person_id"].as_i64() == Some(*person))
                .and_then(|i| i["id"].as_i64())
                .expect("an invitation for each person")
        })
        .collect()
}

/// The activity's invitations as stored.
async fn stored_invitations(api: &ApiClient, activity: i64) -> Vec<Value> {
    let (status, body) = api
        .get(&format!("/api/v1/activities/{activity}/invitations"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["items"].as_array().expect("items").clone()
}

/// A workshop in the summer of 2030, with this many places.
fn workshop(title: &str, places: i64) -> Value {
    json!({
        "type": "workshop",
        "title": title,
        "description": "We look at the new home care leaflet together and say what to change.",
        "starts_at": "2030-06-12T13:00:00Z",
        "ends_at": "2030-06-12T15:00:00+00:00",
        "places": places,
        "place": "Northshire Library, Meeting Room 2",
        "place_features": ["step_free", "hearing_loop"],
        "experience_areas": ["dementia"],
    })
}

/// Adds a person with an email address to the register of the
/// organisation `staff` works for.
async fn person(app: &TestApp, staff: &str, name: &str, email: &str) -> i64 {
    let answers = coproduce_services::people::Answers {
        name: name.into(),
        contact_methods: vec!["email".into()],
        email: email.into(),
        experience_types: vec!["unpaid_carer".into()],
        recognition: "volunteer".into(),
        ..Default::default()
    };
    app.add_person(staff, answers).await.0
}

/// An email as plain text, with quoted-printable soft breaks and folded
/// headers joined up.
fn unwrapped(mail: &str) -> String {
    mail.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("\r\n ", " ")
        .replace("=3D", "=")
}

#[tokio::test]
async fn twenty_people_accepting_at_once_fill_three_places_and_wait_in_turn() {
    let app = TestApp::spawn().await;
    let api = app.api(OFFICER).await;
    let activity = plan(&api, workshop("Leaflet workshop", 3)).await;
    let mut people = Vec::new();
    for n in 0..20 {
        people.push(
            person(
                &app,
                OFFICER,
                &format!("Waiting Person {n}"),
                &format!("waiting.person.{n}@example.com"),
            )
            .await,
        );
    }
    let invitations = invite(&api, activity, &people).await;
    assert_eq!(invitations.len(), 20);

    // Everyone says yes at the same moment.
    let mut tasks = Vec::new();
    for invitation in &invitations {
        let client = reqwest::Client::new();
        let url = app.url(&format!("/api/v1/invitations/{invitation}/reply"));
        let token = api.token.clone();
        tasks.push(tokio::spawn(async move {
            let response = client
                .post(url)
                .bearer_auth(token)
                .json(&json!({"answer": "accept"}))
                .send()
                .await
                .expect("reply");
            let status = response.status();
            let body: Value = response.json().await.unwrap_or(Value::Null);
            (status, body)
        }));
    }
    let mut answered = Vec::new();
    for task in tasks {
        let (status, body) = task.await.expect("task");
        assert_eq!(status, StatusCode::OK, "{body}");
        answered.push(
            body["invitation"]["status"]
                .as_str()
                .unwrap_or("")
                .to_owned(),
        );
    }
    let count = |list: &[String], status: &str| list.iter().filter(|s| *s == status).count();
    assert_eq!(count(&answered, "accepted"), 3, "{answered:?}");
    assert_eq!(count(&answered, "waiting_list"), 17, "{answered:?}");

    // The stored invitations agree, and the waiting list has no gaps.
    let stored = stored_invitations(&api, activity).await;
    let statuses: Vec<String> = stored
        .iter()
        .map(|i| i["status"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(count(&statuses, "accepted"), 3, "{statuses:?}");
    assert_eq!(count(&statuses, "waiting_list"), 17, "{statuses:?}");
    let mut positions: Vec<i64> = stored
        .iter()
        .filter_map(|i| i["waiting_position"].as_i64())
        .collect();
    positions.sort_unstable();
    assert_eq!(positions, (1..=17).collect::<Vec<_>>());
    let first_waiting = stored
        .iter()
        .find(|i| i["waiting_position"].as_i64() == Some(1))
        .expect("someone first in line");
    let first_person = first_waiting["person_id"].as_i64().expect("person");
    let (_, list) = api.get("/api/v1/activities").await;
    let line = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|a| a["id"].as_i64() == Some(activity))
        .expect("the activity is listed")
        .clone();
    assert_eq!(line["accepted"], 3);
    assert_eq!(line["waiting_list"], 17);

    // Someone with a place cannot come after all: the first in line moves up.
    let leaving = stored
        .iter()
        .find(|i| i["status"] == "accepted")
        .and_then(|i| i["id"].as_i64())
        .expect("an accepted invitation");
    let (status, body) = api
        .post(
            &format!("/api/v1/invitations/{leaving}/reply"),
            json!({"answer": "decline"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["invitation"]["status"], "declined");
    assert_eq!(body["moved_up"]["person_id"].as_i64(), Some(first_person));
    assert_eq!(body["moved_up"]["status"], "accepted");
    let stored = stored_invitations(&api, activity).await;
    let moved = stored
        .iter()
        .find(|i| i["person_id"].as_i64() == Some(first_person))
        .expect("moved up");
    assert_eq!(moved["status"], "accepted");
    assert_eq!(
        stored.iter().filter(|i| i["status"] == "accepted").count(),
        3
    );

    // They are told by email: 20 invitations, then the good news.
    let index = people
        .iter()
        .position(|p| *p == first_person)
        .expect("one of ours");
    let address = format!("waiting.person.{index}@example.com");
    let mut told = false;
    for _ in 0..50 {
        told = app
            .outbox(21)
            .await
            .iter()
            .map(|m| unwrapped(m))
            .any(|m| m.contains(&address) && m.contains("A place is free"));
        if told {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(told, "no email to {address} about the free place");

    // Saying yes twice changes nothing.
    let again = invitations
        .iter()
        .find(|i| **i != leaving)
        .expect("another invitation");
    let (status, _) = api
        .post(
            &format!("/api/v1/invitations/{again}/reply"),
            json!({"answer": "accept"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let stored = stored_invitations(&api, activity).await;
    assert_eq!(
        stored.iter().filter(|i| i["status"] == "accepted").count(),
        3
    );
}

#[tokio::test]
async fn an_activity_is_planned_in_rfc_3339_or_as_people_type_it() {
    let app = TestApp::spawn().await;
    let api = app.api(OFFICER).await;
    let (status, body) = api
        .post("/api/v1/activities", workshop("Leaflet workshop", 8))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["type"], "workshop");
    assert_eq!(body["starts_at"], "2030-06-12T13:00:00Z");
    assert_eq!(body["ends_at"], "2030-06-12T15:00:00Z");
    assert_eq!(body["places"], 8);
    assert_eq!(body["place_features"], json!(["step_free", "hearing_loop"]));
    assert_eq!(body["project_id"], Value::Null);
    let id = body["id"].as_i64().expect("id");
    let (status, read) = api.get(&format!("/api/v1/activities/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read, body);

    // A winter date typed as in the UK: UK time is UTC then.
    let (status, body) = api
        .post(
            "/api/v1/activities",
            json!({
                "type": "forum_meeting",
                "title": "Carers forum",
                "description": "Carers meet to talk about respite.",
                "date": "14/1/2031",
                "starts": "2pm",
                "ends": "16:30",
                "places": "12",
                "online_link": "https://meet.example.com/carers",
                "platform": "Teams",
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["starts_at"], "2031-01-14T14:00:00Z");
    assert_eq!(body["ends_at"], "2031-01-14T16:30:00Z");
    assert_eq!(body["place"], Value::Null);
}

#[tokio::test]
async fn a_refused_activity_names_each_field() {
    let app = TestApp::spawn().await;
    let api = app.api(OFFICER).await;
    let (status, body) = api.post("/api/v1/activities", json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    for field in [
        "type",
        "title",
        "description",
        "starts_at",
        "ends_at",
        "places",
        "place",
    ] {
        assert!(
            body["error"]["fields"][field].is_string(),
            "{field} in {body}"
        );
    }

    let mut backwards = workshop("Backwards", 5);
    backwards["ends_at"] = json!("2030-06-12T12:00:00Z");
    let (status, body) = api.post("/api/v1/activities", backwards).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["error"]["fields"]["ends_at"].is_string(), "{body}");

    let mut wrong = workshop("Wrong types", 5);
    wrong["places"] = json!("lots");
    wrong["type"] = json!("picnic");
    wrong["starts_at"] = json!("next Tuesday");
    let (status, body) = api.post("/api/v1/activities", wrong).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    for field in ["places", "type", "starts_at"] {
        assert!(
            body["error"]["fields"][field].is_string(),
            "{field} in {body}"
        );
    }

    let response = api
        .client
        .post(app.url("/api/v1/activities"))
        .bearer_auth(&api.token)
        .header("content-type", "application/json")
        .body("{\"title\": ")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // Nothing was planned.
    let (_, list) = api.get("/api/v1/activities").await;
    assert!(
        list["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|a| a["title"] != "Backwards" && a["title"] != "Wrong types")
    );
}

#[tokio::test]
async fn other_organisations_and_board_members_are_kept_out() {
    let app = TestApp::spawn().await;
    let api = app.api(OFFICER).await;
    let activity = plan(&api, workshop("Council only", 4)).await;
    let someone = person(&app, OFFICER, "Ann Example", "ann@example.com").await;
    let invitation = invite(&api, activity, &[someone]).await[0];

    let trust = app.api(NHS_ADMIN).await;
    for path in [
        format!("/api/v1/activities/{activity}"),
        format!("/api/v1/activities/{activity}.ics"),
        format!("/api/v1/activities/{activity}/invitations"),
        format!("/api/v1/activities/{activity}/suggestions"),
    ] {
        let (status, _) = trust.get(&path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (status, _) = trust
        .post(
            &format!("/api/v1/invitations/{invitation}/reply"),
            json!({"answer": "accept"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = trust
        .put(
            &format!("/api/v1/activities/{activity}/attendance/{someone}"),
            json!({"status": "attended"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = trust.get("/api/v1/activities").await;
    assert!(
        list["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|a| a["id"].as_i64() != Some(activity))
    );

    let board = app.api(BOARD).await;
    let (status, _) = board.get("/api/v1/activities").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = board.get(&format!("/api/v1/activities/{activity}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = board
        .post("/api/v1/activities", workshop("Not allowed", 2))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = board
        .post(
            &format!("/api/v1/invitations/{invitation}/reply"),
            json!({"answer": "accept"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, _) = board
        .put(
            &format!("/api/v1/activities/{activity}/attendance/{someone}"),
            json!({"status": "attended"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = board
        .get(&format!("/api/v1/activities/{activity}/suggestions"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Suggestions leave out whoever is already invited.
    let (status, body) = api
        .get(&format!(
            "/api/v1/activities/{activity}/suggestions?limit=50"
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|s| s["person_id"].as_i64() != Some(someone))
    );
    let (status, _) = api
        .get(&format!(
            "/api/v1/activities/{activity}/suggestions?limit=many"
        ))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // The invitation is untouched.
    let stored = stored_invitations(&api, activity).await;
    assert_eq!(stored[0]["status"], "invited");
}

#[tokio::test]
async fn attendance_is_recorded_and_shown_with_the_invitations() {
    let app = TestApp::spawn().await;
    let api = app.api(OFFICER).await;
    let activity = plan(&api, workshop("Attendance check", 4)).await;
    let someone = person(&app, OFFICER, "Bea Example", "bea@example.com").await;
    let stranger = person(&app, OFFICER, "Cy Example", "cy@example.com").await;
    invite(&api, activity, &[someone]).await;
    let path = format!("/api/v1/activities/{activity}/attendance/{someone}");

    let (status, body) = api
        .put(&path, json!({"status": "maybe", "minutes": 90}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["error"]["fields"]["status"].is_string(), "{body}");
    let (status, body) = api
        .put(&path, json!({"status": "attended", "minutes": -5}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["error"]["fields"]["minutes"].is_string(), "{body}");

    let (status, body) = api
        .put(
            &path,
            json!({"status": "attended", "minutes": 120, "notes": "Stayed for the whole session."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["attendance"], "attended");
    let stored = stored_invitations(&api, activity).await;
    let record = stored
        .iter()
        .find(|i| i["person_id"].as_i64() == Some(someone))
        .expect("invitation");
    assert_eq!(record["attendance"], "attended");
    assert_eq!(record["minutes"], 120);
    assert_eq!(record["attendance_notes"], "Stayed for the whole session.");

    // Someone who was not invited has no attendance to record.
    let (status, _) = api
        .put(
            &format!("/api/v1/activities/{activity}/attendance/{stranger}"),
            json!({"status": "attended"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_activity_comes_as_a_calendar_file_in_utc() {
    let app = TestApp::spawn().await;
    let api = app.api(OFFICER).await;
    let activity = plan(&api, workshop("Calendar check", 4)).await;
    let response = api
        .client
        .get(app.url(&format!("/api/v1/activities/{activity}.ics")))
        .bearer_auth(&api.token)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(content_type.starts_with("text/calendar"), "{content_type}");
    let text = response.text().await.expect("body");
    assert!(text.starts_with("BEGIN:VCALENDAR"), "{text}");
    // 2pm in London in June is 1pm in UTC.
    assert!(text.contains("DTSTART:20300612T130000Z"), "{text}");
    assert!(text.contains("SUMMARY:Calendar check"), "{text}");

    let (status, _) = api.get("/api/v1/activities/999999.ics").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = api.get("/api/v1/activities/not-a-number").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
