//! The disk side of the translation memory: a locale's memory built from
//! the project (every document's translated units and the English stale
//! translations were made from, through the same code as `export`) and the
//! TMX files `[memory] files` names. Nothing is written, nothing is cached:
//! the memory is made anew from the files each time it is asked for.

use super::{tmx, Entry, Memory, Origin};
use crate::error::{Error, Result};
use crate::exchange::run::{catalog, ExportOptions};
use crate::exchange::{Catalog, Matched, UnitState};
use crate::project::Project;
use std::path::Path;

/// The biggest TMX file read: a memory of mozilla.org's size is tens of
/// megabytes; anything far beyond is a mistake.
pub const MAX_TMX_BYTES: u64 = 64 * 1024 * 1024;

/// A locale's memory and what was wrong in its TMX files (each an
/// [`Error`] naming the file, and the line where there is one). A TMX file
/// that cannot be used is a warning, never the end of the memory.
#[derive(Debug)]
pub struct Loaded {
    pub memory: Memory,
    pub warnings: Vec<Error>,
}

/// The memory of `locale`: its project catalog's pairs, then its TMX files.
pub fn load(project: &Project, locale: &str) -> Result<Loaded> {
    let catalog = catalog(project, locale, &ExportOptions::default())?;
    Ok(load_with(project, &catalog))
}

/// The memory of a catalog already read (`export` and `status` have one).
pub fn load_with(project: &Project, catalog: &Catalog) -> Loaded {
    let mut memory = from_catalog(catalog);
    let mut warnings = Vec::new();
    // Translations whose document is gone are still offered.
    match super::orphans::units(project, &catalog.locale) {
        Ok(units) => add_units(&mut memory, &units),
        Err(e) => warnings.push(e),
    }
    for file in &project.memory.files {
        match inside(project, file) {
            Ok(path) => add_tmx(&mut memory, &path, &project.source.id, &mut warnings),
            Err(e) => warnings.push(e),
        }
    }
    Loaded { memory, warnings }
}

/// A `[memory] files` entry as a path to read, when it is inside the project
/// once its `..` and symbolic links are resolved: `ftlkit.toml` is not
/// trusted to name other files (it may come from a pull request), so an
/// absolute path elsewhere, a `..` out of the project or a link leading out
/// are refused alike, with where they lead. A missing file is read (and
/// reported) as it is named.
pub fn inside(project: &Project, file: &Path) -> Result<std::path::PathBuf> {
    let path = project.root.join(file);
    let (Ok(root), Ok(real)) = (
        std::fs::canonicalize(&project.root),
        std::fs::canonicalize(&path),
    ) else {
        return Ok(path);
    };
    match real.strip_prefix(&root) {
        Ok(rel) => Ok(project.root.join(rel)),
        Err(_) => Err(Error::file(
            &path,
            format!(
                "leads to {}, outside the project ({}); [memory] files are read only inside the project (ftlkit.toml may come from a pull request): copy the TMX file into the project",
                real.display(),
                root.display()
            ),
        )),
    }
}

/// Puts the memory's best match (at or above `floor`) of each new or stale
/// unit into `catalog.matches`, for `export` to hand on. A stale unit's match
/// that is its own translation as it stands adds nothing and is left out.
pub fn annotate(memory: &Memory, catalog: &mut Catalog, floor: u8) {
    for unit in &catalog.units {
        if unit.state == UnitState::Translated {
            continue;
        }
        let Some(best) = memory.suggest(&unit.source, 1, floor).into_iter().next() else {
            continue;
        };
        if unit.target.as_deref() == Some(best.text.as_str()) {
            continue;
        }
        catalog.matches.insert(
            (unit.doc.clone(), unit.id.clone()),
            Matched {
                score: best.score,
                kind: best.kind.name(),
                source: best.entry.source.clone(),
                origin: best.entry.origin.label(),
                text: best.text,
            },
        );
    }
}

/// The catalog `export` writes: `options`' units of `locale`, each new or
/// stale one with the memory's best match (the memory is the whole
/// locale's, whatever `options` keep), and what the memory could not use.
pub fn export_catalog(
    project: &Project,
    locale: &str,
    options: &ExportOptions,
) -> Result<(Catalog, Vec<Error>)> {
    let all = catalog(project, locale, &ExportOptions::default())?;
    let loaded = load_with(project, &all);
    // The whole locale is read once; a narrower export reads its part again.
    let mut wanted = if options.doc.is_none() && options.only.is_empty() {
        all
    } else {
        catalog(project, locale, options)?
    };
    annotate(&loaded.memory, &mut wanted, project.memory.floor);
    Ok((wanted, loaded.warnings))
}

/// The pairs of a catalog: each translated unit with its English, and each
/// stale one with the English it was made from.
pub fn from_catalog(catalog: &Catalog) -> Memory {
    let mut memory = Memory::new(&catalog.locale);
    add_units(&mut memory, &catalog.units);
    memory
}

/// Adds translated units with their English, stale ones with the English
/// they were made from.
fn add_units(memory: &mut Memory, units: &[crate::exchange::Unit]) {
    for unit in units {
        let Some(target) = &unit.target else {
            continue;
        };
        let (source, previous) = match (unit.state, &unit.previous) {
            (UnitState::Translated, _) => (&unit.source, false),
            (UnitState::NeedsReview, Some(previous)) => (previous, true),
            _ => continue,
        };
        // A duplicate pair (the same sentence translated alike twice) keeps
        // its first origin.
        let _ = memory.add(Entry {
            source: source.clone(),
            target: target.clone(),
            origin: Origin::Message {
                doc: unit.doc.clone(),
                id: unit.id.clone(),
                previous,
            },
        });
    }
}

/// Adds a TMX file's units for the memory's locale, or says why not.
pub fn add_tmx(memory: &mut Memory, path: &Path, source: &str, warnings: &mut Vec<Error>) {
    let at = |line: usize, column: usize, message: String| Error::At {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_TMX_BYTES => {
            warnings.push(Error::file(
                path,
                format!(
                    "{} MB: more than the {} MB a TMX file may have; not read (split it, or keep only this project's languages)",
                    m.len() / 1_000_000,
                    MAX_TMX_BYTES / 1_000_000
                ),
            ));
            return;
        }
        _ => {}
    }
    let text = match crate::fsutil::read_guarded(path)
        .and_then(|bytes| tmx::decode(&bytes).map_err(|message| Error::file(path, message)))
    {
        Ok(t) => t,
        Err(e) => {
            warnings.push(e);
            return;
        }
    };
    let read = match tmx::read(&text, source, &memory.locale) {
        Ok(r) => r,
        Err(p) => {
            warnings.push(at(
                p.line,
                p.column,
                format!(
                    "{}; this TMX file is not used (fix it, or remove it from [memory] files)",
                    p.message
                ),
            ));
            return;
        }
    };
    if read.units.is_empty() {
        let languages = if read.languages.is_empty() {
            "none".to_string()
        } else {
            read.languages.join(", ")
        };
        warnings.push(Error::file(
            path,
            format!(
                "no translation unit from `{source}` to `{}` (the file's languages: {languages}); nothing used",
                memory.locale
            ),
        ));
        return;
    }
    for p in read.problems {
        warnings.push(at(p.line, p.column, p.message));
    }
    let shown = path.display().to_string();
    let mut duplicates: Vec<(usize, String)> = Vec::new();
    for unit in read.units {
        let added = memory.add(Entry {
            source: unit.source,
            target: unit.target,
            origin: Origin::Tmx {
                file: shown.clone(),
                line: unit.line,
            },
        });
        if let Err(Some(first)) = added {
            duplicates.push((unit.line, first.origin.label()));
        }
    }
    if let Some((line, first)) = duplicates.first() {
        warnings.push(at(
            *line,
            1,
            format!(
                "{} duplicate translation unit(s) skipped: the same English and translation as one the memory has ({first}{})",
                duplicates.len(),
                if duplicates.len() > 1 { ", …" } else { "" }
            ),
        ));
    }
}
