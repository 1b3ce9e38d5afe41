//! The `ftlkit` command: parses arguments, calls the library, reports.
//! Exit codes: 0 success, 1 findings (errors in translations), 2 usage,
//! configuration or I/O error.

use clap::{Parser, Subcommand};
use ftlkit::config::Project;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ftlkit",
    version,
    about = "Localize Markdown documents with Project Fluent"
)]
struct Cli {
    /// Project root (where ftlkit.toml, content/ and locales/ are).
    #[arg(long, short = 'C', global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Split every document under content/ into the source locale's messages.
    Extract,
    /// Render every document in every published locale to dist/ (HTML, Markdown, text).
    Build {
        /// Write here instead of the configured output folder.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> ftlkit::Result<ExitCode> {
    let mut project = Project::load(&cli.root)?;
    match &cli.command {
        Command::Extract => {
            let reports = ftlkit::project::extract(&project)?;
            if reports.is_empty() {
                println!("no documents under {}", project.content_dir.display());
            }
            for r in reports {
                let path = r
                    .ftl_path
                    .strip_prefix(&project.root)
                    .unwrap_or(&r.ftl_path);
                if !r.written {
                    println!("{}: unchanged ({})", r.doc, path.display());
                    continue;
                }
                println!(
                    "{}: {} added, {} changed, {} removed → {}",
                    r.doc,
                    r.added.len(),
                    r.changed.len(),
                    r.removed.len(),
                    path.display()
                );
                for (sign, ids) in [("+", &r.added), ("~", &r.changed), ("-", &r.removed)] {
                    for id in ids {
                        println!("  {sign} {id}");
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Build { output } => {
            if let Some(output) = output {
                project.output_dir = output.clone();
            }
            let report = ftlkit::build::build(&project)?;
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            for r in &report.rendered {
                println!(
                    "{:<8} {:<12} {:>3}/{:<3} translated",
                    r.locale, r.doc, r.translated, r.total
                );
            }
            for s in &report.skipped {
                println!("{:<8} {:<12} skipped: {}", s.locale, s.doc, s.reason);
            }
            println!(
                "{} pages, {} files written to {}",
                report.rendered.len(),
                report.written,
                project.output_dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
