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
/// `all`): their records take the English the reference has now.
pub fn accept(
    project: &Project,
    locale: &str,
    ids: &[String],
    all: bool,
    dry_run: bool,
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
            if state.stale(id, now, translation).is_none() {
                report.not_stale.push(id.clone());
                continue;
            }
            if let Some(record) = state.messages.get_mut(id) {
                record.english = now.clone();
                record.memory = None;
                changed = true;
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
