//! `ftlkit status`: per locale, what is translated, missing, stale, obsolete or
//! broken; or one locale's untranslated messages.

use super::Outcome;
use ftlkit::exchange::Matched;
use ftlkit::report;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Locales to report (default: all).
    pub locales: Vec<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: StatusFormat,
    /// List every untranslated segment of the given locale.
    #[arg(long)]
    pub untranslated: bool,
    /// With --untranslated: the translation memory's best match of each message.
    #[arg(long, requires = "untranslated")]
    pub suggest: bool,
    /// Read a Mozilla l10n.toml project instead of ftlkit.toml (repeatable).
    #[arg(long)]
    pub config: Vec<PathBuf>,
    /// With --config: where the translations are, `{l10n_base}` in the
    /// configs (compare-locales' L10N_BASE argument). Default: the first
    /// config's folder.
    #[arg(long, value_name = "DIR", requires = "config")]
    pub l10n_base: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum StatusFormat {
    Table,
    Json,
    /// A workflow-command line per locale with its counts (a warning when
    /// messages are missing, stale or broken).
    Github,
    /// What status counts as SARIF 2.1.0: missing, obsolete and stale
    /// messages, edited templates and errors, one result each.
    Sarif,
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    let base = args.l10n_base.as_deref();
    // Only the lists need the findings; an l10n.toml project's counts are
    // made a few locales at a time (a hundred locales' findings are not
    // kept to be thrown away). A project's findings are whole at the end:
    // kept, and never freed (see below).
    let lists = args.untranslated || matches!(args.format, StatusFormat::Sarif);
    let (audit, _, names) = if lists {
        super::audit(root, &args.locales, &args.config, base)?
    } else {
        super::counts(root, &args.locales, &args.config, base)?
    };
    if args.untranslated {
        return untranslated(root, args, &audit);
    }
    super::to_stdout(|out| match args.format {
        StatusFormat::Table => report::status::table(out, &audit, &names),
        StatusFormat::Json => report::status::json(out, &audit, &names),
        StatusFormat::Github => report::ci::github_status(out, &audit.locales),
        StatusFormat::Sarif => report::ci::sarif(out, status_findings(&audit), true),
    })?;
    // The process ends now: freeing the audit's many small allocations one by
    // one would only cost time (a few per cent of `status LOCALE`).
    std::mem::forget(audit);
    Ok(Outcome::Success)
}

/// `--untranslated`: one locale's missing and stale messages, with where
/// their templates are (in a project; l10n.toml files have none).
fn untranslated(
    root: Option<&Path>,
    args: &Args,
    audit: &ftlkit::lint::audit::Audit,
) -> ftlkit::Result<Outcome> {
    let [locale] = args.locales.as_slice() else {
        return Err(ftlkit::Error::Usage(
            "--untranslated needs exactly one LOCALE".into(),
        ));
    };
    let project = match args.config.is_empty() {
        true => Some(super::project(root)?),
        false if args.suggest => {
            return Err(ftlkit::Error::Usage(
                "--suggest needs an ftlkit.toml project (its translation memory), not --config"
                    .into(),
            ))
        }
        false => None,
    };
    let templates = match &project {
        Some(project) => ftlkit::project::files::template_locations(project, locale)?,
        None => BTreeMap::new(),
    };
    let matches = match (&project, args.suggest) {
        (Some(project), true) => {
            let (catalog, warnings) = ftlkit::memory::run::export_catalog(
                project,
                locale,
                &ftlkit::exchange::run::ExportOptions::default(),
            )?;
            super::memory_warnings(&warnings)?;
            by_message(catalog.matches)
        }
        _ => ByMessage::new(),
    };
    let template_at = |id: &str| templates.get(id).cloned();
    let matches_of = |path: &str, id: &str| message_matches(&matches, path, id);
    let lookups = report::status::Lookups {
        template_at: &template_at,
        matches: &matches_of,
        sync_writes_templates: project.is_some(),
    };
    super::to_stdout(|out| match args.format {
        StatusFormat::Table => report::status::untranslated(out, audit, locale, &lookups),
        StatusFormat::Json => report::status::untranslated_json(out, audit, locale, &lookups),
        // The untranslated messages as CI annotations: the missing and stale
        // findings of the locale (SARIF with every one, GitHub with notices).
        StatusFormat::Github => report::ci::github(out, untranslated_findings(audit, locale), true),
        StatusFormat::Sarif => report::ci::sarif(out, untranslated_findings(audit, locale), true),
    })?;
    Ok(Outcome::Success)
}

/// The matches of a message's parts, found by message: its id → (document,
/// part, match) of every unit of that message or of its attributes.
type ByMessage = BTreeMap<String, Vec<(String, String, Matched)>>;

fn by_message(matches: BTreeMap<(String, String), Matched>) -> ByMessage {
    let mut out = ByMessage::new();
    for ((doc, unit), m) in matches {
        let id = unit.split('.').next().unwrap_or(&unit).to_string();
        out.entry(id).or_default().push((doc, unit, m));
    }
    out
}

/// The matches of a message's parts: those of its document (the one whose
/// file the finding names, `…/<doc>.ftl`).
fn message_matches(matches: &ByMessage, path: &str, id: &str) -> Vec<(String, Matched)> {
    let path = path.replace('\\', "/");
    let in_doc = |doc: &str| path == format!("{doc}.ftl") || path.ends_with(&format!("/{doc}.ftl"));
    matches
        .get(id)
        .into_iter()
        .flatten()
        .filter(|(doc, _, _)| in_doc(doc))
        .map(|(_, unit, m)| (unit.clone(), m.clone()))
        .collect()
}

/// The findings that say a message of `locale` is not translated (missing,
/// stale, an edited template): what `--untranslated` lists.
fn untranslated_findings<'a>(
    audit: &'a ftlkit::lint::audit::Audit,
    locale: &'a str,
) -> impl Iterator<Item = &'a ftlkit::finding::Finding> {
    use ftlkit::finding::Code;
    audit.findings.iter().filter(move |f| {
        f.locale == locale
            && matches!(
                f.code,
                Code::MissingMessage | Code::Stale | Code::EditedTemplate
            )
    })
}

/// What `status` counts, as findings: missing, obsolete and stale messages,
/// obsolete files, edited templates, and the errors.
fn status_findings(
    audit: &ftlkit::lint::audit::Audit,
) -> impl Iterator<Item = &ftlkit::finding::Finding> {
    use ftlkit::finding::{Code, Severity};
    audit.findings.iter().filter(|f| {
        f.severity == Severity::Error
            || matches!(
                f.code,
                Code::MissingMessage
                    | Code::ObsoleteMessage
                    | Code::ObsoleteFile
                    | Code::Stale
                    | Code::EditedTemplate
            )
    })
}
