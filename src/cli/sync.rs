//! `ftlkit sync`: locale files brought in line with the reference.

use super::{Format, Outcome};
use ftlkit::report;
use ftlkit::report::sync::Mode;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Locales to sync (default: all).
    pub locales: Vec<String>,
    /// Remove obsolete messages instead of moving them to the end.
    #[arg(long)]
    pub prune: bool,
    /// Fill missing messages with the translation memory's 100% matches
    /// (the same English, or the same but for placeables and numbers), each
    /// marked stale for review.
    #[arg(long)]
    pub fill_exact: bool,
    /// Print the diff and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// How to print the result.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    let project = super::project(root)?;
    let reports = ftlkit::sync::run::sync(&project, &args.locales, args.prune, args.dry_run)?;
    let (filled, warnings) = if args.fill_exact {
        ftlkit::memory::fill::fill_exact(&project, &args.locales, args.dry_run)?
    } else {
        Default::default()
    };
    super::memory_warnings(&warnings)?;
    let mode = Mode {
        prune: args.prune,
        dry_run: args.dry_run,
    };
    super::to_stdout(|out| match args.format {
        Format::Human => report::sync::human(out, &reports, &project, mode)
            .and_then(|()| report::sync::filled(out, &filled, args.dry_run)),
        Format::Json => report::sync::json(out, &reports, &filled, &project, mode),
    })?;
    super::to_stderr(|err| report::sync::warnings(err, &reports, &project))?;
    Ok(Outcome::Success)
}
