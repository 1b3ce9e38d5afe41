//! The commands: the clap definitions, one module per command (arguments →
//! options → library call → reporter), and what they share: the project root
//! lookup, the output streams and the exit-code rule.

pub mod accept;
pub mod build;
pub mod check;
pub mod export;
pub mod extract;
pub mod import;
pub mod init;
pub mod lsp;
pub mod memory;
pub mod pseudo;
pub mod review;
pub mod serve;
pub mod status;
pub mod sync;

use clap::{Parser, Subcommand};
use ftlkit::lint::audit::Audit;
use ftlkit::project::Project;
use ftlkit::report::terminal::Visible;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ftlkit",
    version,
    about = "Localize Markdown documents with Project Fluent"
)]
pub struct Cli {
    /// Project root (where ftlkit.toml, content/ and locales/ are). Default: the
    /// current folder or the nearest folder above it that has one of them.
    #[arg(long, short = 'C', global = true)]
    pub root: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Split every document under content/ into the source locale's messages.
    Extract(extract::Args),
    /// Per locale: what is translated, missing, stale, obsolete or broken.
    Status(status::Args),
    /// Lint every locale's Fluent files against the reference.
    Check(check::Args),
    /// Start a new locale: template files mirroring the reference, added to ftlkit.toml.
    Init(init::Args),
    /// Bring locale files in line with the reference: templates for new messages,
    /// obsolete ones moved to the end. Every translator line is kept.
    Sync(sync::Args),
    /// Render every document in every published locale to dist/ (HTML, Markdown, text).
    Build(build::Args),
    /// Write the pseudo-locales en-XA and ar-XB under locales/, generated from the source.
    Pseudo(pseudo::Args),
    /// Mark stale translations as reviewed: the English changed, the translation needs no change.
    Accept(accept::Args),
    /// Record that a person checked translations (stale ones are accepted too):
    /// with `[build] require-review`, only reviewed translations are published.
    Review(review::Args),
    /// Write a locale as XLIFF 1.2 or PO for translators who work in CAT tools.
    Export(export::Args),
    /// Write the translations of an XLIFF or PO file back into the locale's files.
    Import(import::Args),
    /// A local web workbench for translators: progress, side-by-side editing, live preview.
    Serve(serve::Args),
    /// A locale's translation memory: written as TMX, searched for a phrase.
    Memory(memory::Args),
    /// A language server for editors (LSP on stdin/stdout): check's findings as
    /// you type, hover, completion, definition, quick fixes.
    Lsp(lsp::Args),
}

/// `--format` of every command but `status` (whose human form is a table).
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// `--format` of the commands CI runs (`check`, `build`): also GitHub
/// Actions workflow commands (annotations) and SARIF 2.1.0 (code scanning).
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CiFormat {
    Human,
    Json,
    Github,
    Sarif,
}

/// How a command that ran to its end came out.
pub enum Outcome {
    Success,
    /// `check` found what fails the run (errors, or warnings with `--deny-warnings`).
    Findings,
}

/// The exit-code rule: 0 success, 1 findings, 2 usage, configuration or I/O
/// error (clap exits 2 itself on bad arguments). A reader that stops early
/// (`| head`) is not an error: a broken pipe exits 0 quietly.
pub fn exit_code(result: ftlkit::Result<Outcome>) -> ExitCode {
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(ftlkit::Error::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(err) => {
            // Nothing is left to tell if even stderr is gone.
            let _ = writeln!(Visible::new(io::stderr()), "error: {err}");
            ExitCode::from(2)
        }
    }
}

/// `-C DIR`, or the project folder found from the current one.
pub fn root_of(root: Option<&Path>) -> PathBuf {
    root.map(Path::to_path_buf)
        .unwrap_or_else(|| ftlkit::project::find_root(Path::new(".")))
}

/// The project at `-C DIR` or found from the current folder.
pub fn project(root: Option<&Path>) -> ftlkit::Result<Project> {
    Project::load(&root_of(root))
}

/// Writes a report to stdout, buffered and flushed: every command's result
/// goes through here, so a write error (a closed pipe) is an error like any
/// other rather than a panic.
/// Control characters (a TMX file's ESC, a lone CR) are written visibly
/// ([`ftlkit::report::terminal`]).
pub fn to_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> ftlkit::Result<()> {
    let mut out = Visible::new(io::BufWriter::new(io::stdout().lock()));
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| ftlkit::Error::io("<stdout>", e))
}

/// [`to_stdout`] byte for byte: for files written to stdout (`export`) and
/// for check's own colours.
pub fn to_stdout_raw(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> ftlkit::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| ftlkit::Error::io("<stdout>", e))
}

/// [`to_stdout`] for a writer with a result of its own.
pub fn to_stdout_with<T>(write: impl FnOnce(&mut dyn Write) -> io::Result<T>) -> ftlkit::Result<T> {
    let mut out = Visible::new(io::BufWriter::new(io::stdout().lock()));
    write(&mut out)
        .and_then(|t| out.flush().map(|()| t))
        .map_err(|e| ftlkit::Error::io("<stdout>", e))
}

/// [`to_stdout_raw`] for a writer with a result of its own.
pub fn to_stdout_raw_with<T>(
    write: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> ftlkit::Result<T> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    write(&mut out)
        .and_then(|t| out.flush().map(|()| t))
        .map_err(|e| ftlkit::Error::io("<stdout>", e))
}

/// Writes warnings to stderr, after what stdout got so far (control
/// characters visible, as [`to_stdout`]).
pub fn to_stderr(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> ftlkit::Result<()> {
    let mut err = Visible::new(io::stderr().lock());
    write(&mut err)
        .and_then(|()| err.flush())
        .map_err(|e| ftlkit::Error::io("<stderr>", e))
}

/// What the translation memory could not use (a TMX file), as warnings.
pub fn memory_warnings(warnings: &[ftlkit::Error]) -> ftlkit::Result<()> {
    to_stderr(|err| {
        warnings
            .iter()
            .try_for_each(|w| writeln!(err, "warning: translation memory: {w}"))
    })
}

/// Runs the audit behind `status` and `check`, on the project or on
/// l10n.toml files: the audit, the root its paths are relative to, and the
/// languages' own names by locale.
pub fn audit(
    root: Option<&Path>,
    locales: &[String],
    configs: &[PathBuf],
    l10n_base: Option<&Path>,
) -> ftlkit::Result<(Audit, PathBuf, BTreeMap<String, String>)> {
    let mut findings = Vec::new();
    let mut collect = |_: Option<&mut ftlkit::lint::Counts>,
                       part: Vec<ftlkit::finding::Finding>| {
        findings.extend(part);
        Ok(())
    };
    let (mut audit, root, names) = audit_into(root, locales, configs, l10n_base, &mut collect)?;
    audit.findings = findings;
    Ok((audit, root, names))
}

/// The counts of a project ([`audit`] without findings): an l10n.toml
/// project's made a few locales at a time and dropped where they are made,
/// an ftlkit.toml project's a few documents at a time as `check` goes
/// ([`ftlkit::lint::documents::project_check`]), its findings dropped.
pub fn counts(
    root: Option<&Path>,
    locales: &[String],
    configs: &[PathBuf],
    l10n_base: Option<&Path>,
) -> ftlkit::Result<(Audit, PathBuf, BTreeMap<String, String>)> {
    if configs.is_empty() {
        let project = project(root)?;
        let mut dropped = |_: Option<&mut ftlkit::lint::Counts>, _| Ok(());
        let (audit, warnings) =
            ftlkit::lint::documents::project_check(&project, locales, Vec::new(), &mut dropped)?;
        to_stderr(|err| {
            warnings
                .iter()
                .try_for_each(|w| writeln!(err, "warning: {w}"))
        })?;
        let names = ftlkit::lint::audit::language_names(&project);
        return Ok((audit, project.root.clone(), names));
    }
    let options = ftlkit::l10n_toml::LoadOptions {
        l10n_base: l10n_base.map(Path::to_path_buf),
        ..Default::default()
    };
    let here = root.unwrap_or(Path::new("."));
    ftlkit::lint::audit::count_l10n_toml(configs, locales, &options, here)
}

/// [`audit`] with the findings handed to `sink` as they are made (a locale
/// at a time for l10n.toml files, which can have a hundred locales: see
/// `lint::audit::audit_streamed`; all at once for a project, whose
/// findings are complete only at the end): the audit returned has none.
pub fn audit_into(
    root: Option<&Path>,
    locales: &[String],
    configs: &[PathBuf],
    l10n_base: Option<&Path>,
    sink: &mut ftlkit::lint::audit::Sink,
) -> ftlkit::Result<(Audit, PathBuf, BTreeMap<String, String>)> {
    use ftlkit::lint::audit as a;
    if !configs.is_empty() {
        let options = ftlkit::l10n_toml::LoadOptions {
            l10n_base: l10n_base.map(Path::to_path_buf),
            ..Default::default()
        };
        // `-C DIR` is the folder paths are shown from, as if started there.
        let here = root.unwrap_or(Path::new("."));
        return a::audit_l10n_toml_streamed(configs, locales, &options, here, sink);
    }
    let project = project(root)?;
    let (mut audit, warnings) = a::project_audit(&project, locales, a::Depth::Everything)?;
    to_stderr(|err| {
        warnings
            .iter()
            .try_for_each(|w| writeln!(err, "warning: {w}"))
    })?;
    let names = a::language_names(&project);
    sink(None, std::mem::take(&mut audit.findings))?;
    Ok((audit, project.root.clone(), names))
}
