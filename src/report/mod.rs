//! Reporters: findings, counts and the stages' reports are data; these turn
//! them into a table, a human report with annotated source lines, or JSON for
//! CI, one module per command's result. They write to any `io::Write`, so the
//! binary picks stdout and tests pick a buffer; the library itself never prints.

pub mod accept;
pub mod build;
pub mod check;
pub mod ci;
pub mod exchange;
pub mod extract;
pub mod init;
pub mod memory;
pub mod pseudo;
pub mod status;
pub mod sync;
pub mod terminal;

use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;

/// "1 error", "2 errors": a count and its noun, for the reports.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `path` relative to the project root when it lies inside it, as every
/// report shows paths.
pub fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// `value` as pretty JSON and a newline: every JSON report's last step.
/// `json`, pretty-printed on its own, as it is nested in a value: `indent`
/// after each line end (JSON strings have theirs escaped, so every line end
/// is the printer's).
fn indent(out: &mut Vec<u8>, json: &[u8], indent: &[u8]) {
    let mut rest = json;
    while let Some(at) = memchr::memchr(b'\n', rest) {
        out.extend_from_slice(&rest[..=at]);
        out.extend_from_slice(indent);
        rest = &rest[at + 1..];
    }
    out.extend_from_slice(rest);
}

pub fn json(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// The line that names the files an `l10n.toml` project lists in formats
/// ftlkit does not read (never skipped silently): how many, by format, and
/// in how many locales. None when there are none.
pub fn unchecked_note(unchecked: &[crate::lint::legacy::Unchecked]) -> Option<String> {
    if unchecked.is_empty() {
        return None;
    }
    let mut formats: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut locales = std::collections::BTreeSet::new();
    for u in unchecked {
        *formats.entry(u.format.as_str()).or_default() += 1;
        locales.insert(u.locale.as_str());
    }
    let list: Vec<String> = formats.iter().map(|(f, n)| format!("{n} {f}")).collect();
    Some(format!(
        "not checked: {} in {} that the configs list in formats ftlkit does not read ({}): not in these counts",
        plural(unchecked.len(), "file"),
        plural(locales.len(), "locale"),
        list.join(", ")
    ))
}
