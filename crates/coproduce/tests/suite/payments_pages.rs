//! The staff payment pages: the overview, rates, fees with their approvals
//! and earnings limit warnings, expenses claims and their receipts, payment
//! runs with the finance system's file and confirmation, and the report on
//! paying promptly. The demo seeds payments of its own, so every test makes
//! its own records and looks for them by reference.

use coproduce_domain::dates::Date;
use coproduce_domain::{ActivityId, Actor, ClaimId, Email, FeeId, PersonId};
use coproduce_services::claims::{ClaimAnswers, Claimant, Upload};
use coproduce_services::payments::{self, RateAnswers};
use reqwest::StatusCode;

use crate::helpers::{ADMIN, Browser, NHS_ADMIN, OFFICER, TestApp, error_summary, form_token};

const LEAD: &str = "lead@northshire-council.example";
const FINANCE: &str = "finance@northshire-council.example";
const BOARD: &str = "board@northshire-council.example";

async fn actor(app: &TestApp, email: &str) -> Actor {
    let email = Email::parse(email).expect("email");
    app.services
        .store
        .user_by_email(&email)
        .await
        .expect("user")
        .actor()
}

/// Adds a person to the council's register.
async fn person(app: &TestApp, name: &str, email: &str) -> PersonId {
    let answers = coproduce_services::people::Answers {
        name: name.into(),
        contact_methods: vec!["email".into()],
        email: email.into(),
        experience_types: vec!["interested".into()],
        recognition: "paid".into(),
        ..Default::default()
    };
    let lists = coproduce_services::people::Lists::load(&app.services)
        .await
        .expect("lists");
    let (profile, problems) = answers.check(&lists);
    assert!(problems.is_empty(), "{problems:?}");
    coproduce_services::people::add(&app.services, &actor(app, OFFICER).await, &profile, "phone")
        .await
        .expect("person")
}

/// A session fee rate for a role of this test's own, in force from 2020.
async fn session_rate(app: &TestApp, role: &str, amount: &str) {
    let answers = RateAnswers {
        category: "fee".into(),
        role: role.into(),
        unit: "session".into(),
        amount: amount.into(),
        from: "1/1/2020".into(),
        ..RateAnswers::default()
    };
    payments::add_rate(&app.services, &actor(app, ADMIN).await, &answers)
        .await
        .expect("rate");
}

/// A paid activity on `date` that `people` attended, with their fees
/// worked out by the account `recorder`.
async fn fees_for(
    app: &TestApp,
    role: &str,
    date: &str,
    people: &[PersonId],
    recorder: &str,
) -> Vec<FeeId> {
    let officer = actor(app, OFFICER).await;
    let answers = coproduce_services::activities::ActivityAnswers {
        kind: "interview_panel".into(),
        title: format!("Interview panel on {date}"),
        description: "We interview people for the new support worker jobs.".into(),
        date: date.into(),
        starts: "10:00".into(),
        ends: "12:00".into(),
        place: "Town hall, room 2".into(),
        places: "40".into(),
        ..Default::default()
    };
    let activity = coproduce_services::activities::create(&app.services, &officer, &answers)
        .await
        .expect("activity");
    payments::set_activity_role(&app.services, &officer, activity, role)
        .await
        .expect("role");
    coproduce_services::activities::invite(&app.services, &officer, activity, people)
        .await
        .expect("invite");
    for person in people {
        coproduce_services::activities::record_attendance(
            &app.services,
            &officer,
            activity,
            *person,
            "attended",
            "",
            "",
        )
        .await
        .expect("attendance");
    }
    work_out(app, activity, recorder).await
}

async fn work_out(app: &TestApp, activity: ActivityId, recorder: &str) -> Vec<FeeId> {
    payments::work_out_fees(&app.services, &actor(app, recorder).await, activity)
        .await
        .expect("fees")
        .created
}

/// An expenses claim made by the officer for a person.
async fn claim(app: &TestApp, person: PersonId, amount: &str, receipt: Option<&Upload>) -> ClaimId {
    let answers = ClaimAnswers {
        kind: "public_transport".into(),
        date: "2/1/2024".into(),
        amount: amount.into(),
        description: "Bus to the town hall and back".into(),
        declaration: true,
        ..ClaimAnswers::default()
    };
    coproduce_services::claims::submit(
        &app.services,
        Claimant::Staff(&actor(app, OFFICER).await),
        person,
        &answers,
        receipt,
    )
    .await
    .expect("claim")
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn body(response: reqwest::Response) -> String {
    response.text().await.expect("body")
}

/// Whether an email to `to` holding `text` reaches the outbox within 5 s.
async fn emailed(app: &TestApp, to: &str, text: &str) -> bool {
    for _ in 0..100 {
        let mails = app.outbox(0).await;
        if mails.iter().any(|m| m.contains(to) && m.contains(text)) {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    false
}

fn today() -> String {
    payments::today().to_numeric()
}

/// Uploads a finance system confirmation file to a run's page.
async fn upload_confirmation(
    app: &TestApp,
    browser: &Browser,
    run: &str,
    csv: String,
) -> reqwest::Response {
    let (_, html) = browser
        .get_text(&format!("/staff/payments/runs/{run}"))
        .await;
    let token = form_token(&html).expect("a form token");
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("confirmation.csv"),
    );
    browser
        .client
        .post(app.url(&format!("/staff/payments/runs/{run}/confirmation")))
        .query(&[("csrf_token", token)])
        .header("origin", &app.address)
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

#[tokio::test]
async fn rates_are_listed_and_a_new_rate_is_checked_before_it_is_added() {
    let app = TestApp::spawn().await;
    let finance = app.signed_in(FINANCE).await;
    let admin_actor = actor(&app, ADMIN).await;
    let before = payments::rates(&app.services, &admin_actor)
        .await
        .expect("rates")
        .len();

    let (status, html) = finance.get_text("/staff/payments/rates").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Rates for fees and expenses"));

    let (status, html) = finance.get_text("/staff/payments/rates/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("the current rate ends the day before"),
        "{html}"
    );

    let response = finance
        .post_form(
            "/staff/payments/rates/new",
            &[
                ("category", "fee"),
                ("role", ""),
                ("amount", "twelve"),
                ("from", ""),
                ("to", "1/1/2020"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(response).await;
    let summary = error_summary(&html);
    assert!(
        summary.contains(&"Enter the role this rate is for, such as interview panel member".into()),
        "{summary:?}"
    );
    assert!(
        summary.contains(&"Choose how the rate is counted".into()),
        "{summary:?}"
    );
    assert!(
        summary.contains(&"Enter the date the rate starts".into()),
        "{summary:?}"
    );
    assert_eq!(summary.len(), 4, "the amount is refused too: {summary:?}");
    assert!(html.contains(r#"value="twelve""#), "answers are kept");
    assert!(html.contains(r#"value="fee" checked"#));
    assert_eq!(
        payments::rates(&app.services, &admin_actor)
            .await
            .expect("rates")
            .len(),
        before,
        "nothing is stored"
    );

    let good = |from: &'static str, amount: &'static str| {
        vec![
            ("category", "fee"),
            ("role", "Reader panel member"),
            ("unit", "hour"),
            ("pays_preparation", "yes"),
            ("amount", amount),
            ("from", from),
        ]
    };
    let response = finance
        .post_form("/staff/payments/rates/new", &good("1/4/2030", "22.50"))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/staff/payments/rates?done=added");
    let (_, html) = finance.get_text("/staff/payments/rates?done=added").await;
    assert!(html.contains("The rate has been added."));
    assert!(html.contains("Reader panel member"));
    assert!(html.contains("£22.50 an hour"));
    assert!(html.contains("1 April 2030"));

    // A new rate from a later date takes over: the first ends the day before.
    let response = finance
        .post_form("/staff/payments/rates/new", &good("1/4/2031", "25"))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = finance.get_text("/staff/payments/rates").await;
    assert!(html.contains("£25.00 an hour"));
    assert!(html.contains("31 March 2031"), "{html}");

    // Officers may see rates but not set them.
    let officer = app.signed_in(OFFICER).await;
    assert_eq!(
        officer.get_text("/staff/payments/rates").await.0,
        StatusCode::OK
    );
    assert_eq!(
        officer.get_text("/staff/payments/rates/new").await.0,
        StatusCode::FORBIDDEN
    );
    let response = officer
        .post_form("/staff/payments/rates/new", &good("1/4/2032", "30"))
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn whoever_worked_out_a_fee_cannot_approve_it_and_someone_else_can() {
    let app = TestApp::spawn().await;
    session_rate(&app, "Approval test panel member", "30").await;
    let ann = person(&app, "Ann Approval", "ann.approval@example.com").await;
    let fee = fees_for(
        &app,
        "Approval test panel member",
        "14/07/2099",
        &[ann],
        LEAD,
    )
    .await[0];

    let lead = app.signed_in(LEAD).await;
    let (status, html) = lead.get_text(&format!("/staff/payments/fees/{fee}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("FEE-{fee}: Ann Approval")));
    assert!(html.contains("A session fee of £30.00"));
    assert!(html.contains("Waiting for approval"));

    let response = lead
        .post_form(&format!("/staff/payments/fees/{fee}/approve"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let summary = error_summary(&body(response).await);
    assert_eq!(
        summary,
        ["You recorded this, so someone else must approve or reject it"]
    );

    let admin = app.signed_in(ADMIN).await;
    let response = admin
        .post_form(&format!("/staff/payments/fees/{fee}/approve"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let next = location(&response);
    assert_eq!(next, format!("/staff/payments/fees/{fee}?done=approved"));
    let (_, html) = admin.get_text(&next).await;
    assert!(html.contains("The fee has been approved."));
    assert!(html.contains("Approved, waiting for a payment run"));
    assert!(html.contains("Approved by"));
    assert!(
        !html.contains("Approve the fee of"),
        "no second approval is offered"
    );

    let response = admin
        .post_form(&format!("/staff/payments/fees/{fee}/approve"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(
        error_summary(&body(response).await),
        ["This has already been approved or rejected"]
    );

    // The fee appears in the approved list, and officers may not approve.
    let (_, list) = admin.get_text("/staff/payments/fees?status=approved").await;
    assert!(list.contains(&format!("FEE-{fee}")));
    let officer = app.signed_in(OFFICER).await;
    let response = officer
        .post_form(&format!("/staff/payments/fees/{fee}/approve"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // Another organisation's staff are told there is no such fee.
    let nhs = app.signed_in(NHS_ADMIN).await;
    assert_eq!(
        nhs.get_text(&format!("/staff/payments/fees/{fee}")).await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_rejection_needs_a_reason_and_the_person_is_told_it() {
    let app = TestApp::spawn().await;
    session_rate(&app, "Rejection test panel member", "30").await;
    let bea = person(&app, "Bea Rejection", "bea.rejection@example.com").await;
    let fee = fees_for(
        &app,
        "Rejection test panel member",
        "14/07/2099",
        &[bea],
        OFFICER,
    )
    .await[0];
    let bea_claim = claim(&app, bea, "4.50", None).await;
    let admin = app.signed_in(ADMIN).await;

    for path in [
        format!("/staff/payments/fees/{fee}/reject"),
        format!("/staff/payments/claims/{bea_claim}/reject"),
    ] {
        let response = admin.post_form(&path, &[("reason", "  ")]).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path}"
        );
        let html = body(response).await;
        assert_eq!(
            error_summary(&html),
            ["Say why it is rejected: the person will be told"]
        );
        assert!(
            html.contains("Waiting for approval"),
            "still waiting: {path}"
        );
    }

    let response = admin
        .post_form(
            &format!("/staff/payments/claims/{bea_claim}/reject"),
            &[("reason", "The bus fare was paid by the forum already")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = admin.get_text(&location(&response)).await;
    assert!(html.contains("The claim has been rejected."));
    assert!(html.contains("Reason: The bus fare was paid by the forum already"));
    assert!(
        emailed(&app, "bea.rejection@example.com", "paid by the forum").await,
        "the person is emailed the reason"
    );

    let response = admin
        .post_form(
            &format!("/staff/payments/fees/{fee}/reject"),
            &[("reason", "Bea was not at this panel")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = admin.get_text(&location(&response)).await;
    assert!(html.contains("Reason: Bea was not at this panel"));
    assert!(html.contains("Rejected by"));
}

#[tokio::test]
async fn a_fee_that_would_pass_a_weekly_limit_warns_with_the_headroom_and_offers_choices() {
    let app = TestApp::spawn().await;
    session_rate(&app, "Limit test panel member", "30").await;
    let cal = person(&app, "Cal Limit", "cal.limit@example.com").await;
    payments::add_limit(
        &app.services,
        &actor(&app, OFFICER).await,
        cal,
        "Permitted work",
        "50",
        "week",
    )
    .await
    .expect("limit");
    // Tuesday and Wednesday of the week starting Monday 13 July 2099.
    fees_for(
        &app,
        "Limit test panel member",
        "14/07/2099",
        &[cal],
        OFFICER,
    )
    .await;
    let second = fees_for(
        &app,
        "Limit test panel member",
        "15/07/2099",
        &[cal],
        OFFICER,
    )
    .await[0];

    let lead = app.signed_in(LEAD).await;
    let (status, html) = lead
        .get_text(&format!("/staff/payments/fees/{second}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(
            "Approving this fee would take Cal Limit past their Permitted work limit of £50.00 \
             for the week starting 13 July 2099. They have £20.00 left."
        ),
        "{html}"
    );
    // The warning and the person's choices come before the approve button.
    let warning = html.find("Approving this fee would take").expect("warning");
    let choices = html
        .find(r#"value="reduced""#)
        .expect("the choice to reduce");
    let approve = html
        .find("Approve the fee of £30.00")
        .expect("approve button");
    assert!(warning < choices && choices < approve);
    for choice in ["decline", "charity", "vouchers"] {
        assert!(html.contains(&format!(r#"value="{choice}""#)), "{choice}");
    }

    // A smaller amount without the amount is refused, answers kept.
    let response = lead
        .post_form(
            &format!("/staff/payments/fees/{second}/change"),
            &[("choice", "reduced"), ("reduced", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(response).await;
    assert_eq!(error_summary(&html).len(), 1, "{:?}", error_summary(&html));
    assert!(html.contains(r#"value="reduced" checked"#));

    // Cal chooses to take £20: it fits, so the warning goes.
    let response = lead
        .post_form(
            &format!("/staff/payments/fees/{second}/change"),
            &[("choice", "reduced"), ("reduced", "20")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = lead.get_text(&location(&response)).await;
    assert!(html.contains("The fee has been changed."));
    assert!(html.contains("Take a smaller amount: £20.00"));
    assert!(!html.contains("Approving this fee would take"));
    assert!(html.contains(
        "£20.00 left in their Permitted work limit of £50.00 for the week starting 13 July 2099. \
         This fee of £20.00 fits within it."
    ));

    // An amount set by hand needs a reason, which is kept.
    let response = lead
        .post_form(
            &format!("/staff/payments/fees/{second}/change"),
            &[("choice", "take"), ("amount", "15"), ("reason", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_summary(&body(response).await),
        ["Say why you are changing the amount"]
    );
    let response = lead
        .post_form(
            &format!("/staff/payments/fees/{second}/change"),
            &[
                ("choice", "take"),
                ("amount", "15"),
                ("reason", "Cal left at half time"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = lead
        .get_text(&format!("/staff/payments/fees/{second}"))
        .await;
    assert!(html.contains("Cal left at half time"));
    assert!(html.contains("£15.00"));
}

#[tokio::test]
async fn finance_makes_a_run_downloads_its_file_and_records_it_paid() {
    let app = TestApp::spawn().await;
    session_rate(&app, "Run test panel member", "40").await;
    let dee = person(&app, "Dee Run", "dee.run@example.com").await;
    let fee = fees_for(&app, "Run test panel member", "14/07/2099", &[dee], LEAD).await[0];
    let expense = claim(&app, dee, "6.20", None).await;
    let admin_actor = actor(&app, ADMIN).await;
    payments::approve_fee(&app.services, &admin_actor, fee)
        .await
        .expect("approve fee");
    coproduce_services::claims::approve(&app.services, &admin_actor, expense)
        .await
        .expect("approve claim");

    let officer = app.signed_in(OFFICER).await;
    assert_eq!(
        officer.get_text("/staff/payments/runs/new").await.0,
        StatusCode::FORBIDDEN
    );
    let (_, overview) = officer.get_text("/staff/payments").await;
    assert!(!overview.contains("Make a payment run"));

    let finance = app.signed_in(FINANCE).await;
    let (_, overview) = finance.get_text("/staff/payments").await;
    assert!(overview.contains(r#"href="/staff/payments/runs/new""#));
    let (status, html) = finance.get_text("/staff/payments/runs/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("FEE-{fee}")));
    assert!(html.contains(&format!("EXP-{expense}")));
    assert!(html.contains("£40.00") && html.contains("£6.20"));

    let response = finance.post_form("/staff/payments/runs", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let next = location(&response);
    let run = next
        .trim_start_matches("/staff/payments/runs/")
        .trim_end_matches("?done=created")
        .to_owned();
    assert!(run.parse::<i64>().is_ok(), "{next}");
    let (_, html) = finance.get_text(&next).await;
    assert!(html.contains("The payment run has been made."));
    assert!(html.contains("Download the file for the finance system (CSV)"));
    assert!(html.contains(&format!("FEE-{fee}")) && html.contains(&format!("EXP-{expense}")));

    let response = finance
        .get(&format!("/staff/payments/runs/{run}/file.csv"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/csv")
    );
    assert_eq!(
        response.headers()["content-disposition"],
        format!("attachment; filename=\"payment-run-{run}.csv\"").as_str()
    );
    let csv = body(response).await;
    // The file starts with a byte order mark, so spreadsheets read it as UTF-8.
    let csv = csv.trim_start_matches('\u{feff}');
    assert!(csv.starts_with("reference,run,person_id,name"), "{csv}");
    for reference in [format!("FEE-{fee},"), format!("EXP-{expense},")] {
        assert_eq!(
            csv.lines().filter(|l| l.starts_with(&reference)).count(),
            1,
            "{reference} once: {csv}"
        );
    }
    assert_eq!(
        officer
            .get_text(&format!("/staff/payments/runs/{run}/file.csv"))
            .await
            .0,
        StatusCode::FORBIDDEN
    );

    // Everything approved is in the run: a second run is refused clearly.
    let (_, html) = finance.get_text("/staff/payments/runs/new").await;
    assert!(html.contains("Nothing is approved and waiting to be paid"));
    let response = finance.post_form("/staff/payments/runs", &[]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(
        error_summary(&body(response).await),
        ["Nothing is approved and waiting to be paid, so there is no run to make"]
    );

    let paid = format!("/staff/payments/runs/{run}/paid");
    let response = finance
        .post_form(&paid, &[("paid_on", ""), ("reference", "PAY-77")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(response).await;
    assert_eq!(error_summary(&html), ["Enter the date it was paid"]);
    assert!(html.contains(r#"value="PAY-77""#));
    let response = finance
        .post_form(&paid, &[("paid_on", &today()), ("reference", "PAY-77")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = finance.get_text(&location(&response)).await;
    assert!(html.contains("The payment run has been recorded as paid."));
    assert!(html.contains("reference PAY-77"));
    assert!(
        !html.contains("Record as paid"),
        "a paid run is not paid twice"
    );
    let (_, html) = finance
        .get_text(&format!("/staff/payments/fees/{fee}"))
        .await;
    assert!(html.contains(&format!("Payment run {run}")));
    assert!(html.contains(">Paid<"), "{html}");

    let response = finance
        .post_form(&paid, &[("paid_on", &today()), ("reference", "")])
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(
        error_summary(&body(response).await),
        ["This run has already been recorded as paid"]
    );
}

#[tokio::test]
async fn a_confirmation_file_marks_items_paid_and_a_bad_row_is_refused_by_number() {
    let app = TestApp::spawn().await;
    session_rate(&app, "Confirmation test panel member", "25").await;
    let eve = person(&app, "Eve Confirm", "eve.confirm@example.com").await;
    let fee = fees_for(
        &app,
        "Confirmation test panel member",
        "14/07/2099",
        &[eve],
        LEAD,
    )
    .await[0];
    let expense = claim(&app, eve, "3.10", None).await;
    let admin_actor = actor(&app, ADMIN).await;
    payments::approve_fee(&app.services, &admin_actor, fee)
        .await
        .expect("approve fee");
    coproduce_services::claims::approve(&app.services, &admin_actor, expense)
        .await
        .expect("approve claim");
    let run = coproduce_services::payment_runs::create(&app.services, &actor(&app, FINANCE).await)
        .await
        .expect("run")
        .id
        .to_string();
    let finance = app.signed_in(FINANCE).await;
    let day = today();

    let bad = format!(
        "reference,paid_on,payment_reference\r\nFEE-{fee},{day},P-1\r\nEXP-999999,{day},P-2\r\n"
    );
    let response = upload_confirmation(&app, &finance, &run, bad).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let summary = error_summary(&body(response).await);
    assert_eq!(
        summary,
        [format!(
            "Row 3: EXP-999999 is not an item of payment run {run}"
        )]
    );
    let (_, html) = finance
        .get_text(&format!("/staff/payments/fees/{fee}"))
        .await;
    assert!(html.contains("In a payment run"), "nothing is recorded");

    // Without a file the page says so.
    let (_, html) = finance
        .get_text(&format!("/staff/payments/runs/{run}"))
        .await;
    let token = form_token(&html).expect("token");
    let response = finance
        .client
        .post(app.url(&format!("/staff/payments/runs/{run}/confirmation")))
        .query(&[("csrf_token", token)])
        .header("origin", &app.address)
        .multipart(reqwest::multipart::Form::new().text("note", "no file"))
        .send()
        .await
        .expect("upload");
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_summary(&body(response).await),
        ["Choose the confirmation file to upload"]
    );

    let good = format!(
        "reference,paid_on,payment_reference\r\nFEE-{fee},{day},P-1\r\nEXP-{expense},{day},P-2\r\n"
    );
    let response = upload_confirmation(&app, &finance, &run, good).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = finance.get_text(&location(&response)).await;
    assert!(
        html.contains("The confirmation file recorded 2 items as paid."),
        "{html}"
    );
    let (_, html) = finance
        .get_text(&format!("/staff/payments/claims/{expense}"))
        .await;
    assert!(html.contains("reference P-2"));
}

#[tokio::test]
async fn a_receipt_is_served_as_a_download_only_to_its_organisation() {
    let app = TestApp::spawn().await;
    let fay = person(&app, "Fay Receipt", "fay.receipt@example.com").await;
    let pdf = b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%%EOF\n".to_vec();
    let upload = Upload {
        file_name: "bus ticket.pdf".into(),
        bytes: pdf.clone(),
    };
    let with_receipt = claim(&app, fay, "2.80", Some(&upload)).await;

    let finance = app.signed_in(FINANCE).await;
    let (status, html) = finance
        .get_text(&format!("/staff/payments/claims/{with_receipt}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Download the receipt"));
    assert!(html.contains("Bus to the town hall and back"));
    assert!(html.contains("for them, on"), "claimed by staff: {html}");

    let response = finance
        .get(&format!("/staff/payments/claims/{with_receipt}/receipt"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"busticket.pdf\""
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cache-control"], "private, no-store");
    assert_eq!(response.bytes().await.expect("bytes").to_vec(), pdf);

    let nhs = app.signed_in(NHS_ADMIN).await;
    for path in [
        format!("/staff/payments/claims/{with_receipt}/receipt"),
        format!("/staff/payments/claims/{with_receipt}"),
    ] {
        assert_eq!(nhs.get_text(&path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    let without = claim(&app, fay, "1.00", None).await;
    assert_eq!(
        finance
            .get_text(&format!("/staff/payments/claims/{without}/receipt"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_report_lists_what_waits_too_long_and_admins_set_the_target() {
    let app = TestApp::spawn().await;
    let gil = person(&app, "Gil Report", "gil.report@example.com").await;
    let old = claim(&app, gil, "5.00", None).await;
    let waited = payments::today().days_since_1970()
        - Date::new(2024, 1, 2).expect("date").days_since_1970();

    let finance = app.signed_in(FINANCE).await;
    let (status, html) = finance.get_text("/staff/payments/report").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("How quickly people are paid"));
    let document = scraper::Html::parse_document(&html);
    let row = scraper::Selector::parse("tbody tr").expect("selector");
    let line = document
        .select(&row)
        .map(|r| r.text().collect::<Vec<_>>().join("|"))
        .find(|t| t.contains(&format!("EXP-{old}")))
        .unwrap_or_else(|| panic!("EXP-{old} is listed: {html}"));
    assert!(
        line.contains("Gil Report") && line.contains(&waited.to_string()),
        "{line}"
    );
    assert!(!html.contains("Change the target"), "only admins change it");
    let response = finance
        .post_form(
            "/staff/payments/report/target",
            &[("payment_target_days", "20")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    let admin = app.signed_in(ADMIN).await;
    let response = admin
        .post_form(
            "/staff/payments/report/target",
            &[("payment_target_days", "0")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(response).await;
    assert_eq!(
        error_summary(&html),
        ["Enter a number of days from 1 to 365"]
    );
    assert!(html.contains(r#"value="0""#));
    let response = admin
        .post_form(
            "/staff/payments/report/target",
            &[("payment_target_days", "21")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = admin.get_text(&location(&response)).await;
    assert!(html.contains("The target has been changed."));
    assert!(html.contains("pay within <strong>21 days</strong>"));
}

#[tokio::test]
async fn lists_filter_by_status_and_page_back_to_older_items() {
    let app = TestApp::spawn().await;
    session_rate(&app, "List test panel member", "30").await;
    let mut people = Vec::new();
    for n in 0..26 {
        people.push(
            person(
                &app,
                &format!("Hal List {n}"),
                &format!("hal.list.{n}@example.com"),
            )
            .await,
        );
    }
    let mut fees = fees_for(
        &app,
        "List test panel member",
        "14/07/2099",
        &people,
        OFFICER,
    )
    .await;
    fees.sort_by_key(|f| f.0);
    let (oldest, newest) = (fees[0], fees[25]);

    let lead = app.signed_in(LEAD).await;
    let (status, html) = lead.get_text("/staff/payments/fees?status=submitted").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("FEE-{newest}<")));
    assert!(!html.contains(&format!("FEE-{oldest}<")));
    let document = scraper::Html::parse_document(&html);
    let older = scraper::Selector::parse("a[rel=next]").expect("selector");
    let href = document
        .select(&older)
        .next()
        .and_then(|a| a.value().attr("href"))
        .expect("an Older fees link")
        .to_owned();
    assert!(href.contains("status=submitted"), "{href}");
    let (_, html) = lead.get_text(&href).await;
    assert!(html.contains(&format!("FEE-{oldest}<")), "{html}");

    // Other statuses do not show them; the overview counts them.
    let (_, html) = lead.get_text("/staff/payments/fees?status=paid").await;
    assert!(!html.contains(&format!("FEE-{newest}<")));
    let (_, html) = lead.get_text("/staff/payments").await;
    assert!(html.contains("Fees waiting for approval"));
    assert!(
        !html.contains(r#"href="/staff/payments/rates/new""#),
        "leads do not set rates"
    );
    let (_, claims) = lead
        .get_text("/staff/payments/claims?status=nonsense")
        .await;
    assert!(claims.contains("Expenses claims"));

    let board = app.signed_in(BOARD).await;
    assert_eq!(
        board.get_text("/staff/payments").await.0,
        StatusCode::FORBIDDEN
    );
}
