//! Bidi controls: balanced (no Trojan source), and only those the reference has.

use super::{EntryContext, RuleInfo};
use crate::finding::{Code, Finding, Severity};
use std::collections::BTreeSet;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::BidiControl,
        level: Severity::Warning,
        rationale:
            "bidi controls the reference does not have change how the text around them reads",
    },
    RuleInfo {
        code: Code::BidiUnbalanced,
        level: Severity::Error,
        rationale: "controls not closed in order reorder the text after them (Trojan source)",
    },
];

const BIDI_CONTROLS: [char; 9] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

pub fn check(ctx: &EntryContext, out: &mut Vec<Finding>) {
    let (id, text, reference) = (ctx.id(), &ctx.uses.text, ctx.reference);
    if !has_bidi_control(text) {
        return;
    }
    let bidi = bidi_chars(text);
    if !bidi_balanced(text) {
        let present: Vec<String> = bidi
            .iter()
            .map(|c| format!("{} U+{:04X}", control_name(*c).unwrap_or("?"), *c as u32))
            .collect();
        out.push(ctx.finding(Code::BidiUnbalanced, format!("`{id}` has bidi controls that are not closed in order ({}): each isolate (LRI, RLI, FSI) needs a PDI (U+2069) after it, each embedding or override (LRE, RLE, LRO, RLO) a PDF (U+202C); they can reorder the text around it", present.join(", "))));
    } else if !bidi.is_subset(&reference.bidi) {
        let list: Vec<String> = bidi
            .difference(&reference.bidi)
            .map(|c| format!("U+{:04X}", *c as u32))
            .collect();
        out.push(ctx.finding(Code::BidiControl, format!("`{id}` contains bidi controls the reference does not ({}); check that they are intended", list.join(", "))));
    }
}

/// Whether a text has one of [`BIDI_CONTROLS`]: U+202A–U+202E are E2 80
/// AA–AE in UTF-8, U+2066–U+2069 E2 81 A6–A9. Many translations have other
/// characters that start with E2 (`…`, `’`), so the bytes after it decide.
fn has_bidi_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xE2, bytes).any(|at| {
        matches!(
            (bytes.get(at + 1), bytes.get(at + 2)),
            (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
        )
    })
}

/// The Unicode abbreviation of a bidi control or mark (`FSI` for U+2068), by
/// which reports show what a terminal would not.
pub fn control_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{061C}' => "ALM",
        '\u{200E}' => "LRM",
        '\u{200F}' => "RLM",
        '\u{202A}' => "LRE",
        '\u{202B}' => "RLE",
        '\u{202C}' => "PDF",
        '\u{202D}' => "LRO",
        '\u{202E}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        _ => return None,
    })
}

/// The bidi controls a text contains.
pub fn bidi_chars(text: &str) -> BTreeSet<char> {
    text.chars().filter(|c| BIDI_CONTROLS.contains(c)).collect()
}

/// Whether every embedding/override (LRE, RLE, LRO, RLO) is closed by a PDF
/// and every isolate (LRI, RLI, FSI) by a PDI, as UAX #9 pairs them: a PDI
/// closes the last open isolate and whatever embeddings are open inside it
/// (X6a); a PDF closes an embedding opened inside the current isolate (X7).
/// A closer with nothing to close is ignored by the algorithm and changes
/// nothing on screen (one stray PDI in Czech text, say): not unbalanced,
/// though `bidi-control` still names it when the reference has none. An
/// opener left open reorders the text after it: unbalanced.
fn bidi_balanced(text: &str) -> bool {
    let mut stack = Vec::new();
    for c in text.chars() {
        match c {
            '\u{202A}'..='\u{202E}' if c != '\u{202C}' => stack.push('e'),
            '\u{2066}'..='\u{2068}' => stack.push('i'),
            '\u{202C}' if stack.last() == Some(&'e') => {
                stack.pop();
            }
            '\u{2069}' => {
                if let Some(isolate) = stack.iter().rposition(|&k| k == 'i') {
                    stack.truncate(isolate);
                }
            }
            _ => {}
        }
    }
    stack.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openers_left_open_are_unbalanced_stray_closers_change_nothing() {
        assert!(!bidi_balanced("\u{2068}{ $name }"));
        assert!(!bidi_balanced("\u{202E}txt.exe"));
        assert!(!bidi_balanced("\u{2068}a\u{202C}"));
        assert!(bidi_balanced("\u{2068}a\u{202B}b\u{2069}"));
        // One stray PDI at the end of Czech text (UAX #9: ignored).
        assert!(bidi_balanced("Stáhnout soubor\u{2069}"));
        assert!(bidi_balanced("a\u{202C}"));
        assert!(!bidi_balanced("\u{2069}\u{2068}a"));
    }

    proptest::proptest! {
        /// The byte look finds a control exactly when there is one, among
        /// the other characters that start with E2 and the marks that are
        /// no controls (U+200E, U+200F, U+2069's neighbours).
        #[test]
        fn the_byte_look_finds_exactly_the_controls(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    'a', 'ب', '…', '’', '\u{200E}', '\u{200F}', '\u{2029}', '\u{2065}',
                    '\u{206A}', '\u{202A}', '\u{202C}', '\u{202E}', '\u{2066}', '\u{2069}',
                ]),
                0..8,
            )
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(
                has_bidi_control(&text),
                text.chars().any(|c| BIDI_CONTROLS.contains(&c))
            );
        }
    }
}
