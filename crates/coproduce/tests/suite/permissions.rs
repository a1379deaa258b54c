//! The permission matrix: every route, for every role, on records of the
//! caller's own organisation and of another. Add each new route here.

use coproduce_domain::{Action, Role};
use reqwest::StatusCode;

use crate::helpers::TestApp;

/// Whose record a route's `{id}` names.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Target {
    /// The route names no record.
    None,
    /// A staff account in the caller's organisation (not the caller).
    Own,
    /// A staff account in another organisation.
    Other,
}

struct Route {
    method: &'static str,
    path: &'static str,
    action: Action,
    form: &'static [(&'static str, &'static str)],
    /// The status when the role may do this to its own organisation.
    ok: StatusCode,
}

const EDIT: &[(&str, &str)] = &[
    ("display_name", "Same Name"),
    ("role", "officer"),
    ("active", "yes"),
];

fn page_routes() -> Vec<Route> {
    let get = |path, action| Route {
        method: "GET",
        path,
        action,
        form: &[],
        ok: StatusCode::OK,
    };
    // A form sent empty: allowed roles get the page back with messages.
    let refused = |path, action| Route {
        method: "POST",
        path,
        action,
        form: &[],
        ok: StatusCode::UNPROCESSABLE_ENTITY,
    };
    vec![
        get("/staff", Action::ViewStaffHome),
        get("/staff/organisations", Action::ViewOrganisations),
        get("/staff/users", Action::ViewStaff),
        get("/staff/users/new", Action::ManageStaff),
        get("/staff/users/{id}", Action::ViewStaff),
        get("/staff/users/{id}/edit", Action::ManageStaff),
        get("/staff/audit", Action::ViewAuditTrail),
        get("/staff/writing-check", Action::CheckWriting),
        get("/staff/settings", Action::ManageSettings),
        get("/staff/people", Action::ViewPeople),
        get("/staff/people/new", Action::ManagePeople),
        get("/staff/people/equality", Action::ViewPeople),
        get("/staff/people/export.csv", Action::ExportPeople),
        get("/staff/people/import", Action::ExportPeople),
        get("/staff/people/{person}", Action::ViewPeople),
        get("/staff/people/{person}/edit", Action::ManagePeople),
        Route {
            method: "POST",
            path: "/staff/people/{person}/notes",
            action: Action::ManagePeople,
            form: &[("note", "A note")],
            ok: StatusCode::SEE_OTHER,
        },
        Route {
            method: "POST",
            path: "/staff/people/{person}/edit",
            action: Action::ManagePeople,
            form: &[("name", "")],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        Route {
            method: "POST",
            path: "/staff/people/{person}/status",
            action: Action::ManagePeople,
            form: &[("status", "paused"), ("reason", "")],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        Route {
            method: "POST",
            path: "/staff/people/{person}/onboarding/{step}",
            action: Action::ManagePeople,
            form: &[("done", "yes")],
            ok: StatusCode::SEE_OTHER,
        },
        Route {
            method: "POST",
            // No such consent: allowed roles are told it is not there.
            path: "/staff/people/{person}/consents/999999/withdraw",
            action: Action::ManagePeople,
            form: &[],
            ok: StatusCode::NOT_FOUND,
        },
        Route {
            method: "POST",
            // Sent as a plain form, so there is no file in it.
            path: "/staff/people/import",
            action: Action::ExportPeople,
            form: &[],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        get("/staff/people/import/{import}", Action::ExportPeople),
        Route {
            method: "POST",
            path: "/staff/people/import/{import}",
            action: Action::ExportPeople,
            form: &[],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        get(
            "/staff/people/import/{import}/preview",
            Action::ExportPeople,
        ),
        Route {
            method: "POST",
            path: "/staff/people/import/{done}/run",
            action: Action::ExportPeople,
            form: &[],
            ok: StatusCode::SEE_OTHER,
        },
        get(
            "/staff/people/import/{done}/rejected.csv",
            Action::ExportPeople,
        ),
        Route {
            method: "POST",
            path: "/staff/people/{person}/contacts",
            action: Action::ManagePeople,
            form: &[
                ("contact_method", "phone"),
                ("contact_summary", "Rang them"),
            ],
            ok: StatusCode::SEE_OTHER,
        },
        Route {
            method: "POST",
            path: "/staff/people/new",
            action: Action::ManagePeople,
            form: &[("name", "")],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        Route {
            method: "POST",
            path: "/staff/settings/onboarding",
            action: Action::ManageSettings,
            form: &[("steps", "Welcome conversation\nInduction session")],
            ok: StatusCode::SEE_OTHER,
        },
        Route {
            method: "POST",
            path: "/staff/writing-check",
            action: Action::CheckWriting,
            form: &[("text", "We will utilise the feedback.")],
            ok: StatusCode::OK,
        },
        Route {
            method: "POST",
            path: "/staff/settings/reminders",
            action: Action::ManageSettings,
            form: &[("reminder_hours", "48")],
            ok: StatusCode::SEE_OTHER,
        },
        Route {
            method: "POST",
            path: "/staff/settings",
            action: Action::ManageSettings,
            form: &[("must_pass", "no")],
            ok: StatusCode::SEE_OTHER,
        },
        Route {
            method: "POST",
            path: "/staff/users/new",
            action: Action::ManageStaff,
            form: &[("display_name", ""), ("email", ""), ("role", "")],
            // Allowed, but the empty answers are refused with messages.
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        Route {
            method: "POST",
            path: "/staff/users/{id}/edit",
            action: Action::ManageStaff,
            form: EDIT,
            ok: StatusCode::SEE_OTHER,
        },
        get("/staff/decisions", Action::ViewProjects),
        get("/staff/decisions/new", Action::ManageProjects),
        Route {
            method: "POST",
            path: "/staff/decisions/new",
            action: Action::ManageProjects,
            form: &[],
            // Allowed, but the empty answers are refused with messages.
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        get("/staff/projects", Action::ViewProjects),
        get("/staff/projects/new", Action::ManageProjects),
        get("/staff/projects/dashboard", Action::ViewProjects),
        get("/staff/projects/{project}", Action::ViewProjects),
        get("/staff/projects/{project}/about", Action::ManageProjects),
        get("/staff/projects/{project}/fit", Action::ManageProjects),
        get("/staff/projects/{project}/ladder", Action::ManageProjects),
        get("/staff/projects/{project}/stages", Action::ManageProjects),
        get("/staff/projects/{project}/people", Action::ManageProjects),
        get(
            "/staff/projects/{project}/agreement",
            Action::ManageProjects,
        ),
        get("/staff/projects/{project}/close", Action::ManageProjects),
        refused("/staff/projects/new", Action::ManageProjects),
        refused("/staff/projects/{project}/about", Action::ManageProjects),
        refused("/staff/projects/{project}/fit", Action::ManageProjects),
        refused("/staff/projects/{project}/ladder", Action::ManageProjects),
        refused("/staff/projects/{project}/stages", Action::ManageProjects),
        refused(
            "/staff/projects/{project}/agreement",
            Action::ManageProjects,
        ),
        refused("/staff/projects/{project}/close", Action::ManageProjects),
        refused("/staff/projects/{project}/status", Action::ManageProjects),
        Route {
            method: "POST",
            path: "/staff/projects/{project}/publish",
            action: Action::ManageProjects,
            form: &[("published", "no")],
            ok: StatusCode::SEE_OTHER,
        },
        Route {
            method: "POST",
            // No such person on the register: allowed roles are told so.
            path: "/staff/projects/{project}/people",
            action: Action::ManageProjects,
            form: &[("person_id", "999999"), ("role", "member")],
            ok: StatusCode::NOT_FOUND,
        },
        Route {
            method: "POST",
            path: "/staff/projects/{project}/people/999999/remove",
            action: Action::ManageProjects,
            form: &[],
            ok: StatusCode::NOT_FOUND,
        },
        get("/staff/activities", Action::ViewActivities),
        get("/staff/activities/new", Action::ManageActivities),
        refused("/staff/activities/new", Action::ManageActivities),
        get("/staff/activities/{activity}", Action::ViewActivities),
        get(
            "/staff/activities/{activity}/edit",
            Action::ManageActivities,
        ),
        refused(
            "/staff/activities/{activity}/edit",
            Action::ManageActivities,
        ),
        get(
            "/staff/activities/{activity}/calendar.ics",
            Action::ViewActivities,
        ),
        get(
            "/staff/activities/{activity}/sign-in-sheet",
            Action::ViewActivities,
        ),
        get(
            "/staff/activities/{activity}/call-list",
            Action::ManageActivities,
        ),
        // Nobody chosen: allowed roles get the page back with a message.
        refused(
            "/staff/activities/{activity}/invitations",
            Action::ManageActivities,
        ),
        Route {
            method: "POST",
            // No such invitation: allowed roles are told it is not there.
            path: "/staff/activities/{activity}/invitations/999999/reply",
            action: Action::ManageActivities,
            form: &[("answer", "accept")],
            ok: StatusCode::NOT_FOUND,
        },
        // Sent without a choice: allowed roles get the page back.
        refused(
            "/staff/activities/{activity}/attendance/{person}",
            Action::ManageActivities,
        ),
        Route {
            method: "POST",
            path: "/staff/activities/{activity}/adjustments/999999",
            action: Action::ManageActivities,
            form: &[("done", "yes")],
            ok: StatusCode::NOT_FOUND,
        },
        get("/staff/calendar", Action::ViewActivities),
        Route {
            method: "POST",
            // Makes a new calendar feed address and shows it once.
            path: "/staff/calendar",
            action: Action::ViewActivities,
            form: &[],
            ok: StatusCode::OK,
        },
        get("/staff/payments", Action::ViewPayments),
        get("/staff/payments/rates", Action::ViewPayments),
        get("/staff/payments/rates/new", Action::ManageRates),
        refused("/staff/payments/rates/new", Action::ManageRates),
        get("/staff/payments/fees", Action::ViewPayments),
        get("/staff/payments/fees/{fee}", Action::ViewPayments),
        Route {
            method: "POST",
            // Already approved: allowed roles are told so.
            path: "/staff/payments/fees/{fee}/approve",
            action: Action::ApprovePayments,
            form: &[],
            ok: StatusCode::CONFLICT,
        },
        // No reason given: allowed roles get the page back with a message.
        refused("/staff/payments/fees/{fee}/reject", Action::ApprovePayments),
        refused("/staff/payments/fees/{fee}/change", Action::RecordPayments),
        get("/staff/payments/claims", Action::ViewPayments),
        get("/staff/payments/claims/{claim}", Action::ViewPayments),
        get(
            "/staff/payments/claims/{claim}/receipt",
            Action::ViewPayments,
        ),
        Route {
            method: "POST",
            path: "/staff/payments/claims/{claim}/approve",
            action: Action::ApprovePayments,
            form: &[],
            ok: StatusCode::CONFLICT,
        },
        refused(
            "/staff/payments/claims/{claim}/reject",
            Action::ApprovePayments,
        ),
        get("/staff/payments/runs", Action::ViewPayments),
        get("/staff/payments/runs/new", Action::RunPayments),
        get("/staff/payments/runs/{run}", Action::ViewPayments),
        get("/staff/payments/runs/{run}/file.csv", Action::RunPayments),
        refused("/staff/payments/runs/{run}/paid", Action::RunPayments),
        // Sent as a plain form, so there is no file in it.
        refused(
            "/staff/payments/runs/{run}/confirmation",
            Action::RunPayments,
        ),
        get("/staff/payments/report", Action::ViewPayments),
        refused("/staff/payments/report/target", Action::ManageSettings),
        get("/staff/people/{person}/payments", Action::ViewPayments),
        get(
            "/staff/people/{person}/payments/statement",
            Action::ViewPayments,
        ),
        get(
            "/staff/people/{person}/payments/preferences",
            Action::RecordPayments,
        ),
        refused(
            "/staff/people/{person}/payments/preferences",
            Action::RecordPayments,
        ),
        refused(
            "/staff/people/{person}/payments/limits",
            Action::RecordPayments,
        ),
        Route {
            method: "POST",
            // No such limit: allowed roles are told it is not there.
            path: "/staff/people/{person}/payments/limits/999999/remove",
            action: Action::RecordPayments,
            form: &[],
            ok: StatusCode::NOT_FOUND,
        },
        Route {
            method: "POST",
            path: "/staff/people/{person}/payments/claim-link",
            action: Action::RecordPayments,
            form: &[],
            ok: StatusCode::SEE_OTHER,
        },
        get("/staff/people/{person}/claims/new", Action::RecordPayments),
        refused("/staff/people/{person}/claims/new", Action::RecordPayments),
        get(
            "/staff/activities/{activity}/payments",
            Action::ViewPayments,
        ),
        Route {
            method: "POST",
            // No rate chosen: the activity is unpaid.
            path: "/staff/activities/{activity}/payments/rate",
            action: Action::RecordPayments,
            form: &[],
            ok: StatusCode::SEE_OTHER,
        },
        Route {
            method: "POST",
            path: "/staff/activities/{activity}/payments/choices/999999",
            action: Action::RecordPayments,
            form: &[],
            ok: StatusCode::NOT_FOUND,
        },
        // An unpaid activity has no fees to work out.
        refused(
            "/staff/activities/{activity}/payments/fees",
            Action::RecordPayments,
        ),
        get("/staff/insights", Action::ViewInsights),
        get("/staff/insights/new", Action::ManageInsights),
        refused("/staff/insights/new", Action::ManageInsights),
        get("/staff/insights/{insight}", Action::ViewInsights),
        get("/staff/insights/{insight}/edit", Action::ManageInsights),
        refused("/staff/insights/{insight}/edit", Action::ManageInsights),
        get("/staff/insights/files/{file}", Action::ViewInsights),
        get("/staff/you-said-we-did", Action::ViewInsights),
        get("/staff/you-said-we-did/new", Action::ManageInsights),
        refused("/staff/you-said-we-did/new", Action::ManageInsights),
        get("/staff/you-said-we-did/{said}", Action::ViewInsights),
        get("/staff/you-said-we-did/{said}/edit", Action::ManageInsights),
        refused("/staff/you-said-we-did/{said}/edit", Action::ManageInsights),
        refused(
            "/staff/you-said-we-did/{said}/status",
            Action::ManageInsights,
        ),
        get(
            "/staff/projects/{project}/already-asked",
            Action::ViewProjects,
        ),
        refused(
            "/staff/projects/{project}/already-asked",
            Action::ManageProjects,
        ),
        get(
            "/staff/activities/{activity}/already-asked",
            Action::ViewActivities,
        ),
        refused(
            "/staff/activities/{activity}/already-asked",
            Action::ManageActivities,
        ),
        Route {
            method: "POST",
            // Last: it takes every approved item into a run.
            path: "/staff/payments/runs",
            action: Action::RunPayments,
            form: &[],
            ok: StatusCode::SEE_OTHER,
        },
    ]
}

fn api_routes() -> Vec<Route> {
    let get = |path, action| Route {
        method: "GET",
        path,
        action,
        form: &[],
        ok: StatusCode::OK,
    };
    vec![
        get("/api/v1/me", Action::ViewStaffHome),
        get("/api/v1/organisations", Action::ViewOrganisations),
        get("/api/v1/users", Action::ViewStaff),
        get("/api/v1/users/{id}", Action::ViewStaff),
        Route {
            method: "POST",
            path: "/api/v1/users",
            action: Action::ManageStaff,
            form: &[],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        get("/api/v1/people", Action::ViewPeople),
        get("/api/v1/people/{person}", Action::ViewPeople),
        Route {
            method: "POST",
            path: "/api/v1/people",
            action: Action::ManagePeople,
            form: &[],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        Route {
            method: "PATCH",
            path: "/api/v1/people/{person}",
            action: Action::ManagePeople,
            form: &[],
            ok: StatusCode::OK,
        },
        get("/api/v1/projects", Action::ViewProjects),
        get("/api/v1/projects/{project}", Action::ViewProjects),
        Route {
            method: "POST",
            path: "/api/v1/projects",
            action: Action::ManageProjects,
            form: &[],
            // Allowed, but the body is not a project.
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        Route {
            method: "PATCH",
            path: "/api/v1/projects/{project}",
            action: Action::ManageProjects,
            form: &[],
            // An empty change changes nothing.
            ok: StatusCode::OK,
        },
        Route {
            method: "POST",
            path: "/api/v1/projects/{project}/close",
            action: Action::ManageProjects,
            form: &[],
            // Allowed, but without the rung reached it stays open.
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        get("/api/v1/decisions", Action::ViewProjects),
        Route {
            method: "POST",
            path: "/api/v1/decisions",
            action: Action::ManageProjects,
            form: &[],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        get("/api/v1/activities", Action::ViewActivities),
        Route {
            method: "POST",
            path: "/api/v1/activities",
            action: Action::ManageActivities,
            form: &[],
            // Allowed, but the body is not an activity.
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        get("/api/v1/activities/{activity}", Action::ViewActivities),
        get("/api/v1/activities/{activity}.ics", Action::ViewActivities),
        get(
            "/api/v1/activities/{activity}/invitations",
            Action::ViewActivities,
        ),
        Route {
            method: "POST",
            path: "/api/v1/activities/{activity}/invitations",
            action: Action::ManageActivities,
            form: &[],
            // Allowed, but the body names nobody to invite.
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        Route {
            method: "POST",
            path: "/api/v1/invitations/999999/reply",
            action: Action::ManageActivities,
            form: &[],
            // Allowed, but the body is not a reply.
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        get(
            "/api/v1/activities/{activity}/suggestions",
            Action::ManageActivities,
        ),
        get("/api/v1/rates", Action::ViewPayments),
        Route {
            method: "POST",
            path: "/api/v1/rates",
            action: Action::ManageRates,
            form: &[],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        get("/api/v1/fees", Action::ViewPayments),
        get("/api/v1/fees/{fee}", Action::ViewPayments),
        Route {
            method: "POST",
            path: "/api/v1/fees/{fee}/approve",
            action: Action::ApprovePayments,
            form: &[],
            ok: StatusCode::CONFLICT,
        },
        Route {
            method: "POST",
            path: "/api/v1/fees/{fee}/reject",
            action: Action::ApprovePayments,
            form: &[],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        get("/api/v1/claims", Action::ViewPayments),
        Route {
            method: "POST",
            path: "/api/v1/claims",
            action: Action::RecordPayments,
            form: &[],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        get("/api/v1/claims/{claim}", Action::ViewPayments),
        Route {
            method: "POST",
            path: "/api/v1/claims/{claim}/approve",
            action: Action::ApprovePayments,
            form: &[],
            ok: StatusCode::CONFLICT,
        },
        Route {
            method: "POST",
            path: "/api/v1/claims/{claim}/reject",
            action: Action::ApprovePayments,
            form: &[],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        get("/api/v1/payment-runs", Action::ViewPayments),
        get("/api/v1/payment-runs/{run}", Action::ViewPayments),
        get("/api/v1/payment-runs/{run}.csv", Action::RunPayments),
        Route {
            method: "POST",
            path: "/api/v1/payment-runs/{run}/paid",
            action: Action::RunPayments,
            form: &[],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        get("/api/v1/people/{person}/payments", Action::ViewPayments),
        get("/api/v1/insights", Action::ViewInsights),
        get("/api/v1/insights/{insight}", Action::ViewInsights),
        get("/api/v1/related?title=timetable", Action::ViewInsights),
        Route {
            method: "POST",
            path: "/api/v1/insights",
            action: Action::ManageInsights,
            form: &[],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        Route {
            method: "PATCH",
            path: "/api/v1/insights/{insight}",
            action: Action::ManageInsights,
            form: &[],
            // An empty change changes nothing.
            ok: StatusCode::OK,
        },
        Route {
            method: "POST",
            path: "/api/v1/you-said-we-did",
            action: Action::ManageInsights,
            form: &[],
            ok: StatusCode::UNPROCESSABLE_ENTITY,
        },
        Route {
            method: "PATCH",
            path: "/api/v1/you-said-we-did/{said}",
            action: Action::ManageInsights,
            form: &[],
            ok: StatusCode::OK,
        },
        Route {
            method: "POST",
            // Last: it takes every approved item into a run.
            path: "/api/v1/payment-runs",
            action: Action::RunPayments,
            form: &[],
            ok: StatusCode::CREATED,
        },
    ]
}

/// One account per role, with records of its own organisation and of
/// another: a staff colleague and a stranger, a person on its own register
/// and one on another organisation's.
struct Who {
    role: Role,
    email: &'static str,
    colleague: i64,
    stranger: i64,
    own_person: i64,
    other_person: i64,
    /// A step of the caller's own organisation's checklist.
    own_step: i64,
    /// An import still open, and one already imported.
    own_import: i64,
    other_import: i64,
    own_done: i64,
    other_done: i64,
    /// A project of the caller's organisation, and one of another.
    own_project: i64,
    other_project: i64,
    /// An activity of the caller's organisation, and one of another.
    own_activity: i64,
    other_activity: i64,
    /// Payments of the caller's organisation, and of another.
    own_payments: Payments,
    other_payments: Payments,
    /// Insight records of the caller's organisation, and of another.
    own_insights: Insights,
    other_insights: Insights,
}

/// An insight seen only by its organisation, a file attached to it, and
/// an unpublished "you said, we did" entry from it.
#[derive(Clone, Copy)]
struct Insights {
    insight: i64,
    file: i64,
    said: i64,
}

/// Makes insight records for the organisation `email` works for.
async fn insights_of(app: &TestApp, email: &str) -> Insights {
    use coproduce_services::insights::{self, InsightAnswers};
    use coproduce_services::you_said::{self, SaidAnswers};
    let actor = actor_of(app, email).await;
    let insight = insights::create(
        &app.services,
        &actor,
        &InsightAnswers {
            title: "Permission matrix insight".into(),
            summary: "Kept inside one organisation.".into(),
            findings: "Only this organisation's staff may read this.".into(),
            source: "survey".into(),
            method: "consultation".into(),
            rung: "consultation".into(),
            visibility: "organisation".into(),
            ..InsightAnswers::default()
        },
    )
    .await
    .expect("insight");
    let file = insights::attach(
        &app.services,
        &actor,
        insight,
        "figures.csv",
        b"area,count\nnorth,4\n".to_vec(),
    )
    .await
    .expect("file");
    let said = you_said::create(
        &app.services,
        &actor,
        &SaidAnswers {
            statement: "Letters are hard to read".into(),
            theme: "Letters".into(),
            insight: insight.to_string(),
            action: "We rewrote the letters".into(),
            owner: "Team manager".into(),
            status: "planned".into(),
            ..SaidAnswers::default()
        },
    )
    .await
    .expect("entry");
    Insights {
        insight: insight.0,
        file: file.0,
        said: said.0,
    }
}

/// An approved fee, an approved claim with a receipt, and a payment run of
/// one organisation.
#[derive(Clone, Copy)]
struct Payments {
    fee: i64,
    claim: i64,
    run: i64,
}

/// Makes payment records for the organisation `email` works for, through
/// the store as the demo does: a run holding one approved fee, then an
/// approved fee and an approved claim with a receipt that are in no run.
async fn payments_of(app: &TestApp, email: &str, person: i64, activity: i64) -> Payments {
    use coproduce_domain::activity::Attendance;
    use coproduce_domain::dates::Date;
    use coproduce_domain::money::Pence;
    use coproduce_domain::payments::{
        ClaimPlan, ExpenseKind, FeeChoice, RateFor, RatePlan, RateUnit, ReceiptType,
    };
    use coproduce_domain::{ActivityId, PersonId};
    use coproduce_store::{ItemKind, NewClaim, NewFee, SubmittedVia};
    let actor = actor_of(app, email).await;
    let organisation = actor.organisation_id;
    let day = Date::new(2099, 7, 14).expect("date");
    let now = 4_000_000_000;
    let second = person_of_org(app, email).await;
    let mut tx = app.services.store.begin().await.expect("begin");
    let rate = tx
        .insert_rate(
            organisation,
            &RatePlan {
                what: RateFor::Fee {
                    role: "Permission matrix".into(),
                    unit: RateUnit::Hour,
                    pays_preparation: false,
                },
                amount: Pence(2_000),
                from: day,
                to: None,
                example: false,
            },
            None,
            now,
        )
        .await
        .expect("rate");
    let approved_fee = async |tx: &mut coproduce_store::Tx, who: i64| {
        let invitation = tx
            .insert_invitation(ActivityId(activity), PersonId(who), None, now)
            .await
            .expect("invitation");
        tx.set_attendance(invitation, Attendance::Attended, Some(60), None)
            .await
            .expect("attendance");
        let fee = tx
            .insert_fee(
                &NewFee {
                    organisation_id: organisation,
                    person_id: PersonId(who),
                    activity_id: ActivityId(activity),
                    invitation_id: invitation,
                    rate_id: rate,
                    activity_date: day,
                    minutes: 60,
                    preparation_minutes: 0,
                    worked_out: Pence(2_000),
                    amount: Pence(2_000),
                    basis: "1 hour at £20.00 an hour".into(),
                    choice: FeeChoice::Take,
                    charity: None,
                    method: None,
                },
                None,
                now,
            )
            .await
            .expect("fee")
            .expect("a new fee");
        assert!(
            tx.decide((ItemKind::Fee, fee.0), true, None, actor.user_id, day, now)
                .await
                .expect("approve")
        );
        fee.0
    };
    // The run holds a fee of a second person, so the fee below stays out.
    approved_fee(&mut tx, second).await;
    let run = tx
        .create_payment_run(organisation, actor.user_id, now)
        .await
        .expect("run")
        .expect("a run");
    let fee = approved_fee(&mut tx, person).await;
    let receipt = tx
        .insert_receipt(
            organisation,
            ReceiptType::Pdf,
            "receipt.pdf",
            b"%PDF-1.4\n%%EOF\n",
            now,
        )
        .await
        .expect("receipt");
    let plan = ClaimPlan {
        kind: ExpenseKind::PublicTransport,
        date: day,
        activity: Some(ActivityId(activity)),
        amount: Some(Pence(450)),
        miles_tenths: None,
        description: "Bus fare".into(),
    };
    let claim = tx
        .insert_claim(
            &NewClaim {
                organisation_id: organisation,
                person_id: PersonId(person),
                plan: &plan,
                amount: Pence(450),
                rate_id: None,
                receipt_id: Some(receipt),
                submitted_via: SubmittedVia::Link,
                submitted_by: None,
            },
            now,
        )
        .await
        .expect("claim");
    assert!(
        tx.decide(
            (ItemKind::Expense, claim.0),
            true,
            None,
            actor.user_id,
            day,
            now
        )
        .await
        .expect("approve")
    );
    tx.commit().await.expect("commit");
    Payments {
        fee,
        claim: claim.0,
        run: run.id.0,
    }
}

/// A second person on the register of the organisation `email` works for.
async fn person_of_org(app: &TestApp, email: &str) -> i64 {
    let unique = email.replace(['@', '.'], "-");
    person_of(
        app,
        email,
        "Second Person",
        &format!("second-{unique}@example.com"),
    )
    .await
}

/// Adds a person to the register of the organisation `email` works for.
async fn person_of(app: &TestApp, email: &str, name: &str, contact: &str) -> i64 {
    let actor = actor_of(app, email).await;
    let answers = coproduce_services::people::Answers {
        name: name.into(),
        contact_methods: vec!["email".into()],
        email: contact.into(),
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
        .0
}

/// An import in progress for the organisation `email` works for.
async fn import_of(app: &TestApp, email: &str) -> i64 {
    let actor = actor_of(app, email).await;
    let file = b"Name,Email\r\nAnn Example,ann@example.com\r\n";
    coproduce_services::people_import::upload(&app.services, &actor, "register.csv", file)
        .await
        .expect("upload")
}

/// An import already imported, for the organisation `email` works for.
async fn done_import_of(app: &TestApp, email: &str) -> i64 {
    let id = import_of(app, email).await;
    let actor = actor_of(app, email).await;
    coproduce_services::people_import::run(&app.services, &actor, id)
        .await
        .expect("import");
    id
}

/// A project planned by the organisation `email` works for.
async fn project_of(app: &TestApp, email: &str, title: &str) -> i64 {
    let actor = actor_of(app, email).await;
    let answers = coproduce_services::projects::ProjectAnswers {
        title: title.into(),
        summary: "People who use day services help plan the new timetable.".into(),
        service_area: "day_opportunities".into(),
        level: "service_design".into(),
        planned_rung: "co_design".into(),
        rung_reason: "People will shape the timetable with us.".into(),
        ..Default::default()
    };
    coproduce_services::projects::create(&app.services, &actor, &answers)
        .await
        .expect("project")
        .0
}

/// An activity planned by the organisation `email` works for.
async fn activity_of(app: &TestApp, email: &str, title: &str) -> i64 {
    let actor = actor_of(app, email).await;
    let answers = coproduce_services::activities::ActivityAnswers {
        kind: "workshop".into(),
        title: title.into(),
        description: "We plan the new day services timetable together.".into(),
        date: "14/07/2099".into(),
        starts: "10:00".into(),
        ends: "12:00".into(),
        place: "Town hall, room 2".into(),
        places: "8".into(),
        ..Default::default()
    };
    coproduce_services::activities::create(&app.services, &actor, &answers)
        .await
        .expect("activity")
        .0
}

async fn actor_of(app: &TestApp, email: &str) -> coproduce_domain::Actor {
    let email = coproduce_domain::Email::parse(email).expect("email");
    app.services
        .store
        .user_by_email(&email)
        .await
        .expect("user")
        .actor()
}

async fn first_step(app: &TestApp, email: &str) -> i64 {
    let actor = actor_of(app, email).await;
    app.services
        .store
        .onboarding_steps(actor.organisation_id)
        .await
        .expect("steps")[0]
        .0
}

async fn people(app: &TestApp) -> Vec<Who> {
    let council_colleague = app.user_id("officer@northshire-council.example").await;
    let council_other = app.user_id("lead@northshire-council.example").await;
    let nhs_colleague = app.user_id("admin@northshire-nhs.example").await;
    let nhs_user = app.user_id("partner@northshire-nhs.example").await;
    let council_person = person_of(
        app,
        "officer@northshire-council.example",
        "Council Person",
        "cp@example.com",
    )
    .await;
    let nhs_person = person_of(
        app,
        "admin@northshire-nhs.example",
        "Trust Person",
        "tp@example.com",
    )
    .await;
    let council_import = import_of(app, "admin@northshire-council.example").await;
    let nhs_import = import_of(app, "admin@northshire-nhs.example").await;
    let council_done = done_import_of(app, "admin@northshire-council.example").await;
    let nhs_done = done_import_of(app, "admin@northshire-nhs.example").await;
    let council_project = project_of(app, "admin@northshire-council.example", "Council work").await;
    let nhs_project = project_of(app, "admin@northshire-nhs.example", "Trust work").await;
    let council_activity =
        activity_of(app, "admin@northshire-council.example", "Council workshop").await;
    let nhs_activity = activity_of(app, "admin@northshire-nhs.example", "Trust workshop").await;
    let council_payments = payments_of(
        app,
        "admin@northshire-council.example",
        council_person,
        council_activity,
    )
    .await;
    let nhs_payments = payments_of(
        app,
        "admin@northshire-nhs.example",
        nhs_person,
        nhs_activity,
    )
    .await;
    let council_insights = insights_of(app, "admin@northshire-council.example").await;
    let nhs_insights = insights_of(app, "admin@northshire-nhs.example").await;
    let council_step = first_step(app, "admin@northshire-council.example").await;
    let nhs_step = first_step(app, "admin@northshire-nhs.example").await;
    let council = |role, email, colleague| Who {
        role,
        email,
        colleague,
        stranger: nhs_user,
        own_person: council_person,
        other_person: nhs_person,
        own_step: council_step,
        own_import: council_import,
        other_import: nhs_import,
        own_done: council_done,
        other_done: nhs_done,
        own_project: council_project,
        other_project: nhs_project,
        own_activity: council_activity,
        other_activity: nhs_activity,
        own_payments: council_payments,
        other_payments: nhs_payments,
        own_insights: council_insights,
        other_insights: nhs_insights,
    };
    vec![
        council(
            Role::Admin,
            "admin@northshire-council.example",
            council_colleague,
        ),
        council(
            Role::Lead,
            "lead@northshire-council.example",
            council_colleague,
        ),
        council(
            Role::Officer,
            "officer@northshire-council.example",
            council_other,
        ),
        council(
            Role::Finance,
            "finance@northshire-council.example",
            council_colleague,
        ),
        council(
            Role::Board,
            "board@northshire-council.example",
            council_colleague,
        ),
        Who {
            role: Role::Partner,
            email: "partner@northshire-nhs.example",
            colleague: nhs_colleague,
            stranger: council_colleague,
            own_person: nhs_person,
            other_person: council_person,
            own_step: nhs_step,
            own_import: nhs_import,
            other_import: council_import,
            own_done: nhs_done,
            other_done: council_done,
            own_project: nhs_project,
            other_project: council_project,
            own_activity: nhs_activity,
            other_activity: council_activity,
            own_payments: nhs_payments,
            other_payments: council_payments,
            own_insights: nhs_insights,
            other_insights: council_insights,
        },
    ]
}

impl Who {
    /// The route's path with its record placeholder filled for `target`.
    fn path(&self, route: &str, target: Target) -> String {
        let (user, person, import, done, project, activity, payments, insights) = match target {
            Target::Other => (
                self.stranger,
                self.other_person,
                self.other_import,
                self.other_done,
                self.other_project,
                self.other_activity,
                self.other_payments,
                self.other_insights,
            ),
            _ => (
                self.colleague,
                self.own_person,
                self.own_import,
                self.own_done,
                self.own_project,
                self.own_activity,
                self.own_payments,
                self.own_insights,
            ),
        };
        route
            .replace("{id}", &user.to_string())
            .replace("{person}", &person.to_string())
            .replace("{import}", &import.to_string())
            .replace("{done}", &done.to_string())
            .replace("{project}", &project.to_string())
            .replace("{activity}", &activity.to_string())
            .replace("{fee}", &payments.fee.to_string())
            .replace("{claim}", &payments.claim.to_string())
            .replace("{run}", &payments.run.to_string())
            .replace("{insight}", &insights.insight.to_string())
            .replace("{file}", &insights.file.to_string())
            .replace("{said}", &insights.said.to_string())
            .replace("{step}", &self.own_step.to_string())
    }
}

fn expected(route: &Route, role: Role, target: Target) -> StatusCode {
    match (route.action.allowed_for(role), target) {
        (false, _) => StatusCode::FORBIDDEN,
        (true, Target::Other) => StatusCode::NOT_FOUND,
        (true, _) => route.ok,
    }
}

/// The placeholders that name a record of one organisation or another.
const PLACEHOLDERS: [&str; 12] = [
    "{id}",
    "{person}",
    "{import}",
    "{done}",
    "{project}",
    "{activity}",
    "{fee}",
    "{claim}",
    "{run}",
    "{insight}",
    "{file}",
    "{said}",
];

fn targets(path: &str) -> Vec<Target> {
    if PLACEHOLDERS.iter().any(|p| path.contains(p)) {
        vec![Target::Own, Target::Other]
    } else {
        vec![Target::None]
    }
}

/// How a caller reaches the routes: a signed-in browser for pages, a
/// bearer token for the API.
enum Caller {
    Browser(crate::helpers::Browser),
    Token(reqwest::Client, String),
}

impl Caller {
    async fn call(&self, app: &TestApp, route: &Route, path: &str) -> StatusCode {
        match self {
            Self::Browser(browser) => match route.method {
                "GET" => browser.get(path).await.status(),
                _ => browser.post_form(path, route.form).await.status(),
            },
            Self::Token(client, token) => {
                let url = app.url(path);
                let request = match route.method {
                    "GET" => client.get(&url),
                    "PATCH" => client.patch(&url).json(&serde_json::json!({})),
                    _ => client
                        .post(&url)
                        .json(&serde_json::json!({"email": "", "display_name": "", "role": "", "name": ""})),
                };
                request
                    .bearer_auth(token)
                    .send()
                    .await
                    .expect("request")
                    .status()
            }
        }
    }
}

/// Calls every route as every role, on its own and another organisation's
/// records, and lists every answer that differs from the rules.
async fn check_matrix(app: &TestApp, routes: Vec<Route>, api: bool) {
    let mut failures = Vec::new();
    for who in people(app).await {
        let (role, email) = (who.role, who.email);
        let caller = if api {
            Caller::Token(reqwest::Client::new(), app.api_token(email).await)
        } else {
            Caller::Browser(app.signed_in(email).await)
        };
        for route in &routes {
            for target in targets(route.path) {
                let path = who.path(route.path, target);
                let status = caller.call(app, route, &path).await;
                let want = expected(route, role, target);
                if status != want {
                    failures.push(format!(
                        "{role:?} {} {path} ({target:?}): got {status}, want {want}",
                        route.method
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn pages_obey_roles_and_organisations() {
    let app = TestApp::spawn().await;
    check_matrix(&app, page_routes(), false).await;
}

#[tokio::test]
async fn the_api_obeys_roles_and_organisations() {
    let app = TestApp::spawn().await;
    check_matrix(&app, api_routes(), true).await;
}

#[tokio::test]
async fn every_staff_route_needs_a_sign_in() {
    let app = TestApp::spawn().await;
    let signed_out = Caller::Browser(app.browser());
    for route in page_routes() {
        let path = PLACEHOLDERS
            .iter()
            .chain(&["{step}"])
            .fold(route.path.to_owned(), |p, k| p.replace(k, "1"));
        let status = signed_out.call(&app, &route, &path).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{} {path}", route.method);
    }
    let bad_token = Caller::Token(reqwest::Client::new(), "cp_not-a-real-token".into());
    for route in api_routes() {
        let path = PLACEHOLDERS
            .iter()
            .chain(&["{step}"])
            .fold(route.path.to_owned(), |p, k| p.replace(k, "1"));
        let status = bad_token.call(&app, &route, &path).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{} {path}", route.method);
    }
}
