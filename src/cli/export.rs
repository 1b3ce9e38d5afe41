//! `ftlkit export LOCALE`: a locale as XLIFF 1.2 or PO for a CAT tool.

use super::Outcome;
use ftlkit::exchange::run::{ExportOptions, Format};
use ftlkit::exchange::UnitState;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FileFormat {
    Xliff,
    Po,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Only {
    Missing,
    Stale,
    Translated,
}

#[derive(clap::Args)]
pub struct Args {
    /// The locale to hand out.
    pub locale: String,
    /// The file format (default: from the -o file's extension, else xliff).
    #[arg(long, value_enum)]
    pub format: Option<FileFormat>,
    /// One document (default: all).
    #[arg(long)]
    pub doc: Option<String>,
    /// Only these units (comma-separated: missing, stale, translated).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub only: Vec<Only>,
    /// Leave out the translation memory's matches (XLIFF `<alt-trans>`, PO
    /// translator comments).
    #[arg(long)]
    pub no_memory: bool,
    /// Write to this file (default: stdout).
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    let project = super::project(root)?;
    let format = match args.format {
        Some(FileFormat::Po) => Format::Po,
        Some(FileFormat::Xliff) => Format::Xliff,
        None => args
            .output
            .as_deref()
            .and_then(Format::of_path)
            .unwrap_or(Format::Xliff),
    };
    let options = ExportOptions {
        doc: args.doc.clone(),
        only: args
            .only
            .iter()
            .map(|o| match o {
                Only::Missing => UnitState::New,
                Only::Stale => UnitState::NeedsReview,
                Only::Translated => UnitState::Translated,
            })
            .collect(),
    };
    let catalog = if args.no_memory {
        ftlkit::exchange::run::catalog(&project, &args.locale, &options)?
    } else {
        let (catalog, warnings) =
            ftlkit::memory::run::export_catalog(&project, &args.locale, &options)?;
        super::memory_warnings(&warnings)?;
        catalog
    };
    let text = ftlkit::exchange::run::write(format, &catalog);
    match &args.output {
        Some(path) => ftlkit::fsutil::write_atomic(path, text.as_bytes())?,
        None => super::to_stdout_raw(|out| out.write_all(text.as_bytes()))?,
    }
    Ok(Outcome::Success)
}
