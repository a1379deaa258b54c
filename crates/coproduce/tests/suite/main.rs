//! The black-box suite: it starts the real application on a random port
//! with a fresh store and acts as people and programs would, over HTTP and
//! through the `coproduce` command. It runs on SQLite, or on PostgreSQL
//! when `COPRODUCE_TEST_ENGINE=postgres` (see scripts/test.sh).

mod activities_api;
mod activities_pages;
mod already_asked;
mod api;
mod cli;
mod helpers;
mod import;
mod insights;
mod insights_api;
mod insights_pages;
mod operations;
mod payments_api;
mod payments_pages;
mod permissions;
mod person_payments;
mod projects;
mod projects_api;
mod public_projects;
mod register;
mod replies;
mod sign_in;
mod smtp;
mod suggestions;
mod writing;
mod you_said_pages;
