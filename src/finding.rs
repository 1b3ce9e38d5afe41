//! Findings: what `check`, `status` and `build` found, as data for the
//! reporters. A finding's [`Code`] serializes to the kebab-case string users
//! see (`missing-variable`) and that README's checks table lists.

use serde::Serialize;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Reported and counted, never a failure: missing and obsolete messages, as
    /// compare-locales treats them, and translations identical to the source.
    Info,
}

/// What kind of problem a finding is. Variants stay in the alphabetical order
/// of their strings: findings at one place are sorted by code, as they were
/// when codes were strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    BidiControl,
    BidiUnbalanced,
    CyclicReference,
    DuplicateId,
    EditedTemplate,
    EmptyValue,
    Identical,
    MarkupMismatch,
    MissingAttribute,
    MissingFolder,
    MissingMessage,
    MissingValue,
    MissingVariable,
    MisspelledId,
    ObsoleteAttribute,
    ObsoleteFile,
    ObsoleteMessage,
    ObsoleteValue,
    PluralCategories,
    Stale,
    SyntaxError,
    UnknownVariable,
    UnresolvedReference,
    UnsafeMarkup,
    // Build findings
    /// A message that formatted with errors while a page was built.
    FormatError,
}

impl Code {
    /// The code as users see it: `missing-variable`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::BidiControl => "bidi-control",
            Code::BidiUnbalanced => "bidi-unbalanced",
            Code::CyclicReference => "cyclic-reference",
            Code::DuplicateId => "duplicate-id",
            Code::EditedTemplate => "edited-template",
            Code::EmptyValue => "empty-value",
            Code::Identical => "identical",
            Code::MarkupMismatch => "markup-mismatch",
            Code::MissingAttribute => "missing-attribute",
            Code::MissingFolder => "missing-folder",
            Code::MissingMessage => "missing-message",
            Code::MissingValue => "missing-value",
            Code::MissingVariable => "missing-variable",
            Code::MisspelledId => "misspelled-id",
            Code::ObsoleteAttribute => "obsolete-attribute",
            Code::ObsoleteFile => "obsolete-file",
            Code::ObsoleteMessage => "obsolete-message",
            Code::ObsoleteValue => "obsolete-value",
            Code::PluralCategories => "plural-categories",
            Code::Stale => "stale",
            Code::SyntaxError => "syntax-error",
            Code::UnknownVariable => "unknown-variable",
            Code::UnresolvedReference => "unresolved-reference",
            Code::UnsafeMarkup => "unsafe-markup",
            // Build findings
            Code::FormatError => "format-error",
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem at one place. `line` and `column` are 1-based, the column in
/// characters; `span` is the byte range the human reporter underlines.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub locale: String,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub id: Option<String>,
    pub message: String,
    /// For `stale`: the English the translation was made from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    #[serde(skip)]
    pub span: Range<usize>,
}
