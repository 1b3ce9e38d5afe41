//! The disk side of the pipeline: reads a project's documents and Fluent files,
//! runs the disk-free stages and writes their results atomically.

use crate::config::Project;
use crate::error::{Error, Result};
use crate::fsutil::{read_text, write_if_changed};
use crate::markdown::Document;
use std::path::{Path, PathBuf};

/// A document read and split into blocks.
pub struct LoadedDoc {
    pub name: String,
    pub path: PathBuf,
    pub doc: Document,
}

/// Reads and parses `content/<name>.md`.
pub fn load_document(project: &Project, name: &str) -> Result<LoadedDoc> {
    let path = project.content_dir.join(format!("{name}.md"));
    let text = read_text(&path)?;
    let doc = crate::markdown::parse(&text).map_err(|e| {
        let (line, column) = crate::ftl::line_column(&text, e.offset);
        Error::At {
            path: path.clone(),
            line,
            column,
            message: e.message,
        }
    })?;
    Ok(LoadedDoc {
        name: name.to_string(),
        path,
        doc,
    })
}

/// Reads a Fluent file into a resource; syntax errors become an error at the
/// first one's position. `Ok(None)` when the file does not exist.
pub fn read_resource(path: &Path) -> Result<Option<fluent_syntax::ast::Resource<String>>> {
    let text = match read_text(path) {
        Ok(text) => text,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None)
        }
        Err(e) => return Err(e),
    };
    if let Some(at) = crate::ftl::too_deep(&text) {
        let (line, column) = crate::ftl::line_column(&text, at);
        return Err(Error::At {
            path: path.to_path_buf(),
            line,
            column,
            message: crate::ftl::too_deep_message(),
        });
    }
    match fluent_syntax::parser::parse(text.clone()) {
        Ok(resource) => Ok(Some(resource)),
        Err((_, errors)) => {
            let first = &errors[0];
            let (line, column) = crate::ftl::line_column(&text, first.pos.start);
            Err(Error::At {
                path: path.to_path_buf(),
                line,
                column,
                message: format!("Fluent syntax error: {}", first.kind),
            })
        }
    }
}

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
    let mut gone: Vec<PathBuf> = match std::fs::read_dir(&source_dir) {
        Ok(entries) if !docs.is_empty() => entries.flatten().map(|e| e.path()).collect(),
        _ => Vec::new(),
    };
    gone.sort();
    for path in gone {
        let Some(stem) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        let is_file = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_file());
        if docs.contains(&stem) || !is_file || path.extension().is_none_or(|e| e != "ftl") {
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
    if let Ok(entries) = std::fs::read_dir(&source_dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if path.extension().and_then(|e| e.to_str()) == Some("ftl") && !docs.contains(stem) {
                refresh_state(project, stem, &read_text(&path)?)?;
            }
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

/// What `sync` did (or would do) to one locale file.
#[derive(Debug, Clone)]
pub struct SyncReport {
    pub locale: String,
    pub path: PathBuf,
    pub added: Vec<String>,
    /// Ids whose template was redone from changed English.
    pub refreshed: Vec<String>,
    pub obsolete: Vec<String>,
    /// Ids whose template someone edited, kept as it is (see [`crate::sync::sync_with`]).
    pub kept: Vec<String>,
    /// Obsolete ids `--prune` kept: they look like a misspelt reference id.
    pub spared: Vec<String>,
    /// Unified diff of the change; empty when nothing changes.
    pub diff: String,
}

fn source_files(project: &Project) -> Result<Vec<String>> {
    let dir = project.locales_dir.join(&project.source.id);
    let mut names = Vec::new();
    let entries = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| Error::io(&dir, e))?.path();
        if path.extension().and_then(|e| e.to_str()) == Some("ftl") {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                names.push(stem.to_string());
            }
        }
    }
    names.sort();
    Ok(names)
}

/// Runs `sync` for the given locales (all when empty); writes unless `dry_run`.
pub fn sync(
    project: &Project,
    only: &[String],
    prune: bool,
    dry_run: bool,
) -> Result<Vec<SyncReport>> {
    for id in only {
        if *id == project.source.id {
            return Err(Error::Usage(format!(
                "`{id}` is the source locale: `ftlkit extract` writes it, sync updates translations"
            )));
        }
        if !project.targets.iter().any(|t| t.id == *id) {
            return Err(project.unknown_locale(id));
        }
    }
    let mut reports = Vec::new();
    for locale in &project.targets {
        if !only.is_empty() && !only.contains(&locale.id) {
            continue;
        }
        for name in source_files(project)? {
            let reference = read_text(&project.ftl_path(&project.source.id, &name))?;
            let path = project.ftl_path(&locale.id, &name);
            let current = match read_text(&path) {
                Ok(t) => t,
                Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                    String::new()
                }
                Err(e) => return Err(e),
            };
            let state_path = crate::state::StateFile::path(&project.root, &locale.id, &name);
            let mut state = crate::state::StateFile::load(&state_path)?;
            let outcome = crate::sync::sync_with(&reference, &current, prune, &|id, text| {
                state.wrote_template(id, text)
            });
            let rel = path
                .strip_prefix(&project.root)
                .unwrap_or(&path)
                .display()
                .to_string();
            let diff = if outcome.text == current {
                String::new()
            } else {
                similar::TextDiff::from_lines(&current, &outcome.text)
                    .unified_diff()
                    .header(&format!("a/{rel}"), &format!("b/{rel}"))
                    .to_string()
            };
            if !dry_run && !diff.is_empty() {
                inside_project(project, &path)?;
                // A byte-order mark the translator's editor wrote stays.
                let bom = if crate::fsutil::starts_with_bom(&path) {
                    "\u{feff}"
                } else {
                    ""
                };
                let bytes = [bom.as_bytes(), outcome.text.as_bytes()].concat();
                crate::fsutil::write_atomic(&path, &bytes)?;
            }
            // Remember which templates are ftlkit's, so that the next sync may
            // redo them and keeps any that someone edits.
            if !dry_run && state.record_templates(&outcome.templates) {
                inside_project(project, &state_path)?;
                write_if_changed(&state_path, state.to_json().as_bytes())?;
            }
            reports.push(SyncReport {
                locale: locale.id.clone(),
                path,
                added: outcome.added,
                refreshed: outcome.refreshed,
                obsolete: outcome.obsolete,
                kept: outcome.kept,
                spared: outcome.spared,
                diff,
            });
        }
    }
    Ok(reports)
}

/// Creates a new locale: its id is validated before any path is built, then
/// every reference file gets a template and `ftlkit.toml` lists the locale.
pub fn init(project: &Project, id: &str) -> Result<Vec<PathBuf>> {
    let langid = crate::locale::parse_locale(id).map_err(Error::Usage)?;
    if id == project.source.id {
        return Err(Error::Usage(format!(
            "`{id}` is the source locale: `ftlkit extract` writes its files"
        )));
    }
    if project.targets.iter().any(|t| t.id == id) {
        return Err(Error::Usage(format!(
            "`{id}` is already a locale of this project"
        )));
    }
    let names = source_files(project)?;
    if names.is_empty() {
        return Err(Error::Usage(
            "the source locale has no .ftl files: run `ftlkit extract` first".into(),
        ));
    }
    let mut written = Vec::new();
    for name in &names {
        let path = project.ftl_path(id, name);
        if path.exists() {
            return Err(Error::file(
                &path,
                "already exists; use `ftlkit sync` to update it",
            ));
        }
        let reference = read_text(&project.ftl_path(&project.source.id, name))?;
        let header = format!(
            "# {id} translation of {name}.ftl.\n# Each message below is the English, commented out: remove `{}` and translate the value.\n\n",
            crate::sync::TEMPLATE_MARK.trim_end()
        );
        let outcome = crate::sync::sync(&reference, &header, false);
        inside_project(project, &path)?;
        crate::fsutil::write_atomic(&path, outcome.text.as_bytes())?;
        let state_path = crate::state::StateFile::path(&project.root, id, name);
        let mut state = crate::state::StateFile::default();
        if state.record_templates(&outcome.templates) {
            inside_project(project, &state_path)?;
            write_if_changed(&state_path, state.to_json().as_bytes())?;
        }
        written.push(path);
    }
    add_locale_to_config(project, &langid.to_string())?;
    Ok(written)
}

/// Appends the locale to `locales` in `ftlkit.toml`, keeping its comments and
/// layout (toml_edit). Without that key, locales are discovered from folders.
fn add_locale_to_config(project: &Project, id: &str) -> Result<()> {
    let path = project.root.join(crate::config::CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| Error::file(&path, e.to_string()))?;
    if let Some(array) = doc.get_mut("locales").and_then(|v| v.as_array_mut()) {
        array.push(id);
        crate::fsutil::write_atomic(&path, doc.to_string().as_bytes())?;
    }
    Ok(())
}

/// Writes the pseudo-locales' files (`locales/en-XA`, `locales/ar-XB`) from the
/// source locale's, for inspection; `build --pseudo` makes them in memory.
pub fn write_pseudo(project: &Project) -> Result<Vec<PathBuf>> {
    use crate::pseudo::{pseudo_ftl, Strategy, PSEUDO_LOCALES};
    let mut written = Vec::new();
    for name in source_files(project)? {
        let reference = read_text(&project.ftl_path(&project.source.id, &name))?;
        for id in PSEUDO_LOCALES {
            let strategy = Strategy::for_locale(id).expect("known pseudo-locale");
            let path = project.ftl_path(id, &name);
            inside_project(project, &path)?;
            write_if_changed(&path, pseudo_ftl(&reference, strategy).as_bytes())?;
            written.push(path);
        }
    }
    Ok(written)
}

/// Refuses a write whose folders below the project root include a symbolic
/// link: a link in `locales/` could point anywhere, and ftlkit never writes
/// through one.
pub fn inside_project(project: &Project, path: &Path) -> Result<()> {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == project.root || !d.starts_with(&project.root) {
            break;
        }
        if d.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return Err(Error::file(
                d,
                "is a symbolic link; ftlkit does not write through links: replace it with a folder",
            ));
        }
        dir = d.parent();
    }
    Ok(())
}
