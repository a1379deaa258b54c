//! The register of experts by experience: the public journey, the staff
//! register, a person's record, and the API.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ADMIN, Browser, NHS_ADMIN, OFFICER, TestApp, error_summary};

/// The answers of a complete journey, step by step.
fn steps(name: &str, email: &str) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    vec![
        ("name", vec![("name", name.to_owned())]),
        (
            "contact",
            vec![
                ("contact_methods", "email".into()),
                ("email", email.to_owned()),
            ],
        ),
        ("formats", vec![("formats", "easy_read".into())]),
        (
            "access",
            vec![
                ("access_needs", "step_free".into()),
                ("access_needs", "quiet_room".into()),
            ],
        ),
        (
            "experience",
            vec![("experience_types", "unpaid_carer".into())],
        ),
        ("areas", vec![("experience_areas", "dementia".into())]),
        ("topics", vec![("topics", "housing".into())]),
        ("where", vec![("localities", "ashby-vale".into())]),
        (
            "when",
            vec![("days", "mon".into()), ("modes", "online".into())],
        ),
        ("recognition", vec![("recognition", "paid".into())]),
    ]
}

async fn post(browser: &Browser, path: &str, fields: &[(&str, String)]) -> reqwest::Response {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    browser.post_form(path, &borrowed).await
}

/// Goes through the whole journey and sends it.
async fn apply(browser: &Browser, base: &str, name: &str, email: &str) {
    for (step, fields) in steps(name, email) {
        let response = post(browser, &format!("{base}/{step}"), &fields).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "{step}: {}",
            response.text().await.unwrap_or_default()
        );
    }
    let (status, html) = browser.get_text(&format!("{base}/check")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(name) && html.contains("Ashby Vale") && html.contains("A quiet room"),
        "{html}"
    );
    let response = browser
        .post_form(&format!("{base}/check"), &[("consent", "yes")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], format!("{base}/done"));
}

async fn find(app: &TestApp, text: &str) -> Vec<Value> {
    let token = app.api_token(ADMIN).await;
    let list: Value = reqwest::Client::new()
        .get(app.url("/api/v1/people"))
        .query(&[("q", text)])
        .bearer_auth(token)
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    list["items"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn a_person_applies_and_staff_find_them() {
    let app = TestApp::spawn().await;
    let visitor = app.browser();
    apply(
        &visitor,
        "/get-involved",
        "Jo Applicant",
        "jo.applicant@example.com",
    )
    .await;
    let (_, html) = visitor.get_text("/get-involved/done").await;
    assert!(html.contains("We have your details"));

    let officer = app.signed_in(OFFICER).await;
    let (_, html) = officer.get_text("/staff/people?q=applicant").await;
    assert!(html.contains("Jo Applicant"), "{html}");
    assert!(html.contains("1 person found"));
    let found = find(&app, "jo.applicant@").await;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["status"], "enquiry");

    let mails = app.outbox(1).await;
    assert!(
        mails
            .iter()
            .any(|m| m.contains("jo.applicant@example.com") && m.contains("Thank you"))
    );

    // The same person applying again adds nobody, and staff are told.
    apply(
        &app.browser(),
        "/get-involved",
        "Jo A",
        "JO.APPLICANT@example.com",
    )
    .await;
    let found = find(&app, "jo.applicant@").await;
    assert_eq!(found.len(), 1, "no duplicate");
    let id = found[0]["id"].as_i64().expect("id");
    let (_, html) = officer.get_text(&format!("/staff/people/{id}")).await;
    assert!(html.contains("Needs a check"));
    assert!(html.contains("Applied again through the get involved form"));
}

#[tokio::test]
async fn the_easy_read_journey_works_too() {
    let app = TestApp::spawn().await;
    let visitor = app.browser();
    let (status, html) = visitor.get_text("/get-involved/easy-read").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("app-text-size--large"),
        "easy read starts with larger text"
    );
    apply(
        &visitor,
        "/get-involved/easy-read",
        "Sam Easy",
        "sam.easy@example.com",
    )
    .await;
    let found = find(&app, "Sam Easy").await;
    let id = found[0]["id"].as_i64().expect("id");
    let officer = app.signed_in(OFFICER).await;
    let (_, html) = officer.get_text(&format!("/staff/people/{id}")).await;
    assert!(html.contains("Filled in the easy read form"));
}

#[tokio::test]
async fn mistakes_are_explained_answers_kept_and_nothing_stored() {
    let app = TestApp::spawn().await;
    let visitor = app.browser();
    let response = visitor
        .post_form("/get-involved/name", &[("name", "  ")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        error_summary(&html),
        ["Enter the name you like to be called"]
    );
    assert!(
        html.contains("href=\"#name\""),
        "the summary links to the field"
    );

    visitor
        .post_form("/get-involved/name", &[("name", "Kim Keep")])
        .await;
    let response = visitor
        .post_form(
            "/get-involved/contact",
            &[
                ("contact_methods", "email"),
                ("contact_methods", "phone"),
                ("email", "kim@@example"),
                ("phone", "07700 900555"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        error_summary(&html),
        ["Enter an email address in the correct format, like name@example.com"]
    );
    assert!(
        html.contains("value=\"07700 900555\""),
        "the phone number is kept"
    );
    assert!(
        html.contains("value=\"kim@@example\""),
        "the email is shown to correct"
    );

    // Sending with questions unanswered points to them, and stores nothing.
    let response = visitor
        .post_form("/get-involved/check", &[("consent", "yes")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert!(html.contains("href=\"/get-involved/contact\""), "{html}");
    assert!(find(&app, "Kim Keep").await.is_empty(), "nothing stored");

    // Without consent nothing is sent either.
    apply_without_consent(&visitor).await;
    let response = visitor.post_form("/get-involved/check", &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        error_summary(&response.text().await.expect("body"))
            .iter()
            .any(|m| m.contains("Tick the box"))
    );
    assert!(find(&app, "Kim Keep").await.is_empty(), "nothing stored");
}

async fn apply_without_consent(visitor: &Browser) {
    for (step, fields) in steps("Kim Keep", "kim@example.com") {
        post(visitor, &format!("/get-involved/{step}"), &fields).await;
    }
}

#[tokio::test]
async fn equality_answers_are_kept_apart_and_counted() {
    let app = TestApp::spawn().await;
    let visitor = app.browser();
    let (status, _) = visitor.get_text("/get-involved/equality").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "only after applying");
    apply(&visitor, "/get-involved", "Eve Equal", "eve@example.com").await;
    let response = visitor
        .post_form(
            "/get-involved/equality",
            &[("age_band", "35_44"), ("ethnicity", "mixed")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.expect("body").contains("Thank you"));
    let lead = app.signed_in("lead@northshire-council.example").await;
    let (_, html) = lead.get_text("/staff/people/equality").await;
    assert!(html.contains("1 person has answered"), "{html}");
    assert!(html.contains("Fewer than 5"), "small counts are hidden");
    let response = visitor
        .post_form("/get-involved/equality", &[("age_band", "35_44")])
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "answers once per application"
    );
}

/// The answers of a staff form for a new person.
fn staff_form(name: &str, email: &str) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&'static str, String)> = steps(name, email)
        .into_iter()
        .flat_map(|(_, f)| f)
        .collect();
    fields.push(("consent", "phone".into()));
    fields
}

#[tokio::test]
async fn staff_add_and_change_a_person_for_them() {
    let app = TestApp::spawn().await;
    let officer = app.signed_in(OFFICER).await;
    let mut fields = staff_form("Pat Phone", "pat@example.com");
    fields.retain(|(k, _)| *k != "consent");
    let response = post(&officer, "/staff/people/new", &fields).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        error_summary(&html),
        ["Choose how the person agreed to be on the register"]
    );
    assert!(html.contains("value=\"Pat Phone\""), "answers kept");

    let response = post(
        &officer,
        "/staff/people/new",
        &staff_form("Pat Phone", "pat@example.com"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let path = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let (_, html) = officer.get_text(&path).await;
    assert!(html.contains("Staff have entered or changed answers for this person"));
    assert!(
        html.contains("On the phone, recorded by Grace Lindqvist"),
        "{html}"
    );

    // The same email again is refused, naming the match.
    let response = post(
        &officer,
        "/staff/people/new",
        &staff_form("Pat Again", "PAT@example.com"),
    )
    .await;
    let html = response.text().await.expect("body");
    assert!(html.contains("already on the register"));
    assert!(
        html.contains(&format!("href=\"{path}\"")),
        "links to the match"
    );

    // Change an answer; the edit form keeps everything else.
    let mut changed = staff_form("Pat Changed", "pat@example.com");
    changed.retain(|(k, _)| *k != "consent");
    let response = post(&officer, &format!("{path}/edit"), &changed).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = officer.get_text(&path).await;
    assert!(html.contains("Pat Changed"));

    let id: i64 = path
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let audit = app
        .services
        .store
        .audit_of_record("person", id)
        .await
        .expect("audit");
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"person.create") && actions.contains(&"person.update"));
    assert!(
        actions.iter().filter(|a| **a == "person.view").count() >= 2,
        "every view is recorded: {actions:?}"
    );
}

#[tokio::test]
async fn status_notes_onboarding_and_consent() {
    let app = TestApp::spawn().await;
    let officer = app.signed_in(OFFICER).await;
    let response = post(
        &officer,
        "/staff/people/new",
        &staff_form("Lee Lifecycle", "lee@example.com"),
    )
    .await;
    let path = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();

    let response = officer
        .post_form(
            &format!("{path}/status"),
            &[("status", "contacted"), ("reason", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_summary(&response.text().await.expect("body")),
        ["Enter the reason for the change"]
    );
    let response = officer
        .post_form(
            &format!("{path}/status"),
            &[("status", "contacted"), ("reason", "Rang them")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = officer
        .post_form(&format!("{path}/notes"), &[("note", "Prefers afternoons")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let (_, html) = officer.get_text(&path).await;
    assert!(
        html.contains("Status changed from Enquiry to Contacted"),
        "{html}"
    );
    assert!(html.contains("Rang them") && html.contains("Prefers afternoons"));

    let document = scraper::Html::parse_document(&html);
    let forms = scraper::Selector::parse("form[action*=\"/onboarding/\"]").expect("selector");
    let onboarding = document
        .select(&forms)
        .next()
        .expect("an onboarding step")
        .value()
        .attr("action")
        .expect("action")
        .to_owned();
    let response = officer.post_form(&onboarding, &[("done", "yes")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let withdraw = scraper::Selector::parse("form[action*=\"/withdraw\"]").expect("selector");
    let consent = document
        .select(&withdraw)
        .next()
        .expect("a consent")
        .value()
        .attr("action")
        .expect("action")
        .to_owned();
    let response = officer.post_form(&consent, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = officer.get_text(&path).await;
    assert!(html.contains("Mark as not done"), "the step is done");
    assert!(!html.contains("Withdrawn</dt><dd class=\"govuk-summary-list__value\">No</dd></div>\n    </dl>\n    \n    <form method=\"post\" action=\"/staff/people/0"));
    let response = officer.post_form(&consent, &[]).await;
    assert_eq!(
        response.status(),
        StatusCode::NOT_FOUND,
        "a consent is withdrawn once"
    );
}

#[tokio::test]
async fn the_register_filters_and_pages() {
    let app = TestApp::spawn().await;
    let officer = app.signed_in(OFFICER).await;
    let (_, html) = officer.get_text("/staff/people").await;
    assert!(
        html.contains("12 people found"),
        "the small demo register: {}",
        &html[..200]
    );
    let token = app.api_token(ADMIN).await;
    let client = reqwest::Client::new();
    let get = |query: &'static str| {
        let client = client.clone();
        let token = token.clone();
        let url = app.url(&format!("/api/v1/people?{query}"));
        async move {
            let body: Value = client
                .get(url)
                .bearer_auth(token)
                .send()
                .await
                .expect("request")
                .json()
                .await
                .expect("json");
            body
        }
    };
    let all = get("limit=200").await;
    assert_eq!(all["total"], 12);
    let mut seen = 0;
    let mut after = String::new();
    loop {
        let page: Value = client
            .get(app.url(&format!("/api/v1/people?limit=5&after={after}")))
            .bearer_auth(&token)
            .send()
            .await
            .expect("request")
            .json()
            .await
            .expect("json");
        seen += page["items"].as_array().expect("items").len();
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen, 12, "pages cover everyone once");
    for status in ["enquiry", "active", "left"] {
        let body = client
            .get(app.url(&format!("/api/v1/people?status={status}&limit=200")))
            .bearer_auth(&token)
            .send()
            .await
            .expect("request")
            .json::<Value>()
            .await
            .expect("json");
        for item in body["items"].as_array().expect("items") {
            assert_eq!(item["status"], status);
        }
    }
    let response = client
        .get(app.url("/api/v1/people?status=asleep"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (status, html) = officer.get_text("/staff/people?since=31%2F02%2F2025").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        error_summary(&html)[0].contains("date"),
        "{:?}",
        error_summary(&html)
    );
    let (_, html) = officer.get_text("/staff/people?since=01%2F01%2F2100").await;
    assert!(
        html.contains("12 people found"),
        "nobody has been involved since 2100"
    );
}

#[tokio::test]
async fn other_organisations_cannot_see_or_change_a_person() {
    let app = TestApp::spawn().await;
    let officer = app.signed_in(OFFICER).await;
    let response = post(
        &officer,
        "/staff/people/new",
        &staff_form("Private Person", "private@example.com"),
    )
    .await;
    let path = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let nhs = app.signed_in(NHS_ADMIN).await;
    assert_eq!(nhs.get_text(&path).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        nhs.get_text(&format!("{path}/edit")).await.0,
        StatusCode::NOT_FOUND
    );
    let response = nhs
        .post_form(&format!("{path}/notes"), &[("note", "sneaky")])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let (_, html) = nhs.get_text("/staff/people?q=private").await;
    assert!(html.contains("0 people found"));
    let id = path.rsplit('/').next().expect("id");
    let token = app.api_token(NHS_ADMIN).await;
    let client = reqwest::Client::new();
    let response = client
        .get(app.url(&format!("/api/v1/people/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = client
        .patch(app.url(&format!("/api/v1/people/{id}")))
        .bearer_auth(&token)
        .json(&json!({"name": "Changed"}))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let (_, html) = officer.get_text(&path).await;
    assert!(
        !html.contains("sneaky") && !html.contains("Changed"),
        "nothing changed"
    );
    // The board sees no personal data at all.
    let board = app.signed_in("board@northshire-council.example").await;
    assert_eq!(board.get_text(&path).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_api_adds_and_changes_people() {
    let app = TestApp::spawn().await;
    let token = app.api_token(OFFICER).await;
    let client = reqwest::Client::new();
    let new = json!({
        "name": "Api Person", "contact_methods": ["phone"], "phone": "+44 7700 900777",
        "experience_types": ["draws_on_care"], "recognition": "vouchers", "localities": ["dunmere"],
        "consent": "in_person"
    });
    let response = client
        .post(app.url("/api/v1/people"))
        .bearer_auth(&token)
        .json(&new)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["phone"], "07700 900777");
    assert_eq!(body["localities"], json!(["dunmere"]));
    let id = body["id"].as_i64().expect("id");

    let response = client
        .post(app.url("/api/v1/people"))
        .bearer_auth(&token)
        .json(&new)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::CONFLICT, "same phone");

    let response = client
        .patch(app.url(&format!("/api/v1/people/{id}")))
        .bearer_auth(&token)
        .json(&json!({"recognition": "paid", "topics": ["transport"]}))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["recognition"], "paid");
    assert_eq!(body["phone"], "07700 900777", "fields not sent are kept");

    let response = client
        .patch(app.url(&format!("/api/v1/people/{id}")))
        .bearer_auth(&token)
        .json(&json!({"email": "not-an-email", "contact_methods": ["email"], "colour": "blue"}))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.expect("json");
    assert!(
        body["error"]["fields"]["body"]
            .as_str()
            .is_some_and(|m| m.contains("colour"))
    );
    let response = client
        .patch(app.url(&format!("/api/v1/people/{id}")))
        .bearer_auth(&token)
        .json(&json!({"email": "not-an-email", "contact_methods": ["email"]}))
        .send()
        .await
        .expect("request");
    let body: Value = response.json().await.expect("json");
    assert!(
        body["error"]["fields"]["email"]
            .as_str()
            .is_some_and(|m| m.contains("correct format")),
        "{body}"
    );
}

#[tokio::test]
async fn the_register_downloads_safely_for_allowed_roles() {
    let app = TestApp::spawn().await;
    let officer = app.signed_in(OFFICER).await;
    let mut fields = staff_form("=HYPERLINK(\"http://evil.example\")", "formula@example.com");
    fields.retain(|(k, _)| *k != "name");
    fields.push(("name", "=HYPERLINK(\"http://evil.example\")".into()));
    let response = post(&officer, "/staff/people/new", &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        officer.get_text("/staff/people/export.csv").await.0,
        StatusCode::FORBIDDEN,
        "officers cannot download"
    );
    let lead = app.signed_in("lead@northshire-council.example").await;
    let response = lead.get("/staff/people/export.csv?q=formula").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    let text = response.text().await.expect("body");
    assert!(
        text.contains("'=HYPERLINK"),
        "formulas are disarmed: {text}"
    );
    assert_eq!(text.lines().count(), 2, "only the filtered person: {text}");
}

#[tokio::test]
async fn contacts_are_recorded_and_the_checklist_is_configured() {
    let app = TestApp::spawn().await;
    let officer = app.signed_in(OFFICER).await;
    let response = post(
        &officer,
        "/staff/people/new",
        &staff_form("Cal Contact", "cal@example.com"),
    )
    .await;
    let path = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let response = officer
        .post_form(
            &format!("{path}/contacts"),
            &[("contact_method", "phone"), ("contact_summary", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_summary(&response.text().await.expect("body")),
        ["Enter what it was about"]
    );
    let response = officer
        .post_form(
            &format!("{path}/contacts"),
            &[
                ("contact_method", "phone"),
                ("contact_summary", "Talked about the housing group"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = officer.get_text(&path).await;
    assert!(
        html.contains("Contact by Phone call") && html.contains("Talked about the housing group"),
        "{html}"
    );

    let admin = app.signed_in(ADMIN).await;
    let response = admin
        .post_form(
            "/staff/settings/onboarding",
            &[(
                "steps",
                "Welcome conversation\nMeet the team\n\nWelcome conversation",
            )],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = officer.get_text(&path).await;
    assert!(html.contains("Meet the team") && html.contains("Welcome conversation"));
    assert!(
        !html.contains("Induction session"),
        "removed steps are gone"
    );
    let long = "x".repeat(101);
    let response = admin
        .post_form("/staff/settings/onboarding", &[("steps", long.as_str())])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
