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
    // Every bidi control is U+202A–U+202E or U+2066–U+2069: 0xE2 in UTF-8.
    if !text.as_bytes().contains(&0xE2) {
        return;
    }
    let bidi = bidi_chars(text);
    if !bidi_balanced(text) {
        out.push(ctx.finding(Code::BidiUnbalanced, format!("`{id}` has bidi controls that are not closed in order (U+202C/U+2069); they can reorder the text around it")));
    } else if !bidi.is_subset(&reference.bidi) {
        let list: Vec<String> = bidi
            .difference(&reference.bidi)
            .map(|c| format!("U+{:04X}", *c as u32))
            .collect();
        out.push(ctx.finding(Code::BidiControl, format!("`{id}` contains bidi controls the reference does not ({}); check that they are intended", list.join(", "))));
    }
}

/// The bidi controls a text contains.
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

pub fn bidi_chars(text: &str) -> BTreeSet<char> {
    text.chars().filter(|c| BIDI_CONTROLS.contains(c)).collect()
}

/// Embeddings/overrides must be closed by PDF and isolates by PDI, in order.
fn bidi_balanced(text: &str) -> bool {
    let mut stack = Vec::new();
    for c in text.chars() {
        match c {
            '\u{202A}'..='\u{202E}' if c != '\u{202C}' => stack.push('e'),
            '\u{2066}'..='\u{2068}' => stack.push('i'),
            '\u{202C}' if stack.pop() != Some('e') => return false,
            '\u{2069}' if stack.pop() != Some('i') => return false,
            _ => {}
        }
    }
    stack.is_empty()
}
