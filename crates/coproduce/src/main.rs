//! The `coproduce` command. It only reads the command line, sets up logging
//! and calls the library.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = coproduce::cli::Cli::parse();
    coproduce::cli::init_logging(cli.json_logs);
    match coproduce::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("coproduce: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
