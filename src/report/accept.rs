//! `accept`: the stale translations recorded against the new English.

use super::plural;
use crate::state::accept::AcceptReport;
use std::io::{self, Write};

/// `accepted FILE: ID` per translation, ids that were not stale, a total.
pub fn human(out: &mut dyn Write, report: &AcceptReport, dry_run: bool) -> io::Result<()> {
    let verb = if dry_run { "would accept" } else { "accepted" };
    for (file, id) in &report.accepted {
        writeln!(out, "{verb} {}/{file}: {id}", report.locale)?;
    }
    for id in &report.not_stale {
        writeln!(out, "not stale: {id}")?;
    }
    writeln!(
        out,
        "{}: {} {verb} as up to date with the English",
        report.locale,
        plural(report.accepted.len(), "stale translation")
    )
}

/// `review`: `reviewed FILE: ID` per translation, those reviewed already, a total.
pub fn reviewed(out: &mut dyn Write, report: &AcceptReport, dry_run: bool) -> io::Result<()> {
    let verb = if dry_run { "would record" } else { "recorded" };
    for (file, id) in &report.accepted {
        writeln!(out, "{verb} as reviewed {}/{file}: {id}", report.locale)?;
    }
    for id in &report.not_stale {
        writeln!(out, "reviewed already: {id}")?;
    }
    writeln!(
        out,
        "{}: {} {verb} as reviewed",
        report.locale,
        plural(report.accepted.len(), "translation")
    )
}
