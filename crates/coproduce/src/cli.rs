//! The subcommands.

use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use coproduce_domain::{Email, Slug};
use coproduce_services::staff::{self, NewStaff};
use coproduce_services::{ServiceError, Services, Settings, api_tokens, demo};
use coproduce_web::{Application, WebConfig};

use crate::config::{ServerArgs, StoreArgs, offline_base_url};

/// Coproduce: plan, run and show co-production work in adult social care.
#[derive(Parser, Debug)]
#[command(name = "coproduce", version, about)]
pub struct Cli {
    /// Write logs as JSON lines instead of text.
    #[arg(long, global = true, env = "COPRODUCE_JSON_LOGS")]
    pub json_logs: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web server.
    Serve {
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        server: ServerArgs,
    },
    /// Fill an empty store with the fictional Northshire Care Partnership,
    /// then run the web server.
    Demo {
        #[command(flatten)]
        store: StoreArgs,
        #[command(flatten)]
        server: ServerArgs,
        /// The password every demo staff account gets.
        #[arg(long, env = "COPRODUCE_DEMO_PASSWORD", default_value = DEFAULT_DEMO_PASSWORD)]
        demo_password: String,
    },
    /// Bring the database's tables up to date, then stop.
    Migrate {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Manage staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Measure response times and memory on a fresh demo store.
    Bench {
        /// A postgres:// URL of an empty database to measure PostgreSQL
        /// (default: SQLite in a temporary folder).
        #[arg(long)]
        database_url: Option<String>,
        /// Requests per scenario.
        #[arg(long, default_value_t = 2000)]
        requests: usize,
        /// Requests in flight at once.
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
        /// People on the demo register (up to 3,000).
        #[arg(long, default_value_t = 300)]
        people: usize,
    },
    /// Print the API's OpenAPI 3.1 document.
    Openapi,
    /// Copy a SQLite store to a file while the service keeps running.
    Backup {
        #[command(flatten)]
        store: StoreArgs,
        /// The file to write. It must not exist yet.
        #[arg(long)]
        to: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add a staff account and print a one-time link to choose a password.
    Add {
        #[command(flatten)]
        store: StoreArgs,
        /// The organisation's short name, such as northshire-council.
        #[arg(long)]
        org: String,
        #[arg(long)]
        email: String,
        /// admin, lead, officer, finance, board or partner.
        #[arg(long)]
        role: String,
        /// Their full name (default: taken from the email address).
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum TokenCommand {
    /// Make an API token for a staff account and print it.
    Create {
        #[command(flatten)]
        store: StoreArgs,
        #[arg(long)]
        email: String,
        /// What the token is for, to recognise it later.
        #[arg(long, default_value = "command line")]
        label: String,
    },
}

pub const DEFAULT_DEMO_PASSWORD: &str = "northshire kettle orchard";

pub fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("COPRODUCE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve { store, server } => serve(store, server, false, None).await,
        Command::Demo {
            store,
            server,
            demo_password,
        } => serve(store, server, true, Some(demo_password)).await,
        Command::Migrate { store } => {
            let opened = store.open_store().await?;
            println!("The {} database is up to date.", opened.engine().name());
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    store,
                    org,
                    email,
                    role,
                    name,
                },
        } => add_user(store, &org, &email, &role, name.as_deref()).await,
        Command::Token {
            command:
                TokenCommand::Create {
                    store,
                    email,
                    label,
                },
        } => {
            let services = store.services(&offline_base_url()).await?;
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("{}", e.message))?;
            let token = api_tokens::create(&services, &email, &label)
                .await
                .map_err(explain)?;
            println!("{token}");
            eprintln!("Keep this token secret. It is shown only once.");
            Ok(())
        }
        Command::Bench {
            database_url,
            requests,
            concurrency,
            people,
        } => {
            crate::bench::run(
                database_url,
                requests.max(1),
                concurrency.clamp(1, 256),
                people.min(3000),
            )
            .await
        }
        Command::Openapi => {
            println!("{}", coproduce_web::openapi_document());
            Ok(())
        }
        Command::Backup { store, to } => {
            let opened = store.open_store().await?;
            opened.backup_sqlite(&to).await?;
            println!("Copied the database to {}.", to.display());
            Ok(())
        }
    }
}

async fn serve(
    store: StoreArgs,
    server: ServerArgs,
    is_demo: bool,
    demo_password: Option<String>,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(server.addr)
        .await
        .with_context(|| format!("could not listen on {}", server.addr))?;
    let bound = listener.local_addr()?;
    let opened = store.open_store().await?;
    let mut settings = Settings::new(server.base_url(bound), store.secret_key()?, store.outbox());
    settings.mail = server.mail()?;
    let services = Services::new(opened, settings);
    let accounts = match &demo_password {
        Some(password) => Some(
            demo::seed(&services, password, demo::DemoSize::FULL)
                .await
                .map_err(explain)?,
        ),
        None => None,
    };
    let base_url = services.settings.base_url.clone();
    let engine = services.store.engine().name();
    let config = WebConfig {
        demo: is_demo,
        ..WebConfig::default()
    };
    let app = Application::build(services, listener, config).await?;
    println!("Coproduce is running at {base_url} on {engine}. Press Ctrl+C to stop.");
    match accounts {
        Some(Some(accounts)) => {
            println!(
                "\nThe demo partnership is ready. Sign in at {base_url}/sign-in with any of these:"
            );
            for account in accounts {
                println!(
                    "  {:<40} {} ({}, {})",
                    account.email,
                    account.role.label(),
                    account.name,
                    account.organisation
                );
            }
            println!(
                "Password for every account: {}",
                demo_password.unwrap_or_default()
            );
        }
        Some(None) => println!(
            "The store already holds data, so it is served as it is. Demo accounts keep the password they were given."
        ),
        None => {}
    }
    app.run_until(shutdown_signal()).await
}

async fn add_user(
    store: StoreArgs,
    org: &str,
    email: &str,
    role: &str,
    name: Option<&str>,
) -> anyhow::Result<()> {
    let services = store.services(&offline_base_url()).await?;
    let slug = Slug::parse(org).map_err(|e| anyhow::anyhow!("--org: {}", e.message))?;
    let organisation = match services.store.organisation_by_slug(&slug).await {
        Ok(organisation) => organisation,
        Err(coproduce_store::StoreError::NotFound) => {
            bail!("there is no organisation with the short name {org}")
        }
        Err(error) => return Err(error.into()),
    };
    let name = name.map_or_else(
        || email.split('@').next().unwrap_or(email).to_owned(),
        str::to_owned,
    );
    let new = NewStaff::parse(organisation.id, email, &name, role).map_err(explain)?;
    let (_, link) = staff::add(&services, None, new).await.map_err(explain)?;
    println!("Added {email} to {} as {role}.", organisation.name);
    println!("Send them this link to choose a password. It works once, for 7 days:\n{link}");
    Ok(())
}

/// Turns a service's refusal into a message for the person at the terminal.
fn explain(error: ServiceError) -> anyhow::Error {
    match error {
        ServiceError::Invalid(fields) => anyhow::anyhow!(
            "{}",
            fields
                .into_iter()
                .map(|(field, message)| format!("--{}: {message}", field.replace('_', "-")))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        other => anyhow::anyhow!(other),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("stopping: finishing the requests in flight");
}
