//! `sync`: per locale file, the templates added and the obsolete messages
//! moved or removed (or the diff, for a dry run), and the warnings about ids
//! kept.

use super::{plural, shown};
use crate::memory::fill::Filled;
use crate::project::Project;
use crate::sync::run::SyncReport;
use serde::Serialize;
use std::io::{self, Write};

/// How `sync` was asked to run, which the reports word differently.
#[derive(Clone, Copy, Serialize)]
pub struct Mode {
    /// Obsolete messages were removed rather than moved to the end.
    pub prune: bool,
    /// Nothing was written; the diffs say what would change.
    pub dry_run: bool,
}

/// The ids `--prune` removed from a file: obsolete and not spared.
fn gone(r: &SyncReport) -> Vec<&str> {
    r.obsolete
        .iter()
        .filter(|id| !r.spared.contains(id))
        .map(String::as_str)
        .collect()
}

/// A line per changed file (its diff for a dry run), or that none changed.
pub fn human(
    out: &mut dyn Write,
    reports: &[SyncReport],
    project: &Project,
    mode: Mode,
) -> io::Result<()> {
    let changed: Vec<&SyncReport> = reports.iter().filter(|r| !r.diff.is_empty()).collect();
    for r in &changed {
        if mode.dry_run {
            write!(out, "{}", r.diff)?;
            continue;
        }
        let gone = gone(r);
        writeln!(
            out,
            "{}: {} added, {} refreshed from new English, {} {}",
            shown(&project.root, &r.path),
            plural(r.added.len(), "template"),
            r.refreshed.len(),
            // With --prune, `obsolete` counts every obsolete message met (moved
            // or removed), spared ones included: the rest were removed.
            plural(
                r.obsolete.len().saturating_sub(r.spared.len()),
                "obsolete message"
            ),
            if mode.prune {
                "removed"
            } else {
                "moved to the end"
            }
        )?;
        if mode.prune && !gone.is_empty() {
            writeln!(out, "  removed: {}", gone.join(", "))?;
        }
    }
    if changed.is_empty() {
        writeln!(out, "all locale files are in line with the reference")?;
    }
    Ok(())
}

/// The ids kept that need a person (on stderr): obsolete ones `--prune`
/// spared, and templates edited by hand. Whatever changed, they say where a
/// translation may sit in a template.
pub fn warnings(err: &mut dyn Write, reports: &[SyncReport], project: &Project) -> io::Result<()> {
    for r in reports.iter().filter(|r| !r.spared.is_empty()) {
        writeln!(
            err,
            "warning: {}: kept {} (obsolete, but {} like a misspelt id of a message you have not translated): correct the id, or delete it by hand",
            shown(&project.root, &r.path),
            r.spared.join(", "),
            if r.spared.len() == 1 { "it looks" } else { "they look" }
        )?;
    }
    for r in reports.iter().filter(|r| !r.other_kept.is_empty()) {
        writeln!(
            err,
            "warning: {}: kept {} in the obsolete section that {} not an obsolete message ({}): delete by hand what is no longer wanted",
            shown(&project.root, &r.path),
            plural(r.other_kept.len(), "block"),
            if r.other_kept.len() == 1 { "is" } else { "are" },
            r.other_kept.join(" | ")
        )?;
    }
    for r in reports.iter().filter(|r| !r.kept.is_empty()) {
        writeln!(
            err,
            "warning: {}: {} edited by hand and kept as {}: {}\n  \
             if one holds your translation, delete the `# (untranslated) ` in front of it so that it counts",
            shown(&project.root, &r.path),
            plural(r.kept.len(), "template"),
            if r.kept.len() == 1 { "it is" } else { "they are" },
            r.kept.join(", ")
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct File<'a> {
    locale: &'a str,
    path: String,
    changed: bool,
    added: &'a [String],
    refreshed: &'a [String],
    obsolete: &'a [String],
    removed: Vec<&'a str>,
    kept: &'a [String],
    spared: &'a [String],
    diff: &'a str,
}

/// `{"prune", "dry_run", "files": [{"locale", "path", "changed", "added",
/// "refreshed", "obsolete", "removed", "kept", "spared", "diff"}]}`: every
/// locale file synced, `removed` empty unless `prune`.
pub fn json(
    out: &mut dyn Write,
    reports: &[SyncReport],
    filled: &[Filled],
    project: &Project,
    mode: Mode,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Sync<'a> {
        #[serde(flatten)]
        mode: Mode,
        files: Vec<File<'a>>,
        /// With `--fill-exact`: the messages filled from the translation memory.
        #[serde(skip_serializing_if = "<[Filled]>::is_empty")]
        filled: &'a [Filled],
    }
    let files = reports
        .iter()
        .map(|r| File {
            locale: &r.locale,
            path: shown(&project.root, &r.path),
            changed: !r.diff.is_empty(),
            added: &r.added,
            refreshed: &r.refreshed,
            obsolete: &r.obsolete,
            removed: if mode.prune { gone(r) } else { Vec::new() },
            kept: &r.kept,
            spared: &r.spared,
            diff: &r.diff,
        })
        .collect();
    super::json(
        out,
        &Sync {
            mode,
            files,
            filled,
        },
    )
}

/// `--fill-exact`: per file, the messages filled from the translation
/// memory (or that would be, with `--dry-run`), and that they wait for review.
pub fn filled(out: &mut dyn Write, filled: &[Filled], dry_run: bool) -> io::Result<()> {
    for f in filled {
        writeln!(
            out,
            "{}: {} {} from the translation memory, marked stale for review:",
            f.path,
            if dry_run { "would fill" } else { "filled" },
            plural(f.messages.len(), "message")
        )?;
        for m in &f.messages {
            writeln!(out, "  {}  (from {})", m.id, m.origin)?;
        }
    }
    Ok(())
}
