//! What the live schema looks like, read back from each engine's catalogue.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sqlx::{AnyPool, Row};

use crate::{Engine, Result};

/// Tables with their columns, and every named constraint and index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SchemaShape {
    pub tables: BTreeMap<String, BTreeSet<String>>,
    pub constraints: BTreeSet<String>,
    pub indexes: BTreeSet<String>,
}

/// Tables each engine shapes its own way: the full-text search index is
/// an FTS5 virtual table on SQLite and a tsvector table on PostgreSQL.
const ENGINE_OWN: &str = "insight_search";

pub(crate) async fn shape(engine: Engine, pool: &AnyPool) -> Result<SchemaShape> {
    let mut shape = match engine {
        Engine::Sqlite => sqlite_shape(pool).await?,
        Engine::Postgres => postgres_shape(pool).await?,
    };
    shape.tables.retain(|name, _| !name.starts_with(ENGINE_OWN));
    shape
        .constraints
        .retain(|name| !name.starts_with(ENGINE_OWN));
    shape.indexes.retain(|name| !name.starts_with(ENGINE_OWN));
    Ok(shape)
}

async fn sqlite_shape(pool: &AnyPool) -> Result<SchemaShape> {
    let mut shape = SchemaShape::default();
    let rows = sqlx::query(
        "SELECT type, name, tbl_name, COALESCE(sql, '') AS sql FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
    )
    .fetch_all(pool)
    .await?;
    for row in rows {
        let kind: String = row.try_get("type")?;
        let name: String = row.try_get("name")?;
        let sql: String = row.try_get("sql")?;
        match kind.as_str() {
            "table" => {
                let columns = sqlx::query("SELECT name FROM pragma_table_info($1)")
                    .bind(&name)
                    .fetch_all(pool)
                    .await?
                    .into_iter()
                    .map(|c| c.try_get::<String, _>("name"))
                    .collect::<Result<BTreeSet<_>, _>>()?;
                shape.constraints.extend(constraint_names(&sql));
                shape.tables.insert(name, columns);
            }
            "index" => {
                shape.indexes.insert(name);
            }
            _ => {}
        }
    }
    Ok(shape)
}

/// The names in `CONSTRAINT name` clauses of a CREATE TABLE statement.
fn constraint_names(sql: &str) -> Vec<String> {
    let words: Vec<&str> = sql.split_whitespace().collect();
    words
        .windows(2)
        .filter(|pair| pair[0].eq_ignore_ascii_case("CONSTRAINT"))
        .map(|pair| {
            pair[1]
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '_')
                .to_owned()
        })
        .collect()
}

async fn postgres_shape(pool: &AnyPool) -> Result<SchemaShape> {
    let mut shape = SchemaShape::default();
    let columns = sqlx::query(
        "SELECT table_name::text AS table_name, column_name::text AS column_name \
         FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(pool)
    .await?;
    for row in columns {
        let table: String = row.try_get("table_name")?;
        let column: String = row.try_get("column_name")?;
        shape.tables.entry(table).or_default().insert(column);
    }
    let constraints = sqlx::query(
        "SELECT c.conname::text AS name FROM pg_constraint c \
         JOIN pg_class t ON t.oid = c.conrelid \
         WHERE t.relnamespace = current_schema()::regnamespace \
         AND t.relname NOT LIKE '\\_sqlx%' AND c.contype IN ('p', 'u', 'f', 'c')",
    )
    .fetch_all(pool)
    .await?;
    for row in constraints {
        shape.constraints.insert(row.try_get("name")?);
    }
    let indexes = sqlx::query(
        "SELECT indexname::text AS name FROM pg_indexes \
         WHERE schemaname = current_schema() AND tablename NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(pool)
    .await?;
    for row in indexes {
        let name: String = row.try_get("name")?;
        // Primary keys carry an index of the same name; SQLite keeps those
        // inside the table, so they are compared as constraints only.
        if !shape.constraints.contains(&name) {
            shape.indexes.insert(name);
        }
    }
    Ok(shape)
}

/// Maps the "table.column, table.column" text SQLite gives when a unique
/// index refuses a row to that index's name.
pub(crate) async fn sqlite_unique_index_columns(pool: &AnyPool) -> Result<HashMap<String, String>> {
    let indexes = sqlx::query(
        "SELECT m.tbl_name AS table_name, i.name AS index_name \
         FROM sqlite_master m, pragma_index_list(m.name) i \
         WHERE m.type = 'table' AND i.\"unique\" = 1 AND i.origin = 'c'",
    )
    .fetch_all(pool)
    .await?;
    let mut map = HashMap::new();
    for row in indexes {
        let table: String = row.try_get("table_name")?;
        let index: String = row.try_get("index_name")?;
        let columns: Vec<String> =
            sqlx::query("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                .bind(&index)
                .fetch_all(pool)
                .await?
                .into_iter()
                .map(|r| {
                    r.try_get::<String, _>("name")
                        .map(|c| format!("{table}.{c}"))
                })
                .collect::<Result<_, _>>()?;
        map.insert(columns.join(", "), index);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_constraint_names() {
        let sql = "CREATE TABLE t (id INTEGER CONSTRAINT t_pkey PRIMARY KEY, \
                   kind TEXT CONSTRAINT t_kind_check CHECK (kind IN ('a')))";
        assert_eq!(super::constraint_names(sql), ["t_pkey", "t_kind_check"]);
    }
}
