//! The disk side of `extract`: reads each document and the previous source
//! file, runs the disk-free [`crate::extract::extract`], writes atomically and
//! refreshes the stale records.

use super::carry::Carried;
use super::new_state::NewStateFolders;
use crate::error::{Error, Result};
use crate::fsutil::{read_text, write_if_changed};
use crate::ftl::load::strict;
use crate::project::files::{inside_project, load_document};
use crate::project::Project;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

/// What `extract` did to one document's source-locale file.
#[derive(Debug, Clone)]
pub struct ExtractReport {
    pub doc: String,
    pub ftl_path: PathBuf,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    /// False when the file already held exactly the new text.
    pub written: bool,
    /// The document is gone: its generated file was removed (`removed` lists its ids).
    pub deleted: bool,
    /// Messages that came here from other documents (a rename, a move, a
    /// split, a merge), with the translations that came along.
    pub moved_in: Vec<Carried>,
    /// Not a document: the page strings, written for a project that had none.
    pub page_strings: bool,
}

/// A document read and extracted, not written yet.
struct Extracted {
    name: String,
    /// The document, with `previous` and the extraction's units: kept only
    /// while its messages may move (see [`settle`]).
    doc: Option<crate::markdown::Document>,
    ftl_path: PathBuf,
    /// The source-locale file as it was (read once): the English the
    /// translators saw, which the state records are brought up to date with.
    before: Option<String>,
    previous: Vec<(String, Option<String>)>,
    extraction: crate::extract::Extraction,
}

/// Extracts every document of the project into `locales/<source>/<doc>.ftl`.
///
/// Every document is extracted first; messages that left one document for
/// another then take their translations along ([`super::moves`],
/// [`super::carry`]) before the stale records are refreshed and the files
/// written.
pub fn extract(project: &Project) -> Result<Vec<ExtractReport>> {
    use rayon::prelude::*;
    // Documents in parallel (each is its own); the first error in document order.
    let extracted: Vec<Result<Extracted>> = project
        .documents()?
        .into_par_iter()
        .map(|name| extract_one(project, name))
        .collect();
    let extracted = extracted.into_iter().collect::<Result<Vec<_>>>()?;
    let docs: BTreeSet<String> = extracted.iter().map(|e| e.name.clone()).collect();
    let gone = gone_documents(project, &docs)?;
    let mut carried = carry_moves(project, &extracted, &gone)?;
    let mut reports = Vec::new();
    let written = write_extracted(project, &extracted)?;
    for (e, written) in extracted.into_iter().zip(written) {
        let written = written?;
        let moved_in: Vec<Carried> = carried.iter().filter(|c| c.to == e.name).cloned().collect();
        carried.retain(|c| c.to != e.name);
        reports.push(ExtractReport {
            doc: e.name,
            ftl_path: e.ftl_path,
            added: e.extraction.added,
            changed: e.extraction.changed,
            removed: e.extraction.removed,
            written: written || !moved_in.is_empty(),
            deleted: false,
            moved_in,
            page_strings: false,
        });
    }
    // Files extract wrote for documents that are gone from content/ go too
    // (only generated ones: hand-written source files such as page.ftl stay).
    for g in gone {
        inside_project(project, &g.path)?;
        std::fs::remove_file(&g.path).map_err(|e| Error::io(&g.path, e))?;
        reports.push(ExtractReport {
            doc: g.name,
            removed: crate::state::sources(&g.text).into_keys().collect(),
            ftl_path: g.path,
            added: Vec::new(),
            changed: Vec::new(),
            written: true,
            deleted: true,
            moved_in: Vec::new(),
            page_strings: false,
        });
    }
    // A project without page strings gets the built-in ones to edit.
    if !docs.is_empty() {
        if let Some(path) = crate::project::starter::page_strings_if_missing(project)? {
            let ids = crate::state::sources(&read_text(&path)?);
            reports.push(ExtractReport {
                doc: "page".into(),
                ftl_path: path,
                added: ids.into_keys().collect(),
                changed: Vec::new(),
                removed: Vec::new(),
                written: true,
                deleted: false,
                moved_in: Vec::new(),
                page_strings: true,
            });
        }
    }
    // Hand-written source files (page strings) are recorded as they are now.
    let source_dir = project.locales_dir.join(&project.source.id);
    for stem in crate::project::files::ftl_names(&source_dir)? {
        if !docs.contains(&stem) {
            let path = project.ftl_path(&project.source.id, &stem);
            refresh_state(project, &stem, &read_text(&path)?)?;
        }
    }
    Ok(reports)
}

/// One document read and extracted against its English file as it was.
fn extract_one(project: &Project, name: String) -> Result<Extracted> {
    let loaded = load_document(project, &name)?;
    let ftl_path = project.ftl_path(&project.source.id, &name);
    let before = crate::ftl::load::read(&ftl_path)?;
    let previous = match &before {
        Some(text) => crate::ftl::message_texts(&strict(&ftl_path, text)?),
        None => Vec::new(),
    };
    let extraction = crate::extract::extract(&name, &loaded.doc, &previous);
    Ok(settle(Extracted {
        name,
        doc: Some(loaded.doc),
        ftl_path,
        before,
        previous,
        extraction,
    }))
}

/// A document whose messages kept their ids (none lost, none new: most
/// documents, most runs) is neither where a message moves from nor to
/// ([`super::moves::find_moves`]): what finding moves reads of it is
/// dropped, so that a large book's extract holds its English files, not
/// every document parsed.
fn settle(mut e: Extracted) -> Extracted {
    let now: HashSet<&str> = e.extraction.units.iter().map(|u| u.id.as_str()).collect();
    let before: HashSet<&str> = e.previous.iter().map(|(id, _)| id.as_str()).collect();
    if now == before {
        e.doc = None;
        e.previous = Vec::new();
        e.extraction.units = Vec::new();
    }
    e
}

/// A source-locale file extract wrote for a document that is gone.
struct Gone {
    name: String,
    path: PathBuf,
    text: String,
}

/// The generated source-locale files whose document is no longer in the
/// content folder (hand-written ones such as page.ftl are not extract's).
fn gone_documents(project: &Project, docs: &BTreeSet<String>) -> Result<Vec<Gone>> {
    let source_dir = project.locales_dir.join(&project.source.id);
    // With no document at all the content folder is more likely misplaced than
    // emptied on purpose: nothing is removed then.
    // Every `.ftl` below the folder: a nested document's is `guide/start`.
    let names = match docs.is_empty() {
        false => crate::project::files::ftl_names(&source_dir)?,
        true => Default::default(),
    };
    let mut gone = Vec::new();
    for stem in names {
        let path = project.ftl_path(&project.source.id, &stem);
        let is_file = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_file());
        if docs.contains(&stem) || !is_file {
            continue;
        }
        let text = read_text(&path)?;
        if text.starts_with(&crate::extract::generated_mark(&stem)) {
            gone.push(Gone {
                name: stem,
                path,
                text,
            });
        }
    }
    Ok(gone)
}

/// Finds the messages that moved between documents and carries every target
/// locale's translations along (see [`super::moves`]).
fn carry_moves(project: &Project, extracted: &[Extracted], gone: &[Gone]) -> Result<Vec<Carried>> {
    use super::moves::{find_moves, lost, Current};
    // (a settled document is no move's end: [`settle`])
    let current: Vec<Current> = extracted
        .iter()
        .filter_map(|e| {
            Some(Current {
                name: &e.name,
                doc: e.doc.as_ref()?,
                previous: &e.previous,
                units: &e.extraction.units,
            })
        })
        .collect();
    let gone_messages: Vec<(String, super::moves::Messages)> = gone
        .iter()
        .map(|g| {
            let messages = crate::ftl::load::strict(&g.path, &g.text)
                .map(|r| crate::ftl::message_texts(&r))
                .unwrap_or_default();
            (g.name.clone(), messages)
        })
        .collect();
    let moves = find_moves(&current, &lost(&current, &gone_messages));
    if moves.is_empty() {
        return Ok(Vec::new());
    }
    let english: HashMap<String, String> = extracted
        .iter()
        .map(|e| (e.name.clone(), e.extraction.ftl.clone()))
        .collect();
    let gone: HashSet<String> = gone.iter().map(|g| g.name.clone()).collect();
    super::carry::carry(project, &moves, &english, &gone)
}

/// Each document's state records, then its English file, documents in
/// parallel (their files are their own): whether the English file was
/// written. The caller reports the first error in document order.
///
/// Every record is in place before any English changes under it (see
/// `state`): the state folders of locales recorded for the first time are
/// made whole and renamed into place ([`NewStateFolders`]) between the two.
fn write_extracted(project: &Project, extracted: &[Extracted]) -> Result<Vec<Result<bool>>> {
    use rayon::prelude::*;
    let new = NewStateFolders::of(project);
    let recorded: Vec<Result<()>> = extracted
        .par_iter()
        .map(|e| {
            let seen = e.before.as_deref().unwrap_or(&e.extraction.ftl);
            record_state(project, &e.name, seen, &new)
        })
        .collect();
    new.persist()?;
    Ok(extracted
        .par_iter()
        .zip(recorded)
        .map(|(e, recorded)| {
            recorded?;
            inside_project(project, &e.ftl_path)?;
            write_if_changed(&e.ftl_path, e.extraction.ftl.as_bytes())
        })
        .collect())
}

/// Updates `l10n-state/<locale>/<file>.json` of every target locale, given the
/// English the translators could see.
pub fn refresh_state(project: &Project, file: &str, english_seen: &str) -> Result<()> {
    record_state(project, file, english_seen, &NewStateFolders::none())
}

/// [`refresh_state`], the records of the locales in `new` written into their
/// staged folders.
fn record_state(
    project: &Project,
    file: &str,
    english_seen: &str,
    new: &NewStateFolders,
) -> Result<()> {
    use crate::state::{source_hashes, sources, would_update, StateFile};
    let english = sources(english_seen);
    for locale in &project.targets {
        let translation = crate::ftl::load::read(&project.ftl_path(&locale.id, file))?;
        let path = StateFile::path(&project.root, &locale.id, file);
        let staged = new.is_new(&locale.id);
        // A folder that is not there holds no records.
        let text = match staged {
            true => None,
            false => StateFile::read(&path)?,
        };
        // Nothing to record (the usual answer, as no translator edited the
        // file): decided without reading every record's English, nor
        // keeping the translations' sources.
        if let Some(text) = &text {
            let hashes = translation.as_deref().map(source_hashes);
            if would_update(text, &english, &hashes.unwrap_or_default()) == Some(false) {
                continue;
            }
        }
        let exists = text.is_some();
        let mut state = match &text {
            Some(text) => StateFile::parse(&path, text)?,
            None => StateFile::default(),
        };
        let translations = translation.as_deref().map(sources).unwrap_or_default();
        if state.update(&english, &translations) || (!exists && !translations.is_empty()) {
            if state.messages.is_empty() && !exists {
                continue;
            }
            if staged {
                new.write(project, &locale.id, file, state.to_json().as_bytes())?;
                continue;
            }
            inside_project(project, &path)?;
            write_if_changed(&path, state.to_json().as_bytes())?;
        }
    }
    Ok(())
}
