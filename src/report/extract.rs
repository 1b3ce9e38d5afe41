//! `extract`: per document, the ids added, changed and removed in the source
//! locale's file.

use super::shown;
use crate::extract::run::ExtractReport;
use crate::project::Project;
use serde::Serialize;
use std::io::{self, Write};
use std::path::PathBuf;

/// A warning per symbolic link to a folder inside the content folder: not
/// followed, so the documents behind it are not read.
pub fn skipped_files(err: &mut dyn Write, paths: &[PathBuf], project: &Project) -> io::Result<()> {
    for path in paths {
        writeln!(
            err,
            "warning: {}: skipped: a link to a folder is not followed (ftlkit reads no document through a link); put the folder itself under {} to localize it",
            shown(&project.root, path),
            shown(&project.root, &project.content_dir),
        )?;
    }
    Ok(())
}

/// One line per document, then its ids marked `+`, `~` or `-`.
pub fn human(out: &mut dyn Write, reports: &[ExtractReport], project: &Project) -> io::Result<()> {
    if reports.is_empty() {
        writeln!(out, "no documents under {}", project.content_dir.display())?;
    }
    for r in reports {
        let path = shown(&project.root, &r.ftl_path);
        if !r.written {
            writeln!(out, "{}: unchanged ({path})", r.doc)?;
            continue;
        }
        if r.deleted {
            writeln!(
                out,
                "{}: the document is gone, {path} removed ({} messages); translations of it are now obsolete files",
                r.doc,
                r.removed.len()
            )?;
            continue;
        }
        writeln!(
            out,
            "{}: {} added, {} changed, {} removed → {path}",
            r.doc,
            r.added.len(),
            r.changed.len(),
            r.removed.len(),
        )?;
        for (sign, ids) in [("+", &r.added), ("~", &r.changed), ("-", &r.removed)] {
            for id in ids {
                writeln!(out, "  {sign} {id}")?;
            }
        }
    }
    Ok(())
}

/// One document's result as JSON shows it.
#[derive(Serialize)]
struct Document<'a> {
    doc: &'a str,
    /// The source locale's file, relative to the project root.
    path: String,
    written: bool,
    deleted: bool,
    added: &'a [String],
    changed: &'a [String],
    removed: &'a [String],
}

/// `{"documents": [{"doc", "path", "written", "deleted", "added", "changed", "removed"}]}`.
pub fn json(out: &mut dyn Write, reports: &[ExtractReport], project: &Project) -> io::Result<()> {
    let documents: Vec<Document> = reports
        .iter()
        .map(|r| Document {
            doc: &r.doc,
            path: shown(&project.root, &r.ftl_path),
            written: r.written,
            deleted: r.deleted,
            added: &r.added,
            changed: &r.changed,
            removed: &r.removed,
        })
        .collect();
    // A struct, not `json!`, which would sort the documents' keys.
    #[derive(Serialize)]
    struct Extract<'a> {
        documents: Vec<Document<'a>>,
    }
    super::json(out, &Extract { documents })
}

/// `extract --check`: the files extract would write, or that there are none.
pub fn pending(out: &mut dyn Write, pending: &[crate::extract::check::Pending]) -> io::Result<()> {
    if pending.is_empty() {
        return writeln!(out, "extract is up to date: it would change no file");
    }
    for p in pending {
        writeln!(out, "{}: would be {}", p.path, p.change)?;
    }
    writeln!(
        out,
        "extract would change {}: run `ftlkit extract` and commit what it writes",
        super::plural(pending.len(), "file")
    )
}
