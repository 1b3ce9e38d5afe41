//! Places in files as the protocol names them: `file:` URIs and paths, and
//! where the English defines a message. Shared by diagnostics, hover,
//! definition and the English editor's view; it uses only the workspace and
//! the position arithmetic, so none of them needs another (no cycle inside
//! `lsp/`: `tests/layout.rs` follows `super::` imports too).

use super::text::Lines;
use super::workspace::Workspace;
use lsp_types::{Location, Position, Range, Uri};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The file a `file:` URI names (percent-decoded, as the url crate reads it).
pub fn path_of(uri: &Uri) -> std::result::Result<PathBuf, String> {
    let url = url::Url::parse(uri.as_str()).map_err(|e| format!("{}: {e}", uri.as_str()))?;
    url.to_file_path()
        .map_err(|()| format!("{} is not a file on this machine", uri.as_str()))
}

/// The `file:` URI of a path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let url = url::Url::from_file_path(path).ok()?;
    Uri::from_str(url.as_str()).ok()
}

/// Where the reference defines `id`.
pub fn english_place(ws: &mut Workspace, reference: &Path, id: &str) -> Option<Location> {
    let digest = ws.digest(reference);
    let entry = digest.file.get(id)?;
    let lines = Lines::new(&digest.text);
    // A term's entry starts at its `-`.
    let offset = match digest.text[..entry.offset].ends_with('-') && id.starts_with('-') {
        true => entry.offset - 1,
        false => entry.offset,
    };
    let start = lines.position(offset);
    let end = lines.line(start.line as usize).map_or(start, |l| {
        let units: usize = l.chars().map(char::len_utf16).sum();
        Position::new(start.line, units as u32)
    });
    Some(Location::new(uri_of(reference)?, Range::new(start, end)))
}
