//! `memory search`: the entries a concordance search found.

use crate::memory::Entry;
use std::io::{self, Write};

/// Each entry's origin, English and translation, then how many were found.
pub fn search(out: &mut dyn Write, found: &[&Entry]) -> io::Result<()> {
    for entry in found {
        writeln!(out, "{}", entry.origin.label())?;
        writeln!(out, "    {}", entry.source.replace('\n', "\n    "))?;
        writeln!(out, "    {}", entry.target.replace('\n', "\n    "))?;
    }
    writeln!(
        out,
        "{} {}",
        found.len(),
        if found.len() == 1 { "entry" } else { "entries" }
    )
}
