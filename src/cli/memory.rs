//! `ftlkit memory`: a locale's translation memory written as TMX 1.4b for
//! another project or a CAT tool, and searched for a phrase (concordance).

use super::{Format, Outcome};
use ftlkit::memory::{run as memory_run, tmx};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: MemoryCommand,
}

#[derive(clap::Subcommand)]
pub enum MemoryCommand {
    /// Write a locale's memory (every translated message's English and
    /// translation, the English stale translations were made from, and the
    /// configured TMX files' units) as TMX 1.4b.
    Export {
        /// The locale whose memory to write.
        locale: String,
        /// Write to this file (default: stdout).
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
    },
    /// Every memory entry of a locale whose English or translation contains a
    /// phrase (case ignored).
    Search {
        locale: String,
        phrase: String,
        /// The most entries shown.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    let project = super::project(root)?;
    match &args.command {
        MemoryCommand::Export { locale, output } => {
            let loaded = memory_run::load(&project, locale)?;
            super::memory_warnings(&loaded.warnings)?;
            let text = tmx::write(&project.source.id, locale, loaded.memory.entries());
            match output {
                Some(path) => ftlkit::fsutil::write_atomic(path, text.as_bytes())?,
                None => super::to_stdout_raw(|out| out.write_all(text.as_bytes()))?,
            }
        }
        MemoryCommand::Search {
            locale,
            phrase,
            limit,
            format,
        } => {
            let loaded = memory_run::load(&project, locale)?;
            super::memory_warnings(&loaded.warnings)?;
            let found = loaded.memory.concordance(phrase, *limit);
            super::to_stdout(|out| match format {
                Format::Human => ftlkit::report::memory::search(out, &found),
                Format::Json => ftlkit::report::json(out, &found),
            })?;
        }
    }
    Ok(Outcome::Success)
}
