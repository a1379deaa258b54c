//! The `coproduce` command, run as a separate process.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use reqwest::StatusCode;

use crate::helpers::{ADMIN, PASSWORD, TestApp, form_token};

fn coproduce(app: &TestApp) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_coproduce"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("COPRODUCE_DATA_DIR", app.data_dir.path())
        .env("COPRODUCE_BASE_URL", &app.address)
        .env("COPRODUCE_LOG", "warn");
    if let Some(url) = &app.database_url {
        command.env("COPRODUCE_DATABASE_URL", url);
    }
    command
}

fn output(command: &mut Command) -> (bool, String, String) {
    let out = command.output().expect("run coproduce");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn every_command_has_help() {
    let app = TestApp::spawn().await;
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["demo", "--help"],
        vec!["migrate", "--help"],
        vec!["user", "add", "--help"],
        vec!["token", "create", "--help"],
        vec!["backup", "--help"],
        vec!["openapi", "--help"],
        vec!["bench", "--help"],
    ] {
        let (ok, stdout, _) = output(coproduce(&app).args(&args));
        assert!(ok && stdout.contains("Usage:"), "{args:?}: {stdout}");
    }
    let (ok, stdout, _) = output(coproduce(&app).arg("migrate"));
    assert!(ok && stdout.contains("up to date"), "{stdout}");
}

#[tokio::test]
async fn user_add_prints_a_link_that_sets_a_password() {
    let app = TestApp::spawn().await;
    let (ok, stdout, stderr) = output(coproduce(&app).args([
        "user",
        "add",
        "--org",
        "northshire-council",
        "--email",
        "new.officer@northshire-council.example",
        "--role",
        "officer",
    ]));
    assert!(ok, "{stderr}");
    let link = stdout
        .split_whitespace()
        .find(|w| w.starts_with(&app.url("/password/")))
        .expect("a link")
        .to_owned();
    let browser = app.browser();
    let path = link.trim_start_matches(&app.address);
    let (status, html) = browser.get_text(path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("new.officer@northshire-council.example"));
    let password = "copper meadow sailing twelve";
    let response = browser
        .post_form(path, &[("password", password), ("confirm", password)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        browser
            .sign_in("new.officer@northshire-council.example", password)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );

    let (ok, _, stderr) = output(coproduce(&app).args([
        "user",
        "add",
        "--org",
        "northshire-council",
        "--email",
        "x@y.example",
        "--role",
        "king",
    ]));
    assert!(!ok);
    assert!(stderr.contains("--role: Choose a role"), "{stderr}");
    let (ok, _, stderr) = output(coproduce(&app).args([
        "user",
        "add",
        "--org",
        "nowhere",
        "--email",
        "x@y.example",
        "--role",
        "lead",
    ]));
    assert!(!ok);
    assert!(
        stderr.contains("no organisation with the short name nowhere"),
        "{stderr}"
    );
}

#[tokio::test]
async fn token_create_prints_a_working_api_token() {
    let app = TestApp::spawn().await;
    let (ok, stdout, stderr) = output(coproduce(&app).args(["token", "create", "--email", ADMIN]));
    assert!(ok, "{stderr}");
    let token = stdout.trim();
    let response = reqwest::Client::new()
        .get(app.url("/api/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let (ok, _, stderr) =
        output(coproduce(&app).args(["token", "create", "--email", "nobody@example.org"]));
    assert!(!ok && stderr.contains("no account"), "{stderr}");
}

#[tokio::test]
async fn backup_copies_a_sqlite_store_or_points_to_pg_dump() {
    let app = TestApp::spawn().await;
    let target = app.data_dir.path().join("copy.db");
    let (ok, stdout, stderr) = output(coproduce(&app).args(["backup", "--to"]).arg(&target));
    if app.database_url.is_some() {
        assert!(!ok && stderr.contains("pg_dump"), "{stderr}");
        return;
    }
    assert!(ok, "{stderr}");
    assert!(stdout.contains("Copied"));
    let copy = coproduce_store::Store::open(
        Some(&format!("sqlite://{}", target.display())),
        app.data_dir.path(),
    )
    .await
    .expect("open the copy");
    assert_eq!(copy.organisations().await.expect("organisations").len(), 4);
    let (ok, _, stderr) = output(coproduce(&app).args(["backup", "--to"]).arg(&target));
    assert!(!ok && stderr.contains("already exists"), "{stderr}");
}

/// A `coproduce serve` process, stopped when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(mut command: Command) -> Server {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start coproduce");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("the server said where it runs")
            .expect("read");
        if let Some(rest) = line.split("running at ").nth(1) {
            break rest.split_whitespace().next().expect("address").to_owned();
        }
    };
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, address }
}

#[tokio::test]
async fn two_server_processes_share_sign_ins() {
    let app = TestApp::spawn().await;
    let serve = || {
        let mut command = coproduce(&app);
        command
            .env_remove("COPRODUCE_BASE_URL")
            .args(["serve", "--addr", "127.0.0.1:0"]);
        start(command)
    };
    let first = serve();
    let second = serve();
    assert_ne!(first.address, second.address);

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let page = client
        .get(format!("{}/sign-in", first.address))
        .send()
        .await
        .expect("sign-in page");
    let visitor = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("cp_visitor="))
        .and_then(|c| c.split(';').next())
        .expect("visitor cookie")
        .to_owned();
    let token = form_token(&page.text().await.expect("body")).expect("token");
    let response = client
        .post(format!("{}/sign-in", first.address))
        .header("cookie", &visitor)
        .header("origin", &first.address)
        .form(&[
            ("email", ADMIN),
            ("password", PASSWORD),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .expect("sign in");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let session = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("cp_session="))
        .and_then(|c| c.split(';').next())
        .expect("session cookie")
        .to_owned();
    let response = client
        .get(format!("{}/staff", second.address))
        .header("cookie", &session)
        .send()
        .await
        .expect("staff home on the second process");
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "the session works on the other process"
    );
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Hello, Priya Raman")
    );
}

#[tokio::test]
async fn demo_prints_sign_in_details_and_keeps_existing_data() {
    let app = TestApp::spawn().await;
    let fresh = tempfile::tempdir().expect("temp dir");
    let mut command = coproduce(&app);
    command
        .env("COPRODUCE_DATA_DIR", fresh.path())
        .env_remove("COPRODUCE_BASE_URL")
        .args(["demo", "--addr", "127.0.0.1:0"]);
    if app.database_url.is_some() {
        command.env(
            "COPRODUCE_DATABASE_URL",
            coproduce_store::testing::fresh_postgres_database().await,
        );
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut text = String::new();
    while !text.contains("Password for every account") {
        text.push_str(&lines.next().expect("more output").expect("read"));
        text.push('\n');
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(text.contains("admin@northshire-council.example"), "{text}");
    assert!(text.contains("Finance officer"), "{text}");
    assert!(text.contains(coproduce::cli::DEFAULT_DEMO_PASSWORD));
    // The app's own store already has data: demo serves it unchanged.
    let server = {
        let mut command = coproduce(&app);
        command
            .env_remove("COPRODUCE_BASE_URL")
            .args(["demo", "--addr", "127.0.0.1:0"]);
        start(command)
    };
    let response = reqwest::get(format!("{}/", server.address))
        .await
        .expect("home");
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_server_stops_cleanly_on_sigterm() {
    let app = TestApp::spawn().await;
    let mut server = {
        let mut command = coproduce(&app);
        command
            .env_remove("COPRODUCE_BASE_URL")
            .args(["serve", "--addr", "127.0.0.1:0"]);
        start(command)
    };
    let response = reqwest::get(format!("{}/healthz", server.address))
        .await
        .expect("health");
    assert_eq!(response.status(), StatusCode::OK);
    let stopped = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("send SIGTERM");
    assert!(stopped.success());
    let mut status = None;
    for _ in 0..100 {
        if let Some(exit) = server.child.try_wait().expect("wait") {
            status = Some(exit);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let status = status.expect("the server stopped within 10 seconds");
    assert!(status.success(), "it stopped cleanly: {status}");
}
