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

/// Whether the file begins with a UTF-8 byte-order mark (which [`read_text`]
/// drops), so that a rewrite can keep it.
pub fn starts_with_bom(path: &Path) -> bool {
    let mut head = [0u8; 3];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|()| head == [0xef, 0xbb, 0xbf])
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
///
/// The file keeps the permissions of the one it replaces; a new file gets the
/// usual ones (0666 less the umask), as `std::fs::write` would give it, not the
/// owner-only mode of a temporary file. A folder that vanishes while the write
/// is under way (another process cleaning the output) is created again.
pub fn write_atomic_with(path: &Path, contents: &[u8], durability: Durability) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let kept = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut attempt = 0;
    loop {
        attempt += 1;
        match write_once(dir, path, contents, durability, kept.as_ref()) {
            Err(Error::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound && attempt < 3 => {}
            other => return other,
        }
    }
}

fn write_once(
    dir: &Path,
    path: &Path,
    contents: &[u8],
    durability: Durability,
    kept: Option<&std::fs::Permissions>,
) -> Result<()> {
    if !dir.is_dir() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ftlkit-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, plain_io_error(e)))?;
    if let Some(permissions) = kept {
        tmp.as_file()
            .set_permissions(permissions.clone())
            .map_err(|e| Error::io(path, e))?;
    }
    tmp.write_all(contents).map_err(|e| Error::io(path, e))?;
    if durability == Durability::Synced {
        tmp.as_file().sync_data().map_err(|e| Error::io(path, e))?;
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// How old a temporary file must be before [`remove_stale_temp_files`] takes
/// it for the leftover of an interrupted run rather than another run's work in
/// progress (which lives for milliseconds).
pub const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(300);

/// Removes the temporary files (`.ftlkit-*.tmp`) older than `age` that a killed
/// run left in `dir` and its subfolders (symbolic links are not followed).
/// Returns how many were removed; a folder that cannot be read is skipped.
pub fn remove_stale_temp_files(dir: &Path, age: std::time::Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = std::time::SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            removed += remove_stale_temp_files(&path, age);
            continue;
        }
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).is_ok_and(|d| d >= age));
        if kind.is_file()
            && name.starts_with(".ftlkit-")
            && name.ends_with(".tmp")
            && old
            && std::fs::remove_file(&path).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// `tempfile` adds the temporary file's random name to its errors ("… at path
/// \"/x/.ftlkit-Ab12.tmp\""), which means nothing to the reader: drop it.
fn plain_io_error(e: std::io::Error) -> std::io::Error {
    if e.get_ref().is_none() {
        return e;
    }
    let text = e.to_string();
    match text.rfind(" at path \"") {
        Some(cut) => std::io::Error::new(e.kind(), &text[..cut]),
        None => e,
    }
}
