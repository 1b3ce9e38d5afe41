//! `import`'s report: the messages written per file, or the refused units.

use crate::exchange::run::ImportReport;
use std::io::{self, Write};

/// What changed (or would change), per locale file.
pub fn human(out: &mut dyn Write, report: &ImportReport) -> io::Result<()> {
    if !report.refused.is_empty() {
        return writeln!(
            out,
            "{}: nothing written ({} refused)",
            report.file,
            super::plural(report.refused.len(), "unit")
        );
    }
    let verb = if report.dry_run {
        "would update"
    } else {
        "updated"
    };
    for file in &report.changed {
        let n = super::plural(file.ids.len(), "message");
        writeln!(out, "{}: {verb} {n}", file.path)?;
        for id in &file.ids {
            writeln!(out, "  {id}")?;
        }
    }
    let replaced_verb = if report.dry_run {
        "would replace"
    } else {
        "replaced"
    };
    for r in &report.replaced {
        let what = match r.standing {
            crate::standing::Standing::Broken => "the lines of",
            _ => "what was typed into the template of",
        };
        writeln!(
            out,
            "{}: {replaced_verb} {what} `{}` (git has the old text), which read:",
            r.path, r.id
        )?;
        for line in r.text.lines() {
            writeln!(out, "    {line}")?;
        }
    }
    let reviewed_verb = if report.dry_run {
        "would record as reviewed"
    } else {
        "recorded as reviewed"
    };
    for file in &report.reviewed {
        let n = super::plural(file.ids.len(), "message");
        writeln!(
            out,
            "{}: {reviewed_verb} {n} approved in the file",
            file.path
        )?;
        for id in &file.ids {
            writeln!(out, "  {id}")?;
        }
    }
    if report.changed.is_empty() && report.reviewed.is_empty() {
        writeln!(
            out,
            "{}: nothing to change in {}",
            report.file, report.locale
        )?;
    }
    Ok(())
}

/// The messages written that `check` will call an error, one line each
/// (warnings: the translator's text is written as it is).
pub fn errors(out: &mut dyn Write, report: &ImportReport) -> io::Result<()> {
    for w in &report.errors {
        for e in &w.errors {
            writeln!(
                out,
                "warning: {}: `{}` {} check calls an error: {e}",
                w.path,
                w.id,
                if report.written {
                    "written;"
                } else {
                    "would be written;"
                }
            )?;
        }
    }
    Ok(())
}

/// The refused units, one line each: `file:line: unit `id`: reason`.
pub fn refusals(out: &mut dyn Write, report: &ImportReport) -> io::Result<()> {
    for r in &report.refused {
        writeln!(
            out,
            "{}:{}: unit `{}`: {}",
            report.file, r.line, r.unit, r.reason
        )?;
    }
    writeln!(
        out,
        "import refused {}: fix them in the file and import again; nothing was written",
        super::plural(report.refused.len(), "unit")
    )
}
