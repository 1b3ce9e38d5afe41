//! `ftlkit check --fix`: the safe fixes of findings applied to a file's text,
//! without a disk. A fix replaces exactly the characters its finding spans
//! (what [`rules::typography::fix_for`] says replaces them); every other byte
//! is kept. Findings whose span no longer holds what the rule saw, or that
//! overlap an earlier fix, are left alone.

use super::rules::typography::fix_for;
use crate::finding::Finding;

/// The safe fix of one finding in `text`: its span and what replaces it.
pub fn fix_of(text: &str, finding: &Finding) -> Option<(std::ops::Range<usize>, String)> {
    let span = finding.span.clone();
    let old = text.get(span.clone())?;
    Some((span, fix_for(finding.code, old)?))
}

/// `text` with the safe fixes of `findings` (those about this file) made,
/// and how many were made.
pub fn apply<'f>(text: &str, findings: impl IntoIterator<Item = &'f Finding>) -> (String, usize) {
    let mut fixes: Vec<_> = findings
        .into_iter()
        .filter_map(|f| fix_of(text, f))
        .collect();
    fixes.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = String::with_capacity(text.len() + 3 * fixes.len());
    let (mut at, mut made) = (0, 0);
    for (span, new) in fixes {
        if span.start < at {
            continue; // overlaps the fix before it
        }
        out.push_str(&text[at..span.start]);
        out.push_str(&new);
        at = span.end;
        made += 1;
    }
    out.push_str(&text[at..]);
    (out, made)
}

/// Makes the safe fixes of `findings` in their files (paths relative to
/// `root`), each file rewritten atomically and only if nobody changed it
/// since it was read (a byte-order mark kept). Returns each file fixed with
/// how many fixes it got.
pub fn fix_files(
    findings: &[Finding],
    root: &std::path::Path,
) -> crate::Result<Vec<(String, usize)>> {
    let mut by_path: std::collections::BTreeMap<&str, Vec<&Finding>> = Default::default();
    for f in findings.iter().filter(|f| !f.span.is_empty()) {
        by_path.entry(f.path.as_str()).or_default().push(f);
    }
    let mut fixed = Vec::new();
    for (path, findings) in by_path {
        let file = root.join(path);
        let Some(text) = crate::ftl::load::read(&file)? else {
            continue;
        };
        let (new, made) = apply(&text, findings);
        if made == 0 {
            continue;
        }
        let bom = if crate::fsutil::starts_with_bom(&file) {
            "\u{FEFF}"
        } else {
            ""
        };
        let bytes = format!("{bom}{new}");
        crate::fsutil::write_if_unchanged(&file, Some(&text), bytes.as_bytes())?;
        fixed.push((path.to_string(), made));
    }
    Ok(fixed)
}
