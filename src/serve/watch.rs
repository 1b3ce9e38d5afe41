//! Following the project's files: every change under `content/`, `locales/`
//! or `l10n-state/` (an editor's save, a `git pull`, the server's own save)
//! bumps a generation counter the preview polls, and makes guarded reads
//! resolve folders again (one may have been replaced by a link).

use crate::error::{Error, Result};
use crate::project::Project;
use notify::{EventKind, RecursiveMode, Watcher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Starts watching; the watcher stops when the value returned is dropped.
pub fn start(project: &Project, generation: Arc<AtomicU64>) -> Result<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let counts = match &event {
            Ok(e) => !matches!(e.kind, EventKind::Access(_)),
            Err(_) => true,
        };
        if counts {
            crate::fsutil::forget_folder_links();
            generation.fetch_add(1, Ordering::SeqCst);
        }
    })
    .map_err(|e| Error::Usage(format!("cannot watch the project's files: {e}")))?;
    let state = project.root.join("l10n-state");
    for dir in [&project.content_dir, &project.locales_dir, &state] {
        if dir.is_dir() {
            watcher
                .watch(dir, RecursiveMode::Recursive)
                .map_err(|e| Error::file(dir, format!("cannot be watched: {e}")))?;
        }
    }
    Ok(watcher)
}
