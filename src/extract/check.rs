//! `ftlkit extract --check`: would `extract` change any file? For CI, to
//! fail a pull request that edited a document but forgot `ftlkit extract`.
//! Nothing in the project is written: extract runs on a copy of what it
//! reads and writes (the configuration, the content folder, the locales and
//! `l10n-state/`) in a temporary folder, and the copy is compared with the
//! project file by file — the answer is what a real run would do, whatever
//! extract does, because it is a real run.

use crate::error::{Error, Result};
use crate::project::Project;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One file `extract` would write or remove, relative to the project root.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pending {
    pub path: String,
    /// `added`, `changed` or `removed`.
    pub change: &'static str,
}

/// The files `extract` would add, change or remove, sorted; empty when the
/// project is up to date.
pub fn pending(project: &Project) -> Result<Vec<Pending>> {
    let scratch = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let copy = scratch.path();
    let folders = [
        project.content_dir.clone(),
        project.locales_dir.clone(),
        project.root.join(crate::state::STATE_DIR),
    ];
    let mut before = BTreeMap::new();
    for folder in &folders {
        let Ok(rel) = folder.strip_prefix(&project.root) else {
            return Err(Error::file(
                folder,
                "extract --check needs the content, locales and state folders inside the project",
            ));
        };
        copy_tree(folder, &copy.join(rel), rel, &mut before)?;
    }
    let config = project.root.join(crate::project::CONFIG_FILE);
    if config.is_file() {
        let text = crate::fsutil::read_text(&config)?;
        std::fs::write(copy.join(crate::project::CONFIG_FILE), text)
            .map_err(|e| Error::io(copy, e))?;
    }
    let copied = Project::load(copy)?;
    super::run::extract(&copied)?;
    let mut after = BTreeMap::new();
    for folder in &folders {
        let rel = folder.strip_prefix(&project.root).unwrap_or(folder);
        read_tree(&copy.join(rel), rel, &mut after)?;
    }
    let mut out = Vec::new();
    for (path, bytes) in &after {
        match before.get(path) {
            None => out.push(pending_of(path, "added")),
            Some(old) if old != bytes => out.push(pending_of(path, "changed")),
            _ => {}
        }
    }
    for path in before.keys().filter(|p| !after.contains_key(*p)) {
        out.push(pending_of(path, "removed"));
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn pending_of(path: &Path, change: &'static str) -> Pending {
    Pending {
        path: path.display().to_string(),
        change,
    }
}

/// Copies the regular files under `from` (following the project's own
/// links, as extract reads them) to `to`, recording each one's bytes by its
/// path relative to the project root.
fn copy_tree(
    from: &Path,
    to: &Path,
    rel: &Path,
    seen: &mut BTreeMap<PathBuf, Vec<u8>>,
) -> Result<()> {
    let entries = match std::fs::read_dir(from) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(from, e)),
    };
    std::fs::create_dir_all(to).map_err(|e| Error::io(to, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(from, e))?;
        let path = entry.path();
        let name = entry.file_name();
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_symlink() {
            // A link stays a link (extract's own rules judge it in the copy).
            let target = std::fs::read_link(&path).map_err(|e| Error::io(&path, e))?;
            #[cfg(unix)]
            std::os::unix::fs::symlink(&target, to.join(&name)).map_err(|e| Error::io(to, e))?;
            continue;
        }
        if kind.is_dir() {
            copy_tree(&path, &to.join(&name), &rel.join(&name), seen)?;
        } else if kind.is_file() {
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            std::fs::write(to.join(&name), &bytes).map_err(|e| Error::io(to, e))?;
            seen.insert(rel.join(&name), bytes);
        }
    }
    Ok(())
}

/// The regular files under `dir`, by their path relative to the root.
fn read_tree(dir: &Path, rel: &Path, seen: &mut BTreeMap<PathBuf, Vec<u8>>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let name = entry.file_name();
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_dir() {
            read_tree(&path, &rel.join(&name), seen)?;
        } else if kind.is_file() {
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            seen.insert(rel.join(&name), bytes);
        }
    }
    Ok(())
}
