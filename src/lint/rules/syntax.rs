//! `syntax-error`: what the parser could not read, said where the translator
//! has to act, with a hint for the errors translators make most.

use super::RuleInfo;
use crate::finding::{Code, Finding, Severity};
use crate::ftl::LineIndex;
use fluent_syntax::parser::{ErrorKind, ParserError};
use std::ops::Range;

pub const RULES: &[RuleInfo] = &[RuleInfo {
    code: Code::SyntaxError,
    level: Severity::Error,
    rationale: "the parser skips a broken entry, so its translation is never shown",
}];

/// At most this many syntax errors are reported per file; the rest are counted.
pub const MAX_SYNTAX_FINDINGS: usize = 100;

/// The hint for a line of text that follows a message unindented: Fluent
/// reads it as a new entry, but the translator meant a second line.
const INDENT_HINT: &str = " (a message's value continues on lines that start with a space: indent this line; if it starts a new message, put `=` after its id)";

/// Whether the junk at `junk_start` is a line of text that continues the
/// message above it: the line before is not blank and not a comment, and the
/// junk's first word is not an id such as `hello-title` (ids ftlkit makes
/// have a `-`) followed by its text.
fn continues_a_message(text: &str, junk_start: usize) -> bool {
    let before = &text[..junk_start.min(text.len())];
    let Some(previous) = before.trim_end_matches(['\n', '\r']).lines().last() else {
        return false;
    };
    if !before.ends_with('\n') || previous.trim().is_empty() || previous.starts_with('#') {
        return false;
    }
    let line = text[junk_start..].lines().next().unwrap_or("");
    let first_word = line
        .split(|c: char| c.is_whitespace() || c == '=')
        .next()
        .unwrap_or("");
    let id_like =
        first_word.contains(['-', '_']) || first_word.contains(|c: char| c.is_ascii_digit());
    let rest = line.strip_prefix(first_word).unwrap_or(line);
    !id_like && !rest.trim_start().starts_with('=')
}

/// What to do about the syntax errors translators make most; `junk_start`
/// is where the skipped text begins.
fn syntax_hint(kind: &ErrorKind, text: &str, junk_start: usize) -> &'static str {
    let text_line = matches!(
        kind,
        ErrorKind::ExpectedToken('=') | ErrorKind::ExpectedCharRange { .. }
    );
    if text_line && continues_a_message(text, junk_start) {
        return INDENT_HINT;
    }
    match kind {
        ErrorKind::ExpectedInlineExpression | ErrorKind::UnbalancedClosingBrace => {
            " (braces hold placeables such as `{ $name }`; a brace as text is written `{\"{\"}` or `{\"}\"}`)"
        }
        ErrorKind::ExpectedToken('=') => " (a message is `id = value`: is the `=` missing?)",
        ErrorKind::ExpectedToken('}') => " (a placeable opened with `{` is not closed with `}`)",
        ErrorKind::MissingDefaultVariant => {
            " (one variant of a selector must be the default, marked with `*`, as in `*[other]`)"
        }
        ErrorKind::MissingValue => " (the message has no text: translate it or remove it)",
        ErrorKind::ExpectedMessageField { .. } => {
            " (the message has no value on its line: if you uncommented a template, remove `#  ` from its other lines too, and indent them)"
        }
        ErrorKind::UnterminatedStringLiteral => " (a `\"` inside `{ }` is not closed on the same line)",
        _ => "",
    }
}

/// The findings for a file's syntax errors, the first [`MAX_SYNTAX_FINDINGS`]
/// of them and a line counting the rest.
pub fn syntax_findings(
    errors: &[ParserError],
    text: &str,
    lines: &LineIndex,
    display: &str,
    locale: &str,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = errors
        .iter()
        .take(MAX_SYNTAX_FINDINGS)
        .map(|e| {
            // An entry cut short by a line end is reported at the end of that
            // line, where the translator has to add something, not on the next.
            let mut at = e.pos.start.min(text.len());
            let junk_start = e.slice.as_ref().map_or(at, |s| s.start);
            while at > junk_start && text[..at].ends_with('\n') {
                at -= 1;
                if text[..at].ends_with('\r') {
                    at -= 1;
                }
            }
            syntax_error(
                locale,
                display,
                lines.position(at),
                format!(
                    "{}; the entry is skipped until it is fixed{}",
                    e.kind,
                    syntax_hint(&e.kind, text, junk_start)
                ),
                at..e.pos.end.max(at + 1).min(text.len()),
            )
        })
        .collect();
    if errors.len() > MAX_SYNTAX_FINDINGS {
        let last = out.last().cloned();
        if let Some(mut f) = last {
            f.message = format!(
                "{} more syntax errors in this file are not shown",
                errors.len() - MAX_SYNTAX_FINDINGS
            );
            out.push(f);
        }
    }
    out
}

/// A file nested too deeply to parse, at byte `at`.
pub fn too_deep_finding(text: &str, at: usize, display: &str, locale: &str) -> Finding {
    let position = crate::ftl::line_column(text, at);
    syntax_error(
        locale,
        display,
        position,
        crate::ftl::too_deep_message(),
        at..at + 1,
    )
}

fn syntax_error(
    locale: &str,
    display: &str,
    (line, column): (usize, usize),
    message: String,
    span: Range<usize>,
) -> Finding {
    Finding {
        line,
        column,
        span,
        ..super::finding(Code::SyntaxError, locale, display, message)
    }
}
