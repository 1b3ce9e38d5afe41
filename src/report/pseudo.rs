//! `pseudo`: the pseudo-locales' files written under `locales/`.

use super::shown;
use crate::project::Project;
use std::io::{self, Write};
use std::path::PathBuf;

/// `wrote PATH` per file.
pub fn human(out: &mut dyn Write, written: &[PathBuf], project: &Project) -> io::Result<()> {
    for path in written {
        writeln!(out, "wrote {}", shown(&project.root, path))?;
    }
    Ok(())
}

/// `{"written": [paths relative to the project root]}`.
pub fn json(out: &mut dyn Write, written: &[PathBuf], project: &Project) -> io::Result<()> {
    let written: Vec<String> = written.iter().map(|p| shown(&project.root, p)).collect();
    super::json(out, &serde_json::json!({ "written": written }))
}
