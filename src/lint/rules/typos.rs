//! `misspelled-id`: an obsolete id one or two edits away from a reference id
//! the file lacks is most likely that id misspelt: its translation never
//! shows, and `sync --prune` would delete it. Said as a warning next to the
//! obsolete-message info.
//!
//! The advice ("correct the id") moves a translation onto the English of
//! the other id, so it is given only when that English is what the
//! translation translates. Not when the two are versions of one message
//! (Mozilla gives a message a new id when its English changes: `…-header2`,
//! `…-label-short`), when the old id is made of words the English's ids use
//! (`…-tab-title` → `…-tabs-title`: a rename Mozilla made, not a slip of the
//! keyboard, which makes a word no id has, `tilte`), or when the translation
//! has other attributes or variables than the English it would move onto
//! (another message).

use super::RuleInfo;
use crate::finding::{Code, Finding, Severity};
use crate::lint::walk::{entry_id, uses_of, view};
use crate::lint::{LocaleFile, RefEntry};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::OnceCell;
use std::collections::BTreeSet;

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
    misspelled_ids_among(files, findings, None)
}

/// [`misspelled_ids`] where `files` may be some of the locale's: `words`,
/// when given, are the parts of every id of the locale's English files
/// ([`id_words_of`]), else they are read from the files' references.
pub fn misspelled_ids_among(
    files: &[LocaleFile],
    findings: &[Finding],
    words: Option<&HashSet<&str>>,
) -> Vec<Finding> {
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
    // The words of the English's ids, made when a candidate first needs them.
    let own: OnceCell<HashSet<&str>> = OnceCell::new();
    let words = || words.unwrap_or_else(|| own.get_or_init(|| id_words(files)));
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
        let shapes = OnceCell::new();
        for f in obsolete {
            let Some(id) = f.id.as_deref() else { continue };
            let candidates = missing.iter().copied().filter(|m| !new_version(id, m));
            let Some(near) = crate::ftl::likely_typo(id, candidates) else {
                continue;
            };
            if retired(id, words()) {
                continue;
            }
            let shapes = shapes.get_or_init(|| Shapes::of(file.text.as_deref()));
            let english = file.reference.and_then(|r| r.get(near));
            if english.is_some_and(|e| !shapes.same(id, e)) {
                continue;
            }
            out.push(misspelled(f, id, near));
        }
    }
    out
}

/// The finding that says `id` is likely `near` misspelt.
fn misspelled(obsolete: &Finding, id: &str, near: &str) -> Finding {
    Finding {
        code: Code::MisspelledId,
        severity: super::level(Code::MisspelledId),
        message: format!(
            "`{id}` is not in the reference, but `{near}` is and has no translation: if that is what you meant, correct the id, or its translation is never shown"
        ),
        ..obsolete.clone()
    }
}

/// The parts of an id (`-`, `_`, `.` between them), without digits.
fn parts(id: &str) -> impl Iterator<Item = &str> {
    id.split(['-', '_', '.'])
        .map(|p| p.trim_matches(|c: char| c.is_ascii_digit()))
        .filter(|p| !p.is_empty())
}

/// Every part of the ids of the locale's English files.
fn id_words<'a>(files: &'a [LocaleFile]) -> HashSet<&'a str> {
    let mut seen = HashSet::default();
    let mut words = HashSet::default();
    for reference in files.iter().filter_map(|f| f.reference) {
        if seen.insert(reference.display.as_str()) {
            words.extend(id_words_of(reference.entries.iter().map(|e| e.id.as_str())));
        }
    }
    words
}

/// Every part of these ids, as [`misspelled_ids_among`] takes them.
pub fn id_words_of<'a>(ids: impl Iterator<Item = &'a str>) -> HashSet<&'a str> {
    ids.flat_map(|id| parts(id.trim_start_matches('-')))
        .collect()
}

/// Whether an obsolete id is made of words the English's ids use: an id
/// Mozilla had and renamed (the English changed), not one typed wrong (a
/// slip makes a word no id has).
fn retired(id: &str, words: &HashSet<&str>) -> bool {
    parts(id.trim_start_matches('-')).all(|p| words.contains(p))
}

/// The attributes and variables of each message of a locale file (parsed
/// again only when a candidate needs it: rare).
struct Shapes {
    by_id: HashMap<String, (BTreeSet<String>, BTreeSet<String>)>,
}

impl Shapes {
    fn of(text: Option<&str>) -> Shapes {
        let mut by_id = HashMap::default();
        if let Some(Ok(parsed)) = text.map(crate::ftl::load::parse) {
            for entry in &parsed.resource.body {
                let (Some(view), Some((id, _))) = (view(entry), entry_id(entry)) else {
                    continue;
                };
                let attributes = view.attributes().map(|(a, _)| a.to_string()).collect();
                let variables = uses_of(&view)
                    .variables
                    .iter()
                    .map(|v| v.to_string())
                    .collect();
                by_id.insert(id.into_owned(), (attributes, variables));
            }
        }
        Shapes { by_id }
    }

    /// Whether the translation of `id` has the attributes and variables of
    /// `english` (unknown: yes).
    fn same(&self, id: &str, english: &RefEntry) -> bool {
        self.by_id.get(id).is_none_or(|(attributes, variables)| {
            *attributes == english.attributes && *variables == english.variables
        })
    }
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
