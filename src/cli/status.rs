//! `ftlkit status`: per locale, what is translated, missing, stale, obsolete or
//! broken; or one locale's untranslated messages.

use super::Outcome;
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
    let templates = if args.config.is_empty() {
        ftlkit::project::files::template_locations(&super::project(root)?, locale)?
    } else {
        BTreeMap::new()
    };
    let template_at = |id: &str| templates.get(id).cloned();
    super::to_stdout(|out| match args.format {
        StatusFormat::Table => report::status::untranslated(out, audit, locale, &template_at),
        StatusFormat::Json => report::status::untranslated_json(out, audit, locale, &template_at),
    })?;
    Ok(Outcome::Success)
}
