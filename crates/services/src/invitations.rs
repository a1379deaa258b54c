//! What people receive about an activity: the invitation email with its
//! calendar file, and the calendar (iCalendar, RFC 5545) itself.
//!
//! Times in calendar files are written in UTC (`...Z`), which every
//! calendar shows in the reader's own time: correct across the UK's clock
//! changes without shipping time zone rules in each file.

use coproduce_domain::InvitationId;
use coproduce_domain::activity::{Activity, london};
use coproduce_domain::person::Person;

use crate::Services;
use crate::activities::{Answer, reply_link};
use crate::email::{Attachment, OutgoingEmail};

/// An instant as iCalendar UTC date-time: `20270112T143000Z`.
fn ical_time(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.strftime("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default()
}

/// Escapes a text value (RFC 5545 section 3.3.11).
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, never inside a character (3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// The host part of the base URL, for unique ids.
fn host(services: &Services) -> String {
    services
        .settings
        .base_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .unwrap_or("coproduce.localhost")
        .to_owned()
}

/// One activity as a VEVENT's lines.
fn event_lines(
    services: &Services,
    activity: &Activity,
    organisation: &str,
    now: i64,
) -> Vec<String> {
    let plan = &activity.plan;
    let location = match (&plan.place, &plan.online_link) {
        (Some(place), Some(link)) => format!("{place} (or online: {link})"),
        (Some(place), None) => place.clone(),
        (None, Some(link)) => format!("Online: {link}"),
        (None, None) => String::new(),
    };
    let mut lines = vec![
        "BEGIN:VEVENT".to_owned(),
        format!("UID:activity-{}@{}", activity.id, host(services)),
        format!("DTSTAMP:{}", ical_time(now)),
        format!("DTSTART:{}", ical_time(plan.starts_at)),
        format!("DTEND:{}", ical_time(plan.ends_at)),
        format!("SUMMARY:{}", escape(&plan.title)),
        format!(
            "DESCRIPTION:{}",
            escape(&format!(
                "{}\n\nOrganised by {organisation}.",
                plan.description
            ))
        ),
    ];
    if !location.is_empty() {
        lines.push(format!("LOCATION:{}", escape(&location)));
    }
    if let Some(link) = &plan.online_link {
        lines.push(format!("URL:{link}"));
    }
    lines.push("END:VEVENT".to_owned());
    lines
}

/// A calendar of activities, as the text of an `.ics` file.
pub fn calendar(
    services: &Services,
    activities: &[(Activity, String)],
    name: &str,
    now: i64,
) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Coproduce//Activities//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!("X-WR-CALNAME:{}", escape(name)),
    ];
    for (activity, organisation) in activities {
        lines.extend(event_lines(services, activity, organisation, now));
    }
    lines.push("END:VCALENDAR".to_owned());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// "Tuesday 12 January 2027, 2:30pm to 4pm", in UK time.
pub fn when(activity: &Activity) -> String {
    let clock = |h: i8, m: i8| {
        let half = if h < 12 { "am" } else { "pm" };
        let h = match h % 12 {
            0 => 12,
            h => h,
        };
        if m == 0 {
            format!("{h}{half}")
        } else {
            format!("{h}:{m:02}{half}")
        }
    };
    let weekday = jiff::Timestamp::from_second(activity.plan.starts_at)
        .ok()
        .and_then(|t| {
            jiff::tz::TimeZone::get("Europe/London")
                .ok()
                .map(|tz| t.to_zoned(tz))
        })
        .map(|z| z.strftime("%A ").to_string())
        .unwrap_or_default();
    match (
        london(activity.plan.starts_at),
        london(activity.plan.ends_at),
    ) {
        (Some((day, sh, sm)), Some((end_day, eh, em))) if day == end_day => {
            format!("{weekday}{day}, {} to {}", clock(sh, sm), clock(eh, em))
        }
        (Some((day, sh, sm)), Some((end_day, eh, em))) => {
            format!(
                "{weekday}{day}, {} to {end_day}, {}",
                clock(sh, sm),
                clock(eh, em)
            )
        }
        _ => String::new(),
    }
}

/// The invitation email for a person with an email address: the details
/// in plain English, the access arrangements, a calendar file and their
/// reply links.
pub fn invitation_email(
    services: &Services,
    activity: &Activity,
    organisation: &str,
    person: &Person,
    invitation: InvitationId,
) -> Option<OutgoingEmail> {
    let to = person.profile.email.as_ref()?.to_string();
    let plan = &activity.plan;
    let mut place = String::new();
    if let Some(p) = &plan.place {
        place.push_str(&format!("Where: {p}\n"));
        if !plan.features.is_empty() {
            let features: Vec<&str> = plan.features.iter().map(|f| f.label()).collect();
            place.push_str(&format!("The place has: {}.\n", features.join(", ")));
        }
    }
    if let Some(link) = &plan.online_link {
        let platform = plan
            .platform
            .as_deref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        place.push_str(&format!("Online{platform}: {link}\n"));
    }
    let papers = if plan.easy_read_papers {
        "The papers will come in easy read.\n"
    } else {
        ""
    };
    let reply_by = plan
        .reply_by
        .map(|d| format!("Please reply by {d}.\n"))
        .unwrap_or_default();
    let body = format!(
        "Hello {name},\n\n{organisation} would like to invite you to take part in:\n\n{title}\n\n{description}\n\n\
         When: {when}\n{place}{papers}\n{reply_by}\
         To say yes, use this link:\n{accept}\n\n\
         To say no, use this link:\n{decline}\n\n\
         You do not need to sign in. If you need anything to take part, such as an interpreter, a taxi or papers in \
         another format, reply to this email or call us and we will arrange it.\n\n\
         A calendar file is attached, so you can add the activity to your calendar.\n\n{organisation}\n",
        name = person.profile.name,
        title = plan.title,
        description = plan.description,
        when = when(activity),
        accept = reply_link(services, invitation, Answer::Accept, plan.ends_at),
        decline = reply_link(services, invitation, Answer::Decline, plan.ends_at),
    );
    Some(OutgoingEmail {
        to,
        subject: format!("You are invited: {}", plan.title),
        body,
        attachments: vec![Attachment {
            file_name: "activity.ics".to_owned(),
            content_type: "text/calendar; charset=utf-8".to_owned(),
            content: calendar(
                services,
                &[(activity.clone(), organisation.to_owned())],
                &plan.title,
                crate::clock::now(),
            ),
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        fold(&format!("DESCRIPTION:{}", "é".repeat(60)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line:?}");
        }
        assert_eq!(
            out.replace("\r\n ", "").trim_end(),
            format!("DESCRIPTION:{}", "é".repeat(60))
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a; b, c\\d\ne"), "a\\; b\\, c\\\\d\\ne");
        assert_eq!(ical_time(1_799_764_200), "20270112T143000Z");
    }
}
