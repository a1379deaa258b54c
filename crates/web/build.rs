//! Builds the stylesheet and scripts from the pinned GOV.UK Frontend npm
//! package, so that the binary carries them and serves them itself.

use std::path::Path;
use std::process::Command;

fn main() {
    let frontend = Path::new("frontend");
    for file in [
        "package.json",
        "package-lock.json",
        "app.scss",
        "app.js",
        "build.mjs",
    ] {
        println!("cargo::rerun-if-changed=frontend/{file}");
    }
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    if !frontend
        .join("node_modules/govuk-frontend/package.json")
        .exists()
        || !frontend.join("node_modules/sass/package.json").exists()
    {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(frontend));
    }
    run(Command::new("node")
        .arg("build.mjs")
        .arg(&out_dir)
        .current_dir(frontend));
}

fn run(command: &mut Command) {
    let status = command.status().unwrap_or_else(|e| {
        panic!("could not run {command:?}: {e}. Node.js and npm are needed to build Coproduce")
    });
    assert!(status.success(), "{command:?} failed with {status}");
}
