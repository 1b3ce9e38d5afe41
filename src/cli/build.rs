//! `ftlkit build`: every document in every published locale to the output folder.

use super::{Format, Outcome};
use ftlkit::build::BuildOptions;
use ftlkit::report;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Write here instead of the configured output folder.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Also build the pseudo-locales en-XA (accented, longer) and ar-XB (right-to-left).
    #[arg(long)]
    pub pseudo: bool,
    /// How to print the result.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    let mut project = super::project(root)?;
    if let Some(output) = &args.output {
        project.output_dir = output.clone();
    }
    // Progress on a terminal only; a failed write of it is not worth stopping for.
    let show = |done: usize, total: usize| {
        let _ = report::build::progress(&mut std::io::stderr().lock(), done, total);
    };
    let options = BuildOptions {
        pseudo: args.pseudo,
        progress: if std::io::stderr().is_terminal() {
            Some(&show)
        } else {
            None
        },
    };
    let report = ftlkit::build::build_with(&project, &options)?;
    super::to_stderr(|err| {
        report::extract::skipped_files(err, &report.skipped_files, &project)?;
        report::build::warnings(err, &report)
    })?;
    super::to_stdout(|out| match args.format {
        Format::Human => report::build::human(out, &report, &project),
        Format::Json => report::build::json(out, &report, &project),
    })?;
    Ok(Outcome::Success)
}
