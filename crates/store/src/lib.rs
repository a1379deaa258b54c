//! Coproduce's persistence.
//!
//! [`Store`] is the one door to the database. It speaks domain types in and
//! out; no caller sees SQL, rows or which engine is behind it. The engine is
//! chosen once, from the database URL, when the store is opened:
//!
//! - SQLite (the default): a file in the data folder, in WAL mode with
//!   foreign keys on, one writer connection and a pool of readers.
//! - PostgreSQL, for a `postgres://` URL: one pool shared by reads and
//!   writes, and shared by every `coproduce serve` process.
//!
//! Reads go through [`Store`]; every write goes through a [`Tx`], so that a
//! change, its audit entry and any job it causes commit together or not at
//! all.

mod activities;
mod audit;
mod calendar_feeds;
mod codes;
mod decisions;
mod engine;
mod error;
mod imports;
mod insights;
mod jobs;
mod matching;
mod organisations;
mod pay_items;
mod payments;
mod people;
mod projects;
mod schema;
mod sessions;
mod tokens;
mod users;
mod you_said;

pub use activities::{ActivitySummary, AdjustmentRecord, InvitationRecord};
pub use audit::{AuditEntry, AuditEvent};
pub use calendar_feeds::DueReminder;
pub use decisions::DecisionRecord;
pub use engine::Engine;
pub use error::StoreError;
pub use imports::ImportBatch;
pub use insights::{
    AttachmentFile, AttachmentInfo, InsightHit, InsightRecord, NewAttachment, SEARCH_DEPTH, Viewer,
};
pub use jobs::Job;
pub use matching::{CandidateRow, CandidateTagRow, PersonFigure};
pub use pay_items::{
    ClaimRecord, FeeAdjustment, FeeRecord, ItemFilter, ItemKind, NewClaim, NewFee, PayLine,
    Progress, ReceiptFile, ReceiptInfo, RunRecord, RunStatus, SubmittedVia, Tally,
};
pub use payments::{LimitRecord, PaymentPreferences, RateRecord};
pub use people::{
    ConsentRecord, EQUALITY_COLUMNS, HistoryEntry, NewPersonRecord, OnboardingItem, StatusChange,
};
pub use projects::{
    AgreementVersion, LadderCount, NewProject, ProjectMember, RungChange, RungKind,
};
pub use schema::SchemaShape;
pub use sessions::SessionRecord;
pub use users::Credentials;
pub use you_said::{
    AskedRecord, CheckSubject, Listener, ProjectLike, SaidFilter, SaidRecord, SaidUpdate,
};

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// How many read connections SQLite gets. Writes are serialised through one
/// connection anyway, so a few readers are plenty on a small server.
const SQLITE_READERS: u32 = 4;
const POSTGRES_CONNECTIONS: u32 = 10;

/// The database behind Coproduce. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    engine: Engine,
    read: AnyPool,
    write: AnyPool,
    /// SQLite names the columns of a failed unique index, not the index;
    /// this maps "table.column, ..." back to the index's name so that both
    /// engines report the same constraint.
    sqlite_unique_indexes: Arc<HashMap<String, String>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("engine", &self.engine)
            .finish()
    }
}

impl Store {
    /// Opens the store named by `database_url`, or the SQLite file
    /// `coproduce.db` inside `data_dir` when no URL is given, and brings its
    /// schema up to date.
    #[tracing::instrument(skip_all, fields(engine))]
    pub async fn open(database_url: Option<&str>, data_dir: &Path) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let store = match database_url {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Self::open_postgres(url).await?
            }
            Some(url) if url.starts_with("sqlite:") => Self::open_sqlite(url).await?,
            Some(_) => {
                return Err(StoreError::Config(
                    "the database URL must start with postgres:// or sqlite:".into(),
                ));
            }
            None => {
                std::fs::create_dir_all(data_dir).map_err(|e| {
                    StoreError::Config(format!("cannot create the data folder: {e}"))
                })?;
                let path = data_dir.join("coproduce.db");
                Self::open_sqlite(&format!("sqlite://{}?mode=rwc", path.display())).await?
            }
        };
        tracing::Span::current().record("engine", store.engine.name());
        store.migrate().await?;
        store.load_sqlite_unique_indexes().await
    }

    async fn open_postgres(url: &str) -> Result<Self> {
        let options: AnyConnectOptions = url.parse()?;
        let pool = AnyPoolOptions::new()
            .max_connections(POSTGRES_CONNECTIONS)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Self {
            engine: Engine::Postgres,
            read: pool.clone(),
            write: pool,
            sqlite_unique_indexes: Arc::default(),
        })
    }

    async fn open_sqlite(url: &str) -> Result<Self> {
        let options: AnyConnectOptions = url.parse()?;
        let pool = |max: u32| {
            AnyPoolOptions::new()
                .max_connections(max)
                .acquire_timeout(Duration::from_secs(10))
                .after_connect(|conn, _meta| {
                    Box::pin(async move {
                        // Per-connection settings. WAL lets readers work while
                        // the writer writes; the busy timeout makes a second
                        // process wait for the write lock rather than fail.
                        conn.execute(
                            "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                             PRAGMA synchronous = NORMAL;",
                        )
                        .await?;
                        Ok(())
                    })
                })
        };
        let write = pool(1).connect_with(options.clone()).await?;
        // WAL is a property of the database file: set once, it stays.
        write.execute("PRAGMA journal_mode = WAL").await?;
        let read = pool(SQLITE_READERS).connect_with(options).await?;
        Ok(Self {
            engine: Engine::Sqlite,
            read,
            write,
            sqlite_unique_indexes: Arc::default(),
        })
    }

    async fn migrate(&self) -> Result<()> {
        let migrator = match self.engine {
            Engine::Sqlite => &SQLITE_MIGRATIONS,
            Engine::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.write).await?;
        Ok(())
    }

    async fn load_sqlite_unique_indexes(mut self) -> Result<Self> {
        if self.engine == Engine::Sqlite {
            let map = schema::sqlite_unique_index_columns(&self.read).await?;
            self.sqlite_unique_indexes = Arc::new(map);
        }
        Ok(self)
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Starts a transaction for writing.
    pub async fn begin(&self) -> Result<Tx> {
        let tx = self.write.begin().await?;
        Ok(Tx {
            tx,
            engine: self.engine,
            sqlite_unique_indexes: self.sqlite_unique_indexes.clone(),
        })
    }

    /// Answers when the database does: for the health check.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }

    /// Writes a consistent copy of a SQLite store to `to` while it stays
    /// online. PostgreSQL has its own tools for this (pg_dump).
    pub async fn backup_sqlite(&self, to: &Path) -> Result<()> {
        if self.engine != Engine::Sqlite {
            return Err(StoreError::Config(
                "backup copies SQLite stores only: for PostgreSQL use pg_dump".into(),
            ));
        }
        if to.exists() {
            return Err(StoreError::Config(format!(
                "{} already exists: choose a new file name",
                to.display()
            )));
        }
        sqlx::query("VACUUM INTO $1")
            .bind(to.display().to_string())
            .execute(&self.write)
            .await?;
        Ok(())
    }

    /// The tables, columns and constraint names of the live schema, so that
    /// a test can prove both engines have the same shape.
    pub async fn schema_shape(&self) -> Result<SchemaShape> {
        schema::shape(self.engine, &self.read).await
    }

    /// True when nothing has been stored yet (no organisations).
    pub async fn is_empty(&self) -> Result<bool> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
            .fetch_one(&self.read)
            .await?;
        Ok(count == 0)
    }

    /// Closes every connection, waiting for work in flight.
    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}

/// A write transaction. Dropped without [`Tx::commit`], it rolls back.
pub struct Tx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    engine: Engine,
    sqlite_unique_indexes: Arc<HashMap<String, String>>,
}

impl Tx {
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }

    /// Turns a database error into [`StoreError`], naming the constraint
    /// the same way on both engines.
    fn error(&self, error: sqlx::Error) -> StoreError {
        error::classify(error, self.engine, &self.sqlite_unique_indexes)
    }

    /// Runs a raw statement. Only for tests that prove the database refuses
    /// something; the rest of the code base writes through typed methods.
    #[doc(hidden)]
    pub async fn execute_raw_for_tests(&mut self, sql: &'static str) -> Result<()> {
        sqlx::query(sql)
            .execute(&mut *self.tx)
            .await
            .map_err(|e| self.error(e))?;
        Ok(())
    }
}

/// Test support: fresh, empty databases for each test.
pub mod testing {
    use sqlx::{Connection, Executor};

    /// The PostgreSQL server tests may use, if any.
    pub const POSTGRES_URL_VARIABLE: &str = "COPRODUCE_TEST_POSTGRES_URL";

    /// Which engine the test suite runs on: PostgreSQL when
    /// `COPRODUCE_TEST_ENGINE=postgres`, otherwise SQLite.
    pub fn wants_postgres() -> bool {
        std::env::var("COPRODUCE_TEST_ENGINE").is_ok_and(|e| e == "postgres")
    }

    /// Creates an empty database on the test PostgreSQL server and returns
    /// its URL. Panics when the server is not configured: a test asked for
    /// PostgreSQL and must not quietly pass without it.
    pub async fn fresh_postgres_database() -> String {
        let base = std::env::var(POSTGRES_URL_VARIABLE).unwrap_or_else(|_| {
            panic!("COPRODUCE_TEST_ENGINE=postgres needs {POSTGRES_URL_VARIABLE}")
        });
        sqlx::any::install_default_drivers();
        let name = format!("coproduce_test_{}", random_suffix());
        let mut admin = sqlx::AnyConnection::connect(&base)
            .await
            .expect("connect to the test PostgreSQL server");
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create a test database");
        admin.close().await.ok();
        let (server, _database) = base.rsplit_once('/').expect("a URL with a database name");
        format!("{server}/{name}")
    }

    fn random_suffix() -> String {
        use std::time::{SystemTime, UNIX_EPOCH};
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        format!("{}_{}_{}", std::process::id(), nanos % 1_000_000_000_000, n)
    }
}
