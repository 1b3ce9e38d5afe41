//! Disk helpers shared by the commands: UTF-8 reading with a clear error and
//! atomic writes (a temporary file in the same directory, then a rename), so an
//! interrupted run leaves the previous file whole.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Reads a UTF-8 text file. A leading byte-order mark is dropped; invalid UTF-8 is
/// an error naming the line and column of the first bad byte.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&err.as_bytes()[..valid]);
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(Error::At {
                path: path.to_path_buf(),
                line,
                column,
                message: "the file is not valid UTF-8; save it as UTF-8".into(),
            })
        }
    }
}

/// Whether a write waits for the disk. Files people wrote or only ftlkit can
/// recreate from them (source messages, translations, stale records) are synced
/// before the rename; build outputs, which a rebuild recreates, are not: the
/// rename alone keeps an interrupted build from leaving a half-written page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    Synced,
    Rebuildable,
}

/// Writes `contents` to `path` atomically, creating parent directories.
/// Returns false, writing nothing, when the file already holds exactly these bytes.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<bool> {
    write_if_changed_with(path, contents, Durability::Synced)
}

/// [`write_if_changed`] with a choice of [`Durability`].
pub fn write_if_changed_with(path: &Path, contents: &[u8], durability: Durability) -> Result<bool> {
    if let Ok(existing) = std::fs::read(path) {
        if existing == contents {
            return Ok(false);
        }
    }
    write_atomic_with(path, contents, durability)?;
    Ok(true)
}

/// Writes through a temporary file in the target's directory and renames it into
/// place. A symlink at `path` is replaced, never written through.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    write_atomic_with(path, contents, Durability::Synced)
}

/// [`write_atomic`] with a choice of [`Durability`].
pub fn write_atomic_with(path: &Path, contents: &[u8], durability: Durability) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".ftlkit-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(contents).map_err(|e| Error::io(path, e))?;
    if durability == Durability::Synced {
        tmp.as_file().sync_data().map_err(|e| Error::io(path, e))?;
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}
