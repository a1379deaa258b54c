//! Email. Messages are queued as jobs in the same transaction as the change
//! that causes them, then sent by the job worker. With no SMTP server set,
//! they are written to the outbox folder as `.eml` files. An SMTP server
//! can be a plain relay (`host:port`) or a URL with TLS (see
//! [`MailSettings::SmtpUrl`]).

use lettre::message::{Mailbox, MultiPart, SinglePart, header::ContentType};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};

use crate::{Result, ServiceError, Settings};

/// The job kind for sending one email.
pub const JOB_KIND: &str = "email.send";

/// An email waiting to be sent. Stored as the job's payload.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    /// The plain text, which every email has.
    pub body: String,
    /// Files sent with it, such as a calendar file.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

/// A file sent with an email.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Attachment {
    pub file_name: String,
    pub content_type: String,
    pub content: String,
}

/// Where email goes.
#[derive(Clone, Default)]
pub enum MailSettings {
    /// Written as files to `Settings::outbox_dir`.
    #[default]
    Outbox,
    /// Sent to an SMTP relay without encryption, such as a mail server on
    /// the same machine.
    Smtp { host: String, port: u16 },
    /// Sent through the SMTP server named by a URL, with TLS when it asks
    /// for it: `smtps://user:pass@host:465` (TLS from the start),
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS, refused without
    /// it) or `smtp://127.0.0.1:2525` (plain, for a local relay). TLS is
    /// rustls with the Mozilla root certificates. The URL can hold a
    /// password, so it is never printed or logged.
    SmtpUrl(String),
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Outbox => f.write_str("Outbox"),
            Self::Smtp { host, port } => f
                .debug_struct("Smtp")
                .field("host", host)
                .field("port", port)
                .finish(),
            Self::SmtpUrl(_) => f.write_str("SmtpUrl(hidden)"),
        }
    }
}

/// Checks an SMTP URL without connecting, for start-up. The message never
/// repeats the URL, which can hold a password.
pub fn check_smtp_url(url: &str) -> std::result::Result<(), String> {
    AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map(|_| ())
        .map_err(|_| {
            "the SMTP URL is not valid: use smtps://user:password@host:465, \
             smtp://user:password@host:587?tls=required or smtp://host:port"
                .to_owned()
        })
}

/// The sender address for all mail.
pub fn from_address(settings: &Settings) -> String {
    let host = settings
        .base_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .filter(|host| host.contains('.') && !host.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .unwrap_or("coproduce.localhost");
    format!("Coproduce <no-reply@{host}>")
}

/// Sends one email now. Called by the job worker, not by request handlers.
pub async fn send(settings: &Settings, email: &OutgoingEmail) -> Result<()> {
    let from: Mailbox = from_address(settings)
        .parse()
        .map_err(|e| ServiceError::Internal(format!("bad sender address: {e}")))?;
    let to: Mailbox = email
        .to
        .parse()
        .map_err(|e| ServiceError::Internal(format!("bad recipient address: {e}")))?;
    let builder = Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone());
    let message = if email.attachments.is_empty() {
        builder
            .header(ContentType::TEXT_PLAIN)
            .body(email.body.clone())
    } else {
        let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(email.body.clone()));
        for file in &email.attachments {
            let content_type = ContentType::parse(&file.content_type)
                .map_err(|e| ServiceError::Internal(format!("bad attachment type: {e}")))?;
            parts = parts.singlepart(
                lettre::message::Attachment::new(file.file_name.clone())
                    .body(file.content.clone(), content_type),
            );
        }
        builder.multipart(parts)
    }
    .map_err(|e| ServiceError::Internal(format!("cannot build the email: {e}")))?;
    match &settings.mail {
        MailSettings::Outbox => {
            tokio::fs::create_dir_all(&settings.outbox_dir)
                .await
                .map_err(|e| ServiceError::Internal(format!("cannot create the outbox: {e}")))?;
            AsyncFileTransport::<Tokio1Executor>::new(&settings.outbox_dir)
                .send(message)
                .await
                .map_err(|e| ServiceError::Internal(format!("cannot write the email: {e}")))?;
        }
        MailSettings::Smtp { host, port } => {
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                .port(*port)
                .build()
                .send(message)
                .await
                .map_err(|e| ServiceError::Internal(format!("the SMTP server refused: {e}")))?;
        }
        MailSettings::SmtpUrl(url) => {
            // The error from reading the URL is not shown: it could hold
            // part of the password.
            AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map_err(|_| ServiceError::Internal("the SMTP URL is not valid".into()))?
                .build()
                .send(message)
                .await
                .map_err(|e| ServiceError::Internal(format!("the SMTP server refused: {e}")))?;
        }
    }
    Ok(())
}
