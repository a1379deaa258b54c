//! The JSON API's conventions.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ADMIN, OFFICER, TestApp};

#[tokio::test]
async fn the_token_carries_its_owners_role_and_organisation() {
    let app = TestApp::spawn().await;
    let token = app.api_token(OFFICER).await;
    let me: Value = reqwest::Client::new()
        .get(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert_eq!(me["email"], OFFICER);
    assert_eq!(me["role"], "officer");
}

#[tokio::test]
async fn errors_are_json_with_field_messages() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let response = client
        .get(app.url("/api/v1/me"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let body: Value = response.json().await.expect("json");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("API token"))
    );

    let token = app.api_token(ADMIN).await;
    let response = client
        .post(app.url("/api/v1/users"))
        .bearer_auth(&token)
        .json(&json!({"email": "not an email", "display_name": "", "role": "king"}))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.expect("json");
    let fields = &body["error"]["fields"];
    assert_eq!(fields["display_name"], "Enter a name");
    assert!(
        fields["email"]
            .as_str()
            .is_some_and(|m| m.contains("correct format"))
    );
    assert!(
        fields["role"]
            .as_str()
            .is_some_and(|m| m.contains("Choose a role"))
    );

    let response = client
        .post(app.url("/api/v1/users"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.expect("json");
    assert!(body["error"]["message"].is_string());

    let response = client
        .get(app.url("/api/v1/nothing-here"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["message"], "Not found");
}

#[tokio::test]
async fn adding_staff_through_the_api_refuses_duplicates() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let token = app.api_token(ADMIN).await;
    let new = json!({"email": "New.Person@Northshire-Council.example", "display_name": "New Person", "role": "officer"});
    let response = client
        .post(app.url("/api/v1/users"))
        .bearer_auth(&token)
        .json(&new)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["email"], "new.person@northshire-council.example");
    let response = client
        .post(app.url("/api/v1/users"))
        .bearer_auth(&token)
        .json(&new)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.expect("json");
    assert_eq!(
        body["error"]["fields"]["email"],
        "There is already an account with this email address"
    );
    // The new person was emailed a link to choose a password.
    let mails = app.outbox(1).await;
    assert!(
        mails
            .iter()
            .any(|m| m.contains("new.person@northshire-council.example"))
    );
}

#[tokio::test]
async fn lists_are_paginated_by_key() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let token = app.api_token(ADMIN).await;
    let mut seen = Vec::new();
    let mut after = String::new();
    for _ in 0..10 {
        let page: Value = client
            .get(app.url(&format!("/api/v1/users?limit=2&after={after}")))
            .bearer_auth(&token)
            .send()
            .await
            .expect("request")
            .json()
            .await
            .expect("json");
        for item in page["items"].as_array().expect("items") {
            seen.push(item["email"].as_str().expect("email").to_owned());
        }
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 5, "the council has five demo staff: {seen:?}");
    assert!(
        seen.iter()
            .all(|e| e.ends_with("@northshire-council.example"))
    );
    let response = client
        .get(app.url("/api/v1/users?limit=lots"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_openapi_document_describes_the_api() {
    let app = TestApp::spawn().await;
    let doc: Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{}",
        doc["openapi"]
    );
    for path in [
        "/api/v1/me",
        "/api/v1/organisations",
        "/api/v1/users",
        "/api/v1/users/{id}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}
