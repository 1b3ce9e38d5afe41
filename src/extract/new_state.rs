//! The state folders of the target locales that have none yet
//! (`l10n-state/<locale>`: a locale extract records for the first time, 20
//! of them when a book starts 20 translations). Each is made whole under a
//! temporary name beside its place (`.ftlkit-*.tmp`, see
//! [`crate::fsutil::StagedDir`]), its files created under their own names
//! in it and synced, and renamed into place once every document's records
//! are in it: one rename for the locale instead of a temporary file, a
//! rename and the looks around them for each of its files, as the build
//! makes a new output folder. Nothing is read from a folder that is not
//! there. Dropped before [`NewStateFolders::persist`] (an error), the staged
//! folders go with everything in them: no locale is left half-recorded.

use crate::error::{Error, Result};
use crate::fsutil::{stage_dir, write_staged_with, Durability, StagedDir};
use crate::project::files::inside_project;
use crate::project::Project;
use crate::state::{StateFile, STATE_DIR};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

/// The target locales without a state folder, each with its staged folder
/// once a record is written for it.
pub struct NewStateFolders {
    folders: HashMap<String, Mutex<Option<StagedDir>>>,
}

impl NewStateFolders {
    /// The target locales of `project` whose state folder is not there
    /// (nothing at its place, not even a link).
    pub fn of(project: &Project) -> NewStateFolders {
        let state = project.root.join(STATE_DIR);
        let folders = project
            .targets
            .iter()
            .filter(|l| {
                matches!(state.join(&l.id).symlink_metadata(),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound)
            })
            .map(|l| (l.id.clone(), Mutex::new(None)))
            .collect();
        NewStateFolders { folders }
    }

    /// None: every locale's records are written where they go.
    pub fn none() -> NewStateFolders {
        NewStateFolders {
            folders: HashMap::new(),
        }
    }

    /// Whether `locale`'s state folder is one made here.
    pub fn is_new(&self, locale: &str) -> bool {
        self.folders.contains_key(locale)
    }

    /// Writes the state file of `locale` (a new one) for the document `file`
    /// into the locale's staged folder, made at its first file.
    pub fn write(&self, project: &Project, locale: &str, file: &str, json: &[u8]) -> Result<()> {
        let place = StateFile::path(&project.root, locale, file);
        let Some(slot) = self.folders.get(locale) else {
            return Err(Error::file(&place, "is not in a new state folder"));
        };
        let temp = {
            let mut staged = slot.lock().unwrap_or_else(|e| e.into_inner());
            if staged.is_none() {
                let dir = project.root.join(STATE_DIR).join(locale);
                // `l10n-state` (or a folder above it) is no link: the staged
                // folder is made in it.
                inside_project(project, &dir.join(".new"))?;
                *staged = Some(stage_dir(&dir)?);
            }
            staged.as_ref().map(|s| s.temp_path().to_path_buf())
        };
        let path = temp.unwrap_or_default().join(format!("{file}.json"));
        let written = match write_staged_with(&path, json, Durability::Synced) {
            // A nested document's folders (`guide/`), made in the staged folder.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let dir = path.parent().unwrap_or(Path::new("."));
                std::fs::create_dir_all(dir)
                    .and_then(|()| write_staged_with(&path, json, Durability::Synced))
            }
            other => other,
        };
        written.map_err(|e| Error::io(&place, e))
    }

    /// Renames each staged folder into place (see [`StagedDir::persist`]).
    pub fn persist(self) -> Result<()> {
        let mut locales: Vec<(String, Mutex<Option<StagedDir>>)> =
            self.folders.into_iter().collect();
        locales.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, slot) in locales {
            if let Some(staged) = slot.into_inner().unwrap_or_else(|e| e.into_inner()) {
                staged.persist()?;
            }
        }
        Ok(())
    }
}
