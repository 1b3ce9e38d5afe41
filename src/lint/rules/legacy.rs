//! The levels and rationales of the checks compare-locales runs on
//! `.properties`, `.dtd` and `strings.xml` files (and U+FFFD on every format), which `lint::legacy`
//! runs on the non-Fluent files an `l10n.toml` project lists. Duplicate keys
//! are `duplicate-id` and unparsed content `syntax-error`, as in Fluent.

use super::RuleInfo;
use crate::finding::{Code, Severity};

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::PrintfPlaceholder,
        level: Severity::Error,
        rationale: "a `%S`/`%1$S` argument lost, added or of another kind makes the application show the wrong value or none (compare-locales' `printf`); only arguments missing at the end are a warning",
    },
    RuleInfo {
        code: Code::UnknownEscape,
        level: Severity::Warning,
        rationale: "a backslash before a letter other than `n`, `r`, `t`, `u` is dropped when the string is read: the translator most likely meant something else (compare-locales' `escape`)",
    },
    RuleInfo {
        code: Code::PluralForms,
        level: Severity::Warning,
        rationale: "a PluralForm.jsm string needs as many `;`-separated forms as the locale's rule, and the English's `#1` variables; a variable the English does not have is an error (compare-locales' `plural`)",
    },
    RuleInfo {
        code: Code::ReplacementCharacter,
        level: Severity::Warning,
        rationale: "U+FFFD is what a file saved in another encoding than UTF-8 becomes: readers see `�` (compare-locales' `encodings`)",
    },
    RuleInfo {
        code: Code::XmlParse,
        level: Severity::Error,
        rationale: "a `.dtd` value is XML the application parses: a bare `&`, a `<` that starts no tag, a tag not closed or closed crosswise breaks the window that shows it (compare-locales' `xmlparse`, expat's message and place); an English value that is not XML is a warning",
    },
    RuleInfo {
        code: Code::DtdValue,
        level: Severity::Error,
        rationale: "a `.dtd` value the English gives as a number, a CSS length (`20em`) or CSS sizes (`width: 20em; height: 3ch`: a window's size) is read as one: the translation must stay one, with the same properties and units (compare-locales' `number` and `css`; a number or a size in other units is a warning)",
    },
    RuleInfo {
        code: Code::UnknownEntity,
        level: Severity::Warning,
        rationale: "a `.dtd` value referencing an entity (`&name;`) no English value of the file references may name one the application does not define (compare-locales' `xmlparse` warnings)",
    },
    RuleInfo {
        code: Code::AndroidString,
        level: Severity::Error,
        rationale: "Android reads a `strings.xml` `<string>` its own way: an unescaped `'` outside `\"…\"` or a `\"\"` breaks the string, markup other than one CDATA is not plain text, a `translatable=\"false\"` string or an `@string/` reference is not to be translated (compare-locales' `android`; an English `@string/` reference is a warning)",
    },
];
