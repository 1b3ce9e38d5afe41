//! Code spans in translations: a translation keeps the English's Markdown
//! code spans (`` `SUMMARY.md` ``, `` `cargo install mdbook` ``) as written.
//! A code span is a file name, a command, an identifier or a value to type:
//! a reader who copies a translated or dropped one gets a file that is not
//! there, a command that fails. The spans are compared as sets of their
//! contents (as CommonMark reads them): their order is the language's, and a
//! translation may use one more or fewer times (in each of its variants).
//!
//! The text compared is the one the page shows: string literals inlined
//! (`` `{ "{" }{ "{" }#include…` `` is `` `{{#include…` ``), and each
//! variable, message or term reference written `{ $name }`, `{ id }`,
//! `{ -term }`, so a span around a placeable is compared with it.

use super::{EntryContext, RuleInfo};
use crate::finding::{Code, Finding, Severity};
use crate::lint::walk::EntryView;
use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};
use std::collections::BTreeSet;
use std::ops::Range;

pub const RULES: &[RuleInfo] = &[RuleInfo {
    code: Code::ChangedCode,
    level: Severity::Warning,
    rationale: "a code span of the English (a file name, command or identifier) translated, \
                altered or dropped, or one the English does not have: a reader who copies it \
                gets a wrong name or a failing command",
}];

pub fn check(ctx: &EntryContext, out: &mut Vec<Finding>) {
    let english = &ctx.reference.code;
    if english.is_empty() && memchr::memchr(b'`', ctx.uses.text.as_bytes()).is_none() {
        return;
    }
    let Some(text) = ctx.file.text.as_deref() else {
        return;
    };
    let ours = spans(&ctx.view, text);
    let have: BTreeSet<&str> = ours.iter().map(|s| s.content.as_str()).collect();
    let missing: Vec<String> = english
        .iter()
        .filter(|c| !have.contains(c.as_str()))
        .map(|c| quoted(c))
        .collect();
    let id = ctx.id();
    let mut reported = BTreeSet::new();
    for span in &ours {
        if english.contains(&span.content) || !reported.insert(span.content.as_str()) {
            continue;
        }
        let message = if missing.is_empty() {
            format!(
                "`{id}` has the code span {}, which the English does not have: readers copy code as it is written; keep the English's code spans, and no others",
                quoted(&span.content)
            )
        } else {
            format!(
                "`{id}` has the code span {} where the English has {}: keep code (file names, commands, identifiers) as the English writes it",
                quoted(&span.content),
                missing.join(", ")
            )
        };
        out.push(match &span.at {
            Some(range) => super::placed(ctx, Code::ChangedCode, range.clone(), message),
            None => ctx.finding(Code::ChangedCode, message),
        });
    }
    if reported.is_empty() && !missing.is_empty() {
        out.push(ctx.finding(
            Code::ChangedCode,
            format!(
                "`{id}` lacks the code span{} {} of the English: keep `code` (file names, commands, identifiers) as it is written, between backticks",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", ")
            ),
        ));
    }
}

/// A code span's content as Markdown, quoted with enough backticks.
fn quoted(content: &str) -> String {
    let longest = content.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if longest > 0 { " " } else { "" };
    format!("{fence}{pad}{content}{pad}{fence}")
}

/// One code span of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Its content as CommonMark reads it (line ends as spaces, one space
    /// stripped from each end when both have one).
    pub content: String,
    /// Where it is in the file, backticks included, when it is one piece
    /// of file text (else where its opening backticks are, if they are).
    pub at: Option<Range<usize>>,
}

/// The contents of the code spans of an entry's value and attributes.
pub fn contents(view: &EntryView, text: &str) -> BTreeSet<String> {
    spans(view, text).into_iter().map(|s| s.content).collect()
}

/// The code spans of an entry's value and attributes, in order (`text` is
/// the file the entry was parsed from).
pub fn spans(view: &EntryView, text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for pattern in view
        .value
        .into_iter()
        .chain(view.attributes().map(|(_, p)| p))
    {
        let mut flat = Flat::default();
        flat.pattern(pattern, text, 0);
        for (whole, content) in scan(&flat.text) {
            out.push(Span {
                content: normalize(&flat.text[content]),
                at: flat.file_range(&whole),
            });
        }
    }
    out
}

/// A pattern's text as the page shows it, with where each piece of file
/// text is in it.
#[derive(Default)]
struct Flat {
    text: String,
    /// Each piece of file text: its range in `text`, where it starts in the file.
    pieces: Vec<(Range<usize>, usize)>,
}

impl Flat {
    fn push_file(&mut self, value: &str, file: &str) {
        let at = (value.as_ptr() as usize).wrapping_sub(file.as_ptr() as usize);
        let start = self.text.len();
        self.text.push_str(value);
        if at <= file.len() && file.get(at..at + value.len()) == Some(value) {
            self.pieces.push((start..self.text.len(), at));
        }
    }

    fn pattern(&mut self, pattern: &Pattern<&str>, file: &str, depth: usize) {
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => self.push_file(value, file),
                PatternElement::Placeable { expression } => {
                    self.expression(expression, file, depth + 1)
                }
            }
        }
    }

    fn expression(&mut self, expression: &Expression<&str>, file: &str, depth: usize) {
        // Deeper nesting is the parser's limits' to report.
        if depth > 64 {
            return;
        }
        match expression {
            Expression::Select { variants, .. } => {
                for v in variants {
                    self.pattern(&v.value, file, depth + 1);
                }
            }
            Expression::Inline(inline) => self.inline(inline, file, depth),
        }
    }

    fn inline(&mut self, inline: &InlineExpression<&str>, file: &str, depth: usize) {
        match inline {
            InlineExpression::StringLiteral { value } => self.push_file(value, file),
            InlineExpression::VariableReference { id } => {
                self.text.push_str(&format!("{{ ${} }}", id.name))
            }
            InlineExpression::MessageReference { id, attribute } => {
                let attribute = attribute
                    .as_ref()
                    .map_or(String::new(), |a| format!(".{}", a.name));
                self.text.push_str(&format!("{{ {}{attribute} }}", id.name))
            }
            InlineExpression::TermReference { id, .. } => {
                self.text.push_str(&format!("{{ -{} }}", id.name))
            }
            InlineExpression::Placeable { expression } => {
                self.expression(expression, file, depth + 1)
            }
            InlineExpression::FunctionReference { .. } | InlineExpression::NumberLiteral { .. } => {
                self.text.push(super::prose::GAP)
            }
        }
    }

    /// The file range of `range` of the text: all of it when it is one
    /// piece of file text, else its first `opening` bytes' when they are.
    fn file_range(&self, range: &Range<usize>) -> Option<Range<usize>> {
        let piece = |at: usize| {
            self.pieces
                .iter()
                .find(|(r, _)| r.start <= at && at < r.end)
        };
        let (r, file) = piece(range.start)?;
        let start = file + (range.start - r.start);
        if range.end <= r.end {
            return Some(start..start + range.len());
        }
        let opening = self.text[range.clone()]
            .bytes()
            .take_while(|&b| b == b'`')
            .count();
        Some(start..start + opening.min(r.end - range.start))
    }
}

/// The code spans of a Markdown text, as CommonMark finds them: a run of
/// backticks (not escaped by a backslash) opens one, closed by the next run
/// of as many; a run with no such closer is text. Each span's whole range
/// and its content's.
fn scan(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => {
                let run = run_at(bytes, i);
                let mut j = i + run;
                let mut closed = None;
                while let Some(pos) = memchr::memchr(b'`', &bytes[j..]) {
                    let at = j + pos;
                    let other = run_at(bytes, at);
                    if other == run {
                        closed = Some(at);
                        break;
                    }
                    j = at + other;
                }
                match closed {
                    Some(at) => {
                        out.push((i..at + run, i + run..at));
                        i = at + run;
                    }
                    None => i += run,
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn run_at(bytes: &[u8], at: usize) -> usize {
    bytes[at..].iter().take_while(|&&b| b == b'`').count()
}

/// A code span's content as CommonMark reads it: line ends are spaces, and
/// one space is stripped from each end when both ends have one (and not
/// only spaces are in it).
fn normalize(content: &str) -> String {
    let content = content.replace("\r\n", " ").replace('\n', " ");
    let stripped = content
        .strip_prefix(' ')
        .and_then(|c| c.strip_suffix(' '))
        .filter(|_| content.bytes().any(|b| b != b' '));
    stripped.unwrap_or(&content).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_of(source: &str) -> Vec<(String, Option<String>)> {
        let resource = fluent_syntax::parser::parse(source).expect("valid");
        let entry = &resource.body[0];
        let view = crate::lint::walk::view(entry).expect("a message");
        spans(&view, source)
            .into_iter()
            .map(|s| (s.content, s.at.map(|r| source[r].to_string())))
            .collect()
    }

    #[test]
    fn spans_are_found_as_commonmark_finds_them() {
        let found = |t: &str| {
            scan(t)
                .into_iter()
                .map(|(_, c)| normalize(&t[c]))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found("Edit `SUMMARY.md` and `book.toml`"),
            ["SUMMARY.md", "book.toml"]
        );
        // A longer run holds shorter ones; one space each side is dropped.
        assert_eq!(found("wrap it with ```` ``` ````"), ["```"]);
        assert_eq!(found("`` `a` ``"), ["`a`"]);
        // An unclosed run is text; an escaped backtick opens nothing.
        assert_eq!(found("a ` b `` c"), Vec::<String>::new());
        assert_eq!(found(r"\`not\` `code`"), ["code"]);
        // Only spaces are kept as they are.
        assert_eq!(found("`  `"), ["  "]);
        assert_eq!(found("`a\nb`"), ["a b"]);
    }

    #[test]
    fn literals_are_inlined_and_placeables_named_with_file_places() {
        let source = "m = Voir `{ \"{\" }{ \"{\" }#include x{ \"}\" }{ \"}\" }` et `{ $path }`, `SUMMARY.md`\n    .title = `ls`\n";
        assert_eq!(
            spans_of(source),
            [
                ("{{#include x}}".to_string(), Some("`".to_string())),
                ("{ $path }".to_string(), Some("`".to_string())),
                ("SUMMARY.md".to_string(), Some("`SUMMARY.md`".to_string())),
                ("ls".to_string(), Some("`ls`".to_string())),
            ]
        );
        let arabic = "m = { $n ->\n    [one] عدّل `SUMMARY.md`\n   *[other] عدّلي `SUMMARY.md`\n}\n";
        let found = spans_of(arabic);
        assert_eq!(found.len(), 2);
        assert!(found
            .iter()
            .all(|(c, at)| c == "SUMMARY.md" && at.as_deref() == Some("`SUMMARY.md`")));
    }
}
