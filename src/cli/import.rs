//! `ftlkit import FILE`: translations from a CAT tool's XLIFF or PO written
//! back into the locale's Fluent files, all or nothing.

use super::{Format, Outcome};
use ftlkit::report;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// The .po or .xlf/.xliff file (its language says which locale).
    pub file: PathBuf,
    /// The locale, for a file that does not say (checked against it when it does).
    #[arg(long)]
    pub locale: Option<String>,
    /// Say what would change and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// How to print the result.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    let project = super::project(root)?;
    let report =
        ftlkit::exchange::run::import(&project, &args.file, args.locale.as_deref(), args.dry_run)?;
    super::to_stdout(|out| match args.format {
        Format::Human => report::exchange::human(out, &report),
        Format::Json => report::json(out, &report),
    })?;
    if report.refused.is_empty() {
        super::to_stderr(|err| report::exchange::errors(err, &report))?;
        Ok(Outcome::Success)
    } else {
        super::to_stderr(|err| report::exchange::refusals(err, &report))?;
        Ok(Outcome::Findings)
    }
}
