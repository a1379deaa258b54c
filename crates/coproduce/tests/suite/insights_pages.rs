//! The insights library's pages, as staff and the public use them: the
//! search with highlighted words and filters, the insight form, files
//! attached and downloaded, and who may see what.

use coproduce_domain::InsightId;
use coproduce_services::insights::{self, InsightAnswers};
use reqwest::StatusCode;

use crate::helpers::{Browser, NHS_ADMIN, OFFICER, TestApp, error_summary, pdf_with_text};

const BOARD: &str = "board@northshire-council.example";
const NHS_PARTNER: &str = "partner@northshire-nhs.example";

/// Adds an insight as the officer of the council.
async fn add(
    app: &TestApp,
    title: &str,
    findings: &str,
    topic: &str,
    visibility: &str,
) -> InsightId {
    let answers = InsightAnswers {
        title: title.into(),
        summary: "What people at the meeting told us.".into(),
        findings: findings.into(),
        source: "survey".into(),
        method: "consultation".into(),
        rung: "consultation".into(),
        happened_on: "14/3/2026".into(),
        people_count: "20".into(),
        topics: vec![topic.into()],
        consent_to_reuse: visibility == "public",
        visibility: visibility.into(),
        ..InsightAnswers::default()
    };
    let officer = app.actor(OFFICER).await;
    insights::create(&app.services, &officer, &answers)
        .await
        .expect("insight")
}

fn select(html: &str, css: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(css).expect("selector");
    document
        .select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

/// Where the first link matching `css` goes.
fn link(html: &str, css: &str) -> String {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(css).expect("selector");
    document
        .select(&selector)
        .next()
        .and_then(|a| a.value().attr("href"))
        .expect("a link")
        .to_owned()
}

/// The titles a page of results lists.
fn titles(html: &str) -> Vec<String> {
    select(html, "#found ~ ul .app-project-list__item h3 a")
}

/// The texts highlighted in a page of results.
fn marked(html: &str) -> Vec<String> {
    select(html, "#found ~ ul mark")
        .into_iter()
        .map(|m| m.to_lowercase())
        .collect()
}

/// Sends a file to an insight's upload form, as a browser would.
async fn upload(
    app: &TestApp,
    browser: &Browser,
    id: InsightId,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let token = browser.csrf_token().await;
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
    );
    browser
        .client
        .post(app.url(&format!("/staff/insights/{id}/files")))
        .query(&[("csrf_token", token)])
        .header("origin", &app.address)
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

/// The id of the first file an insight's page links to.
async fn first_file(browser: &Browser, id: InsightId) -> String {
    let (status, html) = browser.get_text(&format!("/staff/insights/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    link(&html, "a[href^='/staff/insights/files/']")
        .rsplit('/')
        .next()
        .expect("a file id")
        .to_owned()
}

#[tokio::test]
async fn staff_search_highlights_the_words_found_and_filters_narrow() {
    let app = TestApp::spawn().await;
    add(
        &app,
        "Meals at the Hollins day centre",
        "People said the marmalade at breakfast was the best part of the morning.",
        "day-opportunities",
        "partnership",
    )
    .await;
    add(
        &app,
        "Breakfast in sheltered housing",
        "Tenants asked for marmalade and fresh bread in the shared lounge.",
        "housing",
        "organisation",
    )
    .await;
    let browser = app.signed_in(OFFICER).await;

    let (status, html) = browser.get_text("/staff/insights?q=marmalade").await;
    assert_eq!(status, StatusCode::OK);
    let mut found = titles(&html);
    found.sort();
    assert_eq!(
        found,
        vec![
            "Breakfast in sheltered housing",
            "Meals at the Hollins day centre"
        ]
    );
    assert!(html.contains("2 insights found"));
    assert!(
        marked(&html).iter().all(|m| m == "marmalade") && !marked(&html).is_empty(),
        "the word is highlighted: {:?}",
        marked(&html)
    );

    // A topic filter keeps only its topic, and the next page's link would
    // keep the search.
    let (status, html) = browser
        .get_text("/staff/insights?q=marmalade&topic=housing")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(titles(&html), vec!["Breakfast in sheltered housing"]);
    assert!(html.contains("1 insight found"));
    // So does who can see it.
    let (_, html) = browser
        .get_text("/staff/insights?q=marmalade&visibility=partnership")
        .await;
    assert_eq!(titles(&html), vec!["Meals at the Hollins day centre"]);

    // Words nobody used find nothing, with advice.
    let (status, html) = browser.get_text("/staff/insights?q=zyxwvut").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("No insights match"));
    assert!(titles(&html).is_empty());

    // Markup typed into a search is only words to look for, and is shown
    // back escaped.
    let (status, html) = browser.get_text("/staff/insights?q=%3C%3Emarmalade").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("<>marmalade"));
    assert!(html.contains("value=\"&#60;&#62;marmalade\""));
    assert_eq!(titles(&html).len(), 2);
}

#[tokio::test]
async fn a_date_that_is_not_a_date_is_put_right_on_the_search_page() {
    let app = TestApp::spawn().await;
    add(
        &app,
        "Gazebo rooms at the clinic",
        "People asked for a gazebo to sit in while they wait.",
        "information-advice",
        "partnership",
    )
    .await;
    let browser = app.signed_in(OFFICER).await;
    let (status, html) = browser
        .get_text("/staff/insights?q=gazebo&from=31%2F02%2F2026&to=soon")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_summary(&html),
        vec![
            "Enter the ‘from’ date as a real date, like 31/1/2026",
            "Enter the ‘to’ date as a real date, like 31/1/2026",
        ]
    );
    // What was typed stays, to be put right, and the search still runs.
    assert!(html.contains("value=\"31/02/2026\""));
    assert_eq!(titles(&html), vec!["Gazebo rooms at the clinic"]);

    // Real dates filter: the insight happened on 14 March 2026.
    let (status, html) = browser
        .get_text("/staff/insights?q=gazebo&from=1%2F3%2F2026&to=31%2F3%2F2026")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(titles(&html), vec!["Gazebo rooms at the clinic"]);
    let (_, html) = browser
        .get_text("/staff/insights?q=gazebo&from=15%2F3%2F2026")
        .await;
    assert!(titles(&html).is_empty());
    // Dates the wrong way round are named too.
    let (status, html) = browser
        .get_text("/staff/insights?from=2%2F3%2F2026&to=1%2F3%2F2026")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_summary(&html),
        vec!["The ‘to’ date must be the same as or after the ‘from’ date"]
    );
}

#[tokio::test]
async fn the_insight_form_refuses_missing_answers_and_keeps_the_rest() {
    let app = TestApp::spawn().await;
    let browser = app.signed_in(OFFICER).await;
    let (status, html) = browser.get_text("/staff/insights/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("name=\"findings\""));

    let response = browser
        .post_form(
            "/staff/insights/new",
            &[
                (
                    "findings",
                    "Parents said the respite booking line rings out.",
                ),
                ("topics", "carers-support"),
                ("people_count", "twelve"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("page");
    assert_eq!(
        error_summary(&html),
        vec![
            "Enter a title",
            "Enter a short summary in plain English",
            "Choose where this insight came from",
            "Choose how people took part",
            "Choose the rung of the ladder the engagement was at",
            "Enter how many people took part as a whole number, like 12",
            "Choose who may see this insight",
        ]
    );
    // The summary links to the fields, and the answers given are kept.
    assert!(html.contains("href=\"#title\""));
    assert!(html.contains("Parents said the respite booking line rings out.</textarea>"));
    assert!(html.contains("value=\"carers-support\" checked"));
    assert!(html.contains("value=\"twelve\""));

    let response = browser
        .post_form(
            "/staff/insights/new",
            &[
                ("title", "Booking respite"),
                ("summary", "Carers find it hard to book a break."),
                (
                    "findings",
                    "Parents said the respite booking line rings out.",
                ),
                ("source", "survey"),
                ("source_detail", "Carers survey 2026"),
                ("method", "consultation"),
                ("rung", "consultation"),
                ("happened_on", "2/2/2026"),
                ("people_count", "12"),
                ("topics", "carers-support"),
                ("service_areas", "carers"),
                ("visibility", "partnership"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.starts_with("/staff/insights/"), "{location}");
    let (status, html) = browser.get_text(&location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Booking respite"));
    assert!(html.contains("Carers survey 2026"));
    assert!(html.contains("2 February 2026"));
    assert!(html.contains(">12 people<"));

    // Changing it starts from its answers and saves the change.
    let id = location
        .trim_start_matches("/staff/insights/")
        .split('?')
        .next()
        .expect("id")
        .to_owned();
    let (status, html) = browser
        .get_text(&format!("/staff/insights/{id}/edit"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("value=\"Booking respite\""));
    let response = browser
        .post_form(
            &format!("/staff/insights/{id}/edit"),
            &[
                ("title", "Booking a break"),
                ("summary", "Carers find it hard to book a break."),
                (
                    "findings",
                    "Parents said the respite booking line rings out.",
                ),
                ("source", "survey"),
                ("method", "consultation"),
                ("rung", "consultation"),
                ("visibility", "partnership"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = browser.get_text(&format!("/staff/insights/{id}")).await;
    assert!(html.contains("Booking a break"));
}

#[tokio::test]
async fn a_public_insight_needs_peoples_agreement() {
    let app = TestApp::spawn().await;
    let browser = app.signed_in(OFFICER).await;
    let mut form = vec![
        ("title", "Walking groups"),
        ("summary", "People enjoy the walking groups."),
        (
            "findings",
            "Members said the Tuesday walk helps them feel less alone.",
        ),
        ("source", "other"),
        ("method", "participation"),
        ("rung", "engagement"),
        ("visibility", "public"),
    ];
    let response = browser.post_form("/staff/insights/new", &form).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("page");
    assert_eq!(
        error_summary(&html),
        vec!["An insight can only be public if people agreed to what they said being reused"]
    );
    assert!(html.contains("href=\"#visibility\""));
    assert!(html.contains("value=\"public\" aria-describedby=\"visibility-public-hint\" checked"));

    form.push(("consent_to_reuse", "yes"));
    let response = browser.post_form("/staff/insights/new", &form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let public = location
        .trim_start_matches("/staff")
        .split('?')
        .next()
        .expect("path")
        .to_owned();
    let (status, html) = app.browser().get_text(&public).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Tuesday walk"));
}

#[tokio::test]
async fn words_in_an_attached_pdf_are_found_and_the_file_downloads_safely() {
    let app = TestApp::spawn().await;
    let id = add(
        &app,
        "Evening visits",
        "People want visits after work.",
        "home-care",
        "partnership",
    )
    .await;
    let browser = app.signed_in(OFFICER).await;
    let (_, html) = browser.get_text("/staff/insights?q=kaleidoscope").await;
    assert!(titles(&html).is_empty());

    let pdf = pdf_with_text("Families described a kaleidoscope of carers arriving late");
    let response = upload(&app, &browser, id, "visits report.pdf", pdf.clone()).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, html) = browser.get_text("/staff/insights?q=kaleidoscope").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(titles(&html), vec!["Evening visits"]);

    // The insight's page lists the file; its download is the same bytes,
    // sent so that a browser saves it rather than opening it as a page.
    let (_, page) = browser.get_text(&format!("/staff/insights/{id}")).await;
    assert!(page.contains("visits report.pdf"));
    assert!(page.contains("PDF"));
    let file = first_file(&browser, id).await;
    let response = browser.get(&format!("/staff/insights/files/{file}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"visits report.pdf\""
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(response.bytes().await.expect("bytes").to_vec(), pdf);

    // Removing the file takes its words out of the search.
    let response = browser
        .post_form(&format!("/staff/insights/{id}/files/{file}/remove"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = browser.get_text("/staff/insights?q=kaleidoscope").await;
    assert!(titles(&html).is_empty());
    let response = browser.get(&format!("/staff/insights/files/{file}")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_file_that_is_not_a_document_or_spreadsheet_is_refused() {
    let app = TestApp::spawn().await;
    let id = add(
        &app,
        "Photos of the garden",
        "People liked the garden.",
        "day-opportunities",
        "partnership",
    )
    .await;
    let browser = app.signed_in(OFFICER).await;
    let response = upload(
        &app,
        &browser,
        id,
        "garden.jpg",
        vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("page");
    assert_eq!(
        error_summary(&html),
        vec!["The file must be a PDF, a Word document, or a spreadsheet (Excel or CSV)"]
    );
    assert!(html.contains("href=\"#file\""));
    assert!(html.contains("id=\"file-error\""));
    assert!(html.contains("No files are attached."));

    // An empty form asks for a file.
    let response = upload(&app, &browser, id, "", Vec::new()).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("page");
    assert_eq!(error_summary(&html), vec!["Choose a file to attach"]);
}

#[tokio::test]
async fn another_organisation_cannot_find_an_insight_kept_to_its_organisation() {
    let app = TestApp::spawn().await;
    let id = add(
        &app,
        "Budget pressures",
        "Officers heard worries about the xylophone fund.",
        "direct-payments",
        "organisation",
    )
    .await;
    let officer = app.signed_in(OFFICER).await;
    let response = upload(
        &app,
        &officer,
        id,
        "figures.csv",
        b"area,count\nnorth,4\n".to_vec(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let file = first_file(&officer, id).await;
    let (_, html) = officer.get_text("/staff/insights?q=xylophone").await;
    assert_eq!(titles(&html), vec!["Budget pressures"]);

    let nhs = app.signed_in(NHS_ADMIN).await;
    for path in [
        format!("/staff/insights/{id}"),
        format!("/staff/insights/{id}/edit"),
        format!("/staff/insights/files/{file}"),
    ] {
        let response = nhs.get(&path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let response = upload(&app, &nhs, id, "more.csv", b"a,b\n1,2\n".to_vec()).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let (status, html) = nhs.get_text("/staff/insights?q=xylophone").await;
    assert_eq!(status, StatusCode::OK);
    assert!(titles(&html).is_empty());
    assert!(html.contains("No insights match"));
    // Nor can the public.
    let public = app.browser();
    assert_eq!(
        public.get(&format!("/insights/{id}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        public
            .get(&format!("/insights/files/{file}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_public_sees_public_insights_only() {
    let app = TestApp::spawn().await;
    let public_id = add(
        &app,
        "Bus passes for carers",
        "Carers said a companion bus pass would help with the trampoline class.",
        "transport",
        "public",
    )
    .await;
    let shared_id = add(
        &app,
        "Trampoline class timings",
        "Staff heard the trampoline class starts too early.",
        "transport",
        "partnership",
    )
    .await;
    add(
        &app,
        "Trampoline class costs",
        "The trampoline class costs too much.",
        "transport",
        "organisation",
    )
    .await;
    let officer = app.signed_in(OFFICER).await;
    let response = upload(
        &app,
        &officer,
        public_id,
        "passes.csv",
        b"month,passes\njanuary,12\n".to_vec(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let public = app.browser();
    let (status, html) = public.get_text("/insights?q=trampoline").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(titles(&html), vec!["Bus passes for carers"]);
    assert!(marked(&html).contains(&"trampoline".to_owned()));
    // No filter asks the public about who can see an insight.
    assert!(!html.contains("name=\"visibility\""));
    let (_, html) = public
        .get_text("/insights?q=trampoline&visibility=partnership")
        .await;
    assert_eq!(titles(&html), vec!["Bus passes for carers"]);

    let (status, html) = public.get_text(&format!("/insights/{public_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("companion bus pass"));
    assert!(html.contains(">20 people<"));
    assert!(html.contains("passes.csv"));
    let href = link(&html, "a[href^='/insights/files/']");
    let response = public.get(&href).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/csv");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"passes.csv\""
    );

    let response = public.get(&format!("/insights/{shared_id}")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = public.get("/insights/not-a-number").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn partners_search_the_partnership_and_board_members_only_read() {
    let app = TestApp::spawn().await;
    let id = add(
        &app,
        "Hospital discharge letters",
        "People leaving the ward said the discharge letter used a pelican of jargon.",
        "hospital-discharge",
        "partnership",
    )
    .await;
    let partner = app.signed_in(NHS_PARTNER).await;
    let (status, html) = partner.get_text("/staff/insights?q=pelican").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(titles(&html), vec!["Hospital discharge letters"]);
    let (status, html) = partner.get_text(&format!("/staff/insights/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("pelican of jargon"));
    // A partner adds insights for their own organisation, not the council's.
    assert!(!html.contains(&format!("/staff/insights/{id}/edit")));
    let (status, _) = partner.get_text("/staff/insights/new").await;
    assert_eq!(status, StatusCode::OK);
    let response = partner.get(&format!("/staff/insights/{id}/edit")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let board = app.signed_in(BOARD).await;
    let (status, html) = board.get_text("/staff/insights?q=pelican").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(titles(&html), vec!["Hospital discharge letters"]);
    assert!(!html.contains("Add an insight"));
    let response = board.get("/staff/insights/new").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = board
        .post_form("/staff/insights/new", &[("title", "Not allowed")])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn results_come_in_pages_that_keep_the_search() {
    let app = TestApp::spawn().await;
    for n in 1..=21 {
        add(
            &app,
            &format!("Lantern walk {n}"),
            "People said the lantern walk was the highlight of the winter.",
            "day-opportunities",
            "partnership",
        )
        .await;
    }
    let browser = app.signed_in(OFFICER).await;
    let (status, html) = browser
        .get_text("/staff/insights?q=lantern&topic=day-opportunities")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("21 insights found"));
    assert_eq!(titles(&html).len(), 20);
    let next = select(
        &html,
        ".govuk-pagination__next .govuk-pagination__link-label",
    );
    assert_eq!(next, vec!["2 of 2"]);
    assert_eq!(
        link(&html, ".govuk-pagination__next a"),
        "/staff/insights?q=lantern&topic=day-opportunities&page=2"
    );
    assert!(!html.contains("govuk-pagination__prev"));

    let (status, html) = browser
        .get_text("/staff/insights?q=lantern&topic=day-opportunities&page=2")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(titles(&html).len(), 1);
    assert_eq!(
        link(&html, ".govuk-pagination__prev a"),
        "/staff/insights?q=lantern&topic=day-opportunities"
    );
    assert!(!html.contains("govuk-pagination__next"));

    // A page past the last one says so and leads back to the first.
    let (status, html) = browser.get_text("/staff/insights?q=lantern&page=9").await;
    assert_eq!(status, StatusCode::OK);
    assert!(titles(&html).is_empty());
    assert!(html.contains("There are no more results."));
    assert_eq!(link(&html, "#found ~ p a"), "/staff/insights?q=lantern");
}
