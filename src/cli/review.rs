//! `ftlkit review LOCALE ID…|--all`: a person checked these translations.

use super::{Format, Outcome};
use ftlkit::report;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// The locale whose translations were reviewed.
    pub locale: String,
    /// Ids of the translations reviewed (stale ones are accepted too).
    #[arg(required_unless_present = "all")]
    pub ids: Vec<String>,
    /// Every translation of the locale.
    #[arg(long, conflicts_with = "ids")]
    pub all: bool,
    /// Say what would be recorded and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// How to print the result.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    let project = super::project(root)?;
    let reviewed =
        ftlkit::state::accept::review(&project, &args.locale, &args.ids, args.all, args.dry_run)?;
    super::to_stdout(|out| match args.format {
        Format::Human => report::accept::reviewed(out, &reviewed, args.dry_run),
        Format::Json => report::json(
            out,
            &serde_json::json!({
                "locale": reviewed.locale,
                "reviewed": reviewed.accepted,
                "already": reviewed.not_stale,
            }),
        ),
    })?;
    Ok(Outcome::Success)
}
