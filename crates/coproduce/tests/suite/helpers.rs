//! Starting the application and acting on it.

use std::path::PathBuf;
use std::time::Duration;

use coproduce_services::auth::Throttle;
use coproduce_services::secrets::SecretKey;
use coproduce_services::{Services, Settings, Store, demo};
use coproduce_store::testing;
use coproduce_web::{Application, WebConfig};
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use serde_json::Value;

pub const PASSWORD: &str = "test orchard kettle lantern";
pub const ADMIN: &str = "admin@northshire-council.example";
pub const OFFICER: &str = "officer@northshire-council.example";
pub const NHS_ADMIN: &str = "admin@northshire-nhs.example";

/// A running application with the demo partnership in it.
pub struct TestApp {
    pub address: String,
    pub services: Services,
    pub data_dir: tempfile::TempDir,
    pub database_url: Option<String>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// Opens a fresh store on the engine this run tests.
pub async fn fresh_store(data_dir: &std::path::Path) -> (Store, Option<String>) {
    if testing::wants_postgres() {
        let url = testing::fresh_postgres_database().await;
        (
            Store::open(Some(&url), data_dir)
                .await
                .expect("open PostgreSQL"),
            Some(url),
        )
    } else {
        (
            Store::open(None, data_dir).await.expect("open SQLite"),
            None,
        )
    }
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(adjust: impl FnOnce(&mut Settings)) -> Self {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let (store, database_url) = fresh_store(data_dir.path()).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = format!("http://{}", listener.local_addr().expect("address"));
        let mut settings = Settings::new(
            address.clone(),
            SecretKey::generate(),
            data_dir.path().join("outbox"),
        );
        settings.throttle = Throttle {
            delay_step: Duration::from_millis(1),
            ..Throttle::default()
        };
        adjust(&mut settings);
        let services = Services::new(store, settings);
        demo::seed(&services, PASSWORD, demo::DemoSize::SMALL)
            .await
            .expect("seed the demo");
        let config = WebConfig {
            demo: true,
            job_interval: Duration::from_millis(50),
        };
        let app = Application::build(services.clone(), listener, config)
            .await
            .expect("build");
        let (shutdown, stopped) = tokio::sync::oneshot::channel();
        tokio::spawn(app.run_until(async {
            let _ = stopped.await;
        }));
        Self {
            address,
            services,
            data_dir,
            database_url,
            shutdown: Some(shutdown),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A browser-like client: keeps cookies, does not follow redirects.
    pub fn browser(&self) -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .build()
                .expect("client"),
            base: self.address.clone(),
        }
    }

    /// A browser signed in as `email`.
    pub async fn signed_in(&self, email: &str) -> Browser {
        let browser = self.browser();
        let response = browser.sign_in(email, PASSWORD).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "sign in as {email}"
        );
        browser
    }

    /// Emails written to the outbox, as text, waiting up to 5 s for `at_least`.
    pub async fn outbox(&self, at_least: usize) -> Vec<String> {
        let dir: PathBuf = self.data_dir.path().join("outbox");
        for _ in 0..100 {
            let mut mails = Vec::new();
            if let Ok(entries) = std::fs::read_dir(&dir) {
                for entry in entries.flatten() {
                    if entry.path().extension().is_some_and(|e| e == "eml") {
                        mails.push(std::fs::read_to_string(entry.path()).unwrap_or_default());
                    }
                }
            }
            if mails.len() >= at_least {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {at_least} emails in the outbox");
    }

    /// An API token for the account with this email.
    pub async fn api_token(&self, email: &str) -> String {
        let email = coproduce_domain::Email::parse(email).expect("email");
        coproduce_services::api_tokens::create(&self.services, &email, "tests")
            .await
            .expect("token")
    }

    /// A JSON API client with a new token for the account with this email.
    pub async fn api(&self, email: &str) -> ApiClient {
        ApiClient {
            client: reqwest::Client::new(),
            base: self.address.clone(),
            token: self.api_token(email).await,
        }
    }

    /// The account with this email, as the services see it when it acts.
    pub async fn actor(&self, email: &str) -> coproduce_domain::Actor {
        let email = coproduce_domain::Email::parse(email).expect("email");
        self.services
            .store
            .user_by_email(&email)
            .await
            .expect("user")
            .actor()
    }

    /// Adds a person to the register of the organisation `staff` works
    /// for, straight through the services; the answers must pass the
    /// public form's checks.
    pub async fn add_person(
        &self,
        staff: &str,
        answers: coproduce_services::people::Answers,
    ) -> coproduce_domain::PersonId {
        let actor = self.actor(staff).await;
        let lists = coproduce_services::people::Lists::load(&self.services)
            .await
            .expect("lists");
        let (profile, problems) = answers.check(&lists);
        assert!(problems.is_empty(), "{problems:?}");
        coproduce_services::people::add(&self.services, &actor, &profile, "phone")
            .await
            .expect("person")
    }

    pub async fn user_id(&self, email: &str) -> i64 {
        let email = coproduce_domain::Email::parse(email).expect("email");
        self.services
            .store
            .user_by_email(&email)
            .await
            .expect("user")
            .id
            .0
    }
}

/// A client of the JSON API that sends one account's bearer token with
/// every request and answers the status with the body as JSON (`Null`
/// when the body is not JSON).
pub struct ApiClient {
    pub client: reqwest::Client,
    base: String,
    pub token: String,
}

impl ApiClient {
    pub async fn send(&self, request: reqwest::RequestBuilder) -> (StatusCode, Value) {
        let response = request
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("request");
        let status = response.status();
        let body = response.json().await.unwrap_or(Value::Null);
        (status, body)
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(self.client.get(self.url(path))).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(self.client.post(self.url(path)).json(&body))
            .await
    }

    /// A POST with no body, as for approving.
    pub async fn post_empty(&self, path: &str) -> (StatusCode, Value) {
        self.send(self.client.post(self.url(path))).await
    }

    pub async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(self.client.put(self.url(path)).json(&body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(self.client.patch(self.url(path)).json(&body))
            .await
    }

    /// Every item of a list, following `next`.
    pub async fn all(&self, path: &str) -> Vec<Value> {
        let mut items = Vec::new();
        let mut after = String::new();
        loop {
            let join = if path.contains('?') { '&' } else { '?' };
            let (status, page) = self
                .get(&format!("{path}{join}limit=200&after={after}"))
                .await;
            assert_eq!(status, StatusCode::OK, "{page}");
            items.extend(page["items"].as_array().expect("items").iter().cloned());
            match page["next"].as_str() {
                Some(next) => after = next.to_owned(),
                None => return items,
            }
        }
    }
}

pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

impl Browser {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("GET")
    }

    pub async fn get_text(&self, path: &str) -> (StatusCode, String) {
        let response = self.get(path).await;
        let status = response.status();
        (status, response.text().await.expect("body"))
    }

    /// Posts a form the way a browser would: with the page's form token and
    /// this site as its Origin.
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf_token().await;
        let mut fields: Vec<(&str, &str)> = form.to_vec();
        fields.push(("csrf_token", &token));
        self.client
            .post(format!("{}{path}", self.base))
            .header("origin", &self.base)
            .form(&fields)
            .send()
            .await
            .expect("POST")
    }

    /// The form token any page gives this browser now.
    pub async fn csrf_token(&self) -> String {
        let (_, html) = self.get_text("/cookies").await;
        form_token(&html).expect("a form token on the page")
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form("/sign-in", &[("email", email), ("password", password)])
            .await
    }
}

/// The value of the first `csrf_token` field in a page.
pub fn form_token(html: &str) -> Option<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("input[name=csrf_token]").ok()?;
    document
        .select(&selector)
        .next()
        .and_then(|input| input.value().attr("value"))
        .map(str::to_owned)
}

/// The texts of the error summary's links.
pub fn error_summary(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(".govuk-error-summary__list a").expect("selector");
    document
        .select(&selector)
        .map(|a| a.text().collect::<String>().trim().to_owned())
        .collect()
}

/// Where a redirect points; empty when it is not one.
pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The first link in a text that starts with `prefix`.
pub fn link_in(text: &str, prefix: &str) -> Option<String> {
    // Emails may wrap long lines with quoted-printable soft breaks.
    let joined = text
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=");
    joined
        .split_whitespace()
        .find(|word| word.starts_with(prefix))
        .map(str::to_owned)
}

/// A small, whole PDF file with one line of text in Helvetica, with a
/// correct cross-reference table, for tests of reading attachments.
pub fn pdf_with_text(text: &str) -> Vec<u8> {
    let stream = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{stream}\nendstream",
            stream.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (n, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", n + 1).as_bytes());
    }
    let xref = pdf.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        table.push_str(&format!("{offset:010} 00000 n \n"));
    }
    pdf.extend_from_slice(table.as_bytes());
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}
