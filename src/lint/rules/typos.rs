//! `misspelled-id`: an obsolete id one or two edits away from a reference id
//! the file lacks is most likely that id misspelt: its translation never
//! shows, and `sync --prune` would delete it. Said as a warning next to the
//! obsolete-message info.

use super::RuleInfo;
use crate::finding::{Code, Finding, Severity};
use crate::lint::LocaleFile;
use rustc_hash::FxHashMap as HashMap;

pub const RULES: &[RuleInfo] = &[RuleInfo {
    code: Code::MisspelledId,
    level: Severity::Warning,
    rationale: "an id misspelt hides its translation, and `sync --prune` would delete it",
}];

/// Bounded work per file: a file that is all obsolete is a renamed reference,
/// not typos.
const MAX_PAIRS: usize = 20_000;

/// The misspelled ids among a locale's obsolete-message findings.
pub fn misspelled_ids(files: &[LocaleFile], findings: &[Finding]) -> Vec<Finding> {
    // One pass over the findings: obsolete ones by locale file, missing ids by
    // reference file.
    let mut obsolete_in: HashMap<&str, Vec<&Finding>> = HashMap::default();
    let mut missing_in: HashMap<&str, Vec<&str>> = HashMap::default();
    for f in findings {
        match f.code {
            Code::ObsoleteMessage => obsolete_in.entry(f.path.as_str()).or_default().push(f),
            Code::MissingMessage => {
                if let Some(id) = f.id.as_deref() {
                    missing_in.entry(f.path.as_str()).or_default().push(id);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for file in files {
        let Some(obsolete) = obsolete_in.get(file.display.as_str()) else {
            continue;
        };
        // Where missing messages are reported: the reference's display name.
        let Some(reference) = file
            .reference_display
            .as_ref()
            .or(file.reference.map(|r| &r.display))
        else {
            continue;
        };
        let Some(missing) = missing_in.get(reference.as_str()) else {
            continue;
        };
        if obsolete.len() * missing.len() > MAX_PAIRS {
            continue;
        }
        out.extend(obsolete.iter().filter_map(|f| near_miss(f, missing)));
    }
    out
}

/// The misspelled-id finding for an obsolete-message finding, if its id is
/// near one of `missing` that is not a new version of it.
fn near_miss(obsolete: &Finding, missing: &[&str]) -> Option<Finding> {
    let id = obsolete.id.as_deref()?;
    let candidates = missing.iter().copied().filter(|m| !new_version(id, m));
    let near = crate::ftl::likely_typo(id, candidates)?;
    Some(Finding {
        code: Code::MisspelledId,
        severity: super::level(Code::MisspelledId),
        message: format!(
            "`{id}` is not in the reference, but `{near}` is and has no translation: if that is what you meant, correct the id, or its translation is never shown"
        ),
        ..obsolete.clone()
    })
}

/// Whether two ids are versions of one message rather than one misspelt:
/// Mozilla gives a message a new id when its English changes meaning
/// (`…-header` → `…-header2`, `…-title-2` → `…-title-3`, `…-v2`), so a
/// translation of the old id must not move to the new one. They differ only
/// in digits, or one is the other with `-` and more added (a new variant:
/// `…-label` → `…-label-short`). A typo changes letters of the same id.
pub fn new_version(a: &str, b: &str) -> bool {
    let stem = |id: &str| -> String {
        let without: String = id.chars().filter(|c| !c.is_ascii_digit()).collect();
        let mut out = String::with_capacity(without.len());
        for c in without.chars() {
            if !(c == '-' && out.ends_with('-')) {
                out.push(c);
            }
        }
        out.trim_end_matches('-').to_string()
    };
    let extends = |short: &str, long: &str| {
        long.strip_prefix(short)
            .is_some_and(|rest| rest.starts_with('-') || rest.starts_with('_'))
    };
    stem(a) == stem(b) || extends(a, b) || extends(b, a)
}
