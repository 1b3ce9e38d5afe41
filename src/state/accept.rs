//! `ftlkit accept`: a translator reviewed a stale translation against the new
//! English and it needs no change. Its record is moved to the English now, as
//! if the translation had been made from it; the translation is not touched.
//! (Editing a translation clears its stale state by itself; this is for the
//! reviews that end in "still right" — Pontoon's approve, PO's removing `fuzzy`.)

use super::{sources, StateFile};
use crate::error::Result;
use crate::project::Project;
use serde::Serialize;

/// What `accept` did (or, with `dry_run`, would do) in one locale.
#[derive(Debug, Default, Clone, Serialize)]
pub struct AcceptReport {
    pub locale: String,
    /// `(file, id)` of every stale translation now recorded against the new English.
    pub accepted: Vec<(String, String)>,
    /// Ids asked for that are translated and not stale: nothing to do.
    pub not_stale: Vec<String>,
    /// Ids asked for that no file of the locale translates.
    pub unknown: Vec<String>,
}

/// Accepts the stale translations of `ids` in `locale` (every stale one when
/// `all`): their records take the English the reference has now, reviewed.
pub fn accept(
    project: &Project,
    locale: &str,
    ids: &[String],
    all: bool,
    dry_run: bool,
) -> Result<AcceptReport> {
    record_reviews(project, locale, ids, all, dry_run, Reviewing::Stale)
}

/// `ftlkit review`: a person checked the translations of `ids` in `locale`
/// (every translation when `all`): each is recorded as reviewed against the
/// English now — a stale one is accepted too. In the report, `accepted` are
/// the translations now reviewed and `not_stale` those already reviewed.
pub fn review(
    project: &Project,
    locale: &str,
    ids: &[String],
    all: bool,
    dry_run: bool,
) -> Result<AcceptReport> {
    record_reviews(project, locale, ids, all, dry_run, Reviewing::Any)
}

/// Which translations a review covers.
#[derive(Clone, Copy, PartialEq)]
enum Reviewing {
    /// Only stale ones (`accept`).
    Stale,
    /// Any translation not reviewed yet (`review`).
    Any,
}

fn record_reviews(
    project: &Project,
    locale: &str,
    ids: &[String],
    all: bool,
    dry_run: bool,
    reviewing: Reviewing,
) -> Result<AcceptReport> {
    if project.locale(locale).is_none() || locale == project.source.id {
        return Err(project.unknown_locale(locale));
    }
    let mut report = AcceptReport {
        locale: locale.to_string(),
        ..Default::default()
    };
    let mut seen = std::collections::BTreeSet::new();
    let mut pending: Vec<(std::path::PathBuf, StateFile)> = Vec::new();
    for file in crate::project::files::source_files(project)? {
        let english = match crate::ftl::load::read(&project.ftl_path(&project.source.id, &file))? {
            Some(text) => sources(&text),
            None => continue,
        };
        let Some(text) = crate::ftl::load::read(&project.ftl_path(locale, &file))? else {
            continue;
        };
        let translations = sources(&text);
        let path = StateFile::path(&project.root, locale, &file);
        let mut state = StateFile::load(&path)?;
        let mut changed = false;
        for (id, translation) in &translations {
            let wanted = all || ids.contains(id);
            let Some(now) = english.get(id).filter(|_| wanted) else {
                continue;
            };
            seen.insert(id.clone());
            let done = match reviewing {
                Reviewing::Stale => state.stale(id, now, translation).is_none(),
                Reviewing::Any => state.reviewed(id, now, translation),
            };
            if done {
                report.not_stale.push(id.clone());
                continue;
            }
            // Accepting is reviewing: the translation is recorded as checked
            // by a person against the English now.
            if reviewing == Reviewing::Any || state.messages.contains_key(id) {
                changed |= state.mark_reviewed(id, now, translation);
                report.accepted.push((file.clone(), id.clone()));
            }
        }
        if changed {
            pending.push((path, state));
        }
    }
    report.unknown = ids
        .iter()
        .filter(|id| !seen.contains(*id))
        .cloned()
        .collect();
    // A misspelt id stops the whole run before anything is written.
    if !report.unknown.is_empty() {
        return Err(crate::error::Error::Usage(format!(
            "{} not translated in {locale}: nothing to accept, and nothing was written (a typo?)",
            report.unknown.join(", ")
        )));
    }
    for (path, state) in pending.iter().filter(|_| !dry_run) {
        crate::project::files::inside_project(project, path)?;
        crate::fsutil::write_if_changed(path, state.to_json().as_bytes())?;
    }
    if all {
        report.not_stale.clear();
    }
    Ok(report)
}
