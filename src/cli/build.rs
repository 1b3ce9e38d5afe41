//! `ftlkit build`: every document in every published locale to the output folder.

use super::{CiFormat, Outcome};
use ftlkit::build::BuildOptions;
use ftlkit::report;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Write here instead of the configured output folder.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Where the output folder is published (`https://example.org/docs/`),
    /// overriding `[build] base-url`: absolute hreflang alternates, canonical
    /// links and sitemap.xml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The site's page formats, overriding `[build] formats` (default all:
    /// html,md,txt).
    #[arg(long, value_delimiter = ',', value_name = "FORMAT,…")]
    pub formats: Option<Vec<FormatArg>>,
    /// Also build the pseudo-locales en-XA (accented, longer) and ar-XB (right-to-left).
    #[arg(long)]
    pub pseudo: bool,
    /// How to print the result: human, json, github (its findings as
    /// workflow-command annotations) or sarif (its findings as SARIF 2.1.0).
    #[arg(long, value_enum, default_value = "human")]
    pub format: CiFormat,
    /// What to write: site (ftlkit's pages: HTML, Markdown, text, assets,
    /// indexes), mdbook (per locale a book source: book.toml and src/, for
    /// `mdbook build DIR/LOCALE`) or mkdocs (mkdocs.yml and docs/LOCALE/ for
    /// MkDocs with mkdocs-static-i18n: `mkdocs build -f DIR/mkdocs.yml`).
    #[arg(long, value_enum, default_value = "site")]
    pub layout: LayoutArg,
    /// Human output: a line per page and per page skipped below the
    /// threshold, besides each locale's summary line.
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

/// `--formats`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Html,
    Md,
    Txt,
}

/// `--layout`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum LayoutArg {
    Site,
    Mdbook,
    Mkdocs,
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    let mut project = super::project(root)?;
    if let Some(output) = &args.output {
        project.output_dir = output.clone();
    }
    if let Some(formats) = &args.formats {
        use ftlkit::project::PageFormat;
        let list: Vec<PageFormat> = formats
            .iter()
            .map(|f| match f {
                FormatArg::Html => PageFormat::Html,
                FormatArg::Md => PageFormat::Md,
                FormatArg::Txt => PageFormat::Txt,
            })
            .collect();
        project.formats = ftlkit::project::Formats::of(&list)
            .map_err(|m| ftlkit::Error::Usage(format!("--formats: {m}")))?;
    }
    if let Some(url) = &args.base_url {
        project.base_url = Some(
            ftlkit::project::base_url(url)
                .map_err(|m| ftlkit::Error::Usage(format!("--base-url: {m}")))?,
        );
    }
    // Progress on a terminal only; a failed write of it is not worth stopping for.
    let show = |done: usize, total: usize| {
        let _ = report::build::progress(&mut std::io::stderr().lock(), done, total);
    };
    let options = BuildOptions {
        pseudo: args.pseudo,
        layout: match args.layout {
            LayoutArg::Site => ftlkit::build::Layout::Site,
            LayoutArg::Mdbook => ftlkit::build::Layout::Mdbook,
            LayoutArg::Mkdocs => ftlkit::build::Layout::Mkdocs,
        },
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
        CiFormat::Human => report::build::human(out, &report, &project, args.verbose),
        CiFormat::Json => report::build::json(out, &report, &project),
        CiFormat::Github => report::ci::github(out, &report.findings, false),
        CiFormat::Sarif => report::ci::sarif(out, &report.findings, true),
    })?;
    Ok(Outcome::Success)
}
