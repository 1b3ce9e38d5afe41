//! `ftlkit init LOCALE`: a new locale's template files, added to the `locales` list of
//! ftlkit.toml when it has one (without one, the locales are its folders).

use super::{Format, Outcome};
use ftlkit::report;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// BCP 47 locale id, e.g. `de` or `ar-IQ`.
    pub locale: String,
    /// How to print the result.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    let project = super::project(root)?;
    let created = ftlkit::sync::run::init(&project, &args.locale)?;
    super::to_stdout(|out| match args.format {
        Format::Human => report::init::human(out, &created, &project, &args.locale),
        Format::Json => report::init::json(out, &created, &project, &args.locale),
    })?;
    Ok(Outcome::Success)
}
