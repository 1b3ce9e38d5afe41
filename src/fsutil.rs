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

/// Writes `contents` to `path` atomically, creating parent directories.
/// Returns false, writing nothing, when the file already holds exactly these bytes.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<bool> {
    if let Ok(existing) = std::fs::read(path) {
        if existing == contents {
            return Ok(false);
        }
    }
    write_atomic(path, contents)?;
    Ok(true)
}

/// Writes through a temporary file in the target's directory and renames it into
/// place. A symlink at `path` is replaced, never written through.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".ftlkit-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(contents).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_data().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}
