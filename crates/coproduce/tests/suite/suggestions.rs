//! Suggested people for an activity: who is suggested, what they need, and
//! the fair order to ask them in.

use coproduce_domain::person::{
    AccessNeed, ExperienceArea, PRIVACY_NOTICE_VERSION, Profile, Source, Status,
};
use coproduce_domain::{ActivityId, Actor, OrganisationId, PersonId};
use coproduce_services::activities::{self, ActivityAnswers};
use coproduce_services::suggestions::{self, Suggestion};
use coproduce_services::{ServiceError, clock};
use coproduce_store::NewPersonRecord;

use crate::helpers::{NHS_ADMIN, OFFICER, TestApp};

const DAY: i64 = 24 * 60 * 60;

async fn actor_of(app: &TestApp, email: &str) -> Actor {
    let email = coproduce_domain::Email::parse(email).expect("email");
    app.services
        .store
        .user_by_email(&email)
        .await
        .expect("user")
        .actor()
}

/// An activity of the officer's organisation for people who know about
/// homelessness, at a place with a hearing loop but no step-free access.
async fn activity(app: &TestApp, actor: &Actor, title: &str) -> ActivityId {
    activities::create(
        &app.services,
        actor,
        &ActivityAnswers {
            kind: "focus_group".into(),
            title: title.into(),
            description: "We talk about what helps people find a home.".into(),
            date: "9/3/2099".into(),
            starts: "10:00".into(),
            ends: "12:00".into(),
            place: "Dunmere Community Hall".into(),
            features: vec!["hearing_loop".into()],
            places: "6".into(),
            areas: vec!["homelessness".into()],
            ..Default::default()
        },
    )
    .await
    .expect("plan the activity")
}

/// Adds a person who knows about homelessness to the register, with
/// register consent.
async fn person(
    app: &TestApp,
    organisation: OrganisationId,
    name: &str,
    status: Status,
    needs: &[AccessNeed],
) -> PersonId {
    let profile = Profile {
        name: name.into(),
        experience_areas: [ExperienceArea::Homelessness].into_iter().collect(),
        access_needs: needs.iter().copied().collect(),
        ..Profile::default()
    };
    let now = clock::now();
    let mut tx = app.services.store.begin().await.expect("begin");
    let id = tx
        .insert_person(
            NewPersonRecord {
                organisation,
                profile: &profile,
                status,
                source: Source::Staff,
                entered_by: None,
                last_involved_on: None,
            },
            now,
        )
        .await
        .expect("add a person");
    tx.add_consent(id, "register", "phone", PRIVACY_NOTICE_VERSION, None, now)
        .await
        .expect("consent");
    tx.commit().await.expect("commit");
    id
}

/// Records that a person was asked to another activity `days_ago`.
async fn asked(app: &TestApp, other: ActivityId, person: PersonId, days_ago: i64) {
    let mut tx = app.services.store.begin().await.expect("begin");
    let invitation = tx
        .insert_invitation(other, person, None, clock::now())
        .await
        .expect("invite");
    tx.set_asked_at_for_tests(invitation, clock::now() - days_ago * DAY)
        .await
        .expect("set asked");
    tx.commit().await.expect("commit");
}

fn find(list: &[Suggestion], id: PersonId) -> Option<(usize, &Suggestion)> {
    list.iter().enumerate().find(|(_, s)| s.person_id == id)
}

#[tokio::test]
async fn suggestions_leave_out_people_who_cannot_be_asked() {
    let app = TestApp::spawn().await;
    let officer = actor_of(&app, OFFICER).await;
    let org = officer.organisation_id;
    let focus = activity(&app, &officer, "Finding a home").await;
    let active = person(&app, org, "Suggested Sam", Status::Active, &[]).await;
    let paused = person(&app, org, "Paused Pat", Status::Paused, &[]).await;
    let enquiry = person(&app, org, "Enquiry Ezra", Status::Enquiry, &[]).await;
    let withdrawn = person(&app, org, "Withdrawn Wren", Status::Active, &[]).await;
    let invited = person(&app, org, "Invited Ines", Status::Active, &[]).await;
    let consent = app
        .services
        .store
        .consents(withdrawn)
        .await
        .expect("consents")
        .into_iter()
        .find(|c| c.kind == "register")
        .expect("register consent");
    let mut tx = app.services.store.begin().await.expect("begin");
    tx.withdraw_consent(withdrawn, consent.id, clock::now())
        .await
        .expect("withdraw");
    tx.insert_invitation(focus, invited, None, clock::now())
        .await
        .expect("invite");
    tx.commit().await.expect("commit");

    let list = suggestions::suggest(&app.services, &officer, focus, 500)
        .await
        .expect("suggestions");
    assert!(
        find(&list, active).is_some(),
        "an active person is suggested"
    );
    for (id, who) in [
        (paused, "a paused person"),
        (enquiry, "an enquiry"),
        (withdrawn, "a person who withdrew consent"),
        (invited, "a person already invited"),
    ] {
        assert!(find(&list, id).is_none(), "{who} is never suggested");
    }
    // Everyone suggested knows about homelessness, and says why.
    for suggestion in &list {
        assert!(
            suggestion
                .reasons
                .iter()
                .any(|r| r.starts_with("Knows about") && r.contains("homelessness")),
            "{:?}",
            suggestion.reasons
        );
    }
    assert!(list.len() <= 500);
    let one = suggestions::suggest(&app.services, &officer, focus, 1)
        .await
        .expect("suggestions");
    assert_eq!(one.len(), 1);
}

#[tokio::test]
async fn a_need_the_place_cannot_meet_is_shown_not_hidden() {
    let app = TestApp::spawn().await;
    let officer = actor_of(&app, OFFICER).await;
    let org = officer.organisation_id;
    let focus = activity(&app, &officer, "Finding a home").await;
    let step_free = person(
        &app,
        org,
        "Step-free Suki",
        Status::Active,
        &[AccessNeed::StepFree, AccessNeed::HearingLoop],
    )
    .await;
    let list = suggestions::suggest(&app.services, &officer, focus, 500)
        .await
        .expect("suggestions");
    let (_, suki) = find(&list, step_free).expect("still suggested");
    assert_eq!(
        suki.adjustments_needed,
        ["Needs an adjustment: step-free access"]
    );
    assert!(
        suki.reasons
            .contains(&"The place has the hearing loop they need".to_owned()),
        "{:?}",
        suki.reasons
    );
}

#[tokio::test]
async fn people_asked_recently_wait_their_turn() {
    let app = TestApp::spawn().await;
    let officer = actor_of(&app, OFFICER).await;
    let org = officer.organisation_id;
    let focus = activity(&app, &officer, "Finding a home").await;
    let other = activity(&app, &officer, "Another meeting").await;
    // Names chosen so that the name order is the opposite of the fair one.
    let last_week = person(&app, org, "Aaron Asked-last-week", Status::Active, &[]).await;
    let last_year = person(&app, org, "Bea Asked-last-year", Status::Active, &[]).await;
    let never = person(&app, org, "Cal Never-asked", Status::Active, &[]).await;
    asked(&app, other, last_week, 7).await;
    asked(&app, other, last_year, 380).await;

    let list = suggestions::suggest(&app.services, &officer, focus, 500)
        .await
        .expect("suggestions");
    let (never_at, never_s) = find(&list, never).expect("never asked is suggested");
    let (year_at, year_s) = find(&list, last_year).expect("asked last year is suggested");
    let (week_at, week_s) = find(&list, last_week).expect("asked last week is suggested");
    assert!(
        never_at < year_at && year_at < week_at,
        "{never_at} {year_at} {week_at}"
    );
    assert!(never_s.reasons.contains(&"Never asked before".to_owned()));
    assert!(
        year_s
            .reasons
            .contains(&"Last asked 12 months ago".to_owned()),
        "{:?}",
        year_s.reasons
    );
    assert!(week_s.reasons.contains(&"Last asked 7 days ago".to_owned()));
    assert_eq!(never_s.last_asked, None);
    assert!(week_s.last_asked > year_s.last_asked);
    // Everyone never asked comes before everyone who was.
    let first_asked = list.iter().position(|s| s.last_asked.is_some());
    if let Some(first) = first_asked {
        assert!(list[first..].iter().all(|s| s.last_asked.is_some()));
    }
}

#[tokio::test]
async fn only_staff_who_plan_activities_see_suggestions() {
    let app = TestApp::spawn().await;
    let officer = actor_of(&app, OFFICER).await;
    let focus = activity(&app, &officer, "Finding a home").await;
    let board = actor_of(&app, "board@northshire-council.example").await;
    let finance = actor_of(&app, "finance@northshire-council.example").await;
    let nhs = actor_of(&app, NHS_ADMIN).await;
    for actor in [board, finance] {
        assert!(matches!(
            suggestions::suggest(&app.services, &actor, focus, 10).await,
            Err(ServiceError::Forbidden)
        ));
    }
    assert!(matches!(
        suggestions::suggest(&app.services, &nhs, focus, 10).await,
        Err(ServiceError::NotFound)
    ));
    assert!(matches!(
        suggestions::suggest(&app.services, &officer, ActivityId(999_999), 10).await,
        Err(ServiceError::NotFound)
    ));
}

#[tokio::test]
async fn the_demo_has_activities_with_replies_of_every_kind() {
    use coproduce_domain::activity::{Attendance, InvitationStatus};
    let app = TestApp::spawn().await;
    let officer = actor_of(&app, OFFICER).await;
    let store = &app.services.store;
    let list = store
        .activities(officer.organisation_id, i64::MIN, None, 100)
        .await
        .expect("activities");
    assert!(list.len() >= 8, "{}", list.len());
    let now = clock::now();
    assert!(list.iter().any(|a| a.starts_at < now) && list.iter().any(|a| a.starts_at > now));
    let mut statuses = std::collections::BTreeSet::new();
    let mut attended = 0;
    for summary in &list {
        assert!(summary.accepted <= summary.places, "never overbooked");
        for invitation in store.invitations(summary.id).await.expect("invitations") {
            statuses.insert(invitation.status);
            if invitation.attendance == Some(Attendance::Attended) {
                attended += 1;
                assert!(invitation.minutes.is_some_and(|m| m > 0));
            }
        }
    }
    for status in [
        InvitationStatus::Accepted,
        InvitationStatus::Declined,
        InvitationStatus::WaitingList,
        InvitationStatus::Invited,
        InvitationStatus::NoReply,
    ] {
        assert!(statuses.contains(&status), "{status:?} in {statuses:?}");
    }
    assert!(attended > 0);
}
