//! `ftlkit extract`: every document into the source locale's messages.

use super::{Format, Outcome};
use ftlkit::report;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// How to print the result.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Write nothing; list the files extract would add, change or remove and
    /// exit 1 if there are any (for CI: a document edited without extract).
    #[arg(long)]
    pub check: bool,
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    let project = super::project(root)?;
    if args.check {
        let pending = ftlkit::extract::check::pending(&project)?;
        super::to_stdout(|out| match args.format {
            Format::Human => report::extract::pending(out, &pending),
            Format::Json => report::json(out, &serde_json::json!({ "pending": pending })),
        })?;
        return Ok(if pending.is_empty() {
            Outcome::Success
        } else {
            Outcome::Findings
        });
    }
    let reports = ftlkit::extract::run::extract(&project)?;
    let skipped = project.scan_documents()?.skipped;
    super::to_stderr(|err| report::extract::skipped_files(err, &skipped, &project))?;
    super::to_stdout(|out| match args.format {
        Format::Human => report::extract::human(out, &reports, &project),
        Format::Json => report::extract::json(out, &reports, &project),
    })?;
    Ok(Outcome::Success)
}
