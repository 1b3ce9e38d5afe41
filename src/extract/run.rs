//! The disk side of `extract`: reads each document and the previous source
//! file, runs the disk-free [`crate::extract::extract`], writes atomically and
//! refreshes the stale records.

use crate::error::{Error, Result};
use crate::fsutil::{read_text, write_if_changed};
use crate::ftl::load::read_resource;
use crate::project::files::{inside_project, load_document};
use crate::project::Project;
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
}

/// Extracts every document of the project into `locales/<source>/<doc>.ftl`.
pub fn extract(project: &Project) -> Result<Vec<ExtractReport>> {
    let mut reports = Vec::new();
    for name in project.documents()? {
        let loaded = load_document(project, &name)?;
        let ftl_path = project.ftl_path(&project.source.id, &name);
        let previous = read_resource(&ftl_path)?
            .map(|r| crate::ftl::message_texts(&r))
            .unwrap_or_default();
        let extraction = crate::extract::extract(&name, &loaded.doc, &previous);
        // Record what English each translation was made from before the English
        // changes under it (see `state`).
        let seen = match crate::fsutil::read_text(&ftl_path) {
            Ok(text) => text,
            Err(_) => extraction.ftl.clone(),
        };
        refresh_state(project, &name, &seen)?;
        inside_project(project, &ftl_path)?;
        let written = write_if_changed(&ftl_path, extraction.ftl.as_bytes())?;
        reports.push(ExtractReport {
            doc: name,
            ftl_path,
            added: extraction.added,
            changed: extraction.changed,
            removed: extraction.removed,
            written,
            deleted: false,
        });
    }
    // Files extract wrote for documents that are gone from content/ go too
    // (only generated ones: hand-written source files such as page.ftl stay).
    let docs: std::collections::BTreeSet<String> = reports.iter().map(|r| r.doc.clone()).collect();
    let source_dir = project.locales_dir.join(&project.source.id);
    // With no document at all the content folder is more likely misplaced than
    // emptied on purpose: nothing is removed then.
    let gone: Vec<String> = match docs.is_empty() {
        false => crate::project::files::ftl_names(&source_dir)?
            .into_iter()
            .collect(),
        true => Vec::new(),
    };
    for stem in gone {
        let path = project.ftl_path(&project.source.id, &stem);
        let is_file = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_file());
        if docs.contains(&stem) || !is_file {
            continue;
        }
        let text = read_text(&path)?;
        if !text.starts_with(&crate::extract::generated_mark(&stem)) {
            continue;
        }
        inside_project(project, &path)?;
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        reports.push(ExtractReport {
            doc: stem,
            removed: crate::state::sources(&text).into_keys().collect(),
            ftl_path: path,
            added: Vec::new(),
            changed: Vec::new(),
            written: true,
            deleted: true,
        });
    }
    // Hand-written source files (page strings) are recorded as they are now.
    for stem in crate::project::files::ftl_names(&source_dir)? {
        if !docs.contains(&stem) {
            let path = project.ftl_path(&project.source.id, &stem);
            refresh_state(project, &stem, &read_text(&path)?)?;
        }
    }
    Ok(reports)
}

/// Updates `l10n-state/<locale>/<file>.json` of every target locale, given the
/// English the translators could see.
pub fn refresh_state(project: &Project, file: &str, english_seen: &str) -> Result<()> {
    use crate::state::{sources, StateFile};
    let english = sources(english_seen);
    for locale in &project.targets {
        let translations = match read_text(&project.ftl_path(&locale.id, file)) {
            Ok(text) => sources(&text),
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                Default::default()
            }
            Err(e) => return Err(e),
        };
        let path = StateFile::path(&project.root, &locale.id, file);
        let mut state = StateFile::load(&path)?;
        if state.update(&english, &translations) || (!path.exists() && !translations.is_empty()) {
            if state.messages.is_empty() && !path.exists() {
                continue;
            }
            inside_project(project, &path)?;
            write_if_changed(&path, state.to_json().as_bytes())?;
        }
    }
    Ok(())
}
