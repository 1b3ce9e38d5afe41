//! Reference links and footnotes in translations: a translation keeps the
//! labels of its English block's reference links (`[words][label]`) and its
//! footnote markers (`[^label]`). The label is what finds the link's target
//! in the document; a translated or dropped label loses the link (the page
//! shows the brackets as words), a dropped marker loses the footnote.

use super::{EntryContext, RuleInfo};
use crate::finding::{Code, Finding, Severity};
use crate::markdown::normalize_label;
use std::collections::BTreeSet;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::LinkLabel,
        level: Severity::Warning,
        rationale: "a reference link whose label changed, or a footnote marker that is gone, is shown as brackets and words, not linked",
    },
    RuleInfo {
        code: Code::BrokenLink,
        level: Severity::Warning,
        rationale: "a relative link, image or anchor of the English Markdown that names nothing is broken in every locale (see `lint::content`)",
    },
];

pub fn check(ctx: &EntryContext, out: &mut Vec<Finding>) {
    let (reference, text) = (&ctx.reference.text, &ctx.uses.text);
    if memchr::memchr(b'[', reference.as_bytes()).is_none() {
        return;
    }
    let english = labels(reference);
    let translated = labels(text);
    let missing: Vec<&String> = english.difference(&translated).collect();
    if missing.is_empty() {
        return;
    }
    let extra: Vec<&String> = translated.difference(&english).collect();
    let list = |v: &[&String]| {
        v.iter()
            .map(|l| format!("`{l}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut message = format!(
        "`{}` lacks {} of the reference: keep `[…][label]` and `[^label]` as they are and translate only the words in the first brackets",
        ctx.id(),
        list(&missing)
    );
    if !extra.is_empty() {
        message.push_str(&format!(
            "; {} resolves nowhere in the document",
            list(&extra)
        ));
    }
    out.push(ctx.finding(Code::LinkLabel, message));
}

/// The reference-link labels (`][label]`, shown as `[label]`) and footnote
/// markers (`[^label]`) of a text, normalized.
fn labels(text: &str) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = crate::markdown::reference_labels(text)
        .into_iter()
        .map(|l| format!("[{l}]"))
        .collect();
    let mut rest = text;
    while let Some(at) = rest.find("[^") {
        let after = &rest[at + 2..];
        match after.find(']') {
            Some(end) if end > 0 && !after[..end].contains(['[', ' ']) => {
                out.insert(format!("[^{}]", normalize_label(&after[..end])));
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    out
}
