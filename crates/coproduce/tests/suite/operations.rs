//! Health, metrics, error pages and the audit trail.

use reqwest::StatusCode;

use crate::helpers::{ADMIN, OFFICER, TestApp};

#[tokio::test]
async fn health_answers_while_the_store_does() {
    let app = TestApp::spawn().await;
    let response = reqwest::get(app.url("/healthz")).await.expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.expect("body").contains("ok"));
    app.services.store.close().await;
    let response = reqwest::get(app.url("/healthz")).await.expect("request");
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn metrics_count_requests_by_route() {
    let app = TestApp::spawn().await;
    reqwest::get(app.url("/")).await.expect("request");
    reqwest::get(app.url("/no-such-page"))
        .await
        .expect("request");
    let text = reqwest::get(app.url("/metrics"))
        .await
        .expect("request")
        .text()
        .await
        .expect("body");
    assert!(
        text.contains("coproduce_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("route=\"unmatched\",status=\"404\""),
        "{text}"
    );
    assert!(text.contains("coproduce_http_request_duration_seconds_bucket"));
}

#[tokio::test]
async fn a_missing_page_is_a_404_in_the_sites_style() {
    let app = TestApp::spawn().await;
    let (status, html) = app.browser().get_text("/no-such-page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("<h1 class=\"govuk-heading-l\">Page not found</h1>"));
    assert!(
        html.contains("Northshire Care Partnership"),
        "the site's header is there"
    );
}

#[tokio::test]
async fn a_fault_shows_the_500_page_without_internals() {
    let app = TestApp::spawn().await;
    let browser = app.signed_in(ADMIN).await;
    // Break the database under the running server.
    app.services.store.close().await;
    let (status, html) = browser.get_text("/staff/users").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(html.contains("Sorry, there is a problem with the service"));
    for internal in ["sqlx", "pool", "closed", "database", "panicked"] {
        assert!(
            !html.to_lowercase().contains(internal),
            "the page shows '{internal}'"
        );
    }
}

#[tokio::test]
async fn security_headers_are_sent() {
    let app = TestApp::spawn().await;
    let response = reqwest::get(app.url("/")).await.expect("request");
    let headers = response.headers();
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap_or_default()
            .contains("default-src 'self'")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers.contains_key("x-request-id"));
    let response = reqwest::get(app.url("/sign-in")).await.expect("request");
    assert_eq!(response.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn the_audit_trail_records_sign_ins_and_changes() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in(ADMIN).await;
    let id = app.user_id(OFFICER).await;
    admin.get(&format!("/staff/users/{id}")).await;
    let response = admin
        .post_form(
            &format!("/staff/users/{id}/edit"),
            &[
                ("display_name", "Grace L"),
                ("role", "lead"),
                ("active", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, html) = admin.get_text("/staff/audit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Signed in"), "{html}");
    assert!(html.contains("Role lead, can sign in"), "{html}");
    let entries = app
        .services
        .store
        .audit_of_record("user", id)
        .await
        .expect("audit");
    assert!(entries.iter().any(|e| e.action == "user.update"));
    // Another organisation's administrator sees none of it.
    let other = app.signed_in(crate::helpers::NHS_ADMIN).await;
    let (_, html) = other.get_text("/staff/audit").await;
    assert!(!html.contains("Role lead, can sign in"));
}

#[tokio::test]
async fn staff_are_added_with_a_link_to_choose_a_password() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in(ADMIN).await;
    let response = admin
        .post_form(
            "/staff/users/new",
            &[("display_name", ""), ("email", "bad"), ("role", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        crate::helpers::error_summary(&html),
        [
            "Enter a name",
            "Enter an email address in the correct format, like name@example.com",
            "Choose a role: admin, lead, officer, finance, board or partner"
        ]
    );
    assert!(html.contains("value=\"bad\""), "answers kept");
    let response = admin
        .post_form(
            "/staff/users/new",
            &[
                ("display_name", "Sam Carter"),
                ("email", "sam@northshire-council.example"),
                ("role", "officer"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let mails = app.outbox(1).await;
    assert!(mails[0].contains("sam@northshire-council.example"));
    assert!(crate::helpers::link_in(&mails[0], &app.url("/password/")).is_some());
    let response = admin
        .post_form(
            "/staff/users/new",
            &[
                ("display_name", "Sam Again"),
                ("email", "SAM@northshire-council.example"),
                ("role", "lead"),
            ],
        )
        .await;
    assert_eq!(
        crate::helpers::error_summary(&response.text().await.expect("body")),
        ["There is already an account with this email address"]
    );
}
