//! `ftlkit check`: lint every locale's Fluent files; exit 1 when it fails.

use super::{CiFormat, Outcome};
use ftlkit::report;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Locales to check (default: all).
    pub locales: Vec<String>,
    /// human, json, github (workflow-command annotations) or sarif (SARIF 2.1.0).
    #[arg(long, value_enum, default_value = "human")]
    pub format: CiFormat,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Also list missing messages and identical translations one by one.
    #[arg(long, short)]
    pub verbose: bool,
    /// Read a Mozilla l10n.toml project instead of ftlkit.toml (repeatable).
    #[arg(long)]
    pub config: Vec<PathBuf>,
    /// Make the safe fixes first (U+202F before French `? ! ; :`, `؟` for `?`
    /// after Arabic words, `ی` for `ي` in Kurdish, one space for two), then
    /// report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --config: where the translations are, `{l10n_base}` in the
    /// configs (compare-locales' L10N_BASE argument). Default: the first
    /// config's folder.
    #[arg(long, value_name = "DIR", requires = "config")]
    pub l10n_base: Option<PathBuf>,
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    // Fixed, then reported, as it is checked: an l10n.toml project (Firefox's
    // configs: a hundred locales) a few locales at a time, an ftlkit.toml
    // project a few documents at a time.
    let project = match args.config.is_empty() {
        true => Some(super::project(root)?),
        false => None,
    };
    let project = project.as_ref();
    if args.fix {
        fix_streamed(root, project, args)?;
    }
    streamed(root, project, args)
}

/// The audit `check` reports, its findings handed to `sink` in report
/// order as they are made; the audit (counts, no findings) and the folder
/// its paths are relative to.
fn audit_into(
    root: Option<&Path>,
    project: Option<&ftlkit::project::Project>,
    args: &Args,
    sink: &mut ftlkit::lint::audit::Sink,
) -> ftlkit::Result<(ftlkit::lint::audit::Audit, PathBuf)> {
    let Some(project) = project else {
        let base = args.l10n_base.as_deref();
        let (audit, at, _) = super::audit_into(root, &args.locales, &args.config, base, sink)?;
        return Ok((audit, at));
    };
    // The English Markdown's own links, when the whole project is checked.
    let links = match args.locales.is_empty() {
        true => ftlkit::lint::content::broken_links(project)?,
        false => Vec::new(),
    };
    let (audit, warnings) =
        ftlkit::lint::documents::project_check(project, &args.locales, links, sink)?;
    super::to_stderr(|err| {
        warnings
            .iter()
            .try_for_each(|w| writeln!(err, "warning: {w}"))
    })?;
    Ok((audit, project.root.clone()))
}

/// `check --fix`: the safe fixes made as the audit goes, only
/// the findings that may have one kept (typography's), then reported as
/// `check` without `--fix` reports (by [`streamed`]).
fn fix_streamed(
    root: Option<&Path>,
    project: Option<&ftlkit::project::Project>,
    args: &Args,
) -> ftlkit::Result<()> {
    use ftlkit::lint::rules::typography::RULES;
    let mut fixable = Vec::new();
    let mut sink = |_: Option<&mut ftlkit::lint::Counts>, part: Vec<ftlkit::finding::Finding>| {
        let may_fix = |f: &ftlkit::finding::Finding| {
            !f.span.is_empty() && RULES.iter().any(|r| r.code == f.code)
        };
        fixable.extend(part.into_iter().filter(may_fix));
        Ok(())
    };
    let (_, at) = audit_into(root, project, args, &mut sink)?;
    let fixed = ftlkit::lint::fix::fix_files(&fixable, &at)?;
    super::to_stderr(|err| {
        fixed
            .iter()
            .try_for_each(|(path, n)| writeln!(err, "fixed {n} in {path}"))
    })
}

/// `check` written as the audit goes: each locale's findings written and
/// dropped (Firefox's 114 locales have 1.5 million, most of them
/// `identical` notes; a book's 15,000 pages 380,000). A file that cannot
/// be read stops the run with exit 2 after the locales before it were
/// written.
fn streamed(
    root: Option<&Path>,
    project: Option<&ftlkit::project::Project>,
    args: &Args,
) -> ftlkit::Result<Outcome> {
    let color = matches!(args.format, CiFormat::Human) && std::io::stdout().is_terminal();
    let shown = match project {
        Some(project) => project.root.clone(),
        None => root.map_or_else(|| PathBuf::from("."), Path::to_path_buf),
    };
    let mut error = None;
    let write = |out: &mut dyn std::io::Write| -> std::io::Result<bool> {
        let mut writer = match args.format {
            CiFormat::Human => report::check::Writer::human(out, &shown, args.verbose, color),
            CiFormat::Github => report::check::Writer::github(out, args.verbose),
            CiFormat::Sarif => report::check::Writer::sarif(out, true),
            CiFormat::Json => report::check::Writer::json(out, true),
        };
        let mut sink = |_: Option<&mut ftlkit::lint::Counts>,
                        part: Vec<ftlkit::finding::Finding>| {
            writer
                .part(&part)
                .map_err(|e| ftlkit::Error::io("<stdout>", e))
        };
        match audit_into(root, project, args, &mut sink) {
            Ok((audit, _)) => writer.finish(&audit, args.deny_warnings),
            Err(e) => {
                error = Some(e);
                Ok(false)
            }
        }
    };
    let failed = if color {
        super::to_stdout_raw_with(write)?
    } else {
        super::to_stdout_with(write)?
    };
    if let Some(e) = error {
        return Err(e);
    }
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
