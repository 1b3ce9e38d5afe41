//! `ftlkit accept LOCALE ID…`: stale translations reviewed and still right.

use super::{Format, Outcome};
use ftlkit::report;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// The locale whose translations were reviewed.
    pub locale: String,
    /// Ids of stale translations that need no change (see `ftlkit status --untranslated LOCALE`).
    #[arg(required_unless_present = "all")]
    pub ids: Vec<String>,
    /// Every stale translation of the locale.
    #[arg(long, conflicts_with = "ids")]
    pub all: bool,
    /// Say what would be accepted and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// How to print the result.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    let project = super::project(root)?;
    let accepted =
        ftlkit::state::accept::accept(&project, &args.locale, &args.ids, args.all, args.dry_run)?;
    super::to_stdout(|out| match args.format {
        Format::Human => report::accept::human(out, &accepted, args.dry_run),
        Format::Json => report::json(out, &accepted),
    })?;
    Ok(Outcome::Success)
}
