//! The public side of activities: reply links with a waiting list, the
//! list of activities anyone can join, staff calendar feeds and reminders.

use std::time::Duration;

use coproduce_domain::activity::{InvitationStatus, london};
use coproduce_services::activities::{self, Answer};
use coproduce_services::reminders;
use icalendar::{CalendarComponent, Component};
use reqwest::StatusCode;

use crate::helpers::{NHS_ADMIN, OFFICER, TestApp, link_in};
use crate::smtp::{
    actor_of, answers, create_activity, invite, next_summer, path_of_link, person, status,
};

/// The outbox emails to `to` whose text holds `containing`, waiting up to
/// 5 seconds for at least `at_least`.
async fn mails_to(app: &TestApp, to: &str, containing: &str, at_least: usize) -> Vec<String> {
    for _ in 0..100 {
        let found: Vec<String> = app
            .outbox(0)
            .await
            .into_iter()
            .filter(|m| m.contains(to) && m.contains(containing))
            .collect();
        if found.len() >= at_least {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("expected {at_least} emails to {to} with {containing:?}");
}

/// The reply link for `answer` in a person's invitation email.
async fn reply_path(app: &TestApp, to: &str, answer: &str) -> String {
    let mail = mails_to(app, to, "You are invited", 1).await.remove(0);
    let prefix = format!("{}/reply/", app.address);
    let joined = mail
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=");
    let link = joined
        .split_whitespace()
        .find(|w| w.starts_with(&prefix) && w.contains(&format!(".{answer}.")))
        .expect("a reply link");
    path_of_link(app, link)
}

#[tokio::test]
async fn replies_fill_places_then_the_waiting_list_and_a_place_given_up_moves_up() {
    let app = TestApp::spawn().await;
    let activity = create_activity(&app, &answers("One place only", next_summer(), 1)).await;
    let ann = person(&app, OFFICER, "Ann First", "ann.first@example.com").await;
    let bo = person(&app, OFFICER, "Bo Second", "bo.second@example.com").await;
    let ids = invite(&app, activity, &[ann, bo]).await;

    let ann_accept = reply_path(&app, "ann.first@example.com", "accept").await;
    let bo_accept = reply_path(&app, "bo.second@example.com", "accept").await;
    let ann_decline = reply_path(&app, "ann.first@example.com", "decline").await;

    // Without the page's form token nothing happens.
    let bare = reqwest::Client::new()
        .post(app.url(&ann_accept))
        .header("origin", &app.address)
        .send()
        .await
        .expect("POST");
    assert_eq!(bare.status(), StatusCode::FORBIDDEN);
    assert_eq!(status(&app, ids[0]).await, InvitationStatus::Invited);

    let browser = app.browser();
    let response = browser.post_form(&ann_accept, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("You have a place")
    );

    let response = browser.post_form(&bo_accept, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("body");
    assert!(
        html.contains(
            "All places are taken. You are on the waiting list and we will email you if a place comes free"
        ),
        "{html}"
    );
    assert_eq!(status(&app, ids[1]).await, InvitationStatus::WaitingList);

    // Ann's "no" link: the page asks, the button records it.
    let (code, html) = browser.get_text(&ann_decline).await;
    assert_eq!(code, StatusCode::OK);
    assert!(html.contains("No, I cannot come"), "{html}");
    assert_eq!(status(&app, ids[0]).await, InvitationStatus::Accepted);
    let response = browser.post_form(&ann_decline, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("Thank you for telling us")
    );
    assert_eq!(status(&app, ids[0]).await, InvitationStatus::Declined);
    assert_eq!(status(&app, ids[1]).await, InvitationStatus::Accepted);
    let moved = mails_to(&app, "bo.second@example.com", "A place is free", 1).await;
    assert!(link_in(&moved[0], &format!("{}/reply/", app.address)).is_some());

    // Ann's "yes" link was used already: refused, nothing changes.
    let response = browser.post_form(&ann_accept, &[]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(status(&app, ids[0]).await, InvitationStatus::Declined);
}

#[tokio::test]
async fn anyone_can_see_the_activities_open_to_them() {
    let app = TestApp::spawn().await;
    create_activity(&app, &answers("Open timetable workshop", next_summer(), 5)).await;
    let mut private = answers("Invited panel only", next_summer(), 5);
    private.open_to_public = false;
    private.how_to_take_part = String::new();
    create_activity(&app, &private).await;

    let browser = app.browser();
    let (code, html) = browser.get_text("/get-involved/opportunities").await;
    assert_eq!(code, StatusCode::OK);
    assert!(html.contains("Open timetable workshop"), "{html}");
    assert!(html.contains("Step-free access"));
    assert!(html.contains("A hearing loop"));
    assert!(html.contains("Email the co-production team to book a place."));
    assert!(html.contains("Northshire Town Hall"));
    assert!(!html.contains("Invited panel only"));

    let (_, start) = browser.get_text("/get-involved").await;
    assert!(start.contains("href=\"/get-involved/opportunities\""));
}

fn feed_address(html: &str) -> Option<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("#feed-address").ok()?;
    document
        .select(&selector)
        .next()
        .and_then(|input| input.value().attr("value"))
        .map(str::to_owned)
}

#[tokio::test]
async fn staff_get_a_private_calendar_feed_of_their_organisations_activities() {
    let app = TestApp::spawn().await;
    create_activity(&app, &answers("Council feed workshop", next_summer(), 5)).await;
    let nhs = actor_of(&app, NHS_ADMIN).await;
    activities::create(
        &app.services,
        &nhs,
        &answers("Trust feed workshop", next_summer(), 5),
    )
    .await
    .expect("NHS activity");

    let officer = app.signed_in(OFFICER).await;
    let (code, html) = officer.get_text("/staff/calendar").await;
    assert_eq!(code, StatusCode::OK);
    assert!(html.contains("Make an address"), "{html}");
    assert!(feed_address(&html).is_none());

    let response = officer.post_form("/staff/calendar", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let first = feed_address(&response.text().await.expect("body")).expect("an address");
    assert!(
        first.starts_with(&format!("{}/calendar/", app.address)),
        "{first}"
    );
    assert!(first.ends_with(".ics"));

    let feed = reqwest::get(&first).await.expect("feed");
    assert_eq!(feed.status(), StatusCode::OK);
    assert!(
        feed.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/calendar")
    );
    let calendar: icalendar::Calendar = feed
        .text()
        .await
        .expect("body")
        .parse()
        .expect("a valid calendar");
    let titles: Vec<String> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => e.get_summary().map(str::to_owned),
            _ => None,
        })
        .collect();
    assert!(
        titles.contains(&"Council feed workshop".to_owned()),
        "{titles:?}"
    );
    assert!(!titles.contains(&"Trust feed workshop".to_owned()));

    // The address is shown once; a new one replaces it.
    let (_, html) = officer.get_text("/staff/calendar").await;
    assert!(html.contains("Make a new address"));
    assert!(!html.contains(&first));
    let response = officer.post_form("/staff/calendar", &[]).await;
    let second = feed_address(&response.text().await.expect("body")).expect("an address");
    assert_ne!(first, second);
    assert_eq!(
        reqwest::get(&first).await.expect("old").status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        reqwest::get(&second).await.expect("new").status(),
        StatusCode::OK
    );
    for path in ["/calendar/not-a-token.ics", "/calendar/not-a-token"] {
        assert_eq!(
            app.browser().get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let without_suffix = second.trim_end_matches(".ics").to_owned();
    assert_eq!(
        reqwest::get(&without_suffix).await.expect("bare").status(),
        StatusCode::NOT_FOUND
    );
}

/// Answers for an activity about two hours from now, in UK time.
fn in_two_hours(title: &str) -> coproduce_services::activities::ActivityAnswers {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let soon = i64::try_from(now).expect("now") + 2 * 3_600;
    let (date, hour, minute) = london(soon).expect("UK time");
    // The activity must end on the same day.
    let minute = if (hour, minute) == (23, 59) {
        58
    } else {
        minute
    };
    let (end_hour, end_minute) = if hour < 23 {
        (hour + 1, minute)
    } else {
        (23, 59)
    };
    let mut a = answers(title, date, 5);
    a.starts = format!("{hour:02}:{minute:02}");
    a.ends = format!("{end_hour:02}:{end_minute:02}");
    a
}

#[tokio::test]
async fn people_with_a_place_get_one_reminder_before_the_day() {
    let app = TestApp::spawn().await;
    let soon = create_activity(&app, &in_two_hours("Soon meeting")).await;
    let later = create_activity(&app, &answers("Later meeting", next_summer(), 5)).await;
    let pat = person(&app, OFFICER, "Pat Soon", "pat.soon@example.com").await;
    let kim = person(&app, OFFICER, "Kim Maybe", "kim.maybe@example.com").await;
    let soon_ids = invite(&app, soon, &[pat, kim]).await;
    let later_ids = invite(&app, later, &[pat]).await;
    let actor = actor_of(&app, OFFICER).await;
    for id in [soon_ids[0], later_ids[0]] {
        activities::reply(&app.services, id, Answer::Accept, Some(&actor), false)
            .await
            .expect("accept");
    }

    // Two passes at once, as two server processes would, beside the
    // application's own worker.
    let (a, b) = tokio::join!(
        reminders::send_due(&app.services),
        reminders::send_due(&app.services)
    );
    assert!(a.expect("first pass") + b.expect("second pass") <= 1);
    reminders::send_due(&app.services)
        .await
        .expect("third pass");

    let reminder = mails_to(&app, "pat.soon@example.com", "Reminder: Soon meeting", 1).await;
    assert!(reminder[0].contains(&format!("{}/reply/", app.address)));
    // Give the worker time to send anything else it might.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let all = app.outbox(0).await;
    let count = |to: &str, subject: &str| {
        all.iter()
            .filter(|m| m.contains(to) && m.contains(subject))
            .count()
    };
    assert_eq!(count("pat.soon@example.com", "Reminder: Soon meeting"), 1);
    assert_eq!(count("pat.soon@example.com", "Reminder: Later meeting"), 0);
    assert_eq!(count("kim.maybe@example.com", "Reminder:"), 0);
}
