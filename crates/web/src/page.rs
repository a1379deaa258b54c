//! What every page shares: the partnership's name, who is signed in, the
//! navigation, the form token and the chosen text size.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Uri};
use axum_extra::extract::CookieJar;
use coproduce_domain::{Action, Actor};

use crate::session::{SignedInUser, Visitor, csrf_binding};
use crate::state::AppState;

pub const TEXT_SIZE_COOKIE: &str = "cp_text_size";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextSize {
    Normal,
    Large,
    Larger,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [Self::Normal, Self::Large, Self::Larger];

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|size| size.as_str() == value)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Normal => "normal",
            Self::Large => "large",
            Self::Larger => "larger",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Normal => "Normal text",
            Self::Large => "Large text",
            Self::Larger => "Larger text",
        }
    }

    /// The class on the `html` element.
    pub fn class(self) -> &'static str {
        match self {
            Self::Normal => "",
            Self::Large => "app-text-size--large",
            Self::Larger => "app-text-size--larger",
        }
    }
}

pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
}

/// The signed-in person, as the page header shows them.
pub struct UserChrome {
    pub name: String,
    pub actor: Actor,
}

pub struct Page {
    pub partnership: Arc<str>,
    pub demo: bool,
    pub user: Option<UserChrome>,
    pub csrf_token: String,
    pub text_size: TextSize,
    /// This page's path and query, for forms that come back here.
    pub here: String,
    pub nav: Vec<NavItem>,
}

impl Page {
    pub fn sizes(&self) -> [TextSize; 3] {
        TextSize::ALL
    }

    pub fn can(&self, action: Action) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| action.allowed_for(u.actor.role))
    }

    pub fn build(state: &AppState, parts: &Parts) -> Page {
        Self::from_pieces(
            state,
            &parts.headers,
            &parts.uri,
            parts.extensions.get::<Visitor>(),
            parts.extensions.get::<SignedInUser>(),
        )
    }

    pub fn from_pieces(
        state: &AppState,
        headers: &HeaderMap,
        uri: &Uri,
        visitor: Option<&Visitor>,
        user: Option<&SignedInUser>,
    ) -> Page {
        let jar = CookieJar::from_headers(headers);
        let binding = csrf_binding(&jar, visitor).unwrap_or_default();
        let user = user.map(|u| UserChrome {
            name: u.0.user.display_name.clone(),
            actor: u.0.user.actor(),
        });
        let text_size = jar
            .get(TEXT_SIZE_COOKIE)
            .and_then(|c| TextSize::parse(c.value()))
            .unwrap_or(TextSize::Normal);
        let path = uri.path();
        let nav = navigation(path, user.as_ref().map(|u| &u.actor));
        Page {
            partnership: state.partnership_name.clone(),
            demo: state.demo,
            user,
            csrf_token: crate::csrf::token(state, &binding),
            text_size,
            here: uri
                .path_and_query()
                .map_or_else(|| "/".to_owned(), |p| p.to_string()),
            nav,
        }
    }
}

fn navigation(path: &str, actor: Option<&Actor>) -> Vec<NavItem> {
    let mut items = vec![NavItem {
        href: "/",
        label: "Home",
        current: path == "/",
    }];
    match actor {
        None => {
            items.push(NavItem {
                href: "/get-involved",
                label: "Get involved",
                current: path.starts_with("/get-involved"),
            });
            items.push(NavItem {
                href: "/projects",
                label: "Our projects",
                current: path.starts_with("/projects"),
            });
            items.push(NavItem {
                href: "/ladder",
                label: "The ladder",
                current: path == "/ladder",
            });
            items.push(NavItem {
                href: "/insights",
                label: "What people told us",
                current: path.starts_with("/insights"),
            });
            items.push(NavItem {
                href: "/you-said-we-did",
                label: "You said, we did",
                current: path.starts_with("/you-said-we-did"),
            });
            items.push(NavItem {
                href: "/sign-in",
                label: "Staff sign in",
                current: path == "/sign-in",
            });
        }
        Some(actor) => {
            items.push(NavItem {
                href: "/staff",
                label: "Staff home",
                current: path == "/staff",
            });
            let mut add = |action: Action, href: &'static str, label: &'static str| {
                if action.allowed_for(actor.role) {
                    items.push(NavItem {
                        href,
                        label,
                        current: path.starts_with(href),
                    });
                }
            };
            add(Action::ViewPeople, "/staff/people", "Register");
            add(Action::ViewProjects, "/staff/projects", "Projects");
            add(Action::ViewActivities, "/staff/activities", "Activities");
            add(Action::ViewPayments, "/staff/payments", "Payments");
            add(Action::ViewInsights, "/staff/insights", "Insights");
            add(
                Action::ViewInsights,
                "/staff/you-said-we-did",
                "You said, we did",
            );
            add(Action::ViewProjects, "/staff/decisions", "Decision log");
            add(Action::ViewStaff, "/staff/users", "Staff accounts");
            add(Action::ViewAuditTrail, "/staff/audit", "Audit trail");
        }
    }
    items
}

impl FromRequestParts<AppState> for Page {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Page::build(state, parts))
    }
}
