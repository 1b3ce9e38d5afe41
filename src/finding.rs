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

/// Declares [`Code`] from one list: each variant next to the string users see,
/// with [`Code::ALL`] and [`Code::as_str`] generated from it.
macro_rules! codes {
    ($($variant:ident => $name:literal,)*) => {
        /// What kind of problem a finding is. Variants stay in the alphabetical
        /// order of their strings: findings at one place are sorted by code, as
        /// they were when codes were strings. Each code's level and rationale
        /// are next to the rule that emits it (`lint::rules`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as users see it: `missing-variable`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    AndroidString => "android-string",
    ArabicPunctuation => "arabic-punctuation",
    BidiControl => "bidi-control",
    BidiUnbalanced => "bidi-unbalanced",
    BrokenLink => "broken-link",
    ChangedCode => "changed-code",
    ChangedNumber => "changed-number",
    ChangedUrl => "changed-url",
    CyclicReference => "cyclic-reference",
    DoubleSpace => "double-space",
    DtdValue => "dtd-value",
    DuplicateId => "duplicate-id",
    EdgeWhitespace => "edge-whitespace",
    EditedTemplate => "edited-template",
    EmptyValue => "empty-value",
    EndPunctuation => "end-punctuation",
    FormatError => "format-error",
    FrenchSpacing => "french-spacing",
    GlossaryForbidden => "glossary-forbidden",
    GlossaryTerm => "glossary-term",
    Identical => "identical",
    Inconsistent => "inconsistent",
    InvalidFunctionArgument => "invalid-function-argument",
    LinkLabel => "link-label",
    MarkupMismatch => "markup-mismatch",
    MissingAttribute => "missing-attribute",
    MissingFolder => "missing-folder",
    MissingMessage => "missing-message",
    MissingReference => "missing-reference",
    MissingValue => "missing-value",
    MissingVariable => "missing-variable",
    MisspelledId => "misspelled-id",
    ObsoleteAttribute => "obsolete-attribute",
    ObsoleteFile => "obsolete-file",
    ObsoleteMessage => "obsolete-message",
    ObsoleteValue => "obsolete-value",
    OtherDocumentReference => "other-document-reference",
    PluralCategories => "plural-categories",
    PluralForms => "plural-forms",
    PluralRare => "plural-rare",
    PrintfPlaceholder => "printf-placeholder",
    RepeatedWord => "repeated-word",
    ReplacementCharacter => "replacement-character",
    Reused => "reused",
    SoraniLetters => "sorani-letters",
    Stale => "stale",
    SyntaxError => "syntax-error",
    Tatweel => "tatweel",
    UnbalancedBrackets => "unbalanced-brackets",
    UnknownEntity => "unknown-entity",
    UnknownEscape => "unknown-escape",
    UnknownVariable => "unknown-variable",
    UnresolvedReference => "unresolved-reference",
    UnsafeMarkup => "unsafe-markup",
    XmlParse => "xml-parse",
    ZeroWidthSpace => "zero-width-space",
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

#[cfg(test)]
mod tests {
    use super::Code;

    /// Serde's string is the one users see, and the variants' order is their
    /// strings' order (findings are sorted by code).
    #[test]
    fn codes_serialize_as_their_strings_in_alphabetical_order() {
        for code in Code::ALL {
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
        assert!(Code::ALL.windows(2).all(|w| w[0] < w[1]));
        assert!(Code::ALL.windows(2).all(|w| w[0].as_str() < w[1].as_str()));
    }
}
