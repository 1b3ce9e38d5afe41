//! The `ftlkit` command: parses arguments, calls the library, reports.
//! Exit codes: 0 success, 1 findings (errors in translations), 2 usage,
//! configuration or I/O error.

use clap::{Parser, Subcommand};
use ftlkit::project::Project;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ftlkit",
    version,
    about = "Localize Markdown documents with Project Fluent"
)]
struct Cli {
    /// Project root (where ftlkit.toml, content/ and locales/ are). Default: the
    /// current folder or the nearest folder above it that has one of them.
    #[arg(long, short = 'C', global = true)]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Split every document under content/ into the source locale's messages.
    Extract,
    /// Per locale: what is translated, missing, stale, obsolete or broken.
    Status {
        /// Locales to report (default: all).
        locales: Vec<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: StatusFormat,
        /// List every untranslated segment of the given locale.
        #[arg(long)]
        untranslated: bool,
        /// Read a Mozilla l10n.toml project instead of ftlkit.toml (repeatable).
        #[arg(long)]
        config: Vec<PathBuf>,
    },
    /// Lint every locale's Fluent files against the reference.
    Check {
        /// Locales to check (default: all).
        locales: Vec<String>,
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        /// Exit 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Also list missing messages and identical translations one by one.
        #[arg(long, short)]
        verbose: bool,
        /// Read a Mozilla l10n.toml project instead of ftlkit.toml (repeatable).
        #[arg(long)]
        config: Vec<PathBuf>,
    },
    /// Start a new locale: template files mirroring the reference, added to ftlkit.toml.
    Init {
        /// BCP 47 locale id, e.g. `de` or `ar-IQ`.
        locale: String,
    },
    /// Bring locale files in line with the reference: templates for new messages,
    /// obsolete ones moved to the end. Every translator line is kept.
    Sync {
        /// Locales to sync (default: all).
        locales: Vec<String>,
        /// Remove obsolete messages instead of moving them to the end.
        #[arg(long)]
        prune: bool,
        /// Print the diff and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Render every document in every published locale to dist/ (HTML, Markdown, text).
    Build {
        /// Write here instead of the configured output folder.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        /// Also build the pseudo-locales en-XA (accented, longer) and ar-XB (right-to-left).
        #[arg(long)]
        pseudo: bool,
    },
    /// Write the pseudo-locales en-XA and ar-XB under locales/, generated from the source.
    Pseudo,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum StatusFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        // A reader that stops early (`| head`) is not an error.
        Err(ftlkit::Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

/// Runs the audit behind `status` and `check`, on the project or l10n.toml files.
fn audit(
    cli: &Cli,
    locales: &[String],
    configs: &[PathBuf],
) -> ftlkit::Result<(
    ftlkit::lint::audit::Audit,
    PathBuf,
    BTreeMap<String, String>,
)> {
    if !configs.is_empty() {
        return ftlkit::lint::audit::audit_l10n_toml(configs, locales);
    }
    let project = Project::load(&root_of(cli))?;
    let pairs = ftlkit::lint::audit::project_pairs(&project, locales)?;
    let mut audit = ftlkit::lint::audit::audit(&pairs, &project.root, &project.source.id, None)?;
    ftlkit::lint::audit::note_missing_folders(&mut audit, &project);
    let names = ftlkit::lint::audit::language_names(&project);
    Ok((audit, project.root.clone(), names))
}

fn io(e: std::io::Error) -> ftlkit::Error {
    ftlkit::Error::io("<stdout>", e)
}

fn run(cli: &Cli) -> ftlkit::Result<ExitCode> {
    if let Command::Status {
        locales,
        format,
        untranslated,
        config,
    } = &cli.command
    {
        let (audit, _, names) = audit(cli, locales, config)?;
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        if *untranslated {
            let [locale] = locales.as_slice() else {
                return Err(ftlkit::Error::Usage(
                    "--untranslated needs exactly one LOCALE".into(),
                ));
            };
            let templates = if config.is_empty() {
                templates_of(&Project::load(&root_of(cli))?, locale)?
            } else {
                BTreeMap::new()
            };
            let template_at = |id: &str| templates.get(id).cloned();
            match format {
                StatusFormat::Table => {
                    ftlkit::report::untranslated(&mut out, &audit, locale, &template_at)
                }
                StatusFormat::Json => {
                    ftlkit::report::untranslated_json(&mut out, &audit, locale, &template_at)
                }
            }
            .map_err(io)?;
            out.flush().map_err(io)?;
            return Ok(ExitCode::SUCCESS);
        }
        match format {
            StatusFormat::Table => ftlkit::report::status_table(&mut out, &audit, &names),
            StatusFormat::Json => ftlkit::report::status_json(&mut out, &audit, &names),
        }
        .map_err(io)?;
        out.flush().map_err(io)?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Check {
        locales,
        format,
        deny_warnings,
        verbose,
        config,
    } = &cli.command
    {
        let (audit, root, _) = audit(cli, locales, config)?;
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        match format {
            CheckFormat::Human => {
                let color = std::io::IsTerminal::is_terminal(&std::io::stdout());
                ftlkit::report::check_human(&mut out, &audit, &root, *verbose, color)
            }
            CheckFormat::Json => ftlkit::report::check_json(&mut out, &audit, true),
        }
        .map_err(io)?;
        out.flush().map_err(io)?;
        let failed = ftlkit::report::check_failed(&audit, *deny_warnings);
        return Ok(if failed {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    let mut project = Project::load(&root_of(cli))?;
    match &cli.command {
        Command::Extract => {
            let reports = ftlkit::extract::run::extract(&project)?;
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
                if r.deleted {
                    println!(
                        "{}: the document is gone, {} removed ({} messages); translations of it are now obsolete files",
                        r.doc,
                        path.display(),
                        r.removed.len()
                    );
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
        Command::Pseudo => {
            for path in ftlkit::pseudo::run::write_pseudo(&project)? {
                println!(
                    "wrote {}",
                    path.strip_prefix(&project.root).unwrap_or(&path).display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Build { output, pseudo } => {
            if let Some(output) = output {
                project.output_dir = output.clone();
            }
            // Progress on a terminal only, at most every 2% of the pages.
            let show = |done: usize, total: usize| {
                if total >= 200 && (done % (total / 50).max(1) == 0 || done == total) {
                    eprint!("\rrendering {done}/{total} pages");
                    if done == total {
                        eprintln!();
                    }
                }
            };
            let on_terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let options = ftlkit::build::BuildOptions {
                pseudo: *pseudo,
                progress: if on_terminal { Some(&show) } else { None },
            };
            let report = ftlkit::build::build_with(&project, &options)?;
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            // Columns as wide as the longest locale id and document name.
            let lw = report
                .rendered
                .iter()
                .map(|r| r.locale.len())
                .chain(report.skipped.iter().map(|s| s.locale.len()))
                .max()
                .unwrap_or(0)
                .max(8);
            let dw = report
                .rendered
                .iter()
                .map(|r| r.doc.len())
                .chain(report.skipped.iter().map(|s| s.doc.len()))
                .max()
                .unwrap_or(0)
                .max(12);
            for r in &report.rendered {
                println!(
                    "{:<lw$} {:<dw$} {:>3}/{:<3} translated",
                    r.locale, r.doc, r.translated, r.total
                );
            }
            for s in &report.skipped {
                println!("{:<lw$} {:<dw$} skipped: {}", s.locale, s.doc, s.reason);
            }
            for path in &report.removed {
                let shown = path.strip_prefix(&project.root).unwrap_or(path);
                println!("removed {} (no longer built)", shown.display());
            }
            println!(
                "{} pages, {} files written to {}",
                report.rendered.len(),
                report.written,
                project.output_dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { locale } => {
            for path in ftlkit::sync::run::init(&project, locale)? {
                println!(
                    "created {}",
                    path.strip_prefix(&project.root).unwrap_or(&path).display()
                );
            }
            println!("`ftlkit status {locale}` shows what is left; templates show the English to translate");
            Ok(ExitCode::SUCCESS)
        }
        Command::Sync {
            locales,
            prune,
            dry_run,
        } => {
            let reports = ftlkit::sync::run::sync(&project, locales, *prune, *dry_run)?;
            let mut changed = 0;
            for r in &reports {
                if r.diff.is_empty() {
                    continue;
                }
                changed += 1;
                if *dry_run {
                    print!("{}", r.diff);
                } else {
                    println!(
                        "{}: {} added, {} refreshed from new English, {} {}",
                        r.path
                            .strip_prefix(&project.root)
                            .unwrap_or(&r.path)
                            .display(),
                        ftlkit::report::plural(r.added.len(), "template"),
                        r.refreshed.len(),
                        ftlkit::report::plural(
                            r.obsolete.len() - r.spared.len(),
                            "obsolete message"
                        ),
                        if *prune {
                            "removed"
                        } else {
                            "moved to the end"
                        }
                    );
                    let gone: Vec<&String> = r
                        .obsolete
                        .iter()
                        .filter(|id| !r.spared.contains(id))
                        .collect();
                    if *prune && !gone.is_empty() {
                        let ids: Vec<&str> = gone.iter().map(|s| s.as_str()).collect();
                        println!("  removed: {}", ids.join(", "));
                    }
                }
            }
            if changed == 0 {
                println!("all locale files are in line with the reference");
            }
            for r in reports.iter().filter(|r| !r.spared.is_empty()) {
                let path = r.path.strip_prefix(&project.root).unwrap_or(&r.path);
                eprintln!(
                    "warning: {}: kept {} (obsolete, but {} like a misspelt id of a message you have not translated): correct the id, or delete it by hand",
                    path.display(),
                    r.spared.join(", "),
                    if r.spared.len() == 1 { "it looks" } else { "they look" }
                );
            }
            // Whatever changed, say where a translation may sit in a template.
            for r in reports.iter().filter(|r| !r.kept.is_empty()) {
                let path = r.path.strip_prefix(&project.root).unwrap_or(&r.path);
                eprintln!(
                    "warning: {}: {} edited by hand and kept as {}: {}\n  \
                     if one holds your translation, delete the `# (untranslated) ` in front of it so that it counts",
                    path.display(),
                    ftlkit::report::plural(r.kept.len(), "template"),
                    if r.kept.len() == 1 { "it is" } else { "they are" },
                    r.kept.join(", ")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Status { .. } | Command::Check { .. } => unreachable!("handled above"),
    }
}

/// `-C DIR`, or the project folder found from the current one.
fn root_of(cli: &Cli) -> PathBuf {
    cli.root
        .clone()
        .unwrap_or_else(|| ftlkit::project::find_root(Path::new(".")))
}

/// Where each template of a locale's files is (`locales/ckb/article.ftl:34`), by id.
fn templates_of(project: &Project, locale: &str) -> ftlkit::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let dir = project.locales_dir.join(locale);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(out);
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    paths.sort();
    for path in paths {
        let text = ftlkit::fsutil::read_text(&path)?;
        let shown = path
            .strip_prefix(&project.root)
            .unwrap_or(&path)
            .display()
            .to_string();
        for t in ftlkit::sync::find_templates(&text) {
            let line = text[..t.offset].matches('\n').count() + 1;
            out.entry(t.id).or_insert(format!("{shown}:{line}"));
        }
    }
    Ok(out)
}
