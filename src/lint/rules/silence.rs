//! Silencing one message's findings: a comment above it,
//! `# ftlkit-ignore: double-space the English has two here too`, names the
//! codes (comma-separated) that are not reported for that message, then the
//! reason. `check`, the language server and serve run the same lint, so all
//! three honour it. (`[check]` levels, per project, locale and path, are
//! applied after the lint: `lint::audit::relevel`.)

use crate::finding::{Code, Finding};
use fluent_syntax::ast::Entry;

/// What precedes the codes in the comment.
pub const MARK: &str = "ftlkit-ignore:";

/// The codes a message's own comment silences.
pub fn ignored_codes(entry: &Entry<&str>) -> Vec<Code> {
    let comment = match entry {
        Entry::Message(m) => m.comment.as_ref(),
        Entry::Term(t) => t.comment.as_ref(),
        _ => None,
    };
    let Some(comment) = comment else {
        return Vec::new();
    };
    let mut codes = Vec::new();
    for line in &comment.content {
        let Some((_, rest)) = line.split_once(MARK) else {
            continue;
        };
        let words = rest.split(|c: char| c == ',' || c.is_whitespace());
        for word in words.filter(|w| !w.is_empty()) {
            match Code::ALL.iter().find(|c| c.as_str() == word) {
                Some(&code) => codes.push(code),
                None => break, // the reason starts
            }
        }
    }
    codes
}

/// `findings` but those of the codes the entry's comment silences.
pub fn unignored(entry: &Entry<&str>, mut findings: Vec<Finding>) -> Vec<Finding> {
    if findings.is_empty() {
        return findings;
    }
    let ignored = ignored_codes(entry);
    if !ignored.is_empty() {
        findings.retain(|f| !ignored.contains(&f.code));
    }
    findings
}
