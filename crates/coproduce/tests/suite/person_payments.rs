//! Paying one person and one activity through the pages: expenses claims
//! through the person's own link and by staff for them, their choices and
//! earnings limits, an activity's rate, choices and fees from attendance,
//! the warning before inviting someone past a limit, and the printable
//! statement of a tax year.

use coproduce_domain::activity::Attendance;
use coproduce_domain::dates::Date;
use coproduce_domain::payments::tax_year_of;
use coproduce_domain::{ActivityId, ClaimId, PersonId};
use coproduce_services::payments::{self, RateAnswers};
use coproduce_services::{claims, clock, payment_runs};
use coproduce_store::{ClaimRecord, ItemFilter, SubmittedVia};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::helpers::{ADMIN, Browser, NHS_ADMIN, OFFICER, TestApp, error_summary};
use crate::smtp::{actor_of, answers, create_activity, path_of_link};

const FINANCE: &str = "finance@northshire-council.example";
const BOARD: &str = "board@northshire-council.example";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n";
const DAY: i64 = 24 * 60 * 60;

fn today() -> Date {
    payments::today()
}

fn days_from_today(days: i64) -> Date {
    Date::from_days_since_1970(today().days_since_1970() + days).expect("a date")
}

/// Adds a person to the council's register, with an email address or,
/// without one, a phone number.
async fn person(app: &TestApp, name: &str, email: Option<&str>) -> PersonId {
    let answers = coproduce_services::people::Answers {
        name: name.into(),
        contact_methods: vec![if email.is_some() { "email" } else { "phone" }.into()],
        email: email.unwrap_or_default().into(),
        phone: if email.is_some() {
            String::new()
        } else {
            "07700 900456".into()
        },
        experience_types: vec!["interested".into()],
        recognition: "volunteer".into(),
        ..Default::default()
    };
    let lists = coproduce_services::people::Lists::load(&app.services)
        .await
        .expect("lists");
    let (profile, problems) = answers.check(&lists);
    assert!(problems.is_empty(), "{problems:?}");
    coproduce_services::people::add(
        &app.services,
        &actor_of(app, OFFICER).await,
        &profile,
        "phone",
    )
    .await
    .expect("person")
}

/// An hourly fee rate for `role`, added by the finance officer.
async fn hourly_rate(app: &TestApp, role: &str, pounds: &str, from: Date) {
    let rate = RateAnswers {
        category: "fee".into(),
        role: role.into(),
        unit: "hour".into(),
        amount: pounds.into(),
        from: from.to_numeric(),
        ..RateAnswers::default()
    };
    payments::add_rate(&app.services, &actor_of(app, FINANCE).await, &rate)
        .await
        .expect("rate");
}

/// An activity from 14:30 to 16:00 on `day` paying the rate for `role`.
async fn paid_activity(app: &TestApp, title: &str, day: Date, role: &str) -> ActivityId {
    let activity = create_activity(app, &answers(title, day, 10)).await;
    payments::set_activity_role(&app.services, &actor_of(app, OFFICER).await, activity, role)
        .await
        .expect("activity role");
    activity
}

/// Marks a person as having attended, as the activity page records it.
async fn attended(app: &TestApp, activity: ActivityId, person: PersonId, minutes: Option<u32>) {
    let mut tx = app.services.store.begin().await.expect("begin");
    let invitation = tx
        .insert_invitation(activity, person, None, clock::now() - 30 * DAY)
        .await
        .expect("invitation");
    tx.set_attendance(invitation, Attendance::Attended, minutes, None)
        .await
        .expect("attendance");
    tx.commit().await.expect("commit");
}

async fn claims_of(app: &TestApp, person: PersonId) -> Vec<ClaimRecord> {
    let record = app.services.store.person(person).await.expect("person");
    app.services
        .store
        .claims(
            record.organisation_id,
            ItemFilter {
                person: Some(person),
                ..ItemFilter::default()
            },
            None,
            200,
        )
        .await
        .expect("claims")
}

/// Sends a claim form as a browser would: multipart, with the form token
/// in the address.
async fn send_claim(
    app: &TestApp,
    browser: &Browser,
    path: &str,
    fields: &[(&str, &str)],
    receipt: Option<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let token = browser.csrf_token().await;
    let mut form = Form::new();
    for (name, value) in fields {
        form = form.text((*name).to_owned(), (*value).to_owned());
    }
    if let Some((file_name, bytes)) = receipt {
        form = form.part(
            "receipt",
            Part::bytes(bytes).file_name(file_name.to_owned()),
        );
    }
    browser
        .client
        .post(app.url(&format!("{path}?csrf_token={token}")))
        .header("origin", &app.address)
        .multipart(form)
        .send()
        .await
        .expect("send the claim")
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A good bus fare claim for today, as the form sends it.
fn bus_fare(date: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "public_transport".into()),
        ("date", date.into()),
        ("activity", String::new()),
        ("amount", "4.60".into()),
        ("miles", String::new()),
        ("description", "Return bus to the town hall".into()),
        ("declaration", "yes".into()),
    ]
}

fn refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn a_person_claims_through_their_link_and_the_claim_is_listed() {
    let app = TestApp::spawn().await;
    let ann = person(&app, "Ann Claimant", Some("ann.claimant@example.com")).await;
    let activity =
        create_activity(&app, &answers("Day centre review", days_from_today(-3), 10)).await;
    attended(&app, activity, ann, None).await;
    let path = path_of_link(&app, &claims::link(&app.services, ann, clock::now()));
    let visitor = app.browser();

    let (status, html) = visitor.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Hello Ann"), "{html}");
    assert!(
        html.contains("Day centre review"),
        "the activity they attended is offered"
    );
    assert!(html.contains("You have not made any claims yet"));

    let day = today().to_numeric();
    let mut fields = bus_fare(&day);
    fields[2].1 = activity.0.to_string();
    let response = send_claim(
        &app,
        &visitor,
        &path,
        &refs(&fields),
        Some(("bus ticket.pdf", PDF.to_vec())),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), format!("{path}/done"));
    let (status, html) = visitor.get_text(&format!("{path}/done")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("We have your claim"));
    assert!(html.contains("If there is a problem with the claim, we will tell you"));

    let stored = claims_of(&app, ann).await;
    assert_eq!(stored.len(), 1);
    let claim = &stored[0];
    assert_eq!(claim.amount.to_string(), "£4.60");
    assert_eq!(claim.activity_id, Some(activity));
    assert_eq!(claim.submitted_via, SubmittedVia::Link);
    assert_eq!(claim.submitted_by, None);
    let receipt = claim.receipt.as_ref().expect("the receipt is kept");
    assert_eq!(receipt.file_name, "busticket.pdf");

    let response = visitor.get(&path).await;
    assert_eq!(
        response.headers()["cache-control"],
        "no-store",
        "their claims are not kept by the browser"
    );
    let html = response.text().await.expect("body");
    assert!(html.contains("Bus, train or tram fares"), "{html}");
    assert!(html.contains("Waiting for approval"));
    assert!(html.contains("£4.60"));

    let officer = app.signed_in(OFFICER).await;
    let (status, html) = officer
        .get_text(&format!("/staff/people/{ann}/payments"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("/staff/payments/claims/{}", claim.id)));
    assert!(html.contains(&format!("EXP-{}", claim.id)));
    assert!(html.contains("Return bus to the town hall"));
}

#[tokio::test]
async fn claims_with_mistakes_are_refused_with_a_message_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let bo = person(&app, "Bo Mistaken", Some("bo.mistaken@example.com")).await;
    let path = path_of_link(&app, &claims::link(&app.services, bo, clock::now()));
    let visitor = app.browser();
    let day = today().to_numeric();
    let tomorrow = days_from_today(1).to_numeric();

    let mut too_big = PDF.to_vec();
    too_big.splice(8..8, vec![b' '; 5 * 1024 * 1024]);
    let mut far_too_big = PDF.to_vec();
    far_too_big.splice(8..8, vec![b' '; 6 * 1024 * 1024 + 512 * 1024]);
    let refused = |fields: Vec<(&'static str, String)>,
                   receipt: Option<(&'static str, Vec<u8>)>,
                   message: &'static str| {
        let (app, visitor, path) = (&app, &visitor, &path);
        async move {
            let response = send_claim(app, visitor, path, &refs(&fields), receipt).await;
            assert_eq!(
                response.status(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "{message}"
            );
            let html = response.text().await.expect("body");
            let summary = error_summary(&html);
            assert!(
                summary.iter().any(|m| m.starts_with(message)),
                "{message}: {summary:?}"
            );
            assert!(
                html.contains("Return bus to the town hall"),
                "{message}: the answers are kept"
            );
            assert!(
                claims_of(app, bo).await.is_empty(),
                "{message}: nothing stored"
            );
            html
        }
    };
    let mut negative = bus_fare(&day);
    negative[3].1 = "-4.60".into();
    let html = refused(
        negative,
        Some(("ticket.pdf", PDF.to_vec())),
        "The amount must be £0 or more",
    )
    .await;
    assert!(
        html.contains("Choose the receipt file again"),
        "a good receipt cannot be kept"
    );
    let html = refused(
        bus_fare(&tomorrow),
        None,
        "The date must be today or in the past",
    )
    .await;
    assert!(!html.contains("Choose the receipt file again"));
    refused(
        bus_fare(&day),
        Some(("ticket.pdf", b"this is not a receipt".to_vec())),
        "The receipt must be a PDF or a photo",
    )
    .await;
    refused(
        bus_fare(&day),
        Some(("ticket.pdf", b"%PDF-1.4\n1 0 obj\n".to_vec())),
        "The receipt file is damaged or incomplete",
    )
    .await;
    refused(
        bus_fare(&day),
        Some(("ticket.pdf", too_big)),
        "The receipt must be smaller than 5 MB",
    )
    .await;
    // Bigger than the form's own limit: the form is cut off, and the
    // message comes from the page rather than from checking the file.
    refused(
        bus_fare(&day),
        Some(("ticket.pdf", far_too_big)),
        "The receipt must be smaller than 5 MB. Choose a smaller file",
    )
    .await;
    let mut undeclared = bus_fare(&day);
    undeclared.retain(|(k, _)| *k != "declaration");
    refused(undeclared, None, "Confirm that the claim is true").await;

    // A body bigger than any page takes is refused before it is read, with
    // a page in the site's style.
    let mut huge = PDF.to_vec();
    huge.splice(8..8, vec![b' '; 9 * 1024 * 1024]);
    let response = send_claim(
        &app,
        &visitor,
        &path,
        &refs(&bus_fare(&day)),
        Some(("ticket.pdf", huge)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let html = response.text().await.expect("body");
    assert!(html.contains("What you sent is too large"), "{html}");
    assert!(claims_of(&app, bo).await.is_empty());

    // An empty post is refused like an empty form.
    let response = visitor.post_form(&path, &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let summary = error_summary(&response.text().await.expect("body"));
    assert!(
        summary.iter().any(|m| m == "Choose what the claim is for"),
        "{summary:?}"
    );
    assert!(claims_of(&app, bo).await.is_empty());
}

#[tokio::test]
async fn tampered_and_expired_links_are_refused_calmly() {
    let app = TestApp::spawn().await;
    let cy = person(&app, "Cy Linkless", Some("cy.linkless@example.com")).await;
    let good = path_of_link(&app, &claims::link(&app.services, cy, clock::now()));
    let (head, signature) = good.rsplit_once('.').expect("a signed link");
    let flipped = if signature.starts_with('A') { "B" } else { "A" };
    let tampered = format!("{head}.{flipped}{}", &signature[1..]);
    let other_person = good.replacen(&format!("/claim/{cy}."), "/claim/1.", 1);
    let expired = path_of_link(
        &app,
        &claims::link(&app.services, cy, clock::now() - 61 * DAY),
    );
    let visitor = app.browser();
    for path in [
        tampered.as_str(),
        other_person.as_str(),
        expired.as_str(),
        "/claim/nonsense",
    ] {
        let (status, html) = visitor.get_text(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(html.contains("This link does not work"), "{path}");
        assert!(html.contains("contact the team") || html.contains("Contact the team"));
        let day = today().to_numeric();
        let response = send_claim(&app, &visitor, path, &refs(&bus_fare(&day)), None).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let (status, _) = visitor.get_text(&format!("{path}/done")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}/done");
    }
    assert!(claims_of(&app, cy).await.is_empty());
    let (status, _) = visitor.get_text(&good).await;
    assert_eq!(status, StatusCode::OK, "the untouched link still works");
}

#[tokio::test]
async fn staff_claim_for_someone_and_email_or_show_their_link() {
    let app = TestApp::spawn().await;
    let di = person(&app, "Di Phoneonly", None).await;
    let eve = person(&app, "Eve Emailer", Some("eve.emailer@example.com")).await;
    let officer = app.signed_in(OFFICER).await;
    let form = format!("/staff/people/{di}/claims/new");

    let (status, html) = officer.get_text(&form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Claim expenses for Di Phoneonly"));
    assert!(html.contains("enctype=\"multipart/form-data\""));

    let response = officer.post_form(&form, &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let summary = error_summary(&response.text().await.expect("body"));
    assert!(
        summary.contains(&"Choose what the claim is for".to_owned()),
        "{summary:?}"
    );

    let day = days_from_today(-1);
    let date = day.to_numeric();
    let fields = [
        ("kind", "childcare"),
        ("date", date.as_str()),
        ("activity", ""),
        ("amount", "18"),
        ("description", "Childminder for the afternoon"),
        ("declaration", "yes"),
    ];
    let response = send_claim(&app, &officer, &form, &fields, None).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let stored = claims_of(&app, di).await;
    assert_eq!(stored.len(), 1);
    let claim = &stored[0];
    assert_eq!(claim.submitted_via, SubmittedVia::Staff);
    assert_eq!(
        claim.submitted_by.map(|u| u.0),
        Some(app.user_id(OFFICER).await)
    );
    assert_eq!(claim.amount.to_string(), "£18.00");
    let back = location(&response);
    assert!(
        back.starts_with(&format!(
            "/staff/people/{di}/payments?tax_year={}&done=claim&claim={}",
            tax_year_of(day),
            claim.id
        )),
        "{back}"
    );
    let (_, html) = officer.get_text(&back).await;
    assert!(html.contains("The expenses claim is saved"));
    assert!(html.contains("Childminder for the afternoon"));
    assert!(html.contains("£18.00"));

    // Without email, the person's own link is shown to read out or print;
    // asking to email it is refused with the reason.
    assert!(
        html.contains(&format!("{}/claim/{di}.", app.address)),
        "{html}"
    );
    let response = officer
        .post_form(&format!("/staff/people/{di}/payments/claim-link"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let summary = error_summary(&response.text().await.expect("body"));
    assert!(
        summary[0].starts_with("They have no email address"),
        "{summary:?}"
    );

    let response = officer
        .post_form(&format!("/staff/people/{eve}/payments/claim-link"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = officer.get_text(&location(&response)).await;
    assert!(html.contains("We are emailing them their link"));
    assert!(
        !html.contains(&format!("/claim/{eve}.")),
        "no link shown for people with email"
    );
    let mut mail = None;
    for _ in 0..100 {
        mail = app
            .outbox(0)
            .await
            .into_iter()
            .find(|m| m.contains("eve.emailer@example.com"));
        if mail.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mail = mail.expect("the link email");
    let link = crate::helpers::link_in(&mail, &format!("{}/claim/", app.address)).expect("a link");
    let (status, html) = app.browser().get_text(&path_of_link(&app, &link)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Hello Eve"));

    // Roles that do not record payments cannot claim for people, and other
    // organisations cannot reach this person at all.
    let board = app.signed_in(BOARD).await;
    assert_eq!(board.get(&form).await.status(), StatusCode::FORBIDDEN);
    let response = send_claim(&app, &board, &form, &fields, None).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let other = app.signed_in(NHS_ADMIN).await;
    assert_eq!(other.get(&form).await.status(), StatusCode::NOT_FOUND);
    let response = send_claim(&app, &other, &form, &fields, None).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(claims_of(&app, di).await.len(), 1);
}

#[tokio::test]
async fn choices_and_limits_are_saved_shown_and_checked() {
    let app = TestApp::spawn().await;
    let fay = person(&app, "Fay Limits", Some("fay.limits@example.com")).await;
    let officer = app.signed_in(OFFICER).await;
    let page = format!("/staff/people/{fay}/payments");
    let preferences = format!("{page}/preferences");

    let (status, html) = officer.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Not offered yet"));
    assert!(html.contains("They have not told us about any limits"));
    let (status, html) = officer.get_text(&preferences).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Why benefits matter"));

    let check = |fields: Vec<(&'static str, String)>, message: &'static str| {
        let officer = &officer;
        let preferences = &preferences;
        async move {
            let response = officer.post_form(preferences, &refs(&fields)).await;
            assert_eq!(
                response.status(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "{message}"
            );
            let html = response.text().await.expect("body");
            let summary = error_summary(&html);
            assert!(
                summary.iter().any(|m| m.starts_with(message)),
                "{summary:?}"
            );
            html
        }
    };
    check(vec![], "Choose what they want to do with the fee").await;
    check(
        vec![("choice", "reduced".into()), ("reduced", "lots".into())],
        "The smaller amount must be an amount of money",
    )
    .await;
    let html = check(
        vec![("choice", "charity".into()), ("charity", String::new())],
        "Enter the name of the charity",
    )
    .await;
    assert!(
        html.contains("value=\"charity\" checked"),
        "the choice is kept"
    );
    check(
        vec![
            ("choice", "take".into()),
            ("advice_offered_on", days_from_today(3).to_numeric()),
        ],
        "The date advice was offered must be today or in the past",
    )
    .await;

    let advised = days_from_today(-2);
    let advised_on = advised.to_numeric();
    let response = officer
        .post_form(
            &preferences,
            &[
                ("choice", "reduced"),
                ("reduced", "20"),
                ("charity", ""),
                ("method", "bank_transfer"),
                ("advice_offered_on", advised_on.as_str()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = officer.get_text(&location(&response)).await;
    assert!(html.contains("Their choice about fees is saved"));
    assert!(html.contains("Take a smaller amount: £20.00"));
    assert!(html.contains("Bank transfer"));
    let officer_name = app
        .services
        .store
        .user_by_email(&coproduce_domain::Email::parse(OFFICER).expect("email"))
        .await
        .expect("officer")
        .display_name;
    let offered = format!("Offered on {advised} by {officer_name}");
    assert!(html.contains(&offered), "{html}");
    assert!(!html.contains("Not offered yet"));
    let (_, html) = officer.get_text(&preferences).await;
    assert!(
        html.contains("value=\"20.00\""),
        "the form shows what is stored"
    );
    // Someone else saving the same advice date does not become the one
    // who offered it.
    let finance = app.signed_in(FINANCE).await;
    let response = finance
        .post_form(
            &preferences,
            &[
                ("choice", "reduced"),
                ("reduced", "20"),
                ("method", "payroll"),
                ("advice_offered_on", advised_on.as_str()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = finance.get_text(&page).await;
    assert!(html.contains("Through payroll"));
    assert!(html.contains(&offered), "{html}");

    // Limits.
    let response = officer
        .post_form(
            &format!("{page}/limits"),
            &[
                ("label", "Permitted work"),
                ("amount", "-5"),
                ("period", "week"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(error_summary(&html), ["The limit must be £0 or more"]);
    assert!(
        html.contains("value=\"Permitted work\""),
        "the answers are kept"
    );
    let response = officer.post_form(&format!("{page}/limits"), &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_summary(&response.text().await.expect("body")).len(),
        3
    );

    let response = officer
        .post_form(
            &format!("{page}/limits"),
            &[
                ("label", "Permitted work"),
                ("amount", "183.50"),
                ("period", "week"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = officer.get_text(&location(&response)).await;
    assert!(html.contains("The earnings limit is saved"));
    assert!(html.contains("Permitted work"));
    assert!(html.contains("£183.50, each week"), "{html}");
    let limits = app
        .services
        .store
        .earnings_limits(fay)
        .await
        .expect("limits");
    assert_eq!(limits.len(), 1);
    let limit = limits[0].id;

    // Another organisation sees none of it.
    let other = app.signed_in(NHS_ADMIN).await;
    assert_eq!(other.get(&page).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        other.get(&preferences).await.status(),
        StatusCode::NOT_FOUND
    );
    let response = other
        .post_form(&format!("{page}/limits/{limit}/remove"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = other
        .post_form(&preferences, &[("choice", "decline")])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let response = officer
        .post_form(&format!("{page}/limits/{limit}/remove"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = officer.get_text(&location(&response)).await;
    assert!(html.contains("The earnings limit is removed"));
    assert!(html.contains("They have not told us about any limits"));
    let response = officer
        .post_form(&format!("{page}/limits/{limit}/remove"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "only once");
}

#[tokio::test]
async fn an_activity_pays_the_rate_in_force_on_its_day_with_each_persons_choice() {
    let app = TestApp::spawn().await;
    let role = "Reading panel member";
    let today = today();
    let first_of_month = Date::new(today.year(), today.month(), 1).expect("first");
    let first_of_next = if today.month() == 12 {
        Date::new(today.year() + 1, 1, 1)
    } else {
        Date::new(today.year(), today.month() + 1, 1)
    }
    .expect("next month");
    hourly_rate(&app, role, "20", Date::new(2020, 1, 1).expect("date")).await;
    // A rise from next month takes over from the open-ended rate.
    hourly_rate(&app, role, "30", first_of_next).await;

    let activity =
        create_activity(&app, &answers("Leaflet reading panel", first_of_month, 10)).await;
    let gus = person(&app, "Gus Fullfee", Some("gus.fullfee@example.com")).await;
    let hal = person(&app, "Hal Nofee", Some("hal.nofee@example.com")).await;
    let ida = person(&app, "Ida Smaller", Some("ida.smaller@example.com")).await;
    for who in [gus, hal, ida] {
        attended(&app, activity, who, None).await;
    }
    let invitation_of = |who: PersonId| {
        let app = &app;
        async move {
            app.services
                .store
                .invitations(activity)
                .await
                .expect("invitations")
                .into_iter()
                .find(|i| i.person_id == who)
                .expect("invited")
                .id
        }
    };
    let officer = app.signed_in(OFFICER).await;
    let page = format!("/staff/activities/{activity}/payments");

    let (status, html) = officer.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("It is unpaid"));
    assert!(html.contains("Gus Fullfee") && html.contains("Hal Nofee"));

    let response = officer.post_form(&format!("{page}/fees"), &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let summary = error_summary(&response.text().await.expect("body"));
    assert!(
        summary[0].starts_with("Choose the rate this activity pays"),
        "{summary:?}"
    );

    let response = officer
        .post_form(&format!("{page}/rate"), &[("role", "No such role")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = officer
        .post_form(&format!("{page}/rate"), &[("role", role)])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = officer.get_text(&location(&response)).await;
    assert!(html.contains("The rate is saved"));
    assert!(
        html.contains("£20.00 an hour"),
        "the rate on the activity's day: {html}"
    );

    let hal_choice = format!("{page}/choices/{}", invitation_of(hal).await);
    let ida_choice = format!("{page}/choices/{}", invitation_of(ida).await);
    let response = officer
        .post_form(&hal_choice, &[("choice", "decline")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = officer
        .post_form(&ida_choice, &[("choice", "reduced"), ("reduced", "")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let summary = error_summary(&response.text().await.expect("body"));
    assert_eq!(summary, ["Enter the smaller amount"]);
    let response = officer
        .post_form(&ida_choice, &[("choice", "reduced"), ("reduced", "10")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // An invitation of another activity cannot be changed through this one.
    let elsewhere = paid_activity(&app, "Elsewhere", first_of_month, role).await;
    attended(&app, elsewhere, gus, None).await;
    let gus_elsewhere = app
        .services
        .store
        .invitations(elsewhere)
        .await
        .expect("invitations")[0]
        .id;
    let response = officer
        .post_form(
            &format!("{page}/choices/{gus_elsewhere}"),
            &[("choice", "decline")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let response = officer.post_form(&format!("{page}/fees"), &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let back = location(&response);
    assert!(back.contains("created=2&already=0&declined=1"), "{back}");
    let (_, html) = officer.get_text(&back).await;
    assert!(
        html.contains("2 fees worked out. 1 person chose no fee"),
        "{html}"
    );
    // 90 minutes at £20.00 an hour: the rise from next month changes nothing.
    assert!(html.contains("£30.00"));
    assert!(html.contains("1 hour 30 minutes at £20.00 an hour"));
    let fees = payments::fees(
        &app.services,
        &actor_of(&app, OFFICER).await,
        ItemFilter {
            activity: Some(activity),
            ..ItemFilter::default()
        },
        None,
        50,
    )
    .await
    .expect("fees");
    let mut amounts: Vec<_> = fees
        .iter()
        .map(|f| (f.person_id, f.amount.to_string()))
        .collect();
    amounts.sort();
    assert_eq!(
        amounts,
        [(gus, "£30.00".to_owned()), (ida, "£10.00".to_owned())]
    );
    for fee in &fees {
        assert!(html.contains(&format!("/staff/payments/fees/{}", fee.id)));
    }

    let response = officer.post_form(&format!("{page}/fees"), &[]).await;
    assert!(location(&response).contains("created=0&already=2&declined=1"));

    // An activity after the rise pays the new rate; one before any rate
    // says so.
    let later = paid_activity(&app, "After the rise", first_of_next, role).await;
    let (_, html) = officer
        .get_text(&format!("/staff/activities/{later}/payments"))
        .await;
    assert!(html.contains("£30.00 an hour"));
    let early = paid_activity(
        &app,
        "Before any rate",
        Date::new(2019, 6, 3).expect("date"),
        role,
    )
    .await;
    let (_, html) = officer
        .get_text(&format!("/staff/activities/{early}/payments"))
        .await;
    assert!(
        html.contains("no rate for Reading panel member is in force on 3 June 2019"),
        "{html}"
    );

    // The activity page links here; other organisations get nothing.
    let (_, html) = officer
        .get_text(&format!("/staff/activities/{activity}"))
        .await;
    assert!(html.contains(&page));
    let other = app.signed_in(NHS_ADMIN).await;
    assert_eq!(other.get(&page).await.status(), StatusCode::NOT_FOUND);
    let response = other
        .post_form(&format!("{page}/rate"), &[("role", "")])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = other.post_form(&format!("{page}/fees"), &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let board = app.signed_in(BOARD).await;
    assert_eq!(board.get(&page).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn staff_are_warned_before_inviting_someone_past_a_limit() {
    let app = TestApp::spawn().await;
    let role = "Policy reader";
    hourly_rate(&app, role, "40", Date::new(2020, 1, 1).expect("date")).await;
    let jo = person(&app, "Jo Nearlimit", Some("jo.nearlimit@example.com")).await;
    let kit = person(&app, "Kit Nearlimit", Some("kit.nearlimit@example.com")).await;
    let officer_actor = actor_of(&app, OFFICER).await;
    for (who, limit) in [(jo, "100"), (kit, "500")] {
        payments::add_limit(
            &app.services,
            &officer_actor,
            who,
            "Permitted work",
            limit,
            "week",
        )
        .await
        .expect("limit");
    }
    // Jo already earns £60.00 on the Tuesday of the week of the new
    // activity (1 hour 30 minutes at £40.00), so £40.00 is left.
    let tuesday = Date::new(2099, 7, 14).expect("date");
    let wednesday = Date::new(2099, 7, 15).expect("date");
    let earlier = paid_activity(&app, "Earlier that week", tuesday, role).await;
    attended(&app, earlier, jo, None).await;
    payments::work_out_fees(&app.services, &officer_actor, earlier)
        .await
        .expect("fees");
    let activity = paid_activity(&app, "Policy reading day", wednesday, role).await;

    let officer = app.signed_in(OFFICER).await;
    let (status, html) = officer
        .get_text(&format!("/staff/activities/{activity}?q=Nearlimit"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let warning = "Inviting Jo Nearlimit could take them past their Permitted work limit for \
                   the week starting 13 July 2099: they have £40.00 left and the fee would be \
                   about £60.00.";
    assert!(html.contains(warning), "{html}");
    assert!(
        !html.contains("Inviting Kit Nearlimit"),
        "Kit has room under the limit"
    );
    assert!(html.contains(&format!("/staff/activities/{activity}/payments#people")));

    // An unpaid activity warns nobody.
    payments::set_activity_role(&app.services, &officer_actor, activity, "")
        .await
        .expect("unpaid");
    let (_, html) = officer
        .get_text(&format!("/staff/activities/{activity}?q=Nearlimit"))
        .await;
    assert!(!html.contains("Inviting Jo Nearlimit"));
}

/// Makes a claim as staff, approves it as finance, puts it in a payment
/// run and records the run paid on `paid_on`.
async fn paid_claim(
    app: &TestApp,
    who: PersonId,
    spent: &str,
    amount: &str,
    paid_on: &str,
) -> ClaimId {
    let officer = actor_of(app, OFFICER).await;
    let finance = actor_of(app, FINANCE).await;
    let answers = claims::ClaimAnswers {
        kind: "public_transport".into(),
        date: spent.into(),
        amount: amount.into(),
        description: format!("Train fare, {spent}"),
        declaration: true,
        ..claims::ClaimAnswers::default()
    };
    let id = claims::submit(
        &app.services,
        claims::Claimant::Staff(&officer),
        who,
        &answers,
        None,
    )
    .await
    .expect("claim");
    claims::approve(&app.services, &finance, id)
        .await
        .expect("approve");
    let run = payment_runs::create(&app.services, &finance)
        .await
        .expect("run");
    payment_runs::mark_paid(&app.services, &finance, run.id, paid_on, "BACS 1")
        .await
        .expect("paid");
    id
}

#[tokio::test]
async fn a_statement_lists_only_what_was_paid_in_its_tax_year() {
    let app = TestApp::spawn().await;
    let lou = person(&app, "Lou Statement", Some("lou.statement@example.com")).await;
    let before = paid_claim(&app, lou, "01/04/2025", "12.30", "05/04/2025").await;
    let after = paid_claim(&app, lou, "02/04/2025", "7.80", "06/04/2025").await;
    let officer = app.signed_in(OFFICER).await;
    let statement = format!("/staff/people/{lou}/payments/statement");

    let (status, html) = officer
        .get_text(&format!("{statement}?tax_year=2024"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("EXP-{before}")));
    assert!(
        !html.contains(&format!("EXP-{after}")),
        "paid on 6 April: the next year"
    );
    assert!(html.contains("6 April 2024 to 5 April 2025"));
    assert!(html.contains("£12.30"));
    assert!(html.contains("Paid on") && html.contains("5 April 2025"));
    assert!(html.contains("No fees were paid in this tax year"));
    assert!(html.contains("Statement made on"));
    assert!(html.contains(&today().to_string()));
    let organisation = app
        .services
        .store
        .organisation(
            app.services
                .store
                .person(lou)
                .await
                .expect("person")
                .organisation_id,
        )
        .await
        .expect("organisation")
        .name;
    assert!(html.contains(&organisation));
    assert!(
        html.contains("app-no-print"),
        "the page's own links are left off paper"
    );

    let (_, html) = officer
        .get_text(&format!("{statement}?tax_year=2025"))
        .await;
    assert!(html.contains(&format!("EXP-{after}")));
    assert!(!html.contains(&format!("EXP-{before}")));
    assert!(html.contains("£7.80"));
    assert!(html.contains("6 April 2025 to 5 April 2026"));

    for bad in ["abc", "1900", "2025.5"] {
        let (status, html) = officer
            .get_text(&format!("{statement}?tax_year={bad}"))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(html.contains("Enter a tax year like 2025"), "{bad}");
        let (status, _) = officer
            .get_text(&format!("/staff/people/{lou}/payments?tax_year={bad}"))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
    }

    // The person's page for that tax year lists both claims by their day,
    // and links to the statement.
    let (_, html) = officer
        .get_text(&format!("/staff/people/{lou}/payments?tax_year=2024"))
        .await;
    assert!(html.contains("The 2024 to 2025 tax year"));
    assert!(html.contains(&format!("EXP-{before}")) && html.contains(&format!("EXP-{after}")));
    assert!(html.contains(&format!("{statement}?tax_year=2024")));
    assert!(html.contains("tax_year=2023") && html.contains("tax_year=2025"));

    let other = app.signed_in(NHS_ADMIN).await;
    let (status, _) = other.get_text(&format!("{statement}?tax_year=2024")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let admin = app.signed_in(ADMIN).await;
    let (status, _) = admin.get_text(&format!("{statement}?tax_year=2024")).await;
    assert_eq!(status, StatusCode::OK);
}
