//! Signing in and out, form protection, throttling and password links.

use reqwest::StatusCode;

use crate::helpers::{ADMIN, OFFICER, PASSWORD, TestApp, error_summary, link_in};

#[tokio::test]
async fn staff_sign_in_and_out() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let (status, _) = browser.get_text("/staff").await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "signed-out staff are sent to sign in"
    );

    let response = browser.sign_in(OFFICER, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/staff");
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap_or_default().to_owned())
        .find(|c| c.starts_with("cp_session="))
        .expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "served over http, so not Secure"
    );

    let (status, html) = browser.get_text("/staff").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Hello, Grace Lindqvist"), "{html}");

    let response = browser.post_form("/sign-out", &[]).await;
    assert_eq!(response.headers()["location"], "/sign-in?signed_out=yes");
    let (status, _) = browser.get_text("/staff").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "signed out");
}

#[tokio::test]
async fn the_session_id_changes_at_each_sign_in() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let session = |response: &reqwest::Response| {
        response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("cp_session="))
            .map(str::to_owned)
    };
    let first = session(&browser.sign_in(OFFICER, PASSWORD).await).expect("first");
    let second = session(&browser.sign_in(OFFICER, PASSWORD).await).expect("second");
    // Already signed in: sign-in still rotates, and never reuses the old id.
    assert_ne!(first, second);
    // The old session no longer works.
    let old = first.split(';').next().expect("cookie").to_owned();
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .get(app.url("/staff"))
        .header("cookie", old)
        .send()
        .await
        .expect("request");
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the old session ended"
    );
}

#[tokio::test]
async fn mistakes_are_explained_and_answers_kept() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let cases: [(&str, &str, &[&str]); 4] = [
        ("", "", &["Enter your email address", "Enter your password"]),
        (
            "not-an-email",
            "x",
            &["Enter an email address in the correct format, like name@example.com"],
        ),
        (OFFICER, "", &["Enter your password"]),
        (
            OFFICER,
            "wrong password here",
            &["Enter a correct email address and password"],
        ),
    ];
    for (email, password, expected) in cases {
        let response = browser.sign_in(email, password).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{email}"
        );
        let html = response.text().await.expect("body");
        assert_eq!(error_summary(&html), expected, "{email:?} {password:?}");
        assert!(
            html.contains("<title>Error: Sign in"),
            "the title says there is an error"
        );
        assert!(
            html.contains(&format!("value=\"{email}\"")),
            "the email typed is kept"
        );
    }
}

#[tokio::test]
async fn repeated_wrong_passwords_are_refused_for_a_while() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    for _ in 0..10 {
        let response = browser.sign_in(OFFICER, "not the right password").await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let response = browser.sign_in(OFFICER, PASSWORD).await;
    assert_eq!(
        response.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let html = response.text().await.expect("body");
    assert!(
        html.contains("too many attempts to sign in. Wait 15 minutes"),
        "{html}"
    );
    // Other accounts are not locked by one account's failures.
    assert_eq!(
        browser.sign_in(ADMIN, PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn forms_without_a_token_or_from_another_site_are_refused() {
    let app = TestApp::spawn().await;
    let browser = app.signed_in(ADMIN).await;
    let officer_id = app.user_id(OFFICER).await;
    let path = format!("/staff/users/{officer_id}/edit");
    let change = [
        ("display_name", "Changed Name"),
        ("role", "lead"),
        ("active", "yes"),
    ];

    // No token at all.
    let response = browser
        .client
        .post(app.url(&path))
        .header("origin", &app.address)
        .form(&change)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("You cannot see this page")
    );

    // A valid token, but posted from another site.
    let token = browser.csrf_token().await;
    let mut with_token = change.to_vec();
    with_token.push(("csrf_token", &token));
    let response = browser
        .client
        .post(app.url(&path))
        .header("origin", "https://evil.example")
        .form(&with_token)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // A token made for another browser.
    let other = app.browser().csrf_token().await;
    let mut wrong_token = change.to_vec();
    wrong_token.push(("csrf_token", &other));
    let response = browser
        .client
        .post(app.url(&path))
        .header("origin", &app.address)
        .form(&wrong_token)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    let officer = app
        .services
        .store
        .user(coproduce_domain::UserId(officer_id))
        .await
        .expect("user");
    assert_eq!(officer.display_name, "Grace Lindqvist", "nothing changed");
    assert_eq!(officer.role, coproduce_domain::Role::Officer);

    // The same change from the page itself works.
    let response = browser.post_form(&path, &change).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_an_emailed_link_once() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let response = browser
        .post_form("/forgot-password", &[("email", OFFICER)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Check your email")
    );
    // An unknown address gets the same answer and no email.
    let response = browser
        .post_form("/forgot-password", &[("email", "nobody@example.org")])
        .await;
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Check your email")
    );

    let mails = app.outbox(1).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains(&format!("To: {OFFICER}")), "{}", mails[0]);
    let link = link_in(&mails[0], &app.url("/password/")).expect("a link in the email");
    let path = link.trim_start_matches(&app.address).to_owned();

    let (status, html) = browser.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(OFFICER));

    let response = browser
        .post_form(
            &path,
            &[("password", "password1234"), ("confirm", "password1234")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_summary(&response.text().await.expect("body"))[0].contains("too common"));

    let response = browser
        .post_form(
            &path,
            &[
                ("password", "a whole new passphrase"),
                ("confirm", "different"),
            ],
        )
        .await;
    assert_eq!(
        error_summary(&response.text().await.expect("body")),
        ["The passwords do not match. Type the same password twice"]
    );

    let new_password = "violet harbour stitched lamp";
    let response = browser
        .post_form(
            &path,
            &[("password", new_password), ("confirm", new_password)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Your password has been saved")
    );

    let (status, html) = browser.get_text(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the link works once");
    assert!(html.contains("This link has expired"));

    assert_eq!(
        browser.sign_in(OFFICER, PASSWORD).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        browser.sign_in(OFFICER, new_password).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn idle_sessions_end() {
    let app =
        TestApp::spawn_with(|settings| settings.session_idle = std::time::Duration::from_secs(2))
            .await;
    let browser = app.signed_in(OFFICER).await;
    assert_eq!(browser.get_text("/staff").await.0, StatusCode::OK);
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    assert_eq!(
        browser.get_text("/staff").await.0,
        StatusCode::SEE_OTHER,
        "idle too long"
    );
}

#[tokio::test]
async fn a_turned_off_account_cannot_sign_in_and_loses_its_sessions() {
    let app = TestApp::spawn().await;
    let officer = app.signed_in(OFFICER).await;
    let admin = app.signed_in(ADMIN).await;
    let id = app.user_id(OFFICER).await;
    let response = admin
        .post_form(
            &format!("/staff/users/{id}/edit"),
            &[("display_name", "Grace Lindqvist"), ("role", "officer")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        officer.get_text("/staff").await.0,
        StatusCode::SEE_OTHER,
        "session ended"
    );
    assert_eq!(
        app.browser().sign_in(OFFICER, PASSWORD).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn malformed_addresses_and_forms_get_calm_pages() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in(ADMIN).await;
    for (path, status, title) in [
        ("/staff/users/abc", StatusCode::NOT_FOUND, "Page not found"),
        (
            "/staff/users/99999999",
            StatusCode::NOT_FOUND,
            "Page not found",
        ),
        (
            "/staff/users?after=abc",
            StatusCode::BAD_REQUEST,
            "There is a problem with your request",
        ),
        (
            "/staff/audit?before=%00",
            StatusCode::BAD_REQUEST,
            "There is a problem with your request",
        ),
    ] {
        let (got, html) = admin.get_text(path).await;
        assert_eq!(got, status, "{path}");
        assert!(html.contains(title), "{path}: {html}");
    }
    let response = admin
        .client
        .post(app.url("/sign-in"))
        .header("origin", &app.address)
        .header("x-csrf-token", admin.csrf_token().await)
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .expect("post");
    assert!(response.status().is_client_error(), "{}", response.status());
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("govuk-template"),
        "in the site's style"
    );
}

#[tokio::test]
async fn text_size_is_kept_without_javascript() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let response = browser
        .post_form(
            "/text-size",
            &[("size", "larger"), ("return_to", "/privacy")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/privacy");
    let (_, html) = browser.get_text("/privacy").await;
    assert!(
        html.contains("class=\"govuk-template app-text-size--larger\""),
        "{}",
        &html[..300]
    );
    let response = browser
        .post_form("/text-size", &[("size", "huge"), ("return_to", "/")])
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = browser
        .post_form(
            "/text-size",
            &[("size", "large"), ("return_to", "https://evil.example/")],
        )
        .await;
    assert_eq!(
        response.headers()["location"],
        "/",
        "never sent to another site"
    );
}
