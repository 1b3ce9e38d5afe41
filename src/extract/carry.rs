//! The disk side of moves between documents: every target locale's
//! translations, templates and stale records follow the messages
//! [`super::moves::find_moves`] found, through the byte-preserving edits of
//! [`crate::sync::carry`]. Each file is read once, edited in memory, and
//! written with a temporary file and a rename, re-read just before (an editor
//! that saved meanwhile wins, and nothing is written).

use super::moves::Move;
use crate::error::{Error, Result};
use crate::fsutil::{read_text, write_if_changed};
use crate::project::files::inside_project;
use crate::project::Project;
use crate::state::{hash, StateFile};
use crate::sync::carry::{cut, only_boilerplate, put, rename_all, renamed};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

/// What moved from one document to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried {
    pub from: String,
    pub to: String,
    /// How many messages moved.
    pub messages: usize,
    /// Per locale, how many translations (entries, not templates) went along.
    pub translations: BTreeMap<String, usize>,
    /// The locale files that went with a document renamed as a whole.
    pub renamed_files: Vec<PathBuf>,
    /// The locale files left with nothing anyone wrote and removed.
    pub removed_files: Vec<PathBuf>,
}

/// A locale file as read and as it becomes.
struct Text {
    path: PathBuf,
    read: Option<String>,
    now: Option<String>,
    /// The file starts with a byte-order mark (kept, and renamed along).
    bom: bool,
}

/// Carries every target locale's translations along `moves`. `english` is
/// each destination document's new source-locale file (where sync would put
/// a message); `gone` the documents that no longer exist.
pub fn carry(
    project: &Project,
    moves: &[Move],
    english: &HashMap<String, String>,
    gone: &HashSet<String>,
) -> Result<Vec<Carried>> {
    let mut pairs: BTreeMap<(String, String), Carried> = BTreeMap::new();
    for m in moves {
        let key = (m.from_doc.clone(), m.to_doc.clone());
        pairs
            .entry(key)
            .or_insert_with(|| Carried {
                from: m.from_doc.clone(),
                to: m.to_doc.clone(),
                messages: 0,
                translations: BTreeMap::new(),
                renamed_files: Vec::new(),
                removed_files: Vec::new(),
            })
            .messages += 1;
    }
    if moves.is_empty() {
        return Ok(Vec::new());
    }
    for locale in &project.targets {
        carry_locale(project, &locale.id, moves, english, gone, &mut pairs)?;
    }
    Ok(pairs.into_values().collect())
}

/// One locale's files and records.
fn carry_locale(
    project: &Project,
    locale: &str,
    moves: &[Move],
    english: &HashMap<String, String>,
    gone: &HashSet<String>,
    pairs: &mut BTreeMap<(String, String), Carried>,
) -> Result<()> {
    let mut by_from: BTreeMap<&str, HashMap<&str, &Move>> = BTreeMap::new();
    for m in moves {
        by_from
            .entry(m.from_doc.as_str())
            .or_default()
            .insert(m.from_id.as_str(), m);
    }
    let mut texts: BTreeMap<String, Text> = BTreeMap::new();
    let mut states: BTreeMap<String, StateFile> = BTreeMap::new();
    for doc in by_from
        .keys()
        .copied()
        .chain(moves.iter().map(|m| m.to_doc.as_str()))
    {
        if !texts.contains_key(doc) {
            let path = project.ftl_path(locale, doc);
            let read = crate::ftl::load::read(&path)?;
            let state = StateFile::load(&StateFile::path(&project.root, locale, doc))?;
            states.insert(doc.to_string(), state);
            texts.insert(
                doc.to_string(),
                Text {
                    bom: crate::fsutil::starts_with_bom(&path),
                    path,
                    now: read.clone(),
                    read,
                },
            );
        }
    }
    let mut cuts = Vec::new();
    for (&from, renames) in &by_from {
        let Some(text) = texts[from].now.clone() else {
            continue;
        };
        if let Some(to) = whole_file(from, renames, moves, gone, &texts) {
            // Renamed as a whole: the file goes along, every byte kept but
            // the ids, and so do its records.
            let map: HashMap<String, String> = renames
                .iter()
                .map(|(old, m)| (old.to_string(), m.to_id.clone()))
                .collect();
            let (_, taken) = cut(&text, &|id| renames.contains_key(id));
            let bom = texts[from].bom;
            let dest = texts.get_mut(to).expect("loaded");
            dest.now = Some(rename_all(&text, &map));
            dest.bom = bom;
            texts.get_mut(from).expect("loaded").now = None;
            let mut state = std::mem::take(states.get_mut(from).expect("loaded"));
            let mut moved = StateFile::default();
            for c in &taken {
                move_record(&mut state, &mut moved, c, &renames[c.id.as_str()].to_id);
            }
            // What did not move (an obsolete entry) keeps its record too.
            moved.messages.append(&mut state.messages);
            moved.templates.append(&mut state.templates);
            merge_state(states.get_mut(to).expect("loaded"), moved);
            let carried = pairs
                .get_mut(&(from.to_string(), to.to_string()))
                .expect("a pair per move");
            let entries = taken.iter().filter(|c| !c.template).count();
            *carried.translations.entry(locale.into()).or_default() += entries;
            carried.renamed_files.push(texts[from].path.clone());
            continue;
        }
        let (rest, taken) = cut(&text, &|id| renames.contains_key(id));
        texts.get_mut(from).expect("loaded").now = Some(rest);
        cuts.extend(taken.into_iter().map(|c| (from, c)));
    }
    for (from, c) in cuts {
        let m = by_from[from][c.id.as_str()];
        let mut from_state = std::mem::take(states.get_mut(from).expect("loaded"));
        let mut to_state = std::mem::take(states.get_mut(m.to_doc.as_str()).expect("loaded"));
        move_record(&mut from_state, &mut to_state, &c, &m.to_id);
        states.insert(from.to_string(), from_state);
        states.insert(m.to_doc.clone(), to_state);
        let reference = english.get(&m.to_doc).map_or("", String::as_str);
        let dest = texts.get_mut(&m.to_doc).expect("loaded");
        let current = dest
            .now
            .take()
            .unwrap_or_else(|| crate::sync::run::new_file_header(locale, &m.to_doc));
        let block = renamed(&c.text, &c.id, &m.to_id);
        dest.now = Some(put(reference, &current, &m.to_id, &block));
        if !c.template {
            let key = (from.to_string(), m.to_doc.clone());
            let carried = pairs.get_mut(&key).expect("a pair per move");
            *carried.translations.entry(locale.into()).or_default() += 1;
        }
    }
    write_locale(project, locale, texts, states, gone, pairs)
}

/// The one document that takes a gone document's whole file: every moved
/// message goes there, nothing else moves there, and it has no file yet.
fn whole_file<'a>(
    from: &str,
    renames: &HashMap<&str, &'a Move>,
    moves: &[Move],
    gone: &HashSet<String>,
    texts: &BTreeMap<String, Text>,
) -> Option<&'a str> {
    let to = renames.values().next()?.to_doc.as_str();
    let single = renames.values().all(|m| m.to_doc == to)
        && moves.iter().all(|m| m.to_doc != to || m.from_doc == from);
    let free = texts.get(to).is_some_and(|t| t.now.is_none());
    (gone.contains(from) && single && free && !renames.values().any(|m| m.from_doc == to))
        .then_some(to)
}

/// Moves the stale record and the template record of a cut message.
fn move_record(from: &mut StateFile, to: &mut StateFile, c: &crate::sync::carry::Cut, new: &str) {
    if let Some(record) = from.messages.remove(&c.id) {
        to.messages.insert(new.to_string(), record);
    }
    // A template ftlkit wrote stays ftlkit's (the next sync may redo it).
    let key = crate::ftl::blocks::template_key(&c.text);
    if c.template && from.wrote_template(&c.id, &key) {
        let renamed = crate::ftl::blocks::template_key(&renamed(&c.text, &c.id, new));
        to.templates.insert(new.to_string(), hash(&renamed));
    }
    from.templates.remove(&c.id);
}

fn merge_state(into: &mut StateFile, mut other: StateFile) {
    into.messages.append(&mut other.messages);
    into.templates.append(&mut other.templates);
}

/// Writes what changed: destinations first, then what is left of the
/// sources; a gone document's file left with nothing anyone wrote goes.
fn write_locale(
    project: &Project,
    locale: &str,
    texts: BTreeMap<String, Text>,
    mut states: BTreeMap<String, StateFile>,
    gone: &HashSet<String>,
    pairs: &mut BTreeMap<(String, String), Carried>,
) -> Result<()> {
    let mut removals = Vec::new();
    let mut emptied = BTreeSet::new();
    for (doc, t) in &texts {
        match &t.now {
            Some(now) if gone.contains(doc) && only_boilerplate(now) => {
                removals.push((doc, t));
            }
            Some(now) if t.read.as_deref() != Some(now.as_str()) => {
                inside_project(project, &t.path)?;
                let bom = if t.bom { "\u{feff}" } else { "" };
                let bytes = [bom.as_bytes(), now.as_bytes()].concat();
                crate::fsutil::write_if_unchanged(&t.path, t.read.as_deref(), &bytes)?;
            }
            None if t.read.is_some() => removals.push((doc, t)),
            _ => {}
        }
    }
    for (doc, t) in removals {
        inside_project(project, &t.path)?;
        // Re-read just before: an edit saved meanwhile keeps the file.
        if read_text(&t.path).ok().as_deref() != t.read.as_deref() {
            return Err(Error::file(
                &t.path,
                "changed while ftlkit was moving its translations; its messages are in their new file, this one is kept as it is now: check it and remove what moved",
            ));
        }
        std::fs::remove_file(&t.path).map_err(|e| Error::io(&t.path, e))?;
        remove_empty_folders(&t.path, &project.locales_dir.join(locale));
        emptied.insert(doc.clone());
        for carried in pairs.values_mut().filter(|c| c.from == *doc) {
            if t.now.is_some() {
                carried.removed_files.push(t.path.clone());
            }
        }
    }
    for (doc, state) in states.iter_mut() {
        let path = StateFile::path(&project.root, locale, doc);
        let old = StateFile::load(&path)?;
        if *state == old {
            continue;
        }
        inside_project(project, &path)?;
        if emptied.contains(doc) && state.messages.is_empty() && state.templates.is_empty() {
            if path.exists() {
                std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
                let top = project.root.join(crate::state::STATE_DIR).join(locale);
                remove_empty_folders(&path, &top);
            }
            continue;
        }
        state.version = 1;
        write_if_changed(&path, state.to_json().as_bytes())?;
    }
    Ok(())
}

/// The folders of a removed file that it leaves empty (a nested document's
/// `guide/` once its last file moved), up to `top`, which stays. A folder
/// with anything in it stays: `remove_dir` removes only empty ones.
fn remove_empty_folders(file: &std::path::Path, top: &std::path::Path) {
    let mut dir = file.parent();
    while let Some(d) = dir.filter(|d| d.starts_with(top) && *d != top) {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}
