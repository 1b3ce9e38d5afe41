//! Whether each message is there once, and only if the reference has it:
//! missing, obsolete, duplicate, empty and identical messages, obsolete files
//! and missing locale folders.

use super::{finding, EntryContext, Place, RuleInfo};
use crate::finding::{Code, Finding, Severity};
use crate::lint::RefEntry;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::DuplicateId,
        level: Severity::Error,
        rationale: "only one of two entries with the same id is ever shown",
    },
    RuleInfo {
        code: Code::EmptyValue,
        level: Severity::Warning,
        rationale: "a value that renders as nothing leaves a hole in the page",
    },
    RuleInfo {
        code: Code::Identical,
        level: Severity::Info,
        rationale: "a translation the same as the English is often one not done yet",
    },
    RuleInfo {
        code: Code::MissingFolder,
        level: Severity::Warning,
        rationale:
            "a locale without its folder (a typo, or a case) shows only as every message missing",
    },
    RuleInfo {
        code: Code::MissingMessage,
        level: Severity::Info,
        rationale:
            "not translated yet, as compare-locales counts it; a warning where a filter says so",
    },
    RuleInfo {
        code: Code::ObsoleteFile,
        level: Severity::Info,
        rationale: "a file the reference does not have is never used",
    },
    RuleInfo {
        code: Code::ObsoleteMessage,
        level: Severity::Info,
        rationale: "a message no longer in the reference is never used",
    },
];

/// A reference entry the locale lacks, reported in the reference file.
pub fn missing(locale: &str, reference_display: &str, e: &RefEntry) -> Finding {
    Finding {
        line: e.line,
        id: Some(e.id.clone()),
        span: e.offset..e.offset + e.id.trim_start_matches('-').len(),
        ..finding(
            Code::MissingMessage,
            locale,
            reference_display,
            format!("`{}` is not translated yet", e.id),
        )
    }
}

/// A file only the locale has. Never the advice to delete it: its translations
/// are work someone did, which the translation memory still offers (a
/// document renamed or split takes them along at `extract`; what is left is
/// for the memory).
pub fn obsolete_file(locale: &str, display: &str) -> Finding {
    finding(
        Code::ObsoleteFile,
        locale,
        display,
        "the reference has no such file, so no page shows these translations; the translation memory still offers them (`ftlkit memory`)".into(),
    )
}

/// An entry the reference does not have.
pub fn obsolete_message(place: &Place) -> Finding {
    let id = place.id;
    place.finding(
        Code::ObsoleteMessage,
        format!("`{id}` is not in the reference any more, so nothing shows it"),
    )
}

/// A second entry with an id defined on line `first`.
pub fn duplicate(place: &Place, first: usize) -> Finding {
    let id = place.id;
    place.finding(
        Code::DuplicateId,
        format!("`{id}` is already defined on line {first}; remove one of them"),
    )
}

/// A value with no text and nothing that could render any, unless the
/// reference's is empty too: Firefox's `langpack-contributors = { "" }` is
/// empty on purpose (a locale credits its contributors there, or not).
pub fn empty(ctx: &EntryContext, out: &mut Vec<Finding>) {
    let (uses, reference) = (&ctx.uses, ctx.reference);
    let reference_empty = reference.has_value
        && reference.text.trim().is_empty()
        && reference.variables.is_empty()
        && reference.references.is_empty();
    if !reference_empty
        && ctx.view.value.is_some()
        && uses.text.trim().is_empty()
        && uses.variables.is_empty()
        && uses.messages.is_empty()
        && uses.terms.is_empty()
    {
        out.push(ctx.finding(Code::EmptyValue, format!("`{}` is empty", ctx.id())));
    }
}

/// A translation that is the reference's own source.
pub fn identical(ctx: &EntryContext, out: &mut Vec<Finding>) {
    let reference = ctx.reference;
    if !reference.text.trim().is_empty() && ctx.is_reference_source() {
        out.push(ctx.finding(
            Code::Identical,
            format!("`{}` is the same as the reference", ctx.id()),
        ));
    }
}
