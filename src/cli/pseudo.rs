//! `ftlkit pseudo`: the pseudo-locales' files under `locales/`.

use super::{Format, Outcome};
use ftlkit::report;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// How to print the result.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    let project = super::project(root)?;
    let written = ftlkit::pseudo::run::write_pseudo(&project)?;
    super::to_stdout(|out| match args.format {
        Format::Human => report::pseudo::human(out, &written, &project),
        Format::Json => report::pseudo::json(out, &written, &project),
    })?;
    Ok(Outcome::Success)
}
