#!/usr/bin/env bash
# Runs every test Coproduce has, installing what they need first:
#   1. formatting and lints;
#   2. the Rust suite on SQLite;
#   3. the same suite on PostgreSQL, when a server is reachable
#      (COPRODUCE_TEST_POSTGRES_URL, or the local default);
#   4. the browser suite: accessibility, valid HTML, keyboard-only and
#      no-JavaScript journeys, small screens (see e2e/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s ==\n' "$*"; }

if ! cargo nextest --version >/dev/null 2>&1; then
  step "Installing cargo-nextest"
  cargo install cargo-nextest --locked
fi

step "Formatting and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests on SQLite"
cargo nextest run --workspace --locked

default_pg="postgres://postgres@127.0.0.1:5432/test"
pg_url="${COPRODUCE_TEST_POSTGRES_URL:-}"
if [ -z "$pg_url" ] && command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_url="$default_pg"
fi
rm -f target/postgres-suite-passed
if [ -n "$pg_url" ]; then
  step "Rust tests on PostgreSQL"
  # Each test makes its own database; remove those of earlier runs.
  if command -v psql >/dev/null 2>&1; then
    psql "$pg_url" -tAc "SELECT datname FROM pg_database WHERE datname LIKE 'coproduce_test_%'" 2>/dev/null |
      while read -r name; do psql "$pg_url" -qc "DROP DATABASE IF EXISTS \"$name\"" >/dev/null 2>&1 || true; done
  fi
  COPRODUCE_TEST_ENGINE=postgres COPRODUCE_TEST_POSTGRES_URL="$pg_url" cargo nextest run --workspace --locked
  touch target/postgres-suite-passed
else
  step "Rust tests on PostgreSQL: skipped, no server at 127.0.0.1:5432 (set COPRODUCE_TEST_POSTGRES_URL)"
fi

step "OpenAPI document"
cargo build --locked --bin coproduce
venv=target/tools-venv
if [ ! -x "$venv/bin/openapi-spec-validator" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "openapi-spec-validator==0.9.0"
fi
target/debug/coproduce openapi > target/openapi.json
"$venv/bin/openapi-spec-validator" target/openapi.json

step "Browser tests"
bash e2e/setup.sh
node e2e/run.mjs --binary target/debug/coproduce
