//! `extract`: per document, the ids added, changed and removed in the source
//! locale's file.

use super::shown;
use crate::extract::carry::Carried;
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

/// One line per document extract wrote, then its ids marked `+`, `~` or
/// `-`; the unchanged ones summed up on one line at the end.
pub fn human(out: &mut dyn Write, reports: &[ExtractReport], project: &Project) -> io::Result<()> {
    if reports.is_empty() {
        writeln!(out, "no documents under {}", project.content_dir.display())?;
    }
    for r in reports.iter().filter(|r| r.written) {
        written(out, r, reports, project)?;
    }
    let unchanged: Vec<&ExtractReport> = reports.iter().filter(|r| !r.written).collect();
    match unchanged.as_slice() {
        [] => Ok(()),
        [r] => writeln!(
            out,
            "{}: unchanged ({})",
            r.doc,
            shown(&project.root, &r.ftl_path)
        ),
        all => {
            const NAMED: usize = 3;
            let names: Vec<&str> = all.iter().take(NAMED).map(|r| r.doc.as_str()).collect();
            let more = match all.len().saturating_sub(NAMED) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            writeln!(
                out,
                "{} documents unchanged: {}{more}",
                all.len(),
                names.join(", ")
            )
        }
    }
}

/// A document whose source file extract wrote (or removed).
fn written(
    out: &mut dyn Write,
    r: &ExtractReport,
    reports: &[ExtractReport],
    project: &Project,
) -> io::Result<()> {
    let path = shown(&project.root, &r.ftl_path);
    if r.page_strings {
        writeln!(
            out,
            "page: no page strings yet: wrote {path} (English, {} strings: the switcher's label, the byline, the index title…); edit it to taste, `ftlkit init` gives each new locale its template",
            r.added.len()
        )?;
        return Ok(());
    }
    if r.deleted {
        let moved: usize = reports
            .iter()
            .flat_map(|o| &o.moved_in)
            .filter(|c| c.from == r.doc)
            .map(|c| c.messages)
            .sum();
        let left = r.removed.len().saturating_sub(moved);
        let moved_note = match moved {
            0 => String::new(),
            n => format!(", {n} moved to other documents"),
        };
        writeln!(
            out,
            "{}: the document is gone, {path} removed ({} messages{moved_note}){}",
            r.doc,
            r.removed.len(),
            if left > 0 {
                "; translations of the rest stay in their files, and the translation memory offers them"
            } else {
                ""
            }
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{}: {} added, {} changed, {} removed → {path}",
        r.doc,
        r.added.len(),
        r.changed.len(),
        r.removed.len(),
    )?;
    for c in &r.moved_in {
        moved_line(out, c, project)?;
    }
    for (sign, ids) in [("+", &r.added), ("~", &r.changed), ("-", &r.removed)] {
        for id in ids {
            writeln!(out, "  {sign} {id}")?;
        }
    }
    Ok(())
}

/// `  ← 58 messages moved from article; translations carried: ar 58, fr 58`.
fn moved_line(out: &mut dyn Write, c: &Carried, project: &Project) -> io::Result<()> {
    let locales: Vec<String> = c
        .translations
        .iter()
        .map(|(locale, n)| format!("{locale} {n}"))
        .collect();
    writeln!(
        out,
        "  ← {} messages moved from {}; translations carried: {}",
        c.messages,
        c.from,
        if locales.is_empty() {
            "none".to_string()
        } else {
            locales.join(", ")
        }
    )?;
    for path in &c.renamed_files {
        writeln!(
            out,
            "    {} renamed for {}",
            shown(&project.root, path),
            c.to
        )?;
    }
    for path in &c.removed_files {
        writeln!(
            out,
            "    {} removed: every translation in it moved",
            shown(&project.root, path)
        )?;
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
    /// Messages that came from other documents, and their translations.
    moved_from: Vec<MovedFrom<'a>>,
    /// Not a document: the page strings `extract` wrote for a project that
    /// had none (`doc` is `page`).
    page_strings: bool,
}

#[derive(Serialize)]
struct MovedFrom<'a> {
    doc: &'a str,
    messages: usize,
    /// Translations carried, by locale.
    translations: &'a std::collections::BTreeMap<String, usize>,
}

/// `{"documents": [{"doc", "path", "written", "deleted", "added", "changed", "removed",
/// "moved_from": [{"doc", "messages", "translations": {locale: count}}], "page_strings"}]}`.
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
            moved_from: r
                .moved_in
                .iter()
                .map(|c| MovedFrom {
                    doc: &c.from,
                    messages: c.messages,
                    translations: &c.translations,
                })
                .collect(),
            page_strings: r.page_strings,
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
