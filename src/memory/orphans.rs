//! Translations whose English document is gone: a locale file with no
//! source-locale file beside it (a document deleted, or renamed before
//! `extract` could take its translations along). Nothing shows them, but
//! they are work someone did: the memory offers each with the English it was
//! made from, as its stale record (`l10n-state`) remembers it.

use crate::error::{Error, Result};
use crate::exchange::{units_of, Unit, UnitState};
use crate::project::Project;
use crate::state::StateFile;
use std::path::Path;

/// The translated units of `locale`'s files that have no English file, each
/// with the English of its record (a message without one is left out: the
/// English it translates is unknown). Files at any depth, named by their path
/// without `.ftl`.
pub fn units(project: &Project, locale: &str) -> Result<Vec<Unit>> {
    let dir = project.locales_dir.join(locale);
    let mut names = Vec::new();
    ftl_files(&dir, "", &mut names)?;
    names.sort();
    let mut out = Vec::new();
    for name in names {
        if project.ftl_path(&project.source.id, &name).exists() {
            continue;
        }
        let state = StateFile::load(&StateFile::path(&project.root, locale, &name))?;
        if state.messages.is_empty() {
            continue;
        }
        let text = crate::ftl::load::read(&project.ftl_path(locale, &name))?.unwrap_or_default();
        // The English as it was, as a reference file of its own.
        let reference: String = state
            .messages
            .iter()
            .filter(|(id, _)| !id.starts_with('-'))
            .map(|(id, record)| format!("{id} = {}\n", record.english))
            .collect();
        out.extend(
            units_of(&name, &reference, &text, locale, &StateFile::default())
                .into_iter()
                .filter(|u| u.state == UnitState::Translated),
        );
    }
    Ok(out)
}

/// The `.ftl` files under `dir`, as paths relative to it without `.ftl`.
fn ftl_files(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
        if kind.is_dir() && !name.starts_with('.') {
            ftl_files(&entry.path(), &format!("{prefix}{name}/"), out)?;
        } else if let Some(stem) = name.strip_suffix(".ftl").filter(|_| kind.is_file()) {
            out.push(format!("{prefix}{stem}"));
        }
    }
    Ok(())
}
