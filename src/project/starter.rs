//! What a new project gets so that it works before anyone configures it: a
//! minimal `ftlkit.toml` (the editors' language-server setups look for it to
//! find the project root), and the source locale's page strings (the text a
//! page shows around a document: the switcher's label, the byline…), which
//! would otherwise be blank.

use crate::error::{Error, Result};
use crate::project::files::inside_project;
use crate::project::{Project, CONFIG_FILE};
use std::path::PathBuf;

/// The `ftlkit.toml` `init` writes when there is none: the source locale
/// only, so that the locales are still found from their folders.
pub fn minimal_config(source: &str) -> String {
    format!(
        "# ftlkit project file (see README.md). Every key is optional: without\n\
         # `locales`, the locales are the folders under locales/. Editors' language\n\
         # server setups find the project by this file.\n\
         source-locale = \"{source}\"\n"
    )
}

/// Writes [`minimal_config`] when the project has no `ftlkit.toml`; returns
/// its path when it did.
pub fn config_if_missing(project: &Project) -> Result<Option<PathBuf>> {
    let path = project.root.join(CONFIG_FILE);
    if path.symlink_metadata().is_ok() {
        return Ok(None);
    }
    crate::fsutil::write_if_unchanged(&path, None, minimal_config(&project.source.id).as_bytes())?;
    Ok(Some(path))
}

/// Writes the built-in page strings as the source locale's `page.ftl` when
/// it has none, its language named as CLDR names it; returns its path when
/// it did. Never overwrites a file.
pub fn page_strings_if_missing(project: &Project) -> Result<Option<PathBuf>> {
    let path = project.ftl_path(&project.source.id, "page");
    if path.symlink_metadata().is_ok() {
        return Ok(None);
    }
    inside_project(project, &path)?;
    let text = crate::page_strings::built_in(&source_language_name(project));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    crate::fsutil::write_if_unchanged(&path, None, text.as_bytes())?;
    Ok(Some(path))
}

/// The source language's own name, or its code when CLDR has none.
pub fn source_language_name(project: &Project) -> String {
    crate::intl::language_autonym(&project.source.langid)
        .unwrap_or_else(|| project.source.id.clone())
}
