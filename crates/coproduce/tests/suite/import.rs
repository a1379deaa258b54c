//! Importing a messy register spreadsheet.

use reqwest::StatusCode;

use crate::helpers::{Browser, TestApp, form_token};

const LEAD: &str = "lead@northshire-council.example";

/// What happens to row `i` of the generated file, and why.
fn fate(i: usize) -> Option<&'static str> {
    if i.is_multiple_of(17) {
        Some("No name")
    } else if i.is_multiple_of(7) {
        Some("Email address not valid")
    } else if i.is_multiple_of(11) {
        Some("Unknown locality")
    } else if i.is_multiple_of(13) {
        Some("Date not understood")
    } else if i.is_multiple_of(97) {
        Some("Same email address or phone number as row")
    } else {
        None
    }
}

/// A 500-row register as councils keep them: Windows-1252 text, a mix of
/// phone and date formats, blank lines, two notes columns and an extra one.
fn messy_csv() -> Vec<u8> {
    let mut text = String::from(
        "Full name,E-mail,Tel,Area,Lived experience,Access requirements,Payment,Last involved,Notes,Comments,Shoe size\r\n",
    );
    let phones = [
        "01614960{n}",
        "+44 161 496 0{n}",
        "(0161) 496 0{n}",
        "1614960{n}",
    ];
    let dates = ["31/01/2025", "31 Jan 2025", "2025-01-31", "3/2/24"];
    let places = ["Ashby Vale", "dunmere", "BRINDLEMOOR"];
    for i in 1..=500_usize {
        if i.is_multiple_of(50) {
            text.push_str(",,,,,,,,,,\r\n");
        }
        let n = format!("{:03}", i % 1000);
        let (email, phone) = if i.is_multiple_of(97)
            && fate(i) == Some("Same email address or phone number as row")
        {
            ("person1@example.com".to_owned(), "0161 496 0001".to_owned())
        } else if fate(i) == Some("Email address not valid") {
            (
                format!("person{i}@@example"),
                phones[i % 4].replace("{n}", &n),
            )
        } else {
            (
                format!("person{i}@example.com"),
                phones[i % 4].replace("{n}", &n),
            )
        };
        let name = if fate(i) == Some("No name") {
            String::new()
        } else {
            format!("Person {i}")
        };
        let place = if fate(i) == Some("Unknown locality") {
            "Atlantis"
        } else {
            places[i % 3]
        };
        let date = if fate(i) == Some("Date not understood") {
            "32/13/2024"
        } else {
            dates[i % 4]
        };
        text.push_str(&format!(
            "{name},{email},{phone},{place},\"Carer; dementia\",Wheelchair user,Vouchers,{date},Likes the café,Paid £20 last time,{i}\r\n"
        ));
    }
    // Windows-1252: £ and é are single bytes.
    text.chars()
        .map(|c| match c {
            '£' => 0xA3,
            'é' => 0xE9,
            c => c as u8,
        })
        .collect()
}

async fn upload(app: &TestApp, browser: &Browser, bytes: Vec<u8>) -> String {
    let (_, html) = browser.get_text("/staff/people/import").await;
    let token = form_token(&html).expect("a form token");
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name("register.csv"),
    );
    let response = browser
        .client
        .post(app.url(&format!("/staff/people/import?csrf_token={token}")))
        .header("origin", &app.address)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{}",
        response.text().await.unwrap_or_default()
    );
    response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned()
}

/// Confirms the guessed columns and imports, returning the finished page.
async fn import(app: &TestApp, browser: &Browser) -> String {
    let path = upload(app, browser, messy_csv()).await;
    let (_, html) = browser.get_text(&path).await;
    assert!(html.contains("500 rows") || html.contains("rows"), "{html}");
    let document = scraper::Html::parse_document(&html);
    let selects = scraper::Selector::parse("select").expect("selector");
    let selected = scraper::Selector::parse("option[selected]").expect("selector");
    let mut fields: Vec<(String, String)> = Vec::new();
    for select in document.select(&selects) {
        let name = select.value().attr("name").expect("name").to_owned();
        let value = select
            .select(&selected)
            .next()
            .and_then(|o| o.value().attr("value"))
            .unwrap_or("ignore");
        fields.push((name, value.to_owned()));
    }
    let guessed: Vec<&str> = fields.iter().map(|(_, v)| v.as_str()).collect();
    assert_eq!(
        guessed,
        [
            "name",
            "email",
            "phone",
            "locality",
            "experience_type",
            "access_needs",
            "recognition",
            "last_involved",
            "notes",
            "notes",
            "ignore"
        ],
        "headers guessed"
    );
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let response = browser.post_form(&path, &borrowed).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let preview = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let (_, html) = browser.get_text(&preview).await;
    assert!(html.contains("Check the rows before importing"));
    let response = browser.post_form(&format!("{path}/run"), &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    browser.get_text(&preview).await.1
}

#[tokio::test]
async fn a_messy_spreadsheet_imports_exactly_the_good_rows_once() {
    let app = TestApp::spawn().await;
    let lead = app.signed_in(LEAD).await;
    let good = (1..=500).filter(|i| fate(*i).is_none()).count();
    let bad = 500 - good;
    let html = import(&app, &lead).await;
    assert!(
        html.contains(&format!("{good} people added to the register")),
        "{html}"
    );
    assert!(html.contains(&format!("{bad} rows not imported")), "{html}");

    let document = scraper::Html::parse_document(&html);
    let link = scraper::Selector::parse("a[href$=\"rejected.csv\"]").expect("selector");
    let href = document
        .select(&link)
        .next()
        .expect("a download link")
        .value()
        .attr("href")
        .expect("href")
        .to_owned();
    let csv = lead.get_text(&href).await.1;
    let lines: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(lines.len(), bad, "one line for each rejected row");
    for i in (1..=500).filter(|i| fate(*i).is_some()) {
        let reason = fate(i).expect("a reason");
        // Spreadsheet row numbers count the heading and the blank lines.
        let line = i + 1 + i / 50;
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("{line},")) && l.contains(reason)),
            "row {line} should say {reason}"
        );
    }

    // The imported people are on the register, with their details read right.
    let (_, page) = lead.get_text("/staff/people?q=person4%40example.com").await;
    assert!(page.contains("Person 4"), "{page}");
    assert!(
        page.contains("0161 496 0004"),
        "phone restored from any format"
    );

    // Importing the same file again adds nobody.
    let html = import(&app, &lead).await;
    assert!(html.contains("0 people added to the register"), "{html}");
    assert!(
        html.contains(&format!("{good} already on the register")),
        "{html}"
    );
}

#[tokio::test]
async fn uploads_are_checked() {
    let app = TestApp::spawn().await;
    let officer = app.signed_in("officer@northshire-council.example").await;
    assert_eq!(
        officer.get_text("/staff/people/import").await.0,
        StatusCode::FORBIDDEN,
        "officers cannot import"
    );
    let lead = app.signed_in(LEAD).await;
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"Name\r\n".to_vec()).file_name("register.csv"),
    );
    let response = lead
        .client
        .post(app.url("/staff/people/import"))
        .header("origin", &app.address)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(
        response.status(),
        StatusCode::FORBIDDEN,
        "an upload needs its form token"
    );
    let path = upload(&app, &lead, b"Name,Shoe size\r\nAnn,5\r\n".to_vec()).await;
    let response = lead
        .post_form(&path, &[("column-0", "name"), ("column-1", "ignore")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Choose a column with email addresses, phone numbers or addresses")
    );
    // Another organisation cannot open this import.
    let nhs = app.signed_in(crate::helpers::NHS_ADMIN).await;
    assert_eq!(nhs.get_text(&path).await.0, StatusCode::NOT_FOUND);
}
