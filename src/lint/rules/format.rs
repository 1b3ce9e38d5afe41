//! Formatting: what the Fluent runtime cannot format. `check` finds the
//! `NUMBER`/`DATETIME` calls whose literal argument the runtime refuses; the
//! build reports any message that fails to format (and falls back to the next
//! locale).

use super::{EntryContext, RuleInfo};
use crate::finding::{Code, Finding, Severity};
use fluent_bundle::FluentValue;
use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::FormatError,
        level: Severity::Warning,
        rationale: "a message the runtime cannot format is published from the next locale of the chain (usually English)",
    },
    RuleInfo {
        code: Code::InvalidFunctionArgument,
        level: Severity::Error,
        rationale: "`NUMBER(\"abc\")` or `DATETIME(\"31/12/2011\")` cannot be formatted: readers would see `NUMBER()`, so the build shows the next locale's text instead",
    },
];

/// `invalid-function-argument`: a `NUMBER` or `DATETIME` call whose literal
/// first argument the runtime cannot format (calls on variables depend on
/// the value the build gives, and are reported by the build).
pub fn invalid_function_argument(ctx: &EntryContext, out: &mut Vec<Finding>) {
    if ctx.uses.calls == 0 {
        return;
    }
    let mut calls = Vec::new();
    if let Some(value) = ctx.view.value {
        pattern_calls(value, &mut calls, 0);
    }
    for (_, pattern) in ctx.view.attributes() {
        pattern_calls(pattern, &mut calls, 0);
    }
    let text = ctx.file.text.as_deref().unwrap_or_default();
    for (name, argument) in calls {
        let Some(problem) = crate::intl::argument_error(name, argument.as_ref()) else {
            continue;
        };
        let at = crate::ftl::load::offset_in(text, name);
        let (line, column) = if at == 0 {
            ctx.place.position()
        } else {
            crate::ftl::line_column(text, at)
        };
        out.push(Finding {
            line,
            column,
            span: at..at + name.len(),
            ..ctx.finding(
                Code::InvalidFunctionArgument,
                format!("`{}`: {problem}", ctx.id()),
            )
        });
    }
}

/// A call's function name and its first argument when that is a literal
/// (`None` when it has none); calls on anything else are left out.
type Call<'s> = (&'s str, Option<FluentValue<'static>>);

fn pattern_calls<'s>(pattern: &Pattern<&'s str>, calls: &mut Vec<Call<'s>>, depth: usize) {
    if depth > 64 {
        return;
    }
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_calls(expression, calls, depth + 1);
        }
    }
}

fn expression_calls<'s>(expression: &Expression<&'s str>, calls: &mut Vec<Call<'s>>, depth: usize) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_calls(selector, calls, depth);
            for v in variants {
                pattern_calls(&v.value, calls, depth + 1);
            }
        }
        Expression::Inline(inline) => inline_calls(inline, calls, depth),
    }
}

fn inline_calls<'s>(inline: &InlineExpression<&'s str>, calls: &mut Vec<Call<'s>>, depth: usize) {
    match inline {
        InlineExpression::FunctionReference { id, arguments } => {
            let first = arguments.positional.first();
            let literal = match first {
                None => Some(None),
                Some(InlineExpression::StringLiteral { value }) => Some(Some(FluentValue::String(
                    fluent_syntax::unicode::unescape_unicode_to_string(value)
                        .into_owned()
                        .into(),
                ))),
                Some(InlineExpression::NumberLiteral { value }) => {
                    Some(Some(FluentValue::try_number(value).into_owned()))
                }
                Some(_) => None,
            };
            if let Some(argument) = literal {
                calls.push((id.name, argument));
            }
            for a in &arguments.positional {
                inline_calls(a, calls, depth + 1);
            }
        }
        InlineExpression::Placeable { expression } if depth < 64 => {
            expression_calls(expression, calls, depth + 1)
        }
        _ => {}
    }
}
