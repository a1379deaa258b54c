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
        Route {
            method: "POST",
            path: "/staff/writing-check",
            action: Action::CheckWriting,
            form: &[("text", "We will utilise the feedback.")],
            ok: StatusCode::OK,
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
    ]
}

/// One account per role, with a colleague in the same organisation and a
/// stranger in another.
async fn people(app: &TestApp) -> Vec<(Role, &'static str, i64, i64)> {
    let council_colleague = app.user_id("officer@northshire-council.example").await;
    let council_other = app.user_id("lead@northshire-council.example").await;
    let nhs_colleague = app.user_id("admin@northshire-nhs.example").await;
    let nhs_user = app.user_id("partner@northshire-nhs.example").await;
    vec![
        (
            Role::Admin,
            "admin@northshire-council.example",
            council_colleague,
            nhs_user,
        ),
        (
            Role::Lead,
            "lead@northshire-council.example",
            council_colleague,
            nhs_user,
        ),
        (
            Role::Officer,
            "officer@northshire-council.example",
            council_other,
            nhs_user,
        ),
        (
            Role::Finance,
            "finance@northshire-council.example",
            council_colleague,
            nhs_user,
        ),
        (
            Role::Board,
            "board@northshire-council.example",
            council_colleague,
            nhs_user,
        ),
        (
            Role::Partner,
            "partner@northshire-nhs.example",
            nhs_colleague,
            council_colleague,
        ),
    ]
}

fn expected(route: &Route, role: Role, target: Target) -> StatusCode {
    match (route.action.allowed_for(role), target) {
        (false, _) => StatusCode::FORBIDDEN,
        (true, Target::Other) => StatusCode::NOT_FOUND,
        (true, _) => route.ok,
    }
}

fn targets(path: &str) -> Vec<Target> {
    if path.contains("{id}") {
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
                    _ => client
                        .post(&url)
                        .json(&serde_json::json!({"email": "", "display_name": "", "role": ""})),
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
    for (role, email, colleague, stranger) in people(app).await {
        let caller = if api {
            Caller::Token(reqwest::Client::new(), app.api_token(email).await)
        } else {
            Caller::Browser(app.signed_in(email).await)
        };
        for route in &routes {
            for target in targets(route.path) {
                let id = if target == Target::Other {
                    stranger
                } else {
                    colleague
                };
                let path = route.path.replace("{id}", &id.to_string());
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
        let path = route.path.replace("{id}", "1");
        let status = signed_out.call(&app, &route, &path).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{} {path}", route.method);
    }
    let bad_token = Caller::Token(reqwest::Client::new(), "cp_not-a-real-token".into());
    for route in api_routes() {
        let path = route.path.replace("{id}", "1");
        let status = bad_token.call(&app, &route, &path).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{} {path}", route.method);
    }
}
