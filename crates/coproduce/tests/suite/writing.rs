//! The plain English checker page and the organisation's "must pass" setting.

use reqwest::StatusCode;

use crate::helpers::{ADMIN, OFFICER, TestApp, error_summary};

#[tokio::test]
async fn staff_get_plain_english_advice() {
    let app = TestApp::spawn().await;
    let officer = app.signed_in(OFFICER).await;
    let text = "In order to facilitate engagement, the CQC report was reviewed.";
    let response = officer
        .post_form("/staff/writing-check", &[("text", text)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("body");
    for expected in [
        "Plainer word",
        "Acronym not explained",
        "Who does it?",
        "Reading age",
        "You can still save the text",
    ] {
        assert!(html.contains(expected), "{expected} missing");
    }
    assert!(
        html.contains("Try: <strong>to</strong>"),
        "suggests 'to' for 'in order to'"
    );
    assert!(
        html.contains(">In order to facilitate"),
        "the text is kept in the box"
    );

    let response = officer
        .post_form(
            "/staff/writing-check",
            &[("text", "We met on Tuesday. Ten people came.")],
        )
        .await;
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("The checker has no advice on this text.")
    );

    let response = officer
        .post_form("/staff/writing-check", &[("text", "   ")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_summary(&response.text().await.expect("body")),
        ["Enter the text you want to check"]
    );
}

#[tokio::test]
async fn an_administrator_can_require_public_texts_to_pass() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in(ADMIN).await;
    let (_, html) = admin.get_text("/staff/settings").await;
    assert!(
        html.contains("value=\"no\" checked"),
        "advice only by default"
    );
    let response = admin
        .post_form("/staff/settings", &[("must_pass", "yes")])
        .await;
    assert_eq!(response.headers()["location"], "/staff/settings?saved=yes");
    let (_, html) = admin.get_text("/staff/settings?saved=yes").await;
    assert!(html.contains("Your settings have been saved"));
    assert!(html.contains("value=\"yes\" checked"));

    let officer = app.signed_in(OFFICER).await;
    let response = officer
        .post_form(
            "/staff/writing-check",
            &[("text", "We will utilise your views.")],
        )
        .await;
    let html = response.text().await.expect("body");
    assert!(
        html.contains("public texts follow all of this advice before they are saved"),
        "{html}"
    );

    // Other organisations keep their own setting.
    let nhs = app.signed_in(crate::helpers::NHS_ADMIN).await;
    let (status, html) = nhs.get_text("/staff/settings").await;
    assert!(html.contains("value=\"no\" checked"), "{status} {html}");

    let response = admin
        .post_form("/staff/settings", &[("must_pass", "sometimes")])
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (_, html) = admin.get_text("/staff/audit").await;
    assert!(html.contains("Public texts must now pass the plain English check"));
}
