//! The disk side of `export` and `import`: the catalog of a locale read from
//! the project (the English files, the locale's files, the stale records),
//! and imported units written back, all files or none, each atomically and
//! only if nobody changed it meanwhile.

use super::merge::{merge, Refusal};
use super::{units_of, Catalog, Incoming, IncomingFile, UnitState};
use crate::error::{Error, Result};
use crate::project::Project;
use crate::state::StateFile;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The two file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xliff,
    Po,
}

impl Format {
    /// The format of a file, by its extension (`.po`; `.xlf`, `.xliff`).
    pub fn of_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "po" | "pot" => Some(Format::Po),
            "xlf" | "xliff" => Some(Format::Xliff),
            _ => None,
        }
    }
}

/// What `export` puts in the file.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// One document (`article`); all when `None`.
    pub doc: Option<String>,
    /// Only units in these states; all when empty.
    pub only: BTreeSet<UnitState>,
}

fn target_locale(project: &Project, locale: &str) -> Result<()> {
    if locale == project.source.id {
        return Err(Error::Usage(format!(
            "`{locale}` is the source locale: export a translation (one of {})",
            project.target_list()
        )));
    }
    if !project.targets.iter().any(|t| t.id == locale) {
        return Err(project.unknown_locale(locale));
    }
    Ok(())
}

fn documents(project: &Project, only: Option<&str>) -> Result<Vec<String>> {
    let names = crate::project::files::source_files(project)?;
    match only {
        None => Ok(names),
        Some(doc) if names.iter().any(|n| n == doc) => Ok(vec![doc.to_string()]),
        Some(doc) => Err(Error::Usage(format!(
            "no document `{doc}` in {}: the documents are {}",
            project.source.id,
            names.join(", ")
        ))),
    }
}

/// The catalog of a locale: every unit of its documents, filtered.
pub fn catalog(project: &Project, locale: &str, options: &ExportOptions) -> Result<Catalog> {
    target_locale(project, locale)?;
    let mut units = Vec::new();
    for doc in documents(project, options.doc.as_deref())? {
        let reference_path = project.ftl_path(&project.source.id, &doc);
        let reference = crate::fsutil::read_text(&reference_path)?;
        crate::ftl::load::strict(&reference_path, &reference)?;
        let text = crate::ftl::load::read(&project.ftl_path(locale, &doc))?.unwrap_or_default();
        let state = crate::state::StateFile::load(&crate::state::StateFile::path(
            &project.root,
            locale,
            &doc,
        ))?;
        units.extend(
            units_of(&doc, &reference, &text, locale, &state)
                .into_iter()
                .filter(|u| options.only.is_empty() || options.only.contains(&u.state)),
        );
    }
    Ok(Catalog {
        source_locale: project.source.id.clone(),
        locale: locale.to_string(),
        units,
        matches: BTreeMap::new(),
    })
}

/// The exported file's text.
pub fn export(
    project: &Project,
    locale: &str,
    format: Format,
    options: &ExportOptions,
) -> Result<String> {
    Ok(write(format, &catalog(project, locale, options)?))
}

/// A catalog's file in `format`.
pub fn write(format: Format, catalog: &Catalog) -> String {
    match format {
        Format::Po => super::po::write(catalog),
        Format::Xliff => super::xliff::write(catalog),
    }
}

/// What `import` did (or, with refusals or `--dry-run`, would have done).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ImportReport {
    pub file: String,
    pub locale: String,
    /// Per changed locale file: the ids of the messages written.
    pub changed: Vec<ChangedFile>,
    /// Units refused; when there are any, nothing was written.
    pub refused: Vec<Refusal>,
    /// Per locale file, the messages recorded as reviewed: approved in the
    /// translator's tool (XLIFF `approved="yes"`/`state="final"`, a PO entry
    /// without `#, fuzzy`) and not reviewed before.
    pub reviewed: Vec<ChangedFile>,
    /// Text a translator typed into the file that did not count (an edited
    /// template, an entry that does not parse) and that the import replaced.
    pub replaced: Vec<Replaced>,
    pub dry_run: bool,
    /// Whether files were written.
    pub written: bool,
    /// Messages written (or to be) that `check` will call an error (an
    /// unbalanced RLO, a `<script>`): written as the file says, with a word.
    pub errors: Vec<ImportWarning>,
}

/// A message the import writes that `check` will call an error.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportWarning {
    /// The locale file, relative to the project root.
    pub path: String,
    pub id: String,
    /// `code: message` of each error.
    pub errors: Vec<String>,
}

/// What an import wrote over: text typed in the locale file that was not a
/// translation yet ([`crate::standing::Standing::holds_typed_text`]).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Replaced {
    /// The locale file, relative to the project root.
    pub path: String,
    pub id: String,
    /// `edited-template` or `broken`.
    pub standing: crate::standing::Standing,
    /// The text that was there, marks removed.
    pub text: String,
}

/// One locale file an import changes.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChangedFile {
    /// Relative to the project root.
    pub path: String,
    pub ids: Vec<String>,
}

/// The biggest file `import` reads: a locale of a large site is a few
/// megabytes; anything far beyond is a mistake or an attack.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads an exported file back (either format, by its extension).
pub fn read_file(path: &Path) -> Result<IncomingFile> {
    let format = Format::of_path(path).ok_or_else(|| {
        Error::file(
            path,
            "unknown file type: import reads .po and .xlf/.xliff files",
        )
    })?;
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > MAX_IMPORT_BYTES {
        return Err(Error::file(
            path,
            format!("{size} bytes is more than the {MAX_IMPORT_BYTES} import reads: split the export by document (--doc)"),
        ));
    }
    let text = crate::fsutil::read_text(path)?;
    match format {
        Format::Po => super::po::read(path, &text),
        Format::Xliff => super::xliff::read(path, &text),
    }
}

/// Imports a file into its locale's files. With refusals, or `dry_run`, nothing is written.
///
/// `locale` is the locale the caller names (`--locale`): needed when the file
/// does not say (a converter's PO header may have no `Language:`), and an
/// error when the file says another one.
pub fn import(
    project: &Project,
    path: &Path,
    locale: Option<&str>,
    dry_run: bool,
) -> Result<ImportReport> {
    let mut file = read_file(path)?;
    match (locale, file.locale.is_empty()) {
        (Some(l), true) => file.locale = l.to_string(),
        (Some(l), false) if l != file.locale => {
            return Err(Error::file(
                path,
                format!("the file is for `{}`, not `{l}`", file.locale),
            ))
        }
        (None, true) => {
            return Err(Error::file(
                path,
                "the file does not say its language (PO `Language:`, XLIFF `target-language`): name it with --locale",
            ))
        }
        _ => {}
    }
    let shown = |p: &Path| {
        p.strip_prefix(&project.root)
            .unwrap_or(p)
            .display()
            .to_string()
    };
    let locale = crate::locale::parse_locale(&file.locale)
        .map(|l| l.to_string())
        .map_err(|e| Error::file(path, format!("the file's language `{}`: {e}", file.locale)))?;
    if locale == project.source.id || !project.targets.iter().any(|t| t.id == locale) {
        return Err(Error::file(
            path,
            format!(
                "the file is for `{locale}`, which is not a translation of this project ({})",
                project.target_list()
            ),
        ));
    }
    let docs = crate::project::files::source_files(project)?;
    let by_doc = assign_documents(project, path, &file.units, &docs)?;
    let mut report = ImportReport {
        file: shown(path),
        locale: locale.clone(),
        dry_run,
        ..ImportReport::default()
    };
    let mut writes: Vec<(PathBuf, String, String)> = Vec::new();
    let mut reviews: Vec<(PathBuf, StateFile)> = Vec::new();
    for (doc, units) in &by_doc {
        let one = merge_doc(project, &locale, doc, units, &shown)?;
        report.refused.extend(one.refused);
        report.replaced.extend(one.replaced);
        report.errors.extend(one.errors);
        if let Some((reviewed, path, state)) = one.reviewed {
            report.reviewed.push(reviewed);
            reviews.push((path, state));
        }
        if let Some((changed, target, before, after)) = one.changed {
            report.changed.push(changed);
            writes.push((target, before, after));
        }
    }
    report.refused.sort_by_key(|r| r.line);
    if !report.refused.is_empty() || dry_run {
        return Ok(report);
    }
    // Every file is checked before any is written: one that someone saved
    // since it was read stops the import whole.
    for (target, before, _) in &writes {
        crate::project::files::inside_project(project, target)?;
        unchanged_since(target, before)?;
    }
    for (target, before, after) in &writes {
        let bom = if crate::fsutil::starts_with_bom(target) {
            "\u{feff}"
        } else {
            ""
        };
        write_if_unchanged(target, before, &[bom.as_bytes(), after.as_bytes()].concat())?;
    }
    // The reviews last: a record says "reviewed" only of text now in the file.
    for (path, state) in &reviews {
        crate::project::files::inside_project(project, path)?;
        crate::fsutil::write_if_changed(path, state.to_json().as_bytes())?;
    }
    report.written = !writes.is_empty();
    Ok(report)
}

/// What importing one document's units would do, nothing written yet.
struct DocMerge {
    refused: Vec<Refusal>,
    replaced: Vec<Replaced>,
    /// The messages to record as reviewed, and the state file that records them.
    reviewed: Option<(ChangedFile, PathBuf, StateFile)>,
    /// The messages written, the locale file, its text before and after.
    changed: Option<(ChangedFile, PathBuf, String, String)>,
    /// Messages written that `check` will call an error.
    errors: Vec<ImportWarning>,
}

fn merge_doc(
    project: &Project,
    locale: &str,
    doc: &str,
    units: &[&Incoming],
    shown: &dyn Fn(&Path) -> String,
) -> Result<DocMerge> {
    let reference = crate::fsutil::read_text(&project.ftl_path(&project.source.id, doc))?;
    let target = project.ftl_path(locale, doc);
    let before = crate::ftl::load::read(&target)?.unwrap_or_default();
    let (merged, refused) = merge(&reference, &before, locale, units);
    let state_path = StateFile::path(&project.root, locale, doc);
    let mut state = StateFile::load(&state_path)?;
    let replaced = replaced(
        &reference,
        &before,
        &state,
        &merged.changed,
        &shown(&target),
    );
    let newly = approvals(&reference, &merged.text, &mut state, &merged.approved);
    let reviewed = (!newly.is_empty()).then(|| {
        let file = ChangedFile {
            path: shown(&target),
            ids: newly,
        };
        (file, state_path, state)
    });
    let mut errors = Vec::new();
    if !merged.changed.is_empty() {
        let langid = crate::locale::parse_locale(locale).unwrap_or_default();
        let found = crate::lint::new_errors(locale, &langid, &reference, &before, &merged.text);
        errors.extend(found.into_iter().map(|(id, errors)| ImportWarning {
            path: shown(&target),
            id,
            errors,
        }));
    }
    let changed = (!merged.changed.is_empty()).then(|| {
        let file = ChangedFile {
            path: shown(&target),
            ids: merged.changed,
        };
        (file, target, before, merged.text)
    });
    Ok(DocMerge {
        refused,
        replaced,
        reviewed,
        changed,
        errors,
    })
}

/// Records as reviewed, in `state`, the `approved` messages of the locale
/// file as it will be (`after`) that were not reviewed for the English now;
/// returns their ids.
fn approvals(
    reference: &str,
    after: &str,
    state: &mut StateFile,
    approved: &[String],
) -> Vec<String> {
    if approved.is_empty() {
        return Vec::new();
    }
    let english = crate::state::sources(reference);
    let translations = crate::state::sources(after);
    let mut newly = Vec::new();
    for id in approved {
        let (Some(now), Some(translation)) = (english.get(id), translations.get(id)) else {
            continue;
        };
        if !state.reviewed(id, now, translation) {
            state.mark_reviewed(id, now, translation);
            newly.push(id.clone());
        }
    }
    newly
}

/// What writing the messages `changed` into `before` replaces: text a
/// translator typed that did not count yet (an edited template, a broken entry).
fn replaced(
    reference: &str,
    before: &str,
    state: &StateFile,
    changed: &[String],
    path: &str,
) -> Vec<Replaced> {
    let standings =
        crate::standing::standings(&crate::standing::Reference::of(reference), before, state);
    changed
        .iter()
        .filter_map(|id| {
            let m = standings.get(id)?;
            Some(Replaced {
                path: path.to_string(),
                id: id.clone(),
                standing: m.standing,
                text: m.typed.clone().filter(|_| m.standing.holds_typed_text())?,
            })
        })
        .collect()
}

/// Writes `after` to `path` atomically, unless the file no longer holds
/// `before` (someone saved it since it was read): then an error, nothing written.
/// One small function, to be swapped for `fsutil::write_if_unchanged`.
/// The translator's file is rewritten as `sync` rewrites it: re-read just
/// before the rename (an edit saved meanwhile wins and nothing is written),
/// read-only files refused, links kept.
fn write_if_unchanged(path: &Path, before: &str, after: &[u8]) -> Result<()> {
    // No file then and none now: it must still not exist when written.
    let expected = (path.exists() || !before.is_empty()).then_some(before);
    crate::fsutil::write_if_unchanged(path, expected, after).map(|_| ())
}

/// An error unless `path` still holds `before` (no file: empty).
fn unchanged_since(path: &Path, before: &str) -> Result<()> {
    let now = crate::ftl::load::read(path)?.unwrap_or_default();
    if now != before {
        return Err(Error::file(
            path,
            "changed on disk while import ran: run import again",
        ));
    }
    Ok(())
}

/// The units of each document: the one the file names, or the one document
/// that has the id. Duplicate units are an error naming both lines.
fn assign_documents<'u>(
    project: &Project,
    path: &Path,
    units: &'u [Incoming],
    docs: &[String],
) -> Result<BTreeMap<String, Vec<&'u Incoming>>> {
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for doc in docs {
        let text = crate::fsutil::read_text(&project.ftl_path(&project.source.id, doc))?;
        let set = ids.entry(doc.clone()).or_default();
        set.extend(
            super::units_of(doc, &text, "", "en", &Default::default())
                .into_iter()
                .map(|u| match super::variants::unit_variant(&u.id) {
                    Some((base, _)) => base.to_string(),
                    None => u.id,
                }),
        );
    }
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut out: BTreeMap<String, Vec<&Incoming>> = BTreeMap::new();
    for unit in units {
        let doc = match unit.doc.as_deref().and_then(|d| known_doc(d, &ids)) {
            Some(d) => d,
            None => {
                let holders: Vec<&String> = ids
                    .iter()
                    .filter(|(_, s)| {
                        let base = super::variants::unit_variant(&unit.id)
                            .map_or(unit.id.as_str(), |v| v.0);
                        s.contains(base)
                    })
                    .map(|(d, _)| d)
                    .collect();
                match holders.as_slice() {
                    [one] => (*one).clone(),
                    [] => docs.first().cloned().unwrap_or_default(),
                    _ => {
                        return Err(Error::At {
                            path: path.to_path_buf(),
                            line: unit.line,
                            column: 1,
                            message: format!(
                                "unit `{}` is in several documents and the file does not say which",
                                unit.id
                            ),
                        })
                    }
                }
            }
        };
        let key = match (unit.id.is_empty(), unit.location) {
            (true, Some(l)) => match &unit.location_variant {
                Some(v) => format!("{doc}.ftl[{v}]:{l}"),
                None => format!("{doc}.ftl:{l}"),
            },
            _ => unit.id.clone(),
        };
        if let Some(first) = seen.insert((doc.clone(), key.clone()), unit.line) {
            return Err(Error::At {
                path: path.to_path_buf(),
                line: unit.line,
                column: 1,
                message: format!("unit `{key}` again (first at line {first}): each unit once"),
            });
        }
        out.entry(doc).or_default().push(unit);
    }
    Ok(out)
}

/// The document a file names for a unit: its name (`guide/start`), or the
/// longest one it ends with after a `/` (`locales/en-US/guide/start`, as a
/// tool may write the path).
fn known_doc<V>(named: &str, docs: &BTreeMap<String, V>) -> Option<String> {
    if docs.contains_key(named) {
        return Some(named.to_string());
    }
    docs.keys()
        .filter(|d| named.ends_with(&format!("/{d}")))
        .max_by_key(|d| d.len())
        .cloned()
}
