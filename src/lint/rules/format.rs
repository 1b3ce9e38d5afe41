//! Formatting: what the Fluent runtime cannot format. The build reports it
//! when a message fails to format (and falls back to the next locale).

use super::RuleInfo;
use crate::finding::{Code, Severity};

pub const RULES: &[RuleInfo] = &[RuleInfo {
    code: Code::FormatError,
    level: Severity::Warning,
    rationale: "a message the runtime cannot format is published from the next locale of the chain (usually English)",
}];
