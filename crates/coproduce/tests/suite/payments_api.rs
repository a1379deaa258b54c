//! Paying people through the JSON API, and the acceptance tests for
//! payments: many approvals of one claim at once approve it once, two
//! payment runs made at once never share an item, a new rate leaves the
//! fees before it alone, totals split at 5/6 April, a fee that would pass
//! a weekly limit says how much headroom is left, bad claims store
//! nothing, and other organisations and roles are kept out.

use std::collections::{BTreeSet, HashMap};

use coproduce_domain::dates::Date;
use coproduce_domain::{ActivityId, PersonId};
use coproduce_services::payments;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ADMIN, ApiClient, NHS_ADMIN, OFFICER, TestApp};

const LEAD: &str = "lead@northshire-council.example";
const FINANCE: &str = "finance@northshire-council.example";
const BOARD: &str = "board@northshire-council.example";
const PARTNER: &str = "partner@northshire-nhs.example";

/// A fee rate of our own, so the demo's rates never get in the way.
const ROLE: &str = "API test reviewer";

/// Makes a claim and answers it.
async fn make_claim(api: &ApiClient, body: Value) -> Value {
    let (status, claim) = api.post("/api/v1/claims", body).await;
    assert_eq!(status, StatusCode::CREATED, "{claim}");
    claim
}

/// Adds a person with an email address to the register of the
/// organisation `staff` works for.
async fn person(app: &TestApp, staff: &str, name: &str, email: &str) -> i64 {
    let answers = coproduce_services::people::Answers {
        name: name.into(),
        contact_methods: vec!["email".into()],
        email: email.into(),
        experience_types: vec!["unpaid_carer".into()],
        recognition: "paid".into(),
        ..Default::default()
    };
    app.add_person(staff, answers).await.0
}

fn day(days_since_1970: i64) -> Date {
    Date::from_days_since_1970(days_since_1970).expect("a real day")
}

fn date(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).expect("a real date")
}

/// The first day of the month after the one holding `date`.
fn first_of_next_month(date: Date) -> Date {
    if date.month() == 12 {
        self::date(date.year() + 1, 1, 1)
    } else {
        self::date(date.year(), date.month() + 1, 1)
    }
}

/// Adds an hourly fee rate for [`ROLE`] from 2020, answering its id.
async fn hourly_rate(finance: &ApiClient, pence: i64) -> i64 {
    let (status, rate) = finance
        .post(
            "/api/v1/rates",
            json!({
                "category": "fee",
                "role": ROLE,
                "unit": "hour",
                "pays_preparation": false,
                "amount_pence": pence,
                "effective_from": "2020-01-01",
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{rate}");
    rate["id"].as_i64().expect("id")
}

/// Plans an activity paying [`ROLE`] on `on` from `starts` to `ends` (UK
/// times), with `person` attending; works out its fees as the officer and
/// answers the person's fee.
async fn fee_for(
    app: &TestApp,
    officer: &ApiClient,
    person: i64,
    on: Date,
    (starts, ends): (&str, &str),
) -> Value {
    let (status, activity) = officer
        .post(
            "/api/v1/activities",
            json!({
                "type": "interview_panel",
                "title": format!("Interview panel on {}", on.to_iso()),
                "description": "We meet the people who want to run the new day service and ask them questions.",
                "date": on.to_iso(),
                "starts": starts,
                "ends": ends,
                "places": 4,
                "place": "Northshire Library, Meeting Room 2",
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{activity}");
    let activity = activity["id"].as_i64().expect("id");
    let staff = app.actor(OFFICER).await;
    payments::set_activity_role(&app.services, &staff, ActivityId(activity), ROLE)
        .await
        .expect("the activity pays the role");
    let (status, body) = officer
        .post(
            &format!("/api/v1/activities/{activity}/invitations"),
            json!({"person_ids": [person]}),
        )
        .await;
    if status == StatusCode::CONFLICT {
        // An activity that has already happened takes no invitations: put
        // the person on its list as the demo does for its past activities.
        let mut tx = app.services.store.begin().await.expect("begin");
        tx.insert_invitation(
            ActivityId(activity),
            PersonId(person),
            Some(staff.user_id),
            coproduce_services::clock::now(),
        )
        .await
        .expect("invitation");
        tx.commit().await.expect("commit");
    } else {
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (status, body) = officer
        .put(
            &format!("/api/v1/activities/{activity}/attendance/{person}"),
            json!({"status": "attended"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let done = payments::work_out_fees(&app.services, &staff, ActivityId(activity))
        .await
        .expect("fees worked out");
    assert_eq!(done.created.len(), 1, "{done:?}");
    let (status, list) = officer
        .get(&format!("/api/v1/fees?activity_id={activity}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let items = list["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{list}");
    items[0].clone()
}

/// A bus fare claimed today for `person`.
fn bus_fare(person: i64, pence: i64) -> Value {
    json!({
        "person_id": person,
        "kind": "public_transport",
        "amount_pence": pence,
        "date": payments::today().to_iso(),
        "description": "The bus from Ashby to the town hall and back",
        "declaration": true,
    })
}

/// Standard base64, for sending receipts.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let group = (byte(0) << 16) | (byte(1) << 8) | byte(2);
        for i in 0..4 {
            if i <= chunk.len() {
                text.push(char::from(ALPHABET[(group >> (18 - 6 * i)) as usize & 63]));
            } else {
                text.push('=');
            }
        }
    }
    text
}

/// A small PDF file: enough for the receipt check, which reads contents.
fn pdf(size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n1 0 obj\n".to_vec();
    bytes.resize(size.saturating_sub(6), b' ');
    bytes.extend_from_slice(b"\n%%EOF");
    bytes
}

fn references(run: &Value) -> Vec<String> {
    run["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["reference"].as_str().expect("reference").to_owned())
        .collect()
}

#[tokio::test]
async fn ten_approvals_at_once_approve_a_claim_once_and_it_is_paid_once() {
    let app = TestApp::spawn().await;
    let officer = app.api(OFFICER).await;
    let someone = person(&app, OFFICER, "Claire Claimant", "claire@example.com").await;
    let claim = make_claim(&officer, bus_fare(someone, 640)).await;
    let id = claim["id"].as_i64().expect("id");
    assert_eq!(claim["status"], "submitted");
    assert_eq!(claim["submitted_via"], "api");

    // Ten people who may approve, none of whom made the claim, at once.
    let mut tokens = Vec::new();
    for n in 0..10 {
        tokens.push(app.api_token([ADMIN, LEAD, FINANCE][n % 3]).await);
    }
    let url = app.url(&format!("/api/v1/claims/{id}/approve"));
    let tasks: Vec<_> = tokens
        .into_iter()
        .map(|token| {
            let url = url.clone();
            tokio::spawn(async move {
                let response = reqwest::Client::new()
                    .post(url)
                    .bearer_auth(token)
                    .send()
                    .await
                    .expect("approve");
                let status = response.status();
                (
                    status,
                    response.json::<Value>().await.unwrap_or(Value::Null),
                )
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.expect("task"));
    }
    let approved: Vec<_> = answers
        .iter()
        .filter(|(status, _)| *status == StatusCode::OK)
        .collect();
    let refused: Vec<_> = answers
        .iter()
        .filter(|(status, _)| *status == StatusCode::CONFLICT)
        .collect();
    assert_eq!(approved.len(), 1, "{answers:?}");
    assert_eq!(refused.len(), 9, "{answers:?}");
    assert_eq!(approved[0].1["status"], "approved");
    for (_, body) in &refused {
        assert_eq!(
            body["error"]["message"],
            "This has already been approved or rejected"
        );
    }

    // Approved once, by one person, with one entry in the audit trail.
    let (status, stored) = officer.get(&format!("/api/v1/claims/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{stored}");
    assert_eq!(stored["status"], "approved");
    assert!(stored["decided_by"].is_string(), "{stored}");
    let approvals = app
        .services
        .store
        .audit_of_record("claim", id)
        .await
        .expect("audit")
        .into_iter()
        .filter(|entry| entry.action == "claim.approve")
        .count();
    assert_eq!(approvals, 1);

    // One payment run takes it exactly once.
    let finance = app.api(FINANCE).await;
    let (status, run) = finance.post_empty("/api/v1/payment-runs").await;
    assert_eq!(status, StatusCode::CREATED, "{run}");
    let reference = format!("EXP-{id}");
    let listed = references(&run);
    assert_eq!(
        listed.iter().filter(|r| **r == reference).count(),
        1,
        "{run}"
    );
    assert_eq!(run["item_count"].as_u64(), Some(listed.len() as u64));
    let line = run["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["reference"] == reference.as_str())
        .expect("our line");
    assert_eq!(line["kind"], "expense");
    assert_eq!(line["person_id"].as_i64(), Some(someone));
    assert_eq!(line["amount_pence"], 640);
    assert_eq!(line["status"], "in_run");
    assert_eq!(line["counts_as_earnings"], false);
    let (_, stored) = officer.get(&format!("/api/v1/claims/{id}")).await;
    assert_eq!(stored["status"], "in_run");
    assert_eq!(stored["payment_run_id"], run["id"]);

    // Nothing is left for another run, and the claim cannot be approved
    // again.
    let (status, body) = finance.post_empty("/api/v1/payment-runs").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (status, _) = app
        .api(LEAD)
        .await
        .post_empty(&format!("/api/v1/claims/{id}/approve"))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);

    // Whoever makes a claim cannot approve it.
    let lead = app.api(LEAD).await;
    let own = make_claim(&lead, bus_fare(someone, 300)).await;
    let (status, body) = lead
        .post_empty(&format!("/api/v1/claims/{}/approve", own["id"]))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(
        body["error"]["message"],
        "You recorded this, so someone else must approve or reject it"
    );
}

#[tokio::test]
async fn two_payment_runs_made_at_once_never_share_an_item() {
    let app = TestApp::spawn().await;
    let officer = app.api(OFFICER).await;
    let lead = app.api(LEAD).await;
    let finance = app.api(FINANCE).await;
    hourly_rate(&finance, 2_000).await;
    let someone = person(&app, OFFICER, "Rhiannon Runs", "rhiannon@example.com").await;
    for pence in [450, 820, 380, 275, 999] {
        let claim = make_claim(&officer, bus_fare(someone, pence)).await;
        let (status, body) = lead
            .post_empty(&format!("/api/v1/claims/{}/approve", claim["id"]))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let in_ten_days = day(payments::today().days_since_1970() + 10);
    let fee = fee_for(&app, &officer, someone, in_ten_days, ("10:00", "12:00")).await;
    assert_eq!(fee["amount_pence"], 4_000);
    let (status, body) = lead
        .post_empty(&format!("/api/v1/fees/{}/approve", fee["id"]))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "approved");

    // Every approved item, ours and any the demo left waiting.
    let mut waiting: BTreeSet<String> = BTreeSet::new();
    for claim in finance.all("/api/v1/claims?status=approved").await {
        waiting.insert(format!("EXP-{}", claim["id"]));
    }
    for fee in finance.all("/api/v1/fees?status=approved").await {
        waiting.insert(format!("FEE-{}", fee["id"]));
    }
    assert!(waiting.len() >= 6, "{waiting:?}");

    // Two runs, at the same moment.
    let second = app.api(FINANCE).await;
    let (one, two) = tokio::join!(
        finance.post_empty("/api/v1/payment-runs"),
        second.post_empty("/api/v1/payment-runs"),
    );
    let mut taken: Vec<String> = Vec::new();
    let mut runs = Vec::new();
    for (status, body) in [one, two] {
        match status {
            StatusCode::CREATED => {
                taken.extend(references(&body));
                runs.push(body);
            }
            StatusCode::CONFLICT => assert_eq!(
                body["error"]["message"],
                "Nothing is approved and waiting to be paid, so there is no run to make"
            ),
            other => panic!("a run answered {other}: {body}"),
        }
    }
    assert!(!runs.is_empty());
    let distinct: BTreeSet<String> = taken.iter().cloned().collect();
    assert_eq!(
        distinct.len(),
        taken.len(),
        "an item is in two runs: {taken:?}"
    );
    assert_eq!(distinct, waiting);
    let (_, left) = finance.get("/api/v1/claims?status=approved").await;
    assert_eq!(left["items"], json!([]));

    // Each run reads back the same, and its file has one line per item.
    for run in &runs {
        let (status, stored) = finance
            .get(&format!("/api/v1/payment-runs/{}", run["id"]))
            .await;
        assert_eq!(status, StatusCode::OK, "{stored}");
        assert_eq!(references(&stored), references(run));
        let response = reqwest::Client::new()
            .get(app.url(&format!("/api/v1/payment-runs/{}.csv", run["id"])))
            .bearer_auth(&finance.token)
            .send()
            .await
            .expect("csv");
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            response.headers()[reqwest::header::CONTENT_TYPE]
                .to_str()
                .expect("type")
                .starts_with("text/csv")
        );
        let text = response.text().await.expect("text");
        // The file starts with a byte order mark, for spreadsheets.
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert!(lines[0].starts_with("reference,run,person_id"), "{text}");
        assert_eq!(lines.len(), references(run).len() + 1, "{text}");
        for reference in references(run) {
            assert_eq!(
                lines
                    .iter()
                    .filter(|l| l.starts_with(&format!("{reference},")))
                    .count(),
                1,
                "{text}"
            );
        }
    }
    let (_, listed) = finance.get("/api/v1/payment-runs").await;
    for run in &runs {
        assert!(
            listed["items"]
                .as_array()
                .expect("items")
                .iter()
                .any(|r| r["id"] == run["id"]),
            "{listed}"
        );
    }

    // Paid once, with the finance system's reference.
    let run = &runs[0];
    let path = format!("/api/v1/payment-runs/{}/paid", run["id"]);
    let (status, body) = finance
        .post(
            &path,
            json!({"paid_on": "2030-01-01", "reference": "BACS 1"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["error"]["fields"]["paid_on"].is_string(), "{body}");
    let today = payments::today().to_iso();
    let (status, paid) = finance
        .post(&path, json!({"paid_on": today, "reference": "BACS 1"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{paid}");
    assert_eq!(paid["status"], "paid");
    assert_eq!(paid["paid_on"], today.as_str());
    assert_eq!(paid["reference"], "BACS 1");
    assert!(
        paid["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|i| i["status"] == "paid" && i["payment_reference"] == "BACS 1"),
        "{paid}"
    );
    let (status, _) = finance
        .post(&path, json!({"paid_on": today, "reference": "BACS 2"}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_rate_from_next_month_leaves_fees_before_it_alone() {
    let app = TestApp::spawn().await;
    let finance = app.api(FINANCE).await;
    let officer = app.api(OFFICER).await;
    let old = hourly_rate(&finance, 2_000).await;
    let today = payments::today();
    let next_month = first_of_next_month(today);
    let last_of_this_month = day(next_month.days_since_1970() - 1);
    let (status, new) = finance
        .post(
            "/api/v1/rates",
            json!({
                "category": "fee",
                "role": ROLE,
                "unit": "hour",
                "amount": "30",
                "effective_from": next_month.to_iso(),
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{new}");
    assert_eq!(new["amount_pence"], 3_000);
    assert_eq!(new["amount_words"], "£30.00 an hour");
    assert_eq!(new["effective_from"], next_month.to_iso());
    assert_eq!(new["effective_to"], Value::Null);
    assert_eq!(new["example"], false);

    // The old rate now ends the day before the new one starts.
    let (status, rates) = finance.get("/api/v1/rates").await;
    assert_eq!(status, StatusCode::OK, "{rates}");
    let rates = rates["items"].as_array().expect("items");
    let stored = rates
        .iter()
        .find(|r| r["id"].as_i64() == Some(old))
        .expect("the old rate");
    assert_eq!(stored["effective_from"], "2020-01-01");
    assert_eq!(stored["effective_to"], last_of_this_month.to_iso());
    assert_eq!(stored["amount_pence"], 2_000);
    assert_eq!(stored["category"], "fee");
    assert_eq!(stored["role"], ROLE);
    assert_eq!(stored["unit"], "hour");
    assert!(rates.iter().any(|r| r["id"] == new["id"]));

    // A rate that would overlap the old one is refused, by field.
    let (status, body) = finance
        .post(
            "/api/v1/rates",
            json!({
                "category": "fee",
                "role": ROLE,
                "unit": "hour",
                "amount_pence": 2_500,
                "effective_from": "2021-01-01",
                "effective_to": "2021-12-31",
            }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["error"]["fields"]["effective_from"].is_string(),
        "{body}"
    );
    let (status, body) = finance
        .post(
            "/api/v1/rates",
            json!({"category": "fee", "role": ROLE, "unit": "hour", "amount_pence": 0}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["error"]["fields"]["amount_pence"].is_string(),
        "{body}"
    );
    assert!(
        body["error"]["fields"]["effective_from"].is_string(),
        "{body}"
    );

    // An hour this month is paid at the old rate, an hour next month at the
    // new one.
    let someone = person(&app, OFFICER, "Rory Rates", "rory@example.com").await;
    let before = fee_for(
        &app,
        &officer,
        someone,
        last_of_this_month,
        ("22:00", "23:00"),
    )
    .await;
    assert_eq!(before["rate_id"].as_i64(), Some(old));
    assert_eq!(before["amount_pence"], 2_000);
    assert_eq!(before["worked_out_pence"], 2_000);
    assert_eq!(before["basis"], "1 hour at £20.00 an hour");
    assert_eq!(before["activity_date"], last_of_this_month.to_iso());
    let after = fee_for(&app, &officer, someone, next_month, ("10:00", "11:00")).await;
    assert_eq!(after["rate_id"], new["id"]);
    assert_eq!(after["amount_pence"], 3_000);
    assert_eq!(after["basis"], "1 hour at £30.00 an hour");

    // Only those who set rates may add one.
    let (status, _) = officer
        .post(
            "/api/v1/rates",
            json!({"category": "fee", "role": ROLE, "unit": "hour", "amount_pence": 100}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn totals_split_at_5_and_6_april_and_expenses_are_kept_apart() {
    let app = TestApp::spawn().await;
    let finance = app.api(FINANCE).await;
    let officer = app.api(OFFICER).await;
    hourly_rate(&finance, 2_000).await;
    let today = payments::today();
    // The next 5 April still to come, so people can be invited.
    let year = if today < date(today.year(), 4, 5) {
        today.year()
    } else {
        today.year() + 1
    };
    let someone = person(&app, OFFICER, "Tamsin Taxyear", "tamsin@example.com").await;
    let last_day = fee_for(
        &app,
        &officer,
        someone,
        date(year, 4, 5),
        ("10:00", "11:00"),
    )
    .await;
    let first_day = fee_for(
        &app,
        &officer,
        someone,
        date(year, 4, 6),
        ("10:00", "12:00"),
    )
    .await;
    assert_eq!(last_day["amount_pence"], 2_000);
    assert_eq!(first_day["amount_pence"], 4_000);
    let claim = make_claim(&officer, bus_fare(someone, 450)).await;

    let earlier = year - 1;
    let (status, before) = officer
        .get(&format!(
            "/api/v1/people/{someone}/payments?tax_year={earlier}"
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{before}");
    assert_eq!(before["tax_year"], earlier);
    assert_eq!(before["tax_year_starts"], format!("{earlier}-04-06"));
    assert_eq!(before["tax_year_ends"], format!("{year}-04-05"));
    assert_eq!(before["fees_total_pence"], 2_000);
    assert_eq!(
        references(&json!({"items": before["fees"]})),
        [format!("FEE-{}", last_day["id"])]
    );
    assert_eq!(
        before["tax_year_totals"],
        json!([{"starts_on": format!("{earlier}-04-06"), "tax_year": earlier, "fees_pence": 2_000}])
    );
    assert_eq!(
        before["monthly_totals"][0]["starts_on"],
        format!("{year}-04-01")
    );
    assert_eq!(before["monthly_totals"][0]["fees_pence"], 2_000);
    assert_eq!(before["weekly_totals"][0]["fees_pence"], 2_000);

    let (status, after) = officer
        .get(&format!(
            "/api/v1/people/{someone}/payments?tax_year={year}"
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{after}");
    assert_eq!(after["fees_total_pence"], 4_000);
    assert_eq!(
        references(&json!({"items": after["fees"]})),
        [format!("FEE-{}", first_day["id"])]
    );
    assert_eq!(after["tax_year_totals"][0]["tax_year"], year);
    assert_eq!(after["tax_year_totals"][0]["fees_pence"], 4_000);
    assert_eq!(after["tax_year_totals"].as_array().map(Vec::len), Some(1));

    // Expenses are not earnings: they are totalled apart, in the tax year
    // they were spent.
    let this_year = payments::this_tax_year();
    let (_, now) = officer
        .get(&format!(
            "/api/v1/people/{someone}/payments?tax_year={this_year}"
        ))
        .await;
    assert_eq!(now["expenses_total_pence"], 450);
    assert_eq!(
        references(&json!({"items": now["expenses"]})),
        [format!("EXP-{}", claim["id"])]
    );
    assert!(
        now["fees"]
            .as_array()
            .expect("fees")
            .iter()
            .all(|f| f["kind"] == "fee")
    );
    let (_, current) = officer
        .get(&format!("/api/v1/people/{someone}/payments"))
        .await;
    assert_eq!(current["tax_year"], this_year);

    let (status, body) = officer
        .get(&format!("/api/v1/people/{someone}/payments?tax_year=last"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["error"]["fields"]["tax_year"].is_string());
    let (status, _) = officer
        .get(&format!("/api/v1/people/{someone}/payments?tax_year=1850"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_fee_that_would_pass_a_weekly_limit_shows_the_headroom_left() {
    let app = TestApp::spawn().await;
    let finance = app.api(FINANCE).await;
    let officer = app.api(OFFICER).await;
    hourly_rate(&finance, 2_000).await;
    let someone = person(&app, OFFICER, "Wynn Weekly", "wynn@example.com").await;
    payments::add_limit(
        &app.services,
        &app.actor(OFFICER).await,
        PersonId(someone),
        "Permitted work",
        "50",
        "week",
    )
    .await
    .expect("limit");
    let monday = payments_week_start(payments::today().days_since_1970() + 14);
    let wednesday = day(monday.days_since_1970() + 2);

    // £40 on Monday leaves room for £10 more that week.
    let first = fee_for(&app, &officer, someone, monday, ("10:00", "12:00")).await;
    assert_eq!(first["amount_pence"], 4_000);
    let (status, detail) = officer.get(&format!("/api/v1/fees/{}", first["id"])).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(
        detail["limit_checks"],
        json!([{
            "label": "Permitted work",
            "limit_pence": 5_000,
            "period": "week",
            "period_words": format!("the week starting {monday}"),
            "counted_pence": 0,
            "headroom_pence": 5_000,
            "adding_pence": 4_000,
            "would_pass": false,
        }])
    );

    // Another £40 on Wednesday would pass it: £10 of headroom is left.
    let second = fee_for(&app, &officer, someone, wednesday, ("10:00", "12:00")).await;
    let (status, detail) = officer.get(&format!("/api/v1/fees/{}", second["id"])).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    let check = &detail["limit_checks"][0];
    assert_eq!(check["counted_pence"], 4_000, "{detail}");
    assert_eq!(check["headroom_pence"], 1_000, "{detail}");
    assert_eq!(check["adding_pence"], 4_000, "{detail}");
    assert_eq!(check["would_pass"], true, "{detail}");
    assert_eq!(detail["adjustments"], json!([]));

    // The warning is for staff to act on: approving still works (for a
    // role that approves).
    let (status, _) = officer
        .post_empty(&format!("/api/v1/fees/{}/approve", second["id"]))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let lead = app.api(LEAD).await;
    let (status, approved) = lead
        .post_empty(&format!("/api/v1/fees/{}/approve", second["id"]))
        .await;
    assert_eq!(status, StatusCode::OK, "{approved}");
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["limit_checks"][0]["would_pass"], true);

    // A rejected fee no longer counts, and the person is told why.
    let (status, body) = lead
        .post(&format!("/api/v1/fees/{}/reject", first["id"]), json!({}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["error"]["fields"]["reason"].is_string(), "{body}");
    let (status, rejected) = lead
        .post(
            &format!("/api/v1/fees/{}/reject", first["id"]),
            json!({"reason": "They could not stay, so we paid the other session instead"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{rejected}");
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(
        rejected["rejection_reason"],
        "They could not stay, so we paid the other session instead"
    );
    let (_, detail) = officer.get(&format!("/api/v1/fees/{}", second["id"])).await;
    assert_eq!(detail["limit_checks"][0]["counted_pence"], 0, "{detail}");
    assert_eq!(detail["limit_checks"][0]["would_pass"], false, "{detail}");

    let (status, summary) = officer
        .get(&format!("/api/v1/people/{someone}/payments"))
        .await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(summary["limits"][0]["label"], "Permitted work");
    assert_eq!(summary["limits"][0]["amount_pence"], 5_000);
    assert_eq!(summary["limits"][0]["period"], "week");
}

/// The Monday that starts the week holding a day.
fn payments_week_start(days_since_1970: i64) -> Date {
    coproduce_domain::payments::week_start(day(days_since_1970))
}

#[tokio::test]
async fn a_bad_claim_is_refused_by_field_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let officer = app.api(OFFICER).await;
    let someone = person(&app, OFFICER, "Bea Badclaim", "bea@example.com").await;
    let tomorrow = day(payments::today().days_since_1970() + 1).to_iso();
    let with = |change: Value| {
        let mut claim = bus_fare(someone, 450);
        for (key, value) in change.as_object().expect("object") {
            claim[key] = value.clone();
        }
        claim
    };
    let too_big = pdf(5 * 1024 * 1024 + 1);
    let cases = [
        (
            with(json!({"amount_pence": -500})),
            "amount_pence",
            "£0 or more",
        ),
        (
            with(json!({"amount_pence": 0})),
            "amount_pence",
            "more than £0",
        ),
        (
            with(json!({"amount_pence": 4.5})),
            "amount_pence",
            "whole number of pence",
        ),
        (
            with(json!({"date": tomorrow})),
            "date",
            "today or in the past",
        ),
        (
            with(json!({"declaration": false})),
            "declaration",
            "Confirm",
        ),
        (with(json!({"kind": "bicycle"})), "kind", "Choose"),
        (
            with(
                json!({"receipt": {"file_name": "ticket.pdf", "content_base64": base64(b"hello, not a PDF")}}),
            ),
            "receipt",
            "PDF or a photo",
        ),
        (
            with(
                json!({"receipt": {"file_name": "ticket.pdf", "content_base64": base64(b"%PDF-1.4\n1 0 obj\n")}}),
            ),
            "receipt",
            "damaged",
        ),
        (
            with(
                json!({"receipt": {"file_name": "ticket.pdf", "content_base64": "not base64 at all!"}}),
            ),
            "receipt",
            "could not be read",
        ),
        (
            with(json!({"receipt": {"file_name": "big.pdf", "content_base64": base64(&too_big)}})),
            "receipt",
            "smaller than 5 MB",
        ),
        (
            with(json!({"activity_id": 999_999})),
            "activity_id",
            "invited to",
        ),
    ];
    for (claim, field, words) in cases {
        let (status, body) = officer.post("/api/v1/claims", claim).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {body}");
        let message = body["error"]["fields"][field].as_str().unwrap_or_default();
        assert!(message.contains(words), "{field}: {body}");
    }
    let (status, body) = officer
        .post("/api/v1/claims", json!({"kind": "taxi", "extra": true}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = officer.post("/api/v1/claims", json!(["a list"])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = officer
        .post("/api/v1/claims", with(json!({"person_id": null})))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["error"]["fields"]["person_id"].is_string(), "{body}");

    // Nothing was stored: no claim, and nothing in the audit trail.
    let (_, claims) = officer
        .get(&format!("/api/v1/claims?person_id={someone}"))
        .await;
    assert_eq!(claims["items"], json!([]), "{claims}");
    let made = app
        .services
        .store
        .audit_of_record("person", someone)
        .await
        .expect("audit")
        .into_iter()
        .filter(|entry| entry.action == "claim.create")
        .count();
    assert_eq!(made, 0);

    // A good claim with a receipt is kept, with its receipt.
    let receipt = json!({"file_name": "ticket.pdf", "content_base64": base64(&pdf(2_000))});
    let claim = make_claim(&officer, with(json!({"receipt": receipt}))).await;
    assert_eq!(claim["person_id"].as_i64(), Some(someone));
    assert_eq!(claim["kind"], "public_transport");
    assert_eq!(claim["amount_pence"], 450);
    assert_eq!(claim["date"], payments::today().to_iso());
    assert_eq!(claim["activity_id"], Value::Null);
    assert_eq!(claim["miles"], Value::Null);
    assert_eq!(claim["has_receipt"], true);
    assert_eq!(claim["status"], "submitted");
    assert_eq!(claim["rejection_reason"], Value::Null);
    assert_eq!(claim["payment_run_id"], Value::Null);
    assert_eq!(claim["paid_on"], Value::Null);
    assert_eq!(claim["payment_reference"], Value::Null);
    let (_, claims) = officer
        .get(&format!(
            "/api/v1/claims?person_id={someone}&status=submitted"
        ))
        .await;
    assert_eq!(
        claims["items"].as_array().map(Vec::len),
        Some(1),
        "{claims}"
    );
    let (status, _) = officer.get("/api/v1/claims?status=lost").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // Mileage is worked out from the miles at the rate for the day.
    let finance = app.api(FINANCE).await;
    let today = payments::today().to_iso();
    let (_, rates) = finance.get("/api/v1/rates").await;
    let in_force = |r: &&Value| {
        r["expense_kind"] == "mileage"
            && r["effective_from"].as_str().is_some_and(|f| *f <= *today)
            && r["effective_to"].as_str().is_none_or(|t| *t >= *today)
    };
    let per_mile = match rates["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(in_force)
    {
        Some(rate) => rate["amount_pence"].as_i64().expect("amount"),
        None => {
            let (status, rate) = finance
                .post(
                    "/api/v1/rates",
                    json!({"category": "expense", "expense_kind": "mileage", "amount_pence": 45,
                        "effective_from": today, "effective_to": today}),
                )
                .await;
            assert_eq!(status, StatusCode::CREATED, "{rate}");
            45
        }
    };
    let mileage = make_claim(
        &officer,
        json!({
            "person_id": someone,
            "kind": "mileage",
            "miles": 12.5,
            "date": today,
            "description": "To the town hall and back",
            "declaration": true,
        }),
    )
    .await;
    assert_eq!(mileage["miles"], 12.5);
    assert_eq!(mileage["amount_pence"], (per_mile * 125 * 2 + 10) / 20);

    // A rejection needs a reason, which is kept.
    let lead = app.api(LEAD).await;
    let (status, rejected) = lead
        .post(
            &format!("/api/v1/claims/{}/reject", claim["id"]),
            json!({"reason": "This journey was paid for by the bus pass scheme"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{rejected}");
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(
        rejected["rejection_reason"],
        "This journey was paid for by the bus pass scheme"
    );
}

#[tokio::test]
async fn other_organisations_get_not_found_and_other_roles_forbidden() {
    let app = TestApp::spawn().await;
    let officer = app.api(OFFICER).await;
    let finance = app.api(FINANCE).await;
    hourly_rate(&finance, 2_000).await;
    let someone = person(&app, OFFICER, "Olu Own", "olu@example.com").await;
    let in_ten_days = day(payments::today().days_since_1970() + 10);
    let fee = fee_for(&app, &officer, someone, in_ten_days, ("10:00", "11:00")).await;
    let claim = make_claim(&officer, bus_fare(someone, 700)).await;
    let (status, _) = app
        .api(ADMIN)
        .await
        .post_empty(&format!("/api/v1/claims/{}/approve", claim["id"]))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, run) = finance.post_empty("/api/v1/payment-runs").await;
    assert_eq!(status, StatusCode::CREATED, "{run}");
    let (fee, claim, run) = (&fee["id"], &claim["id"], &run["id"]);

    // Another organisation's records cannot be found, or probed.
    let trust = app.api(NHS_ADMIN).await;
    for path in [
        format!("/api/v1/claims/{claim}"),
        format!("/api/v1/fees/{fee}"),
        format!("/api/v1/payment-runs/{run}"),
        format!("/api/v1/people/{someone}/payments"),
    ] {
        let (status, body) = trust.get(&path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
        assert_eq!(body["error"]["message"], "Not found");
    }
    for path in [
        format!("/api/v1/claims/{claim}/approve"),
        format!("/api/v1/fees/{fee}/approve"),
    ] {
        let (status, _) = trust.post_empty(&path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    for path in [
        format!("/api/v1/claims/{claim}/reject"),
        format!("/api/v1/fees/{fee}/reject"),
    ] {
        let (status, _) = trust.post(&path, json!({"reason": "Not ours"})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (status, body) = trust.post("/api/v1/claims", bus_fare(someone, 100)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["error"]["fields"]["person_id"].is_string(), "{body}");
    let theirs = trust.all("/api/v1/claims").await;
    assert!(theirs.iter().all(|c| c["id"] != *claim));
    let theirs = trust.all("/api/v1/fees").await;
    assert!(theirs.iter().all(|f| f["id"] != *fee));

    // Roles that follow the work but do not pay people are refused.
    for email in [BOARD, PARTNER] {
        let outsider = app.api(email).await;
        for path in [
            "/api/v1/rates".to_owned(),
            "/api/v1/claims".to_owned(),
            "/api/v1/fees".to_owned(),
            "/api/v1/payment-runs".to_owned(),
            format!("/api/v1/claims/{claim}"),
            format!("/api/v1/fees/{fee}"),
            format!("/api/v1/payment-runs/{run}"),
            format!("/api/v1/payment-runs/{run}.csv"),
            format!("/api/v1/people/{someone}/payments"),
        ] {
            let (status, body) = outsider.get(&path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{email} {path}: {body}");
        }
        for (path, body) in [
            ("/api/v1/rates".to_owned(), json!({})),
            ("/api/v1/claims".to_owned(), bus_fare(someone, 100)),
            ("/api/v1/payment-runs".to_owned(), json!({})),
            (format!("/api/v1/claims/{claim}/approve"), json!({})),
            (
                format!("/api/v1/claims/{claim}/reject"),
                json!({"reason": "No"}),
            ),
            (format!("/api/v1/fees/{fee}/approve"), json!({})),
            (
                format!("/api/v1/fees/{fee}/reject"),
                json!({"reason": "No"}),
            ),
            (format!("/api/v1/payment-runs/{run}/paid"), json!({})),
        ] {
            let (status, answer) = outsider.post(&path, body).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{email} {path}: {answer}");
        }
    }

    // Only finance officers make runs and read their files.
    let (status, _) = officer.post_empty("/api/v1/payment-runs").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = officer
        .get(&format!("/api/v1/payment-runs/{run}.csv"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = officer.get(&format!("/api/v1/payment-runs/{run}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // No token, no answer.
    let response = reqwest::Client::new()
        .get(app.url("/api/v1/claims"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let mut statuses: HashMap<&str, StatusCode> = HashMap::new();
    for path in [
        "/api/v1/claims/0",
        "/api/v1/fees/x",
        "/api/v1/payment-runs/0.csv",
    ] {
        statuses.insert(path, finance.get(path).await.0);
    }
    assert!(
        statuses.values().all(|s| *s == StatusCode::NOT_FOUND),
        "{statuses:?}"
    );
}
