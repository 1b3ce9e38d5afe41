//! Writing the pseudo-locales' files under `locales/`.

use crate::error::Result;
use crate::fsutil::{read_text, write_if_changed};
use crate::project::files::inside_project;
use crate::project::Project;
use std::path::PathBuf;

/// Writes the pseudo-locales' files (`locales/en-XA`, `locales/ar-XB`) from the
/// source locale's, for inspection; `build --pseudo` makes them in memory.
pub fn write_pseudo(project: &Project) -> Result<Vec<PathBuf>> {
    use crate::pseudo::{pseudo_ftl, Strategy, PSEUDO_LOCALES};
    let mut written = Vec::new();
    for name in crate::project::files::source_files(project)? {
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
