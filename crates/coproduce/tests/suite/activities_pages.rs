//! Activities through the staff pages: planning one, inviting people from
//! the register, replies taken by phone with a waiting list, the things to
//! arrange, attendance, the calendar file and the printable pages.

use coproduce_domain::activity::InvitationStatus;
use coproduce_domain::{ActivityId, Actor, Email};
use reqwest::StatusCode;

use crate::helpers::{ADMIN, NHS_ADMIN, OFFICER, TestApp, error_summary};

const BOARD: &str = "board@northshire-council.example";
const FINANCE: &str = "finance@northshire-council.example";

async fn actor(app: &TestApp, email: &str) -> Actor {
    let email = Email::parse(email).expect("email");
    app.services
        .store
        .user_by_email(&email)
        .await
        .expect("user")
        .actor()
}

/// A good plan, as the form sends it.
fn good_plan(title: &str, places: &'static str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "workshop".into()),
        ("title", title.into()),
        (
            "description",
            "We look at the new timetable for day services together.".into(),
        ),
        ("date", "14/07/2099".into()),
        ("starts", "10:00".into()),
        ("ends", "12:30".into()),
        ("place", "Town hall, committee room 2".into()),
        ("features", "step_free".into()),
        ("features", "hearing_loop".into()),
        ("places", places.into()),
        ("preparation_minutes", "30".into()),
        ("easy_read_papers", "yes".into()),
    ]
}

fn as_refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The id in a redirect to `/staff/activities/{id}`.
fn activity_from_redirect(response: &reqwest::Response) -> i64 {
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default();
    location
        .trim_start_matches("/staff/activities/")
        .parse()
        .unwrap_or_else(|_| panic!("a redirect to an activity, not {location:?}"))
}

/// An activity planned through the service by the account `email`.
async fn planned(app: &TestApp, email: &str, title: &str, places: &str) -> i64 {
    let answers = coproduce_services::activities::ActivityAnswers {
        kind: "forum_meeting".into(),
        title: title.into(),
        description: "The forum meets to talk about home care.".into(),
        date: "15/07/2099".into(),
        starts: "14:00".into(),
        ends: "16:00".into(),
        place: "Library, meeting room".into(),
        places: places.into(),
        ..Default::default()
    };
    coproduce_services::activities::create(&app.services, &actor(app, email).await, &answers)
        .await
        .expect("activity")
        .0
}

/// Adds a person to the council's register, reached by email or, without
/// an `@`, by phone.
async fn person(app: &TestApp, name: &str, contact: &str, needs: &[&str]) -> i64 {
    let by_email = contact.contains('@');
    let answers = coproduce_services::people::Answers {
        name: name.into(),
        contact_methods: vec![if by_email { "email" } else { "phone" }.into()],
        email: if by_email {
            contact.into()
        } else {
            String::new()
        },
        phone: if by_email {
            String::new()
        } else {
            contact.into()
        },
        access_needs: needs.iter().map(|n| (*n).to_owned()).collect(),
        experience_types: vec!["interested".into()],
        recognition: "volunteer".into(),
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
        .0
}

async fn invite(app: &TestApp, activity: i64, people: &[i64]) {
    let ids: Vec<_> = people
        .iter()
        .map(|p| coproduce_domain::PersonId(*p))
        .collect();
    coproduce_services::activities::invite(
        &app.services,
        &actor(app, OFFICER).await,
        ActivityId(activity),
        &ids,
    )
    .await
    .expect("invite");
}

async fn invitations(app: &TestApp, activity: i64) -> Vec<coproduce_store::InvitationRecord> {
    app.services
        .store
        .invitations(ActivityId(activity))
        .await
        .expect("invitations")
}

async fn upcoming_count(app: &TestApp) -> usize {
    coproduce_services::activities::upcoming(&app.services, &actor(app, ADMIN).await, None, 200)
        .await
        .expect("upcoming")
        .len()
}

#[tokio::test]
async fn a_plan_with_mistakes_is_refused_with_answers_kept_and_a_good_one_is_saved() {
    let app = TestApp::spawn().await;
    let browser = app.signed_in(OFFICER).await;
    let before = upcoming_count(&app).await;

    let (status, html) = browser.get_text("/staff/activities/new").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("For example, 12/01/2027"));

    let mut bad = good_plan("Timetable workshop", "0");
    bad.retain(|(k, _)| *k != "kind");
    bad.push(("date", String::new()));
    bad.retain(|(k, v)| *k != "date" || v.is_empty());
    let response = browser
        .post_form("/staff/activities/new", &as_refs(&bad))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    let summary = error_summary(&html);
    assert!(
        summary.contains(&"Choose the kind of activity".to_owned()),
        "{summary:?}"
    );
    assert!(
        summary.contains(&"Enter the date of the activity".to_owned()),
        "{summary:?}"
    );
    // Summary links go to the fields, in the order of the page.
    assert!(html.contains(r##"href="#kind""##) && html.contains(r#"id="kind""#));
    assert!(html.contains(r#"value="Timetable workshop""#));
    assert!(
        html.contains(r#"id="features" name="features" type="checkbox" value="step_free" checked"#)
    );
    assert_eq!(upcoming_count(&app).await, before, "nothing is stored");

    let response = browser
        .post_form(
            "/staff/activities/new",
            &as_refs(&good_plan("Timetable workshop", "12")),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id = activity_from_redirect(&response);
    let (status, html) = browser.get_text(&format!("/staff/activities/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Timetable workshop"));
    assert!(
        html.contains("Tuesday 14 July 2099, 10am to 12:30pm"),
        "{html}"
    );
    assert!(html.contains("A hearing loop"));
    let (_, list) = browser.get_text("/staff/activities").await;
    assert!(list.contains("Timetable workshop"));
    assert!(list.contains("0 of 12"));

    // Changing it keeps the answers in the form.
    let (status, form) = browser
        .get_text(&format!("/staff/activities/{id}/edit"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains(r#"value="14/07/2099""#));
    let mut changed = good_plan("Timetable workshop, part 2", "12");
    changed.push(("open_to_public", "yes".into()));
    let response = browser
        .post_form(&format!("/staff/activities/{id}/edit"), &as_refs(&changed))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let summary = error_summary(&response.text().await.expect("body"));
    assert_eq!(
        summary,
        vec!["Say how members of the public can take part".to_owned()]
    );
    changed.push(("how_to_take_part", "Ring the forum on 01632 960000.".into()));
    let response = browser
        .post_form(&format!("/staff/activities/{id}/edit"), &as_refs(&changed))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = browser.get_text(&format!("/staff/activities/{id}")).await;
    assert!(html.contains("Timetable workshop, part 2"));
}

#[tokio::test]
async fn inviting_people_from_the_register_sends_them_emails() {
    let app = TestApp::spawn().await;
    let browser = app.signed_in(OFFICER).await;
    let activity = planned(&app, ADMIN, "Home care forum", "10").await;
    let amara = person(&app, "Amara Invitee", "amara@example.com", &[]).await;
    let bilal = person(&app, "Bilal Invitee", "bilal@example.com", &[]).await;

    let (status, html) = browser
        .get_text(&format!("/staff/activities/{activity}?q=Invitee"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Amara Invitee") && html.contains("Bilal Invitee"));
    assert!(html.contains(r#"name="person_ids""#));

    // Nobody chosen: refused, with the search kept.
    let response = browser
        .post_form(
            &format!("/staff/activities/{activity}/invitations"),
            &[("q", "Invitee")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        error_summary(&html),
        vec!["Choose at least one person to invite".to_owned()]
    );
    assert!(html.contains("Amara Invitee"));

    let (a, b) = (amara.to_string(), bilal.to_string());
    let response = browser
        .post_form(
            &format!("/staff/activities/{activity}/invitations"),
            &[("q", "Invitee"), ("person_ids", &a), ("person_ids", &b)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let invited = invitations(&app, activity).await;
    assert_eq!(invited.len(), 2);
    assert!(
        invited
            .iter()
            .all(|i| i.status == InvitationStatus::Invited)
    );
    let mails = app.outbox(2).await;
    let about: Vec<_> = mails
        .iter()
        .filter(|m| m.contains("Home care forum"))
        .collect();
    assert_eq!(about.len(), 2, "one email each");
    assert!(about.iter().any(|m| m.contains("amara@example.com")));
    assert!(about.iter().any(|m| m.contains("bilal@example.com")));

    // Inviting someone twice is refused.
    let response = browser
        .post_form(
            &format!("/staff/activities/{activity}/invitations"),
            &[("q", "Invitee"), ("person_ids", &a)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, html) = browser
        .get_text(&format!("/staff/activities/{activity}"))
        .await;
    assert!(html.contains("Amara Invitee") && html.contains("Invited"));
}

#[tokio::test]
async fn replies_by_phone_fill_the_places_then_the_waiting_list() {
    let app = TestApp::spawn().await;
    let browser = app.signed_in(OFFICER).await;
    let activity = planned(&app, ADMIN, "Interview panel", "1").await;
    let first = person(&app, "First Caller", "07700 900456", &[]).await;
    let second = person(&app, "Second Caller", "07700 900457", &[]).await;
    invite(&app, activity, &[first, second]).await;
    let invited = invitations(&app, activity).await;
    for person in [first, second] {
        let invitation = invited
            .iter()
            .find(|i| i.person_id.0 == person)
            .expect("invited");
        let response = browser
            .post_form(
                &format!(
                    "/staff/activities/{activity}/invitations/{}/reply",
                    invitation.id
                ),
                &[("answer", "accept")],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let now = invitations(&app, activity).await;
    let status_of = |p: i64| {
        now.iter()
            .find(|i| i.person_id.0 == p)
            .map(|i| i.status)
            .expect("invited")
    };
    assert_eq!(status_of(first), InvitationStatus::Accepted);
    assert_eq!(status_of(second), InvitationStatus::WaitingList);
    let (_, html) = browser
        .get_text(&format!("/staff/activities/{activity}"))
        .await;
    assert!(html.contains("On the waiting list"), "{html}");
    assert!(html.contains("1 taken, 1 on the waiting list"));

    // An answer that is neither is refused; an invitation of another
    // activity is not found here.
    let other = planned(&app, ADMIN, "Another panel", "3").await;
    let invitation = now[0].id;
    let response = browser
        .post_form(
            &format!("/staff/activities/{other}/invitations/{invitation}/reply"),
            &[("answer", "accept")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = browser
        .post_form(
            &format!("/staff/activities/{activity}/invitations/{invitation}/reply"),
            &[("answer", "maybe")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The call list and letters cover people without email.
    let (status, html) = browser
        .get_text(&format!("/staff/activities/{activity}/call-list"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("First Caller") && html.contains("Second Caller"));
    assert!(html.contains("07700 900456"));
    assert!(html.contains("Please ring us to say yes or no."));

    // The sign-in sheet lists only the people coming.
    let (status, html) = browser
        .get_text(&format!("/staff/activities/{activity}/sign-in-sheet"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("First Caller"));
    assert!(!html.contains("Second Caller"));
}

#[tokio::test]
async fn things_to_arrange_can_be_marked_arranged() {
    let app = TestApp::spawn().await;
    let browser = app.signed_in(OFFICER).await;
    let activity = planned(&app, ADMIN, "Quality check visit", "4").await;
    let person = person(
        &app,
        "Dana Signer",
        "dana@example.com",
        &["bsl_interpreter"],
    )
    .await;
    invite(&app, activity, &[person]).await;
    let invitation = invitations(&app, activity).await[0].id;
    let response = browser
        .post_form(
            &format!("/staff/activities/{activity}/invitations/{invitation}/reply"),
            &[("answer", "accept")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, html) = browser
        .get_text(&format!("/staff/activities/{activity}"))
        .await;
    assert!(html.contains("Things to arrange"));
    assert!(html.contains("1 of 1 still to arrange"), "{html}");
    assert!(html.contains("Mark as arranged"));
    let adjustments = app
        .services
        .store
        .adjustments(ActivityId(activity))
        .await
        .expect("adjustments");
    assert_eq!(adjustments.len(), 1);
    let response = browser
        .post_form(
            &format!(
                "/staff/activities/{activity}/adjustments/{}",
                adjustments[0].id
            ),
            &[("done", "yes")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let adjustments = app
        .services
        .store
        .adjustments(ActivityId(activity))
        .await
        .expect("adjustments");
    assert!(adjustments[0].done_at.is_some());
    let (_, html) = browser
        .get_text(&format!("/staff/activities/{activity}"))
        .await;
    assert!(html.contains("Everything is arranged."));
    assert!(html.contains("Mark as not arranged"));
}

#[tokio::test]
async fn attendance_needs_a_choice() {
    let app = TestApp::spawn().await;
    let browser = app.signed_in(OFFICER).await;
    let activity = planned(&app, ADMIN, "Training day", "4").await;
    let person = person(&app, "Eve Attender", "eve@example.com", &[]).await;
    invite(&app, activity, &[person]).await;

    let path = format!("/staff/activities/{activity}/attendance/{person}");
    let response = browser
        .post_form(&path, &[("minutes", "90"), ("notes", "Came late")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        error_summary(&html),
        vec!["Choose whether they attended".to_owned()]
    );
    assert!(html.contains(&format!(r##"href="#attendance-{person}""##)));
    assert!(html.contains(&format!(r#"id="attendance-{person}""#)));
    assert!(html.contains("Came late"), "the answers are kept");

    let response = browser
        .post_form(&path, &[("attendance", "attended"), ("minutes", "90")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let record = &invitations(&app, activity).await[0];
    assert_eq!(record.minutes, Some(90));
}

#[tokio::test]
async fn the_calendar_file_downloads() {
    let app = TestApp::spawn().await;
    let activity = planned(&app, ADMIN, "Carers forum", "10").await;
    // Finance may see activities but not change them.
    let browser = app.signed_in(FINANCE).await;
    let response = browser
        .get(&format!("/staff/activities/{activity}/calendar.ics"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(kind, "text/calendar; charset=utf-8");
    let text = response.text().await.expect("body");
    assert!(text.starts_with("BEGIN:VCALENDAR"), "{text}");
    assert!(text.contains("Carers forum"));
    let (_, html) = browser
        .get_text(&format!("/staff/activities/{activity}"))
        .await;
    assert!(!html.contains("Invite people"));
    assert!(!html.contains("Change the activity"));
}

#[tokio::test]
async fn other_organisations_activities_are_not_found_and_board_members_are_refused() {
    let app = TestApp::spawn().await;
    let activity = planned(&app, ADMIN, "Council workshop", "10").await;
    let nhs = app.signed_in(NHS_ADMIN).await;
    for path in [
        format!("/staff/activities/{activity}"),
        format!("/staff/activities/{activity}/edit"),
        format!("/staff/activities/{activity}/calendar.ics"),
        format!("/staff/activities/{activity}/call-list"),
    ] {
        assert_eq!(
            nhs.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let (_, list) = nhs.get_text("/staff/activities").await;
    assert!(!list.contains("Council workshop"));

    let board = app.signed_in(BOARD).await;
    for path in [
        "/staff/activities".to_owned(),
        "/staff/activities/new".to_owned(),
        format!("/staff/activities/{activity}"),
    ] {
        assert_eq!(
            board.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let (_, home) = board.get_text("/staff").await;
    assert!(!home.contains(r#"href="/staff/activities""#));
    let (_, home) = app.signed_in(OFFICER).await.get_text("/staff").await;
    assert!(home.contains(r#"href="/staff/activities""#));
}

#[tokio::test]
async fn the_list_pages_on_by_start_time() {
    let app = TestApp::spawn().await;
    let admin = actor(&app, ADMIN).await;
    for n in 0..27 {
        let answers = coproduce_services::activities::ActivityAnswers {
            kind: "workshop".into(),
            title: format!("Session {n:02}"),
            description: "A session.".into(),
            date: format!("{:02}/08/2099", n + 1),
            starts: "10:00".into(),
            ends: "11:00".into(),
            online_link: "https://meet.example.com/session".into(),
            places: "5".into(),
            ..Default::default()
        };
        coproduce_services::activities::create(&app.services, &admin, &answers)
            .await
            .expect("activity");
    }
    let browser = app.signed_in(OFFICER).await;
    // Follow "Next page" to the end: every session once, in order.
    let selector = scraper::Selector::parse("a[rel=next]").expect("selector");
    let mut path = Some("/staff/activities".to_owned());
    let mut seen = Vec::new();
    let mut pages = 0;
    while let Some(here) = path.take() {
        pages += 1;
        assert!(pages < 20, "the pages must end");
        let (status, html) = browser.get_text(&here).await;
        assert_eq!(status, StatusCode::OK);
        for n in 0..27 {
            if html.contains(&format!("Session {n:02}<")) {
                seen.push(n);
            }
        }
        path = scraper::Html::parse_document(&html)
            .select(&selector)
            .next()
            .and_then(|a| a.value().attr("href"))
            .map(|href| href.replace("&amp;", "&"));
    }
    assert!(pages >= 2);
    assert_eq!(seen, (0..27).collect::<Vec<_>>());
    // A mangled cursor is ignored rather than failing.
    let (status, _) = browser.get_text("/staff/activities?after=nonsense").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn cancelling_an_invitation_frees_the_place_for_the_next_person() {
    let app = TestApp::spawn().await;
    let browser = app.signed_in(OFFICER).await;
    let activity = planned(&app, ADMIN, "Quality check visit", "1").await;
    let first = person(&app, "First Visitor", "first.visitor@example.com", &[]).await;
    let second = person(&app, "Second Visitor", "second.visitor@example.com", &[]).await;
    invite(&app, activity, &[first, second]).await;
    let invited = invitations(&app, activity).await;
    let id_of = |p: i64| {
        invited
            .iter()
            .find(|i| i.person_id.0 == p)
            .map(|i| i.id)
            .expect("invited")
    };
    for person in [first, second] {
        let response = browser
            .post_form(
                &format!(
                    "/staff/activities/{activity}/invitations/{}/reply",
                    id_of(person)
                ),
                &[("answer", "accept")],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let response = browser
        .post_form(
            &format!(
                "/staff/activities/{activity}/invitations/{}/reply",
                id_of(first)
            ),
            &[("answer", "cancel")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let now = invitations(&app, activity).await;
    let status_of = |p: i64| {
        now.iter()
            .find(|i| i.person_id.0 == p)
            .map(|i| i.status)
            .expect("invited")
    };
    assert_eq!(status_of(first), InvitationStatus::Cancelled);
    assert_eq!(status_of(second), InvitationStatus::Accepted);
    let mails = app.outbox(3).await;
    assert!(
        mails
            .iter()
            .any(|m| m.contains("second.visitor@example.com") && m.contains("A place is free")),
        "the person moved up is told"
    );
    // A cancelled invitation cannot be accepted through the staff page.
    let response = browser
        .post_form(
            &format!(
                "/staff/activities/{activity}/invitations/{}/reply",
                id_of(first)
            ),
            &[("answer", "accept")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn unanswered_invitations_become_no_reply_and_reminders_follow_the_setting() {
    let app = TestApp::spawn().await;
    let activity = planned(&app, ADMIN, "Forum that has started", "5").await;
    let someone = person(&app, "Quiet Person", "quiet.person@example.com", &[]).await;
    invite(&app, activity, &[someone]).await;
    // The reply-by day has passed: the invitation closes as no reply.
    let mut answers = coproduce_services::activities::ActivityAnswers::from_activity(
        &app.services
            .store
            .activity(ActivityId(activity))
            .await
            .expect("activity"),
    );
    answers.reply_by = "1/1/2020".into();
    answers.date = "1/1/2099".into();
    coproduce_services::activities::update(
        &app.services,
        &actor(&app, ADMIN).await,
        ActivityId(activity),
        &answers,
    )
    .await
    .expect("update");
    coproduce_services::reminders::send_due(&app.services)
        .await
        .expect("sweep");
    let now = invitations(&app, activity).await;
    assert_eq!(now[0].status, InvitationStatus::NoReply);

    // The organisation chooses when reminders go.
    let admin = app.signed_in(ADMIN).await;
    let response = admin
        .post_form(
            "/staff/settings/reminders",
            &[("reminder_hours", "two days")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_eq!(
        error_summary(&html),
        vec!["Enter a whole number of hours from 1 to 336, like 48"]
    );
    assert!(html.contains("value=\"two days\""), "answer kept");
    let response = admin
        .post_form("/staff/settings/reminders", &[("reminder_hours", "72")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let organisation = actor(&app, ADMIN).await.organisation_id;
    assert_eq!(
        app.services
            .store
            .reminder_hours(organisation)
            .await
            .expect("hours"),
        72
    );
}
