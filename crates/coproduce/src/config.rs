//! Settings shared by every subcommand: where the data lives, which
//! database, the public address and the secret key.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use coproduce_services::email::MailSettings;
use coproduce_services::secrets::SecretKey;
use coproduce_services::{Services, Settings, Store};

#[derive(Args, Debug, Clone)]
pub struct StoreArgs {
    /// Folder for the SQLite database, the secret key and the email outbox.
    #[arg(long, env = "COPRODUCE_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// A postgres:// URL to use PostgreSQL instead of SQLite.
    #[arg(long, env = "COPRODUCE_DATABASE_URL")]
    pub database_url: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct ServerArgs {
    /// The address and port to listen on.
    #[arg(long, env = "COPRODUCE_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The address people use to reach the service, for links in emails
    /// (default: http:// and the listening address).
    #[arg(long, env = "COPRODUCE_BASE_URL")]
    pub base_url: Option<String>,
    /// An SMTP relay as host:port. Without it, emails are written to the
    /// outbox folder inside the data folder.
    #[arg(long, env = "COPRODUCE_SMTP")]
    pub smtp: Option<String>,
    /// An SMTP server as a URL, with TLS: smtps://user:password@host:465,
    /// smtp://user:password@host:587?tls=required, or smtp://host:port for
    /// a plain local relay. Its value is never shown, as it can hold a
    /// password.
    #[arg(long, env = "COPRODUCE_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<SmtpUrl>,
}

/// An SMTP URL, which can hold a password: `Debug` hides it.
#[derive(Clone)]
pub struct SmtpUrl(pub String);

/// Checked later, in [`ServerArgs::mail`]: the command-line parser would
/// repeat a refused value in its message.
impl std::str::FromStr for SmtpUrl {
    type Err = std::convert::Infallible;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(Self(value.to_owned()))
    }
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SmtpUrl(hidden)")
    }
}

impl StoreArgs {
    pub async fn open_store(&self) -> anyhow::Result<Store> {
        let store = Store::open(self.database_url.as_deref(), &self.data_dir)
            .await
            .context("could not open the database")?;
        Ok(store)
    }

    /// The secret key from `COPRODUCE_SECRET_KEY`, or from `secret.key` in
    /// the data folder, made there on first use.
    pub fn secret_key(&self) -> anyhow::Result<SecretKey> {
        if let Ok(hex) = std::env::var("COPRODUCE_SECRET_KEY") {
            return SecretKey::from_hex(&hex)
                .map_err(|e| anyhow::anyhow!("COPRODUCE_SECRET_KEY: {e}"));
        }
        let path = self.data_dir.join("secret.key");
        if path.exists() {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("could not read {}", path.display()))?;
            return SecretKey::from_hex(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()));
        }
        std::fs::create_dir_all(&self.data_dir)
            .with_context(|| format!("could not create {}", self.data_dir.display()))?;
        let key = SecretKey::generate();
        write_private(&path, &key.to_hex())?;
        Ok(key)
    }

    pub fn outbox(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }

    /// The store and settings for commands that run without a server.
    pub async fn services(&self, base_url: &str) -> anyhow::Result<Services> {
        let store = self.open_store().await?;
        let settings = Settings::new(base_url.to_owned(), self.secret_key()?, self.outbox());
        Ok(Services::new(store, settings))
    }
}

impl ServerArgs {
    pub fn base_url(&self, bound: SocketAddr) -> String {
        self.base_url
            .clone()
            .unwrap_or_else(|| format!("http://{bound}"))
    }

    pub fn mail(&self) -> anyhow::Result<MailSettings> {
        match (&self.smtp, &self.smtp_url) {
            (Some(_), Some(_)) => {
                anyhow::bail!("set COPRODUCE_SMTP or COPRODUCE_SMTP_URL, not both")
            }
            (None, Some(url)) => {
                coproduce_services::email::check_smtp_url(&url.0).map_err(anyhow::Error::msg)?;
                Ok(MailSettings::SmtpUrl(url.0.clone()))
            }
            (None, None) => Ok(MailSettings::Outbox),
            (Some(relay), None) => {
                let (host, port) = relay
                    .rsplit_once(':')
                    .context("COPRODUCE_SMTP must be host:port")?;
                let port = port.parse().context("the SMTP port must be a number")?;
                Ok(MailSettings::Smtp {
                    host: host.to_owned(),
                    port,
                })
            }
        }
    }
}

/// The base URL for commands without a server: `COPRODUCE_BASE_URL` or the
/// default listening address.
pub fn offline_base_url() -> String {
    std::env::var("COPRODUCE_BASE_URL").unwrap_or_else(|_| {
        let addr = std::env::var("COPRODUCE_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
        format!("http://{addr}")
    })
}

/// Writes a file only its owner can read.
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("could not create {}", path.display()))?;
    file.write_all(text.as_bytes())?;
    Ok(())
}
