//! The store's promises, checked on SQLite always and on PostgreSQL when a
//! test server is configured.

use coproduce_domain::{Email, OrganisationKind, Role, Slug};
use coproduce_store::{AuditEvent, Engine, Store, StoreError, testing};

async fn sqlite_store(dir: &tempfile::TempDir) -> Store {
    Store::open(None, dir.path())
        .await
        .expect("open SQLite store")
}

async fn postgres_store() -> Option<Store> {
    if std::env::var(testing::POSTGRES_URL_VARIABLE).is_err() {
        return None;
    }
    let url = testing::fresh_postgres_database().await;
    Some(
        Store::open(Some(&url), std::path::Path::new("."))
            .await
            .expect("open PostgreSQL store"),
    )
}

/// Runs `story` against every engine available here.
async fn on_each_engine<F, Fut>(story: F)
where
    F: Fn(Store) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let dir = tempfile::tempdir().expect("temp dir");
    story(sqlite_store(&dir).await).await;
    if let Some(store) = postgres_store().await {
        story(store).await;
    } else if testing::wants_postgres() {
        panic!(
            "PostgreSQL was asked for but {} is not set",
            testing::POSTGRES_URL_VARIABLE
        );
    }
}

#[tokio::test]
async fn both_engines_have_the_same_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = sqlite_store(&dir)
        .await
        .schema_shape()
        .await
        .expect("shape");
    assert!(sqlite.tables.contains_key("users"));
    assert!(sqlite.constraints.contains("users_role_check"));
    assert!(sqlite.indexes.contains("users_email_key"));
    let Some(postgres) = postgres_store().await else {
        assert!(
            !testing::wants_postgres(),
            "PostgreSQL asked for but not configured"
        );
        return;
    };
    let postgres = postgres.schema_shape().await.expect("shape");
    assert_eq!(sqlite.tables, postgres.tables, "tables and columns differ");
    assert_eq!(
        sqlite.constraints, postgres.constraints,
        "constraint names differ"
    );
    assert_eq!(sqlite.indexes, postgres.indexes, "index names differ");
}

#[tokio::test]
async fn unique_conflicts_name_the_same_constraint() {
    on_each_engine(|store| async move {
        let mut tx = store.begin().await.expect("begin");
        let org = tx
            .insert_organisation(&Slug::parse("north").expect("slug"), "North", OrganisationKind::Council, 1)
            .await
            .expect("organisation");
        let email = Email::parse("a@example.org").expect("email");
        tx.insert_user(org, &email, "A", Role::Admin, 1).await.expect("user");
        let again = tx.insert_user(org, &email, "B", Role::Lead, 1).await;
        assert!(
            matches!(&again, Err(StoreError::Conflict { constraint }) if constraint == "users_email_key"),
            "{:?}: {again:?}",
            store.engine()
        );
    })
    .await;
}

#[tokio::test]
async fn the_audit_trail_cannot_be_changed() {
    on_each_engine(|store| async move {
        let mut tx = store.begin().await.expect("begin");
        let event = AuditEvent {
            actor: None,
            actor_label: "test",
            organisation: None,
            action: "thing.create",
            record_type: "thing",
            record_id: Some(1),
            detail: "",
        };
        tx.audit(event, 1).await.expect("append");
        tx.commit().await.expect("commit");
        let mut tx = store.begin().await.expect("begin");
        let change = sqlx_free_update(&mut tx).await;
        assert!(
            change.is_err(),
            "{:?}: the audit trail was changed",
            store.engine()
        );
        assert_eq!(
            store.audit_of_record("thing", 1).await.expect("read").len(),
            1
        );
    })
    .await;
}

/// Tries to rewrite history through the only write path the store offers
/// for it: there is none, so this goes through a raw statement.
async fn sqlx_free_update(tx: &mut coproduce_store::Tx) -> Result<(), StoreError> {
    tx.execute_raw_for_tests("UPDATE audit_events SET detail = 'changed'")
        .await
}

#[tokio::test]
async fn a_job_is_claimed_once() {
    on_each_engine(|store| async move {
        let mut tx = store.begin().await.expect("begin");
        tx.enqueue_job("email", "{}", 10).await.expect("enqueue");
        tx.commit().await.expect("commit");
        let first = store.claim_job(10).await.expect("claim");
        assert!(first.is_some());
        assert!(
            store.claim_job(11).await.expect("claim").is_none(),
            "claimed twice"
        );
        store
            .finish_job(first.expect("job").id, 12)
            .await
            .expect("finish");
        assert_eq!(store.pending_jobs().await.expect("count"), 0);
    })
    .await;
}

#[tokio::test]
async fn engines_are_chosen_by_url() {
    let dir = tempfile::tempdir().expect("temp dir");
    assert_eq!(sqlite_store(&dir).await.engine(), Engine::Sqlite);
    assert!(dir.path().join("coproduce.db").exists());
    let bad = Store::open(Some("mysql://x"), dir.path()).await;
    assert!(matches!(bad, Err(StoreError::Config(_))));
}
