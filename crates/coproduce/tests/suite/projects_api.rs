//! Projects and the decision log through the JSON API, and the public
//! projects and ladder that need no token.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ADMIN, ApiClient, NHS_ADMIN, OFFICER, TestApp};

/// How many projects the caller's organisation has.
async fn project_total(api: &ApiClient) -> i64 {
    let (status, body) = api.get("/api/v1/projects").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["total"].as_i64().expect("total")
}

/// Plans a project and answers its id.
async fn plan(api: &ApiClient, body: Value) -> i64 {
    let (status, body) = api.post("/api/v1/projects", body).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_i64().expect("id")
}

/// A GET with no Authorization header, as anyone on the internet.
async fn public(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let response = reqwest::get(app.url(path)).await.expect("request");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// A project planned at co-design, which owes no reason.
fn co_designed(title: &str) -> Value {
    json!({
        "title": title,
        "summary": "People who use day services help plan the new timetable.",
        "service_area": "day_opportunities",
        "level": "service_design",
        "methods": ["involvement", "co_production"],
        "planned_rung": "co_design",
        "rung_reason": "People will shape the timetable with us.",
    })
}

/// A project planned at consultation, with or without its reason for not
/// being co-produced.
fn consultation(title: &str, with_reason: bool) -> Value {
    let mut body = json!({
        "title": title,
        "summary": "Carers tell us what they think of the new leaflet.",
        "service_area": "carers",
        "level": "strategic",
        "planned_rung": "consultation",
        "rung_reason": "The leaflet must be ready by April.",
    });
    if with_reason {
        body["not_coproduced"] = json!({
            "category": "legal_deadline",
            "explanation": "The law sets the date the leaflet must be ready.",
            "decided_by": "The head of carers services",
            "instead": "Carers will write the next leaflet with us.",
        });
    }
    body
}

/// The field names of a 422 answer.
fn fields(body: &Value) -> Vec<String> {
    body["error"]["fields"]
        .as_object()
        .map(|f| f.keys().cloned().collect())
        .unwrap_or_default()
}

/// Every published project the public list shows, over all its pages.
async fn public_ids(app: &TestApp, query: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut after = String::new();
    loop {
        let (status, page) = public(
            app,
            &format!("/api/v1/public/projects?limit=2&after={after}&{query}"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        for item in page["items"].as_array().expect("items") {
            assert_eq!(item["published"], true, "{item}");
            ids.push(item["id"].as_i64().expect("id"));
        }
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => return ids,
        }
    }
}

/// The public ladder's count at each rung, by code.
async fn ladder(app: &TestApp) -> std::collections::BTreeMap<String, i64> {
    let (status, body) = public(app, "/api/v1/public/ladder").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let rungs = body["rungs"].as_array().expect("rungs");
    assert_eq!(rungs.len(), 7, "{body}");
    assert_eq!(rungs[0]["rung"], "coercion");
    assert_eq!(rungs[6]["rung"], "co_production");
    rungs
        .iter()
        .map(|r| {
            (
                r["rung"].as_str().expect("rung").to_owned(),
                r["projects"].as_i64().expect("count"),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_plan_below_co_design_must_say_why_and_is_private_until_published() {
    let app = TestApp::spawn().await;
    let api = app.api(ADMIN).await;
    let before = project_total(&api).await;

    let (status, body) = api
        .post("/api/v1/projects", consultation("Carers' leaflet", false))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        fields(&body),
        vec![
            "not_coproduced.category",
            "not_coproduced.decided_by",
            "not_coproduced.explanation",
            "not_coproduced.instead",
        ],
        "{body}"
    );
    assert_eq!(
        body["error"]["fields"]["not_coproduced.instead"],
        "Say what will be co-produced instead"
    );
    assert_eq!(project_total(&api).await, before, "nothing was saved");

    let (status, project) = api
        .post("/api/v1/projects", consultation("Carers' leaflet", true))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{project}");
    let id = project["id"].as_i64().expect("id");
    assert_eq!(project["title"], "Carers' leaflet");
    assert_eq!(project["planned_rung"], "consultation");
    assert_eq!(project["achieved_rung"], Value::Null);
    assert_eq!(project["level"], "strategic");
    assert_eq!(project["status"], "planning");
    assert_eq!(project["published"], false);
    assert_eq!(project["not_coproduced"]["category"], "legal_deadline");
    assert_eq!(
        project["not_coproduced"]["decided_by"],
        "The head of carers services"
    );
    assert_eq!(project_total(&api).await, before + 1);

    assert!(
        !public_ids(&app, "").await.contains(&id),
        "not published yet"
    );

    let (status, project) = api
        .patch(
            &format!("/api/v1/projects/{id}"),
            json!({"published": true}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{project}");
    assert_eq!(project["published"], true);
    assert_eq!(project["title"], "Carers' leaflet", "the rest is kept");

    assert!(public_ids(&app, "").await.contains(&id));
    let (status, page) = public(&app, "/api/v1/public/projects?limit=200").await;
    assert_eq!(status, StatusCode::OK);
    let item = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|p| p["id"] == id)
        .expect("the published project is listed")
        .clone();
    assert_eq!(item["not_coproduced"]["category"], "legal_deadline");
    assert_eq!(
        item["not_coproduced"]["explanation"],
        "The law sets the date the leaflet must be ready."
    );
    assert_eq!(
        item["not_coproduced"]["instead"],
        "Carers will write the next leaflet with us."
    );
    assert_eq!(item["organisation_name"], "Northshire Council");
}

#[tokio::test]
async fn unpublished_projects_are_not_public_and_staff_fields_never_are() {
    let app = TestApp::spawn().await;
    let api = app.api(ADMIN).await;
    let officer = app.user_id(OFFICER).await;
    let ladder_before = ladder(&app).await;

    let mut body = co_designed("Day centre timetable");
    body["planned_rung"] = json!("co_production");
    body["lead_user_id"] = json!(officer);
    let id = plan(&api, body).await;
    let (_, staff_view) = api.get(&format!("/api/v1/projects/{id}")).await;
    assert_eq!(staff_view["lead_user_id"], officer);

    let (status, body) = public(&app, &format!("/api/v1/public/projects/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(ladder(&app).await, ladder_before, "not counted");
    assert!(!public_ids(&app, "rung=co_production").await.contains(&id));

    let (status, _) = api
        .patch(
            &format!("/api/v1/projects/{id}"),
            json!({"published": true}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, project) = public(&app, &format!("/api/v1/public/projects/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{project}");
    assert_eq!(project["title"], "Day centre timetable");
    assert_eq!(project["planned_rung"], "co_production");
    assert_eq!(project["not_coproduced"], Value::Null);
    let object = project.as_object().expect("object");
    assert!(!object.contains_key("lead_user_id"), "{project}");
    assert!(!object.contains_key("members"), "{project}");
    let mut expected = ladder_before.clone();
    *expected.entry("co_production".into()).or_default() += 1;
    assert_eq!(ladder(&app).await, expected);
    for item in public(&app, "/api/v1/public/projects?limit=200").await.1["items"]
        .as_array()
        .expect("items")
    {
        assert!(item.get("lead_user_id").is_none(), "{item}");
    }

    let (status, _) = api
        .patch(
            &format!("/api/v1/projects/{id}"),
            json!({"published": false}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = public(&app, &format!("/api/v1/public/projects/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(ladder(&app).await, ladder_before);
    let (status, _) = public(&app, "/api/v1/public/projects/999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = public(&app, "/api/v1/public/projects/not-a-number").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn closing_needs_the_rung_reached_and_is_final() {
    let app = TestApp::spawn().await;
    let api = app.api(OFFICER).await;
    let id = plan(&api, co_designed("Timetable")).await;
    let path = format!("/api/v1/projects/{id}");
    let close = format!("/api/v1/projects/{id}/close");

    let (status, body) = api
        .post(&close, json!({"reflection": "It went well."}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["achieved_rung"]);
    let (status, body) = api
        .post(
            &close,
            json!({"achieved_rung": "the top", "reflection": ""}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["achieved_rung", "reflection"]);
    let (_, project) = api.get(&path).await;
    assert_eq!(project["status"], "planning", "still open");
    assert_eq!(project["achieved_rung"], Value::Null);

    let (status, project) = api
        .post(
            &close,
            json!({"achieved_rung": "engagement", "reflection": "People shaped some of it."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{project}");
    assert_eq!(project["status"], "closed");
    assert_eq!(project["achieved_rung"], "engagement");
    assert_eq!(project["planned_rung"], "co_design");
    assert_eq!(project["current_rung"], "engagement");
    assert_eq!(project["reflection"], "People shaped some of it.");

    let (status, body) = api
        .post(
            &close,
            json!({"achieved_rung": "co_production", "reflection": "Again."}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (status, _) = api.patch(&path, json!({"title": "A new title"})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = api.patch(&path, json!({"status": "active"})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (_, project) = api.get(&path).await;
    assert_eq!(project["title"], "Timetable");
    assert_eq!(project["status"], "closed");
    assert_eq!(project["achieved_rung"], "engagement");

    // Its outcome is still worth telling.
    let (status, project) = api.patch(&path, json!({"published": true})).await;
    assert_eq!(status, StatusCode::OK, "{project}");
    let (status, project) = public(&app, &format!("/api/v1/public/projects/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(project["achieved_rung"], "engagement");
}

#[tokio::test]
async fn a_patch_keeps_what_it_does_not_send() {
    let app = TestApp::spawn().await;
    let api = app.api(ADMIN).await;
    let mut body = co_designed("Timetable");
    body["starts_on"] = json!("1/4/2027");
    body["ends_on"] = json!("2027-09-30");
    body["budget_pence"] = json!(250_000);
    let id = plan(&api, body).await;
    let path = format!("/api/v1/projects/{id}");

    let (status, project) = api
        .patch(
            &path,
            json!({"summary": "People plan the timetable with us."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{project}");
    assert_eq!(project["summary"], "People plan the timetable with us.");
    assert_eq!(project["title"], "Timetable");
    assert_eq!(project["starts_on"], "2027-04-01");
    assert_eq!(project["ends_on"], "2027-09-30");
    assert_eq!(project["budget_pence"], 250_000);
    assert_eq!(project["methods"], json!(["involvement", "co_production"]));
    assert_eq!(project["planned_rung"], "co_design");

    // Down the ladder, the reason is owed.
    let (status, body) = api.patch(&path, json!({"planned_rung": "informing"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body).len(), 4, "{body}");
    assert!(
        fields(&body)
            .iter()
            .all(|f| f.starts_with("not_coproduced.")),
        "{body}"
    );
    let (status, project) = api
        .patch(
            &path,
            json!({
                "planned_rung": "informing",
                "not_coproduced": {
                    "category": "decided_elsewhere",
                    "explanation": "The board set the timetable.",
                    "decided_by": "The trust board",
                    "instead": "People will review how it went.",
                },
                "ends_on": null,
                "budget_pence": null,
                "status": "active",
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{project}");
    assert_eq!(project["planned_rung"], "informing");
    assert_eq!(project["not_coproduced"]["category"], "decided_elsewhere");
    assert_eq!(project["ends_on"], Value::Null);
    assert_eq!(project["budget_pence"], Value::Null);
    assert_eq!(project["starts_on"], "2027-04-01");
    assert_eq!(project["status"], "active");

    // Changing one part of the reason keeps the others.
    let (status, project) = api
        .patch(
            &path,
            json!({"not_coproduced": {"decided_by": "The director"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{project}");
    assert_eq!(project["not_coproduced"]["decided_by"], "The director");
    assert_eq!(project["not_coproduced"]["category"], "decided_elsewhere");

    // Back up the ladder, no reason is kept.
    let (status, project) = api
        .patch(&path, json!({"planned_rung": "co_production"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{project}");
    assert_eq!(project["not_coproduced"], Value::Null);

    let (status, body) = api.patch(&path, json!({"status": "closed"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["status"]);
    let (_, project) = api.get(&path).await;
    assert_eq!(project["status"], "active");
}

#[tokio::test]
async fn wrong_types_and_unknown_codes_get_field_messages() {
    let app = TestApp::spawn().await;
    let api = app.api(ADMIN).await;
    let before = project_total(&api).await;

    let mut body = co_designed("Timetable");
    body["title"] = json!(5);
    body["methods"] = json!("involvement");
    body["budget_pence"] = json!(12.5);
    body["lead_user_id"] = json!("me");
    let (status, answer) = api.post("/api/v1/projects", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(
        fields(&answer),
        vec!["budget_pence", "lead_user_id", "methods", "title"]
    );
    assert_eq!(answer["error"]["fields"]["title"], "title must be text");

    let mut body = co_designed("Timetable");
    body["level"] = json!("galactic");
    body["service_area"] = json!("space");
    body["planned_rung"] = json!("the top");
    body["methods"] = json!(["telepathy"]);
    body["budget_pence"] = json!(-100);
    let (status, answer) = api.post("/api/v1/projects", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["budget_pence"], "{answer}");
    let mut body = co_designed("Timetable");
    body["level"] = json!("galactic");
    body["service_area"] = json!("space");
    body["planned_rung"] = json!("the top");
    body["methods"] = json!(["telepathy"]);
    let (status, answer) = api.post("/api/v1/projects", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(
        fields(&answer),
        vec!["level", "methods", "planned_rung", "service_area"],
        "{answer}"
    );

    let mut body = consultation("Leaflet", true);
    body["not_coproduced"] = json!("because");
    let (status, answer) = api.post("/api/v1/projects", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["not_coproduced"]);
    let mut body = consultation("Leaflet", true);
    body["not_coproduced"]["category"] = json!(3);
    body["not_coproduced"]["why"] = json!("x");
    let (status, answer) = api.post("/api/v1/projects", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["not_coproduced"], "{answer}");

    let mut body = co_designed("Timetable");
    body["published"] = json!(true);
    let (status, answer) = api.post("/api/v1/projects", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["published"]);

    let mut body = co_designed("Timetable");
    body["colour"] = json!("blue");
    let (status, answer) = api.post("/api/v1/projects", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(
        answer["error"]["fields"]["body"]
            .as_str()
            .is_some_and(|m| m.contains("colour")),
        "{answer}"
    );

    for raw in ["{not json", "[1, 2]", "\"title\""] {
        let response = reqwest::Client::new()
            .post(app.url("/api/v1/projects"))
            .bearer_auth(&api.token)
            .header("content-type", "application/json")
            .body(raw)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{raw}");
        let answer: Value = response.json().await.expect("json");
        assert!(answer["error"]["message"].is_string(), "{answer}");
    }
    assert_eq!(project_total(&api).await, before, "nothing was saved");

    let id = plan(&api, co_designed("Timetable")).await;
    let path = format!("/api/v1/projects/{id}");
    let (status, answer) = api.patch(&path, json!({"published": "yes"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["published"]);
    let (status, answer) = api
        .patch(&path, json!({"title": "New", "status": "paused"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["status"]);
    let (_, project) = api.get(&path).await;
    assert_eq!(project["title"], "Timetable", "nothing changed");
    assert_eq!(project["published"], false);
    let (status, answer) = api
        .post(&format!("{path}/close"), json!({"achieved_rung": 6}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["achieved_rung"]);

    let (status, answer) = api.get("/api/v1/projects?rung=top&level=x").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["level", "rung"]);
    let (status, answer) = public(&app, "/api/v1/public/projects?organisation_id=x").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(fields(&answer), vec!["organisation_id"]);
    let (status, _) = api.get("/api/v1/projects?after=soon").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn lists_filter_and_page_newest_first() {
    let app = TestApp::spawn().await;
    let api = app.api(ADMIN).await;
    let nhs = app.api(NHS_ADMIN).await;
    let strategic = plan(&api, consultation("Leaflet", true)).await;
    let designed = plan(&api, co_designed("Timetable")).await;
    let trust = plan(&nhs, co_designed("Trust timetable")).await;

    let mut ids = Vec::new();
    let mut after = String::new();
    loop {
        let (status, page) = api
            .get(&format!("/api/v1/projects?limit=2&after={after}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let items = page["items"].as_array().expect("items");
        assert!(items.len() <= 2);
        for item in items {
            assert_eq!(item["organisation_id"], api_org(&api).await, "{item}");
            ids.push(item["id"].as_i64().expect("id"));
        }
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => break,
        }
    }
    assert!(ids.contains(&strategic) && ids.contains(&designed));
    assert!(!ids.contains(&trust), "another organisation's project");
    let mut sorted = ids.clone();
    sorted.sort_unstable_by_key(|id| std::cmp::Reverse(*id));
    sorted.dedup();
    assert_eq!(ids, sorted, "newest first, each once");

    let (_, page) = api
        .get("/api/v1/projects?level=strategic&rung=consultation&limit=200")
        .await;
    let items = page["items"].as_array().expect("items");
    assert!(items.iter().any(|p| p["id"] == strategic));
    assert!(
        items
            .iter()
            .all(|p| p["level"] == "strategic" && p["current_rung"] == "consultation")
    );
    assert!(!items.iter().any(|p| p["id"] == designed));
    assert_eq!(page["total"].as_i64(), Some(items.len() as i64));

    for id in [strategic, designed] {
        api.patch(
            &format!("/api/v1/projects/{id}"),
            json!({"published": true}),
        )
        .await;
    }
    nhs.patch(
        &format!("/api/v1/projects/{trust}"),
        json!({"published": true}),
    )
    .await;
    let everyone = public_ids(&app, "").await;
    assert!(
        [strategic, designed, trust]
            .iter()
            .all(|id| everyone.contains(id))
    );
    let council = api_org(&api).await;
    let council_only = public_ids(&app, &format!("organisation_id={council}")).await;
    assert!(council_only.contains(&strategic) && council_only.contains(&designed));
    assert!(!council_only.contains(&trust));
    let (_, page) = public(
        &app,
        "/api/v1/public/projects?service_area=carers&status=planning&limit=200",
    )
    .await;
    let items = page["items"].as_array().expect("items");
    assert!(items.iter().any(|p| p["id"] == strategic));
    assert!(items.iter().all(|p| p["service_area"] == "carers"));
}

async fn api_org(api: &ApiClient) -> Value {
    api.get("/api/v1/me").await.1["organisation_id"].clone()
}

#[tokio::test]
async fn another_organisations_projects_are_not_found() {
    let app = TestApp::spawn().await;
    let council = app.api(ADMIN).await;
    let nhs = app.api(NHS_ADMIN).await;
    let id = plan(&nhs, co_designed("Trust timetable")).await;
    let path = format!("/api/v1/projects/{id}");

    let (status, body) = council.get(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, _) = council.patch(&path, json!({"title": "Taken"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = council.patch(&path, json!({"published": true})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = council
        .post(
            &format!("{path}/close"),
            json!({"achieved_rung": "coercion", "reflection": "Closed by a stranger."}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = council.get("/api/v1/projects/999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, project) = nhs.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(project["title"], "Trust timetable");
    assert_eq!(project["status"], "planning");
    assert_eq!(project["published"], false);

    // Board members follow the work but do not run it.
    let board = app.api("board@northshire-council.example").await;
    let (status, _) = board.get("/api/v1/projects").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = board
        .post("/api/v1/projects", co_designed("Board plan"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn decisions_are_logged_for_the_callers_organisation() {
    let app = TestApp::spawn().await;
    let api = app.api(OFFICER).await;
    let nhs = app.api(NHS_ADMIN).await;
    let own = plan(&api, co_designed("Timetable")).await;
    let theirs = plan(&nhs, co_designed("Trust timetable")).await;

    let (status, body) = api.post("/api/v1/decisions", json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        fields(&body),
        vec![
            "coproduction_considered",
            "decided_on",
            "forum",
            "involvement",
            "title"
        ]
    );
    let (status, body) = api
        .post(
            "/api/v1/decisions",
            json!({"decided_on": "31/02/2026", "title": "Close the day centre", "forum": "cabinet",
                "coproduction_considered": "yes", "involvement": "None"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        fields(&body),
        vec!["coproduction_considered"],
        "types are checked first"
    );
    let (status, body) = api
        .post(
            "/api/v1/decisions",
            json!({"decided_on": "31/02/2026", "title": "Close the day centre", "forum": "cabinet",
                "coproduction_considered": true, "involvement": "None"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["decided_on", "forum"]);

    let decision = json!({
        "decided_on": "3/2/2026",
        "title": "Keep the day centre open on Saturdays",
        "forum": "management_team",
        "coproduction_considered": false,
        "involvement": "There was no time to ask people before the budget was set.",
    });
    let mut with_theirs = decision.clone();
    with_theirs["project_id"] = json!(theirs);
    let (status, body) = api.post("/api/v1/decisions", with_theirs).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), vec!["project_id"]);

    let mut with_own = decision.clone();
    with_own["project_id"] = json!(own);
    let (status, logged) = api.post("/api/v1/decisions", with_own).await;
    assert_eq!(status, StatusCode::CREATED, "{logged}");
    assert_eq!(logged["decided_on"], "2026-02-03");
    assert_eq!(logged["title"], "Keep the day centre open on Saturdays");
    assert_eq!(logged["forum"], "management_team");
    assert_eq!(logged["coproduction_considered"], false);
    assert_eq!(logged["project_id"], own);
    assert_eq!(logged["project_title"], "Timetable");
    assert!(
        logged["recorded_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
    let (status, plain) = api.post("/api/v1/decisions", decision).await;
    assert_eq!(status, StatusCode::CREATED, "{plain}");
    assert_eq!(plain["project_id"], Value::Null);

    let (status, log) = api.get("/api/v1/decisions?limit=200").await;
    assert_eq!(status, StatusCode::OK, "{log}");
    let items = log["items"].as_array().expect("items");
    // The latest decision first; decisions of one day in the order logged,
    // the last logged first.
    let dates: Vec<&str> = items
        .iter()
        .map(|d| d["decided_on"].as_str().unwrap_or_default())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "latest decision first");
    let position = |id: &Value| items.iter().position(|d| &d["id"] == id);
    assert!(position(&plain["id"]).expect("listed") < position(&logged["id"]).expect("listed"));
    let (_, theirs_log) = nhs.get("/api/v1/decisions?limit=200").await;
    assert!(
        !theirs_log["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|d| d["id"] == logged["id"] || d["id"] == plain["id"]),
        "another organisation's log"
    );

    let (status, page) = api.get("/api/v1/decisions?limit=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(page["items"][0]["id"], items[0]["id"]);
    let next = page["next"].as_str().expect("a next page");
    let (_, page) = api
        .get(&format!("/api/v1/decisions?limit=1&after={next}"))
        .await;
    assert_eq!(
        page["items"][0]["id"], items[1]["id"],
        "the second page goes on"
    );

    let board = app.api("board@northshire-council.example").await;
    let (status, _) = board.get("/api/v1/decisions").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = board.post("/api/v1/decisions", json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_openapi_document_lists_the_project_paths() {
    let app = TestApp::spawn().await;
    let (status, doc) = public(&app, "/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    for path in [
        "/api/v1/projects",
        "/api/v1/projects/{id}",
        "/api/v1/projects/{id}/close",
        "/api/v1/decisions",
        "/api/v1/public/projects",
        "/api/v1/public/projects/{id}",
        "/api/v1/public/ladder",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    let mut ids: Vec<&str> = doc["paths"]
        .as_object()
        .expect("paths")
        .values()
        .flat_map(|p| p.as_object().expect("operations").values())
        .filter_map(|op| op["operationId"].as_str())
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "operation ids must be unique");
    assert_eq!(
        doc["paths"]["/api/v1/public/ladder"]["get"]["security"],
        json!([{}]),
        "the public paths need no token"
    );
}
