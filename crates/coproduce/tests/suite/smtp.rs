//! Email over a real SMTP conversation: a small SMTP server on a random
//! port receives what the application sends, and the messages are read
//! back with standard MIME and iCalendar parsers. Then the reply links in
//! the invitation are followed like a person would.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use coproduce_domain::activity::InvitationStatus;
use coproduce_domain::dates::Date;
use coproduce_domain::{ActivityId, Actor, InvitationId, PersonId};
use coproduce_services::activities::{self, ActivityAnswers, Answer};
use coproduce_services::email::MailSettings;
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime};
use mail_parser::{MessageParser, MimeHeaders};
use reqwest::StatusCode;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::helpers::{OFFICER, TestApp, link_in};

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message itself, after dot-unstuffing.
    pub data: Vec<u8>,
}

/// A small SMTP server (enough of RFC 5321 for a client that sends mail)
/// on 127.0.0.1 and a random port, keeping every message it receives.
pub struct SmtpServer {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
}

impl SmtpServer {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the SMTP server");
        let port = listener.local_addr().expect("address").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(session(socket, store.clone()));
            }
        });
        Self { port, received }
    }

    /// The settings that send the application's mail here.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message so far.
    pub fn all(&self) -> Vec<Received> {
        self.received.lock().expect("lock").clone()
    }

    /// Messages to `to`, waiting up to 10 seconds for at least `at_least`.
    pub async fn to(&self, to: &str, at_least: usize) -> Vec<Received> {
        for _ in 0..200 {
            let found: Vec<Received> = self
                .all()
                .into_iter()
                .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(to)))
                .collect();
            if found.len() >= at_least {
                return found;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {at_least} messages to {to}, got {:?}", self.all());
    }
}

/// The address inside `MAIL FROM:<...>` or `RCPT TO:<...>`.
fn path_of(argument: &str) -> String {
    argument
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_owned())
        .unwrap_or_default()
}

async fn session(socket: tokio::net::TcpStream, store: Arc<Mutex<Vec<Received>>>) {
    let (read, mut write) = socket.into_split();
    let mut reader = BufReader::new(read);
    let reply = |text: &str| format!("{text}\r\n").into_bytes();
    if write
        .write_all(&reply("220 127.0.0.1 ESMTP test server"))
        .await
        .is_err()
    {
        return;
    }
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = String::from_utf8_lossy(&line).trim_end().to_owned();
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let answer = match verb.as_str() {
            "EHLO" => "250-127.0.0.1 greets you\r\n250-8BITMIME\r\n250 SMTPUTF8".to_owned(),
            "HELO" => "250 127.0.0.1".to_owned(),
            "MAIL" => {
                from = path_of(&command);
                to.clear();
                "250 OK".to_owned()
            }
            "RCPT" => {
                to.push(path_of(&command));
                "250 OK".to_owned()
            }
            "DATA" => {
                if write
                    .write_all(&reply("354 End data with <CR><LF>.<CR><LF>"))
                    .await
                    .is_err()
                {
                    return;
                }
                let mut data = Vec::new();
                loop {
                    line.clear();
                    match reader.read_until(b'\n', &mut line).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    if line == b".\r\n" || line == b".\n" {
                        break;
                    }
                    // Dot-unstuffing (RFC 5321 section 4.5.2).
                    let unstuffed = if line.starts_with(b".") {
                        &line[1..]
                    } else {
                        &line[..]
                    };
                    data.extend_from_slice(unstuffed);
                }
                store.lock().expect("lock").push(Received {
                    from: from.clone(),
                    to: std::mem::take(&mut to),
                    data,
                });
                "250 OK: queued".to_owned()
            }
            "RSET" => {
                to.clear();
                "250 OK".to_owned()
            }
            "NOOP" => "250 OK".to_owned(),
            "QUIT" => {
                let _ = write.write_all(&reply("221 Bye")).await;
                return;
            }
            _ => "502 Command not implemented".to_owned(),
        };
        if write.write_all(&reply(&answer)).await.is_err() {
            return;
        }
    }
}

pub async fn actor_of(app: &TestApp, email: &str) -> Actor {
    let email = coproduce_domain::Email::parse(email).expect("email");
    app.services
        .store
        .user_by_email(&email)
        .await
        .expect("user")
        .actor()
}

/// Adds a person with an email address to the register of the
/// organisation `staff` works for.
pub async fn person(app: &TestApp, staff: &str, name: &str, email: &str) -> PersonId {
    let actor = actor_of(app, staff).await;
    let answers = coproduce_services::people::Answers {
        name: name.into(),
        contact_methods: vec!["email".into()],
        email: email.into(),
        experience_types: vec!["interested".into()],
        recognition: "volunteer".into(),
        ..Default::default()
    };
    let lists = coproduce_services::people::Lists::load(&app.services)
        .await
        .expect("lists");
    let (profile, problems) = answers.check(&lists);
    assert!(problems.is_empty(), "{problems:?}");
    coproduce_services::people::add(&app.services, &actor, &profile, "phone")
        .await
        .expect("person")
}

/// 15 July next year: the UK is on British Summer Time.
pub fn next_summer() -> Date {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let today =
        Date::from_days_since_1970(i64::try_from(now / 86_400).expect("days")).expect("today");
    Date::new(today.year() + 1, 7, 15).expect("date")
}

/// Answers for an activity at the town hall from 14:30 to 16:00 on `date`.
pub fn answers(title: &str, date: Date, places: u32) -> ActivityAnswers {
    ActivityAnswers {
        kind: "workshop".into(),
        title: title.into(),
        description: "We will plan the new day centre timetable together.".into(),
        date: date.to_numeric(),
        starts: "14:30".into(),
        ends: "16:00".into(),
        place: "Northshire Town Hall, Market Street".into(),
        features: vec!["step_free".into(), "hearing_loop".into()],
        places: places.to_string(),
        open_to_public: true,
        how_to_take_part: "Email the co-production team to book a place.".into(),
        ..ActivityAnswers::default()
    }
}

pub async fn create_activity(app: &TestApp, answers: &ActivityAnswers) -> ActivityId {
    let actor = actor_of(app, OFFICER).await;
    activities::create(&app.services, &actor, answers)
        .await
        .expect("create the activity")
}

pub async fn invite(app: &TestApp, activity: ActivityId, people: &[PersonId]) -> Vec<InvitationId> {
    let actor = actor_of(app, OFFICER).await;
    activities::invite(&app.services, &actor, activity, people)
        .await
        .expect("invite")
}

pub async fn status(app: &TestApp, invitation: InvitationId) -> InvitationStatus {
    app.services
        .store
        .invitation(invitation)
        .await
        .expect("invitation")
        .status
}

/// The path of a full link to this application.
pub fn path_of_link(app: &TestApp, link: &str) -> String {
    link.strip_prefix(&app.address)
        .expect("a link to this application")
        .to_owned()
}

#[tokio::test]
async fn an_invitation_goes_over_smtp_with_a_calendar_file_and_working_reply_links() {
    let smtp = SmtpServer::start().await;
    let url = smtp.url();
    let app = TestApp::spawn_with(|s| s.mail = MailSettings::SmtpUrl(url)).await;
    let date = next_summer();
    let activity = create_activity(&app, &answers("Timetable workshop", date, 5)).await;
    let sam = person(&app, OFFICER, "Sam Reply", "sam.reply@example.com").await;
    let invitation = invite(&app, activity, &[sam]).await[0];

    let received = smtp.to("sam.reply@example.com", 1).await;
    assert_eq!(received.len(), 1, "one invitation");
    assert!(
        received[0].from.starts_with("no-reply@"),
        "{}",
        received[0].from
    );
    let message = MessageParser::default()
        .parse(&received[0].data)
        .expect("a MIME message");
    assert_eq!(
        message.subject(),
        Some("You are invited: Timetable workshop")
    );
    let text = message
        .body_text(0)
        .expect("a plain text part")
        .into_owned();
    assert!(
        message
            .text_bodies()
            .any(|part| part.is_content_type("text", "plain")),
        "the text part is text/plain"
    );
    assert!(text.contains("Hello Sam Reply"), "{text}");

    // The calendar file, read with a standard iCalendar parser.
    let calendar_part = message
        .attachments()
        .find(|part| part.is_content_type("text", "calendar"))
        .expect("a calendar attachment");
    assert_eq!(calendar_part.attachment_name(), Some("activity.ics"));
    let calendar_text = calendar_part.text_contents().expect("calendar text");
    let calendar: icalendar::Calendar = calendar_text.parse().expect("a valid calendar");
    let event = calendar
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .expect("an event");
    assert_eq!(event.get_summary(), Some("Timetable workshop"));
    // 14:30 in British Summer Time is 13:30 UTC.
    let expected = date.days_since_1970() * 86_400 + 13 * 3_600 + 30 * 60;
    match event.get_start() {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(start))) => {
            assert_eq!(start.timestamp(), expected)
        }
        other => panic!("DTSTART should be a UTC time, got {other:?}"),
    }
    assert!(
        event
            .property_value("DTSTART")
            .is_some_and(|v| v.ends_with("T133000Z")),
        "{:?}",
        event.property_value("DTSTART")
    );
    let stored = app
        .services
        .store
        .activity(activity)
        .await
        .expect("activity");
    assert_eq!(stored.plan.starts_at, expected);

    // The reply link: looking changes nothing; the button accepts.
    let accept = link_in(&text, &format!("{}/reply/", app.address)).expect("a reply link");
    let path = path_of_link(&app, &accept);
    let browser = app.browser();
    let (code, html) = browser.get_text(&path).await;
    assert_eq!(code, StatusCode::OK, "{html}");
    assert!(html.contains("Yes, I will come"), "{html}");
    assert!(html.contains("Timetable workshop"));
    assert_eq!(status(&app, invitation).await, InvitationStatus::Invited);

    let response = browser.post_form(&path, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("body");
    assert!(html.contains("You have a place"), "{html}");
    assert_eq!(status(&app, invitation).await, InvitationStatus::Accepted);

    // The same link again is refused calmly, and nothing changes.
    let response = browser.post_form(&path, &[]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = response.text().await.expect("body");
    assert!(html.contains("You have already used this link"), "{html}");
    assert!(html.contains("govuk-heading-l"));
    let (code, _) = browser.get_text(&path).await;
    assert_eq!(code, StatusCode::CONFLICT);
    assert_eq!(status(&app, invitation).await, InvitationStatus::Accepted);

    // One character changed: refused, on both GET and POST.
    let at = path.len() - 5;
    let altered = format!(
        "{}{}{}",
        &path[..at],
        if &path[at..=at] == "A" { "B" } else { "A" },
        &path[at + 1..]
    );
    assert_ne!(altered, path);
    let (code, html) = browser.get_text(&altered).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(html.contains("This link does not work"), "{html}");
    let response = browser.post_form(&altered, &[]).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    // A changed invitation number, with the old signature, is refused too.
    let swapped = path.replacen(
        &format!("/reply/{}.", invitation.0),
        &format!("/reply/{}.", invitation.0 + 1),
        1,
    );
    assert_ne!(swapped, path);
    let (code, _) = browser.get_text(&swapped).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);

    // A link used after the activity ended is refused as finished.
    let past = activities::reply_link(&app.services, invitation, Answer::Decline, 1_000_000);
    let past = path_of_link(&app, &past);
    let (code, html) = browser.get_text(&past).await;
    assert_eq!(code, StatusCode::GONE);
    assert!(html.contains("This activity has finished"), "{html}");
    let response = browser.post_form(&past, &[]).await;
    assert_eq!(response.status(), StatusCode::GONE);
    assert_eq!(status(&app, invitation).await, InvitationStatus::Accepted);

    // Every email sent has a plain text part.
    for received in smtp.all() {
        let message = MessageParser::default()
            .parse(&received.data)
            .expect("a MIME message");
        assert!(
            message.body_text(0).is_some_and(|t| !t.trim().is_empty()),
            "an email without plain text: {:?}",
            message.subject()
        );
    }
}

#[tokio::test]
async fn the_plain_relay_setting_still_works() {
    let smtp = SmtpServer::start().await;
    let port = smtp.port;
    let app = TestApp::spawn_with(|s| {
        s.mail = MailSettings::Smtp {
            host: "127.0.0.1".into(),
            port,
        }
    })
    .await;
    let activity = create_activity(&app, &answers("Relay check", next_summer(), 5)).await;
    let ali = person(&app, OFFICER, "Ali Relay", "ali.relay@example.com").await;
    invite(&app, activity, &[ali]).await;
    let received = smtp.to("ali.relay@example.com", 1).await;
    let message = MessageParser::default()
        .parse(&received[0].data)
        .expect("a MIME message");
    assert_eq!(message.subject(), Some("You are invited: Relay check"));
}

#[test]
fn smtp_urls_are_checked_and_never_printed() {
    use coproduce_services::email::check_smtp_url;
    assert!(check_smtp_url("smtps://user:secret@mail.example.com:465").is_ok());
    assert!(check_smtp_url("smtp://user:secret@mail.example.com:587?tls=required").is_ok());
    assert!(check_smtp_url("smtp://127.0.0.1:2525").is_ok());
    let refused = check_smtp_url("ftp://user:secret@mail.example.com").expect_err("refused");
    assert!(!refused.contains("secret"), "{refused}");
    let settings = MailSettings::SmtpUrl("smtps://user:secret@mail.example.com".into());
    assert!(!format!("{settings:?}").contains("secret"));
}
