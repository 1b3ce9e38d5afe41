//! The disk side of `sync` and `init`: reads the reference and each locale
//! file, runs the disk-free block model of [`crate::sync`], writes atomically.

use crate::error::{Error, Result};
use crate::fsutil::{read_text, write_if_changed};
use crate::project::files::inside_project;
use crate::project::Project;
use std::path::PathBuf;

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
    /// With `--prune`: the first line of each comment or junk block kept in the
    /// obsolete section (prune removes only obsolete messages).
    pub other_kept: Vec<String>,
    /// Unified diff of the change; empty when nothing changes.
    pub diff: String,
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
        for name in crate::project::files::source_files(project)? {
            let reference = read_text(&project.ftl_path(&project.source.id, &name))?;
            let path = project.ftl_path(&locale.id, &name);
            let read = match read_text(&path) {
                Ok(t) => Some(t),
                Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                    None
                }
                Err(e) => return Err(e),
            };
            let current = read.clone().unwrap_or_default();
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
                // A deadline keeps a diff of thousands of changed lines from
                // taking Myers' quadratic time: past it, `similar` settles for
                // a correct but less minimal diff.
                similar::TextDiff::configure()
                    .timeout(std::time::Duration::from_millis(200))
                    .diff_lines(current.as_str(), outcome.text.as_str())
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
                // Re-checked just before the rename: an edit saved while sync
                // ran wins, and sync writes nothing (run it again).
                crate::fsutil::write_if_unchanged(&path, read.as_deref(), &bytes)?;
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
                other_kept: outcome.other_kept,
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
    crate::intl::check_known_language(&langid).map_err(Error::Usage)?;
    if id == project.source.id {
        return Err(Error::Usage(format!(
            "`{id}` is the source locale: `ftlkit extract` writes its files"
        )));
    }
    // Listed in ftlkit.toml already (by hand, or its folder was deleted):
    // the files it lacks are made, the configuration is left as it is.
    let listed = project.targets.iter().any(|t| t.id == id);
    let names = crate::project::files::source_files(project)?;
    if names.is_empty() {
        return Err(Error::Usage(
            "the source locale has no .ftl files: run `ftlkit extract` first".into(),
        ));
    }
    // Everything is read and checked before anything is written, so that a
    // failure leaves the project as it was; files the locale already has are
    // kept as they are (`sync` updates them), the missing ones are created.
    let config = match listed {
        true => None,
        false => locale_added_to_config(project, &langid.to_string())?,
    };
    let mut planned = Vec::new();
    for name in &names {
        let path = project.ftl_path(id, name);
        if path.symlink_metadata().is_ok() {
            continue;
        }
        let reference = read_text(&project.ftl_path(&project.source.id, name))?;
        let outcome = crate::sync::sync(&reference, &new_file_header(id, name), false);
        inside_project(project, &path)?;
        let state_path = crate::state::StateFile::path(&project.root, id, name);
        inside_project(project, &state_path)?;
        planned.push((path, state_path, outcome));
    }
    if listed && planned.is_empty() {
        return Err(Error::Usage(format!(
            "`{id}` is already a locale of this project and has every file: `ftlkit sync {id}` brings them in line with the English"
        )));
    }
    let mut written = Vec::new();
    for (path, state_path, outcome) in planned {
        crate::fsutil::write_if_unchanged(&path, None, outcome.text.as_bytes())?;
        let mut state = crate::state::StateFile::default();
        if state.record_templates(&outcome.templates) {
            write_if_changed(&state_path, state.to_json().as_bytes())?;
        }
        written.push(path);
    }
    if let Some((path, text)) = config {
        crate::fsutil::write_atomic(&path, text.as_bytes())?;
    }
    // A project with no ftlkit.toml gets a minimal one: editors find the
    // project by it.
    written.extend(crate::project::starter::config_if_missing(project)?);
    Ok(written)
}

/// The first lines of a locale file ftlkit creates (for `init`, or for
/// translations carried to a document the locale had no file for).
pub fn new_file_header(locale: &str, name: &str) -> String {
    format!(
        "# {locale} translation of {name}.ftl.\n# Each message below is the English, commented out: remove `{}` and translate the value.\n\n",
        crate::sync::TEMPLATE_MARK.trim_end()
    )
}

/// `ftlkit.toml` with the locale appended to `locales`, keeping its comments
/// and layout (toml_edit): the path and new text, to write once the locale's
/// files are. `None` without that key (locales are discovered from folders).
fn locale_added_to_config(project: &Project, id: &str) -> Result<Option<(PathBuf, String)>> {
    let path = project.root.join(crate::project::CONFIG_FILE);
    let text = match read_text(&path) {
        Ok(t) => t,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None)
        }
        Err(e) => return Err(e),
    };
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| Error::file(&path, e.to_string()))?;
    Ok(
        match doc.get_mut("locales").and_then(|v| v.as_array_mut()) {
            Some(array) => {
                array.push(id);
                Some((path, doc.to_string()))
            }
            None => None,
        },
    )
}
