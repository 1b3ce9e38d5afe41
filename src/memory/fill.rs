//! `sync --fill-exact`: the translation memory's 100% matches (the same
//! English, or the same but for placeables and numbers, carried over) written
//! into a locale's missing messages, each marked stale in `l10n-state/` so
//! that it waits for a translator's review (an edit, or `ftlkit accept`) and
//! is never counted as done. A message is filled only when every part of it
//! (value and attributes) has such a match, through the same merge as
//! `import` (placeables checked, every other line of the file kept).

use super::run::load_with;
use super::{MatchKind, Memory};
use crate::error::{Error, Result};
use crate::exchange::merge::merge;
use crate::exchange::run::{catalog, ExportOptions};
use crate::exchange::{Catalog, Incoming, UnitState};
use crate::lint::new_errors;
use crate::project::{Locale, Project};
use crate::standing::Standing;
use crate::state::{hash, sources, Record, StateFile};
use serde::Serialize;
use std::collections::BTreeMap;

/// The messages filled in one locale file.
#[derive(Debug, Clone, Serialize)]
pub struct Filled {
    pub locale: String,
    /// Relative to the project root.
    pub path: String,
    /// Each message filled, with its match's origin.
    pub messages: Vec<FilledMessage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FilledMessage {
    pub id: String,
    /// Where the translation comes from (`article: article-intro`, `old.tmx:12`).
    pub origin: String,
}

/// Fills the 100% matches of `locales` (every target locale when empty).
/// With `dry_run`, says what it would fill and writes nothing. Returns the
/// files filled and what the memory could not use (TMX files).
pub fn fill_exact(
    project: &Project,
    locales: &[String],
    dry_run: bool,
) -> Result<(Vec<Filled>, Vec<Error>)> {
    let mut filled = Vec::new();
    let mut warnings = Vec::new();
    for locale in &project.targets {
        if !locales.is_empty() && !locales.contains(&locale.id) {
            continue;
        }
        let catalog = catalog(project, &locale.id, &ExportOptions::default())?;
        let loaded = load_with(project, &catalog);
        warnings.extend(loaded.warnings);
        for (doc, messages) in exact_matches(&loaded.memory, &catalog) {
            if let Some(f) = fill_doc(project, locale, &doc, &messages, dry_run)? {
                filled.push(f);
            }
        }
    }
    Ok((filled, warnings))
}

/// A message's units to write and where its translation comes from.
type Message = (Vec<Incoming>, String);

/// Per document, per missing message whose every part has a 100% match:
/// the units to write.
fn exact_matches(
    memory: &Memory,
    catalog: &Catalog,
) -> BTreeMap<String, BTreeMap<String, Message>> {
    let mut found: BTreeMap<String, BTreeMap<String, Option<Message>>> = BTreeMap::new();
    // Only what nobody typed into: a missing message or an untouched
    // template. A template someone edited (or a broken entry) holds their
    // text, which a fill must never replace.
    let untouched = |u: &&crate::exchange::Unit| {
        u.state == UnitState::New && matches!(u.standing, Standing::Missing | Standing::Template)
    };
    for unit in catalog.units.iter().filter(untouched) {
        let base = unit.id.split('.').next().unwrap_or(&unit.id).to_string();
        let slot = found
            .entry(unit.doc.clone())
            .or_default()
            .entry(base)
            .or_insert_with(|| Some((Vec::new(), String::new())));
        let Some((units, origin)) = slot else {
            continue;
        };
        // A control character (a TMX's terminal escape) is never filled.
        let best = memory
            .suggest(&unit.source, 1, 100)
            .into_iter()
            .next()
            .filter(|s| matches!(s.kind, MatchKind::Exact | MatchKind::Carried))
            .filter(|s| !s.text.chars().any(crate::ftl::needs_escape));
        match best {
            Some(s) => {
                if origin.is_empty() {
                    *origin = s.entry.origin.label();
                }
                units.push(Incoming {
                    doc: Some(unit.doc.clone()),
                    id: unit.id.clone(),
                    source: Some(unit.source.clone()),
                    target: Some(s.text),
                    line: unit.line,
                    ..Incoming::default()
                });
            }
            None => *slot = None,
        }
    }
    found
        .into_iter()
        .map(|(doc, messages)| {
            let complete = messages.into_iter().filter_map(|(id, m)| Some((id, m?)));
            (doc, complete.collect())
        })
        .collect()
}

/// The message a unit id belongs to (`a` of `a.title` and `a[one]`).
fn message_of(unit: &str) -> String {
    let end = unit.find(['.', '[']).unwrap_or(unit.len());
    unit[..end].to_string()
}

/// Writes one document's filled messages: the state records first (so a
/// filled message is never, even for a moment, recorded as done), then the
/// locale file, only if nobody changed it meanwhile.
fn fill_doc(
    project: &Project,
    locale: &Locale,
    doc: &str,
    messages: &BTreeMap<String, Message>,
    dry_run: bool,
) -> Result<Option<Filled>> {
    let reference_path = project.ftl_path(&project.source.id, doc);
    let reference = crate::fsutil::read_text(&reference_path)?;
    let path = project.ftl_path(&locale.id, doc);
    let before = crate::ftl::load::read(&path)?.unwrap_or_default();
    // One merge for the whole file; a message the merge refuses (it would
    // break the file) is left out, and the rest merged again.
    let mut refused_ids: std::collections::BTreeSet<String> = Default::default();
    let (text, changed) = loop {
        let units: Vec<&Incoming> = messages
            .iter()
            .filter(|(id, _)| !refused_ids.contains(*id))
            .flat_map(|(_, (units, _))| units)
            .collect();
        let (merged, refused) = merge(&reference, &before, &locale.id, &units);
        let before_count = refused_ids.len();
        refused_ids.extend(refused.iter().map(|r| message_of(&r.unit)));
        // Nor is a message check would then call an error (an unbalanced
        // RLO, a `<script>`): a fill never adds an error.
        if refused.is_empty() {
            let errors = new_errors(
                &locale.id,
                &locale.langid,
                &reference,
                &before,
                &merged.text,
            );
            refused_ids.extend(errors.into_keys());
            if refused_ids.len() == before_count {
                break (merged.text, merged.changed);
            }
            continue;
        }
        if refused_ids.len() == before_count {
            // A refusal naming no message of ours: write nothing.
            break (before.clone(), Vec::new());
        }
    };
    let done: Vec<FilledMessage> = messages
        .iter()
        .filter(|(id, _)| changed.contains(id))
        .map(|(id, (_, origin))| FilledMessage {
            id: id.clone(),
            origin: origin.clone(),
        })
        .collect();
    if done.is_empty() {
        return Ok(None);
    }
    if !dry_run {
        crate::project::files::inside_project(project, &path)?;
        let state_path = StateFile::path(&project.root, &locale.id, doc);
        let mut state = StateFile::load(&state_path)?;
        let english = sources(&reference);
        let written = sources(&text);
        for m in &done {
            let (Some(english), Some(translation)) = (english.get(&m.id), written.get(&m.id))
            else {
                continue;
            };
            state.version = 1;
            // No longer a template: sync would drop its hash on its next run.
            state.templates.remove(&m.id);
            state.messages.insert(
                m.id.clone(),
                Record {
                    english: english.clone(),
                    translation: hash(translation),
                    memory: Some(m.origin.clone()),
                    reviewed: false,
                },
            );
        }
        crate::fsutil::write_if_changed(&state_path, state.to_json().as_bytes())?;
        let bom = if crate::fsutil::starts_with_bom(&path) {
            "\u{feff}"
        } else {
            ""
        };
        let expected = (path.exists() || !before.is_empty()).then_some(before.as_str());
        crate::fsutil::write_if_unchanged(&path, expected, format!("{bom}{text}").as_bytes())?;
    }
    Ok(Some(Filled {
        locale: locale.id.clone(),
        path: path
            .strip_prefix(&project.root)
            .unwrap_or(&path)
            .display()
            .to_string(),
        messages: done,
    }))
}
