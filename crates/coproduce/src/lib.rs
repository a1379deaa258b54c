//! The `coproduce` command line, as a library so that tests can drive it.

pub mod bench;
pub mod cli;
pub mod config;
