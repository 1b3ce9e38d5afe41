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
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum StatusFormat {
    Table,
    Json,
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    let (audit, _, names) = super::audit(root, &args.locales, &args.config)?;
    if args.untranslated {
        return untranslated(root, args, &audit);
    }
    super::to_stdout(|out| match args.format {
        StatusFormat::Table => report::status::table(out, &audit, &names),
        StatusFormat::Json => report::status::json(out, &audit, &names),
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
            catalog.matches
        }
        _ => BTreeMap::new(),
    };
    let template_at = |id: &str| templates.get(id).cloned();
    let matches_of = |path: &str, id: &str| message_matches(&matches, path, id);
    let lookups = report::status::Lookups {
        template_at: &template_at,
        matches: &matches_of,
    };
    super::to_stdout(|out| match args.format {
        StatusFormat::Table => report::status::untranslated(out, audit, locale, &lookups),
        StatusFormat::Json => report::status::untranslated_json(out, audit, locale, &lookups),
    })?;
    Ok(Outcome::Success)
}

/// The matches of a message's parts: the units of its document (the one
/// whose file the finding names, `…/<doc>.ftl`) whose id is the message's
/// or one of its attributes'.
fn message_matches(
    matches: &BTreeMap<(String, String), Matched>,
    path: &str,
    id: &str,
) -> Vec<(String, Matched)> {
    let path = path.replace('\\', "/");
    matches
        .iter()
        .filter(|((doc, unit), _)| {
            let in_doc = path == format!("{doc}.ftl") || path.ends_with(&format!("/{doc}.ftl"));
            let of_id = unit == id || unit.strip_prefix(id).is_some_and(|r| r.starts_with('.'));
            in_doc && of_id
        })
        .map(|((_, unit), m)| (unit.clone(), m.clone()))
        .collect()
}
